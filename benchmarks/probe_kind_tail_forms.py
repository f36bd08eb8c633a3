# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Forms a reader names an entity by when the text writes a kind noun or a subset after its name: a probe of
invented abstracts.

* ``data-tail``: a name, a few lower-case words, then a noun for a body of data outside the kinds a data set's
  name ends in ("the ZorbSat NDVI product", "the QuillCrawl host graph", "VarnaWiki edit histories", "the
  BrenNOK open samples", "the TalliSSN sunspot series"): the whole phrase is a form of the entity;
* ``method-tail``: a name right before "recipe", "heuristic", "scheme" or "ensemble" ("the Zorb-T recipe");
* ``subset-tail``: a known benchmark's family written before two lower-case words naming its part or task
  ("On the MS MARCO passage ranking task"): the family's name is a form of the entity;
* ``neg``: no form past a verb, a plural in "s" or a noun that goes on ("Zorbsat trained models", "the QuillCrawl
  graph partitioner", "BrenNOK sampled events", "the TalliSSN series of";
  a plural that is a verb too right after the name: "BrenSAMP samples tokens"), nor past a function word.

Each check is whether some entity has the form among its mentions (as the scorer compares names). Run::

    python benchmarks/probe_kind_tail_forms.py [-v]
"""

from __future__ import annotations

import sys
from collections import Counter

from _probe import entities, key

CASES = [
    ("data-tail", "Drought Exposure and Herd Losses Among Pastoralists",
     "We link 3,100 herding households to vegetation indices from the ZorbSat vegetation product and estimate losses with a difference-in-differences design. Losses double in the driest decile.",
     ["ZorbSat vegetation product"], []),
    ("data-tail", "Provenance Capture for Declarative Pipelines",
     "We present Ostler, a provenance layer for dataflow engines. On a pipeline over the QuillCrawl host graph, Ostler records lineage at 6% overhead.",
     ["QuillCrawl host graph"], []),
    ("data-tail", "Differential Views over Evolving Graphs",
     "We maintain views over graphs that change. Replaying the VarnaWiki edit histories, our method refreshes views 9 times faster than recomputation.",
     ["VarnaWiki edit histories"], []),
    ("data-tail", "Neutrino Event Reconstruction with Sparse Convolutions",
     "We reconstruct neutrino events with a sparse convolutional network. On simulated events from the BrenNOK open samples, the network identifies electron neutrinos with 81% purity.",
     ["BrenNOK open samples"], []),
    ("data-tail", "Solar Cycle Forecasts from Dynamo Models",
     "We assimilate sunspot numbers into a dynamo model. Sunspot records come from the TalliSSN sunspot series and the model predicts the next peak within 8 months.",
     ["TalliSSN sunspot series"], []),
    ("data-tail", "Household Synthesis for Transport Models",
     "We synthesise households by iterative fitting on tables from the CARROW-I household microdata. The synthetic population matches 40 marginals within 2%.",
     ["CARROW-I household microdata"], []),
    ("method-tail", "Training Vision Transformers with a New Optimiser",
     "We replace AdamW with a sign-based optimiser in the Zorb-T recipe and train Zorb-T on ImageNet-1K for 300 epochs. Accuracy rises by 0.6 points.",
     ["Zorb-T recipe"], []),
    ("method-tail", "Approximating Steiner Trees",
     "We study approximation algorithms for Steiner trees. A local search started from the QST heuristic improves the ratio to 1.39 on 80 instances.",
     ["QST heuristic"], []),
    ("subset-tail", "Late-Interaction Re-Ranking at Low Latency",
     "We distil a cross-encoder into a late-interaction model. On the MS MARCO passage ranking task, the student reaches an MRR@10 of 0.35 at a tenth of the latency.",
     ["MS MARCO"], []),
    ("neg", "Crop Maps from Zorbsat Imagery",
     "We classify crops with Zorbsat. Zorbsat trained models reach 88% accuracy, and Zorbsat imagery covers 14 countries.",
     [], ["Zorbsat trained models"]),
    ("neg", "Partitioning Web Graphs",
     "We partition the QuillCrawl graph partitioner outputs and compare with METIS. Our method cuts 12% fewer edges.",
     [], ["QuillCrawl graph partitioner", "QuillCrawl graph"]),
    ("neg", "Reconstruction with Sparse Networks",
     "BrenNOK sampled events fit a detector model. Our network identifies electron neutrinos with 81% purity on BrenNOK.",
     [], ["BrenNOK sampled events"]),
    ("neg", "Solar Series",
     "We analyse the TalliSSN series of sunspot counts with a dynamo model and forecast the next peak.",
     [], ["TalliSSN series of sunspot"]),
    ("neg", "Token Sampling for Fast Decoding",
     "We present BrenSAMP, a decoder for speech models. BrenSAMP samples tokens from a draft model and maps each draft to a verified prefix, cutting latency by half.",
     [], ["BrenSAMP samples", "BrenSAMP samples tokens"]),
]


def main(argv: list[str]) -> int:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for cls, title, abstract, want, avoid in CASES:
        forms = {key(m) for e in entities(title, abstract) if e.type in ("Model", "Method", "Dataset")
                 for m in (e.name, *e.mentions)}
        for form, should in [(f, True) for f in want] + [(f, False) for f in avoid]:
            good = (key(form) in forms) == should
            right[cls] += good
            total[cls] += 1
            if not good or "-v" in argv:
                print(("ok  " if good else "BAD ") + f"[{cls}] {'find' if should else 'avoid'} {form!r}")
    for cls in total:
        print(f"{cls}: {right[cls]}/{total[cls]} right")
    print(f"all: {sum(right.values())}/{sum(total.values())} right")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
