"""Adding papers to a built corpus: how many cached papers are extracted again, and whether the result
is what a fresh build of all the papers makes.

Extracts the first N papers of INPUT, then all of them with that cache (``graphbuild.stages``, the
shipped pipeline), for each N of ``--first`` (fractions of the corpus), and prints the cached papers
extracted again, the cached papers the plain reuse of every cached extraction would have left different
from a fresh build, and whether the incremental extraction equals the fresh one.

    python benchmarks/bench_incremental.py ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import time

from graphbuild import stages
from graphbuild.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="paper file (any format graphbuild build reads)")
    parser.add_argument("--first", type=float, nargs="+", default=[0.5, 0.9, 0.99],
                        help="the share of the papers built first (default: 0.5 0.9 0.99)")
    args = parser.parse_args()
    papers = stages.merge(stages.read([args.input]).papers).papers
    nlp, _ = stages.load_pipeline(Settings())
    fingerprint = stages.pipeline_fingerprint(Settings())
    fresh = stages.extract(papers, nlp, fingerprint=fingerprint).by_paper
    print("| built first | added | cached papers extracted again | cached papers plain reuse leaves different "
          "| identical to a fresh build | check, CPU s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for share in args.first:
        n = int(len(papers) * share)
        first = stages.extract(papers[:n], nlp, fingerprint=fingerprint).by_paper
        cpu = time.process_time()
        plan = stages.pending(papers, fingerprint=fingerprint, cache=first)
        cpu = time.process_time() - cpu
        added = stages.extract(papers, nlp, plan=plan).by_paper
        stale = sum(first[p.id].extraction != fresh[p.id].extraction for p in papers[:n])
        same = all(added[p.id].extraction == fresh[p.id].extraction for p in papers)
        print(f"| {n} | {len(papers) - n} | {len(plan.todo) - (len(papers) - n)} of {n} | {stale} | "
              f"{'yes' if same else 'NO'} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
