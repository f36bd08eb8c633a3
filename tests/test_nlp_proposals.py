"""What a paper introduces, told from what it builds on (issue 10, error class 4): the rules' guesses
and the features the ``proposed`` decision reads. Names are invented; the small gazetteer knows
LoRA, BERT, Llama, GLUE, MMLU and GPT-3."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.nlp.candidates import Candidate, candidates, text_doc
from graphbuild.nlp.features import entity_features
from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.nlp.lexicon import split_sentences
from graphbuild.nlp.patterns import cue_candidates
from graphbuild.nlp.pipeline import make_pipeline

GAZ = str(Path(__file__).parent / "fixtures" / "nlp" / "gazetteer_small.jsonl")


@pytest.fixture(scope="module")
def proposers():
    return make_pipeline(gazetteer_path=GAZ, proposers_only=True)


def guesses(nlp, title: str, text: str) -> dict[str, bool]:
    """The rules' ``proposed`` guess per candidate text (any candidate of that text guessed proposed)."""
    doc = nlp(text_doc(nlp, f"{title}\n\n{text}"))
    out: dict[str, bool] = {}
    for c in candidates(doc):
        out[c.text] = out.get(c.text, False) or c.proposed
    return out


def test_abbreviations_a_known_name_spelled_out_is_defined_not_coined(proposers):
    found = guesses(proposers, "Frugal Tuning of Quantized Models",
                    "Gradients flow through the frozen model into Low-Rank Adaptation (LoRA) weights, and "
                    "Partially Flipped Zorba (PF-Zorba) layers mix the tokens.")
    assert found.get("Low-Rank Adaptation") is False and found.get("LoRA") is False, found
    # a coined short form the gazetteer does not know still names a part the paper builds
    assert found.get("Partially Flipped Zorba") is True, found
    # in the authors' own sentence a known name is theirs, unless it names a kind of thing ("LoRA adapters")
    found = guesses(proposers, "Frugal Tuning", "We train Low-Rank Adaptation (LoRA) adapters on GLUE.")
    assert found.get("Low-Rank Adaptation") is False, found
    found = guesses(proposers, "Frugal Tuning", "We revisit Low-Rank Adaptation (LoRA) with a new rank schedule.")
    assert found.get("Low-Rank Adaptation") is True, found
    # the title opening with the known name: the paper is about it
    found = guesses(proposers, "Low-Rank Adaptation of Large Language Models",
                    "We freeze the weights and train Low-Rank Adaptation (LoRA) matrices.")
    assert any(found.get(n) for n in ("Low-Rank Adaptation", "LoRA")), found


def test_roles_a_known_name_describing_the_proposed_one_is_not_proposed(proposers):
    found = guesses(proposers, "Frozen Features for Everything",
                    "We present Zorbat, a family of self-supervised BERT models whose frozen features transfer.")
    assert found.get("Zorbat") is True and found.get("BERT") is False, found
    # a name the gazetteer does not know, in the same place, may still be the paper's own
    found = guesses(proposers, "Frozen Features for Everything",
                    "We present Zorbat, a family of self-supervised QuillNet models whose frozen features transfer.")
    assert found.get("QuillNet") is True, found


def test_patterns_what_authors_curate_is_a_dataset():
    text = ("Data matters: we curate QXW-90M, 90 million web images. Others collected Trilo5K. "
            "We collect ImageNet images. We curate X.")
    found = {c.text: c for c in cue_candidates(text, split_sentences(text))}
    assert set(found) == {"QXW-90M", "Trilo5K"}, found
    assert found["QXW-90M"].proposed and not found["Trilo5K"].proposed
    assert all(c.votes.get("Dataset", 0) > 0 for c in found.values())


def _plain_cues(text: str) -> dict[str, tuple[bool, dict[str, float]]]:
    return {c.text: (c.proposed, dict(c.votes)) for c in cue_candidates(text, split_sentences(text))}


@pytest.mark.parametrize(("text", "name", "type_"), [
    ("We train Zorbix, a 7-billion-parameter language model, to study scaling.", "Zorbix", "Model"),
    ("This paper describes Halvane, a router that learns queueing policies.", "Halvane", "Method"),
    ("We describe Corvex, a self-supervised graph encoder.", "Corvex", "Model"),
    ("Quillnet is a detector that we developed for small objects.", "Quillnet", "Model"),
    ("Experiments show that Strathmoor, the attention kernel we implement in Triton, is fast.", "Strathmoor",
     "Method"),
    ("We pretrain Tamsel on 50k hours of unlabelled speech and fine-tune it.", "Tamsel", "Model"),
    ("We collect Marlowe, 12k questions over spreadsheets, and evaluate ten models on it.", "Marlowe", "Dataset"),
])
def test_patterns_a_coined_plain_word_the_authors_make_is_proposed_and_typed_by_its_kind(text, name, type_):
    found = _plain_cues(text)
    assert name in found, found
    proposed, votes = found[name]
    assert proposed and max(votes, key=votes.get) == type_, found


@pytest.mark.parametrize("text", [
    "We propose Quorvel. Quorvel is fast.",
    "In this paper we introduce Quorvel for long documents.",
    "This paper presents Quorvel, which retrieves passages.",
    "We propose Quorvel to detect small objects.",
])
def test_patterns_a_plain_word_the_authors_propose_with_nothing_after_it_is_proposed(text):
    found = _plain_cues(text)
    assert found.get("Quorvel", (False,))[0] is True, found
    assert found["Quorvel"][1] == {}, found  # no kind said: the decision types it


@pytest.mark.parametrize("text", [
    "We propose Gaussian mixtures for detection.",
    "We present Bayesian inference for detection.",
    "We propose English to the committee as the working language.",
    "They propose Quorvel.",
])
def test_patterns_a_proposal_verb_before_a_capitalised_modifier_or_others_word_names_nothing(text):
    assert not _plain_cues(text)


def test_patterns_a_sentence_opening_with_a_learned_plain_named_artifact_names_it_unclaimed():
    found = _plain_cues("With Pellvane, a policy learned from human videos, a robot arm folds towels.")
    assert found.get("Pellvane") == (False, {"Method": 2.0}), found
    # a tool someone built, and no artifact at all, are no such opening
    assert not _plain_cues("Using Sparkle, a system built for batch jobs, we join tables.")
    assert not _plain_cues("With Python, a language designed for scripting, we glue code.")


def test_patterns_our_kind_apposed_reaches_the_kinds_of_built_things():
    found = {c.text: (c.start, c.proposed) for c in cue_candidates(
        "Our retriever, Brindlex, indexes one billion passages.", [(0, 54)])}
    assert found == {"Brindlex": (15, True)}, found
    assert not list(cue_candidates("Our method, however, is fast.", [(0, 29)]))


@pytest.mark.parametrize("text", [
    "We describe Paris, a city we visited, and London.",
    "English, the language we study, has little morphology.",
    "We study English, a language with rich data.",
    "Adam, the optimizer we train with, is robust.",
    "Whisper is a speech model that we evaluate.",
    "We fine-tune Quorbit, a strong language model, on math.",
    "This is a simple method that we propose. There is a model we train on text.",
    "Others collect Redwyn, 2M posts from 2020.",
])
def test_patterns_a_plain_capitalised_word_without_an_authors_cue_is_no_name(text):
    assert not _plain_cues(text)


def test_patterns_a_plain_name_the_gazetteer_knows_is_not_brought_in_by_a_weak_cue(proposers):
    # "train" with an appositive proposes a coined word; a known one stays someone else's
    found = guesses(proposers, "Small Models", "We train Llama, a 7B language model, on code.")
    assert found.get("Llama") is False, found
    found = guesses(proposers, "Small Models", "We train Zorbix, a 7B language model, on code.")
    assert found.get("Zorbix") is True, found


def _feature_names(title: str, text: str, name: str, *, gaz=None) -> set[str]:
    body = f"{title}\n\n{text}"
    at = body.index(name, len(title)) if name in body[len(title):] else body.index(name)
    cand = Candidate(at, at + len(name), name, "shape", sentence=1 if at > len(title) else 0)
    return set(entity_features(body, len(title), [cand], [0], "Model", False, gaz=gaz))


def test_features_tell_what_a_paper_builds_on_from_what_it_introduces():
    gaz = load_gazetteer(GAZ)
    # the authors own the name in what follows it
    assert "ours_after" in _feature_names("Cheap Tuning", "We release Velmora, our best model family.", "Velmora")
    assert "ours_after" in _feature_names("Cheap Tuning", "We train a router, which we call Velmora.", "router")
    assert "ours_after" not in _feature_names("Cheap Tuning", "We compare with Velmora, a baseline.", "Velmora")
    # the connective before a phrase of the title
    assert "title_after=with" in _feature_names("Winning at Chess with deep networks and tree pruning",
                                                "We play chess.", "tree pruning")
    # a variant of a known name the title does not name, only with the gazetteer
    assert "known_family" in _feature_names("Momentum Encoders", "We train on GLUE-2M.", "GLUE-2M", gaz=gaz)
    assert "known_family" not in _feature_names("Momentum Encoders", "We train on GLUE-2M.", "GLUE-2M")
    assert "known_family" not in _feature_names("Llama 3: Open Models", "We release Llama 3-8B.", "Llama 3-8B",
                                                gaz=gaz)


