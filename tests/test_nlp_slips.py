"""Classes of extraction slips seen on well-known papers, each on made-up text (every name is invented):
a name given as an example of earlier work, a bare version after a list's coordination, a name the
paper compares with."""

from __future__ import annotations

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.features import entity_features
from graphbuild.nlp.gazetteer import GazEntry, Gazetteer, elided_siblings
from graphbuild.nlp.pipeline import _versions_only, extract_text


def _cand(text: str, name: str, source: str = "shape", **kw) -> Candidate:
    at = text.index(name)
    return Candidate(at, at + len(name), name, source, **kw)


def _kept_and_dropped(title: str, text: str, kept: set[str], dropped: set[str]) -> set[str]:
    """The names extracted from ``text``, after asserting that ``kept`` are among them and ``dropped`` are not."""
    names = {e.name for e in extract_text(text, title=title).entities}
    assert kept <= names, kept - names
    assert not names & dropped, names & dropped
    return names


def test_features_a_name_given_as_an_example_of_earlier_work():
    title = "Quokka: Reading Both Ways"
    text = f"{title}\n\nWe propose Quokka. Earlier pretrained models such as Zebrix-LM read left to right."
    end = len(title)
    cands = [_cand(text, "Quokka", "title"), _cand(text, "Zebrix-LM")]
    example = entity_features(text, end, cands, [1], "Model", False)
    assert {"example_of", "example_of_earlier"} <= example.keys()
    # the name after the list's other items ("such as A, B and X") is an example too
    text2 = f"{title}\n\nWe propose Quokka. Prior work, e.g., Ferrex, Mollo and Zebrix-LM, reads one way."
    listed = entity_features(text2, end, [_cand(text2, "Zebrix-LM")], [0], "Model", False)
    assert "example_of" in listed
    # the authors' own name is none
    own = entity_features(text, end, cands, [0], "Model", False)
    assert not {"example_of", "example_of_earlier", "earlier_before"} & own.keys()


def test_features_a_name_the_paper_compares_with():
    title = "Wombat Search"
    text = f"{title}\n\nWe propose Wombat. Wombat outperforms Ferrex and Mollo on two tasks."
    cands = [_cand(text, "Ferrex", role="compares_with"), _cand(text, "Wombat")]
    assert "compared_with" in entity_features(text, len(title), cands, [0], "Method", False)
    assert "compared_with" not in entity_features(text, len(title), cands, [1], "Method", False)


def test_roles_compared_with_a_past_tense_cue():
    from graphbuild.nlp.roles import role_of

    text = "We test Wombat on two games, compared with Ferrex, Mollo and Quibble."
    c = _cand(text, "Quibble")
    assert role_of(text, (0, len(text)), c, "Method") == "compares_with"


def test_gazetteer_a_version_after_a_coordination_is_the_whole_version():
    gaz = Gazetteer([GazEntry("WombatQA 1.1", "Dataset", ("WombatQA v1.1",)),
                     GazEntry("WombatQA 2.0", "Dataset", ("WombatQA v2.0",)),
                     GazEntry("WombatQA 2", "Dataset", ("WombatQA v2",))])
    text = "results on WombatQA v1.1 and v2.0 question answering"
    start = text.index("WombatQA")
    found = [(text[s:e], entry.name) for s, e, entry in elided_siblings(gaz, text, start, start + 13)]
    assert found == [("v2.0", "WombatQA 2.0")]  # not "v2" (the version's dot is no end of the sibling)


def test_pipeline_a_bare_version_alone_is_no_entity():
    gaz = Gazetteer([GazEntry("WombatQA 2.0", "Dataset", ("WombatQA v2.0",))])
    assert _versions_only([Candidate(0, 4, "v3.1", "shape")], gaz)
    assert _versions_only([Candidate(0, 2, "v2", "shape"), Candidate(5, 6, "3", "shape")], gaz)
    assert not _versions_only([Candidate(0, 4, "v2.0", "gazetteer", key=gaz.entries[0].key)], gaz)
    assert not _versions_only([Candidate(0, 4, "v2.0", "shape"), Candidate(9, 17, "WombatQA", "shape")], gaz)


def test_features_the_authors_bring_a_name_in_by_training_it_or_listing_it():
    title = "Robust Listening at Scale"
    text = (f"{title}\n\nWe train Quibble, a family of speech models, on noisy audio. "
            "We propose two simple log-linear architectures for reading: the Ferrex model, which looks back, "
            "and the Mollo model.")
    end = len(title)
    cands = [_cand(text, "Quibble", sentence=1), _cand(text, "Ferrex model", sentence=2),
             _cand(text, "Mollo model", sentence=2)]
    assert "we_make_defined" in entity_features(text, end, cands, [0], "Model", False)
    for k in (1, 2):
        assert "listed_as_proposed" in entity_features(text, end, cands, [k], "Model", False)


def test_roles_a_name_the_authors_train_and_define_and_the_items_of_their_proposal_list():
    from graphbuild.nlp.roles import assign_roles

    title = "Robust Listening at Scale"
    text = (f"{title}\n\nWe train Quibble, a family of speech models, on noisy audio. "
            "We train Zebrix on the same audio. We also train Moxel, a deep residual network, as a baseline. "
            "We propose two simple architectures for reading: the Ferrex model, which looks back, "
            "and the Mollo model, which uses Wombat.")
    s1 = len(title) + 2
    s2 = text.index("We train Zebrix")
    s3 = text.index("We propose")
    sents = [(0, len(title)), (s1, s2 - 1), (s2, s3 - 1), (s3, len(text))]
    names = ["Quibble", "Zebrix", "Moxel", "Ferrex model", "Mollo model", "Wombat"]
    cands = [_cand(text, n, sentence=next(k for k, (s, e) in enumerate(sents) if s <= text.index(n) < e))
             for n in names]
    assign_roles(text, sents, cands, len(title))
    proposed = {c.text: c.proposed for c in cands}
    # trained and defined as a family: the authors' models; trained only, or defined as one network of a
    # kind (a backbone or a baseline they train): one they use
    assert proposed["Quibble"] and not proposed["Zebrix"] and not proposed["Moxel"]
    # the items of the list after "we propose two … architectures …:", not a name inside an item's clause
    assert proposed["Ferrex model"] and proposed["Mollo model"] and not proposed["Wombat"]


def test_roles_more_than_a_number_is_no_comparison():
    from graphbuild.nlp.roles import role_of

    text = "Across more than 30 datasets, zero-shot Quibble is competitive."
    assert role_of(text, (0, len(text)), _cand(text, "Quibble"), "Model") == "uses"


def test_typing_a_definition_of_the_name_that_opens_a_sentence():
    from graphbuild.nlp.entity_types import context_votes

    text = "Quokkaset is a collection of English text datasets drawn from the web."
    assert context_votes(text, 0, 9, 0, len(text)) == {"Dataset": 2.0}
    inner = "We read Quokkaset is a collection of English text datasets."  # not the sentence's subject
    assert "Dataset" not in context_votes(inner, 8, 17, 0, len(inner))


def test_features_a_name_only_trained_on_is_not_brought_in():
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import trained_on

    title = "Power Laws of Wombat Models"
    text = f"{title}\n\nWe measure how loss scales. Models are trained with the Quokka optimizer on ZorbText9."
    end = len(title)
    cands = [_cand(text, "ZorbText9"), _cand(text, "Quokka")]
    for c in cands:
        c.sentence = 1
    context = DocContext(text, [(0, end), (end + 2, text.index("Models")), (text.index("Models"), len(text))], end)
    assert trained_on(context, cands, [0]) and trained_on(context, cands, [1])
    # what the rules found proposed ("we build and release ZorbText9") is not ruled out
    cands[0].proposed = True
    assert not trained_on(context, cands, [0])
    text2 = f"{title}\n\nWe release ZorbText9, a corpus of web text."
    assert not trained_on(DocContext(text2, [(0, end), (end + 2, len(text2))], end), [_cand(text2, "ZorbText9")], [0])
    # the present tense too: "We train X encoders on Y"
    text3 = f"{title}\n\nWe train Wombat-50 encoders on ZorbText9 and on a billion photos."
    assert trained_on(DocContext(text3, [(0, end), (end + 2, len(text3))], end), [_cand(text3, "ZorbText9")], [0])
    # "we evaluate / test X across / on Y" in the present tense: Y is what the work is measured on
    for verb, prep in (("evaluate", "across the"), ("evaluates", "on"), ("test", "on"), ("tests", "across")):
        text4 = f"{title}\n\nWe {verb} Wombat-50 {prep} ZorbText9 and two other corpora."
        assert trained_on(DocContext(text4, [(0, end), (end + 2, len(text4))], end), [_cand(text4, "ZorbText9")],
                          [0]), verb


def test_types_a_name_a_step_is_done_with_is_a_method():
    from graphbuild.nlp.entity_types import context_votes

    # a science abstract names its codes as the means of a step: "computed with X", "estimated with the X"
    for sentence in ("Force constants are obtained with Phorbix and the equation is solved.",
                     "Time-scaled phylogenies are estimated with the TREVANTO sampler.",
                     "Missing years are imputed with QIMPUTE.",
                     "Simulations are run with OpenDYN on GPUs."):
        name = next(w.strip(".") for w in sentence.split() if w[0].isupper() and w != sentence.split()[0])
        start = sentence.index(name)
        assert context_votes(sentence, start, start + len(name), 0, len(sentence)).get("Method", 0) >= 1.5, sentence
    # a participle that relates two things names no means: "compared with X", "treated with X", "labelled with X"
    for sentence in ("Yields are compared with Bavaria.", "Patients treated with Zorvastatin recovered.",
                     "Frames were labelled with Quokka.", "Results are associated with Kenya.",
                     "We need with Zorbo."):
        name = sentence.split()[-1].strip(".")
        start = sentence.index(name)
        assert "Method" not in context_votes(sentence, start, start + len(name), 0, len(sentence)), sentence


def test_features_a_code_a_step_is_done_with_or_used_is_not_brought_in():
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import trained_on

    title = "Phonon Lifetimes in Layered Selenides"
    end = len(title)
    for body in ("We compute conductivities. Force constants are obtained with Phorbix on a grid.",
                 "We compute conductivities. Simulations use Phorbix for the phonons.",
                 "We compute conductivities. We run the Phorbix package on 40 crystals.",
                 "We compute conductivities by using Phorbix on 40 crystals."):
        text = f"{title}\n\n{body}"
        assert trained_on(DocContext(text, [(0, end), (end + 2, len(text))], end), [_cand(text, "Phorbix")], [0]), body
    # what the authors present stays theirs; a name compared with is another rule's matter
    for body in ("We present Phorbix, a solver for phonon transport.",
                 "Our conductivities are compared with Phorbix on 40 crystals."):
        text = f"{title}\n\n{body}"
        assert not trained_on(DocContext(text, [(0, end), (end + 2, len(text))], end), [_cand(text, "Phorbix")],
                              [0]), body


def test_extract_codes_used_in_a_science_abstract_are_methods_not_proposals():
    title = "Quillgrid: Chance-Constrained Power Flow for Windy Grids"
    text = ("We propose Quillgrid, a chance-constrained optimal power flow. Scenarios are generated with HADRONIX "
            "and the problem is solved with QUADRON every hour.")
    found = {e.name: e for e in extract_text(text, title=title).entities}
    assert found["Quillgrid"].proposed
    for name in ("HADRONIX", "QUADRON"):
        assert name in found and found[name].type == "Method" and not found[name].proposed, name


def test_decide_a_title_phrase_that_the_abstract_names_is_its_kind():
    from graphbuild.nlp.decide import _title_descriptions

    title = "Image Coding with Deep Spiking Networks"
    text = f"{title}\n\nWe present a deep spiking network, widely called Zorronet, that codes images."
    end = len(title)
    phrase = _cand(text, "Deep Spiking Networks", "titleseg")
    lower = _cand(text, "deep spiking network", "lowerphrase", proposed=True, sentence=1)
    name = _cand(text, "Zorronet", "cue", proposed=True, named=True, sentence=1)
    cands = [phrase, lower, name]
    kept = [([0, 1], "Model", [0, 1]), ([2], "Model", [2])]
    assert _title_descriptions(cands, kept, [True, True], end) == [False, True]
    # no name given in the abstract: the title's phrase stays proposed
    name.named = False
    assert _title_descriptions(cands, kept, [True, True], end) == [True, True]


def test_features_acronyms_that_may_name_nothing():
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import _slip_names, long_form_class

    # the long form's head noun names a quantity, a rule, hardware: no research artifact
    assert long_form_class("quokka conversion rate") == "quantity"
    assert long_form_class("Koala Privacy Regulation") == "regulation"
    assert long_form_class("wombat processing unit") == "hardware"
    assert long_form_class("Wombat Ranking Network") is None
    title = "Quokka Ranking"
    text = (f"{title}\n\nWe compare Quokka with QRK, ZBX-2 and WMB/LT on QKA and ZBQ. "
            "The MQR of all is low. Code: github.com/someone/QRKX. Samples at 256x256 Koala.")
    ctx = DocContext(text, [(len(title) + 2, len(text))], len(title))

    def names(form: str, long_class: str | None = None) -> tuple[str, ...]:
        return _slip_names(ctx, _cand(text, form), long_class)

    # acronyms in a list of baselines or of benchmarks
    assert all("caps_listed" in names(f) for f in ("QRK", "ZBX-2", "WMB/LT", "QKA", "ZBQ"))
    assert "caps_listed" not in names("MQR")
    assert names("MQR", "quantity") == ("lform=quantity",)
    assert "caps_in_url" in names("QRKX")
    assert "res_prefix" in names("256x256 Koala")


def test_decide_an_acronym_of_a_body_of_people_or_a_measure_is_no_artifact():
    from graphbuild.nlp.features import long_form_names_no_artifact as no_artifact

    assert no_artifact("Northern Radiology Society of Quokkaland") and no_artifact("Coastal Survey Agency")
    assert no_artifact("Return Visit Rate") and no_artifact("Gross Order Volume")
    # a venue names an evaluation campaign's collections too; an index or a count may be a technique's name
    assert not no_artifact("Koala Retrieval Conference") and not no_artifact("Wall Street Journal")
    assert not no_artifact("Differentiable Quokka Index") and not no_artifact("Wombat Ranking Network")
    title = "Tracing Model Bills Across State Legislatures"
    text = (f"{title}\n\nModel bills drafted by the Western Legislative Drafting Council (WLDC) spread across "
            "states. We present Billtrace, an alignment method for legal text, and apply it to the Statehouse-40K "
            "corpus of bills.")
    _kept_and_dropped(title, text, {"Billtrace", "Statehouse-40K"}, {"WLDC", "Western Legislative Drafting Council"})
    title = "Ranking Offers for Returning Shoppers"
    text = (f"{title}\n\nShops track the Return Visit Rate (RVR) of each offer. We propose Offerloom, a ranking "
            "model trained on it, which lifts RVR by 3% over Quandrank.")
    _kept_and_dropped(title, text, {"Offerloom"}, {"RVR", "Return Visit Rate"})
    # the decision keeps the paper's own coinage and a name the gazetteer knows as an artifact
    from graphbuild.nlp.decide import _defined_as_no_artifact

    cands = [_cand(text, "Return Visit Rate", "abbrev-long"), _cand(text, "RVR", "abbrev-short")]
    assert _defined_as_no_artifact(cands, [0, 1], [None, None])
    cands[0].proposed = True
    assert not _defined_as_no_artifact(cands, [0, 1], [None, None])
    cands[0].proposed = False
    known = GazEntry("RVR", "Dataset", (), None, False)
    assert not _defined_as_no_artifact(cands, [0, 1], [None, known])


def test_roles_a_passive_proposal_a_derived_name_and_the_heart_of_a_model():
    from graphbuild.nlp.roles import assign_roles

    title = "Steady Training of Deep Nets"
    text = (f"{title}\n\nIn Quorrel, a cross-layer drift balancing (CDB) strategy is proposed to steady training. "
            "We extend Ferrex to Ferrex-XL by adding a recurrent stage. "
            "At the heart of our model is the gated hop attention, which mixes streams. "
            "Gradient clipping is proposed by Mollo in earlier work.")
    starts = [0, len(title) + 2, text.index("We extend"), text.index("At the heart"), text.index("Gradient")]
    sents = list(zip(starts, [s - 1 for s in starts[1:]] + [len(text)]))
    names = ["cross-layer drift balancing", "Ferrex", "Ferrex-XL", "gated hop attention", "Gradient clipping"]
    cands = [_cand(text, n, "lowerphrase" if n.islower() else "shape",
                   sentence=next(k for k, (s, e) in enumerate(sents) if s <= text.index(n) <= e)) for n in names]
    assign_roles(text, sents, cands, len(title))
    proposed = {c.text: c.proposed for c in cands}
    assert proposed["cross-layer drift balancing"] and proposed["gated hop attention"] and proposed["Ferrex-XL"]
    # the name extended, and what someone else proposed, are not the paper's own
    assert not proposed["Ferrex"] and not proposed["Gradient clipping"]
    # a name the gazetteer knows, in a passive sentence, is background: "X is introduced to …"
    known = "Zorbel fusion (ZF) is introduced to merge views."
    text2 = f"{title}\n\n{known}"
    zf = _cand(text2, "Zorbel fusion", "gazetteer", sentence=1)
    zf.key = "zorbel fusion"
    assign_roles(text2, [(0, len(title)), (len(title) + 2, len(text2))], [zf], len(title))
    assert not zf.proposed
    zf.key, zf.proposed = None, False
    assign_roles(text2, [(0, len(title)), (len(title) + 2, len(text2))], [zf], len(title))
    assert zf.proposed


def test_proposers_listed_parts_passive_subjects_and_sized_variants():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.proposals import listed_candidates, passive_candidates, sized_candidates

    title = "Faster Retrieval"
    text = (f"{title}\n\nWe improve retrieval by introducing two new techniques: hop-aware fusion and query "
            "splitting. We devise two mechanisms, including the sparse routing gate and the dense fallback path. "
            "Prior systems use tools including caching and batching. "
            "Then, a scaled weight projection is proposed to reuse weights. "
            "By scaling up further, Quorrel 8x7B outperforms Zebrix 70B. With 7B parameters it is small.")
    sents = split_sentences(text)
    listed = [c.text for c in listed_candidates(text, len(title), sents)]
    assert listed == ["hop-aware fusion", "query splitting", "sparse routing gate", "dense fallback path"]
    passive = [c.text for c in passive_candidates(text, len(title), sents)]
    assert passive == ["scaled weight projection"]
    assert [c.text for c in sized_candidates(text, len(title))] == ["Quorrel 8x7B", "Zebrix 70B"]
    # a counted few of anything, listed after a colon
    text3 = ("T\n\nWe introduce three dataflows: Max-Parallel (MP), Digit-Centric (DC), and Output-Centric (OC), "
             "each fast.")
    assert [c.text for c in listed_candidates(text3, 1, split_sentences(text3))] == [
        "Max-Parallel", "Digit-Centric", "Output-Centric"]
    # an item whose name goes on past a preposition is no name: the list is dropped
    text2 = "T\n\nWe propose two modules: a pose-specific initialization of poses and a gated mixer."
    assert not list(listed_candidates(text2, 1, split_sentences(text2)))


def test_patterns_a_cue_name_that_ends_its_sentence():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import cue_candidates

    # the next sentence opens with a capital: the name stops at the full stop instead of being lost
    text = ("Hop Budgets\n\nWe design a router that learns hop budgets, called Zorbel. It halves latency. "
            "A second router, dubbed Quarrow Mini. Both run fast.")
    found = [(c.text, c.proposed) for c in cue_candidates(text, split_sentences(text))]
    # ("dubbed" coins a name whoever speaks)
    assert found == [("Zorbel", True), ("Quarrow Mini", True)]


def test_mentions_a_list_sibling_written_without_its_shared_head():
    from graphbuild.nlp.pipeline import elided_head_forms

    text = "We test on Zorbset v1.1 and v3.2, and on the QRT 2019 Alpha-Beta and Gamma-Delta tasks."
    assert elided_head_forms([_cand(text, "v3.2")], text) == ["Zorbset v3.2"]
    assert elided_head_forms([_cand(text, "Gamma-Delta")], text) == ["QRT 2019 Gamma-Delta"]
    # a tail of another shape, or no list before it: no form
    other = "We test on Zorbset v1.1 and Gamma-Delta, then on 3.2."
    assert elided_head_forms([_cand(other, "Gamma-Delta"), _cand(other, "3.2")], other) == []


def test_mentions_the_singular_of_a_plural_pair():
    from graphbuild.nlp.pipeline import plural_pair_singulars

    assert plural_pair_singulars(["QZNs"], ["quiz networks"]) == ["QZN"]
    assert plural_pair_singulars(["KQADS"], ["Koala QA Dataset Series"]) == []


def test_gazetteer_a_name_read_in_any_case_opens_with_no_article(tmp_path):
    import spacy

    from graphbuild.nlp.candidates import text_doc
    from graphbuild.nlp.gazetteer import GazetteerComponent, function_word_led

    gaz = tmp_path / "gaz.jsonl"
    gaz.write_text('{"name": "A-Zorbmax", "type": "Method"}\n', encoding="utf-8")
    nlp = spacy.blank("en")
    comp = GazetteerComponent(nlp, "gaz", path=str(gaz))
    doc = comp(text_doc(nlp, "Scores pass through a zorbmax layer, unlike A-Zorbmax and A Zorbmax."))
    assert sorted(c.text for c in doc._.gb_candidates) == ["A Zorbmax", "A-Zorbmax"]
    assert function_word_led("the Zorbmax") and not function_word_led("The Zorbmax")


