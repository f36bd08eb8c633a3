# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A dataset written with the image size it is read at before it ("On 256x256 Quorbench, …") or the split used
after it ("on the Zorbmarco Dev Set", "Varnwiki Test"): a probe of invented abstracts for the collection's own name
as a form of the entity, so that a reader (and the scorer) finds "Quorbench" in "256x256 Quorbench". The negatives:
a name whose last word only looks like a split, or a size before no dataset, gives no such form. All names are
invented.

Each case: (class, title, abstract, {name: type}, names that must not be found). Prints per class how many names
are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_dataset_size_and_split_forms.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    ("sized", "Zorbflow: Sampling Images with Few Steps",
     "We propose Zorbflow, a sampler for diffusion models that needs eight steps. On 256x256 Quorbench, Zorbflow matches the sample quality of samplers that take a hundred steps.",
     {"Zorbflow": "Method", "Quorbench": "Dataset"}),
    ("sized", "Patch Tokens for Large Images",
     "We propose Tessellix, a tokenizer of image patches. On 64x64 Varnset and 128x128 Varnset-Faces, Tessellix halves the tokens a transformer reads.",
     {"Tessellix": "Method", "Varnset": "Dataset"}),
    ("split", "Quorrank: Cheaper Reranking of Passages",
     "We propose Quorrank, a reranker that reads each passage once. Quorrank gains 2.5% MRR on the Zorbmarco Dev Set and matches dense retrievers on Varnwiki Test.",
     {"Quorrank": "Method", "Zorbmarco": "Dataset", "Varnwiki": "Dataset"}),
    ("negative", "Varnish Training of Small Networks",
     "We propose Varnish Training, which adds a noise layer to small networks. On Quillset, Varnish Training lowers error by 3%.",
     {"Varnish Training": "Method", "Quillset": "Dataset"}, ["Varnish"]),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv))
