"""Loading Parquet node and relationship tables into a workspace, and Neo4j import files."""

from __future__ import annotations

import csv
import json
import os
import shutil
import uuid
from pathlib import Path

import pytest
from graph_fixture import load_csv_on_neo4j, spark_layout

from graphbuild import generations
from graphbuild.cli import main
from graphbuild.errors import InputError
from graphbuild.graph import graph_to_tables
from graphbuild.load import load_parquet, read_parquet_tables, tables_to_graph, write_parquet_tables
from graphbuild.resources import data_path
from graphbuild.schema import NODE_TABLES, REL_TABLES
from graphbuild.workspace import Workspace


def _nodes(G) -> dict:
    # a paper's tooltip author list comes back with the Author node's spelling ("de Las"/"de las")
    return {n: {**d, "authors": [a.casefold() for a in d["authors"]]} if "authors" in d else d
            for n, d in G.nodes(data=True)}


def _same_graph(a, b) -> bool:
    """Equal nodes (with every attribute) and equal relationship rows; edge order aside."""
    return _nodes(a) == _nodes(b) and graph_to_tables(a) == graph_to_tables(b)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo corpus built once; its graph written as Parquet in the Spark build's layout."""
    root = tmp_path_factory.mktemp("load")
    ws = Workspace(root / "built")
    ws.build([data_path("demo")], sync_store=False, overview=False, progress=False)
    write_parquet_tables(graph_to_tables(ws.graph()), root / "parquet")
    return ws, root / "parquet"


def test_load_tables_round_trip_to_the_same_graph(demo):
    ws, folder = demo
    G = tables_to_graph(read_parquet_tables(folder))
    assert _same_graph(G, ws.graph())


def test_load_makes_a_workspace_other_commands_work_on(demo, tmp_path, capsys):
    built, folder = demo
    ws = Workspace(tmp_path / "loaded")
    report = load_parquet(folder, ws, progress=False)
    assert _same_graph(ws.graph(), built.graph())
    assert report.stats == built.stats()
    # the store belongs to the new generation and is stamped with its graph, as a build leaves it
    assert generations.store_matches(ws.current) and not (ws.path / "db").exists()
    papers = ws.query("MATCH (p:Paper) WHERE NOT p.external RETURN count(p) AS n")[0]["n"]
    assert papers == built.stats()["nodes"]["Paper"]
    assert len(ws.papers()) == papers + built.stats()["nodes"].get("Paper (external)", 0)
    # the query library runs on it, through the CLI
    assert main(["query", "--name", "top-entities", "-w", str(ws.path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all("name" in r or "entity" in r for r in rows)


def test_load_of_an_output_without_extractions_says_the_next_build_extracts_everything(demo, tmp_path, capsys):
    """An older Spark output (no ``corpus/`` tables) loads; one line says so, and the next build re-extracts."""
    _, folder = demo
    notes: list[str] = []
    ws = Workspace(tmp_path / "ws")
    load_parquet(folder, ws, sync_store=False, progress=False, log=notes.append)
    assert len(notes) == 1 and "no extractions" in notes[0] and "NLP pass over every paper" in notes[0]
    assert ws.extractions() == {} and ws.manifest()["pipeline"] == "spark"
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "Adapters for Speech", "abstract": "We use LoRA on LibriSpeech."}) + "\n")
    report = ws.build([extra], sync_store=False, overview=False, progress=False)
    assert report.papers_new == 1 and report.extracted == report.papers_total > 1
    assert main(["load", str(folder), "-w", str(tmp_path / "cli")]) == 0
    assert capsys.readouterr().err.count("no extractions") == 1


