"""Related-work ranking on the hand-checked graph, plus one run on the dev citation set.

Hand computations on tests/graph_fixture.py (five corpus papers, so no LSA topic space):

* citation part for P2: P2 cites P1 (explicit, raw 2), P4 (inferred, raw 1); P3 shares two
  references with P2 (P1 and X1: raw log 3 = 1.0986). Scaled by the largest: P1 1, P3 0.549,
  P4 0.5, P5 0.
* citation part for P3: P3 cites P1 (raw 2); P2 shares two references (raw log 3). P4 and P5
  have nothing and tie (broken by id).
* MMLU co-occurrence: MMLU is in P2, P3, P4 of 5 papers; LoRA in P1, P2, P3 (2 together),
  Llama-2-7B in P2, P4 (2 together). NPMI(MMLU, Llama-2-7B) = log(0.4 / (0.6 * 0.4)) / -log 0.4
  = 0.5575; NPMI(MMLU, LoRA) = log(0.4 / 0.36) / -log 0.4 = 0.1150.
"""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from graph_fixture import small_graph

from graphbuild.errors import GraphbuildError
from graphbuild.related import (
    PARTS,
    TFIDF_ONLY,
    RelatedIndex,
    RelatedLookupError,
    Weights,
    evaluate_related,
    related_entities,
    related_papers,
)

CITATION_ONLY = Weights(lexical=0, topic=0, entities=0, graph=0, citation=1, authors=0)
ENTITIES_ONLY = Weights(lexical=0, topic=0, entities=1, graph=0, citation=0, authors=0)


@pytest.fixture(scope="module")
def index() -> RelatedIndex:
    return RelatedIndex.from_graph(small_graph())


def _ids(results) -> list[str]:
    return [r.paper_id for r in results]


def test_related_index_covers_corpus_papers_only(index):
    assert index.paper_ids == ["P1", "P2", "P3", "P4", "P5"]  # X1 is external
    assert index.cites.shape == (6, 6)  # but it still counts for co-citation and coupling
    assert index.topic_blocks == []  # too few papers for an LSA space


def test_related_paper_query_ranks_cited_coauthor_first_with_reasons(index):
    results = related_papers(index, paper_id="P2")
    assert results[0].paper_id == "P1"
    top = results[0]
    assert "cited by 'QLoRA paper'" in top.reasons
    assert "shares author: Edward Hu" in top.reasons
    assert "introduces LoRA, which this paper builds on" in top.reasons
    assert set(top.parts) == set(PARTS)
    assert top.parts["citation"] == 1.0 and top.parts["authors"] == 1.0
    assert top.year == 2021 and top.title == "LoRA paper"
    assert "P2" not in _ids(results)
    by_id = {r.paper_id: r for r in results}
    assert "cited by 'QLoRA paper' (inferred from the text)" in by_id["P4"].reasons
    assert "both cite 2 of the same papers" in by_id["P3"].reasons
    assert "both evaluate on MMLU" in by_id["P3"].reasons
    assert results == sorted(results, key=lambda r: -r.score)


def test_related_every_result_has_a_reason(index):
    queries = [dict(paper_id=p) for p in ("P1", "P2", "P3", "P4", "P5")]
    queries += [dict(title="Adapter study"), dict(text="Low-rank adapters for GPT-3 on GLUE."),
                dict(entity="MMLU"), dict(entity="Llama")]
    for query in queries:
        results = related_papers(index, **query)
        assert results, query
        for r in results:
            assert r.reasons and all(isinstance(x, str) and x for x in r.reasons), (query, r)


def test_related_citation_part_matches_hand_computation(index):
    results = related_papers(index, paper_id="P2", weights=CITATION_ONLY)
    assert _ids(results) == ["P1", "P3", "P4"]  # P5 has no citation signal: left out
    assert [r.parts["citation"] for r in results] == [1.0, pytest.approx(math.log(3) / 2, abs=1e-4), 0.5]


def test_related_weights_change_ranking(index):
    # by default the cited co-authored LoRA paper leads; on entities alone the Llama 2 report
    # (Llama-2-7B, its family Llama, and MMLU) is closest to QLoRA
    assert related_papers(index, paper_id="P2")[0].paper_id == "P1"
    assert related_papers(index, paper_id="P2", weights=ENTITIES_ONLY)[0].paper_id == "P4"
    # a zero weight removes its part from the score
    assert "lexical" not in related_papers(index, paper_id="P2", weights=ENTITIES_ONLY)[0].parts


def test_related_later_papers_penalised(index):
    everything = related_papers(index, paper_id="P1")
    assert any(r.year and r.year > 2021 for r in everything)
    earlier_only = related_papers(index, paper_id="P1", weights=dataclasses.replace(Weights(), later=0.0))
    assert earlier_only and all(r.year is None or r.year <= 2021 for r in earlier_only)


def test_related_paper_id_forms_and_unknown(index):
    assert _ids(related_papers(index, paper_id=" P2 ")) == _ids(related_papers(index, paper_id="P2"))
    with pytest.raises(RelatedLookupError, match="not a corpus paper") as err:
        related_papers(index, paper_id="X1")  # external stubs are not ranked from
    assert isinstance(err.value, GraphbuildError)


def test_related_title_exact_fuzzy_and_unknown(index):
    expected = _ids(related_papers(index, paper_id="P2"))
    assert _ids(related_papers(index, title="qlora PAPER")) == expected
    assert _ids(related_papers(index, title="QLoRA papr")) == expected
    with pytest.raises(RelatedLookupError) as err:
        related_papers(index, title="LoRA study of things")
    message = str(err.value)
    assert "close matches" in message and "'LoRA paper' (P1)" in message
    with pytest.raises(RelatedLookupError, match="no paper title shares its words"):
        related_papers(index, title="zebra quantum")


