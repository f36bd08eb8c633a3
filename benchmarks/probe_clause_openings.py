# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Names after a word that opens a sentence's clause: a probe of invented abstracts.

* ``opening``: a sentence opened by a preposition, a gerund or a participle of training before a name ("Using
  Zorbit-7B and …", "Fine-tuned Quillan-2 and …", "Re-evaluating Brask on …", "Unlike Vexa-Mol, …") names the
  name after that word; the run with the word ("Using Zorbit-7B") is no name;
* ``sizes``: a gerund or a preposition before parameter counts ("Training 124M and 350M models …", "Below 500M
  parameters, …") opens a clause, no family named by its sizes;
* ``opening-neg``: a known name that opens with such a word ("Grounding DINO", "Permuted MNIST"), and a coined
  family listed with its sizes ("Quillan 1B and 7B"), stay names;
* ``participle``: a participle a known technique's entry lists ("instruction-tuned models") is named by the
  technique ("instruction tuning"), not by the adjective.

Each case: its class, a title, an abstract, the names with the type they must get, and names that must not be
found. Prints per class how many names are found with the right type and how many unwanted appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_clause_openings.py [-v]
"""

from __future__ import annotations

import sys

from _probe import entities, run_typed

CASES = [
    ("opening", "Marlpit: Length Bias in Preference Optimisation",
     "Preference optimisation rewards longer answers. Using Zorbit-7B and the Quibfeed preference data, we find that Marlpit's gains over the reference-free baseline largely vanish once length is controlled. We release our scripts.",
     {"Zorbit-7B": "Model"}, ["Using Zorbit-7B"]),
    ("opening", "Tallyword: A Benchmark of Arithmetic Word Problems",
     "We present Tallyword, 9,000 arithmetic word problems written by teachers. Fine-tuned Quillan-2 and Brevo-Large solve fewer than 30% of the problems, while few-shot prompting of larger models solves about half.",
     {"Quillan-2": "Model", "Brevo-Large": "Model"}, ["Fine-tuned Quillan-2"]),
    ("opening", "Lesion Labels Revisited: Re-annotating a CT Dataset",
     "We re-annotate a CT lesion dataset and find many missing lesions. Re-evaluating Corvex-RCNN and the Dorn3D detector on the corrected labels, sensitivity rises by nine points.",
     {"Corvex-RCNN": "Model"}, ["Re-evaluating Corvex-RCNN"]),
    ("opening", "Pretraining Graph Encoders on Molecular Conformers",
     "We pretrain a graph encoder on ten million conformers. Unlike Vexa-Mol, our encoder uses no atom-pair distance tokens, and it matches Vexa-Mol on property prediction.",
     {"Vexa-Mol": "Model"}, ["Unlike Vexa-Mol"]),
    ("opening", "Jump or Artefact? Re-examining Emergent Abilities",
     "Emergent abilities are said to appear suddenly with scale. Re-examining Tarnel-3 and Quorra models of increasing size with continuous metrics, we find smooth trends instead of jumps.",
     {"Tarnel-3": "Model"}, ["Re-examining Tarnel-3"]),
    ("opening", "Graded Hints for Maths Tutoring Dialogues",
     "We collect 4,000 tutoring dialogues with graded hints. Fine-tuned BERT-base and Flan-T5 rank hints well, but both miss hints that reveal the answer.",
     {"BERT-base": "Model"}, ["Fine-tuned BERT-base"]),
    ("opening", "Margin Effects in Reference-Free Alignment",
     "We revisit reference-free alignment objectives. Using Mistral-7B and a public preference set, we find that the margin term explains most of the reported gain.",
     {"Mistral-7B": "Model"}, ["Using Mistral-7B"]),
    ("opening", "Noisy Boxes in Chest CT: A Re-annotation",
     "Many chest CT boxes are misplaced. Re-training Faster R-CNN on the corrected boxes raises sensitivity by six points at one false positive per scan.",
     {"Faster R-CNN": "Model"}, ["Re-training Faster R-CNN"]),
    ("sizes", "Orrin: Orthogonalised Updates for Fast Transformer Training",
     "Orrin is an optimiser that orthogonalises each update. Training 124M and 350M models on web text, we show that Orrin's advantage over AdamW grows with the batch size.",
     {"Orrin": "Method"}, ["Training 124M", "Training 350M"]),
    ("sizes", "Byteless: Tokenizer-Free Language Models at Small Scale",
     "We compare a byte-level patching model with a tokenised baseline. Below 500M parameters, the tokenised baseline wins; the patching advantage appears only at larger scale.",
     {}, ["Below 500M"]),
    ("sizes", "Kestrel Gate: Residual Gating for Stable Pretraining",
     "Loss spikes plague large runs. We add a gate to each residual branch, a change we call Kestrel Gate. Pretraining 350M and 1.3B models on a public corpus, Kestrel Gate removes loss spikes.",
     {"Kestrel Gate": "Method"}, ["Pretraining 350M", "Pretraining 1.3B"]),
    ("opening-neg", "Open-Vocabulary Drone Detection with Region Prompts",
     "We detect objects in drone footage from text prompts. Grounding DINO serves as our baseline detector; our region prompts lift its recall on small objects by twelve points.",
     {"Grounding DINO": "Model"}),
    ("opening-neg", "Replay for Continual Learning Without Labels",
     "We study replay without task labels. Permuted MNIST and Split CIFAR-100 serve as benchmarks; our replay buffer of 200 items matches labelled replay.",
     {"Permuted MNIST": "Dataset"}),
    ("opening-neg", "Quillan: Open Language Models at Two Scales",
     "We release Quillan 1B and 7B, two open language models trained on four trillion tokens. Quillan 7B matches larger models on reasoning benchmarks.",
     {"Quillan 7B": "Model"}),
]

#: a participle an entry lists: the name the entity must get, and the adjective it must not be named by
PARTICIPLE_CASES = [
    ("Instruction Following for Retrievers",
     "Retrievers rarely follow instructions. We benchmark instruction-tuned embedding models on 40 retrieval tasks and find that instruction-tuned models still ignore negated instructions.",
     "instruction tuning", "instruction-tuned"),
]


def main(argv: list[str]) -> int:
    code = run_typed(CASES, argv)
    right = 0
    for title, abstract, want, unwanted in PARTICIPLE_CASES:
        names = {e.name for e in entities(title, abstract)}
        ok = want in names and unwanted not in names
        right += ok
        if not ok and "-v" in argv:
            print(f"[participle] {title}: names {sorted(names)}")
    print(f"participle: {right} named by the technique, of {len(PARTICIPLE_CASES)}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
