"""Paper records from the fields of a file: text cleaning, dates, author lists, identifiers.

Shared by the readers (:mod:`.daily`, :mod:`.json_csv`, :mod:`.bibtex`,
:mod:`.metadata`) and the Spark job. Conventions every reader follows:

* Text is read as UTF-8 (a byte-order mark is dropped, CRLF and CR line ends
  become LF); anything else is reported with the line and byte offset.
* Titles and abstracts have their whitespace collapsed; Unicode is kept;
  HTML and JATS markup (Crossref, OpenAlex, publishers' exports) and LaTeX
  styling are dropped, character references decoded.
* ``Paper.source`` is ``"<path>:<line>"`` of the line the record starts on.
* An empty (or whitespace-only) file yields nothing; a file with content but
  no records at all raises ``InputError``.
"""

from __future__ import annotations

import codecs
import gzip
import html
import io
import math
import os
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date as _date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, nul_character, warning_line
from ..records import Paper, PaperRef, clean_arxiv, clean_doi, paper_key
from .latex import CITATION
from .located import repeated_keys, short_value

__all__ = ["Item", "MONTH", "clean_text", "month_number", "parse_date", "split_authors", "is_surname", "read_text",
           "cannot_read", "utf8_error", "no_records", "norm_field", "paper_from_record", "is_gzipped", "open_input",
           "gzip_errors", "not_gzip", "read_input_bytes", "collecting_warnings", "warn", "MAX_INPUT_BYTES",
           "MAX_REFERENCES", "reference_items", "not_doi_text", "doi_shaped_not_doi", "bad_reference_doi",
           "bad_paper_doi", "reference_left_out", "reference_titled", "title_problem", "drop_markup", "READ_FIELDS",
           "FIELD_NAMES", "read_lines", "read_chunks", "CHUNK_BYTES", "wide_encoding"]

#: what a reader yields per record
Item = Paper | InputError

#: the warnings of the records being read, when a caller collects them (:func:`collecting_warnings`)
_WARNINGS: ContextVar[list[str] | None] = ContextVar("graphbuild_record_warnings", default=None)


@contextmanager
def collecting_warnings() -> Iterator[list[str]]:
    """The warnings the records read inside the block give (:func:`warn`): records kept, a part left out.

    A reader yields one item per record (a Paper or the error that skips it); what it leaves out of a record
    it keeps is said here instead, so no reader's signature changes and nothing is dropped without a word.
    """
    collected: list[str] = []
    token = _WARNINGS.set(collected)
    try:
        yield collected
    finally:
        _WARNINGS.reset(token)


def warn(path: str | os.PathLike[str], line: int | None, message: str) -> None:
    """Say that the record at ``path:line`` is kept without something: ``warning: [E100] path:line: message``
    (the coded line a bad record gets, as a warning). Nobody collecting (:func:`collecting_warnings`): nothing.
    """
    collected = _WARNINGS.get()
    if collected is not None:
        collected.append(warning_line(path, line, message))


def warn_nul(fields: Mapping[str, Any], path: str | os.PathLike[str], line: int | None, where: str) -> None:
    r""":func:`warn` once for the record at ``path:line`` (``where``: how it is named) when a text of its
    ``fields`` (a value, or one of a list's) holds a NUL character, which :func:`clean_text` reads as a space:
    "Sec\0ond" became "Sec ond" without a word (a raw NUL in a JSON line refuses the record: JSON's rule).
    """
    for name, value in fields.items():
        for text in value if isinstance(value, (list, tuple)) else (value,):
            problem = nul_character(text, "which was read as a space") if isinstance(text, str) else ""
            if problem:
                warn(path, line, f"{where}: field {name!r} {problem}; a NUL is no text (a damaged file?): "
                                 "check the record")
                return

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
#: a month name or abbreviation, as a regular expression (no groups)
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?P<y>\d{4})[a-z]?$"), "y"),  # 2021a: author-year styles' second paper of 2021
    (re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$"), "ym"),
    (re.compile(r"^(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:[T ][0-9:.+\-Z]*)?$"), "ymd"),
    (re.compile(rf"^(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$", re.I), "ymd"),
    (re.compile(rf"^(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})$", re.I), "ymd"),
    (re.compile(rf"^(?P<mon>{MONTH}),?\s+(?P<y>\d{{4}})$", re.I), "ym"),
)
_MIN_YEAR, _MAX_YEAR = 1000, 2999
#: what reference lists write for a paper not dated yet: no date, and no error
_UNDATED = frozenset(("in press", "forthcoming", "to appear", "n.d.", "n. d.", "no date"))
#: a whole number written with a zero decimal part, as data frames write a column with gaps (``2017.0``)
_WHOLE_DECIMAL = re.compile(r"^(\d+)\.0+$")


_LATEX_STYLE = re.compile(r"\\(?:textbf|textit|texttt|emph|textsc|textrm|mathrm|mathbf|text|underline)\{([^{}]*)\}")
#: LaTeX's en dash between two words or numbers (``Weisfeiler--Lehman``, ``En--De``, ``10--20``): the dash itself
_LATEX_EN_DASH = re.compile(r"(?<=[A-Za-z0-9])--(?=[A-Za-z0-9])")
_LATEX_ESCAPE = re.compile(r"\\([%&_#$])")


#: a tag of HTML or of a namespaced XML vocabulary (``jats:``, ``mml:``) as abstracts from Crossref,
#: OpenAlex and publishers' exports carry them; a bare ``<`` of mathematics ("a <b, c>") is left alone
_TAG = re.compile(r"</?(?:[a-z][\w.-]*:[\w.-]+|(?i:p|i|b|u|em|strong|sub|sup|sc|br|hr|span|div|a|abstract|title|sec|"
                  r"italic|bold|list|list-item|li|ul|ol|inline-formula|tex-math|label|h[1-6]|math|mi|mo|mn|"
                  r"mrow|msub|msup|font|small|tt|code|blockquote|section|header|footer|body|html|head))"
                  r"""(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>]+))?)*\s*/?>""")
#: tags that end a paragraph or a line: a space in their place (the others join what they wrap)
_BLOCK_TAG = re.compile(r"(?i)</?(?:[\w.-]+:)?(?:p|br|hr|div|sec|title|li|list-item|h[1-6]|section|blockquote)\b")
_CHAR_REF = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]{2,8});")


def _untagged(tag: re.Match[str]) -> str:
    """What stands in a :data:`_TAG`'s place: a space for a paragraph's or a line's tag (:data:`_BLOCK_TAG`), else
    nothing.
    """
    return " " if _BLOCK_TAG.match(tag.group()) else ""


def drop_markup(text: str) -> str:
    r"""``text`` without HTML / JATS tags, with character references decoded (a BibTeX field's before its LaTeX is
    decoded: :func:`~graphbuild.ingest.latex.decode_latex`, so that an escaped ``\textless`` stays a character).
    """
    if "<" in text:
        text = _TAG.sub(_untagged, text)
    if "&" in text and _CHAR_REF.search(text):
        text = html.unescape(text)
    return text


