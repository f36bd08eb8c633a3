"""The Neo4j store: a graphbuild graph in a Neo4j 5 database, over Bolt.

Every node graphbuild writes carries the marker label ``Graphbuild`` besides
its schema label (``Paper``, ``Entity``, ``Author``); entities also carry their
type as a label (``:Entity:Method``), taken from a fixed whitelist. Only marked
nodes, and relationships of the schema's types between marked nodes, count as
graphbuild's: ``sync`` and ``wipe`` never touch anything else in the database.

``sync`` is a diff, not a reload. Each written node and relationship holds
``_gb_hash``, a short hash of its properties, and each node ``_gb_out``, a digest
of its outgoing relationships, written after them. A sync reads ``(id, hash,
digest)`` of every graphbuild node, reads the relationships of only those nodes
whose digest differs from the tables', and then deletes what the tables no
longer have, MERGEs new or changed nodes, CREATEs new relationships and
MERGE-updates changed ones (``UNWIND $rows``, one transaction per batch).
Pushing the same tables twice reads the nodes and writes nothing. Values
always travel as query parameters; labels, relationship types and property
names are spliced into query text only from :mod:`graphbuild.schema`.

graphbuild assumes it owns its nodes: relationships of the schema's types
that someone else adds to or removes from them are noticed only when the
node's own data changes (or after ``wipe``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from ..cypher_guard import check_parameters, check_query
from ..errors import QueryError, QueryTimeoutError, StoreError
from ..http import redact
from ..records import ENTITY_TYPES
from ..schema import NODE_TABLES, REL_TABLES, GraphTables
from .base import Progress, Rows, SyncReport, bytes_value, nested_write_error, timeout_message, timeout_seconds
from .neo4j_plan import NODE_COLS, OUT_TYPES, REL_COLS, batches, desired, dirty_sources
from .neo4j_plan import plan as plan_sync

__all__ = ["redact_uri", "SOURCE_LABEL", "Neo4jStore", "MARKER_LABEL", "HASH_PROPERTY", "OUT_PROPERTY",
           "DEFAULT_BATCH_SIZE", "schema_statements"]

#: label carried by every node graphbuild writes
MARKER_LABEL = "Graphbuild"
#: Label of the one node recording which workspace the graph was pushed from.
SOURCE_LABEL = "GraphbuildSource"
#: property holding the hash of a written node's or relationship's properties
HASH_PROPERTY = "_gb_hash"
#: node property holding a digest of the node's outgoing relationships (written last)
OUT_PROPERTY = "_gb_out"
DEFAULT_BATCH_SIZE = 10_000
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: entity types that may become a second label; anything else stays plain ``:Entity``
_TYPE_LABELS = tuple(ENTITY_TYPES)


def schema_statements() -> list[str]:
    """Constraint and index DDL ``sync`` runs first (all ``IF NOT EXISTS``)."""
    out = [
        f"CREATE CONSTRAINT graphbuild_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_TABLES
    ]
    out.append("CREATE INDEX graphbuild_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)")
    out.append("CREATE INDEX graphbuild_paper_year IF NOT EXISTS FOR (n:Paper) ON (n.year)")
    return out


# ---------------------------------------------------------------------------
# result conversion


def _convert(value: Any) -> Any:
    """A driver value as plain Python: nodes and relationships as property dicts."""
    from neo4j.graph import Node, Path, Relationship
    from neo4j.spatial import Point

    if isinstance(value, Point):  # a tuple subclass: test before lists
        coords = ", ".join(f"{axis}: {float(v)!r}" for axis, v in zip("xyz", value))
        return f"point({{srid: {value.srid}, {coords}}})"
    iso = getattr(value, "iso_format", None)  # neo4j.time Date/Time/DateTime/Duration
    if callable(iso):
        return iso()
    if isinstance(value, Node):
        labels = set(value.labels)
        label = next((lb for lb in NODE_TABLES if lb in labels), None)
        if label is None:
            out = {"_label": sorted(labels)[0] if labels else None}
            out.update({k: _convert(v) for k, v in value.items() if not k.startswith("_gb_")})
            return out
        out = {"_label": label}
        out.update({col: _convert(value.get(col)) for col in NODE_TABLES[label]})
        return out
    if isinstance(value, Relationship):
        rel = value.type
        out = {"_type": rel}
        if rel in REL_TABLES:
            out.update({col: _convert(value.get(col)) for col in REL_TABLES[rel][2]})
        else:
            out.update({k: _convert(v) for k, v in value.items() if not k.startswith("_gb_")})
        return out
    if isinstance(value, Path):
        return {"nodes": [_convert(n) for n in value.nodes],
                "rels": [_convert(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {str(k): _convert(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_convert(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes_value(value)
    return str(value)


def redact_uri(uri: str) -> str:
    """``uri`` with any user and password in it replaced by ``***``, for messages.

    >>> redact_uri("neo4j://neo4j:secret@db.example:7687")
    'neo4j://***@db.example:7687'
    >>> redact_uri("bolt://127.0.0.1:7687")
    'bolt://127.0.0.1:7687'
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return "***" + uri[uri.rindex("@"):] if "@" in uri else uri
    host, slash, path = rest.partition("/")
    if "@" in host:
        host = "***" + host[host.rindex("@"):]
    return f"{scheme}://{host}{slash}{path}"


