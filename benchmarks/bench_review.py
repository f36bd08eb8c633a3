"""Benchmark ``graphbuild review`` on a real corpus: how long the suggestions take, and the top ones.

    python benchmarks/bench_review.py [--papers ../shared/eval/related/papers_dev.jsonl]  # or GRAPHBUILD_SHARED
                                      [--workspace benchmarks/out/review-ws] [--top 15] [--runs 5]

Builds (or reuses) a workspace from the papers, then times, each as the median
of ``--runs`` runs: loading the graph and extractions of the live generation,
and :func:`graphbuild.review.suggest` (duplicates, type conflicts, doubtful
entities). Prints the counts by kind and the top suggestions with their
evidence, to be checked by hand. The target is under 2 s for 1,000 papers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.review import suggest
from graphbuild.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GRAPHBUILD_SHARED", ROOT.parent / "shared"))


def _median_seconds(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", default=str(SHARED / "eval" / "related" / "papers_dev.jsonl"))
    parser.add_argument("--workspace", default=str(ROOT / "benchmarks" / "out" / "review-ws"))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    ws = Workspace(args.workspace)
    start = time.perf_counter()
    report = ws.build([args.papers], overview=False)
    print(f"build: {time.perf_counter() - start:.1f} s ({report.papers_total} papers, "
          f"{report.stats['nodes'].get('Entity', 0)} entities; {report.extracted} extracted now)")

    def load():
        fresh = Workspace(args.workspace)
        return fresh.graph(), [c.extraction for c in fresh.extractions().values()]

    load_s, (graph, extractions) = _median_seconds(load, args.runs)
    gaz = load_gazetteer(ws.settings.gazetteer)
    suggest_s, found = _median_seconds(
        lambda: suggest(graph, extractions, known=lambda name: gaz.lookup(name) is not None), args.runs)
    print(f"load graph + extractions: {load_s * 1000:.0f} ms (median of {args.runs})")
    print(f"suggest: {suggest_s * 1000:.0f} ms (median of {args.runs}); total {(load_s + suggest_s):.2f} s")
    print("suggestions by kind: " + ", ".join(f"{k} {n}" for k, n in Counter(s.kind for s in found).items()))
    for s in found[:args.top]:
        print(f"\n{s.id}  {s.kind}, {s.papers} paper(s): {s.reason}\n    -> {s.op.describe()}")
        for pid, sentence in s.evidence[:2]:
            print(f"    {pid}: {sentence[:150]}")


if __name__ == "__main__":
    main()
