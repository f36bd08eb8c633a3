"""Citation analytics over the graph: most cited, PageRank, co-citation, ancestry.

Each function reads the networkx graph (networkx is the model) and returns
plain rows; PageRank runs on a scipy sparse matrix built once per call, which
is what makes it fast at 100,000 papers.

>>> from tests.graph_fixture import small_graph  # doctest: +SKIP
>>> most_cited(small_graph())[0]["id"]  # doctest: +SKIP
'P1'
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["citation_edges_of", "most_cited", "citation_pagerank", "co_citations", "ancestry"]


def citation_edges_of(G: nx.MultiDiGraph, *, inferred: bool = True) -> list[tuple[str, str]]:
    """``(citing, cited)`` pairs; inferred citations only when ``inferred``."""
    return [(u, v) for u, v, k, d in G.edges(keys=True, data=True)
            if k == "CITES" and (inferred or not d.get("inferred"))]


def _paper_row(G: nx.MultiDiGraph, node: str, **extra: Any) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "title": data.get("title"), "year": data.get("year"),
            "external": bool(data.get("external")), **extra}


def most_cited(G: nx.MultiDiGraph, k: int = 20, *, inferred: bool = False,
               external: bool = True) -> list[dict[str, Any]]:
    """Papers ranked by citations from corpus papers (explicit only unless ``inferred``)."""
    counts = Counter(v for _, v in citation_edges_of(G, inferred=inferred))
    rows = [(n, c) for n, c in counts.items() if external or not G.nodes[n].get("external")]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [_paper_row(G, n, citations=c) for n, c in rows[:k]]


def citation_pagerank(G: nx.MultiDiGraph, k: int = 20, *, damping: float = 0.85, inferred: bool = True,
                      tol: float = 1e-10, max_iter: int = 200) -> list[dict[str, Any]]:
    """PageRank over the citation graph (papers only), by power iteration on a CSR matrix.

    Dangling papers (citing nothing in the graph) spread their rank uniformly,
    as in :func:`networkx.pagerank`, whose results this matches. No rows when
    nothing cites anything (as :func:`most_cited` gives none): every paper would
    rank alike, ``1/n``, which reads as a finding.
    """
    papers = [n for n, d in G.nodes(data=True) if d.get("label") == "Paper"]
    pos = {n: i for i, n in enumerate(papers)}
    edges = [(pos[u], pos[v]) for u, v in set(citation_edges_of(G, inferred=inferred))]
    if not edges:
        return []
    n = len(papers)
    rows = np.array([e[0] for e in edges], dtype=np.int64)
    cols = np.array([e[1] for e in edges], dtype=np.int64)
    out_degree = np.bincount(rows, minlength=n).astype(float)
    weights = 1.0 / out_degree[rows] if len(rows) else np.array([])
    # M[j, i] = 1/outdeg(i) for an edge i -> j
    M = sp.csr_matrix((weights, (cols, rows)), shape=(n, n))
    dangling = out_degree == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = damping * (M @ rank + rank[dangling].sum() / n) + (1 - damping) / n
        if np.abs(new - rank).sum() < tol * n:
            rank = new
            break
        rank = new
    order = sorted(range(n), key=lambda i: (-rank[i], papers[i]))[:k]
    return [_paper_row(G, papers[i], pagerank=float(rank[i])) for i in order]


def co_citations(G: nx.MultiDiGraph, k: int = 20, *, paper: str | None = None,
                 inferred: bool = False) -> list[dict[str, Any]]:
    """Pairs of papers cited together by the same papers, most often first."""
    cites: dict[str, set[str]] = {}
    for u, v in citation_edges_of(G, inferred=inferred):
        cites.setdefault(u, set()).add(v)
    pairs: Counter[tuple[str, str]] = Counter()
    for cited in cites.values():
        for a, b in combinations(sorted(cited), 2):
            if paper is None or paper in (a, b):
                pairs[(a, b)] += 1
    ranked = sorted(pairs.items(), key=lambda r: (-r[1], r[0]))[:k]
    return [{"a": a, "a_title": G.nodes[a].get("title"), "b": b, "b_title": G.nodes[b].get("title"),
             "cited_together": c} for (a, b), c in ranked]


def ancestry(G: nx.MultiDiGraph, paper: str, depth: int = 2, *, inferred: bool = True) -> list[dict[str, Any]]:
    """Papers reachable from ``paper`` by following citations up to ``depth`` steps, nearest first."""
    cites = nx.DiGraph(citation_edges_of(G, inferred=inferred))
    cites.add_node(paper)
    seen = nx.single_source_shortest_path_length(cites, paper, cutoff=depth)  # BFS with a cutoff
    rows = sorted((d, n) for n, d in seen.items() if n != paper)
    return [_paper_row(G, n, depth=d) for d, n in rows]
