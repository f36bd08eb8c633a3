"""The corpus rule for proposers (graphbuild.proposers): a later paper that "proposes" a known entity uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.nlp.gazetteer import GazEntry, Gazetteer
from graphbuild.proposers import Proposal, later_proposals, settle_proposers, shared_names, split_ids
from graphbuild.records import Entity, Link, Paper
from graphbuild.resolve import Resolution

E = "entity:quokkaformer"


def _p(pid: str, year: int | None, date: str | None = None, curated: bool = False, eid: str = E) -> Proposal:
    return Proposal(pid, eid, year, date, curated)


# ---------------------------------------------------------------------------
# the pure rule


def test_the_earliest_proposer_keeps_the_entity_and_later_ones_use_it():
    got = later_proposals([_p("a", 2018), _p("b", 2020), _p("c", 2020)])
    assert got == [("b", E), ("c", E)]


def test_proposers_of_one_year_are_all_kept_unless_their_dates_tell_them_apart():
    assert later_proposals([_p("a", 2020), _p("b", 2020)]) == []
    assert later_proposals([_p("a", 2020, "2020-03-02"), _p("b", 2020, "2020-07")]) == [("b", E)]
    # a date on one side only places nothing
    assert later_proposals([_p("a", 2020, "2020-03-02"), _p("b", 2020)]) == []
    # the earliest year is shared: both kept, the later year used
    assert later_proposals([_p("a", 2018), _p("b", 2018), _p("c", 2021)]) == [("c", E)]


def test_papers_without_a_year_are_left_and_place_nothing():
    assert later_proposals([_p("a", None), _p("b", 2020)]) == []
    assert later_proposals([_p("a", 2018), _p("b", None), _p("c", 2019)]) == [("c", E)]


def test_a_curated_proposal_is_never_changed_and_still_counts_as_the_earlier_one():
    assert later_proposals([_p("a", 2018), _p("b", 2020, curated=True)]) == []
    assert later_proposals([_p("a", 2018, curated=True), _p("b", 2020)]) == [("b", E)]


def test_entities_of_shared_names_and_lone_proposers_are_left():
    proposals = [_p("a", 2018), _p("b", 2020), _p("c", 2019, eid="entity:other")]
    assert later_proposals(proposals, shared={E}) == []


def test_names_split_by_type_are_shared():
    assert split_ids(["entity:wug", "entity:wug:model", "entity:quokkaformer"]) == {"entity:wug", "entity:wug:model"}


def test_shared_names_are_split_names_senses_of_the_gazetteer_and_unknown_names():
    gaz = Gazetteer([GazEntry("QuokkaFormer", "Model"),
                     GazEntry("Wallaby Attention Model", "Model", ("WAM",)),
                     GazEntry("Weighted Average Merging", "Method", ("WAM",))])
    known = Entity(E, "QuokkaFormer", "Model")
    two_senses = Entity("entity:wam", "WAM", "Model")
    unknown = Entity("entity:numbatnet", "NumbatNet", "Model")
    split = Entity("entity:quokkaformer:method", "QuokkaFormer", "Method")
    got = shared_names([known, two_senses, unknown, split], gaz, split_ids([split.id]))
    assert got == {"entity:wam", "entity:numbatnet", "entity:quokkaformer:method", E}
    assert shared_names([known], gaz) == set()


def test_settle_proposers_makes_later_proposals_uses_and_keeps_their_evidence():
    gaz = Gazetteer([GazEntry("QuokkaFormer", "Model")])
    papers = [Paper(title="A", year=2018, id="a"), Paper(title="B", year=2020, id="b"),
              Paper(title="C", year=2020, id="c")]
    links = [Link("a", E, "proposes", "We introduce QuokkaFormer", 0, 12),
             Link("b", E, "proposes", "We propose QuokkaFormer", 3, 15),
             Link("c", E, "proposes", "We present QuokkaFormer", 3, 15)]
    res = Resolution([Entity(E, "QuokkaFormer", "Model", paper_count=3)], links, curated=frozenset({("c", E)}))
    out, changed = settle_proposers(res, papers, gaz)
    assert changed == 1
    assert [(x.paper_id, x.role, x.evidence, x.char_start) for x in out.links] == [
        ("a", "proposes", "We introduce QuokkaFormer", 0), ("b", "uses", "We propose QuokkaFormer", 3),
        ("c", "proposes", "We present QuokkaFormer", 3)]
    assert out.entities == res.entities
    # nothing contested: the same object back
    lone = Resolution(res.entities, links[:1])
    assert settle_proposers(lone, papers, gaz) == (lone, 0)


def test_curation_marks_the_links_whose_role_an_operation_set():
    from graphbuild.curation import CurationOp, apply_curation

    res = Resolution([Entity(E, "QuokkaFormer", "Model"), Entity("entity:qf", "QF", "Model")],
                     [Link("a", E, "proposes"), Link("b", "entity:qf", "proposes"), Link("c", E, "uses")])
    out, _ = apply_curation(res, [CurationOp("proposed", "QF", paper="b", value=True),
                                  CurationOp("merge", "QF", into="QuokkaFormer"),
                                  CurationOp("mention", "QuokkaFormer", paper="c")])
    assert out.curated == {("b", E)}  # the merge carried it over; a mention without a role sets no role


# ---------------------------------------------------------------------------
# builds: invented papers, an invented name the user's gazetteer knows

_PAPERS = {
    "p2018": ("QuokkaFormer: Pre-training Deep Marsupial Transformers for Language Understanding",
              "We introduce QuokkaFormer, a new language representation model. QuokkaFormer is pre-trained on "
              "unlabeled text and obtains strong results on eleven benchmarks.", 2018),
    "p2020a": ("QuokkaFormer for Legal Question Answering",
               "We propose QuokkaFormer, a model for answering legal questions. Our QuokkaFormer outperforms "
               "earlier systems on two benchmarks.", 2020),
    "p2020b": ("Fast QuokkaFormer Inference on Phones",
               "We present QuokkaFormer, a compact model that runs on phones. QuokkaFormer reaches high accuracy "
               "at low latency.", 2020),
}


def _corpus(path: Path, *ids: str) -> Path:
    path.write_text("".join(json.dumps({"id": i, "title": _PAPERS[i][0], "abstract": _PAPERS[i][1],
                                        "year": _PAPERS[i][2]}) + "\n" for i in ids), encoding="utf-8")
    return path


def _settings(tmp: Path):
    from graphbuild.settings import Settings

    gaz = tmp / "gaz.jsonl"
    gaz.write_text(json.dumps({"name": "QuokkaFormer", "type": "Model"}) + "\n", encoding="utf-8")
    return Settings(gazetteer=str(gaz))


def _roles(ws) -> dict[str, str]:
    G = ws.graph()
    return {u: k for u, v, k in G.edges(keys=True) if v == E and k in ("PROPOSES", "USES")}


def _build(ws, path: Path):
    return ws.build([path], sync_store=False, overview=False, progress=False)


def test_build_demotes_later_proposers_and_says_how_many(tmp_path):
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws", _settings(tmp_path))
    report = _build(ws, _corpus(tmp_path / "c.jsonl", "p2018", "p2020a", "p2020b"))
    assert _roles(ws) == {"p2018": "PROPOSES", "p2020a": "USES", "p2020b": "USES"}
    assert report.demoted == 2 and "proposers: 2 PROPOSES edge(s) of later papers made USES" in report.summary()
    # the later papers now use what the earlier one proposed: inferred citations to it
    G = ws.graph()
    assert {(u, d.get("via")) for u, v, k, d in G.edges(keys=True, data=True) if k == "CITES" and v == "p2018"} \
        == {("p2020a", E), ("p2020b", E)}


def test_build_adding_an_earlier_paper_demotes_the_papers_there_and_a_later_one_is_demoted(tmp_path):
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws", _settings(tmp_path))
    report = _build(ws, _corpus(tmp_path / "a.jsonl", "p2020a", "p2020b"))
    assert _roles(ws) == {"p2020a": "PROPOSES", "p2020b": "PROPOSES"} and report.demoted == 0  # a tie: both kept
    report = _build(ws, _corpus(tmp_path / "b.jsonl", "p2018"))
    assert _roles(ws) == {"p2018": "PROPOSES", "p2020a": "USES", "p2020b": "USES"} and report.demoted == 2

    other = Workspace(tmp_path / "other", _settings(tmp_path))
    _build(other, _corpus(tmp_path / "c.jsonl", "p2018", "p2020a"))
    assert _roles(other) == {"p2018": "PROPOSES", "p2020a": "USES"}
    report = _build(other, _corpus(tmp_path / "d.jsonl", "p2020b"))
    assert _roles(other) == {"p2018": "PROPOSES", "p2020a": "USES", "p2020b": "USES"} and report.demoted == 2


def test_build_keeps_a_proposal_curation_set(tmp_path):
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws", _settings(tmp_path))
    (tmp_path / "ws").mkdir()
    ws.curation_file.write_text(json.dumps({"op": "proposed", "entity": "QuokkaFormer", "paper": "p2020b",
                                            "value": True}) + "\n", encoding="utf-8")
    report = _build(ws, _corpus(tmp_path / "c.jsonl", "p2018", "p2020a", "p2020b"))
    assert _roles(ws) == {"p2018": "PROPOSES", "p2020a": "USES", "p2020b": "PROPOSES"} and report.demoted == 1


def test_build_leaves_proposers_of_an_unknown_name(tmp_path):
    from graphbuild.settings import Settings
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws", Settings())
    report = _build(ws, _corpus(tmp_path / "c.jsonl", "p2018", "p2020a", "p2020b"))
    assert report.demoted == 0 and "proposers:" not in report.summary()


@pytest.mark.spark
@pytest.mark.slow
def test_spark_build_demotes_the_same_proposals_as_a_single_build(spark_session, tmp_path):
    from test_spark import _assert_written_tables_equal

    from graphbuild.graph import graph_to_tables
    from graphbuild.spark import build
    from graphbuild.workspace import Workspace

    settings = _settings(tmp_path)
    corpus = _corpus(tmp_path / "c.jsonl", "p2018", "p2020a", "p2020b")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        ws = Workspace(tmp_path / "ws", settings)
        report = _build(ws, corpus)
        counts = build([corpus], tmp_path / "out", spark=spark_session, settings=settings)
    assert counts["demoted"] == report.demoted == 2
    expected = graph_to_tables(ws.graph())
    assert {r["from"] for r in expected.rels["PROPOSES"] if r["to"] == E} == {"p2018"}
    _assert_written_tables_equal(tmp_path / "out", expected)
