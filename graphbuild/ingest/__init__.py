"""Readers: files in, :class:`~graphbuild.records.Paper` records out.

Every reader is a generator ``read(path) -> Iterator[Paper | InputError]``:
it yields a Paper per good record and an :class:`InputError` (naming the file
and the line the record starts on) per bad one, so that one bad record never
hides the rest. A file that cannot be read at all raises ``InputError``.
:func:`read_papers` decides: stop at the first bad record, or skip and count
(``skip_bad``).

Formats are detected from the extension, then from the content
(:func:`detect_format`); ``format=`` forces one.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import arguments
from ..errors import InputError, warning_line
from ..fsutil import path_kind
from ..records import Paper
from .checks import guarded, id_conflicts
from .fields import cannot_read, collecting_warnings, read_input_bytes, warn

__all__ = ["FORMATS", "ReadResult", "detect_format", "expand_inputs", "folder_without_inputs", "missing_input",
           "read_file", "read_papers", "reader_extensions", "register", "skipped_lines", "skipped_whole",
           "warning_lines"]

ReaderFn = Callable[[Path], Iterator["Paper | InputError"]]
SniffFn = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    read: ReaderFn
    extensions: tuple[str, ...] = ()
    sniff: SniffFn | None = None  # looks at the first 64 KiB of text
    priority: int = 50  # lower is tried first when sniffing
    #: the generic formats this one is written in (Semantic Scholar's and OpenAlex's records are JSON): a file
    #: read with ``--format json`` that this format's sniffer claims is read by this reader, ids and all
    written_in: tuple[str, ...] = ()


#: name -> Format, filled by :func:`register` from the reader modules below.
FORMATS: dict[str, Format] = {}


def register(name: str, read: ReaderFn, *, extensions: Iterable[str] = (), sniff: SniffFn | None = None,
             priority: int = 50, written_in: Iterable[str] = ()) -> None:
    """Add a reader to :data:`FORMATS` under ``name`` (extensions and ``sniff`` pick it for a file; ``written_in``
    names the generic formats whose forced reading of such a file it takes over).
    """
    FORMATS[name] = Format(name, read, tuple(extensions), sniff, priority, tuple(written_in))


@dataclass(slots=True)
class ReadResult:
    """What :func:`read_papers` found: the papers, the skipped records with their errors, files read, warnings.

    ``record_warnings`` name the records kept without a part of them (a reference whose DOI is not one), each
    by file and line; ``warnings`` the records that share an id but not a title (:func:`~.checks.id_conflicts`).
    """

    papers: list[Paper] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    files: int = 0
    warnings: list[str] = field(default_factory=list)
    record_warnings: list[str] = field(default_factory=list)
    #: the files read whole (a file skipped whole is not among them), as named or found in a named folder
    paths: list[str] = field(default_factory=list)

    def skipped_summary(self, limit: int = 20) -> list[str]:
        """Lines saying how many records were skipped and why (the first ``limit``); empty if none."""
        return skipped_lines(self.skipped, limit)

    def warnings_summary(self, limit: int = 20) -> list[str]:
        """The first ``limit`` warnings (the records' own first), and a line counting the rest.

        A filled-down id column warns per row.
        """
        return warning_lines(self.record_warnings + self.warnings, limit)


#: how many skipped records a report names, one line each (the rest are counted)
SKIPPED_SHOWN = 20


def skipped_lines(skipped: Sequence[object], limit: int = SKIPPED_SHOWN, total: int | None = None) -> list[str]:
    """How many records were skipped and why (the first ``limit`` reasons, one per line); empty if none.

    ``total``: how many were skipped, when ``skipped`` holds only the first of them.
    """
    total = len(skipped) if total is None else total
    if not total:
        return []
    shown = skipped[:limit]
    lines = [f"skipped {total} bad record(s):", *(f"  {e}" for e in shown)]
    if total > len(shown):
        lines.append(f"  … and {total - len(shown)} more")
    return lines


def warning_lines(warnings: Sequence[str], limit: int = SKIPPED_SHOWN, total: int | None = None) -> list[str]:
    """The first ``limit`` of ``warnings`` and a line counting the rest (``total``: how many there are, when
    ``warnings`` holds only the first of them, as the Spark build collects them).
    """
    total = len(warnings) if total is None else total
    shown = list(warnings[:limit])
    rest = total - len(shown)
    return shown + ([f"warning: … and {rest} more like these"] if rest > 0 else [])


def detect_format(path: Path) -> str:
    """Pick a format: content sniffers first (they are specific), then the extension."""
    raw = read_input_bytes(path, 65536, wide=True)
    head = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    sniffers = sorted((f for f in FORMATS.values() if f.sniff), key=lambda f: f.priority)
    # 1. specific content (Semantic Scholar, OpenAlex, arXiv, Daily Papers, BibTeX)
    for fmt in sniffers:
        if fmt.priority < 50 and _sniff(fmt, head):
            return fmt.name
    # 2. the extension, longest match first (".s2.jsonl" before ".jsonl")
    suffixes = "".join(path.suffixes).lower().removesuffix(".gz")  # "papers.jsonl.gz" reads as "papers.jsonl"
    by_ext = [(len(ext), fmt.name) for fmt in FORMATS.values() for ext in fmt.extensions if suffixes.endswith(ext)]
    if by_ext:
        return max(by_ext)[1]
    # 3. generic content (JSON, JSON Lines, CSV)
    for fmt in sniffers:
        if fmt.priority >= 50 and _sniff(fmt, head):
            return fmt.name
    raise InputError(path, None, "cannot tell the format from the name or content; pass --format "
                     + "|".join(sorted(FORMATS)) + " (--input-format on `graphbuild extract`)")


def _sniff(fmt: Format, head: str) -> bool:
    """Whether ``fmt`` claims ``head``; a sniffer that chokes on it (deep nesting, say) does not."""
    try:
        return bool(fmt.sniff and fmt.sniff(head))
    except (RecursionError, ValueError):
        return False


def read_file(path: Path, format: str | None = None) -> Iterator[Paper | InputError]:
    """The records of one file, each checked by :func:`~graphbuild.ingest.checks.check_paper`."""
    path = Path(path)
    kind = path_kind(path, lambda exc: cannot_read(path, exc))  # a name too long for the system
    if kind is None:
        raise missing_input(path)
    if kind == "dir":
        raise folder_without_inputs(path, "graphbuild reads", [*reader_extensions(), "each also gzipped"],
                                    "name its files, with --format when their names do not tell the format")
    if format is None and kind != "file":
        # a pipe (``<(cat x.jsonl)``, /dev/stdin) can be read once: sniffing it would leave nothing to read
        raise InputError(path, None, "is not a regular file (a pipe or a device), which can be read only once; "
                                     "pass --format (--input-format on `graphbuild extract`) to name its format, "
                                     "or save it to a file")
    name = format.strip().lower() if format else detect_format(path)  # --format S2 is s2, as --type takes any case
    if name not in FORMATS:
        raise InputError(path, None, f"unknown format {format or name!r}; choose one of {', '.join(sorted(FORMATS))}")
    if format and kind == "file":
        name = _specific_format(path, name)
    return guarded(path, FORMATS[name].read(path))


def _specific_format(path: Path, name: str) -> str:
    """The format to read ``path`` with when ``--format`` forced the generic ``name``: a format written in it
    whose sniffer claims the content (``--format json`` on a Semantic Scholar API answer reads it as one, so
    its ``paperId`` and ``externalIds`` are kept), else ``name``.
    """
    specific = sorted((f for f in FORMATS.values() if name in f.written_in and f.sniff), key=lambda f: f.priority)
    if not specific:
        return name
    head = read_input_bytes(path, 65536, wide=True).decode("utf-8", errors="replace").lstrip("\ufeff")
    return next((f.name for f in specific if _sniff(f, head)), name)


def missing_input(path: Path) -> InputError:
    """The error of an input path that names nothing."""
    if path.is_symlink():
        return InputError(path, None, "is a symbolic link to nothing (its target is missing, or links "
                                      "lead back to it in a loop)")
    # "-" is a file name here, as everywhere in graphbuild: standard input is read as /dev/stdin
    return InputError(path, None, "no such file" + (" (give standard input as /dev/stdin)" if str(path) == "-" else ""))


def folder_without_inputs(path: Path, reader: str, extensions: Iterable[str], advice: str) -> InputError:
    """The error of an input folder holding no file ``reader`` (``"graphbuild reads"``) reads, by ``extensions``."""
    return InputError(path, None, f"is a folder without any file {reader} ({', '.join(extensions)}); {advice}")


def skipped_whole(error: InputError, what: str = "file") -> InputError:
    """``error`` of an input left out whole (``what``: ``file`` or ``folder``), as a skipped-records report names it."""
    return InputError(error.path, error.line, f"{error.message} (the whole {what} was skipped)")


def read_papers(paths: str | os.PathLike | Iterable[str | os.PathLike], *, format: str | None = None,
                skip_bad: bool = False, progress: bool = False) -> ReadResult:
    """Read every file (``paths``: one path, or any iterable of them); raise the first bad record unless ``skip_bad``.

    With ``skip_bad`` a bad record is skipped and counted, and so is a file
    that cannot be read at all (its records are all left out). Directories
    are expanded to the files inside them, and inside their subfolders, that
    have a known extension (hidden ones and graphbuild workspaces are passed
    over); a subfolder that cannot be listed is a bad file.
    Papers are returned in file order; merging duplicates is the job of
    :func:`graphbuild.ingest.merge.merge_papers`. Records that share a DOI,
    an arXiv id or an id but not a title are listed in ``warnings``. With ``progress``, records
    read are counted on standard error (:func:`graphbuild.progress.stage_bar`).
    """
    from ..progress import stage_bar

    result = ReadResult()
    with stage_bar("reading", enabled=progress, unit="record") as report, \
            collecting_warnings() as result.record_warnings:
        done = 0
        empty = 0
        for path in expand_inputs(arguments.paths(paths)):
            result.files += 1
            papers: list[Paper] = []
            skipped: list[InputError] = []
            try:
                if isinstance(path, InputError):  # a folder inside a named one that cannot be listed
                    raise path
                items = 0
                for item in read_file(path, format):
                    items += 1
                    done += 1
                    report("reading", done, None)
                    if isinstance(item, InputError):
                        if not skip_bad:
                            raise item
                        skipped.append(item)
                    else:
                        papers.append(item)
            except InputError as exc:
                if not skip_bad:
                    raise
                result.skipped.append(skipped_whole(exc, "folder" if isinstance(path, InputError) else "file"))
                continue
            if not items:  # read as if it held papers: "read 0 papers" said nothing of the file
                empty += 1
                warn(path, None, no_paper_read(path))
            result.papers.extend(papers)
            result.skipped.extend(skipped)
            result.paths.append(str(path))
    result.warnings.extend(id_conflicts(result.papers))
    if empty and empty == result.files:
        result.warnings.append(every_input_empty(empty))
    return result


def no_paper_read(path: Path) -> str:
    """The warning's message for an input file read without a record nor a fault in it (empty, blank lines)."""
    return f"{_no_records(path)}: no paper was read from it"


def every_input_empty(count: int) -> str:
    """The warning line for when each of the ``count`` input files is one :func:`no_paper_read` names."""
    return warning_line(None, None, f"every input file is empty ({count} file{'s' if count > 1 else ''}): "
                                    "no paper was read; give the files that hold the papers")


def _no_records(path: Path) -> str:
    """What a file no reader found a record in (nor a fault: those raise) holds: nothing, or only blank lines."""
    try:
        if path.stat().st_size == 0:
            return "is empty (0 bytes)"
        if path.is_file() and not read_input_bytes(path, 65536, wide=True).strip():
            return "holds no paper records (only blank lines)"
    except (OSError, InputError):  # gone since, or a pipe read already: say no more than what is sure
        pass
    return "holds no paper records"


def reader_extensions(gzipped: bool = False) -> list[str]:
    """The file name endings of the formats graphbuild reads, sorted; with ``gzipped``, each also followed by
    ``.gz`` (``.jsonl.gz``), as a folder is searched for them.
    """
    return sorted({ext + gz for fmt in FORMATS.values() for ext in fmt.extensions for gz in ("", ".gz")[:1 + gzipped]})


def expand_inputs(paths: Iterable[str | Path], extensions: Iterable[str] | None = None) -> Iterator[Path | InputError]:
    """Each path; a folder becomes its files whose names end in one of ``extensions`` (default: the readers'),
    or itself when it has none (an error).

    Folders are walked with the folders they hold, symbolic links to folders
    included (each real folder once, so a link loop ends). Hidden files and
    folders (``.git``, ``.venv``) and graphbuild workspaces inside are passed
    over: ``graphbuild build .`` must not read its own workspace. A folder that
    cannot be listed is an :class:`InputError` in its place, never left out
    without a word; so is a workspace named as an input. An entry that is
    neither file nor folder (a link to nothing, a link loop, a pipe) or a link
    to a folder already walked is left out with a warning (:func:`.fields.warn`).
    """
    known = tuple(reader_extensions(gzipped=True) if extensions is None else extensions)
    walked: set[tuple[int, int]] = set()  # the folders read, shared by every named path
    read: dict[tuple[int, int], Path] = {}  # each regular file read -> the name it was read by
    for raw in paths:
        path = Path(raw)
        folder = path_kind(path) == "dir"  # a name too long is no folder (the reader says what it is)
        if folder and _is_workspace(path):
            yield InputError(path, None, "is a graphbuild workspace, not a folder of papers; name it with -w "
                                         "to add to it, or name the files it was built from")
        elif folder and _identity(path) in walked:
            warn(path, None, "is a folder read already; read once")
        elif folder:
            found = list(_walk(path, known, walked))
            yield from [item for item in found if _first_reading(item, read)] if found else [path]
        elif _first_reading(path, read):
            yield path


def _first_reading(item: Path | InputError, read: dict[tuple[int, int], Path]) -> bool:
    """Whether ``item`` is to be read: not a regular file ``read`` holds (by device and inode, so a second name,
    a link or a folder holding it is the same file), which is said in one warning line naming it; ``item`` is
    added to ``read``. An error, a pipe or a name that is no file is always passed on (its reader says what).
    """
    if isinstance(item, InputError):
        return True
    try:
        info = os.stat(item)
    except (OSError, ValueError):
        return True
    if not stat.S_ISREG(info.st_mode):
        return True
    first = read.setdefault((info.st_dev, info.st_ino), item)
    if first is item:
        return True
    warn(item, None, "is a file read already" + ("" if str(first) == str(item) else f" (as {str(first)!r})")
         + "; read once")
    return False


def _is_workspace(folder: Path) -> bool:
    """Whether ``folder`` is a graphbuild workspace (it has the writers' lock file or a ``CURRENT`` pointer)."""
    from ..lock import LOCK_FILE

    return (folder / LOCK_FILE).exists() or (folder / "CURRENT").is_file()


def _walk(folder: Path, known: tuple[str, ...], seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    """The files under ``folder`` whose names end in one of ``known``, sorted by path; unreadable folders as errors."""
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        children = sorted(folder.iterdir())
    except OSError as exc:
        yield InputError(folder, None, f"cannot read folder: {exc.strerror}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            if _identity(child) in seen:
                warn(child, None, "is a symbolic link to a folder already read (a loop, or a second way in); "
                                  "skipped" if child.is_symlink() else "is a folder read already; read once")
            elif not _is_workspace(child):
                yield from _walk(child, known, seen)
        elif child.is_file():
            if "".join(child.suffixes).lower().endswith(known):
                yield child
        else:
            warn(child, None, f"{_not_a_file(child)}; skipped")


def _identity(path: Path) -> tuple[int, int]:
    """The (device, inode) of what ``path`` leads to: one real folder, however it is reached."""
    info = path.stat()
    return info.st_dev, info.st_ino


def _not_a_file(path: Path) -> str:
    """Why an entry of a folder that is neither a folder nor a file is not read: a link to nothing, a link loop,
    a named pipe, a socket or a device (a build would hang on a pipe or a device, so none is opened).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link in a loop (it leads back to itself)"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"is a symbolic link to nothing (its target {os.readlink(path)!r} is missing)"
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is a device, not a file" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "is not a regular file"


def _register_builtin() -> None:
    # Each reader module calls register() at import; import order sets no priority.
    from . import (
        bibtex,  # noqa: F401
        daily,  # noqa: F401
        json_csv,  # noqa: F401  (json, jsonl, csv)
        metadata,  # noqa: F401  (Semantic Scholar, OpenAlex, arXiv Atom)
    )


_register_builtin()
