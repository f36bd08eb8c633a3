"""The BibTeX reader (see :mod:`graphbuild.ingest` for the reader contract).

Entries are scanned by :mod:`.bibtex_fast` (bibtexparser for what it does
not handle) and LaTeX is decoded by :mod:`.latex`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError, shortened
from ..records import clean_arxiv
from . import register
from .fields import Item, clean_text, month_number, no_records, paper_from_record, read_text, warn, warn_nul

__all__ = ["read_bibtex", "sniff_bibtex"]

_BIB_TYPES = ("article|inproceedings|conference|misc|book|inbook|incollection|phdthesis|mastersthesis"
              "|techreport|unpublished|online|preprint|proceedings|manual|report|thesis|string|preamble")
_BIB_START = re.compile(rf"^[ \t]*@(?:{_BIB_TYPES})[ \t]*[{{(]", re.I | re.M)
#: the entry types of a volume that papers name by ``crossref`` (proceedings, a book of chapters …): such an entry
#: lends its fields and is no paper; a crossref to any other entry (a paper) is none of these
_VOLUME_TYPES = frozenset(("proceedings", "mvproceedings", "book", "mvbook", "collection", "mvcollection",
                           "reference", "mvreference", "periodical"))
#: the fields an entry takes from the volume its ``crossref`` names, when it lacks them
_CROSSREF_FIELDS = ("year", "month", "date", "journal", "booktitle")
#: the four-digit year that opens a ``year`` field (``2021``, an author-year style's ``2021a``)
_YEAR_DIGITS = re.compile(r"^\s*(\d{4})[a-z]?\s*$")
#: an arXiv id named in free text: ``arXiv:1810.04805``, ``arXiv preprint arXiv:1810.04805v2``, an arxiv.org address
_ARXIV_IN_TEXT = re.compile(r"arxiv(?:\.org/(?:abs|pdf)/|[:\s/]*(?:abs/)?)"
                            r"((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)", re.I)
#: the journal names of arXiv preprints in DBLP's (``CoRR``) and Semantic Scholar's (``ArXiv``) exports,
#: which put the id in the volume: ``volume = {abs/1512.03385}``
_ARXIV_JOURNALS = ("corr", "arxiv")
_DOI_URL = re.compile(r"^(?:https?://)?(?:dx\.|www\.)?doi\.org/", re.I)


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


def _fields(entry: Any) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in entry.fields_dict.items()}


def _crossref(entry: Any) -> str:
    """The lower-cased key the entry's ``crossref`` field names ('' for none); BibTeX keys ignore case."""
    field = _fields(entry).get("crossref")
    return clean_text(field.value).lower() if field is not None and isinstance(field.value, str) else ""


def _inherited(parent: Any) -> dict[str, Any]:
    """What an entry lacking them takes from the volume its ``crossref`` names: the year, date and venue.

    As in BibTeX, a volume without a ``booktitle`` lends its ``title`` as the booktitle.
    """
    fields = _fields(parent)
    out = {name: fields[name] for name in _CROSSREF_FIELDS if name in fields}
    if "booktitle" not in out and "title" in fields:
        out["booktitle"] = fields["title"]
    return out


def _bib_paper(entry: Any, path: Path, line: int, parent: Any = None) -> Item:
    fields = {**(_inherited(parent) if parent is not None else {}), **_fields(entry)}
    # before get() cleans them: the record below holds no NUL any more
    warn_nul({name: field.value for name, field in fields.items()}, path, line, f"entry {entry.key!r}")

    def get(name: str) -> str:
        field = fields.get(name)
        # decoded already: a backslash or brace left is the text's own (math, or an escaped one), not markup
        return clean_text(field.value, latex=False) if field is not None else ""

    # the scanner (or bibtexparser) split the names by BibTeX's rules: a braced {Barnes and Noble, Inc.} is one
    authors_field = fields.get("author")
    authors = (list(authors_field.value) if authors_field is not None and isinstance(authors_field.value, list)
               else get("author"))
    url, doi = get("url"), get("doi")
    record: dict[str, Any] = {
        "title": get("title"),
        "abstract": get("abstract"),
        "venue": get("journal") or get("booktitle"),
        "doi": doi or (url if _DOI_URL.match(url) else ""),
        "arxiv_id": _arxiv_id(get) or "",
        "url": url,
        "year": get("year"),
        "date": get("date") or _year_month(get("year"), get("month")),
        "authors": authors,
    }
    return paper_from_record(record, path, line, tabular=False, label=f"entry {entry.key!r}", whole_names=True,
                             decoded=True)


