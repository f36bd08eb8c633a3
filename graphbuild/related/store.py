"""Save and load a related-work index as arrays (.npz) and JSON: data, never code.

Each part of the index is a frozen dataclass. Its stored fields are numpy
arrays, CSR matrices (kept as their three arrays), or JSON values (strings,
numbers, lists of strings). Fields declared ``init=False`` are derived again
on load; fields marked ``metadata={"shared": ...}`` are handed in by the
caller (the corpus every signal reads). Arrays are read with
``allow_pickle=False``, so a file from elsewhere cannot run code.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import scipy.sparse as sp

from ..fsutil import fresh_temp_folder, swap_in_folder

__all__ = ["dump_part", "load_part", "write_folder", "read_folder", "FORMAT", "UNREADABLE"]

#: what reading a damaged or foreign index can raise (it is then rebuilt, never trusted)
UNREADABLE = (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile)

#: bump when the stored layout changes; an index of another format is rebuilt
FORMAT = 5  # 5: Corpus.paper_other_ids

T = TypeVar("T")


def dump_part(obj: Any, prefix: str, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """Put ``obj``'s arrays into ``arrays`` (keys ``prefix.field``); return its JSON part."""
    meta: dict[str, Any] = {}
    for f in fields(obj):
        if not f.init or "shared" in f.metadata:
            continue
        value = getattr(obj, f.name)
        key = f"{prefix}.{f.name}"
        if sp.issparse(value):
            value = value.tocsr()
            arrays[key + ".data"] = value.data
            arrays[key + ".indices"] = value.indices
            arrays[key + ".indptr"] = value.indptr
            meta[f.name] = {"csr": list(value.shape)}
        elif isinstance(value, np.ndarray):
            if value.dtype == object:
                raise TypeError(f"{key}: object arrays cannot be stored without pickle")
            arrays[key] = value
            meta[f.name] = {"array": True}
        else:
            meta[f.name] = {"json": value}
    return meta


def load_part(cls: type[T], prefix: str, meta: dict[str, Any], arrays: Any, **shared: Any) -> T:
    """Rebuild a part written by :func:`dump_part` (derived fields are recomputed)."""
    values: dict[str, Any] = dict(shared)
    for name, spec in meta.items():
        key = f"{prefix}.{name}"
        if "csr" in spec:
            values[name] = sp.csr_matrix((arrays[key + ".data"], arrays[key + ".indices"], arrays[key + ".indptr"]),
                                         shape=tuple(spec["csr"]))
        elif "array" in spec:
            values[name] = arrays[key]
        else:
            values[name] = spec["json"]
    return cls(**values)


def write_folder(folder: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write ``index.npz`` and ``index.json`` into ``folder``, replacing it whole (never half-written).

    The folder's parent must exist: an index is never written into a generation a concurrent
    build has just removed (``FileNotFoundError`` instead, which callers treat as "not stored").
    What a killed writer left beside the folder is cleared first.
    """
    tmp = fresh_temp_folder(folder)
    try:
        columns: dict[str, Any] = arrays  # numpy's stubs read the first ** key as savez(allow_pickle=...)
        np.savez(tmp / "index.npz", **columns)
        (tmp / "index.json").write_text(json.dumps({"format": FORMAT, **meta}, ensure_ascii=False),
                                        encoding="utf-8")
        swap_in_folder(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_folder(folder: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """``(meta, arrays)`` of a stored index, or None when absent, damaged or of another format."""
    try:
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            return None
        with open(folder / "index.npz", "rb") as handle, np.load(handle, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except UNREADABLE:
        return None
    return meta, arrays
