# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Hardware a paper runs on is no method, model or data set: a probe of invented abstracts.

* ``hardware``: a product code right before a noun of hardware ("the Quarrel Q780 FPGA", "a Brinell
  K42 microcontroller", "Tessaly T9 boards", "a Vantor DX2 DSP", "16 Ostrel Z4 CPUs") names the device the
  work ran on: it must not come out as a scored entity;
* ``hardware-neg``: the paper's own names and the methods and models it runs on that hardware are still
  found with their type, and a name the paper gives its accelerator design, said with a method's head noun
  ("the Brasswick accelerator"), stays a method.

Each case: its class, a title, an abstract, the names with the type they must get and the names that must not
be found. Prints per class how many names are found with the right type, and how many unwanted names appear;
``-v`` lists the misses.

Run::

    python benchmarks/probe_hardware_heads.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    ("hardware", "Streaming Attention on Reconfigurable Logic",
     "We propose Larkspan, a dataflow method for attention inference. Implemented on the Quarrel Q780 FPGA, Larkspan reaches 2.1x the throughput of a GPU baseline.",
     {"Larkspan": "Method"}, ["Q780", "Quarrel Q780"]),
    ("hardware", "Keyword Spotting Under One Milliwatt",
     "We train Pipitnet, a 40k-parameter convolutional network for keyword spotting, and deploy it on a Brinell K42 microcontroller, where it draws 0.8 mJ per second of audio.",
     {"Pipitnet": "Model"}, ["K42", "Brinell K42"]),
    ("hardware", "Tiny Image Classifiers for Wearables",
     "We measure latency and energy of four image classifiers on Tessaly TQ9 and TQ11 boards and introduce Moorvane, a pruning method that halves latency at equal accuracy.",
     {"Moorvane": "Method"}, ["TQ9", "TQ11", "Tessaly TQ9"]),
    ("hardware", "Audio Front-Ends on Digital Signal Processors",
     "Latency of the front-end is read from a table measured on a Vantor DX2 DSP. We propose Gullweed, a search method that finds front-ends 30% faster than hand-made ones.",
     {"Gullweed": "Method"}, ["DX2", "Vantor DX2"]),
    ("hardware", "Scaling Sparse Solvers Across Nodes",
     "We present Ternspar, a sparse solver scheduling method, and run it on 16 Ostrel Z4 CPUs and on eight Helvan H9 TPUs; Ternspar scales to 4,096 cores.",
     {"Ternspar": "Method"}, ["Z4", "Ostrel Z4", "H9", "Helvan H9"]),
    ("hardware", "Serving Long Contexts on One Accelerator",
     "We present Thistlecache, a method for caching keys and values. Thistlecache serves a 7B model with a context of one million tokens on a single Nimbra A90-80GB GPU and on the latest Vestra VQ158 FPGA.",
     {"Thistlecache": "Method"}, ["A90-80GB", "Nimbra A90-80GB", "VQ158", "Vestra VQ158"]),
    ("hardware", "Pipelined Decoding on Reconfigurable Hardware",
     "We propose Plovermesh, a pipelined decoding method, and implement it on four Kestrix Alvar U290 FPGAs, where it decodes 5x faster than a GPU.",
     {"Plovermesh": "Method"}, ["U290", "Alvar U290", "Kestrix Alvar U290"]),
    ("hardware-neg", "Brasswick: An Accelerator for Sparse Transformers",
     "We present the Brasswick accelerator, which skips zero blocks of attention. On a Quarrel Q780 FPGA, Brasswick runs Corvell-7B 3x faster than a dense design.",
     {"Brasswick": "Method", "Corvell-7B": "Model"}, ["Q780"]),
    ("hardware-neg", "Edge Deployment of Depth Estimators",
     "We distil Fenmoor-Large into Fenmoor-Tiny, a depth model that runs on Helvan H9 boards at 30 frames per second, and evaluate both on the Reedmarsh dataset.",
     {"Fenmoor-Tiny": "Model", "Reedmarsh": "Dataset"}, ["H9"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
