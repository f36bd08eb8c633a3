"""Where results may be in a paper's text: sentences, named spans (systems, datasets, metrics) and numbers.

Each number found gets a role (``value``, ``delta``, ``from`` or ``reject``);
:mod:`graphbuild.results.link` then links the values to a metric, a dataset and a model.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import EntityMention
from .metrics import _ACRONYM_ONLY, _ANY_METRIC, _METRIC_RES, _canonical_of

__all__ = ["sentence_spans"]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str  # system | dataset | metric
    name: str


class _Disjoint:
    """Spans that do not overlap one another, in order: those overlapping a span found by bisection, since a
    sentence naming thousands of things (a run-on text) made checking every pair quadratic. Spans that do
    overlap are checked one by one, as before.
    """

    def __init__(self, spans: Iterable[_Span] = ()) -> None:
        self.spans = sorted(spans, key=lambda sp: sp.start)
        self.starts = [sp.start for sp in self.spans]
        self.ends = [sp.end for sp in self.spans]
        self.disjoint = all(end <= start for end, start in zip(self.ends, self.starts[1:]))

    def overlapping(self, a: int, b: int) -> list[_Span]:
        """The spans overlapping ``a:b``."""
        if not self.disjoint:
            return [sp for sp in self.spans if sp.start < b and a < sp.end]
        # (disjoint, so their ends are in order too: those ending after a, up to the first starting at b or later)
        return self.spans[bisect_right(self.ends, a):bisect_left(self.starts, b)]

    def add(self, span: _Span) -> None:
        """Keep ``span``, which overlaps none of the spans (:meth:`overlapping` is empty)."""
        at = bisect_left(self.starts, span.start)
        self.spans.insert(at, span)
        self.starts.insert(at, span.start)
        self.ends.insert(at, span.end)


@dataclass(slots=True)
class _Num:
    start: int
    end: int
    value: float
    unit: str
    upper: float | None = None
    role: str = "value"  # value | delta | from | reject
    metric: str | None = None
    lower: bool = False


_SENT_END = re.compile(r"(?<!\s[A-Z])(?<!^[A-Z])(?<!\bvs)(?<!\bet al)(?<!\be\.g)(?<!\bi\.e)"
                       r"(?<!\bFig)(?<!\bEq)(?<!\bSec)"
                       r"(?<!\bNo)(?<!\bcf)[.!?](?=\s+[A-Z(\[\"'])|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: split after ``.!?`` before a capital, and at blank lines."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        end = m.end() if m.group(0) != "\n" else m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _entity_spans(text: str, mentions: Sequence[EntityMention]) -> list[_Span]:
    """Every occurrence of every surface form of the systems (models, methods) and datasets."""
    forms: list[tuple[str, str, str]] = []
    for em in mentions:
        kind = "system" if em.type in ("Model", "Method") else "dataset" if em.type == "Dataset" else None
        if kind is None:
            continue
        for form in {em.name, *(em.mentions or ()), *([em.canonical] if em.canonical else [])}:
            if form and len(form) > 1:
                forms.append((form, kind, em.name))
    forms.sort(key=lambda f: -len(f[0]))
    taken = _Disjoint()
    for form, kind, name in forms:
        for a in _occurrences(text, form):
            b = a + len(form)
            if not taken.overlapping(a, b):
                taken.add(_Span(a, b, kind, name))
    return taken.spans


def _occurrences(text: str, form: str) -> Iterable[int]:
    """Starts of ``form`` in ``text`` as a whole name: no letter, digit or hyphen glued before, none after
    (``Llama-2`` is not found inside ``Llama-2-7B``).
    """
    a = text.find(form)
    while a >= 0:
        b = a + len(form)
        before = text[a - 1] if a else " "
        after = text[b:b + 2]
        if not (before.isalnum() or before in "_-") and not (after[:1].isalnum() or after[:1] == "_"
                                                              or (after[:1] == "-" and after[1:2].isalnum())):
            yield a
        a = text.find(form, a + 1)


def _metric_spans(sent: str, base: int) -> list[_Span]:
    """Metric names in a sentence, longest first where they overlap (``top-5 test error`` over ``top-5``)."""
    cands: list[tuple[int, int, int, str]] = []
    for start in {m.start() for m in _ANY_METRIC.finditer(sent)}:  # then every pattern at each start
        for order, (name, pattern, _) in enumerate(_METRIC_RES):
            m = pattern.match(sent, start)
            if m is None or (m.group(0).upper() in _ACRONYM_ONLY and m.group(0) not in (m.group(0).upper(), "mAP")):
                continue
            cands.append((m.start(), m.end(), order, _canonical_of(name, m.group(0))))
    found = _Disjoint()
    for a, b, _, name in sorted(cands, key=lambda c: (c[0] - c[1], c[2])):
        if not found.overlapping(base + a, base + b):
            found.add(_Span(base + a, base + b, "metric", name))
    return found.spans


def _drop_overlaps(names: list[_Span], metrics: list[_Span]) -> tuple[list[_Span], list[_Span]]:
    """Where a name and a metric overlap the longer one stays ("Inception Score" is no model)."""
    by_place = _Disjoint(metrics)
    kept = [n for n in names
            if not any(o.end - o.start > n.end - n.start for o in by_place.overlapping(n.start, n.end))]
    named = _Disjoint(kept)
    return kept, [m for m in metrics if not named.overlapping(m.start, m.end)]


# ---------------------------------------------------------------------------
# numbers and their roles

_N = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE = re.compile(rf"\bbetween\s+({_N})\s*%?\s+and\s+({_N})|(?<![\w.\-/@])({_N})\s?[–-]\s?({_N})(?=\s*%)")
_NUMBER = re.compile(rf"(?<![\w.\-/@×^]){_N}(?![\w@]|-[A-Za-z]|\.\d|[×/]\d)")
_UNIT = re.compile(r"\s?(%|\s(?:points?|pp|dB|meV|ms)\b)")
_COUNT_WORDS = re.compile(
    r"\s*(?:[KMBT]\b|thousand|million|billion|trillion|times\b|x\b|×|(?:[\w-]+\s)?(?:parameters|params|tokens|"
    r"images|videos|examples|samples|pairs|questions|problems|hours|days|minutes|seconds|steps|epochs|layers|"
    r"heads|GPUs?|TPUs?|chips|languages|classes|categories|subjects|datasets|tasks|words|passages|papers|"
    r"experts|cities|speakers|annotators|sentences|subsets|bits(?! per)|GB|MB|TB|TFLOPs|FLOPs|evaluations|runs|seeds|"
    r"documents|abstracts|nodes|edges|users|items|subword|frames|patches|stages|models|benchmarks|"
    r"programming|hand-written|reasoning|random|training|human|turns|rounds|shots|queries|labels?|"
    r"categories|splits|folds|iterations|updates|dimensions|channels|blocks|kernels|instances)\b)",
    re.IGNORECASE)
_BEFORE_REJECT = re.compile(
    r"(?:\b(?:Section|Sec\.|Table|Tab\.|Figure|Fig\.|Eq\.|Equation|Appendix|Chapter|Version|steps?|size of|"
    r"learning rate of|dropout rate of|temperature of|factor of|[knT]\s*=|first|last|per|every|at most|at least)\s*)$",
    re.IGNORECASE)
_DELTA_AFTER = re.compile(
    r"^\s*\)?\s*(?:%|points?|pp|percentage points?)?\s*(?:[\w@-]+\s){0,3}?(?:higher|lower|above|below|more|less|"
    r"better|worse|ahead|fewer|faster|slower|smaller|larger|over|greater|behind|short|improvements?|gains?|"
    r"reductions?|degradation|increases?|boosts?|drops?)\b", re.IGNORECASE)
#: what joins a delta to the next one of a list ("by 3.8 AP50 and 2.2 AP")
_LIST_GAP = re.compile(r"\s*%?\s*(?:[\w@-]+\s*)?(?:,\s*(?:and\s+)?|and\s+)")
_DELTA_BEFORE = re.compile(
    r"(?:\bby|\b(?:improvement|gain|margin|increase|boost|drop|decrease|reduction|lead)s?\s+of|\bwithin|\+|"
    r"\bup to|\bless than|\bmore than|\bimprov(?:es|ed|ing|e)|\bboost(?:s|ed|ing)?|\bgains?)\s*$", re.IGNORECASE)
_NEGATIVE = re.compile(r"^\s*(?:%|points?|pp)?\s*(?:[\w@-]+\s)?(?:lower|below|less|worse|behind|short)\b", re.I)
_FROM_TO = re.compile(r"\s*%?\s*(?:\w+\s+)?to\s+(?=\d)")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _parse(text: str) -> float:
    return float(text.replace(",", ""))


def _finite(text: str) -> bool:
    """Whether the number ``text`` is one a float holds: 400 nines are infinity, no result (it reached the
    graph as the value ``inf`` and the JSON export as ``Infinity``, which is no JSON).
    """
    return math.isfinite(_parse(text))


def _numbers(sent: str, base: int, blocked: list[_Span]) -> list[_Num]:
    """Numbers of a sentence (offsets into the paper), each with its role."""
    nums: list[_Num] = []

    def inside(a: int, b: int) -> bool:
        return any(s.start < b and a < s.end for s in blocked) or any(n.start < b and a < n.end for n in nums)

    for m in _RANGE.finditer(sent):
        lo, hi = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        a, b = base + m.start(), base + m.end()
        if not inside(a, b) and _finite(lo) and _finite(hi):
            unit = _UNIT.match(sent, m.end())
            end = m.end() + (unit.end() - m.end() if unit else 0)
            nums.append(_Num(a, base + end, _parse(lo), _unit(unit), upper=_parse(hi)))
    for m in _NUMBER.finditer(sent):
        a, b = base + m.start(), base + m.end()
        if inside(a, b) or not _finite(m.group(0)):
            continue
        unit = _UNIT.match(sent, m.end())
        end = unit.end() if unit else m.end()
        num = _Num(a, base + end, _parse(m.group(0)), _unit(unit))
        num.role = _role(sent, m.start(), end, m.group(0), num.unit)
        nums.append(num)
    nums.sort(key=lambda n: n.start)
    for left, right in zip(nums, nums[1:]):  # a list that starts with a delta is a list of deltas
        if (left.role == "delta" and right.role == "value"
                and _LIST_GAP.fullmatch(sent, left.end - base, right.start - base)):
            right.role = "delta"
    for left, right in zip(nums[::-1][1:], nums[::-1]):  # "13.96% and 18.96% error rate reduction"
        gap = sent[left.end - base:right.start - base]
        if right.role == "delta" and left.role == "value" and _LIST_GAP.fullmatch(gap) and re.search(r"\band\b", gap):
            left.role = "delta"
    return nums


def _unit(m: re.Match | None) -> str:
    if m is None:
        return ""
    u = m.group(1).strip()
    return "points" if u in ("point", "points", "pp") else u


#: verbs that imply a metric ("solves 41% of the problems": accuracy), with what must follow the value
_IMPLIED = (
    (re.compile(r"\b(?:solves?|solved|answers?|answered|gets?|classifies|labels?)\s+$", re.I), "accuracy", r"\s*of\b"),
    (re.compile(r"\b(?:wins?|won)\s+$", re.I), "win rate", r"\s*of\b"),
    (re.compile(r"\b(?:completes?|completed|succeeds? (?:on|in))\s+$", re.I), "success rate", r"\s*of\b"),
    (re.compile(r"\b(?:resolves?|resolved|fixes|fixed)\s+$", re.I), "resolve rate", r"\s*of\b"),
)


def _role(sent: str, start: int, end: int, raw: str, unit: str) -> str:
    before, after = re.sub(r"[\s$]+$", " ", sent[:start]), re.sub(r"^[$]", "", sent[end:])  # "$4%$" (LaTeX)
    if re.match(r"\s*(?:\$?\\(?:sim|le|ge|pm)|[~∼±])", after):
        return "reject"  # "0.7%$\sim$8.9%", "85.3 ± 0.2"
    if _DELTA_BEFORE.search(before) or _DELTA_AFTER.match(after):
        return "delta"
    if _FROM_TO.match(sent, end) and re.search(r"\bfrom\s+(?:an?\s+)?(?:[\w@-]+\s+){0,3}of\s*$|\bfrom\s*$", before):
        return "from"
    if re.search(r"\b(?:up|down)\s+from\s*$|\branging\s+from\s*$|[<>≤≥~∼]\s*$|\$\\(?:le|ge|sim|approx)\$\s*$",
                 before, re.IGNORECASE):
        return "reject"
    if unit != "%" and _COUNT_WORDS.match(after):
        return "reject"
    if unit == "%" and re.match(r"\s*(?:less|more|fewer)\b", after, re.I):
        return "reject"
    if unit == "%" and re.match(r"\s*of\b", after) and not any(v.search(before) for v, _, _ in _IMPLIED):
        return "reject"  # "99.3% of ChatGPT's score", "50% of the weights"
    if _BEFORE_REJECT.search(before) and unit != "%":
        return "reject"
    if not unit and _YEAR.match(raw):
        return "reject"
    if re.search(r"\b(?:Table|Figure|Section|Appendix)\s+[\d.]*$", before):
        return "reject"
    return "value"
