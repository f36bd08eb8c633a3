# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Names whose shape the usual marks miss: a lower-case name joined by underscores, as code and benchmark suites
are named ("quill_sort", "tern_bench"; not a subscript "ell_2", "sigma_8", nor a part of a web address); a role
compound "X-as-a-Y" ("VLM-as-a-Grader"), which ``patterns._trim_adjective_suffix`` cuts to "VLM" as it cuts an
adjective after a hyphen ("Zorb-guided" -> "Zorb"; kept whole, the 907's CV gained one name but lost 0.0019
proposed-precision and no dev set moved: left open); and a short form defined with "for short" inside the parentheses ("hollow window
attention (HWA for short)"), read as "(HWA)" is; a variant set off after its kind and a phrase with
"with"/"without" ("A variant without segment memory, Tarnwell-Short, is …"). Every name is invented.

Run::

    python benchmarks/probe_snake_and_as_a_names.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_found

# (title, abstract, names to find, names that must not appear)
CASES = [
    ("Sorting Reads Faster",
     "We compare quill_sort with the samtools sorter on 40 human genomes; quill_sort halves the wall-clock time.",
     ["quill_sort"], []),
    ("A Key-Value Store for Flash",
     "We evaluate PlinthKV with the tern_bench workloads and YCSB. On tern_bench, PlinthKV doubles the throughput of RocksDB.",
     ["tern_bench"], []),
    ("Benchmarks for Control",
     "Policies are trained on the mv_harvest suite and tested on DeepMind Control; mv_harvest has 12 tasks.",
     ["mv_harvest"], []),
    ("Word Alignment Revisited",
     "We re-run marlo_align, a log-linear aligner, on three language pairs and compare it with GIZA++.",
     ["marlo_align"], []),
    ("Cosmological Constraints",
     "We constrain sigma_8 and the ell_2 norm of the residuals with Planck data; g_q and g_p are fixed.",
     [], ["sigma_8", "ell_2", "g_q", "g_p"]),
    ("Collaborative Filtering on Graphs",
     "We propose BrenGraph, a graph recommender. Code is at https://github.com/someone/bren_graph_filtering.",
     ["BrenGraph"], ["bren_graph_filtering"]),
    ("A Critical Look at Critic-as-a-Referee",
     "Critic-as-a-Referee asks a strong model to grade answers; we compare it with Planner-as-a-Tool on 3 benchmarks.",
     ["Critic-as-a-Referee", "Planner-as-a-Tool"], ["Critic", "Planner"]),
    ("Grading Charts with Models",
     "We study VLM-as-a-Grader for chart question answering and find that VLM-as-a-Grader agrees with humans on ChartQA.",
     ["VLM-as-a-Grader"], ["VLM"]),
    ("Attention in Windows",
     "We propose hollow window attention (HWA for short), which replaces shifted windows. HWA beats Swin on ImageNet.",
     ["hollow window attention"], []),
    ("Sparse Retrieval",
     "We present lexical expansion pruning (LEXP for short); LEXP halves the index of SPLADE on MS MARCO.",
     ["lexical expansion pruning"], []),
    ("Tarnwell: Captions for Long Videos",
     "Tarnwell captions videos with timestamp tokens and beats Vid2Seq on YouCook2. A variant without segment memory, Tarnwell-Short, is twice as fast.",
     ["Tarnwell-Short"], []),
    ("Lean Speech Encoders",
     "We prune Quibbler, a speech encoder, to half its size. A model with the gate removed, Quibbler-NoGate, is 2 points worse on LibriSpeech.",
     ["Quibbler-NoGate"], []),
    ("Zorb-guided Decoding",
     "We propose Zorb, a verifier, and Zorb-guided decoding, which uses it to rerank beams on GSM8K.",
     ["Zorb"], ["Zorb-guided"]),
]

if __name__ == "__main__":
    raise SystemExit(run_found(CASES, sys.argv[1:]))
