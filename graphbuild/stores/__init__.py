"""Graph stores: the embedded LadybugDB store and Neo4j, behind one protocol."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from .base import GraphStore, SyncReport

if TYPE_CHECKING:
    from ..workspace import Workspace

__all__ = ["GraphStore", "SyncReport", "open_store", "STORE_KINDS"]

STORE_KINDS = ("embedded", "neo4j")


def open_store(kind: str, workspace: "Workspace", **options: Any) -> GraphStore:
    """Open a store by name: ``embedded`` (in the workspace) or ``neo4j``.

    Neo4j options: ``uri``, ``user``, ``password``, ``database`` (defaults from
    the workspace's settings; the password from ``NEO4J_PASSWORD``).
    """
    if kind == "embedded":
        from .embedded import EmbeddedStore

        return EmbeddedStore(workspace.path / "db", read_only=options.get("read_only", False))
    if kind == "neo4j":
        from .neo4j import Neo4jStore

        s = workspace.settings
        return Neo4jStore(
            options.get("uri") or s.neo4j_uri,
            options.get("user") or s.neo4j_user,
            options.get("password") if options.get("password") is not None else os.environ.get("NEO4J_PASSWORD"),
            options.get("database") or s.neo4j_database,
        )
    raise StoreError(f"unknown store {kind!r}; choose one of {', '.join(STORE_KINDS)}")
