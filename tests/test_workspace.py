"""Workspace builds: idempotent, incremental, atomic; graph invariants; merged sources; citations."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import graphbuild
from graphbuild.errors import InputError, WorkspaceError, WorkspaceLockedError, WorkspaceNotWritableError
from graphbuild.ingest import read_papers
from graphbuild.resources import data_path
from graphbuild.schema import NODE_TABLES, REL_TABLES
from graphbuild.workspace import Workspace

SOURCES = Path(__file__).parent / "fixtures" / "sources"


def _build(ws: Workspace, *inputs, **kw):
    return ws.build([str(i) for i in inputs], progress=False, overview=False, **kw)


@pytest.fixture()
def ws(tmp_path):
    return Workspace(tmp_path / "ws")


def test_workspace_build_twice_changes_nothing(ws):
    first = _build(ws, SOURCES / "corpus.jsonl")
    gen = ws.current
    second = _build(ws, SOURCES / "corpus.jsonl")
    assert first.changed and not second.changed
    assert second.extracted == 0
    assert ws.current == gen
    assert "0 nodes created" in second.store


def test_workspace_adding_files_extracts_only_new_papers(ws, tmp_path):
    _build(ws, SOURCES / "corpus.jsonl")
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "A Third Paper on Adapters", "abstract": "We use LoRA on MMLU.",
                                 "year": 2024}) + "\n")
    report = _build(ws, extra)
    assert report.papers_new == 1 and report.extracted == 1
    assert report.papers_total == 3
    assert ws.query("MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n") == [{"n": 3}]


def test_workspace_reads_only_new_or_changed_papers_for_results(ws, tmp_path, monkeypatch):
    """A build read every paper's text for reported results again (a third of a no-op rebuild of 20,000
    papers); those whose text and entities are as the live generation had them now come from its cache."""
    import graphbuild.reported as reported_module

    def paper(n: int, score: str) -> dict:
        return {"title": f"Zorbnet{n}: Sparse Detectors", "year": 2024,
                "abstract": f"We propose Zorbnet{n}, a detector. Zorbnet{n} reaches {score} mAP on MS COCO."}

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(paper(n, f"4{n}.1")) + "\n" for n in range(3)))
    read: list[str] = []
    real = reported_module.find_results
    monkeypatch.setattr(reported_module, "find_results",
                        lambda text, mentions: read.append(text) or real(text, mentions))
    _build(ws, corpus)
    assert len(read) == 3 and (ws.current / "results.jsonl").is_file()
    reports = "MATCH (p:Paper)-[r:REPORTS]->() RETURN p.title AS t, r.value AS v ORDER BY t"
    assert [row["v"] for row in ws.query(reports)] == [40.1, 41.1, 42.1]
    read.clear()
    corpus.write_text("".join(json.dumps(paper(n, "55.5" if n == 1 else f"4{n}.1")) + "\n" for n in range(4)))
    _build(ws, corpus)
    assert len(read) == 2 and all("Zorbnet1" in t or "Zorbnet3" in t for t in read)  # the edited one, the new one
    assert [row["v"] for row in ws.query(reports)] == [40.1, 55.5, 42.1, 43.1]
    fresh = Workspace(tmp_path / "fresh")
    _build(fresh, corpus)
    assert fresh.manifest()["graph_sha256"] == ws.manifest()["graph_sha256"]


@pytest.mark.parametrize("header", [{"results_version": "0" * 64}, None])  # another version; none (older)
def test_workspace_results_of_another_version_are_dropped_quietly_and_written_again(ws, tmp_path, monkeypatch,
                                                                                     header):
    """A results file written by another ``Result`` schema (a field this code lacks) was read as damage
    ("repair: ...") before it was written again. The file names its version in a first line: one of another
    version, or from before versions were written, is dropped without a word, every paper is read for
    results again, and the file is written again even by a build that changes nothing else."""
    import graphbuild.reported as reported_module

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"title": f"Quillnet{n}: Small Parsers", "year": 2023,
                                          "abstract": f"We propose Quillnet{n}. Quillnet{n} reaches 8{n}.5 "
                                                      "LAS on Penn Treebank."}) + "\n" for n in range(2)))
    _build(ws, corpus)
    path = ws.current / "results.jsonl"
    first, *lines = path.read_text().splitlines()
    assert json.loads(first) == {"results_version": reported_module.results_version()} and len(lines) == 2
    other = [json.loads(line) for line in lines]
    for line in other:
        line["results"] = [{**r, "confidence_band": "high"} for r in line["results"]]  # another schema
    path.write_text("".join(json.dumps(d) + "\n" for d in ([header] if header else []) + other))
    gen = ws.current
    read: list[str] = []
    real = reported_module.find_results
    monkeypatch.setattr(reported_module, "find_results",
                        lambda text, mentions: read.append(text) or real(text, mentions))
    said: list[str] = []
    report = _build(ws, corpus, log=said.append)
    assert said == [] and len(read) == 2
    assert not report.changed and ws.current != gen  # the graph as it was, the results file written again
    assert json.loads((ws.current / "results.jsonl").read_text().splitlines()[0]) == json.loads(first)
    read.clear()
    gen = ws.current
    _build(ws, corpus, log=said.append)
    assert said == [] and read == [] and ws.current == gen


def test_workspace_edited_record_replaces_what_the_last_build_kept(ws, tmp_path):
    """A record corrected in its file and built again kept the earlier build's title, year and venue (the
    kept copy came first, and the first title won) and its longer abstract (the longest won): the graph
    went on showing the typo. The copy just read comes first now, and a re-read of the same file gives
    the abstract even when it is shorter; a copy of the paper from another file only fills gaps."""
    first = {"id": "mine-1", "title": "Tidal Atention for Flood Forcasting", "venue": "Coastal Wrkshop",
             "abstract": "We propose TideFormer and evaluate it on CoastFlood-3 and on the older HarborSet archive.",
             "year": 2021, "doi": "10.5555/tide.1"}
    papers = tmp_path / "mine.jsonl"
    papers.write_text(json.dumps(first) + "\n")
    other = tmp_path / "service.jsonl"
    other.write_text(json.dumps({"title": "Tidal Attention", "doi": "10.5555/tide.1", "url": "https://x.org/t"})
                     + "\n")
    _build(ws, papers, other)
    fixed = {**first, "title": "Tidal Attention for Flood Forecasting", "venue": "Coastal Workshop",
             "abstract": "We propose TideFormer and evaluate it on CoastFlood-3.", "year": 2022}
    papers.write_text(json.dumps(fixed) + "\n")
    report = _build(ws, papers)
    assert report.extracted == 1 and report.papers_total == 1
    (row,) = ws.query("MATCH (p:Paper {id: 'doi:10.5555/tide.1'}) RETURN p.title AS t, p.year AS y, p.venue AS v, "
                      "p.abstract AS a, p.url AS u")
    assert row == {"t": fixed["title"], "y": 2022, "v": "Coastal Workshop", "a": fixed["abstract"],
                   "u": "https://x.org/t"}
    names = {r["n"] for r in ws.query("MATCH (:Paper)-[]->(e:Entity) RETURN e.name AS n")}
    assert "HarborSet" not in names
    _build(ws, other)  # another source's copy, read again: it fills gaps, never replaces the record's title
    assert ws.query("MATCH (p:Paper) RETURN p.title AS t") == [{"t": fixed["title"]}]


def _lines(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _graph_file(ws: Workspace) -> str:
    return (ws.current / "graph.json").read_text()


#: invented records: one only in mine.jsonl, one in both files, one citing the others and an outside work
KELP = {"id": "kelp-1", "title": "Kelp Canopy Counting from Drone Imagery", "authors": ["Ana Reef"], "year": 2023,
        "abstract": "We propose KelpCounter and evaluate it on the MarshSet benchmark."}
TIDE = {"id": "tide-1", "title": "Tidal Gauges as Weak Labels for Surge Models", "authors": ["Bo Strand"],
        "year": 2022, "abstract": "We use SurgeNet and evaluate it on the HarborSet archive."}
CORAL = {"id": "coral-1", "title": "Coral Bleaching Forecasts with Sparse Buoys", "authors": ["Cy Lagoon"],
         "year": 2024, "abstract": "We propose BuoyFormer and compare it with SurgeNet on HarborSet.",
         "references": ["kelp-1", "tide-1", "10.5555/outside.7"]}


def test_workspace_record_deleted_from_a_file_read_again_leaves_the_graph(ws, tmp_path):
    """A record deleted from its file stayed in the workspace after the file was built again (builds only
    added). A paper whose records all came from files read again, and are gone from them, now leaves, with
    its mentions, authorship and citations (and entities no other paper names); a paper another file still
    holds stays; the graph is the one a fresh build of the files makes. A curation operation on the paper
    stays in the file and applies again when its record comes back."""
    mine = _lines(tmp_path / "mine.jsonl", KELP, TIDE, CORAL)
    theirs = _lines(tmp_path / "theirs.jsonl", TIDE)
    _build(ws, mine, theirs)
    (ws.path / "curation.jsonl").write_text(json.dumps({"op": "reject", "entity": "MarshSet", "paper": "kelp-1"})
                                            + "\n")
    _build(ws)
    assert "MarshSet" not in {r["n"] for r in ws.query("MATCH (e:Entity) RETURN e.name AS n")}
    _lines(mine, CORAL)  # KELP and TIDE deleted from mine.jsonl; theirs.jsonl still holds TIDE
    report = _build(ws, mine)
    assert report.removed == {str(mine): 1} and f"removed 1 paper(s) no longer in {mine}" in report.summary()
    assert report.papers_total == 2 and report.changed and report.extracted == 0
    rows = ws.query("MATCH (p:Paper) WHERE p.external = false RETURN p.id AS id ORDER BY id")
    assert rows == [{"id": "coral-1"}, {"id": "tide-1"}]
    names = {r["n"] for r in ws.query("MATCH (e:Entity) RETURN e.name AS n")}
    assert "KelpCounter" not in names and {"BuoyFormer", "SurgeNet"} <= names
    assert ws.query("MATCH (a:Author {name: 'Ana Reef'}) RETURN count(a) AS n") == [{"n": 0}]
    cited = ws.query("MATCH (:Paper {id: 'coral-1'})-[:CITES]->(p:Paper) RETURN p.id AS id, p.external AS x "
                     "ORDER BY id")  # the reference to the paper gone points outside the corpus now
    assert cited == [{"id": "doi:10.5555/outside.7", "x": True}, {"id": "kelp-1", "x": True},
                     {"id": "tide-1", "x": False}]
    assert report.curation.warnings and "MarshSet" in report.curation.warnings[0]  # kept, matching nothing now
    fresh = Workspace(tmp_path / "fresh")
    (fresh.path).mkdir()
    shutil.copy(ws.path / "curation.jsonl", fresh.path / "curation.jsonl")
    _build(fresh, mine, theirs)
    assert _graph_file(ws) == _graph_file(fresh)
    _lines(mine, KELP, CORAL)  # the record comes back, and so does the curation of it
    report = _build(ws, mine)
    assert report.removed == {} and report.papers_new == 1 and report.curation.applied == 1
    assert "MarshSet" not in {r["n"] for r in ws.query("MATCH (e:Entity) RETURN e.name AS n")}
    _lines(mine)  # every record deleted: an empty file read again holds no paper
    report = _build(ws, mine)
    assert report.removed == {str(mine): 2}
    assert ws.query("MATCH (p:Paper) WHERE p.external = false RETURN p.id AS id") == [{"id": "tide-1"}]


def test_workspace_edited_record_drops_the_references_it_no_longer_lists(ws, tmp_path):
    """An edited record kept the references (CITES edges) it no longer listed after a rebuild: the kept
    copy's references were joined with the new ones. The record as it reads now is the paper's."""
    mine = _lines(tmp_path / "mine.jsonl", KELP, TIDE, CORAL)
    _build(ws, mine)
    _lines(mine, KELP, TIDE, {**CORAL, "references": ["tide-1"]})
    report = _build(ws, mine)
    assert report.removed == {} and report.changed
    assert ws.query("MATCH (:Paper {id: 'coral-1'})-[:CITES]->(p:Paper) RETURN p.id AS id") == [{"id": "tide-1"}]
    assert ws.query("MATCH (p:Paper) WHERE p.external = true RETURN count(p) AS n") == [{"n": 0}]
    fresh = Workspace(tmp_path / "fresh")
    _build(fresh, mine)
    assert _graph_file(ws) == _graph_file(fresh)


def test_workspace_records_of_files_not_read_again_stay(ws, tmp_path):
    """Only the files a build reads are read again: a paper from a file not named (or gone) stays, and a
    second file's copy of a paper still adds what it holds (its references) after the first file is read."""
    mine = _lines(tmp_path / "mine.jsonl", KELP, TIDE)
    theirs = _lines(tmp_path / "theirs.jsonl", {**TIDE, "references": ["kelp-1"]})
    _build(ws, mine, theirs)
    theirs.unlink()
    _lines(mine, KELP, {**TIDE, "title": "Tidal Gauges as Weak Labels for Storm Surge Models"})
    report = _build(ws, mine)
    assert report.removed == {}
    assert ws.query("MATCH (p:Paper {id: 'tide-1'})-[:CITES]->(q:Paper) RETURN p.title AS t, q.id AS q") == [
        {"t": "Tidal Gauges as Weak Labels for Storm Surge Models", "q": "kelp-1"}]


