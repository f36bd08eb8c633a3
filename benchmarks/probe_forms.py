# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""One thing written in several forms lands on one entity with the right name: a probe of invented
abstracts (possessives, "the proposed X", "X-based"/"-style"/"-family" compounds, plurals, an acronym
written apart from its long form, "X (a.k.a. Y)", a version written two ways, "the encoder of X"), with
negatives ("rule-based", "GPU-based", "Transformer-like"). Every name is invented.

Each case: its class, a title, an abstract, the groups of forms that must land on one scored entity
(whose name is one of those given) and names no scored entity may have. Prints how many cases of each
class pass; ``-v`` lists the failures with what was found.

Run::

    python benchmarks/probe_forms.py [-v]
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from graphbuild.nlp.pipeline import extract_text


def key(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


CASES: list = [
    (
        "poss",
        "Fennix: Sparse Routing for Vision",
        "We propose Fennix, a sparse routing model. Fennix's encoder shares weights across stages. We compare with ViT on ImageNet.",
        [(["Fennix"], ["Fennix"])],
        [],
    ),
    (
        "poss",
        "Cheap Retrieval for Question Answering",
        "We study TarsiLo, an open retriever. TarsiLo's index is compressed, and we show that TarsiLo’s recall drops on NQ.",
        [(["TarsiLo"], ["TarsiLo"])],
        ["TarsiLo's index"],
    ),
    (
        "poss",
        "On the Memory of Recurrent Models",
        "We analyse KoriMo's state space layers. KoriMo's memory decays quickly, unlike Mamba.",
        [(["KoriMo"], ["KoriMo"])],
        [],
    ),
    (
        "proposed",
        "Graph Mixing at Scale",
        "We introduce Velmora, a graph mixer. The proposed Velmora outperforms GCN on Cora. The proposed Velmora model needs half the memory.",
        [(["Velmora"], ["Velmora"])],
        ["proposed Velmora"],
    ),
    (
        "compound",
        "Better Encoders for Speech",
        "We present a BrindNet-based encoder for speech. Compared with the bare BrindNet, the BrindNet-style pooling helps on LibriSpeech.",
        [(["BrindNet"], ["BrindNet"])],
        ["BrindNet-based", "BrindNet-style"],
    ),
    (
        "compound_only",
        "Faster Decoding",
        "We build a ZorvNet-based decoder and test it on WMT14. The ZorvNet-based decoder is twice as fast as beam search.",
        [(["ZorvNet"], ["ZorvNet"])],
        ["ZorvNet-based"],
    ),
    (
        "compound_only",
        "Lightweight Detectors",
        "Our detector uses a PellaRix-style backbone and is trained on COCO.",
        [(["PellaRix"], ["PellaRix"])],
        ["PellaRix-style"],
    ),
    (
        "compound",
        "Distilled Transformers",
        "We distil QuinTor into a smaller model. The student is QuinTor-initialised and QuinTor-pretrained, and we evaluate on GLUE.",
        [(["QuinTor"], ["QuinTor"])],
        ["QuinTor-initialised", "QuinTor-pretrained"],
    ),
    (
        "compound_only",
        "Small Chat Models",
        "We fine-tune HarroWel-family models on dialogue. HarroWel-family checkpoints are released with an Apache licence.",
        [(["HarroWel"], ["HarroWel"])],
        ["HarroWel-family"],
    ),
    (
        "compound_only",
        "Text-Only Pretraining",
        "We compare a MirLona-only baseline with multimodal training on VQAv2.",
        [(["MirLona"], ["MirLona"])],
        ["MirLona-only"],
    ),
    (
        "compound",
        "Inspired Attention",
        "Following DraViK, we design a DraViK-inspired attention and a DraViK-like gating.",
        [(["DraViK"], ["DraViK"])],
        ["DraViK-inspired", "DraViK-like"],
    ),
    (
        "neg_compound",
        "Rule-Based and Learned Parsers",
        "We compare rule-based parsers with GPU-based neural parsers and a Transformer-like model. The graph-based variant and the attention-based variant are trained on the Penn Treebank.",
        [],
        ["rule-based", "GPU-based", "Transformer-like", "graph-based", "attention-based", "rule", "GPU"],
    ),
    (
        "neg_compound",
        "Tree-Based Reasoning",
        "A tree-based search and a sampling-based decoder are compared to an LLM-based agent on GSM8K.",
        [(["GSM8K"], ["GSM8K"])],
        ["tree-based", "sampling-based", "LLM-based", "LLM"],
    ),
    (
        "plural",
        "Ensembles of Small Models",
        "We train two RavelNets with different seeds. Each RavelNet is a small MLP mixer; the RavelNets agree on 90% of CIFAR-10.",
        [(["RavelNet"], ["RavelNet", "RavelNets"])],
        [],
    ),
    (
        "plural",
        "Mixing Experts",
        "We propose StrixFormer, a mixture of experts layer. Stacking several StrixFormers improves perplexity on WikiText-103.",
        [(["StrixFormer"], ["StrixFormer", "StrixFormers"])],
        [],
    ),
    (
        "acro_apart",
        "Hierarchical Token Pruning for Long Documents",
        "We propose HTP, which prunes tokens level by level. HTP halves the cost of Longformer on arXiv summarisation.",
        [(["HTP", "Hierarchical Token Pruning"], ["HTP", "Hierarchical Token Pruning"])],
        [],
    ),
    (
        "acro_later",
        "Document Rankers",
        "Our Graded Relevance Distillation improves rankers. Graded Relevance Distillation (GRD) trains a student from graded labels. GRD beats ColBERT on MS MARCO.",
        [(["GRD", "Graded Relevance Distillation"], ["GRD", "Graded Relevance Distillation"])],
        [],
    ),
    (
        "acro_later2",
        "Document Rankers II",
        "GRX is applied after retrieval. We call it Graded Relevance eXchange (GRX), a reranking recipe evaluated on MS MARCO.",
        [(["GRX", "Graded Relevance eXchange"], ["GRX", "Graded Relevance eXchange"])],
        [],
    ),
    (
        "aka",
        "Compact Vision Models",
        "We study Pardalo (a.k.a. PardNet), a compact convolutional model, on ImageNet. PardNet is faster than ResNet-50.",
        [(["Pardalo", "PardNet"], ["Pardalo", "PardNet"])],
        [],
    ),
    (
        "aka",
        "Sparse Optimizers",
        "Our optimizer, Lunara (also known as Lunar Adam), is tested on CIFAR-100 against Adam.",
        [(["Lunara", "Lunar Adam"], ["Lunara", "Lunar Adam"])],
        [],
    ),
    (
        "version",
        "Scaling Quibbit",
        "We release Quibbit 2, the successor of Quibbit. Quibbit-2 is trained on three times more tokens; Quibbit v2 beats Llama 2 on MMLU.",
        [(["Quibbit 2", "Quibbit-2", "Quibbit v2"], ["Quibbit 2", "Quibbit-2"])],
        [],
    ),
    (
        "version",
        "Vision Encoders",
        "We compare Sornet-3 with Sornet 3 distilled, and Sornet v3 is the public name. All are trained on ImageNet-21K.",
        [(["Sornet-3", "Sornet 3", "Sornet v3"], ["Sornet-3", "Sornet 3"])],
        [],
    ),
    (
        "version",
        "Chat Models",
        "Marvox v1.5 is a chat model. We fine-tune Marvox-1.5 and Marvox 1.5 on MT-Bench prompts.",
        [(["Marvox v1.5", "Marvox-1.5", "Marvox 1.5"], ["Marvox-1.5", "Marvox 1.5"])],
        [],
    ),
    (
        "kind_of",
        "Encoder Reuse",
        "We reuse the encoder of TaviLo and the decoder of T5. The training set of WomaBench is filtered before use.",
        [(["TaviLo"], ["TaviLo"]), (["WomaBench"], ["WomaBench"])],
        ["encoder of TaviLo", "training set of WomaBench"],
    ),
    (
        "kind_of",
        "Pretraining Data Audit",
        "We audit the test split of Kelpie-QA and the weights of NorVan. NorVan is a 7B model.",
        [(["Kelpie-QA"], ["Kelpie-QA"]), (["NorVan"], ["NorVan"])],
        ["test split of Kelpie-QA", "weights of NorVan"],
    ),
    (
        "poss_ds",
        "Benchmark Contamination",
        "We find that Garrick-Bench's test set leaks into web crawls. We rebuild Garrick-Bench without the leaked items.",
        [(["Garrick-Bench"], ["Garrick-Bench"])],
        [],
    ),
    (
        "poss_title",
        "FennaMo's Tokenizer Revisited",
        "FennaMo is a multilingual model. We show that FennaMo's tokenizer splits numbers badly.",
        [(["FennaMo"], ["FennaMo"])],
        [],
    ),
    (
        "mixed",
        "Lorikai: Adapters for Speech",
        "We propose Lorikai, adapters for speech models. Lorikai-based tuning of Whisper beats LoRA. Lorikai's adapters are 1% of the parameters.",
        [(["Lorikai"], ["Lorikai"]), (["Whisper"], ["Whisper"])],
        ["Lorikai-based"],
    ),
    (
        "compound_proposed",
        "Retrieval-Augmented Tabular Models",
        "We propose a TabRix-based retriever. TabRix is our new table encoder, and TabRix-pretrained readers beat TAPAS on WikiTQ.",
        [(["TabRix"], ["TabRix"])],
        ["TabRix-based", "TabRix-pretrained"],
    ),
    (
        "neg_word",
        "Physics-Informed Solvers",
        "A physics-based loss and a data-driven prior are combined in a kernel-based solver; we test on Burgers equation.",
        [],
        ["physics-based", "kernel-based", "physics", "kernel"],
    ),
    (
        "compound_acr",
        "Token Merging",
        "We extend ToMe-style merging to audio with a BAT-based scheduler, where BAT stands for Bilby Audio Tokens.",
        [(["ToMe"], ["ToMe"]), (["BAT", "Bilby Audio Tokens"], ["BAT"])],
        ["ToMe-style", "BAT-based"],
    ),
    (
        "the_X_of",
        "Evaluating Codex",
        "We compare the outputs of PraViK and the samples of Quorra-7B on HumanEval.",
        [(["PraViK"], ["PraViK"]), (["Quorra-7B"], ["Quorra-7B"])],
        ["outputs of PraViK"],
    ),
    (
        "poss_plural",
        "Model Zoo",
        "We collect DingoRa checkpoints. DingoRa's checkpoints and the DingoRas' losses are compared on C4.",
        [(["DingoRa"], ["DingoRa"])],
        [],
    ),
    (
        "capword_poss",
        "Cheap Retrieval",
        "We propose Kestrin, an open retriever. Kestrin's index is compressed, and Kestrin's recall drops on NQ.",
        [(["Kestrin"], ["Kestrin"])],
        [],
    ),
    (
        "capword_based",
        "Cheap Decoding",
        "We introduce Morwick, a small decoder. A Morwick-based reranker beats beam search on WMT14.",
        [(["Morwick"], ["Morwick"])],
        ["Morwick-based"],
    ),
    (
        "based_pair",
        "Math Reasoning",
        "Training Mistral-7B-based MetaMath with our loss improves GSM8K accuracy.",
        [(["Mistral-7B"], ["Mistral-7B"]), (["MetaMath"], ["MetaMath"])],
        ["Mistral-7B-based MetaMath"],
    ),
    (
        "based_pair",
        "Quantised Drafts",
        "Our probe pairs with quantised targets such as AWQ-compressed Llama-2-13B and GPTQ-quantised Vicuna-7B.",
        [(["AWQ"], ["AWQ"]), (["Llama-2-13B"], ["Llama-2-13B"]), (["GPTQ"], ["GPTQ"]), (["Vicuna-7B"], ["Vicuna-7B"])],
        [],
    ),
    (
        "based_pair",
        "Student Models",
        "We distil into a BERT-initialised TinyZorb student and a RoBERTa-style KoalaNet on SST-2.",
        [(["BERT"], ["BERT"]), (["TinyZorb"], ["TinyZorb"]), (["RoBERTa"], ["RoBERTa"]), (["KoalaNet"], ["KoalaNet"])],
        [],
    ),
    (
        "version_space",
        "Simulation Pipelines",
        "Samples are generated with Wombix 8 and passed through a detector simulation; variations use Tarnet 7.",
        [(["Wombix 8"], ["Wombix 8"]), (["Tarnet 7"], ["Tarnet 7"])],
        [],
    ),
    (
        "version_space",
        "Phylogenetics",
        "Phylogenies are estimated with QUOLLA 2 under a relaxed clock, and checked with QUOLLA 1.10.",
        [(["QUOLLA 2"], ["QUOLLA 2"]), (["QUOLLA 1.10"], ["QUOLLA 1.10"])],
        [],
    ),
    (
        "title_acro",
        "Graded Token Dropping for Efficient Vision Transformers",
        "We present GTD, a schedule that drops tokens by grade. GTD speeds up DeiT-S by 40% on ImageNet.",
        [(["GTD", "Graded Token Dropping"], ["GTD", "Graded Token Dropping"])],
        [],
    ),
    (
        "title_acro",
        "Sparse Kernel Attention: Linear-Time Transformers",
        "SKA replaces softmax with a sparse kernel. SKA matches Performer on LRA.",
        [(["SKA", "Sparse Kernel Attention"], ["SKA", "Sparse Kernel Attention"])],
        [],
    ),
]


def check(title: str, text: str, groups: list, negatives: list) -> tuple[bool, list[str], list]:
    """Whether a case passes, why not, and what was found."""
    found = extract_text(text, title=title).entities
    scored = [e for e in found if e.type in ("Method", "Model", "Dataset")]
    why = []
    for names, forms in groups:
        keys = [key(f) for f in forms]
        holders = [e for e in found if any(key(m) in keys for m in [e.name, *e.mentions])]
        if len(holders) != 1:
            why.append(f"{forms}: held by {[e.name for e in holders]}")
            continue
        e = holders[0]
        if not set(keys) <= {key(m) for m in [e.name, *e.mentions]}:
            why.append(f"{forms} not all in {e.name} {e.mentions}")
        if key(e.name) not in {key(n) for n in names}:
            why.append(f"name {e.name!r} not in {names}")
        if e.type not in ("Method", "Model", "Dataset"):
            why.append(f"type {e.type}")
    for n in negatives:
        bad = [e.name for e in scored if key(n) == key(e.name)]
        if bad:
            why.append(f"negative {n!r} found: {bad}")
    return not why, why, [(e.name, e.type, e.mentions, e.proposed) for e in found]


def run(cases: list, argv: list[str] | None = None, read=None) -> int:
    """Check each case (``read`` gives the title and abstract as a feed would, where the cases hold markup) and
    print how many of each class pass; ``-v`` in ``argv`` lists the failures with what was found.
    """
    verbose = "-v" in (argv if argv is not None else sys.argv[1:])
    ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for cls, title, text, groups, negatives in cases:
        if read is not None:
            title, text = read(title, text)
        passed, why, found = check(title, text, groups, negatives)
        total[cls] += 1
        ok[cls] += passed
        if verbose and not passed:
            print(f"## {cls}: {title}")
            for line in why + [f"    {f}" for f in found]:
                print("  ", line)
    for cls in total:
        print(f"{cls:20s} {ok[cls]}/{total[cls]}")
    print(f"TOTAL {sum(ok.values())}/{sum(total.values())}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(CASES, argv)


if __name__ == "__main__":
    sys.exit(main())
