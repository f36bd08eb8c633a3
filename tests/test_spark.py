"""The Spark build gives the same graph as ``graphbuild build`` (real Spark on local[2])."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import require_service

from graphbuild.ingest import read_papers
from graphbuild.records import title_id
from graphbuild.resources import data_path
from graphbuild.schema import NODE_TABLES, REL_TABLES

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _plain_record(paper) -> dict:
    """A paper as a plain input record (the form both builds read)."""
    rec = {k: v for k, v in {
        "title": paper.title, "abstract": paper.abstract, "authors": list(paper.authors), "year": paper.year,
        "date": paper.date, "venue": paper.venue, "doi": paper.doi, "arxiv_id": paper.arxiv_id, "url": paper.url,
    }.items() if v not in (None, "", [])}
    for kind, value in paper.ids:
        rec.setdefault("id" if kind == "id" else kind, value)
    refs = []
    for r in paper.references:
        ref = {k: v for k, v in {"doi": r.doi, "arxiv_id": r.arxiv_id, "title": r.title, "year": r.year}.items() if v}
        ref.update({k: v for k, v in r.ids if k in ("s2", "openalex", "corpus")})
        if ref:
            refs.append(ref)
    if refs:
        rec["references"] = refs
    return rec


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, request) -> Path:
    """The demo corpus plus ~100 papers of $GRAPHBUILD_SHARED/eval/related when present, as JSON Lines."""
    folder = tmp_path_factory.mktemp("spark-corpus")
    papers = read_papers([data_path("demo")], progress=False).papers
    lines = [json.dumps(_plain_record(p), ensure_ascii=False) for p in papers]
    root = Path(os.environ.get("GRAPHBUILD_SHARED", Path(request.config.rootpath).parent / "shared"))
    shared = root / "eval" / "related" / "papers_dev.jsonl"
    if shared.exists():
        lines += shared.read_text(encoding="utf-8").splitlines()[:100]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _norm(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list):
        return tuple(value)
    return value


def _rows(rows) -> list[tuple]:
    return sorted((tuple((k, _norm(v)) for k, v in sorted(r.items())) for r in rows), key=repr)


def _tables_of(out: Path, group: str, name: str) -> tuple[list[str], list[dict]]:
    import pyarrow.parquet as pq

    table = pq.read_table(out / group / name)
    return table.column_names, table.to_pylist()


@pytest.fixture(scope="module")
def both_builds(spark_session, corpus, tmp_path_factory):
    """``graphbuild build`` (its graph as tables) and the Spark build's output folder, on one corpus."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.spark import build
    from graphbuild.workspace import Workspace

    tmp = tmp_path_factory.mktemp("spark-build")
    ws = Workspace(tmp / "ws")
    ws.build([corpus], sync_store=False, overview=False, progress=False)
    out = tmp / "parquet"
    counts = build([corpus], out, spark=spark_session)
    return graph_to_tables(ws.graph()), out, counts, ws


def _assert_written_tables_equal(out: Path, expected) -> None:
    """Every table the Spark job wrote under ``out`` has the schema's columns and ``expected``'s rows."""
    from graphbuild.spark.job import NOT_PRODUCED_TABLES

    compared = 0
    for group, names in (("nodes", NODE_TABLES), ("rels", REL_TABLES)):
        for name in names:
            if name in NOT_PRODUCED_TABLES:
                assert not (out / group / name).exists(), name
                continue
            columns, got = _tables_of(out, group, name)
            assert columns == (list(NODE_TABLES[name]) if group == "nodes" else ["from", "to", *REL_TABLES[name][2]])
            want = (expected.nodes if group == "nodes" else expected.rels)[name]
            assert len(got) == len(want), name
            assert _rows(got) == _rows(want), name
            compared += 1
    assert compared == len(NODE_TABLES) + len(REL_TABLES) - len(NOT_PRODUCED_TABLES)


def test_spark_build_equals_single_machine_build(both_builds):
    """Every table and column the Spark job writes equals ``graphbuild build``'s: all but the communities."""
    from graphbuild.spark.job import NOT_PRODUCED_COLUMNS, NOT_PRODUCED_TABLES

    expected, out, counts, _ = both_builds
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"] == {k: v for k, v in counts.items() if k not in ("skipped", "demoted")}
    # the one gap is explicit: communities are computed by `graphbuild load` (README, BENCHMARKS)
    assert NOT_PRODUCED_TABLES == ("Community", "IN_COMMUNITY") and NOT_PRODUCED_COLUMNS == {}
    assert manifest["not_produced"] == {"tables": ["Community", "IN_COMMUNITY"], "columns": {}}
    _assert_written_tables_equal(out, expected)
    assert counts["Paper"] > 20 and counts["Entity"] > 20 and counts["CITES"] > 0
    # the comparison is not vacuous: the corpus has reported results and graded confidence
    assert counts["Result"] > 0 and counts["REPORTS"] >= counts["Result"] and counts["OF_MODEL"] > 0
    assert len({r["confidence"] for r in expected.nodes["Entity"]}) > 3
    assert len({r["confidence"] for r in expected.rels["USES"]}) > 2


def test_spark_build_loaded_equals_single_machine_graph(both_builds, tmp_path):
    """``graphbuild load`` of the Spark output gives the single build's graph, communities included."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.load import load_parquet
    from graphbuild.workspace import Workspace

    expected, out, _, single = both_builds
    ws = Workspace(tmp_path / "loaded")
    load_parquet(out, ws, sync_store=False, progress=False)
    loaded = graph_to_tables(ws.graph())
    assert expected.nodes["Community"] and expected.rels["IN_COMMUNITY"]
    for name in NODE_TABLES:
        assert _rows(loaded.nodes[name]) == _rows(expected.nodes[name]), name
    for name in REL_TABLES:
        assert _rows(loaded.rels[name]) == _rows(expected.rels[name]), name
    # the rows above read a property a relationship lacks as None; here a null is not an absent property
    # (REPORTS carried `confidence: null` in the loaded graph and no confidence in the single build's)
    want_props = _edge_props(single.graph())
    assert _edge_props(ws.graph()) == want_props
    assert any(k == "REPORTS" and "confidence" in props for (_, _, k), props in want_props.items())
    # each paper's author names as its record wrote them, not as the Author node (the first spelling) has them:
    # the demo's two spellings "de Las Casas" and "de las Casas" of one author both came back "de Las Casas"
    authors = {n: d["authors"] for n, d in single.graph().nodes(data=True) if d.get("label") == "Paper"}
    assert {n: d["authors"] for n, d in ws.graph().nodes(data=True) if d.get("label") == "Paper"} == authors
    assert sum("de las Casas" in " ".join(names) for names in authors.values()) == 1


#: a merge, a reject and a drop (of a much cited paper that proposes an entity others use)
CURATION = "".join(json.dumps(op) + "\n" for op in (
    {"op": "merge", "entity": "BERT-Large", "into": "BERT"},
    {"op": "reject", "entity": "dropout"},
    {"op": "drop", "paper": "arxiv:1706.03762"},
))


def test_spark_build_loaded_with_curation_equals_the_curated_single_build(both_builds, corpus, tmp_path):
    """The job reads no curation file and `graphbuild load` made its graph live as written: a merged, rejected
    or dropped thing came back until the next build. The load applies the workspace's curation now."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.load import load_parquet
    from graphbuild.workspace import Workspace

    _, out, _, _ = both_builds
    single, loaded = Workspace(tmp_path / "single"), Workspace(tmp_path / "loaded")
    for ws in (single, loaded):
        ws.path.mkdir()
        (ws.path / "curation.jsonl").write_text(CURATION, encoding="utf-8")
    built = single.build([corpus], sync_store=False, overview=False, progress=False)
    report = load_parquet(out, loaded, sync_store=False, progress=False)
    assert report.curation.summary() == built.curation.summary().replace(str(single.path), str(loaded.path))
    assert report.curation.applied == 3 and report.curation.dropped == 1 and not report.curation.warnings
    want, got = graph_to_tables(single.graph()), graph_to_tables(loaded.graph())
    for name in NODE_TABLES:
        assert _rows(got.nodes[name]) == _rows(want.nodes[name]), name
    for name in REL_TABLES:
        assert _rows(got.rels[name]) == _rows(want.rels[name]), name
    assert _edge_props(loaded.graph()) == _edge_props(single.graph())
    assert "arxiv:1706.03762" not in loaded.graph() and "entity:dropout" not in loaded.graph()
    assert loaded.manifest()["curation_sha256"] == single.manifest()["curation_sha256"]


