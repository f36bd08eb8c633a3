"""Abbreviation pairs: ``long form (SF)`` and ``SF (long form)``, also in square brackets (not citations).

The algorithm is Schwartz & Hearst's: a short form inside parentheses is
matched character by character, right to left, against the words before it;
the first character of the short form must start a word of the long form.

References
----------
A. S. Schwartz and M. A. Hearst. "A simple algorithm for identifying
abbreviation definitions in biomedical text." Pacific Symposium on
Biocomputing, 2003.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import Candidate, candidates, doc_text, guarded
from .lexicon import KIND_AFTER, PROPOSAL_VERBS, SURVEY_TITLE, TASK_ENDINGS, head_type, is_generic
from .roles import compared_before

__all__ = ["AbbreviationPair", "find_abbreviations", "find_aliases", "find_title_and_apposed_abbreviations",
           "match_long_form", "is_short_form", "set_as_others", "make_abbreviations", "singular_short_form",
           "acronym_singular", "spelled_initials", "introduced_at"]


@dataclass(frozen=True, slots=True)
class AbbreviationPair:
    """A short form and its long form, as character spans of the text."""

    short: str
    short_start: int
    short_end: int
    long: str
    long_start: int
    long_end: int


_PAREN = re.compile(r"\(([^()\n]{1,120})\)|\[([^\[\]\n]{1,120})\]")
#: _PAREN's first alternative alone (what is in parentheses): in a text without "[" it finds the same
#: matches, and its search skips to one character ("(") instead of testing each against a set of two
_ROUND_PAREN = re.compile(_PAREN.pattern.split("|", 1)[0])
#: what square brackets hold when they cite ("[12]", "[3, 4]", "[5-7]", "[Smith et al., 2020]", "[Vaswani2017]")
_CITATION = re.compile(r"^[\d\s,;–\-]*$|\bet al\b|(?:19|20)\d\d")
_WORD_BEFORE = re.compile(r"([A-Za-z0-9][\w+.\-/]*[\w+])\s*$")
#: the run of ``[\w+.\-/]`` characters at the start of a (reversed) string
_WORD_RUN = re.compile(r"[\w+.\-/]*")


def _word_before(before: str) -> re.Match[str] | None:
    r"""``_WORD_BEFORE.search(before)``, started where a match can start.

    A match's characters reach the last one before the final white space, so it
    lies in the run of ``[\w+.\-/]`` characters that ends there; the pattern does
    not look behind, so the search from the run's start finds the same match.
    """
    end = len(before.rstrip())
    run = _WORD_RUN.match(before[end - 1::-1]).end() if end else 0  # type: ignore[union-attr]
    return _WORD_BEFORE.search(before, end - run)


@lru_cache(maxsize=100_000)
def is_short_form(text: str) -> bool:
    """A plausible short form: 2–12 characters, at most two words, starts with
    a letter or digit, holds a letter and at least one capital letter.
    """
    text = text.strip()
    if not (2 <= len(text) <= 12) or len(text.split()) > 2:
        return False
    if not text[0].isalnum() or not any(c.isalpha() for c in text):
        return False
    return any(c.isupper() for c in text)


@lru_cache(maxsize=100_000)
def match_long_form(short: str, candidate: str) -> str | None:
    """The shortest suffix of ``candidate`` that the Schwartz & Hearst match accepts.

    Examples
    --------
    >>> match_long_form("LoRA", "we use Low-Rank Adaptation")
    'Low-Rank Adaptation'
    >>> match_long_form("ZeRO", "a novel solution, Zero Redundancy Optimizer")
    'Zero Redundancy Optimizer'
    >>> match_long_form("XYZ", "nothing here") is None
    True
    """
    s = len(short) - 1
    k = len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while k >= 0 and (
            candidate[k].lower() != c or (s == 0 and k > 0 and candidate[k - 1].isalnum())
        ):
            k -= 1
        if k < 0:
            return None
        k -= 1
        s -= 1
    start = k + 1
    # extend to the start of the word
    while start > 0 and candidate[start - 1].isalnum():
        start -= 1
    long = candidate[start:].strip()
    if not long or long.lower() == short.lower():
        return None
    return long


_STOP = {"of", "the", "and", "for", "to", "in", "on", "a", "an", "with"}


def _initials_long_form(short: str, words: list[str]) -> str | None:
    """The fewest last words whose initials (hyphen parts count) spell the short form."""
    letters = _NOT_LOWER_ALNUM.sub("", short.lower())
    initials = ""  # of words[-k:], grown from the right one word at a time
    for k in range(1, len(words) + 1):
        word = words[-k]
        if word.lower() in _STOP:
            continue  # a stop word neither starts a long form nor adds an initial
        initials = _word_initials(word) + initials
        if initials == letters:
            return " ".join(words[-k:]).strip(" ,;:\"'")
        if len(initials) > len(letters):
            return None
    return None


_NOT_LOWER_ALNUM = re.compile(r"[^0-9a-z]")
_PART_SPLIT = re.compile(r"[-/]")


def _word_initials(word: str) -> str:
    """The lower-case initials of a word's hyphen and slash parts ("Side-Tuning": "st")."""
    return "".join(part[0].lower() for part in _PART_SPLIT.split(word) if part and part[0].isalnum())


