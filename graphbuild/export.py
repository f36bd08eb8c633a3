r"""Export the graph to files other tools read: GraphML, GEXF, node-link JSON, Neo4j CSV.

Every file is written to a temporary folder ``.NAME.tmp-PID`` beside its destination first and then renamed
into place, so a reader sees either the previous file or the new one. The ``neo4j-csv`` folder is replaced
whole (its files belong together): the temporary folder takes its place in one rename, so a reader never
sees old and new CSVs mixed; it is refused for a folder holding files other than an earlier export's. What
a killed export left beside its destination is cleared by the next one.

GraphML and GEXF allow only scalar attributes: lists (``aliases``,
``authors``) become one string joined by ``|`` and missing values are left
out. In GEXF the node ``label`` is the display text (title or name), so the
node's schema label moves to the attribute ``kind``; GraphML keeps ``label``.
Edges carry their relationship type as ``rel_type`` in both (GEXF reserves
``type`` for the edge direction) and, in GEXF, as the edge ``label``.
Characters XML cannot hold (C0 controls such as ``ESC`` or ``BEL``, lone
surrogates) are written as the visible text ``\u001b``, so the files stay
well-formed. A number that is infinite or not a number (``NaN``), which none of
the formats can hold (JSON has no ``Infinity``; neo4j-admin reads no ``inf``),
is written as no value.

The ``neo4j-csv`` format follows the header conventions of
``neo4j-admin database import full``:

* one ``nodes_<Label>.csv`` per label with ``id:ID(<Label>)`` (one id space per
  label), the properties with typed headers (``year:long``, ``external:boolean``,
  ``aliases:string[]``) and a ``:LABEL`` column such as ``Entity;Method;Graphbuild``;
* one ``rels_<TYPE>.csv`` per relationship type with ``:START_ID(<Label>)``,
  ``:END_ID(<Label>)``, ``:TYPE`` and typed properties;
* arrays are delimited by ``;`` (a ``;`` inside an element becomes ``,``);
  empty fields mean "no value"; text may hold newlines, so import with
  ``--multiline-fields=true``. ``neo4j-admin-import.txt`` holds the command.

``Graphbuild`` is the marker label :class:`graphbuild.stores.neo4j.Neo4jStore`
gives its nodes, so an imported graph can later be synced or wiped by graphbuild.
"""

from __future__ import annotations

import csv
import errno
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import UsageError
from .fsutil import cannot_write, fresh_temp_folder, open_stream, output_error, path_kind, pause, swap_in_folder
from .records import ENTITY_TYPES
from .schema import NODE_TABLES, REL_TABLES

__all__ = ["EXPORT_FORMATS", "export_graph", "format_of", "csv_header", "ARRAY_DELIMITER", "MARKER_LABEL"]

EXPORT_FORMATS = ("graphml", "gexf", "json", "neo4j-csv")
ARRAY_DELIMITER = ";"
#: kept equal to graphbuild.stores.neo4j.MARKER_LABEL (not imported: no driver needed here)
MARKER_LABEL = "Graphbuild"

#: schema column type -> neo4j-admin import header type
_CSV_TYPES = {"STRING": "string", "INT64": "long", "BOOLEAN": "boolean", "DOUBLE": "double",
              "STRING[]": "string[]"}


#: the formats written as one file, and that file's suffix: a destination with it names the file
_ONE_FILE = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json"}


def format_of(destination: Path) -> str | None:
    """The one-file format a destination's suffix names (``graph.graphml``: ``graphml``), or None.

    An existing folder names none, whatever its suffix (it is written into).
    """
    suffix = Path(destination).suffix.lower()
    named = next((name for name, own in _ONE_FILE.items() if own == suffix), None)
    return named if named and path_kind(Path(destination)) != "dir" else None


