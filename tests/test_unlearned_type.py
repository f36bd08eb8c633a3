"""A name the type model calls a model, in an abstract that speaks of no models, is a method
(:func:`graphbuild.nlp.decide._unlearned_type`); the names are invented."""

from __future__ import annotations

import pytest
from extracted import types_of as _types

from graphbuild.nlp.decide import _model_shaped

_TITLE = "gapdig: Explaining Flaky Tests from Execution Traces"
_SYSTEMS = ("Flaky tests pass and fail on the same code. gapdig records execution traces of passing and failing "
            "runs and reports the earliest divergence. On 300 flaky tests from open-source projects, gapdig finds "
            "the right cause for 79% of tests, compared with 41% for ReFlakr's coverage-based diagnosis. Unlike "
            "ReFlakr, gapdig needs no instrumented build.")


def test_a_system_compared_with_in_an_abstract_without_learning_is_a_method() -> None:
    assert _types(_TITLE, _SYSTEMS).get("ReFlakr") == "Method"


def test_the_same_name_stays_a_model_where_the_abstract_speaks_of_learning() -> None:
    # (the same text with a word of learning: the type model's pick stands)
    learned = _SYSTEMS.replace("coverage-based diagnosis", "coverage-based neural diagnosis")
    assert _types(_TITLE, learned).get("ReFlakr") == "Model"


def test_the_same_name_stays_a_model_where_the_abstract_writes_the_word_model() -> None:
    # (without the guard of the word "model", the rule would make this Method: the name has no model's shape)
    modelled = _SYSTEMS.replace("Unlike ReFlakr,", "Unlike the ReFlakr model,")
    assert _types(_TITLE, modelled).get("ReFlakr") == "Model"


def test_a_force_field_is_a_model_in_an_abstract_without_learning() -> None:
    # (nlpfix60's head past modifiers types it Model; "force field" keeps the rule above from undoing that)
    abstract = ("We simulate the hydration of four ions in water with the ZORVIN polarisable force field and "
                "compare the free energies with experiment.")
    assert _types("Ion Hydration Free Energies", abstract).get("ZORVIN") == "Model"


@pytest.mark.parametrize(("name", "shaped"), [
    ("TarnNet", True), ("QuillBERT", True), ("BC-QuillNet-1", True), ("Zorb-7B", True),
    ("ReFlakr", False), ("QPX", False), ("Quillmap Layouts", False),
])
def test_model_shaped(name: str, shaped: bool) -> None:
    assert _model_shaped(name) is shaped


def _constant_decision(type_bias: list[float]):
    import numpy as np

    from graphbuild.nlp.decide import CLASSES, DecisionModel, LinearModel

    def constant(bias):
        return LinearModel({}, np.zeros((0, len(bias))), np.array(bias, dtype=float))

    # every candidate an entity, of the type ``type_bias`` favours, none proposed
    return DecisionModel(constant([-9.0, 9.0, -9.0, -9.0][:len(CLASSES)]), constant(type_bias), constant([-9.0]), {})


@pytest.mark.parametrize(("sentence", "want"), [
    ("Our store is faster than Quorvex.", "Method"),  # no word of models: a system
    ("Our store is faster than a neural Quorvex.", "Model"),  # a word of learning: the weights' type stands
    ("Our cost model beats Quorvex.", "Model"),  # the word "model"
    ("Our store is faster than QuorvexNet.", "Model"),  # a name shaped as a model's
])
def test_a_model_pick_without_models_in_the_abstract_is_a_method(sentence: str, want: str) -> None:
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import decide

    text = f"Probe\n\n{sentence}"
    name = sentence.split()[-1].rstrip(".")
    c = Candidate(text.index(name), text.index(name) + len(name), name, "capword", type="Model", sentence=1)
    decide(text, [(0, 5), (7, len(text))], 5, [c], None, _constant_decision([9.0, -9.0, -9.0]),  # (Model first)
           threshold=0.3, proposed_threshold=0.3)
    assert c.type == want


@pytest.mark.parametrize(("title", "name", "want"), [
    ("Zorb-tts: fast speech synthesis for small devices", "Zorb-tts", "Model"),  # a title alone, a model's shape
    ("Zorbcast: fast speech synthesis for small devices", "Zorbcast", "Method"),  # no model's shape: the weights'
])
def test_a_title_alone_opening_with_a_model_shaped_name(title: str, name: str, want: str) -> None:
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import decide
    from graphbuild.records import SCORED_TYPES

    assert SCORED_TYPES[:2] == ("Model", "Method")  # (the order the type biases are written in)
    c = Candidate(0, len(name), name, "title", type="Method", sentence=0)
    decide(title, [(0, len(title))], len(title), [c], None, _constant_decision([-9.0, 9.0, -9.0]),  # (Method)
           threshold=0.3, proposed_threshold=0.3)
    assert c.type == want


@pytest.mark.parametrize(("sentence", "want"), [
    ("We release Quorvex-MT-small.", "Model"),  # a size tier ends the name: a checkpoint of a family
    ("We release Quorvex-Large.", "Model"),
    ("We release Quorvex XL.", "Model"),
    ("We release Quorvex-Lite.", "Method"),  # an edition's word a runtime or a tool takes as well: the weights'
    ("We release Quorvex-Slim.", "Method"),  # no size word
    ("We release Quorvexbase.", "Method"),  # the word glued to the name: no tier
])
def test_a_method_pick_ending_in_a_size_tier_is_a_model(sentence: str, want: str) -> None:
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import decide

    text = f"Probe\n\nA neural model. {sentence}"
    name = sentence.removeprefix("We release ").rstrip(".")
    c = Candidate(text.index(name), text.index(name) + len(name), name, "capword", type="Method", sentence=2)
    decide(text, [(0, 5), (7, 22), (23, len(text))], 5, [c], None, _constant_decision([-9.0, 9.0, -9.0]),
           threshold=0.3, proposed_threshold=0.3)
    assert c.type == want
