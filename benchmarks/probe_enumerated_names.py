# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Names of several capitalised words that open the numbered items of an abstract: a probe of invented abstracts.

A paper that lists its contributions often names each by a run of capitalised words right after the item's number
or letter: "(1) Sparse Anchor Resampling on the source domain …", "(iv) Per-Row Bracket Quantization, where …",
"ii) a Ladder Echo Distance". The run is no acronym's long form and need not come back, so nothing but the
numbered item says it is a name (the feature ``enumerated``). Negatives: a numbered item that opens with a
sentence's word ("(2) The model …") or a lower-case phrase ("(1) applying curriculum principles") names nothing,
and a capitalised run in the same sentence but not after a number keeps the weights' say.

Measured (round 36, nlpfix111): the shipped weights find 2 of the 7 numbered names. A learned cue
``enumerated`` (a capitalised run of several words after "(1)", "(iv)", "ii) a") was tried and dropped: on the
907 annotated abstracts' cross-validation it found one more name ("Per-Vector Dense-and-Sparse Quantization") and
added two that are no names ("(2) Reliable Response Generation", "(ii) Multi-Level Manipulation"): CV F1 0.9108 ->
0.9104; the dev sets write no such item. The probe is kept for the next try at the class.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not be
found. Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_enumerated_names.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    # class 1: a capitalised run right after "(1)", "(iv)", "ii)" (perhaps with an article): a name
    ("numbered", "Zorbformer: Better Architectures and Training Recipes for Adaptive Segmentation",
     "We propose Zorbformer, a segmentation network for unsupervised domain adaptation. It is trained with three strategies: (1) Sparse Anchor Resampling on the source domain lowers the bias toward frequent classes, (2) a Ladder Echo Distance keeps features close to pretrained ones and (3) a warmup of the learning rate. Zorbformer improves the state of the art by 9.1 mIoU on GTA-to-Cityscapes.",
     {"Sparse Anchor Resampling": "Method", "Ladder Echo Distance": "Method"}, ()),
    ("numbered", "Quillcache: Serving Long Contexts with a Compressed Key-Value Cache",
     "Long contexts fill the memory of accelerators with cached activations. Quillcache quantises the cache with four methods: (i) Per-Row Bracket Quantization, which scales each row apart; (ii) Pre-Rotation Key Quantization, before positions are encoded; (iii) non-uniform codebooks fitted per layer; and (iv) Split Outlier Packing, where a few large values are kept apart. On LLaMA-7B, Quillcache serves a million tokens on one GPU.",
     {"Per-Row Bracket Quantization": "Method", "Pre-Rotation Key Quantization": "Method", "Split Outlier Packing": "Method"}, ()),
    ("numbered", "Wrenpath: Routing Requests across Heterogeneous Accelerators",
     "Serving mixed workloads wastes capacity. We present Wrenpath, a scheduler with two policies: a) Cold Lane Balancing, which moves long requests away from busy devices, and b) Tiered Budget Splitting for short ones. Wrenpath raises throughput by 2.1x over vLLM.",
     {"Cold Lane Balancing": "Method", "Tiered Budget Splitting": "Method"}, ()),
    # class 2: numbered items that open with a sentence's word or a lower-case phrase: no name there
    ("not-a-name", "Pseudo-Labels Revisited for Semi-Supervised Classification",
     "We revisit pseudo-labelling. Two factors matter: (1) applying curriculum principles when choosing labels and (2) restarting the weights before each round. (3) The Resulting Scores reach 94.1% on CIFAR-10 with 4,000 labels.",
     {}, ("Resulting Scores",)),
    ("not-a-name", "How Annotators Disagree on Toxicity",
     "We study disagreement among annotators of toxic speech. We find that (1) Most Disagreements come from ambiguous sarcasm and (2) Younger Annotators flag more posts. We release the annotations.",
     {}, ("Most Disagreements", "Younger Annotators")),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv))