@lru_cache(maxsize=100_000)
def spelled_initials(long: str) -> str:
    """The initials a long form of several words spells, as :func:`_initials_long_form` reads them: stop
    words skipped, each hyphen part a letter. What an acronym written apart from its long form is matched
    with ("Hierarchical Token Pruning" in the title, "HTP" in the abstract).

    >>> spelled_initials("Hierarchical Token Pruning"), spelled_initials("Ladder Side-Tuning for Transfer")
    ('htp', 'lstt')
    """
    return "".join(_word_initials(word) for word in long.split() if word.lower() not in _STOP)


def _words_limit(short: str) -> int:
    n = len(re.sub(r"[^0-9A-Za-z]", "", short))
    return min(n + 5, n * 2)


def _leading_long_form(short: str, words: list[tuple[int, str]]) -> tuple[int, int] | None:
    """The fewest leading ``(offset, word)`` whose text the short form abbreviates, as a span."""
    limit = min(len(words), _words_limit(short))
    matches = []
    for k in range(1, limit + 1):
        candidate = " ".join(w for _, w in words[:k])
        if match_long_form(short, candidate) == candidate:
            matches.append(k)
    if not matches:
        return None
    # prefer a long form whose last word starts with the short form's last letter (FreeKD: …Distillation)
    last = [c for c in short.lower() if c.isalpha()][-1:]
    k = next((k for k in matches if words[k - 1][1][:1].lower() in last), matches[0])
    return words[0][0], words[k - 1][0] + len(words[k - 1][1])


_WORD = re.compile(r"[A-Za-z0-9][\w\-]*")
# (\b written as a look-behind after the capital, so that the scan skips to capitals)
_APPOSED = re.compile(r"([A-Z](?<!\w.)[A-Za-z0-9\-]{1,11}),\s+(?:a|an|the)\s+")

# the comma and article every match of _APPOSED ends with (a literal first: a scan skips to commas)
_APPOSED_TAIL = re.compile(r",\s+(?:a|an|the)\s+")
assert _APPOSED.pattern.endswith(_APPOSED_TAIL.pattern)


#: a short form a colon spells out in the abstract: "we introduce SOAR: Spilling with Orthogonality-Amplified ..."
_COLONED = re.compile(r"(?<![\w\-])([A-Z][A-Za-z0-9\-]{1,11}): (?=[A-Z])")


#: a space, then a word of two capitals or more (a short form)
_MULTI_CAPITAL = re.compile(r" ([A-Z][a-z0-9\-]*[A-Z][A-Za-z0-9\-]*)(?![\w\-])")
#: a capitalised word of the run before a short form ("Pathways", "Language")
_RUN_WORD = re.compile(r"[A-Z][a-z][\w\-]*")


def _juxtaposed(text: str, title_end: int) -> list[AbbreviationPair]:
    """Long forms written right before their short form, with no parentheses: the capitals of the short
    form are the initials of the capitalised words right before it ("Pathways Language Model PaLM").
    """
    pairs = []
    for m in _MULTI_CAPITAL.finditer(text, title_end):
        end = m.start()
        if not _RUN_WORD.fullmatch(text, text.rfind(" ", title_end, end) + 1, end):
            continue  # (most short forms follow a word in lower case)
        short = m.group(1)
        capitals = "".join(ch for ch in short if ch.isupper())
        k = len(capitals)
        if len(short) > 12 or k > 6:
            continue
        words = text[max(title_end, end - 40 * k):end].split(" ")[-k:]
        if len(words) == k and all(_RUN_WORD.fullmatch(w) for w in words) \
                and "".join(w[0] for w in words) == capitals:
            start = end - len(" ".join(words))
            pairs.append(AbbreviationPair(short, m.start(1), m.end(1), text[start:end], start, end))
    return pairs


