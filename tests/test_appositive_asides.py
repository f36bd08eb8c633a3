"""The kind an appositive gives a name is read past an aside in parentheses ("i.e." or "e.g.") inside it: "X, the
first large-scale multimodal (i.e., audio and visual) spoken dialogue corpus" is data, "X, a compact (e.g.,
30M-parameter) speech recognizer" a model. Names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize(("abstract", "name", "type_"), [
    ("To this end, we introduce Quorvia, the first large-scale multimodal (i.e., audio and visual) spoken dialogue "
     "corpus containing 340 hours of recorded conversations.", "Quorvia", "Dataset"),
    ("We release Tessadu, a curated multilingual (e.g., Hausa, Yoruba and Igbo) question answering benchmark with "
     "9,000 questions.", "Tessadu", "Dataset"),
])
def test_an_aside_inside_an_appositive_is_read_past(abstract, name, type_):
    types = {e.name: e.type for e in extract_text(abstract, title="A Title").entities}
    assert types.get(name) == type_
