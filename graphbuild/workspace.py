"""The workspace: a folder holding one graph, kept up to date by :meth:`Workspace.build`.

Layout::

    <workspace>/
      CURRENT              name of the live generation (replaced atomically)
      gen-000007/          papers.jsonl, records.jsonl, extractions.jsonl, graph.json, manifest.json
        db/                the embedded LadybugDB store of this generation
      .graphbuild.lock     the writers' lock (see graphbuild.lock)
      overview.html        an interactive page of the whole graph (capped)

Commit order (:mod:`graphbuild.generations`). A build runs the stages
(:mod:`graphbuild.stages`) and writes the new generation, store included,
into a hidden ``.gen-NNNNNN.tmp-PID`` folder; syncs and checkpoints the store there; renames the folder to
``gen-NNNNNN``; switches ``CURRENT`` (an atomic rename) and only then deletes
older generations. Until ``CURRENT`` is switched every reader sees the
previous generation, whole; afterwards, the new one, whole. A writer holds
the workspace lock throughout, and starts by repairing what a killed writer
may have left (:meth:`Workspace.repair`). Only folders named exactly
``gen-`` and six digits, or ``.gen-NNNNNN.tmp-PID``, are ever deleted.

Each generation keeps every record of the input files as read, with its file
(``records.jsonl``): a build replaces the records of the files it reads again
and merges them all, so that the graph is the one a fresh build of the files
would make (a record deleted from a file read again leaves, with its paper
unless another file holds it). Extractions are cached per paper (keyed by the
text and the pipeline's fingerprint), so adding files only runs the NLP pass on
what is new, and a build whose graph and records equal the live ones writes nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import networkx as nx

from . import arguments, generations, stages
from .curation import (
    CurationOp,
    CurationReport,
    curation_digest,
    curation_file_exists,
    curation_not_found,
    find_curation_file,
    located_report,
    portable_report,
    read_curation,
)
from .cypher_guard import query_parameters
from .errors import InputError, QueryError, StoreError, UsageError, WorkspaceError, WorkspaceNotWritableError
from .fsutil import atomic_write_text
from .generations import GENERATION_RE
from .graph import count_lines, graph_digest, graph_stats, load_graph
from .ingest import skipped_lines
from .ingest.checks import id_conflicts
from .ingest.merge import missing_papers, source_file
from .lock import FileWriteLock, WorkspaceLock, writer
from .progress import stage_bar
from .proposers import demoted_line
from .records import CachedExtraction, Paper
from .reported import read_result_line, results_version, results_version_of
from .results import Result
from .settings import Settings
from .stages import PIPELINE_VERSION
from .stores.base import Rows, SyncReport

if TYPE_CHECKING:
    from .stores.embedded import EmbeddedStore

__all__ = ["Workspace", "BuildReport", "PIPELINE_VERSION", "GENERATION_RE"]

_T = TypeVar("_T")


@dataclass(slots=True)
class BuildReport:
    """What a build read, extracted and changed."""

    files: int = 0
    papers_read: int = 0
    papers_total: int = 0
    papers_new: int = 0
    extracted: int = 0
    skipped: list[str] = field(default_factory=list)
    changed: bool = False
    stats: dict[str, Any] = field(default_factory=dict)
    store: str = ""
    overview: str | None = None
    generation: str = ""
    curation: CurationReport | None = None
    #: PROPOSES edges made USES: an earlier corpus paper proposes the entity (:mod:`graphbuild.proposers`)
    demoted: int = 0
    #: per file read again (as named when its papers were read): how many papers left with its records
    removed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """The report as the lines ``graphbuild build`` prints."""
        lines = [
            f"read {self.papers_read} papers from {self.files} file(s); {self.papers_new} new, "
            f"{self.extracted} extracted; {self.papers_total} papers in the workspace",
            *count_lines(self.stats.get("nodes", {}), self.stats.get("edges", {})),
        ]
        lines.extend(f"removed {n} paper(s) no longer in {file}" for file, n in self.removed.items())
        lines.extend(skipped_lines(self.skipped))
        if self.curation is not None and self.curation.total:
            lines.append(self.curation.summary())
        if self.demoted:
            lines.append(demoted_line(self.demoted))
        if not self.changed:
            lines.append("nothing changed: the graph was already up to date")
        if self.store:
            lines.append(f"embedded store: {self.store}")
        if self.overview:
            lines.append(f"overview page: {self.overview}")
        return "\n".join(lines)


class Workspace:
    """A graph workspace on disk.

    Parameters
    ----------
    path : the workspace folder (created by the first build); not an existing file, not empty.
    settings : a :class:`~graphbuild.settings.Settings`; defaults when omitted.

    Raises
    ------
    WorkspaceNotWritableError
        When ``path`` is empty or names an existing file.
    UsageError
        When ``path`` is not a path or ``settings`` not a :class:`~graphbuild.settings.Settings`.
    """

    def __init__(self, path: str | os.PathLike | None = None, settings: Settings | None = None):
        self.settings = arguments.settings(settings) or Settings()
        raw = path if path is not None else self.settings.workspace
        self.path = arguments.path(raw, "the workspace")  # a str or a path: os.fspath takes it
        if not os.fspath(raw).strip():  # Path("") would be the current folder
            raise WorkspaceNotWritableError("the workspace path is empty; pass -w with a folder name")
        try:
            is_file = self.path.exists() and not self.path.is_dir()
        except OSError as exc:
            raise WorkspaceNotWritableError(f"cannot reach workspace {self.path}: {exc.strerror}; "
                                            "check the permissions of the folders above it") from None
        if is_file:
            raise WorkspaceNotWritableError(f"workspace {self.path} is a file, not a folder; "
                                            "pass -w with a folder path (new or an existing workspace)")
        self._graph: nx.MultiDiGraph | None = None
        self._graph_gen: str | None = None
        self._lock: WorkspaceLock | None = None
        self._curation_held = False
        self._writing = False  # a write query's rows are open (query_rows)

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    # ------------------------------------------------------------ generations

    @property
    def current(self) -> Path | None:
        """The live generation folder, or None before the first build."""
        try:
            name = (self.path / "CURRENT").read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise WorkspaceError(f"cannot read {self.path / 'CURRENT'}: {exc.strerror}") from None
        gen = self.path / name
        return gen if generations.GENERATION_RE.match(name) and gen.is_dir() else None

    def exists(self) -> bool:
        """Whether the workspace holds a built graph."""
        return self.current is not None

    def _require(self) -> Path:
        gen = self.current
        if gen is None:
            if generations.generations(self.path):
                raise WorkspaceError(f"workspace {self.path} has generation folders but no valid CURRENT "
                                     f"pointer; run `graphbuild build -w {self.path}` to repair it")
            building = "" if self._lock is not None and self._lock.held else writer(self.path)  # not this one
            if building:  # the first build is running: "run `graphbuild build` first" did not fit
                raise WorkspaceError(f"no graph in workspace {self.path} yet: {building} is building it; wait for "
                                     "it to finish")
            raise WorkspaceError(
                f"no graph in workspace {self.path}; run `graphbuild build INPUT... -w {self.path}` first")
        return gen

    def _read_live(self, read: Callable[[Path], Any]) -> Any:
        """``read(live generation)``, retried when a writer removed that generation meanwhile."""
        for attempt in range(3):
            gen = self._require()
            try:
                return read(gen)
            except FileNotFoundError:
                if attempt == 2 or self.current == gen:
                    raise WorkspaceError(f"generation {gen.name} of workspace {self.path} is incomplete; "
                                         f"run `graphbuild build -w {self.path}` to repair it") from None

    def papers(self) -> list[Paper]:
        """The papers of the live generation (reference stubs included)."""
        if self.current is None:
            return []
        return self._read_live(lambda gen: [paper for _, paper in _records(gen / "papers.jsonl", Paper.from_dict)])

    def records(self) -> list[stages.Record] | None:
        """Every record of the workspace's input files as the last build had it, with its file
        (:data:`graphbuild.generations.RECORDS`): ``[]`` before the first build; None when the live
        generation keeps merged papers alone (built before records were kept, or by ``graphbuild load``).
        """
        if self.current is None:
            return []

        def read(gen: Path) -> list[stages.Record] | None:
            path = gen / generations.RECORDS
            if not path.is_file():
                return None
            return [record for _, record in _records(path, _record_of)]

        return self._read_live(read)

    def extractions(self) -> dict[str, CachedExtraction]:
        """The extraction cache: paper id -> extraction with the key it was made for."""
        if self.current is None:
            return {}

        def read(gen: Path) -> dict[str, CachedExtraction]:
            return dict(pair for _, pair in _records(gen / "extractions.jsonl", generations.cached_extraction))

        return self._read_live(read)

    def graph(self) -> nx.MultiDiGraph:
        """The live graph (loaded once per generation)."""
        gen = self._require()
        if self._graph is None or self._graph_gen != gen.name:
            self._graph = self._read_live(lambda g: _read_file(g / "graph.json", load_graph))
            self._graph_gen = gen.name
        return self._graph

    @property
    def curation_file(self) -> Path:
        """The curation file applied on every build (``<workspace>/curation.jsonl`` unless configured)."""
        return find_curation_file(self.path, self.settings.curation or None)

    def manifest(self) -> dict[str, Any]:
        """The live generation's manifest (graph digest, pipeline fingerprint, stats)."""
        return self._read_live(lambda gen: _read_file(gen / "manifest.json", _manifest_of))

    def curation_missing(self) -> bool:
        """Whether the ``curation`` setting names a file that is not there (a build would apply none of the
        corrections, without a word); the workspace's own file is simply not made yet.
        """
        return bool(self.settings.curation) and not curation_file_exists(self.curation_file)

    def applied_curation(self, source: str | tuple[str, int | None] | None = None) -> list[CurationOp]:
        """The operations of :attr:`curation_file`, which a build applies: none while the workspace's own file
        is not made yet; an error when the ``curation`` setting names a file that is not there
        (:meth:`curation_missing`), naming ``source``: what set it (:func:`curation_not_found`).
        """
        if self.curation_missing():
            raise curation_not_found(self.curation_file, source)
        return read_curation(self.curation_file)

    def last_curation(self) -> dict[str, Any]:
        """What the live graph's build did with the curation file (:meth:`CurationReport.to_dict`), its file
        named where this workspace is now; ``{}`` when there is no graph or no report.
        """
        data = (self.manifest().get("curation") or {}) if self.exists() else {}
        return located_report(data, self.path) if data else {}

    def stats(self) -> dict[str, Any]:
        """Counts of nodes and edges of the live graph."""
        return graph_stats(self.graph())

    # ------------------------------------------------------------ lock and repair

    @contextlib.contextmanager
    def lock(self, command: str, *, wait: bool | float = False, curation: bool = False) -> Iterator[WorkspaceLock]:
        """Hold the writers' lock for a block (see :class:`~graphbuild.lock.WorkspaceLock`); ``curation``: the
        block writes :attr:`curation_file`, whose own lock it holds too (another workspace's settings may name
        the same file, and its writers hold only their workspace's lock).

        Re-entrant for this object: a writer holding the lock can call
        :meth:`build` (which takes it too) without locking itself out; but not
        while a write query's rows are open (:meth:`query_rows`): a build would
        replace the generation under that query's uncommitted store.
        """
        if self._lock is not None and self._lock.held:
            if self._writing:
                raise UsageError(f"{command} cannot run while the rows of a write query here are still being read; "
                                 "read them to the end (leave its `with`) first")
            with self._curation_lock(command, wait, curation):
                yield self._lock
            return
        with WorkspaceLock(self.path, command, wait=wait) as held:
            self._lock = held
            try:
                with self._curation_lock(command, wait, curation):
                    yield held
            finally:
                self._lock = None

    def _curation_lock(self, command: str, wait: bool | float, wanted: bool) -> contextlib.AbstractContextManager:
        """The curation file's own lock (:class:`~graphbuild.lock.FileWriteLock`, on the file a symbolic link
        names), when ``wanted`` and not held yet; else nothing.
        """
        if not wanted or self._curation_held:
            return contextlib.nullcontext()
        lock = FileWriteLock(os.path.realpath(self.curation_file), command, wait=wait, what="curation file")

        @contextlib.contextmanager
        def held() -> Iterator[None]:
            with lock:
                self._curation_held = True
                try:
                    yield
                finally:
                    self._curation_held = False
        return held()

    def repair(self) -> list[str]:
        """Undo what a killed writer left behind; call with the lock held. Returns what was done.

        See :func:`graphbuild.generations.repair`: unfinished and stale
        generation folders go, a broken ``CURRENT`` points at the newest
        complete generation, a pending store checkpoint is completed.
        """
        return generations.repair(self.path, self.current)

    # ------------------------------------------------------------ build

    def build(
        self,
        inputs: str | os.PathLike | Iterable[str | os.PathLike] = (),
        *,
        format: str | None = None,
        skip_bad: bool = False,
        sync_store: bool = True,
        overview: bool | None = None,
        progress: bool = True,
        log: Callable[[str], None] | None = None,
        wait: bool | float = False,
    ) -> BuildReport:
        """Read ``inputs``, merge them with the workspace's papers, extract, resolve and commit.

        Parameters
        ----------
        inputs : a file or folder, or an iterable of them; none rebuilds from the papers already in the workspace
            (a workspace without a graph yet needs some).
        format : force the input format.
        skip_bad : skip malformed records (listed in the report) instead of failing.
        sync_store : also write the generation's embedded store.
        overview : write ``overview.html`` (default from the settings).
        progress : show progress on standard error.
        log : called with one-line notes (what is being repaired, extracted).
        wait : when another process is writing, wait for it (True, or seconds) instead of failing.

        Raises
        ------
        InputError
            On the first bad record unless ``skip_bad``; when there are no ``inputs`` and no graph yet.
        WorkspaceLockedError
            When another process holds the lock and ``wait`` ran out.
        WorkspaceNotWritableError
            Read-only folder, a file in the way, or no space left (the previous graph stays live).
        UsageError
            An argument of the wrong kind (``skip_bad="no"`` is not False), before anything is read.
        """
        inputs = arguments.paths(inputs)  # a wrong type fails here, before the workspace is touched
        for name, value in (("skip_bad", skip_bad), ("sync_store", sync_store), ("progress", progress)):
            arguments.flag(value, name)
        arguments.flag(overview, "overview", optional=True)
        say = arguments.callback(log, "log") or (lambda msg: None)
        stages.check_pipeline(self.settings)  # a missing spaCy model or a bad gazetteer stops it before any work
        created = not self.path.exists()
        before = None
        try:
            with self.lock("build", wait=wait):
                # read once the lock is held: a curate or undo may have rewritten it while this build waited; a
                # malformed file stops the build before any work
                curation = self.applied_curation()
                for note in self.repair():
                    say(f"repair: {note}")
                before = self.current
                if not inputs and before is None:
                    raise InputError("inputs", None, f"nothing to build: the workspace {self.path} has no graph "
                                     "yet; name input files or folders (graphbuild build FILE... or --demo)")
                return self._build_locked(inputs, format=format, skip_bad=skip_bad, sync_store=sync_store,
                                          overview=overview, progress=progress, say=say, curation=curation)
        except BaseException as exc:
            if created:
                _remove_if_unused(self.path)
            after = self.current
            if isinstance(exc, KeyboardInterrupt) and not exc.args and after is not None and after != before:
                raise KeyboardInterrupt(f"the new build ({after.name}) is complete and live") from None
            raise

    def _build_locked(self, inputs: Iterable[str | os.PathLike], *, format: str | None, skip_bad: bool,
                      sync_store: bool, overview: bool | None, progress: bool,
                      say: Callable[[str], None], curation: list[CurationOp]) -> BuildReport:
        report = BuildReport()
        live = self.current
        commit = generations.Commit(self.path, live)  # the manifest is recorded as the stages run
        try:
            built = self._run_stages(inputs, report, commit, format=format, skip_bad=skip_bad, progress=progress,
                                     say=say, curation=curation)
            G = built.graph
            report.stats = graph_stats(G)
            generations.pause("graph")
            commit.manifest.update(pipeline=built.fingerprint, stats=report.stats, papers=report.papers_total)
            # a graph with new papers differs from the live one (the stages then wrote extractions.jsonl
            # already): graph.json is written and hashed in one pass; otherwise it is hashed first, so
            # that a build changing nothing writes nothing
            one_pass = built.extractions is None
            # hashing (or writing) the graph, writing the papers and making the store's rows take half a
            # minute at 100,000 papers: steps of their own, as the stages before them
            with stage_bar("saving the build", enabled=progress, unit="step") as steps:
                steps("writing graph.json" if one_pass else "hashing the graph", 0, 3)
                digest = commit.write_graph(G) if one_pass else graph_digest(G)  # never held whole
                generations.pause("digest")
                live_manifest = generations.read_manifest(live) if live is not None else {}
                curated = curation_digest(curation)  # an edited curation file makes a new generation
                report.changed = report.changed or \
                    (live_manifest.get("graph_sha256"), live_manifest.get("curation_sha256", "")) != \
                    (digest, curated) or not generations.graph_file_matches(live, digest)  # a damaged one is replaced
                selection = None
                if overview if overview is not None else self.settings.overview:
                    selection = _overview_selection(G, self.settings.max_nodes)
                # papers extracted again (another pipeline fingerprint) into the same graph still make a
                # generation: else its cache keeps the old keys, and every later build extracts them again
                # the records alone may change (a file read again as it was, records moved): kept for the next build
                records_sha = built.records_sha
                write = report.changed or report.extracted > 0 or (sync_store and not generations.store_matches(live)) \
                    or records_sha != live_manifest.get("records_sha256") \
                    or built.results_stale  # a results file missing, of another version or damaged
                if write:
                    steps("writing papers and extractions", 1, 3)
                    if records_sha is not None:
                        commit.manifest["records_sha256"] = records_sha
                    commit.manifest.update(graph_sha256=digest, curation_sha256=curated,
                                           curation=portable_report((report.curation or CurationReport()).to_dict(),
                                                                    self.curation_file, self.path))
                    commit.write(built.papers, built.extractions, None if one_pass else G, built.results)
                    del built  # papers and extractions are on disk now; the store needs the graph alone
                    generations.pause("write")
                    if sync_store:
                        steps("making the store's rows", 2, 3)
                        tables = commit.store_input(G)
                        del G  # the graph is on disk; free it before the store loads the rows
                        _release_memory()
                        generations.pause("tables")
                steps("", 3, 3)
            if write:
                if sync_store:
                    with stage_bar("embedded store", enabled=progress) as bar:
                        report.store = commit.store(tables, generations.paused(bar)).summary()
                    del tables
                commit.finish()
                self._graph = None
            else:
                commit.discard()
                if sync_store:
                    report.store = SyncReport().summary()
        except BaseException:
            commit.discard()  # nothing once the folder is renamed into place
            raise
        report.generation = (self.current or Path("")).name
        if selection is not None:
            report.overview = str(self._write_overview(selection))
        return report

    def _run_stages(self, inputs: Iterable[str | os.PathLike], report: BuildReport, commit: generations.Commit, *,
                    format: str | None, skip_bad: bool, progress: bool, say: Callable[[str], None],
                    curation: list[CurationOp]) -> _Built:
        """Read, merge, extract, resolve, curate, cite and assemble the graph; fills ``report``'s counts.

        The records of the files read (and of files gone from a folder read) replace those the workspace
        kept of them (:func:`graphbuild.stages.reread`), and all records are merged as a fresh build of the
        files would merge them: a paper whose records are all gone leaves (``report.removed``).

        Only what the commit needs is returned: the intermediate records
        (resolution, citations, the files read) are released on return. A build
        with new papers writes ``extractions.jsonl`` into ``commit`` as soon as the
        lines are made (its graph is new: the generation will be written).
        """
        result = stages.read(inputs, format=format, skip_bad=skip_bad, progress=progress)
        report.files, report.papers_read = result.files, len(result.papers)
        report.skipped = [str(e) for e in result.skipped]
        live = self.papers()
        existing = [p for p in live if not p.external]
        if existing:  # a record added with the DOI of a paper of another title is merged into it: say so
            result.warnings = id_conflicts(result.papers, earlier=existing)
        for warning in result.warnings_summary():
            say(warning)
        generations.pause("read")
        kept, repaired = self._kept_records(say, reading=bool(result.paths), papers=existing)
        report.changed = report.changed or repaired  # a generation is written, with the records whole again
        if kept is not None:  # a folder read again no longer holding a file is that file read again empty
            folders = [i for i in inputs if os.path.isdir(i)]
            again = [f for f in result.paths if os.path.isfile(f)]  # a pipe (/dev/stdin, <(…)) only adds
            records = stages.reread(kept, result.papers, [*again, *stages.vanished(kept, folders)])
        else:
            records = None
        del kept
        with stage_bar("merging", enabled=progress, unit="paper") as bar:
            if records is None:  # merged papers from unknown files: the ones read are merged into them
                corpus = stages.merge(result.papers, live, progress=bar)
            else:  # the records of the files as they are now, merged as a fresh build of them would
                corpus = stages.merge([paper for _, paper in records], progress=bar, known={p.id for p in existing})
        del result, live
        # on the disk at once, hashed (not held as text through the stages: 150 MB at 100,000 papers)
        records_sha = None if records is None else commit.write_records(records)
        del records
        papers = corpus.papers
        report.removed = _removed_by_file(existing, papers)
        del existing
        report.papers_total, report.papers_new = len(papers), len(corpus.new_ids)
        generations.pause("merge")
        fingerprint = stages.pipeline_fingerprint(self.settings)
        # a cache: every paper is extracted again, and the new generation written
        cache, damaged = _read_or_repair(self.extractions, dict[str, CachedExtraction](), say,
                                        "extracting every paper again")
        report.changed = report.changed or damaged
        # a paper the curation drops is not extracted: it counts in no casing statistics (a build without it)
        undropped = stages.undropped(papers, curation)
        plan = stages.pending(undropped, fingerprint=fingerprint, cache=cache)
        del cache
        if not plan.todo:
            nlp, gazetteer = None, _gazetteer_only(self.settings)  # nothing to extract: a fast rebuild
        else:
            nlp, gazetteer = stages.load_pipeline(self.settings)
        with stage_bar("extracting", enabled=progress, unit="paper") as bar:
            extracted = stages.extract(undropped, nlp, plan=plan, batch_size=self.settings.batch_size,
                                       n_process=self.settings.n_process, progress=bar)
        del plan
        if extracted.computed:
            say(f"extracted entities from {extracted.computed} paper(s)")
        report.extracted = extracted.computed
        generations.pause("extract")
        extractions: list[str] | None = None

        def after(stage: str) -> None:
            """Between the stages: the extractions written (or kept as text) once resolution is done, and let
            go; the pause points of each stage.
            """
            nonlocal extracted, extractions
            if stage == "resolve":
                if commit.live is None or report.papers_new > 0:  # on the disk before the graph is built
                    commit.write_extractions(generations.iter_extraction_lines(extracted))
                else:
                    extractions = generations.extraction_lines(extracted)  # as text: a third of the memory
                del extracted
            generations.pause(stage)

        # resolve, cite and graph take minutes at 100,000 papers with no count of their own: each is a step
        with stage_bar("building the graph", enabled=progress, unit="step") as steps, \
                stages.workers(self.settings.n_process, len(papers)) as pool:
            # the reported results in the workers while the rest goes on; the papers whose text and entities are
            # as in the live generation are not read again
            known, results_stale = self._result_cache(say)
            built = stages.assemble(papers, extracted, gazetteer, curation, kept=undropped,
                                    path=str(self.curation_file), pool=pool, known=known, progress=steps,
                                    after=after)
        report.curation, report.demoted = built.curation, built.demoted
        return _Built(papers + built.citations.external, extractions, built.graph, fingerprint, records_sha,
                      built.reported.cache_lines(), results_stale)

    def _result_cache(self, say: Callable[[str], None]) -> tuple[dict[str, list[Result]], bool]:
        """The results the live generation's papers reported, by :func:`~graphbuild.reported.results_key`, and
        whether the build writes its file again.

        Empty (every paper is then read for results again, and the file written again) when the live
        generation keeps none, when its file is of another :func:`~graphbuild.reported.results_version`
        (dropped quietly: no damage, but its keys would match no paper), or when it is damaged (said).
        """
        if self.current is None:
            return {}, False

        def read(gen: Path) -> dict[str, list[Result]] | None:
            path = gen / generations.RESULTS
            if _results_version(path) != results_version():
                return None
            return dict(pair for _, pair in _records(path, read_result_line) if pair is not None)

        cache, damaged = _read_or_repair(lambda: self._read_live(read), None, say,
                                         "reading every paper for results again")
        return cache or {}, damaged or cache is None

    def _kept_records(self, say: Callable[[str], None], *, reading: bool,
                      papers: list[Paper]) -> tuple[list[stages.Record] | None, bool]:
        """:meth:`records`, or None (said, when the build reads files) when the live generation keeps merged
        papers alone: the build then merges the files read into those papers; and whether they were damaged,
        and are made again (said: :meth:`_repaired_records`, from the workspace's corpus ``papers``) for the
        build to write whole.
        """
        kept, damaged = _read_or_repair(self.records, None, say,
                                        "its readable records were kept, the rest made again from the input files "
                                        "still there and the workspace's papers, and the file is written whole again")
        if damaged:
            return self._repaired_records(papers), True
        if kept is None and reading:
            say(f"note: {self.path} keeps merged papers, not each file's records (built before they were "
                "kept, or by graphbuild load): a record deleted from a file stays; to drop it, build the files "
                "into a new workspace")
        return kept, False

    def _repaired_records(self, papers: list[Paper]) -> list[stages.Record]:
        """The records of the live generation's damaged :data:`~graphbuild.generations.RECORDS` (a truncated or
        edited line) made again: each line that still reads as a record, then each of the corpus ``papers`` no
        such line gave (by its source, file and line), as merged, a record of the file it was first read from; then
        the records of each of those files still there read again (:func:`_read_again`), as a build from scratch has
        them: a paper merged from two files was filed under the first alone.

        A damaged file was dropped, and the build wrote none: the workspace kept merged papers alone from then
        on, a record deleted from its file staying for good.
        """
        good: list[stages.Record] = []
        with contextlib.suppress(OSError), open(self._require() / generations.RECORDS, "rb") as fh:
            for line in fh:
                with contextlib.suppress(*_DAMAGE):  # UnicodeDecodeError too: a ValueError
                    good.append(_record_of(json.loads(line.decode("utf-8"))))
        given = {paper.source for _, paper in good}
        return _read_again(good, good + stages.records_of(p for p in papers if p.source not in given))

    # ------------------------------------------------------------ stores and pages

    def store_path(self) -> Path:
        """The live generation's embedded store folder (``db`` beside it in older workspaces)."""
        gen = self._require()
        if (gen / generations.DB).is_dir() or not (self.path / generations.DB).is_dir():
            return gen / generations.DB
        return self.path / generations.DB

    def store(self, kind: str = "embedded", **options: Any):
        """A :class:`~graphbuild.stores.base.GraphStore` for this workspace's graph."""
        from .stores import open_store

        return open_store(kind, self.store_path() if kind == "embedded" else None, self.settings, **options)

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              wait: bool | float = False, timeout: float | None = None, **kw_params: Any) -> list[dict[str, Any]]:
        """Run Cypher on the embedded store: ``ws.query("MATCH (p:Paper) RETURN count(p) AS n")``.

        A write query (``write=True``) holds the workspace lock while it runs,
        and marks the live store as no longer matching the graph, so the next
        build writes a fresh one (the graph is what a build keeps). A query
        running past ``timeout`` seconds (None: the ``query_timeout`` setting;
        0: no limit) is stopped with :class:`~graphbuild.errors.QueryTimeoutError`. Parameters go in
        ``params`` or as keywords (``ws.query("... $year ...", year=2020)``); ``$params``, ``$write``, ``$wait``
        and ``$timeout`` go in ``params`` alone, those keywords being the options. :meth:`query_rows` gives the
        rows one at a time instead of in a list.
        """
        with self.query_rows(cypher, params, write=write, wait=wait, timeout=timeout, **kw_params) as rows:
            return list(rows)

    @contextlib.contextmanager
    def query_rows(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
                   wait: bool | float = False, timeout: float | None = None,
                   **kw_params: Any) -> Iterator[Rows]:
        """:meth:`query`, its rows as they come, for a result too large to hold as a list:
        ``with ws.query_rows(cypher) as rows: for row in rows: ...``; ``rows.columns`` names the columns before
        the first row. The store (and, for a write query, the workspace lock) stays held until the ``with`` ends;
        the time limit covers the whole iteration. A write query marks the store changed only when its changes are
        committed (a query that failed, or whose rows were stopped partway, was rolled back); one started while
        another write query's rows are still open here is refused (:func:`~.stores.base.nested_write_error`).
        """
        from .stores.base import nested_write_error, timeout_seconds
        from .stores.embedded import EmbeddedStore, find_write_clause

        limit = timeout_seconds(timeout)
        limit = float(self.settings.query_timeout) if limit is None else limit
        bound = _query_params(cypher, params, kw_params)
        if not arguments.flag(write, "write"):
            store = self._read_live(lambda gen: _read_store(self.store_path()))
            with store, store.rows(cypher, bound, timeout=limit) as rows:
                yield rows
            return
        if self._writing:  # a second writer on the store's file would commit beside the open one
            raise nested_write_error()
        with self.lock("query --write", wait=wait):
            gen = self._require()
            stamp = generations.read_manifest(gen).get("store_graph_sha256")
            generations.mark_store_changed(gen)  # first: a write query killed partway leaves the store to rebuild
            committed = False
            self._writing = True
            try:
                with EmbeddedStore(self.store_path()) as db, db.rows(cypher, bound, write=True, timeout=limit) as rows:
                    yield rows
                    committed = bool(find_write_clause(cypher))  # the rows' block ended: the store commits
            finally:
                self._writing = False
                if stamp is not None and not committed:
                    _restamp_store(gen, stamp)

    def _write_overview(self, selection: Any) -> Path:
        from .viz import render_html

        return render_html(selection, self.path / "overview.html", title=f"graphbuild: {self.path.name}")

    def viz(self, out: str | os.PathLike, *, focus: str | None = None, hops: int = 1,
            cypher: str | None = None, params: dict[str, Any] | None = None,
            types: Iterable[str] | None = None, since: int | None = None,
            max_nodes: int | None = None, title: str | None = None, color: str = "kind",
            timeout: float | None = None) -> Path:
        """Write an interactive page of the graph, a neighbourhood or a query result; returns its path.

        ``color="community"`` fills nodes by their Leiden community instead of their kind; ``timeout``
        limits the ``cypher`` query as :meth:`query` does.
        """
        from .viz import PagePath, node_ids_from_rows, render_html, select_subgraph

        out = arguments.path(out, "out")
        if color not in ("kind", "community"):
            raise UsageError(f"color must be 'kind' or 'community', not {color!r}")
        graph = self.graph()
        node_ids = None
        if cypher:
            node_ids = node_ids_from_rows(graph, self.query(cypher, params or {}, timeout=timeout))
        selection = select_subgraph(graph, focus=focus, hops=hops, node_ids=node_ids,
                                    types=arguments.names(types, "types") or None, since=since,
                                    max_nodes=self.settings.max_nodes if max_nodes is None else max_nodes)
        colouring: dict[str, Any] = {}
        if color == "community":
            from .communities import community_names, node_communities

            colouring = {"communities": node_communities(graph), "community_names": community_names(graph)}
        written = render_html(selection, out, title=title or f"graphbuild: {self.path.name}", **colouring)
        return PagePath(written)  # a Path that Jupyter displays as the page

    def related_index(self, progress: bool = False):
        """The related-work index of the live graph, built once per generation and cached on disk; ``progress``:
        show its building on standard error (as :meth:`build` shows its stages).
        """
        from .related.index import INDEXING
        from .related.workspace import workspace_related_index

        with stage_bar(INDEXING, enabled=progress, unit="step") as steps:
            return workspace_related_index(self.path, self._require(), self.graph, self.settings, steps)