def test_features_owned_by_authors_needs_their_verb_and_a_definition_or_our():
    from graphbuild.nlp.features import owned_by_authors

    title = "Frugal Tuning"

    def owned(text: str, name: str, source: str = "shape", proposed: bool = True) -> bool:
        body = f"{title}\n\n{text}"
        at = body.index(name, len(title))
        cand = Candidate(at, at + len(name), name, source, sentence=1, proposed=proposed)
        return owned_by_authors(body, len(title), [cand], [0])

    assert owned("We tune 900 models and release Velmora, our best model family.", "Velmora")
    assert owned("We propose deep braided networks (BraidNet) for images.", "braided networks", "abbrev-long")
    # no definition and no "our": the learned decision weighs it
    assert not owned("We release Velmora, a model family.", "Velmora")
    # not right after the authors' verb, or not guessed proposed by the rules
    assert not owned("We tune Velmora, our best model family.", "Velmora")
    assert not owned("We release Velmora, our best model family.", "Velmora", proposed=False)
    assert not owned("They propose deep braided networks (BraidNet).", "braided networks", "abbrev-long")


def test_cues_a_name_presented_before_a_colon_and_a_new_kind_set_off_by_commas(proposers):
    found = guesses(proposers, "A Plain Recipe for Contrastive Pretraining",
                    "This paper presents Quolla: a plain recipe for contrastive pretraining of image encoders. "
                    "We also introduce a new benchmark, Wombench, for counting small objects.")
    assert found.get("Quolla") is True and found.get("Wombench") is True, found
    # a kind that is not new, or not the authors', sets off no name of theirs
    found = guesses(proposers, "Counting Small Objects",
                    "We use a standard benchmark, Platybench, for counting small objects.")
    assert not found.get("Platybench"), found
def test_features_the_words_around_a_first_mention_tell_use_from_introduction():
    title = "Sharper Lenses"
    # the function word before the first mention in the abstract (an article between is skipped)
    names = _feature_names(title, "We fine-tune on the Plumbix corpus. Plumbix helps.", "Plumbix")
    assert {"first_after=on", "first_article", "first_head=Dataset"} <= names, names
    names = _feature_names(title, "The decoder is adapted from Quarnet and trained end to end.", "Quarnet")
    assert "first_after=from" in names and "first_article" not in names, names
    # a verb of the authors before it is no function word; a head noun of no type still shows
    names = _feature_names(title, "We introduce Quarnet achieving gains.", "Quarnet")
    assert not any(n.startswith("first_after=") for n in names) and "first_head=none" in names, names
    # a capitalised word after the name, or a comma, is no head noun
    names = _feature_names(title, "We compare with Quarnet, Blip and Zorb.", "Quarnet")
    assert "first_after=with" in names and not any(n.startswith("first_head=") for n in names), names


def test_features_other_claimed_marks_the_uncued_names_beside_a_claimed_one():
    from graphbuild.nlp.features import with_other_claimed

    rows = with_other_claimed([{"bias": 1, "rule_proposed": 1}, {"bias": 1, "once_late": 1}, {"bias": 1}])
    assert ["other_claimed" in r for r in rows] == [False, True, True]
    # no entity of the paper claimed: nothing to tell the others from
    rows = with_other_claimed([{"bias": 1}, {"bias": 1, "once_late": 1}])
    assert not any("other_claimed" in r for r in rows)
    # (the feature is given in training as in the decision)
    assert "with_other_claimed" in Path(__file__).parent.parent.joinpath("graphbuild/nlp/train.py").read_text()


def test_decide_the_version_a_title_name_improves_on_is_not_proposed():
    from types import SimpleNamespace

    from graphbuild.nlp.decide import _without_title_bases
    from graphbuild.nlp.doc_context import DocContext

    title = "Quillmix++: Pooled Memory for Long Video"
    text = f"{title}\n\nWe introduce Quillmix++, an extension of Quillmix with pooled memory, and test it on Blip."
    cands = [Candidate(0, 10, "Quillmix++", "title"), Candidate(text.index("Quillmix "), text.index("Quillmix ") + 8,
                                                               "Quillmix", "shape", sentence=1)]
    chosen = SimpleNamespace(prepared=SimpleNamespace(context=DocContext(text, [(0, len(title))], len(title)),
                                                      cands=cands),
                             kept_groups=[([0], "Model", [0]), ([1], "Model", [1])],
                             rows=[{"title_head": 1}, {"title_base": 1}])
    assert _without_title_bases(chosen, [True, True]) == [True, False]
    # the title's own name not proposed: nothing tells the earlier version from a new one
    assert _without_title_bases(chosen, [False, True]) == [False, True]
    # no earlier version named
    chosen.rows[1] = {}
    assert _without_title_bases(chosen, [True, True]) == [True, True]


def test_decide_the_name_a_title_name_extends_is_not_proposed_unless_named_as_the_authors():
    from types import SimpleNamespace

    from graphbuild.nlp.decide import _without_title_bases
    from graphbuild.nlp.doc_context import DocContext

    title = "Quillmix-Adapter: Cheap Tuning of Quillmix"
    text = f"{title}\n\nWe introduce Quillmix-Adapter, which tunes Quillmix cheaply."
    cands = [Candidate(0, 16, "Quillmix-Adapter", "title"), Candidate(0, 8, "Quillmix", "gazetteer")]
    chosen = SimpleNamespace(prepared=SimpleNamespace(context=DocContext(text, [(0, len(title))], len(title)),
                                                      cands=cands),
                             kept_groups=[([0], "Method", [0]), ([1], "Model", [1])], rows=[{}, {}])
    assert _without_title_bases(chosen, [True, True]) == [True, False]
    cands[1].named = True  # "… a base model we call Quillmix": the authors' own after all
    assert _without_title_bases(chosen, [True, True]) == [True, True]
    # a word that only begins the title's name ("Quill" of "Quillmix-Adapter") is no part of it
    cands[1] = Candidate(0, 5, "Quill", "shape")
    assert _without_title_bases(chosen, [True, True]) == [True, True]


def test_decide_a_name_only_compared_with_is_not_proposed():
    from graphbuild.nlp.decide import _only_compared

    title = "Quick Readers"
    text = f"{title}\n\nWe propose Zorbo. Zorbo outperforms Quarnet on two tasks."
    zorbo = Candidate(text.index("Zorbo"), text.index("Zorbo") + 5, "Zorbo", "cue", sentence=1, proposed=True)
    quarnet = Candidate(text.index("Quarnet"), text.index("Quarnet") + 7, "Quarnet", "shape", sentence=2,
                        role="compares_with")
    assert _only_compared([zorbo, quarnet], [1], len(title))
    assert not _only_compared([zorbo, quarnet], [0], len(title))
    # named in the title too, or guessed proposed by a rule somewhere: the learned decision weighs it
    quarnet.proposed = True
    assert not _only_compared([zorbo, quarnet], [1], len(title))


def test_decide_a_name_given_first_as_other_work_is_not_proposed_unless_claimed():
    from types import SimpleNamespace

    from graphbuild.nlp.decide import _without_prior_work
    from graphbuild.nlp.doc_context import DocContext

    title = "Quick Readers"
    text = f"{title}\n\nEarlier readers such as Quarnet read one way; its predecessor Blipnet too. We propose Zorbo."
    cands = [Candidate(text.index(n), text.index(n) + len(n), n, "shape", sentence=1)
             for n in ("Quarnet", "Blipnet", "Zorbo")]
    chosen = SimpleNamespace(prepared=SimpleNamespace(context=DocContext(text, [(0, len(title))], len(title)),
                                                      cands=cands),
                             kept_groups=[([0], "Model", [0]), ([1], "Model", [1]), ([2], "Model", [2])],
                             rows=[{"example_of": 1}, {"predecessor_before": 1}, {}])
    assert _without_prior_work(chosen, [True, True, True]) == [False, False, True]
    cands[0].proposed = True  # a rule's proposal elsewhere: the learned decision stands
    assert _without_prior_work(chosen, [True, True, True]) == [True, False, True]


def test_roles_a_subject_the_authors_say_they_made_is_proposed_in_any_tense(proposers):
    # "is a … we developed / trained / proposed", not only the bare verb ("we train")
    for verb in ("developed", "trained", "proposed"):
        found = guesses(proposers, "Small Objects", f"ZorbNet is a compact detector that we {verb} for drones.")
        assert found.get("ZorbNet") is True, (verb, found)
    found = guesses(proposers, "Small Objects", "ZorbNet is a compact detector that we evaluated on drones.")
    assert found.get("ZorbNet") is False, found


@pytest.fixture(scope="module")
def full():
    return make_pipeline(gazetteer_path=GAZ)


