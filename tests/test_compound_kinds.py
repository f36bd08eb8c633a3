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
    assert compound_head_type("model benchmarks suite".split(), 0, "Model") == "Dataset"


def test_a_collective_after_a_head_keeps_its_type() -> None:
    assert compound_head_type("autoencoder suite for".split(), 0, "Model") == "Model"
    assert compound_head_type("model family".split(), 0, "Model") == "Model"
    assert compound_head_type("data collection method".split(), 0, "Dataset") == "Method"


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


def test_a_gerund_continues_a_compound_only_before_a_singular_head() -> None:
    assert compound_head_type("LLM serving system that".split(), 0, "Model") == "Method"
    assert compound_head_type("model merging technique".split(), 0, "Model") == "Method"
    assert compound_head_type("model targeting benchmarks".split(), 0, "Model") == "Model"


def test_an_appositive_after_a_colon_or_the_first() -> None:
    text = "Zorbane: a general approach that wraps any encoder."
    assert _appositive_head(text, len("Zorbane"), len(text)) == "Method"
    text = "Zorbane, the first benchmark of legal questions."
    assert _appositive_head(text, len("Zorbane"), len(text)) == "Dataset"
    text = "Zorbane, the model of Quill."  # (a definite kind other than "the first" is no appositive read)
    assert _appositive_head(text, len("Zorbane"), len(text)) is None


def test_a_title_gerund_with_an_object_gives_no_kind() -> None:
    title = "Quillserve: Efficiently Serving Long-Context Large Language Models with Elastic Parallelism"
    assert _title_kind(title, len("Quillserve"), len(title)) is None
    title = "Quillbed: Small Multilingual Text Embedding Models in Three Sizes"
    assert _title_kind(title, len("Quillbed"), len(title)) == "Model"
