"""Push a synthetic graph into Neo4j and report throughput.

Usage::

    export $(tests/neo4j-server/run.sh start)
    /work/venv/bin/python benchmarks/bench_neo4j_push.py [--papers 100000] [--batch-size 10000]

Builds :class:`~graphbuild.schema.GraphTables` directly (deterministic seed):
``--papers`` papers, ~3% as many entities (3,000 for 100,000 papers), ~8 entity
links per paper, 1-4 authors per paper and ~2 citations per paper. It wipes
graphbuild's data from the database, pushes once (everything is new), pushes
again (nothing changed) and prints seconds, nodes/s and relationships/s. The
database is wiped again at the end unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from typing import Any

from graphbuild.records import ENTITY_TYPES
from graphbuild.schema import NODE_TABLES, REL_TABLES, GraphTables
from graphbuild.stores.neo4j import Neo4jStore

__all__ = ["synthetic_tables", "main"]

_ROLES = ("PROPOSES", "USES", "EVALUATES_ON", "COMPARES_WITH")
_WORDS = ("adapter", "low-rank", "sparse", "transformer", "vision", "language", "retrieval", "graph",
          "contrastive", "diffusion", "quantized", "benchmark", "robust", "efficient", "scaling")


def _node(label: str, **values: Any) -> dict[str, Any]:
    row = {col: None for col in NODE_TABLES[label]}
    row.update(values)
    return row


def _rel(rel: str, src: str, dst: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"from": src, "to": dst}
    row.update({col: None for col in REL_TABLES[rel][2]})
    row.update(values)
    return row


def synthetic_tables(n_papers: int, seed: int = 7, links_per_paper: int = 8,
                     cites_per_paper: int = 2) -> GraphTables:
    """A reproducible graph of ``n_papers`` papers, shaped like a real corpus."""
    rng = random.Random(seed)
    n_entities = max(10, n_papers * 3 // 100)
    n_authors = max(10, n_papers * 3 // 10)
    tables = GraphTables(nodes={label: [] for label in NODE_TABLES}, rels={rel: [] for rel in REL_TABLES})
    entity_ids = [f"entity:e{i}" for i in range(n_entities)]
    for i, eid in enumerate(entity_ids):
        family = entity_ids[i - 1] if i % 10 == 9 else None
        tables.nodes["Entity"].append(_node(
            "Entity", id=eid, name=f"Entity-{i}", type=ENTITY_TYPES[i % len(ENTITY_TYPES)],
            aliases=[f"ent {i}"] if i % 3 == 0 else [], family=family, paper_count=0))
        if family:
            tables.rels["VARIANT_OF"].append(_rel("VARIANT_OF", eid, family))
    for i in range(n_authors):
        tables.nodes["Author"].append(_node("Author", id=f"author:a{i}", name=f"Author {i}"))
    # skewed entity popularity, as in real corpora
    cum_weights, total = [], 0.0
    for k in range(n_entities):
        total += 1.0 / (1 + k) ** 0.8
        cum_weights.append(total)
    population = range(n_entities)
    for i in range(n_papers):
        pid = f"arxiv:{2000 + i // 10000:04d}.{i % 10000:05d}"
        title = " ".join(rng.choice(_WORDS) for _ in range(6))
        authors = rng.sample(range(n_authors), rng.randint(1, 4))
        tables.nodes["Paper"].append(_node(
            "Paper", id=pid, title=title, abstract=f"We study {title}. " * 5, year=2015 + i % 10,
            arxiv_id=pid.split(":", 1)[1], n_authors=len(authors), external=False))
        for pos, a in enumerate(authors):
            tables.rels["AUTHORED"].append(_rel("AUTHORED", f"author:a{a}", pid, position=pos))
        linked: set[int] = set()
        while len(linked) < min(links_per_paper, n_entities):
            linked.update(rng.choices(population, cum_weights=cum_weights, k=links_per_paper - len(linked)))
        for k, e in enumerate(sorted(linked)):
            rel = _ROLES[k % len(_ROLES)]
            text = f"{title[:30]} with Entity-{e}"
            tables.rels[rel].append(_rel(rel, pid, entity_ids[e], evidence=text, char_start=0, char_end=len(text)))
        if i > 0:
            for c in sorted({rng.randrange(i) for _ in range(cites_per_paper)}):
                cited = tables.nodes["Paper"][c]["id"]
                tables.rels["CITES"].append(_rel("CITES", pid, cited, inferred=False, via=None))
    for rows in tables.rels.values():  # graph_to_tables gives rows sorted; mimic it
        rows.sort(key=lambda r: (r["from"], r["to"]))
    return tables


def _timed_push(store: Neo4jStore, tables: GraphTables, what: str) -> None:
    start = time.perf_counter()
    report = store.sync(tables)
    seconds = time.perf_counter() - start
    counts = tables.counts()
    nodes = sum(counts[label] for label in NODE_TABLES)
    rels = sum(counts[rel] for rel in REL_TABLES)
    print(f"{what}: {seconds:.1f} s for {nodes:,} nodes and {rels:,} relationships "
          f"({nodes / seconds:,.0f} nodes/s, {rels / seconds:,.0f} relationships/s)")
    print(f"  {report.summary()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="leave the pushed graph in the database")
    args = parser.parse_args(argv)
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        print("set NEO4J_URI (and NEO4J_PASSWORD): export $(tests/neo4j-server/run.sh start)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    tables = synthetic_tables(args.papers)
    print(f"built synthetic tables in {time.perf_counter() - start:.1f} s: {tables.counts()}")
    with Neo4jStore(uri, password=os.environ.get("NEO4J_PASSWORD"), batch_size=args.batch_size) as store:
        store.wipe()
        _timed_push(store, tables, "first push (all new)")
        _timed_push(store, tables, "second push (unchanged)")
        if not args.keep:
            start = time.perf_counter()
            deleted = store.wipe()
            print(f"wipe: {deleted:,} nodes in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
