# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a title that revisits a name proposes: a probe of invented abstracts for the ``proposed`` mark. (1) A name
before a past participle that closes the title's phrase ("QuorBit Revisited: …", "MarlowAttn, Explained",
"DriftNet Reconsidered: …") is what the paper looks at again, prior work, not proposed (nor is the phrase with the
participle a name: "QuorBit Revisited"). (2) What the abstract brings in beside it stays proposed, and so does a
title's own name that no participle closes ("QuorBit-2: …"). All names are invented.

Each case: a title, an abstract, a name, whether the paper proposes it. Prints how many cases are right per class;
``-v`` lists every case.

Run::

    python benchmarks/probe_revisited_titles.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: the name a closing participle revisits: not proposed
    ("revisited", "QuorBit Revisited: Do Citation Graphs Still Help Paper Embeddings?",
     "QuorBit was introduced to evaluate scientific paper embeddings on 20 tasks. We revisit it with general-purpose embedders released since, including Tamsin-7B and Velk-large. General models now beat citation-trained ones on search but not on citation prediction. We release results, not models.", "QuorBit", False),
    ("revisited", "DriftNet Reconsidered: Name-Based Bug Detection on a New Corpus of Python Fixes",
     "Name-based bug detectors were trained on synthetic bugs. We re-evaluate DriftNet on PyFix-12, a new corpus of 9,000 real one-line fixes mined from commits. DriftNet finds 31% of the real bugs, far below its synthetic recall.", "DriftNet", False),
    ("revisited", "TesselPool Revisited: A Regulariser in the Frequency Domain",
     "We revisit TesselPool, which averages random Fourier coefficients of feature maps, and propose FreqTess, a variant whose pooling rate rises with frequency. FreqTess improves robustness on corrupted images by 3 points over TesselPool.", "TesselPool", False),
    ("revisited", "MarlowAttn, Explained",
     "MarlowAttn routes each token to a learned bucket. We explain why it works: the buckets align with the principal directions of the keys. We verify the account on three language models and two vision models.", "MarlowAttn", False),
    # class 2: what the paper brings in, and a title's own name no participle closes: proposed
    ("own", "TesselPool Revisited: A Regulariser in the Frequency Domain",
     "We revisit TesselPool, which averages random Fourier coefficients of feature maps, and propose FreqTess, a variant whose pooling rate rises with frequency. FreqTess improves robustness on corrupted images by 3 points over TesselPool.", "FreqTess", True),
    ("own", "DriftNet Reconsidered: Name-Based Bug Detection on a New Corpus of Python Fixes",
     "Name-based bug detectors were trained on synthetic bugs. We re-evaluate DriftNet on PyFix-12, a new corpus of 9,000 real one-line fixes mined from commits that we release. DriftNet finds 31% of the real bugs, far below its synthetic recall.", "PyFix-12", True),
    ("own", "QuorBit-2: Citation-Aware Embeddings for Scientific Papers",
     "Paper embeddings ignore citations at inference. We present QuorBit-2, an encoder that reads a paper with the titles of its references. QuorBit-2 improves citation prediction by 6 points over Velk-large.", "QuorBit-2", True),
    ("own", "DriftNet: Learned Detectors for Name-Based Bugs",
     "Name-based bugs slip past type checkers. We present DriftNet, a learned detector trained on synthetic swaps of argument names. DriftNet finds 102 real bugs in 50 open-source projects.", "DriftNet", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
