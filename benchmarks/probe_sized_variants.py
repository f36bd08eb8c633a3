# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""The sizes of a proposed name written apart from it: a probe of invented abstracts for the ``proposed`` mark.

* ``apart``: the paper proposes a name ("We propose Tarnwick, …", "Tarnwick: …") and reports its sizes in later
  sentences, not listed beside it ("Tarnwick-T reaches …", "Tarnwick-Big obtains …", "On X Tarnwick-Small
  reaches …", "Tarnwick-base and Tarnwick-large"): each size is found and proposed;
* ``sibling``: two sizes of a family, the first proposed by the cue, the other written in another sentence
  ("Mirebell-mini with … and Mirebell-tiny with …"): both proposed;
* ``apposed``: the name is apposed to the kind the authors propose, in the abstract's opening ("We propose a
  keyword spotter, Brantle, that …"), and its size comes later: both proposed; ``apposed-neg``: the baseline
  it beats, or a known name after a kind and a participle ("a simple estimator, building on X"), is not;
* ``version-neg``: an earlier version of the proposed name ("Quillon-v2" beside "Quillon-v3", "Harrowby 2" beside
  "Harrowby-Lite") is the work it improves on: not proposed;
* ``known-neg``: a size of a known family beside the paper's own size of it ("ViT-H" beside a proposed "ViT-2B",
  "T5-XXL" beside a proposed model), or a baseline's size ("GLIP-T"): not proposed.

Each case: a title, an abstract, a name and whether the paper proposes it (a name not found counts as not
proposed). Prints how many cases are right per class; ``-v`` lists every case.

Run::

    python benchmarks/probe_sized_variants.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    ("apart", "Tarnwick: Open-Vocabulary Segmentation via Caption Grounding",
     "We propose Tarnwick, an open-vocabulary segmenter trained on image-caption pairs with pseudo-masks. Tarnwick-T achieves 24.1 mIoU on ADE20K zero-shot, outperforming ODISE by 2.3 points. Without pseudo-masks the gain disappears.", "Tarnwick-T", True),
    ("apart", "Pellory: Shared Cross-Attention Keys for Fast Translation",
     "We revisit deep-encoder shallow-decoder Transformers and propose Pellory, which shares cross-attention keys across layers. Pellory-Big obtains 29.1 BLEU on WMT'14 En-De against 28.4 for Transformer-Big. On IWSLT'14 De-En Pellory-Small reaches 35.6 BLEU.", "Pellory-Big", True),
    ("apart", "Pellory: Shared Cross-Attention Keys for Fast Translation",
     "We revisit deep-encoder shallow-decoder Transformers and propose Pellory, which shares cross-attention keys across layers. Pellory-Big obtains 29.1 BLEU on WMT'14 En-De against 28.4 for Transformer-Big. On IWSLT'14 De-En Pellory-Small reaches 35.6 BLEU.", "Pellory-Small", True),
    ("apart", "Dunmere: A Compact Speech Foundation Model",
     "We present Dunmere, a compact speech foundation model trained by masked prediction on 60k hours. Dunmere-Base (94M) and Dunmere-Large (310M) reach SUPERB scores of 880 and 925, above HuBERT Base at equal size.", "Dunmere-Base", True),
    ("apart", "Corvane: OCR-Free Document Understanding",
     "We present Corvane, an OCR-free document model pairing a Swin encoder with a BART decoder. Corvane-Base reaches 85.0 entity F1 on FUNSD and 70.2 ANLS on DocVQA, above Donut by 3.1 points.", "Corvane-Base", True),
    ("apart", "Brisbeck: Text Embeddings from Weakly Paired Passages",
     "We release Brisbeck-base and Brisbeck-large, text embedding models trained with a two-stage contrastive recipe. Brisbeck-large averages 54.0 nDCG@10 on BEIR, above E5-large-v2.", "Brisbeck-base", True),
    ("sibling", "Compact Sound Event Taggers for Hearing Aids",
     "We distil an ensemble of PANNs into two compact students, Mirebell-mini with 300K parameters and Mirebell-tiny with 80K parameters. On AudioSet Mirebell-mini reaches an mAP of 0.37 and Mirebell-tiny 0.32.", "Mirebell-tiny", True),
    ("apposed", "Noise-Robust Keyword Spotting on Speech Commands",
     "We propose a keyword spotter, Brantle, that combines a broadcasted residual network with a noise-conditioned normalisation layer. Brantle-S (45k parameters) reaches 97.6% accuracy on Google Speech Commands V2, outperforming BC-ResNet-1 by 0.7 points.", "Brantle", True),
    ("apposed", "Noise-Robust Keyword Spotting on Speech Commands",
     "We propose a keyword spotter, Brantle, that combines a broadcasted residual network with a noise-conditioned normalisation layer. Brantle-S (45k parameters) reaches 97.6% accuracy on Google Speech Commands V2, outperforming BC-ResNet-1 by 0.7 points.", "Brantle-S", True),
    ("apposed-neg", "Noise-Robust Keyword Spotting on Speech Commands",
     "We propose a keyword spotter, Brantle, that combines a broadcasted residual network with a noise-conditioned normalisation layer. Brantle-S (45k parameters) reaches 97.6% accuracy on Google Speech Commands V2, outperforming BC-ResNet-1 by 0.7 points.", "BC-ResNet-1", False),
    ("apposed-neg", "Robust Estimation of Treatment Effects",
     "We propose a simple estimator, building on Horvitz-Thompson weighting, that is robust to outliers. It reduces the error of the Hajek estimator by a third on simulated panels.", "Horvitz-Thompson", False),
    ("version-neg", "Quillon-v3: Code Search Embeddings Trained with Verified Hard Negatives",
     "We present Quillon-v3, a code search embedding model trained with hard negatives verified by execution. Quillon-v3 improves MRR on CodeSearchNet by 4.2 points over Quillon-v2 and by 6.0 over UniXcoder.", "Quillon-v2", False),
    ("version-neg", "Harrowby-Lite: Fast Text-to-Speech on Mobile CPUs",
     "We present Harrowby-Lite, a lightweight text-to-speech model for phones. Harrowby-Lite is five times faster than Harrowby 2 on a mobile CPU at equal naturalness.", "Harrowby 2", False),
    ("known-neg", "Scaling Masked Autoencoders to 2B Parameters",
     "We scale masked autoencoder pretraining to ViT-2B, a vision transformer with two billion parameters. ViT-2B reaches 88.1% top-1 on ImageNet, above ViT-H by 1.2 points.", "ViT-H", False),
    ("known-neg", "Kestrane: Open-Vocabulary Detection via Region-Text Pretraining",
     "We propose Kestrane, an open-vocabulary detector pre-trained on region-text pairs. Kestrane-T achieves 31.0 AP on LVIS minival zero-shot, outperforming GLIP-T by 6.1 AP.", "GLIP-T", False),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
