"""What the features of every candidate of one document read: :class:`DocContext`.

The text, its sentences, the title's end, colon and whole parts (and whether it is a name), where a
copyright or publisher notice starts, and quick tests of where the proposal
verbs and the lower-case words are, computed once per document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, cast

from spacy.lang.en.stop_words import STOP_WORDS

from ..records import name_key
from .candidates import Candidate
from .lexicon import (
    COMPARISON_TITLE,
    INTRODUCING_VERBS,
    LEARNING_STARTS,
    LEARNING_WORD,
    NAMING_VERBS,
    SURVEY_TITLE,
    TYPE_HEADS,
    is_generic,
    matches_from,
)

T = TypeVar("T")

__all__ = ["DocContext", "proposes", "title_name", "title_name_stem", "verb_closing", "verb_opening"]

#: the stems of the verbs of ``_PROPOSE_NEAR`` (without a final "e": "propos" of "proposing"; its
#: regular expression is built from them, so a substring search for them is a sound pre-test)
_PROPOSE_VERBS = tuple(v[:-1] if v.endswith("e") else v for v in f"{INTRODUCING_VERBS}|{NAMING_VERBS}".split("|"))
#: a verb's forms: its stem, then "e", "s", "d", "ed", "ing" (or "bed", "bing": "dubbed"); "train" without "ing"
_FORMS = rf"(?:{'|'.join(_PROPOSE_VERBS)})(?:e|es|s|d|ed|ing|bed|bing)?\b|train(?:s|ed)?\b"
_PROPOSE_VERBS += ("train",)
_PROPOSE_NEAR = re.compile(rf"\b(?:{_FORMS})", re.I)


def proposes(text: str) -> bool:
    """Whether ``text`` holds a verb with which authors bring in or name a thing of theirs (``_PROPOSE_NEAR``:
    "propose", "introduce", "build", "call", "train" …), as :meth:`DocContext.propose_near` tests a range.
    """
    return _PROPOSE_NEAR.search(text) is not None


#: ``_PROPOSE_NEAR`` at a given place, without (and with) its leading word boundary
_VERB_AT = re.compile(rf"(?:{_FORMS})", re.I)
_VERB_AFTER_BOUNDARY = re.compile(rf"(?<!\w){_VERB_AT.pattern}", re.I)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright|all rights reserved|published by|periodicals|inc\.|ltd\.?|"
                        r"elsevier|springer|wiley|ieee|acm)", re.I)
#: a word: a letter not after a word character or "-", then letters, digits and inner "-", "+", "."
#: (the look-behind follows the first letter, so that a search skips to letters; nothing after the inner
#: pieces can fail, so taking them possessively and the "++" as an empty alternative matches the same
#: without the engine's repeat records)
_TOKEN = re.compile(r"[A-Za-z](?<![\w\-][A-Za-z])[A-Za-z0-9]*(?:[\-+.][A-Za-z0-9]+)*+(?:\+\+|)")


#: a repository's name in a code-hosting address, or a project page's first host label
_HOST_PATH = r"(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co(?:/datasets|/spaces)?)/"
_REPO = (rf"{_HOST_PATH}[\w.\-]+/"
         r"([\w\-.]+?)(?:\.git)?(?=[/\s,;:)}\]]|\.(?:\s|$)|$)")
#: the account a code-hosting address names before the repository (``github.com/OWNER/name``)
_OWNER = re.compile(rf"{_HOST_PATH}([\w.\-]+)/", re.I)
_URL = re.compile(rf"{_REPO}|(?://|\b)([\w\-]+)\.github\.io", re.I)
#: ``_URL`` without its second branch, for a text without "github.io" (where that branch cannot
#: match, so both find the same; the second branch tries every word of the text); its matches
#: start where one of ``_HOSTS`` does
_URL_REPO = re.compile(_REPO, re.I)
_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co")


_TITLE_LEAD = re.compile(r"(?:(?:a|an|the|on|towards?|learning|learn|improving|rethinking|revisiting|scaling|"
                         r"understanding|efficient|simple|fast)\s+)+", re.I)


_TITLE_CUT = re.compile(r"\s(?:for|with|via|using|by|through|from|in|on|beyond|towards?|of)\s", re.I)


def _title_spans(title: str) -> set[tuple[int, int]]:
    """The spans that make up a whole part of the title: all of it, the part before its colon and
    the part after it, each without a leading "Towards" or "Learning", and the first phrase of each.
    """
    colon = title.find(":")
    parts = [(0, len(title))] if colon < 0 else [(0, len(title)), (0, colon), (colon + 1, len(title))]
    out: set[tuple[int, int]] = set()
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


#: head nouns of a title that is itself a name ("Generative Adversarial Nets", "Neural Turing Machines"):
#: the model and method heads of the lexicon, and architecture nouns it leaves out
_NAME_HEADS = frozenset(["net", "nets", "machine", "machines", "autoencoder", "autoencoders",
                         *(w for w, t in TYPE_HEADS.items() if t in ("Model", "Method"))])
_TITLE_WORD = re.compile(r"[A-Z][A-Za-z0-9'’\-]*")
#: a capital opening a word (after a space or hyphen, or at the start)
_WORD_STARTS = re.compile(r"(?<![^\s\-])[A-Z]")
#: heads too broad for a title of two words to be a name ("Diffusion Models", "Kernel Methods")
_BROAD_HEADS = frozenset("model models method methods system systems approach approaches technique techniques "
                         "algorithm algorithms framework frameworks strategy strategies agent agents family "
                         "paradigm variant variants foundation llm llms lm lms vlm vlms".split())


#: verbs a title that says what its paper does opens with ("Improve …", "Revisited …"): their base form,
#: "-s" and past forms open no name (irregular past forms follow a "/"; a form left out of the
#: rule is an adjective that opens names as well: "Learned Step Size Quantization")
_TITLE_VERBS = ("learn improve build/built train teach/taught distill unify rethink/rethought revisit reconsider "
                "revise scale enhance enable unlock unleash tame fix bring/brought turn align compress prune "
                "accelerate adapt simplify tackle solve measure evaluate explain understand/understood explore "
                "investigate probe study mitigate reduce bridge democratize demystify leverage exploit harness "
                "extend generalize characterize analyze analyse quantify predict detect discover uncover elicit "
                "steer sparsify quantize optimize regularize stabilize beat/beaten break/broken know/known")
_NOT_VERBAL = frozenset(("learned", "unified"))


def _verb_forms(entries: str) -> frozenset[str]:
    """Each verb's base form, its "-s" form and its past form (regular: "-ed", "-d", "-ied")."""
    out: set[str] = set()
    for entry in entries.split():
        base, *irregular = entry.split("/")
        if base.endswith("y"):
            third, past = base[:-1] + "ies", base[:-1] + "ied"
        else:
            third = base + ("es" if base.endswith(("sh", "ch", "x", "s")) else "s")
            past = base + ("d" if base.endswith("e") else "ed")
        out.update((base, third, *irregular) if irregular else (base, third, past))
    return frozenset(out - _NOT_VERBAL)


