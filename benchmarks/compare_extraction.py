"""Exactness check for speed work on the NLP pass: dump everything it produces, compare two dumps.

``dump`` writes, for the demo corpus, the papers of
``../shared/eval/related/papers_dev.jsonl`` (when present) and 300 synthetic
abstracts of ``bench_extract.py``: every candidate with all its fields, the
feature rows of candidates and groups (as ``name -> value``), the entity
probabilities of every candidate, ``doc.ents`` and ``doc.spans`` with their
extensions, and the extraction records. Floats are written at full precision.

``compare`` reports every difference between two dumps: floats may differ by
at most ``--tol`` (the order of a sum's terms moves its last bits), anything
else must be equal.

    python benchmarks/compare_extraction.py dump /tmp/old.json    # with the old code
    python benchmarks/compare_extraction.py dump /tmp/new.json    # with the new code
    python benchmarks/compare_extraction.py compare /tmp/old.json /tmp/new.json
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from pathlib import Path
from typing import Any

from graphbuild import stages
from graphbuild.nlp.candidates import Candidate, doc_text, text_doc
from graphbuild.nlp.decide import SPANS_KEY, prepare
from graphbuild.nlp.features import corpus_stats
from graphbuild.nlp.pipeline import _gazetteer, corpus_context, doc_to_extraction, make_pipeline
from graphbuild.records import Paper
from graphbuild.resources import data_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import synthetic_corpus  # noqa: E402

SHARED = Path(os.environ.get("GRAPHBUILD_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def corpora() -> dict[str, list[Paper]]:
    """The papers compared: demo corpus, the shared related papers (if present), 300 synthetic."""
    out = {"demo": stages.read([str(data_path("demo"))]).papers}
    related = SHARED / "eval" / "related" / "papers_dev.jsonl"
    if related.exists():
        out["related"] = stages.read([str(related)]).papers
    out["synthetic"] = synthetic_corpus(300)
    return out


def _candidate(c: Candidate) -> dict[str, Any]:
    return {name: getattr(c, name) for name in Candidate.__slots__}  # type: ignore[attr-defined]


def records(papers: list[Paper]) -> list[dict[str, Any]]:
    """Everything the pass produces for ``papers`` (see the module docstring)."""
    nlp, proposers = make_pipeline(), make_pipeline(proposers_only=True)
    gaz = _gazetteer(nlp)
    texts = [p.text for p in papers]
    corpus = corpus_stats(texts)
    out = []
    with corpus_context(nlp, texts):
        docs = nlp.pipe(text_doc(nlp, t) for t in texts)
        for paper, doc, before in zip(papers, docs, proposers.pipe(text_doc(proposers, t) for t in texts)):
            text = doc_text(before)
            title_end = before._.gb_title_end if before._.gb_title_end >= 0 else len(text)
            prepared = prepare(text, before._.gb_sents or [(0, len(text))], title_end,
                               copy.deepcopy(before._.gb_candidates or []), gaz, corpus)
            spans = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
            out.append({
                "id": paper.id,
                "features": [dict(sorted(f.items())) for f in prepared.features],
                "group_features": [dict(sorted(f.items())) for f in prepared.group_features],
                "groups": prepared.groups,
                "candidates": [_candidate(c) for c in doc._.gb_candidates or []],
                "ents": [[e.start_char, e.end_char, e.label_, e._.gb_name, e._.gb_proposed, e._.gb_role,
                          e._.gb_score, e._.gb_source] for e in doc.ents],
                "spans": [[s.start_char, s.end_char, s.label_] for s in spans],
                "extraction": doc_to_extraction(doc, paper.id, paper.title, gaz).to_dict(),
            })
    return out


def differences(a: Any, b: Any, tol: float, where: str = "") -> list[str]:
    """Paths at which ``a`` and ``b`` differ (floats: by more than ``tol``)."""
    if isinstance(a, float) and isinstance(b, (int, float)) or isinstance(b, float) and isinstance(a, int):
        return [] if abs(a - b) <= tol else [f"{where}: {a!r} != {b!r}"]
    if type(a) is not type(b):
        return [f"{where}: {a!r} != {b!r}"]
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return [f"{where}: keys {sorted(set(a) ^ set(b))[:8]}"]
        return [d for k in a for d in differences(a[k], b[k], tol, f"{where}/{k}")]
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{where}: length {len(a)} != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, tol, f"{where}[{i}]")]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="write the records of every corpus as JSON")
    d.add_argument("out")
    c = sub.add_parser("compare", help="report the differences between two dumps")
    c.add_argument("old")
    c.add_argument("new")
    c.add_argument("--tol", type=float, default=1e-9)
    args = ap.parse_args(argv)
    if args.command == "dump":
        dump = {name: records(papers) for name, papers in corpora().items()}
        Path(args.out).write_text(json.dumps(dump, ensure_ascii=False), encoding="utf-8")
        print(", ".join(f"{name}: {len(recs)} papers" for name, recs in dump.items()))
        return 0
    old = json.loads(Path(args.old).read_text(encoding="utf-8"))
    new = json.loads(Path(args.new).read_text(encoding="utf-8"))
    diffs = differences(old, new, args.tol)
    for line in diffs[:40]:
        print(line)
    counts = ", ".join(f"{name}: {len(recs)} papers" for name, recs in old.items())
    print(f"{len(diffs)} differences ({counts}; floats within {args.tol:g})")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
