# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A known name written only as what something is likened to is still named: a probe of invented abstracts.

* a known name a hyphen joins to "-style", "-like" or "-inspired" ("Toolformer-style prompting",
  "AlphaZero-like self-play", "a Reflexion-inspired critic"), written nowhere else in the abstract, is found;
* not a known name that ends a longer hyphenated name ("Med-PaLM-style prompting": the longer name is the one
  used), nor a word in lower case ("human-like rankings"). ("-based" is left to the decision model: "Zorb-based
  models" name a kind built on a family as often as the thing.)

Each case: a title, an abstract, the names that must be found and the names that must not be (the types are
the decision model's business, not this probe's). Prints how many checks are right; ``-v`` lists every check.

Run::

    python benchmarks/probe_likened_names.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_found

CASES: list[tuple[str, str, list[str], list[str]]] = [
    ("Budgeted Tool Calls for Language Agents",
     "We propose Quillcall, a planner that prices each tool call before making it. Compared with Toolformer-style prompting, Quillcall halves the number of calls on the Dunmere tool-use suite at equal accuracy.",
     ["Quillcall", "Toolformer"], []),
    ("Self-Play Without Search Trees",
     "We introduce Brackle, an agent that learns board games without tree search. Unlike AlphaZero-like self-play, Brackle needs no simulator calls at test time and reaches 91% of the search agent's Elo on Tarnwick chess variants.",
     ["Brackle", "AlphaZero"], []),
    ("Critique Loops for Code Repair",
     "We present Mendrel, a repair agent with a Reflexion-inspired critic that rewrites failing patches. Mendrel fixes 38% of the Gorsefield bugs, 11 points more than a single pass.",
     ["Mendrel", "Reflexion"], []),
    ("Pixel Diffusion at Low Cost",
     "Pixel samplers of cascaded Imagen-like systems are slow. We propose Lumbrel, a single-stage pixel diffuser that matches their FID on the Vexmoor faces set with a third of the compute.",
     ["Lumbrel", "Imagen"], []),
    ("Compact Encoders for Legal Retrieval",
     "We propose Torvane, a retriever for statutes. Dense encoders miss cross-references; Torvane follows them and improves recall on the Kellbrook statutes set by 6 points, giving human-like rankings.",
     ["Torvane"], ["human"]),
    ("Prompting Medical Models Cheaply",
     "We propose Sorrel, a prompt compressor. Med-PaLM-style prompting of small models costs many tokens; Sorrel keeps 97% of the accuracy on the Wexford clinical questions with a fifth of them.",
     ["Sorrel"], ["PaLM"]),
]


def main(argv: list[str]) -> int:
    return run_found(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