def test_workspace_file_gone_from_a_folder_read_again_leaves_with_its_papers(ws, tmp_path):
    """A folder built again is read as a fresh build would read it: a file deleted from it is read again
    empty, while a file named alone and deleted since stays kept (the workspace holds its papers)."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    _lines(folder / "a.jsonl", KELP)
    _lines(folder / "b.jsonl", TIDE)
    alone = _lines(tmp_path / "alone.jsonl", CORAL)
    _build(ws, folder, alone)
    (folder / "a.jsonl").unlink()
    alone.unlink()
    report = _build(ws, folder)
    assert report.removed == {str(folder / "a.jsonl"): 1}
    rows = ws.query("MATCH (p:Paper) WHERE p.external = false RETURN p.id AS id ORDER BY id")
    assert rows == [{"id": "coral-1"}, {"id": "tide-1"}]


def test_workspace_records_from_a_pipe_add_to_those_it_gave_before(ws, tmp_path):
    """A pipe (``/dev/stdin``, ``<(cat x.jsonl)``) named again is no file read again: what it gives adds to
    the records it gave before, as builds always added."""
    import threading

    fifo = tmp_path / "pipe"
    for record in (KELP, TIDE):
        os.mkfifo(fifo)
        writer = threading.Thread(target=lambda r=record: fifo.write_text(json.dumps(r) + "\n"))
        writer.start()
        report = _build(ws, fifo, format="jsonl")
        writer.join()
        fifo.unlink()
    assert report.removed == {} and report.papers_total == 2


def test_workspace_keeping_merged_papers_alone_adds_with_a_note(ws, tmp_path):
    """A workspace whose generation keeps merged papers without each file's records (built before they were
    kept, or by graphbuild load) cannot tell which file still holds a paper: a build adds to it, as before,
    and says so."""
    mine = _lines(tmp_path / "mine.jsonl", KELP, TIDE)
    _build(ws, mine)
    (ws.current / "records.jsonl").unlink()
    _lines(mine, {**KELP, "title": "Kelp Canopy Counting from UAV Imagery"})
    notes: list[str] = []
    report = _build(ws, mine, log=notes.append)
    assert report.removed == {} and report.papers_total == 2
    assert any(n.startswith(f"note: {ws.path} keeps merged papers") for n in notes)
    assert ws.query("MATCH (p:Paper {id: 'kelp-1'}) RETURN p.title AS t") == [
        {"t": "Kelp Canopy Counting from UAV Imagery"}]
    assert not (ws.current / "records.jsonl").exists()


def test_workspace_interrupted_build_keeps_previous(ws, tmp_path, monkeypatch):
    _build(ws, SOURCES / "corpus.jsonl")
    before = ws.current
    papers_before = (before / "papers.jsonl").read_text()
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "A Paper That Never Lands", "abstract": "We use LoRA."}) + "\n")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("graphbuild.generations.atomic_write_text", boom)
    with pytest.raises(KeyboardInterrupt):
        _build(ws, extra)
    assert ws.current == before
    assert (before / "papers.jsonl").read_text() == papers_before
    assert not list(ws.path.glob(".gen-*"))


def test_workspace_store_failure_is_one_line_with_one_code(ws, tmp_path, monkeypatch):
    """A store that fails mid-build: one coded line (not the code twice), the previous generation live."""
    from graphbuild.errors import QueryError, StoreError

    _build(ws, SOURCES / "corpus.jsonl")
    before = ws.current
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "A Paper That Never Lands", "abstract": "We use LoRA."}) + "\n")

    def full(*args, **kwargs):
        cause = QueryError("Buffer manager exception: the buffer pool is full")
        raise StoreError(f"loading the graph into db failed: {cause.detail}")

    monkeypatch.setattr("graphbuild.stages.store", full)
    with pytest.raises(StoreError) as err:
        _build(ws, extra)
    assert str(err.value) == ("[E300] loading the graph into db failed: Buffer manager exception: the buffer pool "
                              f"is full; the workspace still holds {before.name}")
    assert ws.current == before and not list(ws.path.glob(".gen-*"))


def test_workspace_first_build_whose_store_fails_says_the_workspace_is_still_empty(ws, monkeypatch):
    """There is no previous generation to speak of (it said "the previous generation is still live")."""
    from graphbuild.errors import StoreError

    def full(*args, **kwargs):
        raise StoreError("loading the graph into db failed: Buffer manager exception: the buffer pool is full")

    monkeypatch.setattr("graphbuild.stages.store", full)
    with pytest.raises(StoreError) as err:
        _build(ws, SOURCES / "corpus.jsonl")
    assert str(err.value).endswith("the buffer pool is full; the workspace is still empty")
    assert ws.current is None and not list(ws.path.glob(".gen-*"))


def test_workspace_bad_input_names_file_and_line(ws, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "Fine", "abstract": "x"}\n{"title": \n')
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        _build(ws, bad)
    assert not ws.exists()
    report = _build(ws, bad, skip_bad=True)
    assert report.papers_total == 1 and len(report.skipped) == 1


def test_workspace_query_before_build_is_a_clear_error(ws):
    with pytest.raises(WorkspaceError, match="graphbuild build"):
        ws.graph()


def test_workspace_mixed_sources_make_one_paper(ws):
    """The same paper from JSONL, BibTeX, Semantic Scholar, arXiv and OpenAlex is one node."""
    report = _build(ws, *sorted(SOURCES.iterdir()))
    G = ws.graph()
    lora = [n for n, d in G.nodes(data=True) if d["label"] == "Paper" and "LoRA" in d["title"]]
    assert lora == ["arxiv:2106.09685"]
    assert report.papers_total == 2
    titles = [d["title"] for _, d in G.nodes(data=True) if d["label"] == "Paper"]
    assert len(titles) == len(set(titles))
    # the richest abstract (from Semantic Scholar) was kept
    assert "longest one" in G.nodes["arxiv:2106.09685"]["abstract"]


def test_workspace_graph_invariants(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    G = ws.graph()
    for node, data in G.nodes(data=True):
        assert data["label"] in NODE_TABLES
        assert data["id"] == node
        if data["label"] == "Entity":
            assert data["type"] in ("Model", "Method", "Dataset", "Task", "Metric")
    for u, v, key in G.edges(keys=True):
        src, dst, _ = REL_TABLES[key]
        assert G.nodes[u]["label"] == src and G.nodes[v]["label"] == dst, (u, key, v)
    # explicit citation to the LoRA paper, external stub for the outside reference
    assert G.has_edge("arxiv:2301.00001", "arxiv:2106.09685", key="CITES")
    assert G.nodes["arxiv:1902.00751"]["external"] is True
    # entity roles
    assert G.has_edge("arxiv:2106.09685", "entity:lora", key="PROPOSES")
    assert G.has_edge("arxiv:2301.00001", "entity:glue", key="EVALUATES_ON")


def test_workspace_counts_in_store_match_graph(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    G = ws.graph()
    n_entities = sum(1 for _, d in G.nodes(data=True) if d["label"] == "Entity")
    assert ws.query("MATCH (e:Entity) RETURN count(e) AS n") == [{"n": n_entities}]
    n_uses = sum(1 for *_, k in G.edges(keys=True) if k == "USES")
    assert ws.query("MATCH ()-[r:USES]->() RETURN count(r) AS n") == [{"n": n_uses}]


@pytest.mark.slow
def test_workspace_demo_corpus_infers_citations(tmp_path):
    ws = Workspace(tmp_path / "demo")
    report = ws.build([str(data_path("demo"))], progress=False, overview=False)
    assert report.papers_total >= 40
    G = ws.graph()
    inferred = [(u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == "CITES" and d["inferred"]]
    assert inferred, "the demo corpus should yield inferred citations"
    for u, v, d in inferred:
        assert d["via"] in G and G.nodes[d["via"]]["label"] == "Entity"
        assert G.has_edge(v, d["via"], key="PROPOSES")
        assert G.nodes[v]["year"] <= G.nodes[u]["year"]
    assert len(read_papers([data_path("demo")]).papers) == report.papers_total


@pytest.mark.shared
def test_workspace_dev_listing_has_twenty_papers(tmp_path, shared_dir):
    ws = graphbuild.build([shared_dir / "eval" / "dev" / "daily_papers_dev.txt"], tmp_path / "dev",
                          progress=False, overview=False)
    assert ws.query("MATCH (p:Paper) RETURN count(p) AS n") == [{"n": 20}]


def test_workspace_public_api_loads_on_first_use(tmp_path):
    # a fresh interpreter: here the test session has imported every module already
    code = """if True:
        import json, sys
        import graphbuild
        before = sorted(m for m in sys.modules if m.startswith("graphbuild"))
        from graphbuild import Paper, Workspace
        ws = graphbuild.build([sys.argv[1]], workspace=sys.argv[2], progress=False, overview=False)
        print(json.dumps({
            "before": before, "paper": Paper.__module__, "workspace": type(ws) is Workspace,
            "same": graphbuild.Workspace is sys.modules["graphbuild.workspace"].Workspace,
            "papers": ws.query("MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n"),
            "all": all(getattr(graphbuild, name) is not None for name in graphbuild.__all__),
            "dir": sorted(set(graphbuild.__all__) - set(dir(graphbuild))),
        }))
    """
    result = subprocess.run([sys.executable, "-c", code, str(SOURCES / "corpus.jsonl"), str(tmp_path / "ws")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "before": ["graphbuild"], "paper": "graphbuild.records", "workspace": True, "same": True,
        "papers": [{"n": 2}], "all": True, "dir": []}
    with pytest.raises(AttributeError, match="module 'graphbuild' has no attribute 'Worksapce'"):
        graphbuild.Worksapce  # noqa: B018
    with pytest.raises(ImportError, match="cannot import name 'Worksapce' from 'graphbuild'"):
        from graphbuild import Worksapce  # noqa: F401


def test_workspace_viz_returns_a_path_jupyter_can_show(ws, tmp_path):
    _build(ws, SOURCES / "corpus.jsonl")
    page = ws.viz(tmp_path / "lora.html", focus="LoRA", hops=1)
    assert isinstance(page, Path) and page.exists()
    html = page._repr_html_()
    assert html.startswith('<div class="graphbuild-viz"><iframe srcdoc="') and "&lt;script" in html


def test_workspace_related_index_is_cached_per_generation(ws, tmp_path):
    _build(ws, SOURCES / "corpus.jsonl")
    first = ws.related_index()
    assert (ws.current / "related" / "index.npz").exists()  # arrays + JSON, never a pickle
    again = ws.related_index()
    assert again is not first and again.paper_ids == first.paper_ids
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "Another Adapter Paper", "abstract": "We use LoRA.", "year": 2024}) + "\n")
    _build(ws, extra)
    assert len(ws.related_index().paper_ids) == len(first.paper_ids) + 1


# ---------------------------------------------------------------- generations, lock, repair

def _cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", *argv], capture_output=True, text=True, timeout=300)


def _records(prefix: str, n: int) -> str:
    return "".join(json.dumps({"id": f"{prefix}{i}", "title": f"{prefix} paper {i} on BERT",
                               "abstract": f"We propose {prefix.upper()}{i}Net, built on BERT, evaluated on GLUE."})
                   + "\n" for i in range(n))


def test_workspace_generation_holds_its_own_checkpointed_store(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    gen = ws.current
    assert sorted(p.name for p in (gen / "db").iterdir()) == ["graph.lbdb", "manifest.json"]
    manifest = ws.manifest()
    assert manifest["store_graph_sha256"] == manifest["graph_sha256"]
    assert ws.store_path() == gen / "db"


@pytest.mark.slow
def test_workspace_concurrent_builds_lose_no_papers(tmp_path):
    """Issue 11, reproduction 1: two builds at once; the second fails at once naming the holder,
    or (with --wait) queues behind the first; no papers are lost either way."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(_records("a", 60))
    b.write_text(_records("b", 60))
    ws = tmp_path / "ws"
    with Workspace(ws).lock("build") as held:  # stands for a first build still running
        refused = _cli("build", str(b), "-w", str(ws), "--no-overview")
        assert held.held
    assert refused.returncode == 1
    assert re.fullmatch(r"graphbuild: error: \[E401\] workspace \S+ is being written by `graphbuild build` "
                        r"\(pid \d+ on .+\); wait for it to finish, or pass --wait to queue behind it\n",
                        refused.stderr)
    assert not Workspace(ws).exists()
    first = subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(a), "-w", str(ws), "--no-overview"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (ws / ".graphbuild.lock.json").exists() and first.poll() is None:
            time.sleep(0.05)
        second = _cli("build", str(b), "-w", str(ws), "--no-overview", "--wait")
    finally:
        assert first.wait(timeout=300) == 0
    assert second.returncode == 0, second.stderr
    ids = {r["id"] for r in Workspace(ws).query("MATCH (p:Paper) RETURN p.id AS id")}
    assert ids == {f"a{i}" for i in range(60)} | {f"b{i}" for i in range(60)}
    assert {p.id for p in Workspace(ws).papers()} == ids


