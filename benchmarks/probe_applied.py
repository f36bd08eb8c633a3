# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Whose a name is: a probe of invented abstracts for the ``proposed`` mark. A known method the title
leads with that the abstract only applies ("Random Forests for …" with "We evaluate random forests on …", "We
employ a transductive label propagation method", "Using active learning, we …")
is used, not proposed; names beside a proposal (what the proposed model is trained on, fine-tunes or
adapts) are not proposed; the paper's own names (coined in the title or the abstract) stay proposed. The
known methods are real names (the shipped gazetteer's); the abstracts and coined names are invented.

Each case: a title, an abstract, a name and whether the paper proposes it. Prints how many cases are
right; ``-v`` lists every case.

Run::

    python benchmarks/probe_applied.py [-v]
"""

from __future__ import annotations

import sys

from graphbuild.nlp.pipeline import extract_text

# (title, abstract, name, proposed?)
CASES = [
    # class 1: a known method at the title's head, applied
    ("Gradient Boosting for Crop Yield Prediction from Satellite Time Series",
     "We apply gradient boosting to county-level maize yields with vegetation indices as features. It beats a linear model by 9%.", "gradient boosting", False),
    ("Principal Component Analysis for Fault Detection in Chemical Plants",
     "We apply principal component analysis to 52 process variables and monitor the squared prediction error. Faults are found 20 minutes earlier.", "principal component analysis", False),
    ("Hidden Markov Models for Activity Recognition in Smart Homes",
     "We evaluate hidden Markov models on sensor streams from three apartments and compare with a decision tree. Accuracy reaches 87%.", "hidden Markov model", False),
    ("Conditional Random Fields for Named Entity Recognition in Clinical Notes",
     "We use conditional random fields with lexical and dictionary features on 400 discharge summaries. The F1 score is 0.86.", "conditional random field", False),
    ("Latent Dirichlet Allocation for Topic Discovery in Parliamentary Speeches",
     "We apply latent Dirichlet allocation to 60,000 speeches and track how topics change across decades.", "latent Dirichlet allocation", False),
    ("K-Means Clustering of Customer Profiles in Retail Banking",
     "We run k-means on transaction features of 80,000 clients and describe five segments.", "k-means", False),
    ("Support Vector Machines for Tumour Classification from Gene Expression",
     "We employ support vector machines with a linear kernel on 7,000 genes and compare with nearest neighbours.", "support vector machine", False),
    ("Random Forests for Predicting Soil Organic Carbon",
     "We evaluate random forests on 3,000 soil samples with terrain and climate covariates.", "random forest", False),
    ("Long Short-Term Memory Networks for River Flow Forecasting",
     "We implement a long short-term memory network and train it on 30 years of daily discharge.", "long short-term memory", False),
    ("Independent Component Analysis for Removing Ocular Artefacts",
     "We decompose 32-channel recordings with independent component analysis and reject components by kurtosis.", "independent component analysis", False),
    ("Spectral Clustering of Trade Networks",
     "We build agreement graphs from bilateral trade and group countries with spectral clustering.", "spectral clustering", False),
    # class 1b: applied with a modifier between ("we employ a transductive …"), opening a sentence with "Using",
    # or analysed ("an analysis of the …")
    ("Label Propagation for Weakly Labelled Bird Song Detection",
     "Bird song recordings are labelled only per clip. We employ a transductive label propagation method over a graph of clip embeddings to label every frame. Detection F1 rises by 11 points.", "label propagation", False),
    ("Active Learning for Defect Classification on Wafer Maps",
     "Labelling wafer maps needs experts. Using active learning, we cut the number of labelled maps by 70% with no loss in accuracy. Entropy sampling works best.", "active learning", False),
    ("Gradient Boosting for Tabular Churn Prediction: A Closer Look",
     "Churn data are imbalanced and noisy. We present an analysis of the gradient boosting method on six churn datasets, varying tree depth and learning rate. Shallow trees generalise best.", "gradient boosting", False),
    # class 1 positives: the title's head is the paper's own (coined) or proposed
    ("Quorvel Networks for Graph Matching",
     "We propose Quorvel networks, which match nodes by learned permutations. Quorvel networks beat prior matchers.", "Quorvel networks", True),
    ("Tessaline: Fast Gradient Boosting on Encrypted Data",
     "We present Tessaline, a gradient boosting system that trains on homomorphically encrypted records. We apply Tessaline to credit data.", "Tessaline", True),
    ("Varnex for Sparse Regression",
     "We introduce Varnex, a sparse regression estimator with adaptive penalties. We apply Varnex to gene selection.", "Varnex", True),
    ("Gradient Boosting with Piecewise Linear Trees",
     "We propose PL-Boost, gradient boosting with piecewise linear trees in the leaves. PL-Boost converges faster.", "PL-Boost", True),
    ("Kernel PCA for Novelty Detection in Turbines",
     "We apply kernel PCA and propose KNov, a novelty score built on its reconstruction error. KNov finds 90% of faults.", "KNov", True),
    # class 2: side names in a proposing sentence
    ("Stellar Parameters from Low-Resolution Spectra",
     "We present Lumora, a transformer trained on spectra from the Gaia archive and APOGEE, applied to photometry from the Zwicky Transient Facility. Lumora halves errors.", "APOGEE", False),
    ("Stellar Parameters from Low-Resolution Spectra",
     "We present Lumora, a transformer trained on spectra from the Gaia archive and APOGEE, applied to photometry from the Zwicky Transient Facility. Lumora halves errors.", "Lumora", True),
    ("Stellar Parameters from Low-Resolution Spectra",
     "We present Lumora, a transformer trained on spectra from the Gaia archive and APOGEE, applied to photometry from the Zwicky Transient Facility. Lumora halves errors.", "Zwicky Transient Facility", False),
    ("Sarcasm Detection in Code-Mixed Tweets",
     "We propose SarcMix, fine-tuned RoBERTa with a contrastive loss, and evaluate it on two corpora.", "RoBERTa", False),
    ("Sarcasm Detection in Code-Mixed Tweets",
     "We propose SarcMix, fine-tuned RoBERTa with a contrastive loss, and evaluate it on two corpora.", "SarcMix", True),
    ("Segmenting Cells in Phase-Contrast Microscopy",
     "We adapt U-Net to phase-contrast images and train CellSeg-PC on 900 annotated frames. CellSeg-PC improves Dice by 4 points.", "U-Net", False),
    ("Segmenting Cells in Phase-Contrast Microscopy",
     "We adapt U-Net to phase-contrast images and train CellSeg-PC on 900 annotated frames. CellSeg-PC improves Dice by 4 points.", "CellSeg-PC", True),
    ("Question Answering over Tables",
     "We introduce TabQuill, a model trained on questions from WikiTableQuestions and our new corpus, TabQA-5K. TabQuill beats baselines.", "TabQuill", True),
    ("Question Answering over Tables",
     "We introduce TabQuill, a model trained on questions from WikiTableQuestions and our new corpus, TabQA-5K. TabQuill beats baselines.", "TabQA-5K", True),
]


def main() -> None:
    ok = 0
    for title, text, name, want in CASES:
        ents = {e.name.lower(): e.proposed for e in extract_text(text, title=title).entities}
        got = next((v for k, v in ents.items() if k.startswith(name.lower()) or name.lower().startswith(k)), None)
        good = bool(got) == want
        ok += good
        if not good or "-v" in sys.argv:
            print(("ok  " if good else "BAD ") + f"{name!r} want {want} got {got} | {title}")
    print(f"{ok}/{len(CASES)} right")


if __name__ == "__main__":
    main()
