"""Fusing the signals: a weighted sum of per-query scaled parts, and reciprocal-rank fusion.

Each part is scaled to ``[0, 1]`` per query (divided by its largest value
over the candidates, the query itself excluded) and weighted by
:class:`~graphbuild.related.config.Weights`; a candidate later than the
query is then multiplied by ``Weights.later``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from ._sparse import scale
from .config import Weights
from .query import Query

if TYPE_CHECKING:
    from .index import RelatedIndex

__all__ = ["SCORERS", "part_scores", "fuse", "reciprocal_rank"]


def _dense(index: RelatedIndex, q: Query) -> np.ndarray:
    if index.dense is None:
        return np.zeros(index.n_papers, dtype=np.float32)
    return index.dense.score(q)


#: part name -> how the index scores it
SCORERS: dict[str, Callable[[RelatedIndex, Query], np.ndarray]] = {
    "lexical": lambda index, q: index.text.score(q),
    "bm25": lambda index, q: index.text.score_bm25(q),
    "topic": lambda index, q: index.topics.score(q),
    "entities": lambda index, q: index.entities.score(q),
    "graph": lambda index, q: index.walk.score(q),
    "citation": lambda index, q: index.citations.score(q),
    "authors": lambda index, q: index.authors.score(q),
    "dense": _dense,
}


def part_scores(index: RelatedIndex, q: Query, names: list[str]) -> dict[str, np.ndarray]:
    """Each named part, scaled to [0, 1] over the candidates."""
    return {name: scale(SCORERS[name](index, q), q.row) for name in names}


def fuse(index: RelatedIndex, q: Query, parts: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    """The weighted sum of the parts, later candidates discounted, the query itself at -inf."""
    total = np.zeros(index.n_papers, dtype=np.float32)
    for name, values in parts.items():
        total += np.float32(weights.part(name)) * values
    total = index.time.apply(q, total, weights.later)
    if q.row is not None:
        total[q.row] = -np.inf
    return total


def reciprocal_rank(rankings: list[list[int]], k: float = 60.0) -> dict[int, tuple[float, int]]:
    """Reciprocal-rank fusion: item -> (sum of ``1 / (k + rank)``, the ranking it is best in).

    Cormack, Clarke and Buettcher, "Reciprocal rank fusion outperforms
    Condorcet and individual rank learning methods", SIGIR 2009.
    """
    fused: dict[int, tuple[float, int]] = {}
    best_rank: dict[int, int] = {}
    for which, ranking in enumerate(rankings):
        for rank, item in enumerate(ranking, start=1):
            score, origin = fused.get(item, (0.0, which))
            if rank < best_rank.get(item, 1 << 30):
                best_rank[item] = rank
                origin = which
            fused[item] = (score + 1.0 / (k + rank), origin)
    return fused
