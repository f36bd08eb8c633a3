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

import heapq
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import chain

from .candidates import Candidate
from .lexicon import Occurrences, head_type, occurrences, occurs_within, whole_occurrences, word_alternation

__all__ = ["proposal_candidates", "part_candidates", "year_candidates", "sized_candidates", "tuned_variant_candidates",
           "listed_candidates", "passive_candidates", "component_candidates", "released_candidates",
           "titled_kind_candidates", "titled_kind_at", "AT_HEART", "GENERIC_HEADS"]

#: verbs with which authors bring in something of their own, or name it (the cues that, on the
#: annotated abstracts, led to names: "present", "develop", "build", "new" … led to descriptions)
_VERBS = ("Propos", "propos", "Introduc", "introduc", "Design", "design", "Devis", "devis", "Invent", "invent",
          "call", "term", "dub", "coin", "nam")
# (case-sensitive alternatives: several times faster than re.I over every abstract; each capital spelled out and
# the suffixes in each alternative, so that all open with a letter and a search skips to those: word_alternation)
_CUE = re.compile(word_alternation("|".join(v + "(?:e|es|ed|ing|s|d)?" for v in _VERBS) + "|Novel|novel") + r"\s+")
#: a substring every match of ``_CUE`` holds
_CUE_STEMS = ("ropos", "ntroduc", "esign", "evis", "nvent", "call", "term", "dub", "coin", "nam", "ovel")
_FIRST_PERSON = re.compile(
    word_alternation("We|we|Our|our|This (?:paper|work|study)|this (?:paper|work|study)|Here|here") + r"\b")
#: words that end a proposal phrase
_BOUNDARY = frozenset(
    "that which who whose where when while whereby to for of in on with by via from at as into using based "
    "during through throughout across over under within without between among against toward towards upon "
    "and or but than is are was were be been can could will would may might should must has have had "
    "this these those it its their our we here".split())
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
#: a participle (or "according") that follows a noun phrase with a phrase of its own: "… tailored to", "… sampled from"
_POSTNOMINAL = re.compile(r"[a-z]+ed|according")
_PREPOSITION_AFTER = re.compile(r"\s+(?:to|for|from|by|with|on|in|as)\b")
#: articles, which open a phrase but never stand inside a name
_ARTICLES = frozenset("a an the".split())
_PHRASE_END = frozenset(",.;:()[]\"“”!?")


def proposal_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """The noun phrases the authors say they introduce, without a describing head ("… approach")."""
    cues: Occurrences | None = None
    for s, e in sentences:
        if e <= title_end:
            continue
        # plain substring tests first (the stems found once in the whole text, not searched for in each
        # sentence): most sentences hold no cue, and then no regex runs
        if cues is None:
            cues = occurrences(text, _CUE_STEMS)
        if not occurs_within(cues, s, e) or not _FIRST_PERSON.search(text[s:e]):
            continue
        seen: set[tuple[int, int]] = set()
        for m in _CUE.finditer(text, max(s, title_end), e):
            pos: int | None = m.end()
            for _ in range(2):  # the phrase, then one joined to it by "and": "introduce X and a Y approach"
                if pos is None:
                    break
                cand, pos = _phrase_at(text, pos, e)
                if cand is None:
                    break  # (no phrase, no second one: "proposed LightGCN and LR-GCN alleviate …" is a clause)
                if (cand.start, cand.end) not in seen:
                    seen.add((cand.start, cand.end))
                    yield cand


#: a name apposed to a phrase, or a clause naming it: ", ZorbCache", ", which we call …"
_NAME_APPOSED = re.compile(r",\s+(?:(?:the|our)\s+)?(?:[A-Z][\w\-]*[A-Z0-9][\w\-]*(?![\w\-])|"
                           r"which\s+we\s+(?:call|term|name|dub|refer\s+to\s+as)\b)")


#: a plain name of two or three words apposed to a phrase and closed by a clause (its acronym between): ", glyph
#: smoothing, that …", ", warm-started statistics (WSS), which …"
_LOWER_NAME_APPOSED = re.compile(r",\s+([a-z][a-z\-]*[a-z](?:\s+[a-z][a-z\-]*[a-z]){1,2})(?:\s+\([A-Z][\w\-]*\))?,?"
                                 r"\s+(?:that|which|in\s+which|whose)\b")


