"""The kind of a name set off by dashes or a long form before it, and the kind the authors name it by."""

from __future__ import annotations

import pytest

from graphbuild.nlp.features import _APPOS_REACH, _appositive_head, _kind_named_before


def _appos(text: str, name: str) -> str | None:
    end = text.index(name) + len(name)
    return _appositive_head(text, end, min(len(text), end + _APPOS_REACH))


def _before(text: str, name: str) -> str | None:
    return _kind_named_before(text, 0, text.index(name))


@pytest.mark.parametrize(("text", "name", "want"), [
    ("We present QUORV — Quantised Routing Over Vocabulary Experts and Layers — a multilingual encoder whose "
     "layers are routed.", "QUORV", "Model"),
    ("We release TALKW – Threaded Annotated Logs of Kitchen Work – a corpus of cooking dialogues.", "TALKW",
     "Dataset"),
    ("We introduce Brindlenet — a graph encoder pretrained on molecules.", "Brindlenet", "Model"),
    ("We introduce Brindlenet—a benchmark of molecule pairs.", "Brindlenet", "Dataset"),
    ("Zorbset, a corpus of 2k logs.", "Zorbset", "Dataset"),  # the comma as before
])
def test_dashed_appositive(text: str, name: str, want: str) -> None:
    assert _appos(text, name) == want


@pytest.mark.parametrize(("text", "name"), [
    ("We compare Zentrox — the gate removed — with its ablations.", "Zentrox"),  # no article: no kind
    ("We compare Zentrox — and its ablations — with a corpus of logs.", "Zentrox"),
    ("Zentrox a corpus of logs.", "Zentrox"),  # neither comma nor dash
])
def test_dashes_without_a_kind(text: str, name: str) -> None:
    assert _appos(text, name) is None


@pytest.mark.parametrize(("text", "name", "want"), [
    ("We name the tagger Marrowtag and analyse its errors.", "Marrowtag", "Model"),
    ("We stack pairwise convolutions and refer to the architecture as Plintconv.", "Plintconv", "Model"),
    ("We collect 12k vessel tracks and call the dataset Quayline.", "Quayline", "Dataset"),
    ("We call our compact model Tessik.", "Tessik", "Model"),
    # "the result" keeps reading the kind the sentence made
    ("We adapt a segmentation model with adapters and call the result Zorb-Med.", "Zorb-Med", "Model"),
])
def test_named_by_kind(text: str, name: str, want: str) -> None:
    assert _before(text, name) == want


@pytest.mark.parametrize(("text", "name"), [
    ("We call the effect Driftfade in what follows.", "Driftfade"),  # no artifact kind
    ("We name the three stages of training Alpha, Beta and Gamma.", "Alpha"),  # too far from the noun
    ("We compare the tagger with Marrowtag.", "Marrowtag"),  # no naming verb
])
def test_named_without_a_kind(text: str, name: str) -> None:
    assert _before(text, name) is None
