"""A workspace's generations: naming, committing one, and repairing what a killed writer left.

A generation is a folder ``gen-NNNNNN`` (exactly six digits) holding a whole
build: ``papers.jsonl``, ``records.jsonl``, ``extractions.jsonl``, ``graph.json``, ``db/`` (its
embedded store) and ``manifest.json`` (written last). :class:`Commit` writes a
new one as ``.gen-NNNNNN.tmp-PID``, renames it into place and switches
``CURRENT``; only then are older generations deleted. Nothing else in a
workspace folder is ever deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import networkx as nx

from . import stages
from .errors import OutputError, StoreError, WorkspaceNotWritableError, no_room, room_advice
from .fsutil import atomic_write_text, fsync_dir, pause, write_chunks
from .graph import graph_columns, graph_json_chunks, graph_to_tables
from .progress import Progress
from .records import CachedExtraction, Extraction, Paper
from .schema import GraphTables
from .stores.base import SyncReport
from .stores.embedded_rows import GraphFrames, graph_frames

__all__ = ["GENERATION_RE", "TEMP_GENERATION_RE", "DB", "RECORDS", "RESULTS", "Commit", "MANIFEST_FIELDS",
           "extraction_lines", "record_lines", "json_line", "iter_extraction_lines", "cached_extraction", "plain",
           "generations", "read_manifest", "store_matches", "mark_store_changed", "repair", "pause"]

#: the only folder names a workspace deletes: its own generations and their temporary folders
GENERATION_RE = re.compile(r"^gen-(\d{6})$")
TEMP_GENERATION_RE = re.compile(r"^\.gen-(\d{6})\.tmp-(\d+)$")
#: the embedded store's folder inside a generation (and, in older workspaces, beside them)
DB = "db"
#: the folder of a new generation holding its store's tables as Parquet files until they are loaded
SPILL = ".store-tables"
#: the file of a generation holding every record of the workspace's input files as read, with its file:
#: a build re-merges them with the records of the files it reads again (:func:`graphbuild.stages.reread`)
RECORDS = "records.jsonl"
#: the file of a generation holding the results each paper's text reported, by what they depend on
#: (:func:`graphbuild.reported.results_key`): the next build reads only the papers whose key changed
RESULTS = "results.jsonl"


def generations(root: Path) -> list[Path]:
    """The generation folders of a workspace, oldest first."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if GENERATION_RE.match(p.name) and p.is_dir())


def repair(root: Path, live: Path | None) -> list[str]:
    """Undo what a killed writer left behind (call with the workspace lock held); returns what was done.

    Removes temporary generation folders and generations other than the live
    one; points ``CURRENT`` at the newest complete generation when ``live``
    is None; checkpoints the live store when a killed write left its
    write-ahead log pending.
    """
    done: list[str] = []
    if not root.is_dir():
        return done
    for entry in sorted(root.iterdir()):
        if TEMP_GENERATION_RE.match(entry.name) and entry.is_dir():
            shutil.rmtree(entry)
            done.append(f"removed the unfinished generation {entry.name}")
    if live is None:
        complete = [g for g in generations(root) if (g / "manifest.json").is_file()]
        if complete:
            live = complete[-1]
            atomic_write_text(root / "CURRENT", live.name + "\n")
            done.append(f"pointed CURRENT at {live.name}")
    for gen in generations(root):
        if live is None or gen.name != live.name:
            shutil.rmtree(gen)
            done.append(f"removed generation {gen.name} (not live)")
    if live is not None and _wal(live / DB).exists():
        from .stores.embedded import EmbeddedStore

        with contextlib.suppress(StoreError), EmbeddedStore(live / DB) as db:
            db.checkpoint()
            done.append(f"checkpointed the store of {live.name}")
    return done


#: what every generation's manifest records (:meth:`Commit.finish` refuses a manifest without them)
MANIFEST_FIELDS = ("graph_sha256", "pipeline", "stats", "papers")


