"""A benchmark named as a contest ("the Wrenfold Challenge", "TREC Quillon Track", "Marlow Cup"): data, typed by the
head word of its capitalised name (decide._collection_type), not the lone common noun."""

from __future__ import annotations

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.decide import _collection_type
from graphbuild.nlp.pipeline import extract_text


def _type(*names: str) -> str | None:
    cands = [Candidate(0, len(n), n, "titlecase") for n in names]
    return _collection_type(cands, list(range(len(cands))), [None] * len(cands))


def test_contest_heads_name_data():
    for name in ("Wrenfold Challenge", "TREC Quillon Track", "Marlow Cup", "Harrowgate Table Competition"):
        assert _type(name) == "Dataset", name


def test_contest_words_that_name_no_benchmark():
    # a plural ("Key Challenges"), one word alone, or a lower-case head
    for name in ("Key Challenges", "Open Challenges", "Challenge", "Wrenfold challenge", "Track"):
        assert _type(name) is None, name


def test_named_challenge_found_as_data():
    text = ("The Wrenfold Challenge is a community effort to close the data-efficiency gap between children and "
            "language models. Participants train on a budget of ten million words. This year's Wrenfold Challenge "
            "shows that curricula help little.")
    found = {e.name: e.type for e in extract_text(text, title="Findings of the Wrenfold Challenge").entities}
    assert found.get("Wrenfold Challenge") == "Dataset"


def test_opening_article_is_no_part_of_the_name():
    assert _type("The Wrenfold Challenge") is None
    assert _type("The Wrenfold Challenge", "Wrenfold Challenge") == "Dataset"
