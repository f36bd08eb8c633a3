"""BibTeX entries from paper records, ready to paste into a ``.bib`` file.

Every field comes from the paper record (a :class:`~graphbuild.records.Paper`
or a graph node's attributes): ``title``, ``author``, ``year``, ``journal`` or
``booktitle`` from the venue, ``doi``, ``eprint`` + ``archivePrefix`` for an
arXiv id, and ``url``. Nothing is looked up elsewhere. Authors are written
``von Last, Jr, First``; a corporate name (an ``and`` in it, or a comma not
after a surname, as ``Barnes and Noble, Inc.``) goes in braces, so that BibTeX
and reference managers read it as one name.

Keys are ``<first author's surname><year><first significant title word>``
(``vaswani2017attention``), folded to ASCII lower case. Papers that would get
the same key are ordered by paper id; the first keeps the key and the next
ones get ``b``, ``c``, ... appended, so the same papers always give the same
keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .ingest.fields import is_surname
from .ingest.latex import INLINE_MATH
from .records import Paper

__all__ = ["BibEntry", "bib_entry", "bibtex_entries", "bibtex_key", "graph_bibtex", "latex_escape", "render_bibtex"]

#: Title words never used for a key.
_KEY_STOPWORDS = frozenset(
    "a an the on of in for and to with from by at as is are towards toward via using".split())

#: Venue words that make an entry ``@inproceedings`` (else a venue is a journal).
_PROCEEDINGS = re.compile(
    r"\b(proceedings|proc\.|conference|workshop|symposium|meeting|congress|"
    r"acl|naacl|eacl|emnlp|coling|neurips|nips|icml|iclr|aaai|ijcai|cvpr|iccv|eccv|kdd|sigir|"
    r"www|wsdm|cikm|interspeech|icassp|lrec|findings)\b", re.IGNORECASE)

#: Where a paper known by a service's id alone (a stub the corpus cites: ``openalex:W2741809807``) is looked up
_ID_URLS = {"openalex": "https://openalex.org/{}", "s2": "https://www.semanticscholar.org/paper/{}"}

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIAL))
#: inline math, kept as written (the reader keeps it so too)
_MATH = INLINE_MATH
#: the word that separates names in a BibTeX name list (any case, between spaces)
_AND = re.compile(r"\sand\s", re.IGNORECASE)
#: what follows the comma in a company's name (``Apple, Inc.``), which no person's first name is
_COMPANY_WORDS = frozenset({"inc", "ltd", "llc", "llp", "corp", "co", "plc", "gmbh", "ag", "s.a", "sa", "bv"})
#: the last word of a group's name written without a comma (``Gemini Team``, ``BigScience Workshop``,
#: ``Google Research``, ``Meta AI``), which ends no person's name
_GROUP_HEADS = frozenset(
    "team group lab labs laboratory consortium collaboration workshop project initiative institute university "
    "foundation committee council association society corporation company research ai".split())
#: the words of a name's Jr part
_JR_WORDS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@dataclass(frozen=True, slots=True)
class BibEntry:
    """One BibTeX entry: its type, key and fields in output order."""

    type: str
    key: str
    fields: tuple[tuple[str, str], ...]

    def render(self) -> str:
        """The entry as BibTeX text (fields one per line, values in braces)."""
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in self.fields)
        return f"@{self.type}{{{self.key},\n{body}\n}}\n"


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters (``& % $ # _ { } ~ ^ \``) and fold whitespace; inline math
    (``$\alpha$``, ``$k$``, ``$O(n^2)$``: :data:`_MATH`) with balanced braces is kept as written.

    BibTeX counts every brace of a value, ``\{`` too, to find where the value ends:
    a brace without its partner is written ``\textbraceleft{}`` or ``\textbraceright{}``,
    or the entry would run on into the next one.

    Examples
    --------
    >>> print(latex_escape("R&D at 100% for $5 #1"))
    R\&D at 100\% for \$5 \#1
    >>> print(latex_escape("{a} } {"))
    \{a\} \textbraceright{} \textbraceleft{}
    >>> print(latex_escape("$\\alpha$-VAE for $5"))
    $\alpha$-VAE for \$5
    """
    text = " ".join(str(text).split())
    out, start = [], 0
    for math in _MATH.finditer(text):
        if not _unpaired_braces(math.group(0)):  # math LaTeX typesets as the paper's authors wrote it
            out += [_escape_prose(text[start:math.start()]), math.group(0)]
            start = math.end()
    return "".join(out) + _escape_prose(text[start:])


def _escape_prose(text: str) -> str:
    r"""``text`` with every special escaped; a brace without its partner as ``\textbraceleft{}`` / ``right``."""
    lone = _unpaired_braces(text)
    return _LATEX_RE.sub(lambda m: _LONE_BRACE[m.group(0)] if m.start() in lone else _LATEX_SPECIAL[m.group(0)],
                         text)