def test_mentions_a_name_with_its_edition_after_it():
    from graphbuild.nlp.pipeline import edition_forms

    text = ("It won Zorbench 2019 and beat the Quibble v2.3 record, then ran Plonk 3 times on Zorbench-7 2021 "
            "and tuned on FROBS v2.")
    cands = [_cand(text, "Zorbench"), _cand(text, "Quibble"), _cand(text, "Plonk"), _cand(text, "Zorbench-7"),
             _cand(text, "FROBS")]
    assert edition_forms(cands, text) == ["Zorbench 2019", "Quibble v2.3", "FROBS v2"]
    # a dotted version without "v" ("Quibble 1.1"), never a score after a name ("Quibble-tiny 0.331")
    text = "Quibble 1.1 reaches 0.381 mAP and Quibble-tiny 0.331, Plonk 0.5 at best."
    cands = [_cand(text, "Quibble"), _cand(text, "Quibble-tiny"), _cand(text, "Plonk")]
    assert edition_forms(cands, text) == ["Quibble 1.1"]


def test_mentions_a_dataset_with_the_maker_written_before_it():
    from graphbuild.nlp.pipeline import qualified_forms

    text = "Title\n\nWe test on the Zorbco QuillSet corpus. Quillset alone. It also reads Elvish wikitext and QuillSet."
    sents = [(0, 5), (7, 47), (48, 64), (65, len(text))]
    cands = [_cand(text, "QuillSet", sentence=1), _cand(text, "Quillset", sentence=2),
             _cand(text, "wikitext", sentence=3)]
    # the word before must be capitalised and must not open the sentence; a lower-case name takes none
    assert qualified_forms(cands, text, sents) == ["Zorbco QuillSet"]


def test_mentions_a_dataset_named_with_the_part_used():
    from graphbuild.nlp.pipeline import subset_heads

    text = "Samples on ZORB bedrooms, QuillSet news, Zorbset kitchens and ZORB-2 at large."
    cands = [_cand(text, "ZORB bedrooms"), _cand(text, "QuillSet news"), _cand(text, "Zorbset kitchens"),
             _cand(text, "ZORB-2 at large")]
    # one capital is no coined name ("Zorbset"); two lower-case words are a phrase, not a part
    assert subset_heads(cands) == ["ZORB", "QuillSet"]


def test_mentions_a_dataset_named_with_its_image_size_or_its_split():
    from graphbuild.nlp.pipeline import subset_heads

    text = "On 256x256 QUORB, 64 x 64 Zorbnet, the Zorbmarco Dev Set, Varnwiki Test and Quillbench Validation."
    cands = [_cand(text, "256x256 QUORB"), _cand(text, "64 x 64 Zorbnet"), _cand(text, "Zorbmarco Dev Set"),
             _cand(text, "Varnwiki Test"), _cand(text, "Quillbench Validation")]
    assert subset_heads(cands) == ["QUORB", "Zorbnet", "Zorbmarco", "Varnwiki", "Quillbench"]
    # no size nor split: no form; a training phrase is no split ("Zorb Training" names a method)
    plain = "Zorbset and Zorb Training and 256x256 pixels."
    assert subset_heads([_cand(plain, "Zorbset"), _cand(plain, "Zorb Training"), _cand(plain, "256x256 pixels")]) == []


def test_mentions_a_known_benchmark_by_its_family_before_a_two_word_part():
    from graphbuild.nlp.pipeline import subset_heads

    text = "On the ZB QUILL passage ranking task and ZORB and large, QuillSet news."
    cands = [_cand(text, "ZB QUILL passage ranking"), _cand(text, "ZORB and large"), _cand(text, "QuillSet news")]
    # two lower-case words after capitalised words name a part; a function word joins no part to a name
    assert subset_heads(cands) == ["ZB QUILL", "QuillSet"]


def test_names_a_source_of_data_with_its_product_graph_or_series():
    from graphbuild.nlp.pipeline import kind_phrase_form

    def form(text: str, name: str) -> str | None:
        return kind_phrase_form(name, text, text.index(name) + len(name))

    assert form("indices from the Zorbsat NDVI product are used", "Zorbsat NDVI") == "Zorbsat NDVI product"
    assert form("a pipeline over the QuillCrawl host graph, which", "QuillCrawl") == "QuillCrawl host graph"
    assert form("Replaying the Varnawiki edit histories, we", "Varnawiki") == "Varnawiki edit histories"
    assert form("events from the BrenNOK open samples.", "BrenNOK") == "BrenNOK open samples"
    assert form("the Zorb-T recipe and", "Zorb-T") == "Zorb-T recipe"
    # a kind that goes on as a noun's modifier reaches the noun; a plural verb right after the name is no kind
    assert form("the TUZ graph classification collection", "TUZ") == "TUZ graph classification collection"
    assert form("BrenSAMP samples tokens from a draft", "BrenSAMP") is None
    assert form("QuillCrawl maps each draft", "QuillCrawl") is None
    assert form("the QuillCrawl graph partitioner outputs", "QuillCrawl") is None
    # a method's kind right after the name only
    assert form("the Zorb greedy heuristic", "Zorb") is None


def test_generic_a_size_s_is_no_plural():
    from graphbuild.nlp.lexicon import is_generic

    # "QX2-S" has the key of "QX2s", a plural; the hyphen and capital make it a size of QX2
    assert not is_generic("QX2-S") and not is_generic("ZorbNet-S")
    assert is_generic("CNNs") and is_generic("GPU-CPU")


def test_candidates_a_tuned_variant_after_a_hyphen():
    from graphbuild.nlp.proposals import tuned_variant_candidates
    text = ("T\n\nThe dialogue models, Quorra 2-Chat, are tuned. Its variant, Zephyrine 7B - Instruct, is compared "
            "with Quorra 2 13B - Chat and Zorbnet-Chat. With 7B - Chat is no name.")
    found = [c.text for c in tuned_variant_candidates(text, 1)]
    assert found == ["Quorra 2-Chat", "Zephyrine 7B - Instruct", "Quorra 2 13B - Chat"]
    # the word without a hyphen before it, or glued to more word characters, is no variant
    text = "T\n\nQuorra 2 Chat and Zorbnet 7B -Math, Vision-Quorra 2-Coders and Quorra 2-Turbo-x."
    assert [c.text for c in tuned_variant_candidates(text, 1)] == []


def test_mentions_a_technique_head_after_a_name_and_forms_without_article_or_class_noun():
    from graphbuild.nlp.pipeline import bare_forms, headed_forms

    text = "It adds QuibLeo regularization and Zorbnet loss-free steps, then reads the Zorbpile."
    cands = [_cand(text, "QuibLeo"), _cand(text, "Zorbnet"), _cand(text, "Zorbpile")]
    assert headed_forms(cands, text) == ["QuibLeo regularization"]
    assert bare_forms(["the Zorbpile", "quib-gram model", "Wallaby models", "plain model", "Zorbnet"]) == [
        "Zorbpile", "quib-gram", "Wallaby"]
    assert bare_forms(["Quokka dataset", "the Plonk benchmarks", "Zorb corpus", "synthetic dataset"]) == [
        "Quokka", "Plonk", "Zorb"]


def test_mentions_a_size_written_before_the_name_and_a_numbered_name_before_a_plural():
    from graphbuild.nlp.pipeline import numbered_heads, sized_forms

    text = ("Users prefer a 1.3B-parameter Quibgpt over the 175B Zorb-3 and the 34B LLAMO model; "
            "7B Zorb 2 is no such form, nor are Zorbitron 2600 games.")
    cands = [_cand(text, n) for n in ("Quibgpt", "Zorb-3", "LLAMO", "Zorb 2", "Zorbitron 2600 games")]
    assert sized_forms(cands, text) == ["Quibgpt 1.3B", "Zorb-3 175B", "LLAMO 34B"]
    assert numbered_heads(cands) == ["Zorbitron 2600"]


def test_sized_variants_found_from_the_first_count_alone():
    from graphbuild.nlp.proposals import sized_candidates

    # unit letters with no digit before them (and a count in the title) are passed over; the counts after
    # the first are found as by a scan of the whole text
    title = "Zorbic 9B"
    text = (f"{title}\n\nThe Model Bank of Tasks Keeps Many Tools; Zorbic 13B and Quillon 2.5T follow, "
            "Brannock 8x7B too, and Ostrel 3M.")
    assert [c.text for c in sized_candidates(text, len(title))] == [
        "Zorbic 13B", "Quillon 2.5T", "Brannock 8x7B", "Ostrel 3M"]
    assert not list(sized_candidates(text[:40], len(title)))


def test_roles_a_known_name_apposed_to_the_kind_its_paper_proposes():
    from graphbuild.nlp.roles import assign_roles

    title = "Learning Features Online"
    cases = [("In this paper, we propose an online clustering algorithm, Quorrel, that swaps codes.", True),
             ("We propose an online algorithm that beats Quorrel, a known baseline.", False),
             ("We use a strong baseline, Quorrel, in every table.", False)]
    for sentence, own in cases:
        text = f"{title}\n\n{sentence}"
        q = _cand(text, "Quorrel", "gazetteer", sentence=1)
        q.key = "quorrel"
        assign_roles(text, [(0, len(title)), (len(title) + 2, len(text))], [q], len(title))
        assert q.proposed is own, sentence


def test_patterns_a_one_word_title_head_is_a_name_unless_it_names_the_genre():
    from graphbuild.nlp.patterns import title_candidate

    abstract = "\n\nWe recycle tokens that a vision encoder would drop, and gain speed on dense prediction."
    for title, name in [("Quillfeather: Sparse Token Recycling for Dense Prediction", "Quillfeather"),
                        ("Position: Agents Need Long Memories", None),
                        ("Adapters Everywhere: A Study of Token Recycling", None)]:
        cand = title_candidate(title + abstract, len(title))
        assert (cand.text if cand else None) == name, title
        assert cand is None or cand.proposed


def test_patterns_a_plain_title_head_is_a_name_when_the_subtitle_says_what_kind_of_artifact_it_is():
    from graphbuild.nlp.patterns import title_candidate

    abstract = "\n\nWe join two streams with bounded memory and keep latency low under bursts."
    for title, name, kind in [("Tidal Braid: A Lightweight Framework for Streaming Joins", "Tidal Braid", "Method"),
                              ("Tidal Braid: Bounded Networks for Streaming Joins", "Tidal Braid", "Model"),
                              ("Tidal Braid: Joining Streams under Bursts", None, None),
                              ("Tidal Braid: A Study of Streaming Joins", None, None),
                              ("Tidal Braid: Is a Framework Enough?", None, None)]:
        cand = title_candidate(title + abstract, len(title))
        assert (cand.text if cand else None) == name, title
        assert cand is None or cand.proposed and max(cand.votes, key=cand.votes.get) == kind, (title, cand.votes)


def test_patterns_a_capitalised_run_that_lists_names_gives_each_listed_name():
    from graphbuild.nlp.patterns import _broad_runs

    text = "Methods such as Quorrel Arithmetic and ZORB-Merging assume one start; Mix and Match differs."
    runs = [c.text for c in _broad_runs(text, 0, set())]
    assert "Quorrel Arithmetic and ZORB-Merging" in runs and "Quorrel Arithmetic" in runs
    assert all(text[c.start:c.end] == c.text for c in _broad_runs(text, 0, set()))
    assert "Mix" not in runs and "Match" not in runs  # (parts of one word have their own proposers)


def test_decide_the_sized_variants_of_one_family_share_one_type():
    import numpy as np

    from graphbuild.nlp.decide import _sibling_types

    text = "We release EarQuill-mini and EarQuill-tiny, distilled from ZorbNet on Plonkset."
    cands = [_cand(text, n) for n in ("EarQuill-mini", "EarQuill-tiny", "ZorbNet", "Plonkset")]
    # (Model, Method, Dataset) probabilities: the siblings disagree alone, agree on their sum
    probs = np.array([[0.5, 0.1, 0.4], [0.3, 0.4, 0.3], [0.3, 0.6, 0.1], [0.1, 0.1, 0.8]])
    assert _sibling_types(cands, [[0], [1], [2], [3]], probs) == [0, 0, 1, 2]


def test_shapes_a_plain_word_with_a_size_after_it_is_a_model_name():
    from graphbuild.nlp.patterns import shape_score

    assert shape_score("Quokkabird-mini") == shape_score("Quokkabird-S") == shape_score("Quokkabird-XL") == 2
    assert shape_score("Quokkabird-mini", in_title=True) == 2
    # a capitalised word before another ("Cross-Large") is no size; nor a short word with a letter ("X-S")
    assert shape_score("Cross-Domain") == shape_score("Cross-Large") == 1 and shape_score("X-S") == 1


def test_patterns_a_title_head_that_lists_the_sizes_of_one_family():
    from graphbuild.nlp.patterns import title_candidate, title_siblings

    def heads(title):
        cand = title_candidate(title + "\n\nWe release two small models and Mix and Match them.", len(title))
        return [(c.text, title[c.start:c.end], c.proposed) for c in title_siblings(cand)] if cand else None

    assert heads("Quokkabird-S and Quokkabird-M: Efficient Vision-Language Models") == [
        ("Quokkabird-S", "Quokkabird-S", True), ("Quokkabird-M", "Quokkabird-M", True)]
    assert heads("Mix and Match: Learning-free Text Generation") == [("Mix and Match", "Mix and Match", True)]


def test_patterns_a_cue_name_proposed_in_the_passive():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import cue_candidates

    # no "we": the passive after the name speaks for the authors
    text = "Safe Loading\n\nA small loader named Brindlecap is proposed. It checks files."
    assert [(c.text, c.proposed) for c in cue_candidates(text, split_sentences(text))] == [("Brindlecap", True)]
    plain = "Safe Loading\n\nA small loader named Brindlecap checks files."
    assert [(c.text, c.proposed) for c in cue_candidates(plain, split_sentences(plain))] == [("Brindlecap", False)]


def test_patterns_a_bare_naming_verb_gives_a_capitalised_name_as_a_cue():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import lower_cue_candidates

    def cues(text: str) -> list[tuple[str, bool]]:
        return [(c.text, c.proposed) for c in lower_cue_candidates(text, split_sentences(text)) if c.source == "cue"]

    assert cues("Shared Pools\n\nWe name the scheduler Quellmoor. It packs jobs.") == [("Quellmoor", True)]
    assert cues("Cache Decay\n\nWe evict cold entries; we call it z-Vault.") == [("z-Vault", True)]
    # a lower-case name, or a naming verb no author speaks, gives no cue
    assert cues("Cache Decay\n\nWe call this cold eviction.") == []
    assert cues("Cache Decay\n\nThe term Quellmoor is old.") == []


def test_patterns_a_coining_cue_proposes_its_name_without_we():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import cue_candidates

    text = "Typed Prompts\n\nThe suite, termed Larkspill, covers nine harms. A probe called Fennix is old."
    # (a name the kind before it and the cue both give comes twice: the candidates of one span merge)
    found = list(dict.fromkeys((c.text, c.proposed) for c in cue_candidates(text, split_sentences(text))))
    assert found == [("Larkspill", True), ("Fennix", False)]


def test_patterns_a_cue_naming_the_opening_subject_and_a_family_described_by_a_count():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import cue_candidates

    def found(text: str) -> list[tuple[str, bool]]:
        return [(c.text, c.proposed) for c in cue_candidates(text, split_sentences(text))]

    # the subject a sentence opens with, named by a cue set off by commas, is the paper's own
    assert found("Sparse Kernels\n\nThe compiler, called Vexmoor, builds on a rewrite library.") == [("Vexmoor", True)]
    assert found("Sparse Kernels\n\nIt runs a tool called Vexmoor.") == [("Vexmoor", False)]
    # a family described by a count after its name ("we introduce Zorb, two models")
    assert ("Plimsa", True) in found("Small Models\n\nWe introduce Plimsa, two vision-language models of 2B and 7B.")


def test_patterns_a_family_a_subtitle_names_is_the_title_name():
    from graphbuild.nlp.patterns import title_candidate

    title = "Hybrid Small Models: The Varrow Family"
    cand = title_candidate(title + "\n\nWe train Varrow-1B.", len(title))
    assert cand is not None and (cand.text, cand.proposed) == ("Varrow", True)
    # a subtitle that names no family gives no name
    plain = "Hybrid Small Models: The Final Stretch"
    assert title_candidate(plain + "\n\nWe train models.", len(plain)) is None


def test_decide_keeps_a_lower_case_name_the_authors_give():
    from graphbuild.nlp.pipeline import cached_pipeline, extract_text

    # a plain-word name the authors give with a naming verb is kept however unlike a name it reads
    text = ("Each client folds a few decoy samples into its update so that any leak also leaks the decoys; "
            "we call this decoy braiding. We evaluate decoy braiding on two image benchmarks.")
    found = {e.name.lower(): e for e in extract_text(text, cached_pipeline(), title="Catching Leaks Early").entities}
    assert "decoy braiding" in found and found["decoy braiding"].proposed


def test_patterns_a_design_is_a_head_a_naming_cue_passes():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import lower_cue_candidates

    text = "Room Echo\n\nWe refer to this design as bounded echo folding and build it on a small encoder."
    named = [c.text for c in lower_cue_candidates(text, split_sentences(text)) if c.named]
    assert "bounded echo folding" in named


def test_patterns_a_figure_reported_for_a_listed_name_is_no_name():
    from graphbuild.nlp.patterns import _broad_runs

    text = "It scores 0.41 for Vexalon and 0.57 for Quib-VC, and runs 2.1x on Zarf-Bench and 3.0x on Plimsoll 7B."
    runs = [c.text for c in _broad_runs(text, 0, set())]
    assert not any(r[0].isdigit() for r in runs), runs
    # a sized name after a coordination still is one
    sized = "We train Grotto 40B and Grotto 180B."
    assert "Grotto 180B" in [c.text for c in _broad_runs(sized, 0, set())]


def test_patterns_a_capitalised_word_with_an_adjective_after_it_names_without_it():
    from graphbuild.nlp.patterns import capword_candidates

    text = "We add Quibnets-style triggers to Vexalon-pretrained and Zorblex-7B-beta-style encoders."
    words = [c.text for c in capword_candidates(text, 0, [(0, len(text))])]
    assert {"Quibnets", "Vexalon", "Zorblex-7B-beta"} <= set(words), words
    assert not any(w.endswith(("-style", "-pretrained")) for w in words)
    assert all(text[c.start:c.end] == c.text for c in capword_candidates(text, 0, [(0, len(text))]))


def test_types_a_sentence_opening_on_before_a_name_is_an_evaluation_context():
    from graphbuild.nlp.entity_types import context_votes

    text = "On Plimbo-QA and Zarfset, our model improves accuracy by 4 points."
    start = text.index("Zarfset")
    assert context_votes(text, start, start + len("Zarfset"), 0, len(text)).get("Dataset", 0) > 0
    first = text.index("Plimbo-QA")
    assert context_votes(text, first, first + len("Plimbo-QA"), 0, len(text)).get("Dataset", 0) > 0


def test_roles_a_passive_proposal_after_this_paper_and_a_name_apposed_to_our_design():
    from graphbuild.nlp.roles import assign_roles

    title = "Quiet Ledgers for Busy Stores"
    text = (f"{title}\n\nIn this paper Drifting Quorum Folding is proposed, a technique that merges votes. "
            "Unlike Ferrex, our design, Zandolin, also keeps order. "
            "Much later Wobbly Hop Caching is proposed by Mollo.")
    starts = [0, len(title) + 2, text.index("Unlike"), text.index("Much later")]
    sents = list(zip(starts, [s - 1 for s in starts[1:]] + [len(text)]))
    names = ["Drifting Quorum Folding", "Ferrex", "Zandolin", "Wobbly Hop Caching"]
    cands = [_cand(text, n, "caprun", sentence=next(k for k, (s, e) in enumerate(sents) if s <= text.index(n) <= e))
             for n in names]
    assign_roles(text, sents, cands, len(title))
    proposed = {c.text: c.proposed for c in cands}
    # the subject of a passive proposal after "In this paper"; a name apposed to "our design"
    assert proposed["Drifting Quorum Folding"] and proposed["Zandolin"]
    # a baseline named before it, and what someone else proposed, are not the paper's own
    assert not proposed["Ferrex"] and not proposed["Wobbly Hop Caching"]


def test_features_the_earlier_version_a_paper_improves_on():
    title = "Ferrex++: Faster Hops for Wide Graphs"
    text = (f"{title}\n\nWe introduce Ferrex++, which keeps the hops of Ferrex but caches them. "
            "It beats its predecessor Mollo-v1 and Zandolin.")
    end = len(title)
    at = text.index("Ferrex but")
    cands = [_cand(text, "Ferrex++", "title"), Candidate(at, at + len("Ferrex"), "Ferrex", "shape"),
             _cand(text, "Mollo-v1"), _cand(text, "Zandolin")]
    base = entity_features(text, end, cands, [1], "Method", False)
    assert "title_base" in base
    assert "title_base" not in entity_features(text, end, cands, [0], "Method", False)
    # a name right after "its predecessor" is an earlier work; one after it in a list is not flagged so
    assert "predecessor_before" in entity_features(text, end, cands, [2], "Method", False)
    assert "predecessor_before" not in entity_features(text, end, cands, [3], "Method", False)


def test_roles_a_name_called_after_the_proposal_an_apposed_kind_a_quoted_name_and_the_resulting_model():
    from graphbuild.nlp.roles import assign_roles

    title = "Wobbly Weights for Quiet Nets"
    text = (f"{title}\n\nWe introduce a new algorithm for learning weight noise, called Drift by Hopping. "
            "We build on the Ferrex layer and introduce a new mixing layer, the Zandolin layer. "
            "Our \"Quibble\" method trains fast. We then train a network on our data. "
            "The resulting model, Mollo, reads speech. We use a tokenizer called Wombat.")
    starts = [0, len(title) + 2] + [text.index(w) for w in ("We build", "Our \"", "We then", "The resulting", "We use")]
    sents = list(zip(starts, [s - 1 for s in starts[1:]] + [len(text)]))
    names = ["Drift by Hopping", "Ferrex", "Zandolin", "Quibble", "Mollo", "Wombat"]
    cands = [_cand(text, n, sentence=next(k for k, (s, e) in enumerate(sents) if s <= text.index(n) <= e))
             for n in names]
    assign_roles(text, sents, cands, len(title))
    proposed = {c.text: c.proposed for c in cands}
    assert proposed["Drift by Hopping"] and proposed["Zandolin"] and proposed["Quibble"] and proposed["Mollo"]
    # the layer built on, and a name called so where the authors only use it, are not theirs
    assert not proposed["Ferrex"] and not proposed["Wombat"]