@dataclass(frozen=True, slots=True)
class _Built:
    """What the stages hand to the commit: papers (reference stubs included), the lines of
    ``extractions.jsonl`` (unless written already), the graph and the pipeline fingerprint the
    extractions were made with.
    """

    papers: list[Paper]
    extractions: list[str] | None  # None: written into the commit already
    graph: nx.MultiDiGraph
    fingerprint: str
    records_sha: str | None = None  # records.jsonl's digest (written already); None: the workspace keeps merged
    # papers alone
    results: list[str] | None = None  # the lines of results.jsonl (the results each paper's text reported)
    results_stale: bool = False  # the live results.jsonl is missing, of another version or damaged: written again


def _removed_by_file(before: list[Paper], after: list[Paper]) -> dict[str, int]:
    """How many corpus papers ``before`` held that ``after`` does not (:func:`missing_papers`), per file
    their record was read from.
    """
    removed: dict[str, int] = {}
    for paper in missing_papers(before, after):
        file = source_file(paper) or "its file"
        removed[file] = removed.get(file, 0) + 1
    return removed


def _overview_selection(G: nx.MultiDiGraph, max_nodes: int) -> Any:
    """The part of ``G`` the overview page draws (a small copy: the graph itself can go before the store)."""
    from .viz import select_subgraph

    return select_subgraph(G, max_nodes=max_nodes)


