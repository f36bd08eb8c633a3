"""Related work: rank papers and entities for a paper, a title, free text or an entity.

The ranking is a weighted sum of a few signals, each scaled to ``[0, 1]`` per
query (divided by its largest value over the candidates), then multiplied by
a year factor:

``lexical``
    TF-IDF cosine over title + abstract (sublinear tf, English stop words,
    unigrams and bigrams). Optionally (:attr:`Weights.feedback`, off by
    default) with one round of pseudo-relevance feedback: the query vector is
    blended with the centroid of its closest papers.
``topic``
    Cosine in a latent semantic (LSA) space of the TF-IDF matrix, averaged over
    a few truncations (a third, half, two thirds and all of the dimensions), so
    that no single choice of dimension decides; it matches papers on the same
    subject that word it differently.
``entities``
    Cosine over a paper x entity matrix weighted by rarity (IDF over papers)
    and role (``proposes`` and ``evaluates_on`` weigh more than ``uses``); a
    variant also counts, at half weight, for its family.
``graph``
    Personalised PageRank (a few power iterations) on the paper-entity-author-
    citation graph, restarting at the query paper (or at the entities of a
    free-text query).
``citation``
    Direct citation either way, co-citation and bibliographic coupling, from
    ``CITES`` edges (an inferred edge counts half).
``authors``
    Shared authors, each weighted by ``1 / log(2 + papers by that author)``.

A candidate published after the query paper is multiplied by
:attr:`Weights.later` (a paper rarely cites a later one). All weights live in
:class:`Weights`.

Measured on the dev split of the citation set (21 queries over 907 papers,
``evaluate_related``): plain TF-IDF (:data:`TFIDF_ONLY`) MAP 0.582, recall@20
0.582, P@10 0.633; the default hybrid MAP 0.657, recall@20 0.650, P@10 0.686.
The LSA topic part brings most of the gain, then the graph part.

>>> from graphbuild.related import RelatedIndex, related_papers
>>> index = RelatedIndex.from_graph(G)                            # doctest: +SKIP
>>> [r.paper_id for r in related_papers(index, paper_id="P2")]    # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from .errors import RelatedLookupError
from .records import entity_id, name_key, normalize_title, paper_key

__all__ = [
    "Weights",
    "RelatedIndex",
    "RelatedResult",
    "RelatedEntity",
    "EntityReport",
    "RelatedLookupError",
    "related_papers",
    "related_entities",
    "evaluate_related",
    "PARTS",
    "ROLE_WEIGHTS",
    "TFIDF_ONLY",
    "rank_all",
]

#: names of the score parts, in the order they are reported
PARTS = ("lexical", "topic", "entities", "graph", "citation", "authors")

#: how much a paper -> entity role says about the paper (strongest link wins)
ROLE_WEIGHTS: dict[str, float] = {
    "PROPOSES": 1.0,
    "EVALUATES_ON": 1.0,
    "COMPARES_WITH": 0.7,
    "USES": 0.5,
}
_ROLE_OF_REL = {"PROPOSES": "proposes", "EVALUATES_ON": "evaluates_on",
                "COMPARES_WITH": "compares_with", "USES": "uses"}
_ROLE_RANK = {"proposes": 0, "evaluates_on": 1, "compares_with": 2, "uses": 3}


@dataclass(frozen=True, slots=True)
class Weights:
    """The weights of the hybrid score: the one place to change them.

    Parameters
    ----------
    lexical, topic, entities, graph, citation, authors : weight of each part
        (each part is scaled to [0, 1] per query before weighting; 0 skips it).
    feedback : share of the pseudo-relevance-feedback centroid in the lexical
        query vector (0 turns feedback off).
    feedback_docs : how many top papers form that centroid.
    later : factor for candidates published after the query (1 disables).
    ppr_restart, ppr_steps : restart probability and number of power iterations
        of the personalised PageRank.

    The defaults were chosen on the dev split of the citation set with a small
    grid (topic 0.5-1.5, entities 0-0.3, graph 0.1-0.6, authors 0-0.2, citation
    0-0.1, feedback 0-0.5), taking the middle of the flat region rather than the
    single best point: MAP moves by less than 0.005 around it. Feedback did not
    help once the topic part was on. The dev queries have no candidate later
    than themselves, so ``later`` is a prior, not a tuned value.
    :data:`TFIDF_ONLY` is plain TF-IDF.
    """

    lexical: float = 1.0
    topic: float = 1.0
    entities: float = 0.15
    graph: float = 0.4
    citation: float = 0.1
    authors: float = 0.15
    feedback: float = 0.0
    feedback_docs: int = 6
    later: float = 0.5
    ppr_restart: float = 0.3
    ppr_steps: int = 4

    def part(self, name: str) -> float:
        return float(getattr(self, name))


#: plain TF-IDF cosine, the reference point of the evaluation
TFIDF_ONLY = Weights(lexical=1.0, topic=0.0, entities=0.0, graph=0.0, citation=0.0, authors=0.0,
                     feedback=0.0, later=1.0)


@dataclass(frozen=True, slots=True)
class RelatedResult:
    """One ranked paper with the parts of its score and the reasons in words."""

    paper_id: str
    title: str
    year: int | None
    score: float
    parts: dict[str, float]
    reasons: list[str]


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


@dataclass(frozen=True, eq=False)
class RelatedIndex:
    """Everything the query path needs, computed once from a graph.

    Build with :meth:`from_graph`; the fields are read-only by convention.
    Rows of the paper matrices follow :attr:`paper_ids` (corpus papers only).
    """

    paper_ids: list[str]
    titles: list[str]
    years: np.ndarray  # float, NaN when unknown
    paper_pos: dict[str, int]
    title_pos: dict[str, int]  # normalize_title -> row
    vectorizer: TfidfVectorizer
    terms: np.ndarray
    tfidf: sp.csr_matrix  # papers x terms, rows L2-normalised
    tfidf_t: sp.csr_matrix  # terms x papers (the transpose, for fast query scoring)
    topic_blocks: list[np.ndarray]  # LSA paper coordinates, split into prefix blocks (contiguous)
    topic_norms: np.ndarray  # prefixes x papers: norm of each paper's prefix vector
    topic_terms: np.ndarray  # topics x kept terms: the LSA components
    topic_columns: np.ndarray  # the TF-IDF columns the LSA space uses (terms in 2+ papers)
    topic_top: np.ndarray  # topics x 2 x 64: TF-IDF columns of the strongest +/- terms per topic
    title_tokens: CountVectorizer
    title_matrix: sp.csr_matrix  # papers x title words (binary)
    entity_ids: list[str]
    entity_pos: dict[str, int]
    entity_names: list[str]
    entity_types: list[str]
    entity_family: np.ndarray  # int, -1 when none
    entity_lookup: dict[str, int]  # lowercased name/alias/name_key -> entity column
    roles: sp.csr_matrix  # papers x entities, value = role rank + 1 (strongest role)
    entity_matrix: sp.csr_matrix  # papers x entities, role x IDF weights, rows L2-normalised
    entity_t: sp.csr_matrix  # its transpose
    roles_t: sp.csr_matrix  # entities x papers, value = role rank + 1
    entity_idf: np.ndarray
    entity_df: np.ndarray  # papers per entity (int)
    author_names: list[str]
    author_matrix: sp.csr_matrix  # papers x authors, weight 1/log(2 + papers)
    author_t: sp.csr_matrix  # its transpose
    cites: sp.csr_matrix  # all papers (corpus first, then external) x all papers; 1 explicit, 0.5 inferred
    cited_by: sp.csr_matrix  # the transpose of ``cites``
    all_paper_ids: list[str]
    adjacency: sp.csr_matrix  # symmetric; nodes: corpus papers, external papers, entities, authors
    inv_degree: np.ndarray
    node_names: list[str]

    @property
    def n_papers(self) -> int:
        return len(self.paper_ids)

    # ---------------------------------------------------------------- build

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph, *, min_df: int = 1, topics: int = 96,
                   seed: int = 0) -> "RelatedIndex":
        """Precompute text, topic, entity, author, citation and graph matrices from ``G``.

        Parameters
        ----------
        G : a graphbuild graph (see :mod:`graphbuild.graph`).
        min_df : minimum document frequency of a TF-IDF term.
        topics : most LSA dimensions (fewer for small corpora: at most a
            quarter of the papers; none below 8).
        seed : seed of the randomised SVD, so an index is reproducible.
        """
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
        corpus.sort()
        external.sort()
        entities.sort()
        authors.sort()
        n = len(corpus)
        ppos = {p: i for i, p in enumerate(corpus)}
        all_papers = corpus + external
        apos = {p: i for i, p in enumerate(all_papers)}
        epos = {e: i for i, e in enumerate(entities)}
        aupos = {a: i for i, a in enumerate(authors)}
        nodes = G.nodes

        titles = [str(nodes[p].get("title") or p) for p in corpus]
        years = np.array([_year(nodes[p].get("year")) for p in corpus], dtype=float)
        texts = [f"{titles[i]}. {nodes[p].get('abstract') or ''}" for i, p in enumerate(corpus)]
        title_pos: dict[str, int] = {}
        for i, t in enumerate(titles):
            title_pos.setdefault(normalize_title(t), i)

        vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
                                     min_df=min_df if n > 1 else 1, dtype=np.float32,
                                     token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]+\b")
        tfidf = _fit_or_empty(vectorizer, texts)
        terms = vectorizer.get_feature_names_out() if tfidf.shape[1] else np.array([], dtype=object)
        topic_blocks, topic_norms, topic_terms, topic_columns = _topics(tfidf, topics, seed)
        topic_top = _topic_top(topic_terms, topic_columns)
        title_tokens = CountVectorizer(binary=True, token_pattern=r"(?u)\b\w+\b", dtype=np.float32)
        title_matrix = _fit_or_empty(title_tokens, titles)

        # paper x entity: strongest role per pair
        role_rank: dict[tuple[int, int], int] = {}
        aut_rows: list[int] = []
        aut_cols: list[int] = []
        cite_rows: list[int] = []
        cite_cols: list[int] = []
        cite_vals: list[float] = []
        family = np.full(len(entities), -1, dtype=np.int64)
        for src, dst, key, data in G.edges(keys=True, data=True):
            if key in _ROLE_OF_REL and src in ppos and dst in epos:
                pair = (ppos[src], epos[dst])
                rank = _ROLE_RANK[_ROLE_OF_REL[key]]
                role_rank[pair] = min(rank, role_rank.get(pair, rank))
            elif key == "AUTHORED" and src in aupos and dst in ppos:
                aut_rows.append(ppos[dst])
                aut_cols.append(aupos[src])
            elif key == "CITES" and src in apos and dst in apos:
                cite_rows.append(apos[src])
                cite_cols.append(apos[dst])
                cite_vals.append(0.5 if data.get("inferred") else 1.0)
            elif key == "VARIANT_OF" and src in epos and dst in epos:
                family[epos[src]] = epos[dst]

        ne = len(entities)
        if role_rank:
            rr, rc = zip(*role_rank.keys())
            rv = [r + 1 for r in role_rank.values()]
        else:
            rr, rc, rv = (), (), ()
        roles = sp.csr_matrix(
            (np.array(rv, dtype=np.int8), (np.array(rr, dtype=np.int64), np.array(rc, dtype=np.int64))),
            shape=(n, ne))
        role_w = np.array([ROLE_WEIGHTS[k] for k in ("PROPOSES", "EVALUATES_ON", "COMPARES_WITH", "USES")],
                          dtype=np.float32)
        weighted = roles.copy().astype(np.float32)
        weighted.data = role_w[roles.data.astype(np.int64) - 1]
        # a variant also says something about its family, at half weight
        fam_src = np.nonzero(family >= 0)[0]
        if len(fam_src):
            lift = sp.csr_matrix((np.full(len(fam_src), 0.5, dtype=np.float32), (fam_src, family[fam_src])),
                                 shape=(ne, ne))
            weighted = _elementwise_max(weighted, (weighted @ lift).tocsr())
        df = np.asarray((weighted > 0).sum(axis=0)).ravel().astype(np.int64)
        idf = np.log((1.0 + n) / (1.0 + df)).astype(np.float32) + 1.0
        entity_matrix = _l2_rows(weighted @ sp.diags(idf))

        aut = sp.csr_matrix((np.ones(len(aut_rows), dtype=np.float32), (aut_rows, aut_cols)),
                            shape=(n, len(authors)))
        aut.sum_duplicates()
        aut.data[:] = 1.0
        per_author = np.asarray(aut.sum(axis=0)).ravel()
        author_matrix = (aut @ sp.diags((1.0 / np.log(2.0 + per_author)).astype(np.float32))).tocsr()

        m = len(all_papers)
        cites = sp.csr_matrix((np.array(cite_vals, dtype=np.float32), (cite_rows, cite_cols)), shape=(m, m))
        cites.sum_duplicates()

        # one symmetric adjacency: [corpus papers | external papers | entities | authors]
        na = len(authors)
        pe = weighted.tocoo()
        size = m + ne + na
        rows = [pe.row, cites.tocoo().row, aut.tocoo().row]
        cols = [m + pe.col, cites.tocoo().col, m + ne + aut.tocoo().col]
        vals = [pe.data, cites.tocoo().data, aut.tocoo().data]
        if len(fam_src):
            rows.append(m + fam_src)
            cols.append(m + family[fam_src])
            vals.append(np.full(len(fam_src), 0.5, dtype=np.float32))
        upper = sp.csr_matrix((np.concatenate(vals).astype(np.float32),
                               (np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64))),
                              shape=(size, size))
        adjacency = (upper + upper.T).tocsr()
        adjacency.sum_duplicates()
        degree = np.asarray(adjacency.sum(axis=1)).ravel()
        inv_degree = np.divide(1.0, degree, out=np.zeros_like(degree), where=degree > 0).astype(np.float32)

        names = [str(nodes[e].get("name") or e) for e in entities]
        types = [str(nodes[e].get("type") or "") for e in entities]
        lookup: dict[str, int] = {}
        for i, e in enumerate(entities):
            data = nodes[e]
            for alias in [data.get("name") or ""] + list(data.get("aliases") or []):
                if alias:
                    lookup.setdefault(alias.casefold(), i)
                    lookup.setdefault(name_key(alias), i)
            lookup.setdefault(e.casefold(), i)
        author_names = [str(nodes[a].get("name") or a) for a in authors]
        node_names = ([titles[i] for i in range(n)] + [str(nodes[p].get("title") or p) for p in external]
                      + names + author_names)
        return cls(
            paper_ids=corpus, titles=titles, years=years, paper_pos=ppos, title_pos=title_pos,
            vectorizer=vectorizer, terms=terms, tfidf=tfidf, tfidf_t=tfidf.T.tocsr(),
            topic_blocks=topic_blocks, topic_norms=topic_norms, topic_terms=topic_terms,
            topic_columns=topic_columns, topic_top=topic_top,
            title_tokens=title_tokens, title_matrix=title_matrix,
            entity_ids=entities, entity_pos=epos, entity_names=names, entity_types=types,
            entity_family=family, entity_lookup=lookup, roles=roles, roles_t=roles.T.tocsr(),
            entity_matrix=entity_matrix, entity_t=entity_matrix.T.tocsr(), entity_idf=idf, entity_df=df,
            author_names=author_names, author_matrix=author_matrix, author_t=author_matrix.T.tocsr(),
            cites=cites, cited_by=cites.T.tocsr(), all_paper_ids=all_papers,
            adjacency=adjacency, inv_degree=inv_degree, node_names=node_names,
        )

    # ---------------------------------------------------------------- lookups

    def find_paper(self, paper_id: str) -> int:
        """Row of a corpus paper by id (any form :func:`paper_key` accepts)."""
        for key in (paper_id, paper_key(paper_id), (paper_id or "").strip()):
            if key in self.paper_pos:
                return self.paper_pos[key]
        close = difflib.get_close_matches(paper_key(paper_id), self.paper_ids, n=3, cutoff=0.8)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise RelatedLookupError(
            f"paper {paper_id!r} is not a corpus paper of this graph{hint} "
            "(give the id of a paper in the workspace, e.g. arXiv:2506.02838, or pass its title instead)")

    def find_title(self, title: str, *, cutoff: float = 0.85) -> int:
        """Row of the corpus paper whose title matches ``title`` (exactly or fuzzily)."""
        exact = self.title_pos.get(normalize_title(title))
        if exact is not None:
            return exact
        ranked = self._title_candidates(title)
        wanted = _squash(title)
        scored = sorted(((difflib.SequenceMatcher(None, wanted, _squash(self.titles[i])).ratio(), i)
                         for i in ranked), reverse=True)
        if scored and scored[0][0] >= cutoff:
            return scored[0][1]
        close = [f"{self.titles[i]!r} ({self.paper_ids[i]})" for s, i in scored[:3] if s >= 0.3]
        hint = "; close matches: " + "; ".join(close) if close else "; no paper title shares its words"
        raise RelatedLookupError(f"no paper titled {title!r}{hint}. Use the exact title or the paper id.")

    def _title_candidates(self, title: str, limit: int = 50) -> list[int]:
        if not self.title_matrix.shape[1]:
            return []
        q = self.title_tokens.transform([title])
        overlap = np.asarray((self.title_matrix @ q.T).todense()).ravel()
        if not overlap.any():
            return []
        top = np.argsort(-overlap, kind="stable")[:limit]
        return [int(i) for i in top if overlap[i] > 0]

    def find_entity(self, entity: str) -> int:
        """Column of an entity by id, name or alias (case-insensitive)."""
        text = (entity or "").strip()
        for key in (text, text.casefold(), name_key(text), entity_id(name_key(text))):
            if key in self.entity_pos:
                return self.entity_pos[key]
            if key in self.entity_lookup:
                return self.entity_lookup[key]
        close = difflib.get_close_matches(text.casefold(), [n.casefold() for n in self.entity_names],
                                          n=3, cutoff=0.6)
        names = {n.casefold(): n for n in self.entity_names}
        hint = f"; did you mean {', '.join(names[c] for c in close)}?" if close else ""
        raise RelatedLookupError(f"no entity named {entity!r} in the graph{hint}")


# ------------------------------------------------------------------ scoring


@dataclass(frozen=True, slots=True)
class _Query:
    """The resolved query: what each signal starts from."""

    row: int | None  # corpus paper row, for paper and title queries
    terms: np.ndarray  # TF-IDF columns of the query's terms
    weights: np.ndarray  # and their TF-IDF weights (L2-normalised)
    entity_weights: dict[int, float]  # entity column -> role weight (the query's own entities)
    entity_roles: dict[int, str]
    year: float
    subject: str  # how reasons name the query ("this paper", "your text")


def _paper_query(index: RelatedIndex, row: int) -> _Query:
    cols, ranks = _row(index.roles, row)
    ent_roles = {int(c): _ROLES[int(v) - 1] for c, v in zip(cols, ranks)}
    terms, weights = _row(index.tfidf, row)
    return _Query(row=row, terms=terms, weights=weights, entity_weights={},
                  entity_roles=ent_roles, year=float(index.years[row]), subject="this paper")


_ROLES = ("proposes", "evaluates_on", "compares_with", "uses")


def _text_query(index: RelatedIndex, text: str) -> _Query:
    from .nlp.pipeline import extract_text

    vector = _transform(index, text)
    roles: dict[int, str] = {}
    extraction = extract_text(text)
    for ent in extraction.entities:
        col = None
        for name in [ent.name, ent.canonical or "", *ent.mentions]:
            if not name:
                continue
            for key in (entity_id(name_key(name)), name.casefold(), name_key(name)):
                col = index.entity_pos.get(key, index.entity_lookup.get(key))
                if col is not None:
                    break
            if col is not None:
                break
        if col is None:
            continue
        role = ent.role if ent.role in _ROLE_RANK else "uses"
        if col not in roles or _ROLE_RANK[role] < _ROLE_RANK[roles[col]]:
            roles[col] = role
    # names and aliases of known entities the NLP pass did not pick up still count
    words = re.findall(r"[\w][\w.+\-]*[\w+]|\w", text)
    for size in range(1, 5):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            if len(phrase) < 3:
                continue
            col = index.entity_lookup.get(phrase.casefold())
            if col is not None and col not in roles:
                roles[col] = "uses"
    weights = {c: ROLE_WEIGHTS[r.upper()] for c, r in roles.items()}
    return _Query(row=None, terms=vector.indices, weights=vector.data, entity_weights=weights, entity_roles=roles,
                  year=math.nan, subject="your text")


def _transform(index: RelatedIndex, text: str) -> sp.csr_matrix:
    if not index.tfidf.shape[1]:
        return sp.csr_matrix((1, 0), dtype=np.float32)
    return index.vectorizer.transform([text]).tocsr()


def _scale(values: np.ndarray, exclude: int | None) -> np.ndarray:
    """Divide by the largest value over the candidates (the query itself excluded)."""
    if exclude is not None:
        values[exclude] = 0.0
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else values


def _lexical(index: RelatedIndex, q: _Query, w: Weights) -> np.ndarray:
    n = index.n_papers
    if not len(q.terms):
        return np.zeros(n, dtype=np.float32)
    sims = _gather(index.tfidf_t, q.terms, q.weights, n)
    if w.feedback > 0 and w.feedback_docs > 0:
        masked = sims.copy()
        if q.row is not None:
            masked[q.row] = -1.0
        m = min(w.feedback_docs, n - 1 if q.row is not None else n)
        if m > 0:
            top = np.argpartition(-masked, m - 1)[:m] if m < n else np.arange(n)
            top = top[masked[top] > 0]
            if len(top):
                centroid = np.asarray(index.tfidf[top].mean(axis=0)).ravel()
                norm = float(np.linalg.norm(centroid))
                if norm > 0:
                    expanded = np.asarray(index.tfidf @ (centroid / norm)).ravel().astype(np.float32)
                    sims = (1.0 - w.feedback) * sims + w.feedback * expanded
    return sims


def _topic_coords(index: RelatedIndex, q: _Query) -> np.ndarray | None:
    if not index.topic_blocks:
        return None
    if q.row is not None:
        return np.concatenate([b[q.row] for b in index.topic_blocks])
    if not len(q.terms):
        return None
    pos = np.searchsorted(index.topic_columns, q.terms)
    pos = np.minimum(pos, len(index.topic_columns) - 1)
    keep = index.topic_columns[pos] == q.terms
    return (index.topic_terms[:, pos[keep]] @ q.weights[keep]).astype(np.float32)


def _topic_scores(index: RelatedIndex, q: _Query) -> np.ndarray:
    """Mean over the prefixes of the LSA space of the (non-negative) cosine."""
    n = index.n_papers
    z = _topic_coords(index, q)
    if z is None:
        return np.zeros(n, dtype=np.float32)
    total = np.zeros(n, dtype=np.float32)
    dots = np.zeros(n, dtype=np.float32)
    start = 0
    for p, block in enumerate(index.topic_blocks):
        width = block.shape[1]
        # einsum runs in this thread; a threaded BLAS matvec this small stalls on a busy machine
        dots += np.einsum("ij,j->i", block, z[start:start + width])
        start += width
        qnorm = float(np.linalg.norm(z[:start]))
        if qnorm > 0:
            denom = index.topic_norms[p] * qnorm
            total += np.divide(dots, denom, out=np.zeros_like(dots), where=denom > 0).clip(0.0)
    return total / len(index.topic_blocks)


def _entity_scores(index: RelatedIndex, q: _Query) -> np.ndarray:
    n = index.n_papers
    if q.row is not None:
        cols, vals = _row(index.entity_matrix, q.row)
    elif q.entity_weights:
        cols = np.fromiter(q.entity_weights, dtype=np.int64)
        vals = np.array([q.entity_weights[c] for c in cols], dtype=np.float32) * index.entity_idf[cols]
    else:
        return np.zeros(n, dtype=np.float32)
    return _gather(index.entity_t, cols, vals, n)


def _ppr(index: RelatedIndex, restart: np.ndarray, w: Weights) -> np.ndarray:
    """Personalised PageRank by power iteration (a few steps) from ``restart``.

    While the walk has reached few nodes, a step gathers only their rows of the
    adjacency; once the reached rows hold a third of its entries, a step is a
    plain sparse matrix-vector product.
    """
    total = float(restart.sum())
    if total <= 0:
        return np.zeros_like(restart)
    A = index.adjacency
    size = A.shape[0]
    s = (restart / total).astype(np.float32)
    r = s.copy()
    alpha = float(w.ppr_restart)
    dense = False
    degrees = np.diff(A.indptr)
    for _ in range(max(1, int(w.ppr_steps))):
        x = r * index.inv_degree
        if not dense:
            support = np.flatnonzero(x)
            dense = int(degrees[support].sum()) * 3 > A.nnz
        spread = A @ x if dense else _gather(A, support, x[support], size)
        r = alpha * s + (1.0 - alpha) * spread
    return r


def _graph_scores(index: RelatedIndex, q: _Query, w: Weights) -> np.ndarray:
    n = index.n_papers
    size = index.adjacency.shape[0]
    restart = np.zeros(size, dtype=np.float32)
    if q.row is not None:
        restart[q.row] = 1.0
    elif q.entity_weights:
        offset = len(index.all_paper_ids)
        for col, weight in q.entity_weights.items():
            restart[offset + col] = weight
    else:
        return np.zeros(n, dtype=np.float32)
    return _ppr(index, restart, w)[:n].copy()


def _citation_scores(index: RelatedIndex, row: int | None) -> np.ndarray:
    """``2 x direct + log(1 + co-citations) + log(1 + shared references)`` per corpus paper."""
    n = index.n_papers
    if row is None or not index.cites.nnz:
        return np.zeros(n, dtype=np.float32)
    refs, ref_w = _row(index.cites, row)  # papers the query cites
    citers, citer_w = _row(index.cited_by, row)  # papers citing the query
    raw = np.zeros(index.cites.shape[0], dtype=np.float32)
    np.add.at(raw, refs, 2.0 * ref_w)
    np.add.at(raw, citers, 2.0 * citer_w)
    if len(citers):
        # co-citation: what the query's citers also cite
        raw += np.log1p(_gather(index.cites, citers, np.ones(len(citers), np.float32), len(raw), binary=True))
    if len(refs):
        # bibliographic coupling: who else cites the query's references
        raw += np.log1p(_gather(index.cited_by, refs, np.ones(len(refs), np.float32), len(raw), binary=True))
    return raw[:n]


def _author_scores(index: RelatedIndex, row: int | None) -> np.ndarray:
    n = index.n_papers
    if row is None or not index.author_matrix.shape[1]:
        return np.zeros(n, dtype=np.float32)
    cols, vals = _row(index.author_matrix, row)
    return _gather(index.author_t, cols, vals, n)


def _score_all(index: RelatedIndex, q: _Query, w: Weights) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Scores of every corpus paper (the query's own row gets -inf)."""
    parts: dict[str, np.ndarray] = {}
    if w.lexical:
        parts["lexical"] = _scale(_lexical(index, q, w), q.row)
    if w.topic:
        parts["topic"] = _scale(_topic_scores(index, q), q.row)
    if w.entities:
        parts["entities"] = _scale(_entity_scores(index, q), q.row)
    if w.graph:
        parts["graph"] = _scale(_graph_scores(index, q, w), q.row)
    if w.citation:
        parts["citation"] = _scale(_citation_scores(index, q.row), q.row)
    if w.authors:
        parts["authors"] = _scale(_author_scores(index, q.row), q.row)
    total = np.zeros(index.n_papers, dtype=np.float32)
    for name, values in parts.items():
        total += w.part(name) * values
    if w.later != 1.0 and not math.isnan(q.year):
        later = index.years > q.year  # NaN compares False: unknown years are not penalised
        total = np.where(later, total * w.later, total)
    if q.row is not None:
        total[q.row] = -np.inf
    return total, parts


