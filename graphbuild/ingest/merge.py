"""Merge duplicate papers and resolve references to citation pairs.

The same paper often arrives from several files (a Daily Papers listing, a
BibTeX export, a Semantic Scholar dump). :func:`merge_papers` joins copies
that share a key, strongest first:

1. DOI, 2. arXiv id (without version), 3. other ids (``s2``, ``openalex``,
``id``, ...), 4. normalised title + year, 5. normalised title alone when one
side has no year and the title is long enough (:data:`MIN_TITLE_CHARS`),
6. normalised title + first author's surname with years at most one apart
(an arXiv preprint and its published version). An arXiv DataCite DOI
(``10.48550/arXiv.<id>``) counts as the arXiv id.

Title matches are refused between copies that carry different DOIs (or
different arXiv ids), which are different papers whatever their titles say,
and between copies whose first authors share no name (two "Editorial"s of one
year by different editors); "D. Kingma" and "Diederik P. Kingma", or "Zhang
Wei" and "Wei Zhang", share one. Joins are transitive (union-find).

:func:`resolve_references` turns every paper's references into citation
pairs, pointing at corpus papers where a reference matches one and at shared
external stub papers otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from networkx.utils import UnionFind

from ..progress import Progress, no_progress
from ..records import Paper, PaperRef, arxiv_from_doi, clean_arxiv, clean_doi, paper_key, title_key

__all__ = ["MIN_TITLE_CHARS", "merge_papers", "merged_groups", "resolve_references", "strong_keys", "merge_refs",
           "first_author_words", "source_file", "missing_papers"]

#: Shortest normalised title that may match on the title alone (without a year).
MIN_TITLE_CHARS = 20

#: papers between two progress reports of :func:`merge_papers`
_TICK = 1000

_PREFIXED = re.compile(r"^(doi|arxiv|s2|openalex|corpus|title):")
#: the ``:LINE`` that ends a record's ``source`` (``data/a.jsonl:3``)
_LINE = re.compile(r":\d+$")


def _id_key(kind: str, value: str) -> str:
    """Key of one ``(kind, value)`` id; a user's ``id`` that is a DOI/arXiv id keys as one."""
    if kind == "id":
        key = paper_key(value)
        return key if _PREFIXED.match(key) else "id:" + key
    return f"{kind}:{value.strip()}"


def strong_keys(ref: PaperRef) -> list[str]:
    """Every exact-match key of a paper or reference, strongest first.

    DOI, arXiv id, other ids, and normalised title + year (the year may be unknown on both sides).
    The title-alone rule is applied separately, as it depends on the other side.
    """
    keys: list[str] = []
    doi, arxiv_id = _doi(ref), _arxiv(ref)
    if doi:
        keys.append("doi:" + doi)
    if arxiv_id:
        keys.append("arxiv:" + arxiv_id)
    keys.extend(_id_key(k, v) for k, v in ref.ids)
    norm = title_key(ref.title or "")
    if norm:  # the same title with the same year, or with no year on either side
        keys.append(f"titleyear:{norm}:{'' if ref.year is None else ref.year}")
    return list(dict.fromkeys(keys))


def _doi(ref: PaperRef) -> str | None:
    """The reference's DOI in canonical form (PaperRef does not clean what it is given)."""
    if arxiv_from_doi(clean_doi(ref.doi)):
        return None
    return clean_doi(ref.doi) or (ref.doi.strip().lower() if ref.doi else None)


def _arxiv(ref: PaperRef) -> str | None:
    return (clean_arxiv(ref.arxiv_id) or (ref.arxiv_id.strip() if ref.arxiv_id else None)
            or arxiv_from_doi(clean_doi(ref.doi)))


def first_surname(authors: Sequence[str]) -> str:
    """Comparison key of the first author's surname (the last word of the name), or ``""``.

    >>> first_surname(["Diederik P. Kingma", "Jimmy Ba"]) == first_surname(["D. Kingma"]) == "kingma"
    True
    """
    words = authors[0].split() if authors else []
    return title_key(words[-1]) if words else ""


def first_author_words(authors: Sequence[str]) -> frozenset[str]:
    """The words of two letters or more in the first author's name, as comparison keys (``frozenset()``
    without authors): two copies of one paper share one.

    >>> sorted(first_author_words(["Diederik P. Kingma", "Jimmy Ba"]))
    ['diederik', 'kingma']
    """
    words = authors[0].split() if authors else []
    return frozenset(key for word in words if len(key := title_key(word)) >= 2)