def _past_forms(entries: str) -> frozenset[str]:
    """Each verb's past form (regular: "-ed", "-d", "-ied"; irregular: the forms after its "/")."""
    out: set[str] = set()
    for entry in entries.split():
        base, *irregular = entry.split("/")
        out.update(irregular or [base[:-1] + "ied" if base.endswith("y") else base + ("d" if base.endswith("e")
                                                                                    else "ed")])
    return frozenset(out - _NOT_VERBAL)


#: a first word that is a verb's "-ing" form ("Compressing", "Scaling"): a capital, then lower-case
#: letters and "ing" after a stem of two letters or more that holds a vowel ("String", "Spring" are none)
_ING_OPENING = re.compile(r"[A-Z](?=[a-z]*[aeiouy][a-z]*ing$)[a-z]+ing")
_VERB_FORMS = _verb_forms(_TITLE_VERBS)
_PAST_FORMS = _past_forms(_TITLE_VERBS)


def verb_opening(word: str) -> bool:
    """Is the first word of a title a verb form, so that the title says what the paper does: an
    "-ing" form ("Compressing", "Fine-Tuning"), or a base, "-s" or past form of :data:`_TITLE_VERBS` ("Improve",
    "Revisited")?
    """
    last = word.rsplit("-", 1)[-1].capitalize() if "-" in word else word  # "Fine-Tuning", "Pre-training"
    return (_ING_OPENING.fullmatch(last) is not None and word[:1].isupper()
            or word.lower() in _VERB_FORMS and word[:1].isupper())