def test_patterns_the_object_of_refer_to_as_is_no_name_given():
    from graphbuild.nlp.lexicon import split_sentences
    from graphbuild.nlp.patterns import lower_cue_candidates

    text = "We refer to this pipeline as drift-aware hopping. We call this model quorum stitching."
    named = {c.text for c in lower_cue_candidates(text, split_sentences(text)) if c.named}
    assert "drift-aware hopping" in named and "pipeline" not in named
    # without "as", the words after "this" are a name too ("we call this model quorum stitching")
    assert "model quorum stitching" in named


def test_proposers_a_proposal_phrase_with_an_article_inside_is_a_clause():
    from graphbuild.nlp.proposals import proposal_candidates

    def phrases(text: str) -> list[str]:
        return [c.text for c in proposal_candidates(text, 0, [(0, len(text))])]

    assert phrases("We propose giving planners an explicit undo button for hops.") == []
    assert phrases("We propose a hop-aware fusion layer that mixes hops.") == ["hop-aware fusion layer"]


def test_proposers_a_participle_after_a_proposal_phrase_is_not_part_of_it():
    from graphbuild.nlp.proposals import proposal_candidates

    def phrases(text: str) -> list[str]:
        return [c.text for c in proposal_candidates(text, 0, [(0, len(text))])]

    assert phrases("We propose a hop caching framework tailored for wide graphs.") == ["hop caching framework"]
    assert phrases("We propose a quorum objective related to fairness.") == ["quorum objective"]
    # a participle before the head is the name's own
    assert phrases("We propose learned hop quantization.") == ["learned hop quantization"]


def test_generic_languages_simulators_and_chips_are_no_artifacts():
    """A natural language, a physics or embodied-AI simulator, an embedded processor, a programming language or
    a region is what a paper works in or on, not a named model, method or dataset; a coined name built on one
    stays a name."""
    from graphbuild.nlp.lexicon import is_generic

    for word in ("Korean", "isiZulu", "MuJoCo", "Isaac Gym", "Cortex-M7", "Jetson Orin", "TypeScript",
                 "English-Korean", "AI2-THOR", "South Asia"):
        assert is_generic(word), word
    for name in ("Zorb-Korean-7B", "MuJoCoZorb", "Quokka English Corpus"):
        assert not is_generic(name), name


def test_patterns_a_known_metric_and_its_value_are_no_run_name():
    """"ZQS 29.4" is a score reported in a known metric, not a name; a known name of another type with a
    number after it ("Zorbset 2019") stays a run."""
    from graphbuild.nlp.patterns import glued_runs

    text = "Quokka reaches ZQS 29.4 on Zorbset 2019 clips."

    def cand(name, source, **kw):
        at = text.index(name)
        return Candidate(at, at + len(name), name, source, **kw)

    cands = [cand("ZQS", "gazetteer", type="Metric"), cand("ZQS 29.4", "caprun"),
             cand("Zorbset", "gazetteer", type="Dataset"), cand("Zorbset 2019", "caprun")]
    spans = glued_runs(cands)
    assert (cands[1].start, cands[1].end) in spans
    assert (cands[3].start, cands[3].end) not in spans


def test_pipeline_a_word_is_no_short_form_of_its_own_next_edition():
    """"the original Zorbset" beside "Zorbset 2.0" names the earlier edition, an entity of its own; a word
    that opens a longer name ("Switchel" beside "Switchel Transformer") is still its short form."""
    from graphbuild.nlp.pipeline import _with_first_words

    text = "We release Zorbset 2.0. Unlike the original Zorbset, it is big. Switchel models and Switchel Transformer."
    new, old = _cand(text, "Zorbset 2.0", "caprun"), _cand(text, "Zorbset,", "capword")
    old.end -= 1
    old.text = "Zorbset"
    short = Candidate(text.index("Switchel"), text.index("Switchel") + 8, "Switchel", "capword")
    long = _cand(text, "Switchel Transformer", "caprun")
    groups = _with_first_words([[new], [old], [short], [long]])
    assert [new] in groups and [old] in groups
    assert [long, short] in groups


def test_types_a_count_of_thousands_after_a_letter_ends_a_dataset_name():
    """"Zorbskin17k" counts its images as "Zorb-20k" does; a model's size ("Zorb-7B") or a plain number
    after a letter ("Zorb50") is no such count."""
    from graphbuild.nlp.entity_types import _shape_type, _shape_type_by_rules

    for name in ("Zorbskin17k", "QuillSeg8K", "Zorb-20k"):
        assert _shape_type(name) == "Dataset" == _shape_type_by_rules(name + "\n"), name
    assert _shape_type("Zorb-7B") == "Model" and _shape_type("Zorb50") is None


def test_patterns_british_spellings_of_technique_heads():
    """"zorb-free quantisation" is a technique phrase as "zorb-free quantization" is; both spellings are
    Method heads."""
    from graphbuild.nlp.lexicon import head_type
    from graphbuild.nlp.patterns import shape_candidates

    for text in ("Quokka uses zorb-free quantisation of tokens.", "Quokka adds quillwise regularisation here."):
        found = {c.text for c in shape_candidates(text, 0, [(0, len(text))]) if c.source == "lowerphrase"}
        assert any(t.endswith(("quantisation", "regularisation")) for t in found), found
    assert head_type("quantisation") == head_type("optimiser") == "Method"


def test_patterns_a_reference_identifier_is_no_name_and_a_colon_without_its_space_ends_one():
    from graphbuild.nlp.patterns import _chunk_names

    assert _chunk_names("(arXiv:2101.00001).", 0) == () and _chunk_names("doi:10.1145/3065386", 0) == ()
    assert [name for _, _, name, _ in _chunk_names("Quorrel4KT:An", 0)] == ["Quorrel4KT"]
    assert [name for _, _, name, _ in _chunk_names("CIFAR-10/100", 0)] == ["CIFAR-10", "CIFAR-100"]
    found = {e.name for e in extract_text("Quorrel4KT beats GRU4Rec (arXiv:2101.00001) on ASSIST09.",
                                          title="Quorrel4KT:An Efficient Tracer of Knowledge").entities}
    assert "Quorrel4KT" in found and not any(":" in name for name in found), found


def test_proposers_a_part_brought_in_without_a_proposal_verb():
    """A part of the authors' model that opens a sentence and says what it does ("A quill anchor loss
    penalises …"), or that they add ("we add a zorb-chunking head", "Quokka-v2 adds a drift loss"), is a
    proposal phrase marked proposed; a part the sentence only names ("A quill loss is used") is none."""
    from graphbuild.nlp.proposals import component_candidates
    from graphbuild.nlp.sentences import split_sentences

    def found(abstract: str) -> set[str]:
        text = "Quokka: Long Zorb Generation\n" + abstract
        return {c.text for c in component_candidates(text, 27, split_sentences(text)) if c.proposed}

    assert found("We present Quokka. A quill anchor loss penalises drift of the zorbs.") == {"quill anchor loss"}
    assert found("We present Quokka. A temporal zorb loss, computed per frame, helps.") == {"temporal zorb loss"}
    assert found("We train Quokka, and we add a zorb-chunking head to it.") == {"zorb-chunking head"}
    assert found("Quokka-v2 adds a quill drift loss to the first version.") == {"quill drift loss"}
    assert found("A quill loss is used. A simple head works. We add a loss.") == set()


def test_features_a_known_abbreviation_given_a_new_meaning():
    """"Zorb Prompt Tuning (GPT) is proposed": the abbreviation is a known name's, but the long form the
    authors bring in is not, which the proposed model's features tell (a known name defined as the known
    long form is no such case)."""
    title = "Prompting Frozen Encoders"
    text = f"{title}\n\nIn this paper, Zorb Prompt Tuning (GPT) is proposed. GPT beats Quillnet."
    end = len(title)
    long_form = _cand(text, "Zorb Prompt Tuning", "abbrev-long", proposed=True)
    short = _cand(text, "GPT", "abbrev-short", key="gpt")
    f = entity_features(text, end, [long_form, short], [0, 1], "Method", True)
    assert {"defined", "defined_anew", "gaz&defined_anew"} <= f.keys()
    known_long = _cand(text, "Zorb Prompt Tuning", "abbrev-long", proposed=True, key="gpt")
    assert "defined_anew" not in entity_features(text, end, [known_long, short], [0, 1], "Method", True)


def test_features_a_coined_name_named_once_late_with_no_cue_of_the_authors():
    """"Against Zorbinv, detection holds": a coined name the abstract names once, past its opening, with
    no proposal cue and outside the title, is marked so for the proposed model; the authors' own name
    (in the title, or after their proposal verb) is not."""
    title = "Quokka: Detecting Gradient Leaks"
    text = (f"{title}\n\nGradient leaks threaten clients. We study them. We propose Quokka, a detector. "
            "Against Zorbinv, detection holds.")
    end = len(title)
    cands = [_cand(text, "Quokka", "title"), _cand(text, "Zorbinv")]
    cands[1].sentence = 3
    assert "once_late" in entity_features(text, end, cands, [1], "Method", False)
    cands[1].proposed = True
    assert "once_late" not in entity_features(text, end, cands, [1], "Method", False)
    assert "once_late" not in entity_features(text, end, cands, [0], "Method", False)


def test_features_the_earlier_version_of_a_title_name_with_a_spaced_or_other_version():
    """"Ferrex 3.0: …" improves on "Ferrex", and "Ferrex-v3: …" on "Ferrex-v2": both are the title's base
    for the proposed model; a size variant ("Ferrex-7B") and the title's name itself are not."""
    def base(title: str, name: str) -> bool:
        text = f"{title}\n\nWe present the new version. It improves on {name} markedly."
        at = text.rindex(name)
        cand = Candidate(at, at + len(name), name, "shape")
        return "title_base" in entity_features(text, len(title), [cand], [0], "Model", False)

    assert base("Ferrex 3.0: Faster Zorb Search", "Ferrex")
    assert base("Ferrex-v3: Faster Zorb Search", "Ferrex-v2")
    assert not base("Ferrex-v3: Faster Zorb Search", "Ferrex-7B")
    assert not base("Ferrex 3.0: Faster Zorb Search", "Quillnet")


def test_patterns_a_title_head_with_a_preposition_or_verb_inside_is_no_name():
    """"Zorbing After Quilling: …" and "Zorbs Meet Quills: …" are phrases about the work, no name before
    the colon; "Mix of Zorbs: …" and "Quokka: …" still are."""
    from graphbuild.nlp.patterns import title_candidate

    def head(title: str) -> str | None:
        text = f"{title}\n\nWe study {title.split(':')[0]} here."
        c = title_candidate(text, len(title))
        return c.text if c is not None else None

    assert head("Zorbing After Quilling: A Framework for Zorbs") is None
    assert head("Zorbs Meet Quills: Joint Zorb Learning") is None
    assert head("Mix of Zorbs: A Framework for Quills") == "Mix of Zorbs"
    assert head("Quokka: A Framework for Zorbs") == "Quokka"


def test_types_the_authors_words_type_the_name_they_introduce():
    """"Zorbmark: A Benchmark for …" and "We introduce Zorbmark, a benchmark of …" type the authors' own
    name Dataset whatever the type model's weights say; a name the paper does not introduce keeps them."""
    from graphbuild.nlp.decide import _defined_type
    from graphbuild.nlp.features import defined_type

    title = "Zorbmark: A Benchmark for Quill Queries over Ferrex Tables"
    text = f"{title}\n\nWe introduce Zorbmark, a benchmark of quill queries. Mollo-QA, a dataset of tables, is older."
    end = len(title)
    head = Candidate(0, len("Zorbmark"), "Zorbmark", "title", proposed=True)
    own = Candidate(text.index("Zorbmark,"), text.index("Zorbmark,") + 8, "Zorbmark", "capword", proposed=True)
    cited = _cand(text, "Mollo-QA")
    assert defined_type(text, end, head) == defined_type(text, end, own) == "Dataset"
    assert _defined_type(text, end, [head, own, cited], [0, 1]) == "Dataset"
    assert _defined_type(text, end, [head, own, cited], [2]) is None  # not the authors' name
    # "The Zorbmark Dataset" in a title, "Zorbling: A Family of Small Language Models"
    title2 = "Grading Quills: The Zorbmark Dataset for Reading"
    assert defined_type(title2, len(title2), _cand(title2, "Zorbmark")) == "Dataset"
    title3 = "Zorbling: A Family of Small Language Models for Ferrex"
    assert defined_type(title3, len(title3), _cand(title3, "Zorbling")) == "Model"
    # two mentions that disagree decide nothing
    text4 = "Zorbling: A Benchmark for Quills\n\nWe propose Zorbling, a model of quills."
    two = [Candidate(0, 8, "Zorbling", "title", proposed=True),
           Candidate(text4.index("Zorbling,"), text4.index("Zorbling,") + 8, "Zorbling", "capword", proposed=True)]
    assert _defined_type(text4, text4.index("\n"), two, [0, 1]) is None


def test_patterns_a_sentence_opening_preposition_or_gerund_is_no_part_of_a_run():
    """"Unlike Zorb Mollo, …" and "Training Quill Ferrex on …" open their sentences with a preposition or
    a gerund: no capitalised run starts with it; a run that opens a sentence with a name keeps its first word."""
    from graphbuild.nlp.patterns import shape_candidates

    text = "Unlike Zorb Mollo, we read twice. Training Quill Ferrex on tables helps. Zorb Mollo Net reads."
    sents = [(0, 33), (34, 72), (73, len(text))]
    runs = {c.text for c in shape_candidates(text, 0, sents) if c.source == "caprun"}
    assert "Zorb Mollo" in runs and "Quill Ferrex" in runs, runs
    assert not any(r.startswith(("Unlike", "Training")) for r in runs), runs
    assert "Zorb Mollo Net" in runs


def test_roles_a_described_collection_and_distilled_students_are_the_authors():
    """Proposal cues outside the verb lists: "We describe the X corpus" (a collection named by its kind),
    "we distil A into two compact students, X and Y" (the new models the distillation makes)."""
    from graphbuild.nlp.roles import assign_roles

    def roles_of(text: str, names: list[str]) -> list[bool]:
        sents, at = [], 0
        for part in text.split(". "):
            sents.append((at, at + len(part) + 1))
            at += len(part) + 2
        cands = []
        for name in names:
            c = _cand(text, name, "capword")
            c.sentence = next(k for k, (s, e) in enumerate(sents) if s <= c.start < e)
            cands.append(c)
        assign_roles(text, sents, cands, text.index("\n"))
        return [c.proposed for c in cands]

    text = "Gathering Clips\n\nVideo sets are static. We describe the Vrellon corpus, 9 million clips. " \
           "We train on Quibbet."
    assert roles_of(text, ["Vrellon", "Quibbet"]) == [True, False]
    # a corpus described that is not named by its kind right after the name is not proposed by this cue
    assert roles_of("Gathering Clips\n\nWe describe the Vrellon pipeline.", ["Vrellon"]) == [False]
    text2 = "Small Taggers\n\nTaggers are big. We distil Gorrum into two compact students, Pelnet-S with 3M " \
            "parameters and Pelnet-T. Both outperform Tazzle."
    assert roles_of(text2, ["Gorrum", "Pelnet-S", "Pelnet-T", "Tazzle"]) == [False, True, True, False]


def test_patterns_a_title_head_of_article_name_and_collection_kind_names_the_word_between():
    from graphbuild.nlp.patterns import title_candidate

    title = "The Vrellon Corpus: Clips That Move"
    c = title_candidate(f"{title}\n\nWe gather Vrellon from open sources.", len(title))
    assert c is not None and c.text == "Vrellon" and c.proposed
    title2 = "The Quillbench Suite: Memory for Agents"
    c2 = title_candidate(f"{title2}\n\nQuillbench tests agents.", len(title2))
    assert c2 is not None and c2.text == "Quillbench"


def test_proposals_a_lower_case_phrase_with_a_name_apposed_is_only_its_kind():
    from graphbuild.nlp.proposals import proposal_candidates

    def phrases(sentence: str) -> list[str]:
        text = f"Title\n\n{sentence}"
        return [c.text for c in proposal_candidates(text, 5, [(7, len(text))])]

    assert phrases("We propose a sparse gossip routing scheme, ZorbNet, for edge nodes.") == []
    # (the name the clause gives is the one proposed)
    assert phrases("We introduce a braided merge rule, which we call quill folding, for adapters.") == ["quill folding"]
    assert phrases("We propose sparse gossip routing for edge nodes.") == ["sparse gossip routing"]


def test_decide_two_names_joined_by_and_are_two_names():
    import numpy as np

    from graphbuild.nlp.decide import _split_listed, _with_listed_parts
    text = "Merging methods such as Zorb Averaging and Quix-Merge fail here."
    cands = [_cand(text, "Zorb Averaging and Quix-Merge", "caprun"), _cand(text, "Zorb Averaging", strong=True),
             _cand(text, "Quix-Merge", strong=True)]
    groups, group_of = [[0], [1], [2]], [0, 1, 2]
    keep = _with_listed_parts(cands, groups, group_of, [0], [None] * 3, np.array([0.4, 0.25, 0.15]))
    assert keep == [0, 1, 2]
    assert _split_listed(cands, [[0], [1], [2]], ["Method"] * 3) == [[], [1], [2]]
    # an unlikely part keeps the run whole ("Mix and Match" of plain words has no part candidates at all)
    assert _with_listed_parts(cands, groups, group_of, [0], [None] * 3, np.array([0.4, 0.25, 0.02])) == [0]


def test_decide_a_language_adjective_before_a_data_set_is_no_part_of_its_name():
    from graphbuild.nlp.decide import _split_listed
    text = "It scores 61.0 on the Zulu ZQB benchmark."
    cands = [_cand(text, "Zulu ZQB", "caprun"), _cand(text, "ZQB", "acronym")]
    assert _split_listed(cands, [[0], [1]], ["Dataset", "Dataset"]) == [[], [1]]
    # a model family after the adjective ("Multilingual Zorbert") may be named with it
    assert _split_listed(cands, [[0], [1]], ["Model", "Model"]) == [[0], [1]]


def test_decide_an_opening_phrase_name_and_the_subject_side_by_side_are_two_names():
    from graphbuild.nlp.candidates import Candidate as C
    from graphbuild.nlp.decide import _opening_pair_cut, _split_opening_pairs
    text = "We propose Tarnwick. On DanceSet-3D Tarnwick achieves 0.21 FID. Tarnwick is small."
    sents = [(0, 20), (21, 63), (64, len(text))]
    run = _cand(text, "DanceSet-3D Tarnwick", "caprun", sentence=1)
    assert _opening_pair_cut(text, sents, run) == text.index("Tarnwick achieves")
    left = _cand(text, "DanceSet-3D", sentence=1)
    at = text.index("Tarnwick achieves")
    right = C(at, at + 8, "Tarnwick", "capword", sentence=1)
    first = _cand(text, "Tarnwick", "cue", sentence=0)
    cands = [run, left, right, first]
    # the run gives way to the data set and the subject, which the text names alone elsewhere
    assert _split_opening_pairs(text, sents, cands, [[0], [1], [2, 3]]) == [[], [1], [2, 3]]
    # a subject written only there may be one name with the word before it
    assert _split_opening_pairs(text, sents, cands, [[0], [1], [2]]) == [[0], [1], [2]]
    # no opening preposition: "a pre-trained Zorb Quib-S/8" may name one checkpoint
    text2 = "It uses a pre-trained Zorb Quib-S/8 encoder. Quib-S/8 is small."
    run2 = _cand(text2, "Zorb Quib-S/8", "caprun", sentence=0)
    assert _opening_pair_cut(text2, [(0, 44), (45, len(text2))], run2) is None


def test_extract_an_opening_phrase_without_its_comma_keeps_both_names():
    title = "Noisy Labels Without Co-Training"
    text = ("We propose Pipistrel, which splits training data by loss trajectories. With ResNet-50 Pipistrel "
            "reaches 74.9% on Clothing1M, above DivideMix. On Clothing1M Pipistrel needs no second network.")
    _kept_and_dropped(title, text, {"Pipistrel", "ResNet-50", "Clothing1M", "DivideMix"},
                      {"ResNet-50 Pipistrel", "Clothing1M Pipistrel"})


def test_decide_a_split_or_language_after_a_data_set_is_no_part_of_its_name():
    from graphbuild.nlp.decide import _without_data_qualifiers
    text = "It ranks first on the Zorbset test benchmark and scores 64.1 on the QTEB English leaderboard."
    cands = [_cand(text, "Zorbset test", "eponym"), _cand(text, "Zorbset", "gazetteer"),
             _cand(text, "QTEB English", "caprun"), _cand(text, "QTEB", "acronym")]
    shown = [[0], [1], [2], [3]]
    types = ["Dataset"] * 4
    assert _without_data_qualifiers(cands, shown, types) == [[], [1], [], [3]]
    # the word before a data set's mention only: a model's name keeps its word ("Zorbset" as a model)
    assert _without_data_qualifiers(cands, shown, ["Dataset", "Model", "Dataset", "Dataset"]) == [[0], [1], [], [3]]
    # a language closing a name the gazetteer knows is part of it; a split word never is
    known = [_cand(text, "QTEB English", "gazetteer", key="qtebenglish"), _cand(text, "QTEB", "acronym"),
             _cand(text, "Zorbset test", "gazetteer", key="zorbsettest"), _cand(text, "Zorbset", "gazetteer")]
    assert _without_data_qualifiers(known, shown, types) == [[0], [1], [], [3]]