def _version_pairs(refs: Sequence[PaperRef], surnames: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Pairs that look like a preprint and its published version.

    Same normalised title (long enough, :data:`MIN_TITLE_CHARS`), same first
    author surname, years at most one apart.
    """
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, ref in enumerate(refs):
        norm = _title_norm(ref)
        if norm and surnames[i] and ref.year is not None:
            by_key.setdefault((norm, surnames[i]), []).append(i)
    for members in by_key.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if abs(refs[i].year - refs[j].year) <= 1:  # type: ignore[operator]
                    yield i, j


def _title_norm(ref: PaperRef) -> str | None:
    norm = title_key(ref.title or "")
    return norm if len(norm) >= MIN_TITLE_CHARS else None


class _SamePaper:
    """Same-paper groups of ref indices (:class:`networkx.utils.UnionFind`) with the DOIs,
    arXiv ids and first authors' name words each group has, so that a weak join can see a conflict.

    Which index ends up as a group's root does not matter: groups are read out
    as sorted index lists (:meth:`groups`), the earliest member first.
    """

    def __init__(self, refs: Sequence[PaperRef], names: Sequence[frozenset[str]] | None = None) -> None:
        self.sets = UnionFind(range(len(refs)))
        none: frozenset[str] = frozenset()
        self.ids: dict[int, tuple[frozenset[str], ...]] = {
            i: (frozenset((d,)) if (d := _doi(r)) else none, frozenset((a,)) if (a := _arxiv(r)) else none,
                names[i] if names is not None else none)
            for i, r in enumerate(refs)}

    def union(self, a: int, b: int, *, weak: bool = False) -> None:
        """Join ``a`` and ``b``; a ``weak`` (title) join is refused across conflicting DOIs, arXiv ids or
        first authors (each side has some, and they share none).
        """
        ra, rb = self.sets[a], self.sets[b]
        if ra == rb:
            return
        held_a, held_b = self.ids[ra], self.ids[rb]
        if weak and any(x and y and not x & y for x, y in zip(held_a, held_b)):
            return
        del self.ids[ra], self.ids[rb]
        self.sets.union(ra, rb)
        self.ids[self.sets[ra]] = tuple(x | y for x, y in zip(held_a, held_b))

    def groups(self) -> list[list[int]]:
        """The groups as sorted index lists, in order of their earliest member."""
        return sorted((sorted(group) for group in self.sets.to_sets()), key=lambda g: g[0])


def _groups(refs: Sequence[PaperRef], authors: Sequence[Sequence[str]] | None = None,
            progress: Progress = no_progress) -> list[list[int]]:
    """Indices of ``refs`` grouped into same-paper groups, in order of first appearance.

    With ``authors`` (each ref's author names), a preprint and its published
    version are joined too (:func:`_version_pairs`), and a title join is
    refused between copies whose first authors share no name (:func:`first_author_words`).
    ``progress`` is told of the refs keyed (``"merging: matching"``).
    """
    uf = _SamePaper(refs, None if authors is None else [first_author_words(a) for a in authors])
    first: dict[str, int] = {}
    weak_pairs: list[tuple[int, int]] = []
    for i, ref in enumerate(refs):
        if not i % _TICK:
            progress("merging: matching", i, len(refs))
        for key in strong_keys(ref):
            if key in first:
                if key.startswith("titleyear:"):
                    weak_pairs.append((first[key], i))
                else:
                    uf.union(first[key], i)
            else:
                first[key] = i
    by_title: dict[str, list[int]] = {}
    for i, ref in enumerate(refs):
        norm = _title_norm(ref)
        if norm:
            by_title.setdefault(norm, []).append(i)
    for members in by_title.values():
        undated = [i for i in members if refs[i].year is None]
        for i in undated:
            for j in members:
                if i != j:
                    weak_pairs.append((min(i, j), max(i, j)))
    if authors is not None:
        weak_pairs.extend(_version_pairs(refs, [first_surname(a) for a in authors]))
    # Exact-id joins first, so that title joins see every DOI a group has.
    for a, b in sorted(set(weak_pairs)):
        uf.union(a, b, weak=True)
    return uf.groups()


def _first(values: Iterable[str | int | None]) -> str | int | None:
    return next((v for v in values if v not in (None, "")), None)


_ID_RANK = {"id": 0, "s2": 1, "openalex": 2, "corpus": 3}


def _sorted_ids(ids: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Unique ids in a fixed order (a user's id, s2, openalex, corpus, then others by name)."""
    return tuple(sorted(set(ids), key=lambda kv: (_ID_RANK.get(kv[0], 9), kv[0], kv[1])))


def merge_refs(refs: Iterable[PaperRef]) -> tuple[PaperRef, ...]:
    """Deduplicate references that point at the same paper, filling each from its copies."""
    refs = list(refs)
    if not refs:  # most papers of a library export: no grouping to set up
        return ()
    merged = []
    for group in _groups(refs):
        copies = [refs[i] for i in group]
        merged.append(PaperRef(
            doi=min((d for r in copies if (d := _doi(r))), default=None),
            arxiv_id=min((a for r in copies if (a := _arxiv(r))), default=None),
            ids=_sorted_ids(i for r in copies for i in r.ids),
            title=_first(r.title for r in copies),  # type: ignore[arg-type]
            year=_first(r.year for r in copies),  # type: ignore[arg-type]
        ))
    return tuple(merged)


def source_file(paper: Paper) -> str | None:
    """The file a paper's record was read from (its ``source`` without the line), as it was named.

    >>> source_file(Paper(title="A", source="data/a.jsonl:3")), source_file(Paper(title="A"))
    ('data/a.jsonl', None)
    """
    return _LINE.sub("", paper.source) if paper.source else None


def _rereads_first(copies: Sequence[Paper], newer: Sequence[bool]) -> tuple[list[Paper], list[Paper]]:
    """``copies`` with the ones just read (``newer``) from the file a kept one (from an earlier build) was read
    from first, and the copies whose text (abstract, authors) is the paper's now: those re-reads (the record
    as its file says now), or all copies when there is none (a new source only fills gaps).
    """
    files = {source_file(p) for p, n in zip(copies, newer) if not n} - {None}
    rereads = [p for p, n in zip(copies, newer) if n and source_file(p) in files]
    if not rereads:
        return list(copies), list(copies)
    return rereads + [p for p in copies if not any(p is r for r in rereads)], rereads


def _combine(copies: Sequence[Paper], newer: Sequence[bool] | None = None) -> Paper:
    """One Paper from copies of the same paper (in order of appearance).

    With ``newer`` (per copy: read in this build, not kept from an earlier one), a copy just read from the
    file a kept copy came from is the record as edited there: it comes first, so its title, year, date,
    venue and url replace the kept ones, and its abstract and authors do even where they are shorter. A
    copy from another file (a new source) only fills what is missing, as within one build.
    """
    texts = copies
    if newer is not None and any(newer) and not all(newer):
        copies, texts = _rereads_first(copies, newer)
    authors = max((p.authors for p in texts), key=len) or max((p.authors for p in copies), key=len)
    counts = [p.n_authors for p in texts if p.n_authors is not None] + ([len(authors)] if authors else [])
    year = _first(p.year for p in copies)
    # a date of another year than the one kept is the date of an earlier version of the record
    date = _first(p.date for p in copies if year is None or not p.date or p.date.startswith(str(year)))
    if year is None and date:
        year = int(str(date)[:4])
    return Paper(
        title=_first(p.title for p in copies) or "",  # type: ignore[arg-type]
        abstract=max((p.abstract for p in texts), key=len) or max((p.abstract for p in copies), key=len),
        authors=authors,
        n_authors=max(counts) if counts else None,
        year=year,  # type: ignore[arg-type]
        date=date,  # type: ignore[arg-type]
        venue=_first(p.venue for p in copies),  # type: ignore[arg-type]
        # min() rather than first: the id must not depend on file order.
        doi=min((p.doi for p in copies if p.doi), default=None),
        arxiv_id=min((p.arxiv_id for p in copies if p.arxiv_id), default=None),
        url=_first(p.url for p in copies),  # type: ignore[arg-type]
        ids=_sorted_ids(i for p in copies for i in p.ids),
        references=merge_refs(r for p in copies for r in p.references),
        external=all(p.external for p in copies),
        source=_first(p.source for p in copies),  # type: ignore[arg-type]
    )


def merge_papers(papers: Iterable[Paper], progress: Progress = no_progress, *, newer_from: int | None = None
                 ) -> list[Paper]:
    """Merge copies of the same paper into one.

    Parameters
    ----------
    papers
        Papers in reading order, possibly several copies of one paper.
    progress
        Told of the papers matched, then of the groups combined
        (stages ``"merging: matching"`` and ``"merging: combining"``).

    Returns
    -------
    list of Paper
        One paper per group, in order of each group's first appearance. A
        merged paper keeps the first non-empty title, venue, date, year, url
        and source, the longest abstract, the longest author list, the
        union of ids and references, and ``external=False`` if any copy is a
        corpus paper. Its id is recomputed (DOI > arXiv > id > title hash) and
        the smallest DOI/arXiv id wins a conflict, so the id does not depend on
        the order the files were read in. With ``newer_from``, the papers from that index on were
        just read and the earlier ones kept from a previous build: a copy read again from a kept
        copy's file comes first, so an edited record's fields replace the kept ones (:func:`_combine`).
    """
    return [paper for _, paper in merged_groups(papers, progress, newer_from=newer_from)]


def merged_groups(papers: Iterable[Paper], progress: Progress = no_progress, *, newer_from: int | None = None
                  ) -> list[tuple[list[int], Paper]]:
    """:func:`merge_papers`, each merged paper with the indices of its copies in ``papers``."""
    papers = list(papers)
    groups = _groups([p.ref() for p in papers], [p.authors for p in papers], progress)
    merged = []
    for n, group in enumerate(groups):
        if not n % _TICK:
            progress("merging: combining", n, len(groups))
        merged.append(_combine([papers[i] for i in group],
                               None if newer_from is None else [i >= newer_from for i in group]))
    progress("merging: combining", len(groups), len(groups))
    _make_ids_unique(merged, set())
    return list(zip(groups, merged))


def _make_ids_unique(papers: list[Paper], taken: set[str]) -> None:
    """Give papers whose id is already taken a distinct one, in place.

    Two different papers can share an id only through the title hash (same
    title, different years, no DOI/arXiv id); the later one gets ``:<year>``
    (and ``:2``, ``:3``... if that is taken too).
    """
    for paper in papers:
        if paper.id in taken:
            base = f"{paper.id}:{paper.year}" if paper.year is not None else paper.id
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}:{n}", n + 1
            paper.id = candidate
        taken.add(paper.id)


@dataclass
class _Index:
    """Looks references up among corpus papers."""

    by_key: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, list[tuple[str, int | None]]] = field(default_factory=dict)

    @classmethod
    def of(cls, papers: Iterable[Paper]) -> _Index:
        index = cls()
        for paper in papers:
            ref = paper.ref()
            for key in strong_keys(ref):
                index.by_key.setdefault(key, paper.id)
            norm = _title_norm(ref)
            if norm:
                index.by_title.setdefault(norm, []).append((paper.id, paper.year))
        return index

    def find(self, ref: PaperRef) -> str | None:
        for key in strong_keys(ref):
            if key in self.by_key:
                return self.by_key[key]
        norm = _title_norm(ref)
        for paper_id, year in self.by_title.get(norm or "", []):
            if ref.year is None or year is None:
                return paper_id
        return None


