# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Types of names the authors give what they release or share: a probe of invented abstracts.

* ``released-as``: what the authors release, share or compile "as X", where what they release is no model,
  code or method ("We release the collected ratings as Zorbmark", "the translated prompts are shared as
  Quillset") is data, whatever its name's shape makes of it;
* ``released-as-neg``: a model, its weights or code released as a name ("We release the weights as Zorbi-3B",
  "our implementation is released as Quillkit") is not data: the name keeps the type its other words give it;
* ``counted-modified``: a count of items apposed after a name with a modifier or two before the items ("We
  build X, 24K preference pairs", "X, 3,000 manually verified pairs") is a data set.

Run::

    python benchmarks/probe_released_as_data.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES = [
    ("released-as", "Auditing Reports of Ranking Gains in Code Review",
     "We survey 310 papers that report gains on code review and re-run 40 of their baselines. Reported gains shrink by half once seeds are fixed. We release the collected reruns as Brindle-Audit, a table of 40 entries with their settings.",
     {"Brindle-Audit": "Dataset"}),
    ("released-as", "How Often Do Jailbreak Suffixes Transfer?",
     "We optimise 500 adversarial suffixes on three open chat models and measure transfer to six others. Transfer is rare beyond one model family. We release the suffixes and the transfer matrix as Tanglewood.",
     {"Tanglewood": "Dataset"}),
    ("released-as", "Grading Short Answers in Chemistry with Language Models",
     "We compare GPT-4 with teaching assistants on 4,000 short answers from three chemistry courses. Agreement reaches 0.81 kappa on factual questions but 0.52 on explanations. We release the anonymised answers as ChemGrade-4K.",
     {"ChemGrade-4K": "Dataset"}),
    ("released-as", "Vellum: Multilingual Safety Prompts",
     "Safety evaluations of chat models rarely cover low-resource languages. We translate 6,000 harmful prompts into 14 languages with native speakers. Refusal rates fall by 30 points outside English. The translated prompts are shared as Vellumset.",
     {"Vellumset": "Dataset"}),
    ("released-as", "Marlin: A Policy for Underwater Docking",
     "Marlin is a transformer policy trained on 400 hours of teleoperated docking runs, which we release as DockLog. Marlin docks in 92% of trials in currents up to 1 m/s.",
     {"DockLog": "Dataset", "Marlin": "Model"}),
    ("released-as", "Self-Play Theorem Proving with Lemma Libraries",
     "Provers trained by self-play generate lemmas that later proofs reuse. We release the 1.1M generated lemmas as LemmaHeap. With LemmaHeap, a 7B prover solves 12% more problems.",
     {"LemmaHeap": "Dataset"}),
    ("released-as-neg", "Zorbi: Small Chat Models for Phones",
     "We train Zorbi, a family of chat models with 1B and 3B parameters, on 2T tokens. Zorbi-3B matches larger models on MT-Bench. We release the weights as Zorbi-3B-Open.",
     {"Zorbi-3B-Open": "Model"}),
    ("released-as-neg", "Fast Sparse Attention Kernels for Long Documents",
     "We propose a blocked sparse attention that skips empty tiles. It speeds up training by 2.1x on 64K contexts. We release our implementation as Quillkern.",
     {}, ["Quillkern"]),
    ("counted-modified", "Reward Models Beyond English",
     "Reward models are rarely tested outside English. We build Lingpref, 18K preference pairs in 12 languages written by native speakers. Reward models lose 9 points on Lingpref.",
     {"Lingpref": "Dataset"}),
    ("counted-modified", "Brackenfold: A French-German Corpus of Patents",
     "We align 2M patent claims in French and German. We also release Brackenfold-Test, 2,500 manually verified pairs. A 600M translation model gains 4 BLEU on Brackenfold-Test.",
     {"Brackenfold-Test": "Dataset"}),
    ("counted-modified-neg", "Tinsel: Efficient Image Classifiers",
     "We introduce Tinsel, 12 stacked convolutional blocks with gated skips. Tinsel reaches 81% top-1 on ImageNet at 2 GFLOPs.",
     {"Tinsel": "Model"}),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
