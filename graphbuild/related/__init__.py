"""Related work: rank papers and entities for a paper, a title, free text or an entity.

The ranking fuses a few signals, one module each, every one with
``index(...)``, ``score(query)`` and ``reasons(query, hit)``:

:mod:`~graphbuild.related.text`
    TF-IDF cosine and BM25 over title + abstract (pruned vocabulary).
:mod:`~graphbuild.related.topics`
    Cosine in a latent semantic (LSA) space of log-entropy weighted terms, averaged over a few truncations.
:mod:`~graphbuild.related.entities`
    Shared entities weighted by rarity and role.
:mod:`~graphbuild.related.walk`
    Personalised PageRank on the paper-entity-author-citation graph.
:mod:`~graphbuild.related.citations`
    Direct citation, co-citation and bibliographic coupling.
:mod:`~graphbuild.related.authors`
    Shared authors, weighted down for prolific ones.
:mod:`~graphbuild.related.years`
    The time signal: later candidates are discounted.
:mod:`~graphbuild.related.dense`
    Optional (``graphbuild[dense]``): sentence-embedding cosine.

Each part is scaled to [0, 1] per query and summed with the weights of
:class:`Weights`; the default weights are fitted on the dev queries with
cross-validation by query (:func:`fitted_weights`, ``benchmarks/fit_related.py``).
The index is stored as arrays + JSON (:meth:`RelatedIndex.save`), never pickled.

>>> from graphbuild.related import RelatedIndex, related_papers
>>> index = RelatedIndex.from_graph(G)                            # doctest: +SKIP
>>> [r.paper_id for r in related_papers(index, paper_id="P2")]    # doctest: +SKIP
"""

from __future__ import annotations

from .. import arguments
from ..errors import RelatedLookupError
from .config import (
    PARTS,
    ROLE_WEIGHTS,
    TFIDF_ONLY,
    RelatedConfig,
    TextConfig,
    TopicConfig,
    Weights,
    fitted_weights,
)
from .entity_report import EntityReport, RelatedEntity, entity_report
from .index import RelatedIndex
from .passages import PassageResult, related_to_draft, split_passages
from .ranking import RelatedResult, evaluate_related, rank_all, related_papers

__all__ = [
    "Weights",
    "RelatedConfig",
    "TextConfig",
    "TopicConfig",
    "RelatedIndex",
    "RelatedResult",
    "RelatedEntity",
    "EntityReport",
    "RelatedLookupError",
    "PassageResult",
    "related_papers",
    "related_entities",
    "related_to_draft",
    "split_passages",
    "evaluate_related",
    "fitted_weights",
    "PARTS",
    "ROLE_WEIGHTS",
    "TFIDF_ONLY",
    "rank_all",
]


def related_entities(index: RelatedIndex, entity: str, k: int = 10, *, min_count: int = 2) -> EntityReport:
    """The papers that propose and use an entity, and the entities it co-occurs with.

    ``entity`` is an id, name or alias (matched fuzzily when nothing is exact);
    see :func:`~graphbuild.related.entity_report.entity_report` for the figures.
    """
    col, _ = index.find_entity(arguments.text(entity, "entity") or "")
    return entity_report(index, col, arguments.whole(k, "k", minimum=0),
                         min_count=arguments.whole(min_count, "min_count", minimum=1))