def _read_again(good: list[stages.Record], records: list[stages.Record]) -> list[stages.Record]:
    """``records``, made again from a damaged :data:`~graphbuild.generations.RECORDS` (its readable lines ``good``,
    then the merged papers no such line gave), with the records of each of their files that is still a regular
    file read again (:func:`graphbuild.stages.reread`): a paper read from two files is filed under both, as a
    build from scratch files it, where a merged paper names its first file alone (so a record deleted later
    from that file took the paper with it). A file that no longer reads whole, or no longer gives a record its
    readable lines kept (read with ``--format`` first, say), keeps the records made for it.
    """
    from .ingest import read_papers
    from .records import normalize_title

    incoming: list[Paper] = []
    again: list[str] = []
    # each file as it was named (its records' sources say so), when that still names it: so are their sources
    named = {os.path.abspath(n): n for _, p in records if (n := source_file(p))}
    for file in dict.fromkeys(f for f, _ in records):
        if not file or not os.path.isfile(file) or os.path.realpath(file).startswith(("/dev/", "/proc/")):
            continue  # gone, or a pipe (``/dev/stdin``, ``<(…)``), which must not be read here
        with contextlib.suppress(InputError, OSError):
            result = read_papers([named.get(file, file)], skip_bad=True)
            titles = {normalize_title(p.title) for p in result.papers}
            if result.paths and all(normalize_title(p.title) in titles for f, p in good if f == file):
                incoming.extend(result.papers)
                again.append(file)
    return stages.reread(records, incoming, again)


