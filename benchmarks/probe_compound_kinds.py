# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""The kind a paper gives a name it introduces, when the kind is a compound of nouns: a probe of invented abstracts.

In English the last noun of a compound is its head: "a model compression technique" is a technique (a Method), "a
language model benchmark" a benchmark (a Dataset), "an LLM serving engine" an engine (a tool, no scored kind). The
type rules read the kind of an appositive ("X, a … technique") or of a title's colon phrase ("X: A … Benchmark for
…"); a head word used as a modifier earlier in the compound ("model", "network", "dataset") must not decide it. A gerund
with words between it and a title's head is a verb whose object the head is ("X: Efficiently Serving Large Language
Models with …"). The negatives: a gerund right before a title's head modifies it ("X: Text Embedding Models in Three
Sizes"), and a head followed by a participle, a gerund or a preposition keeps its type ("a method leveraging diffusion
models", "a transformer model trained on …", "a benchmark for evaluating language models").

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not
appear. Prints per class how many names are found and typed right; ``-v`` lists the others. All the names
are invented.

Run::

    python benchmarks/probe_compound_kinds.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("modifier-then-head", "Compressing Vision Encoders Without Retraining",
     "Large vision encoders are costly to serve. We present Quorvane, a model compression technique that prunes attention heads by their calibration loss. Quorvane halves the latency of ViT-L/16 with a 0.4 point drop on ImageNet-1K.",
     {"Quorvane": "Method"}, ()),
    ("modifier-then-head", "Questions Lawyers Ask",
     "Legal reasoning is rarely measured. We introduce Brislet, a language model benchmark of 3,000 questions written by practising lawyers. On Brislet, GPT-4o answers 61% of the questions correctly.",
     {"Brislet": "Dataset"}, ()),
    ("modifier-then-head", "Distilling Image Collections",
     "Training on large image collections is slow. We propose Vellorin, a dataset distillation method that matches the gradient trajectories of a teacher. With 50 images per class, Vellorin reaches 71% accuracy on CIFAR-10.",
     {"Vellorin": "Method"}, ()),
    ("modifier-then-head", "Faster Sparse Networks",
     "Pruned networks rarely run faster on GPUs. We introduce Dravel, a network pruning framework that removes whole channels under a latency budget. Dravel speeds up ResNet-50 by 1.8x on ImageNet-1K.",
     {"Dravel": "Method"}, ()),
    ("modifier-then-head", "Sparse Graph Encoders for Molecules",
     "Molecular graphs are sparse. We describe Tarnwick, a graph encoder-decoder neural architecture with sparse message passing. Tarnwick improves property prediction on QM9.",
     {"Tarnwick": "Model"}, ()),
    ("title-compound", "Zelkor: A Language Model Benchmark for Contract Review",
     "Contract review needs careful reading. Zelkor holds 4,200 clauses annotated by lawyers, and the best model we test finds 58% of the risky ones.",
     {"Zelkor": "Dataset"}, ()),
    ("title-compound", "Frimble: A Diffusion Model Distillation Recipe for One-Step Sampling",
     "Diffusion models sample slowly. Frimble distils a teacher into a one-step student with a consistency loss and an adversarial term, and reaches an FID of 2.9 on ImageNet 64x64.",
     {"Frimble": "Method"}, ()),
    ("gerund-compound", "Serving Long Prompts on Small Clusters",
     "Long prompts strain serving clusters. We build Tessarine, an LLM serving system that splits the prefill of one prompt across machines. Tessarine raises the throughput of Llama-3-70B by 2.1x.",
     {"Tessarine": "Method"}, ()),
    ("colon-or-first", "Marrowby: Long-Range Transformers without Quadratic Cost",
     "Attention over long inputs is quadratic. We propose Marrowby: a general approach that offloads cross-attention to a nearest-neighbour index. Marrowby lets BART read 300k-token books.",
     {"Marrowby": "Method"}, ()),
    ("colon-or-first", "Low-Bit Diffusion Transformers",
     "Diffusion transformers are costly to deploy. We propose Quenbit, the first quantization-aware training scheme for ternary diffusion transformers. Quenbit keeps an FID of 4.1 on ImageNet 256x256.",
     {"Quenbit": "Method"}, ()),
    ("title-gerund", "Fenlow: Efficiently Serving Long-Context Large Language Models with Elastic Parallelism",
     "Long contexts make serving uneven. Fenlow adjusts the degree of parallelism of each request at run time and migrates key-value caches between instances, raising throughput by 3x.",
     {"Fenlow": "Method"}, ()),
    ("head-kept", "Cobblet: Small Multilingual Text Embedding Models in Three Sizes",
     "Small embedding models are needed on devices. Cobblet-S, Cobblet-M and Cobblet-L are distilled from a larger teacher and lead MTEB at their sizes.",
     {"Cobblet-S": "Model", "Cobblet-L": "Model"}, ()),
    ("head-kept", "Image Editing with Diffusion Priors",
     "Editing real images is hard. We propose Orrindel, a method leveraging diffusion models to invert an image into editable noise. Orrindel preserves identity better than prior editors.",
     {"Orrindel": "Method"}, ()),
    ("head-kept", "A Small Model for Clinical Notes",
     "Clinical notes are long. We present Kestaby, a transformer model trained on 2M discharge summaries. Kestaby beats larger general models on MedNLI.",
     {"Kestaby": "Model"}, ()),
    ("head-kept", "Measuring Spatial Reasoning",
     "Spatial reasoning is rarely tested. We release Glimra, a benchmark for evaluating language models on maps and floor plans. Models score far below humans on Glimra.",
     {"Glimra": "Dataset"}, ()),
    ("head-kept", "Sarvik: A Vision Transformer Backbone for Dense Prediction",
     "Dense prediction needs multi-scale features. Sarvik mixes local windows with global tokens and is pretrained on ImageNet-22K; it improves detection on COCO.",
     {"Sarvik": "Model"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
