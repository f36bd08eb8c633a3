"""Typing and selection: give every candidate a type and keep the ones with evidence.

Types come from the gazetteer, the name's shape (``…former`` is a model,
``…Bench`` a dataset), head nouns next to the name (``the ToxicChat
benchmark``, ``pruning strategies such as MAG``) and coordination (``MAG,
SNIP and GraSP`` share their cue). Weak candidates (bare acronyms,
capitalised runs) are kept only when a cue supports them; overlapping
candidates are resolved longest-first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, fields
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import Candidate, candidates, doc_text, guarded
from .doc_context import url_owner_spans
from .lexicon import (
    DONE_WITH_BEFORE,
    NAMES_LISTED_UP_TO,
    NAMING_VERBS,
    PROPOSAL_VERBS,
    Occurrences,
    head_type,
    is_generic,
    modified_head_type,
    occurrences,
    occurs_within,
    subject_after_comma,
    word_alternation,
)

__all__ = ["architecture_head", "kind_type", "TRAINED_AGENT_NOUNS", "context_votes", "shape_votes",
           "select_candidates", "TypingWeights"]


@dataclass(frozen=True, slots=True)
class TypingWeights:
    """The vote weights and thresholds of ``graphbuild_typing`` (the factory's spaCy config).

    Votes are evidence for the decision model (features), not decisions; the
    defaults are the hand-set values its weights were trained with.
    """

    head: float = 2.0  #: a head noun next to the name: "the X benchmark", "methods such as X"
    appositive: float = 2.0  #: the head of an appositive: "X, a new benchmark"
    eval_context: float = 1.5  #: Dataset: "on X" in a sentence about experiments or results
    trained_on: float = 1.5  #: Dataset: "trained on X"
    #: Method: the program or procedure a step was done with ("energies are computed with X", "fitted with X")
    instrument: float = 2.0
    number_before: float = 2.0  #: Metric: a number right before the name ("by 3.8 AP50")
    size: float = 1.0  #: Model: a parameter count next to the name ("X 7B")
    #: the type a name's ending signals ("...former", "...Bench"); below ``support``, so an ending alone
    #: keeps no weak candidate (1.4, up from 1.0: a coined title name's ending types it against the prior of
    #: a title alone, "X-Seg: …" a model; 1.8 cost CV type accuracy)
    shape: float = 1.4
    tool_shape: float = 3.0  #: Tool: a toolkit ending ("...Kit"), whatever the context
    list_share: float = 0.8  #: coordinated names share this fraction of each other's votes
    support: float = 1.5  #: a weak candidate needs a vote this strong to pass the selection rule
    joined_model: float = 2.0  #: a Model vote this strong lets the capitalised word before join the name
    window_before: int = 60  #: characters of context read before a name (within its sentence)
    window_after: int = 80  #: characters of context read after a name (within its sentence)

    @classmethod
    def config(cls) -> dict[str, float]:
        """The defaults as a spaCy ``default_config``."""
        return {f.name: f.default for f in fields(cls)}  # type: ignore[misc]


DEFAULT_WEIGHTS = TypingWeights()

_SHAPE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:former|Former|Net|GPT|BERT|LM|LLM|Coder|GAN|VAE|CLIP|ViT|Diffusion|Llama|LLaMA|Mamba|Qwen|T5|"
                r"Mixtral|Mistral|Gemma|Phi|Chat|Instruct|VL|VLM|Seg|MoE|-TTS|-tts|-ASR|-asr|GRU|LSTM|RNN|CNN|MLP|GNN|"
                r"GCN)$"), "Model"),
    (re.compile(r"[-\s]?\d+(?:\.\d+)?[BM]$"), "Model"),
    (re.compile(r"(?:Kit|kit|Toolkit|SDK|Lib)$"), "Tool"),
    # (and an edition's year glued to the name: "VOC2007", "ZorbWeb2005")
    (re.compile(r"(?:Bench|bench|QA|Set|Eval|Corpus|Arena|Hub|-\d+[kK]?|[A-Za-z]\d+[kK]|[A-Za-z](?:19|20)\d\d)$"),
     "Dataset"),
    (re.compile(r"(?:Merging|Tuning|tuning|Prompting|Attention|Norm|Decay|Opt|SGD|Adam|Search|Sampling|Decoding|"
                r"Pruning|Distillation|Adapter|Adaptation|LoRA|Learning)$"), "Method"),
]

_BEFORE = re.compile(
    r"(?:\b(?P<head>[A-Za-z][\w-]*)\)?[,:]?\s+(?:(?:such as|like|including|e\.g\.,?|namely|called|named|termed|dubbed|"
    r"especially|particularly|specifically|of|with)\s+)?(?:the\s+|a\s+|an\s+|our\s+)?(?:\(e\.g\.,?\s*)?)$"
)
_AFTER = re.compile(r"^(?:'s)?\)?\s*(?:-based\s+)?(?:\(\w+\)\s*)?(?P<head>[A-Za-z][\w-]*)")
#: "X, a new benchmark"; also past the parenthesis around a short form ("WebNet (WN), a new dataset")
#: or that closes after it ("(WN), a new dataset" for WN)
_APPOSITIVE = re.compile(r"^(?:\s*\([^()\n]{1,30}\))?\)?\s*(?:,|:|--|—)\s+(?:a|an|the|our)\s+"
                         r"(?P<words>(?:[\w-]+\s+){0,5}[\w-]+)")
#: a definition of the name that opens a sentence: "X is a collection of corpora"
_DEFINED_AS = re.compile(r"^(?:\s*\([^()\n]{1,30}\))?\s+(?:is|are)\s+(?:a|an)\s+(?P<words>(?:[\w-]+\s+){0,5}[\w-]+)")
_PROPOSAL_WORDS = tuple(f"{PROPOSAL_VERBS}|{NAMING_VERBS}".split("|"))
_PROPOSAL_PAREN = re.compile(rf"{word_alternation(PROPOSAL_VERBS)}[sd]?\b[^.;:()]{{0,80}}\($")
_PROPOSAL_NEAR = re.compile(rf"{word_alternation(PROPOSAL_VERBS)}[sd]?\b[^.;:()]{{0,60}}$")
_PROPOSAL_BEFORE = re.compile(
    rf"{word_alternation(PROPOSAL_VERBS + '|' + NAMING_VERBS)}[sd]?\s+(?:(?:a|an|the|our|new|novel)\s+)*$")
_TRAINED_ON = re.compile(r"\b(?:trained|pre-?trained|fine-?tuned)\s+on\s+(?:the\s+)?$")
#: a step done with a named program or procedure, up to the name: "force constants are obtained with X",
#: "phylogenies are estimated with X", "fitted with X" (at most three words between)
_INSTRUMENT = re.compile(rf"\b{DONE_WITH_BEFORE}\s+(?:the\s+)?$")
#: the verbs with which a paper makes a collection of data: "we curate LVD-142M", "we collect X"
_COLLECTED = re.compile(r"\b(?:curat|collect|crawl|scrap|annotat|gather)(?:e|es|ed|ing|s)?\s+"
                        r"(?:(?:a|the|our|new)\s+)*$")
#: a parameter count right after a name: "X 7B", "X (1.3B)", "X with 380K parameters", "X (95M params)"
_SIZE_AFTER_NAME = re.compile(r"^[-\s]?\(?(?:(?:with\s+(?:only\s+|about\s+|around\s+)?)?"
                              r"\d+(?:\.\d+)?\s*(?:[BMK]|billion|million)?\s+param(?:eter)?s\b|\d+(?:\.\d+)?[BM]\b)")
_SIZE_BEFORE_NAME = re.compile(r"\b\d+(?:\.\d+)?[BM]\s+$")
_NUMBER_BEFORE = re.compile(r"(?:^|[\s(])\d+(?:\.\d+)?%?\s+$")
# "on GLUE, SQuAD and X": only names (with a capital or a digit) may stand between "on" and X
# (the word boundary is tested after the "o", so that a search skips to the letter: word_alternation)
_EVAL_PREP = re.compile(r"[oO](?<!\w.)(?:n|ver)\s+(?:the\s+)?" + NAMES_LISTED_UP_TO + "$")
#: a verb or participle whose "on" brings in what something is built from, not where it is measured: "a planner
#: based on X", "Building on X", "relies on X", "improves on X" (in the invented dev sets, 76 such names are models
#: or methods, one is data)
_BUILT_ON = re.compile(r"\b(?:based|built|building|rel(?:y|ies|ying)|depend(?:s|ing)?|focus(?:es|ed|ing)?|"
                       r"conditioned|initiali[sz]ed|improv(?:e|es|ed|ing)(?:\s+up)?|extend(?:s|ed|ing)?)\s+$", re.I)
#: a sentence's opening prepositional phrase up to a name (past the names listed before it): "On X", "Unlike
#: Zorb and X", "Compared with the X"
_OPENING_PHRASE = re.compile(r"(?:On|In|For|Across|With|Unlike|Like|Compared (?:with|to)|Using|Over|Beyond|Against)"
                             r"\s+(?:the\s+)?" + NAMES_LISTED_UP_TO + "$")
#: a clause's subject after a comma, opened by "our" or "the": ", our method reaches", ", the model"
_SUBJECT_AFTER = re.compile(r"\s*,\s+(?:our|the)\s")
#: what follows a name that a sentence's opening "On" leads to, up to the comma that ends the phrase: ", ",
#: " and Quill, ", " with Zorb-7B, " (more names, or a few words)
_ON_PHRASE_END = re.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)[A-Z0-9][\w\-.+]*){0,5}"
                            r"(?:\s+[\w\-.+]+){0,3}?\s*,")
_EVAL_WORDS = re.compile(r"\b(?:experiment|evaluat|result|benchmark|accuracy|achiev|outperform|perform|"
                         r"state-of-the-art|score|test|validat|demonstrat)", re.I)
_COORD = re.compile(r"^\s*(?:,\s*(?:and|or)?\s*|\s+(?:and|or|&)\s+|/|→|->|-to-)\s*$")
#: _AFTER, _APPOSITIVE and _SIZE_AFTER_NAME in one match: each is an optional look-ahead from the
#: start, which finds that pattern's match (its groups kept) or nothing; group ``size`` is the size's match
_AFTER_ALL = re.compile("".join(
    f"(?:(?={p.pattern[1:]}))?" for p in (
        _AFTER, _APPOSITIVE, re.compile("^(?P<size>" + _SIZE_AFTER_NAME.pattern[1:] + ")"))))


def shape_votes(name: str, weights: TypingWeights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """Type hints from the name alone."""
    type_ = _shape_type(name)
    if type_ is None:
        return {}
    return {type_: weights.tool_shape if type_ == "Tool" else weights.shape}


@lru_cache(maxsize=100_000)
def _shape_type(name: str) -> str | None:
    """The type the first of :data:`_SHAPE_RULES` that matches gives, tested on the name's end.

    Each rule is an ending: an alternation of literals then ``$`` (a suffix of
    the name), a number before ``B`` or ``M`` (its last two characters tell), or
    ``-<digits>[kK]`` or a year (searched only when the name ends in a digit, ``k`` or ``K``). A
    name ending in a newline, where ``$`` also matches before it, takes the rules.
    """
    if name.endswith("\n"):
        return _shape_type_by_rules(name)
    if name.endswith(_MODEL_ENDINGS) or name[-1:] in ("B", "M") and name[-2:-1].isdecimal():
        return "Model"
    if name.endswith(_TOOL_ENDINGS):  # "VLMEvalKit": a toolkit, whatever its context
        return "Tool"
    if name.endswith(_DATASET_ENDINGS) or (name[-1:].isdecimal() or name[-1:] in ("k", "K")) \
            and _DASH_COUNT.search(name):
        return "Dataset"
    if name.endswith(_METHOD_ENDINGS):
        return "Method"
    return None


def _shape_type_by_rules(name: str) -> str | None:
    for pattern, type_ in _SHAPE_RULES:
        if pattern.search(name):
            return type_
    return None


def _rule_endings(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The literal endings of a rule written ``(?:a|b|…)$``."""
    assert pattern.pattern.startswith("(?:") and pattern.pattern.endswith(")$")
    return tuple(pattern.pattern[3:-2].split("|"))


_MODEL_ENDINGS = _rule_endings(_SHAPE_RULES[0][0])
_TOOL_ENDINGS = _rule_endings(_SHAPE_RULES[2][0])
_DATASET_ENDINGS = tuple(e for e in _rule_endings(_SHAPE_RULES[3][0]) if not e.startswith(("-", "[")))
#: a count of thousands ending a name, after a hyphen or a letter: "Zorb-10", "Zorb-20k", "Zorb50K"; or an
#: edition's year glued to it: "Zorb2005"
_DASH_COUNT = re.compile(r"-\d+[kK]?$|[A-Za-z]\d+[kK]$|[A-Za-z](?:19|20)\d\d$")
_METHOD_ENDINGS = _rule_endings(_SHAPE_RULES[4][0])


#: the words after an architecture's name that end the noun phrase it heads: a preposition, a relative
#: pronoun or a participle ("a 1D ResNet for rhythm classification", "a U-Net that …", "a BERT fine-tuned on …")
_PHRASE_ENDERS = frozenset("of on for in with from over via under by to that which whose trained fine-tuned "
                           "finetuned pretrained pre-trained built adapted and or".split())
#: punctuation that may close the word naming an architecture ("a 1D ResNet, on …")
_WORD_CLOSERS = ",.;:)"
#: common nouns of a model that the lexicon's head nouns leave out, because as the last word of a family's
#: name they name a technique as often ("masked autoencoders", "ensemble Kalman filter"); heading an
#: appositive or naming a kind, they make what is put beside them a model ("X, a conditional variational
#: autoencoder whose …", "an ensemble called X", "X, a k-mer based predictor")
_ARCHITECTURE_NOUNS = frozenset("autoencoder autoencoders perceptron perceptrons ensemble ensembles predictor "
                                "predictors".split())
#: nouns of a learned component named by what it does, which make a name the authors give one a model ("The
#: router, termed X", "the resulting controller, X", "a compact enhancer we name X"); a kind only (:func:`kind_type`):
#: heading a title's phrase or an appositive they may name an algorithm ("X: A Multistroke Gesture Recognizer");
#: and the two ends of a distillation ("a 80M-parameter student, X", "The student, which we call X", "X is a 3B
#: student trained on …": the dev sets' names so given are 6 models to none of another type)
_AGENT_NOUNS = frozenset(w + s for w in "router controller editor captioner compressor tokenizer tokeniser codec "
                         "enhancer prover reranker segmenter tracker summarizer summariser translator recognizer "
                         "recogniser forecaster spotter vocoder recommender tagger transcriber synthesizer synthesiser "
                         "denoiser student teacher".split()
                         for s in ("", "s"))
#: the agent nouns that name a model wherever they say what a name is, an appositive's head as well ("X, a scene
#: text recognizer built from …", :func:`~.features.defined_type`): not a router, a controller, a compressor or a
#: tokenizer, which the dev sets write of methods as often ("X, a prompt compressor that …", "X, a learned router")
TRAINED_AGENT_NOUNS = _AGENT_NOUNS - {w + s for w in ("router", "controller", "compressor", "tokenizer", "tokeniser")
                                     for s in ("", "s")}


def kind_type(word: str) -> str | None:
    """The type a kind's head noun signals where the paper names something of that kind ("a retrieval model
    called X", "a new ensemble, X"): the lexicon's (:func:`head_type`), or Model for a model's common noun
    (:data:`_ARCHITECTURE_NOUNS`) or of a learned component named by what it does (:data:`_AGENT_NOUNS`).
    """
    low = word.lower()
    return head_type(word) or ("Model" if low in _ARCHITECTURE_NOUNS or low in _AGENT_NOUNS else None)


def architecture_head(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` names an architecture that heads its phrase ("a 1D ResNet", "a U-Net with …",
    "an explicit-duration GRU", "a variational autoencoder"): one of :data:`_ARCHITECTURE_NOUNS`, or a name
    written with a capital whose ending types it a model (:func:`_shape_type`), last in the phrase or
    before a word that ends it. What is put in apposition to such a head is an instance of that
    architecture, a model ("X, a 1D ResNet for …"); not a name that only modifies the head ("a GNN
    training algorithm"). (For the type model's appositive feature only: as a vote for the selection it
    cost recall on the annotated abstracts.)
    """
    word = words[k].rstrip(_WORD_CLOSERS)
    if not word or word.lower() in _ARCHITECTURE_NOUNS:
        return bool(word)
    if word.islower() or _shape_type(word) != "Model":
        return False
    return (k + 1 == len(words) or word != words[k] or words[k + 1].lower() in _PHRASE_ENDERS)


@lru_cache(maxsize=4096)
def _about_results(sentence: str) -> bool:
    """Does the sentence speak of experiments or results? (Cached: every name of a sentence asks.)"""
    return _EVAL_WORDS.search(sentence) is not None


def _before_head(before: str) -> str | None:
    r"""``_BEFORE.search(before)``'s head word, searched from the last word that can hold it.

    A match is the head's word and at most four more (a cue such as "such as",
    an article, "(e.g.,"), so no match starts before the fifth-last word, nor
    before the last word that is no cue or article; searching from there (same
    string, so ``\b`` sees the real character before) finds the same leftmost
    match.
    """
    # every word of a match after its head is one of _BEFORE_FOLLOWERS: a match's head is in the last
    # word that is not one, or after it, so the search starts at that word
    words = before.rsplit(None, 5)
    k = 1  # the k-th last word
    while k < 6 and k <= len(words) and words[-k] in _BEFORE_FOLLOWERS:
        k += 1
    if k == 1 and words:
        m = _BEFORE.search(before, len(before.rstrip()) - len(words[-1]))  # from the last word's start
    elif k < 6 and k <= len(words):
        kth = before.rsplit(None, k)
        m = _BEFORE.search(before, len(kth[0]) if len(kth) == k + 1 else 0)
    else:
        m = _BEFORE.search(before, len(words[0]) if len(words) == 6 else 0)
    return m.group("head") if m else None


#: the words that can follow the head in a match of _BEFORE (cues, articles, "(e.g.,")
_BEFORE_FOLLOWERS = frozenset(
    "such as like including e.g. e.g., namely called named termed dubbed especially particularly specifically "
    "of with the a an our (e.g. (e.g.,".split())


def context_votes(text: str, start: int, end: int, sent_start: int, sent_end: int,
                  weights: TypingWeights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """Type hints from the words around ``text[start:end]`` within its sentence."""
    votes: dict[str, float] = {}
    before = text[max(sent_start, start - weights.window_before): start]
    after = text[end: min(sent_end, end + weights.window_after)]
    head, words, size = _AFTER_ALL.match(after).group("head", "words", "size")  # type: ignore[union-attr]
    t = head_type(head) if head is not None else None
    if t is None:
        # (past a modifier or two: "the X regional climate model", "the X polarisable force field")
        t = modified_head_type(after, 0)
    if t:
        votes[t] = votes.get(t, 0) + weights.head
    named_kind = t in ("Model", "Dataset")
    if words is None and start == sent_start and after[:1].isspace():
        m = _DEFINED_AS.match(after)
        words = m.group("words") if m is not None else None
    elif words is not None and _SUBJECT_AFTER.match(after) and _OPENING_PHRASE.match(text, sent_start, start):
        words = None  # "On X, our method reaches …": the comma ends the opening phrase, the subject follows
    if words is not None:
        for word in words.split():
            t = head_type(word)
            if t:
                votes[t] = votes.get(t, 0) + weights.appositive
                break
    head = _before_head(before)
    # (not a head that ends the phrase before a clause's subject: "on Quib traces, Zorb estimates …")
    if head and not subject_after_comma(before, text, end):
        t = head_type(head)
        if t:
            votes[t] = votes.get(t, 0) + weights.head
    if ("on" in before or "over" in before or "On" in before) and _measured_on(text, before, after, start, end,
                                                                                sent_start, sent_end):
        votes["Dataset"] = votes.get("Dataset", 0) + weights.eval_context
    # (the quick tests before each search are what every match needs)
    if "on" in before and ("trained" in before or "tuned" in before) and _TRAINED_ON.search(before):
        votes["Dataset"] = votes.get("Dataset", 0) + weights.trained_on
    # (not where a head noun after the name says what it is: "simulated with the X crop model", "evaluated
    # with the X benchmark")
    if not named_kind and before.endswith(("with ", "with the ")) and _INSTRUMENT.search(before):
        votes["Method"] = votes.get("Method", 0) + weights.instrument
    if ("curat" in before or "coll" in before or "crawl" in before or "scrap" in before or "annotat" in before
            or "gather" in before) and _COLLECTED.search(before):
        votes["Dataset"] = votes.get("Dataset", 0) + weights.trained_on
    # both end in "<digit or %> " or "<B or M> ": the character before the final white space
    core = before.rstrip()
    last = core[-1:] if len(core) < len(before) else ""
    if (last == "%" or last.isdigit()) and _NUMBER_BEFORE.search(before):
        votes["Metric"] = votes.get("Metric", 0) + weights.number_before  # "by 3.8 AP50", "73.9% top-1"
    if size is not None or (last == "B" or last == "M") and _SIZE_BEFORE_NAME.search(before):
        # (a count of parameters written out says "model" as a head noun does: "X with 380K parameters")
        votes["Model"] = votes.get("Model", 0) + (weights.head if size is not None and "param" in size
                                                  else weights.size)
    return votes


def _measured_on(text: str, before: str, after: str, start: int, end: int, sent_start: int, sent_end: int) -> bool:
    """Whether the name at ``start:end`` is where something is measured: after "on" or "over" (past the names
    listed before it) in a sentence about results ("improves accuracy on X and Y"), or in the phrase a
    sentence's "On" opens ("On X, Zorb attains …", whatever the verb); not what something is built on ("a
    planner based on X"), nor the clause's subject after that phrase's comma ("On X, Zorb …" for Zorb).
    ``before`` and ``after`` are the windows of text around the name.
    """
    m = _EVAL_PREP.search(before)
    if m is None or subject_after_comma(before, text, end) or _BUILT_ON.search(before, 0, m.start()):
        return False
    opening = m.group().startswith("On") and not text[sent_start:start - len(before) + m.start()].strip()
    return opening and _ON_PHRASE_END.match(after) is not None or _about_results(text[sent_start:sent_end])


def _coordinating(gap: str) -> bool:
    r"""``_COORD.match(gap)``, from the gap without its white space (``\s`` and ``str.strip`` agree)."""
    core = gap.strip()
    if core in _COORD_SIGNS:
        return True
    if core in _COORD_WORDS:  # " and ": white space on both sides
        return gap[0].isspace() and gap[-1].isspace()
    return core[:1] == "," and core[1:].lstrip() in _COORD_WORDS[:2]


_COORD_SIGNS = frozenset((",", "/", "→", "->", "-to-"))
_COORD_WORDS = ("and", "or", "&")


def _sentence_of(sents: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = sents[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return mid
    return max(0, min(len(sents) - 1, lo))


def _sentence_at(sents: list[tuple[int, int]], starts: list[int], pos: int) -> int:
    """:func:`_sentence_of` by bisection on the sentences' starts (``starts``)."""
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return 0
    if pos < sents[i][1]:
        return i
    return min(i + 1, len(sents) - 1)  # between sentences: the next one


def _juxtaposed_definitions(found: list[Candidate]) -> list[tuple[int, int]]:
    """The spans of a long form written right before its short form ("Pathways Language Model PaLM"):
    a definition, whose parts are the names (a candidate inside the span is dropped, the pair's own kept).
    """
    longs = {c.end: c.start for c in found if c.source == "abbrev-long"}
    if not longs:
        return []
    return [(longs[c.start - 1], c.end) for c in found if c.source == "abbrev-short" and c.start - 1 in longs]


def select_candidates(doc: Doc, weights: TypingWeights = DEFAULT_WEIGHTS) -> list[Candidate]:
    """Vote types, propagate along coordinations, keep supported candidates, resolve overlaps."""
    text = doc_text(doc)
    ext = doc._
    sents = ext.gb_sents or [(0, len(text))]
    title_end = max(ext.gb_title_end, 0)
    found = candidates(doc)
    # both sides of a generic definition ("sequential recommender systems (SRS)") are blocked everywhere
    # (the rule blocked them; now the decision model sees it as a feature)
    blocked = {c.text for c in found if not c.accepted and c.source.startswith("abbrev")}
    # no name inside a code address's account or a juxtaposed definition, but the definition's own pair
    no_names = url_owner_spans(text) + _juxtaposed_definitions(found)
    cands = _merge_same_spans([c for c in found if c.end > c.start
                               and not (no_names and any(s <= c.start and c.end <= e for s, e in no_names)
                                        and not c.source.startswith("abbrev"))])
    for c in cands if blocked else ():
        c.accepted = c.accepted and (c.text not in blocked or c.source == "gazetteer")
    starts = [s for s, _ in sents]
    for c in cands:
        c.sentence = _sentence_at(sents, starts, c.start)
        if c.source == "gazetteer" and not c.generic and c.strong:
            continue  # a known name's type is known; its gazetteer vote is what lists share
        s, e = sents[c.sentence]
        votes = c.votes  # (Candidate.vote, inlined)
        for t, w in context_votes(text, c.start, c.end, s, e, weights).items():
            votes[t] = votes.get(t, 0.0) + w
        if c.source != "gazetteer":
            type_ = _shape_type(c.text)
            if type_ is not None:
                votes[type_] = votes.get(type_, 0.0) + (weights.tool_shape if type_ == "Tool" else weights.shape)
    # coordination: "MAG, SNIP, SYNFLOW, and GRASP" share their context votes
    ordered = sorted(cands, key=lambda c: (c.start, -c.end))
    # connected runs of coordinated names share their strongest cues (without decay along the list)
    run: list[Candidate] = [ordered[0]] if ordered else []
    runs: list[list[Candidate]] = []
    for a, b in zip(ordered, ordered[1:]):
        if a.sentence == b.sentence and b.start > a.end and _coordinating(text[a.end:b.start]) \
                and not subject_after_comma(text[a.end:b.start], text, b.end):
            run.append(b)
        else:
            runs.append(run)
            run = [b]
    runs.append(run)
    for members in runs:
        if len(members) < 2:
            continue
        shared: dict[str, float] = {}
        for c in members:
            for t, w in c.votes.items():
                if t != "Task":
                    shared[t] = max(shared.get(t, 0.0), w * weights.list_share)
        for c in members:
            for t, w in shared.items():
                c.votes[t] = max(c.votes.get(t, 0.0), w)
    # (not in the title, where every word is capitalised)
    cands.extend(c for c in _coordinated_words(text, ordered, weights.list_share) if c.start >= title_end)
    cands = _merge_adjacent_models(text, cands, title_end, weights.joined_model)
    # a name seen with a strong shape or definition somewhere supports its other mentions
    strong_keys = {c.text for c in cands if c.strong}
    outside_title = {c.key for c in cands if c.source == "gazetteer" and c.start >= title_end}
    verbs = occurrences(text, _PROPOSAL_WORDS)
    for c in cands:
        c.rule_kept = _rule_keeps(c, text, sents, title_end, strong_keys, outside_title, weights.support, verbs)
        if is_generic(c.text):
            c.generic = True
        c.type = c.type or _best_type(c.votes)
    # what the rules alone would have output: the kept candidates left after overlaps
    final = {id(c) for c in _resolve_overlaps([c for c in cands if c.rule_kept])}
    for c in cands:
        c.rule_final = id(c) in final
    return cands


def _rule_keeps(c: Candidate, text: str, sents: list[tuple[int, int]], title_end: int,
                strong_keys: set[str], outside_title: set[str | None], min_support: float,
                verbs: Occurrences) -> bool:
    """The hand-written selection rule: one feature of the decision model, no longer the decision."""
    if not c.accepted:
        return False
    if c.source == "gazetteer":
        if not c.strong and c.start < title_end and c.key not in outside_title:
            return False  # "Training Transformer Models": a common word, capitalised by the title
    elif c.source in ("acronym", "titlecase", "capword", "lowercue", "lowerphrase", "caprun", "titleseg", "proposal",
                      "listed", "part", "year"):
        support = max(c.votes.values(), default=0.0)
        lo = max(sents[c.sentence][0], c.start - 100)
        # (each proposal pattern needs one of its verbs in the window)
        if not (support >= min_support or c.text in strong_keys
                or occurs_within(verbs, lo, c.start) and _named_here(text[lo:c.start], c.source)):
            return False
        if c.source == "acronym" and len(c.text.rstrip("s")) <= 2 and c.text not in strong_keys:
            return False  # a bare two-letter acronym (CF, FL, KG) is a concept, not a named artifact
    if is_generic(c.text) and c.source != "gazetteer":
        return False
    return (c.type or _best_type(c.votes)) != "Tool"


def _named_here(window: str, source: str) -> bool:
    """Is the name right after a proposal ("we propose a", "we introduce X (") in ``window``?"""
    # (a match of _PROPOSAL_PAREN ends with "(", before an optional final newline, as $ allows)
    return bool(_PROPOSAL_BEFORE.search(window[-60:])
                or (window[-1:] == "(" or window[-2:] == "(\n") and _PROPOSAL_PAREN.search(window)
                or (source == "titlecase" and _PROPOSAL_NEAR.search(window)))


_NEXT_WORD = re.compile(r"^(?:,\s*(?:and|or)?|\s+(?:and|or|&))\s+([A-Z][a-z]+[A-Za-z0-9]*)\b")


def _coordinated_words(text: str, ordered: list[Candidate], share: float) -> list[Candidate]:
    """A capitalised word listed right after a typed name ("Muon and Soap", "Muon, Soap and …") is a name
    too; not the subject of the clause an opening "On Muon," leads to.
    """
    out = []
    covered = {o.start for o in ordered}
    for c in ordered:
        if c.source not in ("gazetteer", "shape", "abbrev-short") or not c.votes:
            continue
        m = _NEXT_WORD.match(text[c.end: c.end + 40])
        if not m or is_generic(m.group(1)) or head_type(m.group(1)):
            continue
        start = c.end + m.start(1)
        if subject_after_comma(text[c.end: start], text, start + len(m.group(1))):
            continue  # "On Zorbset, Quill reaches ...": the subject after an opening, not a sibling
        if start in covered:
            continue
        new = Candidate(start, start + len(m.group(1)), m.group(1), "list", sentence=c.sentence)
        for t, w in c.votes.items():
            if t != "Task":
                new.vote(t, w * share)
        out.append(new)
    return out


_WORD_BEFORE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,}) $")
_NOT_PREFIX = {"Table", "Figure", "Section", "Both", "Using", "With", "From", "Unlike", "Like", "Compared",
               "Recent", "Modern", "Standard", "Vanilla", "Original", "Large", "Small", "Base"}
_SIZE_AFTER = re.compile(r"^ (\d+(?:\.\d+)?[BM])\b")


def _same_family(a: Candidate, b: Candidate) -> bool:
    """Whether two known names written side by side are one thing and its variant ("the Vision Transformer
    ViT-L/14": keys ``vit`` and ``vitl14``), which name the variant, not a third model.
    """
    return bool(a.key and b.key and (b.key.startswith(a.key) or a.key.startswith(b.key)))


def _merge_adjacent_models(text: str, cands: list[Candidate], title_end: int, min_model: float) -> list[Candidate]:
    """Propose names written as one ("Megatron GPT 8.3B": two model names and a size) as
    ``joined`` candidates beside their parts; the decision model chooses between them.
    """
    ordered = sorted(cands, key=lambda c: (c.start, -c.end))
    out: list[Candidate] = list(ordered)
    prev: Candidate | None = None
    for c in ordered:
        m_left = (_WORD_BEFORE.search(text[max(0, c.start - 30): c.start])
                  if c.start >= title_end and c.source in ("gazetteer", "shape")
                  and c.votes.get("Model", 0) >= min_model else None)
        if (m_left
                and not is_generic(m_left.group(1)) and m_left.group(1) not in _NOT_PREFIX
                and not (prev is not None and prev.end > c.start - len(m_left.group(0)))):
            start = c.start - len(m_left.group(0))
            out.append(Candidate(start, c.end, text[start:c.end], "joined", strong=True, votes=dict(c.votes),
                                 sentence=c.sentence, proposed=c.proposed, sources=("joined",)))
        if (prev is not None and text[prev.end:c.start] == " " and _model_like(prev) and _model_like(c)
                and prev.source in ("gazetteer", "shape") and c.source in ("gazetteer", "shape")
                and not _same_family(prev, c)):
            end = c.end
            m = _SIZE_AFTER.match(text[c.end:])
            if m:
                end += len(m.group(0))
            out.append(Candidate(prev.start, end, text[prev.start:end], "joined", strong=True,
                                 votes=dict(prev.votes), sentence=prev.sentence, sources=("joined",)))
        if prev is None or c.end > prev.end:
            prev = c
    return out


def _model_like(c: Candidate) -> bool:
    return max(c.votes, key=c.votes.get, default=None) == "Model"  # type: ignore[arg-type]


def _merge_same_spans(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per span: the strongest source keeps the others' evidence."""
    by_span: dict[tuple[int, int], Candidate] = {}
    for c in sorted(cands, key=lambda c: _PRIORITY.get(c.source, 5)):
        kept = by_span.get((c.start, c.end))
        if kept is None:
            c.sources = (c.source,)
            by_span[(c.start, c.end)] = c
            continue
        if c.source not in kept.sources:
            kept.sources = (*kept.sources, c.source)
        kept.proposed = kept.proposed or c.proposed
        kept.named = kept.named or c.named
        kept.strong = kept.strong or c.strong
        kept.accepted = kept.accepted and c.accepted
        kept.joins_names = kept.joins_names and c.joins_names
        if kept.group < 0:
            kept.group = c.group
        if kept.key is None and c.key is not None:
            kept.key, kept.type = c.key, c.type
        for t, w in c.votes.items():
            kept.vote(t, w)
    return list(by_span.values())


_PRIORITY = {"abbrev-long": 0, "abbrev-short": 0, "title": 1, "cue": 1, "gazetteer": 2, "shape": 3,
             "joined": 3, "acronym": 4, "titlecase": 4, "capword": 5, "lowercue": 5, "lowerphrase": 5, "caprun": 5,
             "titleseg": 5, "proposal": 5, "listed": 5, "part": 5, "year": 5}


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest span where candidates overlap; ties go to stronger sources."""
    chosen: dict[tuple[int, int], Candidate] = {}
    size = max((c.end for c in cands), default=0)
    taken = bytearray(size)  # 1 where a kept span covers the character
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), _PRIORITY.get(c.source, 5), c.start)):
        if taken.find(1, c.start, c.end) >= 0:
            kept = chosen.get((c.start, c.end))
            if kept is not None:  # the same span found by several sources: merge the evidence
                kept.proposed = kept.proposed or c.proposed
                if kept.group < 0:
                    kept.group = c.group
                if kept.key is None:
                    kept.key, kept.type = c.key, c.type or kept.type
                for t, w in c.votes.items():
                    kept.vote(t, w)
            continue
        chosen[(c.start, c.end)] = c
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen.values(), key=lambda c: c.start)


def _best_type(votes: dict[str, float]) -> str:
    if not votes:
        return "Method"
    if len(votes) == 1:
        return next(iter(votes))
    return max(sorted(votes), key=votes.__getitem__)


@Language.factory("graphbuild_typing", default_config=TypingWeights.config(), assigns=["doc._.gb_candidates"],
                  requires=["doc._.gb_sents", "doc._.gb_title_end", "doc._.gb_candidates"])
def make_typing(nlp: Language, name: str, head: float, appositive: float, eval_context: float, trained_on: float,
                instrument: float, number_before: float, size: float, shape: float, tool_shape: float,
                list_share: float, support: float, joined_model: float, window_before: int, window_after: int):
    """Types and the selection rule's verdict for every candidate; the settings are :class:`TypingWeights`."""
    weights = TypingWeights(head, appositive, eval_context, trained_on, instrument, number_before, size, shape,
                            tool_shape, list_share, support, joined_model, window_before, window_after)

    @guarded(name)
    def typing(doc: Doc) -> Doc:
        doc._.gb_candidates = select_candidates(doc, weights)
        return doc

    return typing
