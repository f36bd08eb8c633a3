"""Training the decision model: annotation files, JSON weights, cross-validation by paper, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import spacy

from graphbuild.cli import main
from graphbuild.errors import InputError, UsageError
from graphbuild.nlp.decide import LinearModel, read_model
from graphbuild.nlp.pipeline import _gazetteer, extract_text, make_pipeline
from graphbuild.nlp.train import (
    SHIPPED_ANNOTATIONS,
    cross_validate,
    fit,
    load_examples,
    predict,
    read_annotations,
    train_pipeline,
)

PAPERS = [
    ("p1", "FooNet: Fast Networks", "We propose FooNet, a network trained with Adam on ImageNet."),
    ("p2", "BarBench: A Benchmark", "We construct BarBench, a benchmark. BERT and RoBERTa are evaluated on it."),
    ("p3", "Efficient Tuning", "We fine-tune BERT with LoRA on GLUE and compare to full fine-tuning."),
    ("p4", "ZapGAN: Image Synthesis", "We introduce ZapGAN. It beats StyleGAN on CIFAR-10 and ImageNet."),
    ("p5", "Robust Training", "We study SGD and Adam on CIFAR-10 with ResNet-50 models."),
    ("p6", "QuuxLM: Small Models", "We release QuuxLM, a language model trained on The Pile, compared to GPT-2."),
]
GOLD = {
    "p1": [("FooNet", "Model", True), ("Adam", "Method", False), ("ImageNet", "Dataset", False)],
    "p2": [("BarBench", "Dataset", True), ("BERT", "Model", False), ("RoBERTa", "Model", False)],
    "p3": [("BERT", "Model", False), ("LoRA", "Method", False), ("GLUE", "Dataset", False)],
    "p4": [("ZapGAN", "Model", True), ("StyleGAN", "Model", False), ("CIFAR-10", "Dataset", False),
           ("ImageNet", "Dataset", False)],
    "p5": [("SGD", "Method", False), ("Adam", "Method", False), ("CIFAR-10", "Dataset", False),
           ("ResNet-50", "Model", False)],
    "p6": [("QuuxLM", "Model", True), ("The Pile", "Dataset", False), ("GPT-2", "Model", False)],
}


def write_training_files(folder: Path) -> tuple[Path, Path]:
    """:data:`PAPERS` and their annotations (:data:`GOLD`) as ``papers.jsonl`` and ``ann.jsonl`` in ``folder``."""
    papers = folder / "papers.jsonl"
    papers.write_text("".join(json.dumps({"id": pid, "title": t, "abstract": a}) + "\n" for pid, t, a in PAPERS))
    ann = folder / "ann.jsonl"
    ann.write_text("".join(json.dumps({"id": pid, "entities": [
        {"name": n, "type": ty, "proposed": p, "aliases": []} for n, ty, p in ents]}) + "\n"
        for pid, ents in GOLD.items()))
    return papers, ann


@pytest.fixture()
def corpus(tmp_path):
    return write_training_files(tmp_path)


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def test_train_and_eval_read_annotations_after_a_byte_order_mark(corpus, tmp_path, capsys):
    """A file a Windows editor saved (a byte-order mark, CRLF line ends) was refused: "a.jsonl:1: not valid
    JSON", for annotations and a gold file alike, where the input readers read such a file."""
    papers, ann = corpus
    marked = tmp_path / "marked.jsonl"
    marked.write_bytes(b"\xef\xbb\xbf" + ann.read_bytes().replace(b"\n", b"\r\n"))
    assert read_annotations(marked) == read_annotations(ann)
    title = json.loads(papers.read_text(encoding="utf-8").splitlines()[0])["title"]
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b"\xef\xbb\xbf" + json.dumps({"title": title, "entities": []}).encode() + b"\r\n")
    assert main(["eval", "entities", str(papers), "--gold", str(gold)]) == 0, capsys.readouterr().err
    assert json.loads(capsys.readouterr().out)["papers_matched"] == 1