def verb_closing(word: str) -> bool:
    """Is the last word of a title's phrase the past form of a verb of :data:`_TITLE_VERBS` ("Revisited",
    "Explained", "Rethought"), so that the phrase says what the paper does to the name before it ("Zorb
    Revisited: …")?
    """
    return word[:1].isupper() and word.lower() in _PAST_FORMS


#: plural heads a whole-title name may add to what its abstract spells out ("… Optimization Algorithms")
_PLURAL_HEADS = frozenset("algorithms methods models networks nets architectures frameworks systems approaches "
                          "techniques machines".split())


def title_name(title: str) -> tuple[int, int] | None:
    """The span of a title that is a name as a whole: two to four capitalised words, none a function
    word, the last a model or method noun ("Graph Attention Networks", "Pointer Networks"); else ``None``
    (also for a generic phrase, two words ending in a broad head: "Kernel Methods", or a title that
    opens with a verb and so says what the paper does: "Scaling Vision Transformers", "Distill Sparse
    Mixture Transformers", "Revisited Memory Networks").

    >>> title_name("Pointer Networks"), title_name("Kernel Methods"), title_name("Convolutional Neural Networks")
    ((0, 16), None, None)
    >>> title_name("Compressing Graph Neural Networks"), title_name("String Rewriting Networks")
    (None, (0, 25))
    """
    words = title.split()
    if not 2 <= len(words) <= 4 or not all(_TITLE_WORD.fullmatch(w) for w in words):
        return None
    if verb_opening(words[0]):
        return None  # "Compressing Graph Neural Networks", "Improve Sparse Attention Networks" describe the work
    if any(w.lower() in STOP_WORDS for w in words) or words[-1].lower() not in _NAME_HEADS:
        return None
    if len(words) == 2 and words[-1].lower() in _BROAD_HEADS or is_generic(" ".join(words)):
        return None  # a field or a family, not a name: "Diffusion Models", "Convolutional Neural Networks"
    start = len(title) - len(title.lstrip())
    return start, start + len(title.strip())


def title_name_stem(name: str) -> str | None:
    """A whole-title name without its trailing plural head, when at least two words are left: what
    an abstract may define as the long form of an abbreviation ("Proximal Policy Optimization" of
    "Proximal Policy Optimization Algorithms"); else ``None``.

    >>> title_name_stem("Proximal Policy Optimization Algorithms"), title_name_stem("Pointer Networks")
    ('Proximal Policy Optimization', None)
    """
    words = name.split()
    if len(words) < 3 or words[-1].lower() not in _PLURAL_HEADS:
        return None
    return " ".join(words[:-1])


