# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a paper proposes beside the names its proposal sentence derives from, and the pairs its evaluation
sentence lists: a probe of invented abstracts for the ``proposed`` mark. (1) The name after "an extension of",
"a variant of", "a modification of the" in the object of the authors' verb of proposing ("we develop an
extension of the quorble message passing (QMP) framework, called …") is the earlier work the new thing is made
from, not proposed; the new thing named after it stays proposed. (2) An abbreviation pair with a coined short
form that a sentence of evaluation lists ("We evaluate Zorb across the Fennic Drone (FenD), Harbour Lanes
(HarL) … datasets") is others' data, not proposed; a coined pair the authors bring in elsewhere stays
proposed, as does one in an evaluation sentence that says it is their own ("our"). All names are invented.

Each case: a title, an abstract, a name, whether the paper proposes it. Prints how many cases are right per
class; ``-v`` lists every case.

Run::

    python benchmarks/probe_derived_and_evaluated.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

_QMP = ("From Denoisers to Sparse Recovery",
        "Sparse recovery needs a prior on the signal. How can a generic denoiser serve as that prior? In response, we develop an extension of the quorble message passing (QMP) framework, called Denoiser-guided QMP (DG-QMP), that can plug in a wide class of denoisers. DG-QMP recovers images 3 dB better than earlier solvers.")
_TAC = ("Prosody Transfer for Expressive Speech",
        "We present an extension to the VarroTron speech synthesis architecture that learns a latent embedding space of prosody. The embeddings transfer the timing and pitch of a reference recording to a new voice.")
_ML = ("Plinthset: A Multimodal Corpus for Multi-Party Emotion",
       "Emotion corpora of multi-party talk were missing. Thus, we propose the Multimodal Plinthlines Corpus (Plinthset), an extension and enhancement of Plinthlines. Plinthset holds 13,000 utterances from 1,400 dialogues with audio, video and text.")
_VAR = ("Sharper Augmentation Policies for Semi-Supervised Learning",
        "We propose AugSharp, a variant of AutoMorph that learns the policy from a small labelled set. AugSharp raises accuracy by 4 points over AutoMorph on three image benchmarks.")
_EVAL = ("Zorbtraj: Behaviour-Aware Trajectory Prediction for Driving",
         "Predicting the paths of nearby vehicles is hard. To address this, we propose a behaviour-aware trajectory prediction model (Zorbtraj) that needs no behaviour labels. We evaluate Zorbtraj across the Next Lane Simulation (NLSIM), Fennic Drone (FenD), Harbour Lanes (HarL), and Quillport Connected Driving (QuiCD) datasets, where it beats prior models.")
_OWN_PAIR = ("Dual Gates for Sequence Recommendation",
             "Sequence recommenders mix short and long interests poorly. We propose two modules, a Short-Interest Gate (ShiG) and a Long-Interest Gate (LonG), that weigh the two. Experiments on four datasets show that ShiG and LonG raise recall by 6%.")
_OUR_EVAL = ("Robust Retrieval over Noisy Indexes",
             "Dense indexes drift as documents change. We evaluate our Drift-Aware Reindexer (DrAR) on three collections against static indexes; DrAR keeps recall within 1% at a tenth of the cost.")

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: the name the authors' new thing is derived from: not proposed
    ("derived-from", *_QMP, "QMP", False),
    ("derived-from", *_QMP, "quorble message passing", False),
    ("derived-from", *_TAC, "VarroTron", False),
    ("derived-from", *_ML, "Plinthlines", False),
    ("derived-from", *_VAR, "AutoMorph", False),
    # ... the new thing stays proposed
    ("derived-own", *_QMP, "DG-QMP", True),
    ("derived-own", *_ML, "Plinthset", True),
    ("derived-own", *_VAR, "AugSharp", True),
    # class 2: coined pairs a sentence of evaluation lists: not proposed
    ("evaluated-on", *_EVAL, "FenD", False),
    ("evaluated-on", *_EVAL, "HarL", False),
    ("evaluated-on", *_EVAL, "QuiCD", False),
    # ... the authors' own pairs stay proposed
    ("evaluated-own", *_EVAL, "Zorbtraj", True),
    ("evaluated-own", *_OWN_PAIR, "ShiG", True),
    ("evaluated-own", *_OWN_PAIR, "LonG", True),
    ("evaluated-own", *_OUR_EVAL, "DrAR", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
