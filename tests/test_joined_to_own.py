"""A coined name of a kind, joined by ", and the" to what the authors bring in past its description, is theirs
too ("We present X, an encoder …, and the Y suite of four tasks": ``decide._joined_to_own``)."""

from __future__ import annotations

import pytest

from graphbuild.nlp import extract_text, make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def _proposed(nlp, title: str, text: str) -> dict[str, bool]:
    return {e.name: e.proposed for e in extract_text(text, nlp, title=title).entities}


_TITLE = "Character Models for Frisian Dialects"


def test_the_last_item_past_a_described_first_is_theirs(nlp) -> None:
    got = _proposed(nlp, _TITLE,
                    "We present Terpa, a character-level encoder pretrained on text in two spellings with a shared "
                    "transliteration, and the FryskEval suite of four tasks. Terpa beats CANINE on every task.")
    assert got.get("FryskEval") is True
    got = _proposed(nlp, _TITLE,
                    "We introduce Terpa, an encoder trained on both spellings with a shared view, and the FryskEval "
                    "benchmark of five tasks. Terpa beats XLM-R by 6 points.")
    assert got.get("FryskEval") is True


def test_not_a_name_the_gazetteer_knows(nlp) -> None:
    got = _proposed(nlp, _TITLE,
                    "We present Terpa, a character-level encoder pretrained on text in two spellings, and the GLUE "
                    "benchmark of nine tasks. Terpa beats CANINE on every task.")
    assert got.get("GLUE") is not True
