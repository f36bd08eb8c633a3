"""The property-graph schema shared by the networkx graph, the stores and exports.

Node ids are strings: papers ``doi:…``/``arxiv:…``/``title:<hash>``, entities
``entity:<name key>``, authors ``author:<folded name>``. Every node table has
``id`` as its primary key. Types are LadybugDB column types; the Neo4j store
maps them to Neo4j property types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["NODE_TABLES", "REL_TABLES", "ENTITY_ROLE_RELS", "GraphTables"]

NODE_TABLES: dict[str, dict[str, str]] = {
    "Paper": {
        "id": "STRING",
        "title": "STRING",
        "abstract": "STRING",
        "year": "INT64",
        "date": "STRING",
        "venue": "STRING",
        "doi": "STRING",
        "arxiv_id": "STRING",
        "url": "STRING",
        "n_authors": "INT64",
        "external": "BOOLEAN",
    },
    "Entity": {
        "id": "STRING",
        "name": "STRING",
        "type": "STRING",
        "aliases": "STRING[]",
        "family": "STRING",
        "paper_count": "INT64",
        "confidence": "DOUBLE",
    },
    "Author": {
        "id": "STRING",
        "name": "STRING",
        # the name without accents, in lower case (graphbuild.records.folded_name): what a search compares
        "folded": "STRING",
    },
    # a Leiden community of papers and entities (graphbuild.communities), ranked by size
    "Community": {
        "id": "STRING",
        "name": "STRING",
        "rank": "INT64",
        "papers": "INT64",
        "entities": "INT64",
        "first_year": "INT64",
        "last_year": "INT64",
        "top_entities": "STRING[]",
        "top_datasets": "STRING[]",
    },
    # a leaderboard cell: one model on one dataset in one metric and setting (graphbuild.reported)
    "Result": {
        "id": "STRING",
        "model": "STRING",
        "dataset": "STRING",
        "metric": "STRING",
        "setting": "STRING",
        "lower_is_better": "BOOLEAN",
    },
}

_EVIDENCE = {"evidence": "STRING", "char_start": "INT64", "char_end": "INT64", "confidence": "DOUBLE"}

#: relationship type -> (from label, to label, properties)
REL_TABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "PROPOSES": ("Paper", "Entity", dict(_EVIDENCE)),
    "USES": ("Paper", "Entity", dict(_EVIDENCE)),
    "EVALUATES_ON": ("Paper", "Entity", dict(_EVIDENCE)),
    "COMPARES_WITH": ("Paper", "Entity", dict(_EVIDENCE)),
    "VARIANT_OF": ("Entity", "Entity", {}),
    "AUTHORED": ("Author", "Paper", {"position": "INT64"}),
    "CITES": ("Paper", "Paper", {"inferred": "BOOLEAN", "via": "STRING"}),
    "IN_COMMUNITY": ("Paper", "Community", {}),
    "REPORTS": ("Paper", "Result", {
        "metric": "STRING", "value": "DOUBLE", "unit": "STRING", "setting": "STRING", "upper": "DOUBLE",
        "delta": "DOUBLE", "baseline": "STRING", "baseline_value": "DOUBLE", **_EVIDENCE,
    }),
    "OF_MODEL": ("Result", "Entity", {}),
    "ON_DATASET": ("Result", "Entity", {}),
}

#: paper -> entity relationship type for each extraction role
ENTITY_ROLE_RELS = {
    "proposes": "PROPOSES",
    "uses": "USES",
    "evaluates_on": "EVALUATES_ON",
    "compares_with": "COMPARES_WITH",
}


@dataclass(slots=True)
class GraphTables:
    """The graph as rows, the form every store and exporter consumes.

    ``nodes[label]`` is a list of dicts holding every property of
    ``NODE_TABLES[label]`` (missing values as ``None``); ``rels[type]`` is a
    list of dicts with ``from`` and ``to`` node ids plus the properties of
    ``REL_TABLES[type]``. A relationship is identified by (type, from, to):
    there is at most one of each.
    """

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Row count per node label and relationship type."""
        out = {label: len(self.nodes.get(label, [])) for label in NODE_TABLES}
        out.update({rel: len(self.rels.get(rel, [])) for rel in REL_TABLES})
        return out
