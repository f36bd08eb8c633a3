"""Pipeline components on spacy.blank("en") with a tiny gazetteer, and the whole pass."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from graphbuild.nlp.abbreviations import find_abbreviations, match_long_form
from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.nlp.lexicon import is_generic, split_sentences
from graphbuild.nlp.patterns import cue_candidates, shape_candidates, shape_score, title_candidate
from graphbuild.nlp.pipeline import COMPONENTS, extract_text, family_name, make_pipeline

GAZ = str(Path(__file__).parent / "fixtures" / "nlp" / "gazetteer_small.jsonl")


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline(gazetteer_path=GAZ)


def ents(nlp, text, title="A title"):
    out = {}
    for e in extract_text(text, nlp, title=title).entities:
        out[e.name] = e
        if e.canonical:
            out.setdefault(e.canonical, e)
    return out


# ------------------------------------------------------------ abbreviations

def test_abbreviations_long_form_then_short(tmp_path):
    (pair,) = find_abbreviations("We adapt models with Low-Rank Adaptation (LoRA) on GLUE.")
    assert (pair.short, pair.long) == ("LoRA", "Low-Rank Adaptation")
    text = "We adapt models with Low-Rank Adaptation (LoRA) on GLUE."
    assert text[pair.long_start:pair.long_end] == "Low-Rank Adaptation"
    assert text[pair.short_start:pair.short_end] == "LoRA"


def test_abbreviations_short_form_then_long():
    (pair,) = find_abbreviations("an innovative technique named PCB-Merging (Parameter Competition Balancing), a")
    assert pair.short == "PCB-Merging" and pair.long == "Parameter Competition Balancing"


def test_abbreviations_short_form_for_short_in_parentheses():
    text = "We propose hollow window attention (HWA for short), which replaces shifted windows."
    (pair,) = find_abbreviations(text)
    assert (pair.short, pair.long) == ("HWA", "hollow window attention")
    assert text[pair.short_start:pair.short_end] == "HWA"
    # a description "for short" names no short form
    assert find_abbreviations("deep CTR prediction models (deep CTR models for short) are used.") == []


def test_abbreviations_prefers_word_initials():
    (pair,) = find_abbreviations("the so-called independent interval approximation (IIA).")
    assert pair.long == "independent interval approximation"


def test_abbreviations_reject_non_definitions():
    assert find_abbreviations("accuracy improves (see Table 2) and (p < 0.05).") == []
    assert match_long_form("XYZ", "nothing matches here") is None


def test_abbreviations_reject_forms_that_open_with_a_function_word():
    # "(for ZQ)" holds no short form, and a clause before a parenthesis ("for which …") no long form
    text = "It separates them from ZQ and Quellstore, for which bounded testing is either known (for ZQ), or new."
    assert find_abbreviations(text) == []
    assert find_abbreviations("We present LNR (is simpler than applying multiple adversaries) today.") == []
    # a long form that opens with a content word still pairs, either way round
    (pair,) = find_abbreviations("We present LNR (Looped Nullspace Removal), which removes attributes.")
    assert (pair.short, pair.long) == ("LNR", "Looped Nullspace Removal")


def test_abbreviations_coined_pair_set_as_others_work_is_not_proposed():
    from graphbuild.nlp.abbreviations import set_as_others

    cmp = "Results show that QuorTS outperforms the state-of-the-art methods Conversational Zorbit (ConZorb)."
    example = "While kernel methods such as the Quornish-Lattice subtree (QL-subtree) kernel are consistent"
    field = "The emergence of Tiny Zorbel Learning (TinyZL) moved models onto sensors."
    own = "Our framework leverages a Partially Flipped Quorn (PF-Quorn) to read the spectra."
    ours = "Methods such as ours, Partially Flipped Quorn (PF-Quorn), read the spectra."
    for text, name, others in ((cmp, "Conversational", True), (example, "Quornish", True), (field, "Tiny", True),
                               (own, "Partially", False), (ours, "Partially", False)):
        assert set_as_others(text, 0, text.index(name)) is others, text
    found = {e.name: e for e in extract_text(cmp, title="Asking about Attributes").entities}
    assert "ConZorb" in found and not found["ConZorb"].proposed


# ------------------------------------------------------------ sentences and lists

def test_lexicon_sentences_keep_abbreviations_inside():
    text = "Title\n\nWe use models, e.g. BERT. Results improve. Et al. style."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans[0] == "Title"
    assert spans[1] == "We use models, e.g. BERT."
    assert spans[2] == "Results improve."


@pytest.mark.parametrize("name", ["LLMs", "GPU", "PyTorch", "NeurIPS", "Transformers", "CNNs", "CPU-GPU", "GPU/TPU",
                                  "SRAMs", "C++"])
def test_lexicon_generic_words(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["LoRA-GPU", "Llama-2", "LLM-as-a-judge", "BERT-base", "MLP-Mixer"])
def test_lexicon_names_joined_to_a_generic_word_are_not_generic(name):
    assert not is_generic(name)


# ------------------------------------------------------------ shapes and cues

@pytest.mark.parametrize("token,score", [
    ("ToxicChat", 2), ("S4D", 2), ("Qwen2.5-72B", 2), ("TIES-Merging", 2), ("EDTformer", 2),
    ("ROAST", 1), ("T5", 1), ("model", 0), ("7B", 0), ("0.1B-1.2B", 0), ("85%", 0), ("II", 0),
    ("https://github.com/x/Y", 0),
])
def test_patterns_shape_score(token, score):
    assert shape_score(token) == score


def test_patterns_title_case_hyphen_is_not_a_name_in_titles():
    assert shape_score("Few-Shot", in_title=True) == 0
    assert shape_score("Warmup-Stable-Decay") == 2


def test_patterns_cue_marks_proposal_only_for_authors():
    text = "A recent variant called DSS works. Our resulting models, dubbed IRCoder, are strong."
    sents = split_sentences(text)
    found = {c.text: c.proposed for c in cue_candidates(text, sents)}
    assert found == {"DSS": False, "IRCoder": True}


def test_patterns_title_candidate_needs_a_name_shape_or_repetition():
    text = "SlimMoE: Structured Compression\n\nWe present SlimMoE."
    cand = title_candidate(text, text.index("\n\n"))
    assert cand is not None and cand.text == "SlimMoE" and cand.proposed and cand.strong
    # a plain head the abstract never repeats is a slogan ("Adapters Everywhere: A Study of …")
    text2 = "Guiding Giants: Lightweight Controllers\n\nWe steer models."
    assert title_candidate(text2, text2.index("\n\n")) is None
    # connectors and versions belong to a name; a sentence does not
    for title, head in (("Mix and Match: A Quantization Framework", "Mix and Match"),
                        ("SPLADE v2: Sparse Lexical Expansion", "SPLADE v2")):
        cand = title_candidate(title + "\n\nWe show that Mix and Match and SPLADE v2 help.", len(title))
        assert cand is not None and cand.text == head
    text3 = "Transformers are SSMs: Generalized Models\n\nWe show it."
    assert title_candidate(text3, text3.index("\n\n")) is None


def test_patterns_new_shapes_and_dataset_cue():
    assert shape_score("3DSeg-8") == 2 and shape_score("2D-3D") == 0 and shape_score("6-DoF") == 0
    text = "We release the DnD Group Gesture dataset. We compare with ColBERT v2, then GritLM 8x7B."
    cues = [c for c in cue_candidates(text, [(0, 41), (42, len(text))])]
    assert [(c.text, c.proposed, c.votes.get("Dataset")) for c in cues] == [("DnD Group Gesture", True, 2.0)]
    runs = {c.text for c in shape_candidates(text, 0, [(0, 41), (42, len(text))])}
    assert {"ColBERT v2", "GritLM 8x7B"} <= runs


def test_patterns_eponym_is_not_a_dataset_test_split():
    from graphbuild.nlp.patterns import eponym_candidates

    text = ("A title\n\nWe reach 81.3 mIoU on Cityscapes test set, check drift with a Kolmogorov test and "
            "track with a Kalman filter.")
    assert [c.text for c in eponym_candidates(text, 7)] == ["Kolmogorov test", "Kalman filter"]


def test_patterns_lower_phrases_without_stop_words_or_leading_verbs():
    text = "Title\n\nWe use the same quantization, employing positional encoding and logit adjustment."
    lows = {c.text for c in shape_candidates(text, 5, [(7, len(text))]) if c.text.islower()}
    assert "logit adjustment" in lows and "positional encoding" in lows
    assert not {"use the same quantization", "same quantization", "employing positional encoding"} & lows


def test_patterns_lower_phrases_with_technique_heads():
    # heads naming what a technique does to the data, the model or the run (invented modifiers)
    text = ("Title\n\nWe pair braided projections with ledger supervision and ribbon parallelism, solve by "
            "twin-step splitting, apply kernel surgery, read token-path attribution, use lattice warping, "
            "lattice-fold transforms, spill-aware checkpointing, shard-row bundling and encode-decode "
            "disaggregation. We use more parallelism.")
    lows = {c.text for c in shape_candidates(text, 5, [(7, len(text))]) if c.text.islower()}
    assert {"braided projections", "ledger supervision", "ribbon parallelism", "twin-step splitting",
            "kernel surgery", "token-path attribution", "lattice warping", "lattice-fold transforms",
            "spill-aware checkpointing", "shard-row bundling", "encode-decode disaggregation"} <= lows
    assert "more parallelism" not in lows  # (a stop word is no modifier)


# ------------------------------------------------------------ gazetteer component

def test_gazetteer_component_matches_aliases_and_case(nlp):
    found = ents(nlp, "We fine-tune BERT with low-rank adaptation and the Adam optimizer on GLUE.")
    assert found["LoRA"].type == "Method"
    assert "low-rank adaptation" in found["LoRA"].mentions
    assert found["Adam"].type == "Method"
    assert found["GLUE"].type == "Dataset"


def test_gazetteer_ambiguous_entries_need_exact_case(nlp):
    found = ents(nlp, "We ask adam and eve to evaluate BERT.")
    assert "Adam" not in found and "BERT" in found


def test_gazetteer_known_name_whose_first_words_a_list_leaves_out():
    # "English-French" is WMT 2014 English-French written after its sibling, not a name of its own
    from graphbuild.nlp.pipeline import cached_pipeline

    nlp = cached_pipeline()  # the shipped gazetteer
    found = ents(nlp, "On the WMT 2014 English-German and English-French translation tasks we train a "
                      "Transformer and report BLEU.")
    assert found["WMT14 En-De"].type == found["WMT14 En-Fr"].type == "Dataset"
    assert "English-French" in found["WMT14 En-Fr"].mentions
    assert "English-French" not in found
    # a word after "and" that completes no known name is left alone
    found = ents(nlp, "On the WMT 2014 English-German and three more translation tasks we train a Transformer.")
    assert [name for name in found if name.startswith("WMT")] == ["WMT14 En-De"]


def test_gazetteer_bad_file_names_line(tmp_path):
    from graphbuild.errors import InputError

    bad = tmp_path / "g.jsonl"
    bad.write_text('{"name": "X", "type": "Model"}\n{"name": "Y", "type": "Thing"}\n')
    load_gazetteer.cache_clear()
    with pytest.raises(InputError, match=r"g.jsonl:2: unknown entity type"):
        load_gazetteer(str(bad))
    # a file saved as UTF-16, or a line that is a list, was a traceback (UnicodeDecodeError, TypeError)
    bad.write_bytes('{"name": "X", "type": "Model"}\n'.encode("utf-16"))
    with pytest.raises(InputError, match=r"g.jsonl:1: not UTF-8 text \(it looks like UTF-16\)"):
        load_gazetteer(str(bad))
    bad.write_text('{"name": "X", "type": "Model"}\n["Y", "Model"]\n')
    with pytest.raises(InputError, match=r"g.jsonl:2: bad gazetteer entry"):
        load_gazetteer(str(bad))


# ------------------------------------------------------------ typing, roles, grouping

def test_typing_from_context_for_unknown_names(nlp):
    found = ents(nlp, "Experiments using safety benchmarks like ToxicChat show gains. "
                      "We compile SLTrans, a parallel dataset of code. The MLX library is used.")
    assert found["ToxicChat"].type == "Dataset"
    assert found["SLTrans"].type == "Dataset"
    assert "MLX" not in found  # a tool, not an artifact


def test_typing_appositive_after_a_short_form_in_parentheses_and_collecting_verbs():
    from graphbuild.nlp.entity_types import context_votes

    text = "We describe FlorpText (FTX), a new dataset of captioned images."
    for name in ("FlorpText", "FTX"):  # the long form before the parenthesis, the short form inside it
        start = text.index(name)
        assert context_votes(text, start, start + len(name), 0, len(text)) == {"Dataset": 2.0}, name
    # the verbs that make a collection of data vote for a dataset
    text = "We curate FlorpSet-9M, 9 million web images, and collect the QuillBank corpus."
    for name in ("FlorpSet-9M", "QuillBank"):
        start = text.index(name)
        assert context_votes(text, start, start + len(name), 0, len(text)).get("Dataset", 0) > 0, name
    # a parenthesis holding a sentence's worth of words is no short form: no vote reaches across it
    text = "We train FlorpNet (which runs on any accelerator we could find), a new dataset follows."
    start = text.index("FlorpNet")
    assert context_votes(text, start, start + 8, 0, len(text)) == {}


def test_typing_a_model_head_past_modifiers_and_over_the_instrument_cue():
    from graphbuild.nlp.entity_types import context_votes
    from graphbuild.nlp.lexicon import modified_head_type

    def votes(text, name):
        start = text.index(name)
        return context_votes(text, start, start + len(name), 0, len(text))

    # a model's head noun one or two modifiers after the name, and a force field, make it a model
    for text, name in (("Rain is simulated by the Quorvex regional climate model at 2 km.", "Quorvex"),
                       ("We link budgets to the Kestrava tax-benefit model.", "Kestrava"),
                       ("We use the PELLITON polarisable force field for the melt.", "PELLITON"),
                       ("Simulations use the TRAVEX-7 force field in water.", "TRAVEX-7")):
        assert votes(text, name) == {"Model": 2.0}, name
    # the head says what the name is where a step "done with" it would say a method
    assert votes("Yields are simulated with the Zelbrin crop model.", "Zelbrin") == {"Model": 2.0}
    assert votes("Energies are computed with the Zelbrin package.", "Zelbrin").get("Method") == 2.0
    # no vote past a verb, a participle or a function word, nor for a method's or a dataset's head
    for after in (" outperforms other models", " trained model", " with the model", " cache compression method",
                  " speech recognition datasets", " model"):
        assert modified_head_type("Zorb" + after, 4) is None, after


def test_typing_joins_two_models_side_by_side_but_not_a_model_and_its_own_variant():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.entity_types import _merge_adjacent_models

    def known(text, start, key):
        return Candidate(start, start + len(text), text, "gazetteer", key=key, votes={"Model": 3.0})

    text = "We scale the Vision Transformer ViT-L/14 and the Megatron GPT 8.3B."
    a, b = text.index("Vision Transformer"), text.index("ViT-L/14")
    c, d = text.index("Megatron"), text.index("GPT")
    cands = [known("Vision Transformer", a, "vit"), known("ViT-L/14", b, "vitl14"),
             known("Megatron", c, "megatron"), known("GPT", d, "gpt")]
    joined = [x.text for x in _merge_adjacent_models(text, cands, 0, 1.0) if x.source == "joined"]
    assert joined == ["Megatron GPT 8.3B"]  # ViT-L/14 is a Vision Transformer, not a third model beside it


def test_decide_keeps_every_listed_name(nlp):
    found = ents(nlp, "We compare pruning strategies, such as MAG, SNAP, and GRASPX, across budgets.")
    assert {"MAG", "SNAP", "GRASPX"} <= set(found)
    assert all(found[n].type in ("Method", "Model") for n in ("MAG", "SNAP", "GRASPX"))


def test_decide_keeps_tasks_the_gazetteer_knows_unscored_and_behind_names():
    from graphbuild.nlp.pipeline import cached_pipeline

    text = ("We propose QuillSeg, a lightweight network for semantic segmentation. On Cityscapes, "
            "QuillSeg outperforms SegFormer, and it also transfers to object detection.")
    found = {e.name: e for e in extract_text(text, cached_pipeline(), title="QuillSeg: Segmenting Quickly").entities}
    tasks = {n for n, e in found.items() if e.type == "Task"}
    assert tasks == {"semantic segmentation", "object detection"}
    assert not any(found[n].proposed for n in tasks)
    assert found["QuillSeg"].proposed and found["QuillSeg"].type in ("Method", "Model")
    assert found["Cityscapes"].type == "Dataset" and "SegFormer" in found


def test_roles_proposes_evaluates_compares(nlp):
    found = ents(nlp, "We propose FooNet, a new model. FooNet outperforms GPT-3 on MMLU. "
                      "It is trained with LoRA.")
    assert found["FooNet"].proposed and found["FooNet"].role == "proposes"
    assert found["GPT-3"].role == "compares_with"
    assert found["MMLU"].role == "evaluates_on"
    assert found["LoRA"].role == "uses" and not found["LoRA"].proposed
    assert "FooNet outperforms GPT-3" in found["GPT-3"].evidence
    found = ents(nlp, "We propose FooNet for segmentation. FooNet beats DeepLab on GLUE. "
                      "We compare it with BarNet on MMLU.")
    assert found["DeepLab"].role == "compares_with" and found["GLUE"].role == "evaluates_on"
    assert found["MMLU"].role == "evaluates_on"


def test_roles_proposes_exactly_what_is_proposed():
    # the rules guess "we propose an extension of Deep Sets" proposes Deep Sets; the decision does not
    # keep it proposed, and the role must follow the decision, not the guess
    for text in ("We propose an extension of Deep Sets (DS) to graphs.",
                 "We propose FooNet, a new model. FooNet outperforms GPT-3 on MMLU."):
        found = extract_text(text, title="A study of things").entities
        assert found and all((e.role == "proposes") == e.proposed for e in found), found


def test_roles_a_comparison_that_opens_the_sentence_compares():
    from graphbuild.nlp.roles import compared_before

    for text in ("Compared with RoBERTa, the encoder is faster on GLUE.", "Compared to RoBERTa, it is faster."):
        found = {e.name: e.role for e in extract_text(text, title="Probe").entities}
        assert found.get("RoBERTa") == "compares_with", (text, found)
    assert compared_before("Compared with ") and not compared_before("Compared with X, our ")
    assert not compared_before("UnCompared with ")


def test_roles_versus_with_its_full_stop_compares():
    # "vs." ends with a full stop, which is no clause break between the cue and the name
    for text in ("We compare PPO vs. SAC on MuJoCo.", "Our detector reaches 55 AP vs. RT-DETR.",
                 "We train PPO and compare with SAC on MuJoCo."):
        found = {e.name: e.role for e in extract_text(text, title="Probe").entities}
        last = text.split()[-1 if "RT-" in text else -3].rstrip(".")
        assert found.get(last) == "compares_with", (text, found)


def test_roles_sentence_opening_with_a_results_word_is_about_results():
    found = {e.name: e.role for e in extract_text(
        "Experiments on the Glorp-7 dataset show that our model is better.", title="Probe").entities}
    assert found.get("Glorp-7") == "evaluates_on", found


def test_roles_follow_the_type_the_decision_gives():
    # the roles are set with the rules' type (here Task); a dataset the decision finds in a sentence
    # about results is evaluated on, whatever the rules thought it was
    import numpy as np

    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import CLASSES, DecisionModel, LinearModel, decide

    def constant(bias):
        return LinearModel({}, np.zeros((0, len(bias))), np.array(bias, dtype=float))

    # every candidate a Dataset, none proposed
    model = DecisionModel(constant([-9.0, -9.0, -9.0, 9.0][:len(CLASSES)]), constant([-9.0, -9.0, 9.0]),
                          constant([-9.0]), {})
    # (the abstract speaks of learning: in one that speaks of no models, a name typed a model is a method)
    text = "Probe\n\nResults on Glorpset are strong. We outperform neural Zubnet."
    sents = [(0, 5), (7, 40), (41, len(text))]
    glorp = Candidate(text.index("Glorpset"), text.index("Glorpset") + 8, "Glorpset", "capword", type="Task",
                      sentence=1)
    zub = Candidate(text.index("Zubnet"), text.index("Zubnet") + 6, "Zubnet", "capword", type="Dataset",
                    sentence=2, role="evaluates_on")
    decide(text, sents, 5, [glorp, zub], None, model, threshold=0.3, proposed_threshold=0.3)
    assert (glorp.type, glorp.role) == ("Dataset", "evaluates_on")
    model = DecisionModel(constant([-9.0, 9.0, -9.0, -9.0][:len(CLASSES)]), constant([9.0, -9.0, -9.0]),
                          constant([-9.0]), {})
    decide(text, sents, 5, [zub], None, model, threshold=0.3, proposed_threshold=0.3)
    assert (zub.type, zub.role) == ("Model", "compares_with")


def test_grouping_size_s_and_numbers_tell_variants_apart():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.features import group_candidates

    def groups(*forms):
        cands = [Candidate(i, i + 1, f, "shape") for i, f in enumerate(forms)]
        return sorted(sorted(cands[i].text for i in g) for g in group_candidates(cands, lambda c: None))

    # a size "S" is no plural; a plural and a possessive still join their name
    assert groups("GlimmerNet", "GlimmerNet-S", "GlimmerNets", "GlimmerNet's") == [
        ["GlimmerNet", "GlimmerNet's", "GlimmerNets"], ["GlimmerNet-S"]]
    # the decimal point is part of a size: 1.3B is not 13B; spellings of one name still join
    assert groups("OPT-1.3B", "OPT-13B", "OPT 1.3B", "Llama-3.1-8B", "Llama 3.1 8B") == [
        ["Llama 3.1 8B", "Llama-3.1-8B"], ["OPT 1.3B", "OPT-1.3B"], ["OPT-13B"]]


def test_pipeline_sizes_of_the_papers_own_name_are_its_family():
    found = {e.name: e for e in extract_text(
        "We propose QuokkaNet, a sparse vision network. QuokkaNet-S and QuokkaNet-L are its two sizes; "
        "QuokkaNet-L beats ResNet-152.", title="Probe").entities}
    stem = found["QuokkaNet"]
    for size in ("QuokkaNet-S", "QuokkaNet-L"):
        assert size in found and size not in stem.mentions, (size, found)
        assert (found[size].family, found[size].type) == ("QuokkaNet", stem.type), found[size]


def test_pipeline_sizes_with_a_decimal_point_keep_their_name():
    found = {e.name: e.mentions for e in extract_text(
        "We fine-tune OPT-1.3B and OPT-13B on the same data.", title="Probe").entities}
    assert found.get("OPT-1.3B") == ["OPT-1.3B"] and found.get("OPT-13B") == ["OPT-13B"], found


def test_pipeline_markup_and_typography_hide_no_name():
    from graphbuild.nlp.textclean import clean_text

    cases = [
        ("We fine-tune \\textbf{QuokkaNet} and {\\em RoBERTa} on \\emph{GLUE}.", {"QuokkaNet", "RoBERTa", "GLUE"}),
        ("We evaluate Llama\u00a03 8B and GPT\u20114 on GSM8K.", {"Llama-3-8B", "GPT-4", "GSM8K"}),
        ("We evaluate ＢＥＲＴ on ＧＬＵＥ and Low-Rank Adaptation（LoRA）.", {"BERT", "GLUE", "LoRA"}),
        ("We compare with Mistral-\n7B and Gemma on\nMMLU.", {"Mistral-7B", "MMLU"}),
        ("We use S4\u2014a state space model\u2014on the LRA benchmark.", {"S4"}),
        # every citation command is blanked, its keys never read as names
        ("As \\textcite{ZorbNet2021} and \\Citet{Qarm22} show, QuokkaNet beats RoBERTa \\parencite[p.~3]{KeyNet}"
         " on GLUE \\parencites{AlphaKey}{BetaKey}.", {"QuokkaNet", "RoBERTa", "GLUE"}),
    ]
    for text, expected in cases:
        assert len(clean_text(text)) == len(text)  # offsets into the input stay valid
        found = extract_text(text, title="Probe")
        names = {e.name for e in found.entities}
        assert expected <= names, (text, names)
        assert not names & {"ZorbNet2021", "Qarm22", "KeyNet", "AlphaKey", "BetaKey"}, names
        assert not any(key in clean_text(text) for key in ("ZorbNet2021", "Qarm22", "KeyNet", "AlphaKey", "BetaKey"))
        assert not any("\\" in m or "{" in m or "\u2014" in m for e in found.entities for m in e.mentions), found
    ext = extract_text("We fine-tune \\textbf{QuokkaNet} today.", title="Probe")
    (quokka,) = [e for e in ext.entities if e.name == "QuokkaNet"]
    assert ("Probe\n\n" + "We fine-tune \\textbf{QuokkaNet} today.")[quokka.start:quokka.end] == "QuokkaNet"


def test_pipeline_a_superscript_number_in_a_coined_name_is_written_inline():
    from graphbuild.nlp.patterns import shape_score
    from graphbuild.nlp.textclean import clean_text

    text = "We propose Q^2Mix and ZR$^{2}$, and H$^2$VQ-Lite; x^2, O(n^2), R^2, 3mm$^2$ and $Q^*$ are math."
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert cleaned.split() == ["We", "propose", "Q2Mix", "and", "ZR2,", "and", "H2VQ-Lite;", "x^2,", "O(n^2),",
                               "R^2,", "3mm$^2$", "and", "$Q^*$", "are", "math."]
    assert all(shape_score(w) == 2 for w in ("Q2Mix", "ZR2", "H2VQ-Lite"))
    names = {e.name for e in extract_text("We propose Q^2Mix, a mixer of queries, and beat BERT on GLUE.",
                                          title="Q^2Mix: Mixing Queries").entities}
    assert "Q2Mix" in names, names


def test_gazetteer_greek_letters_are_spelled_not_dropped():
    from graphbuild.records import name_key

    assert name_key("β-VAE") == name_key("beta-VAE") != name_key("VAE")
    gaz = load_gazetteer()
    for form, name in [("β-VAE", "beta-VAE"), ("ε-greedy", "epsilon-greedy"), ("μP", "muP"), ("τ-bench", "tau-bench")]:
        entry = gaz.lookup(form)
        assert entry is not None and entry.name == name, (form, entry)
    # ordinary words were the keys of Greek-lettered names ("Π-model", "τ-bench", "ε-greedy", "μP")
    for word in ("Model", "Bench", "greedy", "P"):
        assert gaz.lookup(word) is None, word
    found = {e.name for e in extract_text("We study the β-VAE and a plain VAE.", title="Probe").entities}
    assert "variational autoencoder" not in found or "beta-VAE" in found, found


def test_roles_title_name_is_proposed(nlp):
    found = ents(nlp, "We study compression of BERT.", title="ZipBERT: Compressing BERT")
    assert found["ZipBERT"].proposed
    assert not found["BERT"].proposed


def test_grouping_merges_acronym_and_long_form(nlp):
    found = ents(nlp, "We introduce Gradient Harmony Tuning (GHT). GHT is fast.")
    (ent,) = [e for e in found.values() if "GHT" in e.mentions]
    assert set(ent.mentions) >= {"Gradient Harmony Tuning", "GHT"}
    assert ent.proposed


def test_grouping_variants_get_family(nlp):
    found = ents(nlp, "We evaluate Llama-3.1-8B and BERT-Large and MiniFoo-7B.")
    assert found["Llama-3.1-8B"].family == "Llama"
    assert found["BERT-Large"].family == "BERT"


def test_family_name_strips_versions_and_sizes():
    known = {"llama": "Llama", "minicpm": "MiniCPM"}.get
    assert family_name("Llama-3.1-8B", known) == "Llama"
    assert family_name("MiniCPM-128K", known) == "MiniCPM"
    assert family_name("Llama", known) is None


def test_pipeline_names_and_roundtrip(tmp_path, nlp):
    assert nlp.pipe_names == list(COMPONENTS)
    text = "Title\n\nWe propose FooNet and fine-tune BERT with LoRA on GLUE."
    before = [c.text for c in nlp(text)._.gb_candidates]
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    after = [c.text for c in loaded(text)._.gb_candidates]
    assert before == after and "FooNet" in after


def test_pipeline_urls_and_numbers_are_not_entities(nlp):
    found = ents(nlp, "Code is at https://github.com/org/FooBar. Models of 7B-13B parameters and 1.2B.")
    assert not found


@pytest.mark.shared
def test_extract_dev_set_f1(shared_dir):
    from graphbuild import extract
    from graphbuild.evaluate import read_jsonl, score_entities

    preds = [x.to_annotation() for x in extract([shared_dir / "eval" / "dev" / "daily_papers_dev.txt"])]
    scores = score_entities(read_jsonl(shared_dir / "eval" / "dev" / "gold_entities_dev.jsonl"), preds)
    assert scores.papers_matched == 20
    assert scores.f1 >= 0.90, scores.to_dict()  # a check: the decision model never saw these papers
    assert scores.type_accuracy >= 0.90


@pytest.mark.parametrize("title,text,name", [
    ("Proximal Policy Optimization Algorithms",
     "Proximal Policy Optimization (PPO) is a policy gradient algorithm we propose for control.", "PPO"),
    ("Small Chat Models", "We introduce Zephyr-7B, a chat model aligned with distilled preferences.", "Zephyr-7B"),
    # the title's name before a colon, never repeated with a cue
    ("SlimMoE: Structured Compression of Large MoE Models",
     "We compress mixture-of-experts models in stages. Experiments on MMLU show gains.", "SlimMoE"),
    # "we construct the X benchmark"
    ("Evaluating Optimizers", "We construct the TaskSet benchmark, a collection of 200 tasks.", "TaskSet"),
])
def test_roles_proposal_phrasings(title, text, name):
    nlp = make_pipeline()  # the shipped gazetteer: known names proposed by their own paper
    entities = extract_text(text, nlp, title=title).entities
    found = [e for e in entities if name in e.mentions or e.name == name]
    assert found and found[0].proposed, [(e.name, e.mentions, e.proposed) for e in entities]


def test_roles_known_names_used_are_not_proposed():
    nlp = make_pipeline()
    ents = extract_text("We present BERT-based rankers and fine-tune them. We propose to use LoRA.", nlp,
                        title="Rankers").entities
    assert not any(e.proposed for e in ents), [(e.name, e.proposed) for e in ents]


def test_pipeline_one_failing_document_does_not_stop_the_batch(monkeypatch):
    from graphbuild.nlp import entity_types
    from graphbuild.nlp.candidates import ComponentWarning
    from graphbuild.nlp.pipeline import extract_papers
    from graphbuild.records import Paper

    real = entity_types.select_candidates

    def flaky(doc, *args):
        if "BOOM" in doc.text:
            raise ValueError("bad document")
        return real(doc, *args)

    monkeypatch.setattr(entity_types, "select_candidates", flaky)
    nlp = make_pipeline(gazetteer_path=GAZ)
    papers = [Paper(title="BOOM paper", abstract="We use BERT."), Paper(title="Fine", abstract="We use BERT on GLUE.")]
    with pytest.warns(ComponentWarning, match="graphbuild_typing failed on the document starting 'BOOM"):
        results = list(extract_papers(papers, nlp))
    assert len(results) == 2
    assert {e.name for e in results[1].entities} == {"BERT", "GLUE"}


def test_pipeline_worker_processes_see_the_whole_corpus_casing(nlp):
    from graphbuild.nlp.pipeline import extract_papers
    from graphbuild.records import Paper

    # a coined name written the same way in every paper: in how many papers it is seen (all six, or a
    # chunk's two) changes the decision, so workers that counted their own chunk alone disagreed
    papers = [Paper(title=f"Passage ranking study {i}",
                    abstract="We study passage ranking. We fine-tune ZorbRank with contrastive pairs. "
                             "The results hold on two benchmarks.") for i in range(6)]
    serial = [e.to_dict() for e in extract_papers(papers, nlp, batch_size=2)]
    by_chunk = [e.to_dict() for i in range(0, len(papers), 2) for e in extract_papers(papers[i:i + 2], nlp)]
    assert by_chunk != serial, "these papers no longer test anything: choose some whose chunks decide otherwise"
    assert [e.to_dict() for e in extract_papers(papers, nlp, batch_size=2, n_process=2)] == serial


def test_abbreviations_title_and_appositive_definitions():
    from graphbuild.nlp.abbreviations import find_title_and_apposed_abbreviations

    text = ("FreeKD: Free-direction Knowledge Distillation for Graph Neural Networks\n\n"
            "We design PTOFA, a Predict-Then-Optimize Fund Allocation framework.")
    pairs = {(p.short, p.long) for p in find_title_and_apposed_abbreviations(text, text.index("\n\n"))}
    assert pairs == {("FreeKD", "Free-direction Knowledge Distillation"),
                     ("PTOFA", "Predict-Then-Optimize Fund Allocation")}
    # a description after the colon is no long form, though its letters spell the name in order
    text = "Adam: A Method for Stochastic Optimization\n\nWe introduce Adam."
    assert find_title_and_apposed_abbreviations(text, text.index("\n\n")) == []


def test_abbreviations_long_form_never_spans_a_parenthesis():
    pairs = {(p.short, p.long) for p in find_abbreviations(
        "attention toward Open-Vocabulary Detection (OVD) and Segmentation (OVS).")}
    assert ("OVD", "Open-Vocabulary Detection") in pairs
    assert not any(")" in long for _, long in pairs)


def test_patterns_adaptation_settings_name_both_datasets():
    found = {e.name: e.type for e in extract_text(
        "Results on GTA→Cityscapes and GTA-to-Cityscapes adaptation, with BERT/GPT-2 as backbones.",
        title="Domain adaptation").entities}
    assert found.get("Cityscapes") == "Dataset" and found.get("GTA") == "Dataset"
    assert found.get("BERT") == "Model" and found.get("GPT-2") == "Model"


def test_gazetteer_names_of_several_words_match_their_plurals():
    found = {e.canonical: e.mentions for e in extract_text(
        "The system trains with backpropagation. We compare Vision Transformers with random forests.",
        title="A study").entities}
    assert found.get("ViT") == ["Vision Transformers"] and found.get("random forest") == ["random forests"], found


def test_pipeline_full_stop_after_a_size_suffix_ends_the_sentence(nlp):
    # spaCy keeps a full stop after one capital (an initial, "J."); after a digit it is punctuation
    assert [t.text for t in nlp.make_doc("We compare with Llama 3 70B.")][-2:] == ["70B", "."]
    assert [t.text for t in nlp.make_doc("J. Smith wrote it.")][0] == "J."
    names = {e.name for e in extract_text("Our results hold for Llama 3 8B and Llama 3 70B.",
                                          title="Scaling study").entities}
    assert {"Llama-3-8B", "Llama-3-70B"} <= names, names


# ------------------------------------------------------------ coined shapes, titles in capitals, boilerplate

@pytest.mark.parametrize("token", ["p-Tuning", "Adam++", "x-Former"])
def test_patterns_coined_shapes_beyond_capitals(token):
    assert shape_score(token) == 2


def test_sentences_recase_title_function_words_stay_lower_case():
    # a function word capitalised in the abstract (a sentence's first word, "The Pile") is no name
    # of the title: "ON THE PILE" is "on the Pile"; an acronym the abstract writes keeps its capitals
    from graphbuild.nlp.sentences import recase_title

    text = "QUOKKA: A MODEL TRAINED ON THE PILE FOR IT\n\nThe Pile is large. We train Quokka on IT data."
    assert recase_title(text, text.index("\n\n")).startswith("Quokka: A Model Trained on the Pile for IT\n")


def test_sentences_recase_title_in_capitals():
    from graphbuild.nlp.sentences import is_upper_title, recase_title

    text = "IRCODER: ENHANCED CODE MODELS WITH IR\n\nWe train IRCoder models on SLTrans."
    end = text.index("\n\n")
    out = recase_title(text, end)
    assert len(out) == len(text) and out[end:] == text[end:]
    assert out[:end] == "IRCoder: Enhanced Code Models with IR"
    assert not is_upper_title("IRCoder: Enhanced Code Models with IR")


def test_sentences_recase_title_a_function_word_opening_it_is_no_acronym():
    # a short word stays in capitals as an acronym ("IR"), but not the function word that opens the title or
    # its subtitle ("ON THE …", "X: IN PRAISE OF …"): "ON" and "IN" were read as names, and proposed
    from graphbuild.nlp.sentences import recase_title

    for title, recased in (("ON THE LIMITS OF IR", "On the Limits of IR"),
                           ("ZORBIT: IN PRAISE OF SMALL DATA", "Zorbit: In Praise of Small Data")):
        assert recase_title(title + "\n\n", len(title))[:len(title)] == recased


def test_gazetteer_a_title_in_capitals_writes_the_names_it_knows_in_their_own_form(tmp_path):
    import json

    from graphbuild.nlp.candidates import doc_text, text_doc
    from graphbuild.nlp.gazetteer import GazetteerComponent

    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text("".join(json.dumps(row) + "\n" for row in (
        {"name": "QuoLLA", "type": "Model"}, {"name": "WomBench", "type": "Dataset"},
        {"name": "FERN", "type": "Method", "ambiguous": True},  # an ordinary word as well as a name
        {"name": "GraiN", "type": "Dataset"}, {"name": "grain boundary tracing", "type": "Method"})),
        encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("graphbuild_sentences")
    comp = GazetteerComponent(nlp, "gaz", path=str(gaz))

    def read(title, abstract=""):
        doc = comp(nlp(text_doc(nlp, f"{title}\n\n{abstract}")))
        return doc_text(doc)[:len(title)], sorted(c.text for c in doc._.gb_candidates)

    # a title alone in capitals: the known names in their own case, so their shape reads as a name's; not a
    # word the gazetteer's names write in lower case ("grain"), nor an ordinary word's form that is part of
    # a hyphenated word ("TREE-FERN")
    title = "TUNING QUOLLA ON WOMBENCH WITH TREE-FERN PRIORS: GRAIN EFFECTS"
    assert read(title) == ("Tuning QuoLLA on WomBench with Tree-Fern Priors: Grain Effects", ["QuoLLA", "WomBench"])
    assert read("TUNING WITH FERN AND GRAIN")[1] == ["Fern"]  # (a word alone: weak, for the decision to weigh)
    # the abstract's form wins where it writes the word; a title not in capitals keeps the exact case
    assert read(title, "We tune Quolla on two sets.")[0].startswith("Tuning Quolla on WomBench")
    assert read("Tuning QUOLLA with FERN")[1] == ["FERN"]


@pytest.mark.parametrize("title,found", [
    ("ADAPTING WHISPER WITH LORA FOR ACCENTED SPEECH ON LIBRISPEECH", {"LoRA", "LibriSpeech"}),
    ("ON THE CALIBRATION OF SPEECH MODELS: A STUDY", set()),
    ("IN PRAISE OF SMALL DATA", set()),
])
def test_pipeline_a_title_alone_in_capitals(title, found):
    # a title alone in capitals gives the names its title-case form gives, and no opening function word
    names = {e.name for e in extract_text("", title=title).entities if e.type != "Task"}
    assert names == found


@pytest.mark.parametrize("title,name,proposed", [
    ("Knowledge Distillation: A Review for Builders of Marsh Sensors", "knowledge distillation", False),
    ("Knowledge Distillation: Quieter Training of Marsh Sensors", "knowledge distillation", True),
])
def test_pipeline_a_known_name_before_a_survey_titles_colon(title, name, proposed):
    # a title alone gives the known name all it says before its colon, unless the title is a survey's
    marks = {e.name.lower(): e.proposed for e in extract_text("", title=title).entities}
    assert marks[name] is proposed


def test_pipeline_a_generic_model_word_in_a_title_alone():
    # a generic word for a kind of model is the title's one mention when no abstract follows: kept, unproposed
    title = "Widening the Memory Window of Transformer on Quasar Forecasting"
    got = {e.name: (e.type, e.proposed) for e in extract_text("", title=title).entities if e.type != "Task"}
    assert got == {"Transformer": ("Model", False)}
    # over an abstract the lower bar of generic words reads the abstract's mentions, as before
    abstract = "We study how far a transformer remembers quasar light curves, and widen its window."
    assert "Transformer" not in {e.name for e in extract_text(abstract, title=title).entities}


@pytest.mark.parametrize("title,known,absent", [
    ("Quillbright Differential Privacy for Fennel Logs", ("differential privacy", "Method"), None),
    ("Tempering Sorrel Tags with Thornwise Recurrent Neural Networks", ("recurrent neural network", "Model"), None),
    # an edition's stem, a hyphened word's part and a longer known name's words are no mention of their own
    ("FastSpeech 7: Quillwork Speech for Marrow Readers", None, "FastSpeech"),
    ("Zorbic Semi-Knowledge Distillation for Fennel Graphs", None, "knowledge distillation"),
    ("Mask R-CNN for Counting Quarry Pebbles", None, "R-CNN"),
    # a name that is also an ordinary word, only as the phrase's head
    ("Thornwise Gated Mamba for Sorrel Recommendation", ("Mamba", "Model"), None),
    ("Thornwise Otter Tracking in Marrow Rivers", None, "Otter"),
])
def test_pipeline_a_known_name_inside_a_title_alones_phrase(title, known, absent):
    # a title alone names the known work its own longer phrase holds, beside the phrase
    got = {e.name: e.type for e in extract_text("", title=title).entities}
    if known is not None:
        assert got.get(known[0]) == known[1] and len(got) >= 2, got
    if absent is not None:
        assert absent not in got, got


@pytest.mark.parametrize("title,known", [
    ("Brightness Profiles of Marrow Galaxies from Sloan Digital Sky Survey Images",
     {"Sloan Digital Sky Survey": "Dataset"}),
    ("Pruning Feltwing Detectors Trained on KITTI and Cityscapes", {"KITTI": "Dataset", "Cityscapes": "Dataset"}),
    ("Thornbill Ranking of Court Records with Code Llama and Ridge Regression",
     {"Code Llama": "Model", "ridge regression": "Method"}),
    ("EVALUATING CODE LLAMA ON MARSHLAND TICKET TRIAGE", {"Code Llama": "Model"}),
])
def test_pipeline_a_known_name_written_in_a_title_alone_is_kept(title, known):
    # a name the gazetteer knows is the one mention a title alone has: kept from a lower bar, unproposed, and
    # the title's own phrases around it are not
    got = {e.name: (e.type, e.proposed) for e in extract_text("", title=title).entities if e.type != "Task"}
    assert got == {name: (type_, False) for name, type_ in known.items()}, got


@pytest.mark.parametrize("title", ["Mining Marsh Repositories for Energy Bugs in Android Apps",
                                   "Spider Silk Tension under Racing Loads", "Drop Tower Tests of Marrow Foam"])
def test_pipeline_a_known_form_in_another_case_or_an_ambiguous_one_takes_no_lower_bar(title):
    # "Apps" is no APPS, and a known name that is also an ordinary word ("Spider", "DROP") is judged as before
    assert not [e.name for e in extract_text("", title=title).entities if e.type != "Task"]


@pytest.mark.parametrize(("title", "name"), [("Spider: A Large-Scale Human-Labeled Dataset for Complex Text-to-SQL",
                                              "Spider"),
                                             ("Spanner-Style External Consistency without Atomic Clocks", "Spanner")])
def test_pipeline_an_ambiguous_known_word_opening_a_title_alone_as_its_name_stays(title, name):
    # the name before a title's colon and a name a hyphen joins to a word are names, not the title's opening noun
    assert name in [e.name for e in extract_text("", title=title).entities]


def test_gazetteer_marks_the_forms_it_recases_in_a_title_in_capitals():
    # a title in capitals: the gazetteer writes a form back in its own case ("SQUAD" as "SQuAD") and marks it;
    # a name it reads as written ("KITTI") and a title in its writer's case are not marked
    from graphbuild.nlp.candidates import text_doc
    from graphbuild.nlp.pipeline import cached_pipeline

    nlp = cached_pipeline()

    def marks(text):
        return {c.text: c.recased for c in nlp(text_doc(nlp, text))._.gb_candidates if c.source == "gazetteer"}

    assert marks("FELTWING READERS FINE-TUNED ON SQUAD AND KITTI") == {"SQuAD": True, "KITTI": False}
    assert marks("Feltwing Readers Fine-Tuned on SQuAD and KITTI") == {"SQuAD": False, "KITTI": False}


def test_gazetteer_recases_no_english_word_of_a_title_in_capitals():
    # "MASSIVE", "DRAFT", "ART" are English words prose writes in lower case: a title in capitals does not turn
    # them into MassIVE, DRaFT, ArT (nor matches them at all); a name no English word spells still is recased
    from graphbuild.nlp.candidates import text_doc
    from graphbuild.nlp.pipeline import cached_pipeline

    nlp = cached_pipeline()
    doc = nlp(text_doc(nlp, "A MASSIVE DRAFT OF THE STATE OF THE ART ON SQUAD"))
    got = {c.text for c in doc._.gb_candidates if c.source == "gazetteer"}
    assert "SQuAD" in got and not {"MassIVE", "DRaFT", "ArT"} & got
    # the same names in their own case in an ordinary title are still found
    doc = nlp(text_doc(nlp, "Evaluating Feltwing Readers on MassIVE and ArT"))
    assert {"MassIVE", "ArT"} <= {c.text for c in doc._.gb_candidates if c.source == "gazetteer"}
    # an ambiguous known name of one capitalised word prose never writes in lower case is matched as a title-case
    # title writes it (weak, as there), and kept; an ambiguous one prose writes in lower case ("SECOND") is not
    title = "A SECOND LOOK AT SELECTIVE GATED MAMBA FOR FENLAND AUDIO"
    doc = nlp(text_doc(nlp, title))
    got = {c.text: (c.strong, c.recased) for c in doc._.gb_candidates if c.source == "gazetteer"}
    assert got.get("Mamba") == (False, True)
    names = {e.name.lower() for e in extract_text("", title=title).entities}
    assert "mamba" in names and "second" not in names


def test_plain_words_are_english_words_prose_writes_in_lower_case():
    import importlib.util

    from graphbuild.nlp.lexicon import plain_words
    from graphbuild.resources import data_path

    words = plain_words()
    assert {"massive", "draft", "joint", "complex"} <= words
    assert not {"llama", "bert", "imagenet", "of", "we"} & words  # names, and nothing under three letters
    # the builder: lower case in enough abstracts and more than twice as often as capitalised mid-sentence
    spec = importlib.util.spec_from_file_location("plain_words_builder", data_path("plain_words.py"))
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    abstracts = ["We draft a massive plan with Quillon. Draft plans help.",
                 "A massive draft of the quillon tool, unlike Quillon and Quillon.",
                 "Massive data; a draft by Quillon."]
    assert builder.plain_words(abstracts, papers_min=2) == ["draft", "massive"]
    assert builder.plain_words(abstracts, papers_min=3) == ["draft"]  # ("Massive" opens a sentence: no count)


def test_decide_a_recased_form_with_an_inner_capital_is_no_titled_known_name():
    # in a title in capitals the gazetteer wrote "MassIVE" (from MASSIVE) and "ArT" (from ART): their case shows
    # nothing, so they take no lower bar; a name kept in the writer's capitals ("KITTI") still does
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import _titled_known_name
    from graphbuild.nlp.gazetteer import GazEntry

    massive = GazEntry("MassIVE", "Dataset")
    kitti = GazEntry("KITTI", "Dataset")
    recased = Candidate(0, 7, "MassIVE", "gazetteer", key="massive", recased=True)
    written = Candidate(0, 7, "MassIVE", "gazetteer", key="massive")
    capitals = Candidate(0, 5, "KITTI", "gazetteer", key="kitti")
    assert not _titled_known_name([recased], [0], [massive])
    assert _titled_known_name([written], [0], [massive])
    assert _titled_known_name([capitals], [0], [kitti])


def test_shape_a_function_word_of_a_sentence_in_capitals_is_no_acronym():
    # "WITH", "AND" of a sentence in capitals are no acronyms; a word in capitals of an ordinary sentence stays one
    text = "Title\n\nWE TRAIN AGENTS WITH A3C AND PPO. We compare WITH and AND baselines."
    sents = split_sentences(text)
    cut = text.index(" We ")
    got = [(c.text, c.start < cut) for c in shape_candidates(text, 5, sents)]
    first = [t for t, in_first in got if in_first]
    assert "WITH" not in first and "AND" not in first and "A3C" in first and "PPO" in first
    assert ("WITH", False) in got and ("AND", False) in got  # (those of the ordinary sentence)


def test_decide_an_english_word_of_a_sentence_in_capitals_is_no_name():
    # an acronym-scan word of a sentence in capitals that the corpus writes mostly in lower case is dropped;
    # one the corpus capitalises, or one of an ordinary sentence, is not
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import _capitals_word
    from graphbuild.nlp.features import corpus_stats

    corpus = corpus_stats(["A\n\nWe train a joint model.", "B\n\nWe train it on Marsh data with Quillon."])
    text = "T\n\nWE TRAIN QUILLON JOINTLY.\n\nWe TRAIN it."
    sents = split_sentences(text)
    train = Candidate(6, 11, "TRAIN", "acronym")
    quillon = Candidate(12, 19, "QUILLON", "acronym")
    ordinary = Candidate(32, 37, "TRAIN", "acronym")
    shaped = Candidate(6, 11, "TRAIN", "shape", strong=True)
    assert _capitals_word(corpus, text, sents, [train], [0])
    assert not _capitals_word(corpus, text, sents, [quillon], [0])
    assert not _capitals_word(corpus, text, sents, [ordinary], [0])
    assert not _capitals_word(corpus, text, sents, [shaped], [0])
    # where no paper writes the word in lower case, an ordinary English word is still no acronym
    alone = corpus_stats(["C\n\nWE TRAIN A JOINT MODEL.", "D\n\nQUILLON JOINT DATA."])
    text = "T\n\nJOINT TRAINING WITH QUILLON.\n\nWe TRAIN it."
    joint = Candidate(3, 8, "JOINT", "acronym")
    quillon = Candidate(22, 29, "QUILLON", "acronym")
    assert _capitals_word(alone, text, split_sentences(text), [joint], [0])
    assert not _capitals_word(alone, text, split_sentences(text), [quillon], [0])


def test_decide_a_known_name_in_its_own_case():
    from graphbuild.nlp.decide import _in_known_case
    from graphbuild.nlp.gazetteer import GazEntry

    apps = GazEntry("APPS", "Dataset")
    assert _in_known_case("APPS", apps) and not _in_known_case("Apps", apps)
    cityscapes = GazEntry("Cityscapes", "Dataset", ("CityScapes",))
    assert _in_known_case("Cityscapes", cityscapes) and _in_known_case("CityScapes", cityscapes)
    assert not _in_known_case("CITYSCAPES", cityscapes)
    # a form in lower case is capitalised by a title-case title; a plural the gazetteer's key matches stays
    assert _in_known_case("Beam Search", GazEntry("beam search", "Method"))
    assert _in_known_case("Vision Transformers", GazEntry("Vision Transformer", "Model"))


def test_pipeline_a_known_name_inside_a_phrase_over_an_abstract_stays_inside():
    # over an abstract, the longer phrase's mention is the one there is, as before
    title = "Quillbright Differential Privacy for Fennel Logs"
    abstract = "We propose Quillbright Differential Privacy, which guards fennel logs at a small cost in accuracy."
    names = {e.name.lower() for e in extract_text(abstract, title=title).entities}
    assert "differential privacy" not in names


ABSTRACTS = [
    ("SlimMoE: Structured Compression of Large Mixture-of-Experts Models",
     "We present SlimMoE, a multi-stage compression framework that turns large MoE models into smaller ones. "
     "Starting from Phi 3.5-MoE, we distil Phi-mini-MoE with knowledge distillation and evaluate on MMLU. "
     "Our models outperform Qwen2.5-7B and Llama-3.1-8B at a fraction of the cost."),
    ("Fine-Tuning Language Models with Low-Rank Adaptation for Code",
     "We fine-tune BERT and RoBERTa with low-rank adaptation (LoRA) and the Adam optimizer on GLUE and SQuAD. "
     "We introduce CodeLoRA, which merges adapters with TIES-Merging, and release the CodeBench dataset."),
]


@pytest.mark.parametrize("title,abstract", ABSTRACTS)
def test_pipeline_title_in_capitals_gives_the_same_entities(title, abstract):
    from graphbuild.records import name_key

    nlp = make_pipeline()

    def found(t):
        return {(name_key(e.name), e.type, e.proposed) for e in extract_text(abstract, nlp, title=t).entities}

    assert found(title.upper()) == found(title)
    assert found(title)  # the comparison is not vacuous


@pytest.mark.parametrize("dash", [" -- ", " \u2014 ", " \u2013 ", " - "])
def test_pipeline_title_dash_reads_as_its_colon(dash):
    from graphbuild.nlp.sentences import colon_for_dash

    nlp = make_pipeline()
    abstract = ("Training very deep networks is unstable. Gradient Echoes replay past gradients through a small "
                "memory and damp the updates that disagree with them. On CIFAR-10 and ImageNet, Gradient Echoes "
                "trains 200-layer ResNets without warm-up.")

    def found(t):
        return {(e.name, e.type, e.proposed) for e in extract_text(abstract, nlp, title=t).entities}

    colon = found("Gradient Echoes: Stable Training of Very Deep Networks")
    assert ("Gradient Echoes", "Method", True) in colon  # the name before the colon, proposed
    title = "Gradient Echoes" + dash + "Stable Training of Very Deep Networks"
    assert found(title) == colon
    assert found(title.upper()) == colon
    # only a title without a colon, only a dash between spaces, and never a dash that ends the title
    for kept in ("Self-Training - Revisited: A Study", "Self-Training for Graphs", "Graphs and Trees -"):
        assert colon_for_dash(kept + "\n\nText.", len(kept)) == kept + "\n\nText."


def test_decide_publisher_boilerplate_is_no_entity():
    nlp = make_pipeline()
    text = ("We propose GraphFoo for node classification on Cora. "
            "(c) 2012 Wiley Periodicals, Inc. All rights reserved.")
    names = {e.name for e in extract_text(text, nlp, title="GraphFoo: Graphs").entities}
    assert "GraphFoo" in names and "Cora" in names
    assert not any("Wiley" in n or "Periodicals" in n for n in names)


# ------------------------------------------------------------ spaCy-native results

def test_decide_results_in_doc_ents_and_spans():
    from graphbuild.nlp.decide import SPANS_KEY

    nlp = make_pipeline()
    doc = nlp("FooNet: A Model\n\nWe propose FooNet and train it with Adam on ImageNet.")
    ents = {e.text: e for e in doc.ents}
    assert ents["FooNet"].label_ == "Model" or ents["FooNet"].label_ == "Method"
    assert ents["FooNet"]._.gb_proposed and ents["FooNet"]._.gb_role == "proposes"
    assert ents["ImageNet"].label_ == "Dataset" and not ents["ImageNet"]._.gb_proposed
    assert 0.0 < ents["Adam"]._.gb_score <= 1.0
    candidates = {s.text for s in doc.spans[SPANS_KEY]}
    assert set(ents) <= candidates and len(candidates) > len(ents)


def test_decide_spacy_scorer_and_displacy_run_on_the_output():
    from spacy import displacy
    from spacy.scorer import Scorer
    from spacy.training import Example

    nlp = make_pipeline()
    text = "FooNet: A Model\n\nWe propose FooNet and train it with Adam on ImageNet."
    pred = nlp(text)
    ref = nlp.make_doc(text)
    ref.ents = [ref.char_span(text.index("ImageNet"), text.index("ImageNet") + 8, label="Dataset")]
    scores = Scorer().score([Example(pred, ref)])
    assert scores["ents_r"] == 1.0 and 0.0 < scores["ents_p"] <= 1.0
    html = displacy.render(pred, style="ent")
    assert "ImageNet" in html and "Dataset" in html


def test_pipeline_analyze_pipes_finds_no_problem():
    nlp = make_pipeline()
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values()), analysis["problems"]
    # out of order, the requirements show
    wrong = spacy.blank("en")
    wrong.add_pipe("graphbuild_patterns")
    assert "doc._.gb_sents" in wrong.analyze_pipes()["problems"]["graphbuild_patterns"]


def test_decide_extensions_are_registered_at_import():
    from spacy.tokens import Span

    import graphbuild.nlp.candidates  # noqa: F401

    for attr in ("gb_proposed", "gb_role", "gb_score", "gb_name"):
        assert Span.has_extension(attr)


def test_decide_thresholds_live_in_the_config():
    nlp = make_pipeline()
    cfg = nlp.config["components"]["graphbuild_decide"]
    assert {"model", "threshold", "proposed_threshold"} <= set(cfg)
    strict = make_pipeline()
    strict.get_pipe("graphbuild_decide").threshold = 0.999
    text = "We propose FooNet and train it with Adam on ImageNet."
    assert len(strict(text).ents) < len(nlp(text).ents)


def test_decide_shipped_digest_matches_the_weights():
    from graphbuild.nlp.decide import model_digest
    from graphbuild.nlp.model_version import MODEL_DIGEST

    assert MODEL_DIGEST == model_digest(), "retrain with `python -m graphbuild.nlp.train` to refresh it"


def test_decide_pipeline_fingerprint_follows_settings():
    from graphbuild.nlp.decide import pipeline_fingerprint

    a, b = make_pipeline(), make_pipeline()
    assert pipeline_fingerprint(a) == pipeline_fingerprint(b)
    b2 = spacy.blank("en")
    assert pipeline_fingerprint(b2) != pipeline_fingerprint(a)


# ------------------------------------------------------------ slashes, brackets, sizes, titles

def test_patterns_slash_joined_variants_give_each_variant():
    text = ("Probe\n\nWe train on Kestrel-10/100 and Osprey-1K/21K with Wren-50/101, Heron-Base/Large, "
            "Plover-3/4, Stilt-B0/B7 and Tern-S/B, patched as Tern-B/16.")
    found = {(c.text, text[c.start:c.end]) for c in shape_candidates(text, 5, [(7, len(text))])}
    for first, variant, written in [("Kestrel-10", "Kestrel-100", "100"), ("Osprey-1K", "Osprey-21K", "21K"),
                                    ("Wren-50", "Wren-101", "101"), ("Heron-Base", "Heron-Large", "Large"),
                                    ("Plover-3", "Plover-4", "4"), ("Stilt-B0", "Stilt-B7", "B7"),
                                    ("Tern-S", "Tern-B", "B")]:
        assert (first, first) in found and (variant, written) in found, (variant, found)
    # a patch size after a slash is part of the name, no variant: "Tern-B/16" is not "Tern-16"
    assert not any(name == "Tern-16" for name, _ in found)


def test_pipeline_slash_joined_variants_are_entities():
    found = {e.name for e in extract_text(
        "We report accuracy on CIFAR-10/100 and ImageNet-1K/21K with ResNet-50/101 and BERT-Base/Large.",
        title="Probe").entities}
    assert {"CIFAR-10", "CIFAR-100", "ImageNet-1K", "ImageNet-21K", "ResNet-50", "ResNet-101", "BERT-Base",
            "BERT-Large"} <= found, found


def test_abbreviations_square_brackets_define_but_citations_do_not():
    text = ("We extend the Kestrel Routing Network [KRN] beyond prior routers [12] and gates [3, 4], "
            "unlike Smith's tagger [Smith et al., 2020] and the Heron Transformer [HT; 7].")
    pairs = {(p.short, p.long) for p in find_abbreviations(text)}
    assert pairs == {("KRN", "Kestrel Routing Network"), ("HT", "Heron Transformer")}, pairs
    # a long form never reaches back over a bracket
    (pair,) = find_abbreviations("[5] Osprey Mixture Layers [OML] are used.")
    assert pair.long == "Osprey Mixture Layers"


def test_pipeline_acronym_in_square_brackets_names_its_long_form():
    (sam,) = [e for e in extract_text(
        "We adapt the Segment Anything Model [SAM] to ultrasound scans [12]. Unlike adapters [3, 4], "
        "our variant keeps the SAM encoder frozen.", title="Promptable Segmentation of Ultrasound").entities
        if "SAM" in e.mentions]
    assert sam.name == "Segment Anything Model" and "Segment Anything Model" in sam.mentions, sam


def test_patterns_parameter_count_after_a_coined_name_is_part_of_it():
    text = "Probe\n\nWe study Quokka-2 13B and Wren-3 1.3B, not the 7B ones."
    found = {c.text for c in shape_candidates(text, 5, [(7, len(text))]) if c.source == "shape"}
    assert {"Quokka-2 13B", "Wren-3 1.3B"} <= found, found


def test_pipeline_sized_variant_of_a_versioned_family_is_its_own_entity():
    found = {e.name: e for e in extract_text(
        "We probe GPT-3 13B on multi-digit addition. The smaller GPT-3 13B fails on carries, while "
        "GPT-3 itself succeeds.", title="Arithmetic in Scaled Language Models").entities}
    assert "GPT-3 13B" in found and found["GPT-3 13B"].type == "Model", found
    assert "GPT-3 13B" not in found["GPT-3"].mentions, found


def test_patterns_sized_names_listed_after_each_other_are_each_a_run():
    text = "Probe\n\nWe release Falcon 40B and Falcon 180B today, with Mix and Match Tuning."
    runs = {c.text for c in shape_candidates(text, 5, [(7, len(text))]) if c.source == "caprun"}
    assert {"Falcon 40B", "Falcon 180B"} <= runs and "Falcon 40B and Falcon 180B" not in runs, runs
    assert "Mix and Match Tuning" in runs  # a name's own "and" (after no size) stays


def test_pipeline_sized_names_released_are_kept():
    found = {e.name: e for e in extract_text(
        "We release Falcon 40B and Falcon 180B, two decoder-only language models trained on a filtered "
        "web corpus. Falcon 180B matches larger closed models on reasoning benchmarks.",
        title="Open Models Trained on Curated Web Data").entities}
    for size in ("Falcon-40B", "Falcon-180B"):
        assert size in found and found[size].family == "Falcon", (size, found)
        assert found[size].proposed, found[size]


def test_doc_context_title_that_is_a_name():
    from graphbuild.nlp.doc_context import title_name

    for title in ("Generative Adversarial Nets", "Graph Attention Networks", "Pointer Networks",
                  "Neural Turing Machines", " Kestrel Routing Networks"):
        span = title_name(title)
        assert span is not None and title[span[0]:span[1]] == title.strip(), title
    for title in ("Attention Is All You Need", "Networks", "Learning to Route Networks", "Deep Kestrel Birds",
                  "Sparse Graph Networks for Routing", "On Routing Networks",
                  # a field or a family names nothing a paper brings in
                  "Kernel Methods", "Recommender Systems", "Convolutional Neural Networks", "Large Language Models"):
        assert title_name(title) is None, title
    assert title_name("Layer Normalization") == (0, 19)  # two words whose head is no broad one


def test_doc_context_title_opening_with_an_ing_verb_is_no_name():
    from graphbuild.nlp.doc_context import title_name

    for title in ("Compressing Graph Neural Networks", "Regularising Small Convolutional Networks",
                  "Scaling Vision Transformers", "Routing Networks"):
        assert title_name(title) is None, title
    # a word that merely ends in "ing" is no verb form; nor is an "-ing" word after the first
    for title in ("String Kestrel Networks", "Spring Routing Networks", "Kestrel Routing Networks"):
        assert title_name(title) == (0, len(title)), title


def test_doc_context_title_opening_with_a_plain_or_past_verb_is_no_name():
    from graphbuild.nlp.doc_context import title_name

    for title in ("Improve Kestrel Routing Networks", "Distill Sparse Mixture Transformers", "Unify Retrieval Networks",
                  "Revisited Memory Networks", "Teaches Kestrel Networks", "Built Kestrel Networks",
                  "Simplified Routing Networks"):
        assert title_name(title) is None, title
    # an "-ed" word that describes the architecture opens names ("Gated …"), and so does "Learned"
    for title in ("Gated Kestrel Networks", "Dilated Routing Networks", "Learned Step Size Quantization"):
        assert title_name(title) == (0, len(title)), title


def test_pipeline_a_title_opening_with_a_verb_keeps_the_name_before_its_colon():
    found = {e.name: e for e in extract_text(
        "We introduce Quillfeather, a ranker that routes each query to a few experts.",
        title="Quillfeather: Learn to Rank with Sparse Experts").entities}
    assert found["Quillfeather"].proposed, found
    plain = extract_text("We distill sparse mixture transformers into dense students.",
                         title="Distill Sparse Mixture Transformers").entities
    assert not any("distill" in m.lower() for e in plain for m in (e.name, *e.mentions)), plain


def test_pipeline_a_title_opening_with_an_ing_verb_gives_no_entity_of_its_own():
    title = "Compressing Kestrel Routing Networks"
    found = extract_text("We prune kestrel routing networks to a tenth of their size on Cora.", title=title).entities
    assert not any(title.lower() in {m.lower() for m in (e.name, *e.mentions)} for e in found), found


@pytest.mark.parametrize("head", ["Algorithms", "Methods"])
def test_grouping_whole_title_joins_the_abbreviation_it_spells_out(head):
    title = f"Stochastic Kestrel Ranking {head}"
    found = extract_text("We propose stochastic kestrel ranking (SKR), which orders candidates by sampled "
                         "scores. SKR outperforms listwise baselines on three retrieval benchmarks.",
                         title=title).entities
    (ent,) = [e for e in found if "SKR" in e.mentions]
    assert title in ent.mentions and ent.proposed, ent
    assert not [e for e in found if e is not ent and title in (e.name, *e.mentions)], found
    # no pair to join: the whole title stays a name of its own
    alone = extract_text("We rank kestrels by sampled scores.", title="Stochastic Kestrel Ranking Networks").entities
    assert any(e.name == "Stochastic Kestrel Ranking Networks" for e in alone), alone


@pytest.mark.parametrize("title", ["Generative Adversarial Nets", "Kestrel Routing Networks"])
def test_pipeline_a_title_that_is_a_name_is_proposed(title):
    found = {e.name: e for e in extract_text(
        "We present a framework in which two networks are trained against each other on images. "
        "Experiments show sharper samples than earlier generative approaches.", title=title).entities}
    assert title in found and found[title].proposed and found[title].type == "Model", found
    # a title that is no name gives no entity of its own
    assert not any(e.name.startswith("Deep Kestrel") for e in extract_text(
        "We present a framework trained on images.", title="Deep Kestrel Birds").entities)


def test_extract_text_longer_than_the_pipeline_reads_finds_the_entities_of_its_start():
    text = "We fine-tune BERT on GLUE. " + "The cat sat on the mat. " * 45_000  # over a million characters
    assert len(text) > 1_000_000
    assert {"BERT", "GLUE"} <= {e.name for e in extract_text(text).entities}


def test_patterns_naming_cue_passes_its_object_and_gives_a_plain_name():
    from graphbuild.nlp.patterns import lower_cue_candidates

    def named(text):
        # (the "cue" twin of a capitalised name given by a bare naming verb is not this test's)
        return {c.text: c.named for c in lower_cue_candidates(text, split_sentences(text)) if c.source == "lowercue"}

    # the describing head after "this" is no part of the name; the name stops at punctuation
    found = named("We call this approach sign-consistent merging: each coordinate keeps the majority sign. "
                  "Sign-consistent merging recovers the accuracy of the experts.")
    assert found["sign-consistent merging"] is True
    assert found["Sign-consistent merging"] is False  # the repeated name, at a sentence's start
    # "refer to" and "denote" need "as"; a capital in the name is kept ("Fisher")
    assert named("We prune edges, which we refer to as attention-guided sparsification.")[
        "attention-guided sparsification"] is True
    assert "weights" not in named("We refer to the weights of the model.")
    assert named("We call the resulting objective the mirror loss because it is symmetric.")["mirror loss"] is True
    assert named("We call this variant Fisher merging, and it is fast.")["Fisher merging"] is True
    # a prefix of the name given is no name given ("called Gradient Episodic Memory": not "Gradient")
    found = named("We propose a model, called Quorrel Episodic Memory, that keeps a buffer.")
    assert found["Quorrel Episodic Memory"] is True and found["Quorrel"] is False and found["Quorrel Episodic"] is False
    # a name in use, and an ordinary phrase, are not named here
    assert named("Our layer follows the so-called soft routing scheme.").get("soft routing") is False
    assert not named("We study named entity recognition.")
    # a naming verb's bare form needs its subject: "term" and "call" are nouns too
    assert not named("Sparse retrieval relies on term matching, and the call graph helps.")
    assert named("Here we will simply call it quorrel folding.")["quorrel folding"] is True
    assert named("We call this network, ZorbNet, and train it.")["ZorbNet"] is True
    # where the name may go on past the words taken, its end is unknown: no name given
    assert not any(named("We propose a method called quorrel reasoning on graphs that helps.").values())
    assert not any(named("We propose a new approach, called self-tuned quorrel pyramid domain adaptation.").values())


def test_features_a_name_the_authors_give_is_flagged_for_both_models():
    from graphbuild.nlp.decide import prepare
    from graphbuild.nlp.features import entity_features

    title = "Causal Discovery with Missing Data"
    text = f"{title}\n\nWe propose a procedure, which we call masked score matching, for incomplete data."
    nlp = make_pipeline(gazetteer_path=GAZ, proposers_only=True)
    doc = nlp(text)
    prepared = prepare(text, doc._.gb_sents, doc._.gb_title_end, doc._.gb_candidates, None)
    at = [i for i, c in enumerate(prepared.cands) if c.text == "masked score matching"]
    assert at and "named_here" in prepared.features[at[0]]
    group = next(m for m in prepared.groups if at[0] in m)
    assert "named_here" in entity_features(text, doc._.gb_title_end, prepared.cands, group, "Method", False,
                                           prepared.context)


def test_features_a_known_name_pairs_every_proposal_feature_with_the_gazetteer_hit():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.features import entity_features

    title = "Dense Passage Retrieval for Open-Domain Question Answering"
    text = f"{title}\n\nOur dense passage retriever (DPR) beats BM25."
    end = len(title)
    head = Candidate(0, 23, "Dense Passage Retrieval", "titleseg", sentence=0)
    short = Candidate(text.index("DPR"), text.index("DPR") + 3, "DPR", "abbrev-short", sentence=1)
    known = entity_features(text, end, [head, short], [0, 1], "Model", True)
    new = entity_features(text, end, [head, short], [0, 1], "Model", False)
    # the title's first phrase, and an abbreviation the text defines, whether the gazetteer knows it or not
    assert {"title_phrase", "defined", "title_start"} <= new.keys() and "defined_new" in new
    assert {"gaz&title_phrase", "gaz&defined", "gaz&title_start", "gaz&src=titleseg"} <= known.keys()
    assert "defined_new" not in known and "gaz&gaz" not in known and "gaz&bias" not in known
    assert not any(k.startswith("gaz&") for k in new)


def test_decide_a_lower_case_phrase_may_open_a_sentence_with_a_capital():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import written_lower_case

    text = "T\n\nWe call it room impulse mixing. Room impulse mixing helps."
    sents = split_sentences(text)
    first = text.index("room")
    second = text.index("Room")
    cands = [Candidate(first, first + 19, "room impulse mixing", "lowercue", sentence=1),
             Candidate(second, second + 19, "Room impulse mixing", "lowercue", sentence=2)]
    assert written_lower_case(cands, [0, 1], 1, sents)
    assert not written_lower_case(cands, [0, 1], 1)  # (without the sentences, a capital is a capital)
    assert not written_lower_case(cands, [1], 1, sents)  # a capital alone, with no lower-case mention
    inner = Candidate(second, second + 19, "Room Impulse mixing", "lowercue", sentence=2)
    assert not written_lower_case([cands[0], inner], [0, 1], 1, sents)


def test_decide_a_proposed_phrase_with_a_capital_takes_the_lower_bar():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import _proposed_phrase

    def cand(name: str, source: str = "proposal", proposed: bool = True, start: int = 10) -> Candidate:
        return Candidate(start, start + len(name), name, source, proposed=proposed)

    # a phrase the authors bring in, a capitalised word among lower-case ones and a lower-case head
    assert _proposed_phrase([cand("layout-aware Transformer encoder")], [0], 5)
    assert _proposed_phrase([cand("Weibull calibration", "listed")], [0], 5)
    assert _proposed_phrase([cand("Dual-Lattice representation"), cand("dual-lattice representation", "lowerphrase",
                                                                         False, 80)], [0, 1], 5)
    # not: no rule's proposal, a capitalised head, four words, an acronym or coined name inside, one word,
    # the title alone
    assert not _proposed_phrase([cand("Weibull calibration", proposed=False)], [0], 5)
    assert not _proposed_phrase([cand("Weibull calibration", "caprun")], [0], 5)
    assert not _proposed_phrase([cand("Hybrid Lag Mixer")], [0], 5)
    assert not _proposed_phrase([cand("configurable sparse Velox chain")], [0], 5)
    assert not _proposed_phrase([cand("QXF-aware quantization")], [0], 5)
    assert not _proposed_phrase([cand("MXInt-specific hardware optimization")], [0], 5)
    assert not _proposed_phrase([cand("Quillnet")], [0], 5)
    assert not _proposed_phrase([cand("Weibull calibration", start=0)], [0], 50)
    # every mention must end in a lower-case head: a capitalised form elsewhere is a name's
    assert not _proposed_phrase([cand("Weibull calibration"), cand("Weibull Calibration", "caprun", False, 80)],
                                [0, 1], 5)


def test_decide_a_known_lower_case_method_takes_the_lowest_bar():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import known_lower_technique

    gaz = load_gazetteer()
    method, metric = gaz.lookup("matrix factorization"), gaz.lookup("mean squared error")
    assert method is not None and method.type == "Method" and metric is not None and metric.type != "Method"
    lower = Candidate(20, 40, "matrix factorization", "gazetteer")
    title = Candidate(0, 20, "Matrix Factorization", "gazetteer")
    assert known_lower_technique([lower], [0], [method], 5)
    assert known_lower_technique([title, lower], [0, 1], [method, method], 20)  # (a title's capitals say nothing)
    assert not known_lower_technique([lower], [0], [None], 5)  # a phrase the gazetteer does not know
    assert not known_lower_technique([lower], [0], [metric], 5)  # a known name of another type
    capital = Candidate(20, 40, "Matrix Factorization", "gazetteer")
    assert not known_lower_technique([capital], [0], [method], 5)  # written with capitals in the body
    # in passing, among other baselines: kept as a Method (below the lower-case bar, above the known one)
    found = {e.name.lower(): e.type for e in extract_text(
        "Embedding tables dominate the memory of recommenders. We hash each categorical value into a short code "
        "and decode it with a small network. The codes work with models including matrix factorization and "
        "two-tower retrievers, and cut memory by 90% on three public sets.",
        title="Hashed Embeddings for Recommenders").entities}
    assert found.get("matrix factorization") == "Method"
    assert "short code" not in found and "small network" not in found


def test_decide_generic_words_for_kinds_of_model_take_the_lower_bar_and_hardware_does_not():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import _generic_model

    def cands(*names: str) -> list[Candidate]:
        return [Candidate(0, len(n), n, "gazetteer") for n in names]

    # the neutral words for a kind of model, in the plural and after a modifier such words take
    assert _generic_model(cands("Transformer", "Transformers", "Vanilla Transformer"), [0, 1, 2])
    assert _generic_model(cands("Graph Neural Networks"), [0])
    # hardware, tools and organisations are generic too, but no kind of model: the usual bar
    assert not _generic_model(cands("Edge TPU"), [0]) and not _generic_model(cands("TensorFlow"), [0])
    # every form must be generic: a coined name beside the word is judged as a name
    assert not _generic_model(cands("Transformer", "Zorbformer"), [0, 1])


@pytest.mark.parametrize("title,text,name", [
    ("Dense Passage Retrieval for Open-Domain Question Answering",
     "Open-domain question answering first finds a few passages in a large corpus. Sparse term matching such as "
     "BM25 is the usual choice. We show that learned dense vectors alone suffice: a dual encoder trained on a "
     "modest number of question-passage pairs. Our dense passage retriever (DPR) beats a Lucene-BM25 system in "
     "top-20 accuracy on Natural Questions and TriviaQA.", "DPR"),
    ("Neural Machine Translation by Jointly Learning to Align and Translate",
     "Encoder-decoder models compress a source sentence into a fixed-length vector. We extend them with a soft "
     "search over the source words when each target word is predicted. On English-to-French data our RNNsearch "
     "model matches a phrase-based system.", "RNNsearch"),
])
def test_pipeline_a_known_name_its_own_paper_introduces_is_proposed(title, text, name):
    entities = extract_text(text, title=title).entities
    found = [e for e in entities if name in e.mentions or e.name == name]
    assert found and found[0].proposed, [(e.name, e.mentions, e.proposed) for e in entities]


def test_patterns_two_known_names_side_by_side_are_no_run_of_their_own(nlp):
    # (the glued run was one Dataset entity: "ResNet-50 SimCLR features" of the bundled demo)
    found = ents(nlp, "Trained on GLUE, a linear classifier on BERT-Large LoRA features reaches 76% accuracy.")
    assert {"BERT-Large", "LoRA"} <= set(found) and "BERT-Large LoRA" not in found, found
    assert (found["BERT-Large"].type, found["LoRA"].type) == ("Model", "Method"), found


def test_patterns_glued_runs_are_known_names_then_known_or_coined_names():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.patterns import glued_runs

    text = "on BERT QuillNet features and on MS MARCO and BERT Quill"

    def cand(name, source, strong=False):
        at = text.index(name)
        return Candidate(at, at + len(name), name, source, strong=strong)

    cands = [cand("BERT QuillNet", "titlecase"), cand("BERT", "gazetteer"), cand("QuillNet", "shape", strong=True),
             cand("MS MARCO", "caprun"), cand("MS MARCO", "gazetteer"), cand("MS", "acronym"),
             cand("BERT Quill", "caprun"), cand("Quill", "capword")]
    cands[-2:] = [Candidate(text.rindex("BERT"), len(text), "BERT Quill", "caprun"),
                  Candidate(text.rindex("BERT"), text.rindex("BERT") + 4, "BERT", "gazetteer"),
                  Candidate(text.rindex("Quill"), len(text), "Quill", "capword")]
    # a known name and a coined one are glued; a run the gazetteer knows is one name; a plain word is no name
    assert glued_runs(cands) == {(cands[0].start, cands[0].end)}
    assert glued_runs([c for c in cands if c.source != "gazetteer"]) == set()


def test_patterns_joined_runs_join_names_on_both_sides_of_a_joining_word():
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.patterns import joined_runs

    text = "on Quillset-10N and Brambleset with ZQR on Mixture of Quill Experts and Tree of Thoughts here"

    def cand(name, source, strong=False):
        at = text.index(name)
        return Candidate(at, at + len(name), name, source, strong=strong)

    run = cand("Quillset-10N and Brambleset with ZQR", "caprun")
    inner = cand("Brambleset with ZQR", "caprun")
    plain = cand("Mixture of Quill Experts", "caprun")
    whole = cand("Tree of Thoughts", "caprun")
    cands = [run, inner, plain, whole, cand("Quillset-10N", "shape", strong=True), cand("Brambleset", "gazetteer"),
             cand("ZQR", "acronym"), cand("Quill", "gazetteer"), cand("Experts", "capword"),
             cand("Tree of Thoughts", "gazetteer"), cand("Tree", "capword")]
    # names on both sides of each joining word: no name of its own; plain words beside one, or a known whole, are
    assert joined_runs(cands) == {(run.start, run.end), (inner.start, inner.end)}
    # a name shaped like a plain word is no name on its own
    assert joined_runs([c for c in cands if c.text != "Brambleset"]) == set()


def test_patterns_a_score_and_a_metric_before_a_joining_word_open_no_run():
    from graphbuild.nlp.patterns import shape_candidates

    text = ("Quillnet reaches 86.3 F1 on Zorbset, 90.1 accuracy on CORD and 72.0 QNLS on DocVQA; "
            "Quillset and 100 Days of Rain.")
    found = {c.text for c in shape_candidates(text, 0, [(0, len(text))])}
    assert not any(t[0].isdigit() and " on " in t for t in found), found
    # (a figure and a plain word open a name that may hold a joining word)
    assert "100 Days of Rain" in found, found


def test_decide_names_a_run_joins_are_found_not_the_run(nlp):
    found = ents(nlp, "We test this advice on Quillset-10N and Brambleset-2M with TarnNet-28-10 and TarnNet-18 "
                      "backbones. We evaluate ENAS, DARTS and ZQRS on Penn Treebank and CIFAR-10.")
    assert {"Quillset-10N", "Brambleset-2M", "TarnNet-28-10", "ZQRS", "Penn Treebank"} <= set(found), found
    assert not any(" and " in name or " on " in name or " with " in name for name in found), found


def test_patterns_released_siblings_are_each_proposed():
    text = ("We release two retrievers, Zentor-Mini and Zentor-Tiny, distilled from a teacher. "
            "We present Quorra 7B, Quorra 13B and Quorra 70B. We build on Llama 7B and Llama 13B. "
            "We present Table 1 and Table 2. Meta released Vicu-Base and Vicu-Large.")
    found = {c.text: c.proposed for c in cue_candidates(text, split_sentences(text))}
    assert found == {"Zentor-Mini": True, "Zentor-Tiny": True, "Quorra 7B": True, "Quorra 13B": True,
                     "Quorra 70B": True, "Vicu-Base": False, "Vicu-Large": False}, found


@pytest.mark.parametrize("text", [
    # (a second mention: named once in a one-sentence abstract, Hark-Base sat at the entity threshold, where every
    # retrain moves it; the rule under test is what its sibling gets)
    "We propose Hark-Base and Hark-Large, speech encoders pretrained on unlabeled audio. Hark-Base runs on a phone.",
    "This paper introduces Hark-Base as well as Hark-Large, instruction-following variants of a 7B model.",
    # no introducing verb before the list: the sibling of the proposed name is listed beside it
    "We propose Hark-Base, a speech encoder pretrained on unlabeled audio; Hark-Base and Hark-Large outperform "
    "earlier encoders on LibriSpeech.",
])
def test_decide_siblings_listed_with_a_proposed_name_are_proposed(text):
    found = {e.name: e for e in extract_text(text, title="Compact Speech Encoders").entities}
    assert {"Hark-Base", "Hark-Large"} <= set(found), found
    assert found["Hark-Base"].proposed and found["Hark-Large"].proposed, found
    assert found["Hark-Base"].type == found["Hark-Large"].type, found


@pytest.mark.parametrize(("title", "text", "sizes"), [
    ("Tarnwick: Open-Vocabulary Segmentation via Caption Grounding",
     "We propose Tarnwick, an open-vocabulary segmenter trained on image-caption pairs with pseudo-masks. "
     "Tarnwick-T achieves 24.1 mIoU on ADE20K zero-shot, outperforming ODISE by 2.3 points.", ["Tarnwick-T"]),
    ("Pellory: Shared Cross-Attention Keys for Fast Translation",
     "We revisit deep-encoder shallow-decoder Transformers and propose Pellory, which shares cross-attention keys "
     "across layers. Pellory-Big obtains 29.1 BLEU on WMT'14 En-De against 28.4 for Transformer-Big. On IWSLT'14 "
     "De-En Pellory-Small reaches 35.6 BLEU.", ["Pellory-Big", "Pellory-Small"]),
])
def test_decide_sizes_of_a_proposed_name_written_apart_are_proposed(title, text, sizes):
    from graphbuild.nlp.decide import SIZE_TIER

    found = {e.name: e for e in extract_text(text, title=title).entities}
    for name in sizes:
        assert name in found and found[name].proposed, found
        # (the family's type, but a size word is a checkpoint's: "Pellory-Big" of a method "Pellory" is a model)
        family = found[name.split("-")[0]].type
        assert found[name].type == ("Model" if SIZE_TIER.search(name) else family), found


def test_decide_a_name_apposed_to_the_kind_the_authors_propose_is_kept_and_proposed():
    from graphbuild.nlp.decide import _PRESENTED_BEFORE

    # the kind between the verb and the name: lower-case words closed by a comma
    assert _PRESENTED_BEFORE.search("We propose a keyword spotter, ").group("kind") is not None
    assert _PRESENTED_BEFORE.search("We propose ").group("kind") is None
    assert _PRESENTED_BEFORE.search("We propose a model for BERT, ") is None  # (a capital: no kind phrase)
    text = ("We propose a keyword spotter, Brantle, that combines a broadcasted residual network with a "
            "noise-conditioned normalisation layer. Brantle-S reaches 97.6% accuracy on Google Speech Commands V2, "
            "outperforming BC-ResNet-1 by 0.7 points.")
    found = {e.name: e.proposed for e in extract_text(text, title="Noise-Robust Keyword Spotting").entities}
    assert found.get("Brantle") and found.get("Brantle-S"), found
    assert not found.get("BC-ResNet-1"), found


def test_decide_sizes_apart_leave_earlier_versions_and_known_families():
    from graphbuild.nlp.decide import _SIZE_ONLY

    # a size, not a version: the earlier release a paper improves on is no size of its own name
    assert [bool(_SIZE_ONLY.match(n)) for n in ("Zorb-T", "Zorb-Big", "Zorb-base", "Zorb 7B", "Zorb-v2",
                                               "Zorb 2", "Zorb-Det")] == [True] * 4 + [False] * 3
    text = ("We present Quillon-v3, a code search embedding model trained with hard negatives verified by "
            "execution. Quillon-v3 improves MRR on CodeSearchNet by 4.2 points over Quillon-v2.")
    found = {e.name: e.proposed for e in extract_text(text, title="Code Search Embeddings").entities}
    assert found.get("Quillon-v3") and not found.get("Quillon-v2"), found
    # a known family's size beside the paper's own size of it is the known one
    text = ("We scale masked autoencoder pretraining to ViT-2B, a vision transformer with two billion parameters. "
            "ViT-2B reaches 88.1% top-1 on ImageNet, above ViT-H by 1.2 points.")
    found = {e.name: e.proposed for e in extract_text(text, title="Scaling Masked Autoencoders").entities}
    assert not found.get("ViT-H"), found


def test_typing_the_subject_after_an_opening_on_names_no_dataset():
    from graphbuild.nlp.entity_types import context_votes

    text = "On MMLU, QuillNet reaches 81% accuracy, and on GLUE, LarkNet and PlinthNet it wins."
    at = {n: text.index(n) for n in ("QuillNet", "LarkNet", "PlinthNet")}
    # "On MMLU, QuillNet reaches": QuillNet is what is measured; LarkNet is listed with GLUE
    assert "Dataset" not in context_votes(text, at["QuillNet"], at["QuillNet"] + 8, 0, len(text))
    assert context_votes(text, at["LarkNet"], at["LarkNet"] + 7, 0, len(text)).get("Dataset", 0) > 0
    # ... nor does it share the votes of the dataset the opening names, as a listed name does
    nlp = make_pipeline(gazetteer_path=GAZ, proposers_only=True)
    votes = {c.text: c.votes for c in nlp(f"T\n\n{text}")._.gb_candidates}
    assert "Dataset" not in votes["QuillNet"] and votes["LarkNet"].get("Dataset", 0) > 0
