# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A title that leads with a technique, an abstract that coins a name of its own: a probe of invented abstracts.

"Zorbic Hashing for Compressing Sensor Logs" with "We compress the logs with zorbic hashing … We also propose
task-aware zorbic hashing (TaZH)": the title's technique is what the paper applies, the coined name what it
proposes. The technique is not proposed where the abstract writes it in lower case only, as a common technique
phrase, and does not bring it in as the authors' own ("by proposing a …", "a novel …"). It stays proposed where
the abstract brings it in ("we propose a quillian merge network, namely QMN"), where it is written as a name in
the abstract (capitals: "Quillian Merge Networks"), where the abstract coins no other name, and where it is all
the title says before its colon. The techniques are invented.

Each check: a title, an abstract, a name and whether the paper proposes it. Prints how many checks are right;
``-v`` lists every check.

Run::

    python benchmarks/probe_title_technique_beside_coined.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

PROPOSED = [
    # the title's technique, applied in lower case, beside a coined name: not proposed; the coined one is
    ("applied", "Zorbic Hashing for Compressing Sensor Logs",
     "Sensor logs fill the storage of edge devices. We compress the logs with zorbic hashing, splitting each record into eight blocks. At ten times compression, the hashed logs lose under one point of anomaly recall. We also propose task-aware zorbic hashing (TaZH), which learns the blocks with the downstream loss and recovers the rest.",
     "zorbic hashing", False),
    ("applied", "Zorbic Hashing for Compressing Sensor Logs",
     "Sensor logs fill the storage of edge devices. We compress the logs with zorbic hashing, splitting each record into eight blocks. At ten times compression, the hashed logs lose under one point of anomaly recall. We also propose task-aware zorbic hashing (TaZH), which learns the blocks with the downstream loss and recovers the rest.",
     "task-aware zorbic hashing", True),
    ("applied", "Multi-View Quorn Learning for Enzyme Function Prediction",
     "Enzyme function labels are scarce. We train a classifier with multi-view quorn learning on sequence and structure features of 40,000 enzymes. Against single-view training it raises macro F1 by four points. We name the resulting predictor QuornEC and release it with the splits.",
     "multi-view quorn learning", False),
    ("applied", "Multi-View Quorn Learning for Enzyme Function Prediction",
     "Enzyme function labels are scarce. We train a classifier with multi-view quorn learning on sequence and structure features of 40,000 enzymes. Against single-view training it raises macro F1 by four points. We name the resulting predictor QuornEC and release it with the splits.",
     "QuornEC", True),
    ("applied", "Online Velt Factorisation for Seismic Denoising",
     "Seismic traces carry strong coherent noise. Using online velt factorisation, we learn a dictionary of noise atoms from streaming traces of a marine survey. The denoised sections gain 6 dB over band-pass filtering. We call the streaming system VeltDN and report its latency on a single CPU core.",
     "online velt factorisation", False),
    # brought in as the authors' own: stays proposed
    ("brought in", "Quillian Merge Network with Gated Attention",
     "Restoring videos needs long-range context. In this paper, we integrate both views by proposing a quillian merge network, namely QMN. QMN processes local frames in parallel within a recurrent loop and reaches the best scores on three benchmarks.",
     "QMN", True),
    ("brought in", "Zorbel Partition for Prefix-Aware Caching",
     "Serving many requests wastes memory on shared prefixes. We introduce PrefixZorb, a caching module that shares key tensors across requests. On top of it we design an efficient kernel, where a zorbel partition algorithm improves data locality. PrefixZorb speeds up decoding by three times.",
     "zorbel partition", True),
    # written as a name in the abstract, or no other name coined: the learned decision's mark stays
    ("a name", "Quillian Merge Networks for Video Restoration",
     "We present Quillian Merge Networks, which fuse frames with gated merges. We call the largest configuration QMN-L; it reaches the best scores on three restoration benchmarks.",
     "Quillian Merge Networks", True),
    ("none coined", "Velt Factorisation for Seismic Denoising",
     "Seismic traces carry strong coherent noise. We propose velt factorisation, which learns a low-rank dictionary of noise atoms from streaming traces. The denoised sections gain 6 dB over band-pass filtering.",
     "velt factorisation", True),
]


def main(argv: list[str]) -> int:
    """Print the checks of proposed marks."""
    return run_proposed(PROPOSED, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
