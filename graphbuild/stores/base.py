"""The store interface: one protocol, an embedded and a Neo4j implementation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..progress import Progress
from ..schema import GraphTables

__all__ = ["GraphStore", "SyncReport", "Progress"]


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
        changed, delete what is gone. Running it twice changes nothing the second time."""
        ...

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> list[dict[str, Any]]:
        """Run Cypher with parameters; rows as dicts keyed by the RETURN column names.
        Unless ``write`` is true, a query with a write clause raises ``QueryError``."""
        ...

    def counts(self) -> dict[str, int]:
        """Node count per label and relationship count per type."""
        ...

    def close(self) -> None: ...
