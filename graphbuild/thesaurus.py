"""VOSviewer thesaurus files as curation operations.

A VOSviewer thesaurus is tab-separated with the header ``label`` / ``replace
by``: each row replaces a term by another (here: a merge of ``label`` into the
replacement) or, with an empty replacement, makes VOSviewer ignore the term
(here: a reject).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from .curation import CurationOp, append_operation, read_curation
from .errors import InputError
from .fsutil import atomic_write_text

__all__ = ["read_thesaurus", "import_thesaurus", "export_thesaurus"]

_THESAURUS_HEADER = ("label", "replace by")


def read_thesaurus(path: str | os.PathLike, note: str | None = None) -> list[CurationOp]:
    """A VOSviewer thesaurus file (tab-separated ``label`` / ``replace by``) as operations.

    A row with a replacement is a merge of ``label`` into it; a row with an
    empty ``replace by`` (VOSviewer ignores that term) is a reject.
    """
    ops = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else None
        raise InputError(path, None, f"cannot read the thesaurus ({reason or exc})") from None
    if not rows or tuple(c.strip().lower() for c in rows[0][:2]) != _THESAURUS_HEADER:
        raise InputError(path, 1, "not a VOSviewer thesaurus: the first line must be 'label<TAB>replace by'")
    for lineno, row in enumerate(rows[1:], 2):
        if not row or not row[0].strip():
            continue
        label = row[0].strip()
        target = row[1].strip() if len(row) > 1 else ""
        where = f"{path}:{lineno}"
        ops.append(CurationOp("merge", label, into=target, note=note, where=where) if target else
                   CurationOp("reject", label, note=note, where=where))
    return ops


def import_thesaurus(path: str | os.PathLike, curation: str | os.PathLike, note: str | None = None) -> int:
    """Append a thesaurus file's rows to the curation file; returns how many operations."""
    ops = read_thesaurus(path, note)
    if ops:
        append_operation(curation, *ops)
    return len(ops)


def export_thesaurus(curation: str | os.PathLike, path: str | os.PathLike) -> int:
    """Write the curation file's merges and global rejects as a thesaurus file; returns the row count."""
    rows = [(op.entity, op.into or "") for op in read_curation(curation)
            if op.op == "merge" or (op.op == "reject" and op.paper is None)]
    lines = ["\t".join(_THESAURUS_HEADER)] + [f"{a}\t{b}" for a, b in rows]
    atomic_write_text(Path(path), "\n".join(lines) + "\n")
    return len(rows)
