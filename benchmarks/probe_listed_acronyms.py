# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A bare acronym listed right beside a kept name is a name of the same kind: a probe of invented abstracts.

* ``listed``: "the popular Quillflow and ZVIN methods", "such as Brindle-GCN and QTN", "than Zorbnet and
  HXQ": an acronym the model alone thinks a stray capital, listed next to a name it keeps;
* ``cited``: the same with a numbered citation after each name ("such as Brindle-GCN [31], Tarnrec [10] and
  QTN [9]");
* ``listed-neg``: an acronym listed beside a kept name that is no artifact: the heads of two tasks ("the SDZR
  and CDZR tasks"), hardware the generic list holds ("on CPU and GPU"), two places ("in NSW and ACT": the rule
  adds NSW where ACT is kept, a known cost).

Each case: its class, a title, an abstract, ``{name: type}`` that must be found and the names that must not be
found (the paper's own names are left out: the probe is about the listed acronyms). Prints per class how many names are found (with the right type) and how many unwanted ones appear;
``-v`` lists the misses.

Run::

    python benchmarks/probe_listed_acronyms.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("listed", "Skimframe: Real-Time Frame Interpolation with Coarse-to-Fine Flow",
     "We propose Skimframe, a frame interpolation network that estimates intermediate flow directly from two frames. Compared with the popular QuillFlow and ZVIN methods, Skimframe is 5 times faster and produces sharper frames on three public benchmarks.",
     {"ZVIN": "Method"}, []),
    ("listed", "Rethinking Neighbourhood Overlap for Link Prediction in Recommendation",
     "Graph neural recommenders such as Brindle-GCN and QTN have become the default for collaborative filtering. We show that a simple count of shared neighbours, which we call Overlapper, matches them on four benchmarks at a hundredth of the training cost.",
     {"QTN": "Model"}, []),
    ("listed", "Dovecote: Fair Scheduling for Multi-Tenant Accelerators",
     "We present Dovecote, a scheduler for shared accelerators that accounts for memory bandwidth. Dovecote serves jobs 2.3x faster than Tarnsched and HXQ under mixed workloads, and keeps every tenant within 5% of its fair share.",
     {"HXQ": "Method"}, []),
    ("cited", "Neighbourhood Counting Is a Strong Baseline for Collaborative Filtering",
     "Graph-based recommenders, such as Brindle-GCN [31], TarnRec [10] and QTN [9] have achieved strong results. We revisit link prediction heuristics and propose Countrec, a neighbourhood counting model that matches them on five public datasets.",
     {"QTN": "Model"}, []),
    ("cited", "Plover: Faster Session Recommendation with Frozen Encoders",
     "Session recommenders like ZQRN [4] and QuillRec [7] retrain the item encoder on every update. We propose Plover, which freezes a text encoder and trains a light session head, reaching the accuracy of both at a tenth of the cost.",
     {"ZQRN": "Model"}, []),
    ("listed-neg", "Pacewalk: Cooperative Learning between Single- and Cross-Domain Recommendation",
     "Cross-Domain Zorb Recommendation (CDZR) uses data from several domains, while Single-Domain Zorb Recommendation (SDZR) relies on one. We propose Pacewalk, a cooperative network that transfers cues between the SDZR and CDZR tasks, and reduces negative transfer on three datasets.",
     {}, ["CDZR"]),
    ("listed-neg", "Brisklane: Batched Inference for Sparse Mixture Models",
     "We present Brisklane, a batching runtime for sparse mixture-of-experts models. On CPU and GPU servers Brisklane serves 3x more requests than Quillserve and keeps latency under 50 ms.",
     {}, ["CPU", "GPU"]),
    ("listed-neg", "Thistle: Counting Sheep in Aerial Images",
     "We propose Thistle, a point-supervised counting network for livestock. Farmers in NSW and ACT collected the images, and Thistle counts flocks within 4% of manual tallies.",
     {}, ["NSW", "ACT"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
