# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a paper proposes, when a name stands in a list beside names that are not its own: a probe of invented
abstracts for the ``proposed`` mark. (1) A name the paper makes no claim on (no title mention, no cue of
proposing, no naming), listed right beside data, baselines or techniques the paper does not propose ("We evaluate
Zorb on the Harbour Lidar (HarL), Quarry Drive (QuarD) and …", "primitives: Homomorphic Encryption (HE), Lattice
Sharing (LS), …", "on PASCAL VOC, Fennbury-3D and SIFT Flow"): of the same standing as its neighbours, not
proposed. (2) Beside them, what the paper does bring in stays proposed: its own parts listed together, even where
one of them is only just proposed ("two components: the Tarrow Pyramid Block (TPB) and the Tarrow Fusion Block
(TFB)"), a name apposed to a known one rather than listed ("hidden-unit dropout for CD, HuX-CD for short"), and a
name the authors claim in the list ("our Vellum-Q and the standard …"). All names are invented.

Each case: a title, an abstract, a name, whether the paper proposes it. Prints how many cases are right per class;
``-v`` lists every case.

Run::

    python benchmarks/probe_listed_with_others.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: listed beside names that are not the paper's, no claim on it: not proposed
    ("others", "GRIT: Goal-Aware Trajectory Forecasting for Urban Driving",
     "Forecasting where road users go is key for planning. We propose GRIT, a goal-aware trajectory forecaster that attends over lane graphs. We evaluate GRIT on the Next Generation Simulation (NGSIM), Highway Drone (HighD), Harbour Lidar Crossings (HarLC), and Quarry Drive Records (QDR) datasets, where it lowers the final displacement error by 12%.", "HarLC", False),
    ("others", "GRIT: Goal-Aware Trajectory Forecasting for Urban Driving",
     "Forecasting where road users go is key for planning. We propose GRIT, a goal-aware trajectory forecaster that attends over lane graphs. We evaluate GRIT on the Next Generation Simulation (NGSIM), Highway Drone (HighD), Harbour Lidar Crossings (HarLC), and Quarry Drive Records (QDR) datasets, where it lowers the final displacement error by 12%.", "QDR", False),
    ("others", "Characterising the Cost of Private Inference Protocols",
     "Private inference protocols combine several cryptographic primitives: Homomorphic Encryption (HE), Lattice Secret Splitting (LSS), Garbled Circuits (GC), and Oblivious Transfer (OT). We measure each primitive's share of latency and memory on three networks and find that the online phase is dominated by garbled circuits. We release Privbench, a suite of end-to-end traces.", "Lattice Secret Splitting", False),
    ("others", "Dense Prediction with Fully Strided Networks",
     "We adapt classification networks into dense predictors trained end to end. We call the resulting model Strivenet. Strivenet achieves state-of-the-art segmentation of PASCAL VOC (a 15% relative improvement), Fennbury-3D, and SIFT Flow, while inference takes a fifth of a second per image.", "Fennbury-3D", False),
    ("others", "Calloway: Cost-Aware Caching for Serverless Functions",
     "Serverless platforms evict warm containers too eagerly. We present Calloway, a cost-aware keep-alive policy learned from invocation traces. Against the fixed keep-alive of the default platform, the histogram policy, and QuillKeep, Calloway cuts cold starts by 31% at the same memory cost.", "QuillKeep", False),
    ("others", "Marlo: Uncertainty-Aware Depth Completion from Sparse Lidar",
     "Sparse lidar leaves most pixels without depth. We present Marlo, a depth completion network that predicts a per-pixel confidence and refines depth where it is low. Experiments on the KITTI depth completion benchmark, the Orchard Rows Depth (ORD) set, and NYU Depth v2 show that Marlo lowers the RMSE by 9% over the best previous method.", "ORD", False),
    ("others", "Ternwick: Scheduling Inference Batches on Shared Accelerators",
     "Inference servers share accelerators between models with different deadlines. We propose Ternwick, a scheduler that forms batches by slack. Against first-come-first-served, Earliest Slack Batching (ESB), and Clockwork, Ternwick serves 1.8x more requests within their deadlines.", "Earliest Slack Batching", False),
    # class 2: the paper's own, listed together or apposed: proposed
    ("own", "Tarrow Networks for Semantic Segmentation",
     "The non-local block is useful for segmentation but slow. In this paper, we present Tarrow Networks for semantic segmentation, which have two components: the Tarrow Pyramid Block (TPB) and the Tarrow Fusion Block (TFB). TPB samples keys with a pyramid, and TFB fuses features of two levels with it. On Cityscapes, TPB is six times faster than a non-local block.", "TFB", True),
    ("own", "Dropout-Like Regularisation for Boltzmann Machines",
     "Restricted Boltzmann machines (RBMs) trained with contrastive divergence (CD) overfit small datasets quickly. We study a regulariser that randomly zeroes hidden units during each CD-1 update and show that it behaves like an adaptive weight decay. We name the regulariser hidden-unit dropout for CD, HuX-CD for short; it also helps Gaussian-Bernoulli RBMs.", "HuX-CD", True),
    ("own", "Kelvane: Federated Active Learning under Label Skew",
     "Federated active learning suffers when clients hold skewed labels. We propose Kelvane, which consists of Skew-Specialised Sampling (SSS) and Skew-Compensating Updates (SCU). SSS samples where local and global models disagree, and SCU reweights weak classes on each client. Kelvane beats random sampling, entropy sampling and BADGE on four benchmarks.", "SCU", True),
    ("own", "Quantised Retrieval Heads for Long Contexts",
     "Retrieval heads dominate the memory of long-context models. We present Vellum, which quantises them to four bits, and its variant with shared scales, Vellum-S. On three long-context suites, Vellum, Vellum-S and the standard int8 baseline keep 99%, 98% and 97% of the accuracy.", "Vellum-S", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
