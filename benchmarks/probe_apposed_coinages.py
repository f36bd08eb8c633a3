# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Coined compounds the authors set off by commas after the kind of thing they name: a probe of invented
abstracts. (1) A capitalised compound after a part of data or an artifact ("a day-night subset, Quorn-Pairs, for
…", "the training mix, Quorn-Docs.", "a stronger baseline, Tune-Head, which …"): found, of the kind's type; (2) a
lower-case compound after a rule, a fix, a loss or a regulariser ("a rule of thumb, lr-fold, which …", "derives a
regulariser from the analysis, rank-clamp, which …"): found, a method; (3) what must not be found: a lower-case
modifier in the same place ("the detector, off-the-shelf, fails …", "the encoder, fine-tuned, …"), a list after
a kind ("a loss, l-one, l-two and …"), a compound after a kind that is someone else's ("a standard baseline, …").
The abstracts and coined names are invented; the known names are real.

Each case: a class, a title, an abstract, the names to find with their types, the names that must not appear.
Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_apposed_coinages.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    # class 1: a capitalised compound after a part of data or an artifact
    ("capital", "Quorn: Night-Time Pedestrian Detection",
     "Quorn holds 40K night-time street images with box labels. Quorn comes with a day-night paired subset, Quorn-Pairs, for measuring illumination shift. Detectors trained on COCO lose 20 AP at night.",
     {"Quorn-Pairs": "Dataset"}, []),
    ("capital", "Vellum-VL: Small Vision-Language Models for Receipts",
     "Vellum-VL is a 2B vision-language model for receipt understanding. It reaches 71% on DocVQA. We release weights under Apache-2.0 and the training mix, Vellum-Docs.",
     {"Vellum-Docs": "Dataset"}, []),
    ("capital", "Tarn: A Benchmark of Temporal Shift in News",
     "Tarn tracks topic classification accuracy over ten years of news. Tarn includes a temporally ordered test set, Tarn-Later, held out until the leaderboard closes.",
     {"Tarn-Later": "Dataset"}, []),
    ("capital", "On Schema Renaming in Text-to-SQL",
     "Text-to-SQL parsers drop from 80% to 55% when tables are renamed. We release the renamed version of the Spider dev set, Spider-Masked.",
     {"Spider-Masked": "Dataset"}, []),
    ("capital", "Few-Shot Classification with Feature Modulation Revisited",
     "A fine-tuned baseline matches feature modulation on mini-ImageNet. We introduce a stronger baseline, Tune-Head, which fine-tunes only the classifier at test time.",
     {"Tune-Head": "Method"}, []),
    # class 2: a lower-case compound after a rule, a fix, a loss or a regulariser
    ("lower", "On Loss Spikes in Low-Precision Training",
     "Adam diverges in FP8 when epsilon is small. We turn the analysis into a rule of thumb, lr-fold, which sets epsilon from the learning rate.",
     {"lr-fold": "Method"}, []),
    ("lower", "Why Do Adapters Forget Less?",
     "Adapters change few singular directions. Section 4 derives a regulariser from the analysis, rank-clamp, which penalises updates along the top directions.",
     {"rank-clamp": "Method"}, []),
    ("lower", "Sliding Windows Hurt Long-Context Retrieval",
     "Local attention loses needles beyond the window. We propose a fix, wide-every-3, which makes every third layer global.",
     {"wide-every-3": "Method"}, []),
    ("lower", "Quantisation Error Concentrates on Rare Tokens",
     "Rare tokens account for most of the degradation on WikiText-2. We propose a mixed-precision rule, hold-rare, which keeps their embeddings in FP16.",
     {"hold-rare": "Method"}, []),
    ("lower", "Perceptual Losses from Text-Image Encoders",
     "We train super-resolution networks with a loss on CLIP features. The CLIP-based loss, clip-feel, is a drop-in change for any network.",
     {"clip-feel": "Method"}, []),
    # class 3: no coined name in the same place
    ("not", "Night Detection Without Night Labels",
     "We adapt a COCO detector to night scenes. The detector, off-the-shelf, fails on glare; the encoder, fine-tuned, recovers 8 AP.",
     {}, ["off-the-shelf", "fine-tuned"]),
    ("not", "Robust Losses for Noisy Labels",
     "We compare a loss, l-one, l-two and the Huber loss on CIFAR-10 with noisy labels.",
     {}, ["l-one"]),
    ("not", "Decoding Orders in Non-Autoregressive Translation",
     "We study decoding orders on WMT14 En-De. The decoder, left-to-right, then refines its output twice.",
     {}, ["left-to-right"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
