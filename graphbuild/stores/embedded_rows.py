"""The embedded store's rows: incoming tables keyed by id, their diff against the database, Arrow tables.

A node label or relationship type is a :class:`Table`: key (a node id, or
the ``(from, to)`` pair of a relationship) -> tuple of property values.
Lists are held as tuples, so rows compare and hash.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..errors import StoreError
from ..schema import NODE_TABLES, REL_TABLES, GraphTables
from .base import SyncReport

__all__ = ["ARROW_TYPES", "Table", "Diff", "GraphFrames", "incoming_tables", "diff_tables", "arrow_table",
           "graph_frames", "norm_value", "plain_value"]

#: the Arrow type of each column type of graphbuild.schema
ARROW_TYPES = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "INT32": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "STRING[]": pa.list_(pa.string()),
}



@dataclass(slots=True)
class Table:
    """One node label or relationship type as key -> row tuple."""

    name: str
    columns: list[str]          # property columns (without the key columns)
    types: list[str]
    rows: dict[Any, tuple] = field(default_factory=dict)


def norm_value(value: Any) -> Any:
    """A value as a row holds it: lists become tuples (hashable, comparable with what the database gives)."""
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return value


def incoming_tables(tables: GraphTables, *, consume: bool = False) -> tuple[dict[str, Table], dict[str, Table]]:
    """The graph's rows as :class:`Table` per node label and per relationship type.

    With ``consume``, each row list of ``tables`` is replaced by an empty one once it is
    read, so its row dicts are freed while the next table is converted (at 100k papers the
    dicts of 1.3 M relationships are ~0.3 GB): for a caller that no longer needs them.

    Raises
    ------
    StoreError
        On a table the schema does not know, a node without a string id, a duplicate
        node or relationship, or a relationship to a missing node.
    """
    unknown = sorted(set(tables.nodes) - set(NODE_TABLES)) + sorted(set(tables.rels) - set(REL_TABLES))
    if unknown:
        raise StoreError(f"the graph holds tables the schema does not know: {', '.join(unknown)}; "
                         "update graphbuild.schema or rebuild the graph")
    nodes: dict[str, Table] = {}
    ids: dict[str, set[str]] = {}
    for label, spec in NODE_TABLES.items():
        cols = [c for c in spec if c != "id"]
        table = Table(label, cols, [spec[c] for c in cols])
        lists = [i for i, c in enumerate(cols) if spec[c].endswith("[]")]
        getter = _getter(cols)
        for row in _rows(tables.nodes, label, consume):
            key = row.get("id")
            if not isinstance(key, str) or not key:
                raise StoreError(f"a {label} row has no string id: {row!r:.200}")
            if key in table.rows:
                raise StoreError(f"duplicate {label} id {key!r}; node ids must be unique")
            table.rows[key] = _row_tuple(row, cols, lists, getter)
        nodes[label] = table
        ids[label] = set(table.rows)
    rels: dict[str, Table] = {}
    for rel, (src, dst, props) in REL_TABLES.items():
        cols = list(props)
        table = Table(rel, cols, [props[c] for c in cols])
        lists = [i for i, c in enumerate(cols) if props[c].endswith("[]")]
        src_ids, dst_ids = ids[src], ids[dst]
        getter = _getter(cols)
        for row in _rows(tables.rels, rel, consume):
            key = (row.get("from"), row.get("to"))
            if key[0] not in src_ids or key[1] not in dst_ids:
                raise StoreError(f"{rel} relationship {key[0]!r} -> {key[1]!r} points at a missing "
                                 f"{src}/{dst} node; rebuild the graph tables")
            if key in table.rows:
                raise StoreError(f"duplicate {rel} relationship {key[0]!r} -> {key[1]!r}")
            table.rows[key] = _row_tuple(row, cols, lists, getter)
        rels[rel] = table
    return nodes, rels


def _rows(tables: dict[str, list[dict[str, Any]]], name: str, consume: bool) -> list[dict[str, Any]]:
    """The rows of one table; with ``consume`` the caller's list is swapped for an empty one."""
    rows = tables.get(name, [])
    if consume and name in tables:
        tables[name] = []
    return rows