def _top(scores: np.ndarray, k: int) -> list[int]:
    valid = np.flatnonzero(scores > 0)
    if not len(valid):
        return []
    k = min(k, len(valid))
    chosen = valid[np.argpartition(-scores[valid], k - 1)[:k]] if k < len(valid) else valid
    return sorted((int(i) for i in chosen), key=lambda i: (-scores[i], i))


# ------------------------------------------------------------------ reasons


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _topic_reason(index: RelatedIndex, q: _Query, j: int, limit: int = 3) -> str | None:
    z = _topic_coords(index, q)
    if z is None:
        return None
    other = np.concatenate([b[j] for b in index.topic_blocks])
    product = z * other
    product[0] = 0.0  # the first dimension is the corpus-wide average: it says nothing
    c = int(np.argmax(product))
    if product[c] <= 0:
        return None
    # name the topic by its strongest terms that the candidate's own text uses
    own = set(_row(index.tfidf, j)[0].tolist())
    picked: list[str] = []
    for column in index.topic_top[c, 0 if z[c] > 0 else 1]:
        if column < 0:
            break
        term = str(index.terms[column])
        if int(column) not in own or any(term in p.split() or p in term.split() for p in picked):
            continue
        picked.append(term)
        if len(picked) == limit:
            break
    return "same topic (" + ", ".join(f"'{t}'" for t in picked) + ")" if picked else None


