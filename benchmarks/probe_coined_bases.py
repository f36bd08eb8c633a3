# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""The base a paper's coined name is built on: a probe of invented abstracts for the ``proposed`` mark.

(1) ``base``: the abstract defines a background name X ("Recently, Ranked Preference Tuning (RPT) has emerged …")
and proposes its own name built on it, "X-suffix", "PrefixX", "Prefix-X" or "XNet", which the title may spell out
as a longer run ending in X's long form ("Splitwise Ranked Preference Tuning for …"): the coined name is proposed,
the base X is not. (2) ``own``: the paper introduces both the name and its variant ("we propose Zorbel and its
variant Zorbel-Lite"), or the longer run and the definition are one thing it proposes ("the Tarnish Quokka
Panel (QP)"): both stay proposed. The abstracts and names are invented.

Each case: a title, an abstract, a name and whether the paper proposes it. Prints how many cases are right per
class; ``-v`` lists every case.

Run::

    python benchmarks/probe_coined_bases.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

_RPT = "Recently, Ranked Preference Tuning (RPT) has emerged as a popular way to align language models with human choices. However, RPT treats every pair alike."
_QSR = "Quillan Sparse Routing (QSR) is widely used to scale mixture-of-experts layers. Yet QSR drops many tokens under load."
_MGA = "Meshgrid Attention (MGA) has become a standard layer for point cloud encoders, but MGA scales poorly with the number of points."

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: a background name and the paper's own coined name built on it
    ("base", "Decomposed Ranked Preference Tuning for Zorbic Ligand Design",
     _RPT + " In this paper, we propose DecompRPT, which splits each pair into substructure pairs. DecompRPT improves affinity on the Tovel benchmark over RPT.", "RPT", False),
    ("base", "Decomposed Ranked Preference Tuning for Zorbic Ligand Design",
     _RPT + " In this paper, we propose DecompRPT, which splits each pair into substructure pairs. DecompRPT improves affinity on the Tovel benchmark over RPT.", "DecompRPT", True),
    ("base", "Splitwise Ranked Preference Tuning for Dialogue Agents",
     _RPT + " We propose Splitwise-RPT, which weighs each pair by its margin. Splitwise-RPT outperforms RPT on three dialogue sets.", "RPT", False),
    ("base", "Splitwise Ranked Preference Tuning for Dialogue Agents",
     _RPT + " We propose Splitwise-RPT, which weighs each pair by its margin. Splitwise-RPT outperforms RPT on three dialogue sets.", "Splitwise-RPT", True),
    ("base", "Balanced Quillan Sparse Routing for Mixture-of-Experts",
     _QSR + " We introduce QSR-Bal, a routing rule that keeps every expert busy. QSR-Bal matches QSR in quality at half the token loss.", "QSR", False),
    ("base", "Balanced Quillan Sparse Routing for Mixture-of-Experts",
     _QSR + " We introduce QSR-Bal, a routing rule that keeps every expert busy. QSR-Bal matches QSR in quality at half the token loss.", "QSR-Bal", True),
    ("base", "Hierarchical Meshgrid Attention Networks",
     _MGA + " We propose MGANet, a hierarchy of MGA blocks over coarsened point sets. MGANet is three times faster than flat MGA.", "MGA", False),
    ("base", "Hierarchical Meshgrid Attention Networks",
     _MGA + " We propose MGANet, a hierarchy of MGA blocks over coarsened point sets. MGANet is three times faster than flat MGA.", "MGANet", True),
    ("base", "Efficient Point Cloud Encoding",
     _MGA + " We propose Fold-MGA, which folds the grid before attending. Fold-MGA is three times faster than MGA.", "MGA", False),
    ("base", "Efficient Point Cloud Encoding",
     _MGA + " We propose Fold-MGA, which folds the grid before attending. Fold-MGA is three times faster than MGA.", "Fold-MGA", True),
    # class 2: the paper's own name with its own variant, or one thing with a longer run
    ("own", "Zorbel: Small Retrievers for Long Documents",
     "We propose Zorbel, a retriever that reads documents in chunks, and its variant Zorbel-Lite for phones. Zorbel beats BM25 on four sets; Zorbel-Lite keeps 95% of its recall.", "Zorbel", True),
    ("own", "Zorbel: Small Retrievers for Long Documents",
     "We propose Zorbel, a retriever that reads documents in chunks, and its variant Zorbel-Lite for phones. Zorbel beats BM25 on four sets; Zorbel-Lite keeps 95% of its recall.", "Zorbel-Lite", True),
    ("own", "Tarnish Quokka Panel: A Survey Panel of Household Energy Use",
     "We present the Tarnish Quokka Panel (QP), a survey of 4,000 households followed for six years. QP records meter readings every month.", "Tarnish Quokka Panel", True),
    ("own", "Grained Pellow Attention for Speech Recognition",
     "We propose Pellow Attention (PA), an attention layer that pools frames by syllable, and a grained form of it, PA-G. PA-G lowers the word error rate of a Conformer by 8%.", "PA", True),
    ("own", "Grained Pellow Attention for Speech Recognition",
     "We propose Pellow Attention (PA), an attention layer that pools frames by syllable, and a grained form of it, PA-G. PA-G lowers the word error rate of a Conformer by 8%.", "PA-G", True),
]


def main() -> int:
    return run_proposed(CASES, sys.argv)


if __name__ == "__main__":
    raise SystemExit(main())
