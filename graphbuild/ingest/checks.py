"""Checks every record passes on its way out of a reader, whatever the format.

:func:`guarded` wraps a reader: it turns a record the later stages could not
handle (a field that is not text; an unpaired surrogate, which no file can store;
a text longer than the NLP pass reads; an author count below zero or past any
real one) into an :class:`~graphbuild.errors.InputError` for that record, and
anything the reader itself trips over (JSON nested too deeply, a value of an
unexpected type) into an ``InputError`` for the file, so that bad input is
always one coded line. :func:`id_conflicts` finds records that share an id (a
DOI, an arXiv id or the record's own) but not a title, which merging would
otherwise join silently.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, warning_line
from ..records import Paper, normalize_title, paper_key
from .fields import warn
from .located import short_value

__all__ = ["MAX_AUTHORS", "MAX_TEXT_CHARS", "check_paper", "checked", "guarded", "id_conflicts",
           "latest_year"]

#: Longest title + abstract the NLP pass reads (spaCy's default ``nlp.max_length``).
MAX_TEXT_CHARS = 1_000_000

#: Most authors a paper may list (the longest real author lists have some thousands); a store keeps 64-bit numbers.
MAX_AUTHORS = 100_000

#: What a reader may trip over on hostile input; anything else is a bug and stays loud.
_READER_FAILURES = (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError,
                    UnicodeError, OverflowError, ET.ParseError)


#: what exports write in an abstract's place when a record has none (Scopus's "[No abstract available]",
#: "Abstract not available", "N/A", "-"): no abstract, not text for the NLP pass or the related index
_NO_ABSTRACT = re.compile(
    r"[\[(]?\s*(?:(?:there\s+is\s+)?no\s+abstract(?:\s+(?:is\s+)?(?:available|provided|given))?|"
    r"abstract\s+(?:(?:is\s+)?not\s+(?:available|provided)|unavailable|missing)|n/?a|none|null|-+|\.+)"
    r"\s*\.?\s*[\])]?", re.I)


def _line(paper: Paper) -> int | None:
    tail = (paper.source or "").rpartition(":")[2]
    return int(tail) if tail.isdigit() else None


def _texts(paper: Paper) -> Iterator[tuple[str, str]]:
    for name in ("title", "abstract", "venue", "url", "doi", "arxiv_id"):
        yield name, getattr(paper, name) or ""
    for author in paper.authors:
        yield "authors", author
    yield from paper.ids
    for n, ref in enumerate(paper.references, 1):
        for field in (ref.title, ref.doi, ref.arxiv_id, *(v for _, v in ref.ids)):
            yield f"reference {n}", field or ""


def check_paper(paper: Paper, path: Path) -> InputError | None:
    """The reason ``paper`` cannot go further, as an error naming its file and line, or None."""
    line = _line(paper)
    for name, value in _texts(paper):
        if not isinstance(value, str):  # a reader passed a JSON number or list through as is
            return InputError(path, line, f"field {name!r} must be text, not {type(value).__name__}; "
                                          "fix or remove the record")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return InputError(path, line, f"field {name!r} holds an unpaired surrogate "
                                          f"(\\u{ord(value[exc.start]):04x} at character {exc.start}), "
                                          "a broken escape such as \"\\ud83d\" that no file can store; "
                                          "fix or remove the record")
    if paper.n_authors is not None and not 0 <= paper.n_authors <= MAX_AUTHORS:
        return InputError(path, line, f"n_authors {short_value(paper.n_authors)} is not a number of authors (0 to "
                                      f"{MAX_AUTHORS:,}); fix or remove the record")
    size = len(paper.text)
    if size > MAX_TEXT_CHARS:
        return InputError(path, line, f"title and abstract are {size:,} characters, more than the "
                                      f"{MAX_TEXT_CHARS:,} the NLP pass reads; shorten the "
                                      f"{'title' if len(paper.title) > len(paper.abstract or '') else 'abstract'}")
    return None


def latest_year(today: datetime.date | None = None) -> int:
    """The latest year a paper may carry: the one after ``today``'s (default: the clock's), as a paper of next
    year's volume is out already.
    """
    return (today or datetime.date.today()).year + 1


def checked(paper: Paper, path: Path, latest: int | None = None) -> Paper | InputError:
    """``paper`` as it goes further (without an abstract where its abstract only says it has none, without a date
    when its year is past ``latest``, default :func:`latest_year`: one warning), or the error of
    :func:`check_paper`.
    """
    problem = check_paper(paper, path)
    if problem is not None:
        return problem
    if paper.abstract and len(paper.abstract) < 40 and _NO_ABSTRACT.fullmatch(paper.abstract.strip()):
        paper = dataclasses.replace(paper, abstract="")
    if latest is None:
        latest = latest_year()
    if paper.year is not None and paper.year > latest:
        warn(path, _line(paper), f"year {paper.year} is after {latest} (a typo?); the paper was kept without its "
                                 "date, which would stretch every timeline to it")
        paper = dataclasses.replace(paper, year=None, date=None)
    return paper


def guarded(path: Path, items: Iterable[Paper | InputError], *,
            today: datetime.date | None = None) -> Iterator[Paper | InputError]:
    """``items`` (a reader's output) through :func:`checked`, and reader failures as InputError.

    The date is asked once, when the reading starts (``today``, default the clock's: :func:`latest_year`), not
    once a record.
    """
    latest = latest_year(today)
    try:
        for item in items:
            yield checked(item, path, latest) if isinstance(item, Paper) else item
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, None, "the data is nested too deeply to read (hundreds of levels); "
                                     "this is not a list of papers") from None
    except _READER_FAILURES as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, None, f"cannot read the file: {reason[:200]}") from None


def id_conflicts(papers: Iterable[Paper], earlier: Iterable[Paper] = ()) -> list[str]:
    """One warning per record that shares a DOI, an arXiv id or a user-given id with an earlier record
    but not its title.

    Merging joins such records into one paper (keeping the first title), so
    the warning names both records and says which title was kept: a DOI
    column a spreadsheet filled down, say, would otherwise fold many papers
    into one without a word. ``earlier``: papers that come first (a
    workspace's), compared with but not warned about.
    """
    first: dict[str, Paper] = {}
    for paper in earlier:
        for _, key, _ in _shared_ids(paper):
            first.setdefault(key, paper)
    out = []
    for paper in papers:
        for what, key, value in _shared_ids(paper):
            seen = first.setdefault(key, paper)
            if seen is not paper and normalize_title(seen.title) != normalize_title(paper.title):
                # coded like the warning of any record kept (:func:`.fields.warn`)
                out.append(warning_line(
                    paper.source or "a record", None,
                    f"has the {what} {value!r} of {seen.source or 'an earlier record'} but another title "
                    f"({paper.title!r}, not {seen.title!r}); they were merged keeping {seen.title!r}: give one of "
                    f"them another {what} if they are different papers"))
    return out


def _shared_ids(paper: Paper) -> Iterator[tuple[str, str, str]]:
    """(what it is called, merge key, value as written) of each id of ``paper`` that merging joins on."""
    if paper.doi:
        yield "DOI", "doi:" + paper.doi, paper.doi
    if paper.arxiv_id:
        yield "arXiv id", "arxiv:" + paper.arxiv_id, paper.arxiv_id
    for kind, value in paper.ids:
        if kind == "id":
            yield "id", paper_key(value), value
