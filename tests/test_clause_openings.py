"""A sentence's clause-opening word is no part of the name after it; a participle an entry lists names the entry.

Invented names only (known ones where the gazetteer's reading matters).
"""

from __future__ import annotations

import pytest

from graphbuild.nlp.lexicon import opens_before_name, opens_clause
from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize("word", ["Using", "Below", "Unlike", "Training", "Re-evaluating", "Fine-tuned", "Finetuned",
                                  "Pretrained", "Pre-trained", "Instruction-tuned", "Trained"])
def test_opening_words(word: str) -> None:
    assert opens_before_name(word)


@pytest.mark.parametrize("word", ["Quillan", "Permuted", "Masked", "On", "The", "Mistral", "Tuner", "Ring"])
def test_not_opening_words(word: str) -> None:
    assert not opens_before_name(word)


def test_the_proposers_test_is_the_narrower() -> None:
    assert opens_clause("Training") and opens_clause("Unlike")
    assert not opens_clause("Fine-tuned") and not opens_clause("Using")


def test_size_after_a_preposition_no_name() -> None:
    names = _names("Byteless: Tokenizer-Free Language Models at Small Scale",
                   "We compare a byte-level patching model with a tokenised baseline. Below 500M parameters, the "
                   "tokenised baseline wins; the patching advantage appears only at larger scale.")
    assert "Below 500M" not in names


def _names(title: str, abstract: str) -> dict[str, tuple[str, list[str]]]:
    return {e.name: (e.type, e.mentions) for e in extract_text(abstract, title=title).entities}


def test_sizes_after_a_gerund_name_no_family() -> None:
    names = _names("Orrin: Orthogonalised Updates for Fast Transformer Training",
                   "Orrin is an optimiser that orthogonalises each update. Training 124M and 350M models on web "
                   "text, we show that Orrin's advantage over AdamW grows with the batch size.")
    assert "Orrin" in names
    assert not any(n.startswith("Training") for n in names)


def test_a_family_listed_with_its_sizes_stays() -> None:
    names = _names("Quillan: Open Language Models at Two Scales",
                   "We release Quillan 1B and 7B, two open language models trained on four trillion tokens. "
                   "Quillan 7B matches larger models on reasoning benchmarks.")
    assert "Quillan 7B" in names


@pytest.mark.parametrize("abstract, name, run", [
    ("We collect 4,000 tutoring dialogues with graded hints. Fine-tuned BERT-base and Flan-T5 rank hints well, "
     "but both miss hints that reveal the answer.", "BERT-base", "Fine-tuned BERT-base"),
    ("We revisit reference-free alignment objectives. Using Mistral-7B and a public preference set, we find that "
     "the margin term explains most of the reported gain.", "Mistral-7B", "Using Mistral-7B"),
])
def test_name_after_an_opening_word(abstract: str, name: str, run: str) -> None:
    found = {m for _, mentions in _names("Graded Hints and Margins", abstract).values() for m in mentions}
    assert name in found
    assert run not in found


def test_known_name_opening_with_a_gerund_stays() -> None:
    names = _names("Open-Vocabulary Drone Detection with Region Prompts",
                   "We detect objects in drone footage from text prompts. Grounding DINO serves as our baseline "
                   "detector; our region prompts lift its recall on small objects by twelve points.")
    assert "Grounding DINO" in names


def test_participle_named_by_its_entry() -> None:
    names = _names("Instruction Following for Retrievers",
                   "Retrievers rarely follow instructions. We benchmark instruction-tuned embedding models on 40 "
                   "retrieval tasks and find that instruction-tuned models still ignore negated instructions.")
    assert "instruction-tuned" not in names
    assert names["instruction tuning"][1] == ["instruction-tuned"]
