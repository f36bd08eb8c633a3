"""The per-document state the components share: candidate names on the Doc.

Extensions are registered once, at import, never inside a component's
constructor (a scispaCy slip worth avoiding).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

__all__ = ["Candidate", "candidates", "ensure_extensions"]


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

    def vote(self, type_: str, weight: float) -> None:
        self.votes[type_] = self.votes.get(type_, 0.0) + weight


def ensure_extensions() -> None:
    if not Doc.has_extension("gb_sents"):
        Doc.set_extension("gb_sents", default=None)
    if not Doc.has_extension("gb_candidates"):
        Doc.set_extension("gb_candidates", default=None)
    if not Doc.has_extension("gb_abbrevs"):
        Doc.set_extension("gb_abbrevs", default=None)
    if not Doc.has_extension("gb_title_end"):
        Doc.set_extension("gb_title_end", default=-1)


def candidates(doc: Doc) -> list[Candidate]:
    """The doc's candidate list, created on first use."""
    if doc._.gb_candidates is None:
        doc._.gb_candidates = []
    return doc._.gb_candidates


ensure_extensions()