@pytest.mark.slow
@pytest.mark.parametrize("argv", [
    ["curate", "retype", "BERT", "Method"],
    ["curate", "undo"],
    ["query", "--write", "MATCH (p:Paper {id: 'none'}) SET p.title = 'x' RETURN count(p) AS n"],
])
def test_workspace_every_writer_offers_the_wait_its_lock_message_names(tmp_path, argv):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "papers.jsonl").write_text(_records("a", 2))
    assert _cli("build", str(ws / "papers.jsonl"), "-w", str(ws), "--no-overview").returncode == 0
    with Workspace(ws).lock("build"):  # a build still running
        refused = _cli(*argv, "-w", str(ws))
        waiting = subprocess.Popen([sys.executable, "-m", "graphbuild", *argv, "-w", str(ws), "--wait"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        assert waiting.poll() is None  # queued behind the build
    assert refused.returncode == 1 and refused.stderr.endswith("or pass --wait to queue behind it\n")
    _, err = waiting.communicate(timeout=300)
    assert "[E401]" not in err and "unrecognized arguments" not in err  # it ran once the lock was free


def test_workspace_build_deletes_only_its_own_generations(tmp_path):
    """Issue 11, reproduction 2: a user's gen-notes folder (and look-alikes) survive builds."""
    proj = tmp_path / "proj"
    for name in ("gen-notes", "gen-1", "gen-0000001", "gen-00000x"):
        (proj / name).mkdir(parents=True)
        (proj / name / "keep.txt").write_text(name)
    ws = Workspace(proj)
    _build(ws, SOURCES / "corpus.jsonl")
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "A Third Paper on Adapters", "abstract": "We use LoRA."}) + "\n")
    _build(ws, extra)
    assert ws.current.name == "gen-000002"
    assert not (proj / "gen-000001").exists()
    for name in ("gen-notes", "gen-1", "gen-0000001", "gen-00000x"):
        assert (proj / name / "keep.txt").read_text() == name


