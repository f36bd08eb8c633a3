"""The plural of a kind of model of one word in a title alone ("Pruning Transformers for …", a record with no
abstract) names the kind as its singular does (``gazetteer.GazetteerComponent._titled_plurals``); over an abstract
it is left to the abstract. Such a kind, a word the gazetteer holds as ambiguous, is no known name a title alone's
longer phrase holds (``features.candidate_features``' ``holds_known``). All other names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.features import candidate_features, group_candidates
from graphbuild.nlp.featurespace import FeatureSpace
from graphbuild.nlp.pipeline import extract_text


def _models(title: str, abstract: str = "") -> dict[str, bool]:
    return {e.name: e.proposed for e in extract_text(abstract, title=title).entities if e.type == "Model"}


@pytest.mark.parametrize("title", [
    "Pruning Transformers for Marsh Sensor Logs",
    "Sorrel Tag Ranking with Transformers and Gradient Boosting",
    "PRUNING TRANSFORMERS FOR MARSH SENSOR LOGS",  # a title in capitals
])
def test_a_plural_kind_in_a_title_alone_names_the_kind(title: str) -> None:
    assert _models(title) == {"Transformer": False}


def test_over_an_abstract_the_titles_plural_is_left_to_the_abstract() -> None:
    abstract = ("We prune the attention heads of transformers that read marsh sensor logs, and keep accuracy "
                "within a point.")
    assert "Transformer" not in _models("Pruning Transformers for Marsh Sensor Logs", abstract)


def _holds_known(title: str, phrase: str, inner: str, *, strong: bool) -> bool:
    text = title + "\n\n"
    title_end = len(title)
    outer = Candidate(text.index(phrase), text.index(phrase) + len(phrase), phrase, "titleseg")
    start = text.index(inner)
    known = Candidate(start, start + len(inner), inner, "gazetteer", strong=strong, generic=True)
    cands = [outer, known]
    space = FeatureSpace()
    rows = candidate_features(text, [(0, title_end)], title_end, cands, group_candidates(cands, lambda c: None),
                              [None, "Model"], space=space)
    return "holds_known" in space.named(rows[0])


def test_an_ambiguous_kind_is_no_known_name_a_title_alones_phrase_holds() -> None:
    title = "Thornwise Transformers for Sorrel Tag Ranking"
    assert not _holds_known(title, "Thornwise Transformers", "Transformers", strong=False)
    # a kind the gazetteer knows as nothing else still is ("Thornwise Recurrent Neural Networks")
    title = "Tempering Sorrel Tags with Thornwise Recurrent Neural Networks"
    assert _holds_known(title, "Thornwise Recurrent Neural Networks", "Recurrent Neural Networks", strong=True)
