"""Features of candidate spans and of the entities they group into, for the decision model.

Pure functions over the text, the sentence spans and the candidates the
proposing components found: nothing here decides. Each feature is a string
(present or not) or a string with a value; :mod:`graphbuild.nlp.decide`
weighs them with learned coefficients.

Feature families: the proposers that found the span; its shape (casing,
digits, hyphens, length); the gazetteer's entry and type; the type votes of
head nouns and list context; the words left and right; cue phrases; where
it stands (title, before the title's colon, first sentence); how the paper
uses the same form elsewhere (how often, whether it is also written in lower
case, whether it is defined as an abbreviation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..records import name_key
from .candidates import Candidate
from .lexicon import INTRODUCING_VERBS, NAMING_VERBS, SURVEY_TITLE, head_type, is_generic
from .patterns import INNER_CAP, shape_score

__all__ = ["group_candidates", "candidate_features", "entity_features", "Grouping", "CorpusStats",
           "corpus_stats"]

Grouping = list[list[int]]

_LEFT_WORD = re.compile(r"([A-Za-z][\w\-]*)[^\w\n]{0,3}$")
_RIGHT_WORD = re.compile(r"^[^\w\n]{0,3}([A-Za-z][\w\-]*)")
_PROPOSE_NEAR = re.compile(rf"\b(?:{INTRODUCING_VERBS}|{NAMING_VERBS}|train)(?:s|d|ed)?\b", re.I)
_WE = re.compile(r"\b(?:we|our|this paper|this work|here)\b", re.I)
_OUR_BEFORE = re.compile(r"\b(?:our|the proposed|this new|a new|a novel|novel)\s+(?:[\w-]+\s+){0,3}$", re.I)


def _OUR_HINT(low: str) -> bool:
    """A cheap test that must hold wherever ``_OUR_BEFORE`` matches (of the lower-cased text)."""
    return "our" in low or "new" in low or "nov" in low or "propo" in low


_SIBLING = re.compile(r"^\s*(?:,|and|&|/)\s*")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright|all rights reserved|published by|periodicals|inc\.|ltd\.?|"
                        r"elsevier|springer|wiley|ieee|acm)", re.I)
_DIGIT = re.compile(r"\d")
_PLURAL = re.compile(r"(?:'s|’s|s)$")


_TOKEN = re.compile(r"(?<![\w\-])[A-Za-z][A-Za-z0-9]*(?:[\-+.][A-Za-z0-9]+)*(?:\+\+)?")
_SENT_OPEN = re.compile(r"(?:^|[.!?:]\s+|\n)$")


class CorpusStats:
    """How the papers being built write each word: capitalised or not (away from a sentence's
    start), and in how many papers. Built once per corpus by :func:`corpus_stats`.
    """

    __slots__ = ("counts", "papers", "_features", "_features_of")

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}  # lower-cased word -> [capitalised, lower-case, papers]
        self.papers = 0
        self._features: dict[str, tuple[tuple[str, float], ...]] = {}  # name -> its features, per ``counts``
        self._features_of: object = None

    def add(self, text: str) -> None:
        """Count one paper's abstract (the text after its title)."""
        start = text.find("\n\n")
        body = text[start + 2:] if start >= 0 else text
        self.papers += 1
        self._features_of = None
        seen: set[str] = set()
        counts = self.counts
        sent_open = _SENT_OPEN.search
        for m in _TOKEN.finditer(body):
            word = m.group()
            key = word.lower()
            row = counts.get(key)
            if row is None:
                row = counts[key] = [0, 0, 0]
            if key not in seen:
                seen.add(key)
                row[2] += 1
            if word == key:
                row[1] += 1
            else:
                at = m.start()
                if not sent_open(body[max(0, at - 3):at]):
                    row[0] += 1

    def features(self, name: str, f: dict[str, float]) -> None:
        """Add the corpus features of a one-word name to ``f``."""
        if self._features_of is not self.counts:  # counts changed (or were replaced): start afresh
            self._features, self._features_of = {}, self.counts
        items = self._features.get(name)
        if items is None:
            items = self._features[name] = self._features_uncached(name)
        f.update(items)

    def _features_uncached(self, name: str) -> tuple[tuple[str, float], ...]:
        row = self.counts.get(name.lower())
        if row is None or row[0] + row[1] == 0:
            return (("cs_unseen", 1),)
        rate = row[0] / (row[0] + row[1])
        return (("cs_cap=" + ("0" if rate == 0 else "lo" if rate < 0.5 else "mid" if rate < 0.9 else "hi"), 1),
                ("cs_papers=" + ("1" if row[2] <= 1 else "few" if row[2] <= 4 else "many"), 1))


