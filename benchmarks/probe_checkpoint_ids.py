# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Checkpoints named by their identifiers in lower case, as model hubs write them: a probe of invented abstracts.
(1) A family's name, then parts joined by hyphens, underscores or dots, one of them a size, a casing, a tuning, a
version, a parameter count or a release date ("quill_base_uncased", "wrenlm-large-v2", "orca9-large-xl-53",
"tessa-3-5-swift-20240611"): found whole, a model; (2) what must not be found: hyphenated words of the same
letters that are no checkpoint ("a knowledge-base of facts", "extra-large batches", "top-5k tokens", "four-small
tracks"), and an identifier inside an address or a path. The names are invented.

Each case: a class, a title, an abstract, the names to find with their types, the names that must not appear.
Prints per class how many names are found with the right type; ``-v`` lists the misses.

Run::

    python benchmarks/probe_checkpoint_ids.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str], list[str]]] = [
    # class 1: a checkpoint's identifier in lower case
    ("checkpoint", "quill_base_uncased Is Still a Strong Baseline for Clinical Negation",
     "Large biomedical encoders are assumed to beat general ones. We fine-tune quill_base_uncased on three negation corpora and find it within one point of the biomedical encoders.",
     {"quill_base_uncased": "Model"}, []),
    ("checkpoint", "Annotating with Chat Models",
     "We compare labels from tessa-3-5-swift-20240611 and from crowdworkers on five tasks. Agreement is high on topic and low on sarcasm.",
     {"tessa-3-5-swift-20240611": "Model"}, []),
    ("checkpoint", "Accented Speech Recognition in Clinics",
     "Our system fine-tunes orca9-large-xl-53 with accent-balanced sampling and an n-gram language model. Word error rate falls by 12%.",
     {"orca9-large-xl-53": "Model"}, []),
    ("checkpoint", "Cheap Transcripts for Spoken Language Understanding",
     "A tagger trained on machine transcripts loses one point against gold transcripts, and a distilled recogniser (wrenlm-large-v2) gives the same result at six times the speed.",
     {"wrenlm-large-v2": "Model"}, []),
    # class 2: no checkpoint
    ("not", "Retrieval over Curated Facts",
     "We build a knowledge-base of 2M facts and train with extra-large batches. Sampling from the top-5k tokens helps; the four-small tracks are skipped.",
     {}, ["knowledge-base", "extra-large", "top-5k", "four-small"]),
    ("not", "Reproducing a Tagger",
     "Weights are at hub.example.org/quill-large-v2 and the config in configs/quill_base_uncased.yaml; the tagger matches the reported F1.",
     {}, ["quill-large-v2", "quill_base_uncased"]),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