def extracted(nlp, title: str, text: str) -> dict[str, tuple[str, bool]]:
    """The type and proposed mark of every entity the full pipeline keeps, by name."""
    from graphbuild.nlp.pipeline import extract_text

    return {e.name: (e.type, e.proposed) for e in extract_text(text, nlp, title=title).entities}


def test_roles_a_name_the_authors_make_as_a_kind_and_name_is_proposed(proposers):
    """The authors make a thing of a kind and name it right after, in apposition or by a naming participle:
    "by training a compute-matched model, X, that …", "we build a compact model called X"."""
    found = guesses(proposers, "Compute-Matched Decoders",
                    "We test this idea by training a compute-matched decoder model, Velmorak, that uses the same "
                    "budget as earlier work but four times more tokens.")
    assert found.get("Velmorak") is True, found
    found = guesses(proposers, "Compact Retrieval",
                    "Dense retrievers are costly. We then build a compact bi-encoder model called Trellox that "
                    "indexes a billion passages on one GPU.")
    assert found.get("Trellox") is True, found
    # a kind someone else made, a claim that is not the authors': none
    for title, text in (("Mixing Augmentations", "We train a standard baseline model, Quarnet, which we compare "
                         "with ours."),
                        ("Bigger Readers", "Earlier work improved recall by training a larger model, Quarnet, that "
                         "reads more.")):
        found = guesses(proposers, title, text)
        assert found.get("Quarnet") is False, (text, found)
    # the rule reads the whole name, not the first word of a longer one
    from graphbuild.nlp.roles import _made_kind_named

    text = "We present a replication scheme, Home Region Replication, in which each partition has a home."
    for name, whole in (("Home", False), ("Home Region", False), ("Home Region Replication", True)):
        c = Candidate(0, len(name), name, "caprun")
        c.start, c.end = text.index(name), text.index(name) + len(name)
        assert _made_kind_named(text, c, text[:c.start]) is whole, name


def test_decide_a_known_name_the_authors_make_as_a_kind_and_name_is_proposed(full):
    """The paper that introduced a name the gazetteer now knows: "by training a compute-optimal model, Llama,
    that …" marks it proposed; the same known name trained, fine-tuned or used as a baseline is not."""
    from graphbuild.nlp.decide import _made_and_named
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.roles import made_and_named

    title = "Training Compute-Matched Language Models"
    text = ("We study how to split a compute budget between parameters and data. We test this by training a "
            "compute-matched language model, Llama, that uses the budget of GPT-3 but four times more data. "
            "Llama outperforms GPT-3 on most of the tasks we evaluate.")
    got = extracted(full, title, text)
    assert got.get("Llama", ("", False))[1] is True and got.get("GPT-3", ("", True))[1] is False, got
    body = f"{title}\n\n{text}"
    at = body.index("Llama")
    llama = Candidate(at, at + 5, "Llama", "gazetteer", sentence=2, key="llama")
    sents = [(0, len(title)), (len(title) + 2, body.index("We test")), (body.index("We test"), body.index("Llama o"))]
    assert made_and_named(body, sents, llama)
    assert _made_and_named(DocContext(body, sents, len(title)), [llama], [0])
    for text in ("We train Llama on GLUE with four learning rates and report the accuracy of each run.",
                 # (named before, as others' work: not where the paper introduces it)
                 "We compare with Llama. We then train a small language model, Llama, that uses rotary embeddings.",
                 "We fine-tune a pretrained language model, BERT, on GLUE and compare it with Llama.",
                 "We train a standard baseline model, BERT, which we compare with our pruned models on GLUE."):
        got = extracted(full, "Pruning Language Models", text)
        assert not any(proposed for _, proposed in got.values()), (text, got)


def test_features_a_collection_is_typed_by_the_kind_of_its_members():
    """"X, a collection of language models" is a model (a family), "X, a family of datasets" data, "X, a suite of
    benchmarks" data; a collection of other things ("papers") keeps the collection's own type, data."""
    from graphbuild.nlp.features import defined_type

    title = "Open Models"
    for appositive, type_ in ((", a collection of open scientific language models ranging from 1B to 30B", "Model"),
                              (", a family of datasets for speech recognition in forty languages", "Dataset"),
                              (", a suite of benchmarks for tabular question answering", "Dataset"),
                              (", a series of code models for hardware description", "Model"),
                              (", a collection of papers annotated with their methods", "Dataset"),
                              (", a family of lightweight, open models", "Model")):
        text = f"{title}\n\nWe introduce Pelicaro{appositive}."
        c = Candidate(text.index("Pelicaro"), text.index("Pelicaro") + 8, "Pelicaro", "capword", sentence=1)
        assert defined_type(text, len(title), c) == type_, appositive
    for title, type_ in (("Pelicaro: A Suite of Open Code Models for Verilog", "Model"),
                         ("Pelicaro: A Family of Speech Datasets", "Dataset"),
                         ("Pelicaro: A Collection of Annotated Papers", "Dataset")):
        c = Candidate(0, 8, "Pelicaro", "title")
        assert defined_type(title, len(title), c) == type_, title


def test_decide_a_named_collection_of_models_is_a_model(full):
    got = extracted(full, "Open Foundation Models for Science",
                    "We introduce Pelicaro, a collection of open scientific language models ranging from 1B to 30B "
                    "parameters. Pelicaro-7B outperforms larger general models on chemistry benchmarks.")
    assert got.get("Pelicaro") == ("Model", True), got


def test_features_the_kind_named_before_a_name_the_authors_give_types_it():
    """"a compact bi-encoder model called X" and "we design a new scheduling algorithm, X" type X by the kind
    before it; a phrase set before the sentence's subject ("Across a set of traces, X improves …") or a relative
    kind ("propose a variant, X") does not."""
    from graphbuild.nlp.features import defined_type

    title = "Fast Systems"
    for sentence, type_ in (("We then build a compact bi-encoder model called Trellox that indexes passages.", "Model"),
                            ("We design a new scheduling algorithm, Trellox, that packs jobs.", "Method"),
                            ("Across a set of 5G traces, Trellox improves the QoE by 9%.", None),
                            ("We study folding and propose a variant, Trellox, that places a prior.", None)):
        text = f"{title}\n\n{sentence}"
        c = Candidate(text.index("Trellox"), text.index("Trellox") + 7, "Trellox", "capword", sentence=1)
        assert defined_type(text, len(title), c) == type_, sentence


def test_features_a_learned_component_named_by_its_kind_is_typed_by_it():
    """The kind of a component the authors name in other turns than "a model called X": an agent noun before a
    naming participle or an authors' clause ("The router, termed X", "a compact enhancer we name X", "The
    compressor, which we refer to as X") is a model's kind; a definite kind opening the sentence or the authors'
    own before a comma or a dash ("The resulting controller, X", "our codec—X"), and the thing the sentence made
    where the authors "call the result X", give theirs. Not a kind put after a phrase the sentence opens with
    ("On the held-out set, X …"), nor an agent noun of no learned thing ("an algorithm, X")."""
    from graphbuild.nlp.features import defined_type

    title = "Fast Systems"
    for sentence, type_ in (("We train a classifier. The router, termed Trellox, sends the rest to GPT-4o.", "Model"),
                            ("We add state-space layers, yielding a compact enhancer we name Trellox.", "Model"),
                            ("The compressor, which we refer to as Trellox, halves prompts.", "Model"),
                            ("We pool frames. The resulting controller, Trellox, walks.", "Model"),
                            ("At low bitrates, our codec—Trellox—beats HiFiC.", "Model"),
                            ("We distil it into a one-step consistency model and call the result Trellox.", "Model"),
                            ("We merge six sources into a multilingual corpus and call the result Trellox.", "Dataset"),
                            ("We derive a solver. The sampler, termed Trellox, needs ten steps.", "Method"),
                            ("On the held-out set, Trellox improves accuracy.", None),
                            ("We design a recognition algorithm, which we call Trellox.", "Method")):
        text = f"{title}\n\n{sentence}"
        c = Candidate(text.index("Trellox"), text.index("Trellox") + 7, "Trellox", "capword", sentence=1)
        assert defined_type(text, len(title), c) == type_, sentence


def test_decide_a_name_said_to_be_trained_or_sized_is_a_model():
    """What only a model is said to be or do after a name ("X is trained on …", "X is a 700M-parameter …", "X runs
    at 30 FPS", "X has 600M parameters", "X is released in two sizes") makes a name the type model calls a method a
    model (:func:`~graphbuild.nlp.decide._predicated_type`); "X fine-tunes Llama-2-70B", said of a method of
    tuning as well, does not, nor a name the gazetteer knows, nor one the type model calls a data set."""
    from graphbuild.nlp.decide import _predicated_type
    from graphbuild.nlp.doc_context import DocContext

    title = "Fast Systems"

    def typed(sentence: str, type_: str = "Method", entry: object = None) -> str | None:
        text = f"{title}\n\nWe study speed. {sentence}"
        at = text.rindex("Trellox")
        c = Candidate(at, at + 7, "Trellox", "capword", sentence=2)
        return _predicated_type(DocContext(text, [(0, len(title)), (len(title) + 2, len(text))], len(title)),
                                [c], [0], [entry], type_)

    for sentence in ("Trellox is trained on 40 crop genomes.", "Trellox is a 700M-parameter network.",
                     "On one GPU, Trellox runs at 30 FPS.", "Trellox has 600M parameters.",
                     "Trellox is released in two sizes, Trellox-S and Trellox-L."):
        assert typed(sentence) == "Model", sentence
    assert typed("Trellox fine-tunes Llama-2-70B on one GPU.") is None
    assert typed("Trellox improves speed; Trellox is trained on 40 genomes.", "Dataset") is None
    assert typed("Trellox is trained on 40 crop genomes.", entry=object()) is None


