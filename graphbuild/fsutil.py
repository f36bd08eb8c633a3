"""Atomic file writes (readers see the old file or the new one, never half of one), the user's cache folder, and
what is at a path (without the ``OSError`` that ``Path.exists`` raises for a name too long for the system).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import OutputError, no_room, room_or_elsewhere

__all__ = ["atomic_output", "atomic_write_text", "write_chunks", "fsync_dir", "cache_dir", "path_kind",
           "sibling", "clear_leftovers", "fresh_temp_folder", "swap_in_folder", "pid_alive", "pause",
           "file_in_the_way", "output_error", "cannot_write"]

#: test hook: a build or an export sleeps at this point (a stage name, "sync", "rename", "export", ...)
PAUSE_ENV = "GRAPHBUILD_TEST_PAUSE_AT"
#: what ``Path.exists`` reads as "nothing there" rather than raising
_NOTHING_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def path_kind(path: str | os.PathLike[str], cannot: Callable[[OSError], Exception] | None = None) -> str | None:
    """What is at ``path``, following links: ``"dir"``, ``"file"``, ``"other"`` (a pipe, a device), or None.

    A name the system cannot look up (too long for it, a folder on the way that cannot be read) is None too,
    as :func:`os.path.exists` reads it, so the open or mkdir that follows names the problem. With ``cannot``,
    that name raises ``cannot(error)`` instead: the caller's one coded line, where ``Path.exists`` and
    ``Path.is_dir`` raised the ``OSError`` itself.

    >>> path_kind("."), path_kind("no/such/file"), path_kind("a" * 300)
    ('dir', None, None)
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if cannot is None or exc.errno in _NOTHING_THERE:
            return None
        raise cannot(exc) from None
    except ValueError:  # a NUL in the name
        if cannot is None:
            return None
        raise
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) and descriptor_of(path) is None else "other"


#: a path naming an open descriptor of a process: "/proc/self/fd/1", "/proc/4242/fd/3" (``/dev/stdout`` and
#: ``/dev/fd/N`` are links to such a path)
_DESCRIPTOR = re.compile(r"/proc/(self|\d+)/fd/(\d+)")


def open_stream(path: str | os.PathLike[str], *, binary: bool = False) -> IO[Any]:
    """Open a pipe, a device or a descriptor's path (:func:`descriptor_of`) for writing, as a shell's ``>`` does:
    text (UTF-8, LF line ends) or ``binary``. A descriptor of this process is written through (a copy of)
    itself, on from where the shell left its file (``>> log``), where opening its path anew would start it over.
    """
    fd = descriptor_of(path)
    target: Any = path if fd is None else os.dup(fd)
    return open(target, "wb") if binary else open(target, "w", encoding="utf-8", newline="\n")


def descriptor_of(path: str | os.PathLike[str]) -> int | None:
    """The descriptor of this process that ``path`` names (``/dev/stdout``: 1; ``/dev/fd/3``, ``/proc/self/fd/3``:
    3), following links, or None. Such a path is a stream, even when the descriptor is a file the shell opened
    (``> out.html``, ``>> log``): a file renamed over it would replace ``/dev/stdout`` itself, and opening it anew
    would start the file over; it is written through the descriptor.

    >>> descriptor_of("/dev/stdout"), descriptor_of("/dev/fd/2"), descriptor_of("out.html")
    (1, 2, None)
    """
    at = os.path.abspath(path)
    for _ in range(40):  # (the system's own limit on links followed)
        at = os.path.join(os.path.realpath(os.path.dirname(at)), os.path.basename(at))
        m = _DESCRIPTOR.fullmatch(at)
        if m is not None:
            pid, fd = m.groups()
            return int(fd) if pid == "self" or int(pid) == os.getpid() else None
        if not os.path.islink(at):
            return None
        at = os.path.join(os.path.dirname(at), os.readlink(at))
    return None