class Commit:
    """One new generation, written beside the live one and switched in last.

    Call :meth:`write`, then :meth:`store` (optional), then :meth:`finish`.
    Any failure before ``CURRENT`` is switched removes the new folder and
    leaves the live generation as it was.

    Parameters
    ----------
    root : the workspace folder (holding the lock).
    live : the live generation, or None in a new workspace.
    manifest : the new generation's manifest fields known now (``graph_sha256``, ``pipeline``,
        ``stats``, ``papers``: :data:`MANIFEST_FIELDS`); a build records them as its stages
        learn them, and :meth:`finish` refuses a manifest that lacks one.
    """

    def __init__(self, root: Path, live: Path | None, **manifest: Any):
        matches = (GENERATION_RE.match(g.name) for g in root.iterdir())
        number = max((int(m.group(1)) for m in matches if m), default=0) + 1
        self.root, self.live = root, live
        self.gen = root / f"gen-{number:06d}"
        self.tmp = root / f".gen-{number:06d}.tmp-{os.getpid()}"
        self.manifest: dict[str, Any] = dict(manifest)

    def _kept(self) -> str:
        """What a failed build leaves readers: the live generation, or (a first build) nothing at all."""
        return f"the workspace still holds {self.live.name}" if self.live else "the workspace is still empty"

    @contextlib.contextmanager
    def _guard(self, what: str, folder: Path | None = None) -> Iterator[None]:
        """Remove the unfinished generation ``folder`` on any failure; file-system errors become one line."""
        try:
            yield
        except BaseException as exc:
            shutil.rmtree(folder or self.tmp, ignore_errors=True)
            kept = self._kept()
            if isinstance(exc, KeyboardInterrupt):
                raise KeyboardInterrupt(f"{kept}: CURRENT was not switched") from None
            if isinstance(exc, (OSError, OutputError)):
                reason = no_room(exc.errno) or getattr(exc, "strerror", None) or str(exc)
                advice = room_advice(exc.errno) or "free space or fix permissions"  # a limit needs no space freed
                raise WorkspaceNotWritableError(
                    f"{what} {(folder or self.tmp).name} in {self.root} failed: {reason}; {kept} "
                    f"(CURRENT was not switched); {advice} and build again") from None
            raise

    def write_graph(self, G: nx.MultiDiGraph) -> str:
        """Write ``graph.json`` into the temporary folder, hashing it as it is written.

        One pass over the graph gives both the file and its digest (the SHA-256
        of :func:`graphbuild.graph.graph_json`), which the manifest records. A
        build whose graph turns out unchanged drops the folder (:meth:`discard`).

        Returns
        -------
        str
            The graph's digest.
        """
        h = hashlib.sha256()
        with self._guard("writing generation"):
            self.tmp.mkdir(exist_ok=self._started())
            write_chunks(self.tmp / "graph.json", _hashed((c.encode("utf-8") for c in graph_json_chunks(G)), h),
                         binary=True)
        self.manifest["graph_sha256"] = h.hexdigest()
        return self.manifest["graph_sha256"]

    def discard(self) -> None:
        """Remove the unfinished folder (a build that found nothing to change)."""
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _started(self) -> bool:
        """Whether the temporary folder holds a file written ahead of the others (records, extractions)."""
        return (self.tmp / "extractions.jsonl").is_file() or (self.tmp / RECORDS).is_file()

    def write_records(self, records: Iterable[stages.Record]) -> str:
        """Write :data:`RECORDS` into the temporary folder as soon as the records are merged (at 100k papers
        their text is some 150 MB the build need not hold), hashing it as it is written; returns its SHA-256,
        which the manifest records (a build whose records and graph are unchanged drops the folder).
        """
        h = hashlib.sha256()
        with self._guard("writing generation"):
            self.tmp.mkdir(exist_ok=True)
            write_chunks(self.tmp / RECORDS, _hashed((line.encode("utf-8") for line in record_lines(records)), h),
                         binary=True)
        return h.hexdigest()

    def write_extractions(self, lines: Iterable[str]) -> None:
        """Write ``extractions.jsonl`` into the temporary folder ahead of the other files.

        For a build whose graph is new anyway: the lines (:func:`extraction_lines`) go to the
        disk as they are made instead of staying in memory through the graph stage (at 100k
        papers ~0.25 GB of text). :meth:`write` then leaves the file as it is.
        """
        with self._guard("writing generation"):
            self.tmp.mkdir(exist_ok=True)
            write_chunks(self.tmp / "extractions.jsonl", lines)

    def write(self, papers: list[Paper], extractions: list[str] | None, G: nx.MultiDiGraph | None = None,
              results: list[str] | None = None) -> None:
        """Write the generation's files into its temporary folder.

        ``extractions`` are the lines of ``extractions.jsonl`` (:func:`extraction_lines`; None:
        :meth:`write_extractions` wrote them); the graph is written piece by piece
        (:func:`graphbuild.graph.graph_json_chunks`), unless ``G`` is None (:meth:`write_graph`
        wrote it already); ``results`` are the lines of :data:`RESULTS`
        (:meth:`graphbuild.reported.ReportedLater.cache_lines`; None: no such file). :data:`RECORDS` is
        written ahead (:meth:`write_records`), when the build knows each file's records.
        """
        with self._guard("writing generation"):
            self.tmp.mkdir(exist_ok=G is None or extractions is None or self._started())
            write_chunks(self.tmp / "papers.jsonl", (json_line(plain(p), p.source) for p in papers))
            if results is not None:
                write_chunks(self.tmp / RESULTS, results)
            if extractions is not None:
                write_chunks(self.tmp / "extractions.jsonl", extractions)
            if G is not None:
                write_chunks(self.tmp / "graph.json", graph_json_chunks(G))

    def store_input(self, G: nx.MultiDiGraph) -> GraphTables | GraphFrames:
        """What :meth:`store` needs of ``G``: its row tables when a live store will be diffed against,
        its Arrow tables (no per-row Python objects: the caller can free the graph and its memory
        before the database loads) when the store is written from scratch.
        """
        if _seed_store(self.root, self.live) is not None:
            return graph_to_tables(G)
        spill = self.tmp / SPILL
        with self._guard("writing the store tables of generation"):
            spill.mkdir(exist_ok=True)
            return graph_frames(graph_columns(G), spill=spill)  # one table in memory at a time

    def store(self, tables: GraphTables | GraphFrames, progress: Progress) -> SyncReport:
        """Sync and checkpoint the generation's store, starting from a copy of the live one.

        The row lists of ``tables`` (or its Arrow tables) are consumed as the store reads them.
        """
        with self._guard("writing the store of generation"):
            seed = _seed_store(self.root, self.live)
            if seed is not None:
                (self.tmp / DB).mkdir()
                for f in seed:
                    shutil.copy2(f, self.tmp / DB / f.name)
            try:
                report = stages.store(tables, self.tmp / DB, progress=progress, consume=True)
            except StoreError as exc:
                raise StoreError(f"{exc.detail}; {self._kept()}") from None
            finally:
                shutil.rmtree(self.tmp / SPILL, ignore_errors=True)  # the tables' files, once loaded
            self.manifest["store_graph_sha256"] = self.manifest["graph_sha256"]
            return report

    def finish(self) -> None:
        """Seal the folder, rename it into place, switch ``CURRENT``, then delete older generations."""
        missing = [name for name in MANIFEST_FIELDS if name not in self.manifest]
        if missing:  # a caller's mistake, never the user's: no generation without what readers rely on
            self.discard()
            raise ValueError(f"the manifest of {self.gen.name} lacks {', '.join(missing)}; nothing was switched")
        with self._guard("writing generation"):
            atomic_write_text(self.tmp / "manifest.json", json.dumps(self.manifest, indent=2) + "\n")
            fsync_dir(self.tmp)
            pause("rename")
            os.rename(self.tmp, self.gen)
        try:
            pause("switch")
            atomic_write_text(self.root / "CURRENT", self.gen.name + "\n")
        except BaseException:
            if _current_name(self.root) != self.gen.name:  # not switched: the new folder must go
                with self._guard("switching CURRENT to", self.gen):
                    raise
            raise
        pause("cleanup")
        for old in generations(self.root):
            if old.name != self.gen.name:
                shutil.rmtree(old, ignore_errors=True)
        legacy = self.root / DB
        if _is_graphbuild_store(legacy):
            shutil.rmtree(legacy, ignore_errors=True)


