# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a release is stored in, put under or built with is no method, model or data set: a probe of invented
abstracts.

* ``format``: a file format the data or the weights are released in ("released as FLAC files", "maps as
  GeoTIFF", "sequences in FASTA and BED files") must not come out as a scored entity;
* ``licence``: a licence by its short name and version ("under CC BY-NC 4.0", "a CC BY-SA licence",
  "Apache-2.0", "GPLv3") neither;
* ``tool``: a well-known library, toolkit, crowdsourcing platform or robot the work is built with, run on or
  recruited through ("implemented in ESPnet", "an n-gram model trained with KenLM", "on a UR5e arm",
  "annotators from Prolific") neither; nor a language the data are written in ("Nepali and Sinhala");
* ``release-neg``: the paper's own coined names next to those words, and names that hold a format's letters
  ("Tiffin-Seg", "Pngu"), are still found with their type.

Each case: its class, a title, an abstract, the names with the type they must get and the names that must not
be found. Prints per class how many names are found with the right type, and how many unwanted names appear;
``-v`` lists the misses.

Run::

    python benchmarks/probe_release_formats.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    ("format", "Warbleset: A Corpus of Dawn Chorus Recordings",
     "We present Warbleset, a corpus of 40,000 dawn chorus clips from 120 sites labelled with 88 species. A Corvine-B classifier reaches 71% accuracy. Recordings are released as FLAC files with WAV previews.",
     {"Warbleset": "Dataset"}, ["FLAC", "WAV"]),
    ("format", "Terrace: Field Boundary Mapping from Aerial Photographs",
     "Terrace is a boundary detector trained on 9,000 aerial tiles. It beats a U-Net baseline by 6 points of boundary F1. Predicted boundaries are released as GeoTIFF rasters and the tiles as PNG files.",
     {"Terrace": "Model"}, ["GeoTIFF", "PNG"]),
    ("format", "Rootstock: Language Models of Grapevine Genomes",
     "We pretrain Rootstock, a 300M-parameter genomic language model, on 14 grapevine assemblies. The benchmark tasks are distributed as FASTA and BED files, with variant calls in VCF.",
     {"Rootstock": "Model"}, ["FASTA", "BED", "VCF"]),
    ("format", "Ledgerline: Scanned Ledgers for Handwriting Recognition",
     "Ledgerline holds 6,200 pages of nineteenth-century shipping ledgers. Page images are provided as TIFF scans, transcriptions as CSV tables and metadata as YAML.",
     {"Ledgerline": "Dataset"}, ["TIFF", "CSV", "YAML"]),
    ("format", "Fast Loading of Sharded Training Data",
     "We propose Spoolfetch, a prefetching method that reads shards stored in Parquet, Zarr or HDF5 and hides 90% of input latency on eight nodes.",
     {"Spoolfetch": "Method"}, ["Parquet", "Zarr", "HDF5"]),
    ("licence", "Marlin-3B: An Open Assistant for Fisheries Science",
     "We release Marlin-3B, a 3B-parameter assistant tuned on fisheries reports. Weights are under a CC BY-NC licence and the evaluation set Netcast is released under CC BY-SA 4.0.",
     {"Marlin-3B": "Model", "Netcast": "Dataset"}, ["BY-NC", "CC BY-NC", "BY-SA 4.0", "CC BY-SA 4.0"]),
    ("licence", "Quayside: A Benchmark of Harbour Scheduling Problems",
     "Quayside gathers 2,400 berth allocation instances. Instances are released under CC BY 4.0 and the solver code under Apache-2.0; a GPLv3 fork of the baseline is also provided.",
     {"Quayside": "Dataset"}, ["CC BY 4.0", "Apache-2.0", "GPLv3"]),
    ("tool", "Do Smaller Speech Encoders Suffice for Dialect ASR?",
     "We compare three encoder sizes for dialect speech recognition with an n-gram language model trained with KenLM. All recipes are implemented in ESPnet and SpeechBrain; nothing new is proposed.",
     {}, ["KenLM", "ESPnet", "SpeechBrain"]),
    ("tool", "Grasplet: Learning Insertion from Few Demonstrations",
     "We present Grasplet, a policy learning method for peg insertion. On a real UR5e arm and a Franka Emika Panda, Grasplet succeeds in 17 of 20 trials. Training uses Stable-Baselines3 and is logged per episode.",
     {"Grasplet": "Method"}, ["UR5e", "Franka Emika Panda", "Stable-Baselines3"]),
    ("tool", "Crowd Labels for Sarcasm in Low-Resource Languages",
     "We collect sarcasm labels for Nepali and Sinhala tweets from annotators recruited on Prolific and Amazon Mechanical Turk, and release the set as Sarkline. Tokenisation uses spaCy and NLTK.",
     {"Sarkline": "Dataset"}, ["Nepali", "Sinhala", "Prolific", "Amazon Mechanical Turk", "spaCy", "NLTK"]),
    ("tool", "Fenwick: Graph Retrieval for Citation Recommendation",
     "Fenwick is a retriever built on PyTorch Geometric that indexes citation graphs with FAISS. On a held-out split it improves recall@10 by 5 points over BM25, with queries served from Elasticsearch.",
     {"Fenwick": "Method"}, ["PyTorch Geometric", "FAISS", "Elasticsearch"]),
    ("release-neg", "Tiffin-Seg: Segmenting Lunchbox Photographs",
     "We introduce Tiffin-Seg, a segmentation model for food photographs, and Pngu, a dataset of 8,000 lunchbox images. Tiffin-Seg beats Mask R-CNN on Pngu by 4 mIoU.",
     {"Tiffin-Seg": "Model", "Pngu": "Dataset", "Mask R-CNN": "Model"}, []),
    ("release-neg", "Bylaw: Retrieval over Municipal Regulations",
     "We propose Bylaw, a retrieval method for municipal codes, evaluated on the Civicode benchmark, where it improves nDCG@10 over Contriever by 7 points.",
     {"Bylaw": "Method", "Civicode": "Dataset", "Contriever": "Model"}, []),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