def _coloned(text: str, title_end: int) -> Iterator[re.Match[str]]:
    """``_COLONED.finditer(text, title_end)``, tried only in the 12 characters before each ": " (a match's
    word, of at most 12 characters, ends right before one; it holds no colon, so the match found before a
    colon ends at that colon, and no two matches overlap).
    """
    at = text.find(": ", title_end)
    while at >= 0:
        for start in range(max(title_end, at - 12), at - 1):
            m = _COLONED.match(text, start)
            if m is not None and m.end() == at + 2:
                yield m
                break
        at = text.find(": ", at + 2)


def _apposed(text: str, title_end: int) -> Iterator[re.Match[str]]:
    """``_APPOSED.finditer(text, title_end)``, searched only in the 12 characters before each comma that
    an article follows (a match's word is at most 12 characters) and up to the article's end.
    """
    end = title_end
    for tail in _APPOSED_TAIL.finditer(text, title_end):
        m = _APPOSED.search(text, max(end, tail.start() - 12), tail.end())
        if m is not None:
            end = m.end()
            yield m


def find_title_and_apposed_abbreviations(text: str, title_end: int) -> list[AbbreviationPair]:
    """Short forms spelled out without parentheses: a title's ``CEB: Compositional
    Evaluation Benchmark for …``, an appositive ``PTOFA, a Predict-Then-Optimize Fund
    Allocation framework`` and the abstract's ``we present SOAR: Spilling with
    Orthogonality-Amplified Residuals``. The long form must start right after the short form,
    or end right before it (``which we call Pathways Language Model PaLM``).
    """
    pairs: list[AbbreviationPair] = []
    places = []
    colon = text.find(":", 0, title_end)
    if colon > 0 and " " not in text[:colon].strip():
        places.append((0, colon, colon + 1))
    for m in _apposed(text, title_end):
        places.append((m.start(1), m.end(1), m.end()))
    places += [(m.start(1), m.end(1), m.end()) for m in _coloned(text, title_end)]
    for s_start, s_end, after in places:
        short = text[s_start:s_end].strip()
        if not is_short_form(short) or not text[after:after + 1].isupper() and s_start > 0:
            continue  # an apposed long form is capitalised: "PTOFA, a Predict-Then-Optimize …"
        stop = text.find("\n", after)
        words = [(m.start(), m.group()) for m in islice(
            _WORD.finditer(text, after, stop if stop > 0 else len(text)), 12)]
        if not words or words[0][1].lower() in _STOP:
            continue  # "Adam: A Method for Stochastic Optimization" describes; a long form starts with a content word
        span = _leading_long_form(short, words)
        if span and span[1] - span[0] > len(short):
            pairs.append(AbbreviationPair(short, s_start, s_end, text[span[0]:span[1]], span[0], span[1]))
    return pairs + _juxtaposed(text, title_end)


#: a name of one to four words, each opening with a capital or digit ("Pardalo", "Lunar Adam", "MaskNet++")
_ALIAS_NAME = r"[A-Z0-9][\w+.\-]*[\w+](?: [A-Z0-9][\w+.\-]*[\w+]){0,3}|[A-Z0-9]"
#: the words that give a second name, but "or" (which ``_ALIAS`` marks apart)
_ALIAS_WORDS = r"a\.k\.a\.?|aka|also known as|also called|(?:formerly|previously)(?: known as| called)?"
#: a second name given in passing: "X (a.k.a. Y)", "X, also known as Y,", "X (formerly Y)", "X (or Y for
#: short)", "X, or Y" (``short`` when "for short" is written; else Y must be X's short form: :func:`_or_short_form`);
#: ``first`` and ``second`` are the two names
_ALIAS = re.compile(
    rf"(?<![\w\-])(?P<first>{_ALIAS_NAME})(?:(?P<paren> \()|, )(?:{_ALIAS_WORDS}|(?P<or>or)) "
    rf"(?P<second>{_ALIAS_NAME})(?(or)(?P<short> for short)?)(?=(?(paren)\)|(?:[,;:)]|\.(?!\w)| [a-z]|$)))")
