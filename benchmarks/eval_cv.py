"""The held-out figures of every extraction round, from one command: five ways to split the annotated papers.

Each way fits the decision models on some papers (as ``graphbuild train``
fits them: whole text and title alone) and scores others, never a paper on
both sides:

``cv``
    five-fold cross-validation by paper, the split of
    ``graphbuild eval entities --cv 5`` (``GroupKFold``);
``cv3``
    the same five folds drawn at random, three times (seeds 0, 1, 2), pooled:
    how much of a change is the split's luck;
``ab``
    two halves drawn at random (seed 0): fitted on one, scored on the other,
    both ways; a model trained on half as much text;
``late``
    fitted on the earlier 70% of the papers (by year, then id), scored on the
    later 30%: names the training years never saw;
``upper``
    ``cv`` with each test paper's title in capitals (as many BibTeX exports
    and PDF metadata write them); training text unchanged.

Prints one line per way (``--only cv,upper`` picks some) and, with
``--json``, their scores as JSON. Run (a few minutes on one core)::

    python benchmarks/eval_cv.py --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from typing import Any

from _annotated import add_papers_argument
from _annotated import examples as annotated_examples

WAYS = ("cv", "cv3", "ab", "late", "upper")
#: the share of papers, oldest first, that ``late`` fits on
EARLY_SHARE = 0.7


def _random_folds(n: int, k: int, seed: int) -> list[tuple[list[int], list[int]]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    fold_of = {i: pos % k for pos, i in enumerate(order)}
    return [([i for i in range(n) if fold_of[i] != f], [i for i in range(n) if fold_of[i] == f]) for f in range(k)]


def _line(way: str, s: dict[str, Any]) -> str:
    return (f"{way:6} F1 {s['f1']:.4f} P {s['precision']:.4f} R {s['recall']:.4f} type {s['type_accuracy']:.4f} "
            f"prop {s['proposed_recall']:.4f} pp {s['proposed_precision']:.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_papers_argument(ap)
    ap.add_argument("--only", default=",".join(WAYS), help=f"comma-separated, of {', '.join(WAYS)} (default: all)")
    ap.add_argument("--json", action="store_true", help="also print every way's scores as one JSON object")
    args = ap.parse_args(argv)
    ways = [w.strip() for w in args.only.split(",") if w.strip()]
    unknown = [w for w in ways if w not in WAYS]
    if unknown:
        ap.error(f"unknown way(s) {', '.join(unknown)}; choose from {', '.join(WAYS)}")

    from graphbuild.nlp import train

    gaz, examples = annotated_examples(args.papers)
    # the papers' records, for their years (``late``)
    papers = train.papers_by_id([args.papers])
    years = [getattr(papers.get(ex.paper_id.casefold()), "year", None) or 0 for ex in examples]
    out: dict[str, Any] = {}
    for way in ways:
        start = time.perf_counter()
        if way == "cv":
            s = train.cross_validate(examples, gaz, k=5)
        elif way == "cv3":
            folds = [f for seed in range(3) for f in _random_folds(len(examples), 5, seed)]
            s = train.cross_validate(examples, gaz, folds=folds)
        elif way == "ab":
            (a, b), _ = _random_folds(len(examples), 2, 0)
            s = train.cross_validate(examples, gaz, folds=[(a, b), (b, a)])
        elif way == "late":
            order = sorted(range(len(examples)), key=lambda i: (years[i], examples[i].paper_id))
            cut = int(len(order) * EARLY_SHARE)
            s = train.cross_validate(examples, gaz, folds=[(order[:cut], order[cut:])])
        else:
            _, upper = annotated_examples(args.papers, lambda p: dataclasses.replace(p, title=p.title.upper()))
            upper_of = {ex.paper_id: ex for ex in upper}
            s = train.cross_validate(examples, gaz, k=5, read=lambda ex, of=upper_of: of[ex.paper_id])
        out[way] = s
        print(f"{_line(way, s)}  ({time.perf_counter() - start:.0f} s)", flush=True)
    if args.json:
        json.dump(out, sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
