# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Benchmarks named as a challenge, a track, a competition or a cup: a probe of invented abstracts for their type.

* ``named``: a name of capitalised words ending in "Challenge", "Track", "Competition" or "Cup" that the paper
  evaluates on or reports the findings of ("the Wrenfold Challenge", "TREC Quillon Track", "the Marlow Cup"):
  a data set (a benchmark with its own data and leaderboard);
* ``neg``: the word as a common noun in capitals ("Key Challenges", "Open Challenges" in a title, "Fast
  Track" at a sentence's start), or lower case ("the main challenge", "a second track"): no data set.

Each case: a title, an abstract, the names to find with their type, and names that must not be found.

Run::

    python benchmarks/probe_named_challenges.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    ("named", "Findings of the Wrenfold Challenge: Data-Efficient Pretraining",
     "The Wrenfold Challenge is a community effort to close the data-efficiency gap between children and language models. Participants train on a budget of ten million words. This year's Wrenfold Challenge shows that curricula help little.",
     {"Wrenfold Challenge": "Dataset"}),
    ("named", "Passage Ranking with Learned Sparse Codes",
     "We present Sparrow, a learned sparse retriever. Experiments on MS MARCO and the TREC Quillon Track show that Sparrow outperforms BM25 by nine points of MRR@10.",
     {"TREC Quillon Track": "Dataset"}),
    ("named", "Winning the Marlow Cup with Gradient Boosting",
     "We describe our entry to the Marlow Cup, a forecasting competition on retail demand. A blend of gradient boosted trees placed first among 400 teams.",
     {"Marlow Cup": "Dataset"}),
    ("named", "Tabular Agents for Spreadsheet Questions",
     "We evaluate Ledgerbot, a tool-using agent, on the Harrowgate Table Competition and on WikiTableQuestions, where it beats the strongest baseline by four points.",
     {"Harrowgate Table Competition": "Dataset"}),
    ("neg", "Open Challenges in Federated Recommendation",
     "Key Challenges remain in federated recommendation: the main challenge is heterogeneity, and a second track of work studies privacy. Fast Track methods trade accuracy for speed.",
     {}, ["Open Challenges", "Key Challenges", "Fast Track"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
