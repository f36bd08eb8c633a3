"""The ``graphbuild`` command: a thin shell over the Python API.

Every subcommand parses its flags, calls the API and prints. Errors from the
API (bad input, a refused query, an unreachable server) are printed on one
line to standard error with exit status 1; an interruption exits 130 (SIGTERM: 143).

Each module of this package owns a group of subcommands and adds them with
its ``register(sub, common, nlp)``; :data:`COMMAND_MODULES` lists them in the
order ``graphbuild --help`` shows them. Those modules import only what their
flags need: a command imports the API (and spaCy, the stores, ...) when it
runs, so ``--help`` is quick and a Ctrl-C at any moment, even during the first
imports, ends with the one line and status 130.
"""

from __future__ import annotations

import errno
import os
import sys

from .. import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers read it as True)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["main", "make_parser", "COMMAND_MODULES"]

#: Modules of this package that add subcommands, in ``--help`` order.
COMMAND_MODULES = (
    "build",
    "evaluation",
    "train",
    "query",
    "pages",
    "related",
    "expand",
    "curate",
    "insights",
    "leaderboard",
    "neo4j",
    "export",
    "fetch",
    "spark",
)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``graphbuild`` command, with every subcommand."""
    import argparse
    import importlib

    from ..settings import DEFAULT_WORKSPACE

    p = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn research papers into a knowledge graph of methods, models, datasets and citations.",
    )
    p.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-w", "--workspace", help=f"workspace folder (default: ./{DEFAULT_WORKSPACE})")
    common.add_argument("--config", help="settings file (default: ./graphbuild.toml if present)")
    nlp = argparse.ArgumentParser(add_help=False)
    nlp.add_argument("--spacy-model", help="start from an installed spaCy pipeline or a pipeline folder, such as one "
                     "`graphbuild train` wrote (default: blank English)")
    nlp.add_argument("--gazetteer", help="your gazetteer .jsonl: adds to or overrides the shipped entries")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub, common, nlp)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``graphbuild`` command; returns the exit status.

    A Ctrl-C at any moment of the command, its imports included (the package
    imports nothing before this runs), ends with one line and status 130 once
    the command has cleaned up; a second one, while it does, stops the process
    at once (status 130, nothing half-written shows: a build's generation is
    switched atomically or not at all). Run as the program (no ``argv``: it
    reads ``sys.argv``), Ctrl-C is ignored once the command is done, as the
    interpreter shuts down (up to a second after a build): the exit status is
    the command's.
    """
    done = None
    _TERMINATED.clear()
    try:
        done = _interrupt_once(program=argv is None)
        if argv is None:
            _buffered_stdout()
        return _run(argv)
    except KeyboardInterrupt as exc:  # a build says which generation is live; else nothing half-written is left
        word, status = ("terminated", 143) if _TERMINATED else ("interrupted", 130)
        print(f"graphbuild: {word}; {exc.args[0] if exc.args else 'nothing half-written was left'}",
              file=sys.stderr)
        return status
    finally:
        if done is not None:
            done()


def _run(argv: Sequence[str] | None) -> int:
    """Parse ``argv`` and run its command; errors of the API become one line."""
    from ..errors import GraphbuildError, OutputError, no_room, room_or_elsewhere

    args = make_parser().parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()  # a full disk under a redirected output shows here, not at the interpreter's exit
        return status
    except GraphbuildError as exc:
        print(f"graphbuild: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `graphbuild extract … | head`
        _drop_stdout()
        return 0
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRNOS:
            raise
        # a write to the standard output failed (files have names, and their errors are E700 already)
        _drop_stdout()
        advice = room_or_elsewhere(exc.errno)  # (elsewhere: another file or device to redirect it to)
        failed = OutputError(f"cannot write the standard output: {no_room(exc.errno) or exc.strerror}"
                             + (f"; {advice}" if advice else ""), exc.errno)
        print(f"graphbuild: error: {failed}", file=sys.stderr)
        return 1


#: set when the command was stopped by SIGTERM (``kill``, a job scheduler, a container stopping), not Ctrl-C
_TERMINATED: set[int] = set()


def _interrupt_once(program: bool) -> Callable[[], None] | None:
    """Make SIGINT raise KeyboardInterrupt once, then end the process at once; returns what to call when
    the command is done. For the ``program``, SIGTERM does the same (it ended the process with no word and left
    a half-built generation's folder behind), and ends it with status 143.

    That call ignores SIGINT (and puts back SIGTERM's default) from then on for the ``program``, else puts back
    the caller's handler. None outside the main thread, where Python runs no signal handler (and cannot set one).
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def first(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, stop_at_once)
        if program:
            signal.signal(signal.SIGTERM, stop_at_once)
        if signum == signal.SIGTERM:
            _TERMINATED.add(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, first)
    if program:
        signal.signal(signal.SIGTERM, first)
    # None: the handler was set outside Python, and the default is the best that can be put back
    after = signal.SIG_IGN if program else signal.default_int_handler if previous is None else previous

    def done() -> None:
        signal.signal(signal.SIGINT, after)
        if program:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

    return done


def stop_at_once(signum: int, frame: object) -> None:
    """The SIGINT (and SIGTERM) handler after the first signal: the user does not want to wait for the clean-up."""
    import signal

    if signum == signal.SIGTERM:
        os.write(2, b"graphbuild: terminated again; stopped at once\n")
        os._exit(143)
    os.write(2, b"graphbuild: interrupted again; stopped at once\n")
    os._exit(130)


def _buffered_stdout() -> None:
    """Give an unbuffered standard output (``PYTHONUNBUFFERED=1``, ``python -u``: set in many container images)
    a buffer, flushed at each line as before: its text layer writes straight to the file and takes a short
    write (the disk filling up, the file-size limit reached mid-write) as a whole one, so ``graphbuild extract
    > out.jsonl`` could end cut off with status 0; a buffered writer writes the rest, and fails with the cause.
    """
    import io

    stream = sys.stdout
    if type(stream) is io.TextIOWrapper and isinstance(stream.buffer, io.FileIO) and stream.buffer.writable():
        stream.flush()
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(stream.buffer), encoding=stream.encoding,
                                      errors=stream.errors, line_buffering=True)


#: what a failed write to a redirected standard output raises: no space, quota, file too large, I/O error
_OUTPUT_ERRNOS = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO))


def _drop_stdout() -> None:
    """Point the standard output at the null device, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind sys.stdout (a test's capture)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