def export_graph(G: nx.MultiDiGraph, fmt: str, out_dir: Path) -> list[Path]:
    """Write ``G`` as ``fmt`` into ``out_dir`` (created if missing); return the files written.

    Parameters
    ----------
    G : the graph from :func:`graphbuild.graph.build_graph` or ``load_graph``.
    fmt : one of :data:`EXPORT_FORMATS`.
    out_dir : destination folder; files of the same names are replaced (``neo4j-csv``: the folder is
        replaced whole, and one holding other files than an earlier export's is refused). For a format written
        as one file, a destination ending in its suffix that is no folder (``graph.graphml``,
        ``out/papers.json``) is that file; one ending in another format's suffix that is no folder
        (``x.gexf`` for ``graphml``) is refused.

    Raises
    ------
    ValueError : ``fmt`` is not a known format.
    OutputError : ``out_dir`` cannot be created or written.
    UsageError : ``out_dir`` is no folder and ends in the suffix of a format other than ``fmt``; for
        ``neo4j-csv``, ``out_dir`` holds files an export did not write.
    """
    writers: dict[str, Callable[[nx.MultiDiGraph, Path], list[str]]] = {
        "graphml": _write_graphml, "gexf": _write_gexf, "json": _write_json, "neo4j-csv": _write_neo4j_csv,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    out_dir = Path(out_dir)
    one_file = None
    suffix = out_dir.suffix.lower()
    if suffix in _ONE_FILE.values() and path_kind(out_dir) != "dir":
        if suffix != _ONE_FILE.get(fmt):  # it wrote a folder named like the other format's file
            other = next(name for name, own in _ONE_FILE.items() if own == suffix)
            wanted = f"a file ending in {_ONE_FILE[fmt]} or a folder" if fmt in _ONE_FILE else "a folder"
            raise UsageError(f"{out_dir} ends in {suffix}, the suffix of the {other} format, not of {fmt}; "
                             f"name {wanted}")
        one_file, out_dir = out_dir, out_dir.parent
    write = writers[fmt]
    if fmt in _ONE_FILE and path_kind(out_dir) == "other":
        _to_device(out_dir, lambda tmp: write(G, tmp))
        return [out_dir]
    if fmt in _ONE_FILE:
        dest = one_file or out_dir / f"graph{_ONE_FILE[fmt]}"
        _in_temp_folder(dest, one_file or out_dir, lambda tmp: write(G, tmp),
                        lambda tmp, names: os.replace(tmp / names[0], dest))
        return [dest]
    folder = Path(os.path.realpath(out_dir))  # a link to a folder: replace the folder, not the link
    _check_export_folder(folder, out_dir)
    names = _in_temp_folder(folder, out_dir, lambda tmp: write(G, tmp), lambda tmp, _: swap_in_folder(tmp, folder))
    return [out_dir / name for name in names]


def _in_temp_folder(dest: Path, shown: Path, fill: Callable[[Path], list[str]],
                    place: Callable[[Path, list[str]], None]) -> list[str]:
    """Write into the temporary folder ``.NAME.tmp-PID`` beside ``dest`` with ``fill`` (which returns the
    names written), then ``place`` them; returns the names. What a killed export left beside ``dest`` is
    cleared first; a failure is an :class:`OutputError` naming ``shown`` (:func:`~graphbuild.fsutil.cannot_write`;
    ``dest`` of a neo4j-csv export is its real path).
    """
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = fresh_temp_folder(dest)
    except OSError as exc:
        raise cannot_write(shown, exc, old="output") from None
    try:
        names = fill(tmp)
        pause("export")
        place(tmp, names)
        return names
    except OSError as exc:
        if exc.errno == errno.EISDIR:  # graph.json in the folder given is a folder (one-file formats: as given)
            raise cannot_write(dest, exc, old=None, advice=f"name a file ending in {dest.suffix}, or another "
                               "folder") from None
        raise cannot_write(shown, exc, old="output") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _to_device(device: Path, fill: Callable[[Path], list[str]]) -> None:
    """Write the one file ``fill`` makes to a pipe or device (``/dev/stdout``, a FIFO) as it is, as a shell's
    ``>`` would: there is nothing to replace atomically (it was taken for a folder: "File exists").

    The file is made in a temporary folder of the system's and copied; a reader that closed the pipe
    (``| head``) ends the copy with the ``BrokenPipeError`` the command line passes over quietly.
    """
    with tempfile.TemporaryDirectory(prefix="graphbuild-export-") as tmp:
        [name] = fill(Path(tmp))
        try:
            with open(Path(tmp) / name, "rb") as src, open_stream(device, binary=True) as out:
                shutil.copyfileobj(src, out, 1 << 20)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise cannot_write(device, exc, old=None) from None


#: what a neo4j-csv export writes into its folder (and the temporary folders of earlier versions)
_EXPORT_ENTRY = re.compile(r"^(nodes_[A-Za-z0-9_]+\.csv|rels_[A-Za-z0-9_]+\.csv|neo4j-admin-import\.txt|\.export-.+)$")


def _working_folder() -> Path | None:
    try:
        return Path(os.getcwd())
    except OSError:  # it was removed
        return None


def _check_export_folder(folder: Path, shown: Path) -> None:
    """Refuse a destination the neo4j-csv export may not replace whole: a file, the root, the current
    folder (a shell in it would be left in the removed old one), or a folder holding anything an export
    did not write.
    """
    kind = path_kind(folder)
    if kind is None:
        return
    if kind != "dir":
        raise output_error(shown, errno.ENOTDIR, old=None)
    try:
        entries = sorted(os.listdir(folder))
    except OSError as exc:
        raise cannot_write(shown, exc, old="output") from None
    foreign = next((name for name in entries if not _EXPORT_ENTRY.match(name)), None)
    if foreign is not None or not folder.name or folder == _working_folder():
        what = (f"holds {foreign!r}, which a neo4j-csv export did not write" if foreign
                else "is the root folder" if not folder.name else "is the current folder")
        raise UsageError(f"{shown} {what}; the export replaces the whole folder: name a new or empty folder, "
                         "or one a neo4j-csv export wrote")


# ---------------------------------------------------------------------------
# GraphML, GEXF, JSON


def _scalar(value: Any) -> Any:
    """A value GraphML/GEXF can hold, or None to leave the attribute out."""
    if value is None or _not_finite(value):
        return None
    if isinstance(value, (list, tuple, set)):
        return "|".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


#: Characters XML 1.0 cannot hold at all (not even as character references).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    r"""``text`` with every character XML cannot hold written as a visible ``\uXXXX`` escape.

    >>> xml_text("red \x1b[31m, bell \x07, tab \t kept")
    'red \\u001b[31m, bell \\u0007, tab \t kept'
    """
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _scalar_attrs(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        scalar = _scalar(value)
        if scalar is not None:
            out[xml_text(str(key))] = xml_text(scalar) if isinstance(scalar, str) else scalar
    return out


def _scalar_graph(G: nx.MultiDiGraph, *, gexf: bool) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        attrs = _scalar_attrs(data)
        if gexf:
            attrs["kind"] = attrs.pop("label", "")
            attrs["label"] = xml_text(str(data.get("title") or data.get("name") or node))
        H.add_node(xml_text(str(node)), **attrs)
    for src, dst, key, data in G.edges(keys=True, data=True):
        attrs = _scalar_attrs(data)
        attrs["rel_type"] = str(key)  # not "type": GEXF reserves it for edge direction
        if gexf:
            attrs["label"] = str(key)
        H.add_edge(xml_text(str(src)), xml_text(str(dst)), key=key, **attrs)
    return H


def _write_graphml(G: nx.MultiDiGraph, tmp: Path) -> list[str]:
    nx.write_graphml(_scalar_graph(G, gexf=False), tmp / "graph.graphml", encoding="utf-8")
    return ["graph.graphml"]


def _write_gexf(G: nx.MultiDiGraph, tmp: Path) -> list[str]:
    nx.write_gexf(_scalar_graph(G, gexf=True), tmp / "graph.gexf", encoding="utf-8")
    return ["graph.gexf"]


def _not_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _finite(value: Any) -> Any:
    """``value`` with every infinite or NaN float inside it (in dicts and lists) made ``None``."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return None if _not_finite(value) else value


def _write_json(G: nx.MultiDiGraph, tmp: Path) -> list[str]:
    data = _finite(nx.node_link_data(G, edges="edges"))
    with open(tmp / "graph.json", "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False)
    return ["graph.json"]


# ---------------------------------------------------------------------------
# neo4j-admin CSV


def csv_header(kind: str, name: str) -> list[str]:
    """The CSV header for node label or relationship type ``name`` (kind ``node``/``rel``)."""
    if kind == "node":
        cols = [f"id:ID({name})"]
        cols += [_typed(col, typ) for col, typ in NODE_TABLES[name].items() if col != "id"]
        return cols + [":LABEL"]
    src, dst, props = REL_TABLES[name]
    return [f":START_ID({src})", f":END_ID({dst})", ":TYPE"] + [_typed(col, typ) for col, typ in props.items()]


def _typed(col: str, typ: str) -> str:
    kind = _CSV_TYPES[typ]
    return col if kind == "string" else f"{col}:{kind}"


def _csv_value(value: Any, typ: str) -> str:
    if value is None or _not_finite(value):
        return ""
    if typ.endswith("[]"):
        items = value if isinstance(value, (list, tuple)) else [value]
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, ",") for v in items if v is not None)
    if typ == "BOOLEAN":
        return "true" if value else "false"
    return str(value)


