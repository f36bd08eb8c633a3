"""What the annotation benchmarks share: the annotated papers' path and their training examples.

``learning_curve.py``, ``threshold_cv.py`` and ``eval_titles.py`` all read the
real abstracts of ``../shared/eval/related`` (or ``--papers``) and the
shipped annotations, and make the examples ``graphbuild train`` fits on.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: the annotated papers' records when ``--papers`` is not given
DEFAULT_PAPERS = Path(os.environ.get("GRAPHBUILD_SHARED", "../shared")) / "eval" / "related" / "papers_dev.jsonl"


def add_papers_argument(ap: argparse.ArgumentParser) -> None:
    """``--papers``, defaulting to :data:`DEFAULT_PAPERS`."""
    ap.add_argument("--papers", default=str(DEFAULT_PAPERS), help="the annotated papers' records (JSONL)")


def examples(papers_path: str, edit: Callable[[Any], Any] | None = None) -> tuple[Any, list[Any]]:
    """The gazetteer and the shipped annotations' examples over the papers at ``papers_path`` (each
    paper passed through ``edit`` first when given); exits with one coded line when the file is absent."""
    if not Path(papers_path).is_file():
        sys.exit(f"[E101] {papers_path}: not found; set GRAPHBUILD_SHARED or give --papers")
    from graphbuild.nlp import train
    from graphbuild.nlp.pipeline import make_pipeline

    nlp = make_pipeline(proposers_only=True)
    papers = train.papers_by_id([papers_path])
    if edit is not None:
        edited = {id(p): edit(p) for p in papers.values()}
        papers = {key: edited[id(p)] for key, p in papers.items()}
    return train._gazetteer(nlp), train.make_examples(train.read_annotations(train.SHIPPED_ANNOTATIONS), papers, nlp)
