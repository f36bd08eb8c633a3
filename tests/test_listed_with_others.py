"""A name only the learned decision proposes is not proposed where the abstract lists it beside a name plainly
not the paper's (``decide._without_listed_with_others``, ``features.coordinated_with``;
``benchmarks/probe_listed_with_others.py``). All names are invented."""

from __future__ import annotations

import pytest
from extracted import proposed_marks as _proposed

from graphbuild.nlp import decide
from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.features import coordinated_with


def _cand(text: str, name: str) -> Candidate:
    start = text.index(name)
    return Candidate(start, start + len(name), name, "shape")


def _spans(text: str, *names: str) -> list[tuple[int, int]]:
    return sorted((text.index(n), text.index(n) + len(n)) for n in names)


_DRIVES = "We test on Highway Drone (HighD), Quarry Drive (QuarD), and Orchard Rows (OrR) data."


@pytest.mark.parametrize("text,name,other", [
    (_DRIVES, "Quarry Drive", "Highway Drone"),
    (_DRIVES, "Orchard Rows", "Quarry Drive"),
    ("Segmentation of PASCAL VOC, Fennbury-3D, and SIFT Flow improves.", "Fennbury-3D", "SIFT Flow"),
    ("primitives: Homomorphic Encryption (HE), Lattice Splitting (LS), Garbled Circuits (GC), and more",
     "Lattice Splitting", "Garbled Circuits"),
])
def test_a_list_as_a_list_is_written_coordinates_its_names(text: str, name: str, other: str) -> None:
    assert coordinated_with(text, _cand(text, name), _spans(text, other), in_list=True)


@pytest.mark.parametrize("text,name,other", [
    # an apposition, not a list: nothing goes on after the later name
    ("We name it hidden-unit dropout for CD, HuX-CD for short; it helps.", "HuX-CD", "CD"),
    # a clause opening after the comma
    ("On Fennbury, Quillnet reaches 80% accuracy.", "Quillnet", "Fennbury"),
])
def test_an_apposition_or_a_clause_is_no_list(text: str, name: str, other: str) -> None:
    assert not coordinated_with(text, _cand(text, name), _spans(text, other), in_list=True)


def test_the_bracketed_short_form_is_read_only_in_a_list() -> None:
    text = _DRIVES
    c = _cand(text, "Quarry Drive")
    assert not coordinated_with(text, c, _spans(text, "Highway Drone"))  # (the default: the features' reading)
    assert coordinated_with(text, c, _spans(text, "Highway Drone"), in_list=True)


def test_a_name_listed_beside_known_data_is_not_proposed() -> None:
    marks = _proposed("GRIT: Goal-Aware Trajectory Forecasting for Urban Driving",
                      "Forecasting where road users go is key for planning. We propose GRIT, a goal-aware trajectory "
                      "forecaster that attends over lane graphs. We evaluate GRIT on the Next Generation Simulation "
                      "(NGSIM), Highway Drone (HighD), Harbour Lidar Crossings (HarLC), and Quarry Drive Records (QDR) "
                      "datasets, where it lowers the final displacement error by 12%.")
    assert marks.get("GRIT") is True
    assert not marks.get("HarLC") and not marks.get("QDR")


def test_the_papers_own_parts_listed_together_stay_proposed() -> None:
    marks = _proposed("Tarrow Networks for Semantic Segmentation",
                      "The non-local block is useful for segmentation but slow. In this paper, we present Tarrow "
                      "Networks for semantic segmentation, which have two components: the Tarrow Pyramid Block (TPB) "
                      "and the Tarrow Fusion Block (TFB). TPB samples keys with a pyramid, and TFB fuses features of "
                      "two levels with it. On Cityscapes, TPB is six times faster than a non-local block.")
    assert marks.get("TPB") is True and marks.get("TFB") is True


def test_the_floor_for_a_name_plainly_not_the_papers_is_below_the_proposed_threshold() -> None:
    assert 0 < decide.LISTED_OTHERS_PROPOSED < decide.PROPOSED_THRESHOLD
