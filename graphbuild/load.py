"""Load the Parquet tables of a Spark build into a workspace, and prepare a Neo4j first load.

``graphbuild spark build`` writes ``nodes/<Label>/*.parquet`` and
``rels/<TYPE>/*.parquet`` (the columns of :mod:`graphbuild.schema`),
``corpus/papers/`` and ``corpus/extractions/`` (the merged paper records and
each one's extraction with its cache key, see :data:`CORPUS`) plus a
``manifest.json``. :func:`load_parquet` turns them into a workspace every
other command works on:

* a new generation (``papers.jsonl``, ``extractions.jsonl``, ``graph.json``,
  ``manifest.json``) in the layout :class:`~graphbuild.workspace.Workspace`
  reads, written to a temporary folder and made live by replacing
  ``CURRENT`` (the previous generation stays until then). The extractions
  are streamed from Parquet into the extraction cache under the fingerprint
  of the pipeline the Spark job ran, so a later ``graphbuild build`` that adds
  files runs the NLP pass on the new papers alone (and on every paper when
  its own pipeline differs: another model or gazetteer);
* the embedded store, bulk-loaded by the store's own ``sync``: the Parquet
  columns are read with pyarrow and COPYed as Arrow tables, so a second load
  of a grown corpus only writes what changed.

For Neo4j, :func:`neo4j_import_files` writes ``neo4j-admin database import``
CSV files and the command (a first load into an empty database is far faster
than any Bolt push); later updates go through ``graphbuild push``, the
batched, idempotent sync.

The Spark job writes every table of :mod:`graphbuild.schema` but the
communities (reported results and the ``confidence`` columns included);
communities are computed here, over the whole loaded graph
(:func:`graphbuild.communities.add_communities`, the same seeded Leiden run
``graphbuild build`` makes), when the output has none. An output written
before the job wrote ``corpus/`` still loads, its papers read back from the
Paper nodes (in id order, without their reference lists), and ``load`` says
in one line that the next build runs the NLP pass over every paper and keeps
only the explicit citations of the papers it reads.

Curation: the Spark job applies none; ``load`` applies the workspace's curation file
(:meth:`~graphbuild.workspace.Workspace.curation_file`) as ``graphbuild build`` does. When the file
holds operations, the graph is made again from the output's papers and extractions by the single build's
own stages (resolve, :func:`~graphbuild.curation.apply_curation`, the proposer rule, confidence, reported
results, citations, communities: :func:`curated_graph`), so that a merged, rejected or dropped thing does
not come back, and the loaded graph equals the graph ``graphbuild build`` makes of the same papers with the
same curation. The manifest records the curation digest as a build does (``curate list`` shows the
operations applied). An output without extractions, or made by another pipeline than the workspace's
settings name, cannot be curated so: ``load`` makes the Spark graph live and says in one line that the
operations wait for the next ``graphbuild build``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .curation import CurationOp, CurationReport
from .errors import InputError, quoted, shortened
from .graph import count_lines, graph_digest, graph_stats, graph_to_tables
from .progress import Progress, no_progress
from .records import CachedExtraction, Extraction, Paper
from .reported import result_label
from .schema import NODE_TABLES, REL_TABLES, GraphTables

if TYPE_CHECKING:
    from .stages import Extracted

__all__ = ["read_parquet_tables", "write_parquet_tables", "tables_to_graph", "load_parquet", "neo4j_import_files",
           "read_corpus_papers", "read_extraction_lines", "curated_graph", "LoadReport"]

FORMAT = "graphbuild-parquet"
#: the folder of a Spark build's per-paper tables, the rows of a workspace's ``papers.jsonl`` and
#: ``extractions.jsonl``: ``papers`` (``order``: the paper's place in a single build's list, ``paper``:
#: the merged record as JSON) and ``extractions`` (``paper_id``, ``fingerprint``: the cache key,
#: ``extraction``: JSON); the manifest's ``corpus`` entry names the pipeline fingerprint
CORPUS = "corpus"


@dataclass(slots=True)
class LoadReport:
    """What a load did."""

    stats: dict[str, Any] = field(default_factory=dict)
    store: str = ""
    neo4j_files: list[str] = field(default_factory=list)
    #: what applying the workspace's curation file did (None when the load could not apply it)
    curation: CurationReport | None = None

    def summary(self) -> str:
        """One line per kind of thing loaded; the curation report a build prints, when there were operations."""
        lines = count_lines(self.stats.get("nodes", {}), self.stats.get("edges", {}))
        if self.curation is not None and self.curation.total:
            lines.append(self.curation.summary())
        if self.store:
            lines.append(f"embedded store: {self.store}")
        if self.neo4j_files:
            lines.append(f"neo4j-admin import files: {len(self.neo4j_files)} (command in neo4j-admin-import.txt)")
        return "\n".join(lines)


def read_parquet_tables(folder: str | os.PathLike) -> GraphTables:
    """The node and relationship rows of a Spark build's output folder.

    A table of :mod:`graphbuild.schema` missing from the folder is read as
    empty (the Spark job does not write communities; older outputs lack
    reported results too); a
    column missing from a table is read as ``None`` only when the manifest
    lists it as not produced.

    Raises
    ------
    InputError
        When the folder is not a Spark build's output, a table is no Parquet table or lacks a column,
        a node id is not text or is given twice, or a relationship names no node.
    """
    folder = Path(folder)
    manifest = folder / "manifest.json"
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(folder, None, "not the output of `graphbuild spark build` (no readable manifest.json)") \
            from None
    if not isinstance(meta, dict):
        raise InputError(manifest, None, f"not the manifest of `graphbuild spark build` (a JSON {type(meta).__name__}, "
                                         "not an object)")
    if meta.get("format") != FORMAT:
        raise InputError(manifest, None, f"format {meta.get('format')!r} is not {FORMAT!r}")
    left_out = (meta.get("not_produced") or {}).get("columns") or {}
    if not isinstance(left_out, dict):
        raise InputError(manifest, None, f"not_produced.columns is a JSON {type(left_out).__name__}, not an object")
    tables = GraphTables(nodes={}, rels={})
    table_of: dict[str, str] = {}  # node id -> the table holding it
    for group, names in (("nodes", NODE_TABLES), ("rels", REL_TABLES)):
        for name in names:
            path = folder / group / name
            kinds = NODE_TABLES[name] if group == "nodes" else {"from": "STRING", "to": "STRING", **REL_TABLES[name][2]}
            columns = list(kinds)
            rows: list[dict[str, Any]] = []
            if path.is_dir():
                table = _read_table(path)
                missing = [c for c in columns if c not in table.column_names]
                if set(missing) - set(left_out.get(name) or ()):
                    raise InputError(path, None, f"table lacks column(s) {', '.join(missing)}")
                rows = _typed(path, table.select([c for c in columns if c not in missing]), kinds).to_pylist()
                for row in rows:
                    row.update(dict.fromkeys(missing))
                _check_ids(path, name, rows, table_of, group == "nodes")
            (tables.nodes if group == "nodes" else tables.rels)[name] = rows
    return tables


def _read_table(path: Path, **options: Any) -> Any:
    """``pyarrow.parquet.read_table(path)``; a file that is no Parquet table is an :class:`InputError`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not path.exists():
        raise InputError(path, None, "missing: the output's manifest names it")
    try:
        return pq.read_table(path, **options)
    except (pa.ArrowException, OSError) as exc:  # ArrowInvalid is a ValueError, a damaged file an OSError
        raise _unreadable(path, exc) from None


