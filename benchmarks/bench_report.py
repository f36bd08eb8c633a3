"""Benchmark the report page, trends and communities on a large synthetic graph.

Usage::

    python benchmarks/bench_report.py [--papers 100000] [--entities 20000] [--seed 1]

Figures printed: seconds to build the synthetic graph (not graphbuild's cost),
``trends_summary`` seconds, ``add_communities`` (Leiden) seconds and the
number of communities, ``build_report`` seconds and the page's size in MB, and the whole-graph
overview (a term map at this size): select and render seconds, page size.
Targets at 100,000 papers: the report in under 30 s and under 5 MB.

The corpus: papers spread over 2000-2024 with growth, each linked to 2-8
entities drawn from topic-specific vocabularies (so there are communities)
with Zipf-like popularity, venues from a list of 40, and one planted burst
(``Entity 7`` in 2015-2017).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402

from graphbuild.communities import add_communities  # noqa: E402
from graphbuild.report import build_report  # noqa: E402
from graphbuild.trends import trends_summary  # noqa: E402
from graphbuild.viz import render_html, select_subgraph  # noqa: E402

TYPES = ("Model", "Method", "Dataset", "Task", "Metric")
ROLES = ("PROPOSES", "USES", "USES", "EVALUATES_ON", "COMPARES_WITH")


def synthetic_graph(n_papers: int, n_entities: int, seed: int = 1, topics: int = 40) -> nx.MultiDiGraph:
    """Papers, entities (in ``topics`` vocabularies plus a shared one) and role edges."""
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    for i in range(n_entities):
        G.add_node(f"entity:e{i}", label="Entity", id=f"entity:e{i}", name=f"Entity {i}", type=TYPES[i % 5],
                   aliases=[], family=None, paper_count=0)
    years = np.arange(2000, 2025)
    growth = np.exp(0.12 * (years - 2000))
    paper_years = rng.choice(years, size=n_papers, p=growth / growth.sum())
    topic_of = rng.integers(0, topics, size=n_papers)
    shared = np.arange(0, n_entities // 20)  # common entities every topic uses
    vocab = np.array_split(np.arange(n_entities // 20, n_entities), topics)
    venues = [f"Venue {v}" for v in range(40)]
    for i in range(n_papers):
        year = int(paper_years[i])
        pid = f"P{i}"
        G.add_node(pid, label="Paper", id=pid, title=f"Synthetic paper {i}", year=year,
                   date=f"{year}-{1 + i % 12:02d}-01", venue=venues[int(rng.integers(0, 40))], external=False)
        words = vocab[topic_of[i]]
        k = int(rng.integers(2, 9))
        own = words[np.minimum(rng.zipf(1.6, size=k) - 1, len(words) - 1)]
        common = shared[np.minimum(rng.zipf(1.8, size=1) - 1, len(shared) - 1)]
        for e in {*own.tolist(), *common.tolist()}:
            G.add_edge(pid, f"entity:e{e}", key=ROLES[int(rng.integers(0, 5))])
        if 2015 <= year <= 2017 and rng.random() < 0.3:
            G.add_edge(pid, "entity:e7", key="USES")
    return G


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    t = time.perf_counter()
    G = synthetic_graph(args.papers, args.entities, args.seed)
    print(f"synthetic graph: {args.papers:,} papers, {G.number_of_nodes():,} nodes, "
          f"{G.number_of_edges():,} edges in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    summary = trends_summary(G)
    planted = [b for b in summary["bursts"] if b["name"] == "Entity 7"]
    print(f"trends_summary: {time.perf_counter() - t:.2f} s; {len(summary['bursts']):,} bursts; "
          f"planted burst found as {[(b['start'], b['end']) for b in planted]}")

    t = time.perf_counter()
    add_communities(G)
    n = sum(1 for _, d in G.nodes(data=True) if d.get("label") == "Community")
    print(f"add_communities (Leiden): {time.perf_counter() - t:.2f} s; {n} communities")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        t = time.perf_counter()
        build_report(G, out)
        seconds = time.perf_counter() - t
        size = out.stat().st_size
    print(f"build_report: {seconds:.2f} s, {size / 1e6:.2f} MB (targets: < 30 s, < 5 MB)")

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        selection = select_subgraph(G)  # the whole-graph overview: a term map at this size
        mid = time.perf_counter()
        render_html(selection, Path(tmp) / "overview.html")
        size = (Path(tmp) / "overview.html").stat().st_size
        print(f"overview term map: {selection.shown} entities, {selection.graph.number_of_edges()} links; "
              f"select {mid - t:.2f} s, render {time.perf_counter() - mid:.2f} s, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