_LONE_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}


def _unpaired_braces(text: str) -> set[int]:
    """The offsets of the braces in ``text`` that no brace closes or opens."""
    opened: list[int] = []
    lone: set[int] = set()
    for i, char in enumerate(text):
        if char == "{":
            opened.append(i)
        elif char == "}":
            if opened:
                opened.pop()
            else:
                lone.add(i)
    return lone.union(opened)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _corporate(name: str) -> bool:
    """Whether a record's name is no person's: an ``and`` in it, or a comma that does not follow a surname
    as in ``Müller, Jörg`` (:func:`~graphbuild.ingest.fields.is_surname`) or comes before a company's
    ``Inc.`` or ``Ltd.``: ``Barnes and Noble, Inc.``, ``Google Research, Brain Team``, ``Apple, Inc.``, as
    the BibTeX reader keeps a braced name; or a name ending in a group's word (:data:`_GROUP_HEADS`).
    """
    if _AND.search(name):
        return True
    if "," not in name:  # written as a person's, "Gemini Team" is "Team, Gemini": "G. Team" in a style
        words = name.split()
        return len(words) > 1 and words[-1].rstrip(".").lower() in _GROUP_HEADS
    parts = [part.strip() for part in name.split(",")]
    return len(parts) != 2 or not is_surname(parts[0]) or parts[1].rstrip(".").lower() in _COMPANY_WORDS


def _name_parts(name: str) -> tuple[str, str, str]:
    """``(von Last, Jr, First)`` of a person's name in ``First von Last Jr`` form, by BibTeX's rules.

    The von part runs from the first to the last lower-case word before the
    last word; a trailing ``Jr.``, ``Sr.``, ``II`` ... is the Jr part.

    >>> _name_parts("Jan van der Berg Jr.")
    ('van der Berg', 'Jr.', 'Jan')
    >>> _name_parts("Ada Lovelace")
    ('Lovelace', '', 'Ada')
    """
    words = name.split()
    jr: list[str] = []
    while len(words) > 2 and words[-1].lower() in _JR_WORDS:
        jr.insert(0, words.pop())
    lower = [i for i, word in enumerate(words[:-1]) if word[:1].islower()]
    start = lower[0] if lower else len(words) - 1
    return " ".join(words[start:]), " ".join(jr), " ".join(words[:start])


def _surname(author: str) -> str:
    author = " ".join(author.split())
    if "," in author:  # "Müller, Jörg", or a corporate name's first part
        return author.split(",", 1)[0].strip()
    return _name_parts(author)[0].split(" ")[-1] if author and not _corporate(author) else author


def _as_record(paper: Paper | Mapping[str, Any]) -> Mapping[str, Any]:
    return paper.to_dict() if isinstance(paper, Paper) else paper


def bibtex_key(paper: Paper | Mapping[str, Any]) -> str:
    """The base key of a paper: surname + year + first significant title word.

    Examples
    --------
    >>> bibtex_key({"authors": ["Ashish Vaswani"], "year": 2017, "title": "Attention Is All You Need"})
    'vaswani2017attention'
    >>> bibtex_key({"authors": [], "year": None, "title": "The Ünïcode Way"})
    'anon_nd_unicode'
    """
    record = _as_record(paper)
    authors = record.get("authors") or ()
    surname = _ascii_word(_surname(authors[0])) if authors else ""
    year = str(record.get("year") or "")
    words = [_ascii_word(w) for w in re.split(r"[\s\-–—/:]+", str(record.get("title") or ""))]
    word = next((w for w in words if w and w not in _KEY_STOPWORDS), "")
    if surname and year:
        return f"{surname}{year}{word}"
    return f"{surname or 'anon'}_{year or 'nd'}_{word or 'untitled'}"


def _bib_author(name: str) -> str:
    """A name as BibTeX reads it: ``von Last, Jr, First``; a corporate name (:func:`_corporate`) in braces,
    so that BibTeX, and a reference manager, take it whole as one name.
    """
    name = " ".join(name.split())
    if _corporate(name):
        return f"{{{latex_escape(name)}}}"
    if "," in name or " " not in name:  # "Müller, Jörg" as given
        return latex_escape(name)
    return latex_escape(", ".join(part for part in _name_parts(name) if part))


def _protect_title(title: str) -> str:
    """Escape a title and brace words with inner capitals (BERT, GloVe) so styles keep their case."""
    words = latex_escape(title).split(" ")
    return " ".join(f"{{{w}}}" if re.search(r"\w[A-Z]", w) and "\\" not in w and "$" not in w else w
                    for w in words)  # never a brace inside math: "$O(n \log aB)$" is split at its spaces


