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

import json
import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Iterable, Sequence

from .records import EntityMention
from .resources import data_path

__all__ = ["Result", "find_results", "canonical_metric", "lower_is_better", "LOWER_IS_BETTER", "sentence_spans"]


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
        return asdict(self)


# ---------------------------------------------------------------------------
# metrics: canonical name, surface pattern, lower is better

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


# ---------------------------------------------------------------------------
# spans


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str  # system | dataset | metric
    name: str


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


_SENT_END = re.compile(r"(?<!\s[A-Z])(?<!^[A-Z])(?<!\bvs)(?<!\bet al)(?<!\be\.g)(?<!\bi\.e)(?<!\bFig)(?<!\bEq)(?<!\bSec)"
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
    taken: list[_Span] = []
    for form, kind, name in forms:
        for a in _occurrences(text, form):
            b = a + len(form)
            if not any(s.start < b and a < s.end for s in taken):
                taken.append(_Span(a, b, kind, name))
    return sorted(taken, key=lambda s: s.start)


def _occurrences(text: str, form: str) -> Iterable[int]:
    """Starts of ``form`` in ``text`` as a whole name: no letter, digit or hyphen glued before, none after
    (``Llama-2`` is not found inside ``Llama-2-7B``)."""
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
    found: list[_Span] = []
    for a, b, _, name in sorted(cands, key=lambda c: (c[0] - c[1], c[2])):
        if not any(s.start < base + b and base + a < s.end for s in found):
            found.append(_Span(base + a, base + b, "metric", name))
    return sorted(found, key=lambda s: s.start)


def _drop_overlaps(names: list[_Span], metrics: list[_Span]) -> tuple[list[_Span], list[_Span]]:
    """Where a name and a metric overlap the longer one stays ("Inception Score" is no model)."""
    def beaten(x: _Span, others: list[_Span]) -> bool:
        return any(o.start < x.end and x.start < o.end and (o.end - o.start) > (x.end - x.start) for o in others)

    return [n for n in names if not beaten(n, metrics)], [m for m in metrics if not any(
        n.start < m.end and m.start < n.end for n in names if not beaten(n, metrics))]


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
_FROM_TO = re.compile(rf"\s*%?\s*(?:\w+\s+)?to\s+(?=\d)")
_UP_FROM = re.compile(r"\b(?:up|down|improved|increased|rising|up|compared)?\s*from\s*$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _parse(text: str) -> float:
    return float(text.replace(",", ""))


def _numbers(sent: str, base: int, blocked: list[_Span]) -> list[_Num]:
    """Numbers of a sentence (offsets into the paper), each with its role."""
    nums: list[_Num] = []

    def inside(a: int, b: int) -> bool:
        return any(s.start < b and a < s.end for s in blocked) or any(n.start < b and a < n.end for n in nums)

    for m in _RANGE.finditer(sent):
        lo, hi = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        a, b = base + m.start(), base + m.end()
        if not inside(a, b):
            unit = _UNIT.match(sent, m.end())
            end = m.end() + (unit.end() - m.end() if unit else 0)
            nums.append(_Num(a, base + end, _parse(lo), _unit(unit), upper=_parse(hi)))
    for m in _NUMBER.finditer(sent):
        a, b = base + m.start(), base + m.end()
        if inside(a, b):
            continue
        unit = _UNIT.match(sent, m.end())
        end = unit.end() if unit else m.end()
        num = _Num(a, base + end, _parse(m.group(0)), _unit(unit))
        num.role = _role(sent, m.start(), end, m.group(0), num.unit)
        nums.append(num)
    nums.sort(key=lambda n: n.start)
    for a, b in zip(nums, nums[1:]):  # a list that starts with a delta is a list of deltas
        if a.role == "delta" and b.role == "value" and _LIST_GAP.fullmatch(sent, a.end - base, b.start - base):
            b.role = "delta"
    for a, b in zip(nums[::-1][1:], nums[::-1]):  # "13.96% and 18.96% error rate reduction"
        gap = sent[a.end - base:b.start - base]
        if b.role == "delta" and a.role == "value" and _LIST_GAP.fullmatch(gap) and re.search(r"\band\b", gap):
            a.role = "delta"
    return nums


def _unit(m: re.Match | None) -> str:
    if m is None:
        return ""
    u = m.group(1).strip()
    return "points" if u in ("point", "points", "pp") else u


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


# ---------------------------------------------------------------------------
# linking a value to its metric, dataset and model

_GAP_WORDS = re.compile(r"^(?:\s|%|\(|\)|,|:|=|\bon\b|\bthe\b|\bof\b|\bin\b|\ban?\b|\btest\b|\baverage\b|\bmean\b|"
                        r"\bmedian\b|\boverall\b|\blabel\b|\bbox\b|\bzero-shot\b|\bfew-shot\b|\b\w++(?:-\w++)++\b|"
                        r"\blinear\b|\bvalidation\b|\bdev\b|\bName\b)*+$", re.IGNORECASE)
_METRIC_LINK = re.compile(r"^(?:\s|,|:|=|\(|\d[\d.,]*\s*%?|\bof\b|\bat\b|\bis\b|\bwas\b|\bto\b|\bfrom\b|\bby\b|\bon\b|\bfor\b|"
                          r"\bthe\b|\ban?\b|\breaches\b|\breached\b|\bof\b|\bwith\b|\bin\b|\bterms\b|"
                          r"\b(?:rises|drops|falls|improves|increases|decreases|goes|climbs|grows|reaches)\b|"
                          r"\b\w++(?:-\w++)++\b|[A-Z][\w./-]*+|\bscores?\b|\bscored\b|\bobtains?\b|\bachieves?\b|"
                          r"\breaches\b|\battains?\b)*+$")
_IMPLIED = (
    (re.compile(r"\b(?:solves?|solved|answers?|answered|gets?|classifies|labels?)\s+$", re.I), "accuracy", r"\s*of\b"),
    (re.compile(r"\b(?:wins?|won)\s+$", re.I), "win rate", r"\s*of\b"),
    (re.compile(r"\b(?:completes?|completed|succeeds? (?:on|in))\s+$", re.I), "success rate", r"\s*of\b"),
    (re.compile(r"\b(?:resolves?|resolved|fixes|fixed)\s+$", re.I), "resolve rate", r"\s*of\b"),
)
_RESULT_VERB = re.compile(r"\b(?:achiev|reach|obtain|scor|attain|get|gets|record|hit|keep|retain|deliver|yield|"
                          r"post|set|rise|rises|lift|raise|improv|boost|push|report)\w*\b[^.;]*$", re.IGNORECASE)
_COMPARE_GAP = re.compile(r"\b(?:versus|vs\.?|while|whereas|compared|against|than|and|but|respectively|"
                          r"relative|over)\b|,|;|\(", re.IGNORECASE)
_BASELINE_CUE = re.compile(r"(?:\bthan|\bover|\babove|\bbelow|\boutperform\w*|\bsurpass\w*|\bbeat\w*|\bversus|"
                           r"\bvs\.?|\bagainst|\bcompared (?:with|to)|\brelative to|\bexceed\w*)\s*(?:(?:the|a|an|[a-z-]+)\s+){0,2}$",
                           re.IGNORECASE)
_SHOT = re.compile(r"\b(\d+|zero|one|few|two|three|four|five|ten)[- ]shot\b", re.IGNORECASE)
_WORD_NUM = {"zero": "zero", "0": "zero", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
             "ten": "10", "few": "few"}
_PROPOSED_REF = re.compile(r"\b(?:we|our|ours|it|its|the proposed|this (?:model|method|approach|paper)|the (?:resulting|new|"
                           r"distilled|pruned|fine-tuned|quantized|compressed)\b)|\b[Tt]he\s+(?:[a-z-]+\s+){0,2}"
                           r"(?:model|detector|agent|policy|captioner|tagger|verifier|sampler|generator|retriever|"
                           r"classifier|method|system|approach|network|parser|tracker|planner|reranker|encoder|"
                           r"recommender)\b", re.IGNORECASE)


def _metric_for(num: _Num, sent: str, base: int, metrics: list[_Span], spans: list[_Span],
                values: list[_Num]) -> str | None:
    """The metric a value is reported in, or None (then it is not a result)."""
    others = [n for n in values if n is not num]
    # a metric right after the value: "85.3% accuracy", "6.35 MT-Bench score"
    for met in metrics:
        if met.start >= num.end:
            gap = _blank(sent, base, num.end, met.start, spans)
            if len(gap) <= 40 and _GAP_WORDS.match(gap) and not _between(others, num.end, met.start):
                return met.name
            break
    # a metric before it: "FID of 2.27", "BLEU from 27.3 to 29.1", "accuracy on PopQA from 14.7% to 54.9%"
    for met in reversed(metrics):
        if met.end <= num.start:
            gap = _blank(sent, base, met.end, num.start, spans)
            if (len(gap) <= 60 and _METRIC_LINK.match(gap) and ";" not in gap
                    and not _between([n for n in others if n.role != "from"], met.end, num.start)):
                return met.name
            break
    before = sent[:num.start - base]
    after = sent[num.end - base:]
    for verb, name, follow in _IMPLIED:
        if num.unit == "%" and verb.search(before) and re.match(follow, after):
            return name
    return None


def _blank(sent: str, base: int, a: int, b: int, spans: list[_Span]) -> str:
    """``sent[a:b]`` with dataset and system names replaced by a capitalised placeholder word."""
    out, pos = [], a
    for s in spans:
        if s.start >= a and s.end <= b:
            out.append(sent[pos - base:s.start - base])
            out.append(" Name ")
            pos = s.end
    out.append(sent[pos - base:b - base])
    return "".join(out)


def _between(nums: Iterable[_Num], a: int, b: int) -> bool:
    return any(a <= n.start and n.end <= b for n in nums)


def _fallback_metric(num: _Num, prev: _Num | None, sent: str, base: int, metrics: list[_Span],
                     systems: list[_Span]) -> str | None:
    """A metric for a value with none of its own: compared values, "M (63.1%)", bare result verbs."""
    before = sent[:num.start - base]
    if prev is not None and prev.metric and _COMPARE_GAP.search(sent[prev.end - base:num.start - base]):
        if num.unit == prev.unit or not num.unit or not prev.unit:
            return prev.metric
    paren = re.search(r"\(\s*$", before)
    if paren and any(s.end - base == paren.start() or sent[s.end - base:paren.start()].strip() == ""
                     for s in systems if s.end <= num.start):
        if metrics:
            return min(metrics, key=lambda m: abs(m.start - num.start)).name
    clause = re.split(r"[;,]", before)[-1]
    if _RESULT_VERB.search(clause) or re.search(r"\b(?:at|to)\s*$", before):
        if num.unit == "%":
            return "accuracy"
        if re.search(r"\bscor(?:es|ed|e)\b", clause) or re.match(r"\s+on\b", sent[num.end - base:]):
            return "score"
    return None


def _groups(nums: list[_Num], sent: str, base: int, spans: list[_Span]) -> list[list[_Num]]:
    """Runs of values written as a list ("88.6 and 90.1 accuracy"): no name between them."""
    groups: list[list[_Num]] = []
    for num in nums:
        if groups:
            last = groups[-1][-1]
            gap = sent[last.end - base:num.start - base]
            if (not any(last.end <= s.start and s.end <= num.start for s in spans)
                    and len(gap) < 30 and re.fullmatch(r"(?:\s|,|%|and|[\w@-]++)*+", gap)
                    and re.search(r"\band\b|,", gap)):
                groups[-1].append(num)
                continue
        groups.append([num])
    return groups


def _name_run(spans: list[_Span], kind: str, start: int, sent: str, base: int, *, after: bool) -> list[_Span]:
    """Names of one kind listed right after (or right before) ``start``: "on SST-2 and QNLI"."""
    chosen = [s for s in spans if s.kind == kind]
    run: list[_Span] = []
    if after:
        pos = start
        for s in chosen:
            if s.start < pos:
                continue
            gap = sent[pos - base:s.start - base]
            limit = r"(?:\s|,|%|[\w@-]++)*+" if not run else r"(?:\s|,|and|the)*+"
            if re.fullmatch(limit, gap) and (run or len(gap) < 40):
                run.append(s)
                pos = s.end
            else:
                break
    else:
        pos = start
        for s in reversed(chosen):
            if s.end > pos:
                continue
            gap = sent[s.end - base:pos - base]
            limit = r"(?:\s|,|and)*" if run else r"[^\d;]*"
            if re.fullmatch(limit, gap):
                run.insert(0, s)
                pos = s.start
            else:
                break
    return run


_CLAUSE_END = re.compile(r",\s+(?:and|but|while|whereas|which|compared|improv|transfer)|;|\bwhile\b|\bwhereas\b")


def _dataset_for(num: _Num, nxt: _Num | None, datasets: list[_Span], sent: str, base: int) -> str | None:
    for d in datasets:  # "ADE20K (50.28% mIoU)"
        if d.end <= num.start and re.fullmatch(r"\s*\(\s*", sent[d.end - base:num.start - base]):
            return d.name
    limit = nxt.start if nxt is not None else base + len(sent)
    stop = _CLAUSE_END.search(sent, num.end - base, limit - base)
    limit = base + stop.start() if stop else limit
    for d in datasets:
        if num.end <= d.start < limit:
            return d.name
    before = [d for d in datasets if d.end <= num.start]
    if before:
        return before[-1].name
    return datasets[0].name if datasets else None


def _is_baseline(span: _Span, sent: str, base: int, names: list[_Span]) -> bool:
    """Whether a name is compared against: "than M", "outperforming A, B and M"."""
    prefix = _blank(sent, base, base, span.start, names)[-80:]
    prefix = re.sub(r"(?:\bName\s*(?:,|\band\b|\bor\b)\s*)+$", "", prefix)
    return bool(_BASELINE_CUE.search(prefix))


def _model_for(num: _Num, sent: str, base: int, systems: list[_Span], proposed: str | None,
               prev_end: int) -> str | None:
    after = sent[num.end - base:]
    for s in systems:  # "51.9% for Llama-2-7B", "82.7% with TimeSformer-L"
        if s.start >= num.end:
            gap = sent[num.end - base:s.start - base]
            if re.fullmatch(r"\s*(?:[\w@-]+\s+){0,3}?(?:for|with|by|of|from)\s+(?:the\s+)?", gap) and \
                    not re.match(r"\s*(?:points?|%)?\s*(?:higher|lower|above|below|more|less)", after):
                return s.name
            break
    for s in reversed(systems):  # "YOLOv3 (41.2 mAP)", "Pythia-1.4B at 11.1"
        if s.end <= num.start:
            gap = sent[s.end - base:num.start - base]
            if re.fullmatch(r"\s*(?:\(|at|with|:|=)\s*", gap):
                return s.name
            break
    clause_start = max(prev_end, base)
    for s in reversed(systems):
        if s.end <= num.start and not _is_baseline(s, sent, base, systems):
            if s.start >= clause_start or not any(t.start >= clause_start and t.end <= num.start for t in systems):
                return s.name
    if proposed and _PROPOSED_REF.search(sent):
        return proposed
    firsts = [s for s in systems if not _is_baseline(s, sent, base, systems)]
    if firsts:
        return firsts[0].name
    return proposed


def _setting(sent: str, base: int, num: _Num, nxt: _Num | None, first: _Num) -> str | None:
    """A "5-shot"/"zero-shot" stated before the sentence's first value, or after this one (before the next)."""
    for m in _SHOT.finditer(sent):
        pos = base + m.start()
        if pos < first.start or (num.end <= pos < num.end + 40 and (nxt is None or pos < nxt.start)
                                 and not re.search(r"\band\b", sent[num.end - base:pos - base])):
            k = m.group(1).lower()
            return f"{_WORD_NUM.get(k, k)}-shot"
    return None


def _sentence_results(text: str, s: int, e: int, spans: list[_Span], proposed: str | None) -> list[Result]:
    sent = text[s:e]
    local, metrics = _drop_overlaps([sp for sp in spans if sp.start >= s and sp.end <= e], _metric_spans(sent, s))
    nums = _numbers(sent, s, local + metrics)
    values = [n for n in nums if n.role in ("value", "from")]
    systems = [sp for sp in local if sp.kind == "system"]
    datasets = [sp for sp in local if sp.kind == "dataset"]
    named = local
    prev: _Num | None = None
    for num in values:
        num.metric = _metric_for(num, sent, s, metrics, named, values)
        if num.metric is None and num.role == "value":
            num.metric = _fallback_metric(num, prev, sent, s, metrics, systems)
        if num.metric:
            prev = num
    for group in _groups([n for n in values if n.role == "value"], sent, s, named):
        known = [n.metric for n in group if n.metric]
        for n in group:  # "88.6 and 90.1 accuracy": a list shares its metric
            n.metric = n.metric or (known[-1] if known else None)
    kept = [n for n in values if n.metric and n.role == "value"]
    out: list[Result] = []
    by_num: dict[int, Result] = {}
    group_of = {id(n): g for g in _groups(kept, sent, s, named) for n in g}
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
                     evidence=sent.strip(), char_start=num.start, char_end=num.end, setting=_setting(sent, s, num, nxt, kept[0]),
                     upper=num.upper, baseline_value=start_value.value if start_value else None)
        if model or dataset:
            out.append(res)
            by_num[id(num)] = res
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
    """The results a paper reports, in text order.

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
    >>> [r] = find_results("SwiftAdapt\\n\\nOur adapter improves BLEU from 27.3 to 29.1 on WMT14 En-De.", ms)
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
    from .records import name_key

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
        for strict, (t, p, n) in ((True, (0, 0, 0)), (False, (0, 0, 0))):
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
