"""Integer ids for the decision's feature names, and the weights laid out by those ids.

The decision model's weights file keeps readable feature names (JSON). At run
time every name gets an integer id in a :class:`FeatureSpace`, features that
depend only on a name's surface form (or on a handful of flags) are computed
once and kept as tuples of ids, and a document's rows are scored by one gather
from a dense weight matrix indexed by those ids (:meth:`FeatureSpace.weights`).

A row is a :data:`Row`: the ids of its present (value 1) features and a dict
of the few features with another value (the type votes). :meth:`FeatureSpace.named`
turns a row back into the ``name -> value`` dictionary that training and the
extraction digest read.

A :class:`BoundedFeatureSpace` serves a fixed model at prediction time, over
as many documents as a long run brings: the names the model knows keep their
ids, and the others (every new neighbouring word, every new form) are
forgotten between documents once there are many of them, so the space does not
grow without bound. Training numbers every name (a fresh :class:`FeatureSpace`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .decide import LinearModel

__all__ = ["FeatureSpace", "BoundedFeatureSpace", "Row", "merge_rows", "CONJOINED"]

#: a feature row: ids of the features present with value 1, and the others' ids with their values
Row = tuple[list[int], dict[int, float]]

#: feature names (by prefix) paired with the proposer: a capitalised run in the title means
#: something else than a gazetteer hit in the title
CONJOINED = ("shape=", "nw=", "count=", "in_title", "title_only", "also_lower", "allcaps", "lower", "titlecase",
             "cs_cap=", "gaz=", "rule_final", "Rhead=", "Lhead=", "digit", "innercap", "sent_start")

#: cached blocks (and names' conjunctions per proposer) kept per space (the corpus repeats forms heavily), in two
#: generations of at most half as many each: when the newer one is full, the older one is dropped and a new one
#: started, and an entry found in the older one moves to the newer, so what a run still uses stays cached
MAX_BLOCKS = 200_000
#: names no model knows that a :class:`BoundedFeatureSpace` keeps numbered (~5 MB with their weight rows)
MAX_UNKNOWN = 20_000


_EMPTY: dict[int, int] = {}


class FeatureSpace:
    """Feature names <-> integer ids (growing as new names appear), with caches of id blocks.

    Parameters
    ----------
    names : names to number first (a model's feature names, so its weight rows line up).
    """

    __slots__ = ("ids", "names", "blocks", "generation", "_weights", "_pairs", "_old_blocks", "_old_pairs")

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        #: cached id tuples, by a key naming what they depend on (see :meth:`block`)
        self.blocks: dict[Any, tuple[int, ...]] = {}
        #: the blocks' older generation (see :data:`MAX_BLOCKS`)
        self._old_blocks: dict[Any, tuple[int, ...]] = {}
        #: counts the times ids were dropped (ids cached elsewhere are stale when it changes)
        self.generation = 0
        self._weights: dict[int, tuple[Any, np.ndarray, int]] = {}
        #: per proposer: a name's id -> the id of its conjunction with the proposer (-1: not paired,
        #: see :data:`CONJOINED`)
        self._pairs: dict[str, dict[int, int]] = {}
        self._old_pairs: dict[str, dict[int, int]] = {}
        for name in names:
            self.id(name)

    def id(self, name: str) -> int:
        """The id of ``name``, numbered now if it is new."""
        i = self.ids.get(name)
        if i is None:
            i = self.ids[name] = len(self.names)
            self.names.append(name)
        return i

    def block(self, key: Any, source: str, names: Callable[..., Iterable[str]], *args: Any) -> tuple[int, ...]:
        """The ids of ``names(*args)`` and of their conjunctions with ``source``, cached under ``key``.

        ``key`` must determine ``names(*args)`` and ``source`` (the caller includes both).
        """
        ids = self.blocks.get(key)
        if ids is None:
            ids = self._old_blocks.get(key)
            if ids is None:
                ids = self.conjoin(source, names(*args))
            if len(self.blocks) >= MAX_BLOCKS // 2:
                self._old_blocks, self.blocks = self.blocks, {}
            self.blocks[key] = ids
        return ids

    def conjoin(self, source: str, names: Iterable[str]) -> tuple[int, ...]:
        """The ids of ``names`` and of their conjunctions with ``source`` (``source&name``).

        The conjunctions are found by id: per proposer, a table from a name's id to its
        conjunction's id (-1 where the name is not paired), so no ``source&name`` string is
        built or hashed again once its id is known.
        """
        get = self.ids.get
        base = []
        for n in names:
            i = get(n)
            base.append(self.id(n) if i is None else i)
        pairs = self._pairs.get(source)
        if pairs is None:
            pairs = self._pairs[source] = {}
        paired = []
        for i in base:
            j = pairs.get(i)
            if j is None:
                j = self._old_pairs.get(source, _EMPTY).get(i)
                if j is None:
                    name = self.names[i]
                    j = self.id(source + "&" + name) if name.startswith(CONJOINED) else -1
                if len(pairs) >= MAX_BLOCKS // 2:
                    self._old_pairs[source], pairs = pairs, {}
                    self._pairs[source] = pairs
                pairs[i] = j
            if j >= 0:
                paired.append(j)
        return (*base, *paired)

    def settle(self) -> None:
        """Called between documents; a growing space keeps every name (see :meth:`BoundedFeatureSpace.settle`)."""

    def crowded(self) -> bool:
        """Whether :meth:`settle` would forget ids now (never in a growing space)."""
        return False

    def prefixed(self, row: Row, prefix: str, *, keep: bool = False) -> Row:
        """``row`` with each of its features named ``prefix + name`` instead (a model then weighs them
        apart from the same features without the prefix), or besides with ``keep`` (weighed alike, and
        apart where the prefix's condition holds).
        """
        ids, vals = row
        names, get = self.names, self.id
        new_ids = [get(prefix + names[i]) for i in ids]
        new_vals = {get(prefix + names[i]): v for i, v in vals.items()}
        return ([*ids, *new_ids], {**vals, **new_vals}) if keep else (new_ids, new_vals)

    def named(self, row: Row) -> dict[str, float]:
        """The row as ``name -> value``."""
        names = self.names
        out: dict[str, float] = dict.fromkeys([names[i] for i in row[0]], 1)
        out.update({names[i]: v for i, v in row[1].items()})
        return out

    def weights(self, models: Sequence[LinearModel]) -> np.ndarray:
        """``models``' weight columns side by side, one row per id of this space (zeros where a
        model does not know the name), grown as the space grows.
        """
        key = hash(tuple(map(id, models)))
        held = self._weights.get(key)
        if held is not None and not all(a is b for a, b in zip(held[0], models)):
            held = None
        n = len(self.names)
        if held is not None and held[2] >= n:
            return held[1]
        if held is None or len(held[1]) < n:
            matrix = np.zeros((max(n, 1024) if held is None else max(n, 2 * len(held[1])),
                               sum(m.weights.shape[1] for m in models)))
            start = 0 if held is None else held[2]
            if held is not None:
                matrix[:start] = held[1][:start]
        else:
            matrix, start = held[1], held[2]
        col = 0
        for m in models:
            found = [(i, k) for i, k in ((i, m.index.get(self.names[i])) for i in range(start, n)) if k is not None]
            if found:
                at, ks = zip(*found)
                matrix[list(at), col:col + m.weights.shape[1]] = m.weights[list(ks)]
            col += m.weights.shape[1]
        self._weights[key] = (tuple(models), matrix, n)
        return matrix

    def scores(self, rows: Sequence[Row], models: Sequence[LinearModel]) -> np.ndarray:
        """Raw scores of ``models`` side by side (bias included), one row per feature row.

        Every row holds at least one feature (the ``bias`` feature is in every row).
        """
        matrix = self.weights(models)
        bias = np.concatenate([m.bias for m in models])
        if not rows:
            return np.zeros((0, len(bias)))
        # every row's ids then its valued ids, one after the other; only the valued entries are
        # multiplied (by their values): the others count once
        cols: list[int] = []
        starts: list[int] = []
        at_valued: list[int] = []
        values: list[float] = []
        for ids, valued in rows:
            starts.append(len(cols))
            cols += ids
            if valued:
                at = len(cols)
                at_valued += range(at, at + len(valued))
                values += valued.values()
                cols += valued
        contrib = matrix.take(np.fromiter(cols, dtype=np.intp, count=len(cols)), axis=0)
        if at_valued:
            contrib[at_valued] *= np.array(values)[:, None]
        out = np.add.reduceat(contrib, starts, axis=0)
        out += bias
        return out


class BoundedFeatureSpace(FeatureSpace):
    """A :class:`FeatureSpace` for a fixed model: ``names`` (the model's) keep their ids, the names
    numbered after them are forgotten by :meth:`settle` once there are more than :data:`MAX_UNKNOWN`.

    A name the model does not know weighs nothing, so it needs no lasting id; it still has an id
    of its own while a document is scored, not one shared with every unknown name: a group's
    row then keeps one term per distinct name and every score sums the same terms in the same
    order as with a growing space (numpy sums pairwise: a zero term less moves the last bits).
    """

    __slots__ = ("known",)

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(names)
        #: how many names keep their ids (the first ones)
        self.known = len(self.names)

    def settle(self) -> None:
        """Between documents: forget the names after :attr:`known` (with every cached block and
        weight matrix) when they are more than :data:`MAX_UNKNOWN`.
        """
        if not self.crowded():
            return
        known = self.known
        for name in self.names[known:]:
            del self.ids[name]
        del self.names[known:]
        # what holds only the known names' ids stays cached, and the weight matrices' rows of those ids
        self.blocks = {k: ids for k, ids in self.blocks.items() if max(ids, default=-1) < known}
        self._old_blocks = {k: ids for k, ids in self._old_blocks.items() if max(ids, default=-1) < known}
        self._pairs = {s: {i: j for i, j in p.items() if i < known and j < known} for s, p in self._pairs.items()}
        self._old_pairs = {s: {i: j for i, j in p.items() if i < known and j < known}
                           for s, p in self._old_pairs.items()}
        for _, matrix, n in self._weights.values():
            matrix[known:n] = 0  # (rows numbered anew by :meth:`weights`, which fills only a known name's)
        self._weights = {k: (models, matrix, min(n, known)) for k, (models, matrix, n) in self._weights.items()}
        self.generation += 1

    def crowded(self) -> bool:
        """Whether the names after :attr:`known` are more than :data:`MAX_UNKNOWN` (:meth:`settle` forgets them)."""
        return len(self.names) - self.known > MAX_UNKNOWN


def merge_rows(rows: Sequence[Row]) -> Row:
    """The rows of one entity's mentions as one row: every feature, at its largest value."""
    if len(rows) == 1:
        return rows[0]
    ids = list(dict.fromkeys(chain.from_iterable(r[0] for r in rows)))
    valued: dict[int, float] = {}
    for _, vals in rows:
        for k, v in vals.items():
            if v > valued.get(k, float("-inf")):
                valued[k] = v
    return ids, valued
