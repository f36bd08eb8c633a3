"""Candidate parts for the related-work fusion (issue 14, round 6), each measured alone and fused.

Reads a workspace built by ``fit_related.py`` (same ``-w``), forms the shipped
parts per dev query as that script does, adds one candidate part at a time and
fits all weights again (the candidate starting at 0) with the same coordinate
ascent, grid and prior, scored by 7-fold cross-validation by query
(``GroupKFold``, as ``fit_related.py``) and by the mean over three shuffled
7-fold splits. Every candidate is built without the relevance labels (a
top-k taken from the hand-set ``Weights()`` fusion, never from fitted
weights), so plain CV is honest.

The candidates:

* ``lsa_pass`` / ``dense_pass``: passage-level late interaction, the mean over
  the query's sentences (title included) of the best cosine to any of the
  candidate's sentences, in the LSA topic space (sentences folded in as free
  text) or the dense space (each sentence embedded, cached in the workspace);
  ``*_pass2``: the same both ways, averaged.
* ``dense_tt`` / ``dense_ta``: title-to-title and title-to-abstract (both ways,
  averaged) cosines of the embeddings; ``lsa_tt`` / ``lsa_ta`` the same in the LSA space.
* ``central_lsa_k`` / ``central_dense_k``: within the hand-set fusion's top 100,
  the mean cosine of a candidate to the query's top ``k`` (itself left out), 0 outside.
* ``ent_idf``: the IDF sum of the entities the query and the candidate share
  (unnormalised, so many rare shared names count), beside the entity part and in its place;
  ``dense_pass2`` is also measured in place of the dense part.

``--no-dense-part`` (with ``--dense``) measures the dense candidates beside the
fusion without the dense part. The figures of round 6 are in BENCHMARKS.md.

Run (``--dense`` needs sentence-transformers and the model: a venv with ``.[dense]``)::

    python benchmarks/explore_related_parts.py -w /tmp/related-dev [--dense all-MiniLM-L6-v2 [--no-dense-part]]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fit_related import FIXED, SHARED, TEXT_PARTS, cross_validate, features, figures, fit  # noqa: E402

from graphbuild.records import paper_key  # noqa: E402
from graphbuild.related.config import Weights  # noqa: E402
from graphbuild.related.query import Query  # noqa: E402
from graphbuild.workspace import Workspace  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")


def sentences(title: str, abstract: str, min_words: int = 4) -> list[str]:
    """The title, then the abstract's sentences of ``min_words`` words or more."""
    out = [title.strip()] if title.strip() else []
    out += [s.strip() for s in _SENTENCE_END.split(abstract or "") if len(s.split()) >= min_words]
    return out or [title or ""]


def unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def lsa_coords(index, texts: list[str]) -> np.ndarray:
    """Each text folded into the LSA topic space (unit rows; zero when no known term)."""
    out = np.zeros((len(texts), index.topics.coords.shape[1]), dtype=np.float32)
    for i, t in enumerate(texts):
        cols, w = index.text.text_terms(t)
        z = index.topics.query_coords(Query(row=None, terms=cols, weights=w))
        if z is not None:
            out[i] = z
    return unit(out)


