"""A build, stage by stage, and the cost of its commit (a new generation with its own store).

Builds a workspace from INPUT (default: the bundled demo corpus), then adds
one paper, and prints wall and CPU seconds per stage of
:mod:`graphbuild.stages` and of the commit (files, store sync + checkpoint
starting from a copy of the live store, rename and switch).

    python benchmarks/bench_build.py ../shared/eval/related/papers_dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphbuild import generations, stages
from graphbuild.graph import graph_digest, graph_to_tables
from graphbuild.resources import data_path
from graphbuild.settings import Settings
from graphbuild.workspace import Workspace


@contextmanager
def timed(name: str, rows: list[tuple[str, float, float]]) -> Iterator[None]:
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    rows.append((name, time.perf_counter() - wall, time.process_time() - cpu))


def build_once(ws: Workspace, inputs: list[str]) -> list[tuple[str, float, float]]:
    """One build with the same calls as Workspace.build, timed per step."""
    rows: list[tuple[str, float, float]] = []
    settings = Settings()
    with ws.lock("benchmark"):
        with timed("read", rows):
            result = stages.read(inputs)
        with timed("merge", rows):
            corpus = stages.merge(result.papers, ws.papers())
        papers = corpus.papers
        nlp, gaz = stages.load_pipeline(settings)
        fingerprint = stages.pipeline_fingerprint(settings)
        with timed("extract", rows):
            extracted = stages.extract(papers, nlp, fingerprint=fingerprint, cache=ws.extractions())
        rows[-1] = (f"extract ({extracted.computed} of {len(papers)} papers)", *rows[-1][1:])
        with timed("resolve", rows):
            resolution = stages.resolve(papers, extracted, gaz)
        with timed("cite", rows):
            citations = stages.cite(papers, resolution)
        with timed("graph", rows):
            G = stages.graph(papers, resolution, citations)
        live = ws.current
        commit = generations.Commit(ws.path, live, graph_sha256=graph_digest(G), pipeline=fingerprint, stats={},
                                    papers=len(papers))
        with timed("commit: write files", rows):
            commit.write(papers + citations.external, generations.extraction_lines(extracted), G)
        with timed("commit: store (copy + sync + checkpoint)", rows):
            commit.store(graph_to_tables(G), lambda stage, done, total: None)
        with timed("commit: rename, switch, delete old", rows):
            commit.finish()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(data_path("demo"))])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "ws")
        extra = Path(tmp) / "one.jsonl"
        extra.write_text(json.dumps({"id": "bench-1", "title": "One More Paper on Adapters", "year": 2025,
                                     "abstract": "We use LoRA on GLUE."}) + "\n")
        for label, inputs in (("first build", args.inputs), ("adding one paper", [str(extra)])):
            print(f"{label}:")
            for name, wall, cpu in build_once(ws, inputs):
                print(f"  {name:45s} {wall:7.2f} s wall {cpu:7.2f} s CPU")
        db = ws.current / generations.DB
        size = sum(f.stat().st_size for f in db.iterdir())
        print(f"store size per generation: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
