"""A name an abstract opens a sentence of background with, as the subject of a general statement ("X (X) is a
paradigm …", "Recently, X has emerged …", "X is designed to …"), is not the paper's own where the paper claims
something else, the gazetteer knows it or the title is a survey's (``decide._without_opening_background``); the
paper's own names (a coined name opening the title) stay proposed. Names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp import decide
from graphbuild.nlp.doc_context import DocContext
from graphbuild.nlp.pipeline import extract_text, make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def marks(nlp, title: str, text: str) -> dict[str, bool]:
    return {e.name: e.proposed for e in extract_text(text, nlp, title=title).entities}


def test_the_opening_shapes_are_general_statements_before_any_proposal():
    assert decide._DESIGNED_TO.match(" (SU) is designed to train") is not None
    assert decide._DESIGNED_TO.match(" is designed by") is None
    assert decide._OPENING_ADVERB.fullmatch("Recently, ") is not None
    assert decide._OPENING_ADVERB.fullmatch("In recent years, the ") is not None
    assert decide._OPENING_ADVERB.fullmatch("We show that ") is None
    assert decide._OWN_IN_OPENING.search("Zorb is a new codec") is not None
    assert decide._OWN_IN_OPENING.search("Zorb is a paradigm for training") is None


def _opens(title: str, text: str, start: int, end: int) -> bool:
    full = title + "\n" + text
    title_end = len(title)
    sents, at = [(0, title_end)], title_end + 1
    for part in text.split(". "):
        sents.append((at, at + len(part) + 1))
        at += len(part) + 2
    ctx = DocContext(full, sents, title_end)
    c = decide.Candidate(title_end + 1 + start, title_end + 1 + end, text[start:end], "acronym",
                         sentence=next(k for k, (s, e) in enumerate(sents) if s <= title_end + 1 + start < e))
    return decide._opens_as_background(ctx, [c], [0])


def test_opens_as_background_reads_the_subject_of_a_statement_before_any_proposal():
    text = "Drellic Hashing maps similar items to one bucket. We propose Bucketrim, which rebalances them."
    assert _opens("Skewed Buckets", text, 0, 15)
    text = "Drellic Hashing is a new scheme that maps similar items to one bucket. It is fast."
    assert not _opens("Skewed Buckets", text, 0, 15)  # a word of novelty: the paper's own
    text = "We propose Bucketrim. Drellic Hashing maps similar items to one bucket."
    assert not _opens("Skewed Buckets", text, 22, 37)  # after the paper proposes: not background


def test_a_paradigm_the_abstract_opens_with_is_not_proposed_beside_the_papers_own(nlp):
    found = marks(nlp, "Private Aggregation for Swarm Updating",
                  "Swarm Updating (SU) is designed to train a model across phones without collecting their data. "
                  "Its updates still leak the data of each phone. We propose Hushcount, a secure aggregation "
                  "protocol for SU with constant overhead per client. Hushcount runs on 10,000 simulated phones.")
    assert found.get("Hushcount") is True and found.get("SU") is False, found


def test_a_revisited_titles_own_name_opening_a_sentence_stays_proposed(nlp):
    found = marks(nlp, "Quillon-v2: Revisiting a Proof Search Benchmark After Contamination",
                  "Our earlier proof search benchmark, Quillon, was built from public proofs in 2021. Quillon-v2 "
                  "replaces its test set with 900 theorems written after 2024. Scores on the original Quillon "
                  "overestimate provers by 12 points relative to Quillon-v2.")
    assert found.get("Quillon-v2") is True, found


def test_the_papers_own_name_opening_its_title_and_abstract_stays_proposed(nlp):
    found = marks(nlp, "Plinth: Typed Notebooks for Reproducible Analysis",
                  "Plinth is a notebook system that checks the types of cells before they run. It records the "
                  "provenance of every value. In a study with 24 analysts, Plinth caught 71% of the errors that "
                  "broke reruns.")
    assert found.get("Plinth") is True, found


def test_is_new_kind_reads_a_kind_head_before_any_function_word():
    m = decide._IS_NEW_KIND.match(" (ZN) is a novel graph network that passes")
    assert m is not None and "network" in m.group(1).split()
    assert decide._IS_NEW_KIND.match(" is a widely used language model") is None
    assert decide._IS_NEW_KIND.match(" has a new language model") is None


def test_a_coined_name_opening_the_abstract_as_a_new_kind_is_proposed(nlp):
    # absent from the title, the subject of the first sentence, "is a new <kind>": the paper's own
    got = marks(nlp, "Lossless Compression of Sensor Streams",
                "QuellmarkLM is a new language model for sensor streams that predicts each sample from a context. "
                "On six public traces QuellmarkLM compresses 18% better than general-purpose codecs.")
    assert got.get("QuellmarkLM") is True, got
    # a widely used one is background, and so is a new one named after the first sentence
    got = marks(nlp, "Faster Decoding for Sensor Language Models",
                "Quellmark is a widely used language model for sensor streams. We propose Tarvix, a draft-and-verify "
                "decoder for Quellmark. Tarvix decodes 3x faster with the same output.")
    assert got.get("Quellmark") is not True and got.get("Tarvix") is True, got
    got = marks(nlp, "Faster Decoding for Sensor Language Models",
                "Decoding sensor language models is slow on small devices. Quellmark is a new language model for "
                "sensor streams. We propose Tarvix, a draft-and-verify decoder for Quellmark. Tarvix is 3x faster.")
    assert got.get("Quellmark") is not True, got
