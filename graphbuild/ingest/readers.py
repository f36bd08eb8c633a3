"""The core readers: Daily Papers listings, JSON, JSON Lines, CSV and BibTeX.

Each reader follows the contract of :mod:`graphbuild.ingest`: it is a
generator that yields a :class:`~graphbuild.records.Paper` per good record
and an :class:`~graphbuild.errors.InputError` per bad one, and raises
``InputError`` only when the file as a whole cannot be read. Every reader is
registered at import time.

Shared conventions
------------------
* Text is read as UTF-8 (a byte-order mark is dropped, CRLF and CR line ends
  become LF); anything else is reported with the line and byte offset.
* Titles and abstracts have their whitespace collapsed; Unicode is kept.
* ``Paper.source`` is ``"<path>:<line>"`` of the line the record starts on.
* An empty (or whitespace-only) file yields nothing; a file with content but
  no records at all raises ``InputError``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Paper, PaperRef, clean_arxiv, clean_doi, paper_key
from . import register

__all__ = [
    "read_daily",
    "read_json",
    "read_jsonl",
    "read_csv",
    "read_bibtex",
    "parse_date",
    "split_authors",
    "clean_text",
]

Item = Paper | InputError

# --------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?P<y>\d{4})$"), "y"),
    (re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$"), "ym"),
    (re.compile(r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:[T ][0-9:.+\-Z]*)?$"), "ymd"),
    (re.compile(rf"^(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$", re.I), "ymd"),
    (re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})$", re.I), "ymd"),
    (re.compile(rf"^(?P<mon>{_MONTH}),?\s+(?P<y>\d{{4}})$", re.I), "ym"),
)
_MIN_YEAR, _MAX_YEAR = 1000, 2999


_LATEX_CITE = re.compile(r"~?\\(?:cite[pt]?|citep|citet|ref|eqref)\{[^{}]*\}")
_LATEX_STYLE = re.compile(r"\\(?:textbf|textit|texttt|emph|textsc|textrm|mathrm|mathbf|text|underline)\{([^{}]*)\}")
_LATEX_ESCAPE = re.compile(r"\\([%&_#$])")


def clean_text(value: Any) -> str:
    r"""Collapse runs of whitespace into one space, strip, and drop LaTeX markup that
    arXiv abstracts carry: ``\textbf{FMLP-Rec}`` -> ``FMLP-Rec``, ``~\cite{x}`` -> ``''``,
    ``\%`` -> ``%``.

    >>> clean_text(r"we propose \textbf{FMLP-Rec}~\cite{x},  reaching 85\%")
    'we propose FMLP-Rec, reaching 85%'
    """
    if value is None:
        return ""
    text = str(value)
    if "\\" in text:
        text = _LATEX_CITE.sub("", text)
        for _ in range(3):  # nested: \\textit{\\textbf{P}arameter}
            text = _LATEX_STYLE.sub(r"\1", text)
        text = _LATEX_ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def parse_date(value: Any) -> tuple[str | None, int | None]:
    """Read a year or a date in the forms papers use.

    Parameters
    ----------
    value
        ``2023``, ``"2023"``, ``"2023-05"``, ``"2023-05-01"`` (a time part is
        ignored), ``"May 1, 2023"``, ``"1 May 2023"`` or ``"May 2023"``.

    Returns
    -------
    (iso_date, year)
        ``iso_date`` is ``"YYYY-MM-DD"`` when the day is known, else ``None``.

    Raises
    ------
    ValueError
        With a message naming the value and the accepted forms.
    """
    if isinstance(value, bool):
        raise ValueError(f"cannot read date {value!r}; use YYYY, YYYY-MM-DD or 'May 1, 2023'")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = " ".join(value.split())
    else:
        raise ValueError(f"cannot read date {value!r}; use YYYY, YYYY-MM-DD or 'May 1, 2023'")
    for pattern, kind in _DATE_FORMS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group("y"))
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            break
        if kind == "y":
            return None, year
        groups = m.groupdict()
        month = _MONTHS[groups["mon"].rstrip(".").lower()] if groups.get("mon") else int(groups["m"])
        if not 1 <= month <= 12:
            break
        if kind == "ym":
            return None, year
        try:
            return _date(year, month, int(groups["d"])).isoformat(), year
        except ValueError:
            break
    raise ValueError(f"cannot read date {text!r}; use YYYY, YYYY-MM-DD or 'May 1, 2023'")


def split_authors(value: Any, *, commas: bool = True) -> tuple[str, ...]:
    """Author names from a list of strings, a list of ``{"name": ...}`` or one string.

    A string is split on ``;``, else on `` and ``, else (when ``commas``) on ``,``.
    Empty names and ``others`` (BibTeX's *et al.*) are dropped.
    """
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple)):
        names: list[str] = []
        for item in value:
            if isinstance(item, Mapping):
                item = item.get("name") or " ".join(
                    str(item[k]) for k in ("given", "family") if item.get(k)) or ""
            names.append(clean_text(item))
    else:
        text = clean_text(value)
        if ";" in text:
            names = text.split(";")
        elif re.search(r"\s+and\s+", text):
            names = re.split(r"\s+and\s+", text)
        elif commas and "," in text:
            names = text.split(",")
        else:
            names = [text]
    out: list[str] = []
    for name in (n.strip() for n in names):
        if "," in name:
            parts = [part.strip() for part in name.split(",")]
            if len(parts) == 2 and _is_surname(parts[0]):  # "Last, First" -> "First Last"
                name = f"{parts[1]} {parts[0]}".strip()
            else:  # "A One, B Two": a list after all
                out.extend(part for part in parts if part and part.lower() not in _NOT_NAMES)
                continue
        if name and name.lower() not in _NOT_NAMES:
            out.append(name)
    return tuple(out)


_NOT_NAMES = ("others", "et al.", "et al")


def _is_surname(text: str) -> bool:
    """``Turing`` or ``van der Berg``: one word, possibly after lower-case particles."""
    words = text.split()
    return bool(words) and all(w[:1].islower() for w in words[:-1])


def _read_text(path: Path) -> str:
    """The file's text as UTF-8, BOM dropped, line ends made LF; InputError when unreadable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read file: {exc.strerror}") from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        hint = " (it looks like UTF-16)" if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else ""
        raise InputError(path, line, f"not UTF-8 text{hint}: invalid byte 0x{raw[exc.start]:02x} at byte "
                         f"offset {exc.start}; re-save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _no_records(path: Path, what: str) -> InputError:
    return InputError(path, None, f"the file has content but no paper records; {what}")


_FIELD_ALIASES = {
    "author": "authors",
    "arxiv": "arxiv_id",
    "arxivid": "arxiv_id",
    "journal": "venue",
    "publication_date": "date",
    "published": "date",
    "reference": "references",
    "n_author": "n_authors",
}


@lru_cache(maxsize=4096)  # called per cell; headers repeat
def _norm_field(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", str(name).strip().lower())
    return _FIELD_ALIASES.get(key, key)


def _as_str(value: Any, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"field {field!r} must be a string, not {type(value).__name__}")
    return str(value)


def _paper_from_record(record: Mapping[str, Any], path: Path, line: int | None, *, tabular: bool,
                       label: str | None = None) -> Item:
    """Build a Paper from one JSON object or CSV row (fields already case-folded).

    ``tabular`` rows carry every value as text: authors are split on ``;`` or
    `` and `` (not on commas, which are part of "Last, First") and references
    on ``;``.
    """
    where = label or (f"record at line {line}" if line else "record")
    try:
        rec = {_norm_field(k): v for k, v in record.items() if k is not None}
        title = clean_text(_as_str(rec.get("title"), "title"))
        abstract = clean_text(_as_str(rec.get("abstract"), "abstract"))
        doi_raw = _as_str(rec.get("doi"), "doi").strip()
        arxiv_raw = _as_str(rec.get("arxiv_id"), "arxiv_id").strip()
        doi, arxiv_id = clean_doi(doi_raw), clean_arxiv(arxiv_raw)
        if doi_raw and not doi:
            raise ValueError(f"doi {doi_raw!r} is not a DOI (expected 10.<prefix>/<suffix>)")
        if arxiv_raw and not arxiv_id:
            raise ValueError(f"arxiv_id {arxiv_raw!r} is not an arXiv id (expected e.g. 2506.02838)")
        ids: list[tuple[str, str]] = []
        raw_id = _as_str(rec.get("id"), "id").strip()
        if raw_id:
            key = paper_key(raw_id)
            if key.startswith("doi:") and clean_doi(key[4:]):
                doi = doi or key[4:]
            elif key.startswith("arxiv:") and clean_arxiv(key[6:]):
                arxiv_id = arxiv_id or key[6:]
            else:
                ids.append(("id", raw_id))
        for kind in ("s2", "openalex", "corpus"):
            value = _as_str(rec.get(kind), kind).strip()
            if value:
                ids.append((kind, value))
        if not (title or doi or arxiv_id):
            raise ValueError("has no title, doi or arxiv_id; every paper needs at least a title")

        iso, year = None, None
        if rec.get("date") not in (None, ""):
            iso, year = parse_date(rec["date"])
        if rec.get("year") not in (None, ""):
            y_iso, year = parse_date(rec["year"])
            iso = iso or y_iso

        authors_value = rec.get("authors")
        if tabular or isinstance(authors_value, str):
            authors = split_authors(_as_str(authors_value, "authors"), commas=not tabular)
        elif isinstance(authors_value, (list, tuple)) or authors_value is None:
            authors = split_authors(authors_value)
        else:
            raise ValueError("field 'authors' must be a list of names or one string")
        n_authors = len(authors) or None
        if rec.get("n_authors") not in (None, ""):
            try:
                n_authors = int(rec["n_authors"])
            except (TypeError, ValueError):
                raise ValueError(f"n_authors {rec['n_authors']!r} is not a whole number") from None

        refs_value = rec.get("references")
        if refs_value in (None, ""):
            ref_items: list[Any] = []
        elif isinstance(refs_value, str):
            ref_items = [r for r in (s.strip() for s in refs_value.split(";")) if r]
        elif isinstance(refs_value, list):
            ref_items = [r for r in refs_value if r not in (None, "")]
        else:
            raise ValueError("field 'references' must be a list (or a ';'-separated string)")
        references = []
        for n, item in enumerate(ref_items, 1):
            if not isinstance(item, (str, int, dict)):
                raise ValueError(f"reference {n} must be a string or an object, not {type(item).__name__}")
            ref = PaperRef.from_value(item)
            if not (ref.doi or ref.arxiv_id or ref.ids or ref.title):
                raise ValueError(f"reference {n} has no doi, arxiv_id, id or title")
            references.append(ref)

        return Paper(
            title=title,
            abstract=abstract,
            authors=authors,
            n_authors=n_authors,
            year=year,
            date=iso,
            venue=clean_text(_as_str(rec.get("venue"), "venue")) or None,
            doi=doi,
            arxiv_id=arxiv_id,
            url=_as_str(rec.get("url"), "url").strip() or None,
            ids=tuple(ids),
            references=tuple(references),
            source=f"{path}:{line}" if line else str(path),
        )
    except ValueError as exc:
        return InputError(path, line, f"{where}: {exc}")


# --------------------------------------------------------------------------
# daily: the plain-text "Daily Papers" listing
# --------------------------------------------------------------------------

_AUTHORS_LINE = re.compile(r"^\s*(?:[•·*\-–]\s*)?(\d+)\s+authors?\s*$", re.I)
_DOT_LINE = re.compile(r"^\s*[·•]\s*$")
_DATE_LINE = re.compile(
    rf"^\s*(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:\s+(?P<votes>\d+))?\s*$", re.I)
#: Page furniture that precedes the first paper (and day separators such as "Jan 2").
_PAGE_LINE = re.compile(
    rf"^\s*(?:new|subscribe|daily papers|trending papers|get trending papers.*|by\s*ak\b.*"
    rf"|{_MONTH}\s+\d{{1,2}}|{_MONTH}\s+\d{{4}})\s*$", re.I)


def _daily_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _AUTHORS_LINE.match(line):
        return "authors"
    if _DOT_LINE.match(line):
        return "dot"
    if _DATE_LINE.match(line):
        return "date"
    return "text"


def _is_prose(line: str) -> bool:
    """A line of abstract text: it ends a sentence (titles end without a full stop)."""
    return line.rstrip()[-1:] in (".", "!")


def _daily_record(path: Path, text: list[tuple[int, str]], n_authors: int | None,
                  date_text: str | None, meta_line: int) -> Item:
    lines = [(n, s) for n, s in text if s.strip()]
    while lines and _PAGE_LINE.match(lines[0][1]):
        lines.pop(0)
    if not lines:
        what = f"'{n_authors} authors'" if date_text is None else f"date {date_text!r}"
        return InputError(path, meta_line, f"{what} has no title and abstract above it; "
                                           "each paper needs a title line and an abstract")
    # page furniture the patterns do not know ("Demo listing …") sits above the title: the title
    # is the last line before the first line that ends a sentence
    first_prose = next((k for k, (_, s) in enumerate(lines) if _is_prose(s)), None)
    if first_prose is not None and first_prose >= 2:
        lines = lines[first_prose - 1:]
    title_line, title = lines[0][0], clean_text(lines[0][1])
    abstract = clean_text(" ".join(s for _, s in lines[1:]))
    if not abstract:
        return InputError(path, title_line, f"paper {title!r} has no abstract; put the abstract "
                                            "under the title, separated by a blank line")
    if date_text is None:
        return InputError(path, title_line, f"paper {title!r} has no date line (like 'May 28, 2025') "
                                            "after its authors line")
    try:
        iso, year = parse_date(date_text)
    except ValueError as exc:
        return InputError(path, meta_line, f"paper {title!r}: {exc}")
    return Paper(title=title, abstract=abstract, n_authors=n_authors, date=iso, year=year,
                 source=f"{path}:{title_line}")


def read_daily(path: Path) -> Iterator[Item]:
    """Read a plain-text Daily Papers listing.

    Records are found by their metadata lines: an optional ``• N authors``
    line, an optional ``·`` line and a date line (``May 28, 2025``, possibly
    followed by an upvote count). The text between one record's metadata and
    the next is the title (first line) and the abstract (all lines after it),
    so missing or extra blank lines do not matter. Page furniture before the
    first paper ("Subscribe", "Daily Papers", "Jan 2", ...) is skipped.
    """
    path = Path(path)
    lines = _read_text(path).split("\n")
    if not any(s.strip() for s in lines):
        return
    found = 0
    pending: list[tuple[int, str]] = []
    n_authors: int | None = None
    authors_line = 0
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        kind = _daily_kind(line)
        if kind == "authors":
            if authors_line:  # an authors line with no date after it
                found += 1
                yield _daily_record(path, pending, n_authors, None, authors_line)
                pending = []
            n_authors, authors_line = int(_AUTHORS_LINE.match(line).group(1)), i + 1  # type: ignore[union-attr]
        elif kind == "date":
            if not authors_line and not any(not _PAGE_LINE.match(s) for _, s in pending):
                pending = []  # a lone date under the page header: a day separator, not a paper
                continue
            found += 1
            date_text = _DATE_LINE.match(line).group("date")  # type: ignore[union-attr]
            yield _daily_record(path, pending, n_authors, date_text, i + 1)
            pending, n_authors, authors_line = [], None, 0
        elif kind == "text":
            if authors_line:  # the authors line was the last metadata of its record
                found += 1
                yield _daily_record(path, pending, n_authors, None, authors_line)
                pending, n_authors, authors_line = [], None, 0
            pending.append((i + 1, line))
    if authors_line:
        found += 1
        yield _daily_record(path, pending, n_authors, None, authors_line)
        pending = []
    rest = [(n, s) for n, s in pending if s.strip() and not _PAGE_LINE.match(s)]
    if rest and found:
        yield InputError(path, rest[0][0], f"paper {clean_text(rest[0][1])!r} has no authors or date line "
                                           "after it; the listing looks cut off")
    elif not found:
        raise _no_records(path, "a Daily Papers listing needs, per paper, a title, an abstract, "
                                "a line like '• 5 authors' and a date line like 'May 28, 2025'")


def sniff_daily(head: str) -> bool:
    lines = head.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        if _AUTHORS_LINE.match(line) and any(_DATE_LINE.match(s) for s in lines[i + 1:i + 5]):
            return True
    return False


# --------------------------------------------------------------------------
# json and jsonl
# --------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")


def _array_items(text: str, pos: int, decoder: json.JSONDecoder) -> Iterator[tuple[int, Any]]:
    """(offset, value) of each element of the JSON array starting at ``text[pos] == '['``."""
    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text[pos] == "]":
        return
    while True:
        value, end = decoder.raw_decode(text, pos)
        yield pos, value
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if text[pos] == "]":
            return
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]  # skip ','


def _papers_array_offset(text: str, pos: int, decoder: json.JSONDecoder) -> int | None:
    """Offset of the ``"papers"`` array inside the top-level object at ``text[pos] == '{'``."""
    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    while text[pos] != "}":
        key, end = decoder.raw_decode(text, pos)
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]  # skip ':'
        if key == "papers" and text[pos] == "[":
            return pos
        _, end = decoder.raw_decode(text, pos)
        pos = _WS.match(text, end).end()  # type: ignore[union-attr]
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    return None


def read_json(path: Path) -> Iterator[Item]:
    """Read a JSON array of paper objects, or an object with a ``"papers"`` list.

    Errors name the line each object starts on.
    """
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno}); "
                                           "fix the syntax or use .jsonl for one object per line") from None
    decoder = json.JSONDecoder()
    start = _WS.match(text).end()  # type: ignore[union-attr]
    if isinstance(data, list):
        items = _array_items(text, start, decoder)
    elif isinstance(data, dict) and isinstance(data.get("papers"), list):
        offset = _papers_array_offset(text, start, decoder)
        items = _array_items(text, offset, decoder) if offset is not None else iter([])
    elif isinstance(data, dict) and "title" in data:
        items = iter([(start, data)])
    else:
        raise InputError(path, None, 'expected a JSON array of paper objects or an object with a "papers" '
                                     "list")
    found = 0
    line, counted = 1, 0
    for offset, value in items:
        found += 1
        line, counted = line + text.count("\n", counted, offset), offset  # incremental: linear time
        if not isinstance(value, dict):
            yield InputError(path, line, f"record {found} is a JSON {type(value).__name__}, not an object "
                                         "with paper fields")
            continue
        yield _paper_from_record(value, path, line, tabular=False)
    if not found:
        raise _no_records(path, "the paper list is empty")


