"""Graph stores: the embedded LadybugDB store and Neo4j, behind one protocol.

This package knows nothing of workspaces: :func:`open_store` takes the
store's folder (embedded) and the settings (Neo4j address).
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import StoreError
from ..settings import Settings
from .base import GraphStore, QueryTimeoutError, SyncReport

__all__ = ["GraphStore", "QueryTimeoutError", "SyncReport", "open_store", "STORE_KINDS"]

STORE_KINDS = ("embedded", "neo4j")


def open_store(kind: str, path: str | os.PathLike | None = None, settings: Settings | None = None,
               **options: Any) -> GraphStore:
    """Open a store by name.

    Parameters
    ----------
    kind : ``embedded`` or ``neo4j``.
    path : the embedded store's folder (e.g. a workspace generation's ``db``);
        unused for Neo4j.
    settings : defaults for the Neo4j ``uri``, ``user`` and ``database``, and both stores' ``query_timeout``.
    **options : ``query_timeout`` (seconds a query may run, 0: no limit; both stores); ``read_only``
        (embedded); ``uri``, ``user``, ``password``, ``database`` (Neo4j; the password defaults to
        ``NEO4J_PASSWORD``).

    Raises
    ------
    StoreError
        For an unknown kind, or an embedded store without a path.
    """
    s = settings or Settings()
    timeout = options.get("query_timeout")
    timeout = s.query_timeout if timeout is None else timeout
    if kind == "embedded":
        from .embedded import EmbeddedStore

        if path is None:
            raise StoreError("the embedded store needs a folder; pass the path of its database folder")
        return EmbeddedStore(path, read_only=options.get("read_only", False), query_timeout=timeout)
    if kind == "neo4j":
        from .neo4j import Neo4jStore

        password = options.get("password")
        return Neo4jStore(
            options.get("uri") or s.neo4j_uri,
            options.get("user") or s.neo4j_user,
            password if password is not None else os.environ.get("NEO4J_PASSWORD"),
            options.get("database") or s.neo4j_database,
            query_timeout=timeout,
        )
    raise StoreError(f"unknown store {kind!r}; choose one of {', '.join(STORE_KINDS)}")