def _entity_reasons(index: RelatedIndex, q: _Query, j: int, limit: int = 3) -> list[str]:
    cols, ranks = _row(index.roles, j)
    cand_roles = {int(c): _ROLES[int(v) - 1] for c, v in zip(cols, ranks)}
    groups: dict[str, list[int]] = defaultdict(list)
    mine = q.subject
    for col, qrole in q.entity_roles.items():
        crole = cand_roles.get(col)
        if crole is None:
            continue
        if qrole == "evaluates_on" and crole == "evaluates_on":
            groups["both evaluate on {}"].append(col)
        elif crole == "proposes" and qrole != "proposes":
            groups["introduces {}, which " + mine + " builds on"].append(col)
        elif qrole == "proposes" and crole != "proposes":
            groups["builds on {}, which " + mine + " introduces"].append(col)
        elif qrole == "proposes" and crole == "proposes":
            groups["both propose {}"].append(col)
        elif qrole == "compares_with" and crole == "compares_with":
            groups["both compare with {}"].append(col)
        elif index.entity_types[col] == "Dataset":
            groups["both use {}"].append(col)
        else:
            groups["both build on {}"].append(col)
    out = []
    for template, cols in groups.items():
        cols.sort(key=lambda c: (-index.entity_idf[c], index.entity_names[c]))
        names = [index.entity_names[c] for c in cols[:limit]]
        if len(cols) > limit:
            names.append(f"{len(cols) - limit} more")
        out.append(template.format(_join(names)))
    return out