def _record_of(data: dict[str, Any]) -> stages.Record:
    """A record of :data:`graphbuild.generations.RECORDS` (a line :func:`graphbuild.generations.record_lines` wrote)."""
    return data["file"], Paper.from_dict(data["paper"])


def _gazetteer_only(settings: Settings):
    """The gazetteer the pipeline of ``settings`` would load, without building the pipeline."""
    from .nlp.gazetteer import load_gazetteer
    from .user_gazetteer import effective_gazetteer

    return load_gazetteer(effective_gazetteer(settings.gazetteer))


#: the keywords :meth:`Workspace.query` takes as its own options, never as the Cypher parameters of those names
_QUERY_OPTIONS = ("params", "write", "wait", "timeout")


def _query_params(cypher: Any, params: Any, kw_params: dict[str, Any]) -> Any:
    """The parameters :meth:`Workspace.query` binds: ``params`` and the keyword ones together. A name given both
    ways, or a ``$timeout`` (``$write``, ``$wait``, ``$params``) the query uses that ``params`` leaves out, is a
    :class:`QueryError`: such a keyword is the option of that name (``timeout=5``: a 5 s limit), and the query
    would otherwise fail saying no value was given, or run with the value the caller did not mean.
    Anything but a mapping goes on as given, for the store's check to name it.
    """
    if params is not None and not isinstance(params, Mapping):
        return params
    given = dict(params or {})
    twice = sorted(set(given) & set(kw_params))
    if twice:
        raise QueryError(f"query parameter {', '.join(twice)} given both in params and as a keyword; give each "
                         "once")
    used = query_parameters(cypher) if isinstance(cypher, str) else []
    clash = [name for name in _QUERY_OPTIONS if name in used and name not in given]
    if clash:
        them = "them" if len(clash) > 1 else "it"
        raise QueryError(f"the query uses ${', $'.join(clash)}, but a {clash[0]}= keyword is query()'s own option, "
                         f"not a parameter; pass {them} in params: query(cypher, {{{clash[0]!r}: VALUE}})")
    return {**given, **kw_params}


