"""Extraction from a title alone: the annotated papers cross-validated with their abstracts taken away.

Many records of a real library (BibTeX, DBLP and ACM exports) carry a title and
nothing else. Five-fold cross-validation by paper (``GroupKFold``, as
``graphbuild eval entities --cv 5``): the decision models are fitted on the
training folds as ``graphbuild train`` fits them (each paper's whole text and
its title alone), and each test paper is read from its title alone, scored
against the annotated entities whose name or an alias the title writes
(:func:`graphbuild.nlp.train.make_examples` makes both). ``--upper`` writes
every title in capitals.

Run (about half a minute on one core)::

    python benchmarks/eval_titles.py --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    default_papers = Path(os.environ.get("GRAPHBUILD_SHARED", "../shared")) / "eval" / "related" / "papers_dev.jsonl"
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", default=str(default_papers), help="the annotated papers' records (JSONL)")
    ap.add_argument("--upper", action="store_true", help="every title in capitals")
    args = ap.parse_args(argv)
    if not Path(args.papers).is_file():
        sys.exit(f"[E101] {args.papers}: not found; set GRAPHBUILD_SHARED or give --papers")

    from graphbuild.nlp import train
    from graphbuild.nlp.pipeline import make_pipeline

    nlp = make_pipeline(proposers_only=True)
    papers = train.papers_by_id([args.papers])
    if args.upper:
        upper = {id(p): dataclasses.replace(p, title=p.title.upper()) for p in papers.values()}
        papers = {key: upper[id(p)] for key, p in papers.items()}
    examples = [ex for ex in train.make_examples(train.read_annotations(train.SHIPPED_ANNOTATIONS), papers, nlp)
                if ex.bare is not None]

    def title_alone(ex: train.Example) -> train.Example:
        assert ex.bare is not None
        return ex.bare

    s = train.cross_validate(examples, train._gazetteer(nlp), read=title_alone)
    print(f"{len(examples)} titles alone, {sum(len(title_alone(ex).gold) for ex in examples)} annotated entities "
          f"they name {'(in capitals)' if args.upper else ''}: F1 {s['f1']:.4f} precision {s['precision']:.4f} "
          f"recall {s['recall']:.4f} type accuracy {s['type_accuracy']:.4f} proposed-recall "
          f"{s['proposed_recall']:.4f} proposed-precision {s['proposed_precision']:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
