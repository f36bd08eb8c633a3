"""A name before a past participle that closes a title's phrase ("Zorb Revisited: …") is what the paper looks at
again, not its own (``doc_context.verb_closing``, ``patterns.title_candidate``, ``decide._without_titled_absences``;
``benchmarks/probe_revisited_titles.py``). All names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.doc_context import verb_closing
from graphbuild.nlp.patterns import title_candidate
from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize("word,closing", [
    ("Revisited", True), ("Reconsidered", True), ("Rethought", True), ("Explained", True), ("Simplified", True),
    ("Learned", False), ("Unified", False),  # adjectives that open names as well
    ("Learning", False), ("Networks", False), ("revisited", False),  # no past form; a lower-case word closes nothing
])
def test_verb_closing(word: str, closing: bool) -> None:
    assert verb_closing(word) is closing


def _title_head(title: str) -> str | None:
    text = title + "\nQuorBit was introduced to evaluate paper embeddings. QuorBit is used here."
    cand = title_candidate(text, len(title))
    return None if cand is None else cand.text


def test_a_revisited_head_is_no_title_name() -> None:
    assert _title_head("QuorBit Revisited: Do Citation Graphs Still Help?") is None
    assert _title_head("QuorBit Reconsidered: Embeddings on a New Corpus") is None
    assert _title_head("QuorBit: Citation-Aware Embeddings") == "QuorBit"  # no participle: the title's own name
    assert _title_head("Learned QuorBit: Citation-Aware Embeddings") is not None  # "Learned" opens names


def test_the_revisited_name_is_not_proposed_and_what_the_paper_brings_in_is() -> None:
    title = "TesselPool Revisited: A Regulariser in the Frequency Domain"
    abstract = ("We revisit TesselPool, which averages random Fourier coefficients of feature maps, and propose "
                "FreqTess, a variant whose pooling rate rises with frequency. FreqTess improves robustness on "
                "corrupted images by 3 points over TesselPool.")
    marks = {e.name: e.proposed for e in extract_text(abstract, title=title).entities}
    assert marks.get("TesselPool") is False
    assert marks.get("FreqTess") is True
    assert "TesselPool Revisited" not in marks


def test_a_participle_closing_the_whole_title_after_a_comma() -> None:
    title = "MarlowAttn, Explained"
    abstract = ("MarlowAttn routes each token to a learned bucket. We explain why it works: the buckets align with the "
                "principal directions of the keys.")
    marks = {e.name: e.proposed for e in extract_text(abstract, title=title).entities}
    assert marks.get("MarlowAttn") is False
