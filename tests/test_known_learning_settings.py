"""Federated learning and active learning are widely known methods the gazetteer holds: a title alone that
writes them in title case names them ("… with Federated Learning", a record with no abstract), and so does an
abstract that writes them in lower case; typed Method, not the paper's own. All other names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.pipeline import extract_text


def _entities(title: str, abstract: str = "") -> dict[str, tuple[str, bool]]:
    return {e.name: (e.type, e.proposed) for e in extract_text(abstract, title=title).entities}


@pytest.mark.parametrize("title,name", [
    ("Thornbill Ranking of Marsh Sensor Logs with Federated Learning", "federated learning"),
    ("Pruning Marsh Sensor Models in Federated Learning", "federated learning"),
    ("Cheap Labels for Sorrel Tags via Active Learning", "active learning"),
])
def test_a_title_alone_names_a_known_learning_setting(title: str, name: str) -> None:
    assert _entities(title).get(name) == ("Method", False)


def test_an_abstract_names_them_in_lower_case() -> None:
    abstract = ("We train sorrel tag rankers across marsh stations with federated learning, and pick which logs "
                "to label by active learning. Ranking accuracy rises by 4 points.")
    got = _entities("Ranking Sorrel Tags Across Marsh Stations", abstract)
    assert got.get("federated learning") == ("Method", False)
    assert got.get("active learning") == ("Method", False)
