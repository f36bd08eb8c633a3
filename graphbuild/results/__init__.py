"""Reported results: "X reaches 85.3% accuracy on MMLU, 2.1 points above Y" as records.

:func:`find_results` reads a paper's text and the entity mentions the NLP
pass found in it (names, types, surface forms) and returns one
:class:`Result` per (model, dataset, metric, value) the text reports. It is
rule-based and works sentence by sentence:

1. *values*: numbers (``85.3``, ``85.3%``, ranges ``between 60 and 70%``,
   ``70-72%``), leaving out numbers inside names (``GPT-4``, ``WMT14``,
   ``top-1``), sizes and counts (``7B``, ``1.2M images``, ``3 layers``),
   years, section and table numbers, speed-ups (``2x faster``), deltas
   (``2.1 points above Y``, ``by 3.6``, which annotate the result before them)
   and the start of ``from A to B`` (the baseline value of ``B``);
2. *metric*: a metric name next to the value (``85.3% accuracy``, ``FID of
   2.27``, ``BLEU from 27.3 to 29.1``), one implied by the verb (``solves 41%
   of the problems``: accuracy), the metric of the value it is compared with
   (``…, versus 18.7 for BM25``), else ``accuracy`` for a percentage after a
   result verb and ``score`` for a bare number after ``scores``;
   a value with no metric is not a result;
3. *dataset*: pairwise for lists (``88.6 and 90.1 on SST-2 and QNLI,
   respectively``), else the first dataset after the value, else the nearest
   before it;
4. *model*: ``for M``/``with M`` after the value, ``M (63.1%)``/``M at
   11.1``, else the nearest model or method before the value that is not a
   baseline (``than``/``over``/``outperforming`` M), else the paper's proposed
   entity (``our model``), else the first model in the sentence.

Metrics carry a direction: :data:`LOWER_IS_BETTER` lists the canonical
metric names (FID, perplexity, error rates, …) where a smaller value wins.

>>> from graphbuild.records import EntityMention
>>> ms = [EntityMention("Orca-Lite", "Model", ["Orca-Lite"]), EntityMention("MMLU", "Dataset", ["MMLU"]),
...       EntityMention("Vicuna-13B", "Model", ["Vicuna-13B"])]
>>> [r] = find_results("Orca-Lite reaches 85.3% accuracy on MMLU, 2.1 points above Vicuna-13B.", ms)
>>> (r.model, r.dataset, r.metric, r.value, r.unit, r.delta, r.baseline)
('Orca-Lite', 'MMLU', 'accuracy', 85.3, '%', 2.1, 'Vicuna-13B')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from ..records import EntityMention
from .link import _dataset_for, _fallback_metric, _groups, _metric_for, _model_for, _name_run, _setting
from .metrics import LOWER_IS_BETTER, canonical_metric, lower_is_better
from .text import _NEGATIVE, _drop_overlaps, _entity_spans, _metric_spans, _Num, _numbers, _Span, sentence_spans

__all__ = ["Result", "find_results", "score_results", "canonical_metric", "lower_is_better", "LOWER_IS_BETTER",
           "sentence_spans"]


@dataclass(frozen=True, slots=True)
class Result:
    """One reported result: ``model`` reaches ``value`` ``unit`` of ``metric`` on ``dataset``.

    ``model`` and ``dataset`` are entity names as the NLP pass gave them
    (``model`` is None when the text names no model and the paper proposes
    none); ``char_start``/``char_end`` are the value's offsets in the paper
    text and ``evidence`` its sentence. Optional: ``upper`` (a range's upper
    end), ``setting`` (``5-shot``, ``zero-shot``), ``delta`` and ``baseline``
    (``2.1 points above Y``: 2.1 and Y; negative for ``below``) and
    ``baseline_value`` (``from 27.3 to 29.1``: 27.3).
    """

    model: str | None
    dataset: str | None
    metric: str
    value: float
    unit: str = ""
    evidence: str = ""
    char_start: int = 0
    char_end: int = 0
    setting: str | None = None
    upper: float | None = None
    delta: float | None = None
    baseline: str | None = None
    baseline_value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dict."""
        return asdict(self)


