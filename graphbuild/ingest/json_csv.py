"""The JSON, JSON Lines and CSV/TSV readers (see :mod:`graphbuild.ingest` for the reader contract).

The generic JSON and CSV sniffers have the highest priority numbers, so more
specific formats (metadata-service exports, Daily Papers, BibTeX) win.
"""

from __future__ import annotations

import csv
import difflib
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, shortened
from . import register
from .fields import (
    FIELD_NAMES,
    READ_FIELDS,
    Item,
    no_records,
    norm_field,
    paper_from_record,
    read_chunks,
    read_lines,
    warn,
)
from .located import (
    TOO_DEEP,
    JsonStream,
    json_kind,
    lines_after_first,
    loads,
    opens_list,
    repeated_keys,
    short_value,
    stream_records,
    too_deep,
)

__all__ = ["json_line", "one_list", "read_json", "read_jsonl", "read_csv", "sniff_json", "sniff_jsonl", "sniff_csv"]

#: the keys of an object wrapping the paper list, in the order they are looked for
_LIST_KEYS = ("papers", "data", "results")


def read_json(path: Path) -> Iterator[Item]:
    """Read a JSON array of paper objects, or an object holding the list under ``"papers"``,
    ``"data"`` or ``"results"`` (as API answers do; an object with a ``title`` and no ``"papers"``
    list is one paper), or JSON Lines (:func:`json_lines_ahead`), as tools write them named ``.json``.

    Errors name the line each object starts on. The list is read a record at a time
    (:func:`~graphbuild.ingest.located.stream_records`), in the memory of one record: a JSON array of 300 MB
    was held whole, as bytes, text and every value, some times its size.
    """
    path = Path(path)
    stream = JsonStream(read_chunks(path, wide=True))
    if json_lines_ahead(stream, path):  # JSON Lines named .json (as Hugging Face's to_json and pandas write them)
        yield from _json_lines_items(path, stream.lines())
        return
    try:
        doc = stream_records(path, stream, _LIST_KEYS, _paper_list)
        if doc is None:
            return
        if doc.records is None:
            yield _one_paper(doc.value, doc.line, path)
            return
        if doc.key is not None and repeated_keys(doc.value):  # {"papers": [...], "papers": [...]}: one dropped
            raise InputError(path, doc.line, repeated_keys(doc.value))
        one_list(path, doc.line, doc.value, doc.key)
        found = 0
        for line, value in doc.records:
            found += 1
            if value is TOO_DEEP:
                yield too_deep(path, line, found)
                continue
            if not isinstance(value, dict):
                yield InputError(path, line, f"record {found} is {json_kind(value)}, not an object "
                                             "with paper fields")
                continue
            # the record's number too: the records of an array json.dump wrote all start on line 1
            yield paper_from_record(value, path, line, tabular=False, label=f"record {found} at line {line}")
    except json.JSONDecodeError as exc:
        raise InputError(path, exc.lineno, f"invalid JSON: {exc.msg} (column {exc.colno}); "
                                           "fix the syntax or use .jsonl for one object per line") from None
    one_list(path, doc.line, doc.value, doc.key)  # a list after the one read (the members read as it streamed)
    if not found:
        raise no_records(path, "the paper list is empty")


def one_list(path: Path, line: int, wrapper: dict[str, Any], key: str | None,
             keys: tuple[str, ...] = _LIST_KEYS) -> None:
    """Refuse a wrapping object (``wrapper``, its paper list under ``key``) that holds another of the lists
    ``keys`` names too (:data:`_LIST_KEYS`; an API page's): only one would be read, the other left out without a word.
    """
    other = next((k for k in keys if k != key and isinstance(wrapper.get(k), list)), None) if key else None
    if other is not None:
        raise InputError(path, line, f"the object holds a {other!r} list beside its {key!r} list; only one list "
                                     "of papers is read: put the papers in one list, or in two files")


def _paper_list(data: dict[str, Any]) -> str | None:
    """The key of the paper list of the top-level object ``data``: its ``"papers"``, ``"data"`` or ``"results"``
    list, in that order; None when it has none, or is a paper with a ``"data"`` or ``"results"`` field of its own
    (a ``title``, and no ``"papers"`` list).
    """
    keys = [k for k in _LIST_KEYS if isinstance(data.get(k), list)]
    return keys[0] if keys and (keys[0] == "papers" or "title" not in data) else None


def _one_paper(data: Any, line: int, path: Path) -> Item:
    """The paper a top-level object with a ``title`` and no paper list is; an InputError for any other value."""
    if isinstance(data, dict) and "title" in data:
        return paper_from_record(data, path, line, tabular=False)
    raise InputError(path, None, 'expected a JSON array of paper objects or an object with a "papers", '
                                 '"data" or "results" list')