def _phrase_at(text: str, pos: int, end: int) -> tuple[Candidate | None, int | None]:
    """The proposal phrase from ``pos``, and where a phrase joined to it by "and" starts (``None`` if none
    does: the phrase was cut short, or another boundary ended it).
    """
    words: list[re.Match[str]] = []
    leading = True
    joined: int | None = None
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
        if words and low in _ARTICLES:
            return None, None  # an article inside: a clause, not a name ("we propose giving agents an undo button")
        if low in _BOUNDARY or low.endswith("ly") or low in _NAMING or words and _names_follow(words[-1], m):
            if low == "and" and m.group() == "and":
                joined = pos
            break
        words.append(m)
    if len(words) > 6 or not words:
        return None, None
    if _NAME_APPOSED.match(text, words[-1].end(), end):
        return None, None  # the kind of what the name after it names: "a two-level caching scheme, ZorbCache, …"
    lower = _LOWER_NAME_APPOSED.match(text, words[-1].end(), end)
    if lower is not None and not any(w in _BOUNDARY or w in _LEADING or w in _NAMING
                                     for w in lower.group(1).split()):
        # the kind of what a plain name after it names: "a simple fix, warm-started statistics (WSS), which …",
        # "a cheaper alternative, budgeted self-critique, in which …"
        return Candidate(lower.start(1), lower.end(1), lower.group(1), "proposal"), None
    if words[-1].group().lower() in GENERIC_HEADS:
        words = words[:-1]
    while len(words) > 1 and _POSTNOMINAL.fullmatch(words[-1].group()) \
            and _PREPOSITION_AFTER.match(text, words[-1].end()):
        words = words[:-1]  # a participle after the name, with its phrase: "a ranking objective related to X"
    if len(words) < 2 or words[0].group()[:1].isupper() and words[-1].group()[:1].isupper():
        return None, joined  # one word, or a capitalised run: the shape and run proposers have it
    start, stop = words[0].start(), words[-1].end()
    return Candidate(start, stop, text[start:stop], "proposal"), joined


# two names joined into one token: "RetinaNet+PVT", "Synthia-to-Cityscapes", "GTA→Cityscapes"
# (the look-behind follows the first capital, so that a search skips to capitals)
_JOINED = re.compile(r"([A-Z](?<![\w\-+][A-Z])[A-Za-z0-9.]*[A-Za-z0-9])(?:\+|-to-|→|->)"
                     r"([A-Z][A-Za-z0-9\-]*[A-Za-z0-9])(?![\w+])")


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


# a capitalised word, then a parameter count after one space: "Quorra 8x7B", "Zephyrine 1.3B" (the count found
# first: counts are rare)
_SIZE = re.compile(r"(?<= )(?:\d+x)?\d+(?:\.\d+)?[BMKT](?![\w\-])")
#: the capitalised word before a count, with the family's version number between them ("Quorra 2 13B", "Brindle
#: 3.1 8B": a sized release of a versioned family)
_WORD_BEFORE_SIZE = re.compile(r"(?<![\w\-.])[A-Z][a-z]{2,}[A-Za-z]*(?: \d{1,2}(?:\.\d)?)? $")
#: capitalised words that open a clause rather than name a model ("With 7B parameters")
#: ... or that a number follows without naming a version ("Table 3 7B", "Across 5 7B models")
_NOT_A_FAMILY = frozenset("with only about over under from using for and our the its their each all both table figure "
                          "section appendix across among".split())


def _first_count(text: str, start: int) -> int:
    """Where the first count's unit letter after a digit lies past ``start`` (-1: nowhere), as every match of
    ``_SIZE`` holds one: found by substring search first (most abstracts hold no count, and the lookbehind
    opening ``_SIZE`` is tried at every character).
    """
    first = -1
    for unit in "BMKT":
        at = text.find(unit, start + 1, first if first >= 0 else len(text))
        while at >= 0:
            if text[at - 1].isdecimal():  # (what ``\d`` matches)
                first = at
                break
            at = text.find(unit, at + 1, first if first >= 0 else len(text))
    return first


