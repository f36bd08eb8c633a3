"""Curation: the file format, each operation on a hand-built resolution, and builds that keep them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from graphbuild.curation import (
    CurationOp,
    append_operation,
    apply_curation,
    drop_last_command,
    match_entity,
    parse_curation,
    read_curation,
)
from graphbuild.errors import InputError
from graphbuild.records import Entity, Link
from graphbuild.resolve import Resolution


def _resolution() -> Resolution:
    ents = [
        Entity("entity:gpt4", "GPT4", "Model", paper_count=1),
        Entity("entity:gpt-4", "GPT-4", "Model", aliases=("GPT 4",), paper_count=1),
        Entity("entity:sam", "SAM", "Model", aliases=("Segment Anything",), paper_count=3),
        Entity("entity:table2", "Table 2", "Dataset", paper_count=1),
        Entity("entity:llama2", "Llama 2", "Model", family="entity:llama", paper_count=1),
        Entity("entity:llama", "Llama", "Model", paper_count=0),
    ]
    links = [
        Link("p1", "entity:gpt4", "uses", "We use GPT4."),
        Link("p2", "entity:gpt-4", "compares_with", "We beat GPT-4."),
        Link("p1", "entity:sam", "proposes", "We propose SAM."),
        Link("p2", "entity:sam", "uses", "SAM flattens the loss."),
        Link("p3", "entity:sam", "uses", "SAM sharpness."),
        Link("p3", "entity:table2", "uses"),
        Link("p3", "entity:llama2", "uses"),
    ]
    return Resolution(ents, links)


def _apply(*ops: CurationOp, papers=("p1", "p2", "p3", "p4")):
    res, report = apply_curation(_resolution(), ops, papers=papers)
    return res.by_id(), {(k.paper_id, k.entity_id): k.role for k in res.links}, report


def test_curation_parse_skips_comments_and_keeps_line_numbers():
    text = '# my fixes\n\n{"op": "merge", "entity": "GPT4", "into": "GPT-4", "note": "same"}\n' \
           '{"op": "split", "entity": "SAM", "name": "Sharpness-Aware Minimization", "papers": ["p2"]}\n'
    ops = parse_curation(text, "cur.jsonl")
    assert [op.op for op in ops] == ["merge", "split"]
    assert ops[0].note == "same" and ops[0].where == "cur.jsonl:3"
    assert ops[1].papers == ("p2",)
    assert parse_curation("\n".join(op.to_line() for op in ops)) == ops  # round trip


@pytest.mark.parametrize("line, message", [
    ('{"op": "merge", "entity": "A"', "not valid JSON"),
    ('{"op": "melt", "entity": "A"}', "unknown op 'melt'"),
    ('{"op": "merge", "entity": "A"}', "merge: missing into"),
    ('{"op": "retype", "entity": "A", "type": "Gadget"}', "unknown entity type 'Gadget'"),
    ('{"op": "reject", "entity": "A", "colour": "red"}', "unknown field(s) colour"),
    ('{"op": "proposed", "entity": "A", "paper": "p1", "value": "yes"}', "'value' must be true or false"),
    ('["merge"]', "expected a JSON object"),
    ('{"op": ' + "[" * 100_000 + "]" * 100_000 + "}", "not valid JSON (nested too deeply to read)"),
    ('{"op": ["merge"], "entity": "A", "into": "B"}', "unknown op ['merge']"),  # was a TypeError
    ('{"op": "merge", "entity": "A", "into": "B", "entity": "C"}',
     "field 'entity' is given twice with different values ('A', then 'C'); keep one"),  # was the last, silently
    ('{"op": "rename", "entity": "A", "name": "B\\ud83d"}', "'name' holds an unpaired surrogate (\\ud83d) at "
                                                           "character 1"),  # the build crashed writing it
    ('{"op": "split", "entity": "A", "name": "B", "papers": ["p\\u0000"]}', "'papers' holds a NUL character"),
    ('{"op": "alias", "entity": "A", "alias": "%s"}' % ("x" * 100_000),
     "'alias' is 100,000 characters long; a name is at most 300"),  # echoed whole by every later line
    ('{"op": "reject", "entity": "A", "paper": "%s"}' % ("p" * 100_000),
     "'paper' is 100,000 characters long; a paper's id, DOI or title is at most 1,000"),
    ('{"op": "split", "entity": "A", "name": "B", "papers": ["p1", "%s"]}' % ("p" * 1_001),
     "'papers' is 1,001 characters long; a paper's id, DOI or title is at most 1,000"),
    ('{"op": "reject", "entity": "A", "note": "%s"}' % ("n" * 100_000),
     "'note' is 100,000 characters long; a note is at most 2,000"),  # stored whole, echoed by `curate list`
])
def test_curation_malformed_line_names_file_and_line(line, message):
    text = '{"op": "alias", "entity": "A", "alias": "B"}\n' + line + "\n"
    with pytest.raises(InputError) as info:
        parse_curation(text, "cur.jsonl")
    assert str(info.value).startswith("[E100] cur.jsonl:2: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_curation_file_not_utf8_names_its_line_and_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "curation.jsonl"
    path.write_bytes(b'{"op": "reject", "entity": "A"}\n{"op": "reject", "entity": "Caf\xe9"}\n')
    with pytest.raises(InputError, match=r"^\[E100\] .*curation.jsonl:2: not UTF-8 text: invalid byte 0xe9 at byte "
                                         r"offset 63; re-save the file as UTF-8$"):
        read_curation(path)
    path.write_bytes('\ufeff{"op": "reject", "entity": "A"}\n'.encode())  # as some editors save it
    assert [op.entity for op in read_curation(path)] == ["A"]


def test_curation_names_with_unicode_line_separators_read_back():
    # graphbuild writes the lines with ensure_ascii=False: U+2028, U+2029 and U+0085 stay raw inside a string,
    # and a file split at them as line ends could not be read back (nor could `curate rename` write it)
    op = CurationOp(op="rename", entity="BERT", name="BE\u2028R\x85\u2029T")
    text = "# note\n" + op.to_line() + "\r\n" + op.to_line() + "\n"
    ops = parse_curation(text, "cur.jsonl")
    assert [(o.name, o.where) for o in ops] == [(op.name, "cur.jsonl:2"), (op.name, "cur.jsonl:3")]


def test_curation_match_entity_by_id_name_key_and_alias():
    ents = _resolution().by_id()
    assert match_entity("entity:sam", ents).id == "entity:sam"
    assert match_entity("GPT-4", ents).id == "entity:gpt-4"
    assert match_entity("gpt 4", ents).id == "entity:gpt-4"  # name key of a name before an alias
    assert match_entity("Segment Anything", ents).id == "entity:sam"
    assert match_entity("segment-anything", ents).id == "entity:sam"
    assert match_entity("Nothing Like It", ents) is None


def test_curation_merge_folds_source_into_target_which_keeps_its_id():
    ents, links, report = _apply(CurationOp("merge", "GPT4", into="GPT-4"))
    assert "entity:gpt4" not in ents
    assert ents["entity:gpt-4"].aliases == ("GPT 4", "GPT4")
    assert ents["entity:gpt-4"].paper_count == 2
    # p2 already linked: the stronger role of the two stays
    assert links[("p1", "entity:gpt-4")] == "uses" and links[("p2", "entity:gpt-4")] == "compares_with"
    assert report.applied == 1 and not report.warnings


def test_curation_merge_moves_variants_and_later_ops_follow_the_merged_id():
    ents, _, report = _apply(CurationOp("merge", "Llama", into="GPT-4"),
                             CurationOp("rename", "entity:llama", name="GPT-4 family"))
    assert ents["entity:llama2"].family == "entity:gpt-4"
    assert ents["entity:gpt-4"].name == "GPT-4 family" and "GPT-4" in ents["entity:gpt-4"].aliases
    assert report.applied == 2


def test_curation_review_op_whose_id_a_rebuild_changed_applies_by_its_recorded_name():
    # review wrote "entity:table-2"; a rebuild named the entity entity:table2: the reject was only warned about
    ents, _, report = _apply(CurationOp("reject", "entity:table-2", entity_name="Table 2"),
                             CurationOp("merge", "entity:gpt-4-old", into="entity:gpt-4-new", entity_name="GPT 4",
                                        into_name="SAM"))
    assert "entity:table2" not in ents and "entity:gpt-4" not in ents and "GPT-4" in ents["entity:sam"].aliases
    assert report.applied == 2
    assert [w.split(": ", 1)[1] for w in report.warnings] == [
        "reject 'entity:table-2': entity:table-2 names no entity now; applied to entity:table2, the one entity "
        "named 'Table 2'",
        "merge 'entity:gpt-4-old' into 'entity:gpt-4-new': entity:gpt-4-old names no entity now; applied to "
        "entity:gpt-4, the one entity named 'GPT 4'; entity:gpt-4-new names no entity now; applied to "
        "entity:sam, the one entity named 'SAM'"]


def test_curation_review_op_with_a_stale_id_is_skipped_when_its_name_names_none_or_several():
    res = _resolution()
    res = Resolution([*res.entities, Entity("entity:sam:method", "SAM", "Method", paper_count=1)], res.links)
    curated, report = apply_curation(res, [CurationOp("retype", "entity:sam-x", type="Method", entity_name="SAM"),
                                           CurationOp("retype", "entity:bert", type="Method", entity_name="BERT"),
                                           CurationOp("reject", "entity:table2", entity_name="Table 2"),
                                           CurationOp("retype", "entity:table2", type="Metric", entity_name="GPT4")],
                                     papers=("p1", "p2", "p3"))
    out = curated.by_id()
    assert out["entity:sam"].type == "Model" and out["entity:gpt4"].type == "Model"
    assert report.applied == 1  # the reject; the retype of the entity it took away does not go to GPT4
    assert [w.split(": ", 1)[1] for w in report.warnings] == [
        "retype 'entity:sam-x' as Method: no entity entity:sam-x, and 'SAM' names 2 entities (entity:sam, "
        "entity:sam:method): not applied",
        "retype 'entity:bert' as Method: no entity entity:bert, and none is named 'BERT'",
        "retype 'entity:table2' as Metric: no entity named 'entity:table2'"]


def test_curation_rename_retype_alias():
    ents, _, report = _apply(CurationOp("rename", "GPT4", name="GPT-4 Turbo"),
                             CurationOp("retype", "Table 2", type="Metric"),
                             CurationOp("alias", "SAM", alias="SAM-1"),
                             CurationOp("alias", "GPT4", alias="gpt4-turbo"))  # the old name still matches
    assert ents["entity:gpt4"].name == "GPT-4 Turbo" and ents["entity:gpt4"].aliases == ("GPT4", "gpt4-turbo")
    assert ents["entity:table2"].type == "Metric"
    assert ents["entity:sam"].aliases == ("Segment Anything", "SAM-1")
    assert report.applied == 4


@pytest.mark.parametrize("between", [(), (CurationOp("rename", "Crab", name="Crab II"),),
                                     (CurationOp("rename", "Crab", name="Segment Anything"),)])
def test_curation_rename_back_leaves_the_entity_as_it_was(between):
    """A rename A -> B then B -> A left B behind as an alias (and a rename through one of its aliases moved
    it): a rename back to a name the entity had undoes the renames since, the forms other operations added
    kept."""
    before = _apply()[0]["entity:sam"]
    ents, _, report = _apply(CurationOp("rename", "SAM", name="Crab"), *between,
                             CurationOp("rename", ("Crab", *(op.name for op in between))[-1], name="SAM"))
    assert (ents["entity:sam"].name, ents["entity:sam"].aliases) == (before.name, before.aliases)
    assert report.applied == 2 + len(between)
    ents, *_ = _apply(CurationOp("rename", "SAM", name="Crab"), CurationOp("alias", "Crab", alias="SAM-1"),
                      CurationOp("merge", "GPT4", into="Crab"), CurationOp("rename", "Crab", name="SAM"))
    assert ents["entity:sam"].aliases == ("Segment Anything", "SAM-1", "GPT4")
    ents, *_ = _apply(CurationOp("rename", "SAM", name="Crab"), CurationOp("rename", "Crab", name="Reef"))
    assert ents["entity:sam"].aliases == ("Segment Anything", "SAM", "Crab")  # no cycle: both names stay


def test_curation_reject_everywhere_and_in_one_paper():
    ents, links, _ = _apply(CurationOp("reject", "Table 2"))
    assert "entity:table2" not in ents and ("p3", "entity:table2") not in links
    ents, links, _ = _apply(CurationOp("reject", "SAM", paper="p3"))
    assert ents["entity:sam"].paper_count == 2 and ("p3", "entity:sam") not in links
    ents, _, _ = _apply(CurationOp("reject", "Llama"))  # a family: variants lose the link
    assert ents["entity:llama2"].family is None


def test_curation_split_reassigns_chosen_papers_to_a_new_entity():
    ents, links, report = _apply(CurationOp("split", "SAM", name="Sharpness-Aware Minimization",
                                            type="Method", papers=("p2", "p3")))
    new = ents["entity:sharpnessawareminimization"]
    assert (new.type, new.aliases, new.paper_count) == ("Method", ("SAM",), 2)
    assert links[("p2", new.id)] == "uses" and ("p2", "entity:sam") not in links
    assert ents["entity:sam"].paper_count == 1
    # the bare acronym still means the entity that kept its name
    assert match_entity("SAM", ents).id == "entity:sam"
    assert report.applied == 1


def test_curation_proposed_set_and_clear_for_one_paper():
    _, links, _ = _apply(CurationOp("proposed", "SAM", paper="p2", value=True),
                         CurationOp("proposed", "SAM", paper="p1", value=False))
    assert links[("p2", "entity:sam")] == "proposes" and links[("p1", "entity:sam")] == "uses"


def test_curation_mention_adds_a_link_and_creates_a_missing_entity():
    ents, links, report = _apply(CurationOp("mention", "GPT-4", paper="p4", role="evaluates_on"),
                                 CurationOp("mention", "MMLU", paper="p1", type="Dataset", evidence="on MMLU"))
    assert links[("p4", "entity:gpt-4")] == "evaluates_on"
    assert ents["entity:mmlu"].type == "Dataset" and links[("p1", "entity:mmlu")] == "uses"
    assert report.applied == 2


def test_curation_op_naming_nothing_is_a_warning():
    ops = parse_curation('{"op": "merge", "entity": "GPT-5", "into": "GPT-4"}\n'
                         '{"op": "reject", "entity": "SAM", "paper": "p9"}\n'
                         '{"op": "mention", "entity": "Nope", "paper": "p1"}\n'
                         '{"op": "alias", "entity": "SAM", "alias": "SAM-1"}\n', "cur.jsonl")
    res, report = apply_curation(_resolution(), ops, papers=("p1", "p2", "p3"))
    assert report.applied == 1 and report.total == 4
    assert [w.split(":")[1] for w in report.warnings] == ["1", "2", "3"]
    assert "no entity named 'GPT-5'" in report.warnings[0]
    assert "not linked to paper 'p9'" in report.warnings[1]
    assert "1 of 4 operation(s) applied" in report.summary()
    # the names that matched nothing, without parsing the warning text
    assert [missing for _, _, missing in report.problems] == ["GPT-5", None, "Nope"]
    target = apply_curation(_resolution(), parse_curation('{"op": "merge", "entity": "SAM", "into": "Nada"}\n'))[1]
    assert target.problems[0][2] == "Nada"


def test_curation_merge_cycle_in_a_hand_edited_file_is_a_warning_naming_its_line():
    """A file edited by hand merging A into B and then B into A counted the second as applied, silently;
    it is now a warning naming its line (as `curate merge` refuses it), and the first merge stands."""
    ops = parse_curation('{"op": "merge", "entity": "GPT4", "into": "GPT-4"}\n'
                         '{"op": "merge", "entity": "GPT-4", "into": "GPT4"}\n', "cur.jsonl")
    out, report = apply_curation(_resolution(), ops, papers=("p1", "p2", "p3"))
    assert "entity:gpt4" not in out.by_id() and out.by_id()["entity:gpt-4"].paper_count == 2
    assert report.applied == 1 and report.warnings == [
        "cur.jsonl:2: merge 'GPT-4' into 'GPT4': both name the entity 'GPT-4' (entity:gpt-4): "
        "the merge changes nothing"]


def test_curation_does_not_modify_its_input():
    res = _resolution()
    before = [(e.id, e.name, e.aliases, e.paper_count) for e in res.entities]
    apply_curation(res, [CurationOp("merge", "GPT4", into="GPT-4"), CurationOp("rename", "SAM", name="X")])
    assert [(e.id, e.name, e.aliases, e.paper_count) for e in res.entities] == before


def test_curation_append_and_drop_last_keep_comments(tmp_path):
    path = tmp_path / "curation.jsonl"
    path.write_text("# hand-written\n")
    append_operation(path, CurationOp("merge", "GPT4", into="GPT-4", note="same model"))
    append_operation(path, CurationOp("reject", "Table 2"))
    assert [op.op for op in read_curation(path)] == ["merge", "reject"]
    assert [op.op for op in drop_last_command(path)] == ["reject"]
    assert path.read_text() == '# hand-written\n{"op": "merge", "entity": "GPT4", "into": "GPT-4", ' \
                               '"note": "same model"}\n'
    with pytest.raises(InputError):
        append_operation(path, CurationOp("retype", "SAM", type="Gadget"))
    assert len(read_curation(path)) == 1  # a bad op is never written


def test_curation_undo_after_a_name_with_a_line_separator_removes_that_operation(tmp_path):
    """`curate undo` cut the file at the U+2028 a name held (the file keeps it raw), removed the wrong piece
    and left a file no command could read, the operation still in it."""
    path = tmp_path / "curation.jsonl"
    append_operation(path, CurationOp("alias", "Otter", alias="Otter\u2028Net"))
    append_operation(path, CurationOp("reject", "Reef\x85 9"))
    assert [op.entity for op in drop_last_command(path)] == ["Reef\x85 9"]
    assert [(op.op, op.alias) for op in read_curation(path)] == [("alias", "Otter\u2028Net")]
    assert [op.op for op in drop_last_command(path)] == ["alias"] and read_curation(path) == []
    assert path.read_text() == ""


def test_curation_undo_takes_back_a_whole_command(tmp_path):
    """`curate undo` after `review --apply A B` (or a thesaurus import) removed one of its operations, the
    others left applied: the operations one command writes share a command id, and undo takes them together;
    lines written without one (single commands, older files) go one at a time."""
    path = tmp_path / "curation.jsonl"
    path.write_text('{"op": "reject", "entity": "Old 1"}\n{"op": "reject", "entity": "Old 2"}\n')
    append_operation(path, CurationOp("reject", "Kelp 1"), CurationOp("dismiss", suggestion="s1"),
                     CurationOp("reject", "Kelp 2"))
    append_operation(path, CurationOp("alias", "Otter", alias="OtterNet"))
    ops = read_curation(path)
    assert [op.command for op in ops[:2]] == [None, None] and ops[-1].command is None
    assert ops[2].command and ops[2].command == ops[3].command == ops[4].command
    assert parse_curation("\n".join(op.to_line() for op in ops)) == ops  # the id is kept by a round trip
    assert "command" not in ops[2].to_dict()  # what the operation does (review's JSON), not how it was written
    assert [op.entity for op in drop_last_command(path)] == ["Otter"]
    assert [op.entity or op.suggestion for op in drop_last_command(path)] == ["Kelp 1", "s1", "Kelp 2"]
    assert [op.entity for op in drop_last_command(path)] == ["Old 2"]
    assert [op.entity for op in read_curation(path)] == ["Old 1"]
    append_operation(path, CurationOp("reject", "A"), CurationOp("reject", "B"))
    append_operation(path, CurationOp("reject", "C"), CurationOp("reject", "D"))  # two commands: two ids
    assert [op.entity for op in drop_last_command(path)] == ["C", "D"]
    assert [op.entity for op in read_curation(path)] == ["Old 1", "A", "B"]


@pytest.mark.parametrize("damage", ["folder", "latin-1"])
def test_curation_undo_or_append_on_an_unreadable_file_is_one_line(tmp_path, damage):
    """`curate undo` (and an operation appended) on a curation file that is a folder or not UTF-8 was an
    IsADirectoryError or UnicodeDecodeError traceback; it is the [E100] line the build gives."""
    path = tmp_path / "curation.jsonl"
    if damage == "folder":
        path.mkdir()
    else:
        path.write_bytes('{"op": "reject", "entity": "Caf\u00e9"}\n'.encode("latin-1"))
    for act in (lambda: drop_last_command(path), lambda: append_operation(path, CurationOp("reject", "A"))):
        with pytest.raises(InputError) as info:
            act()
        assert str(info.value).startswith(f"[E100] {path}") and "\n" not in str(info.value)
        assert ("1: not UTF-8 text" if damage == "latin-1" else "cannot read the curation file") in str(info.value)


# ------------------------------------------------------------------ builds keep the curation

SOURCES = Path(__file__).parent / "fixtures" / "sources"
RANKMIX, LORA_PAPER, LATER = "arxiv:2301.00001", "arxiv:2106.09685", "arxiv:2402.00002"
ALL_OPS = [
    {"op": "merge", "entity": "RankMix", "into": "LoRA", "note": "a test merge"},
    {"op": "rename", "entity": "GLUE", "name": "GLUE benchmark"},
    {"op": "retype", "entity": "GPT-3", "type": "Method"},
    {"op": "reject", "entity": "BitFit"},
    {"op": "alias", "entity": "LoRA", "alias": "low-rank adapters"},
    {"op": "split", "entity": "GLUE benchmark", "name": "GLUE (2019)", "papers": [LORA_PAPER]},
    {"op": "proposed", "entity": "LoRA", "paper": LORA_PAPER, "value": False},
    {"op": "mention", "entity": "MMLU", "paper": RANKMIX, "type": "Dataset", "role": "evaluates_on"},
    {"op": "reject", "entity": "GPT-3", "paper": "2106.09685"},
]


def _later_paper(tmp_path: Path) -> Path:
    path = tmp_path / "later.jsonl"
    path.write_text(json.dumps({
        "title": "Sparse Adapters for Vision", "arxiv_id": "2402.00002", "year": 2024,
        "abstract": "We propose SparseAdapt, which extends RankMix to vision transformers. "
                    "SparseAdapt is evaluated on ImageNet and compared with RankMix and BitFit."}) + "\n")
    return path


def _ws(tmp_path: Path, ops: list[dict] | None = None):
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    if ops is not None:
        ws.path.mkdir(parents=True, exist_ok=True)
        (ws.path / "curation.jsonl").write_text("".join(json.dumps(op) + "\n" for op in ops))
    return ws


def _build(ws, *inputs):
    return ws.build([str(i) for i in inputs], progress=False, overview=False)


def _assert_curated(G) -> None:
    assert "entity:rankmix" not in G
    lora = G.nodes["entity:lora"]
    assert {"RankMix", "low-rank adapters"} <= set(lora["aliases"])
    assert G.has_edge(RANKMIX, "entity:lora", "USES") or G.has_edge(RANKMIX, "entity:lora", "PROPOSES")
    assert G.nodes["entity:glue"]["name"] == "GLUE benchmark"
    assert G.has_edge(LORA_PAPER, "entity:glue2019", "USES") and not G.has_edge(LORA_PAPER, "entity:glue")
    assert "entity:bitfit" not in G
    assert "entity:gpt3" not in G  # its only paper rejected it
    assert G.has_edge(LORA_PAPER, "entity:lora", "USES") and not G.has_edge(LORA_PAPER, "entity:lora", "PROPOSES")
    assert G.has_edge(RANKMIX, "entity:mmlu", "EVALUATES_ON") and G.nodes["entity:mmlu"]["type"] == "Dataset"


def test_curation_every_operation_survives_rebuilds(tmp_path):
    ws = _ws(tmp_path, ALL_OPS)
    first = _build(ws, SOURCES / "corpus.jsonl")
    assert first.curation.applied == len(ALL_OPS) and not first.curation.warnings
    _assert_curated(ws.graph())
    again = _build(ws)  # no inputs: the file is re-applied to the current corpus
    assert not again.changed
    _assert_curated(ws.graph())
    assert ws.query("MATCH (e:Entity {id: 'entity:bitfit'}) RETURN count(e) AS n") == [{"n": 0}]
    assert ws.manifest()["curation"]["applied"] == len(ALL_OPS)
    _build(ws, _later_paper(tmp_path))
    _assert_curated(ws.graph())


def test_curation_later_paper_naming_a_merged_alias_lands_on_the_target(tmp_path):
    ws = _ws(tmp_path, ALL_OPS[:1])
    _build(ws, SOURCES / "corpus.jsonl")
    _build(ws, _later_paper(tmp_path))
    G = ws.graph()
    assert "entity:rankmix" not in G
    assert G.has_edge(LATER, "entity:lora")  # whatever role the extractor gives the alias
    rows = ws.query("MATCH (p:Paper {id: $p})-[]->(e:Entity) RETURN e.id AS id ORDER BY id", p=LATER)
    assert {"id": "entity:lora"} in rows and {"id": "entity:rankmix"} not in rows


def test_curation_edit_of_the_file_takes_effect_on_the_next_build(tmp_path):
    ws = _ws(tmp_path, [])
    _build(ws, SOURCES / "corpus.jsonl")
    assert "entity:bitfit" in ws.graph()
    (ws.path / "curation.jsonl").write_text(json.dumps(ALL_OPS[3]) + "\n")
    assert _build(ws).changed and "entity:bitfit" not in ws.graph()
    (ws.path / "curation.jsonl").write_text(json.dumps({**ALL_OPS[3], "note": "a note changes the record"}) + "\n")
    assert _build(ws).changed  # no graph change, but the applied file is recorded


def test_curation_op_naming_nothing_warns_and_the_build_goes_on(tmp_path):
    ws = _ws(tmp_path, [{"op": "merge", "entity": "NoSuchThing", "into": "LoRA"}, ALL_OPS[3]])
    report = _build(ws, SOURCES / "corpus.jsonl")
    assert report.curation.applied == 1
    assert report.curation.warnings == [f"{ws.path / 'curation.jsonl'}:1: merge 'NoSuchThing' into 'LoRA': "
                                        "no entity named 'NoSuchThing'"]
    assert "warning:" in report.summary() and "entity:bitfit" not in ws.graph()


def test_curation_malformed_file_stops_the_build_and_leaves_the_workspace(tmp_path):
    ws = _ws(tmp_path, [])
    _build(ws, SOURCES / "corpus.jsonl")
    gen, graph_text = ws.current, (ws.current / "graph.json").read_text()
    (ws.path / "curation.jsonl").write_text('{"op": "reject", "entity": "BitFit"}\n{"op": "merge", "entity": }\n')
    with pytest.raises(InputError, match=r"curation.jsonl:2: not valid JSON"):
        _build(ws, _later_paper(tmp_path))
    assert ws.current == gen and (gen / "graph.json").read_text() == graph_text
    assert ws.query("MATCH (p:Paper {id: $p}) RETURN count(p) AS n", p=LATER) == [{"n": 0}]


# ------------------------------------------------------------------ the curate command


def test_curation_cli_ctrl_c_during_the_rebuild_says_the_change_is_kept(tmp_path, capsys, monkeypatch):
    # "interrupted; the workspace was left as it was" read as if nothing was written, but the operation was in
    # the file, pending: the next build applied it
    from graphbuild.cli import main
    from graphbuild.workspace import Workspace

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Workspace, "build", interrupted)
    capsys.readouterr()
    assert main(["curate", "merge", "RankMix", "LoRA", "-w", str(ws)]) == 130
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said == (f"graphbuild: interrupted; {ws / 'curation.jsonl'} holds the change, which the next `graphbuild "
                    "build` or curate command applies (`graphbuild curate list` shows it pending)")
    monkeypatch.undo()
    assert main(["curate", "list", "-w", str(ws)]) == 0
    assert "pending" in capsys.readouterr().out


def test_curation_cli_undo_restores_the_previous_graph_exactly(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    before = (ws / (ws / "CURRENT").read_text().strip() / "graph.json").read_text()
    assert main(["curate", "merge", "RankMix", "LoRA", "-w", str(ws), "--note", "one method"]) == 0
    assert main(["curate", "reject", "GPT-3", "--paper", LORA_PAPER, "-w", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "+ merge 'RankMix' into 'LoRA'" in out and "2 of 2 operation(s) applied" in out
    assert main(["curate", "list", "-w", str(ws)]) == 0
    assert "1  merge 'RankMix' into 'LoRA'  # one method" in capsys.readouterr().out
    assert main(["curate", "undo", "-w", str(ws)]) == 0
    assert main(["curate", "undo", "-w", str(ws)]) == 0
    after = (ws / (ws / "CURRENT").read_text().strip() / "graph.json").read_text()
    assert after == before
    assert main(["curate", "undo", "-w", str(ws)]) == 1
    assert "[E800] nothing to undo" in capsys.readouterr().err


def test_curation_cli_entity_types_in_any_case(tmp_path, capsys):
    # `curate retype LoRA method` was refused ("invalid choice: 'method'") though trends --type and the
    # named queries take "method"; any case is now the type as the graph spells it
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    assert main(["curate", "retype", "LoRA", "dataset", "-w", str(ws)]) == 0
    assert main(["curate", "mention", "NewThing", "--paper", LORA_PAPER, "--type", "MODEL", "-w", str(ws)]) == 0
    capsys.readouterr()
    assert [json.loads(line).get("type") for line in (ws / "curation.jsonl").read_text().splitlines()] == [
        "Dataset", "Model"]
    with pytest.raises(SystemExit):
        main(["curate", "retype", "LoRA", "benchmark", "-w", str(ws)])
    assert "invalid choice: 'benchmark' (choose from 'Model', 'Method'" in capsys.readouterr().err


@pytest.mark.parametrize("argv, what", [
    (["rename", "LoRA", "X" * 100_000], "is 100,000 characters long; a name is at most 300"),
    (["retype", "X" * 100_000, "Model"], "is 100,000 characters long; a name is at most 300"),
    (["merge", "LoRA", "X" * 100_000], "is 100,000 characters long; a name is at most 300"),
    (["reject", "LoRA", "--note", "N" * 100_000], "'note' is 100,000 characters long; a note is at most 2,000"),
    (["reject", "LoRA", "--paper", "P" * 100_000], "'paper' is 100,000 characters long; a paper's id"),
    (["drop", "P" * 100_000], "'paper' is 100,000 characters long; a paper's id"),
    (["split", "LoRA", "New", "--paper", "P" * 100_000], "'papers' is 100,000 characters long; a paper's id")])
def test_curation_cli_refuses_a_name_note_or_paper_too_long_in_one_line_without_it(tmp_path, capsys, argv, what):
    # `curate rename LoRA <100,000 characters>` was written, and each later line (the rebuild's, `curate list`,
    # the errors naming it) echoed the whole of it; a --note as long was stored whole; a --paper as long was
    # echoed whole, twice, by the refusal
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["curate", *argv, "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"graphbuild: error: [E100] graphbuild curate {argv[0]}: '") and "\n" not in err
    assert what in err and len(err) < 300
    assert not (ws / "curation.jsonl").exists()


def test_curation_cli_refuses_an_op_naming_nothing_unless_forced(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["curate", "alias", "NoSuchThing", "X", "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E800] alias 'NoSuchThing'") and "\n" not in err
    assert not (ws / "curation.jsonl").exists()
    assert main(["curate", "merge", "RankMx", "LoRA", "-w", str(ws)]) == 1
    assert "(did you mean 'RankMix'?); nothing written" in capsys.readouterr().err
    assert main(["curate", "alias", "NoSuchThing", "X", "-w", str(ws), "--force"]) == 0
    assert "warning:" in capsys.readouterr().out
    assert main(["curate", "list", "-w", str(ws)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[1].endswith("alias 'NoSuchThing' + alias 'X'")
    assert listed[2].strip().startswith("matches nothing now: ") and "NoSuchThing" in listed[2]


def test_curation_cli_list_labels_an_op_applied_by_its_recorded_name_applied(tmp_path, capsys):
    # review wrote an id a rebuild changed; the build applied the op to the entity its recorded name names, but
    # `curate list` said "matches nothing now" of it
    from graphbuild.cli import main

    ops = [{"op": "alias", "entity": "entity:rankmix-old", "alias": "RMX", "entity_name": "RankMix"},
           {"op": "alias", "entity": "entity:no-such", "alias": "X", "entity_name": "NoSuchThing"}]
    ws = _ws(tmp_path, ops)
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws.path), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["curate", "list", "-w", str(ws.path)]) == 0
    listed = [line.strip() for line in capsys.readouterr().out.splitlines()]
    assert listed[2] == ("applied: entity:rankmix-old names no entity now; applied to entity:rankmix, the one entity "
                         "named 'RankMix'")
    assert listed[4] == "matches nothing now: no entity entity:no-such, and none is named 'NoSuchThing'"


def test_curation_cli_refuses_an_empty_paper_and_a_merge_of_one_entity(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    # --paper "" is a mistake, not "every paper": a reject of LoRA everywhere would be silent loss
    assert main(["curate", "reject", "LoRA", "--paper", "", "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "graphbuild: error: [E100] graphbuild curate reject: 'paper' must be a non-empty string"
    # an alias of LoRA folded into LoRA changes nothing: refused rather than written
    assert main(["curate", "merge", "lora", "LoRA", "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E800] merge 'lora' into 'LoRA': both name the entity 'LoRA'")
    assert "\n" not in err and not (ws / "curation.jsonl").exists()


def test_curation_thesaurus_round_trip(tmp_path):
    from graphbuild.thesaurus import export_thesaurus, import_thesaurus

    thesaurus = tmp_path / "thesaurus.txt"
    thesaurus.write_text("label\treplace by\nRankMix\tLoRA\nBitFit\t\n\n")
    cur = tmp_path / "curation.jsonl"
    assert len(import_thesaurus(thesaurus, cur, note="from VOSviewer").ops) == 2
    ops = read_curation(cur)
    assert [(o.op, o.entity, o.into, o.note) for o in ops] == [
        ("merge", "RankMix", "LoRA", "from VOSviewer"), ("reject", "BitFit", None, "from VOSviewer")]
    out = tmp_path / "out.txt"
    assert export_thesaurus(cur, out) == 2
    assert out.read_text() == thesaurus.read_text().rstrip("\n") + "\n"
    bad = tmp_path / "bad.txt"
    bad.write_text("term\tother\n")
    with pytest.raises(InputError, match="bad.txt:1: not a VOSviewer thesaurus"):
        import_thesaurus(bad, cur)


@pytest.mark.parametrize(("data", "message"), [
    # a whole-file error without the line before
    (b"label\treplace by\nRankMix\tLoRA\nCaf\xe9\tLoRA\n", "th.txt:3: not UTF-8 text: invalid byte 0xe9"),
    (b"label\treplace by\nRankMix\tLo\x00RA\n", "th.txt:2: 'into' holds a NUL character"),
    # RankMix into LoRA, then into BitFit: the second merge folded LoRA into BitFit, without a word
    (b"label\treplace by\nRankMix\tLoRA\nGLUE\t\nRankMix\tBitFit\n",
     "th.txt:4: the label 'RankMix' is replaced by 'LoRA' on line 2 and by 'BitFit' here; keep one row"),
    (b"label\treplace by\nRankMix\tLoRA\nRankMix\t\n", "th.txt:3: the label 'RankMix' is replaced by 'LoRA' on line 2"),
])
def test_curation_thesaurus_bad_row_names_the_file_and_its_line(tmp_path, data, message):
    from graphbuild.thesaurus import import_thesaurus

    path = tmp_path / "th.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        import_thesaurus(path, tmp_path / "curation.jsonl")
    assert str(info.value).startswith(f"[E100] {tmp_path / message}") and "\n" not in str(info.value)
    assert not (tmp_path / "curation.jsonl").exists()


def test_curation_file_named_too_long_for_the_system_is_one_line(tmp_path):
    from graphbuild.curation_labels import read_curation_strict

    long = tmp_path / ("c" * 300 + ".jsonl")  # Path.exists raised OSError: a traceback in every build
    for read in (read_curation, read_curation_strict):
        with pytest.raises(InputError, match=r"c{300}\.jsonl: cannot read the curation file \(File name too long\)$"):
            read(long)


def test_curation_thesaurus_fields_are_taken_as_they_stand_between_tabs(tmp_path):
    from graphbuild.thesaurus import export_thesaurus, read_thesaurus

    # csv quoting read '"Big" Transfer' as 'Big Transfer' and an unclosed quote swallowed the rows after it
    path = tmp_path / "th.txt"
    path.write_text('label\treplace by\n"Big" Transfer\tBiT\n"open\tLoRA\nBitFit\tLoRA\textra\n')
    found = read_thesaurus(path)
    assert [(o.entity, o.into, o.where) for o in found.ops] == [
        ('"Big" Transfer', "BiT", f"{path}:2"), ('"open', "LoRA", f"{path}:3"), ("BitFit", "LoRA", f"{path}:4")]
    # a name that holds a tab or a line break would come back as other rows: refused, nothing written
    cur = tmp_path / "curation.jsonl"
    cur.write_text('{"op": "merge", "entity": "A", "into": "B"}\n{"op": "reject", "entity": "two\\nlines"}\n')
    out = tmp_path / "out.txt"
    with pytest.raises(InputError, match=r"curation\.jsonl:2: reject 'two\\nlines': the name .* holds '\\n', "):
        export_thesaurus(cur, out)
    assert not out.exists()


def test_curation_thesaurus_rows_naming_one_entity_are_passed_over(tmp_path, capsys):
    from graphbuild.cli import main
    from graphbuild.thesaurus import read_thesaurus

    path = tmp_path / "th.txt"
    path.write_text("label\treplace by\nLoRA\tLoRA\nGPT4\tgpt-4\n深度学习\t机器学习\nRankMix\tLoRA\n")
    found = read_thesaurus(path)
    assert [o.entity for o in found.ops] == ["深度学习", "RankMix"]  # a name the key drops is only itself
    assert found.same == [f"{path}:2", f"{path}:3"]
    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    # with a graph, a name and its alias (lora / LoRA) are one entity too, as `curate merge` refuses them
    path.write_text("label\treplace by\nlora\tLoRA\nRankMix\tLoRA\n LoRA \tLoRA\n")
    assert main(["curate", "import-thesaurus", str(path), "-w", str(ws)]) == 0
    out = capsys.readouterr().out
    assert (f"+ 1 operation(s); passed over 2 row(s) whose label and replacement name one entity (a merge into "
            f"itself changes nothing): {path}:2, {path}:4 from {path}") in out
    assert [(o.entity, o.into) for o in read_curation(ws / "curation.jsonl")] == [("RankMix", "LoRA")]
    path.write_text("label\treplace by\nLoRA\tLoRA\n")  # nothing to write: no rebuild
    assert main(["curate", "import-thesaurus", str(path), "-w", str(ws)]) == 0
    assert "rebuilt" not in capsys.readouterr().out and len(read_curation(ws / "curation.jsonl")) == 1
    long = tmp_path / ("a" * 300 + ".txt")  # an OSError traceback
    assert main(["curate", "export-thesaurus", str(long), "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"graphbuild: error: [E710] the thesaurus file '{long}': File name too long; give a shorter file name"


def test_curation_stats_echoes_applied_and_unmatched(tmp_path, capsys):
    from graphbuild.cli import main

    ws = _ws(tmp_path, [ALL_OPS[3], {"op": "rename", "entity": "Gone", "name": "X", "note": "stale"}])
    _build(ws, SOURCES / "corpus.jsonl")
    capsys.readouterr()
    assert main(["stats", "-w", str(ws.path)]) == 0
    out = capsys.readouterr().out
    assert "1 of 2 operation(s) applied" in out and "curation.jsonl:2: rename 'Gone' to 'X'" in out
    assert main(["stats", "-w", str(ws.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["curation"]["applied"] == 1


def test_curation_report_of_a_copied_workspace_names_its_own_file(tmp_path, capsys, monkeypatch):
    """A workspace built as ``-w ws`` and copied elsewhere (or read from another folder) labelled its
    curation with the path it was built with: `stats` said "curation from ws/curation.jsonl", and `curate
    list` lost its "matches nothing now" notes, which it finds by the operation's file and line."""
    import shutil

    from graphbuild.cli import main

    ws = _ws(tmp_path, [ALL_OPS[3], {"op": "rename", "entity": "Gone", "name": "X"}])
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", "ws", "--no-overview"]) == 0
    copy = tmp_path / "elsewhere" / "copy"
    shutil.copytree(ws.path, copy)
    capsys.readouterr()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["stats", "-w", str(copy)]) == 0
    out = capsys.readouterr().out
    assert f"curation from {copy / 'curation.jsonl'}: 1 of 2" in out
    assert f"warning: {copy / 'curation.jsonl'}:2: rename 'Gone' to 'X'" in out
    assert main(["curate", "list", "-w", str(copy)]) == 0
    assert "matches nothing now" in capsys.readouterr().out
    assert main(["stats", "-w", "copy", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["curation"]["path"] == str(Path("copy") / "curation.jsonl")


# ------------------------------------------------------------------ the user gazetteer


def test_curation_user_gazetteer_adds_and_overrides_shipped_entries(tmp_path, monkeypatch):
    from graphbuild.nlp.gazetteer import load_gazetteer
    from graphbuild.user_gazetteer import effective_gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    user = tmp_path / "mine.jsonl"
    user.write_text('# my field\n{"name": "RankMix", "type": "Model", "aliases": ["rank mixing"]}\n'
                    '{"name": "GLUE", "type": "Task", "aliases": ["GLUE suite"]}\n')
    assert effective_gazetteer("") == ""
    merged = load_gazetteer(effective_gazetteer(str(user)))
    shipped = load_gazetteer("")
    assert len(merged) == len(shipped) + 1
    assert merged.lookup("rank mixing").name == "RankMix"
    glue = merged.lookup("GLUE")
    assert glue.type == "Task" and "GLUE suite" in glue.aliases
    assert set(shipped.lookup("GLUE").aliases) <= set(glue.aliases)
    assert effective_gazetteer(str(user)) == effective_gazetteer(str(user))  # one file per content

    ws = _ws(tmp_path)
    ws = type(ws)(ws.path, ws.settings.with_overrides(gazetteer=str(user)))
    _build(ws, SOURCES / "corpus.jsonl")
    G = ws.graph()
    assert G.nodes["entity:rankmix"]["type"] == "Model" and G.nodes["entity:glue"]["type"] == "Task"
    user.write_text('{"name": "RankMix", "type": "Method"}\n')
    assert _build(ws).extracted == 2  # an edited user gazetteer redoes the extractions
    user.write_text('{"name": "RankMix", "type": "Gadget"}\n')
    with pytest.raises(InputError, match=r"mine.jsonl:1: unknown entity type 'Gadget'"):
        _build(ws)


def test_curation_user_gazetteer_merged_once_per_state_of_the_file(tmp_path, monkeypatch):
    import os

    from graphbuild import user_gazetteer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    merges = []
    merge = user_gazetteer.merge_gazetteers
    monkeypatch.setattr(user_gazetteer, "merge_gazetteers", lambda *a: merges.append(1) or merge(*a))
    user = tmp_path / "mine.jsonl"
    user.write_text('{"name": "RankMix", "type": "Model"}\n')
    first = user_gazetteer.effective_gazetteer(str(user))
    assert user_gazetteer.effective_gazetteer(str(user)) == first and len(merges) == 1  # check, fingerprint, load
    user.write_text('{"name": "RankMix", "type": "Method"}\n')  # the same size
    os.utime(user, ns=(1, 1))
    second = user_gazetteer.effective_gazetteer(str(user))
    assert second != first and len(merges) == 2
    os.unlink(second)  # a cleaned cache folder: the merge is written again
    assert user_gazetteer.effective_gazetteer(str(user)) == second and os.path.isfile(second) and len(merges) == 3


# ------------------------------------------------------------------ stores follow


@pytest.mark.neo4j
def test_curation_merge_and_reject_leave_no_stale_nodes_in_neo4j(tmp_path, neo4j_uri):
    import os

    from graphbuild.graph import graph_to_tables
    from graphbuild.stores.neo4j import Neo4jStore

    ws = _ws(tmp_path)
    _build(ws, SOURCES / "corpus.jsonl")
    store = Neo4jStore(neo4j_uri, password=os.environ.get("NEO4J_PASSWORD", "graphbuild-test"))
    try:
        store.wipe()
        store.sync(graph_to_tables(ws.graph()))
        assert store.query("MATCH (e:Entity) WHERE e.id IN ['entity:rankmix', 'entity:bitfit'] "
                           "RETURN count(e) AS n") == [{"n": 2}]
        (ws.path / "curation.jsonl").write_text(json.dumps(ALL_OPS[0]) + "\n" + json.dumps(ALL_OPS[3]) + "\n")
        _build(ws)
        report = store.sync(graph_to_tables(ws.graph()))
        assert report.nodes_deleted.get("Entity") == 2
        assert store.query("MATCH (e:Entity) WHERE e.id IN ['entity:rankmix', 'entity:bitfit'] "
                           "RETURN count(e) AS n") == [{"n": 0}]
        rows = store.query("MATCH (p:Paper {id: $p})-[r]->(e:Entity {id: 'entity:lora'}) "
                           "RETURN type(r) AS rel, e.aliases AS aliases", {"p": RANKMIX})
        assert rows and "RankMix" in rows[0]["aliases"]
        assert store.counts() == graph_to_tables(ws.graph()).counts()
        # the embedded store followed too
        assert ws.query("MATCH (e:Entity) WHERE e.id IN ['entity:rankmix', 'entity:bitfit'] "
                        "RETURN count(e) AS n") == [{"n": 0}]
    finally:
        store.wipe()
        store.close()


def test_curation_confidence_is_stored_on_entities_and_relationships(tmp_path):
    ws = _ws(tmp_path, [ALL_OPS[7]])  # MMLU added to one paper by hand
    _build(ws, SOURCES / "corpus.jsonl")
    G = ws.graph()
    assert G.nodes["entity:glue"]["confidence"] == 0.95  # known to the gazetteer
    assert G.nodes["entity:rankmix"]["confidence"] == 0.8  # coined name, proposed, one paper
    assert G.edges[RANKMIX, "entity:rankmix", "PROPOSES"]["confidence"] == 0.8
    assert G.edges[RANKMIX, "entity:mmlu", "EVALUATES_ON"]["confidence"] == 1.0  # a person said so
    rows = ws.query("MATCH (p:Paper)-[r:PROPOSES]->(e:Entity) WHERE e.confidence < 0.9 "
                    "RETURN e.name AS name, r.confidence AS c")
    assert rows == [{"name": "RankMix", "c": 0.8}]


def test_curation_cli_split_proposed_mention_rename_write_the_file(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    w = ["-w", str(ws)]
    assert main(["curate", "split", "GLUE", "GLUE (2019)", "--paper", "2106.09685", "--type", "Dataset", *w]) == 0
    assert main(["curate", "proposed", "LoRA", "--paper", "2106.09685", "--clear", *w]) == 0
    assert main(["curate", "mention", "MMLU", "--paper", "2301.00001", "--type", "Dataset",
                 "--role", "evaluates_on", "--evidence", "We test on MMLU.", *w]) == 0
    assert main(["curate", "rename", "GPT-3", "GPT-3 175B", "--note", "the size", *w]) == 0
    lines = [json.loads(x) for x in (ws / "curation.jsonl").read_text().splitlines()]
    assert lines == [
        {"op": "split", "entity": "GLUE", "name": "GLUE (2019)", "type": "Dataset", "papers": ["2106.09685"]},
        {"op": "proposed", "entity": "LoRA", "paper": "2106.09685", "value": False},
        {"op": "mention", "entity": "MMLU", "type": "Dataset", "paper": "2301.00001", "role": "evaluates_on",
         "evidence": "We test on MMLU."},
        {"op": "rename", "entity": "GPT-3", "name": "GPT-3 175B", "note": "the size"},
    ]
    from graphbuild.workspace import Workspace

    G = Workspace(ws).graph()
    assert G.has_edge(LORA_PAPER, "entity:glue2019", "USES") and G.has_edge(LORA_PAPER, "entity:lora", "USES")
    assert G.edges[RANKMIX, "entity:mmlu", "EVALUATES_ON"]["evidence"] == "We test on MMLU."
    assert G.nodes["entity:gpt3"]["name"] == "GPT-3 175B"
    assert "4 of 4 operation(s) applied" in capsys.readouterr().out


def test_curation_file_named_by_the_settings_file(tmp_path):
    from graphbuild.settings import load_settings
    from graphbuild.workspace import Workspace

    mine = tmp_path / "fixes" / "my-curation.jsonl"
    mine.parent.mkdir()
    mine.write_text(json.dumps(ALL_OPS[3]) + "\n")
    config = tmp_path / "graphbuild.toml"
    config.write_text(f'workspace = "{tmp_path / "ws"}"\ncuration = "{mine}"\n')
    settings = load_settings(config, env={})
    ws = Workspace(settings.workspace, settings)
    assert ws.curation_file == mine
    report = _build(ws, SOURCES / "corpus.jsonl")
    assert report.curation.applied == 1 and "entity:bitfit" not in ws.graph()
    assert not (ws.path / "curation.jsonl").exists()


def test_curation_pages_fade_doubtful_entities(tmp_path):
    import re

    from graphbuild.viz import render_html, select_subgraph

    ws = _ws(tmp_path, [])
    _build(ws, SOURCES / "corpus.jsonl")
    G = ws.graph().copy()
    G.nodes["entity:rankmix"]["confidence"] = 0.4
    text = render_html(select_subgraph(G), tmp_path / "page.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="gb-data" type="application/json">(.*?)</script>', text, re.S).group(1))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["entity:rankmix"]["opacity"] == 0.4
    assert "opacity" not in by_id["entity:glue"]  # 0.95: drawn in full


def test_curation_command_run_again_after_a_kill_before_its_rebuild_writes_no_second_line(tmp_path, capsys):
    """`graphbuild curate retype X Model` killed after writing its line and before its rebuild left the graph
    without it; running the command again (what a user does) wrote the line a second time. The file's last
    operation being that one, it only rebuilds now, and says so; an equal operation further up (since
    overridden) is written again."""
    from graphbuild.cli import main

    ws = _ws(tmp_path, [])
    _build(ws, SOURCES / "corpus.jsonl")
    killed = {"op": "retype", "entity": "GPT-3", "type": "Method"}
    (ws.path / "curation.jsonl").write_text(json.dumps(killed) + "\n")  # the line written, the rebuild not run
    assert ws.graph().nodes["entity:gpt3"]["type"] != "Method"
    capsys.readouterr()
    assert main(["curate", "retype", "GPT-3", "Method", "-w", str(ws.path)]) == 0
    out = capsys.readouterr().out
    assert "its last operation is already retype 'GPT-3' as Method" in out and "1 of 1 operation(s) applied" in out
    assert len(read_curation(ws.path / "curation.jsonl")) == 1
    assert ws.graph().nodes["entity:gpt3"]["type"] == "Method"
    assert main(["curate", "retype", "GPT-3", "Model", "-w", str(ws.path)]) == 0
    assert main(["curate", "retype", "GPT-3", "Method", "-w", str(ws.path)]) == 0
    assert [op.type for op in read_curation(ws.path / "curation.jsonl")] == ["Method", "Model", "Method"]


def test_curation_command_is_checked_against_the_graph_with_the_pending_operations(tmp_path, capsys):
    """`graphbuild curate merge B C` after a "rename A to B" still pending (written, its rebuild not run)
    was refused as naming nothing, B being in no graph yet, unless --force. The live graph with the pending
    operations applied is what a command is checked against now; a name in neither is still refused."""
    from graphbuild.cli import main

    ws = _ws(tmp_path, [])
    _build(ws, SOURCES / "corpus.jsonl")
    pending = {"op": "rename", "entity": "BitFit", "name": "Bias-only tuning"}
    (ws.path / "curation.jsonl").write_text(json.dumps(pending) + "\n")  # the line written, the rebuild not run
    capsys.readouterr()
    assert main(["curate", "merge", "Bias-only tuning", "RankMix", "-w", str(ws.path)]) == 0
    assert [op.op for op in read_curation(ws.path / "curation.jsonl")] == ["rename", "merge"]
    assert "entity:bitfit" not in ws.graph().nodes
    assert "Bias-only tuning" in ws.graph().nodes["entity:rankmix"]["aliases"]
    capsys.readouterr()
    assert main(["curate", "retype", "Bias-only tunings", "Method", "-w", str(ws.path)]) == 1
    err = capsys.readouterr().err
    assert "no entity named 'Bias-only tunings'" in err and "did you mean 'Bias-only tuning'?" in err
    assert main(["curate", "retype", "Nowhere Net", "Method", "-w", str(ws.path)]) == 1
    assert "no entity named 'Nowhere Net'" in capsys.readouterr().err
    assert len(read_curation(ws.path / "curation.jsonl")) == 2


def test_curation_naming_a_preprint_survives_its_published_version_arriving(tmp_path):
    """A reject made with `--paper 2107.01234` on an arXiv-only record matched nothing once the published
    version (a BibTeX entry with its DOI and the eprint) merged into it: the paper's id became `doi:...`, the
    operation warned "not linked to paper" and the rejected entity was back. An op naming a paper by any id
    the paper has (arXiv id, DOI, a service's id, a record's own id) still names it."""
    preprint = tmp_path / "preprint.jsonl"
    preprint.write_text(json.dumps({"title": "TideFormer: Tidal Attention for Coastal Flood Forecasting",
                                    "arxiv_id": "2107.01234", "year": 2021, "authors": ["Soo-ah Kim"],
                                    "abstract": "We propose TideFormer, evaluated on CoastFlood-3 against "
                                                "SurgeNet."}) + "\n")
    published = tmp_path / "published.bib"
    published.write_text("@inproceedings{kim2022,\n  title = {TideFormer: Tidal Attention for Coastal Flood "
                         "Forecasting},\n  author = {Kim, Soo-ah},\n  year = {2022},\n  doi = {10.5555/cai.17},\n"
                         "  eprint = {2107.01234},\n  abstract = {We propose TideFormer, evaluated on CoastFlood-3 "
                         "against SurgeNet.}\n}\n")
    ws = _ws(tmp_path, [{"op": "reject", "entity": "SurgeNet", "paper": "arxiv:2107.01234"},
                        {"op": "proposed", "entity": "CoastFlood-3", "paper": "2107.01234", "value": True}])
    assert _build(ws, preprint).curation.applied == 2
    report = _build(ws, published)
    assert report.curation.applied == 2 and report.curation.warnings == []
    G = ws.graph()
    assert "doi:10.5555/cai.17" in G and not G.has_edge("doi:10.5555/cai.17", "entity:surgenet", "COMPARES_WITH")
    assert not any(v == "entity:surgenet" for _, v in G.out_edges("doi:10.5555/cai.17"))


def test_curation_cli_list_shows_an_operation_written_but_not_built_as_pending(tmp_path, capsys):
    # a curate killed (SIGKILL) between writing its line and committing its rebuild leaves the operation in
    # the file but not in the live graph: `curate list` said nothing of it
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    assert main(["curate", "alias", "LoRA", "low-rank adapters", "-w", str(ws)]) == 0
    append_operation(ws / "curation.jsonl", CurationOp("rename", "RankMix", name="RankMix-2"))  # the kill's state
    capsys.readouterr()
    assert main(["curate", "list", "-w", str(ws)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].endswith("alias 'LoRA' + alias 'low-rank adapters'") and "pending" not in out[2]
    assert out[2].endswith("rename 'RankMix' to 'RankMix-2'") and out[3].strip() == "pending: not in the live graph yet"
    assert out[4].startswith("pending: 1 operation(s) written after the live graph was built")
    assert "running that curate command again only rebuilds" in out[4]
    assert main(["curate", "rename", "RankMix", "RankMix-2", "-w", str(ws)]) == 0  # run again: rebuilt, one line
    assert len((ws / "curation.jsonl").read_text().splitlines()) == 2
    capsys.readouterr()
    assert main(["curate", "list", "-w", str(ws)]) == 0
    assert "pending" not in capsys.readouterr().out
    (ws / "curation.jsonl").write_text(json.dumps({"op": "reject", "entity": "LoRA"}) + "\n")  # edited by hand
    assert main(["curate", "list", "-w", str(ws)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].strip() == "pending: not in the live graph yet"
    assert out[3].startswith("pending: the curation file changed since the live graph was built")


# ------------------------------------------------------------------ drop a paper

def test_curation_drop_takes_a_papers_links_and_the_entities_it_alone_held():
    res = Resolution(_resolution().entities + [Entity("entity:llama3", "Llama 3", "Model", family="entity:llama3-fam"),
                                               Entity("entity:llama3-fam", "Llama-3", "Model")],
                     _resolution().links + [Link("p3", "entity:llama3", "uses")])
    ops = [CurationOp("drop", paper="p3", title="Front matter"), CurationOp("mention", "SAM", paper="p3"),
           CurationOp("drop", paper="p3"), CurationOp("drop", paper="p9")]
    out, report = apply_curation(res, ops, papers=("p1", "p2", "p3", "p4"))
    ents, links = out.by_id(), {(k.paper_id, k.entity_id) for k in out.links}
    assert out.dropped == {"p3"} and not any(pid == "p3" for pid, _ in links)
    assert ents["entity:sam"].paper_count == 2  # in other papers too: stays
    # in p3 alone: gone, and so is a family head left with no paper and no variant; Llama keeps Llama 2's
    # family link only while Llama 2 is there
    assert {"entity:table2", "entity:llama2", "entity:llama", "entity:llama3", "entity:llama3-fam"}.isdisjoint(ents)
    assert report.applied == 1 and report.dropped == 1
    assert [w.split(": ", 2)[2] for w in report.warnings] == [
        "no paper 'p3'", "paper p3 is dropped already", "no paper 'p9'"]  # a later op names it no more
    assert "1 paper dropped by curation" in report.summary()
    assert CurationOp("drop", paper="doi:10.5555/x", title="Session details: Keynote").describe() == \
        "drop 'doi:10.5555/x' ('Session details: Keynote')"


DROP_CORPUS = [  # invented: a front-matter record among two papers, citing and cited, sharing an author
    {"title": "Tidal Graph Networks for Estuary Forecasting", "arxiv_id": "2301.11111", "year": 2023,
     "authors": ["Mara Quill", "Ivo Brandt"],
     "abstract": "We propose EstuaryGNN, a graph network for estuary levels. EstuaryGNN is evaluated on "
                 "SaltMarsh-5 and compared with SurgeRNN.",
     "references": [{"doi": "10.5555/front.1"}, "arXiv:2201.33333"]},
    {"title": "Session details: Keynote Talks", "doi": "10.5555/front.1", "year": 2023,
     "authors": ["Orla Penn", "Ivo Brandt"],
     "abstract": "The keynote introduces KelpNet, a kelp segmentation model, and reports results on SaltMarsh-5.",
     "references": ["arXiv:2201.33333", {"title": "A Survey of Kelp Forests From Orbit", "doi": "10.5555/kelp.9"}]},
    {"title": "Coastal Surge Prediction with Recurrent Models", "arxiv_id": "2201.33333", "year": 2022,
     "authors": ["Ivo Brandt"],
     "abstract": "We propose SurgeRNN, a recurrent model for storm surges, evaluated on SaltMarsh-5."},
]
FRONT, TIDAL, SURGE, KELP_STUB = "doi:10.5555/front.1", "arxiv:2301.11111", "arxiv:2201.33333", "doi:10.5555/kelp.9"


def _drop_corpus(tmp_path: Path, name: str = "drop.jsonl", records: list[dict] = DROP_CORPUS) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _assert_dropped(ws) -> None:
    G = ws.graph()
    assert FRONT not in G and KELP_STUB not in G  # the paper, and the outside work only it cited
    assert "author:orla penn" not in G and G.has_edge("author:ivo brandt", TIDAL, "AUTHORED")
    assert not G.has_edge(TIDAL, FRONT, "CITES") and G.has_edge(TIDAL, SURGE, "CITES")  # a citing paper's edge goes
    assert "entity:kelpnet" not in G and G.nodes["entity:saltmarsh5"]["paper_count"] == 2
    rows = ws.query("MATCH (n) WHERE n.id IN [$p, $s, 'author:orla penn', 'entity:kelpnet'] RETURN count(n) AS n",
                    p=FRONT, s=KELP_STUB)
    assert rows == [{"n": 0}]  # the embedded store follows


def test_curation_drop_leaves_the_graph_and_stays_dropped_when_read_again(tmp_path):
    ws = _ws(tmp_path)
    first = _build(ws, _drop_corpus(tmp_path))
    G = ws.graph()
    assert G.has_edge(FRONT, "entity:kelpnet", "PROPOSES") and G.has_edge(TIDAL, FRONT, "CITES") and KELP_STUB in G
    append_operation(ws.curation_file, CurationOp("drop", paper="10.5555/front.1", note="front matter"))  # the API
    report = _build(ws)
    _assert_dropped(ws)
    assert report.curation.dropped == 1 and report.papers_total == 3  # kept in the workspace for an undo
    assert report.summary().count("1 paper dropped by curation") == 1
    assert ws.manifest()["curation"]["dropped"] == 1
    # the file read again, and another carrying the same paper by its DOI: still out, said once
    again = _build(ws, _drop_corpus(tmp_path), _drop_corpus(tmp_path, "export.jsonl", [
        {**DROP_CORPUS[1], "title": "Session Details: Keynote Talks", "venue": "CoastConf 2023"}]))
    _assert_dropped(ws)
    assert again.summary().count("1 paper dropped by curation") == 1 and not again.curation.warnings
    (ws.path / "curation.jsonl").write_text("")  # the line removed by hand: back on the next build
    assert _build(ws).stats == first.stats and ws.graph().has_edge(TIDAL, FRONT, "CITES")


#: invented: a note (dropped) whose "Otter Transformer (OTR)" joins the names two other papers write apart,
#: and whose "QuokkaNet" and capitalised words would count in the corpus's casing
BRIDGE = [
    {"title": "Notes on Otter Transformers", "doi": "10.5555/drop.1", "year": 2021, "authors": ["Pia Lund"],
     "abstract": "We use the Otter Transformer (OTR) and QuokkaNet on the Reef-9 benchmark. QuokkaNet is fast."},
    {"title": "Otter Transformer for Reef Images", "arxiv_id": "2302.00001", "year": 2023, "authors": ["Ana Roe"],
     "abstract": "We propose the Otter Transformer, a model for reef images. We compare it with Quokka-Net on Reef-9."},
    {"title": "Fast Reef Counting", "arxiv_id": "2303.00002", "year": 2023, "authors": ["Bo Kim"],
     "abstract": "We use OTR as a backbone and Quokka-Net as a baseline on Reef-9."},
]


def _same_graph(a, b) -> bool:
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and \
        sorted(map(repr, a.edges(keys=True, data=True))) == sorted(map(repr, b.edges(keys=True, data=True)))


def test_curation_drop_gives_the_graph_of_a_build_without_the_paper(tmp_path):
    """A dropped paper was resolved with the others and its words counted in the casing statistics: its
    "Otter Transformer (OTR)" still joined OTR and Otter Transformer, and changed how another paper's title
    was read. The graph is now the one a build without it makes; the paper comes back when the line goes."""
    from graphbuild.workspace import Workspace

    ws = _ws(tmp_path, [{"op": "drop", "paper": "10.5555/drop.1"}])
    _build(ws, _drop_corpus(tmp_path, "all.jsonl", BRIDGE))
    without = Workspace(tmp_path / "without")
    _build(without, _drop_corpus(tmp_path, "kept.jsonl", BRIDGE[1:]))
    assert _same_graph(ws.graph(), without.graph())
    assert len(ws.papers()) == 3 and "doi:10.5555/drop.1" not in ws.extractions()  # kept, not extracted
    (ws.path / "curation.jsonl").write_text("")
    full = Workspace(tmp_path / "full")
    _build(full, _drop_corpus(tmp_path, "all.jsonl", BRIDGE))
    _build(ws)
    assert _same_graph(ws.graph(), full.graph()) and not _same_graph(full.graph(), without.graph())


def test_curation_dropped_paper_gives_no_training_labels(tmp_path):
    from graphbuild.curation_labels import curated_labels

    ws = _ws(tmp_path)
    _build(ws, _drop_corpus(tmp_path))
    extractions = {pid: cached.extraction for pid, cached in ws.extractions().items()}
    labels = curated_labels(ws.papers(), extractions, None, [CurationOp("drop", paper=FRONT)])
    assert labels.rows == [] and labels.report.dropped == 1  # off-topic is not "no entities in it"


def test_curation_cli_drop_by_title_list_and_undo(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(_drop_corpus(tmp_path)), "-w", str(ws), "--no-overview"]) == 0
    before = (ws / (ws / "CURRENT").read_text().strip() / "graph.json").read_text()
    capsys.readouterr()
    assert main(["curate", "drop", "Session details: keynote talks", "-w", str(ws), "--note", "front matter"]) == 0
    out = capsys.readouterr().out
    assert f"+ drop '{FRONT}' ('Session details: Keynote Talks')" in out
    assert "1 paper dropped by curation" in out and "Paper 2" in out
    assert json.loads((ws / "curation.jsonl").read_text()) == {
        "op": "drop", "paper": FRONT, "title": "Session details: Keynote Talks", "note": "front matter"}
    _assert_dropped(_ws(tmp_path))
    assert main(["curate", "alias", "SaltMarsh-5", "Salt Marsh 5", "-w", str(ws)]) == 0
    # the same paper again, by its DOI in another case: refused, nothing written
    assert main(["curate", "drop", "10.5555/FRONT.1", "-w", str(ws)]) == 1
    err = capsys.readouterr().err
    assert f"[E800] drop '{FRONT}' ('Session details: Keynote Talks'): paper {FRONT} is dropped already" in err
    assert main(["curate", "list", "-w", str(ws)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[1].endswith(f"drop '{FRONT}' ('Session details: Keynote Talks')  # front matter") and len(listed) == 3
    assert main(["curate", "undo", "-w", str(ws)]) == 0 and main(["curate", "undo", "-w", str(ws)]) == 0
    after = (ws / (ws / "CURRENT").read_text().strip() / "graph.json").read_text()
    assert after == before


def test_curation_cli_drop_of_a_cited_work_outside_the_corpus_takes_its_stub_out(tmp_path, capsys):
    """A reference stub (or expand's external candidate) could not be dropped: "no paper matches" it, though
    the graph shows it. A drop now takes it out with the CITES edges to it, on every later build too."""
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    assert main(["build", str(_drop_corpus(tmp_path)), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["curate", "drop", "A Survey of Kelp Forests From Orbit", "-w", str(ws)]) == 0
    out = capsys.readouterr().out
    assert f"+ drop '{KELP_STUB}' ('A Survey of Kelp Forests From Orbit')" in out
    # the summary said "1 paper dropped by curation (kept in the workspace, ...)", which only a corpus paper is
    assert "kept in the workspace" not in out and ("\n  1 cited work outside the corpus dropped by curation (a "
                                                   "reference stub: left out of the workspace and the graph") in out
    for _ in range(2):  # and a later build leaves it out still
        G = _ws(tmp_path).graph()
        assert KELP_STUB not in G and FRONT in G and G.has_edge(FRONT, SURGE, "CITES")
        assert not any(p.id == KELP_STUB for p in _ws(tmp_path).papers())
        assert main(["build", "-w", str(ws), "--no-overview"]) == 0
        out = capsys.readouterr().out  # (the build's summary tells the stub apart too)
        assert "kept in the workspace" not in out and "1 cited work outside the corpus dropped" in out
    assert main(["curate", "drop", "10.5555/KELP.9", "-w", str(ws)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"graphbuild: error: [E800] drop '10.5555/KELP.9': {ws / 'curation.jsonl'}:1 drops paper {KELP_STUB} "
        "already; nothing written")
    assert main(["curate", "undo", "-w", str(ws)]) == 0
    assert _ws(tmp_path).graph().has_edge(FRONT, KELP_STUB, "CITES")


def test_curation_cli_drop_of_an_unknown_or_shared_title_is_refused(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    twin = {**DROP_CORPUS[1], "doi": "10.5555/front.2", "authors": ["Orla Penn"], "references": []}
    assert main(["build", str(_drop_corpus(tmp_path, records=[*DROP_CORPUS, twin])), "-w", str(ws),
                 "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["curate", "drop", "Session details: Keynote", "-w", str(ws)]) == 1  # a fragment drops nothing
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E600] curate drop: no paper matches 'Session details: Keynote'; "
                          "did you mean 'Session details: Keynote Talks'") and "\n" not in err
    assert err.endswith("Nothing written; --force keeps it for a paper still to come.")
    assert main(["curate", "drop", "Session details: Keynote Talks", "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == ("graphbuild: error: [E600] curate drop: 'Session details: Keynote Talks' is the title of 2 papers "
                   f"({FRONT}, doi:10.5555/front.2); give the paper's id; nothing written")
    assert not (ws / "curation.jsonl").exists()
    assert main(["curate", "drop", "10.5555/front.2", "-w", str(ws)]) == 0
    assert "1 paper dropped by curation" in capsys.readouterr().out


@pytest.mark.neo4j
def test_curation_drop_leaves_no_paper_author_or_citation_in_neo4j(tmp_path, neo4j_uri):
    import os

    from graphbuild.graph import graph_to_tables
    from graphbuild.stores.neo4j import Neo4jStore

    ws = _ws(tmp_path)
    _build(ws, _drop_corpus(tmp_path))
    store = Neo4jStore(neo4j_uri, password=os.environ.get("NEO4J_PASSWORD", "graphbuild-test"))
    gone = "MATCH (n) WHERE n.id IN [$p, $s, 'author:orla penn', 'entity:kelpnet'] RETURN count(n) AS n"
    try:
        store.wipe()
        store.sync(graph_to_tables(ws.graph()))
        assert store.query(gone, {"p": FRONT, "s": KELP_STUB}) == [{"n": 4}]
        append_operation(ws.curation_file, CurationOp("drop", paper=FRONT))
        _build(ws)
        store.sync(graph_to_tables(ws.graph()))  # what `graphbuild push` does
        assert store.query(gone, {"p": FRONT, "s": KELP_STUB}) == [{"n": 0}]
        assert store.query("MATCH (:Paper {id: $t})-[:CITES]->(c) RETURN c.id AS id", {"t": TIDAL}) == [{"id": SURGE}]
        assert store.counts() == graph_to_tables(ws.graph()).counts()
        drop_last_command(ws.curation_file)  # undone: back in Neo4j on the next push
        _build(ws)
        store.sync(graph_to_tables(ws.graph()))
        assert store.query(gone, {"p": FRONT, "s": KELP_STUB}) == [{"n": 4}]
    finally:
        store.wipe()
        store.close()


def test_curation_cli_list_after_a_load_shows_every_operation_pending(tmp_path, capsys):
    """`graphbuild load` of an output without extractions (an older Spark build's) makes its graph live and
    cannot apply the curation: the dropped paper was back and `curate list` showed its drop as applied. Every
    operation is pending now, saying why (an output with its extractions is curated: tests/test_load.py)."""
    from graphbuild.cli import main
    from graphbuild.graph import graph_to_tables
    from graphbuild.load import write_parquet_tables

    plain, ws = _ws(tmp_path / "plain"), _ws(tmp_path)
    _build(plain, _drop_corpus(tmp_path))
    write_parquet_tables(graph_to_tables(plain.graph()), tmp_path / "out")  # a Spark build's tables, uncurated
    _build(ws, _drop_corpus(tmp_path))
    append_operation(ws.curation_file, CurationOp("drop", paper=FRONT))
    _build(ws)
    assert main(["load", str(tmp_path / "out"), "-w", str(ws.path)]) == 0
    assert FRONT in ws.graph()
    capsys.readouterr()
    assert main(["curate", "list", "-w", str(ws.path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].strip() == "pending: not in the live graph yet"
    assert out[3].startswith("pending: the live graph was loaded from a Spark build (graphbuild load)")
    _build(ws)  # the next build applies the file
    _assert_dropped(ws)
    assert main(["curate", "list", "-w", str(ws.path)]) == 0
    assert "pending" not in capsys.readouterr().out


@pytest.mark.parametrize("meanwhile", ["curate", "undo"])
def test_curation_written_while_a_build_waited_for_the_lock_is_the_one_built(tmp_path, monkeypatch, meanwhile):
    """`graphbuild build --wait` read the curation file before it waited for the lock: the operation a `curate`
    command holding the lock wrote meanwhile was left out of the graph the build then made live (an undone one
    put back), `curate list` calling it pending. The build reads the file once it holds the lock."""
    import graphbuild.workspace
    from graphbuild.curation import curation_digest

    ws = _ws(tmp_path, [ALL_OPS[3]] if meanwhile == "undo" else [])
    _build(ws, SOURCES / "corpus.jsonl")
    assert ("entity:bitfit" in ws.graph()) is (meanwhile == "curate")

    class Meanwhile(graphbuild.workspace.WorkspaceLock):  # another writer's command, done while the build waited
        def __enter__(self):
            if self.command == "build":
                if meanwhile == "curate":
                    append_operation(ws.curation_file, CurationOp("reject", "BitFit"))
                else:
                    drop_last_command(ws.curation_file)
            return super().__enter__()

    monkeypatch.setattr(graphbuild.workspace, "WorkspaceLock", Meanwhile)
    ws.build([], progress=False, overview=False, wait=True)
    assert ("entity:bitfit" in ws.graph()) is (meanwhile == "undo")
    assert ws.manifest()["curation_sha256"] == curation_digest(read_curation(ws.curation_file))


@pytest.mark.parametrize("note, what", [("N" * 100_000, "'note' is 100,000 characters long; a note is at most 2,000"),
                                        ("a\x00b", "'note' holds a NUL character")])
def test_curation_import_thesaurus_names_a_bad_note_argument_not_the_file(tmp_path, capsys, note, what):
    # an over-long --note was reported against the thesaurus file's line 2, which holds no note
    from graphbuild.cli import main

    path = tmp_path / "th.txt"
    path.write_text("label\treplace by\nRankMix\tLoRA\n")
    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["curate", "import-thesaurus", str(path), "--note", note, "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E100] graphbuild curate import-thesaurus --note: '") and "\n" not in err
    assert what in err and str(path) not in err and len(err) < 300
    assert not (ws / "curation.jsonl").exists()


def test_a_curation_file_that_is_a_symbolic_link_is_written_through_it(tmp_path):
    """``<workspace>/curation.jsonl`` a link to a file kept in a repository: each curate command renamed its new
    text over the link, which became a copy; the repository's file never heard of a correction again."""
    from graphbuild.curation import append_operation, drop_last_command, read_curation

    kept = tmp_path / "repo" / "curation.jsonl"
    kept.parent.mkdir()
    kept.write_text('{"op": "reject", "entity": "Zorbnet"}\n', encoding="utf-8")
    link = tmp_path / "ws" / "curation.jsonl"
    link.parent.mkdir()
    link.symlink_to(os.path.join("..", "repo", "curation.jsonl"))
    append_operation(link, CurationOp("reject", "Quillmix"))
    assert link.is_symlink() and [op.entity for op in read_curation(kept)] == ["Zorbnet", "Quillmix"]
    drop_last_command(link)
    assert link.is_symlink() and [op.entity for op in read_curation(kept)] == ["Zorbnet"]
    assert sorted(p.name for p in link.parent.iterdir()) == ["curation.jsonl"]  # no temporary file left
