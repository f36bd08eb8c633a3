"""The proposal-phrase and joined-name proposers, and the features that read the title's parts."""

from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.decide import _variant_of, _with_variants
from graphbuild.nlp.doc_context import _title_spans
from graphbuild.nlp.proposals import part_candidates, proposal_candidates


def _phrases(body: str) -> list[str]:
    text = "A Title\n\n" + body
    return [c.text for c in proposal_candidates(text, 7, [(0, 7), (9, len(text))])]


def test_the_phrase_a_paper_proposes_up_to_a_boundary():
    assert _phrases("To be specific, we propose a hop-aware hierarchical channel-squeezing fusion layer to "
                    "extract features.") == ["hop-aware hierarchical channel-squeezing fusion layer"]
    assert _phrases("We introduce a novel deep perceptual emotion consistency loss, which helps.") == [
        "deep perceptual emotion consistency loss"]


def test_a_describing_head_is_left_out_and_a_naming_word_ends_the_phrase():
    assert _phrases("We propose a temporal-aware dynamic graph construction procedure that is robust.") == [
        "temporal-aware dynamic graph construction"]
    assert _phrases("We propose a robust SSL framework called Weight-Aware Distillation.") == ["robust SSL framework"]
    assert _phrases("We propose a decoding framework Kangaroo for speed.") == ["decoding framework"]
    assert _phrases("We present a decoding framework for speed.") == []  # a cue that led to descriptions


def test_no_phrase_without_the_authors_or_when_it_is_one_word_or_a_capitalised_run():
    assert _phrases("Prior work proposed a hop-aware fusion layer to extract features.") == []
    assert _phrases("We propose Gecko, a model.") == []
    assert _phrases("We propose Exact Energy Preference Optimization to align.") == []


def test_phrases_in_the_title_are_not_proposed_here():
    text = "We propose a fusion layer\n\nNothing here."
    assert list(proposal_candidates(text, 25, [(0, 25), (27, len(text))])) == []


def test_two_names_joined_by_plus_or_to_are_split():
    text = "T\n\nRetinaNet+PVT beats RetinaNet+ResNet50 on Synthia-to-Cityscapes; soft+hard prompts."
    assert [c.text for c in part_candidates(text, 1)] == [
        "RetinaNet", "PVT", "RetinaNet", "ResNet50", "Synthia", "Cityscapes"]


def test_title_spans_are_its_whole_parts_and_first_phrases():
    title = "Learning Tree-based Deep Model for Recommender Systems"
    assert {title[s:e] for s, e in _title_spans(title)} == {
        title, "Tree-based Deep Model for Recommender Systems", "Tree-based Deep Model"}
    title = "Proximal Algorithm Unrolling: Flexible Networks"
    assert "Proximal Algorithm Unrolling" in {title[s:e] for s, e in _title_spans(title)}


def test_a_name_with_the_year_of_its_edition():
    from graphbuild.nlp.proposals import year_candidates

    text = "T\n\nOn BraTS 2019 and 2020 and iNaturalist 2018; in 2019 we tried."
    assert [c.text for c in year_candidates(text, 1)] == ["BraTS 2019", "iNaturalist 2018"]


def _cand(text: str, whole: str, start_at: int = 0, source: str = "titleseg"):
    from graphbuild.nlp.candidates import Candidate

    start = whole.index(text, start_at)
    return Candidate(start, start + len(text), text, source, sentence=0 if start < 20 else 1)


def test_a_phrase_the_abstract_writes_in_lower_case_is_lower_case_whatever_the_title_does():
    from graphbuild.nlp.decide import written_lower_case

    text = "Learning via Two-Phase Pretraining\n\nWe study two-phase pretraining here."
    title_end = text.index("\n")
    cands = [_cand("Two-Phase Pretraining", text), _cand("two-phase pretraining", text)]
    assert written_lower_case(cands, [0, 1], title_end)
    text2 = "Learning via Two-Phase Pretraining\n\nWe study Two-Phase Pretraining here."
    cands2 = [_cand("Two-Phase Pretraining", text2), _cand("Two-Phase Pretraining", text2, title_end)]
    assert not written_lower_case(cands2, [0, 1], title_end)


def test_known_names_inside_a_candidate_and_the_proposal_context_features():
    from graphbuild.nlp.features import _holds_known, entity_features

    text = "T\n\nWe reach 75% on ImageNet with ResNet-50."
    run = _cand("ImageNet with ResNet-50", text, source="caprun")
    assert _holds_known(run, sorted([(text.index("ResNet-50"), len(text) - 1)]))
    assert not _holds_known(_cand("ResNet-50", text), [(text.index("ResNet-50"), len(text) - 1)])

    text = "SegFormer: Simple Design\n\nWe also scale it up to obtain SegFormer-B4 for segmentation."
    title_end = text.index("\n")
    cands = [_cand("SegFormer-B4", text, title_end, source="shape")]
    f = entity_features(text, title_end, cands, [0], "Model", False)
    assert f.get("title_variant") == 1 and f.get("we_propose_sentence") is None
    text = "Mix: Simple Design\n\nThis paper presents Approximate Negative Estimation (ANE), a method."
    cands = [_cand("ANE", text, source="abbrev-short")]
    f = entity_features(text, text.index("\n"), cands, [0], "Method", False)
    assert f.get("we_propose_sentence") == 1 and f.get("title_variant") is None