def record_lines(records: Iterable[stages.Record]) -> Iterator[str]:
    """The lines of a generation's :data:`RECORDS`: each record of the workspace's input files, with its file."""
    return (json_line({"file": file, "paper": plain(paper)}, file, paper.source) for file, paper in records)


#: a lone surrogate: how Python holds the bytes of a file name that are not UTF-8 (``os.fsdecode``)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_line(value: Any, *names: str | None) -> str:
    r"""``value`` as one line of JSON, its text as UTF-8 would have it; with ``\u`` escapes instead when one
    of ``names`` (the file names it holds) has a lone surrogate, which UTF-8 cannot write (a file named in
    Latin-1 stopped a build with a traceback) and ``json.loads`` gives back as it was.

    >>> json_line({"file": "caf\udce9.bib"}, "caf\udce9.bib")
    '{"file": "caf\\udce9.bib"}\n'
    """
    escape = any(name and _LONE_SURROGATE.search(name) for name in names)
    return json.dumps(value, ensure_ascii=escape) + "\n"


def extraction_lines(extracted: stages.Extracted) -> list[str]:
    """The lines of a generation's ``extractions.jsonl``, sorted by paper id.

    A build turns its extractions into these lines as soon as resolution no
    longer needs them: as text they take about a third of the memory of the
    extraction records (at 100k papers, ~0.2 GB instead of ~0.55 GB); a build
    with new papers writes them at once instead (:func:`iter_extraction_lines`,
    :meth:`Commit.write_extractions`).
    """
    return list(iter_extraction_lines(extracted))