#: characters of a first line past which an object opening a paper list (:data:`_LIST_KEYS`) is taken for an API page
#: written on one line (:func:`json_lines_ahead`), not a JSON Lines record
_LONG_LINE = 1 << 20


def json_lines_ahead(stream: JsonStream, path: Path) -> bool:
    """Whether the JSON text ``stream`` reads (:attr:`~JsonStream.pos` not moved) is JSON Lines: its first line one
    whole object, and more lines after it (a JSON document can be no such thing).

    An object whose first line is longer than :data:`_LONG_LINE`, which opens a paper list before that and has
    nothing after it (an API page minified on one line, ``{"total": 9, "data": [...]}``) is a document, told without
    holding the line (:func:`_more_lines`): its records were held whole as one line of text (400 MB of memory for a
    page of 200 MB) before the first was read. With lines after it, it is JSON Lines (a record holding a ``data``
    list): it was read as a document that stopped at line 2 with "Extra data".
    """
    if stream.peek() != "{":
        return False
    head = stream.ahead(_LONG_LINE)
    if "\n" not in head and opens_list(head, _LIST_KEYS) and not _more_lines(path):  # an API page on one line
        return False
    first, end = stream.rest_of_line()
    return not stream.blank_from(end) and isinstance(json_line(first, path, stream.line()), dict)


def _more_lines(path: Path) -> bool:
    """Whether the file has more than whitespace after its first line, read again from its start a piece at a time
    (:func:`~graphbuild.ingest.located.lines_after_first`); True for what cannot be read again (a pipe, read once):
    its first line is then held, as a JSON Lines line is, and told by its end.
    """
    if not Path(path).is_file():
        return True
    return lines_after_first(read_chunks(path, wide=True))  # (the file closed as the pieces are dropped)


def read_jsonl(path: Path) -> Iterator[Item]:
    """Read JSON Lines: one paper object per line, read one at a time (:func:`~graphbuild.ingest.fields.read_lines`);
    blank lines are ignored.
    """
    path = Path(path)
    return _json_lines_items(path, read_lines(path, wide=True))


def _json_lines_items(path: Path, lines: Iterator[tuple[int, str]]) -> Iterator[Item]:
    """The records of the numbered ``lines`` of a JSON Lines file, one at a time."""
    for number, line in lines:
        if not line.strip():
            continue
        value = json_line(line, path, number)
        del line  # not held while the record is read
        item = value if isinstance(value, InputError) else _record(value, path, number)
        del value  # nor the object read once its paper is made
        yield item


def _record(value: dict[str, Any], path: Path, number: int) -> Item:
    """A JSON Lines record: a plain paper object, or a Semantic Scholar paper or OpenAlex work among them
    (:func:`~graphbuild.ingest.metadata.json_record`: the rule the Spark job applies to every line).
    """
    from .metadata import json_record  # (here: metadata imports this module)

    try:
        return json_record(value, path, number)
    except ValueError as exc:
        return InputError(path, number, str(exc))


def json_line(line: str, path: Path, number: int | None) -> dict[str, Any] | InputError:
    """The JSON object on line ``number`` of a JSON Lines file, or the error saying why there is none
    (not JSON, nested too deeply, not an object); the Spark job reads its lines with it too.
    """
    try:
        value = loads(line)
    except json.JSONDecodeError as exc:
        return InputError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno}); "
                                        "each line must be one complete JSON object")
    except RecursionError:
        return InputError(path, number, "the JSON on this line is nested too deeply to read")
    if not isinstance(value, dict):
        return InputError(path, number, f"line is {json_kind(value)}, not an object with paper fields")
    return value


def _complete_lines(head: str) -> list[str]:
    lines = [s for s in head.replace("\r\n", "\n").split("\n")]
    if len(head) >= 60000:  # the sniffer's window may cut the last line
        lines = lines[:-1]
    return [s for s in lines if s.strip()]


def sniff_jsonl(head: str) -> bool:
    """Whether the first two complete lines of ``head`` are JSON objects."""
    lines = _complete_lines(head)[:2]
    if len(lines) < 2:
        return False
    try:
        return all(isinstance(json.loads(s), dict) for s in lines)
    except json.JSONDecodeError:
        return False


def sniff_json(head: str) -> bool:
    """Whether ``head`` is JSON (or, cut off by the sniffer's window, opens like an array of objects)."""
    text = head.strip()
    if not text or text[0] not in "[{":
        return False
    try:
        json.loads(text)
        return True
    except json.JSONDecodeError:
        # A long file is cut off at the sniffer's window; judge by its opening.
        return len(head) >= 60000 and bool(re.match(r'^(\[\s*\{|\{\s*")', text))


