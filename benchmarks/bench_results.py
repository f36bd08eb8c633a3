"""Reported results: precision/recall on the hand-written sentences, and speed of the report stage.

    python benchmarks/bench_results.py                     # the two sentence sets
    python benchmarks/bench_results.py --corpus ../shared/eval/related/papers_dev.jsonl --show 25

With ``--corpus`` it also builds the entities of a real corpus (extract + resolve),
times ``report_results`` over it and prints ``--show`` results (sentence, model,
dataset, metric, value) for checking by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from graphbuild.results import score_results

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "results"


def sentence_sets() -> None:
    for name in ("sentences.jsonl", "holdout.jsonl"):
        rows = [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line]
        start = time.perf_counter()
        score = score_results(rows)
        took = time.perf_counter() - start
        gold = sum(len(r["results"]) for r in rows)
        print(f"{name}: {len(rows)} sentences ({score['none_sentences']} without a result), {gold} gold results")
        print(f"  precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
              f"(tp {score['tp']}, fp {score['fp']}, fn {score['fn']}); ignoring the metric name: "
              f"precision {score['loose_precision']:.3f} recall {score['loose_recall']:.3f}")
        print(f"  results on sentences without one: {score['false_on_none']};  {len(rows) / took:,.0f} sentences/s")


def corpus(path: str, show: int) -> None:
    from graphbuild import stages
    from graphbuild.settings import Settings

    papers = stages.merge(stages.read([path]).papers).papers
    nlp, gaz = stages.load_pipeline(Settings())
    extracted = stages.extract(papers, nlp)
    resolution = stages.resolve(papers, extracted, gaz)
    start = time.perf_counter()
    reported = stages.report(papers, resolution)
    took = time.perf_counter() - start
    with_any = len({r.paper_id for r in reported})
    print(f"{path}: {len(papers)} papers, {len(reported)} results from {with_any} papers; "
          f"report stage {took:.2f} s ({len(papers) / took:,.0f} papers/s)")
    for rep in random.Random(0).sample(reported, min(show, len(reported))):
        r = rep.result
        print(f"- {r.model} | {r.dataset} | {r.metric} | {r.value:g}{r.unit} | {r.setting or ''}\n    {r.evidence}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", help="a paper file to run the report stage on")
    p.add_argument("--show", type=int, default=0, help="print this many random results from the corpus")
    args = p.parse_args()
    sentence_sets()
    if args.corpus:
        corpus(args.corpus, args.show)


if __name__ == "__main__":
    main()