def test_load_writes_neo4j_admin_import_files(demo, tmp_path):
    _, folder = demo
    ws = Workspace(tmp_path / "ws")
    report = load_parquet(folder, ws, sync_store=False, neo4j_dir=str(tmp_path / "neo4j"), progress=False)
    names = {Path(p).name for p in report.neo4j_files}
    assert {f"nodes_{label}.csv" for label in NODE_TABLES} <= names
    assert {f"rels_{rel}.csv" for rel in REL_TABLES} <= names
    command = (tmp_path / "neo4j" / "neo4j-admin-import.txt").read_text()
    assert "neo4j-admin database import full" in command and "--nodes=nodes_Paper.csv" in command
    with open(tmp_path / "neo4j" / "nodes_Paper.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "id:ID(Paper)" and rows[0][-1] == ":LABEL"
    assert len(rows) - 1 == sum(ws.stats()["nodes"].get(k, 0) for k in ("Paper", "Paper (external)"))


def test_load_refuses_a_folder_that_is_not_spark_output(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(InputError, match="manifest.json"):
        read_parquet_tables(tmp_path / "x")
    assert main(["load", str(tmp_path / "x"), "-w", str(tmp_path / "ws")]) == 1
    (tmp_path / "x" / "manifest.json").write_text("[1, 2]")  # JSON, but no object: an AttributeError before
    with pytest.raises(InputError, match=r"manifest.json: not the manifest .* \(a JSON list, not an object\)"):
        read_parquet_tables(tmp_path / "x")


def _spark_like(folder: Path, out: Path) -> Path:
    """``folder`` as the Spark job writes it: no community or result tables, no confidence columns."""
    import pyarrow.parquet as pq

    shutil.copytree(folder, out)
    for group, name in (("nodes", "Community"), ("rels", "IN_COMMUNITY"), ("nodes", "Result"),
                        ("rels", "REPORTS"), ("rels", "OF_MODEL"), ("rels", "ON_DATASET")):
        shutil.rmtree(out / group / name)
    left_out = {}
    for group, name in (("nodes", "Entity"), ("rels", "USES")):
        part = out / group / name / "part-00000.parquet"
        pq.write_table(pq.read_table(part).drop_columns(["confidence"]), part)
        left_out[name] = ["confidence"]
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["not_produced"] = {"tables": [], "columns": left_out}
    (out / "manifest.json").write_text(json.dumps(manifest))
    return out


def test_load_reads_missing_tables_as_empty_and_computes_communities(demo, tmp_path):
    built, folder = demo
    tables = read_parquet_tables(_spark_like(folder, tmp_path / "spark"))
    assert tables.nodes["Result"] == [] and tables.rels["REPORTS"] == [] and tables.nodes["Community"] == []
    assert {r["confidence"] for r in tables.nodes["Entity"]} == {None}
    assert len(tables.rels["USES"]) == len(graph_to_tables(built.graph()).rels["USES"])
    ws = Workspace(tmp_path / "ws")
    load_parquet(tmp_path / "spark", ws, sync_store=False, progress=False)
    G = ws.graph()
    communities = [n for n, d in G.nodes(data=True) if d["label"] == "Community"]
    in_community = {u for u, _, k in G.edges(keys=True) if k == "IN_COMMUNITY"}
    assert communities and in_community <= {n for n, d in G.nodes(data=True) if d["label"] == "Paper"}
    assert len(in_community) == sum(G.nodes[c]["papers"] for c in communities)


def test_load_refuses_a_table_lacking_a_column_the_manifest_does_not_excuse(demo, tmp_path):
    import pyarrow.parquet as pq

    _, folder = demo
    out = _spark_like(folder, tmp_path / "spark")
    part = out / "rels" / "CITES" / "part-00000.parquet"
    pq.write_table(pq.read_table(part).drop_columns(["via"]), part)
    with pytest.raises(InputError, match="lacks column.*via"):
        read_parquet_tables(out)


def test_load_keeps_double_columns(demo):
    built, folder = demo
    tables = read_parquet_tables(folder)
    want = graph_to_tables(built.graph())
    assert [r["confidence"] for r in tables.nodes["Entity"]] == [r["confidence"] for r in want.nodes["Entity"]]
    assert any(isinstance(r["value"], float) for r in tables.rels["REPORTS"])
    assert [r["value"] for r in tables.rels["REPORTS"]] == [r["value"] for r in want.rels["REPORTS"]]


@pytest.mark.neo4j
def test_load_neo4j_import_files_read_by_the_server(demo, tmp_path, neo4j_uri):
    """The files' shape, read by the real server with LOAD CSV (neo4j-admin reads the same headers)."""
    from graphbuild.stores.neo4j import Neo4jStore

    _, folder = demo
    G = tables_to_graph(read_parquet_tables(folder))
    store = Neo4jStore(neo4j_uri, password=os.environ.get("NEO4J_PASSWORD", "graphbuild-test"))
    sub = f"graphbuild-load-{uuid.uuid4().hex[:8]}"
    import_dir = None
    try:
        [config] = store.query("CALL dbms.listConfig('server.directories.import') YIELD value RETURN value")
        import_dir = Path(config["value"])
        if not import_dir.is_dir():
            pytest.skip(f"the server's import folder {import_dir} is not on this machine")
        from graphbuild.load import neo4j_import_files

        neo4j_import_files(G, import_dir / sub)
        load_csv_on_neo4j(store, "LOAD CSV WITH HEADERS FROM $url AS row CREATE (:LoadTest {id: "
                          "row.`id:ID(Paper)`, year: toInteger(row.`year:long`), labels: split(row.`:LABEL`, ';')})",
                          f"file:///{sub}/nodes_Paper.csv")
        load_csv_on_neo4j(store, "LOAD CSV WITH HEADERS FROM $url AS row MATCH (a:LoadTest {id: "
                          "row.`:START_ID(Paper)`}), (b:LoadTest {id: row.`:END_ID(Paper)`}) "
                          "CREATE (a)-[:LOAD_TEST {type: row.`:TYPE`}]->(b)", f"file:///{sub}/rels_CITES.csv")
        [n] = store.query("MATCH (n:LoadTest) RETURN count(n) AS n, collect(DISTINCT n.labels[0]) AS labels")
        papers = [d for _, d in G.nodes(data=True) if d["label"] == "Paper"]
        assert n == {"n": len(papers), "labels": ["Paper"]}
        [c] = store.query("MATCH (:LoadTest)-[r:LOAD_TEST {type: 'CITES'}]->(:LoadTest) RETURN count(r) AS n")
        assert c["n"] == sum(1 for *_, k in G.edges(keys=True) if k == "CITES") > 0
    finally:
        store.query("MATCH (n:LoadTest) DETACH DELETE n", write=True)
        store.close()
        if import_dir is not None:
            shutil.rmtree(import_dir / sub, ignore_errors=True)


def test_spark_command_without_pyspark_says_how_to_install(monkeypatch, tmp_path, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if the extra were not installed
    (tmp_path / "in.jsonl").write_text('{"title": "A paper"}\n', encoding="utf-8")  # (a missing input says so first)
    assert main(["spark", "build", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E700]") and "pip install 'graphbuild[spark]'" in err
    assert len(err.splitlines()) == 1


# -- hostile Spark outputs: one coded line naming the table (and row), never a traceback, nothing made live

def _small_output(root: Path) -> Path:
    from graph_fixture import small_graph

    write_parquet_tables(graph_to_tables(small_graph()), root / "out")
    return root / "out"


def _rewrite(path: Path, edit) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    rows = table.to_pylist()
    edit(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), next(path.glob("*.parquet")))


def _with_corpus(out: Path, paper: object, extraction: object) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps({**meta, "corpus": {"pipeline": "fp"}}))
    if paper is None:  # the manifest names a corpus the output lacks
        return
    for name, row in (("papers", {"order": 0, "paper": paper}),
                      ("extractions", {"paper_id": "P1", "fingerprint": "fp", "extraction": extraction})):
        (out / "corpus" / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist([row]), out / "corpus" / name / "part-0.parquet")


def _set(key, value, at=0):
    def edit(rows):
        rows[at][key] = value
    return edit


@pytest.mark.parametrize(("case", "where", "message"), [
    (lambda out: (next((out / "nodes" / "Paper").glob("*.parquet"))).write_bytes(b"not parquet"),
     "nodes/Paper", "not a readable Parquet table"),  # was an ArrowInvalid traceback
    (lambda out: _rewrite(out / "nodes" / "Paper", _set("id", "")), "nodes/Paper", "row 1: the id '' is not"),
    (lambda out: _rewrite(out / "nodes" / "Paper", _set("id", "P1", 1)), "nodes/Paper",
     "row 2: the id 'P1' is also a node of Paper"),  # was KeyError: 'label'
    # an entity of no name was loaded without a word (a blank label in every listing, page and export)
    (lambda out: _rewrite(out / "nodes" / "Entity", _set("name", "", 1)), "nodes/Entity",
     "row 2: the name '' is not a non-empty text"),
    (lambda out: _rewrite(out / "nodes" / "Entity", _set("name", " \t")), "nodes/Entity",
     "row 1: the name ' \\t' is not a non-empty text"),
    (lambda out: _rewrite(out / "nodes" / "Entity", _set("name", None)), "nodes/Entity",
     "row 1: the name None is not a non-empty text"),
    (lambda out: _rewrite(out / "nodes" / "Entity", _set("type", "")), "nodes/Entity",
     "row 1: the type '' is not a non-empty text"),
    (lambda out: _rewrite(out / "rels" / "CITES", _set("from", None)), "rels/CITES",
     "row 1: from None names no node"),  # was ValueError: None cannot be a node
    (lambda out: _rewrite(out / "rels" / "CITES", _set("to", "nowhere")), "rels/CITES",
     "row 1: to 'nowhere' names no node"),  # was KeyError: 'label'
    (lambda out: _with_corpus(out, None, None), "corpus/papers", "missing"),  # was FileNotFoundError
    (lambda out: _with_corpus(out, "{not json", "{}"), "corpus/papers", "row 1 (by order): not a paper record"),
    (lambda out: _with_corpus(out, '"text"', "{}"), "corpus/papers", "a JSON object is expected, not str"),
    (lambda out: _with_corpus(out, json.dumps({"id": "P1", "title": "T"}), "{not json"),
     "corpus/extractions/part-0.parquet", "row 1: not an extraction record"),
    (lambda out: _with_corpus(out, json.dumps({"id": "P1", "title": "T"}), None),
     "corpus/extractions/part-0.parquet", "row 1: not an extraction record"),
])
def test_load_hostile_output_is_one_coded_line_and_nothing_is_made_live(tmp_path, capsys, case, where, message):
    out = _small_output(tmp_path)
    case(out)
    ws = tmp_path / "ws"
    assert main(["load", str(out), "-w", str(ws)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"graphbuild: error: [E100] {out / where}: ") and message in err, err
    assert err.count("\n") == 1
    assert not Workspace(ws).exists() and not list(ws.glob(".gen-*"))


def test_load_extraction_a_later_build_could_not_read_is_refused(tmp_path, capsys):
    """It was written into the generation as it came and made live: every later build then failed
    with a JSONDecodeError traceback."""
    out = _small_output(tmp_path)
    _with_corpus(out, json.dumps({"id": "P1", "title": "T"}), '{"paper_id": "P1"}')
    assert main(["load", str(out), "-w", str(tmp_path / "ws")]) == 1
    assert "row 1: not an extraction record" in capsys.readouterr().err


def test_load_authors_without_a_position_come_last_in_their_paper(tmp_path):
    out = _small_output(tmp_path)
    def first_of_p1_unknown(rows):
        next(r for r in rows if r["to"] == "P1" and r["position"] == 0)["position"] = None

    _rewrite(out / "rels" / "AUTHORED", first_of_p1_unknown)  # sorting None beside 1 was a TypeError
    G = tables_to_graph(read_parquet_tables(out))
    assert G.nodes["P1"]["authors"] == ["Yelong Shen", "Edward Hu"]


def test_load_keeps_each_papers_author_names_as_its_record_wrote_them(tmp_path):
    # one author spelt "de Las Casas" in one record and "de las Casas" in another is one Author node (the first
    # spelling); the load rebuilt every paper's author list from Author nodes, so the second paper read "de Las"
    import pyarrow as pa
    import pyarrow.parquet as pq

    from graphbuild.spark.steps import paper_to_json

    records = [{"title": "Kernel sums over graphs", "authors": ["Ana de Las Casas"]},
               {"title": "Kernel means over graphs", "authors": ["Bo Li", "Ana de las Casas"]}]
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    built = Workspace(tmp_path / "built")
    built.build([source], sync_store=False, overview=False, progress=False)
    out = tmp_path / "out"
    write_parquet_tables(graph_to_tables(built.graph()), out)
    meta = json.loads((out / "manifest.json").read_text())
    (out / "manifest.json").write_text(json.dumps({**meta, "corpus": {"pipeline": "fp"}}))
    for name, rows in (("papers", [{"order": n, "paper": paper_to_json(p)} for n, p in enumerate(built.papers())]),
                       ("extractions", [])):
        (out / "corpus" / name).mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=None if rows else pa.schema(
            [("paper_id", pa.string()), ("fingerprint", pa.string()), ("extraction", pa.string())])),
            out / "corpus" / name / "part-0.parquet")
    ws = Workspace(tmp_path / "loaded")
    load_parquet(out, ws, sync_store=False, progress=False)
    want = {d["title"]: d["authors"] for _, d in built.graph().nodes(data=True) if d.get("label") == "Paper"}
    assert want == {"Kernel sums over graphs": ["Ana de Las Casas"],
                    "Kernel means over graphs": ["Bo Li", "Ana de las Casas"]}
    assert {d["title"]: d["authors"] for _, d in ws.graph().nodes(data=True) if d.get("label") == "Paper"} == want


#: a merge, a reject and a drop (of the most cited paper, which proposes an entity others use)
CURATION = "".join(json.dumps(op) + "\n" for op in (
    {"op": "merge", "entity": "BERT-Large", "into": "BERT"},
    {"op": "reject", "entity": "dropout"},
    {"op": "drop", "paper": "arxiv:1706.03762", "note": "taken out"},
))


def _edges(G) -> dict:
    """Every relationship with its properties, keys included (a null property is not an absent one)."""
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


@pytest.fixture(scope="module")
def curated_single(demo, tmp_path_factory):
    """The demo built by ``graphbuild build`` with :data:`CURATION` in its workspace."""
    root = tmp_path_factory.mktemp("curated")
    ws = Workspace(root / "single")
    ws.path.mkdir()
    (ws.path / "curation.jsonl").write_text(CURATION, encoding="utf-8")
    report = ws.build([data_path("demo")], sync_store=False, overview=False, progress=False)
    assert report.curation.applied == 3 and report.curation.dropped == 1 and not report.curation.warnings
    return ws


def test_load_applies_the_workspace_curation_as_a_build_does(demo, curated_single, tmp_path, capsys):
    """A merged, rejected or dropped thing came back with `graphbuild load` (the Spark graph, uncurated) and
    `query`/`push` served it until the next build; the load now makes the build's curated graph live."""
    built, _ = demo
    out = spark_layout(built, tmp_path / "out")
    ws = tmp_path / "loaded"
    ws.mkdir()
    (ws / "curation.jsonl").write_text(CURATION, encoding="utf-8")
    assert main(["load", str(out), "-w", str(ws)]) == 0
    printed = capsys.readouterr()
    assert f"curation from {ws / 'curation.jsonl'}: 3 of 3 operation(s) applied" in printed.out
    assert "1 paper dropped by curation" in printed.out and "note:" not in printed.err
    loaded, single = Workspace(ws), curated_single
    G = loaded.graph()
    assert _same_graph(G, single.graph()) and _edges(G) == _edges(single.graph())
    assert "arxiv:1706.03762" not in G and "entity:bertlarge" not in G and "entity:dropout" not in G
    assert "BERT-Large" in G.nodes["entity:bert"]["aliases"]
    # the dropped paper stays in the workspace (removing the line brings it back), as a build keeps it
    assert loaded.papers() == single.papers() and any(p.id == "arxiv:1706.03762" for p in loaded.papers())
    manifest = loaded.manifest()
    assert manifest["curation_sha256"] == single.manifest()["curation_sha256"] != ""
    assert manifest["curation"] == single.manifest()["curation"] and loaded.stats() == single.stats()
    # `curate list` shows the operations applied, not pending; the next build has nothing to change
    assert main(["curate", "list", "-w", str(ws)]) == 0
    assert "pending" not in capsys.readouterr().out
    again = loaded.build(sync_store=False, overview=False, progress=False)
    assert not again.changed and again.extracted == 0


def test_load_with_a_drop_gives_the_graph_of_a_build_without_the_paper(tmp_path):
    """The load resolved a dropped paper with the others, from extractions the Spark job made with its words
    in the casing statistics: its "Otter Transformer (OTR)" still joined two names. The load's graph is now
    the one a build without it makes, and so are the extractions it keeps (the next build extracts none)."""
    from test_curation import BRIDGE

    records = [tmp_path / "all.jsonl", tmp_path / "kept.jsonl"]
    for path, rows in zip(records, (BRIDGE, BRIDGE[1:]), strict=True):
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    built, without = Workspace(tmp_path / "built"), Workspace(tmp_path / "without")
    for ws, path in ((built, records[0]), (without, records[1])):
        ws.build([path], sync_store=False, overview=False, progress=False)
    out = spark_layout(built, tmp_path / "out")
    loaded = Workspace(tmp_path / "loaded")
    loaded.path.mkdir()
    (loaded.path / "curation.jsonl").write_text(json.dumps({"op": "drop", "paper": "10.5555/drop.1"}) + "\n")
    load_parquet(out, loaded, sync_store=False, progress=False)
    assert _same_graph(loaded.graph(), without.graph()) and _edges(loaded.graph()) == _edges(without.graph())
    assert loaded.extractions() == without.extractions()
    assert loaded.build(sync_store=False, overview=False, progress=False).extracted == 0


def test_load_with_curation_holds_the_extractions_one_at_a_time(demo, tmp_path, monkeypatch):
    """A curated load held every paper's extraction in memory (the Parquet lines, then each one read), with
    the graph and its tables: now they are spooled to a temporary file and read one at a time."""
    from graphbuild.records import Extraction

    built, _ = demo
    out = spark_layout(built, tmp_path / "out")
    read = Extraction.from_dict
    alive, most = [0], [0]

    class Counted(Extraction):
        __slots__ = ()

        def __del__(self):
            alive[0] -= 1

    def counted(cls, data):
        x = read(data)
        alive[0] += 1
        most[0] = max(most[0], alive[0])
        return Counted(x.paper_id, x.title, x.entities)

    monkeypatch.setattr(Extraction, "from_dict", classmethod(counted))
    ws = Workspace(tmp_path / "loaded")
    ws.path.mkdir()
    (ws.path / "curation.jsonl").write_text(json.dumps({"op": "reject", "entity": "dropout"}) + "\n")
    report = load_parquet(out, ws, sync_store=False, progress=False)
    monkeypatch.undo()
    assert most[0] <= 2 and report.curation.applied == 1  # one being read, one being let go
    assert len(built.extractions()) > 40
    assert ws.extractions() == built.extractions()


def test_load_that_cannot_apply_the_curation_says_so_in_one_line(demo, tmp_path, capsys):
    """An output of another pipeline than the workspace's settings name: the Spark graph goes live as it is,
    one line says the operations wait for the next build, and `curate list` keeps them pending."""
    built, _ = demo
    out = spark_layout(built, tmp_path / "out", pipeline="another")
    ws = tmp_path / "loaded"
    ws.mkdir()
    (ws / "curation.jsonl").write_text(CURATION, encoding="utf-8")
    assert main(["load", str(out), "-w", str(ws)]) == 0
    err = capsys.readouterr().err.splitlines()
    notes = [line for line in err if line.startswith("note:")]
    assert notes == [f"note: 3 curation operation(s) in {ws / 'curation.jsonl'} are not applied by `graphbuild "
                     "load` (the Spark job ran another pipeline (model or gazetteer) than this workspace's settings "
                     f"name); run `graphbuild build -w {ws}` to apply them"]
    loaded = Workspace(ws)
    assert _same_graph(loaded.graph(), built.graph()) and "curation_sha256" not in loaded.manifest()
    assert main(["curate", "list", "-w", str(ws)]) == 0
    assert "loaded from a Spark build" in capsys.readouterr().out


def test_load_with_no_curation_records_an_empty_one(demo, tmp_path):
    """No operations: the Spark graph as it is, and the manifest says no curation was applied, as a build's."""
    built, _ = demo
    out = spark_layout(built, tmp_path / "out")
    report = load_parquet(out, Workspace(tmp_path / "ws"), sync_store=False, progress=False)
    ws = Workspace(tmp_path / "ws")
    assert _same_graph(ws.graph(), built.graph()) and _edges(ws.graph()) == _edges(built.graph())
    assert ws.manifest()["curation_sha256"] == built.manifest()["curation_sha256"] == ""
    assert report.curation is not None and report.curation.total == 0 and "curation" not in report.summary()


def test_spark_build_note_names_the_curation_the_load_applies(tmp_path):
    """`graphbuild spark build` applies no curation: when the settings name a curation file with operations
    (the workspace's, or the `curation` setting's), it says in one line that `graphbuild load` applies them."""
    from graphbuild.cli.spark import curation_note
    from graphbuild.settings import Settings

    ws = tmp_path / "ws"
    settings = Settings(workspace=str(ws))
    assert curation_note(settings, "out") is None  # no file
    ws.mkdir()
    (ws / "curation.jsonl").write_text("# nothing yet\n", encoding="utf-8")
    assert curation_note(settings, "out") is None  # no operation
    (ws / "curation.jsonl").write_text(CURATION, encoding="utf-8")
    assert curation_note(settings, "out") == (f"note: the Spark job applies no curation; `graphbuild load out -w {ws}` "
                                              f"applies the 3 operation(s) in {ws / 'curation.jsonl'}")
    own = tmp_path / "mine.jsonl"
    own.write_text(CURATION.splitlines()[0] + "\n", encoding="utf-8")
    assert "the 1 operation(s) in " + str(own) in curation_note(Settings(workspace=str(ws), curation=str(own)), "o")
    own.write_text("{not json\n", encoding="utf-8")  # the job does not read it; the load names what is wrong
    assert curation_note(Settings(workspace=str(ws), curation=str(own)), "o") is None


def test_load_says_when_the_curation_changed_while_it_worked(tmp_path, monkeypatch, capsys):
    """The load reads the curation file before its work and holds the lock only to commit: an operation a
    `curate` wrote meanwhile was not in the graph it made live, without a word. It says so now (the manifest
    names the operations it applied, so `curate list` calls the new one pending)."""
    import graphbuild.workspace
    from graphbuild.curation import CurationOp, append_operation

    source = tmp_path / "all.jsonl"
    source.write_text((Path(__file__).parent / "fixtures" / "sources" / "corpus.jsonl").read_text())
    built = Workspace(tmp_path / "built")
    built.build([source], sync_store=False, overview=False, progress=False)
    out = spark_layout(built, tmp_path / "out")
    loaded = Workspace(tmp_path / "loaded")
    loaded.path.mkdir()
    (loaded.path / "curation.jsonl").write_text(json.dumps({"op": "reject", "entity": "BitFit"}) + "\n")

    class Meanwhile(graphbuild.workspace.WorkspaceLock):  # a curate command, done while the load worked
        def __enter__(self):
            if self.command == "load":
                append_operation(loaded.curation_file, CurationOp("reject", "GPT-3"))
            return super().__enter__()

    monkeypatch.setattr(graphbuild.workspace, "WorkspaceLock", Meanwhile)
    said: list[str] = []
    load_parquet(out, loaded, sync_store=False, progress=False, log=said.append)
    assert [line for line in said if "changed while the output was loaded" in line]
    names = {d.get("name") for _, d in loaded.graph().nodes(data=True)}
    assert "BitFit" not in names and "GPT-3" in names
    capsys.readouterr()
    assert main(["curate", "list", "-w", str(loaded.path)]) == 0
    assert "pending: 1 operation(s) written after the live graph was built" in capsys.readouterr().out


def _retyped(table: str, column: str, arrow_type, value, good=None):
    """Rewrite a table of the output with ``column`` of ``arrow_type``, its row 2 holding ``value`` and the
    others ``good`` (of that type, and readable as the schema's): a foreign writer's table."""
    def case(out: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = out / table
        old = pq.read_table(path)
        rows = old.to_pylist()
        for n, row in enumerate(rows):
            row[column] = value if n == 1 else good
        schema = old.schema.set(old.schema.get_field_index(column), pa.field(column, arrow_type))
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), next(path.glob("*.parquet")))
    return case


