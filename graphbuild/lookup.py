"""One resolver from what a user types to a node: a paper, an entity or an author.

Tried in order, the first step that finds something wins:

1. the exact node id (for papers also any id form :func:`~graphbuild.records.paper_key` accepts);
2. an exact entity name, then an entity alias (case-insensitive, then by
   :func:`~graphbuild.records.name_key`); several entities: the one in most papers;
3. an exact author name;
4. an exact paper title (compared by :func:`~graphbuild.records.normalize_title`);
5. a fragment of one paper title (when ``fragments`` and only one title holds it; a title naming
   it before its colon, then as whole words, comes before a title holding it inside a word);
6. a fuzzy match (:mod:`rapidfuzz`) of titles, names and aliases, at or above ``cutoff``
   (``cutoff=None``: no fuzzy step, and a miss is not followed by "did you mean").

The answer, a :class:`Match`, says what was matched and how, so a caller
can tell the user when a fuzzy match stood in for what they typed. A miss
raises :class:`~graphbuild.errors.RelatedLookupError` with "did you mean ...".

>>> r = Resolver(papers=[("P1", "LoRA: low-rank adaptation")], entities=[("entity:lora", "LoRA", (), 3)])
>>> r.resolve("lora").node, r.resolve("lora").how
('entity:lora', 'name')
>>> m = r.resolve("LoRA low rank adaptaton", kinds=("paper",))
>>> m.node, m.how
('P1', 'fuzzy')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process, utils

from .errors import QueryError, RelatedLookupError, quoted
from .records import name_key, normalize_title, paper_key

__all__ = ["Match", "Resolver", "KINDS", "choose_types"]

#: what can be looked up
KINDS = ("paper", "entity", "author")


def choose_types(given: Iterable[str], choices: Sequence[str], what: str) -> frozenset[str]:
    """The ``choices`` a user named in ``given``, case-insensitively, spelled as in ``choices``.

    >>> sorted(choose_types(["model", " Dataset "], ("Model", "Dataset", "Method"), "entity type"))
    ['Dataset', 'Model']

    Raises :class:`~graphbuild.errors.QueryError` listing the names that are none of them.
    """
    wanted = {str(t).strip() for t in given if str(t).strip()}
    by_fold = {c.casefold(): c for c in choices}
    unknown = sorted(t for t in wanted if t.casefold() not in by_fold)
    if unknown:
        raise QueryError(f"unknown {what}(s) {', '.join(unknown)}; choose among {', '.join(choices)}")
    return frozenset(by_fold[t.casefold()] for t in wanted)


@dataclass(frozen=True, slots=True)
class Match:
    """What a user's text resolved to.

    ``how`` is one of ``id``, ``name``, ``alias``, ``title``, ``fragment``,
    ``fuzzy``; ``score`` is 100 for an exact match, the rapidfuzz ratio
    otherwise; ``name`` is the title or name that matched.
    """

    node: str
    kind: str
    name: str
    how: str
    score: float = 100.0
    #: the other papers holding the same title, when an exact title named several (a title is no id)
    others: tuple[str, ...] = ()

    @property
    def fuzzy(self) -> bool:
        """True when the text only resembles what was matched."""
        return self.how == "fuzzy"

    @property
    def approximate(self) -> bool:
        """True when a fuzzy match or a title fragment stood in for what was typed, or the title names
        other papers too: worth telling the user.
        """
        return self.how in ("fuzzy", "fragment") or bool(self.others)

    def describe(self) -> str:
        """One line for the user: ``matched paper 'X' (id) by fuzzy match, 91%``; for a title several
        papers hold, which ones the user can name by id instead.
        """
        how = f"fuzzy match, {self.score:.0f}%" if self.fuzzy else self.how
        line = f"matched {self.kind} {self.name!r} ({self.node}) by {how}"
        if self.others:
            many = "papers have" if len(self.others) > 1 else "paper has"
            line += f"; {len(self.others)} other {many} this title: {', '.join(self.others)} (give an id)"
        return line


@dataclass(frozen=True, slots=True)
class _Entry:
    node: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    weight: float  # ties between equal names go to the heavier entry


def other_paper_ids(node: str, data: Mapping[str, Any]) -> dict[str, str]:
    """The ids besides its node id that name the paper ``node`` (its graph properties ``data``): ``doi:<doi>``
    and ``arxiv:<id>``, as :func:`~graphbuild.records.paper_key` writes what a user types, -> ``node``.

    >>> other_paper_ids("doi:10.5555/t.1", {"doi": "10.5555/t.1", "arxiv_id": "2107.01234"})
    {'arxiv:2107.01234': 'doi:10.5555/t.1'}
    """
    keys = [prefix + str(data[field]) for prefix, field in (("doi:", "doi"), ("arxiv:", "arxiv_id")) if data.get(field)]
    return {key: node for key in keys if key != node}


class Resolver:
    """Look up papers, entities and authors by id, name, alias or title.

    Parameters
    ----------
    papers : ``(id, title)`` pairs.
    entities : ``(id, name, aliases, weight)``; ``weight`` (papers mentioning
        it) breaks ties between entities of the same name.
    authors : ``(id, name)`` pairs.
    paper_ids : a paper's other ids (``doi:...``, ``arxiv:...``) -> its id, so that an arXiv id names a paper
        the published version's DOI keys.
    """

    def __init__(self, papers: Iterable[tuple[str, str]] = (),
                 entities: Iterable[tuple[str, str, Sequence[str], float]] = (),
                 authors: Iterable[tuple[str, str]] = (), paper_ids: Mapping[str, str] | None = None):
        self._entries: list[_Entry] = (
            [_Entry(str(p), "paper", str(t or p), (), 0.0) for p, t in papers]
            + [_Entry(str(e), "entity", str(n or e), tuple(str(a) for a in al if a), float(w or 0))
               for e, n, al, w in entities]
            + [_Entry(str(a), "author", str(n or a), (), 0.0) for a, n in authors])
        self._by_id = {e.node: e for e in self._entries}
        # another id of a paper (``arxiv:<id>`` of one whose id is its DOI) -> the paper's node id
        self._other_ids = {k: v for k, v in (paper_ids or {}).items() if v in self._by_id}
        self._exact: dict[tuple[str, str], list[_Entry]] = {}
        for e in self._entries:
            if e.kind == "paper":
                self._exact.setdefault(("title", normalize_title(e.name)), []).append(e)
                continue
            step = "name" if e.kind == "entity" else "author"
            for key in {e.name.casefold(), name_key(e.name)}:
                self._exact.setdefault((step, key), []).append(e)
            for alias in e.aliases:
                for key in {alias.casefold(), name_key(alias)}:
                    self._exact.setdefault(("alias", key), []).append(e)
        self._choices: list[str] = []
        self._owners: list[_Entry] = []
        for e in self._entries:
            for label in (e.name, *e.aliases):
                self._choices.append(utils.default_process(label))
                self._owners.append(e)

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph, *, external: bool = True) -> Resolver:
        """Everything in a graphbuild graph (external papers unless ``external=False``)."""
        papers, entities, authors = [], [], []
        other_ids: dict[str, str] = {}
        for node, data in G.nodes(data=True):
            label = data.get("label")
            if label == "Paper" and (external or not data.get("external")):
                papers.append((node, str(data.get("title") or node)))
                other_ids.update(other_paper_ids(node, data))
            elif label == "Entity":
                count = data.get("paper_count")
                entities.append((node, str(data.get("name") or node), tuple(data.get("aliases") or ()),
                                 float(count if count is not None else len(G.pred[node]))))
            elif label == "Author":
                authors.append((node, str(data.get("name") or node)))
        return cls(papers, entities, authors, paper_ids=other_ids)

    def resolve(self, text: str, kinds: Sequence[str] = KINDS, *, cutoff: float | None = 85.0,
                fragments: bool = True) -> Match:
        """The node ``text`` names (see the module docstring for the order tried).

        Raises
        ------
        RelatedLookupError
            Nothing matches (with "did you mean" when something is close), or a
            title fragment matches several papers (listing them).
        """
        wanted = str(text or "").strip()
        allowed = set(kinds)
        for key in (wanted, paper_key(wanted) if wanted else ""):
            entry = self._by_id.get(key) or self._by_id.get(self._other_ids.get(key, ""))
            if entry is not None and entry.kind in allowed:
                return Match(entry.node, entry.kind, entry.name, "id")
        folded, nkey, tkey = wanted.casefold(), name_key(wanted), normalize_title(wanted)
        for step, keys in (("name", (folded, nkey)), ("alias", (folded, nkey)), ("author", (folded, nkey)),
                           ("title", (tkey,))):
            found = [e for k in keys if k for e in self._exact.get((step, k), ()) if e.kind in allowed]
            if found:
                best = min(found, key=lambda e: (-e.weight, e.node))
                others = tuple(sorted({e.node for e in found} - {best.node})) if step == "title" else ()
                return Match(best.node, best.kind, best.name, "title" if step == "title" else
                             ("name" if step == "author" else step), others=others)
        if fragments and "paper" in allowed and folded:
            hits = self._fragment_hits(folded)
            if len(hits) == 1:
                e = self._by_id[hits[0]]
                return Match(e.node, e.kind, e.name, "fragment")
            if hits:
                shown = "; ".join(f"{quoted(self._by_id[n].name)} ({n})" for n in hits[:8])
                more = f" and {len(hits) - 8} more" if len(hits) > 8 else ""
                raise RelatedLookupError(f"{quoted(wanted)} matches {len(hits)} paper titles: {shown}{more}. "
                                         "Give more of the title or the paper id.")
        if cutoff is None:
            raise RelatedLookupError(f"no exact match for {quoted(wanted)}")
        return self._fuzzy(wanted, allowed, cutoff)

    def _fragment_hits(self, folded: str) -> list[str]:
        """The papers whose titles hold ``folded`` (case-folded), in the narrowest of three tiers that
        has any: the title's own name before its colon is ``folded`` ("LoRA" in "LoRA: Low-Rank ..."),
        ``folded`` stands as whole words, or anywhere (so "LoRA" picks the LoRA paper over QLoRA's).
        """
        titles = [(e.node, e.name.casefold()) for e in self._entries if e.kind == "paper"]
        hits = [(node, title) for node, title in titles if folded in title]
        if len(hits) > 1:
            words = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
            for tier in ([h for h in hits if ":" in h[1] and h[1].split(":", 1)[0].strip() == folded],
                         [h for h in hits if words.search(h[1])]):
                if tier:
                    hits = tier
                    break
        return sorted({node for node, _ in hits})

    def _fuzzy(self, wanted: str, allowed: set[str], cutoff: float) -> Match:
        query = utils.default_process(wanted)
        choices = self._choices_for(allowed)
        if query and choices:
            best = process.extractOne(query, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
            if best is not None:
                e = self._owners[best[2]]
                return Match(e.node, e.kind, e.name, "fuzzy", round(float(best[1]), 1))
        raise RelatedLookupError(self._miss_message(wanted, query, choices, allowed))

    def suggestions(self, text: str, kinds: Sequence[str] = KINDS, limit: int = 3,
                    floor: float = 60.0) -> list[_Entry]:
        """The entries closest to ``text`` (at most ``limit``, none below ``floor``)."""
        query = utils.default_process(str(text or ""))
        return self._close(query, self._choices_for(set(kinds)), limit, floor)

    def _choices_for(self, allowed: set[str]) -> dict[int, str]:
        """The fuzzy-matching text of every entry of an allowed kind, by entry number."""
        return {i: c for i, c in enumerate(self._choices) if self._owners[i].kind in allowed}

    def _close(self, query: str, choices: dict[int, str], limit: int, floor: float) -> list[_Entry]:
        if not query or not choices:
            return []
        out: list[_Entry] = []
        for _, _, i in process.extract(query, choices, scorer=fuzz.WRatio, processor=None,
                                       limit=limit * 3, score_cutoff=floor):
            e = self._owners[i]
            if e not in out:
                out.append(e)
        return out[:limit]

    def _miss_message(self, wanted: str, query: str, choices: dict[int, str], allowed: set[str]) -> str:
        what = " or ".join(k for k in KINDS if k in allowed)
        close = self._close(query, choices, 3, 60.0)
        if not close:
            return f"no {what} matches {quoted(wanted)}, and nothing is close; give an id or the exact name or title"
        shown = ", ".join(f"{quoted(e.name)} ({e.node})" if e.kind == "paper" else e.name for e in close)
        return f"no {what} matches {quoted(wanted)}; did you mean {shown}?"