def test_spark_build_summary_counts_external_stubs_as_the_single_build_does(both_builds):
    """``graphbuild spark build`` closed on "Paper 84, ..., skipped 0": the cited papers outside the corpus
    counted as papers; its ``nodes:``/``edges:`` lines are now the single build's (communities aside)."""
    from graphbuild.graph import graph_stats
    from graphbuild.spark.job import summary

    _, out, counts, ws = both_builds
    stats = graph_stats(ws.graph())
    nodes = {k: v for k, v in stats["nodes"].items() if k != "Community"}
    edges = {k: v for k, v in stats["edges"].items() if k != "IN_COMMUNITY"}
    assert nodes["Paper (external)"] > 0 and counts["Paper"] == nodes["Paper"] + nodes["Paper (external)"]
    assert summary(out, counts) == "\n".join([
        "nodes: " + ", ".join(f"{k} {v}" for k, v in nodes.items()),
        "edges: " + ", ".join(f"{k} {v}" for k, v in edges.items())])


def _edge_props(G) -> dict[tuple[str, str, str], dict]:
    """Every relationship's properties as the graph holds them, keys included (NaN as None)."""
    return {(u, v, k): {p: _norm(x) for p, x in d.items()} for u, v, k, d in G.edges(keys=True, data=True)}


def test_spark_build_writes_the_single_builds_papers_and_extraction_cache(both_builds):
    """``corpus/papers`` and ``corpus/extractions`` hold what the single build's workspace caches, keys included."""
    from dataclasses import replace

    import pyarrow.parquet as pq

    from graphbuild.load import read_corpus_papers, read_extraction_lines

    _, out, _, ws = both_builds
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["corpus"]["pipeline"] == ws.manifest()["pipeline"]
    cache = ws.extractions()
    lines = [json.loads(line) for line in read_extraction_lines(out, batch_rows=7)]
    assert manifest["corpus"]["counts"] == {"papers": len(cache), "extractions": len(cache)} == \
        {"papers": pq.read_table(out / "corpus" / "papers").num_rows, "extractions": len(lines)}
    assert {d["paper_id"]: d["fingerprint"] for d in lines} == {pid: c.key for pid, c in cache.items()}
    assert {d["paper_id"]: d["extraction"] for d in lines} == \
        {pid: c.extraction.to_dict() for pid, c in cache.items()}
    assert sum(len(d["extraction"]["entities"]) for d in lines) > 100
    # the same records in the same order; where a record was read is not compared
    unsourced = [replace(p, source="") for p in ws.papers() if not p.external]
    assert [replace(p, source="") for p in read_corpus_papers(out)] == unsourced