def _restamp_store(gen: Path, stamp: str) -> None:
    """Stamp ``gen``'s store as holding the graph of SHA-256 ``stamp`` again, as it did before a write query that
    committed nothing (:func:`generations.mark_store_changed` unstamped it first, in case it was killed partway):
    otherwise the next build would write the whole store again, and a rolled-back write cost what a real one does.
    """
    manifest = generations.read_manifest(gen)
    if manifest:
        manifest["store_graph_sha256"] = stamp
        atomic_write_text(gen / "manifest.json", json.dumps(manifest, indent=2) + "\n")


def _read_store(db: Path) -> EmbeddedStore:
    """The embedded store in the folder ``db``, opened read-only; FileNotFoundError when the folder holds no database
    (a writer removed its generation meanwhile), for :meth:`Workspace._read_live` to read the next one. Opened here,
    not by its first query: a build replacing the generation in between made that query fail with "no graph
    database at .../gen-N/db", where the workspace was fine.
    """
    from .stores.embedded import DB_FILE, EmbeddedStore

    store = EmbeddedStore(db, read_only=True)
    try:
        store.open()
    except StoreError:
        if not (db / DB_FILE).is_file():
            raise FileNotFoundError(db) from None
        raise
    return store


def _release_memory() -> None:
    """Free unreachable objects and hand the C heap's free memory back to the system.

    networkx graphs hold reference cycles (their cached views), so freeing one needs a
    collection; glibc keeps freed memory in its heap unless asked (``malloc_trim``), and the
    embedded store allocates through it next. Elsewhere than on glibc the trim is skipped.
    """
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to ask
        pass