def cache_dir(*parts: str) -> Path:
    """Graphbuild's folder ``parts`` in the user's cache: ``$XDG_CACHE_HOME/graphbuild/…`` (``~/.cache`` by default)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "graphbuild", *parts)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(path: str | os.PathLike, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path`` for writing text (``binary``: bytes); rename it into place
    on success.

    On any exception (including ``KeyboardInterrupt``) the temporary file is
    removed and ``path`` is left as it was. A symbolic link is followed: its file is replaced, the link kept.
    The new file gets the usual
    permissions (0666 less the umask), not ``mkstemp``'s 0600. A device or a
    pipe (``/dev/null``, ``/dev/stdout``) is written in place: there is nothing
    to replace atomically, and renaming over it would replace the device.
    """
    path = Path(path)
    kind = path_kind(path)
    if kind == "dir":  # (a name too long for the system: mkstemp says so below)
        raise output_error(path, errno.EISDIR, old=None)
    if kind == "other":
        # a device or a pipe ("-o /dev/null", "/dev/stdout", a FIFO): written in place, as a shell's ">" writes it;
        # a temporary file renamed over it would replace the device itself with a file
        try:
            with open_stream(path, binary=binary) as fh:
                yield fh
        except BrokenPipeError:  # `-o /dev/stdout | head`: the reader has what it wanted, as for any output
            raise
        except OSError as exc:
            raise cannot_write(path, exc) from None
        return
    try:
        if path.is_symlink():  # (a curation file kept in a repository): the file it leads to is written, as ">"
            path = Path(os.path.realpath(path))  # writes it; renamed over, the link became a copy, never updated
        path.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(path)  # the temporary files of writers killed before (they piled up, hidden, for good)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-{os.getpid()}.", dir=path.parent)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        opened: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with opened as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
        raise


def file_in_the_way(path: str | os.PathLike[str]) -> Path | None:
    """The first folder on the way to ``path`` that is a file (or a device) instead, or None.

    Making the folders of ``/etc/passwd/out/x.html`` fails with "File exists" (or "Not a directory"
    further down), which reads as if ``x.html`` were there; this names ``/etc/passwd``.

    >>> file_in_the_way(__file__ + "/out/x.html") == Path(__file__)
    True
    """
    for folder in reversed(Path(path).parents):
        kind = path_kind(folder)
        if kind is None:
            return None
        if kind != "dir":
            return folder
    return None


def output_error(path: str | os.PathLike[str], code: int | None, why: str = "", *, old: str | None = "file",
                 advice: str = "") -> OutputError:
    """The one line of an output (a file, a folder of files, a device) that could not be written, in one wording
    for every writer (:func:`atomic_output`, the exports, the Spark job): ``cannot write PATH: REASON; ADVICE (the
    old OLD, if any, is unchanged)``. Three writers worded one failure three ways ("cannot write to x: Read-only
    file system; choose a writable output folder" beside "cannot write x: its folder is read-only; choose another
    place"), and one gave advice that did not fit ("check free space and permissions" for a name too long).

    ``code`` is the failure's ``errno`` and ``why`` the system's words for it (``OSError.strerror``), the reason
    when none of these reads it better: a file where a folder on the way to ``path`` should be, a lack of room
    (:func:`~graphbuild.errors.no_room`, with the advice that frees it), ``path`` itself a file where a folder is
    written or a folder where a file is, a name too long, a read-only folder. ``old`` names what stays as it was
    (None: nothing does, as for a device or a file in the place of a folder); ``advice`` is the caller's, in place
    of the one of the cause.

    >>> print(output_error("x.html", errno.EROFS, "Read-only file system"))
    [E700] cannot write x.html: its folder is read-only; choose another place (the old file, if any, is unchanged)
    >>> print(output_error("a" * 9, errno.ENAMETOOLONG, "File name too long", old=None))
    [E700] cannot write aaaaaaaaa: the name is too long for the system; give a shorter name
    """
    path = Path(path)
    in_the_way = file_in_the_way(path) if code in (errno.EEXIST, errno.ENOTDIR) else None
    fits = "choose another place"
    if in_the_way is not None:
        why = f"{in_the_way} is a file, not a folder"
    elif no_room(code):  # (another place does not help against the file-size limit: its advice is the only one)
        why, fits, advice = no_room(code), room_or_elsewhere(code), ""
    elif code in (errno.EEXIST, errno.ENOTDIR) and path_kind(path) not in (None, "dir"):
        why, fits, old = "it is a file, not a folder", "name a folder", None  # (no old output is there)
    elif code == errno.EISDIR:
        why, fits, old = "it is a folder", "name a file", None
    elif code == errno.ENAMETOOLONG:
        why, fits = "the name is too long for the system", "give a shorter name"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "its folder is read-only"
    unchanged = f" (the old {old}, if any, is unchanged)" if old else ""
    return OutputError(f"cannot write {path}: {why or os.strerror(code or 0)}; {advice or fits}{unchanged}", code)


