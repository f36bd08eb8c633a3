# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Lower-case technique names whose head says what is done to the data, the model or the run: a probe of
invented abstracts. "We combine braided projections with ...", "trained with ledger supervision",
"ribbon parallelism shards the layers", "twin-step splitting", "kernel surgery", "token-path attribution":
named techniques written in lower case, which no capital, acronym or cue offers. The same head words
without a naming modifier ("without supervision", "more parallelism", "their projections") name nothing.

Each case: a title, an abstract, the names that must be found, and names that must not appear. Prints
how many names are right; ``-v`` lists every check.

Run::

    python benchmarks/probe_technique_heads.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_found

# (title, abstract, names to find, names that must not appear)
CASES = [
    ("Faster Sparse Recovery by Alternation",
     "We study sparse recovery from few measurements. Our solver combines braided projections with a learned denoiser and converges in 20 iterations, where plain gradient steps need 300.",
     ["braided projections"], ["plain gradient steps"]),
    ("Rewarding the Steps of a Proof",
     "Large language models make reasoning errors. We compare ledger supervision, which scores every step of a solution, with final-answer supervision on a new set of 9,000 problems; ledger supervision solves 12% more.",
     ["ledger supervision"], []),
    ("Training Trillion-Parameter Models on Modest Clusters",
     "We present Strandline, a training system for very large models. Strandline combines ribbon parallelism, which shards each layer across devices, with data parallelism, and reaches 51% of peak throughput.",
     ["Strandline", "ribbon parallelism"], []),
    ("Convergent Denoisers for Inverse Problems",
     "We propose a restoration method based on twin-step splitting, in which the denoiser is the gradient step of a learned potential. It converges on deblurring and super-resolution.",
     ["twin-step splitting"], []),
    ("Resolving Conflicting Objectives in Protein Design",
     "Gradients of the energy terms often conflict. We employ kernel surgery to project each conflicting gradient onto the normal plane of the others, which stabilises training of the design model.",
     ["kernel surgery"], []),
    ("Where Does the Answer Come From?",
     "We study how a transformer retrieves facts. With token-path attribution we trace each predicted token to the heads that wrote it, and find that three heads carry most facts.",
     ["token-path attribution"], []),
    ("Serving Language Models at Scale",
     "We present Quillserve, a serving engine for language models. Quillserve relies on encode-decode disaggregation, which runs the two phases on separate machines, and cuts latency by 40%.",
     ["Quillserve", "encode-decode disaggregation"], []),
    ("Hardware for Encrypted Inference",
     "We design an accelerator for homomorphic encryption whose units compute lattice-fold transforms and key switching. It is 9 times faster than a GPU.",
     ["lattice-fold transforms"], []),
    # negatives: the head words without a name
    ("Learning Segmenters from Few Labels",
     "We train a segmenter without supervision on 2,000 scans and then fine-tune it on 40 labelled ones. It matches a fully supervised model.",
     [], ["supervision"]),
    ("Scheduling Deep Learning Jobs",
     "We schedule training jobs on a shared cluster. Jobs that expose more parallelism receive more devices, and the average completion time falls by 30%.",
     [], ["more parallelism", "parallelism"]),
    ("Reading Word Embeddings",
     "We inspect word vectors of three languages. Their projections onto two axes separate nouns from verbs, and the split is stable across seeds.",
     [], ["Their projections", "projections"]),
]


if __name__ == "__main__":
    raise SystemExit(run_found(CASES, sys.argv[1:]))
