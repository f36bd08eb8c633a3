"""Benchmark the embedded store on a synthetic corpus and time every named query.

    python benchmarks/bench_store.py [--papers 100000] [--dir /tmp/bench-db]

Builds a deterministic synthetic graph (entity popularity is Zipf-like, so the
default entities "BERT" and "ImageNet" are hubs), then prints: the initial
sync (COPY load), a no-op sync, an incremental sync adding 1,000 papers, and
the median of 5 runs (after a warm-up) of each named query with its defaults.
Targets: load under 30 s, each query under 200 ms.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from graphbuild.errors import QueryError
from graphbuild.library import bind_params, load_library
from graphbuild.schema import REL_TABLES, GraphTables
from graphbuild.stores.embedded import EmbeddedStore

ROLES = ["PROPOSES", "USES", "EVALUATES_ON", "COMPARES_WITH"]
TYPES = ["Method", "Model", "Dataset", "Task", "Metric"]


def synthetic_tables(n_papers: int, *, n_entities: int = 3000, links: int = 8, cites: int = 5,
                     n_authors: int | None = None, seed: int = 7, start: int = 0) -> GraphTables:
    """A reproducible graph: papers ``P<start>…``, entities, authors, links and citations."""
    rng = random.Random(seed)
    n_authors = n_authors or max(n_papers // 3, 10)
    entities = []
    for i in range(n_entities):
        name = {0: "BERT", 1: "ImageNet"}.get(i, f"Entity-{i}")
        type_ = {0: "Model", 1: "Dataset"}.get(i, TYPES[i % len(TYPES)])
        family = f"entity:e{i - 1}" if i > 2 and i % 50 == 0 else None
        entities.append({"id": f"entity:e{i}", "name": name, "type": type_,
                         "aliases": [name.lower()] if i % 3 == 0 else [], "family": family, "paper_count": 0})
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_entities)]
    papers, rels = [], {rel: [] for rel in REL_TABLES}
    authors = {}
    for k in range(start, start + n_papers):
        pid = f"P{k:07d}"
        papers.append({"id": pid, "title": f"Synthetic paper {k}", "abstract": f"Abstract of paper {k}.",
                       "year": 2000 + k % 25, "date": None, "venue": "Venue", "doi": None, "arxiv_id": None,
                       "url": None, "n_authors": 3, "external": False})
        for ent in sorted(set(rng.choices(range(n_entities), weights=weights, k=links))):
            rel = ROLES[0] if rng.random() < 0.1 else rng.choice(ROLES[1:])
            rels[rel].append({"from": pid, "to": f"entity:e{ent}", "evidence": "synthetic evidence",
                              "char_start": 0, "char_end": 18})
        if k > 0:
            for target in sorted(set(rng.randrange(0, k) for _ in range(cites))):
                rels["CITES"].append({"from": pid, "to": f"P{target:07d}", "inferred": rng.random() < 0.2, "via": None})
        for pos, a in enumerate(sorted(set(rng.randrange(n_authors) for _ in range(3)))):
            aid = f"author:a{a}"
            authors[aid] = {"id": aid, "name": f"Author {a}"}
            rels["AUTHORED"].append({"from": aid, "to": pid, "position": pos})
    for ent in entities:
        if ent["family"]:
            rels["VARIANT_OF"].append({"from": ent["id"], "to": ent["family"]})
    authors_sorted = sorted(authors.values(), key=lambda r: r["id"])
    return GraphTables(nodes={"Paper": papers, "Entity": entities, "Author": authors_sorted}, rels=rels)


def merge(base: GraphTables, extra: GraphTables) -> GraphTables:
    """``base`` plus the papers, authors and relationships of ``extra`` (entities from base)."""
    authors = {r["id"]: r for r in base.nodes["Author"] + extra.nodes["Author"]}
    return GraphTables(
        nodes={"Paper": base.nodes["Paper"] + extra.nodes["Paper"], "Entity": base.nodes["Entity"],
               "Author": sorted(authors.values(), key=lambda r: r["id"])},
        rels={rel: base.rels[rel] + (extra.rels[rel] if rel != "VARIANT_OF" else []) for rel in REL_TABLES},
    )


def timed(fn, *args: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def main(argv: list[str] | None = None) -> None:  # noqa: C901
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the database (default: a temp dir)")
    args = parser.parse_args(argv)
    root = args.dir or Path(tempfile.mkdtemp(prefix="graphbuild-bench-"))
    db = root / "db"
    shutil.rmtree(db, ignore_errors=True)

    t, base = timed(synthetic_tables, args.papers)
    counts = base.counts()
    print(f"synthetic graph built in {t:.1f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    store = EmbeddedStore(db)
    t, report = timed(store.sync, base)
    print(f"initial sync (load)          {t:8.2f} s   {report.summary()}")
    t, report = timed(store.sync, base)
    print(f"no-op sync                   {t:8.2f} s   {report.summary()}")
    grown = merge(base, synthetic_tables(1000, seed=11, start=args.papers))
    t, report = timed(store.sync, grown)
    print(f"incremental sync (+1,000)    {t:8.2f} s   {report.summary()} full_reload={report.full_reload}")
    store.close()

    store = EmbeddedStore(db, read_only=True, query_timeout_ms=10_000)
    print(f"\n{'query':<22}{'median ms':>10}{'rows':>7}")
    for name, query in sorted(load_library().items()):
        cypher, params = query.cypher_for(store.name), bind_params(query)
        try:
            rows = store.query(cypher, params)  # warm-up
        except QueryError as exc:
            print(f"{name:<22}{'failed':>10}        {exc}")
            continue
        times = []
        for _ in range(5):
            t, _ = timed(store.query, cypher, params)
            times.append(t)
        median = statistics.median(times) * 1000
        flag = "" if median < 200 else "  (over 200 ms)"
        print(f"{name:<22}{median:>10.1f}{len(rows):>7}{flag}")
    store.close()
    if args.dir is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