def _year_month(year: str, month: str) -> str:
    """``YYYY-MM`` from an entry's ``year`` and ``month`` (``month = jun``, ``{June}``, ``{6}``), so that a
    dated entry without a day keeps its month; ``""`` when either is missing or unreadable (a ``month`` such
    as ``{Summer}`` is no error: the year alone stands).
    """
    number = month_number(month) if month else None
    found = _YEAR_DIGITS.match(year)
    return f"{found.group(1)}-{number:02d}" if number and found else ""


def _arxiv_id(get: Callable[[str], str]) -> str | None:
    """The arXiv id of an entry whose fields ``get`` gives, or None.

    Its ``eprint`` (unless another archive is named), an arXiv journal's
    ``volume = {abs/<id>}``, else one named in its journal, url, note or howpublished.
    """
    prefix = (get("archiveprefix") or get("eprinttype")).lower()
    if get("eprint") and prefix in ("", "arxiv"):
        aid = clean_arxiv(get("eprint"))
        if aid:
            return aid
    if get("journal").lower() in _ARXIV_JOURNALS and get("volume").lower().startswith("abs/"):
        aid = clean_arxiv(get("volume")[4:])
        if aid:
            return aid
    for name in ("journal", "url", "note", "howpublished"):
        for m in _ARXIV_IN_TEXT.finditer(get(name)):
            aid = clean_arxiv(m.group(1))
            if aid:
                return aid
    return None


def read_bibtex(path: Path) -> Iterator[Item]:
    r"""Read a BibTeX file (a fast scanner; bibtexparser v2 for what it does not handle).

    Values follow BibTeX's rules: ``@string`` macros (case-insensitive,
    defined from their ``@string`` on), ``#`` joining quoted, braced, numeric
    and macro parts, the month macros ``jan`` .. ``dec`` and the standard
    styles' journal macros (``jacm``). An entry that uses an undefined macro,
    or a macro before its ``@string``, is not read:
    it is reported, with its line, as an entry with a bad field is.
    LaTeX accents and braces are decoded (``{\"o}`` gives ``ö``), names in
    ``Last, First`` form become ``First Last`` (``van der Berg, Jr., Jan`` gives
    ``Jan van der Berg Jr.``), a braced corporate name is one name kept as
    written (``{Barnes and Noble, Inc.}``: a comma or ``and`` inside braces
    splits nothing), ``journal``/``booktitle`` give
    the venue, and ``eprint`` with ``archivePrefix = {arXiv}`` the arXiv id.
    An entry with a ``crossref`` (DBLP exports) takes the year and venue it
    lacks from the volume it names (``@proceedings``, ``@book`` …), and that
    volume is not read as a paper; a paper a crossref names stays one.
    Blocks bibtexparser cannot parse are reported with their first line.
    """
    from bibtexparser.model import ParsingFailedBlock

    from .bibtex_fast import ValueTooLong, parse_bibtex

    path = Path(path)
    text = read_text(path, wide=True)
    if not text.strip():
        return
    try:
        blocks = list(parse_bibtex(text))  # fast scanner; bibtexparser for what it does not handle
    except ValueTooLong as exc:  # @string macros doubling one another: the file, not one entry, is at fault
        raise InputError(path, exc.line, str(exc)) from None
    entries = {str(b.key).lower(): b for _, b in blocks if not isinstance(b, ParsingFailedBlock) and not b.problem}
    # the volumes other entries name ("" is no crossref; an entry naming itself, or a paper, is no volume)
    volumes = {cr for key, entry in entries.items() if (cr := _crossref(entry)) and cr != key and cr in entries
               and str(entries[cr].entry_type).lower() in _VOLUME_TYPES}
    keys = {str(b.key).lower() for _, b in blocks if not isinstance(b, ParsingFailedBlock)}
    for line, block in blocks:
        if isinstance(block, ParsingFailedBlock):
            yield InputError(path, line, _bib_error(block))
        elif block.problem:  # a macro it uses is undefined: one error for the entry, as for a bad field
            yield InputError(path, line, block.problem)
        elif str(block.key).lower() not in volumes:
            if (cr := _crossref(block)) and cr not in keys:  # BibTeX's "bad cross reference"; it was silent
                warn(path, line, f"entry {shortened(str(block.key))!r}: its crossref {shortened(cr)!r} names no entry "
                                 "of this file, so it takes no year or venue from one; put the volume's entry in the "
                                 "same file")
            yield _bib_paper(block, path, line, entries[cr] if cr in volumes else None)
    if not blocks:
        raise no_records(path, "no @article{...}, @inproceedings{...} or other BibTeX entries found")


def sniff_bibtex(head: str) -> bool:
    """Whether ``head`` (a file's first 64 KiB) holds an ``@article{``-like entry start."""
    return bool(_BIB_START.search(head))



register("bibtex", read_bibtex, extensions=(".bib", ".bibtex"), sniff=sniff_bibtex, priority=45)
