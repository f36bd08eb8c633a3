"""A name the text writes as what modifies the word "data" is a data set's, whatever the gazetteer or the name's
shape makes of it ("on Alpaca data", "trained on Zorb preference data"), unless the name is a verb's subject
("Zorb release data") or the end of a longer word ("HH-RLHF data" types no "RLHF"). Names are invented, or
known names of models that also name the data released with them."""

from __future__ import annotations

import pytest

from graphbuild.nlp.pipeline import extract_text


def _types(abstract: str, title: str = "A Study of Tuning") -> dict[str, str]:
    return {e.name: e.type for e in extract_text(abstract, title=title).entities}


@pytest.mark.parametrize(("abstract", "name"), [
    ("We fine-tune Llama-2-7B on Alpaca data and measure refusals on HarmBench.", "Alpaca"),
    ("Our recipe is tuned with supervised fine-tuning on Tulu 3 data and then with DPO.", "Tulu 3"),
    ("Trained on Skywork-Reward preference data, a reward ensemble improves best-of-N sampling.", "Skywork-Reward"),
    ("In this work, the LendingClub loan data of 2007-2018 is used to predict defaults with XGBoost.", "LendingClub"),
])
def test_a_name_modifying_data_is_a_data_set(abstract, name):
    assert _types(abstract).get(name) == "Dataset"


def test_a_verb_between_the_name_and_data_types_nothing():
    types = _types("Open models such as OLMo and Pythia release data, code and checkpoints for ablations.")
    assert types.get("Pythia") == "Model"


def test_a_name_ending_a_longer_word_before_data_is_not_retyped():
    types = _types("We reproduce the recipe with OPT-1.3B and the Anthropic HH-RLHF data on two GPUs.",
                   title="Cheap RLHF on a Budget")
    assert types.get("RLHF") == "Method"


def test_a_name_heading_a_model_noun_stays_a_model():
    types = _types("We compare the Alpaca model with Vicuna and evaluate both on Alpaca data from the release.")
    assert types.get("Alpaca") == "Model"


def test_a_technique_in_lower_case_before_data_stays_a_method():
    types = _types("We release GPT-4 generated visual instruction tuning data, our model and code. Visual instruction "
                   "tuning lets Zorbava follow instructions.", title="Visual Instruction Tuning")
    assert types.get("visual instruction tuning", "Method") == "Method"
