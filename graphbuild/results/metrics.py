"""Metric names: the lexicon (``data/metrics.json``), canonical names and which way is better."""

from __future__ import annotations

import json
import re

from ..resources import data_path

__all__ = ["LOWER_IS_BETTER", "canonical_metric", "lower_is_better"]


def _load_metrics() -> tuple[tuple[str, str, bool], ...]:
    """The metric lexicon (``data/metrics.json``): canonical name, surface regex, lower is better.

    Earlier entries win where patterns overlap (``top-1 accuracy`` before ``accuracy``).
    """
    rows = json.loads(data_path("metrics.json").read_text(encoding="utf-8"))
    return tuple((r["name"], r["pattern"], bool(r["lower_is_better"])) for r in rows)


_METRICS = _load_metrics()

#: canonical metric names where a smaller value is better
LOWER_IS_BETTER = frozenset(name for name, _, lower in _METRICS if lower)
_CASELESS = re.compile(r"[a-z]")  # patterns of all-caps acronyms stay case-sensitive
_METRIC_RES = [
    (name, re.compile(r"(?<![\w@-])(?:" + pattern + r")(?![\w@+-]|-\d)",
                      0 if not _CASELESS.search(pattern.replace("score", ""))
                      else re.IGNORECASE), lower)
    for name, pattern, lower in _METRICS
]
#: where any metric may start (one pass); each pattern is then tried at those places only
_ANY_METRIC = re.compile(r"(?<![\w@-])(?:" + "|".join(
    f"(?i:{pattern})" if p.flags & re.IGNORECASE else f"(?:{pattern})"
    for (_, pattern, _), (_, p, _) in zip(_METRICS, _METRIC_RES)) + ")")
_ACRONYM_ONLY = {"EM", "IS", "MAP", "LAS", "UAS", "MOS", "NDS", "MSE", "MAE", "AUC", "CER", "WER", "PPL", "EPE", "BPB"}


def _canonical_of(name: str, surface: str) -> str:
    if name in ("pass@k", "recall@k", "nDCG@k", "MRR@k", "hits@k"):
        k = surface.rsplit("@", 1)[1]
        return name.replace("@k", "@" + k)
    return name


def canonical_metric(text: str) -> str:
    """The canonical name of a metric as written (``Top-1 Acc.`` -> ``top-1 accuracy``), or ``text``."""
    for name, pattern, _ in _METRIC_RES:
        m = pattern.fullmatch(text.strip())
        if m:
            return _canonical_of(name, m.group(0))
    return text.strip()


def lower_is_better(metric: str) -> bool:
    """Whether a smaller value of the (canonical) ``metric`` is better (FID, perplexity, WER, …)."""
    return canonical_metric(metric) in LOWER_IS_BETTER