def _more_papers(path: Path) -> Path:
    """Two papers the corpus lacks, one citing a corpus paper by title."""
    records = [
        {"title": "Sparse Adapters for Multilingual Question Answering", "year": 2024,
         "authors": ["Ines Okafor", "Tomas Lindqvist"],
         "abstract": "We propose SparseAdapt, a parameter-efficient method built on LoRA. SparseAdapt is "
                     "evaluated on TyDi QA and MLQA and compared with BERT fine-tuning.",
         "references": [{"title": "BERT: Pre-training of Deep Bidirectional Transformers for Language "
                                  "Understanding"}]},
        {"title": "Measuring Label Noise in Image Classification Benchmarks", "year": 2023,
         "authors": ["Ana Ruiz"],
         "abstract": "We train ResNet-50 on CIFAR-10 and ImageNet with noisy labels and report top-1 accuracy."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_build_on_a_loaded_spark_output_extracts_the_new_papers_and_few_others(both_builds, corpus, tmp_path):
    """spark build -> load -> build one more file: the NLP pass sees the new file's papers and the few
    loaded ones whose casing statistics they change (the Spark job keys its extractions as a single build
    does), and the graph is the one a single build of both files makes."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.load import load_parquet
    from graphbuild.workspace import Workspace

    _, out, _, _ = both_builds
    more = _more_papers(tmp_path / "more.jsonl")
    notes: list[str] = []
    ws = Workspace(tmp_path / "loaded")
    load_parquet(out, ws, sync_store=False, progress=False, log=notes.append)
    assert notes == []  # the output has the extraction cache: nothing to warn about
    loaded = len(ws.extractions())
    report = ws.build([more], sync_store=False, overview=False, progress=False)
    assert (report.papers_new, report.papers_total) == (2, loaded + 2)
    assert 2 <= report.extracted <= 2 + loaded // 10
    single = Workspace(tmp_path / "single")
    single.build([corpus, more], sync_store=False, overview=False, progress=False)
    got, want = graph_to_tables(ws.graph()), graph_to_tables(single.graph())
    new_ids = {r["id"] for r in want.nodes["Paper"] if r["title"].startswith(("Sparse Adapters", "Measuring Label"))}
    assert len(new_ids) == 2 and any(r["from"] in new_ids for r in want.rels["CITES"])  # a new paper cites an old one
    for name in NODE_TABLES:
        assert _rows(got.nodes[name]) == _rows(want.nodes[name]), name
    for name in REL_TABLES:
        assert _rows(got.rels[name]) == _rows(want.rels[name]), name
    # a build under another pipeline (a user gazetteer changes the fingerprint) extracts every paper again
    gaz = tmp_path / "mine.jsonl"
    gaz.write_text(json.dumps({"name": "SparseAdapt", "type": "Method"}) + "\n", encoding="utf-8")
    from graphbuild.settings import Settings

    other = Workspace(ws.path, Settings(gazetteer=str(gaz)))
    again = other.build([], sync_store=False, overview=False, progress=False)
    assert again.extracted == again.papers_total == loaded + 2


def _user_gazetteer(path: Path) -> Path:
    """A user gazetteer that adds a name the shipped one lacks and retypes a shipped entry."""
    entries = [{"name": "Atari", "type": "Dataset", "aliases": ["Atari 2600"]},
               {"name": "MMLU", "type": "Task"}]
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path


def _demo_jsonl(path: Path) -> Path:
    """The demo corpus as plain JSON Lines records."""
    papers = read_papers([data_path("demo")], progress=False).papers
    path.write_text("".join(json.dumps(_plain_record(p), ensure_ascii=False) + "\n" for p in papers),
                    encoding="utf-8")
    return path


@contextmanager
def _both_builds(tmp: Path, settings, spark_session) -> Iterator[tuple]:
    """The demo corpus built under ``settings`` by ``graphbuild build`` (a workspace in ``tmp``) and by the
    Spark job (``tmp/parquet``), with a cache folder of their own; yields the workspace and the output folder.
    """
    from graphbuild.spark import build
    from graphbuild.workspace import Workspace

    corpus = _demo_jsonl(tmp / "demo.jsonl")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp / "cache"))
        ws = Workspace(tmp / "ws", settings)
        ws.build([corpus], sync_store=False, overview=False, progress=False)
        out = tmp / "parquet"
        build([corpus], out, spark=spark_session, settings=settings)
        yield ws, out


@pytest.fixture(scope="module")
def gazetteer_builds(spark_session, tmp_path_factory):
    """The demo corpus built by ``graphbuild build`` and by the Spark job under one user gazetteer.

    Yields the single build's workspace, the Spark output folder and the user
    gazetteer; the merged gazetteer is written to a cache folder of its own.
    """
    from graphbuild.settings import Settings

    tmp = tmp_path_factory.mktemp("spark-gazetteer")
    settings = Settings(gazetteer=str(_user_gazetteer(tmp / "mine.jsonl")))
    with _both_builds(tmp, settings, spark_session) as (ws, out):
        yield ws, out, settings


def test_spark_build_with_a_user_gazetteer_equals_single_machine_build(gazetteer_builds, spark_session):
    """Under a user gazetteer the job loads what ``graphbuild build`` loads (the shipped gazetteer merged with
    the user's), shipped to the executors: the same tables and the same pipeline fingerprint."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.spark.steps import worker_pipeline
    from graphbuild.user_gazetteer import effective_gazetteer

    ws, out, settings = gazetteer_builds
    expected = graph_to_tables(ws.graph())
    # the user's entries took effect: a new entity, and a shipped name under the user's type
    types = {r["name"]: r["type"] for r in expected.nodes["Entity"]}
    assert types.get("Atari") == "Dataset" and types.get("MMLU") == "Task"
    _assert_written_tables_equal(out, expected)
    assert json.loads((out / "manifest.json").read_text())["corpus"]["pipeline"] == ws.manifest()["pipeline"]
    # executors load the copy shipped with the job, not the driver's file
    merged = Path(effective_gazetteer(settings.gazetteer))
    loaded = spark_session.sparkContext.parallelize([merged.name], 1).map(
        lambda name: worker_pipeline("", name).meta["graphbuild"]["gazetteer"]).collect()
    assert Path(loaded[0]).name == merged.name and Path(loaded[0]) != merged


def test_build_on_a_loaded_spark_output_with_the_user_gazetteer_extracts_nothing(gazetteer_builds, tmp_path):
    """``graphbuild load`` of the Spark output, then ``graphbuild build`` under the same user gazetteer: every
    cached extraction's key matches, so nothing is extracted again and the graph is the single build's."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.load import load_parquet
    from graphbuild.workspace import Workspace

    single, out, settings = gazetteer_builds
    ws = Workspace(tmp_path / "loaded", settings)
    load_parquet(out, ws, sync_store=False, progress=False)
    report = ws.build([], sync_store=False, overview=False, progress=False)
    assert report.extracted == 0 and report.papers_total == len(ws.extractions()) > 20
    got, want = graph_to_tables(ws.graph()), graph_to_tables(single.graph())
    for name in NODE_TABLES:
        assert _rows(got.nodes[name]) == _rows(want.nodes[name]), name
    for name in REL_TABLES:
        assert _rows(got.rels[name]) == _rows(want.rels[name]), name


def test_spark_build_with_a_bad_user_gazetteer_fails_on_one_line_before_spark(corpus, tmp_path, monkeypatch,
                                                                               capsys):
    """A malformed user gazetteer line: one coded line naming the file and line, as ``graphbuild build`` gives,
    and no Spark session is started (from the command line or the Python API)."""
    import graphbuild.spark.session
    from graphbuild.cli import main
    from graphbuild.errors import InputError
    from graphbuild.settings import Settings
    from graphbuild.spark import build

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bad = tmp_path / "mine.jsonl"
    bad.write_text('{"name": "Atari", "type": "Dataset"}\n{"name": "Pong", "type": "Game"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="mine.jsonl:2: unknown entity type 'Game'"):
        build([corpus], tmp_path / "out", settings=Settings(gazetteer=str(bad)))
    assert main(["spark", "build", str(corpus), "--out", str(tmp_path / "out"), "--gazetteer", str(bad)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"graphbuild: error: [E100] {bad}:2: unknown entity type")
    assert main(["build", str(corpus), "-w", str(tmp_path / "ws"), "--gazetteer", str(bad)]) == 1
    assert capsys.readouterr().err == err  # the single build's line
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def model_builds(spark_session, tmp_path_factory):
    """The demo corpus built by ``graphbuild build`` and by the Spark job with a pipeline folder written by
    ``graphbuild train`` (the six annotated papers of ``tests/test_train.py``).

    Yields the single build's workspace, the Spark output folder, the settings and the folder; packed
    pipelines and merged gazetteers go to a cache folder of their own.
    """
    from test_train import write_training_files

    from graphbuild.nlp.train import train_pipeline
    from graphbuild.settings import Settings

    tmp = tmp_path_factory.mktemp("spark-model")
    papers, ann = write_training_files(tmp)
    folder = tmp / "my-pipeline"
    train_pipeline([ann], [papers], folder)
    settings = Settings(spacy_model=str(folder))
    with _both_builds(tmp, settings, spark_session) as (ws, out):
        yield ws, out, settings, folder


def test_spark_build_with_a_trained_pipeline_folder_equals_single_machine_build(model_builds, spark_session):
    """A pipeline folder written by ``graphbuild train`` travels with the job: the tables and pipeline
    fingerprint are the single build's, and executors load the shipped copy, not the driver's folder."""
    from graphbuild.graph import graph_to_tables
    from graphbuild.nlp.decide import read_model
    from graphbuild.spark.job import prepare
    from graphbuild.spark.steps import worker_model, worker_pipeline

    ws, out, settings, folder = model_builds
    _assert_written_tables_equal(out, graph_to_tables(ws.graph()))
    assert json.loads((out / "manifest.json").read_text())["corpus"]["pipeline"] == ws.manifest()["pipeline"]

    def loaded(name: str) -> tuple[str, str, str, dict]:
        from pyspark import SparkFiles

        nlp = worker_pipeline(name, "")
        return (worker_model(name), SparkFiles.getRootDirectory(), nlp.meta["graphbuild"]["model"],
                nlp.get_pipe("graphbuild_decide").model.to_json())

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder.parent / "cache"))
        job = prepare([out.parent / "demo.jsonl"], settings)
    name = Path(job.archive).name
    assert job.model == str(folder) and name.endswith(".zip") and job.fingerprint == ws.manifest()["pipeline"]
    path, root, model, weights = spark_session.sparkContext.parallelize([name], 1).map(loaded).collect()[0]
    assert Path(path) == Path(root) / name == Path(model) and Path(path) != folder
    assert sorted(p.name for p in Path(path).iterdir()) == sorted(p.name for p in folder.iterdir())
    assert weights == read_model(folder / "graphbuild_decide" / "decider.json").to_json()
    # a package name (or blank English) is loaded by name, not looked up among the shipped files
    assert worker_model("en_core_web_sm") == "en_core_web_sm" and worker_model("") == ""


def test_build_on_a_loaded_spark_output_with_the_trained_folder_extracts_nothing(model_builds, tmp_path):
    """``graphbuild load`` of the output, then ``graphbuild build`` with the same folder: the extraction cache
    the job wrote is keyed as the single build keys it, so nothing is extracted again."""
    from graphbuild.load import load_parquet
    from graphbuild.workspace import Workspace

    _, out, settings, _ = model_builds
    ws = Workspace(tmp_path / "loaded", settings)
    load_parquet(out, ws, sync_store=False, progress=False)
    report = ws.build([], sync_store=False, overview=False, progress=False)
    assert report.extracted == 0 and report.papers_total == len(ws.extractions()) > 20


@pytest.mark.parametrize("kind", ["missing", "not a pipeline"])
def test_spark_build_with_a_bad_model_folder_fails_on_one_line_before_spark(kind, corpus, tmp_path, monkeypatch,
                                                                             capsys):
    """A missing pipeline folder, or a folder that holds no spaCy pipeline: one coded line naming it, and no
    Spark session is started (from the command line or the Python API)."""
    import graphbuild.spark.session
    from graphbuild.cli import main
    from graphbuild.errors import InputError
    from graphbuild.settings import Settings
    from graphbuild.spark import build

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    folder = tmp_path / "my-pipeline"
    if kind == "not a pipeline":
        folder.mkdir()
        (folder / "notes.txt").write_text("no config.cfg here\n", encoding="utf-8")
    reason = "spaCy pipeline not found" if kind == "missing" else "not a spaCy pipeline folder"
    with pytest.raises(InputError, match=reason):
        build([corpus], tmp_path / "out", settings=Settings(spacy_model=str(folder)))
    assert main(["spark", "build", str(corpus), "--out", str(tmp_path / "out"), "--spacy-model", str(folder)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"graphbuild: error: [E100] {folder}: {reason}")
    assert not (tmp_path / "out").exists()


def test_the_input_check_is_one_function_for_the_api_and_the_command_line(spark_session, corpus, tmp_path, monkeypatch):
    """``graphbuild spark build`` checks and prepares its inputs once, with the function ``build`` calls
    (with PySpark installed: the command asks for it before starting a session)."""
    import graphbuild.spark.job as job
    import graphbuild.spark.session
    from graphbuild.cli import main

    calls: list[list[str]] = []
    real = job.spark_inputs

    def counted(paths):
        calls.append([str(p) for p in paths])
        return real(paths)

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(job, "spark_inputs", counted)
    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    with pytest.raises(AssertionError, match="a Spark session was started"):
        main(["spark", "build", str(corpus), "--out", str(tmp_path / "out")])
    assert calls == [[str(corpus)]]  # once, before the session; run() does not check again


def test_spark_build_of_a_format_it_does_not_read_fails_on_one_line_before_spark(tmp_path, monkeypatch, capsys):
    """An input the Spark build cannot read (a BibTeX file): one coded line naming it, no Spark session."""
    import graphbuild.spark.session
    from graphbuild.cli import main

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    refs = tmp_path / "refs.bib"
    refs.write_text("@article{a, title={T}}\n", encoding="utf-8")
    assert main(["spark", "build", str(refs), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"graphbuild: error: [E100] {refs}: the Spark build reads")
    assert not (tmp_path / "out").exists()


def test_spark_submit_line_of_the_readme_runs_the_build(corpus, tmp_path):
    """``spark-submit [options] graphbuild/spark/submit.py build INPUT --out DIR``, as README shows it."""
    import subprocess
    import sys

    import graphbuild.spark.submit as submit

    small = tmp_path / "small.jsonl"
    small.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:6]), encoding="utf-8")
    spark_submit = Path(sys.executable).parent / "spark-submit"
    if not spark_submit.exists():
        require_service("spark-submit is not installed (PySpark): pip install -e '.[spark]'")
    # as in an activated environment (spark-submit finds PySpark through `python3`), no PYSPARK_* variables
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYSPARK_")} | {
        "SPARK_LOCAL_IP": "127.0.0.1", "PATH": f"{spark_submit.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    # the interpreters as the README passes them: the executors' and the driver's, by configuration
    interpreters = ["--conf", f"spark.pyspark.python={sys.executable}",
                    "--conf", f"spark.pyspark.driver.python={sys.executable}"]
    proc = subprocess.run([str(spark_submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                           "--conf", "spark.sql.shuffle.partitions=2", *interpreters, submit.__file__, "build",
                           str(small), "--out", str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"wrote {tmp_path / 'out'}" in proc.stdout
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["counts"]["Paper"] >= 6 and manifest["counts"]["Entity"] > 0
    # a line per stage (spark-submit passes the Python driver's standard error on to its standard output)
    assert "spark build: extract done" in proc.stdout + proc.stderr


def test_components_and_per_group_send_each_key_group_whole(spark_session):
    """Chains of shared keys become one group (smallest node id); a node sharing no key is a one-member group.

    ``per_group`` hands ``run`` every group whole: the one-member groups row by
    row (``mapInPandas``), the others through ``applyInPandas``.
    """
    from graphbuild.spark.job import _components, per_group

    keys = {1: ["a"], 2: ["a", "b"], 3: ["b"], 4: ["only4"], 5: [], 6: ["x", "x"],
            7: ["e"], 8: ["e", "f"], 9: ["f", "g"], 10: ["g"]}  # 7-8-9-10: a chain of three keys
    nodes = spark_session.createDataFrame([(n, f"v{n}") for n in keys], "node bigint, value string")
    edges = spark_session.createDataFrame([(n, k) for n, ks in keys.items() for k in ks], "node bigint, key string")
    comps = {r["node"]: (r["comp"], r["single"]) for r in _components(edges, nodes).collect()}
    assert comps == {1: (1, False), 2: (1, False), 3: (1, False), 4: (4, True), 5: (5, True), 6: (6, True),
                     7: (7, False), 8: (7, False), 9: (7, False), 10: (7, False)}

    def run(rows):
        return [(min(node for node, _ in rows), ",".join(sorted(value for _, value in rows)), len(rows))]

    got = per_group(nodes.join(_components(edges, nodes), "node"), run, ["node", "value"],
                    "first bigint, members string, n bigint").collect()
    assert sorted(tuple(r) for r in got) == [(1, "v1,v2,v3", 3), (4, "v4", 1), (5, "v5", 1), (6, "v6", 1),
                                             (7, "v10,v7,v8,v9", 4)]


def test_spark_merge_group_orders_each_merged_paper_by_its_own_first_copy():
    from graphbuild.records import Paper
    from graphbuild.spark.steps import merge_group, paper_of, paper_to_json

    title = "Deep Residual Learning for Image Recognition"
    preprint = Paper(title=title, year=2015, authors=("Kaiming He",), arxiv_id="1512.03385")
    published = Paper(title=title, year=2016, authors=("K. He",))  # joins the preprint by the version rule
    other = Paper(title=title, year=2016, authors=("A. Nobody",))
    out = merge_group([(5, paper_to_json(preprint)), (7, paper_to_json(published)), (9, paper_to_json(other))])
    assert [(order, paper_of(text).authors) for order, text in out] == [(5, ("Kaiming He",)), (9, ("A. Nobody",))]


def test_spark_id_conflict_group_gives_each_record_the_lines_of_a_single_build():
    """Within a key group, each record warned about gets the lines ``id_conflicts`` over all the records gives
    it (compared with the first holder of each of its ids), under its own ordinal; a record alone gets none."""
    from graphbuild.ingest.checks import id_conflicts
    from graphbuild.records import Paper
    from graphbuild.spark.steps import id_conflict_group, paper_to_json

    first = Paper(title="Tidal Attention for Flood Forecasting", doi="10.5555/tide.1", source="a.jsonl:1")
    second = Paper(title="Harbor Sediment Counts", doi="10.5555/tide.1", arxiv_id="2401.00001", source="a.jsonl:2")
    third = Paper(title="Coastal Wind Maps", doi="10.5555/tide.1", arxiv_id="2401.00001", source="b.jsonl:1")
    same = Paper(title="Tidal attention for flood forecasting", doi="10.5555/tide.1", source="b.jsonl:2")
    got = id_conflict_group([(o, paper_to_json(p)) for o, p in [(9, second), (3, first), (4, third), (7, same)]])
    assert [o for o, _ in got] == [4, 9]  # the first title's copy (7) is no conflict
    assert [line for _, lines in got for line in json.loads(lines)] == id_conflicts([first, third, same, second])
    assert [len(json.loads(lines)) for _, lines in got] == [1, 2]  # 9: the DOI of 3 and the arXiv id of 4
    assert id_conflict_group([(1, paper_to_json(first))]) == []


def test_spark_build_warns_of_records_sharing_an_id_as_a_single_build_does(spark_session, tmp_path):
    """Records that share a DOI or an arXiv id but not a title: the Spark build merged them and printed
    nothing; it now gives the lines ``graphbuild build`` prints, in its order (a record's own warnings first)."""
    from graphbuild.ingest import read_papers
    from graphbuild.spark.job import prepare, run

    folder = tmp_path / "shared-ids"
    folder.mkdir()
    rows = [("Tidal Attention for Flood Forecasting", "10.5555/tide.1", None),
            ("Glacier Melt Series", "10.5555/ice.2", "2402.00002"),
            ("Harbor Sediment Counts", "10.5555/tide.1", None),
            ("Coastal Wind Maps", "10.5555/ice.2", "2402.00002"),
            ("Reef Survey Atlas", None, "2402.00002")]
    (folder / "a.jsonl").write_text("".join(
        json.dumps({"title": t, "abstract": "We survey the coast.", **({"doi": d} if d else {}),
                    **({"arxiv_id": a} if a else {})}) + "\n" for t, d, a in rows[:3]), encoding="utf-8")
    (folder / "b.jsonl").write_text("".join(
        json.dumps({"title": t, "abstract": "We survey the coast.", **({"doi": d} if d else {}),
                    **({"arxiv_id": a} if a else {})}) + "\n" for t, d, a in rows[3:]) + json.dumps(
        {"title": "Dune Drift", "references": [{"doi": "not-a-doi"}]}) + "\n", encoding="utf-8")
    single = read_papers([folder]).warnings_summary()
    heard: list[list[str]] = []
    counts = run(prepare([str(folder)]), tmp_path / "out", spark=spark_session, on_warnings=heard.append)
    assert heard == [single] and counts["Paper"] == 3  # the five records are two papers, and the sixth
    assert len(single) == 5 and "not a DOI" in single[0]
    assert [sum(f"has the {what} " in line for line in single) for what in ("DOI", "arXiv id")] == [2, 2]


def test_spark_mention_fields_give_add_confidence_under_each_role():
    """The extractor's per-mention fields are what ``add_confidence`` finds and scores, role by role.

    The confidence step picks a link's value from ``confidence`` by the role's place in ``ROLES``; a coined,
    uncanonical name scores differently by role, so a slip in that order shows.
    """
    from graphbuild.records import ROLES, Entity, EntityMention, Extraction, Link, name_key
    from graphbuild.resolve import Resolution
    from graphbuild.review import add_confidence
    from graphbuild.spark.enrich import mention_fields

    vague = "candidate generation based framework"
    mentions = [EntityMention("FooNet", "Model", ["FooNet", "FN"]),  # two forms: +0.05
                EntityMention("BERT", "Model", ["BERT"], canonical="BERT"),
                EntityMention(vague, "Method", [vague])]
    entities = [Entity(name_key(m.name), m.name, m.type) for m in mentions]
    links = [Link(f"p-{role}", e.id, role) for role in ROLES for e in entities]
    extractions = [Extraction(f"p-{role}", "", list(mentions)) for role in ROLES]
    scored = add_confidence(Resolution(entities=entities, links=links), extractions)
    fields = [mention_fields(m) for m in mentions]
    by_entity = {e.id: i for i, e in enumerate(entities)}
    for link in scored.links:
        f = fields[by_entity[link.entity_id]]
        assert name_key(link.entity_id) in f["name_keys"]
        assert link.confidence == f["confidence"][ROLES.index(link.role)], link
    assert fields[0]["confidence"][ROLES.index("proposes")] != fields[0]["confidence"][ROLES.index("uses")]
    assert fields[0]["name_keys"] == ["fn", "foonet"]


@pytest.mark.parametrize("record", [
    '{"id": "p2", "title": "Bad \\ud800 paper", "abstract": "We study BERT."}',
    '{"paperId": "abc", "title": "Bad \\ud800 paper", "abstract": "We study BERT."}',
    '{"id": "p3", "title": "Long", "abstract": "' + "x" * 1_000_001 + '"}',
])
def test_spark_records_get_the_checks_of_a_single_build_s_readers(record):
    """An unpaired surrogate crashed the Spark job in Arrow with a traceback; the single build's readers
    give one coded line for it (and for a text longer than the NLP pass reads)."""
    from graphbuild.errors import InputError
    from graphbuild.spark.steps import paper_from_json

    with pytest.raises(InputError, match="unpaired surrogate|more than the"):
        paper_from_json(record)


def test_spark_bad_records_are_named_by_file_and_line_as_a_build_names_them(spark_session, tmp_path):
    """A bad record is reported at its file's line (blank lines counted), as ``graphbuild build`` does; with
    ``skip_bad`` the skipped records are named, not only counted."""
    from graphbuild.errors import InputError
    from graphbuild.spark.job import prepare, run

    good = json.dumps({"id": "p1", "title": "FooNet for images", "abstract": "We propose FooNet on ImageNet."})
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(["", good, "not json", "[1, 2]", "", json.dumps({"id": "p5", "title": ""})]) + "\n")
    with pytest.raises(InputError) as err:
        run(prepare([str(path)]), tmp_path / "out", spark=spark_session)
    assert (err.value.path, err.value.line) == (str(path), 3)
    assert "invalid JSON" in err.value.message and "3 bad record(s)" in err.value.message
    heard: list[tuple[list[str], int]] = []
    counts = run(prepare([str(path)]), tmp_path / "out", spark=spark_session, skip_bad=True,
                 on_skipped=lambda lines, total: heard.append((lines, total)))
    assert counts["Paper"] == 1 and counts["skipped"] == 3
    (lines, total), = heard
    assert total == 3 and [line.split(": ")[0] for line in lines] == [f"[E100] {path}:{n}" for n in (3, 4, 6)]


def test_spark_bad_records_get_the_single_build_s_coded_lines(spark_session, tmp_path):
    """Each bad JSON Lines record gives the coded line ``graphbuild build --skip-bad`` gives it: the Spark job
    reads its lines with the single build's own functions (it worded bad JSON, a record's label and its
    checks its own way, and a line nested too deeply stopped the job with a traceback)."""
    from graphbuild.ingest import read_papers
    from graphbuild.spark.job import prepare, run

    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "bad.jsonl").write_text("\n".join([
        json.dumps({"id": "p1", "title": "FooNet for images", "abstract": "We propose FooNet on ImageNet."}),
        '{"title": "Broken", ',  # not JSON
        json.dumps({"id": "p3", "abstract": "No title."}),
        '{"title": "One", "title": "Two"}',  # a key given twice, with different values
        '{"title": "Not a number", "abstract": NaN}',
        '["an", "array"]',
        '{"title": "Deep", "x": ' + "[" * 5000 + "]" * 5000 + "}",
    ]) + "\n", encoding="utf-8")
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    single = read_papers([folder], skip_bad=True)
    heard: list[str] = []
    counts = run(prepare([str(folder)]), tmp_path / "out", spark=spark_session, skip_bad=True,
                 on_skipped=lambda lines, total: heard.extend(lines))
    assert counts["Paper"] == len(single.papers) == 1
    assert heard == [str(e) for e in single.skipped] and len(heard) == 6
    assert all(line.startswith(f"[E100] {folder / 'bad.jsonl'}:") for line in heard)


def test_spark_build_warns_as_a_single_build_warns(spark_session, tmp_path):
    """A record kept without a reference's DOI, and a folder entry that is no file, give the warning lines
    ``graphbuild build`` prints (the Spark job kept the record and said nothing)."""
    from graphbuild.ingest import read_papers
    from graphbuild.spark.job import prepare, run

    folder = tmp_path / "warned"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join([
        json.dumps({"id": "p1", "title": "FooNet for images", "abstract": "We propose FooNet on ImageNet."}),
        json.dumps({"id": "p2", "title": "BarNet for text", "abstract": "We propose BarNet.",
                    "references": [{"doi": "not-a-doi", "title": "A cited work"}, {"doi": "10.1234/ok"}]}),
    ]) + "\n", encoding="utf-8")
    (folder / "gone.jsonl").symlink_to("nowhere.jsonl")
    single = read_papers([folder]).warnings_summary()
    heard: list[list[str]] = []
    counts = run(prepare([str(folder)]), tmp_path / "out", spark=spark_session, on_warnings=heard.append)
    assert counts["skipped"] == 0 and heard == [single]  # both records kept
    assert [line.split(": ")[1] for line in single] == [
        f"[E100] {folder / 'gone.jsonl'}", f"[E100] {folder / 'a.jsonl'}:2"]
    assert "reference 1: doi 'not-a-doi' is not a DOI" in single[1]


@pytest.mark.parametrize("kind", ["missing", "empty folder", "hidden files only"])
def test_spark_build_of_an_input_it_finds_nothing_in_fails_on_the_single_build_s_line(kind, tmp_path, monkeypatch,
                                                                                      capsys):
    """A missing path, an empty folder and a folder of hidden files only: the coded line ``graphbuild build``
    gives, before Spark starts (a missing file started Spark and ended in a Java traceback; a hidden
    ``.x.jsonl`` was read, which the single build passes over)."""
    import graphbuild.spark.session
    from graphbuild.cli import main
    from graphbuild.errors import InputError

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    path = tmp_path / ("shard.jsonl" if kind == "missing" else "shards")
    if kind != "missing":
        path.mkdir()
    if kind == "hidden files only":
        (path / ".x.jsonl").write_text('{"title": "Hidden"}\n', encoding="utf-8")
    with pytest.raises(InputError) as single:
        read_papers([path])
    for skip_bad in ([], ["--skip-bad"]):  # with nothing else to read, --skip-bad leaves nothing to build
        assert main(["spark", "build", str(path), "--out", str(tmp_path / "out"), *skip_bad]) == 1
        err = capsys.readouterr().err
        assert len(err.splitlines()) == 1
        if kind == "missing":
            assert err == f"graphbuild: error: {single.value}\n"
        else:  # the formats named are the job's own
            assert err.startswith(f"graphbuild: error: [E100] {path}: is a folder without any file the Spark build "
                                  "reads (.json.gz, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, .parquet); ")
            assert str(single.value).startswith(f"[E100] {path}: is a folder without any file graphbuild reads")
    assert not (tmp_path / "out").exists()


def test_spark_build_of_a_folder_with_files_of_other_formats_names_them_before_spark(tmp_path, monkeypatch,
                                                                                      capsys):
    """BibTeX, CSV, JSON... files in a folder given to ``spark build`` were passed over without a word: they
    stop the job on one coded line naming the first (and counting the rest), before Spark starts; with
    ``--skip-bad`` they are left out, each to be reported (a file no build reads is passed over, as
    ``graphbuild build`` passes it over)."""
    import graphbuild.spark.session
    from graphbuild.cli import main
    from graphbuild.spark.job import OTHER_FORMAT, prepare

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    folder = tmp_path / "shards"
    (folder / "more").mkdir(parents=True)
    (folder / "a.jsonl").write_text('{"title": "FooNet for images"}\n', encoding="utf-8")
    (folder / "more" / "refs.bib").write_text("@article{a, title={T}}\n", encoding="utf-8")
    (folder / "more" / "table.csv").write_text("title\nT\n", encoding="utf-8")
    (folder / "notes.md").write_text("# notes\n", encoding="utf-8")  # read by neither build
    assert main(["spark", "build", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err == (f"graphbuild: error: [E100] {folder / 'more' / 'refs.bib'}: {OTHER_FORMAT} "
                   "(and 1 more input(s) the Spark build cannot read)\n")
    job = prepare([folder], skip_bad=True)
    assert job.files == [("text", str(folder / "a.jsonl"))]
    assert [(place, e.path, e.message, what) for place, e, what in job.unread] == [
        (1, str(folder / "more" / name), OTHER_FORMAT, "file") for name in ("refs.bib", "table.csv")]
    assert not (tmp_path / "out").exists()


def test_spark_build_leaves_out_a_file_that_is_not_utf8_as_a_build_does(spark_session, tmp_path, monkeypatch):
    """A JSON Lines file with a byte that is not UTF-8 was read with replacement characters as good records;
    it is left out whole with the single build's coded line (line and byte offset), gzipped or not, and a
    gzip file that does not decompress gets a coded line instead of a Java traceback; the files of other
    formats a folder holds are named among the skipped (``--skip-bad``), or stop the job; without ``--skip-bad``
    the first unreadable file stops the job before any record is read."""
    import gzip

    from graphbuild.errors import InputError
    from graphbuild.ingest import skipped_whole
    from graphbuild.spark.job import OTHER_FORMAT, prepare, run

    folder = tmp_path / "shards"
    folder.mkdir()
    latin = b'{"id": "p1", "title": "FooNet for images"}\n{"id": "p2", "title": "Caf\xe9 networks"}\n'
    (folder / "a.jsonl").write_bytes(latin)
    (folder / "b.jsonl").write_text(json.dumps({"id": "p3", "title": "BarNet for text"}) + "\nnot json\n",
                                    encoding="utf-8")
    (folder / "c.jsonl.gz").write_bytes(gzip.compress(latin))
    (folder / "d.jsonl.gz").write_bytes(b"not gzip at all\n")
    (folder / "refs.bib").write_text("no entries\n", encoding="utf-8")  # both builds leave it out, for their reasons
    single = read_papers([folder], skip_bad=True)  # it passes over .gz files
    assert [p.title for p in single.papers] == ["BarNet for text"]
    heard: list[str] = []
    counts = run(prepare([folder], skip_bad=True), tmp_path / "out", spark=spark_session, skip_bad=True,
                 on_skipped=lambda lines, total: heard.extend(lines))
    assert counts["Paper"] == 1 and counts["skipped"] == 5
    a_line = f"[E100] {folder / 'a.jsonl'}:2: not UTF-8 text: invalid byte 0xe9 at byte offset 69; re-save the file"
    assert heard[:2] == [str(e) for e in single.skipped[:2]] and heard[0].startswith(a_line)
    assert heard[2:] == [heard[0].replace("a.jsonl", "c.jsonl.gz"), heard[3],
                         str(skipped_whole(InputError(folder / "refs.bib", None, OTHER_FORMAT)))]
    assert heard[3].startswith(f"[E100] {folder / 'd.jsonl.gz'}: not a readable gzip file: ")
    with pytest.raises(InputError) as first:  # without --skip-bad: the single build's first error, counted
        read_papers([folder / "a.jsonl", folder / "b.jsonl"])
    import graphbuild.spark.job

    def no_reading(*args, **kwargs):
        raise AssertionError("the records were read")

    monkeypatch.setattr(graphbuild.spark.job, "_read", no_reading)  # the count of bad records is not worth it
    with pytest.raises(InputError) as err:
        run(prepare([folder / "a.jsonl", folder / "b.jsonl", folder / "c.jsonl.gz"]), tmp_path / "out",
            spark=spark_session)
    assert str(err.value) == f"{first.value} (2 unreadable input(s); pass --skip-bad to skip them)"


def test_spark_build_ctrl_c_cancels_the_job_on_one_line(tmp_path):
    """A real local[2] job: PySpark's own SIGINT handler printed two tracebacks and let a second Ctrl-C wait."""
    import signal
    import subprocess
    import sys

    words = "we propose a transformer model called LoRA evaluated on ImageNet and GLUE against BERT".split()
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"p{i}", "title": f"Paper {i}", "abstract": " ".join(
        words[(i + k) % len(words)] for k in range(300)) + "."}) + "\n" for i in range(4000)), encoding="utf-8")
    command = [sys.executable, "-m", "graphbuild", "spark", "build", str(corpus), "--out", str(tmp_path / "out"),
               "--master", "local[2]"]
    lines = []
    # its own process group, which a terminal's Ctrl-C reaches as a whole
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True) as proc:
        try:
            assert proc.stderr is not None
            for line in proc.stderr:  # the first stage is done: the job is running in the JVM
                lines.append(line)
                if line.startswith("spark build: "):
                    break
            os.killpg(proc.pid, signal.SIGINT)
            lines += proc.stderr.readlines()
            assert proc.wait(timeout=120) == 130, "".join(lines)[-3000:]
        finally:
            if proc.poll() is None:
                proc.kill()
    assert not any("Traceback" in line or "ERROR" in line for line in lines), "".join(lines)[-3000:]
    assert lines[-1] == f"graphbuild: interrupted; the Spark job was stopped; {tmp_path / 'out'} was left as it was\n"
    assert not (tmp_path / "out").exists()


