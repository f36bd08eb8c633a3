"""The graph facts every signal reads: papers, entities, authors, roles, citations.

:class:`Corpus` is built once from a graphbuild graph. Rows of paper
matrices follow :attr:`Corpus.paper_ids` (corpus papers, sorted);
citation matrices cover corpus papers first, then external ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..lookup import other_paper_ids
from ..records import normalize_title, parse_year
from ._sparse import csr
from .config import ROLES, CitationConfig

__all__ = ["Corpus", "paper_text", "year_of"]

_ROLE_OF_REL = {"PROPOSES": "proposes", "EVALUATES_ON": "evaluates_on",
                "COMPARES_WITH": "compares_with", "USES": "uses"}
_ROLE_RANK = {role: i for i, role in enumerate(ROLES)}


def year_of(value: Any) -> float:
    """A year as a float (:func:`graphbuild.records.parse_year`), NaN when unknown or unreadable."""
    year = parse_year(value)
    return math.nan if year is None else float(year)


def paper_text(title: str, abstract: str | None) -> str:
    """The text a paper is indexed by: its title, then its abstract."""
    return f"{title}. {abstract or ''}"


@dataclass(frozen=True, eq=False)
class Corpus:
    """Papers, entities and authors of a graph, with their links as sparse matrices."""

    paper_ids: list[str]
    titles: list[str]
    years: np.ndarray  # float, NaN when unknown
    external_ids: list[str]
    external_titles: list[str]
    entity_ids: list[str]
    entity_names: list[str]
    entity_types: list[str]
    entity_aliases: list[list[str]]
    entity_family: np.ndarray  # int, -1 when none
    author_names: list[str]
    roles: sp.csr_matrix  # papers x entities, value = role rank + 1 (strongest role)
    authored: sp.csr_matrix  # papers x authors, 1 when the author wrote the paper
    cites: sp.csr_matrix  # all papers x all papers; 1 explicit, CitationConfig.inferred when inferred
    #: a corpus paper's other ids (``arxiv:<id>`` of one keyed by its DOI) -> its id
    paper_other_ids: dict[str, str] = field(default_factory=dict)
    paper_pos: dict[str, int] = field(init=False, repr=False)
    entity_pos: dict[str, int] = field(init=False, repr=False)
    roles_t: sp.csr_matrix = field(init=False, repr=False)
    cited_by: sp.csr_matrix = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "paper_pos", {p: i for i, p in enumerate(self.paper_ids)})
        object.__setattr__(self, "entity_pos", {e: i for i, e in enumerate(self.entity_ids)})
        object.__setattr__(self, "roles_t", csr(self.roles.T, np.int8))
        object.__setattr__(self, "cited_by", csr(self.cites.T))

    @property
    def n_papers(self) -> int:
        """Number of corpus papers (the rows that are ranked)."""
        return len(self.paper_ids)

    @property
    def all_paper_ids(self) -> list[str]:
        """Corpus papers, then external ones: the rows of :attr:`cites`."""
        return self.paper_ids + self.external_ids

    def title_positions(self) -> dict[str, int]:
        """``normalize_title(title) -> row`` (the first paper wins)."""
        out: dict[str, int] = {}
        for i, t in enumerate(self.titles):
            out.setdefault(normalize_title(t), i)
        return out

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph, config: CitationConfig = CitationConfig()) -> Corpus:
        """Read papers, entities, authors and their links from ``G``; also returns nothing else.

        The paper texts are read separately with :meth:`texts`.
        """
        corpus, external, entities, authors = _nodes(G)
        ppos = {p: i for i, p in enumerate(corpus)}
        apos = {p: i for i, p in enumerate(corpus + external)}
        epos = {e: i for i, e in enumerate(entities)}
        aupos = {a: i for i, a in enumerate(authors)}
        role_rank: dict[tuple[int, int], int] = {}
        aut: list[tuple[int, int]] = []
        cites: list[tuple[int, int, float]] = []
        family = np.full(len(entities), -1, dtype=np.int32)
        for src, dst, key, data in G.edges(keys=True, data=True):
            if key in _ROLE_OF_REL and src in ppos and dst in epos:
                pair = (ppos[src], epos[dst])
                rank = _ROLE_RANK[_ROLE_OF_REL[key]]
                role_rank[pair] = min(rank, role_rank.get(pair, rank))
            elif key == "AUTHORED" and src in aupos and dst in ppos:
                aut.append((ppos[dst], aupos[src]))
            elif key == "CITES" and src in apos and dst in apos:
                cites.append((apos[src], apos[dst], config.inferred if data.get("inferred") else 1.0))
            elif key == "VARIANT_OF" and src in epos and dst in epos:
                family[epos[src]] = epos[dst]
        n, m = len(corpus), len(corpus) + len(external)
        nodes = G.nodes
        return cls(
            paper_ids=corpus, titles=[str(nodes[p].get("title") or p) for p in corpus],
            years=np.array([year_of(nodes[p].get("year")) for p in corpus], dtype=np.float32),
            external_ids=external, external_titles=[str(nodes[p].get("title") or p) for p in external],
            entity_ids=entities, entity_names=[str(nodes[e].get("name") or e) for e in entities],
            entity_types=[str(nodes[e].get("type") or "") for e in entities],
            entity_aliases=[[str(a) for a in nodes[e].get("aliases") or ()] for e in entities],
            entity_family=family, author_names=[str(nodes[a].get("name") or a) for a in authors],
            roles=_coo([(r, c, v + 1) for (r, c), v in role_rank.items()], (n, len(entities)), np.int8),
            authored=_coo([(r, c, 1) for r, c in set(aut)], (n, len(authors)), np.float32),
            cites=_coo(cites, (m, m), np.float32),
            paper_other_ids={k: v for p in corpus for k, v in other_paper_ids(p, nodes[p]).items()},
        )

    def texts(self, G: nx.MultiDiGraph) -> list[str]:
        """Title + abstract of each corpus paper, in row order."""
        return [paper_text(self.titles[i], G.nodes[p].get("abstract")) for i, p in enumerate(self.paper_ids)]


def _nodes(G: nx.MultiDiGraph) -> tuple[list[str], list[str], list[str], list[str]]:
    corpus: list[str] = []
    external: list[str] = []
    entities: list[str] = []
    authors: list[str] = []
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label == "Paper":
            (external if data.get("external") else corpus).append(node)
        elif label == "Entity":
            entities.append(node)
        elif label == "Author":
            authors.append(node)
    return sorted(corpus), sorted(external), sorted(entities), sorted(authors)


def _coo(triples: list[tuple[int, int, float]], shape: tuple[int, int], dtype: type) -> sp.csr_matrix:
    if triples:
        rows, cols, vals = zip(*triples)
    else:
        rows, cols, vals = (), (), ()
    matrix = sp.csr_matrix((np.array(vals, dtype=dtype), (np.array(rows, dtype=np.int64),
                                                          np.array(cols, dtype=np.int64))), shape=shape)
    return csr(matrix, dtype)
