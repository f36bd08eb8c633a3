# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What an abstract says a coined name is or does, as a model or as a method: a probe of invented abstracts.

ANNOTATION.md: a Model is a named model, family, checkpoint or architecture; a Method a technique, algorithm,
optimizer, recipe or framework. A name whose title says nothing of its kind ("X: Efficient Y via Z") is often
typed a method by the weights, though the abstract says what only a model is or does: it is the object of
training ("We train X from …", "we fine-tune X on …"), it is tuned from a base ("X is fine-tuned from Y", "X is
initialised from Y"), it runs or renders at a rate or runs on a named device ("X renders at 90 FPS", "X runs on a Jetson Orin"), or, opening a sentence, it is
trained past a clause of what it does ("X builds on Y and is trained on …"). And a definite kind or the
authors' own put before a name the rules do not mark as the paper's own ("The captioner, X, …", "our codec—X—")
types it, as it does a proposed one. The negatives: a method said to be adapted from another ("X is adapted
from Y"), a technique that tunes a model ("X fine-tunes Y"), a name inside the clause before "and was
trained" ("Our agent uses X with the Y rule and was trained …"), and a definite technique's kind ("The
schedule, X, …").

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not
appear. Prints per class how many names are found and typed right; ``-v`` lists the others. All the names
are invented.

Run::

    python benchmarks/probe_model_predicates.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("trained-object", "Wrenfall: Small Reasoners from Long Traces",
     "Small models reason poorly without long traces. We train Wrenfall from Qwen2.5-1.5B with supervised fine-tuning on 400k traces followed by GRPO. Wrenfall scores 41% on AIME 2025.",
     {"Wrenfall": "Model"}, ()),
    ("trained-object", "Sparse Spectra for Glitch Classification",
     "Detector glitches hide transient signals. We pretrain Glimmerax on unlabelled spectrograms from two observing runs and fine-tune it on 9,000 labelled glitches, where Glimmerax beats a gradient-boosted baseline.",
     {"Glimmerax": "Model"}, ()),
    ("tuned-from", "Quoll-Judge: Pairwise Evaluation in Twelve Languages",
     "Judges of model outputs are mostly English. Quoll-Judge is fine-tuned from Mistral-7B on 80k pairwise preferences in twelve languages and agrees with human raters 81% of the time.",
     {"Quoll-Judge": "Model"}, ()),
    ("tuned-from", "Bramblet: Interleaved Image and Text Generation",
     "Bramblet is initialised from Llama-2-7B, with its vocabulary extended by image tokens. On interleaved story generation Bramblet is preferred over a two-stage pipeline.",
     {"Bramblet": "Model"}, ()),
    ("rate", "Tussock: Audio-Driven Avatars with Gaussian Splats",
     "Talking avatars need lip-sync and speed. Tussock deforms Gaussian splats around a face template from audio features. On a studio dataset, Tussock renders at 80 FPS and achieves better lip-sync than prior avatars.",
     {"Tussock": "Model"}, ()),
    ("rate", "Pipitmem: Episodic Memory for Robot Policies",
     "Robot policies forget what they did minutes ago. Pipitmem adds a retrieval memory of past keyframes to a policy. On long-horizon tasks, Pipitmem raises success by 11 points. Pipitmem also runs on a real Franka arm in a kitchen.",
     {"Pipitmem": "Model"}, ()),
    ("trained-later", "Shoalcast: Coastal Flood Emulation with Graph Operators",
     "Coastal flood models are slow. Shoalcast builds on a graph neural operator and is trained on forty years of tide-gauge reanalysis. Shoalcast runs century-long rollouts in minutes.",
     {"Shoalcast": "Model"}, ()),
    ("defined-kind", "Dense Grounding for Video Captions",
     "Dense video captioning needs timestamps as well as text. We pair 80k human-annotated clips with 1M pseudo-labelled clips from HowTo100M. The captioner, FrondScribe, uses a Q-Former bridge to Vicuna-7B and beats Vid2Seq on dense captioning. FrondScribe's timestamps are within one second of the annotations.",
     {"FrondScribe": "Model"}, ()),
    ("defined-kind", "Perceptual Compression at Very Low Rates",
     "Learned codecs blur at very low rates. At 0.03 bpp on Kodak and CLIC 2020, our codec—MistLark—beats HiFiC and VVC in perceptual quality in a user study. MistLark decodes a 4K image in 80 ms, and MistLark's latents are 30% smaller than those of HiFiC.",
     {"MistLark": "Model"}, ()),
    ("method-adapted", "Fused Attention for Scene Parsing",
     "Scene parsing needs context. We propose the Fused Attention Pyramid Block (FAPB). FAPB is adapted from PSPNet's pyramid pooling to fuse the features of different levels, and improves mIoU on Cityscapes and ADE20K.",
     {"FAPB": "Method"}, ()),
    ("method-tunes", "Paged Low-Bit Optimiser States",
     "Optimiser states dominate memory. We present Quillpage, a paged low-bit optimiser. Quillpage fine-tunes a 70B model on a single 24 GB GPU.",
     {"Quillpage": "Method"}, ()),
    ("method-in-clause", "Kestrelgo: Efficient Self-Play for Go",
     "Self-play is costly. Kestrelgo selects moves with PUCT over a learned prior and was trained on 28 GPUs for 19 days, reaching the strength of a prior engine with 50 times fewer games.",
     {"PUCT": "Method"}, ()),
    ("method-kind", "Warm Restarts Revisited",
     "Learning-rate schedules matter. The schedule, Rippletune, restarts the rate at each plateau and reduces training time by 20%.",
     {"Rippletune": "Method"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