def test_workspace_repair_removes_what_a_killed_build_left(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    live = ws.current
    (ws.path / ".gen-000002.tmp-999999").mkdir()          # killed while writing
    shutil.copytree(live, ws.path / "gen-000003")          # killed after the rename, before CURRENT
    with ws.lock("test"):
        done = ws.repair()
    assert done == ["removed the unfinished generation .gen-000002.tmp-999999",
                    "removed generation gen-000003 (not live)"]
    assert ws.current == live
    assert sorted(p.name for p in ws.path.iterdir() if p.name.startswith(("gen-", ".gen-"))) == [live.name]


def test_workspace_broken_current_is_named_then_repaired_by_build(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    live = ws.current
    (ws.path / "CURRENT").unlink()
    with pytest.raises(WorkspaceError, match=r"no valid CURRENT pointer; run `graphbuild build -w \S+` to repair"):
        ws.stats()
    report = _build(ws)
    assert not report.changed and ws.current == live


def test_workspace_generation_without_store_is_rebuilt_with_one(ws):
    _build(ws, SOURCES / "corpus.jsonl", sync_store=False)
    with pytest.raises(WorkspaceError, match=r"run `graphbuild build -w \S+` to repair it"):
        ws.query("MATCH (p:Paper) RETURN count(p) AS n")
    report = _build(ws)
    assert not report.changed and "nodes created" in report.store
    assert ws.query("MATCH (p:Paper) RETURN count(p) AS n") == [{"n": 3}]


def test_workspace_disk_full_keeps_the_old_generation(ws, tmp_path, monkeypatch):
    _build(ws, SOURCES / "corpus.jsonl")
    before = ws.current
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "A Paper Too Big", "abstract": "We use LoRA."}) + "\n")

    def full(path, chunks, **kwargs):  # what write() says when the device fills up
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("graphbuild.generations.write_chunks", full)
    with pytest.raises(WorkspaceNotWritableError, match=r"^\[E402\] writing generation \.gen-000002\.tmp-\d+ "
                       r".*no space left on the device; the workspace still holds gen-000001"):
        _build(ws, extra)
    assert ws.current == before
    assert sorted(p.name for p in ws.path.iterdir() if "gen-" in p.name) == ["gen-000001"]
    assert ws.query("MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n") == [{"n": 2}]