def bib_entry(paper: Paper | Mapping[str, Any], key: str | None = None) -> BibEntry:
    """The BibTeX entry of one paper record (``key`` defaults to :func:`bibtex_key`)."""
    record = _as_record(paper)
    venue = " ".join(str(record.get("venue") or "").split())
    arxiv = record.get("arxiv_id")
    if venue and re.fullmatch(r"(arxiv|corr)(\.org)?( preprint.*)?", venue, re.IGNORECASE):
        venue = ""  # "arXiv" as a venue says no more than the eprint field
    kind, venue_field = "misc", None
    if venue:
        kind, venue_field = (("inproceedings", "booktitle") if _PROCEEDINGS.search(venue)
                             else ("article", "journal"))
    fields: list[tuple[str, str]] = [("title", _protect_title(str(record.get("title") or "Untitled")))]
    authors = [a for a in record.get("authors") or () if str(a).strip()]
    if authors:
        fields.append(("author", " and ".join(_bib_author(str(a)) for a in authors)))
    if record.get("year"):
        fields.append(("year", str(record["year"])))
    if venue_field:
        fields.append((venue_field, latex_escape(venue)))
    if record.get("doi"):
        fields.append(("doi", str(record["doi"]).replace("{", "").replace("}", "")))
    if arxiv:
        fields += [("eprint", str(arxiv)), ("archivePrefix", "arXiv")]
    url = record.get("url") or (f"https://doi.org/{record['doi']}" if record.get("doi") else
                                f"https://arxiv.org/abs/{arxiv}" if arxiv else _id_url(record))
    if url:
        fields.append(("url", str(url).replace("{", "%7B").replace("}", "%7D")))
    return BibEntry(kind, key or bibtex_key(record), tuple(fields))


def _id_url(record: Mapping[str, Any]) -> str | None:
    """The address of a paper by its OpenAlex or Semantic Scholar id (:data:`_ID_URLS`), from its ``ids`` or
    its own ``kind:value`` id; so the entry of a cited paper known by nothing else still says which it is.

    >>> _id_url({"id": "openalex:W777"}), _id_url({"ids": [["s2", "ab12"]]}), _id_url({"id": "p1"})
    ('https://openalex.org/W777', 'https://www.semanticscholar.org/paper/ab12', None)
    """
    pairs = [tuple(pair) for pair in record.get("ids") or () if len(pair) == 2]
    kind, sep, value = str(record.get("id") or "").partition(":")
    if sep:
        pairs.append((kind, value))
    return next((_ID_URLS[k].format(v) for k, v in pairs if k in _ID_URLS and v), None)


def bibtex_entries(papers: Iterable[Paper | Mapping[str, Any]]) -> list[BibEntry]:
    """Entries for ``papers`` in their given order, with unique, deterministic keys.

    Papers whose base keys collide are ordered by paper id: the first keeps
    the base key, the others get ``b``, ``c``, ... appended, skipping a suffix
    that would make another paper's key. A paper given twice (same id) appears once.
    """
    records: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    for paper in papers:
        record = _as_record(paper)
        pid = str(record.get("id") or "")
        if pid and pid in seen:
            continue
        seen.add(pid)
        records.append(record)
    groups: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        groups.setdefault(bibtex_key(record), []).append(i)
    keys: dict[int, str] = {}
    taken = set(groups)  # a suffixed key must not be another paper's base key ("Net" twice and "NetB")
    for base in sorted(groups):
        ordered = sorted(groups[base], key=lambda i: (str(records[i].get("id") or ""), i))
        keys[ordered[0]] = base
        rank = 0
        for i in ordered[1:]:
            rank += 1
            while f"{base}{_suffix(rank)}" in taken:
                rank += 1
            keys[i] = f"{base}{_suffix(rank)}"
            taken.add(keys[i])
    return [bib_entry(record, keys[i]) for i, record in enumerate(records)]


def _suffix(rank: int) -> str:
    """``b`` for the second paper with a key, ``c`` for the third, ..., then ``ba``, ``bb``, ..."""
    letters = ""
    n = rank
    while True:
        letters = chr(ord("a") + n % 26) + letters
        n //= 26
        if n == 0:
            return letters


def render_bibtex(papers: Iterable[Paper | Mapping[str, Any]]) -> str:
    """A ``.bib`` text for ``papers``: their entries, blank-line separated (see :func:`bibtex_entries`)."""
    return "\n".join(entry.render() for entry in bibtex_entries(papers))


def graph_bibtex(graph: Any, paper_ids: Iterable[str]) -> str:
    """A ``.bib`` text for the papers ``paper_ids`` of a graphbuild graph (unknown ids are skipped)."""
    nodes = graph.nodes
    return render_bibtex({**nodes[pid], "id": pid} for pid in paper_ids
                         if pid in nodes and nodes[pid].get("label") == "Paper")
