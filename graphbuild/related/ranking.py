"""Ranking papers for a paper, a title, free text or an entity; evaluation against gold citations."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import arguments
from ..errors import RelatedLookupError
from ..lookup import Match
from ..records import paper_key
from ._sparse import top
from .config import Weights, fitted_weights
from .entity_report import entity_papers
from .fusion import fuse, part_scores
from .index import RelatedIndex
from .query import Query

__all__ = ["RelatedResult", "related_papers", "rank_all", "evaluate_related", "query_for", "ranked"]


@dataclass(frozen=True, slots=True)
class RelatedResult:
    """One ranked paper with the parts of its score and the reasons in words."""

    paper_id: str
    title: str
    year: int | None
    score: float
    parts: dict[str, float]
    reasons: list[str]


def _weights(index: RelatedIndex, weights: Weights | None) -> Weights:
    return weights if weights is not None else fitted_weights(dense=index.dense is not None)


def query_for(index: RelatedIndex, *, paper_id: str | None = None, title: str | None = None,
              text: str | None = None, extract: Callable[[str], Any] | None = None,
              on_match: Callable[[Match], None] | None = None) -> Query:
    """The resolved query of a paper id, a title or a free text."""
    if text:
        return index.text_query(text, extract)
    row, match = index.find_paper(paper_id or title or "", fuzzy=not paper_id or bool(title))
    if on_match is not None:
        on_match(match)
    return index.paper_query(row)


def ranked(index: RelatedIndex, q: Query, weights: Weights) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The fused score of every corpus paper and the scaled parts it is made of."""
    parts = part_scores(index, q, [p for p in weights.active() if p != "dense" or index.dense is not None])
    return fuse(index, q, parts, weights), parts


def related_papers(
    index: RelatedIndex,
    *,
    paper_id: str | None = None,
    title: str | None = None,
    text: str | None = None,
    entity: str | None = None,
    k: int = 10,
    weights: Weights | None = None,
    extract: Callable[[str], Any] | None = None,
    on_match: Callable[[Match], None] | None = None,
) -> list[RelatedResult]:
    """Rank corpus papers related to one paper, a title, free text or an entity.

    Give exactly one of ``paper_id``, ``title``, ``text`` or ``entity``.

    Parameters
    ----------
    index : from :meth:`RelatedIndex.from_graph` or ``Workspace.related_index()``.
    paper_id : a corpus paper id (any form :func:`~graphbuild.records.paper_key` accepts).
    title : a paper title, matched exactly, else fuzzily (raises with "did you mean").
    text : free text (a draft abstract); its entities count too, found by the
        workspace's own NLP pipeline (or ``extract``).
    entity : an entity id, name or alias: ranks the papers that propose it, then
        those that evaluate on, compare with or use it (its variants count too).
    k : how many results.
    weights : the fusion weights; default :func:`~graphbuild.related.config.fitted_weights`.
    extract : text -> :class:`~graphbuild.records.Extraction`, for free text.
    on_match : called with the :class:`~graphbuild.lookup.Match` a paper id,
        title or entity resolved to (to tell the user about a fuzzy match).

    Returns
    -------
    Up to ``k`` results, best first, each with at least one reason. Papers with
    no signal at all are left out.
    """
    for name, value in (("paper_id", paper_id), ("title", title), ("text", text), ("entity", entity)):
        arguments.text(value, name, optional=True)
    k = arguments.whole(k, "k", minimum=0)
    given = [name for name, v in (("paper_id", paper_id), ("title", title), ("text", text),
                                  ("entity", entity)) if v]
    if len(given) != 1:
        raise RelatedLookupError(
            "give exactly one of paper_id, title, text or entity" + (f" (got {', '.join(given)})" if given else ""))
    if k <= 0:
        return []
    if entity:
        col, match = index.find_entity(entity)
        if on_match is not None:
            on_match(match)
        return [RelatedResult(index.paper_ids[r], index.titles[r], _int_year(index.corpus.years[r]), score,
                              parts, reasons) for r, score, parts, reasons in entity_papers(index, col, k)]
    w = _weights(index, weights)
    q = query_for(index, paper_id=paper_id, title=title, text=text, extract=extract, on_match=on_match)
    scores, parts = ranked(index, q, w)
    return [result_for(index, q, j, scores, parts, w) for j in top(scores, k)]


