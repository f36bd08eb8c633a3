"""The citation signal: direct citation either way, co-citation and bibliographic coupling.

``direct x edge weight + log(1 + co-citations) + log(1 + shared references)``
per corpus paper, from ``CITES`` edges (an inferred edge weighs
:attr:`~graphbuild.related.config.CitationConfig.inferred`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import shortened
from ._sparse import empty_scores, gather, row
from .config import CitationConfig
from .corpus import Corpus
from .query import Query

__all__ = ["CitationSignal"]


@dataclass(frozen=True, eq=False)
class CitationSignal:
    """Reads the corpus's citation matrices; holds only its settings."""

    corpus: Corpus = field(metadata={"shared": True})
    direct: float = CitationConfig().direct
    title_width: int = 60

    @classmethod
    def index(cls, corpus: Corpus, config: CitationConfig = CitationConfig(), title_width: int = 60
              ) -> CitationSignal:
        """Nothing to precompute beyond the corpus's citation matrices."""
        return cls(corpus=corpus, direct=config.direct, title_width=title_width)

    def score(self, query: Query) -> np.ndarray:
        """The citation score of every corpus paper (0 for a free-text query)."""
        c = self.corpus
        n = c.n_papers
        if query.row is None or not c.cites.nnz:
            return empty_scores(n)
        refs, ref_w = row(c.cites, query.row)  # papers the query cites
        citers, citer_w = row(c.cited_by, query.row)  # papers citing the query
        raw = np.zeros(c.cites.shape[0], dtype=np.float32)
        np.add.at(raw, refs, self.direct * ref_w)
        np.add.at(raw, citers, self.direct * citer_w)
        if len(citers):  # co-citation: what the query's citers also cite
            raw += np.log1p(gather(c.cites, citers, np.ones(len(citers), np.float32), len(raw), binary=True))
        if len(refs):  # bibliographic coupling: who else cites the query's references
            raw += np.log1p(gather(c.cited_by, refs, np.ones(len(refs), np.float32), len(raw), binary=True))
        return raw[:n]

    def reasons(self, query: Query, hit: int) -> list[str]:
        """"cited by 'T'", "cites 'T'", "co-cited with 'T' by N papers", "both cite N of the same papers"."""
        c = self.corpus
        if query.row is None or not c.cites.nnz:
            return []
        refs_q, w_q = row(c.cites, query.row)
        citers_q, wc_q = row(c.cited_by, query.row)
        out = []
        title = short_title(c.titles[query.row], self.title_width)
        for ids, w, verb in ((refs_q, w_q, "cited by"), (citers_q, wc_q, "cites")):
            found = np.flatnonzero(ids == hit)
            if len(found):
                out.append(f"{verb} {title}" + (" (inferred from the text)" if w[found[0]] < 1 else ""))
        both = len(np.intersect1d(citers_q, row(c.cited_by, hit)[0]))
        if both:
            out.append(f"co-cited with {title} by {both} paper{'s' if both > 1 else ''}")
        shared = len(np.intersect1d(refs_q, row(c.cites, hit)[0]))
        if shared:
            out.append(f"both cite {shared} of the same paper{'s' if shared > 1 else ''}")
        return out


def short_title(title: str, width: int = 60) -> str:
    """A quoted title, cut to ``width`` characters with an ellipsis."""
    return f"'{shortened(' '.join(title.split()), width)}'"
