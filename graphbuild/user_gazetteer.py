"""A user gazetteer: entries that add to, or override, the shipped gazetteer.

The user file has the shipped format (JSON Lines, one entity a line; ``#``
comments allowed)::

    {"name": "RankMix", "type": "Method", "aliases": ["rank mixing"]}
    {"name": "GPT-4o", "type": "Model", "aliases": ["GPT4o", "gpt-4-omni"], "family": "GPT-4"}
    {"name": "Adam", "type": "Method", "ambiguous": false}

An entry whose name (by name key) is a shipped entry's name overrides that
entry's type, family and ``ambiguous`` flag and adds its aliases; any other
entry is new. :func:`effective_gazetteer` writes the combination once per
content (named by its digest) in the user's cache folder and returns its path,
which the pipeline loads like any gazetteer file; the pipeline fingerprint
hashes that file, so editing the user file redoes the extractions. The Spark
job (:mod:`graphbuild.spark.job`) merges on its driver and ships that file to
its executors, so both builds load, and fingerprint, the same gazetteer.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from .fsutil import atomic_write_text, cache_dir

__all__ = ["merge_gazetteers", "effective_gazetteer"]


def merge_gazetteers(shipped, user):
    """The shipped entries with the user's applied: a :class:`~graphbuild.nlp.gazetteer.Gazetteer`.

    Parameters
    ----------
    shipped, user : :class:`~graphbuild.nlp.gazetteer.Gazetteer` objects.
    """
    from .nlp.gazetteer import Gazetteer

    overrides = {e.key: e for e in user.entries}
    merged = []
    for entry in shipped.entries:
        mine = overrides.pop(entry.key, None)
        if mine is None:
            merged.append(entry)
            continue
        aliases = tuple(dict.fromkeys(a for a in (*entry.aliases, *mine.aliases) if a != mine.name))
        merged.append(replace(mine, aliases=aliases))
    merged.extend(e for e in user.entries if e.key in overrides)
    return Gazetteer(merged)


#: merged files already written, by the user files' state (:func:`_state`): a build asks three times
_MERGED: dict[tuple[tuple[str, int, int, int], ...], str] = {}


def effective_gazetteer(user_path: str) -> str:
    """The gazetteer path the pipeline should load: ``""`` (the shipped one) or shipped + user.

    Raises :class:`~graphbuild.errors.InputError` naming the user file and line
    when one of its entries is malformed. The merge is done again only when the
    user's files have changed (path, inode, size, modification time) or its result is gone.
    """
    if not user_path:
        return ""
    from .nlp.gazetteer import load_gazetteer

    state = _state(user_path)
    known = _MERGED.get(state) if state else None
    if known is not None and Path(known).is_file():
        return known
    user = load_gazetteer.__wrapped__(user_path)  # uncached: the user's file may have been edited
    text = merge_gazetteers(load_gazetteer(""), user).to_jsonl()
    target = cache_dir("gazetteer") / f"merged-{hashlib.sha256(text.encode()).hexdigest()[:16]}.jsonl"
    if not target.exists():
        atomic_write_text(target, text)
    if state:
        _MERGED[state] = str(target)
    return str(target)


def _state(user_path: str) -> tuple[tuple[str, int, int, int], ...]:
    """(path, inode, size, modification time) of the user's file, or of each ``.jsonl`` of its folder; ``()`` when
    one cannot be read (the merge then runs, and reports it).
    """
    root = Path(user_path).resolve()
    stats = []
    try:
        for f in sorted(root.glob("*.jsonl")) if root.is_dir() else [root]:
            st = f.stat()
            stats.append((str(f), st.st_ino, st.st_size, st.st_mtime_ns))
    except OSError:
        return ()
    return tuple(stats)
