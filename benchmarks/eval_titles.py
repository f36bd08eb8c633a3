"""Extraction from a title alone: the annotated papers cross-validated with their abstracts taken away.

Many records of a real library (BibTeX, DBLP and ACM exports) carry a title and
nothing else. Five-fold cross-validation by paper (``GroupKFold``, as
``graphbuild eval entities --cv 5``): the decision models are fitted on the
training folds as ``graphbuild train`` fits them (each paper's whole text and
its title alone), and each test paper is read from its title alone, scored
against the annotated entities whose name or an alias the title writes
(:func:`graphbuild.nlp.train.make_examples` makes both). ``--upper`` writes
every title in capitals; ``--errors`` lists the errors.

Run (about half a minute on one core)::

    python benchmarks/eval_titles.py --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json

from _annotated import add_papers_argument
from _annotated import examples as annotated_examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_papers_argument(ap)
    ap.add_argument("--upper", action="store_true", help="every title in capitals")
    ap.add_argument("--errors", action="store_true", help="then list the pooled predictions' errors, one JSON "
                    "line each (misses, wrong types, spurious names, wrong proposed marks), the title first")
    args = ap.parse_args(argv)

    from graphbuild.nlp import train

    gaz, examples = annotated_examples(
        args.papers, (lambda p: dataclasses.replace(p, title=p.title.upper())) if args.upper else None)
    examples = [ex for ex in examples if ex.bare is not None]

    def title_alone(ex: train.Example) -> train.Example:
        assert ex.bare is not None
        return ex.bare

    s = train.cross_validate(examples, gaz, read=title_alone, with_errors=args.errors)
    print(f"{len(examples)} titles alone, {sum(len(title_alone(ex).gold) for ex in examples)} annotated entities "
          f"they name {'(in capitals)' if args.upper else ''}: F1 {s['f1']:.4f} precision {s['precision']:.4f} "
          f"recall {s['recall']:.4f} type accuracy {s['type_accuracy']:.4f} proposed-recall "
          f"{s['proposed_recall']:.4f} proposed-precision {s['proposed_precision']:.4f}")
    for error in s.get("errors", ()):
        print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
