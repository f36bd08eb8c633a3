"""The NLP pass: a spaCy pipeline of graphbuild's components, and papers -> extractions.

>>> from graphbuild.nlp.pipeline import make_pipeline
>>> make_pipeline().pipe_names[:3]
['graphbuild_sentences', 'graphbuild_gazetteer', 'graphbuild_abbreviations']
"""

from __future__ import annotations

import functools
import gc
import importlib
import operator
import re
import string
import types
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import cast

import spacy
from spacy.lang import lex_attrs
from spacy.lang.en import lex_attrs as en_lex_attrs
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lang.tokenizer_exceptions import URL_MATCH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..records import ROLES, SCORED_TYPES, EntityMention, Extraction, Paper

try:  # spaCy's own (private) norm getter; without it (None: no partial wraps it) the norm stays spaCy's
    from spacy.util import _get_attr_unless_lookup
except ImportError:  # pragma: no cover - a spaCy release that renamed it
    _get_attr_unless_lookup = None  # type: ignore[assignment]

# importing the component modules registers their factories
from . import abbreviations, decide, entity_types, patterns, roles, sentences  # noqa: F401
from .abbreviations import singular_short_form, spelled_initials
from .candidates import Candidate, doc_text, text_doc
from .doc_context import _TOKEN
from .features import CorpusStats, corpus_stats, defined_type, singular_noun
from .gazetteer import Gazetteer, GazetteerComponent, another_sense, form_key, variant_key
from .lexicon import COLLECTION_HEADS, SPACELESS_SCRIPTS, family_stems, list_gap, organisation_keys

# the regular expression parser (for the characters spaCy's suffix rules end with; it has no type stubs). It is
# CPython's own module: where it is missing or not as expected, the suffix search takes no shortcut
_sre_parser: types.ModuleType | None
try:
    _sre_parser = importlib.import_module("re._parser")
    _sre_constants = importlib.import_module("re._constants")
except ImportError:
    _sre_parser = None

__all__ = ["COMPONENTS", "make_pipeline", "extract_papers", "extract_with_casing", "casing_words", "extract_text",
           "doc_to_extraction", "family_name"]

COMPONENTS = (
    "graphbuild_sentences",
    "graphbuild_gazetteer",
    "graphbuild_abbreviations",
    "graphbuild_patterns",
    "graphbuild_typing",
    "graphbuild_roles",
    "graphbuild_decide",
)

_PIPELINES: dict[tuple[str, str], Language] = {}


def make_pipeline(model: str | None = None, *, gazetteer_path: str = "", decision_model: str = "",
                  proposers_only: bool = False) -> Language:
    """A blank English pipeline (or an installed spaCy model) plus graphbuild's components.

    Parameters
    ----------
    model : name or path of an installed spaCy pipeline to start from; ``None``
        for ``spacy.blank("en")`` (nothing to download). A pipeline directory
        written by ``graphbuild train`` (it already holds graphbuild's
        components) is loaded as it is.
    gazetteer_path : a gazetteer ``.jsonl`` file or folder; empty for the shipped one.
    decision_model : a decision model JSON file; empty for the shipped one.
    proposers_only : leave out ``graphbuild_decide`` (training reads the candidates).
    """
    nlp = spacy.load(model) if model else spacy.blank("en")
    if all(name in nlp.pipe_names for name in COMPONENTS):
        nlp.meta.setdefault("graphbuild", {"model": model or "", "gazetteer": gazetteer_path})
        nlp.meta["graphbuild"]["model"] = model or ""
        return nlp
    # spaCy's tokenizer cache slows down sharply once full; keep it large
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = 1_000_000
    # adaptation settings name two datasets: "GTA→Cityscapes", "Synthia->Cityscapes"
    infixes = [*(nlp.Defaults.infixes or ()), r"→", r"(?<=[A-Za-z0-9])->(?=[A-Za-z])",
               # a character of a script written without spaces is a token of its own: a name written inside
               # such text ("基于ResNet的方法") is a token, not the whole clause
               f"[{SPACELESS_SCRIPTS}]"]
    infix_finditer: _Bound = spacy.util.compile_infix_regex(infixes).finditer
    # a full stop after a size or version suffix ends the sentence: "… Falcon 180B.", "on GSM8K."
    # (spaCy keeps a period after one capital, as in an initial "J.")
    suffix_rules = [*(nlp.Defaults.suffixes or ()), r"(?<=[0-9][A-Z])\."]
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffix_rules).search
    if model is None:
        # (English rules) a new plain word is tried against every prefix, suffix, infix and address
        # rule: answer those at once
        tokenizer.prefix_search = _plain_word_skipped(cast(_Bound, tokenizer.prefix_search), None)
        tokenizer.suffix_search = _suffix_near_the_end(cast(_Bound, tokenizer.suffix_search), suffix_rules)
        infix_finditer = _plain_word_skipped(infix_finditer, ())
        if tokenizer.url_match is not None:
            tokenizer.url_match = _dotless_skipped(cast(_Bound, tokenizer.url_match))
        _builtin_lexeme_getters(nlp.vocab)
    tokenizer.infix_finditer = cast(Callable, infix_finditer)
    for name in COMPONENTS[:-1] if proposers_only else COMPONENTS:
        config: dict[str, str] = {}
        if name == "graphbuild_gazetteer":
            config = {"path": gazetteer_path}
        elif name == "graphbuild_decide":
            config = {"model": decision_model}
        nlp.add_pipe(name, config=config)
    nlp.meta["graphbuild"] = {"model": model or "", "gazetteer": gazetteer_path}
    return nlp


#: a compiled pattern's bound ``search``, ``match`` or ``finditer``
_Bound = Callable[[str], object]


def _plain_word_skipped(bound: _Bound, nothing: object) -> _Bound:
    """``bound`` (a tokenizer rule's pattern method), answering ``nothing`` for a plain word
    (``None`` for a search or match, ``()`` for a ``finditer``).

    A plain word (ASCII letters only) matches none of spaCy's English prefix,
    suffix and infix rules, nor its address pattern, nor the infixes added here:
    each rule takes a character that is no letter (punctuation, a quote, a
    symbol, ``'s``, ``US$``), or one after a digit (units, currencies); an address
    needs a dot. spaCy runs the rules on every word it has not cached: a new plain
    word then costs no scan of the four patterns (a search for a suffix tries
    every position).
    The result keeps the pattern as ``__self__``, which spaCy saves with the
    tokenizer.
    """
    def skipped(string: str) -> object:
        return nothing if string.isalpha() and string.isascii() else bound(string)

    skipped.__self__ = bound.__self__  # type: ignore[attr-defined]
    return skipped


def _dotless_skipped(match: _Bound) -> _Bound:
    """``match`` (the tokenizer's address pattern's), answering ``None`` for a word without a dot when the
    pattern is spaCy's (``URL_MATCH``): each of its addresses holds one (an IP address's, or a host name's
    before its top-level domain), and a word without one ("near-optimal", "GPT-4") is otherwise tried against
    the whole pattern, which backtracks through it. Another pattern answers only a plain word at once
    (:func:`_plain_word_skipped`). The result keeps the pattern as ``__self__``.
    """
    if match.__self__.pattern != URL_MATCH.__self__.pattern:  # type: ignore[attr-defined]
        return _plain_word_skipped(match, None)

    def skipped(string: str) -> object:
        return match(string) if "." in string else None

    skipped.__self__ = match.__self__  # type: ignore[attr-defined]
    return skipped


class _Norms(dict[str, str]):
    """A word's norm: the exception table's entry, else the word in lower case (a miss costs no
    Python call: ``__missing__`` is ``str.lower`` itself).
    """

    __missing__ = staticmethod(str.lower)


def _membership(fn: Callable[[str], bool]) -> Callable[[str], bool] | None:
    """For a function ``text in (<constants>)``: the membership test of a frozenset of them."""
    tuples = [c for c in fn.__code__.co_consts if isinstance(c, tuple)]
    return frozenset(tuples[0]).__contains__ if len(tuples) == 1 else None


#: spaCy's lexeme attribute functions (each a Python function, or one that tests membership of a
#: tuple) and built-in callables that return the same for every string
_BUILTIN_GETTERS: dict[Callable[[str], object], Callable[[str], object]] = {
    lex_attrs.lower: str.lower, lex_attrs.prefix: operator.itemgetter(0),
    lex_attrs.suffix: operator.itemgetter(slice(-3, None)), lex_attrs.is_alpha: str.isalpha,
    lex_attrs.is_digit: str.isdigit, lex_attrs.is_lower: str.islower, lex_attrs.is_space: str.isspace,
    lex_attrs.is_title: str.istitle, lex_attrs.is_upper: str.isupper, lex_attrs.is_ascii: str.isascii,
    **{fn: test for fn in (lex_attrs.is_bracket, lex_attrs.is_quote, lex_attrs.is_left_punct,
                           lex_attrs.is_right_punct) if (test := _membership(fn)) is not None},
}


