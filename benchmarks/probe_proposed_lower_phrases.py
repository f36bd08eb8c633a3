# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Lower-case phrases the authors say they bring in: a probe of invented abstracts.

"we propose a block-and-verify method", "we design a gated residual fuser", "we introduce a novel slot
reweighting loss": a paper's own technique, named by a short descriptive phrase of lower-case words and
brought in by a proposing verb in the authors' voice (decide._proposed_phrase). The decision model, which
learns lower-case phrases as mostly no entity, often scores such a phrase under the lower bar; the checks below
ask that it is kept as a Method. The negatives are plain descriptions the same verbs bring in ("a simple fix",
"two baselines") and lower-case phrases in passing, which must not be kept as scored entities.
(Round 33: a lower bar, 0.02, for these phrases got 5/5 here and CV F1 +0.001, but in the CV it kept 84 more
phrases of which 5 are gold, "different tasks", "seamless way" and the like marked proposed; neutral to the
scorer, not to a graph. It was dropped: a fix needs evidence that tells a technique from a description.)

Each case: a class, a title, an abstract, the names to find with their type, and names that must not appear.
Prints per class how many are typed right; ``-v`` lists the misses.

Run::

    python benchmarks/probe_proposed_lower_phrases.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not appear)
CASES = [
    ("we propose a phrase", "Joining Tables by Similarity at Scale",
     "Finding joinable tables with fuzzy keys is slow. To find them efficiently, we propose a block-and-verify method that prunes most pairs before they are compared. On four lakes the search is twenty times faster than a scan.",
     {"block-and-verify method": "Method"}, ["joinable tables", "fuzzy keys"]),
    ("we propose a phrase", "Forecasting Long Series with Local Queries",
     "Attention over long series is blind to local shape. We first propose gated patch attention, which builds queries and keys from short windows, and show that it lowers the error on five forecasting sets.",
     {"gated patch attention": "Method"}, ["local shape", "short windows"]),
    ("we propose a phrase", "Quantising Retrieval Codes on Curved Spaces",
     "Hashing for retrieval ignores the hierarchy of labels. We propose a curved product quantiser, in which each codebook is learned on a hyperbolic manifold, and it beats flat codes on three image collections.",
     {"curved product quantiser": "Method"}, ["flat codes", "image collections"]),
    ("we introduce a novel phrase", "Faithful Faces from a Single Photo",
     "Face reconstructions lose expression. We address this by introducing a novel expression consistency loss during training, which compares the emotion read from the render with the photo's, and users prefer our faces in a study.",
     {"expression consistency loss": "Method"}, ["face reconstructions"]),
    ("we design a phrase", "Skeleton Graphs for Hard Poses",
     "Hard poses break pose estimators. We design a hop-aware channel fuser that mixes features from near and far joints, and it reduces the error on two benchmarks of hard poses.",
     {"hop-aware channel fuser": "Method"}, ["hard poses", "far joints"]),
    # negatives: plain descriptions brought in by the same verbs, and lower-case phrases in passing
    ("negatives", "Cleaning Labels in Small Sets",
     "Label noise hurts small sets. We propose a simple fix: we drop the examples whose loss stays high, and we introduce two baselines for comparison. The fix helps on six small sets.",
     {}, ["simple fix", "two baselines"]),
    ("negatives", "Caching Prompts for Cheaper Serving",
     "Serving long prompts is costly. We propose caching shared prefixes across requests; with careful eviction and request batching the cost falls by half on two traces.",
     {}, ["careful eviction", "request batching", "shared prefixes"]),
]


if __name__ == "__main__":
    raise SystemExit(run_typed(CASES, sys.argv[1:]))