def _sentence_results(text: str, s: int, e: int, spans: list[_Span], proposed: str | None) -> list[Result]:
    sent = text[s:e]
    local, metrics = _drop_overlaps([sp for sp in spans if sp.start >= s and sp.end <= e], _metric_spans(sent, s))
    nums = _numbers(sent, s, local + metrics)
    values = [n for n in nums if n.role in ("value", "from")]
    systems = [sp for sp in local if sp.kind == "system"]
    datasets = [sp for sp in local if sp.kind == "dataset"]
    prev: _Num | None = None
    for num in values:
        num.metric = _metric_for(num, sent, s, metrics, local, values)
        if num.metric is None and num.role == "value":
            num.metric = _fallback_metric(num, prev, sent, s, metrics, systems)
        if num.metric:
            prev = num
    for group in _groups([n for n in values if n.role == "value"], sent, s, local):
        known = [n.metric for n in group if n.metric]
        for n in group:  # "88.6 and 90.1 accuracy": a list shares its metric
            n.metric = n.metric or (known[-1] if known else None)
    kept = [n for n in values if n.metric and n.role == "value"]
    out: list[Result] = []
    group_of = {id(n): g for g in _groups(kept, sent, s, local) for n in g}
    prev_end = s
    for i, num in enumerate(kept):
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        nxt_any = next((n for n in nums if n.start >= num.end), None)
        group = group_of[id(num)]
        dataset = model = None
        if len(group) > 1:
            k = group.index(num)
            runs = _name_run(datasets, "dataset", group[-1].end, sent, s, after=True)
            if len(runs) == len(group):
                dataset = runs[k].name
            mruns = _name_run(systems, "system", group[0].start, sent, s, after=False)
            if len(mruns) == len(group):
                model = mruns[k].name
        dataset = dataset or _dataset_for(num, nxt_any, datasets, sent, s)
        model = model or _model_for(num, sent, s, systems, proposed, prev_end)
        start_value = next((n for n in values if n.role == "from" and n.end <= num.start
                            and re.fullmatch(r"\s*%?\s*(?:\w+\s+)?to\s*", text[n.end:num.start])), None)
        res = Result(model=model, dataset=dataset, metric=num.metric or "", value=num.value, unit=num.unit,
                     evidence=sent.strip(), char_start=num.start, char_end=num.end,
                     setting=_setting(sent, s, num, nxt, kept[0]),
                     upper=num.upper, baseline_value=start_value.value if start_value else None)
        if model or dataset:
            out.append(res)
        prev_end = num.end
    return _with_deltas(out, nums, sent, s, systems)


def _with_deltas(results: list[Result], nums: list[_Num], sent: str, base: int, systems: list[_Span]) -> list[Result]:
    """Attach each delta ("2.1 points above Y") to the result before it, with Y as its baseline."""
    out = list(results)
    for num in nums:
        if num.role != "delta":
            continue
        idx = max((i for i, r in enumerate(out) if r.char_end <= num.start), default=None)
        if idx is None or out[idx].delta is not None:
            continue
        after = sent[num.end - base:]
        sign = -1.0 if _NEGATIVE.match(after) else 1.0
        later = [sp for sp in systems if sp.start >= num.end and sp.start - num.end < 40]
        earlier = [sp for sp in systems if out[idx].char_end <= sp.start and sp.end <= num.start]
        baseline = (later[0].name if later else earlier[-1].name if earlier else None)
        out[idx] = replace(out[idx], delta=sign * num.value, baseline=baseline)
    return out