def test_train_read_annotations_names_the_bad_line(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_text('{"id": "p1", "entities": []}\n{"id": "p2", "entities": [{"type": "Model"}]}\n')
    with pytest.raises(InputError, match=r"a.jsonl:2: each entity needs"):
        read_annotations(bad)


@pytest.mark.parametrize("line, words", [
    ('{"id": "p1", "entities": [{"name": "X", "type": "Algorithm"}]}', "entity 'X': unknown type \"Algorithm\""),
    ('{"id": "p1", "entities": [{"name": "X", "type": "Model", "proposed": "yes"}]}',
     "entity 'X': \"proposed\" must be true or false, not \"yes\""),
    ('{"id": "p1", "entities": [{"name": "X", "type": "Model", "aliases": "X-1"}]}',
     "entity 'X': \"aliases\" must be a list"),
    ('{"id": "p1", "weight": -2, "entities": []}', '"weight" must be a positive number, not -2'),
    ('{"id": "p1", "weight": true, "entities": []}', '"weight" must be a positive number, not true'),
    ('{"id": "p1", "entities": [{"name": "  ", "type": "Model"}]}', 'each entity needs "name" and "type"'),
    # trained on twice, silently
    ('{"id": "P0", "entities": [{"name": "X", "type": "Model"}]}', "paper 'P0' is annotated already on line 1"),
])
def test_train_read_annotations_refuses_a_bad_value_on_its_line(tmp_path, line, words):
    bad = tmp_path / "a.jsonl"
    bad.write_text('{"id": "p0", "entities": []}\n\n' + line + "\n")  # line 3: the blank line counts
    with pytest.raises(InputError) as info:
        read_annotations(bad)
    assert f"a.jsonl:3: {words}" in str(info.value)


def test_train_annotations_not_utf8_name_the_line(tmp_path):
    bad = tmp_path / "a.jsonl"
    bad.write_bytes(b'{"id": "p0", "entities": []}\n{"id": "p1", "entities": [{"name": "Caf\xe9", "type": "Model"}]}\n')
    with pytest.raises(InputError, match=r"a.jsonl:2: not UTF-8 text: invalid byte 0xe9 at byte offset 68"):
        read_annotations(bad)


def test_train_cli_annotations_with_nothing_to_learn_is_one_coded_line(corpus, tmp_path, capsys):
    papers, _ = corpus
    ann = tmp_path / "few.jsonl"
    ann.write_text('{"id": "p5", "entities": [{"name": "robust training", "type": "Task"}]}\n')
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(f"graphbuild: error: [E100] {ann}: nothing to learn from: of the 1 annotated paper")
    assert not (tmp_path / "pipe").exists()


@pytest.mark.parametrize("entities, words", [
    ([{"name": "LoRA", "type": "Method"}, {"name": "LoRA", "type": "Model"}],
     "entity 'LoRA' is annotated as Method and as Model"),
    ([{"name": "LoRA", "type": "Method", "aliases": ["Low-Rank Adaptation"]},
      {"name": "low-rank adaptation", "type": "Task"}],
     "entity 'low-rank adaptation' is annotated as Method (as 'LoRA') and as Task"),
])
@pytest.mark.parametrize("command", ["train", "eval"])
def test_train_and_cv_refuse_a_paper_giving_one_name_two_types(corpus, tmp_path, capsys, entities, words, command):
    """One paper listing a name (or an alias) twice with two types was trained on both labels, silently."""
    papers, ann = corpus
    lines = ann.read_text().splitlines()
    lines[2] = json.dumps({"id": "p3", "entities": entities})
    ann.write_text("\n".join(lines) + "\n")
    args = (["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe")] if command == "train"
            else ["eval", "entities", "--cv", "2", "--papers", str(papers), "--annotations", str(ann)])
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"graphbuild: error: [E100] {ann}:3: {words}"), err
    assert not (tmp_path / "pipe").exists()


def test_train_unknown_ids_are_reported(corpus, tmp_path, nlp):
    papers, _ = corpus
    ann = tmp_path / "other.jsonl"
    ann.write_text('{"id": "nope", "entities": []}\n')
    with pytest.raises(InputError, match="1 annotated id"):
        load_examples([ann], [papers], nlp)


def test_train_fit_learns_the_training_papers(corpus, nlp):
    from graphbuild.evaluate import score_entities
    from graphbuild.nlp.train import gold_rows

    papers, ann = corpus
    examples = load_examples([ann], [papers], nlp)
    assert [e.paper_id for e in examples] == [p[0] for p in PAPERS]
    model = fit(examples, _gazetteer(nlp), C=10.0)
    scores = score_entities(gold_rows(examples), predict(examples, model, _gazetteer(nlp)))
    assert scores.recall >= 0.8 and scores.precision >= 0.8, scores.to_dict()


