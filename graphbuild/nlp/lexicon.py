"""Word lists and small text helpers shared by the pipeline components.

Everything here is data or a pure function; the lists are the cue words of
ANNOTATION.md's roles and types (written for graphbuild, not learned).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from ..records import name_key
from ..resources import data_path

__all__ = [
    "whole_occurrences",
    "LIKENED_AFTER",
    "MADE_AFTER",
    "made_phrase",
    "family_stems",
    "PROPOSAL_VERBS",
    "INTRODUCING_VERBS",
    "DATA_SPLIT_WORDS",
    "NAMING_VERBS",
    "DONE_WITH",
    "DONE_WITH_BEFORE",
    "PRESENTING_VERBS",
    "MAKING_VERBS",
    "KIND_AFTER",
    "COMPARISON_WORDS",
    "COMPARISON",
    "COMPARISON_NO_CONTRAST",
    "COMPARISON_ENDS",
    "SURVEY_TITLE",
    "COMPARISON_TITLE",
    "split_sentences",
    "generic_keys",
    "is_generic",
    "is_generic_model",
    "TYPE_HEADS",
    "COLLECTION_HEADS",
    "NAMES_LISTED_UP_TO",
    "ARTIFACT_KINDS",
    "AUTHORING_VERBS",
    "MADE_KIND_NAMED",
    "head_type",
    "modified_head_type",
    "subject_after_comma",
    "word_alternation",
    "alternation",
    "Occurrences",
    "occurrences",
    "occurs_within",
    "matches_from",
    "matches_at",
    "literal_starts",
]

# ---------------------------------------------------------------- sentences

_ABBREV_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Tab|No|approx|resp|al|Dr|Mr|Ms|Prof|St|Inc|Ltd|Jr|Sr)\."
    r"|\b[A-Z]\.)$"
)
#: a sentence's end: ".", "!" or "?", closing quotes or brackets, white space and a capital or digit
#: after it; or a blank line (one character class first, so that a search skips to those characters)
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=\n)\s*\n)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (title and abstract separated by a blank line).

    A rule-based splitter: a full stop, question or exclamation mark followed
    by white space and a capital or digit ends a sentence, unless it ends an
    abbreviation such as ``e.g.`` or ``et al.``; a blank line always does.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # (a closing quote or bracket after the full stop ends the sentence too: 'He said "X is good."')
        end = m.start() + len(m.group().rstrip()) if text[m.start()] in ".!?" else m.start()
        if text[m.start()] == "." and _ABBREV_END.search(text[max(start, m.start() - 8): m.start() + 1]):
            continue
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


#: the prepositions and conjunctions that open a sentence before a name ("Unlike X, …", "Beyond X, …")
_CLAUSE_OPENERS = frozenset(
    "Unlike Like Compared Beyond Despite Although Though While Whereas With Without From For Against Across "
    "Among Besides After Before Under Over Via Following Given Through Within Upon Since Because Whether "
    "Instead Thanks".split())
#: more of them, which the decision reads (:func:`opens_before_name`): "Below 500M parameters, …", "Using X and Y,
#: we …", "Inside X, …"
_MORE_OPENERS = frozenset("Below Above Inside Outside Toward Towards Beneath Using".split())
#: a capitalised participle of training that opens a sentence before the model it qualifies ("Fine-tuned X and Y
#: solve …", "Pretrained X reaches …", "Instruction-tuned X …")
_TRAINED_OPENING = re.compile(r"[A-Z][a-z]*(?:-[a-z]+)*-?(?:tuned|trained)|Tuned|Trained")


def opens_clause(word: str) -> bool:
    """A sentence's first word that opens a clause before the name it leads to: a preposition or conjunction
    ("Unlike X"), or a gerund ("Training X on …", "Applying X").
    """
    return word in _CLAUSE_OPENERS or len(word) > 5 and word.endswith("ing") and word[1:].islower()


def opens_before_name(word: str) -> bool:
    """A sentence's first word that is no part of the name after it: one that opens a clause (:func:`opens_clause`,
    or :data:`_MORE_OPENERS`) or a participle of training that qualifies the name ("Fine-tuned X",
    :data:`_TRAINED_OPENING`). (The capitalised-run proposer skips runs by :func:`opens_clause` alone, the test
    the weights were fit with; the decision drops the runs this test finds.)
    """
    return opens_clause(word) or word in _MORE_OPENERS or _TRAINED_OPENING.fullmatch(word) is not None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- fast regexes

def word_alternation(alternatives: str) -> str:
    r"""``\b(?:a|b|…)`` for a regex, written so that a search skips to the alternatives' first letters.

    Each alternative must start with a letter. ``\b`` is checked right after that
    letter, as "the character before it is not a word character": the same
    matches, but the pattern now starts with literal characters, which lets
    ``re`` scan for them instead of trying the pattern at every position.

    >>> import re
    >>> pattern = re.compile(word_alternation("call|called") + r"\s")
    >>> [m.group() for m in pattern.finditer("recall called call ")]
    ['called ', 'call ']

    Only the top-level alternatives are split: a group's inner ones stay as they are.

    >>> pattern = re.compile(word_alternation("quux|frob(?:s|bed) (?:to|with)"))
    >>> [m.group() for m in pattern.finditer("frobbed with, frobs to, quux")]
    ['frobbed with', 'frobs to', 'quux']
    """
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(alternatives):
        if ch == "(" and alternatives[k - 1:k] != "\\":
            depth += 1
        elif ch == ")" and alternatives[k - 1:k] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(alternatives[start:k])
            start = k + 1
    parts.append(alternatives[start:])
    return "(?:" + "|".join(f"{a[0]}(?<!\\w.){a[1:]}" for a in parts) + ")"


#: a word of machine learning (in lower case): a paper without any speaks of systems, theory or data, whose
#: names are mostly methods and data, seldom models, and whose acronyms seldom mean what an ML gazetteer says.
#: Whole words with their inflections only ("trained", "transformers", "fine-tuning"), never the opening of a
#: longer word: a name such as "Deep1B" or "TrainTicket" (lower-cased "deep1b", "trainticket") says nothing of
#: learning (word_alternation: a search skips to the words' first letters)
LEARNING_WORD = re.compile(word_alternation(r"neural|learn(?:s|t|ed|ing|ers?)?|train(?:s|ed|ing|able)?|"
                                            r"pre-?train(?:s|ed|ing|able)?|deep|transformers?|llms?|embeddings?|"
                                            r"classifiers?|fine-tun(?:e|es|ed|ing)|language models?|attention")
                           + r"\b")
#: the literals every match of ``LEARNING_WORD`` opens with (lower case): :func:`matches_from` tries the pattern
#: only where one occurs, where a search tries it at every "a", "e", "t", "n" … of the text
LEARNING_STARTS = ("neural", "learn", "train", "pretrain", "pre-train", "deep", "transformer", "llm", "embedding",
                   "classifier", "fine-tun", "language model", "attention")


#: where the literals a pattern needs occur in a text: (starts, ends), sorted by start
Occurrences = tuple[list[int], list[int]]


def occurrences(text: str, literals: tuple[str, ...]) -> Occurrences:
    """Every occurrence of every literal in ``text``, found once per document.

    With :func:`occurs_within`, a pattern that needs one of ``literals`` is
    searched only in the windows that hold one.

    >>> occ = occurrences("we propose X and present Y", ("propose", "present"))
    >>> occurs_within(occ, 0, 10), occurs_within(occ, 10, 20), occurs_within(occ, 10, 26)
    (True, False, True)
    """
    spans = []
    for lit in literals:
        at = text.find(lit)
        while at >= 0:
            spans.append((at, at + len(lit)))
            at = text.find(lit, at + 1)
    spans.sort()
    return [a for a, _ in spans], [b for _, b in spans]


def whole_occurrences(text: str, form: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    r"""The starts of ``form`` in ``text[start:end]`` that no word character or hyphen touches, read within those
    bounds (a character outside them touches nothing), left to right and not overlapping: the matches of
    ``re.finditer(rf"(?<![\w\-]){re.escape(form)}(?![\w\-])", text[start:end])``, offset by ``start``, without
    compiling a pattern for each form.

    >>> list(whole_occurrences("Zorb-2 and Zorb, Zorbel or Zorb", "Zorb"))
    [11, 27]
    >>> list(whole_occurrences("a b a b a", "a b a")), list(whole_occurrences("xZorb Zorb", "Zorb", 1))
    ([0], [1, 6])
    """
    if not form:
        return  # (no word of a name is empty)
    stop = len(text) if end is None else min(end, len(text))
    at = text.find(form, start, stop)
    while at >= 0:
        after = at + len(form)
        if not (at > start and _touches(text[at - 1])) and not (after < stop and _touches(text[after])):
            yield at
            at = text.find(form, after, stop)
        else:
            at = text.find(form, at + 1, stop)


def _touches(char: str) -> bool:
    r"""Whether ``char`` is a word character (``\w``) or a hyphen."""
    return char.isalnum() or char in "_-"


def occurs_within(occ: Occurrences, lo: int, hi: int) -> bool:
    """Does an occurrence lie wholly within ``[lo, hi)``?"""
    starts, ends = occ
    for i in range(bisect_left(starts, lo), len(starts)):
        if starts[i] >= hi:
            return False
        if ends[i] <= hi:
            return True
    return False


def matches_from(pattern: re.Pattern[str], text: str, literals: tuple[str, ...]) -> Iterator[re.Match[str]]:
    r"""``pattern.finditer(text)`` for a pattern whose every match starts with one of ``literals``.

    The pattern is tried only where a literal occurs (found by substring
    search), in order, skipping what a previous match covered: the same
    leftmost, non-overlapping matches as the scan of the whole text, for a
    pattern that never matches the empty string.

    >>> pattern = re.compile(word_alternation("dubbed|named") + r" (\w+)")
    >>> [m.group(1) for m in matches_from(pattern, "a model dubbed X, renamed Y, named Z", ("dubbed", "named"))]
    ['X', 'Z']
    """
    return matches_at(pattern, text, literal_starts(text, literals))


def literal_starts(text: str, literals: tuple[str, ...]) -> list[int]:
    """Where any of ``literals`` occurs in ``text``, each place once, in order (for :func:`matches_at`: found once
    for several patterns whose matches start with the same literals).

    >>> literal_starts("We saw that we, and this", ("We", "we", "this"))
    [0, 12, 20]
    """
    starts: set[int] = set()  # (only the starts: no spans made and sorted, as occurrences makes them)
    find = text.find
    for lit in literals:
        at = find(lit)
        while at >= 0:
            starts.add(at)
            at = find(lit, at + 1)
    return sorted(starts)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """:func:`matches_from` with the literals' places found already (:func:`literal_starts`)."""
    end = 0
    for at in starts:
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            end = m.end()
            yield m


