"""graphbuild.graph: the streamed node-link JSON is the text ``json.dumps(node_link_data)`` gave."""

from __future__ import annotations

import hashlib
import json

import networkx as nx
import pytest

from graphbuild.graph import graph_digest, graph_json, graph_json_chunks, load_graph, save_graph


def _reference(G: nx.Graph) -> str:
    """The text graph_json wrote before it was streamed: the whole node-link copy, dumped at once."""
    return json.dumps(nx.node_link_data(G, edges="edges", name="_node"), ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True)


def _sample() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("p1", label="Paper", id="p1", title="Über \"quotes\" ✓", year=2020, authors=["A", "B"], abstract=None)
    G.add_node("e1", label="Entity", id="e1", name="BERT", aliases=("bert",), confidence=0.25)
    G.add_node("a1", label="Author", id="a1", name="Ada")
    G.add_edge("a1", "p1", key="AUTHORED", position=0)
    G.add_edge("p1", "e1", key="USES", section="abstract")
    G.add_edge("p1", "e1", key="PROPOSES")
    return G


@pytest.mark.parametrize("batch", [1, 2, 4096])
def test_graph_json_chunks_join_to_the_node_link_text(batch):
    G = _sample()
    chunks = list(graph_json_chunks(G, batch=batch))
    assert "".join(chunks) == _reference(G)
    assert len(chunks) >= 5  # head, edges, middle, nodes, tail: never one string of the whole graph


def test_graph_json_of_empty_and_simple_graphs_matches_node_link_data():
    assert graph_json(nx.MultiDiGraph()) == _reference(nx.MultiDiGraph())
    H = nx.DiGraph(name="h")
    H.add_edge(1, 2, w=0.5)
    H.add_node(3)
    assert graph_json(H) == _reference(H)


def test_graph_digest_is_the_sha256_of_the_text_and_save_load_round_trips(tmp_path):
    G = _sample()
    assert graph_digest(G) == hashlib.sha256(_reference(G).encode("utf-8")).hexdigest()
    save_graph(G, tmp_path / "graph.json")
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == _reference(G)
    back = load_graph(tmp_path / "graph.json")
    assert sorted(back.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert dict(back.nodes(data=True))["p1"]["title"] == "Über \"quotes\" ✓"