def test_train_weights_round_trip_through_json(corpus, nlp, tmp_path):
    papers, ann = corpus
    examples = load_examples([ann], [papers], nlp)
    model = fit(examples, _gazetteer(nlp))
    path = tmp_path / "m.json"
    model.save(path)
    text = path.read_text()
    assert text.startswith("{") and "pickle" not in text
    again = read_model(str(path))
    rows = [{"bias": 1, "gaz=Model": 1}, {"bias": 1, "shape=2": 1, "nonexistent": 1}]
    assert np.allclose(again.entity_probs(rows), model.entity_probs(rows))


def test_train_type_only_features_stay_out_of_the_entity_model(corpus, nlp):
    from graphbuild.nlp.features import TYPE_ONLY

    papers, ann = corpus
    model = fit(load_examples([ann], [papers], nlp), _gazetteer(nlp))
    assert not [n for n in model.entity.index if n.startswith(TYPE_ONLY)]
    assert TYPE_ONLY + "piece=net" in model.types.index  # FooNet, ResNet-50, ImageNet


def test_train_each_paper_is_also_learned_from_its_title_alone(corpus, nlp):
    from graphbuild.nlp.features import BARE

    papers, ann = corpus
    examples = load_examples([ann], [papers], nlp)
    bare = examples[0].bare
    assert bare is not None and bare.text == "FooNet: Fast Networks" and bare.weight == examples[0].weight
    # the title alone names FooNet only: Adam and ImageNet are the abstract's
    assert [g["name"] for g in bare.gold] == ["FooNet"]
    model = fit(examples, _gazetteer(nlp))
    assert any(n.startswith(BARE) for n in model.entity.index)
    assert any(n.startswith(BARE) for n in model.proposed.index)


def test_train_title_alone_keeps_the_names_its_words_write():
    from graphbuild.nlp.train import _title_alone

    row = {"id": "x", "entities": [
        {"name": "Llama 2-Chat", "type": "Model", "aliases": []},
        {"name": "ZF", "type": "Method", "aliases": ["Zorb Fusion"]},
        {"name": "Net", "type": "Model", "aliases": []},  # a word inside another: no run of the title's words
        {"name": "GLUE", "type": "Dataset", "aliases": []}]}
    kept = _title_alone(row, "Zorb Fusion Undoes Safety in Llama 2-Chat with QuuxNet")
    assert [e["name"] for e in kept["entities"]] == ["Llama 2-Chat", "ZF"] and kept["id"] == "x"


def test_features_of_a_title_alone_are_weighed_apart():
    from graphbuild.nlp.doc_context import DocContext
    from graphbuild.nlp.features import BARE
    from graphbuild.nlp.pipeline import make_pipeline as make

    nlp = make(proposers_only=True)
    gaz = _gazetteer(nlp)
    for text, bare in (("Zorbnet: Fast Parsing", True), ("Zorbnet: Fast Parsing\n\nWe propose Zorbnet.", False)):
        doc = nlp(text)
        title_end = doc._.gb_title_end if doc._.gb_title_end >= 0 else len(text)
        assert DocContext(text, doc._.gb_sents, title_end).bare is bare
        from graphbuild.nlp.decide import prepare
        prepared = prepare(text, doc._.gb_sents, title_end, list(doc._.gb_candidates), gaz)
        names = set().union(*prepared.group_features)
        assert any(n.startswith(BARE) for n in names) is bare and bool(names)
        if bare:  # a title's alone: every feature apart from those of a title over an abstract
            assert all(n.startswith(BARE) for n in names)


def test_train_type_only_features_of_a_name_and_its_appositive():
    from graphbuild.nlp.features import _appositive_head, _pieces

    assert _pieces("WebImageText") == ["web", "image", "text"]
    assert _pieces("SuperGLUE-v2") == ["super", "glue"]
    text = "We train on WebImageText (WIT), a new large dataset of pairs, and on Foo, an open model."
    assert _appositive_head(text, text.index(" (WIT)"), len(text)) == "Dataset"
    assert _appositive_head(text, text.index("WIT") + 3, len(text)) == "Dataset"
    assert _appositive_head(text, text.index("Foo") + 3, len(text)) == "Model"
    assert _appositive_head(text, text.index("pairs") + 5, len(text)) is None


