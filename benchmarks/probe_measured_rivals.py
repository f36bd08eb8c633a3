# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A name a result is measured "above" or "over" is a rival system, found even where it reads as a stray capital:
a probe of invented abstracts.

* ``above``: "2.9 points above QPS", "0.632 MRR, above TarnComplEx by 2.2 points": a number before "above", or
  a number by which after the name;
* ``over``: "improves accuracy over mZorb by 2.4 points": "over" with a number by which after the name;
* ``shaped``: a coined name the shape proposer finds ("ZeViLA", "U-QAE") after any measured comparison;
* ``neg``: "above" or "over" with no number ("as shown above, Zorb", "over Quill County"), a threshold ("above
  30 BLEU"), a word the generic list holds ("2x faster than GPU").

Each case: its class, a title, an abstract, ``{name: type}`` that must be found (typed as the gold would) and
the names that must not be found. Prints per class how many are found and typed right; ``-v`` lists the misses.

Run::

    python benchmarks/probe_measured_rivals.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("above", "Semi-Supervised Segmentation with Sixteenth Labels",
     "We propose Tidewrack, a consistency method for semi-supervised segmentation. With 1/16 of the labels it reaches 75.8 mIoU, 2.9 points above QPS and 1.1 points above the previous best.",
     {"QPS": "Method"}, []),
    ("above", "Temporal Knowledge Graph Completion with Rotating Clocks",
     "We present Clockrot, a temporal knowledge graph embedding. Clockrot obtains 0.632 MRR on a standard event benchmark, above TarnComplEx by 2.2 points, and trains in half the time.",
     {"TarnComplEx": "Model"}, []),
    ("above", "Brambleset: Hierarchical Text Classification with Path Contrast",
     "We introduce Pathwren, a label-path contrastive loss for hierarchical text classification. Pathwren reaches 87.1 micro-F1 on two benchmarks, above HQCLR by 0.3 and 0.5 points.",
     {"HQCLR": "Model"}, []),
    ("over", "Marten: Multilingual Entity Linking with One Index",
     "We present Marten, a multilingual entity linker with a single shared mention index. Marten improves accuracy over mZORB by 2.4 points on two benchmarks and runs twice as fast.",
     {"mZORB": "Model"}, []),
    ("shaped", "Grounded Video Question Answering with Frame Selection",
     "We propose Framepick, a frame selector for video question answering. Framepick reaches 66.3% accuracy on two benchmarks, above ZeViLA by 4.3 points, and halves the frames read.",
     {"ZeViLA": "Model"}, []),
    ("shaped", "Crop-Type Mapping from Satellite Time Series",
     "We propose Furrownet, a temporal attention network for crop-type mapping. It reaches 66.1 mIoU, 3.0 points above U-QAE, with a third of the parameters.",
     {"U-QAE": "Model"}, []),
    ("neg", "Tamsin: Low-Rank Adapters for Speech Translation",
     "We propose Tamsin, a low-rank adapter for speech translation. As shown above, Tamsin keeps 98% of full fine-tuning quality, and it stays above 30 BLEU over Quill County recordings.",
     {}, ["Quill County", "BLEU"]),
    ("neg", "Brisklane: Batched Inference for Sparse Models",
     "We present Brisklane, a batching runtime for sparse models. Brisklane serves requests 2x faster than GPU baselines, and 3 points above CPU offloading.",
     {}, ["GPU", "CPU"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
