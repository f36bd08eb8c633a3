# ruff: noqa: E501  (the invented titles are kept one to a line)
"""A known name before the colon of a survey's title, read alone: a probe of invented titles for ``proposed``.

* ``survey``: a name the gazetteer knows, all a title alone says before its colon, where the title calls the
  paper a survey, review, overview, tutorial or primer ("Low-Rank Adaptation: A Review for Robot Builders"), is
  what the paper reviews, not its own: not proposed;
* ``survey-neg``: a known name before the colon of a title that is no survey ("Mixup: Quieter Training of Reed
  Organ Recognisers" gives the name), and a coined name a survey's title gives its own thing, stay proposed.

Each case: its class, a title, an (empty) abstract, a name and whether the paper proposes it. Prints how many
cases are right per class; ``-v`` lists every case.

Run::

    python benchmarks/probe_survey_titles.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    ("survey", "Knowledge Distillation: A Review for Builders of Marsh Sensors", "", "knowledge distillation", False),
    ("survey", "Contrastive Learning: An Overview of Six Years of Quillwork", "", "contrastive learning", False),
    ("survey", "Curriculum Learning: A Tutorial with Fennel Examples", "", "curriculum learning", False),
    ("survey", "Graph Neural Networks: A Survey of Sorrel Applications", "", "graph neural networks", False),
    ("survey-neg", "Mixup: Quieter Training of Reed Organ Recognisers", "", "mixup", True),
    ("survey-neg", "Quillbench: A Survey Benchmark of Marsh Sensor Readings", "", "quillbench", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
