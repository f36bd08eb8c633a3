"""A fast BibTeX scanner for the well-formed files that exports produce.

:func:`parse_bibtex` scans a file's entries with ``str.find`` and a few
regular expressions, decodes LaTeX only in the fields that carry markup
(:func:`~graphbuild.ingest.latex.decode_latex`), and splits author lists with
bibtexparser's own name functions, giving the same values as bibtexparser with
its decoding and name middlewares. Whenever a file holds anything the scanner
does not handle exactly (``@string`` macros, ``#`` concatenation, bare macro
values, escaped braces, duplicate keys or fields, a brace that never closes,
a name bibtexparser rejects), the whole file goes through bibtexparser
instead, so error blocks and their messages are exactly bibtexparser's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .latex import FastLatexMiddleware, decode_latex

__all__ = ["parse_bibtex", "scan_bibtex", "ScannedEntry"]

_AT = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*\{")
_KEY = re.compile(r"[ \t\r\n]*([^,\s{}()\"=#%@]+)[ \t\r\n]*,")
_FIELD = re.compile(r"[ \t\r\n]*([A-Za-z][A-Za-z0-9_\-:.+]*)[ \t\r\n]*=[ \t\r\n]*")
_NUMBER = re.compile(r"\d+")
_WS = re.compile(r"[ \t\r\n]*")
_QUOTE_SCAN = re.compile(r'[{}"]')
_NAME_FIELDS = ("author", "editor", "translator")


class _Fallback(Exception):
    """The file needs bibtexparser."""


@dataclass(slots=True)
class _Field:
    key: str
    value: Any


@dataclass(slots=True)
class ScannedEntry:
    """One entry, shaped like bibtexparser's ``Entry`` where graphbuild reads it.

    ``fields_dict`` maps each field name to an object with ``.value``: the
    decoded text, or for ``author``/``editor``/``translator`` the list of
    names in ``First Last`` form.
    """

    entry_type: str
    key: str
    fields_dict: dict[str, _Field]
    start_line: int  # counted from 0, as bibtexparser does


def _braced(text: str, start: int) -> int:
    """End (exclusive) of the brace group opening at ``text[start] == '{'``."""
    depth, pos = 1, start + 1
    while True:
        close = text.find("}", pos)
        if close < 0:
            raise _Fallback
        opening = text.find("{", pos, close)
        if opening >= 0:
            depth += 1
            pos = opening + 1
            continue
        depth -= 1
        pos = close + 1
        if depth == 0:
            return pos


def _quoted(text: str, start: int) -> int:
    """End (exclusive) of the quoted value opening at ``text[start] == '"'``."""
    depth = 0
    for m in _QUOTE_SCAN.finditer(text, start + 1):
        char = m.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise _Fallback
        elif depth == 0:
            return m.end()
    raise _Fallback


@lru_cache(maxsize=100_000)
def _first_last(name: str) -> str:
    from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

    try:
        return parse_single_name_into_parts(name).merge_first_name_first
    except InvalidNameError:
        raise _Fallback from None


def _names(value: str) -> list[str]:
    from bibtexparser.middlewares.names import split_multiple_persons_names

    return [_first_last(n) for n in split_multiple_persons_names(value)]


def _value(text: str, pos: int) -> tuple[str, int]:
    """A field value at ``pos`` without its braces or quotes, and the position after it."""
    char = text[pos:pos + 1]
    if char == "{":
        end = _braced(text, pos)
    elif char == '"':
        end = _quoted(text, pos)
    else:
        m = _NUMBER.match(text, pos)
        if not m:  # a macro name (month = jan) or something else
            raise _Fallback
        return m.group(), m.end()
    raw = text[pos + 1:end - 1]
    if "\\{" in raw or "\\}" in raw or "\n@" in raw or '\\"' in raw and char == '"':
        raise _Fallback
    return raw, end


def _entry(text: str, type_: str, body: int, line: int) -> tuple[ScannedEntry, int]:
    """Scan one entry whose body starts after ``{`` at ``body``; returns it and its end."""
    m = _KEY.match(text, body)
    if not m:
        raise _Fallback
    key, pos = m.group(1), m.end()
    fields: dict[str, _Field] = {}
    seen: set[str] = set()
    while True:
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos:pos + 1] == "}":
            pos += 1
            break
        fm = _FIELD.match(text, pos)
        if not fm:
            raise _Fallback
        name = fm.group(1)
        if name.lower() in seen:
            raise _Fallback
        seen.add(name.lower())
        raw, pos = _value(text, fm.end())
        decoded = decode_latex(raw)
        fields[name] = _Field(name, _names(decoded) if name.lower() in _NAME_FIELDS else decoded)
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        follow = text[pos:pos + 1]
        if follow == ",":
            pos += 1
        elif follow != "}":
            raise _Fallback
    return ScannedEntry(type_, key, fields, line), pos


def scan_bibtex(text: str) -> list[tuple[int, ScannedEntry]] | None:
    """``(line, entry)`` for every entry of a well-formed file, or ``None`` if it needs bibtexparser.

    Lines count from 1. Text outside entries is ignored, as are
    ``@comment{...}`` blocks.
    """
    out: list[tuple[int, ScannedEntry]] = []
    keys: set[str] = set()
    pos, line, counted = 0, 0, 0
    try:
        while True:
            at = text.find("@", pos)
            if at < 0:
                return out
            m = _AT.match(text, at)
            if not m:
                raise _Fallback
            line += text.count("\n", counted, at)
            counted = at
            type_ = m.group(1).lower()
            if type_ == "comment":
                pos = _braced(text, m.end() - 1)
                continue
            if type_ in ("string", "preamble"):
                raise _Fallback
            entry, pos = _entry(text, type_, m.end(), line)
            if entry.key in keys:
                raise _Fallback
            keys.add(entry.key)
            out.append((line + 1, entry))
    except _Fallback:
        return None


def _parse_with_bibtexparser(text: str) -> Iterator[tuple[int, Any]]:
    import bibtexparser
    from bibtexparser.middlewares import MergeNameParts, SeparateCoAuthors, SplitNameParts
    from bibtexparser.model import Entry, ParsingFailedBlock

    # bibtexparser also logs each failed block; the reader reports them as InputErrors,
    # so keep its records from reaching stderr through logging's last-resort handler.
    lib_logger = logging.getLogger("bibtexparser")
    if not lib_logger.handlers:
        lib_logger.addHandler(logging.NullHandler())
    library = bibtexparser.parse_string(text, append_middleware=[
        FastLatexMiddleware(), SeparateCoAuthors(), SplitNameParts(), MergeNameParts(style="first"),
    ])
    for block in library.blocks:
        if isinstance(block, (ParsingFailedBlock, Entry)):
            yield (block.start_line or 0) + 1, block


def parse_bibtex(text: str) -> Iterator[tuple[int, Any]]:
    r"""Every entry and every block that failed to parse, with its first line (from 1).

    Parameters
    ----------
    text
        The file's text (LF line ends).

    Yields
    ------
    (line, block)
        ``block`` is a :class:`ScannedEntry` or bibtexparser's ``Entry``
        (both have ``key`` and ``fields_dict``), or a bibtexparser
        ``ParsingFailedBlock``.

    Examples
    --------
    >>> [(line, e.fields_dict["author"].value) for line, e in parse_bibtex(
    ...     '@misc{k, title = {T}, author = {M{\\"u}ller, J{\\"o}rg and Ada Byron}}')]
    [(1, ['Jörg Müller', 'Ada Byron'])]
    """
    scanned = scan_bibtex(text)
    if scanned is None:
        yield from _parse_with_bibtexparser(text)
    else:
        yield from scanned