def result_for(index: RelatedIndex, q: Query, j: int, scores: np.ndarray, parts: dict[str, np.ndarray],
               weights: Weights) -> RelatedResult:
    """One result row with its parts and reasons."""
    p = {name: round(float(values[j]), 4) for name, values in parts.items()}
    return RelatedResult(paper_id=index.paper_ids[j], title=index.titles[j], year=_int_year(index.corpus.years[j]),
                         score=round(float(scores[j]), 4), parts=p, reasons=reasons_for(index, q, j, p, weights))


def reasons_for(index: RelatedIndex, q: Query, j: int, parts: dict[str, float], weights: Weights) -> list[str]:
    """Why ``j`` is related to the query, strongest evidence first."""
    cfg = index.config.reasons
    reasons = [*index.citations.reasons(q, j), *index.authors.reasons(q, j, cfg.limit),
               *index.entities.reasons(q, j, cfg.limit), *index.text.reasons(q, j, cfg.limit)]
    if parts.get("topic", 0.0) >= cfg.topic_part or not reasons:
        reasons += index.topics.reasons(q, j, index.text.terms, index.text.paper_terms(j)[0], cfg.limit)
    if index.dense is not None and parts.get("dense", 0.0) >= cfg.topic_part:
        reasons += index.dense.reasons(q, j)
    if not reasons or parts.get("graph", 0.0) >= cfg.graph_part:
        reasons += index.walk.reasons(q, j, cfg.limit)
    if weights.later != 1.0:
        reasons += index.time.reasons(q, j)
    return reasons


def rank_all(index: RelatedIndex, paper_id: str, weights: Weights | None = None) -> list[str]:
    """Every other corpus paper, best first, for a paper query (ties by id)."""
    row, _ = index.find_paper(paper_id, fuzzy=False)
    scores, _ = ranked(index, index.paper_query(row), _weights(index, weights))
    order = np.lexsort((np.arange(index.n_papers), -scores))
    return [index.paper_ids[i] for i in order if i != row]


def evaluate_related(
    index: RelatedIndex,
    gold: Mapping[str, Iterable[str]],
    k: int = 20,
    *,
    weights: Weights | None = None,
) -> dict[str, Any]:
    """Recall@k, precision@10 and MAP of paper queries against gold citations.

    Parameters
    ----------
    index : from :meth:`RelatedIndex.from_graph`.
    gold : query paper id -> ids of the papers it cites (any id form; matched
        through :func:`~graphbuild.records.paper_key`). A gold paper missing from
        the corpus still counts as relevant (it can never be retrieved).
    k : the recall cut-off.
    weights : the fusion weights (default: the fitted ones).

    Returns
    -------
    ``{"queries", "recall@<k>", "precision@10", "map", "skipped", "per_query"}``;
    ``per_query`` maps each query id to its own three figures. Average
    precision is over the full ranking of every other corpus paper, divided by
    the number of relevant papers.
    """
    per_query: dict[str, dict[str, float]] = {}
    skipped: list[str] = []
    for qid, cited in gold.items():
        key = paper_key(qid)
        relevant = {paper_key(c) for c in cited} - {key}
        if key not in index.paper_pos or not relevant:
            skipped.append(qid)
            continue
        per_query[qid] = ranking_figures(rank_all(index, key, weights), relevant, k)
    count = len(per_query)

    def mean(name: str) -> float:
        return round(sum(v[name] for v in per_query.values()) / count, 4) if count else 0.0

    return {"queries": count, f"recall@{k}": mean(f"recall@{k}"), "precision@10": mean("precision@10"),
            "map": mean("ap"), "skipped": skipped, "per_query": per_query}


def ranking_figures(ranking: list[str], relevant: set[str], k: int = 20) -> dict[str, float]:
    """Recall@k, precision@10 and average precision of one ranking."""
    hits = 0
    precision_sum = 0.0
    for rank, pid in enumerate(ranking, start=1):
        if pid in relevant:
            hits += 1
            precision_sum += hits / rank
    return {f"recall@{k}": sum(p in relevant for p in ranking[:k]) / len(relevant),
            "precision@10": sum(p in relevant for p in ranking[:10]) / 10,
            "ap": precision_sum / len(relevant)}


def _int_year(value: float) -> int | None:
    return None if math.isnan(value) else int(value)
