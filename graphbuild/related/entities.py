"""The entity signal: cosine over a paper x entity matrix weighted by rarity and role.

A paper's link to an entity weighs by its strongest role
(:data:`~graphbuild.related.config.ROLE_WEIGHTS`: proposing or evaluating on
weighs more than a passing use) times the entity's IDF over papers; a
variant also counts for its family at
:attr:`~graphbuild.related.config.EntityConfig.family_weight`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from ._sparse import csr, empty_scores, gather, join_names, l2_rows, row
from .config import ROLE_WEIGHTS, ROLES, EntityConfig
from .corpus import Corpus
from .query import Query

__all__ = ["EntitySignal", "role_weighted"]


def role_weighted(corpus: Corpus, config: EntityConfig = EntityConfig()) -> sp.csr_matrix:
    """Papers x entities: the weight of each paper's strongest role, lifted to the entity's family."""
    role_w = np.array([ROLE_WEIGHTS[r.upper()] for r in ROLES], dtype=np.float32)
    weighted = corpus.roles.astype(np.float32)
    weighted.data = role_w[corpus.roles.data.astype(np.int64) - 1]
    family = corpus.entity_family
    src = np.flatnonzero(family >= 0)
    if len(src):
        ne = len(family)
        lift = sp.csr_matrix((np.full(len(src), config.family_weight, dtype=np.float32), (src, family[src])),
                             shape=(ne, ne))
        weighted = weighted.maximum(weighted @ lift)
    return csr(weighted)


@dataclass(frozen=True, eq=False)
class EntitySignal:
    """Paper rows over entities (role x IDF, unit length) and the entity IDFs."""

    corpus: Corpus = field(metadata={"shared": True})
    matrix: sp.csr_matrix
    idf: np.ndarray
    matrix_t: sp.csr_matrix = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "matrix_t", csr(self.matrix.T))

    @classmethod
    def index(cls, corpus: Corpus, config: EntityConfig = EntityConfig()) -> EntitySignal:
        """Weigh each paper's entities by role and rarity."""
        weighted = role_weighted(corpus, config)
        n = corpus.n_papers
        df = np.bincount(weighted.indices, minlength=weighted.shape[1])
        idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        return cls(corpus=corpus, matrix=l2_rows(weighted @ sp.diags(idf)), idf=idf)

    def score(self, query: Query) -> np.ndarray:
        """Cosine of each paper's entity row with the query's entities."""
        n = self.corpus.n_papers
        if query.row is not None:
            cols, vals = row(self.matrix, query.row)
        elif query.entity_weights:
            cols = np.fromiter(query.entity_weights, dtype=np.int64)
            vals = np.array([query.entity_weights[c] for c in cols], dtype=np.float32) * self.idf[cols]
        else:
            return empty_scores(n)
        return gather(self.matrix_t, cols, vals, n)

    def reasons(self, query: Query, hit: int, limit: int = 3) -> list[str]:
        """What the query and ``hit`` share, by role: "both evaluate on X", "introduces Y, which ..."."""
        cols, ranks = row(self.corpus.roles, hit)
        theirs = {int(c): ROLES[int(v) - 1] for c, v in zip(cols, ranks)}
        groups: dict[str, list[int]] = defaultdict(list)
        for col, mine in query.entity_roles.items():
            other = theirs.get(col)
            if other is not None:
                groups[_template(mine, other, self.corpus.entity_types[col], query.subject)].append(col)
        out = []
        names_of = self.corpus.entity_names
        for template, group in groups.items():
            group.sort(key=lambda c: (-self.idf[c], names_of[c]))
            names = [names_of[c] for c in group[:limit]]
            if len(group) > limit:
                names.append(f"{len(group) - limit} more")
            out.append(template.format(join_names(names)))
        return out


def _template(mine: str, other: str, entity_type: str, subject: str) -> str:
    """The sentence for one shared entity, from the roles on both sides."""
    if mine == "evaluates_on" and other == "evaluates_on":
        return "both evaluate on {}"
    if other == "proposes" and mine != "proposes":
        return "introduces {}, which " + subject + " builds on"
    if mine == "proposes" and other != "proposes":
        return "builds on {}, which " + subject + " introduces"
    if mine == "proposes" and other == "proposes":
        return "both propose {}"
    if mine == "compares_with" and other == "compares_with":
        return "both compare with {}"
    return "both use {}" if entity_type == "Dataset" else "both build on {}"
