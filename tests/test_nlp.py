"""Pipeline components on spacy.blank("en") with a tiny gazetteer, and the whole pass."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from graphbuild.nlp.abbreviations import find_abbreviations, match_long_form
from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.nlp.lexicon import is_generic, split_sentences
from graphbuild.nlp.patterns import cue_candidates, shape_score, title_candidate
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


def test_abbreviations_prefers_word_initials():
    (pair,) = find_abbreviations("the so-called independent interval approximation (IIA).")
    assert pair.long == "independent interval approximation"


def test_abbreviations_reject_non_definitions():
    assert find_abbreviations("accuracy improves (see Table 2) and (p < 0.05).") == []
    assert match_long_form("XYZ", "nothing matches here") is None


# ------------------------------------------------------------ sentences and lists

def test_lexicon_sentences_keep_abbreviations_inside():
    text = "Title\n\nWe use models, e.g. BERT. Results improve. Et al. style."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans[0] == "Title"
    assert spans[1] == "We use models, e.g. BERT."
    assert spans[2] == "Results improve."


@pytest.mark.parametrize("name", ["LLMs", "GPU", "PyTorch", "NeurIPS", "Transformers", "CNNs"])
def test_lexicon_generic_words(name):
    assert is_generic(name)


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


def test_patterns_title_candidate_needs_a_name_shape():
    text = "SlimMoE: Structured Compression\n\nWe present SlimMoE."
    cand = title_candidate(text, text.index("\n\n"))
    assert cand is not None and cand.text == "SlimMoE" and cand.proposed
    text2 = "Guiding Giants: Lightweight Controllers\n\nWe steer models."
    assert title_candidate(text2, text2.index("\n\n")) is None


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


def test_gazetteer_bad_file_names_line(tmp_path):
    from graphbuild.errors import InputError

    bad = tmp_path / "g.jsonl"
    bad.write_text('{"name": "X", "type": "Model"}\n{"name": "Y", "type": "Thing"}\n')
    load_gazetteer.cache_clear()
    with pytest.raises(InputError, match=r"g.jsonl:2: unknown entity type"):
        load_gazetteer(str(bad))


# ------------------------------------------------------------ typing, roles, grouping

def test_typing_from_context_for_unknown_names(nlp):
    found = ents(nlp, "Experiments using safety benchmarks like ToxicChat show gains. "
                      "We compile SLTrans, a parallel dataset of code. The MLX library is used.")
    assert found["ToxicChat"].type == "Dataset"
    assert found["SLTrans"].type == "Dataset"
    assert "MLX" not in found  # a tool, not an artifact


def test_typing_coordination_shares_cues(nlp):
    found = ents(nlp, "We compare pruning strategies, such as MAG, SNAP, and GRASPX, across budgets.")
    assert {found[n].type for n in ("MAG", "SNAP", "GRASPX")} == {"Method"}


def test_roles_proposes_evaluates_compares(nlp):
    found = ents(nlp, "We propose FooNet, a new model. FooNet outperforms GPT-3 on MMLU. "
                      "It is trained with LoRA.")
    assert found["FooNet"].proposed and found["FooNet"].role == "proposes"
    assert found["GPT-3"].role == "compares_with"
    assert found["MMLU"].role == "evaluates_on"
    assert found["LoRA"].role == "uses" and not found["LoRA"].proposed
    assert "FooNet outperforms GPT-3" in found["GPT-3"].evidence


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
    assert scores.f1 >= 0.80, scores.to_dict()
    assert scores.type_accuracy >= 0.80


@pytest.mark.parametrize("title,text,name", [
    ("Attention Is All You Need", "We propose the Transformer, an encoder-decoder model.", "Transformer"),
    ("Proximal Policy Optimization Algorithms",
     "Proximal Policy Optimization (PPO) is a policy gradient algorithm we propose for control.", "PPO"),
    ("Graph Attention Networks", "Graph attention networks (GATs) are our proposal for graphs.", "GATs"),
    ("Denoising Models", "We propose denoising diffusion probabilistic models (DDPM), generative models.", "DDPM"),
])
def test_roles_proposal_phrasings(title, text, name):
    nlp = make_pipeline()  # the shipped gazetteer: known names proposed by their own paper
    found = [e for e in extract_text(text, nlp, title=title).entities if name in e.mentions or e.name == name]
    assert found and found[0].proposed, [(e.name, e.mentions, e.proposed) for e in extract_text(text, nlp, title=title).entities]


def test_roles_known_names_used_are_not_proposed():
    nlp = make_pipeline()
    ents = extract_text("We present BERT-based rankers and fine-tune them. We propose to use LoRA.", nlp,
                        title="Rankers").entities
    assert not any(e.proposed for e in ents), [(e.name, e.proposed) for e in ents]


def test_typing_ambiguous_word_only_in_title_is_dropped():
    nlp = make_pipeline()
    ents = extract_text("We speed up training of transformer-based language models.", nlp,
                        title="Accelerating Training Transformer Models").entities
    assert "Transformer" not in {e.name for e in ents}


def test_pipeline_one_failing_document_does_not_stop_the_batch(monkeypatch):
    from graphbuild.nlp import entity_types
    from graphbuild.nlp.candidates import ComponentWarning
    from graphbuild.nlp.pipeline import extract_papers
    from graphbuild.records import Paper

    real = entity_types.select_candidates

    def flaky(doc):
        if "BOOM" in doc.text:
            raise ValueError("bad document")
        return real(doc)

    monkeypatch.setattr(entity_types, "select_candidates", flaky)
    nlp = make_pipeline(gazetteer_path=GAZ)
    papers = [Paper(title="BOOM paper", abstract="We use BERT."), Paper(title="Fine", abstract="We use BERT on GLUE.")]
    with pytest.warns(ComponentWarning, match="graphbuild_typing failed on the document starting 'BOOM"):
        results = list(extract_papers(papers, nlp))
    assert len(results) == 2
    assert {e.name for e in results[1].entities} == {"BERT", "GLUE"}


def test_abbreviations_title_and_appositive_definitions():
    from graphbuild.nlp.abbreviations import find_title_and_apposed_abbreviations

    text = ("FreeKD: Free-direction Knowledge Distillation for Graph Neural Networks\n\n"
            "We design PTOFA, a Predict-Then-Optimize Fund Allocation framework.")
    pairs = {(p.short, p.long) for p in find_title_and_apposed_abbreviations(text, text.index("\n\n"))}
    assert pairs == {("FreeKD", "Free-direction Knowledge Distillation"),
                     ("PTOFA", "Predict-Then-Optimize Fund Allocation")}


def test_abbreviations_long_form_never_spans_a_parenthesis():
    pairs = {(p.short, p.long) for p in find_abbreviations(
        "attention toward Open-Vocabulary Detection (OVD) and Segmentation (OVS).")}
    assert ("OVD", "Open-Vocabulary Detection") in pairs
    assert not any(")" in long for _, long in pairs)


def test_typing_a_defined_task_stays_a_task(nlp):
    found = ents(nlp, "We study federated online learning to rank (FOLTR). Existing FOLTR methods "
                      "are fragile, and FOLTR methods are slow.")
    (foltr,) = [e for e in found.values() if "FOLTR" in e.mentions]
    assert foltr.type == "Task"


def test_patterns_adaptation_settings_name_both_datasets():
    found = {e.name: e.type for e in extract_text(
        "Results on GTA→Cityscapes and GTA-to-Cityscapes adaptation, with BERT/GPT-2 as backbones.",
        title="Domain adaptation").entities}
    assert found.get("Cityscapes") == "Dataset" and found.get("GTA") == "Dataset"
    assert found.get("BERT") == "Model" and found.get("GPT-2") == "Model"
