"""Entity queries: the papers of an entity, and the entities it co-occurs with (NPMI)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ._sparse import gather, row
from .config import ROLE_WEIGHTS, ROLES

if TYPE_CHECKING:
    from .index import RelatedIndex

__all__ = ["RelatedEntity", "EntityReport", "entity_papers", "entity_report"]

_PHRASE = {"proposes": "proposes", "evaluates_on": "evaluates on", "compares_with": "compares with",
           "uses": "uses"}


@dataclass(frozen=True, slots=True)
class RelatedEntity:
    """An entity that co-occurs with another in papers.

    ``together`` is the number of papers mentioning both, ``count`` the number
    mentioning this one, ``npmi`` the normalised pointwise mutual information.
    """

    entity_id: str
    name: str
    type: str
    npmi: float
    together: int
    count: int


@dataclass(frozen=True, slots=True)
class EntityReport:
    """Who proposes an entity, who uses it, and what it goes with."""

    entity_id: str
    name: str
    type: str
    proposed_by: list[tuple[str, str]]  # (paper id, title)
    used_by: list[tuple[str, str, str]]  # (paper id, title, role)
    related: list[RelatedEntity]
    min_count: int  # the co-occurrence threshold actually applied (2, or 1 when nothing reached 2)


def entity_papers(index: RelatedIndex, col: int, k: int) -> list[tuple[int, float, dict[str, float], list[str]]]:
    """``(row, score, parts, reasons)`` of the papers that propose, evaluate on, compare with or use
    an entity or its variants: role first, graph closeness to the entity breaks ties.
    """
    c, cfg = index.corpus, index.config.entities
    variants = [col] + [int(v) for v in np.flatnonzero(c.entity_family == col)]
    best: dict[int, tuple[float, str, int]] = {}
    for v in variants:
        factor = 1.0 if v == col else cfg.variant_factor
        for r, rank in zip(*row(c.roles_t, v)):
            role = ROLES[int(rank) - 1]
            score = ROLE_WEIGHTS[role.upper()] * factor + (cfg.proposer_bonus if role == "proposes" and v == col
                                                           else 0.0)
            if int(r) not in best or score > best[int(r)][0]:
                best[int(r)] = (score, role, v)
    if not best:
        return []
    start = np.zeros(index.walk.adjacency.shape[0], dtype=np.float32)
    start[index.walk.entity_offset + col] = 1.0
    closeness = index.walk.ppr(start)[: c.n_papers]
    peak = float(closeness.max()) or 1.0
    out = []
    for r in sorted(best, key=lambda r: (-best[r][0], -closeness[r], r))[:k]:
        score, role, v = best[r]
        reason = f"{_PHRASE[role]} {c.entity_names[v]}"
        if v != col:
            reason += f", a variant of {c.entity_names[col]}"
        parts = {"entities": round(score, 4), "graph": round(float(closeness[r]) / peak, 4)}
        out.append((r, round(score + cfg.closeness_weight * parts["graph"], 4), parts, [reason]))
    return out


def entity_report(index: RelatedIndex, col: int, k: int = 10, *, min_count: int = 2) -> EntityReport:
    """The papers that propose and use an entity, and the entities it co-occurs with.

    Co-occurrence strength is NPMI over corpus papers; pairs seen in fewer than
    ``min_count`` papers are left out unless no pair reaches it (then 1 is used,
    and :attr:`EntityReport.min_count` says so).
    """
    c = index.corpus
    papers, ranks = row(c.roles_t, col)
    proposed, used = [], []
    for r, rank in sorted(zip(papers, ranks), key=lambda x: (x[1], c.paper_ids[x[0]])):
        role = ROLES[int(rank) - 1]
        item = (c.paper_ids[r], c.titles[r])
        if role == "proposes":
            proposed.append(item)
        else:
            used.append((*item, role))
    n = max(c.n_papers, 1)
    together = gather(c.roles, papers, np.ones(len(papers), np.float32), len(c.entity_ids),
                      binary=True).astype(np.float64)
    counts = np.diff(c.roles_t.indptr).astype(np.float64)
    together[col] = 0
    floor = min_count if (together >= min_count).any() else 1
    related = []
    for other in np.flatnonzero(together >= floor):
        n_ab, n_b = together[other], counts[other]
        p_ab = n_ab / n
        npmi = 1.0 if p_ab >= 1.0 else math.log(p_ab / ((counts[col] / n) * (n_b / n))) / -math.log(p_ab)
        related.append(RelatedEntity(entity_id=c.entity_ids[other], name=c.entity_names[other],
                                     type=c.entity_types[other], npmi=round(npmi, 4),
                                     together=int(n_ab), count=int(n_b)))
    related.sort(key=lambda r: (-r.npmi, -r.together, r.name))
    return EntityReport(entity_id=c.entity_ids[col], name=c.entity_names[col], type=c.entity_types[col],
                        proposed_by=proposed, used_by=used, related=related[:k], min_count=floor)