def test_proposed_feature_of_a_name_set_beside_a_new_head_noun():
    from graphbuild.nlp.features import _APPOSED

    def apposed(before):
        m = _APPOSED.search(before)
        return m.group(1) if m else None

    assert apposed("We propose a new simple network architecture, the ") == "architecture"
    assert apposed("We introduce a new benchmark, ") == "benchmark"
    assert apposed("In this paper, we propose an online algorithm, ") == "algorithm"
    assert apposed("Our model, namely ") == "model"
    assert apposed("We evaluate on GLUE, ") is None  # a list, not a new thing
    assert apposed("The baseline, ") is None


def test_pipeline_a_known_name_set_beside_a_new_architecture_is_proposed():
    from graphbuild.nlp.pipeline import extract_text, make_pipeline

    abstract = ("Sequence models rely on recurrence. We propose a new simple network architecture, the Transformer, "
                "built on attention alone. It reaches 28.4 BLEU on WMT 2014 English-to-German.")
    found = {e.name: e.proposed for e in extract_text(abstract, make_pipeline(), title="Attention Alone").entities}
    assert found.get("Transformer") is True


def test_train_linear_model_scores_by_hand():
    m = LinearModel({"a": 0, "b": 1}, np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.1, 0.2]))
    assert np.allclose(m.scores([{"a": 1, "b": 2}, {}]), [[2.1, 3.2], [0.1, 0.2]])
    # rows of different lengths, an unknown feature adding nothing: the gathered path
    assert np.allclose(m.scores([{"b": 1}, {"a": 2, "zz": 5, "b": 1}]), [[0.6, 2.2], [2.6, 0.2]])


def _constant_model(p_entity: float, p_proposed: float):
    """A decision model giving every candidate the same probabilities (Method, when an entity)."""
    from graphbuild.nlp.decide import DecisionModel

    logit = float(np.log(p_entity / (1 - p_entity)))
    entity = LinearModel({"bias": 0}, np.zeros((1, 4)), np.array([0.0, -30.0, logit, -30.0]))
    types = LinearModel({"bias": 0}, np.zeros((1, 3)), np.array([-30.0, 0.0, -30.0]))
    proposed = LinearModel({"bias": 0}, np.zeros((1, 1)), np.array([float(np.log(p_proposed / (1 - p_proposed)))]))
    return DecisionModel(entity, types, proposed, {})


@pytest.mark.parametrize(("p_proposed", "proposed"), [(0.5, False), (0.9, True)])
def test_train_lower_case_phrases_have_their_own_threshold(p_proposed, proposed):
    from graphbuild.nlp.candidates import Candidate
    from graphbuild.nlp.decide import decide

    text = "T\n\nWe try logit adjustment with Foo Bar."  # (not "use": a name used is not proposed)
    cands = [Candidate(text.index("logit"), text.index(" with"), "logit adjustment", "lowerphrase", sentence=1),
             Candidate(text.index("Foo"), text.index("."), "Foo Bar", "caprun", sentence=1)]
    sents = [(0, 1), (3, len(text))]
    d = decide(text, sents, 1, cands, None, _constant_model(0.2, p_proposed), threshold=0.3,
               proposed_threshold=0.3, lower_threshold=0.1)
    kept = [d.cands[m[0]] for m in d.entities]
    # p = 0.2: only the lower-case phrase passes (0.1 <= 0.2 < 0.3); proposed only when that is clear
    assert [(c.text, c.type, c.proposed) for c in kept] == [("logit adjustment", "Method", proposed)]
    d = decide(text, sents, 1, [Candidate(c.start, c.end, c.text, c.source, sentence=1) for c in cands], None,
               _constant_model(0.2, p_proposed), threshold=0.3, proposed_threshold=0.3, lower_threshold=0.3)
    assert d.entities == []


def _record_papers(monkeypatch, name: str, **override) -> list[set[str]]:
    """Wrap ``graphbuild.nlp.train.<name>`` to record the paper ids of the examples it gets."""
    from graphbuild.nlp import train

    seen: list[set[str]] = []
    real = getattr(train, name)

    def spy(examples, gaz, **kw):
        seen.append({e.paper_id for e in examples})
        return real(examples, gaz, **{**kw, **override})

    monkeypatch.setattr(train, name, spy)
    return seen


