"""Scoring extractions against gold files, by the rules of ANNOTATION.md.

* papers are matched by title (case-folded, non-alphanumerics removed); gold
  papers sharing a title take the predictions of that title in order;
* a gold entity is found when its name or an alias equals a prediction's
  ``name`` or one of its ``mentions`` (same normalisation); each prediction
  matches at most one gold entity, and the pairs are a maximum matching (a
  prediction that shares forms with two gold entities never blocks the one
  only it could find);
* only Model, Method and Dataset count; an unmatched prediction counts
  against precision unless it is neutral: a generic word (graphbuild's generic
  list), a name written all in lower case (technique families such as
  "low-rank adaptation" count only where the gold lists them), or a name of
  a gold entity of an unscored type (Task, Metric: "neither rewarded nor
  penalised");
* proposed-recall is the share of gold proposed entities whose matched
  prediction is marked proposed; proposed-precision the share of predictions
  marked proposed that are matched to a gold proposed entity, the unmatched
  neutral ones left out (as precision leaves them out).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest.located import loads_whole
from .nlp.lexicon import is_generic
from .records import SCORED_TYPES, normalize_title

__all__ = ["EntityScores", "score_entities", "read_jsonl", "entity_problem"]


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", (name or "").casefold())


@dataclass(slots=True)
class EntityScores:
    """Entity-level scores of an extraction run against gold annotations."""

    precision: float
    recall: float
    f1: float
    type_accuracy: float
    proposed_recall: float
    proposed_precision: float
    found: int
    gold: int
    predicted_unmatched: int
    neutral: int
    papers_matched: int
    papers_gold: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: the figures with nothing to measure (no gold entity proposed, no entity marked proposed, none found):
    #: 0.0 as attributes, for sums and formats, and null in :meth:`to_dict`, where 0.0 read as a bad score
    unmeasured: tuple[str, ...] = ()
    #: the gold papers (their places in the gold, from 0) no prediction was paired with by title: their entities
    #: count as missed (``graphbuild eval entities`` says which); not among the scores of :meth:`to_dict`
    papers_unmatched: tuple[int, ...] = ()

    def to_dict(self, with_errors: bool = False) -> dict[str, Any]:
        """The scores as a dict, floats rounded to 4 places and those :attr:`unmeasured` None; ``errors`` only if
        ``with_errors``.
        """
        data = asdict(self)
        del data["papers_unmatched"]
        unmeasured = data.pop("unmeasured")
        if not with_errors:
            data.pop("errors")
        return {k: None if k in unmeasured else round(v, 4) if isinstance(v, float) else v for k, v in data.items()}


def entity_problem(entity: Any) -> str:
    """What makes an annotated entity (ANNOTATION.md) unusable for training or scoring, or ``""``.

    A scorer or a trainer would pass over it silently (an unknown type is
    unscored) or read it letter by letter (aliases given as one string).

    >>> print(entity_problem({"name": "LoRA", "type": "Method", "aliases": "Low-Rank Adaptation"}))
    entity 'LoRA': "aliases" must be a list of strings
    """
    from .records import ENTITY_TYPES

    if not isinstance(entity, dict) or not isinstance(entity.get("name"), str) or not entity["name"].strip() \
            or not entity.get("type"):
        return 'each entity needs "name" and "type"'
    what = f"entity {entity['name']!r}"
    if entity["type"] not in ENTITY_TYPES:
        return f"{what}: unknown type {json.dumps(entity['type'])}; use one of {', '.join(ENTITY_TYPES)}"
    if not isinstance(entity.get("proposed", False), bool):
        return f'{what}: "proposed" must be true or false, not {json.dumps(entity["proposed"])}'
    for key in ("aliases", "mentions"):
        forms = entity.get(key, [])
        if not isinstance(forms, list) or not all(isinstance(form, str) for form in forms):
            return f'{what}: "{key}" must be a list of strings'
    return ""


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a JSON Lines file, blank lines skipped; :class:`InputError` names a line that is not JSON."""
    return [row for _, row in read_jsonl_numbered(path)]