def iter_extraction_lines(extracted: stages.Extracted) -> Iterator[str]:
    """The lines of :func:`extraction_lines`, one at a time."""
    for pid, c in sorted(extracted.by_paper.items()):
        yield json.dumps({"paper_id": pid, "fingerprint": c.key, "extraction": plain(c.extraction)},
                         ensure_ascii=False) + "\n"


def cached_extraction(data: dict[str, Any]) -> tuple[str, CachedExtraction]:
    """``(paper id, cached extraction)`` of one line of ``extractions.jsonl`` read as JSON (as
    :func:`iter_extraction_lines` writes it).
    """
    return data["paper_id"], CachedExtraction(data["fingerprint"], Extraction.from_dict(data["extraction"]))


def plain(value: Any) -> Any:
    """A record as JSON-ready values: the JSON text of ``dataclasses.asdict(value)``, several times faster.

    ``asdict`` deep-copies every string and number on the way; a record's
    JSON needs none of that. Dataclasses become dicts (fields in order),
    lists and tuples lists, dicts dicts; other values are returned as they are.

    >>> from graphbuild.records import Paper
    >>> plain(Paper(title="A", authors=("B. C.",)))["authors"]
    ['B. C.']
    """
    kind = type(value)
    if kind is str or value is None or kind is int or kind is float or kind is bool:
        return value
    if hasattr(kind, "__dataclass_fields__"):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if kind is dict:
        return {k: plain(v) for k, v in value.items()}
    return value


def _hashed(chunks: Iterable[bytes], h: Any) -> Iterator[bytes]:
    """The chunks, each added to the hash ``h`` on the way."""
    for chunk in chunks:
        h.update(chunk)
        yield chunk


def _seed_store(root: Path, live: Path | None) -> list[Path] | None:
    """The database files to copy into a new generation (None: load it from scratch)."""
    from .stores.embedded import DB_FILE, MANIFEST_FILE

    for db in ([live / DB] if live is not None else []) + [root / DB]:
        if _is_graphbuild_store(db) and (db / DB_FILE).is_file() and not _wal(db).exists():
            return [db / DB_FILE, db / MANIFEST_FILE]
    return None


def _is_graphbuild_store(db: Path) -> bool:
    from .stores.embedded import MANIFEST_FILE

    try:
        return json.loads((db / MANIFEST_FILE).read_text(encoding="utf-8")).get("format") == "graphbuild-embedded"
    except (OSError, ValueError, AttributeError):
        return False


def _wal(db: Path) -> Path:
    from .stores.embedded import DB_FILE

    return db / f"{DB_FILE}.wal"


def store_matches(gen: Path | None) -> bool:
    """Whether ``gen`` has a complete store of its own graph."""
    if gen is None:
        return False
    from .stores.embedded import DB_FILE

    manifest = read_manifest(gen)
    stamped = manifest.get("graph_sha256") is not None and \
        manifest.get("store_graph_sha256") == manifest.get("graph_sha256")
    return stamped and (gen / DB / DB_FILE).is_file() and not _wal(gen / DB).exists()


def _current_name(root: Path) -> str | None:
    try:
        return (root / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None


def mark_store_changed(gen: Path) -> None:
    """Record that ``gen``'s store may no longer hold exactly its graph (before a write query)."""
    manifest = read_manifest(gen)
    if manifest.pop("store_graph_sha256", None) is not None:
        atomic_write_text(gen / "manifest.json", json.dumps(manifest, indent=2) + "\n")


def read_manifest(gen: Path | None) -> dict[str, Any]:
    """A generation's ``manifest.json`` ({} when missing or unreadable)."""
    try:
        data = json.loads((gen / "manifest.json").read_text(encoding="utf-8")) if gen else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def graph_file_matches(gen: Path | None, digest: str) -> bool:
    """Whether ``gen/graph.json`` is the graph of SHA-256 ``digest`` byte for byte (a damaged file is not)."""
    if gen is None:
        return False
    sha = hashlib.sha256()
    try:
        with open(gen / "graph.json", "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                sha.update(block)
    except OSError:
        return False
    return sha.hexdigest() == digest


def paused(progress: Progress) -> Progress:
    """A store progress callback that also offers the ``sync`` and ``checkpoint`` pause points."""
    def step(stage: str, done: int, total: int | None) -> None:
        progress(stage, done, total)
        if stage == "checkpointing" and done == 0:
            pause("checkpoint")
        elif stage != "checkpointing" and not stage.startswith("reading") and done:
            pause("sync")

    return step


