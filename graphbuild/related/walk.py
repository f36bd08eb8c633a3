"""The graph-walk signal: personalised PageRank on the paper-entity-author-citation graph.

One symmetric adjacency over ``[corpus papers | external papers | entities |
authors]``: role weights between papers and entities, citations (an
inferred one weighs less), authorship, and variant-to-family links. The walk
restarts at the query paper, or at the entities of a free-text query, and
runs a few power iterations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._sparse import csr, empty_scores, gather, join_names, row
from .config import EntityConfig, WalkConfig
from .corpus import Corpus
from .entities import role_weighted
from .query import Query

__all__ = ["WalkSignal"]


@dataclass(frozen=True, eq=False)
class WalkSignal:
    """The walk's adjacency and the inverse degree of each node."""

    corpus: Corpus = field(metadata={"shared": True})
    adjacency: sp.csr_matrix
    restart: float = WalkConfig().restart
    steps: int = WalkConfig().steps
    dense_share: int = WalkConfig().dense_share
    inv_degree: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        degree = np.asarray(self.adjacency.sum(axis=1)).ravel()
        inv = np.divide(1.0, degree, out=np.zeros_like(degree), where=degree > 0).astype(np.float32)
        object.__setattr__(self, "inv_degree", inv)

    @property
    def entity_offset(self) -> int:
        """Node number of the first entity."""
        return len(self.corpus.paper_ids) + len(self.corpus.external_ids)

    @classmethod
    def index(cls, corpus: Corpus, config: WalkConfig = WalkConfig(),
              entity_config: EntityConfig = EntityConfig()) -> WalkSignal:
        """Assemble the symmetric adjacency."""
        m = len(corpus.paper_ids) + len(corpus.external_ids)
        ne, na = len(corpus.entity_ids), len(corpus.author_names)
        pe = role_weighted(corpus, entity_config).tocoo()
        cites = corpus.cites.tocoo()
        aut = corpus.authored.tocoo()
        fam = np.flatnonzero(corpus.entity_family >= 0)
        rows = [pe.row, cites.row, aut.row, m + fam]
        cols = [m + pe.col, cites.col, m + ne + aut.col, m + corpus.entity_family[fam]]
        vals = [pe.data, cites.data, aut.data, np.full(len(fam), config.family_edge, dtype=np.float32)]
        size = m + ne + na
        upper = sp.csr_matrix((np.concatenate(vals).astype(np.float32),
                               (np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64))),
                              shape=(size, size))
        return cls(corpus=corpus, adjacency=csr(upper + upper.T), restart=config.restart, steps=config.steps,
                   dense_share=config.dense_share)

    def ppr(self, start: np.ndarray) -> np.ndarray:
        """Personalised PageRank by a few power iterations from ``start``.

        While the walk has reached few nodes, a step gathers only their rows of
        the adjacency; once the reached rows hold a ``1/dense_share`` of its
        entries, a step is a plain sparse matrix-vector product.
        """
        total = float(start.sum())
        if total <= 0:
            return np.zeros_like(start)
        A = self.adjacency
        s = (start / total).astype(np.float32)
        r = s.copy()
        dense = False
        degrees = np.diff(A.indptr)
        for _ in range(max(1, int(self.steps))):
            x = r * self.inv_degree
            if not dense:
                support = np.flatnonzero(x)
                dense = int(degrees[support].sum()) * self.dense_share > A.nnz
            spread = A @ x if dense else gather(A, support, x[support], A.shape[0])
            r = self.restart * s + (1.0 - self.restart) * spread
        return r

    def start_vector(self, query: Query) -> np.ndarray:
        """Where the walk restarts: the query paper, or the query's entities by weight."""
        start = np.zeros(self.adjacency.shape[0], dtype=np.float32)
        if query.row is not None:
            start[query.row] = 1.0
        for col, weight in query.entity_weights.items():
            start[self.entity_offset + col] = weight
        return start

    def score(self, query: Query) -> np.ndarray:
        """The walk's mass on each corpus paper."""
        n = self.corpus.n_papers
        start = self.start_vector(query)
        if not start.any():
            return empty_scores(n)
        return self.ppr(start)[:n].copy()

    def node_name(self, v: int) -> str:
        """A node's title or name."""
        c = self.corpus
        bounds = np.cumsum([len(c.paper_ids), len(c.external_ids), len(c.entity_ids)])
        if v < bounds[0]:
            return c.titles[v]
        if v < bounds[1]:
            return c.external_titles[v - bounds[0]]
        if v < bounds[2]:
            return c.entity_names[v - bounds[1]]
        return c.author_names[v - bounds[2]]

    def reasons(self, query: Query, hit: int, limit: int = 3) -> list[str]:
        """``close in the graph (shared neighbours: ...)``."""
        if query.row is not None:
            mine = set(row(self.adjacency, query.row)[0].tolist())
        else:
            mine = set(np.flatnonzero(self.start_vector(query)).tolist())
        common = sorted(mine & set(row(self.adjacency, hit)[0].tolist()), key=self.node_name)
        if not common:
            return ["close in the graph (linked through papers that share its entities)"]
        names = [self.node_name(v) for v in common[:limit]]
        if len(common) > limit:
            names.append(f"{len(common) - limit} more")
        return [f"close in the graph (shared neighbours: {join_names(names)})"]
