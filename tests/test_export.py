"""Exports: GraphML, GEXF, node-link JSON and neo4j-admin CSV."""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import signal
import stat
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from graph_fixture import E, load_csv_on_neo4j, small_graph

from graphbuild import export as export_mod
from graphbuild.errors import OutputError, UsageError
from graphbuild.export import EXPORT_FORMATS, csv_header, export_graph
from graphbuild.schema import NODE_TABLES, REL_TABLES


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        return header, [dict(zip(header, row)) for row in reader]


def _label_counts(G: nx.MultiDiGraph) -> Counter:
    return Counter(data["label"] for _, data in G.nodes(data=True))


def _edge_counts(G: nx.MultiDiGraph) -> Counter:
    return Counter(key for _, _, key in G.edges(keys=True))


def test_export_neo4j_csv_headers_and_counts(tmp_path):
    G = small_graph()
    paths = export_graph(G, "neo4j-csv", tmp_path)
    assert {p.name for p in paths} == ({f"nodes_{label}.csv" for label in NODE_TABLES}
                                       | {f"rels_{rel}.csv" for rel in REL_TABLES} | {"neo4j-admin-import.txt"})
    for label, count in _label_counts(G).items():
        header, rows = _read_csv(tmp_path / f"nodes_{label}.csv")
        assert header == csv_header("node", label)
        assert len(rows) == count
    for rel, count in _edge_counts(G).items():
        header, rows = _read_csv(tmp_path / f"rels_{rel}.csv")
        assert header == csv_header("rel", rel)
        assert len(rows) == count and {r[":TYPE"] for r in rows} == {rel}


def test_export_neo4j_csv_typed_values(tmp_path):
    export_graph(small_graph(), "neo4j-csv", tmp_path)
    header, papers = _read_csv(tmp_path / "nodes_Paper.csv")
    assert header[0] == "id:ID(Paper)" and "year:long" in header and "external:boolean" in header
    p1 = next(r for r in papers if r["id:ID(Paper)"] == "P1")
    assert p1["year:long"] == "2021" and p1["external:boolean"] == "false" and p1["venue"] == ""
    assert p1[":LABEL"] == "Paper;Graphbuild"
    _, entities = _read_csv(tmp_path / "nodes_Entity.csv")
    lora = next(r for r in entities if r["id:ID(Entity)"] == E["LoRA"])
    assert lora[":LABEL"] == "Entity;Method;Graphbuild"
    assert lora["aliases:string[]"] == "low-rank adaptation"
    header, cites = _read_csv(tmp_path / "rels_CITES.csv")
    assert header[:3] == [":START_ID(Paper)", ":END_ID(Paper)", ":TYPE"]
    inferred = [r for r in cites if r["inferred:boolean"] == "true"]
    assert [(r[":START_ID(Paper)"], r[":END_ID(Paper)"], r["via"]) for r in inferred] == [("P2", "P4", E["Llama-2-7B"])]


def test_export_neo4j_csv_array_delimiter_inside_an_element_is_replaced(tmp_path):
    G = small_graph()
    G.nodes[E["LoRA"]]["aliases"] = ["low-rank adaptation", "a;b"]
    export_graph(G, "neo4j-csv", tmp_path)
    _, entities = _read_csv(tmp_path / "nodes_Entity.csv")
    lora = next(r for r in entities if r["id:ID(Entity)"] == E["LoRA"])
    assert lora["aliases:string[]"].split(";") == ["low-rank adaptation", "a,b"]


def test_export_graphml_round_trips_with_scalar_attributes(tmp_path):
    G = small_graph()
    [path] = export_graph(G, "graphml", tmp_path)
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert H.nodes["P1"]["authors"] == "Edward Hu|Yelong Shen"
    assert H.nodes["P1"]["year"] == 2021 and H.nodes["P1"]["label"] == "Paper"
    assert "date" not in H.nodes["P1"]  # None is left out
    assert H.nodes[E["Llama"]]["aliases"] == "LLaMA"
    assert Counter(d["rel_type"] for _, _, d in H.edges(data=True)) == _edge_counts(G)


