"""Extraction throughput: abstracts/s and words/s at 1 and 2 processes, and peak memory.

One process is timed by its CPU time (``time.process_time``), which other
work on a shared machine disturbs less than wall time; several processes by
wall time (their CPU time is spent in the workers). The load average is
printed with the figures.

A synthetic corpus of N abstracts is generated from a fixed seed: sentences
built from templates that mention gazetteer names, coined names, acronym
definitions and numbers, about the length of real abstracts (~180 words).

    python benchmarks/bench_extract.py --n 5000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time

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


def run(papers: list[Paper], n_process: int) -> tuple[float, float, int]:
    """Wall and CPU seconds (of this process) to extract ``papers``, and how many came back."""
    nlp = make_pipeline()
    list(extract_papers(papers[:200], nlp))  # warm-up: caches, lazy loading
    start, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in extract_papers(papers, nlp, n_process=n_process, batch_size=256))
    return time.perf_counter() - start, time.process_time() - cpu, count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="number of synthetic abstracts")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--processes", default="1,2", help="comma-separated process counts")
    args = ap.parse_args(argv)
    papers = synthetic_corpus(args.n, args.seed)
    words = sum(len(p.text.split()) for p in papers)
    print(f"corpus: {len(papers)} abstracts, {words} words ({words / len(papers):.0f} words/abstract)")
    print(f"gazetteer: {len(load_gazetteer())} entries")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for n_process in (int(x) for x in args.processes.split(",")):
        wall, cpu, count = run(papers, n_process)
        seconds = cpu if n_process == 1 else wall
        clock = "CPU" if n_process == 1 else "wall"
        print(f"n_process={n_process}: {seconds:.2f} s {clock} ({wall:.2f} s wall), "
              f"{count / seconds:,.0f} abstracts/s, {words / seconds:,.0f} words/s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory (this process): {peak_kb / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
