"""Planning a Neo4j sync: what to write and delete, as pure functions over table rows.

:func:`desired` keys the tables for diffing (each row's values with a hash of
them last, and per node a digest of its outgoing relationships);
:func:`plan` diffs that against what the database holds and returns a
:class:`Plan` that :class:`graphbuild.stores.neo4j.Neo4jStore` executes.
No driver is needed here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..schema import NODE_TABLES, REL_TABLES, GraphTables

__all__ = ["Desired", "Plan", "NO_RELS", "desired", "dirty_sources", "plan", "batches", "NODE_COLS", "REL_COLS",
           "OUT_TYPES"]

NODE_COLS = {label: [c for c in cols if c != "id"] for label, cols in NODE_TABLES.items()}
REL_COLS = {rel: list(spec[2]) for rel, spec in REL_TABLES.items()}
#: relationship types by source label
OUT_TYPES = {label: [rel for rel, spec in REL_TABLES.items() if spec[0] == label] for label in NODE_TABLES}


def _digest(parts: Iterable[str]) -> str:
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


#: ``_gb_out`` of a node whose outgoing relationships were written and are none
NO_RELS = _digest([])


def _with_hash(values: list[Any]) -> list[Any]:
    # values are str/int/float/bool/None or lists of str, whose repr is stable
    values.append(hashlib.blake2b(repr(values).encode("utf-8"), digest_size=8).hexdigest())
    return values


def _node_values(label: str, row: dict[str, Any]) -> list[Any]:
    """``row``'s properties in ``NODE_COLS[label]`` order, then their hash."""
    values = []
    for col in NODE_COLS[label]:
        value = row.get(col)
        if NODE_TABLES[label][col].endswith("[]") and value is not None:
            value = [str(v) for v in value]
        values.append(value)
    return _with_hash(values)


def _rel_values(rel: str, row: dict[str, Any]) -> list[Any]:
    return _with_hash([row.get(col) for col in REL_COLS[rel]])


@dataclass(slots=True)
class Desired:
    """The tables keyed for diffing."""

    nodes: dict[str, dict[str, list[Any]]]  # label -> id -> values (hash last)
    out: dict[str, dict[str, dict[tuple[str, str], list[Any]]]]  # label -> source -> (rel, to) -> values
    digests: dict[str, dict[str, str]]  # label -> id -> digest of its outgoing relationships
    skipped: int  # relationship rows dropped: an endpoint is not in the tables, or a repeat


def desired(tables: GraphTables) -> Desired:
    """The tables keyed for diffing; relationship rows without both endpoints, or repeated, are skipped."""
    nodes: dict[str, dict[str, list[Any]]] = {}
    for label in NODE_TABLES:
        rows: dict[str, list[Any]] = {}
        for row in tables.nodes.get(label, []):
            node_id = row.get("id")
            if node_id is not None and node_id not in rows:
                rows[node_id] = _node_values(label, row)
        nodes[label] = rows
    out: dict[str, dict[str, dict[tuple[str, str], list[Any]]]] = {label: {} for label in NODE_TABLES}
    skipped = 0
    for rel, (src, dst, _) in REL_TABLES.items():
        for row in tables.rels.get(rel, []):
            a, b = row.get("from"), row.get("to")
            rels = out[src].setdefault(a, {}) if a in nodes[src] else None
            if rels is None or b not in nodes[dst] or (rel, b) in rels:
                skipped += 1
                continue
            rels[(rel, b)] = _rel_values(rel, row)
    digests = {
        label: {node_id: _digest(sorted(f"{rel}\x1f{to}\x1f{values[-1]}"
                                        for (rel, to), values in out[label].get(node_id, {}).items()))
                for node_id in nodes[label]}
        for label in NODE_TABLES
    }
    return Desired(nodes, out, digests, skipped)


@dataclass(slots=True)
class Plan:
    """Everything one sync does, in the order it does it."""

    rel_delete: dict[str, list[list[str]]] = field(default_factory=dict)  # rel -> [from, to]
    node_delete: dict[str, list[str]] = field(default_factory=dict)
    node_write: dict[str, list[list[Any]]] = field(default_factory=dict)  # label -> [id, *values]
    rel_create: dict[str, list[list[Any]]] = field(default_factory=dict)  # rel -> [from, to, *values]
    rel_update: dict[str, list[list[Any]]] = field(default_factory=dict)
    digests: dict[str, list[list[str]]] = field(default_factory=dict)  # label -> [id, digest]


def dirty_sources(want: Desired, stored: dict[str, dict[str, tuple[Any, Any]]]) -> dict[str, list[str]]:
    """Stored nodes whose outgoing relationships may differ from the tables.

    A node's ``_gb_out`` is written after its relationships, so a node left
    without one by an interrupted sync is dirty too, and gets diffed in full.
    """
    dirty: dict[str, list[str]] = {}
    for label in NODE_TABLES:
        ids = []
        for node_id, (_, out) in stored[label].items():
            wanted = want.digests[label].get(node_id)
            if wanted is None:  # the node goes: delete its relationships explicitly
                if out != NO_RELS:
                    ids.append(node_id)
            elif out != wanted:
                ids.append(node_id)
        dirty[label] = sorted(ids)
    return dirty


def plan(want: Desired, stored: dict[str, dict[str, tuple[Any, Any]]],
          stored_rels: dict[str, dict[str, dict[tuple[str, str], Any]]]) -> Plan:
    """Diff the tables against what the database holds.

    ``stored[label][id] = (hash, out digest)`` for every graphbuild node;
    ``stored_rels[label][source][(rel, to)] = hash`` for the dirty sources only.
    """
    plan = Plan(rel_delete={rel: [] for rel in REL_TABLES}, rel_create={rel: [] for rel in REL_TABLES},
                 rel_update={rel: [] for rel in REL_TABLES})
    for label in NODE_TABLES:
        held, wanted = stored[label], want.nodes[label]
        plan.node_delete[label] = sorted(node_id for node_id in held if node_id not in wanted)
        plan.node_write[label] = [[node_id, *values] for node_id, values in wanted.items()
                                  if held.get(node_id, (None, None))[0] != values[-1]]
        dirty = stored_rels.get(label, {})
        for source, old in dirty.items():
            new = want.out[label].get(source, {}) if source in wanted else {}
            for (rel, to) in old:
                if (rel, to) not in new:
                    plan.rel_delete[rel].append([source, to])
        for source, rels in want.out[label].items():
            stored_out = dirty.get(source)
            if stored_out is None and source in held and held[source][1] == want.digests[label][source]:
                continue  # unchanged since the last sync
            for (rel, to), values in rels.items():
                if stored_out is None or (rel, to) not in stored_out:
                    plan.rel_create[rel].append([source, to, *values])
                elif stored_out[(rel, to)] != values[-1]:
                    plan.rel_update[rel].append([source, to, *values])
        plan.digests[label] = [[node_id, digest] for node_id, digest in want.digests[label].items()
                               if held.get(node_id, (None, None))[1] != digest]
    for rows in plan.rel_delete.values():
        rows.sort()
    return plan


def batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """``rows`` in slices of at most ``size``."""
    for start in range(0, len(rows), size):
        yield rows[start:start + size]