#: an element of rich text written whole, a start tag :data:`_TAG` knows and its end tag around text without tags
#: (``<i>Fly</i>``), as a reference manager exports a title's italics escaped in BibTeX
#: (``{\textless}i{\textgreater}Fly{\textless}/i{\textgreater}``); a lone ``<b>`` is the text's own
_ELEMENT = re.compile(r"<(?P<name>[A-Za-z][\w.:-]*)(?:\s[^<>]*)?>(?P<inner>[^<]*)</(?P=name)\s*>")


def _drop_elements(text: str) -> str:
    """``text`` (a decoded BibTeX field) without the tags of whole elements (:data:`_ELEMENT`), nested ones too."""
    for _ in range(3):  # <b><i>Fly</i></b>
        out = _ELEMENT.sub(lambda m: _TAG.sub(_untagged, m.group()) if _TAG.match(m.group()) else m.group(), text)
        if out == text:
            break
        text = out
    return text


#: a control character other than the whitespace ``str.split`` takes (C0 and C1 controls, DEL)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def clean_text(value: Any, *, latex: bool = True) -> str:
    r"""Collapse runs of whitespace into one space, strip, and drop markup: HTML and JATS tags
    that Crossref, OpenAlex and publishers' exports carry (``<jats:italic>X</jats:italic>``
    -> ``X``; a paragraph's tag becomes a space), character references (``&amp;`` -> ``&``),
    and the LaTeX that arXiv abstracts carry: ``\textbf{FMLP-Rec}`` -> ``FMLP-Rec``,
    ``~\cite{x}`` -> ``''``, ``\%`` -> ``%``, ``En--De`` -> ``En–De``.

    >>> clean_text(r"we propose \textbf{FMLP-Rec}~\cite{x},  reaching 85\%")
    'we propose FMLP-Rec, reaching 85%'
    >>> clean_text(r"as in~\citep[see][p.~3]{lora} and \citeauthor*{qlora}, \parencite{x} or \Textcite{y}")
    'as in and , or'
    >>> clean_text("<jats:p>We train <jats:italic>RetiNet</jats:italic> on H<sub>2</sub>O &amp; air.</jats:p>")
    'We train RetiNet on H2O & air.'
    >>> clean_text("<p>For a <b, c>.</p>")
    'For a <b, c>.'

    Control characters (a NUL or an escape a PDF's text layer left) are spaces, as the other whitespace is:
    nothing downstream shows them, and inside a name they made a name no one can type.

    >>> clean_text("We propose CtrlNet\x00X and \x1b[1mBoldNet\x7f.")
    'We propose CtrlNet X and [1mBoldNet .'

    With ``latex=False`` the LaTeX and lone tags are left alone: for a value already decoded (a BibTeX field,
    whose tags went before its LaTeX was decoded), where a backslash, brace or angle bracket left is the text's
    own (``\textbackslash{}textbf\{B\}`` decodes to ``\textbf{B}``, and ``\textless{}b\textgreater{}`` to
    ``<b>``, which a second pass would wrongly read as markup again); a whole element (``<i>Fly</i>``,
    :data:`_ELEMENT`) is still rich text.

    >>> clean_text(r"Use  \textbf{B} here", latex=False), clean_text("A <b> tag, <i>Fly</i>", latex=False)
    ('Use \\textbf{B} here', 'A <b> tag, Fly')
    """
    if value is None:
        return ""
    text = str(value)
    text = drop_markup(text) if latex else _drop_elements(text) if "</" in text else text
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if "\ufeff" in text:  # a byte-order mark two files joined left inside, zero-width: a title no one can type
        text = text.replace("\ufeff", "")
    if latex and "\\" in text:
        text = CITATION.sub("", text)
        for _ in range(3):  # nested: \\textit{\\textbf{P}arameter}
            text = _LATEX_STYLE.sub(r"\1", text)
        if "--" in text:
            text = _LATEX_EN_DASH.sub("\u2013", text)
        text = _LATEX_ESCAPE.sub(r"\1", text)
    return " ".join(text.split()) if len(text) <= _CHUNK else _collapse_long(text)


#: a brace group of BibTeX's case protection that a JSON or CSV record kept from the library it was exported from
#: (``{BERT}: Pre-training``, ``{B}ayesian``, ``Py{T}orch``): braces around text holding a letter. A LaTeX
#: command's argument (``\mathcal{L}``) and a script's (``^{2}``) are matched to be kept (:func:`_unprotected`);
#: escaped braces (``\{a\}``) and a group holding a comma or a dollar (``{0,1}``, a set; math) are never matched.
_BRACE_GROUP = re.compile(r"(\\[A-Za-z]+\s*|[\^_])?(?<!\\)\{([^{}\\$,]*[^\W\d_][^{}\\$,]*)\}")


def _unprotected(m: re.Match[str]) -> str:
    return m.group() if m.group(1) else m.group(2)


def clean_title(value: Any, *, latex: bool = True) -> str:
    r"""A title cleaned as :func:`clean_text` cleans any text, and without the braces of BibTeX's case protection
    (:data:`_BRACE_GROUP`) that a JSON or CSV record's title still carries when a reference manager exported the
    BibTeX field as it was: ``{BERT}: …`` was the paper's title, and ``\{BERT\}`` in ``related --format bibtex``.
    With ``latex=False`` (a BibTeX field, decoded already) a brace left is the text's own, as for :func:`clean_text`.

    >>> clean_title("{{BERT}}: Pre-training of Deep {B}idirectional Py{T}orch Transformers")
    'BERT: Pre-training of Deep Bidirectional PyTorch Transformers'
    >>> print(clean_title(r"Learning {0,1} codes with $\mathcal{L}_{2}$ and \{x\}"))
    Learning {0,1} codes with $\mathcal{L}_{2}$ and \{x\}
    """
    text = "" if value is None else str(value)
    for _ in range(3):  # nested: {{BERT}}, \textbf{{BERT}} (whose style :func:`clean_text` then drops)
        if not latex or "{" not in text:
            break
        text = _BRACE_GROUP.sub(_unprotected, text)
    return clean_text(text, latex=latex)


#: characters of text :func:`_collapse_long` splits into words at a time
_CHUNK = 1 << 20


def _collapse_long(text: str) -> str:
    r"""``" ".join(text.split())`` a :data:`_CHUNK` of ``text`` at a time: the words of a whole text of 200 MB
    (a record no check has seen yet) are some 30 million strings, gigabytes of memory.

    >>> _collapse_long(" ab  cd\tefgh ij  "), _collapse_long("ab cd")
    ('ab cd efgh ij', 'ab cd')
    """
    if text.isprintable() and "  " not in text and not text[0].isspace() and not text[-1].isspace():
        return text  # nothing to collapse (every whitespace character but the space is unprintable): no copy
    out: list[str] = []
    space = False  # whitespace since the last word written
    for start in range(0, len(text), _CHUNK):
        chunk = text[start:start + _CHUNK]
        words = " ".join(chunk.split())
        if words:
            if out and (space or chunk[0].isspace()):
                out.append(" ")
            out.append(words)
            space = chunk[-1].isspace()
        else:
            space = True
    return "".join(out)


