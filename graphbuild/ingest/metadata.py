"""Readers for metadata-service exports: Semantic Scholar, OpenAlex and arXiv Atom.

Each reader follows the contract of :mod:`graphbuild.ingest`: it yields a
:class:`~graphbuild.records.Paper` per good record and an
:class:`~graphbuild.errors.InputError` per bad one, and raises
``InputError`` for a file it cannot read at all.

``s2``
    Semantic Scholar Graph API paper objects, as a JSON array, JSON Lines, or
    an API answer ``{"data": [...]}``. ``references`` become
    :class:`~graphbuild.records.PaperRef`; ``citations`` (papers citing this
    one) become extra ``external`` papers that reference it.
``openalex``
    OpenAlex work objects, as a JSON array, JSON Lines, or a results page
    ``{"results": [...]}``; the abstract is rebuilt from
    ``abstract_inverted_index``.
``arxiv``
    arXiv API Atom feeds (``.atom``/``.xml``); DOCTYPE and ENTITY
    declarations are refused.

Errors and ``Paper.source`` name the line a record (or an Atom ``<entry>``)
starts on; in an array, a page or a feed the error also gives the record's
number, from 1.

arXiv's DataCite DOIs (``10.48550/arXiv.<id>``) are turned into arXiv ids so
that the same preprint gets the same id from every source.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ..errors import InputError
from ..records import Paper, PaperRef, clean_arxiv, clean_doi, parse_year
from . import register
from .fields import (
    Item,
    bad_paper_doi,
    bad_reference_doi,
    clean_text,
    doi_shaped_not_doi,
    not_doi_text,
    paper_from_record,
    read_chunks,
    read_input_bytes,
    reference_items,
    reference_left_out,
    reference_titled,
    title_problem,
    warn,
)
from .json_csv import json_line, json_lines_ahead, one_list
from .located import TOO_DEEP, JsonStream, line_numbers, repeated_keys, stream_records, too_deep

__all__ = [
    "ATOM_NS",
    "ARXIV_NS",
    "OPENSEARCH_NS",
    "json_record",
    "read_s2",
    "read_openalex",
    "read_arxiv",
    "s2_paper",
    "s2_ref",
    "openalex_work",
    "rebuild_abstract",
    "parse_atom",
    "atom_entry_paper",
    "sniff_s2",
    "sniff_openalex",
    "sniff_arxiv",
]

ATOM_NS = "http://www.w3.org/2005/Atom"
ARXIV_NS = "http://arxiv.org/schemas/atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
_NS = {"atom": ATOM_NS, "arxiv": ARXIV_NS, "opensearch": OPENSEARCH_NS}

_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^?#\s]+?)(?:\.pdf)?(?:[?#]|$)", re.I)
_OPENALEX_ID = re.compile(r"(?:https?://openalex\.org/)?([WASIC]\d+)$", re.I)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


# -- shared helpers --------------------------------------------------------------

def _text(value: Any, what: str) -> str:
    """The text field ``what`` of a service record, whitespace collapsed and markup removed ('' for null).

    The services give titles, abstracts, venues and names as JSON strings, and an all-digit title as
    the string ``"1984"``; a number, a boolean, a list or an object there is a record mangled on the
    way (a data frame that typed a column, a field shifted by one), so it is a :class:`ValueError`
    quoting its start, not the text "12" or "True".
    """
    return clean_text(_string(value, what))


def _title(title: str, missing: str) -> str:
    """``title``, a service record's cleaned title: :class:`ValueError` ``missing`` when there is none, or saying
    why it is none (``---``, zero-width spaces: :func:`~graphbuild.ingest.fields.title_problem`), as a JSON,
    CSV or BibTeX record's is.
    """
    if not title:
        raise ValueError(missing)
    problem = title_problem(title)
    if problem:
        raise ValueError(f"{problem}; every paper needs a title")
    return title


def _string(value: Any, what: str) -> str | None:
    """``value``, the field ``what`` of a service record, as it is when it is a string or null; a
    :class:`ValueError` naming ``what`` otherwise (for identifiers and addresses, which cleaning would alter).
    """
    if value is not None and not isinstance(value, str):
        raise ValueError(f"the {what} must be text, not {json.dumps(value)[:40]}")
    return value


def _year(obj: dict[str, Any], key: str) -> int | None:
    """The year field ``key`` of a service record: ``None`` when it is absent or null, a :class:`ValueError`
    when it holds something that is no year (``"twenty"``), which was read as no year without a word.
    """
    value = obj.get(key)
    if value is None or value == "":
        return None
    year = parse_year(value)
    if year is None:
        raise ValueError(f"cannot read {key} {json.dumps(value)[:40]}; a year is a number such as 2021")
    return year


def _object(obj: dict[str, Any], key: str) -> dict[str, Any]:
    """The object field ``key`` of a service record (``{}`` when absent or null; :class:`ValueError` when
    it is something else, whose ids were passed over without a word).
    """
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{key} must be a JSON object, not {json.dumps(value)[:40]}")
    return value


def _member(value: Any, what: str, number: int) -> dict[str, Any]:
    """Item ``number`` of a list of objects (``authors``, ``authorships``): ``{}`` for null, a
    :class:`ValueError` for anything else (an author given as a bare string was dropped without a word).
    """
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{what} {number} must be a JSON object, not {json.dumps(value)[:40]}")
    return value


def _date(value: Any) -> str | None:
    m = _DATE.match(str(value or "").strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _doi_and_arxiv(doi: Any, arxiv: Any = None) -> tuple[str | None, str | None]:
    """Clean a DOI and an arXiv id; an arXiv DataCite DOI becomes the arXiv id."""
    clean = clean_doi(str(doi)) if doi else None
    aid = clean_arxiv(str(arxiv)) if arxiv else None
    if clean:
        m = _ARXIV_DOI.match(clean)
        if m and clean_arxiv(m.group(1)):
            aid = aid or clean_arxiv(m.group(1))
            clean = None
    return clean, aid


def _warn_bad_doi(raw: Any, source: str | None, who: str) -> None:
    """Warn at ``source`` (``path:line``) when ``raw``, a service record's own DOI, is text that is no DOI: the
    record is kept without it (:func:`_doi_and_arxiv` drops it), which it was without a word. ``who``: how the
    warning names the record (``""`` for the record itself, ``"citing paper 'T': "`` for one inside it).
    """
    bad = not_doi_text(raw)
    if bad and source:
        warn(source, None, who + bad_paper_doi(bad))


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    """The list in ``obj[key]`` (empty when missing or null); :class:`ValueError` for any other value."""
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"field {key!r} must be a list, not {type(value).__name__}")
    return value


def _dedupe_refs(refs: Iterable[PaperRef]) -> tuple[PaperRef, ...]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        if ref.id not in seen:
            seen.add(ref.id)
            out.append(ref)
    return tuple(out)


def _load_json(path: Path) -> Iterator[tuple[int, Any, str]]:
    """Yield ``(line, value, label)`` for every record of a JSON or JSON Lines file.

    ``line`` is the line the record starts on; ``label`` is ``""`` for JSON
    Lines and ``"record N: "`` (N from 1) for an array or an API page, to go
    before the reason in an error. A line that is not a JSON object is yielded as
    an :class:`InputError` value, worded as the plain JSON Lines reader words it
    (:func:`~graphbuild.ingest.json_csv.json_line`).

    A file whose first line is a whole object with more lines after it can only be JSON Lines: it is read a line
    at a time; any other is one JSON document, whose records are read one at a time
    (:func:`~graphbuild.ingest.located.stream_records`): neither is held whole.
    """
    stream = JsonStream(read_chunks(path, wide=True))
    if json_lines_ahead(stream, path):  # no line is held while its record is read
        for number, line in stream.lines():
            if line.strip():
                value = json_line(line, path, number)
                del line
                yield number, value, ""
        return
    try:
        doc = stream_records(path, stream, _PAGE_KEYS, _page_list)
        if doc is None:
            return
        if doc.records is None and not isinstance(doc.value, dict):
            raise InputError(path, None, "expected a JSON object, array or JSON Lines of objects")
        if doc.key is not None and repeated_keys(doc.value):  # {"data": [...], "data": [...]}: one list dropped
            raise InputError(path, doc.line, repeated_keys(doc.value))
        one_list(path, doc.line, doc.value, doc.key, _PAGE_KEYS)  # {"data": [...], "results": [...]}: one dropped
        records = iter([(doc.line, doc.value)]) if doc.records is None else doc.records
        for n, (start, item) in enumerate(records, 1):
            yield start, too_deep(path, start, n) if item is TOO_DEEP else item, f"record {n}: "
        one_list(path, doc.line, doc.value, doc.key, _PAGE_KEYS)  # a list after the one read as it streamed
    except json.JSONDecodeError as exc:  # the first line is not a whole object: not JSON Lines either
        raise InputError(path, exc.lineno, f"invalid JSON or JSON Lines: {exc.msg} (column {exc.colno}); "
                                           "fix the file or export it again") from None


#: the members of an API page that hold its records, in the order they are looked for
_PAGE_KEYS = ("data", "results")


def _page_list(page: dict[str, Any]) -> str | None:
    """The key of an API page's record list (its ``"data"``, else its ``"results"``); None when it has none."""
    return next((k for k in _PAGE_KEYS if isinstance(page.get(k), list)), None)


