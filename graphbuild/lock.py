"""The workspace's writer lock: one writer at a time, readers never wait.

Every command that writes a workspace holds :class:`WorkspaceLock` for the
whole write. The lock is an OS file lock (``filelock``) on
``<workspace>/.graphbuild.lock``, so it is released when its process dies,
even by SIGKILL; who holds it (process id, host, command, start time) is
written beside it in ``.graphbuild.lock.json`` so a second writer can say
whom it is waiting for.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import time
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from . import arguments
from .errors import (
    OutputError,
    WorkspaceLockedError,
    WorkspaceNotWritableError,
    no_room,
    room_advice,
    unpaired_surrogate,
)
from .fsutil import atomic_write_text

__all__ = ["WorkspaceLock", "FileWriteLock", "LOCK_FILE", "HOLDER_FILE", "writer"]

LOCK_FILE = ".graphbuild.lock"
HOLDER_FILE = ".graphbuild.lock.json"


class WorkspaceLock:
    """Exclusive write access to a workspace folder.

    Parameters
    ----------
    path : the workspace folder (created if missing).
    command : what the holder is doing, shown to a writer that has to wait.
    wait : False fails at once when another process holds the lock, True
        waits for it, a number waits that many seconds.

    Raises
    ------
    WorkspaceLockedError
        (on entry) another process holds the lock and ``wait`` ran out.
    WorkspaceNotWritableError
        (on entry) the folder cannot be created or written.

    Examples
    --------
    >>> import tempfile
    >>> with WorkspaceLock(tempfile.mkdtemp(), "example") as lock:
    ...     lock.held
    True
    """

    def __init__(self, path: str | os.PathLike, command: str, *, wait: bool | float = False):
        self.path = Path(path)
        self.command = command
        self.wait = arguments.seconds(wait)
        self._lock: FileLock | None = None
        self._lock_file, self._holder_file = self.path / LOCK_FILE, self.path / HOLDER_FILE

    def _busy(self) -> str:
        return f"workspace {self.path} is being written by {self.holder()}"

    def _prepare(self) -> None:
        _make_folder(self.path)

    def _cannot(self, exc: OSError | OutputError) -> str:
        return _not_writable(self.path, exc)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._lock is not None and self._lock.is_locked

    def holder(self) -> str:
        """Who holds the lock, as recorded by the holder (a best effort for messages)."""
        return _recorded_holder(self._holder_file)[0] or "another graphbuild process"

    def acquire(self) -> WorkspaceLock:
        """Take the lock (see the class parameters for waiting)."""
        self._prepare()
        timeout = -1 if self.wait is True else (0 if self.wait is False else float(self.wait))
        lock = FileLock(self._lock_file, timeout=timeout, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise WorkspaceLockedError(f"{self._busy()}; wait for it to finish, or pass --wait to queue behind it") \
                from None
        except OSError as exc:
            raise WorkspaceNotWritableError(self._cannot(exc)) from None
        self._lock = lock
        try:
            atomic_write_text(self._holder_file, json.dumps({
                "pid": os.getpid(), "host": socket.gethostname(), "command": self.command,
                "started": time.time()}) + "\n")
        except (OSError, OutputError) as exc:  # (the atomic write says "choose another place": not for a workspace)
            self.release()
            raise WorkspaceNotWritableError(self._cannot(exc)) from None
        return self

    def release(self) -> None:
        """Give the lock up (the holder file first, so nobody is named who no longer holds it)."""
        if self._lock is None:
            return
        try:
            self._holder_file.unlink(missing_ok=True)
        except OSError:
            pass
        self._lock.release()
        self._lock = None

    def __enter__(self) -> WorkspaceLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def _recorded_holder(path: Path) -> tuple[str, dict]:
    """(``"`graphbuild build ...` (pid N on HOST, since T)"``, the record) of the holder file ``path``, or
    ``("", {})`` when there is none or it cannot be read.
    """
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        started = time.strftime("%H:%M:%S UTC", time.gmtime(float(info["started"])))
        return f"`graphbuild {info['command']}` (pid {info['pid']} on {info['host']}, since {started})", info
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return "", {}


def writer(path: str | os.PathLike) -> str:
    """Who is writing workspace ``path`` now, as :meth:`WorkspaceLock.holder` says it, or ``""``: a holder file
    whose process on this machine is gone (a writer killed with SIGKILL leaves its file) names nobody. For
    messages only: a reader never takes the lock to find out (a writer starting then would be refused).
    """
    said, info = _recorded_holder(Path(path) / HOLDER_FILE)
    if said and info.get("host") == socket.gethostname():
        try:
            pid = int(info["pid"])
            if pid <= 0:  # (0 and -1 signal groups of processes, not one)
                return ""
            os.kill(pid, 0)
        except ProcessLookupError:
            return ""
        except (PermissionError, ValueError, TypeError, OverflowError):  # another user's process; a bad pid
            pass
    return said


class FileWriteLock(WorkspaceLock):
    """Exclusive write access to one file that several workspaces may share (a curation file named by their
    settings), held beside it as ``.NAME.lock`` (its holder in ``.NAME.lock.json``): each workspace's own lock
    keeps out only that workspace's writers. The folder is not created; ``what``: the file's kind, for messages.

    >>> import pathlib, tempfile
    >>> shared = pathlib.Path(tempfile.mkdtemp()) / "curation.jsonl"
    >>> with FileWriteLock(shared, "curate", what="curation file") as lock:
    ...     lock.held, sorted(p.name for p in shared.parent.iterdir())
    (True, ['.curation.jsonl.lock', '.curation.jsonl.lock.json'])
    """

    def __init__(self, path: str | os.PathLike, command: str, *, wait: bool | float = False, what: str = "file"):
        super().__init__(path, command, wait=wait)
        self.what = what
        self._lock_file = self.path.with_name(f".{self.path.name}.lock")
        self._holder_file = self.path.with_name(f".{self.path.name}.lock.json")

    def _busy(self) -> str:
        return f"{self.what} {self.path} is being written by {self.holder()}"

    def _prepare(self) -> None:
        pass

    def _cannot(self, exc: OSError | OutputError) -> str:
        if no_room(exc.errno):
            return f"cannot lock {self.what} {self.path}: {no_room(exc.errno)}; {room_advice(exc.errno)} and try again"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return (f"cannot lock {self.what} {self.path}: its folder is read-only ({_why(exc)}); "
                    "it must be writable to be changed")
        return f"cannot lock {self.what} {self.path}: {_why(exc)}"


def _make_folder(path: Path) -> None:
    not_utf8 = unpaired_surrogate(os.path.abspath(path))
    if not_utf8:  # the embedded store takes UTF-8 paths only: the build failed at its end with a traceback
        raise WorkspaceNotWritableError(f"workspace {path}: its path {not_utf8} (the embedded store cannot open "
                                        "it: rename the folder, or write another workspace with -w)")
    if path.exists() and not path.is_dir():
        raise WorkspaceNotWritableError(f"workspace {path} is a file, not a folder; "
                                        "pass -w with a folder path (new or an existing workspace)")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceNotWritableError(_not_writable(path, exc)) from None


def _not_writable(path: Path, exc: OSError | OutputError) -> str:
    if no_room(exc.errno):  # a full disk, a used-up quota or the file-size limit: each freed its own way
        return f"cannot write workspace {path}: {no_room(exc.errno)}; {room_advice(exc.errno)} and try again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"workspace {path} is read-only ({_why(exc)}); build into a folder you can write "
                "(-w), or copy the workspace first")
    return f"cannot write workspace {path}: {_why(exc)}"


def _why(exc: OSError | OutputError) -> str:
    """The system's words for a failed write (an :class:`OutputError` has none of its own: its errno's)."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return os.strerror(exc.errno) if exc.errno else exc.detail