def test_decide_a_name_the_authors_present_at_the_opening_is_kept_though_written_once():
    """"This work presents X, reducing …" in the abstract's first two sentences keeps X from a low score
    (PRESENTED_FLOOR) when the rules found it proposed; not a phrase with a lower-case word ("Gaussian priors"),
    not a name a noun follows ("Monte Carlo estimates"), not past the second sentence."""
    import numpy as np

    from graphbuild.nlp.decide import PRESENTED_FLOOR, _with_presented_names
    from graphbuild.nlp.doc_context import DocContext

    title = "Cold Starts"

    def kept(abstract: str, name: str, prob: float = 0.1) -> bool:
        text = f"{title}\n\n{abstract}"
        starts = [len(title) + 2] + [m + 2 for m in range(len(text)) if text.startswith(". ", m)]
        sents = [(0, len(title))] + [(s, e) for s, e in zip(starts, starts[1:] + [len(text)])]
        at = text.index(name)
        sentence = max(k for k, (s, _) in enumerate(sents) if s <= at)
        c = Candidate(at, at + len(name), name, "capword", sentence=sentence, proposed=True)
        return _with_presented_names(DocContext(text, sents, len(title)), [c], [0], [], np.array([prob])) == [0]

    assert kept("This work presents Quorvex, reducing cold starts by 40%.", "Quorvex")
    assert kept("Cold starts hurt. This paper proposes Quorvex to reduce them.", "Quorvex")
    assert not kept("This work presents Quorvex, reducing cold starts by 40%.", "Quorvex", PRESENTED_FLOOR / 2)
    assert not kept("We introduce Gaussian priors to regularize sparse regression.", "Gaussian priors")
    assert not kept("We present Monte Carlo estimates of drift.", "Monte Carlo")
    assert not kept("Cold starts hurt. Warm pools cost memory. We propose Quorvex to reduce them.", "Quorvex")
    # a name the authors give to a thing of a kind they make, anywhere: "a large corpus called X from …"
    assert kept("Cold starts hurt. Warm pools cost memory. We construct a large trace corpus called Wordhoard "
                "from production logs.", "Wordhoard")
    assert not kept("Cold starts hurt. Warm pools cost memory. We use a large trace corpus called Wordhoard "
                    "from production logs.", "Wordhoard")


def test_features_a_plain_word_coined_as_a_name_and_written_again():
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import _coined_plain

    def coined(abstract: str, name: str, **kw: object) -> bool:
        title = "Sparse Retrieval at Scale"
        text = f"{title}\n\n{abstract}"
        at = text.index(name)
        sents = [(0, len(title)), (len(title) + 2, len(text))]
        return _coined_plain(DocContext(text, sents, len(title)), Candidate(at, at + len(name), name, "capword", **kw))

    # an appositive after a kind of artifact brings it in; it is capitalised inside sentences twice
    assert coined("We curate a benchmark, Pinecrest, of hard problems. Models fail on Pinecrest, and Pinecrest "
                  "stays unsolved.", "Pinecrest")
    # a cue brings it in ("named"): the candidate says so
    assert coined("We train a weather model named Drizzle at high resolution. With Drizzle, storms are sharper "
                  "and Drizzle is fast.", "Drizzle", named=True)
    # written once inside a sentence (the other opens one): its capital may be the sentence's
    assert not coined("We curate a benchmark, Pinecrest, of hard problems. Pinecrest stays unsolved.", "Pinecrest")
    # written in lower case too: an ordinary word
    assert not coined("We curate a benchmark, Summit, of hard problems. Models fail on Summit, and Summit stays "
                      "unsolved at the summit of difficulty.", "Summit")
    # no cue, no appositive: a place or a person written so
    assert not coined("We record traffic in Lisbon for two years. Sensors in Lisbon log speed.", "Lisbon")
    assert not coined("We follow the protocol of Smith closely. As Smith noted, it diverges.", "Smith")


def test_decide_keeps_a_plain_word_coined_as_a_name():
    from graphbuild.nlp.pipeline import extract_text

    def names(abstract: str) -> dict[str, str]:
        return {e.name: e.type for e in extract_text(abstract).entities}

    assert "Brackenfold" in names("Proof search lacks hard tests. We curate a benchmark, Brackenfold, of olympiad "
                                  "problems. The best model solves 20% of Brackenfold; Brackenfold remains open.")
    assert "Tadpole" in names("Video models are costly. We distil a compact video encoder, Tadpole, from a large "
                              "teacher. Tadpole runs on phones, and Tadpole keeps most of the accuracy.")
    got = names("We study logs from Acme, a logistics company. Engineers at Acme label failures, and Acme deploys "
                "our detector. Analysts use Excel for forecasts, and formulas in Excel contain errors.")
    assert not {"Acme", "Excel"} & got.keys()


@pytest.mark.parametrize("abstract, name, type_", [
    ("Riddle sets are small. We curate a benchmark, Wordmoot, of 3,000 riddles written by setters. Models solve "
     "fewer than half.", "Wordmoot", "Dataset"),
    ("Speech data for dialects are scarce. We release a dataset, Talkwell, that pairs audio with transcripts. "
     "Baselines improve on it.", "Talkwell", "Dataset"),
    ("Design models need a test bed. We assemble a benchmark, Foldmere, of 300 targets. Few methods succeed.",
     "Foldmere", "Dataset"),
    ("Audio reasoning is new. This paper introduces a benchmark, Earwick, for questions over sounds. Models rely "
     "on captions.", "Earwick", "Dataset"),
])
def test_decide_what_the_authors_make_of_a_bare_kind_and_name_after_a_comma_is_proposed(abstract, name, type_):
    from graphbuild.nlp.pipeline import extract_text

    got = {e.name: e for e in extract_text(abstract, title="Measuring What Matters").entities}
    assert name in got and got[name].type == type_ and got[name].proposed, got


def test_roles_a_list_after_a_kind_is_no_name_the_authors_give():
    from graphbuild.nlp.pipeline import extract_text

    got = {e.name for e in extract_text("Map data age quickly. We curate a benchmark, Paris, London and Berlin, "
                                        "with street-level changes. Models fail.", title="Measuring Maps").entities}
    assert not {"Paris", "London", "Berlin"} & got, got


def test_features_beside_claimed_marks_an_uncued_name_in_a_sentence_of_the_paper_s_own():
    """What the paper's own thing runs on or is set against shares its sentence ("In simulation with QuobSim,
    Tarnhelm detects …"): ``beside_claimed`` says on which side of the claimed mention it stands."""
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import with_other_claimed

    title = "Tarnhelm: Lease-Based Membership"
    text = (f"{title}\n\nWe present Tarnhelm, a membership protocol. In simulation with QuobSim, Tarnhelm detects "
            "failures faster than ZetaDB. We thank VenDAL.")
    starts = [text.index(s) for s in ("We present", "In simulation", "We thank")]
    sentence = {name: sum(at >= s for s in starts) for name, at in
                (("QuobSim", text.index("QuobSim")), ("ZetaDB", text.index("ZetaDB")),
                 ("VenDAL", text.index("VenDAL")))}

    def cand(name: str, at: int, sent: int) -> Candidate:
        return Candidate(at, at + len(name), name, "shape", sentence=sent)

    cands = [cand("Tarnhelm", 0, 0), cand("Tarnhelm", text.index("Tarnhelm, a"), 1),
             cand("Tarnhelm", text.index("Tarnhelm detects"), 2),
             *(cand(n, text.index(n), s) for n, s in sentence.items())]
    groups = [[0, 1, 2], [3], [4], [5]]
    context = DocContext(text, [(0, len(title)), *zip(starts, [*starts[1:], len(text)])], len(title))
    rows = with_other_claimed([{"title_start": 1}, {}, {}, {}], cands, groups, context)
    assert "beside_claimed=before" in rows[1] and "beside_claimed=after" in rows[2], rows
    assert "other_claimed" in rows[3] and not any(k.startswith("beside") for k in rows[3]), rows
    assert not any(k.startswith(("beside", "other")) for k in rows[0]), rows
    # without the document, only ``other_claimed``
    rows = with_other_claimed([{"title_start": 1}, {}])
    assert rows[1] == {"other_claimed": 1}, rows