@pytest.mark.parametrize(("case", "where", "message"), [
    # was a store error at the end of the load naming neither the table nor the row
    (_retyped("nodes/Paper", "year", __import__("pyarrow").string(), "two thousand", "2020"),
     "nodes/Paper",
     "row 2: column year holds 'two thousand', which is not INT64"),
    # was a TypeError traceback
    (_retyped("nodes/Entity", "aliases", __import__("pyarrow").int64(), 5), "nodes/Entity",
     "row 2: column aliases holds 5, which is not STRING[]"),
    (_retyped("rels/AUTHORED", "position", __import__("pyarrow").string(), "x" * 500, "1"),
     "rels/AUTHORED",
     "row 2: column position holds '" + "x" * 118 + "…"),
    (lambda out: _rewrite(out / "nodes" / "Paper", _set("id", "P1", 1)), "nodes/Paper",
     "row 2: the id 'P1' is also a node of Paper"),
])
def test_load_a_column_of_another_type_is_one_coded_line_naming_table_row_and_column(tmp_path, capsys, case, where,
                                                                                       message):
    """From the command line and from Python (``load_parquet``) alike; a column that can be read as the
    schema's type is (a year written as text)."""
    from graphbuild.errors import InputError
    from graphbuild.load import load_parquet

    out = _small_output(tmp_path)
    case(out)
    assert main(["load", str(out), "-w", str(tmp_path / "cli")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"graphbuild: error: [E100] {out / where}: {message}") and err.count("\n") == 1, err
    with pytest.raises(InputError) as raised:
        load_parquet(out, Workspace(tmp_path / "api"), progress=False)
    assert str(raised.value).startswith(f"[E100] {out / where}: {message}")
    assert not Workspace(tmp_path / "api").exists()


def test_load_reads_a_column_written_as_another_type_that_holds_the_schemas_values(tmp_path):
    from graphbuild.load import read_parquet_tables

    out = _small_output(tmp_path)
    _retyped("nodes/Paper", "year", __import__("pyarrow").string(), "2019", "2020")(out)
    assert {row["year"] for row in read_parquet_tables(out).nodes["Paper"]} == {2019, 2020}
