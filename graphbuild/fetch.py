"""Fetchers: download paper metadata into files that ``graphbuild build`` reads.

========== =========================================== ======================================
source     function                                    output (read back by reader)
========== =========================================== ======================================
arxiv      :func:`fetch_arxiv` (query, max results)    one Atom feed of all entries (``arxiv``)
s2         :func:`fetch_s2` (paper ids)                JSON Lines of Graph API paper objects,
                                                       references/citations nested (``s2``)
openalex   :func:`fetch_openalex` (search, max)        JSON Lines of OpenAlex works (``openalex``)
========== =========================================== ======================================

Outputs hold the services' own objects, so nothing is lost and the readers in
:mod:`graphbuild.ingest.metadata` stay the only place that interprets them.
Each output is written to a temporary file and renamed into place, so a failed
fetch leaves any earlier file untouched. Pagination lives in generators
(:func:`iter_arxiv_entries`, :func:`iter_s2_links`, :func:`iter_openalex_works`)
that report after every page through the shared :data:`graphbuild.progress.Progress`
callback, ``progress(stage, done, total)`` (``total`` may be None).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from .errors import FetchError, warning_line
from .fsutil import atomic_output
from .http import HttpClient
from .ingest.metadata import ARXIV_NS, ATOM_NS, OPENSEARCH_NS, parse_atom
from .progress import Progress

__all__ = [
    "ARXIV_API",
    "S2_API",
    "OPENALEX_API",
    "S2_PAPER_FIELDS",
    "S2_LINK_FIELDS",
    "SOURCES",
    "Progress",
    "fetch_arxiv",
    "fetch_s2",
    "fetch_openalex",
    "iter_arxiv_entries",
    "iter_s2_links",
    "iter_openalex_works",
    "run_fetch",
]

ARXIV_API = "https://export.arxiv.org/api/query"
S2_API = "https://api.semanticscholar.org/graph/v1"
OPENALEX_API = "https://api.openalex.org/works"

#: Fields requested for the seed paper (the counts give progress totals).
S2_PAPER_FIELDS = ("paperId,externalIds,title,abstract,year,publicationDate,venue,authors,url,"
                   "referenceCount,citationCount")
#: Fields requested for each referenced or citing paper.
S2_LINK_FIELDS = "paperId,externalIds,title,year,publicationDate,venue,authors"

ARXIV_PAGE_MAX = 100
S2_PAGE_MAX = 1000
OPENALEX_PAGE_MAX = 200

#: The sources :func:`run_fetch` knows.
SOURCES = ("arxiv", "s2", "openalex")


_NS = {"atom": ATOM_NS, "arxiv": ARXIV_NS, "opensearch": OPENSEARCH_NS}


def _report(progress: Progress | None, stage: str, done: int, total: int | None) -> None:
    if progress is not None:
        progress(stage, done, total)


def _need_positive(value: int, what: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise FetchError(f"{what} must be a whole number of at least 1 (got {value!r})")


@contextmanager
def _atomic_output(path: Path) -> Iterator[IO[str]]:
    """An atomic output file; a path that cannot be written is a FetchError."""
    try:
        with atomic_output(path) as fh:
            yield fh
    except OSError as exc:
        raise FetchError(f"cannot write {path}: {exc.strerror}; choose another output path") from None


def _lost(error: FetchError, count: int, out: Path) -> FetchError:
    """``error`` saying what it cost: the ``count`` records fetched before it, not written (the output is
    whole or nothing). A fetch failing after minutes of pages said only that the service failed.
    """
    if not count:
        return error
    lost = FetchError(f"{error.detail}; the {count} record(s) fetched before it were not written "
                      f"({out} is as it was)")
    lost.lost = count  # type: ignore[attr-defined]  # (the command adds how to keep them next time)
    return lost


def _write_jsonl(out: Path, records: Iterator[dict[str, Any]]) -> int:
    count = 0
    try:
        with _atomic_output(out) as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
    except FetchError as exc:
        raise _lost(exc, count, out) from None
    return count


# -- arXiv -------------------------------------------------------------------------------

def _parse_feed(data: bytes) -> ET.Element:
    return parse_atom(data, where="the answer")  # the bytes: XML says its own encoding


def _count(value: Any) -> int | None:
    """A count an answer gives (a total of results), or None when it is no whole number of 0 or more: a
    negative total stopped the arXiv paging after one page, and ``True`` was shown as the total.
    """
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,18}\s*", value):
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def iter_arxiv_entries(client: HttpClient, query: str, max_results: int, *,
                       page_size: int = ARXIV_PAGE_MAX, sort_by: str | None = None,
                       sort_order: str | None = None,
                       progress: Progress | None = None) -> Iterator[ET.Element]:
    """Yield up to ``max_results`` Atom ``<entry>`` elements for an arXiv ``search_query``.

    Pages with ``start``/``max_results`` (at most 100 a page); the client keeps
    the 3-second interval arXiv asks for between requests.
    """
    _need_positive(max_results, "the number of results (--max)")
    page_size = max(1, min(page_size, ARXIV_PAGE_MAX))
    done = 0
    total: int | None = None
    while done < max_results:
        params = {"search_query": query, "start": done,
                  "max_results": min(page_size, max_results - done),
                  "sortBy": sort_by, "sortOrder": sort_order}
        root = client.get(ARXIV_API, params, parse=_parse_feed, what="Atom XML", raw=True)
        found = _count(root.findtext("opensearch:totalResults", None, _NS))
        if found is not None:
            total = min(found, max_results)
        entries = root.findall("atom:entry", _NS)
        for entry in entries:
            if "/api/errors" in (entry.findtext("atom:id", "", _NS) or ""):
                message = " ".join((entry.findtext("atom:summary", "", _NS) or "").split())
                raise FetchError(f"{client.display_url(ARXIV_API, params)}: the arXiv API refused the "
                                 f"query ({message}); check the search_query syntax, "
                                 "e.g. 'ti:transformer AND cat:cs.CL'")
        if not entries:
            break
        for entry in entries[: max_results - done]:
            yield entry
            done += 1
        _report(progress, "arxiv", done, total)
        if total is not None and done >= total:
            break


_ARXIV_SYNTAX = re.compile(r"\b(?:ti|au|abs|co|jr|cat|rn|id|all):|\b(?:AND|OR|ANDNOT)\b|[\"()]")


def arxiv_query(text: str) -> str:
    """``text`` as an arXiv ``search_query``: plain words are each searched in all fields and all
    required; a query that uses the API's syntax (field prefixes, AND/OR/ANDNOT, quotes,
    brackets) is sent as it is.

    >>> arxiv_query("state space models")
    'all:state AND all:space AND all:models'
    >>> arxiv_query('ti:transformer AND cat:cs.CL'), arxiv_query('all:"knowledge graph"')
    ('ti:transformer AND cat:cs.CL', 'all:"knowledge graph"')
    """
    text = " ".join(text.split())
    if _ARXIV_SYNTAX.search(text):
        return text
    return " AND ".join(f"all:{word}" for word in text.split())


def fetch_arxiv(query: str, max_results: int, out: Path, client: HttpClient, *,
                page_size: int = ARXIV_PAGE_MAX, sort_by: str | None = None,
                sort_order: str | None = None, progress: Progress | None = None) -> int:
    """Write up to ``max_results`` arXiv entries matching ``query`` to one Atom feed.

    Parameters
    ----------
    query
        An arXiv API ``search_query`` such as ``all:"knowledge graph"`` or
        ``ti:transformer AND cat:cs.CL``, or plain words (see :func:`arxiv_query`).
    out
        Output path; use a ``.atom`` extension so ``graphbuild build`` picks it
        up from a directory.
    sort_by, sort_order
        Optional arXiv ``sortBy`` (relevance, lastUpdatedDate, submittedDate)
        and ``sortOrder`` (ascending, descending).

    Returns
    -------
    int
        The number of entries written.
    """
    if not (query or "").strip():
        raise FetchError("the arXiv query is empty; pass a search_query such as 'all:graph'")
    query = arxiv_query(query)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = f"arXiv query: {query}"
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = client.display_url(ARXIV_API, {"search_query": query})
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = (
        datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"))
    count_node = ET.SubElement(feed, f"{{{OPENSEARCH_NS}}}totalResults")
    count = 0
    with _atomic_output(Path(out)) as fh:  # opened first: an output that cannot be written fails before any request
        try:
            for entry in iter_arxiv_entries(client, query, max_results, page_size=page_size, sort_by=sort_by,
                                            sort_order=sort_order, progress=progress):
                feed.append(entry)
                count += 1
        except FetchError as exc:
            raise _lost(exc, count, Path(out)) from None
        count_node.text = str(count)
        ET.indent(feed, space="  ")
        text = ET.tostring(feed, encoding="unicode", default_namespace=ATOM_NS)
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n")
    return count


# -- Semantic Scholar ---------------------------------------------------------------------

def _s2_paper_url(paper_id: str) -> str:
    paper_id = (paper_id or "").strip()
    if not paper_id:
        raise FetchError("the Semantic Scholar paper id is empty; pass e.g. arXiv:2106.09685, "
                         "DOI:10.18653/v1/N18-3011, CorpusId:215416146 or a 40-character paperId")
    return f"{S2_API}/paper/{quote(paper_id, safe=':/')}"


def iter_s2_links(client: HttpClient, paper_id: str, kind: str, *, limit: int = 1000,
                  fields: str = S2_LINK_FIELDS, page_size: int = 500,
                  progress: Progress | None = None, warn: Callable[[str], None] | None = None,
                  name: str | None = None) -> Iterator[dict[str, Any]]:
    """Yield the papers a paper cites (``kind="references"``) or is cited by (``"citations"``).

    Pages with ``offset``/``limit`` and follows the answer's ``next`` offset
    until it is absent; stops after ``limit`` papers. Each item is the inner
    ``citedPaper`` / ``citingPaper`` object. ``progress("s2 references", done, None)`` after each page.
    A page with no ``data`` list (an error object, ``{}``) ends the paging with one coded line to ``warn``
    naming the paper (``name``, else its id) and the URL, or a :class:`FetchError` when no one is told.
    """
    if kind not in ("references", "citations"):
        raise ValueError("kind must be 'references' or 'citations'")
    _need_positive(limit, f"the {kind} limit")
    inner = "citedPaper" if kind == "references" else "citingPaper"
    url = f"{_s2_paper_url(paper_id)}/{kind}"
    page_size = max(1, min(page_size, S2_PAGE_MAX))
    offset = 0
    done = 0
    while done < limit:
        params = {"fields": fields, "offset": offset, "limit": min(page_size, limit - done)}
        page = client.get_json(url, params)
        if not isinstance(page, dict) or not isinstance(page.get("data", []), (list, type(None))):
            raise FetchError(f"{client.display_url(url, params)}: unexpected answer (no 'data' list); "
                             "the API may have changed, please report this")
        if "data" not in page:  # an error object, or {}: it was read as "no references" without a word
            problem = _s2_no_data(page, kind, name or repr(paper_id), done)
            if warn is None:
                raise FetchError(f"{client.display_url(url, params)}: {problem}")
            warn(warning_line(client.display_url(url, params), None, problem, FetchError))
            return
        data = page.get("data") or []
        for item in data:
            paper = item.get(inner) if isinstance(item, dict) else None
            if not isinstance(paper, dict):
                continue
            yield paper
            done += 1
            if done >= limit:
                break
        _report(progress, f"s2 {kind}", done, None)
        nxt = page.get("next")
        if not data or nxt is None:
            break
        try:
            next_offset = int(nxt)
        except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
            break
        if next_offset <= offset:
            break
        offset = next_offset


def _s2_no_data(page: dict[str, Any], kind: str, name: str, done: int) -> str:
    """What a links page without ``data`` means: which paper's links are left out, with what the answer says."""
    from .ingest.located import short_value

    said = next((v for k in ("error", "message") if isinstance(v := page.get(k), str) and v.strip()), None)
    return (f"Semantic Scholar's answer for the {kind} of {name} has no 'data' list"
            + (f" (it says {short_value(said)})" if said else "")
            + (f"; those after the first {done} are left out" if done else "; they are left out")
            + ": ask again later")