def test_spark_build_ctrl_c_while_the_jvm_starts_is_one_line_and_ends_the_jvm(tmp_path):
    """Pressed while PySpark waited for its JVM, the command ended but the JVM (which ignores SIGINT) ran on,
    holding the standard error open (a reader of it waited for ever) and printing a Java stack trace; later
    in the start, Python tracebacks of the interrupted calls into the JVM were logged."""
    import contextlib
    import signal
    import subprocess
    import sys

    from graphbuild.resources import data_path

    command = [sys.executable, "-m", "graphbuild", "spark", "build", str(data_path("demo", "papers.jsonl")),
               "--out", str(tmp_path / "out"), "--master", "local[1]"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True) as proc:
        try:
            assert proc.stderr is not None
            first = proc.stderr.readline()  # the JVM's first line: it is starting, the job has not begun
            os.killpg(proc.pid, signal.SIGINT)
            _, rest = proc.communicate(timeout=60)  # ends only once every process holding the stream has ended
            assert proc.returncode == 130, first + rest
        finally:
            with contextlib.suppress(ProcessLookupError):  # the group: a JVM left running too
                os.killpg(proc.pid, signal.SIGKILL)
    lines = (first + rest).splitlines()
    assert not any("Traceback" in line or "ERROR" in line or "Exception" in line for line in lines), rest[-3000:]
    assert lines[-1] == f"graphbuild: interrupted; Spark was starting; {tmp_path / 'out'} was left as it was"
    # (an ended child of the killed launch script may wait for the container's init as a zombie: it runs nothing)
    ps = subprocess.run(["ps", "-o", "stat=,args=", "-s", str(proc.pid)], capture_output=True, text=True).stdout
    assert not [line for line in ps.splitlines() if not line.startswith("Z")], "outlived the command: " + ps
    assert not (tmp_path / "out").exists()