def read_jsonl(path: Path) -> Iterator[Item]:
    """Read JSON Lines: one paper object per line; blank lines are ignored."""
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        return
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno}); "
                                           "each line must be one complete JSON object")
            continue
        except RecursionError:
            yield InputError(path, number, "the JSON on this line is nested too deeply to read")
            continue
        if not isinstance(value, dict):
            yield InputError(path, number, f"line is a JSON {type(value).__name__}, not an object "
                                           "with paper fields")
            continue
        yield _paper_from_record(value, path, number, tabular=False)


def _complete_lines(head: str) -> list[str]:
    lines = [s for s in head.replace("\r\n", "\n").split("\n")]
    if len(head) >= 60000:  # the sniffer's window may cut the last line
        lines = lines[:-1]
    return [s for s in lines if s.strip()]


def sniff_jsonl(head: str) -> bool:
    lines = _complete_lines(head)[:2]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(s), dict) for s in lines)
    except json.JSONDecodeError:
        return False


def sniff_json(head: str) -> bool:
    text = head.strip()
    if not text or text[0] not in "[{":
        return False
    try:
        json.loads(text)
        return True
    except json.JSONDecodeError:
        # A long file is cut off at the sniffer's window; judge by its opening.
        return len(head) >= 60000 and bool(re.match(r'^(\[\s*\{|\{\s*")', text))


