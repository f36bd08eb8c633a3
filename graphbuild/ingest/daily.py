"""The plain-text "Daily Papers" listing reader (see :mod:`graphbuild.ingest` for the reader contract)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, nul_character
from ..records import Paper
from . import register
from .fields import MONTH, Item, clean_text, no_records, parse_date, read_text, title_problem

__all__ = ["read_daily", "sniff_daily"]

_AUTHORS_LINE = re.compile(r"^\s*(?:[•·*\-–]\s*)?(\d+)\s+authors?\s*$", re.I)
_DOT_LINE = re.compile(r"^\s*[·•]\s*$")
_DATE_LINE = re.compile(
    rf"^\s*(?P<date>{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:\s+(?P<votes>\d+))?\s*$", re.I)
#: Page furniture that precedes the first paper (and day separators such as "Jan 2").
_PAGE_LINE = re.compile(
    rf"^\s*(?:new|subscribe|daily papers|trending papers|get trending papers.*|by\s*ak\b.*"
    rf"|{MONTH}\s+\d{{1,2}}|{MONTH}\s+\d{{4}})\s*$", re.I)

#: a line ending in an article, preposition or conjunction: wrapped text, never a whole title
_OPEN_END = re.compile(r"\b(?:a|an|the|of|on|in|at|to|for|from|with|by|as|than|and|or|via|into|onto|over"
                       r"|under|between|across|that|which|whose|while|where|is|are|was|were)\s*$", re.I)
#: a sentence end inside a line ("ideas. On"; not "vs. X" or "e.g. X": the word before has 3+ letters)
_INNER_SENTENCE_END = re.compile(r"[a-z0-9%)]{3}[.!?]\s+[A-Z0-9]")


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


def _continues(above: str, line: str) -> bool:
    """Whether ``line`` carries on the text of ``above``, the line right over it (a hard wrap).

    It does when it starts in lower case, or ``above`` cannot be a title: it ends with a
    comma, semicolon, hyphen or dash, or with a word no title ends in ("... larger models
    on" over "ARC-AGI and ..."), or it holds a sentence end ("... two ideas. On").
    """
    return (line.lstrip()[:1].islower() or above.rstrip()[-1:] in (",", ";", "-", "–", "—")
            or bool(_OPEN_END.search(above) or _INNER_SENTENCE_END.search(above)))


def _paragraph_start(lines: list[tuple[int, str]], k: int) -> int:
    """Where the hard-wrapped paragraph holding ``lines[k]`` starts (at 1 or later: a title stays above it).

    A line continues the one right above it when no blank line is between and :func:`_continues` says so.
    """
    while k >= 2 and lines[k - 1][0] + 1 == lines[k][0] and _continues(lines[k - 1][1], lines[k][1]):
        k -= 1
    return k


def _daily_record(path: Path, text: list[tuple[int, str]], n_authors: int | None,
                  date_text: str | None, meta_line: int) -> Item:
    damaged = next(((n, s) for n, s in text if "\x00" in s), None)
    if damaged is not None:  # it hid a header line ("ne\0w" is no "new"): the header became the title
        return InputError(path, damaged[0], nul_character(damaged[1], "which no text holds (a damaged file?); the "
                                                                      "paper this line belongs to was not read: "
                                                                      "remove the NUL"))
    lines = [(n, s) for n, s in text if s.strip()]
    while lines and _PAGE_LINE.match(lines[0][1]):
        lines.pop(0)
    if not lines:
        what = f"'{n_authors} authors'" if date_text is None else f"date {date_text!r}"
        return InputError(path, meta_line, f"{what} has no title and abstract above it; "
                                           "each paper needs a title line and an abstract")
    # page furniture the patterns do not know ("Demo listing …") sits above the title: the title
    # is the last line before the abstract's first line, the paragraph ending the first sentence
    first_prose = next((k for k, (_, s) in enumerate(lines) if _is_prose(s)), None)
    if first_prose is not None and first_prose >= 2:
        lines = lines[_paragraph_start(lines, first_prose) - 1:]
    title_line, title = lines[0][0], clean_text(lines[0][1])
    if problem := title_problem(title):  # "---" or zero-width spaces: the paper would be named so
        return InputError(path, title_line, f"{problem}; each paper needs a title line above its abstract")
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
    first paper ("Subscribe", "Daily Papers", "Jan 2", ...) is skipped. A paper whose text (or the page
    header above it) holds a NUL character is not read, with an error naming the NUL's line.
    """
    path = Path(path)
    lines = read_text(path, wide=True).split("\n")
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
        raise no_records(path, "a Daily Papers listing needs, per paper, a title, an abstract, "
                                "a line like '• 5 authors' and a date line like 'May 28, 2025'")


def sniff_daily(head: str) -> bool:
    """Whether ``head`` holds an ``N authors`` line with a date line within the next four lines."""
    lines = head.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        if _AUTHORS_LINE.match(line) and any(_DATE_LINE.match(s) for s in lines[i + 1:i + 5]):
            return True
    return False



register("daily", read_daily, extensions=(".txt",), sniff=sniff_daily, priority=40)