@pytest.mark.parametrize("bad", ["file", "empty"])
def test_workspace_path_that_cannot_be_a_workspace_fails_before_reading(tmp_path, bad):
    path = tmp_path / "a-file"
    path.write_text("not a workspace")
    result = _cli("build", str(tmp_path / "missing.jsonl"), "-w", str(path) if bad == "file" else "")
    assert result.returncode == 1
    expected = "is a file, not a folder" if bad == "file" else "the workspace path is empty"
    assert result.stderr.startswith("graphbuild: error: [E402] ") and expected in result.stderr
    assert "missing.jsonl" not in result.stderr and "Traceback" not in result.stderr
    assert path.read_text() == "not a workspace"


def test_workspace_path_not_utf8_is_refused_before_reading(tmp_path):
    """A workspace folder named in Latin-1 (``wsé``) read and extracted every paper, then the embedded store
    refused the path with a TypeError traceback; it is one line before any work, and no folder is made."""
    path = tmp_path / os.fsdecode(b"ws\xe9")
    result = _cli("build", str(tmp_path / "missing.jsonl"), "-w", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("graphbuild: error: [E402] workspace ")
    assert "holds a byte that is not UTF-8 (0xe9)" in result.stderr and "missing.jsonl" not in result.stderr
    assert not os.path.lexists(path)


@pytest.mark.slow
def test_workspace_ctrl_c_during_sync_says_the_old_build_is_live(ws, tmp_path):
    _build(ws, SOURCES / "corpus.jsonl")
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "Interrupted Adapters", "abstract": "We use LoRA.", "year": 2024}) + "\n")
    env = {**os.environ, "GRAPHBUILD_TEST_PAUSE_AT": "sync"}
    with subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(extra), "-w", str(ws.path),
                           "--no-overview"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          text=True) as proc:
        for line in proc.stderr:  # type: ignore[union-attr]
            if "test pause at sync" in line:
                break
        proc.send_signal(signal.SIGINT)
        try:  # a child that ignores the interrupt fails the test instead of stalling the run
            _, rest = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"the build did not stop within 120 s of SIGINT: {proc.communicate()[1]}")
        assert proc.returncode == 130
    assert "graphbuild: interrupted; the workspace still holds gen-000001: CURRENT was not switched\n" in rest
    assert "Traceback" not in rest
    assert ws.current.name == "gen-000001"
    assert not list(ws.path.glob(".gen-*"))
    assert ws.query("MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n") == [{"n": 2}]


def _as_nobody() -> list[str]:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run a command as a user who cannot write the workspace")
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "related", "viz"])
def test_workspace_read_only_gives_one_coded_line(tmp_path, command):
    prefix = _as_nobody()
    root = Path(tempfile.mkdtemp(prefix="graphbuild-ro-"))  # /tmp: reachable by nobody, unlike tmp_path
    try:
        root.chmod(0o755)  # readable, not writable, by nobody
        ws = root / "ws"
        _build(Workspace(ws), SOURCES / "corpus.jsonl")
        argv = {"build": ["build", str(SOURCES / "corpus.jsonl"), "--no-overview"],
                "related": ["related", "arxiv:2106.09685"],
                "viz": ["viz", "--focus", "LoRA", "-o", str(ws / "page.html")]}[command]
        result = subprocess.run([*prefix, sys.executable, "-m", "graphbuild", *argv, "-w", str(ws)],
                                capture_output=True, text=True, timeout=300, cwd=root)
        assert "Traceback" not in result.stderr
        if command == "related":  # reading needs no write access
            assert result.returncode == 0 and "arxiv:2301.00001" in result.stdout, result.stderr
        else:
            assert result.returncode == 1
            assert re.fullmatch(r"graphbuild: error: \[E(402|700)\] .*read-only.*\n", result.stderr), result.stderr
        assert sorted(p.name for p in ws.iterdir()) == [".graphbuild.lock", "CURRENT", "gen-000001"]
    finally:
        shutil.rmtree(root)


def test_workspace_unreachable_path_is_one_coded_line(tmp_path):
    prefix = _as_nobody()
    locked = tmp_path / "locked"  # tmp_path's parents are closed to nobody
    result = subprocess.run([*prefix, sys.executable, "-m", "graphbuild", "stats", "-w", str(locked / "ws")],
                            capture_output=True, text=True, timeout=300, cwd="/")
    assert result.returncode == 1
    assert re.fullmatch(r"graphbuild: error: \[E402\] cannot reach workspace \S+: Permission denied; .*\n",
                        result.stderr), result.stderr


def test_workspace_older_layout_with_a_shared_db_folder_is_migrated(ws):
    """Workspaces built before per-generation stores kept one ``db`` beside the generations."""
    _build(ws, SOURCES / "corpus.jsonl")
    gen = ws.current
    shutil.move(gen / "db", ws.path / "db")
    manifest = json.loads((gen / "manifest.json").read_text())
    del manifest["store_graph_sha256"]
    (gen / "manifest.json").write_text(json.dumps(manifest))
    assert ws.store_path() == ws.path / "db"
    assert ws.query("MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n") == [{"n": 2}]
    report = _build(ws)
    assert not report.changed and "0 nodes created" in report.store  # seeded from the old store
    assert ws.current.name == "gen-000002" and not (ws.path / "db").exists()
    assert ws.store_path() == ws.current / "db"
    assert ws.query("MATCH (p:Paper) WHERE p.external = false RETURN count(p) AS n") == [{"n": 2}]


def test_workspace_lock_names_its_holder_and_waits_only_as_long_as_asked(tmp_path):
    ws, other = Workspace(tmp_path / "ws"), Workspace(tmp_path / "ws")
    with ws.lock("query --write"):
        with ws.lock("build") as nested:  # re-entrant for the holder (e.g. a command that then builds)
            assert nested.command == "query --write"
        started = time.monotonic()
        with pytest.raises(WorkspaceLockedError, match=r"being written by `graphbuild query --write` \(pid "
                           + str(os.getpid())):
            with other.lock("build", wait=0.3):
                pass
        assert 0.25 <= time.monotonic() - started < 5
    assert not (ws.path / ".graphbuild.lock.json").exists()
    with other.lock("build") as again:  # released: the next writer gets it at once
        assert again.held


def test_workspace_write_query_killed_mid_way_is_read_then_checkpointed(ws):
    """A SIGKILLed ``query --write`` leaves a write-ahead log in the live store: readers still
    answer (the log is replayed), and the next writer checkpoints it."""
    _build(ws, SOURCES / "corpus.jsonl")
    db = ws.store_path()
    script = ("import os, sys\nfrom graphbuild.stores.embedded import EmbeddedStore\n"
              "s = EmbeddedStore(sys.argv[1])\n"
              "s.query(\"CREATE (:Author {id: 'author:late', name: 'Late Writer'})\", write=True)\n"
              "os.kill(os.getpid(), 9)\n")
    killed = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (db / "graph.lbdb.wal").exists()
    assert ws.query("MATCH (a:Author {id: 'author:late'}) RETURN a.name AS name") == [{"name": "Late Writer"}]
    with ws.lock("test"):
        assert ws.repair() == [f"checkpointed the store of {ws.current.name}"]
    assert not (db / "graph.lbdb.wal").exists()
    assert ws.query("MATCH (a:Author {id: 'author:late'}) RETURN a.name AS name") == [{"name": "Late Writer"}]


