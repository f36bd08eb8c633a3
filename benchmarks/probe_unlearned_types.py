# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Named systems in abstracts that speak of no machine learning: a probe of invented abstracts.

A systems, networking, storage or security abstract names the systems, protocols and policies it builds on
or compares with ("compared with Brindle and QPX, …"); where the paper has no word of learning and names no
model, such a name is a method (ANNOTATION.md: a system or an algorithm is a Method), what the type model,
fitted mostly on abstracts about learning, often calls a model. The negatives: the same shapes of name in an
abstract that speaks of learning and a name shaped as a model's ("…Net", "…BERT", "BC-…Net-1"), where the
name stays a model. A title alone (a record without an abstract) that opens with a name shaped as a model's
("zorb-tts: …", "X-MoE: …") names a model; one that opens with another coined name keeps its type.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not
appear. Prints per class how many names are found and typed right (and how many unwanted names appear);
``-v`` lists the others with what was found. All the names are invented.

Run::

    python benchmarks/probe_unlearned_types.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], tuple[str, ...]]] = [
    ("systems-method", "gapdig: Explaining Flaky Tests from Execution Traces",
     "Flaky tests pass and fail on the same code. gapdig records execution traces of passing and failing runs and reports the earliest divergence. On 300 flaky tests from open-source projects, gapdig finds the right cause for 79% of tests, compared with 41% for ReFlakr's coverage-based diagnosis.",
     {"gapdig": "Method", "ReFlakr": "Method"}, ("Flaky",)),
    ("systems-method", "Harlequay: Fast Lease Recovery for Replicated Key-Value Stores",
     "Replicated key-value stores stall for seconds when a leader fails. We present Harlequay, which recovers leases in one round trip. Compared with Brindle and QPX, Harlequay cuts failover time by 8x on a 12-node cluster while keeping throughput within 3%.",
     {"Harlequay": "Method", "Brindle": "Method", "QPX": "Method"}, ("Replicated",)),
    ("systems-method", "Low-Power Routing for Campus Networks",
     "Campus networks draw constant power at night. We present LinkNap, which moves traffic onto a few links and puts the rest to sleep. Unlike GreenTreeX, LinkNap solves the problem incrementally, fast enough to run every second, and saves 38% of network energy on traces from 1,500 servers.",
     {"LinkNap": "Method", "GreenTreeX": "Method"}, ("Campus",)),
    ("systems-method", "Quillmap Layouts: Stable Hierarchy Drawings with Bounded Aspect Ratios",
     "Hierarchies drawn as nested rectangles lose their order when rectangles are made square. Quillmap Layouts place items in rows chosen by dynamic programming to minimise the worst aspect ratio while keeping order. On stock data and file system trees, Quillmap Layouts come close to squarified layouts and are more stable under updates.",
     {"Quillmap Layouts": "Method"}, ("Hierarchies",)),
    ("systems-method", "Fast Remote Memory Key-Value Stores",
     "One-sided remote memory access makes key-value lookups fast but updates slow. We cache index nodes at clients and validate them lazily. Our store serves 40 million lookups per second, 1.7x more than FaRX and 2.3x more than PilafQ.",
     {"FaRX": "Method", "PilafQ": "Method"}, ("One-sided",)),
    ("learning-model", "Flaky Test Prediction with Deep Learning",
     "We fine-tune ReFlakr, a pretrained classifier of test code, on 40,000 labelled runs and reach an F1 of 0.91, against 0.84 for FlakeGrip.",
     {"ReFlakr": "Model"}, ()),
    ("learning-model", "Predicting Leader Failures in Key-Value Stores",
     "We train a neural predictor of leader failures and compare it with Brindle, a recurrent network trained on the same traces.",
     {"Brindle": "Model"}, ()),
    ("bare-title-model", "zorb-tts: compact speech synthesis for hearing aids", "", {"zorb-tts": "Model"}, ()),
    ("bare-title-model", "Quillwort-MoE: Cheap Upcycling of Small Checkpoints", "", {"Quillwort-MoE": "Model"}, ()),
    ("bare-title-model", "fennel-asr: offline speech recognition in 20 MB", "", {"fennel-asr": "Model"}, ("MB",)),
    ("bare-title-method", "Zorbsplice: Faster Joins over Compressed Columns", "", {"Zorbsplice": "Method"}, ()),
    ("model-shaped", "Keyword Spotting on Microcontrollers",
     "We compare BC-QuillNet-1 and TarnNet on a set of spoken commands and report accuracy at 20 mW.",
     {"BC-QuillNet-1": "Model", "TarnNet": "Model"}, ()),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
