"""Workspace builds: idempotent, incremental, atomic; graph invariants; merged sources; citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graphbuild
from graphbuild.errors import InputError, WorkspaceError
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


def test_workspace_interrupted_build_keeps_previous(ws, tmp_path, monkeypatch):
    _build(ws, SOURCES / "corpus.jsonl")
    before = ws.current
    papers_before = (before / "papers.jsonl").read_text()
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"title": "A Paper That Never Lands", "abstract": "We use LoRA."}) + "\n")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("graphbuild.workspace.atomic_write_text", boom)
    with pytest.raises(KeyboardInterrupt):
        _build(ws, extra)
    assert ws.current == before
    assert (before / "papers.jsonl").read_text() == papers_before
    assert not list(ws.path.glob(".gen-*"))


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
