"""The type a coined name gets from what the abstract calls it at mentions no proposer found, and a version's
type from its family's (decide._unproposed_mention_types, decide._family_defined_types)."""

from __future__ import annotations

import numpy as np

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.decide import _family_defined_types, _sibling_types, _unproposed_mention_types
from graphbuild.nlp.pipeline import extract_text

TITLE = "Quarnet: Diagram-to-Code Generation with Render Feedback"


def _title_cand(text: str, name: str) -> Candidate:
    return Candidate(0, len(name), name, "title", proposed=True)


def test_copula_at_a_sentence_opening_mention_types_the_title_name():
    text = TITLE + "\n\nQuarnet is a vision-language model that renders its own code. Quarnet beats BaseTikz."
    cands = [_title_cand(text, "Quarnet")]
    assert _unproposed_mention_types(text, len(TITLE), cands, [0]) == {"Model"}


def test_two_kinds_at_two_mentions_are_both_read():
    text = TITLE + "\n\nQuarnet is a benchmark of 400 diagrams. Quarnet is an algorithm that renders code."
    cands = [_title_cand(text, "Quarnet")]
    assert _unproposed_mention_types(text, len(TITLE), cands, [0]) == {"Dataset", "Method"}


def test_no_kind_and_a_longer_word_give_nothing():
    text = TITLE + "\n\nQuarnet renders its own code. Quarnets is a model; Quarnet-X is a dataset of charts."
    cands = [_title_cand(text, "Quarnet")]
    assert _unproposed_mention_types(text, len(TITLE), cands, [0]) == set()


def test_a_members_own_mention_is_not_read_twice():
    text = TITLE + "\n\nQuarnet is a benchmark of charts."
    start = text.index("Quarnet is")
    cands = [Candidate(start, start + 7, "Quarnet", "shape", proposed=True)]
    assert _unproposed_mention_types(text, len(TITLE), cands, [0]) == set()


def _groups(names: list[str]) -> tuple[list[Candidate], list[list[int]]]:
    return [Candidate(0, len(n), n, "shape") for n in names], [[k] for k in range(len(names))]


def test_a_version_takes_the_type_its_family_is_given():
    cands, groups = _groups(["Grisp-3", "Grisp-2", "OtherNet"])
    assert _family_defined_types(cands, groups, ["Model", None, None]) == ["Model", "Model", None]


def test_two_given_types_in_a_family_leave_the_others_alone():
    cands, groups = _groups(["Grisp-3", "Grisp-2", "Grisp-1"])
    assert _family_defined_types(cands, groups, ["Model", "Dataset", None]) == ["Model", "Dataset", None]


def test_the_name_a_size_is_written_after_is_no_family_member():
    cands, groups = _groups(["Spindle", "Spindle-Small", "Spindle-Large"])
    assert _family_defined_types(cands, groups, ["Method", None, None]) == ["Method", None, None]


def test_a_successor_and_the_name_it_succeeds_share_a_given_type():
    cands, groups = _groups(["Quorra++", "Quorra"])
    assert _family_defined_types(cands, groups, ["Model", None]) == ["Model", "Model"]


def test_sibling_types_still_sum_a_familys_votes():
    cands, groups = _groups(["Zorb-S", "Zorb-L", "Quill"])
    probs = np.array([[0.6, 0.4, 0.0], [0.1, 0.9, 0.0], [0.9, 0.1, 0.0]])
    assert _sibling_types(cands, groups, probs) == [1, 1, 0]


def test_end_to_end_the_title_name_is_typed_by_its_abstract_copula():
    abstract = ("Loomis is a convolutional network trained on hand radiographs with labels read from reports. "
                "On two hospital cohorts Loomis lowers the mean absolute error by 1.4 months.")
    found = {e.name: e for e in extract_text(abstract, title="Loomis: Bone Age Assessment with Weak Labels").entities}
    assert found["Loomis"].type == "Model"


def test_a_name_set_off_after_a_counted_set_of_items_is_data():
    from graphbuild.nlp.features import _kind_named_before
    title = "Corvex-Net: Audio Event Detection"
    for kind, want in (("a new set of 4,200 barnyard clips", "Dataset"),
                       ("a collection of 12k field recordings", "Dataset"),
                       ("a set of 12 gradient-boosted models", "Model"),
                       ("a set of barnyard clips", None)):  # (no count: not read)
        text = f"{title}\n\nIt is fine-tuned on {kind}, BarnAudio, and detects calls."
        assert _kind_named_before(text, len(title), text.index("BarnAudio")) == want, kind


def test_a_copula_naming_a_learned_component_types_a_model():
    from graphbuild.nlp.features import copula_kind
    for predicate, want in ((" is a locomotion controller for legged robots.", "Model"),
                            (" is a residual vector quantised tokenizer trained on speech.", "Model"),
                            (" is a benchmark of 400 charts.", "Dataset"),
                            (" is trained for a controller of robots.", None)):
        text = "Drabble" + predicate
        assert copula_kind(text, 7, len(text)) == want, predicate