@pytest.mark.parametrize("text, name, listed", [
    ("We apply Trimark to PlovGen, SarVex and DoreMesh-2.", "SarVex", True),
    ("We apply Trimark to PlovGen, SarVex and DoreMesh-2.", "PlovGen", True),
    ("Crashloom found bugs in ZetaFS, QuarFS, BramFS and YelFS.", "YelFS", True),
    ("We compare with QuarNet and BlipNet.", "QuarNet", False),  # two names: a pair, not a line-up
    ("We propose Trimark, a watermark.", "Trimark", False),
])
def test_features_a_name_first_named_in_a_list_of_three_or_more(text, name, listed):
    """A name first written among three or more listed together is one of the systems measured, not the
    paper's own (whose name the paper gives alone)."""
    assert ("name_list" in _feature_names("Watermarking 3D Generators", text, name)) is listed


@pytest.mark.parametrize("text, name, used", [
    ("Simulations use WavoRIN for propagation and GrendaX for instrument response.", "WavoRIN", True),
    ("Adsorption energies are computed with QuantELO on 64 cores.", "QuantELO", True),
    ("Implemented in KorvaDB and evaluated on three workloads, the checker finds anomalies.", "KorvaDB", True),
    ("In simulation with QuobSim, the protocol detects failures faster.", "QuobSim", True),
    ("We perform reference retrievals with the RadTRIX code.", "RadTRIX", True),
    ("We use the BRELLIC-5 reanalysis for weather inputs.", "BRELLIC-5", True),
    ("We propose WavoRIN, a propagation code.", "WavoRIN", False),
    ("We use our WavoRIN code to propagate waves.", "WavoRIN", False),  # the authors' own
])
def test_features_a_tool_the_work_runs_with_is_not_brought_in(text, name, used):
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import trained_on

    title = "Noise-Robust Seismic Picking"
    body = f"{title}\n\n{text}"
    at = body.index(name, len(title))
    cand = Candidate(at, at + len(name), name, "shape", sentence=1)
    context = DocContext(body, [(0, len(title)), (len(title) + 2, len(body))], len(title))
    assert trained_on(context, [cand], [0]) is used
    cand.proposed = True  # a rule's proposal: not ruled out
    assert not trained_on(context, [cand], [0])


def test_roles_what_the_authors_build_on_is_no_proposal(proposers):
    for text in ("We build on ByteBPE, which we adopt as our base tokenizer, and propose FastTok, a merge-aware "
                 "tokenizer.", "We build upon ByteBPE and propose FastTok, a merge-aware tokenizer."):
        found = guesses(proposers, "Fast Tokenization", text)
        assert found.get("ByteBPE") is False and found.get("FastTok") is True, (text, found)
    # "build" alone still brings a thing in
    found = guesses(proposers, "Fast Tokenization", "We build ByteTok, a merge-aware tokenizer.")
    assert found.get("ByteTok") is True, found


def test_features_a_name_the_paper_extends_or_builds_on_is_its_predecessor():
    title = "Memory for Long Videos"
    for text in ("We extend MemViX with a compressed memory bank.", "This work builds on MemViX and adds memory.",
                 "We build upon the MemViX encoder."):
        assert "predecessor_before" in _feature_names(title, text, "MemViX"), text
    assert "predecessor_before" not in _feature_names(title, "We propose MemViX, a memory model.", "MemViX")


def test_roles_what_the_text_releases_as_a_name_is_proposed(proposers):
    for text, name in (("The synthetic pairs are released as the PurityLadder benchmark.", "PurityLadder"),
                       ("The county-level proportions are released as LexiCounty-200.", "LexiCounty-200"),
                       ("We publish the annotations as DeltaSet-9 for future work.", "DeltaSet-9")):
        found = guesses(proposers, "Calling Variants in Tumours", text)
        assert found.get(name) is True, (text, found)
    found = guesses(proposers, "Calling Variants in Tumours", "We evaluate on the PurityLadder benchmark.")
    assert not found.get("PurityLadder"), found


def test_decide_a_tool_the_paper_runs_with_is_not_proposed(full):
    got = extracted(full, "Noise-Robust Seismic Picking",
                    "We introduce SeisPick, a phase picker trained on synthetic waveforms. Simulations use WavoRIN "
                    "for propagation. On field data, SeisPick halves the false pick rate.")
    assert got.get("SeisPick", ("", False))[1] is True, got
    assert not got.get("WavoRIN", ("", False))[1], got


@pytest.mark.parametrize("text", [
    "Methods: We developed Velmaro, a gradient-boosted classifier over note embeddings.",
    "In this paper we proposed Velmaro, a lightweight convolutional network for wheat rust.",
    "We presented Velmaro, a pruning method for inverted indexes.",
    "We introduced Velmaro for long documents.",
])
def test_patterns_a_name_we_brought_in_past_tense_is_proposed(text):
    # structured abstracts ("Methods: We developed X, a ...") and non-native English ("we proposed X") tell
    # what the authors made in the past tense
    found = _plain_cues(text)
    assert found.get("Velmaro", (False,))[0] is True, found


@pytest.mark.parametrize("text", [
    "Earlier work developed Velmaro, a convolutional network trained on many cohorts.",
    "Prior research proposed Velmaro, a learned optimizer meta-trained on small tasks.",
    "The original authors introduced Velmaro, a structure predictor.",
])
def test_patterns_a_name_others_brought_in_past_tense_is_not_proposed(text):
    assert not _plain_cues(text).get("Velmaro", (False,))[0]


def test_roles_a_proposal_verb_in_the_past_tense_speaks_for_the_authors_only_after_we():
    from graphbuild.nlp.roles import _PROPOSE

    assert _PROPOSE.search("Methods: We developed the Orvane benchmark")
    assert _PROPOSE.search("in this work we also curated a corpus")
    assert not _PROPOSE.search("Prior work proposed the Orvane benchmark")
    assert not _PROPOSE.search("the paper designed a corpus")
    assert not _PROPOSE.search("we proposed to use a corpus")


def test_decide_a_known_method_the_title_leads_with_and_the_abstract_applies_is_not_proposed(full):
    # the paper uses the known method its title names first ("We apply X to …"), it does not propose it
    for text in ("We apply low-rank adaptation to a clinical summariser and cut memory by half.",
                 "We evaluate low-rank adaptation on discharge notes from two hospitals.",
                 "We use Low-Rank Adaptation with rank 8 on discharge notes."):
        got = extracted(full, "Low-Rank Adaptation for Clinical Note Summarisation", text)
        assert got.get("LoRA", ("", True))[1] is False, (text, got)
    # the paper that brings the known method in still proposes it
    got = extracted(full, "Low-Rank Adaptation of Large Language Models",
                    "We propose Low-Rank Adaptation, or LoRA, which freezes the pretrained weights and injects "
                    "trainable rank decomposition matrices. LoRA matches full fine-tuning.")
    assert got.get("LoRA", ("", False))[1] is True, got
    # and a name it coins beside the applied method stays its own
    got = extracted(full, "Low-Rank Adaptation for Clinical Note Summarisation",
                    "We apply low-rank adaptation and propose Zorvalin, a summariser with a note-aware decoder. "
                    "Zorvalin improves ROUGE by 3 points.")
    assert got.get("Zorvalin", ("", False))[1] is True, got


def test_decide_the_applied_verb_before_a_known_title_name():
    from graphbuild.nlp.decide import _APPLIED_BEFORE

    for before in ("We apply ", "We evaluate the ", "we implement a ", "We apply epsilon-", "We revisit ",
                   "We employ a transductive ", "we employ quantized ", "Using ", "an analysis of the ",
                   "We analyze the "):
        assert _APPLIED_BEFORE.search(before), before
    for before in ("We propose ", "We introduce a ", "The apply ", "We apply it to data and then ",
                   "We employ a novel ", "we use the proposed ", "using ", "We employ a new "):
        assert not _APPLIED_BEFORE.search(before), before


def test_decide_the_verbs_of_study_and_a_counted_kind_before_a_known_title_name():
    from graphbuild.nlp.decide import _APPLIED_BEFORE

    for before in ("We study ", "We train ", "We compare ", "we tested the ", "We benchmark ", "We probe a frozen ",
                   "We ask whether ", "We test if ", "We evaluate three frontier models, ",
                   "We compare 12 open checkpoints, the "):
        assert _APPLIED_BEFORE.search(before), before
    for before in ("We study a new ", "We train our ", "We ask ", "We evaluate three models and ",
                   "We compare it with the proposed "):
        assert not _APPLIED_BEFORE.search(before), before


def test_decide_a_known_title_name_the_abstract_studies_beside_its_own_is_not_proposed(full):
    # the authors study, compare or ask about the known name the title leads with, then release data of their own
    for text in ("We study low-rank adaptation (LoRA) when labels are noisy in three Fenland clinical tasks. Noise "
                 "beyond 30% halves the gain. We release the relabelled notes as FenNotes-R.",
                 "We ask whether low-rank adaptation (LoRA) survives noisy labels in three Fenland clinical tasks. "
                 "Noise beyond 30% halves the gain. We release the relabelled notes as FenNotes-R."):
        got = extracted(full, "Low-Rank Adaptation Under Noisy Fenland Labels", text)
        assert got.get("LoRA", ("", True))[1] is False, (text, got)
        assert got.get("FenNotes-R", ("", False))[1] is True, (text, got)