# --------------------------------------------------------------------------
# csv / tsv
# --------------------------------------------------------------------------

_DELIMITERS = ",;\t"


def _csv_delimiter(text: str, path: Path) -> str:
    first = text.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(text[:16384], delimiters=_DELIMITERS).delimiter
        if found in first:
            return found
    except csv.Error:
        pass
    if path.suffix.lower() == ".tsv" and "\t" in first:
        return "\t"
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path) -> Iterator[Item]:
    """Read a CSV/TSV file with a header row naming the paper fields.

    The delimiter (comma, semicolon or tab) is detected. Header names are
    case-insensitive and unknown columns are ignored; a ``title`` column is
    required. Authors are separated by ``;`` or `` and ``, references by
    ``;``. Quoted fields may span lines; errors name the line a row starts on.
    """
    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        return
    reader = csv.reader(io.StringIO(text), delimiter=_csv_delimiter(text, path), quotechar='"',
                        doublequote=True, strict=True)
    header: list[str] | None = None
    last_line = 0
    found = 0
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(path, start, f"bad CSV row: {exc}; check the quoting of this row")
            if reader.line_num == last_line:
                break
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [_norm_field(c) for c in row]
            if "title" not in header:
                raise InputError(path, start, f"the header row has no 'title' column (found: "
                                              f"{', '.join(c for c in row if c) or 'nothing'}); add a "
                                              "header naming title, abstract, authors, year, doi, ...")
            continue
        found += 1
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            yield InputError(path, start, f"row has {len(row)} fields but the header has {len(header)}; "
                                          "quote values that contain the delimiter")
            continue
        record = dict(zip(header, row[:len(header)] + [""] * (len(header) - len(row))))
        yield _paper_from_record(record, path, start, tabular=True)
    if header is None:
        raise _no_records(path, "expected a header row naming the fields")
    if not found:
        raise _no_records(path, "the header row is not followed by any rows")


