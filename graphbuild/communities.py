"""Communities of papers and entities: Leiden over the paper-entity graph, labelled by NPMI.

:func:`detect_communities` runs the Leiden algorithm (Traag, Waltman & van Eck
2019, "From Louvain to Leiden: guaranteeing well-connected communities",
Scientific Reports 9:5233; the ``leidenalg`` package on python-igraph) over the
bipartite graph of corpus papers and the entities they propose, use, evaluate
on or compare with, with a fixed seed and vertices in sorted order, so the
same graph always gives the same communities. Each community with at least
``min_papers`` papers is kept, ranked by size, and labelled by its most
distinctive entities: those with the highest normalised pointwise mutual
information (Bouma 2009) between "the paper is in the community" and "the paper
mentions the entity".

:func:`add_communities` stores them in the graph as ``Community`` nodes with
``IN_COMMUNITY`` relationships from their papers, which is how they reach
both stores (the build calls it once, after assembling the graph).

Examples
--------
>>> G = nx.MultiDiGraph()
>>> for field, names in {"nlp": ["BERT", "GLUE"], "vision": ["ResNet", "ImageNet"]}.items():
...     G.add_node(names[0], label="Entity", name=names[0], type="Model")
...     G.add_node(names[1], label="Entity", name=names[1], type="Dataset")
...     for k in range(4):
...         G.add_node(f"{field}{k}", label="Paper", year=2020 + k)
...         for name in names:
...             _ = G.add_edge(f"{field}{k}", name, key="USES")
>>> [c.top_datasets for c in detect_communities(G)]
[('GLUE',), ('ImageNet',)]
>>> [(c.id, c.papers, c.top_entities) for c in detect_communities(G)]
[('community:1', 4, ('BERT', 'GLUE')), ('community:2', 4, ('ImageNet', 'ResNet'))]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .trends import role_pairs

__all__ = ["Community", "detect_communities", "add_communities", "put_communities", "community_rows",
           "entity_communities", "paper_communities", "node_communities", "community_names", "COMMUNITY_SEED"]

#: the seed every community detection uses unless told otherwise
COMMUNITY_SEED = 42


@dataclass(frozen=True, slots=True)
class Community:
    """One community, ranked by size (``rank`` 1 is the largest).

    Attributes
    ----------
    id : ``community:<rank>``.
    rank : 1 for the largest community, then by size (ties by first paper id).
    name : the label, its top entities joined by `` · ``.
    members : the community's paper ids, sorted.
    entities : the entity ids Leiden put in the community, sorted.
    top_entities : names of the most distinctive entities (by NPMI), best first.
    top_datasets : names of the datasets most of its papers use, most first.
    first_year, last_year : the span of its papers' years (``None`` if undated).
    """

    id: str
    rank: int
    name: str
    members: tuple[str, ...]
    entities: tuple[str, ...]
    top_entities: tuple[str, ...]
    top_datasets: tuple[str, ...]
    first_year: int | None
    last_year: int | None

    @property
    def papers(self) -> int:
        """Number of papers in the community."""
        return len(self.members)


def _paper_entities(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Corpus paper -> the entities it is linked to by a role relationship."""
    links: dict[str, set[str]] = {}
    for u, v in role_pairs(G):
        links.setdefault(u, set()).add(v)
    return links


def _leiden(links: dict[str, set[str]], *, resolution: float, seed: int) -> dict[str, int]:
    """Node id -> Leiden cluster number over the paper-entity graph."""
    import igraph as ig
    import leidenalg

    papers = sorted(links)
    entities = sorted({e for es in links.values() for e in es})
    names = papers + entities
    index = {n: i for i, n in enumerate(names)}
    edges = [(index[p], index[e]) for p in papers for e in sorted(links[p])]
    graph = ig.Graph(n=len(names), edges=edges, directed=False)
    partition = leidenalg.find_partition(graph, leidenalg.RBConfigurationVertexPartition,
                                         resolution_parameter=resolution, n_iterations=2, seed=seed)
    return {names[i]: int(c) for i, c in enumerate(partition.membership)}


def _npmi(joint: int, n_entity: int, n_community: int, total: int) -> float:
    """Normalised PMI of two events from counts; 1 when they always co-occur."""
    p_joint = joint / total
    if p_joint >= 1.0:
        return 1.0
    pmi = math.log(p_joint / ((n_entity / total) * (n_community / total)))
    return pmi / -math.log(p_joint)


