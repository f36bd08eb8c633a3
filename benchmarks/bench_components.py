"""Where the NLP pass spends its time: abstracts/s and each component's share, or instructions.

Default mode: CPU time (``time.process_time``) of each pipeline component,
of making the Doc (the tokenizer) and of ``doc_to_extraction``, summed over
the corpus; the best of ``--repeat`` passes (after a warm-up pass) is printed.

``--instructions``: the same pass, counted in instructions, which load on a
shared machine does not change. Run it under callgrind with instrumentation
off at the start; the script switches it on around the extraction only::

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \\
        python benchmarks/bench_components.py --instructions --corpus synthetic --n 100
    grep -E '^(summary|totals):' /tmp/cg.out

``--proposers-only`` leaves the decision out (what the proposers and the
post-processing cost alone); ``--tokenizer-only`` makes the Docs and nothing
else (what spaCy's tokenizer costs).

Corpora: ``shared`` (``../shared/eval/related/papers_dev.jsonl``, 907 real
abstracts) or ``synthetic`` (``bench_extract.py``'s generator).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from graphbuild import stages
from graphbuild.nlp.candidates import text_doc
from graphbuild.nlp.pipeline import _gazetteer, corpus_context, doc_to_extraction, extract_papers, make_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extract import synthetic_corpus  # noqa: E402


def load(corpus: str, n: int, shared: Path) -> list:
    """The papers of a corpus, at most ``n`` of them."""
    if corpus == "synthetic":
        return synthetic_corpus(n)
    path = shared / "eval" / "related" / "papers_dev.jsonl"
    if not path.exists():
        sys.exit(f"[E101] {path}: not found; set GRAPHBUILD_SHARED or use --corpus synthetic")
    return stages.read([str(path)]).papers[:n]


def by_component(nlp, papers: list) -> dict[str, float]:
    """CPU seconds per component over ``papers`` (one pass)."""
    gaz = _gazetteer(nlp)
    spent: dict[str, float] = {"make_doc": 0.0, **{name: 0.0 for name in nlp.pipe_names}, "to_extraction": 0.0}
    clock = time.process_time
    with corpus_context(nlp, [p.text for p in papers]):
        for paper in papers:
            t = clock()
            doc = text_doc(nlp, paper.text)
            spent["make_doc"] += clock() - t
            for name, proc in nlp.pipeline:
                t = clock()
                doc = proc(doc)
                spent[name] += clock() - t
            t = clock()
            doc_to_extraction(doc, paper.id, paper.title, gaz)
            spent["to_extraction"] += clock() - t
    return spent


def callgrind(switch: str) -> None:
    """Switch callgrind's instrumentation of this process on or off (no-op outside valgrind)."""
    subprocess.run(["callgrind_control", "-i", switch, str(os.getpid())], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("shared", "synthetic"), default="shared")
    ap.add_argument("--n", type=int, default=1000, help="at most this many abstracts")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=50, help="abstracts extracted before counting instructions")
    ap.add_argument("--instructions", action="store_true", help="switch callgrind on around the extraction only")
    ap.add_argument("--proposers-only", action="store_true", help="leave out the decision (graphbuild_decide)")
    ap.add_argument("--tokenizer-only", action="store_true", help="with --instructions: make the Docs only")
    ap.add_argument("--shared", default=os.environ.get("GRAPHBUILD_SHARED", "/work/shared"))
    args = ap.parse_args(argv)
    nlp = make_pipeline(proposers_only=args.proposers_only)
    if args.instructions:
        papers = load(args.corpus, args.warmup + args.n, Path(args.shared))
        list(extract_papers(papers[:args.warmup], nlp))
        callgrind("on")
        if args.tokenizer_only:
            count = sum(1 for p in papers[args.warmup:] if text_doc(nlp, p.text) is not None)
        else:
            count = sum(1 for _ in extract_papers(papers[args.warmup:], nlp))
        callgrind("off")
        print(f"{count} abstracts extracted with instrumentation on")
        return 0
    papers = load(args.corpus, args.n, Path(args.shared))
    by_component(nlp, papers)  # warm-up: caches, lazy loading
    best = min((by_component(nlp, papers) for _ in range(args.repeat)), key=lambda s: sum(s.values()))
    total = sum(best.values())
    print(f"{len(papers)} abstracts ({args.corpus}), load average {os.getloadavg()[0]:.1f}: "
          f"{total:.3f} s CPU, {len(papers) / total:,.0f} abstracts/s")
    for name, seconds in best.items():
        share, per = 100 * seconds / total, 1e6 * seconds / len(papers)
        print(f"  {name:<26} {seconds:7.3f} s  {share:5.1f}%  {per:7.1f} µs/abstract")
    return 0


if __name__ == "__main__":
    sys.exit(main())