def _looks_json(head: str) -> bool:
    return head.lstrip()[:1] in ("[", "{")


# -- Semantic Scholar -----------------------------------------------------------------

def _s2_unwrap(obj: Any) -> Any:
    """``{"citedPaper": {...}}`` / ``{"citingPaper": {...}}`` -> the inner paper."""
    if isinstance(obj, dict):
        for key in ("citedPaper", "citingPaper"):
            if isinstance(obj.get(key), dict) and "paperId" not in obj:
                return obj[key]
    return obj


def _s2_ids(obj: dict[str, Any]) -> tuple[str | None, str | None, tuple[tuple[str, str], ...]]:
    ext = _object(obj, "externalIds")
    doi, aid = _doi_and_arxiv(ext.get("DOI"), ext.get("ArXiv"))
    ids: list[tuple[str, str]] = []
    if obj.get("paperId"):
        ids.append(("s2", str(obj["paperId"])))
    if ext.get("CorpusId") not in (None, ""):
        ids.append(("corpus", str(ext["CorpusId"])))
    if ext.get("MAG") not in (None, ""):
        ids.append(("mag", str(ext["MAG"])))
    if ext.get("PubMed") not in (None, ""):
        ids.append(("pmid", str(ext["PubMed"])))
    return doi, aid, tuple(ids)