def detect_communities(G: nx.MultiDiGraph, *, resolution: float = 0.5, seed: int = COMMUNITY_SEED,
                       min_papers: int = 3, label_size: int = 3) -> list[Community]:
    """Leiden communities of the paper-entity graph, labelled and summarised.

    Parameters
    ----------
    G : a graph from :func:`graphbuild.graph.build_graph` (existing
        ``Community`` nodes are ignored).
    resolution : the resolution of the modularity (RB configuration model);
        higher gives more, smaller communities. On the bipartite paper-entity
        graph 1.0 splits a field into its sub-topics (a corpus of two fields
        comes out as four groups); 0.5 keeps fields whole.
    seed : Leiden's random seed; the same graph and seed give the same result.
    min_papers : communities with fewer papers are dropped (their papers get
        no community).
    label_size : how many distinctive entities (and top datasets) to keep.

    Returns
    -------
    list of Community
        Largest first.
    """
    links = _paper_entities(G)
    if not links:
        return []
    cluster = _leiden(links, resolution=resolution, seed=seed)
    groups: dict[int, list[str]] = {}
    for paper in sorted(links):
        groups.setdefault(cluster[paper], []).append(paper)
    entity_groups: dict[int, list[str]] = {}
    for node, c in cluster.items():
        if node not in links:
            entity_groups.setdefault(c, []).append(node)
    total = len(links)
    entity_papers = Counter(e for es in links.values() for e in es)
    kept = sorted((ps for ps in groups.values() if len(ps) >= min_papers), key=lambda ps: (-len(ps), ps[0]))
    out = []
    for rank, members in enumerate(kept, start=1):
        joint = Counter(e for p in members for e in links[p])
        support = 2 if len(members) >= 4 else 1
        scored = sorted(((e, _npmi(n, entity_papers[e], len(members), total)) for e, n in joint.items()
                         if n >= support), key=lambda es: (-es[1], -joint[es[0]], _name(G, es[0])))
        top = tuple(_name(G, e) for e, _ in scored[:label_size])
        datasets = sorted((e for e in joint if G.nodes[e].get("type") == "Dataset"),
                          key=lambda e: (-joint[e], _name(G, e)))
        years = [int(G.nodes[p]["year"]) for p in members if isinstance(G.nodes[p].get("year"), int)]
        out.append(Community(
            id=f"community:{rank}", rank=rank, name=" · ".join(top) or f"community {rank}",
            members=tuple(members), entities=tuple(sorted(entity_groups.get(cluster[members[0]], ()))),
            top_entities=top, top_datasets=tuple(_name(G, e) for e in datasets[:label_size]),
            first_year=min(years) if years else None, last_year=max(years) if years else None))
    return out


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("name") or node)


def add_communities(G: nx.MultiDiGraph, **options: Any) -> nx.MultiDiGraph:
    """Store the communities of ``G`` in ``G``: ``Community`` nodes, ``IN_COMMUNITY`` edges from papers.

    Any previous ``Community`` nodes are replaced. ``options`` go to
    :func:`detect_communities`. Returns ``G`` (changed in place).
    """
    return put_communities(G, detect_communities(G, **options))


def put_communities(G: nx.MultiDiGraph, communities: Iterable[Community]) -> nx.MultiDiGraph:
    """Store ``communities`` (from :func:`detect_communities`) in ``G`` in place of its ``Community`` nodes.

    Communities depend on papers, entities and their role relationships
    alone, so they can be detected before other nodes (``Result``) are added.
    """
    G.remove_nodes_from([n for n, d in G.nodes(data=True) if d.get("label") == "Community"])
    for c in communities:
        G.add_node(c.id, label="Community", id=c.id, name=c.name, rank=c.rank, papers=c.papers,
                   entities=len(c.entities), top_entities=list(c.top_entities),
                   top_datasets=list(c.top_datasets), first_year=c.first_year, last_year=c.last_year)
        for paper in c.members:
            G.add_edge(paper, c.id, key="IN_COMMUNITY")
    return G


def paper_communities(G: nx.MultiDiGraph) -> dict[str, str]:
    """Paper id -> its stored community id."""
    return {u: v for u, nbrs in G.adjacency() for v, keyed in nbrs.items() if "IN_COMMUNITY" in keyed}


def entity_communities(G: nx.MultiDiGraph) -> dict[str, str]:
    """Entity id -> the stored community most of its papers belong to (ties: the larger community)."""
    of_paper = paper_communities(G)
    rank = {n: int(d.get("rank") or 0) for n, d in G.nodes(data=True) if d.get("label") == "Community"}
    votes: dict[str, Counter[str]] = {}
    for u, v in role_pairs(G):
        if u in of_paper:
            votes.setdefault(v, Counter())[of_paper[u]] += 1
    return {e: min(c.items(), key=lambda kv: (-kv[1], rank.get(kv[0], 0)))[0] for e, c in votes.items()}


def node_communities(G: nx.MultiDiGraph) -> dict[str, str]:
    """Paper and entity id -> community id (papers as stored, entities by majority of their papers)."""
    return {**entity_communities(G), **paper_communities(G)}


def community_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Community id -> its label."""
    return {n: str(d.get("name") or n) for n, d in G.nodes(data=True) if d.get("label") == "Community"}


def community_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The stored communities as rows, largest first."""
    rows = [{"id": n, "name": d.get("name"), "rank": d.get("rank"), "papers": d.get("papers"),
             "entities": d.get("entities"), "first_year": d.get("first_year"), "last_year": d.get("last_year"),
             "top_entities": list(d.get("top_entities") or ()), "top_datasets": list(d.get("top_datasets") or ())}
            for n, d in G.nodes(data=True) if d.get("label") == "Community"]
    return sorted(rows, key=lambda r: (r["rank"] or 0, r["id"]))
