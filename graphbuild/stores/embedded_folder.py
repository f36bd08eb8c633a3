"""The embedded store's folder: its files, and replacing it whole (a rebuilt database is swapped in).

A rebuild writes ``.<name>.building-PID`` beside the store folder and swaps it
in with two renames (:func:`graphbuild.fsutil.swap_in_folder`: the old folder goes
to ``.<name>.old-PID`` meanwhile); :func:`recover` undoes what a killed process
left between them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import StoreError
from ..fsutil import pid_alive

__all__ = ["DB_FILE", "MANIFEST_FILE", "recover", "check_folder"]

DB_FILE = "graph.lbdb"
MANIFEST_FILE = "manifest.json"


def recover(target: Path) -> None:
    """Undo a swap interrupted between its two renames; drop dead build folders."""
    parent = target.parent
    if not parent.is_dir():
        return
    for entry in parent.glob(f".{target.name}.*-*"):
        kind, _, pid = entry.name[len(target.name) + 2:].partition("-")
        if kind not in ("old", "building") or not pid.isdigit() or pid_alive(int(pid)):
            continue
        if kind == "old" and not target.exists():
            os.rename(entry, target)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def check_folder(target: Path) -> None:
    """Refuse a store path that is a file, or a folder holding anything but a graphbuild database."""
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target} is a file, not a database folder; pass a folder path for the embedded store")
    if target.is_dir():
        foreign = [p.name for p in target.iterdir()
                   if p.name != MANIFEST_FILE and not p.name.startswith(DB_FILE)]
        if foreign:
            shown = ", ".join(sorted(foreign)[:3])
            raise StoreError(f"{target} holds files that are not a graphbuild database ({shown}); "
                             "choose an empty or dedicated folder for the embedded store")