def test_decide_a_title_family_is_read_by_its_checkpoint_the_abstract_names_first(full):
    from graphbuild.nlp.decide import _first_variant_in_abstract
    from graphbuild.nlp.doc_context import DocContext

    title = "Qwen2 on Fenland Clinical Notes"
    text = f"{title}\n\nWe evaluate Qwen2-7B-Instruct and Qwen2 Math on notes. Qwen2-7B-Instruct wins."
    end = len(title)
    cands = [Candidate(0, 5, "Qwen2", "gazetteer"),
             Candidate(text.index("Qwen2-7B"), text.index("Qwen2-7B") + 17, "Qwen2-7B-Instruct", "gazetteer"),
             Candidate(text.index("Qwen2 Math"), text.index("Qwen2 Math") + 10, "Qwen2 Math", "shape"),
             Candidate(text.rindex("Qwen2"), text.rindex("Qwen2") + 5, "Qwen2", "gazetteer")]
    context = DocContext(text, [(0, end), (end + 2, len(text))], end)
    for c in cands:
        c.sentence = 0 if c.start < end else 1
    got = _first_variant_in_abstract(context, cands, [0])
    assert got is not None and got[0].text == "Qwen2-7B-Instruct" and got[1] == end + 2, got
    # a longer word that merely starts with the name is no variant of it
    cands[1].text = "Qwen2X"
    cands[2].text = "Qwen2Math"
    assert _first_variant_in_abstract(context, cands, [0]) is None


def test_decide_the_source_or_base_a_proposed_model_is_trained_on_is_not_proposed(full):
    got = extracted(full, "Stellar Parameters from Low-Resolution Spectra",
                    "We present Lumora, a transformer trained on spectra from the Orvane Survey and DELTA9, applied "
                    "to photometry from the Kestrel Sky Program. Lumora halves the errors of earlier pipelines.")
    assert got.get("Lumora", ("", False))[1] is True, got
    assert not got.get("DELTA9", ("", False))[1], got
    assert not got.get("Kestrel Sky Program", ("", False))[1], got
    got = extracted(full, "Sarcasm Detection in Code-Mixed Tweets",
                    "We propose SarcMix, fine-tuned BERT with a contrastive loss, and evaluate it on two corpora.")
    assert got.get("SarcMix", ("", False))[1] is True, got
    assert not got.get("BERT", ("", False))[1], got


def test_features_the_source_of_training_pattern():
    from graphbuild.nlp.features import _SOURCE_OF_TRAINING, _TRAINED_ON

    assert _SOURCE_OF_TRAINING.search("a network trained on spectroscopic redshifts from the Orvane Survey and ")
    assert _SOURCE_OF_TRAINING.search("applied to photometry from the ")
    assert not _SOURCE_OF_TRAINING.search("trained on spectra. Results from the ")
    assert _SOURCE_OF_TRAINING.search("We curated 7,200 polymers from ")
    assert _SOURCE_OF_TRAINING.search("and 12k clinical notes from the ")
    assert not _SOURCE_OF_TRAINING.search("a gain of 7% from ")
    assert _TRAINED_ON.search("We propose SarcMix, fine-tuned ")
    assert _TRAINED_ON.search("We adapt ")


def test_decide_a_known_title_method_the_authors_work_with_in_an_abstract_that_proposes_nothing(full):
    # no verb of proposing anywhere, and the authors are the subject of the sentence that first names it
    got = extracted(full, "Low-Rank Adaptation for Clinical Note Summarisation",
                    "We freeze the encoder and insert low-rank adaptation into every attention layer. Memory falls "
                    "by half at equal ROUGE.")
    assert got.get("LoRA", ("", True))[1] is False, got


def test_decide_applied_needs_the_authors_and_no_proposal_verb():
    from graphbuild.nlp.decide import _WE

    assert _WE.search("We freeze the encoder and insert ")
    assert not _WE.search("Wearable sensors record ")


@pytest.mark.parametrize("text", [
    "Low-Rank Adaptation (LoRA) is a popular method for tuning large models cheaply; we study its failure modes "
    "under distribution shift.",
    "Low-rank adaptation lowers the memory of fine-tuning. We measure where it fails on six clinical tasks.",
    "Low-rank adaptation was applied to a clinical summariser, and memory fell by half.",
    "Low-Rank Adaptation (LoRA) modules were trained to summarise discharge notes of two hospitals.",
])
def test_decide_a_known_title_method_defined_at_its_first_mention_or_applied_in_the_passive_is_not_proposed(
        full, text):
    # the abstract opens with what the known method is or does (background), or puts it to work in the passive
    got = extracted(full, "Low-Rank Adaptation Under Distribution Shift", text)
    assert got.get("LoRA", ("", True))[1] is False, (text, got)


def test_decide_the_defining_and_passive_patterns_after_a_known_name():
    from graphbuild.nlp.decide import _DEFINED_AFTER, _PASSIVE_APPLIED

    for after in (" (LoRA) is a popular method", " exchanges messages", "~\\cite{hu2021} fails on",
                  " gives sparse models", " has become standard"):
        assert _DEFINED_AFTER.match(after), after
    for after in (" is proposed here", " (LoRA) is here introduced", " of 2,000 snapshots shows", " focus on",
                  " and Zorb"):
        assert not _DEFINED_AFTER.match(after), after
    for after in (" were trained to map", " (XGB) was used to classify", " was then applied to", " have been fitted"):
        assert _PASSIVE_APPLIED.match(after), after
    for after in (" was proposed by", " is a method", " were compared"):
        assert not _PASSIVE_APPLIED.match(after), after


def _our_subjects(text: str, known: frozenset[tuple[int, int]] = frozenset()) -> dict[str, bool]:
    """Whether some cue candidate of each text is proposed."""
    out: dict[str, bool] = {}
    for c in cue_candidates(text, split_sentences(text), known=known):
        out[c.text] = out.get(c.text, False) or c.proposed
    return out


@pytest.mark.parametrize("text, name", [
    ("Sparse retrievers miss paraphrases. Our Quolvex improves recall by 4 points.", "Quolvex"),
    ("Lane detection must be cheap. The proposed Quolvex-Net runs in real time on a small board.", "Quolvex-Net"),
    ("Docking is slow. Our Quolvex model cuts search time tenfold.", "Quolvex"),
    ("Forecast ensembles are costly. The proposed Quolvex-2 sampler yields calibrated spreads.", "Quolvex-2"),
])
def test_patterns_our_name_as_a_subject_with_no_verb_of_proposing_is_proposed(text, name):
    assert _our_subjects(text).get(name) is True, _our_subjects(text)


@pytest.mark.parametrize("text, name", [
    # a verb of proposing elsewhere brings the authors' names in: no second guess
    ("We propose a retriever. Our Quolvex baseline improves recall.", "Quolvex"),
    ("We introduce a lane detector. Our Quolvex improves recall.", "Quolvex"),
    # a use, not a name of the authors' own
    ("Lane detection must be cheap. Our Quolvex implementation runs in real time.", "Quolvex"),
    ("Lane detection must be cheap. Our Quolvex-based detector runs in real time.", "Quolvex-based"),
    ("Lane detection must be cheap. Our CNN runs in real time.", "CNN"),
])
def test_patterns_our_name_as_a_subject_not_proposed(text, name):
    assert not _our_subjects(text).get(name), _our_subjects(text)


def test_patterns_our_subject_skips_a_known_name_and_its_variants():
    text = "Sentiment is hard. Our BERT-Large model reaches 91% accuracy."
    at = text.index("BERT")
    assert not _our_subjects(text, frozenset({(at, at + 4)})).get("BERT-Large")


def test_decide_a_known_title_method_beside_a_name_the_abstract_coins_is_not_proposed(full):
    # the abstract brings in a name of its own and proposes nothing of the known method its title names
    got = extracted(full, "Low-Rank Adaptation for Clinical Note Summarisation",
                    "Memory is scarce in hospitals. We introduce a sparse variant, Zorvalin-L, that prunes ranks "
                    "and halves memory at equal ROUGE.")
    assert got.get("LoRA", ("", True))[1] is False, got
    assert got.get("Zorvalin-L", ("", False))[1] is True, got
    # where the abstract proposes the known method as well, it stays proposed
    got = extracted(full, "Low-Rank Adaptation of Large Language Models",
                    "We propose Low-Rank Adaptation, or LoRA, which freezes the pretrained weights. We also "
                    "introduce a sparse variant, Zorvalin-L, that prunes ranks.")
    assert got.get("LoRA", ("", False))[1] is True, got