#: the middle of every match of ``_ALIAS``: an opening bracket or a comma, the cue, and the first letter of the
#: second name (searched first: the whole pattern is tried at every capital of the text)
_ALIAS_CUE = re.compile(rf"(?:\(|, )(?:{_ALIAS_WORDS}|or) [A-Z0-9]")
#: words that open a sentence before a name, no part of it ("The Zorb (a.k.a. Zorbo)")
_ALIAS_LEAD = re.compile(r"(?:The|A|An|Our|This|These|We|In|Its) ")


def _or_short_form(first: str, second: str) -> bool:
    """Whether ``second``, given after "or" with no "for short", is the short form of ``first``: a short form
    opening with the first letter of a long form of two words or more ("Video-to-Reward Retargeting, or V2R").
    """
    return " " in first and is_short_form(second) and second[0].lower() == first[0].lower()


def find_aliases(text: str) -> list[AbbreviationPair]:
    """Two names of one thing written together, one given in passing: ``Pardalo (a.k.a. PardNet)``,
    ``Trevix, also known as TreeMix,``, ``Borrin (formerly CodeBorr)``, ``Hollow Window Attention (or HoWA
    for short)``, ``Video-to-Reward Retargeting, or V2R``, as a pair whose ``long`` is the name first written and
    ``short`` the other. Names only: a description in lower case ("(also known as the mixing step)") pairs nothing.
    """
    if " known as " not in text and " called " not in text and "aka " not in text and "formerly " not in text \
            and "previously " not in text and "a.k.a" not in text and "(or " not in text and ", or " not in text:
        return []  # most abstracts hold none of the cues
    if _ALIAS_CUE.search(text) is None:
        return []  # ", or" and "so called" are common; a cue with a name after it is not
    pairs = []
    for m in _ALIAS.finditer(text):
        first, start = m.group("first"), m.start("first")
        lead = _ALIAS_LEAD.match(first)
        if lead is not None:
            first, start = first[lead.end():], start + lead.end()
        if not first or first == m.group("second"):
            continue
        if m.group("or") and not m.group("short") and not _or_short_form(first, m.group("second")):
            continue  # "BERT (or RoBERTa)": another thing; "Video-to-Reward Retargeting, or V2R": one
        pairs.append(AbbreviationPair(m.group("second"), m.start("second"), m.end("second"),
                                      first, start, start + len(first)))
    return pairs


def _described_variant(short: str, long: str) -> bool:
    """Whether ``long`` is a description of a variant ``short`` names, not its long form: the name before the
    short form's hyphen opens ``long``, and a word in lower case other than a :data:`_STOP` word follows it
    ("Ravik trained on Wikipedia only (Ravik-W)", "Zorb without its router (Zorb-NR)"): the variant is a
    name of its own. A coined long form is capitalised: "Zorb with Flipped Scans (Zorb-FS)".

    >>> _described_variant("Ravik-W", "Ravik trained on Wikipedia only")
    True
    >>> _described_variant("Zorb-FS", "Zorb with Flipped Scans")
    False
    """
    base, hyphen, _ = short.partition("-")
    first, space, rest = long.partition(" ")
    return bool(hyphen) and first == base and any(w.islower() and w not in _STOP for w in rest.split())


#: lower-case words that open a clause or a phrase around a name, never a long form: articles, prepositions,
#: conjunctions, pronouns, relatives and auxiliaries (not spaCy's whole stop list, which holds words that do open
#: long forms: "whole slide image (WSI)", "next basket recommendation", "back propagation", "least squares")
_CLAUSE_OPENERS = frozenset(
    "a an the this these those that which who whom whose where when while whereas whether if than as so such "
    "for of in on to by with from at into onto upon via about over through without within between among against "
    "and or but nor not no is are was were be been being am has have had do does did can could may might must "
    "shall should will would it its we our us they their them he she his her there here".split())


def _clause_led(form: str) -> bool:
    """Whether a form of several words opens with an English function word in lower case
    (:data:`_CLAUSE_OPENERS`): a clause or a phrase around a name, no long or short form of one ("for which
    bounded testing is known (for SC)", "INLP (is cleaner than applying several)"). A long form opens with a
    content word.

    >>> _clause_led("for which bounded testing is known"), _clause_led("for SC"), _clause_led("Flow Matching")
    (True, True, False)
    >>> _clause_led("whole slide image"), _clause_led("next basket recommendation")
    (False, False)
    """
    first, space, _ = form.partition(" ")
    return bool(space) and first in _CLAUSE_OPENERS