def test_spark_build_ctrl_c_outside_a_jvm_call_raises_and_a_second_stops_at_once(monkeypatch):
    import signal
    import time
    from types import SimpleNamespace

    from graphbuild.cli import stop_at_once
    from graphbuild.cli.spark import _ctrl_c_cancels_jobs

    cancels, levels = [], []
    spark = SimpleNamespace(sparkContext=SimpleNamespace(cancelAllJobs=lambda: cancels.append(1),
                                                         setLogLevel=levels.append))
    before = signal.getsignal(signal.SIGINT)
    try:
        interrupted, finished = _ctrl_c_cancels_jobs(spark)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        assert interrupted.is_set() and not cancels  # nothing waits on the JVM here: raised as the command's would
        assert signal.getsignal(signal.SIGINT) is stop_at_once
        finished()
        assert levels == ["OFF"]  # the session stops next: what its cancelled tasks log is not news
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.parametrize("master", ["local[0]", "local[abc]", "bogus://x", "local[*"])
def test_spark_build_master_that_is_not_a_master_url_is_one_line_before_spark(master, tmp_path, capfd):
    """Each started a JVM that failed: a Java stack trace, then a Python one."""
    from graphbuild.cli import main

    pytest.importorskip("pyspark")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"title": "FooNet for images"}\n', encoding="utf-8")
    assert main(["spark", "build", str(corpus), "--out", str(tmp_path / "out"), "--master", master]) == 1
    err = capfd.readouterr().err  # what a JVM would write goes to the process's standard error, caught here too
    assert err == (f"graphbuild: error: [E710] --master {master!r} is not a Spark master URL: use local, local[N] "
                   "(N threads, 1 or more), local[*], spark://HOST:PORT, k8s://HOST:PORT or yarn\n")