# ---------------------------------------------------------------------------
# the store


class Neo4jStore:
    """A graphbuild graph in a Neo4j 5 database.

    Parameters
    ----------
    uri : Bolt or Neo4j URI, e.g. ``bolt://127.0.0.1:7687``.
    user, password : credentials; the caller reads the password (never argv, never logged).
    database : database name; ``None`` uses the server's default database.
    batch_size : rows per write transaction.
    max_retry_time : seconds the driver keeps retrying a transaction that failed
        with a transient error (deadlock, leader switch, lost connection), with
        exponential back-off between tries.

    No connection is made until the first call that needs one.
    """

    name = "neo4j"

    def __init__(self, uri: str, user: str = "neo4j", password: str | None = None,
                 database: str | None = None, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 max_retry_time: float = 30.0, query_timeout: float | None = None):
        self.uri = uri
        self.query_timeout = timeout_seconds(query_timeout, "query_timeout")  # seconds; None: the server's
        self.shown_uri = redact_uri(uri)  # what messages show: never a password inside the URI
        self.user = user
        self.database = database
        self.batch_size = max(1, int(batch_size))
        self.max_retry_time = max_retry_time
        self._password = password
        self._driver: Any = None
        self._writing = 0  # write queries whose rows are open (rows(write=True) blocks not yet left)

    def __repr__(self) -> str:  # keeps the password out of logs and tracebacks
        return f"Neo4jStore(uri={self.shown_uri!r}, user={self.user!r}, database={self.database!r})"

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connection handling -------------------------------------------------

    def _connect(self) -> Any:
        if self._driver is not None:
            return self._driver
        from neo4j import GraphDatabase
        from neo4j.exceptions import ConfigurationError

        _quiet_driver_log()
        scheme = self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""
        if scheme not in _SCHEMES:
            raise StoreError(f"invalid Neo4j URI {self.shown_uri!r}: use bolt://HOST:PORT or neo4j://HOST:PORT")
        try:  # a port that is no port (99999, "seven"), or no host, was "cannot reach Neo4j ...: is it running there?"
            parts = urlsplit(self.uri)
            _ = parts.port  # (ValueError: out of range, or not a number)
            if not parts.hostname:  # "bolt://", as `--uri bolt://$HOST` with HOST unset gives it
                raise ValueError("no host")
            driver = GraphDatabase.driver(
                self.uri,
                auth=(self.user, self._password or ""),
                max_transaction_retry_time=self.max_retry_time,
                connection_timeout=10.0,
                connection_acquisition_timeout=60.0,
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as exc:
            raise StoreError(f"invalid Neo4j URI {self.shown_uri!r} ({self._scrub(exc)}): "
                             "use bolt://HOST:PORT or neo4j://HOST:PORT") from None
        try:
            driver.verify_connectivity()
        except Exception as exc:
            driver.close()
            raise self._connection_error(exc) from None
        self._driver = driver
        return driver

    def _connection_error(self, exc: BaseException) -> StoreError:
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

        if isinstance(exc, AuthError):
            return StoreError(f"authentication failed for user {self.user} at {self.shown_uri}: set NEO4J_PASSWORD "
                              f"to the right password")
        if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
            return StoreError(f"cannot reach Neo4j at {self.shown_uri}: is it running there? "
                              f"start it or set --uri")
        if isinstance(exc, Neo4jError):
            return StoreError(f"Neo4j at {self.shown_uri} refused the request: {self._scrub(exc.message or exc)}")
        return StoreError(f"cannot use Neo4j at {self.shown_uri}: {self._scrub(exc)}")

    def _scrub(self, text: object) -> str:
        """``text`` without the URI's user and password (drivers quote the URI in their errors)."""
        out = str(text).replace(self.uri, self.shown_uri)
        userinfo = self.uri.partition("://")[2].partition("/")[0].rpartition("@")[0]
        return redact(out, (userinfo, userinfo.partition(":")[2]))

    def _session(self, *, write: bool) -> Any:
        from neo4j import READ_ACCESS, WRITE_ACCESS

        return self._connect().session(database=self.database,
                                       default_access_mode=WRITE_ACCESS if write else READ_ACCESS)

    def _transact(self, work: Callable[[Any], Any], *, write: bool) -> Any:
        """Run ``work(tx)`` in one managed transaction (retried on transient errors)."""
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            with self._session(write=write) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except StoreError:
            raise
        except (Neo4jError, DriverError, OSError) as exc:
            raise self._connection_error(exc) from None

    def _write(self, work: Callable[[Any], Any]) -> Any:
        return self._transact(work, write=True)

    def _read(self, work: Callable[[Any], Any]) -> Any:
        return self._transact(work, write=False)

    def close(self) -> None:
        """Close the driver (if one was opened)."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    # -- sync ----------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create graphbuild's uniqueness constraints and indexes if missing."""
        for statement in schema_statements():
            self._write(partial(_consume, statement))
        self._write(lambda tx: tx.run("CALL db.awaitIndexes(300)").consume())

    def sync(self, tables: GraphTables, *, progress: Progress | None = None) -> SyncReport:
        """Make the database's graphbuild data equal ``tables``; see the module docstring.

        Relationship rows whose endpoints are not among the tables' nodes are skipped.
        """
        self.ensure_schema()
        want = desired(tables)
        stored = {label: self._stored_nodes(label) for label in NODE_TABLES}
        dirty = dirty_sources(want, stored)
        stored_rels = {label: self._stored_rels(label, ids) for label, ids in dirty.items()}
        plan = plan_sync(want, stored, stored_rels)

        report = SyncReport(
            nodes_created={label: 0 for label in NODE_TABLES}, nodes_updated={label: 0 for label in NODE_TABLES},
            nodes_deleted={label: 0 for label in NODE_TABLES}, rels_created={rel: 0 for rel in REL_TABLES},
            rels_deleted={rel: 0 for rel in REL_TABLES},
        )
        # relationships first, so that DETACH DELETE below removes only what is not ours
        for rel, (src, dst, _) in REL_TABLES.items():
            cypher = (f"UNWIND $rows AS row MATCH (a:{src}:{MARKER_LABEL} {{id: row[0]}})"
                      f"-[r:{rel}]->(b:{dst}:{MARKER_LABEL} {{id: row[1]}}) DELETE r")
            counters = self._run_batches(cypher, plan.rel_delete[rel], f"deleting {rel} relationships", progress)
            report.rels_deleted[rel] = counters["relationships_deleted"]
        for label in NODE_TABLES:
            cypher = f"UNWIND $rows AS id MATCH (n:{label}:{MARKER_LABEL} {{id: id}}) DETACH DELETE n"
            counters = self._run_batches(cypher, plan.node_delete[label], f"deleting {label} nodes", progress)
            report.nodes_deleted[label] = counters["nodes_deleted"]
        for label in NODE_TABLES:
            created = self._write_nodes(label, plan.node_write[label], progress)
            report.nodes_created[label] = created
            report.nodes_updated[label] = len(plan.node_write[label]) - created
        for rel, (src, dst, _) in REL_TABLES.items():
            sets = ", ".join([f"r.{col} = row[{i + 2}]" for i, col in enumerate(REL_COLS[rel])]
                             + [f"r.{HASH_PROPERTY} = row[{len(REL_COLS[rel]) + 2}]"])
            match = f"UNWIND $rows AS row MATCH (a:{src} {{id: row[0]}}) MATCH (b:{dst} {{id: row[1]}}) "
            added = self._run_batches(match + f"CREATE (a)-[r:{rel}]->(b) SET {sets}",
                                      plan.rel_create[rel], f"{rel} relationships", progress)
            updated = self._run_batches(match + f"MERGE (a)-[r:{rel}]->(b) SET {sets}",
                                        plan.rel_update[rel], f"updating {rel} relationships", progress)
            report.rels_created[rel] = added["relationships_created"] + updated["relationships_created"]
        for label in NODE_TABLES:  # last: marks each node's relationships as complete
            cypher = (f"UNWIND $rows AS row MATCH (n:{label}:{MARKER_LABEL} {{id: row[0]}}) "
                      f"SET n.{OUT_PROPERTY} = row[1]")
            self._run_batches(cypher, plan.digests[label], f"finishing {label} nodes", progress)
        return report

    def _stored_nodes(self, label: str) -> dict[str, tuple[Any, Any]]:
        cypher = f"MATCH (n:{label}:{MARKER_LABEL}) RETURN n.id, n.{HASH_PROPERTY}, n.{OUT_PROPERTY}"
        return self._read(lambda tx: {rec[0]: (rec[1], rec[2]) for rec in tx.run(cypher)})

    def _stored_rels(self, label: str, ids: list[str]) -> dict[str, dict[tuple[str, str], Any]]:
        out: dict[str, dict[tuple[str, str], Any]] = {node_id: {} for node_id in ids}
        cypher = (f"UNWIND $ids AS id MATCH (a:{label}:{MARKER_LABEL} {{id: id}})-[r]->(b:{MARKER_LABEL}) "
                  f"WHERE type(r) IN $types RETURN a.id, type(r), b.id, r.{HASH_PROPERTY}")
        for batch in batches(ids, self.batch_size):
            for rec in self._read(partial(_records, cypher, ids=list(batch), types=OUT_TYPES[label])):
                out[rec[0]][(rec[1], rec[2])] = rec[3]
        return out

    def _run_batches(self, cypher: str, rows: Sequence[Any], stage: str,
                     progress: Progress | None) -> dict[str, int]:
        """Run ``cypher`` with ``$rows`` bound to successive batches, one transaction each."""
        totals = {"nodes_created": 0, "nodes_deleted": 0, "relationships_created": 0, "relationships_deleted": 0}
        done = 0
        for batch in batches(rows, self.batch_size):
            counters = self._write(partial(_counters, cypher, rows=list(batch)))
            for key in totals:
                totals[key] += getattr(counters, key)
            done += len(batch)
            if progress:
                progress(stage, done, len(rows))
        return totals

    def _write_nodes(self, label: str, rows: list[list[Any]], progress: Progress | None) -> int:
        cols = NODE_COLS[label]
        sets = ", ".join([f"n.{col} = row[{i + 1}]" for i, col in enumerate(cols)]
                         + [f"n.{HASH_PROPERTY} = row[{len(cols) + 1}]"])
        groups: dict[str | None, list[list[Any]]] = {}
        type_col = cols.index("type") + 1 if label == "Entity" else None
        for row in rows:
            entity_type = row[type_col] if type_col is not None else None
            groups.setdefault(entity_type if entity_type in _TYPE_LABELS else None, []).append(row)
        created = 0
        for entity_type, group in groups.items():
            remove = f" REMOVE n:{':'.join(_TYPE_LABELS)}" if label == "Entity" else ""
            labels = MARKER_LABEL + (f":{entity_type}" if entity_type else "")
            cypher = f"UNWIND $rows AS row MERGE (n:{label} {{id: row[0]}}) SET {sets}{remove} SET n:{labels}"
            stage = f"{label} nodes" + (f" ({entity_type})" if entity_type else "")
            created += self._run_batches(cypher, group, stage, progress)["nodes_created"]
        return created

    def wipe(self) -> int:
        """Delete every node graphbuild wrote (and their relationships); other data stays.

        Papers go first, so that each batch's transaction holds only a few
        relationships per node; entities, the dense nodes, go last, by then
        nearly bare. Returns the number of nodes deleted. Constraints and
        indexes are kept.
        """
        total = 0
        for label in ("Paper", "Author", "Entity", None):
            pattern = f"n:{label}:{MARKER_LABEL}" if label else f"n:{MARKER_LABEL}"
            cypher = f"MATCH ({pattern}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*)"
            limit = max(1, self.batch_size // 10)  # about ten relationships per paper
            while True:
                deleted = self._write(partial(_first_value, cypher, limit=limit))
                total += deleted
                if deleted < limit:
                    break
        self._write(lambda tx: tx.run(f"MATCH (s:{SOURCE_LABEL}) DELETE s").consume())
        return total

    # -- which workspace the graph came from ----------------------------------

    def pushed_from(self) -> tuple[str | None, int]:
        """The workspace the graph in the database was pushed from (None: unknown) and its node count."""
        def work(tx: Any) -> tuple[str | None, int]:
            source = tx.run(f"MATCH (s:{SOURCE_LABEL}) RETURN s.workspace LIMIT 1").single()
            held = tx.run(f"MATCH (n:{MARKER_LABEL}) RETURN count(n)").single()[0]
            return (source[0] if source else None), held

        return self._read(work)

    def pushed_graph(self) -> tuple[str | None, str | None]:
        """(workspace, graph digest) of the graph in the database, as :meth:`mark_pushed_from` recorded them (None:
        never pushed, or by a graphbuild that did not record it); ``query --neo4j`` compares them with its workspace.
        """
        def work(tx: Any) -> tuple[str | None, str | None]:
            source = tx.run(f"MATCH (s:{SOURCE_LABEL}) RETURN s.workspace, s.graph_sha256 LIMIT 1").single()
            return (source[0], source[1]) if source else (None, None)

        return self._read(work)

    def mark_pushed_from(self, workspace: str, graph_sha256: str | None = None) -> None:
        """Record that the graph in the database is ``workspace``'s, built as the graph of digest ``graph_sha256``
        (read by :meth:`pushed_from` and :meth:`pushed_graph`).
        """
        self._write(lambda tx: tx.run(f"MERGE (s:{SOURCE_LABEL} {{key: 'graph'}}) "
                                      "SET s.workspace = $w, s.graph_sha256 = $g",
                                      w=workspace, g=graph_sha256).consume())

    # -- reading ---------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = None) -> list[dict[str, Any]]:
        """Run Cypher; rows as dicts keyed by the RETURN column names.

        Nodes come back as property dicts with ``_label`` (the schema label),
        relationships with ``_type``, paths as ``{"nodes": [...], "rels": [...]}``,
        temporal and spatial values as strings. Unless ``write`` is true the
        query runs in a read transaction and Neo4j itself refuses any write;
        that refusal and every Cypher error become :class:`QueryError`
        carrying the server's message (which gives the error's position).
        Every query, read or write, is first checked by :func:`graphbuild.cypher_guard.check_query`
        for what graphbuild never runs whatever ``write`` says (as on the embedded store): ``LOAD CSV``
        and procedures outside its read-only list. The transaction is given ``timeout`` seconds (None: the
        store's ``query_timeout``, else the server's; 0: no limit); one the server stops at that limit is a
        :class:`~graphbuild.errors.QueryTimeoutError` (the rows' conversion counts in that time too).
        """
        from neo4j import unit_of_work

        limit = self._query_limit(cypher, params, timeout, write)
        started = time.monotonic()

        @unit_of_work(timeout=limit)
        def work(tx: Any) -> list[dict[str, Any]]:
            result = _run(tx, cypher, params)
            return list(Rows(result.keys(), result, _convert, limit or 0, started))

        with self._query_failures(limit, write):
            with self._session(write=write) as session:
                return session.execute_write(work) if write else session.execute_read(work)

    @contextmanager
    def rows(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
             timeout: float | None = None) -> Iterator[Rows]:
        """:meth:`query`, its rows as they come (:class:`~.base.Rows`), pulled from the server a batch at a time in
        one transaction, committed when the rows are all read (rolled back when the ``with`` ends early on an
        error). Unlike :meth:`query`, a transient error is not retried: some rows may have been used already.
        A write query started while a write query's rows are still open here is refused
        (:func:`~.base.nested_write_error`): its transaction would wait on the open one's locks until its time limit.
        """
        limit = self._query_limit(cypher, params, timeout, write)
        started = time.monotonic()
        with self._query_failures(limit, write):
            session = self._session(write=write)
        self._writing += write
        try:
            with self._query_failures(limit, write):
                tx = session.begin_transaction(timeout=limit)
            try:
                with self._query_failures(limit, write):
                    result = _run(tx, cypher, params)
                    keys = result.keys()
                yield Rows(keys, self._records(result, limit, write), _convert, limit or 0, started)
                with self._query_failures(limit, write):
                    result.consume()
                    tx.commit()
            finally:
                tx.close()  # rolls back what was not committed
        finally:
            self._writing -= write
            session.close()

    def _query_limit(self, cypher: str, params: dict[str, Any] | None, timeout: float | None,
                     write: bool) -> float | None:
        """A query's time limit in seconds (``timeout``, else the store's ``query_timeout``; None: the server's), once
        the query passed the checks every query gets here whatever ``write`` says (write clauses are left for the
        server's read transaction to refuse; files and unknown procedures are not), and, a ``write`` one, is not
        nested in another write query's open rows.
        """
        limit = timeout_seconds(timeout)
        check_query(cypher, write=True)
        check_parameters(cypher, params)
        if write and self._writing:
            raise nested_write_error()
        return self.query_timeout if limit is None else limit

    def _records(self, result: Any, limit: float | None, write: bool) -> Iterator[Any]:
        """The records of ``result`` as the driver pulls them, its failures told as :meth:`_query_failures` does."""
        with self._query_failures(limit, write):
            yield from result

    @contextmanager
    def _query_failures(self, limit: float | None, write: bool) -> Iterator[None]:
        """Tell a failure of a query given ``limit`` seconds as graphbuild's error: a :class:`QueryTimeoutError` when
        the server stopped it at that limit, a :class:`QueryError` with the server's message when it refused or
        failed it, a :class:`StoreError` when the server could not be reached.
        """
        from neo4j.exceptions import ClientError, DriverError, Neo4jError

        try:
            yield
        except StoreError:
            raise
        except Neo4jError as exc:  # (a ClientError too: the server refused the query)
            if limit and _is_timeout_error(exc):
                raise QueryTimeoutError(timeout_message(limit)) from None
            message = (exc.message or str(exc)).strip()
            if not isinstance(exc, ClientError):
                raise QueryError(f"the query failed in Neo4j: {message}") from None
            if not write and _is_access_mode_error(exc):
                raise QueryError(f"this query writes to the database, but queries are read-only by default: "
                                 f"pass --write (write=True from Python) to allow it ({message})") from None
            raise QueryError(f"Neo4j refused the query: {message}") from None
        except (DriverError, OSError) as exc:
            raise self._connection_error(exc) from None

    def counts(self) -> dict[str, int]:
        """Graphbuild's node count per label and relationship count per type."""
        out: dict[str, int] = {}

        def work(tx: Any) -> None:
            for label in NODE_TABLES:
                out[label] = tx.run(f"MATCH (n:{label}:{MARKER_LABEL}) RETURN count(n)").single()[0]
            for rel, (src, dst, _) in REL_TABLES.items():
                out[rel] = tx.run(f"MATCH (:{src}:{MARKER_LABEL})-[r:{rel}]->(:{dst}:{MARKER_LABEL}) "
                                  f"RETURN count(r)").single()[0]

        self._read(work)
        return out


def _quiet_driver_log() -> None:
    """Keep the driver's own log lines ("Transaction failed and will be retried in 1.9s ...", "<CONNECTION> error:
    Failed to read from defunct connection") off standard error: with no logging set up, Python prints a library's
    warnings there, some ten lines while a server that went down is retried. The failure is one StoreError line
    (:meth:`Neo4jStore._connection_error`); a program that sets up logging still gets the driver's records.
    """
    driver_log = logging.getLogger("neo4j")
    if not any(isinstance(h, logging.NullHandler) for h in driver_log.handlers):
        driver_log.addHandler(logging.NullHandler())


def _is_timeout_error(exc: Any) -> bool:
    """Whether the server stopped the transaction at its time limit (``Neo.ClientError.Transaction.
    TransactionTimedOut``, ``...TransactionTimedOutClientConfiguration``).
    """
    return "TransactionTimedOut" in (getattr(exc, "code", "") or "")


def _is_access_mode_error(exc: Any) -> bool:
    code = getattr(exc, "code", "") or ""
    message = (getattr(exc, "message", "") or "").lower()
    return "AccessMode" in code or "read access mode" in message or "forbidden" in code.lower()


def _run(tx: Any, cypher: str, params: dict[str, Any] | None) -> Any:
    """``tx.run(cypher, params)``, a parameter value the driver cannot send (a Decimal, a set, a UUID before Bolt
    6.1) told as a :class:`QueryError`: the driver packs the parameters here and raised a bare ValueError.
    """
    try:
        return tx.run(cypher, params or {})
    except (ValueError, TypeError) as exc:
        raise QueryError(f"a query parameter cannot be sent to Neo4j ({exc}); give it as text, a number, "
                         "true/false, a date or time, or a list or map of those") from None


# Transaction functions, bound to their query with functools.partial (a lambda in a loop would
# capture the loop variables late, and mypy cannot type lambdas with default arguments).
def _consume(cypher: str, tx: Any, **params: Any) -> Any:
    return tx.run(cypher, **params).consume()


def _records(cypher: str, tx: Any, **params: Any) -> list[Any]:
    return list(tx.run(cypher, **params))


def _counters(cypher: str, tx: Any, **params: Any) -> Any:
    return tx.run(cypher, **params).consume().counters


def _first_value(cypher: str, tx: Any, **params: Any) -> Any:
    return tx.run(cypher, **params).single()[0]
