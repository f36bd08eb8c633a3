"""The build as stages: ``read -> merge -> extract -> resolve -> cite -> graph (+ report) -> store``.

Each stage is a function over the typed records of :mod:`graphbuild.records`
(plus the few defined here); only :func:`read` (input files) and :func:`store`
(the database) touch the outside world. :meth:`graphbuild.workspace.Workspace.build`
runs all of them between reading and committing a generation;
:func:`graphbuild.extract` runs the first three.

>>> from graphbuild.records import Paper
>>> corpus = merge([Paper(id="p1", title="A"), Paper(id="p1", title="A", abstract="longer")])
>>> [p.abstract for p in corpus.papers]
['longer']
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .citations import citation_edges, infer_citations
from .communities import detect_communities, put_communities
from .curation import CurationOp, CurationReport, apply_curation, paper_aliases, paper_named, undropped
from .graph import build_graph
from .ingest import ReadResult, read_papers
from .ingest.merge import merge_papers, resolve_references, source_file
from .progress import Progress, no_progress
from .proposers import settle_proposers
from .records import CachedExtraction, Citation, Extraction, Paper
from .reported import Reported, ReportedLater, add_reported, report_results, report_results_later
from .resolve import Resolution, resolve_entities
from .review import add_confidence
from .schema import GraphTables
from .settings import Settings
from .stores.base import SyncReport
from .stores.embedded_rows import GraphFrames

if TYPE_CHECKING:
    from spacy.language import Language

    from .nlp.features import CorpusStats
    from .nlp.gazetteer import Gazetteer
    from .results import Result

__all__ = [
    "PIPELINE_VERSION", "Corpus", "Extracted", "Pending", "Citations",
    "read", "merge", "Record", "records_of", "reread", "vanished", "pending", "extract", "resolve", "curated",
    "undropped", "stubs_dropped",
    "with_confidence", "cite", "graph", "Assembled", "assemble",
    "kept_papers", "report", "report_later", "workers", "store",
    "check_pipeline", "load_pipeline", "pipeline_fingerprint", "fingerprint_of", "extraction_key",
]

#: bump when extraction rules change, so cached extractions are redone
PIPELINE_VERSION = "1"
#: the fewest papers for which :func:`workers` starts worker processes
PARALLEL_MIN = 2000


@dataclass(frozen=True, slots=True)
class Corpus:
    """Merged papers: each paper once, the richest copy of every field kept."""

    merged: list[Paper]
    #: ids of corpus papers that were not among the existing ones
    new_ids: frozenset[str] = frozenset()

    @property
    def papers(self) -> list[Paper]:
        """The corpus proper (reference stubs from metadata services left out)."""
        return [p for p in self.merged if not p.external]


@dataclass(frozen=True, slots=True)
class Extracted:
    """One cached extraction per paper id, and how many of them the NLP pass computed now."""

    #: a dict, or a mapping that reads each one when asked for (a curated ``graphbuild load``'s, from the disk)
    by_paper: Mapping[str, CachedExtraction]
    computed: int = 0


@dataclass(frozen=True, slots=True)
class Citations:
    """CITES edges (explicit and inferred) and stubs for cited works outside the corpus."""

    edges: list[Citation]
    external: list[Paper]


# ---------------------------------------------------------------------------
# the stages


def read(inputs: str | os.PathLike | Iterable[str | os.PathLike], *, format: str | None = None,
         skip_bad: bool = False, progress: bool = False) -> ReadResult:
    """Read paper records from files and folders, one path or an iterable of them (see
    :func:`graphbuild.ingest.read_papers`); with ``progress``, the records read are counted on standard error.
    """
    return read_papers(inputs, format=format, skip_bad=skip_bad, progress=progress)


def merge(incoming: Sequence[Paper], existing: Sequence[Paper] = (), *,
          progress: Progress = no_progress, known: Collection[str] | None = None) -> Corpus:
    """Merge ``incoming`` papers into ``existing`` ones (the same paper from several sources is one).

    Parameters
    ----------
    incoming : papers just read (or every record of a workspace's files, :func:`reread`).
    existing : merged papers kept from an earlier build (their order comes first; an incoming copy read
        again from the file one came from replaces its fields: the record as edited there since then).
    progress : told of the papers matched and combined (:func:`graphbuild.ingest.merge.merge_papers`).
    known : the ids of the corpus papers a workspace held before (default: those of ``existing``).

    Returns
    -------
    Corpus
        The merged papers, and which corpus papers are new.
    """
    old_ids = set(known) if known is not None else {p.id for p in existing if not p.external}
    merged = merge_papers([*existing, *incoming], progress, newer_from=len(existing) if existing else None)
    return Corpus(merged, frozenset(p.id for p in merged if not p.external and p.id not in old_ids))


#: a record of a workspace's input files: the file it was read from (absolute), and the paper as read there
Record = tuple[str, Paper]


def records_of(papers: Iterable[Paper]) -> list[Record]:
    """Papers just read, each with the absolute path of its file (the empty string when it has none)."""
    return [(os.path.abspath(f) if (f := source_file(p)) else "", p) for p in papers]


def reread(kept: Sequence[Record], incoming: Sequence[Paper], files: Iterable[str]) -> list[Record]:
    """The records of a workspace's files after a build read ``files`` again: each of those files' records
    as read now (``incoming``) in the place its earlier ones had, and the records of files not read again as
    they were kept. Merged (:func:`merge`), they are the corpus a fresh build of the files would make, in the
    order the files were first built: a record deleted from a file read again is gone, an edited one is as
    it reads now, and a paper another file still holds stays. Records of ``incoming`` from a file not among
    ``files`` are added to those kept of it (a pipe: what it gives is more records, not its file again).

    >>> a1, a2 = Paper(title="A", source="/d/a.jsonl:1"), Paper(title="A2", source="/d/a.jsonl:1")
    >>> b = Paper(title="B", source="/d/b.jsonl:1")
    >>> [p.title for _, p in reread([("/d/a.jsonl", a1), ("/d/b.jsonl", b), ("/d/a.jsonl", a1)], [a2],
    ...                               ["/d/a.jsonl"])]
    ['A2', 'B']
    """
    fresh: dict[str, list[Record]] = {os.path.abspath(f): [] for f in files}
    again = set(fresh)
    for record in records_of(incoming):  # one of another file (a pipe, not among ``files``) is new
        fresh.setdefault(record[0], []).append(record)
    out: list[Record] = []
    for record in kept:
        if record[0] not in again:
            out.append(record)
        elif record[0] in fresh:  # the first record kept from a file read again: the file's place
            out.extend(fresh.pop(record[0]))
    for now in fresh.values():  # ``fresh`` still holds files not yet placed (new ones)
        out.extend(now)
    return out


def vanished(kept: Sequence[Record], folders: Iterable[str | os.PathLike]) -> list[str]:
    """The files of ``kept`` records inside one of ``folders`` (folders a build reads again) that are there no
    more (deleted or renamed): a fresh build of the folders would not read them, so their records go too.
    A file outside them stays kept whether it still exists or not (its papers are the workspace's).
    """
    roots = tuple(os.path.join(os.path.abspath(f), "") for f in folders)
    files = {file for file, _ in kept if file.startswith(roots)} if roots else set()
    return sorted(file for file in files if not os.path.exists(file))


@dataclass(frozen=True, slots=True)
class Pending:
    """What :func:`extract` has left to do: the cached extractions that still hold, the papers to extract,
    and the casing statistics of the whole corpus (``None`` when the corpus is the cache's own).
    """

    done: dict[str, CachedExtraction]
    todo: list[Paper]
    corpus: CorpusStats | None
    fingerprint: str


def pending(papers: Sequence[Paper], *, fingerprint: str = "",
            cache: Mapping[str, CachedExtraction] | None = None) -> Pending:
    """Which papers :func:`extract` must run the NLP pass on, and which cached extractions still hold.

    A cached extraction holds when the pipeline and the paper's text are those it was made with, and the
    corpus writes the words whose casing its decision read as it did then (:func:`extraction_key`):
    papers added to a workspace can change how the others are decided, and those are extracted again,
    so that the workspace is what a fresh build of all its papers would make. When the papers are
    exactly those of the cache, their statistics are too, and nothing is counted.
    """
    cache = cache or {}
    texts = {p.id: extraction_key(p, fingerprint) for p in papers}
    if len(cache) == len(papers) and all(p.id in cache and cache[p.id].key.partition("#")[0] == texts[p.id]
                                         for p in papers):
        return Pending({p.id: cache[p.id] for p in papers}, [], None, fingerprint)
    from .nlp.features import corpus_stats

    corpus = corpus_stats(p.text for p in papers)
    done = {}
    for p in papers:
        cached = cache.get(p.id)
        if cached is None:
            continue
        text, sep, read = cached.key.partition("#")
        words = [item.rpartition("=")[0] for item in read.split(";")] if read else []
        if sep and text == texts[p.id] and cached.key == extraction_key(p, fingerprint, corpus, words):
            done[p.id] = cached
    return Pending(done, [p for p in papers if p.id not in done], corpus, fingerprint)


def extract(papers: Sequence[Paper], nlp: Language | None, *, fingerprint: str = "",
            cache: Mapping[str, CachedExtraction] | None = None, batch_size: int = 256,
            n_process: int = 1, progress: Progress = no_progress, plan: Pending | None = None) -> Extracted:
    """Run the NLP pass on every paper whose cached extraction is missing or stale (see :func:`pending`).

    Parameters
    ----------
    papers : the papers to extract (ids unique).
    nlp : the pipeline (:func:`load_pipeline`); ``None`` when every paper is in ``cache``.
    fingerprint : :func:`pipeline_fingerprint` of the settings; part of each cache key.
    cache : earlier extractions by paper id; reused when their key still matches.
    batch_size, n_process : passed to :func:`graphbuild.nlp.pipeline.extract_papers`.
    progress : called as ``progress("extracting", done, total)``.
    plan : :func:`pending` of the same papers, fingerprint and cache, when the caller has it already
        (``fingerprint`` and ``cache`` are then not read).
    """
    from .nlp.pipeline import extract_with_casing

    plan = plan or pending(papers, fingerprint=fingerprint, cache=cache)
    done, todo, corpus = dict(plan.done), plan.todo, plan.corpus
    count = 0

    def step(n: int) -> None:
        nonlocal count
        count += n
        progress("extracting", count, len(todo))

    if todo:
        if nlp is None or corpus is None:
            raise ValueError(f"{len(todo)} paper(s) are not in the cache: extracting them needs a pipeline")
        # the casing statistics count every paper of the build, the cached ones too: a paper added to a
        # workspace is decided as a fresh build of the whole workspace would decide it
        for paper, (ex, words) in zip(todo, extract_with_casing(todo, nlp, batch_size=batch_size, n_process=n_process,
                                                                 progress=step, corpus=corpus), strict=True):
            done[paper.id] = CachedExtraction(extraction_key(paper, plan.fingerprint, corpus, words), ex)
    return Extracted({p.id: done[p.id] for p in papers}, len(todo))


def resolve(papers: Sequence[Paper], extracted: Extracted, gazetteer: Gazetteer | None) -> Resolution:
    """Corpus entities and paper -> entity links from the papers' extractions (in corpus order; read twice,
    each time from ``extracted``, so that extractions read from the disk are not all held: see
    :func:`~graphbuild.resolve.resolve_entities`).
    """
    return resolve_entities(_InOrder(papers, extracted.by_paper), gazetteer)


class _InOrder:
    """The extractions of ``papers`` in their order, looked up in ``by_paper`` anew on each iteration."""

    def __init__(self, papers: Sequence[Paper], by_paper: Mapping[str, CachedExtraction]):
        self.papers, self.by_paper = papers, by_paper

    def __iter__(self) -> Iterator[Extraction]:
        return (self.by_paper[p.id].extraction for p in self.papers)


def curated(papers: Sequence[Paper], extracted: Extracted, gazetteer: Gazetteer | None,
            curation: Sequence[CurationOp] = (), *, path: str | None = None,
            kept: Sequence[Paper] | None = None) -> tuple[Resolution, CurationReport, int]:
    """The entities of ``papers`` resolved (:func:`resolve`), then corrected: the ``curation`` operations applied
    (``path``: the file they were read from, for the report), and the later proposers of a known entity made its
    users (:func:`~graphbuild.proposers.settle_proposers`, after curation so that a curated proposal stays).

    A paper a ``drop`` names is not resolved (:func:`~graphbuild.curation.undropped`; ``extracted`` need not
    hold it): its mentions join no names and propose nothing, as in a build without it. ``kept``: ``papers``
    but those, when the caller has them already (it extracted them alone); found here otherwise.

    Returns the resolution, the curation report and how many proposals became uses. The one order of these
    steps, for ``graphbuild build`` and for ``graphbuild load`` applying a curation to a Spark output
    (:func:`assemble`).
    """
    kept = undropped(papers, curation) if kept is None else kept
    resolution = resolve(kept, extracted, gazetteer)
    stubs = stubs_dropped(papers, kept, curation)
    resolution, report = apply_curation(resolution, curation, papers=[*(p.id for p in papers), *stubs],
                                        aliases=paper_aliases(papers) if curation else None,
                                        path=path if curation else None)
    if stubs:  # (told apart in the report: a stub leaves the workspace too, a corpus paper stays in it)
        report.stubs_dropped = len(set(stubs) & resolution.dropped)
        report.dropped -= report.stubs_dropped
    resolution, demoted = settle_proposers(resolution, kept, gazetteer)
    return resolution, report, demoted


def stubs_dropped(papers: Sequence[Paper], kept: Sequence[Paper], curation: Sequence[CurationOp]) -> list[str]:
    """The ids of the cited works outside the corpus (reference stubs, ``expand``'s external candidates) that a
    ``drop`` of ``curation`` names (as it names a corpus paper: :func:`~graphbuild.curation.paper_named`):
    :func:`cite` leaves out such a stub with its CITES edges, on every build (the citing papers' reference lists
    would make it again). ``kept``: ``papers`` but the dropped ones.

    The references are matched here only when a drop names no corpus paper (a drop of a stub, or a typo).
    """
    drops = [op.paper for op in curation if op.op == "drop" and op.paper]
    if len(drops) <= len(papers) - len(kept):  # each drop took out a corpus paper
        return []
    stubs = [stub.id for stub in resolve_references(list(papers))[1]]
    ids = set(stubs)
    named = {pid for text in drops if (pid := paper_named(text, ids)) is not None}
    return [pid for pid in stubs if pid in named]


@dataclass(frozen=True, slots=True)
class Assembled:
    """What :func:`assemble` made: the graph, its citations (the stubs among them), the curation report, how
    many proposals became uses, and the reported results (their cache lines for the next build).
    """

    graph: nx.MultiDiGraph
    citations: Citations
    curation: CurationReport
    demoted: int
    reported: ReportedLater


def assemble(papers: Sequence[Paper], extracted: Extracted, gazetteer: Gazetteer | None,
             curation: Sequence[CurationOp] = (), *, kept: Sequence[Paper] | None = None, path: str | None = None,
             pool: Executor | None = None, known: Mapping[str, list[Result]] | None = None,
             progress: Progress = no_progress, after: Callable[[str], None] = lambda stage: None) -> Assembled:
    """The stages after extraction, in their one order: :func:`curated` (resolve, curate, the proposer rule),
    :func:`report_later` (in ``pool``; ``known``: the results an earlier build found), :func:`with_confidence`,
    :func:`cite` and :func:`graph`. ``graphbuild build`` and a curated ``graphbuild load`` both run them so.

    ``kept``, ``path``: as :func:`curated` takes them. ``progress`` is told each step (a build's "building the
    graph" bar); ``after`` is called with ``"resolve"`` once ``extracted`` is read for the last time (a build
    writes the extractions then and lets them go: this function holds them no longer) and with ``"cite"``,
    before the next step is told.
    """
    progress("resolving entities", 0, 3)
    resolution, report, demoted = curated(papers, extracted, gazetteer, curation, path=path, kept=kept)
    reported = report_later(papers, resolution, pool, known=known)
    resolution = with_confidence(resolution, extracted, gazetteer)
    del extracted
    after("resolve")
    progress("matching citations", 1, 3)
    citations = cite(papers, resolution)
    after("cite")
    progress("building the graph", 2, 3)
    G = graph(papers, resolution, citations, reported=reported)
    progress("building the graph", 3, 3)
    return Assembled(G, citations, report, demoted, reported)


def with_confidence(resolution: Resolution, extracted: Extracted, gazetteer: Gazetteer | None) -> Resolution:
    """``resolution`` with a confidence on each entity and link (:func:`~graphbuild.review.add_confidence`), a name
    the gazetteer knows counting for its entity.
    """
    return add_confidence(resolution, (c.extraction for c in extracted.by_paper.values()),
                          known=lambda name: gazetteer is not None and gazetteer.lookup(name) is not None)


def kept_papers(papers: Sequence[Paper], resolution: Resolution) -> Sequence[Paper]:
    """``papers`` but those a curation ``drop`` took out (:attr:`Resolution.dropped`); the same list when none."""
    if not resolution.dropped:
        return papers
    return [p for p in papers if p.id not in resolution.dropped]


def cite(papers: Sequence[Paper], resolution: Resolution) -> Citations:
    """Explicit citations from reference lists, inferred ones from proposed entities, and stubs.

    A dropped paper (:func:`kept_papers`) cites nothing and is cited by nothing: its references are matched
    with the others' (a reference to it finds it rather than becoming an outside stub), then its pairs go,
    and the stubs only it cited; a dropped stub (:func:`stubs_dropped`) goes with the pairs citing it.
    """
    explicit, external = resolve_references(list(papers))
    if resolution.dropped:
        gone = resolution.dropped
        explicit = [(a, b) for a, b in explicit if a not in gone and b not in gone]
        cited = {b for _, b in explicit}
        external = [stub for stub in external if stub.id in cited]
    inferred = infer_citations(kept_papers(papers, resolution), resolution.links)
    return Citations(citation_edges(explicit, inferred), external)


def graph(papers: Sequence[Paper], resolution: Resolution, citations: Citations, *,
          reported: Callable[[], list[Reported]] | None = None) -> nx.MultiDiGraph:
    """The knowledge graph (see :func:`graphbuild.graph.build_graph`), with the results papers report
    and its Leiden communities; a paper curation dropped (:func:`kept_papers`) is no node of it, nor are
    the authors of it alone.

    ``reported``: the results of :func:`report_later`, when they are being found in worker
    processes (they are collected once the graph is assembled and its communities detected,
    which does not need them); by default they are found here, first.
    """
    papers = kept_papers(papers, resolution)
    reported = reported or report_later(papers, resolution)
    G = build_graph(papers, resolution.entities, resolution.links, citations.edges, citations.external)
    communities = detect_communities(G)  # papers, entities and roles only: Result nodes change nothing
    add_reported(G, reported())
    return put_communities(G, communities)  # Community nodes and IN_COMMUNITY edges (graphbuild.communities)


def report_later(papers: Sequence[Paper], resolution: Resolution, pool: Executor | None = None, *,
                 known: Mapping[str, list[Result]] | None = None) -> ReportedLater:
    """:func:`report` started in ``pool`` (see :func:`workers`); call the result to collect them.

    The names of ``resolution``'s entities are what counts: a resolution that only
    gains confidence scores afterwards gives the same results. ``known``: the results
    an earlier build found, by :func:`~graphbuild.reported.results_key` (those papers
    are not read again; :meth:`~graphbuild.reported.ReportedLater.cache_lines` gives
    the next build's). A paper curation dropped (:func:`kept_papers`) reports nothing.
    """
    return report_results_later(kept_papers(papers, resolution), resolution, pool, known=known)


@contextlib.contextmanager
def workers(n_process: int, n_papers: int, *, parallel_min: int = PARALLEL_MIN) -> Iterator[Executor | None]:
    """``n_process`` worker processes for :func:`report_later`, when there are at least ``parallel_min``
    papers (below, they cost more than they save); else None (the work is done in this process).
    """
    if n_process <= 1 or n_papers < parallel_min:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=n_process)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # an interrupted build does not wait for the chunks
        raise
    pool.shutdown()


def report(papers: Sequence[Paper], resolution: Resolution) -> list[Reported]:
    """The results each paper reports ("X reaches 85.3% on MMLU"; see :mod:`graphbuild.reported`)."""
    return report_results(kept_papers(papers, resolution), resolution)


def store(tables: GraphTables | GraphFrames, path: str | os.PathLike, *, progress: Progress = no_progress,
          checkpoint: bool = True, consume: bool = False) -> SyncReport:
    """Sync a graph's rows (:func:`graphbuild.graph.graph_to_tables`) into the embedded store at ``path``
    and (by default) checkpoint it; Arrow tables (:func:`graphbuild.stores.embedded_rows.graph_frames`)
    replace the store with a fresh database instead (and are consumed).

    After a checkpoint the database file holds everything and no write-ahead
    log is left, so the folder can be renamed or opened read-only at once. ``consume=True``
    empties the row lists of ``tables`` as the store reads them (their memory is freed).
    """
    from .stores.embedded import EmbeddedStore

    with EmbeddedStore(path) as db:
        if isinstance(tables, GraphFrames):
            report = db.load(tables, progress=progress)
        else:
            report = db.sync(tables, progress=progress, consume=consume)
        if checkpoint:
            progress("checkpointing", 0, 1)
            db.checkpoint()
            progress("checkpointing", 1, 1)
    return report


# ---------------------------------------------------------------------------
# the pipeline and extraction cache keys


def check_pipeline(settings: Settings) -> str:
    """The gazetteer path a pipeline of ``settings`` loads (the shipped one merged with the user's, or
    ``""`` for the shipped one alone), once the settings are checked: raise
    :class:`~graphbuild.errors.InputError` now when the spaCy model is neither a pipeline folder nor an
    installed package, or the user gazetteer is bad. A build stops before reading its inputs, not after.
    """
    from .spark.job import pipeline_folder
    from .user_gazetteer import effective_gazetteer

    pipeline_folder(settings.spacy_model or "")
    return effective_gazetteer(settings.gazetteer)


def load_pipeline(settings: Settings) -> tuple[Language, Gazetteer | None]:
    """The spaCy pipeline of ``settings`` (cached per process) and its gazetteer.

    A model that is neither a pipeline folder nor an installed package raises
    :class:`~graphbuild.errors.InputError` (one line), not spaCy's ``OSError``.
    """
    from .nlp.pipeline import _gazetteer, cached_pipeline

    nlp = cached_pipeline(settings.spacy_model, check_pipeline(settings))
    return nlp, _gazetteer(nlp)


def pipeline_fingerprint(settings: Settings) -> str:
    """A digest of everything an extraction depends on: model, gazetteer, rules and record format."""
    from .user_gazetteer import effective_gazetteer

    # the pipeline loads the shipped gazetteer merged with the user's, or the shipped one
    return fingerprint_of(settings.spacy_model, effective_gazetteer(settings.gazetteer))


def fingerprint_of(model: str | None, gazetteer: str) -> str:
    """:func:`pipeline_fingerprint` of a pipeline given as ``cached_pipeline`` takes it.

    ``model``: a spaCy pipeline name or folder (None or empty: blank English);
    ``gazetteer``: the file or folder the pipeline loads (empty: the shipped one).
    The Spark job keys the extractions it writes with it.
    """
    from .resources import data_path

    h = hashlib.sha256(PIPELINE_VERSION.encode())
    model_dir = Path(model) if model else None
    if model_dir is not None and model_dir.is_dir():  # a trained pipeline folder: its config and weights
        h.update(b"folder")  # not its path: one folder named from another place or a copy of it is the same
        hash_folder(h, model_dir)
    else:
        h.update((model or "blank:en").encode())
    gaz = Path(gazetteer) if gazetteer else data_path("gazetteer")
    files = sorted(gaz.glob("*.jsonl")) if gaz.is_dir() else [gaz]
    for f in [*files, data_path("generic.txt")]:
        h.update(f.read_bytes())
    here = Path(__file__).parent
    for f in [*sorted((here / "nlp").glob("*.py")), here / "records.py"]:
        h.update(f.read_bytes())  # extraction rules and the record format
    return h.hexdigest()[:16]


def hash_folder(h: Any, folder: Path) -> list[Path]:
    """Feed every file under ``folder`` to the hash ``h`` (its relative path, then its bytes, in path
    order); returns the files, in that order.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for f in files:
        h.update(str(f.relative_to(folder)).encode())
        h.update(f.read_bytes())
    return files


def extraction_key(paper: Paper, fingerprint: str, corpus: CorpusStats | None = None,
                   words: Iterable[str] = ()) -> str:
    """The cache key of a paper's extraction: the pipeline fingerprint and a digest of its text, then,
    with ``corpus``, after ``#``, how the corpus writes the ``words`` whose casing the decision read
    (:func:`graphbuild.nlp.pipeline.casing_words`, :meth:`graphbuild.nlp.features.CorpusStats.casing`).

    >>> from graphbuild.nlp.features import corpus_stats
    >>> paper = Paper(title="A", abstract="We use B and B.")
    >>> extraction_key(paper, "fp", corpus_stats([paper.text]), ["b", "z"])
    'fp:...#b=hi/1;z=u'
    """
    key = fingerprint + ":" + hashlib.sha1(paper.text.encode()).hexdigest()[:16]
    return key if corpus is None else key + "#" + corpus.casing(words)