def sniff_csv(head: str) -> bool:
    first = head.lstrip("\ufeff").replace("\r\n", "\n").split("\n", 1)[0]
    for delimiter in _DELIMITERS:
        if delimiter not in first:
            continue
        try:
            cells = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(cells) >= 2 and "title" in {_norm_field(c) for c in cells}:
            return True
    return False


# --------------------------------------------------------------------------
# bibtex
# --------------------------------------------------------------------------

_BIB_TYPES = ("article|inproceedings|conference|misc|book|inbook|incollection|phdthesis|mastersthesis"
              "|techreport|unpublished|online|preprint|proceedings|manual|report|thesis|string|preamble")
_BIB_START = re.compile(rf"^[ \t]*@(?:{_BIB_TYPES})[ \t]*[{{(]", re.I | re.M)
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s/]*(?:abs/)?(\d{4}\.\d{4,5})(?:v\d+)?", re.I)


def _bib_error(block: Any) -> str:
    error = getattr(block, "error", None)
    reason = (getattr(error, "abort_reason", None) or getattr(error, "message", None)
              or (str(error) if error is not None else ""))
    message = clean_text(reason).replace("`", "'") or type(error).__name__
    name = type(block).__name__
    if name == "DuplicateBlockKeyBlock":
        return f"{message}; give each entry its own key"
    if name == "DuplicateFieldKeyBlock":
        return f"{message}; keep one value per field"
    return f"BibTeX entry could not be parsed ({message}); check its braces, quotes and commas"