def s2_ref(obj: Any) -> PaperRef | None:
    """A :class:`PaperRef` for a Semantic Scholar paper object (``None`` if it names nothing)."""
    obj = _s2_unwrap(obj)
    if not isinstance(obj, dict):
        return None
    doi, aid, ids = _s2_ids(obj)
    title = _text(obj.get("title"), "title") or None
    if not (doi or aid or ids or title):
        return None
    return PaperRef(doi=doi, arxiv_id=aid, ids=ids, title=title, year=parse_year(obj.get("year")))


def _s2_refs(items: list[Any], source: str | None) -> tuple[PaperRef, ...]:
    """The references of a Semantic Scholar paper (``items``: its ``references``), each at most once.

    A reference whose ``externalIds.DOI`` is not a DOI is kept without it, or left out when nothing else names
    the paper, with a warning at ``source`` (``path:line``, :func:`~graphbuild.ingest.fields.warn`) as every
    reader of references gives; it was dropped without a word.
    A reference with a field of the wrong type (a title that is a list) is left out with a warning: it refused
    the whole record, and with it a one-record file.
    """
    refs = []
    for number, item in enumerate(reference_items(items), 1):
        if not item:
            continue
        try:
            ref = s2_ref(item)
        except ValueError as exc:  # a field of the reference mangled: the citing record is good all the same
            if source:
                warn(source, None, reference_left_out(number, str(exc)))
            continue
        if ref is not None:
            ref, note = reference_titled(ref, number)
            if note and source:
                warn(source, None, note)
        inner = _s2_unwrap(item)
        ext = inner.get("externalIds") if isinstance(inner, dict) else None
        bad = not_doi_text(ext.get("DOI")) if isinstance(ext, dict) else ""
        if bad and source:
            warn(source, None, bad_reference_doi(number, bad, kept=ref is not None))
        if ref is not None:
            refs.append(ref)
    return _dedupe_refs(refs)