def missing_papers(old: Sequence[Paper], new: Sequence[Paper]) -> list[Paper]:
    """The papers of ``old`` that are none of ``new``: not by id, nor by a DOI, arXiv id, other id or title
    (:func:`resolve_references`' matching), so that a paper whose edited record changed its id is not one.

    >>> a, b = Paper(title="Alpha beta gamma", year=2020), Paper(title="Delta", doi="10.5555/delta")
    >>> [p.title for p in missing_papers([a, b], [Paper(title="Delta, edited", doi="10.5555/delta")])]
    ['Alpha beta gamma']
    """
    ids = {p.id for p in new}
    gone = [p for p in old if p.id not in ids]
    if not gone:
        return []
    index = _Index.of(new)
    return [p for p in gone if index.find(p.ref()) is None]


def resolve_references(papers: list[Paper]) -> tuple[list[tuple[str, str]], list[Paper]]:
    """Citation pairs for every paper's references, and stubs for outside works.

    Parameters
    ----------
    papers
        The corpus, already merged (:func:`merge_papers`).

    Returns
    -------
    pairs
        ``(citing_id, cited_id)`` in order of first appearance, without
        duplicates or self-citations.
    stubs
        ``external=True`` papers for references that match no corpus paper,
        merged among themselves so that two papers citing the same outside
        work share one stub.
    """
    index = _Index.of(papers)
    # (citing id, cited id) or (citing id, position in ``outside``) until stubs exist
    found: list[tuple[str, str | int]] = []
    outside: list[PaperRef] = []
    for paper in papers:
        for ref in paper.references:
            cited = index.find(ref)
            if cited is not None:
                if cited != paper.id:
                    found.append((paper.id, cited))
            elif ref.doi or ref.arxiv_id or ref.ids or (ref.title or "").strip():
                found.append((paper.id, len(outside)))
                outside.append(ref)
    stubs: list[Paper] = []
    taken = {p.id for p in papers}
    stub_of: dict[int, str] = {}
    for group in _groups(outside):
        try:
            stub = _combine([Paper(title=(outside[i].title or "").strip(), doi=_doi(outside[i]),
                                   arxiv_id=_arxiv(outside[i]), ids=outside[i].ids, year=outside[i].year,
                                   external=True) for i in group])
        except ValueError:  # only a malformed DOI/arXiv id and nothing else: nothing to point at
            continue
        _make_ids_unique([stub], taken)
        stubs.append(stub)
        stub_of.update((i, stub.id) for i in group)
    pairs = [(citing, stub_of[cited] if isinstance(cited, int) else cited) for citing, cited in found
             if not isinstance(cited, int) or cited in stub_of]
    return list(dict.fromkeys(pairs)), stubs
