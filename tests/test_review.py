"""Review: suggestions on a hand-built graph, decisions kept, the command in bulk and on a terminal."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphbuild.curation import CurationOp, read_curation
from graphbuild.graph import build_graph
from graphbuild.records import Entity, EntityMention, Extraction, Link, Paper
from graphbuild.review import entity_confidence, suggest

SOURCES = Path(__file__).parent / "fixtures" / "sources"

# name, type, aliases, papers it appears in (by number), family
_ENTITIES = [
    ("GCN", "Model", (), (1, 2, 3), None),
    ("graph convolutional network", "Model", (), (4,), None),
    ("Natural Questions", "Dataset", (), (1, 2), None),
    ("Natural Question", "Dataset", (), (5,), None),
    ("GPT-3", "Model", (), (1, 2), None),
    ("GPT-2", "Model", (), (3,), None),
    ("Cityscapes", "Dataset", (), (1, 2), None),
    ("Cityscapes-C", "Dataset", (), (3,), None),
    ("SAM", "Method", ("Segment Anything Model",), (1,), None),
    ("sharpness aware minimization", "Method", (), (2,), None),
    ("candidate generation and re-ranking based framework", "Method", (), (6,), None),
    ("ResNet", "Model", (), (1, 2), None),
    ("ResNet model", "Model", (), (6,), None),
]


def _graph():
    papers = [Paper(title=f"Paper {i}", id=f"p{i}") for i in range(1, 7)]
    ents, links = [], []
    for name, type_, aliases, where, family in _ENTITIES:
        eid = "entity:" + name.lower().replace(" ", "").replace("-", "")
        ents.append(Entity(eid, name, type_, aliases, family, len(where)))
        links.extend(Link(f"p{i}", eid, "uses", f"We use {name} in paper {i}.") for i in where)
    return build_graph(papers, ents, links)


def _pairs(suggestions):
    return {(s.kind, s.op.op, s.op.entity, s.op.into or s.op.type or "") for s in suggestions}


def test_review_finds_acronyms_fuzzy_names_generic_words_and_doubtful_names():
    found = _pairs(suggest(_graph()))
    assert ("duplicate", "merge", "entity:graphconvolutionalnetwork", "entity:gcn") in found
    assert ("duplicate", "merge", "entity:naturalquestion", "entity:naturalquestions") in found
    assert ("duplicate", "merge", "entity:resnetmodel", "entity:resnet") in found
    assert ("doubtful", "reject", "entity:candidategenerationandrerankingbasedframework", "") in found
    # versions, variants and a homonym with its own long form are left alone
    flat = {x for pair in found for x in pair[2:]}
    assert not {"entity:gpt2", "entity:gpt3", "entity:cityscapesc", "entity:sam"} & flat
    assert len([f for f in found if f[0] == "duplicate"]) == 3
    doubtful = [s for s in suggest(_graph()) if s.kind == "doubtful"]
    assert doubtful[0].op.entity == "entity:candidategenerationandrerankingbasedframework"  # least sure first
    assert "entity:gcn" not in {s.op.entity for s in doubtful}


def test_review_ranks_by_papers_touched_and_shows_evidence():
    suggestions = suggest(_graph())
    assert [s.papers for s in suggestions] == sorted((s.papers for s in suggestions), reverse=True)
    top = suggestions[0]
    assert top.op.into == "entity:gcn" and top.papers == 4  # GCN's three papers plus the long form's one
    assert ("p4", "We use graph convolutional network in paper 4.") in top.evidence
    assert suggest(_graph(), limit=2) == suggestions[:2]


def test_review_type_conflicts_come_from_the_papers_extractions():
    extractions = [Extraction(f"p{i}", "", [EntityMention("GCN", "Method" if i > 1 else "Model", ["GCN"])])
                   for i in (1, 2, 3)]
    conflicts = [s for s in suggest(_graph(), extractions) if s.kind == "type-conflict"]
    assert [(s.op.entity, s.op.type) for s in conflicts] == [("entity:gcn", "Method")]
    assert "Method in 2, Model in 1" in conflicts[0].reason
    # the gazetteer's type stands
    assert not [s for s in suggest(_graph(), extractions, known=lambda n: n == "GCN") if s.kind == "type-conflict"]
    # nor is a hand correction undone: the curation file retypes it (by name, any spelling, or id)
    for retyped in (["GCN"], ["gcn"], ["entity:gcn"]):
        assert not [s for s in suggest(_graph(), extractions, retyped=retyped) if s.kind == "type-conflict"]
    assert [s for s in suggest(_graph(), extractions, retyped=["GAT"]) if s.kind == "type-conflict"]


def test_review_does_not_undo_a_type_or_an_entity_the_curation_decided():
    extractions = [Extraction(f"p{i}", "", [EntityMention("GCN", "Method", ["GCN"])]) for i in (1, 2, 3)]
    vague = "entity:candidategenerationandrerankingbasedframework"

    def kinds(curation):
        return {(s.kind, s.op.entity) for s in suggest(_graph(), extractions, curation=curation)}

    assert {("type-conflict", "entity:gcn"), ("doubtful", vague)} <= kinds([])
    # a split that typed its new side, or a mention that created the entity with a type, settles the type
    split = CurationOp("split", "graph convolutional network", name="GCN", type="Model", papers=("p1",))
    assert ("type-conflict", "entity:gcn") not in kinds([split])
    assert ("type-conflict", "entity:gcn") not in kinds([CurationOp("mention", "gcn", paper="p1", type="Model")])
    # a split without a type leaves the type open to suggestion
    assert ("type-conflict", "entity:gcn") in kinds([CurationOp("split", "x", name="GCN", papers=("p1",))])
    # an entity a person named on purpose is not suggested for rejection
    assert ("doubtful", vague) not in kinds([CurationOp("rename", "old name", name=vague)])
    assert ("doubtful", vague) not in kinds([CurationOp("mention", vague, paper="p6", role="uses")])
    # the curation's accepted or dismissed suggestions are left out too
    first = suggest(_graph(), extractions)[0]
    assert first.id not in {s.id for s in suggest(_graph(), extractions,
                                                  curation=[CurationOp("dismiss", suggestion=first.id)])}


def test_review_decided_suggestions_are_not_asked_again():
    first = suggest(_graph())
    again = suggest(_graph(), decided={first[0].id})
    assert first[0].id not in {s.id for s in again} and len(again) == len(first) - 1
    assert [s.id for s in suggest(_graph())] == [s.id for s in first]  # ids are stable


def test_review_entity_confidence_heuristic():
    assert entity_confidence("BERT", 1, {"USES": 1}, known=True) == 0.95
    assert entity_confidence("graph signal processing", 1, {"USES": 1}, known=False) == 0.6
    assert entity_confidence("graph signal processing", 3, {"USES": 3}, known=False) == 0.9
    assert entity_confidence("layer knowledge distillation algorithm", 1, {}, known=False) == 0.3


# ------------------------------------------------------------------ the command


@pytest.fixture()
def demo_ws(tmp_path):
    from graphbuild.cli import main
    from graphbuild.resources import data_path

    ws = tmp_path / "ws"
    assert main(["build", str(data_path("demo")), "-w", str(ws), "--no-overview"]) == 0
    return ws


def test_review_cli_apply_and_dismiss_in_bulk(demo_ws, capsys):
    from graphbuild.cli import main

    capsys.readouterr()
    assert main(["review", "-w", str(demo_ws), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed, "the demo corpus has something to review"
    first, second = listed[0]["id"], listed[1]["id"]
    assert main(["review", "-w", str(demo_ws), "--apply", first, "--dismiss", second]) == 0
    assert "1 accepted, 1 dismissed" in capsys.readouterr().out
    ops = read_curation(demo_ws / "curation.jsonl")
    assert [(op.op == "dismiss", op.suggestion) for op in ops] == [(False, first), (True, second)]
    assert ops[0].to_dict() | {"suggestion": first} == {**listed[0]["operation"], "suggestion": first}
    assert main(["review", "-w", str(demo_ws), "--json", "--limit", "100"]) == 0
    assert not {first, second} & {s["id"] for s in json.loads(capsys.readouterr().out)}
    assert main(["review", "-w", str(demo_ws), "--apply", first]) == 1
    assert "[E800] no open suggestion" in capsys.readouterr().err


def test_review_cli_apply_of_several_is_undone_by_one_undo(demo_ws, capsys):
    """`review --apply A B` then `curate undo` took back B alone, A still in the graph: the suggestions one
    review accepts are one command, which one undo takes back."""
    from graphbuild.cli import main

    def graph_text() -> str:
        return (demo_ws / (demo_ws / "CURRENT").read_text().strip() / "graph.json").read_text()

    before = graph_text()
    capsys.readouterr()
    assert main(["review", "-w", str(demo_ws), "--json"]) == 0
    picked = [s["id"] for s in json.loads(capsys.readouterr().out)][:2]
    assert len(picked) == 2 and main(["review", "-w", str(demo_ws), "--apply", *picked]) == 0
    assert graph_text() != before
    capsys.readouterr()
    assert main(["curate", "undo", "-w", str(demo_ws)]) == 0
    assert capsys.readouterr().out.count(": - ") == 2
    assert read_curation(demo_ws / "curation.jsonl") == [] and graph_text() == before


def test_review_cli_does_not_suggest_undoing_a_split(demo_ws, capsys):
    from graphbuild.cli import main

    assert main(["curate", "split", "MassiveText", "MassiveText corpus", "--paper", "2203.15556", "--type", "Dataset",
                 "-w", str(demo_ws)]) == 0
    capsys.readouterr()
    assert main(["review", "-w", str(demo_ws), "--json", "--limit", "1000"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed, "the demo corpus has something to review"
    # Chinchilla's extraction typed it otherwise and it is new in one paper: neither makes a retype nor a reject
    assert not [s for s in listed if s["operation"]["entity"] == "entity:massivetextcorpus"]


def test_review_cli_accepted_rejects_export_their_names_to_the_thesaurus(demo_ws, tmp_path, capsys):
    """The operations name entities by id; the thesaurus had ``entity:…`` where VOSviewer wants the label."""
    from graphbuild.cli import main

    capsys.readouterr()
    assert main(["review", "-w", str(demo_ws), "--json", "--limit", "100"]) == 0
    picked = [s["id"] for s in json.loads(capsys.readouterr().out) if s["operation"]["op"] == "reject"][:2]
    assert len(picked) == 2 and main(["review", "-w", str(demo_ws), "--apply", *picked]) == 0
    ops = read_curation(demo_ws / "curation.jsonl")
    assert all(op.entity.startswith("entity:") and op.entity_name for op in ops)
    expected = "label\treplace by\n" + "".join(f"{op.entity_name}\t\n" for op in ops)
    out = tmp_path / "thesaurus.txt"
    assert main(["curate", "export-thesaurus", str(out), "-w", str(demo_ws)]) == 0
    assert out.read_text(encoding="utf-8") == expected and "entity:" not in expected
    # a curation file written before the names were kept still loads; the papers' extractions name its ids
    (demo_ws / "curation.jsonl").write_text("".join(
        json.dumps({k: v for k, v in op.to_dict().items() if k != "entity_name"}) + "\n" for op in ops))
    assert [op.entity_name for op in read_curation(demo_ws / "curation.jsonl")] == [None, None]
    assert main(["curate", "export-thesaurus", str(out), "-w", str(demo_ws)]) == 0
    assert out.read_text(encoding="utf-8").lower() == expected.lower()


def test_review_accepted_merge_exports_both_names_to_the_thesaurus(tmp_path):
    from dataclasses import replace

    from graphbuild.thesaurus import export_thesaurus

    merge = next(s for s in suggest(_graph()) if s.op.op == "merge" and s.op.entity == "entity:naturalquestion")
    assert (merge.op.entity_name, merge.op.into, merge.op.into_name) == \
        ("Natural Question", "entity:naturalquestions", "Natural Questions")
    cur, out = tmp_path / "curation.jsonl", tmp_path / "thesaurus.txt"
    cur.write_text(replace(merge.op, suggestion=merge.id).to_line() + "\n", encoding="utf-8")
    assert export_thesaurus(cur, out) == 1
    assert out.read_text(encoding="utf-8") == "label\treplace by\nNatural Question\tNatural Questions\n"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (apt-get install tmux)")
def test_review_cli_asks_on_a_terminal(demo_ws):
    from graphbuild.review import decided_suggestions

    session = f"gbreview{id(demo_ws) % 100000}"
    command = f"{sys.executable} -m graphbuild review -w {demo_ws} --limit 3; echo REVIEW-DONE; sleep 30"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", command], check=True)
    try:
        for number, key in enumerate(("y", "n", "s"), 1):
            _wait_for(session, "accept? [y]es", number)
            subprocess.run(["tmux", "send-keys", "-t", session, key, "Enter"], check=True)
        screen = _wait_for(session, "REVIEW-DONE")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert "1 accepted, 1 dismissed" in screen
    ops = read_curation(demo_ws / "curation.jsonl")
    assert [op.op == "dismiss" for op in ops] == [False, True]
    assert len(decided_suggestions(ops)) == 2


def _wait_for(session: str, text: str, count: int = 1, timeout: float = 60) -> str:
    """The terminal's text once ``text`` shows ``count`` times."""
    screen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session, "-S", "-300"],
                                capture_output=True, text=True).stdout
        if screen.count(text) >= count:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not show {count} time(s) on the terminal:\n{screen}")


