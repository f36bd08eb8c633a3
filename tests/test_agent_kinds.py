"""Types an abstract's words give a name: an agent noun of a model in an appositive
(:func:`graphbuild.nlp.features.defined_type`), a model's training as a participle right after it
(:func:`graphbuild.nlp.features.model_predicated`), a list of names a data set's head noun ends
(:func:`graphbuild.nlp.features.listed_as_data`), a kind named with "this" before a name, and the authors' making
and naming of an agent noun's kind (:func:`graphbuild.nlp.roles.made_and_named`), and the kind a sentence gives
the examples it lists (:func:`graphbuild.nlp.decide._with_exemplified_names`). Names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.doc_context import DocContext
from graphbuild.nlp.features import defined_type, listed_as_data, model_predicated
from graphbuild.nlp.pipeline import extract_text
from graphbuild.nlp.roles import made_and_named

TITLE = "A Title"


def _at(text: str, name: str) -> Candidate:
    at = text.index(name, len(TITLE))
    return Candidate(at, at + len(name), name, "shape")


def _defined(abstract: str, name: str) -> str | None:
    text = f"{TITLE}\n{abstract}"
    return defined_type(text, len(TITLE), _at(text, name))


@pytest.mark.parametrize("abstract", [
    "We propose Cassowret, a scene text recognizer built from a small ViT encoder and a permutation decoder.",
    "We present Tidemarl, an MLP-only forecaster that mixes temporal patches across channels.",
    "We introduce Cassowret, a generative recommender with linear attention.",
    "We propose Cassowret, an audio-visual speech recogniser that fuses two branches.",
    "Cassowret is a keyword spotter with 20K parameters.",  # (the copula, read before)
])
def test_an_agent_noun_of_a_model_types_the_name_a_model(abstract):
    name = "Tidemarl" if "Tidemarl" in abstract else "Cassowret"
    assert _defined(abstract, name) == "Model"


@pytest.mark.parametrize(("abstract", "want"), [
    # a router, a controller, a compressor or a tokenizer in an appositive: the dev sets write them of methods too
    ("We propose Cassowret, a perception-first router that decides when to spend compute.", None),
    ("We release Cassowret, a prompt compressor that keeps 95% of accuracy.", None),
    # a head noun of the lexicon heads the appositive before an agent noun
    ("We propose Cassowret, a sampler for diffusion models that reuses the noise estimate.", "Method"),
    # the agent noun past a preposition is no head of the appositive
    ("We propose Cassowret, a schedule for the decoder of a speech recognizer.", "Method"),
])
def test_other_appositives_keep_their_reading(abstract, want):
    assert _defined(abstract, "Cassowret") == want


def test_an_agent_noun_heading_a_title_phrase_is_not_read_as_a_model():
    text = "Cassowret: A Multistroke Gesture Recognizer\nWe describe a simple algorithm."
    assert defined_type(text, text.index("\n"), Candidate(0, 9, "Cassowret", "title")) != "Model"


def _predicated(abstract: str, name: str) -> bool:
    text = f"{TITLE}\n{abstract}"
    return model_predicated(DocContext(text, [(0, len(text))], len(TITLE)), [_at(text, name)], [0])


@pytest.mark.parametrize(("abstract", "name", "want"), [
    ("Our method reduces error by 18% compared with Morphwarp trained on the same data.", "Morphwarp", True),
    ("It comes within 0.05 of supervised NucleoStar trained with full labels.", "NucleoStar", True),
    ("It beats Morphwarp trained jointly on both sets.", "Morphwarp", True),
    # "trained" as the name's own verb, or no preposition after it
    ("Prior work such as Morphwarp trained an inverse dynamics model.", "Morphwarp", False),
    ("We find Morphwarp trained models overthink.", "Morphwarp", False),
    # a lower-case technique before the participle
    ("Resistance is computed with a context-free grammar trained on a leak.", "context-free grammar", False),
])
def test_a_participle_of_training_right_after_a_name(abstract, name, want):
    assert _predicated(abstract, name) is want


def _listed(abstract: str, name: str) -> bool:
    text = f"{TITLE}\n{abstract}"
    return listed_as_data(text, len(TITLE), [_at(text, name)], [0])


@pytest.mark.parametrize(("abstract", "name", "want"), [
    ("On the biomedical BioKRD and ZelmRel datasets it obtains 77.1 F1.", "BioKRD", True),
    ("On the biomedical BioKRD and ZelmRel datasets it obtains 77.1 F1.", "ZelmRel", True),
    ("Trajectories come from the QuorlPed, BrisaWalk and Tavey pedestrian corpora.", "BrisaWalk", True),
    ("Trajectories come from the QuorlPed, BrisaWalk and Tavey pedestrian corpora.", "Tavey", True),
    # a function word between the list and the head: the names are what is run on the data
    ("We compare TrellNet, QuiverTab and Tabbard on eleven datasets.", "TrellNet", False),
    ("We compare TrellNet, QuiverTab and Tabbard on eleven datasets.", "Tabbard", False),
    # a name alone before the head (the type model reads it: ``Rhead=``)
    ("On the ZelmRel dataset it obtains 77.1 F1.", "ZelmRel", False),
    # a list that a model's head ends
    ("We compare the TrellNet and QuiverTab tabular models.", "TrellNet", False),
])
def test_a_list_of_names_a_data_head_ends(abstract, name, want):
    assert _listed(abstract, name) is want


def _typed(title: str, abstract: str) -> dict[str, str]:
    return {m: e.type for e in extract_text(abstract, title=title).entities for m in (e.name, *e.mentions)}


def test_a_kind_named_with_this_types_the_name():
    typed = _typed("Stochastic Depth for Deep Encoders",
                   "Deep encoders diverge early in training. We drop whole layers at random with a depth-dependent "
                   "rate. This simple recipe, which we term LayerHop-Drop, lets a 48-layer encoder train stably on "
                   "WMT'16 English-Romanian.")
    assert typed.get("LayerHop-Drop") == "Method"


def test_the_authors_make_and_name_a_kind_of_agent_noun():
    text = f"{TITLE}\nWe propose a keyword spotter, Dotterwick, that combines a residual network with a gate."
    c = _at(text, "Dotterwick")
    c.sentence = 0
    assert made_and_named(text, [(len(TITLE) + 1, len(text))], c)


def test_an_agent_noun_appositive_types_a_proposed_name_end_to_end():
    typed = _typed("Reading Shop Signs in the Wild",
                   "Scene text in street photos is curved and blurred. We propose Cassowret, a scene text recognizer "
                   "built from a small ViT encoder and a permutation decoder. Cassowret reaches 96.1% word accuracy "
                   "on IIIT5K.")
    assert typed.get("Cassowret") == "Model"


def test_the_kind_a_sentence_gives_its_examples_types_unknown_names():
    typed = _typed("Zero-Shot Nuclei Segmentation with Promptable Models",
                   "Nuclei segmentation underlies quantitative pathology, but supervised models such as HoverLynx "
                   "and NucleoStar need labels for each stain. Our pipeline, PromptNuc, prompts a foundation model "
                   "with stain priors and comes within 0.05 panoptic quality of them on three datasets.")
    assert typed.get("HoverLynx") == "Model"
    assert typed.get("NucleoStar") == "Model"
    typed = _typed("Re-Evaluating Text-to-SQL Systems",
                   "Reported text-to-SQL gains are hard to compare. We re-evaluate 14 published text-to-SQL systems, "
                   "including DINO-SQL, DAIZ-SQL and CHESSBOARD, on two benchmarks with execution accuracy.")
    assert typed.get("CHESSBOARD") == "Method"


def test_a_rivals_kind_leaves_the_examples_type_to_the_weights():
    # "baselines such as X": no one kind; the weights' type of a known model stays
    typed = _typed("Faster Detection", "Our detector beats strong baselines such as YOLOv5 and Faster R-CNN on COCO.")
    assert typed.get("YOLOv5") == "Model"
