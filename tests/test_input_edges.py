"""Bad inputs at the edges of commands each get one coded line naming the file (and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.errors import InputError
from graphbuild.library import load_library


def _one_line_error(capsys, code: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"graphbuild: error: [{code}]"), err
    return err


@pytest.mark.parametrize("data, words", [
    (b"\x00" * 4096, "nul.txt:1: the draft holds a NUL character (\\u0000) at character 0"),  # was ranked as prose
    (b"LoRA adapters\nhello\x00\x00world", "nul.txt:2: the draft holds a NUL character (\\u0000) at character 19"),
])
def test_related_draft_with_nul_bytes_is_refused_as_binary(built, tmp_path, capsys, data, words):
    draft = tmp_path / "nul.txt"
    draft.write_bytes(data)
    assert main(["related", "-w", str(built), "--text-file", str(draft)]) == 1
    err = _one_line_error(capsys, "E100")
    assert words in err and "is it a binary file?" in err


def test_query_file_not_utf8_names_its_line_and_byte(tmp_path):
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "mine.cypher").write_bytes(b"// name: mine\n// description: mine\nMATCH (n) RETURN 'caf\xe9'\n")
    with pytest.raises(InputError) as caught:
        load_library(folder)  # was Python's "'utf-8' codec can't decode byte 0xe9 in position 56"
    assert str(caught.value) == (f"[E100] {folder / 'mine.cypher'}:3: not UTF-8 text: invalid byte 0xe9 at byte "
                                 "offset 56; re-save the file as UTF-8")


@pytest.mark.parametrize("fmt", ["json", "neo4j-csv"])
def test_export_to_an_empty_path_is_refused(built, tmp_path, capsys, monkeypatch, fmt):
    """``export "$OUT"`` with OUT unset wrote graph.json into the current folder (neo4j-csv: the folder itself)."""
    monkeypatch.chdir(tmp_path)
    assert main(["export", "-w", str(built), "--format", fmt, ""]) == 1
    assert "the output path is empty" in _one_line_error(capsys, "E710")
    assert list(tmp_path.iterdir()) == []


def test_export_under_a_file_or_a_missing_folder(built, tmp_path, capsys):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["export", "-w", str(built), str(tmp_path / "afile" / "sub" / "g.json")]) == 1
    assert "afile is a file, not a folder" in _one_line_error(capsys, "E700")
    assert main(["export", "-w", str(built), str(tmp_path / "new" / "g.json")]) == 0  # a missing folder is made
    assert (tmp_path / "new" / "g.json").is_file()


@pytest.mark.parametrize("fmt", ["json", "graphml", "neo4j-csv"])
def test_export_names_the_file_in_the_way_as_the_path_was_given(built, tmp_path, capsys, monkeypatch, fmt):
    """neo4j-csv named the file in the way by its absolute path where the other formats name it as given."""
    monkeypatch.chdir(tmp_path)
    Path("afile").write_text("x", encoding="utf-8")
    assert main(["export", "-w", str(built), "--format", fmt, "afile/out"]) == 1
    assert _one_line_error(capsys, "E700").endswith(
        "cannot write afile/out: afile is a file, not a folder; choose another place (the old output, if any, is "
        "unchanged)")


def test_export_into_a_folder_whose_graph_file_is_a_folder_says_so(built, tmp_path, capsys):
    """out/graph.json a folder: "Is a directory; check free space and permissions", advice that did not fit."""
    (tmp_path / "out" / "graph.json").mkdir(parents=True)
    assert main(["export", "-w", str(built), "--format", "json", str(tmp_path / "out")]) == 1
    assert _one_line_error(capsys, "E700").endswith(f"cannot write {tmp_path / 'out' / 'graph.json'}: it is a "
                                                    "folder; name a file ending in .json, or another folder")
    assert list((tmp_path / "out").iterdir()) == [tmp_path / "out" / "graph.json"]  # no temporary folder left


@pytest.mark.parametrize(("head", "kind"), [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
                                             (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb3", "a ZIP archive")])
def test_a_document_given_as_text_is_named_and_told_to_give_its_text(tmp_path, capsys, head, kind):
    """A PDF or a .docx given as a draft or an input was told to "re-save the file as UTF-8", which no
    program does for it: the error says what it is, and to give its text."""
    for name in ("paper.txt", "draft.md"):
        (tmp_path / name).write_bytes(head + b"more")
    assert main(["extract", str(tmp_path / "paper.txt")]) == 1
    assert main(["related", "-w", str(tmp_path / "ws"), "--text-file", str(tmp_path / "draft.md")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2, lines
    for line, name in zip(lines, ("paper.txt", "draft.md")):
        assert line.startswith(f"graphbuild: error: [E100] {tmp_path / name}:") and f"(it is {kind}" in line, line
        assert line.endswith("save its text as a UTF-8 text file, and give that") and "re-save" not in line


def test_ids_one_text_in_two_unicode_forms_are_one_paper(tmp_path, capsys):
    """An id typed on macOS (NFD: an e and a combining accent) and elsewhere (NFC) made two papers whose ids look
    the same ('café-1' twice in every table), with no word said; a lookup typed in the other form found neither."""
    import json
    import unicodedata

    composed, decomposed = (unicodedata.normalize(form, "café-1") for form in ("NFC", "NFD"))
    assert composed != decomposed
    papers = tmp_path / "in.jsonl"
    papers.write_text("".join(json.dumps({"id": pid, "title": title, "abstract": "We fine-tune BERT on SQuAD."}) + "\n"
                              for pid, title in ((composed, "Adapters Everywhere"), (decomposed, "Adapters Anywhere"))),
                      encoding="utf-8")
    ws = tmp_path / "ws"
    assert main(["build", str(papers), "-w", str(ws), "--no-overview"]) == 0
    err = capsys.readouterr().err
    assert f"in.jsonl:2: has the id {composed!r} of {papers}:1 but another title" in err, err
    assert main(["query", "-w", str(ws), "MATCH (p:Paper) RETURN p.id", "--format", "json"]) == 0
    assert [row["p.id"] for row in json.loads(capsys.readouterr().out)] == [composed]
    assert main(["related", "-w", str(ws), decomposed]) == 0  # found: it is the only paper, so none is related


@pytest.mark.parametrize("name, data, line", [
    ("a.jsonl", '{"title": "\\u200b\\u200b", "abstract": "We fine-tune BERT on SQuAD."}\n', 1),
    ("a.csv", "title,abstract\n\u00ad\u2060,We fine-tune BERT on SQuAD.\n", 2),
    ("a.bib", "@article{a, title = {\\-\u200b}, abstract = {We fine-tune BERT on SQuAD.}}\n", 1),
])
def test_title_of_only_invisible_characters_is_no_title(tmp_path, capsys, name, data, line):
    """A title of zero-width spaces or soft hyphens made a paper every table showed with a blank title."""
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 1
    err = _one_line_error(capsys, "E100")
    assert f"{path}:{line}: " in err and "holds no character that shows" in err, err


def test_title_of_only_invisible_characters_beside_a_doi_is_none(tmp_path, capsys):
    import json

    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "\\u200b", "doi": "10.1000/xyz", "abstract": "We fine-tune BERT on SQuAD."}\n')
    assert main(["extract", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["title"]) for r in rows] == [("doi:10.1000/xyz", "")]


def test_bibtex_crossref_to_no_entry_is_a_warning(tmp_path, capsys):
    """A crossref naming no entry of the file (BibTeX's 'bad cross reference') was passed over in silence: the
    paper lacked the year and venue the volume would have lent, with no word why."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@proceedings{conf21, title = {Proceedings of Conf}, booktitle = {Conf}, year = 2021}\n"
                   "@inproceedings{a, title = {Adapters Everywhere}, crossref = {conf21}}\n"
                   "@inproceedings{b, title = {Adapters Anywhere}, crossref = {conf22}}\n")
    assert main(["extract", str(bib)]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warned == [f"warning: [E100] {bib}:3: entry 'b': its crossref 'conf22' names no entry of this file, so it "
                      "takes no year or venue from one; put the volume's entry in the same file"], err


@pytest.mark.parametrize("how", ["twice", "folder", "link"])
def test_one_file_named_twice_is_read_once(tmp_path, capsys, how):
    """The same file given twice (by name, inside a folder also given, by a link) was read twice: 'read 2 papers
    from 2 file(s)' for one paper, merged again in silence."""
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    papers = folder / "a.jsonl"
    papers.write_text(json.dumps({"id": "p1", "title": "Adapters Everywhere", "abstract": "We fine-tune BERT."}) + "\n")
    other = {"twice": papers, "folder": folder, "link": tmp_path / "b.jsonl"}[how]
    if how == "link":
        other.symlink_to(papers)
    assert main(["build", str(papers), str(other), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    out, err = capsys.readouterr()
    assert "read 1 papers from 1 file(s)" in out, out
    warned = [line for line in err.splitlines() if line.startswith("warning:")]
    again = "" if how != "link" else f" (as {str(papers)!r})"
    assert warned == [f"warning: [E100] {other if how == 'link' else papers}: is a file read already{again}; "
                      "read once"], err


def test_folder_named_twice_is_read_once(tmp_path, capsys):
    import json

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name, title in (("a.jsonl", "Adapters Everywhere"), ("sub/b.jsonl", "Adapters Anywhere")):
        (folder / name).write_text(json.dumps({"title": title, "abstract": "We fine-tune BERT."}) + "\n")
    assert main(["build", str(folder), str(folder / "sub"), str(folder), "-w", str(tmp_path / "ws"),
                 "--no-overview"]) == 0
    out, err = capsys.readouterr()
    assert "read 2 papers from 2 file(s)" in out, out
    warned = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warned == [f"warning: [E100] {folder / 'sub'}: is a folder read already; read once",
                      f"warning: [E100] {folder}: is a folder read already; read once"], err


@pytest.mark.parametrize("held", [(), ("gaz.json",)])
def test_gazetteer_folder_without_jsonl_files_is_named_a_folder(tmp_path, capsys, held):
    """An empty folder (or one of other files) given as --gazetteer was 'gazetteer not found', though it is there."""
    folder = tmp_path / "gaz"
    folder.mkdir()
    for name in held:
        (folder / name).write_text('{"name": "Zorblax", "type": "Method"}\n')
    papers = tmp_path / "a.jsonl"
    papers.write_text('{"title": "Adapters Everywhere", "abstract": "We fine-tune BERT."}\n')
    assert main(["build", str(papers), "--gazetteer", str(folder), "-w", str(tmp_path / "ws"), "--no-overview"]) == 1
    err = _one_line_error(capsys, "E100")
    assert err.endswith(f"[E100] {folder}: is a folder without any file the gazetteer reads (.jsonl); "
                        "pass a .jsonl file or a folder of them"), err


def test_gazetteer_folder_with_a_link_to_nothing_names_the_link(tmp_path, capsys):
    folder = tmp_path / "gaz"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"name": "Zorblax", "type": "Method"}\n')
    (folder / "b.jsonl").symlink_to(tmp_path / "gone.jsonl")
    papers = tmp_path / "a.jsonl"
    papers.write_text('{"title": "Adapters Everywhere", "abstract": "We fine-tune BERT."}\n')
    assert main(["build", str(papers), "--gazetteer", str(folder), "-w", str(tmp_path / "ws"), "--no-overview"]) == 1
    err = _one_line_error(capsys, "E100")
    assert f"[E100] {folder / 'b.jsonl'}: is a symbolic link to nothing" in err, err


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
@pytest.mark.parametrize("piece", [None, 2, 3])
def test_utf16_bytes_that_are_no_utf16_are_named_at_the_editors_line(tmp_path, capsys, monkeypatch, end, piece):
    """A UTF-16 file of lone CR line ends (old Mac) named its bad sequence at line 1: only LFs were counted, while
    the reader and an editor count a lone CR as a line end (``piece``: bytes read at a time, so that a CR LF is cut
    between two pieces)."""
    import codecs
    import json

    from graphbuild.ingest import fields

    if piece:
        monkeypatch.setattr(fields, "CHUNK_BYTES", piece)

    lines = [json.dumps({"title": f"Adapters Everywhere {i}", "abstract": "We fine-tune BERT."}) for i in range(3)]
    body = end.join(lines).encode("utf-16-le")
    at = body.index("Adapters Everywhere 2".encode("utf-16-le"))  # on line 3
    path = tmp_path / "a.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + body[:at] + b"\x00\xdc" + body[at + 2:] + end.encode("utf-16-le"))
    assert main(["extract", str(path)]) == 1
    err = _one_line_error(capsys, "E100")
    assert f"[E100] {path}:3: not UTF-16 text: " in err and f"at byte offset {at + 2};" in err, err


def test_annotated_id_naming_two_papers_whose_ids_differ_only_in_case_is_refused(tmp_path, capsys):
    """'ABC-1' and 'abc-1' are two papers to a build (ids as written: a user's own ids may tell case), but an
    annotation's id is read without regard to case: 'abc-1' was paired with whichever came first, 'ABC-1' here,
    and the model trained on the wrong paper's text in silence."""
    import json

    papers = tmp_path / "papers.jsonl"
    papers.write_text("".join(json.dumps({"id": pid, "title": title, "abstract": "We fine-tune BERT on SQuAD."}) + "\n"
                              for pid, title in (("ABC-1", "Adapters Everywhere"), ("abc-1", "Adapters Anywhere"))))
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps({"id": "abc-1", "entities": [{"name": "BERT", "type": "Model"}]}) + "\n")
    assert main(["train", str(notes), "--papers", str(papers), "--out", str(tmp_path / "m")]) == 1
    err = _one_line_error(capsys, "E100")
    assert err.endswith(f"[E100] {notes}: annotated id 'abc-1' names 2 papers of the papers file, whose ids differ "
                        "only in case ('ABC-1', 'abc-1'); an annotation's id is read without regard to case: give "
                        "those papers ids that differ in more than case"), err


def test_one_paper_annotated_twice_in_two_cases_says_why(tmp_path):
    import json

    from graphbuild.nlp.train import read_annotations

    notes = tmp_path / "notes.jsonl"
    notes.write_text("".join(json.dumps({"id": pid, "entities": []}) + "\n" for pid in ("ABC-1", "abc-1")))
    with pytest.raises(InputError) as caught:
        read_annotations(notes)
    assert str(caught.value) == (f"[E100] {notes}:2: paper 'abc-1' is annotated already on line 1 (as 'ABC-1': an "
                                 "annotation's id is read without regard to case); give each paper one line")


def test_old_style_arxiv_ids_are_one_paper_in_any_case_and_form(tmp_path, capsys):
    """Old-style arXiv ids (before 2007) kept the case they were typed in and, bare, were no arXiv id at all:
    'HEP-TH/9901001' and 'arXiv:hep-th/9901001v2' were two papers, a citation of one did not reach the other,
    and a DataCite DOI gave 'math.ag' where the id gave 'math.AG'; new-style ids were normalised all along."""
    import json

    from graphbuild.records import paper_key

    same = {"arxiv:hep-th/9901001": ["hep-th/9901001", "HEP-TH/9901001v3", "arXiv:hep-th/9901001v2",
                                     "arxiv:HEP-TH/9901001", "https://arxiv.org/abs/hep-th/9901001",
                                     "doi:10.48550/arXiv.hep-th/9901001"],
            "arxiv:math.AG/0601001": ["math.AG/0601001", "math.ag/0601001", "arXiv:MATH.AG/0601001v1",
                                      "doi:10.48550/arXiv.math.AG/0601001"]}
    assert {key: [paper_key(v) for v in values] for key, values in same.items()} == {
        key: [key] * len(values) for key, values in same.items()}
    assert paper_key("lab/9901001") == "lab/9901001"  # no archive of arXiv's: a user's own id, kept
    papers = tmp_path / "in.jsonl"
    records = [{"arxiv_id": "HEP-TH/9901001", "title": "Adapters Everywhere", "abstract": "We fine-tune BERT."},
               {"id": "math.ag/0601001", "title": "Adapters Anywhere", "abstract": "We fine-tune BERT on SQuAD.",
                "references": ["arXiv:hep-th/9901001v2"]}]
    papers.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ws = tmp_path / "ws"
    assert main(["build", str(papers), "-w", str(ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["query", "-w", str(ws), "MATCH (p:Paper) RETURN p.id ORDER BY p.id", "--format", "json"]) == 0
    assert [row["p.id"] for row in json.loads(capsys.readouterr().out)] == ["arxiv:hep-th/9901001",
                                                                            "arxiv:math.AG/0601001"]
    assert main(["query", "-w", str(ws), "MATCH (a:Paper)-[:CITES]->(b:Paper) RETURN a.id, b.id",
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"a.id": "arxiv:math.AG/0601001", "b.id": "arxiv:hep-th/9901001"}]


@pytest.mark.parametrize("name, data, line, title", [
    ("a.jsonl", '{"title": "---", "abstract": "We fine-tune BERT on SQuAD."}\n', 1, "---"),
    ("a.csv", "title,abstract\nx,We fine-tune BERT.\n\u2026,We fine-tune BERT on SQuAD.\n", 3, "\u2026"),
    ("a.bib", "@article{a, title = {?!}, abstract = {We fine-tune BERT on SQuAD.}}\n", 1, "?!"),
    ("b.jsonl", '{"title": " . \\u200b . ", "abstract": "We fine-tune BERT on SQuAD."}\n', 1, ". \u200b ."),
])
def test_title_of_only_punctuation_is_no_title(tmp_path, capsys, name, data, line, title):
    """A title of dashes, dots or question marks (what a table writes for a title it lacks) made a paper named
    '---' in every table and page, where a title of invisible characters is refused; now it is no title either."""
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 1
    err = _one_line_error(capsys, "E100")
    assert f"{path}:{line}: " in err and f"its title {title!r} is only punctuation, no word" in err, err


def test_title_of_only_punctuation_beside_a_doi_is_none_and_a_title_with_a_word_is_kept(tmp_path, capsys):
    import json

    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"title": "...", "doi": "10.1000/xyz", "abstract": "We fine-tune BERT on SQuAD."},
        {"title": "?!", "id": "p2"},  # an id of the user's own names no paper by itself: refused
        {"title": "\u00bfQu\u00e9?", "id": "p3"}, {"title": "(1+1)", "id": "p4"}, {"title": "\u2211", "id": "p5"}]))
    assert main(["extract", str(path), "--skip-bad"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["title"]) for r in rows] == [("doi:10.1000/xyz", ""), ("p3", "\u00bfQu\u00e9?"),
                                                     ("p4", "(1+1)"), ("p5", "\u2211")]
    assert f"{path}:2: record at line 2: its title '?!' is only punctuation" in err, err