_DELIMITERS = ",;\t"
#: how many header cells, and how much of each, an error shows (a JSON file read as CSV is one huge "header")
_SHOWN_COLUMNS, _SHOWN_WIDTH = 12, 40
#: said when the header row starts like JSON: the file was read as CSV by --format
_NOT_CSV_HINT = "; the file starts like JSON: read it as JSON (drop --format csv, or pass --format json)"


def _columns(row: list[str]) -> str:
    """A header row's names for an error line: the first few, each cut short, and how many there are."""
    names = [shortened(c, _SHOWN_WIDTH) for c in row if c]
    more = f", … ({len(names)} columns)" if len(names) > _SHOWN_COLUMNS else ""
    return ", ".join(names[:_SHOWN_COLUMNS]) + more if names else "nothing"

# The csv module refuses cells over 131,072 characters ("field larger than field limit"), which an
# abstract may well be: cells are read whole, and a text too long for the NLP pass is reported per record
# (graphbuild.ingest.checks), as for every format. The limit is the process's; it is only ever raised.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def _repeated_field(header: list[str], row: list[str]) -> str:
    """The first field two header cells name (as ``'Title' and 'title'``), or ``''``; empty cells do not count."""
    first: dict[str, int] = {}
    for i, field in enumerate(header):
        if not field:
            continue
        if field in first:
            return f"{row[first[field]].strip()!r} and {row[i].strip()!r}, columns {first[field] + 1} and {i + 1}"
        first[field] = i
    return ""


#: the columns of reference managers' and bibliographic databases' CSV exports (Zotero, Mendeley, Scopus, Web of
#: Science, dblp) that graphbuild leaves out on purpose, as :func:`~graphbuild.ingest.fields.norm_field` folds them:
#: an export of a library names dozens, and a line naming them would hide one misspelt column ("abstarct")
_LEFT_OUT = frozenset((
    "key", "item_type", "type", "document_type", "isbn", "issn", "coden", "pages", "num_pages", "page_start",
    "page_end", "page_count", "art._no.", "issue", "volume", "number", "number_of_volumes", "series",
    "series_number", "series_text", "series_title", "series_editor", "editor", "editors", "publisher", "place",
    "language", "language_of_original_document", "rights", "extra", "notes", "note", "file_attachments",
    "link_attachments", "manual_tags", "automatic_tags", "keywords", "author_keywords", "index_keywords",
    "date_added", "date_modified", "access_date", "short_title", "journal_abbreviation",
    "abbreviated_source_title", "library_catalog", "call_number", "archive", "archive_location", "link",
    "affiliations", "authors_with_affiliations", "author_full_names", "author(s)_id", "correspondence_address",
    "cited_by", "pubmed_id", "publication_stage", "open_access", "source", "eid", "conference_name",
    "conference_date", "conference_location", "conference_code", "funding_details", "funding_texts",
    "sponsors", "proceedings_title", "edition", "month", "booktitle", "school", "institution", "organization",
    "address", "howpublished", "pdf", "file",
))


def _unread_columns(header: list[str], row: list[str]) -> str:
    """What the header row names that no field is read from (:data:`~graphbuild.ingest.fields.READ_FIELDS`), for
    one warning: each column as written (the first few), with the field it is close to (``'Abstarct' (did you mean
    'abstract'?)``); ``''`` when every named column is read, or left out on purpose (:data:`_LEFT_OUT`: an export's
    ISSN, pages, tags...; an unnamed one, as a data frame's index, says nothing either).
    """
    unread = [(cell.strip(), name) for cell, name in zip(row, header)
              if name and name not in READ_FIELDS and name not in _LEFT_OUT]
    shown = []
    for cell, name in unread[:_SHOWN_COLUMNS]:
        close = difflib.get_close_matches(name, FIELD_NAMES, n=1, cutoff=0.8)
        shown.append(f"{short_value(cell)}{f' (did you mean {close[0]!r}?)' if close else ''}")
    more = f", … ({len(unread)} columns)" if len(unread) > _SHOWN_COLUMNS else ""
    return ", ".join(shown) + more


#: Excel's first line naming a CSV's delimiter (``sep=;``), which Excel reads and does not show
_EXCEL_SEP = re.compile(r"^\s*sep=([,;\t|])\s*$", re.I)


def _csv_delimiter(text: str, path: Path) -> str:
    first = text.lstrip("\n").split("\n", 1)[0]
    excel = _EXCEL_SEP.match(first)
    if excel:
        return excel.group(1)
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


#: how much of a CSV's start the delimiter is told from (:func:`_csv_delimiter`)
_SNIFFED = 16384


