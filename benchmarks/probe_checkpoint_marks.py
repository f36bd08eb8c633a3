# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Checkpoints of a method's family: a probe of invented abstracts for names typed by the family they are cut from.

A paper that introduces a pipeline or a recipe under a name ("We introduce Zorbling, a pipeline that …") often
releases the weights it trains under that name with a parameter count or a tuning after it ("Zorbling-8B-SFT",
"Zorbling-0.6B-Instruct", "Zorbling-3B-Chat-INT4"). Those are models, whatever the family's name is typed: a count of
billions of parameters among the name's parts, or a tuning or quantisation after two parts, marks a checkpoint.
Negative: a method named with a tuning after one word only ("Quill-DPO", shaped as "Self-Instruct" or
"Diffusion-DPO", methods) stays a method. Two more readings of what the abstract says a name is: an appositive whose
modifier holds a short parenthesis ("Zorb, an E(3)-equivariant diffusion model"), and the British spellings of the
agent nouns of a learned component ("Zorb is a BART-large summariser"); negative: "a tokeniser" stays unread, as
"a tokenizer" is (the dev sets write it of methods as often).

Each case: a class, a title, an abstract, the names to find with their types, and names that must not appear.
Prints per class how many are typed right; ``-v`` lists the misses.

Run::

    python benchmarks/probe_checkpoint_marks.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    ("count", "Zorbling: Instruction Tuning with Checked Synthetic Pairs",
     "We introduce Zorbling, a pipeline that writes instruction-response pairs with a teacher and keeps only the pairs the teacher verifies. We fine-tune Llama-3-8B into Zorbling-8B-SFT and, after DPO on the failures, Zorbling-8B-DPO. Zorbling-8B-DPO surpasses Llama-3-8B-Instruct on MT-Bench.",
     {"Zorbling-8B-SFT": "Model", "Zorbling-8B-DPO": "Model", "DPO": "Method"}),
    ("count", "Quillet: A Recipe for Distilling Small Chat Assistants",
     "We present Quillet, a distillation recipe that transfers dialogue skills from a large teacher to small students. Quillet-0.6B-Instruct, trained with the recipe, matches Qwen2-1.5B-Instruct on AlpacaEval while running on a phone.",
     {"Quillet-0.6B-Instruct": "Model"}),
    ("tuning", "Varnet: Quantisation-Aware Instruction Tuning",
     "We propose Varnet, a quantisation-aware tuning procedure. Applied to Mistral-7B, it yields Varnet-Mistral-Chat and Varnet-Mistral-INT4, which keep 98% of the full-precision model's MT-Bench score.",
     {"Varnet-Mistral-INT4": "Model"}),
    ("reading", "Varnel: Equivariant Diffusion for Crystal Structure Generation",
     "We introduce Varnel, an E(3)-equivariant diffusion model over lattice, coordinates and atom types for generating stable crystals. Trained on MP-20, Varnel generates structures that relax to the convex hull more often than CDVAE.",
     {"Varnel": "Model"}),
    ("reading", "Tottler: Learning to Summarise Meetings from Noisy Transcripts",
     "Tottler is a BART-large summariser trained with a noise-aware objective on ASR output. On AMI, Tottler improves ROUGE-2 by 1.5 over BART-large.",
     {"Tottler": "Model"}),
    ("negative", "Quill-DPO: Preference Optimisation with Quilled Margins",
     "We propose Quill-DPO, a preference optimisation method that adds a quilled margin to the DPO objective. Quill-DPO improves Llama-3-8B-Instruct on AlpacaEval 2.0 by 4 points over DPO.",
     {"Quill-DPO": "Method", "DPO": "Method"}),
]

if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