def test_related_text_query_uses_its_entities(index):
    results = related_papers(index, text="We evaluate adapters on GLUE and MMLU.")
    assert results[0].paper_id == "P3"
    assert "both evaluate on GLUE and MMLU" in results[0].reasons
    assert results[0].parts["entities"] == 1.0
    # text alone, no entity: ranking by wording only
    wording = related_papers(index, text="quantized QLoRA finetuning")
    assert wording[0].paper_id == "P2"
    assert any(r.startswith("similar wording: 'qlora'") for r in wording[0].reasons)


def test_related_entity_query_proposers_first(index):
    results = related_papers(index, entity="low-rank adaptation")  # an alias of LoRA
    assert _ids(results) == ["P1", "P2", "P3"]
    assert results[0].reasons == ["proposes LoRA"]
    assert results[1].reasons == ["uses LoRA"]
    family = related_papers(index, entity="LLAMA")
    assert _ids(family) == ["P4", "P2"]
    assert family[1].reasons == ["uses Llama-2-7B, a variant of Llama"]
    with pytest.raises(RelatedLookupError, match="did you mean QLoRA"):
        related_papers(index, entity="QLoRa-X")


def test_related_needs_exactly_one_query(index):
    with pytest.raises(RelatedLookupError, match="exactly one"):
        related_papers(index)
    with pytest.raises(RelatedLookupError, match="got paper_id, entity"):
        related_papers(index, paper_id="P1", entity="LoRA")
    assert related_papers(index, paper_id="P1", k=0) == []
    assert len(related_papers(index, paper_id="P2", k=2)) == 2


def test_related_entities_counts_and_npmi(index):
    report = related_entities(index, "mmlu")
    assert report.entity_id == "entity:mmlu" and report.type == "Dataset"
    assert report.proposed_by == []
    assert report.used_by == [("P2", "QLoRA paper", "evaluates_on"), ("P3", "Adapter study", "evaluates_on"),
                              ("P4", "Llama 2 report", "evaluates_on")]
    assert report.min_count == 2
    assert [(r.name, r.together, r.count) for r in report.related] == [("Llama-2-7B", 2, 2), ("LoRA", 2, 3)]
    assert report.related[0].npmi == pytest.approx(math.log(0.4 / 0.24) / -math.log(0.4), abs=1e-4)
    assert report.related[1].npmi == pytest.approx(math.log(0.4 / 0.36) / -math.log(0.4), abs=1e-4)


def test_related_entities_falls_back_to_single_cooccurrence(index):
    report = related_entities(index, "ViT")
    assert report.proposed_by == [("P5", "ViT paper")]
    assert report.min_count == 1  # ViT co-occurs with ImageNet once only
    assert [r.name for r in report.related] == ["ImageNet"]
    assert report.related[0].npmi == pytest.approx(1.0)


def test_related_evaluate_exact_figures(index):
    # citation-only rankings: P2 -> P1, P3, P4, P5; P3 -> P1, P2, P4, P5 (see module docstring)
    gold = {"P2": ["P1", "P4"], "P3": ["P1", "X9"], "P404": ["P1"]}
    result = evaluate_related(index, gold, k=2, weights=CITATION_ONLY)
    assert result["queries"] == 2
    assert result["skipped"] == ["P404"]
    assert result["per_query"]["P2"]["ap"] == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert result["per_query"]["P3"]["ap"] == pytest.approx(0.5)  # X9 is never retrieved
    assert result["map"] == pytest.approx(((1 + 2 / 3) / 2 + 0.5) / 2, abs=1e-4)
    assert result["recall@2"] == pytest.approx(0.5)
    assert result["precision@10"] == pytest.approx(0.15)


@pytest.mark.shared
@pytest.mark.slow
def test_related_dev_set_beats_tfidf(shared_dir, tmp_path):
    from graphbuild.workspace import Workspace

    folder = shared_dir / "eval" / "related"
    ws = Workspace(tmp_path / "ws")
    ws.build([str(folder / "papers_dev.jsonl")], progress=False)
    gold = json.loads((folder / "gold_citations_dev.json").read_text(encoding="utf-8"))["queries"]
    index = RelatedIndex.from_graph(ws.graph())
    baseline = evaluate_related(index, gold, weights=TFIDF_ONLY)
    hybrid = evaluate_related(index, gold)
    assert baseline["queries"] == hybrid["queries"] == 21
    assert baseline["map"] == pytest.approx(0.584, abs=0.01)  # the README's TF-IDF figure
    # README TF-IDF figures: MAP 0.584, recall@20 0.600
    assert hybrid["map"] > 0.584 + 0.04
    assert hybrid["recall@20"] > 0.600 + 0.03


def test_related_text_query_finds_entities_by_alias(index):
    results = related_papers(index, text="Scaling a Vision Transformer to larger images")
    assert results[0].paper_id == "P5"
    assert "introduces ViT, which your text builds on" in results[0].reasons


def test_related_empty_graph_answers_without_crashing():
    import networkx as nx

    index = RelatedIndex.from_graph(nx.MultiDiGraph())
    assert related_papers(index, text="sparse attention for long context") == []
    with pytest.raises(RelatedLookupError, match="pass its title instead"):
        related_papers(index, paper_id="arXiv:2506.02838")
    assert evaluate_related(index, {"arXiv:2506.02838": ["arXiv:1706.03762"]})["skipped"] == ["arXiv:2506.02838"]
