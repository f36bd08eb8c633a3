"""Which kind word types a name the authors introduce: umbrella kinds against a model's ending, and retrievers."""

from __future__ import annotations

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.decide import _defined_type
from graphbuild.nlp.entity_types import kind_type
from graphbuild.nlp.lexicon import ARTIFACT_KINDS, head_type


def _introduced(text: str, name: str, title_end: int) -> tuple[list[Candidate], list[int]]:
    """Every mention of ``name`` in ``text`` as a candidate the authors' cue proposes (after the title: a cue)."""
    cands, at = [], text.find(name)
    while at >= 0:
        cands.append(Candidate(at, at + len(name), name, "title" if at < title_end else "cue", proposed=True))
        at = text.find(name, at + 1)
    return cands, list(range(len(cands)))


def _typed(title: str, abstract: str, name: str, learned: str | None) -> str | None:
    text = f"{title}\n\n{abstract}"
    cands, members = _introduced(text, name, len(title))
    return _defined_type(text, len(title), cands, members, learned)


def test_an_umbrella_kind_leaves_a_model_shaped_name_to_the_model() -> None:
    # "a novel adaptation method, ZorbFormer": the umbrella word alone calls it a method; its ending marks a
    # model's, and the model read it as one: no type is defined (the model's stands)
    title = "Brackenformer: Domain-Adaptive Segmentation"
    abstract = "We propose a novel adaptation method, Brackenformer. Brackenformer improves mIoU on Cityscapes."
    assert _typed(title, abstract, "Brackenformer", "Model") is None
    assert _typed(title, abstract.replace("method", "framework"), "Brackenformer", "Model") is None
    # the model read it as a method too: the sentence's Method stands
    assert _typed(title, abstract, "Brackenformer", "Method") == "Method"


def test_an_umbrella_kind_still_types_a_name_without_a_models_ending() -> None:
    title = "Tarnwick: Aligning Language Models with Recommendation"
    abstract = "We propose a new framework named Tarnwick that tunes a language model on user histories."
    assert _typed(title, abstract, "Tarnwick", "Model") == "Method"


def test_a_specific_technique_word_still_types_a_model_shaped_name() -> None:
    # "a training recipe" and "a quantization method" say what it is beyond the umbrella word
    title = "Hollyvit: Training Vision Transformers on Less Data"
    assert _typed(title, "We present Hollyvit, a training recipe with simple crops.", "Hollyvit", "Model") == "Method"
    assert _typed(title, "We present Hollyvit, a quantization method for vision transformers.", "Hollyvit",
                  "Model") == "Method"


def test_a_copula_naming_data_is_not_an_umbrella_kind() -> None:
    title = "OrbitalNet Is a Dataset: Ten Years of Conjunction Records"
    abstract = "OrbitalNet is a dataset of 1.2 million conjunction records."
    assert _typed(title, abstract, "OrbitalNet", "Model") == "Dataset"


def test_retrievers_and_embedders_are_models() -> None:
    for word in ("retriever", "retrievers", "embedder", "embedders"):
        assert head_type(word) == "Model" and kind_type(word) == "Model", word
    assert ARTIFACT_KINDS["retriever"] == "Model"  # "X, a learned sparse retriever that …"
    title = "Sparse Retrieval with Query Expansion"
    assert _typed(title, "We propose Kestrelix, a learned sparse retriever that adds terms.", "Kestrelix",
                  "Method") == "Model"
