"""graphbuild.curation_labels and `graphbuild train --curation`: accepted curations as training labels."""

from __future__ import annotations

import doctest
import re

import pytest

import graphbuild.curation_labels as curation_labels
from graphbuild.cli import main
from graphbuild.curation import CurationOp
from graphbuild.curation_labels import curated_labels, read_curation_strict
from graphbuild.errors import InputError
from graphbuild.records import EntityMention, Extraction, Paper
from graphbuild.resources import data_path

DEMO = data_path("demo", "papers.jsonl")
DDPM, CHINCHILLA = "arxiv:2006.11239", "arxiv:2203.15556"


def _papers() -> list[Paper]:
    return [Paper(title="Orca", abstract="We propose Orca. Orca beats ChatGPT on MMLU (Table 2).",
                  arxiv_id="2401.00001"),
            Paper(title="Owl", abstract="Owl is evaluated on MMLU with GPT-3.5 as a judge.", arxiv_id="2401.00002"),
            Paper(title="Lark", abstract="Lark uses ImageNet.", arxiv_id="2401.00003")]


def _extractions(papers: list[Paper]) -> dict[str, Extraction]:
    a, b, c = (p.id for p in papers)
    return {
        a: Extraction(a, "Orca", [EntityMention("Orca", "Model", ["Orca"], proposed=True, role="proposes"),
                                  EntityMention("ChatGPT", "Model", ["ChatGPT"], role="compares_with"),
                                  EntityMention("MMLU", "Method", ["MMLU"], role="evaluates_on"),
                                  EntityMention("Table 2", "Dataset", ["Table 2"])]),
        b: Extraction(b, "Owl", [EntityMention("Owl", "Model", ["Owl"], proposed=True, role="proposes"),
                                 EntityMention("MMLU", "Method", ["MMLU"], role="evaluates_on"),
                                 EntityMention("GPT-3.5", "Model", ["GPT-3.5"])]),
        c: Extraction(c, "Lark", [EntityMention("Lark", "Model", ["Lark"], proposed=True, role="proposes"),
                                  EntityMention("ImageNet", "Dataset", ["ImageNet"])]),
    }


def test_curation_labels_rows_for_the_papers_a_curation_changes_only():
    papers = _papers()
    ops = [CurationOp("reject", "Table 2"), CurationOp("retype", "MMLU", type="Dataset")]
    labels = curated_labels(papers, _extractions(papers), None, ops)
    assert labels.report.applied == 2 and not labels.report.warnings
    assert [r["id"] for r in labels.rows] == [papers[0].id, papers[1].id]  # Lark is untouched: no row
    first = {e["name"]: e for e in labels.rows[0]["entities"]}
    assert set(first) == {"Orca", "ChatGPT", "MMLU"}  # the rejected non-entity is gone
    assert first["MMLU"]["type"] == "Dataset" and first["Orca"]["proposed"] and not first["ChatGPT"]["proposed"]
    assert {e["name"]: e["type"] for e in labels.rows[1]["entities"]} == {"Owl": "Model", "MMLU": "Dataset",
                                                                        "GPT-3.5": "Model"}


def test_curation_labels_merge_keeps_the_form_each_paper_writes_as_an_alias():
    papers = _papers()
    labels = curated_labels(papers, _extractions(papers), None, [CurationOp("merge", "ChatGPT", into="GPT-3.5")])
    assert [r["id"] for r in labels.rows] == [papers[0].id]  # Owl already wrote GPT-3.5
    gpt = next(e for e in labels.rows[0]["entities"] if e["name"] == "GPT-3.5")
    assert gpt["aliases"] == ["ChatGPT"]  # written in Orca's abstract; the candidate there is labelled


def test_curation_labels_merged_form_beside_its_target_is_labelled_as_the_target():
    # the paper writes both names; the extractor kept them apart, the user merged ILSVRC into ImageNet
    from graphbuild.nlp import train
    from graphbuild.nlp.pipeline import make_pipeline

    lark = Paper(title="Lark", abstract="We propose Lark, trained on ImageNet. Lark reaches 81% top-1 accuracy "
                                        "on the ILSVRC validation set.", arxiv_id="2401.00003")
    extraction = Extraction(lark.id, "Lark", [
        EntityMention("Lark", "Model", ["Lark"], proposed=True, role="proposes"),
        EntityMention("ImageNet", "Dataset", ["ImageNet"]), EntityMention("ILSVRC", "Dataset", ["ILSVRC"])])
    labels = curated_labels([lark], {lark.id: extraction}, None, [CurationOp("merge", "ILSVRC", into="ImageNet")])
    assert labels.report.applied == 1 and [r["id"] for r in labels.rows] == [lark.id]
    nlp = make_pipeline()
    [example] = train.make_examples(labels.rows, {lark.id.casefold(): lark}, nlp)
    prepared, classes, matched = train._labelled(example, train._gazetteer(nlp))
    by_form = {prepared.cands[i].text: cls for members, cls in zip(prepared.groups, classes) for i in members}
    assert by_form["ImageNet"] == by_form["ILSVRC"] == "Dataset"  # the merged form is no false entity
    assert sorted(g["name"] for _, g in matched) == ["ImageNet", "Lark"]  # the entity is learned once


def test_curation_labels_proposed_and_mention_ops_label_one_paper():
    papers = _papers()
    ops = [CurationOp("proposed", "Orca", paper=papers[0].id, value=False),
           CurationOp("mention", "ImageNet", paper=papers[1].id, role="uses", type="Dataset")]
    rows = {r["id"]: {e["name"]: e for e in r["entities"]} for r in curated_labels(
        papers, _extractions(papers), None, ops).rows}
    assert set(rows) == {papers[0].id, papers[1].id}
    assert rows[papers[0].id]["Orca"]["proposed"] is False
    assert rows[papers[1].id]["ImageNet"]["type"] == "Dataset"