def test_workspace_next_build_undoes_write_queries_in_a_new_generation(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    ws.query("CREATE (:Author {id: 'author:manual', name: 'Added By Hand'})", write=True)
    assert ws.query("MATCH (a:Author {id: 'author:manual'}) RETURN count(a) AS n") == [{"n": 1}]
    report = _build(ws)
    assert not report.changed and report.store.startswith("0 nodes created, 0 updated, 1 deleted")
    assert ws.current.name == "gen-000002"
    assert ws.query("MATCH (a:Author {id: 'author:manual'}) RETURN count(a) AS n") == [{"n": 0}]


def test_workspace_writer_holding_the_lock_can_build(ws, tmp_path):
    """A command that writes the workspace (fetching records into it, say) and then builds."""
    with ws.lock("expand"):
        (ws.path / "records.jsonl").write_text((SOURCES / "corpus.jsonl").read_text())
        report = _build(ws, ws.path / "records.jsonl")
    assert report.papers_total == 2 and ws.current.name == "gen-000001"
    assert (ws.path / "records.jsonl").exists()


def test_generation_files_hold_the_json_of_the_records_to_dict():
    from graphbuild.generations import plain
    from graphbuild.records import EntityMention, Extraction, Paper, PaperRef

    paper = Paper(title="Über LoRA", abstract="We use GLUE.", authors=("A. Bé", "C. D."), year=2021,
                  doi="10.1/x", ids=(("s2", "abc"), ("id", "p7")), external=False, source="a.bib:3",
                  references=(PaperRef(doi="10.2/y", ids=(("openalex", "W1"),), title="Y", year=2019),))
    ex = Extraction("doi:10.1/x", "Über LoRA", [
        EntityMention("LoRA", "Method", ["LoRA", "low-rank adaptation"], proposed=True, role="proposes",
                      evidence="We propose LoRA.", start=3, end=7, canonical="LoRA", family=None),
        EntityMention("GLUE", "Dataset", [])])
    for record in (paper, ex):
        assert json.dumps(plain(record), ensure_ascii=False) == json.dumps(record.to_dict(), ensure_ascii=False)
    assert plain(paper)["ids"] == [["s2", "abc"], ["id", "p7"]]


def test_workspace_graph_file_and_digest_agree_on_either_path(ws, tmp_path):
    """A build adding papers writes graph.json and its digest in one pass; one adding none hashes first."""
    import hashlib

    from graphbuild.graph import graph_digest

    _build(ws, SOURCES / "corpus.jsonl")  # new workspace: one pass
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"id": "x-1", "title": "Adapters Again", "abstract": "We use LoRA on GLUE."}) + "\n")
    _build(ws, SOURCES / "corpus.jsonl", extra)  # new papers: one pass
    gen = ws.current
    digest = ws.manifest()["graph_sha256"]
    assert hashlib.sha256((gen / "graph.json").read_bytes()).hexdigest() == digest == graph_digest(ws.graph())
    before = sorted(p.name for p in ws.path.iterdir())
    stamp = (gen / "graph.json").stat().st_mtime_ns
    assert not _build(ws, SOURCES / "corpus.jsonl", extra).changed  # no new papers: hashed first, nothing written
    assert sorted(p.name for p in ws.path.iterdir()) == before and (gen / "graph.json").stat().st_mtime_ns == stamp


def test_a_generation_is_never_switched_in_without_its_manifest_fields(tmp_path):
    import networkx as nx

    from graphbuild import generations

    root = tmp_path / "ws"
    root.mkdir()
    commit = generations.Commit(root, None, pipeline="p", stats={}, papers=0)  # no graph digest recorded
    commit.write([], [], nx.MultiDiGraph())
    with pytest.raises(ValueError, match="lacks graph_sha256"):
        commit.finish()
    assert not (root / "CURRENT").exists() and list(root.iterdir()) == []
    commit = generations.Commit(root, None, pipeline="p", stats={}, papers=0)
    commit.write_graph(nx.MultiDiGraph())  # records the digest as it writes
    commit.write([], [], None)
    commit.finish()
    manifest = json.loads((root / (root / "CURRENT").read_text().strip() / "manifest.json").read_text())
    assert set(generations.MANIFEST_FIELDS) <= set(manifest)


def test_workspace_build_of_the_folder_holding_the_workspace_reads_only_the_papers(tmp_path, monkeypatch):
    # `graphbuild build .` puts the workspace inside the folder it reads: the first build read its own
    # lock file as a paper file and stopped, a rebuild would have read the generation's files
    shutil.copy(SOURCES / "corpus.jsonl", tmp_path / "corpus.jsonl")
    monkeypatch.chdir(tmp_path)
    ws = Workspace("graphbuild-workspace")
    for _ in range(2):
        report = _build(ws, ".")
        assert (report.files, report.papers_read, report.papers_total) == (1, 2, 2)


def test_workspace_adding_a_record_with_the_doi_of_a_paper_of_another_title_is_reported(ws, tmp_path):
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"title": "Low-rank adapters", "doi": "10.1000/lora", "abstract": "We use LoRA."})
                     + "\n", encoding="utf-8")
    _build(ws, first)
    later = tmp_path / "later.csv"
    later.write_text("title,doi\nLow-Rank Adapters,10.1000/LORA\nA different paper,https://doi.org/10.1000/lora\n",
                     encoding="utf-8")
    said: list[str] = []
    report = _build(ws, later, log=said.append)
    assert report.papers_total == 1  # merged, as the DOI says; but not without a word
    assert [line.split(" but ")[0] for line in said if line.startswith("warning: ")] == [
        f"warning: [E100] {later}:3: has the DOI '10.1000/lora' of {first}:1"]


def test_workspace_build_of_one_path_given_as_text_reads_that_file(tmp_path):
    # a str is one path: it was iterated, and `build("corpus.jsonl")` read files "c", "o", ...
    ws = graphbuild.build(str(SOURCES / "corpus.jsonl"), tmp_path / "ws", progress=False, overview=False)
    assert ws.stats()["nodes"]["Paper"] == 2
    assert len(graphbuild.extract(SOURCES / "corpus.jsonl")) == 2


def test_workspace_build_of_nothing_without_a_graph_is_refused_as_by_the_cli(tmp_path, capsys):
    from graphbuild.cli import main

    for call in (lambda: Workspace(tmp_path / "ws").build([]), lambda: graphbuild.build((), tmp_path / "ws")):
        with pytest.raises(InputError, match=r"^\[E100\] inputs: nothing to build: the workspace .*ws has no graph "
                                             r"yet; name input files or folders"):
            call()
        assert not (tmp_path / "ws").exists()
    assert main(["build", "-w", str(tmp_path / "ws")]) == 1
    assert capsys.readouterr().err.startswith("graphbuild: error: [E100] inputs: nothing to build: the workspace")
    assert not (tmp_path / "ws").exists()
    ws = graphbuild.build(SOURCES / "corpus.jsonl", tmp_path / "ws", progress=False, overview=False)
    assert ws.build([], progress=False, overview=False).papers_total == 2  # a rebuild from the papers it has