def _remove_if_unused(path: Path) -> None:
    """Remove a workspace folder this build created when it failed before holding anything."""
    from .lock import HOLDER_FILE, LOCK_FILE

    with contextlib.suppress(OSError):
        if all(p.name in (LOCK_FILE, HOLDER_FILE) for p in path.iterdir()):
            shutil.rmtree(path)


#: what a damaged file of the live generation raises as it is read back
_DAMAGE = (ValueError, KeyError, TypeError, AttributeError)


class _DamagedFile(WorkspaceError):
    """A file of the live generation that cannot be read back (``damage``: where and what, without the hint)."""

    def __init__(self, damage: str, hint: str):
        super().__init__(f"{damage}; {hint}")
        self.damage = damage


def _read_or_repair(read: Callable[[], _T], fallback: _T, say: Callable[[str], None],
                    instead: str) -> tuple[_T, bool]:
    """``(read(), False)``, or ``(fallback, True)`` when the live file it reads is damaged.

    For the files a build can do without (the caches, the records kept per file): the damage is said
    as ``repair: <where and what>; <instead>``, ``instead`` naming what the build does without the file,
    and the build goes on with ``fallback``.
    """
    try:
        return read(), False
    except _DamagedFile as exc:
        say(f"repair: {exc.damage}; {instead}")
        return fallback, True


