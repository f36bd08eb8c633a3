"""The NLP components' weights and thresholds live in their spaCy config, and the config is what they use."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import spacy

from graphbuild.nlp.entity_types import TypingWeights, context_votes, shape_votes
from graphbuild.nlp.pipeline import COMPONENTS, make_pipeline

GAZ = str(Path(__file__).parent / "fixtures" / "nlp" / "gazetteer_small.jsonl")


def test_config_holds_every_typing_weight_with_its_default():
    nlp = make_pipeline(gazetteer_path=GAZ)
    cfg = nlp.config["components"]["graphbuild_typing"]
    assert {f.name: cfg[f.name] for f in fields(TypingWeights)} == TypingWeights.config()
    assert cfg["head"] == 2.0 and cfg["list_share"] == 0.8 and cfg["window_before"] == 60
    for name, keys in (("graphbuild_gazetteer", {"vote", "any_case_from"}),
                       ("graphbuild_patterns", {"dataset_cue_vote", "eponym_vote", "title_vote"}),
                       ("graphbuild_abbreviations", {"task_vote", "head_vote"}),
                       ("graphbuild_decide", {"threshold", "proposed_threshold"})):
        assert keys <= set(nlp.config["components"][name]), name


def test_typing_weights_set_the_votes():
    text = "Results on the ToxicChat benchmark improve."
    start = text.index("ToxicChat")
    end = start + len("ToxicChat")
    assert context_votes(text, start, end, 0, len(text))["Dataset"] == 2.0 + 1.5  # head noun + "on ... results"
    heavy = TypingWeights(head=5.0, eval_context=0.25)
    assert context_votes(text, start, end, 0, len(text), heavy)["Dataset"] == 5.25
    # a context window too short to reach the head noun: only the "on ... results" cue is left
    assert context_votes(text, start, end, 0, len(text), TypingWeights(window_after=3)) == {"Dataset": 1.5}
    assert shape_votes("VLMEvalKit") == {"Tool": 3.0}
    assert shape_votes("VLMEvalKit", TypingWeights(tool_shape=0.5)) == {"Tool": 0.5}


def test_component_config_reaches_the_candidates():
    def gazetteer_votes(vote: float) -> set[float]:
        nlp = spacy.blank("en")
        nlp.add_pipe("graphbuild_sentences")
        nlp.add_pipe("graphbuild_gazetteer", config={"path": GAZ, "vote": vote})
        doc = nlp("A title\n\nWe fine-tune BERT with LoRA.")
        return {w for c in doc._.gb_candidates for w in c.votes.values()}

    assert gazetteer_votes(3.0) == {3.0}
    assert gazetteer_votes(1.25) == {1.25}


def test_config_round_trips_through_disk(tmp_path):
    nlp = make_pipeline(gazetteer_path=GAZ)
    nlp.get_pipe_config("graphbuild_typing")  # present, so it is written to config.cfg
    nlp.to_disk(tmp_path / "pipe")
    text = (tmp_path / "pipe" / "config.cfg").read_text(encoding="utf-8")
    assert "[components.graphbuild_typing]" in text and "list_share = 0.8" in text
    loaded = make_pipeline(str(tmp_path / "pipe"))
    assert loaded.pipe_names == list(COMPONENTS)
    assert loaded.config["components"]["graphbuild_typing"] == nlp.config["components"]["graphbuild_typing"]
