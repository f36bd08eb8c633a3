"""Is the NLP pass's output unchanged? Dump it per paper, or compare two dumps.

For every paper of the demo corpus, of ``../shared/eval/related/papers_dev.jsonl``
(907 real abstracts) and of N synthetic abstracts (``bench_extract.py``'s
generator), the full record of ``tests/extraction_dump.py`` (every candidate
with all its fields, feature rows, ``doc.ents``/``doc.spans``, the extraction)
is hashed; ``--out`` writes one JSON line per paper (corpus, id, hash, the
extraction). ``--against`` compares with a dump of other code and prints how
many papers are identical and the first differences.

Old code against new: unpack the old commit somewhere and run this script with
``PYTHONPATH`` pointing there, from a directory outside the repository (the
current directory comes first on ``sys.path``)::

    git archive main | tar -x -C /tmp/old
    (cd /tmp && PYTHONPATH=/tmp/old python REPO/benchmarks/compare_extract.py --out /tmp/old.jsonl)
    python benchmarks/compare_extract.py --out /tmp/new.jsonl --against /tmp/old.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import graphbuild
from graphbuild import stages
from graphbuild.nlp.pipeline import make_pipeline
from graphbuild.resources import data_path

sys.path.insert(0, str(Path(graphbuild.__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import synthetic_corpus  # noqa: E402
from extraction_dump import extraction_records  # noqa: E402


def corpora(shared: Path, n_synthetic: int) -> dict[str, list]:
    """The papers to compare, by corpus name."""
    out = {"demo": stages.read([str(data_path("demo"))]).papers}
    papers = shared / "eval" / "related" / "papers_dev.jsonl"
    if papers.exists():
        out["shared"] = stages.read([str(papers)]).papers
    else:
        print(f"note: {papers} not found; the shared papers are left out", file=sys.stderr)
    out["synthetic"] = synthetic_corpus(n_synthetic)
    return out


def dump(shared: Path, n_synthetic: int) -> list[dict]:
    """One row per paper: corpus, id, SHA-256 of its full record, its extraction."""
    nlp, proposers = make_pipeline(), make_pipeline(proposers_only=True)
    rows = []
    for name, papers in corpora(shared, n_synthetic).items():
        for record in extraction_records(papers, nlp, proposers):
            text = json.dumps(record, ensure_ascii=False, sort_keys=True)
            rows.append({"corpus": name, "id": record["id"], "sha": hashlib.sha256(text.encode()).hexdigest(),
                         "extraction": record["extraction"], "record": record})
    return rows


def compare(new: list[dict], old: list[dict], show: int = 5) -> int:
    """Print identical/different counts per corpus; the number of differing papers."""
    old_by = {(r["corpus"], r["id"]): r for r in old}
    differing = 0
    counts: dict[str, list[int]] = {}
    for r in new:
        o = old_by.pop((r["corpus"], r["id"]), None)
        same = o is not None and o["sha"] == r["sha"]
        counts.setdefault(r["corpus"], [0, 0])[0 if same else 1] += 1
        if not same:
            differing += 1
            if differing <= show:
                print(f"DIFFERENT {r['corpus']} {r['id']}")
                if o is not None:
                    for key in r["record"]:
                        if r["record"][key] != o["record"].get(key):
                            print(f"  field {key}: new {json.dumps(r['record'][key])[:400]}")
                            print(f"  field {key}: old {json.dumps(o['record'].get(key))[:400]}")
    for name, (same, diff) in counts.items():
        print(f"{name}: {same} identical, {diff} different")
    if old_by:
        print(f"{len(old_by)} papers only in the old dump")
    return differing + len(old_by)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("GRAPHBUILD_SHARED", "/work/shared"))
    ap.add_argument("--synthetic", type=int, default=300, help="number of synthetic abstracts")
    ap.add_argument("--out", help="write the dump here (JSON lines)")
    ap.add_argument("--against", help="compare with this earlier dump")
    args = ap.parse_args(argv)
    rows = dump(Path(args.shared), args.synthetic)
    print(f"{len(rows)} papers extracted with {graphbuild.__file__}")
    if args.out:
        tmp = Path(args.out + ".tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        tmp.replace(args.out)
    if args.against:
        old = [json.loads(line) for line in Path(args.against).read_text(encoding="utf-8").splitlines()]
        return 1 if compare(rows, old) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
