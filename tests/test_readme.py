"""The README's examples, checked against what the code does on the demo corpus."""

from __future__ import annotations

import shlex
from pathlib import Path

from graphbuild.cli import main, make_parser
from graphbuild.cli.curate import _op_from_args, _paper_to_drop, _suggestions
from graphbuild.curation import apply_curation, match_entity, read_curation, resolution_from_graph
from graphbuild.resources import data_path
from graphbuild.workspace import Workspace

CURATE_OPS = {"merge", "rename", "retype", "reject", "alias", "split", "proposed", "mention", "drop"}


def _readme_block(lang: str, holding: str) -> str:
    """The text of the README's fenced ``lang`` block that holds ``holding``."""
    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return next(b for b in text.split("```")[1::2] if b.startswith(lang + "\n") and holding in b)[len(lang) + 1:]


def test_readme_curation_examples_apply_in_order_on_the_demo(tmp_path):
    """Each curate command of "Correct the graph", and each line of its file example, matches
    something on the demo workspace (as the CLI checks before writing); the review ids exist."""
    ws = tmp_path / "ws"
    assert main(["build", str(data_path("demo")), "-w", str(ws), "--no-overview"]) == 0
    w = Workspace(ws)
    papers = [p.id for p in w.papers() if not p.external]
    graph = w.graph()
    parser, ops, reviewed = make_parser(), [], []
    for line in _readme_block("bash", "$gb curate rename llama").splitlines():
        argv = shlex.split(line, comments=True)[1:]
        if argv[:1] == ["curate"] and argv[1] in CURATE_OPS:
            op = _op_from_args(parser.parse_args(argv))
            ops.append(_paper_to_drop(w, op, force=False) if op.op == "drop" else op)  # its PAPER found as the CLI does
        elif argv[:1] == ["review"]:
            reviewed += [a for a in argv[1:] if not a.startswith("-") and a != "ws"]
    assert len(ops) == 10 and len(reviewed) == 2
    for n in range(1, len(ops) + 1):  # in order, each on the graph the ones before it made
        before, _ = apply_curation(resolution_from_graph(graph), ops[:n - 1], papers=papers)
        _, report = apply_curation(resolution_from_graph(graph), ops[:n], papers=papers)
        assert report.problems == [], ops[n - 1]
        if ops[n - 1].op == "merge":  # the CLI refuses a merge of two names of one entity ([E800])
            by_id = before.by_id()
            source, target = match_entity(ops[n - 1].entity, by_id), match_entity(ops[n - 1].into or "", by_id)
            assert source is not None and source is not target, ops[n - 1]
    curated, _ = apply_curation(resolution_from_graph(graph), ops, papers=papers)
    entities = curated.by_id()
    by_name = {e.name: e for e in entities.values()}
    assert "ILSVRC-2010" not in by_name and "HuggingFace" not in by_name
    assert by_name["BN-Inception"].type == "Model" and by_name["MassiveText"].type == "Dataset"
    roles = {(link.paper_id, entities[link.entity_id].name): link.role for link in curated.links}
    assert roles[("arxiv:1301.3781", "word2vec")] == "proposes"
    assert roles[("arxiv:2304.07193", "ViT-S")] != "proposes"
    assert ("arxiv:1706.03762", "residual connections") in roles
    assert curated.dropped == {"arxiv:2006.11477"}
    assert not any(link.paper_id in curated.dropped for link in curated.links)

    # what `graphbuild review` lists on the uncurated demo (names the gazetteer knows are not doubted)
    ids = {s.id for s in _suggestions(w, [], None)}
    assert set(reviewed) <= ids

    (tmp_path / "curation.jsonl").write_text(_readme_block("json", '"op": "merge"'), encoding="utf-8")
    file_ops = [op for op in read_curation(tmp_path / "curation.jsonl") if op.op != "dismiss"]
    _, report = apply_curation(resolution_from_graph(graph), file_ops, papers=papers)
    assert len(file_ops) == 10 and report.problems == []
    assert [op.to_dict() for op in file_ops if op.op == "drop"] == [op.to_dict() for op in ops if op.op == "drop"]