def test_train_cross_validation_keeps_papers_apart(corpus, nlp, monkeypatch):
    papers, ann = corpus
    examples = load_examples([ann], [papers], nlp)
    seen = _record_papers(monkeypatch, "fit")
    result = cross_validate(examples, _gazetteer(nlp), k=3)
    assert len(seen) == 3 and result["papers"] == 6 and result["folds"] == 3
    # every paper is held out exactly once: absent from exactly one training set
    for pid, *_ in PAPERS:
        assert sum(pid not in s for s in seen) == 1
    assert 0.0 <= result["f1"] <= 1.0
    with pytest.raises(ValueError, match="2 <= K"):
        cross_validate(examples, _gazetteer(nlp), k=1)


def test_train_cross_validation_on_given_folds_scores_each_paper_once_per_fold(corpus, nlp, monkeypatch):
    papers, ann = corpus
    examples = load_examples([ann], [papers], nlp)
    gaz = _gazetteer(nlp)
    whole = cross_validate(examples, gaz, k=3)
    # halves both ways: every paper scored once, fitted twice on three papers
    seen = _record_papers(monkeypatch, "fit")
    halves = cross_validate(examples, gaz, folds=[([0, 1, 2], [3, 4, 5]), ([3, 4, 5], [0, 1, 2])])
    assert [len(s) for s in seen] == [3, 3] and halves["folds"] == 2
    assert halves["papers_gold"] == whole["papers_gold"] == 6 and halves["gold"] == whole["gold"]
    # a paper scored in two folds counts twice; one scored in none, not at all
    twice = cross_validate(examples, gaz, folds=[([1, 2, 3], [0]), ([2, 3, 4], [0, 5])])
    once = {0: examples[0], 5: examples[5]}
    assert twice["papers_gold"] == 3
    assert twice["gold"] == 2 * len(once[0].gold) + len(once[5].gold)


def test_train_nested_cross_validation_chooses_inside_training_folds(corpus, nlp, monkeypatch):
    papers, ann = corpus
    examples = load_examples([ann], [papers], nlp)
    inner_sets = _record_papers(monkeypatch, "select_settings", k=2, c_grid=(0.3, 1.0), threshold_grid=(0.3, 0.5))
    result = cross_validate(examples, _gazetteer(nlp), k=3, nested=True)
    assert len(inner_sets) == 3 and all(len(s) == 4 for s in inner_sets)  # 6 papers, 2 held out per fold
    assert [c["C"] in (0.3, 1.0) and c["threshold"] in (0.3, 0.5) for c in result["chosen"]] == [True] * 3
    assert len(result["fold_f1"]) == 3 and 0.0 <= result["f1"] <= 1.0


def test_train_pipeline_directory_loads_with_spacy_model(corpus, tmp_path):
    papers, ann = corpus
    out = tmp_path / "pipe"
    model = train_pipeline([ann], [papers], out)
    assert (out / "config.cfg").exists() and (out / "graphbuild_decide" / "decider.json").exists()
    loaded = make_pipeline(str(out))
    assert loaded.get_pipe("graphbuild_decide").model.to_json() == model.to_json()
    names = {e.name for e in extract_text("We propose FooNet, trained with Adam on ImageNet.", loaded,
                                          title="FooNet: Fast").entities}
    assert "FooNet" in names
    assert not list(tmp_path.glob(".pipe.*"))  # nothing half-written left behind


def test_train_pipeline_api_keeps_a_users_folder_and_clears_what_a_killed_train_left(corpus, tmp_path):
    # the Python API deleted a folder of the user's files (only the CLI checked), and a train killed between
    # deleting the old pipeline and renaming the new one left none, its temporary folder for good
    papers, ann = corpus
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.txt").write_text("mine")
    with pytest.raises(UsageError, match="holds 'thesis.txt'"):
        train_pipeline([ann], [papers], notes)
    assert (notes / "thesis.txt").read_text() == "mine"
    out = tmp_path / "pipe"
    dead = tmp_path / ".pipe.tmp-999999999"  # a killed train's half-written copy (no such process)
    dead.mkdir()
    train_pipeline([ann], [papers], out)
    train_pipeline([ann], [papers], out)  # replaced whole, as before
    assert (out / "graphbuild_decide" / "decider.json").is_file()
    assert not list(tmp_path.glob(".pipe.*"))