def _typed(path: Path, table: Any, kinds: dict[str, str]) -> Any:
    """``table`` with each column of the type :mod:`graphbuild.schema` gives it (cast when it can be, a whole
    number column for a text one, say): a value that is not of it is an :class:`InputError` naming the table,
    the row and the column (it was a store error naming neither file nor row at the end of the load, or a
    traceback for a list column).
    """
    import pyarrow as pa

    from .stores.embedded_rows import ARROW_TYPES

    for i, column in enumerate(table.column_names):
        kind = kinds[column]
        want, values = ARROW_TYPES[kind], table.column(i)
        if values.type == want:
            continue
        try:
            table = table.set_column(i, column, values.cast(want))
            continue
        except (pa.ArrowException, TypeError, ValueError):
            pass
        plain = values.to_pylist()
        for n, value in enumerate(plain, 1):
            if value is not None and not _fits(value, values.type, want):
                raise InputError(path, None, f"row {n}: column {column} holds {shortened(repr(value))}, "
                                             f"which is not {kind}")
        try:  # each value is one (an empty column of another type, say)
            table = table.set_column(i, column, pa.array(plain, want))
        except (pa.ArrowException, TypeError, ValueError):
            raise InputError(path, None, f"column {column} is of type {values.type}, not {kind}") from None
    return table


