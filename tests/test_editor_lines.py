"""Line numbers in coded lines are the lines an editor and ``sed -n Np`` show: LF, CR LF and a lone CR end a
line; U+2028, U+2029, U+0085, a form feed and a vertical tab (which ``str.splitlines`` also cuts at) do not."""

from __future__ import annotations

import json

import pytest

from graphbuild.cli import main
from graphbuild.errors import InputError
from graphbuild.library import parse_query_file

#: the characters ``str.splitlines`` takes for line ends and an editor does not
NOT_LINE_ENDS = ["\u2028", "\u2029", "\u0085", "\x0c", "\x0b"]


@pytest.mark.parametrize("mark", NOT_LINE_ENDS[:3])  # TOML refuses a form feed or a vertical tab, at its line
def test_settings_file_names_the_line_an_editor_shows(built, tmp_path, capsys, mark):
    """A comment holding U+2028 (TOML allows it there) moved every setting below it a line down."""
    config = tmp_path / "graphbuild.toml"
    config.write_text(f"# batch size{mark} for the build\nnonsense_key = 1\n", encoding="utf-8")
    assert main(["stats", "-w", str(built), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "graphbuild.toml:2: unknown setting 'nonsense_key'" in err, err


@pytest.mark.parametrize("mark", NOT_LINE_ENDS)
def test_draft_passage_line_is_the_line_an_editor_shows(built, tmp_path, capsys, mark):
    """``related --text-file``: a passage after a paragraph holding U+2028 was said to start lines below it."""
    body = ["# Draft", "",
            f"A first section{mark}compares image classifiers trained on ImageNet with residual networks and reports "
            "their top-1 accuracy for several depths, widths and training schedules on many backbones.", "",
            "We adapt large language models with low-rank updates, as LoRA does, and study where "
            "adapters go in a transformer and how their rank should be chosen for each layer of it.", ""]
    draft = tmp_path / "draft.md"
    draft.write_text("\n".join(body), encoding="utf-8")
    capsys.readouterr()
    assert main(["related", "-w", str(built), "--text-file", str(draft), "--json"]) == 0
    found = {(r["passage"], r["passage_line"]) for r in json.loads(capsys.readouterr().out)}
    assert (2, 5) in found and not {line for _, line in found} - {3, 5}, found


def test_query_file_names_the_line_an_editor_shows(tmp_path):
    query = tmp_path / "q.cypher"
    query.write_text("// name: q\n// description: one\u2028two\n// param: k = 1\n// param: k = 2\n"
                     "MATCH (n) RETURN n LIMIT $k\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_query_file(query)
    assert "q.cypher:4: parameter 'k' is declared twice" in str(caught.value)


#: a file of each format whose line 3 holds a byte that is no UTF-8 (0xe9), its lines ended by "{end}"
BAD_BYTE_ON_LINE_3 = {
    "a.jsonl": '{{"title": "One", "abstract": "We use BERT."}}{end}{end}{{"title": "caf\xe9"}}{end}',
    "a.csv": "title,abstract{end}One,We use BERT.{end}caf\xe9,x{end}",
    "a.json": '[{{"title": "One",{end}"abstract": "We use BERT."}},{end}{{"title": "caf\xe9"}}]{end}',
    "a.bib": "@article{{a, title={{One}},{end}abstract={{We use BERT.}}}}{end}@article{{b, title={{caf\xe9}}}}{end}",
}


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("name", sorted(BAD_BYTE_ON_LINE_3))
def test_byte_not_utf8_is_named_at_its_line_whatever_the_line_ends(tmp_path, capsys, name, end):
    """A file of lone CR line ends (an old Mac's) had its bad byte named on line 1: only LFs were counted."""
    path = tmp_path / name
    path.write_bytes(BAD_BYTE_ON_LINE_3[name].format(end=end).encode("latin-1"))
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"graphbuild: error: [E100] {path}:3: not UTF-8 text: invalid byte 0xe9"), err


@pytest.mark.parametrize("chunk", [1, 2, 3, 1 << 20])
def test_crlf_cut_between_pieces_is_one_line_end(chunk):
    """The check reads a piece at a time: a CR LF cut between two pieces is one line end, not two."""
    import io

    from graphbuild.ingest.fields import utf8_error

    for data in (b"a\r\nb\r\nc\r\n\xe9", b"a\rb\rc\r\xe9", b"a\nb\r\nc\r\xe9"):
        error = utf8_error("x.txt", io.BytesIO(data), chunk)
        assert error is not None and error.line == 4, (data, chunk, error)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_gold_and_annotation_files_read_whatever_the_line_ends(tmp_path, capsys, end):
    """A gold or annotation file of lone CR line ends was one line, refused as 'not valid JSON (Extra data)'
    at line 1, where the input readers read such a file."""
    from graphbuild.nlp.train import read_annotations

    papers = tmp_path / "in.jsonl"
    papers.write_text('{"title": "Adapters Everywhere", "abstract": "We fine-tune BERT on SQuAD."}\n')
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(end.join(['{"title": "Adapters Everywhere", "entities": [{"name": "BERT", "type": "Model"}]}',
                               "", '{"title": "Other", "entities": [{"name": "X", "type": "model"}]}', ""]).encode())
    assert main(["eval", "entities", str(papers), "--gold", str(gold)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"graphbuild: error: [E100] {gold}:3: entity 'X': unknown type \"model\""), err
    notes = tmp_path / "annotations.jsonl"
    notes.write_bytes(end.join(['{"id": "p0", "entities": []}', '{"id": "P0", "entities": []}']).encode())
    with pytest.raises(InputError, match="annotations.jsonl:2: paper 'P0' is annotated already on line 1"):
        read_annotations(notes)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_curation_file_read_whatever_the_line_ends(tmp_path, capsys, end):
    """A curation file of lone CR line ends was one line opening with '#': a comment, so ``curate list`` said 'no
    operations' and the build applied none, silently; a bad operation in it went unnamed."""
    from graphbuild.curation import drop_last_command, read_curation

    curation = tmp_path / "curation.jsonl"
    ops = ['# fixes', '{"op": "reject", "entity": "BitFit"}', '{"op": "rename", "entity": "GLUE", "name": "GLUE set"}']
    curation.write_bytes((end.join(ops) + end).encode())
    assert [op.op for op in read_curation(curation)] == ["reject", "rename"]
    assert [op.where for op in read_curation(curation)] == [f"{curation}:2", f"{curation}:3"]
    assert [op.op for op in drop_last_command(curation)] == ["rename"]
    assert [op.op for op in read_curation(curation)] == ["reject"]
    curation.write_bytes(end.join([*ops, '{"op": "bogus", "entity": "X"}']).encode())
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"title": "Adapters Everywhere", "abstract": "We fine-tune BERT on SQuAD."}\n')
    assert main(["build", str(corpus), "-w", str(tmp_path / "ws"), "--no-overview", "--curation", str(curation)]) == 1
    err = capsys.readouterr().err.strip()
    assert f"[E100] {curation}:4: " in err and "bogus" in err and len(err.splitlines()) == 1, err


def test_gazetteer_lines_are_the_editors_and_deep_nesting_is_one_line(tmp_path, capsys):
    """Your --gazetteer: a name holding U+2028 (JSON keeps it raw; the shipped writer writes it so) was cut in two
    at it, 'bad gazetteer entry (Unterminated string)', and the lines below were named a line late; a line nested
    thousands deep was a RecursionError traceback."""
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"title": "Adapters Everywhere", "abstract": "We fine-tune BERT on SQuAD."}\n')
    gazetteer = tmp_path / "gaz.jsonl"
    for text, words in (('{"name": "Otter\u2028Net", "type": "Model"}\n{"name": "X"}\n', "gaz.jsonl:2: bad gazetteer "
                                                                                         "entry ('type')"),
                        ('{"name": "X", "type": "Model", "aliases": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                         "gaz.jsonl:1: bad gazetteer entry (nested too deeply to read)")):
        gazetteer.write_text(text, encoding="utf-8")
        assert main(["build", str(corpus), "-w", str(tmp_path / "ws"), "--no-overview",
                     "--gazetteer", str(gazetteer)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and words in err, err