def test_train_cli_and_eval_cv(corpus, tmp_path, capsys):
    papers, ann = corpus
    out = tmp_path / "pipe"
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(out)]) == 0
    assert (out / "meta.json").exists()
    capsys.readouterr()
    assert main(["eval", "entities", "--cv", "2", "--annotations", str(ann), "--papers", str(papers)]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["folds"] == 2 and scores["papers"] == 6
    assert {"proposed_recall", "proposed_precision"} <= set(scores) and "errors" not in scores
    # --errors lists the pooled out-of-fold predictions' errors (it was silently ignored with --cv)
    assert main(["eval", "entities", "--cv", "2", "--errors", "--annotations", str(ann), "--papers", str(papers)]) == 0
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert errors and all("title" in e and {"missed", "spurious", "wrong_type", "not_proposed", "wrongly_proposed"}
                          & set(e) for e in errors)
    assert main(["eval", "entities", "--cv", "2", "--annotations", str(ann)]) == 1
    assert "[E100]" in capsys.readouterr().err


@pytest.mark.parametrize("k", ["0", "1", "-2"])
def test_eval_cv_below_two_is_refused_before_any_paper_is_read(corpus, capsys, monkeypatch, k):
    """``--cv 0`` was taken for no --cv ("give INPUT files and --gold"); 1 was refused after every paper was
    read, as an error of the annotation file."""
    import graphbuild.nlp.train as train

    papers, ann = corpus
    monkeypatch.setattr(train, "load_examples", lambda *a, **kw: pytest.fail("read the papers first"))
    assert main(["eval", "entities", "--cv", k, "--annotations", str(ann), "--papers", str(papers)]) == 1
    err = capsys.readouterr().err
    assert err == f"graphbuild: error: [E710] --cv must be 2 or more (the parts the annotated papers are split " \
                  f"into, each scored by a model trained on the others), got {k}\n"


def test_train_cli_user_gazetteer_adds_to_the_shipped_one(corpus, tmp_path, capsys):
    # as a build loads it: the shipped entries, with the user's added (not the user's file alone)
    papers, ann = corpus
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"name": "ZorbNet", "type": "Model"}\n', encoding="utf-8")
    out = tmp_path / "pipe"
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(out), "--gazetteer", str(mine)]) == 0
    gaz = _gazetteer(spacy.load(out))
    assert gaz.lookup("ZorbNet").type == "Model"
    assert gaz.lookup("ImageNet") is not None and gaz.lookup("ImageNet").type == "Dataset"
    capsys.readouterr()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"name": "X", "type": "Gadget"}\n', encoding="utf-8")
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "p2"), "--gazetteer",
                 str(bad)]) == 1
    assert "bad.jsonl:1: unknown entity type 'Gadget'" in capsys.readouterr().err
    assert not (tmp_path / "p2").exists()


