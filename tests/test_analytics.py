"""Citation analytics on the hand-checked graph."""

from __future__ import annotations

import networkx as nx
import pytest
from graph_fixture import small_graph

from graphbuild.analytics import ancestry, citation_pagerank, co_citations, most_cited


def test_analytics_most_cited_explicit_and_inferred():
    G = small_graph()
    assert [(r["id"], r["citations"]) for r in most_cited(G)] == [("P1", 2), ("X1", 2)]
    assert [(r["id"], r["citations"]) for r in most_cited(G, inferred=True)] == [("P1", 2), ("X1", 2), ("P4", 1)]
    assert [r["id"] for r in most_cited(G, external=False)] == ["P1"]


def test_analytics_pagerank_matches_networkx():
    G = small_graph()
    rows = citation_pagerank(G, k=10)
    papers = [n for n, d in G.nodes(data=True) if d["label"] == "Paper"]
    C = nx.DiGraph()
    C.add_nodes_from(papers)
    C.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k == "CITES")
    expected = nx.pagerank(C, alpha=0.85, tol=1e-12)
    assert len(rows) == len(papers)
    for row in rows:
        assert row["pagerank"] == pytest.approx(expected[row["id"]], abs=1e-6)
    assert rows[0]["id"] in ("P1", "X1")
    # nothing cited: every paper ranked alike (0.5 each of two), which read as a finding; no rows, as most_cited
    G.remove_edges_from([(u, v, k) for u, v, k in G.edges(keys=True) if k == "CITES"])
    assert citation_pagerank(G) == [] and most_cited(G) == []


def test_analytics_co_citations_and_ancestry():
    G = small_graph()
    assert co_citations(G) == [{"a": "P1", "a_title": "LoRA paper", "b": "X1",
                                "b_title": "An external reference", "cited_together": 2}]
    assert co_citations(G, paper="P4") == []
    assert [(r["id"], r["depth"]) for r in ancestry(G, "P2", depth=1)] == [("P1", 1), ("P4", 1), ("X1", 1)]
    assert [r["id"] for r in ancestry(G, "P2", depth=1, inferred=False)] == ["P1", "X1"]
