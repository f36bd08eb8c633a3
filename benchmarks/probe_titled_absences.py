# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a title says a paper does without is not the paper's own: a probe of invented abstracts for the
``proposed`` mark.

* ``without``: a name right before "Without" or "-Free" in the title ("QuillNet Without Replay",
  "Zorbformer-Free Long Convolutions") is the prior work the paper takes something from or replaces: not
  proposed;
* ``without-neg``: the paper's own name before a colon of such a title ("Lumenor: Long Convolutions Without
  Attention"), a name the abstract gives the authors' thing with a naming cue, and the new variant the paper
  makes stay proposed.

Each case: its class, a title, an abstract, a name and whether the paper proposes it. Prints how many cases
are right per class; ``-v`` lists every case.

Run::

    python benchmarks/probe_titled_absences.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    ("without", "QuillNet Without Replay",
     "QuillNet combines six extensions of deep Q-learning, one of which is prioritised replay. We remove the replay buffer and train QuillNet online; it keeps 90% of its median score on 57 Atari games.", "QuillNet", False),
    ("without", "SorrelAttn Without Slots",
     "SorrelAttn groups pixels into a fixed number of slots. We show that the slots can be replaced by a learned clustering step and call the result Kelpmix, which matches SorrelAttn on CLEVR.", "SorrelAttn", False),
    ("without", "MarrowPrior Without Early Stopping",
     "MarrowPrior restores images with an untrained network but must be stopped early. We add a spectral penalty that removes the need to stop; results on Set5 and Set14 match the best early-stopped runs.", "MarrowPrior", False),
    ("without", "FennixConv-Free Long Convolutions",
     "Long convolutions such as FennixConv rely on implicit filters. We propose Lumenor, which replaces them with explicit decaying kernels, and train Lumenor-1.3B on the Pile.", "FennixConv", False),
    ("without", "BrackenBERT-free Retrieval: Dense Passage Encoders from Unlabelled Text",
     "Dense retrievers are often initialised from BrackenBERT. We train Ducatel from scratch with an inverse cloze task and match BrackenBERT-based encoders on BEIR.", "BrackenBERT", False),
    ("without-neg", "Lumenor: Long Convolutions Without Attention",
     "We propose Lumenor, a convolution model for long sequences that uses no attention. Lumenor matches Quarrelformer on the Pile at half the compute.", "Lumenor", True),
    ("without-neg", "QuillNet Without Replay",
     "QuillNet combines six extensions of deep Q-learning. We remove its replay buffer and call the resulting agent QuillNet-NR, which keeps 90% of the median score on 57 Atari games.", "QuillNet-NR", True),
    ("without-neg", "Pruning Speech Encoders Without Retraining",
     "We present Sievetail, a pruning method for speech encoders that needs no retraining. Sievetail removes 40% of the heads of a Conformer-L with no loss of accuracy on LibriSpeech.", "Sievetail", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
