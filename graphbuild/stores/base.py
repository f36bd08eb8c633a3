"""The store interface: one protocol, an embedded and a Neo4j implementation."""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..errors import QueryError, QueryTimeoutError, UsageError
from ..progress import Progress
from ..schema import GraphTables

#: QueryTimeoutError is :mod:`graphbuild.errors`'s, with every other coded error; named here too, where it was first
__all__ = ["GraphStore", "Rows", "SyncReport", "Progress", "QueryTimeoutError", "bytes_value", "nested_write_error",
           "timeout_message", "timeout_seconds"]


def bytes_value(value: bytes | bytearray) -> dict[str, str]:
    r"""A BLOB / bytes result value as JSON-safe Python that keeps every byte: ``{"_base64": ...}``.

    Both stores decoded bytes as UTF-8 with U+FFFD for what is no UTF-8, so ``--format json`` (which gives
    every value exactly) lost them; the ``_base64`` key marks the value as bytes, as ``_label`` marks a node.

    >>> bytes_value(b"\xff\x00a")
    {'_base64': '/wBh'}
    """
    return {"_base64": base64.b64encode(bytes(value)).decode("ascii")}


def timeout_seconds(value: object, what: str = "timeout") -> float | None:
    """A query's time limit in seconds as the stores take it: ``None`` (the default limit) or a number, 0 or more
    (0: none) and at most the ``query_timeout`` setting's own maximum; anything else (a bool, text, a negative or
    endless number, or one so large that the engine or the Neo4j driver failed on it with a bare ValueError or
    OverflowError) is a :class:`UsageError`.
    """
    from ..settings import RANGES

    top = RANGES["query_timeout"][1]
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= top:
        return float(value)
    raise UsageError(f"{what} must be a number of seconds, 0 or more (0: no limit) and at most {top:,}, "
                     f"not {value!r}")


def timeout_message(seconds: float) -> str:
    """What a query stopped by its ``seconds`` limit says: how to narrow it, or how to lift the limit."""
    shown = f"{seconds:g}"
    return f"the query ran past its {shown} s limit; narrow it (LIMIT, a WHERE) or pass --timeout 0"


def nested_write_error() -> QueryError:
    """The error of a write query started while the rows of another query on the same store (or workspace) are still
    being read: a second writer on the embedded store's file would commit beside the first and be overwritten or
    lost (or close the open rows under their reader), and on Neo4j wait on the first one's locks until its time limit.
    """
    return QueryError("a write query cannot start while the rows of another query here are still being read; read "
                      "them to the end (leave its `with`) first, or make the two one query")


class Rows:
    """A query's rows as they come from the store: ``columns``, the RETURN names (known before the first row, and
    when there is none), and, iterated once, each row as a dict keyed by them, converted when it is reached. So a
    result of millions of rows is never held whole in Python, and its first rows can be shown at once.

    The query's time limit (``limit`` seconds from ``started``, a :func:`time.monotonic`; 0: none) covers the whole
    run, the rows' conversion and whatever the caller does with each (printing) too: a row reached after it raises
    :class:`QueryTimeoutError`, as the store does for the database's part.
    """

    def __init__(self, columns: Sequence[str], records: Iterable[Sequence[Any]], convert: Callable[[Any], Any],
                 limit: float, started: float):
        self.columns = list(columns)
        self._records = records
        self._convert = convert
        self._limit = limit
        self._end = started + limit

    def __iter__(self) -> Iterator[dict[str, Any]]:
        columns, convert, limit, end = self.columns, self._convert, self._limit, self._end
        for record in self._records:
            if limit and time.monotonic() > end:
                raise QueryTimeoutError(timeout_message(limit))
            yield dict(zip(columns, map(convert, record)))


@dataclass(slots=True)
class SyncReport:
    """What a sync changed, by node label / relationship type."""

    nodes_created: dict[str, int] = field(default_factory=dict)
    nodes_updated: dict[str, int] = field(default_factory=dict)
    nodes_deleted: dict[str, int] = field(default_factory=dict)
    rels_created: dict[str, int] = field(default_factory=dict)
    rels_deleted: dict[str, int] = field(default_factory=dict)
    full_reload: bool = False

    def summary(self) -> str:
        """A one-line summary of what the sync created, updated and deleted."""
        def total(d: dict[str, int]) -> int:
            return sum(d.values())

        return (
            f"{total(self.nodes_created)} nodes created, {total(self.nodes_updated)} updated, "
            f"{total(self.nodes_deleted)} deleted; {total(self.rels_created)} relationships created, "
            f"{total(self.rels_deleted)} deleted"
        )


@runtime_checkable
class GraphStore(Protocol):
    """A Cypher-speaking graph database holding a graphbuild graph."""

    name: str

    def sync(self, tables: GraphTables, *, progress: Progress | None = None) -> SyncReport:
        """Make the store hold exactly ``tables``: create what is new, update what
        changed, delete what is gone. Running it twice changes nothing the second time.
        """
        ...

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
              timeout: float | None = None) -> list[dict[str, Any]]:
        """Run Cypher with parameters; rows as dicts keyed by the RETURN column names.
        Unless ``write`` is true, a query with a write clause raises ``QueryError``. A query running past
        ``timeout`` seconds (None: the store's own limit; 0: none), its rows' conversion included, is stopped:
        ``QueryTimeoutError``.
        """
        ...

    def rows(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False,
             timeout: float | None = None) -> AbstractContextManager[Rows]:
        """:meth:`query`, its rows as they come (:class:`Rows`): ``with store.rows(cypher) as rows: for row in rows``.
        The result stays open in the store until the ``with`` ends; the time limit covers iterating it too.
        """
        ...

    def counts(self) -> dict[str, int]:
        """Node count per label and relationship count per type."""
        ...

    def close(self) -> None:
        """Release the store's connection or files."""
        ...
