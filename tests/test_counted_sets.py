"""A set, split or subset of a counted number of things that a name is given as, in apposition or by the authors'
naming words, is data ("X, a prompt set of 1,600 prompts", "a new split of 500 issues we call X"), unless what
it holds are artifacts of another kind. Names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.pipeline import extract_text


def _types(abstract: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_text(abstract, title="A Title").entities}


@pytest.mark.parametrize(("abstract", "name"), [
    ("Our agent resolves 31% of a new split of 500 issues we call Zorb-Hist. Zorb-Hist is hard.", "Zorb-Hist"),
    ("We also evaluate on a new set of 40 night-time sequences, called Quill-Night, which we make available.",
     "Quill-Night"),
    ("We release Myna-Q, a prompt set of 1,600 compositional prompts with human labels.", "Myna-Q"),
])
def test_a_counted_set_a_name_is_given_as_is_data(abstract, name):
    assert _types(abstract).get(name) == "Dataset"


def test_a_set_of_counted_models_the_authors_name_is_no_data():
    types = _types("We train a new set of 12 compact language models, called Zorblets, on public text. "
                   "Zorblets match larger models on reasoning benchmarks.")
    assert types.get("Zorblets") != "Dataset"
