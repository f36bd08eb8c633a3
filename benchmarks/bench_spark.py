"""Spark local[2] against a single-process build on the same synthetic abstracts, stage by stage.

The corpus is ``bench_extract.synthetic_corpus`` (fixed seed, ~180-word
abstracts naming gazetteer entries and coined names) written as JSON Lines.
Each build runs in a child process that times its own stages: wall time and
CPU seconds of its whole process tree (psutil, sampled every 0.2 s: the
driver, Spark's JVM and its Python workers, finished workers with the CPU of
their last sample), so the CPU figures hold on a machine other jobs share.
Records per CPU-second is the per-core rate the BENCHMARKS.md estimate for
50 million abstracts is built from.

    python benchmarks/bench_spark.py --n 20000 --dir /tmp/graphbuild-spark
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# a stage clock shared by both child scripts: wall and process-tree CPU since the last mark
CLOCK = r"""
import json, sys, threading, time
import psutil
seen = {}  # pid -> its own user+system CPU when last sampled
def sample():
    me = psutil.Process()
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
            seen[(p.pid, p.create_time())] = t.user + t.system
        except psutil.Error:
            pass
def tree_cpu():
    # Spark's Python workers are reaped without adding to their parent's children_* times, so a
    # finished process keeps the CPU it had at the last sample (taken every 0.2 s by a thread)
    sample()
    return sum(seen.values())
def _sampler():
    while True:
        sample()
        time.sleep(0.2)
threading.Thread(target=_sampler, daemon=True).start()
peak = {"jvm": 0.0, "python": 0.0}
def peak_rss():  # the high-water mark (VmHWM) of each live process, MiB, by kind
    for p in psutil.Process().children(recursive=True):
        try:
            with open(f"/proc/{p.pid}/status") as fh:
                hwm = next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM"))
            kind = "jvm" if "java" in p.name() else "python"
            peak[kind] = max(peak[kind], hwm)
        except (OSError, StopIteration, psutil.Error):
            pass
rows, last = [], [time.perf_counter(), tree_cpu()]
def mark(stage):
    peak_rss()
    now, cpu = time.perf_counter(), tree_cpu()
    rows.append({"stage": stage, "wall": now - last[0], "cpu": cpu - last[1]})
    last[:] = [now, cpu]
    # a line per stage as it ends: long runs on a shared machine show they are alive
    print(f"  {stage}: wall {rows[-1]['wall']:.1f} s, CPU {rows[-1]['cpu']:.1f} s", file=sys.stderr, flush=True)
"""

SPARK = CLOCK + r"""
from graphbuild.spark.session import get_session, stop_session
from graphbuild.spark.job import build
spark = get_session(sys.argv[3], shuffle_partitions=int(sys.argv[4]))
mark("session start")
counts = build([sys.argv[1]], sys.argv[2], spark=spark, on_stage=mark)
stop_session(spark)
print(json.dumps({"stages": rows, "counts": counts, "peak_mib": peak}))
"""

SINGLE = CLOCK + r"""
from graphbuild import stages
from graphbuild.graph import graph_json
from graphbuild.settings import Settings
from graphbuild.review import add_confidence
from graphbuild.reported import add_reported
from graphbuild.communities import add_communities
from graphbuild.graph import build_graph
settings = Settings()
mark("start")
result = stages.read([sys.argv[1]])
mark("read")
papers = stages.merge(result.papers, []).papers
mark("merge")
nlp, gaz = stages.load_pipeline(settings)
mark("load pipeline")
extracted = stages.extract(papers, nlp, fingerprint="bench", cache={}, batch_size=64, n_process=1)
mark("extract")
res = stages.resolve(papers, extracted, gaz)
mark("resolve")
res = add_confidence(res, (c.extraction for c in extracted.by_paper.values()),
                     known=lambda name: gaz.lookup(name) is not None)
mark("entities")
reported = stages.report(papers, res)
mark("results")
cites = stages.cite(papers, res)
G = build_graph(papers, res.entities, res.links, cites.edges, cites.external)
add_reported(G, reported)
mark("cite+graph")
add_communities(G)
mark("communities")
text = graph_json(G)
mark("graph json")
print(json.dumps({"stages": rows, "counts": {"papers": len(papers), "entities": len(res.entities),
                                              "links": len(res.links), "results": len(reported)}}))
"""


def write_corpus(n: int, path: Path) -> None:
    """``n`` synthetic abstracts as JSON Lines (written to a temporary name, then renamed)."""
    from bench_extract import synthetic_corpus

    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for p in synthetic_corpus(n):
            fh.write(json.dumps({"title": p.title, "abstract": p.abstract, "year": p.year,
                                 "arxiv_id": p.arxiv_id, "authors": list(p.authors)}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def run(script: str, args: list[str], env: dict[str, str]) -> dict:
    """Run a child script; its last stdout line (JSON)."""
    proc = subprocess.run([sys.executable, "-c", script, *args], env=env, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"benchmark child failed with status {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def show(title: str, data: dict, n: int) -> None:
    """The stage table: wall, CPU (process tree), records per wall second and per CPU-second."""
    print(f"\n{title}\n{'stage':<14} {'wall s':>8} {'CPU s':>8} {'rec/s wall':>11} {'rec/CPU-s':>10}")
    for row in data["stages"]:
        print(f"{row['stage']:<14} {row['wall']:>8.1f} {row['cpu']:>8.1f} {n / max(row['wall'], 1e-9):>11,.0f} "
              f"{n / max(row['cpu'], 1e-9):>10,.0f}")
    work = [r for r in data["stages"] if r["stage"] not in ("start", "session start", "load pipeline")]
    wall, cpu = sum(r["wall"] for r in work), sum(r["cpu"] for r in work)
    print(f"{'job (no start)':<14} {wall:>8.1f} {cpu:>8.1f} {n / wall:>11,.0f} {n / cpu:>10,.0f}")
    print("counts: " + ", ".join(f"{k} {v:,}" for k, v in data["counts"].items()))
    if "peak_mib" in data:
        print(f"peak RSS: JVM {data['peak_mib']['jvm']:,.0f} MiB, largest Python worker "
              f"{data['peak_mib']['python']:,.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/graphbuild-spark"))
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=8, help="spark.sql.shuffle.partitions")
    ap.add_argument("--driver-memory", default="3g")
    ap.add_argument("--skip-single", action="store_true", help="only run the Spark job")
    ap.add_argument("--skip-spark", action="store_true", help="only run the single-process build")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    corpus = args.dir / f"abstracts-{args.n}.jsonl"
    if not corpus.exists():
        write_corpus(args.n, corpus)
    print(f"corpus: {args.n:,} synthetic abstracts ({corpus.stat().st_size / 2**20:.0f} MiB), "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    env = {**os.environ, "PYSPARK_SUBMIT_ARGS": f"--driver-memory {args.driver_memory} pyspark-shell"}
    if not args.skip_single:
        show("single process (graphbuild's stages, one NLP process)", run(SINGLE, [str(corpus)], env), args.n)
    if not args.skip_spark:
        data = run(SPARK, [str(corpus), str(args.dir / "parquet"), args.master, str(args.partitions)], env)
        show(f"spark {args.master} (CPU of the driver, the JVM and the Python workers)", data, args.n)


if __name__ == "__main__":
    main()
