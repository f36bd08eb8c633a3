"""Discovery of names the gazetteer does not know, and the cue phrases around them.

Three sources, each a plain function over the text so it can be tested alone:

* :func:`shape_candidates`: tokens whose shape marks a coined name: inner
  capitals (``ToxicChat``, ``DeiT``), letters with digits (``S4D``,
  ``Qwen2.5-72B``), capitalised hyphen compounds (``TIES-Merging``), capital
  runs (``ROAST``: weak, kept only with support), multi-word capitalised runs
  (``Long Range Arena``: weak);
* :func:`cue_candidates`: the name after "termed", "dubbed", "named", "called", and each sibling
  of a list after an introducing verb ("we release A-Mini and A-Tiny");
* :func:`lower_cue_candidates`: a name of plain words after a naming cue ("we call this approach X");
* :func:`title_candidate`: the name before the colon of a title (``SlimMoE: …``), or a whole title
  that is a name (``Pointer Networks``).

The spaCy component ``graphbuild_patterns`` puts them on the Doc as candidates.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .candidates import Candidate, candidates, doc_text, guarded
from .doc_context import proposes, title_name, verb_closing, verb_opening
from .lexicon import (
    ARTIFACT_KINDS,
    AUTHORING_VERBS,
    FAMILY_STEM,
    INTRODUCING_VERBS,
    LIST_GAP,
    LIST_SEPARATOR,
    PRESENTING_VERBS,
    SIZE_WORDS,
    SURVEY_TITLE,
    TYPE_HEADS,
    alternation,
    head_type,
    is_generic,
    is_generic_model,
    literal_starts,
    matches_at,
    matches_from,
    opens_clause,
    split_sentences,
    word_alternation,
)
from .proposals import (
    GENERIC_HEADS,
    component_candidates,
    listed_candidates,
    part_candidates,
    passive_candidates,
    proposal_candidates,
    released_candidates,
    sized_candidates,
    titled_kind_candidates,
    tuned_variant_candidates,
    year_candidates,
)

__all__ = ["shape_score", "shape_candidates", "cue_candidates", "title_candidate", "title_siblings",
           "capword_candidates",
           "lower_cue_candidates", "eponym_candidates", "title_segment_candidates"]

# only chunks with two capitals, a digit or an inner capital can have a name's shape
# (a lone capitalised word, "We" or "Transformer", never does)
_CHUNK = re.compile(r"(?<!\S)(?=\S*(?:[A-Z]\S*[A-Z]|[0-9]|[a-z][A-Z]|\b[a-z]{1,3}-[A-Z]|[A-Za-z]\+\+))\S+")
# what _CHUNK's look-ahead asks of a chunk without white space (each alternative wherever it matches:
# the look-ahead's "\S*" spans the chunk), searched once instead of backtracking from the chunk's end
_CHUNK_MARK = re.compile(r"[A-Z]\S*[A-Z]|[0-9]|[a-z][A-Z]|\b[a-z]{1,3}-[A-Z]|[A-Za-z]\+\+")
assert _CHUNK.pattern == r"(?<!\S)(?=\S*(?:" + _CHUNK_MARK.pattern + r"))\S+"
# coined shapes beyond capitals: a short lower-case prefix ("p-Tuning"), a "++" suffix ("Adam++")
_PREFIXED = re.compile(r"^[a-z]{1,3}-[A-Z][A-Za-z0-9]+")
_PLUSPLUS = re.compile(r"^[A-Za-z][A-Za-z0-9-]*\+\+$")
#: a funding program's letters and an award number of six digits or more: "IIS-0012345", "CCF-1234567"
_AWARD_NUMBER = re.compile(r"^[A-Z]{2,5}-\d{6,}$")
#: capitalised plain words joined by a plus: "Flush+Reload", "Prime+Probe"
_PLUS_JOINED = re.compile(r"^[A-Z][a-z]+(?:\+[A-Z][a-z]+)+$")
_LEAD = "([{\"'“‘<"
_TRAIL = ")]}\"'”’,.;:!?>"
_NUMBERISH = re.compile(
    r"^[~<>≈=±+\-]?[\d.,]+(?:[KMBTkmb]|x|×)?(?:[-–~][\d.,]+)?(?:%|x|×|[KMBTkmb]|[a-z]{1,2}|\\%)?$")
#: a capital inside a word: after a lower-case letter, or two capitals before two lower-case letters
#: (``[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}`` finds one where this does, but tries every letter: this only capitals)
INNER_CAP = re.compile(r"[A-Z](?:(?<=[a-z][A-Z])|[A-Z][a-z]{2})")
_PARTS = re.compile(r"[-/]")
#: the size word of a released model after its family's name ("-mini", "-S", "-XL")
_SIZE_PART = re.compile(rf"(?:{SIZE_WORDS}|[SMLBH]|XL|XXL)$")
# (an em dash between words is no part of a name; nor is a colon before a letter, a title's colon
# written without its space: "Zorb4KT:An Efficient …")
#: what parts a token into names: "BERT/GPT-Base", "GTA→Cityscapes", "GTA-to-Cityscapes", "S4—a", "X:Y", and
#: markup's angle brackets, which no name holds ("QuoteNet</script>", "ZorbNet<b>", "p<0.05")
_PAIR_SPLIT = re.compile(r"/|→|->|-to-|—|---|(?<=\w):(?=[A-Za-z])|<|>")
#: the identifier of a reference, no name: "arXiv:2002.09102", "doi:10.1145/3065386", "PMID:123"
_IDENTIFIER = re.compile(r"(?:arXiv|arxiv|ArXiv|doi|DOI|PMID|PMCID|ISBN|ISSN):")
_DIMENSION = re.compile(r"^\d+[Dd]$")  # "audio-3D": a dimension, not a version
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9+]+s?$")
# number formats (FP16, INT4, W8A8), dimensions (2D-3D, 6-DoF), setups (English-to-German), negations (non-IID)
_NOT_NAME = re.compile(r"^(?:FP|BF|INT|UINT|TF|FP)\d+$|^W\d+A\d+$|^\d|-to-|^non-|^[A-Z]\^|\^")
# a coined name led by a dimension or a count ("3DSeg-8", "4DGen"), unlike "2D-3D" or "6-DoF"
_DIGIT_LED = re.compile(r"^\d[A-Z]+[a-z]{2,}[A-Za-z0-9\-]*$")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")
# the first characters a match of _NUMBERISH (besides a digit) and of _NOT_NAME (besides a digit,
# or "^" or "-to-" anywhere) can start with
_NUMBERISH_FIRST = frozenset("~<>≈=±+-.,")
_NOT_NAME_FIRST = frozenset("FBITUWn")


_STRIP = re.compile(r"^([(\[{\"'“‘<]*)(.*?)(?:['’]s)?[)\]}\"'”’,.;:!?>]*$", re.S)
_BRACKET = re.compile(r"[()\[\]~\\{}$]")


def _strip_chunk(text: str, start: int) -> tuple[str, int]:
    """Drop quotes, brackets and punctuation around a chunk, and a possessive ``'s``."""
    m = _STRIP.match(text)
    lead, core = m.group(1), m.group(2)  # type: ignore[union-attr]
    while core and core[-1] in _TRAIL:
        core = core[:-1]
    # an unbalanced bracket (e.g. "GPT-4(V" or "models)") or LaTeX ("HAQ~\\cite{…}") ends the name
    b = _BRACKET.search(core)
    if b:
        core = core[: b.start()]
    return core, start + len(lead)


#: a checkpoint's identifier in lower case, as model hubs write it: a family's name, then parts joined by hyphens,
#: underscores or dots ("roberta-large", "bert_base_uncased", "wav2vec2-large-xlsr-53", "distil-large-v2",
#: "claude-3-5-sonnet-20241022"; :func:`checkpoint_shaped` tells which); not in an address or a path
_CHECKPOINT = re.compile(r"(?<![\w\-./@:])[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+(?![\w\-@/]|\.[a-z0-9])")
#: a lower-case name of words joined by underscores ("fast_align", "dm_control", "minerva_math"): each part two
#: characters or more, each after an underscore led by a letter (no subscript: "ell_2", "sigma_8", "g_q"); not in
#: an address or a path
_SNAKE_NAME = re.compile(r"(?<![\w\-./@:])[a-z][a-z0-9]+(?:_[a-z][a-z0-9]+)+(?![\w\-@/]|\.[a-z0-9])")
#: a part of a checkpoint's identifier that marks it one: a size, a casing, a tuning, a version, a parameter count
#: or a release date ("large", "uncased", "instruct", "v2", "7b", "20241022")
#: the words of a checkpoint's parts: a size, a casing, a tuning ("large", "uncased", "instruct")
_CHECKPOINT_WORDS = rf"{SIZE_WORDS}|xl|xxl|huge|uncased|cased|instruct|chat|it|hf"
#: a checkpoint's parameter count or release date ("7b", "20241022")
_CHECKPOINT_NUMBERS = r"\d+(?:\.\d+)?[bmk]|(?:19|20)\d{6}"
_CHECKPOINT_PART = re.compile(rf"(?:{_CHECKPOINT_WORDS}|v\d+(?:\.\d+)*|{_CHECKPOINT_NUMBERS})$")
_CHECKPOINT_SPLIT = re.compile(r"[-_.]")
#: what every checkpoint's identifier without a digit holds (a part after a separator that :data:`_CHECKPOINT_PART`
#: takes): ``[-_.](?:<a word>)(?![a-z0-9])``, tried first, where :data:`_CHECKPOINT`'s look-behind is tried at every
#: character of a text; one pattern per separator, each opening with its literal, which the regular-expression engine
#: skips to as ``str.find`` does, where it called its character-class test at every character of the text
_CHECKPOINT_WORD_PARTS = tuple(re.compile(rf"{re.escape(sep)}(?:{_CHECKPOINT_WORDS})(?![a-z0-9])") for sep in "-_.")
#: first parts that make a hyphenated word no checkpoint: a degree or a prefix ("extra-large", "top-5k", "sub-1b",
#: "four-small")
_NOT_CHECKPOINT_FIRST = frozenset("top extra very super ultra semi non pre sub over under multi one two three four "
                                  "five six seven eight nine ten".split())


def _has_checkpoint_word_part(text: str) -> bool:
    """Whether ``text`` holds a checkpoint's word part (:data:`_CHECKPOINT_WORD_PARTS`): a match in 7 of the 907
    abstracts.
    """
    hyphen, underscore, dot = _CHECKPOINT_WORD_PARTS
    return hyphen.search(text) is not None or underscore.search(text) is not None or dot.search(text) is not None


def checkpoint_shaped(token: str) -> bool:
    """Whether a lower-case token is written as a checkpoint's identifier: a name of two letters or more, then a
    part that marks a checkpoint (:data:`_CHECKPOINT_PART`); a noun before "base" only with a digit ("t5-base",
    not "knowledge-base").

    >>> checkpoint_shaped("bert_base_uncased"), checkpoint_shaped("distil-large-v2"), checkpoint_shaped("top-5k")
    (True, True, False)
    """
    parts = _CHECKPOINT_SPLIT.split(token)
    first = parts[0]
    if len(parts) < 2 or len(first) < 2 or first in _NOT_CHECKPOINT_FIRST or _CHECKPOINT_PART.match(first):
        return False
    if parts[1:] == ["base"]:
        return any(map(str.isdigit, first))
    return any(_CHECKPOINT_PART.match(p) for p in parts[1:])


#: the parts of a checkpoint's identifier that name a model's weights, not a version of anything: a size, a casing,
#: a tuning, a parameter count, a release date
_WEIGHTS_PART = re.compile(rf"(?:{_CHECKPOINT_WORDS}|{_CHECKPOINT_NUMBERS})$")


def checkpoint_id(name: str) -> bool:
    """Whether ``name`` is a checkpoint's identifier in lower case (:func:`checkpoint_shaped`) with a part that
    names a model's weights (:data:`_WEIGHTS_PART`: "distil-large-v2", not "zorb-v2").
    """
    return name[:1].islower() and _CHECKPOINT.fullmatch(name) is not None and checkpoint_shaped(name) \
        and any(_WEIGHTS_PART.match(p) for p in _CHECKPOINT_SPLIT.split(name)[1:])


@lru_cache(maxsize=100_000)
def shape_score(text: str, *, in_title: bool = False) -> float:
    """How strongly the shape of a single token marks a name.

    0: not a name shape; 1: weak (an all-capitals acronym such as ``ROAST``);
    2: strong (``ToxicChat``, ``S4D``, ``GPT-4``, ``TIES-Merging``, ``EDTformer``).

    Examples
    --------
    >>> shape_score("ToxicChat"), shape_score("ROAST"), shape_score("model"), shape_score("7B")
    (2, 1, 0, 0)
    """
    if len(text) < 2 or "://" in text or "@" in text or text.startswith("\\"):
        return 0
    # (each pattern tried only when the first character, or the end, allows a match; "$" also matches
    # before a final newline)
    first = text[0]
    if ("a" <= first <= "z" and (_PREFIXED.match(text) or _CHECKPOINT.fullmatch(text) and checkpoint_shaped(text))
            or text.endswith(("++", "++\n")) and _PLUSPLUS.match(text)
            or first.isdecimal() and _DIGIT_LED.match(text)):
        return 2
    if ((first in _NUMBERISH_FIRST or first.isdecimal()) and _NUMBERISH.match(text)
            or first in "IVX" and _ROMAN.match(text)
            or (first in _NOT_NAME_FIRST or first.isdecimal() or "^" in text or "-to-" in text)
            and _NOT_NAME.search(text)):
        return 0
    letters = sum(map(str.isalpha, text))  # (map over str methods: the same tests in C loops)
    if letters == 0 or not any(map(str.isupper, text)):
        return 0
    if "+" in text and _PLUS_JOINED.match(text):
        return 2  # plain words joined by a plus name one thing ("Flush+Reload"), no list of names
    if "-" in text and _AWARD_NUMBER.match(text):
        return 0  # a grant's number in a funding line ("CNS-0012345"), no name
    parts = [p for p in _PARTS.split(text) if p]
    if len(parts) > 1:
        marked = any(INNER_CAP.search(p) or (any(map(str.isdigit, p)) and not _DIMENSION.match(p))
                     or (len(p) > 1 and p.isupper()) for p in parts)
        caps = sum(1 for p in parts if p[0].isupper() or p[0].isdigit())
        if marked or _SIZE_PART.match(parts[-1]) and parts[0][:1].isupper() and len(parts[0]) > 2:
            return 2  # (a word with a size after it is a model's: "Quokka-mini", "Quokka-S")
        # capitalised plain words ("Cross-Domain") are weak; in a Title Case title they are no name at all
        if caps >= 2 and not in_title:
            return 2 if caps >= 3 else 1
    if INNER_CAP.search(text):
        return 2
    if any(map(str.isdigit, text)) and letters >= 1 and text[0].isalpha():
        # single letter + single digit (L2, F1, T5) is only weak
        return 2 if len(text) >= 3 else 1
    if _ACRONYM.match(text):
        return 1
    return 0


