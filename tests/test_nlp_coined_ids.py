"""Names in unusual forms: coined compounds set off after their kind, and checkpoints' identifiers in lower case."""

from __future__ import annotations

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.patterns import (
    checkpoint_id,
    checkpoint_shaped,
    coined_apposed_type,
    cue_candidates,
    shape_candidates,
    shape_score,
)
from graphbuild.nlp.pipeline import extract_text


def _cues(text: str) -> dict[str, Candidate]:
    return {c.text: c for c in cue_candidates(text, [(0, len(text))])}


def test_coined_compound_after_its_kind_is_a_proposed_cue_typed_by_the_kind():
    text = "Quorn comes with a day-night paired subset, Quorn-Pairs, for measuring shift."
    found = _cues(text)
    assert found["Quorn-Pairs"].proposed and found["Quorn-Pairs"].votes == {"Dataset": 2.0}
    assert coined_apposed_type(text, text.index("Quorn-Pairs")) == "Dataset"
    text = "Section 4 derives a regulariser from the analysis, rank-clamp, which penalises updates."
    assert _cues(text)["rank-clamp"].votes == {"Method": 2.0}
    assert coined_apposed_type(text, text.index("rank-clamp")) == "Method"
    # a phrase with "with" or "without" may follow the kind
    found = _cues("Quorn is fast. A variant without segment memory, Quorn-Short, is limited to short videos.")
    assert found["Quorn-Short"].proposed and found["Quorn-Short"].votes == {"Model": 2.0}
    # the sentence may end on the name
    assert "Vellum-Docs" in _cues("We release weights and the training mix, Vellum-Docs.")


def test_coined_apposition_needs_a_name_not_a_modifier_a_list_or_anothers_kind():
    assert not {"off-the-shelf", "fine-tuned"} & set(_cues(
        "The detector, off-the-shelf, fails on glare; the encoder, fine-tuned, recovers 8 AP."))
    assert "l-one" not in _cues("We compare a loss, l-one, l-two and the Huber loss.")
    assert "left-to-right" not in _cues("The decoder, left-to-right, then refines its output.")
    assert "Zorb-Base" not in _cues("We compare with a standard baseline, Zorb-Base, which is strong.")
    # a name the gazetteer found (``known``) is someone else's
    text = "We use a variant, Quorn-Large, which is big."
    at = text.index("Quorn")
    assert "Quorn-Large" not in {c.text for c in cue_candidates(text, [(0, len(text))],
                                                                  known=frozenset({(at, at + 5)}))}


def test_pipeline_finds_a_lower_case_coinage_set_off_after_a_fix():
    found = {e.name: e for e in extract_text(
        "Local attention loses needles beyond the window. We propose a fix, wide-every-3, which makes every "
        "third layer global.", title="Sliding Windows Hurt Long-Context Retrieval").entities}
    assert found["wide-every-3"].type == "Method" and found["wide-every-3"].proposed, found


def test_checkpoint_shaped_lower_case_identifiers():
    for name in ("bert_base_uncased", "roberta-large", "wav2vec2-large-xlsr-53", "distil-large-v2",
                 "claude-3-5-sonnet-20241022", "t5-base", "llama-3.1-8b"):
        assert checkpoint_shaped(name), name
        assert shape_score(name) == 2, name
    for word in ("knowledge-base", "extra-large", "top-5k", "four-small", "large-scale", "fine-tuned", "k-means"):
        assert not checkpoint_shaped(word), word
        assert shape_score(word) == 0, word
    # a version alone names no model's weights: "zorb-v2" may be a dataset's
    assert checkpoint_shaped("zorb-v2") and not checkpoint_id("zorb-v2")
    assert checkpoint_id("distil-large-v2") and not checkpoint_id("Quill-Large")


def test_pipeline_finds_checkpoint_identifiers_as_models_but_not_in_paths():
    found = {e.name: e.type for e in extract_text(
        "We fine-tune quill_base_uncased on three negation corpora; a distilled recogniser (wrenlm-large-v2) "
        "transcribes. Weights are at hub.example.org/orca-large-v2 and we use a knowledge-base of facts.",
        title="Clinical Negation with Small Encoders").entities}
    assert found.get("quill_base_uncased") == "Model" and found.get("wrenlm-large-v2") == "Model", found
    assert "orca-large-v2" not in found and "knowledge-base" not in found, found


def test_coined_apposition_after_a_borrowed_part_is_no_cue():
    assert "ResNeXt-77" not in _cues("The backbone, ResNeXt-77, is frozen; the encoder, Quill-Base, is shared.")
    assert "Quill-Base" not in _cues("The backbone, ResNeXt-77, is frozen; the encoder, Quill-Base, is shared.")


def test_shape_run_takes_a_fraction_after_a_name():
    from graphbuild.nlp.patterns import shape_candidates

    text = "We test on Diginetica and Yoochoose 1/64 with a 3/4 split."
    runs = {c.text for c in shape_candidates(text, 0, [(0, len(text))])}
    assert "Yoochoose 1/64" in runs and "Yoochoose 1" not in runs, runs


def _shapes(text: str) -> set[str]:
    return {c.text for c in shape_candidates(text, 0, [(0, len(text))])}


def test_snake_case_names_are_strong_shapes_but_not_subscripts_or_addresses():
    found = _shapes("We run tern_bench and marlo_align; sigma_8, ell_2 and g_q are fixed. Code: "
                    "https://github.com/someone/bren_graph_filtering and www.example.org/quill_sort.")
    assert {"tern_bench", "marlo_align"} <= found, found
    assert not {"sigma_8", "ell_2", "g_q", "bren_graph_filtering", "quill_sort"} & found, found
    found = {e.name: e for e in extract_text(
        "We compare quill_align, a log-linear aligner, with GIZA++ on three language pairs; quill_align is faster.",
        title="Word Alignment Revisited").entities}
    assert "quill_align" in found, found

