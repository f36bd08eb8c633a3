"""How far the kind readings before and after a name reach (features._APPOS, features._KIND_CALLED)."""

from __future__ import annotations

from graphbuild.nlp.features import _appositive_head, _kind_named_before


def _appos(text: str, name: str) -> str | None:
    return _appositive_head(text, text.index(name) + len(name), len(text))


def test_an_appositive_is_read_past_a_long_spelled_out_parenthesis() -> None:
    text = "We release Orchalyn-5K (Labelled Orchard Canopy Images from Drone Surveys), a test set of 5,000 images."
    assert _appos(text, "Orchalyn-5K") == "Dataset"
    text = "We introduce TABRIX (Tabular Routing In eXperts for Time Series Data), a sparse mixture-of-experts model."
    assert _appos(text, "TABRIX") == "Model"


def test_an_acronym_inside_the_kind_does_not_end_the_head() -> None:
    # the head is the last noun of the compound, past the acronym: an engine, not a model
    text = "We build Pyrelane, a high-throughput Large Language Model (LLM) serving engine that batches requests."
    assert _appos(text, "Pyrelane") == "Tool"
    text = "We pretrain Terravex, a Vision Transformer (ViT) model with masked band reconstruction."
    assert _appos(text, "Terravex") == "Model"
    # a parenthesised lower-case aside is no acronym: the phrase stops before it, as it did
    text = "We build Pyrelane, a fast Model (see below) engine for chat."
    assert _appos(text, "Pyrelane") == "Model"


def _before(text: str, name: str) -> str | None:
    return _kind_named_before(text, 0, text.index(name))


def test_a_plural_or_past_copula_before_the_naming_participle() -> None:
    assert _before("We distil two bi-encoders. The student models are named Lintwhisk-S and Lintwhisk-M.",
                   "Lintwhisk-S") == "Model"
    assert _before("We transcribe radio, and the resulting corpora were named Valkmere-North.",
                   "Valkmere-North") == "Dataset"
    # no kind before the copula: nothing read
    assert _before("They are named Valkmere-North.", "Valkmere-North") is None


def test_a_kind_up_to_six_words_after_its_article() -> None:
    assert _before("We train a lightweight two-stage multilingual dense passage retrieval model called Pelloran.",
                   "Pelloran") == "Model"
    assert _before("We describe a simple yet effective class-aware sampling method named Tessalot.",
                   "Tessalot") == "Method"
