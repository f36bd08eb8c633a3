# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A name's type from the words of language around it: a probe of invented abstracts. Coined names
appositive to an architecture or model noun ("X, a 1D ResNet for …", "we train X, a 12-layer
transformer", "a convolutional network (X)") or named as one ("the model is named X", "a residual
network, which we name X") are models; coined names appositive to an algorithm,
procedure, scheme, objective, loss or sampler are methods; classic model families and classic
algorithms are typed as ANNOTATION.md's table says (a model family is a Model, an algorithm a Method).
The coined names are invented; the classic ones are the well-known families themselves.

Each case: its class, a title, an abstract and the names with the type they must get. Prints how many
names of each class are found, and found with the right type; ``-v`` lists the others with what was found.

Run::

    python benchmarks/probe_types.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str]]] = [
    ("appos-arch", "Detecting Atrial Flutter from Wristbands",
     "We trained Pulmarek, a 1D ResNet for rhythm classification, on 9,000 hours of recordings and tested it on two cohorts.",
     {"Pulmarek": "Model"}),
    ("appos-arch", "Small Language Models for Legal Text",
     "We train Quolla, a 12-layer transformer, on 40GB of court rulings and compare it with BERT on three tasks.",
     {"Quolla": "Model"}),
    ("appos-arch", "Retinal Grading in Rural Clinics",
     "The system, Varnetix, an EfficientNet-B4 fine-tuned on fundus photographs, was validated in 14 clinics.",
     {"Varnetix": "Model"}),
    ("appos-arch", "Cell Atlas Integration",
     "We introduce scMirra, a contrastive variational autoencoder that aligns cells across batches, and evaluate it on three atlases.",
     {"scMirra": "Model"}),
    ("appos-arch", "Resistance Prediction from Genomes",
     "We present Kalvor, a gradient-boosted classifier built on k-mer counts, trained on 9,100 genomes.",
     {"Kalvor": "Model"}),
    ("appos-arch", "Crystal Property Prediction",
     "We propose Perilune, a graph neural network that passes messages over a torus, and test it on two benchmarks.",
     {"Perilune": "Model"}),
    ("appos-arch", "Phone Recognition with Durations",
     "We describe DurZell, an explicit-duration hidden Markov model whose durations follow gamma densities.",
     {"DurZell": "Model"}),
    ("appos-arch", "Land Cover Mapping",
     "We present Terravo, a U-Net with a temporal attention encoder, and map crops across four seasons.",
     {"Terravo": "Model"}),
    ("paren-arch", "Leaf Disease Recognition",
     "We design a convolutional network (Quollanet) for leaf disease recognition and reach 97% accuracy on a new set of images.",
     {"Quollanet": "Model"}),
    ("paren-arch", "Compact Speech Recognisers",
     "A lightweight recurrent encoder (Fennick) is distilled from a larger teacher for microcontrollers.",
     {"Fennick": "Model"}),
    ("named-arch", "Meme Classification",
     "We propose a multimodal transformer called Brisvane that fuses text and image features for meme classification.",
     {"Brisvane": "Model"}),
    ("named-arch", "Helmet Detection",
     "We modify a one-stage detector by replacing its backbone and call the resulting network Gorrimo.",
     {"Gorrimo": "Model"}),
    ("appos-proc", "Boosting under Label Noise",
     "We propose CapMora, a boosting algorithm that caps the weight of any example by its running margin.",
     {"CapMora": "Method"}),
    ("appos-proc", "Faster Sampling",
     "We introduce Zelvo, a sampling procedure that reuses the score network across steps, and apply it to image generation.",
     {"Zelvo": "Method"}),
    ("appos-proc", "Training Stable Flows",
     "We propose Tarnish, a training scheme that anneals the temperature of the base distribution.",
     {"Tarnish": "Method"}),
    ("appos-proc", "Robust Retrieval",
     "We introduce Quibbler, a contrastive objective that weights hard negatives by their margin, and train a dense retriever with it.",
     {"Quibbler": "Method"}),
    ("appos-proc", "Imbalanced Segmentation",
     "We propose Morlow, a loss that penalises boundary errors more than interior ones, and train a U-Net with it.",
     {"Morlow": "Method"}),
    ("appos-proc", "Graph Sampling",
     "We present Sprindle, a neighbourhood sampler that keeps the variance of the aggregated features bounded.",
     {"Sprindle": "Method"}),
    ("appos-proc", "Inference in Loopy Graphs",
     "We propose TRW-Fennel, a message-passing schedule that guarantees monotone improvement of the bound.",
     {"TRW-Fennel": "Method"}),
    ("kind-called", "Intrusion Detection for Small Networks",
     "The hyperparameters of a deep network are tuned by a swarm optimiser and the model is named Quorrel-DNN; it reaches 99% accuracy on two traffic datasets.",
     {"Quorrel-DNN": "Model"}),
    ("kind-called", "Long Document Summarisation",
     "In this paper we proposed a novel efficient transformer which is called as Vellumo for summarisation of long reports, and Vellumo beats two baselines.",
     {"Vellumo": "Model"}),
    ("kind-called", "Finding Lenses in Wide Surveys",
     "We train a residual network, which we name LensQuill-R, on 200,000 simulated lenses and apply it to 1,000 square degrees of imaging.",
     {"LensQuill-R": "Model"}),
    ("kind-called", "Sentiment of Short Posts",
     "We compare classical learners with deep models and proposed an ensemble called as Murrelon which is achieved macro F1 of 0.82.",
     {"Murrelon": "Model"}),
    ("kind-called", "Optimising Truss Layouts",
     "In this paper a new nature-inspired metaheuristic algorithm called as Dovetrix is proposed and tested on ten truss problems.",
     {"Dovetrix": "Method"}),
    ("classic-model", "Tagging Gene Mentions",
     "We apply conditional random fields to recognise gene mentions and compare them with hidden Markov models.",
     {"conditional random fields": "Model", "hidden Markov models": "Model"}),
    ("classic-model", "Text Categorisation with Few Labels",
     "We compare support vector machines with naive Bayes on news articles.",
     {"support vector machines": "Model"}),
    ("classic-model", "Topic Discovery in Forums",
     "We fit latent Dirichlet allocation to forum posts and compare it with a hierarchical Dirichlet process.",
     {"latent Dirichlet allocation": "Model"}),
    ("classic-model", "Speaker Verification",
     "Speaker verification systems use Gaussian mixture models adapted from a background model.",
     {"Gaussian mixture models": "Model"}),
    ("classic-model", "Robot Dynamics",
     "Gaussian processes give calibrated predictions of joint torques but scale cubically with data.",
     {"Gaussian processes": "Model"}),
    ("classic-model", "Load Forecasting",
     "We compare ARIMA with an LSTM on hourly electricity load.",
     {"ARIMA": "Model"}),
    ("classic-method", "Clustering Shoppers",
     "We cluster customers with k-means and initialise the centres with k-means++.",
     {"k-means": "Method"}),
    ("classic-method", "Stereo Matching",
     "We solve the labelling with loopy belief propagation on a pairwise Markov random field.",
     {"loopy belief propagation": "Method", "Markov random field": "Model"}),
    ("classic-method", "Ranking Search Results",
     "We train gradient boosted regression trees with LambdaMART and compare with AdaBoost.",
     {"LambdaMART": "Method", "AdaBoost": "Method"}),
    ("classic-method", "Mixture Fitting",
     "The parameters are fitted with the expectation-maximization algorithm and the model is selected by BIC.",
     {"expectation-maximization": "Method"}),
    ("classic-method", "Variational Training of Topic Models",
     "We train the model with stochastic variational inference and Adam.",
     {"stochastic variational inference": "Method", "Adam": "Method"}),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