def find_abbreviations(text: str) -> list[AbbreviationPair]:
    """Every ``long form (SF)`` and ``SF (long form)`` definition in ``text``, in parentheses or in
    square brackets (``Segment Anything Model [SAM]``; never a citation such as ``[12]`` or ``[3, 4]``).
    """
    pairs: list[AbbreviationPair] = []
    for m in (_PAREN if "[" in text else _ROUND_PAREN).finditer(text):
        group = 1 if m.group(1) is not None else 2  # in parentheses, or in square brackets
        raw = m.group(group)
        if group == 2 and _CITATION.search(raw):
            continue  # a citation, not a definition
        inner = raw.strip()
        inner_start = m.start(group) + (len(raw) - len(raw.lstrip()))
        before = text[max(0, m.start() - 300): m.start()]
        base = m.start() - len(before)
        # cut at the sentence or clause boundary before the parenthesis
        cut = max(before.rfind(". ") + 2, before.rfind("; ") + 2, before.rfind(": ") + 2, before.rfind("\n") + 1,
                  before.rfind(")") + 1, before.rfind("(") + 1,  # a long form never spans a parenthesis
                  before.rfind("]") + 1, before.rfind("[") + 1)  # ... nor a bracket
        if cut > 0:
            base, before = base + cut, before[cut:]
        before = before.rstrip().rstrip("~")  # LaTeX's non-breaking space: "Decision Transformer~(DT)"
        for suffix in ("'s", "’s"):  # "Uncertainty Quantification's (UQ)"
            if before.endswith(suffix):
                before = before[: -len(suffix)]
        before += " "
        # 1. long form (SF)
        short = inner.split(";")[0].split(",")[0].strip()
        short = short.removesuffix(" for short")  # "(JRC for short)" defines as "(JRC)" does
        if "/" in short:  # "(GPaCo/PaCo)": the first form defines the pair
            short = short.split("/")[0].strip()
        if is_short_form(short) and not _clause_led(short):
            words = before.rstrip().split()
            limit = _words_limit(short)
            window = " ".join(words[-limit:]) if words else ""
            long = _initials_long_form(short, words[-limit:]) or (
                match_long_form(short, window) if window else None)
            if long and not long.endswith(short) and not _clause_led(long):
                lstart = base + before.rstrip().rfind(long) if long in before else -1
                if lstart >= base and len(long) > len(short):
                    pairs.append(AbbreviationPair(short, inner_start, inner_start + len(short),
                                                  long, lstart, lstart + len(long)))
                    continue
        # 2. SF (long form)
        wm = _word_before(before)
        if wm and len(inner.split()) >= 2:
            token = wm.group(1)
            for short in (token, token.split("-")[0]):
                if not is_short_form(short):
                    continue
                long = match_long_form(short, inner)
                if long and _clause_led(long):
                    break
                if long and long == inner.strip() or (long and len(long.split()) >= len(inner.split()) - 1):
                    sstart = base + wm.start(1)
                    lstart = inner_start + inner.find(long)
                    pairs.append(AbbreviationPair(token, sstart, sstart + len(token),
                                                  long, lstart, lstart + len(long)))
                    break
    return pairs


def singular_short_form(short: str, long: str) -> str | None:
    """The singular of a plural short form that its plural long form explains ("GAT" of "graph
    attention networks (GATs)"), else ``None``: only a lower-case "s" after a capital or a digit
    goes, so that a capital "S" of the name stays ("Koala Dataset Series (KQADS)").

    >>> singular_short_form("GATs", "graph attention networks"), singular_short_form("NeRFs", "Neural Fields")
    ('GAT', 'NeRF')
    >>> singular_short_form("KQADS", "Koala QA Dataset Series"), singular_short_form("PKs", "Possum kernel")
    (None, None)
    """
    head = long.split()[-1].lower() if long.split() else ""
    if not head.endswith("s") or head.endswith(("ss", "us", "is")):
        return None
    return acronym_singular(short)