_ATOM = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
         '<entry><id>http://arxiv.org/abs/2301.00001v1</id><published>2023-01-02T00:00:00Z</published>'
         '<title>{title}</title><summary>We fine-tune BERT on SQuAD.</summary></entry>\n</feed>\n')


@pytest.mark.parametrize("name, data, line, title", [
    ("a.s2.jsonl", '{"paperId": "abc", "title": "---", "abstract": "We fine-tune BERT on SQuAD."}\n', 1, "---"),
    ("a.openalex.jsonl", '{"id": "https://openalex.org/W1", "display_name": "?!", '
                         '"abstract_inverted_index": {"BERT": [0]}}\n', 1, "?!"),
    ("a.atom", _ATOM.format(title="\u2026"), 3, "\u2026"),
    ("a.txt", "Daily Papers\n\n...\n\nWe fine-tune BERT on SQuAD.\n\n\u2022 3 authors\n\u00b7\nMay 28, 2025\n",
     3, "..."),
    ("b.s2.jsonl", '{"paperId": "abc", "title": "\\u200b\\u00ad", "abstract": "We fine-tune BERT."}\n', 1, None),
])
def test_title_of_only_punctuation_is_no_title_from_every_reader(tmp_path, capsys, name, data, line, title):
    """Round 35 refused a title of only punctuation or invisible characters in JSON, CSV and BibTeX records; a
    Semantic Scholar, OpenAlex or arXiv record, or a Daily Papers listing, still made a paper named '---'."""
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 1
    err = _one_line_error(capsys, "E100")
    assert f"{path}:{line}: " in err, err
    assert (f"its title {title!r} is only punctuation, no word" if title else "holds no character that shows") \
        in err, err