def test_spark_master_urls_spark_takes_pass_the_check():
    from graphbuild.spark.session import check_master

    for master in ("local", "local[2]", "local[*]", "local[4, 2]", "local-cluster[2,1,1024]", "spark://h:7077",
                   "k8s://https://h:443", "yarn"):
        check_master(master)


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"skip_bad": "no"}, r"skip_bad must be True or False, not str \('no'\)"),  # truthy: it skipped
    ({"batch_size": 0}, "batch_size must be 1 or more, not 0"),
    ({"batch_size": "64"}, "batch_size must be a whole number"),
    ({"on_stage": "print"}, "on_stage must be a function"),
])
def test_spark_build_arguments_of_the_wrong_kind_are_one_line_before_spark(kwargs, words, tmp_path, monkeypatch):
    import graphbuild.spark.session
    from graphbuild.errors import UsageError
    from graphbuild.spark.job import build

    def no_spark(*args, **kwargs):
        raise AssertionError("a Spark session was started")

    monkeypatch.setattr(graphbuild.spark.session, "get_session", no_spark)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"title": "FooNet for images"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=rf"^\[E710\] {words}"):
        build([corpus], tmp_path / "out", **kwargs)


def test_spark_build_reads_utf16_and_utf32_json_lines_as_a_build_does(spark_session, tmp_path):
    """A UTF-16 JSON Lines file (with its byte-order mark, as Windows tools write it) that ``graphbuild build``
    reads stopped the job ("not UTF-8 text (it looks like UTF-16)"); it is read, as is UTF-32 (gzipped too), its
    bad records named by line as a single build names them, and bytes that are no UTF-16 leave it out whole with
    the single build's coded line."""
    import codecs
    import gzip

    from graphbuild.ingest import read_papers
    from graphbuild.spark.job import prepare, run

    lines = [json.dumps({"id": "p1", "title": "FooNet for images", "abstract": "We propose FooNet on ImageNet."}),
             "", "not json",
             json.dumps({"id": "p2", "title": "Café networks on 東京", "abstract": "We propose BarNet."},
                        ensure_ascii=False)]
    wide = tmp_path / "a.jsonl"
    wide.write_bytes("\r\n".join(lines).encode("utf-16") + "\r\n".encode("utf-16-le"))
    widest = tmp_path / "b.jsonl.gz"
    widest.write_bytes(gzip.compress(codecs.BOM_UTF32_BE + (json.dumps(
        {"id": "p3", "title": "BazNet for speech", "abstract": "We propose BazNet."}) + "\n").encode("utf-32-be")))
    broken = tmp_path / "c.jsonl"
    broken.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8" + lines[0].encode("utf-16-le"))  # an unpaired surrogate
    files = [wide, widest, broken]
    single = read_papers(files, skip_bad=True)
    heard: list[str] = []
    counts = run(prepare([str(f) for f in files]), tmp_path / "out", spark=spark_session, skip_bad=True,
                 on_skipped=lambda shown, total: heard.extend(shown))
    assert sorted(p.title for p in single.papers) == ["BazNet for speech", "Café networks on 東京",
                                                      "FooNet for images"]
    assert counts["Paper"] == 3 and counts["skipped"] == 2
    assert heard == [str(e) for e in single.skipped]
    assert heard[0].startswith(f"[E100] {wide}:3: ") and heard[1].startswith(f"[E100] {broken}:1: not UTF-16 text")