#: the adjectives a hyphen joins to a name ("LLM-based", "X-style"; "X-family", a noun used so), as an alternation
_ADJECTIVES = (r"(?i:based|enhanced|guided|augmented|aware|driven|free|like|level|style|oriented|specific|agnostic|"
               r"centric|conditioned|powered|assisted|generated|scale|wise|only|tuned|efficient|friendly|ready|native|"
               r"empowered|inspired|informed|integrated|enabled|family|[a-z]+ed)")
# (not a size or variant word, nor the noun of a data structure a name ends in: "TPR*-tree", "Zorb-sketch")
_ADJECTIVE_PART = re.compile(
    r"^(?!(?:mini|small|base|large|tiny|nano|micro|pro|chat|instruct|turbo|plus|lite|xl|xxl|preview|flash|air|max|"
    rf"ultra|distill|coder|vision|audio|math|trees?|tries?|heaps?|sketch(?:es)?|filters?)$)(?:[a-z]+|{_ADJECTIVES})$"
)


def _trim_adjective_suffix(text: str) -> str:
    """``LLM-based`` -> ``LLM``; ``LLM-Enhanced`` -> ``LLM``; ``Phi-mini-MoE`` unchanged."""
    parts = text.split("-")
    while len(parts) > 1 and _ADJECTIVE_PART.match(parts[-1]):
        parts.pop()
    return "-".join(parts)


# the rest of a whitespace-delimited token from its first capital, digit or "+" (every token _CHUNK
# takes holds one): a scan that skips to those characters; _chunk_names applies _CHUNK's exact test
# once per distinct token
_TOKEN_REST = re.compile(r"[A-Z0-9+]\S*")


def _chunk_shaped(chunk: str) -> bool:
    """``_CHUNK.fullmatch(chunk)``: a chunk without white space that :data:`_CHUNK_MARK` finds in."""
    return chunk.split() == [chunk] and _CHUNK_MARK.search(chunk) is not None


@lru_cache(maxsize=200_000)
def _chunk_names(chunk: str, title_cut: int) -> tuple[tuple[int, int, str, bool], ...]:
    """The names a whitespace-delimited token holds, as ``(offset, length, name, strong)`` (``length``:
    of what the text writes, shorter than the name for a variant after a slash: "CIFAR-10/100").

    A pure function of the token, cached across documents. ``title_cut``: pieces
    starting before this offset are in the title.
    """
    if not _chunk_shaped(chunk):
        return ()
    raw, start = _strip_chunk(chunk, 0)
    if not raw:
        return ()
    pieces: list[tuple[str, int, int]] = []  # (name, offset, length written; -1: the name's)
    if ("/" in raw or "→" in raw or "-to-" in raw or ">" in raw or "<" in raw or "—" in raw or "---" in raw
            or ":" in raw) and "://" not in raw:
        # "BERT/GPT-Base", "GTA→Cityscapes", "GTA-to-Cityscapes": two names; "S4—a": a name and a word
        cut = 0
        for sep in [*_PAIR_SPLIT.finditer(raw), None]:
            end_piece = sep.start() if sep else len(raw)
            piece, s2 = _strip_chunk(raw[cut:end_piece], start + cut)
            if piece:
                # "CIFAR-10/100", "BERT-Base/Large": a variant written as its family's other one's suffix
                joined = _slash_variant(pieces[-1][0], piece) if pieces and raw[cut - 1:cut] == "/" else None
                pieces.append((piece, s2, -1) if joined is None else (joined, s2, len(piece)))
            cut = sep.end() if sep else cut
    else:
        pieces.append((raw, start, -1))
    out = []
    slashed = "/" in chunk
    for raw, start, written in pieces:
        if "://" in raw or raw.startswith("www.") or raw.count(".") >= 2 and "/" in raw \
                or ":" in raw and _IDENTIFIER.match(raw) or slashed and raw[:1].islower() and checkpoint_shaped(raw):
            continue  # a web address, a path, a reference's identifier ("arXiv:2002.09102", "doi:10.1145/…"), a
            # lower-case part of a path ("hub.org/zorb-large-v2")
        name = _trim_adjective_suffix(raw) if "-" in raw else raw
        score = shape_score(name, in_title=start < title_cut)
        if score and not is_generic(name):
            out.append((start, written if written >= 0 else len(name), name, score >= 2))
    return tuple(out)


#: the last part of a name that another variant replaces: after its last hyphen, else its final number
_VARIANT_PART = re.compile(r"(?<=-)[^-]+$|(?<=[A-Za-z])\d+(?:\.\d+)*$")
_NUMBER_RUN = re.compile(r"\d+(?:\.\d+)*")
#: size words a family's variants are named by ("BERT-Base/Large")
_SIZE_WORDS = frozenset("base large small tiny huge mini medium giant nano micro xl xxl".split())


def _slash_variant(previous: str, piece: str) -> str | None:
    """The name ``piece`` abbreviates after a slash: ``previous`` with its last part replaced, when
    ``piece`` is written like that part ("CIFAR-10" and "100": "CIFAR-100"; "ResNet-50/101",
    "BERT-Base/Large", "GPT-3/4", "ImageNet-1K/21K", "ViT-S/B"); ``None`` otherwise ("ViT-B/16",
    "BERT/GPT-2").

    >>> _slash_variant("CIFAR-10", "100"), _slash_variant("BERT-Base", "Large"), _slash_variant("ViT-B", "16")
    ('CIFAR-100', 'BERT-Large', None)
    """
    m = _VARIANT_PART.search(previous)
    if m is None or m.start() == 0 or piece == m.group():
        return None
    part = m.group()
    if part.isalpha() and len(part) > 2:
        same = part.lower() in _SIZE_WORDS and piece.lower() in _SIZE_WORDS
    else:
        same = _NUMBER_RUN.sub("9", part) == _NUMBER_RUN.sub("9", piece) and any(map(str.isdigit, piece + part)) \
            or len(part) == len(piece) == 1 and part.isupper() and piece.isupper()
    return previous[:m.start()] + piece if same else None


#: a parameter count after a space: " 13B", " 1.3B", " 350M"
_SIZE_AFTER = re.compile(r" \d+(?:\.\d+)?[BMKT](?![\w\-])")


def in_capitals(text: str, at: int, sentences: list[tuple[int, int]]) -> bool:
    """Whether the sentence holding ``at`` is written in capitals (:func:`~graphbuild.nlp.sentences.is_upper_title`)."""
    from .sentences import is_upper_title  # (sentences imports this module's neighbours)

    k = bisect_right([s for s, _ in sentences], at) - 1
    return k >= 0 and is_upper_title(text[sentences[k][0]:sentences[k][1]])


def shape_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Name-shaped tokens and runs of capitalised words."""
    sent_starts = {s for s, _ in sentences}
    # single tokens
    for m in _TOKEN_REST.finditer(text):
        at = m.start()
        while at and not text[at - 1].isspace():  # back to the token's start ("p-Tuning", "(GPT-4")
            at -= 1
        chunk = text[at:m.end()]
        names = _chunk_names(chunk, min(max(title_end - at, 0), len(chunk)))
        for offset, length, name, strong in names:
            if not strong and name.lower() in STOP_WORDS and in_capitals(text, at + offset, sentences):
                continue  # "WITH", "AND" of a sentence in capitals: a function word, no acronym
            # (a variant after a slash spans what is written of it: "100" of "CIFAR-10/100")
            yield Candidate(at + offset, at + offset + length, name, "shape" if strong else "acronym",
                            strong=strong)
        if names and names[-1][3] and names[-1][1] == len(names[-1][2]) and text[m.end():m.end() + 1] == " ":
            # a parameter count after a coined name is part of it: "GPT-3 13B", "Quokka-2 1.3B"
            size = _SIZE_AFTER.match(text, m.end())
            last = at + names[-1][0]
            if size is not None and last + names[-1][1] == m.end():
                yield Candidate(last, size.end(), text[last:size.end()], "shape", strong=True)
    # a checkpoint's identifier with no capital nor digit, which the scan above skips: "bert_base_uncased"
    for m in _CHECKPOINT.finditer(text) if _has_checkpoint_word_part(text) else ():
        name = m.group()
        if not any(map(str.isdigit, name)) and checkpoint_shaped(name):
            yield Candidate(m.start(), m.end(), name, "shape", strong=True)
    # a lower-case name joined by underscores, as code and benchmark suites are named: "fast_align", "db_bench"
    for m in _SNAKE_NAME.finditer(text) if "_" in text else ():
        if not checkpoint_shaped(m.group()):  # (the scan above takes those)
            yield Candidate(m.start(), m.end(), m.group(), "shape", strong=True)
    # runs of capitalised words: "Long Range Arena", "In-The-Wild Jailbreak Prompts"
    for m in _CAPITAL_RUN.finditer(text, title_end):
        owned = _owned_start(m.group())  # "Corvid's No-U-Turn Sampler": the name after the owner's
        if owned is None:
            continue
        s, e = _past_qualifier(m.group(), owned) + m.start(), m.end()
        words = text[s:e].split(" ")
        if s in sent_starts:
            yield Candidate(s, e, text[s:e], "titlecase")  # the first word may be the sentence's capital
            s += len(words[0]) + 1
            words = words[1:]
        if len(words) >= 2:
            yield Candidate(s, e, text[s:e], "titlecase")
        if len(words) >= 3 and head_type(words[-1]):  # "Long Range Arena Benchmark": the name without its head
            cut = e - len(words[-1]) - 1
            yield Candidate(s, cut, text[s:cut], "titlecase")
    yield from _broad_runs(text, title_end, sent_starts)
    yield from _lower_phrases(text, title_end)


# a broader run: capitalised or all-caps words, version numbers, a fraction, short connectors ("Mixture of Experts",
# "Llama 2", "Soft XYZ", "Yoochoose 1/64", "Tokyo 24/7")
_RUN_WORD = r"[A-Z](?:[\w'’.+\-]*[\w+])?"
# (the look-behind follows the first capital, so that the scan skips to capitals)
_BROAD_RUN = re.compile(
    rf"[A-Z](?<![\w\-][A-Z]){_RUN_WORD[5:]}(?: (?:(?:of|for|and|to|the|on|in|with|from|&) )?"
    rf"(?:{_RUN_WORD}|v\d+(?:\.\d+)*|\d+x\d+[A-Za-z]?|\d+/\d+(?![\w\-])|\d+(?:\.\d+)*[A-Za-z]{{0,2}}))+"
    rf"(?![\w\-])")


#: the last possessive word inside a run of capitalised words, with the space after it ("Corvid's " of
#: "Corvid's No-U-Turn Sampler", "Google’s " of "Diffie-Hellman PSI of Google’s Private Join"): a run
#: across it joins an owner (the paper's system, a company) to what it owns, no one name
_OWNER_IN_RUN = re.compile(r".*\S['’]s? (?=\S)")


def _owned_start(run: str) -> int | None:
    """Where the name in a run of capitalised words starts, past an owner's possessive (:data:`_OWNER_IN_RUN`:
    9 in "Corvid's No-U-Turn Sampler"), 0 without one; ``None`` where a single word follows the owner's (the
    word's own candidates name it).
    """
    owner = _OWNER_IN_RUN.search(run) if "'" in run or "’" in run else None
    if owner is None:
        return 0
    return owner.end() if " " in run[owner.end():] else None


#: a word of a run that a hyphenated adjective ends after a coined name's shape, with the space after it
#: ("AWQ-compressed " of "AWQ-compressed Zorb-13B", "Zorb-7B-based " of "Zorb-7B-based MetaZorb"): the name
#: before the adjective qualifies the one after it, no one name spans both ("Retrieval-augmented
#: Generation", a plain word before the adjective, stays a run)
_QUALIFIER_IN_RUN = re.compile(rf"(?<!\S)\S*?(?:[A-Z]\S*?[A-Z]|[0-9]|[a-z][A-Z])\S*?(?:-{_ADJECTIVES})+ (?=\S)")


def _past_qualifier(run: str, start: int) -> int:
    """Where the name in ``run`` starts from ``start`` on: at its last word, where the word before that
    qualifies it (:data:`_QUALIFIER_IN_RUN`: "AWQ-compressed Zorb-13B", whose last word has candidates
    of its own: no run is left), else at ``start`` (a run of several words after such a word is left as
    it is).
    """
    if "-" not in run:
        return start
    cut = start
    for m in _QUALIFIER_IN_RUN.finditer(run, start):
        cut = m.end()
    return start if " " in run[cut:] else cut


def _broad_runs(text: str, title_end: int, sent_starts: set[int]) -> Iterator[Candidate]:
    for m in _BROAD_RUN.finditer(text, title_end):
        owned = _owned_start(m.group())
        if owned is None:
            continue
        owned = _past_qualifier(m.group(), owned)
        for s, e in _coordinated_parts(m.group()[owned:], m.start() + owned):
            words = text[s:e].split(" ")
            if s in sent_starts and len(words) > 2:
                s2 = s + len(words[0]) + 1
                yield Candidate(s2, e, text[s2:e], "caprun")
            if s in sent_starts and opens_clause(words[0]):
                continue  # "Unlike Zorb Net, …", "Training Zorb-7B on …": the opening word is no part of a name
            yield Candidate(s, e, text[s:e], "caprun")
            # a run may list names ("Task Arithmetic and TIES-Merging") or be one ("Mix and Match"): each
            # listed part of two words or more is a run too
            if " and " in text[s:e] or " & " in text[s:e]:
                for a, b in _split_spans(_AND, text, s, e):
                    if " " in text[a:b] and not _SCORE_LED.match(text, a, b):
                        yield Candidate(a, b, text[a:b], "caprun")


_AND = re.compile(r" and | & ")
def _split_spans(separator: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]``'s parts between the matches of ``separator`` (as ``re.split`` cuts)."""
    out, at = [], start
    for m in separator.finditer(text, start, end):
        out.append((at, m.start()))
        at = m.end()
    out.append((at, end))
    return out