def test_export_gexf_round_trips_with_kind_and_display_label(tmp_path):
    G = small_graph()
    [path] = export_graph(G, "gexf", tmp_path)
    H = nx.read_gexf(path)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert H.nodes["P1"]["kind"] == "Paper" and H.nodes["P1"]["label"] == "LoRA paper"
    assert H.nodes[E["ViT"]]["aliases"] == "Vision Transformer"
    assert Counter(d["rel_type"] for _, _, d in H.edges(data=True)) == _edge_counts(G)
    assert {d["label"] for _, _, d in H.edges(data=True)} == set(_edge_counts(G))


def test_export_json_is_node_link_with_lists_kept(tmp_path):
    G = small_graph()
    [path] = export_graph(G, "json", tmp_path)
    H = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), directed=True, multigraph=True,
                           edges="edges")
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert H.nodes["P2"]["authors"] == ["Tim Dettmers", "Edward Hu"]
    assert H.has_edge("P2", "P4", key="CITES")


def test_export_of_one_file_to_a_name_with_its_suffix_writes_that_file(tmp_path):
    [path] = export_graph(small_graph(), "graphml", tmp_path / "out" / "papers.graphml")
    assert path == tmp_path / "out" / "papers.graphml" and path.is_file()  # was a folder holding graph.graphml
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["papers.graphml"]
    assert nx.read_graphml(path).number_of_nodes() == small_graph().number_of_nodes()
    (tmp_path / "folder.json").mkdir()  # an existing folder stays a folder; another suffix names a folder
    assert export_graph(small_graph(), "json", tmp_path / "folder.json") == [tmp_path / "folder.json" / "graph.json"]
    assert export_graph(small_graph(), "gexf", tmp_path / "folder.json") == [tmp_path / "folder.json" / "graph.gexf"]


@pytest.mark.parametrize("fmt, name, wanted", [
    ("graphml", "x.gexf", "name a file ending in .graphml or a folder"),
    ("gexf", "x.JSON", "name a file ending in .gexf or a folder"),
    ("neo4j-csv", "x.graphml", "name a folder"),
])
def test_export_to_a_name_with_another_formats_suffix_is_refused(tmp_path, fmt, name, wanted):
    """It wrote a folder ``x.gexf/`` holding ``graph.graphml``, which a reader of GEXF cannot open."""
    other = {".gexf": "gexf", ".json": "json", ".graphml": "graphml"}[Path(name).suffix.lower()]
    with pytest.raises(UsageError) as caught:
        export_graph(small_graph(), fmt, tmp_path / name)
    assert str(caught.value) == (f"[E710] {tmp_path / name} ends in {Path(name).suffix.lower()}, the suffix of the "
                                 f"{other} format, not of {fmt}; {wanted}")
    assert os.listdir(tmp_path) == []


