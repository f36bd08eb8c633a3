"""Candidate parts for the related-work fusion, measured the way ``fit_related.py`` fits (none is shipped).

Every corpus paper is scored once as a query by every shipped part (each
scaled to [0, 1] per query, as at query time), so that parts built from
other papers' rankings (their neighbourhoods) can be formed. Each candidate
is then added to the fusion as one more part and judged by **nested**
cross-validation by query: in each fold the shipped parts' weights are fitted
on the training queries, the candidate part is built from that fold's fused
score (so no held-out query shapes it), then all weights, the new one
starting at 0, are fitted again on the training queries by the same
coordinate ascent, grid and prior as ``fit_related.py``; the held-out queries
are scored with them. Figures: ``GroupKFold`` (the script's split) and the
mean over three shuffled 7-fold splits. ``--quick`` skips the shuffled splits.

Run (reuses ``fit_related.py``'s workspace)::

    GRAPHBUILD_SHARED=/work/shared python benchmarks/explore_related.py -w /tmp/related-dev
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit_related as fr  # noqa: E402

from graphbuild.records import paper_key  # noqa: E402
from graphbuild.related._sparse import csr, scale  # noqa: E402
from graphbuild.related.config import Weights  # noqa: E402
from graphbuild.related.fusion import part_scores  # noqa: E402
from graphbuild.related.index import RelatedIndex  # noqa: E402
from graphbuild.related.query import Query  # noqa: E402
from graphbuild.workspace import Workspace  # noqa: E402

PARTS = fr.TEXT_PARTS
#: a candidate part: the fold's fitted weights of the shipped parts -> papers x papers (row = query)
Maker = Callable[[np.ndarray], np.ndarray]


def all_parts(index: RelatedIndex) -> np.ndarray:
    """parts x papers x papers: every paper's scaled part scores as a query."""
    n = index.n_papers
    out = np.zeros((len(PARTS), n, n), dtype=np.float32)
    for r in range(n):
        scores = part_scores(index, index.paper_query(r), PARTS)
        for i, name in enumerate(PARTS):
            out[i, r] = scores[name]
    return out


def scale_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row divided by its largest off-diagonal value (as ``scale`` does per query)."""
    m = np.array(matrix, dtype=np.float32)
    np.fill_diagonal(m, 0.0)
    peak = m.max(axis=1, keepdims=True)
    return np.divide(m, peak, out=np.zeros_like(m), where=peak > 0)


def nearest(matrix: np.ndarray, k: int) -> np.ndarray:
    """papers x papers: each row's ``k`` best values kept (the diagonal never), the rest 0."""
    m = np.array(matrix, dtype=np.float32)
    np.fill_diagonal(m, -np.inf)
    best = np.argpartition(-m, k - 1, axis=1)[:, :k]
    rows = np.repeat(np.arange(len(m)), k)
    out = np.zeros_like(m)
    out[rows, best.ravel()] = np.clip(m[rows, best.ravel()], 0.0, None)
    return out


def shared_neighbours(matrix: np.ndarray, k: int) -> np.ndarray:
    """Cosine of two papers' ``k``-nearest-neighbour vectors (their scores kept as weights)."""
    kept = nearest(matrix, k)
    kept /= np.maximum(np.linalg.norm(kept, axis=1, keepdims=True), 1e-12)
    return scale_rows(kept @ kept.T)


def feedback(matrix: np.ndarray, k: int) -> np.ndarray:
    """Pseudo-relevance feedback: the scaled scores of a query's ``k`` best papers, weighted by their score."""
    scaled = scale_rows(matrix)
    return scale_rows(nearest(scaled, k) @ scaled)


