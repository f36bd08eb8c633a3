# ruff: noqa: E501  (the invented titles are kept one to a line)
"""A generic word for a kind of model in a title read alone: a probe of invented titles.

A record of a library often carries its title and nothing else. A generic word for a kind of model
("Transformer", "Graph Neural Networks", "CNN": the first part of ``graphbuild/data/generic.txt``) that such
a title writes is the one mention there is, and ANNOTATION.md lists it where the paper studies or uses it.

* ``generic``: the generic word in a title without an abstract is found, typed Model;
* ``generic-neg``: the invented title phrases around it ("Quasar Forecasting", "Marrowlight Scheduling") are
  not found as methods, models or data sets at the generic word's lower bar.

Each case: its class, a title, an (empty) abstract, the names it must give with their types, and the
names it must not give. Prints per class how many are typed right and how many unwanted appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_title_generic_models.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("generic", "Widening the Memory Window of Transformer on Quasar Forecasting", "", {"Transformer": "Model"}, ["Quasar Forecasting"]),
    ("generic", "Thornwick: Efficient Transformer Training over Many Accelerators Using Marrowlight Scheduling", "", {"Transformer": "Model"}, ["Marrowlight Scheduling"]),
    ("generic", "A Gentle Survey on Graph Neural Networks for Fennel Chemistry", "", {"Graph Neural Networks": "Model"}, ["Fennel Chemistry"]),
    ("generic", "Pruning the Heads of Transformer for Sorrel Parsing", "", {"Transformer": "Model"}, ["Sorrel Parsing"]),
    ("generic", "When Do Graph Neural Networks Forget Their Neighbours?", "", {"Graph Neural Networks": "Model"}, []),
    ("generic-neg", "Dimming the Lanterns of Quarry Search with Brackish Retrieval", "", {}, ["Quarry Search", "Brackish Retrieval"]),
    ("generic-neg", "Towards Gentle Quillwork Estimation in Dim Rooms", "", {}, ["Gentle Quillwork Estimation", "Dim Rooms"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
