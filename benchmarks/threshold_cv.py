"""The decision thresholds chosen by nested cross-validation, against the shipped ones.

Outer loop: five-fold cross-validation by paper (``GroupKFold``), the split
of ``graphbuild eval entities --cv 5``. In every outer fold the four training
folds are split again by paper (an inner ``GroupKFold``); models fitted on
the inner training parts predict the inner test parts, and the thresholds
with the best pooled objective on those out-of-fold predictions are picked.
The model fitted on the whole outer training part then decides the outer
test fold with the picked thresholds. The pooled figures of the outer test
folds are the nested estimate; the same folds decided with the shipped
thresholds are the baseline.

The four thresholds of :mod:`graphbuild.nlp.decide` are swept:
``threshold``, ``lower_threshold``, ``proposed_threshold`` (parameters of
the decision) and ``LOWER_PROPOSED`` (a module constant, set for the sweep).
Each paper's features are prepared once and each model scores a paper
once; the thresholds enter the decision only through comparisons with
those probabilities, so settings that compare alike share one decision
(a cache keyed by the comparisons' outcomes).

The objective is entity F1 plus proposed-recall (the two figures a change
must not lose); ``--objective f1`` is entity F1 alone, ``f1+propf1`` adds
the F1 of the proposed marks (harmonic mean of proposed-recall and
proposed-precision) instead. Entity F1 counts a lower-case name the gold
does not list as neutral, so lower bars cost it nothing there: the pick is
held to settings whose proposed-precision (on the inner predictions) is not
below the shipped setting's. Only pooled totals are printed.

Run (a few minutes on one core)::

    python benchmarks/threshold_cv.py --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import itertools
import json
import re
import sys
import time
from typing import Any

import numpy as np
from _annotated import add_papers_argument
from _annotated import examples as annotated_examples

#: the sweep (the shipped values are on it)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
LOWER_THRESHOLDS = (0.05, 0.075, 0.1, 0.125, 0.15, 0.2)
PROPOSED_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45)
LOWER_PROPOSED = (0.4, 0.5, 0.6, 0.7, 0.8)
#: per paper: found, gold, unmatched, proposed gold, proposed found, proposed marks right, proposed marks wrong,
#: neutral (unmatched names scoring leaves out: generic, lower-case, or of an unscored type)
N_STATS = 8


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def paper_stats(gold_row: dict[str, Any], pred: dict[str, Any]) -> np.ndarray:
    """One paper's counts (:data:`N_STATS`): those of ``score_entities``, and the proposed marks
    that name a gold proposed entity (by name or mention) or not."""
    from graphbuild.evaluate import score_entities
    from graphbuild.records import SCORED_TYPES

    s = score_entities([gold_row], [pred])
    prop_gold = sum(1 for e in gold_row["entities"] if e.get("type") in SCORED_TYPES and e.get("proposed"))
    forms: dict[str, dict[str, Any]] = {}
    for e in gold_row["entities"]:
        for f in [e["name"], *(e.get("aliases") or [])]:
            forms[_norm(f)] = e
    right = wrong = 0
    for e in pred["entities"]:
        if not e.get("proposed"):
            continue
        keys = {_norm(e["name"]), *(_norm(m) for m in e.get("mentions", []))}
        hit = next((forms[k] for k in keys if k in forms), None)
        if hit is not None and hit.get("proposed"):
            right += 1
        else:
            wrong += 1
    return np.array([s.found, s.gold, s.predicted_unmatched, prop_gold, round(s.proposed_recall * prop_gold),
                     right, wrong, s.neutral], dtype=float)


def figures(t: np.ndarray) -> dict[str, float]:
    """Pooled figures from summed :func:`paper_stats`."""
    found, gold, unmatched, pgold, pfound, right, wrong, neutral = t.tolist()
    p = found / (found + unmatched) if found + unmatched else 0.0
    r = found / gold if gold else 0.0
    pr = pfound / pgold if pgold else 0.0
    pp = right / (right + wrong) if right + wrong else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r, "prop": pr,
            "prop_precision": pp, "prop_f1": 2 * pr * pp / (pr + pp) if pr + pp else 0.0, "neutral": neutral}


class Sweep:
    """Every setting's per-paper counts for the papers one model decides."""

    def __init__(self, gaz: Any, prepared: list[Any], examples: list[Any], settings: list[tuple[float, ...]]):
        self.gaz, self.prepared, self.examples, self.settings = gaz, prepared, examples, settings

    def run(self, model: Any, idx: list[int]) -> np.ndarray:
        from graphbuild.nlp import decide as dm
        from graphbuild.nlp.pipeline import extraction_from
        from graphbuild.nlp.train import gold_rows

        out = np.zeros((len(idx), len(self.settings), N_STATS))
        shipped_lp = dm.LOWER_PROPOSED
        try:
            for row, i in enumerate(idx):
                ex, base = self.examples[i], self.prepared[i]
                gold_row = gold_rows([ex])[0]
                group_probs, type_probs = dm._group_probs([base], model)[0]
                q = 1.0 - group_probs[:, 0]
                chosen_cache: dict[Any, Any] = {}
                done: dict[Any, np.ndarray] = {}
                for k, (t, lo, pt, lp) in enumerate(self.settings):
                    ckey = (tuple(q >= t), tuple(q >= min(t, lo)))
                    if ckey not in chosen_cache:
                        prep = dataclasses.replace(base, cands=[copy.copy(c) for c in base.cands])
                        chosen = dm._choose(prep, group_probs, type_probs, self.gaz, t, lo)
                        chosen_cache[ckey] = (chosen, model.proposed_probs(chosen.rows))
                    chosen, prop = chosen_cache[ckey]
                    key = (ckey, tuple(prop >= pt), tuple(prop >= lp))
                    if key not in done:
                        cands = [copy.copy(c) for c in chosen.prepared.cands]
                        fresh = dm._Chosen(dataclasses.replace(chosen.prepared, cands=cands), chosen.probs,
                                           list(chosen.kept_groups), bytearray(chosen.taken), chosen.rows)
                        dm.LOWER_PROPOSED = lp
                        d = dm._finish(fresh, prop, t, pt)
                        pred = extraction_from(d.cands, ex.text, ex.sents, ex.paper_id, ex.title,
                                               self.gaz).to_annotation()
                        done[key] = paper_stats(gold_row, pred)
                    out[row, k] = done[key]
        finally:
            dm.LOWER_PROPOSED = shipped_lp
        return out


