"""Progress on standard error: bars on a terminal, a plain line every few seconds otherwise.

Logs of long jobs (stderr redirected to a file or a pipe) must show they are
alive, so when standard error is not a terminal the bars are replaced by
:class:`LineProgress`, which writes ``desc: n/total unit (rate/s)`` lines.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator

from .stores.base import Progress

__all__ = ["count_bar", "stage_bar", "LineProgress"]


class LineProgress:
    """A counter that writes one line every ``interval`` seconds (for logs, not terminals).

    Parameters
    ----------
    total : the number of items expected, or ``None`` when unknown.
    desc : what is being counted, printed first.
    unit : the item's name.
    interval : seconds between lines.
    stream : where lines go (standard error by default).
    """

    def __init__(self, total: int | None, desc: str, unit: str = "item", *, interval: float = 5.0,
                 stream=None):
        self.total, self.desc, self.unit, self.interval = total, desc, unit, interval
        self.stream = stream if stream is not None else sys.stderr
        self.n = 0
        self._start = self._last = time.monotonic()

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._write(now)

    def set_description(self, desc: str) -> None:
        self.desc = desc

    def refresh(self) -> None:
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._write(now)

    def _write(self, now: float) -> None:
        rate = self.n / max(now - self._start, 1e-9)
        of = f"/{self.total:,}" if self.total else ""
        print(f"{self.desc}: {self.n:,}{of} {self.unit}s ({rate:,.0f}/s)", file=self.stream, flush=True)

    def close(self) -> None:
        pass


def _is_terminal() -> bool:
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def count_bar(total: int | None, desc: str, unit: str = "paper"):
    """A tqdm bar counting items (a :class:`LineProgress` when stderr is no terminal);
    call ``.update(n)`` and ``.close()``."""
    if not _is_terminal():
        return LineProgress(total, desc, unit)
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None, leave=False)


@contextmanager
def stage_bar(desc: str, *, enabled: bool = True) -> Iterator[Progress | None]:
    """A ``progress(stage, done, total)`` callback for store syncs, drawing one bar per stage."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(desc=desc, unit="row", file=sys.stderr, disable=None, leave=False) if _is_terminal() \
        else LineProgress(None, desc, "row")

    def progress(stage: str, done: int, total: int) -> None:
        bar.set_description(stage)
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield progress
    finally:
        bar.close()