def _fits(value: Any, have: Any, want: Any) -> bool:
    """Whether ``value`` of a column of Arrow type ``have`` is a value of type ``want`` (as it is, or cast)."""
    import pyarrow as pa

    for make in (lambda: pa.array([value], have).cast(want), lambda: pa.array([value], want)):
        try:
            make()
            return True
        except (pa.ArrowException, TypeError, ValueError):
            pass
    return False


def _unreadable(path: Path, exc: BaseException) -> InputError:
    detail = (str(exc).strip() or type(exc).__name__).splitlines()[0]
    return InputError(path, None, f"not a readable Parquet table: {detail}")


#: the columns of a node table that must hold text (a single-machine build never writes one blank)
_NAMED_BY: dict[str, tuple[str, ...]] = {"Entity": ("name", "type")}


def _check_ids(path: Path, name: str, rows: list[dict[str, Any]], table_of: dict[str, str], nodes: bool) -> None:
    """Node ids are text, once in the whole output, an entity's name and type text; a relationship joins two
    node ids (else a row error).
    """
    for n, row in enumerate(rows, 1):
        if nodes:
            node = row["id"]
            if not isinstance(node, str) or not node:
                raise InputError(path, None, f"row {n}: the id {node!r} is not a non-empty text")
            if node in table_of:
                raise InputError(path, None, f"row {n}: the id {node!r} is also a node of {table_of[node]}")
            table_of[node] = name
            for column in _NAMED_BY.get(name, ()):  # a blank label in every listing, page and export
                if not isinstance(row[column], str) or not row[column].strip():
                    raise InputError(path, None, f"row {n}: the {column} {quoted(row[column])} is not a non-empty text")
            continue
        for end in ("from", "to"):
            if not isinstance(row[end], str) or row[end] not in table_of:
                raise InputError(path, None, f"row {n}: {end} {row[end]!r} names no node of the output")


