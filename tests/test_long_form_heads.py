"""The type of a defined name from the head noun of its long form (``features.long_head_type``,
``decide._long_head_type``)."""

from __future__ import annotations

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.decide import _long_head_type
from graphbuild.nlp.features import long_head_type
from graphbuild.nlp.pipeline import extract_text


def test_long_head_type_reads_the_head_before_a_preposition() -> None:
    assert long_head_type("Hierarchical Quokka Graph Network") == "Model"
    assert long_head_type("Koala Trend Filtering Networks for Ranking") == "Model"
    assert long_head_type("Strided Koala Transformer") == "Model"
    assert long_head_type("Tellurin Dialogue Corpus") == "Dataset"
    assert long_head_type("Quokka Hard Thresholding Algorithm") == "Method"
    assert long_head_type("Koala Contrastive Loss") == "Method"
    # the head comes before the preposition: an attention for networks is no network
    assert long_head_type("Quokka Attention for Graph Networks") is None
    # a head that does not decide ("framework", "model", "encoder" lean but vary)
    assert long_head_type("Quokka Fusion Framework") is None
    assert long_head_type("Koala Masked Encoder") is None


def test_only_a_long_form_of_a_pair_decides() -> None:
    long = Candidate(0, 24, "Zorbic Graph Network", "abbrev-long")
    short = Candidate(26, 30, "ZGN", "abbrev-short")
    assert _long_head_type([long, short], [0, 1]) == "Model"
    named = Candidate(0, 24, "Zorbic Graph Network", "title")
    assert _long_head_type([named, short], [0, 1]) is None


def test_network_long_form_beats_the_framework_it_is_called() -> None:
    abstract = ("In this work, we develop a new framework, Hierarchical Zorbic Graph Network (HZGN), to model users, "
                "items and bundles together. Experiments on two public datasets show that HZGN outperforms strong "
                "baselines.")
    ents = {e.name: e.type for e in extract_text(abstract, title="Bundle Recommendation with Graphs").entities}
    assert ents.get("HZGN") == "Model"


def test_loss_long_form_stays_a_method_when_called_a_model_component() -> None:
    abstract = ("We introduce a new model component, Koala Contrastive Loss (KCL), which aligns features of paired "
                "sensors. A ResNet-50 trained with KCL transfers better than one trained with standard objectives.")
    ents = {e.name: e.type for e in extract_text(abstract, title="Features That Transfer Across Sensors").entities}
    assert ents.get("KCL") == "Method"
    assert ents.get("ResNet-50") == "Model"