def test_decide_a_title_technique_the_abstract_writes_plainly_beside_a_coined_name_is_not_proposed(full):
    # a technique the gazetteer does not know, led with by the title, applied in lower case by the abstract,
    # which coins a name of its own: the technique is what the paper uses
    title = "Zorbic Hashing for Compressing Sensor Logs"
    got = extracted(full, title, "Sensor logs fill the storage of edge devices. We compress the logs with zorbic "
                    "hashing, splitting each record into eight blocks. We also propose task-aware zorbic hashing "
                    "(TaZH), which learns the blocks with the downstream loss.")
    assert got.get("zorbic hashing", ("", True))[1] is False, got
    assert got.get("task-aware zorbic hashing", ("", False))[1] is True, got
    # brought in as the authors' own ("by proposing a …"), or with no other name coined: stays proposed
    got = extracted(full, title, "Sensor logs fill the storage of edge devices. We keep both views by proposing "
                    "a zorbic hashing scheme, namely ZoHa-2, that splits each record into eight blocks.")
    assert not any(name.lower().startswith("zorbic") and proposed is False for name, (_, proposed) in got.items()), got
    got = extracted(full, title, "Sensor logs fill the storage of edge devices. We propose zorbic hashing, which "
                    "splits each record into eight blocks and loses under one point of anomaly recall.")
    assert got.get("zorbic hashing", ("", False))[1] is True, got


@pytest.mark.parametrize("text, name", [
    ("We plan with a learned model. The resulting agent, Ravelin, reaches the score of its teacher.", "Ravelin"),
    ("We merge patches between stages. The model, Stepwell-9, outperforms earlier MLPs.", "Stepwell-9"),
    ("On two benchmarks the fused detector, Fascine, recovers 87% of occluded faces.", "Fascine"),
    ("With 40 labels, the recipe, named Quillfix, reaches 88% accuracy.", "Quillfix"),
    ("The model, mDenoise-25, gives gains of up to 12 BLEU.", "mDenoise-25"),
])
def test_patterns_a_name_apposed_to_the_kind_just_described_is_proposed(text, name):
    assert _our_subjects(text).get(name) is True, _our_subjects(text)


@pytest.mark.parametrize("text, name", [
    ("We compare Quolvex, Ravelin and Fascine, which are strong.", "Ravelin"),
    ("We fine-tune a strong pretrained model, Quolvex, that reaches 80% alone.", "Quolvex"),
    ("Sentiment is hard. The model, BERT, reaches 91% accuracy.", "BERT"),
])
def test_patterns_a_name_apposed_not_to_the_kind_just_described_is_not_proposed(text, name):
    known = frozenset({(text.index("BERT"), text.index("BERT") + 4)}) if "BERT" in text else frozenset()
    assert not _our_subjects(text, known).get(name), _our_subjects(text, known)


def test_roles_a_sentence_that_opens_with_the_kind_and_the_name_apposed_proposes_it(proposers):
    """The classics name their artifact late, with no verb of proposing: "The network, X, reaches …",
    "This approach, X, trains …", "On Atari the resulting agent, X, …"."""
    found = guesses(proposers, "Pyramid Pooling for Scene Parsing",
                    "We aggregate context at several scales. The network, ScalaNet-50, reaches 80.2 mIoU on "
                    "Cityscapes. This approach, PreHopNet, trains in an hour. On Atari the resulting agent, "
                    "Veq-Go, matches the score of its teacher.")
    assert found.get("ScalaNet-50") is True and found.get("PreHopNet") is True, found
    assert found.get("Veq-Go") is True, found


def test_roles_a_kind_someone_else_made_with_a_name_apposed_is_not_proposed(proposers):
    found = guesses(proposers, "Frozen Features for Detection",
                    "We study detection with frozen features. The backbone, ResNeXt-77, is frozen. The baseline "
                    "model, SegZorb-2, is weaker. The pretrained network, Quillnet-3, is a strong start. The "
                    "teacher, Zorbformer-L, is frozen. The model, BERT, is fine-tuned.")
    for name in ("ResNeXt-77", "SegZorb-2", "Quillnet-3", "Zorbformer-L", "BERT"):
        assert not found.get(name), (name, found)


def test_roles_subject_kind_apposed_shape():
    from graphbuild.nlp.roles import _subject_kind_apposed

    assert _subject_kind_apposed("The resulting agent, ")
    assert _subject_kind_apposed("This recipe, ")
    assert not _subject_kind_apposed("The teacher, ")  # no kind of model, method or dataset
    assert not _subject_kind_apposed("The backbone, ")  # a part borrowed from others
    assert not _subject_kind_apposed("The strong baseline network, ")
    # a filter or an ensemble is a thing the authors build and name ("The resulting filter, Zorb-LF, uses …")
    assert _subject_kind_apposed("The resulting filter, ") and _subject_kind_apposed("The ensemble, ")
    assert not _subject_kind_apposed("The standard filter, ")  # someone else's
    assert not _subject_kind_apposed("We compare with the network, ")  # not the sentence's opening


def test_patterns_a_title_of_one_capitalised_word_names_the_papers_model(proposers):
    found = guesses(proposers, "Quillfeather",
                    "We present a convolutional architecture that mixes dilations. Trained on ImageNet, "
                    "Quillfeather reaches 77.9% top-1.")
    assert found.get("Quillfeather") is True, found
    found = guesses(proposers, "ZorbNet-2", "We present a convolutional architecture that mixes dilations.")
    assert found.get("ZorbNet-2") is True, found
    # a common word the abstract also writes in lower case is the topic, not a name
    found = guesses(proposers, "Gradients", "We study the gradients of deep networks on ImageNet.")
    assert not found.get("Gradients"), found
    # a plain word the abstract never repeats may be any English word
    found = guesses(proposers, "Fine", "We use BERT on GLUE.")
    assert "Fine" not in found, found


def test_patterns_a_naming_cue_gives_a_name_that_opens_with_a_greek_letter(proposers):
    # the name, not the describing head before it ("the method"), is what the cue gives
    found = guesses(proposers, "Stable Discriminators",
                    "We constrain the discriminator of a GAN with a cheap penalty. We call the method σ-clamp.")
    assert "method" not in found, found
    doc = proposers(text_doc(proposers, "Long-Tailed Recognition\n\nThe classifier is normalised by its norms, "
                                        "a step we call τ-scaling."))
    named = [c.text for c in candidates(doc) if c.named]
    assert named == ["τ-scaling"], named


def test_roles_the_kind_the_text_is_about_named_by_a_participle_is_proposed(proposers):
    """No verb of proposing, but the kind the text is about and a naming participle: "the recipe, named X"."""
    found = guesses(proposers, "Consistency for Semi-Supervised Learning",
                    "We mix pseudo-labels with consistency. With 40 labels on CIFAR-10, the recipe, named "
                    "FixQuill, reaches 88% accuracy. It beats the standard baseline, called ZorbMatch, and a "
                    "teacher named QuillNet-2.")
    assert found.get("FixQuill") is True, found
    assert not found.get("ZorbMatch") and not found.get("QuillNet-2"), found


def test_patterns_a_role_a_cue_gives_after_the_is_no_name(proposers):
    """ "the model we refer to as the teacher" names a role, not an artifact; a bare coined phrase is a name."""
    doc = proposers(text_doc(proposers, "Self-Distillation\n\nWe train a student against a momentum copy of "
                                        "itself, the model we refer to as the teacher. We mix the gradients of "
                                        "layers, and we call this gradient quilting."))
    named = {c.text for c in candidates(doc) if c.named}
    assert "teacher" not in named and "gradient quilting" in named, named


def test_decide_a_one_word_title_takes_the_type_of_the_kind_the_abstract_brings_in(full):
    got = extracted(full, "Quillhoard", "We release a corpus of two million parsed sentences. Parsers trained on "
                                        "Quillhoard beat those trained on smaller treebanks.")
    assert got.get("Quillhoard") == ("Dataset", True), got
    got = extracted(full, "Zorbulon", "We train a bidirectional encoder to predict masked image tokens and "
                                      "decode them in eight parallel steps. On ImageNet Zorbulon is 30x faster.")
    assert got.get("Zorbulon") == ("Model", True), got


def test_decide_a_tool_named_by_its_head_is_used_not_proposed(full):
    got = extracted(full, "Earthquake swarms in a rift", "We detect 12,000 events by template matching. Thresholds "
                                                       "are compared with those from the QuakRIX package.")
    assert got.get("QuakRIX", ("", False))[1] is False, got
    got = extracted(full, "Bat calls in city parks", "We recorded 9,000 hours of ultrasound at 60 sites with ParVox "
                                                     "recorders. Activity fell with artificial light.")
    assert got.get("ParVox", ("", False))[1] is False, got
    got = extracted(full, "Counting wildebeest from the air", "Animals were detected by the SnapVEX pipeline "
                                                              "followed by manual checks.")
    assert got.get("SnapVEX", ("", False))[1] is False, got
    # the second of two sources listed under one head
    got = extracted(full, "Quasar variability", "We train a recurrent classifier on sources cross-matched with the "
                                                "KESTRA and VulLO-N catalogues.")
    assert got.get("VulLO-N", ("", False))[1] is False, got


