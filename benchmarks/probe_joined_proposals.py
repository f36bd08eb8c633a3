# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Lower-case names a paper gives its own recipes, in two shapes the proposal-phrase proposer missed:
(1) a second recipe joined to the first by "and" after the introducing verb ("We introduce drift-gated
replay and a sparse echo regulariser"), and (2) a recipe followed by a time or route phrase ("a novel
tidal consistency loss during training", "a braided token router across layers"), which made the phrase
run past its end. Negatives: a clause after "and" ("and achieve …", "and show that …"), a generic phrase
("a novel framework", "an efficient method"), and a name list opened by a cue that is not the authors'
("the recently proposed QuillNet and Vexa-GCN reduce …").

Each case: a title, an abstract, the names to find and the names that must not appear (lower-cased).
The abstracts and names are invented. Prints how many checks are right; ``-v`` lists every check.

Run::

    python benchmarks/probe_joined_proposals.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_found

# (title, abstract, names to find, names that must not appear)
CASES = [
    # (1) two recipes joined by "and" after the cue
    ("Stable Continual Learning for Speech Recognisers",
     "Speech recognisers forget earlier accents when tuned on new ones. We introduce drift-gated replay and sparse echo regularisation to keep old accents intact. On three accent benchmarks forgetting drops by half.",
     ["drift-gated replay", "sparse echo regularisation"], ["accent benchmarks"]),
    ("Fast Sparse Retrieval on Phones",
     "Retrieval on phones is memory bound. We propose a lattice-pruned posting index and an adaptive shard prefetching scheme that together cut latency by 40% on two corpora.",
     ["lattice-pruned posting index", "adaptive shard prefetching"], []),
    ("Low-Bit Video Diffusion",
     "Quantising video diffusion models harms temporal coherence. We also introduce frame-aware scale search and residual timestep folding to further improve quality at four bits.",
     ["frame-aware scale search", "residual timestep folding"], []),
    ("Robust Graph Recommendation",
     "Graph recommenders overfit popular items. This paper proposes a degree-balanced edge dropout and a contrastive neighbour smoothing objective, which lift recall on four datasets.",
     ["degree-balanced edge dropout", "contrastive neighbour smoothing objective"], []),
    # (2) a recipe followed by a time or route phrase
    ("Expressive Face Capture",
     "Monocular face capture loses expression detail. We address this by introducing a novel tidal expression consistency loss during training, which keeps the reconstructed face's emotion.",
     ["tidal expression consistency loss"], []),
    ("Routing Tokens in Deep Transformers",
     "Deep transformers waste compute on easy tokens. We propose a braided token router across layers that skips blocks for easy tokens while keeping accuracy on five tasks.",
     ["braided token router"], []),
    ("Denoising Point Clouds",
     "Point clouds from cheap sensors are noisy. We design a ridge-aware normal filter without supervision that preserves sharp edges on scanned objects.",
     ["ridge-aware normal filter"], []),
    # negatives: a clause after "and", generic phrases, a list of others' names
    ("Efficient Image Matching",
     "Image matching is slow on large collections. We propose a two-stage matching framework and achieve state-of-the-art results on three benchmarks.",
     [], ["achieve state-of-the-art results", "state-of-the-art results"]),
    ("Better Tabular Learning",
     "Tabular learning lags behind deep learning elsewhere. We introduce a novel framework and show that it beats boosted trees on twenty datasets.",
     [], ["novel framework", "framework"]),
    ("Efficient Scheduling of Jobs",
     "Scheduling jobs on clusters wastes energy. We present an efficient method and evaluate it on traces from two data centres.",
     [], ["efficient method", "evaluate it"]),
    ("Over-Smoothing in Graph Recommenders",
     "Graph recommenders over-smooth embeddings. The recently proposed QuillNet and Vexa-GCN reduce this to some extent, yet we argue they overlook neighbours with no shared interest.",
     [], ["vexa-gcn reduce"]),
]


if __name__ == "__main__":
    sys.exit(run_found(CASES, sys.argv[1:]))
