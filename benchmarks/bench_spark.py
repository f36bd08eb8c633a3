"""Spark local[2] against a single-process build on the same synthetic abstracts.

The corpus is ``bench_extract.synthetic_corpus`` (fixed seed, ~180-word
abstracts naming gazetteer entries and coined names) written as JSON Lines.
Both builds run as child processes; the figures are wall time, CPU time of
the child and its descendants (the JVM and Spark's Python workers included)
and abstracts per second, from which BENCHMARKS.md derives per-core rates.

    python benchmarks/bench_spark.py --n 100000 --dir /tmp/graphbuild-spark
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_acm import _child  # noqa: E402  (wall, CPU with descendants, peak RSS, stdout)

SPARK = r"""
import json, sys, time
from graphbuild.spark.session import get_session
from graphbuild.spark.job import build
start = time.perf_counter()
spark = get_session(sys.argv[3], shuffle_partitions=int(sys.argv[4]))
ready = time.perf_counter()
counts = build([sys.argv[1]], sys.argv[2], spark=spark)
spark.stop()
print(json.dumps({"startup": ready - start, "job": time.perf_counter() - ready, "counts": counts}))
"""


def write_corpus(n: int, path: Path) -> None:
    from bench_extract import synthetic_corpus

    with open(path, "w", encoding="utf-8") as fh:
        for p in synthetic_corpus(n):
            fh.write(json.dumps({"title": p.title, "abstract": p.abstract, "year": p.year,
                                 "arxiv_id": p.arxiv_id, "authors": list(p.authors)}, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/graphbuild-spark"))
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--skip-single", action="store_true", help="only run the Spark job")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    corpus = args.dir / f"abstracts-{args.n}.jsonl"
    if not corpus.exists():
        write_corpus(args.n, corpus)
    print(f"corpus: {args.n:,} synthetic abstracts ({corpus.stat().st_size / 2**20:.0f} MiB), {os.cpu_count()} cores")
    config = args.dir / "graphbuild.toml"
    config.write_text("n_process = 1\noverview = false\n", encoding="utf-8")
    env = {**os.environ, "GRAPHBUILD_CONFIG": str(config)}

    if not args.skip_single:
        ws = args.dir / "ws"
        shutil.rmtree(ws, ignore_errors=True)
        wall, cpu, rss, _ = _child([sys.executable, "-m", "graphbuild", "build", str(corpus), "-w", str(ws),
                                    "--no-overview"], env)
        print(f"single process : {wall:8.1f} s wall, {cpu:8.1f} s CPU, {args.n / wall:7,.0f} abstracts/s wall, "
              f"{args.n / cpu:7,.0f} abstracts/CPU-s, peak RSS {rss:,.0f} MiB")

    out = args.dir / "parquet"
    wall, cpu, _, stdout = _child([sys.executable, "-c", SPARK, str(corpus), str(out), args.master, "8"], env)
    data = json.loads(stdout.strip().splitlines()[-1])
    print(f"spark {args.master}: {wall:8.1f} s wall ({data['startup']:.1f} s session start), {cpu:8.1f} s CPU, "
          f"{args.n / data['job']:7,.0f} abstracts/s in the job, {args.n / cpu:7,.0f} abstracts/CPU-s")
    print("tables: " + ", ".join(f"{k} {v:,}" for k, v in data["counts"].items()))


if __name__ == "__main__":
    main()