def test_export_replaces_files_atomically_and_cleans_up_on_failure(tmp_path, monkeypatch):
    [path] = export_graph(small_graph(), "graphml", tmp_path)
    before = path.read_bytes()

    def broken_writer(G, target, **kwargs):
        Path(target).write_text("<graphml half-written", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_mod.nx, "write_graphml", broken_writer)
    with pytest.raises(OutputError, match=r"no space left on the device; free space on the device, or choose another "
                                          r"place \(the old output, if any, is unchanged\)$"):
        export_graph(small_graph(), "graphml", tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml"]


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _export_killed_at_pause(out: Path) -> int:
    """Export a graph with one more paper into ``out`` in a subprocess, SIGKILL it at the ``export`` pause
    (its files written, none placed yet); returns its process id.
    """
    script = ("import sys; sys.path.insert(0, sys.argv[2]); from pathlib import Path; "
              "from graph_fixture import small_graph; from graphbuild.export import export_graph; "
              "G = small_graph(); G.add_node('P9', label='Paper', id='P9', title='Killed', external=False); "
              "export_graph(G, 'neo4j-csv', Path(sys.argv[1]))")
    env = {**os.environ, "GRAPHBUILD_TEST_PAUSE_AT": "export"}
    with subprocess.Popen([sys.executable, "-c", script, str(out), str(Path(__file__).parent)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as proc:
        try:
            said = proc.stderr.readline()  # type: ignore[union-attr]
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert "test pause at export" in said, said
    return proc.pid


def test_export_neo4j_csv_killed_before_its_folder_is_placed_leaves_the_old_export_whole(tmp_path):
    """The files were swapped in one at a time: a kill between two left old and new CSVs mixed."""
    out = tmp_path / "csv"
    export_graph(small_graph(), "neo4j-csv", out)
    before = _folder_bytes(out)
    pid = _export_killed_at_pause(out)
    assert _folder_bytes(out) == before  # the old export, every file of it
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".csv.tmp-{pid}", "csv"]
    (tmp_path / f".csv.old-{pid}").mkdir()  # as a kill between the two renames of the swap leaves it
    G = small_graph()
    G.add_node("P9", label="Paper", id="P9", title="New", external=False)
    export_graph(G, "neo4j-csv", out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]  # the dead export's copies are cleared
    _, rows = _read_csv(out / "nodes_Paper.csv")
    assert "P9" in {row["id:ID(Paper)"] for row in rows}


def test_export_of_one_file_clears_what_a_killed_export_left_beside_it(tmp_path):
    dead = tmp_path / ".graph.json.tmp-999999999"  # beyond any process id the system hands out
    dead.mkdir()
    (dead / "graph.json").write_text("{half", encoding="utf-8")
    export_graph(small_graph(), "json", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


def test_export_neo4j_csv_into_a_folder_of_other_files_is_refused(tmp_path, monkeypatch):
    """The folder is replaced whole, so a file the export did not write would be lost with it."""
    export_graph(small_graph(), "neo4j-csv", tmp_path / "csv")
    (tmp_path / "csv" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match=r"^\[E710\] .*csv holds 'notes.txt', which a neo4j-csv export did not "
                                         r"write; the export replaces the whole folder: name a new or empty folder"):
        export_graph(small_graph(), "neo4j-csv", tmp_path / "csv")
    assert (tmp_path / "csv" / "notes.txt").read_text(encoding="utf-8") == "mine"
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")  # a shell there would be left in the removed old folder
    with pytest.raises(UsageError, match=r"^\[E710\] \. is the current folder; the export replaces the whole"):
        export_graph(small_graph(), "neo4j-csv", Path("."))
    assert os.listdir(tmp_path / "here") == []
    (tmp_path / "file").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError, match=r"^\[E700\] cannot write .*file: it is a file, not a folder; name a folder$"):
        export_graph(small_graph(), "neo4j-csv", tmp_path / "file")
    assert (tmp_path / "file").read_text(encoding="utf-8") == "a file"


def test_export_neo4j_csv_through_a_link_replaces_the_folder_it_names(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    export_graph(small_graph(), "neo4j-csv", tmp_path / "link")
    assert (tmp_path / "link").is_symlink() and (tmp_path / "real" / "nodes_Paper.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_export_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="graphml"):
        export_graph(small_graph(), "dot", tmp_path)
    assert set(EXPORT_FORMATS) == {"graphml", "gexf", "json", "neo4j-csv"}


# --- loading the CSVs into the real server --------------------------------


def _value_expr(column: str) -> tuple[str, str]:
    """(property name, Cypher expression reading it from ``row``) for a typed header."""
    name, _, typ = column.partition(":")
    ref = f"row.`{column}`"
    expr = {"long": f"toInteger({ref})", "boolean": f"toBoolean({ref})",
            "string[]": f"split({ref}, ';')"}.get(typ, ref)
    return name, expr


@pytest.mark.neo4j
def test_export_neo4j_csv_loads_into_neo4j_with_matching_counts(neo4j_uri):
    from graphbuild.stores.neo4j import Neo4jStore

    G = small_graph()
    store = Neo4jStore(neo4j_uri, password=os.environ.get("NEO4J_PASSWORD", "graphbuild-test"))
    try:
        [config] = store.query("CALL dbms.listConfig('server.directories.import') YIELD value RETURN value")
        import_dir = Path(config["value"])
        if not import_dir.is_dir():
            pytest.skip(f"the server's import folder {import_dir} is not on this machine")
        sub = f"graphbuild-test-{uuid.uuid4().hex[:8]}"
        export_graph(G, "neo4j-csv", import_dir / sub)
        for label in NODE_TABLES:
            header, _ = _read_csv(import_dir / sub / f"nodes_{label}.csv")
            sets = ", ".join(f"n.{name} = {expr}" for name, expr in map(_value_expr, header[1:-1]))
            load_csv_on_neo4j(store, f"LOAD CSV WITH HEADERS FROM $url AS row CREATE (n:ExportTest "
                                     f"{{id: row.`{header[0]}`, labels: split(row.`:LABEL`, ';')}}) SET {sets}",
                              f"file:///{sub}/nodes_{label}.csv")
        for rel in REL_TABLES:
            header, _ = _read_csv(import_dir / sub / f"rels_{rel}.csv")
            sets = ", ".join(f"r.{name} = {expr}" for name, expr in map(_value_expr, header[3:]))
            load_csv_on_neo4j(store, f"LOAD CSV WITH HEADERS FROM $url AS row MATCH (a:ExportTest "
                              f"{{id: row.`{header[0]}`}}), (b:ExportTest {{id: row.`{header[1]}`}}) CREATE "
                              f"(a)-[r:EXPORT_TEST {{type: row.`:TYPE`}}]->(b)" + (f" SET {sets}" if sets else ""),
                              f"file:///{sub}/rels_{rel}.csv")
        nodes = store.query("MATCH (n:ExportTest) RETURN n.labels[0] AS label, count(*) AS n")
        assert {r["label"]: r["n"] for r in nodes} == dict(_label_counts(G))
        rels = store.query("MATCH (:ExportTest)-[r:EXPORT_TEST]->(:ExportTest) RETURN r.type AS type, count(*) AS n")
        assert {r["type"]: r["n"] for r in rels} == dict(_edge_counts(G))
        [p1] = store.query("MATCH (n:ExportTest {id: 'P1'}) RETURN n.year AS year, n.external AS ext")
        assert p1 == {"year": 2021, "ext": False}
        [lora] = store.query("MATCH (n:ExportTest {id: $id}) RETURN n.aliases AS a, n.labels AS l", {"id": E["LoRA"]})
        assert lora == {"a": ["low-rank adaptation"], "l": ["Entity", "Method", "Graphbuild"]}
        [vit] = store.query("MATCH (:ExportTest {id: 'P5'})-[r:EXPORT_TEST {type: 'PROPOSES'}]->() "
                            "RETURN r.evidence AS ev, r.char_end AS end")
        evidence = "We propose ViT <script>alert(1)</script>."
        assert vit == {"ev": evidence, "end": len(evidence)}
    finally:
        store.query("MATCH (n:ExportTest) DETACH DELETE n", write=True)
        store.close()
        if "import_dir" in locals() and "sub" in locals():
            shutil.rmtree(import_dir / sub, ignore_errors=True)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_control_characters_stay_well_formed_xml(tmp_path, fmt, reader):
    G = small_graph()
    G.nodes["P1"]["title"] = "Red \x1b[31malert\x1b[0m and a bell \x07 in\ta title"
    G.add_node("entity:evil\x1b", label="Entity", id="entity:evil\x1b", name="Evil\x00Net", type="Model")
    G.add_edge("P1", "entity:evil\x1b", key="USES", evidence="uses Evil\x1bNet")
    [path] = export_graph(G, fmt, tmp_path)
    back = reader(path)  # would raise on ill-formed XML
    assert back.number_of_nodes() == G.number_of_nodes()
    raw = path.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\x07" not in raw and "\x00" not in raw
    assert "Red \\u001b[31malert" in raw and "Evil\\u0000Net" in raw
    if fmt == "graphml":
        assert back.nodes["P1"]["title"].startswith("Red \\u001b[31malert")
        assert "entity:evil\\u001b" in back


_HOSTILE = ('Evil ]]> <x a="1"/> &amp; "quoted", comma,\nnew line\r\n tab\t; semi \u202e \u2028 '
            + "L" * 20_000)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_hostile_names_and_titles_parse_with_each_formats_reader(tmp_path, fmt):
    G = small_graph()
    G.nodes["P1"]["title"] = _HOSTILE
    entity = next(n for n, d in G.nodes(data=True) if d.get("label") == "Entity")
    G.nodes[entity].update(name=_HOSTILE, aliases=[_HOSTILE, "a;b", '"'])
    paths = export_graph(G, fmt, tmp_path)
    if fmt == "json":
        data = json.loads(paths[0].read_text(encoding="utf-8"))
        assert next(n for n in data["nodes"] if n["id"] == entity)["name"] == _HOSTILE
    elif fmt == "neo4j-csv":
        for path in paths:
            if path.suffix == ".csv":
                header, rows = _read_csv(path)
                assert all(len(row) == len(header) for row in rows), path.name
        _, rows = _read_csv(tmp_path / "nodes_Entity.csv")
        row = next(r for r in rows if r["id:ID(Entity)"] == entity)
        assert row["name"] == _HOSTILE and row["aliases:string[]"] == f'{_HOSTILE.replace(";", ",")};a,b;"'
    else:
        ET.parse(paths[0])  # a real XML reader, not only networkx's
        back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(paths[0])
        # XML reads a carriage return in text as a line end; GEXF keeps values in attributes, which keep it
        expected = _HOSTILE.replace("\r\n", "\n") if fmt == "graphml" else _HOSTILE
        assert back.nodes[entity]["name"] == expected
        assert back.nodes["P1"]["title" if fmt == "graphml" else "label"] == expected


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_an_infinite_or_nan_number_is_no_value_and_every_file_parses(tmp_path, fmt):
    G = small_graph()
    entity = next(n for n, d in G.nodes(data=True) if d.get("label") == "Entity")
    G.nodes[entity]["confidence"] = float("inf")  # the JSON export wrote Infinity, which no JSON reader takes
    u, v, key = next((u, v, k) for u, v, k in G.edges(keys=True) if k == "USES")
    G.edges[u, v, key]["confidence"] = float("nan")
    paths = export_graph(G, fmt, tmp_path)
    if fmt == "json":
        data = json.loads(paths[0].read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(c))
        assert next(n for n in data["nodes"] if n["id"] == entity)["confidence"] is None
    elif fmt == "neo4j-csv":  # neo4j-admin reads no "inf" or "nan" as a double
        cells = [c.lower() for p in paths if p.suffix == ".csv" for row in _read_csv(p)[1] for c in row.values()]
        assert "inf" not in cells and "nan" not in cells
        _, rows = _read_csv(tmp_path / "nodes_Entity.csv")
        assert next(r for r in rows if r["id:ID(Entity)"] == entity)["confidence:double"] == ""
    else:
        back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(paths[0])
        assert "confidence" not in back.nodes[entity]
        assert all(math.isfinite(float(d["confidence"])) for *_, d in back.edges(data=True) if "confidence" in d)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_export_to_a_name_too_long_for_the_system_is_an_output_error(tmp_path, fmt):
    name = "a" * 300 + (export_mod._ONE_FILE.get(fmt) or "")  # Path.is_dir raised OSError on it: a traceback
    with pytest.raises(OutputError, match=r"^\[E700\] cannot write .*a{300}.*: the name is too long for the system; "
                                          r"give a shorter name"):
        export_graph(small_graph(), fmt, tmp_path / name)
    assert os.listdir(tmp_path) == []


def test_export_into_a_file_is_an_output_error(tmp_path):
    (tmp_path / "out").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OutputError, match=r"^\[E700\] cannot write .*out: it is a file, not a folder; name a folder$"):
        export_graph(small_graph(), "json", tmp_path / "out")


def test_output_to_a_pipe_or_device_is_written_in_place(tmp_path):
    # "-o /dev/null", "/dev/stdout", a FIFO: a temporary file renamed over it would replace the device itself
    # with a file (as root, /dev/null); such an output is written where it is
    import threading

    from graphbuild.fsutil import atomic_write_text

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    atomic_write_text(fifo, "graph\n")
    reader.join(timeout=10)
    assert got == ["graph\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe
    assert [p.name for p in tmp_path.iterdir()] == ["out.fifo"]  # and no temporary file beside it


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf"])
def test_export_of_one_file_to_a_pipe_writes_the_file_there(tmp_path, fmt):
    """``graphbuild export --format json /dev/stdout | jq`` said "[E700] cannot write to /dev/stdout: File
    exists" (the pipe was taken for a folder to write graph.json into); a pipe or device gets the file itself."""
    import threading

    fifo = tmp_path / "graph.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert export_graph(small_graph(), fmt, fifo) == [fifo]
    reader.join(timeout=30)
    export_graph(small_graph(), fmt, tmp_path / f"graph.{fmt}")
    assert got == [(tmp_path / f"graph.{fmt}").read_bytes()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.fifo", f"graph.{fmt}"]


def test_export_cli_to_the_standard_output_prints_the_graph_alone(tmp_path):
    from graphbuild.workspace import Workspace

    ws = tmp_path / "ws"
    Workspace(ws).build([str(Path(__file__).parent / "fixtures" / "sources" / "corpus.jsonl")], progress=False,
                        overview=False)
    result = subprocess.run([sys.executable, "-m", "graphbuild", "export", "-w", str(ws), "--format", "json",
                             "/dev/stdout"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["nodes"]  # the graph, with no file name printed after it


def test_output_to_a_pipe_its_reader_closed_is_a_broken_pipe_not_an_output_error(tmp_path):
    """``graphbuild viz -o /dev/stdout | head -c 100`` ended on "[E700] cannot write /dev/stdout: Broken pipe;
    choose another place" with status 1; it is the BrokenPipeError the command line passes over quietly, as for
    ``graphbuild extract … | head``."""
    import threading

    from graphbuild.fsutil import atomic_output

    fifo = tmp_path / "page.fifo"
    os.mkfifo(fifo)

    def read_a_little() -> None:
        with open(fifo, "rb") as fh:
            fh.read(10)

    reader = threading.Thread(target=read_a_little, daemon=True)
    reader.start()
    with pytest.raises(BrokenPipeError):
        with atomic_output(fifo) as out:
            for _ in range(10_000):  # 40 MB: far more than a pipe holds once its reader is gone
                out.write("x" * 4096)
                out.flush()


@pytest.mark.parametrize("fmt, name", [("json", "notes.txt/out/graph.json"), ("neo4j-csv", "notes.txt/csv"),
                                       (None, "notes.txt/page.html")])
def test_output_under_a_file_names_the_file_in_the_way(tmp_path, fmt, name):
    """``-o notes.txt/page.html`` said "cannot write notes.txt/page.html: File exists", as if the page were
    there; the line names the file that stands where a folder should be."""
    from graphbuild.fsutil import atomic_write_text

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=rf"^\[E700\] cannot write (to )?.*: {tmp_path / 'notes.txt'} is a file, "
                                          r"not a folder; choose"):
        if fmt is None:
            atomic_write_text(tmp_path / name, "<html>")
        else:
            export_graph(small_graph(), fmt, tmp_path / name)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("name", ["out.graphml", "out.json", "out"])
def test_export_cli_to_an_existing_folder_without_a_format_says_it_is_a_folder(tmp_path, capsys, name):
    # `export out.graphml` with out.graphml a folder said "give a file name ending in .graphml": it was one
    from graphbuild.cli import main

    (tmp_path / name).mkdir()
    assert main(["export", "-w", str(tmp_path / "ws"), str(tmp_path / name)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"graphbuild: error: [E710] {tmp_path / name} is an existing folder, which names no format: "
                   "name the format with --format (graphml, gexf, json, neo4j-csv) to write into it, or give the "
                   "path of a file ending in .graphml, .gexf or .json")
    assert list((tmp_path / name).iterdir()) == []
