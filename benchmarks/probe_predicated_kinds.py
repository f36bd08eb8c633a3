# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""The type the sentence gives a name whose form says another: a probe of invented abstracts.

A name shaped like a model's ("…Net", "ViT-…") may be a data set or a schedule, and the sentence says which:
(1) a copula after the name ("OrbNet is a dataset of …", "Quell-ViT Is Not a Model but a Schedule: …", "Sallow
Is a Loss: …"); (2) a compound kind in apposition or after a title's colon, whose head is its last noun ("X, a
training corpus of …" is data, "X: A Model Merging Recipe for …" a method, "X, a network pruning method" a
method); (3) a collection of models ("X, a suite of sparse autoencoders trained on …"): models; (4) a set named by
its use ("X, a test set of …") and a title's question before a subtitle ("X: Do Models Count? A Benchmark"):
data; (5) "X, a variant whose …" names no kind (the weights decide). Negatives: the
same turns with the kind of a model keep it ("Brantle is a 3B model", "X, a retrieval model trained …"), a
negated kind alone gives none, and a copula not after the name ("the baseline is a ResNet") types nothing.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not be
found. Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_predicated_kinds.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    # class 1: a copula defining the name
    ("copula", "OrbNet Is a Dataset: Eight Years of Bridge Strain Records",
     "OrbNet is a dataset of 1.2 million strain readings from 40 instrumented bridges, split by year. Baselines include XGBoost and an LSTM; the LSTM is best on the held-out year.",
     {"OrbNet": "Dataset", "LSTM": "Model"}, ()),
    ("copula", "Quell-ViT Is Not a Model but a Schedule: Growing Patch Sizes During Training",
     "We propose Quell-ViT, which grows the patch size of a vision transformer during training. Applied to ViT-B/16 on ImageNet-1k, Quell-ViT saves 30% of compute at equal accuracy.",
     {"Quell-ViT": "Method", "ImageNet-1k": "Dataset"}, ()),
    ("copula", "Sallow Is a Loss: Contour Supervision for Monocular Depth",
     "We introduce Sallow, which compares predicted and observed object contours. Training DPT with Sallow on NYU Depth v2 lowers the error by 8%.",
     {"Sallow": "Method"}, ()),
    ("copula", "Dovetail-Net for Seismic Picking",
     "We present Dovetail-Net. Dovetail-Net is an augmentation recipe that splices synthetic arrivals into real traces. It improves PhaseNet on the STEAD benchmark.",
     {"Dovetail-Net": "Method"}, ()),
    # class 2: a compound kind, its head the last noun
    ("compound", "Pemmican: Fifty Billion Tokens of Licensed Prose",
     "Open language models are often trained on text of unclear provenance. We present Pemmican, a training corpus of 50B tokens of licensed prose in twelve languages. A 1B model trained on Pemmican matches one trained on C4.",
     {"Pemmican": "Dataset", "C4": "Dataset"}, ()),
    ("compound", "Braidwell: A Model Merging Recipe for Multilingual Experts",
     "Merging experts fine-tuned on different languages loses accuracy. Braidwell aligns their task vectors before averaging. Merging six Mistral-7B experts with Braidwell beats TIES-Merging on XNLI.",
     {"Braidwell": "Method", "XNLI": "Dataset"}, ()),
    ("compound", "Pruning Convolutional Detectors Without Retraining",
     "We introduce Snipwell, a network pruning method that scores filters by their effect on box regression. Snipwell removes 40% of the filters of a RetinaNet on COCO with no retraining.",
     {"Snipwell": "Method", "COCO": "Dataset"}, ()),
    # class 3: a collection of models
    ("collection", "Tamarind: Sparse Autoencoders for Speech Encoders",
     "We release Tamarind, a suite of sparse autoencoders trained on every layer of Whisper large-v3. Tamarind features include speaker and language detectors.",
     {"Tamarind": "Model"}, ()),
    # class 4: a set named by its use ("a test set"), a benchmark's title question before a subtitle
    ("held-out set", "Pinewick-3D: A Test Set for Referring Expressions in Indoor Scenes",
     "We release Pinewick-3D (Paired Indoor Noun-phrase Expressions With Instance Coordinates), a test set of 3,100 referring expressions in 150 held-out ScanNet scenes. On Pinewick-3D, OpenScene loses half its ScanRefer accuracy.",
     {"Pinewick-3D": "Dataset", "ScanNet": "Dataset"}, ()),
    ("held-out set", "Marmoset: Do Vision-Language Models Count Objects? A Counting Benchmark",
     "Marmoset holds 2,000 images with counted objects. We measure how often GPT-4o and Qwen2-VL count right and find both fail past ten objects.",
     {"Marmoset": "Dataset"}, ()),
    # class 5: a variant says what a name is of, not what it is
    ("variant", "Frequency Dropout for Convolutional Features",
     "We revisit spectral dropout and propose Ripplecut, a variant whose drop rate rises with frequency. Ripplecut is applied to ResNet-50 on ImageNet-1K and improves robustness on ImageNet-C over DropBlock.",
     {"Ripplecut": "Method", "ResNet-50": "Model"}, ()),
    # negatives: the kind of a model keeps it; a negated kind alone gives none
    ("negative", "Brantle: Small Models for Legal Question Answering",
     "We present Brantle. Brantle is a 3B model distilled from a larger teacher on court decisions. It beats Llama-3-8B on LegalBench.",
     {"Brantle": "Model", "LegalBench": "Dataset"}, ()),
    ("negative", "Fennimore: Dense Retrieval for Patents",
     "We introduce Fennimore, a retrieval model trained on citation pairs from patent offices. Fennimore outperforms BM25 on CLEF-IP.",
     {"Fennimore": "Model", "BM25": "Method"}, ()),
    ("negative", "Hollin: Faster Detection for Drones",
     "We propose Hollin, a detector for small objects in aerial video. Hollin is not a dataset: we evaluate it on VisDrone. The baseline is a ResNet-50 detector.",
     {"Hollin": "Model", "VisDrone": "Dataset"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
