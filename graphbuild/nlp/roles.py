"""Roles: does the paper propose, use, evaluate on or compare with each entity?

Cues (ANNOTATION.md): "we propose / introduce / present / release X",
"termed / dubbed / named X" and the name before a title's colon mark what a
paper proposes; a dataset in a sentence about experiments or results is
evaluated on; a model or method after "outperforms", "compared with", "than"
is compared with; everything else is used.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import Candidate, candidates, doc_text, guarded
from .lexicon import (
    ARTIFACT_KINDS,
    COMPARISON_NO_CONTRAST,
    INTRODUCING_VERBS,
    KIND_AFTER,
    MADE_AFTER,
    MADE_KIND_NAMED,
    MAKING_VERBS,
    PROPOSED_KINDS,
    SET_WORDS,
    SURVEY_TITLE,
    Occurrences,
    head_type,
    occurrences,
    occurs_within,
    subject_after_comma,
    whole_occurrences,
    word_alternation,
)
from .patterns import KIND_APPOSED, OTHERS_KIND, own_kind, shape_score
from .proposals import AT_HEART

__all__ = ["assign_roles", "made_and_named", "role_of"]

#: an adverb between the subject and the verb of proposing ("we also introduce", "we first present")
_ADVERB_BEFORE_VERB = r"\s+(?:\w+ly\s+|also\s+|then\s+|further\s+|first\s+|now\s+)?"
_PROPOSE_PLAIN = (
    rf"\b(?:(?:we|We){_ADVERB_BEFORE_VERB}(?:{INTRODUCING_VERBS})(?:s|d|ed)?"
    rf"|(?:paper|work|study|report|article|Here|here){_ADVERB_BEFORE_VERB}"
    rf"(?:{INTRODUCING_VERBS})s?|(?:and\s+|us\s+to\s+)(?:{INTRODUCING_VERBS})s?)\b(?!\s+(?:to|on|upon)\b)"
    r"(?!\s+(?:no|nothing)\b(?![^.;]*\bbut\b))"
)
# _PROPOSE_PLAIN with each subject word its own alternative, the word boundary after its first letter
# (word_alternation): every alternative starts with a letter, so that a search skips to those letters. After
# "we" the verb may be in the past tense too, as structured and non-native abstracts write it ("Methods: We
# developed X, a …", "In this paper we proposed X"); after another subject the past is others' work ("Prior work
# proposed X"). Not a verb the authors negate ("We propose no new model", "propose nothing new"), unless a "but"
# in its clause brings in what they do propose ("We propose no new model but a new sampler, X")
_PROPOSE = re.compile(
    "(?:" + "|".join(
        [f"{w[0]}(?<!\\w.){w[1:]}{_ADVERB_BEFORE_VERB}(?:{INTRODUCING_VERBS})(?:s|d|ed)?" for w in ("we", "We")]
        + [f"{w[0]}(?<!\\w.){w[1:]}{_ADVERB_BEFORE_VERB}(?:{INTRODUCING_VERBS})s?"
           for w in "paper|work|study|report|article|Here|here".split("|")]
        + [f"a(?<!\\w.)nd\\s+(?:{INTRODUCING_VERBS})s?", f"u(?<!\\w.)s\\s+to\\s+(?:{INTRODUCING_VERBS})s?"])
    + r")\b(?!\s+(?:to|on|upon)\b)(?!\s+(?:no|nothing)\b(?![^.;]*\bbut\b))"
)
_OUR = re.compile(word_alternation("Our|our|The proposed|the proposed|This new|this new|The resulting|the resulting|"
                                   "The learned|the learned")
                  + r"\s+(?:\w+\s+){0,3}?(?:model|models|method|framework|agent|network|variant|"
                  r"approach|system|dataset|benchmark|algorithm|technique|family|architecture|optimizer|design|formulation|"
                  r"pipeline|tool|library|protocol|engine|compiler|recipe|corpus|attack|defen[cs]e)"
                  r"(?:,?\s+(?:called|named|dubbed|termed))?,?\s*$")
_SUBJECT_PROPOSED = re.compile(
    r"(?:\s*\([^)]{1,40}\))?\s+(?:is|are)\b[^.;]{0,160}?\b(?:(?:that|which)\s+)?(?:we|We)\s+"
    rf"(?:{MAKING_VERBS})(?:e|es|s|d|ed)?\b|"
    r"(?:\s*\([^)]{1,40}\))?\s+(?:is|are)\s+our\s+"
    r"(?:proposal|contribution|new|novel)")
#: what stands between a proposal verb and the known name it proposes: an article, and names listed
#: before it ("we release Falcon 40B and Falcon 180B")
_DIRECT_OBJECT = re.compile(r"^\s*(?:(?:the|a|an|our)\s+)?(?:[A-Z][\w.\-]*(?: [\w.\-]+)?(?:,| and|, and) )*$")
#: a name the verb brings in, then the appositive that describes it ("X, a family of")
_DESCRIBED_OBJECT = re.compile(r"^\s*(?:(?:the|our)\s+)?[A-Z][\w.\-+]*(?:\s+[A-Z0-9][\w.\-+]*)?\s*,\s+(?:a|an)\s")
_NOT_A_HEAD = frozenset(
    "and or family as for in on to by from via with that which who whose where when while is was are were "
    "can could will would may might should must has have had achieves outperforms uses enables consists "
    "improves reduces allows leverages combines learns shows yields provides performs".split())
#: what the text releases under a name, right before it: "The pairs are released as the ", "we publish them as "
#: (a verb of release, up to three words, "as", perhaps an article: the name follows)
_RELEASED_AS = re.compile(r"\b(?:releas(?:e|es|ed|ing)|publish(?:es|ed|ing)?|open-sourc(?:e|es|ed|ing))\s+"
                          r"(?:[\w\-]+\s+){0,3}?as\s+"
                          r"(?:(?:the|a|an|our)\s+)?$")
#: how every match of ``_RELEASED_AS`` ends (its last letters)
_RELEASED_AS_ENDS = ("as ", "he ", "a ", "an ", "ur ")
#: a naming participle right before a name: ", called X", "dubbed “X”"
_NAMING_WORDS = ("called", "named", "dubbed", "termed", "coined")
_NAMED_BEFORE = re.compile(word_alternation("|".join(_NAMING_WORDS)) + r"\s+[\"“']?$")
_OUR_NAME_BEFORE = re.compile(r"\b[Oo]ur\s+(?:(?:new|novel|proposed|final)\s+)?[\"“']?$")
_TYPE_HEAD_AFTER = re.compile(r"^[\"”']?\s*(?:\([^)]{1,20}\)\s*)?(?:framework|method|model|approach|architecture|"
                              r"algorithm|system|dataset|benchmark|technique|network|optimizer)\b")
#: an item of a list that opens at a colon: after the colon or a separator, an article and two words at most
#: (no word of a clause inside an item: ", which uses X")
_LIST_ITEM = re.compile(r"(?::|,|\band|\bor)\s+(?:(?:the|a|an)\s+)?"
                        r"(?:(?!(?:which|that|who|whose|where|while|with|using|by|from|on|in|of)\b)[\w\-]+\s+){0,2}$")
#: the authors train what they name next: "We train", "we then train the"
_WE_TRAIN = re.compile(word_alternation("We|we") + r"\s+(?:\w+ly\s+|then\s+|also\s+)?(?:pre-?)?train\s+(?:the\s+)?$")
#: an appositive that makes a name a released set of models: ", a family of", ", a suite of" (not ", a deep
#: residual network": a backbone or baseline the authors train is not theirs by that alone)
_DEFINED_AFTER = re.compile(r",\s+(?:a|an)\s+(?:new\s+|novel\s+)?(?:[\w\-]+\s+){0,3}?"
                            r"(?:family|suite|series)\b")
#: what ends the name the authors give: a closing quote or parenthesis, then a comma or full stop or a clause
#: ("X, that uses", "X which", "X (X-7B) on", "X from radio transcripts"): not a list going on ("a model, A and
#: B", "a benchmark, Paris, London and Berlin"), a compound ("A-based") nor a longer name it opens ("called Home
#: Region Replication")
_NAME_ENDS = re.compile(r"[\"”']?\s*(?:\([^)]{1,30}\)\s*)?(?:,(?!\s*[A-Z][\w\-]*(?:\s*,|\s+(?:and|or)\s))|[.;:]|"
                        r"\s+(?:that|which|who|whose|to|on|with|in|for|from|of|by|using|is|was|are|were)\b)")
_NEXT_LOWER = re.compile(r"^\)?\s*([a-z][\w-]*)")
#: the end of an object of proposing that derives the authors' thing from the name after it, at most one
#: modifier between: "an extension of the ", "a variant of ", "a modification of the pretrained ", "an
#: extension and enhancement of ", and the long form before a short one ("an extension of the approximate message
#: passing (" before "AMP") (the name is the earlier work; a name given to the new thing comes after a
#: comma or a naming word, "a variant of X, called Y", and ends no match)
_DERIVED_FROM = re.compile(r"\b(?:extension|enhancement|variant|generali[sz]ation|modification|adaptation|"
                           r"refinement)s?\s+(?:and\s+[a-z]+\s+)?(?:of|to)\s+(?:(?:the|a|an)\s+)?"
                           r"(?:[a-z][\w\-]*\s+)?(?:[\w\-]+(?:\s+[\w\-]+){0,5}\s*\()?$")
#: what ends a comparison's reach: ";", ":", a full stop (a decimal point breaks nothing), "we", "our", "which",
#: "that"; the first character consumed in every alternative and the word boundary tested after it (as in
#: word_alternation), so that a search skips to those characters
_COMPARE_BREAK = re.compile(r"[;:.wot](?<!\w[wot])"
                            r"(?:(?<=[;:])|(?<=\.)(?!\d)|(?<=w)e\b|(?<=o)ur\b|(?<=w)hich\b|(?<=t)hat\b)")
_WE = re.compile(word_alternation("we|We|this paper|This paper|this work|This work") + r"\b")
_CLAUSE_STOP = re.compile(word_alternation(r"which|that|to|for|in|using|uses|use|with|based on|built on|on top of|via|"
                                            r"from|over|than|compared|outperform\w*|leverag\w*|and achieve\w*|where|"
                                            r"while|whose|by") + r"\b")
#: a comparison cue, the last before a name with no clause break between: ``COMPARISON_NO_CONTRAST`` (the window
#: reaches past an "Unlike Zorb," to the paper's own name), and what says so only here: "compare it with" (or
#: "comparing Zorb with", one name between: what follows is compared with it), "in
#: comparison to", "improves on", "over", "vs" without its period, "exceeds", "above" right before a name ("reaches
#: 96% accuracy, above Zorb"; not "as shown above, Zorb") ("than" before a number compares an amount: "more than 10
#: baselines, Zorb")
_COMPARE = re.compile(word_alternation(COMPARISON_NO_CONTRAST + r"|exceed\w*|"
                                       r"compar(?:e|es|ed|ing) (?:(?:it|them|this|these|ours|[A-Z][\w\-.+]*) )?"
                                       r"(?:to|with|against)|"
                                       r"Compar(?:e|ed|ing) (?:to|with)|comparison (?:to|with)|vs|"
                                       r"improv\w* (?:up)?on|over|above(?=\s+(?:the\s+)?(?:[A-Z]|$))")
                      + r"(?:\b|(?<=\.))(?!(?<=than)\s+\d)")  # "vs." with its period
# every match of _PROPOSE holds one of these; of _OUR and _OUR_NAME_BEFORE, of _COMPARE
_VERB_STEMS = tuple(v.split("-")[0] for v in INTRODUCING_VERBS.split("|"))
_OUR_WORDS = ("our", "Our", "he proposed", "his new", "he resulting", "he learned")
# ("comparison" holds "compar": a window with it holds "compar", and its own search of the text would find nothing new)
_COMPARE_WORDS = ("outperform", "surpass", "beat", "exceed", "compar", "Compar", "than", "versus", "vs",
                  "against", "elative to", "improv", "over", "above")
_EVAL = re.compile(r"\b(?:experiment\w*|evaluat\w*|results?|benchmark\w*|accuracy|achiev\w*|outperform\w*|"
                   r"beat\w*|surpass\w*|exceed\w*|compar\w*|"
                   r"state-of-the-art|SOTA|score\w*|test\w*|validat\w*|demonstrat\w*|perform\w*|report\w*)\b",
                   re.I)  # (a sentence opens with a capital: "Experiments on X show …")


def assign_roles(text: str, sents: list[tuple[int, int]], cands: list[Candidate], title_end: int) -> None:
    """Set ``proposed`` (the rules' guess) and ``role`` (the role besides proposing: evaluates on,
    compares with or uses) on every candidate in place.
    """
    title = text[:title_end].lower()
    # a coined name (not a known one) that opens the title is what the paper is about
    survey = bool(SURVEY_TITLE.search(title))
    opens_title = {c.group for c in cands if c.group >= 0 and c.source == "abbrev-long"
                   and title.startswith(c.text.lower()) and not survey}
    # a short title that names the artifact ("Mistral 7B", "Graph Attention Networks")
    short_title = len(title.split()) <= 4 and ":" not in title
    named_in_title = {c.key or c.text for c in cands if c.start < title_end and _names_title(c, title)
                      and not MADE_AFTER.match(text, c.end)} if short_title else set()
    # (not a name the title makes something after: "Zorb-style Pretraining for …")
    opener = {c.key or c.text for c in cands if c.start == 0 and c.source != "gazetteer" and not survey
              and not _common_phrase(text, title_end, c) and not MADE_AFTER.match(text, c.end)}
    for c in cands:
        if c.group in opens_title or (c.key or c.text) in named_in_title or (c.key or c.text) in opener:
            c.proposed = True
    first_seen: dict[str, int] = {}
    for c in cands:
        first_seen.setdefault(c.key or c.text, c.sentence)
    in_title = {c.key or c.text for c in cands if c.start < title_end}
    cues = {"verb": occurrences(text, _VERB_STEMS), "our": occurrences(text, _OUR_WORDS),
            "compare": occurrences(text, _COMPARE_WORDS)}
    scan = _SentenceScan(text)
    for c in cands:
        s, e = sents[c.sentence] if 0 <= c.sentence < len(sents) else (0, len(text))
        before = text[s:c.start]
        if not c.proposed and c.start >= title_end:
            c.proposed = _proposed_here(text, c, before, first_seen, in_title, cues, (s, e), scan) \
                or _proposed_around(text, c, s, before, (s, e), scan)
        # the role the mention has if the decision does not keep it as proposed ("proposes" follows
        # ``proposed``, which the decision sets last)
        c.role = role_of(text, (s, e), c, c.type, cues["compare"])


def role_of(text: str, sentence: tuple[int, int], c: Candidate, type_: str | None,
            compare: Occurrences | None = None) -> str:
    """The role besides proposing of a mention of type ``type_`` in ``sentence`` (its character span):
    a dataset in a sentence about results is evaluated on, a model or method after a comparison cue
    is compared with, anything else is used. ``compare``: where the comparison words occur (found
    once per document), or ``None`` to look in the sentence.
    """
    s, e = sentence
    if type_ == "Dataset" and _about_results(text[s:e]):
        return "evaluates_on"
    lo = max(s, c.start - 70)
    if type_ in ("Model", "Method") and (
            occurs_within(compare, lo, c.start) if compare is not None
            else any(word in text[lo:c.start] for word in _COMPARE_WORDS)) and compared_before(text[lo:c.start]) \
            and not compared_subject(text[lo:c.start], text, c.end):
        return "compares_with"
    return "uses"


def _common_phrase(text: str, title_end: int, c: Candidate) -> bool:
    """Is a phrase opening the title a common noun phrase the abstract writes in lower case: two words
    or more, none coined, not all the title says before its colon ("Reward Hacking in …", then "forms of
    reward hacking"): the name of a field or a kind rather than of the paper's own artifact (its own cues
    in the abstract may still propose it)?
    """
    words = c.text.split()
    return len(words) >= 2 and all(_PLAIN_WORD.fullmatch(w) for w in words) \
        and text[c.end:title_end].strip()[:1] != ":" and text.find(c.text.lower(), title_end) >= 0


#: a word of letters, capitalised or not, and its hyphenated parts ("Post-Training"; not "ResNet", "GPT")
_PLAIN_WORD = re.compile(r"[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)*")


def _names_title(c: Candidate, title: str) -> bool:
    """Does this title mention name the paper's artifact? A plain phrase ("Graph Neural
    Networks") only when it is the whole title; a coined or single-word name always.
    """
    words = c.text.split()
    return len(words) == 1 or c.text.lower() == title.strip() or any(shape_score(w) for w in words)


@lru_cache(maxsize=4096)
def _about_results(sentence: str) -> bool:
    """Does the sentence speak of experiments or results? (Cached: every dataset of a sentence asks.)"""
    return _EVAL.search(sentence) is not None


def _tail_from(before: str, words: int) -> int:
    r"""Where the last ``words`` white-space-separated words of ``before`` start (or after it).

    The ``$``-anchored patterns here span a bounded number of words, so a search
    from there (in the same string: ``\b`` sees the real character before) finds
    the same match as a search of the whole sentence so far.
    """
    window = 64 * (words + 1)
    if len(before) > window:  # (the words in the last characters: no copy of a long sentence so far)
        parts = before[-window:].rsplit(None, words)
        if len(parts) > words and parts[0]:
            return len(before) - window + len(parts[0])
    parts = before.rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


#: the characters a naming participle may have after it before the name: "called “X"
_NAME_OPENERS = " \"“'"


def _rstripped(before: str, chars: str) -> str:
    """The end (16 characters at least) of ``before.rstrip(chars)``: what ``endswith`` tests need, without copying
    a long sentence so far for every candidate (most end in a space, which ``rstrip`` would strip by copying).
    """
    tail = before[-64:].rstrip(chars)
    return tail if len(tail) >= 16 or len(before) <= 64 else before.rstrip(chars)


class _SentenceScan:
    """What the rules would otherwise find anew in the sentence so far for every candidate (the text from the
    sentence's start up to the candidate: quadratic in a long sentence, as in a text with no full stop), found
    once per sentence and per document: where a literal first occurs in a sentence, the colons of the text,
    a pattern's matches in a sentence and the outcome of a search up to a colon.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._first: dict[tuple[str, int], int] = {}
        self._colons: list[int] | None = None
        #: by the pattern's id (a compiled pattern's hash is computed anew from its whole code at each call) and
        #: the sentence's start; each entry holds its pattern, so no other pattern can take that id meanwhile
        self._matches: dict[tuple[int, int], tuple[re.Pattern[str], list[int], list[int]]] = {}
        self._kinds: dict[tuple[int, int], bool] = {}

    def holds(self, literal: str, sentence: tuple[int, int], hi: int) -> bool:
        """Whether ``literal`` occurs wholly within the sentence before ``hi`` (``literal in text[s:hi]``)."""
        s, e = sentence
        at = self._first.get((literal, s))
        if at is None:
            at = self._first[literal, s] = self.text.find(literal, s, e)
        return 0 <= at and at + len(literal) <= hi

    def last_colon(self, lo: int, hi: int) -> int:
        """The offset of the last colon in ``[lo, hi)``, or -1 (``text.rfind(":", lo, hi)``)."""
        if self._colons is None:
            self._colons = [m.start() for m in _COLON.finditer(self.text)]
        i = bisect_left(self._colons, hi) - 1
        return self._colons[i] if i >= 0 and self._colons[i] >= lo else -1

    def proposes_kinds(self, s: int, colon: int) -> bool:
        """Whether ``PROPOSED_KINDS`` matches in the sentence from ``s`` up to and with its colon at ``colon``
        (the same for every candidate after that colon).
        """
        found = self._kinds.get((s, colon))
        if found is None:
            found = self._kinds[s, colon] = PROPOSED_KINDS.search(self.text[s:colon + 1]) is not None
        return found

    def last_match(self, pattern: re.Pattern[str], sentence: tuple[int, int], before: str,
                   reach: int) -> tuple[int, int] | None:
        """The span (in ``before``) of the last match of ``list(pattern.finditer(before))``, or ``None``, where
        ``before`` is the sentence up to a candidate and no attempt of ``pattern`` reads more than ``reach``
        words on from where it starts.

        The search of ``before`` and that of the whole sentence (found once) try the same places with the same
        outcome as long as an attempt reads nothing past ``before``: up to ``reach`` words before its end. Only
        the rest is searched again, from where the sentence's search stood there.
        """
        s, e = sentence
        starts, ends = self._sentence_matches(pattern, s, e)
        limit = _tail_from(before, reach + 1)
        k = bisect_left(starts, limit)
        resume = max(limit, ends[k - 1]) if k else limit
        if k and ends[k - 1] > len(before):  # (cannot be with ``reach`` right: the plain search then)
            matches = list(pattern.finditer(before))
            return (matches[-1].start(), matches[-1].end()) if matches else None
        last = (starts[k - 1], ends[k - 1]) if k else None
        for m in pattern.finditer(before, resume):
            last = (m.start(), m.end())
        return last

    def _sentence_matches(self, pattern: re.Pattern[str], s: int, e: int) -> tuple[list[int], list[int]]:
        """The starts and ends (from ``s``) of every match of ``pattern`` in the sentence ``[s, e)``."""
        found = self._matches.get((id(pattern), s))
        if found is None:
            spans = [(m.start(), m.end()) for m in pattern.finditer(self.text[s:e])]
            found = self._matches[id(pattern), s] = (pattern, [a for a, _ in spans], [b for _, b in spans])
        return found[1], found[2]


#: a colon (where a list of the things proposed may open)
_COLON = re.compile(":")
#: how many words an attempt of _PROPOSE reads on from where it starts, at most: "we also propose to" and the
#: character after (a margin over it)
_PROPOSE_REACH = 8
#: ... of _MADE_INTO: "We distil", 160 characters (80 words of one letter at most), "into two compact students,"
_MADE_INTO_REACH = 100


def _proposed_here(text: str, c: Candidate, before: str, first_seen: dict[str, int], in_title: set[str],
                   cues: dict[str, Occurrences], sentence: tuple[int, int], scan: _SentenceScan) -> bool:
    after = text[c.end: c.end + 30]
    # _OUR spans at most seven words ("the proposed", three words, the head, "called"), _OUR_NAME_BEFORE three:
    # a match of either holds a cue word within the last seven words (tested once the sentence holds one)
    lo = c.start - len(before)
    if occurs_within(cues["our"], lo, c.start) and occurs_within(cues["our"], lo + (tail := _tail_from(before, 7)),
                                                                 c.start) and (
            _OUR.search(before, tail)
            or _TYPE_HEAD_AFTER.match(after) and _OUR_NAME_BEFORE.search(before, _tail_from(before, 3))):
        return True  # "our model, called X"; "Our state space duality (SSD) framework"
    if _rstripped(before, _NAME_OPENERS).endswith(_NAMING_WORDS) \
            and _NAMED_BEFORE.search(before, _tail_from(before, 2)) \
            and scan.last_match(_PROPOSE, sentence, before, _PROPOSE_REACH) is not None:
        return True  # "We introduce a new algorithm for learning weights, called X"
    if c.key is None and _rstripped(before, _NAME_OPENERS).endswith(_NAMING_WORDS) and _this_kind_named(before):
        return True  # "On CIFAR-10, the recipe, named X, reaches …": no verb of proposing, the authors' kind named
    if (not before or before.isspace()) and _SUBJECT_PROPOSED.match(text, c.end):
        return True  # "PPO is a policy gradient algorithm we propose"
    if before.endswith(_RELEASED_AS_ENDS) and _RELEASED_AS.search(before, _tail_from(before, 7)):
        return True  # "The synthetic pairs are released as the X benchmark"
    s = sentence[0]
    colon = scan.last_colon(s, c.start) - s if c.start > s else -1
    # (a match of _LIST_ITEM spans the word of its separator and three more at most)
    if colon >= 0 and _LIST_ITEM.search(before, max(colon, _tail_from(before, 5))) \
            and scan.proposes_kinds(s, s + colon):
        return True  # "We propose two architectures …: the A model … and the B model"
    # (every match of _DEFINED_AFTER opens with a comma: most candidates have none after them)
    if after[:1] == "," and before.endswith(" ") and _WE_TRAIN.search(before, _tail_from(before, 3)) \
            and _DEFINED_AFTER.match(text, c.end):
        return True  # "We train X, a family of speech models": the authors' model, named as they train it
    if c.key is None and _made_kind_named(text, c, before):
        return True  # "by training a compute-optimal model, X, that …"; "we build a small model called X"
    if c.key is None and after[:1] == "," and _subject_kind_apposed(before):
        return True  # "The resulting agent, X, outperforms …"; "This approach, X, trains …"
    # (both rules below need "describe" or "into" in the sentence so far: most candidates skip them at once)
    if c.source != "gazetteer" and (
            first_seen.get(c.key or c.text, -1) == c.sentence or (c.key or c.text) in in_title) and (
            scan.holds("describe", sentence, c.start) or scan.holds("into", sentence, c.start)) and (
            scan.holds("describe", sentence, c.start) and _DESCRIBED_KIND.search(before, _tail_from(before, 5))
            and _ARTIFACT_AFTER.match(after)
            or _made_into(before, scan, sentence)):
        return True  # "We describe the X corpus"; "we distil A into two compact students, X and Y"
    if after[:1] == "-" and "a" <= after[1:2] <= "z":  # "-" and an ASCII lower-case letter: "BERT-based"
        return False  # "we present BERT-based models"
    # a proposal verb more than 12 words back is too far (below): no need to look for one
    # (first the cheap test of the whole sentence so far: most candidates have no verb before them)
    if not occurs_within(cues["verb"], lo, c.start) or not occurs_within(
            cues["verb"], lo + _tail_from(before, 13), c.start):
        return False
    m = scan.last_match(_PROPOSE, sentence, before, _PROPOSE_REACH)  # the last proposal verb before the candidate
    if m is None or (before.startswith("and", m[0]) and not _WE.search(before, 0, m[0])):
        return False
    # (more than 12 words after the verb: it ends before the end of the 13th word from the end)
    if m[1] < _tail_from(before, 12):
        return False
    between = before[m[1]:]
    if _CLAUSE_STOP.search(between):
        return False
    if between.endswith((" ", "(")) and _DERIVED_FROM.search(between):
        return False  # what the authors' thing is made from: "we develop an extension of the X framework"
    if c.text in between and next(whole_occurrences(between, c.text), None) is not None:
        return False  # the verb's object was its earlier mention: "an extension of X (X) …, called Zorb-guided X"
    if c.key is not None and _DESCRIBED_OBJECT.match(between) and KIND_AFTER.match(text, c.end):
        return False  # a known name for the kind of the one proposed: "we present X, a family of ViT models"
    # a modifier ("a dual selective SSM projector") is not the thing proposed
    nxt = _NEXT_LOWER.match(after) if not after.startswith(")") else None  # "(Mamba-2) whose …"
    if nxt and not head_type(nxt.group(1)) and nxt.group(1) not in _NOT_A_HEAD and not between.endswith(", the "):
        return False  # (but the kind's name apposed to it: "a new state space layer, the X layer")
    key = c.key or c.text
    if key in in_title and c.source != "gazetteer":
        return True
    if first_seen.get(key, -1) != c.sentence:
        return False  # named earlier without a proposal: "KD … we propose a KD approach"
    if c.source == "gazetteer":
        # a known name is proposed where the paper is about it: "we propose the Transformer"
        return ("novel" in between or " new " in f" {between} "
                or bool(_DIRECT_OBJECT.match(between)) or _kind_apposed(between))
    return True


def _made_kind_named(text: str, c: Candidate, before: str) -> bool:
    """Whether the authors make a thing of a kind and name it ``c`` right after (``before``: its sentence up to
    it, which ends in a comma or a naming participle): "We train a 70B decoder model, X, that …", "by training
    a compute-optimal model, X", "we build a compact retrieval model called X" (not a kind someone else made:
    "a standard baseline model, X"; not a list: "a model, A and B"; not the first word of a longer name: "called
    Home Region Replication"). The kind is a scored type's head noun or a kind of built thing no head noun names
    (:data:`~.lexicon.ARTIFACT_KINDS`: "We propose a keyword spotter, X, that …").
    """
    if not _rstripped(before, _NAME_OPENERS).endswith((",", *_NAMING_WORDS)):
        return False  # (every match ends in a comma or a naming participle: most candidates have neither before)
    m = MADE_KIND_NAMED.search(before, _tail_from(before, 12))
    if m is None or head_type(m.group(2)) not in ("Model", "Method", "Dataset") and m.group(2) not in ARTIFACT_KINDS \
            or OTHERS_KIND.search(m.group(1)):
        return False
    if m.group().startswith(("by", "and")) and not _WE.search(before, 0, m.start()):
        return False  # (whose is the work: "we … by training", not "prior work improved by training")
    return _NAME_ENDS.match(text, c.end) is not None


def _subject_kind_apposed(before: str) -> bool:
    """Whether ``before`` (the sentence up to a name) is only a kind of model, method or dataset, opened by
    "The" or "This", with the name apposed: "The network, X, reaches …", "The resulting agent, X, …" (the
    classics name their artifact so, late and with no verb of proposing). Not a kind someone else made
    ("The pretrained teacher model, X"), nor a part borrowed ("The backbone, X").
    """
    if not before.startswith(("The ", "This ")) or not before.rstrip().endswith(","):
        return False
    m = KIND_APPOSED.match(before)  # (the sentence's opening, as far as the name)
    return m is not None and _SUBJECT_MODIFIERS.fullmatch(m.group("mods")) is not None \
        and own_kind(m.group("mods"), m.group("head"))


#: a new kind of data, model or method, then the name apposed to it: "a new Welsh sentiment set, " (X follows);
#: the kind may go on with "of" and three words ("a new benchmark of real user tables, ")
_NEW_KIND_APPOSED = re.compile(r"\b[Aa]n?\s+new\s+((?:[\w\-]+\s+){0,4}?)([a-z][\w\-]*)"
                               r"(?:\s+of\s+(?:[\w\-]+\s+){0,3}?[\w\-]+)?\s*,\s+$")


def apposed_to_new_kind(text: str, sents: list[tuple[int, int]], c: Candidate) -> bool:
    """Whether ``c`` is apposed to "a new" kind of artifact in its sentence: "On X and a new Welsh sentiment set,
    Y, …" (the authors' own, though no verb of proposing says so; a new kind someone else made says whose: "a new
    baseline model, X" is not read so). The decision marks a coined name so after the learned model: as a rule's
    proposal, read in training, it moved the cross-validated weights elsewhere for no gain.
    """
    s = sents[c.sentence][0] if 0 <= c.sentence < len(sents) else 0
    before = text[s:c.start]
    if not before.endswith(", ") or _NAME_ENDS.match(text, c.end) is None:
        return False
    m = _NEW_KIND_APPOSED.search(before, _tail_from(before, 12))
    if m is None or OTHERS_KIND.search(m.group(1)):
        return False
    head = m.group(2)
    return head_type(head) in ("Model", "Method", "Dataset") or head in ARTIFACT_KINDS or head in SET_WORDS


#: the modifiers of a kind a sentence opens with, before a name apposed: two words at most, after "resulting",
#: "final", "full" or "new" ("The resulting agent", "The fused detector"; a longer phrase is seldom the whole subject)
_SUBJECT_MODIFIERS = re.compile(r"(?:(?:resulting|final|full|new)\s+)?(?:[\w\-]+\s+){0,2}")


def _this_kind_named(before: str) -> bool:
    """Whether ``before`` ends in a kind of model, method or dataset the text is about and a naming participle
    ("the recipe, named ", "this sparse mixture of adapters, called "): the classics name their own so, with
    no verb of proposing; not a kind someone else made ("the standard baseline, called ").
    """
    m = KIND_APPOSED.search(before, _tail_from(before, 8))
    return m is not None and m.group("naming") is not None and own_kind(m.group("mods"), m.group("head"))


def made_and_named(text: str, sents: list[tuple[int, int]], c: Candidate) -> bool:
    """Whether the authors make a thing of a kind and name it ``c`` (:func:`_made_kind_named`), read in its
    sentence: for a name the gazetteer knows, which the rules leave unproposed (as a rule's proposal, "by
    training a compute-optimal model, Chinchilla" taught the proposed model to trust the rules less on other
    known names: cross-validated, proposed-recall fell), the decision marks it proposed from this.
    """
    s = sents[c.sentence][0] if 0 <= c.sentence < len(sents) else 0
    return _made_kind_named(text, c, text[s:c.start])


#: the authors describe a collection of their own by its name and kind: "We describe the X corpus"
_DESCRIBED_KIND = re.compile(r"\b[Ww]e\s+(?:\w+ly\s+)?describe\s+(?:the|a|an|our)\s+(?:new\s+)?$")
_ARTIFACT_AFTER = re.compile(r"\s+(?:corpus|dataset|benchmark|suite|collection|database|treebank)\b")
#: the authors make new models out of others: "we distil A into two compact students, " (the names follow)
_MADE_INTO = re.compile(r"\b[Ww]e\s+(?:\w+ly\s+)?(?:distil|distill|compress|prune)\w*\b[^.;]{0,160}?\binto\s+"
                        r"(?:(?:two|three|four|several|a|an|our)\s+)?(?:[\w\-]+\s+){0,2}?"
                        r"(?:students?|models?|variants?|networks?)\s*[,:]?\s+")
_MADE_INTO_BREAK = re.compile(r"\b(?:which|that|than|outperform\w*|compar\w*|against|versus)\b")


def _made_into(before: str, scan: _SentenceScan, sentence: tuple[int, int]) -> bool:
    """Whether ``before`` (its sentence up to the candidate) ends in a distillation's targets named by the
    authors.
    """
    if not scan.holds("into", sentence, sentence[0] + len(before)):
        return False
    m = scan.last_match(_MADE_INTO, sentence, before, _MADE_INTO_REACH)
    if m is None:
        return False
    between = before[m[1]:]
    return len(between.split()) <= 8 and not _MADE_INTO_BREAK.search(between)


#: the kind of thing proposed, then the name apposed to it: "we propose an online algorithm, " (X follows)
_KIND_APPOSED = re.compile(r"^\s*(?:a|an|our)\s+(?:[\w\-]+\s+){0,4}?([a-z][a-z\-]*)\s*,\s*$")


def _kind_apposed(between: str) -> bool:
    """Whether ``between`` (from a proposal verb to a name) is a kind of artifact apposed to the name."""
    m = _KIND_APPOSED.match(between)
    return m is not None and head_type(m.group(1)) is not None


#: what may open a sentence before its subject: a linking adverb, then an article ("Then, a …", "Finally, the")
_SUBJECT_OPENING = re.compile(r"(?:^\s*|[,;]\s+|\band\s+|^\s*(?:in\s+)?this\s+(?:paper|work|study|article),?\s+|"
                              r"^\s*here,?\s+)(?:(?:a|an|the)\s+)?(?:(?:new|novel)\s+)?$", re.I)
#: what the authors put at the centre of their work: "At the heart of our model is the"
_AT_HEART = re.compile(AT_HEART.pattern + r"(?:(?:a|an|the)\s+)?(?:(?:new|novel)\s+)?$")
#: a passive proposal after the subject: "(ABC) strategy is proposed", " module is further introduced"
#: (the words possessive: a word character given back never lets the white space after them match)
_PASSIVE_PROPOSED = re.compile(r"(?:\s*\([^)]{1,30}\))?(?:\s+[a-z][\w\-]*+){0,2}\s+(?:is|are)\s+"
                               r"(?:\w+ly\s+|then\s+|also\s+|further\s+)?"
                               r"(?:proposed|introduced|designed|devised|developed|presented)\b(?!\s+(?:by|in)\b)")
#: a name the authors derive from another: "we extend BASE to NEW", "its extension, NEW", "an extension, called NEW"
_EXTENDED_TO = re.compile(r"\b(?:[Ww]e\s+(?:\w+ly\s+|further\s+|then\s+|also\s+)?extend(?:s|ed)?\s+(?:\S+\s+){1,3}?"
                          r"(?:to|into)\s+|\b(?:[Ii]ts|[Oo]ur|[Aa]n?)\s+(?:\w+\s+)?extension,?\s+"
                          r"(?:(?:called|named|dubbed|termed)\s+)?)$")


def _proposed_around(text: str, c: Candidate, s: int, before: str, sentence: tuple[int, int],
                     scan: _SentenceScan) -> bool:
    """Whether the words around ``c`` (in the sentence starting at ``s``) say the authors bring it in,
    where no proposal verb comes before it: the subject of a passive proposal ("A cross-scale fusion (CSF)
    module is proposed"; not a name the gazetteer knows), or a name derived by the authors from another
    ("we extend A to A++", "its extension, A-XL,"). ``before``: the sentence up to ``c``.
    """
    # (a match of _SUBJECT_OPENING spans five words at most: in a longer sentence so far, the last words)
    if c.key is None and _PASSIVE_PROPOSED.match(text, c.end) and _SUBJECT_OPENING.search(before,
                                                                                         _tail_from(before, 8)):
        return True  # (a name the gazetteer knows is someone else's: "RAG is introduced to ground …" is background)
    if (scan.holds("heart of", sentence, c.start) or scan.holds("core of", sentence, c.start)) \
            and _AT_HEART.search(before):
        return True
    if not c.text[:1].isupper():
        return False
    lo = max(s, c.start - 60)
    # (every match holds "extend" or "extension": most windows hold neither, and the regex is tried at each place)
    return text.find("exten", lo, c.start) >= 0 and _EXTENDED_TO.search(text, lo, c.start) is not None


def compared_before(window: str) -> bool:
    """Is a comparison cue ("outperforms", "than") the last cue of ``window`` (the 70 characters before)?"""
    m = _last_comparison(window)
    return m is not None and not _COMPARE_BREAK.search(window, m.end())


def _last_comparison(window: str) -> re.Match[str] | None:
    """The last comparison cue (:data:`_COMPARE`) in ``window``, or ``None``."""
    comparisons = list(_COMPARE.finditer(window))
    return comparisons[-1] if comparisons else None


#: a comparison that opens a sentence as a phrase of its own, before the main clause: "Compared with ", "Compared
#: to ", "In comparison with ", "Relative to " (the cue :data:`_COMPARE` found, and the capital before it)
_OPENING_COMPARISON = re.compile(r"(?:Compared|In\s+comparison|Relative)\s+(?:to|with)\b")


def compared_subject(window: str, text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is what a sentence's opening comparison compares, not what it is compared
    with: the last comparison cue of ``window`` (the text before the name) opens a phrase a comma closes right
    before the name (:data:`_OPENING_COMPARISON`: "Compared with Quib and a classical potential, "), and a verb
    follows the name (:func:`~graphbuild.nlp.lexicon.subject_after_comma`: "…, Zorb reduces force error by 38%"),
    the main clause's subject. Not a name listed on in the phrase ("Compared with Quib, Zorb and Fram, …").
    """
    m = _last_comparison(window)
    if m is None:
        return False
    opening = _OPENING_COMPARISON.search(window, max(0, m.start() - 14), m.end())
    return opening is not None and opening.end() == m.end() and subject_after_comma(window[m.end():], text, end)


@Language.factory("graphbuild_roles", assigns=["doc._.gb_candidates"],
                  requires=["doc._.gb_sents", "doc._.gb_title_end", "doc._.gb_candidates"])
def make_roles(nlp: Language, name: str):
    @guarded(name)
    def roles(doc: Doc) -> Doc:
        text = doc_text(doc)
        ext = doc._
        title_end = ext.gb_title_end
        if title_end < 0:
            title_end = len(text)
        assign_roles(text, ext.gb_sents or [(0, len(text))], candidates(doc), title_end)
        return doc

    return roles
