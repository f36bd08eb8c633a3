# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a paper that names many things proposes: a probe of invented surveys, comparisons and benchmark papers
for the ``proposed`` mark. (1) The title adds the paper's own artifact as its last phrase, "the NAME KIND" after
its colon, a comma, "and" or "with" ("A Survey of X and the Quorra Benchmark", "A Comparison with the Quorra
Suite", "…: The Quorra Test Set"): proposed; the same phrase after a verb or a preposition ("Revisiting the
Quorra Benchmark", "Results on the Quorra Split"), or a model or method a title says it applies ("… with the
Quorra Model"), is not; nor are the many names the abstract lists. (2) The abstract makes the artifact with a
verb of assembling or running ("we assemble X", "we maintain X", "producing X"): proposed; the listed systems it
compares are not. (3) The coined lower-case name of released code or recipes ("Our evaluation code, X, is public",
"released as X", "X, our re-scoring script", "collected in X"): proposed; a plain word in such a place is no name. The known names are real; the abstracts and coined names are invented.

Each case: a title, an abstract, a name and whether the paper proposes it. Prints how many cases are right per
class; ``-v`` lists every case.

Run::

    python benchmarks/probe_released.py [-v]
"""

from __future__ import annotations

import sys
from collections import Counter

from graphbuild.nlp.pipeline import extract_text

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: "the NAME KIND" closing the title, after its colon, a comma, "and" or "with"
    ("title_kind", "A Survey of Table Question Answering and the Quorvel Meta-Benchmark",
     "We survey table question answering, from semantic parsers to TAPAS and TaPEx. Results are scattered over WikiTableQuestions, WikiSQL and SQA. Quorvel re-casts nine of these sets into one format, and on Quorvel no system wins everywhere.", "Quorvel", True),
    ("title_kind", "Speech Translation for Low-Resource Languages: A Comparison and the Brandle Corpus",
     "We compare cascaded and end-to-end speech translation with Whisper and SeamlessM4T. Brandle holds 300 hours of Wolof speech with French translations. End-to-end models trail the cascades by three BLEU points on Brandle.", "Brandle", True),
    ("title_kind", "Reproducing Contrastive Sentence Embeddings: The Tessaly-Repro Study",
     "We re-run SimCSE, DiffCSE and PromCSE on the STS benchmarks with the released code. Two of three results reproduce within half a point. All scripts are collected in Tessaly-Repro.", "Tessaly-Repro", True),
    ("title_kind", "Edge Inference of Vision Transformers, with the Pikemoor Measurements",
     "We survey token pruning and quantisation for vision transformers such as DeiT and Swin. Because papers measure on different boards, Pikemoor reports latency and energy of twelve methods on three phones.", "Pikemoor", True),
    ("title_kind", "Code Retrieval Evaluation Revisited: The Larchfield Benchmark",
     "Larchfield asks a retriever to find the function a commit changed, over 2,000 commits. BM25, CodeBERT and UniXcoder are compared; BM25 is a strong baseline.", "Larchfield", True),
    ("title_kind", "Open Speech Recognisers: A Review and the Wexhall-Lite Leaderboard",
     "We review open speech recognisers such as wav2vec 2.0, HuBERT and Whisper. Wexhall-Lite evaluates released checkpoints on the same hardware budget; Whisper leads on accented speech.", "Wexhall-Lite", True),
    ("title_not", "Revisiting the Quennet Benchmark for Relation Extraction",
     "The Quennet benchmark of relation extraction has been used since 2019. We re-annotate its test set and re-evaluate SpanBERT and LUKE, which lose four points of F1 under the corrected labels.", "Quennet", False),
    ("title_not", "Pairwise Preferences at Scale: Ranking Essays with the Bradley-Terry Model",
     "We collect 40,000 pairwise judgements of student essays and fit the Bradley-Terry model to rank them. Rankings agree with expert grades at a correlation of 0.8.", "Bradley-Terry", False),
    ("title_not", "Results of Sparse Retrievers on MS MARCO and the Velmont Split",
     "We compare SPLADE and BM25 on MS MARCO and on the Velmont split released by earlier work. SPLADE leads on both.", "Velmont", False),
    # the names a survey or a comparison lists: not proposed
    ("listed", "A Survey of Hallucination Detection and the Quorvel Meta-Benchmark",
     "We survey methods that detect hallucinated content, such as SelfCheckGPT and FActScore, on TruthfulQA and HaluEval. Quorvel re-casts these sets into one format.", "SelfCheckGPT", False),
    ("listed", "Speech Translation for Low-Resource Languages: A Comparison and the Brandle Corpus",
     "We compare cascaded and end-to-end speech translation with Whisper and SeamlessM4T. Brandle holds 300 hours of Wolof speech with French translations.", "SeamlessM4T", False),
    # class 3: the coined lower-case name of released code, scripts or recipes: proposed; plain words there are none
    ("released", "A Reproducibility Study of Prompt Compression",
     "We re-run LLMLingua and Selective Context on LongBench with the released code. Gains shrink by half under a fixed budget. Our evaluation code, promptcut-eval, is public.", "promptcut-eval", True),
    ("released", "Comparing Optimisers for Vision Transformers",
     "We compare AdamW, LAMB and Lion on ViT-B/16 over 300 runs. Lion wins only with tuned weight decay. The sweep scripts are released as vitsweep.", "vitsweep", True),
    ("released", "Seeds Matter in Offline Reinforcement Learning",
     "CQL and IQL are run with twenty seeds on D4RL. Rankings flip on half of the tasks. We release quorrplot, a small library that draws bootstrapped intervals.", "quorrplot", True),
    ("released", "Re-scoring Music Transcription Systems",
     "Onset tolerances differ across papers. tolfix, our re-scoring script, recomputes published outputs under one tolerance.", "tolfix", True),
    ("released", "Graph Kernels Revisited",
     "We re-implement the Weisfeiler-Lehman kernel and GIN on TUDataset. Our re-implementations are collected in kernrepro.", "kernrepro", True),
    ("released_not", "Instruction Tuning at Small Scale",
     "We fine-tune Llama-2-7B on Alpaca and Dolly. Our code, data, and model checkpoints are released.", "data", False),
    ("released_not", "Compressive Imaging with Unrolled Networks",
     "We unroll ADMM for snapshot imaging under the CACTI and CASSI framework, respectively.", "respectively", False),
    # class 2: the abstract makes its artifact with a verb of assembling, maintaining or producing
    ("made", "Agentic Web Search: A Survey",
     "We survey agentic search systems such as ReAct-style agents and Self-RAG. To compare them we assemble Fenwold, a unified benchmark that merges HotpotQA and MuSiQue under one judge.", "Fenwold", True),
    ("made", "Open Vision Encoders: A Survey",
     "We survey open vision encoders such as CLIP, SigLIP and DINOv2. We maintain Ostrava-Board, a leaderboard that evaluates released checkpoints on the same budget.", "Ostrava-Board", True),
    ("made", "Do Question Answering Models Read Paraphrases?",
     "We paraphrase 4,000 questions from the SQuAD development set, producing Tamsin-QA. BiDAF and QANet lose up to 15 points of F1 on Tamsin-QA.", "Tamsin-QA", True),
    ("made", "Do Question Answering Models Read Paraphrases?",
     "We paraphrase 4,000 questions from the SQuAD development set, producing Tamsin-QA. BiDAF and QANet lose up to 15 points of F1 on Tamsin-QA.", "QANet", False),
    ("made", "Reading Comprehension Across Domains: An Empirical Study",
     "We assemble SQuAD and NewsQA into one training pool and compare BiDAF with BERT. Pooling helps the smaller domain most.", "SQuAD", False),
]


def main() -> None:
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for kind, title, text, name, want in CASES:
        ents = {e.name.lower(): e.proposed for e in extract_text(text, title=title).entities}
        got = next((v for k, v in ents.items() if k.startswith(name.lower()) or name.lower().startswith(k)), None)
        good = bool(got) == want
        right[kind] += good
        seen[kind] += 1
        if not good or "-v" in sys.argv:
            print(("ok  " if good else "BAD ") + f"[{kind}] {name!r} want {want} got {got} | {title}")
    print(" ".join(f"{k} {right[k]}/{seen[k]}" for k in seen) + f"; {sum(right.values())}/{len(CASES)} right")


if __name__ == "__main__":
    main()
