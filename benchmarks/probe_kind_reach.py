# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""How far the readings of a name's kind reach: a probe of invented abstracts.

Three shapes the kind readings stopped short of: (1) an appositive after a long spelled-out parenthesis ("X (Labelled
Orchard Canopy Images from Drone Surveys), a test set of …") or holding a parenthesised acronym before its head ("X,
a fast Graph Neural Network (GNN) training library" is a tool's, not a model's name; "X, a Vision Transformer (ViT)
model" stays a model); (2) a plural or past copula before the naming participle ("The student models are named X",
"the resulting corpora were named X") and a kind more than four words after its article ("a lightweight two-stage
multilingual dense passage retrieval model called X"); (3) a name the authors build from ("models based off X",
"built off X") is not theirs. Negatives: the same shapes with a method's or data's kind keep that type, and a name
proposed before such a clause keeps its mark.

Each typed case: its class, a title, an abstract, the names with the type they must get, and names that must not
be found; each proposed case: its class, a title, an abstract, a name and whether it must be marked proposed.
Prints per class how many are right; ``-v`` lists every case or miss.

Run::

    python benchmarks/probe_kind_reach.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed, run_typed

TYPED: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    # class 1: an appositive past a long parenthesis, or with an acronym inside its kind
    ("long-paren", "Counting Fruit under Canopy Occlusion",
     "Fruit counting from drones fails under dense foliage. We release Orchalyn-5K (Labelled Orchard Canopy Images from Drone Surveys), a test set of 5,000 annotated images from twelve orchards. Detectors trained on MinneApple lose 30 points of recall on Orchalyn-5K.",
     {"Orchalyn-5K": "Dataset"}, ()),
    ("long-paren", "Sparse Mixtures for Tabular Forecasting",
     "Tabular forecasting needs models that scale. We introduce TABRIX (Tabular Routing In eXperts for Time Series Data), a sparse mixture-of-experts model that routes each series to two experts. TABRIX beats PatchTST on the Monash archive.",
     {"TABRIX": "Model"}, ()),
    ("long-paren", "Faster Counterfactual Estimation",
     "Counterfactual estimates are slow to compute. We present QUENLO (Quick Estimation of Nonlinear Outcomes by Resampling), an algorithm that reuses bootstrap draws across treatments. QUENLO matches the accuracy of causal forests at a tenth of the cost.",
     {"QUENLO": "Method"}, ()),
    ("acronym-in-kind", "Serving Many Adapters at Once",
     "Serving thousands of fine-tuned adapters is costly. We build Pyrelane, a high-throughput Large Language Model (LLM) serving engine that batches requests across adapters. Pyrelane triples the throughput of vLLM on a trace of chat requests.",
     {}, ("Pyrelane",)),
    ("acronym-in-kind", "Remote Sensing with Few Labels",
     "Labelled satellite imagery is scarce. We pretrain Terravex, a Vision Transformer (ViT) model with masked band reconstruction on unlabelled Sentinel-2 tiles. Terravex improves segmentation on a crop-type benchmark with 1% of the labels.",
     {"Terravex": "Model"}, ()),
    ("acronym-in-kind", "Stable Training of Deep Policies",
     "Deep policies diverge under off-policy data. We propose Quorvane, a Proximal Policy Optimization (PPO) variant regularisation method that clips the value target as well. Quorvane stabilises training on Atari and MuJoCo.",
     {"Quorvane": "Method"}, ()),
    # class 2: a plural or past copula before the naming participle, and a long kind
    ("copula", "Compact Students for Retrieval",
     "Retrieval models are slow at query time. We distil a large cross-encoder into two small bi-encoders. The student models are named Lintwhisk-S and Lintwhisk-M. Both keep 95% of the teacher's nDCG on BEIR.",
     {"Lintwhisk-S": "Model", "Lintwhisk-M": "Model"}, ()),
    ("copula", "Dialect Corpora from Radio Archives",
     "Dialect speech is rarely transcribed. We transcribe 400 hours of regional radio, and the resulting corpora were named Valkmere-North and Valkmere-South. Whisper's error rate doubles on both.",
     {"Valkmere-North": "Dataset", "Valkmere-South": "Dataset"}, ()),
    ("long-kind", "Multilingual Passage Retrieval on a Budget",
     "Multilingual retrieval needs large encoders. We train a lightweight two-stage multilingual dense passage retrieval model called Pelloran on synthetic queries in 40 languages. Pelloran matches mContriever on MIRACL at a third of its size.",
     {"Pelloran": "Model"}, ()),
    ("long-kind", "Balanced Sampling for Long-Tailed Recognition",
     "Long-tailed data starves rare classes. We describe a simple yet effective class-aware sampling method named Tessalot that redraws each batch by class frequency. Tessalot improves rare-class accuracy on iNaturalist.",
     {"Tessalot": "Method"}, ()),
]

PROPOSED: list[tuple[str, str, str, str, bool]] = [
    # (a known miss: the siblings listed after "design models based off" are still read as released; stopping
    # the release list and the proposal clause at "based off" fixed it but lowered CV proposed-precision)
    ("built-off", "Sparse Experts for Summarisation",
     "Sparse experts are unstable to train. We design models based off Kestrel-Base and Kestrel-Large to obtain faster pre-training at equal quality.",
     "Kestrel-Base", False),
    ("built-off", "Scientific Claim Verification with Small Models",
     "Claim verification needs evidence retrieval and reasoning. We design models based off T5-Base that verify claims against retrieved abstracts. They outperform larger baselines on SciFact.",
     "T5-Base", False),
    ("built-off", "Structured Pruning for Speech Encoders",
     "Speech encoders are large. We propose a pruning scheme built off HuBERT-Large that removes whole attention heads. It keeps recognition accuracy on LibriSpeech.",
     "HuBERT-Large", False),
    ("built-off", "Citation Recommendation with Graphs",
     "Citation recommendation ignores the citation graph. We propose Grellion, a recommender based off graph attention over co-citations. Grellion beats SPECTER on a new benchmark.",
     "Grellion", True),
]


def main(argv: list[str]) -> int:
    run_typed(TYPED, argv)
    return run_proposed(PROPOSED, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