def test_decide_a_plain_capitalised_word_listed_beside_a_kept_name_is_a_name():
    import numpy as np

    from graphbuild.nlp.decide import _with_listed_words
    text = "Schedulers such as Quibble and Zorvex-2 ignore this, unlike the Storage Repository and Vexa-9."
    cands = [_cand(text, "Zorvex-2", strong=True), _cand(text, "Quibble", "capword"), _cand(text, "Vexa-9"),
             _cand(text, "Repository", "capword")]
    groups, group_of = [[0], [1], [2], [3]], [0, 1, 2, 3]
    probs = np.array([0.9, 0.1, 0.9, 0.1])
    # "Quibble" joins the kept "Zorvex-2"; "Repository" ends a capitalised run, which the run answers for
    assert _with_listed_words(text, cands, groups, group_of, [0, 2], probs) == [0, 1, 2]
    # a word that is very unlikely stays out
    assert _with_listed_words(text, cands, groups, group_of, [0, 2], np.array([0.9, 0.01, 0.9, 0.1])) == [0, 2]


def test_decide_a_bare_acronym_listed_beside_a_kept_name_is_a_name():
    import numpy as np

    from graphbuild.nlp.decide import _with_listed_words

    def added(text: str, kept: str, acronym: str, score: float = 0.1) -> bool:
        cands = [_cand(text, kept, strong=True), _cand(text, acronym, "acronym")]
        return _with_listed_words(text, cands, [[0], [1]], [0, 1], [0], np.array([0.9, score])) == [0, 1]

    assert added("Compared with the popular QuillFlow and ZVIN methods, ours is faster.", "QuillFlow", "ZVIN")
    assert added("Compared with ZVIN and QuillFlow, ours is faster.", "QuillFlow", "ZVIN")
    # a numbered citation after either name leaves the list whole
    assert added("Recommenders such as TarnRec [10] and QTN [9] do well.", "TarnRec", "QTN")
    assert added("Recommenders such as QTN [3, 9] and TarnRec [10] do well.", "TarnRec", "QTN")
    # very unlikely, generic (hardware), a unit after a number, part of a compound, the modifier of a task's head
    assert not added("Compared with QuillFlow and ZVIN, ours is faster.", "QuillFlow", "ZVIN", score=0.01)
    assert not added("Runs on QuillFlow and GPU servers.", "QuillFlow", "GPU")
    assert not added("It reaches 61 FPS and QuillFlow reaches 40.", "QuillFlow", "FPS")
    assert not added("Compared with QuillFlow and ZV-decay, ours is faster.", "QuillFlow", "ZV")
    assert not added("Cues pass between the QuillFlow and CDZR tasks.", "QuillFlow", "CDZR")
    # only the acronym proposer's bare acronyms: a capitalised run's word is left to the run
    text = "Compared with QuillFlow and ZVIN, ours is faster."
    cands = [_cand(text, "QuillFlow", strong=True), _cand(text, "ZVIN", "abbrev-short")]
    assert _with_listed_words(text, cands, [[0], [1]], [0, 1], [0], np.array([0.9, 0.1])) == [0]


def test_decide_a_one_word_name_a_comparison_leads_to_is_a_name():
    import numpy as np

    from graphbuild.nlp.decide import _with_compared_words
    text = ("Our engine is fairer than Brindle and Ostrel, while Mendo is unchanged. It is 2.1x faster than "
            "Quellor and 30% cheaper than Vaskin 2. It beats TORVA by 28% and runs 3x faster than CPU.")
    cut1, cut2 = text.index(" It ") + 1, text.rindex(" It ") + 1
    sents = [(0, cut1), (cut1, cut2), (cut2, len(text))]
    names = [("Quellor", "capword"), ("Vaskin", "capword"), ("TORVA", "acronym"), ("Brindle", "capword"),
             ("Ostrel", "capword"), ("Mendo", "capword"), ("CPU", "acronym")]
    cands = [_cand(text, n, src, sentence=sum(text.index(n) >= s for s, _ in sents) - 1) for n, src in names]
    groups, group_of = [[i] for i in range(len(cands))], list(range(len(cands)))
    # measured ("2.1x faster than", "beats X by 28%") at a low score; a bare comparison ("fairer than X and
    # Y") only at a higher one; a word a run goes on from ("Vaskin 2"), one no comparison leads to and a
    # generic word ("CPU") stay out
    probs = np.array([0.03, 0.03, 0.03, 0.2, 0.2, 0.2, 0.2])
    assert _with_compared_words(text, sents, cands, groups, group_of, [], probs) == [0, 2, 3, 4]
    low = np.array([0.03, 0.03, 0.03, 0.05, 0.05, 0.2, 0.2])
    assert _with_compared_words(text, sents, cands, groups, group_of, [], low) == [0, 2]
    # very unlikely words stay out even after a measured comparison
    assert _with_compared_words(text, sents, cands, groups, group_of, [], np.full(7, 0.01)) == []
    # a direction between two names is no name compared against ("adapts 2x better than Brindle-to-Ostrel")
    text = "It adapts 2x better than Brindle-to-Ostrel here."
    pair = [_cand(text, "Brindle-to-Ostrel", "capword", sentence=0)]
    assert _with_compared_words(text, [(0, len(text))], pair, [[0]], [0], [], np.array([0.5])) == []


def test_decide_a_name_a_result_is_measured_above_or_over_is_compared_with():
    import numpy as np

    from graphbuild.nlp.decide import _with_compared_words

    def added(text: str, name: str, source: str = "acronym") -> bool:
        cands = [_cand(text, name, source, sentence=0)]
        return _with_compared_words(text, [(0, len(text))], cands, [[0]], [0], [], np.array([0.03])) == [0]

    # a number before "above", or a number by which after the name ("above X by", "over X by")
    assert added("It reaches 75.8 mIoU, 2.9 points above QPS on the set.", "QPS")
    assert added("It obtains 0.632 MRR there, above TarnComplEx by 2.2 points.", "TarnComplEx", "shape")
    assert added("Our linker improves accuracy over mZORB by 2.4 points.", "mZORB", "shape")
    # no number: "above" and "over" alone compare nothing
    assert not added("As reported in the study above QPS runs slower here.", "QPS")
    assert not added("We run the evaluation over QPS records and report accuracy.", "QPS")
    # a name of the shape proposer after any measured comparison
    assert added("It is 2.1x faster than ZeViLA on long clips.", "ZeViLA", "shape")


def test_extract_a_system_a_paper_reports_numbers_against():
    found = {e.name for e in extract_text("Our store answers lookups 2.5x faster than Pellow and by 37% relative "
                                          "to Dravik under the same load.", title="Fast Lookups").entities}
    assert {"Pellow", "Dravik"} <= found


def test_an_acronym_the_text_spells_otherwise_is_not_the_gazetteers_long_form():
    # "MPC" is model predictive control in the gazetteer; a text that spells it out as another
    # capitalised name, and says nothing of that control, means that other thing
    other = extract_text("Protocols of Secure Multi-Party Computation let parties compute a statistic jointly. "
                         "We benchmark three noise samplers inside MPC frameworks.", title="Benchmarking Samplers")
    assert "MPC" in {e.name for e in other.entities}
    assert "model predictive control" not in {e.name for e in other.entities}
    # without another reading, the known meaning stands
    known = extract_text("We tune the MPC controller of a quadrotor.", title="Tuning Controllers")
    assert "model predictive control" in {e.name for e in known.entities}


def test_features_a_subtitle_opening_that_does_not_spell_the_head_describes_it():
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import _FLAGS, _flag_names

    def place(title: str, phrase: str) -> tuple[object, ...]:
        doc = DocContext(title, [(0, len(title))], len(title))
        return doc.place_key(_cand(title, phrase, "titleseg"), False)

    # "Quibble: Few-shot Sparse Retrieval ...": the subtitle says what Quibble is, it names nothing else
    described = place("Quibble: Few-shot Sparse Retrieval From Examples", "Few-shot Sparse Retrieval")
    assert described[5] and "subtitle_opening" in _flag_names(("flags", "titleseg", 1, *[False] * len(_FLAGS), "",
                                                                 described))
    # a subtitle that spells the head out is its long form; a phrase later in the subtitle is not its opening
    assert not place("ZoPyDA: Zonal Pyramid Domain Adaptation for Pose", "Zonal Pyramid Domain Adaptation")[5]
    assert not place("Quibble: Retrieval with Sparse Zorb Codes", "Sparse Zorb Codes")[5]


def test_the_account_in_a_code_address_is_no_name():
    ex = extract_text("We present Zorbformer, a simple segmentation model that scores well on ADE20K. Code will be "
                      "released at: github.com/QuibLabs/Zorbformer.", title="Zorbformer: Simple Segmentation")
    names = {e.name for e in ex.entities}
    assert "Zorbformer" in names and "QuibLabs" not in names


def test_lexicon_a_venue_with_its_year_is_generic():
    from graphbuild.nlp.lexicon import is_generic

    assert is_generic("NeurIPS 2023") and is_generic("SaTML'24") and is_generic("ICLR-2024")
    # a name that is no venue keeps its year: a data set's edition, a version
    assert not is_generic("Zorbset 2023") and not is_generic("Quib'24")


def test_a_dash_written_as_a_hyphen_before_an_article_and_a_known_acronym_read_otherwise():
    from graphbuild.nlp.textclean import clean_text

    assert clean_text("We introduce Zorb-a new model-and more.") == "We introduce Zorb a new model-and more."
    # the title spells "MPC" out as its own name: the paper's method, not model predictive control
    ex = extract_text("This paper introduces MPC-a novel protocol family for private sums. MPC outperforms the "
                      "baselines on three benchmarks.", title="Multi-Party Computing for Private Sums")
    mpc = next(e for e in ex.entities if "MPC" in e.mentions)
    assert mpc.name == "MPC" and mpc.proposed


def test_patterns_our_new_named_benchmark_and_a_name_released_alone_are_the_papers_own():
    from graphbuild.nlp.patterns import cue_candidates

    text = "We compare two models on our new Quillmark benchmark. We release Zorbpile to the community."
    found = {(c.text, c.proposed) for c in cue_candidates(text, [(0, 53), (54, len(text))])}
    assert ("Quillmark", True) in found and ("Zorbpile", True) in found
    # what is released with a kind noun after it is left to the other cues; a generic name is no name
    assert not list(cue_candidates("We release PyTorch code.", [(0, 24)]))


def test_decide_a_known_name_holding_a_kept_known_name_is_the_mention():
    import numpy as np

    from graphbuild.nlp.decide import _with_known_wholes
    text = "We compare Zorb 2 with Quib."
    cands = [_cand(text, "Zorb 2", "gazetteer"), _cand(text, "Zorb", "gazetteer"), _cand(text, "Quib", "gazetteer")]
    groups, group_of, entries = [[0], [1], [2]], [0, 1, 2], ["zorb-2", "zorb", "quib"]
    # "Zorb" is kept, so "Zorb 2" that holds it is too (the longer span then wins)
    assert _with_known_wholes(cands, groups, group_of, [1, 2], entries, np.array([0.2, 0.5, 0.9])) == [0, 1, 2]
    # not when the whole is very unlikely, nor for a name the gazetteer does not know
    assert _with_known_wholes(cands, groups, group_of, [1, 2], entries, np.array([0.01, 0.5, 0.9])) == [1, 2]
    assert _with_known_wholes(cands, groups, group_of, [1, 2], [None, "zorb", "quib"],
                              np.array([0.2, 0.5, 0.9])) == [1, 2]


def test_pipeline_our_before_a_name_and_a_spaced_based_after_it_are_no_part_of_it():
    from graphbuild.nlp.pipeline import _entity_from, _with_class_nouns, make_pipeline

    text = "Our Conversational Zorb Sampling picks items. The Quibnet based variant is faster than Quibnet."
    gaz = make_pipeline().get_pipe("graphbuild_gazetteer").gazetteer
    ours = _cand(text, "Our Conversational Zorb Sampling", "caprun", type="Method")
    assert _entity_from([ours], text, [(0, len(text))], gaz).name == "Conversational Zorb Sampling"
    based, plain = _cand(text, "Quibnet based"), Candidate(text.rindex("Quibnet"), len(text) - 1, "Quibnet", "shape")
    assert _with_class_nouns([[plain], [based]]) == [[plain, based]]


def test_abbreviations_a_colon_in_the_abstract_spells_a_short_form_out():
    from graphbuild.nlp.abbreviations import find_title_and_apposed_abbreviations

    text = "Zorb Layers. We introduce ZORB: Zonal Ordered Residual Blocks, a new layer. Results: Better on ImageNet."
    pairs = find_title_and_apposed_abbreviations(text, 12)
    assert [(p.short, p.long) for p in pairs] == [("ZORB", "Zonal Ordered Residual Blocks")]


def test_a_long_form_written_right_before_its_short_form_is_a_definition():
    from graphbuild.nlp.abbreviations import find_title_and_apposed_abbreviations

    text = "Zorb. We train a model which we call Zonal Ordered Residual Blocks ZORB. It is fast."
    assert [(p.short, p.long) for p in find_title_and_apposed_abbreviations(text, 5)] == [
        ("ZORB", "Zonal Ordered Residual Blocks")]
    ex = extract_text("We train a large model which we call Quillar Language Model QaLM on many tokens. QaLM "
                      "beats Zorbnet on reasoning.", title="Scaling Quillar")
    names = {e.name for e in ex.entities}
    assert "QaLM" in names and not any("Model QaLM" in n for n in names)


def test_lexicon_a_generic_name_after_a_plain_modifier_is_generic():
    from graphbuild.nlp.lexicon import is_generic

    assert is_generic("Deep Convolutional Neural Networks") and is_generic("Large Transformer")
    assert not is_generic("Deep Zorbnet") and not is_generic("Simple Quib-Q-Network")


def test_a_known_metric_is_no_scored_entity_unless_the_paper_names_its_own_thing_so():
    ex = extract_text("Calibration helps on tasks with a large label bias (up to 37% in Macro-F1) across many "
                      "datasets.", title="Zorb Calibration for In-context Learning")
    assert "Macro-F1" not in {e.name for e in ex.entities}
def test_features_capitalised_words_coordinated_mid_sentence_name_things():
    from graphbuild.nlp.features import _capitalised_list
    text = "Schedulers such as Quibble and Zorvane ignore this; the Vexa system, however, does not."
    before, after = text[:text.index("Quibble")].rstrip(), text[text.index("Quibble") + 7:]
    assert _capitalised_list("Quibble", before, after)
    at = text.index("Zorvane")
    assert _capitalised_list("Zorvane", text[:at].rstrip(), text[at + 7:])
    # a capital alone in its sentence is no list; nor is a run or an all-capitals word
    at = text.index("Vexa")
    assert not _capitalised_list("Vexa", text[:at].rstrip(), text[at + 4:])
    assert not _capitalised_list("Quibble Net", before, after) and not _capitalised_list("QBL", before, after)


def test_features_a_candidate_coordinated_with_a_known_name():
    from graphbuild.nlp.features import coordinated_with
    text = "We reproduce Quorvin, Zebrel and BayesKnown on two workloads, then Mollo with BayesKnown."
    known = [(text.index("BayesKnown"), text.index("BayesKnown") + 10),
             (text.rindex("BayesKnown"), text.rindex("BayesKnown") + 10)]
    assert coordinated_with(text, _cand(text, "Zebrel", "capword"), known)
    assert not coordinated_with(text, _cand(text, "Quorvin", "capword"), known)  # two names away
    assert not coordinated_with(text, _cand(text, "Mollo", "capword"), known)  # "with" does not coordinate
    text2 = "BayesKnown and Quorvin fail."
    assert coordinated_with(text2, _cand(text2, "Quorvin", "capword"), [(0, 10)])


def test_pipeline_a_known_name_written_only_in_lower_case_keeps_its_written_form():
    from graphbuild.nlp.pipeline import _entity_from
    gaz = Gazetteer([GazEntry("Wobbly Fusion Model", "Model", ()), GazEntry("quorbic pooling", "Method", ())])
    text = "A wobbly fusion model then renders it. Wobbly Fusion Model wins. We apply quorbic pooling."
    lower = _cand(text, "wobbly fusion model", "gazetteer", type="Model")
    # described in lower case only: a family, named as written
    assert _entity_from([lower], text, [(0, len(text))], gaz).name == "wobbly fusion model"
    # written with its capitals once: the known name
    upper = _cand(text, "Wobbly Fusion Model", "gazetteer", type="Model")
    assert _entity_from([lower, upper], text, [(0, len(text))], gaz).name == "Wobbly Fusion Model"
    pooled = _cand(text, "quorbic pooling", "gazetteer", type="Method")
    assert _entity_from([pooled], text, [(0, len(text))], gaz).name == "quorbic pooling"


def test_lexicon_one_list_of_natural_languages():
    from graphbuild.nlp import decide, gazetteer
    from graphbuild.nlp.lexicon import LANGUAGES, generic_keys, is_generic
    from graphbuild.resources import data_path
    # generic.txt's section of languages holds only languages of the list (and the list is generic words)
    section = data_path("generic.txt").read_text().split("# natural languages")[1].split("\nPart I\n")[0]
    listed = [w for w in section.split("\n")[1:] if w]
    assert listed and set(listed) <= set(LANGUAGES)
    assert generic_keys() and is_generic("Swahili")
    # translation directions and data sets' scope adjectives take every language of it
    assert gazetteer._LANGUAGE_PAIR.fullmatch("Yoruba-Inuktitut")
    assert {"Yoruba", "Inuktitut"} <= decide._SCOPE_ADJECTIVES


def test_pipeline_a_lower_case_phrase_capitalised_only_where_it_opens_a_sentence_is_named_in_lower_case():
    from graphbuild.nlp.pipeline import _entity_from
    gaz = Gazetteer([])
    text = "Quorbic pooling cuts cost. We add quorbic pooling to Zorb. It beats Wobble Fusion."
    opening, inside = _cand(text, "Quorbic pooling", "lowerphrase"), _cand(text, "quorbic pooling", "lowerphrase")
    sents = [(0, len(text))]
    assert _entity_from([opening], text, sents, gaz).name == "quorbic pooling"
    assert _entity_from([opening, opening], text, sents, gaz).name == "quorbic pooling"
    assert _entity_from([opening, inside], text, sents, gaz).name in ("quorbic pooling",)
    # a capitalised phrase inside a sentence keeps its capitals
    assert _entity_from([_cand(text, "Wobble Fusion", "caprun")], text, sents, gaz).name == "Wobble Fusion"
    text2 = "We add Quorbic pooling to Zorb."
    assert _entity_from([_cand(text2, "Quorbic pooling", "lowerphrase")], text2, sents, gaz).name == "Quorbic pooling"
def test_roles_a_common_phrase_opening_the_title_is_no_proposal_by_its_place():
    from graphbuild.nlp.roles import assign_roles

    def opener(title: str, abstract: str) -> bool:
        text = f"{title}\n\n{abstract}"
        words = title.split(":")[0].split(" in ")[0]
        c = Candidate(0, len(words), words, "titleseg", sentence=0)
        assign_roles(text, [(0, len(title)), (len(title) + 2, len(text))], [c], len(title))
        return c.proposed

    # a field's name the abstract writes as a common noun: the title's first place makes it no proposal
    assert not opener("Gloop Wrangling in Tiny Zorbers", "Interest in gloop wrangling grows. We study it at scale.")
    # a coined word, the whole head before a colon, or a phrase the abstract never writes in lower case stay
    assert opener("GloopNet Wrangling in Tiny Zorbers", "GloopNet wrangling has spread. We study it.")
    assert opener("Gloop Wranglers: Steering Tiny Zorbers", "We call our tool gloop wranglers.")
    assert opener("Gloop Wrangling in Tiny Zorbers", "We present Gloop Wrangling, a tool for zorbers.")


def test_roles_a_decimal_point_does_not_end_a_comparison():
    from graphbuild.nlp.roles import role_of

    text = "Quokka reaches 0.62, compared with 0.54 for Ferrex and 0.57 for Mollo-VC. We use Zibber. It is 2.5x faster."
    sentence = (0, text.index(" We use"))
    assert role_of(text, sentence, _cand(text, "Mollo-VC"), "Model") == "compares_with"
    # a sentence's full stop still ends it
    after = (sentence[1] + 1, len(text))
    assert role_of(text, after, _cand(text, "Zibber"), "Model") == "uses"


def test_roles_a_comparison_with_its_object_pronoun_between():
    from graphbuild.nlp.roles import role_of

    text = "We build Quokka and compare it with Ferrex-Q on two tasks."
    assert role_of(text, (0, len(text)), _cand(text, "Ferrex-Q"), "Method") == "compares_with"
    plain = "We build Quokka and deploy it with Ferrex-Q on two tasks."
    assert role_of(plain, (0, len(plain)), _cand(plain, "Ferrex-Q"), "Method") == "uses"


def test_decide_a_title_phrase_in_a_proposed_names_appositive_is_its_kind():
    from graphbuild.nlp.decide import _title_descriptions

    title = "Zorronet: Gloopy Image Coding with Spiking Networks"
    text = f"{title}\n\nWe present Zorronet, a gloopy image coding network that codes images."
    end = len(title)
    phrase = _cand(text, "Gloopy Image Coding", "titleseg")
    lower = _cand(text, "gloopy image coding", "lowerphrase", sentence=1)
    name = _cand(text[end:], "Zorronet", "cue", proposed=True, sentence=1)
    name.start, name.end = name.start + end, name.end + end
    cands = [phrase, lower, name]
    kept = [([0, 1], "Method", [0, 1]), ([2], "Method", [2])]
    assert _title_descriptions(cands, kept, [True, True], end, text) == [False, True]
    # the name not proposed, or the phrase after a clause of its own: the phrase stays proposed
    assert _title_descriptions(cands, kept, [True, False], end, text) == [True, False]
    text2 = text.replace("a gloopy", "which beats a gloopy")
    lower2 = _cand(text2, "gloopy image coding", "lowerphrase", sentence=1)
    assert _title_descriptions([phrase, lower2, name], kept, [True, True], end, text2) == [True, True]


