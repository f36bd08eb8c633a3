"""The topic signal: cosine in a latent semantic (LSA) space of the papers' terms.

The terms are weighted log-entropy by default (``1 + log tf`` times the
term's entropy weight, :func:`~graphbuild.related.text.entropy_weights`,
rows of unit length): on the dev citation set its space ranks better than
one over the TF-IDF matrix (MAP alone 0.662 against 0.640; see
BENCHMARKS.md). :attr:`~graphbuild.related.config.TopicConfig.weighting`
``"tf-idf"`` keeps the TF-IDF rows. The cosine is averaged over a few truncations of the space (a third, half,
two thirds and all of its dimensions), so that no single choice of
dimension decides. It matches papers on the same subject that word it
differently. The space is over terms found in two papers or more (at most
:attr:`~graphbuild.related.config.TopicConfig.max_terms`, the most widespread).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._sparse import empty_scores, l2_rows
from .config import TopicConfig
from .query import Query

__all__ = ["TopicSignal"]


@dataclass(frozen=True, eq=False)
class TopicSignal:
    """Paper coordinates in the LSA space, the components, and each topic's strongest terms."""

    coords: np.ndarray  # papers x dims, float32
    cuts: np.ndarray  # int: the prefix widths the cosine is averaged over
    components: np.ndarray  # dims x kept terms
    columns: np.ndarray  # int: the text-signal columns the space is over
    top_terms: np.ndarray  # dims x 2 x width: text columns of the strongest +/- terms (-1 pads)
    reweight: np.ndarray  # float32 per kept term: turns a query's TF-IDF weight into the space's weighting
    norms: np.ndarray = field(init=False, repr=False)  # prefixes x papers
    blocks: list[np.ndarray] = field(init=False, repr=False)  # contiguous column blocks between the cuts

    def __post_init__(self) -> None:
        norms = np.zeros((len(self.cuts), self.coords.shape[0]), dtype=np.float32)
        blocks, start = [], 0
        for p, cut in enumerate(self.cuts):
            norms[p] = np.linalg.norm(self.coords[:, :int(cut)], axis=1)
            blocks.append(np.ascontiguousarray(self.coords[:, start:int(cut)]))
            start = int(cut)
        object.__setattr__(self, "norms", norms)
        object.__setattr__(self, "blocks", blocks)

    @property
    def empty(self) -> bool:
        """True when the corpus was too small for a topic space."""
        return not len(self.cuts)

    @classmethod
    def index(cls, tfidf: sp.csr_matrix, config: TopicConfig = TopicConfig(), *,
              idf: np.ndarray | None = None, entropy: np.ndarray | None = None) -> TopicSignal:
        """Fit the LSA space on ``tfidf`` (papers x terms, rows of unit length).

        With ``idf`` and ``entropy`` (per term, from the text signal) and
        ``config.weighting == "log-entropy"``, each term's IDF is swapped for
        its entropy weight and the rows are scaled to unit length again;
        otherwise the space is over ``tfidf`` itself.
        """
        n = tfidf.shape[0]
        df = np.bincount(tfidf.indices, minlength=tfidf.shape[1])
        columns = np.flatnonzero(df >= 2)
        if len(columns) > config.max_terms:  # rarer terms add cost, not topics
            columns = np.sort(columns[np.argsort(-df[columns], kind="stable")[: config.max_terms]])
        dims = min(config.topics, n // config.papers_per_dim, len(columns) - 1)
        if dims < config.min_dims:
            return cls(coords=np.zeros((n, 0), np.float32), cuts=np.zeros(0, np.int32),
                       components=np.zeros((0, 0), np.float32), columns=np.zeros(0, np.int32),
                       top_terms=np.zeros((0, 2, 0), np.int32), reweight=np.zeros(0, np.float32))
        from sklearn.decomposition import TruncatedSVD

        if config.weighting not in ("log-entropy", "tf-idf"):
            raise ValueError(f"TopicConfig.weighting: {config.weighting!r} is neither 'log-entropy' nor 'tf-idf'")
        reweight = np.ones(len(columns), dtype=np.float32)
        matrix = tfidf[:, columns]
        if config.weighting == "log-entropy" and idf is not None and entropy is not None:
            reweight = (entropy[columns] / idf[columns]).astype(np.float32)
            matrix = l2_rows(matrix @ sp.diags(reweight))
        svd = TruncatedSVD(dims, algorithm="randomized", n_iter=config.n_iter, random_state=config.seed)
        coords = np.ascontiguousarray(svd.fit_transform(matrix), dtype=np.float32)
        cuts = sorted({max(1, dims // 3), max(1, dims // 2), max(1, (2 * dims) // 3), dims})
        components = svd.components_.astype(np.float32)
        return cls(coords=coords, cuts=np.array(cuts, dtype=np.int32), components=components,
                   columns=columns.astype(np.int32), top_terms=_top_terms(components, columns, config.top_terms),
                   reweight=reweight)

    def query_coords(self, query: Query) -> np.ndarray | None:
        """The query's position in the space (None when it has none)."""
        if self.empty:
            return None
        if query.row is not None:
            return self.coords[query.row]
        if not len(query.terms):
            return None
        pos = np.minimum(np.searchsorted(self.columns, query.terms), len(self.columns) - 1)
        keep = self.columns[pos] == query.terms
        return (self.components[:, pos[keep]] @ (query.weights[keep] * self.reweight[pos[keep]])).astype(np.float32)

    def score(self, query: Query) -> np.ndarray:
        """Mean over the prefixes of the space of the (non-negative) cosine."""
        n = self.coords.shape[0]
        z = self.query_coords(query)
        if z is None:
            return empty_scores(n)
        total = empty_scores(n)
        dots = empty_scores(n)
        start = 0
        for p, cut in enumerate(self.cuts):
            # einsum runs in this thread; a threaded BLAS matvec this small stalls on a busy machine.
            # A contiguous block reads its memory in order (a column slice of coords would not).
            dots += np.einsum("ij,j->i", self.blocks[p], z[start:cut])
            start = int(cut)
            qnorm = float(np.linalg.norm(z[:start]))
            if qnorm > 0:
                denom = self.norms[p] * qnorm
                total += np.divide(dots, denom, out=np.zeros_like(dots), where=denom > 0).clip(0.0)
        return total / len(self.cuts)

    def reasons(self, query: Query, hit: int, terms: list[str], own: np.ndarray, limit: int = 3) -> list[str]:
        """``same topic ('a', 'b')``: the strongest terms of the topic both share most, used by ``hit``.

        ``terms`` is the text vocabulary and ``own`` the text columns of ``hit``.
        """
        z = self.query_coords(query)
        if z is None:
            return []
        product = z * self.coords[hit]
        product[0] = 0.0  # the first dimension is the corpus-wide average: it says nothing
        c = int(np.argmax(product))
        if product[c] <= 0:
            return []
        mine = set(own.tolist())
        picked: list[str] = []
        for column in self.top_terms[c, 0 if z[c] > 0 else 1]:
            if column < 0:
                break
            term = terms[int(column)]
            if int(column) not in mine or any(term in p.split() or p in term.split() for p in picked):
                continue
            picked.append(term)
            if len(picked) == limit:
                break
        return ["same topic (" + ", ".join(f"'{t}'" for t in picked) + ")"] if picked else []


def _top_terms(components: np.ndarray, columns: np.ndarray, width: int) -> np.ndarray:
    """Text columns of each topic's ``width`` strongest positive and negative terms (-1 pads)."""
    out = np.full((components.shape[0], 2, width), -1, dtype=np.int32)
    w = min(width, components.shape[1])
    for sign, part in ((1.0, 0), (-1.0, 1)):
        signed = sign * components
        best = np.argpartition(-signed, w - 1, axis=1)[:, :w]
        for c in range(components.shape[0]):
            chosen = best[c][np.argsort(-signed[c, best[c]])]
            chosen = chosen[signed[c, chosen] > 0]
            out[c, part, : len(chosen)] = columns[chosen]
    return out