def cannot_write(path: str | os.PathLike[str], exc: OSError, *, old: str | None = "file",
                 advice: str = "") -> OutputError:
    """:func:`output_error` of the ``OSError`` ``exc``."""
    return output_error(path, exc.errno, exc.strerror or str(exc), old=old, advice=advice)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_output(path) as fh:
        fh.write(text)


def write_chunks(path: str | os.PathLike, chunks: Iterable[str] | Iterable[bytes], *, binary: bool = False) -> None:
    """Write text chunks (``binary``: bytes) to a new file and flush them to the disk (for files
    inside a folder that is itself renamed into place, so no temporary file of their own is needed).
    """
    opened: IO[Any] = open(path, "xb") if binary else open(path, "x", encoding="utf-8", newline="\n")
    with opened as fh:
        for chunk in chunks:
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())


def fsync_dir(path: str | os.PathLike) -> None:
    """Flush a folder's entries (new and renamed files) to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sibling(path: Path, kind: str) -> Path:
    """The name of this process's ``kind`` (``tmp`` or ``old``) copy of ``path``, beside it: ``.NAME.KIND-PID``."""
    return path.with_name(f".{path.name}.{kind}-{os.getpid()}")


#: the process id that begins the rest of a leftover's name: "4242" of ``.NAME.tmp-4242`` (a folder's) and of
#: ``.NAME.tmp-4242.x8f3k`` (:func:`atomic_output`'s file)
_LEFT_BY = re.compile(r"(\d+)(?:\.[^.]+)?")


def clear_leftovers(path: Path) -> None:
    """Remove the temporary and old copies of ``path`` that a killed writer left beside it
    (``.NAME.tmp-PID``, ``.NAME.tmp-PID.XXXX`` and ``.NAME.old-PID`` of a process that no longer runs; folders
    or files).
    """
    for prefix in (f".{path.name}.tmp-", f".{path.name}.old-"):
        for left in path.parent.glob(glob.escape(prefix) + "*"):
            m = _LEFT_BY.fullmatch(left.name[len(prefix):])
            pid = int(m.group(1)) if m else None
            if pid is not None and pid != os.getpid() and not pid_alive(pid):
                if left.is_dir() and not left.is_symlink():
                    shutil.rmtree(left, ignore_errors=True)
                else:
                    left.unlink(missing_ok=True)


def fresh_temp_folder(path: Path) -> Path:
    """The empty temporary folder of this process ``.NAME.tmp-PID`` beside ``path``, to fill and then
    :func:`swap_in_folder` (or place otherwise); what killed writers left beside ``path`` is cleared first.

    The parent of ``path`` must exist (``FileNotFoundError`` otherwise). The caller removes the folder
    when it is done with it, whether or not the write succeeded.
    """
    tmp = sibling(path, "tmp")
    clear_leftovers(path)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def swap_in_folder(tmp: Path, folder: Path) -> None:
    """Put the finished folder ``tmp`` in the place of ``folder``, whole.

    A reader sees the old folder, then (for the moment between two renames) none, then the new one: never a
    mix of their files. The old folder moves aside to ``.NAME.old-PID`` and is removed; a writer killed in
    between leaves it there for :func:`clear_leftovers` of the next write. When the second rename fails the
    old folder is moved back.
    """
    old = sibling(folder, "old")
    try:
        os.replace(folder, old)
        moved = True
    except FileNotFoundError:
        moved = False
    try:
        os.replace(tmp, folder)
    except BaseException:
        if moved:
            with contextlib.suppress(OSError):
                os.replace(old, folder)
        raise
    if moved:
        shutil.rmtree(old, ignore_errors=True)


def pause(point: str) -> None:
    """Test hook: with ``GRAPHBUILD_TEST_PAUSE_AT=point``, say so on stderr and sleep (to be killed)."""
    if os.environ.get(PAUSE_ENV) == point:
        print(f"graphbuild: test pause at {point}", file=sys.stderr, flush=True)
        time.sleep(300)
