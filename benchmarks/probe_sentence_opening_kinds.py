# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A coined name's type from what the abstract calls it at a mention no proposer finds: a probe of invented abstracts.

A title names the paper's artifact before its colon ("Quarnet: Diagram-to-Code Generation with …") and the
abstract then says what it is in a sentence the name opens: "Quarnet is a vision-language model that …". A
lone capitalised word opening a sentence is no candidate of its own, so the copula there was never read and the
type came from the weights alone. The family class: a version the paper compares with its successor takes the
type the paper's words give the successor ("Grisp-3: A Graph Foundation Model …" then "Grisp-2"). The
counted-set class: a name set off after a set of counted items is data ("a new set of 4,200 clips, X,"), unless
the items are artifacts ("a set of 12 gradient-boosted models, X,"). Negatives:
what a sentence the name opens calls something else ("Tarnfly is trained with a curriculum we call …"), a name
whose sentence says no kind, and a method the paper names its models after ("Spindle-Small" trained with
"Spindle").

Each case: its class, a title, an abstract, the names with the type they must get, and names that must
not be found. Prints per class how many names are found with the right type, and how many of the
forbidden names appear; ``-v`` lists the misses.

Run::

    python benchmarks/probe_sentence_opening_kinds.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("copula-opening", "Quarnet: Diagram-to-Code Generation with Render Feedback",
     "Quarnet is a vision-language model that renders its own code and compares the result with the input. Quarnet improves over BaseTikz on two test sets.",
     {"Quarnet": "Model"}, ()),
    ("copula-opening", "Loomis: Bone Age Assessment with Weak Labels",
     "Loomis is a convolutional network trained on hand radiographs with labels read from reports. On two hospital cohorts Loomis lowers the mean absolute error by 1.4 months.",
     {"Loomis": "Model"}, ()),
    ("copula-opening", "Pellmark: Multi-Hop Question Answering over Tax Codes",
     "Pellmark is a benchmark of 4,100 questions that need three or more provisions of a tax code to answer. Retrieval-augmented models answer under half of them.",
     {"Pellmark": "Dataset"}, ()),
    ("copula-opening", "Trovane: Faster Sparse Attention for Long Sequences",
     "Trovane is an algorithm that picks the keys each query attends to by hashing. Trovane halves the memory of attention at 64k tokens.",
     {"Trovane": "Method"}, ()),
    ("copula-opening", "Skerrit: Ship Detection in SAR Imagery with Rotated Boxes",
     "Skerrit, a single-stage detector with rotated anchors, finds ships in crowded harbours. Skerrit improves AP by 3.2 points.",
     {"Skerrit": "Model"}, ()),
    ("copula-agent-noun", "Drabble: Amphibious Locomotion from Mixed-Terrain Simulation",
     "Drabble is a locomotion controller for a legged robot crossing sand and mud, trained with PPO in simulation. Drabble transfers to hardware without tuning.",
     {"Drabble": "Model", "PPO": "Method"}, ()),
    ("copula-agent-noun", "Krennet: Multilingual Speech Units for Spoken Language Models",
     "Krennet is a residual vector quantised tokenizer trained on 90k hours of speech. Krennet lowers the word error rate of resynthesised speech by 22%.",
     {"Krennet": "Model"}, ()),
    ("version-family", "Grisp-3: A Graph Foundation Model Pretrained on Billions of Edges",
     "Grisp-3 is the third release of our graph foundation model. Grisp-2 was limited to citation graphs; Grisp-3 adds a positional encoding and improves over Grisp-2 by 6 points.",
     {"Grisp-3": "Model", "Grisp-2": "Model"}, ()),
    ("version-family", "Vantle-2: A Benchmark of Harder Chart Questions",
     "Vantle-2 extends Vantle-1 with 3,000 questions over multi-panel charts. Models that saturate Vantle-1 score under 40% on Vantle-2.",
     {"Vantle-2": "Dataset"}, ()),
    ("counted-set", "Corvex-Net: Lightweight Audio Event Detection for Farm Robots",
     "Distilled from PANNs on AudioSet and fine-tuned on a new set of 4,200 barnyard clips, BarnAudio-4K, it detects distress calls with 0.87 F1.",
     {"BarnAudio-4K": "Dataset", "AudioSet": "Dataset"}, ()),
    ("counted-set", "Wading Bird Calls in Coastal Marshes",
     "We annotate a collection of 12k field recordings, MarshCalls, and train a small detector on it. The detector reaches 0.8 AP.",
     {"MarshCalls": "Dataset"}, ()),
    ("counted-set", "Cheap Ensembles for Tabular Data",
     "We distil a set of 12 gradient-boosted models, TabFlock, into one network that matches their accuracy.",
     {"TabFlock": "Model"}, ()),
    # negatives: a sentence the name opens that calls something else; no kind said; a base name of another type
    ("not-its-kind", "Tarnfly: Curriculum Training for Small Reasoners",
     "Tarnfly is trained with a curriculum we call easy-first sampling and reaches 61% on GSM8K. We compare Tarnfly with a baseline of the same size.",
     {"GSM8K": "Dataset"}, ()),
    ("base-name-apart", "Spindle: Pretraining Encoders with Replaced Span Detection",
     "We propose Spindle, a pretraining objective that detects replaced spans. Encoders trained with it, Spindle-Small and Spindle-Large, outperform ELECTRA on GLUE.",
     {"Spindle": "Method", "Spindle-Small": "Model", "Spindle-Large": "Model"}, ()),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
