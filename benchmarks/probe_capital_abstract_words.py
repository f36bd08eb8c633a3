# ruff: noqa: E501  (the invented records are kept one to a line)
"""Abstracts written in capitals: a probe of invented records read among a library in ordinary case.

Some records (old exports, scanned proceedings) write their whole abstract in capitals. The acronym scan then
offers every word ("JOINT", "TRAIN", "WITH"), and a word the decision model never saw in capitals as an English
word can pass as a name. A function word of a sentence in capitals is no acronym, nor a word the papers being
built write in lower case more often than capitalised (the library's casing, ``corpus_context``).

* ``capitals-known``: the real acronyms and known names of an abstract in capitals are still found;
* ``capitals-word``: its English words are not;
* ``capitals-alone``: nor where no record of the library writes the word in lower case (a library of records
  in capitals): an ordinary English word (``lexicon.plain_words``) is still no acronym; real acronyms still are.

The cases are extracted with the casing statistics of all the records here, ``LIBRARY``'s ordinary-case
abstracts included (they write "train", "joint", "layered" ... in lower case). Prints per class how many are
typed right and how many unwanted appear; ``-v`` lists the misses.

Run::

    python benchmarks/probe_capital_abstract_words.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

from graphbuild.nlp.pipeline import cached_pipeline, corpus_context

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("capitals-known", "LEARNING TO HERD MARSH GEESE WITHOUT A MAP", "WE TRAIN AGENTS WITH A3C IN A SIMULATOR BUILT FROM FLOOR PLANS OF 12 FENLAND FARMS.", {"A3C": "Method"}, ["TRAIN", "WITH", "AGENTS"]),
    ("capitals-known", "FELTWING READERS FOR OLD FRISIAN QUESTIONS", "WE FINE-TUNE BERT WITH A JOINT OBJECTIVE AND EVALUATE ON SQUAD.", {"BERT": "Model", "SQuAD": "Dataset"}, ["JOINT", "WITH", "OBJECTIVE"]),
    ("capitals-word", "A THEORY OF QUILLWORT PIPELINE STYLES", "WE GIVE A FORMAL VOCABULARY FOR STAGES, CHANNELS AND CONSTRAINTS, AND USE IT TO COMPARE LAYERED WITH LOOPED SYSTEMS.", {}, ["CONSTRAINTS", "LAYERED", "WITH", "LOOPED"]),
    ("capitals-word", "THORNBILL SONG SEGMENTATION", "JOINT TRAINING WITH PITCH AND ONSET PREDICTION REDUCES BOUNDARY ERROR ON OUR RECORDINGS.", {}, ["JOINT", "WITH", "ONSET"]),
]

#: records of the same library in ordinary case: they write the English words in lower case
LIBRARY = [
    "Marsh Robots\n\nWe train agents with a joint objective over layered maps under budget constraints.",
    "Fenland Tickets\n\nA joint model of layered queues; we train it with onset constraints and looped stages.",
    "Quillon Parsing\n\nWe train a parser with joint constraints and compare layered and looped decoders.",
]


#: records read in a library of records in capitals only: no abstract writes their words in lower case
ALONE = [
    ("capitals-alone", "MULTI-TASK LEARNING FOR HERON PLUMAGE SCORING", "JOINT TRAINING WITH WING AND TAIL PREDICTION REDUCES SCORING ERROR ON OUR PHOTOGRAPHS.", {}, ["JOINT", "WITH", "WING"]),
    ("capitals-alone", "A CALCULUS OF BRACKEN PIPELINES", "WE GIVE RULES FOR STAGES, CHANNELS AND CONSTRAINTS, AND CHECK THEM WITH TLA+ ON 14 MARSHLAND SYSTEMS.", {}, ["CONSTRAINTS", "CHANNELS", "RULES"]),
    ("capitals-alone", "TUNING FELTWING READERS FOR OLD FRISIAN", "WE FINE-TUNE BERT ON A CORPUS OF CHARTERS AND EVALUATE ON SQUAD WITH A JOINT OBJECTIVE.", {"BERT": "Model", "SQuAD": "Dataset"}, ["JOINT", "CORPUS"]),
]


if __name__ == "__main__":
    with corpus_context(cached_pipeline(), [f"{t}\n\n{a}" for _, t, a, *_ in CASES] + LIBRARY):
        run_typed(CASES, sys.argv[1:])
    with corpus_context(cached_pipeline(), [f"{t}\n\n{a}" for _, t, a, *_ in ALONE]):
        raise SystemExit(run_typed(ALONE, sys.argv[1:]))