def s2_paper(obj: dict[str, Any], *, source: str | None = None, external: bool = False) -> Paper:
    """Map one Semantic Scholar paper object to a :class:`Paper`.

    Raises :class:`ValueError` with a short reason when the object is unusable.
    """
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object (a Semantic Scholar paper)")
    if repeated_keys(obj):
        raise ValueError(repeated_keys(obj))
    title = _title(_text(obj.get("title"), "title"), "paper has no title; request the 'title' field from the API")
    doi, aid, ids = _s2_ids(obj)
    _warn_bad_doi(_object(obj, "externalIds").get("DOI"), source, f"citing paper {title!r}: " if external else "")
    authors = tuple(name for n, a in enumerate(_list(obj, "authors"), 1)
                    if (name := _text(_member(a, "author", n).get("name"), f"name of author {n}")))
    date = _date(obj.get("publicationDate"))
    year = _year(obj, "year") or parse_year(date)
    venue = _text(obj.get("venue"), "venue") or None
    if not venue and isinstance(obj.get("journal"), dict):
        venue = _text(obj["journal"].get("name"), "journal name") or None
    return Paper(
        title=title,
        abstract=_text(obj.get("abstract"), "abstract"),
        authors=authors,
        n_authors=len(authors) if obj.get("authors") is not None else None,
        year=year,
        date=date,
        venue=venue,
        doi=doi,
        arxiv_id=aid,
        url=obj.get("url") or None,
        ids=ids,
        references=_s2_refs(_list(obj, "references"), source),
        external=external,
        source=source,
    )


def read_s2(path: Path) -> Iterator[Paper | InputError]:
    """Read Semantic Scholar Graph API paper objects (array, JSON Lines or ``{"data": [...]}``)."""
    path = Path(path)
    for line, obj, label in _load_json(path):
        if isinstance(obj, InputError):
            yield obj
            continue
        source = f"{path}:{line}"
        obj = _s2_unwrap(obj)
        if isinstance(obj, dict) and not _is_s2(obj):
            yield _other_record(obj, path, line, label)  # a paper of another kind in the file
            continue
        try:
            paper = s2_paper(obj, source=source)
            citations = _list(obj, "citations")
        except ValueError as exc:
            yield InputError(path, line, f"{label}{exc}")
            continue
        yield paper
        seed = paper.ref()
        for n, citing in enumerate(citations, 1):
            citing = _s2_unwrap(citing)
            if not isinstance(citing, dict):
                continue
            try:
                if title_problem(shown := _text(citing.get("title"), "title")) or not shown:
                    continue  # a citing paper without a title ("---" is none) cannot be shown; skip it quietly
                cited = s2_paper(citing, source=source, external=True)
            except ValueError as exc:
                yield InputError(path, line, f"{label}citing paper {n}: {exc}")
                continue
            cited.references = _dedupe_refs(cited.references + (seed,))
            yield cited


def _is_s2(obj: dict[str, Any]) -> bool:
    """Whether ``obj`` is a Semantic Scholar paper: its keys ``paperId`` or ``corpusId``, or ``externalIds`` given."""
    return "paperId" in obj or "corpusId" in obj or obj.get("externalIds") is not None


def json_record(value: dict[str, Any], path: Path, line: int | None) -> Item:
    """One JSON object as the paper it describes, whichever reader the file went to: a Semantic Scholar
    paper (:func:`_is_s2`), an OpenAlex work (its id an ``https://openalex.org/``
    address) or a plain paper object. Formats are sniffed per file from its head; a file mixing them
    (``cat works.jsonl s2.jsonl``) would otherwise lose the abstract, year and references of the records
    of the other kind, where the Spark job (which decides per record by this rule) keeps them.

    Raises ``ValueError`` where the metadata record functions do.
    """
    source = f"{path}:{line}" if line else str(path)
    if _is_s2(value):
        return s2_paper(value, source=source)
    if str(value.get("id", "")).startswith("https://openalex.org/"):
        return openalex_work(value, source=source)
    return paper_from_record(value, path, line, tabular=False)


def sniff_s2(head: str) -> bool:
    """JSON that carries Semantic Scholar's ``paperId`` (and usually ``externalIds``)."""
    return (_looks_json(head) and '"paperId"' in head
            and any(f'"{k}"' in head for k in ("externalIds", "title", "citedPaper", "citingPaper")))


