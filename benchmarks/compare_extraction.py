"""Exactness check for speed work on the NLP pass: dump everything it produces, compare two dumps.

``dump`` writes, for the demo corpus, the papers of
``../shared/eval/related/papers_dev.jsonl`` (when present) and 300 synthetic
abstracts of ``bench_extract.py``, the records ``tests/extraction_dump.py``
pins (every candidate with all its fields and score, the feature rows of
candidates and groups, ``doc.ents`` and ``doc.spans`` with their extensions,
the extraction records) with floats at full precision.

``compare`` reports every difference between two dumps: floats may differ by
at most ``--tol`` (the order of a sum's terms moves its last bits), anything
else must be equal.

    python benchmarks/compare_extraction.py dump /tmp/old.json    # with the old code
    python benchmarks/compare_extraction.py dump /tmp/new.json    # with the new code
    python benchmarks/compare_extraction.py compare /tmp/old.json /tmp/new.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import graphbuild
from graphbuild import stages
from graphbuild.nlp.pipeline import make_pipeline
from graphbuild.records import Paper
from graphbuild.resources import data_path

sys.path.insert(0, str(Path(graphbuild.__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import synthetic_corpus  # noqa: E402
from extraction_dump import extraction_records  # noqa: E402

SHARED = Path(os.environ.get("GRAPHBUILD_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def corpora() -> dict[str, list[Paper]]:
    """The papers compared: demo corpus, the shared related papers (if present), 300 synthetic."""
    out = {"demo": stages.read([str(data_path("demo"))]).papers}
    related = SHARED / "eval" / "related" / "papers_dev.jsonl"
    if related.exists():
        out["related"] = stages.read([str(related)]).papers
    out["synthetic"] = synthetic_corpus(300)
    return out


def records(papers: list[Paper]) -> list[dict[str, Any]]:
    """Everything the pass produces for ``papers``: the records of ``tests/extraction_dump.py``,
    floats at full precision.
    """
    return extraction_records(papers, make_pipeline(), make_pipeline(proposers_only=True), num=float)


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
