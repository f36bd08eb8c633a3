"""Extraction scored on the invented abstracts of ``benchmarks/invented`` (text nobody tuned for).

Each set is extracted with the shipped pipeline (or ``--spacy-model``) and scored
by ``graphbuild.evaluate.score_entities``, as ``graphbuild eval entities`` scores
a gold file: F1, precision, recall, type accuracy, proposed-recall and
proposed-precision per set, then pooled over the sets asked for. ``--errors SET``
lists one dev set's misses, wrong types, spurious names and wrong proposed marks
(never a test set's: see the folder's README); ``--pooled`` prints the pooled line alone (``--sets test
--pooled``: all a change's author should see of the test sets).
``--agreement`` scores ``second.annotations.jsonl`` (354 papers annotated again, blind, by other
annotators than their writers: 114 of the test sets synth2, synth3 and synth5, 80 of synth26 and synth27,
80 of synth28 and synth29, 80 of synth30 and synth31) against the writers' annotations: the ceiling.

Run (about 5 s a set)::

    python benchmarks/eval_invented.py [--sets dev|test|all] [--spacy-model DIR] [--agreement]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "invented"
SETS = {
    "dev": (
        "synth1", "synth4", "synth6", "synth8", "synth9", "synth12", "synth13", "synth14", "synth16", "synth18",
        "synth20", "synth22", "synth24", "synth26", "synth28", "synth30",
    ),
    "test": (
        "synth2", "synth3", "synth5", "synth7", "synth10", "synth11", "synth15", "synth17", "synth19", "synth21",
        "synth23", "synth25", "synth27", "synth29", "synth31",
    ),
}
# the sets ``second.annotations.jsonl`` annotated again
SECOND = ("synth2", "synth3", "synth5", "synth26", "synth27", "synth28", "synth29", "synth30", "synth31")


def gold_rows(name: str) -> tuple[Path, list[dict[str, Any]]]:
    """The papers file of a set and its annotations as gold rows (with titles, as the scorer matches them).

    Each title is the one the reader gives the record (its LaTeX and tags dropped: ``\\textsc{Zorb}: ...`` is
    ``Zorb: ...``), since the scorer pairs a gold paper with the prediction of the same title: the raw title
    of a record from an arXiv feed matched no prediction, and every name of that paper counted as missed.
    """
    from graphbuild.ingest.fields import clean_text

    papers = HERE / f"{name}.papers.jsonl"
    titles = {row["id"]: clean_text(row["title"])
              for row in map(json.loads, papers.read_text(encoding="utf-8").splitlines())}
    notes = (HERE / f"{name}.annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return papers, [{"title": titles[row["id"]], "entities": row["entities"]} for row in map(json.loads, notes)]


def agreement() -> int:
    """Print the second annotator's scores with the writers' annotations as gold, and the other way round."""
    from graphbuild.evaluate import score_entities

    second = {row["id"]: row for row in map(json.loads, (HERE / "second.annotations.jsonl").read_text(
        encoding="utf-8").splitlines())}
    pairs: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for name in SECOND:
        titles = {row["id"]: row["title"] for row in map(json.loads, (HERE / f"{name}.papers.jsonl").read_text(
            encoding="utf-8").splitlines())}
        gold, other = pairs.setdefault(name, ([], []))
        for row in map(json.loads, (HERE / f"{name}.annotations.jsonl").read_text(encoding="utf-8").splitlines()):
            if row["id"] in second:
                gold.append({"title": titles[row["id"]], "entities": row["entities"]})
                other.append({"title": titles[row["id"]], "entities": second[row["id"]]["entities"]})

    def as_prediction(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**r, "entities": [{**e, "mentions": e.get("aliases", [])} for e in r["entities"]]} for r in rows]

    pooled = ([g for g, _ in pairs.values() for g in g], [o for _, o in pairs.values() for o in o])
    for name, (gold, other) in [*pairs.items(), ("pooled", pooled)]:
        for label, g, p in (("second vs writers", gold, other), ("writers vs second", other, gold)):
            s = score_entities(g, as_prediction(p))
            print(f"{name}, {label} ({len(g)} papers): F1 {s.f1:.4f} precision {s.precision:.4f} recall "
                  f"{s.recall:.4f} type accuracy {s.type_accuracy:.4f} proposed-recall {s.proposed_recall:.4f} "
                  f"proposed-precision {s.proposed_precision:.4f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--spacy-model", default=None, help="a pipeline folder (as `graphbuild train` writes)")
    ap.add_argument("--errors", choices=SETS["dev"], help="list this dev set's errors")
    ap.add_argument("--agreement", action="store_true", help="the second annotation against the writers'")
    ap.add_argument("--pooled", action="store_true",
                    help="print the pooled line alone, no set's own (what a change's author may see of the test sets)")
    ap.add_argument("--split", action="store_true",
                    help="each set's records with a title alone apart from those with an abstract")
    args = ap.parse_args(argv)
    if args.agreement:
        return agreement()

    from graphbuild import Settings, extract
    from graphbuild.evaluate import score_entities

    settings = Settings(spacy_model=args.spacy_model) if args.spacy_model else None
    names = [args.errors] if args.errors else [n for k in ("dev", "test") if args.sets in (k, "all") for n in SETS[k]]
    all_gold: list[dict[str, Any]] = []
    all_pred: list[dict[str, Any]] = []
    print("| set | papers | F1 | precision | recall | type accuracy | proposed-recall | proposed-precision |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in names:
        papers, gold = gold_rows(name)
        pred = [r.to_annotation() for r in extract([str(papers)], settings=settings)]
        all_gold += gold
        all_pred += pred
        s = score_entities(gold, pred)
        if args.pooled and len(names) > 1:
            continue
        print(f"| {name} | {len(gold)} | {s.f1:.4f} | {s.precision:.4f} | {s.recall:.4f} | {s.type_accuracy:.4f} "
              f"| {s.proposed_recall:.4f} | {s.proposed_precision:.4f} |")
        if args.split:
            alone = [not json.loads(line).get("abstract") for line in papers.read_text(encoding="utf-8").splitlines()]
            for label, keep in (("title alone", True), ("with an abstract", False)) if len(set(alone)) > 1 else ():
                rows = [(g, p) for g, p, a in zip(gold, pred, alone) if a == keep]
                if rows:
                    t = score_entities([g for g, _ in rows], [p for _, p in rows])
                    print(f"| {name}, {label} | {len(rows)} | {t.f1:.4f} | {t.precision:.4f} | {t.recall:.4f} "
                          f"| {t.type_accuracy:.4f} | {t.proposed_recall:.4f} | {t.proposed_precision:.4f} |")
        if args.errors:
            for e in s.errors:
                print(json.dumps(e, ensure_ascii=False))
    if len(names) > 1:
        s = score_entities(all_gold, all_pred)
        print(f"| pooled | {len(all_gold)} | {s.f1:.4f} | {s.precision:.4f} | {s.recall:.4f} | {s.type_accuracy:.4f} "
              f"| {s.proposed_recall:.4f} | {s.proposed_precision:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
