"""A term map of the field: the overview of a large workspace.

On a graph of 100,000 papers, a page of 500 nodes picked by importance shows
a tangle of papers and authors. A term map (as in VOSviewer: van Eck &
Waltman 2010, "Software survey: VOSviewer, a computer program for
bibliometric mapping", Scientometrics 84:523-538) shows instead the entities
in the most papers, sized by their papers, coloured by community, linked and
placed by how strongly they co-occur, and labelled; each entity carries its
most cited papers, shown in the side panel on click.

Co-occurrence strength is the association strength
``s(i, j) = c(i, j) * N / (c(i) * c(j))`` (papers with both, over what
independence predicts); each term keeps links to its strongest partners.

Examples
--------
>>> G = nx.MultiDiGraph()
>>> for e in "abc":
...     G.add_node(e, label="Entity", name=e.upper(), type="Method")
>>> for i, ents in enumerate(["ab", "ab", "ab", "c"]):
...     G.add_node(f"P{i}", label="Paper", title=f"Paper {i}", year=2020)
...     for e in ents:
...         _ = G.add_edge(f"P{i}", e, key="USES")
>>> sel = term_map(G, max_terms=3, min_together=2)
>>> sorted(sel.graph), [(u, v, d["papers"]) for u, v, d in sel.graph.edges(data=True)]
(['a', 'b', 'c'], [('a', 'b', 3)])
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .trends import role_pairs
from .viz import Selection

__all__ = ["term_map", "community_term_map", "CO_OCCURS", "TERM_MAP_MIN_PAPERS"]

#: the relationship type of a term map's links (never stored; only drawn)
CO_OCCURS = "CO_OCCURS"
#: from this many corpus papers on, the whole-graph overview is a term map
TERM_MAP_MIN_PAPERS = 5000


def term_map(G: nx.MultiDiGraph, *, max_terms: int = 300, links_per_term: int = 5, min_together: int = 2,
             papers_per_term: int = 8, communities: dict[str, str] | None = None) -> Selection:
    """The ``max_terms`` entities in most corpus papers, linked by co-occurrence.

    Parameters
    ----------
    G : a graph from :func:`graphbuild.graph.build_graph`.
    max_terms : how many entities to show.
    links_per_term : each entity keeps links to at most this many partners,
        strongest association first (a link either end keeps is drawn).
    min_together : a link needs at least this many papers with both.
    papers_per_term : how many of an entity's papers (most cited first, then
        newest) its node carries for the side panel.
    communities : entity id -> community id, to colour the nodes (see
        :func:`graphbuild.communities.entity_communities`); stored on each
        node as ``community``.

    Returns
    -------
    Selection
        Entity nodes (copies, ``paper_count`` set to the papers counted here,
        ``top_papers`` a list of titles) and ``CO_OCCURS`` edges with
        ``papers`` (papers with both) and ``strength``; its ``hint`` (the
        page's "showing N of M" note) names ``max_terms``, what shows more
        (a command sets its own option's name: ``graphbuild map --terms N``).
    """
    links = role_pairs(G)
    papers = sorted({u for u, _ in links})
    pos = {p: i for i, p in enumerate(papers)}
    count: dict[str, int] = {}
    for _, e in links:
        count[e] = count.get(e, 0) + 1
    ranked = sorted(count, key=lambda e: (-count[e], e))
    terms = ranked[:max_terms]
    tpos = {e: i for i, e in enumerate(terms)}
    rows = [pos[u] for u, e in links if e in tpos]
    cols = [tpos[e] for u, e in links if e in tpos]
    X = sp.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(papers), len(terms)))
    together = (X.T @ X).toarray()
    np.fill_diagonal(together, 0)
    sizes = np.array([count[e] for e in terms], dtype=float)
    strength = together * max(len(papers), 1) / np.maximum(np.outer(sizes, sizes), 1.0)
    strength[together < min_together] = 0.0
    H = nx.MultiDiGraph()
    by_term = _papers_by_term(G, links, tpos)
    years = dict(G.nodes(data="year"))
    cited = Counter(v for _, nbrs in G.adjacency() for v, keyed in nbrs.items() if "CITES" in keyed)
    for e in terms:
        data = dict(G.nodes[e])
        data.update(paper_count=count[e], top_papers=_top_titles(G, by_term.get(e, []), papers_per_term, cited, years))
        if communities is not None and e in communities:
            data["community"] = communities[e]
        H.add_node(e, **data)
    keep: set[tuple[int, int]] = set()
    for i in range(len(terms)):
        best = [j for j in np.argsort(-strength[i], kind="stable")[:links_per_term] if strength[i, j] > 0]
        keep.update((min(i, j), max(i, j)) for j in best)
    for i, j in sorted(keep):
        H.add_edge(terms[i], terms[j], key=CO_OCCURS, papers=int(together[i, j]),
                   strength=round(float(strength[i, j]), 3))
    reason = (f"term map: the {len(terms):,} entities in most of {len(papers):,} papers, sized by papers, "
              f"linked to their {links_per_term} strongest co-occurring entities")
    # (the default hint, "use --focus/--types/--max-nodes", named options no term map has)
    return Selection(graph=H, cut=tuple(ranked[max_terms:]), total=len(count), reason=reason,
                     hint="a larger max_terms shows more")


def community_term_map(G: nx.MultiDiGraph, **options: Any) -> Selection:
    """:func:`term_map` coloured by the graph's stored communities, their labels in the legend."""
    from .communities import community_names, entity_communities

    selection = term_map(G, communities=entity_communities(G), **options)
    selection.graph.graph["community_names"] = community_names(G)
    return selection


def _papers_by_term(G: nx.MultiDiGraph, links: list[tuple[str, str]], tpos: dict[str, int]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for u, e in links:
        if e in tpos:
            out.setdefault(e, []).append(u)
    return out


def _top_titles(G: nx.MultiDiGraph, papers: list[str], k: int, cited: Counter[str],
                years: dict[str, Any]) -> list[str]:
    def key(p: str) -> tuple[Any, ...]:
        year = years.get(p)
        return (-cited[p], -(year if isinstance(year, int) else 0), p)

    out = []
    for p in heapq.nsmallest(k, papers, key=key):
        data = G.nodes[p]
        year = f" ({data['year']})" if data.get("year") else ""
        out.append(f"{data.get('title') or p}{year}")
    return out
