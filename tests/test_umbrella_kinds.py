"""Which kind word types a name the authors introduce: retrievers and embedders."""

from __future__ import annotations

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.entity_types import kind_type
from graphbuild.nlp.features import defined_type
from graphbuild.nlp.lexicon import ARTIFACT_KINDS, head_type


def test_retrievers_and_embedders_are_models() -> None:
    for word in ("retriever", "retrievers", "embedder", "embedders"):
        assert head_type(word) == "Model" and kind_type(word) == "Model", word
    assert ARTIFACT_KINDS["retriever"] == "Model"  # "X, a learned sparse retriever that …"
    title = "Sparse Retrieval with Query Expansion"
    text = f"{title}\n\nWe propose Kestrelix, a learned sparse retriever that adds terms."
    at = text.index("Kestrelix")
    assert defined_type(text, len(title), Candidate(at, at + 9, "Kestrelix", "cue", proposed=True)) == "Model"
