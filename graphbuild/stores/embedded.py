"""The embedded store: a LadybugDB (Kùzu fork) database in the workspace.

Layout: the store's ``path`` is a folder holding ``graph.lbdb`` (the database
file, plus LadybugDB's write-ahead log while it is open) and ``manifest.json``
(format and schema version). Bulk loading always goes through ``COPY … FROM``
an Arrow table (or, for :meth:`EmbeddedStore.load`, a Parquet file); Cypher
``MERGE`` is a scan plus hash join in this database family and far too slow
for whole corpora.

``sync`` reads the ids and properties the database holds (one query per table,
fetched as Arrow), diffs them against the incoming tables and then

* COPYs the new node rows and the new relationship rows,
* SETs the properties of changed nodes (one ``UNWIND`` batch per label),
* deletes vanished relationships and (``DETACH``) vanished nodes; a relationship
  whose properties changed is deleted and created again, and counted as both.

When the change is a large share of the database, or the database is missing,
unreadable or of another schema version, it rebuilds instead: a fresh database
is written in a hidden sibling folder and renamed into place, so an
interrupted build never leaves a half-written database at ``path``. ``load``
writes such a fresh database from a graph's Arrow tables or Parquet files
(:func:`.embedded_rows.graph_frames`) without reading or keying any row in Python.

The rows, their diff and their Arrow tables are in :mod:`.embedded_rows`; the
folder's files and the swap of a rebuilt database in :mod:`.embedded_folder`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import errno
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..cypher_guard import check_parameters, check_query, find_write_clause
from ..errors import GraphbuildError, OutputError, QueryError, QueryTimeoutError, StoreError, no_room
from ..fsutil import atomic_write_text
from ..fsutil import swap_in_folder as swap_in  # (a name of its own: tests interrupt it)
from ..progress import no_progress
from ..schema import NODE_TABLES, REL_TABLES, GraphTables
from .base import Progress, Rows, SyncReport, bytes_value, nested_write_error, timeout_message, timeout_seconds
from .embedded_folder import DB_FILE, MANIFEST_FILE, check_folder, recover
from .embedded_params import bindable
from .embedded_rows import Diff, GraphFrames, Table, arrow_table, diff_tables, incoming_tables, norm_value, plain_value

__all__ = [
    "EmbeddedStore",
    "DB_FILE",
    "MANIFEST_FILE",
    "SCHEMA_VERSION",
    "find_write_clause",
    "schema_statements",
]

_FORMAT = "graphbuild-embedded"
_STORE_FORMAT = 1

#: the store's error for a function it lacks ("function TYPE does not exist"), naming it in upper case
_NO_FUNCTION = re.compile(r"function (\w+) does not exist")
#: how the embedded store writes what Neo4j's Cypher functions of those names do
_NEO4J_FUNCTIONS = {
    "TYPE": "write type(r) as label(r)",
    "ELEMENTID": "write elementId(n) as id(n)",
    "STARTNODE": "name the nodes in the pattern, (a)-[r]->(b), and return a",
    "ENDNODE": "name the nodes in the pattern, (a)-[r]->(b), and return b",
}

#: the engine's whole message for a query it stopped at the connection's time limit
_INTERRUPTED = "Interrupted."

#: the engine's words when the disk (or the quota) filled up under a write: its IO exceptions quote the system's
_NO_SPACE = re.compile(r"No space left on device|Disk quota exceeded", re.I)


#: free space below this, after the engine failed on a file, is a disk the write filled up
_FULL_MARGIN = 1 << 20


def _write_failed(what: str, exc: QueryError, hint: str = "", folder: Path | None = None) -> GraphbuildError:
    """The error of a failed write ``what`` (such as "loading the graph into db"): the engine's message, or, when
    the disk filled up, the same one line a full disk gives anywhere else (an :class:`OutputError` with ENOSPC,
    which a build reports as the generation it could not write) instead of the engine's checkpoint internals.

    The engine does not always quote the system's words: a write cut short on a full disk may surface as a
    later "Cannot read from file" IO exception. So an IO exception while ``folder`` (where the database files
    are written) has next to no free space is a full disk too, and one while a file there has reached the
    process's file-size limit (``ulimit -f``) says that limit (an :class:`OutputError` with EFBIG).
    """
    if _NO_SPACE.search(exc.detail):
        return OutputError(f"{what} failed: {no_room(errno.ENOSPC)}", errno.ENOSPC)
    if folder is not None and "IO exception" in exc.detail:
        code = _no_room(folder)
        if code:
            return OutputError(f"{what} failed: {no_room(code)}", code)
    return StoreError(f"{what} failed: {exc.detail}{hint}")


def _no_room(folder: Path) -> int:
    """ENOSPC when ``folder``'s disk is (all but) full, EFBIG when a file under it is as large as the file-size
    limit allows; else 0 (or when that cannot be told).
    """
    try:
        if shutil.disk_usage(folder).free < _FULL_MARGIN:
            return errno.ENOSPC
        import resource  # (POSIX only)

        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if limit != resource.RLIM_INFINITY and any(
                f.is_file() and f.stat().st_size >= limit for f in folder.rglob("*")):
            return errno.EFBIG
    except (OSError, ImportError):
        pass
    return 0


#: changes beyond this share of the stored rows trigger a full rebuild
REBUILD_FRACTION = 0.5


def _schema_version() -> str:
    text = json.dumps({"nodes": NODE_TABLES, "rels": REL_TABLES, "format": _STORE_FORMAT}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: changes whenever NODE_TABLES, REL_TABLES or the on-disk layout change
SCHEMA_VERSION = _schema_version()

def schema_statements() -> list[str]:
    """``CREATE … TABLE IF NOT EXISTS`` statements for the whole schema."""
    out = []
    for label, cols in NODE_TABLES.items():
        body = ", ".join(f"{name} {typ}" for name, typ in cols.items())
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({body}, PRIMARY KEY(id))")
    for rel, (src, dst, props) in REL_TABLES.items():
        extra = "".join(f", {name} {typ}" for name, typ in props.items())
        out.append(f"CREATE REL TABLE IF NOT EXISTS {rel}(FROM {src} TO {dst}{extra})")
    return out


# ---------------------------------------------------------------------------
# query safety: see graphbuild.cypher_guard (find_write_clause is re-exported for callers)


# ---------------------------------------------------------------------------
# result conversion


def _convert(value: Any) -> Any:
    """A LadybugDB result value as plain, JSON-safe Python."""
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {"nodes": [_convert(n) for n in value["_NODES"]],
                    "rels": [_convert(r) for r in value["_RELS"]]}
        if "_SRC" in value and "_DST" in value and "_LABEL" in value:
            out = {"_type": value["_LABEL"]}
            out.update({k: _convert(v) for k, v in value.items()
                        if not k.startswith("_") and k in _REL_PROPS.get(value["_LABEL"], {k})})
            return out
        if "_ID" in value and "_LABEL" in value:
            out = {"_label": value["_LABEL"]}
            out.update({k: _convert(v) for k, v in value.items()
                        if not k.startswith("_") and k in NODE_TABLES.get(value["_LABEL"], {k: ""})})
            return out
        return {str(k): _convert(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_convert(v) for v in value]
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return bytes_value(value)
    return value


_REL_PROPS: dict[str, dict[str, str]] = {rel: spec[2] for rel, spec in REL_TABLES.items()}


def _check_columns(columns: list[str]) -> None:
    """Refuse a result with two columns of one name (``RETURN 1 AS a, 2 AS a``, ``RETURN count(*), count(*)``).

    A row is a dict by column name, so the store kept the last of them and the others vanished without a word;
    Neo4j refuses such a query, and so does this store now (a write query's changes rolled back with it).
    """
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise QueryError(f"the query returns more than one column named {', '.join(twice)}; give each column a "
                         "name of its own with AS (RETURN x AS a, y AS b)")


def _with_hint(message: str) -> str:
    """The store's error ``message``, with how it spells a Neo4j function it says does not exist."""
    missing = _NO_FUNCTION.search(message)
    hint = _NEO4J_FUNCTIONS.get(missing.group(1).upper()) if missing else None
    return f"{message} The embedded store's Cypher differs here: {hint}" if hint else message


# ---------------------------------------------------------------------------
# the store


class EmbeddedStore:
    """A graphbuild graph in an embedded LadybugDB database.

    Parameters
    ----------
    path : the database folder (e.g. ``<workspace>/db``); created on first sync.
    read_only : refuse ``sync`` and write queries, and open the database read-only.
    query_timeout_ms : interrupt statements running longer than this (``QueryError``; for :meth:`query`,
        ``QueryTimeoutError``), unless a query gives its own ``timeout`` or the store a ``query_timeout``.
    query_timeout : the time limit in seconds of :meth:`query` (0: none; None: ``query_timeout_ms``); unlike
        ``query_timeout_ms`` it leaves syncs and checkpoints unlimited.
    """

    name = "embedded"

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False, query_timeout_ms: int | None = None,
                 query_timeout: float | None = None):
        self.path = Path(path)
        self.read_only = read_only
        self.query_timeout_ms = query_timeout_ms
        self.query_timeout = timeout_seconds(query_timeout, "query_timeout")
        self._db: Any = None
        self._conn: Any = None
        self._writable = False
        self._reading = 0  # queries whose rows are open (rows() blocks not yet left)

    # -- connection handling -------------------------------------------------

    @property
    def db_file(self) -> Path:
        """Path of the database file inside the store folder."""
        return self.path / DB_FILE

    def _connect(self, *, write: bool) -> Any:
        if self._conn is not None and (self._writable or not write):
            return self._conn
        self.close()
        if not self.db_file.exists():
            recover(self.path)
        if not self.db_file.exists():
            raise StoreError(f"no graph database at {self.path}; sync the graph into the store first "
                             "(`graphbuild build` does that for a workspace)")
        import ladybug

        try:
            self._db = ladybug.Database(str(self.db_file), read_only=not write)
            self._conn = ladybug.Connection(self._db)
            if self.query_timeout_ms:
                self._conn.set_query_timeout(int(self.query_timeout_ms))
        except Exception as exc:  # the engine raises RuntimeError with its own message
            self.close()
            hint = ("another process holds it open for writing; close that process and retry"
                    if "lock" in str(exc).lower() else "run `graphbuild build` on its workspace to rebuild it")
            raise StoreError(f"cannot open the graph database at {self.path}: {_first_line(exc)}; {hint}") from None
        self._writable = write
        return self._conn

    def open(self) -> None:
        """Open the database now (writable unless the store is ``read_only``) rather than at the first query: from
        here the store reads that database even when its folder is then removed (a build replacing a workspace's
        live generation), where a later first query would find no database there.
        """
        self._connect(write=not self.read_only)

    def checkpoint(self) -> None:
        """Write everything in the write-ahead log into the database file, then close.

        Afterwards the folder holds the database file alone: it can be copied,
        renamed or opened read-only. Opening a database whose last writer was
        killed replays its log, so this also repairs a pending checkpoint.
        """
        if self.read_only:
            raise StoreError("the embedded store was opened read-only; open it without read_only to checkpoint")
        conn = self._connect(write=True)
        try:
            self._rows(conn, "CHECKPOINT")
        except QueryError as exc:
            raise _write_failed(f"checkpointing the graph database at {self.path}", exc,
                                folder=self.path.parent) from None
        finally:
            self.close()

    def close(self) -> None:
        """Close the connection and the database, releasing the file lock."""
        conn, db = self._conn, self._db
        self._conn = self._db = None
        self._writable = False
        for obj in (conn, db):
            if obj is not None:
                try:
                    obj.close()
                except Exception:  # closing twice or after an engine error is harmless
                    pass

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, conn: Any, cypher: str, params: dict[str, Any] | None = None) -> Any:
        try:
            result = conn.execute(cypher, params or {})
        except (RuntimeError, ValueError) as exc:  # its first line: a parser error goes on with the query
            # and a caret, which on one escaped error line read as noise ("\n ^^^^"); a parameter it cannot
            # convert is a ValueError (bindable() refuses the ones known)
            raise QueryError(_with_hint((str(exc).strip() or repr(exc)).splitlines()[0])) from None
        if isinstance(result, list):  # several statements: close all but the last
            for extra in result[:-1]:
                extra.close()
            result = result[-1]
        return result

    def _rows(self, conn: Any, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        result = self._run(conn, cypher, params)
        try:
            return result.get_all()
        finally:
            result.close()

    # -- queries ---------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = None) -> list[dict[str, Any]]:
        """Run Cypher; rows as dicts keyed by the RETURN column names.

        Nodes come back as property dicts with ``_label``, relationships with
        ``_type``, paths as ``{"nodes": [...], "rels": [...]}``. A query running
        past ``timeout`` seconds (None: the store's ``query_timeout``, else ``query_timeout_ms``; 0: no limit),
        its rows' conversion included, is stopped with :class:`~graphbuild.errors.QueryTimeoutError`.
        """
        with self.rows(cypher, params, write=write, timeout=timeout) as rows:
            return list(rows)

    @contextmanager
    def rows(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
             timeout: float | None = None) -> Iterator[Rows]:
        """:meth:`query`, its rows as they come (:class:`~.base.Rows`), fetched from the result a batch at a time;
        the result is closed when the ``with`` ends.

        A write query runs in a transaction committed when the ``with`` ends: one whose rows are stopped partway
        (the time limit, ``| head`` closing the pipe, Ctrl-C) changes nothing, as on Neo4j, where its changes
        were kept without a word. A write query started while the rows of another are still open here is refused
        (:func:`~.base.nested_write_error`): it would need that query's connection, in its transaction, or reopen it
        writable, closing those rows under their reader.
        """
        timeout = timeout_seconds(timeout)
        check_query(cypher, write=write)
        check_parameters(cypher, params)
        params = bindable(params, cypher)
        clause = find_write_clause(cypher)
        if write and self.read_only:
            raise QueryError("query refused: the store was opened read-only; open it without read_only to write")
        writes = bool(write and clause)
        if writes and self._reading:  # its connection holds the open rows (a transaction, or read-only: closed)
            raise nested_write_error()
        conn = self._connect(write=writes)
        self._reading += 1
        try:
            with self._transaction(conn, writes):
                limit_ms = self._limit_ms(timeout)
                started = time.monotonic()
                conn.set_query_timeout(limit_ms)
                try:
                    result = self._run(conn, cypher, params)
                except QueryError as exc:
                    if limit_ms and exc.detail == _INTERRUPTED:
                        raise QueryTimeoutError(timeout_message(limit_ms / 1000)) from None
                    raise
                finally:
                    conn.set_query_timeout(int(self.query_timeout_ms or 0))  # the store's own limit for what follows
                try:
                    columns = result.get_column_names()
                    _check_columns(columns)
                    yield Rows(columns, _records(result), _convert, limit_ms / 1000, started)
                finally:
                    result.close()
        finally:
            self._reading -= 1

    @contextmanager
    def _transaction(self, conn: Any, writes: bool) -> Iterator[None]:
        """For a write query (``writes``): a transaction on ``conn``, committed when the block ends and rolled back
        when it raises (the engine has rolled back already when the query itself failed). A read query runs as is.
        """
        if not writes:
            yield
            return
        self._rows(conn, "BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            with suppress(QueryError):  # "No active transaction": the engine rolled back a query that failed
                self._rows(conn, "ROLLBACK")
            raise
        try:
            self._rows(conn, "COMMIT")
        except QueryError as exc:
            raise _write_failed("committing the query's changes", exc) from None

    def _limit_ms(self, timeout: float | None) -> int:
        """The time limit in ms of one query: ``timeout`` seconds (0: none), else the store's own."""
        timeout = self.query_timeout if timeout is None else timeout
        if timeout is None:
            return int(self.query_timeout_ms or 0)
        return max(1, round(timeout * 1000)) if timeout > 0 else 0

    def counts(self) -> dict[str, int]:
        """Node count per label and relationship count per type."""
        conn = self._connect(write=False)
        out = {}
        for label in NODE_TABLES:
            out[label] = int(self._rows(conn, f"MATCH (n:{label}) RETURN count(n)")[0][0])
        for rel in REL_TABLES:
            out[rel] = int(self._rows(conn, f"MATCH ()-[r:{rel}]->() RETURN count(r)")[0][0])
        return out

    # -- sync ------------------------------------------------------------------

    def sync(self, tables: GraphTables, *, progress: Progress | None = None, consume: bool = False) -> SyncReport:
        """Make the database hold exactly ``tables`` (see the module docstring).

        ``consume=True`` empties the row lists of ``tables`` as they are read, freeing their
        memory during the load (for a caller that does not need them afterwards).
        """
        if self.read_only:
            raise StoreError("the embedded store was opened read-only; open it without read_only to sync")
        step = progress or no_progress
        new_nodes, new_rels = incoming_tables(tables, consume=consume)
        recover(self.path)
        check_folder(self.path)
        step("reading the database", 0, 1)
        state = self._read_state()
        step("reading the database", 1, 1)
        if state is None:
            diff = Diff(new_nodes={k: list(t.rows) for k, t in new_nodes.items()},
                         new_rels={k: list(t.rows) for k, t in new_rels.items()})
            self._rebuild(_table_loads(new_nodes, new_rels), step)
            return diff.report(full_reload=True)
        old_nodes, old_rels, duplicates = state
        diff = diff_tables(new_nodes, new_rels, old_nodes, old_rels, duplicates)
        stored = sum(len(t.rows) for t in old_nodes.values()) + sum(len(t.rows) for t in old_rels.values())
        if diff.size() == 0:
            return diff.report(full_reload=False)
        if diff.size() > REBUILD_FRACTION * stored:
            self._rebuild(_table_loads(new_nodes, new_rels), step)
            return diff.report(full_reload=True)
        self._apply(diff, new_nodes, new_rels, step)
        return diff.report(full_reload=False)

    def load(self, frames: GraphFrames, *, progress: Progress | None = None) -> SyncReport:
        """Replace the database with a fresh one holding exactly ``frames`` (:func:`.embedded_rows.graph_frames`).

        The rows are those :meth:`sync` would write into an empty store, and so is the report;
        without reading the database or keying rows in Python. Each Arrow table is dropped from
        ``frames`` once it is loaded.
        """
        if self.read_only:
            raise StoreError("the embedded store was opened read-only; open it without read_only to load")
        rows = frames.rows
        report = SyncReport(nodes_created={k: rows[k] for k in frames.nodes if rows[k]},
                            rels_created={k: rows[k] for k in frames.rels if rows[k]}, full_reload=True)
        recover(self.path)
        check_folder(self.path)
        loads = [("loading nodes", label, rows[label], _popper(frames.nodes, label)) for label in list(frames.nodes)]
        loads += [("loading relationships", rel, rows[rel], _popper(frames.rels, rel)) for rel in list(frames.rels)]
        self._rebuild(loads, progress or no_progress)
        return report

    def _read_state(self) -> tuple[dict[str, Table], dict[str, Table], dict[str, set]] | None:
        """What the database holds, or None when it must be rebuilt."""
        try:
            manifest = json.loads((self.path / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (not isinstance(manifest, dict) or manifest.get("format") != _FORMAT
                or manifest.get("schema") != SCHEMA_VERSION or not self.db_file.exists()):
            return None
        try:
            conn = self._connect(write=True)
            nodes: dict[str, Table] = {}
            for label, spec in NODE_TABLES.items():
                cols = [c for c in spec if c != "id"]
                table = Table(label, cols, [spec[c] for c in cols])
                data = self._arrow(conn, f"MATCH (n:{label}) RETURN n.id" + "".join(f", n.{c}" for c in cols))
                lists = [i for i, c in enumerate(cols) if spec[c].endswith("[]")]
                for i in lists:
                    data[i + 1] = [norm_value(v) for v in data[i + 1]]
                table.rows = dict(zip(data[0], zip(*data[1:]))) if cols else dict.fromkeys(data[0], ())
                nodes[label] = table
            rels: dict[str, Table] = {}
            duplicates: dict[str, set] = {}
            for rel, (src, dst, props) in REL_TABLES.items():
                cols = list(props)
                table = Table(rel, cols, [props[c] for c in cols])
                data = self._arrow(conn, f"MATCH (a:{src})-[r:{rel}]->(b:{dst}) RETURN a.id, b.id"
                                   + "".join(f", r.{c}" for c in cols))
                keys = list(zip(data[0], data[1]))
                values = list(zip(*data[2:])) if cols else [()] * len(keys)
                table.rows = dict(zip(keys, values))
                dup: set = set()
                if len(table.rows) != len(keys):
                    dup = {k for k, count in Counter(keys).items() if count > 1}
                rels[rel] = table
                duplicates[rel] = dup
        except (QueryError, StoreError):
            self.close()
            return None
        return nodes, rels, duplicates

    def _arrow(self, conn: Any, cypher: str) -> list[list[Any]]:
        """The result of ``cypher`` as Python lists, one per column (fetched as one Arrow table)."""
        result = self._run(conn, cypher)
        try:
            table = result.get_as_arrow(chunk_size=-1)
        finally:
            result.close()
        return [col.to_pylist() for col in table.columns]

    def _apply(self, diff: Diff, nodes: dict[str, Table], rels: dict[str, Table], step: Progress) -> None:
        conn = self._connect(write=True)
        total = diff.size()
        done = 0
        try:
            for rel, keys in diff.gone_rels.items():
                src, dst, _ = REL_TABLES[rel]
                for batch in _batches(keys):
                    self._rows(conn, f"UNWIND $rows AS k MATCH (a:{src} {{id: k.f}})-[r:{rel}]->(b:{dst} {{id: k.t}}) "
                                     "DELETE r", {"rows": [{"f": f, "t": t} for f, t in batch]})
                    done += len(batch)
                    step("deleting relationships", done, total)
            for label, ids in diff.gone_nodes.items():
                for batch in _batches(ids):
                    self._rows(conn, f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n", {"ids": batch})
                    done += len(batch)
                    step("deleting nodes", done, total)
            for label, ids in diff.changed_nodes.items():
                table = nodes[label]
                for batch in _batches(ids):
                    rows = [{"id": i, **{c: plain_value(v) for c, v in zip(table.columns, table.rows[i])}}
                            for i in batch]
                    self._update(conn, label, table, rows)
                    done += len(batch)
                    step("updating nodes", done, total)
            for label, ids in diff.new_nodes.items():
                if ids:
                    self._copy(conn, label, arrow_table(nodes[label], ids, ["id"]))
                    done += len(ids)
                    step("creating nodes", done, total)
            for rel, keys in diff.new_rels.items():
                if keys:
                    self._copy(conn, rel, arrow_table(rels[rel], keys, ["from", "to"]))
                    done += len(keys)
                    step("creating relationships", done, total)
        except QueryError as exc:
            raise _write_failed(f"updating the graph database at {self.path}", exc,
                                "; build again (the next sync repairs a failed update)", self.path.parent) from None

    def _update(self, conn: Any, label: str, table: Table, rows: list[dict[str, Any]]) -> None:
        """SET the properties of existing nodes. Every value is CAST to its column
        type: a parameter column that is null in every row would bind as STRING.
        """
        sets = ", ".join(f"n.{c} = CAST(r.{c} AS {t})" for c, t in zip(table.columns, table.types))
        self._rows(conn, f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET {sets}", {"rows": rows})

    def _copy(self, conn: Any, table_name: str, frame: pa.Table | Path) -> None:
        """Bulk load an Arrow table or a Parquet file (key columns first) with COPY."""
        if isinstance(frame, Path):
            self._rows(conn, f"COPY {table_name} FROM {_quoted(frame)}")
        else:
            self._rows(conn, f"COPY {table_name} FROM $frame", {"frame": frame})

    def _rebuild(self, loads: list[_Load], step: Progress) -> None:
        """Write a fresh database in a hidden sibling folder, COPYing each load in turn, and swap it in."""
        import ladybug

        self.path.parent.mkdir(parents=True, exist_ok=True)
        building = self.path.parent / f".{self.path.name}.building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        try:
            db = ladybug.Database(str(building / DB_FILE))
            conn = ladybug.Connection(db)
            try:
                for statement in schema_statements():
                    self._rows(conn, statement)
                total = sum(n for _, _, n, _ in loads)
                done = 0
                for what, name, n, frame in loads:
                    if n:
                        self._copy(conn, name, frame())  # the frame is dropped once copied
                    done += n
                    step(what, done, total)
            finally:
                conn.close()
                db.close()
            manifest = {"format": _FORMAT, "schema": SCHEMA_VERSION, "engine": f"ladybug {ladybug.__version__}"}
            atomic_write_text(building / MANIFEST_FILE, json.dumps(manifest, indent=2) + "\n")
            self.close()
            swap_in(building, self.path)
        except QueryError as exc:
            raise _write_failed(f"loading the graph into {self.path}", exc, folder=self.path.parent) from None
        finally:
            if building.exists():
                shutil.rmtree(building, ignore_errors=True)


#: one table of a fresh load: progress label, table name, row count, and a call giving its Arrow table
_Load = tuple[str, str, int, Callable[[], pa.Table | Path]]


def _table_loads(nodes: dict[str, Table], rels: dict[str, Table]) -> list[_Load]:
    """The loads of keyed tables (:func:`.embedded_rows.incoming_tables`), converted one at a time."""
    loads = [("loading nodes", label, len(t.rows), _converter(t, ["id"])) for label, t in nodes.items()]
    loads += [("loading relationships", rel, len(t.rows), _converter(t, ["from", "to"])) for rel, t in rels.items()]
    return loads


def _converter(table: Table, key_columns: list[str]) -> Callable[[], pa.Table | Path]:
    """A call giving the Arrow table of all of ``table``'s rows."""
    return lambda: arrow_table(table, list(table.rows), key_columns)


def _popper(frames: dict[str, pa.Table | Path], name: str) -> Callable[[], pa.Table | Path]:
    """A call taking ``frames[name]`` out of ``frames`` (so the table is freed once loaded)."""
    return lambda: frames.pop(name)


def _quoted(path: Path) -> str:
    """A file path as a Cypher string literal (backslashes and quotes escaped)."""
    return "'" + str(path).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _records(result: Any, size: int = 1000) -> Iterator[list[Any]]:
    """The rows of an engine's query ``result``, fetched ``size`` at a time (one by one is slower, all at once
    holds every row in Python). The engine itself has built the whole result by then (LadybugDB, as Kùzu, offers
    no streaming result; its ``get_num_tuples`` is known before the first row): only the Python copies are bounded.
    """
    while result.has_next():
        yield from result.get_n(size)


def _batches(items: list[Any], size: int = 5000) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
