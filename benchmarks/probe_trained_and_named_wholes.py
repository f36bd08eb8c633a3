# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Shapes of the authors' words that type a coined name a model, a data set or a method: a probe of invented abstracts.

ANNOTATION.md: a Model is a named model, family, checkpoint or architecture; a Method a technique, algorithm,
optimizer, recipe or framework. The weights type many coined names without a kind word a method; three shapes of
the authors' words say a model:

* the name is the object of training in the past tense or as the second verb of a clause ("We trained X, built
  on …", "We adapt Y to Z and train X on …");
* the authors name the whole they assembled "the system" ("… and decode with a CRF. We call the system X");
* the name is a distillation's student or teacher ("The student, which we call X", "name the deployed student X");

one that types it a data set: the authors name a set or a subset ("a subset we call X", "The diagnostic set,
which we name X"); and one that types it a method: the authors name a variant ("call the variant X").

The negatives: a name trained *with* ("We trained with X, an optimiser …"), a system in apposition ("X, a system
for scheduling …", a method's kind), the authors naming a method ("We call the method X").

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not
appear. Prints per class how many names are found and typed right; ``-v`` lists the others. All the names
are invented.

Run::

    python benchmarks/probe_trained_and_named_wholes.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("trained-past", "Brackenseg: Counting Orchard Trees from Drone Imagery",
     "Orchard inventories are still made by hand. We trained Brackenseg, built on PointNet++, to segment single trees in drone point clouds from 30 orchards in Spain. Brackenseg detected 91% of trees, against 78% for a watershed segmentation.",
     {"Brackenseg": "Model"}, ()),
    ("trained-second-verb", "Fulgorix: Finding Flares in Survey Light Curves",
     "Stellar flares are short and rare. We adapt a 1D convolutional classifier to survey cadences and train Fulgorix on 12,000 labelled flare events. Fulgorix recovers 94% of the flares confirmed by eye in a held-out field.",
     {"Fulgorix": "Model"}, ()),
    ("trained-past", "Mossbit: Speech Commands on Microcontrollers",
     "Keyword spotting must fit in kilobytes. We distilled a large spotter and then fine-tuned Mossbit on 35 keywords. Mossbit needs 48 KB and keeps 95.2% accuracy on Speech Commands.",
     {"Mossbit": "Model"}, ()),
    ("named-system", "Gene Mention Tagging with Dictionary Features",
     "Gene names are ambiguous. We combine dictionary matches with character n-grams in a bidirectional LSTM and decode with a CRF. We call the system Tangleweed. On a biomedical corpus Tangleweed improves F1 by 2.3 points.",
     {"Tangleweed": "Model"}, ()),
    ("named-system", "Low-Resource Translation with Shared Subwords",
     "Translation between related low-resource languages lacks parallel data. We share one subword vocabulary across four languages, pretrain a denoising encoder-decoder and add back-translation. We name the resulting system Quillbridge; it gains 4 BLEU over a pivot baseline.",
     {"Quillbridge": "Model"}, ()),
    ("student", "Pebblyn: Compact Depth from a Single Image",
     "Monocular depth models are too large for phones. We distil a large teacher into a 90M-parameter network with a scale-invariant loss. The student, which we call Pebblyn, keeps the teacher's decoder. Pebblyn runs at 40 FPS on a phone and loses 0.02 AbsRel.",
     {"Pebblyn": "Model"}, ()),
    ("student", "Corvette: Small Dialogue Models from Teacher Conversations",
     "Dialogue models are costly to serve. We distil two larger teachers on 300K dialogues filtered by a reward model and name the deployed student Corvette. Corvette matches its teachers on a human preference study.",
     {"Corvette": "Model"}, ()),
    ("named-set", "Pondcheck: Counting Objects in Rendered Scenes",
     "Vision-language models miscount small objects. We render 900 tabletop scenes with known counts. The diagnostic set, which we name Pondcheck, is released under CC-BY; counting helps proprietary models only.",
     {"Pondcheck": "Dataset"}, ()),
    ("named-set", "Tallowmere: Where Frontier Reasoning Fails",
     "Benchmarks saturate. Filtering a large exam benchmark for the questions that three frontier models all miss leaves a subset we call Tallowmere, which we release. On Tallowmere, frontier models score below 40%.",
     {"Tallowmere": "Dataset"}, ()),
    ("named-variant", "Masked Policy Optimisation for Diffusion Language Models",
     "Policy-gradient fine-tuning assumes left-to-right generation. We mask the group-relative advantage to the tokens unmasked at each denoising step, and call the variant Hushgrove. On grade-school maths, Hushgrove lifts accuracy by 9 points over supervised tuning.",
     {"Hushgrove": "Method"}, ()),
    ("trained-with", "A Curvature-Aware Optimiser for Transformers",
     "Adaptive optimisers ignore curvature. We trained with Grelloptim, an optimiser that rescales Adam's step by a running Hessian estimate. Grelloptim reaches the loss of AdamW in 30% fewer steps.",
     {"Grelloptim": "Method"}, ()),
    ("appositive-system", "Scheduling Serverless Functions Near Their Data",
     "Serverless functions move data they could run beside. We present Shalecart, a system for scheduling functions on the nodes that hold their inputs. Shalecart cuts median latency by 41% on a 64-node cluster.",
     {"Shalecart": "Method"}, ()),
    ("named-method", "Pruning Attention Heads Without Retraining",
     "Many attention heads can be removed. We rank heads by the gradient of the loss with respect to a gate and remove the lowest. We call the method Gatewhittle. Gatewhittle removes 40% of heads with a loss of 0.3 points.",
     {"Gatewhittle": "Method"}, ()),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
