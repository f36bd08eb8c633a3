# ruff: noqa: E501  (the invented titles are kept one to a line)
"""Names the gazetteer knows, written in a title read alone: a probe of invented titles.

A record of a library often carries its title and nothing else (BibTeX, DBLP and ACM exports). A known
name such a title writes ("... on KITTI and Cityscapes", "... from Sloan Digital Sky Survey Images", "A
Comparison of LSTM and GRU Taggers on Penn Treebank") is the one mention there is; the decision model, which
learned titles alone from annotations that list only some of the names a title writes, scores many below its
bar.

* ``known``: a known name in a title without an abstract is found with its type;
* ``known-neg``: the invented title phrases around it are not found, nor a known name's form written in
  another case by the title's capitals ("Android Apps" is no APPS), nor an ambiguous known word ("Spider").

Each case: its class, a title, an (empty) abstract, the names it must give with their types, and the
names it must not give. Prints per class how many are typed right and how many unwanted appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_titled_known_names.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("known", "Brightness Profiles of Marrow Galaxies from Sloan Digital Sky Survey Images", "", {"Sloan Digital Sky Survey": "Dataset"}, ["Marrow Galaxies", "Brightness Profiles"]),
    ("known", "Pruning Feltwing Detectors Trained on KITTI and Cityscapes", "", {"KITTI": "Dataset", "Cityscapes": "Dataset"}, ["Feltwing Detectors"]),
    ("known", "A Comparison of Quillon and GRU Taggers on Penn Treebank for Old Frisian", "", {"Penn Treebank": "Dataset"}, ["Old Frisian"]),
    ("known", "Graph Attention Networks vs. Graph Convolutional Networks on Heterophilous Citation Graphs", "", {"Graph Convolutional Networks": "Model"}, ["Heterophilous Citation Graphs"]),
    ("known", "Thornbill Ranking of Court Records with Code Llama and Ridge Regression", "", {"Code Llama": "Model", "ridge regression": "Method"}, ["Thornbill Ranking", "Court Records"]),
    ("known", "EVALUATING CODE LLAMA ON MARSHLAND TICKET TRIAGE", "", {"Code Llama": "Model"}, ["Marshland Ticket Triage"]),
    ("known", "Soil Carbon Maps from Random Forest Models over the Fenland Basin", "", {"Random Forest": "Method"}, ["Fenland Basin", "Soil Carbon Maps"]),
    ("known", "Cell Atlases of the Quillwort Root with Louvain Clustering on Tabula Muris", "", {"Tabula Muris": "Dataset"}, ["Quillwort Root"]),
    # negatives: the title's own phrases, a known form in another case, an ambiguous known word
    ("known-neg", "Mining Marsh Repositories for Energy Bugs in Android Apps", "", {}, ["Apps", "APPS", "Energy Bugs", "Marsh Repositories"]),
    ("known-neg", "Spider Silk Tension under Racing Loads", "", {}, ["Spider", "Racing Loads"]),
    ("known-neg", "Drop Tower Tests of Marrow Foam", "", {}, ["DROP", "Drop Tower Tests", "Marrow Foam"]),
]


if __name__ == "__main__":
    raise SystemExit(run_typed(CASES, sys.argv[1:]))