def fetch_s2(paper_id: str | Sequence[str], out: Path, client: HttpClient, *, references: bool = True,
             citations: bool = False, limit: int = 1000, fields: str = S2_PAPER_FIELDS,
             link_fields: str = S2_LINK_FIELDS, progress: Progress | None = None,
             warn: Callable[[str], None] | None = None) -> int:
    """Write Semantic Scholar paper objects, one per line, with references/citations nested.

    Parameters
    ----------
    paper_id
        One id or several: a 40-character S2 ``paperId`` or a prefixed id
        (``arXiv:2106.09685``, ``DOI:10.1145/...``, ``CorpusId:123``).
    references, citations
        Also page through ``/references`` and ``/citations`` (up to ``limit``
        each) and store them as the paper's ``references`` / ``citations`` lists;
        the ``s2`` reader turns citing papers into external papers that cite it.
    progress
        Called as ``progress(stage, done, total)`` with the number of linked papers
        fetched so far (``total`` from the paper's reference/citation counts).
    warn
        Told, in one coded line, of a paper whose links page had no ``data`` list (the other papers go on);
        ``None``: that is a :class:`FetchError`.

    Returns
    -------
    int
        The number of paper objects (lines) written: one per id.
    """
    ids = [paper_id] if isinstance(paper_id, str) else list(paper_id)
    if not ids:
        raise FetchError("no Semantic Scholar paper id given; pass at least one")
    _need_positive(limit, "the references/citations limit")
    urls = [_s2_paper_url(pid) for pid in ids]  # validate every id before any request

    def records() -> Iterator[dict[str, Any]]:
        done = 0
        for pid, url in zip(ids, urls):
            paper = client.get_json(url, {"fields": fields})
            if not isinstance(paper, dict) or not paper.get("paperId"):
                raise FetchError(f"{client.display_url(url, {'fields': fields})}: the answer is not a "
                                 "paper object; check the paper id")
            wanted = [k for k, on in (("references", references), ("citations", citations)) if on]
            counts = [paper.get("referenceCount" if k == "references" else "citationCount") for k in wanted]
            known = [c for c in counts if isinstance(c, int) and not isinstance(c, bool)]
            goal = done + sum(min(c, limit) for c in known) if len(known) == len(counts) else None
            for kind in wanted:
                base = done

                def step(stage: str, n: int, _total: int | None, base: int = base,
                         goal: int | None = goal) -> None:
                    _report(progress, stage, base + n, goal)

                links = list(iter_s2_links(client, pid, kind, limit=limit, fields=link_fields,
                                           progress=step if progress else None, warn=warn))
                done += len(links)
                paper[kind] = links
            yield paper

    return _write_jsonl(Path(out), records())


