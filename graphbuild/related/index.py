"""The related-work index: the corpus and one part per signal, saved as arrays + JSON.

>>> from graphbuild.related import RelatedIndex
>>> index = RelatedIndex.from_graph(G)                 # doctest: +SKIP
>>> index.save(folder); RelatedIndex.load(folder)      # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from ..errors import RelatedLookupError
from ..ingest.fields import clean_text
from ..lookup import Match, Resolver
from ..progress import Progress, no_progress
from ..records import entity_id, name_key, normalize_title, paper_key
from . import store
from .authors import AuthorSignal
from .citations import CitationSignal
from .config import ROLE_WEIGHTS, ROLES, RelatedConfig
from .corpus import Corpus
from .dense import DenseSignal
from .entities import EntitySignal
from .query import Query
from .text import TextSignal
from .topics import TopicSignal
from .walk import WalkSignal
from .years import TimeSignal

__all__ = ["RelatedIndex"]

_ROLE_RANK = {role: i for i, role in enumerate(ROLES)}
_PARTS = {"text": TextSignal, "topics": TopicSignal, "entities": EntitySignal, "walk": WalkSignal,
          "citations": CitationSignal, "authors": AuthorSignal, "time": TimeSignal}
#: the stage :meth:`RelatedIndex.from_graph` reports, and its steps (the corpus, six signals, the last two together)
INDEXING, INDEX_STEPS = "indexing related work", 7


@dataclass(frozen=True, eq=False)
class RelatedIndex:
    """Everything the query path needs, computed once from a graph.

    Build with :meth:`from_graph`, store with :meth:`save`, read back with
    :meth:`load`. ``nlp`` names the spaCy model and gazetteer that free-text
    queries are run through (the workspace's own settings).
    """

    corpus: Corpus
    text: TextSignal
    topics: TopicSignal
    entities: EntitySignal
    walk: WalkSignal
    citations: CitationSignal
    authors: AuthorSignal
    time: TimeSignal
    config: RelatedConfig = field(default_factory=RelatedConfig)
    nlp: dict[str, str] = field(default_factory=dict)
    dense: DenseSignal | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------ build and store

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph, *, config: RelatedConfig = RelatedConfig(),
                   nlp: dict[str, str] | None = None, dense: DenseSignal | None = None,
                   progress: Progress = no_progress) -> RelatedIndex:
        """Index every signal of the graph ``G``.

        Parameters
        ----------
        G : a graphbuild graph (see :mod:`graphbuild.graph`).
        config : the signals' settings.
        nlp : ``{"model": ..., "gazetteer": ...}`` for free-text queries (the
            workspace's settings); empty for the default pipeline.
        dense : precomputed paper embeddings (see :mod:`graphbuild.related.dense`), or None.
        progress : told ``(INDEXING, done, INDEX_STEPS)`` as each signal is indexed (some 25 s of CPU at
            100,000 papers, which the first ``related`` after a build spent in silence).
        """
        corpus = Corpus.from_graph(G, config.citations)
        progress(INDEXING, 1, INDEX_STEPS)
        text = TextSignal.index(corpus.texts(G), config.text)
        progress(INDEXING, 2, INDEX_STEPS)
        topics = TopicSignal.index(text.tfidf, config.topics, idf=text.idf, entropy=text.entropy)
        progress(INDEXING, 3, INDEX_STEPS)
        entities = EntitySignal.index(corpus, config.entities)
        progress(INDEXING, 4, INDEX_STEPS)
        walk = WalkSignal.index(corpus, config.walk, config.entities)
        progress(INDEXING, 5, INDEX_STEPS)
        citations = CitationSignal.index(corpus, config.citations, config.reasons.title_width)
        progress(INDEXING, 6, INDEX_STEPS)
        index = cls(corpus=corpus, text=text, topics=topics, entities=entities, walk=walk, citations=citations,
                    authors=AuthorSignal.index(corpus), time=TimeSignal.index(corpus),
                    config=config, nlp=dict(nlp or {}), dense=dense)
        progress(INDEXING, INDEX_STEPS, INDEX_STEPS)
        return index

    def save(self, folder: str | Path, *, parents: bool = True) -> Path:
        """Write the index as ``index.npz`` + ``index.json`` into ``folder`` (replaced whole).

        With ``parents=False`` the folder's parent must exist (``FileNotFoundError`` otherwise): a
        workspace's index is never written into a generation a concurrent build has removed.
        """
        arrays: dict[str, np.ndarray] = {}
        meta: dict[str, Any] = {"config": self.config.to_dict(), "nlp": self.nlp,
                                "corpus": store.dump_part(self.corpus, "corpus", arrays)}
        meta["parts"] = {name: store.dump_part(getattr(self, name), name, arrays) for name in _PARTS}
        if self.dense is not None:
            meta["dense"] = store.dump_part(self.dense, "dense", arrays)
        folder = Path(folder)
        if parents:
            folder.parent.mkdir(parents=True, exist_ok=True)
        store.write_folder(folder, arrays, meta)
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> RelatedIndex | None:
        """Read an index written by :meth:`save`; None when absent, unreadable or of another format."""
        stored = store.read_folder(Path(folder))
        if stored is None:
            return None
        meta, arrays = stored
        try:
            corpus = store.load_part(Corpus, "corpus", meta["corpus"], arrays)
            parts: dict[str, Any] = {name: store.load_part(kind, name, meta["parts"][name], arrays,
                                           **({"corpus": corpus} if "corpus" in _shared(kind) else {}))
                     for name, kind in _PARTS.items()}
            dense = store.load_part(DenseSignal, "dense", meta["dense"], arrays) if "dense" in meta else None
        except store.UNREADABLE:
            return None
        return cls(corpus=corpus, config=RelatedConfig.from_dict(meta["config"]), nlp=dict(meta.get("nlp") or {}),
                   dense=dense, **parts)

    # ------------------------------------------------------------ convenience

    @property
    def n_papers(self) -> int:
        """Number of corpus papers."""
        return self.corpus.n_papers

    @property
    def paper_ids(self) -> list[str]:
        """Corpus paper ids, in row order."""
        return self.corpus.paper_ids

    @property
    def paper_pos(self) -> dict[str, int]:
        """Paper id -> row."""
        return self.corpus.paper_pos

    @property
    def titles(self) -> list[str]:
        """Corpus paper titles, in row order."""
        return self.corpus.titles

    def resolver(self) -> Resolver:
        """A :class:`~graphbuild.lookup.Resolver` over the corpus papers and entities (built once)."""
        if "resolver" not in self._cache:
            c = self.corpus
            counts = np.diff(c.roles_t.indptr)
            self._cache["resolver"] = Resolver(
                papers=zip(c.paper_ids, c.titles),
                entities=((e, c.entity_names[i], c.entity_aliases[i], float(counts[i]))
                          for i, e in enumerate(c.entity_ids)), paper_ids=c.paper_other_ids)
        return self._cache["resolver"]

    def find_paper(self, text: str, *, fuzzy: bool = True) -> tuple[int, Match]:
        """Row of the corpus paper an id (``fuzzy=False``: only an id) or a title names, and how."""
        wanted = (text or "").strip()
        for key in (wanted, paper_key(wanted) if wanted else ""):
            key = self.corpus.paper_other_ids.get(key, key)  # an arXiv id of a paper keyed by its DOI
            if key in self.corpus.paper_pos:
                return self.corpus.paper_pos[key], Match(key, "paper", self.corpus.titles[
                    self.corpus.paper_pos[key]], "id")
        self._refuse_cited_only(wanted)
        if not fuzzy or not wanted:
            close = self.resolver().suggestions(wanted, kinds=("paper",))
            hint = "; did you mean " + ", ".join(f"{e.name!r} ({e.node})" for e in close) + "?" if close else ""
            raise RelatedLookupError(
                f"paper {text!r} is not a corpus paper of this graph{hint} "
                "(give the id of a paper in the workspace, e.g. arXiv:2506.02838, or pass its title instead)")
        match = self.resolver().resolve(wanted, kinds=("paper",), cutoff=self.config.reasons.fuzzy_cutoff)
        return self.corpus.paper_pos[match.node], match

    def _refuse_cited_only(self, wanted: str) -> None:
        """Raise when ``wanted`` is the id or exact title of a paper the corpus only cites: it was told that
        "no paper matches" or offered unrelated titles, though the graph holds it.
        """
        if not wanted or not self.corpus.external_ids:
            return
        if "external_names" not in self._cache:
            c = self.corpus
            corpus_titles = {normalize_title(t) for t in c.titles}  # a corpus paper's title names it first
            names = {key: p for p, t in zip(c.external_ids, c.external_titles)
                     if (key := normalize_title(t)) not in corpus_titles}
            self._cache["external_names"] = {**names, **{p: p for p in c.external_ids}}
        names = self._cache["external_names"]
        pid = names.get(wanted) or names.get(paper_key(wanted)) or names.get(normalize_title(wanted))
        if pid is not None:
            shown = repr(wanted) if pid == wanted else f"{wanted!r} ({pid})"
            raise RelatedLookupError(
                f"{shown} is a paper the corpus cites, not one of its papers, so nothing is known to rank "
                "from; 'graphbuild related --external' ranks such papers, and 'graphbuild expand' adds them")

    def find_entity(self, text: str) -> tuple[int, Match]:
        """Column of the entity an id, name or alias names, and how it was matched."""
        key = (text or "").strip()
        for candidate in (key, entity_id(name_key(key))):
            if candidate in self.corpus.entity_pos:
                col = self.corpus.entity_pos[candidate]
                return col, Match(candidate, "entity", self.corpus.entity_names[col], "id")
        match = self.resolver().resolve(key, kinds=("entity",), cutoff=self.config.reasons.fuzzy_cutoff)
        return self.corpus.entity_pos[match.node], match

    # ------------------------------------------------------------ queries

    def paper_query(self, r: int) -> Query:
        """The query of a corpus paper: its terms, entities and year."""
        cols, ranks = self.corpus.roles.indices, self.corpus.roles.data
        lo, hi = self.corpus.roles.indptr[r], self.corpus.roles.indptr[r + 1]
        roles = {int(c): ROLES[int(v) - 1] for c, v in zip(cols[lo:hi], ranks[lo:hi])}
        terms, weights = self.text.paper_terms(r)
        return Query(row=r, terms=terms, weights=weights, entity_roles=roles,
                     year=float(self.corpus.years[r]), subject="this paper")

    def text_query(self, text: str, extract: Callable[[str], Any] | None = None) -> Query:
        r"""The query of a free text: its terms, and the known entities the NLP pass or a name lookup finds.

        ``extract`` turns text into a :class:`~graphbuild.records.Extraction`;
        by default the pipeline named by :attr:`nlp` (the workspace's own).
        The text is read as the readers read an abstract (:func:`~graphbuild.ingest.fields.clean_text`):
        a LaTeX draft's ``\cite{…}`` and ``\textbf{…}``, and HTML tags, are no words or names of it.
        """
        text = clean_text(text)
        terms, weights = self.text.text_terms(text, self.config.text)
        roles: dict[int, str] = {}
        extraction = (extract or self._extractor())(text)
        for ent in extraction.entities:
            col = self._entity_column([ent.name, ent.canonical or "", *ent.mentions])
            if col is None:
                continue
            role = ent.role if ent.role in _ROLE_RANK else "uses"
            if col not in roles or _ROLE_RANK[role] < _ROLE_RANK[roles[col]]:
                roles[col] = role
        for col in self._named_entities(text):  # names the NLP pass did not pick up still count
            roles.setdefault(col, "uses")
        weights_by_col = {c: ROLE_WEIGHTS[r.upper()] for c, r in roles.items()}
        return Query(row=None, terms=terms, weights=weights, entity_roles=roles, entity_weights=weights_by_col,
                     subject="your text", text=text)

    def _extractor(self) -> Callable[[str], Any]:
        from ..nlp.pipeline import cached_pipeline, extract_text

        nlp = cached_pipeline(self.nlp.get("model") or None, self.nlp.get("gazetteer") or "")
        return lambda text: extract_text(text, nlp)

    def _entity_column(self, names: list[str]) -> int | None:
        exact = self.resolver()
        for name in names:
            if not name:
                continue
            if entity_id(name_key(name)) in self.corpus.entity_pos:
                return self.corpus.entity_pos[entity_id(name_key(name))]
            try:
                match = exact.resolve(name, kinds=("entity",), cutoff=None, fragments=False)
            except RelatedLookupError:
                continue
            return self.corpus.entity_pos[match.node]
        return None

    def _named_entities(self, text: str) -> list[int]:
        """Columns of entities whose name or alias appears as a phrase of ``text``."""
        cfg = self.config.entities
        words = re.findall(r"[\w][\w.+\-]*[\w+]|\w", text)
        found: list[int] = []
        for size in range(1, cfg.text_max_words + 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                if len(phrase) < cfg.text_min_chars:
                    continue
                col = self._entity_column_exact(phrase)
                if col is not None and col not in found:
                    found.append(col)
        return found

    def _entity_column_exact(self, phrase: str) -> int | None:
        """The entity a phrase of text names: case-insensitively, except that a name with a word
        holding a capital after its first letter (``CAN``, ``LoRA``, ``GPT-4``) must be written with
        its capitals, so that the word "can" is not the entity CAN.
        """
        if "names" not in self._cache:
            c = self.corpus
            loose: dict[str, int] = {}
            cased: dict[str, int] = {}
            for i, e in enumerate(c.entity_ids):
                for alias in [c.entity_names[i], *c.entity_aliases[i]]:
                    if alias and any(ch.isupper() for word in alias.split() for ch in word[1:]):
                        cased.setdefault(_cased_key(alias), i)
                    elif alias:
                        loose.setdefault(alias.casefold(), i)
                        loose.setdefault(name_key(alias), i)
                loose.setdefault(e.casefold(), i)
            self._cache["names"] = (loose, cased)
        loose, cased = self._cache["names"]
        found = cased.get(_cased_key(phrase))
        return found if found is not None else loose.get(phrase.casefold())


def _cased_key(name: str) -> str:
    """``name`` with only its letters, digits and ``+`` kept, case kept (``Llama-2 7B`` -> ``Llama27B``)."""
    return "".join(ch for ch in name if ch.isalnum() or ch == "+")


def _shared(kind: type) -> set[str]:
    from dataclasses import fields

    return {f.name for f in fields(kind) if "shared" in f.metadata}
