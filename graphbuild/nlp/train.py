"""Training and cross-validating the decision model from annotated abstracts.

Annotations are JSON Lines keyed by paper id (``{"id": ..., "entities":
[{"name", "type", "proposed", "aliases"}]}``, the rules of ANNOTATION.md);
the texts come from a papers file, looked up by id. The proposing components
run once per paper; each candidate is labelled with the type of the gold
entity its group of forms matches (or ``None``), and two scikit-learn
logistic regressions are fitted: the entity model over candidates, the
proposed model over the gold entities' groups. Every paper with an abstract is
also read from its title alone (``Example.bare``: the annotated entities its
title names), as a library's records without an abstract are, and fitted
beside its whole text. Weights are exported as JSON.

Maintainers retrain the shipped weights with::

    python -m graphbuild.nlp.train --papers ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Any, cast

import numpy as np

from ..errors import InputError, OutputError, UsageError, quoted, warning_line
from ..progress import Progress
from ..records import SCORED_TYPES, Paper, name_key
from ..resources import data_path
from .candidates import Candidate, doc_text, text_doc
from .decide import (
    CLASSES,
    LOWER_THRESHOLD,
    PROPOSED_THRESHOLD,
    THRESHOLD,
    DecideComponent,
    DecisionModel,
    LinearModel,
    decide,
    prepare,
)
from .features import TYPE_ONLY, CorpusStats, corpus_stats, entity_features, with_other_claimed

__all__ = ["Example", "read_annotations", "load_examples", "train_pipeline", "check_out_dir", "papers_by_id",
           "make_examples", "fit", "predict", "cross_validate", "select_settings", "gold_rows", "SHIPPED_ANNOTATIONS",
           "unwritten_entities"]

#: the annotations graphbuild's weights are trained on (ids of ../shared/eval/related/papers_dev.jsonl)
SHIPPED_ANNOTATIONS = data_path("annotations", "papers_dev.jsonl")
DEFAULT_C = 0.3
PROPOSED_C = 0.5
TYPE_C = 0.1


@dataclass
class Example:
    """One annotated paper with the candidates the proposers found in it."""

    paper_id: str
    title: str
    text: str
    sents: list[tuple[int, int]]
    title_end: int
    cands: list[Candidate]
    gold: list[dict[str, Any]] = field(default_factory=list)
    corpus: CorpusStats | None = None
    #: how much the paper's labels count in training (an annotation row's ``weight``; curated rows weigh more)
    weight: float = 1.0
    #: the same paper's title alone, with the annotated entities the title names (see :func:`_title_alone`):
    #: fitted beside it, so the models learn what a title means where a record has no abstract
    bare: Example | None = None


def read_annotations(path: str | Path) -> list[dict[str, Any]]:
    """Annotation rows (``id`` and ``entities``) from a JSON Lines file; bad lines raise ``[E1xx]``, and so
    does a paper id on a second line.
    """
    from ..evaluate import entity_problem, read_jsonl_numbered

    rows = read_jsonl_numbered(path)
    first_line: dict[str, tuple[int, str]] = {}  # case-folded paper id -> the line annotating it, the id there
    for lineno, row in rows:
        if not isinstance(row, dict) or not row.get("id") or not isinstance(row.get("entities"), list):
            raise InputError(path, lineno, 'expected {"id": paper id, "entities": [...]}')
        # a paper annotated twice was trained on twice (and scored twice), whichever line was right
        seen, was = first_line.setdefault(str(row["id"]).casefold(), (lineno, str(row["id"])))
        if seen != lineno:
            why = "" if was == str(row["id"]) else f" (as {was!r}: {_CASE_BLIND})"
            raise InputError(path, lineno, f"paper {str(row['id'])!r} is annotated already on line {seen}{why}; "
                             "give each paper one line")
        weight = row.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight < float("inf"):
            raise InputError(path, lineno, f'"weight" must be a positive number, not {json.dumps(weight)}')
        for e in row["entities"]:
            problem = entity_problem(e)
            if problem:
                raise InputError(path, lineno, problem)
        problem = two_types(row["entities"])
        if problem:  # it was trained on both labels, silently
            raise InputError(path, lineno, problem)
    return [row for _, row in rows]


def two_types(entities: list[dict[str, Any]]) -> str:
    """What of one paper's annotated ``entities`` gives one name (or alias) two types, by its name key, or ``""``.

    >>> print(two_types([{"name": "LoRA", "type": "Method"}, {"name": "lora", "type": "Model"}]))
    entity 'lora' is annotated as Method (as 'LoRA') and as Model; give each name one type
    """
    first: dict[str, tuple[str, str]] = {}  # name key -> (the name annotated first, its type)
    for e in entities:
        for form in (e["name"], *(e.get("aliases") or [])):
            name, kind = first.setdefault(name_key(form), (e["name"], e["type"]))
            if kind != e["type"] and name_key(form):
                was = f" (as {quoted(name)})" if name != form else ""
                return f"entity {quoted(form)} is annotated as {kind}{was} and as {e['type']}; give each name one type"
    return ""


#: why two ids that differ only in case name one annotated paper (a build keeps ids as written: two papers)
_CASE_BLIND = "an annotation's id is read without regard to case"


class PapersById(dict[str, Paper]):
    """Papers by every id they carry, case-folded (:func:`papers_by_id`); ``twins``: each such key that two papers
    of the input carry as ids differing only in case ('ABC-1', 'abc-1': two papers to a build) -> those ids.
    """

    def __init__(self) -> None:
        super().__init__()
        self.twins: dict[str, list[str]] = {}


def _ids(paper: Paper) -> set[str]:
    """Every id ``paper`` carries, as written (an annotation names it by one of them, case-folded)."""
    ids = {paper.id, *(v for _, v in paper.ids)}
    if paper.arxiv_id:
        ids.add("arxiv:" + paper.arxiv_id)
    if paper.doi:
        ids.update({paper.doi, "doi:" + paper.doi})
    return ids


def papers_by_id(paths: Sequence[str | Path]) -> PapersById:
    """Papers read from any input graphbuild reads, indexed by every id they carry (case-folded), with the ids
    that differ only in case between two papers (:attr:`PapersById.twins`).
    """
    from ..ingest import read_papers

    out = PapersById()
    written: dict[str, dict[str, Paper]] = {}  # case-folded id -> the id as each paper writes it -> the paper
    for paper in read_papers([str(p) for p in paths]).papers:
        for pid in _ids(paper):
            out.setdefault(pid.casefold(), paper)
            written.setdefault(pid.casefold(), {}).setdefault(pid, paper)
    out.twins = {key: sorted(ids) for key, ids in written.items()
                 if len({id(p) for p in ids.values()}) > 1}
    return out


def make_examples(annotations: Iterable[dict[str, Any]], papers: dict[str, Paper], nlp: Any,
                  *, source: str | Path = "annotations", progress: Progress | None = None) -> list[Example]:
    """Run the proposers (``nlp`` without ``graphbuild_decide``) on every annotated paper, then on the title
    alone of each that has an abstract; ``progress`` is told of each paper read.
    """
    rows = list(annotations)
    twins = getattr(papers, "twins", {})
    both = next((r["id"] for r in rows if str(r["id"]).casefold() in twins), None)
    if both is not None:  # paired with whichever came first, and trained on its text in silence
        ids = twins[str(both).casefold()]
        raise InputError(source, None, f"annotated id {str(both)!r} names {len(ids)} papers of the papers file, "
                         f"whose ids differ only in case ({', '.join(map(repr, ids))}); {_CASE_BLIND}: give those "
                         "papers ids that differ in more than case")
    missing = [r["id"] for r in rows if str(r["id"]).casefold() not in papers]
    if missing:
        raise InputError(source, None, f"{len(missing)} annotated id(s) not in the papers file, "
                         f"e.g. {missing[0]!r}; pass the papers they were annotated on with --papers")
    found = [papers[str(r["id"]).casefold()] for r in rows]
    # casing statistics over every paper of the file, as a build over that corpus would have them
    every = {id(p): p for p in papers.values()}.values()
    out = _examples(nlp, rows, found, corpus_stats(p.text for p in every), progress, "reading the annotated papers")
    # each paper's title alone (where it has an abstract), as a library of titles would be built
    titled = [(ex, row, paper) for ex, row, paper in zip(out, rows, found) if paper.abstract]
    bare = _examples(nlp, [_title_alone(row, paper.title) for _, row, paper in titled],
                     [replace(paper, abstract="") for _, _, paper in titled], corpus_stats(p.title for p in every),
                     progress, "reading their titles alone")
    for (ex, _, _), alone in zip(titled, bare):
        ex.bare = alone
    return out


def _examples(nlp: Any, rows: list[dict[str, Any]], papers: list[Paper], corpus: CorpusStats,
              progress: Progress | None = None, stage: str = "") -> list[Example]:
    """An :class:`Example` per annotation row and its paper: the proposers run over the paper's text
    (``progress`` is told of each, as ``stage``).
    """
    proposers = [n for n in nlp.pipe_names if n != "graphbuild_decide"]
    out = []
    with nlp.select_pipes(enable=proposers):
        for row, paper, doc in zip(rows, papers, nlp.pipe(text_doc(nlp, p.text) for p in papers)):
            text = doc_text(doc)
            out.append(Example(str(row["id"]), paper.title, text, doc._.gb_sents or [(0, len(text))],
                               doc._.gb_title_end if doc._.gb_title_end >= 0 else len(text),
                               list(doc._.gb_candidates or []), row["entities"], corpus,
                               float(row.get("weight", 1.0))))
            if progress is not None:
                progress(stage, len(out), len(papers))
    return out


#: the word runs a title is read in to tell which annotated names it holds
_WORD = re.compile(r"[^\W_]+")


def _title_alone(row: dict[str, Any], title: str) -> dict[str, Any]:
    """The annotation ``row`` cut to the entities whose name or an alias the title writes (its name key
    equals that of a run of the title's words): what the title alone names.
    """
    words = [name_key(w) for w in _WORD.findall(title)]
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 12) + 1)}
    return {**row, "entities": [e for e in row["entities"]
                                if runs & {name_key(f) for f in (e["name"], *(e.get("aliases") or []))}]}


def _gazetteer(nlp: Any) -> Any:
    return nlp.get_pipe("graphbuild_gazetteer").gazetteer if "graphbuild_gazetteer" in nlp.pipe_names else None


#: label of a candidate group that matches a gold entity of an unscored type (Task, Metric):
#: left out of the entity model's training rows, as ANNOTATION.md's scoring leaves it out
NEUTRAL = "Neutral"


def _gold_forms(gold: list[dict[str, Any]], scored: bool = True) -> list[tuple[set[str], dict[str, Any]]]:
    return [({name_key(g["name"]), *(name_key(a) for a in g.get("aliases") or [])} - {""}, g)
            for g in gold if (g.get("type") in SCORED_TYPES) == scored]


def _labelled(ex: Example, gaz: Any) -> tuple[Any, list[str], list[tuple[list[int], dict[str, Any]]]]:
    """The example's prepared candidates, a class per group, and its groups matched to gold."""
    prepared = prepare(ex.text, ex.sents, ex.title_end, [copy.copy(c) for c in ex.cands], gaz, ex.corpus)
    gold = _gold_forms(ex.gold)
    unscored = set().union(*(forms for forms, _ in _gold_forms(ex.gold, scored=False)))
    labels = ["None"] * len(prepared.groups)
    matched = []
    used: set[int] = set()
    for g, members in enumerate(prepared.groups):
        forms = {name_key(prepared.cands[i].text) for i in members}
        hit = next((j for j, (gf, _) in enumerate(gold) if j not in used and gf & forms), None)
        if hit is None:
            # a gold entity the paper writes as several groups (forms the extractor keeps apart, or a curated
            # merge of them, e.g. "ILSVRC" into "ImageNet"): each group is a mention of it, not a non-entity
            again = next((j for j, (gf, _) in enumerate(gold) if gf & forms), None)
            if again is not None:
                labels[g] = gold[again][1]["type"]
                continue
        if hit is None:
            if forms & unscored:
                labels[g] = NEUTRAL
            continue
        used.add(hit)
        labels[g] = gold[hit][1]["type"]
        matched.append((members, gold[hit][1]))
    return prepared, labels, matched


def fit(examples: Sequence[Example], gaz: Any, *, C: float = DEFAULT_C, proposed_C: float = PROPOSED_C,
        meta: dict[str, Any] | None = None, source: str | Path = "annotations") -> DecisionModel:
    """Fit the entity and proposed models on labelled examples.

    Raises :class:`InputError` (naming ``source``) when they hold nothing to learn
    from: no candidate labelled entity or not, or no annotated entity found in the text.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    ent_x: list[dict[str, float]] = []
    ent_y: list[str] = []
    ent_w: list[float] = []
    prop_x: list[dict[str, float]] = []
    prop_y: list[int] = []
    prop_w: list[float] = []
    type_x: list[dict[str, float]] = []  # the type model's view of each row of ent_x (see decide._type_rows)
    for ex in chain.from_iterable((ex,) if ex.bare is None else (ex, ex.bare) for ex in examples):
        prepared, labels, matched = _labelled(ex, gaz)
        rows = prepared.group_features
        typed_rows = rows if prepared.type_rows is prepared.group_rows else prepared.type_features
        kept = [(x, t, y) for x, t, y in zip(rows, typed_rows, labels) if y != NEUTRAL]
        ent_x.extend(x for x, _, _ in kept)
        type_x.extend(t for _, t, _ in kept)
        ent_y.extend(y for _, _, y in kept)
        ent_w.extend(ex.weight for _ in kept)
        # (the paper's entities together, as the decision sees them: see with_other_claimed)
        prop_x.extend(with_other_claimed([
            entity_features(ex.text, ex.title_end, prepared.cands, members, g["type"],
                            any(prepared.entries[i] is not None for i in members), prepared.context, gaz)
            for members, g in matched], prepared.cands, [members for members, _ in matched], prepared.context))
        prop_y.extend(int(bool(g.get("proposed"))) for _, g in matched)
        prop_w.extend(ex.weight for _ in matched)
    typed = [(x, y, w) for x, y, w in zip(type_x, ent_y, ent_w) if y != "None"]
    if not typed or not prop_x:
        raise InputError(source, None, f"nothing to learn from: of the {len(examples)} annotated paper(s)' "
                         f"{len(ent_x)} candidate name(s), none is an annotated entity of a scored type "
                         f"({', '.join(SCORED_TYPES)}); annotate more papers, by the rules of ANNOTATION.md")
    entity = _fit_linear(DictVectorizer(), LogisticRegression(C=C, max_iter=3000),
                         [{k: v for k, v in x.items() if not k.startswith(TYPE_ONLY)} for x in ent_x], ent_y,
                         list(CLASSES), ent_w)
    types = _fit_linear(DictVectorizer(), LogisticRegression(C=TYPE_C, max_iter=3000), [x for x, _, _ in typed],
                        [y for _, y, _ in typed], list(SCORED_TYPES), [w for _, _, w in typed])
    proposed = _fit_linear(DictVectorizer(), LogisticRegression(C=proposed_C, max_iter=3000), prop_x, prop_y, [0, 1],
                           prop_w)
    info = {"papers": len(examples), "candidates": len(ent_x), "entities": len(prop_x), "C": C,
            "proposed_C": proposed_C, **(meta or {})}
    return DecisionModel(entity, types, proposed, info)


def _fit_linear(vec: Any, clf: Any, rows: list[dict[str, float]], y: list[Any], classes: list[Any],
                row_weights: list[float] | None = None) -> LinearModel:
    from threadpoolctl import threadpool_limits

    # all-ones weights are passed as None: the same fit, bit for bit, as before weights existed
    sample_weight = None if row_weights is None or all(w == 1.0 for w in row_weights) else np.asarray(row_weights)

    x = vec.fit_transform(rows)
    index = {name: i for i, name in enumerate(vec.get_feature_names_out())}
    present = sorted(set(y), key=classes.index)
    if len(classes) == 2:  # a binary model: one score, for the positive class
        if len(present) < 2:
            return LinearModel(index, np.zeros((len(index), 1)), np.array([30.0 if present == [1] else -30.0]))
        with threadpool_limits(1):  # a small problem: threads only oversubscribe (60x slower on 2 cores)
            clf.fit(x, y, sample_weight=sample_weight)
        return LinearModel(index, clf.coef_.T.copy(), clf.intercept_.copy())
    weights = np.zeros((len(index), len(classes)))
    bias = np.full(len(classes), -30.0)  # a class never seen in training is never predicted
    if len(present) == 1:
        bias[classes.index(present[0])] = 0.0
        return LinearModel(index, weights, bias)
    with threadpool_limits(1):
        clf.fit(x, y, sample_weight=sample_weight)
    if len(present) == 2:  # scikit-learn fits one score for the second class
        weights[:, classes.index(clf.classes_[1])] = clf.coef_[0]
        bias[classes.index(clf.classes_[1])] = clf.intercept_[0]
        bias[classes.index(clf.classes_[0])] = 0.0
        return LinearModel(index, weights, bias)
    for cls in present:
        col = list(clf.classes_).index(cls)
        weights[:, classes.index(cls)] = clf.coef_[col]
        bias[classes.index(cls)] = clf.intercept_[col]
    return LinearModel(index, weights, bias)


def predict(examples: Sequence[Example], model: DecisionModel, gaz: Any, *, threshold: float = THRESHOLD,
            proposed_threshold: float = PROPOSED_THRESHOLD,
            lower_threshold: float = LOWER_THRESHOLD) -> list[dict[str, Any]]:
    """Predictions in ANNOTATION.md's format, one per example (the candidates are copied, not changed)."""
    from .pipeline import extraction_from

    out = []
    for ex in examples:
        d = decide(ex.text, ex.sents, ex.title_end, [copy.copy(c) for c in ex.cands], gaz, model,
                   threshold=threshold, proposed_threshold=proposed_threshold, corpus=ex.corpus,
                   lower_threshold=lower_threshold)
        out.append(extraction_from(d.cands, ex.text, ex.sents, ex.paper_id, ex.title, gaz).to_annotation())
    return out


def gold_rows(examples: Sequence[Example]) -> list[dict[str, Any]]:
    """Gold rows with titles, as :func:`graphbuild.evaluate.score_entities` reads them."""
    return [{"title": ex.title, "entities": ex.gold} for ex in examples]


#: entity thresholds and regularisation strengths the inner cross-validation chooses from
THRESHOLD_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
C_GRID = (0.1, 0.3, 1.0)


def select_settings(examples: Sequence[Example], gaz: Any, *, k: int = 3, c_grid: Sequence[float] = C_GRID,
                    threshold_grid: Sequence[float] = THRESHOLD_GRID) -> tuple[float, float]:
    """The regularisation strength ``C`` and entity threshold with the best pooled F1 over an inner
    ``k``-fold cross-validation (by paper) of ``examples`` alone.

    Run inside each training fold of :func:`cross_validate`, so that the test
    fold never chooses its own settings (nested cross-validation).
    """
    from sklearn.model_selection import GroupKFold

    from ..evaluate import score_entities

    splits = list(GroupKFold(n_splits=k).split(np.zeros(len(examples)), groups=[ex.paper_id for ex in examples]))
    best = (-1.0, DEFAULT_C, THRESHOLD)
    for c in c_grid:
        preds: dict[float, list[dict[str, Any]]] = {t: [] for t in threshold_grid}
        gold: list[dict[str, Any]] = []
        for train_idx, test_idx in splits:
            model = fit([examples[i] for i in train_idx], gaz, C=c)
            test = [examples[i] for i in test_idx]
            gold.extend(gold_rows(test))
            for t in threshold_grid:
                preds[t].extend(predict(test, model, gaz, threshold=t))
        for t in threshold_grid:
            f1 = score_entities(gold, preds[t]).f1
            if f1 > best[0] + 1e-9:
                best = (f1, c, t)
    return best[1], best[2]


def cross_validate(examples: Sequence[Example], gaz: Any, *, k: int = 5, C: float = DEFAULT_C,
                   threshold: float = THRESHOLD, proposed_threshold: float = PROPOSED_THRESHOLD,
                   nested: bool = False, progress: Callable[[int], None] | None = None,
                   read: Callable[[Example], Example] | None = None, with_errors: bool = False,
                   folds: Sequence[tuple[Sequence[int], Sequence[int]]] | None = None) -> dict[str, Any]:
    """K-fold cross-validation by paper (``GroupKFold``: no paper in both train and test).

    With ``nested``, each training fold chooses ``C`` and the entity threshold
    by its own inner cross-validation (:func:`select_settings`) instead of
    using ``C`` and ``threshold``. ``read`` gives what of each test paper is
    read and scored (default: the paper as it is; ``benchmarks/eval_titles.py``:
    its title alone, ``Example.bare``). Returns the scores of all folds'
    predictions pooled, each fold's F1 (mean and standard deviation) and,
    when nested, the settings each fold chose; with ``with_errors``, the pooled predictions' errors
    (misses, wrong types, spurious names, wrong proposed marks: :class:`graphbuild.evaluate.EntityScores`).
    ``folds`` (pairs of index lists: fitted on, scored) replaces the ``k`` folds of ``GroupKFold``; a paper
    scored in several of them counts once for each (``benchmarks/eval_cv.py``: random folds, halves, by year).
    """
    from sklearn.model_selection import GroupKFold

    from ..evaluate import score_entities

    if folds is None:
        if not 2 <= k <= len(examples):
            raise ValueError(f"--cv needs 2 <= K <= {len(examples)} (the number of annotated papers)")
        groups = [ex.paper_id for ex in examples]
        folds = list(GroupKFold(n_splits=k).split(np.zeros(len(examples)), groups=groups))
    scored: list[tuple[int, dict[str, Any], dict[str, Any]]] = []  # (paper's index, gold row, prediction)
    fold_f1, chosen = [], []
    for train_idx, test_idx in folds:
        train = [examples[i] for i in train_idx]
        c, t = select_settings(train, gaz) if nested else (C, threshold)
        chosen.append({"C": c, "threshold": t})
        model = fit(train, gaz, C=c)
        test = [read(examples[i]) if read else examples[i] for i in test_idx]
        fold_gold = gold_rows(test)
        fold_preds = predict(test, model, gaz, threshold=t, proposed_threshold=proposed_threshold)
        scored.extend(zip(test_idx, fold_gold, fold_preds))
        fold_f1.append(score_entities(fold_gold, fold_preds).f1)
        if progress:
            progress(1)
    scored.sort(key=lambda row: row[0])  # (stable: the papers' order, each paper's folds in turn)
    scores = score_entities([g for _, g, _ in scored], [p for _, _, p in scored])
    out = {**scores.to_dict(with_errors=with_errors), "folds": len(folds),
           "fold_f1_mean": round(float(np.mean(fold_f1)), 4),
           "fold_f1_std": round(float(np.std(fold_f1)), 4), "fold_f1": [round(f, 4) for f in fold_f1],
           "papers": len(examples)}
    if nested:
        out["chosen"] = chosen
    return out


def data_digest(paths: Iterable[str | Path]) -> str:
    """SHA-256 (16 hex digits) of the annotation files a model was trained on."""
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:16]