# -- OpenAlex ----------------------------------------------------------------------------

def rebuild_abstract(index: Any) -> str:
    """Rebuild an abstract from OpenAlex's ``abstract_inverted_index`` (word -> positions).

    Positions are whole numbers (``3`` or ``3.0``) from 0; anything else is skipped.
    """
    if not isinstance(index, dict):
        return ""
    placed: dict[int, str] = {}
    for word, positions in index.items():
        for pos in positions if isinstance(positions, list) else ():
            if isinstance(pos, float) and pos.is_integer():  # 3.0, as an index that went through a data frame
                pos = int(pos)
            if isinstance(pos, int) and not isinstance(pos, bool) and pos >= 0:
                placed[pos] = str(word)
    return " ".join(placed[i] for i in sorted(placed))


def _openalex_id(value: Any) -> str | None:
    m = _OPENALEX_ID.search(str(value or "").strip())
    return m.group(1).upper() if m else None


def _openalex_arxiv(work: dict[str, Any]) -> str | None:
    locations = []
    for key in ("primary_location", "best_oa_location"):
        if isinstance(work.get(key), dict):
            locations.append(work[key])
    locations.extend(loc for loc in _list(work, "locations") if isinstance(loc, dict))
    for loc in locations:
        for key in ("landing_page_url", "pdf_url"):
            m = _ARXIV_URL.search(str(loc.get(key) or ""))
            if m and clean_arxiv(m.group(1)):
                return clean_arxiv(m.group(1))
    return None


