# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Whose a name is: a probe of invented abstracts for the ``proposed`` mark of names the abstract first gives as
others' work by a word before them: "the recently proposed X", "the popular X", "the widely used X", "the
state-of-the-art X", "a pre-trained X", "X et al. introduced the Y". Those are prior work, not the paper's; the
paper's own names beside them ("we propose Zorb", "our new Zorb", "We pre-trained Zorb", "a frozen X and call the
method Zorb") stay proposed. All names and abstracts are invented.

Each case: a class, a title, an abstract, a name and whether the paper proposes it. Prints per class how many
marks are right; ``-v`` lists every case.

Run::

    python benchmarks/probe_prior_work_cues.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

_RECENT = ("Sparse Relay Attention for Long Document Ranking",
           "Ranking long documents is costly. The recently proposed Quobrix and Fendal-GNN cut the cost but lose accuracy on long inputs. We propose Tarvelle, a relay attention ranker that passes summaries between windows. Tarvelle beats Quobrix by 4 points of nDCG.")
_POPULAR = ("Calibrated Uncertainty for Tabular Forecasts",
            "Forecasts on tabular data need calibrated intervals. We present Hobbleton, a post-hoc calibrator that reweights residuals by feature density. Applied to the popular Grennick regressor and the widely used Pastow boosting library, Hobbleton halves the miscalibration.")
_SOTA = ("Graph Denoising for Sparse Interaction Logs",
         "Interaction logs are noisy and sparse. We introduce Wexmoor, a graph denoiser that prunes edges with low agreement across views. Wexmoor improves the state-of-the-art Lintrace recommender by 7% in recall on three logs.")
_ETAL = ("Risk Bounds for Surrogate Decision Losses",
         "Brandell et al. introduced a convex surrogate, called the Fenwick loss, for decision-aware learning. We derive the first risk bounds for the Fenwick loss and propose Corvalla, a smoothed surrogate with faster rates. Experiments on shortest path problems support the theory.")
_STANDARD = ("Faster Sampling for Score Models",
             "Sampling from score models takes hundreds of steps. We keep the standard Pellow sampler but replace its step schedule with Drivane, a learned schedule. Drivane needs 12 steps for the quality Pellow reaches in 200.")
_OWN_NEW = ("Quillan: Token Routing for Sparse Language Models",
            "We present Quillan, a state-of-the-art router for sparse language models that learns when to skip experts. Quillan is the first router trained with a budget loss. It beats the existing Harrowby router by 2 points.")
_FROZEN = ("Sound Separation with Spectrogram Masks",
           "We separate sources with Quillmask, a masking network. Visual conditioning uses object features from a pre-trained Harven ViT-S/8, and the audio network is a small U-Net.")
_CALLED = ("Replay of Compressed Features",
           "Experience replay stores raw images. We store quantised features from a frozen Dolo-18 encoder and call the method PQ-Holdout; ten times more samples fit in the same memory.")
_PRETRAINED_VERB = ("A Foundation Model for Seismograms",
                    "Labelled seismograms are scarce. We pre-trained Quakora-1, a transformer with masked signal modelling, on 2 million traces, then fine-tuned it for event detection. Quakora-1 improves F1 by 6 points.")
_OWN_POP = ("Brisket: A Compact Benchmark for Table Reasoning",
            "We introduce Brisket, a compact benchmark of 3,000 table questions. Models such as Garnel and Tofsted fail on half of them. Brisket is released under an open licence.")

CASES = [
    ("prior", *_RECENT, "Quobrix", False),
    ("prior", *_RECENT, "Fendal-GNN", False),
    ("own", *_RECENT, "Tarvelle", True),
    ("prior", *_POPULAR, "Grennick", False),
    ("prior", *_POPULAR, "Pastow", False),
    ("own", *_POPULAR, "Hobbleton", True),
    ("prior", *_SOTA, "Lintrace", False),
    ("own", *_SOTA, "Wexmoor", True),
    ("prior", *_ETAL, "Fenwick loss", False),
    ("own", *_ETAL, "Corvalla", True),
    ("prior", *_STANDARD, "Pellow", False),
    ("own", *_STANDARD, "Drivane", True),
    ("own", *_OWN_NEW, "Quillan", True),
    ("prior", *_OWN_NEW, "Harrowby", False),
    ("prior", *_FROZEN, "Harven ViT-S/8", False),
    ("own", *_CALLED, "PQ-Holdout", True),
    ("prior", *_CALLED, "Dolo-18", False),
    ("own", *_PRETRAINED_VERB, "Quakora-1", True),
    ("own", *_OWN_POP, "Brisket", True),
    ("prior", *_OWN_POP, "Garnel", False),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv, prefix=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
