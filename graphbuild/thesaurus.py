"""VOSviewer thesaurus files as curation operations.

A VOSviewer thesaurus is tab-separated with the header ``label`` / ``replace
by``: each row replaces a term by another (here: a merge of ``label`` into the
replacement) or, with an empty replacement, makes VOSviewer ignore the term
(here: a reject). Fields are taken as they stand between the tabs: VOSviewer
does not quote them, so a ``"`` is part of the name.

A row whose label and replacement are one name (the same text, or text the
resolver reads as one name, such as ``GPT4`` / ``GPT 4``) would be a merge of
an entity into itself, which changes nothing: it is passed over and reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .curation import CurationOp, append_operation, match_entity, parse_operation, read_curation
from .errors import InputError
from .fsutil import atomic_write_text
from .ingest.fields import read_text
from .records import entity_id, name_key

__all__ = ["Thesaurus", "read_thesaurus", "import_thesaurus", "export_thesaurus", "names_in_extractions"]

_THESAURUS_HEADER = ("label", "replace by")


@dataclass(slots=True)
class Thesaurus:
    """The operations a thesaurus file gives, and where the rows passed over are (``"file:line"``)."""

    ops: list[CurationOp] = field(default_factory=list)
    same: list[str] = field(default_factory=list)  # rows whose label and replacement name one entity

    def summary(self) -> str:
        """``"N operation(s)"``, and the rows passed over when there are any."""
        text = f"{len(self.ops)} operation(s)"
        if self.same:
            shown = ", ".join(self.same[:5]) + (f" and {len(self.same) - 5} more" if len(self.same) > 5 else "")
            text += (f"; passed over {len(self.same)} row(s) whose label and replacement name one entity "
                     f"(a merge into itself changes nothing): {shown}")
        return text


def read_thesaurus(path: str | os.PathLike, note: str | None = None) -> Thesaurus:
    """A VOSviewer thesaurus file (tab-separated ``label`` / ``replace by``) as operations.

    A row with a replacement is a merge of ``label`` into it; a row with an
    empty ``replace by`` (VOSviewer ignores that term) is a reject; a row whose
    label and replacement are one name is passed over (:attr:`Thesaurus.same`). A label given twice with
    two replacements is an error: the second merge would fold the first replacement into the second.
    Raises :class:`~graphbuild.errors.InputError` naming the file and the line
    of the first bad row (bytes that are not UTF-8, a NUL character).
    """
    lines = read_text(Path(path)).split("\n")
    if tuple(c.strip().lower() for c in lines[0].split("\t")[:2]) != _THESAURUS_HEADER:
        raise InputError(path, 1, "not a VOSviewer thesaurus: the first line must be 'label<TAB>replace by'")
    out = Thesaurus()
    seen: dict[str, CurationOp] = {}  # label -> its first row
    for lineno, line in enumerate(lines[1:], 2):
        label, _, rest = line.partition("\t")
        target = rest.partition("\t")[0].strip()
        if not label.strip():
            continue
        data: dict[str, Any] = {"op": "merge", "entity": label, "into": target} if target else \
            {"op": "reject", "entity": label}
        op = parse_operation({**data, "note": note or None}, str(path), lineno)  # the curation file's checks
        first = seen.setdefault(op.entity, op)
        if (first.into or "") != (op.into or ""):  # the second merge would fold the first target into this one
            raise InputError(path, lineno, f"the label {op.entity!r} is replaced by {first.into or ''!r} on line "
                                           f"{_line_of(first.where)} and by {op.into or ''!r} here; keep one row")
        if op.op == "merge" and _one_name(op.entity, op.into or ""):
            out.same.append(op.where)
        else:
            out.ops.append(op)
    return out


def _one_name(a: str, b: str) -> bool:
    """Whether the resolver reads ``a`` and ``b`` as one name (a name of no letter or digit it keys, such
    as one in Chinese script, only as itself).
    """
    key = name_key(a)
    return a == b or bool(key) and key == name_key(b)


def import_thesaurus(path: str | os.PathLike, curation: str | os.PathLike, note: str | None = None,
                     graph: Any = None) -> Thesaurus:
    """Append a thesaurus file's rows to the curation file; returns what was written and what passed over.

    With ``graph`` (a built graph), a row whose label and replacement name one entity of it (a name and
    its alias) is passed over too, as ``graphbuild curate merge`` refuses such a merge.
    """
    found = read_thesaurus(path, note)
    if graph is not None:
        _same_in_graph(found, graph)
    if found.ops:
        append_operation(curation, *found.ops)
    return found


def _same_in_graph(found: Thesaurus, graph: Any) -> None:
    from .curation import resolution_from_graph

    entities = {e.id: e for e in resolution_from_graph(graph).entities}
    kept = []
    for op in found.ops:
        source = match_entity(op.entity, entities) if op.op == "merge" else None
        if source is not None and source is match_entity(op.into or "", entities):
            found.same.append(op.where)
        else:
            kept.append(op)
    found.ops = kept
    found.same.sort(key=_line_of)


def _line_of(where: str) -> int:
    return int(where.rpartition(":")[2])


def export_thesaurus(curation: str | os.PathLike, path: str | os.PathLike,
                     names: Callable[[set[str]], Mapping[str, str]] | None = None) -> int:
    """Write the curation file's merges and global rejects as a thesaurus file; returns the row count.

    An operation that names an entity by id (as ``graphbuild review`` writes them) is written with the name
    it carries (``entity_name``, ``into_name``). One from a file written before those names were kept has
    none: ``names`` (entity ids -> their names, such as :func:`names_in_extractions`), when given, supplies
    it; an id it does not know is written as it stands.

    A name holding a tab or a line break (which the reader splits on) cannot be a thesaurus field: it is an
    :class:`~graphbuild.errors.InputError` naming the operation's line, and no file is written.
    """
    ops = [op for op in read_curation(curation) if op.op == "merge" or (op.op == "reject" and op.paper is None)]
    unnamed = {x for op in ops for x, name in ((op.entity, op.entity_name), (op.into or "", op.into_name))
               if name is None and x.startswith("entity:")}
    known = names(unnamed) if names is not None and unnamed else {}
    rows = [(op, op.entity_name or known.get(op.entity, op.entity),
             op.into_name or known.get(op.into or "", op.into or "")) for op in ops]
    for op, *fields in rows:
        _check_field(op, fields)
    lines = ["\t".join(_THESAURUS_HEADER)] + [f"{a}\t{b}" for _, a, b in rows]
    atomic_write_text(Path(path), "\n".join(lines) + "\n")
    return len(rows)


def names_in_extractions(extractions: Iterable[Any], ids: set[str]) -> dict[str, str]:
    """Entity ids -> a name the papers write for each, found in the per-paper extractions (every form a
    paper gives an entity: its gazetteer name, the name, the mentions). Rejected and merged-away entities
    are no longer in the graph, but their papers still name them.

    >>> from graphbuild.records import EntityMention, Extraction
    >>> ex = Extraction("p1", "t", [EntityMention("Table 2", "Method", ["Table 2"])])
    >>> names_in_extractions([ex], {"entity:table2", "entity:other"})
    {'entity:table2': 'Table 2'}
    """
    found: dict[str, str] = {}
    for extraction in extractions:
        for ent in extraction.entities:
            for form in filter(None, (ent.canonical, ent.name, *ent.mentions)):
                eid = entity_id(name_key(form))
                for candidate in (eid, f"{eid}:{ent.type.lower()}"):  # the resolver's id for a name two types share
                    if candidate in ids:
                        found.setdefault(candidate, form)
        if len(found) == len(ids):
            break
    return found


def _check_field(op: CurationOp, names: Iterable[str]) -> None:
    for name in names:
        bad = next((c for c in name if c in "\t\n\r"), None)
        if bad is not None:
            file, _, line = op.where.rpartition(":")
            raise InputError(file, int(line), f"{op.describe()}: the name {name!r} holds {bad!r}, which a "
                                              "thesaurus field cannot hold; nothing written")
