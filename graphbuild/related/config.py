"""Every number of the related-work ranking: fusion weights and each signal's settings.

:class:`Weights` says how much each signal counts in the fused score;
the ``*Config`` classes hold what each signal needs to build its index and
to word its reasons. Nothing else in :mod:`graphbuild.related` holds a
tunable literal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["PARTS", "ROLE_WEIGHTS", "ROLES", "Weights", "TFIDF_ONLY", "TextConfig", "TopicConfig",
           "EntityConfig", "WalkConfig", "CitationConfig", "ReasonConfig", "RelatedConfig",
           "fitted_weights", "FITTED_WEIGHTS_FILE"]

#: names of the score parts, in the order they are reported ("dense" only with the [dense] extra)
PARTS = ("lexical", "topic", "entities", "graph", "citation", "authors")

#: the roles a paper has towards an entity, strongest first (the index stores rank + 1)
ROLES = ("proposes", "evaluates_on", "compares_with", "uses")

#: how much a paper -> entity role says about the paper (strongest link wins)
ROLE_WEIGHTS: dict[str, float] = {
    "PROPOSES": 1.0,
    "EVALUATES_ON": 1.0,
    "COMPARES_WITH": 0.7,
    "USES": 0.5,
}

#: where the fitted fusion weights ship (see ``benchmarks/fit_related.py``)
FITTED_WEIGHTS_FILE = "related_weights.json"


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each signal counts in the fused score: the one place to change them.

    Parameters
    ----------
    lexical, topic, entities, graph, citation, authors, dense : weight of each
        part. Each part is scaled to [0, 1] per query (divided by its largest
        value over the candidates) before weighting; 0 skips the part.
    bm25 : weight of the BM25 form of the text signal (beside the TF-IDF cosine
        of ``lexical``).
    later : factor for candidates published after the query (1 disables): a
        paper rarely cites a later one.

    ``Weights()`` are hand-set reference weights; the default of every query
    function is :func:`fitted_weights`, learned on the dev queries.
    :data:`TFIDF_ONLY` is plain TF-IDF.
    """

    lexical: float = 1.0
    topic: float = 1.0
    entities: float = 0.15
    graph: float = 0.4
    citation: float = 0.1
    authors: float = 0.15
    bm25: float = 0.0
    dense: float = 0.0
    later: float = 0.5

    def part(self, name: str) -> float:
        """The weight of one part by name."""
        return float(getattr(self, name))

    def active(self) -> list[str]:
        """Names of the parts with a non-zero weight, in report order."""
        return [f.name for f in fields(self) if f.name != "later" and getattr(self, f.name)]


#: plain TF-IDF cosine, the reference point of the evaluation
TFIDF_ONLY = Weights(lexical=1.0, topic=0.0, entities=0.0, graph=0.0, citation=0.0, authors=0.0, later=1.0)


@lru_cache(maxsize=1)
def _fitted_file() -> dict[str, Any]:
    path = Path(__file__).with_name(FITTED_WEIGHTS_FILE)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def fitted_weights(*, dense: bool = False) -> Weights:
    """The fusion weights learned on the dev queries (``benchmarks/fit_related.py``).

    Parameters
    ----------
    dense : the weights fitted with the dense signal (falls back to the
        text-only weights when none were fitted with it).
    """
    data = _fitted_file()
    chosen = data.get("dense" if dense else "default") or data.get("default")
    if not chosen:
        return Weights()
    parts_off = Weights(**{f.name: 0.0 for f in fields(Weights) if f.name != "later"})
    return replace(parts_off, **chosen["weights"])


@dataclass(frozen=True, slots=True)
class TextConfig:
    """The text signal: tokens, vocabulary pruning, TF-IDF and BM25 settings.

    ``min_df`` prunes words seen in fewer papers (1 keeps a word unique to a
    paper, which a free-text query may name); ``bigram_min_df`` keeps a
    two-word phrase only when that many papers share it, so phrases cannot
    explode the vocabulary; ``max_df`` drops terms in more than that share of
    the papers; ``max_terms`` caps the vocabulary (most widespread first).
    """

    token_pattern: str = r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]+\b"
    min_df: int = 1
    bigram_min_df: int = 3
    max_terms: int = 400_000
    max_df: float = 1.0
    bm25_k1: float = 1.2
    bm25_b: float = 0.75


@dataclass(frozen=True, slots=True)
class TopicConfig:
    """The LSA topic signal: dimensions, seed, the vocabulary it is over and how terms are weighted.

    ``weighting`` is ``"log-entropy"`` (``1 + log tf`` times the term's
    entropy weight) or ``"tf-idf"`` (the text signal's TF-IDF rows).
    """

    weighting: str = "log-entropy"
    topics: int = 96
    min_dims: int = 8
    papers_per_dim: int = 4
    max_terms: int = 30_000
    seed: int = 0
    n_iter: int = 4
    top_terms: int = 64


@dataclass(frozen=True, slots=True)
class EntityConfig:
    """The shared-entity signal and entity queries."""

    family_weight: float = 0.5  # a variant also counts for its family, at this weight
    variant_factor: float = 0.6  # an entity query: a paper about a variant, relative to the entity
    proposer_bonus: float = 0.5  # an entity query: extra for proposing the entity itself
    closeness_weight: float = 0.1  # an entity query: how much graph closeness breaks ties
    text_max_words: int = 4  # longest phrase of a text query looked up as an entity name
    text_min_chars: int = 3


@dataclass(frozen=True, slots=True)
class WalkConfig:
    """The personalised PageRank over the paper-entity-author-citation graph."""

    restart: float = 0.3
    steps: int = 4
    inferred_citation: float = 0.5  # an inferred CITES edge counts this much
    family_edge: float = 0.5  # a VARIANT_OF edge
    dense_share: int = 3  # a step turns into a full matrix product past 1/dense_share of the entries


@dataclass(frozen=True, slots=True)
class CitationConfig:
    """Direct citation, co-citation and bibliographic coupling."""

    direct: float = 2.0  # a citation either way, times the edge weight
    inferred: float = 0.5  # the weight of an inferred edge (explicit: 1)


@dataclass(frozen=True, slots=True)
class ReasonConfig:
    """When and how reasons are given, and how closely a typed title must match."""

    limit: int = 3  # names listed per reason
    topic_part: float = 0.5  # a topic reason needs at least this scaled topic part
    graph_part: float = 0.5  # and a graph reason this scaled graph part
    title_width: int = 60
    fuzzy_cutoff: float = 85.0  # a typed title or name is taken as fuzzily matched at this rapidfuzz ratio


@dataclass(frozen=True, slots=True)
class RelatedConfig:
    """The settings of every signal, as one value stored with the index."""

    text: TextConfig = field(default_factory=TextConfig)
    topics: TopicConfig = field(default_factory=TopicConfig)
    entities: EntityConfig = field(default_factory=EntityConfig)
    walk: WalkConfig = field(default_factory=WalkConfig)
    citations: CitationConfig = field(default_factory=CitationConfig)
    reasons: ReasonConfig = field(default_factory=ReasonConfig)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        return {f.name: {g.name: getattr(getattr(self, f.name), g.name) for g in fields(getattr(self, f.name))}
                for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelatedConfig:
        """The inverse of :meth:`to_dict` (unknown keys are an error)."""
        kinds: dict[str, Any] = {f.name: f.default_factory for f in fields(cls)}
        return cls(**{name: kinds[name](**values) for name, values in data.items()})
