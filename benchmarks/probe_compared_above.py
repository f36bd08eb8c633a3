# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A name a result is said to be "above" is compared with, not proposed: a probe of invented abstracts.

* ``above``: "reaches 96.4% accuracy, above Zorbnet-S", "recall@1 of 98.7%, above Quillmatch": the name
  right after "above" is a baseline the paper measures itself against, not its own;
* ``above-neg``: the paper's own name after "as shown above," or after "above" plus a number stays proposed, and
  its own name elsewhere in a sentence with "above" stays proposed.

Each case: its class, a title, an abstract, the name and whether it must be marked proposed. Prints per class
how many names get the mark they should; ``-v`` lists every case.

Run::

    python benchmarks/probe_compared_above.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    ("above", "Wrenlet: Streaming Keyword Spotting with 18K Parameters",
     "We present Wrenlet, a streaming keyword spotter with 18K parameters. On a ten-keyword benchmark, Wrenlet reaches 96.1% accuracy, above Zorbnet-S at a third of its size, and runs in 1 ms per frame.", "Zorbnet-S", False),
    ("above", "Skylark-Align: Matching Aerial and Ground Views",
     "We propose Skylark-Align, a cross-view geo-localisation model trained with a hard-negative schedule. On two city benchmarks it reaches recall@1 of 97.9%, above Quillmatch, and it improves cross-area recall by 5 points.", "Quillmatch", False),
    ("above", "Hollowbeam: Exploration with Calibrated Curiosity",
     "We introduce Hollowbeam, an intrinsic reward gated by uncertainty. On a hard-exploration game, Hollowbeam scores 9,800 points, above the Brindle-RND baseline at 7,100.", "Brindle-RND", False),
    ("above", "Marrow: Zero-Shot Correspondence from Generative Features",
     "We fuse features of two frozen encoders, which we call Marrow. Marrow reaches 58.1 PCK on a keypoint benchmark without training, above Zorbfeat alone (54.2) and Quillcorr (51.0), and 84.0 PCK on Brindle-Pairs.", "Quillcorr", False),
    ("above", "Thornbill: Exploration with Calibrated Curiosity",
     "We introduce Thornbill, an intrinsic reward gated by uncertainty. On a hard-exploration game, Thornbill scores 9,800 points with PPO, above Zorb-RND's 7,100, and on GridMaze it solves the Q5R2 level 2x faster.", "Q5R2", False),
    ("above-neg", "Wrenlet: Streaming Keyword Spotting with 18K Parameters",
     "We present Wrenlet, a streaming keyword spotter with 18K parameters. On a ten-keyword benchmark, Wrenlet reaches 96.1% accuracy, above Zorbnet-S at a third of its size, and runs in 1 ms per frame.", "Wrenlet", True),
    ("above-neg", "Tamsin: Low-Rank Adapters for Speech Translation",
     "We propose Tamsin, a low-rank adapter for speech translation. As shown above, Tamsin keeps 98% of full fine-tuning quality with 1% of the parameters, and it stays above 30 BLEU on four directions.", "Tamsin", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