def sized_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """A capitalised word and the parameter count after it ("Quorra 8x7B"): a size variant of a model
    family, which the shape proposer finds only after a coined name ("GPT-3 13B").
    """
    at = _first_count(text, title_end)
    if at < 0:
        return
    # no match starts before the space that opens the first count: a match holds no space
    for m in _SIZE.finditer(text, max(title_end, text.rfind(" ", title_end, at))):
        name = _WORD_BEFORE_SIZE.search(text, max(title_end, m.start() - 30), m.start())
        if name is not None and name.group().split(" ", 1)[0].lower() not in _NOT_A_FAMILY:
            yield Candidate(name.start(), m.end(), text[name.start():m.end()], "shape", strong=True)


# the tuned variant's word after a hyphen (spaced or not), the variant found first: "Quorra 2-Chat",
# "Zephyrine 7B - Instruct", and after a spaced dash, as LaTeX's "--" or an en dash ("Quorra 7B -- Instruct",
# "Quorra 7B – Chat"): the word here (a pattern opening with its capitals, so that a search skips to them), the
# hyphen before it (_AFTER_VARIANT_HYPHEN) tested at each match (no match starts inside another)
_TUNED_VARIANT = re.compile(r"(?:Chat|Instruct|Instruction|Coder|Math|Vision|Turbo)(?![\w\-])")
_AFTER_VARIANT_HYPHEN = re.compile(r"(?<=[\w.]-)|(?<=[\w.] - )|(?<=[\w.] -- )|(?<=[\w.] – )")
#: a name of one to three words (capitalised or numbers), then the hyphen or spaced dash, right before it
_NAME_BEFORE_VARIANT = re.compile(r"(?<![\w\-.])[A-Z](?:[\w.]*\w)?(?:-\w(?:[\w.]*\w)?)*"
                                  r"(?: (?:[A-Z]|\d)(?:[\w.\-]*\w)?){0,2}(?: --? | – |-)$")


def tuned_variant_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """A model's name with the tuned variant's word after a hyphen ("Quorra 2-Chat", "Zephyrine 7B - Instruct",
    "Quorra 2 13B - Chat"): the chat or instruction variant, a name of its own, which a shape proposer splits
    at the number or the spaced hyphen.
    """
    for m in _TUNED_VARIANT.finditer(text, title_end):
        if _AFTER_VARIANT_HYPHEN.match(text, m.start()) is None:
            continue
        name = _NAME_BEFORE_VARIANT.search(text, max(title_end, m.start() - 40), m.start())
        if name is None:
            continue
        base = name.group().rstrip(" -–")
        if text[name.end() - 1:name.end()] == "-" and name.end() - name.start() - len(base) == 1 \
                and not base[-1:].isdigit():
            continue  # "Quorra-Chat": one token, which the shape proposer finds
        if base.split(" ")[0].lower() in _NOT_A_FAMILY:
            continue
        yield Candidate(name.start(), m.end(), text[name.start():m.end()], "shape", strong=True)


#: the authors bring in several parts of a kind (or a counted few of anything), then list them after a colon,
#: "including" or "namely": "we devise two mechanisms, including the A and the B", "introducing two new
#: techniques: A and B", "we introduce three dataflows: A, B and C"
_KINDS_LISTED = re.compile(
    word_alternation("Propos|propos|Introduc|introduc|Design|design|Devis|devis|Develop|develop|Present|present|"
                     "Invent|invent") + r"\w*\s+(?:(?:[\w\-]+\s+){0,5}?"
    r"(?:techniques|mechanisms|modules|components|strategies|methods|optimi[sz]ations|losses|objectives|designs|"
    r"schemes|innovations|improvements|blocks|layers|operators|algorithms|models|architectures|networks|"
    r"approaches|frameworks|datasets|benchmarks)|(?:[\w\-]+\s+){0,2}?(?:two|three|four|five|several|a few)\s+"
    r"(?:[\w\-]+\s+){0,3}?[a-z\-]{3,}s)\b[^.;:]{0,100}?(?::|\bincluding\b|\bnamely\b)\s*")
