"""Probe: the kind of a name set off by dashes or a long form before it, and the kind the authors name it by.

"X — Long Form of the Name — a multilingual tagger …", "X — a graph encoder …" (a dash for the comma of an
appositive, :data:`graphbuild.nlp.features._APPOS`), and "We name the tagger X" / "we refer to the dataset as X"
(:data:`graphbuild.nlp.features._NAME_THE_KIND`). Negatives: a dash that opens a clause with no kind, a naming
verb whose object is no kind word. Invented names only. Run: ``python benchmarks/probe_dashed_and_named_kinds.py
[-v]``.
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    ("dashed long form", "Sparse Routing for Multilingual Encoders",
     "We present QUORVEL — Quantised Routing Over Vocabulary Experts and Layers — a multilingual encoder whose "
     "feed-forward layers are routed by script. QUORVEL improves over mBERT on XNLI by 2.1 points.",
     {"QUORVEL": "Model"}),
    ("dashed long form", "Curating Dialogue Logs at Scale",
     "We release TALKWEAVE — Threaded Annotated Logs of Kitchen Work — a corpus of 40k recorded cooking "
     "dialogues with step labels. Baselines trained on TALKWEAVE lag humans by 20 points.",
     {"TALKWEAVE": "Dataset"}),
    ("dash for comma", "Encoding Molecules as Graphs",
     "We introduce Brindlenet — a graph encoder pretrained on 2M molecules with a motif-level objective. "
     "Brindlenet beats GIN on MoleculeNet tasks.",
     {"Brindlenet": "Model"}),
    ("named the kind", "Clinical Concept Tagging with Character Features",
     "We train a bidirectional recurrent tagger with character features on discharge summaries. We name the "
     "tagger Marrowtag and analyse its errors. Marrowtag improves F1 by 3 points over a CRF baseline.",
     {"Marrowtag": "Model"}),
    ("named the kind", "Pairwise Convolutions for Set Matching",
     "We stack pairwise convolutions over a bilinear pooling layer and refer to the architecture as "
     "Plintconv. Plintconv matches larger networks on two matching benchmarks.",
     {"Plintconv": "Model"}),
    ("named the kind", "A Corpus of Harbour Traffic Logs",
     "We collect 12k vessel tracks from three harbours and call the dataset Quayline. Forecasters trained on "
     "Quayline generalise to an unseen harbour.",
     {"Quayline": "Dataset"}),
    ("negatives", "Ablating Routing Choices",
     "We compare Zentrox with its ablations — the gate removed and the router frozen — and find the gate "
     "matters most. We call the effect Driftfade in what follows.",
     {}, ["the gate removed"]),
]

if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