@pytest.mark.parametrize(("call", "message"), [
    (lambda root: graphbuild.build(5, root / "ws"), "inputs must be a path or a list of paths"),
    (lambda root: graphbuild.build([SOURCES / "corpus.jsonl", 5], root / "ws"), r"inputs\[1\] must be a path"),
    (lambda root: graphbuild.build([b"corpus.jsonl"], root / "ws"), r"inputs\[0\] must be a path .*not bytes"),
    (lambda root: graphbuild.build(["corpus\x00.jsonl"], root / "ws"), "holds a NUL character"),
    (lambda root: Workspace(5), "the workspace must be a path"),
    (lambda root: Workspace(str(root / "w\x00s")).exists(), "holds a NUL character"),
    (lambda root: Workspace(root / "ws", {"max_nodes": 3}), "settings must be a graphbuild.Settings"),
    (lambda root: Workspace(root / "ws").build([], wait="soon"), "wait must be True, False or a number"),
    # each was truthy: "no" skipped bad records, synced, wrote the overview; a number was called as the log
    (lambda root: graphbuild.build(SOURCES / "corpus.jsonl", root / "ws", skip_bad="no"),
     r"skip_bad must be True or False, not str \('no'\)"),
    (lambda root: graphbuild.build(SOURCES / "corpus.jsonl", root / "ws", sync_store="no"), "sync_store must be"),
    (lambda root: graphbuild.build(SOURCES / "corpus.jsonl", root / "ws", overview="no"),
     "overview must be True, False or None"),
    (lambda root: graphbuild.build(SOURCES / "corpus.jsonl", root / "ws", log=5), "log must be a function"),
    (lambda root: graphbuild.extract(SOURCES / "corpus.jsonl", skip_bad="no"), "skip_bad must be True or False"),
    (lambda root: graphbuild.extract(SOURCES / "corpus.jsonl", log=5), "log must be a function"),
    (lambda root: graphbuild.extract(SOURCES / "corpus.jsonl", settings={"n_process": 2}),
     "settings must be a graphbuild.Settings"),
])
def test_workspace_api_arguments_of_the_wrong_kind_are_one_coded_line(tmp_path, call, message):
    with pytest.raises(graphbuild.GraphbuildError, match=rf"^\[E710\] .*{message}"):
        call(tmp_path)
    assert not (tmp_path / "ws").exists()  # refused before the workspace was touched


def test_workspace_a_nul_character_is_refused_in_one_wording_with_each_checks_code(tmp_path):
    from graphbuild.curation import parse_curation
    from graphbuild.settings import Settings, load_settings

    # three checks said it three ways ("no path can hold", "no name can hold", "no path, name or address")
    said = "holds a NUL character (\\u0000) at character 2, which no path, name or address can hold"
    config = tmp_path / "graphbuild.toml"
    config.write_text('\ncuration = "cu\\u0000r.jsonl"\n')
    calls = [(lambda: load_settings(config, env={}), f"[E100] {config}:2: setting 'curation' {said}"),
             (lambda: load_settings(None, env={"GRAPHBUILD_WORKSPACE": "ws\x00"}),
              f"[E100] GRAPHBUILD_WORKSPACE: setting 'workspace' {said}"),
             (lambda: Settings(gazetteer="ga\x00"), f"[E710] Settings(gazetteer=...) {said}"),
             (lambda: Workspace(str(tmp_path / "ws")).build(["co\x00rpus"]), f"[E710] inputs[0] 'co\\x00rpus' {said}"),
             (lambda: parse_curation('{"op": "reject", "entity": "A\\u0000"}', "c.jsonl"),
              "[E100] c.jsonl:1: 'entity' holds a NUL character (\\u0000) at character 1, "
              "which no path, name or address can hold")]
    for call, message in calls:
        with pytest.raises(graphbuild.GraphbuildError) as info:
            call()
        assert str(info.value) == message


def test_workspace_query_write_that_is_not_a_bool_writes_nothing(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    with pytest.raises(graphbuild.GraphbuildError, match=r"^\[E710\] write must be True or False, not str \('no'\)"):
        ws.query("MATCH (p:Paper) SET p.title = 'x'", write="no")  # "no" is truthy: it wrote
    assert "x" not in [row["t"] for row in ws.query("MATCH (p:Paper) RETURN p.title AS t")]


def test_workspace_viz_arguments_are_checked_by_kind_and_one_type_is_a_name(ws, tmp_path):
    _build(ws, SOURCES / "corpus.jsonl")
    page = ws.viz(tmp_path / "models.html", types="Model")  # one name: it was read letter by letter
    assert '"nodes":[{"group":"Model"' in page.read_text(encoding="utf-8")
    for kwargs, message in [({"hops": "2"}, "hops must be a whole number"), ({"since": "2020"}, "since must be"),
                            ({"color": "rainbow"}, "color must be 'kind' or 'community'"),
                            ({"max_nodes": 0}, "max_nodes must be at least 1")]:
        with pytest.raises(graphbuild.GraphbuildError, match=message):
            ws.viz(tmp_path / "x.html", **kwargs)


def test_workspace_query_parameters_not_a_mapping_is_a_query_error(ws):
    _build(ws, SOURCES / "corpus.jsonl")
    with pytest.raises(graphbuild.QueryError, match=r"query parameters are a dict of name -> value, not list"):
        ws.query("RETURN $x AS x", [1])


def test_workspace_names_too_long_for_the_system_are_one_error_line_in_the_python_api(tmp_path):
    from graphbuild.errors import InputError, OutputError
    from graphbuild.fsutil import atomic_write_text
    from graphbuild.settings import Settings
    from graphbuild.user_gazetteer import effective_gazetteer

    long = tmp_path / ("n" * 300 + ".html")
    with pytest.raises(OutputError, match="the name is too long for the system; give a shorter name"):
        atomic_write_text(long, "page")
    assert not long.parent.joinpath(".tmp").exists() and list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match="gazetteer not found"):
        effective_gazetteer(str(tmp_path / ("g" * 300 + ".jsonl")))
    with pytest.raises(InputError, match="gazetteer not found"):
        Workspace(tmp_path / "ws", Settings(gazetteer=str(tmp_path / ("g" * 300 + ".jsonl")))).build(
            [str(SOURCES / "corpus.jsonl")], progress=False, overview=False)


def test_fsutil_path_kind_reads_a_name_too_long_as_nothing_or_as_the_callers_error(tmp_path):
    from graphbuild.errors import InputError
    from graphbuild.fsutil import path_kind

    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "gone", tmp_path / "dangling")
    assert [path_kind(tmp_path / n) for n in ("", "f.txt", "pipe", "dangling", "none", "f.txt/under")] == \
        ["dir", "file", "other", None, None, None]
    long = tmp_path / ("a" * 300)
    assert path_kind(long) is None  # Path.exists and Path.is_dir raise OSError here

    def cannot(exc: OSError) -> InputError:
        return InputError(long, None, f"cannot look it up: {exc.strerror}")

    with pytest.raises(InputError, match=r"a{300}: cannot look it up: File name too long$"):
        path_kind(long, cannot)
    assert path_kind(tmp_path / "none", cannot) is None and path_kind(tmp_path / "f.txt/under", cannot) is None


def test_workspace_query_parameter_named_as_an_option_is_reported(tmp_path):
    """``ws.query("... $timeout ...", timeout=5)`` took 5 as a 5 s limit and then said no value was given for
    $timeout; a name given in params and as a keyword kept the keyword's value without a word.
    """
    from graphbuild.errors import QueryError

    ws = Workspace(tmp_path / "ws")
    _build(ws, SOURCES / "corpus.jsonl")
    with pytest.raises(QueryError, match=r"^\[E200\] the query uses \$timeout, but a timeout= keyword is query\(\)'s "
                                         r"own option, not a parameter; pass it in params: "
                                         r"query\(cypher, \{'timeout': VALUE\}\)$"):
        ws.query("RETURN $timeout AS t", timeout=5)
    with pytest.raises(QueryError, match=r"uses \$write, \$wait, .* pass them in params"):
        ws.query("RETURN $write AS a, $wait AS b, $n AS n", n=1)
    with pytest.raises(QueryError, match=r"^\[E200\] query parameter n given both in params and as a keyword"):
        ws.query("RETURN $n AS n", {"n": 1}, n=2)
    assert ws.query("RETURN $timeout AS t, $params AS p, $n AS n", {"timeout": 5, "params": "x"}, n=1,
                    timeout=30) == [{"t": 5, "p": "x", "n": 1}]