def load_examples(annotation_files: Sequence[str | Path], paper_files: Sequence[str | Path], nlp: Any,
                  *, warn: Callable[[str], None] | None = None, progress: Progress | None = None) -> list[Example]:
    """Read annotation files, resolve their ids against the paper files and run the proposers (``progress``
    is told of each paper read: :func:`make_examples`).

    ``warn`` is told, per file the user gave, of annotated entities that the paper never writes
    (:func:`unwritten_entities`).
    """
    papers = papers_by_id(paper_files)
    examples: list[Example] = []
    seen: set[str] = set()
    for path in annotation_files:
        rows = [r for r in read_annotations(path) if str(r["id"]).casefold() not in seen]
        seen.update(str(r["id"]).casefold() for r in rows)
        made = make_examples(rows, papers, nlp, source=path, progress=progress)
        if warn is not None and Path(path) != SHIPPED_ANNOTATIONS:  # (the shipped ones are not the user's to fix)
            problem = unwritten_entities(made)
            if problem:
                warn(warning_line(path, None, problem))  # (the coded line a bad record gets)
        examples.extend(made)
    if not examples:
        raise InputError(annotation_files[0] if annotation_files else "annotations", None, "no annotated papers")
    return examples


def unwritten_entities(examples: Sequence[Example]) -> str:
    """What of the annotated entities no form of which the paper's title or abstract writes, or ``""``: each was
    passed over in training without a word (no candidate can match it) and counts as missed when scored.

    A form is written when its name key is part of the text's (a check that may pass a name the text
    splits across words, never flag one it writes).
    """
    unwritten: list[tuple[str, str]] = []
    for ex in examples:
        text = name_key(ex.text)
        forms = ((e["name"], [name_key(f) for f in (e["name"], *(e.get("aliases") or []))]) for e in ex.gold)
        unwritten.extend((ex.paper_id, name) for name, keys in forms if not any(k and k in text for k in keys))
    if not unwritten:
        return ""
    paper, name = unwritten[0]
    papers = len({p for p, _ in unwritten})
    return (f"{len(unwritten)} annotated entit{'y' if len(unwritten) == 1 else 'ies'} of {papers} paper(s) "
            f"not written in the paper's title or abstract, such as {name!r} in paper {paper!r}: they cannot be "
            "learned, and scoring counts them as missed (name them as the text writes them, or give that form "
            "in \"aliases\")")