def _lexical_reason(index: RelatedIndex, q: _Query, j: int, limit: int = 3) -> str | None:
    terms, weights = _row(index.tfidf, j)
    common, qi, ji = np.intersect1d(q.terms, terms, assume_unique=True, return_indices=True)
    if not len(common):
        return None
    product = q.weights[qi] * weights[ji]
    order = np.argsort(-product, kind="stable")
    picked: list[str] = []
    for pos in order:
        term = str(index.terms[common[pos]])
        # skip a word already inside a chosen phrase, and a phrase holding a chosen word
        if any(term in p.split() or p in term.split() for p in picked):
            continue
        picked.append(term)
        if len(picked) == limit:
            break
    return "similar wording: " + ", ".join(f"'{t}'" for t in picked)


def _citation_reasons(index: RelatedIndex, row: int | None, j: int) -> list[str]:
    if row is None or not index.cites.nnz:
        return []
    refs_q, w_q = _row(index.cites, row)
    citers_q, wc_q = _row(index.cited_by, row)
    out = []
    q_title = _short(index.titles[row])
    for ids, w, verb in ((refs_q, w_q, "cited by"), (citers_q, wc_q, "cites")):
        hit = np.flatnonzero(ids == j)
        if len(hit):
            out.append(f"{verb} {q_title}" + (" (inferred from the text)" if w[hit[0]] < 1 else ""))
    both = len(np.intersect1d(citers_q, _row(index.cited_by, j)[0]))
    if both:
        out.append(f"co-cited with {q_title} by {both} paper{'s' if both > 1 else ''}")
    refs = len(np.intersect1d(refs_q, _row(index.cites, j)[0]))
    if refs:
        out.append(f"both cite {refs} of the same paper{'s' if refs > 1 else ''}")
    return out


