"""How the decision layer's figures grow with the number of annotated training papers.

Five-fold cross-validation by paper (``GroupKFold``, as ``graphbuild eval
entities --cv 5``) over the shipped annotations; in every fold the training
papers are cut to a fraction (a random subset, several seeds) before the
decision models are fitted, and the test fold is scored whole. The pooled
F1, type accuracy and proposed-recall are printed per fraction, averaged
over the seeds. The curve says whether more annotation would close the gap
to a target, and at what rate.

Run (about 1 minute a seed and fraction on one core)::

    python benchmarks/learning_curve.py --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import random

import numpy as np
from _annotated import add_papers_argument
from _annotated import examples as annotated_examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_papers_argument(ap)
    ap.add_argument("--fractions", default="0.125,0.25,0.5,0.75,1",
                    help="fractions of each training fold to fit on, comma-separated")
    ap.add_argument("--seeds", type=int, default=3, help="random subsets per fraction below 1")
    args = ap.parse_args(argv)

    from sklearn.model_selection import GroupKFold

    from graphbuild.evaluate import score_entities
    from graphbuild.nlp import train

    gaz, examples = annotated_examples(args.papers)
    folds = list(GroupKFold(n_splits=5).split(np.zeros(len(examples)), groups=[ex.paper_id for ex in examples]))
    gold = train.gold_rows(examples)
    print("fraction | training papers a fold | F1 | type accuracy | proposed-recall | seeds")
    for fraction in (float(f) for f in args.fractions.split(",")):
        seeds = [0] if fraction >= 1 else list(range(args.seeds))
        runs = []
        for seed in seeds:
            preds: list = [None] * len(examples)
            for train_idx, test_idx in folds:
                chosen = list(train_idx)
                random.Random(seed).shuffle(chosen)
                chosen = chosen[: max(1, round(len(chosen) * fraction))]
                model = train.fit([examples[i] for i in chosen], gaz)
                for i, pred in zip(test_idx, train.predict([examples[i] for i in test_idx], model, gaz)):
                    preds[i] = pred
            scores = score_entities(gold, preds).to_dict()
            runs.append((scores["f1"], scores["type_accuracy"], scores["proposed_recall"]))
        f1, types, proposed = np.mean(runs, axis=0)
        size = round(len(folds[0][0]) * fraction)
        print(f"{fraction:g} | {size} | {f1:.4f} | {types:.4f} | {proposed:.4f} | {len(seeds)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
