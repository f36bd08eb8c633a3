"""A name an abstract gives once, late, right after a word of use or comparison ("over X", "following the X
recipe", "with a X arm") is not the paper's own (``decide._without_named_in_passing``); the paper's own names
and their sizes stay proposed. Names are invented."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from graphbuild.nlp import decide
from graphbuild.nlp.features import IN_PASSING_BEFORE
from graphbuild.nlp.pipeline import extract_text, make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def marks(nlp, title: str, text: str) -> dict[str, bool]:
    return {e.name: e.proposed for e in extract_text(text, nlp, title=title).entities}


def test_in_passing_words_are_of_use_or_comparison_not_a_list_or_what_the_authors_make():
    assert {"first_after=with", "first_after=over", "first_after=following", "first_after=on"} <= set(
        IN_PASSING_BEFORE)
    # "A and X", "released as X", "distilled into X" may give the authors' own
    assert not {"first_after=and", "first_after=or", "first_after=as", "first_after=into"} & set(IN_PASSING_BEFORE)


def test_the_rule_drops_only_a_name_given_once_late_after_such_a_word():
    groups = [([0], "Method", [0]), ([1], "Model", [1]), ([2], "Model", [2]), ([3], "Task", [3]), ([4], "Model", [4])]
    rows = [{"bias": 1, "once_late": 1, "first_after=over": 1},  # named in passing: dropped
            {"bias": 1, "once_late": 1, "first_after=and": 1},  # a list's joiner: kept
            {"bias": 1, "first_after=with": 1},  # named more than once or with a cue: kept
            {"bias": 1, "once_late": 1}]  # (no row for the task) no word before: kept
    # (every name one the gazetteer knows: none is a coined name apposed to "a new" kind, which the rule spares)
    chosen = SimpleNamespace(kept_groups=groups, rows=rows, prepared=SimpleNamespace(entries=["known"] * 5))
    assert decide._without_named_in_passing(chosen, [True] * 5) == [False, True, True, True, True]
    assert decide._without_named_in_passing(chosen, [False] * 5) == [False] * 5
    # before the paper's own name in its sentence: dropped; after it, kept
    rows[3] = {"bias": 1, "once_late": 1, "beside_claimed=before": 1}
    assert decide._without_named_in_passing(chosen, [True] * 5) == [False, True, True, True, False]
    rows[3] = {"bias": 1, "once_late": 1, "beside_claimed=after": 1}
    assert decide._without_named_in_passing(chosen, [True] * 5) == [False, True, True, True, True]


def test_a_baseline_named_once_after_over_is_not_proposed(nlp):
    found = marks(nlp, "Varnolt: Revisiting Memory Attention for Long-Form Video Understanding",
                  "Long videos exceed the context of current video models. Varnolt compresses past clips into a "
                  "small memory and attends to it with divided attention. Pre-trained with masked objectives on 2 "
                  "million clips, Varnolt reaches 84.1% top-1 accuracy on Kinetics-400 and improves long-form "
                  "understanding by 4.2 points over MeMoViT.")
    assert found.get("Varnolt") is True, found
    assert found.get("MeMoViT") is False, found


def test_a_recipe_and_a_robot_named_in_passing_are_not_proposed(nlp):
    found = marks(nlp, "Dorvel: Native-Resolution Vision Encoders for Charts",
                  "Charts lose detail when resized. We train a ViT-L/14 encoder that processes images at their "
                  "native aspect ratio, following the NaVoT recipe, and interpolate rotary embeddings in two "
                  "dimensions. Dorvel improves chart question answering by 6 points.")
    assert found.get("Dorvel") is True and found.get("NaVoT") is False, found
    found = marks(nlp, "Soft Planning Layers for Visuomotor Learning",
                  "We propose Soft Plan, a differentiable planning layer. Soft Plan is trained end to end from "
                  "pixels. On a real block-pushing setup with a UR7 arm, Soft Plan needs 4x fewer demonstrations "
                  "than a convolutional policy.")
    assert found.get("Soft Plan") is True and found.get("UR7") is False, found


def test_a_size_of_the_papers_own_name_given_once_late_after_with_stays_proposed(nlp):
    found = marks(nlp, "Zorbel: Efficient Backbones for Mobile Vision",
                  "Mobile vision needs small backbones. We introduce Zorbel, a family of convolutional backbones "
                  "with shifted windows. Zorbel trains in a day on eight GPUs. The largest model reaches 82% on "
                  "ImageNet with Zorbel-L at 4 ms latency.")
    assert found.get("Zorbel") is True and found.get("Zorbel-L") is True, found


def test_a_store_named_once_before_the_papers_own_name_is_not_proposed(nlp):
    found = marks(nlp, "Terrafs: A Persistent-Memory File System with Per-File Consistency",
                  "Persistent memory file systems force one consistency level on all files. Terrafs lets each file "
                  "choose its level and logs metadata only where needed. Terrafs is built into the kernel. Its "
                  "appends take 2 microseconds. LevelKV on Terrafs completes the fillrandom workload 1.6x faster "
                  "than on NOVA.")
    assert found.get("Terrafs") is True and found.get("LevelKV") is False, found
