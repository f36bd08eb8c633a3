"""The per-document state the components share: candidate names on the Doc.

Extensions are registered once, at import, never inside a component's
constructor (a scispaCy slip worth avoiding).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from .textclean import clean_text

__all__ = ["Candidate", "candidates", "ensure_extensions", "guarded", "report_failure", "ComponentWarning", "doc_text",
           "TEXT_KEY", "RAW_KEY", "UPPER_TITLE_KEY", "text_doc"]

#: ``doc.user_data`` key of the text the components read (the title recased when it was in capitals)
TEXT_KEY = "graphbuild.text"
#: ``doc.user_data`` key set (``True``) where the title was written in capitals and recased: the gazetteer then
#: gives the names it knows there their own form (:class:`~graphbuild.nlp.gazetteer.GazetteerComponent`)
UPPER_TITLE_KEY = "graphbuild.upper_title"
#: ``doc.user_data`` key of the input string, set by :func:`text_doc` so that nothing rebuilds
#: ``doc.text`` from the tokens (a third of the tokenizer's cost)
RAW_KEY = "graphbuild.raw"


class ComponentWarning(UserWarning):
    """A graphbuild component failed on one document; the batch went on."""


@dataclass(slots=True)
class Candidate:
    """A span of the text that may name an entity, with the evidence gathered so far."""

    start: int
    end: int
    text: str
    source: str  # gazetteer | abbrev-long | abbrev-short | shape | cue | title | list
    key: str | None = None  # gazetteer canonical name key, when known
    type: str | None = None
    votes: dict[str, float] = field(default_factory=dict)
    proposed: bool = False
    role: str = "uses"
    group: int = -1  # candidates with the same group name one entity (abbreviation pairs)
    sentence: int = -1  # index into doc._.gb_sents
    accepted: bool = True
    strong: bool = False  # has evidence enough to stand alone (gazetteer, shape, definition, cue)
    generic: bool = False  # a generic word (Transformer): kept only where the paper proposes it
    sources: tuple[str, ...] = ()  # every proposer that found this span (``source`` is the strongest)
    named: bool = False  # the name a naming cue gives in the authors' words ("we call this approach X")
    joins_names: bool = False  # a capitalised run joining names across "and/with/on ..." (no mention of its own)
    recased: bool = False  # a gazetteer form written back into a title in capitals ("MASSIVE" read as "MassIVE")
    rule_kept: bool = True  # the hand-written selection rules would keep it (a feature, not a decision)
    rule_final: bool = False  # ... and it survives their overlap resolution
    score: float = 0.0  # the decision model's probability that this span names a scored entity
    entity: int = -1  # index of the entity this candidate names, after the decision (-1: none)

    def vote(self, type_: str, weight: float) -> None:
        """Add ``weight`` to this candidate's vote for ``type_``."""
        self.votes[type_] = self.votes.get(type_, 0.0) + weight


def text_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc`` of the text cleaned of what hides names (:func:`~graphbuild.nlp.textclean.clean_text`:
    LaTeX markup, no-break spaces, …; its length unchanged), kept in ``doc.user_data[RAW_KEY]``.
    """
    text = clean_text(text)
    doc = nlp.make_doc(text)
    doc.user_data[RAW_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The text the components read: ``doc.text``, with a title in capitals recased.

    The first component (``graphbuild_sentences``) stores it once, so the others
    neither rebuild ``doc.text`` from the tokens nor see an upper-case title.
    Recasing changes letters only, never offsets.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def ensure_extensions() -> None:
    """Register graphbuild's ``Doc`` and ``Span`` extensions (once, at import)."""
    if not Doc.has_extension("gb_sents"):
        Doc.set_extension("gb_sents", default=None)
    if not Doc.has_extension("gb_candidates"):
        Doc.set_extension("gb_candidates", default=None)
    if not Doc.has_extension("gb_abbrevs"):
        Doc.set_extension("gb_abbrevs", default=None)
    if not Doc.has_extension("gb_title_end"):
        Doc.set_extension("gb_title_end", default=-1)
    # the decision's values per character span, read by the span extensions below
    if not Doc.has_extension("gb_ent_info"):
        Doc.set_extension("gb_ent_info", default=None)
    # on the spans of doc.ents and doc.spans["gb_candidates"]: read from doc._.gb_ent_info when asked
    for index, (attr, default) in enumerate(ENT_INFO):
        if not Span.has_extension(attr):
            Span.set_extension(attr, getter=_ent_info_getter(index, default))


#: the span extensions of the entities, in the order of a ``doc._.gb_ent_info`` row, with their defaults
ENT_INFO: tuple[tuple[str, object], ...] = (("gb_name", None), ("gb_proposed", False), ("gb_role", None),
                                            ("gb_score", 0.0), ("gb_source", None))


def _ent_info_getter(index: int, default: object) -> Callable[[Span], object]:
    def get(span: Span) -> object:
        info = span.doc._.gb_ent_info
        row = info.get((span.start_char, span.end_char)) if info else None
        return default if row is None else row[index]

    return get


def candidates(doc: Doc) -> list[Candidate]:
    """The doc's candidate list, created on first use."""
    ext = doc._  # (each ``doc._`` builds an accessor: read it once)
    found = ext.gb_candidates
    if found is None:
        found = []
        ext.gb_candidates = found
    return found


def guarded(name: str) -> Callable[[Callable[[Doc], Doc]], Callable[[Doc], Doc]]:
    """Route a component's per-document failure to a warning, so one odd document
    never stops a batch: the document keeps what the earlier components found.
    """

    def wrap(component: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        @functools.wraps(component)
        def run(doc: Doc) -> Doc:
            try:
                return component(doc)
            except Exception as exc:  # noqa: BLE001 - reported, then the batch continues
                report_failure(name, doc, exc)
                return doc

        return run

    return wrap


def report_failure(name: str, doc: Doc, exc: Exception, stacklevel: int = 2) -> None:
    """Warn that component ``name`` failed on ``doc`` (which keeps what the earlier components found)."""
    head = doc.text[:60].replace("\n", " ")
    warnings.warn(f"{name} failed on the document starting {head!r}: {exc!r}; "
                  "it keeps what the earlier components found", ComponentWarning, stacklevel=stacklevel + 1)


ensure_extensions()
