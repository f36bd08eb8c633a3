"""What the rules leave unproposed: the name the authors' thing is derived from ("an extension of the X"), an
abbreviation pair a sentence of evaluation lists, a later mention of a name the proposal verb already passed;
and the decision's higher bar in an abstract that claims nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.nlp.decide import (
    LOWER_THRESHOLD,
    PROPOSED_THRESHOLD,
    THRESHOLD,
    UNCLAIMED_PROPOSED,
    _choose,
    _group_probs,
    _without_unclaimed_guesses,
    load_model,
    prepare,
)
from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.nlp.pipeline import make_pipeline

GAZ = str(Path(__file__).parent / "fixtures" / "nlp" / "gazetteer_small.jsonl")


@pytest.fixture(scope="module")
def proposers():
    return make_pipeline(gazetteer_path=GAZ, proposers_only=True)


def rule_marks(nlp, title: str, abstract: str) -> dict[str, bool]:
    """Each candidate's text after the title to whether the rules guessed it proposed (any of its mentions)."""
    text = f"{title}\n\n{abstract}"
    doc = nlp(text)
    out: dict[str, bool] = {}
    for c in doc._.gb_candidates:
        if c.start >= doc._.gb_title_end:
            out[c.text] = out.get(c.text, False) or c.proposed
    return out


def test_the_name_an_extension_is_made_from_is_not_proposed(proposers):
    marks = rule_marks(proposers, "From Denoisers to Sparse Recovery",
                       "In response, we develop an extension of the quorble message passing (QMP) framework, "
                       "called Denoiser-guided QMP (DG-QMP), that can plug in a wide class of denoisers.")
    assert marks.get("quorble message passing") is False
    assert marks.get("QMP") is False  # (nor its later mention inside the new name)
    assert marks.get("Denoiser-guided QMP") is True


def test_a_variant_of_a_name_leaves_it_unproposed_but_not_the_variant(proposers):
    marks = rule_marks(proposers, "Sharper Augmentation Policies",
                       "We propose AugSharp, a variant of AutoMorph that learns the policy from few labels.")
    assert marks.get("AutoMorph") is False
    assert marks.get("AugSharp") is True
    # without the word of derivation, the object of the verb is proposed as before
    marks = rule_marks(proposers, "Sharper Augmentation Policies",
                       "We propose the AutoMorph policy learner, which learns the policy from few labels.")
    assert marks.get("AutoMorph") is True


def test_coined_pairs_a_sentence_of_evaluation_lists_are_not_proposed(proposers):
    title = "Zorbtraj: Behaviour-Aware Trajectory Prediction for Driving"
    marks = rule_marks(proposers, title,
                       "We evaluate Zorbtraj across the Fennic Drone (FenD), Harbour Lanes (HarL), and Quillport "
                       "Connected Driving (QuiCD) datasets, where it beats prior models.")
    assert not any(marks.get(n) for n in ("Fennic Drone", "Harbour Lanes", "Quillport Connected Driving"))
    # the same pairs where the authors bring them in, or call them theirs, stay proposed
    marks = rule_marks(proposers, title,
                       "We propose two modules, a Short-Interest Gate (ShiG) and a Long-Interest Gate (LonG).")
    assert marks.get("Short-Interest Gate") and marks.get("Long-Interest Gate")
    marks = rule_marks(proposers, title, "We evaluate our Drift-Aware Reindexer (DrAR) on three collections.")
    assert marks.get("Drift-Aware Reindexer")


def chosen_for(title: str, abstract: str):
    """The document's entities as the decision chose them, before the proposed marks (shipped weights)."""
    nlp = make_pipeline(gazetteer_path=GAZ, proposers_only=True)
    text = f"{title}\n\n{abstract}"
    doc = nlp(text)
    gaz = load_gazetteer(GAZ)
    prepared = prepare(text, doc._.gb_sents, doc._.gb_title_end, doc._.gb_candidates, gaz)
    return _choose(prepared, *_group_probs([prepared], load_model())[0], gaz, THRESHOLD, LOWER_THRESHOLD)


def names_of(chosen) -> list[list[str]]:
    cands = chosen.prepared.cands
    return [sorted(cands[i].text for i in members) for members, _, _ in chosen.kept_groups]


def test_an_abstract_that_claims_nothing_needs_a_likelier_guess():
    assert PROPOSED_THRESHOLD < UNCLAIMED_PROPOSED
    chosen = chosen_for("Robustness of Edge Training to Biased Sampling",
                        "Clients train a shared classifier with Secret Sharing (SS) and Garbled Circuits (GC). "
                        "We measure how robust the shared classifier is to biased sampling at the edge.")
    n = len(chosen.kept_groups)
    assert n and not any(chosen.prepared.cands[i].proposed for members, _, _ in chosen.kept_groups for i in members)
    between = (PROPOSED_THRESHOLD + UNCLAIMED_PROPOSED) / 2
    kept = _without_unclaimed_guesses(chosen, [True] * n, [between] * n)
    for names, is_proposed in zip(names_of(chosen), kept):
        assert not is_proposed, names
    # a likelier guess stays
    assert all(_without_unclaimed_guesses(chosen, [True] * n, [UNCLAIMED_PROPOSED] * n))


def test_a_claim_elsewhere_or_a_coined_name_keeps_the_usual_bar():
    chosen = chosen_for("Zorbfuse: Fused Kernels for Edge Training",
                        "We propose Zorbfuse, which trains a shared classifier with Secret Sharing (SS).")
    n = len(chosen.kept_groups)
    between = (PROPOSED_THRESHOLD + UNCLAIMED_PROPOSED) / 2
    assert all(_without_unclaimed_guesses(chosen, [True] * n, [between] * n))  # (Zorbfuse is claimed)
    chosen = chosen_for("Edge Training at Scale",
                        "Clients train a shared classifier. QuillPipe schedules the rounds across phones.")
    n = len(chosen.kept_groups)
    kept = dict(zip(map(tuple, names_of(chosen)), _without_unclaimed_guesses(chosen, [True] * n, [between] * n)))
    assert kept.get(("QuillPipe",)) is True  # a coined name the gazetteer does not know
