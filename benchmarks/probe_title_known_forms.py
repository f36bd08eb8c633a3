# ruff: noqa: E501  (the invented titles are kept one to a line)
"""Known names written inside a title's compounds or in a title's forms, read from the title alone: a probe.

Of the titles-alone misses of the annotated papers (``eval_titles.py``), about one in six is a name the
gazetteer knows, written inside a longer title-case run, in the plural, or inside a hyphened compound. This
probe writes those shapes around invented words, so a rule for them can be measured without the papers.

* ``inner``: a known model name as the last whole word of an invented title-case run ("Thornwise Strided
  Transformer", "Structure-aware BERT"), or of a title's coined long form ("ZorbFormer: Sorrel Enhanced
  Transformer"): the known name is found beside the run (``decide._with_nested_known``; all found with the
  shipped weights; the annotated papers' misses of this shape are fold-weight misses or long forms the
  gazetteer knows itself, "Frequency Enhanced Decomposed Transformer" of FEDformer);
* ``plural``: a known kind of model in the plural, the title's subject ("Transformers in Marrow Vision: A
  Survey"): "Transformers" is also the name of a library (``generic.txt``); a title alone names the kind in the
  plural since round 37 (``GazetteerComponent._titled_plurals``), whatever the sense, so the ``neg`` case "Power
  Transformers in Marrow Grids" gives Transformer too (2 unwanted);
* ``hyphened``: a known name before a hyphen and a plural head ("Siamese BERT-Networks");
* ``inside-known``: a known name inside a longer name the gazetteer knows itself ("Vision Mamba"): one thing
  today, by design (``decide._with_nested_known``);
* ``neg``: no known name from a title that uses its word in another sense ("Power Transformers in Marrow
  Grids", "Spider Silk ..."), nor the stem of an edition ("FastSpeech 7", as ``probe_nested_known_names.py``:
  the titles-alone scorer counts "FastSpeech" inside "FastSpeech 2" as a mention, the shape nlpfix85 found
  no gain in keeping).

Each case: its class, a title, an (empty) abstract, the names it must give with their types, and the
names it must not give. Prints per class how many are typed right and how many unwanted appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_title_known_forms.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("inner", "Thornwise Strided Transformer for Sorrel Tagging", "", {"Transformer": "Model"}, []),
    ("inner", "Quillbright Gated BERT for Fennel Search", "", {"BERT": "Model"}, []),
    ("inner", "Structure-aware BERT for Marrow Table Matching", "", {"BERT": "Model"}, []),
    ("inner", "Lanternwise Sparse Mamba for Quarry Forecasting", "", {"Mamba": "Model"}, []),
    ("inner", "ZorbFormer: Sorrel Enhanced Transformer for Fennel Forecasting", "", {"Transformer": "Model", "ZorbFormer": "Model"}, []),
    ("plural", "Transformers in Marrow Vision: A Survey", "", {"Transformer": "Model"}, []),
    ("plural", "Efficient Transformers for Sorrel Parsing", "", {"Transformer": "Model"}, []),
    ("hyphened", "Fennel Embeddings using Siamese BERT-Networks", "", {"BERT": "Model"}, []),
    ("inside-known", "Vision Mamba for Sorrel Maps", "", {"Mamba": "Model"}, []),
    ("neg", "Power Transformers in Marrow Grids", "", {}, ["Transformer", "Transformers"]),
    ("neg", "Spider Silk Tension under Fennel Loads", "", {}, ["Spider"]),
    ("neg", "FastSpeech 7: Quillwork Speech for Marrow Readers", "", {}, ["FastSpeech"]),
    ("neg", "Thornwise Otter Tracking in Marrow Rivers", "", {}, ["Otter"]),
]


if __name__ == "__main__":
    raise SystemExit(run_typed(CASES, sys.argv))