def test_pipeline_a_short_capital_word_after_a_name_is_one_of_its_forms():
    from graphbuild.nlp.pipeline import suffixed_forms
    text = "We beat QuorbIT QX at equal time, ZorbNet with pruning and KlampFS RT-2 in memory."
    cands = [_cand(text, "QuorbIT"), _cand(text, "ZorbNet"), _cand(text, "KlampFS")]
    assert suffixed_forms(cands, text) == ["QuorbIT QX"]


def test_pipeline_a_method_is_named_with_the_toolkit_written_before_it():
    from graphbuild.nlp.pipeline import extract_text
    title = "Quibble: Registering Slides"
    text = "We propose Quibble. It reduces the landmark error by 31% compared with ZORKs SyQ and Blorpnet."
    ex = extract_text(text, title=title)
    assert any("ZORKs SyQ" in e.mentions for e in ex.entities if "SyQ" in e.mentions)


def test_patterns_the_authors_artifact_set_off_after_its_kind_is_a_proposed_name():
    from graphbuild.nlp.patterns import cue_candidates
    text = "Unlike Frob, which logs every write, our design, Quillstone, also prevents lost updates."
    got = [(c.text, c.proposed) for c in cue_candidates(text, [(0, len(text))])]
    assert ("Quillstone", True) in got
    # a name set off after someone else's kind is none of the authors'
    other = "Unlike their design, Quillstone, which logs every write, ours prevents lost updates."
    assert not any(c.text == "Quillstone" for c in cue_candidates(other, [(0, len(other))]))


def test_pipeline_a_slash_part_and_a_singular_class_noun_are_forms_of_a_name():
    from graphbuild.nlp.pipeline import subset_heads, suffixed_forms
    text = "It removes checks on the ZorbBench/C suite and uses Quib-Frob codes for parity."
    cands = [_cand(text, "ZorbBench"), _cand(text, "Quib-Frob codes", "caprun")]
    assert suffixed_forms(cands, text) == ["ZorbBench/C", "Quib-Frob code"]
    split = "Word error rate on QuillSpeech test-clean drops."
    assert subset_heads([_cand(split, "QuillSpeech test-clean", "caprun")]) == ["QuillSpeech"]


def test_pipeline_a_split_or_a_size_written_after_a_name_is_one_of_its_forms():
    from graphbuild.nlp.pipeline import suffixed_forms
    text = "It reaches 60% on Quorb2F-test, tunes Zorbfusion 3 Medium and beats Frob-based parsers."
    cands = [_cand(text, "Quorb2F"), _cand(text, "Zorbfusion 3", "caprun"), _cand(text, "Frob", "capword")]
    assert suffixed_forms(cands, text) == ["Quorb2F-test", "Zorbfusion 3 Medium"]


def test_pipeline_a_capital_prefix_joined_before_a_name_is_one_of_its_forms():
    from graphbuild.nlp.pipeline import suffixed_forms
    text = "FID drops on QX-ZORB captions and on Frobset."
    cands = [_cand(text, "ZORB captions", "gazetteer"), _cand(text, "Frobset", "capword")]
    assert suffixed_forms(cands, text) == ["QX-ZORB captions", "QX-ZORB", "ZORB caption"]


def test_lexicon_number_formats_units_and_non_properties_are_generic():
    from graphbuild.nlp.lexicon import is_generic

    assert all(is_generic(n) for n in ("FP16", "INT8", "Float16", "dB", "CO2e", "non-IID", "non-Zorbian"))
    # a name opening with "Non-" and a lower-case word is a name ("Non-local Neural Networks")
    assert not is_generic("Non-local") and not is_generic("non-Zorb block")


def test_decide_two_names_joined_by_a_plus_are_two_names():
    from graphbuild.nlp.decide import _listed_halves

    text = "ZorbNet+QPN reaches 40.4 AP, surpassing Quib++ and C++ code."
    assert _listed_halves(_cand(text, "ZorbNet+QPN")) == ((0, 7), (8, 11))
    # the "++" of a name joins nothing
    assert _listed_halves(_cand(text, "Quib++")) is None
def test_patterns_a_plain_title_head_the_abstract_repeats_in_any_case_is_a_name():
    from graphbuild.nlp.patterns import title_candidate

    title = "Quibble Sorting: Rethinking Zorb Orders for Flimsy Lists"
    said = f"{title}\n\nQuibble sorting is a way to order flimsy lists; quibble sorting beats zorb orders."
    cand = title_candidate(said, len(title))
    assert cand is not None and cand.text == "Quibble Sorting" and cand.proposed
    # never repeated, or the topic of a survey: no name
    silent = f"{title}\n\nWe order flimsy lists another way."
    assert title_candidate(silent, len(title)) is None
    survey = "Quibble Sorting: A Survey of Flimsy Lists"
    assert title_candidate(f"{survey}\n\nQuibble sorting is old; we review it.", len(survey)) is None


def test_patterns_a_title_phrase_past_its_opening_gerund_is_a_candidate():
    from graphbuild.nlp.patterns import title_segment_candidates

    title = "Distilling Quibble Flux Networks for Zorb Parsing"
    text = f"{title}\n\nWe distill quibble flux networks into small parsers."
    found = {c.text for c in title_segment_candidates(text, len(title))}
    assert {"Quibble Flux Networks", "quibble flux networks", "Zorb Parsing"} <= found
    hyphened = "Fine-tuning Quibble Flux Networks for Zorb Parsing"  # a hyphenated gerund too
    assert "Quibble Flux Networks" in {c.text for c in title_segment_candidates(hyphened, len(hyphened))}
    # one word left after the gerund: no phrase (the verb and the one name after it; other proposers find
    # the name)
    short = "Distilling Quibbles for Zorb Parsing"
    assert "Distilling Quibbles" not in {c.text for c in title_segment_candidates(short, len(short))}


def test_types_a_title_colon_phrase_without_article_and_a_title_form_outside_the_group():
    """"Zorbling: Small Multilingual Quill Models in Two Sizes" types Zorbling Model as "Zorbling: A … Model"
    does (not a gerund's phrase, save one that evaluates: "Zorbling: Evaluating Quill Models" is a
    benchmark); a name whose title form belongs to a longer run ("The Quillmark-Pro Dataset") still takes
    the title's type at its abstract mentions."""
    from graphbuild.nlp.decide import _defined_type
    from graphbuild.nlp.features import defined_type

    title = "Zorbling: Small Multilingual Quill Models in Two Sizes"
    assert defined_type(title, len(title), _cand(title, "Zorbling")) == "Model"
    title2 = "Zorbling: Evaluating Quill Models for Ferrex Tables"
    assert defined_type(title2, len(title2), _cand(title2, "Zorbling")) == "Dataset"  # a benchmark's title
    title_gerund = "Zorbling: Reading Quill Models for Ferrex Tables"  # another gerund: no type
    assert defined_type(title_gerund, len(title_gerund), _cand(title_gerund, "Zorbling")) is None
    title_agents = "Zorbling: Hierarchical Quill Agents for Ferrex Tables"  # a system around models: no type
    assert defined_type(title_agents, len(title_agents), _cand(title_agents, "Zorbling")) is None
    title3 = "Zorbling: Native-Resolution Quill Encoders"
    assert defined_type(title3, len(title3), _cand(title3, "Zorbling")) == "Model"
    title4 = "Grading Quills, Not Answers: The Quillmark-Pro Dataset for Reading"
    text = f"{title4}\n\nWe release Quillmark-Pro, 900 graded quills. Using Quillmark-Pro, we grade Ferrex."
    own = Candidate(text.index("Quillmark-Pro,"), text.index("Quillmark-Pro,") + 13, "Quillmark-Pro", "shape",
                    proposed=True)
    later = Candidate(text.rindex("Quillmark-Pro"), text.rindex("Quillmark-Pro") + 13, "Quillmark-Pro", "shape")
    assert _defined_type(text, len(title4), [own, later], [0, 1]) == "Dataset"


def test_types_the_authors_typed_name_keeps_its_type_beside_a_known_family():
    """"ImageNet-Lite: A Self-Supervised Foundation Model" names a model though its stem is a known data set:
    the authors' own words type their name, over the family's type."""
    title = "ImageNet-Lite: A Self-Supervised Foundation Model for Quill Imaging"
    abstract = ("Quill imaging lacks labels. We present ImageNet-Lite, pretrained on 3 million quill frames, and "
                "evaluate it on ImageNet and on Ferrex-QA, where it improves accuracy by 4.1 points.")
    types = {e.name: e.type for e in extract_text(abstract, title=title).entities}
    assert types.get("ImageNet-Lite") == "Model"
def test_features_a_plain_title_phrase_of_a_paper_that_studies_and_proposes_nothing():
    title = "Stacked Gloaming of Tiny Parsers: When Does It Help?"
    end = len(title)
    text = f"{title}\n\nWe study when stacked gloaming beats plain training, measuring it on Fennix-2 and Morrow."
    phrase = [_cand(text, "Stacked Gloaming", "titleseg")]
    assert "title_of_study" in entity_features(text, end, phrase, [0], "Method", False)
    # the same phrase where the abstract brings something of its own is no study's topic
    text2 = f"{title}\n\nWe study gloaming. We propose stacked gloaming, which helps on Fennix-2."
    phrase2 = [_cand(text2, "Stacked Gloaming", "titleseg")]
    assert "title_of_study" not in entity_features(text2, end, phrase2, [0], "Method", False)
    # a coined name at the title's start is none either
    title3 = "GlomNet: When Does It Help?"
    text3 = f"{title3}\n\nWe study when GlomNet beats plain training."
    assert "title_of_study" not in entity_features(text3, len(title3), [_cand(text3, "GlomNet", "title")], [0],
                                                   "Model", False)


def _rows(text: str, title_end: int, cands: list[Candidate]) -> list[dict[str, float]]:
    """Every candidate's features (no gazetteer), the candidates numbered by their sentence."""
    from graphbuild.nlp.decide import prepare
    from graphbuild.nlp.lexicon import split_sentences

    sents = split_sentences(text)
    for c in cands:
        c.sentence = next(i for i, (s, e) in enumerate(sents) if s <= c.start < e)
    return prepare(text, sents, title_end, cands, None).features


def test_features_a_family_stem_written_alone_beside_its_variant():
    title = "Quillon-v2: Pretraining on Longer Series"
    text = f"{title}\n\nWe present Quillon-v2. Compared with the original Quillon model, it reads longer series."
    variant = _cand(text, "Quillon-v2", strong=True)
    inside = Candidate(0, 7, "Quillon", "gazetteer")
    alone = _cand(text, "Quillon model", "capword")
    alone.end, alone.text = alone.start + 7, "Quillon"
    rows = _rows(text, len(title), [variant, inside, alone])
    # the stem alone names the first release; the stem that opens the variant's own mention names nothing
    assert "stem_of_variant" in rows[2] and "stem_of_variant" not in rows[1]
    assert "stem_of_variant" not in rows[0]


def test_features_the_cue_before_a_list_holds_for_its_later_names():
    text = "T\n\nWe discuss learned indexes such as Zorbix, Quellant and Marrowfin, and compare with Plinth."
    cands = [_cand(text, n, "capword") for n in ("Zorbix", "Quellant", "Marrowfin", "Plinth")]
    rows = _rows(text, 1, cands)
    assert "LL=as" in rows[1] and "LL=as" in rows[2]
    # the first name has the cue as its own left word; a name after a plain word leads no list
    assert not any(k.startswith("LL=") for k in rows[0]) and not any(k.startswith("LL=") for k in rows[3])


def test_features_the_head_noun_of_a_phrase_past_coordinated_names():
    text = "T\n\nWe replay trajectories from the Zorbix and Quellant pedestrian datasets with the Plinth model."
    cands = [_cand(text, n, "acronym") for n in ("Zorbix", "Quellant", "Plinth")]
    rows = _rows(text, 1, cands)
    assert "Rphrase=Dataset" in rows[0] and "Rphrase=Dataset" in rows[1]
    # the head right after the name is Rhead's to tell
    assert not any(k.startswith("Rphrase=") for k in rows[2]) and "Rhead=Model" in rows[2]


def test_features_a_sentence_opening_on_a_name_reports_results_on_it():
    text = ("T\n\nOn Zorbset, our parser is fastest. On the Quellant and Marrowfin video benchmarks, it wins. "
            "Based on Plinth, we build a parser.")
    cands = [_cand(text, n, "acronym") for n in ("Zorbset", "Quellant", "Marrowfin", "Plinth")]
    rows = _rows(text, 1, cands)
    assert all("on_clause" in r for r in rows[:3])
    assert "on_clause" not in rows[3]


def test_features_no_list_cue_in_a_title_where_every_word_is_capitalised():
    title = "Cloth Simulation with Graph Networks and Hard Contact Limits"
    text = f"{title}\n\nWe simulate cloth with Zorbix and Quellant."
    cands = [_cand(text, "Hard Contact Limits", "titleseg"), _cand(text, "Quellant", "capword")]
    rows = _rows(text, len(title), cands)
    assert not any(k.startswith("LL=") for k in rows[0]) and "LL=with" in rows[1]
def test_forms_a_data_kind_noun_after_a_name_gives_a_form():
    """"the Quibbly suite", "Ferrex Cambridge traces": a reader may name the data with its kind noun."""
    from graphbuild.nlp.pipeline import headed_forms

    text = "We test on the Quibbly suite and on Ferrex Cambridge traces, then on the Zorbo Benchmark."
    cands = [_cand(text, "Quibbly", "capword"), _cand(text, "Ferrex Cambridge", "caprun"),
             _cand(text, "Zorbo", "capword")]
    assert headed_forms(cands, text) == ["Quibbly suite", "Ferrex Cambridge traces", "Zorbo Benchmark"]
    # a lower-case word or another noun after the name gives none
    text2 = "We test Quibbly traces of ferrex and Zorbo models."
    assert headed_forms([_cand(text2, "Zorbo", "capword")], text2) == []
    assert headed_forms([_cand(text2, "ferrex", "lowerphrase")], text2) == []


def test_forms_a_name_with_the_noun_phrase_it_opens_to_a_kind_gives_a_form():
    """"the Zorbo gravity dataset", "the Quibbly post-treatment glioma collection", "the Ferrex model": a reader may
    name the entity with the phrase; not past a verb, a plural or a function word, nor where a noun goes on."""
    from graphbuild.nlp.pipeline import headed_forms

    text = ("Trade flows come from the Zorbo gravity dataset and scans from the Quibbly post-treatment glioma "
            "collection, fitted with the Ferrex model.")
    cands = [_cand(text, "Zorbo", "capword"), _cand(text, "Quibbly", "capword"), _cand(text, "Ferrex", "capword")]
    assert headed_forms(cands, text) == ["Zorbo gravity dataset", "Quibbly post-treatment glioma collection",
                                         "Ferrex model"]
    text2 = "Zorbo reduces benchmark error, Quibbly trained models of the data, and the Ferrex data center fails."
    assert headed_forms([_cand(text2, n, "capword") for n in ("Zorbo", "Quibbly", "Ferrex")], text2) == []


def test_types_systems_heads_and_data_kind_nouns():
    """Allocators, collectors, transports, fuzzers, accelerators are methods; traces and workloads, data."""
    from graphbuild.nlp.lexicon import head_type

    assert {head_type(w) for w in ("allocator", "collector", "transport", "fuzzer", "accelerator", "daemon",
                                   "checker", "hypervisor")} == {"Method"}
    assert {head_type(w) for w in ("traces", "trace", "workload", "workloads", "suites")} == {"Dataset"}


def test_types_a_title_head_stops_at_a_preposition():
    """"Zorbit: A Bit-Serial Accelerator for Quantized Networks" is an accelerator (a method), not the
    networks it serves; with no head before the preposition, the title gives no type."""
    from graphbuild.nlp.features import defined_type

    title = "Zorbit: A Bit-Serial Accelerator for Quantized Quill Networks"
    assert defined_type(title, len(title), _cand(title, "Zorbit")) == "Method"
    title2 = "Zorbit: A Compact Design for Quantized Quill Networks"
    assert defined_type(title2, len(title2), _cand(title2, "Zorbit")) is None
    title3 = "Zorbit: A Suite of Quill Tasks for Ferrex Models"
    assert defined_type(title3, len(title3), _cand(title3, "Zorbit")) == "Dataset"


def test_types_a_name_after_a_bare_comma_that_opens_a_clause_is_no_list_item():
    """"On 139 patches from Ferrex4J, Quibsieve filters …": Quibsieve is the clause's subject, not a data
    set listed after Ferrex4J; "on Ferrex traces, Quibsieve estimates …" gives it no head either. A list
    ("Ferrex4J, Quibsieve and Mollo"; "Ferrex4J, Quibsieve models") still shares its votes."""
    from graphbuild.nlp.entity_types import context_votes
    from graphbuild.nlp.features import coordinated_with
    from graphbuild.nlp.lexicon import subject_after_comma

    text = "On 139 patches from Ferrex4J, Quibsieve filters out 56% of overfitting patches."
    known = [(text.index("Ferrex4J"), text.index("Ferrex4J") + 8)]
    assert not coordinated_with(text, _cand(text, "Quibsieve", "capword"), known)
    text2 = "Results on Ferrex4J, Quibsieve and Mollo."
    known2 = [(text2.index("Ferrex4J"), text2.index("Ferrex4J") + 8)]
    assert coordinated_with(text2, _cand(text2, "Quibsieve", "capword"), known2)
    assert subject_after_comma(", ", text, text.index("Quibsieve") + 9)
    assert not subject_after_comma(" and ", text, text.index("Quibsieve") + 9)  # no comma before: no clause opened
    assert not subject_after_comma(", ", text2, text2.index("Quibsieve") + 9)
    text3 = "Results on Ferrex4J, Quibsieve models hold."
    assert not subject_after_comma(", ", text3, text3.index("Quibsieve") + 9)  # a head noun: a list's kind
    text4 = "On Ferrex traces from 2018, Quibsieve estimates cardinality."
    c = _cand(text4, "Quibsieve", "capword")
    assert "Dataset" not in context_votes(text4, c.start, c.end, 0, len(text4))
    text5 = "We compare with the datasets, Quibsieve and Mollo."
    c5 = _cand(text5, "Quibsieve", "capword")
    assert context_votes(text5, c5.start, c5.end, 0, len(text5)).get("Dataset")


def test_features_how_much_a_paper_speaks_of_learning():
    """A paper with no word of machine learning (a systems paper) reads 0, one word 1, more 2: the type
    model's evidence that its names are methods and data rather than models."""
    from graphbuild.nlp.doc_context import DocContext

    def level(text: str) -> int:
        return DocContext(text, [(0, len(text))], 0).learning

    assert level("Zorbit: Leases for Replicated Logs\n\nZorbit hands leadership over in one round trip.") == 0
    assert level("Zorbit: Learned Leases\n\nZorbit hands leadership over in one round trip.") == 1
    assert level("Zorbit: Learned Leases\n\nA neural model trained on traces picks the leader.") == 2


def test_features_a_comparison_or_a_host_system_before_a_name():
    """"9x faster than Quibble", "relative to Quibble", "compared with Quibble": a name the paper measures
    itself against; "implemented in Quibble", "on top of Quibble": the system it builds into."""
    title = "Zorbit: Fast Leases"
    end = len(title)
    for sentence in ("It is 9x faster than Quibble on the same cluster.", "It lowers latency relative to Quibble.",
                     "Compared with Quibble, it halves the delay.", "Unlike Quibble, it needs no leader."):
        text = f"{title}\n\n{sentence}"
        assert "compared_before" in _names(text, end, "Quibble"), sentence
    for sentence in ("We implemented Zorbit in Quibble and ran it.", "We built Zorbit on top of Quibble."):
        text = f"{title}\n\n{sentence}"
        assert "built_in" in _names(text, end, "Quibble"), sentence
    text = f"{title}\n\nQuibble hands leadership over in one round trip."
    assert not {"compared_before", "built_in"} & _names(text, end, "Quibble")


def _names(text: str, end: int, name: str) -> set[str]:
    """The feature names of the one candidate ``name`` (a capitalised word) of ``text``."""
    from graphbuild.nlp.features import candidate_features, group_candidates
    from graphbuild.nlp.featurespace import FeatureSpace

    c = _cand(text, name, "capword")
    space = FeatureSpace()
    rows = candidate_features(text, [(0, end), (end + 2, len(text))], end, [c],
                              group_candidates([c], lambda _: None), [None], None, space)
    return set(space.named(rows[0]))


def test_patterns_a_data_structure_noun_and_plus_joined_words_stay_in_the_name():
    """"ZRQ*-tree" keeps its "-tree" (no adjective to trim, as "-based" is); "Gloam+Probe", plain words
    joined by a plus, is one strong name (an attack's, a technique's), no list of two."""
    from graphbuild.nlp.patterns import _chunk_names, shape_score

    assert _chunk_names("ZRQ*-tree", 0) == ((0, 9, "ZRQ*-tree", True),)
    assert _chunk_names("ZRQ-based", 0) == ((0, 3, "ZRQ", False),)
    assert shape_score("Gloam+Probe") == 2 and shape_score("Gloam+") == 0
    # an award's number in a funding line is no name ("supported by NSF grant QRS-0012345")
    assert shape_score("QRS-0012345") == 0 and shape_score("QRS-12") == 2


def test_types_an_edition_year_glued_to_a_name_ends_a_dataset_name():
    """"ZorbWeb2005", "QUIB CPU2017": a benchmark's or a collection's edition named by its year; a number
    that is no year ("Zorb2x50") or a year after a space ("Zorb 2005") is none."""
    from graphbuild.nlp.entity_types import _shape_type, _shape_type_by_rules

    for name in ("ZorbWeb2005", "QUIB CPU2017", "Quillset1998"):
        assert _shape_type(name) == "Dataset" == _shape_type_by_rules(name + "\n"), name
    assert _shape_type("Zorb2x50") is None and _shape_type("Zorb 2005") is None


# ---------------------------------------------------------------- one cue, every user (lexicon's shared words)

_FEATURE_LEAVES_OUT = ("surpass", "surpasses", "surpassed", "surpassing")


def _comparison_words(*left_out: str) -> list[str]:
    from graphbuild.nlp.lexicon import COMPARISON_WORDS
    return [w for w in COMPARISON_WORDS if w not in left_out]


