"""The kind a paper gives a name as a compound of nouns, read at its last head (``lexicon.compound_head_type``,
``features._phrase_kind``, ``features.defined_type``)."""

from __future__ import annotations

from graphbuild.nlp.features import _appositive_head, _title_kind
from graphbuild.nlp.lexicon import compound_head_type
from graphbuild.nlp.pipeline import extract_text


def test_the_last_head_of_a_compound_decides() -> None:
    assert compound_head_type("model compression technique that".split(), 0, "Model") == "Method"
    assert compound_head_type("language model benchmark of".split(), 1, "Model") == "Dataset"
    assert compound_head_type("dataset distillation method".split(), 0, "Dataset") == "Method"
    assert compound_head_type("LLM inference engine".split(), 0, "Model") == "Tool"


def test_a_head_before_a_participle_a_gerund_or_a_preposition_is_kept() -> None:
    assert compound_head_type("transformer model trained on".split(), 1, "Model") == "Model"
    assert compound_head_type("method leveraging diffusion models".split(), 0, "Method") == "Method"
    assert compound_head_type("benchmark for evaluating models".split(), 0, "Dataset") == "Dataset"
    # a plural head ends the compound
    assert compound_head_type("models benchmarked on".split(), 0, "Model") == "Model"
    assert compound_head_type("model suites benchmark".split(), 0, "Model") == "Dataset"


def test_appositive_and_title_kinds_read_the_compound() -> None:
    text = "Zorbane, a model quantization technique that keeps accuracy."
    assert _appositive_head(text, len("Zorbane"), len(text)) == "Method"
    title = "Quillmark: A Language Model Benchmark for Contracts"
    assert _title_kind(title, len("Quillmark"), len(title)) == "Dataset"
    title = "Quillnet: A Vision Transformer Backbone for Dense Prediction"
    assert _title_kind(title, len("Quillnet"), len(title)) == "Model"


def test_a_technique_named_with_a_model_modifier_is_a_method() -> None:
    abstract = ("Large vision encoders are costly to serve. We present Zorbvane, a model compression technique that "
                "prunes attention heads by their calibration loss. Zorbvane halves the latency of ViT-L/16.")
    ents = {e.name: e.type for e in extract_text(abstract, title="Compressing Vision Encoders").entities}
    assert ents.get("Zorbvane") == "Method"