def write_parquet_tables(tables: GraphTables, folder: str | os.PathLike) -> None:
    """Write ``tables`` in the Spark build's layout (one Parquet file per table), atomically.

    Lets a single-machine graph be loaded, exported or compared like a Spark build's output.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .stores.embedded_rows import ARROW_TYPES

    out = Path(folder)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    counts = {}
    try:
        for group, names in (("nodes", NODE_TABLES), ("rels", REL_TABLES)):
            for name in names:
                columns = dict(NODE_TABLES[name]) if group == "nodes" else \
                    {"from": "STRING", "to": "STRING", **REL_TABLES[name][2]}
                rows = (tables.nodes if group == "nodes" else tables.rels).get(name, [])
                schema = pa.schema([(c, ARROW_TYPES[t]) for c, t in columns.items()])
                (tmp / group / name).mkdir(parents=True)
                pq.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows], schema=schema),
                               tmp / group / name / "part-00000.parquet")
                counts[name] = len(rows)
        (tmp / "manifest.json").write_text(json.dumps({"format": FORMAT, "version": 1, "counts": counts},
                                                      indent=2), encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def tables_to_graph(tables: GraphTables) -> nx.MultiDiGraph:
    """The networkx graph of node and relationship rows (the inverse of ``graph_to_tables``).

    Every node label and relationship type of :mod:`graphbuild.schema` is
    read; list columns become lists. Papers get back their ``authors`` list
    (from ``AUTHORED`` positions), as :func:`graphbuild.graph.build_graph`
    stores it for tooltips, and results their ``name``.
    """
    G = nx.MultiDiGraph()
    authors: dict[str, list[tuple[int, str]]] = {}
    names = {row["id"]: row["name"] for row in tables.nodes.get("Author", [])}
    for row in tables.rels.get("AUTHORED", []):
        position = row["position"] if isinstance(row["position"], int) else 1 << 62  # unknown: last
        authors.setdefault(row["to"], []).append((position, names.get(row["from"], "")))
    for label, columns in NODE_TABLES.items():
        lists = [c for c, kind in columns.items() if kind.endswith("[]")]
        for row in tables.nodes.get(label, []):
            data = dict(row, label=label)
            data.update({c: list(data.get(c) or []) for c in lists})
            if label == "Paper":
                data["authors"] = [name for _, name in sorted(authors.get(row["id"], []))]
            if label == "Result":  # the page label graphbuild.reported.add_reported gives (not a column)
                data["name"] = result_label(row["model"], row["dataset"], row["metric"])
            G.add_node(row["id"], **data)
    for rel in REL_TABLES:
        for row in tables.rels.get(rel, []):
            props = {k: v for k, v in row.items() if k not in ("from", "to")}
            G.add_edge(row["from"], row["to"], key=rel, **props)
    return G


def _authors_as_written(G: nx.MultiDiGraph, records: list[Paper]) -> None:
    """Give each paper node of ``G`` the author list its merged record holds, as :func:`graphbuild.graph.build_graph`
    does. :func:`tables_to_graph` can only rebuild it from the Author nodes, one per author with the first
    spelling of the name, so a paper whose record wrote "de las Casas" read "de Las Casas" after the load.
    """
    for paper in records:
        data = G.nodes.get(paper.id)
        if data is not None and data.get("label") == "Paper":
            data["authors"] = list(paper.authors)


def _papers(G: nx.MultiDiGraph) -> list[Paper]:
    fields = ("title", "abstract", "year", "date", "venue", "doi", "arxiv_id", "url", "n_authors", "external")
    return [Paper(id=node, authors=tuple(data.get("authors") or ()), **{f: data.get(f) for f in fields})
            for node, data in sorted(G.nodes(data=True)) if data["label"] == "Paper"]


def load_parquet(folder: str | os.PathLike, ws: Any, *, sync_store: bool = True, neo4j_dir: str | None = None,
                 progress: bool = True, log: Callable[[str], None] | None = None,
                 wait: bool | float = False) -> LoadReport:
    """Load a Spark build's Parquet output into workspace ``ws``, with the workspace's curation applied as a build
    applies it (see the module docstring: the graph is then made again from the output's papers and extractions).

    Parameters
    ----------
    folder : the ``--out`` folder of ``graphbuild spark build``.
    ws : a :class:`~graphbuild.workspace.Workspace` (created if it does not exist).
    sync_store : also load the embedded store (``ws.query`` and the query library need it).
    neo4j_dir : also write ``neo4j-admin database import`` files there.
    progress : show the store's progress on standard error.
    log : called with a one-line note when the output has no extractions (the next build re-extracts), and when
        the workspace's curation file has operations the load cannot apply (:func:`_why_not_curated`).
    wait : when another process writes the workspace, wait for it (True, or that many seconds) instead of
        raising :class:`~graphbuild.errors.WorkspaceLockedError`.

    Returns
    -------
    LoadReport
    """
    from .curation import curation_digest, portable_report
    from .generations import Commit, pause, paused
    from .progress import stage_bar

    say = log or (lambda msg: None)
    ops = ws.applied_curation()  # a missing or malformed file stops the load before any work, as it stops a build
    tables = read_parquet_tables(folder)
    corpus = _corpus_manifest(Path(folder))
    if corpus is None:
        say(f"{folder} holds no extractions (written by an older `graphbuild spark build`): the next "
            "`graphbuild build` on this workspace runs the NLP pass over every paper (and loses the loaded "
            "papers' reference lists)")
    own = read_corpus_papers(Path(folder)) if corpus else None
    pause("read")  # (test hook: a load killed before its lock)
    unapplied = _why_not_curated(corpus, ws)
    with contextlib.ExitStack() as stack:
        curated, lines = None, None
        if ops and own is not None and unapplied is None:
            # on the disk, not in memory: the stages read each extraction when they need it
            spool = stack.enter_context(ExtractionSpool(_extraction_rows(Path(folder))))
            with stage_bar("applying the curation", enabled=progress, unit="step") as steps:
                curated = curated_graph(own, spool, ops, ws.settings, path=str(ws.curation_file), progress=steps)
            unapplied = None if curated is not None else "the output lacks some of its papers' extractions"
        if ops and unapplied is not None:
            say(f"note: {len(ops)} curation operation(s) in {ws.curation_file} are not applied by `graphbuild load` "
                f"({unapplied}); run `graphbuild build -w {ws.path}` to apply them")
        curation: CurationReport | None
        if curated is not None:
            G, papers, curation, extracted = curated
            lines = spool.lines(extracted.by_paper)  # the build's own: the next build extracts nothing
        else:
            G, papers = _spark_graph(tables, own)
            curation = CurationReport() if unapplied is None else None  # no operations: none waits for a build
        del tables
        report = LoadReport(stats=graph_stats(G), curation=curation)
        n_own = sum(not p.external for p in papers)
        with ws.lock("load", wait=wait):  # a new generation, made live the way a build makes one
            for note in ws.repair():  # what a killed build or load left (a temporary folder, a spare generation)
                say(f"repair: {note}")
            if curation is not None:
                _curation_changed_meanwhile(ws, ops, say)
            commit = Commit(Path(ws.path), ws.current, graph_sha256=graph_digest(G),
                            pipeline=corpus["pipeline"] if corpus else "spark", stats=report.stats, papers=n_own)
            commit.manifest["loaded_from"] = "parquet"
            if curation is not None:  # as a build records it: `curate list` tells applied operations from pending
                commit.manifest.update(curation_sha256=curation_digest(ops),
                                       curation=portable_report(curation.to_dict(), ws.curation_file, ws.path))
            if corpus:  # streamed from the Parquet files (or the spool): the extraction cache a later build reads
                commit.write_extractions(lines if lines is not None else read_extraction_lines(Path(folder)))
            commit.write(papers, None if corpus else [], G)
            pause("write")
            if sync_store:
                with stage_bar("embedded store", enabled=progress) as step:
                    report.store = commit.store(graph_to_tables(G), paused(step)).summary()
            commit.finish()
    if neo4j_dir:
        report.neo4j_files = neo4j_import_files(G, Path(neo4j_dir))
    return report


def _curation_changed_meanwhile(ws: Any, ops: list[CurationOp], say: Callable[[str], None]) -> None:
    """Say so when the curation file no longer holds the ``ops`` the load applied (read before its work, the
    lock held only to commit: a curate or an undo ran meanwhile). The graph made live has ``ops`` and its
    manifest says so (``curate list`` calls the rest pending); the next build applies the file as it is.
    """
    from .curation import curation_digest, read_curation

    try:
        now = curation_digest(read_curation(ws.curation_file))
    except InputError:  # made malformed meanwhile: the next build says where
        now = None
    if now != curation_digest(ops):
        say(f"note: {ws.curation_file} changed while the output was loaded (a curate or an undo meanwhile); the "
            f"graph made live has the operations it held before: run `graphbuild build -w {ws.path}` to apply it "
            "as it is now")


def _spark_graph(tables: GraphTables, own: list[Paper] | None) -> tuple[nx.MultiDiGraph, list[Paper]]:
    """The Spark job's graph as it is (its communities computed when it has none) and the papers a generation
    keeps: ``own`` (the output's corpus records; without them, the Paper nodes), then the reference stubs.
    """
    from .communities import add_communities

    G = tables_to_graph(tables)
    if not any(d.get("label") == "Community" for _, d in G.nodes(data=True)):
        add_communities(G)  # a whole-graph computation the Spark job leaves to the load
    nodes = _papers(G)
    if own is not None:
        _authors_as_written(G, own)
    return G, (own if own is not None else [p for p in nodes if not p.external]) + \
        [p for p in nodes if p.external]  # reference stubs last, as a build writes them


def _why_not_curated(corpus: dict[str, Any] | None, ws: Any) -> str | None:
    """Why ``load`` cannot apply the workspace's curation to an output (None when it can): the stages need every
    paper's extraction, made by the pipeline the workspace's settings name (its gazetteer resolves the entities).
    """
    from .stages import pipeline_fingerprint

    if corpus is None:
        return "the output holds no extractions"
    if corpus["pipeline"] != pipeline_fingerprint(ws.settings):
        return "the Spark job ran another pipeline (model or gazetteer) than this workspace's settings name"
    return None


class ExtractionSpool(Mapping[str, CachedExtraction]):
    """A Spark output's extractions in a temporary file, read one at a time by paper id: a curated load holds
    none of them in memory (only each one's place and cache key), and the lines the generation keeps are
    copied from the file. :meth:`put` sets an extraction made again (held: they are few).
    """

    def __init__(self, rows: Iterable[tuple[str, str, str]]):
        self._file = tempfile.TemporaryFile()
        self._at: dict[str, tuple[int, str]] = {}  # paper id -> (offset of its line, cache key)
        self._fresh: dict[str, CachedExtraction] = {}
        for pid, key, line in rows:
            self._at[pid] = (self._file.tell(), key)
            self._file.write(line.encode())

    def __enter__(self) -> ExtractionSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __getitem__(self, pid: str) -> CachedExtraction:
        from .generations import cached_extraction

        if pid in self._fresh:
            return self._fresh[pid]
        return cached_extraction(json.loads(self._line(pid)))[1]

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def key(self, pid: str) -> str:
        """The cache key of ``pid``'s extraction, without reading it."""
        return self._fresh[pid].key if pid in self._fresh else self._at[pid][1]

    def put(self, extracted: Mapping[str, CachedExtraction]) -> None:
        """Use these extractions (made again) instead of the file's."""
        self._fresh.update(extracted)

    def lines(self, ids: Iterable[str]) -> Iterator[str]:
        """The ``extractions.jsonl`` lines of the papers ``ids``, sorted by paper id (as a build writes them)."""
        from .generations import iter_extraction_lines
        from .stages import Extracted

        for pid in sorted(ids):
            if pid in self._fresh:
                yield from iter_extraction_lines(Extracted({pid: self._fresh[pid]}))
            else:
                yield self._line(pid)

    def _line(self, pid: str) -> str:
        self._file.seek(self._at[pid][0])
        return self._file.readline().decode()


class _Subset(Mapping[str, CachedExtraction]):
    """The extractions of some papers of a spool, read from it when asked for (for :class:`stages.Extracted`)."""

    def __init__(self, spool: Mapping[str, CachedExtraction], ids: Iterable[str]):
        self._spool, self._ids = spool, list(ids)

    def __getitem__(self, pid: str) -> CachedExtraction:
        return self._spool[pid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def curated_graph(papers: list[Paper], cache: ExtractionSpool, ops: list[CurationOp], settings: Any, *,
                  path: str | None = None, progress: Progress = no_progress
                  ) -> tuple[nx.MultiDiGraph, list[Paper], CurationReport, Extracted] | None:
    """The graph ``graphbuild build`` makes of ``papers`` (a Spark output's corpus, in a build's order) and their
    extractions with the curation ``ops`` applied, the papers a generation keeps (the corpus papers, dropped
    ones too, then the reference stubs), the curation report and the extractions the generation keeps (those
    of the papers not dropped, as a build keeps them); None when such a paper has no extraction.

    The single build's stages in its order (:func:`stages.assemble`, as
    :meth:`~graphbuild.workspace.Workspace.build` runs them): resolve, curate, the proposer rule, reported
    results and confidence on the curated entities, citations (a dropped paper's go, with the stubs only it
    cited), the graph and its communities. ``settings``: the workspace's, whose
    gazetteer the Spark job's pipeline loaded (:func:`_why_not_curated`). ``progress``: told each step, as a
    build's "building the graph" bar is.
    """
    from . import stages
    from .workspace import _gazetteer_only

    kept = stages.undropped(papers, ops)  # as a build: a dropped paper is not extracted, nor counted
    if any(p.id not in cache for p in kept):
        return None
    extracted = _extracted_again(kept, cache, settings)
    gazetteer = _gazetteer_only(settings)
    built = stages.assemble(papers, extracted, gazetteer, ops, kept=kept, path=path, progress=progress)
    return built.graph, [*papers, *built.citations.external], built.curation, extracted


def _extracted_again(kept: Sequence[Paper], spool: ExtractionSpool, settings: Any) -> Extracted:
    """The extractions of the ``kept`` papers as a build of them alone makes them: the Spark job's, but for
    those whose decision read the casing of a word the papers a curation drops wrote otherwise (extracted
    again, by the workspace's pipeline: the job's, :func:`_why_not_curated`), read from ``spool`` when asked for.
    """
    from . import stages

    fingerprint = stages.pipeline_fingerprint(settings)
    unread = Extraction("", "")  # the keys alone decide which hold: no extraction is read for it
    # every paper the job extracted, the dropped ones too: the cache is then not the corpus's own, whose
    # casing statistics :func:`stages.pending` would take as they were
    plan = stages.pending(kept, fingerprint=fingerprint,
                          cache={pid: CachedExtraction(spool.key(pid), unread) for pid in spool})
    if plan.todo:
        again = stages.Pending({}, plan.todo, plan.corpus, fingerprint)
        spool.put(stages.extract(plan.todo, stages.load_pipeline(settings)[0], plan=again).by_paper)
    return stages.Extracted(_Subset(spool, (p.id for p in kept)))


def _corpus_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest's entry for the per-paper tables (papers, extractions), or None when the output has none."""
    meta = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    corpus = meta.get(CORPUS)
    return corpus if isinstance(corpus, dict) and corpus.get("pipeline") else None


def read_corpus_papers(folder: Path) -> list[Paper]:
    """The merged corpus papers of a Spark build's output, in a single build's order (``corpus/papers``)."""
    path = folder / CORPUS / "papers"
    table = _read_table(path, columns=["order", "paper"]).sort_by("order")
    papers = []
    for n, text in enumerate(table.column("paper").to_pylist(), 1):
        try:
            papers.append(Paper.from_dict(_json_object(text)))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InputError(path, None, f"row {n} (by order): not a paper record: {exc}") from None
    return papers


def _json_object(text: Any) -> dict[str, Any]:
    """The JSON object ``text`` holds (ValueError when it holds none)."""
    value = json.loads(text) if isinstance(text, str) else None
    if not isinstance(value, dict):
        raise ValueError(f"a JSON object is expected, not {text if text is None else type(value).__name__}")
    return value


def read_extraction_lines(folder: Path, batch_rows: int = 10_000) -> Iterator[str]:
    """The lines of ``extractions.jsonl`` from a Spark build's ``corpus/extractions``, a batch of rows at a time."""
    return (line for _, _, line in _extraction_rows(folder, batch_rows))


def _extraction_rows(folder: Path, batch_rows: int = 10_000) -> Iterator[tuple[str, str, str]]:
    """:func:`read_extraction_lines`, each line with its paper id and cache key."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for part in sorted((folder / CORPUS / "extractions").glob("*.parquet")):
        row = 0
        try:
            batches = pq.ParquetFile(part).iter_batches(batch_size=batch_rows,
                                                        columns=["paper_id", "fingerprint", "extraction"])
            for batch in batches:
                for pid, key, text in zip(*(batch.column(c).to_pylist() for c in range(3)), strict=True):
                    row += 1
                    if not isinstance(pid, str) or not isinstance(key, str):
                        raise ValueError(f"paper_id {pid!r} and fingerprint {key!r} must be text")
                    # written into the generation as it is: a line a later build could not read never goes in
                    Extraction.from_dict(_json_object(text))
                    yield pid, key, (f'{{"paper_id": {json.dumps(pid, ensure_ascii=False)}, '
                                     f'"fingerprint": {json.dumps(key)}, "extraction": {text}}}\n')
        except (pa.ArrowException, OSError) as exc:
            raise _unreadable(part, exc) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise InputError(part, None, f"row {row}: not an extraction record: {exc}") from None


def neo4j_import_files(G: nx.MultiDiGraph, out_dir: Path) -> list[str]:
    """``neo4j-admin database import full`` CSV files and the command, written to ``out_dir``."""
    from .export import export_graph

    return [str(p) for p in export_graph(G, "neo4j-csv", out_dir)]
