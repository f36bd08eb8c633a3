"""The graph model: a networkx ``MultiDiGraph`` built from papers and extractions.

Nodes carry ``label`` (``Paper``, ``Entity`` or ``Author``) plus the properties
of :data:`graphbuild.schema.NODE_TABLES` (papers also keep ``authors``, a list
of names, for tooltips). Edges are keyed by relationship type, so there is at
most one edge of a type between two nodes, and carry the properties of
:data:`graphbuild.schema.REL_TABLES`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .fsutil import atomic_output
from .records import Citation, Entity, Link, Paper, author_id, folded_name
from .schema import ENTITY_ROLE_RELS, NODE_TABLES, REL_TABLES, GraphTables

__all__ = ["build_graph", "graph_to_tables", "graph_columns", "graph_json", "graph_json_chunks", "graph_digest",
           "save_graph", "load_graph", "graph_stats", "count_lines"]


def build_graph(
    papers: Iterable[Paper],
    entities: Iterable[Entity],
    links: Iterable[Link],
    citations: Iterable[Citation] = (),
    external: Iterable[Paper] = (),
) -> nx.MultiDiGraph:
    """Assemble the graph.

    Parameters
    ----------
    papers : the corpus papers.
    entities : resolved corpus entities (``Entity.family`` holds the family's id).
    links : paper -> entity links; the role (``proposes``, ``uses``,
        ``evaluates_on``, ``compares_with``) names the relationship type.
    citations : CITES edges; those between missing nodes or a node and itself are dropped.
    external : reference stubs outside the corpus (``external=True`` papers).

    Returns
    -------
    networkx.MultiDiGraph
        Keyed by relationship type, nodes and edges carrying the schema's properties.
    """
    G = nx.MultiDiGraph()
    for paper in list(papers) + list(external):
        G.add_node(paper.id, **_paper_props(paper))
        for position, name in enumerate(paper.authors):
            aid = author_id(name)
            if aid not in G:
                G.add_node(aid, label="Author", id=aid, name=name.strip(), folded=folded_name(name))
            G.add_edge(aid, paper.id, key="AUTHORED", position=position)
    for ent in entities:
        G.add_node(
            ent.id, label="Entity", id=ent.id, name=ent.name, type=ent.type,
            aliases=list(ent.aliases), family=ent.family, paper_count=ent.paper_count,
            confidence=ent.confidence,
        )
    for ent in entities:
        if ent.family and ent.family in G and ent.family != ent.id:
            G.add_edge(ent.id, ent.family, key="VARIANT_OF")
    for link in links:
        G.add_edge(link.paper_id, link.entity_id, key=ENTITY_ROLE_RELS[link.role], **link.properties())
    for c in citations:
        if c.citing in G and c.cited in G and c.citing != c.cited:
            G.add_edge(c.citing, c.cited, key="CITES", inferred=bool(c.inferred), via=c.via)
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
    """Rows per node label and relationship type, in a stable (sorted) order: :func:`graph_columns` as row dicts."""
    tables = GraphTables()
    for name, columns in graph_columns(G):
        rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
        (tables.nodes if name in NODE_TABLES else tables.rels)[name] = rows
    return tables


def graph_columns(G: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, list[Any]]]]:
    """The graph's rows column by column, one table at a time.

    Yields ``(name, columns)`` for every node label of ``NODE_TABLES`` (columns ``id`` and its
    properties; nodes in id order), then every relationship type of ``REL_TABLES`` (``from``,
    ``to`` and its properties; in (from, to) order), in that order. One table's value lists
    are built at a time and no row dict is made, so a caller that turns each table into a
    compact form (an Arrow table) holds no per-row Python objects of its own when the graph
    is freed.
    """
    nodes: dict[str, dict[str, list[Any]]] = {label: {col: [] for col in spec} for label, spec in NODE_TABLES.items()}
    for _node, data in sorted(G.nodes(data=True)):
        for col, values in nodes[data["label"]].items():
            values.append(_value(data.get(col)))
    yield from nodes.items()
    del nodes
    rels: dict[str, dict[str, list[Any]]] = {rel: {"from": [], "to": [], **{col: [] for col in props}}
                                             for rel, (_s, _d, props) in REL_TABLES.items()}
    props_of = {rel: [(col, columns[col]) for col in REL_TABLES[rel][2]] for rel, columns in rels.items()}
    for src, nbrs in sorted(G.adjacency()):  # sources, then targets, in order: graph_to_tables' (type, from, to)
        for dst in sorted(nbrs):
            for key, data in nbrs[dst].items():
                rels[key]["from"].append(src)
                rels[key]["to"].append(dst)
                for col, values in props_of[key]:
                    values.append(_value(data.get(col)))
    del props_of
    for rel in list(rels):
        yield rel, rels.pop(rel)


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def graph_json(G: nx.MultiDiGraph) -> str:
    """Node-link JSON with sorted keys: equal graphs give equal text (and digests)."""
    return "".join(graph_json_chunks(G))


def graph_json_chunks(G: nx.MultiDiGraph, *, batch: int = 4096) -> Iterator[str]:
    """The text of :func:`graph_json` in pieces of about ``batch`` nodes or edges.

    Joined, the pieces are exactly ``json.dumps(nx.node_link_data(G, edges="edges", name="_node"),
    sort_keys=True, ...)``, but neither that text nor the node-link copy of the whole graph is ever
    held: a 100k-paper graph's JSON is about half a gigabyte.
    """
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    if G.is_multigraph():
        edges: Iterator[dict] = ({**d, "source": u, "target": v, "key": k}
                                 for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = ({**d, "source": u, "target": v} for u, v, d in G.edges(data=True))
    # sort_keys puts the top-level keys in this order: directed, edges, graph, multigraph, nodes
    yield '{"directed":' + dump(G.is_directed()) + ',"edges":['
    yield from _list_items(edges, dump, batch)
    yield '],"graph":' + dump(G.graph) + ',"multigraph":' + dump(G.is_multigraph()) + ',"nodes":['
    yield from _list_items(({**d, "_node": n} for n, d in G.nodes(data=True)), dump, batch)
    yield "]}"


def _list_items(items: Iterator[Any], dump: Callable[[Any], str], batch: int) -> Iterator[str]:
    """The items of a JSON list, comma-separated, without its brackets, ``batch`` items per piece."""
    first = True
    while chunk := list(itertools.islice(items, batch)):
        yield ("" if first else ",") + dump(chunk)[1:-1]
        first = False


def graph_digest(G: nx.MultiDiGraph) -> str:
    """The SHA-256 of :func:`graph_json` (hashed piece by piece, the text is never held whole)."""
    h = hashlib.sha256()
    for chunk in graph_json_chunks(G):
        h.update(chunk.encode("utf-8"))
    return h.hexdigest()


def save_graph(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write node-link JSON atomically (temporary file, then rename)."""
    with atomic_output(Path(path)) as fh:
        for chunk in graph_json_chunks(G):
            fh.write(chunk)


def load_graph(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a graph written by :func:`save_graph` (node-link JSON)."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges", name="_node")


def count_lines(nodes: Mapping[str, int], edges: Mapping[str, int]) -> list[str]:
    """The ``nodes:`` and ``edges:`` lines a build or a load closes with: each label or type and its count,
    in name order, none without one (``none`` for an empty graph).

    >>> count_lines({"Paper": 2, "Entity": 3, "Result": 0}, {})
    ['nodes: Entity 3, Paper 2', 'edges: none']
    """
    def line(kind: str, counts: Mapping[str, int]) -> str:
        return f"{kind}: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v) or "none")

    return [line("nodes", nodes), line("edges", edges)]


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
