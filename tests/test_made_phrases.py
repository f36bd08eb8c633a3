"""A phrase made with a name ("Small BERT-style", "Zorb-initialised Llama-2-7B") is no name (lexicon.made_phrase,
the decision's last filter)."""

from __future__ import annotations

import pytest

from graphbuild.nlp.lexicon import made_phrase
from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize("name", ["Small GPT-2-style", "Prior Transformer-based", "Llama-style", "ChatGPT-like",
                                  "Zorb-initialised Llama-2-7B", "Zorb-initialized Quill", "Zorbset-pretrained ViT-B",
                                  "Zorbset-pre-trained ResNet-50", "Zorb-fine-tuned Quill"])
def test_phrases_made_with_a_name(name):
    assert made_phrase(name)


@pytest.mark.parametrize("name", ["GPT-2", "Style-Mixer", "Based-Net", "Schedule-Free", "Lookup-Free Quantization",
                                  "Retrieval-Augmented Generation", "DINO-pretrained", "Mask R-CNN", "Likeness"])
def test_names_are_no_made_phrases(name):
    assert not made_phrase(name)


def test_an_initialised_model_is_found_without_what_it_was_initialised_from():
    abstract = ("We propose Harrow, a landmark-token method for long-context retrieval. A Harrow-initialised "
                "Llama-2-7B, trained for only 400M tokens, inherits the landmarks and answers 31% more needle "
                "queries at 128K tokens.")
    names = {e.name for e in extract_text(abstract, title="Anchored Retrieval over Long Contexts").entities}
    assert "Harrow" in names
    assert "Harrow-initialised Llama-2-7B" not in names


def _names(title, abstract):
    return {e.name for e in extract_text(abstract, title=title).entities}


@pytest.mark.parametrize("abstract, known", [
    ("We propose Quillcall, a planner that prices each tool call before making it. Compared with Toolformer-style "
     "prompting, Quillcall halves the number of calls on the Dunmere tool-use suite at equal accuracy.", "Toolformer"),
    ("Pixel samplers of cascaded Imagen-like systems are slow. We propose Lumbrel, a single-stage pixel diffuser "
     "that matches their FID on the Vexmoor faces set with a third of the compute.", "Imagen"),
])
def test_a_known_name_written_only_as_a_likeness_is_found(abstract, known):
    # (decide._with_likened_names: the entity model alone scores such a lone name below its threshold)
    assert known in _names("A Title", abstract)


def test_a_known_name_ending_a_longer_hyphenated_name_is_not_likened():
    abstract = ("We propose Sorrel, a prompt compressor. Med-PaLM-style prompting of small models costs many tokens; "
                "Sorrel keeps 97% of the accuracy on the Wexford clinical questions with a fifth of them.")
    assert "PaLM" not in _names("Prompting Medical Models Cheaply", abstract)