def _csv_lines(path: Path) -> tuple[Iterator[str], str]:
    """The lines of a CSV file, one at a time (:func:`~graphbuild.ingest.fields.read_lines`: BOM dropped, any line
    end read as LF), and its start: at least :data:`_SNIFFED` characters of it, or all of it, to tell the
    delimiter from; blank (``''`` or spaces) when the whole file is.
    """
    numbered = read_lines(path, wide=True)
    first: list[str] = []
    size = 0
    content = False  # a line that is not blank
    for _, line in numbered:
        first.append(line)
        size += len(line) + 1
        content = content or bool(line.strip())
        if size >= _SNIFFED and content:
            break
    head = "\n".join(first) if content else ""
    # each with its line end again: the csv module keeps a quoted field's line breaks only when its lines carry them
    return (line + "\n" for line in itertools.chain(first, (line for _, line in numbered))), head


def read_csv(path: Path) -> Iterator[Item]:
    """Read a CSV/TSV file with a header row naming the paper fields.

    The delimiter (comma, semicolon or tab) is detected. Header names are
    case-insensitive; columns no field is read from are left out with one
    warning naming them (and the field a misspelt one is close to); a ``title`` column is
    required. Authors are separated by ``;`` or `` and ``, references by
    ``;``. Quoted fields may span lines; errors name the line a row starts on.

    The file is read a line at a time (:func:`~graphbuild.ingest.fields.read_lines`), in the memory of one row:
    a CSV of 300 MB was held whole, as bytes, text and a copy, near 1.8 GB.
    """
    path = Path(path)
    lines, head = _csv_lines(path)
    if not head.strip():
        return
    delimiter = _csv_delimiter(head, path)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
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
            found += header is not None  # a row, if a bad one: the file is not "a header only"
            yield InputError(path, start, f"bad CSV row: {exc}; check the quoting of this row"
                                          f"{_swallowed(reader, start)}")
            if reader.line_num == last_line:
                break
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None and len(row) == 2 and _EXCEL_SEP.match(f"{row[0]}{delimiter}") and not row[1]:
            continue  # Excel's sep= line (_EXCEL_SEP): the header comes next
        if header is None:
            header = [norm_field(c) for c in row]
            if "title" not in header:
                raise InputError(path, start, f"the header row has no 'title' column (found: {_columns(row)}); "
                                              f"add a header naming title, abstract, authors, year, doi, ..."
                                              f"{_NOT_CSV_HINT if row[0].lstrip()[:1] in ('{', '[') else ''}")
            twice = _repeated_field(header, row)
            if twice:
                raise InputError(path, start, f"the header row names one field twice ({twice}); "
                                              "rename or remove one of the columns")
            unread = _unread_columns(header, row)
            if unread:  # a misspelt column ("abstarct") was left out without a word
                warn(path, start, f"the header row names columns graphbuild does not read (their cells are left "
                                  f"out): {unread}")
            continue
        found += 1
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            yield InputError(path, start, f"row has {len(row)} fields but the header has {len(header)}; "
                                          "quote values that contain the delimiter")
            continue
        record = dict(zip(header, row[:len(header)] + [""] * (len(header) - len(row))))
        yield paper_from_record(record, path, start, tabular=True)
    if header is None:
        raise no_records(path, "expected a header row naming the fields")
    if not found:
        raise no_records(path, "the header row is not followed by any rows")


def _swallowed(reader: Any, start: int) -> str:
    """What a bad CSV row starting on line ``start`` took with it, for its error: the lines after it the ``reader``
    read as the text of a quoted field (a quote never closed reads to the end of the file), whose rows were
    lost without a word.
    """
    lines = reader.line_num - start
    return (f" (a quoted field in it runs over the {lines} line(s) after it, read as its text: their rows are not "
            "read)") if lines > 0 else ""


def sniff_csv(head: str) -> bool:
    """Whether the first line of ``head`` is a delimited header with a ``title`` column."""
    lines = head.lstrip("\ufeff").replace("\r\n", "\n").split("\n", 2)
    first = lines[1] if _EXCEL_SEP.match(lines[0]) and len(lines) > 1 else lines[0]
    for delimiter in _DELIMITERS:
        if delimiter not in first:
            continue
        try:
            cells = next(csv.reader([first], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(cells) >= 2 and "title" in {norm_field(c) for c in cells}:
            return True
    return False



register("jsonl", read_jsonl, extensions=(".jsonl", ".ndjson"), sniff=sniff_jsonl, priority=80)
register("json", read_json, extensions=(".json",), sniff=sniff_json, priority=85)
register("csv", read_csv, extensions=(".csv", ".tsv"), sniff=sniff_csv, priority=90)