def read_jsonl_numbered(path: str | Path, what: str = "file") -> list[tuple[int, Any]]:
    """``(line number, value)`` of each non-blank line of a JSON Lines file, its lines read as the input readers
    read them (:func:`~graphbuild.ingest.fields.read_lines`: UTF-8, a byte-order mark dropped, LF, CR LF or a
    lone CR ending a line, gzipped when its name ends in ``.gz``), each line JSON.

    Every fault is an :class:`InputError` naming the file (and the line): a
    missing or unreadable file (called ``what`` in the message), bytes that are
    not UTF-8, a line that is not JSON or is nested too deeply.
    """
    from .ingest.fields import read_lines

    rows: list[tuple[int, Any]] = []
    try:
        folder = stat.S_ISDIR(os.stat(path).st_mode)
    except FileNotFoundError:
        raise InputError(path, None, f"no such {what}") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot read the {what}: {exc.strerror}") from None
    if folder:
        raise InputError(path, None, f"is a folder; give the {what}")
    for lineno, line in read_lines(Path(path)):  # a file of lone CRs (an old Mac's) was one line: "Extra data"
        if not line.strip():
            continue
        try:
            row = loads_whole(line, path, lineno)
        except json.JSONDecodeError as exc:
            raise InputError(path, lineno, f"not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise InputError(path, lineno, "not valid JSON (nested too deeply)") from None
        rows.append((lineno, row))
    return rows


def _neutral(pred: dict[str, Any], forms: set[str], unscored: set[str]) -> bool:
    name = pred.get("name", "")
    return is_generic(name) or name == name.lower() or bool(forms & unscored)


def _forms(entity: dict[str, Any], key: str) -> set[str]:
    return {_norm(entity["name"]), *(_norm(a) for a in entity.get(key) or [])} - {""}


def _max_matching(gold_forms: list[set[str]], pred_forms: list[set[str]]) -> dict[int, int]:
    """A maximum one-to-one matching of gold entities to predictions sharing a form (gold -> prediction).

    Augmenting paths (Kuhn's algorithm) over a paper's few entities; a gold entity takes the
    earliest free prediction when there is one, and only otherwise moves an earlier pair, so
    where the greedy matching (gold in order, earliest free prediction) is already maximum,
    the pairs are the greedy ones.
    """
    edges = [[i for i, pf in enumerate(pred_forms) if pf & gf] for gf in gold_forms]
    owner: dict[int, int] = {}  # prediction -> gold

    def augment(g: int, seen: set[int]) -> bool:
        free = next((i for i in edges[g] if i not in owner), None)
        if free is not None:  # the greedy choice first
            owner[free] = g
            return True
        for i in edges[g]:
            if i not in seen:
                seen.add(i)
                if augment(owner[i], seen):
                    owner[i] = g
                    return True
        return False

    for g in range(len(gold_forms)):
        augment(g, set())
    return {g: i for i, g in owner.items()}


def _wrongly_proposed(title: str, pred: dict[str, Any], matched: str | None) -> dict[str, Any]:
    """The error entry of a prediction marked proposed whose gold entity is not (``matched``: its
    name), or that matches none and is not neutral (``matched`` None: it is spurious too).
    """
    return {"title": title, "wrongly_proposed": pred["name"], "type": pred["type"], "matched": matched}


def _paired(preds_by_title: dict[str, list[dict[str, Any]]], taken: Counter[str], title: str) -> dict[str, Any] | None:
    """The prediction for the next gold paper of ``title``: the n-th gold paper of a title takes the n-th
    prediction of that title (two papers sharing a title, as cross-validation's folds scored them, each
    with its own; both once took the last one), the last one past their number; None when there is none.
    """
    preds = preds_by_title.get(title)
    if not preds:
        return None
    taken[title] += 1
    return preds[min(taken[title], len(preds)) - 1]


def score_entities(gold: Iterable[dict[str, Any]], predicted: Iterable[dict[str, Any]]) -> EntityScores:
    """Precision, recall, F1, type accuracy, proposed-recall and proposed-precision over matched papers."""
    preds_by_title: dict[str, list[dict[str, Any]]] = {}
    for p in predicted:
        preds_by_title.setdefault(normalize_title(p["title"]), []).append(p)
    taken: Counter[str] = Counter()  # gold papers of each title so far
    found = gold_n = unmatched = neutral = typed_ok = prop_gold = prop_found = matched_papers = 0
    marked = marked_right = 0  # predictions marked proposed (neutral unmatched ones left out), and those right
    gold_list = list(gold)
    errors: list[dict[str, Any]] = []
    papers_unmatched: list[int] = []
    for n, g in enumerate(gold_list):
        pred = _paired(preds_by_title, taken, normalize_title(g["title"]))
        if pred is not None:
            matched_papers += 1
        else:
            papers_unmatched.append(n)
        pred_ents = [e for e in (pred or {}).get("entities", []) if e.get("type") in SCORED_TYPES]
        pred_forms = [_forms(e, "mentions") for e in pred_ents]
        gold_ents = [ge for ge in g.get("entities", []) if ge.get("type") in SCORED_TYPES]
        unscored = set().union(*(_forms(ge, "aliases") for ge in g.get("entities", [])
                                 if ge.get("type") not in SCORED_TYPES))
        match = _max_matching([_forms(ge, "aliases") for ge in gold_ents], pred_forms)
        for k, ge in enumerate(gold_ents):
            gold_n += 1
            if ge.get("proposed"):
                prop_gold += 1
            hit = match.get(k)
            if hit is None:
                errors.append({"title": g["title"], "missed": ge["name"], "type": ge.get("type")})
                continue
            found += 1
            if pred_ents[hit]["type"] == ge["type"]:
                typed_ok += 1
            else:
                errors.append({"title": g["title"], "wrong_type": ge["name"], "gold": ge["type"],
                               "predicted": pred_ents[hit]["type"]})
            if ge.get("proposed"):
                if pred_ents[hit].get("proposed"):
                    prop_found += 1
                else:
                    errors.append({"title": g["title"], "not_proposed": ge["name"]})
            if pred_ents[hit].get("proposed"):
                marked += 1
                if ge.get("proposed"):
                    marked_right += 1
                else:
                    errors.append(_wrongly_proposed(g["title"], pred_ents[hit], ge["name"]))
        used = set(match.values())
        for i, pe in enumerate(pred_ents):
            if i in used:
                continue
            if _neutral(pe, pred_forms[i], unscored):
                neutral += 1
            else:
                unmatched += 1
                errors.append({"title": g["title"], "spurious": pe["name"], "type": pe["type"]})
                if pe.get("proposed"):
                    marked += 1
                    errors.append(_wrongly_proposed(g["title"], pe, None))
    denominators = {"precision": found + unmatched, "recall": gold_n, "type_accuracy": found,
                    "proposed_recall": prop_gold, "proposed_precision": marked}
    unmeasured = [name for name, n in denominators.items() if not n]
    if {"precision", "recall"} <= set(unmeasured):  # no gold entity and no prediction: no F1 either
        unmeasured.append("f1")
    precision = found / (found + unmatched) if found + unmatched else 0.0
    recall = found / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return EntityScores(
        precision=precision, recall=recall, f1=f1,
        type_accuracy=typed_ok / found if found else 0.0,
        proposed_recall=prop_found / prop_gold if prop_gold else 0.0,
        proposed_precision=marked_right / marked if marked else 0.0,
        found=found, gold=gold_n, predicted_unmatched=unmatched, neutral=neutral,
        papers_matched=matched_papers, papers_gold=len(gold_list), errors=errors, unmeasured=tuple(unmeasured),
        papers_unmatched=tuple(papers_unmatched),
    )
