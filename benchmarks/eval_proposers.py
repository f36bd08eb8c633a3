"""The corpus rule for proposers (:mod:`graphbuild.proposers`) on the annotated papers: pooled figures only.

The annotated papers are extracted as one corpus, resolved, and the rule run
over it; each paper's entities are then scored with ``proposed`` as the
graph says it (a PROPOSES edge the rule made USES is no longer proposed).
Printed: the PROPOSES edges before and after, how many changed, and the
pooled proposed-precision and -recall (``graphbuild.evaluate``) without and
with the rule; never a paper's own rows. ``--cv K`` extracts each paper with
the decision models of a K-fold cross-validation that never saw it (as
``graphbuild eval entities --cv``); by default the shipped weights extract
(they were trained on these papers: optimistic).

Run::

    python benchmarks/eval_proposers.py --papers ../shared/eval/related/papers_dev.jsonl --cv 5
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from pathlib import Path
from typing import Any


def _extractions(examples: list[Any], gaz: Any, cv: int) -> list[Any]:
    """Each example's Extraction: from the shipped weights, or out of fold with ``cv`` folds."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from graphbuild.nlp import train
    from graphbuild.nlp.decide import decide, load_model
    from graphbuild.nlp.pipeline import extraction_from

    def run(ex: Any, model: Any) -> Any:
        d = decide(ex.text, ex.sents, ex.title_end, [copy.copy(c) for c in ex.cands], gaz, model,
                   threshold=train.THRESHOLD, proposed_threshold=train.PROPOSED_THRESHOLD, corpus=ex.corpus,
                   lower_threshold=train.LOWER_THRESHOLD)
        return extraction_from(d.cands, ex.text, ex.sents, ex.paper_id, ex.title, gaz)

    if cv <= 1:
        model = load_model()
        return [run(ex, model) for ex in examples]
    out: list[Any] = [None] * len(examples)
    folds = GroupKFold(n_splits=cv).split(np.zeros(len(examples)), groups=[ex.paper_id for ex in examples])
    for train_idx, test_idx in folds:
        model = train.fit([examples[i] for i in train_idx], gaz, C=train.DEFAULT_C)
        for i in test_idx:
            out[i] = run(examples[i], model)
    return out


def _scored(examples: list[Any], extractions: list[Any], demoted: set[tuple[str, str]], forms: dict[str, set[str]]
            ) -> tuple[float, float, int, int]:
    """Pooled proposed-precision and -recall with the ``demoted`` (paper, entity) proposals cleared, and how
    many predictions are wrongly marked proposed and how many gold proposed ones are not marked (counts only).
    """
    from graphbuild.evaluate import score_entities
    from graphbuild.nlp.train import gold_rows
    from graphbuild.records import name_key

    by_paper: dict[str, set[str]] = {}
    for pid, eid in demoted:
        by_paper.setdefault(pid, set()).update(forms[eid])
    preds = []
    for ex in extractions:
        row = ex.to_annotation()
        cleared = by_paper.get(ex.paper_id, set())
        for em, ent in zip(ex.entities, row["entities"]):
            keys = {name_key(em.canonical or em.name), *map(name_key, em.mentions)}
            if ent["proposed"] and keys & cleared:
                ent["proposed"] = False
        preds.append(row)
    scores = score_entities(gold_rows(examples), preds)
    wrong = sum("wrongly_proposed" in e for e in scores.errors)
    missed = sum("not_proposed" in e for e in scores.errors)
    return scores.proposed_precision, scores.proposed_recall, wrong, missed


def main(argv: list[str] | None = None) -> int:
    default_papers = Path(os.environ.get("GRAPHBUILD_SHARED", "../shared")) / "eval" / "related" / "papers_dev.jsonl"
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", default=str(default_papers), help="the annotated papers' records (JSONL)")
    ap.add_argument("--cv", type=int, default=0, help="extract out of fold with K folds (default: shipped weights)")
    args = ap.parse_args(argv)
    if not Path(args.papers).is_file():
        sys.exit(f"[E101] {args.papers}: not found; set GRAPHBUILD_SHARED or give --papers")

    from graphbuild.nlp import train
    from graphbuild.nlp.pipeline import _gazetteer, make_pipeline
    from graphbuild.proposers import settle_proposers
    from graphbuild.records import Paper, name_key
    from graphbuild.resolve import resolve_entities

    nlp = make_pipeline(proposers_only=True)
    gaz = _gazetteer(nlp)
    papers = train.papers_by_id([args.papers])
    examples = train.load_examples([train.SHIPPED_ANNOTATIONS], [args.papers], nlp)
    extractions = _extractions(examples, gaz, args.cv)
    corpus = []
    for ex in examples:
        paper = papers[ex.paper_id.casefold()]
        corpus.append(Paper(title=ex.title, year=paper.year, date=paper.date, id=ex.paper_id))
    before = resolve_entities(extractions, gaz)
    after, changed = settle_proposers(before, corpus, gaz)
    old = {(x.paper_id, x.entity_id): x.role for x in before.links}
    demoted = {(x.paper_id, x.entity_id) for x in after.links if old[(x.paper_id, x.entity_id)] != x.role}
    forms = {e.id: {name_key(f) for f in (e.name, *e.aliases)} for e in before.entities}
    n_before = sum(x.role == "proposes" for x in before.links)
    print(f"papers {len(examples)} (with a year: {sum(p.year is not None for p in corpus)}); "
          f"extraction: {'cv ' + str(args.cv) if args.cv > 1 else 'shipped weights'}")
    print(f"PROPOSES edges: before {n_before}, after {n_before - changed}, changed {changed}")
    for label, cleared in (("without the rule", set()), ("with the rule", demoted)):
        precision, recall, wrong, missed = _scored(examples, extractions, cleared, forms)
        print(f"{label}: proposed-precision {precision:.4f}, proposed-recall {recall:.4f} "
              f"({wrong} marked proposed wrongly, {missed} gold proposed not marked)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
