"""Linking a reported value to its metric, dataset and model, within one sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import _IMPLIED, _Num, _Span

__all__: list[str] = []


_GAP_WORDS = re.compile(r"^(?:\s|%|\(|\)|,|:|=|\bon\b|\bthe\b|\bof\b|\bin\b|\ban?\b|\btest\b|\baverage\b|\bmean\b|"
                        r"\bmedian\b|\boverall\b|\blabel\b|\bbox\b|\bzero-shot\b|\bfew-shot\b|\b\w++(?:-\w++)++\b|"
                        r"\blinear\b|\bvalidation\b|\bdev\b|\bName\b)*+$", re.IGNORECASE)
_METRIC_LINK = re.compile(r"^(?:\s|,|:|=|\(|\d[\d.,]*\s*%?|\bof\b|\bat\b|\bis\b|\bwas\b|\bto\b|\bfrom\b|"
                          r"\bby\b|\bon\b|\bfor\b|"
                          r"\bthe\b|\ban?\b|\breaches\b|\breached\b|\bof\b|\bwith\b|\bin\b|\bterms\b|"
                          r"\b(?:rises|drops|falls|improves|increases|decreases|goes|climbs|grows|reaches)\b|"
                          r"\b\w++(?:-\w++)++\b|[A-Z][\w./-]*+|\bscores?\b|\bscored\b|\bobtains?\b|\bachieves?\b|"
                          r"\breaches\b|\battains?\b)*+$")
_RESULT_VERB = re.compile(r"\b(?:achiev|reach|obtain|scor|attain|get|gets|record|hit|keep|retain|deliver|yield|"
                          r"post|set|rise|rises|lift|raise|improv|boost|push|report)\w*\b[^.;]*$", re.IGNORECASE)
_COMPARE_GAP = re.compile(r"\b(?:versus|vs\.?|while|whereas|compared|against|than|and|but|respectively|"
                          r"relative|over)\b|,|;|\(", re.IGNORECASE)
_BASELINE_CUE = re.compile(r"(?:\bthan|\bover|\babove|\bbelow|\boutperform\w*|\bsurpass\w*|\bbeat\w*|\bversus|"
                           r"\bvs\.?|\bagainst|\bcompared (?:with|to)|\brelative to|\bexceed\w*)"
                           r"\s*(?:(?:the|a|an|[a-z-]+)\s+){0,2}$",
                           re.IGNORECASE)
_SHOT = re.compile(r"\b(\d+|zero|one|few|two|three|four|five|ten)[- ]shot\b", re.IGNORECASE)
_WORD_NUM = {"zero": "zero", "0": "zero", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
             "ten": "10", "few": "few"}
_PROPOSED_REF = re.compile(r"\b(?:we|our|ours|it|its|the proposed|this (?:model|method|approach|paper)|"
                           r"the (?:resulting|new|"
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