@pytest.mark.parametrize("extra, words", [
    (["--cv", "7"], "[E100] {ann}: --cv 7: K must be between 2 and 6"),
    # 1 was refused after reading every paper; 0 trained without cross-validating, without a word
    (["--cv", "1"], "[E710] --cv must be 2 or more (the parts the annotated papers are split into"),
    (["--cv", "0"], "[E710] --cv must be 2 or more"),
    (["--cv", "-3"], "[E710] --cv must be 2 or more"),
    (["-C", "0"], "[E710] -C must be a finite number above 0, got 0"),
    (["-C", "inf"], "[E710] -C must be a finite number above 0, got inf"),  # it trained with no regularisation at all
    (["--out", "{ann}"], "is a file; give a folder for the pipeline"),
    (["--out", "{tmp}/" + "p" * 300], "[E710] --out '{tmp}/" + "p" * 300 + "': File name too long"),  # a traceback
    (["--spacy-model", "{tmp}/no-such-model"], "no-such-model: spaCy pipeline not found"),
])
def test_train_cli_misuse_is_one_coded_line(corpus, tmp_path, capsys, extra, words):
    papers, ann = corpus
    argv = ["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe"), *extra]
    assert main([a.replace("{ann}", str(ann)).replace("{tmp}", str(tmp_path)) for a in argv]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and words.replace("{ann}", str(ann)).replace("{tmp}", str(tmp_path)) in err
    assert not (tmp_path / "pipe").exists()


@pytest.mark.parametrize("where", ["folder", "current"])
def test_train_cli_out_holding_other_files_is_refused_and_kept(corpus, tmp_path, capsys, monkeypatch, where):
    """--out replaces its folder whole: a folder of the user's files was deleted without a word."""
    papers, ann = corpus
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.txt").write_text("chapter one")
    out = str(notes)
    if where == "current":  # `--out .` in a folder holding a pipeline the user copied there
        monkeypatch.chdir(notes)
        (notes / "thesis.txt").unlink()
        (notes / "meta.json").write_text(json.dumps({"pipeline": ["graphbuild_decide"]}))
        out = "."
    assert main(["train", str(ann), "--papers", str(papers), "--out", out]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("graphbuild: error: [E710] --out ")
    assert ("holds 'thesis.txt'" if where == "folder" else "is the current folder") in err
    assert sorted(p.name for p in notes.iterdir()) == (["thesis.txt"] if where == "folder" else ["meta.json"])


def test_train_cli_out_replaces_a_pipeline_it_wrote(corpus, tmp_path, capsys):
    papers, ann = corpus
    out = tmp_path / "pipe"
    out.mkdir()  # an empty folder is fine
    for _ in range(2):  # and so is the pipeline the first run wrote
        assert main(["train", str(ann), "--papers", str(papers), "--out", str(out)]) == 0
    assert (out / "graphbuild_decide" / "decider.json").is_file()
    assert "use it with --spacy-model" in capsys.readouterr().out


def test_train_shipped_annotations_are_ids_and_entities_only():
    rows = read_annotations(SHIPPED_ANNOTATIONS)
    assert len(rows) >= 300 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) <= {"id", "annotator", "entities"}  # never the abstract text
        for e in r["entities"]:
            assert e["type"] in ("Model", "Method", "Dataset", "Task", "Metric")


@pytest.mark.shared
def test_train_annotator_agreement_is_high(shared_dir):
    from graphbuild.evaluate import score_entities
    from graphbuild.nlp.train import papers_by_id

    papers = papers_by_id([shared_dir / "eval" / "related" / "papers_dev.jsonl"])
    second = read_annotations(SHIPPED_ANNOTATIONS.with_name("papers_dev_second.jsonl"))
    first = {r["id"]: r for r in read_annotations(SHIPPED_ANNOTATIONS)}
    title = {r["id"]: papers[r["id"].casefold()].title for r in second}
    gold = [{"title": title[r["id"]], "entities": first[r["id"]]["entities"]} for r in second]
    other = [{"title": title[r["id"]], "entities": [dict(e, mentions=e.get("aliases", [])) for e in r["entities"]]}
             for r in second]
    scores = score_entities(gold, other)
    assert len(second) >= 50 and scores.f1 >= 0.9, scores.to_dict()


@pytest.mark.shared
@pytest.mark.slow
def test_train_cross_validated_f1_on_the_shipped_annotations(shared_dir):
    nlp = make_pipeline()
    examples = load_examples([SHIPPED_ANNOTATIONS], [shared_dir / "eval" / "related" / "papers_dev.jsonl"], nlp)
    result = cross_validate(examples, _gazetteer(nlp), k=5)
    assert result["papers"] >= 520
    assert result["f1"] >= 0.78 and result["type_accuracy"] >= 0.88, result  # regression floor (BENCHMARKS.md)


@pytest.mark.parametrize("labels", [["Model", "Dataset", "Model"], ["Model", "Model"]])
def test_train_fit_linear_with_few_classes(labels):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from graphbuild.nlp.train import _fit_linear

    rows = [{"a": 1}, {"b": 1}, {"a": 1, "c": 1}][: len(labels)]
    m = _fit_linear(DictVectorizer(), LogisticRegression(), rows, labels, ["Model", "Method", "Dataset"])
    best = np.argmax(m.scores(rows), axis=1)
    assert [["Model", "Method", "Dataset"][k] for k in best][0] == "Model"
    assert not (best == 1).any()  # a class never seen is never predicted


def test_train_pipeline_named_from_another_place_reuses_the_extractions(corpus, tmp_path, capsys, monkeypatch):
    """A trained pipeline folder named by another path (`--spacy-model ./pipe`, then the absolute path, or a
    graphbuild.toml in a project folder saying `spacy_model = "../pipe"` read from elsewhere) extracted every
    paper again on every build: its path was part of the pipeline's fingerprint, and a build whose graph came
    out the same wrote no generation, so the cache kept the old keys for ever. The folder's content is the
    fingerprint now, and papers extracted again are saved even when the graph is unchanged."""
    papers, ann = corpus
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe")]) == 0
    monkeypatch.chdir(tmp_path)
    built = []
    for model in ("pipe", "./pipe", str(tmp_path / "pipe"), "./pipe"):
        capsys.readouterr()
        assert main(["build", str(papers), "-w", "ws", "--spacy-model", model, "--no-overview"]) == 0
        built.append(re.search(r"(\d+) extracted", capsys.readouterr().out).group(1))
    assert built == ["6", "0", "0", "0"]


def test_train_out_that_cannot_be_written_is_one_line_before_any_training(corpus, tmp_path, capsys, monkeypatch):
    """A --out under a file, or in a read-only place, failed with a traceback once the models were fitted."""
    import graphbuild.fsutil
    import graphbuild.nlp.train as train

    papers, ann = corpus
    fitted = []
    monkeypatch.setattr(train, "fit", lambda *a, **k: fitted.append(1))  # never reached when refused
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(ann / "pipe")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"graphbuild: error: [E710] --out '{ann / 'pipe'}': '{ann}' is a file, not a folder; " \
                  "give a folder for the pipeline"
    with monkeypatch.context() as m:
        m.setattr(train.os, "access", lambda *a: False)
        with pytest.raises(UsageError, match=f"the folder '{tmp_path}' is not writable"):
            train_pipeline([ann], [papers], tmp_path / "new" / "pipe")
    assert not fitted and not (tmp_path / "new").exists()
    monkeypatch.undo()

    def read_only(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(graphbuild.fsutil, "fresh_temp_folder", read_only)  # the place turned read-only meanwhile
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe")]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"graphbuild: error: [E700] cannot write the pipeline to {tmp_path / 'pipe'}: "
                          "Permission denied; choose a writable folder")


def test_train_and_eval_cv_name_annotated_entities_the_paper_never_writes(corpus, tmp_path, capsys):
    """An annotated name the paper does not write was passed over in training, and counted missed, silently."""
    papers, ann = corpus
    rows = [json.loads(line) for line in ann.read_text().splitlines()]
    rows[2]["entities"].append({"name": "Zorblax-9", "type": "Model", "proposed": False})
    rows[3]["entities"].append({"name": "Stylish GAN", "type": "Model", "aliases": ["StyleGAN"]})  # written: alias
    ann.write_text("".join(json.dumps(r) + "\n" for r in rows))
    want = (f"warning: [E100] {ann}: 1 annotated entity of 1 paper(s) not written in the paper's title or abstract, "
            "such as 'Zorblax-9' in paper 'p3': they cannot be learned")

    def warnings():
        return [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]

    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe")]) == 0
    [line] = warnings()
    assert line.startswith(want)
    assert main(["eval", "entities", "--cv", "2", "--annotations", str(ann), "--papers", str(papers)]) == 0
    [line] = warnings()
    assert line.startswith(want)
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe"), "--cv", "2"]) == 0
    assert len(warnings()) == 1  # once, not for the cross-validation and the training


def test_train_and_eval_cv_show_progress_when_standard_error_is_no_terminal(corpus, tmp_path, capsys):
    """Training read every paper twice, and cross-validation fitted K models, with no line on standard error."""
    papers, ann = corpus
    assert main(["train", str(ann), "--papers", str(papers), "--out", str(tmp_path / "pipe")]) == 0
    assert capsys.readouterr().err.splitlines() == ["reading their titles alone: 6/6 papers"]
    assert main(["eval", "entities", "--cv", "3", "--annotations", str(ann), "--papers", str(papers)]) == 0
    assert capsys.readouterr().err.splitlines() == ["reading their titles alone: 6/6 papers",
                                                    "cross-validating (6 papers): 3/3 folds"]
