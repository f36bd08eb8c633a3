"""Benchmark: related-work index build and query latency on a synthetic 100,000-paper graph.

The graph is made directly with :func:`graphbuild.graph.build_graph` (no NLP pass):
papers draw ~80-word abstracts from one of 60 topics (each a small vocabulary) plus
common words, link to ~5 entities (Zipf-like popularity, roles mixed), have 1-5 authors
from a pool, and cite ~5 earlier papers, mostly from their own topic. Seeded, so every
run builds the same graph.

Reports the index build time, its size on disk (``index.npz`` + ``index.json``
as :meth:`RelatedIndex.save` writes them), the peak resident memory of the
process, and the median / p95 latency of paper-id and free-text queries
(k = 10, reasons included; free text skips the NLP pass, whose cost is the
extraction benchmark's).

Run::

    python benchmarks/bench_related.py [--papers 100000] [--queries 50]

Targets (issue 15 / 14): index under 600 MB and median query under 50 ms at 100,000 papers.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from graphbuild.graph import build_graph
from graphbuild.records import Citation, Entity, Extraction, Link, Paper, entity_id
from graphbuild.related import RelatedIndex, related_papers

ROLES = ("proposes", "uses", "uses", "uses", "evaluates_on", "evaluates_on", "compares_with")


def _words(rng: np.random.Generator, count: int, length: tuple[int, int] = (4, 9)) -> list[str]:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    out: set[str] = set()
    while len(out) < count:
        out.add("".join(rng.choice(letters, size=int(rng.integers(*length)))))
    return sorted(out)


def synthetic_graph(n_papers: int, seed: int = 7):
    """A deterministic synthetic corpus graph of ``n_papers`` papers."""
    rng = np.random.default_rng(seed)
    n_topics = 60
    common = _words(rng, 300)
    topic_words = [_words(rng, 120) for _ in range(n_topics)]
    n_entities = max(50, n_papers // 20)
    entities = [Entity(entity_id(f"ent{i}"), f"Ent-{i}", ("Model", "Method", "Dataset")[i % 3], (),
                       paper_count=0) for i in range(n_entities)]
    # entities belong to topics; popularity is Zipf-like within the corpus
    entity_topic = rng.integers(0, n_topics, size=n_entities)
    by_topic = [np.flatnonzero(entity_topic == t) for t in range(n_topics)]
    authors = [f"Author {i}" for i in range(max(100, n_papers // 3))]
    topics = rng.integers(0, n_topics, size=n_papers)
    years = np.sort(rng.integers(2000, 2026, size=n_papers))  # ids in publication order
    papers, links, citations = [], [], []
    per_topic: list[list[int]] = [[] for _ in range(n_topics)]
    for i in range(n_papers):
        t = int(topics[i])
        own = rng.choice(topic_words[t], size=50)
        other = rng.choice(common, size=30)
        words = list(np.concatenate([own, other]))
        rng.shuffle(words)
        title = " ".join(words[:8]).capitalize()
        n_auth = int(rng.integers(1, 6))
        pid = f"syn:{i:06d}"
        papers.append(Paper(id=pid, title=title, abstract=" ".join(words) + ".", year=int(years[i]),
                            authors=tuple(authors[int(a)] for a in rng.integers(0, len(authors), size=n_auth))))
        pool = by_topic[t] if len(by_topic[t]) else np.arange(n_entities)
        chosen = set(int(pool[min(len(pool) - 1, int(rng.zipf(1.6)) - 1)]) for _ in range(5))
        for e in chosen:
            links.append(Link(pid, entities[e].id, str(rng.choice(ROLES))))
        earlier = per_topic[t]
        if earlier:
            for j in set(int(x) for x in rng.choice(earlier[-2000:], size=min(5, len(earlier)))):
                citations.append(Citation(pid, f"syn:{j:06d}"))
        per_topic[t].append(i)
    return build_graph(papers, entities, links, citations)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _latencies(run, queries) -> str:
    """Median and p95 wall-clock latency, and the median CPU time (less sensitive to a busy machine)."""
    run(queries[0])  # warm-up
    wall, cpu = [], []
    for q in queries:
        start, start_cpu = time.perf_counter(), time.process_time()
        results = run(q)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if not results or not all(r.reasons for r in results):
            raise SystemExit(f"query {q!r} returned no reasoned results")
    wall.sort()
    p95 = wall[min(len(wall) - 1, int(round(0.95 * (len(wall) - 1))))]
    return (f"median {statistics.median(wall):.1f} ms, p95 {p95:.1f} ms wall clock; "
            f"median CPU {statistics.median(cpu):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    t0 = time.perf_counter()
    G = synthetic_graph(args.papers, args.seed)
    t1 = time.perf_counter()
    print(f"synthetic graph: {args.papers} papers, {G.number_of_nodes()} nodes, "
          f"{G.number_of_edges()} edges in {t1 - t0:.1f} s; peak RSS so far {_peak_rss_mb():.0f} MB")

    cpu = time.process_time()
    index = RelatedIndex.from_graph(G)
    t2 = time.perf_counter()
    print(f"index build: {t2 - t1:.1f} s wall clock, {time.process_time() - cpu:.1f} s CPU "
          f"(vocabulary {len(index.text.terms)} terms, TF-IDF {index.text.tfidf.nnz} "
          f"non-zeros; LSA {index.topics.coords.shape[1]} dims; walk adjacency {index.walk.adjacency.nnz} non-zeros)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = index.save(Path(tmp) / "related")
        t3 = time.perf_counter()
        size = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
        loaded = RelatedIndex.load(folder)
        t4 = time.perf_counter()
    print(f"index on disk: {size:.0f} MB (save {t3 - t2:.1f} s, load {t4 - t3:.1f} s)")
    del loaded

    rng = np.random.default_rng(args.seed + 1)
    picks = [index.paper_ids[int(r)] for r in rng.choice(index.n_papers, size=args.queries, replace=False)]
    figures = _latencies(lambda pid: related_papers(index, paper_id=pid, k=10), picks)
    print(f"paper-id queries (k=10, reasons included), n={len(picks)}: {figures}")
    none = Extraction(paper_id="", title="", entities=[])
    texts = [index.titles[index.paper_pos[p]] + " " + index.titles[(index.paper_pos[p] + 1) % index.n_papers]
             for p in picks]
    figures = _latencies(lambda t: related_papers(index, text=t, k=10, extract=lambda _: none), texts)
    print(f"free-text queries (two titles, no NLP pass), n={len(texts)}: {figures}")
    print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