def test_reference_title_of_only_punctuation_is_no_title(tmp_path, capsys):
    """A reference (a paper outside the corpus) titled '---' made a cited paper named '---'; now its title is
    dropped (kept by its DOI), or, with nothing else naming the paper, the reference is left out with a warning."""
    import json

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Adapters Everywhere", "abstract": "We fine-tune BERT on SQuAD.",
                                "references": [{"title": "---", "doi": "10.1000/xyz"}, {"title": "?!"},
                                               {"title": "\u200b"}, {"title": "Real Cited Work"}]}) + "\n")
    s2 = tmp_path / "b.s2.jsonl"
    s2.write_text(json.dumps({"paperId": "p1", "title": "Adapters Anywhere", "abstract": "We fine-tune BERT.",
                              "references": [{"paperId": None, "title": "..."},
                                             {"paperId": "r2", "title": "\u2026"}]}) + "\n")
    ws = tmp_path / "ws"
    assert main(["build", str(path), str(s2), "-w", str(ws), "--no-overview"]) == 0
    err = capsys.readouterr().err
    assert "reference 2: its title '?!' is only punctuation" in err and "reference 3: its title '\\u200b'" in err, err
    assert "reference 1: its title '...' is only punctuation" in err, err
    assert main(["query", "-w", str(ws), "MATCH (p:Paper) RETURN p.id, p.title ORDER BY p.id", "--format",
                 "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    titles = {row["p.title"] for row in rows}
    assert not titles & {"---", "?!", "\u200b", "...", "\u2026"}, rows
    assert "doi:10.1000/xyz" in {row["p.id"] for row in rows} and "Real Cited Work" in titles, rows


def test_reference_titles_are_cleaned_as_paper_titles_so_two_spellings_are_one_cited_paper(tmp_path, capsys):
    """A reference's title went into the graph as written: 'Sparse Graphs &amp; Dense   Kernels' and 'Sparse
    Graphs & Dense Kernels' were two cited papers, and a title of markup alone (``\\cite{x}``) a paper named so;
    now it is cleaned as a paper's title is (whitespace, tags, character references, LaTeX commands)."""
    import json

    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in (
        {"title": "Adapters Everywhere", "abstract": "We fine-tune BERT on SQuAD.",
         "references": [{"title": "Sparse Graphs &amp; Dense   Kernels for\n\\textbf{Learning}"},
                        {"title": "\\cite{x}"}, {"title": "<i></i>", "doi": "10.1000/xyz"}]},
        {"title": "Adapters Anywhere", "abstract": "We fine-tune BERT.",
         "references": ["Sparse Graphs & Dense Kernels for <i>Learning</i>"]})))
    s2 = tmp_path / "b.s2.jsonl"
    s2.write_text(json.dumps({"paperId": "p1", "title": "Adapters Somewhere", "abstract": "We fine-tune BERT.",
                              "references": [{"paperId": None, "title": " Sparse Graphs &#38; Dense Kernels for "
                                                                        "Learning"}]}) + "\n")
    ws = tmp_path / "ws"
    assert main(["build", str(path), str(s2), "-w", str(ws), "--no-overview"]) == 0
    err = capsys.readouterr().err
    assert (f"warning: [E100] {path}:1: record at line 1: reference 2: its title '\\\\cite{{x}}' is empty once its "
            "markup is dropped, and nothing else names the paper it cites; the reference was left out") in err, err
    assert "reference 3: its title '<i></i>' is empty once its markup is dropped; the reference was kept" in err, err
    assert main(["query", "-w", str(ws), "MATCH (p:Paper) WHERE p.external RETURN p.id, p.title ORDER BY p.id",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["p.title"] for row in rows if row["p.id"].startswith("title:")] == [
        "Sparse Graphs & Dense Kernels for Learning"], rows
    assert {row["p.id"]: row["p.title"] for row in rows}["doi:10.1000/xyz"] in (None, ""), rows


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder of a read-only file system (a tmpfs mounted read-only: a root user writes any folder it may not)."""
    import os
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                                           capture_output=True).returncode:
        pytest.skip("needs root to mount a read-only tmpfs")
    return folder


@pytest.mark.parametrize(("argv", "name", "old"), [
    (["viz", "--focus", "LoRA", "-o"], "page.html", "file"),
    (["export", "--format", "json"], "g.json", "output"),
    (["export", "--format", "neo4j-csv"], "csv", "output"),
])
def test_an_output_that_cannot_be_written_is_said_one_way_by_every_writer(built, tmp_path, capsys, argv, name, old):
    """A page said "cannot write ro/page.html: its folder is read-only; choose another place (the old file, if any,
    is unchanged)", an export "cannot write to ro/g.json: Read-only file system; choose a writable output folder",
    and the Spark job a third way: one failure, one wording (``fsutil.output_error``)."""
    import subprocess

    folder = _read_only_folder(tmp_path)
    try:
        assert main([*argv[:1], "-w", str(built), *argv[1:], str(folder / name)]) == 1
        assert _one_line_error(capsys, "E700").endswith(
            f"cannot write {folder / name}: its folder is read-only; choose another place (the old {old}, if any, is "
            "unchanged)")
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)