def _getter(cols: list[str]) -> Any:
    """A fast ``row -> tuple of cols`` (``operator.itemgetter``; None when it would not give a tuple)."""
    return operator.itemgetter(*cols) if len(cols) > 1 else None


def _row_tuple(row: dict[str, Any], cols: list[str], lists: list[int], getter: Any = None) -> tuple:
    try:
        values = getter(row) if getter is not None else tuple(row.get(c) for c in cols)
    except KeyError:
        values = tuple(row.get(c) for c in cols)
    if lists:
        values = tuple(norm_value(v) if i in lists else v for i, v in enumerate(values))
    return values


@dataclass(slots=True)
class GraphFrames:
    """A whole graph as one Arrow table per node label and relationship type (key columns first).

    The form of a fresh load (:meth:`graphbuild.stores.embedded.EmbeddedStore.load`): a graph's
    values in Arrow buffers, outside the Python heap, so that a build can free its graph (and
    every per-row Python object with it) before the database starts its work. A table written
    to a Parquet file (``graph_frames(..., spill=DIR)``) is held as the file's path.
    """

    nodes: dict[str, pa.Table | Path] = field(default_factory=dict)
    rels: dict[str, pa.Table | Path] = field(default_factory=dict)
    #: row count per table
    rows: dict[str, int] = field(default_factory=dict)


def graph_frames(columns: Iterable[tuple[str, dict[str, list[Any]]]], *, spill: Path | None = None) -> GraphFrames:
    """Arrow tables from :func:`graphbuild.graph.graph_columns` (node labels first, then relationship types).

    Each table's value lists are dropped once converted. With ``spill`` (an existing folder),
    each table is written there as ``NAME.parquet`` and dropped at once: the caller then holds
    one table at a time, and the database reads the files. Checks what :func:`incoming_tables`
    checks that a graph can break: string node ids, relationship ends among the nodes of the
    schema's labels, values of the column types (node ids and relationship keys of a networkx
    graph are unique by construction).

    Raises
    ------
    StoreError
        On a table the schema does not know, a node without a string id, a relationship to a
        missing node or a value of the wrong type.
    """
    frames = GraphFrames()
    ids: dict[str, Any] = {}  # node ids per label: the relationship ends are checked against them
    for name, cols in columns:
        if name in NODE_TABLES:
            bad = next((v for v in cols["id"] if not isinstance(v, str) or not v), "") if cols["id"] else ""
            if bad != "":
                raise StoreError(f"a {name} row has no string id: {bad!r:.200}")
            frame = _frame(name, cols, NODE_TABLES[name])
            ids[name] = frame.column("id")
            held = frames.nodes
        elif name in REL_TABLES:
            src, dst, props = REL_TABLES[name]
            frame = _frame(name, cols, {"from": "STRING", "to": "STRING", **props})
            for key, label in (("from", src), ("to", dst)):
                _check_ends(name, frame, key, ids.get(label), src, dst)
            held = frames.rels
        else:
            raise StoreError(f"the graph holds tables the schema does not know: {name}; "
                             "update graphbuild.schema or rebuild the graph")
        cols.clear()
        frames.rows[name] = frame.num_rows
        if spill is not None:
            held[name] = spill / f"{name}.parquet"
            pq.write_table(frame, held[name], compression="none")
        else:
            held[name] = frame
        del frame
    return frames


def _frame(name: str, cols: dict[str, list[Any]], spec: dict[str, str]) -> pa.Table:
    """One table's value lists as an Arrow table of the schema's column types."""
    arrays: dict[str, pa.Array] = {}
    for col, typ in spec.items():
        try:
            arrays[col] = pa.array(cols[col], ARROW_TYPES[typ])
        except (pa.ArrowException, TypeError, ValueError) as exc:
            raise StoreError(f"{name}.{col} holds a value that is not {typ}: {exc}; fix the graph tables") from None
    return pa.table(arrays)