def objective(t: np.ndarray, kind: str) -> float:
    f = figures(t)
    return f["f1"] + {"f1": 0.0, "f1+prop": f["prop"], "f1+propf1": f["prop_f1"]}[kind]


def best_setting(totals: np.ndarray, base: int, kind: str, hold_precision: bool) -> int:
    """The setting (index into ``totals``, summed counts per setting) with the best objective, among
    those whose proposed-precision is not below the shipped setting's (``base``) when held; ties go
    to the lower index."""
    floor = figures(totals[base])["prop_precision"] if hold_precision else 0.0
    allowed = [k for k in range(len(totals)) if figures(totals[k])["prop_precision"] >= floor - 1e-9]
    return max(allowed, key=lambda k: (round(objective(totals[k], kind), 9), -k))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_papers_argument(ap)
    ap.add_argument("--objective", choices=["f1", "f1+prop", "f1+propf1"], default="f1+prop")
    ap.add_argument("--no-hold-precision", dest="hold_precision", action="store_false",
                    help="let the pick lower proposed-precision below the shipped setting's (inner figures)")
    ap.add_argument("--inner", type=int, default=4, help="inner folds per outer training part")
    ap.add_argument("--out", help="write every setting's pooled figures (outer and inner) as JSON here")
    args = ap.parse_args(argv)

    from sklearn.model_selection import GroupKFold

    from graphbuild.nlp import decide as dm
    from graphbuild.nlp import train

    started = time.time()
    gaz, exs = annotated_examples(args.papers)
    prepared = [dm.prepare(ex.text, ex.sents, ex.title_end, [copy.copy(c) for c in ex.cands], gaz, ex.corpus)
                for ex in exs]
    shipped = (dm.THRESHOLD, dm.LOWER_THRESHOLD, dm.PROPOSED_THRESHOLD, dm.LOWER_PROPOSED)
    settings = list(itertools.product(THRESHOLDS, LOWER_THRESHOLDS, PROPOSED_THRESHOLDS, LOWER_PROPOSED))
    if shipped not in settings:
        settings.append(shipped)
    # ties go to the setting nearest the shipped one
    settings.sort(key=lambda s: sum(abs(a - b) for a, b in zip(s, shipped)))
    base = settings.index(shipped)
    sweep = Sweep(gaz, prepared, exs, settings)
    groups = [ex.paper_id for ex in exs]
    outer = np.zeros((len(exs), len(settings), N_STATS))
    picks, nested, inner_totals = [], np.zeros(N_STATS), []
    print(f"{len(exs)} papers, {len(settings)} settings ({time.time() - started:.0f} s)", flush=True)
    for fold, (tr, te) in enumerate(GroupKFold(n_splits=5).split(np.zeros(len(exs)), groups=groups)):
        tr, te = list(tr), list(te)
        inner = np.zeros((len(tr), len(settings), N_STATS))
        for itr, ite in GroupKFold(n_splits=args.inner).split(np.zeros(len(tr)), groups=[groups[i] for i in tr]):
            model = train.fit([exs[tr[i]] for i in itr], gaz)
            inner[list(ite)] = sweep.run(model, [tr[i] for i in ite])
        totals = inner.sum(axis=0)
        inner_totals.append(totals)
        best = best_setting(totals, base, args.objective, args.hold_precision)
        picks.append(settings[best])
        outer[te] = sweep.run(train.fit([exs[i] for i in tr], gaz), te)
        nested += outer[te, best].sum(axis=0)
        fi, fb = figures(totals[best]), figures(totals[base])
        print(f"fold {fold}: pick {settings[best]}  inner F1 {fb['f1']:.4f} -> {fi['f1']:.4f}, prop "
              f"{fb['prop']:.4f} -> {fi['prop']:.4f}, prop-precision {fb['prop_precision']:.3f} -> "
              f"{fi['prop_precision']:.3f} ({time.time() - started:.0f} s)", flush=True)
    pooled = outer.sum(axis=0)

    def line(label: str, t: np.ndarray) -> str:
        f = figures(t)
        return (f"{label:<34} F1 {f['f1']:.4f} P {f['precision']:.3f} R {f['recall']:.3f} prop {f['prop']:.4f} "
                f"prop-precision {f['prop_precision']:.3f} prop-F1 {f['prop_f1']:.4f} neutral {f['neutral']:.0f}")

    print(line(f"shipped {shipped}", pooled[base]))
    print(line("nested (per-fold pick)", nested))
    best_all = best_setting(pooled, base, args.objective, args.hold_precision)
    print(line(f"best on the outer folds {settings[best_all]} (optimistic)", pooled[best_all]))
    for pick in sorted(set(picks), key=picks.index):
        print(line(f"fixed {pick} ({picks.count(pick)} fold(s))", pooled[settings.index(pick)]))
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"settings": settings, "picks": picks, "outer": [figures(t) for t in pooled],
                       "inner": [[figures(t) for t in totals] for totals in inner_totals]}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
