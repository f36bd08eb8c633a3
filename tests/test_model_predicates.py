"""What an abstract says only of a model (:func:`graphbuild.nlp.features.model_predicated`), and the kind named
before a name no rule marks as the authors' (:func:`graphbuild.nlp.decide._defined_type`). Names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.decide import _defined_type
from graphbuild.nlp.doc_context import DocContext
from graphbuild.nlp.features import model_predicated
from graphbuild.nlp.pipeline import extract_text

TITLE = "A Title"


def _predicated(abstract: str, name: str) -> bool:
    text = f"{TITLE}\n{abstract}"
    at = text.index(name, len(TITLE))
    cand = Candidate(at, at + len(name), name, "shape")
    return model_predicated(DocContext(text, [(0, len(text))], len(TITLE)), [cand], [0])


@pytest.mark.parametrize("abstract", [
    "We train Wrenfall from a small base on 400k traces.",
    "Models reason poorly. We pretrain Wrenfall on unlabelled text.",
    "Judges are mostly English. Wrenfall is fine-tuned from a 7B base on pairs.",
    "Wrenfall was initialised from a 7B base, with image tokens added.",
    "On a studio dataset, Wrenfall renders at 80 FPS.",
    "Wrenfall runs daily at 375 m resolution.",
    "Wrenfall also runs on a real Franka arm.",
    "Wrenfall runs in real time on a Snapdragon phone.",
    "Floods are slow to model. Wrenfall builds on a graph neural operator (GNO) and is trained on reanalysis.",
    "Wrenfall is trained on 64 GPUs.",  # (the predicate read before)
    "Ours beats the Wrenfall baseline by 3 points.",  # the one system measured against
    # the object of training in the past tense, or as the second verb of the authors' clause
    "Inventories are made by hand. We trained Wrenfall, built on a point network, to segment trees.",
    "We adapt a classifier to survey cadences and train Wrenfall on 12,000 events.",
    "We distilled a large spotter and then fine-tuned Wrenfall on 35 keywords.",
])
def test_what_only_a_model_is_or_does(abstract):
    assert _predicated(abstract, "Wrenfall")


@pytest.mark.parametrize(("abstract", "name"), [
    ("Wrenfall is adapted from a pyramid block to fuse features.", "Wrenfall"),
    ("Wrenfall fine-tunes a 70B model on one GPU.", "Wrenfall"),
    ("With 16K inputs, Wrenfall runs on a single 24GB GPU.", "Wrenfall"),
    ("We train with Wrenfall on the residual stream.", "Wrenfall"),
    ("We trained with Wrenfall, an optimiser that rescales the step.", "Wrenfall"),
    ("Pairs of images and their labels, and Wrenfall, are read.", "Wrenfall"),
    # a name inside the clause, not the sentence's subject, before "and was trained"
    ("Our agent uses Wrenfall search with the PUCT rule and was trained on 28 GPUs.", "Wrenfall"),
    ("Our agent uses Wrenfall search with the PUCT rule and was trained on 28 GPUs.", "PUCT"),
    # the clause before "and is trained" ends at a sentence's end
    ("Wrenfall merges experts. Each expert is small and is trained alone.", "Wrenfall"),
    # a longer word is no mention of the name
    ("We train Wrenfalls quickly. Wrenfall-XL is trained on text.", "Wrenfall"),
    # the plural names a kind of which several were run; a lower-case name is no system's
    ("Ours beats state-of-the-art Wrenfall baselines.", "Wrenfall"),
    ("Ours beats the wrenfall baseline.", "wrenfall"),
])
def test_what_a_method_may_be_or_do_too(abstract, name):
    assert not _predicated(abstract, name)


def _kind_typed(abstract: str, name: str, *, proposed: bool = False) -> str | None:
    text = f"{TITLE}\n{abstract}"
    at = text.index(name, len(TITLE))
    cand = Candidate(at, at + len(name), name, "shape", proposed=proposed)
    return _defined_type(text, len(TITLE), [cand], [0])


def test_a_kind_named_before_types_a_name_no_rule_marks_as_the_authors():
    assert _kind_typed("We pair clips with labels. The captioner, FrondScribe, uses a bridge.",
                       "FrondScribe") == "Model"
    assert _kind_typed("At low rates, our codec—MistLark—beats classical codecs.", "MistLark") == "Model"
    assert _kind_typed("Schedules matter. The schedule, Rippletune, restarts the rate.", "Rippletune") != "Model"
    # an appositive after a name no rule marks as the authors' does not type it (a cited name's gloss is the
    # weights' to read), only the kind before it
    assert _kind_typed("We compare with Quillex, a benchmark of questions.", "Quillex") is None
    assert _kind_typed("We compare with Quillex, a benchmark of questions.", "Quillex", proposed=True) == "Dataset"


def test_the_system_the_authors_name_is_a_model():
    # the whole the abstract assembled, named "the system", is a model; a system in apposition stays a method's kind
    assert _kind_typed("We decode with a CRF. We call the system Tangleweed.", "Tangleweed") == "Model"
    assert _kind_typed("We add back-translation and name the resulting system Quillbridge.", "Quillbridge") == "Model"
    assert _kind_typed("We rank heads by a gate. We call the method Gatewhittle.", "Gatewhittle") == "Method"
    assert _kind_typed("We present Shalecart, a system for scheduling functions.", "Shalecart", proposed=True) \
        == "Method"


def test_a_distillation_student_or_teacher_is_a_model():
    assert _kind_typed("We distil a large network. The student, which we call Pebblyn, is small.", "Pebblyn") \
        == "Model"
    assert _kind_typed("We distil two teachers and name the deployed student Corvette.", "Corvette") == "Model"
    assert _kind_typed("Corvette is a 2B teacher trained on dialogues.", "Corvette", proposed=True) == "Model"


def test_the_shipped_pipeline_types_such_names_models():
    found = {e.name: e.type for e in extract_text(
        "Small models reason poorly without long traces. We train Wrenfall from Qwen2.5-1.5B with supervised "
        "fine-tuning on 400k traces followed by GRPO. Wrenfall scores 41% on AIME 2025.",
        title="Wrenfall: Small Reasoners from Long Traces").entities}
    assert found.get("Wrenfall") == "Model"
    found = {e.name: e.type for e in extract_text(
        "Coastal flood models are slow. Shoalcast builds on a graph neural operator and is trained on forty years "
        "of tide-gauge reanalysis. Shoalcast runs century-long rollouts in minutes.",
        title="Shoalcast: Coastal Flood Emulation with Graph Operators").entities}
    assert found.get("Shoalcast") == "Model"


def test_a_set_or_subset_named_by_the_authors_is_data():
    assert _kind_typed("Frontier models all miss some items, leaving a subset we call Tallowmere.", "Tallowmere") \
        == "Dataset"
    assert _kind_typed("We render 900 scenes. The diagnostic set, which we name Pondcheck, is released.",
                       "Pondcheck") == "Dataset"
    assert _kind_typed("We call the hybrid feature set Quernlist and release it.", "Quernlist") == "Dataset"
    # a locative phrase's set before the sentence's subject names no kind of it
    assert _kind_typed("On the Brindle test set, Quernlist improves recall.", "Quernlist") is None


def test_a_variant_the_authors_name_is_a_method_an_apposed_one_is_left_open():
    assert _kind_typed("Finally, we describe a memory-bank variant we call Sedgeloop that recovers 0.6 points.",
                       "Sedgeloop") == "Method"
    assert _kind_typed("We adapt the objective to masked generation and call the variant Sedgeloop.",
                       "Sedgeloop") == "Method"
    assert _kind_typed("We propose a compressed variant, Sedgeloop, of the encoder.", "Sedgeloop") is None