def late_interaction(q_vecs: np.ndarray, vecs: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """Per paper: the mean over the query's rows of the best cosine to any of the paper's rows."""
    sims = q_vecs @ vecs.T  # query sentences x all sentences
    best = np.maximum.reduceat(sims, starts, axis=1)  # query sentences x papers
    return best.clip(0.0).mean(axis=0)[:n]


def reverse_interaction(q_vecs: np.ndarray, vecs: np.ndarray, starts: np.ndarray, owner: np.ndarray,
                        n: int) -> np.ndarray:
    """Per paper: the mean over the paper's rows of the best cosine to any query row."""
    best = (vecs @ q_vecs.T).max(axis=1).clip(0.0)
    sums = np.add.reduceat(best, starts)
    counts = np.diff(np.r_[starts, len(owner)])
    return (sums / counts)[:n]


def centrality(vecs: np.ndarray, head: np.ndarray, k: int) -> np.ndarray:
    """Per paper: within ``head`` (a query's best candidates, best first), the mean non-negative cosine
    to the first ``k`` of them, the paper itself left out; 0 outside ``head``."""
    top = head[:k]
    out = np.zeros(vecs.shape[0], dtype=np.float64)
    sims = (vecs[head] @ vecs[top].T).clip(0.0)  # head x top
    own = np.isin(head, top)
    sims[own, np.flatnonzero(own)] = 0.0  # each of the top k at its own column (head[:k] == top)
    out[head] = sims.sum(axis=1) / np.where(own, k - 1, k)
    return out


def shuffled_cv(index, data, start, free, folds: int, seeds=(0, 1, 2)) -> dict[str, float]:
    from sklearn.model_selection import KFold

    runs = []
    for seed in seeds:
        held = []
        for train, test in KFold(n_splits=folds, shuffle=True, random_state=seed).split(np.arange(len(data))):
            w = fit(index, [data[i] for i in train], start, free)
            held.extend(figures(index, [data[i]], w) for i in test)
        runs.append({k: float(np.mean([h[k] for h in held])) for k in held[0]})
    return {k: round(float(np.mean([r[k] for r in runs])), 4) for k in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-w", "--workspace", default="/tmp/related-dev")
    parser.add_argument("--data", default=str(SHARED))
    parser.add_argument("--dense", default="")
    parser.add_argument("--folds", type=int, default=7)
    parser.add_argument("--no-dense-part", action="store_true",
                        help="with --dense: the dense candidates beside the fusion without the dense part")
    parser.add_argument("--only", default="", help="comma-separated candidate names (default: all)")
    args = parser.parse_args()

    data_dir = Path(args.data)
    if args.dense:  # the workspace's index with the dense part (built from the cached paper embeddings)
        os.environ["GRAPHBUILD_DENSE_MODEL"] = args.dense
    ws = Workspace(args.workspace)
    index = ws.related_index()
    gold = json.loads((data_dir / "gold_citations_dev.json").read_text(encoding="utf-8"))["queries"]
    records = {}
    for line in (data_dir / "papers_dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            records[paper_key(rec["id"])] = rec
    n = index.n_papers
    titles = list(index.corpus.titles)
    abstracts = [str((records.get(pid) or {}).get("abstract") or "") for pid in index.paper_ids]
    sents = [sentences(titles[i], abstracts[i]) for i in range(n)]
    owner = np.concatenate([np.full(len(s), i) for i, s in enumerate(sents)])
    starts = np.r_[0, np.cumsum([len(s) for s in sents])[:-1]]
    flat = [s for ss in sents for s in ss]
    print(f"{n} papers, {len(flat)} sentences ({len(flat) / n:.1f} a paper)", flush=True)

    parts = TEXT_PARTS + (["dense"] if args.dense and not args.no_dense_part else [])
    data = features(index, gold, parts)
    hand = Weights()
    start0 = np.array([hand.part(p) for p in parts])
    if "dense" in parts:
        start0[parts.index("dense")] = 1.0

    # label-free vectors
    lsa_sent = lsa_coords(index, flat)
    lsa_paper = unit(index.topics.coords.astype(np.float32))
    lsa_title = lsa_sent[starts]
    dense_sent = dense_paper = dense_title = None
    if args.dense:
        from graphbuild.related.dense import cache_folder, embed_texts

        cache = cache_folder(Path(args.workspace), args.dense + "-sentences")
        dense_sent = embed_texts(flat, args.dense, cache)
        assert index.dense is not None
        dense_paper = index.dense.vectors
        dense_title = dense_sent[starts]

    ent = index.entities
    ent_bin = (ent.matrix > 0).astype(np.float32)
    ent_bin_t = ent_bin.T.tocsr()

    def candidates(row: int, X: np.ndarray) -> dict[str, np.ndarray]:
        rows = slice(starts[row], starts[row] + len(sents[row]))
        out = {
            "lsa_pass": late_interaction(lsa_sent[rows], lsa_sent, starts, n),
            "lsa_tt": (lsa_title @ lsa_title[row]).clip(0),
            "lsa_ta": 0.5 * ((lsa_paper @ lsa_title[row]).clip(0) + (lsa_title @ lsa_paper[row]).clip(0)),
        }
        out["lsa_pass2"] = 0.5 * (out["lsa_pass"] + reverse_interaction(lsa_sent[rows], lsa_sent, starts, owner, n))
        fused = X @ start0
        fused[row] = -np.inf
        head = np.argsort(-fused, kind="stable")[:100]
        for space, vecs in (("lsa", lsa_paper), ("dense", dense_paper)):
            if vecs is None:
                continue
            for k in (5, 10, 20):
                out[f"central_{space}_{k}"] = centrality(vecs, head, k)
        cols = ent.matrix.indices[ent.matrix.indptr[row]:ent.matrix.indptr[row + 1]]
        idf = ent.idf[cols]
        out["ent_idf"] = np.asarray(ent_bin_t[cols].T @ idf).ravel() if len(cols) else np.zeros(n)
        if dense_sent is not None:
            out["dense_pass"] = late_interaction(dense_sent[rows], dense_sent, starts, n)
            out["dense_pass2"] = 0.5 * (out["dense_pass"] + reverse_interaction(dense_sent[rows], dense_sent,
                                                                               starts, owner, n))
            out["dense_tt"] = (dense_title @ dense_title[row]).clip(0)
            out["dense_ta"] = 0.5 * ((dense_paper @ dense_title[row]).clip(0)
                                     + (dense_title @ dense_paper[row]).clip(0))
        for name, v in out.items():
            v = np.asarray(v, dtype=np.float64).copy()
            v[row] = 0.0
            top = v.max()
            out[name] = v / top if top > 0 else v
        return out

    per_query = [candidates(row, X) for row, X, _, _ in data]
    names = list(per_query[0])
    if args.only:
        names = [x for x in names if x in args.only.split(",")]
    free0 = [i for i, p in enumerate(parts) if p not in FIXED]

    def show(label: str, d, start, free) -> None:
        cv, spread = cross_validate(index, d, start, free, args.folds)
        sh = shuffled_cv(index, d, start, free, args.folds)
        w = fit(index, d, start, free)
        print(f"| {label} | {cv['map']:.3f} / {cv['recall@20']:.3f} / {cv['precision@10']:.3f} "
              f"(±{spread['map']:.2f}) | {sh['map']:.3f} / {sh['recall@20']:.3f} / {sh['precision@10']:.3f} | "
              f"{' '.join(f'{p}={c:g}' for p, c in zip(label_parts(label), w))} |", flush=True)

    def label_parts(label: str) -> list[str]:
        return parts + ([label] if label in names else [])

    print(f"\nparts: {parts}\n\n| part | alone MAP / R@20 / P@10 |\n| --- | --- |")
    for name in names:
        d = [(row, Xn[name][:, None], y, rel) for (row, _, y, rel), Xn in zip(data, per_query)]
        f = figures(index, d, np.ones(1))
        print(f"| {name} | {f['map']:.3f} / {f['recall@20']:.3f} / {f['precision@10']:.3f} |", flush=True)
    print("\n| fused with | CV MAP / R@20 / P@10 (GroupKFold) | shuffled (3) | weights on all queries |\n"
          "| --- | --- | --- | --- |")
    show("none", data, start0, free0)
    for name in names:
        d = [(row, np.hstack([X, Xn[name][:, None]]), y, rel) for (row, X, y, rel), Xn in zip(data, per_query)]
        show(name, d, np.r_[start0, 0.0], free0 + [len(parts)])
    for name, part in (("ent_idf", "entities"), ("dense_pass2", "dense")):  # in place of a part, at its weight
        if name not in names or part not in parts:
            continue
        e = parts.index(part)
        d = []
        for (row, X, y, rel), Xn in zip(data, per_query):
            X = X.copy()
            X[:, e] = Xn[name]
            d.append((row, X, y, rel))
        show(f"{name} in place of {part}", d, start0, free0)


if __name__ == "__main__":
    main()