#: what separates two listed items
_ITEM_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)")
#: what may lead an item without being part of its name
_ITEM_LEADING = _LEADING | frozenset("one another".split())


def listed_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Each item of a list of parts the authors bring in ("we design two modules: a hop-aware router
    and a gated memory"): the phrase of each item (articles and evaluative words dropped, a describing
    head such as "strategy" too), marked proposed. A list of two items at least, each ending where the
    list goes on or the sentence ends or a clause starts; one-word items only when they hold a capital,
    a digit or a hyphen (a lone plain word is no name).
    """
    for s, e in sentences:
        if e <= title_end or ":" not in text[s:e] and "ncluding" not in text[s:e] and "namely" not in text[s:e]:
            continue
        if not _FIRST_PERSON.search(text, s, e):
            continue
        for m in _KINDS_LISTED.finditer(text, max(s, title_end), e):
            items = []
            pos = m.end()
            while pos < e:
                item = _item_at(text, _ENUMERATOR.match(text, pos, e).end(), e)  # type: ignore[union-attr]
                if item is None:
                    break
                start, stop, nwords = item
                if nwords >= 2 or any(not ch.islower() for ch in text[start:stop]):
                    items.append(Candidate(start, stop, text[start:stop], "listed", proposed=True))
                sep = _ITEM_SEPARATOR.match(text, _past_parenthesis(text, stop, e), e)
                if sep is None:
                    break
                pos = sep.end()
            if len(items) >= 2:
                yield from items


#: an item's number in a list: "(i) ", "2) "
_ENUMERATOR = re.compile(r"\s*(?:\(?(?:[ivx]{1,4}|\d)\)\s*)?")
#: words after which an item's name would go on ("a pose-specific initialization of …"): the item is no name
_ITEM_GOES_ON = frozenset("of for in on to from by via with using based at into".split())
#: words that open no item but what the sentence says of the items: "…, each with", "…, both of which"
_LIST_ENDS = frozenset("each both all respectively etc".split())


def _past_parenthesis(text: str, pos: int, end: int) -> int:
    """Past a parenthesis right after ``pos`` ("the A module (AM), and"), else ``pos``."""
    at = pos
    while at < end and text[at] == " ":
        at += 1
    if at < end and text[at] == "(":
        close = text.find(")", at, min(end, at + 40))
        if close >= 0:
            return close + 1
    return pos


def _item_at(text: str, pos: int, end: int) -> tuple[int, int, int] | None:
    """The name of the listed item at ``pos``: ``(start, end, words)``, or ``None`` (no item, or one
    whose name goes on past a preposition).
    """
    words: list[re.Match[str]] = []
    leading = True
    while pos < end and len(words) < 7:
        while pos < end and text[pos] == " ":
            pos += 1
        m = _WORD.match(text, pos, end) if pos < end and text[pos] not in _PHRASE_END else None
        if m is None:
            break
        low = m.group().lower()
        if leading and low in _ITEM_LEADING:
            pos = m.end()
            continue
        if low in _ITEM_GOES_ON or not words and low in _LIST_ENDS:
            return None
        if low in _BOUNDARY or low.endswith("ly") or low in _NAMING:
            break
        leading = False
        words.append(m)
        pos = m.end()
    if not words or len(words) > 6:
        return None
    if len(words) > 1 and words[-1].group().lower() in GENERIC_HEADS:
        words = words[:-1]
    return words[0].start(), words[-1].end(), len(words)


#: a word of a passive proposal's subject: none that opens a clause or a prepositional phrase
_SUBJECT_WORD = r"(?!(?:of|for|in|on|with|to|by|from|that|which|is|are|and|or|as|at|via|based)\b)[a-z][\w\-]*"
#: a phrase the text says is proposed, after an article that opens its clause: "In addition, a fast
#: spatial alignment is proposed", "and a gated fusion (GF) module is further developed"
#: the participles of a passive proposal (a text holding none of them holds no match of ``_PASSIVE``)
_PARTICIPLES = ("proposed", "introduced", "designed", "devised", "developed", "presented")
_PASSIVE = re.compile(
    r"(?:^|[,;]\s+|\band\s+)(?:a|an|the)\s+(?:novel\s+|new\s+)?"
    rf"((?:{_SUBJECT_WORD}\s+){{1,5}}?{_SUBJECT_WORD})(?:\s*\([^)]{{1,30}}\))?\s+(?:is|are)\s+"
    rf"(?:\w+ly\s+|further\s+|also\s+|then\s+)?(?:{'|'.join(_PARTICIPLES)})\b"
    r"(?!\s+(?:by|in)\b)")
#: what the authors put at the centre of their work: "At the heart of our model is the"
AT_HEART = re.compile(r"\b[Aa]t the (?:heart|core) of (?:our|the proposed) [\w\-]+(?: [\w\-]+)? "
                      r"(?:is|are|lies|lie)\s+")


def passive_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """The phrase a passive sentence says is proposed ("a scaled weight projection is proposed"), and the
    one at the centre of the authors' model ("At the heart of our model is the gated hop attention"),
    without a describing head ("… strategy"): proposal phrases where no verb of the authors precedes.
    """
    if "is " not in text and "are " not in text:
        return
    # (the participle itself, not its stem: "we propose" and "presents" are far more common; most abstracts
    # hold none of them, nor "heart of")
    # (each participle found once in the whole text, not searched for again in each sentence)
    participles = occurrences(text, _PARTICIPLES)
    passive = bool(participles[0])
    heart = "heart of" in text or "core of" in text
    if not passive and not heart:
        return
    for s, e in sentences:
        if e <= title_end:
            continue
        sent = text[s:e]
        if passive and occurs_within(participles, s, e):
            for m in _PASSIVE.finditer(text, s, e):
                words = m.group(1).split()
                stop = m.end(1)
                if words[-1].lower() in GENERIC_HEADS:
                    stop = m.start(1) + len(m.group(1)) - len(words[-1]) - 1
                    words = words[:-1]
                if len(words) >= 2:
                    yield Candidate(m.start(1), stop, text[m.start(1):stop], "proposal")
        if heart and ("heart of" in sent or "core of" in sent):
            for m in AT_HEART.finditer(text, s, e):
                cand, _ = _phrase_at(text, m.end(), e)
                if cand is not None:
                    yield cand


#: head nouns of a part the authors add to a model or its training: "… anchor loss", "… chunking head"
_COMPONENT_HEAD = r"(?:loss|head|adapter|bank|module|regulari[sz]er|objective|gate|penalty|prior|buffer)"
#: a lower-case word of a part's name (no word that opens a clause or a phrase)
_PART_WORD = r"(?!(?:of|for|in|on|with|to|by|from|that|which|is|are|and|or|as|at|via|based|new|novel|simple)\b)" \
             r"[a-z][\w\-]*"
#: a part the text brings in with no proposal verb: a sentence that opens with it, then a verb of what it does
#: or a comma ("A keyframe anchor loss penalises …", "A temporal identity loss, computed on …"), or what the
#: authors (or their named system) add ("we add an action-chunking head", "X adds a trajectory loss")
#: every match of ``_COMPONENT`` holds one of these
_COMPONENT_WORDS = ("loss", "add", "head", "adapter", "bank", "module", "regulari", "objective", "gate", "penalty",
                    "prior", "buffer")
_COMPONENT = re.compile(
    rf"(?:^\s*(?:A|An)\s+((?:{_PART_WORD}\s+){{1,3}}{_COMPONENT_HEAD})(?=\s*,|\s+[a-z]+(?:es|s)\s)"
    rf"|\b(?:[Ww]e\s+(?:also\s+|further\s+|then\s+)?add|[A-Z][\w\-.+]*\s+(?:also\s+)?adds)\s+(?:a|an)\s+"
    rf"((?:{_PART_WORD}\s+){{1,3}}{_COMPONENT_HEAD})\b)")
#: what every match of ``_COMPONENT``'s second branch holds ("add" then a space, or "adds"; not "address")
_ADDS = re.compile(r"adds?\s")


def component_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """A part of the authors' model or training they bring in with no proposal verb (lower-case words and
    a head such as "loss", "head", "adapter"): a sentence that opens with it and says what it does ("A
    keyframe anchor loss penalises …"), or the object of "we add" ("we add an action-chunking head"),
    marked proposed.
    """
    # (the text must hold one of _COMPONENT_WORDS: asked at the first match only, since a dozen substring
    # searches of the whole text cost more than the sentences' tests below, and most texts have no match)
    holds: bool | None = None
    for s, e in sentences:
        if e <= title_end:
            continue
        sent = text[s:e]
        if "add" in sent and _ADDS.search(sent):
            found: Iterable[re.Match[str]] = _COMPONENT.finditer(sent)
        elif sent[:1] == "A" or sent[:1].isspace():
            # only the first branch can match, at the sentence's start ("A", "An" after white space): the
            # second holds _ADDS
            first = _COMPONENT.match(sent)
            found = (first,) if first is not None else ()
        else:
            continue
        for m in found:
            if holds is None:
                holds = any(word in text for word in _COMPONENT_WORDS)
            if not holds:
                return
            k = 1 if m.group(1) is not None else 2
            yield Candidate(s + m.start(k), s + m.end(k), m.group(k), "proposal", proposed=True)


#: a coined lower-case name of one token, the shape empirical papers give their released code, scripts and
#: recipes ("lowaug", "rag-replay", "srl-eval-fix"; letters and digits, hyphens or underscores inside)
_LOWER_NAME = r"([a-z][a-z0-9]*(?:[\-_][a-z0-9]+)*)"
#: the kinds of software and material a paper releases beside its findings: "our implementation, X", "X, our
#: re-scoring script"
_RELEASED_KINDS = ("implementation", "implementations", "code", "codebase", "package", "library", "toolkit", "toolbox",
                   "tool", "script", "scripts", "scorer", "runner", "filter", "normaliser", "normalizer", "harness",
                   "generator", "protocol", "reproduction", "checker", "evaluator", "suite", "framework", "pipeline",
                   "plugin", "simulator", "recipe", "recipes", "configurations", "benchmark")
#: ... as a pattern ("re-implementation" and "reimplementation" too)
_RELEASED_KIND = ("(?:(?:re-?)?implementations?|" + "|".join(k for k in _RELEASED_KINDS if "implementation" not in k)
                  + ")")
#: where a paper gives such a name to what it releases: released (or provided, published; a verb, not "the published
#: description … as X" of another's method re-implemented) "as X"; apposed
#: to its kind after "our", "a" or "the" ("Our evaluation code, X, is public", "a corrected scorer, X.") or
#: before it ("X, our re-scoring script"); what it is "collected in" or "implemented in"; the object of the
#: authors' verb with an appositive after it ("We propose X, a …"). The name ends at punctuation.
_RELEASED = re.compile(
    r"\b(?<!the )(?<!a )(?:release[sd]?|releasing|provided?|publish(?:ed)?|distribute[sd]?|open-sourced?|packaged)\s+"
    rf"(?:[\w\-]+,?\s+){{0,9}}?as\s+{_LOWER_NAME}(?=[.,;]|\s*$)"
    rf"|\b(?:[Oo]ur|[Aa]n?|[Tt]he)\s+(?:[\w\-]+\s+){{0,3}}?{_RELEASED_KIND},\s+{_LOWER_NAME}(?=[,.;])"
    rf"|(?:^|[.;]\s+|,\s+|\b(?:in|as)\s+){_LOWER_NAME},\s+(?:our|an?)\s+(?:[\w\-]+\s+){{0,3}}?{_RELEASED_KIND}\b"
    rf"|\b(?:collected|implemented|packaged|bundled)\s+in\s+{_LOWER_NAME}(?=[.,;])"
    rf"|\b(?:[Ww]e|and)\s+(?:\w+ly\s+)?(?:propose|release|provide|introduce|present|open-source)\s+{_LOWER_NAME}"
    r",\s+an?\s")
#: where a match of :data:`_RELEASED` can start (a superset), in three parts: the verbs that open the first and
#: fourth alternatives (rare words, found by substring search), the articles that open the second (only in a text
#: where a kind is followed by a comma and a lower-case word) and, before each ", our", ", a" or ", an"
#: (:data:`_COMMA_ARTICLE`: the name of the third and fifth alternatives is followed by one), the punctuation or
#: "in", "as", "we", "and" in the four words before it; the pattern is tried only there, which is what ``finditer``
#: finds, at a fraction of its cost (its alternatives open with no literal the engine can skip to)
_RELEASED_VERBS = ("releas", "provid", "publish", "distribut", "open-sourc", "packag", "collected", "implemented",
                   "bundled")
_RELEASED_ARTICLE_STARTS = re.compile(r"\b(?:[Oo]ur|[Aa]n?|[Tt]he)\s")
_RELEASED_NAME_STARTS = re.compile(r"[.;,]|\b(?:in|as|[Ww]e|and)\s")
_COMMA_ARTICLE = re.compile(r",\s+(?:our|an?)\s")
_COMMA_LOWER = re.compile(r",\s+[a-z]")
#: words such a place holds that name nothing: "the framework, respectively", "our code, data and logs"
_NOT_RELEASED = frozenset("respectively however therefore thus too also etc data dataset datasets logs code models "
                          "weights checkpoints which".split())
#: a list of nouns after the name: "our code, data, and …" (the name is one of several things released)
_NOUN_LIST_AFTER = re.compile(r",\s+(?:and\s+)?[a-z]+(?:,|\s+and\b)")


def _released_matches(text: str, pos: int) -> Iterator[re.Match[str]]:
    """``_RELEASED.finditer(text, pos)``, tried only where a match can start (see :data:`_RELEASED_VERBS`, and the
    text's start for the pattern's ``^``): the same matches, non-overlapping, leftmost first.
    """
    starts: list[Iterable[int]] = [(at for at in occurrences(text, _RELEASED_VERBS)[0] if at >= pos)]
    if any(text.endswith(_RELEASED_KINDS, 0, c.start()) for c in _COMMA_LOWER.finditer(text, pos)):
        starts.append(s.start() for s in _RELEASED_ARTICLE_STARTS.finditer(text, pos))
    commas = [c.start() for c in _COMMA_ARTICLE.finditer(text, pos)]
    if commas:
        starts.append(chain((0,) if pos == 0 else (), _name_starts(text, pos, commas)))
    free = pos
    for at in heapq.merge(*starts) if len(starts) > 1 else starts[0]:
        if at < free:
            continue
        m = _RELEASED.match(text, at)
        if m is not None:
            free = m.end()
            yield m


def _name_starts(text: str, pos: int, commas: list[int]) -> Iterator[int]:
    """Where the third and fifth alternatives of :data:`_RELEASED` can start before the ``commas`` (in order): the
    punctuation, "in", "as", "we" or "and" within the four words (runs of non-space) before each.
    """
    lo = pos
    for comma in commas:
        at = comma
        for _ in range(4):
            while at > 0 and text[at - 1].isspace():
                at -= 1
            while at > 0 and not text[at - 1].isspace():
                at -= 1
        for s in _RELEASED_NAME_STARTS.finditer(text, max(lo, at), comma):
            yield s.start()
        lo = comma


def released_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """The coined lower-case name a paper gives what it releases ("the sweep code is released as optsweep",
    "Our implementation, lowaug, is public", "amt-retol, our re-scoring script, …"), marked proposed and named,
    and every other place the text writes it as a whole word (the title's "the optsweep Library" too): the
    shape and capital proposers never see a name in lower case.
    """
    if "," not in text and " as " not in text and " in " not in text:
        return
    starts = [s for s, _ in sentences]
    names: dict[str, int] = {}
    for m in _released_matches(text, title_end):
        k = next(i for i in range(1, 6) if m.group(i) is not None)
        name = m.group(k)
        if len(name) < 4 or name in _NOT_RELEASED or _NOUN_LIST_AFTER.match(text, m.end(k)):
            continue
        names.setdefault(name, m.start(k))
    for name, at in names.items():
        sentence = max(0, bisect_right(starts, at) - 1) if starts else -1
        yield Candidate(at, at + len(name), name, "cue", sentence=sentence, strong=True, proposed=True, named=True)
        for other in whole_occurrences(text, name):
            if other != at:
                yield Candidate(other, other + len(name), name, "cue")


#: what opens the title's last phrase "the NAME KIND" that adds the paper's own artifact to what it studies: the
#: title's start or its colon, or a comma, "and" or "with" ("A Survey of X and the Zorb Benchmark", "A Comparison
#: with the Zorb Suite", "…: The Zorb Test Set"), not a verb or preposition ("Revisiting the GLUE Benchmark")
_OWN_KIND_BEFORE = re.compile(r"(?:^|[:,]\s*|\b(?:and|with)\s+)[Tt]he\s+$")
#: the one or two capitalised words after the name that end the title, the last the kind: " Meta-Benchmark",
#: " Test Set" (group 1 the kind's last word)
_OWN_KIND_AFTER = re.compile(r"\s+(?:[A-Z][\w\-]*\s+)?(?:[A-Z][\w]*-)?([A-Z][a-z]+)\s*[.?!]?\s*$")
#: kinds of the artifacts an empirical paper makes besides data and models, with the type of what they name: its
#: measurements and ratings (data), its harness or protocol (a method) (with the kinds of data: a model or method so
#: titled is as often a known one the paper applies, "… with the Bradley-Terry Model")
_STUDY_KINDS = {**dict.fromkeys("study evaluation measurements set arena ratings annotations judgements judgments"
                                .split(), "Dataset"), **dict.fromkeys(("harness", "protocol"), "Method")}
#: kinds of data that name a part of another's set: "… on MS MARCO and the Zorb Split"
_PART_KINDS = frozenset("split splits subset subsets portion partition version".split())


def titled_kind_at(title: str, start: int, end: int) -> str | None:
    """The type the title gives the mention (``start``-``end`` in it) when it names it in its last phrase as "the
    NAME KIND", that phrase opening the title or following its colon, a comma, "and" or "with": "… Models: A Survey
    and the Zorb-Arena Leaderboard" (Dataset), "Small Models on Phones: A Comparison and the Zorb Harness" (Method),
    "…: The Zorb Benchmark"; the kind one of data or of a study's artifacts. ``None`` for any other mention.

    >>> t = "A Survey of Zorb Detection and the Quill-Arena Leaderboard"
    >>> titled_kind_at(t, t.index("Quill"), t.index(" Leader"))
    'Dataset'
    >>> titled_kind_at("Revisiting the Quill Benchmark", 15, 20) is None
    True
    """
    if _OWN_KIND_BEFORE.search(title, max(0, start - 12), start) is None:
        return None
    m = _OWN_KIND_AFTER.match(title, end)
    if m is None:
        return None
    kind = m.group(1).lower()
    if kind in _STUDY_KINDS:
        return _STUDY_KINDS[kind]
    return "Dataset" if head_type(kind) == "Dataset" and kind not in _PART_KINDS else None


#: a capitalised name in the title's last phrase "the NAME KIND" (tested by :func:`titled_kind_at`)
_TITLED_NAME = re.compile(r"(?<=[Tt]he )[A-Z][\w\-.]*(?=\s+(?:[A-Z][\w\-]*\s+)?[A-Z][\w\-]*\s*[.?!]?\s*$)")


def titled_kind_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """The name the title's last phrase gives the paper's own artifact, "the NAME KIND" after its colon, a comma,
    "and" or "with" (:func:`titled_kind_at`: "A Survey of X and the Quorra Benchmark"), without its kind: a plain
    capitalised word there ("Quorra") is none of the shape proposers'; marked proposed.
    """
    if "he " not in text[:title_end]:
        return
    title = text[:title_end].rstrip()
    for m in _TITLED_NAME.finditer(title):
        if titled_kind_at(title, m.start(), m.end()):
            yield Candidate(m.start(), m.end(), m.group(), "cue", strong=True, proposed=True)
