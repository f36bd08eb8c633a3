"""The author signal: shared authors, each weighted by ``1 / log(2 + papers by that author)``."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._sparse import csr, empty_scores, gather, join_names, row
from .corpus import Corpus
from .query import Query

__all__ = ["AuthorSignal"]


@dataclass(frozen=True, eq=False)
class AuthorSignal:
    """Papers x authors, each author weighted down by how much they wrote."""

    corpus: Corpus = field(metadata={"shared": True})
    matrix: sp.csr_matrix = field(init=False, repr=False)
    matrix_t: sp.csr_matrix = field(init=False, repr=False)

    def __post_init__(self) -> None:
        aut = self.corpus.authored
        per_author = np.bincount(aut.indices, minlength=aut.shape[1]).astype(np.float32)
        matrix = csr(aut @ sp.diags((1.0 / np.log(2.0 + per_author)).astype(np.float32)))
        object.__setattr__(self, "matrix", matrix)
        object.__setattr__(self, "matrix_t", csr(matrix.T))

    @classmethod
    def index(cls, corpus: Corpus) -> AuthorSignal:
        """Everything is derived from the corpus's authorship matrix."""
        return cls(corpus=corpus)

    def score(self, query: Query) -> np.ndarray:
        """Sum of the weights of the authors each paper shares with the query paper."""
        n = self.corpus.n_papers
        if query.row is None or not self.matrix.shape[1]:
            return empty_scores(n)
        cols, vals = row(self.matrix, query.row)
        return gather(self.matrix_t, cols, vals, n)

    def reasons(self, query: Query, hit: int, limit: int = 3) -> list[str]:
        """``shares author(s): A, B``."""
        if query.row is None:
            return []
        shared = np.intersect1d(row(self.matrix, query.row)[0], row(self.matrix, hit)[0]).tolist()
        if not shared:
            return []
        names = [self.corpus.author_names[a] for a in shared[:limit]]
        return ["shares author" + ("s" if len(shared) > 1 else "") + ": " + join_names(names)]
