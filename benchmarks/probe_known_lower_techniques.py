# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Well-known techniques written in lower case, named in passing: a probe of invented abstracts.

"decoded with beam search", "the output layer uses hierarchical softmax", "we pretrain with pseudo-labeling":
a method the gazetteer knows, written all in lower case, in a paper about something else. The gold lists such
a technique only where the paper names it among its methods, so the decision model learns it as mostly no
entity (yet the scorer counts an unlisted one neither way); the checks below ask that it is kept as a Method.
The negatives are activity words ("training", "fine-tuning", "pruning") and lower-case phrases the gazetteer
does not know ("careful scheduling", "layer stacking"), which must not be kept as scored entities.

Each case: a class, a title, an abstract, the names to find with their type, and names that must not appear.
Prints per class how many are typed right; ``-v`` lists the misses.

Run::

    python benchmarks/probe_known_lower_techniques.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not appear)
CASES = [
    ("listed baselines", "Hashed Embeddings for Recommenders",
     "Embedding tables dominate the memory of recommenders. We hash each categorical value into a short code and decode it with a small network. The codes work with models including matrix factorization and two-tower retrievers, and cut memory by 90% on three public sets.",
     {"matrix factorization": "Method"}, ["short code", "small network"]),
    ("listed baselines", "Optimisers for Tabular Models",
     "We benchmark optimisers on tabular models, including logistic regression, random forest and boosted trees, and find that a tuned schedule matters more than the optimiser.",
     {"logistic regression": "Method", "random forest": "Method"}, ["tuned schedule"]),
    ("compared against", "Decision Losses for Inventory Planning",
     "Predict-then-optimize pipelines fit a predictor and then solve the decision. We show that simple linear policies trained on the decision loss dominate random forest predictors and gradient boosted trees on 14 planning instances.",
     {"random forest": "Method"}, ["planning instances"]),
    ("compared against", "Compact Codes for Image Search",
     "Image search needs compact codes. We compare against methods including product quantization and spectral hashing on two retrieval sets, and our codes halve the error at 32 bits.",
     {"product quantization": "Method"}, ["compact codes"]),
    ("stated higher", "Word Vectors in an Hour",
     "We train word vectors on a billion tokens. Subsampling frequent words speeds training and improves the vectors of rare words. We also describe a simple alternative to hierarchical softmax called negative sampling.",
     {"hierarchical softmax": "Method", "negative sampling": "Method"}, ["word vectors"]),
    # negatives: activity words and lower-case phrases the gazetteer does not know
    ("negatives", "Compressing Speech Recognisers on Phones",
     "We compress a speech recogniser for phones. After training, pruning removes half of the weights and a short round of fine-tuning recovers the accuracy; layer stacking then halves the latency.",
     {}, ["training", "pruning", "fine-tuning", "layer stacking"]),
    ("negatives", "Regularising Small Vision Models",
     "Small vision models overfit. We find that the crop schedule matters more than careful scheduling of the learning rate, and a schedule of growing crops beats a fixed one on four data sets.",
     {}, ["crop schedule", "careful scheduling", "growing crops"]),
]


if __name__ == "__main__":
    raise SystemExit(run_typed(CASES, sys.argv[1:]))