def _node_labels(label: str, data: dict[str, Any]) -> str:
    labels = [label]
    if label == "Entity" and data.get("type") in ENTITY_TYPES:
        labels.append(str(data["type"]))
    labels.append(MARKER_LABEL)
    return ARRAY_DELIMITER.join(labels)


def _write_neo4j_csv(G: nx.MultiDiGraph, tmp: Path) -> list[str]:
    names: list[str] = []
    node_label: dict[Any, str] = {}
    for label, columns in NODE_TABLES.items():
        name = f"nodes_{label}.csv"
        with open(tmp / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(csv_header("node", label))
            for node, data in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
                if data.get("label") != label:
                    continue
                node_label[node] = label
                row = [str(data.get("id", node))]
                row += [_csv_value(data.get(col), typ) for col, typ in columns.items() if col != "id"]
                writer.writerow(row + [_node_labels(label, data)])
        names.append(name)
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[2]), str(e[0]), str(e[1])))
    for rel, (src, dst, props) in REL_TABLES.items():
        name = f"rels_{rel}.csv"
        with open(tmp / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(csv_header("rel", rel))
            for a, b, key, data in edges:
                if key != rel or node_label.get(a) != src or node_label.get(b) != dst:
                    continue
                row = [str(G.nodes[a].get("id", a)), str(G.nodes[b].get("id", b)), rel]
                writer.writerow(row + [_csv_value(data.get(col), typ) for col, typ in props.items()])
        names.append(name)
    command = ["neo4j-admin database import full",
               *[f"  --nodes={n}" for n in names if n.startswith("nodes_")],
               *[f"  --relationships={n}" for n in names if n.startswith("rels_")],
               f"  --array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true",
               "  <database name>"]
    with open(tmp / "neo4j-admin-import.txt", "w", encoding="utf-8") as fh:
        fh.write("# run in this folder with the Neo4j server stopped:\n" + " \\\n".join(command) + "\n")
    names.append("neo4j-admin-import.txt")
    return names
