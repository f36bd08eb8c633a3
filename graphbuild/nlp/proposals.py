"""Proposal phrases: the noun phrase a paper says it introduces ("we propose a hop-aware fusion layer").

Descriptive names of a paper's own method are often neither capitalised nor
coined ("a novel deep perceptual emotion consistency loss"); the other
proposers miss them. :func:`proposal_candidates` takes the noun phrase governed
by an introducing or naming verb in a sentence that speaks for the authors, up
to a boundary (punctuation, a relative pronoun, a preposition, a verb-like
"based"), without its determiner and evaluative adjectives. The decision model
tells a name from a plain description; nothing here decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .candidates import Candidate

__all__ = ["proposal_candidates", "part_candidates", "year_candidates", "GENERIC_HEADS"]

#: verbs with which authors bring in something of their own, or name it (the cues that, on the
#: annotated abstracts, led to names: "present", "develop", "build", "new" … led to descriptions)
_VERBS = r"[Pp]ropos|[Ii]ntroduc|[Dd]esign|[Ii]nvent|call|term|dub|coin|nam"
# (case-sensitive alternatives: several times faster than re.I over every abstract)
_CUE = re.compile(rf"\b(?:(?:{_VERBS})(?:e|es|ed|ing|s|d)?|[Nn]ovel)\s+")
#: a substring every match of ``_CUE`` holds
_CUE_STEMS = ("ropos", "ntroduc", "esign", "nvent", "call", "term", "dub", "coin", "nam", "ovel")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study)|[Hh]ere)\b")
#: words that end a proposal phrase
_BOUNDARY = frozenset(
    "that which who whose where when while whereby to for of in on with by via from at as into using based "
    "and or but than is are was were be been can could will would may might should must has have had "
    "this these those it its their our we".split())
#: words dropped before the phrase
_LEADING = frozenset(
    "a an the our two three four several new novel simple effective efficient general unified principled "
    "first generic lightweight so-called also further then".split())
#: heads that describe rather than name ("… approach"): the phrase is proposed without them
GENERIC_HEADS = frozenset("approach approaches mechanism mechanisms strategy strategies procedure architecture "
                          "architectures scheme technique techniques paradigm pipeline solution".split())
#: naming words inside a phrase end it: "a robust framework called Weight-Aware Distillation"
_NAMING = frozenset("called termed dubbed named namely coined".split())
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-+/']*")
_PHRASE_END = frozenset(",.;:()[]\"“”!?")


def proposal_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """The noun phrases the authors say they introduce, without a describing head ("… approach")."""
    for s, e in sentences:
        if e <= title_end:
            continue
        sent = text[s:e]
        # plain substring tests first: most sentences hold no cue, and then no regex runs
        if not any(stem in sent for stem in _CUE_STEMS) or not _FIRST_PERSON.search(sent):
            continue
        seen: set[tuple[int, int]] = set()
        for m in _CUE.finditer(text, max(s, title_end), e):
            for cand in _phrase_at(text, m.end(), e):
                if (cand.start, cand.end) not in seen:
                    seen.add((cand.start, cand.end))
                    yield cand


def _phrase_at(text: str, pos: int, end: int) -> Iterator[Candidate]:
    words: list[re.Match[str]] = []
    leading = True
    while pos < end and len(words) < 7:
        while pos < end and text[pos] == " ":
            pos += 1
        if pos >= end or text[pos] in _PHRASE_END:
            break
        m = _WORD.match(text, pos, end)
        if m is None:
            break
        low = m.group().lower()
        pos = m.end()
        if leading and low in _LEADING:
            continue
        leading = False
        if low in _BOUNDARY or low.endswith("ly") or low in _NAMING or words and _names_follow(words[-1], m):
            break
        words.append(m)
    if len(words) > 6 or not words:
        return
    if words[-1].group().lower() in GENERIC_HEADS:
        words = words[:-1]
    if len(words) < 2 or words[0].group()[:1].isupper() and words[-1].group()[:1].isupper():
        return  # one word, or a capitalised run: the shape and run proposers have it
    start, stop = words[0].start(), words[-1].end()
    yield Candidate(start, stop, text[start:stop], "proposal")


# two names joined into one token: "RetinaNet+PVT", "Synthia-to-Cityscapes", "GTA→Cityscapes"
_JOINED = re.compile(r"(?<![\w\-+])([A-Z][A-Za-z0-9.]*[A-Za-z0-9])(?:\+|-to-|→|->)([A-Z][A-Za-z0-9\-]*[A-Za-z0-9])"
                     r"(?![\w+])")


def _names_follow(last: re.Match[str], word: re.Match[str]) -> bool:
    """A capitalised name right after a describing head: "a decoding framework Kangaroo"."""
    return last.group().lower() in _HEADS_BEFORE_NAME and word.group()[:1].isupper()


_HEADS_BEFORE_NAME = GENERIC_HEADS | frozenset("method framework model module algorithm network system".split())


def part_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Each name of two joined by ``+`` or ``-to-`` ("RetinaNet+PVT": RetinaNet and PVT)."""
    if "+" not in text and "-to-" not in text and "→" not in text and "->" not in text:
        return
    for m in _JOINED.finditer(text, title_end):
        for k in (1, 2):
            if any(ch.isupper() for ch in m.group(k)[1:]) or any(ch.isdigit() for ch in m.group(k)) \
                    or len(m.group(k)) > 3:
                yield Candidate(m.start(k), m.end(k), m.group(k), "part")


# a year after a space, then the word before it: "BraTS 2019", "iNaturalist 2018" (years are rare: found first)
# (the space looked behind from the century, so that a search skips to "1" and "2")
_YEAR = re.compile(r"(?:19|20)(?<= 19| 20)\d\d(?![\w\-])")
_NAME_BEFORE = re.compile(r"(?<![\w\-])(?:[A-Za-z][\w\-]*[A-Z][\w\-]*|[A-Z][\w\-]*) $")


def year_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """A capitalised or coined word followed by a year ("BraTS 2019"): a dataset's or a challenge's edition."""
    for m in _YEAR.finditer(text, title_end):
        name = _NAME_BEFORE.search(text, max(title_end, m.start() - 40), m.start())
        if name is not None:
            yield Candidate(name.start(), m.end(), text[name.start():m.end()], "year")
