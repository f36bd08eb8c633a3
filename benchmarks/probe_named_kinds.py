# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""The type of a name the authors give their own artifact by naming its kind: a probe of invented abstracts.

Abstracts name what they make in many turns of phrase beyond "a retrieval model called X": (1) a learned
component named by what it does ("The router, termed X", "The captioner, X, …", "a compact enhancer we name X",
"The compressor, which we refer to as X"): a model (ANNOTATION.md: a named model); (2) the kind opening the
sentence or the authors' own, its name after a comma or a dash ("The resulting controller, X, …", "our
codec—X—"); (3) "call the result X" after the sentence made a thing of a kind ("We distil it into a one-step
consistency model and call the result X"); (4) no kind named, but what only a model is said to be or do ("X is a
700M-parameter network", "X runs at 30 FPS", "X is trained on …"). Negatives: the same turns with a kind of technique or data keep
their type ("The sampler, termed X" is a method, "a corpus we call X" a data set), and an algorithm titled a
recognizer stays a method where the text says it is one; "X fine-tunes Llama-2-70B" is said of a method
of tuning as well, and leaves the type to the weights.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not be
found. Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_named_kinds.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    # class 1: a component named by what it does, then its name
    ("agent-noun", "Routing Prompts Between Two Language Models",
     "Small models answer most questions well. We train a classifier on prompt embeddings that predicts when Llama-3-8B suffices. The router, termed QuillGate, sends the rest to GPT-4o. QuillGate keeps 94% of quality at a third of the cost on MMLU.",
     {"QuillGate": "Model"}, ()),
    ("agent-noun", "Dense Video Captions with Event Boundaries",
     "We detect event boundaries and caption each event. The captioner, VorLance, is trained on ActivityNet Captions plus pseudo-labelled clips. VorLance beats Vid2Seq on YouCook2.",
     {"VorLance": "Model"}, ()),
    ("agent-noun", "Speech Enhancement with Bidirectional State Spaces",
     "Noisy speech degrades recognition. We replace the attention blocks of a denoiser with bidirectional state-space layers, yielding a compact enhancer we name Brisket-SE. On VoiceBank-DEMAND, Brisket-SE improves PESQ over CMGAN.",
     {"Brisket-SE": "Model"}, ()),
    ("agent-noun", "Prompt Compression by Token Keeping",
     "Long prompts are slow. We label each token as kept or dropped with a small encoder trained on labels distilled from GPT-4. The compressor, which we refer to as Snipwell, halves prompts on LongBench with little loss.",
     {"Snipwell": "Model"}, ()),
    ("agent-noun", "Tokenizing Proteins by Local Structure",
     "Protein language models ignore structure. We quantise local backbone geometry into discrete codes. The tokenizer, named Foldlet, feeds a decoder-only model that generates backbones on CATH.",
     {"Foldlet": "Model"}, ()),
    # class 2: a definite kind opening the sentence, or the authors' own, the name after a comma or a dash
    ("kind-opens", "Quadruped Parkour in a Day",
     "We train a locomotion policy in simulation with PPO and distil it into a vision-based student. The resulting controller, Harrowby, clears gaps twice its body length on a real Unitree Go2.",
     {"Harrowby": "Model"}, ()),
    ("kind-opens", "Low-Bitrate Image Compression with Diffusion Decoders",
     "At very low bitrates learned codecs blur. We pair an entropy-coded latent with a diffusion decoder. At 0.02 bpp on Kodak, our codec—MistWold—beats HiFiC in a user study.",
     {"MistWold": "Model"}, ()),
    ("kind-opens", "Faster Sampling for Diffusion Models",
     "Diffusion models need many steps. We derive a multistep solver of the probability-flow equation with adaptive step sizes. The sampler, termed Glissando, reaches the FID of DDIM at a quarter of the steps on ImageNet.",
     {"Glissando": "Method"}, ()),
    # class 3: "call the result X" after the sentence made a thing of a kind
    ("the-result", "One-Step Policies for Fast Robot Control",
     "Diffusion Policy acts slowly. We distil it into a one-step consistency model and call the result QuickHand. QuickHand keeps 96% of the success rate on Push-T at ten times the control rate.",
     {"QuickHand": "Model"}, ()),
    ("the-result", "Merging Preference Data Across Languages",
     "Preference data are scarce outside English. We translate, filter and deduplicate pairs from six sources into a multilingual corpus and call the result PolyPref. Reward models trained on PolyPref transfer better to Turkish.",
     {"PolyPref": "Dataset"}, ()),
    # class 4: no kind named, but what only a model is said to be or do
    ("model-predicate", "Brantwood: Genomic Sequence Modelling for Crops",
     "Crop genomes are underrepresented in genomic pretraining. Brantwood is a 700M-parameter network over 40 crop genomes. Compared with HyenaDNA, Brantwood improves expression prediction in maize.",
     {"Brantwood": "Model"}, ()),
    ("model-predicate", "FeatherSplat: Sparse-View Scene Reconstruction",
     "Per-scene optimisation is slow. FeatherSplat predicts Gaussians from two posed images in one pass. FeatherSplat runs at 30 FPS on one GPU and outperforms pixelSplat on RealEstate10K.",
     {"FeatherSplat": "Model"}, ()),
    ("model-predicate", "TernLex: Multilingual Speech Recognition with Expert Layers",
     "Multilingual recognisers suffer interference between scripts. TernLex adds language-specific experts to a Conformer encoder. TernLex is trained on Common Voice for 90 languages and lowers WER relative to Whisper.",
     {"TernLex": "Model"}, ()),
    ("model-predicate", "PageNest: Memory-Efficient Optimiser States",
     "Optimiser states dominate memory when fine-tuning. PageNest quantises Adam moments to 4 bits and pages them to CPU memory. PageNest fine-tunes Llama-2-70B on one 24 GB GPU.",
     {"PageNest": "Method"}, ()),
    # negatives: kinds of data, and an algorithm the text calls one
    ("negatives", "Remote Sensing Captions at Scale",
     "Captioned satellite imagery is rare. We pair tiles from Sentinel-2 with generated captions verified by annotators, in a corpus we call Orbitweave. Models fine-tuned on Orbitweave caption better on RSICD.",
     {"Orbitweave": "Dataset"}, ()),
    ("negatives", "Stroke Gestures with Two Templates",
     "We present Twinquill, a rotation-invariant multistroke gesture recognition algorithm that matches each gesture against two templates per class with a closed-form distance. Twinquill needs no training and recognises 98% of gestures in a user study.",
     {"Twinquill": "Method"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