#: what a pipeline folder holds besides its components' folders (``spacy.Language.to_disk``)
_PIPELINE_FILES = frozenset(("config.cfg", "meta.json", "tokenizer", "vocab"))


def check_out_dir(out: str | Path) -> None:
    """Refuse an ``--out`` that training would destroy: the pipeline replaces the folder whole, so it must be
    new, empty, or a pipeline ``graphbuild train`` wrote (a folder of the user's files was deleted silently);
    never a file, the root or the current folder.
    """
    out = str(out)
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise UsageError(f"--out {out!r} is a file; give a folder for the pipeline")
    if not path.is_dir():
        _check_new_out_dir(out, path)
        return
    real = Path(os.path.realpath(path))
    entries = sorted(os.listdir(real))
    foreign = next((name for name in entries if name not in _PIPELINE_FILES | set(_pipes(real))), None)
    if foreign is not None or not real.name or real == Path(os.path.realpath(os.curdir)):
        what = (f"holds {foreign!r}, which `graphbuild train` did not write" if foreign
                else "is the root folder" if not real.name else "is the current folder")
        raise UsageError(f"--out {out!r} {what}; training replaces the whole folder: name a new or empty folder, "
                         "or one `graphbuild train` wrote")


def _check_new_out_dir(out: str, path: Path) -> None:
    """Refuse a new ``--out`` that cannot be made, before any training: a file on the way to it (the folders of
    ``notes.txt/pipe`` cannot be made) or a nearest existing folder that is not writable (it failed with a
    traceback once the models were fitted).
    """
    from ..fsutil import file_in_the_way

    in_the_way = file_in_the_way(path)
    if in_the_way is not None:
        raise UsageError(f"--out {out!r}: {str(in_the_way)!r} is a file, not a folder; give a folder for the pipeline")
    existing = next((folder for folder in Path(os.path.abspath(path)).parents if folder.is_dir()), None)
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"--out {out!r}: the folder {str(existing)!r} is not writable; "
                         "name a folder in a place you can write")


