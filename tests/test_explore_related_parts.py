"""The helpers of benchmarks/explore_related_parts.py (issue 14, round 6): sentences, late interaction,
centrality within a query's head."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def explore():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("explore_related_parts", BENCH / "explore_related_parts.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_sentences_keep_the_title_first_and_drop_short_fragments(explore):
    out = explore.sentences("Sparse Retrieval Revisited", "We study retrieval with sparse vectors. It works. "
                            "Results on three benchmarks (Table 2) improve by 4 points! e.g. this stays joined.")
    assert out[0] == "Sparse Retrieval Revisited"
    assert "We study retrieval with sparse vectors." in out
    assert "It works." not in out  # under four words
    assert out[-1].startswith("Results on three benchmarks") and out[-1].endswith("this stays joined.")
    assert len(out) == 3  # no split before a lower-case word
    assert explore.sentences("Only A Title", "") == ["Only A Title"]


def test_late_interaction_averages_each_query_sentences_best_match(explore):
    # three papers: sentences 0-1 of paper 0, 2 of paper 1, 3-4 of paper 2
    vecs = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, -1, 0]], dtype=np.float32)
    starts = np.array([0, 2, 3])
    owner = np.array([0, 0, 1, 2, 2])
    q = np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32)
    forward = explore.late_interaction(q, vecs, starts, 3)
    assert forward.tolist() == pytest.approx([1.0, 0.0, 0.5])  # a negative cosine counts as 0
    backward = explore.reverse_interaction(q, vecs, starts, owner, 3)
    assert backward.tolist() == pytest.approx([1.0, 0.0, 0.5])
    # one way is not the other: a paper with one matching sentence among many
    wide = np.vstack([vecs, [[0, 0, 1]] * 3]).astype(np.float32)
    starts2, owner2 = np.array([0, 2, 3]), np.array([0, 0, 1, 2, 2, 2, 2, 2])
    assert explore.late_interaction(q[:1], wide, starts2, 3)[2] == pytest.approx(1.0)
    assert explore.reverse_interaction(q[:1], wide, starts2, owner2, 3)[2] == pytest.approx(0.2)


def test_centrality_leaves_each_paper_out_of_its_own_mean(explore):
    vecs = np.array([[1, 0], [1, 0], [0.6, 0.8], [0, 1], [0, 1]], dtype=np.float32)
    head = np.array([0, 2, 1, 3])  # paper 4 is outside the head
    c = explore.centrality(vecs, head, 2)  # the top two: papers 0 and 2
    assert c[4] == 0.0
    assert c[0] == pytest.approx(0.6)  # only paper 2 counts for paper 0
    assert c[2] == pytest.approx(0.6)
    assert c[1] == pytest.approx((1.0 + 0.6) / 2)
    assert c[3] == pytest.approx((0.0 + 0.8) / 2)
