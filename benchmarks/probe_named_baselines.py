# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A name with a capital the paper measures itself against as "the X baseline" is a model's: a probe of invented
abstracts.

* ``baseline``: a name the gazetteer does not know, right before "baseline(s)" ("above the Quarn-SLU baseline", "a
  Tessick baseline"), that the type model would call a method, is typed Model;
* ``baseline-neg``: a known name before "baseline" keeps its type ("a PPO baseline": a method).

(A plain word written once, "a Tessick baseline", is not found at all: the probe counts it, the rule cannot help.)

Each case: its class, a title, an abstract, the names with the type they must get and the names that must not
be found. Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_named_baselines.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    ("baseline", "Spoken Intents Without Transcripts",
     "We propose Wendle, an end-to-end spoken language understanding model. Wendle reaches 88.4% intent accuracy on the Harlow commands set, above the Quarn-SLU baseline by 2.7 points.",
     {"Quarn-SLU": "Model"}),
    ("baseline", "Downscaling Winds with Diffusion",
     "We train Gustwell, a generative downscaler for regional wind fields. Gustwell outperforms bicubic interpolation and a Tessick baseline on wind speed while being faster.",
     {"Tessick": "Model"}),
    ("baseline", "Small Animals in Camera Traps",
     "We present Burrowcam, a detector for small animals in camera-trap images. Burrowcam improves recall by 9 points, and the FernSpotter baseline misses twice as many small animals.",
     {"FernSpotter": "Model"}),
    ("baseline-neg", "Safe Exploration with Shields",
     "We propose Palisade, a shield for reinforcement learning agents. Palisade lowers the fall rate from 23% to 4% compared with a PPO baseline trained without it.",
     {"PPO": "Method"}),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
