"""Checks of the arguments the Python API is called with, so a wrong type is one coded line.

The CLI parses its values before calling the API; a library user passes them
as they are, and a ``str`` where a list of paths is expected would otherwise be
read character by character (``build("papers.jsonl")`` reading files ``p``,
``a``, ...). Each function returns the value in the form the code uses, or
raises :class:`~graphbuild.errors.UsageError` naming the argument.

>>> paths("papers.jsonl")
[PosixPath('papers.jsonl')]
>>> names("Method", "types")
['Method']
>>> whole("2", "hops")
Traceback (most recent call last):
graphbuild.errors.UsageError: [E710] hops must be a whole number, not str ('2')
>>> flag("no", "skip_bad")
Traceback (most recent call last):
graphbuild.errors.UsageError: [E710] skip_bad must be True or False, not str ('no')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .errors import UsageError, nul_character, shortened

__all__ = ["path", "paths", "names", "text", "whole", "seconds", "flag", "callback", "settings"]


def _shown(value: object) -> str:
    return f"{type(value).__name__} ({shortened(repr(value), 40)})"


def path(value: object, what: str) -> Path:
    """``value`` (a ``str`` or :class:`os.PathLike` naming a path) as a :class:`~pathlib.Path`."""
    if isinstance(value, (str, os.PathLike)):
        name = os.fspath(value)
        if isinstance(name, str):
            problem = nul_character(name)
            if problem:
                raise UsageError(f"{what} {name!r} {problem}")
            return Path(name)
    raise UsageError(f"{what} must be a path (a str or pathlib.Path), not {_shown(value)}")


def paths(value: object, what: str = "inputs") -> list[Path]:
    """One path, or an iterable of them, as a list of paths; ``None`` is none."""
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [path(value, what)]
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        raise UsageError(f"{what} must be a path or a list of paths (str or pathlib.Path), not {_shown(value)}")
    return [path(item, f"{what}[{n}]") for n, item in enumerate(value)]


def names(value: object, what: str) -> list[str] | None:
    """One name, or an iterable of names, as a list; ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable) or isinstance(value, (bytes, bytearray)):
        raise UsageError(f"{what} must be a name or a list of names, not {_shown(value)}")
    out = list(value)
    for n, item in enumerate(out):
        if not isinstance(item, str):
            raise UsageError(f"{what}[{n}] must be a name (a str), not {_shown(item)}")
    return out


def text(value: object, what: str, *, optional: bool = False) -> str | None:
    """``value`` when it is a ``str`` (or ``None``, when ``optional``): a title, a name or a draft's text.

    >>> text(5, "title")
    Traceback (most recent call last):
    graphbuild.errors.UsageError: [E710] title must be text (a str), not int (5)
    """
    if isinstance(value, str) or (optional and value is None):
        return value
    raise UsageError(f"{what} must be text (a str{' or None' if optional else ''}), not {_shown(value)}")


def whole(value: object, what: str, minimum: int | None = None) -> int:
    """``value`` when it is a whole number (``True`` and ``2.0`` are not), and at least ``minimum`` when one is
    given (a count such as ``k=-1`` would otherwise quietly mean none, or fail deep inside as a ValueError).

    >>> whole(-1, "k", minimum=0)
    Traceback (most recent call last):
    graphbuild.errors.UsageError: [E710] k must be 0 or more, not -1
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if minimum is not None and value < minimum:
            raise UsageError(f"{what} must be {minimum} or more, not {value}")
        return value
    raise UsageError(f"{what} must be a whole number, not {_shown(value)}")


def flag(value: object, what: str, *, optional: bool = False) -> bool | None:
    """``value`` when it is ``True`` or ``False`` (or ``None``, when ``optional``): a truthy ``"no"`` must not
    turn on what it names (``write="no"`` allowing a write).
    """
    if isinstance(value, bool) or (optional and value is None):
        return value
    raise UsageError(f"{what} must be True{', False or None' if optional else ' or False'}, not {_shown(value)}")


def callback(value: object, what: str) -> Callable[..., Any] | None:
    """``value`` when it can be called (or ``None``)."""
    if value is None or callable(value):
        return value
    raise UsageError(f"{what} must be a function (or None), not {_shown(value)}")


def seconds(value: object, what: str = "wait") -> bool | float:
    """A wait: ``True`` (as long as it takes), ``False`` (not at all) or a number of seconds, 0 or more."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value >= 0:  # NaN fails the comparison
        return float(value)
    raise UsageError(f"{what} must be True, False or a number of seconds (0 or more), not {_shown(value)}")


def settings(value: object) -> Any:
    """``value`` when it is a :class:`~graphbuild.settings.Settings` (or ``None``): a dict of settings is not one."""
    from .settings import Settings

    if value is None or isinstance(value, Settings):
        return value
    raise UsageError(f"settings must be a graphbuild.Settings (Settings(max_nodes=...) or load_settings(...)), "
                     f"not {type(value).__name__}")
