# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Descriptive names the authors bring in that hold one capitalised word among lower-case ones and end in a
lower-case head ("a Dual-Lattice representation", "a layout-aware Transformer encoder", "namely Poisson
calibration and Weibull calibration"): the decision kept such a proposal phrase only from the entity
threshold, as a capitalised name, though it reads as the lower-case technique phrases kept from the lower
one. Negatives: a phrase of four words or more, one built round an acronym or coined name ("a QXF-aware
quantization method", "KVL-guided pruning"), which name another's thing rather than the authors', and one
that no cue of the authors brings in.

Each case: a title, an abstract, the names to find and the names that must not appear (lower-cased).
The abstracts and names are invented. Prints how many checks are right; ``-v`` lists every check.

Run::

    python benchmarks/probe_capitalised_proposal_phrases.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_found

# (title, abstract, names to find, names that must not appear)
CASES = [
    ("Sparse Radar Fusion for Parking Robots",
     "Radar returns are sparse and noisy, which hampers fusion with cameras on small robots. To address the sparsity issue, we propose a Dual-Lattice representation that gathers features from both frontal and top-down views. On two parking datasets the fusion improves localisation by 12%.",
     ["dual-lattice representation"], []),
    ("Tables as Graphs for Pretraining",
     "Relational tables mix row and column structure that text encoders ignore. Specifically, we propose a layout-aware Transformer encoder to model the row-column structure of tables, and pretrain it on a million web tables. Fine-tuned, it improves six table tasks.",
     ["layout-aware transformer encoder"], []),
    ("Calibrated Scores from Ranking Models",
     "Ranking models give scores that are not probabilities. We study several parametric distributions and propose two parametric calibration methods, namely Poisson calibration and Weibull calibration. Both are simple post-processing functions that keep the ranking unchanged.",
     ["poisson calibration", "weibull calibration"], []),
    ("Light Mixers for Long Forecasts",
     "Forecasting many correlated series with small models is hard. We also propose a novel Hybrid lag modeling to share weights across channels, and show gains on seven benchmarks at a fraction of the cost.",
     ["hybrid lag modeling"], []),
    # negatives: an acronym or coined name inside, a long phrase, a phrase that no cue brings in
    ("Mixed Precision for Few-Step Diffusion",
     "Few-step diffusion models are hard to quantise. We propose a specialized QXF-aware quantization method that keeps the first tokens in high precision, and cut memory by half on two image generators.",
     [], ["qxf-aware quantization method", "specialized qxf-aware quantization method"]),
    ("Distilling Graph Networks: A Survey",
     "Knowledge distillation on graphs is a growing field. We introduce a KVL-guided pruning that removes redundant teacher layers, and discuss open problems.",
     [], ["kvl-guided pruning"]),
    ("Accelerating Sparse Inference on FPGAs",
     "Large models are costly to serve. We propose a configurable sparse Velox chain to speed up matrix products on FPGAs and reach a 3x gain over GPUs.",
     [], ["configurable sparse velox chain"]),
]


def main(argv: list[str]) -> int:
    return run_found(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