def test_lexicon_each_comparison_word_fires_the_feature_before_a_name():
    from graphbuild.nlp.features import _COMPARED_BEFORE, _COMPARED_ENDS
    for word in _comparison_words(*_FEATURE_LEAVES_OUT):
        text = f"On the night shift Quillen ran steadier {word} the Zorbline scheduler."
        core = text[:text.index("Zorbline")].rstrip()
        assert core.endswith(_COMPARED_ENDS) and _COMPARED_BEFORE.search(core, len(core) - 30), word
    core = "Quillen surpasses"  # (measured: left out of the feature, see its comment)
    assert _COMPARED_BEFORE.search(core) is None


def test_lexicon_each_comparison_word_leads_decide_to_a_listed_one_word_name():
    from graphbuild.nlp.decide import _compared
    for word in _comparison_words():
        text = f"Quillen keeps its queue shorter {word} Zorbline and Mollo on the cluster."
        assert _compared(text[:text.index("Mollo")].rstrip()), word
    assert not _compared("Quillen keeps its queue shorter and Mollo")


def test_lexicon_each_comparison_word_makes_a_measured_comparison_in_decide():
    from graphbuild.nlp.decide import _measured
    for word in _comparison_words():
        text = f"Quillen is 2.1x steadier {word} Zorbline on the cluster."
        at = text.index("Zorbline")
        assert _measured(text[:at].rstrip(), text, at + 8), word
        text = f"Quillen {word} Zorbline by 28% on the cluster."
        at = text.index("Zorbline")
        assert _measured(text[:at].rstrip(), text, at + 8), word
    text = "Quillen runs beside Zorbline by 28 nodes."
    assert not _measured(text[:text.index("Zorbline")].rstrip(), text, text.index("Zorbline") + 8)


def test_lexicon_each_comparison_word_but_a_contrast_makes_a_name_compared_with_in_roles():
    from graphbuild.nlp.lexicon import CONTRAST_WORDS
    from graphbuild.nlp.roles import role_of
    for word in _comparison_words(*CONTRAST_WORDS):
        text = f"Quillen ran steadier {word} Zorbline on the night shift."
        assert role_of(text, (0, len(text)), _cand(text, "Zorbline"), "Method") == "compares_with", word
    # the clause after "Unlike X," is the paper's own: its name is no comparison's
    text = "Unlike Zorbline, Quillen needs no labels."
    assert role_of(text, (0, len(text)), _cand(text, "Quillen"), "Method") == "uses"
    text = "Quillen ran on more than 3 nodes, Zorbline among them."  # ("than" before a number compares an amount)
    assert role_of(text, (0, len(text)), _cand(text, "Zorbline"), "Method") == "uses"


_LIST_GAPS = (", ", " and ", ", and ", " or ", ", or ", " & ", " as well as ")


def test_lexicon_each_list_gap_coordinates_capitalised_words_in_the_features():
    from graphbuild.nlp.features import _capitalised_list, _on_clause, coordinated_with
    for gap in _LIST_GAPS:
        text = f"Schedulers such as Zorbline{gap}Quillen in the cloud drop jobs."
        at = text.index("Quillen")
        assert _capitalised_list("Quillen", text[:at].rstrip(), text[at + 7:]), gap  # (after a listed word)
        at = text.index("Zorbline")
        assert _capitalised_list("Zorbline", text[:at].rstrip(), text[at + 8:]), gap  # (before one)
        known = [(text.index("Quillen"), text.index("Quillen") + 7)]
        if len(gap) <= 6:  # (a known name at most six characters away)
            assert coordinated_with(text, _cand(text, "Zorbline", "capword"), known), gap
        text = f"On Zorbline{gap}Quillen, our scheduler drops no jobs."
        at = text.index("Quillen")
        assert _on_clause(text[:at].rstrip(), text[at + 7:]), gap
        at = text.index("Zorbline")
        assert _on_clause(text[:at].rstrip(), text[at + 8:]), gap
    text = "Schedulers such as Zorbline with Quillen drop jobs."
    at = text.index("Quillen")
    assert not _capitalised_list("Quillen", text[:at].rstrip(), text[at + 7:])


def test_lexicon_each_list_gap_lists_acronyms_and_names_before_a_shared_head():
    from graphbuild.nlp.features import _CAPS_AFTER, _CAPS_BEFORE, _phrase_head_after
    for gap in _LIST_GAPS:
        text = f"We tune ZQB{gap}QRT on one core."
        assert _CAPS_BEFORE.search(text, 0, text.index("QRT")) and _CAPS_AFTER.match(text[text.index("ZQB") + 3:]), gap
        text = f"the Zorbline{gap}Quillen pedestrian datasets"
        assert _phrase_head_after(text, text.index("Zorbline") + 8) == "Dataset", gap


def test_lexicon_each_list_gap_but_or_adds_a_listed_word_in_decide():
    import numpy as np

    from graphbuild.nlp.decide import _compared, _with_listed_words
    for gap in _LIST_GAPS:
        text = f"Schedulers such as Zorvex-2{gap}Quillen drop jobs."
        cands = [_cand(text, "Zorvex-2", strong=True), _cand(text, "Quillen", "capword")]
        expected = [0] if " or " in gap else [0, 1]  # ("or" offers alternatives: see _LISTED_AFTER)
        assert _with_listed_words(text, cands, [[0], [1]], [0, 1], [0], np.array([0.9, 0.1])) == expected, gap
        text = f"Quillen keeps its queue shorter than Zorbline{gap}Mollo on the cluster."
        assert _compared(text[:text.index("Mollo")].rstrip()), gap


def test_lexicon_one_version_suffix_serves_the_newer_version_and_the_family():
    from graphbuild.nlp.features import _NEWER_VERSION, _version_family
    for version in ("++", " 2", "-2.0", " 2.0.1", "-v3", "v2"):
        assert _NEWER_VERSION.fullmatch(f"ferrex{version}", 6), version
        assert _version_family(f"Ferrex{version}") == "ferrex", version
    assert _NEWER_VERSION.fullmatch("ferrex-xl", 6) and _version_family("Ferrex-XL") is None  # (a tier, no version)
def test_doc_context_learning_words_are_whole_words():
    """How much a paper speaks of machine learning counts words ("trained", "transformers"), never the
    opening of a name written with such letters ("Trainvale", "Deep9K", "Learnova")."""
    from graphbuild.nlp.doc_context import DocContext

    def learning(text: str) -> int:
        return DocContext(text, [(0, len(text))], text.find("\n\n")).learning

    assert learning("Quib Logs\n\nWe replay Trainvale traces on Deep9K and Learnova hosts.") == 0
    assert learning("Quib Logs\n\nWe replay traces of a trained ranker.") == 1
    assert learning("Quib Logs\n\nFine-tuned transformers and deep pretraining.") == 2


def test_patterns_an_eponym_is_no_last_word_of_a_longer_name():
    """"Zelko Varnish approximation": a method named after two capitalised words; "Varnish approximation"
    alone names nothing. A sentence's article or a function word before the eponym is no part of it."""
    from graphbuild.nlp.patterns import eponym_candidates

    text = "T\n\nWe use a Zelko Varnish approximation. The Quarles filter tracks it, as in Brennick closure."
    assert [c.text for c in eponym_candidates(text, 1)] == ["Quarles filter", "Brennick closure"]


def test_patterns_an_eponym_may_be_possessive_or_have_words_before_its_head():
    """"Quarnby's algorithm", "Castorides' algorithm", "Fenwright's trace estimator", "the Drummel-Ostrava graph
    colouring", "A Quelly filter" opening a sentence: a surname, perhaps possessive, then up to two lower-case words
    and the kind of technique (not after a capitalised word: "NASA Quelly filter"). Not a
    function word or a verb between ("Tobbin and the method", "Pellory uses filter"), not a technique word before
    the head ("Zelkin sampling scheme" names Zelkin sampling), not a possessive with no technique ("Tobbin's team")."""
    from graphbuild.nlp.patterns import eponym_candidates

    text = ("T\n\nWe revisit Quarnby's algorithm and Castorides' algorithm, replace Fenwright's trace estimator and "
            "the Drummel-Ostrava graph colouring, and add a Hollerin projection and a Tarrow-Quist analysis. A Quelly "
            "filter smooths it; NASA Quelly filter is another.")
    assert [c.text for c in eponym_candidates(text, 1)] == [
        "Quarnby's algorithm", "Castorides' algorithm", "Fenwright's trace estimator",
        "Drummel-Ostrava graph colouring", "Hollerin projection", "Tarrow-Quist analysis", "Quelly filter"]
    assert all(c.type is None and c.votes == {"Method": 1.5} for c in eponym_candidates(text, 1))
    other = ("T\n\nAs in Tobbin and the method, where Pellory uses filter, with the Zelkin sampling scheme. "
             "Tobbin's team and Tobbin' algorithm.")
    assert [c.text for c in eponym_candidates(other, 1)] == []


def test_decide_an_unclaimed_eponym_is_not_proposed():
    """A method named after a person that the paper does not claim is someone's earlier work: found, not
    proposed, even where the abstract builds on it."""
    title = "Faster Multi-Scalar Multiplication on Elliptic Curves"
    text = ("Multi-scalar multiplication dominates the cost of proof generation. We revisit Quarnby's algorithm and "
            "show that a bucket layout matched to the cache cuts its running time by 31% on 2^20 points.")
    found = {e.name: e for e in extract_text(text, title=title).entities}
    assert "Quarnby's algorithm" in found and not found["Quarnby's algorithm"].proposed


def test_patterns_a_run_across_a_possessive_names_what_is_owned():
    """"Zorbo's Quill Tree Sampler": the paper's system (or a company) owns a name; the run across the
    possessive joins two names, no one; the part after it is proposed alone."""
    from graphbuild.nlp.patterns import shape_candidates

    text = "T\n\nOn ten models, Zorbo's Quill Tree Sampler beats the Fennec Join of Acme's Private Mixer."
    runs = {c.text for c in shape_candidates(text, 1, [(3, len(text))]) if c.source in ("titlecase", "caprun")}
    assert {"Quill Tree Sampler", "Private Mixer"} <= runs, runs
    assert not any("'s" in r for r in runs), runs


def test_gazetteer_reading_the_sense_a_text_shows():
    from graphbuild.nlp.gazetteer import sense_read

    zrc = GazEntry("ZRC", "Model", ("Zonal Recurrent Cell",))
    gaz = Gazetteer([zrc, GazEntry("Zero-Reuse Caching", "Method", ("ZRC",))])
    # two senses share the form: the one whose words the text uses is read
    caches = "Quill evicts blocks. It beats ZRC, zero-reuse caching, on storage traces."
    entry, shown = gaz.reading(caches, "ZRC", zrc)
    assert (entry.name, shown) == ("Zero-Reuse Caching", True)
    # neither sense's words: the first entry, shown only where the paper speaks of machine learning
    assert gaz.reading("Quill beats ZRC on storage traces.", "ZRC", zrc) == (zrc, False)
    assert gaz.reading("A neural Quill beats ZRC.", "ZRC", zrc) == (zrc, True)
    # one sense whose long form's words the text never uses, in a paper on no learning: not shown
    one = Gazetteer([zrc])
    assert one.reading("Quill beats ZRC on storage traces.", "ZRC", zrc) == (zrc, False)
    assert one.reading("Quill trains faster than ZRC.", "ZRC", zrc) == (zrc, True)
    assert one.reading("A recurrent Quill beats ZRC.", "ZRC", zrc) == (zrc, True)
    # no acronym, or no long form to read: nothing to tell
    assert sense_read("Quill beats Zorbnet.", "Zorbnet", GazEntry("Zorbnet", "Model", ("Zorb Network",))) is None
    assert sense_read("Quill beats ZRC.", "ZRC", GazEntry("ZRC", "Model")) is None


def test_decide_types_an_unshown_sense_by_its_context_but_keeps_it_known():
    from graphbuild.nlp.decide import prepare

    gaz = Gazetteer([GazEntry("ZRC", "Model", ("Zonal Recurrent Cell",))])
    title = "Quill: Evicting Cold Blocks"
    text = f"{title}\n\nQuill is a replacement policy. Quill beats ZRC on storage traces by 5%."
    sents = [(0, len(title)), (len(title) + 2, text.index(" Quill beats") + 1), (text.index("Quill beats"), len(text))]
    zrc = _cand(text, "ZRC", "gazetteer", key="zrc", type="Model", strong=True)
    zrc.vote("Model", 3.0)
    prepared = prepare(text, sents, len(title), [_cand(text, "Quill", "title"), zrc], gaz)
    g = next(g for g, members in enumerate(prepared.groups) if any(prepared.cands[i] is zrc for i in members))
    # the entity model still sees a known name; the type model no gazetteer type, and a third of its vote
    assert any(k.endswith("gaz=Model") for k in prepared.group_features[g])
    assert not any(k.endswith("gaz=Model") for k in prepared.type_features[g])
    assert prepared.type_features[g]["vote=Model"] < prepared.group_features[g]["vote=Model"]
    assert zrc.votes == {"Model": 3.0}  # (the candidate itself unchanged)
    # in a paper on learning the sense holds: one set of rows for both models
    learned = text.replace("replacement policy", "learned replacement policy")
    ml = prepare(learned, sents, len(title), [_cand(learned, "Quill", "title"),
                                              _cand(learned, "ZRC", "gazetteer", key="zrc", type="Model")], gaz)
    assert ml.type_rows is ml.group_rows
    # and so it does where it names a model the gazetteer knows
    both = Gazetteer([GazEntry("ZRC", "Model", ("Zonal Recurrent Cell",)), GazEntry("Wombat-7B", "Model")])
    named = text + " Wombat-7B predicts the reuse."
    known = _cand(named, "Wombat-7B", "gazetteer", key="wombat7b", type="Model", strong=True)
    with_known = prepare(named, [*sents[:2], (sents[2][0], len(named))], len(title),
                         [_cand(named, "Quill", "title"), _cand(named, "ZRC", "gazetteer", key="zrc", type="Model"),
                          known], both)
    assert with_known.type_rows is with_known.group_rows


def test_decide_a_successor_and_the_name_it_succeeds_share_one_type():
    import numpy as np

    from graphbuild.nlp.decide import _sibling_types

    text = "Quill++ improves on Quill and on Zorb."
    cands = [_cand(text, "Quill++"), _cand(text, "Quill "), _cand(text, "Zorb")]
    cands[1] = Candidate(cands[1].start, cands[1].end - 1, "Quill", "shape")
    # (scored types: Model, Method, Dataset) Quill++ leans Method a little, Quill Model a lot
    probs = np.array([[0.4, 0.5, 0.1], [0.8, 0.1, 0.1], [0.1, 0.2, 0.7]])
    assert _sibling_types(cands, [[0], [1], [2]], probs) == [0, 0, 2]
    # a successor alone keeps its own type
    assert _sibling_types(cands, [[0], [2]], probs[[0, 2]]) == [1, 2]


def test_features_a_title_names_listed_before_its_colon_share_its_phrase():
    from graphbuild.nlp.features import _appositive_head, _title_kind

    title = "Quill-S and Quill-M: Efficient Vision-Language Models with Merged Tokens"
    assert _title_kind(title, len("Quill-S"), len(title)) == "Model"
    assert _title_kind(title, len("Quill-S and Quill-M"), len(title)) == "Model"
    listed = "Zorb-S, Zorb-B and Zorb-L: A Benchmark for Maps"
    assert _title_kind(listed, len("Zorb-S"), len(listed)) == "Dataset"
    # an appositive may open with the count of a family's members
    text = "We introduce Quill, two vision-language models of different sizes."
    assert _appositive_head(text, text.index(",") , len(text)) == "Model"


def test_typing_a_parameter_count_written_out_after_a_name_votes_model():
    from graphbuild.nlp.entity_types import context_votes

    for text in ("Zorbnet-tiny with 95K parameters runs on earbuds.", "Zorbnet-tiny (95M params) runs on earbuds.",
                 "Zorbnet-tiny with about 12 million parameters runs on earbuds."):
        assert context_votes(text, 0, len("Zorbnet-tiny"), 0, len(text)).get("Model", 0) >= 2.0
    text = "Zorbnet-tiny with 3 layers runs on earbuds."
    assert "Model" not in context_votes(text, 0, len("Zorbnet-tiny"), 0, len(text))


def test_pipeline_names_a_shared_acronym_by_the_sense_the_text_shows():
    from graphbuild.nlp.gazetteer import sense_read

    # a long form that holds the acronym ("ZRC cell") shows no sense by the acronym itself
    assert sense_read("Quill beats ZRC.", "ZRC", GazEntry("Zonal Cell", "Model", ("ZRC", "ZRC cell"))) is False
    found = {e.name: e.type for e in extract_text(
        "We prompt SAM with nuclei boxes and compare it with Quillnet on the segmentation of Zorbset.",
        title="Nuclei segmentation with prompts").entities}
    assert found.get("Segment Anything Model") == "Model"


def test_places_in_a_list_are_no_entities():
    # countries, states and cities listed where a system was deployed or data gathered: places, no artifacts
    title = "Quorumix: Replicated Storage Across Continents"
    deploy = ("We present Quorumix, a replicated store. On a deployment across Virginia, Oregon, Ireland and "
              "Singapore, Quorumix cuts median commit latency relative to Zorbkey.")
    fields = ("We present Quorumix, a crop yield model. On fields across Kenya, Ethiopia, India and Brazil, "
              "Quorumix cuts error relative to Zorbkey.")
    for text in (deploy, fields):
        _kept_and_dropped(title, text, {"Quorumix"},
                          {"Virginia", "Oregon", "Ireland", "Singapore", "Kenya", "Ethiopia", "India", "Brazil"})


def test_agencies_and_funders_are_no_entities():
    # organisations a science paper names as sources of data or of funding: no artifacts
    title = "Quorumix: River Forecasts from Gauges"
    text = ("We present Quorumix, a river network model. Data from NOAA, NASA, USGS and the European Space Agency "
            "are combined, and Quorumix outperforms Zorbcast forecasts used by the WHO and the World Bank. "
            "Funding from NSF and NIH supported the gauges.")
    _kept_and_dropped(title, text, {"Quorumix"},
                      {"NOAA", "NASA", "USGS", "European Space Agency", "WHO", "World Bank", "NSF", "NIH"})


def test_formulas_and_ions_are_no_names_and_models_that_spell_elements_are():
    from graphbuild.nlp.lexicon import is_formula, is_generic

    for formula in ("LiFePO4", "MoS2", "Al2O3", "CsPbI3", "LixCoO2", "Li0.5FePO4", "Sn2+", "Fe3+", "Na+", "LixSi",
                    "Ir-Ru-Pt-Pd-Rh", "Fe-Co-Ni"):
        assert is_formula(formula) and is_generic(formula)
    assert is_generic("PM2.5") and is_generic("NO2") and not is_generic("H2O")  # (H2O: a cache method too)
    # element symbols without a count or a symbol of two letters, a version, a symbol that is no element
    for name in ("MoCo", "CoCa", "PINN", "P2P", "PPO2", "BLIP2", "ReLU6", "OWLv2", "C4", "S4", "K+", "CoxPH",
                 "B-I-T", "Li-Ion"):
        assert not is_formula(name)


def test_materials_a_formula_is_no_model():
    title = "Quorumix: Screening Cathodes"
    text = ("We introduce Quorumix, an active learning loop for battery materials. Candidates such as LiFePO4, "
            "LiCoO2 and MoS2 are screened, and Quorumix finds a variant doped with Sn2+ that beats Zorbnet.")
    _kept_and_dropped(title, text, {"Quorumix"}, {"LiFePO4", "LiCoO2", "MoS2", "Sn2+"})


def test_biology_genes_read_as_genes_are_no_names():
    from graphbuild.nlp.lexicon import biological

    title = "Quorumix: Subtyping Tumours from Expression"
    text = ("We present Quorumix, a contrastive model of tumour expression. Mutations in ARID1A and KMT2D, "
            "expression of SLC7A11 and CDKN2A deletion define four subtypes; KRAS-mutant lines respond. "
            "Quorumix outperforms ZORB2 on TCGA.")
    _kept_and_dropped(title, text, {"Quorumix", "ZORB2"}, {"ARID1A", "KMT2D", "SLC7A11", "CDKN2A", "KRAS"})
    # the same cue in a text with no word of biology: a genetic algorithm's mutation operator
    ga = "Crossover and mutations in NSGA2 and MOEA3 keep the front diverse."
    assert not biological(ga, ga.index("MOEA3"), ga.index("MOEA3") + 5)
    bio = "Tumour cells with mutations in NRF2 grow."
    assert biological(bio, bio.index("NRF2"), bio.index("NRF2") + 4)


def test_biology_a_gene_at_an_eqtl_or_given_as_a_marker_is_no_name():
    from graphbuild.nlp.lexicon import biological

    title = "Quorumix: Cell-Type eQTLs from Single-Cell RNA Sequencing"
    text = ("We present Quorumix, a mixed model for single-cell RNA sequencing. We find an eQTL at FRAZ3 and eQTLs "
            "near QUML7; known markers such as TORV2 and GALX4 rise, and the PLIK2 kinase domain binds the "
            "inhibitor. Quorumix beats ZORB2.")
    _kept_and_dropped(title, text, {"Quorumix", "ZORB2"}, {"FRAZ3", "QUML7", "TORV2", "GALX4", "PLIK2"})
    # the same words in a text with no word of biology
    net = "Baselines such as ZORB2 and QUML7 are beaten."
    assert not biological(net, net.index("QUML7"), net.index("QUML7") + 5)


