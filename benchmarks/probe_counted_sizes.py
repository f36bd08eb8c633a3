# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Types of names from what the sentence says they hold or which size of a family they are: a probe of
invented abstracts.

* ``counted``: a coined name followed by a count of the items it holds ("X contains 2,310 reactions", "we
  introduce X, 3,400 questions over …") is a data set, whatever its ending ("…-Bench", "…Mark") or a title
  that asks a question makes of it;
* ``counted-neg``: a count of a model's parts or of a run's measures ("X consists of 12 transformer layers",
  "X, 3 times faster") says nothing of data: the name keeps the type its other words give it;
* ``tier`` / ``tier-neg``: a checkpoint named by its size tier ("X-small", "X-base", "X-large") is a model;
  a data set named with a tier word keeps its type where its words say it is data.

Each case: its class, a title, an abstract and the names with the type they must get. Prints how many
names of each class are found, and found with the right type; ``-v`` lists the others with what was found.

Run::

    python benchmarks/probe_counted_sizes.py [-v]
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from graphbuild.nlp.pipeline import extract_text


def key(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


CASES: list[tuple[str, str, str, dict[str, str]]] = [
    ("counted", "Fernwick-Bench: Can LLMs Read Lab Notebooks?",
     "Lab notebooks mix tables, sketches and shorthand. Fernwick-Bench contains 1,940 notebook pages from four laboratories, each annotated by two chemists. We test GPT-4o and Llama-3-70B-Instruct; both miss most hand-drawn tables.",
     {"Fernwick-Bench": "Dataset"}),
    ("counted", "Quarrystone: How Well Do Vision-Language Models Count?",
     "Counting remains hard for multimodal models. We introduce Quarrystone, 2,700 questions over aerial and street photographs with exact counts. We evaluate Qwen2-VL-7B and InternVL2-26B and find errors grow with the count.",
     {"Quarrystone": "Dataset"}),
    ("counted", "Tallowmark: Evaluating Proof Assistants with Reasoning Models",
     "Tallowmark comprises about 480 competition problems formalised in Lean 4. We evaluate DeepSeek-R1 and o3 and report how many proofs are verified.",
     {"Tallowmark": "Dataset"}),
    ("counted", "Ambient Sound Tagging at Scale",
     "We release Murmelbox, which consists of 12k annotated clips recorded in forty cities, and train an audio tagger on it. Murmelbox is public.",
     {"Murmelbox": "Dataset"}),
    ("counted-neg", "Compact Speech Encoders",
     "We propose Whistlegrove, an encoder for keyword spotting. Whistlegrove consists of 12 transformer layers and runs on a microcontroller; it beats a CNN baseline on two keyword sets.",
     {"Whistlegrove": "Model"}),
    ("counted-neg", "Faster Beam Search for Translation",
     "We propose Skiffel, a decoding algorithm that prunes hypotheses by their length-normalised score. Skiffel, 3 times faster than beam search, keeps BLEU within 0.2 points.",
     {"Skiffel": "Method"}),
    ("tier", "Pretraining Encoders with Swapped Token Detection",
     "We pretrain an encoder that detects swapped tokens and release three checkpoints, Corvane-small, Corvane-base and Corvane-large. Corvane-base matches a larger baseline on GLUE.",
     {"Corvane-small": "Model", "Corvane-base": "Model", "Corvane-large": "Model"}),
    ("tier", "Translation for Low-Resource Languages",
     "We train Tamarisk-MT-Base and Tamarisk-MT-Large on 40 languages and compare them with NLLB-200 on FLORES-200.",
     {"Tamarisk-MT-Base": "Model", "Tamarisk-MT-Large": "Model"}),
    ("tier-neg", "Arrhythmia Classification from Ambulatory Records",
     "We evaluate a 1D ResNet on the Holmcrest-Large dataset of 21,000 ambulatory recordings and report macro-F1.",
     {"Holmcrest-Large": "Dataset"}),
]


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    good: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for cls, title, abstract, want in CASES:
        found: dict[str, str] = {}
        for e in extract_text(f"{title}\n\n{abstract}", title=title).entities:
            for m in (e.name, *e.mentions):
                found.setdefault(key(m), e.type)
        for name, type_ in want.items():
            total[cls] += 1
            got = found.get(key(name))
            if got is not None:
                seen[cls] += 1
                if got == type_:
                    good[cls] += 1
                    continue
            if verbose:
                print(f"  [{cls}] {name}: want {type_}, got {got or 'nothing'}")
    for cls in total:
        print(f"{cls}: {good[cls]} typed right, {seen[cls]} found, of {total[cls]}")
    print(f"all: {sum(good.values())} typed right, {sum(seen.values())} found, of {sum(total.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