# -- OpenAlex -----------------------------------------------------------------------------

def iter_openalex_works(client: HttpClient, search: str | None, max_results: int, *,
                        filter: str | None = None, per_page: int = OPENALEX_PAGE_MAX,
                        progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    """Yield up to ``max_results`` OpenAlex works for a search (and/or ``filter``).

    Uses cursor paging: ``cursor=*`` first, then ``meta.next_cursor`` until it is null (or a page
    holds no work, or the cursor is one already followed: it stays, or loops back).
    """
    _need_positive(max_results, "the number of results (--max)")
    if not (search or "").strip() and not (filter or "").strip():
        raise FetchError("give an OpenAlex --search text (or a filter) to fetch works")
    per_page = max(1, min(per_page, OPENALEX_PAGE_MAX, max_results))
    cursor: str | None = "*"
    followed: set[str] = set()
    done = 0
    total: int | None = None
    while cursor and done < max_results:
        followed.add(cursor)
        params = {"search": search or None, "filter": filter or None, "per-page": per_page, "cursor": cursor}
        page = client.get_json(OPENALEX_API, params)
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            raise FetchError(f"{client.display_url(OPENALEX_API, params)}: unexpected answer "
                             "(no 'results' list); the API may have changed, please report this")
        meta = found if isinstance(found := page.get("meta"), dict) else {}
        count = _count(meta.get("count"))
        if count is not None:
            total = min(count, max_results)
        following = meta.get("next_cursor")
        odd = next((n for n, work in enumerate(page["results"], 1) if not isinstance(work, dict)), None)
        if odd is not None or not isinstance(following, (str, type(None))):
            what = (f"result {odd} is {json.dumps(page['results'][odd - 1])[:40]}, not a work object"
                    if odd is not None else f"meta.next_cursor is {json.dumps(following)[:40]}, not text")
            raise FetchError(f"{client.display_url(OPENALEX_API, params)}: unexpected answer ({what}); "
                             "the API may have changed, please report this")  # they were passed over without a word
        before = done
        for work in page["results"][: max_results - done]:
            yield work
            done += 1
        _report(progress, "openalex", done, total)
        if done == before or following in followed:
            break  # a page with no works, or a cursor met before (A, B, A...), would page forever
        cursor = following


def fetch_openalex(search: str | None, max_results: int, out: Path, client: HttpClient, *,
                   filter: str | None = None, per_page: int = OPENALEX_PAGE_MAX,
                   progress: Progress | None = None) -> int:
    """Write up to ``max_results`` OpenAlex work objects, one per line.

    ``filter`` is passed through as OpenAlex's ``filter`` parameter (for
    example ``publication_year:2024,type:article``). Returns the number written.
    """
    return _write_jsonl(Path(out), iter_openalex_works(client, search, max_results, filter=filter,
                                                       per_page=per_page, progress=progress))


# -- entry point for the CLI -------------------------------------------------------------

def run_fetch(source: str, *, out: str | Path, client: HttpClient | None = None,
              cache_dir: str | Path | None = None, progress: Progress | None = None,
              query: str | None = None, max_results: int = 100,
              paper_ids: Sequence[str] = (), references: bool = True, citations: bool = False,
              limit: int = 1000, filter: str | None = None, warn: Callable[[str], None] | None = None) -> int:
    """Run one fetcher by name; builds (and closes) an :class:`HttpClient` if none is given.

    ``query`` is the arXiv search_query or the OpenAlex search text;
    ``paper_ids`` are the Semantic Scholar ids. Returns the number of records written.
    """
    if source not in SOURCES:
        raise FetchError(f"unknown source {source!r}; choose one of {', '.join(SOURCES)}")
    own = client is None
    active = client if client is not None else HttpClient(cache_dir=cache_dir)
    try:
        if source == "arxiv":
            return fetch_arxiv(query or "", max_results, Path(out), active, progress=progress)
        if source == "s2":
            return fetch_s2(list(paper_ids), Path(out), active, references=references,
                            citations=citations, limit=limit, progress=progress, warn=warn)
        return fetch_openalex(query, max_results, Path(out), active, filter=filter, progress=progress)
    finally:
        if own:
            active.close()