def test_spark_build_killed_while_replacing_its_output_leaves_the_old_one_and_the_next_run_clears_up(tmp_path):
    """A real local[2] job SIGKILLed with its new output written and the old one not yet replaced: the old
    output is whole under its name; the next run replaces it and leaves nothing beside it. (The old output was
    removed in place before the rename, so a kill then left half of it; and a killed job's temporary copy stayed
    for good.)"""
    import signal
    import subprocess
    import sys

    corpus = tmp_path / "papers.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"p{i}", "title": f"Paper {i}", "abstract": (
        "We propose a transformer model called LoRA evaluated on ImageNet and GLUE against BERT.")}) + "\n"
        for i in range(20)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"old": true}', encoding="utf-8")  # (an earlier job's output)
    command = [sys.executable, "-m", "graphbuild", "spark", "build", str(corpus), "--out", str(out),
               "--master", "local[2]"]
    env = {**os.environ, "GRAPHBUILD_TEST_PAUSE_AT": "spark-replace"}
    lines = []
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True) as proc:
        try:
            assert proc.stderr is not None
            for line in proc.stderr:
                lines.append(line)
                if "test pause at spark-replace" in line:
                    break
            else:
                pytest.fail("the job ended before its pause: " + "".join(lines)[-2000:])
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == {"old": True}
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json"]
    again = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-2000:]
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["format"] == "graphbuild-parquet"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "papers.jsonl"]


