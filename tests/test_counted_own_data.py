"""A name the gazetteer does not know that the authors make and describe by a count of its items ("We annotate X,
22,000 posts in …") is their own data (``decide._counted_by_authors``). All names and sentences are invented."""

from __future__ import annotations

import pytest
from extracted import proposed_names as _proposed


@pytest.mark.parametrize("title,abstract,name", [
    ("Offensive Language Detection in Wolof",
     "We study offensive posts in Wolof, spoken in Senegal and Gambia. We annotate WolTox, 18,000 posts in Wolof "
     "and code-mixed Wolof-French, with labels for target and severity, and we train classifiers from AfroXLMR-large. "
     "Models trained on one platform lose points on another.", "WolTox"),
    ("Named Entities in Somali and Afar",
     "Named entity recognition for Somali has little labelled data. We annotate SomNER-2, 7,500 sentences per "
     "language of news text, and compare fine-tuned XLM-R and AfriBERTa. XLM-R is strongest.", "SomNER-2"),
])
def test_data_the_authors_make_and_count_is_theirs(title: str, abstract: str, name: str) -> None:
    assert name in _proposed(title, abstract)


def test_counted_data_the_authors_only_evaluate_on_is_not_theirs() -> None:
    abstract = ("We compare three optimisers on image classification. We evaluate on Vostrel-10, 60,000 small "
                "images in ten classes, and find that plain SGD lags by two points.")
    assert "Vostrel-10" not in _proposed("Optimisers for Small Images", abstract)