def find_results(text: str, mentions: Sequence[EntityMention]) -> list[Result]:
    r"""The results a paper reports, in text order.

    Parameters
    ----------
    text : the paper's text (title, blank line, abstract: :attr:`graphbuild.records.Paper.text`).
    mentions : the paper's entity mentions (:attr:`graphbuild.records.Extraction.entities`); models
        and methods can report results, datasets are evaluated on, and the
        proposed model or method stands for "our model" / "we".

    Returns
    -------
    list of Result
        One per (model, dataset, metric, value, setting) found; ``char_start``
        and ``char_end`` are the value's offsets in ``text``.

    Examples
    --------
    >>> from graphbuild.records import EntityMention
    >>> ms = [EntityMention("SwiftAdapt", "Method", ["SwiftAdapt"], proposed=True),
    ...       EntityMention("WMT14 En-De", "Dataset", ["WMT14 En-De"])]
    >>> [r] = find_results("SwiftAdapt\n\nOur adapter improves BLEU from 27.3 to 29.1 on WMT14 En-De.", ms)
    >>> (r.model, r.dataset, r.metric, r.value, r.baseline_value)
    ('SwiftAdapt', 'WMT14 En-De', 'BLEU', 29.1, 27.3)
    >>> find_results("We train a 7B model on 1.2M images in 2023.", ms)
    []
    """
    if not re.search(r"\d", text):
        return []
    spans = _entity_spans(text, mentions)
    proposed = next((em.name for em in mentions if em.proposed and em.type in ("Model", "Method")), None)
    out: list[Result] = []
    seen: set[tuple] = set()
    for s, e in sentence_spans(text):
        if not re.search(r"\d", text[s:e]):
            continue
        for r in _sentence_results(text, s, e, spans, proposed):
            key = (r.model, r.dataset, r.metric, r.setting, r.value)
            if key not in seen:
                seen.add(key)
                out.append(r)
    return out


def score_results(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall of :func:`find_results` on annotated sentences.

    Each row holds ``text``, ``entities`` (``name``, ``type``, optional
    ``proposed``) and gold ``results`` (``model``, ``dataset``, ``metric``,
    ``value``); a prediction counts when all four agree (names by
    :func:`~graphbuild.records.name_key`, metrics by :func:`canonical_metric`).
    ``loose`` scores ignore the metric. Sentences with no gold result count
    their predictions in ``false_on_none``.
    """
    from ..records import name_key

    def key(r: dict[str, Any] | Result, metric: bool = True) -> tuple:
        if isinstance(r, Result):
            return (name_key(r.model or ""), name_key(r.dataset or ""), r.metric if metric else "", round(r.value, 4))
        return (name_key(r.get("model") or ""), name_key(r.get("dataset") or ""),
                canonical_metric(r["metric"]) if metric else "", round(float(r["value"]), 4))

    tp = fp = fn = ltp = lfp = lfn = none_fp = none_n = 0
    errors: list[dict[str, Any]] = []
    for row in rows:
        ems = [EntityMention(e["name"], e["type"], [e["name"]], proposed=bool(e.get("proposed")))
               for e in row["entities"]]
        pred = find_results(row["text"], ems)
        if not row["results"]:
            none_n += 1
            none_fp += len(pred)
        for strict in (True, False):
            gold = {key(g, strict) for g in row["results"]}
            got = {key(r, strict) for r in pred}
            t, p, n = len(gold & got), len(got - gold), len(gold - got)
            if strict:
                tp, fp, fn = tp + t, fp + p, fn + n
                if p or n:
                    errors.append({"id": row.get("id"), "missed": sorted(gold - got), "wrong": sorted(got - gold)})
            else:
                ltp, lfp, lfn = ltp + t, lfp + p, lfn + n
    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0
    return {"precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn), "tp": tp, "fp": fp, "fn": fn,
            "loose_precision": ratio(ltp, ltp + lfp), "loose_recall": ratio(ltp, ltp + lfn),
            "none_sentences": none_n, "false_on_none": none_fp, "errors": errors}
