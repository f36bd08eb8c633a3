# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A phrase made with a name is no name: a probe of invented abstracts.

* ``made``: a capitalised phrase that ends in a hyphenated made-word ("Small BERT-style models",
  "Prior ResNet-based detectors") or opens with a name joined to how a model was started or trained
  ("A Harrow-initialised Llama-2-7B", "A Zorbset-pretrained ResNet-50") must not come out whole as a scored entity; the
  name inside it is found on its own where it is one;
* ``made-neg``: names that hold a hyphen and a made-word's letters elsewhere ("Style-Mixer", "Based-Net") and
  named methods whose first word is a hyphenated adjective ("Lookup-Free Quantization") stay found.

Each case: its class, a title, an abstract, the names with the type they must get and the names that must not
be found. Prints per class how many names are found with the right type, and how many unwanted names appear;
``-v`` lists the misses.

Run::

    python benchmarks/probe_made_phrases.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    ("made", "Carry Marks for Long Addition",
     "We propose Tallyfold, a tokenisation scheme that marks carries. Small BERT-style models with Tallyfold learn 40-digit addition from 20-digit examples, where plain tokenisers stall at 12 digits.",
     {"Tallyfold": "Method"}, ["Small BERT-style"]),
    ("made", "Anchored Retrieval over Long Contexts",
     "We propose Harrow, a landmark-token method for long-context retrieval. A Harrow-initialised Llama-2-7B, trained for only 400M tokens, inherits the landmarks and answers 31% more needle queries at 128K tokens.",
     {"Harrow": "Method"}, ["Harrow-initialised Llama-2-7B"]),
    ("made", "Pretraining Matters for Ship Detection",
     "We study Vexel-B detectors for ship detection. A Zorbset-pretrained ResNet-50, fine-tuned for 12 epochs, beats the same backbone trained from scratch by 5 AP on the Harbourline benchmark.",
     {"Harbourline": "Dataset"}, ["Zorbset-pretrained ResNet-50"]),
    ("made", "Gated Pyramids for Dense Prediction",
     "We introduce Pyrrhic, a gated feature pyramid. Prior ResNet-based detectors lose small objects; Pyrrhic recovers 4 AP on small objects of the Dunmore set.",
     {"Pyrrhic": "Model", "Dunmore": "Dataset"}, ["Prior ResNet-based"]),
    ("made-neg", "Style-Mixer: Mixing Styles for Domain Generalisation",
     "We propose Style-Mixer, a feature augmentation for domain generalisation, and Based-Net, a backbone for it. Style-Mixer improves accuracy on the Tarnfield benchmark by 3 points.",
     {"Style-Mixer": "Method", "Based-Net": "Model", "Tarnfield": "Dataset"}, []),
    ("made-neg", "Quantising Image Tokens Without a Codebook",
     "We build on Lookup-Free Quantization and propose Skerry, a tokenizer that halves the codebook's memory on the Marrowdale image set.",
     {"Lookup-Free Quantization": "Method", "Skerry": "Method"}, []),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
