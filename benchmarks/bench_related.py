"""Benchmark: related-work index build and query latency on a synthetic 100,000-paper graph.

The graph is made directly with :func:`graphbuild.graph.build_graph` (no NLP pass):
papers draw ~80-word abstracts from one of 60 topics (each a small vocabulary) plus
common words, link to ~5 entities (Zipf-like popularity, roles mixed), have 1-5 authors
from a pool, and cite ~5 earlier papers, mostly from their own topic. Seeded, so every
run builds the same graph.

Run::

    /work/venv/bin/python benchmarks/bench_related.py [--papers 100000] [--queries 50]

Target: under 100 ms per paper-id query at 100,000 papers.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from graphbuild.graph import build_graph
from graphbuild.records import Entity, Paper, entity_id
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
            props = {"evidence": "", "char_start": 0, "char_end": 0}
            links.append((pid, entities[e].id, str(rng.choice(ROLES)), props))
        earlier = per_topic[t]
        if earlier:
            for j in set(int(x) for x in rng.choice(earlier[-2000:], size=min(5, len(earlier)))):
                citations.append((pid, f"syn:{j:06d}", {"inferred": False}))
        per_topic[t].append(i)
    return build_graph(papers, entities, links, citations)


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
          f"{G.number_of_edges()} edges in {t1 - t0:.1f} s")

    index = RelatedIndex.from_graph(G)
    t2 = time.perf_counter()
    print(f"index build: {t2 - t1:.1f} s (TF-IDF {index.tfidf.shape[1]} terms, {index.tfidf.nnz} non-zeros; "
          f"LSA {sum(b.shape[1] for b in index.topic_blocks)} dims; adjacency {index.adjacency.nnz} non-zeros)")

    rng = np.random.default_rng(args.seed + 1)
    picks = rng.choice(index.n_papers, size=args.queries, replace=False)
    related_papers(index, paper_id=index.paper_ids[int(picks[0])], k=10)  # warm-up
    latencies = []
    for row in picks:
        start = time.perf_counter()
        results = related_papers(index, paper_id=index.paper_ids[int(row)], k=10)
        latencies.append((time.perf_counter() - start) * 1000)
        if not results or not all(r.reasons for r in results):
            raise SystemExit(f"query {index.paper_ids[int(row)]} returned no reasoned results")
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"paper-id queries (k=10, reasons included), n={len(latencies)}: "
          f"median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")


if __name__ == "__main__":
    main()
