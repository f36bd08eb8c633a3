# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""The type of a defined name from the head noun of its long form: a probe of invented abstracts.

An abstract that defines an acronym by its long form ("Zorbic Fusion Graph Network (ZFGN)") says what the
thing is by the long form's head noun: a network or a transformer is a model, a corpus or a benchmark a data
set, an algorithm, an optimizer, a regularization, a loss or an attack a method. The kind the sentence names it
as ("we develop a new framework, …", "a simple method, …") is looser and must not override it. Negatives: a
long form whose head comes before a preposition ("Quokka Attention for Graph Networks": an attention, not a
network), and the long form's words alone, which are no names.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must
not be found. Prints per class how many names are found with the right type, and how many of the
forbidden names appear; ``-v`` lists the misses.

Run::

    python benchmarks/probe_long_form_heads.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("network-as-framework", "Hierarchical Zorbic Graph Network for Personalised Bundle Recommendation",
     "Bundle recommendation must respect both item compatibility and user taste. In this work, we develop a new framework, Hierarchical Zorbic Graph Network (HZGN), to model users, items and bundles together. HZGN propagates embeddings over a three-level graph, and experiments on two public datasets show that HZGN outperforms strong baselines.",
     {"HZGN": "Model"}, ("Graph Network",)),
    ("network-as-framework", "Trellis Filtering Networks for Session Recommendation",
     "Session-based recommenders suffer from noisy clicks. We present a general approach, Trellis Filtering Networks (TFN), which learns to down-weight unreliable interactions. On three benchmarks, TFN improves recall by 4 points over the best prior recommender.",
     {"TFN": "Model"}, ()),
    ("network-as-framework", "Quenching Noise in Molecular Property Prediction",
     "Property labels from cheap simulations are noisy. We propose a simple method, Marrow Message Passing Network (MMPN), which weighs each label by its estimated reliability. MMPN reduces the error on four molecular benchmarks by 12% compared with standard message passing.",
     {"MMPN": "Model"}, ()),
    ("transformer-as-method", "Long Documents without Quadratic Cost",
     "We introduce a new technique, Strided Quokka Transformer (SQT), that attends over compressed summaries of earlier blocks. SQT matches full attention on long-document classification while using a fifth of the memory.",
     {"SQT": "Model"}, ()),
    ("corpus-as-framework", "Dialogue Grounding for Low-Resource Languages",
     "Grounded dialogue data is scarce outside English. We present a framework, the Tellurin Dialogue Corpus (TDC), built from 40,000 crowd-sourced conversations in nine languages. Models fine-tuned on TDC gain 6 BLEU points over those trained on translated data.",
     {"TDC": "Dataset"}, ()),
    ("benchmark-as-method", "How Well Do Agents Plan Over Weeks?",
     "We propose a new evaluation method, the Brindle Long-Horizon Benchmark (BLHB), with 1,200 multi-week planning tasks. Current agents solve fewer than a third of BLHB tasks.",
     {"BLHB": "Dataset"}, ()),
    ("algorithm-as-model", "Fast Recovery of Sparse Signals",
     "We present a model-free recovery scheme, Quill Hard Thresholding Algorithm (QHTA), that needs no tuning of the step size. QHTA converges linearly under restricted isometry and beats iterative hard thresholding in run time.",
     {"QHTA": "Method"}, ()),
    ("loss-as-model", "Learning Features That Transfer Across Sensors",
     "We introduce a new model component, Koala Contrastive Loss (KCL), which aligns features of paired sensors. A ResNet-50 trained with KCL transfers better than one trained with standard contrastive objectives.",
     {"KCL": "Method", "ResNet-50": "Model"}, ()),
    ("cut-before-preposition", "Message Passing with Tempered Attention",
     "We propose Quokka Attention for Graph Networks (QAGN), a sparse attention scheme that keeps only the most informative neighbours. QAGN speeds up training by 3x on large citation graphs.",
     {"QAGN": "Method"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
