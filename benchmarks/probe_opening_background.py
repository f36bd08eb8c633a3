# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a paper proposes, when the abstract opens by saying what a field or technique is: a probe of invented
abstracts for the ``proposed`` mark. (1) A name the abstract opens with as the subject of a general statement
("Tessellated Query Routing (TQR) is a paradigm …", "Quorn learning aims to …", "Drellic Locality Hashing (DLH) maps …") and
makes no claim on, in an abstract that brings in a name of its own: the background the paper sets out from,
not proposed. (2) Beside them, what the paper does bring in stays proposed: its own name, named after a verb
of proposing, and a name that opens the abstract with a word of novelty or of the authors ("Varnhold is a new
…", "Plinth, our …") or that is the title's own name. All names are invented.

Each case: a title, an abstract, a name, whether the paper proposes it. Prints how many cases are right per
class; ``-v`` lists every case.

Run::

    python benchmarks/probe_opening_background.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

_TR = ("Routing Sparse Queries with Learned Tessellations",
       "Tessellated Query Routing (TQR) is a paradigm that sends each query to a cell of a learned partition of the index. TQR methods suffer when cells are unbalanced. We propose Kelvane, a balanced tessellation learned with an auction loss. Kelvane cuts tail latency by 40% on three web-scale collections.")
_QL = ("Forgetting Clients in Quorn Learning with Distilled Ledgers",
       "Quorn Learning (QL) is a paradigm for training a shared model across clients without moving their data. However, removing a client's contribution requires retraining from scratch. We propose Ledgerwipe, a QL framework that stores distilled ledgers of each client and subtracts them on request. Ledgerwipe forgets a client 30 times faster than retraining.")
_DH = ("Skewed Buckets in Drellic Hashing",
       "Drellic Locality Hashing (DLH) maps similar items to the same bucket with high probability. Its buckets grow skewed on real data. In this paper, we introduce Bucketrim, which rebalances the buckets online. Bucketrim lowers query time by 2x on four benchmarks.")
_SURV = ("Morrow-GAN Inversion: A Survey",
         "Morrow-GAN Inversion (MGI) aims to map a given image back into the latent space of a pretrained generator. As a bridge between real and generated images, MGI has become central to image editing. This survey organises the methods into three families and compares them on four tasks.")
_OWN1 = ("Lossless Compression of Sensor Streams",
         "VarnholdLM is a new language model for sensor streams that predicts each sample from a learned context. VarnholdLM needs no tuning per sensor. On six public traces VarnholdLM compresses 18% better than general-purpose codecs.")
_OWN2 = ("Plinth: Typed Notebooks for Reproducible Analysis",
         "Plinth is a notebook system that checks the types of cells before they run. It records the provenance of every value. In a study with 24 analysts, Plinth caught 71% of the errors that broke reruns.")
_OWN3 = ("Message Passing over Rare Edges",
         "Sparrowfold (SF) is a novel graph network that passes messages only along rare edges. SF keeps the accuracy of dense message passing at a tenth of its cost on five citation graphs.")
_WIDE = ("Faster Decoding for Sensor Language Models",
         "Quellmark is a widely used language model for sensor streams. Its decoding is slow on small devices. We propose Tarvix, a draft-and-verify decoder for Quellmark. Tarvix decodes 3x faster with the same output.")
_LATE = ("Faster Decoding for Sensor Language Models",
         "Decoding sensor language models is slow on small devices. Quellmark is a new language model for sensor streams. We propose Tarvix, a draft-and-verify decoder for Quellmark. Tarvix decodes 3x faster with the same output.")

_RP = ("Decomposed Ranked Preference Tuning for Molecule Design",
       "Generative models of molecules rarely match what chemists want. Recently, Ranked Preference Tuning (RPT) has emerged as a simple way to align generators with preferences. We propose Splitwise-RPT, which decomposes the preference of a molecule into its fragments. Splitwise-RPT raises the success rate by 12 points.")
_SW = ("Private Aggregation for Swarm Updating",
       "Swarm Updating (SU) is designed to train a model across phones without collecting their data. Its updates still leak the data of each phone. We propose Hushcount, a secure aggregation protocol for SU with constant overhead per client. Hushcount runs on 10,000 simulated phones.")

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: opens the abstract as the subject of a general statement, no claim on it: not proposed
    ("background", *_TR, "TQR", False),
    ("background", *_QL, "QL", False),
    ("background", *_DH, "DLH", False),
    ("background", *_SURV, "MGI", False),
    ("background", *_RP, "RPT", False),
    ("background", *_SW, "SU", False),
    # class 2: the paper's own names stay proposed
    ("own", *_TR, "Kelvane", True),
    ("own", *_QL, "Ledgerwipe", True),
    ("own", *_DH, "Bucketrim", True),
    ("own", *_RP, "Splitwise-RPT", True),
    ("own", *_SW, "Hushcount", True),
    ("own", *_OWN1, "VarnholdLM", True),
    ("own", *_OWN2, "Plinth", True),
    ("own", *_OWN3, "SF", True),
    ("background", *_WIDE, "Quellmark", False),
    ("own", *_WIDE, "Tarvix", True),
    ("background", *_LATE, "Quellmark", False),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