# ---------------------------------------------------------------- generic words

def _listed_keys(lines: Iterable[str]) -> frozenset[str]:
    """The name keys of a list's lines, one name a line; blank lines and ``#`` comments skipped."""
    names = (line.strip() for line in lines)
    return frozenset(name_key(n) for n in names if n and not n.startswith("#"))


@lru_cache(maxsize=4)
def _load_generic(path: str) -> frozenset[str]:
    return _listed_keys(Path(path).read_text(encoding="utf-8").splitlines())


def _generic_part(heading: str) -> frozenset[str]:
    """Name keys of the part of the generic list whose heading line (after "# --- ") opens with ``heading``."""
    text = data_path("generic.txt").read_text(encoding="utf-8")
    part = next(p for p in text.split("\n# --- ")[1:] if p.startswith(heading))
    return _listed_keys(part.splitlines()[1:])  # (the heading's line, then the part's names)


@lru_cache(maxsize=1)
def plain_words() -> frozenset[str]:
    """Ordinary English words, in lower case: the words scientific prose writes in lower case
    (``data/plain_words.txt``, built by ``data/plain_words.py`` from abstracts): "massive", "draft", "joint".
    A word in capitals that is one of them may be no name at all ("MASSIVE" is no MassIVE).
    """
    text = data_path("plain_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@lru_cache(maxsize=1)
def generic_model_keys() -> frozenset[str]:
    """Name keys of the generic list's first part, the words for kinds of model and fields ("Transformer",
    "Graph Neural Networks", "CNN"), without hardware, tools, organisations and venues.
    """
    return _generic_part("generic model")


@lru_cache(maxsize=1)
def organisation_keys() -> frozenset[str]:
    """Name keys of the generic list's organisations, venues and places ("Google", "Meta", "NVIDIA"): the
    makers a name may be written after ("Meta Llama 3", "NVIDIA H100").
    """
    return _generic_part("organisations")


@lru_cache(maxsize=10_000)
def is_generic_model(name: str) -> bool:
    """Whether ``name`` is a generic word for a kind of model (:func:`generic_model_keys`), in the singular
    or plural, after a modifier any generic name takes ("Vanilla Transformer"); hardware, tools and venues
    are generic (:func:`is_generic`) but no such word.
    """
    first, space, rest = name.partition(" ")
    key = name_key(rest if space and first.lower() in GENERIC_MODIFIERS else name)
    keys = generic_model_keys()
    return key in keys or key.endswith("s") and key[:-1] in keys


@lru_cache(maxsize=1)
def generic_keys() -> frozenset[str]:
    """Name keys of generic words (LLM, GPU, PyTorch, NeurIPS, …): evidence against a name (the decision
    weighs it), neutral to the scorer.
    """
    return _load_generic(str(data_path("generic.txt")))


@lru_cache(maxsize=100_000)
def is_generic(name: str) -> bool:
    """Whether ``name`` is a generic term rather than the name of a particular entity."""
    key = name_key(name)
    if not key:
        return True
    if name.endswith(_SIZE_S_ENDS) and _SIZE_S.search(name):
        return False  # a size ("ZorbNet-S"), whose key is that of a plural ("ZorbNets")
    keys = generic_keys()
    if key in keys:
        return True
    # plural of a generic acronym or word ("CNNs", "Transformers")
    if key.endswith("s") and key[:-1] in keys:
        return True
    # a generic name after a modifier any such name takes ("Deep Convolutional Neural Networks", "Large Transformer")
    first, space, rest = name.partition(" ")
    if space and first.lower() in GENERIC_MODIFIERS and is_generic(rest):
        return True
    # a property named by what it is not ("non-IID", "non-Lipschitz"): an adjective, no artifact
    if name.startswith("non-") and name[4:5].isupper() and " " not in name:
        return True
    if is_formula(name):
        return True  # a compound ("LiFePO4", "MoS2"): what a materials paper studies, no artifact
    # (each of the three patterns below is tried only where its every match can start or be: the first two
    # need a digit, which a name of letters alone lacks, the third one of the first letters of its names)
    digit = not name.isalpha() and any(map(str.isdecimal, name))  # (``\d`` matches what ``isdecimal`` accepts)
    if digit and _REGISTRATION.fullmatch(name):
        return True  # a trial's or a review's registration number ("NCT04213456")
    if digit and _SKY_OBJECT.fullmatch(name):
        return True  # a star, planet, galaxy or event ("WASP-39b", "NGC 1068", "GW150914"): what is observed
    if name[:1] in _LICENCE_FIRST and _LICENCE.fullmatch(name):
        return True  # a licence ("CC BY-NC 4.0", "BY-SA", "Apache-2.0", "GPLv3"): what a release is put under
    # a generic name with a year ("NeurIPS 2023", "SaTML'24")
    # (every match ends in a digit, at the end or before a final line break)
    year = _YEAR_AFTER.search(name) if name[-1:].isdigit() or name[-1:] == "\n" else None
    if year is not None and year.start() > 0 and name_key(name[:year.start()]) in keys:
        return True
    if " " in name and all(w in _LANGUAGE_WORDS for w in _SPACED_PARTS.split(name)):
        return True  # languages side by side ("Guarani-Spanish Jopara", "Hindi English"): a mix or pair of them
    # generic words joined by a hyphen or a slash ("CPU-GPU", "GPU/TPU")
    if "-" not in name and "/" not in name:
        return False  # (one part)
    parts = _JOINED_PARTS.split(name)
    return len(parts) > 1 and all(is_generic(p) for p in parts if p)


_JOINED_PARTS = re.compile(r"[\-/]")
#: what separates the words of a name written with spaces, hyphens or slashes
_SPACED_PARTS = re.compile(r"[\s\-/]+")
#: the registration number of a clinical trial or a systematic review (ClinicalTrials.gov, ISRCTN, PROSPERO,
#: ChiCTR, DRKS, ANZCTR, EudraCT)
_REGISTRATION = re.compile(r"NCT\d{8}|ISRCTN\d{8}|CRD\d{11}|ChiCTR-?[A-Z]{0,4}-?\d{6,}|DRKS\d{8}|ACTRN\d{14}|"
                           r"\d{4}-\d{6}-\d{2}")
#: the designation of an object in the sky or an event: an exoplanet of a survey's star ("WASP-39b", "HD 209458b",
#: "TRAPPIST-1e"; a planet's letter, not a size's "b" after a bare number), a catalogue's object ("NGC 1068",
#: "PSR J0437-4715", "3C 273"), a transient ("GW150914", "GRB 221009A", "SN 1987A", "FRB 20200120E") or sky
#: coordinates ("J0437-4715")
_SKY_OBJECT = re.compile(
    r"(?:WASP|HAT-P|HATS|KELT|TrES|XO|CoRoT|Kepler|K2|KOI|TOI|TIC|TRAPPIST|GJ|Gliese|HD|HIP|LHS|LTT|Qatar|"
    r"Proxima Centauri|Ross|Wolf|LP)[- ]?\d+(?:-\d+)?\s?[b-i]|"
    r"(?:NGC|IC|UGC|PGC|HD|HIP|HR|PSR|3C|4C|QSO|SDSS|2MASS|Sgr|SGR|Cyg|Cen|Cas)\s?[JB]?\d{3,}(?:[.+\-−]\d+)*[A-Za-z]?|"
    r"(?:GW|GRB|SN|FRB|AT|XRF)\s?\d{6,8}[A-Za-z]{0,3}|SN\s?\d{4}[A-Za-z]{1,3}|"
    r"[JB]\d{4}(?:\.\d+)?[+\-−]\d{2,4}(?:\.\d+)?")
#: a licence by its short name and version: Creative Commons' ("CC BY 4.0", "CC BY-NC-SA 4.0", "BY-NC", "CC0"),
#: the software licences' ("Apache 2.0", "Apache-2.0", "GPLv3", "GPL-3.0", "LGPL-2.1", "MPL 2.0", "BSD-3-Clause")
#: and the model licences' ("OpenRAIL-M", "CreativeML OpenRAIL-M")
_LICENCE = re.compile(r"(?:CC[\- ]?BY|BY)(?:-(?:NC|SA|ND))*(?:[\- ]\d\.\d)?(?<!^BY)|CC0(?:[\- ]1\.0)?|"
                      r"(?:Apache|A?GPL|LGPL|MPL|EPL)(?:[\- ]?v?\d(?:\.\d)?(?:-only|-or-later|\+)?)|"
                      r"BSD[\- ][234][\- ][Cc]lause|(?:CreativeML[\- ])?OpenRAIL(?:-[A-Z]{1,2})?|RAIL-[A-Z]{1,2}")
#: the letters every match of ``_LICENCE`` opens with (of "CC BY", "BY", "CC0", "Apache", "GPL", "AGPL", "LGPL", "MPL",
#: "EPL", "BSD", "CreativeML", "OpenRAIL", "RAIL"): a cheap test before it
_LICENCE_FIRST = frozenset("ABCEGLMOR")
#: the characters of the scripts written without spaces between words (Chinese, Japanese, Korean), their
#: punctuation and half-width forms: a regular expression's character class, without the brackets
SPACELESS_SCRIPTS = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
#: the chemical elements a compound's formula is written with (the superheavy ones, never in a compound a
#: paper names, left out: "Lv" would make "OWLv2" a formula)
ELEMENTS = frozenset("""H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se
    Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf
    Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am""".split())
#: a word of element symbols with their counts ("LiFePO4"); :func:`is_formula` checks the symbols
_FORMULA = re.compile(r"(?:[A-Z][a-z]?(?:\d+(?:\.\d+)?|[xyzδ])?)+(?P<charge>[+\-−])?")
_FORMULA_PART = re.compile(r"([A-Z][a-z]?)([xyzδ]|\d*(?:\.\d+)?)")


#: a gene's or a protein's symbol: capitals and digits, perhaps a hyphen ("TP53", "CDKN2A", "IL-6", "NRF2")
_SYMBOL = re.compile(r"[A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{1,3})?")
#: the gap between listed gene symbols (``LIST_GAP`` with "and" and "or" only, and no space before a comma)
_GENE_GAP = r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
#: names listed with the one a cue speaks of ("ARID1A and KMT2D", "TP53, KRAS or EGFR")
_LISTED = rf"(?:{_GENE_GAP}[A-Z][\w\-]*)*"
#: what is said of a gene after its symbol (or after a list of them): "CDKN2A deletion", "TP53 and KRAS mutations",
#: "KRAS-mutant"; not "cells" ("LSTM cells") nor "protein" ("AlphaFold protein structures")
_GENE_AFTER = re.compile(_LISTED + r"(?:\s+(?:genes?|mutations?|mutants?|mutated|expression|deletions?|"
                         r"amplifications?|knock(?:down|out)s?|overexpression|transcripts?|alleles?|locus|loci|"
                         r"copy\s+numbers?|inhibitors?|signall?ing|pathways?|kinases?|receptors?|promoters?)|"
                         r"-(?:mutant|mutated|positive|negative|deficient|knockout|null|expressing|amplified))\b")
#: ... and before it: "mutations in ARID1A and KMT2D", "expression of SLC7A11", "Knockdown of NRF2", "an eQTL at
#: CD14"; or given as an example of markers or genes: "markers such as CD68 and LGALS3", "genes, notably FOXP3"
_GENE_BEFORE = re.compile(r"\b(?:(?i:mutations|mutated|expression|overexpression|knock(?:down|out)|deletions?|"
                          r"amplification|silencing|polymorphisms?|alleles|e?QTLs?)\s+(?:in|of|at|near)\s+(?:the\s+)?|"
                          r"(?i:genes|markers|biomarkers|proteins)\s*,?\s+(?:such\s+as|notably|including|like)\s+)"
                          rf"(?:[A-Z][\w\-]*{_GENE_GAP})*$")
#: a part of each cue word of ``_GENE_BEFORE`` (lower case): a window holding none has no match
_GENE_CUE_PARTS = ("mutat", "express", "knock", "deletion", "amplification", "silencing", "polymorphism", "allele",
                   "qtl", "gene", "marker", "protein")


def _gene_cue_before(window: str) -> bool:
    """``_GENE_BEFORE.search(window) is not None``, tried only where the window holds a part of a cue word (most
    windows hold none, where the search would try its case-insensitive words at every word's start). The test
    reads the lower-cased window only when it is ASCII: case-insensitively "s" also matches "ſ" and "k" "K".
    """
    if window.isascii():
        low = window.lower()
        if not any(part in low for part in _GENE_CUE_PARTS):
            return False
    return _GENE_BEFORE.search(window) is not None


#: the words of a text on biology, which the gene cues above are read in ("mutations" alone is also a genetic
#: algorithm's)
_BIOLOGY = re.compile(r"\b(?i:genes?|genom\w*|tumou?rs?|cancers?|proteins?|cell\s+lines?|[DR]NA|transcriptom\w*|"
                      r"oncogen\w*|patients?)\b")


#: a surname: a capital, then lower-case letters, an apostrophe or a hyphen ("Calonico", "Sant'Anna", "Lopez-Paz"),
#: perhaps after "Mac" or "Mc" ("MacKenzie")
_SURNAME = r"(?:Ma?c)?[A-Z][a-z]+(?:['’\-][A-Z]?[a-z]+)?"
_SURNAME_WORD = re.compile(_SURNAME)
#: authors named for their procedure: "the procedure of Calonico, Cattaneo and Titiunik", "the method of Abramitzky,
#: Boustan and Eriksson" (two or more surnames after a word for a procedure), or one surname that ends a clause
#: ("the occupancy model of MacKenzie.", "the frameworks of Deem, ...")
_AUTHORS_OF = re.compile(r"\b(?:procedure|method|approach|estimator|algorithm|test|bound|correction|criterion|"
                         r"bandwidths?|index|classification|definition|frameworks?|scheme|models?|specification|"
                         r"decomposition|weights|data|results)\s+(?:of|by)\s+"
                         rf"({_SURNAME}(?:,\s+{_SURNAME})*,?\s+(?:and|&)\s+{_SURNAME}\b|{_SURNAME}(?=\s*[,.;)]))")
#: what stands for the other authors after a surname: "Calonico et al.", "Chalkidis and colleagues"
_OTHER_AUTHORS = (" et al", " and colleagues", " and co-workers", " and coworkers")


#: how far from a surname the word for a procedure, or the end of its list of surnames, may stand
_AUTHORS_REACH = 200


def authors_named(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` is a surname the text names as an author: before "et al." or "and colleagues"
    ("Calonico et al."), in a list of surnames after a word for a procedure ("the procedure of Calonico, Cattaneo
    and Titiunik") or alone there at a clause's end ("the occupancy model of MacKenzie.").
    """
    name = text[start:end]
    if not _SURNAME_WORD.fullmatch(name):
        return False
    if any(name + others in text for others in _OTHER_AUTHORS):
        return True
    # (the list holds the name: it starts at most _AUTHORS_REACH before it and ends as far after it; a scan to
    # the text's end would make a long text's candidates quadratic)
    return any(m.start(1) <= start and end <= m.end(1)
               for m in _AUTHORS_OF.finditer(text, max(0, start - _AUTHORS_REACH), end + _AUTHORS_REACH))


def biological(text: str, start: int, end: int) -> bool:
    """Whether the symbol at ``start:end`` of a text on biology names a gene or a protein, by what the text says
    of it ("mutations in ARID1A and KMT2D", "CDKN2A deletion", "KRAS-mutant"): what a study measures, no artifact.
    """
    if not _SYMBOL.fullmatch(text, start, end):
        return False
    if not (_GENE_AFTER.match(text, end) or _gene_cue_before(text[max(0, start - 120):start])):
        return False
    return _BIOLOGY.search(text) is not None


#: a word listed right before or after a name (``_GENE_GAP`` between them): "Li2CO3 and", ", SO2"
_WORD_LISTED_BEFORE = re.compile(rf"([A-Z][A-Za-z0-9.]*){_GENE_GAP}$")
_WORD_LISTED_AFTER = re.compile(rf"{_GENE_GAP}([A-Z][A-Za-z0-9.]*)")
#: how far before a name a word listed with it is looked for
_LISTED_REACH = 40


def listed_formula(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is a compound's formula by the company it keeps: written in element
    symbols, listed beside another such word, one of the two with a count ("Li2CO3 and LiF", "CO2, H2O and
    SO2"): what a chemistry paper measures, no artifact. Alone, such words are also names of models ("CoCa",
    "CLIP"), and two of them without a count too ("CLIP and CoCa").
    """
    name = text[start:end]
    if not _element_word(name):
        return False
    before = _WORD_LISTED_BEFORE.search(text, max(0, start - _LISTED_REACH), start)
    after = _WORD_LISTED_AFTER.match(text, end)
    return any(m is not None and _element_word(m.group(1)) and _counted(name + m.group(1))
               for m in (before, after))


def _element_word(word: str) -> bool:
    """Whether ``word`` is written in two or more element symbols, with counts or none ("LiF", "H2O", "CoCa")."""
    if _FORMULA.fullmatch(word) is None:
        return False
    parts = _FORMULA_PART.findall(word)
    return len(parts) >= 2 and all(sym in ELEMENTS for sym, _ in parts)


def _counted(words: str) -> bool:
    """Whether ``words`` hold a digit (an element's count, in a formula)."""
    return any(ch.isdigit() for ch in words)


#: what a name is said to be when it names an instrument, a telescope or a satellite, or the data it takes, by the
#: word after it, perhaps after a word for how it senses ("the Zorb instrument", "Zorb-2 laser altimetry", "each new
#: Zorb-1 acquisition", "Zorb daytime imagery"; not "Zorb transcribes instruments")
_INSTRUMENT_AFTER = re.compile(r"\s+(?:(?:laser|radar|optical|infrared|thermal|multispectral|hyperspectral|daytime|"
                               r"night-time|nighttime|radio|space|ground-based)\s+)?(?:instruments?|telescopes?|"
                               r"spectrographs?|spectrometers?|radiometers?|satellites?|spacecraft|orbiters?|imagery|"
                               r"altimetry|acquisitions?)\b")
#: ... or the computing hardware a work runs on, by the device's noun after it (past other codes listed with it)
#: where that noun ends the phrase: "the Quarrel Q780 FPGA.", "a Brinell K42 microcontroller, where", "Tessaly TQ9
#: and TQ11 boards and", "a Vantor DX2 DSP through"; not "the Zorb GPU kernels" (a thing of the paper's, on a GPU)
_HARDWARE_AFTER = re.compile(r"(?:\s*,?\s+(?:and|or)\s+[A-Z0-9][\w\-]*|\s*,\s+[A-Z0-9][\w\-]*){0,3}"
                             r"\s+(?:FPGAs?|GPUs?|CPUs?|TPUs?|DSPs?|MCUs?|SoCs?|microcontrollers?|boards?)"
                             r"(?=\s*[,.;:)]|\s+(?:and|or|but|with|at|in|on|for|to|from|by|via|through|over|under|across|"
                             r"per|into|within|than|as|using|is|are|was|were|has|have|had|can|which|that|where|while|"
                             r"running|\d)\b)")
#: ... or by what comes before it: "instruments such as Zorb-N", "aboard the Zorb orbiter"
_INSTRUMENT_BEFORE = re.compile(r"(?:\b(?i:instruments|telescopes|satellites|spectrographs)\s*,?\s+(?:such\s+as|"
                                r"like|including)\s+|\baboard\s+)(?:the\s+)?$")
#: the head of an instrument's or an observatory's own name ("the Grand Austral Survey Telescope")
_INSTRUMENT_HEAD = re.compile(r"\s(?:Telescope|Observatory|Satellite|Spectrograph|Spectrometer|Orbiter|"
                              r"Spacecraft|Rover|Radiometer)$")


def instrumental(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` names an instrument, a telescope or a satellite (or the images it takes),
    by its head ("Grand Austral Survey Telescope") or by what the text says of it ("the Zorb instrument aboard",
    "Zorb-2 laser altimetry", "instruments such as Zorb-N"), or the computing hardware the work runs on ("the
    Quarrel Q780 FPGA"): what a study observes or runs with, no artifact of research.
    """
    return (_INSTRUMENT_HEAD.search(text, start, end) is not None
            or _INSTRUMENT_AFTER.match(text, end) is not None
            or _HARDWARE_AFTER.match(text, end) is not None
            or _instrument_before(text, start))


def _instrument_before(text: str, start: int) -> bool:
    """Whether ``_INSTRUMENT_BEFORE`` matches in the reach before ``start``; searched only where the reach holds
    "such", "like", "aboard" or "including", one of which every match holds outside its ignore-case groups (most
    names have none of them before them).
    """
    lo = max(0, start - _LISTED_REACH)
    find = text.find
    return (find("such", lo, start) >= 0 or find("like", lo, start) >= 0 or find("aboard", lo, start) >= 0
            or find("including", lo, start) >= 0) and _INSTRUMENT_BEFORE.search(text, lo, start) is not None


#: the words that put a thing under a licence, before the licence's name: "released under ", "are available under
#: the ", "code is distributed under an ", "licensed under " (up to 60 characters of the clause between)
_LICENCE_BEFORE = re.compile(r"\b(?:release[sd]?|releasing|available|distributed|licen[cs]ed|shared|published|"
                             r"open-sourced)\b[^.;:]{0,60}?\bunder\s+(?:the\s+|an?\s+)?$")
#: how far before a name its release verb may start
_LICENCE_REACH = 90


def licence_named(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is the licence a release is put under ("weights and code are available
    under Zorb-BY 4.0", "We release the data under the Quill-2.0 licence"): a licence is no artifact of research.
    """
    lo = max(0, start - _LICENCE_REACH)
    # (every match holds "under": most names have none before them, where the search tries every character)
    return text.find("under", lo, start) >= 0 and _LICENCE_BEFORE.search(text, lo, start) is not None


def is_formula(name: str) -> bool:
    """Whether ``name`` is a chemical formula or an ion: two or more element symbols, a numeric count and a
    symbol of two letters ("LiFePO4", "MoS2", "Al2O3", "LixCoO2"), a variable count and two symbols of two letters
    ("LixSi"), a charge ("Sn2+", "Na+"), or three or more symbols joined by hyphens ("Ir-Ru-Pt"). Without the
    number and the symbol of two letters, names of models read as formulas too ("MoCo", "PINN", "P2P",
    "CoxPH"); "GaN" is left to the decision, and the common gases are in the generic list.
    """
    whole = _FORMULA.fullmatch(name)
    if whole is None:
        return _alloy(name)
    parts = _FORMULA_PART.findall(name)
    if not all(sym in ELEMENTS for sym, _ in parts):
        return False
    if whole.group("charge"):  # an ion: "Sn2+", "Fe3+", "Na+"
        return bool(parts[-1][1]) or any(len(sym) == 2 for sym, _ in parts)
    if len(parts) < 2:
        return False
    pairs = sum(len(sym) == 2 for sym, _ in parts)
    # a numeric count and a symbol of two letters; or a variable count with two such symbols ("LixSi", not "CoxPH")
    return (any(count[:1].isdigit() or count[:1] == "." for _, count in parts) and pairs >= 1
            or any(count[:1] in "xyzδ" and count for _, count in parts) and pairs >= 2)


#: element symbols joined by hyphens, three or more: an alloy's or a compound's elements ("Ir-Ru-Pt-Pd-Rh")
_ALLOY = re.compile(r"[A-Z][a-z]?(?:-[A-Z][a-z]?){2,}")


def _alloy(name: str) -> bool:
    """Whether ``name`` lists three or more element symbols joined by hyphens, one of two letters
    ("Ir-Ru-Pt-Pd-Rh", "Fe-Co-Ni"): a material, no artifact (not "B-I-T" nor "C-S-V", which no symbol of two
    letters makes a material).
    """
    if "-" not in name or _ALLOY.fullmatch(name) is None:  # (most names hold no hyphen)
        return False
    symbols = name.split("-")
    return all(sym in ELEMENTS for sym in symbols) and any(len(sym) == 2 for sym in symbols)


#: the modifiers a generic name stays generic with
GENERIC_MODIFIERS = frozenset(("deep", "large", "small", "simple", "standard", "vanilla", "modern", "conventional",
                               "traditional", "classic", "classical", "plain", "basic", "pretrained", "pre-trained"))
#: a year after a name: " 2023", "-2023", "'23", "’23"
_YEAR_AFTER = re.compile(r"(?:[\s\-]*(?:19|20)\d\d|\s?['’]\d\d)$")
#: the size words of a released model after its family's name, in lower case ("-mini", "-large")
SIZE_WORDS = "mini|tiny|nano|micro|small|base|medium|large|lite"
#: the part of a name its siblings share: up to its last hyphen or space ("Quorra" of "Quorra-7B")
FAMILY_STEM = re.compile(r"^(.+?)[- ][^- ]+$")
#: a version or size ending after a family's name, with the stem before it as ``base``: "-XL", " Lite", "-v2",
#: " 2.0", "-7B" (:func:`family_stems` strips these, one at a time)
_VARIANT_SUFFIX = re.compile(
    r"^(?P<base>.+?)(?:[-\s_](?P<word>XL|XXL|Base|Large|Small|Tiny|Huge|Mini|mini|Pro|Plus|Ultra|Instruct|Chat|"
    r"Lite|MoE|DPO|SFT|RLHF|Turbo|[A-Z]\d*|v\d+(?:\.\d+)*)|[-\s_]?(?P<num>\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[BMKk]|"
    r"\d+x\d+[BM]))$"
)
#: a size "S" after a hyphen that ends a name with a capital or a digit inside ("ZorbNet-S", "QX2-S")
_SIZE_S = re.compile(r"^[A-Za-z][\w.]*[A-Z0-9][\w.]*-S$")
#: how every match of ``_SIZE_S`` ends (``$`` also matches before a final line break)
_SIZE_S_ENDS = ("-S", "-S\n")


@lru_cache(maxsize=200_000)
def family_stems(name: str) -> tuple[str, ...]:
    """What is left of ``name`` as its version and size endings are stripped one at a time ("ZorbSeg-Lite
    2.0" -> "ZorbSeg-Lite", "ZorbSeg"; "Quill-v2" -> "Quill"): written alone beside the variant, a stem
    names the family or the first release.
    """
    if name.isalpha():
        return ()  # (every match of _VARIANT_SUFFIX ends in a number or holds a separator: "ImageNet" has neither)
    out = []
    current = name
    for _ in range(4):
        m = _VARIANT_SUFFIX.match(current)
        if not m or len(m.group("base")) < 2:
            break
        current = m.group("base").rstrip("-_ ")
        out.append(current)
    return tuple(out)


# ---------------------------------------------------------------- proposal cues

#: verbs with which authors present their own artifact ("we propose X"), as a regex alternation
PROPOSAL_VERBS = "propose|introduce|present|develop|design|release"
#: every verb with which authors bring in something of their own ("we construct the X benchmark")
INTRODUCING_VERBS = (PROPOSAL_VERBS + "|build|construct|create|compile|curate|collect|implement|contribute|devise|"
                     "open-source|formulate")
#: the authors bring in several things of a kind, then list them after a colon: "We propose two simple
#: architectures for …: the A model, which …, and the B model"
PROPOSED_KINDS = re.compile(rf"\b(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:\w+ly\s+)?(?:{PROPOSAL_VERBS})s?\s+"
                            r"(?:two|three|four|several|a few|a pair of)?\s*(?:[\w\-]+\s+){0,4}?"
                            r"(?:architectures|models|methods|algorithms|variants|techniques|objectives|approaches|"
                            r"frameworks|datasets|benchmarks)\b[^.;:]{0,120}:")
#: verbs that give a name ("we call this X", "dubbed X")
NAMING_VERBS = "term|call|dub|name|coin"
#: a past participle that says how a step was done when "with" and a name follow ("energies are computed with X",
#: "fitted with X", "samples generated with X", "run with X"): the name is a program or procedure the work uses
#: (science abstracts name their codes so); not the participles that relate two things rather than name the
#: means ("compared with", "combined with", "treated with", "labelled with", "tested with", "consistent with"),
#: nor words in "-eed" ("need", "speed")
DONE_WITH = (r"(?:(?!(?:compar|contrast|combin|associat|correlat|equipp|pair|coupl|augment|replac|initiali[sz]|"
             r"annotat|labell?|test|treat|infect|diagnos|expos|register|shar|confront|fac|fill|concern|provid|report|"
             r"align|match|interleav|mix|integrat|merg|join|link|contaminat)ed\b)[a-z]{2,}(?<!e)ed|run|done)")
#: such a participle, up to three words, then the "with" that brings in the name: "energies are computed with "
DONE_WITH_BEFORE = rf"{DONE_WITH}(?:\s+[\w\-]+){{0,3}}?\s+with"
#: verbs that present an artifact by name ("this paper presents Poplar, a new system")
PRESENTING_VERBS = PROPOSAL_VERBS + "|build"
#: verbs of a relative clause that says the authors made the subject ("X is a method we propose")
MAKING_VERBS = PROPOSAL_VERBS + "|train|build|call"
#: verbs with which authors make what they then name, with no word of proposing: "We train Zorb, a language
#: model", "This paper describes Zorb, a router", "Zorb, the kernel we implement" (not "fine-tune" nor "use": what
#: authors fine-tune or use is most often someone else's)
AUTHORING_VERBS = INTRODUCING_VERBS + "|train|pretrain|pre-train|describe|deploy|assemble"
#: the authors make a thing of a kind, then give its name in apposition or by a naming participle: "We train a
#: 70B decoder model, X", "by training a compute-optimal model, X", "we build a compact retrieval model called X"
#: (the subject "we" or "this paper", or "by"/"and" after a "we" of the sentence; any form of an authoring verb but
#: those of work done on others' artifacts: "implement", "deploy"); group 1 the modifiers, group 2 the kind's head
MADE_KIND_NAMED = re.compile(
    word_alternation("We|we|by|and|This (?:paper|work|study)|this (?:paper|work|study)") +
    r"\s+(?:\w+ly\s+|then\s+|also\s+|first\s+|further\s+)?"
    r"(?:built|" + "|".join(v[:-1] if v.endswith("e") else v for v in AUTHORING_VERBS.split("|")
                           if v not in ("implement", "deploy")) + r")(?:e|es|s|d|ed|ing)?\s+"
    r"(?:a|an|our)\s+((?:[\w\-]+\s+){0,5}?)([a-z][\w\-]*)"
    r"(?:\s*,\s*(?:the\s+|namely\s+)?|,?\s+(?:called|named|dubbed|termed)\s+)[\"“']?$")
#: the words that join a list's last item to it: "A and B", "A or B", "A & B", "A as well as B"
LIST_WORDS = "and|or|&|as well as"
#: what stands between two names listed together (the one definition of a list's gap, each user adding its own
#: head and tail): "A-Mini and A-Tiny", "A-7B, A-13B", "A, and B", "A & B", "A-Chat as well as A-Instruct"
LIST_GAP = rf"\s*,\s*(?:(?:{LIST_WORDS})\s+)?|\s+(?:{LIST_WORDS})\s+"


def list_gap(words: str) -> str:
    """``LIST_GAP`` with other joining words (a regex alternation, ``LIST_WORDS`` or fewer): for a user that keeps
    a word out, and says why.
    """
    return LIST_GAP.replace(LIST_WORDS, words)


#: ``LIST_GAP`` at the end of a right-stripped text, without its trailing white space: "Zorb,", "Zorb and"
LIST_GAP_END = rf"\s*,(?:\s*(?:{LIST_WORDS}))?|\s+(?:{LIST_WORDS})"
#: how every match of ``LIST_GAP_END`` ends (its last letters)
LIST_GAP_ENDS = (",", "nd", "or", "&", "as")
#: the capitalised names listed before a later one, each with its gap, at a right-stripped text's end (perhaps
#: none): " Zorb,", " Zorb and Quill,"
LISTED_NAMES_BEFORE = rf"(?:\s+[A-Z][\w\-.+]*(?:{LIST_GAP_END}))*"
#: the words with a capital or a digit listed up to a later name, with their commas and "and": "GLUE, SQuAD and "
#: (an un-anchored part: a pattern ends it with ``$`` where the later name starts)
NAMES_LISTED_UP_TO = r"(?:\S*[A-Z0-9]\S*,?\s+(?:and\s+|&\s+)?){0,6}"
#: ``LIST_GAP`` or a slash, between two names known to be names (siblings of a family, names the gazetteer
#: knows): "A-7B/A-13B", "ZorbDB/BayesNet". (A slash between two words the model weighs joins the parts of one
#: name as often as it lists two: "TCP/IP", "Encoder/Decoder"; measured, the slash in every list gap cost CV
#: type accuracy 0.0009 and proposed-precision 0.0026.)
LIST_SEPARATOR = rf"{LIST_GAP}|\s*/\s*"

# ---------------------------------------------------------------- comparison cues

#: the contrast words of a comparison: the name right after them is compared with, but the clause after their
#: comma is the paper's own ("Unlike Zorb, Quill needs no labels")
CONTRAST_WORDS = ("unlike", "Unlike")
#: the words right before a name a paper measures itself against: "faster than X", "relative to X", "compared
#: with X", "against X", "versus X", "vs. X", "unlike X", "outperforms X", "beats X", "surpasses X" (each form
#: spelled out: the one list every comparison cue reads; a user adds its own head and tail)
COMPARISON_WORDS = (
    "than", "relative to", "Relative to", "compared with", "compared to", "Compared with", "Compared to", "against",
    "versus", "vs.", "outperform", "outperforms", "outperformed", "outperforming", "beat", "beats", "beating",
    "surpass", "surpasses", "surpassed", "surpassing", *CONTRAST_WORDS)


def alternation(words: Iterable[str]) -> str:
    """Literal words as a regex alternation, the words that share a start written once ("outperform(?:ed|ing|s)?"):
    at each place a search tries a first letter once, not each word. The top-level alternatives each start with a
    word's first character (so that :func:`word_alternation` takes them when those are letters).

    >>> alternation(("beat", "beats", "than", "beating"))
    'beat(?:ing|s)?|than'
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "|".join(re.escape(ch) + _trie_pattern(child) for ch, child in sorted(trie.items()))


def _trie_pattern(node: dict[str, dict]) -> str:
    """The regex of the words' rests below a trie node (greedy: a longer word before its prefix)."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return body + "?" if len(branches) > 1 or len(body) == 1 else f"(?:{body})?"


#: ``COMPARISON_WORDS`` as a regex alternation; every alternative starts with a letter (so that
#: :func:`word_alternation` takes it)
COMPARISON = alternation(COMPARISON_WORDS)
#: ... without the contrast words: for a cue that reaches past a comma to the name
COMPARISON_NO_CONTRAST = alternation(w for w in COMPARISON_WORDS if w not in CONTRAST_WORDS)
#: the last two letters of every comparison word: what a text a match of ``COMPARISON`` ends ends with (a precheck)
COMPARISON_ENDS = tuple(sorted({w[-2:] for w in COMPARISON_WORDS}))

#: a version a name ends with (lower case, or matched ignoring case): "++", " 2", " 2.0.1", "-v3", "v2"
VERSION = r"\+\+|[\- ]?v?\d+(?:\.\d+)*"
#: the hyphenated word that makes a phrase after a name rather than name a thing ("Zorb-style
#: pretraining", "Quill-based ranking", "a Zorb-like protocol"): the name is used, not given
_LIKENESS_WORDS = "style|like|inspired"
_MADE_WORDS = f"based|{_LIKENESS_WORDS}|driven|powered|oriented"
MADE_AFTER = re.compile(rf"-(?:{_MADE_WORDS})\b", re.I)
#: ... of them, the words that liken a thing to the one a name names ("Zorb-style decoders", "a Zorb-like
#: protocol"): the name is of a particular, known thing; "-based" is not among them ("Transformer-based
#: models", "GCN-based methods" name a kind built on a family, not the thing)
LIKENED_AFTER = re.compile(rf"-(?:{_LIKENESS_WORDS})\b", re.I)
#: a phrase made with a name, which a name never is: one that ends in a hyphenated made-word ("Small GPT-2-style",
#: "Prior Transformer-based": the name is the part before it) or opens with a name joined to how a model was
#: started or trained ("Zorb-initialised Quill-7B", "Zorb-pretrained ViT-B", "Zorb-fine-tuned Quill": the name
#: is the model after it)
_MADE_PHRASE = re.compile(rf"\S-(?:{_MADE_WORDS})$|"
                          r"^\S+-(?:initiali[sz]ed|pre-?trained|fine-?tuned)\s+\S", re.I)


def made_phrase(name: str) -> bool:
    """Whether ``name`` is a phrase made with a name rather than a name (``_MADE_PHRASE``; searched only in a
    name with a hyphen, which both its branches need: the search tries every character of the name).
    """
    return "-" in name and _MADE_PHRASE.search(name) is not None


#: what follows a name used as a modifier of a plural head noun, a kind of thing: "(ViT) models", " backbones"
#: (matched at the name's end, past a closing parenthesis or an abbreviation in parentheses)
KIND_AFTER = re.compile(r"\)?(?:\s*\([^)]{1,20}\))?\s+[a-z][a-z\-]*s\b")
#: natural languages, as adjectives and nouns ("English", "Zulu"), and sign languages ("BSL"; not "ASL", also an
#: asymmetric loss's short form): what data are written in or signed in, or a translation direction's ends; the
#: one list of them (generic.txt lists them too, as words that are no artifacts)
LANGUAGES = (
    "English", "Chinese", "Mandarin", "Cantonese", "Spanish", "French", "German", "Italian", "Portuguese", "Dutch",
    "Russian", "Ukrainian", "Polish", "Czech", "Turkish", "Arabic", "Hebrew", "Persian", "Hindi", "Bengali", "Urdu",
    "Tamil", "Telugu", "Marathi", "Gujarati", "Nepali", "Sinhala", "Pashto", "Japanese", "Korean", "Vietnamese",
    "Thai", "Khmer", "Indonesian", "Malay", "Swahili", "Yoruba", "Hausa", "Igbo", "Amharic", "isiZulu", "Zulu",
    "isiXhosa", "Xhosa", "Greek", "Finnish", "Estonian", "Latvian", "Lithuanian", "Kazakh", "Swedish", "Norwegian",
    "Danish", "Icelandic", "Inuktitut", "Hungarian", "Romanian",
    "Welsh", "Irish", "Scottish Gaelic", "Gaelic", "Breton", "Cornish", "Manx", "Basque", "Catalan", "Galician",
    "Occitan", "Maltese", "Albanian", "Armenian", "Georgian", "Azerbaijani", "Azeri", "Uzbek", "Kyrgyz", "Tajik",
    "Turkmen", "Tatar", "Bashkir", "Mongolian", "Tibetan", "Uyghur", "Burmese", "Lao", "Tagalog", "Filipino",
    "Cebuano", "Ilocano", "Javanese", "Sundanese", "Balinese", "Acehnese", "Minangkabau", "Punjabi", "Kannada",
    "Malayalam", "Odia", "Oriya", "Assamese", "Sindhi", "Kashmiri", "Konkani", "Maithili", "Bhojpuri", "Santali",
    "Dari", "Kurdish", "Sorani", "Kurmanji", "Balochi", "Somali", "Oromo", "Tigrinya", "Kinyarwanda", "Kirundi",
    "Luganda", "Lingala", "Wolof", "Fula", "Fulfulde", "Twi", "Akan", "Ewe", "Bambara", "Shona", "Sesotho",
    "Setswana", "Tswana", "Sotho", "Sepedi", "Xitsonga", "Tshivenda", "Chichewa", "Malagasy", "Kikuyu", "Dinka",
    "Nuer", "Kanuri", "Tamazight", "Kabyle", "Berber", "Quechua", "Aymara", "Guarani", "Nahuatl", "Mapudungun",
    "Hawaiian", "Maori", "Samoan", "Tongan", "Fijian", "Cherokee", "Navajo", "Bulgarian", "Serbian", "Croatian",
    "Bosnian", "Slovak", "Slovenian", "Slovene", "Macedonian", "Belarusian", "Afrikaans", "Yiddish", "Sanskrit",
    "Esperanto", "Luxembourgish", "Faroese", "Frisian", "Haitian Creole", "Hokkien", "Hakka", "Taiwanese",
    "Shanghainese", "Teochew", "Darija", "Arabizi", "Singlish", "Hinglish", "Jopara", "Taglish", "Pidgin",
    "Nigerian Pidgin", "Patois", "Kiswahili", "Bahasa Indonesia", "Bahasa Melayu", "Farsi", "Bangla", "Amazigh",
    "Ge'ez", "Tigre", "Dzongkha", "Sinhalese", "Divehi", "Dhivehi",
    "American Sign Language", "British Sign Language", "BSL", "German Sign Language", "Chinese Sign Language",
    "Indian Sign Language")
#: the one-word languages of :data:`LANGUAGES`, as the words of a name
_LANGUAGE_WORDS = frozenset(lang for lang in LANGUAGES if " " not in lang)
#: the split or setting of a data set written after its name, which is no part of the name ("test", "dev",
#: "val", "test-dev", "testmini", "test-other", "Results" of a title): the data set is the name before it
DATA_SPLIT_WORDS = frozenset((*"train dev val test validation minival testmini test-dev test-std test-clean "
                              "test-other".split(), "Dev", "Val", "Test", "Results", "results"))
#: a title of a survey: it proposes nothing
SURVEY_TITLE = re.compile(r"\b(?:survey|review|overview|tutorial|primer)\b", re.I)
#: a title that calls the paper a comparison ("A Comparison of Six Callers"): like a survey's, the names it compares
#: are not its own (read by the proposed model only: as a survey's title for the entity model too, it cost names)
COMPARISON_TITLE = re.compile(r"\b(?:comparison|comparative)\b", re.I)


# ---------------------------------------------------------------- type cues

#: head nouns next to a name -> the type they signal
TYPE_HEADS: dict[str, str] = {}
for _type, _words in {
    "Dataset": "dataset datasets benchmark benchmarks corpus corpora suite suites testbed collection "
               "leaderboard split test-set testset treebank catalogue catalog database archive "
               "trace traces workload workloads",
    "Model": "model models network networks architecture architectures backbone backbones encoder "
             "encoders decoder decoders llm llms lm lms checkpoint checkpoints family variant variants "
             "transformer transformers classifier detector generator generators agent agents vlm vlms "
             "chatbot assistant foundation embedding embeddings retriever retrievers embedder embedders",
    "Method": "method methods technique techniques approach approaches algorithm algorithms optimizer "
              "optimizers optimiser framework frameworks strategy strategies mechanism scheduler "
              "schedule loss objective procedure regularizer regularization module recipe paradigm "
              "estimator estimators sampler scheme schemes attack attacks defense protocol trick "
              "closure approximation criterion heuristic policy rule prompting decoding pruning "
              "distillation quantization quantisation merging tuning initialization initialisation normalization "
              "normalisation augmentation regularisation "
              "adaptation training system systems indexer solver planner pipeline "
              "allocator collector transport filesystem prefetcher fuzzer analyzer analyser checker verifier "
              "sanitizer daemon hypervisor accelerator",
    "Task": "task tasks problem problems challenge",
    "Metric": "metric metrics score measure divergence distance",
    "Tool": "library toolkit package tool tools platform software api apis engine compiler hardware "
            "gpu gpus chip chips device devices language",
}.items():
    for _w in _words.split():
        TYPE_HEADS[_w] = _type

#: the last word of a name of several capitalised words that names a collection of data, beyond the dataset heads
#: of ``TYPE_HEADS``: "Current Population Survey", "Panel Study of Income Dynamics" (no: the head is
#: "Study"), "Human Microbiome Project", "Clinical Practice Research Datalink", "UK Renal Registry"
#: the words of a set of items, which no scored type's head noun names: "a test set", "a new sentiment set", "a prompt
#: set of 1,600 prompts" (data where the words around them say so)
SET_WORDS = frozenset(("set", "sets"))
COLLECTION_HEADS = frozenset({*(w for w, t in TYPE_HEADS.items() if t == "Dataset"), "survey", "surveys", "census",
                              "panel", "registry", "register", "cohort", "biobank", "inventory", "atlas", "project",
                              "datalink", "repository", "records", "data"})

#: the kinds of artifact a paper makes, as an appositive or a relative clause says what a coined name is ("Zorb,
#: a router that …", "Zorb is a detector that we developed"): the scored types' head nouns in the singular, and
#: the kinds of built thing no head noun names (no "language", "city", "tool": a place, a language or a tool is
#: no artifact of the paper's)
ARTIFACT_KINDS: dict[str, str] = {
    **{w: t for w, t in TYPE_HEADS.items()
       if t in ("Model", "Method", "Dataset") and (not w.endswith("s") or w.endswith("us"))},
    **dict.fromkeys("router kernel simulator emulator controller tokenizer tokeniser reranker ranker "
                    "scheduler compressor filter ensemble".split(), "Method"),
    **dict.fromkeys("parser tagger recognizer recogniser segmenter translator predictor forecaster spotter vocoder "
                    "recommender transcriber synthesizer synthesiser denoiser captioner".split(), "Model"),
}
#: endings of a long form that make it a task, not an artifact
TASK_ENDINGS = (
    "learning", "recognition", "detection", "classification", "segmentation", "generation", "translation",
    "answering", "retrieval", "estimation", "prediction", "reasoning", "summarization", "summarisation",
    "tracking", "captioning", "understanding", "parsing", "labeling", "labelling", "completion",
    "localization", "synthesis", "forecasting", "matching", "verification", "identification",
    "extraction", "navigation", "planning", "control", "mining", "search", "inference",
    "recommendation", "discovery", "editing", "unlearning", "restoration", "enhancement", "denoising",
    "interpolation", "reconstruction", "super-resolution", "modeling", "modelling", "labelling", "imaging",
    "quantification", "sensing", "rank", "ranking",
)


def head_type(word: str) -> str | None:
    """The entity type a head noun such as ``model`` or ``dataset`` indicates, or ``None``."""
    return TYPE_HEADS.get(word.lower())


#: up to three lower-case words right after a name: the modifiers and the head of the noun phrase it opens
_WORDS_AFTER = re.compile(r"\s+([a-z][a-z\-]*)(?:\s+([a-z][a-z\-]*))?(?:\s+([a-z][a-z\-]*))?")
#: words that end a noun phrase's modifiers before its head: function words and auxiliaries ("X is a model", "X
#: can be", "X with the model", "X like transformer models")
_NOT_MODIFIERS = frozenset("the a an of on in for to with without from by as at and or nor but is are was were be "
                           "been has have had do does did can could may might will would should than that which who "
                           "whose where when while this these those its their our we it like unlike versus vs via "
                           "into over under across between within through including regarding toward towards upon "
                           "about against among around beyond during per using not no also only".split())


def _modifier(word: str) -> bool:
    """Whether a lower-case word after a name can modify the head noun that follows it: no function word, no
    participle ("a Zorbset-pretrained model", "X trained model"), no adverb and no verb of the third person or
    plural ("X outperforms other methods", "X avoids complex decoders": the name is the verb's subject).
    """
    return not (word in _NOT_MODIFIERS or word.endswith(("ed", "ly"))
                or word.endswith("s") and not word.endswith(("ss", "us", "is")))


#: words for a set of things whose kind is named after "of": "a collection of models", "a suite of benchmarks",
#: "a family of datasets" (some are typed alone: "collection" and "suite" as data, "family" as models); after a
#: head noun they name a set of what it names and keep its type ("an autoencoder suite", "a model family")
COLLECTIVES = frozenset("collection collections suite suites family families series set sets group range "
                        "zoo".split())
#: the most words after a head noun read for the head of the compound it opens (:func:`compound_head_type`)
COMPOUND_REACH = 3


def compound_head_type(words: Sequence[str], k: int, type_: str) -> str:
    """The type of the last head noun of the compound of nouns the head ``words[k]`` (of type ``type_``) opens: in
    English the compound's last noun is its head, the earlier ones modify it ("a model compression technique" ->
    Method, "a language model benchmark" -> Dataset, "an LLM serving engine" -> Tool, "a dataset distillation
    method" -> Method). Past up to :data:`COMPOUND_REACH` words that can modify a noun (:func:`_modifier`: no
    function word, participle, adverb or verb), not a gerund ("a method leveraging diffusion models") unless a
    singular head follows it ("an LLM serving system" -> Method); a plural head ends the compound. ``type_`` where
    no later head follows ("a transformer model trained on …", "a benchmark for …"), and past a collective
    (:data:`COLLECTIVES`: "an autoencoder suite" -> Model, "a model family").
    """
    if not _modifier(words[k].lower()):
        return type_  # (a plural head ends its compound: "two models benchmarked on …")
    after = [w.lower() for w in words[k + 1:k + 2 + COMPOUND_REACH]]
    for j, low in enumerate(after[:COMPOUND_REACH]):
        t = None if low in COLLECTIVES else TYPE_HEADS.get(low)
        if t is not None:
            type_ = t
        if not _modifier(low) or low.endswith("ing") and not (
                j + 1 < len(after) and after[j + 1] in TYPE_HEADS and _modifier(after[j + 1])):
            break
    return type_


def modified_head_type(text: str, end: int) -> str | None:
    """Model, where a name modifies a model's head noun past one or two lower-case modifiers, as science
    abstracts name the models and force fields they run: "the Zorb regional climate model", "the Zorb crop
    model", "the Zorb tax-benefit model", "the Zorb polarisable force field" (a force field is a model of the
    forces between atoms), "the Zorb force field". Only a model's head: a method's or a dataset's past
    modifiers is as often a phrase an acronym or a plain word opens ("KV cache compression method", "LLM
    serving system", "BraTS ranking scheme") as a name's. ``None`` where the word right after the name is
    itself a head noun (:func:`head_type` types that), where a function word, a verb or a participle comes first
    ("X is a model", "X-pretrained model", "X trained model", "X outperforms other methods") or no model's
    head follows.
    """
    m = _WORDS_AFTER.match(text, end)
    if m is None:
        return None
    words = [w for w in m.groups() if w]
    for k, word in enumerate(words):
        if k and word in ("field", "fields") and words[k - 1] == "force":
            return "Model"
        t = TYPE_HEADS.get(word)
        if t is not None:
            return t if k and t == "Model" else None
        if not _modifier(word):
            return None
    return None


#: a lower-case word right after a name that is no list's next item, preposition or conjunction: the
#: name's verb ("In Zorb, Quib filters …"), so a bare comma before the name ends a phrase, no list
_VERB_AFTER = re.compile(r" (?!(?:and|or|nor|as|on|in|for|with|from|to|at|by|of|over|under|across|than|via|into|"
                         r"versus|vs|the|a|an)\b)([a-z][a-z\-]+)\b")


def subject_after_comma(gap: str, text: str, end: int) -> bool:
    """Whether the name ending at ``end``, after ``gap`` (the text since the word before it), opens a clause
    as its subject rather than going on with a list: ``gap`` ends in a bare comma, and a lower-case word that
    names no kind of artifact (no head noun: "Zorb, Quib models" lists) follows the name ("In Zorb, Quib
    filters …"; "On Zorbset, Quill reaches 80%": Quill is what is measured, not data).
    """
    if not gap.rstrip().endswith(","):
        return False
    m = _VERB_AFTER.match(text, end)
    return m is not None and head_type(m.group(1)) is None