def month_number(text: str) -> int | None:
    """The month ``text`` names (``"jun"``, ``"June"``, ``"Sept."``, ``"6"``, ``"06"``), or None.

    >>> [month_number(t) for t in ("jun", "June", "Sept.", "06", "13", "Summer")]
    [6, 6, 9, 6, None, None]
    """
    text = text.strip().rstrip(".").lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTHS.get(text)


def parse_date(value: Any) -> tuple[str | None, int | None]:
    """Read a year or a date in the forms papers use.

    Parameters
    ----------
    value
        ``2023``, ``"2023"`` (or ``"2023.0"``, as data frames write years),
        ``"2023-05"``, ``"2023-05-01"`` (a time part is ignored),
        ``"May 1, 2023"``, ``"1 May 2023"``, or ``"May 2023"``; ``"2023a"`` (an author-year
        style's second paper of 2023) is 2023, and ``"in press"``, ``"forthcoming"``, ``"to appear"``
        or ``"n.d."`` no date (None, None).

    Returns
    -------
    (iso_date, year)
        ``iso_date`` is ``"YYYY-MM-DD"`` when the day is known, ``"YYYY-MM"`` (ISO 8601's reduced
        precision) when only the month is (BibTeX's ``month = jun``, CSL's ``[[2021, 6]]``: trends count
        such a paper in its month), else ``None``.

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
        text = _WHOLE_DECIMAL.sub(r"\1", " ".join(value.split()))  # a spreadsheet's 2017.0 is 2017
        if text.lower() in _UNDATED:
            return None, None
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
            return f"{year:04d}-{month:02d}", year
        try:
            return _date(year, month, int(groups["d"])).isoformat(), year
        except ValueError:
            break
    raise ValueError(f"cannot read date {text!r}; use YYYY, YYYY-MM-DD or 'May 1, 2023'")


def split_authors(value: Any, *, commas: bool = True, whole: bool = False, latex: bool = True) -> tuple[str, ...]:
    """Author names from a list of strings, a list of ``{"name": ...}`` or one string.

    A string is split on ``;``, else on `` and ``, else (when ``commas``) on ``,``.
    A name with one comma after a surname (``Turing, Alan``) is turned
    around, one with other commas (``A One, B Two``) is split there; with
    ``whole``, the names are already whole, in ``First Last`` form (as the
    BibTeX reader splits its name lists by BibTeX's rules, keeping a braced
    corporate name like ``Barnes and Noble, Inc.`` as one), and a comma in
    one is kept. Empty names and ``others`` (BibTeX's *et al.*) are dropped;
    a list item that is neither text nor such an object raises :class:`ValueError`.
    ``latex`` as for :func:`clean_text` (False: the names are already decoded).
    """
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple)):
        names: list[str] = []
        for n, item in enumerate(value, 1):
            if isinstance(item, Mapping):
                item = _author_object_name(item, n)
            if item is not None and not isinstance(item, str):
                raise ValueError(f"author {n} must be a name (text), not {type(item).__name__}")
            names.append(clean_text(item, latex=latex))
    else:
        text = clean_text(value, latex=latex)
        if ";" in text:
            names = text.split(";")
        elif re.search(r"\s+and\s+", text):
            names = re.split(r"\s+and\s+", text)
        elif commas and "," in text and not _one_name(text):
            names = text.split(",")
        else:
            names = [text]
    out: list[str] = []
    for name in (n.strip() for n in names):
        if "," in name and not whole:
            parts = [part.strip() for part in name.split(",")]
            if len(parts) == 2 and _last_first(*parts):  # "Last, First" -> "First Last"
                name = f"{parts[1]} {parts[0]}".strip()
            else:  # "A One, B Two": a list after all
                out.extend(part for part in parts if part and part.lower() not in _NOT_NAMES)
                continue
        if name and name.lower() not in _NOT_NAMES:
            out.append(name)
    return tuple(out)


_NOT_NAMES = ("others", "et al.", "et al")

#: the keys of an author object holding a whole name (CSL JSON's ``literal``: an institution), first found first
_NAME_KEYS = ("name", "literal", "full_name", "fullName")
#: the keys of an author object holding its name in parts (CSL JSON's ``given``/``family``; other exports')
_NAME_PARTS = (("given", "family"), ("first", "last"), ("first_name", "last_name"), ("firstName", "lastName"))


def _author_object_name(item: Mapping[str, Any], n: int) -> Any:
    """The name author object ``item`` (author ``n`` of its list) gives (:data:`_NAME_KEYS`, :data:`_NAME_PARTS`);
    ``''`` for an empty one. One with values but no name raises :class:`ValueError`: CSL's ``{"literal": "…"}``
    and a ``{"first": …, "last": …}`` were dropped without a word, the paper kept with fewer authors.
    """
    for key in _NAME_KEYS:
        if item.get(key):
            return item[key]
    for keys in _NAME_PARTS:
        parts = [str(item[k]) for k in keys if item.get(k)]
        if parts:
            return " ".join(parts)
    if any(value not in (None, "") for value in item.values()):
        raise ValueError(f"author {n} is an object without a name (no 'name', 'literal' or 'given'/'family'); "
                         "give each author a name")
    return ""


def is_surname(text: str) -> bool:
    """``Turing`` or ``van der Berg``: one word, possibly after lower-case particles."""
    words = text.split()
    return bool(words) and all(w[:1].islower() for w in words[:-1])


#: an initial of a given name: ``J``, ``J.``, ``J.-P.``, ``J.R.`` (never a word of two letters, ``Li``)
_INITIAL = re.compile(r"[^\W\d_]\.?|(?:[^\W\d_]\.-?)+")
#: the most words a surname of several capitalised ones has (``Dos Santos Silva``)
_SURNAME_WORDS = 3


def _last_first(last: str, first: str) -> bool:
    """Whether ``LAST, FIRST`` is one name written surname first, not two names: ``Turing, Alan``,
    ``van der Berg, Jan`` (:func:`is_surname`), or a surname of several capitalised words before given names
    of one word and initials: ``García Márquez, Gabriel``, ``Ó Briain, Dara``, ``Dos Santos, C. N.``, ``De Silva,
    Ann M.``. They were two authors ("García Márquez" and "Gabriel"), as Zotero's CSV lists them. After a comma,
    a name of its own has a word after its first that is no initial (``Ann Smith, Bob Jones``: two names), and a
    surname ends in no initial (``Smith J., Jones K.``: two names as Scopus and PubMed write them).

    >>> _last_first("García Márquez", "Gabriel"), _last_first("Dos Santos", "C. N."), _last_first("Ann Smith", "Bob Li")
    (True, True, False)
    >>> _last_first("Smith J.", "Jones K.")
    False
    """
    if is_surname(last):
        return True
    surname = last.split()
    return (_given_names(first) and len(surname) <= _SURNAME_WORDS and all(w[:1].isupper() for w in surname)
            and not _INITIAL.fullmatch(surname[-1]))  # "Smith J., Jones K.": Scopus's two names ("Ó Briain": one)


def _given_names(text: str) -> bool:
    """``Gabriel``, ``C. N.``, ``Ann M.``: one word, then initials only (after a comma, ``Bob Jones`` is a name)."""
    given = text.split()
    return bool(given) and all(_INITIAL.fullmatch(w) for w in given[1:])


def _one_name(text: str) -> bool:
    """Whether a string of authors with a comma is one name written surname first (``Turing, Alan``, ``García
    Márquez, G.``), not a list split at commas (``A Turing, G Hopper``, ``Ada, Bob Jones``): it was two authors,
    "Turing" and "Alan".
    """
    last, _, first = text.partition(",")
    return "," not in first and _given_names(first) and _last_first(last.strip(), first.strip())


def is_gzipped(path: str | os.PathLike[str]) -> bool:
    """Whether the file is read through gzip: its name ends in ``.gz`` (``papers.jsonl.gz``)."""
    return os.fspath(path).lower().endswith(".gz")


#: the first bytes of every gzip file (no text file starts with them: 0x1f is a control character)
_GZIP_MAGIC = b"\x1f\x8b"


def open_input(path: str | os.PathLike[str], wide: bool = False) -> io.BufferedIOBase:
    """The file opened for reading its bytes, decompressed when it is gzipped (:func:`is_gzipped`);
    read errors of a gzipped file are :func:`gzip_errors`, and a gzipped file named without ``.gz`` an InputError
    saying so (its bytes were "not UTF-8 text; re-save the file as UTF-8", advice that did not fit). With
    ``wide``, a file starting with a UTF-16 or UTF-32 byte-order mark (Excel's "Unicode text", some Windows
    tools) is read as its text's UTF-8 bytes (:class:`_WideFile`), so that the UTF-8 readers read it unchanged;
    it was refused with a hint.
    """
    fh: Any = gzip.open(path, "rb") if is_gzipped(path) else open(path, "rb")
    if not is_gzipped(path) and fh.peek(2)[:2] == _GZIP_MAGIC:
        fh.close()
        raise InputError(path, None, "is gzip-compressed, but its name does not end in .gz: rename it "
                                     f"{os.path.basename(path)}.gz, which is read as it is")
    found = _wide_decoder(fh.peek(4)[:4]) if wide else None
    return io.BufferedReader(_WideFile(fh, path, found), CHUNK_BYTES) if found else fh


#: the UTF-32 and UTF-16 byte-order marks, the encoding's name and the decoder of the text after each (UTF-32's
#: first: its little-endian mark starts as UTF-16's does)
_WIDE = ((codecs.BOM_UTF32_LE, "UTF-32", codecs.utf_32_le_decode),
         (codecs.BOM_UTF32_BE, "UTF-32", codecs.utf_32_be_decode),
         (codecs.BOM_UTF16_LE, "UTF-16", codecs.utf_16_le_decode),
         (codecs.BOM_UTF16_BE, "UTF-16", codecs.utf_16_be_decode))


def _wide_decoder(head: bytes) -> tuple[bytes, str, Any] | None:
    """The (mark, encoding's name, decoder) of a file whose first bytes ``head`` are a UTF-32 or UTF-16 byte-order
    mark, else None.
    """
    return next((found for found in _WIDE if head.startswith(found[0])), None)


def wide_encoding(path: str | os.PathLike[str]) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when the file (decompressed when gzipped) starts with that encoding's byte-order
    mark, which the readers read with ``wide`` (:func:`open_input`); else None. Spark's text reader reads only UTF-8:
    the Spark job reads such a file a line at a time with :func:`read_lines`.
    """
    with open_input(path) as fh:
        found = _wide_decoder(fh.read(4))
    return found[1] if found else None


class _WideFile(io.RawIOBase):
    """A UTF-16 or UTF-32 file (``fh``, at the byte-order mark ``found`` names) read as the UTF-8 bytes of its text, a
    piece at a time; bytes that are no text in its encoding (an unpaired surrogate, a code point past U+10FFFF, an
    odd byte at the end) are an InputError naming the line and the byte offset in the file.
    """

    def __init__(self, fh: Any, path: str | os.PathLike[str], found: tuple[bytes, str, Any]) -> None:
        super().__init__()
        mark, self._encoding, self._decode = found
        self._fh, self._path = fh, path
        self._offset = len(fh.read(len(mark)))  # the mark's bytes: offsets count in the file
        self._pending = b""  # bytes read, not decoded yet (a character cut by the piece's end)
        self._out, self._at = b"", 0  # UTF-8 bytes decoded, and how many of them were given
        self._lines = 0  # the line ends decoded (LF, CR LF, lone CR: :func:`line_ends`)
        self._cr = False  # the last piece ended in a CR: an LF opening the next ends no other line
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._at >= len(self._out) and not self._eof:
            self._out, self._at = self._next_piece(), 0
        n = min(len(buffer), len(self._out) - self._at)
        buffer[:n] = self._out[self._at:self._at + n]
        self._at += n
        return n

    def _next_piece(self) -> bytes:
        """The UTF-8 bytes of the next piece of the file's text (empty at its end)."""
        more = self._fh.read(CHUNK_BYTES)
        data = self._pending + more
        self._eof = not more
        try:
            text, used = self._decode(data, "strict", self._eof)
        except UnicodeDecodeError as exc:
            before = self._decode(data[:exc.start], "replace", True)[0].encode("utf-8")
            line = self._lines + line_ends(before, int(self._cr and before[:1] == b"\n")) + 1
            raise InputError(self._path, line, f"not {self._encoding} text: {exc.reason} at byte offset "
                                               f"{self._offset + exc.start}; re-save the file as UTF-8") from None
        out = text.encode("utf-8")
        self._lines += line_ends(out, int(self._cr and out[:1] == b"\n"))
        self._cr = out[-1:] == b"\r" if out else self._cr
        self._pending, self._offset = data[used:], self._offset + used
        return out

    def close(self) -> None:
        self._fh.close()
        super().close()


#: what reading a gzipped file that does not decompress raises
gzip_errors = (EOFError, zlib.error, gzip.BadGzipFile)


def not_gzip(path: str | os.PathLike[str], exc: Exception) -> InputError:
    """The error of a ``.gz`` input that does not decompress."""
    return InputError(path, None, f"not a readable gzip file: {exc}")


#: Most bytes one input file may hold (after gzip): most readers hold a file whole, so a bigger one (or a small
#: ``.gz`` that decompresses to gigabytes) would take all the memory there is; read no further, and say so (JSON
#: Lines and CSV, read a line at a time, have the same limit: one for every format)
MAX_INPUT_BYTES = 1 << 30


def read_input_bytes(path: Path, limit: int = -1, wide: bool = False) -> bytes:
    """The file's bytes (the first ``limit`` of them), decompressed when it is gzipped (a UTF-16 or UTF-32 file's as
    UTF-8 with ``wide``: :func:`open_input`); InputError when unreadable or, read whole, over :data:`MAX_INPUT_BYTES`.
    """
    cap = MAX_INPUT_BYTES
    try:
        with open_input(path, wide) as fh:
            data = fh.read(limit if 0 <= limit <= cap else cap + 1)
    except gzip_errors as exc:
        raise not_gzip(path, exc) from None
    except OSError as exc:
        raise cannot_read(path, exc) from None
    if len(data) > cap:
        raise _too_big(path)
    return data


def _too_big(path: Path) -> InputError:
    """The error of a file over :data:`MAX_INPUT_BYTES`."""
    unpacked = " (decompressed)" if is_gzipped(path) else ""
    return InputError(path, None, f"more than the {MAX_INPUT_BYTES:,} bytes{unpacked} one input file may hold; split "
                                  "it into smaller files, or build a corpus this size with `graphbuild spark build`")


def read_lines(path: Path, wide: bool = False) -> Iterator[tuple[int, str]]:
    """(number, text) of each line of the file, the lines :func:`read_text` would give, read one at a time.

    A JSON Lines file is read in the memory of its longest line: :func:`read_text` holds the file's bytes, then
    its text and its lines, some times the size of the file (800 MB for one record of 200 MB). As there, the
    file is decompressed when gzipped, a byte-order mark dropped (here one opening any line too), CR LF and a
    lone CR end a line, and a file unreadable, not UTF-8 (:func:`utf8_error`: the first bad byte's line and
    offset) or over :data:`MAX_INPUT_BYTES` raises InputError, here when the reading gets there. With ``wide``,
    a UTF-16 or UTF-32 file (with its byte-order mark) is read too (:func:`open_input`).
    """
    number = size = 0
    bom = 0
    lead = b""  # the file's first bytes after a byte-order mark (a UTF-16 or UTF-32 mark there gets a hint)
    try:
        with open_input(path, wide) as fh:
            # never more of a line than the file may still hold: a gzipped line of gigabytes (a few MB packed) was
            # read whole before it was measured, 3 GB of memory for a 1.5 MB file
            while raw := fh.readline(MAX_INPUT_BYTES - size + 1):
                if not size:
                    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
                    lead = raw[bom:bom + 4]
                # a mark at any line's start is dropped as the file's first is: two files joined (cat) leave one
                start = bom if not size else len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
                size += len(raw)
                if size > MAX_INPUT_BYTES:
                    raise _too_big(path)
                parts = _decoded_line(raw, path, start, (number, size - len(raw) + start - bom, lead)).split("\r")
                del raw  # nor the bytes nor the line held here while the reader reads the line
                parts.reverse()
                while parts:
                    number += 1
                    yield number, parts.pop()
    except gzip_errors as exc:
        raise not_gzip(path, exc) from None
    except OSError as exc:
        raise cannot_read(path, exc) from None


def _decoded_line(raw: bytes, path: Path, start: int, where: tuple[int, int, bytes]) -> str:
    """One line's bytes from ``start`` (past a byte-order mark) as text, without its LF or CR LF end; decoded
    through a view, so no copy of a long line's bytes is made.

    Bytes that are not UTF-8 are :func:`utf8_error`'s InputError, told from these bytes and ``where`` they are
    (the lines and the bytes after the mark before them, the file's first bytes): reading the file again to find
    them failed (an AssertionError) for a pipe, which is read once, and for a file changed meanwhile.
    """
    end = len(raw) - raw.endswith(b"\n") - raw.endswith(b"\r\n")
    try:
        return str(memoryview(raw)[start:end], "utf-8")
    except UnicodeDecodeError as exc:
        lines, offset, lead = where
        raise _not_utf8(path, raw[start:end], exc.start, lines, offset, lead) from None


def read_text(path: Path, wide: bool = False) -> str:
    """The file's text as UTF-8 (decompressed when gzipped), BOM dropped (one opening any line too), line ends
    made LF; InputError when unreadable. With ``wide``, a UTF-16 or UTF-32 file (with its byte-order mark) is read
    too (:func:`open_input`).
    """
    data = read_input_bytes(path, wide=wide)
    raw = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        error = utf8_error(path, io.BytesIO(data))
        assert error is not None  # the same bytes, decoded the same way
        raise error from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # a mark opening any line is dropped as the first is (two files joined), as :func:`read_lines` drops it
    return text.replace("\n\ufeff", "\n") if "\ufeff" in text else text


def cannot_read(path: str | os.PathLike[str], exc: OSError) -> InputError:
    """The error of a file the system would not let us read (``exc`` says why)."""
    return InputError(path, None, f"cannot read file: {exc.strerror or exc}")


def utf8_error(path: str | os.PathLike[str], stream: io.BufferedIOBase, chunk: int = 1 << 20) -> InputError | None:
    r"""The error :func:`read_text` gives a file whose bytes (``stream``, read to its end) are not all UTF-8 text:
    the line and byte offset of the first bad byte (offsets count from after a byte-order mark); None when
    every byte is good.

    Reads ``chunk`` bytes at a time, so a file of any size is checked in constant memory (the Spark job
    checks its JSON Lines files with it on the executors).

    >>> str(utf8_error("a.jsonl", io.BytesIO(b'{"a": 1}\n{"b": "caf\xe9"}\n')))
    '[E100] a.jsonl:2: not UTF-8 text: invalid byte 0xe9 at byte offset 19; re-save the file as UTF-8'
    """
    try:
        for _ in _utf8_pieces(path, lambda: stream.read(chunk)):
            pass
    except InputError as exc:
        return exc
    return None


def _utf8_pieces(path: str | os.PathLike[str], read: Callable[[], bytes]) -> Iterator[str]:
    """The text of the bytes ``read`` gives, piece by piece until it gives none, a UTF-8 byte-order mark dropped; the
    first byte that is no UTF-8 raises :func:`_not_utf8`'s InputError (its line, and its offset counted from after
    the mark). :func:`utf8_error` checks a file with it, :func:`read_chunks` reads one.
    """
    pending = lead = b""  # lead: the first bytes after the mark (a UTF-16 or UTF-32 mark there gets a hint)
    offset = lines = 0
    cr = False  # the last piece ended in a CR: an LF opening this one ends no other line
    while True:
        more = read()
        data = pending + more
        if not lead and (len(data) >= len(codecs.BOM_UTF8) or not more):
            lead = data[:4] or b" "
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
                lead = data[:4] or b" "
        elif not lead:
            pending = data
            continue
        first = int(cr and data[:1] == b"\n")
        try:
            text, used = codecs.utf_8_decode(data, "strict", not more)
        except UnicodeDecodeError as exc:
            raise _not_utf8(path, data, exc.start, lines, offset, lead, first) from None
        lines += line_ends(data, first, used)
        cr = used > 0 and data[used - 1:used] == b"\r"
        offset += used
        pending = data[used:]
        yield text
        if not more:
            return


#: a line end as an editor counts one (:func:`~graphbuild.errors.editor_lines`), in bytes
_LINE_END_BYTES = re.compile(rb"\r\n?|\n")


def line_ends(data: bytes, start: int = 0, stop: int | None = None) -> int:
    r"""How many lines end in ``data[start:stop]``: its LFs, CR LFs and lone CRs, the line ends an editor counts
    (a CR closing it ends a line; an LF after it, in the next piece, ends none).

    >>> line_ends(b"a\r\nb\rc\nd\r"), line_ends(b"a\xe2\x80\xa8b\x0cc")
    (4, 0)
    """
    return len(_LINE_END_BYTES.findall(data, start, len(data) if stop is None else stop))


def _not_utf8(path: str | os.PathLike[str], data: bytes, bad: int, lines: int, offset: int,
              lead: bytes, first: int = 0) -> InputError:
    """The error of the bad byte at ``data[bad]``, ``data`` (from ``first``: an LF before is the end of a CR LF
    counted already) coming after ``lines`` line ends and ``offset`` bytes of the file (after a byte-order mark);
    ``lead``: the file's first bytes, whose UTF-16 or UTF-32 mark gets a hint.
    """
    found = _wide_decoder(lead)
    hint, advice = f" (it looks like {found[1]})" if found else "", "re-save the file as UTF-8"
    kind = next((kind for magic, kind in _DOCUMENTS if lead.startswith(magic)), None)
    if kind:  # no text to re-save: its text is to be taken out
        hint, advice = f" (it is {kind})", "save its text as a UTF-8 text file, and give that"
    return InputError(path, lines + line_ends(data, first, bad) + 1,
                      f"not UTF-8 text{hint}: invalid byte 0x{data[bad]:02x} at byte offset "
                      f"{offset + bad}; {advice}")


#: the first bytes of document files that are no text (what :func:`_not_utf8` tells the text readers' user)
_DOCUMENTS = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive: a .docx or .odt document?"),
              (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel file"))


#: bytes :func:`read_chunks` reads at a time
CHUNK_BYTES = 1 << 20


def read_chunks(path: Path, size: int = CHUNK_BYTES, wide: bool = False) -> Iterator[str]:
    """The file's text (:func:`read_text`'s: decompressed when gzipped, byte-order mark dropped, CR LF and a lone CR
    made LF) in pieces of about ``size`` bytes, so that a JSON array of gigabytes is read in the memory of its
    records (:class:`~graphbuild.ingest.located.JsonStream`), not whole. As for :func:`read_lines`, a file
    unreadable, not UTF-8 (the first bad byte's line and offset) or over :data:`MAX_INPUT_BYTES` raises InputError
    when the reading gets there; a pipe is read once. With ``wide``, a UTF-16 or UTF-32 file (with its byte-order
    mark) is read too (:func:`open_input`).
    """
    total = 0
    cr = ""  # a CR ending the last piece: its LF may start the next

    def read(fh: Any) -> bytes:
        nonlocal total
        more = fh.read(size)
        total += len(more)
        if total > MAX_INPUT_BYTES:
            raise _too_big(path)
        return more

    try:
        with open_input(path, wide) as fh:
            for text in _utf8_pieces(path, lambda: read(fh)):
                text = cr + text
                cr = "\r" if text.endswith("\r") else ""
                text = text[:-1] if cr else text
                if "\r" in text:
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                if text:
                    yield text
            if cr:  # the file's last byte: a line end
                yield "\n"
    except gzip_errors as exc:
        raise not_gzip(path, exc) from None
    except OSError as exc:
        raise cannot_read(path, exc) from None


def no_records(path: Path, what: str) -> InputError:
    """The error of a file with content but no records; ``what`` says what was expected."""
    return InputError(path, None, f"the file has content but no paper records; {what}")


_FIELD_ALIASES = {
    "abstract_note": "abstract",  # Zotero's CSV export
    "publication_title": "venue",  # Zotero's CSV export
    "publication_year": "year",  # Zotero's CSV export (and OpenAlex's works)
    "source_title": "venue",  # Scopus's CSV export
    "author": "authors",
    "container_title": "venue",  # CSL JSON (Zotero's and Mendeley's JSON export)
    "arxiv": "arxiv_id",
    "arxivid": "arxiv_id",
    "journal": "venue",
    "publication_date": "date",
    "published": "date",
    "reference": "references",
    "n_author": "n_authors",
}


#: the fields :func:`paper_from_record` reads, as :func:`norm_field` names them; a column named otherwise is not read
READ_FIELDS = frozenset(("title", "abstract", "authors", "n_authors", "year", "date", "issued", "venue", "doi",
                         "arxiv_id", "url", "id", "s2", "openalex", "corpus", "references"))
#: every name a file may give a field read (:data:`READ_FIELDS` and their aliases), as :func:`norm_field` folds it
FIELD_NAMES = READ_FIELDS | frozenset(_FIELD_ALIASES)


@lru_cache(maxsize=4096)  # called per cell; headers repeat
def norm_field(name: str) -> str:
    """A field name as records use it: lower case, ``_`` for spaces and dashes, aliases resolved."""
    key = re.sub(r"[\s\-]+", "_", str(name).strip().lower())
    return _FIELD_ALIASES.get(key, key)


def _as_str(value: Any, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"field {field!r} must be a string, not {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):  # JSON's NaN / Infinity: no text to keep
        raise ValueError(f"field {field!r} must be a string, not {value}")
    return str(value)


#: the Unicode categories of characters that show nothing alone: format characters (a zero-width space, a soft
#: hyphen, a joiner), spaces and combining marks
_UNSEEN = frozenset({"Cf", "Zs", "Mn", "Me"})


def _placeholder_title(title: str) -> tuple[str, str]:
    """``(title, "")`` when ``title`` holds no character that shows (:data:`_UNSEEN`), ``("", title)`` when what
    shows is only punctuation (``---``, ``...``, ``?!``: what a table writes for a title it lacks), else
    ``("", "")``: a real title, or none at all.
    """
    categories = [unicodedata.category(c) for c in title]
    if categories and all(c in _UNSEEN for c in categories):
        return title, ""
    if any(c[0] == "P" for c in categories) and all(c in _UNSEEN or c[0] == "P" for c in categories):
        return "", title
    return "", ""


def title_problem(title: str) -> str:
    """Why ``title`` (cleaned text) is no title, as every reader of papers and references says it: a title of only
    characters that show nothing, or of only punctuation (:func:`_placeholder_title`); ``""`` for a real title
    or none at all. A reader treats such a title as none: no paper or cited paper is named ``---``.
    """
    unseen, marks = _placeholder_title(title)
    return (f"its title {unseen!r} holds no character that shows (zero-width spaces, soft hyphens, joiners)"
            if unseen else f"its title {marks!r} is only punctuation, no word (a mark left for a missing title?)"
            if marks else "")


def reference_titled(ref: PaperRef, number: int) -> tuple[PaperRef | None, str]:
    """``(ref, "")`` when reference ``number``'s title is a real one or none; else ``ref`` without the title
    (:func:`title_problem`) and the warning saying so, or ``None`` when nothing else names the paper it cites.
    The title is cleaned as a paper's is (:func:`clean_text`: whitespace, markup, character references, LaTeX),
    so that two spellings of one title name one cited paper, shown as a paper's title is.
    """
    raw = ref.title or ""
    title = clean_title(raw) if raw else ""
    if title != raw:
        ref = replace(ref, title=title or None)
    problem = title_problem(title) or (f"its title {raw!r} is empty once its markup is dropped" if raw and not title
                                       else "")
    if not problem:
        return ref, ""
    if ref.doi or ref.arxiv_id or ref.ids:
        return replace(ref, title=None), f"reference {number}: {problem}; the reference was kept without it"
    return None, reference_left_out(number, f"{problem}, and nothing else names the paper it cites")


def paper_from_record(record: Mapping[str, Any], path: Path, line: int | None, *, tabular: bool,
                      label: str | None = None, whole_names: bool = False, decoded: bool = False) -> Item:
    r"""Build a Paper from one JSON object or CSV row (an InputError naming ``path:line`` when it is bad).

    Parameters
    ----------
    record : field name -> value; names are case-folded and aliased (``author`` -> ``authors``).
    path, line : where the record starts (``Paper.source`` and error messages).
    tabular : a CSV row: every value is text, authors are split on ``;`` or
        `` and `` (not on commas, which are part of "Last, First") and references on ``;``.
    label : how errors name the record (default ``record at line N``).
    whole_names : the authors are a list of whole names, never split or turned around at a comma
        (:func:`split_authors` with ``whole``).
    decoded : the text fields are already decoded from LaTeX (the BibTeX reader), so that their cleaning
        leaves a backslash or brace alone (:func:`clean_text` with ``latex=False``): decoding twice turned
        ``\textbackslash{}textbf\{B\}`` into ``B``, not ``\textbf{B}``.
    """
    where = label or (f"record at line {line}" if line else "record")
    try:
        rec = _normalized(record)
        warn_nul(rec, path, line, where)
        latex = not decoded
        title = clean_title(_as_str(rec.get("title"), "title"), latex=latex)
        doi, arxiv_id, ids = _identifiers(rec)
        problem = title_problem(title)
        title = "" if problem else title  # a title no one can see, or "---", is none: no paper is named so
        if not (title or doi or arxiv_id):
            raise ValueError(f"{problem}; every paper needs a title, a doi or an arxiv_id" if problem else
                             "has no title, doi or arxiv_id; every paper needs at least a title")
        iso, year = _date_fields(rec)
        authors, n_authors = _authors_field(rec, tabular=tabular, whole=whole_names, latex=latex)
        references, notes = _references_field(rec.get("references"))
        paper = Paper(
            title=title,
            abstract=clean_text(_as_str(rec.get("abstract"), "abstract"), latex=latex),
            authors=authors,
            n_authors=n_authors,
            year=year,
            date=iso,
            venue=clean_text(_as_str(rec.get("venue"), "venue"), latex=latex) or None,
            doi=doi,
            arxiv_id=arxiv_id,
            url=_as_str(rec.get("url"), "url").strip() or None,
            ids=ids,
            references=references,
            source=f"{path}:{line}" if line else str(path),
        )
    except ValueError as exc:
        return InputError(path, line, f"{where}: {exc}")
    for note in notes:  # the record is kept: what it was kept without
        warn(path, line, f"{where}: {note}")
    return paper


def _normalized(record: Mapping[str, Any]) -> dict[str, Any]:
    """``record`` with its field names normalised (:func:`norm_field`).

    Two names for one field (``title`` and ``Title``, ``author`` and
    ``authors``, ``journal`` and ``venue``) may both be given when at most
    one of them has a value, or both the same; different values raise
    :class:`ValueError`, as does a key a JSON object gives twice with
    different values (:func:`~graphbuild.ingest.located.repeated_keys`):
    keeping one would silently drop the other.
    """
    repeated = repeated_keys(record)
    if repeated:
        raise ValueError(repeated)
    rec: dict[str, Any] = {}
    named: dict[str, str] = {}
    for key, value in record.items():
        if key is None:
            continue
        name = norm_field(key)
        if name in rec:
            earlier = rec[name]
            if _no_value(value) or value == earlier:
                continue
            if not _no_value(earlier):
                raise ValueError(f"fields {named[name]!r} and {key!r} both give the {name} ({short_value(earlier)} and "
                                 f"{short_value(value)}); keep one")
        rec[name], named[name] = value, key
    return rec


def _no_value(value: Any) -> bool:
    """Whether a field's value is missing: null, an empty string or an empty list or object."""
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def _not_a_doi(raw: str) -> str:
    """Why ``raw`` (a record's or a reference's ``doi``) is refused."""
    return f"doi {raw!r} is not a DOI (expected 10.<prefix>/<suffix>)"


def not_doi_text(raw: Any) -> str:
    """``raw``, the value of a field meant to hold a DOI, stripped, when it is text that is no DOI; else ``''``
    (nothing there, a good DOI, or a number: a field of the wrong type, which the readers refuse apart).
    """
    return raw.strip() if isinstance(raw, str) and raw.strip() and not clean_doi(raw) else ""


#: a reference written as a DOI: a doi.org address, a ``doi:`` prefix, or one token digits.digits/suffix
#: (``11.22/x``, ``10.12/x``: a directory or registrant code that no DOI has); a title has spaces, an id no slash
_DOI_SHAPED = re.compile(r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi:)|^\d+(?:\.\d+)+/\S+$", re.I)


def doi_shaped_not_doi(text: str) -> str:
    """``text`` (one entry of a reference list: a DOI, an arXiv id, a title or another id), stripped, when it is
    written as a DOI (:data:`_DOI_SHAPED`) and is not one; else ``''``.

    >>> [doi_shaped_not_doi(t) for t in ("11.22/bad", "doi:10/abc", "10.5555/ok", "W123", "A title 1.2/3")]
    ['11.22/bad', 'doi:10/abc', '', '', '']
    """
    text = text.strip()
    return text if _DOI_SHAPED.search(text) and not clean_doi(text) else ""


def bad_reference_doi(number: int, raw: str, *, kept: bool) -> str:
    """The warning of reference ``number`` whose DOI ``raw`` is not one: kept without it (``kept``: something else
    names the paper it cites), or left out. Every reader of references words it so (:func:`warn` gives it).
    """
    what = "kept without it" if kept else "left out (nothing else names the paper it cites)"
    return f"reference {number}: {_not_a_doi(raw)}; the reference was {what}"


def reference_left_out(number: int, problem: str) -> str:
    """The warning of reference ``number``, mangled (``problem``), left out of its record's reference list; every
    reader of references words it so (:func:`warn` gives it).
    """
    return f"reference {number}: {problem}; the reference was left out"


def bad_paper_doi(raw: str) -> str:
    """The warning of a service record (Semantic Scholar, OpenAlex) whose own DOI ``raw`` is not one: the
    service's other ids name the paper, so it is kept without the DOI (:func:`warn` gives it).
    """
    return f"{_not_a_doi(raw)}; the paper was kept without it"


def _identifiers(rec: Mapping[str, Any]) -> tuple[str | None, str | None, tuple[tuple[str, str], ...]]:
    """(doi, arxiv_id, other ids) of a record; an ``id`` that is a DOI or an arXiv id fills those."""
    doi_raw = _as_str(rec.get("doi"), "doi").strip()
    arxiv_raw = _as_str(rec.get("arxiv_id"), "arxiv_id").strip()
    doi, arxiv_id = clean_doi(doi_raw), clean_arxiv(arxiv_raw)
    if doi_raw and not doi:
        raise ValueError(_not_a_doi(doi_raw))
    if arxiv_raw and not arxiv_id:
        hint = ("; ids from 2015 on have five digits after the dot: a spreadsheet may have read the id as a "
                "number and dropped a trailing zero (format the column as text)"
                if re.match(r"^(1[5-9]|[2-9]\d)\d\d\.\d{4}$", arxiv_raw) else "")
        raise ValueError(f"arxiv_id {arxiv_raw!r} is not an arXiv id (expected e.g. 2506.02838){hint}")
    ids: list[tuple[str, str]] = []
    # one text, one id: "café-1" typed on macOS (NFD, an e and a combining accent) and elsewhere (NFC) were two
    # papers whose ids look the same, and a lookup found the one typed as the user's keyboard types it
    raw_id = unicodedata.normalize("NFC", _as_str(rec.get("id"), "id").strip())
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
    return doi, arxiv_id, tuple(ids)


def _csl_date(issued: Any) -> Any:
    """The date text of CSL JSON's ``issued`` (``{"date-parts": [[2022, 3, 14]]}`` gives ``"2022-3-14"``).

    CSL JSON is Zotero's and Mendeley's JSON export; its ``raw`` or ``literal``
    form is taken as written, and anything else as no date (None).
    """
    if not isinstance(issued, Mapping):
        return issued if isinstance(issued, (str, int)) else None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return "-".join(str(part) for part in parts[0])
    return issued.get("raw") or issued.get("literal")


def _date_fields(rec: Mapping[str, Any]) -> tuple[str | None, int | None]:
    """(ISO date, year) from ``date`` (else CSL's ``issued``) and ``year``; ``year`` wins for the year."""
    iso, year = None, None
    date = rec.get("date")
    if date in (None, ""):
        date = _csl_date(rec.get("issued"))
    if date not in (None, ""):
        iso, year = parse_date(date)
    if rec.get("year") not in (None, ""):
        y_iso, year = parse_date(rec["year"])
        iso = iso or y_iso
    return iso, year


def _authors_field(rec: Mapping[str, Any], *, tabular: bool, whole: bool = False,
                   latex: bool = True) -> tuple[tuple[str, ...], int | None]:
    """(author names, n_authors): ``n_authors`` when given, else the number of names (None for none);
    ``latex`` as for :func:`clean_text`.
    """
    authors_value = rec.get("authors")
    if tabular or isinstance(authors_value, str):
        authors = split_authors(_as_str(authors_value, "authors"), commas=not tabular, latex=latex)
    elif isinstance(authors_value, (list, tuple)) or authors_value is None:
        authors = split_authors(authors_value, whole=whole, latex=latex)
    else:
        raise ValueError("field 'authors' must be a list of names or one string")
    n_authors = len(authors) or None
    if rec.get("n_authors") not in (None, ""):
        value = rec["n_authors"]
        try:  # JSON's true, 2.5 and 1e400 (infinity: an OverflowError that failed the whole file) are no count
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            n_authors = int(_WHOLE_DECIMAL.sub(r"\1", value.strip()) if isinstance(value, str) else value)
        except (TypeError, ValueError, OverflowError):
            raise ValueError(f"n_authors {value!r} is not a whole number") from None
    return authors, n_authors


#: the fields of a reference object that :meth:`PaperRef.from_value` reads as text
_REF_TEXT_FIELDS = ("doi", "arxiv_id", "arxiv", "title", "id", "s2", "openalex", "corpus")


#: Most references one record may list (the longest real reference lists, of surveys, have some thousands):
#: each becomes a paper stub of some kilobytes, so millions in one record would take all the memory there is
MAX_REFERENCES = 100_000


def reference_items(items: list[Any], field: str = "references") -> list[Any]:
    """``items``, a record's reference list, when it holds at most :data:`MAX_REFERENCES`; ValueError otherwise,
    raised before any of them is read (the readers of every format with references call it first).
    """
    if len(items) > MAX_REFERENCES:
        raise ValueError(f"field {field!r} lists {len(items):,} references, more than the {MAX_REFERENCES:,} a "
                         "paper may cite; fix or remove the record")
    return items


def _references_field(refs_value: Any) -> tuple[tuple[PaperRef, ...], list[str]]:
    """The reference list (a list of strings/objects or one ``;``-separated string), and what was left out of it.

    A reference object whose ``doi`` is not a DOI keeps its other fields (a title, an arXiv id) without it, or
    is left out when nothing else names the paper, as is a reference written as a DOI that is not one
    (``11.22/bad``, :func:`doi_shaped_not_doi`), or one that is mangled (a list for a title, a number for an
    object, repeated keys, nothing naming a paper): each way one note says so and the record is kept, as the
    Semantic Scholar reader keeps it; a bad field of the record itself refuses the record.
    """
    if refs_value in (None, ""):
        ref_items: list[Any] = []
    elif isinstance(refs_value, str):
        ref_items = [r for r in (s.strip() for s in refs_value.split(";")) if r]
    elif isinstance(refs_value, list):
        ref_items = [r for r in refs_value if r not in (None, "")]
    else:
        raise ValueError("field 'references' must be a list (or a ';'-separated string)")
    reference_items(ref_items)
    references, notes = [], []
    for n, item in enumerate(ref_items, 1):
        if not isinstance(item, (str, int, dict)):
            notes.append(reference_left_out(n, f"it must be a string or an object, not {type(item).__name__}"))
            continue
        if isinstance(item, str) and doi_shaped_not_doi(item):
            notes.append(bad_reference_doi(n, item.strip(), kept=False))
            continue
        bad_doi = ""
        if isinstance(item, dict):
            bad_doi = not_doi_text(item.get("doi"))
            try:
                if repeated_keys(item):
                    raise ValueError(repeated_keys(item))
                item = {k: _as_str(v, k) if k in _REF_TEXT_FIELDS else v for k, v in item.items()}
            except ValueError as exc:
                notes.append(reference_left_out(n, str(exc)))
                continue
        ref = PaperRef.from_value(item)
        if not (ref.doi or ref.arxiv_id or ref.ids or ref.title):
            notes.append(bad_reference_doi(n, bad_doi, kept=False) if bad_doi
                         else reference_left_out(n, "it has no doi, arxiv_id, id or title"))
            continue
        titled, note = reference_titled(ref, n)
        if bad_doi:
            notes.append(bad_reference_doi(n, bad_doi, kept=titled is not None))
        if note:
            notes.append(note)
        if titled is not None:
            references.append(titled)
    return tuple(references), notes