def _author_reason(index: RelatedIndex, row: int | None, j: int, limit: int = 3) -> str | None:
    if row is None:
        return None
    shared = np.intersect1d(_row(index.author_matrix, row)[0], _row(index.author_matrix, j)[0]).tolist()
    if not shared:
        return None
    names = [index.author_names[a] for a in shared[:limit]]
    return "shares author" + ("s" if len(shared) > 1 else "") + ": " + _join(names)


def _graph_reason(index: RelatedIndex, q: _Query, j: int, limit: int = 3) -> str:
    A = index.adjacency
    if q.row is not None:
        mine = set(_row(A, q.row)[0].tolist())
    else:
        offset = len(index.all_paper_ids)
        mine = {offset + c for c in q.entity_weights}
    common = sorted(mine & set(_row(A, j)[0].tolist()), key=lambda v: index.node_names[v])
    if common:
        names = [index.node_names[v] for v in common[:limit]]
        if len(common) > limit:
            names.append(f"{len(common) - limit} more")
        return f"close in the graph (shared neighbours: {_join(names)})"
    return "close in the graph (linked through papers that share its entities)"


def _short(title: str, width: int = 60) -> str:
    title = " ".join(title.split())
    return f"'{title}'" if len(title) <= width else f"'{title[: width - 1].rstrip()}…'"


