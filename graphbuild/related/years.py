"""The time signal: a candidate published after the query is discounted.

A paper rarely cites a later one, so its fused score is multiplied by
:attr:`~graphbuild.related.config.Weights.later`. Unknown years are never
discounted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .corpus import Corpus
from .query import Query

__all__ = ["TimeSignal"]


@dataclass(frozen=True, eq=False)
class TimeSignal:
    """Reads the corpus's years."""

    corpus: Corpus = field(metadata={"shared": True})

    @classmethod
    def index(cls, corpus: Corpus) -> TimeSignal:
        """Nothing to precompute."""
        return cls(corpus=corpus)

    def score(self, query: Query) -> np.ndarray:
        """1 for a candidate later than the query, else 0 (unknown years count as not later)."""
        if math.isnan(query.year):
            return np.zeros(self.corpus.n_papers, dtype=np.float32)
        return (self.corpus.years > query.year).astype(np.float32)  # NaN compares False

    def apply(self, query: Query, scores: np.ndarray, factor: float) -> np.ndarray:
        """``scores`` with the later candidates multiplied by ``factor``."""
        if factor == 1.0:
            return scores
        return np.where(self.score(query) > 0, scores * factor, scores)

    def reasons(self, query: Query, hit: int) -> list[str]:
        """``published after it`` for a later candidate."""
        return ["published after it"] if self.corpus.years[hit] > query.year else []  # NaN compares False