def corpus_stats(texts: Iterable[str]) -> CorpusStats:
    r"""Word casing statistics over a corpus of ``title\n\nabstract`` texts."""
    stats = CorpusStats()
    for text in texts:
        stats.add(text)
    return stats


def group_candidates(cands: list[Candidate], gaz_key: Callable[[Candidate], str | None]) -> Grouping:
    """Candidates naming one thing in a paper, as lists of indices into ``cands``.

    Forms join when their name keys agree, when one is the other's plural or
    possessive (``BERTs``, ``BERT's``), when the gazetteer maps them to one
    entry, or when an abbreviation pair links them.
    """
    keys = [name_key(c.text) for c in cands]
    singular = {k for k in keys if k}
    first: dict[str, int] = {}  # a link -> the first candidate that has it
    parent = list(range(len(cands)))  # union-find over candidates; a root is its group's smallest index

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, c in enumerate(cands):
        links = [keys[i]]
        if keys[i].endswith("s") and keys[i][:-1] in singular and len(keys[i]) > 3:
            links.append(keys[i][:-1])
        g = gaz_key(c)
        if g:
            links.append("gaz:" + g)
        if c.group >= 0:
            links.append(f"grp:{c.group}")
        for link in links:
            if not link:
                continue
            j = first.setdefault(link, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


@lru_cache(maxsize=200_000)
def _shape_of(name: str) -> tuple[tuple[str, float], ...]:
    f: dict[str, float] = {}
    _shape_features_uncached(name, f)
    return tuple(f.items())


def _shape_features_uncached(name: str, f: dict[str, float]) -> None:
    words = name.split()
    f[f"nw={min(len(words), 4)}"] = 1
    f[f"shape={int(shape_score(name))}"] = 1
    letters = [c for c in name if c.isalpha()]
    if _DIGIT.search(name):
        f["digit"] = 1
    if INNER_CAP.search(name):
        f["innercap"] = 1
    if letters and all(c.isupper() for c in letters):
        f["allcaps"] = 1
        f[f"allcaps_len={min(len(letters), 6)}"] = 1
    elif letters and all(c.islower() for c in letters):
        f["lower"] = 1
    elif all(w[:1].isupper() for w in words):
        f["titlecase"] = 1
    if "-" in name:
        f["hyphen"] = 1
    if name.endswith("++"):
        f["plusplus"] = 1
    if re.match(r"^[a-z]{1,3}-[A-Z]", name):
        f["lowerprefix"] = 1
    if len(name) <= 3:
        f["short"] = 1
    for w in words[1:-1]:
        if w[:1].islower() or w == "&":
            f["connector=" + w.lower()] = 1
    low = name.lower()
    if low in STOP_WORDS:
        f["stopword"] = 1
    if len(words) == 1 and head_type(low):
        f["headword=" + head_type(low)] = 1  # type: ignore[operator]
    elif len(words) > 1 and head_type(words[-1]):
        f["lasthead=" + head_type(words[-1])] = 1  # type: ignore[operator]  # "… Matrix Completion", "… Transformer"
    if is_generic(name):
        f["generic"] = 1
    tail = re.split(r"[-\s]", name)[-1].lower()
    if len(tail) > 2:
        f["suffix3=" + tail[-3:]] = 1


@dataclass(slots=True)
class _GroupEvidence:
    """What the members of each group show together (shared by all of them as ``g…`` features)."""

    group_of: dict[int, int]
    sources: list[set[str]]
    count: list[int]
    outside: list[bool]
    strong: list[bool]
    rule: list[bool]
    final: list[bool]
    votes: list[dict[str, float]]


def _group_evidence(cands: list[Candidate], groups: Grouping, title_end: int) -> _GroupEvidence:
    n = len(groups)
    ev = _GroupEvidence({i: g for g, members in enumerate(groups) for i in members}, [set() for _ in groups],
                        [0] * n, [False] * n, [False] * n, [False] * n, [False] * n, [{} for _ in groups])
    for i, c in enumerate(cands):
        g = ev.group_of[i]
        ev.sources[g].update(c.sources or (c.source,))
        ev.count[g] += 1
        ev.outside[g] |= c.start >= title_end
        ev.strong[g] |= c.strong
        ev.rule[g] |= c.rule_kept
        ev.final[g] |= c.rule_final
        for t, w in c.votes.items():
            ev.votes[g][t] = max(ev.votes[g].get(t, 0), w)
    return ev


def candidate_features(text: str, sents: list[tuple[int, int]], title_end: int, cands: list[Candidate],
                       groups: Grouping, gaz_types: list[str | None],
                       corpus: CorpusStats | None = None) -> list[dict[str, float]]:
    """One feature dictionary per candidate (see the module docstring for the families).

    ``corpus`` holds the casing statistics of the papers being built; without
    it, those of this paper alone are used.
    """
    if corpus is None:
        corpus = corpus_stats([text])
    title = text[:title_end]
    colon = title.find(":")
    survey = bool(SURVEY_TITLE.search(title))
    lowered = text.lower()
    lower_words = {w for w in _TOKEN.findall(text) if w.islower()}
    whole_title = _title_spans(title)
    known = [(c.start, c.end) for c, t in zip(cands, gaz_types) if t]
    first_copyright = _COPYRIGHT.search(text, title_end)
    copyright_at = first_copyright.start() if first_copyright else len(text)
    ev = _group_evidence(cands, groups, title_end)
    group_of, g_outside = ev.group_of, ev.outside
    # what every member of a group shares, computed once per group
    g_items = [_group_items(ev, g) for g in range(len(groups))]
    out = []
    for i, c in enumerate(cands):
        g = group_of[i]
        g_sources, g_votes, g_strong, g_rule, g_final, g_count = g_items[g]
        f: dict[str, float] = {"bias": 1}
        f.update(_source_items(c.sources or (c.source,)))
        f.update(g_sources)
        f.update(_shape_of(c.text))
        gt = gaz_types[i]
        if gt:
            f["gaz=" + gt] = 1
        if c.key is not None and not c.strong:
            f["gaz_ambiguous"] = 1
        for t, w in c.votes.items():
            f["vote=" + t] = min(w, 6.0) / 3
        f.update(g_votes)
        for name, on in (("strong", c.strong), ("gstrong", g_strong), ("rule_kept", c.rule_kept),
                         ("grule_kept", g_rule), ("rule_final", c.rule_final), ("grule_final", g_final),
                         ("rule_proposed", c.proposed), ("rule_generic", c.generic),
                         ("generic_definition", not c.accepted)):
            if on:
                f[name] = 1
        f[g_count] = 1
        if c.start < title_end:
            f["in_title"] = 1
            if 0 <= colon and c.end <= colon:
                f["title_head"] = 1
            if not g_outside[g]:
                f["title_only"] = 1
            if (c.start, c.end) in whole_title:
                f["title_whole"] = 1
            f["title_src=" + c.source] = 1
        else:
            s, _ = sents[c.sentence] if 0 <= c.sentence < len(sents) else (0, 0)
            if c.start == s:
                f["sent_start"] = 1
            f[f"sent={min(c.sentence, 3)}"] = 1
        if known and _holds_known(c, known):
            f["holds_known"] = 1
            if _JOINER.search(c.text):  # "ImageNet with ResNet-50", "RetinaNet+PVT": two names, not one
                f["joins_known"] = 1
        if c.start >= copyright_at:
            f["after_copyright"] = 1
        if survey:
            f["survey_title"] = 1
        low = c.text.lower()
        if low != c.text and (low in lower_words if " " not in low else low in text):
            f["also_lower"] = 1
        elif low == c.text and lowered.count(low) > 1:
            f["lower_repeated"] = 1
        if " " not in c.text:
            corpus.features(c.text, f)
        _context_features(text, c, sents, f)
        _conjoin(c.source, f)
        out.append(f)
    return out


_Items = tuple[tuple[str, float], ...]


_JOINER = re.compile(r"\+|\s(?:with|on|and|or|in|to|for|using|from|over|at|vs\.?)\s")


def _holds_known(c: Candidate, known: list[tuple[int, int]]) -> bool:
    """Whether a shorter candidate the gazetteer knows lies inside ``c`` ("ImageNet with ResNet-50")."""
    return any(c.start <= s and e <= c.end and e - s < c.end - c.start for s, e in known)
_TITLE_LEAD = re.compile(r"(?:(?:a|an|the|on|towards?|learning|learn|improving|rethinking|revisiting|scaling|"
                         r"understanding|efficient|simple|fast)\s+)+", re.I)


_TITLE_CUT = re.compile(r"\s(?:for|with|via|using|by|through|from|in|on|beyond|towards?|of)\s", re.I)


def _title_spans(title: str) -> set[tuple[int, int]]:
    """The spans that make up a whole part of the title: all of it, the part before its colon and
    the part after it, each without a leading "Towards" or "Learning", and the first phrase of each.
    """
    colon = title.find(":")
    parts = [(0, len(title))] if colon < 0 else [(0, len(title)), (0, colon), (colon + 1, len(title))]
    out = set()
    for s, e in parts:
        part = title[s:e]
        s += len(part) - len(part.lstrip())
        e -= len(part) - len(part.rstrip())
        lead = _TITLE_LEAD.match(title, s, e)
        start = lead.end() if lead else s
        out.update(((s, e), (start, e)))
        cut = _TITLE_CUT.search(title, start, e)
        if cut:  # the first phrase: "Tree-based Deep Model" of "Learning Tree-based Deep Model for …"
            out.add((start, cut.start()))
    return out



def _group_items(ev: _GroupEvidence, g: int) -> tuple[_Items, _Items, bool, bool, bool, str]:
    """A group's shared features: its proposers (in a fixed order), its type votes, its flags, its size."""
    sources = tuple(("gsrc=" + src, 1) for src in sorted(ev.sources[g]))
    votes = tuple(("gvote=" + t, min(w, 6.0) / 3) for t, w in ev.votes[g].items())
    return sources, votes, ev.strong[g], ev.rule[g], ev.final[g], f"count={min(ev.count[g], 4)}"


@lru_cache(maxsize=1024)
def _source_items(sources: tuple[str, ...]) -> _Items:
    return tuple(("src=" + src, 1) for src in sources)


_CONJOINED = ("shape=", "nw=", "count=", "in_title", "title_only", "also_lower", "allcaps", "lower", "titlecase",
              "cs_cap=", "gaz=", "rule_final", "Rhead=", "Lhead=", "digit", "innercap", "sent_start")


def _conjoin(source: str, f: dict[str, float]) -> None:
    """Pair the proposer with the shape, place and usage features: a capitalised run in the
    title means something else than a gazetteer hit in the title.
    """
    prefix = source + "&"
    f.update([(prefix + name, value) for name, value in f.items() if _conjoined(name)])


@lru_cache(maxsize=100_000)
def _conjoined(name: str) -> bool:
    """Is ``name`` a feature :func:`_conjoin` pairs with the proposer?"""
    return name.startswith(_CONJOINED)


def _neighbour(side: str, m: re.Match[str] | None, f: dict[str, float]) -> None:
    """The word next to a name (``L=``/``R=``) and the type its head noun signals."""
    if m is None:
        if side == "L":
            f["L=<s>"] = 1
        return
    w = m.group(1).lower()
    f[f"{side}={w}"] = 1
    t = head_type(w)
    if t:
        f[f"{side}head={t}"] = 1


def _context_features(text: str, c: Candidate, sents: list[tuple[int, int]], f: dict[str, float]) -> None:
    s, e = sents[c.sentence] if 0 <= c.sentence < len(sents) else (0, len(text))
    before = text[max(s, c.start - 80): c.start]
    after = text[c.end: min(e, c.end + 60)]
    _neighbour("L", _LEFT_WORD.search(before[-30:]), f)
    _neighbour("R", _RIGHT_WORD.match(after), f)
    if after[:1] == "(":
        f["R=("] = 1
    if before.rstrip().endswith("("):
        f["L=("] = 1
    if _SIBLING.match(after) and after.strip()[:1] in (",", "a", "&", "/"):
        f["listed"] = 1
    if _PROPOSE_NEAR.search(before[-60:]):
        f["propose_verb_before"] = 1
        if _WE.search(text[s:c.start]):
            f["we_propose_before"] = 1
    window = before[-45:]
    if _OUR_HINT(window.lower()) and _OUR_BEFORE.search(window):
        f["our_before"] = 1
    if after.startswith("-based") or after.startswith("-style"):
        f["modifier_after"] = 1


def entity_features(text: str, title_end: int, cands: list[Candidate], members: list[int],
                    type_: str, gaz_hit: bool) -> dict[str, float]:
    """Features of one entity (a group of candidates) for the ``proposed`` decision."""
    title = text[:title_end]
    colon = title.find(":")
    f: dict[str, float] = {"bias": 1, "type=" + type_: 1}
    if gaz_hit:
        f["gaz"] = 1
    if SURVEY_TITLE.search(title):
        f["survey_title"] = 1
    first_sentence = min(cands[i].sentence for i in members)
    f[f"first_sent={min(max(first_sentence, 0), 4)}"] = 1
    _proposal_context(text, title, colon, title_end, [cands[i] for i in members], f)
    f[f"count={min(len(members), 4)}"] = 1
    for i in members:
        c = cands[i]
        for src in c.sources or (c.source,):
            f["src=" + src] = 1
        if c.proposed:
            f["rule_proposed"] = 1
        if c.start < title_end:
            f["in_title"] = 1
            if 0 <= colon and c.end <= colon:
                f["title_head"] = 1
            if c.start == 0:
                f["title_start"] = 1
        if c.source == "abbrev-long" and title.lower().startswith(c.text.lower()):
            f["title_is_long_form"] = 1
        if shape_score(c.text) >= 2:
            f["coined"] = 1
        s = c.sentence
        before = text[max(0, c.start - 80): c.start]
        if _PROPOSE_NEAR.search(before[-50:]):
            f["propose_verb_before"] = 1
        if _OUR_BEFORE.search(before):
            f["our_before"] = 1
        if s >= 0 and _WE.search(before[-80:]) and _PROPOSE_NEAR.search(before[-80:]):
            f["we_verb_window"] = 1
        if _APPOSITIVE.match(text, c.end):
            f["appositive"] = 1
    if gaz_hit:  # a known name the paper itself introduces ("We introduce INSTRUCTOR"): cues outweigh the list
        for name in [n for n in f if n in _GAZ_CONJOINED]:
            f["gaz&" + name] = 1
    return f


_APPOSITIVE = re.compile(r",\s+(?:a|an)\s")
_HEAD_NAME = re.compile(r"[A-Za-z0-9][\w\-+.]*")


def _proposal_context(text: str, title: str, colon: int, title_end: int, members: list[Candidate],
                      f: dict[str, float]) -> None:
    """Whether the sentence of an entity's first mention in the abstract says the authors bring it in
    (anywhere in it: "This paper presents Approximate nearest neighbor … (ANCE), a …"), and whether
    the entity is a variant of the name before the title's colon ("SegFormer-B0" of "SegFormer: …").
    """
    body = [c for c in members if c.start >= title_end]
    if body:
        c = min(body, key=lambda c: c.start)
        s = max(text.rfind(". ", title_end, c.start) + 2, title_end)
        e = text.find(". ", c.end)
        sentence = text[s: e if e >= 0 else len(text)]
        if _PROPOSE_NEAR.search(sentence) and _WE.search(sentence):
            f["we_propose_sentence"] = 1
    if 0 < colon <= 40:
        head = _HEAD_NAME.match(title)
        if head and head.end() == len(title[:colon].rstrip()):
            stem = head.group().lower()
            if any(c.text.lower().startswith(stem) and len(c.text) > len(stem) for c in members):
                f["title_variant"] = 1
_GAZ_CONJOINED = frozenset(("propose_verb_before", "we_verb_window", "title_head", "our_before", "rule_proposed",
                            "appositive", "src=cue", "src=title"))
