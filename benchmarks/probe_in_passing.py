# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a paper proposes, when the abstract names something once in passing: a probe of invented abstracts for
the ``proposed`` mark. (1) A name the abstract gives once, past its opening sentences, right after a word of use
or comparison ("tracked with Kestrix", "4 points over Morrow-ViT", "following the Tavlin recipe", "on the
Harnwick open samples"), or before the paper's own name in its sentence ("LevelKV on Terrafs completes …"), in
an abstract that brings in a name of its own: someone else's tool, baseline or data, not proposed. (2) Beside them, what the paper does bring in stays proposed: its own name, a size of it
named once late after such a word ("with Zorbel-L"), and a name the authors release as ("released as
Quorvane-Chat"). All names are invented.

Each case: a title, an abstract, a name, whether the paper proposes it, and names that must not be marked
proposed. Prints how many cases are right per class; ``-v`` lists every case.

Run::

    python benchmarks/probe_in_passing.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: named once, late, after a word of use or comparison: not proposed
    ("passing", "Dorvel: Native-Resolution Vision Encoders for Charts",
     "Charts lose detail when resized. We train a ViT-L/14 encoder that processes images at their native aspect ratio, following the NaVoT recipe, and interpolate rotary embeddings in two dimensions. Dorvel improves chart question answering by 6 points.", "NaVoT", False),
    ("passing", "Varnolt: Revisiting Memory Attention for Long-Form Video Understanding",
     "Long videos exceed the context of current video models. Varnolt compresses past clips into a small memory and attends to it with divided attention. Pre-trained with masked objectives on 2 million clips, Varnolt reaches 84.1% top-1 accuracy on Kinetics-400 and improves long-form understanding by 4.2 points over MeMoViT.", "MeMoViT", False),
    ("passing", "Tarnwell: Skew-Resilient Parallel Joins on Clusters",
     "Skewed keys slow down parallel joins on shared-nothing clusters. Tarnwell splits heavy keys adaptively at run time. We implemented Tarnwell in a cluster of 40 machines and compare it with the default hash join, with the skew handling of a dataflow system, and with SkewMend.", "SkewMend", False),
    ("passing", "Quillmark: A Multi-Season LiDAR Dataset for Forest Robotics",
     "Forests are hard for robots to map. We release Quillmark, 40 hours of LiDAR and camera data from three forests across four seasons. We benchmark LiDAR odometry with KESS-ICP and FAST-LOAM, and place recognition with ScanMatch.", "KESS-ICP", False),
    ("passing", "Fennot: Lifetime-Aware Memory Allocation with Learned Lifetimes",
     "Allocators ignore how long objects live. Fennot places objects by their predicted lifetime, learned from stack traces. Replacing the placement of TCAlloc in a search backend, Fennot reduces the memory footprint by 14% with no increase in CPU time.", "TCAlloc", False),
    ("passing", "Argomesh: Sparse Networks for Neutrino Event Reconstruction",
     "Liquid argon detectors record sparse tracks. Argomesh is a sparse convolutional network for event classification. On simulated events from the MicroBeeNE open samples, Argomesh identifies electron neutrinos with 89% efficiency.", "MicroBeeNE", False),
    ("passing", "Soft Planning Layers for Visuomotor Learning",
     "We propose Soft Plan, a differentiable planning layer. Soft Plan is trained end to end from pixels. On a real block-pushing setup with a UR7 arm, Soft Plan needs 4x fewer demonstrations than a convolutional policy.", "UR7", False),
    # class 1b: named once, late, before the paper's own name in its sentence: what the paper's thing runs on
    ("before-own", "Terrafs: A Persistent-Memory File System with Per-File Consistency",
     "Persistent memory file systems force one consistency level on all files. Terrafs lets each file choose its level and logs metadata only where needed. Terrafs is built into the kernel. Its appends take 2 microseconds. LevelKV on Terrafs completes the fillrandom workload 1.6x faster than on NOVA.", "LevelKV", False),
    ("before-own", "Brieflow: Lifetime-Aware Memory Allocation",
     "Allocators ignore how long objects live. Brieflow learns object lifetimes from stack traces. Brieflow needs no program changes. Replacing TCAlloc's placement in a search backend, Brieflow reduces memory footprint by 14%.", "TCAlloc", False),
    ("before-own", "Moravine: A One-Sided RDMA Key-Value Store",
     "Key-value stores spend CPU on every request. Moravine serves gets with one-sided reads and adapts its index to the workload. Moravine needs no server threads. On a cluster with 100 Gb/s RoXE NICs, Moravine serves 83 million gets per second.", "RoXE", False),
    # class 2: the paper's own names stay proposed
    ("own", "Zorbel: Efficient Backbones for Mobile Vision",
     "Mobile vision needs small backbones. We introduce Zorbel, a family of convolutional backbones with shifted windows. Zorbel trains in a day on eight GPUs. The largest model reaches 82% on ImageNet with Zorbel-L at 4 ms latency.", "Zorbel-L", True),
    ("own", "Zorbel: Efficient Backbones for Mobile Vision",
     "Mobile vision needs small backbones. We introduce Zorbel, a family of convolutional backbones with shifted windows. Zorbel trains in a day on eight GPUs. The largest model reaches 82% on ImageNet with Zorbel-L at 4 ms latency.", "Zorbel", True),
    ("own", "Quorvane: Open Chat Models for Low-Resource Languages",
     "Chat models serve few languages well. We present Quorvane, a family of open models trained on 40 languages. Quorvane uses a balanced tokeniser. After alignment the model is released as Quorvane-Chat.", "Quorvane-Chat", True),
    ("own", "Varnolt: Long-Form Video Understanding with Compressed Memories",
     "Long videos exceed the context of current video models. We present Varnolt, a video transformer that compresses past clips into a small memory. Varnolt is pre-trained on 2 million clips with a masked objective. It reaches 84.1% top-1 accuracy on Kinetics-400 at half the cost of earlier models. On long-form benchmarks it improves by 3.8 points over Morrow-ViT.", "Varnolt", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
