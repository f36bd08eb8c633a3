# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Names written side by side across a joining word ("and", "with", "on", "of", ...), which a capitalised run
crosses: "Quillset-10N and Brambleset-2M with TarnNet-28-10 backbones" was one spurious name instead of three,
"ZQR on Hollow Treebank" one instead of two. Where each side of every joining word is a name on its own (a
coined shape, an acronym, a name the gazetteer knows), the run is no name; the names it joins are. A score and
a metric's short name before a joining word ("72.0 QNLS on ZorbVQA") open no name either. Negatives: names that
hold a joining word between plain words ("Bag of Brambles", "Gather, Fold and Spin", "Mixture of Quill
Experts") stay whole.

Each case: a class, a title, an abstract, the names to find with their types, the names that must not appear.
The abstracts and coined names are invented (real benchmarks appear only as what a paper uses). Prints per class
how many names are found with the right type and how many unwanted names appear; ``-v`` lists the misses.

Run::

    python benchmarks/probe_names_across_joining_words.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    # names joined by "and" and "with"
    ("joined", "On the Fragility of Blendup under Noisy Labels",
     "Blendup is often recommended when labels are noisy. We test this advice on Quillset-10N and Brambleset-2M with TarnNet-28-10 and TarnNet-18 backbones. We propose GapProbe, a diagnostic that predicts when interpolation fails.",
     {"Quillset-10N": "Dataset", "Brambleset-2M": "Dataset", "TarnNet-28-10": "Model"},
     ["Quillset-10N and Brambleset-2M with TarnNet-28-10", "Brambleset-2M with TarnNet-28-10"]),
    ("joined", "Discriminators Forget Old Fakes",
     "We show that GAN discriminators forget earlier generator modes. We propose FakeVault, a replay buffer of old fakes. On CIFAR-10 and LSUN Church with StyleGAN2 and BigGAN, FakeVault lowers FID by 8%.",
     {"LSUN Church": "Dataset", "StyleGAN2": "Model", "FakeVault": "Method"},
     ["LSUN Church with StyleGAN2"]),
    # a coined acronym "on" a known benchmark
    ("joined", "Revisiting Weight Sharing in Architecture Search",
     "We evaluate ZQRS, DARTS and PLONK on Penn Treebank and CIFAR-10 against a random baseline sharing the same search space. Random search with early stopping is competitive with every method.",
     {"PLONK": "Method", "Penn Treebank": "Dataset", "CIFAR-10": "Dataset"},
     ["PLONK on Penn Treebank", "DARTS and PLONK on Penn Treebank and CIFAR-10"]),
    ("joined", "Sparse Routing for Small Vision Models",
     "We present Rivulet-S, a sparse router for small vision models. Rivulet-S trained with AdamW on ImageNet-1K and Places365 matches a dense model of twice its size.",
     {"Rivulet-S": "Model", "ImageNet-1K": "Dataset", "Places365": "Dataset"},
     ["ImageNet-1K and Places365"]),
    # a score and a metric before a joining word
    ("score", "Brindle: OCR-Free Form Understanding",
     "We present Brindle, an OCR-free document model. Brindle-Base reaches 84.1 entity F1 on FUNSD, 90.3 accuracy on CORD and 70.4 ANLS on DocVQA, above Donut by 3.2 points.",
     {"Brindle": "Model", "FUNSD": "Dataset", "CORD": "Dataset", "DocVQA": "Dataset"},
     ["70.4 ANLS on DocVQA", "CORD and 70.4 ANLS on DocVQA"]),
    ("score", "Quokka-Det: Detection Without Anchors",
     "We propose Quokka-Det, an anchor-free detector. Quokka-Det reaches 52.3 AP on COCO and 31.0 APr on LVIS with a ResNet-50 backbone.",
     {"Quokka-Det": "Model", "COCO": "Dataset", "LVIS": "Dataset"},
     ["31.0 APr on LVIS", "COCO and 31.0 APr on LVIS"]),
    # names holding a joining word between plain words stay whole
    ("whole", "Bag of Brambles: Cheap Ensembles for Tabular Data",
     "We propose Bag of Brambles (BoB), an ensembling recipe for tabular data. BoB matches gradient boosting on 20 datasets at a tenth of the cost.",
     {"Bag of Brambles": "Method"}, ["Brambles"]),
    ("whole", "Gather, Fold and Spin: End-to-End Yarn Recognition",
     "We present Gather, Fold and Spin, an end-to-end recognition model for handwritten yarn labels. Gather, Fold and Spin outperforms a CTC baseline by 12% on our new benchmark.",
     {"Gather, Fold and Spin": "Model"}, []),
    ("whole", "Mixture of Quill Experts for Multilingual Translation",
     "We introduce Mixture of Quill Experts (MoQE), which routes each language to a small expert. MoQE improves BLEU on FLORES-200 by 1.8 points over a dense Transformer.",
     {"Mixture of Quill Experts": "Method", "FLORES-200": "Dataset"}, []),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