def _bib_paper(entry: Any, path: Path, line: int) -> Item:
    fields = {str(k).lower(): v for k, v in entry.fields_dict.items()}

    def get(name: str) -> str:
        field = fields.get(name)
        return clean_text(field.value).replace("{", "").replace("}", "") if field is not None else ""

    authors_field = fields.get("author")
    authors = split_authors(list(authors_field.value) if authors_field is not None
                            and isinstance(authors_field.value, list) else get("author"))
    arxiv_id = None
    prefix = (get("archiveprefix") or get("eprinttype")).lower()
    if get("eprint") and (prefix == "arxiv" or clean_arxiv(get("eprint"))):
        arxiv_id = clean_arxiv(get("eprint"))
    if not arxiv_id:
        for name in ("journal", "url", "note", "howpublished"):
            m = _ARXIV_IN_TEXT.search(get(name))
            if m:
                arxiv_id = m.group(1)
                break
    record: dict[str, Any] = {
        "title": get("title"),
        "abstract": get("abstract"),
        "venue": get("journal") or get("booktitle"),
        "doi": get("doi"),
        "arxiv_id": arxiv_id or "",
        "url": get("url"),
        "year": get("year"),
        "date": get("date"),
        "authors": list(authors),
    }
    return _paper_from_record(record, path, line, tabular=False, label=f"entry {entry.key!r}")


