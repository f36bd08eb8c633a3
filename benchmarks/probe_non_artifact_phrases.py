# ruff: noqa: E501  (the invented abstracts are kept one to a line)
"""A task or a body of people written in capitals is no name: a probe of invented abstracts for spurious names.

* ``title-task``: a title's capitalised phrase of ordinary words that ends in a task's word ("Sparse Tabular
  Retrieval", "Noisy Handwriting Recognition", "Crowd Flow Forecasting") names what the paper works on, not an
  artifact: it must not be found as a Method, Model or Dataset, while the paper's coined name is found with its
  type;
* ``task-acronym``: an acronym whose long form is such a task ("Multi-Market Recommendation (MMR)") or a
  figure a business counts ("Gross Booking Value (GBV)") is no artifact either, while a coined name beside
  it is found;
* ``organisation``: an acronym spelled out as a society, agency or council ("Northern Radiology Society
  (NRS)", "Coastal Survey Agency (CSA)") names who made or runs something, not an artifact, while the data
  set it publishes is found;
* ``named-technique``: the negatives' counterpart, a technique's capitalised name that ends like a task but is
  defined as the paper's own method, a named algorithm or a benchmark ("Quorum Path Reasoning (QPR)", "Orbital
  Retrieval-Augmented Generation"): these must stay found with their type.

Each case: its class, a title, an abstract, the names expected with their types, the names that must not be
found. Prints per class how many names are typed right, found, and how many forbidden names appear; ``-v``
lists the misses.

Run::

    python benchmarks/probe_non_artifact_phrases.py [-v]
"""

from __future__ import annotations

import sys

from _probe import run_typed

