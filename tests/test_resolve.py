"""Corpus-level resolution and citation inference on hand-made extractions."""

from __future__ import annotations

from graphbuild.citations import citation_edges, infer_citations
from graphbuild.records import Citation, EntityMention, Extraction, Link, Paper
from graphbuild.resolve import resolve_entities


def em(name, type_="Method", mentions=None, role="uses", canonical=None, family=None):
    return EntityMention(name=name, type=type_, mentions=mentions or [name], role=role,
                         proposed=role == "proposes", canonical=canonical, family=family)


def test_resolve_aliases_merge_across_papers():
    res = resolve_entities([
        Extraction("p1", "t1", [em("Ladder Side-Tuning", mentions=["Ladder Side-Tuning", "LST"], role="proposes")]),
        Extraction("p2", "t2", [em("ladder side tuning")]),
        Extraction("p3", "t3", [em("Ladder-Side-Tuning")]),
    ])
    (ent,) = res.entities
    assert ent.paper_count == 3
    assert {"LST", "ladder side tuning"} <= set(ent.aliases)
    roles = {(link.paper_id, link.role) for link in res.links}
    assert roles == {("p1", "proposes"), ("p2", "uses"), ("p3", "uses")}


def test_resolve_short_acronyms_do_not_merge_across_types():
    res = resolve_entities([
        Extraction("p1", "t1", [em("SAM", "Model")]),
        Extraction("p2", "t2", [em("SAM", "Method")]),
    ])
    assert sorted(e.type for e in res.entities) == ["Method", "Model"]
    assert len({e.id for e in res.entities}) == 2


def test_resolve_variants_link_to_family():
    res = resolve_entities([
        Extraction("p1", "t1", [em("Llama-3.1-8B", "Model", family="Llama"), em("Llama", "Model")]),
        Extraction("p2", "t2", [em("MiniFoo-7B", "Model"), em("MiniFoo", "Model")]),
    ])
    by_name = {e.name: e for e in res.entities}
    assert by_name["Llama-3.1-8B"].family == by_name["Llama"].id
    assert by_name["MiniFoo-7B"].family == by_name["MiniFoo"].id
    assert by_name["Llama"].family is None


def test_resolve_family_node_created_when_only_variants_are_mentioned():
    res = resolve_entities([Extraction("p1", "t1", [em("Llama-3.1-8B", "Model", family="Llama")])])
    by_name = {e.name: e for e in res.entities}
    assert by_name["Llama"].paper_count == 0
    assert by_name["Llama-3.1-8B"].family == by_name["Llama"].id


def test_resolve_one_link_per_paper_entity_strongest_role():
    res = resolve_entities([Extraction("p1", "t", [em("GLUE", "Dataset", role="uses"),
                                                   em("glue", "Dataset", role="evaluates_on")])])
    assert [(link.paper_id, link.role) for link in res.links] == [("p1", "evaluates_on")]


def test_citations_inferred_only_from_earlier_proposers():
    papers = [Paper(id="a", title="Proposer", year=2020), Paper(id="b", title="User", year=2022),
              Paper(id="c", title="Older user", year=2019)]
    links = [Link("a", "entity:x", "proposes"), Link("b", "entity:x", "uses"), Link("c", "entity:x", "uses")]
    inferred = infer_citations(papers, links)
    assert inferred == [Citation("b", "a", inferred=True, via="entity:x")]
    edges = citation_edges([("b", "a")], inferred)
    assert edges == [Citation("b", "a", inferred=False, via=None)]