def _builtin_lexeme_getters(vocab: Vocab) -> None:
    """Replace spaCy's lexeme attribute functions that have a built-in equivalent by it.

    spaCy runs every function of ``vocab.lex_attr_getters`` on each word it has
    not seen (about 8 an abstract of new text); most are one-line Python functions
    (``string.lower()``, ``string[0]``, ``text in brackets``) whose calls cost more
    than their work. Each is replaced by the built-in that computes the same value
    (``str.lower``, an item getter, a frozenset's membership test; the norm by a
    dictionary whose missing keys are lower-cased); most of the others by a shortcut
    that answers the common words without their loops and patterns
    (:func:`_shortcut_getter`); what is left stays.
    """
    getters: dict[int, Callable[[str], object]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    for attr, fn in list(getters.items()):
        if isinstance(fn, functools.partial):
            if fn.func is _get_attr_unless_lookup and not fn.keywords and len(fn.args) == 2 \
                    and fn.args[0] is lex_attrs.lower and all(type(table) is dict for table in fn.args[1]):
                norms = _Norms()
                for table in reversed(fn.args[1]):  # the first table that has the word wins
                    norms.update(table)
                getters[attr] = norms.__getitem__
        elif isinstance(fn, types.FunctionType) and fn in _BUILTIN_GETTERS:
            getters[attr] = _BUILTIN_GETTERS[fn]
    for attr, fn in list(getters.items()):
        faster = _shortcut_getter(fn)
        if faster is not None:
            getters[attr] = faster


#: the number words of English ``like_num`` (None: a spaCy release without the lists, whose like_num stays)
_NUMBER_WORDS: frozenset[str] | None = (
    frozenset(en_lex_attrs._num_words) | frozenset(en_lex_attrs._ordinal_words)
    if isinstance(getattr(en_lex_attrs, "_num_words", None), list)
    and isinstance(getattr(en_lex_attrs, "_ordinal_words", None), list) else None)
#: a word's shape (spaCy's ``word_shape``) character by character, for ASCII words
_ASCII_SHAPE = str.maketrans({**dict.fromkeys(string.ascii_uppercase, "X"),
                              **dict.fromkeys(string.ascii_lowercase, "x"), **dict.fromkeys(string.digits, "d")})
#: runs of five or more of one shape character (``word_shape`` keeps four): letters and digits, and others
_SHAPE_RUNS = tuple((char * 5, re.compile(f"{char}{{5,}}"), char * 4) for char in "xXd")
_OTHER_SHAPE_RUN = re.compile(r"([^xXd])\1{4}")


def _shortcut_getter(fn: Callable[[str], object]) -> Callable[[str], object] | None:
    """A function that returns what ``fn`` (one of spaCy's lexeme attribute functions that are not a
    one-line test) returns for every string, answering the common words without ``fn``'s loop or
    pattern; ``None`` for a function it does not know.

    * ``like_num`` (English): a word of letters is a number word or not (its other tests need
      digits, signs or ``/``);
    * ``is_punct``, ``is_currency``: a word of letters and digits holds no punctuation or currency sign;
    * ``like_email``: an address holds ``@``;
    * ``like_url``: a word without ``.`` is an address only after ``http://`` or ``https://``
      (the empty word still goes to ``fn``, which fails on it);
    * ``word_shape``: an ASCII word by a translation table, runs of five or more cut to four;
    * ``is_stop`` and ``get_lang`` (keyword partials: a keyword dictionary built for each call):
      the lower-cased word's membership, and the language code.
    """
    if isinstance(fn, functools.partial):
        if fn.func is lex_attrs.is_stop and not fn.args and fn.keywords.keys() == {"stops"}:
            stops = fn.keywords["stops"]
            return lambda text: text.lower() in stops
        if fn.func is lex_attrs.get_lang and not fn.args and fn.keywords.keys() == {"lang"} \
                and isinstance(lang := fn.keywords["lang"], str) and "{" not in lang and "}" not in lang:
            return lang.format  # (a format string without fields ignores its argument)
        return None
    if fn is en_lex_attrs.like_num and _NUMBER_WORDS is not None:
        number_words, like_num = _NUMBER_WORDS, fn
        return lambda text: text.lower() in number_words if text.isalpha() else like_num(text)
    if fn is lex_attrs.is_punct or fn is lex_attrs.is_currency:
        only_signs = fn
        return lambda text: False if text.isalnum() else only_signs(text)
    if fn is lex_attrs.like_email:
        return lambda text: "@" in text and lex_attrs.like_email(text)
    if fn is lex_attrs.like_url:
        return lambda text: (lex_attrs.like_url(text) if not text or "." in text
                             or text.startswith(("http://", "https://")) else False)
    if fn is lex_attrs.word_shape:
        return _word_shape
    return None


def _word_shape(text: str) -> str:
    """The value of spaCy's ``word_shape``: ``x``, ``X``, ``d`` for each letter and digit, other characters
    as they are, at most four of a kind in a row; an ASCII word by a translation table, its runs cut once
    per distinct translation.
    """
    if len(text) >= 100 or not text.isascii():
        return lex_attrs.word_shape(text)
    shape = text.translate(_ASCII_SHAPE)
    if len(shape) < 5:
        return shape
    cut = _CUT_SHAPES.get(shape)
    if cut is None:
        if not shape.isalnum() and _OTHER_SHAPE_RUN.search(shape):
            return lex_attrs.word_shape(text)
        cut = shape
        for five, run, four in _SHAPE_RUNS:
            if five in cut:
                cut = run.sub(four, cut)
        if len(_CUT_SHAPES) >= 100_000:
            _CUT_SHAPES.clear()
        _CUT_SHAPES[shape] = cut
    return cut


#: :func:`_word_shape`'s translations of five or more characters, and their runs cut to four
_CUT_SHAPES: dict[str, str] = {}


_ASCII_DIGIT = re.compile(r"[0-9]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _suffix_near_the_end(search: _Bound, rules: Sequence[object] = ()) -> _Bound:
    """``search`` (the English suffix pattern's), started near the end of a word without digits.

    A suffix is searched for at every position of a word, each position trying
    every rule. Every English suffix rule that takes an ASCII letter is one of
    ``'s`` (and its variants) or follows a digit (units, currencies): in a word
    without ASCII digits a match holds no letter but the ``s`` of ``'s``, so
    none starts before the character ahead of the last letter, and the search
    starts there (look-behinds still see the characters before it). A plain word
    gets no search at all (:func:`_plain_word_skipped`), nor does a word whose last
    character is ASCII and ends no rule (:func:`_ascii_last_characters`: a hyphenated
    word, a number). A word whose last character is ASCII (and no line break) is
    searched with the pattern of only the ``rules`` (the pattern's, in order) that can
    end with that character (:func:`_rules_ending_with`): at each position the rules
    left out cannot match, so the leftmost match and its span are the same, and a
    position tries a handful of rules instead of all of them. The result keeps the
    pattern as ``__self__``.
    """
    ends = _ascii_last_characters(search.__self__)  # type: ignore[attr-defined]
    by_end = _rules_ending_with(rules, search.__self__)  # type: ignore[attr-defined]

    def suffix(string: str) -> object:
        if string.isalpha() and string.isascii():
            return None
        final = string[-1:]
        if ends is not None and final.isascii() and final not in ends and final and final != "\n":
            return None  # no rule ends with this character ($ also matches before a final newline)
        pattern_search = by_end.get(final, search)
        if _ASCII_DIGIT.search(string) is None:
            last = _ASCII_LETTER.search(string[::-1])
            if last is not None:  # the last letter is at len(string) - 1 - last.start()
                return pattern_search(string, max(len(string) - 2 - last.start(), 0))  # type: ignore[call-arg]
        return pattern_search(string)

    suffix.__self__ = search.__self__  # type: ignore[attr-defined]
    return suffix


def _rules_ending_with(rules: Sequence[object], pattern: re.Pattern[str]) -> dict[str, _Bound]:
    """For each ASCII character but a line break, the ``search`` of the suffix pattern made of only those of
    ``rules`` (spaCy's suffix rules, each compiled with ``$`` after it, in order) that can end with it
    (:func:`_ascii_last_characters` of the rule; a rule it cannot follow, or whose ``$`` does not close every
    match of it, is kept for every character). Characters whose rules are all of them are left out (the
    whole pattern serves), as is every character when ``rules`` are not the strings ``pattern`` was made of.
    """
    if not all(isinstance(r, str) for r in rules) or _sre_parser is None:
        return {}
    pieces = [r for r in cast(Sequence[str], rules) if r.strip()]  # (as spaCy joins them)
    if spacy.util.compile_suffix_regex(pieces).pattern != pattern.pattern:
        return {}
    rule_ends: list[frozenset[str] | None] = []
    for piece in pieces:
        compiled = re.compile(piece + "$")
        data = list(_sre_parser.parse(compiled.pattern, compiled.flags).data)
        closed = bool(data) and data[-1] == (_sre_constants.AT, _sre_constants.AT_END)
        rule_ends.append(_ascii_last_characters(compiled) if closed else None)
    out: dict[str, _Bound] = {}
    for code in range(128):
        char = chr(code)
        kept = [piece for piece, ends in zip(pieces, rule_ends) if ends is None or char in ends]
        if char != "\n" and len(kept) < len(pieces):
            out[char] = spacy.util.compile_suffix_regex(kept).search if kept else _no_match
    return out


def _no_match(string: str, pos: int = 0) -> None:
    """The ``search`` of a pattern that matches nothing."""
    return None


class _Unknown(Exception):
    """A pattern piece :func:`_ascii_last_characters` does not follow."""


def _ascii_last_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can end with (its last character consumed);
    ``None`` when that is not known: a piece other than literals, character sets without
    categories or negation, groups, alternatives, repeats and zero-width tests, case-insensitive
    matching, or a match that can be empty.

    Only for a pattern whose every match ends at the end of the string (spaCy's suffix rules,
    each ending in ``$``): a string whose last character is ASCII and not among these has no match.
    """
    if pattern.flags & re.IGNORECASE or _sre_parser is None:
        return None
    try:
        ends, can_be_empty = _last_of(list(_sre_parser.parse(pattern.pattern, pattern.flags).data))
    except (_Unknown, AttributeError, TypeError, ValueError):  # a parser that is not as expected: no shortcut
        return None
    return None if can_be_empty else frozenset(ends)


def _last_of(items: list[tuple[object, object]]) -> tuple[set[str], bool]:
    """The ASCII characters the sequence of parsed pattern ``items`` can end with, and whether it can
    match the empty string.
    """
    ends: set[str] = set()
    for op, av in reversed(items):
        if op in (_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
            continue  # zero width
        if op is _sre_constants.LITERAL:
            ends.update(_ascii_chars(cast(int, av), cast(int, av)))
            return ends, False
        if op is _sre_constants.IN:
            for kind, arg in cast(list[tuple[object, object]], av):
                if kind is _sre_constants.LITERAL:
                    ends.update(_ascii_chars(cast(int, arg), cast(int, arg)))
                elif kind is _sre_constants.RANGE:
                    ends.update(_ascii_chars(*cast(tuple[int, int], arg)))
                else:
                    raise _Unknown(kind)
            return ends, False
        if op is _sre_constants.BRANCH:
            empty = False
            for alternative in cast(tuple[object, list[object]], av)[1]:
                got, can_be_empty = _last_of(list(cast(Iterable[tuple[object, object]], alternative)))
                ends |= got
                empty |= can_be_empty
        elif op is _sre_constants.SUBPATTERN:
            _group, add_flags, _del_flags, body = cast(tuple[object, int, int, object], av)
            if add_flags & re.IGNORECASE:
                raise _Unknown(op)
            got, empty = _last_of(list(cast(Iterable[tuple[object, object]], body)))
            ends |= got
        elif op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, _sre_constants.POSSESSIVE_REPEAT):
            low, _high, body = cast(tuple[int, int, object], av)
            got, empty = _last_of(list(cast(Iterable[tuple[object, object]], body)))
            ends |= got
            empty |= low == 0
        else:
            raise _Unknown(op)
        if not empty:
            return ends, False
    return ends, True


def _ascii_chars(low: int, high: int) -> list[str]:
    return [chr(code) for code in range(low, min(high, 127) + 1)]


def cached_pipeline(model: str | None = None, gazetteer_path: str = "") -> Language:
    """One pipeline per (model, gazetteer) per process; building it takes about a second."""
    key = (model or "", gazetteer_path)
    if key not in _PIPELINES:
        _PIPELINES[key] = make_pipeline(model, gazetteer_path=gazetteer_path)
    return _PIPELINES[key]


def _gazetteer(nlp: Language) -> Gazetteer:
    comp = nlp.get_pipe("graphbuild_gazetteer")
    if not isinstance(comp, GazetteerComponent):
        raise TypeError("the pipeline's graphbuild_gazetteer component is not graphbuild's")
    return comp.gazetteer


def extract_papers(
    papers: Iterable[Paper],
    nlp: Language | None = None,
    *,
    batch_size: int = 256,
    n_process: int = 1,
    progress: Callable[[int], None] | None = None,
    corpus: Iterable[str] | CorpusStats | None = None,
) -> Iterator[Extraction]:
    """Run the NLP pass over papers, yielding one :class:`Extraction` per paper, in order.

    With ``n_process > 1`` the papers go to worker processes in chunks of
    ``batch_size``; each worker builds the same pipeline (from the settings
    recorded in ``nlp.meta["graphbuild"]``) and sends back extractions. Either
    way the decision sees the casing statistics of the whole ``corpus``
    (:func:`corpus_context`; by default the texts of ``papers``), so the
    extractions do not depend on ``n_process`` or ``batch_size``; a build passes
    every paper of the workspace, so that papers added later are decided as a
    fresh build of the whole would decide them.
    """
    for ex, _ in _extractions(papers, nlp, batch_size, n_process, progress, corpus, casing=False):
        yield ex


def extract_with_casing(papers: Iterable[Paper], nlp: Language | None = None, *, batch_size: int = 256,
                        n_process: int = 1, progress: Callable[[int], None] | None = None,
                        corpus: Iterable[str] | CorpusStats | None = None,
                        ) -> Iterator[tuple[Extraction, tuple[str, ...]]]:
    """:func:`extract_papers` (the same arguments), each extraction with the words whose corpus casing its
    decision read (:func:`casing_words`): the extraction holds for any corpus that writes those words alike.
    """
    return _extractions(papers, nlp, batch_size, n_process, progress, corpus, casing=True)


def _extractions(papers: Iterable[Paper], nlp: Language | None, batch_size: int, n_process: int,
                 progress: Callable[[int], None] | None, corpus: Iterable[str] | CorpusStats | None, *,
                 casing: bool) -> Iterator[tuple[Extraction, tuple[str, ...]]]:
    """:func:`extract_with_casing`; with ``casing`` false (:func:`extract_papers`, which drops them) each in-process
    extraction comes with no words (``()``) rather than its :func:`casing_words`.
    """
    nlp = nlp or cached_pipeline()
    papers = list(papers)
    stats = corpus if isinstance(corpus, CorpusStats) else corpus_stats(
        corpus if corpus is not None else (p.text for p in papers))
    if n_process > 1 and len(papers) > batch_size:
        yield from _extract_parallel(papers, nlp, batch_size, n_process, progress, stats)
        return
    gaz = _gazetteer(nlp)
    with corpus_context(nlp, stats), _collector_spared():
        for paper, doc in zip(papers, nlp.pipe((text_doc(nlp, p.text) for p in papers), batch_size=batch_size)):
            yield doc_to_extraction(doc, paper.id, paper.title, gaz), casing_words(doc) if casing else ()
            if progress:
                progress(1)


def casing_words(doc: Doc) -> tuple[str, ...]:
    """The words of ``doc`` whose casing across the corpus the decision read: its one-word candidates that
    the statistics can hold (:meth:`~graphbuild.nlp.features.CorpusStats.feature_ids`), lower-cased, sorted.
    """
    # (a word holds no space: most names of two words or more skip the pattern)
    return tuple(sorted({c.text.lower() for c in doc._.gb_candidates or ()
                         if " " not in c.text and _TOKEN.fullmatch(c.text)}))


#: the youngest generation's collection threshold while extracting (see :func:`_collector_spared`)
YOUNG_COLLECTION = 100_000


@contextmanager
def _collector_spared() -> Iterator[None]:
    """While extracting, the objects alive at the start (the pipeline, its gazetteer, model and caches,
    the papers, the corpus statistics) are kept out of the garbage collector's full collections.

    Each full collection otherwise walks every one of them, memory-bound (about 0.13 s of CPU for
    the blank pipeline, three times in a thousand abstracts): what the extraction makes is still
    collected. The youngest generation is collected after :data:`YOUNG_COLLECTION` new objects
    rather than 700: what the extraction keeps (its caches) grows steadily, and each young
    collection walked the survivors again (0.2 s of CPU in a thousand abstracts, 0.07 s so).
    The collector is as before once the extraction ends (or its generator is closed);
    nothing is frozen, nor its thresholds changed, where something else froze objects already (``gc.freeze``).
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_COLLECTION), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def corpus_context(nlp: Language, texts: list[str] | CorpusStats) -> Iterator[None]:
    """While extracting ``texts``, let the decision see how the whole batch writes each word.

    ``texts`` may also be their statistics (:func:`~graphbuild.nlp.features.corpus_stats`) counted already.
    """
    comp = nlp.get_pipe("graphbuild_decide") if "graphbuild_decide" in nlp.pipe_names else None
    if not isinstance(comp, decide.DecideComponent):
        yield
        return
    previous = comp.corpus
    comp.corpus = texts if isinstance(texts, CorpusStats) else corpus_stats(texts)
    try:
        yield
    finally:
        comp.corpus = previous


#: in a worker process of :func:`_extract_parallel`: the pipeline's settings and the corpus statistics
#: of all the papers being extracted (set once per worker by :func:`_start_worker`)
_WORKER: dict[str, tuple[str, str, CorpusStats]] = {}


def _start_worker(model: str, gazetteer_path: str, corpus: CorpusStats) -> None:
    _WORKER["job"] = (model, gazetteer_path, corpus)


def _extract_chunk(items: list[tuple[str, str, str]]) -> list[tuple[Extraction, tuple[str, ...]]]:
    model, gazetteer_path, corpus = _WORKER["job"]
    nlp = cached_pipeline(model or None, gazetteer_path)
    gaz = _gazetteer(nlp)
    with corpus_context(nlp, corpus), _collector_spared():
        return [(doc_to_extraction(doc, pid, title, gaz), casing_words(doc))
                for (pid, title, _), doc in zip(items, nlp.pipe(text_doc(nlp, text) for _, _, text in items))]


def _extract_parallel(papers: list[Paper], nlp: Language, batch_size: int, n_process: int,
                      progress: Callable[[int], None] | None,
                      corpus: CorpusStats) -> Iterator[tuple[Extraction, tuple[str, ...]]]:
    """:func:`extract_with_casing` in ``n_process`` workers; the corpus statistics, counted once by the
    caller, reach each worker once, at its start.
    """
    from concurrent.futures import ProcessPoolExecutor

    settings = nlp.meta.get("graphbuild", {})
    job = (settings.get("model", ""), settings.get("gazetteer", ""), corpus)
    chunks = [[(p.id, p.title, p.text) for p in papers[i: i + batch_size]] for i in range(0, len(papers), batch_size)]
    with ProcessPoolExecutor(max_workers=n_process, initializer=_start_worker, initargs=job) as pool:
        for result in pool.map(_extract_chunk, chunks):
            yield from result
            if progress:
                progress(len(result))


def extract_text(text: str, nlp: Language | None = None, *, title: str = "") -> Extraction:
    """The NLP pass on free text (a draft abstract, an idea).

    Of a text longer than the pipeline reads (``nlp.max_length``, a million characters), the
    entities of its first million characters are found: a query's other signals read all of it.
    """
    nlp = nlp or cached_pipeline()
    body = f"{title}\n\n{text}" if title else f"\n\n{text}"
    body = body[:nlp.max_length]
    return doc_to_extraction(nlp(text_doc(nlp, body)), "text:query", title, _gazetteer(nlp))


# ------------------------------------------------------------------ grouping


def family_name(name: str, known: Callable[[str], str | None]) -> str | None:
    """The family a version or size variant belongs to, if its stem is a known name.

    ``known(stem)`` returns the canonical name of a known entity or ``None``.
    The shortest known stem wins: ``Llama-3.1-8B`` -> ``Llama``.

    >>> family_name("Llama-3.1-8B", {"llama": "Llama"}.get)
    'Llama'
    >>> family_name("MiniCPM-DPO", {"minicpm": "MiniCPM"}.get)
    'MiniCPM'
    >>> family_name("ToxicChat", {"llama": "Llama"}.get) is None
    True
    """
    found = None
    for stem in family_stems(name):
        hit = known(form_key(stem))
        if hit and form_key(hit) != form_key(name):
            found = hit
    return found


def doc_to_extraction(doc: Doc, paper_id: str, title: str, gaz: Gazetteer) -> Extraction:
    """One :class:`EntityMention` per entity the decision kept (``Candidate.entity``)."""
    ext = doc._
    return extraction_from(ext.gb_candidates or [], doc_text(doc), ext.gb_sents, paper_id, title, gaz)


def extraction_from(cands: list[Candidate], text: str, sents: list[tuple[int, int]] | None, paper_id: str,
                    title: str, gaz: Gazetteer) -> Extraction:
    """Group decided candidates into one :class:`EntityMention` per entity."""
    sents = sents or [(0, len(text))]
    groups: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.entity >= 0:
            groups.setdefault(c.entity, []).append(c)
    title_end = len(title) if title and text.startswith(title) else 0
    decided = _with_spelled_out(_with_longer_long_forms(list(groups.values()), cands))
    entities = [_entity_from(members, text, sents, gaz, title_end)
                for members in _with_first_words(_with_class_nouns(decided))
                if not _versions_only(members, gaz)]
    entities.sort(key=lambda e: e.start)
    _variants_of_the_paper(entities)
    return Extraction(paper_id=paper_id, title=title, entities=entities)


#: a bare version token ("v2.0", "2"): a list's second version of the name before it ("X v1.1 and v2.0")
_BARE_VERSION = re.compile(r"[vV]?\d+(?:\.\d+)*")
#: a lower-case hyphenated participle ("instruction-tuned", "vector-quantised"): an adjective a known technique's
#: entry lists as a form, no name of its own (the entity is named by the entry)
_PARTICIPLE_FORM = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*-[a-z]+ed")


def _versions_only(members: list[Candidate], gaz: Gazetteer) -> bool:
    """Whether an entity is written only as bare version tokens that name no known entry: no entity
    alone (one the gazetteer names, as a list's elided sibling, is named by its entry).
    """
    return all(_BARE_VERSION.fullmatch(c.text) and not (c.key and c.key in gaz.by_key) for c in members)


#: the class nouns that may follow a name, each also with an "s"
_CLASS_NOUNS = ("method", "model", "framework", "approach", "algorithm", "architecture", "technique", "scheme",
                "strategy", "module", "pipeline", "system", "family", "dataset", "benchmark")
#: what may follow a name as its class: a class noun (or its "s" form), "corpus", "corpora", "based"
_CLASS_WORDS = (*_CLASS_NOUNS, *(noun + "s" for noun in _CLASS_NOUNS), "corpus", "corpora", "based")
#: a class noun in lower case after a name ("the Wallaby method", "Wallaby models", "the Wallaby dataset")
_CLASS_NOUN_AFTER = re.compile(rf"(?<=[A-Za-z0-9+])\s+(?:{'|'.join(_CLASS_WORDS)})$")


def _without_class_noun(name: str) -> str:
    """``_CLASS_NOUN_AFTER.sub("", name)``: ``name`` without a class noun after it, the pattern tried only
    on a name ending in one of :data:`_CLASS_WORDS` or in a line break (``$`` also matches before it).
    """
    if not name.endswith(_CLASS_WORDS) and not name.endswith("\n"):
        return name
    return _CLASS_NOUN_AFTER.sub("", name)


#: a size written as a word of its own after a space: " 1.0x", " 7b", " 0.5×"
_SIZE_WORD = re.compile(r" \d[\d.]*(?:x|×|[bmk])(?![\w\-])")


def _sentence_cased(name: str, text: str, members: list[Candidate]) -> bool:
    """Whether ``name`` is a lower-case phrase of two words or more but for its first capital, and every
    mention of it in ``members`` opens a sentence (or the title). A size after the first word ("Zorb 1.0x",
    "Zorb 7b") makes it a name, whatever its case.
    """
    if " " not in name or not name[:1].isupper() or name[1:] != name[1:].lower() or _SIZE_WORD.search(name):
        return False
    for c in members:
        if c.text == name:
            before = text[max(0, c.start - 3):c.start].rstrip(" ")
            if before and before[-1] not in ".!?:\n":
                return False
    return True


_LAST_LOWER_WORD = re.compile(r"(?<![\w\-])[a-z]+$")


def _with_class_nouns(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """The decided entities' candidates, with an entity written only as another one and a class noun
    ("Wallaby method" beside "Wallaby") joined to that one, whose type and name it takes.
    """
    owner = {variant_key(c.text): g for g, members in enumerate(groups) for c in members}
    into: dict[int, int] = {}
    for g, members in enumerate(groups):
        bare = {_without_class_noun(c.text) for c in members}
        if len(bare) != 1 or any(c.text in bare for c in members):
            continue  # a member without the class noun (a name of its own), or forms of two names
        h = owner.get(variant_key(bare.pop()), g)
        if h != g and h not in into:
            into[g] = h
    return _joined(groups, into)


def _with_longer_long_forms(groups: list[list[Candidate]], cands: list[Candidate]) -> list[list[Candidate]]:
    """The decided entities' candidates, with an entity named by a run that ends where a defined long form
    ends and starts before it joined to the entity of that definition ("the German Quokka Panel (QP)": the
    definition reads "Quokka Panel", the run "German Quokka Panel" is one more form of the same thing). A run
    the decision marks proposed stays apart from a definition it does not ("Decomposed Direct Preference
    Optimization" in the title, "Recently, Direct Preference Optimization (DPO) has emerged …"): the run names the
    paper's own change of the defined thing, which is background; it joins the proposed name coined from its
    words and the defined short form, if one is (:func:`_coined_from`: "DecompDPO", "GFKD").
    """
    longs: dict[int, list[tuple[int, int]]] = {}  # a pair's group -> the spans of its long form
    shorts: dict[int, set[str]] = {}  # a pair's group -> its short forms
    for c in cands:
        if c.source == "abbrev-long" and c.group >= 0:
            longs.setdefault(c.group, []).append((c.start, c.end))
        elif c.source == "abbrev-short" and c.group >= 0:
            shorts.setdefault(c.group, set()).add(c.text)
    if not longs:
        return groups
    pair_entity = {c.group: g for g, members in enumerate(groups) for c in members if c.group in longs}
    into: dict[int, int] = {}
    for g, members in enumerate(groups):
        for c in members:
            if c.group >= 0 or " " not in c.text:
                continue
            pairs = [(gid, start) for gid, spans in longs.items() if gid in pair_entity
                     for start, end in spans if c.end == end and c.start < start]
            owners = {pair_entity[gid] for gid, _ in pairs}
            if c.proposed and not any(o.proposed for h in owners for o in groups[h]):
                # the paper's own change of a background name, not a form of it: a form of the name coined from it
                owners = {h for gid, start in pairs for h, others in enumerate(groups) if h != g
                          for o in others if any(_coined_from(c.text[:start - c.start], short, o.text)
                                                                for short in shorts.get(gid, ()))}
            _join_to_one(into, g, owners)
    return _joined(groups, into)


def _coined_from(modifier: str, short: str, name: str) -> bool:
    """Whether ``name`` is a defined ``short`` form with the words ``modifier`` coined onto it, before or after:
    their initials, or the start of them (three letters at least), joined to it bare or by a hyphen or space
    ("DecompDPO" of "Decomposed" and "DPO", "GFKD" of "Graph-Free " and "KD", "QSR-Bal" of "Balanced" and "QSR").

    >>> _coined_from("Decomposed ", "DPO", "DecompDPO"), _coined_from("Graph-Free ", "KD", "GFKD")
    (True, True)
    >>> _coined_from("Decomposed ", "DPO", "DPO"), _coined_from("Sparse ", "DPO", "DecompDPO")
    (False, False)
    """
    words = [w for w in re.split(r"[\s\-]+", modifier.lower()) if w]
    if not words or len(name) <= len(short):
        return False
    if name.startswith(short):
        added = name[len(short):]
    elif name.endswith(short):
        added = name[:-len(short)]
    else:
        return False
    added = added.strip(" -").lower()
    return bool(added) and (added == "".join(w[0] for w in words)
                            or len(added) >= 3 and "".join(words).startswith(added))


def _join_to_one(into: dict[int, int], g: int, owners: set[int]) -> None:
    """Note in ``into`` (for :func:`_joined`) that group ``g`` and the one group of ``owners`` are one entity:
    nothing when there are several owners or none, or ``g`` owns itself; the later of the two groups joins the
    earlier, and only a group not joined yet, so that no chain of joins loops.
    """
    h = owners.pop() if len(owners) == 1 else g
    if h != g and max(g, h) not in into:
        into[max(g, h)] = min(g, h)


#: an acronym written alone: two to six capitals ("HTP"; not "V2R" nor "GATs", whose digit or plural
#: spells no initials plainly)
_BARE_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _with_spelled_out(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """The decided entities' candidates, with an acronym the paper writes without defining it joined to the
    entity of its long form written elsewhere ("Hierarchical Token Pruning" in the title, "HTP" in the
    abstract; "hindsight experience replay", later "HER"): one entity, two forms.

    The long form is a name of several words whose initials spell the acronym
    (:func:`~graphbuild.nlp.abbreviations.spelled_initials`), the only one of the paper's entities that
    does; an acronym defined in the paper (an abbreviation pair groups it already) or known to the
    gazetteer (its own sense decides) stays as it is.
    """
    acronyms: dict[str, int] = {}  # letters -> the group of an acronym that spells no known name
    taken: set[str] = set()
    for g, members in enumerate(groups):
        for c in members:
            if _BARE_ACRONYM.fullmatch(c.text):
                if c.group >= 0 or c.key:
                    taken.add(c.text.lower())
                else:
                    acronyms.setdefault(c.text.lower(), g)
    if not acronyms.keys() - taken:
        return groups
    spelling: dict[str, set[int]] = {}  # letters -> the groups of the long forms that spell them
    for g, members in enumerate(groups):
        for c in members:
            if " " in c.text:
                letters = spelled_initials(c.text)
                if letters in acronyms and letters not in taken:
                    spelling.setdefault(letters, set()).add(g)
    into: dict[int, int] = {}
    for letters, owners in spelling.items():
        _join_to_one(into, acronyms[letters], owners)
    return _joined(groups, into)


def _with_first_words(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """The decided entities' candidates, with an entity written only as one capitalised word the
    gazetteer does not know, which opens exactly one other entity's name of two words or more
    ("Switch models" beside "the Switch Transformer"), joined to that entity: its short form; not to a
    name that only adds a version to the word ("Zorb 2.0" beside "the original Zorb": its earlier edition).
    """
    into: dict[int, int] = {}
    for g, members in enumerate(groups):
        words = {c.text for c in members}
        if len(words) != 1 or any(c.key or " " in c.text or not c.text[:1].isupper() for c in members):
            continue
        opening = words.pop() + " "
        # (not a name with a version after the word: "Zorb" beside "Zorb 2.0" is the earlier edition)
        owners = {h for h, others in enumerate(groups) if h != g and h not in into
                  for c in others if c.text.startswith(opening) and not _BARE_VERSION.fullmatch(c.text[len(opening):])}
        if len(owners) == 1:
            into[g] = owners.pop()
    return _joined(groups, into)


def _joined(groups: list[list[Candidate]], into: dict[int, int]) -> list[list[Candidate]]:
    """``groups`` with each group ``g`` of ``into`` added to group ``into[g]``, or to the group that one
    is joined to in turn (a group is only ever joined to one that is not joined yet, so no chain loops).
    """
    if not into:
        return groups
    merged = [list(members) for members in groups]
    for g in into:
        h = into[g]
        while h in into:
            h = into[h]
        merged[h] += groups[g]
    return [members for g, members in enumerate(merged) if g not in into]


def _variants_of_the_paper(entities: list[EntityMention]) -> None:
    """A size or version of another entity of the paper ("QuokkaNet-L" beside "QuokkaNet"), which
    the gazetteer does not know, belongs to that family and has its type (but a parameter count,
    "Quokka-7B", names a model, whatever its family is, and so does a size word after a method's name,
    "Quokka-Base": :data:`~graphbuild.nlp.decide.SIZE_TIER`, and a checkpoint's marks after a method's name,
    "Quokka-8B-SFT": :data:`~graphbuild.nlp.decide.CHECKPOINT_MARKS`).
    """
    named = {form_key(e.name): e for e in entities}
    if len(named) < 2:
        return
    for e in entities:
        if e.family is not None or e.canonical is not None:
            continue
        family = family_name(e.name, lambda key: named[key].name if key in named else None)
        if family is not None:
            stem = named[form_key(family)]
            e.family = stem.name
            if stem.type in SCORED_TYPES and not _PARAMETER_COUNT.search(e.name) \
                    and not (stem.type == "Method" and (decide.SIZE_TIER.search(e.name)
                                                        or decide.CHECKPOINT_MARKS.search(e.name))):
                e.type = stem.type


_PARAMETER_COUNT = re.compile(r"\d[BMK]$|\d+x\d+[BM]$", re.I)


#: a bare version ("v2.0", "3") or a pair of capitalised words joined by a hyphen ("Alpha-Beta")
_ELIDABLE = re.compile(r"[vV]?\d+(?:\.\d+)*|[A-Z][a-z]+-[A-Z][a-z]+")
#: before an elided sibling: a name (with a capital, perhaps a year or number after it), the sibling's own
#: tail of the same shape, and the list's gap joining the two (``lexicon.list_gap``, "and" and "or" only: "Zorb v1.1
#: and ", "QRT 2019 Alpha-Beta, ")
_ELIDED_BEFORE = re.compile(r"(?<![\w\-])(?P<base>[A-Za-z][\w\-]*[A-Z][\w\-]*|[A-Z][\w\-]*)(?P<num>\s+\d{2,4})?"
                            r"\s+(?P<tail>[vV]?\d+(?:\.\d+)*|[A-Z][a-z]+-[A-Z][a-z]+)"
                            rf"(?:{list_gap('and|or')})$")


def _elidable_shape(form: str) -> str:
    return "version" if form[:1].isdigit() or form[1:2].isdigit() else "pair"


def elided_head_forms(members: list[Candidate], text: str) -> list[str]:
    """The full forms of a list's second name written without the head it shares with the one before it:
    "v2.0" of "Zorb v1.1 and v2.0" is "Zorb v2.0"; "Gamma-Delta" of "QRT 2019 Alpha-Beta and Gamma-Delta"
    is "QRT 2019 Gamma-Delta" (the tail of the first name and the second have the same shape).
    """
    out = []
    for c in members:
        if not _ELIDABLE.fullmatch(c.text):
            continue
        m = _ELIDED_BEFORE.search(text, max(0, c.start - 60), c.start)
        if m is None or _elidable_shape(m.group("tail")) != _elidable_shape(c.text):
            continue
        base = m.group("base") + (m.group("num") or "")
        if base.lower() in ("and", "or", "the", "on", "in", "of", "with"):
            continue
        out.append(f"{base} {c.text}")
    return out


#: right after a name: a year ("2015"), a dotted version ("1.1", "v2.3", "v0.1") or a "v" version ("v2"), standing
#: as a word of its own (not a score: "X 0.331", "X 0.5")
_EDITION_AFTER = re.compile(r"[ \-](?:(?:19|20)\d\d|v\d+(?:\.\d+)*|[1-9]\d?\.\d\d?)(?![\w\-]|\.\w)")


#: right after a name: a release number of one or two digits after a space ("Pythia 8", "BEAST 2"), then a
#: clause's end, a capitalised word ("Zorbvoice 13 Swahili") or a word in lower case, caught as ``next``; a
#: count's word after it ("8 times", "3 of the 5 runs", "20 passages") is told apart by :func:`_release_number`
_RELEASE_AFTER = re.compile(r"(?P<number> [1-9]\d?)(?![\w\-%.,]\w)(?:[,;:)]|\.|$| (?P<next>[a-z]+)\b| \(| [A-Z]|\n)")
#: the words after a number that make it a count, not a release: a multiple, a share, a range, a part of
#: a whole, a size word (a plural noun, "8 passages", is one too)
_COUNT_WORDS = frozenset("of out times percent per to x more fewer less than million billion thousand "
                         "hundred dozen".split())
#: lower-case words ending in "s" that are no plural noun ("BEAST 2 is", "Zorb 3 was")
_NOT_PLURAL = frozenset("is was has as its plus across versus thus".split())


def _release_number(text: str, end: int) -> str | None:
    """The release number written right after a name ending at ``end`` (" 8" of "Pythia 8 and"), or None
    where that number counts something: "Quolla 8 times faster", "Quolla 3 of the 5 runs", "Zorb 20 passages".
    """
    m = _RELEASE_AFTER.match(text, end)
    if m is None:
        return None
    word = m.group("next")
    if word is not None and (word in _COUNT_WORDS or word.endswith("s") and word not in _NOT_PLURAL):
        return None
    return m.group("number")


#: a shared task's number after a benchmark's name and edition ("Zorbcase 2023 Task 4", "ZorbEval-2013 task 7",
#: "Zorb2c 2018 Track 2"): the part a paper evaluates on, which a reader names it by
_TASK_AFTER = re.compile(r" (?:[Tt]ask|[Tt]rack|[Ss]ubtask) \d{1,2}[A-Za-z]?(?![\w\-])")


def task_forms(members: list[Candidate], text: str, editions: list[str]) -> list[str]:
    """A benchmark's name, with its edition where one is written after it, and the shared task's number after
    them (:data:`_TASK_AFTER`: "Zorbcase 2023 Task 4"): a form a reader names what the paper evaluates on by.
    """
    out: list[str] = []
    if "ask " not in text and "rack " not in text:
        return out  # every match of _TASK_AFTER holds one: most texts name no shared task
    for c in members:
        written = next((e for e in editions if e.startswith(c.text) and text.startswith(e, c.start)), c.text)
        m = _TASK_AFTER.match(text, c.start + len(written))
        if m is not None:
            out.append(written + m.group())
    return out


def edition_forms(members: list[Candidate], text: str) -> list[str]:
    """A name with the year or version written right after it ("Zorbench 2019", "Zorbench 1.1", "Zorb v2",
    "Zorb 2": :func:`_release_number`), where that edition stands outside the name's own span: a reader
    names the entity with it.
    """
    out = []
    for c in members:
        if c.text[:1].isalpha() and not c.text.islower() and not c.text[-1:].isdigit():
            m = _EDITION_AFTER.match(text, c.end)
            edition = m.group() if m is not None else _release_number(text, c.end)
            if edition is not None:
                out.append(c.text + edition)
    return out


#: a capitalised word and one space right before a name ("Zorbco " of "Zorbco QuillSet")
_QUALIFIER_BEFORE = re.compile(r"(?<![\w\-.,;:])([A-Z][A-Za-z]+) $")


def qualified_forms(members: list[Candidate], text: str, sents: list[tuple[int, int]]) -> list[str]:
    """A name with the capitalised word written right before it, inside its sentence, as the publisher,
    language or maker naming it ("Zorbco QuillSet", "Elvish Wikipedia"): a reader may name it so.
    """
    out = []
    for c in members:
        if not c.text[:1].isalnum() or c.text.islower() or not 0 <= c.sentence < len(sents):
            continue
        s = sents[c.sentence][0]
        m = _QUALIFIER_BEFORE.search(text, max(s, c.start - 30), c.start)
        if m is not None and m.start() > s and text[s:m.start()].strip():
            out.append(f"{m.group(1)} {c.text}")
    return out


#: a name with two capitals or more (perhaps of several capitalised words), then one or two words in lower case,
#: no function word ("ZORB bedrooms", "QuillSet news", "QuillSet test-clean", "ZB QUILL passage ranking")
_SUBSET = re.compile(r"(?P<name>[A-Za-z][\w\-]*[A-Z][\w\-]*(?: [A-Z][\w\-]*)*)"
                     r"(?: (?!(?:and|the|for|with|from|into|over)\b)[a-z]{3,}(?:-[a-z]{3,})?){1,2}")


#: one short all-capital word right after a name, ending the clause or phrase ("Zorb QX" of "Zorb QX at equal time")
_ACRONYM_AFTER = re.compile(r" ([A-Z]{2,4})(?![\w\-])")


#: a slash and a capitalised part right after a name ("/C" of "ZorbBench/C")
_SLASH_PART_AFTER = re.compile(r"/[A-Z][\w+]*(?![\w\-/])")
#: a split or a size written right after a name: "-test" of "Zorb2F-test", " Medium" of "Zorb 3 Medium"
_SPLIT_OR_SIZE_AFTER = re.compile(r"(?:-[a-z]{3,}| (?:Tiny|Small|Base|Medium|Large|Mini|Lite|Pro|Plus|Ultra))"
                                  r"(?![\w\-])")
#: a hyphenated adjective, no split: "-based", "-style", "-specific"
_ADJECTIVE_SPLIT = re.compile(r"-(?:based|style|like|specific|aware|free|level|wise|scale|only|guided|driven|"
                              r"pretrained|trained|tuned|generated|derived|inspired|augmented|compatible|sized)")
#: a capital prefix joined by a hyphen right before a name ("QX-" of "QX-Zorb")
_CAPITAL_PREFIX_BEFORE = re.compile(r"(?<![\w\-])[A-Z]{1,4}-$")
#: a name's last word, a plural in lower case ("codes" of "Zorb-Quib codes")
_PLURAL_LAST = re.compile(r"(?<= )[a-z]{3,}s$")


def suffixed_forms(members: list[Candidate], text: str) -> list[str]:
    """A name with a short all-capital word written right after it, as the variant or part of the system it
    names ("Zorb QX"), or with a slash and a part ("ZorbBench/C"); with a split or size word after it
    ("Zorb2F-test", "Zorb 3 Medium"); with a capital prefix and hyphen before it ("QX-Zorb"); a capitalised
    name ending in a plural class noun, in the singular ("Zorb-Quib codes": "Zorb-Quib code"): a reader
    may name the entity so.
    """
    out = []
    for c in members:
        if c.text[:1].isupper() and " " not in c.text and sum(ch.isupper() for ch in c.text) >= 2:
            m = _ACRONYM_AFTER.match(text, c.end)
            if m is not None:
                out.append(f"{c.text} {m.group(1)}")
            m = _SLASH_PART_AFTER.match(text, c.end)
            if m is not None:
                out.append(c.text + m.group())
        if c.text[:1].isalnum() and not c.text.islower():
            m = _SPLIT_OR_SIZE_AFTER.match(text, c.end)
            if m is not None and not _ADJECTIVE_SPLIT.fullmatch(m.group()):
                out.append(c.text + m.group())
        if c.text[:1].isupper() and (m := _CAPITAL_PREFIX_BEFORE.search(text, max(0, c.start - 6), c.start)):
            # with the name's first word alone too: "QX-Zorb captions" names "QX-Zorb"
            out += dict.fromkeys((m.group() + c.text, m.group() + c.text.split()[0]))
        if c.text[:1].isupper() and (m := _PLURAL_LAST.search(c.text)) is not None:
            out.append(c.text[:m.start()] + singular_noun(m.group()))
    return out


#: a dataset's name with the image size it is read at before it ("256x256 ZORB") or the split used after it
#: ("ZORB Dev", "Zorb QA Test Set"): ``name`` is the collection's own
_SIZED_OR_SPLIT = re.compile(r"(?:\d+\s?[x×]\s?\d+ )?(?P<name>[A-Z][\w\-]*(?: [\w\-]+)*?)"
                             r"(?: (?:Dev|Test|Val|Validation)(?: [Ss]et| [Ss]plit)?)?")


def subset_heads(members: list[Candidate]) -> list[str]:
    """The collection's own name of a dataset written as that name and the part of it used ("ZORB bedrooms":
    "ZORB"), at an image size ("256x256 ZORB": "ZORB") or with a split ("ZORB Dev": "ZORB"), which a reader may
    name the entity by.
    """
    out = []
    for c in members:
        m = _SUBSET.fullmatch(c.text)
        if m is not None and sum(ch.isupper() for ch in m.group("name")) >= 2:
            out.append(m.group("name"))
        m = _SIZED_OR_SPLIT.fullmatch(c.text)
        if m is not None and m.group("name") != c.text:
            out.append(m.group("name"))
    return out


def plural_pair_singulars(pair_short: list[str], pair_long: list[str]) -> list[str]:
    """The singular of a plural short form its plural long form explains ("QZNs" of "quiz networks
    (QZNs)": "QZN"), which a reader names the entity by, whatever else names it.
    """
    out = []
    for short in pair_short:
        singular = next((s for long in pair_long if (s := singular_short_form(short, long))), None)
        if singular:
            out.append(singular)
    return out


#: a lower-case head right after a name that names what kind of technique it is ("Zorb regularization")
_TECHNIQUE_HEAD_AFTER = re.compile(r" (?:regulari[sz]ation|regulari[sz]er|loss|objective|sampling|normali[sz]ation|"
                                   r"pooling|routing|initiali[sz]ation|decoding|distillation|augmentation)(?![\w\-])")
#: a leading article, or a trailing class noun, that a reader may leave out of a name's form
_ARTICLE_BEFORE = re.compile(r"^(?:the|The|our|Our) (?=\S)")


#: the kind noun of a collection of data right after a name ("the Zorb suite", "Quib traces", "the Zorb
#: Benchmark"): what the data is, which a reader may name it with
_DATA_KIND_AFTER = re.compile(r" (?:[Bb]enchmarks?|[Ss]uite|[Dd]ataset|data set|[Cc]orpus|[Cc]ollection|[Tt]races?|"
                              r"workloads?|logs)(?![\w\-])")


#: up to four lower-case words right after a name, in its phrase (" gravity dataset", " post-treatment glioma
#: collection", " model"): where a kind noun among them ends the phrase a reader may name the entity with
_LOWER_WORDS_AFTER = re.compile(r"(?: [a-z][a-z0-9]*(?:-[a-z0-9]+)*){1,4}(?![\w\-])")
#: the kind nouns that end a name's phrase in :func:`kind_phrase_forms`: a collection of data (a library or a
#: set of data too: "the Zorb spectral library", "the Zorb evaluation set") or, right after the name, a model
#: or a method, or the part or whole of a system it is ("the Zorb model", "the Zorb recipe", "the Zorb framework",
#: "the Zorb module", "a Zorb layer", "the Zorb net")
_PHRASE_KINDS = COLLECTION_HEADS | {"library", "set", "sets"}
#: ... and the nouns for a body of data that end the phrase where no noun follows them, and else are its modifiers
#: ("the Zorb graph classification collection"): an instrument's or a survey's data product, series or map ("the
#: Zorb NDVI product", "the Zorb sunspot series"), a crawl's or a site's graph or histories ("the Zorb host graph",
#: "Zorb edit histories"), a census's microdata, a reanalysis; the plurals that are verbs as well only after a
#: modifier ("the Zorb open samples", not "Zorb samples tokens")
_TAIL_KINDS = frozenset(("product", "products", "series", "map", "graph", "histories", "microdata", "reanalysis",
                         "lexicon"))
_MODIFIED_KINDS = frozenset(("samples", "maps"))
_NAME_KINDS = frozenset(("model", "method", "algorithm", "recipe", "heuristic", "scheme", "ensemble", "framework",
                         "module", "layer", "block", "net", "network"))


def headed_forms(members: list[Candidate], text: str) -> list[str]:
    """A coined or capitalised name with the technique head written after it ("Zorb regularization" of
    "Zorb"), or any capitalised name with the kind noun of a collection of data after it ("Zorb Quib
    traces", "the Zorb suite"), where the head stands outside the name's span: a reader may name it so
    (and with the words between them: :func:`kind_phrase_forms`).
    """
    out = []
    for c in members:
        if c.text[:1].isalnum() and not c.text.islower():
            m = _TECHNIQUE_HEAD_AFTER.match(text, c.end) if " " not in c.text else None
            if m is not None:
                out.append(c.text + m.group())
            m = _DATA_KIND_AFTER.match(text, c.end)
            if m is not None:
                out.append(c.text + m.group())
            form = kind_phrase_form(c.text, text, c.end)
            if form is not None and form not in out:  # (the kind right after: the form above)
                out.append(form)
    return out


def kind_phrase_form(name: str, text: str, end: int) -> str | None:
    """The name ending at ``end`` with the noun phrase it opens, to a kind noun: a collection of data after
    modifiers in lower case ("Zorb gravity dataset", "Zorb post-treatment glioma collection", "Zorb spectral
    library"), or a model or method right after it ("Zorb model", "Zorb method"): the words a paper names a
    dataset or model by, which a reader may name it with. Not past a function word, a verb's or plural's
    ending in "s" or "ed" ("Zorb reduces benchmark error", "Zorb trained models"), nor a phrase that goes on
    as another noun after the kind ("Zorb data center").

    >>> kind_phrase_form("Zorb", "the Zorb gravity dataset, 1990-2016", 8)
    'Zorb gravity dataset'
    >>> kind_phrase_form("Zorb", "the Zorb model of growth", 8)
    'Zorb model'
    >>> kind_phrase_form("Zorb", "the Zorb sampled data", 8) is None
    True
    >>> kind_phrase_form("Zorb", "the Zorb host graph and", 8), kind_phrase_form("Zorb", "Zorb open samples.", 4)
    ('Zorb host graph', 'Zorb open samples')
    >>> kind_phrase_form("Zorb", "the Zorb graph classification collection", 8)
    'Zorb graph classification collection'
    >>> kind_phrase_form("Zorb", "Zorb samples tokens", 4) is None
    True
    """
    m = _LOWER_WORDS_AFTER.match(text, end)
    if m is None:
        return None
    words = m.group().split()
    for k, word in enumerate(words):
        tail = word in _TAIL_KINDS or k > 0 and word in _MODIFIED_KINDS
        if tail or word in _PHRASE_KINDS or k == 0 and word in _NAME_KINDS:
            following = words[k + 1] if k + 1 < len(words) else ""
            if following in _PHRASE_KINDS or following and following not in STOP_WORDS \
                    and not following.endswith(("s", "ed")):
                if tail and not word.endswith("s"):
                    continue  # (a modifier: "Zorb graph classification collection")
                return None  # (a longer noun: "Zorb data center", "Zorb dataset curation"; not "… dataset shows")
            return " ".join((name, *words[:k + 1]))
        if word in STOP_WORDS or word.endswith(("s", "ed")):
            return None
    return None


#: a parameter count right before a name, perhaps with "-parameter" ("the 175B ", "a 1.3B-parameter ")
_SIZE_BEFORE = re.compile(r"(?<![\w.\-])(\d+(?:\.\d+)?[BMT])(?:-parameters?)? $")
#: a name ending in a number, then a plural in lower case ("Zorbitron 2600 games")
_NUMBERED_THEN_PLURAL = re.compile(r"(?P<name>[A-Z][\w\-]*(?: [A-Z][\w\-]*)* \d+) [a-z]{3,}s")


def sized_forms(members: list[Candidate], text: str) -> list[str]:
    """A model's name with the parameter count written before it ("the 175B Zorb-3": "Zorb-3 175B"), the
    form a reader names that size variant by.
    """
    out = []
    for c in members:
        if c.text[:1].isupper() and (not c.text[-1:].isdigit() or "-" in c.text):
            m = _SIZE_BEFORE.search(text, max(0, c.start - 20), c.start)
            if m is not None and not _PARAMETER_COUNT.search(c.text):
                out.append(f"{c.text} {m.group(1)}")
    return out


def numbered_heads(members: list[Candidate]) -> list[str]:
    """A numbered name without the plain plural written after it ("Zorbitron 2600 games": "Zorbitron 2600")."""
    out = []
    for c in members:
        # (every match ends in the plural's "s": most names do not, where the pattern backtracks through every split)
        m = _NUMBERED_THEN_PLURAL.fullmatch(c.text) if c.text.endswith("s") else None
        if m is not None:
            out.append(m.group("name"))
    return out


def maker_free_forms(mentions: list[str]) -> list[str]:
    """A name's forms without the organisation written before it as its maker ("Zorbco HQ-Set" with a maker
    of the generic list: "Acme" of "Acme HQ-Set" where Acme is listed), when what is left has a name's
    capital or digit: a reader names it either way ("Meta Llama 3", "Llama 3").

    >>> maker_free_forms(["Google Quillset-2", "NVIDIA Q100", "Google", "Zorbo Net"])
    ['Quillset-2', 'Q100']
    """
    out = []
    for form in mentions:
        maker, space, rest = form.partition(" ")
        if space and (rest[:1].isupper() or rest[:1].isdigit()) and form_key(maker) in organisation_keys():
            out.append(rest)
    return out


def bare_forms(mentions: list[str]) -> list[str]:
    """A name's forms without its leading article ("the Zorbpile": "Zorbpile") or without a class noun after a
    name-shaped word ("quib-gram model": "quib-gram"): a reader may name the entity either way.
    """
    out = []
    for form in mentions:
        bare = _ARTICLE_BEFORE.sub("", form)
        bare = _without_class_noun(bare)
        if bare != form and bare and any(ch.isupper() or ch.isdigit() or ch == "-" for ch in bare):
            out.append(bare)
    return out


def _entity_from(members: list[Candidate], text: str, sents: list[tuple[int, int]], gaz: Gazetteer,
                 title_end: int = 0) -> EntityMention:
    longs = [c for c in members if c.source == "abbrev-long"]
    entry = None
    for c in longs + [c for c in members if c.source != "abbrev-long"]:
        entry = gaz.lookup(c.text) or (gaz.by_key.get(c.key) if c.key else None)
        if entry is not None:
            # "SAM" in a paper on segmentation: Segment Anything; "DFT" where no sense is shown: no entry's name
            entry = gaz.sense_of(text, c.text, entry)
            break
    if entry is not None and longs and not any(gaz.lookup(c.text) is entry for c in longs):
        # "Semi-Supervised Learning (SSL)": the definition wins over a known meaning of the acronym
        entry = None
    elif entry is not None and all(another_sense(text, c.text, entry.name) for c in members):
        entry = None  # "PAG" in "Planning Ahead in Generative retrieval" is no Perturbed-Attention Guidance
    mentions: list[str] = []
    for c in members:
        if c.text not in mentions:
            mentions.append(c.text)
    pair_long = [c.text for c in members if c.source == "abbrev-long"]
    pair_short = [c.text for c in members if c.source == "abbrev-short"]
    written = entry is not None and any(m != m.lower() or _BARE_VERSION.fullmatch(m) for m in mentions)
    if entry is not None and (written or entry.name == entry.name.lower()
                              and (form_key(entry.name) in {form_key(m) for m in mentions}
                                   or all(_PARTICIPLE_FORM.fullmatch(m) for m in mentions))):
        # lower-case-only mentions keep their form (a technique family), but for a participle the entry
        # lists ("instruction-tuned models": instruction tuning)
        name = entry.name
    elif pair_long and pair_short:
        # a lower-case long form names a technique family; a plural pair is named in the singular
        # ("graph attention networks (GATs)": GAT, which another paper's "GAT" joins)
        singular = singular_short_form(pair_short[0], pair_long[0])
        if pair_long[0].islower():
            name = _LAST_LOWER_WORD.sub(lambda m: singular_noun(m.group()), pair_long[0]) if singular else pair_long[0]
        else:
            name = singular or pair_short[0]
    else:
        name = Counter(c.text for c in members).most_common(1)[0][0]
        if name[-1:] == "s" and name[:-1] in mentions:
            name = name[:-1]  # "two RavelNets ... each RavelNet": the name its plural is of, however often written
        if name.startswith(("Our ", "our ")) and name[4:5].isupper():
            name = name[4:]  # "Our Zorb Sampling" opening a sentence: the authors' Zorb Sampling
        # a lower-case phrase whose capital only opens a sentence ("Token merging cuts …"): named as the
        # text writes it inside one
        if _sentence_cased(name, text, members) and all(m == m.lower() or m == name for m in mentions):
            name = name[0].lower() + name[1:]
        # a phrase the abstract writes in lower case only, capitalised in the title by its style ("Self-Speculative
        # Decoding: …" and "self-speculative decoding" in the text): named as the authors write it in running text
        if name != name.lower() and decide.written_lower_case(members, range(len(members)), title_end, sents):
            name = Counter(c.text for c in members if c.start >= title_end and c.text.islower()).most_common(1)[0][0]
    type_ = members[0].type or "Method"  # the decision model's type
    editions = edition_forms(members, text)
    if len(editions) == len(members) and len(set(editions)) == 1:
        name = editions[0]  # written only with its version ("BEAST 2" each time): that version is the entity
    # forms a reader may name the entity by, beyond the spans found (they choose no name)
    forms = elided_head_forms(members, text) + plural_pair_singulars(pair_short, pair_long)
    forms += editions + task_forms(members, text, editions) + headed_forms(members, text) + bare_forms(mentions)
    forms += sized_forms(members, text) + numbered_heads(members) + suffixed_forms(members, text)
    forms += qualified_forms(members, text, sents) + maker_free_forms(mentions)
    if type_ == "Dataset":
        forms += subset_heads(members)
    for form in forms:
        if form not in mentions:
            mentions.append(form)
    proposed = any(c.proposed for c in members)
    role = min((c.role for c in members), key=ROLES.index)
    if role == "evaluates_on" and type_ != "Dataset":
        role = "uses"
    if proposed:
        role = "proposes"
    evidence_c = next(c for c in members if c.role == role) if any(c.role == role for c in members) else members[0]
    s, e = sents[evidence_c.sentence] if 0 <= evidence_c.sentence < len(sents) else (0, len(text))
    family = None
    if entry is not None:
        fam = gaz.family_of(entry)
        family = fam.name if fam else None
    if family is None and entry is None:
        family = family_name(name, lambda key: gaz.by_key[key].name if key in gaz.by_key else None)
        fam_entry = gaz.by_key.get(form_key(family)) if family else None
        # a variant has its family's type, unless the authors' words type their own name ("Zorb-Lite: A … Model")
        if fam_entry is not None and fam_entry.type in ("Model", "Method", "Dataset") \
                and not (proposed and any(defined_type(text, title_end, c) for c in members)):
            type_ = fam_entry.type
    return EntityMention(
        name=name,
        type=type_,
        mentions=mentions,
        proposed=proposed,
        role=role,
        evidence=text[s:e],
        start=evidence_c.start,
        end=evidence_c.end,
        canonical=entry.name if entry is not None else None,
        family=family,
    )