def _pipes(folder: Path) -> list[str]:
    """The component names a pipeline folder's ``meta.json`` lists ([] when there is none, or it is no
    graphbuild pipeline), which are its other entries.
    """
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        pipes = meta.get("pipeline") if isinstance(meta, dict) else None
    except (OSError, ValueError):
        return []
    if not isinstance(pipes, list) or "graphbuild_decide" not in pipes:
        return []
    return [p for p in pipes if isinstance(p, str)]


def train_pipeline(annotation_files: Sequence[str | Path], paper_files: Sequence[str | Path], out_dir: str | Path,
                   *, spacy_model: str | None = None, gazetteer: str = "", C: float = DEFAULT_C,
                   log: Callable[[str], None] | None = None, warn: Callable[[str], None] | None = None,
                   progress: bool = False) -> DecisionModel:
    """Train the decision model and write a whole pipeline directory (``nlp.to_disk``).

    The directory loads with ``spacy.load`` once graphbuild is imported, and
    ``--spacy-model DIR`` (or ``spacy_model`` in ``graphbuild.toml``) uses it.
    It is written beside ``out_dir`` and renamed into place, so a half-written
    pipeline is never visible.

    ``out_dir`` must be new, empty, or a pipeline this function wrote (:func:`check_out_dir`, checked before any
    work): the folder is replaced whole. ``log`` is told what is done, ``warn`` what of the annotations
    cannot be learned (:func:`load_examples`); ``progress`` shows the papers read on standard error
    (:func:`graphbuild.progress.stage_bar`: a plain line every few seconds when it is not a terminal).
    """
    import shutil

    from ..fsutil import fresh_temp_folder, swap_in_folder
    from ..progress import stage_bar
    from .pipeline import make_pipeline

    check_out_dir(out_dir)
    say = log or (lambda msg: None)
    nlp = make_pipeline(spacy_model, gazetteer_path=gazetteer)
    with stage_bar("reading the annotated papers", enabled=progress, unit="paper") as bar:
        examples = load_examples(annotation_files, paper_files, nlp, warn=warn, progress=bar)
    say(f"training on {len(examples)} annotated paper(s)")
    model = fit(examples, _gazetteer(nlp), C=C, source=", ".join(map(str, annotation_files)), meta={
        "annotations": [Path(p).name for p in annotation_files], "data_sha256": data_digest(annotation_files)})
    cast(DecideComponent, nlp.get_pipe("graphbuild_decide")).model = model
    out = Path(out_dir)
    check_out_dir(out)  # (again: the folder may have gained files while the model was fitted)
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = fresh_temp_folder(out)  # what a killed train left beside it is cleared
        nlp.to_disk(tmp)
        swap_in_folder(tmp, out)  # the old pipeline, then the new one; never half of either, nor none after a kill
    except OSError as exc:  # a folder that turned read-only, a full disk: one line naming the folder
        raise OutputError(f"cannot write the pipeline to {out}: {exc.strerror or exc}; "
                          "choose a writable folder (the old pipeline, if any, is unchanged)", exc.errno) from None
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    say(f"wrote the pipeline to {out}")
    return model