def test_materials_a_formula_listed_with_formulas_is_no_name():
    from graphbuild.nlp.lexicon import listed_formula

    text = "Reduction precipitates Li2CO3 and LiF; we retrieve CO2, H2O and SO2. We compare CLIP and CoCa."
    for name in ("LiF", "H2O", "Li2CO3"):
        assert listed_formula(text, text.index(name), text.index(name) + len(name)), name
    # element symbols listed without any count: names of models as often ("CLIP and CoCa")
    for name in ("CLIP", "CoCa"):
        assert not listed_formula(text, text.index(name), text.index(name) + len(name)), name
    title = "Sedimorix: Kinetic Monte Carlo of Interphase Growth"
    text = ("We introduce Sedimorix, a kinetic Monte Carlo model. Reduction of the solvent precipitates Li2CO3 and "
            "LiF, and we track CO2, H2O and SO2 release. Sedimorix matches Zorbnet-2.")
    _kept_and_dropped(title, text, {"Sedimorix"}, {"LiF", "H2O", "Li2CO3"})


def test_instruments_telescopes_and_satellites_named_as_such_are_no_names():
    from graphbuild.nlp.lexicon import instrumental

    text = ("Spectra come from the ORVAL instrument aboard an orbiter, elevations from Altisat-2 laser altimetry "
            "and scenes from each new Orbisat-3 acquisition; radial velocity instruments such as KESTRA-N and the "
            "Grand Austral Survey Telescope follow up. We train Zorbnet on Quillset.")
    for name in ("ORVAL", "Altisat-2", "Orbisat-3", "KESTRA-N", "Grand Austral Survey Telescope"):
        assert instrumental(text, text.index(name), text.index(name) + len(name)), name
    for name in ("Zorbnet", "Quillset"):
        assert not instrumental(text, text.index(name), text.index(name) + len(name)), name


def test_hardware_named_before_its_device_noun_is_no_name():
    from graphbuild.nlp.lexicon import instrumental

    text = ("Implemented on the Quarrel Q780 FPGA, Larkspan runs 2x faster. We measure classifiers on Tessaly TQ9 "
            "and TQ11 boards and on a Vantor DX2 DSP through a table. The Zorbix GPU kernels and the Quillmesh CPU "
            "scheduler are ours.")
    for name in ("Quarrel Q780", "Tessaly TQ9", "TQ11", "Vantor DX2"):
        assert instrumental(text, text.index(name), text.index(name) + len(name)), name
    # a device's noun that goes on into a longer phrase ("GPU kernels") says nothing of the name before it
    for name in ("Larkspan", "Zorbix", "Quillmesh"):
        assert not instrumental(text, text.index(name), text.index(name) + len(name)), name
    title = "Streaming Attention on Reconfigurable Logic"
    text = ("We propose Larkspan, a dataflow method for attention inference. Implemented on four Kestrix Vestra "
            "VQ158 FPGAs and a Nimbra A90-80GB GPU, Larkspan reaches 2.1x the throughput of a GPU baseline.")
    _kept_and_dropped(title, text, {"Larkspan"}, {"VQ158", "Vestra VQ158", "Kestrix Vestra VQ158", "A90-80GB",
                                                  "Nimbra A90-80GB"})


def test_decide_a_name_the_title_does_without_is_not_proposed():
    def marks(title: str, text: str) -> dict[str, bool]:
        return {e.name: e.proposed for e in extract_text(text, title=title).entities}

    got = marks("QuillNet Without Replay", "QuillNet combines six extensions of deep Q-learning, one of which is "
                "prioritised replay. We remove the replay buffer and train QuillNet online; it keeps 90% of its "
                "median score on 57 Atari games.")
    assert got.get("QuillNet") is False, got
    got = marks("FennixConv-Free Long Convolutions", "Long convolutions such as FennixConv rely on implicit filters. "
                "We propose Lumenor, which replaces them with explicit decaying kernels.")
    assert got.get("FennixConv") is False and got.get("Lumenor") is True, got
    # the paper's own name before the title's colon, and the variant the abstract names as the authors', stay
    got = marks("Lumenor: Long Convolutions Without Attention", "We propose Lumenor, a convolution model for long "
                "sequences that uses no attention. Lumenor matches Quarrelformer on the Pile at half the compute.")
    assert got.get("Lumenor") is True, got
    got = marks("QuillNet Without Replay", "QuillNet combines six extensions of deep Q-learning. We remove its "
                "replay buffer and call the resulting agent QuillNet-NR, which keeps 90% of the median score.")
    assert got.get("QuillNet-NR") is True, got


def test_decide_a_name_right_after_code_or_solver_is_a_method():
    title = "Turbulent Transport in Edge Plasmas"
    for text, name in (("Nonlinear simulations with the gyrokinetic code Tornelix are run for two discharges.",
                        "Tornelix"),
                       ("We simulate remnants with the adaptive mesh refinement code Blazerion, with cooling.",
                        "Blazerion"),
                       ("Fields are computed with the finite-difference time-domain solver Wavelix, and a filter "
                        "binarises them.", "Wavelix")):
        ents = {e.name: e.type for e in extract_text(text, title=title).entities}
        assert ents.get(name) == "Method", (text, ents)
    # a code of law, and "code" followed by a word in lower case, name no method
    for text in ("Offences under the penal code Article 5 rose.", "We release the code and data for Zorb."):
        ents = {e.name for e in extract_text(text, title=title).entities}
        assert "Article 5" not in ents


def test_gazetteer_an_acronyms_capitalised_form_is_the_word_the_text_writes_in_lower_case():
    from graphbuild.nlp.gazetteer import written_as_word

    assert written_as_word("Privacy in Health Apps\n\nWe audit 2,000 Android apps.", "Apps")
    assert not written_as_word("Probing Bert\n\nWe probe BERT.", "Bert")
    assert not written_as_word("We probe APPS and apps.", "APPS")  # (the acronym itself)
    names = {e.name for e in extract_text("We propose Quorumix, which audits 2,000 Android apps for leaks.",
                                          title="Quorumix: Privacy Audits of Health Apps").entities}
    assert "APPS" not in names and "Quorumix" in names


def test_names_written_inside_chinese_text_are_the_names_alone():
    # a script written without spaces: the tokens and the names stop where the Latin letters do
    title = "基于深度学习的图像分类方法研究"
    text = "本文提出了一种基于ResNet的图像分类方法DeepCls，并在ImageNet和CIFAR-10数据集上进行了实验。"
    names = _kept_and_dropped(title, text, {"ResNet", "ImageNet", "CIFAR-10"}, set())
    assert all(len(n) < 20 for n in names)


def test_structured_abstract_headings_and_registrations_are_no_names():
    # PubMed's structured abstracts: the parts' headings are labels; a trial's registration number and
    # registry are no artifacts; what the study compares its system with is not its own
    title = "Quorumix for Retinopathy Screening in Primary Care"
    text = ("BACKGROUND: Screening is limited by access to specialists. OBJECTIVE: To evaluate Quorumix, a deep "
            "learning system. METHODS: We used Zorbpacs images, comparing Quorumix with Quill-DR. RESULTS: "
            "Quorumix achieved an AUC of 0.94. CONCLUSIONS: Quorumix is accurate. TRIAL REGISTRATION: "
            "ClinicalTrials.gov NCT04213456.")
    ents = {e.name: e for e in extract_text(text, title=title).entities}
    assert "Quorumix" in ents
    assert not ents.keys() & {"BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS", "TRIAL",
                              "ClinicalTrials.gov", "NCT04213456"}
    assert "Quill-DR" not in ents or not ents["Quill-DR"].proposed


def test_clean_text_blanks_structured_abstract_headings_only():
    from graphbuild.nlp.textclean import clean_text

    text = ("Zorb: Fast Maps\n\nMotivation: maps are slow. Results: Zorb is fast.\n"
            "Availability and implementation: online.")
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert "Motivation" not in cleaned and "Results:" not in cleaned and "Availability" not in cleaned
    assert cleaned.startswith("Zorb: Fast Maps")  # a title's name before its colon is no heading
    assert "the results: " in clean_text("We list the results: Zorb wins.")  # (not at a sentence's start)


def test_clean_text_blanks_a_track_label_before_the_title_only():
    from graphbuild.nlp.textclean import clean_text

    for label in ("Poster: ", "DEMO: ", "Short Paper: ", "Work-in-Progress: ", "Brief Announcement: "):
        text = label + "Zorb: Fast Maps\n\nWe propose Zorb."
        assert clean_text(text) == " " * len(label) + "Zorb: Fast Maps\n\nWe propose Zorb."
    # a name before the colon, a label word elsewhere, a label with no title after it: kept
    for text in ("Posterior: Fast Maps", "Zorb: Demo: Fast Maps", "Fast Maps\n\nPoster: we propose Zorb.",
                 "Poster:"):
        assert clean_text(text) == text


def test_roles_comparing_one_name_with_another():
    from graphbuild.nlp.roles import role_of

    text = "We ran a study comparing Quorumix with Quill-DR on two sites."
    assert role_of(text, (0, len(text)), _cand(text, "Quill-DR"), "Method") == "compares_with"
    assert role_of(text, (0, len(text)), _cand(text, "Quorumix"), "Method") != "compares_with"


def test_a_survey_panel_or_project_named_in_capitals_is_data():
    title = "Quorumix: Earnings Volatility over Three Decades"
    text = ("We propose Quorumix, an estimator of earnings volatility. Using the Zorbland Household Survey, the "
            "Quill Valley Income Panel and the Wexford Gut Project, Quorumix finds volatility rose after 1990.")
    ents = {e.name: e for e in extract_text(text, title=title).entities}
    for name in ("Zorbland Household Survey", "Quill Valley Income Panel", "Wexford Gut Project"):
        if name in ents:
            assert ents[name].type == "Dataset", name
    assert any(n in ents for n in ("Zorbland Household Survey", "Quill Valley Income Panel", "Wexford Gut Project"))


def test_a_comparison_of_tools_proposes_none_of_them():
    title = "Somatic Calls in Low-Purity Tumours: A Comparison of Six Callers on Synthetic and Real Exomes"
    text = ("Somatic variant callers differ most in low-purity settings. We compare MuZorb2, Strelkin2, VarZing 2, "
            "SomaQuill, LoFerry and VarDoodle on 60 synthetic tumour-normal exome pairs. At 20% purity, MuZorb2 "
            "achieves the highest sensitivity (0.71) and Strelkin2 the highest precision (0.94).")
    ents = extract_text(text, title=title).entities
    assert {"MuZorb2", "Strelkin2"} <= {e.name for e in ents}
    assert not [e.name for e in ents if e.proposed]


def test_authors_named_for_their_procedure_are_no_names():
    from graphbuild.nlp.lexicon import authors_named

    title = "Zorbdid: Staggered Adoption with Anticipation"
    text = ("We propose Zorbdid, an estimator for staggered adoption. Following Quillico et al., bandwidths are "
            "chosen by the procedure of Quillico, Mattaneo and Tirunik, and Zorbdid beats Zorbreg.")
    _kept_and_dropped(title, text, set(), {"Quillico", "Mattaneo", "Tirunik"})
    at = text.index("Mattaneo")
    assert authors_named(text, at, at + len("Mattaneo"))
    # a list of names after a word that is no procedure's, and a name of another shape, are not authors
    other = "We compare the updates of Quill and Mollo, and the method of ZorbNet and Mollo."
    assert not authors_named(other, other.index("Quill"), other.index("Quill") + 5)
    assert not authors_named(other, other.index("ZorbNet"), other.index("ZorbNet") + 7)
    # one surname ending a clause after such a word, or before "and colleagues"; "Mac" inside a surname
    one = ("We compare OccuZorb with the occupancy model of MacQuillan. The frameworks of Deemor, the corpus of "
           "Chalkor and colleagues, are used; the model of Zorbnet-2 is not an author.")
    for name in ("MacQuillan", "Deemor", "Chalkor"):
        assert authors_named(one, one.index(name), one.index(name) + len(name)), name
    assert not authors_named(one, one.index("OccuZorb"), one.index("OccuZorb") + 8)


def test_objects_in_the_sky_are_no_names():
    from graphbuild.nlp.lexicon import is_generic

    for name in ("WASP-39b", "HD 209458b", "TRAPPIST-1e", "GW150914", "GRB 221009A", "SN 1987A", "NGC 1068",
                 "PSR J0437-4715", "J0437-4715", "FRB 20200120E"):
        assert is_generic(name), name
    for name in ("Llama-7b", "Pythia-1b", "IC15", "HD95", "K2", "C4"):  # sizes, a dataset, a metric, names
        assert not is_generic(name), name


def test_a_named_survey_or_project_is_kept_from_a_lower_bar():
    from graphbuild.nlp import decide

    assert decide.COLLECTION_THRESHOLD < decide.THRESHOLD
    title = "Quorumix: Attrition in Household Panels"
    text = ("We propose Quorumix, a reweighting estimator for panel attrition. Applied to the Zorbland Labour "
            "Force Survey and the Quill Valley Caselaw Project, Quorumix reduces bias by half.")
    ents = {e.name: e for e in extract_text(text, title=title).entities}
    kept = [n for n in ("Zorbland Labour Force Survey", "Quill Valley Caselaw Project") if n in ents]
    assert kept and all(ents[n].type == "Dataset" and not ents[n].proposed for n in kept)


def test_an_acronym_two_entries_share_takes_no_entrys_name_where_the_text_shows_neither_sense():
    from graphbuild.nlp.gazetteer import GazEntry, Gazetteer

    gaz = Gazetteer([GazEntry("discrete Zorb transform", "Method", ("DZT",)),
                     GazEntry("density Zorb theory", "Method", ("DZT",))])
    assert set(e.name for e in gaz.senses["DZT"]) == {"discrete Zorb transform", "density Zorb theory"}
    assert gaz.unread("Candidates are screened with DZT.", "DZT")
    assert not gaz.unread("We apply the DZT, a discrete transform, to each frame.", "DZT")
    assert gaz.reading("We apply the DZT, a discrete transform, to each frame.", "DZT",
                       gaz.by_form["DZT"])[0].name == "discrete Zorb transform"
    # one look at the text gives both answers: no entry where neither sense shows, else the one shown
    assert gaz.sense_of("Candidates are screened with DZT.", "DZT", gaz.by_form["DZT"]) is None
    shown = gaz.sense_of("We apply the DZT, a discrete transform, to each frame.", "DZT", gaz.by_form["DZT"])
    assert shown is not None and shown.name == "discrete Zorb transform"
    # the shipped gazetteer: "DFT" in a materials paper is neither sense's name unless the text shows one
    _kept_and_dropped("Quorumix: Active Learning for Cathodes",
                      "We introduce Quorumix, an active learning loop for cathodes. Candidates are screened with "
                      "DFT, and Quorumix needs fewer evaluations than Zorbnet.", {"DFT"},
                      {"discrete Fourier transform", "density functional theory"})


def test_an_acronym_of_several_known_senses_takes_no_long_form_the_paper_does_not_write():
    # "LAS" is a parser's score as well as Listen, Attend and Spell: a paper on parsing writes no word of the model
    parsed = {e.name: e for e in extract_text(
        "We propose Zorbparse, a graph-based dependency parser. Zorbparse improves LAS by 1.2 points on four "
        "treebanks.", title="Zorbparse: Dependency Parsing with Varnished Arcs").entities}
    assert "Listen, Attend and Spell" not in parsed
    assert all(e.canonical != "Listen, Attend and Spell" for e in parsed.values())
    # a paper on speech that writes the model's words keeps its long form
    speech = {e.name for e in extract_text(
        "Attention-based models such as LAS listen to the audio and spell the transcript. We propose Quornspell, "
        "which attends to fewer frames.", title="Quornspell: Faster Attention-Based Speech Recognition").entities}
    assert "Listen, Attend and Spell" in speech


def test_what_a_model_is_fit_to_is_data_it_uses_not_its_own():
    title = "Mobility Across Small Areas"
    text = ("We propose a hierarchical model that pools information across neighbouring zones. The model, which we "
            "call Quorumix, is fit to linked tax records and to the Zorbland Study of Income Dynamics (ZSID), and "
            "is estimated with the No-U-Turn Sampler.")
    ents = {e.name: e for e in extract_text(text, title=title).entities}
    assert ents["Quorumix"].proposed
    assert "ZSID" in ents and not ents["ZSID"].proposed


def test_pipeline_a_record_that_is_a_title_alone():
    """Many library records hold a title and nothing else: its words are read as a title's alone."""
    def found(title: str) -> list[tuple[str, str, bool]]:
        return [(e.name, e.type, e.proposed) for e in extract_text("", title=title).entities]

    # a track label before the paper's own name, and a known model the title only uses
    assert ("ZorbViz", "Method", True) in found("Demo: ZorbViz, Interactive Visualisation of Network Flows")
    assert ("ZorbViz", "Method", True) in found("Poster: ZorbViz: Interactive Visualisation of Network Flows")
    assert found("Detecting Phishing Pages with BERT") == [("BERT", "Model", False)]
    assert ("XGBoost", "Method", False) in found("Poster: Towards Explainable Intrusion Detection with XGBoost")
    # a title-case word is not the benchmark its upper-case acronym names
    assert found("Usability of Mobile Banking Apps for Older Adults") == []


def test_a_verb_before_a_name_in_a_title_is_what_the_paper_does_to_it():
    # "Rethinking Zorb:" or "Distilling Zorb:" is no name: the name is the one after the verb
    text = "We revisit QuillNet's training recipe and distil it into smaller QuillNet models on GLUE."
    for title in ("Rethinking QuillNet: Recipes Revisited", "Distilling QuillNet: How Small Can It Be?"):
        names = {e.name: e for e in extract_text(text, title=title).entities}
        assert not [n for n in names if " " in n and n.split()[0] in ("Rethinking", "Distilling")], names
        assert "QuillNet" in names
    # and in a title alone, a known name after the verb
    assert [e.name for e in extract_text("", title="Rethinking BERT: Pretraining Objectives Revisited").entities] \
        == ["BERT"]


def test_a_name_the_title_makes_something_after_is_not_the_papers():
    # "ELECTRA-style pretraining", "ELECTRA-based ranking": the paper uses the name, it does not give it
    text = ("We pretrain an encoder with ELECTRA-style replaced token detection on Tagalog web text and "
            "compare it with QuillBERT.")
    for title in ("ELECTRA-style Pretraining for Tagalog", "ELECTRA-based Pretraining: Lessons for Tagalog"):
        names = {e.name: e for e in extract_text(text, title=title).entities}
        assert "ELECTRA" in names and not names["ELECTRA"].proposed, names


def test_a_title_in_capitals_that_fine_tunes_a_name():
    # "FINE-TUNING X" is what the paper does to X, not a name
    names = {e.name: (e.type, e.proposed)
             for e in extract_text("", title="FINE-TUNING BERT FOR LEGAL TEXT CLASSIFICATION").entities}
    assert names.get("BERT") == ("Model", False), names
    assert not [n for n in names if n.lower().startswith("fine-tuning")]


def test_a_title_phrase_around_a_likelier_known_name_gives_way_to_it():
    # "BERT Embeddings for ...", "LoRA Fine-Tuning of ...": the known name, not the phrase the title makes of it
    for title, name in (("BERT Embeddings for Biomedical Concept Normalization", "BERT"),
                        ("Poster: LoRA Fine-Tuning of Speech Models for Dysarthric Speech", "LoRA"),
                        ("Fine-tuning T5 for Data-to-Text Generation", "T5")):
        names = [e.name for e in extract_text("", title=title).entities]
        assert name in names and not [n for n in names if name in n and n != name], (title, names)


def test_a_title_that_names_its_artifact_before_a_comma_and_an_article():
    from graphbuild.nlp.sentences import colon_for_dash

    title = "Zorbix, a Lock-Free Queue for Multicore Machines"
    assert colon_for_dash(title, len(title)) == "Zorbix: a Lock-Free Queue for Multicore Machines"
    assert ("Zorbix", True) in [(e.name, e.proposed) for e in extract_text("", title=title).entities]
    for title in ("With Shared Exponents, A Little Shifting Goes a Long Way", "Faster, Better, Cheaper Training"):
        assert colon_for_dash(title, len(title)) == title


def test_front_matter_names_no_artifact():
    # a volume's or its front matter's record: the venue's acronym is no method the record proposes
    for title in ("Proceedings of the 4th International Workshop on Quill Data on New Hardware (QuiDaT '06)",
                  "Message from the ZORBSYS 2009 Program Chairs", "Session details: Research Track 3",
                  "Workshop on Efficient Zorbformers (EffZorb 2022)", "Front Matter"):
        assert extract_text("", title=title).entities == [], title
    # a paper on proceedings is still read
    assert [e.name for e in extract_text("", title="ZorbIndex: Indexing Proceedings of Parliament").entities] \
        == ["ZorbIndex"]


def test_a_known_name_in_a_title_alone_is_the_papers_only_as_its_name():
    def proposed(title: str) -> dict[str, bool]:
        return {e.name: e.proposed for e in extract_text("", title=title).entities}

    # a title alone shows no sign of whose a known name is, unless it is all the title says before its colon
    assert proposed("Focal Loss for Dense Text Detection in Zorbland Street Scenes").get("focal loss") is False
    assert proposed("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding")["BERT"]
    assert proposed("Poster: ZorbViz: Interactive Visualisation of Network Flows")["ZorbViz"]


def test_a_title_alone_proposes_the_name_in_its_head():
    # a title alone proposes the name before its colon (or set off by a comma after a track label), or the
    # whole title
    for title, name in (("Vexmoor: Sparse Retrieval for Legal Question Answering", "Vexmoor"),
                        ("Tallowmix-7B: A Small Model for Clinical Summarisation", "Tallowmix-7B"),
                        ("Demo: Wrenfield, a Notebook Linter for Data Scientists", "Wrenfield"),
                        ("Gated Quill Networks", "Gated Quill Networks")):  # the whole title
        assert (name, True) in [(e.name, e.proposed) for e in extract_text("", title=title).entities], title