def acronym_singular(form: str) -> str | None:
    """``form`` without a plural's lower-case "s" after a capital or a digit ("GAT" of "GATs", "PK2"
    of "PK2s"), else ``None`` ("KQADS", "Ms", "Quokkas").

    >>> acronym_singular("GATs"), acronym_singular("PK2s"), acronym_singular("KQADS"), acronym_singular("Ms")
    ('GAT', 'PK2', None, None)
    """
    if len(form) < 3 or form[-1] != "s" or not (form[-2].isupper() or form[-2].isdigit()):
        return None
    return form[:-1]


# ---------------------------------------------------------------- component
# The spaCy component is a thin wrapper: both sides of a pair become candidates
# of one group; a generic definition ("large language models (LLMs)") blocks them.

_HEAD_CUT = re.compile(r"\s+(?:of|on|for|in|with|from|over|via|under|by)\s+", re.I)
_AUTHORS = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Tt]his (?:paper|work|study)|[Hh]ere)\b")
_INTRODUCED = re.compile(rf"\b(?:{PROPOSAL_VERBS})[sd]?\s+(?:(?:the|a|an|new|novel|deep|simple)\s+)*$", re.I)


def introduced_at(text: str, start: int) -> bool:
    """Whether a verb of proposing stands right before ``start`` (past an article or "new / novel"): "This paper
    introduces MPC", "we propose a new Zorb".
    """
    return _INTRODUCED.search(text[max(0, start - 60):start]) is not None
#: words that set a name after them as another's, given as an example or as the background of a field: "methods
#: such as Zorb Flow (ZF)", "e.g.", "including", "The emergence of Tiny Zorb Learning (TinyZL)", "the success of"
_EXAMPLE_OR_BACKGROUND = re.compile(r"\b(?:such as|e\.g\.|including|(?:emergence|rise|success|advent|popularity) of)\s")


def set_as_others(text: str, sent_start: int, start: int) -> bool:
    """Whether the words before a long form at ``start`` (in its sentence, 70 characters at most) set it as
    others' work: after a comparison ("outperforms the methods Conversational Zorb (ConZ)", :func:`~graphbuild.nlp.
    roles.compared_before`) or as an example or a field's background (:data:`_EXAMPLE_OR_BACKGROUND`), with no
    turn to the authors between ("such as ours, Zorb Flow (ZF)").
    """
    lo = max(sent_start, start - 70, 0)
    window = text[lo:start]
    if compared_before(window):
        return True
    cues = [m.end() for m in _EXAMPLE_OR_BACKGROUND.finditer(window)]
    return bool(cues) and _AUTHORS.search(window, cues[-1]) is None


#: a sentence of evaluation up to a pair, the data or rivals it runs on or against: "We evaluate X across the ",
#: "Experiments on ", "We test it on A (a) and " (the pairs named there are others' data and methods)
_EVALUATED_ON = re.compile(r"\b(?:[Ww]e\s+(?:\w+ly\s+)?(?:evaluat|test|benchmark|validat)\w*|[Ee]xperiments?)\b"
                           r"[^.;:]{0,200}?\b(?:on|across|over|against)\b")
#: what makes a pair in such a sentence the authors' own after all: a verb of proposing, "our"
_OWN_IN_EVALUATION = re.compile(rf"\b(?:{PROPOSAL_VERBS})[sd]?\b|\b[Oo]ur\b")


def _evaluated_on(text: str, start: int, end: int) -> bool:
    """Whether the sentence from ``start`` up to a pair's long form at ``end`` evaluates on or against what it
    lists (:data:`_EVALUATED_ON`: "We evaluate X's performance across the Next Generation Simulation (NGSIM),
    Highway Drone (HighD), …"), with no word of the authors' own (:data:`_OWN_IN_EVALUATION`).
    """
    return _EVALUATED_ON.search(text, start, end) is not None and _OWN_IN_EVALUATION.search(text, start, end) is None


@Language.factory("graphbuild_abbreviations", assigns=["doc._.gb_abbrevs", "doc._.gb_candidates"],
                  requires=["doc._.gb_title_end"], default_config={"task_vote": 2.5, "head_vote": 1.5})
