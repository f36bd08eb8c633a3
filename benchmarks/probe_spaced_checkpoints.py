# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Checkpoints written with spaces: a probe of invented abstracts for what the size and tuning proposers find.

* ``dashed``: a sized model and its tuned variant after a spaced double hyphen, as LaTeX writes an en dash
  ("Quorra 7B -- Instruct", "Zephyrine 2 13B -- Chat") or an en dash itself ("Quorra 7B – Chat"): the whole
  variant is a model;
* ``versioned``: a family's name, its version number and a parameter count ("Quorra 2 13B", "Brindle 3.1 8B"):
  the sized release is a model;
* ``neg``: a count after a number that is no version ("Table 3 7B" is no model, "across 5 7B models"),
  a spaced double hyphen that joins two clauses ("Quorra 7B -- a compact model"), and no tuning word after it.

Each case: a title, an abstract, the names to find with their type, and names that must not be found.

Run::

    python benchmarks/probe_spaced_checkpoints.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    ("dashed", "Quorra 7B", "We introduce Quorra 7B, a language model trained on curated web text. We also release a model tuned to follow instructions, Quorra 7B -- Instruct, that surpasses the Zephyrine 2 13B -- Chat model on human and automated benchmarks.",
     {"Quorra 7B -- Instruct": "Model", "Zephyrine 2 13B -- Chat": "Model"}),
    ("dashed", "Tuning Small Models to Chat", "We tune Brindle 3B on ten thousand dialogues. The resulting Brindle 3B – Chat beats Marlow 7B – Instruct on two chat benchmarks while using half the memory.",
     {"Brindle 3B – Chat": "Model", "Marlow 7B – Instruct": "Model"}),
    ("versioned", "Distilling Reasoning into Small Models", "We distil chains of thought from Quorra 2 70B into Brindle 3.1 8B. The student outperforms Zephyrine 1 34B on GSM8K and matches it on MATH.",
     {"Quorra 2 70B": "Model", "Brindle 3.1 8B": "Model", "Zephyrine 1 34B": "Model"}),
    ("neg", "Quantised Inference on Phones", "We quantise Quorra 7B -- a compact model -- to four bits. Across 5 7B models the loss is below one point. As Table 3 7B shows, memory halves.",
     {"Quorra 7B": "Model"}, ["Across 5 7B", "Table 3 7B", "Quorra 7B -- a"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
