"""Progress bars on standard error (shown only on a terminal)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator

from .stores.base import Progress

__all__ = ["count_bar", "stage_bar"]


def count_bar(total: int, desc: str, unit: str = "paper"):
    """A tqdm bar counting items; call ``.update(n)`` and ``.close()``."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=None, leave=False)


@contextmanager
def stage_bar(desc: str, *, enabled: bool = True) -> Iterator[Progress | None]:
    """A ``progress(stage, done, total)`` callback for store syncs, drawing one bar per stage."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(desc=desc, unit="row", file=sys.stderr, disable=None, leave=False)

    def progress(stage: str, done: int, total: int) -> None:
        bar.set_description(stage)
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield progress
    finally:
        bar.close()
