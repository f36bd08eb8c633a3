"""The NLP pass: a spaCy pipeline of graphbuild's components, and papers -> extractions.

>>> from graphbuild.nlp.pipeline import make_pipeline
>>> make_pipeline().pipe_names[:3]
['graphbuild_sentences', 'graphbuild_gazetteer', 'graphbuild_abbreviations']
"""

from __future__ import annotations

import functools
import operator
import re
import types
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import cast

import spacy
from spacy.lang import lex_attrs
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
from .candidates import Candidate, doc_text, text_doc
from .features import CorpusStats, corpus_stats
from .gazetteer import Gazetteer, GazetteerComponent, form_key

__all__ = ["COMPONENTS", "make_pipeline", "extract_papers", "extract_text", "doc_to_extraction", "family_name"]

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
    infixes = [*(nlp.Defaults.infixes or ()), r"→", r"(?<=[A-Za-z0-9])->(?=[A-Za-z])"]
    infix_finditer: _Bound = spacy.util.compile_infix_regex(infixes).finditer
    # a full stop after a size or version suffix ends the sentence: "… Falcon 180B.", "on GSM8K."
    # (spaCy keeps a period after one capital, as in an initial "J.")
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(
        [*(nlp.Defaults.suffixes or ()), r"(?<=[0-9][A-Z])\."]).search
    if model is None:
        # (English rules) a new plain word is tried against every prefix, suffix, infix and address
        # rule: answer those at once
        tokenizer.prefix_search = _plain_word_skipped(cast(_Bound, tokenizer.prefix_search), None)
        tokenizer.suffix_search = _suffix_near_the_end(cast(_Bound, tokenizer.suffix_search))
        infix_finditer = _plain_word_skipped(infix_finditer, ())
        if tokenizer.url_match is not None:
            tokenizer.url_match = _plain_word_skipped(cast(_Bound, tokenizer.url_match), None)
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
    dictionary whose missing keys are lower-cased); the others stay.
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