def _write_digest(digest: str) -> None:
    """Record the shipped weights' digest in ``model_version.py``: the extraction cache's key hashes
    the NLP package's sources, so new weights invalidate cached extractions.
    """
    from ..fsutil import atomic_write_text

    path = Path(__file__).with_name("model_version.py")
    atomic_write_text(path, '"""The digest of the shipped decision weights '
                      '(written by ``python -m graphbuild.nlp.train``).\n\n'
                      'Part of the pipeline fingerprint: new weights change the extraction cache key.\n"""\n\n'
                      f'MODEL_DIGEST = "{digest}"\n')


def main(argv: list[str] | None = None) -> int:
    """Retrain the shipped weights (``graphbuild/data/model/decider.json``) from the shipped annotations."""
    from .decide import DEFAULT_MODEL, model_digest
    from .pipeline import make_pipeline

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--papers", required=True, help="the papers the shipped annotations were made on")
    ap.add_argument("--cv", type=int, default=0, help="also print K-fold cross-validated scores")
    args = ap.parse_args(argv)
    nlp = make_pipeline(proposers_only=True)
    gaz = _gazetteer(nlp)
    examples = make_examples(read_annotations(SHIPPED_ANNOTATIONS), papers_by_id([args.papers]), nlp,
                             source=SHIPPED_ANNOTATIONS)
    if args.cv:
        print(json.dumps(cross_validate(examples, gaz, k=args.cv), indent=2))
    model = fit(examples, gaz, meta={"annotations": SHIPPED_ANNOTATIONS.name,
                                     "data_sha256": data_digest([SHIPPED_ANNOTATIONS])})
    target = data_path(*DEFAULT_MODEL.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    model.save(target)
    _write_digest(model_digest())
    print(f"wrote {target} ({len(model.entity.index)} entity features, {len(model.proposed.index)} proposed features)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
