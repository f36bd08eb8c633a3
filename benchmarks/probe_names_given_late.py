# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Names the authors give late, past an object or with no verb of theirs: a probe of invented abstracts.
(1) A naming verb, an object of a few plain words, then a capitalised or coined name ("We name the deployed
student Zorbel", "We call the combined descriptor QuillPair"): proposed. (2) A name a capital or a coined word
marks among plain words ("We call it drift-gated SGD", "which we call Pollen vectors"): proposed. (3) A naming
verb joined by "and" to the authors' earlier verb ("We propose … and call the trained retriever mZorb"):
proposed. (4) A new thing of a kind, the name apposed, with no verb of the authors ("evaluated on a new
benchmark, ZorbEval, with …", "fine-tuned on a new set of 3,100 clips, HarrowSound-3K, it …"): proposed.
(6) A plain name of two or three words apposed to the kind the authors propose and closed by a clause ("we
propose a purification front end, ink thinning, that …"): proposed.
(5) What must stay unproposed: a name used after an object with no naming verb ("we train the small student
BERT-Tiny"), "and call" with no object and no "we" ("calls and call graphs from Zorbex"), a known name
apposed to a kind that is not new ("a standard benchmark, SQuAD, with …"), a word "here" after a coined
name ("called Zorb-lite here" names "Zorb-lite"). The abstracts and coined names are invented; the known names
are real.

Each case: a class, a title, an abstract, a name, whether it should be marked proposed. Prints per class how
many are marked right; ``-v`` lists every case.

Run::

    python benchmarks/probe_names_given_late.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

CASES: list[tuple[str, str, str, str, bool]] = [
    # class 1: a naming verb, an object of plain words, then the name
    ("object", "Distilling Intent Classifiers for Voice Assistants",
     "Intent classifiers on phones must answer in under 5 ms. We distil RoBERTa into a two-layer GRU with a temperature schedule. We name the deployed student Zorbel and describe how it is monitored. On ATIS and SNIPS it keeps 98% of the teacher's accuracy.",
     "Zorbel", True),
    ("object", "Fine-Grained Flower Recognition Without Part Labels",
     "Part annotations are costly. We pool VGG-16 features at two scales with an outer product. We call the combined two-scale descriptor QuillPair and show that it transfers to Oxford Flowers 102.",
     "QuillPair", True),
    # class 1b: the object modified by a known name or a count before its lower-case head
    ("modified-object", "Policy Gradients for Warehouse Picking",
     "Warehouse pickers are usually scripted. We train a picking policy with trust region policy optimisation (TRPO) in a simulated aisle and compare with DQN. We name the TRPO-trained picker Trovel; the grasp planner is a fixed heuristic. Trovel clears 12% more orders per hour.",
     "Trovel", True),
    ("modified-object", "Deep Residual Networks for Bird Song Detection",
     "Bird song detectors miss quiet calls. We stack residual blocks over log-mel frames and train on the BirdVox-full-night recordings. Deeper networks help until 40 layers. We call the 40-layer network Chirrup-40 and release its weights.",
     "Chirrup-40", True),
    ("modified-object", "Normalised Advantage Functions for Valve Turning",
     "Valve turning needs smooth torques. We compare deep deterministic policy gradients with normalised advantage functions (NAF) in MuJoCo. We call the NAF configuration ValveNAF; real hardware was not used.",
     "ValveNAF", True),
    ("modified-object", "Normalised Advantage Functions for Valve Turning",
     "Valve turning needs smooth torques. We compare deep deterministic policy gradients with normalised advantage functions (NAF) in MuJoCo. We call the NAF configuration ValveNAF; real hardware was not used.",
     "NAF", False),
    # class 1c: a filter or an ensemble the authors build, its name apposed
    ("filter-ensemble", "Learned Filters for Duplicate Detection in Log Streams",
     "Duplicate log lines waste storage. We replace the hash table with a learned filter: a small GRU scores each line and a backup hash set catches misses. The resulting filter, Dedra-LF, uses 35% less memory on the HDFS logs at equal recall.",
     "Dedra-LF", True),
    ("filter-ensemble", "Bagged Trees for Crop Yield Forecasting",
     "Yield forecasts from single trees are unstable. We bag gradient-boosted trees over weather and soil features. The ensemble, YieldBag, lowers error by 9% over one tree on county data.",
     "YieldBag", True),
    ("filter-ensemble", "Particle Filters for Indoor Tracking",
     "Indoor tracking with Wi-Fi is noisy. We compare trackers on our office traces. The standard particle filter, SIR-PF, drifts after a minute, while our smoother keeps the error under a metre.",
     "SIR-PF", False),
    ("object", "Dilated Convolutions for Tagging Code-Switched Text",
     "Code-switched posts mix two languages in one sentence. We stack dilated convolutions with a CRF layer. We name the resulting tagger Mix-DCNN and release it with a small wrapper.",
     "Mix-DCNN", True),
    # class 2: a capital or a coined word among plain words
    ("mixed", "Noise Injection for Escaping Flat Regions",
     "Gradient noise helps escape saddle points. We add isotropic noise whose scale decays with each epoch. We call it drift-gated SGD. On CIFAR-10, drift-gated SGD improves accuracy by 0.4 points.",
     "drift-gated SGD", True),
    ("mixed", "Pollen: Acoustic Embeddings for Spoken Term Search",
     "Spoken term search compares segments of speech. We train a Siamese GRU on word pairs from Switchboard. The embeddings, which we call Pollen vectors, outperform dynamic time warping on TIMIT.",
     "Pollen vectors", True),
    # class 3: a naming verb joined to the authors' earlier verb
    ("joined", "Cross-Lingual Dense Retrieval Without Parallel Data",
     "Dense retrievers need parallel queries. We propose a contrastive objective over translated pseudo-queries and call the trained retriever mZorb. Starting from XLM-R, mZorb improves nDCG@10 on Mr. TyDi.",
     "mZorb", True),
    ("joined", "Compact Speech Enhancement for Hearing Aids",
     "Hearing aids need causal enhancement. We prune a score-based enhancer to 2M parameters and name it Quillet. Quillet runs in 4 ms per frame on a phone.",
     "Quillet", True),
    # class 4: a new thing of a kind, the name apposed, no verb of the authors
    ("new-kind", "Harrow: Interleaved Image-Text Generation",
     "Harrow-7B generates interleaved stories. It is trained on MMC4 and evaluated on a new benchmark, ZorbEval, with 1,900 human-rated stories. Harrow-7B outperforms Emu2 on ZorbEval.",
     "ZorbEval", True),
    ("new-kind", "Harrowfly: Audio Event Detection for Farm Robots",
     "Harrowfly is distilled from PANNs and, fine-tuned on a new set of 3,100 stable clips, HarrowSound-3K, it detects distress calls with 0.85 F1.",
     "HarrowSound-3K", True),
    ("new-kind", "Quellar: Joint Audio-Visual Generation",
     "Quellar-XL generates clips with sound, and evaluation on VGGSound and a new synchrony benchmark, QuelSync, shows better alignment than MM-Diffusion.",
     "QuelSync", True),
    # class 6: a plain name apposed to the kind the authors propose, closed by a clause
    ("lower-apposed", "Adversarial Patches Against Handwriting Recognisers",
     "Handwriting recognisers fail under small patches. We then propose a purification front end, ink thinning, that removes 70% of successful patches at a cost of 0.3 points.",
     "ink thinning", True),
    ("lower-apposed", "Stale Statistics in Small-Batch Detection",
     "Batch statistics drift when batches are small. We propose a simple fix, frozen-prior statistics (FPS), which initialises running statistics from a pretrained backbone.",
     "frozen-prior statistics", True),
    ("not", "Debate Versus Self-Consistency for Factual Answers",
     "We propose a benchmark for debate over images, videos and audio, which tests whether agents agree.",
     "videos and audio", False),
    # class 5: what must stay unproposed
    ("not", "Distilling Intent Classifiers for Voice Assistants",
     "We distil RoBERTa into small students. We train the small student BERT-Tiny and a GRU on ATIS and SNIPS and compare them.",
     "BERT-Tiny", False),
    ("not", "Mining Call Graphs for Bug Localisation",
     "Static analysis finds bugs. Zorbex records calls and call graphs from Java projects, and DeepBugs ranks them.",
     "DeepBugs", False),
    ("not", "Quorl: Calibrated Reading Comprehension",
     "We propose Quorl, a reader that abstains when unsure. Quorl is tested on a standard benchmark, SQuAD, with 100K questions.",
     "SQuAD", False),
    ("not", "An Analysis of Distributional Heads in Deep Q-Networks",
     "We study categorical heads of C51 on Atari. We propose a scalar-target variant, called Zorb-lite here, that keeps the categorical loss.",
     "Zorb-lite here", False),
    ("here", "An Analysis of Distributional Heads in Deep Q-Networks",
     "We study categorical heads of C51 on Atari. We propose a scalar-target variant, called Zorb-lite here, that keeps the categorical loss.",
     "Zorb-lite", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