def url_owner_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's code-hosting addresses name an account (``github.com/OWNER/name``): a
    person's or a lab's handle, never a method's name.

    >>> text = "Code: github.com/QuibLabs/Zorbformer."
    >>> [text[s:e] for s, e in url_owner_spans(text)]
    ['QuibLabs']
    """
    if "/" not in text:
        return []  # (every match holds one)
    lowered = text.lower()
    if not any(host in lowered for host in _HOSTS):
        return []
    # where the lower-cased text keeps the offsets, no match starts before the first host's name
    first = min(at for at in map(lowered.find, _HOSTS) if at >= 0) if _caseless_safe(text, lowered) else 0
    return [m.span(1) for m in _OWNER.finditer(text, first)]


class DocContext:
    """What the features of every candidate of one document read: the text, its sentences,
    the title's end and colon, where a copyright notice starts, its lower-case words.
    """

    __slots__ = ("text", "sents", "title_end", "colon", "survey", "comparison", "lowered", "copyright_at",
                 "_lower_words", "whole_title", "title_name", "_verbs_at", "caseless_safe", "_url_names", "subtitle_at",
                 "head_capitals", "learning", "bare", "_memo")

    def __init__(self, text: str, sents: list[tuple[int, int]], title_end: int) -> None:
        self.text, self.sents, self.title_end = text, sents, title_end
        title = text[:title_end]
        self.colon = title.find(":")
        self.survey = bool(SURVEY_TITLE.search(title))
        self.comparison = bool(COMPARISON_TITLE.search(title))  # (read by the proposed model only)
        self.lowered = text.lower()
        self.caseless_safe = _caseless_safe(text, self.lowered)
        self.copyright_at = _copyright_at(text, self.lowered, title_end, self.caseless_safe)
        self._lower_words: set[str] | None = None
        self._memo: dict[tuple[str, str], Any] = {}  # (see remember)
        self.whole_title = _title_spans(title)
        self.title_name = title_name(title)
        self._verbs_at = _starts_of(_PROPOSE_VERBS, self.lowered) if self.caseless_safe else None
        self._url_names: frozenset[str] | None = None
        # where the subtitle's first word stands, and the capitals of the part before the colon
        self.subtitle_at = len(title) - len(title[self.colon + 1:].lstrip()) if self.colon >= 0 else -1
        self.head_capitals = "".join(ch for ch in title[:self.colon] if ch.isupper()) if self.colon >= 0 else ""
        #: how much the paper speaks of machine learning: no word of it (0), one (1), more (2)
        self.learning = sum(1 for _ in zip(range(2), matches_from(LEARNING_WORD, self.lowered, LEARNING_STARTS)))
        #: a title alone (a record without an abstract, as many library exports hold): its capitalised
        #: words have no abstract to be read against, so the decision weighs its features apart (``features.BARE``)
        self.bare = not text[title_end:].strip()

    @property
    def url_names(self) -> frozenset[str]:
        """The name keys of the project names in the text's web addresses: a repository's name
        (``github.com/owner/NAME``) or a project page's host (``NAME.github.io``).
        """
        if self._url_names is None:
            # (``_url_matches`` looks for the hosts first: a text without one costs a few substring searches)
            self._url_names = frozenset(name_key(g) for m in self._url_matches() for g in m.groups() if g) - {""}
        return self._url_names

    def _url_matches(self) -> Iterator[re.Match[str]]:
        """``_URL.finditer(text)``; where substring searches stand for its case-insensitive matching
        and the text holds no "github.io", its first branch tried only where one of its hosts starts.
        """
        text, lowered = self.text, self.lowered
        if not self.caseless_safe or "github.io" in lowered:
            yield from _URL.finditer(text)
            return
        at = 0
        while True:
            at = min([found for found in (lowered.find(host, at) for host in _HOSTS) if found >= 0], default=-1)
            if at < 0:
                return
            m = _URL_REPO.match(text, at)
            if m is not None:
                yield m
            at = m.end() if m is not None else at + 1

    def propose_near(self, lo: int, hi: int) -> bool:
        """``_PROPOSE_NEAR.search(text[lo:hi])``, skipped where none of its verbs starts in the range."""
        at = self._verbs_at
        if at is None:
            return _PROPOSE_NEAR.search(self.text[lo:hi]) is not None
        # a match in ``text[lo:hi]`` starts where a verb starts: test those places only, in the
        # full text up to ``hi`` (the slice's start is a word boundary; elsewhere the character before)
        text = self.text
        for k in range(bisect_left(at, lo), len(at)):
            q = at[k]
            if q >= hi:
                return False
            if (_VERB_AT if q == lo else _VERB_AFTER_BOUNDARY).match(text, q, hi) is not None:
                return True
        return False

    def place_key(self, c: Candidate, outside: bool) -> tuple[object, ...]:
        """Where the candidate stands: in the title (before its colon; only there; a whole part of it;
        all of a title that is a name), or which sentence (and whether it opens it).
        """
        if c.start < self.title_end:
            span = (c.start, c.end)
            return "title", 0 <= self.colon and c.end <= self.colon, outside, span in self.whole_title, \
                span == self.title_name, c.start == self.subtitle_at and not self.spells_head(c.text)
        s, _ = self.sents[c.sentence] if 0 <= c.sentence < len(self.sents) else (0, 0)
        return "sent", c.start == s, min(c.sentence, 3)

    def spells_head(self, phrase: str) -> bool:
        """Whether the capitals of the title's part before its colon are, in order, among the
        capital initials of ``phrase``'s words: the subtitle spells the head out ("PoSynDA:
        Multi-Hypothesis Pose Synthesis Domain Adaptation"), where it otherwise describes it
        ("Quibble: Few-shot Dense Retrieval").
        """
        initials = iter(_WORD_STARTS.findall(phrase))
        return bool(self.head_capitals) and all(ch in initials for ch in self.head_capitals)

    def usage(self, name: str) -> str:
        """``also_lower`` when a capitalised name is also written in lower case in the text,
        ``lower_repeated`` when a lower-case name occurs more than once, else empty.
        """
        return self.remember("usage", name, self._read_usage)

    def remember(self, what: str, name: str, read: Callable[[str], T]) -> T:
        """``read(name)``, once per document for ``what`` of ``name``: a candidate's reading of the whole text, which
        a long text whose few names recur thousands of times would otherwise make quadratic.
        """
        key = (what, name)
        if key not in self._memo:
            self._memo[key] = read(name)
        return cast(T, self._memo[key])

    def _read_usage(self, name: str) -> str:
        """:meth:`usage`, read from the text."""
        low = name.lower()
        if low != name:
            if " " in low:
                return "also_lower" if low in self.text else ""
            return "also_lower" if self.is_lower_word(low) else ""
        return "lower_repeated" if self.lowered.count(low) > 1 else ""

    def is_lower_word(self, low: str) -> bool:
        """Is ``low`` one of the words (``_TOKEN``) of the text, written so (in lower case)?

        Each place ``low`` occurs is tested with ``_TOKEN.match``; only where a word
        could reach over it (after ``+`` or ``.``) are all the words listed.
        """
        if self._lower_words is not None:
            return low in self._lower_words
        text, find = self.text, self.text.find
        at = find(low)
        while at >= 0:
            if at > 0 and text[at - 1] in "+.":
                self._lower_words = {w for w in _TOKEN.findall(text) if w.islower()}
                return low in self._lower_words
            m = _TOKEN.match(text, at)
            if m is not None and m.group() == low and low.islower():
                return True
            at = find(low, at + 1)
        return False


def _caseless_safe(text: str, lowered: str) -> bool:
    """Can substring searches of ``lowered`` stand for case-insensitive regular expressions over
    ``text`` (offsets kept, no letter that matches an ASCII letter without lower-casing to it)?
    """
    return text.isascii() or len(lowered) == len(text) and _CASE_ODD.search(text) is None


def _starts_of(words: Iterable[str], lowered: str) -> list[int]:
    """Sorted positions where any of ``words`` starts in ``lowered``."""
    out: list[int] = []
    for w in words:
        find = lowered.find
        at = find(w)
        while at >= 0:
            out.append(at)
            at = find(w, at + 1)
    out.sort()
    return out


_COPYRIGHT_WORDS = ("©", "(c)", "copyright", "all rights reserved", "published by", "periodicals", "inc.", "ltd",
                    "elsevier", "springer", "wiley", "ieee", "acm")
#: letters that match an ASCII letter case-insensitively without lower-casing to it (and İ, which
#: lower-cases to two characters): where one occurs, the copyright search takes the regular expression
_CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a\u212b\ufb05\ufb06]")


def _copyright_at(text: str, lowered: str, title_end: int, caseless_safe: bool) -> int:
    """Where the first copyright or publisher notice after the title starts (``len(text)``: none).

    The same as ``_COPYRIGHT.search(text, title_end)``, by plain substring searches of the
    lower-cased text (several times faster).
    """
    if not caseless_safe:
        found = _COPYRIGHT.search(text, title_end)
        return found.start() if found else len(text)
    find = lowered.find
    return min([at for at in (find(w, title_end) for w in _COPYRIGHT_WORDS) if at >= 0], default=len(text))
