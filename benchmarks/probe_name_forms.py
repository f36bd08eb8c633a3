# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""One name, its forms: a probe of invented abstracts for a version written after a space
("Wombix 8", "Quolla 2.5", "Quolla v2"; not a count or a figure: "Quolla 8 times faster", "Table 2",
"in 2 stages"), a second name given in passing ("X (a.k.a. Y)", "X, also known as Y", "X (formerly Y)",
"X (or Y for short)"), a description before a variant's name in parentheses ("Hopper without its
memory (Hopper-NoMem)": no long form) and a name written with LaTeX ("$\\beta$-Drift",
"\\textsc{Quolla}"). Every name is invented.

Cases as in ``probe_forms.py``: class, title, abstract, the groups of forms that must land on one
scored entity (named by one of those given) and names no scored entity may have. Prints how many
cases of each class pass; ``-v`` lists the failures with what was found.

Run::

    python benchmarks/probe_name_forms.py [-v]
"""

from __future__ import annotations

import sys

from probe_forms import run

from graphbuild.ingest.fields import clean_text

CASES: list = [
    # (1) a version after a space is part of the name
    ("vspace", "Event Generators Compared", "Events are generated with Wombix 8 and showered with Tarnet 7; the tune of Wombix 8 is the default.",
     [(["Wombix 8"], ["Wombix 8"]), (["Tarnet 7"], ["Tarnet 7"])], ["Wombix", "Tarnet"]),
    ("vspace", "Dating Trees", "Trees are dated with BROLLA 2 under a relaxed clock and checked against BROLLA 1.10.",
     [(["BROLLA 2"], ["BROLLA 2"]), (["BROLLA 1.10"], ["BROLLA 1.10"])], []),
    ("vspace", "A Faster Retriever", "We release Quolla 3, a dense retriever. Quolla 3 improves over Quolla 2.5 on MS MARCO.",
     [(["Quolla 3"], ["Quolla 3"]), (["Quolla 2.5"], ["Quolla 2.5"])], []),
    ("vspace", "Speech Encoders", "We fine-tune Marrow v2 on LibriSpeech and compare it with Marrow v1 and wav2vec 2.0.",
     [(["Marrow v2"], ["Marrow v2"]), (["Marrow v1"], ["Marrow v1"])], []),
    ("vspace", "Protein Structure", "Structures predicted by Foldrix 3 are compared with those of Foldrix 2 on CASP15 targets.",
     [(["Foldrix 3"], ["Foldrix 3"]), (["Foldrix 2"], ["Foldrix 2"])], []),
    ("vspace", "Open Chat Models", "We evaluate Talvo 2 and Talvo 3 on MMLU and GSM8K; Talvo 3 is better on both.",
     [(["Talvo 2"], ["Talvo 2"]), (["Talvo 3"], ["Talvo 3"])], []),
    ("vspace", "Mesh Generation", "Meshes are made with Grindle 4.2 and solved with a finite volume scheme.",
     [(["Grindle 4.2"], ["Grindle 4.2"])], ["Grindle"]),
    ("vspace", "Image Tokenizers", "We propose Zephyrine 2, a tokenizer for images. Zephyrine 2 halves the code length of VQGAN on ImageNet.",
     [(["Zephyrine 2"], ["Zephyrine 2"])], []),
    ("vspace", "Metagenome Binning", "Our binner, CoverBin, recovers 18% more genomes than MetaGrind 2 and 9% more than VAMB on CAMI II.",
     [(["MetaGrind 2"], ["MetaGrind 2"])], ["MetaGrind"]),
    ("vspace", "Molecular Dynamics of Peptides", "Simulations use the AMBER ff99SB force field and the GROMIX 4 engine; VarScope 2 is used for analysis.",
     [(["GROMIX 4"], ["GROMIX 4"]), (["VarScope 2"], ["VarScope 2"])], ["GROMIX", "VarScope"]),
    # (1) negatives: a count or a figure after a name
    ("vspace_neg", "Fast Sorting on GPUs", "Our method, Quolla, is 8 times faster than radix sort. Quolla 8 times out of 10 finds the optimum, as Table 2 shows.",
     [(["Quolla"], ["Quolla"])], ["Quolla 8", "Table 2"]),
    ("vspace_neg", "Staged Training", "We train Pemberly in 2 stages on C4. Pemberly 3 of the 5 runs diverge without warm-up.",
     [(["Pemberly"], ["Pemberly"])], ["Pemberly 3", "Pemberly 2"]),
    ("vspace_neg", "Ablations", "Figure 3 compares Marnix with BERT; Marnix 10 times out of 12 is ahead, see Section 4.",
     [(["Marnix"], ["Marnix"])], ["Marnix 10", "Figure 3", "Section 4"]),
    ("vspace_neg", "Robust Retrieval", "Drevo retrieves 5 passages per query; with Drevo 20 passages are too many for T5.",
     [(["Drevo"], ["Drevo"])], ["Drevo 20"]),
    ("vspace_neg", "Fast Retrieval", "We propose QuillNet, a retriever that is 8 times faster than ColBERT. QuillNet 3 of the 5 runs converge; QuillNet 20 passages suffice.",
     [(["QuillNet"], ["QuillNet"])], ["QuillNet 8", "QuillNet 3", "QuillNet 20"]),
    ("vspace_neg", "Seeds", "We run Kalmor 5 times with different seeds on CIFAR-10 and report the mean.",
     [(["Kalmor"], ["Kalmor"])], ["Kalmor 5"]),
    # (2) a second name given in passing
    ("aka", "Compact Vision Models", "We study Pardalo (a.k.a. PardNet), a compact convolutional model, on ImageNet. PardNet is faster than ResNet-50.",
     [(["Pardalo", "PardNet"], ["Pardalo", "PardNet"])], []),
    ("aka", "Sparse Optimizers", "Our optimizer, Lunara (also known as Lunar Adam), is tested on CIFAR-100 against Adam.",
     [(["Lunara", "Lunar Adam"], ["Lunara", "Lunar Adam"])], ["Adam Lunar"]),
    ("aka", "Graph Pooling", "We build on Trevix, also known as TreeMix, and evaluate on OGB-MolHIV.",
     [(["Trevix", "TreeMix"], ["Trevix", "TreeMix"])], []),
    ("aka", "Code Models", "We fine-tune Borrin (formerly CodeBorr) on HumanEval prompts.",
     [(["Borrin", "CodeBorr"], ["Borrin", "CodeBorr"])], []),
    ("aka", "Long Context", "We introduce Hollow Window Attention (or HoWA for short), which scales to 1M tokens on PG-19.",
     [(["Hollow Window Attention", "HoWA"], ["Hollow Window Attention", "HoWA"])], []),
    ("aka", "Speech Corpora", "We release SpeakSet (aka SpeakSet-Full), a corpus of read speech, and train Whisper on it.",
     [(["SpeakSet", "SpeakSet-Full"], ["SpeakSet", "SpeakSet-Full"])], []),
    ("aka", "Segmentation", "Masklet, formerly known as MaskNet++, is compared with SAM on ADE20K.",
     [(["Masklet", "MaskNet++"], ["Masklet", "MaskNet++"])], []),
    ("aka", "Table QA", "We evaluate on TabuQA (also called TQA-2) and WikiTableQuestions.",
     [(["TabuQA", "TQA-2"], ["TabuQA", "TQA-2"])], []),
    ("aka", "Learning from Videos", "We call this pipeline Frame-to-Policy Transfer, or F2PT. With ten videos, F2PT learns to grasp on YCB objects.",
     [(["Frame-to-Policy Transfer", "F2PT"], ["Frame-to-Policy Transfer", "F2PT"])], []),
    ("aka_neg", "Optimizers Compared", "We train ResNet-50 with Adam, or SGD when memory is short, on ImageNet. BERT (or RoBERTa) is the text encoder.",
     [(["Adam"], ["Adam"]), (["BERT"], ["BERT"]), (["RoBERTa"], ["RoBERTa"])], []),
    # (3) a description before a variant name in parentheses
    ("junk_long", "Memory in Agents", "We propose Hopper, an agent with episodic memory. Hopper without its memory (Hopper-NoMem) fails on ALFWorld.",
     [(["Hopper"], ["Hopper"]), (["Hopper-NoMem"], ["Hopper-NoMem"])], ["Hopper without its memory"]),
    ("junk_long", "Label-Free Training", "We introduce Quolla, a contrastive learner. The model trained without labels (Quolla-NL) still beats SimCLR on STL-10.",
     [(["Quolla"], ["Quolla"]), (["Quolla-NL"], ["Quolla-NL"])], ["model trained without labels"]),
    ("junk_long", "Pruned Detectors", "Trimmo, a pruned detector, is tested on COCO. Trimmo with no pruning (Trimmo-Full) is the upper bound.",
     [(["Trimmo"], ["Trimmo"]), (["Trimmo-Full"], ["Trimmo-Full"])], ["Trimmo with no pruning"]),
    ("junk_long", "Ablating Retrieval", "We present Ravik. A version of Ravik trained on Wikipedia only (Ravik-W) is weaker on NQ.",
     [(["Ravik"], ["Ravik"]), (["Ravik-W"], ["Ravik-W"])], ["version of Ravik trained on Wikipedia only"]),
    ("junk_long", "Small Vision Models", "We propose Pelican Net. Pelican Net without attention (PN-NA) loses 3 points on ImageNet.",
     [(["Pelican Net"], ["Pelican Net"]), (["PN-NA"], ["PN-NA"])], ["Pelican Net without attention"]),
    # (3) positives: a true long form before its acronym stays one entity
    ("long_ok", "Sparse Mixing", "We propose Gated Sparse Mixing (GSM), a token mixer, and test it on ImageNet.",
     [(["Gated Sparse Mixing", "GSM"], ["Gated Sparse Mixing", "GSM"])], []),
    ("long_ok", "Fast Adapters", "Hollow Rank Adaptation (HoRA) is compared with LoRA on GLUE.",
     [(["Hollow Rank Adaptation", "HoRA"], ["Hollow Rank Adaptation", "HoRA"])], []),
    # (4) a name written with LaTeX in the feed
    ("latex", "$\\beta$-Drift: Stable Diffusion Sampling", "We propose $\\beta$-Drift, a sampler for diffusion models. $\\beta$-Drift halves the steps of DDIM on CIFAR-10.",
     [(["β-Drift"], ["β-Drift"])], []),
    ("latex", "Quantum Nets", "We introduce $\\text{Q}^2$-Net, a quantum-inspired network, and compare it with ResNet-18 on CIFAR-10.",
     [(["Q2-Net"], ["Q2-Net"])], []),
    ("latex", "\\textsc{Quolla}: Retrieval at Scale", "We present \\textsc{Quolla}, a retriever. \\textsc{Quolla} beats BM25 on BEIR.",
     [(["Quolla"], ["Quolla"])], []),
    ("latex", "Equivariant Models", "We propose $\\alpha$-Mixer, an equivariant layer, tested on QM9 against SchNet.",
     [(["α-Mixer"], ["α-Mixer"])], []),
]


def _read(title: str, text: str) -> tuple[str, str]:
    """The title and abstract as the reader gives them (LaTeX decoded), as a feed would."""
    return clean_text(title), clean_text(text)


def main(argv: list[str] | None = None) -> int:
    return run(CASES, argv, read=_read)


if __name__ == "__main__":
    sys.exit(main())
