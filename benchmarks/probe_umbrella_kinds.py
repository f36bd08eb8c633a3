# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Which kind word types a coined name: a probe of invented abstracts.

Two classes. (1) Umbrella kinds: authors call whatever they contribute "a method", "an approach" or "a
framework", an architecture as well as a procedure ("we propose a novel segmentation method, ZorbFormer", "a
new framework named Quillnet"). Such a word should not retype as a method a name whose ending marks a model's
("…Net", "…former", "…GAN") where the type model reads it as one (the rule only steps aside for the model: where
the model reads the name as a method too, as in three of the four cases here, the umbrella word's Method
stands; forcing Model there cost CV type accuracy: "StreamingLLM", "SparseGPT" are methods). Negatives: a specific technique word keeps
the name a method ("a training recipe, ZorbViT", "a quantization method, QuillFormer-Q" — "quantization" is a
technique head), a name without a model's ending keeps the umbrella word's Method ("a new framework named
Tarnwick"), and a copula naming data keeps its Dataset ("OrbitalNet is a dataset of …"). (2) Retrievers and
embedders: "our retriever, X", "X, a learned sparse retriever", "a compact embedder called X" name a learned
model (ANNOTATION.md: a named model), as encoders do; BM25, a scoring function the gazetteer knows, stays a
method.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not be
found. Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_umbrella_kinds.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    # class 1: an umbrella kind before a name with a model's ending -> the name stays a model
    ("umbrella", "Brackenformer: Improving Network Architectures for Domain-Adaptive Segmentation",
     "Segmentation models trained on synthetic scenes fail on real ones. We propose a novel adaptation method, Brackenformer. The network architecture of Brackenformer consists of a Transformer encoder and a light multi-level decoder. Brackenformer improves mIoU on Cityscapes by 6 points over DAFormer.",
     {"Brackenformer": "Model"}, ()),
    ("umbrella", "Tollnet: Hand Pose Estimation with a Split-and-Merge Network",
     "Hand pose estimators fail on rare poses. The proposed split-and-merge approach, called Tollnet, is a convolutional network that regresses joints in groups and recombines them. Tollnet lowers the error on FreiHAND by 9% with 4M parameters.",
     {"Tollnet": "Model"}, ()),
    ("umbrella", "Marrowformer: A Hybrid Convolution-Transformer Network for Image Deblurring",
     "Convolutions see locally and attention sees globally. This paper proposes Marrowformer, a hybrid framework that joins both in each stage of one network. Marrowformer beats Restormer on GoPro at half the parameters.",
     {"Marrowformer": "Model"}, ()),
    ("umbrella", "Grainnet: Region-Aware Vision Transformers for Crop Counting",
     "Counting crops from the air is slow by hand. To address this, we propose a new method called Grainnet that extends a vision transformer with a density head. Grainnet, pretrained on ImageNet-21k, halves the counting error of CSRNet on a field survey.",
     {"Grainnet": "Model"}, ()),
    # negatives: a specific technique word, no model's ending, or a copula naming data
    ("umbrella-negative", "Hollyvit: Vision Transformers Trained on ImageNet-1k Alone",
     "We revisit data-efficient training and present Hollyvit, a training recipe with simple crops and a binary loss. Trained on ImageNet-1k only, ViT-B reaches 85% top-1, above DeiT-B.",
     {"Hollyvit": "Method"}, ()),
    ("umbrella-negative", "Tarnwick: Aligning Language Models with Recommendation",
     "Language models recommend poorly without tuning. We propose a new framework named Tarnwick that tunes Llama-2-7B on a few user histories. Tarnwick beats SASRec on MovieLens-1M with 64 examples.",
     {"Tarnwick": "Method"}, ()),
    ("umbrella-negative", "OrbitalNet Is a Dataset: Ten Years of Conjunction Records",
     "Close approaches of satellites are logged but rarely shared. OrbitalNet is a dataset of 1.2 million conjunction records from ten years of tracking, with miss distances and outcomes.",
     {"OrbitalNet": "Dataset"}, ()),
    # class 2: a retriever or an embedder is a model
    ("retriever", "Sparse Retrieval with Query Expansion Traces",
     "Lexical retrieval misses paraphrases. We propose Kestrelix, a learned sparse retriever that adds expansion terms from a reasoning trace. Kestrelix beats BM25 on BEIR by 4 points.",
     {"Kestrelix": "Model", "BM25": "Method"}, ()),
    ("retriever", "Unsupervised Passage Retrieval at Scale",
     "Dense retrieval needs labels. Without any labelled data our retriever, Pondwise, beats BM25 on 11 of 18 BEIR datasets. Pondwise is trained on cropped spans of web text.",
     {"Pondwise": "Model"}, ()),
    ("retriever", "Bramblex: Instruction-Aware Knowledge Retrievers",
     "Retrievers ignore the instructions users give. We train Bramblex on mixed instruction data over text, tables and graphs. Bramblex improves nDCG@10 on BEIR and on a new instruction set.",
     {"Bramblex": "Model"}, ()),
    ("retriever", "One Embedder for Many Tasks",
     "Text embeddings are tuned per task. We build a compact embedder called Thistlemb that reads a task instruction with each text. Thistlemb leads MTEB among models of its size.",
     {"Thistlemb": "Model"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
