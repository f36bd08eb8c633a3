# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Methods named after a person, written with a possessive or a lower-case word before their head: a probe of
invented abstracts. "Quarnby's algorithm", "Castorides' algorithm", "the Drummel-Ostrava graph colouring",
"Fenwright trace estimator": a surname, then the kind of technique. The surname alone, which the capitalised
proposers offer, is not the name; the whole phrase is. Negatives: a person's or a place's name that is no
technique ("Tobbin's team", "the Mardale region"), an adjective ("Gaussian noise"), a capitalised word that
goes on from a longer name ("Monte Carlo sampling" holds no "Carlo sampling").

Each case: a class, a title, an abstract, the names that must be found with their type, and names that must
not appear. Prints per class how many names are right; ``-v`` lists the misses.

Run::

    python benchmarks/probe_eponym_phrases.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not appear)
CASES = [
    ("possessive", "Faster Multi-Scalar Multiplication on Elliptic Curves",
     "Multi-scalar multiplication dominates the cost of proof generation. We revisit Quarnby's algorithm and show that a bucket layout matched to the cache cuts its running time by 31% on 2^20 points.",
     {"Quarnby's algorithm": "Method"}, ["Quarnby"]),
    ("possessive", "Approximating Tours on Sparse Graphs",
     "We give a 1.4-approximation for the travelling salesman problem on planar graphs. Our analysis starts from Castorides' algorithm and replaces its matching step by a parity correction.",
     {"Castorides' algorithm": "Method"}, ["Castorides"]),
    ("possessive", "Cheaper Log-Determinants for Continuous Flows",
     "Continuous normalising flows need the trace of a Jacobian at every step. We replace Fenwright's trace estimator by a variance-reduced version and halve the training time on image data.",
     {"Fenwright's trace estimator": "Method"}, ["Fenwright"]),
    ("modified head", "Register Allocation for Tiny Cores",
     "We allocate registers for a four-register microcontroller. Compared with the Drummel-Ostrava graph colouring used by mainstream compilers, our integer program spills 40% fewer values.",
     {"Drummel-Ostrava graph colouring": "Method"}, ["Drummel-Ostrava"]),
    ("modified head", "Kernel Density Baselines for Anomaly Scores",
     "We score anomalies with a learned density. Against Pellory density estimation with a tuned bandwidth, our model raises the area under the curve from 0.81 to 0.88 on five sensor datasets.",
     {"Pellory density estimation": "Method"}, ["Pellory"]),
    ("head", "Streaming Error Correction for Archival Storage",
     "We locate faint periodic tones in archival recordings. After a Tarrow-Quist analysis of each spectrum, a small classifier flags 92% of the tones that experts marked.",
     {"Tarrow-Quist analysis": "Method"}, ["Tarrow-Quist"]),
    ("head", "Reduced Models of Channel Flow",
     "We build reduced-order models of turbulent channel flow. The equations are reduced by a Hollerin projection onto 40 modes, which keeps the energy budget within 2% of the full simulation.",
     {"Hollerin projection": "Method"}, ["Hollerin"]),
    ("head", "Tracking Drifting Sensors",
     "We track slowly drifting temperature sensors in a district heating network. A Quelmont filter with a learned noise model follows the drift and flags 94% of faulty sensors a day earlier than fixed thresholds.",
     {"Quelmont filter": "Method"}, ["Quelmont"]),
    # negatives: the shape without a technique
    ("negative", "Collaborative Annotation at Scale",
     "We describe how Tobbin's team annotated 9,000 sentences in a week. Two annotators labelled each sentence and a third resolved conflicts.",
     {}, ["Tobbin's team", "Tobbin"]),
    ("negative", "Rainfall Records of the Uplands",
     "We gather daily rainfall for the Mardale region from 1920 to 2010 and fit a trend per decade. Wet days grew more frequent after 1980.",
     {}, ["Mardale region"]),
    ("negative", "Robust Denoisers",
     "We train image denoisers under Gaussian noise and under Monte Carlo sampling noise of path tracers. The learned denoiser beats a fixed filter by 2 dB.",
     {}, ["Gaussian noise", "Carlo sampling"]),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