class Lab:
    """The dev queries over the cached parts, and the nested cross-validation of a candidate part."""

    def __init__(self, index: RelatedIndex, gold: dict[str, list[str]]) -> None:
        self.index = index
        self.parts = all_parts(index)
        self.queries = []
        for qid, cited in gold.items():
            key = paper_key(qid)
            if key in index.paper_pos:
                relevant = {paper_key(c) for c in cited} - {key}
                y = np.array([p in relevant for p in index.paper_ids], dtype=np.int8)
                self.queries.append((index.paper_pos[key], y, relevant))
        self.start = np.array([Weights().part(p) for p in PARTS])
        self.free = [i for i, p in enumerate(PARTS) if p not in fr.FIXED]

    def part(self, name: str) -> np.ndarray:
        """One shipped part as papers x papers."""
        return self.parts[PARTS.index(name)]

    def fused(self, weights: np.ndarray) -> np.ndarray:
        """papers x papers: the linear fusion of the shipped parts."""
        out = np.tensordot(weights, self.parts, axes=1)
        np.fill_diagonal(out, 0.0)
        return out

    def data(self, extra: list[np.ndarray], parts: np.ndarray | None = None) -> list:
        """``fit_related.features``' shape: (row, candidates x parts, labels, relevant) per query."""
        base = self.parts if parts is None else parts
        return [(row, np.stack([base[i, row] for i in range(len(PARTS))] + [e[row] for e in extra], axis=1)
                 .astype(np.float64), y, relevant) for row, y, relevant in self.queries]

    def nested(self, makers: list[Maker], splits, parts: np.ndarray | None = None) -> dict[str, float]:
        """Held-out figures, the candidate parts rebuilt from each fold's own fit."""
        base_data = self.data([], parts)
        held = []
        for train, test in splits:
            w_base = fr.fit(self.index, [base_data[i] for i in train], self.start, self.free)
            data = self.data([make(w_base) for make in makers], parts)
            start = np.r_[self.start, np.zeros(len(makers))]
            free = self.free + list(range(len(PARTS), len(PARTS) + len(makers)))
            w = fr.fit(self.index, [data[i] for i in train], start, free)
            held.extend(fr.figures(self.index, [data[i]], w) for i in test)
        return {m: round(float(np.mean([h[m] for h in held])), 4) for m in held[0]}

    def alone(self, matrix: np.ndarray) -> dict[str, float]:
        """A part's own ranking."""
        data = self.data([matrix])
        return fr.figures(self.index, data, np.eye(len(PARTS) + 1)[len(PARTS)])