def _reasons(index: RelatedIndex, q: _Query, j: int, parts: dict[str, float]) -> list[str]:
    reasons: list[str] = []
    reasons.extend(_citation_reasons(index, q.row, j))
    author = _author_reason(index, q.row, j)
    if author:
        reasons.append(author)
    reasons.extend(_entity_reasons(index, q, j))
    lexical = _lexical_reason(index, q, j)
    if lexical:
        reasons.append(lexical)
    if parts.get("topic", 0.0) >= 0.5 or not reasons:
        topic = _topic_reason(index, q, j)
        if topic:
            reasons.append(topic)
    if not reasons or parts.get("graph", 0.0) >= 0.5:
        reasons.append(_graph_reason(index, q, j))
    return reasons


# ------------------------------------------------------------------ public


def related_papers(
    index: RelatedIndex,
    *,
    paper_id: str | None = None,
    title: str | None = None,
    text: str | None = None,
    entity: str | None = None,
    k: int = 10,
    weights: Weights = Weights(),
) -> list[RelatedResult]:
    """Rank corpus papers related to one paper, a title, free text or an entity.

    Give exactly one of ``paper_id``, ``title``, ``text`` or ``entity``.

    Parameters
    ----------
    index : from :meth:`RelatedIndex.from_graph`.
    paper_id : a corpus paper id (any form :func:`~graphbuild.records.paper_key` accepts).
    title : a paper title, matched exactly, else fuzzily (raises with close matches).
    text : free text (a draft abstract); its entities count too.
    entity : an entity id, name or alias: ranks the papers that propose it, then
        those that evaluate on, compare with or use it (its variants count too).
    k : how many results.
    weights : the hybrid score's weights.

    Returns
    -------
    Up to ``k`` results, best first, each with at least one reason. Papers with
    no signal at all are left out.
    """
    given = [name for name, v in (("paper_id", paper_id), ("title", title), ("text", text),
                                  ("entity", entity)) if v]
    if len(given) != 1:
        raise RelatedLookupError(
            "give exactly one of paper_id, title, text or entity" + (f" (got {', '.join(given)})" if given else ""))
    if k <= 0:
        return []
    if entity:
        return _entity_papers(index, index.find_entity(entity), k)
    if text:
        q = _text_query(index, text)
    else:
        row = index.find_paper(paper_id) if paper_id else index.find_title(title or "")
        q = _paper_query(index, row)
    scores, parts = _score_all(index, q, weights)
    results = []
    for j in _top(scores, k):
        p = {name: round(float(parts[name][j]), 4) for name in PARTS if name in parts}
        results.append(RelatedResult(
            paper_id=index.paper_ids[j], title=index.titles[j], year=_int_year(index.years[j]),
            score=round(float(scores[j]), 4), parts=p, reasons=_reasons(index, q, j, p)))
    return results