def test_a_title_head_that_says_what_kind_of_writing_the_paper_is_is_no_name():
    from graphbuild.nlp.patterns import genre_phrase

    for title in ("Lessons Learned: Deploying Zorb Detectors in a Hospital",
                  "Best Practices: Reproducible Training of Quill Models",
                  "Reality Check: Semi-Supervised Learning on Zorbland Images",
                  "Pitfalls and Opportunities: Federated Learning on Quill Phones"):
        head = title.split(":")[0]
        assert genre_phrase(head), head
        assert head not in [e.name for e in extract_text("", title=title).entities], title
        # nor where an abstract follows that repeats it
        text = f"{head} from a year of use are given."
        assert head not in [e.name for e in extract_text(text, title=title).entities], title
    assert not genre_phrase("Quill Mixers") and not genre_phrase("ImageNet Challenge")


def test_features_a_coined_word_its_blend_and_how_often_the_abstract_writes_it():
    """A capitalised word glued to a model's or a benchmark's lower-case ending is a coined name's shape
    ("Quillnet", "Zorbbench"), not a plain word's nor one with an inner capital; and how often the abstract
    writes a capitalised one-word name counts its sentence openings too (where no candidate stands), but a
    title alone has no abstract to count in."""
    from graphbuild.nlp.features import _shape_names

    assert "blend" in _shape_names("Quillnet") and "blend" in _shape_names("Zorbformer")
    assert "blend" in _shape_names("Zorbbench")
    assert not {"blend"} & {*_shape_names("Quill"), *_shape_names("QuillNet"), *_shape_names("Dataset"),
                            *_shape_names("Net")}
    title = "Sparse Probing of Vision Encoders"
    end = len(title)
    text = f"{title}\n\nWe train Zorbvex on two corpora. Zorbvex is faster, and Zorbvex is smaller."
    assert "written=3" in _names(text, end, "Zorbvex")
    text = f"{title}\n\nWe train Zorbvex on two corpora with Quibble."
    assert "written=1" in _names(text, end, "Zorbvex")
    bare = "Zorbvex and Quibble for Sparse Probing"
    assert not any(n.startswith("written=") for n in _names(bare, len(bare), "Quibble"))


def test_features_a_title_name_whose_colon_opens_a_task():
    """"X: Soil Moisture Forecasting with …" names what does a task (a model, more often than not): the type
    model reads it (``t:title_task``); a technique's phrase after the colon ("X: Sparse Upcycling of …")
    or a name inside the title is no such name."""
    for title, name, task in (("Loamvex: Soil Moisture Forecasting with Transformers", "Loamvex", True),
                              ("pebble-zx: streaming speech recognition in 30 MB", "pebble-zx", True),
                              ("Quarry-Zorb: Sparse Upcycling of Dense Checkpoints", "Quarry-Zorb", False),
                              ("Soil Moisture Forecasting with Loamvex", "Loamvex", False)):
        assert ("t:title_task" in _names(title, len(title), name)) is task, title


def test_typing_model_endings_of_coined_names():
    """Segmenters, mixtures of experts, speech recognisers and synthesisers named by their ending are models
    ("LumenSeg", "Quarry-MoE", "pebble-asr", "brisk-TTS"); a word that merely ends in the letters is not."""
    from graphbuild.nlp.entity_types import shape_votes

    for name in ("LumenSeg", "Quarry-MoE", "pebble-asr", "brisk-TTS", "KestrelVLM"):
        assert set(shape_votes(name)) == {"Model"}, name
    assert shape_votes("Watts") == {} and shape_votes("Wasr") == {}


def test_markup_angle_brackets_are_no_part_of_a_name():
    # "QuoteNet</script><img …>" (markup left in an abstract) made the entity "QuoteNet<"
    text = ("We introduce QuoteNet</script><img src=x onerror=alert(1)>, a model. QuoteNet beats ZorbNet<b> "
            "with p<0.05, and transfers GTA->Cityscapes.")
    names = _kept_and_dropped("Quote test", text, {"QuoteNet", "ZorbNet", "GTA", "Cityscapes"}, set())
    assert not any("<" in n or ">" in n for n in names), names


def test_decide_the_examples_given_of_a_kind_are_names_of_that_kind():
    def typed(text: str) -> dict[str, str]:
        return {e.name: e.type for e in extract_text(text, title="Tracing Provenance in Pipelines").entities}

    got = typed("Lineage matters for debugging. Provenance systems such as Quillprov and Zorbtrace, which answer "
                "such questions, are slow. We show how to make them fast.")
    assert got.get("Quillprov") == "Method" and got.get("Zorbtrace") == "Method", got
    # the examples of another kind are not (a language, a place)
    got = typed("Type systems are rich in languages such as Rust and Haskell. Cities such as Lisbon and Porto "
                "host the study.")
    assert not {"Rust", "Haskell", "Lisbon", "Porto"} & got.keys(), got


def test_decide_a_name_between_the_and_a_collection_head_is_a_dataset():
    got = {e.name: e.type for e in extract_text(
        "Class size matters. We compare our estimates with the Brookvale survey and with census records. "
        "Effects are small.", title="Class Size Effects").entities}
    assert got.get("Brookvale") == "Dataset", got


def test_a_collections_head_before_of_or_a_study_types_it_as_data():
    from graphbuild.nlp import decide

    def typed(name: str) -> str | None:
        text = f"We link the {name} to tax records."
        return decide._collection_type([_cand(text, name, "abbrev-long")], [0], [None])

    # the head before the name's "of" ("Survey of ..."), or a study as its last word
    for name in ("Survey of Household Spending and Assets", "Quarterly Census of Retail Trade",
                 "Panel Study of Family Wellbeing", "Tolland Longitudinal Ageing Study"):
        assert typed(name) == "Dataset", name
    # a head before "of" that names no collection: no data
    for name in ("Method of Moving Barriers", "Mixture of Expert Adapters", "Bag of Visual Phrases"):
        assert typed(name) is None, name


def test_what_units_of_data_are_drawn_from_is_typed_as_data():
    from graphbuild.nlp import decide
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import drawn_from

    def drawn(text: str, name: str) -> bool:
        c = _cand(text, name)
        c.sentence = 0
        return drawn_from(DocContext(text, [(0, len(text))], 0), [c], [0])

    text = "We tune Zorblet-7B on 200K instruction pairs from Quillmix and Farrow-Chat."
    assert drawn(text, "Quillmix") and drawn(text, "Farrow-Chat")  # (and the name listed after it)
    assert not drawn(text, "Zorblet-7B")
    assert drawn("Outcomes come from the Brask files.", "Brask")
    assert drawn("We pretrain on subsets of Ombra-Pool filtered by quality.", "Ombra-Pool")
    assert drawn("It reaches an RMSE of 11 on subsets XR101 and XR104.", "XR104")
    # not the clause's subject after such a phrase, nor a model something is taken or generated from
    assert not drawn("With prompts from Wrenfield, Dovetail reaches a 61% win rate.", "Dovetail")
    assert not drawn("Image features from Quillion are pooled.", "Quillion")
    assert not drawn("We sample images from Halcyon-XL.", "Halcyon-XL")
    # the rule types a name the gazetteer does not know
    text = "For RL, prompts sampled from Wrenfield are scored by a reward model."
    c = _cand(text, "Wrenfield")
    c.sentence = 0
    context = DocContext(text, [(0, len(text))], 0)
    assert decide._drawn_type(context, [c], [0], [None]) == "Dataset"
    assert decide._drawn_type(context, [c], [0], [object()]) is None


def test_a_name_followed_by_a_count_of_the_items_it_holds_is_typed_as_data():
    from graphbuild.nlp import decide
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import counted_contents

    def counted(text: str, name: str, title_end: int = 0) -> bool:
        c = _cand(text, name)
        c.sentence = 0
        return counted_contents(DocContext(text, [(title_end, len(text))], title_end), [c], [0])

    assert counted("Fernwick-Bench contains 1,940 notebook pages from four labs.", "Fernwick-Bench")
    assert counted("We introduce Quarrystone, 2,700 questions over aerial photographs.", "Quarrystone")
    assert counted("Tallowmark comprises about 480 competition problems.", "Tallowmark")
    assert counted("We release Murmelbox, which consists of 12k annotated clips.", "Murmelbox")
    assert counted("Ombra (Ombra-Pool) holds 1.2M images.", "Ombra-Pool")
    # a count of a model's parts or of a run's measures, a decimal appositive, a count of adjectives alone: no data
    assert not counted("Whistlegrove consists of 12 transformer layers.", "Whistlegrove")
    assert not counted("Skiffel, 3 times faster than beam search, keeps BLEU.", "Skiffel")
    assert not counted("It beats Quillion, 2.9 points above the rest.", "Quillion")
    assert not counted("We compare Gyrlen, 8 decoder-only models of our own.", "Gyrlen")
    assert not counted("Brisk contains 7B parameters.", "Brisk")
    # a modifier or two before the items counted in an appositive; not before a model's parts
    assert counted("We build Lingpref, 18K preference pairs in 12 languages.", "Lingpref")
    assert counted("We also release Brackenfold-Test, 2,500 manually verified pairs.", "Brackenfold-Test")
    assert not counted("We introduce Tinsel, 12 stacked convolutional blocks.", "Tinsel")
    # a mention in the title does not count (only the abstract's words say what a name holds)
    text = "Zorbmark contains 400 problems\n\nWe test models."
    assert not counted(text, "Zorbmark", title_end=text.index("We"))
    # the rule types a name the gazetteer does not know
    text = "Lindale-Eval contains 3,100 spoken items with stress marks."
    c = _cand(text, "Lindale-Eval")
    c.sentence = 0
    context = DocContext(text, [(0, len(text))], 0)
    assert decide._drawn_type(context, [c], [0], [None]) == "Dataset"
    assert decide._drawn_type(context, [c], [0], [object()]) is None


def test_what_the_authors_give_out_as_a_name_is_typed_as_data_unless_a_model_or_code():
    from graphbuild.nlp import decide
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import released_as

    def given(text: str, name: str) -> bool:
        c = _cand(text, name)
        c.sentence = 0
        return released_as(DocContext(text, [(0, len(text))], 0), [c], [0])

    assert given("We release the collected reruns as Brindle-Audit, a table of 40 entries.", "Brindle-Audit")
    assert given("We release the 1.1M generated lemmas as LemmaHeap.", "LemmaHeap")
    assert given("The translated prompts are shared as Vellumset.", "Vellumset")
    assert given("It is trained on 400 hours of docking runs, which we release as DockLog.", "DockLog")
    assert given("Text and scans are compiled as Quireset.", "Quireset")
    # a model, its weights, code or a method given out under a name: no data
    assert not given("We release the weights as Zorbi-3B-Open.", "Zorbi-3B-Open")
    assert not given("We release the detector as Spectrel.", "Spectrel")
    assert not given("Our rounding scheme is released as sr-quill.", "sr-quill")
    assert not given("The kernel, which we release as tess-quill, is fast.", "tess-quill")
    assert not given("We release the best configuration as Bantam-2B.", "Bantam-2B")
    assert not given("Wisp is a family of backbones, released as Wisp-S and Wisp-M.", "Wisp-S")
    assert given("Zorb is trained on 2M pairs of scans, released as ScanPair.", "ScanPair")
    # no verb of giving out before the "as": no data
    assert not given("We use the ratings as Quorbel targets.", "Quorbel")
    # the rule types, and marks as the authors', a name the gazetteer does not know
    text = "We release the anonymised answers as ChemGrade-4K."
    c = _cand(text, "ChemGrade-4K")
    c.sentence = 0
    context = DocContext(text, [(0, len(text))], 0)
    assert decide._drawn_type(context, [c], [0], [None]) == "Dataset"
    assert decide._drawn_type(context, [c], [0], [object()]) is None


def test_typing_what_a_sentences_opening_on_measures_and_what_is_built_on():
    from graphbuild.nlp.entity_types import context_votes

    def votes(text: str, name: str) -> dict[str, float]:
        at = text.index(name)
        return context_votes(text, at, at + len(name), 0, len(text))

    # "On X, ...": where something is measured, whatever the verb (no word of results needed)
    text = "On Qulix and Brisa, AskFern attains the best trade-off."
    assert votes(text, "Qulix").get("Dataset") and votes(text, "Brisa").get("Dataset")
    assert "Dataset" not in votes(text, "AskFern")
    # ... and "our method" after its comma is the clause's subject, no appositive of the name
    assert votes("On Wicklow-Seg, our method reaches 71% accuracy.", "Wicklow-Seg") == {"Dataset": 1.5}
    assert votes("We present Zorb, our method for routing.", "Zorb") == {"Method": 2.0}
    # what something is built on is no data, in a sentence about results too
    assert "Dataset" not in votes("A planner based on Zorbnet improves accuracy by 3 points.", "Zorbnet")
    assert "Dataset" not in votes("Building on Zorbnet, we improve accuracy on two benchmarks.", "Zorbnet")
    assert votes("We report accuracy on Quill and Zorbset.", "Zorbset").get("Dataset")


def test_clean_text_blanks_headings_in_capitals_without_a_colon():
    # a feed that flattens a structured abstract leaves "BACKGROUND Sepsis is …", "… METHODS We trained …"
    from graphbuild.nlp.textclean import clean_text

    text = ("BACKGROUND Sepsis kills. METHODS We trained Zorbix on eICU. RESULTS ZORBIX won (p<0.01). "
            "DISCUSSION: Zorbix helps. Main conclusions: fine.")
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    for label in ("BACKGROUND", "METHODS", "RESULTS", "DISCUSSION", "Main conclusions"):
        assert label not in cleaned
    assert "ZORBIX won" in cleaned and "We trained Zorbix" in cleaned
    # a title in capitals, a label word inside a sentence: kept
    for text in ("METHODS FOR DETECTING FAULTS IN GRIDS", "We report RESULTS Explorer, a dashboard."):
        assert clean_text(text) == text


def test_clean_text_blanks_every_listed_heading_in_capitals():
    # the cheap test before the headings in capitals is derived from the one list of headings: the later ones
    # ("SUMMARY", "FUNDING", "LIMITATIONS", "PARTICIPANTS") are blanked too
    from graphbuild.nlp.textclean import _CAPS_STEMS, clean_text

    for label in ("SUMMARY", "FUNDING", "LIMITATIONS", "PARTICIPANTS", "KEY POINTS", "TRIAL REGISTRATION",
                  "MAIN OUTCOME MEASURES", "STUDY OBJECTIVES", "AVAILABILITY AND IMPLEMENTATION", "EXPOSURES"):
        text = f"Quill is old. {label} The Zorbex model was trained on 40 wards."
        assert clean_text(text) == "Quill is old. " + " " * len(label) + " The Zorbex model was trained on 40 wards."
        assert any(stem in label for stem in _CAPS_STEMS), label
    # a stem holding a shorter one is left out ("METHODOLOGY" holds "METHOD")
    assert "METHOD" in _CAPS_STEMS and "METHODOLOGY" not in _CAPS_STEMS


def test_structured_abstract_in_capitals_without_colons_names_no_heading():
    title = "Predicting Sepsis in Emergency Departments"
    text = ("BACKGROUND Sepsis kills many patients. METHODS We trained Sepsorix, a gradient boosting model, on "
            "the eICU database. RESULTS Sepsorix reached an AUROC of 0.86. INTERPRETATION Early warning works.")
    ents = {e.name for e in extract_text(text, title=title).entities}
    assert not ents & {"BACKGROUND", "METHODS", "RESULTS", "INTERPRETATION"}


def test_clean_text_an_en_dash_inside_a_name_is_a_hyphen():
    from graphbuild.nlp.textclean import clean_text

    text = "We use the Weisfeiler–Lehman kernel on WMT14 En–De – a strong pair – for 10–20 epochs."
    assert clean_text(text) == "We use the Weisfeiler-Lehman kernel on WMT14 En-De – a strong pair – for 10-20 epochs."


def test_reader_decodes_latex_en_dash_between_words():
    from graphbuild.ingest.fields import clean_text

    assert clean_text(r"on WMT14 En--De~\cite{x} for 10--20 epochs -- a dash") == \
        "on WMT14 En\u2013De for 10\u201320 epochs -- a dash"
    assert clean_text("plain text keeps En--De") == "plain text keeps En--De"  # no LaTeX: left as written
    names = {e.name for e in extract_text(clean_text(r"We train Transformer-base~\cite{v} on WMT14 En--De."),
                                          title="Curriculum Learning Revisited").entities}
    assert "WMT14 En-De" in names, names


def test_typing_a_name_put_beside_an_architecture_is_a_model():
    """"X, a 1D ResNet for …", "X, a conditional variational autoencoder whose …": what is put in apposition
    to an architecture (a name whose ending types it a model, or an autoencoder) is a model; a name that only
    modifies the phrase's head ("a Quollnet training algorithm") leaves the head to type it."""
    from graphbuild.nlp.entity_types import architecture_head
    from graphbuild.nlp.features import defined_type

    title = "Rhythm Classes from Wristbands"
    for sentence in ("We trained Pulmarek, a 1D ResNet for rhythm classification, on 9,000 hours of recordings.",
                     "We present Pulmarek, a small U-Net with gated skips, and test it on two cohorts.",
                     "We introduce Pulmarek, a conditional variational autoencoder whose prior is a tree."):
        text = f"{title}\n\n{sentence}"
        assert defined_type(text, len(title), _cand(text, "Pulmarek")) == "Model", sentence
    text = f"{title}\n\nWe propose Pulmarek, a Quollnet training algorithm that halves the memory."
    assert defined_type(text, len(title), _cand(text, "Pulmarek")) == "Method"
    # a lower-case word or a name of another ending heads nothing
    assert not architecture_head(["a", "resnet", "for"], 1)
    assert not architecture_head(["Quollnet", "training", "algorithm"], 0)
    assert not architecture_head(["a", "LoRA", "variant"], 1)
    assert architecture_head(["1D", "ResNet,"], 1)


def test_typing_a_kind_named_through_a_copula_or_called_as():
    """Informal abstracts name what they build through a copula or with "as": "the model is named X", "a new
    transformer which is called as X", "an algorithm called as X"; the kind types the name as "a model called
    X" does."""
    from graphbuild.nlp.features import defined_type

    title = "Intrusion Detection for Small Networks"
    for sentence, type_ in (("The hyperparameters are tuned by a swarm and the model is named Quorrel-DNN.", "Model"),
                            ("We proposed a novel efficient transformer which is called as Quorrel.", "Model"),
                            ("In this paper a new metaheuristic algorithm called as Quorrel is proposed.", "Method"),
                            ("We build a compact retrieval model called Quorrel.", "Model")):
        text = f"{title}\n\n{sentence}"
        name = "Quorrel-DNN" if "Quorrel-DNN" in sentence else "Quorrel"
        assert defined_type(text, len(title), _cand(text, name)) == type_, sentence
    # "as" alone is no naming: "used as X" says what a thing serves as
    text = f"{title}\n\nA pretrained network is used as Quorrel."
    assert defined_type(text, len(title), _cand(text, "Quorrel")) is None


def test_typing_a_kind_named_in_the_authors_relative_clause():
    """"a residual network, which we name X", "The model, which we call X, is fit to …": the kind the authors'
    relative clause names types the name."""
    from graphbuild.nlp.features import defined_type

    title = "Finding Lenses in Wide Surveys"
    for sentence in ("We train a residual network, which we name Quorrel-R, on simulated lenses.",
                     "The model, which we call Quorrel, is fit to linked tax records.",
                     "We derive a sampling scheme that we term Quorrel."):
        text = f"{title}\n\n{sentence}"
        name = "Quorrel-R" if "Quorrel-R" in sentence else "Quorrel"
        want = "Method" if "scheme" in sentence else "Model"
        assert defined_type(text, len(title), _cand(text, name)) == want, sentence


def test_typing_a_model_common_noun_the_lexicon_leaves_out():
    """"an ensemble called X", "the ensemble, named X", "X, a k-mer based predictor built on …": an ensemble or
    a predictor named by the paper is a model, though the lexicon gives these words no type (as the last word of
    a family's name they name a technique as often: "ensemble Kalman filter")."""
    from graphbuild.nlp.entity_types import kind_type
    from graphbuild.nlp.features import defined_type
    from graphbuild.nlp.lexicon import head_type

    title = "Sentiment of Short Posts"
    for sentence, name in (("We proposed an ensemble called as Quorrel which reaches 0.82 macro F1.", "Quorrel"),
                           ("On the test set the ensemble, named Quorrel, reaches 76.8% accuracy.", "Quorrel"),
                           ("We present Quorrel, a k-mer based predictor built on boosted trees.", "Quorrel")):
        text = f"{title}\n\n{sentence}"
        assert defined_type(text, len(title), _cand(text, name)) == "Model", sentence
    assert kind_type("ensemble") == "Model" and head_type("ensemble") is None
    assert kind_type("algorithm") == "Method" and kind_type("weather") is None


def test_gazetteer_knows_the_mnist_task_variants():
    """"permuted MNIST" and "sequential MNIST" (pixel by pixel) are benchmarks of their own, not MNIST with a
    modifier: the gazetteer knows them, in any case, and the bare MNIST is not what the sentence names."""
    found = {e.name: e.type for e in extract_text("We train an LSTM on permuted MNIST and on sequential MNIST.",
                                                  title="Recurrent Nets Remember").entities}
    assert found.get("Permuted MNIST") == "Dataset" and found.get("Sequential MNIST") == "Dataset"
    assert "MNIST" not in found


def test_types_a_name_before_a_data_product_or_cohort_as_data():
    from graphbuild.nlp.decide import _data_headed_type

    def typed(text: str, name: str, entry: object = None) -> str | None:
        return _data_headed_type(text, [_cand(text, name)], [0], [entry])

    assert typed("indices from the Zorbis NDVI product are used", "Zorbis NDVI") == "Dataset"
    assert typed("missing covariates in the QuillBorn cohort, where exposure", "QuillBorn") == "Dataset"
    assert typed("winds from the Zorb-R reanalysis.", "Zorb-R") == "Dataset"
    # no article before, a noun going on after the head, a model's head, or a name the gazetteer knows: no type
    assert typed("Zorbis product lines are sold", "Zorbis") is None
    assert typed("the Zorbis product manager said", "Zorbis") is None
    assert typed("the ZorbRank model re-ranks passages", "ZorbRank") is None
    assert typed("from the Zorbis product.", "Zorbis", entry=object()) is None