#: "and" or "&" after a word holding a digit: "Falcon 40B and Falcon 180B" lists two sized names
_SIZED_COORDINATION = re.compile(r"(?<=\d)(?:[A-Za-z]{0,2}) (?:and|&) ")


#: a listed part that opens with a figure and a connector ("0.57 for Diff-VC", "2.8x on HumanEval"), or a figure,
#: a metric's short name and a connector ("72.0 ANLS on DocVQA", "45.1 mAP on COCO"): a result reported for a
#: name, not a name ("20 Newsgroups", a plain word after the figure, stays a name)
_SCORE_LED = re.compile(r"\d[\d.,]*[A-Za-z%]{0,2}(?: [A-Za-z][a-z]*[A-Z0-9@][\w@]*)? (?:of|for|on|in|with|from|to)\b")


def _coordinated_parts(run: str, start: int) -> list[tuple[int, int]]:
    """The spans of a capitalised run that name things: the run, or, where it lists names after a
    size or version ("Falcon 40B and Falcon 180B", "GPT-3 13B and LLaMA 2"), each listed part of two
    words or more (a name of one word has its own proposers).
    """
    cuts = [m for m in _SIZED_COORDINATION.finditer(run) if " " in run[:m.start()]]
    if not cuts:
        return [(start, start + len(run))]
    parts, at = [], 0
    for m in [*cuts, None]:
        end = m.start() + len(m.group().split(" ")[0]) if m is not None else len(run)
        if " " in run[at:end].strip() and not _SCORE_LED.match(run, at, end):
            parts.append((start + at, start + end))
        at = m.end() if m is not None else at
    return parts


# a lower-case phrase whose head names a technique or architecture: "nucleus sampling", "label smoothing"
_LOWER_HEADS = (
    "sampling|search|smoothing|decay|distillation|clipping|normalization|normalisation|dropout|attention|descent|"
    "regularization|regularisation|pruning|quantization|quantisation|augmentation|tuning|merging|prompting|decoding|"
    "optimization|optimisation|embeddings?|"
    "encoding|loss|networks?|transformers?|autoencoders?|machines?|forests?|trees?|regression|propagation|"
    "boosting|estimation|filter|filtering|policy|learning|adaptation|alignment|inference|sketch|hashing|"
    "calibration|mining|matching|adjustment|pretraining|pre-training|retraining|engineering|unrolling|denoising|"
    "encoders?|decoders?|entropy|programming|allocation|interpolation|factorization|factorisation|convolutions?|pooling|"
    "scheduling|routing|caching|anchoring|prediction|"
    # techniques named by what they do to the data, the model or the run: "alternating projections", "outcome
    # supervision", "pipeline parallelism", "half-quadratic splitting", "gradient surgery", "logit attribution"
    "projections?|supervision|parallelism|splitting|warping|surgery|attribution|checkpointing|transforms?|bundling|"
    "disaggregation")
_LOWER_PHRASE = re.compile(rf"(?<![\w-])((?:[a-z][a-z0-9\-]+ ){{1,3}})({_LOWER_HEADS})(?![\w-])")


