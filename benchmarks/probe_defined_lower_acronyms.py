# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Acronyms a paper defines by a lower-case technique phrase: a probe of invented abstracts.

"we simulate the folds with lattice annealing dynamics (LAD)", "sparse token routing (STR) cuts the cost": an
acronym whose long form is written in lower case, a technique the paper uses or studies without saying it brings
it in. The decision model sees such pairs as often background as named, and scores many of them under the bar
(decide._defined_by_lower_phrase keeps them from a lower one); the checks below ask that the acronym is found
as a Method. The negatives are acronyms of fields and settings and lower-case phrases in passing, which must not
appear as scored entities.

Each case: a class, a title, an abstract, the names to find with their type, and names that must not appear.
Prints per class how many are typed right; ``-v`` lists the misses.

Run::

    python benchmarks/probe_defined_lower_acronyms.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not appear)
CASES = [
    ("defined, used", "Folding Small Proteins on One Card",
     "Folding paths are slow to sample. We run lattice annealing dynamics (LAD) on a single card and show that LAD reaches the folded state of eight small proteins ten times sooner than the usual sampler.",
     {"LAD": "Method"}, ["folding paths", "small proteins"]),
    ("defined, used", "Cheaper Mixtures for Long Inputs",
     "Long inputs make mixtures of experts costly. Sparse token routing (STR) sends each token to one expert; we pair STR with a short cache and halve the cost on three long-document tasks.",
     {"STR": "Method"}, ["long inputs", "short cache"]),
    ("defined, compared", "Denoising Scans with Learned Priors",
     "We denoise low-dose scans with a learned prior. Compared with smoothed edge regularization (SER), the prior keeps thin vessels and raises the signal-to-noise ratio on two scanners.",
     {"SER": "Method"}, ["thin vessels", "low-dose scans"]),
    ("defined as background", "Ranking Documents by Their Identifiers",
     "Token-indexed retrieval (TIR) is an emerging paradigm that maps a query straight to the identifiers of documents. We study how TIR scales with the corpus and find that its recall falls beyond a million documents.",
     {"TIR": "Method"}, ["emerging paradigm"]),
    ("defined as background", "Faster Sampling of Crystal Defects",
     "Defects in crystals are usually studied with lattice spin dynamics (LSD) simulations, which are slow. We train a surrogate on short LSD runs that predicts defect motion a hundred times faster.",
     {"LSD": "Method"}, ["short runs", "defect motion"]),
    # negatives: no acronym defined, and lower-case phrases in passing
    ("negatives", "Routing Tokens in Long Documents",
     "Long documents strain memory. We route tokens by their position and by a learned score, and careful batching keeps the cost flat on three long-document tasks.",
     {}, ["careful batching", "learned score", "long documents"]),
]


if __name__ == "__main__":
    raise SystemExit(run_typed(CASES, sys.argv[1:]))