def _check_ends(rel: str, frame: pa.Table, key: str, ids: Any, src: str, dst: str) -> None:
    """Raise when a relationship's ``key`` end is not among ``ids`` (the node ids of its label)."""
    if frame.num_rows == 0:
        return
    found = pc.is_in(frame.column(key), value_set=ids if ids is not None else pa.array([], pa.string()))
    if not pc.all(found).as_py():
        i = pc.index(found, False).as_py()
        raise StoreError(f"{rel} relationship {frame.column('from')[i].as_py()!r} -> "
                         f"{frame.column('to')[i].as_py()!r} points at a missing {src}/{dst} node; "
                         "rebuild the graph tables")


def arrow_table(table: Table, keys: Iterable[Any], key_columns: list[str]) -> pa.Table:
    """Arrow table of the given keys: key columns first, then the properties."""
    keys = list(keys)
    arrays: dict[str, pa.Array] = {}
    if len(key_columns) == 1:
        arrays[key_columns[0]] = pa.array(keys, pa.string())
    else:
        for i, name in enumerate(key_columns):
            arrays[name] = pa.array([k[i] for k in keys], pa.string())
    rows = table.rows
    columns = list(zip(*[rows[k] for k in keys])) if keys else [() for _ in table.columns]
    for col, typ, values in zip(table.columns, table.types, columns):
        try:
            arrays[col] = pa.array(list(values), ARROW_TYPES[typ])
        except (pa.ArrowException, TypeError, ValueError) as exc:
            raise StoreError(f"{table.name}.{col} holds a value that is not {typ}: {exc}; "
                             "fix the graph tables") from None
    return pa.table(arrays)


def plain_value(value: Any) -> Any:
    """A row value as a query parameter (tuples back to lists)."""
    return list(value) if isinstance(value, tuple) else value


@dataclass(slots=True)
class Diff:
    """Keys to create, update and delete per table to turn the database into the incoming graph."""

    new_nodes: dict[str, list[str]] = field(default_factory=dict)
    changed_nodes: dict[str, list[str]] = field(default_factory=dict)
    gone_nodes: dict[str, list[str]] = field(default_factory=dict)
    new_rels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    gone_rels: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def size(self) -> int:
        """How many rows the diff touches."""
        return sum(len(v) for d in (self.new_nodes, self.changed_nodes, self.gone_nodes,
                                    self.new_rels, self.gone_rels) for v in d.values())

    def report(self, *, full_reload: bool) -> SyncReport:
        """The diff as counts per table (zero counts left out)."""
        def nonzero(d: dict[str, list]) -> dict[str, int]:
            return {k: len(v) for k, v in d.items() if v}

        return SyncReport(
            nodes_created=nonzero(self.new_nodes), nodes_updated=nonzero(self.changed_nodes),
            nodes_deleted=nonzero(self.gone_nodes), rels_created=nonzero(self.new_rels),
            rels_deleted=nonzero(self.gone_rels), full_reload=full_reload,
        )


def diff_tables(new_nodes: dict[str, Table], new_rels: dict[str, Table],
                old_nodes: dict[str, Table], old_rels: dict[str, Table],
                duplicates: dict[str, set]) -> Diff:
    """What differs between the incoming tables and the database's (``duplicates``: relationship keys
    the database holds more than once, deleted and created again).
    """
    diff = Diff()
    for label, table in new_nodes.items():
        old = old_nodes[label].rows
        differing = [k for k, _ in table.rows.items() - old.items()]
        diff.new_nodes[label] = [k for k in differing if k not in old]
        diff.changed_nodes[label] = [k for k in differing if k in old]
        diff.gone_nodes[label] = list(old.keys() - table.rows.keys())
    for rel, table in new_rels.items():
        old = old_rels[rel].rows
        dup = duplicates.get(rel, set())
        new = table.rows
        differing = [k for k, _ in new.items() - old.items()]
        changed = [k for k in differing if k in old] + [k for k in dup if k in new and new[k] == old[k]]
        diff.new_rels[rel] = [k for k in differing if k not in old] + changed
        diff.gone_rels[rel] = list(old.keys() - new.keys()) + changed
    return diff
