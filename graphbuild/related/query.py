"""What a related-work query is, once resolved: the start of every signal."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Query"]


@dataclass(frozen=True, slots=True)
class Query:
    """A resolved query.

    ``row`` is the corpus row of a paper query (None for free text);
    ``terms``/``weights`` its text-signal columns and TF-IDF weights;
    ``entity_roles`` the query's own entities (column -> role) and
    ``entity_weights`` their weights for a free-text query; ``subject`` is how
    reasons name the query ("this paper", "your text").
    """

    row: int | None
    terms: np.ndarray
    weights: np.ndarray
    entity_roles: dict[int, str] = field(default_factory=dict)
    entity_weights: dict[int, float] = field(default_factory=dict)
    year: float = math.nan
    subject: str = "this paper"
    text: str = ""