def read_bibtex(path: Path) -> Iterator[Item]:
    r"""Read a BibTeX file with bibtexparser (v2).

    LaTeX accents and braces are decoded (``{\"o}`` gives ``ö``), names in
    ``Last, First`` form become ``First Last``, ``journal``/``booktitle`` give
    the venue, and ``eprint`` with ``archivePrefix = {arXiv}`` the arXiv id.
    Blocks bibtexparser cannot parse are reported with their first line.
    """
    from bibtexparser.model import ParsingFailedBlock

    from .bibtex_fast import parse_bibtex

    path = Path(path)
    text = _read_text(path)
    if not text.strip():
        return
    found = 0
    for line, block in parse_bibtex(text):  # fast scanner; bibtexparser for what it does not handle
        found += 1
        if isinstance(block, ParsingFailedBlock):
            yield InputError(path, line, _bib_error(block))
        else:
            yield _bib_paper(block, path, line)
    if not found:
        raise _no_records(path, "no @article{...}, @inproceedings{...} or other BibTeX entries found")


def sniff_bibtex(head: str) -> bool:
    return bool(_BIB_START.search(head))


# --------------------------------------------------------------------------
# registration (lower priority numbers are sniffed first; the generic JSON and
# CSV sniffers come last so that more specific formats win)
# --------------------------------------------------------------------------

register("daily", read_daily, extensions=(".txt",), sniff=sniff_daily, priority=40)
register("bibtex", read_bibtex, extensions=(".bib", ".bibtex"), sniff=sniff_bibtex, priority=45)
register("jsonl", read_jsonl, extensions=(".jsonl", ".ndjson"), sniff=sniff_jsonl, priority=80)
register("json", read_json, extensions=(".json",), sniff=sniff_json, priority=85)
register("csv", read_csv, extensions=(".csv", ".tsv"), sniff=sniff_csv, priority=90)
