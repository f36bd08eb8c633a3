"""The invented evaluation sets of ``benchmarks/invented``: readable by graphbuild and consistent with
their papers (a name the text never writes could never be found, and would lower every figure silently)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.evaluate import entity_problem
from graphbuild.nlp.train import read_annotations

HERE = Path(__file__).resolve().parent.parent / "benchmarks" / "invented"
SETS = sorted(p.name.split(".")[0] for p in HERE.glob("*.papers.jsonl"))  # (the second annotation has no papers)


def _benchmark():
    """``benchmarks/eval_invented.py`` as a module (the benchmarks are no package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_invented", HERE.parent / "eval_invented.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_set_is_there():
    assert SETS == sorted(f"synth{n}" for n in range(1, 32))


@pytest.mark.parametrize("name", SETS)
def test_every_annotated_name_is_written_in_its_paper(name):
    papers = [json.loads(line) for line in (HERE / f"{name}.papers.jsonl").read_text(encoding="utf-8").splitlines()]
    notes = read_annotations(HERE / f"{name}.annotations.jsonl")  # (the trainer's reader: [E1xx] on a bad row)
    assert [p["id"] for p in papers] == [n["id"] for n in notes]
    assert len({p["title"].casefold() for p in papers}) == len(papers)
    for paper, note in zip(papers, notes):
        text = f"{paper['title']}\n{paper['abstract']}"
        for entity in note["entities"]:
            assert entity_problem(entity) == "", (paper["id"], entity)
            for form in (entity["name"], *entity.get("aliases", [])):
                assert form in text, (paper["id"], form)


def test_the_second_annotation_is_of_its_sets_papers_and_written_in_them():
    texts = {}
    for name in _benchmark().SECOND:
        for line in (HERE / f"{name}.papers.jsonl").read_text(encoding="utf-8").splitlines():
            paper = json.loads(line)
            texts[paper["id"]] = f"{paper['title']}\n{paper['abstract']}"
    second = read_annotations(HERE / "second.annotations.jsonl")
    assert len(second) == 354 and all(row["id"] in texts for row in second)
    assert [row["id"] for row in second] == [i for i in texts if i in {row["id"] for row in second}]  # by set, then id
    for row in second:
        for entity in row["entities"]:
            assert all(form in texts[row["id"]] for form in (entity["name"], *entity.get("aliases", [])))


def test_the_benchmark_reads_a_set_as_gold_rows_with_titles():
    module = _benchmark()
    papers, gold = module.gold_rows("synth1")
    assert papers.is_file() and len(gold) == 170
    assert all(row["title"] and isinstance(row["entities"], list) for row in gold)
    # a title with LaTeX is keyed as the reader gives it, as the prediction's is (the raw one matched none)
    _, gold = module.gold_rows("synth12")
    assert not any(style in row["title"] for row in gold for style in ("\\textsc{", "\\emph{", "\\texttt{"))


def test_the_benchmark_lists_a_dev_sets_wrong_proposed_marks(capsys):
    module = _benchmark()
    assert module.main(["--errors", "synth1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("| proposed-recall | proposed-precision |")
    assert lines[2].startswith("| synth1 | 170 |") and lines[2].count("|") == lines[0].count("|")
    wrong = [json.loads(line) for line in lines[3:] if "wrongly_proposed" in line]
    assert wrong and all({"title", "type", "matched"} <= set(e) for e in wrong)


def test_synth14_is_a_dev_set_of_200_results_heavy_papers():
    module = _benchmark()
    assert "synth14" in module.SETS["dev"] and "synth14" not in module.SETS["test"]
    _, gold = module.gold_rows("synth14")
    assert len(gold) == 200


def test_synth16_is_a_dev_set_of_200_papers_that_mostly_use_named_things():
    module = _benchmark()
    assert "synth16" in module.SETS["dev"] and "synth16" not in module.SETS["test"]
    _, gold = module.gold_rows("synth16")
    assert len(gold) == 200
    # surveys, comparisons and reproductions: many used names a paper, some papers propose nothing named
    nothing = [row for row in gold if not any(e.get("proposed") for e in row["entities"])]
    assert 30 <= len(nothing) <= 60
    used = sum(1 for row in gold for e in row["entities"] if not e.get("proposed"))
    assert used > 5 * sum(1 for row in gold for e in row["entities"] if e.get("proposed"))


def test_synth18_is_a_dev_set_of_200_papers_that_each_name_what_they_introduce():
    module = _benchmark()
    assert "synth18" in module.SETS["dev"] and "synth18" not in module.SETS["test"]
    _, gold = module.gold_rows("synth18")
    assert len(gold) == 200
    # most papers introduce something named, often several things at once; about 30 introduce nothing
    proposing = [row for row in gold if any(e.get("proposed") for e in row["entities"])]
    assert 150 <= len(proposing) <= 180
    assert sum(1 for row in proposing if sum(1 for e in row["entities"] if e.get("proposed")) > 1) >= 20
    # every type is proposed somewhere: a model, a method (some in lower case), a dataset or benchmark
    kinds = {e["type"] for row in gold for e in row["entities"] if e.get("proposed")}
    assert {"Model", "Method", "Dataset"} <= kinds
    assert any(e["name"].islower() for row in gold for e in row["entities"] if e.get("proposed"))
