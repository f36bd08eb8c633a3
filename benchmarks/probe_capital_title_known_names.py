# ruff: noqa: E501  (the invented titles are kept one to a line)
"""Names the gazetteer knows in a title written in capitals and read alone: a probe of invented titles.

A title in capitals ("MASSIVE ...", "... STATE OF THE ART ...") hides the case that tells a name from an
English word. The gazetteer writes an exact form back into such a title in its own case ("SQUAD" as
"SQuAD"), so an English word that is also a known name's form ("MASSIVE", "ART", "DRAFT") comes out as the
name ("MassIVE", "ArT", "DRaFT") and passes the case check that gives a known name in a title alone its lower bar.

* ``capital-known``: a known name in a title in capitals is still found: a name in capitals ("KITTI"), a
  name of several words ("CODE LLAMA"), a name with digits;
* ``capital-known`` also: a known name of one capitalised word ("Mamba", "Chinchilla") that no prose writes
  in lower case, held as ambiguous, is found as in a title-case title;
* ``capital-word``: an English word written in capitals (one prose writes in lower case,
  ``lexicon.plain_words``) is no known name whose form has an inner capital, nor an ambiguous known name.

Each case: its class, a title, an (empty) abstract, the names it must give with their types, and the
names it must not give. Prints per class how many are typed right and how many unwanted appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_capital_title_known_names.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("capital-known", "PRUNING FELTWING DETECTORS TRAINED ON KITTI AND CITYSCAPES", "", {"KITTI": "Dataset", "Cityscapes": "Dataset"}, ["Feltwing Detectors"]),
    ("capital-known", "EVALUATING CODE LLAMA ON MARSHLAND TICKET TRIAGE", "", {"Code Llama": "Model"}, ["Marshland Ticket Triage"]),
    ("capital-known", "BRIGHTNESS PROFILES OF MARROW GALAXIES FROM SLOAN DIGITAL SKY SURVEY IMAGES", "", {"Sloan Digital Sky Survey": "Dataset"}, ["Marrow Galaxies"]),
    ("capital-known", "QUILLON TAGGERS FINE-TUNED ON CIFAR-10 FEATURES", "", {"CIFAR-10": "Dataset"}, ["Quillon Taggers"]),
    # a known name of one capitalised word that is also an English word no prose writes in lower case: the gazetteer
    # holds it as ambiguous, and a title in capitals matches it as a title-case title would
    ("capital-known", "SELECTIVE GATED MAMBA FOR MARSHLAND TICKET TRIAGE", "", {"Mamba": "Model"}, ["Marshland Ticket Triage"]),
    ("capital-known", "PROBING CHINCHILLA FOR FELTWING CIRCUITS", "", {"Chinchilla": "Model"}, ["Feltwing Circuits"]),
    ("capital-known", "QUILLON-MAMBA: A SURVEY OF MAMBA ENCODERS FOR FENLAND AUDIO", "", {"Mamba": "Model"}, []),
    # negatives: an English word in capitals that a known name's form writes with an inner capital
    ("capital-word", "MASSIVE ROOT NETWORKS IN QUILLWORT MEADOWS", "", {}, ["MassIVE", "MASSIVE", "Quillwort Meadows"]),
    ("capital-word", "FENLAND TICKET TRIAGE: STATE OF THE ART AND OPEN PROBLEMS", "", {}, ["ArT", "ICDAR 2019 ArT", "Open Problems"]),
    ("capital-word", "DRAFT HORSES AND MARSH TRACTION ON WET CLAY", "", {}, ["DRaFT", "Marsh Traction"]),
    ("capital-word", "A MASSIVE DRAFT OF THORNBILL SONG RECORDINGS", "", {}, ["MassIVE", "DRaFT", "Thornbill Song Recordings"]),
    # ... or an ambiguous known name's form that prose writes in lower case
    ("capital-word", "A SECOND LOOK AT THORNBILL SONG RECORDINGS", "", {}, ["SECOND", "Second", "Thornbill Song Recordings"]),
    ("capital-word", "A COMPLEX PROMISE: FENLAND TICKETS AT THE LARGEST SCOPE", "", {}, ["ComplEx", "PROMISE repository", "LargeST", "SCOPe"]),
]


if __name__ == "__main__":
    raise SystemExit(run_typed(CASES, sys.argv[1:]))
