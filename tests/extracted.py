"""What the extraction tests read of one record's entities: each name's type, and which names the paper proposes.

A record is read as graphbuild reads a paper: its title apart from its abstract (which may be empty), through
:func:`graphbuild.nlp.pipeline.extract_text` with the shipped pipeline.
"""

from __future__ import annotations

from graphbuild.nlp.pipeline import extract_text


def types_of(title: str, abstract: str) -> dict[str, str]:
    """Each entity's name and its type."""
    return {e.name: e.type for e in extract_text(abstract, title=title).entities}


def proposed_marks(title: str, abstract: str) -> dict[str, bool]:
    """Each entity's name and whether the paper proposes it."""
    return {e.name: e.proposed for e in extract_text(abstract, title=title).entities}


def proposed_names(title: str, abstract: str) -> set[str]:
    """The names of the entities the paper proposes."""
    return {name for name, proposed in proposed_marks(title, abstract).items() if proposed}
