"""A coined name apposed to "a new" kind of artifact is the authors' own, though no verb of proposing says so
(``roles.apposed_to_new_kind``, read by the decision after the learned model)."""

from __future__ import annotations

import pytest

from graphbuild.nlp import extract_text, make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def _proposed(nlp, title: str, text: str) -> dict[str, bool]:
    return {e.name: e.proposed for e in extract_text(text, nlp, title=title).entities}


def test_a_new_set_named_beside_the_papers_model_is_theirs(nlp) -> None:
    got = _proposed(nlp, "Zorbu: A Welsh Encoder",
                    "We pretrain Zorbu, an encoder, on 9 GB of Welsh text. On GLUE and a new Welsh sentiment set, "
                    "WelSent, Zorbu beats mBERT by 3 points.")
    assert got.get("WelSent") is True
    assert got.get("GLUE") is False


def test_a_new_benchmark_of_items_named_after_its_description(nlp) -> None:
    got = _proposed(nlp, "Quillo: Formulas for Tables",
                    "We present Quillo, a model that writes formulas. On WikiSQL and on a new benchmark of office "
                    "tables, TabFormBench, Quillo is right 70% of the time, against 61% for GPT-4.")
    assert got.get("TabFormBench") is True


def test_a_new_kind_someone_else_made_is_not_theirs(nlp) -> None:
    got = _proposed(nlp, "Zorbu: A Welsh Encoder",
                    "We pretrain Zorbu, an encoder, on 9 GB of Welsh text. On GLUE and a new publicly available "
                    "sentiment set, Brynlex, Zorbu beats mBERT by 3 points.")
    assert got.get("Brynlex") is not True


def test_a_name_apposed_to_an_old_kind_is_not_theirs(nlp) -> None:
    got = _proposed(nlp, "Zorbu: A Welsh Encoder",
                    "We pretrain Zorbu, an encoder, on 9 GB of Welsh text. On GLUE and a Welsh sentiment set, "
                    "WelSent, Zorbu beats mBERT by 3 points.")
    assert got.get("WelSent") is not True
