# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a coined name is, read from the agent noun the abstract gives it, or from a model's training said right
after it: a probe of invented abstracts.

ANNOTATION.md: a Model is a named model, family, checkpoint or architecture; a Method a technique, algorithm,
optimizer, recipe or framework. An abstract often says what a coined name is with a noun of what it does, an
agent noun no head noun of the lexicon covers: "X, a scene text recognizer built from …", "X is a keyword
spotter with 20K parameters", "X, a generative recommender with linear attention", "X, an MLP-only forecaster
that …": a learned component, a model. And a name compared with or reused as a trained thing, the participle
of training right after it ("compared with X trained on the same data", "than supervised X trained on the
training sets"), is a model. And every name of a list that a data set's head noun ends ("the biomedical X and Y
datasets", "the X, Y and Z pedestrian corpora") is a data set; a kind named with "this" before a
name types it as "a … called" does ("This simple recipe, which we term X"); and the kind a sentence gives its
examples types those the gazetteer does not know ("supervised models such as X and Y", "text-to-SQL systems,
including X, Y and Z"). The negatives: an appositive of a technique's kind ("X, a learning-rate scheduler
that …", "X, a sampler for …"), a procedure's agent noun the lexicon types a method ("X is a planner-free
solver"), a recipe trained with ("a ResNet trained with X"), and the data a model is trained on ("a ResNet on
Y trained with X": Y stays data), and models listed before a clause on data ("We compare X, Y and Z on eleven
datasets").

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not
appear. Prints per class how many names are found and typed right; ``-v`` lists the others. All the names
are invented.

Run::

    python benchmarks/probe_agent_kinds.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("agent-appositive", "Reading Shop Signs in the Wild",
     "Scene text in street photos is curved and blurred. We propose Cassowret, a scene text recognizer built from a small ViT encoder and a permutation decoder. Cassowret reaches 96.1% word accuracy on IIIT5K and 88.0% on IC15.",
     {"Cassowret": "Model"}, ()),
    ("agent-appositive", "Forecasting Long Horizons with Patch Mixers",
     "Long-horizon forecasting is dominated by attention models. We present Tidemarl, an MLP-only forecaster that mixes temporal patches across channels. Tidemarl lowers MSE on ETTh1 and on Weather at horizon 720.",
     {"Tidemarl": "Model"}, ()),
    ("agent-appositive", "Session Recommendation at Scale",
     "Session recommenders slow down on long histories. We introduce Gorsebill, a generative recommender with linear attention that scales to sessions of ten thousand items. Gorsebill improves Recall@20 over SASRec on two public logs.",
     {"Gorsebill": "Model"}, ()),
    ("agent-appositive", "Speech Recognition for Noisy Lecture Halls",
     "Lecture recordings are reverberant. We propose Quellwort, an audio-visual speech recogniser that fuses a Conformer audio branch with lip features. Quellwort lowers word error rate by 21% relative on a new lecture corpus.",
     {"Quellwort": "Model"}, ()),
    ("agent-copula", "Fernlet: Keyword Spotting on Microcontrollers",
     "Always-on keyword spotting must fit in kilobytes. Fernlet is a keyword spotter with 20K parameters built from depthwise-separable convolutions. Fernlet reaches 96% accuracy on Google Speech Commands.",
     {"Fernlet": "Model"}, ()),
    ("agent-copula", "Brindlewave: Low-Latency Speech for Hearing Aids",
     "Hearing aids need speech synthesis with very low latency. Brindlewave is a WaveRNN-derived vocoder with a 4 ms look-ahead, and it matches the quality of HiFi-GAN in a listening test.",
     {"Brindlewave": "Model"}, ()),
    ("trained-participle", "Registration Networks with Uncertainty",
     "We register histology to ex-vivo MRI with an implicit deformation field. Our method reduces landmark error by 18% compared with Morphwarp trained on the same data, and runs in minutes.",
     {"Morphwarp": "Model"}, ()),
    ("trained-participle", "Zero-Shot Nuclei Segmentation",
     "Supervised nuclei segmenters need labels for each stain. Our pipeline, without labels, comes within 0.05 panoptic quality of supervised NucleoStar trained on the respective training sets.",
     {"NucleoStar": "Model"}, ()),
    ("method-appositive", "Warm Restarts Without Tuning",
     "Learning-rate schedules need tuning. We propose Ebbrill, a learning-rate scheduler that reads the loss curvature, and Ebbrill matches tuned cosine schedules on ImageNet and WikiText-103.",
     {"Ebbrill": "Method"}, ()),
    ("method-appositive", "Faster Diffusion Sampling",
     "Diffusion models sample slowly. We introduce Kelpstep, a sampler for diffusion models that reuses the previous step's noise estimate. Kelpstep halves the steps on CIFAR-10 at equal FID.",
     {"Kelpstep": "Method"}, ()),
    ("method-trained-with", "Robust Training under Label Noise",
     "Label noise hurts classifiers. A ResNet-18 trained with Quillreg, our new regularizer, keeps 85% accuracy on CIFAR-10 with 40% noisy labels, above a ResNet-18 trained with mixup.",
     {"Quillreg": "Method"}, ()),
    ("listed-data", "Evidence Paths for Relation Extraction",
     "Document-level relation extraction needs reasoning across sentences. Our model, PathWren, predicts relations through learned evidence paths. On the biomedical BioKRD and ZelmRel datasets it obtains 77.1 and 85.9 F1, above a BERT baseline.",
     {"BioKRD": "Dataset", "ZelmRel": "Dataset"}, ()),
    ("listed-data", "Reward Decomposition for Crowd Navigation",
     "Robots must move through crowds politely. The approach, Sidlestep, is trained in a crowd simulator driven by trajectories from the QuorlPed, BrisaWalk and Tavey-3D pedestrian corpora, and it cuts collisions by half.",
     {"QuorlPed": "Dataset", "BrisaWalk": "Dataset", "Tavey-3D": "Dataset"}, ()),
    ("listed-models", "Tabular Deep Learning Revisited",
     "Deep models for tables keep multiplying. We compare TrellNet, QuiverTab and Tabbard-XL on eleven datasets of the OpenML suite, and find gradient-boosted trees stronger.",
     {"TrellNet": "Model"}, ()),
    ("kind-named", "Stochastic Depth for Deep Encoders",
     "Deep encoders diverge early in training. We drop whole layers at random with a depth-dependent rate. This simple recipe, which we term LayerHop-Drop, lets a 48-layer encoder train stably on WMT'16 English-Romanian.",
     {"LayerHop-Drop": "Method"}, ()),
    ("kind-named", "Encoders for Noisy Speech",
     "Speech encoders degrade in noise. This encoder, which we term Rookwave, is pretrained on 60k hours of noisy audio and lowers word error rate on CHiME-6.",
     {"Rookwave": "Model"}, ()),
    ("exemplified", "Zero-Shot Nuclei Segmentation with Promptable Models",
     "Nuclei segmentation underlies quantitative pathology, but supervised models such as HoverLynx and NucleoStar need labels for each stain. Our pipeline, PromptNuc, prompts a foundation model with stain priors and comes within 0.05 panoptic quality of them on three datasets.",
     {"HoverLynx": "Model", "NucleoStar": "Model"}, ()),
    ("exemplified", "Re-Evaluating Text-to-SQL Systems",
     "Reported text-to-SQL gains are hard to compare. We re-evaluate 14 published text-to-SQL systems, including DINO-SQL, DAIZ-SQL and CHESSBOARD, on two benchmarks with execution accuracy, and find most gains vanish under a common prompt.",
     {"DINO-SQL": "Method", "DAIZ-SQL": "Method", "CHESSBOARD": "Method"}, ()),
    ("data-trained-with", "Poisoning Federated Clients",
     "Federated learning trusts its clients. With 10% malicious clients, our attack lowers the accuracy of a ResNet-20 on Tarnish-10 trained with FedAvg from 91% to 62%.",
     {"Tarnish-10": "Dataset"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
