# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""Well-known model families named in passing: a probe of invented abstracts. ANNOTATION.md's table types
"a named model, model family … or architecture" a Model and "a technique, algorithm, optimizer" a Method:
the neural and probabilistic families a paper uses or compares with (generative adversarial networks,
variational autoencoders, hidden Markov models, Gaussian mixture models, Gaussian processes, convolutional
and recurrent networks, multilayer perceptrons, ARIMA, compartmental SEIR models) are
models, written out or as their acronyms; the learners and procedures beside them (random forests,
logistic regression, gradient boosting, k-means, beam search, stochastic gradient descent) stay methods.
The studies, their systems and their data are invented; the families are the well-known ones themselves.

Each case: its class, a title, an abstract and the names with the type they must get. Prints how many
names of each class are found, and found with the right type; ``-v`` lists the others with what was found.

Run::

    python benchmarks/probe_model_families.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

CASES: list[tuple[str, str, str, dict[str, str]]] = [
    ("family-long", "Synthetic Retinal Scans for Rare Diseases",
     "We train a generative adversarial network on 3,000 fundus photographs of the Qarvell clinic and compare its samples with those of a variational autoencoder; a random forest trained on the synthetic scans loses 2 points of accuracy.",
     {"generative adversarial network": "Model", "variational autoencoder": "Model", "random forest": "Method"}),
    ("family-long", "Duration Modelling for Bird Song Syllables",
     "Standard hidden Markov models assume geometric durations. We replace them with a Gaussian mixture model per syllable and decode with beam search on 40 hours of recordings.",
     {"hidden Markov models": "Model", "Gaussian mixture model": "Model", "beam search": "Method"}),
    ("family-long", "Calibrated Yield Forecasts for Small Farms",
     "Gaussian processes give calibrated yield predictions but scale cubically; we compare them with a multilayer perceptron and with logistic regression on 900 plots of the Tarnwick survey.",
     {"Gaussian processes": "Model", "multilayer perceptron": "Model", "logistic regression": "Method"}),
    ("family-long", "Counting Seabirds from Drone Footage",
     "A convolutional neural network counts birds in each frame and a recurrent neural network smooths the counts over time; both are trained with stochastic gradient descent.",
     {"convolutional neural network": "Model", "recurrent neural network": "Model", "stochastic gradient descent": "Method"}),
    ("family-acronym", "Anomalous Valve Sounds",
     "We score valve recordings with a VAE and a GAN trained on normal sounds, and cluster the anomalies with k-means.",
     {"VAE": "Model", "GAN": "Model", "k-means": "Method"}),
    ("family-acronym", "Phone Segmentation in Child Speech",
     "An HMM with GMM emissions is compared with a CNN and an MLP on 12 hours of child speech; gradient boosting on hand-made features is the weakest.",
     {"HMM": "Model", "GMM": "Model", "CNN": "Model", "MLP": "Model", "gradient boosting": "Method"}),
    ("family-stats", "Forecasting Ferry Demand",
     "We forecast daily ferry passengers with ARIMA and with an LSTM, and a random forest on calendar features, over six years of ticket data.",
     {"ARIMA": "Model", "random forest": "Method"}),
    ("family-stats", "Measles Outbreaks in Boarding Schools",
     "We fit an SEIR model to weekly case counts from 14 schools and estimate its parameters by approximate Bayesian computation.",
     {"SEIR model": "Model"}),
]


if __name__ == "__main__":
    sys.exit(run_typed(CASES, sys.argv[1:]))