def test_curation_labels_missing_extraction_is_a_coded_error():
    papers = _papers()
    extractions = _extractions(papers)
    del extractions[papers[2].id]
    with pytest.raises(InputError, match=r"\[E1\d\d\].*no cached extraction"):
        curated_labels(papers, extractions, None, [CurationOp("reject", "Table 2")])


def test_curation_labels_doctests_run():
    result = doctest.testmod(curation_labels, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("text", "message"), [
    ('{"op": "retype", "entity": "MassiveText"}\n', r"curation\.jsonl:1: .*type"),
    ('# fine\n{"op": "reject", "entity": "Top-1"}\n{"op": "reject", "entity": \n',
     r"curation\.jsonl:3: not valid JSON"),
    ("# only a comment\n", "no operation"),
])
def test_curation_labels_train_refuses_a_bad_curation_file_with_one_coded_line(tmp_path, capsys, text, message):
    bad = tmp_path / "curation.jsonl"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "pipeline"
    assert main(["train", "--curation", str(bad), "-w", str(tmp_path / "ws"), "--no-shipped",
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("graphbuild: error: [E1")
    assert re.search(message, err[0])
    assert not out.exists()


def test_curation_labels_missing_file_and_usage_errors(tmp_path, capsys):
    with pytest.raises(InputError, match="no such curation file"):
        read_curation_strict(tmp_path / "nope.jsonl")
    assert main(["train", "--no-shipped", "--out", str(tmp_path / "p")]) == 1
    assert "--no-shipped needs --curation" in capsys.readouterr().err
    assert main(["train", "--out", str(tmp_path / "p")]) == 1
    assert "--papers is needed" in capsys.readouterr().err


@pytest.mark.slow
def test_curation_labels_trained_pipeline_follows_the_curation(tmp_path, capsys):
    from graphbuild.nlp.pipeline import extract_papers, make_pipeline
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    ws.build([str(DEMO)], progress=False, overview=False)
    papers = {p.id: p for p in ws.papers()}
    before = {pid: {m.name: m.type for m in ws.extractions()[pid].extraction.entities} for pid in (DDPM, CHINCHILLA)}
    # the shipped model's slips on the demo corpus: a plain word taken for a dataset ("LSUN bedrooms and
    # churches"), a dataset typed otherwise
    assert before[DDPM].get("churches") == "Dataset"
    assert before[CHINCHILLA].get("MassiveText") in ("Model", "Method")
    curation = tmp_path / "curation.jsonl"
    curation.write_text('{"op": "reject", "entity": "churches", "note": "a category of LSUN, no name"}\n'
                        '{"op": "retype", "entity": "MassiveText", "type": "Dataset"}\n', encoding="utf-8")
    out = tmp_path / "pipeline"
    assert main(["train", "--curation", str(curation), "-w", str(ws.path), "--no-shipped", "-C", "10",
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "2 of 2 operation(s) applied" in captured.err and "labels for 2 paper(s)" in captured.err
    nlp = make_pipeline(str(out))
    got = dict(zip((DDPM, CHINCHILLA), extract_papers([papers[DDPM], papers[CHINCHILLA]], nlp)))
    after = {pid: {m.name: m.type for m in ex.entities} for pid, ex in got.items()}
    assert "churches" not in after[DDPM]
    assert after[CHINCHILLA]["MassiveText"] == "Dataset"
    # the rest of those papers is still found
    assert {"DDPM", "CIFAR-10", "CelebA-HQ"} <= set(after[DDPM])
    assert {"Chinchilla", "Gopher", "MMLU"} <= set(after[CHINCHILLA])


@pytest.mark.slow
@pytest.mark.shared
def test_curation_labels_weigh_enough_to_move_a_type_among_the_shipped_annotations(tmp_path, capsys, shared_dir):
    """Two curated papers among the 907 shipped ones: the reject and the retype both carry (CURATION_WEIGHT).

    The DDPM paper is among the shipped annotations too; its curated labels take their place.
    """
    from graphbuild.nlp.pipeline import extract_papers, make_pipeline
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    ws.build([str(DEMO)], progress=False, overview=False)
    papers = {p.id: p for p in ws.papers()}
    curation = tmp_path / "curation.jsonl"
    curation.write_text('{"op": "reject", "entity": "churches"}\n'
                        '{"op": "retype", "entity": "MassiveText", "type": "Dataset"}\n', encoding="utf-8")
    out = tmp_path / "pipeline"
    assert main(["train", "--curation", str(curation), "-w", str(ws.path), "--out", str(out),
                 "--papers", str(shared_dir / "eval" / "related" / "papers_dev.jsonl")]) == 0
    assert "training on 908 annotated paper(s)" in capsys.readouterr().out
    got = dict(zip((DDPM, CHINCHILLA),
                   extract_papers([papers[DDPM], papers[CHINCHILLA]], make_pipeline(str(out)))))
    after = {pid: {m.name: m.type for m in ex.entities} for pid, ex in got.items()}
    assert "churches" not in after[DDPM] and after[CHINCHILLA]["MassiveText"] == "Dataset"
    assert {"DDPM", "CIFAR-10", "CelebA-HQ"} <= set(after[DDPM])
    assert {"Chinchilla", "Gopher", "MMLU"} <= set(after[CHINCHILLA])
