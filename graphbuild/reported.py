"""Reported results in the graph: the ``report`` stage, ``Result`` nodes and leaderboards.

Graph shape (both stores)::

    (:Paper)-[:REPORTS {metric, value, unit, setting, upper, delta, baseline,
                        baseline_value, evidence, char_start, char_end}]->(:Result)
    (:Result {id, model, dataset, metric, setting, lower_is_better})-[:OF_MODEL]->(:Entity)
    (:Result)-[:ON_DATASET]->(:Entity)

A ``Result`` node is one leaderboard cell: a model (or method) on a dataset,
in one metric and setting. Every paper reporting a number for that cell
points at the same node, so disagreeing papers meet there; the number, its
unit and its sentence sit on the paper's ``REPORTS`` relationship. Its id is
built from the entity ids, so rebuilding never duplicates it:
``result:<model id>|<dataset id>|<metric>|<setting>`` (``-`` for a result with
no model). A paper reports at most one value per cell (its first).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias

import networkx as nx

from .errors import RelatedLookupError
from .records import EntityMention, Paper, name_key
from .resolve import Resolution
from .results import Result, find_results, lower_is_better

__all__ = ["Reported", "ReportedLater", "report_results", "report_results_later", "find_results_chunk", "results_key",
           "read_result_line", "results_version", "results_version_of", "add_reported", "result_id", "result_label",
           "leaderboard_rows", "leaderboard_warnings", "top_leaderboards"]

#: what the text work of one paper needs: its id, text, linked entities as mentions, entity ids by name
_Input: TypeAlias = "tuple[str, str, list[EntityMention], dict[str, str]]"


@dataclass(frozen=True, slots=True)
class Reported:
    """A :class:`~graphbuild.results.Result` of one paper, its names resolved to entity ids."""

    paper_id: str
    model_id: str | None
    dataset_id: str
    result: Result

    @property
    def id(self) -> str:
        """The id of the ``Result`` node (see :func:`result_id`)."""
        return result_id(self.model_id, self.dataset_id, self.result.metric, self.result.setting)


def result_id(model_id: str | None, dataset_id: str, metric: str, setting: str | None) -> str:
    """``result:<model id>|<dataset id>|<metric>|<setting>``: stable across rebuilds.

    >>> result_id("entity:gpt4", "entity:mmlu", "accuracy", "5-shot")
    'result:entity:gpt4|entity:mmlu|accuracy|5-shot'
    """
    return f"result:{model_id or '-'}|{dataset_id}|{metric}|{setting or ''}"


def report_results(papers: Sequence[Paper], resolution: Resolution) -> list[Reported]:
    """The results every paper reports, with model and dataset as corpus entity ids.

    Each paper's linked entities (their names and aliases, found again in its
    text) are the mentions :func:`~graphbuild.results.find_results` reads;
    the entity the paper proposes stands for "our model". Results with no
    dataset entity are left out (they belong to no leaderboard).

    Parameters
    ----------
    papers : the corpus papers.
    resolution : the corpus entities and paper -> entity links.

    Returns
    -------
    list of Reported
        In paper order, then text order; one per paper and ``Result`` node.
    """
    return report_results_later(papers, resolution)()


def report_results_later(papers: Sequence[Paper], resolution: Resolution, pool: Executor | None = None,
                         *, chunk: int = 1000, known: Mapping[str, list[Result]] | None = None) -> ReportedLater:
    """:func:`report_results` started in ``pool`` (worker processes): call the returned object for them.

    The text work (:func:`~graphbuild.results.find_results`, paper by paper)
    goes to the pool in chunks of ``chunk`` papers, so the caller can build the
    rest of the graph meanwhile; the results are those of :func:`report_results`,
    in the same order. Without a pool the work is done at once, here. A paper
    whose text and mentions have a :func:`results_key` in ``known`` (the results
    an earlier build found) is not read again.
    """
    inputs = _report_inputs(papers, resolution)
    keys = [results_key(text, mentions) for _, text, mentions, _ in inputs]
    known = known or {}
    todo = [i for i, key in enumerate(keys) if key not in known]
    items = [(inputs[i][1], inputs[i][2]) for i in todo]
    if pool is None:
        return ReportedLater(inputs, keys, known, todo, [find_results_chunk(items)])
    futures = [pool.submit(find_results_chunk, items[i:i + chunk]) for i in range(0, len(items), chunk)]
    del items
    return ReportedLater(inputs, keys, known, todo, futures)


class ReportedLater:
    """The results of :func:`report_results_later`: call it for them (waiting for the workers, if any);
    :meth:`cache_lines` then gives every paper's results under its :func:`results_key`, for the next build.
    """

    def __init__(self, inputs: list[_Input], keys: list[str], known: Mapping[str, list[Result]], todo: list[int],
                 parts: list[Any]):
        self._inputs, self._keys, self._known, self._todo, self._parts = inputs, keys, known, todo, parts
        self._found: list[list[Result]] | None = None

    def _all(self) -> list[list[Result]]:
        if self._found is None:
            computed = [res for part in self._parts for res in (part if isinstance(part, list) else part.result())]
            fresh = dict(zip(self._todo, computed, strict=True))
            self._found = [fresh[i] if i in fresh else self._known[key] for i, key in enumerate(self._keys)]
            self._parts = []
        return self._found

    def __call__(self) -> list[Reported]:
        """The results, their names as entity ids (:func:`report_results`)."""
        return _reported(self._inputs, self._all())

    def cache_lines(self) -> list[str]:
        """The header ``{"results_version": …}`` (:func:`results_version`), then one JSON line per paper read
        for results: ``{"key": …, "results": […]}`` (:func:`read_result_line`).
        """
        header = json.dumps({_VERSION_FIELD: results_version()}) + "\n"
        return [header, *(json.dumps({"key": key, "results": [r.to_dict() for r in found]}, ensure_ascii=False)
                          + "\n" for key, found in zip(self._keys, self._all(), strict=True))]


#: the field of the first line of :meth:`ReportedLater.cache_lines` naming the version that wrote them
_VERSION_FIELD = "results_version"


def read_result_line(data: dict[str, Any]) -> tuple[str, list[Result]] | None:
    """A line of :meth:`ReportedLater.cache_lines`, parsed: ``(key, results)``; None for the header."""
    if _VERSION_FIELD in data:
        return None
    return data["key"], [Result(**r) for r in data["results"]]


def results_version_of(data: dict[str, Any]) -> str | None:
    """The version the first line of :meth:`ReportedLater.cache_lines` names (None: lines from before the
    header was written). ``AttributeError`` for a line that is no JSON object.
    """
    return data.get(_VERSION_FIELD)


def results_version() -> str:
    """The version of the lines :meth:`ReportedLater.cache_lines` writes: the digest of the results code,
    which defines the ``Result`` fields and what is found. Lines of another version are no damage, and
    are of no use either (their :func:`results_key` would match no paper): they are dropped whole.
    """
    return _results_code().hex()


@lru_cache(maxsize=1)
def _results_code() -> bytes:
    """A digest of the results package's source: results found by other code are found again."""
    h = hashlib.sha256()
    for f in sorted((Path(__file__).parent / "results").glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.digest()


def results_key(text: str, mentions: Sequence[EntityMention]) -> str:
    """What a paper's results depend on, as a digest: its text, its mentions (names, types, forms, proposed)
    and the code that reads them.

    >>> m = [EntityMention("Zorb", "Model", ["Zorb"], proposed=True)]
    >>> results_key("Zorb reaches 91.2% on X.", m) == results_key("Zorb reaches 91.2% on X.", m)
    True
    >>> results_key("Zorb reaches 91.2% on X.", m) == results_key("Zorb reaches 91.3% on X.", m)
    False
    """
    h = hashlib.sha256(_results_code())
    h.update(text.encode("utf-8", "surrogatepass"))
    h.update(json.dumps([(m.name, m.type, list(m.mentions), m.proposed) for m in mentions]).encode())
    return h.hexdigest()


def find_results_chunk(items: Sequence[tuple[str, list[EntityMention]]]) -> list[list[Result]]:
    """:func:`~graphbuild.results.find_results` of each (text, mentions) pair (a worker's task)."""
    return [find_results(text, mentions) for text, mentions in items]


def _report_inputs(papers: Sequence[Paper], resolution: Resolution) -> list[_Input]:
    """Per paper that may report a number: its id, text, linked entities as mentions, and their ids by name."""
    entities = resolution.by_id()
    by_paper: dict[str, list[tuple[str, str]]] = {}
    for link in resolution.links:
        by_paper.setdefault(link.paper_id, []).append((link.entity_id, link.role))
    out: list[_Input] = []
    for paper in papers:
        linked = by_paper.get(paper.id)
        text = paper.text
        if not linked or "%" not in text and not any(map(str.isdigit, paper.abstract)):
            continue
        mentions, ids = [], {}
        for eid, role in linked:
            ent = entities.get(eid)
            if ent is None or ent.type not in ("Model", "Method", "Dataset"):
                continue
            forms = [f for f in dict.fromkeys((ent.name, *ent.aliases)) if f and f in text]
            if not forms and role != "proposes":
                continue
            mentions.append(EntityMention(ent.name, ent.type, forms, proposed=role == "proposes"))
            ids[ent.name] = eid
        out.append((paper.id, text, mentions, ids))
    return out


def _reported(inputs: list[_Input], found: list[list[Result]]) -> list[Reported]:
    """The results found per paper, with their names as entity ids (one per ``Result`` node and paper)."""
    out: list[Reported] = []
    for (paper_id, _, _, ids), results in zip(inputs, found, strict=True):
        seen: set[str] = set()
        for res in results:
            if res.dataset is None or res.dataset not in ids:
                continue
            rep = Reported(paper_id, ids.get(res.model) if res.model else None, ids[res.dataset], res)
            if rep.id not in seen:
                seen.add(rep.id)
                out.append(rep)
    return out


def result_label(model: str | None, dataset: str | None, metric: str) -> str:
    """The label of a ``Result`` node in pages: ``model on dataset: metric`` (``?`` for no model)."""
    return f"{model or '?'} on {dataset}: {metric}"


def add_reported(G: nx.MultiDiGraph, reported: Iterable[Reported]) -> nx.MultiDiGraph:
    """Add ``Result`` nodes and ``REPORTS``/``OF_MODEL``/``ON_DATASET`` edges to ``G`` (in place)."""
    for rep in reported:
        if rep.paper_id not in G or rep.dataset_id not in G or (rep.model_id and rep.model_id not in G):
            continue
        r = rep.result
        rid = rep.id
        if rid not in G:
            model = G.nodes[rep.model_id].get("name") if rep.model_id else None
            dataset = G.nodes[rep.dataset_id].get("name")
            G.add_node(rid, label="Result", id=rid, model=model, dataset=dataset, metric=r.metric,
                       setting=r.setting, lower_is_better=lower_is_better(r.metric),
                       name=result_label(model, dataset, r.metric))  # ``name`` (not stored) labels it in pages
            G.add_edge(rid, rep.dataset_id, key="ON_DATASET")
            if rep.model_id:
                G.add_edge(rid, rep.model_id, key="OF_MODEL")
        if not G.has_edge(rep.paper_id, rid, key="REPORTS"):
            G.add_edge(rep.paper_id, rid, key="REPORTS", metric=r.metric, value=r.value, unit=r.unit,
                       setting=r.setting, upper=r.upper, delta=r.delta, baseline=r.baseline,
                       baseline_value=r.baseline_value, evidence=r.evidence,
                       char_start=r.char_start, char_end=r.char_end,
                       confidence=None)  # REPORTS has the column (schema) but no score: as a loaded Spark build has it
    return G


# ---------------------------------------------------------------------------
# leaderboards


def _dataset_nodes(G: nx.MultiDiGraph, dataset: str) -> list[str]:
    """Dataset entity ids matching ``dataset``: an id, a name or alias, or (lookup) close text."""
    text = dataset.strip()
    if text in G and G.nodes[text].get("label") == "Entity":
        return [text]
    key = name_key(text)
    hits = [n for n, d in G.nodes(data=True) if d.get("label") == "Entity"
            and (name_key(d.get("name") or "") == key or any(name_key(a) == key for a in d.get("aliases") or ()))]
    with_results = [n for n in hits if any(k == "ON_DATASET" for _, _, k in G.in_edges(n, keys=True))]
    return sorted(with_results or hits)


def leaderboard_rows(G: nx.MultiDiGraph, dataset: str, metric: str | None = None) -> list[dict[str, Any]]:
    """The results reported on ``dataset``, best first within each metric.

    Parameters
    ----------
    G : the knowledge graph (:meth:`graphbuild.workspace.Workspace.graph`).
    dataset : a dataset entity id, name or alias (``name_key`` comparison: ``imagenet-1k`` finds ``ImageNet-1K``).
    metric : keep only this metric (canonical name or as written, e.g. ``top-1 acc.``).

    Raises
    ------
    RelatedLookupError
        No entity has that id, name or alias.

    Returns
    -------
    list of dict
        ``model, model_id, dataset, dataset_id, metric, value, unit, setting, upper, delta, baseline,
        lower_is_better, paper_id, paper, year, evidence, char_start, char_end``. Rows are grouped by
        metric (the metric with most rows first), then best value first (smallest for
        lower-is-better metrics such as FID, perplexity, error rates), then paper id.
    """
    from .results import canonical_metric

    wanted = canonical_metric(metric) if metric else None
    datasets = _dataset_nodes(G, dataset)
    if not datasets:
        known = sorted({G.nodes[d].get("name") for r, d, k in G.edges(keys=True) if k == "ON_DATASET"})
        hint = f"datasets with reported results: {', '.join(known[:10])}" if known else "no paper reports results yet"
        raise RelatedLookupError(f"no dataset entity named {dataset!r} in the graph; {hint}")
    rows: list[dict[str, Any]] = []
    for did in datasets:
        for rid, _, key in G.in_edges(did, keys=True):
            if key != "ON_DATASET":
                continue
            cell = G.nodes[rid]
            if wanted and name_key(cell.get("metric") or "") != name_key(wanted):
                continue
            model_id = next((m for _, m, k in G.out_edges(rid, keys=True) if k == "OF_MODEL"), None)
            for pid, _, k, data in G.in_edges(rid, keys=True, data=True):
                if k != "REPORTS":
                    continue
                paper = G.nodes[pid]
                rows.append({
                    "model": cell.get("model"), "model_id": model_id, "dataset": G.nodes[did].get("name"),
                    "dataset_id": did, "metric": cell.get("metric"), "value": data.get("value"),
                    "unit": data.get("unit") or "", "setting": data.get("setting"), "upper": data.get("upper"),
                    "delta": data.get("delta"), "baseline": data.get("baseline"),
                    "lower_is_better": bool(cell.get("lower_is_better")), "paper_id": pid,
                    "paper": paper.get("title"), "year": paper.get("year"), "evidence": data.get("evidence"),
                    "char_start": data.get("char_start"), "char_end": data.get("char_end"),
                })
    per_metric = Counter(r["metric"] for r in rows)
    rows.sort(key=lambda r: (-per_metric[r["metric"]], r["metric"],
                             r["value"] if r["lower_is_better"] else -r["value"], r["paper_id"], r["model"] or ""))
    return rows


def leaderboard_warnings(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Plain-language warnings where a leaderboard mixes metrics, units or settings."""
    out = []
    metrics = sorted({r["metric"] for r in rows})
    if len(metrics) > 1:
        out.append(f"rows use {len(metrics)} different metrics ({', '.join(metrics)}): "
                   "values are comparable only within one metric (use --metric)")
    for metric in metrics:
        same = [r for r in rows if r["metric"] == metric]
        settings = sorted({r["setting"] or "unstated" for r in same})
        if len(settings) > 1:
            out.append(f"{metric}: results come from different settings ({', '.join(settings)})")
        units = sorted({r["unit"] or "none" for r in same})
        if len(units) > 1:
            out.append(f"{metric}: values are given in different units ({', '.join(units)})")
    return out


def top_leaderboards(G: nx.MultiDiGraph, datasets: int = 6, rows: int = 10) -> list[dict[str, Any]]:
    """The leaderboards of the datasets with the most reported results (for the report page).

    Returns
    -------
    list of dict
        ``dataset, dataset_id, metric, results, rows, warnings``: for each of the ``datasets``
        datasets with most ``REPORTS``, its most reported metric and that metric's best
        ``rows`` rows (:func:`leaderboard_rows`), ``results`` counting all its rows.
    """
    per_dataset: Counter[str] = Counter()
    for rid, did, key in G.edges(keys=True):
        if key == "ON_DATASET":
            per_dataset[did] += sum(1 for _, _, k in G.in_edges(rid, keys=True) if k == "REPORTS")
    out = []
    for did, count in sorted(per_dataset.items(), key=lambda kv: (-kv[1], kv[0]))[:datasets]:
        board = leaderboard_rows(G, did)
        metric = board[0]["metric"]
        same = [r for r in board if r["metric"] == metric]
        out.append({"dataset": G.nodes[did].get("name"), "dataset_id": did, "metric": metric, "results": count,
                    "rows": same[:rows], "warnings": leaderboard_warnings(same)})
    return out