# (class, title, abstract, {name: type}, names that must not be found)
CASES = [
    ("title-task", "Sparse Tabular Retrieval with Column Sketches",
     "Retrieving tables for a question is hard when columns are many. We propose Carvelle, a retriever that sketches each column into a short code. Carvelle improves recall on Zorbtables by 9 points.",
     {"Carvelle": "Method"}, ["Sparse Tabular Retrieval"]),
    ("title-task", "Noisy Handwriting Recognition from Few Pages",
     "We study handwriting recognition when only a few labelled pages exist. Our model, Quillot, pretrains on synthetic strokes and fine-tunes on ten pages, reaching a character error rate of 6% on the Marrow Letters corpus.",
     {"Quillot": "Model"}, ["Noisy Handwriting Recognition"]),
    ("title-task", "Crowd Flow Forecasting in Rail Stations",
     "Forecasting how crowds move through stations helps operators plan. We present Tidewell, a graph model of platforms and gates, and test it on a year of gate logs from four stations.",
     {"Tidewell": "Model"}, ["Crowd Flow Forecasting"]),
    ("title-task", "Towards Reliable Answer Generation for Clinical Questions",
     "Answers that a language model writes for clinical questions are often unsupported. We introduce Heronry, a method that checks each generated sentence against retrieved guidelines, and cut unsupported claims by half.",
     {"Heronry": "Method"}, ["Reliable Answer Generation"]),
    ("title-task", "Unsupervised Cross-city Adaptation of Parking Demand Models",
     "Parking demand models trained in one city transfer poorly to another. We propose Stallwise, which aligns the two cities' feature spaces without labels in the target city.",
     {"Stallwise": "Method"}, []),
    ("title-task", "Tidepool: Few-label Dense Retrieval from Synthetic Queries",
     "Dense retrievers need many labelled queries. We propose Tidepool, which writes synthetic queries for each document with a prompted language model and trains a retriever on them; Tidepool beats BM25 on eleven Zorbir tasks.",
     {"Tidepool": "Method"}, ["Few-label Dense Retrieval"]),
    ("title-task", "Spectral Image Super-resolution with Grouped Band Attention",
     "Spectral images have many bands of low resolution. We propose Bandrel, a network that attends within groups of neighbouring bands, and test Bandrel on the Quarry-31 benchmark.",
     {"Bandrel": "Model", "Quarry-31": "Dataset"}, ["Spectral Image Super-resolution"]),
    ("title-task", "Decentralised Optimization: Training Across Thousands of Phones",
     "We describe Fernwick, a protocol that trains a shared model across phones that are online only at night, and analyse how Fernwick converges when phones drop out.",
     {"Fernwick": "Method"}, ["Decentralised Optimization"]),
    ("title-task", "Unsupervised Cross-season Adaptation for Aerial Segmentation via Self-Training",
     "Aerial images taken in winter differ from those taken in summer. We propose Snowmelt, a self-training method that adapts a segmenter across seasons without labels, and gain 7 points of mIoU on Zorbaerial.",
     {"Snowmelt": "Method"}, ["Unsupervised Cross-season Adaptation"]),
    ("task-acronym", "Shared Experts for Several Markets",
     "Multi-Market Recommendation (MMR) serves users in several countries with one model. We propose Pelliton, a mixture of experts whose gates read the market, and improve MMR accuracy on three shops.",
     {"Pelliton": "Method"}, ["MMR", "Multi-Market Recommendation"]),
    ("task-acronym", "Calibrating Bids in Sponsored Search",
     "Advertisers care about Gross Booking Value (GBV) and Cost Per Action (CPA). We present Bidmere, a bid shading method, which raises GBV by 4% at equal CPA in an online test.",
     {"Bidmere": "Method"}, ["GBV", "CPA"]),
    ("task-acronym", "Ranking Offers for Returning Shoppers",
     "Shops track the Return Visit Rate (RVR) and the Gross Order Volume (GOV) of each offer. We propose Offerloom, a ranking model trained on both signals, which lifts RVR by 3% over Quandrank.",
     {"Offerloom": "Model", "Quandrank": "Model"}, ["RVR", "GOV", "Return Visit Rate"]),
    ("task-acronym", "A Label Agreement Ratio for Noisy Crowds",
     "We define the Label Agreement Ratio (LAR), a measure of how often crowd workers agree beyond chance, and use it to filter the Zorbcrowd data set before training Plover.",
     {"Zorbcrowd": "Dataset"}, ["LAR"]),
    ("task-acronym", "Robust Open-World Segmentation",
     "Open-World Scene Segmentation (OWSS) asks a model to mark objects of unseen classes. We propose Fendrake, a mask decoder trained with outlier exposure, and test it on Zorbscapes.",
     {"Fendrake": "Model"}, ["OWSS"]),
    ("organisation", "The Zorbmri 2031 Benchmark on Knee Cartilage Segmentation",
     "The Northern Radiology Society (NRS) and the Baltic Society of Musculoskeletal Imaging (BSMI) organised a challenge on knee MRI. We describe Zorbmri 2031, a data set of 900 annotated scans, and the ranking of 31 submitted methods.",
     {"Zorbmri 2031": "Dataset"}, ["NRS", "BSMI", "Northern Radiology Society"]),
    ("organisation", "Tide Gauge Gaps Filled by Neural Interpolation",
     "Tide records kept by the Coastal Survey Agency (CSA) have gaps of weeks. We propose Gapwren, a neural interpolator, and fill the gaps of the CSA Tide Archive with an error of 2 cm.",
     {"Gapwren": "Method", "CSA Tide Archive": "Dataset"}, ["Coastal Survey Agency"]),
    ("organisation", "Tracing Model Bills Across State Legislatures",
     "Model bills drafted by the Western Legislative Drafting Council (WLDC) spread across states. We present Billtrace, an alignment method for legal text, and apply it to the Statehouse-40K corpus of bills.",
     {"Billtrace": "Method", "Statehouse-40K": "Dataset"}, ["WLDC", "Western Legislative Drafting Council"]),
    ("organisation", "Early Signs of Cognitive Decline in Speech",
     "We use recordings of the Lakeland Memory Ageing Initiative (LMAI), a cohort of 2,000 older adults, and train Murmurel, a speech model that flags early decline. Murmurel reaches an AUC of 0.81 on LMAI.",
     {"LMAI": "Dataset", "Murmurel": "Model"}, []),
    ("named-technique", "Quorum Path Reasoning for Conversational Recommendation",
     "We propose Quorum Path Reasoning (QPR), an algorithm that walks a graph of items and attributes to decide what to ask a user next. QPR needs 30% fewer turns than Brindle on two data sets.",
     {"QPR": "Method"}, []),
    ("named-technique", "Orbital Retrieval-Augmented Generation",
     "We present Orbital Retrieval-Augmented Generation (ORAG), a method that retrieves passages in rounds that follow the draft of an answer. ORAG beats single-round retrieval on Quibble-QA.",
     {"ORAG": "Method"}, []),
]


def main(argv: list[str]) -> int:
    return run_typed(CASES, argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
