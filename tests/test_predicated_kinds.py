"""The kind a sentence gives a name: a copula after it, a compound kind's last noun, a collection's members."""

from __future__ import annotations

import pytest
from extracted import types_of as _types

from graphbuild.nlp.features import _members_kind, _phrase_kind, _title_kind, copula_kind


@pytest.mark.parametrize(("text", "want"), [
    ("X is a dataset of 2.4 million events", "Dataset"),
    ("X Is Not a Model but a Schedule: Growing Patches", "Method"),
    ("X Is a Dataset, Not a Detector", "Dataset"),
    ("X (ours) is an optimizer that halves memory", "Method"),
    ("X is a 3B model distilled from a teacher", "Model"),
    ("X is not a model", None),  # a negated kind alone names none
    ("X is an order of magnitude faster", None),
    ("X runs at 30 FPS", None),
])
def test_copula_kind(text: str, want: str | None) -> None:
    assert copula_kind(text, 1, len(text)) == want


@pytest.mark.parametrize(("phrase", "want"), [
    ("training corpus of 50B tokens", "Dataset"),  # the compound's last noun heads it
    ("model merging recipe for experts", "Method"),
    ("network pruning method that scores filters", "Method"),
    ("Model Merging Recipe for Multilingual Experts", "Method"),  # a title's capitals alike
    ("Sparse Autoencoder Suite for Vision Transformers", "Model"),  # a collective keeps its modifier's kind
    ("retrieval model trained on pairs", "Model"),
    ("new benchmark of questions", "Dataset"),
    ("test set of 3,100 referring expressions", "Dataset"),  # a set named by its use
    ("Test Set for Open-Vocabulary Grounding", "Dataset"),
    ("set of tricks for training", None),
])
def test_phrase_kind_compound_head(phrase: str, want: str | None) -> None:
    assert _phrase_kind(phrase.split(), cut=True) == want


def test_variant_names_no_kind() -> None:
    assert _phrase_kind("variant whose drop rate rises with frequency".split()) is None
    assert _phrase_kind("variant of LoRA for vision models".split()) is None


def test_title_question_before_subtitle_is_a_benchmark() -> None:
    title = "Marmoset: Do Vision-Language Models Count Objects? A Counting Benchmark"
    text = title + "\nMarmoset holds 2,000 images."
    assert _title_kind(text, len("Marmoset"), len(title)) == "Dataset"
    title = "Marmoset: Counting Objects with Vision-Language Models"
    assert _title_kind(title + "\nx", len("Marmoset"), len(title)) != "Dataset"


def test_members_kind_reads_model_nouns() -> None:
    assert _members_kind("sparse autoencoders trained on every layer".split()) == "Model"
    assert _members_kind("pruning benchmarks for detectors".split()) == "Dataset"
    assert _members_kind("papers annotated with labels".split()) is None


def test_model_shaped_name_defined_as_data() -> None:
    types = _types("OrbNet Is a Dataset: Eight Years of Bridge Strain Records",
                   "OrbNet is a dataset of 1.2 million strain readings from 40 instrumented bridges, split by year. "
                   "Baselines include XGBoost and an LSTM; the LSTM is best on the held-out year.")
    assert types.get("OrbNet") == "Dataset"


def test_training_corpus_apposed_is_data() -> None:
    types = _types("Pemmican: Fifty Billion Tokens of Licensed Prose",
                   "Open language models are often trained on text of unclear provenance. We present Pemmican, a "
                   "training corpus of 50B tokens of licensed prose in twelve languages. A 1B model trained on "
                   "Pemmican matches one trained on C4.")
    assert types.get("Pemmican") == "Dataset"


def test_model_kind_kept_by_copula() -> None:
    types = _types("Brantle: Small Models for Legal Question Answering",
                   "We present Brantle. Brantle is a 3B model distilled from a larger teacher on court decisions. "
                   "It beats Llama-3-8B on LegalBench.")
    assert types.get("Brantle") == "Model"