def make_abbreviations(nlp: Language, name: str, task_vote: float, head_vote: float):
    """Schwartz & Hearst pairs; both sides become candidates of one group.

    Parameters
    ----------
    task_vote : the Task vote of a pair whose long form ends like a task ("... detection").
    head_vote : the vote for the type the long form's head noun names ("... network": Model).
    """
    from .patterns import INNER_CAP  # shape rules live with the name shapes

    @guarded(name)
    def abbreviations(doc: Doc) -> Doc:
        text = doc_text(doc)
        lowered = text.lower()
        ext = doc._
        title_end = max(ext.gb_title_end, 0)
        pairs = find_abbreviations(text) + find_title_and_apposed_abbreviations(text, title_end) + find_aliases(text)
        ext.gb_abbrevs = pairs
        out = candidates(doc)
        # the spans the gazetteer names: a known name spelled out is defined, not coined here
        known = {(c.start, c.end) for c in out if c.source == "gazetteer"}
        for gid, pair in enumerate(pairs):
            if _described_variant(pair.short, pair.long):
                # the variant alone is a name; the words before it describe it and are no form of it
                out.append(Candidate(pair.short_start, pair.short_end, pair.short, "abbrev-short", group=gid,
                                     strong=True))
                continue
            long_words = pair.long.split()
            # the head noun: "knowledge distillation on graphs" is about distillation
            head_words = _HEAD_CUT.split(pair.long, maxsplit=1)[0].split() or long_words
            head = head_words[-1]
            # "State space models (SSMs)": a class of things, not one named artifact
            lowerish = pair.long[1:] == pair.long[1:].lower()
            plural = head.endswith("s") and not head.endswith("ss") and (
                pair.short.endswith("s") or lowerish and len(head) > 3 and head[-2] not in "su")
            task = head.lower() in TASK_ENDINGS or head.lower().endswith(TASK_ENDINGS)
            # a plural named right after "we propose" is the paper's own artifact (DDPM, ResNet)
            sent_start = max(text.rfind(". ", 0, pair.long_start), text.rfind("\n", 0, pair.long_start))
            introduced = bool(_INTRODUCED.search(text[max(sent_start, pair.long_start - 60):pair.long_start]))
            brand = bool(INNER_CAP.search(pair.short)) and not pair.short.endswith("s")
            title_text = text[:title_end].lower()
            brand = brand or (title_text.startswith(pair.long.lower()) and not SURVEY_TITLE.search(title_text))
            # "recommender system (RS)", "dialogue systems (DS)": a kind of system, not a named one
            system = head.lower() in ("system", "systems")
            generic = is_generic(pair.long) or is_generic(pair.short) or system or (
                plural and not task and not introduced and not brand)
            # a coined short form spelled out in capitals ("Partially Flipped Mamba (PF-Mamba)")
            # names a part of what this paper builds; a name the gazetteer knows ("Low-Rank Adaptation
            # (LoRA)") is only defined, unless the title opens with it or the sentence speaks for the authors
            # of it, not of a kind of thing it names ("pre-training of Vision Transformer (ViT) models"); nor one a
            # sentence of evaluation lists ("We evaluate X across A (a), B (b) …": others' data or rivals)
            # (the decision drops the guess where the words before set the name as others' work: set_as_others)
            coined = (not generic and not task and not lowerish and not pair.short.endswith("s")
                      and bool(INNER_CAP.search(pair.short) or "-" in pair.short)
                      and (title_text.startswith(pair.long.lower())
                           or ((pair.long_start, pair.long_end) not in known
                               and (pair.short_start, pair.short_end) not in known)
                           or _AUTHORS.search(text, max(sent_start, 0), pair.long_start) is not None
                           and not KIND_AFTER.match(text, pair.short_end))
                      and not _evaluated_on(text, max(sent_start, 0), pair.long_start))
            long = Candidate(pair.long_start, pair.long_end, pair.long, "abbrev-long", group=gid,
                             strong=not generic, accepted=not generic, proposed=coined)
            short = Candidate(pair.short_start, pair.short_end, pair.short, "abbrev-short", group=gid,
                              strong=not generic, accepted=not generic)
            for cand in (long, short):
                if task:
                    cand.vote("Task", task_vote)
                t = head_type(head)
                if t and t != "Task":
                    cand.vote(t, head_vote)
            out.extend((long, short))
            # the long form elsewhere (often in the title) belongs to the same entity
            if not generic:
                needle = pair.long.lower()
                pos = lowered.find(needle)
                while pos >= 0:
                    if pos != pair.long_start:
                        end = pos + len(needle)
                        again = Candidate(pos, end, text[pos:end], "abbrev-long", group=gid, strong=True)
                        again.votes = dict(long.votes)
                        out.append(again)
                    pos = lowered.find(needle, pos + 1)
        return doc

    return abbreviations
