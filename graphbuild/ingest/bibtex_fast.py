"""A fast BibTeX scanner for the well-formed files that exports produce.

:func:`parse_bibtex` scans a file's entries with ``str.find`` and a few
regular expressions, decodes LaTeX only in the fields that carry markup
(:func:`~graphbuild.ingest.latex.decode_field`: addresses and identifiers such
as ``url`` and ``doi`` only have their escapes undone), and splits author lists
with bibtexparser's own name functions, giving the same values as bibtexparser
with its name middlewares and graphbuild's decoding middleware.

Values follow BibTeX's own rules: a value is one part or several joined by
``#``, each part a ``{braced}`` or ``"quoted"`` text, a number or a macro
name. ``@string{name = value}`` defines a macro for the entries after it (its
value may itself join parts); ``jan`` .. ``dec`` (the month names) and the
journal abbreviations of BibTeX's standard styles (``cacm``, ``jacm``, ``tods``
…) are predefined (:data:`STANDARD_MACROS`); macro names ignore case, and
a later ``@string`` of the same name replaces the earlier one from there on.
As in BibTeX, a macro is defined only from its ``@string`` on: a macro used
before its definition, or never defined, reads as empty and the entry (or
``@string``) using it carries a :attr:`ScannedEntry.problem` naming it (and
the line of a later definition, if there is one).

Whenever a file holds anything the scanner does not handle exactly
(``@string(...)`` with parentheses, escaped braces or quotes, duplicate keys
or fields, a brace that never closes, a name bibtexparser rejects, a value
that is not parts joined by ``#``), the whole file goes through bibtexparser
instead, so error blocks and their messages are exactly bibtexparser's; its
raw values are then read by the same rules as here (:func:`_resolve_values`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .checks import MAX_TEXT_CHARS
from .latex import FastLatexMiddleware, decode_field, decode_latex

__all__ = ["parse_bibtex", "scan_bibtex", "ScannedEntry", "STANDARD_MACROS", "ValueTooLong"]

#: The macros every BibTeX file starts with, as BibTeX's standard styles (plain.bst and its kin) define
#: them: the month names, and the journal abbreviations those styles know (``journal = jacm``).
STANDARD_MACROS = {
    **{name[:3].lower(): name for name in (
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December")},
    "acmcs": "ACM Computing Surveys", "acta": "Acta Informatica", "cacm": "Communications of the ACM",
    "ibmjrd": "IBM Journal of Research and Development", "ibmsj": "IBM Systems Journal",
    "ieeese": "IEEE Transactions on Software Engineering", "ieeetc": "IEEE Transactions on Computers",
    "ieeetcad": "IEEE Transactions on Computer-Aided Design of Integrated Circuits",
    "ipl": "Information Processing Letters", "jacm": "Journal of the ACM",
    "jcss": "Journal of Computer and System Sciences", "scp": "Science of Computer Programming",
    "sicomp": "SIAM Journal on Computing", "tocs": "ACM Transactions on Computer Systems",
    "tods": "ACM Transactions on Database Systems", "tog": "ACM Transactions on Graphics",
    "toms": "ACM Transactions on Mathematical Software", "toois": "ACM Transactions on Office Information Systems",
    "toplas": "ACM Transactions on Programming Languages and Systems", "tcs": "Theoretical Computer Science",
}

_AT = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*\{")
_KEY = re.compile(r"[ \t\r\n]*([^,\s{}()\"=#%@]+)[ \t\r\n]*,")
_FIELD = re.compile(r"[ \t\r\n]*([A-Za-z][A-Za-z0-9_\-:.+]*)[ \t\r\n]*=[ \t\r\n]*")
#: a number, or a macro name (BibTeX's identifiers: no leading digit, none of ``"#%'(),={}`` or spaces)
_PLAIN = re.compile(r"(\d+)|[^\s\d\"#%'(),={}][^\s\"#%'(),={}]*")
_WS = re.compile(r"[ \t\r\n]*")
_QUOTE_SCAN = re.compile(r'[{}"]')
#: braces and quotes as bibtexparser's splitter reads them: one right after a backslash is escaped
_UNESCAPED = re.compile(r'(?<!\\)[{}"]')
_NAME_FIELDS = ("author", "editor", "translator")
#: where the fallback keeps what is wrong with a bibtexparser block's values (see ScannedEntry.problem)
_PROBLEM_KEY = "graphbuild_value_problem"


class ValueTooLong(ValueError):
    """A field or ``@string`` value whose parts join to more than :data:`~.checks.MAX_TEXT_CHARS` characters:
    ``@string`` macros that join copies of one another double at every step, so a file of a kilobyte asked for
    gigabytes (a MemoryError). ``line``: where the block starts, once known.
    """

    line: int | None = None


class _Fallback(Exception):
    """The file needs bibtexparser (or, on bibtexparser's raw values, a value is not parts joined by ``#``)."""


@dataclass(slots=True)
class _Field:
    key: str
    value: Any


@dataclass(slots=True)
class ScannedEntry:
    """One entry, shaped like bibtexparser's ``Entry`` where graphbuild reads it.

    ``fields_dict`` maps each field name to an object with ``.value``: the
    decoded text, or for ``author``/``editor``/``translator`` the list of
    names in ``First Last`` form. ``problem`` is empty for a good entry, else
    what is wrong with its values (a macro it uses is undefined); an
    ``@string`` whose value has such a problem is yielded as a
    ``ScannedEntry`` of type ``string`` without fields.
    """

    entry_type: str
    key: str
    fields_dict: dict[str, _Field]
    start_line: int  # counted from 0, as bibtexparser does
    problem: str = ""


#: a macro used undefined: (the field using it, or None in an @string, the name as written)
_Use = tuple[str | None, str]


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


def _delimited(text: str, start: int, marks: re.Pattern[str] = _QUOTE_SCAN) -> int:
    """End (exclusive) of the braced or quoted part opening at ``text[start]``; ``marks`` finds braces and quotes."""
    quoted = text[start] == '"'
    depth = 0 if quoted else 1
    for m in marks.finditer(text, start + 1):
        char = m.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise _Fallback
            if depth == 0 and not quoted:
                return m.end()
        elif quoted and depth == 0:
            return m.end()
    raise _Fallback


def _scanned_part(text: str, start: int) -> tuple[str, int]:
    r"""The braced or quoted part at ``start`` without its delimiters, and its end (exclusive).

    Escaped braces or quotes and a ``\n@`` inside are left to bibtexparser.
    """
    char = text[start]
    end = _braced(text, start) if char == "{" else _delimited(text, start)
    raw = text[start + 1:end - 1]
    if "\\{" in raw or "\\}" in raw or "\n@" in raw or '\\"' in raw and char == '"':
        raise _Fallback
    return raw, end


def _split_part(text: str, start: int) -> tuple[str, int]:
    """The braced or quoted part at ``start`` in a value bibtexparser split off, and its end (exclusive).

    Its splitter has already found where the value ends, reading a brace or
    quote right after a backslash as escaped; the parts are read the same way.
    """
    end = _delimited(text, start, _UNESCAPED)
    return text[start + 1:end - 1], end


def _expression(text: str, pos: int, macros: dict[str, str],
                read_part: Callable[[str, int], tuple[str, int]]) -> tuple[str, int, tuple[str, ...]]:
    """The value at ``pos`` by BibTeX's rules, the position after it and its following spaces, and the
    macros it uses that ``macros`` (lower-case names) lacks, each read as empty, as BibTeX does.

    ``read_part`` reads a braced or quoted part. Raises ``_Fallback`` at a
    part that is none of braced, quoted, a number or a macro name.
    """
    parts: list[str] | None = None
    undefined: tuple[str, ...] = ()
    size = 0  # of the parts so far
    while True:
        if text[pos:pos + 1] in ('{', '"'):
            part, end = read_part(text, pos)
        else:
            m = _PLAIN.match(text, pos)
            if not m:
                raise _Fallback
            end = m.end()
            if m.group(1) is not None:
                part = m.group(1)
            else:
                value = macros.get(m.group().lower())
                if value is None:
                    undefined += (m.group(),)
                part = value or ""
        size += len(part)
        if size > MAX_TEXT_CHARS and parts is not None:
            raise ValueTooLong(f"a value joined from @string macros is over {MAX_TEXT_CHARS:,} characters (macros "
                               "that join copies of one another); fix the @string definitions")
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if text[pos:pos + 1] != "#":
            if parts is None:  # one part: the common case
                return part, pos, undefined
            parts.append(part)
            return "".join(parts), pos, undefined
        if parts is None:
            parts = []
        parts.append(part)
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def _undefined_problem(label: str, uses: list[_Use], defined_at: dict[str, int], own: str | None = None) -> str:
    """The problem of an entry or ``@string`` using undefined macros (``defined_at``: name -> first @string line;
    ``own``: the name of the ``@string`` using them, whose use of itself is said so, not "comes later").
    """
    said = []
    for field, name in dict.fromkeys(uses):
        later = defined_at.get(name.lower())
        where = ("its own name: an @string cannot use itself" if own is not None and name.lower() == own.lower()
                 else f"its @string comes later, at line {later}" if later else "")
        said.append(f"{name!r}" + (f" in {field}" if field else "") + (f" ({where})" if where else ""))
    return (f"{label} uses undefined BibTeX macro{'s' if len(said) > 1 else ''} {', '.join(said)}; "
            "put an @string{name = ...} for each above its first use")


@lru_cache(maxsize=100_000)
def _first_last(name: str) -> str:
    from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

    try:
        return parse_single_name_into_parts(name).merge_first_name_first
    except InvalidNameError:
        raise _Fallback from None


def _names(value: str) -> list[str]:
    """The names of a raw (undecoded) name list, each ``First Last`` and decoded.

    Split before decoding, as BibTeX does: braces keep a name whole
    (``{Barnes and Noble}`` is one name, not two).
    """
    from bibtexparser.middlewares.names import split_multiple_persons_names

    return [decode_latex(_first_last(n)) for n in split_multiple_persons_names(value)]


def _entry(text: str, type_: str, body: int, line: int,
           macros: dict[str, str]) -> tuple[ScannedEntry, int, list[_Use]]:
    """Scan one entry whose body starts after ``{`` at ``body``: it, its end and the macros it uses undefined."""
    m = _KEY.match(text, body)
    if not m:
        raise _Fallback
    key, pos = m.group(1), m.end()
    fields: dict[str, _Field] = {}
    seen: set[str] = set()
    uses: list[_Use] = []
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
        raw, pos, undefined = _expression(text, fm.end(), macros, _scanned_part)
        if undefined:
            uses.extend((name, macro) for macro in undefined)
        fields[name] = _Field(name, _names(raw) if name.lower() in _NAME_FIELDS else decode_field(name, raw))
        follow = text[pos:pos + 1]
        if follow == ",":
            pos += 1
        elif follow != "}":
            raise _Fallback
    return ScannedEntry(type_, key, fields, line), pos, uses


def scan_bibtex(text: str) -> list[tuple[int, ScannedEntry]] | None:
    """``(line, entry)`` for every entry of a well-formed file, or ``None`` if it needs bibtexparser.

    Lines count from 1. Text outside entries is ignored, as are
    ``@comment{...}`` and ``@preamble{...}`` blocks; an ``@string`` is
    yielded only when its value uses an undefined macro (see the module
    docstring).
    """
    out: list[tuple[int, ScannedEntry]] = []
    keys: set[str] = set()
    macros = dict(STANDARD_MACROS)
    defined_at: dict[str, int] = {}
    pending: list[tuple[ScannedEntry, list[_Use]]] = []
    pos, line, counted = 0, 0, 0
    try:
        while True:
            at = text.find("@", pos)
            if at < 0:
                break
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
                sm = _FIELD.match(text, m.end()) if type_ == "string" else _WS.match(text, m.end())
                if sm is None:
                    raise _Fallback
                value, pos, undefined = _expression(text, sm.end(), macros, _scanned_part)
                if text[pos:pos + 1] != "}":
                    raise _Fallback
                pos += 1
                if type_ == "preamble":
                    continue
                name = sm.group(1)
                macros[name.lower()] = value
                defined_at.setdefault(name.lower(), line + 1)
                if undefined:
                    string = ScannedEntry("string", name, {}, line)
                    pending.append((string, [(None, macro) for macro in undefined]))
                    out.append((line + 1, string))
                continue
            entry, pos, uses = _entry(text, type_, m.end(), line, macros)
            if entry.key in keys:
                raise _Fallback
            keys.add(entry.key)
            if uses:
                pending.append((entry, uses))
            out.append((line + 1, entry))
    except _Fallback:
        return None
    except ValueTooLong as exc:
        exc.line = line + 1
        raise
    for block, uses in pending:
        block.problem = _undefined_problem(_label(block.entry_type, block.key), uses, defined_at,
                                           block.key if block.entry_type == "string" else None)
    return out


def _label(entry_type: str, key: str) -> str:
    return f"@string {key!r}" if entry_type == "string" else f"entry {key!r}"


def _resolve_values(library: Any) -> None:
    """Read the raw values of bibtexparser's blocks by BibTeX's rules, in file order (as the scanner does).

    Each entry field and ``@string`` gets its value; a redefined ``@string``
    (bibtexparser's duplicate-key block) replaces the macro from there on. The
    macros a block uses undefined, or a field value that is not parts joined
    by ``#`` (a problem of its own), go to the block's ``parser_metadata``.
    """
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, String

    macros = dict(STANDARD_MACROS)
    defined_at: dict[str, int] = {}
    pending: list[tuple[Any, list[_Use]]] = []
    for block in library.blocks:
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, String):
            block = block.ignore_error_block
        if isinstance(block, String):
            values: list[tuple[str | None, Any]] = [(None, block)]
        elif isinstance(block, Entry):
            values = [(field.key, field) for field in block.fields]
        else:
            continue
        uses: list[_Use] = []
        for name, holder in values:
            raw = str(holder.value)
            try:
                value, end, undefined = _expression(raw, _WS.match(raw).end(), macros,  # type: ignore[union-attr]
                                                    _split_part)
                if end != len(raw):
                    raise _Fallback
            except ValueTooLong as exc:
                exc.line = (block.start_line or 0) + 1
                raise
            except _Fallback:  # kept as bibtexparser split it
                where = (_label("entry", block.key) + f": field {name!r}") if name else _label("string", block.key)
                block.parser_metadata.setdefault(_PROBLEM_KEY, (
                    f"{where} is not a BibTeX value (braced or quoted texts, numbers and macro names, joined by #)"))
                continue
            holder.value = value
            uses.extend((name, macro) for macro in undefined)
        if isinstance(block, String):
            macros[block.key.lower()] = block.value
            defined_at.setdefault(block.key.lower(), (block.start_line or 0) + 1)
        if uses and _PROBLEM_KEY not in block.parser_metadata:
            pending.append((block, uses))
    for block, uses in pending:
        block.parser_metadata[_PROBLEM_KEY] = _undefined_problem(
            _label("string" if isinstance(block, String) else "entry", block.key), uses, defined_at,
            block.key if isinstance(block, String) else None)