def test_decide_a_tool_the_authors_make_or_own_stays_proposed(full):
    got = extracted(full, "A new event generator", "We develop HadroGEN, an event generator for heavy-ion "
                                                   "collisions. Events from the HadroGEN event generator match data.")
    assert got.get("HadroGEN", ("", False))[1] is True, got
    got = extracted(full, "Fast spectral synthesis", "We release the SpecTRA radiative transfer code, which we "
                                                     "developed for brown dwarfs, and show it matches line-by-line "
                                                     "codes.")
    assert got.get("SpecTRA", ("", False))[1] is True, got


def test_decide_a_licence_a_release_is_put_under_is_no_entity(full):
    got = extracted(full, "Variant calling on long reads", "We present LongCall, a caller for nanopore reads. Code "
                                                           "is available under Apache-2.0 at our repository.")
    assert "Apache-2.0" not in got and got.get("LongCall", ("", False))[1] is True, got
    got = extracted(full, "Speech corpus", "We collect ZorbSpeech, 900 hours of read speech, distributed under the "
                                           "CDLA-Permissive-2.0 licence.")
    assert not any("CDLA" in name for name in got), got
    # "under" after no release verb is no licence's cue
    got = extracted(full, "Tuning under constraints", "Models trained under ZorbLoRA reach 80% accuracy on GLUE.")
    assert "ZorbLoRA" in got, got


def test_patterns_sibling_sizes_with_elided_stems_are_the_papers(proposers):
    # "Zorb-S, -M and -L": the first size in full, each later one where the text writes it in full, proposed
    found = guesses(proposers, "Hardware-Aware Search",
                    "We search a space of fused blocks with a latency model, and obtain Quorvex-S, -M and -L. "
                    "Quorvex-M is 2x faster than the others at equal accuracy.")
    assert found.get("Quorvex-S") is True and found.get("Quorvex-M") is True, found
    assert "Quorvex-L" not in found, found  # never written in full: no mention
    found = guesses(proposers, "Compact Blocks",
                    "A family of networks built from it, PebblyNet 0.5x, 1.0x and 1.5x, spans 40 to 300 MFLOPs.")
    assert found.get("PebblyNet 0.5x") is True, found
    found = guesses(proposers, "Scaling Encoders", "We pretrain two encoders, Varnisk-220M and -3B, on web text.")
    assert found.get("Varnisk-220M") is True, found
    # a known family's sizes, or sizes the clause compares with, are someone else's
    found = guesses(proposers, "Span Masking", "Compared with BERT-base and -large, it needs half the compute.")
    assert not found.get("BERT-base"), found
    found = guesses(proposers, "Span Masking", "Our method outperforms Zarvo-S and -M on reading comprehension.")
    assert not found.get("Zarvo-S"), found


def test_patterns_names_released_in_the_passive_are_the_papers(proposers):
    found = guesses(proposers, "Sparse Encoders",
                    "We train sparse encoders with a routing loss. Dremlo-220M and Dremlo-3B are released under "
                    "an open licence.")
    assert found.get("Dremlo-220M") is True and found.get("Dremlo-3B") is True, found
    found = guesses(proposers, "Robot Demonstrations",
                    "We collect demonstrations on three robots. The dataset and the Krabble policies are made "
                    "publicly available.")
    assert found.get("Krabble") is True, found
    # released by others, or a name the subject only relates to, is not the paper's
    found = guesses(proposers, "Robot Demonstrations",
                    "Trained policies were released by the authors of Zorbit-1, and we adapt them.")
    assert not found.get("Zorbit-1"), found
    found = guesses(proposers, "Robot Demonstrations", "Policies trained on Varnog-5 are released.")
    assert not found.get("Varnog-5"), found


def test_patterns_a_name_apposed_to_what_the_authors_made_is_theirs(proposers):
    found = guesses(proposers, "Game Worlds",
                    "We release the environment, Skorrid, with 40 procedurally generated levels.")
    assert found.get("Skorrid") is True, found
    found = guesses(proposers, "Instruction Tuning",
                    "Fine-tuning on the tasks yields a model, Tk-Zorb, that outperforms the baselines.")
    assert found.get("Tk-Zorb") is True, found
    found = guesses(proposers, "Reset-Free RL",
                    "We derive a variant without resets, Rezzo, which learns from a single life.")
    assert found.get("Rezzo") is True, found
    # a known name after the kind is someone else's
    found = guesses(proposers, "Instruction Tuning", "We train the model, Llama, on our tasks.")
    assert not found.get("Llama"), found


def test_pipeline_a_size_after_a_sentence_opening_word_keeps_the_name_cased():
    from graphbuild.nlp.pipeline import _sentence_cased

    text = "We scale it. Plinkor 1.0x reaches 73% top-1. Noisy student training helps."
    size = Candidate(text.index("Plinkor"), text.index(" reaches"), "Plinkor 1.0x", "cue")
    prose = Candidate(text.index("Noisy"), text.index(" training"), "Noisy student", "shape")
    assert not _sentence_cased("Plinkor 1.0x", text, [size])  # a size: a name, whatever its case
    assert _sentence_cased("Noisy student", text, [prose])


@pytest.mark.parametrize("before, head, naming", [
    ("The resulting agent, ", "agent", False),
    ("On two sets the fused detector, ", "detector", False),
    ("With 40 labels, the recipe, named ", "recipe", True),
    ("We gate this sparse mixture of adapters, called “", "adapters", True),
])
def test_patterns_one_shape_reads_the_kind_a_name_is_apposed_to(before, head, naming):
    """The cue (patterns) and the roles read the kind before an apposed or participle-named name alike."""
    from graphbuild.nlp.patterns import KIND_APPOSED

    m = KIND_APPOSED.search(before)
    assert m is not None and m.group("head") == head and (m.group("naming") is not None) is naming, m


def test_patterns_own_kind_is_a_made_kind_no_modifier_gives_to_others():
    from graphbuild.nlp.patterns import made_kind, own_kind

    assert own_kind("", "network") and own_kind("new ", "recipe") and own_kind("", "router")
    assert own_kind("pretrained ", "model", "We pretrain a denoiser on text in 25 languages. Compared with XLM, ")
    assert made_kind("network") and not own_kind("pretrained ", "network")  # the modifier: someone else's
    assert made_kind("backbone") and not own_kind("", "backbone")  # a part borrowed from others
    assert not made_kind("teacher")  # a role, no kind of artifact


def test_decide_a_post_decision_rule_adds_the_groups_its_test_finds_over_its_floor():
    import numpy as np

    from graphbuild.nlp.decide import _with_each

    cands = [Candidate(0, 4, "Zorb", "capword"), Candidate(5, 9, "Quil", "capword"),
             Candidate(10, 14, "Vexa", "capword"), Candidate(15, 19, "Vexa", "capword")]
    group_of, probs = [0, 1, 2, 2], np.array([0.5, 0.01, 0.3])
    keep, add = _with_each(cands, group_of, [0], probs, 0.02, lambda c, score: "Method")
    assert keep == [0, 2] and add == {2: "Method"}  # group 0 kept already, group 1 under the floor
    assert _with_each(cands, group_of, [0], probs, 0.02, lambda c, score: None) == ([0], {})


def test_features_a_tool_word_modifying_a_head_is_no_head():
    """"X: A Genomic Language Model for …": "language" (a tool's word alone) modifies the head "Model", which types
    the name; a tool's word heading its phrase keeps its type ("X: A Language for Robot Programs")."""
    from graphbuild.nlp.features import _title_kind

    for title, type_ in (("Trellox: A Genomic Language Model for Plant Breeding", "Model"),
                         ("Trellox: A Programming Language Benchmark for Code Agents", "Dataset"),
                         ("Trellox: A Language for Robot Programs", "Tool")):
        assert _title_kind(title, len("Trellox"), len(title)) == type_, title


# ------------------------------------------------------------ checkpoints written with spaces

def test_tuned_variant_after_a_spaced_double_hyphen_or_en_dash():
    from graphbuild.nlp.proposals import tuned_variant_candidates

    text = "We release Quorra 7B -- Instruct, above Zephyrine 2 13B -- Chat and Marlow 7B – Chat."
    found = {c.text for c in tuned_variant_candidates(text, 0)}
    assert {"Quorra 7B -- Instruct", "Zephyrine 2 13B -- Chat", "Marlow 7B – Chat"} <= found
    # a spaced double hyphen before no tuning word joins clauses
    assert not list(tuned_variant_candidates("We quantise Quorra 7B -- a compact model -- to four bits.", 0))


def test_sized_release_of_a_versioned_family():
    from graphbuild.nlp.proposals import sized_candidates

    text = "We distil Quorra 2 70B into Brindle 3.1 8B and beat Zephyrine 34B. As Table 3 7B shows, across 5 7B models"
    found = {c.text for c in sized_candidates(text, 0)}
    assert {"Quorra 2 70B", "Brindle 3.1 8B", "Zephyrine 34B"} <= found
    assert not any(f.startswith(("Table", "across")) for f in found)
