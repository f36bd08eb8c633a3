"""Citation edges: explicit ones from metadata, inferred ones from the text.

A paper that uses or compares with an entity that an earlier corpus paper
proposes is taken to cite that paper: ``CITES {inferred: true, via: <entity id>}``.
"Earlier" means an earlier year, or the same year and an earlier date when
both dates are known. Entities proposed by more than ``max_proposers``
papers say little about ancestry and are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from .records import Paper

__all__ = ["infer_citations", "citation_edges"]


def _earlier(a: Paper, b: Paper) -> bool:
    """Was ``a`` published before ``b``?"""
    if a.year is None or b.year is None:
        return False
    if a.year != b.year:
        return a.year < b.year
    return bool(a.date and b.date and a.date < b.date)


def infer_citations(
    papers: Iterable[Paper],
    links: Iterable[tuple[str, str, str, dict[str, Any]]],
    *,
    max_proposers: int = 3,
) -> list[tuple[str, str, dict[str, Any]]]:
    """``(citing, cited, {"inferred": True, "via": entity_id})`` for every use of an earlier proposal."""
    by_id = {p.id: p for p in papers}
    proposers: dict[str, list[str]] = defaultdict(list)
    users: list[tuple[str, str]] = []
    for pid, eid, role, _ in links:
        if role == "proposes":
            proposers[eid].append(pid)
        elif role in ("uses", "compares_with", "evaluates_on"):
            users.append((pid, eid))
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for pid, eid in users:
        origin = proposers.get(eid, [])
        if not origin or len(origin) > max_proposers or pid not in by_id:
            continue
        for qid in origin:
            if qid != pid and qid in by_id and _earlier(by_id[qid], by_id[pid]):
                out.setdefault((pid, qid), {"inferred": True, "via": eid})
    return [(a, b, props) for (a, b), props in sorted(out.items())]


def citation_edges(
    explicit: Iterable[tuple[str, str]],
    inferred: Iterable[tuple[str, str, dict[str, Any]]],
) -> list[tuple[str, str, dict[str, Any]]]:
    """All CITES edges; an explicit citation wins over an inferred one for the same pair."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for a, b in explicit:
        edges[(a, b)] = {"inferred": False, "via": None}
    for a, b, props in inferred:
        edges.setdefault((a, b), props)
    return [(a, b, props) for (a, b), props in sorted(edges.items())]
