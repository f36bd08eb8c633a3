"""The names a survey, a comparison or a reproduction gives what it makes itself: the coined lower-case name of
released code or recipes ("Our implementation, lowaug, is public") and the title's last phrase "the NAME KIND"
("… and the Quorra Benchmark"). Invented names only.
"""

from __future__ import annotations

import pytest

from graphbuild.nlp.pipeline import extract_text
from graphbuild.nlp.proposals import released_candidates, titled_kind_at, titled_kind_candidates


def _released(text: str) -> list[tuple[str, bool]]:
    return [(c.text, c.proposed) for c in released_candidates(text, 0, [(0, len(text))])]


@pytest.mark.parametrize("text, name", [
    ("Our implementation, quorraug, is public.", "quorraug"),
    ("The sweep code is released as vitsweep.", "vitsweep"),
    ("We release the tuned configurations as lrgx-tuned.", "lrgx-tuned"),
    ("tolfix, our re-scoring script, recomputes published outputs.", "tolfix"),
    ("Our re-implementations are collected in kernrepro.", "kernrepro"),
    ("We release a corrected scorer, srl-quorra-fix.", "srl-quorra-fix"),
    ("We propose geoquorr, a standard probing protocol.", "geoquorr"),
])
def test_released_lower_case_names_are_proposed(text: str, name: str) -> None:
    assert (name, True) in _released(text)


@pytest.mark.parametrize("text", [
    "Our code, data, and model checkpoints are released.",
    "The code, dataset, visualisation and logs are public.",
    "We unroll ADMM under the CACTI and CASSI framework, respectively.",
    "The code is released as part of the toolkit.",
    "We release our code on the project page.",
    "We re-implement it, following the published description, as quorrdrop, a three-line change.",
])
def test_plain_words_in_a_release_are_no_names(text: str) -> None:
    assert _released(text) == []


def test_a_released_name_is_found_again_where_the_text_repeats_it() -> None:
    text = "We release vitsweep, a small library. With vitsweep, others can rerun the sweep."
    found = list(released_candidates(text, 0, [(0, len(text))]))
    assert [c.start for c in found] == [text.index("vitsweep"), text.rindex("vitsweep")]
    assert [c.proposed for c in found] == [True, False]


@pytest.mark.parametrize("title, name, kind", [
    ("A Survey of Hallucination Detection and the Quorvel Meta-Benchmark", "Quorvel", "Dataset"),
    ("Reading Models Fail on Paraphrases: The Tamsin-QA Test Set", "Tamsin-QA", "Dataset"),
    ("Edge Inference of Vision Transformers, with the Pikemoor Measurements", "Pikemoor", "Dataset"),
    ("Open Speech Recognisers: A Review and the Wexhall-Lite Leaderboard", "Wexhall-Lite", "Dataset"),
    ("Small Models on Phones: A Comparison and the Pocketry Harness", "Pocketry", "Method"),
    ("Revisiting the Quennet Benchmark for Relation Extraction", "Quennet", None),
    ("Revisiting the Quennet Benchmark", "Quennet", None),
    ("Ranking Essays with the Bradley-Terry Model", "Bradley-Terry", None),
    ("Results on MS MARCO and the Velmont Split", "Velmont", None),
    ("Quorvel: The Efficient Transformer", "Efficient", None),
])
def test_the_title_names_its_own_artifact_in_its_last_phrase(title: str, name: str, kind: str | None) -> None:
    at = title.index(name)
    assert titled_kind_at(title, at, at + len(name)) == kind
    found = [c.text for c in titled_kind_candidates(title + "\n\nAn abstract.", len(title))]
    assert found == ([name] if kind else [])


def test_extraction_marks_released_and_titled_artifacts_proposed() -> None:
    ex = extract_text("We re-run LLMLingua on LongBench. Our evaluation code, promptcut-eval, is public.",
                      title="A Reproducibility Study of Prompt Compression")
    assert {e.name: e.proposed for e in ex.entities}.get("promptcut-eval") is True
    ex = extract_text("We survey detectors such as SelfCheckGPT on TruthfulQA. QuorGrid re-casts these sets into one "
                      "format; on QuorGrid no detector wins.",
                      title="A Survey of Hallucination Detection and the QuorGrid Meta-Benchmark")
    proposed = {e.name: e.proposed for e in ex.entities}
    assert proposed.get("QuorGrid") is True
    assert {e.name: e.type for e in ex.entities}.get("QuorGrid") == "Dataset"
    assert not proposed.get("SelfCheckGPT")
    assert not proposed.get("TruthfulQA")


@pytest.mark.parametrize("title, kind", [
    ("Quillmap-Eval: How Well Do Multimodal LLMs Read Maps?", "Dataset"),
    ("Prosodex-Bench: Do Speech LLMs Understand Prosody?", "Dataset"),
    ("Quillmap-Eval: Reading Maps with Multimodal LLMs", None),
])
def test_a_name_before_a_title_question_of_what_models_do_is_a_benchmark(title: str, kind: str | None) -> None:
    from graphbuild.nlp.features import _title_kind

    name_end = title.index(":")
    assert _title_kind(title, name_end, len(title)) == kind


@pytest.mark.parametrize("text, name, made", [
    ("We survey agents. To compare them we assemble Fenwold, a unified benchmark of multi-hop questions.",
     "Fenwold", True),
    ("We translated the test sets anew, producing Quix-HT and Quax-HT, and compare three models.", "Quax-HT", True),
    ("We compare Fenwold with two baselines on three sets.", "Fenwold", False),
    ("We assemble SQuAD and NewsQA into one training pool.", "SQuAD", False),
])
def test_the_object_of_the_authors_verb_of_making_is_proposed(text: str, name: str, made: bool) -> None:
    ex = extract_text(text, title="Agentic Search: A Survey")
    assert bool({e.name: e.proposed for e in ex.entities}.get(name)) is made