def _entity_papers(index: RelatedIndex, col: int, k: int) -> list[RelatedResult]:
    """Papers that propose, evaluate on, compare with or use an entity or its variants."""
    variants = [col] + [int(v) for v in np.flatnonzero(index.entity_family == col)]
    best: dict[int, tuple[float, str, int]] = {}
    for v in variants:
        factor = 1.0 if v == col else 0.6
        for row, rank in zip(*_row(index.roles_t, v)):
            role = _ROLES[int(rank) - 1]
            score = ROLE_WEIGHTS[role.upper()] * factor + (0.5 if role == "proposes" and v == col else 0.0)
            if row not in best or score > best[row][0]:
                best[int(row)] = (score, role, v)
    if not best:
        return []
    restart = np.zeros(index.adjacency.shape[0], dtype=np.float32)
    restart[len(index.all_paper_ids) + col] = 1.0
    closeness = _ppr(index, restart, Weights())[: index.n_papers]
    top = float(closeness.max()) or 1.0
    ranked = sorted(best, key=lambda r: (-best[r][0], -closeness[r], r))[:k]
    phrase = {"proposes": "proposes", "evaluates_on": "evaluates on", "compares_with": "compares with",
              "uses": "uses"}
    name = index.entity_names[col]
    out = []
    for r in ranked:
        score, role, v = best[r]
        reason = f"{phrase[role]} {index.entity_names[v]}"
        if v != col:
            reason += f", a variant of {name}"
        parts = {"entities": round(score, 4), "graph": round(float(closeness[r]) / top, 4)}
        out.append(RelatedResult(paper_id=index.paper_ids[r], title=index.titles[r],
                                 year=_int_year(index.years[r]), score=round(score + 0.1 * parts["graph"], 4),
                                 parts=parts, reasons=[reason]))
    return out


def related_entities(index: RelatedIndex, entity: str, k: int = 10, *, min_count: int = 2) -> EntityReport:
    """The papers that propose and use an entity, and the entities it co-occurs with.

    Co-occurrence strength is NPMI over corpus papers; pairs seen in fewer than
    ``min_count`` papers are left out unless no pair reaches it (then 1 is used,
    and :attr:`EntityReport.min_count` says so).
    """
    col = index.find_entity(entity)
    papers, ranks = _row(index.roles_t, col)
    proposed, used = [], []
    for row, rank in sorted(zip(papers, ranks), key=lambda x: (x[1], index.paper_ids[x[0]])):
        role = _ROLES[int(rank) - 1]
        item = (index.paper_ids[row], index.titles[row])
        if role == "proposes":
            proposed.append(item)
        else:
            used.append((*item, role))
    n = max(index.n_papers, 1)
    together = _gather(index.roles, papers, np.ones(len(papers), np.float32), len(index.entity_ids),
                       binary=True).astype(np.float64)
    counts = np.diff(index.roles_t.indptr).astype(np.float64)
    together[col] = 0
    floor = min_count if (together >= min_count).any() else 1
    related = []
    n_a = counts[col]
    for other in np.flatnonzero(together >= floor):
        n_ab, n_b = together[other], counts[other]
        p_ab = n_ab / n
        if p_ab >= 1.0:
            npmi = 1.0
        else:
            npmi = math.log(p_ab / ((n_a / n) * (n_b / n))) / -math.log(p_ab)
        related.append(RelatedEntity(entity_id=index.entity_ids[other], name=index.entity_names[other],
                                     type=index.entity_types[other], npmi=round(npmi, 4),
                                     together=int(n_ab), count=int(n_b)))
    related.sort(key=lambda r: (-r.npmi, -r.together, r.name))
    return EntityReport(entity_id=index.entity_ids[col], name=index.entity_names[col],
                        type=index.entity_types[col], proposed_by=proposed, used_by=used,
                        related=related[:k], min_count=floor)


def rank_all(index: RelatedIndex, paper_id: str, weights: Weights = Weights()) -> list[str]:
    """Every other corpus paper, best first, for a paper query (ties by id)."""
    row = index.find_paper(paper_id)
    scores, _ = _score_all(index, _paper_query(index, row), weights)
    order = np.lexsort((np.arange(index.n_papers), -scores))
    return [index.paper_ids[i] for i in order if i != row]