_ASCII_DIGIT = re.compile(r"[0-9]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _suffix_near_the_end(search: _Bound) -> _Bound:
    """``search`` (the English suffix pattern's), started near the end of a word without digits.

    A suffix is searched for at every position of a word, each position trying
    every rule. Every English suffix rule that takes an ASCII letter is one of
    ``'s`` (and its variants) or follows a digit (units, currencies): in a word
    without ASCII digits a match holds no letter but the ``s`` of ``'s``, so
    none starts before the character ahead of the last letter, and the search
    starts there (look-behinds still see the characters before it). A plain word
    gets no search at all (:func:`_plain_word_skipped`). The result keeps the
    pattern as ``__self__``.
    """
    searched = cast(Callable[[str, int], object], search)

    def suffix(string: str) -> object:
        if string.isalpha() and string.isascii():
            return None
        if _ASCII_DIGIT.search(string) is None:
            last = _ASCII_LETTER.search(string[::-1])
            if last is not None:  # the last letter is at len(string) - 1 - last.start()
                return searched(string, max(len(string) - 2 - last.start(), 0))
        return search(string)

    suffix.__self__ = search.__self__  # type: ignore[attr-defined]
    return suffix


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
    nlp = nlp or cached_pipeline()
    papers = list(papers)
    stats = corpus if isinstance(corpus, CorpusStats) else corpus_stats(
        corpus if corpus is not None else (p.text for p in papers))
    if n_process > 1 and len(papers) > batch_size:
        yield from _extract_parallel(papers, nlp, batch_size, n_process, progress, stats)
        return
    gaz = _gazetteer(nlp)
    with corpus_context(nlp, stats):
        for paper, doc in zip(papers, nlp.pipe((text_doc(nlp, p.text) for p in papers), batch_size=batch_size)):
            yield doc_to_extraction(doc, paper.id, paper.title, gaz)
            if progress:
                progress(1)


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


def _extract_chunk(items: list[tuple[str, str, str]]) -> list[Extraction]:
    model, gazetteer_path, corpus = _WORKER["job"]
    nlp = cached_pipeline(model or None, gazetteer_path)
    gaz = _gazetteer(nlp)
    with corpus_context(nlp, corpus):
        return [doc_to_extraction(doc, pid, title, gaz)
                for (pid, title, _), doc in zip(items, nlp.pipe(text_doc(nlp, text) for _, _, text in items))]


def _extract_parallel(papers: list[Paper], nlp: Language, batch_size: int, n_process: int,
                      progress: Callable[[int], None] | None, corpus: CorpusStats) -> Iterator[Extraction]:
    """:func:`extract_papers` in ``n_process`` workers; the corpus statistics, counted once by the
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
    """The NLP pass on free text (a draft abstract, an idea)."""
    nlp = nlp or cached_pipeline()
    body = f"{title}\n\n{text}" if title else f"\n\n{text}"
    return doc_to_extraction(nlp(text_doc(nlp, body)), "text:query", title, _gazetteer(nlp))


# ------------------------------------------------------------------ grouping

_SUFFIX = re.compile(
    r"^(?P<base>.+?)(?:[-\s_](?P<word>XL|XXL|Base|Large|Small|Tiny|Huge|Mini|mini|Pro|Plus|Ultra|Instruct|Chat|"
    r"Lite|MoE|DPO|SFT|RLHF|Turbo|[A-Z]\d*|v\d+(?:\.\d+)*)|[-\s_]?(?P<num>\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[BMKk]|"
    r"\d+x\d+[BM]))$"
)


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
    current = name
    for _ in range(4):
        m = _SUFFIX.match(current)
        if not m or len(m.group("base")) < 2:
            break
        current = m.group("base").rstrip("-_ ")
        hit = known(form_key(current))
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
    entities = [_entity_from(members, text, sents, gaz) for members in groups.values()]
    entities.sort(key=lambda e: e.start)
    _variants_of_the_paper(entities)
    return Extraction(paper_id=paper_id, title=title, entities=entities)


def _variants_of_the_paper(entities: list[EntityMention]) -> None:
    """A size or version of another entity of the paper ("QuokkaNet-L" beside "QuokkaNet"), which
    the gazetteer does not know, belongs to that family and has its type (but a parameter count,
    "Quokka-7B", names a model, whatever its family is).
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
            if stem.type in SCORED_TYPES and not _PARAMETER_COUNT.search(e.name):
                e.type = stem.type


_PARAMETER_COUNT = re.compile(r"\d[BMK]$|\d+x\d+[BM]$", re.I)


def _entity_from(members: list[Candidate], text: str, sents: list[tuple[int, int]], gaz: Gazetteer) -> EntityMention:
    longs = [c for c in members if c.source == "abbrev-long"]
    entry = None
    for c in longs + [c for c in members if c.source != "abbrev-long"]:
        entry = gaz.lookup(c.text) or (gaz.by_key.get(c.key) if c.key else None)
        if entry is not None:
            break
    if entry is not None and longs and not any(gaz.lookup(c.text) is entry for c in longs):
        # "Semi-Supervised Learning (SSL)": the definition wins over a known meaning of the acronym
        entry = None
    mentions: list[str] = []
    for c in members:
        if c.text not in mentions:
            mentions.append(c.text)
    pair_long = [c.text for c in members if c.source == "abbrev-long"]
    pair_short = [c.text for c in members if c.source == "abbrev-short"]
    if entry is not None and (form_key(entry.name) in {form_key(m) for m in mentions}
                              or any(m != m.lower() for m in mentions)):
        name = entry.name  # lower-case-only mentions keep their form: a technique family
    elif pair_long and pair_short:
        name = pair_long[0] if pair_long[0].islower() else pair_short[0]
    else:
        name = Counter(c.text for c in members).most_common(1)[0][0]
    type_ = members[0].type or "Method"  # the decision model's type
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
        if fam_entry is not None and fam_entry.type in ("Model", "Method", "Dataset"):
            type_ = fam_entry.type  # a variant has its family's type
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
