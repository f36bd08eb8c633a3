"""Ranking of candidates outside the corpus (`related --external`, `expand`): time at scale.

A synthetic citation graph from a fixed seed: N corpus papers and 4N cited
stubs, each corpus paper citing 20 papers (70 % stubs, 30 % corpus papers,
drawn with a popularity skew), titles and abstracts from a small vocabulary.
Ranks every stub against the whole corpus (the default of
``related --external``) and against 3 seed papers (what ``expand`` does).

    python benchmarks/bench_expand_rank.py --n 5000
"""

from __future__ import annotations

import argparse
import random
import time

import networkx as nx

from graphbuild.expand import rank_candidates

WORDS = ("graph neural network attention transformer adapter low rank retrieval language model "
         "benchmark dataset vision diffusion reinforcement policy contrastive embedding sparse "
         "quantization distillation pruning token decoding alignment reward").split()


def synthetic(n: int, seed: int = 0) -> tuple[nx.MultiDiGraph, list[str], list[str]]:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    corpus = [f"p{i}" for i in range(n)]
    stubs = [f"s{i}" for i in range(4 * n)]

    def text(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k))

    for pid in corpus:
        graph.add_node(pid, label="Paper", title=text(8), abstract=text(120), year=2020, external=False)
    for sid in stubs:
        graph.add_node(sid, label="Paper", title=text(8), year=2015, external=True)
    for pid in corpus:
        for _ in range(20):
            pool = stubs if rng.random() < 0.7 else corpus
            target = pool[min(int(rng.paretovariate(1.2)) - 1, len(pool) - 1) if rng.random() < 0.3
                          else rng.randrange(len(pool))]
            if target != pid:
                graph.add_edge(pid, target, key="CITES", inferred=False)
    return graph, corpus, stubs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="corpus papers (stubs: 4n)")
    args = parser.parse_args()
    import sklearn.feature_extraction.text  # noqa: F401  (imported once per process; not timed)

    start = time.perf_counter()
    graph, corpus, stubs = synthetic(args.n)
    print(f"graph: {len(corpus)} corpus papers, {len(stubs)} stubs, {graph.number_of_edges()} citations "
          f"({time.perf_counter() - start:.1f} s to generate)")
    for label, focus in (("whole corpus", corpus), ("3 seeds", corpus[:3])):
        start = time.perf_counter()
        ranked = rank_candidates(graph, stubs, focus)
        took = time.perf_counter() - start
        print(f"rank {len(stubs)} stubs against {label}: {took:.2f} s; top score {ranked[0].score:.3f}, "
              f"{sum(1 for c in ranked if c.reasons)} with reasons")


if __name__ == "__main__":
    main()