def _parse_with_bibtexparser(text: str) -> Iterator[tuple[int, Any]]:
    import bibtexparser
    from bibtexparser.middlewares import MergeNameParts, SeparateCoAuthors, SplitNameParts
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock, String

    # bibtexparser also logs each failed block; the reader reports them as InputErrors,
    # so keep its records from reaching stderr through logging's last-resort handler.
    lib_logger = logging.getLogger("bibtexparser")
    if not lib_logger.handlers:
        lib_logger.addHandler(logging.NullHandler())
    library = bibtexparser.parse_string(text, parse_stack=[])  # raw values: read by BibTeX's rules below
    _resolve_values(library)
    # names are split before they are decoded, so that braces keep "{Barnes and Noble}" one name
    for middleware in (SeparateCoAuthors(), SplitNameParts(), MergeNameParts(style="first"), FastLatexMiddleware()):
        library = middleware.transform(library)
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, String):
            block = block.ignore_error_block  # a redefined macro, as BibTeX allows
        if isinstance(block, String) and _PROBLEM_KEY in block.parser_metadata:
            yield line, ScannedEntry("string", block.key, {}, line - 1, block.parser_metadata[_PROBLEM_KEY])
        elif isinstance(block, Entry):
            fields = {field.key: _Field(field.key, field.value) for field in block.fields}
            yield line, ScannedEntry(block.entry_type, block.key, fields, line - 1,
                                     block.parser_metadata.get(_PROBLEM_KEY, ""))
        elif isinstance(block, ParsingFailedBlock):
            yield line, block


def parse_bibtex(text: str) -> Iterator[tuple[int, Any]]:
    r"""Every entry and every block that failed to parse, with its first line (from 1).

    Parameters
    ----------
    text
        The file's text (LF line ends).

    Yields
    ------
    (line, block)
        ``block`` is a :class:`ScannedEntry` (by either path; one whose
        ``problem`` is set has a value that is bad BibTeX, and may be an
        ``@string``), or a bibtexparser ``ParsingFailedBlock``.

    Examples
    --------
    >>> [(line, e.fields_dict["author"].value) for line, e in parse_bibtex(
    ...     '@misc{k, title = {T}, author = {M{\\"u}ller, J{\\"o}rg and Ada Byron}}')]
    [(1, ['Jörg Müller', 'Ada Byron'])]
    >>> [e.fields_dict["title"].value for _, e in parse_bibtex(
    ...     '@string{Deep = "Deep "}\n@misc{k, title = deep # {Residual} # " Learning, " # 2016 # " " # jun}')]
    ['Deep Residual Learning, 2016 June']
    """
    scanned = scan_bibtex(text)
    if scanned is None:
        yield from _parse_with_bibtexparser(text)
    else:
        yield from scanned
