"""A kind the text calls new, set right before a name by a comma, types the name wherever the phrase stands, not
only after the authors' verb (``features._kind_named_before``, ``features._NEW_KIND``)."""

from __future__ import annotations

from extracted import types_of as _types


def test_a_new_benchmark_of_items_before_a_name_makes_it_data() -> None:
    types = _types("Zorb: Answering Questions Over Forms",
                   "We train Zorb on form-question pairs. On WikiTableQuestions and on a new benchmark of real user "
                   "forms, FormQA-Live, Zorb's answers are correct 70% of the time.")
    assert types.get("FormQA-Live") == "Dataset"


def test_a_new_set_before_a_name_makes_it_data() -> None:
    types = _types("Zorb: An Encoder for Welsh",
                   "We pretrain Zorb on Welsh web text. On a Welsh NLI suite and a new Welsh sentiment set, CymSent, "
                   "Zorb beats mBERT by 2 points.")
    assert types.get("CymSent") == "Dataset"


def test_a_new_model_before_a_name_keeps_it_a_model() -> None:
    types = _types("Zorb: An Encoder for Welsh",
                   "We pretrain Zorb on Welsh web text. Against a new Welsh sentiment model, CymBERT, Zorb gains "
                   "2 points.")
    assert types.get("CymBERT") == "Model"
