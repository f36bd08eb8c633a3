# ruff: noqa: E501  (the invented titles are kept one to a line)
"""A known name inside a longer name of a title read alone: a probe of invented titles.

A record of a library often carries its title and nothing else. Where such a title's own phrase holds a name
the gazetteer knows ("Quillbright Differential Privacy", "Thornwise Recurrent Neural Networks"), the title
names that known work too: there is no abstract to name it elsewhere (``decide._with_nested_known``).

* ``nested``: the known name inside the title's invented phrase is found, with the gazetteer's type (a name
  that is also an ordinary word, "Mamba", only as the phrase's head);
* ``nested-neg``: no known name is taken from the stem of an edition ("FastSpeech 7", "MIMIC-III"), from a part
  of a hyphened word ("Semi-Knowledge Distillation"), from inside a longer known name ("Mask R-CNN"), nor a
  name that is also an ordinary word from before the phrase's head ("Quillwork Spider Graphs").

Each case: its class, a title, an (empty) abstract, the names it must give with their types, and the
names it must not give. Prints per class how many are typed right and how many unwanted appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_nested_known_names.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("nested", "Quillbright Differential Privacy for Fennel Logs", "", {"Differential Privacy": "Method"}, []),
    ("nested", "Zorbic Knowledge Distillation for Marrow Graphs", "", {"Knowledge Distillation": "Method"}, []),
    ("nested", "Tempering Sorrel Tags with Thornwise Recurrent Neural Networks", "", {"Recurrent Neural Networks": "Model"}, []),
    ("nested", "Brackish Contrastive Collaborative Filtering", "", {"Collaborative Filtering": "Method"}, []),
    ("nested", "On Lanternwise Direct Preference Optimization for Fennel Dialogue", "", {"Direct Preference Optimization": "Method"}, []),
    ("nested", "Marrowlit Supervised Contrastive Learning for Quarry Recognition", "", {"Supervised Contrastive Learning": "Method"}, []),
    ("nested", "Thornwise Gated Mamba for Sorrel Recommendation", "", {"Mamba": "Model"}, []),
    ("nested-neg", "Quillwork Spider Graphs: Sorrel Parsing at Scale", "", {}, ["Spider"]),
    ("nested-neg", "Thornwise Otter Tracking in Marrow Rivers", "", {}, ["Otter"]),
    ("nested-neg", "FastSpeech 7: Quillwork Speech for Marrow Readers", "", {}, ["FastSpeech"]),
    ("nested-neg", "Thornwick-3 II: Sorrel Parsing at Scale", "", {}, ["Thornwick-3"]),
    ("nested-neg", "Zorbic Semi-Knowledge Distillation for Fennel Graphs", "", {}, ["Knowledge Distillation"]),
    ("nested-neg", "Brackish Anti-Differential Privacy in Marrow Logs", "", {}, ["Differential Privacy"]),
    ("nested-neg", "Forecasting Fennel Onset from MIMIC-III Notes with Quillwork Boosting", "", {}, ["MIMIC"]),
    ("nested-neg", "Mask R-CNN for Counting Quarry Pebbles", "", {}, ["R-CNN"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
