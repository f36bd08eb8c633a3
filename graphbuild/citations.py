"""Citation edges: explicit ones from metadata, inferred ones from the text.

A paper that uses or compares with an entity that an earlier corpus paper
proposes is taken to cite that paper: ``CITES {inferred: true, via: <entity id>}``.
"Earlier" means an earlier year, or the same year and an earlier date when
both dates are known. Entities proposed by more than ``max_proposers``
papers say little about ancestry and are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from .records import Citation, Link, Paper

__all__ = ["infer_citations", "citation_edges", "earlier", "Dated"]


class Dated(Protocol):
    """Anything placed in time as a paper is: a year and, when known, an ISO date."""

    @property
    def year(self) -> int | None:
        """The year of publication, when known."""

    @property
    def date(self) -> str | None:
        """The date of publication (YYYY-MM-DD or YYYY-MM), when known."""


def earlier(a: Dated, b: Dated) -> bool:
    """Was ``a`` published before ``b``? (Also the rule of :mod:`graphbuild.proposers`.)"""
    if a.year is None or b.year is None:
        return False
    if a.year != b.year:
        return a.year < b.year
    return bool(a.date and b.date and a.date < b.date)


def infer_citations(papers: Iterable[Paper], links: Iterable[Link], *, max_proposers: int = 3) -> list[Citation]:
    """An inferred :class:`~graphbuild.records.Citation` for every use of an earlier paper's proposal.

    Parameters
    ----------
    papers : the corpus papers (their years and dates decide what is earlier).
    links : paper -> entity links from :func:`graphbuild.resolve.resolve_entities`.
    max_proposers : entities proposed by more papers than this are skipped.

    Returns
    -------
    list of Citation
        Sorted by (citing, cited); one per pair, ``via`` the first entity found.
    """
    by_id = {p.id: p for p in papers}
    proposers: dict[str, list[str]] = defaultdict(list)
    users: list[tuple[str, str]] = []
    for link in links:
        if link.role == "proposes":
            proposers[link.entity_id].append(link.paper_id)
        elif link.role in ("uses", "compares_with", "evaluates_on"):
            users.append((link.paper_id, link.entity_id))
    out: dict[tuple[str, str], Citation] = {}
    for pid, eid in users:
        origin = proposers.get(eid, [])
        if not origin or len(origin) > max_proposers or pid not in by_id:
            continue
        for qid in origin:
            if qid != pid and qid in by_id and earlier(by_id[qid], by_id[pid]):
                out.setdefault((pid, qid), Citation(pid, qid, inferred=True, via=eid))
    return [out[pair] for pair in sorted(out)]


def citation_edges(explicit: Iterable[tuple[str, str]], inferred: Iterable[Citation]) -> list[Citation]:
    """All CITES edges; an explicit citation wins over an inferred one for the same pair.

    Parameters
    ----------
    explicit : ``(citing, cited)`` id pairs from the papers' reference lists.
    inferred : citations from :func:`infer_citations`.
    """
    edges: dict[tuple[str, str], Citation] = {}
    for a, b in explicit:
        edges[(a, b)] = Citation(a, b)
    for c in inferred:
        edges.setdefault((c.citing, c.cited), c)
    return [edges[pair] for pair in sorted(edges)]
