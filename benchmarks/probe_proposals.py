# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""What a paper proposes: a probe of invented abstracts for the ``proposed`` mark, in the classes earlier
probes left. (1) The paper's own name as a subject after "our" or "the proposed", with no verb that
introduces it ("Our Quolla improves recall by 4 points"): proposed. (2) A known method the abstract
defines at its first mention ("Low-Rank Adaptation (LoRA) is a popular method …"), one applied in the
passive ("Random forests were trained to …"), and a side name in the proposing sentence that is a source
or input ("embeddings from ESM-2", "initialised from Quolla-base", "data from the UK Biobank"): not
proposed. The known names are real; the abstracts and coined names are invented.

Each case: a title, an abstract, a name and whether the paper proposes it. Prints how many cases are
right per class; ``-v`` lists every case.

Run::

    python benchmarks/probe_proposals.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_proposed

# (class, title, abstract, name, proposed?)
CASES = [
    # class 1: "our X" / "the proposed X" as a subject, no introducing verb
    ("our", "Robust Recall for Sparse Retrieval",
     "Sparse retrievers miss paraphrased queries. Our Quolla improves recall by 4 points on three benchmarks at the same latency.", "Quolla", True),
    ("our", "Real-Time Lane Detection on Embedded Boards",
     "Lane detection must run on cheap hardware. The proposed Quolla-Net runs in real time on a Jetson board and matches larger detectors.", "Quolla-Net", True),
    ("our", "Faster Protein Docking with Learned Scores",
     "Docking is slow. Our Dravik model cuts search time tenfold while keeping success rates on two benchmarks.", "Dravik", True),
    ("our", "Denoising Seismic Traces",
     "Seismic traces are noisy. The proposed Teruvo filter removes ground roll and keeps reflections, beating f-k filtering.", "Teruvo", True),
    ("our", "Efficient Long-Context Attention",
     "Attention is quadratic in length. Our Plimsoll attention scales linearly and matches full attention on long documents.", "Plimsoll", True),
    ("our", "Table Question Answering at Scale",
     "Tables are hard for language models. Experiments show that our Vontar outperforms prior parsers on WikiTableQuestions.", "Vontar", True),
    ("our", "Calibrated Uncertainty for Weather Forecasts",
     "Forecast ensembles are costly. The proposed Skelda-2 sampler yields calibrated spreads with ten members.", "Skelda-2", True),
    ("our", "Low-Light Image Enhancement",
     "Photos taken at night are dark and noisy. Our Lumenfold recovers detail and colour and is preferred by users in a study.", "Lumenfold", True),
    # class 1b: the name set off by commas after the kind just described, acting
    ("apposed", "Faster Policy Learning with Value Models",
     "We learn a value-equivalent model of the environment and plan with it. The resulting agent, Ravelin, reaches the score of MuZero with half the steps.", "Ravelin", True),
    ("apposed", "Hierarchical MLPs for Vision",
     "We merge patches between stages of an MLP. The model, Stepwell-MLP, outperforms MLP-Mixer on ImageNet.", "Stepwell-MLP", True),
    ("apposed", "Occluded Face Detection",
     "Part detectors are fused with a holistic cascade. On two benchmarks the fused detector, Fascine, recovers 87% of occluded faces.", "Fascine", True),
    ("apposed", "Semi-Supervised Learning from Few Labels",
     "Pseudo-labels from weak views train strong views. With 40 labels on CIFAR-10, the recipe, named Quillfix, reaches 88% accuracy.", "Quillfix", True),
    # class 2a: a known method defined at its first mention
    ("defined", "Low-Rank Adaptation Under Distribution Shift",
     "Low-Rank Adaptation (LoRA) is a popular method for tuning large models cheaply; we study its failure modes under distribution shift on six tasks.", "LoRA", False),
    ("defined", "Affinity Propagation for Clustering Customer Reviews",
     "Affinity propagation exchanges messages between data points to find exemplars. We cluster 40,000 reviews and find coherent themes.", "affinity propagation", False),
    ("defined", "Dropout in Recurrent Acoustic Models",
     "Dropout is a widely used regulariser that randomly removes units during training. We measure where it helps in recurrent acoustic models.", "dropout", False),
    ("defined", "Gaussian Processes for Battery Ageing",
     "Gaussian processes give calibrated uncertainty for small data. We model capacity fade of 120 cells and predict end of life within 5%.", "Gaussian process", False),
    ("defined", "Speculative Decoding on Mobile Phones",
     "Speculative decoding accelerates generation by letting a small draft model propose tokens. We measure its speed-up on four phones.", "speculative decoding", False),
    ("defined", "Variational Autoencoders for Anomaly Detection in Turbines",
     "The variational autoencoder (VAE) learns a latent space of normal operation. We score anomalies by reconstruction probability on 40 turbines.", "variational autoencoder", False),
    ("defined", "Principal Component Analysis of Voting Records",
     "Principal component analysis (PCA) finds directions of largest variance. Applied to 20 years of roll calls, two components explain 80% of votes.", "principal component analysis", False),
    # class 2b: applied in the passive
    ("passive", "Random Forests for Landslide Susceptibility",
     "Random forests were trained to map landslide susceptibility from terrain and rainfall covariates in three catchments. Accuracy reached 0.91.", "random forest", False),
    ("passive", "Support Vector Machines for Rice Disease Detection",
     "Support vector machines were used to classify leaf images into five disease classes, with colour and texture features.", "support vector machine", False),
    ("passive", "K-Means Segmentation of Shoppers",
     "K-means was applied to purchase histories of 50,000 shoppers, and six segments were described.", "k-means", False),
    ("passive", "Latent Dirichlet Allocation of Court Rulings",
     "Latent Dirichlet allocation was fitted to 30,000 rulings to find legal topics and their trends over time.", "latent Dirichlet allocation", False),
    ("passive", "Crop Type Mapping from Sentinel-2",
     "XGBoost was used to classify crop types from Sentinel-2 time series of 4,000 fields, reaching 92% accuracy.", "XGBoost", False),
    ("passive", "Hidden Markov Models for Sleep Staging",
     "Hidden Markov models were fitted to wrist accelerometry of 300 nights to infer sleep stages, and compared with polysomnography.", "hidden Markov model", False),
    # class 2d: a known method the title names, beside a name the abstract coins
    ("beside", "Sequential Monte Carlo Tracking of Cells in Time-Lapse Microscopy",
     "Cells divide and cross. The resulting tracker, Mitrovex-PF, keeps identities through 94% of divisions where a bootstrap filter fails.", "sequential Monte Carlo", False),
    ("beside", "Spectral Clustering of Voting Blocs in Regional Parliaments",
     "We introduce a signed variant, Varblok, that weighs disagreement. Blocs are found with spectral clustering and Varblok on 40 years of votes.", "spectral clustering", False),
    ("beside", "Gaussian Processes for Glacier Model Calibration",
     "Ice-flow models are slow to calibrate. We introduce a localised emulator, Kalvora-L, that halves the model runs needed.", "Gaussian process", False),
    ("beside", "Gaussian Processes for Glacier Model Calibration",
     "Ice-flow models are slow to calibrate. We introduce a localised emulator, Kalvora-L, that halves the model runs needed.", "Kalvora-L", True),
    # class 2c: a side name in the proposing sentence is a source or input
    ("side", "Protein Function from Sequence",
     "We propose Ferulin, a classifier on embeddings from ESM-2 that predicts enzyme classes. Ferulin beats BLAST on remote homologs.", "ESM-2", False),
    ("side", "Variable Star Classification",
     "We present Strellix, a recurrent classifier trained on light curves cross-matched with the OGLE catalogue. Strellix reaches 95% accuracy.", "OGLE", False),
    ("side", "Plant Disease Grading",
     "We introduce Grava, a grading head on features extracted by a pretrained ResNet-50. Grava matches expert graders.", "ResNet-50", False),
    ("side", "Small Code Models",
     "We release Quolla-Code, a 1B model initialised from Quolla-base and tuned on permissively licensed code. It solves 40% of HumanEval.", "Quolla-base", False),
    ("side", "Cardiac Risk from Retinal Images",
     "We develop RetiRisk, a risk score learned using data from the UK Biobank, and validate it in two hospital cohorts.", "UK Biobank", False),
    ("side", "Galaxy Morphology at Scale",
     "We present Morphix, a classifier trained with labels from Galaxy Zoo, and apply it to 2 million galaxies.", "Galaxy Zoo", False),
    ("side", "Speech Recognition for Low-Resource Languages",
     "We propose Vekka, an acoustic model initialized from wav2vec 2.0 and fine-tuned on 20 hours of speech.", "wav2vec 2.0", False),
    ("side", "Clinical Note Summaries",
     "We introduce Notera, a summariser built on representations from BioBERT, and evaluate it on 5,000 discharge notes.", "BioBERT", False),
    # the paper's own names in those sentences stay proposed
    ("own", "Protein Function from Sequence",
     "We propose Ferulin, a classifier on embeddings from ESM-2 that predicts enzyme classes. Ferulin beats BLAST on remote homologs.", "Ferulin", True),
    ("own", "Small Code Models",
     "We release Quolla-Code, a 1B model initialised from Quolla-base and tuned on permissively licensed code. It solves 40% of HumanEval.", "Quolla-Code", True),
    ("own", "Cardiac Risk from Retinal Images",
     "We develop RetiRisk, a risk score learned using data from the UK Biobank, and validate it in two hospital cohorts.", "RetiRisk", True),
    ("own", "Varnex: Sparse Regression with Adaptive Penalties",
     "Varnex is a sparse regression estimator with adaptive penalties. It selects fewer false genes than the lasso.", "Varnex", True),
    ("own", "Tessel-3D: Sparse Voxel Diffusion for Scene Completion",
     "Tessel-3D completes indoor scenes from partial scans with a sparse voxel diffusion model and beats SG-NN.", "Tessel-3D", True),
]


def main(argv: list[str]) -> int:
    return run_proposed(CASES, argv, prefix=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