def test_spark_build_warns_of_an_empty_input_file_as_a_single_build_warns(spark_session, tmp_path):
    """A 0-byte file and one of blank lines only give the coded warnings ``graphbuild build`` gives, and the line
    for when every input is empty (the Spark job built from them in silence, as if they had been read)."""
    from graphbuild.ingest import read_papers
    from graphbuild.spark.job import prepare, run

    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n", encoding="utf-8")
    full = tmp_path / "full.jsonl"
    full.write_text(json.dumps({"id": "p1", "title": "FooNet for images"}) + "\n", encoding="utf-8")
    for inputs, papers in (([empty, full], 1), ([empty, blank], 0)):
        single = read_papers(inputs).warnings_summary()
        heard: list[list[str]] = []
        counts = run(prepare(map(str, inputs)), tmp_path / "out", spark=spark_session, on_warnings=heard.append)
        assert counts["Paper"] == papers and heard == [single]
    assert single == [f"warning: [E100] {empty}: is empty (0 bytes): no paper was read from it",
                      f"warning: [E100] {blank}: holds no paper records (only blank lines): no paper was read from it",
                      "warning: [E100] every input file is empty (2 files): no paper was read; "
                      "give the files that hold the papers"]


@pytest.mark.parametrize("how", ["twice", "link"])
def test_spark_build_cli_names_a_file_given_twice_on_the_standard_error_as_a_build_does(spark_session, tmp_path,
                                                                                      monkeypatch, capsys, how):
    """A file named twice (or by a link as well) is read once by both builds, with the same warning line; the
    Spark command printed it on the standard output among its counts, where ``graphbuild build`` prints it on the
    standard error (``spark build ... > counts.txt`` buried it, ``2> warnings.txt`` lost it)."""
    import graphbuild.spark.session
    from graphbuild.cli import main

    papers = tmp_path / "a.jsonl"
    papers.write_text(json.dumps({"id": "p1", "title": "Adapters Everywhere", "abstract": "We fine-tune BERT."}) + "\n",
                      encoding="utf-8")
    other = papers if how == "twice" else tmp_path / "b.jsonl"
    if how == "link":
        other.symlink_to(papers)
    assert main(["build", str(papers), str(other), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    single = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert len(single) == 1 and "is a file read already" in single[0]
    monkeypatch.setattr(graphbuild.spark.session, "get_session", lambda *args, **kwargs: spark_session)
    monkeypatch.setattr(graphbuild.spark.session, "stop_session", lambda spark: None)  # the module's session
    assert main(["spark", "build", str(papers), str(other), "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert [line for line in err.splitlines() if line.startswith("warning:")] == single, err
    assert "warning:" not in out and "nodes: Entity 1, Paper 1" in out, out


def test_spark_build_out_of_room_is_one_coded_line_and_leaves_the_old_output(spark_session, tmp_path):
    """The JVM's Parquet writer on a full disk (a real one: a small tmpfs, mounted when the tests run as root)
    ended the job with a traceback and pages of Java stack ('Py4JJavaError: <exception str() failed>')."""
    import subprocess

    from graphbuild.errors import OutputError
    from graphbuild.spark.job import prepare, run

    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(disk)],
                                           capture_output=True).returncode:
        pytest.skip("needs root to mount a small tmpfs (a real full disk)")
    try:
        path = tmp_path / "in.jsonl"
        path.write_text(json.dumps({"id": "p1", "title": "FooNet for images",
                                    "abstract": "We propose FooNet, trained on ImageNet."}) + "\n", encoding="utf-8")
        out = disk / "out"
        out.mkdir()
        (out / "manifest.json").write_text("the old output\n")
        with open(disk / "filler", "wb", buffering=0) as fill:  # the rest of the device
            try:
                while fill.write(b"\0" * 4096):
                    pass
            except OSError:
                pass
        with pytest.raises(OutputError) as err:
            run(prepare([str(path)]), out, spark=spark_session)
        assert str(err.value) == (f"[E700] cannot write {out}: no space left on the device; free space on the "
                                  "device, or choose another place (the old output, if any, is unchanged)")
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "out"]  # no temporary folder left
        assert (out / "manifest.json").read_text() == "the old output\n"
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=False)  # (the JVM may still hold a file there)


def test_spark_build_refuses_and_warns_of_placeholder_titles_as_a_single_build_does(spark_session, tmp_path):
    """Titles of only punctuation or of characters that show nothing (a paper's: refused; a reference's: dropped,
    or the reference left out) and a reference title spelled two ways: the Spark job reads its records with the
    single build's readers, so it gives the same coded lines and makes the same cited papers."""
    from graphbuild.ingest import read_papers
    from graphbuild.spark.job import prepare, run

    folder = tmp_path / "titles"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps(record) + "\n" for record in (
        {"id": "p1", "title": "FooNet for images", "abstract": "We propose FooNet on ImageNet.",
         "references": [{"title": "---", "doi": "10.1000/xyz"}, {"title": "?!"}, {"title": "\u200b\u00ad"},
                        {"title": "Sparse Graphs &amp; Dense  Kernels"}]},
        {"id": "p2", "title": "---", "abstract": "A title left as a dash."},
        {"id": "p3", "title": "\u200b\u200d", "abstract": "A title no one can see."},
        {"id": "p4", "title": "BarNet for text", "abstract": "We propose BarNet.",
         "references": ["Sparse Graphs & Dense Kernels"]})), encoding="utf-8")
    single = read_papers([folder], skip_bad=True)
    skipped: list[str] = []
    warned: list[list[str]] = []
    out = tmp_path / "out"
    counts = run(prepare([str(folder)], skip_bad=True), out, spark=spark_session, skip_bad=True,
                 on_skipped=lambda lines, total: skipped.extend(lines), on_warnings=warned.append)
    assert skipped == [str(e) for e in single.skipped] and len(skipped) == 2, skipped
    assert "its title '---' is only punctuation" in skipped[0] and "holds no character that shows" in skipped[1]
    assert warned == [single.warnings_summary()], warned
    assert counts["skipped"] == 2
    _, rows = _tables_of(out, "nodes", "Paper")
    cited = sorted((row["id"], row["title"] or None) for row in rows if row["external"])
    assert cited == [("doi:10.1000/xyz", None), (title_id("Sparse Graphs & Dense Kernels"),
                                                 "Sparse Graphs & Dense Kernels")], cited