def test_workspace_query_rows_one_at_a_time_read_and_write(tmp_path):
    """``Workspace.query_rows``: the rows of :meth:`query` as they come, their columns first, for a read or a write
    query (which marks the store changed, as :meth:`query` does).
    """
    ws = Workspace(tmp_path / "ws")
    _build(ws, SOURCES / "corpus.jsonl")
    with ws.query_rows("UNWIND range(1, $n) AS i RETURN i", n=3000) as rows:
        assert rows.columns == ["i"]
        assert sum(row["i"] for row in rows) == 3000 * 3001 // 2
    with ws.query_rows("MATCH (p:Paper {id: 'none'}) SET p.title = 'x' RETURN p.id AS id", write=True) as rows:
        assert rows.columns == ["id"] and list(rows) == []
    assert ws.query("MATCH (p:Paper) SET p.year = p.year RETURN count(p) > 0 AS some", write=True) == [{"some": True}]


def test_workspace_query_timeout_from_the_argument_and_the_setting(tmp_path):
    from graphbuild.settings import Settings, load_settings
    from graphbuild.stores import QueryTimeoutError

    long_query = "UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b RETURN sum(a + b) AS s"
    ws = Workspace(tmp_path / "ws", settings=Settings(query_timeout=0))
    _build(ws, SOURCES / "corpus.jsonl")
    assert ws.query(long_query) == [{"s": 2000 * 2000 * 2001}]  # the setting's 0: no limit
    with pytest.raises(QueryTimeoutError, match=r"^\[E201\] the query ran past its 0.001 s limit"):
        ws.query(long_query, timeout=0.001)
    with pytest.raises(QueryTimeoutError):  # a write query is limited too
        ws.query(long_query, write=True, timeout=0.001)
    with pytest.raises(graphbuild.GraphbuildError, match=r"^\[E710\] timeout must be a number of seconds"):
        ws.query("RETURN 1 AS n", timeout="5")
    assert Settings().query_timeout == 60
    assert load_settings(None, env={"GRAPHBUILD_QUERY_TIMEOUT": "5"}).query_timeout == 5
    with pytest.raises(graphbuild.GraphbuildError, match="must be 0 or more, not -1"):
        load_settings(None, env={"GRAPHBUILD_QUERY_TIMEOUT": "-1"})


def test_workspace_write_query_inside_a_write_querys_rows_is_refused(ws):
    """``ws.query(..., write=True)`` while a ``ws.query_rows(..., write=True)`` was still being iterated opened a
    second writable handle on the store's file in the same process: both committed, and the inner write was lost
    when the outer one committed (or the two logs mixed). One coded line now; the outer write goes on.
    """
    _build(ws, SOURCES / "corpus.jsonl")
    with ws.query_rows("MATCH (p:Paper) SET p.venue = 'Outer' RETURN p.id AS id", write=True) as rows:
        for row in rows:
            with pytest.raises(graphbuild.QueryError, match=r"^\[E200\] a write query cannot start while the rows of "
                                                            r"another query here are still being read"):
                ws.query("MATCH (p:Paper {id: $id}) SET p.venue = 'Inner' RETURN p.venue AS v", write=True,
                         id=row["id"])
    assert ws.query("MATCH (p:Paper) RETURN collect(DISTINCT p.venue) AS v") == [{"v": ["Outer"]}]
    with ws.query_rows("MATCH (p:Paper) RETURN p.id AS id") as rows:  # a write for each row of a read: fine
        for row in rows:
            ws.query("MATCH (p:Paper {id: $id}) SET p.venue = 'Each' RETURN p.venue AS v", write=True, id=row["id"])
    assert ws.query("MATCH (p:Paper) RETURN collect(DISTINCT p.venue) AS v") == [{"v": ["Each"]}]


def test_workspace_build_inside_a_write_querys_rows_is_refused(ws):
    """The workspace lock is re-entrant for one object, so ``ws.build(...)`` inside an open
    ``ws.query_rows(..., write=True)`` ran: it replaced the generation under the open writer, whose commit then
    failed on a store file that was gone. One coded line now, and the write goes on.
    """
    _build(ws, SOURCES / "corpus.jsonl")
    live = ws.current
    with ws.query_rows("MATCH (p:Paper) SET p.venue = 'Outer' RETURN p.id AS id", write=True) as rows:
        for _ in rows:
            with pytest.raises(graphbuild.GraphbuildError,
                               match=r"^\[E710\] build cannot run while the rows of a write query here are still"):
                ws.build([str(SOURCES / "corpus.jsonl")], progress=False, overview=False)
    assert ws.current == live
    assert ws.query("MATCH (p:Paper) RETURN collect(DISTINCT p.venue) AS v") == [{"v": ["Outer"]}]


def test_workspace_write_query_rolled_back_leaves_the_store_stamped(ws):
    """A write query that committed nothing (stopped partway by ``| head`` or its time limit, refused by the store,
    or with no write clause) still unstamped the live store, so the next build wrote a whole new generation, store
    and all, for a graph that had not moved. Only a committed write unstamps it now.
    """
    from graphbuild import generations

    _build(ws, SOURCES / "corpus.jsonl")
    assert generations.store_matches(ws.current)
    write = "MATCH (p:Paper) SET p.venue = 'Mars' WITH p UNWIND range(1, 2000) AS i RETURN p.id AS id, i"
    with pytest.raises(BrokenPipeError):
        with ws.query_rows(write, write=True) as rows:
            next(iter(rows))
            raise BrokenPipeError  # what printing to a closed pipe raises
    with pytest.raises(graphbuild.QueryError):  # its time limit
        ws.query("UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b CREATE (:Author {id: 'x' + a + b})",
                 write=True, timeout=0.001)
    with pytest.raises(graphbuild.QueryError):  # the engine refused it
        ws.query("MATCH (p:Paper) SET p.year = 'not a year'", write=True)
    assert ws.query("MATCH (p:Paper) RETURN count(p) > 0 AS some", write=True) == [{"some": True}]  # no write clause
    assert generations.store_matches(ws.current)
    assert ws.query("MATCH (p:Paper) WHERE p.venue = 'Mars' RETURN count(p) AS n") == [{"n": 0}]
    _build(ws)
    assert ws.current.name == "gen-000001"  # nothing to write
    ws.query("MATCH (p:Paper) SET p.venue = 'Mars'", write=True)  # committed: the next build writes the store again
    assert not generations.store_matches(ws.current)


def test_workspace_read_query_answers_while_a_build_replaces_the_generation(ws, monkeypatch):
    """A read query picks the live generation's store, and a build in another process replaces that generation
    before the query's first statement opens it: the query failed with "[E300] no graph database at
    .../gen-000001/db; sync the graph into the store first", where the workspace was fine. The store is opened as
    it is picked now, so the query reads the generation it picked (its files stay readable once open).
    """
    import graphbuild.workspace as workspace_module

    _build(ws, SOURCES / "corpus.jsonl")
    picked = workspace_module._read_store
    builds = []

    def picked_then_replaced(db):
        store = picked(db)
        if not builds:  # another writer commits gen-000002 and removes gen-000001
            builds.append(_build(Workspace(ws.path), SOURCES / "corpus.jsonl", SOURCES / "same.bib"))
        return store

    monkeypatch.setattr(workspace_module, "_read_store", picked_then_replaced)
    assert ws.query("MATCH (p:Paper) RETURN count(p) > 0 AS some") == [{"some": True}]
    assert builds and ws.current.name == "gen-000002" and not (ws.path / "gen-000001").exists()