def _first_char_alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` grouped by first letter (each failing branch costs one test)."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items())


# a head of _LOWER_PHRASE right after a space: the scan of _lower_phrases starts from these
_HEAD_WORDS = [w[:-2] + suffix if w.endswith("s?") else w for w in _LOWER_HEADS.split("|")
               for suffix in (("", "s") if w.endswith("s?") else ("",))]
_LOWER_HEAD = re.compile(rf" (?:{_first_char_alternation(_HEAD_WORDS)})(?![\w-])")
_HEAD_WORD_SET = frozenset(_HEAD_WORDS)
_MODIFIER_WORD = re.compile(r"[a-z][a-z0-9\-]+")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or c == "-"  # [\w-] of re, for one character


def _word_start_modifier(text: str, end: int) -> tuple[int, bool]:
    r"""Where the run of ``[\w-]`` characters ending at ``end`` starts, and whether it is a modifier word.

    Usually the word after the previous space (one ``rfind``): when that is a
    modifier word (``[a-z][a-z0-9-]+``, all word characters after a space, where
    the run must stop), it is the run; otherwise the characters are scanned back.
    """
    start = text.rfind(" ", 0, end) + 1
    if start < end and _MODIFIER_WORD.fullmatch(text, start, end):
        return start, True
    j = end - 1
    while j >= 0 and _is_word_char(text[j]):
        j -= 1
    return j + 1, j + 1 < end and _MODIFIER_WORD.fullmatch(text, j + 1, end) is not None


def _lower_phrase_spans(text: str, title_end: int) -> list[tuple[int, int, int]]:
    """The matches of ``_LOWER_PHRASE.finditer(text, title_end)`` as ``(start, head start, end)``.

    The same leftmost, greedy, non-overlapping matches, found from the heads
    (rare) instead of trying the pattern at every word: for each head, the one
    to three modifier words right before it give the possible starts.
    """
    options: dict[int, tuple[int, int]] = {}  # start -> (head start, end) of its longest match
    for m in _LOWER_HEAD.finditer(text, max(title_end, 1) - 1):
        head = m.start() + 1
        q = head
        for _ in range(3):  # modifier words "[a-z][a-z0-9-]+ ", nearest first
            if q < 2 or text[q - 1] != " ":
                break
            start, modifier = _word_start_modifier(text, q - 1)
            if start < title_end or not modifier:
                break
            options[start] = (head, m.end())  # a later head gives the same start a longer match
            q = start
    spans = []
    pos = title_end
    for start in sorted(options):
        if start >= pos:
            head, end = options[start]
            spans.append((start, head, end))
            pos = end
    return spans


_LEAD_VERBS = frozenset(
    "use uses using utilize utilizes utilizing employ employs employing leverage leverages leveraging apply applies "
    "applying adopt adopts adopting integrate integrates integrating incorporate incorporates incorporating combine "
    "combines combining exploit exploits exploiting introduce introduces introducing propose proposes proposing "
    "perform performs performing improve improves improving outperform outperforms outperforming adds add adding "
    "based existing current previous prior standard conventional traditional typical".split())


def _lower_phrases(text: str, title_end: int) -> Iterator[Candidate]:
    for m_start, head, m_end in _lower_phrase_spans(text, title_end):
        words = text[m_start:head].split()
        while words and (words[0] in _LOWER_STOP or words[0] in STOP_WORDS):
            words = words[1:]
        # the last k words hold no stop word when k is below len(words) - (index of the last stop word)
        last_stop = -1
        for i, w in enumerate(words):
            if w in STOP_WORDS:
                last_stop = i
        for k in range(len(words) - 1 - last_stop, 0, -1):
            mods = words[-k:]
            if mods[0] in _LEAD_VERBS:
                continue  # "use the same quantization", "operates at inference", "employing positional encoding"
            start = head - len(" ".join(mods)) - 1
            yield Candidate(start, m_end, text[start:m_end], "lowerphrase")


# (a word with a lower-case letter is matched up to its first one and on from there: the same matches as
# "[A-Za-z0-9'’]*[a-z][A-Za-z0-9'’]*", without trying every later lower-case letter when the run fails)
_CAPITAL_WORD = r"[A-Z](?:[A-Z0-9'’]*[a-z][A-Za-z0-9'’]*|[A-Za-z0-9]*-[A-Za-z0-9-]*[A-Za-z0-9])"
_CAPITAL_RUN = re.compile(rf"[A-Z](?<![\w-][A-Z]){_CAPITAL_WORD[5:]}(?: {_CAPITAL_WORD})+(?![\w-])")


_CUE = re.compile(
    word_alternation(r"termed|dubbed|named|called|coined|denoted as|referred to as|refer to[^.;]{0,100}?\bas|namely")
    + r"\s+(?:the\s+|as\s+)?[\"“']?([A-Za-z0-9][\w+.\-]*(?:\s+[A-Z0-9][\w+.\-]*){0,3})"
)
# every match of _CUE starts with one of these
_CUE_WORDS = ("termed", "dubbed", "named", "called", "coined", "denoted as", "referred to as", "refer to", "namely")
_FIRST_PERSON = re.compile(r"\b(?:we|We|our|Our|this paper|This paper|this work|This work|this study|This study|"
                           r"here|Here|[Tt]he (?:resulting|proposed|new|final))\b")


#: the cues that give a new name whoever speaks
_COINING = ("termed", "dubbed", "coined")
#: a sentence's opening subject, set off before a cue: "The compiler, " of "The compiler, called X, …"
_SUBJECT_APPOSED = re.compile(r"\s*(?:The|A|An)\s+(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*,\s+")
#: a passive proposal speaks for the authors too ("a sandbox named X is proposed")
_PASSIVE_PROPOSAL = re.compile(r"\b(?:is|are) (?:here )?(?:proposed|introduced|presented)\b")


_PRESENTING_WORDS = tuple(PRESENTING_VERBS.split("|"))  # every match of _PRESENTED starts with one
#: a presenting verb, in the past tense too right after "we" (structured and non-native abstracts: "Methods: We
#: developed Zorb, a …", "In this paper we proposed Zorb, a …"; after another subject the past is others' work)
_PRESENTING = (rf"(?:(?<=[Ww]e ){word_alternation(PRESENTING_VERBS)}(?:d|ed)|"
               rf"{word_alternation(PRESENTING_VERBS)}s?)")
_PRESENTED = re.compile(
    rf"{_PRESENTING}\s+([A-Z][A-Za-z0-9+\-]*[A-Za-z0-9+])"
    # (a family is described by a count: "we introduce Zorb, two vision-language models")
    r"(?=[,:]\s+(?:a|an|the|two|three|four|five|six|several)\s|\s+\()")


# "we release / construct / curate the X benchmark", "on our new X benchmark": a dataset the paper makes
_MADE_VERBS = ("releas", "construct", "curat", "collect", "buil", "creat", "introduc", "present", "propos", "develop",
               "assembl", "compil")
_MADE_STARTS = (*_MADE_VERBS, "our", "Our")  # every match of _MADE_DATASET starts with one
_MADE_DATASET = re.compile(
    r"(?:" + word_alternation("|".join(_MADE_VERBS)) + r"(?:e|es|ed|ing|d|t|s)?\s+|\b[Oo]ur\s+)"
    r"(?:(?:a|an|the|our|new|novel|proposed|own|large-scale|high-quality|challenging|first)\s+)*"
    r"([A-Z0-9][\w+.\-]*(?:\s+[A-Z0-9][\w+.\-]*){0,3})\s+(?:benchmark|dataset|corpus|suite|test\s?bed)s?\b")


_MADE_HEADS = ("benchmark", "dataset", "corpus", "suite", "test")  # one is in every match of _MADE_DATASET
#: verbs that only ever make data: what authors curate, collect or crawl is a dataset, with no head noun
#: after its name ("we curate LVD-142M, 142 million images")
_GATHER_VERBS = ("curat", "collect", "compil", "crawl", "scrap")
_GATHERED = re.compile(
    word_alternation("|".join(_GATHER_VERBS)) + r"(?:e|es|ed|ing|d|s)?\s+(?:(?:a|an|the|our|new|large-scale)\s+)*"
    r"([A-Z][\w+\-]*?[A-Z0-9][\w+\-]*)(?=\s*[,;:(]|\.(?:\s|$))")

#: the stems of the verbs with which authors bring in their own artifacts ("releas" of "release")
_LIST_VERBS = tuple(v[:-1] if v.endswith("e") else v for v in INTRODUCING_VERBS.split("|"))
#: a variant of a family's name: a capital or a digit, then word characters ("Mini", "7B", "2-13B")
_VARIANT = r"[A-Z0-9][\w.+\-]*(?<![.\-])"
#: siblings listed after an introducing verb: "we release A-Mini and A-Tiny", "we present A 7B, A 13B and A 70B"
_RELEASED_LIST = re.compile(
    word_alternation("|".join(_LIST_VERBS)) + r"(?:e|es|s|d|ed|ing)?\b"
    # what is released: up to six words, none that relates the list to something else ("build on A-7B, A-13B")
    r"(?:\s+(?!(?:on|upon|with|using|from|against|than|to|for|in|by|over|into|via|like|as|such|including|"
    r"beyond|atop|between|and|or)\b)[\w\-]+[,:]?){0,6}?\s+"
    rf"(?P<stem>[A-Z][\w.+]*)[- ]{_VARIANT}(?:(?:{LIST_SEPARATOR})(?P=stem)[- ]{_VARIANT})+")
_LISTED = re.compile(LIST_SEPARATOR)
#: a name the authors release on its own, no kind noun after it: "We release Quillmark to the community"
_RELEASED_NAME = re.compile(
    r"\b[Ww]e\s+(?:(?:also|will|publicly|openly)\s+)?(?:releas|open-sourc)(?:e|ed|es)?\s+(?:(?:the|our)\s+)?"
    r"(?P<name>[A-Z][A-Za-z0-9+\-]*[A-Za-z0-9+])(?=\s+(?:publicly|openly|to|at|under|on|via|as\s+open)\b|\s*[,;.(](?:\s|$))")

_NEW_KIND_VERBS = ("introduce", "present", "propose", "release", "build", "develop")
#: the kind of an artifact a paper makes, a word on its own ("router", not "routers" nor "router-based")
_KIND = rf"(?P<kind>{alternation(ARTIFACT_KINDS)})(?![\w\-])"
#: the authors' own artifact set off by commas after its kind: "our design, Zorbel, also …", "Our compiler, ZorbC,",
#: "Our retriever, Zorb, indexes …", "we introduce a new benchmark, ZorbQA, for …"; a new thing of a kind so named
#: is the paper's with no verb of the authors ("evaluated on a new benchmark, ZorbEval, with …", "fine-tuned on a
#: new set of 4,200 clips, ZorbSound, it …")
_OUR_APPOSED = re.compile(
    r"\b(?:[Oo]ur|(?<=[Ww]e )(?:" + "|".join(_NEW_KIND_VERBS) + r")\s+an?\s+new|(?<![\w\-])[Aa]\s+new)"
    r"\s+(?:(?:new|proposed|own|final|full|resulting|best)\s+)?(?:[a-z][\w\-]*\s+){0,2}"
    rf"(?:system|design|approach|tool|compiler|prototype|implementation|library|engine|runtime|{_KIND}|"
    r"(?:set|collection)\s+of\s+(?:[\w,.\-]+\s+){0,3}?[a-z][\w\-]*)"
    r",\s+(?P<name>[A-Z][A-Za-z0-9+\-]*[A-Za-z0-9+]),")
#: every match of ``_OUR_APPOSED`` starts with one of these
_OUR_APPOSED_STARTS = ("our", "Our", *_NEW_KIND_VERBS, "a new", "A new")

#: the authors' own name as the subject of what it does, with no verb that introduces it: "Our Quolla improves
#: recall …", "The proposed Quolla-Net runs in real time", "our Dravik model cuts …" (a head noun between, not one
#: that marks a use: "our Zorb baseline"); the present or the past ("Our Zorb reduced …")
_OUR_SUBJECT = re.compile(
    r"\b(?:[Oo]ur|[Tt]he\s+proposed)\s+(?P<name>[A-Z][A-Za-z0-9+\-.]*[A-Za-z0-9+])"
    r"(?:\s+(?!(?:baselines?|implementation|reimplementation|backbones?|setup|experiments?|results|analysis|code|"
    r"version|data|team)\b)[a-z][a-z\-]*)??\s+(?:\w+ly\s+)?(?:is|are|was|were|can|[a-z]{2,}(?:[a-rtv-z]s|ed))\b")
#: a name set off by commas as a subject that acts, after the kind of thing the abstract has just described
#: (``KIND_APPOSED``): "The resulting agent, Zorb, outperforms …", "the network, Zorb-40, reaches …", "the recipe,
#: named Zorb, reaches …" (opening with ", ", a literal, so that a scan of the whole text skips to the commas)
_APPOSED_ACTS = re.compile(
    r", \s*(?:(?:named|called|dubbed|termed)\s+)?"
    r"(?P<name>[A-Z][A-Za-z0-9+\-.]*[A-Za-z0-9+]|[a-z]+[A-Z][A-Za-z0-9+\-]*),"
    r"\s+(?:(?:that|which)\s+)?(?:\w+ly\s+)?(?:is|are|was|were|can|[a-z]{2,}(?:[a-rtv-z]s|ed))\b")
#: the kind of the thing a text is about, right before a name apposed to it or given by a naming participle: "The
#: resulting agent, ", "This approach, ", "the fused detector, ", "the recipe, named ", "this sparse mixture of
#: adapters, called " (group ``mods``: the words before the kind's head; ``head``; ``naming``: the participle, if
#: any). :func:`own_kind` tells whether the kind is the authors' own.
KIND_APPOSED = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hese)\s+(?P<mods>(?:[\w\-]+\s+){0,4}?)(?P<head>[a-z][a-z\-]*)"
                          r"(?:\s*,\s*|,?\s+(?P<naming>(?:called|named|dubbed|termed)\s+[\"“']?))$")
#: a modifier that makes the kind someone else's: "a standard baseline model, X", "a pretrained encoder, X"
OTHERS_KIND = re.compile(r"\b(?:baseline|standard|existing|reference|off-the-shelf|pre-?trained|popular|"
                         r"well-known|widely|public(?:ly)?|teacher|competing|prior|previous|strong)\b", re.I)
#: kinds that hold another's model rather than the authors' ("The backbone, X, is frozen")
_BORROWED_HEADS = frozenset("backbone backbones encoder decoder".split())


def made_kind(head: str) -> bool:
    """Whether a head noun is a kind of artifact a paper makes: a model, method or dataset ("agent", "recipe",
    "router", "backbone").
    """
    return head_type(head) in ("Model", "Method", "Dataset") or head in ARTIFACT_KINDS


#: the authors pretraining ("We pretrain a denoiser …"): after it, "the pretrained model" is theirs
_WE_PRETRAIN = re.compile(r"\b[Ww]e\s+(?:\w+ly\s+|also\s+|first\s+)?pre-?train")
#: "pretrained" (a modifier of ``OTHERS_KIND``)
_PRETRAINED = re.compile(r"\bpre-?trained\b", re.I)


def own_kind(modifiers: str, head: str, before: str = "") -> bool:
    """Whether a kind (its head noun and the words before it, as :data:`KIND_APPOSED` reads them) is one the
    authors make (:func:`made_kind`): not a part borrowed from others ("backbone", "encoder"), and no modifier
    makes it someone else's ("the pretrained network"; but where the text ``before`` has the authors pretrain,
    "We pretrain a denoiser … the pretrained model", theirs).
    """
    if not made_kind(head) or head in _BORROWED_HEADS:
        return False
    if "retrain" in modifiers and _WE_PRETRAIN.search(before):
        modifiers = _PRETRAINED.sub("", modifiers)
    return not OTHERS_KIND.search(modifiers)


#: the modifiers of a kind just described, before a name apposed: none or one word in lower case ("The resulting
#: agent", "the fused detector"; a longer phrase is seldom the subject the name is apposed to)
_ONE_MODIFIER = re.compile(r"(?:[a-z][\w\-]*\s+)?")


def _kind_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in the authors' kind of artifact (:func:`own_kind`, read with the text
    before it) with one modifier at most and a name's comma or naming participle (:data:`KIND_APPOSED`): "The
    resulting agent, ", "the recipe, named ".
    """
    m = KIND_APPOSED.search(text, start, end)
    return m is not None and _ONE_MODIFIER.fullmatch(m.group("mods")) is not None \
        and own_kind(m.group("mods"), m.group("head"), text[:m.start()])

#: "the proposed" before a name: an adjective, no verb of proposing
_THE_PROPOSED = re.compile(r"\b[Tt]he proposed\b")
#: every match of ``_OUR_SUBJECT`` starts with one of these
_OUR_SUBJECT_STARTS = ("our", "Our", "the proposed", "The proposed")

#: a coined plain word: one capitalised word, no other capital nor digit ("Zorbix", "Quillnet"); a name of another
#: shape is a candidate by its shape, and the cues above bring it in
_PLAIN_NAME = r"[A-Z](?<![\w\-][A-Z])[a-z]{2,}(?![\w\-])"
#: the words of a noun phrase before its kind: none a word that opens a clause or a phrase after the head
_KIND_WORDS = r"(?:(?!(?:that|which|who|we|for|of|to|with|on|in|from|by|and|or|is|are)\b)[\w\-]+\s+){0,4}"
#: an authoring verb in any form ("train", "trained", "describes", "pre-trains"; not "fine-tune": see AUTHORING_VERBS)
_AUTHORED = word_alternation(AUTHORING_VERBS) + r"(?:e|es|s|d|ed)?\b"
#: ... but one of the presenting verbs, whose appositive ``_PRESENTED`` reads ("We present Zorb, a …"): the other
#: authoring verbs ("We train Zorb, a …", "This paper describes Zorb, a …")
_APPOSING = word_alternation("|".join(v for v in AUTHORING_VERBS.split("|") if v not in PRESENTING_VERBS.split("|")))
_AUTHORS = r"\b(?:[Ww]e|[Tt]his (?:paper|work|report|article))\s+(?:\w+ly\s+|also\s+|first\s+|then\s+|further\s+)?"
#: the authors make a plain-named artifact and an appositive says what it is: "We train Zorb, a 7B language model",
#: "This paper describes Zorb, a router that …" (not "Paris, a city": no kind of artifact)
_AUTHORED_APPOSED = re.compile(
    rf"{_AUTHORS}{_APPOSING}(?:e|es|s|d|ed)?\s+(?:our\s+)?({_PLAIN_NAME}),\s+(?:a|an)\s+{_KIND_WORDS}{_KIND}")
#: a relative clause after a plain name's kind says the authors made it: "Zorb is a detector that we developed",
#: "Zorb, the attention kernel we implement in Triton," (not "Adam, the optimizer we train with": used)
_WE_MADE = rf"we\s+(?:\w+ly\s+|also\s+|first\s+|then\s+|have\s+)?{_AUTHORED}(?!\s+(?:with|using|by)\b)"
_KIND_WE_MADE = re.compile(
    rf"({_PLAIN_NAME})(?:,|\s+is)\s+(?:a|an|the|our)\s+{_KIND_WORDS}{_KIND}\s+(?:(?:that|which)\s+)?{_WE_MADE}")
#: the tail of every match of ``_KIND_WE_MADE`` ("we developed"): most texts have none
_WE_MADE_TAIL = re.compile(word_alternation("we") + _WE_MADE[2:])
#: the authors pretrain a plain-named model: "We pretrain Zorb on 50k hours of speech" (what they pretrain is theirs;
#: what they train or fine-tune on data is as often a known model)
_PRETRAINED_NAME = re.compile(rf"{_AUTHORS}pre-?train(?:s|ed)?\s+({_PLAIN_NAME})\s+(?:on|from)\b")
#: a sentence opens with what makes its outcome possible, a plain-named artifact whose kind an appositive gives, a
#: learned one: "With Zorb, a policy learned from videos, a robot folds towels" (not "Using Spark, a system built
#: for …": a tool someone built is as often another's)
_OPENING_WITH = re.compile(
    rf"(?:With|Using)\s+({_PLAIN_NAME}),\s+(?:a|an)\s+{_KIND_WORDS}{_KIND}\s+"
    r"(?:(?:that|which)\s+(?:is\s+|was\s+)?)?(?:learned|learnt|trained|distilled)\b")
#: the authors propose a plain-named artifact and say no more of it there: "We propose Zorb.", "In this paper we
#: introduce Zorb for …", "This paper presents Zorb, which …" (not "We propose Gaussian mixtures": a word before a
#: noun is no name; "We present Zorb, a …" is ``_PRESENTED``'s)
_PROPOSED_PLAIN = re.compile(
    rf"{_AUTHORS}{_PRESENTING}\s+({_PLAIN_NAME})"
    r"(?=\s*[.;:](?:\s|$)|\s+(?:for|to|which|that|here)\b|,\s+(?:which|that|our)\b)")
#: the authors gather data under a plain name and count it: "We collect Zorb, 12k questions over …"
_COUNTED = r",\s+(?:(?:about|over|some|nearly|roughly|around|almost)\s+)?\d"
_GATHERED_COUNTED = re.compile(
    word_alternation("|".join(_MADE_VERBS)) + r"(?:e|es|ed|ing|d|t|s)?\s+(?:(?:a|the|our|new)\s+)?"
    rf"({_PLAIN_NAME}){_COUNTED}[\d.,]*\s*[kKMB]?\b")
#: a comma, then a count: what every match of ``_GATHERED_COUNTED`` holds (", 12k")
_COUNT_AFTER_COMMA = re.compile(_COUNTED)


#: a size written after a space, a shape no word of prose has: a multiplier or a count of parameters ("0.5x", "3B")
_SPACED_SIZE = r"\d+(?:\.\d+)?(?:x|×|[BMK])"
#: a sibling list whose later names drop the family's stem: "Zorb-S, -M and -L", "Zorb-220M and -3B", "Zorb 0.5x,
#: 1.0x and 1.5x" (the first name in full, the stem and the joint before each later size: ``sep`` and ``tails``)
_ELIDED_LIST = re.compile(
    rf"(?<![\w\-])(?P<stem>[A-Z][\w.+]*[A-Za-z0-9+])(?:(?P<sep>-)(?P<head>{_VARIANT}|{SIZE_WORDS})"
    rf"(?P<tails>(?:(?:{LIST_GAP})-(?:{_VARIANT}|{SIZE_WORDS}))+)"
    rf"|(?P<space> )(?P<shead>{_SPACED_SIZE})(?P<stails>(?:(?:{LIST_GAP}){_SPACED_SIZE})+))(?![\w\-])")
#: the joint before a later size of ``_ELIDED_LIST``, one of which every match holds: a dropped stem (", -M",
#: "and -3B"; every such joint holds " -") or a size after a size ("0.5x, 1.0x"); :func:`_elided_joint`
_ELIDED_DASH = re.compile(r"(?:,|and|or) -\w")
#: (written from the size's unit, whose rare letters the search skips to, the digit before it looked behind for: from
#: the digit, ``\d``, every character of a text is tested as a decimal digit; a match is there where one of
#: ``\d(?:x|×|[BMK])(?:,| and| or) \d`` is)
_ELIDED_SIZES = re.compile(r"[xBMK×](?<=\d[xBMK×])(?:,| and| or) \d")


def _elided_joint(text: str) -> bool:
    """Whether ``text`` holds a joint of a sibling list with a dropped stem (``_ELIDED_DASH``, looked for only where
    " -" is written) or of sizes (``_ELIDED_SIZES``): a cheap test before ``_ELIDED_LIST`` (one pattern for both
    scanned every letter "a" and "o" of every text).
    """
    return " -" in text and _ELIDED_DASH.search(text) is not None or _ELIDED_SIZES.search(text) is not None
#: a word before such a list, in its clause, that makes it a comparison with someone else's family: "compared with
#: BERT-base and -large", "outperforms Zorb-S and -M", "than …"
_COMPARED_BEFORE = re.compile(
    r"\b(?:than|compared|comparing|against|versus|vs|over|baselines?|outperform\w*|beat\w*|surpass\w*|match\w*|"
    r"like|such\s+as|fine-tun\w*|finetun\w*|follow\w*|prior|previous|existing)\b[^.;:]*$")


#: the authors' names made public in the passive: "Zorb-220M and Zorb-3B are released", "the code and the Zorb
#: models are made available", "The samplers, Zorb-1 and Zorb-2, are openly released" (not "were released by the
#: authors of …": someone else's)
_RELEASED_PASSIVE = re.compile(
    r"\b(?:is|are|will\s+be|have\s+been|has\s+been)\s+(?:\w+ly\s+|also\s+|now\s+)?"
    r"(?:released|open-sourced|made\s+(?:\w+ly\s+)?(?:available|public))\b(?!\s+(?:by|in|with)\b)")
#: a name in the subject of ``_RELEASED_PASSIVE``, capitalised with another capital or a digit, or a plain word
#: before a plural kind ("the Zorb models"), not after a word that relates it to something else ("models trained
#: on Zorb are released")
_RELEASED_SUBJECT = re.compile(
    r"(?<![\w\-])"
    r"(?P<name>[A-Z][A-Za-z0-9+.]*(?:[A-Z0-9][A-Za-z0-9+]*|-[A-Za-z0-9+]+)|[A-Z][a-z]{2,}(?=\s+[a-z]+s\b))"
    r"(?![\w\-])")
#: a word that relates a name after it to something else, at a text's end: "trained on ", "from "
_RELATING_END = re.compile(r"\b(?:on|of|to|by|in|for|from|with|using|than|over|via)\s+$")
#: a plain capitalised word, no other capital nor digit: at a sentence's opening, no name by its shape ("The")
_PLAIN_WORD = re.compile(r"[A-Z][a-z]+")
#: the kinds ``_MADE_APPOSED`` reads besides ``ARTIFACT_KINDS``: what a paper releases or derives
_MADE_KINDS = rf"(?:{_KIND}|environment|version|codec)"
#: the making verbs of ``_MADE_APPOSED`` (their stems; "build" before "buil", "built"), with which every match
#: of it starts
_APPOSED_MADE_VERBS = ("releas", "deriv", "obtain", "yield", "produc", "build", "buil", "construct", "creat",
                       "develop", "design")
#: the authors make an artifact and name it in an appositive after its kind: "We release the environment, Zorb,
#: with …", "derive a variant without resets, Zorb, which …", "Fine-tuning on them yields a model, Zorb, that …"
_MADE_APPOSED = re.compile(
    r"\b(?:" + "|".join(_APPOSED_MADE_VERBS) + r")(?:e|es|ed|s|t|d)?\s+"
    r"(?:(?:a|an|the|our|two|three)\s+)"
    # (not a word that makes it someone else's: "a standard baseline model, Zorb")
    r"(?:(?!(?:that|which|by|of|from|with|baseline|standard|existing|pretrained|prior|previous|teacher)\b)"
    r"[\w\-]+\s+){0,3}?"
    rf"{_MADE_KINDS}(?:\s+(?:without|with|for)\s+[\w\-]+(?:\s+[\w\-]+)?)?"
    r",\s+(?:(?:named|called|dubbed)\s+)?(?P<name>[A-Z][A-Za-z0-9+\-.]*[A-Za-z0-9+])(?=\s*[,;(]|\.(?:\s|$))")




#: the kinds a coined compound is set off after (:data:`_COINED_APPOSED`), to the type they give it: the kinds of
#: artifact, and the parts of data and the fixes a paper derives and names ("a paired subset, Zorb-Pairs, …", "the
#: training mix, Zorb-Docs.", "a regulariser, top-clamp, which …", "a stronger baseline, Tune-Head, which …")
_COINED_KINDS: dict[str, str] = {
    **ARTIFACT_KINDS,
    **dict.fromkeys("subset set mix data collection version recordings".split(), "Dataset"),
    **dict.fromkeys("fix regulariser regularizer loss baseline alternative rule remedy".split(), "Method"),
}
#: a coined compound set off by commas after the kind of thing it names, as a name the paper gives it: "a day-night
#: subset, Zorb-Pairs, for …", "derives a regulariser from the analysis, top-clamp, which …", "a rule of thumb,
#: eps-fit, which …", "the renamed version of the Zorb dev set, Zorb-Blind." (a hyphenated compound, capitalised or
#: in lower case; the kind after "a", "an", "the" or "our" with up to four modifiers and a short phrase after it;
#: the name followed by a clause, not by another name of a list: "a loss, l-one, l-two and …" is no
#: apposition). (Group ``kind`` the kind's head, ``mods`` its modifiers, ``name`` the name.)
_COINED_APPOSED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Oo]ur)\s+"
    r"(?P<mods>(?:(?!(?:that|which|who|we|of|to|with|on|in|from|by|and|or|is|are)\b)[\w\-]+\s+){0,4}?)"
    rf"(?P<kind>{alternation(_COINED_KINDS)})"
    r"(?:\s+(?:of|from|for|on|in|with|without)\s+(?:the\s+|our\s+)?[\w\-]+(?:\s+[\w\-]+){0,2}?)?"
    r",\s+(?P<name>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)"
    r"(?=\s*,\s+(?!(?:and|or)\b|[\w\-]+(?:\s*,|\s+(?:and|or)\b))[a-z]|\s*[.;](?:\s|$))")
#: what every match of :data:`_COINED_APPOSED` holds, a hyphenated word after a comma: tried first, as it starts
#: with a literal the regular-expression engine skips to (the other is tried at every article of a text)
_COMMA_COMPOUND = re.compile(r",\s+[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]")
#: how every ``name`` of :data:`_COINED_APPOSED` opens, a word and a hyphen (for either of its two casings)
_HYPHENATED_OPENING = re.compile(r"[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]")
#: the last part of a lower-case compound that makes it a modifier, no name: "fine-tuned", "off-the-shelf",
#: "data-driven", "task-specific", "end-to-end", "left-to-right"
_MODIFIER_COMPOUND = re.compile(r"(?:ed|ing|wise|free|based|like|style|aware|specific|level|scale|shelf|art|end|"
                                r"time|only|left|right)$")


def coined_apposed_type(text: str, start: int) -> str | None:
    """The type the kind gives a coined compound set off after it (:data:`_COINED_APPOSED`) that starts at
    ``start`` ("a paired subset, Zorb-Pairs, for …" -> Dataset, "a fix, wide-every-3, which …" -> Method), else
    ``None``.
    """
    end = min(len(text), start + 120)
    if _HYPHENATED_OPENING.match(text, start, end) is None:
        return None  # (most words after a comma are no compound: the scan of the window, at every article, is spared)
    for m in _COINED_APPOSED.finditer(text, max(0, start - 160), end):
        if m.start("name") == start:
            return _COINED_KINDS[m.group("kind")]
    return None


def _coined_apposed(text: str, sentence_of: Callable[[int], tuple[int, int, int]],
                    known: frozenset[tuple[int, int]], vote: float) -> Iterator[Candidate]:
    """The coined compounds set off after the kind of thing they name (:data:`_COINED_APPOSED`), proposed and typed
    by the kind: not a name the gazetteer knows, not a lower-case modifier ("the model, fine-tuned, …"), not a
    kind that is someone else's ("a standard baseline, …", "The backbone, …").
    """
    for m in _COINED_APPOSED.finditer(text) if _COMMA_COMPOUND.search(text) else ():
        start, end = m.span("name")
        name = m.group("name")
        if _overlaps_known(start, end, known) or is_generic(name) or OTHERS_KIND.search(m.group("mods")) \
                or m.group("kind") in _BORROWED_HEADS or name.islower() and _MODIFIER_COMPOUND.search(name):
            continue
        cand = Candidate(start, end, name, "cue", sentence=sentence_of(start)[0], strong=True, proposed=True)
        cand.vote(_COINED_KINDS[m.group("kind")], vote)
        yield cand


def _overlaps_known(start: int, end: int, known: frozenset[tuple[int, int]]) -> bool:
    """Whether a span the gazetteer found (one of ``known``) overlaps ``start``-``end``: a name, or a stem, that is
    someone else's.
    """
    return any(a < end and start < b for a, b in known)


def _made_public(text: str, sentence_of: Callable[[int], tuple[int, int, int]],
                 known: frozenset[tuple[int, int]]) -> Iterator[Candidate]:
    """The names the authors make public in the passive ("Zorb-220M and Zorb-3B are released", "the code and the Zorb
    models are made available": each a name in the subject, within its clause) or name after the kind of thing
    they made ("We release the environment, Zorb, …"), proposed; not a name the gazetteer knows.
    """
    passive = _RELEASED_PASSIVE.finditer(text) if "released" in text or "open-sourced" in text or "made" in text \
        else ()  # (every match of _RELEASED_PASSIVE holds one)
    for m in passive:
        _, s, _ = sentence_of(m.start())
        clause = max(s, text.rfind(";", s, m.start()) + 1)
        for n in _RELEASED_SUBJECT.finditer(text, clause, m.start()):
            name = n.group("name")
            if n.start() == s and _PLAIN_WORD.fullmatch(name) or is_generic(name) \
                    or _overlaps_known(n.start(), n.end(), known) \
                    or _RELATING_END.search(text, max(0, n.start() - 8), n.start()):
                continue  # (a plain capitalised word opening the sentence: "The code …")
            yield Candidate(n.start(), n.end(), n.group("name"), "cue", sentence=sentence_of(n.start())[0],
                            strong=True, proposed=True)
    for m in matches_from(_MADE_APPOSED, text, _APPOSED_MADE_VERBS):
        start, end = m.span("name")
        if is_generic(m.group("name")) or _overlaps_known(start, end, known):
            continue
        yield Candidate(start, end, m.group("name"), "cue", sentence=sentence_of(start)[0], strong=True,
                        proposed=True)


def _elided_siblings(text: str, sentence_of: Callable[[int], tuple[int, int, int]],
                     known: frozenset[tuple[int, int]]) -> Iterator[Candidate]:
    """The names of a sibling list whose later sizes drop the stem ("we obtain Zorb-S, -M and -L", "a family of
    networks, Zorb 0.5x, 1.0x and 1.5x"): the first name, and each later size where the text writes it in full
    elsewhere ("Zorb-M is 2x faster …"; a size never written in full is no mention). Listing its sizes makes a
    family the paper's own, unless the gazetteer knows the stem or the clause compares ("compared with BERT-base
    and -large"): then the names are candidates, not proposed.
    """
    for m in _ELIDED_LIST.finditer(text):
        idx, s, _ = sentence_of(m.start())
        stem, sep = m.group("stem"), m.group("sep") or " "
        proposed = not _overlaps_known(m.start("stem"), m.end("stem"), known) \
            and _COMPARED_BEFORE.search(text, s, m.start()) is None and not is_generic(stem)
        yield Candidate(m.start(), m.end("head") if m.group("sep") else m.end("shead"),
                        f"{stem}{sep}{m.group('head') or m.group('shead')}", "cue", sentence=idx, strong=True,
                        proposed=proposed)
        tails = m.group("tails") or m.group("stails")
        for tail in _LISTED.split(tails):
            full = stem + sep + tail.lstrip("-")
            if tail.strip("-") and full != stem + sep:
                for f in re.finditer(rf"(?<![\w\-]){re.escape(full)}(?![\w\-]|\.\d)", text):
                    yield Candidate(f.start(), f.end(), full, "cue", sentence=sentence_of(f.start())[0],
                                    strong=True, proposed=proposed)


def cue_candidates(text: str, sentences: list[tuple[int, int]], *, dataset_vote: float = 2.0,
                   known: frozenset[tuple[int, int]] = frozenset()) -> Iterator[Candidate]:
    """The name after a naming cue ("dubbed X"), a capitalised word presented with an
    appositive ("this paper presents Poplar, a new system"), or each of the siblings an
    introducing verb lists ("we release A-Mini and A-Tiny", "A 7B, A 13B and A 70B"); proposed
    when the sentence speaks for the authors. ``known``: the spans the gazetteer found (see :func:`_plain_named`).
    """
    starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> tuple[int, int, int]:
        idx = max(0, bisect_right(starts, pos) - 1)
        s, e = sentences[idx] if sentences else (0, len(text))
        return idx, s, e

    for m in matches_from(_PRESENTED, text, _PRESENTING_WORDS):
        name = m.group(1)
        if is_generic(name) or name in ("We", "The", "This", "Our", "In"):
            continue
        idx, s, _ = sentence_of(m.start())
        cand = Candidate(m.start(1), m.end(1), name, "cue", sentence=idx, strong=True)
        cand.proposed = bool(_FIRST_PERSON.search(text, s, m.start()))
        yield cand
    made = matches_from(_MADE_DATASET, text, _MADE_STARTS) if any(w in text for w in _MADE_HEADS) else ()
    for m in itertools.chain(made, matches_from(_GATHERED, text, _GATHER_VERBS)):
        name = m.group(1)
        if is_generic(name) or _NUMBERISH.match(name):
            continue
        idx, s, _ = sentence_of(m.start())
        cand = Candidate(m.start(1), m.end(1), name, "cue", sentence=idx, strong=True)
        cand.vote("Dataset", dataset_vote)
        cand.proposed = m.group()[:3] in ("our", "Our") or bool(_FIRST_PERSON.search(text, s, m.start()))
        yield cand
    # the authors' own name with no cue verb: "We release X to …", "our design, X, …", "Our X improves …"
    released = "releas" in text or "open-sourc" in text  # (every match of _RELEASED_NAME holds one)
    own = itertools.chain(matches_from(_RELEASED_NAME, text, ("We", "we")) if released else (),
                          matches_from(_OUR_APPOSED, text, _OUR_APPOSED_STARTS))
    # (only in a text with no verb of proposing at all, "the proposed" an adjective: where there is one, it
    # brings in the authors' names)
    # (the whole-text test for a verb of proposing runs only once "our X is …" matches: most texts hold none)
    subjects = list(matches_from(_OUR_SUBJECT, text, _OUR_SUBJECT_STARTS)) \
        if "ur " in text or "proposed " in text else []
    if subjects and proposes(_THE_PROPOSED.sub("", text)):
        subjects = []
    apposed = (m for m in _APPOSED_ACTS.finditer(text)
               if _kind_before(text, max(0, m.start() - 80), m.start("name")))
    for m in itertools.chain(own, subjects, apposed):
        name = m.group("name")
        if is_generic(name) or m.re is not _OUR_APPOSED and m.re is not _RELEASED_NAME and _others_subject(m, known):
            continue
        idx, _, _ = sentence_of(m.start())
        yield Candidate(m.start("name"), m.end("name"), name, "cue", sentence=idx, strong=True, proposed=True)
    yield from _plain_named(text, sentence_of, dataset_vote, known)
    if ", " in text or "released" in text or "open-sourced" in text or "made" in text:
        yield from _made_public(text, sentence_of, known)
    if ", " in text:
        yield from _coined_apposed(text, sentence_of, known, dataset_vote)
    if _elided_joint(text):
        yield from _elided_siblings(text, sentence_of, known)
    for m in matches_from(_RELEASED_LIST, text, _LIST_VERBS):
        idx, s, e = sentence_of(m.start())
        if m.end() > e:
            continue
        proposed = bool(_FIRST_PERSON.search(text, s, m.start()))
        stem = m.group("stem")
        at = m.start("stem")
        for name in _LISTED.split(text[at:m.end()]):
            start = text.index(name, at)
            at = start + len(name)
            # a variant holds a letter: "A 7B", "A-Mini"; not "Table 2"
            if any(map(str.isalpha, name[len(stem) + 1:])):
                yield Candidate(start, at, name, "cue", sentence=idx, strong=True, proposed=proposed)
    for m in matches_from(_CUE, text, _CUE_WORDS):
        idx, s, e = sentence_of(m.start())
        if m.start(1) >= e:  # a cue never reaches into the next sentence ...
            continue
        # ... nor does its name: "called Zorbel. It halves …" gives "Zorbel"
        name, start = _strip_chunk(text[m.start(1):min(m.end(1), e)], m.start(1))
        # keep capitalised words only: "termed EDTformer for", "called the HiPPO matrix"
        kept = []
        for w in name.split():
            if not (w[:1].isupper() or w[:1].isdigit() or shape_score(w)):
                break
            kept.append(w)
        name = " ".join(kept)
        if not name or is_generic(name):
            continue
        cand = Candidate(start, start + len(name), name, "cue", sentence=idx, strong=True)
        # "termed", "dubbed" and "coined" give a new name whoever speaks ("The suite, termed X, covers …"), and
        # any cue names the subject a sentence opens with ("The compiler, called X, builds on …")
        cand.proposed = bool(m.group().startswith(_COINING) or _FIRST_PERSON.search(text, s, e)
                             or _PASSIVE_PROPOSAL.search(text, m.end(), e)
                             or _SUBJECT_APPOSED.fullmatch(text, s, m.start()))
        yield cand


def _others_subject(m: re.Match[str], known: frozenset[tuple[int, int]]) -> bool:
    """Whether the name ``_OUR_SUBJECT`` found after "our" (or ``_APPOSED_ACTS`` after a kind) is someone else's or
    no name: one the gazetteer knows,
    or a variant of one (a span in ``known`` inside it: "Our BERT-Large model is …"), a kind of model ("Our CNN
    is …"), a stop word, or a known name with an adjective ("Our BERT-based model …").
    """
    start, end = m.span("name")
    name = m.group("name")
    return any(start <= a and b <= end for a, b in known) or is_generic_model(name) \
        or name.lower() in STOP_WORDS or _ADJECTIVE_END.search(name) is not None


def _plain_named(text: str, sentence_of: Callable[[int], tuple[int, int, int]], vote: float,
                 known: frozenset[tuple[int, int]]) -> Iterator[Candidate]:
    """Coined plain words the authors bring in with no word of proposing, each proposed and typed by the kind its
    cue names ("We train Zorb, a language model": a Model; "Zorb is a router that we built": a Method): an
    appositive after an authoring verb, a relative clause of making after the kind, a pretrained name, data
    gathered and counted. A plain capitalised word is a name only with such a cue. A name the gazetteer knows
    (a span in ``known``) is someone else's, found already: no cue ("We train Llama, a 7B model" proposes nothing).
    """
    found: list[tuple[re.Match[str], str | None]] = []
    if " we " in text or "We " in text or "his " in text:  # (every match holds "we" or "this paper")
        authors = literal_starts(text, ("We", "we", "This", "this"))  # (where the three patterns below may start)
        found += [(m, None) for m in matches_at(_AUTHORED_APPOSED, text, authors)]
        found += [(m, None) for m in _KIND_WE_MADE.finditer(text)] if _WE_MADE_TAIL.search(text) else []
        if "pretrain" in text or "pre-train" in text:
            found += [(m, "Model") for m in matches_at(_PRETRAINED_NAME, text, authors)]
        found += [(m, None) for m in matches_at(_PROPOSED_PLAIN, text, authors)]
    if ", " in text:
        if _COUNT_AFTER_COMMA.search(text):  # (every match of _GATHERED_COUNTED holds one: most texts have none)
            found += [(m, "Dataset") for m in matches_from(_GATHERED_COUNTED, text, _MADE_VERBS)]
        found += [(m, None) for m in matches_from(_OPENING_WITH, text, ("With", "Using"))
                  if sentence_of(m.start())[1] == m.start()]
    for m, type_ in found:
        name = m.group(1)
        if is_generic(name) or name.lower() in STOP_WORDS or (m.start(1), m.end(1)) in known:
            continue  # (not "This is a method that we propose", "There is a model we train")
        idx, s, _ = sentence_of(m.start())
        if m.re is _GATHERED_COUNTED and not _FIRST_PERSON.search(text, s, m.start()):
            continue
        cand = Candidate(m.start(1), m.end(1), name, "cue", sentence=idx, strong=True,
                         proposed=m.re is not _OPENING_WITH)  # (no first person: the decision weighs it)
        kind = type_ or (ARTIFACT_KINDS[m.group("kind")] if "kind" in m.re.groupindex else None)
        if kind is not None:  # (a name proposed with no kind said: the decision types it)
            cand.vote(kind, vote)
        yield cand


# (a surname, perhaps possessive, perhaps with one or two lower-case words before the head: "Quarnby's algorithm",
# "Fenwright's trace estimator", "the Drummel-Ostrava graph colouring"; the words are checked after the match;
# after a lower-case word, a comma, a parenthesis or the article "A" opening a sentence: "A Hollerin projection")
_EPONYM = re.compile(
    r"([A-Z](?<=[a-z,;(] [A-Z]|\bA [A-Z])[a-z]{2,}(?:[-–][A-Z][a-z]{2,})?)(?:['’]s|(?<=s)['’])?"
    r"\s+((?:[a-z][a-z\-]+\s+){0,2}?)(closure|algorithm|estimator|sampler|filter|approximation|transform|"
    r"decomposition|criterion|method|test(?![ -](?:sets?|splits?|data|server|images)\b)|scheme|analysis|projection|"
    r"operator|refinement|estimation|colou?ring|partitioning|kernel)\b"
)
_ADJECTIVAL = re.compile(r"(?:ian|ean|ic|al|ive|ous|ary|ed|ing)$")
#: the word before a match of ``_EPONYM`` (which ends in a lower-case letter there): its first letter
_WORD_BEFORE = re.compile(r"([A-Za-z])[a-z]*\s+$")


def eponym_candidates(text: str, title_end: int, *, vote: float = 1.5) -> Iterator[Candidate]:
    """Methods named after a person: "the Bingham closure", "a Kalman filter"; not the last word of a
    longer capitalised name ("Monte Carlo approximation": "Carlo approximation" names nothing), whose
    word before is capitalised and no function word ("The Kalman filter" opens a sentence).
    """
    for m in _EPONYM.finditer(text, title_end):
        word = m.group(1)
        if _ADJECTIVAL.search(word) or is_generic(word) or _after_capitalised(text, m.start()) \
                or any(w in STOP_WORDS or w in _LEAD_VERBS or w in _HEAD_WORD_SET for w in m.group(2).split()):
            continue  # (not "Zorb and the method", "Zorb uses filter"; "Zorb sampling scheme" names Zorb sampling)
        cand = Candidate(m.start(), m.end(), m.group(0), "eponym", strong=True)
        cand.vote("Method", vote)
        yield cand


def _after_capitalised(text: str, start: int) -> bool:
    """Whether the word right before ``start`` (a space or more before it) is capitalised and no stop word."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).isupper() and m.group().rstrip().lower() not in STOP_WORDS


# a capitalised word, with variant suffixes ("Orca-mini", "Places-365")
_CAPWORD = re.compile(r"[A-Z](?<![\w\-.][A-Z])[a-z]{2,}(?:[A-Z][a-z]+)*(?:-[A-Za-z0-9]+)*(?![\w\-])")


def capword_candidates(text: str, title_end: int, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Every capitalised word of the abstract that does not open a sentence ("trained on Places"):
    the decision model tells a dataset named by an ordinary word from a stray capital.
    """
    sent_starts = {s for s, _ in sentences}
    for m in _CAPWORD.finditer(text, title_end):
        if m.start() in sent_starts or text[m.start() - 2: m.start()] in (": ", ". "):
            continue
        word = m.group()
        if "-" in word:  # "Quib-style", "Vexnet-pretrained": the name without its adjective
            word = _ADJECTIVE_END.sub("", word)
        yield Candidate(m.start(), m.start() + len(word), word, "capword")


#: a hyphenated adjective ending a capitalised word ("-style", "-based", "-pretrained")
_ADJECTIVE_END = re.compile(rf"(?:-{_ADJECTIVES})+$")


_LOWER_CUE = re.compile(
    word_alternation("call|calls|called|calling|term|terms|termed|dub|dubs|dubbed|name|names|named|naming|coin|coined|"
                     "refer|refers|referred|referring|denote|denotes|denoted")
    + r"(?![\w\-])(?!\s+entit)")  # (not "named entity recognition")
#: the forms of a naming verb that need their subject before them ("we call", not "the call graph")
_BARE_CUES = frozenset("call calls term terms name names dub dubs coin refer refers denote denotes".split())
_CUE_SUBJECT = re.compile(r"\b(?:[Ww]e|I|[Tt]hey|[Oo]ne|authors?)(?:\s+(?:\w+ly|will|shall|can|could|may|might|would|"
                          r"further|also|then|hereafter|henceforth|simply|thus|therefore))*\s+$")
#: every match of ``_LOWER_CUE`` starts with one of these
_LOWER_CUE_WORDS = ("call", "term", "dub", "name", "naming", "coin", "refer", "denot")
_LOWER_STOP = frozenset("a an the that which and or to for of in on with by as is are was be this it we our".split())
#: a word of a name a naming cue gives ("arithmetic", "sign-consistent", "top-k", "Fisher", "σ-clip": Greek
#: letters too), after an opening quote; the punctuation after it, if any, ends the name
_NAME_WORD = re.compile(r"\s+[\"“'‘]?([A-Za-z0-9α-ωΑ-Ω]+(?:[\-+.][A-Za-z0-9α-ωΑ-Ω]+)*)(?![\w\-])"
                        r"([\"”'’)\]]*[,.;:!?]?)")
_ANY_WORD = re.compile(r"\s+[\"“'‘(]?([A-Za-z0-9][\w\-]*)(?=[\s,.;:!?)\"”'’])")
#: an object before the name: "we call it X", "we call this approach X", "which we refer to as X"
_PRONOUNS = frozenset("it them".split())
_DETERMINERS = frozenset("this these our the such each".split())
#: nouns that describe what is named ("this approach", "the resulting loss", "this failure mode")
_NAMED_HEADS = frozenset([*TYPE_HEADS, *GENERIC_HEADS, *"property phenomenon effect idea operation process step layer "
                          "quantity formulation setting regime form version mode behavior behaviour kind type design "
                          "class".split()])
#: words that end a name a naming cue gives ("we call it soft routing because …")
_NAME_STOP = _LOWER_STOP | frozenset("because since where when while whose who via than using through into from then "
                                     "thus so but also can could will would may might should must has have had were "
                                     "been being its their here".split())
#: the longest name a naming cue gives (in words)
_NAMED_WORDS = 4


def lower_cue_candidates(text: str, sentences: list[tuple[int, int]]) -> Iterator[Candidate]:
    """A name of plain words given by a naming cue ("we call this task arithmetic merging", "which we
    refer to as soft routing", "we call this approach Fisher merging"), each of its prefixes, and every
    other place the abstract writes the whole name (in any case: "Soft routing improves …"). The names
    the cue gives are ``named`` where the sentence speaks for the authors ("we call", not "so-called").
    """
    starts = [s for s, _ in sentences]
    lowered: str | None = None
    for m in matches_from(_LOWER_CUE, text, _LOWER_CUE_WORDS):
        idx = max(0, bisect_right(starts, m.start()) - 1)
        s, e = sentences[idx] if sentences else (0, len(text))
        if m.group() in _BARE_CUES and not _CUE_SUBJECT.search(text, max(s, m.start() - 40), m.start()) \
                and not _joined_cue(text, s, m):
            continue  # a noun, not a naming verb: "term matching", "the call graph", "terms affect"
        alternatives = _named_after(text, m.end(), min(e, m.end() + 160), m.group().startswith(("refer", "denot")))
        if not alternatives:
            continue
        # ("so-called": a name in use, not one given here)
        named = (text[m.start() - 1:m.start()] != "-" and _FIRST_PERSON.search(text, s, e) is not None
                 and not _name_goes_on(text, alternatives[0]) and not _role_word(text, alternatives[0]))
        # every prefix too ("knowledge merging", "knowledge"); only the whole is the name given
        # ("called Gradient Episodic Memory": "Gradient" is none)
        for found in alternatives[1:]:  # "this model stitching" beside "this model: stitching"
            for k in range(len(found), 0, -1):
                start, end = found[0][0], found[k - 1][1]
                yield Candidate(start, end, text[start:end], "lowercue", sentence=idx, named=named and k == len(found))
        found = alternatives[0]
        for k in range(len(found), 0, -1):
            start, end = found[0][0], found[k - 1][1]
            yield Candidate(start, end, text[start:end], "lowercue", sentence=idx, named=named and k == len(found))
        if named and m.group() in _BARE_CUES and not m.group().startswith("refer"):
            # a capitalised or coined name a bare naming verb gives is as plain a cue as "called X"
            # ("we name the scheduler Zorbel", "we call it q-Net"), and so is a name a capital or a coined word
            # marks among plain words ("we call it epoch-noise SGD", "which we call Zorb vectors"); "refer to …
            # as" is one of _CUE's already
            words = [text[a:b] for a, b in found]
            if any(w[:1].isupper() or w[:1].isdigit() or shape_score(w) for w in words):
                start, end = found[0][0], found[-1][1]
                yield Candidate(start, end, text[start:end], "cue", sentence=idx, strong=True, proposed=True)
        # the whole name where the abstract repeats it ("Sign merging keeps …")
        if lowered is None:
            lowered = text.lower()
        start, end = found[0][0], found[-1][1]
        needle = lowered[start:end]
        at = lowered.find(needle, e)
        while at >= 0:
            stop = at + len(needle)
            if not _is_name_char(lowered[at - 1]) and (stop == len(text) or not _is_name_char(lowered[stop])):
                yield Candidate(at, stop, text[at:stop], "lowercue")
            at = lowered.find(needle, stop)


#: a preposition and a lower-case word after a cue's name: the name may go on ("called reasoning on graphs")
_PREPOSITION_ON = re.compile(r"\s+(?:of|on|for|with|in|from|via|over)\s+[a-z]")


#: a bare naming verb joined to the authors' earlier verb, an object after it: "We propose X and call the
#: trained retriever Zorb", "we train it and name it Zorb"
_JOINED_CUE_BEFORE = re.compile(r"\band\s+$")
_JOINED_CUE_OBJECT = re.compile(r"\s+(?:it|them|this|these|the|our)\s")
_WE_OPENS = re.compile(r"\s*(?:[A-Z][\w\-]*\s+){0,3}?(?:[Ww]e|[Ii]n this (?:paper|work),? we)\s")


def _joined_cue(text: str, s: int, m: re.Match[str]) -> bool:
    """Whether a bare naming verb (``m``, in the sentence from ``s``) follows "and" in a sentence the authors
    open ("We …, and call the trained retriever Zorb"), an object after it (not "calls and call graphs").
    """
    return _JOINED_CUE_BEFORE.search(text, max(s, m.start() - 6), m.start()) is not None \
        and _JOINED_CUE_OBJECT.match(text, m.end()) is not None and _WE_OPENS.match(text, s) is not None


def _name_goes_on(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether the name a cue gives, cut to ``words``, may go on: a preposition and a lower-case word after
    it, or a fifth word of the name ("termed the coefficient of prescriptiveness").
    """
    end = words[-1][1]
    if _PREPOSITION_ON.match(text, end):
        return True
    more = _NAME_WORD.match(text, end) if len(words) == _NAMED_WORDS and not text.startswith((",", "."), end) else None
    return more is not None and more.group(1).lower() not in _NAME_STOP


def _role_word(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether the name a cue gives is one lower-case word after "the": a role the thing plays, not a name
    ("the model we refer to as the teacher", "which we call the critic"; a coined word goes bare: "we call
    this grokking").
    """
    return len(words) == 1 and text[words[0][0]:words[0][1]].islower() and text.endswith("the ", 0, words[0][0])


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch == "-"


def _named_after(text: str, pos: int, end: int, needs_as: bool) -> list[list[tuple[int, int]]]:
    """The names a naming verb ending at ``pos`` may give, up to ``end``, each as the spans of its words
    (``[]``: none): past an object ("it", "this approach", "the resulting loss"), "as" (which "refer to"
    and "denote" need) and "the"; at most :data:`_NAMED_WORDS` words, up to punctuation or a stop word.
    A determiner with no name after its describing head is the name's own ("termed the mirror loss");
    after "this" or "these", the words from the head are a name too ("this model stitching").
    """
    words: list[tuple[str, int, int]] = []  # the next few words: (lower-cased word, its end, its start)
    at = pos
    while len(words) < 8:
        m = _ANY_WORD.match(text, at, end)
        if m is None:
            break
        words.append((m.group(1).lower(), m.end(), m.start(1)))
        at = m.end()
    k = 0
    if needs_as and words[:1] and words[0][0] == "to":  # "refer to"
        k = 1
    article = -1  # where the name starts when the determiner is its own
    if k < len(words) and words[k][0] in _PRONOUNS:
        k += 1
    elif k < len(words) and words[k][0] in _DETERMINERS:
        k += 1
        article = k
        # a describing head within three words is passed ("this approach", "the resulting loss", "our
        # merging procedure"); without one, "the" and "our" take one word ("the method")
        head = next((j for j in range(k, min(k + 3, len(words))) if words[j][0] in _NAMED_HEADS), None)
        while head is not None and head + 1 < len(words) and words[head + 1][0] in _NAMED_HEADS:
            head += 1
        if head is not None:
            k = head + 1
        elif (coined := _coined_after_object(text, words, k)) is not None:
            k = coined  # "we call the combined two-stream descriptor Zorbel": the object's words, then the name
        elif words[k - 1][0] in ("the", "our") and k < len(words):
            k += 1
    if k < len(words) and words[k][0] == "as":
        k += 1
    elif needs_as:
        return []
    if k < len(words) and words[k][0] == "the":  # "we call it the mirror loss"
        k += 1
    at = words[k - 1][1] if k else pos
    found = _name_words(text, at + 1 if text.startswith(",", at) else at, end)  # "we call this network, X"
    after_article = _name_words(text, words[article - 1][1], end) if 0 < article < k else []
    if not found:
        return [after_article] if after_article and not needs_as else []
    # (not past "as": "we refer to this pipeline as X" names X, and "pipeline" is no name given)
    return [found, after_article] if after_article and words[article - 1][0] in ("this", "these") \
        and words[k - 1][0] != "as" else [found]


#: the most words of an object a naming verb passes before a capitalised or coined name ("we name the deployed
#: student Zorbel", "we call the combined two-stream descriptor Zorbel")
_OBJECT_WORDS = 4


def _coined_after_object(text: str, words: list[tuple[str, int, int]], k: int) -> int | None:
    """Where an object that a determiner opens (``words[k - 1]``) ends, when a few lower-case words
    (:data:`_OBJECT_WORDS` at most, no stop word, none a name's shape) lead to a capitalised or coined word: that
    word opens the name the verb gives ("we name the deployed student Zorbel"); ``None`` otherwise. A name or
    count modifying the object's lower-case head is the object's ("we name the PPO-trained manager Zorbel",
    "we call the 30-layer model Zorb-30").
    """
    for j in range(k, min(k + _OBJECT_WORDS + 1, len(words))):
        word = text[words[j][2]:words[j][1]]
        if word[:1].isupper() or shape_score(word):
            if j > k and text[words[j - 1][2]:words[j - 1][1]].islower():
                return j
            if j + 1 < len(words) and text[words[j + 1][2]:words[j + 1][1]].islower() \
                    and words[j + 1][0] not in _NAME_STOP:
                continue  # a name modifying the object's lower-case head: "the PPO-trained manager Zorbel"
            return None
        if words[j][0] in _NAME_STOP or not word.islower():
            return None
    return None


def _name_words(text: str, at: int, end: int) -> list[tuple[int, int]]:
    """The spans of the words of a name from ``at``: at most :data:`_NAMED_WORDS`, up to
    punctuation or a stop word.
    """
    out: list[tuple[int, int]] = []
    while len(out) < _NAMED_WORDS:
        m = _NAME_WORD.match(text, at, end)
        if m is None or m.group(1).lower() in _NAME_STOP:
            break
        out.append((m.start(1), m.end(1)))
        at = m.end()
        if m.group(2):
            break  # punctuation ends the name
    return out


_SEGMENT_BREAK = re.compile(r"\s*(?:[:;,?!—–()]|\s-\s)\s*|(?<!\S)(?:via|for|with|in|of|on|to|from|towards?|by|using|"
                            r"through|beyond|without|under|and|is|are|as|at)(?!\S)", re.I)
_LEADING = re.compile(r"^(?:(?:a|an|the|on|towards?|learning|learn|improving|rethinking|revisiting|scaling|"
                      r"understanding|efficient|simple|fast)\s+)+", re.I)

#: a gerund opening a title's phrase, what the paper does to the name after it: "Distilling Zorb Networks",
#: "Co-Optimizing Zorb Caches", "Fine-tuning Quill Networks"
_GERUND_LEAD = re.compile(r"[A-Z](?:[a-z]*-[A-Za-z])?[a-z]{2,}ing\s+(?=[A-Z])")


def title_segment_candidates(text: str, title_end: int) -> Iterator[Candidate]:
    """Phrases of the title between connectives ("Layer Normalization", "Deep Residual Learning"),
    and the same phrases wherever the abstract repeats them in any case: a paper often names
    its method by its title.
    """
    title = text[:title_end]
    lowered = text.lower()
    pos = 0
    for m in [*_SEGMENT_BREAK.finditer(title), None]:
        end = m.start() if m else len(title)
        raw = title[pos:end]
        seg_start = pos + (len(raw) - len(raw.lstrip()))
        pos = m.end() if m else len(title)
        seg = raw.strip()
        lead = _LEADING.match(seg) or _GERUND_LEAD.match(seg)
        if lead and len(seg[lead.end():].split()) >= 2:
            seg_start += lead.end()
            seg = seg[lead.end():]
        words = seg.split()
        if len(words) == 2 and verb_opening(words[0]):
            continue  # "Rethinking Quill", "Distilling Zorb": what the paper does to the one name after the verb
        if not 2 <= len(words) <= 5 or m is not None and m.group().strip() == ":" and genre_phrase(seg):
            continue  # (too short or long for a phrase's name; "Lessons Learned: …": what the paper is)
        yield Candidate(seg_start, seg_start + len(seg), seg, "titleseg")
        needle = seg.lower()
        at = lowered.find(needle, title_end)
        while at >= 0:
            end_at = at + len(needle)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end_at >= len(text) or not lowered[end_at].isalnum()):
                yield Candidate(at, end_at, text[at:end_at], "titleseg")
            at = lowered.find(needle, end_at)


#: a title phrase that says what kind of writing the paper is, not what it makes ("Lessons Learned: …",
#: "Best Practices: …", "Reality Check: …", "…: A Case Study", "Pitfalls and Opportunities"): no name
_GENRE_PHRASE = re.compile(
    r"(?i)(?:(?:a|an|the|some|our|\d+)\s+)?(?:[a-z]+(?:-[a-z]+)?\s+)??"
    r"(?:case\s+stud(?:y|ies)|lessons(?:\s+learn(?:ed|t))?|(?:best|good|recommended)\s+practices?|"
    r"reality\s+checks?|sanity\s+checks?|pitfalls|insights|challenges|opportunities|guidelines|recommendations|"
    r"considerations|reflections|retrospective|experiences|observations|findings|myths|open\s+(?:problems|questions)|"
    r"(?:future|research)\s+directions|roadmap|outlook)"
    r"(?:\s+(?:and|&)\s+(?:[a-z]+\s+)?(?:challenges|opportunities|pitfalls|lessons|insights|directions|"
    r"recommendations|findings|practices))?")


def genre_phrase(phrase: str) -> bool:
    """Whether a title's phrase names the kind of writing the paper is (:data:`_GENRE_PHRASE`):
    "Lessons Learned", "A Case Study", "Best Practices", "Reality Check".

    >>> genre_phrase("Lessons Learned"), genre_phrase("A Case Study"), genre_phrase("Quill Networks")
    (True, True, False)
    """
    return _GENRE_PHRASE.fullmatch(phrase.strip()) is not None


_HEAD_CONNECTOR = re.compile(r"^(?:and|&|of|v\d+(?:\.\d+)*)$")


#: a family a title names after its colon: "…: The Zorb Family", "…: the Zorb Model Series"
_FAMILY_SUBTITLE = re.compile(r":\s+(?:The|the)\s+([A-Z][\w+.\-]*[\w+])(?:\s+(?:Model|Language Model)s?)?\s+"
                              r"(?:Family|Series|Suite)\s*$")


#: capitalised words inside a title's head that make it a phrase about the work rather than a name
_SLOGAN_WORDS = frozenset("after before with without meets meet versus vs vs. beyond against under through is are "
                          "via from".split())


#: a title head that is an article, a name and the kind of collection it is: "The Zorb Benchmark"
_ARTICLE_NAME_KIND = re.compile(r"(?:The|A|An)\s+([A-Z][\w\-+.]*)\s+(?:Benchmark|Dataset|Corpus|Suite|Collection|"
                                r"Treebank|Challenge)")


def title_candidate(text: str, title_end: int, *, vote: float = 1.5) -> Candidate | None:
    """The name before a title's colon when it reads as a name (``IRCoder: …``), the family a subtitle
    names (``…: The Zorb Family``), or the whole title when it is one (``Graph Attention Networks``:
    :func:`~graphbuild.nlp.doc_context.title_name`).
    """
    title = text[:title_end]
    family = _FAMILY_SUBTITLE.search(title)
    if family is not None and not is_generic(family.group(1)):
        cand = Candidate(family.start(1), family.end(1), family.group(1), "title", strong=True, proposed=True)
        cand.vote("Model", vote)
        return cand
    if ":" not in title:
        word = _lone_title_word(text, title_end)
        if word is not None:
            cand = Candidate(word[0], word[1], title[word[0]:word[1]], "title", strong=True, proposed=True)
            cand.vote("Model", vote)  # a lone title word names an architecture or a model far more than a method
            return cand
        whole = title_name(title)
        if whole is None:
            return None
        cand = Candidate(whole[0], whole[1], title[whole[0]:whole[1]], "title", strong=True, proposed=True)
        t = head_type(title[:whole[1]].rsplit(None, 1)[-1])
        cand.vote(t if t in ("Model", "Method") else "Model", vote)  # "Nets", "Machines": architectures
        return cand
    head = title.split(":", 1)[0].strip()
    words = head.split()
    if not head or len(words) > 3 or is_generic(head) or genre_phrase(head):
        return None
    content = [w for w in words if not _HEAD_CONNECTOR.match(w)]
    if not content or len(content) < len(words) - 1 or len(words) > 1 and any(w[:1].islower() for w in content):
        return None  # "Transformers are SSMs": a sentence, not a name ("Mix and Match", "SPLADE v2" are)
    if any(w.lower() in _SLOGAN_WORDS for w in words[1:-1]):
        return None  # "Sycophancy After Alignment", "Zorbs Meet Quills": a phrase about the work, not a name
    if len(words) > 1 and (verb_opening(words[0]) or verb_closing(words[-1])):
        return None  # "Distilling Zorb", "Rethinking Quill-2", "Zorb Revisited": what the paper does to a name
    named = any(shape_score(_trim_adjective_suffix(w)) for w in content)
    # a plain capitalised head ("Gecko", "Future Lens") is a name when the abstract repeats it
    recurs = _repeated(head, text, title_end) or len(content) >= 2 and _repeated_caseless(head, text, title_end)
    subtitle = title.split(":", 1)[1]
    t = title_head_type(subtitle) if not subtitle.rstrip().endswith("?") else None  # "Does Your Model …?"
    # a one-word head is a name ("Quillfeather: …"), and so is a head whose subtitle says what kind of
    # artifact it is ("Mix and Match: A … Framework"), unless it names the paper's genre ("Position: …")
    alone = (len(words) == 1 or t is not None) and head.lower() not in _TITLE_GENRES
    kind = _ARTICLE_NAME_KIND.fullmatch(head)
    if kind is not None and _repeated(kind.group(1), text, title_end):
        # "The Zorb Benchmark: …" and "Zorb" in the abstract: the name is the word the article and the kind frame
        start = title.find(head) + kind.start(1)
        cand = Candidate(start, start + len(kind.group(1)), kind.group(1), "title", strong=True, proposed=True)
        cand.vote("Dataset", vote)
        return cand
    if not (named or recurs or alone):
        return None  # "Adapters Everywhere: A Study of …": a plain head the abstract never repeats is a slogan
    start = title.find(head)
    cand = Candidate(start, start + len(head), head, "title", strong=True)
    cand.proposed = True
    if t:
        cand.vote(t, vote)
    return cand


#: a title of one capitalised word, coined or plain ("Quillfeather", "ZorbNet-2"): the name of the paper's artifact
_LONE_TITLE_WORD = re.compile(r"\s*([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)\s*")


def _lone_title_word(text: str, title_end: int) -> tuple[int, int] | None:
    """The span of a title that is one capitalised word and nothing else, as the classics title a model
    ("Quillfeather"), when the word is coined in shape ("ZorbNet-2") or the abstract names it again
    ("Quillfeather reaches …"); ``None`` for a common word (one the abstract also writes in lower case, a
    stop word, a generic term or a verb: "Dropout", "Revisited"), and for a plain word the abstract never
    repeats ("Fine": no dictionary here tells it from a coined "Quillfeather").
    """
    m = _LONE_TITLE_WORD.fullmatch(text, 0, title_end)
    if m is None:
        return None
    word = m.group(1)
    if len(word) < 3 or word.lower() in STOP_WORDS or is_generic(word) or verb_opening(word) \
            or _repeated(word.lower(), text, title_end):
        return None
    return m.span(1) if shape_score(word) or _repeated(word, text, title_end) else None


def _repeated_caseless(name: str, text: str, title_end: int) -> bool:
    """Whether the abstract writes ``name`` as whole words in any case ("Quill labeling is …" after a
    title's "Quill Labeling: …"), not as a survey's topic (a title that says survey or review).
    """
    if SURVEY_TITLE.search(text, 0, title_end):
        return False
    return _repeated(name.lower(), text.lower(), title_end)


def _repeated(name: str, text: str, title_end: int) -> bool:
    r"""Whether the abstract (``text`` past ``title_end``) writes ``name`` as whole words.

    The same as ``re.search(r"\b" + re.escape(name) + r"\b", text[title_end:])`` without compiling a pattern
    for each title: each place ``name`` occurs is tested for a word boundary (``\b``: a word character on
    one side only) at both its ends, the start of the abstract counting as no word character.
    """
    if not name:
        return re.search(r"\b\b", text[title_end:]) is not None
    start = slice(title_end, None).indices(len(text))[0]  # where text[title_end:] starts
    first = name[0].isalnum() or name[0] == "_"  # (\w of re, for one character)
    last = name[-1].isalnum() or name[-1] == "_"
    size = len(text)
    at = text.find(name, start)
    while at >= 0:
        end = at + len(name)
        if (at > start and (text[at - 1].isalnum() or text[at - 1] == "_")) != first \
                and (end < size and (text[end].isalnum() or text[end] == "_")) != last:
            return True
        at = text.find(name, at + 1)
    return False


#: one-word title heads that name a paper's genre or venue track, not an artifact ("Position: …")
_TITLE_GENRES = frozenset("position survey review overview tutorial primer perspective perspectives commentary "
                          "editorial erratum corrigendum correction retraction abstract poster demo keynote invited "
                          "report preprint note reply response rebuttal viewpoint opinion introduction".split())
#: siblings a title head lists: "Quokka-S and Quokka-M", "Quokka-7B, Quokka-13B and Quokka-70B"
_SIBLING_LIST = re.compile(r",\s+(?:and\s+)?|\s+(?:and|&)\s+")


def title_siblings(cand: Candidate) -> list[Candidate]:
    """The models a title head lists as sizes of one family ("Quokka-S and Quokka-M: …"), one candidate
    each with the head's evidence, or the head alone when it names one thing ("Mix and Match").
    """
    spans = _split_spans(_SIBLING_LIST, cand.text, 0, len(cand.text))
    parts = [cand.text[a:b] for a, b in spans]
    stems = {m.group(1) if m else None for m in map(FAMILY_STEM.match, parts)}
    if len(parts) < 2 or len(stems) != 1 or None in stems:
        return [cand]
    return [Candidate(cand.start + a, cand.start + b, part, cand.source, strong=cand.strong, proposed=cand.proposed,
                      votes=dict(cand.votes)) for (a, b), part in zip(spans, parts)]


_TITLE_BREAK = re.compile(r"(?<!\S)(?:via|for|with|in|of|on|to|from|towards?|by|using|through|beyond|without|"
                          r"under)(?!\S)", re.I)


def title_head_type(subtitle: str) -> str | None:
    """The type named by the head of a subtitle's first noun phrase.

    >>> title_head_type("Low-bit Diffusion Model Quantization via Selective Finetuning")
    'Method'
    >>> title_head_type("An Efficient Decoder Transformer for Visual Place Recognition")
    'Model'
    """
    phrases = [p for p in _TITLE_BREAK.split(subtitle) if p.strip()]
    if not phrases:
        return None
    # the head of the first noun phrase ("Towards Efficient X with Y": of "Efficient X")
    for word in reversed(re.findall(r"[A-Za-z]+", phrases[0])):
        t = head_type(word)
        if t in ("Model", "Dataset", "Method"):
            return t
    return None


#: the proposers of capitalised runs, which may take two names written side by side for one
_RUN_SOURCES = frozenset(("titlecase", "caprun"))


def glued_runs(cands: list[Candidate]) -> set[tuple[int, int]]:
    """The spans of capitalised runs that are names side by side, not one name: a name the gazetteer
    knows, then, after one space each, names it knows or coined names ("ResNet-50 SimCLR",
    "BERT QuillNet"), or a metric it knows and the value reported for it ("PSNR 29.4"); a run the
    gazetteer knows as a whole ("MS MARCO") is one name.
    """
    known = {(c.start, c.end) for c in cands if c.source == "gazetteer"}
    if not known:
        return set()
    metrics = {(c.start, c.end) for c in cands if c.source == "gazetteer" and c.type == "Metric"}
    parts = known | {(c.start, c.end) for c in cands if c.source == "shape" and c.strong}
    ends_of: dict[int, list[int]] = {}  # a part's start -> the ends of the parts starting there
    for s, e in parts:
        ends_of.setdefault(s, []).append(e)
    glued = set()
    for c in cands:
        span = (c.start, c.end)
        if c.source not in _RUN_SOURCES or span in known or span in glued:
            continue
        # the ends reachable from the run's start by a known name, then names one space apart
        reach = {e for e in ends_of.get(c.start, ()) if (c.start, e) in known and e < c.end}
        if metrics and any((c.start, e) in metrics and _VALUE.fullmatch(c.text, e - c.start) for e in reach):
            glued.add(span)  # "PSNR 29.4": a metric and its value
            continue
        while reach and c.end not in reach:
            reach = {e for at in reach for e in ends_of.get(at + 1, ()) if e <= c.end and c.text[at - c.start] == " "}
        if c.end in reach:
            glued.add(span)
    return glued


#: a value reported after a metric's name ("PSNR 29.4", "BLEU 31", "accuracy 87.2%")
_VALUE = re.compile(r" \d+(?:\.\d+)?%?")


def joined_runs(cands: list[Candidate]) -> set[tuple[int, int]]:
    """The spans of capitalised runs that join names by a word a run may cross (:data:`_JOINING_WORD`:
    "CIFAR-10N and Clothing1M with WideResNet-28-10", "NAO on Penn Treebank", "LSUN Bedroom with StyleGAN2"),
    each side of each joining word a name on its own: one the gazetteer knows, a coined name's shape, an
    acronym or a short form the text defines, the names tiling the run. Plain words beside a joining word
    ("Mixture of Experts", "Mixture of LoRA Experts", "Listen, Attend and Spell") and a run the gazetteer
    knows as a whole ("Tree of Thoughts") stay runs. The spans are kept as candidates (their features are
    what the decision learned from) and marked never to be a mention (:attr:`Candidate.joins_names`).
    """
    runs = [c for c in cands if c.source in _RUN_SOURCES and _JOINING_WORD.search(c.text)]
    if not runs:
        return set()
    known = {(c.start, c.end) for c in cands if c.source == "gazetteer"}
    ends_of: dict[int, list[int]] = {}  # a name's start -> the ends of the names starting there
    for c in cands:
        if c.source == "gazetteer" or c.source == "shape" and c.strong or c.source in _JOINED_SOURCES:
            ends_of.setdefault(c.start, []).append(c.end)
    joined = set()
    for c in runs:
        span = (c.start, c.end)
        if span in known or span in joined:
            continue
        # the ends reachable from the run's start by names, each after a space or a joining word (with
        # whether a joining word was crossed)
        reach = {(e, False) for e in ends_of.get(c.start, ()) if e < c.end}
        while reach and (c.end, True) not in reach:
            step: set[tuple[int, bool]] = set()
            for at, crossed in reach:
                step.update((e, crossed) for e in ends_of.get(at + 1, ()) if e <= c.end and c.text[at - c.start] == " ")
                joint = _JOINING_WORD.match(c.text, at - c.start)
                if joint is not None:
                    step.update((e, True) for e in ends_of.get(c.start + joint.end(), ()) if e <= c.end)
            reach = step
        if (c.end, True) in reach:
            joined.add(span)
    return joined


#: a word a capitalised run crosses between two names (:data:`_BROAD_RUN`'s joining words but "the")
_JOINING_WORD = re.compile(r" (?:and|&|with|on|in|of|for|to|from) ")
#: the proposers of a name on its own beside a joining word besides the gazetteer's and strong shapes: a
#: token shaped like a name ("NAO") or a short form the text defines
_JOINED_SOURCES = frozenset(("acronym", "abbrev-short"))


# ---------------------------------------------------------------- component

@Language.factory("graphbuild_patterns", assigns=["doc._.gb_candidates"],
                  requires=["doc._.gb_sents", "doc._.gb_title_end"],
                  default_config={"dataset_cue_vote": 2.0, "eponym_vote": 1.5, "title_vote": 1.5})
def make_patterns(nlp: Language, name: str, dataset_cue_vote: float, eponym_vote: float, title_vote: float):
    """Name-shaped tokens, capitalised runs, naming cues and the title's name.

    Parameters
    ----------
    dataset_cue_vote : the Dataset vote of a name after "we release / construct / curate the".
    eponym_vote : the Method vote of a method named after a person ("a Kalman filter").
    title_vote : the vote for the type the subtitle's head names, given to the name before a title's colon.
    """

    @guarded(name)
    def patterns(doc: Doc) -> Doc:
        text = doc_text(doc)
        ext = doc._
        sents = ext.gb_sents
        if sents is None:
            sents = split_sentences(text)
        title_end = ext.gb_title_end
        if title_end < 0:
            title_end = len(text)
        out = candidates(doc)
        out.extend(shape_candidates(text, title_end, sents))
        known = frozenset((c.start, c.end) for c in out if c.source == "gazetteer")
        out.extend(cue_candidates(text, sents, dataset_vote=dataset_cue_vote, known=known))
        out.extend(eponym_candidates(text, title_end, vote=eponym_vote))
        out.extend(capword_candidates(text, title_end, sents))
        out.extend(title_segment_candidates(text, title_end))
        out.extend(lower_cue_candidates(text, sents))
        out.extend(proposal_candidates(text, title_end, sents))
        out.extend(part_candidates(text, title_end))
        out.extend(year_candidates(text, title_end))
        out.extend(sized_candidates(text, title_end))
        out.extend(tuned_variant_candidates(text, title_end))
        out.extend(listed_candidates(text, title_end, sents))
        out.extend(passive_candidates(text, title_end, sents))
        out.extend(component_candidates(text, title_end, sents))
        out.extend(released_candidates(text, title_end, sents))
        out.extend(titled_kind_candidates(text, title_end))
        title = title_candidate(text, title_end, vote=title_vote)
        if title is not None:
            out.extend(title_siblings(title))
        glued = glued_runs(out)
        if glued:
            out[:] = [c for c in out if c.source not in _RUN_SOURCES or (c.start, c.end) not in glued]
        joined = joined_runs(out)
        for c in out if joined else ():
            c.joins_names = c.source in _RUN_SOURCES and (c.start, c.end) in joined
        return doc

    return patterns
