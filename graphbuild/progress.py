"""Progress on standard error: one callback signature for every long stage.

A long stage reports through a :data:`Progress` callback, ``progress(stage,
done, total)``, with ``total`` None when it is not known. :func:`stage_bar`
draws one: a tqdm bar on a terminal, otherwise a plain line every few
seconds (and one at the end), so logs of unattended builds show progress too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["Progress", "stage_bar", "no_progress", "say_above"]

#: progress callback: (stage description, done, total or None)
Progress = Callable[[str, int, int | None], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """A :data:`Progress` callback that shows nothing."""


@contextmanager
def stage_bar(desc: str, *, enabled: bool = True, unit: str = "row", stream: TextIO | None = None,
              every: float = 5.0) -> Iterator[Progress]:
    """A :data:`Progress` callback drawing ``desc`` on standard error while the block runs.

    Parameters
    ----------
    desc : what the work is called until the first callback names its stage.
    enabled : False gives :func:`no_progress`.
    unit : what is counted (``paper``, ``row``).
    stream : where to draw (standard error by default).
    every : seconds between plain lines when the stream is not a terminal; the last
        line is drawn when the block ends, unless it ends with an error (a terminal's
        bar is cleared either way).
    """
    if not enabled:
        yield no_progress
        return
    out = stream or sys.stderr
    if out.isatty():
        with _tqdm_progress(desc, unit, out) as bar:
            yield bar
        return
    at, line, shown = time.monotonic(), "", ""

    def progress(stage: str, done: int, total: int | None) -> None:
        nonlocal at, line, shown
        line = f"{stage or desc}: {done}" + (f"/{total}" if total else "") + f" {unit}s"
        now = time.monotonic()
        if now - at >= every:
            at, shown = now, line
            print(line, file=out, flush=True)

    yield progress  # an error in the block leaves it: its one line is not preceded by a progress line
    if line != shown:
        print(line, file=out, flush=True)


def say_above(line: str, stream: TextIO | None = None) -> None:
    """Print ``line`` on standard error (or ``stream``) above the progress bars a terminal is showing, which are drawn
    again below it: printed as is, it ran into the bar's line ("fetch s2: 40 papers [00:03]fetch: /works: HTTP
    429; asking again in 120 s"). Elsewhere (a log, a pipe) it is printed as is.
    """
    out = stream or sys.stderr
    if "tqdm" in sys.modules and out.isatty():  # (a bar is drawn with tqdm, imported when the first one is)
        from tqdm import tqdm

        tqdm.write(line, file=out)
        out.flush()
    else:
        print(line, file=out, flush=True)


@contextmanager
def _tqdm_progress(desc: str, unit: str, out: TextIO) -> Iterator[Progress]:
    from tqdm import tqdm

    bar = tqdm(desc=desc, unit=unit, file=out, leave=False)
    shown = desc

    def progress(stage: str, done: int, total: int | None) -> None:
        nonlocal shown
        bar.total = total
        if (stage or desc) != shown:  # a new stage is drawn at once
            shown = stage or desc
            bar.n = done
            bar.set_description(shown)
        else:  # tqdm redraws at most every ``mininterval`` (a callback per paper must not redraw per paper)
            bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()
