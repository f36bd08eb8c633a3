"""Extraction throughput: abstracts/s and words/s at 1 and 2 processes, and peak memory.

One process is timed by its CPU time (``time.process_time``), which other
work on a shared machine disturbs less than wall time; several processes by
wall time (their CPU time is spent in the workers). The load average is
printed with the figures.

A synthetic corpus of N abstracts is generated from a fixed seed: sentences
built from templates that mention gazetteer names, coined names, acronym
definitions and numbers, about the length of real abstracts (~180 words).
``--papers FILE`` measures real abstracts instead (e.g.
``../shared/eval/related/papers_dev.jsonl``). With one process the CPU time
of the decision component (``graphbuild_decide`` and the corpus casing
statistics it reads) is printed too.

``--callgrind`` counts instructions instead, which the machine's load does not
disturb: run the script under ``valgrind --tool=callgrind --instr-atstart=no``;
it switches instrumentation on (``callgrind_control -i on``) only around the
extraction of ``--n`` abstracts after a warm-up of 200 others (``--warm``: of
the same ``--n``, a second pass) and a full garbage collection (the first
one after loading would otherwise fall in the window), and the instructions
per abstract are the callgrind total divided by ``--n``.

    python benchmarks/bench_extract.py --n 5000
    python benchmarks/bench_extract.py --papers ../shared/eval/related/papers_dev.jsonl --processes 1
    valgrind --tool=callgrind --instr-atstart=no python benchmarks/bench_extract.py --n 100 --callgrind
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from graphbuild import stages
from graphbuild.nlp import decide, pipeline
from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.nlp.pipeline import extract_papers, make_pipeline
from graphbuild.records import Paper

TEMPLATES = [
    "We propose {coined}, a {adj} {head} that builds on {model} and {method}.",
    "Experiments on {dataset} and {dataset2} show that {coined} outperforms {model2} by {num} points.",
    "Unlike prior work, we use {long} ({acro}) to reduce the cost of training {model}.",
    "The {head} is trained with {method} on {dataset} for {num} epochs with a batch size of {num2}.",
    "Our analysis reveals that {acro} improves robustness while keeping the number of parameters below {num}B.",
    "These results suggest that simple changes to the {head} matter more than scale.",
    "Code and checkpoints for {coined}-{num}B are released to support further research.",
    "We compare against strong baselines such as {model2}, {method2} and {coined2} across {num} tasks.",
]
ADJ = ["simple", "efficient", "scalable", "robust", "lightweight", "general"]
HEADS = ["framework", "method", "model", "architecture", "training recipe", "benchmark"]
SYLLABLES = ["Flex", "Tri", "Nova", "Quant", "Sparse", "Meta", "Hyper", "Lumi", "Graph", "Fuse", "Mix", "Zen"]
WORDS = ["adaptive", "gradient", "attention", "routing", "memory", "token", "kernel", "residual", "prompt"]


def synthetic_corpus(n: int, seed: int = 13) -> list[Paper]:
    rng = random.Random(seed)
    gaz = load_gazetteer()
    by_type: dict[str, list[str]] = {"Model": [], "Method": [], "Dataset": []}
    for e in gaz.entries:
        if e.type in by_type:
            by_type[e.type].append(e.name)
    papers = []
    for i in range(n):
        coined = rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(["", "Net", "former", "-XL", "LM"])
        long_words = rng.sample(WORDS, 3)
        values = {
            "coined": coined, "coined2": rng.choice(SYLLABLES) + rng.choice(["Net", "GPT", "Bench"]),
            "adj": rng.choice(ADJ), "head": rng.choice(HEADS),
            "model": rng.choice(by_type["Model"]), "model2": rng.choice(by_type["Model"]),
            "method": rng.choice(by_type["Method"]), "method2": rng.choice(by_type["Method"]),
            "dataset": rng.choice(by_type["Dataset"]), "dataset2": rng.choice(by_type["Dataset"]),
            "long": " ".join(w.capitalize() for w in long_words),
            "acro": "".join(w[0].upper() for w in long_words),
            "num": rng.randint(2, 90), "num2": rng.choice([32, 64, 128, 256]),
        }
        sentences = [t.format(**values) for t in rng.sample(TEMPLATES, len(TEMPLATES))]
        abstract = " ".join(sentences + sentences[:2])
        papers.append(Paper(title=f"{coined}: {values['adj'].capitalize()} Learning at Scale {i}", abstract=abstract))
    return papers


@contextmanager
def decision_clock() -> Iterator[list[float]]:
    """CPU seconds spent in the decision component and its corpus statistics while in the block
    (the one-element list it yields is filled in as they run).
    """
    spent = [0.0]
    call, batch, stats = decide.DecideComponent.__call__, decide.DecideComponent._decide_batch, pipeline.corpus_stats

    def timed(fn):  # type: ignore[no-untyped-def]
        def run(*args):  # type: ignore[no-untyped-def]
            start = time.process_time()
            try:
                return fn(*args)
            finally:
                spent[0] += time.process_time() - start
        return run

    decide.DecideComponent.__call__ = timed(call)  # type: ignore[method-assign]
    decide.DecideComponent._decide_batch = timed(batch)  # type: ignore[method-assign]  (what ``pipe`` runs)
    pipeline.corpus_stats = timed(stats)
    try:
        yield spent
    finally:
        decide.DecideComponent.__call__ = call  # type: ignore[method-assign]
        decide.DecideComponent._decide_batch = batch  # type: ignore[method-assign]
        pipeline.corpus_stats = stats


def run(papers: list[Paper], n_process: int) -> tuple[float, float, float, int]:
    """Wall and CPU seconds (of this process) to extract ``papers``, CPU seconds of the decision
    component (one process only), and how many came back.
    """
    nlp = make_pipeline()
    list(extract_papers(papers[:200], nlp))  # warm-up: caches, lazy loading
    with decision_clock() as spent:
        start, cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in extract_papers(papers, nlp, n_process=n_process, batch_size=256))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return wall, cpu, spent[0], count


def callgrind(papers: list[Paper], n: int, warm: bool = False) -> None:
    """Extract ``n`` abstracts with callgrind's instrumentation on, after a warm-up on 200 others
    (``warm``: on the same ``n``, so their forms are in the per-form caches).
    """
    nlp = make_pipeline()
    list(extract_papers(papers[:n] if warm else papers[n:n + 200], nlp))
    # a full collection first: the first one after loading falls on the next few hundred abstracts and
    # traverses every object loaded (about 80 M instructions, 5% of 100 abstracts); a long run pays it once
    gc.collect()
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
    list(extract_papers(papers[:n], nlp))
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="number of synthetic abstracts")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--processes", default="1,2", help="comma-separated process counts")
    ap.add_argument("--papers", help="measure the abstracts of this papers file instead of synthetic ones")
    ap.add_argument("--callgrind", action="store_true", help="switch callgrind's instrumentation on around "
                    "the extraction of --n abstracts (run under valgrind --tool=callgrind --instr-atstart=no)")
    ap.add_argument("--warm", action="store_true", help="with --callgrind: warm up on the same --n abstracts "
                    "(a second pass) instead of 200 others")
    args = ap.parse_args(argv)
    if args.papers:
        papers = stages.read([args.papers]).papers
        papers = papers[:args.n] if not args.callgrind else papers
    else:
        papers = synthetic_corpus(args.n + (200 if args.callgrind else 0), args.seed)
    if args.callgrind:
        callgrind(papers, args.n, args.warm)
        print(f"instrumented: {args.n} abstracts; instructions per abstract = callgrind total / {args.n}")
        return 0
    words = sum(len(p.text.split()) for p in papers)
    print(f"corpus: {len(papers)} abstracts, {words} words ({words / len(papers):.0f} words/abstract)")
    print(f"gazetteer: {len(load_gazetteer())} entries")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for n_process in (int(x) for x in args.processes.split(",")):
        wall, cpu, decision, count = run(papers, n_process)
        seconds = cpu if n_process == 1 else wall
        clock = "CPU" if n_process == 1 else "wall"
        print(f"n_process={n_process}: {seconds:.2f} s {clock} ({wall:.2f} s wall), "
              f"{count / seconds:,.0f} abstracts/s, {words / seconds:,.0f} words/s")
        if n_process == 1 and decision:
            print(f"  decision component alone: {decision:.2f} s CPU ({decision / cpu:.0%}), "
                  f"{count / decision:,.0f} abstracts/s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory (this process): {peak_kb / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
