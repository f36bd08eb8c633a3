"""Locate files shipped with graphbuild: the query library, viz templates, data.

In a wheel, ``queries/`` and ``viz/`` are installed as ``graphbuild/_data/``;
in a source checkout (editable install) they sit beside the package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir", "data_path"]

_PKG = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The directory of a shipped resource folder: ``queries`` or ``viz``."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"graphbuild resource folder {name!r} is missing from the installation")


def data_path(*parts: str) -> Path:
    """A file under ``graphbuild/data`` (gazetteer, demo corpus)."""
    return _PKG.joinpath("data", *parts)
