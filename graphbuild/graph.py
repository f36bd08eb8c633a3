"""The graph model: a networkx ``MultiDiGraph`` built from papers and extractions.

Nodes carry ``label`` (``Paper``, ``Entity`` or ``Author``) plus the properties
of :data:`graphbuild.schema.NODE_TABLES` (papers also keep ``authors``, a list
of names, for tooltips). Edges are keyed by relationship type, so there is at
most one edge of a type between two nodes, and carry the properties of
:data:`graphbuild.schema.REL_TABLES`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from .fsutil import atomic_write_text
from .records import Entity, Paper, author_id
from .schema import ENTITY_ROLE_RELS, NODE_TABLES, REL_TABLES, GraphTables

__all__ = ["build_graph", "graph_to_tables", "graph_json", "save_graph", "load_graph", "graph_stats"]


def build_graph(
    papers: Iterable[Paper],
    entities: Iterable[Entity],
    links: Iterable[tuple[str, str, str, dict[str, Any]]],
    citations: Iterable[tuple[str, str, dict[str, Any]]] = (),
    external: Iterable[Paper] = (),
) -> nx.MultiDiGraph:
    """Assemble the graph.

    Parameters
    ----------
    papers : the corpus papers.
    entities : resolved corpus entities (``Entity.family`` holds the family's id).
    links : ``(paper_id, entity_id, role, props)`` with role one of ``proposes``,
        ``uses``, ``evaluates_on``, ``compares_with``.
    citations : ``(citing_id, cited_id, props)`` with ``inferred`` and ``via``.
    external : reference stubs outside the corpus (``external=True`` papers).
    """
    G = nx.MultiDiGraph()
    for paper in list(papers) + list(external):
        G.add_node(paper.id, **_paper_props(paper))
        for position, name in enumerate(paper.authors):
            aid = author_id(name)
            if aid not in G:
                G.add_node(aid, label="Author", id=aid, name=name.strip())
            G.add_edge(aid, paper.id, key="AUTHORED", position=position)
    for ent in entities:
        G.add_node(
            ent.id, label="Entity", id=ent.id, name=ent.name, type=ent.type,
            aliases=list(ent.aliases), family=ent.family, paper_count=ent.paper_count,
        )
    for ent in entities:
        if ent.family and ent.family in G and ent.family != ent.id:
            G.add_edge(ent.id, ent.family, key="VARIANT_OF")
    for paper_id, ent_id, role, props in links:
        G.add_edge(paper_id, ent_id, key=ENTITY_ROLE_RELS[role], **props)
    for src, dst, props in citations:
        if src in G and dst in G and src != dst:
            G.add_edge(src, dst, key="CITES", inferred=bool(props.get("inferred", False)),
                       via=props.get("via"))
    return G


def _paper_props(paper: Paper) -> dict[str, Any]:
    return {
        "label": "Paper",
        "id": paper.id,
        "title": paper.title,
        "abstract": paper.abstract,
        "year": paper.year,
        "date": paper.date,
        "venue": paper.venue,
        "doi": paper.doi,
        "arxiv_id": paper.arxiv_id,
        "url": paper.url,
        "n_authors": paper.n_authors if paper.n_authors is not None else (len(paper.authors) or None),
        "external": paper.external,
        "authors": list(paper.authors),
    }


def graph_to_tables(G: nx.MultiDiGraph) -> GraphTables:
    """Rows per node label and relationship type, in a stable (sorted) order."""
    tables = GraphTables(nodes={label: [] for label in NODE_TABLES}, rels={rel: [] for rel in REL_TABLES})
    for node, data in sorted(G.nodes(data=True)):
        label = data["label"]
        tables.nodes[label].append({col: _value(data.get(col)) for col in NODE_TABLES[label]})
    for src, dst, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[2], e[0], e[1])):
        props = REL_TABLES[key][2]
        row = {"from": src, "to": dst}
        row.update({col: _value(data.get(col)) for col in props})
        tables.rels[key].append(row)
    return tables


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def graph_json(G: nx.MultiDiGraph) -> str:
    """Node-link JSON with sorted keys: equal graphs give equal text (and digests)."""
    data = nx.node_link_data(G, edges="edges", name="_node")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def save_graph(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write node-link JSON atomically (temporary file, then rename)."""
    atomic_write_text(Path(path), graph_json(G))


def load_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges", name="_node")


def graph_stats(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of nodes by label (entities also by type) and edges by type."""
    nodes: dict[str, int] = {}
    types: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        label = data["label"]
        if label == "Paper" and data.get("external"):
            label = "Paper (external)"
        nodes[label] = nodes.get(label, 0) + 1
        if data["label"] == "Entity":
            types[data["type"]] = types.get(data["type"], 0) + 1
    edges: dict[str, int] = {}
    for _, _, key in G.edges(keys=True):
        edges[key] = edges.get(key, 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "entity_types": dict(sorted(types.items())),
            "edges": dict(sorted(edges.items()))}