def _damaged(path: Path, line: int | None, exc: BaseException) -> _DamagedFile:
    """A file of the live generation that cannot be read back; how to get a readable one.

    A build writes ``graph.json`` and ``manifest.json`` again from the papers, and ``extractions.jsonl`` (a
    cache) by extracting the papers again. ``papers.jsonl`` is the corpus itself: the older generations
    that held it are deleted once a new one is live, and the input files it was merged from may be gone.
    """
    where = f"{path}:{line}" if line else str(path)
    detail = (str(exc).strip() or type(exc).__name__).splitlines()[0]
    if path.name in ("graph.json", "manifest.json"):
        hint = f"run `graphbuild build -w {path.parent.parent}` to write it again"
    elif path.name == "extractions.jsonl":
        hint = f"run `graphbuild build -w {path.parent.parent}` to extract the papers again"
    else:
        hint = "the workspace cannot be read back: build its input files again into a new workspace"
    return _DamagedFile(f"{where}: the live generation is damaged ({type(exc).__name__}: {detail})", hint)


def _read_file(path: Path, read: Callable[[Path], Any]) -> Any:
    try:
        return read(path)
    except _DAMAGE as exc:
        raise _damaged(path, None, exc) from None


def _manifest_of(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise TypeError(f"a JSON {type(data).__name__}, not an object")
    return data


def _results_version(path: Path) -> str | None:
    """The :func:`~graphbuild.reported.results_version` the results file at ``path`` was written with (None: no
    file, or one from before the version was written); a first line that is no JSON object is damage.
    """
    first = next(_records(path, results_version_of), None)  # the rest of the file is not read
    return None if first is None else first[1]


def _records(path: Path, parse: Callable[[dict[str, Any]], Any]) -> Iterator[tuple[int, Any]]:
    """``(line, parse(record))`` for each JSON line of ``path`` (none when it is missing)."""
    if not path.exists():
        return
    n = 0
    try:
        with open(path, "rb") as fh:  # decoded line by line, so that bytes that are no UTF-8 have a line
            for n, line in enumerate(fh, 1):  # noqa: B007 - n names the line in the message
                if line.strip():
                    yield n, parse(json.loads(line.decode("utf-8")))
    except _DAMAGE as exc:  # UnicodeDecodeError too: a ValueError
        raise _damaged(path, n or None, exc) from None