def openalex_work(obj: dict[str, Any], *, source: str | None = None) -> Paper:
    """Map one OpenAlex work object to a :class:`Paper` (:class:`ValueError` if unusable)."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object (an OpenAlex work)")
    if repeated_keys(obj):
        raise ValueError(repeated_keys(obj))
    title = _title(_text(obj.get("display_name") or obj.get("title"), "title"), "work has no title (display_name)")
    extra = found if isinstance(found := obj.get("ids"), dict) else {}
    raw_doi = _string(obj.get("doi"), "doi") or _string(extra.get("doi"), "ids.doi")
    doi, aid = _doi_and_arxiv(raw_doi, _openalex_arxiv(obj))
    _warn_bad_doi(raw_doi, source, "")
    ids: list[tuple[str, str]] = []
    wid = _openalex_id(obj.get("id") or extra.get("openalex"))
    if wid:
        ids.append(("openalex", wid))
    if extra.get("mag") not in (None, ""):
        ids.append(("mag", str(extra["mag"])))
    if extra.get("pmid"):
        pmid = re.search(r"(\d+)/?$", str(extra["pmid"]))
        if pmid:
            ids.append(("pmid", pmid.group(1)))
    authors = []
    for n, authorship in enumerate(_list(obj, "authorships"), 1):
        authorship = _member(authorship, "authorship", n)
        name = _text(_author_name(authorship.get("author"), n) or authorship.get("raw_author_name"),
                     f"name of author {n}")
        if name:
            authors.append(name)
    primary = found if isinstance(found := obj.get("primary_location"), dict) else {}
    venue_source = found if isinstance(found := primary.get("source"), dict) else {}
    refs = _openalex_refs(_list(obj, "referenced_works"), source)
    date = _date(obj.get("publication_date"))
    return Paper(
        title=title,
        abstract=clean_text(rebuild_abstract(obj.get("abstract_inverted_index"))),
        authors=tuple(authors),
        n_authors=len(authors) if obj.get("authorships") is not None else None,
        year=_year(obj, "publication_year") or parse_year(date),
        date=date,
        venue=_text(venue_source.get("display_name"), "venue") or None,
        doi=doi,
        arxiv_id=aid,
        url=(_string(primary.get("landing_page_url"), "primary_location.landing_page_url") or obj.get("doi")
             or _string(obj.get("id"), "id") or None),
        ids=tuple(ids),
        references=_dedupe_refs(refs),
        source=source,
    )


def _author_name(author: Any, number: int) -> Any:
    """The name in the ``author`` of OpenAlex authorship ``number``: its ``display_name``, or the author itself
    when it is a plain string (a flattened export), which was passed over without a word. Any other value is a
    :class:`ValueError`, as an authorship that is no object is (:func:`_member`).
    """
    if isinstance(author, str):
        return author
    return _member(author, "author of authorship", number).get("display_name")


def _openalex_refs(items: list[Any], source: str | None) -> list[PaperRef]:
    """The references of an OpenAlex work (``items``: its ``referenced_works``, work ids or addresses).

    An entry written as a DOI is read as one (a good one kept, as other records' references are); one that is
    no DOI, or no work id at all, is left out with a warning at ``source`` (``path:line``,
    :func:`~graphbuild.ingest.fields.warn`): either was dropped without a word.
    """
    refs = []
    for number, item in enumerate(reference_items(items, "referenced_works"), 1):
        text = str(item).strip() if isinstance(item, (str, int)) and not isinstance(item, bool) else ""
        doi = clean_doi(text)
        rid = None if doi else _openalex_id(text)
        if doi:
            refs.append(PaperRef(doi=doi))
        elif rid:
            refs.append(PaperRef(ids=(("openalex", rid),)))
        elif source and item not in (None, ""):
            bad = doi_shaped_not_doi(text)
            warn(source, None, bad_reference_doi(number, bad, kept=False) if bad else
                 reference_left_out(number, f"{json.dumps(item)[:60]} is not an OpenAlex work id (expected "
                                    "https://openalex.org/W<digits>) or a DOI"))
    return refs


def read_openalex(path: Path) -> Iterator[Paper | InputError]:
    """Read OpenAlex work objects (array, JSON Lines or a ``{"results": [...]}`` page)."""
    path = Path(path)
    for line, obj, label in _load_json(path):
        if isinstance(obj, InputError):
            yield obj
            continue
        if isinstance(obj, dict) and _is_s2(obj):
            yield _other_record(obj, path, line, label)  # a Semantic Scholar paper in the file
            continue
        try:
            yield openalex_work(obj, source=f"{path}:{line}")
        except ValueError as exc:
            yield InputError(path, line, f"{label}{exc}")


def _other_record(obj: dict[str, Any], path: Path, line: int, label: str) -> Item:
    """:func:`json_record` of a record whose kind is not the file's, or the error naming its line."""
    try:
        return json_record(obj, path, line)
    except ValueError as exc:
        return InputError(path, line, f"{label}{exc}")


def sniff_openalex(head: str) -> bool:
    """JSON with OpenAlex work ids and a field only OpenAlex works have."""
    return (_looks_json(head) and "openalex.org/W" in head
            and any(f'"{k}"' in head for k in ("abstract_inverted_index", "referenced_works",
                                               "authorships", "publication_year")))


# -- arXiv Atom ---------------------------------------------------------------------------

class MalformedXmlError(ValueError):
    """XML that is not well-formed, with the line where the parser stopped (``line``; the message says the
    column), so that a reader can name the line as every input error does.
    """

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def parse_atom(data: bytes, *, where: str = "feed") -> ET.Element:
    """Parse an Atom document with defusedxml: any DTD, entity or external reference is refused.

    The parser reads the document's own encoding (UTF-8, UTF-16, ...), so the
    refusal holds whatever the bytes look like. Raises :class:`ValueError`
    with a one-line reason for unsafe or malformed XML.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ValueError(f"{where} declares a DOCTYPE or ENTITY; refusing to parse it "
                         "(arXiv feeds never do; re-download the feed)") from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise MalformedXmlError(f"{where} is not well-formed XML ({reason}, column {column})", line) from None
    if root.tag != f"{{{ATOM_NS}}}feed":
        raise ValueError(f"{where} is not an Atom feed (root element {str(root.tag)[:80]!r})")
    return root


def _child_text(entry: ET.Element, name: str) -> str:
    """The text of ``entry``'s child ``name``, with that of any elements inside it (XHTML content: ``<b>x</b>``)."""
    node = entry.find(name, _NS)
    return clean_text("".join(node.itertext())) if node is not None else ""


def atom_entry_paper(entry: ET.Element, *, source: str | None = None) -> Paper:
    """Map one arXiv Atom ``<entry>`` to a :class:`Paper` (:class:`ValueError` if unusable)."""
    entry_id = _child_text(entry, "atom:id")
    title = _child_text(entry, "atom:title")
    if "/api/errors" in entry_id:
        raise ValueError(f"the arXiv API reported an error: {_child_text(entry, 'atom:summary') or title}")
    aid = clean_arxiv(entry_id)
    if not aid:
        raise ValueError(f"entry id {entry_id!r} is not an arXiv abstract URL")
    _title(title, "entry has no title")
    authors = tuple(name for node in entry.findall("atom:author/atom:name", _NS)
                    if (name := clean_text("".join(node.itertext()))))
    published = _child_text(entry, "atom:published") or _child_text(entry, "atom:updated")
    url = None
    for link in entry.findall("atom:link", _NS):
        if link.get("rel") == "alternate" and link.get("href"):
            url = link.get("href")
            break
    doi, _ = _doi_and_arxiv(_child_text(entry, "arxiv:doi"))
    return Paper(
        title=title,
        abstract=_child_text(entry, "atom:summary"),
        authors=authors,
        n_authors=len(authors),
        year=parse_year(published),
        date=_date(published),
        venue=_child_text(entry, "arxiv:journal_ref") or None,
        doi=doi,
        arxiv_id=aid,
        url=url or f"https://arxiv.org/abs/{aid}",
        source=source,
    )


#: the start tag of an element named entry, with any prefix (XML whitespace is ASCII only)
_ENTRY_TAG = re.compile(r"<(?:[^ \t\r\n<>/:!?=]+:)?entry[ \t\r\n/>]")


def _entry_lines(data: bytes, count: int) -> list[int]:
    """The line each of the ``count`` entries of the feed in ``data`` starts on (``data`` passed :func:`parse_atom`).

    The quick way: every entry's start tag matches :data:`_ENTRY_TAG` in an
    ASCII-compatible encoding, so when exactly ``count`` tags match, they are
    the entries. A match more (an ``<entry>`` in a comment, an element named
    entry inside an entry) or another encoding (UTF-16) makes the counts
    differ, and expat reads the feed again to say where each entry starts.
    """
    if b"\0" not in data:  # UTF-16 and UTF-32 markup has NUL bytes; ASCII-compatible XML has none
        text = data.decode("latin-1")  # byte for byte, so offsets are byte offsets
        starts = [m.start() for m in _ENTRY_TAG.finditer(text)]
        if len(starts) == count:
            return list(line_numbers(text, starts))
    parser = expat.ParserCreate(namespace_separator=" ")  # the feed has no DTD: parse_atom refused any
    wanted = f"{ATOM_NS} entry"
    lines: list[int] = []
    depth = 0

    def start(name: str, attrs: object) -> None:
        nonlocal depth
        depth += 1
        if depth == 2 and name == wanted:  # a child of the feed
            lines.append(parser.CurrentLineNumber)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(data, True)
    return lines


def read_arxiv(path: Path) -> Iterator[Paper | InputError]:
    """Read an arXiv API Atom feed; errors name the line an entry starts on and its number (from 1)."""
    path = Path(path)
    data = read_input_bytes(path)
    try:
        root = parse_atom(data, where="file")
    except ValueError as exc:
        raise InputError(path, exc.line if isinstance(exc, MalformedXmlError) else None, str(exc)) from None
    entries = root.findall("atom:entry", _NS)
    lines = _entry_lines(data, len(entries))
    for number, (line, entry) in enumerate(zip(lines, entries, strict=True), 1):
        try:
            yield atom_entry_paper(entry, source=f"{path}:{line}")
        except ValueError as exc:
            yield InputError(path, line, f"entry {number}: {exc}")


def sniff_arxiv(head: str) -> bool:
    """XML in the Atom namespace that mentions arXiv: abstract URLs, its schema or its API."""
    text = head.lstrip()
    return (text.startswith("<") and ATOM_NS in text
            and any(mark in text for mark in ("arxiv.org/abs/", ARXIV_NS, "arxiv.org/api/")))


# Lower priority numbers than the generic json/jsonl sniffers, so these win.
register("s2", read_s2, extensions=(".s2.json", ".s2.jsonl"), sniff=sniff_s2, priority=10,
         written_in=("json", "jsonl"))
register("openalex", read_openalex, extensions=(".openalex.json", ".openalex.jsonl"),
         sniff=sniff_openalex, priority=11, written_in=("json", "jsonl"))
register("arxiv", read_arxiv, extensions=(".atom", ".xml"), sniff=sniff_arxiv, priority=12)
