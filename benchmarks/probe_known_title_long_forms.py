# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Whose a known method is when its long form opens the title: a probe of invented abstracts for the ``proposed``
mark. The rules mark every mention of a long form that opens the title proposed, so the rules' guess says nothing
there of whether the abstract brings the method in. (1) The abstract defines the known method without a verb of
proposing before it ("We train a policy with proximal policy optimisation (PPO)", "Graph attention networks (GATs)
compute …", "which is closely related to conformal prediction (CP)") and coins a name of its own elsewhere: the
known method is used or studied, not proposed. (2) The abstract proposes the method it defines ("We present
Momentum Contrast (MoCo) …"), with or without a coined name beside it: proposed. The known methods are real names
(the shipped gazetteer's); the abstracts and the coined names are invented.

Each case: a title, an abstract, a name, whether the paper proposes it. Prints how many cases are right per class;
``-v`` lists every case.

Run::

    python benchmarks/probe_known_title_long_forms.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: the known method defined without a proposal, a coined name beside it: not proposed
    ("used", "Proximal Policy Optimization for Warehouse Picking Robots",
     "Picking robots are usually trained with hand-tuned rewards. We train a grasping policy with proximal policy optimization (PPO) in a simulated warehouse and transfer it to two real arms. We name the PPO-trained picker Pickwell; it grasps 91% of unseen items, against 78% for a scripted baseline.", "PPO", False),
    ("used", "Graph Attention Networks on Heterophilic Graphs",
     "Graph attention networks (GATs) compute attention scores that, we show, are nearly uniform after training on most citation graphs. Replacing the learned attention with mean aggregation changes accuracy by less than half a point. We propose a sharpness score, called Attenscope, that predicts from graph statistics when attention will matter.", "GAT", False),
    ("used", "Variational Autoencoders for Anomalous Heartbeat Detection",
     "Wearable monitors record long electrocardiograms that few clinicians read. Detectors built on variational autoencoders (VAEs) flag beats with a high reconstruction error. We add a beat-alignment front end and call the resulting detector Cardiwell; on two public arrhythmia sets it raises recall at a fixed false-alarm rate by 11 points.", "variational autoencoder", False),
    # class 2: the known method the abstract proposes: proposed
    ("own", "Momentum Contrast for Unsupervised Visual Representation Learning",
     "We present Momentum Contrast (MoCo) for unsupervised visual representation learning. From a dictionary-lookup view of contrastive learning, we build a dynamic dictionary with a queue and a moving-averaged encoder. Representations learned by MoCo transfer well to detection and segmentation.", "MoCo", True),
    ("own", "Deep Graph Infomax",
     "We present Deep Graph Infomax (DGI), an approach for learning node representations in an unsupervised manner. DGI maximises the mutual information between patch representations and summaries of graphs, both derived with graph convolutions; we call the summary function Readwell. DGI is competitive with supervised training on transductive and inductive node classification.", "Deep Graph Infomax", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