def test_a_sibling_of_a_strong_name_of_the_document_gets_the_variant_flag():
    from graphbuild.nlp.features import candidate_features, group_candidates
    from graphbuild.nlp.featurespace import FeatureSpace

    text = "T\n\nWe propose SMR. We release SMR-mini and SMR-tiny, and the SMR Technical Report."
    title_end = text.index("\n")
    smr = _cand("SMR", text, title_end, source="acronym")
    smr.strong = True
    cands = [smr, *(_cand(name, text, title_end, source="shape") for name in ("SMR-mini", "SMR-tiny")),
             _cand("SMR Technical Report", text, title_end, source="caprun")]
    groups = group_candidates(cands, lambda c: None)
    space = FeatureSpace()
    rows = candidate_features(text, [(0, title_end), (title_end + 2, len(text))], title_end, cands, groups,
                              [None] * len(cands), space=space)
    flagged = [c.text for c, row in zip(cands, rows) if "variant_of_strong" in space.named(row)]
    assert flagged == ["SMR-mini", "SMR-tiny"]  # not the name itself, not a longer phrase after it


def test_proposed_features_of_a_code_address_a_title_parenthesis_and_a_new_abbreviation():
    from graphbuild.nlp.features import entity_features

    text = ("Regularization by Denoising (RED)\n\nWe offer Regularization by Denoising (RED). Our \"SimSiam\" "
            "method works. Code: https://github.com/someone/RED and https://simsiam.github.io/.")
    title_end = text.index("\n")
    red = [_cand("RED", text, source="abbrev-short"), _cand("RED", text, title_end, source="abbrev-short")]
    f = entity_features(text, title_end, red, [0, 1], "Method", False)
    assert f.get("title_paren") == 1 and f.get("url_name") == 1 and f.get("defined_new") == 1
    # a known abbreviation is no new one
    assert entity_features(text, title_end, red, [0, 1], "Method", True).get("defined_new") is None
    sim = [_cand("SimSiam", text, title_end, source="shape")]
    f = entity_features(text, title_end, sim, [0], "Method", False)
    assert f.get("our_before") == 1 and f.get("url_name") == 1 and f.get("title_paren") is None


def test_code_addresses_name_repositories_and_project_pages():
    from graphbuild.nlp.doc_context import DocContext

    text = ("T\n\nSee https://github.com/Lucky-Lance/TerDiT. Data: huggingface.co/datasets/lab/MultiDialog, "
            "page https://phyx-bench.github.io/ and github.com/o/Llama-Slayer.git or https://example.org/About.")
    assert DocContext(text, [(0, len(text))], 1).url_names == {"terdit", "multidialog", "phyxbench", "llamaslayer"}
    assert DocContext("T\n\nNo address here.", [(0, 20)], 1).url_names == frozenset()


def test_a_size_or_version_of_a_proposed_name_is_proposed():
    names = ["Medusa", "Medusa-2", "PaLM 540B", "Medusa heads", "GPT-4", "Medusa"]
    cands = [Candidate(i * 20, i * 20 + len(n), n, "shape") for i, n in enumerate(names)]
    groups = [[0, 5], [1], [2], [3], [4]]
    # Medusa-2 follows Medusa; "Medusa heads" is no variant (lower case); GPT-4 is another name
    assert _with_variants(cands, groups, [True, False, False, False, False]) == [True, True, False, False, False]
    assert _with_variants(cands, groups, [False] * 5) == [False] * 5
    assert _variant_of("PaLM 540B", {"PaLM"}) and _variant_of("Mistral 7B -- Instruct", {"Mistral 7B"})
    assert not _variant_of("PaLM", {"PaLM 540B"})  # the family of a proposed size is not marked by this


def test_a_name_that_starts_with_a_stop_word_is_marked():
    from graphbuild.nlp.features import _shape_names

    assert "first_stop" in _shape_names("While Information Retrieval")
    assert "first_stop" in _shape_names("for which bounded testing is known")
    assert "first_stop" not in _shape_names("Information Retrieval")
    assert "first_ing" in _shape_names("Testing GPT-3") and "first_ing" not in _shape_names("Vision Transformer")
    assert "first_stop" not in _shape_names("the")  # one stop word is "stopword"


def test_a_coined_lower_case_prefix_is_told_from_an_english_one():
    from graphbuild.nlp.features import _shape_names

    for coined in ("ip-NSW", "p-Tuning", "mi-Net", "t-SNE"):
        shape = set(_shape_names(coined))
        assert "lowerprefix" in shape and "wordprefix" not in shape, coined
    for ordinary in ("non-IID", "top-K", "pre-LN", "all-MLP", "in-Context"):
        shape = set(_shape_names(ordinary))
        assert "wordprefix" in shape and "lowerprefix" not in shape, ordinary


def test_a_second_phrase_joined_by_and_after_the_cue_is_proposed_too():
    assert _phrases("We also introduce frame-aware scale search and residual timestep folding to improve it.") == [
        "frame-aware scale search", "residual timestep folding"]
    assert _phrases("We propose a lattice-pruned posting index and an adaptive shard prefetching scheme.") == [
        "lattice-pruned posting index", "adaptive shard prefetching"]
    # a clause after "and" holds an article or a boundary, or is one word: no second phrase
    assert _phrases("We propose a fusion layer and compare the results.") == ["fusion layer"]
    assert _phrases("We propose a fusion layer and show that it helps.") == ["fusion layer"]
    # no first phrase, no second: a list of others' names with a verb after it is a clause
    assert _phrases("The recently proposed QuillNet and Vexa-GCN reduce it, yet we argue otherwise.") == []


def test_a_time_or_route_phrase_after_the_name_ends_it():
    assert _phrases("We address this by introducing a novel tidal expression consistency loss during training.") \
        == ["tidal expression consistency loss"]
    assert _phrases("We propose a braided token router across layers that skips blocks.") == ["braided token router"]
    assert _phrases("We design a ridge-aware normal filter without supervision.") == ["ridge-aware normal filter"]