def evaluate_related(
    index: RelatedIndex,
    gold: Mapping[str, Iterable[str]],
    k: int = 20,
    *,
    weights: Weights = Weights(),
) -> dict[str, Any]:
    """Recall@k, precision@10 and MAP of paper queries against gold citations.

    Parameters
    ----------
    index : from :meth:`RelatedIndex.from_graph`.
    gold : query paper id -> ids of the papers it cites (any id form; matched
        through :func:`~graphbuild.records.paper_key`). A gold paper missing from
        the corpus still counts as relevant (it can never be retrieved).
    k : the recall cut-off.
    weights : the hybrid score's weights.

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
        if key not in index.paper_pos:
            skipped.append(qid)
            continue
        relevant = {paper_key(c) for c in cited} - {key}
        if not relevant:
            skipped.append(qid)
            continue
        ranking = rank_all(index, key, weights)
        hits = 0
        precision_sum = 0.0
        for rank, pid in enumerate(ranking, start=1):
            if pid in relevant:
                hits += 1
                precision_sum += hits / rank
        per_query[qid] = {
            f"recall@{k}": sum(p in relevant for p in ranking[:k]) / len(relevant),
            "precision@10": sum(p in relevant for p in ranking[:10]) / 10,
            "ap": precision_sum / len(relevant),
        }
    count = len(per_query)

    def mean(name: str) -> float:
        return round(sum(v[name] for v in per_query.values()) / count, 4) if count else 0.0

    return {"queries": count, f"recall@{k}": mean(f"recall@{k}"), "precision@10": mean("precision@10"),
            "map": mean("ap"), "skipped": skipped, "per_query": per_query}


# ------------------------------------------------------------------ helpers


def _year(value: Any) -> float:
    try:
        return float(int(str(value)[:4])) if value not in (None, "") else math.nan
    except ValueError:
        return math.nan


def _int_year(value: float) -> int | None:
    return None if math.isnan(value) else int(value)


def _squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def _fit_or_empty(vectorizer: Any, texts: list[str]) -> sp.csr_matrix:
    """Fit a vectorizer; an empty vocabulary (no papers, only stop words) gives zero columns."""
    try:
        return vectorizer.fit_transform(texts).tocsr().astype(np.float32)
    except ValueError:
        return sp.csr_matrix((len(texts), 0), dtype=np.float32)


def _topics(tfidf: sp.csr_matrix, topics: int, seed: int,
            max_terms: int = 30_000) -> tuple[list[np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """LSA of the TF-IDF matrix over terms found in two papers or more (at most
    ``max_terms`` of them, the most widespread).

    Returns the paper coordinates split into four prefix blocks, the norms of
    each prefix, the components and the TF-IDF columns they are over.
    """
    n = tfidf.shape[0]
    df = np.bincount(tfidf.indices, minlength=tfidf.shape[1])
    columns = np.flatnonzero(df >= 2)
    if len(columns) > max_terms:  # keep the most widespread terms; rarer ones add cost, not topics
        columns = np.sort(columns[np.argsort(-df[columns], kind="stable")[:max_terms]])
    dims = min(topics, n // 4, len(columns) - 1)
    if dims < 8:
        return ([], np.zeros((0, n), dtype=np.float32), np.zeros((0, 0), dtype=np.float32),
                np.zeros(0, dtype=np.int64))
    from sklearn.decomposition import TruncatedSVD

    svd = TruncatedSVD(dims, algorithm="randomized", n_iter=4, random_state=seed)
    coords = svd.fit_transform(tfidf[:, columns]).astype(np.float32)
    cuts = sorted({max(1, dims // 3), max(1, dims // 2), max(1, (2 * dims) // 3), dims})
    blocks, norms, start = [], [], 0
    for cut in cuts:
        blocks.append(np.ascontiguousarray(coords[:, start:cut]))
        norms.append(np.linalg.norm(coords[:, :cut], axis=1))
        start = cut
    return blocks, np.array(norms, dtype=np.float32), svd.components_.astype(np.float32), columns


def _row(matrix: sp.csr_matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of one CSR row, without building a matrix."""
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[lo:hi], matrix.data[lo:hi]


def _gather(rows_of: sp.csr_matrix, rows: np.ndarray, weights: np.ndarray, size: int,
            *, binary: bool = False) -> np.ndarray:
    """``sum_k weights[k] * rows_of[rows[k]]`` as a dense vector (``binary``: count non-zeros).

    The query side is a handful of rows, so this touches only their entries.
    """
    out = np.zeros(size, dtype=np.float32)
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return out
    lo = rows_of.indptr[rows]
    lengths = rows_of.indptr[rows + 1] - lo
    total = int(lengths.sum())
    if not total:
        return out
    positions = np.repeat(lo - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + np.arange(total)
    cols = rows_of.indices[positions]
    vals = np.repeat(np.asarray(weights, dtype=np.float64), lengths)
    if not binary:
        vals = vals * rows_of.data[positions]
    return np.bincount(cols, weights=vals, minlength=size).astype(np.float32)


def _topic_top(components: np.ndarray, columns: np.ndarray, width: int = 64) -> np.ndarray:
    """TF-IDF columns of each topic's ``width`` strongest positive and negative terms (-1 pads)."""
    out = np.full((components.shape[0], 2, width), -1, dtype=np.int64)
    if not components.size:
        return out
    w = min(width, components.shape[1])
    for sign, part in ((1.0, 0), (-1.0, 1)):
        signed = sign * components
        top = np.argpartition(-signed, w - 1, axis=1)[:, :w]
        for c in range(components.shape[0]):
            chosen = top[c][np.argsort(-signed[c, top[c]])]
            chosen = chosen[signed[c, chosen] > 0]
            out[c, part, : len(chosen)] = columns[chosen]
    return out


def _l2_rows(matrix: sp.spmatrix) -> sp.csr_matrix:
    matrix = sp.csr_matrix(matrix, dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return (sp.diags(inv.astype(np.float32)) @ matrix).tocsr()


def _elementwise_max(a: sp.csr_matrix, b: sp.csr_matrix) -> sp.csr_matrix:
    return a.maximum(b).tocsr()