def sentence_aspects(lab: Lab, texts: dict[str, tuple[str, str]]) -> np.ndarray:
    """Query rows only: the mean of the two best LSA cosines of a query sentence (title included) to each paper."""
    index, n = lab.index, lab.index.n_papers
    out = np.zeros((n, n), dtype=np.float32)
    for row, _, _ in lab.queries:
        title, abstract = texts[index.paper_ids[row]]
        sentences = [title] + [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", abstract) if len(s.split()) >= 4]
        scores = []
        for sentence in sentences:
            terms, weights = index.text.text_terms(sentence, index.config.text)
            values = index.topics.score(Query(row=None, terms=terms, weights=weights))
            values[row] = 0.0
            scores.append(values)
        best_two = np.sort(np.array(scores), axis=0)[-2:].mean(axis=0)
        out[row] = best_two / best_two.max() if best_two.max() > 0 else best_two
    return out


def proposes_named(lab: Lab) -> np.ndarray:
    """IDF sum of the entities the query names (any role) that the candidate proposes."""
    roles = lab.index.corpus.roles.tocsr().astype(np.float32)
    n = roles.shape[0]
    df = np.bincount(roles.indices, minlength=roles.shape[1])
    named = roles.copy()
    named.data[:] = 1.0
    proposed = roles.copy()
    proposed.data = (proposed.data == 1).astype(np.float32)
    idf = sp.diags(np.log((1.0 + n) / (1.0 + df)) + 1.0)
    return scale_rows((named @ idf @ proposed.T).toarray())


def walk_part(lab: Lab, **changes) -> np.ndarray:
    """The graph part again with other walk settings (``restart``, ``steps``, ``adjacency``)."""
    index = lab.index
    walk = dataclasses.replace(index.walk, **changes)
    out = np.zeros((index.n_papers, index.n_papers), dtype=np.float32)
    for r in range(index.n_papers):
        out[r] = scale(walk.score(index.paper_query(r)), r)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-w", "--workspace", default="/tmp/related-dev")
    parser.add_argument("--data", default=str(fr.SHARED))
    parser.add_argument("--quick", action="store_true", help="GroupKFold only")
    args = parser.parse_args()
    from sklearn.model_selection import GroupKFold, KFold

    data_dir = Path(args.data)
    ws = Workspace(args.workspace)
    if not ws.exists():
        ws.build([str(data_dir / "papers_dev.jsonl")], progress=False, overview=False)
    gold = json.loads((data_dir / "gold_citations_dev.json").read_text(encoding="utf-8"))["queries"]
    lab = Lab(ws.related_index(), gold)
    texts = {}
    for line in (data_dir / "papers_dev.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        texts[paper_key(record["id"])] = (record["title"], record["abstract"])
    groups = np.arange(len(lab.queries))
    splits = [list(GroupKFold(n_splits=7).split(groups, groups=groups))]
    if not args.quick:
        splits += [list(KFold(7, shuffle=True, random_state=seed).split(groups)) for seed in range(3)]

    def cell(f: dict[str, float] | None) -> str:
        return "" if f is None else f"{f['map']:.3f} / {f['recall@20']:.3f} / {f['precision@10']:.3f}"

    def report(label: str, makers: list[Maker], parts: np.ndarray | None = None,
               alone: np.ndarray | None = None) -> None:
        runs = [lab.nested(makers, s, parts) for s in splits]
        mean = {m: float(np.mean([r[m] for r in runs[1:]])) for m in runs[0]} if len(runs) > 1 else None
        print(f"| {label} | {cell(lab.alone(alone) if alone is not None else None)} | {cell(runs[0])} | {cell(mean)} |",
              flush=True)

    fitted = fr.fit(lab.index, lab.data([]), lab.start, lab.free)
    graph = PARTS.index("graph")

    def with_graph(matrix: np.ndarray) -> np.ndarray:
        parts = lab.parts.copy()
        parts[graph] = matrix
        return parts

    print(f"{len(lab.queries)} queries over {lab.index.n_papers} papers; nested CV, MAP / recall@20 / P@10\n")
    print("| candidate | alone (neighbourhoods from the fusion fitted on all queries) | GroupKFold "
          "| shuffled 7-fold, mean of 3 |")
    print("| --- | --- | --- | --- |")
    report("none (the shipped parts)", [])
    for k in (10, 15):
        report(f"shared neighbours, fused score, k = {k}", [lambda w, k=k: shared_neighbours(lab.fused(w), k)],
               alone=shared_neighbours(lab.fused(fitted), k))
    report("shared neighbours, LSA topic part, k = 10", [lambda w: shared_neighbours(lab.part("topic"), 10)],
           alone=shared_neighbours(lab.part("topic"), 10))
    report("shared neighbours, fused score without the graph walk, k = 15",
           [lambda w: shared_neighbours(lab.fused(w * (np.arange(len(PARTS)) != graph)), 15)])
    report("feedback from the fused top 10", [lambda w: feedback(lab.fused(w), 10)],
           alone=feedback(lab.fused(fitted), 10))
    report("shared neighbours k = 15 and feedback top 10",
           [lambda w: shared_neighbours(lab.fused(w), 15), lambda w: feedback(lab.fused(w), 10)])

    def reverse_top(w: np.ndarray, top: int = 50) -> np.ndarray:
        fused = lab.fused(w)
        keep = nearest(fused, top) > 0
        return np.where(keep, scale_rows(fused).T, 0.0).astype(np.float32)

    report("the query's place in the candidate's fused scores, inside the fused top 50", [reverse_top])
    union = np.zeros_like(lab.part("topic"))
    for name in ("lexical", "topic", "entities", "graph", "authors"):
        union = np.maximum(union, (nearest(lab.part(name), 10) > 0).astype(np.float32))
    report("in some part's top 10 (0/1)", [lambda w: union], alone=union)
    proposes = proposes_named(lab)
    report("the candidate proposes an entity the query names (IDF)", [lambda w: proposes], alone=proposes)
    topic, authors = lab.part("topic"), lab.part("authors")
    report("topic x authors", [lambda w: scale_rows(topic * authors)], alone=scale_rows(topic * authors))
    report("topic x graph", [lambda w: scale_rows(topic * lab.part("graph"))])
    aspects = sentence_aspects(lab, texts)
    report("best two query sentences in the LSA space (mean)", [lambda w: aspects], alone=aspects)
    for restart, steps in ((0.3, 8), (0.15, 8)):
        walked = walk_part(lab, restart=restart, steps=steps)
        report(f"graph part: walk restart {restart}, {steps} steps (instead of 0.3, 4)", [], with_graph(walked),
               alone=walked)
    near = nearest(lab.part("topic"), 10)
    edges = sp.csr_matrix((near > 0).astype(np.float32) * 0.5)
    edges = edges.maximum(edges.T)
    adjacency = lab.index.walk.adjacency
    grown = sp.csr_matrix((edges.data, edges.indices, edges.indptr), shape=(edges.shape[0], adjacency.shape[1]))
    grown = sp.vstack([grown, sp.csr_matrix((adjacency.shape[0] - edges.shape[0], adjacency.shape[1]))])
    walked = walk_part(lab, adjacency=csr(adjacency + grown))
    report("graph part: walk with LSA 10-nearest-paper edges (0.5)", [], with_graph(walked), alone=walked)
    centred = lab.parts.copy()
    for i in range(len(PARTS)):
        m = np.array(lab.parts[i])
        np.fill_diagonal(m, np.nan)
        centred[i] = scale_rows(np.nan_to_num(np.clip(m - np.nanmedian(m, axis=1, keepdims=True), 0.0, None)))
    report("every part minus its per-query median, then scaled", [], centred)


if __name__ == "__main__":
    main()