def test_review_keeps_an_accepted_suggestion_across_rebuilds(demo_ws):
    from graphbuild.workspace import Workspace

    ws = Workspace(demo_ws)
    first = next(s for s in suggest(ws.graph()) if s.op.op == "reject")  # the least confident entity
    assert first.op.entity in ws.graph()
    (demo_ws / "curation.jsonl").write_text(CurationOp(**{**first.op.to_dict(), "suggestion": first.id}).to_line()
                                            + "\n")
    for _ in range(2):  # applied by the next build and by every one after it
        ws.build([], progress=False, overview=False)
        assert first.op.entity not in ws.graph()
    assert first.id not in {s.id for s in suggest(ws.graph())}


def test_review_same_family_loosens_the_fuzzy_threshold_but_not_for_sizes():
    def found(family):
        papers = [Paper(title=f"Paper {i}", id=f"p{i}") for i in range(1, 4)]
        ents = [Entity("entity:falcon", "Falcon", "Model"),
                Entity("entity:a", "FalconLite", "Model", family=family, paper_count=1),
                Entity("entity:b", "FalconLight", "Model", family=family, paper_count=1),
                Entity("entity:swinv2g", "SwinV2-Giant-G", "Model", family=family, paper_count=1),
                Entity("entity:swinv2h", "SwinV2-Giant-H", "Model", family=family, paper_count=1)]
        links = [Link("p1", "entity:a", "uses"), Link("p2", "entity:b", "uses"),
                 Link("p1", "entity:swinv2g", "uses"), Link("p3", "entity:swinv2h", "uses")]
        return [s for s in suggest(build_graph(papers, ents, links)) if s.kind == "duplicate"]

    same = found("entity:falcon")
    assert [sorted((s.op.entity, s.op.into)) for s in same] == [["entity:a", "entity:b"]]
    assert "same family" in same[0].reason  # ratio 86 < 90: only within a family
    assert found(None) == []
