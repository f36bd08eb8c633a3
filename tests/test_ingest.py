"""Tests for the core readers (graphbuild/ingest: daily, json_csv, bibtex, fields) and format detection."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graphbuild.errors import InputError, UsageError
from graphbuild.ingest import detect_format, read_file, read_papers
from graphbuild.ingest.fields import parse_date, split_authors
from graphbuild.records import Paper, PaperRef, title_id

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _items(path: Path, format: str | None = None) -> list[Paper | InputError]:
    return list(read_file(path, format))


def _papers(path: Path, format: str | None = None) -> list[Paper]:
    items = _items(path, format)
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return items  # type: ignore[return-value]


def _errors(items: list[Paper | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def _crlf_bom_copy(src: Path, dest: Path) -> Path:
    """The same file with CRLF line ends and a UTF-8 byte-order mark."""
    data = src.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    dest.write_bytes(b"\xef\xbb\xbf" + data)
    return dest


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _summary(papers: list[Paper]) -> list[tuple]:
    return [(p.title, p.abstract, p.authors, p.n_authors, p.year, p.date, p.doi, p.arxiv_id) for p in papers]


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("value, expected", [
    ("2023", (None, 2023)),
    (2023, (None, 2023)),
    ("2023-05-01", ("2023-05-01", 2023)),
    ("2023-05-01T12:00:00Z", ("2023-05-01", 2023)),
    ("May 1, 2023", ("2023-05-01", 2023)),
    ("Sept 9, 2021", ("2021-09-09", 2021)),
    ("1 May 2023", ("2023-05-01", 2023)),
    ("May 2023", ("2023-05", 2023)),  # the month kept, in ISO 8601's reduced precision
    ("2023-05", ("2023-05", 2023)),
    (2023.0, (None, 2023)),
    ("2021a", (None, 2021)),  # author-year styles' second paper of a year: the whole BibTeX entry was refused
    ("in press", (None, None)),  # words for "not dated yet": the paper, undated, not an error
    ("Forthcoming", (None, None)),
    ("n.d.", (None, None)),
])
def test_readers_parse_date_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["soon", "Feb 30, 2024", "2023-13-01", "99", True, "2021ab", "20212"])
def test_readers_parse_date_rejects_nonsense(value):
    with pytest.raises(ValueError, match="cannot read date"):
        parse_date(value)


def test_readers_split_authors_forms():
    assert split_authors("A Turing and G Hopper") == ("A Turing", "G Hopper")
    assert split_authors("A Turing, G Hopper") == ("A Turing", "G Hopper")
    assert split_authors("Turing, Alan; Hopper, Grace") == ("Alan Turing", "Grace Hopper")
    assert split_authors([{"name": "Ada"}, "Bob", {"given": "C", "family": "D"}]) == ("Ada", "Bob", "C D")
    assert split_authors("Ada and others") == ("Ada",)
    assert split_authors("van der Berg, Anna and Knuth, Donald") == ("Anna van der Berg", "Donald Knuth")
    assert split_authors("A One, B Two; C Three", commas=False) == ("A One", "B Two", "C Three")
    assert split_authors(None) == ()
    # names a BibTeX list gave whole: a corporate name's comma is kept
    assert split_authors(["Barnes and Noble, Inc.", "Jan van der Berg Jr.", "others"], whole=True) == (
        "Barnes and Noble, Inc.", "Jan van der Berg Jr.")


# --------------------------------------------------------------------------- daily


DAILY_EXPECTED = [
    ("Sparse Routers for Tiny Mixture-of-Experts Models",
     "We study routing in small mixture-of-experts language models. Routers trained with a "
     "load-balancing loss collapse less often. Our experiments on WikiText-103 show a 3% perplexity "
     "gain — even for Zürich-scale data.", (), 3, 2024, "2024-02-11", None, None),
    ("Graph Sketches for Citation Networks",
     "Citation graphs are large; we compress them with sketches that keep neighbourhoods.",
     (), 1, 2023, "2023-01-05", None, None),
    ("A Paper Without an Authors Line", "We measure things without counting authors.",
     (), None, 2022, "2022-09-30", None, None),
]


def test_readers_daily_fields_exact():
    path = FIXTURES / "daily_small.txt"
    papers = _papers(path)
    assert _summary(papers) == DAILY_EXPECTED
    assert [p.source for p in papers] == [f"{path}:13", f"{path}:23", f"{path}:30"]
    assert not any(p.external for p in papers)


def test_readers_daily_crlf_and_bom(tmp_path):
    path = _crlf_bom_copy(FIXTURES / "daily_small.txt", tmp_path / "daily.txt")
    papers = _papers(path)
    assert _summary(papers) == DAILY_EXPECTED
    assert papers[0].source == f"{path}:13"


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_readers_daily_a_byte_order_mark_opening_a_line_inside_is_dropped(tmp_path, end):
    # two listings joined leave the second's mark inside: "\ufeff  • 3 authors" was no authors line, and the
    # paper was refused for want of a date line after one (JSON Lines and CSV drop it: read_lines)
    lines = (FIXTURES / "daily_small.txt").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "3 authors" in line)
    lines[at] = "\ufeff" + lines[at]
    path = tmp_path / "daily.txt"
    path.write_bytes(end.join(lines).encode("utf-8"))
    papers = _papers(path)
    assert _summary(papers) == DAILY_EXPECTED and papers[0].source == f"{path}:13"


@pytest.mark.parametrize("change", ["no_blank_lines", "double_blank_lines", "trailing_spaces"])
def test_readers_daily_layout_variations(tmp_path, change):
    lines = (FIXTURES / "daily_small.txt").read_text(encoding="utf-8").split("\n")
    if change == "no_blank_lines":
        lines = [s for s in lines if s.strip()]
    elif change == "double_blank_lines":
        lines = [x for s in lines for x in ([s, ""] if not s.strip() else [s])]
    else:
        lines = [s + " \t " for s in lines]
    papers = _papers(_write(tmp_path / "daily.txt", "\n".join(lines)), "daily")
    assert _summary(papers) == DAILY_EXPECTED


def test_readers_daily_bad_records_named_and_reading_goes_on(tmp_path):
    path = _write(tmp_path / "bad.txt", (
        "A Title With No Abstract\n\n  • 2 authors\n·\nMay 1, 2024\n\n"   # lines 1-5
        "Missing Its Date\n\nSome abstract text.\n\n  • 4 authors\n·\n\n"  # lines 7-12
        "Good Paper\n\nIts abstract.\n\n  • 1 author\n·\nJun 2, 2024 7\n"  # lines 14-20
    ))
    items = _items(path, "daily")
    errors = _errors(items)
    assert [(e.path, e.line) for e in errors] == [(str(path), 1), (str(path), 7)]
    assert "no abstract" in errors[0].message
    assert "no date line" in errors[1].message
    good = [i for i in items if isinstance(i, Paper)]
    assert [(p.title, p.abstract, p.n_authors, p.date) for p in good] == [
        ("Good Paper", "Its abstract.", 1, "2024-06-02")]


def test_readers_daily_truncated_listing_reports_last_title(tmp_path):
    path = _write(tmp_path / "cut.txt",
                  "One\n\nAbstract one.\n\n • 1 author\n·\nMay 1, 2024\n\nTwo\n\nAbstract two.\n")
    items = _items(path)
    assert isinstance(items[0], Paper)
    assert isinstance(items[1], InputError) and items[1].line == 9 and "cut off" in items[1].message


def test_readers_daily_empty_file_yields_nothing(tmp_path):
    assert _items(_write(tmp_path / "empty.txt", ""), "daily") == []
    assert _items(_write(tmp_path / "blank.txt", "\n  \n"), "daily") == []


def test_readers_daily_content_without_records_raises(tmp_path):
    path = _write(tmp_path / "notes.txt", "just some notes\nabout nothing\n")
    with pytest.raises(InputError, match="no paper records") as info:
        _items(path, "daily")
    assert info.value.path == str(path)


def test_readers_not_utf8_names_line_and_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\n\nCaf\u00e9 abstract\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        _items(path, "daily")
    assert info.value.line == 3
    assert "not UTF-8" in info.value.message and "byte offset 10" in info.value.message


@pytest.mark.shared
def test_readers_daily_shared_sample(shared_dir):
    path = shared_dir / "eval" / "dev" / "daily_papers_dev.txt"
    gold = [json.loads(line) for line in (shared_dir / "eval" / "dev" / "gold_entities_dev.jsonl")
            .read_text(encoding="utf-8").splitlines() if line.strip()]
    assert detect_format(path) == "daily"
    result = read_papers([path])
    assert result.skipped == [] and len(result.papers) == 20
    assert [p.title for p in result.papers] == [g["title"] for g in gold]
    # gold dates are copied from the listing and may carry the upvote count after the year
    assert [p.date for p in result.papers] == [parse_date(re.sub(r"(\d{4}) \d+$", r"\1", g["date"]))[0]
                                               for g in gold]
    assert [p.n_authors for p in result.papers] == [5, 3, 6, 3, 2, 3, 5, 4, 11, 4, 11, 25, 4, 2, 3, 6, 4,
                                                    2, 4, 6]
    assert all(len(p.abstract) > 200 and "\n" not in p.abstract for p in result.papers)


# --------------------------------------------------------------------------- json


JSON_EXPECTED = [
    Paper(title="Sparse Routers for Tiny Mixture-of-Experts Models",
          abstract="We study routing in small mixture-of-experts language models.",
          authors=("Ada Byron", "Alan Mathison", "Grace Brewster"), n_authors=3, year=2024, venue="ICML",
          url="https://example.org/routers", ids=(("id", "p-routers"),),
          references=(PaperRef(doi="10.1000/sketch.2023"),
                      PaperRef(title="A Benchmark Nobody Has Read Yet", year=2019))),
    Paper(title="Graph Sketches for Citation Networks", authors=("Edsger Wybe",), n_authors=1, year=2023,
          date="2023-01-05", doi="10.1000/sketch.2023", arxiv_id="2301.01234"),
    Paper(title="Counting Without Authors", authors=("Barbara Liskov", "John Backus"), n_authors=2,
          year=2022, date="2022-09-30"),
]


def _without_source(papers: list[Paper]) -> list[dict]:
    return [{k: v for k, v in p.to_dict().items() if k != "source"} for p in papers]


def test_readers_json_fields_exact():
    path = FIXTURES / "papers.json"
    papers = _papers(path)
    assert _without_source(papers) == _without_source(JSON_EXPECTED)
    assert [p.id for p in papers] == ["p-routers", "doi:10.1000/sketch.2023", title_id("Counting Without Authors")]
    assert [p.source for p in papers] == [f"{path}:2", f"{path}:12", f"{path}:19"]


def test_readers_json_papers_object_and_crlf_bom(tmp_path):
    records = json.loads((FIXTURES / "papers.json").read_text(encoding="utf-8"))
    path = tmp_path / "wrapped.json"
    path.write_text(json.dumps({"source": "test", "papers": records}, indent=1), encoding="utf-8")
    path = _crlf_bom_copy(path, tmp_path / "wrapped-crlf.json")
    papers = _papers(path)
    assert _without_source(papers) == _without_source(JSON_EXPECTED)
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    for paper in papers:  # each source line is where that object opens
        line = int(paper.source.rsplit(":", 1)[1])
        assert text[line - 1].strip() == "{" and paper.title.split()[0] in "\n".join(text[line:line + 4])


def test_readers_json_csl_export_keeps_year_and_venue(tmp_path):
    """CSL JSON (Zotero's and Mendeley's JSON export) dates a paper in ``issued`` and names its venue
    ``container-title``: both read, not dropped as unknown fields."""
    record = {"id": "http://zotero.org/users/1/items/ABC", "type": "article-journal", "title": "CSLNet",
              "container-title": "Journal of Styles", "abstract": "We propose CSLNet.", "DOI": "10.1000/csl",
              "author": [{"family": "M\u00fcller", "given": "Anna"}], "issued": {"date-parts": [[2022, 3, 14]]}}
    month = {**record, "DOI": "10.1000/csl2", "issued": {"date-parts": [["2021", "6"]]}}
    path = _write(tmp_path / "csl.json", json.dumps([record, month]))
    papers = _papers(path)
    assert [(p.year, p.date, p.venue, p.authors) for p in papers] == [
        (2022, "2022-03-14", "Journal of Styles", ("Anna M\u00fcller",)),
        (2021, "2021-06", "Journal of Styles", ("Anna M\u00fcller",))]
    bad = _write(tmp_path / "bad.json", json.dumps([{**record, "issued": {"date-parts": [["soon"]]}}]))
    (error,) = _errors(_items(bad, "json"))
    assert error.line == 1 and "'soon'" in error.message


def test_readers_json_syntax_error_names_line(tmp_path):
    path = _write(tmp_path / "broken.json", '[\n  {"title": "A"},\n  {"title": "B",}\n]\n')
    with pytest.raises(InputError, match="invalid JSON") as info:
        _items(path, "json")
    assert (info.value.path, info.value.line) == (str(path), 3)


def test_readers_json_bad_records_named_and_reading_goes_on(tmp_path):
    path = _write(tmp_path / "bad.json", json.dumps([
        {"abstract": "no title"},
        {"title": "Bad Date", "date": "someday"},
        "not an object",
        {"title": "Bad Authors", "authors": 7},
        {"title": "Fine", "year": "2020"},
    ], indent=2))
    items = _items(path, "json")
    errors = _errors(items)
    assert [e.line for e in errors] == [2, 5, 9, 10]
    assert "no title, doi or arxiv_id" in errors[0].message
    assert "cannot read date 'someday'" in errors[1].message
    assert "not an object" in errors[2].message
    assert "authors" in errors[3].message
    assert [p.title for p in items if isinstance(p, Paper)] == ["Fine"]


def test_readers_json_empty_file_and_empty_list(tmp_path):
    assert _items(_write(tmp_path / "empty.json", ""), "json") == []
    with pytest.raises(InputError, match="no paper records"):
        _items(_write(tmp_path / "list.json", "[]"), "json")
    with pytest.raises(InputError, match="papers"):
        _items(_write(tmp_path / "other.json", '{"items": []}'), "json")


@pytest.mark.parametrize("many", [1, 1500])  # held whole, or read a record at a time (more than located.HELD)
def test_readers_json_object_holding_two_paper_lists_is_refused_not_read_in_half(tmp_path, many):
    # {"papers": [...], "data": [...]} read the "papers" list and left the "data" one out without a word
    papers = [{"id": f"a{i}", "title": f"Paper A{i}"} for i in range(many)]
    path = _write(tmp_path / "two.json", "{\n" + json.dumps({"papers": papers})[1:-1] + ",\n"
                  + '"data": [{"id": "b", "title": "Paper B"}]\n}\n')
    with pytest.raises(InputError, match=r"two\.json:1: the object holds a 'data' list beside its 'papers' list"):
        _items(path, "json")


# --------------------------------------------------------------------------- jsonl


def test_readers_jsonl_fields_exact():
    path = FIXTURES / "papers.jsonl"
    papers = _papers(path)
    assert _without_source(papers) == _without_source([
        Paper(title="Sparse Routers for Tiny Mixture-of-Experts Models", authors=("Ada Byron", "Alan Mathison"),
              n_authors=2, year=2024, ids=(("id", "p-routers"),)),
        Paper(title="Graph Sketches for Citation Networks", abstract="Citation graphs are large.", year=2023,
              arxiv_id="2301.01234", references=(PaperRef(doi="10.1000/other"),)),
        Paper(title="", doi="10.1000/no-title", year=2021, date="2021-07"),  # "2021-07": the month kept
    ])
    assert [p.source for p in papers] == [f"{path}:1", f"{path}:3", f"{path}:4"]


def test_readers_jsonl_bad_line_named_and_reading_goes_on(tmp_path):
    path = _write(tmp_path / "bad.jsonl", '{"title": "One"}\n{"title": "Two"\n[1, 2]\n\n{"title": "Three"}\n')
    items = _items(path, "jsonl")
    errors = _errors(items)
    assert [(e.path, e.line) for e in errors] == [(str(path), 2), (str(path), 3)]
    assert "invalid JSON" in errors[0].message and "column" in errors[0].message
    assert [p.title for p in items if isinstance(p, Paper)] == ["One", "Three"]
    assert [p.source for p in items if isinstance(p, Paper)] == [f"{path}:1", f"{path}:5"]


def test_readers_html_and_jats_markup_dropped(tmp_path):
    # as Crossref and OpenAlex deliver abstracts, and as publishers' CSV exports carry titles
    record = {"title": "<i>RetiNet</i>: Screening &amp; Grading of Retinopathy",
              "abstract": "<jats:title>Abstract</jats:title><jats:p>We train <jats:italic>RetiNet</jats:italic> "
                          "on H<sub>2</sub>O-free images from EyePACS.</jats:p><jats:p>It needs x &lt; 3 and "
                          "a <b, c> pair.</jats:p>"}
    path = _write(tmp_path / "crossref.jsonl", json.dumps(record) + "\n")
    (paper,) = _papers(path)
    assert paper.title == "RetiNet: Screening & Grading of Retinopathy"
    assert paper.abstract == ("Abstract We train RetiNet on H2O-free images from EyePACS. "
                              "It needs x < 3 and a <b, c> pair.")


def test_readers_bibtex_case_braces_left_in_json_and_csv_titles_are_dropped(tmp_path):
    """A reference manager's JSON or CSV export keeps a title's BibTeX case protection as it was typed: the paper
    was titled "{BERT}: …", its title name had the braces (as did the extraction's evidence), and ``related
    --format bibtex`` wrote ``\\{BERT\\}``. The braces are dropped as the BibTeX reader drops them; a set
    (``{0,1}``), a command's or a script's braces and escaped braces stay."""
    record = {"title": "{{BERT}}: Pre-training of Deep {B}idirectional Transformers",
              "references": [{"title": "{RoBERTa}: A Robustly Optimized {BERT} Pretraining Approach"}]}
    (paper,) = _papers(_write(tmp_path / "zotero.jsonl", json.dumps(record) + "\n"))
    assert paper.title == "BERT: Pre-training of Deep Bidirectional Transformers"
    assert [r.title for r in paper.references] == ["RoBERTa: A Robustly Optimized BERT Pretraining Approach"]
    kept = r"Learning {0,1} codes for $\mathcal{L}_{2}$ and \{x\}"
    rows = f'title,abstract\n"{{GAN}}s for {{3D}} Py{{T}}orch scenes",x\n"{kept}",y\n'
    assert [p.title for p in _papers(_write(tmp_path / "scopus.csv", rows))] == [
        "GANs for 3D PyTorch scenes", kept]


def test_readers_jsonl_crlf_bom_and_empty(tmp_path):
    path = _crlf_bom_copy(FIXTURES / "papers.jsonl", tmp_path / "crlf.jsonl")
    assert [p.title for p in _papers(path)][:2] == ["Sparse Routers for Tiny Mixture-of-Experts Models",
                                                    "Graph Sketches for Citation Networks"]
    assert _items(_write(tmp_path / "empty.jsonl", "\n\n"), "jsonl") == []


# --------------------------------------------------------------------------- csv


CSV_EXPECTED = [
    Paper(title="Sparse Routers for Tiny Mixture-of-Experts Models",
          abstract='We study routing in small models, with "quotes".', authors=("Ada Byron", "Alan Mathison"),
          n_authors=2, year=2024, venue="ICML",
          references=(PaperRef(doi="10.1000/sketch.2023"), PaperRef(arxiv_id="2301.01234"))),
    Paper(title="Graph Sketches for Citation Networks", abstract="Citation graphs are large.",
          authors=("Edsger Wybe", "Tony Hoare"), n_authors=2, year=2023, doi="10.1000/sketch.2023"),
]


def test_readers_csv_fields_exact_with_multiline_quotes():
    path = FIXTURES / "papers.csv"  # CRLF line ends, a quoted abstract over two lines
    papers = _papers(path)
    assert _without_source(papers) == _without_source(CSV_EXPECTED)
    assert [p.source for p in papers] == [f"{path}:2", f"{path}:4"]


@pytest.mark.parametrize("delimiter, name", [(";", "semi.csv"), ("\t", "tabs.tsv")])
def test_readers_csv_other_dialects_and_bom(tmp_path, delimiter, name):
    rows = [["TITLE", "year", "Authors", "abstract"],
            ["Semicolons; Everywhere, Really", "2021", "A One and B Two", "Line one\nline two"],
            ["Second", "2022", "C Three", "Short."]]
    text = "\n".join(delimiter.join(f'"{c}"' if ("\n" in c or delimiter in c) else c for c in row)
                     for row in rows) + "\n"
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert detect_format(path) == "csv"
    papers = _papers(path)
    assert [(p.title, p.year, p.authors, p.abstract) for p in papers] == [
        ("Semicolons; Everywhere, Really", 2021, ("A One", "B Two"), "Line one line two"),
        ("Second", 2022, ("C Three",), "Short."),
    ]
    assert [p.source for p in papers] == [f"{path}:2", f"{path}:4"]


def test_readers_csv_header_without_title_raises(tmp_path):
    path = _write(tmp_path / "nohead.csv", "name,year\nA,2020\n")
    with pytest.raises(InputError, match="no 'title' column") as info:
        _items(path, "csv")
    assert info.value.line == 1


def test_readers_csv_header_without_title_is_shown_short(tmp_path):
    # a JSON file read with --format csv printed its whole first line, abstracts and all, as the "header"
    record = {"paperId": "a1", "abstract": "We propose " + "a long abstract, " * 400, "year": 2021}
    path = _write(tmp_path / "s2.json", json.dumps([record]) + "\n")
    with pytest.raises(InputError) as info:
        _items(path, "csv")
    message = info.value.message
    assert len(message) < 500 and "no 'title' column" in message and "starts like JSON" in message
    wide = _write(tmp_path / "wide.csv", ",".join(f"col{i}" for i in range(30)) + "\n" + ",".join("x" * 30) + "\n")
    with pytest.raises(InputError, match=r"found: col0, col1, .*col11, … \(30 columns\)\); add a header"):
        _items(wide, "csv")


def test_readers_csv_header_naming_a_field_twice_raises(tmp_path):
    """Two columns for one field (``Title`` and ``title``): one line naming both, not the second column silently."""
    path = _write(tmp_path / "twice.csv", "Title,year,title,,\nA,2020,B,,\n")
    with pytest.raises(InputError, match=r"names one field twice \('Title' and 'title', columns 1 and 3\)") as info:
        _items(path, "csv")
    assert info.value.line == 1


def test_readers_csv_bad_rows_named_by_starting_line(tmp_path):
    path = _write(tmp_path / "bad.csv", (
        'title,abstract,year\n'
        'Good,"multi\nline",2020\n'      # lines 2-3
        'Too Many,x,2020,extra\n'         # line 4
        'Bad Year,"spans\ntwo lines",20x\n'  # lines 5-6
        'Also Good,y,2021\n'              # line 7
        'Open Quote,"never closed,2022\n'  # line 8
    ))
    items = _items(path, "csv")
    errors = _errors(items)
    assert [e.line for e in errors] == [4, 5, 8]
    assert "fields but the header has 3" in errors[0].message
    assert "20x" in errors[1].message
    assert "quoting" in errors[2].message
    assert [p.title for p in items if isinstance(p, Paper)] == ["Good", "Also Good"]


def test_readers_csv_reference_manager_columns(tmp_path):
    """Zotero's CSV export names the abstract "Abstract Note", the venue "Publication Title" and the year
    "Publication Year" (Scopus: "Source title"): read as those fields, not passed over as unknown columns."""
    head = '"Key","Item Type","Publication Year","Author","Title","Publication Title","DOI","Abstract Note","Date"'
    row = ('"AB12CD34","journalArticle","2017","Turing, Alan; Hopper, Grace","Attention Over Tapes","Machine Minds",'
           '"10.1000/tapes","We propose TapeNet. On ImageNet it beats ResNet-50.","2017-06-12"')
    path = tmp_path / "zotero.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{head}\r\n{row}\r\n".encode())
    (paper,) = _papers(path)
    assert (paper.title, paper.abstract, paper.venue, paper.year, paper.date, paper.authors) == (
        "Attention Over Tapes", "We propose TapeNet. On ImageNet it beats ResNet-50.", "Machine Minds", 2017,
        "2017-06-12", ("Alan Turing", "Grace Hopper"))
    scopus = _write(tmp_path / "scopus.csv", 'Authors,Title,Year,Source title,Abstract\n"A One",T,2020,Venue X,Text.\n')
    assert [(p.venue, p.abstract) for p in _papers(scopus)] == [("Venue X", "Text.")]


def test_readers_a_surname_of_several_words_written_first_is_one_author(tmp_path):
    """Zotero's CSV writes every author surname first: "García Márquez, Gabriel" (a surname of two capitalised
    words) was two authors, "García Márquez" and "Gabriel", as was "Ó Briain, Dara" in a JSON list ("Van Gool,
    Luc" in the shared related-work set). Two names after a comma, and Scopus's "Smith J., Jones K.", stay two."""
    head = '"Key","Item Type","Publication Year","Author","Title"'
    row = '"AB12","journalArticle","2017","García Márquez, Gabriel; Dos Santos, C. N.; Turing, Alan","Tapes"'
    (paper,) = _papers(_write(tmp_path / "zotero.csv", f"{head}\n{row}\n"))
    assert paper.authors == ("Gabriel García Márquez", "C. N. Dos Santos", "Alan Turing")
    record = {"title": "Tapes", "authors": ["Ó Briain, Dara", "De Silva, Ann M.", "Ann Smith, Bob Jones"]}
    (paper,) = _papers(_write(tmp_path / "list.jsonl", json.dumps(record) + "\n"))
    assert paper.authors == ("Dara Ó Briain", "Ann M. De Silva", "Ann Smith", "Bob Jones")
    scopus = _write(tmp_path / "scopus.csv", 'Authors,Title\n"Smith J., García Márquez G.",T\n')
    assert [p.authors for p in _papers(scopus)] == [("Smith J.", "García Márquez G.")]
    # one name as a string (it was "Turing" and "Alan"); a list in one string stays split at its commas
    assert split_authors("Turing, Alan") == ("Alan Turing",)
    assert split_authors("García Márquez, G.") == ("G. García Márquez",)
    assert split_authors("Ada, Bob Jones") == ("Ada", "Bob Jones")


def test_readers_csv_empty_and_header_only(tmp_path):
    assert _items(_write(tmp_path / "empty.csv", ""), "csv") == []
    with pytest.raises(InputError, match="not followed by any rows"):
        _items(_write(tmp_path / "head.csv", "title,year\n"), "csv")


# --------------------------------------------------------------------------- bibtex


BIB_EXPECTED = [
    Paper(title="Sparse Routers for Tiny Mixture-of-Experts Models",
          abstract="Routers trained with a load-balancing loss collapse less often.",
          authors=("Ada Byron", "Alan Mathison", "Grace Brewster"), n_authors=3, year=2024,
          venue="Journal of Small Models & Friends", doi="10.1000/routers.2024"),
    Paper(title="Graph Sketches for Citation Networks", authors=("Edsger Wybe", "Jörg Müller"), n_authors=2,
          year=2023, venue="Proceedings of the Workshop on Graphs", arxiv_id="2301.01234",
          url="https://example.org/sketch"),
    Paper(title="Counting Without Authors", year=2021),
]


def test_readers_bibtex_fields_exact_and_failed_block_line():
    path = FIXTURES / "papers.bib"
    items = _items(path)
    errors = _errors(items)
    assert [(e.path, e.line) for e in errors] == [(str(path), 21)]
    assert "braces" in errors[0].message
    papers = [i for i in items if isinstance(i, Paper)]
    assert _without_source(papers) == _without_source(BIB_EXPECTED)
    assert [p.source for p in papers] == [f"{path}:2", f"{path}:11", f"{path}:25"]


def test_readers_bibtex_crlf_and_bom(tmp_path):
    path = _crlf_bom_copy(FIXTURES / "papers.bib", tmp_path / "crlf.bib")
    items = _items(path)
    assert [e.line for e in _errors(items)] == [21]
    assert _without_source([i for i in items if isinstance(i, Paper)]) == _without_source(BIB_EXPECTED)


def test_readers_bibtex_entry_problems(tmp_path):
    path = _write(tmp_path / "odd.bib", (
        "@misc{notitle,\n  year = {2020}\n}\n"
        "@misc{dup, title = {One}}\n"
        "@misc{dup, title = {Two}}\n"
        "@article{arx, title = {Arxiv In Journal}, journal = {arXiv preprint arXiv:2101.00001}, year = 2021}\n"
    ))
    items = _items(path, "bibtex")
    errors = _errors(items)
    assert [e.line for e in errors] == [1, 5]
    assert "'notitle'" in errors[0].message and "no title" in errors[0].message
    assert "dup" in errors[1].message
    papers = [i for i in items if isinstance(i, Paper)]
    assert [(p.title, p.arxiv_id) for p in papers] == [("One", None), ("Arxiv In Journal", "2101.00001")]


BIB_MACROS = """@string{nips = "Advances in Neural Information Processing Systems"}
@string{pre = "Deep "}
@inproceedings{a1,
  title = pre # "Residual Learning",
  booktitle = nips,
  author = {He, Kaiming and Zhang, Xiangyu},
  year = 2016, month = jun,
  abstract = {We present ResNet.}
}
"""


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_readers_bibtex_string_macros_and_concatenation(tmp_path, tail):
    papers = _papers(_write(tmp_path / "t.bib", BIB_MACROS + tail), "bibtex")
    assert [(p.title, p.venue, p.authors, p.year, p.abstract) for p in papers[:1]] == [
        ("Deep Residual Learning", "Advances in Neural Information Processing Systems", ("Kaiming He", "Xiangyu Zhang"),
         2016, "We present ResNet.")]
    assert len(papers) == (2 if tail else 1)


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_readers_bibtex_month_without_a_day_keeps_year_and_month(tmp_path, tail):
    """``month = jun`` (a macro), ``{June}``, ``{6}`` or ``{Sept.}`` with a year and no day was dropped: the
    paper kept its year only. It is the year and month now (``2016-06``); a month no calendar names
    (``{Summer}``) leaves the year alone, with no error; a ``date`` field wins."""
    entries = "".join(f"@misc{{m{n}, title = {{Paper {n}}}, year = {year}, month = {month}}}\n"
                      for n, (year, month) in enumerate([("2016", "jun"), ("{2017}", "{June}"), ("2018", "{6}"),
                                                         ("2019", "{Sept.}"), ("2020", "{Summer}"),
                                                         ("{2021a}", "dec")]))
    entries += "@misc{d, title = {Dated}, year = 2022, month = jun, date = {2022-06-15}}\n"
    papers = _papers(_write(tmp_path / "m.bib", entries + tail), "bibtex")
    assert [(p.year, p.date) for p in papers[:7]] == [
        (2016, "2016-06"), (2017, "2017-06"), (2018, "2018-06"), (2019, "2019-09"), (2020, None),
        (2021, "2021-12"), (2022, "2022-06-15")]


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_readers_bibtex_undefined_macro_is_one_error_at_the_entry_s_line(tmp_path, tail):
    path = _write(tmp_path / "u.bib", (
        "@misc{good, title = {Good}}\n\n"
        "@inproceedings{b,\n  title = pre # \"Residual Learning\",\n  booktitle = nips}\n"
        "@string{nips = {NeurIPS}}\n"
        "@misc{after, title = {After}, booktitle = NIPS}\n" + tail))
    items = _items(path, "bibtex")
    errors = _errors(items)
    assert [(e.path, e.line) for e in errors] == [(str(path), 3)]
    assert errors[0].message == ("entry 'b' uses undefined BibTeX macros 'pre' in title, 'nips' in booktitle "
                                 "(its @string comes later, at line 6); put an @string{name = ...} for each above "
                                 "its first use")
    assert str(errors[0]).startswith(f"[E100] {path}:3: entry 'b'") and "\n" not in str(errors[0])
    # the entry is not read (as an entry with a bad field is not); the others are
    assert [(p.title, p.venue) for p in items if isinstance(p, Paper)][:2] == [("Good", None), ("After", "NeurIPS")]
    assert [p.title for p in read_papers([path], skip_bad=True).papers][:2] == ["Good", "After"]
    with pytest.raises(InputError, match=r"u\.bib:3: entry 'b' uses undefined BibTeX macros"):
        read_papers([path])


def test_readers_bibtex_empty_and_no_entries(tmp_path):
    assert _items(_write(tmp_path / "empty.bib", ""), "bibtex") == []
    with pytest.raises(InputError, match="no paper records"):
        _items(_write(tmp_path / "comments.bib", "% only a comment\n"), "bibtex")


# --------------------------------------------------------------------------- detection and read_papers


@pytest.mark.parametrize("fixture, expected", [
    ("daily_small.txt", "daily"), ("papers.json", "json"), ("papers.jsonl", "jsonl"),
    ("papers.csv", "csv"), ("papers.bib", "bibtex"),
])
def test_readers_detect_format_by_content(tmp_path, fixture, expected):
    path = tmp_path / "input.dat"
    shutil.copy(FIXTURES / fixture, path)
    assert detect_format(path) == expected


@pytest.mark.parametrize("name, text, expected", [
    ("listing.txt", "Title\n\nAbstract.\n\nMay 1, 2024\n", "daily"),  # no "N authors" line to sniff
    ("refs.bib", "@comment{nothing to see}\n", "bibtex"),
    ("rows.csv", "name,year\n", "csv"),
    ("one.jsonl", "{\"title\": \"x\"\n", "jsonl"),
    ("broken.json", "[{\"title\": \"x\"\n", "json"),
])
def test_readers_detect_format_by_extension(tmp_path, name, text, expected):
    assert detect_format(_write(tmp_path / name, text)) == expected


def test_readers_read_papers_skip_bad_counts(tmp_path):
    jsonl = _write(tmp_path / "a.jsonl", '{"title": "One"}\nnot json\n{"title": "Two"}\n')
    paths = [FIXTURES / "papers.bib", jsonl]
    result = read_papers(paths, skip_bad=True)
    assert result.files == 2
    assert len(result.papers) == 5
    assert [(e.path, e.line) for e in result.skipped] == [(str(FIXTURES / "papers.bib"), 21), (str(jsonl), 2)]
    with pytest.raises(InputError) as info:
        read_papers(paths)
    assert info.value.line == 21


def test_readers_read_papers_expands_directories():
    result = read_papers([FIXTURES], skip_bad=True)
    assert result.files == 5
    assert len(result.papers) == 3 + 3 + 2 + 3 + 3


def test_readers_format_named_in_any_case(tmp_path):
    # `graphbuild build s2.json --format S2` stopped with "unknown format 'S2'"
    path = _write(tmp_path / "s2.json", json.dumps([{"paperId": "abc", "title": "T", "abstract": "A."}]))
    assert [p.title for p in _papers(path, "S2")] == [p.title for p in _papers(path, " s2 ")] == ["T"]
    with pytest.raises(InputError, match="unknown format 'XYZ'; choose one of arxiv, bibtex"):
        _items(path, "XYZ")


@pytest.mark.parametrize("forced", ["json", "jsonl", "JSON"])
def test_readers_generic_format_forced_on_a_service_s_records_keeps_their_ids(tmp_path, forced):
    """`--format json` on a Semantic Scholar answer (or OpenAlex works) read them with the generic JSON
    reader, which knows no ``paperId``/``externalIds``: the paper lost its DOI, arXiv id and S2 id and was
    keyed by its title. A file whose content a format written in JSON claims is read by that format."""
    s2 = {"paperId": "f00d", "externalIds": {"DOI": "10.5555/tide.7", "ArXiv": "2107.01234"},
          "title": "Tidal Attention for Flood Forecasting", "abstract": "We propose TideFormer.", "year": 2021}
    openalex = {"id": "https://openalex.org/W42", "doi": "https://doi.org/10.5555/other.8",
                "title": "Another Flood Paper", "publication_year": 2022, "referenced_works": []}
    for name, record in (("answer.json", {"data": [s2]}), ("works.json", [openalex])):
        path = _write(tmp_path / name, json.dumps(record))
        assert [(p.id, p.ids) for p in _papers(path, forced)] == [(p.id, p.ids) for p in _papers(path)]
    (paper,) = _papers(tmp_path / "answer.json", forced)
    assert (paper.doi, paper.arxiv_id, paper.ids) == ("10.5555/tide.7", "2107.01234", (("s2", "f00d"),))
    plain = _write(tmp_path / "plain.json", json.dumps([{"title": "T", "doi": "10.5555/p"}]))
    assert [p.id for p in _papers(plain, "json")] == ["doi:10.5555/p"]  # a plain file: the generic reader


def test_readers_daily_unknown_header_lines_are_not_a_title(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(
        "My reading list\n\nCollected in spring\n\n"
        "Tiny Routers for Sparse Models\n\n"
        "We study routing in small sparse models. It works.\n\n"
        "  • 2 authors\n·\nMar 3, 2024\n",
        encoding="utf-8",
    )
    (paper,) = _papers(path)
    assert paper.title == "Tiny Routers for Sparse Models"
    assert paper.abstract == "We study routing in small sparse models. It works."


# -- hostile input (issue 11): one coded line, or skipped and counted with skip_bad --------------

def _write_jsonl(path: Path, *records: str) -> Path:
    path.write_text("".join(r + "\n" for r in records), encoding="utf-8")
    return path


GOOD = '{"id": "g1", "title": "A good paper on BERT", "abstract": "We use BERT."}'


@pytest.mark.parametrize("name, text", [
    ("deep.json", "[" * 100_000 + "]" * 100_000),
    ("deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("deep-s2.json", '{"data": ' + "[" * 100_000 + "]" * 100_000 + "}"),
])
def test_ingest_deeply_nested_json_is_an_input_error(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply") as info:
        read_papers([path])
    assert str(info.value).startswith(f"[E100] {path}")


def test_ingest_deeply_nested_jsonl_line_is_skipped_and_counted(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", GOOD, '{"title": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(InputError, match=r"a\.jsonl:2: .*nested too deeply"):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["A good paper on BERT"] and len(result.skipped) == 1


#: a record nested too deeply to decode, with a string of brackets and an escaped quote that must not be counted
DEEP = '{"title": "x", "n": ' + "[" * 100_000 + '"]\\"}{", {"a": "["}' + "]" * 100_000 + "}"


@pytest.mark.parametrize("wrap", ["[{}]", '{{"papers": [{}]}}'])
def test_ingest_deeply_nested_record_of_a_json_array_skips_only_that_record(tmp_path, wrap):
    # the whole file was skipped ("the data is nested too deeply ... the whole file was skipped"), its good
    # records with it; a JSON Lines file skipped only the line
    other = GOOD.replace("g1", "g2").replace("A good", "Another good")
    path = _write(tmp_path / "a.json", wrap.format(f"{GOOD},\n{DEEP},\n{other}"))
    with pytest.raises(InputError) as info:
        read_papers([path])
    assert str(info.value) == (f"[E100] {path}:2: record 2 at line 2 is nested too deeply to read (hundreds of "
                               "levels); it is not a paper")
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["A good paper on BERT", "Another good paper on BERT"]
    assert len(result.skipped) == 1


def test_ingest_lone_surrogate_is_a_record_error_and_skippable(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", GOOD, '{"id": "b", "title": "broken \\ud83d emoji", "abstract": "x"}')
    with pytest.raises(InputError, match=r"a\.jsonl:2: field 'title' holds an unpaired surrogate"):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert len(result.papers) == 1 and len(result.skipped) == 1
    assert "surrogate" in result.skipped_summary()[1]


def test_ingest_abstract_over_a_million_characters_is_a_record_error(tmp_path):
    long = json.dumps({"id": "long", "title": "Long one", "abstract": "word " * 200_001})
    path = _write_jsonl(tmp_path / "a.jsonl", long, GOOD)
    with pytest.raises(InputError, match=r"a\.jsonl:1: title and abstract are 1,000,0\d\d characters"):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert [p.id for p in result.papers] == ["g1"] and len(result.skipped) == 1


def test_ingest_skip_bad_skips_a_file_that_cannot_be_read(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(GOOD.encode() + b"\n" + b'{"id": "z", "title": "caf\xe9 paper"}\n')
    good = _write_jsonl(tmp_path / "good.jsonl", GOOD.replace("g1", "g2"))
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not UTF-8 text"):
        read_papers([bad, good])
    result = read_papers([bad, good], skip_bad=True)
    assert [p.id for p in result.papers] == ["g2"]  # nothing of the bad file, all of the good one
    [skipped] = result.skipped
    assert "bad.jsonl:2" in str(skipped) and "whole file was skipped" in str(skipped)


def test_ingest_records_sharing_an_id_but_not_a_title_are_reported(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl", '{"id": "x1", "title": "First title"}',
                        '{"id": "x1", "title": "Another paper altogether"}', '{"id": "x1", "title": "first  TITLE"}')
    result = read_papers([path])
    [warning] = result.warnings
    assert "a.jsonl:2" in warning and "a.jsonl:1" in warning
    assert "'Another paper altogether'" in warning and "'First title'" in warning


def test_cli_extract_skip_bad_says_how_many_it_skipped(tmp_path, capsys):
    from graphbuild.cli import main

    path = _write_jsonl(tmp_path / "a.jsonl", GOOD, '{"id": "b", "title": "bad \\ud83d"}', "not json")
    assert main(["extract", str(path), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "skipped 2 bad record(s):" in captured.err


def test_cli_build_lone_surrogate_and_long_abstract_are_one_line(tmp_path, capsys):
    from graphbuild.cli import main

    path = _write_jsonl(tmp_path / "a.jsonl", GOOD, '{"id": "b", "title": "bad \\ud83d"}',
                        json.dumps({"id": "l", "title": "Long", "abstract": "x" * 1_000_001}))
    ws = tmp_path / "ws"
    assert main(["build", str(path), "-w", str(ws), "--no-overview"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("graphbuild: error: [E100]") and "a.jsonl:2" in err
    assert not ws.exists()
    assert main(["build", str(path), "-w", str(ws), "--no-overview", "--skip-bad"]) == 0
    out = capsys.readouterr().out
    assert "read 1 papers" in out and "skipped 2 bad record(s)" in out


def test_cli_build_reports_records_sharing_an_id_but_not_a_title(tmp_path, capsys):
    from graphbuild.cli import main

    path = _write_jsonl(tmp_path / "a.jsonl", '{"id": "x1", "title": "First title", "abstract": "We use BERT."}',
                        '{"id": "x1", "title": "Another paper altogether", "abstract": "We use GLUE."}')
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    err = capsys.readouterr().err
    assert "warning: [E100] " in err and "a.jsonl:2: has the id 'x1' of " in err and "'Another paper altogether'" in err


def test_ingest_a_field_of_the_wrong_type_is_a_record_error_not_a_file_error(tmp_path):
    s2 = {"paperId": "abc", "externalIds": {}, "title": "An S2 paper"}
    path = _write_jsonl(tmp_path / "a.s2.jsonl", json.dumps({**s2, "url": 5}), json.dumps({**s2, "paperId": "d"}))
    with pytest.raises(InputError, match=r"a\.s2\.jsonl:1: field 'url' must be text, not int"):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert [p.ids for p in result.papers] == [(("s2", "d"),)] and len(result.skipped) == 1


@pytest.mark.parametrize("ref", [{"doi": 5}, {"arxiv_id": ["2106.09685"]}, {"title": {"text": "x"}}])
def test_ingest_a_reference_field_of_the_wrong_type_is_a_warning_and_the_record_kept(tmp_path, ref):
    # (it refused the record; the reference alone is left out now, as the Semantic Scholar reader does)
    path = _write_jsonl(tmp_path / "a.jsonl", json.dumps({"id": "b", "title": "Citing", "references": [ref]}), GOOD)
    result = read_papers([path])
    assert [p.id for p in result.papers] == ["b", "g1"] and result.papers[0].references == ()
    [warning] = result.record_warnings
    assert warning.startswith(f"warning: [E100] {path}:1: record at line 1: reference 1: ") \
        and warning.endswith("; the reference was left out") and not result.skipped


def test_ingest_a_folder_without_input_files_is_an_error_not_zero_papers(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4")
    good = _write_jsonl(tmp_path / "good.jsonl", GOOD)
    with pytest.raises(InputError, match=r"pdfs: is a folder without any file graphbuild reads \(\.atom, \.bib, .*"
                                         r"\.xml, each also gzipped\); name its files"):
        read_papers([folder, good])
    result = read_papers([folder, good], skip_bad=True)
    assert [p.id for p in result.papers] == ["g1"] and "pdfs" in str(result.skipped[0])


def test_ingest_an_input_named_too_long_for_the_system_is_a_file_error(tmp_path):
    long = tmp_path / ("a" * 300 + ".jsonl")  # Path.is_dir and Path.exists raised OSError: a traceback
    good = _write_jsonl(tmp_path / "good.jsonl", GOOD)
    with pytest.raises(InputError, match=r"a{300}\.jsonl: cannot read file: File name too long$"):
        read_papers([long, good])
    result = read_papers([good, long], skip_bad=True)
    assert [p.id for p in result.papers] == ["g1"] and "File name too long" in str(result.skipped[0])


def test_readers_bibtex_crossref_gives_the_volume_s_fields_and_the_volume_is_no_paper(tmp_path):
    # the layout of a DBLP export: papers point at their proceedings volume, which comes after them
    path = _write(tmp_path / "dblp.bib", (
        "@inproceedings{DBLP:conf/x/A20, author = {Ada Lovelace}, title = {First Paper},\n"
        "  crossref = {DBLP:conf/x/2020}}\n"
        "@inproceedings{DBLP:conf/x/B20, title = {Second Paper}, booktitle = {X Workshops}, year = {2019},\n"
        "  crossref = {dblp:conf/x/2020}}\n"
        "@proceedings{DBLP:conf/x/2020, title = {Proceedings of X 2020}, year = {2020}, publisher = {P}}\n"
    ))
    papers = _papers(path, "bibtex")
    assert [(p.title, p.year, p.venue, p.authors) for p in papers] == [
        ("First Paper", 2020, "Proceedings of X 2020", ("Ada Lovelace",)),
        ("Second Paper", 2019, "X Workshops", ()),  # an entry's own fields win
    ]


@pytest.mark.parametrize("authors", [[["Ada Lovelace"]], [1, 2], [{"name": ["Ada"]}]])
def test_ingest_an_author_that_is_not_a_name_is_a_record_error(tmp_path, authors):
    path = _write_jsonl(tmp_path / "a.jsonl", json.dumps({"id": "b", "title": "T", "authors": authors}), GOOD)
    with pytest.raises(InputError, match=r"a\.jsonl:1: record at line 1: author 1 must be a name"):
        read_papers([path])


# -- what real exports carry (spreadsheets, reference managers, hard-wrapped listings) ---------------

def test_readers_arxiv_id_a_spreadsheet_cut_short_is_a_record_error(tmp_path):
    # Excel reads 2106.09680 as a number and writes it back as 2106.0968: another paper's id shape
    path = _write(tmp_path / "sheet.csv", "title,arxiv_id\nCut,2106.0968\nOld,1412.6980\nNew,2106.09680\n")
    items = _items(path)
    (error,) = _errors(items)
    assert error.line == 2 and "'2106.0968'" in error.message and "trailing zero" in error.message
    assert [p.arxiv_id for p in items if isinstance(p, Paper)] == ["1412.6980", "2106.09680"]


def test_readers_csv_numbers_a_spreadsheet_wrote_as_decimals_are_read(tmp_path):
    # pandas writes a year column with gaps as 2017.0; a count column likewise
    path = _write(tmp_path / "pandas.csv", "title,year,n_authors\nA,2017.0,3.0\nB,,\nC,2017.5,\n")
    items = _items(path)
    assert [(p.year, p.n_authors) for p in items if isinstance(p, Paper)] == [(2017, 3), (None, None)]
    assert [e.line for e in _errors(items)] == [4]


@pytest.mark.parametrize("key", ["data", "results"])
def test_readers_json_object_with_a_data_or_results_list(tmp_path, key):
    path = _write(tmp_path / "wrapped.json", json.dumps({"meta": {"count": 2}, key: [
        {"title": "First"}, {"title": "Second"}]}, indent=1))
    papers = _papers(path, "json")
    assert [(p.title, _line_of(p)) for p in papers] == [("First", 6), ("Second", 9)]


def test_readers_json_papers_key_given_twice_reads_as_json_keeps_it_and_the_reader_refuses(tmp_path):
    from graphbuild.ingest.located import JsonStream, repeated_keys, stream_records

    text = '{"papers": [{"title": "Old"}],\n "papers": [{"title": "New A"},\n {"title": "New B"}]}'
    doc = stream_records("twice.json", JsonStream([text]), ("papers",), lambda obj: "papers")
    # the list json.loads keeps, with the lines of its own records
    assert [(line, r["title"]) for line, r in doc.records] == [(2, "New A"), (3, "New B")]
    assert repeated_keys(doc.value).startswith("field 'papers' is given twice")
    with pytest.raises(InputError, match=r"twice\.json:1: field 'papers' is given twice"):
        _items(_write(tmp_path / "twice.json", text), "json")  # the reader would drop "Old" without a word


def _pieces(text: str, size: int) -> Iterator[str]:
    return (text[i:i + size] for i in range(0, len(text), size))


def _streamed(text: str, size: int, pick: Callable[[dict], str | None] = lambda obj: None) -> Any:
    """The value :func:`~graphbuild.ingest.located.stream_records` reads from ``text`` in pieces of ``size``; an
    array or the picked list as (line, element) pairs.
    """
    from graphbuild.ingest.located import JsonStream, stream_records

    doc = stream_records("a.json", JsonStream(_pieces(text, size)), ("papers", "data"), pick)
    return None if doc is None else doc.value if doc.records is None else list(doc.records)


@pytest.mark.parametrize("text", [
    '[]', ' [ {"a": 1} ,\n\t2 ] ', '{}', '{"papers": [1], "papers": 2}', '{"data": 1, "data": [1, [2]]}', '"x"', '7',
    '[1,]', '[1 2]', '[1', '{"a" 1}', '{"a": 1,}', '{1: 2}', '{"a": 1 "b": 2}', '{"a": [1}', '[1] x',
    '\n\n  [{\n"a"', '[-12.5e+3, 123456789012, true, null, NaN, -Infinity, "a\\u00e9\\ud83d\\ude00b"]',
    '{"papers": [1, 2] , "x": [3]}\n', '[1.]', '[{"a": "unterminated}]', '[1]\n\n  ]', '{"a": 1} {', '[\n{"a": tru}]',
])
@pytest.mark.parametrize("size", [1, 2, 3, 5, 64])
def test_readers_json_a_stream_in_pieces_reads_as_json_loads(text, size):
    # a JSON array was read whole (a 300 MB file in some times its size); read a value at a time, in pieces of
    # any size, it gives json.loads's values and its errors, at the same line and column
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as exc:
        with pytest.raises(json.JSONDecodeError) as info:
            _streamed(text, size)
        assert (info.value.msg, info.value.lineno, info.value.colno) == (exc.msg, exc.lineno, exc.colno)
        return
    value = _streamed(text, size)
    assert (value if not isinstance(expected, list) else [v for _, v in value]) == expected
    if text == ' [ {"a": 1} ,\n\t2 ] ':  # each element's line is where it is written
        assert [line for line, _ in value] == [1, 2]
    picked = _streamed(text, size, lambda obj: "papers" if isinstance(obj.get("papers"), list) else None)
    if isinstance(expected, dict) and isinstance(expected.get("papers"), list):
        assert [v for _, v in picked] == expected["papers"]


def test_readers_json_empty_text_is_no_document():
    assert _streamed("", 3) is None and _streamed(" \n\t ", 2) is None


def _line_of(paper: Paper) -> int:
    return int((paper.source or "").rpartition(":")[2])


BIB_IDS = r"""@misc{abs, title = {Abs}, url = {https://arxiv.org/abs/2106.09685v2}}
@misc{pdf, title = {Pdf}, url = {http://arxiv.org/pdf/2106.09686v1.pdf}}
@misc{how, title = {How}, howpublished = {\url{https://arxiv.org/abs/hep-th/9901001}}}
@article{s2, title = {S2}, journal = {ArXiv}, volume = {abs/2303.08774}}
@article{corr, title = {Corr}, journal = {CoRR}, volume = {abs/1512.03385}}
@article{vol, title = {Vol}, journal = {Journal of Things}, volume = {abs/2303.08775}}
@misc{bio, title = {Bio}, eprint = {2201.00001}, archivePrefix = {bioRxiv}}
@misc{doiurl, title = {Doi url}, url = {https://doi.org/10.1038/nature14539}}
@misc{both, title = {Both}, doi = {10.1000/xyz}, url = {https://doi.org/10.1000/other}}
"""


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_readers_bibtex_identifiers_in_urls_and_volumes(tmp_path, tail):
    papers = _papers(_write(tmp_path / "ids.bib", BIB_IDS + tail), "bibtex")
    assert [(p.title, p.arxiv_id, p.doi) for p in papers[:9]] == [
        ("Abs", "2106.09685", None), ("Pdf", "2106.09686", None), ("How", "hep-th/9901001", None),
        ("S2", "2303.08774", None), ("Corr", "1512.03385", None), ("Vol", None, None), ("Bio", None, None),
        ("Doi url", None, "10.1038/nature14539"), ("Both", None, "10.1000/xyz")]


BIB_VERBATIM = r"""@misc{cifar, title = {Learning Multiple Layers of Features from Tiny Images},
  url = {http://www.cs.toronto.edu/~kriz/learning-features-2009-TR.pdf}, doi = {10.1000/a--b~c},
  abstract = {The loss $\mathcal{L} = \sum_{i} x_i^{2}$ over a set of {BERT} \emph{features}.}}
@misc{mendeley, title = {Escaped}, url = {https://github.com/some\_user/repo\_name\%20x}}
"""


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_readers_bibtex_urls_dois_and_math_are_not_mangled(tmp_path, tail):
    papers = _papers(_write(tmp_path / "v.bib", BIB_VERBATIM + tail), "bibtex")
    cifar, mendeley = papers[:2]
    assert cifar.url == "http://www.cs.toronto.edu/~kriz/learning-features-2009-TR.pdf"
    assert cifar.doi == "10.1000/a--b~c"
    assert cifar.abstract == r"The loss $\mathcal{L} = \sum_{i} x_i^{2}$ over a set of BERT features."
    assert mendeley.url == "https://github.com/some_user/repo_name%20x"
    assert [p.title for p in papers[2:]] == (["Escaped { brace"] if tail else [])


BIB_ESCAPED = r"""@misc{esc, title = {Use \textbackslash{}textbf\{Bold\} here and \textbackslash{}cite\{k\}},
  author = {Lee, Ann}, journal = {Notes on \textbackslash{}emph\{x\}},
  abstract = {Typed as \textbackslash{}\% and \{\textbackslash{}textit\{y\}\}.}}
@misc{math, title = {Scaling as $n^{12}$ and $2^{-k}$ for {BERT}}, abstract = {Sums $x^2_{i}$ by M{\"u}ller.}}
"""


def test_readers_bibtex_escaped_text_is_decoded_once_and_math_keeps_its_braces(tmp_path):
    r"""``\textbackslash{}textbf\{Bold\}`` is the text ``\textbf{Bold}``: the backslash it gives starts no
    command again (the reader decoded it twice, to ``Bold``); braces in math group a script and are kept.
    (Escaped braces send the file through bibtexparser; the next test reads math by the fast scanner.)"""
    papers = _papers(_write(tmp_path / "e.bib", BIB_ESCAPED), "bibtex")
    esc, math = papers[:2]
    assert esc.title == r"Use \textbf{Bold} here and \cite{k}"
    assert esc.venue == r"Notes on \emph{x}"
    assert esc.abstract == r"Typed as \% and {\textit{y}}."
    assert math.title == "Scaling as $n^{12}$ and $2^{-k}$ for BERT"
    assert math.abstract == "Sums $x^2_{i}$ by Müller."


def test_readers_bibtex_math_braces_on_the_fast_path(tmp_path):
    """Without escaped braces the file goes through the fast scanner: the same math, the same text."""
    papers = _papers(_write(tmp_path / "m.bib", "@misc{m, title = {Scaling as $n^{12}$ and $x^2_{i}$ for {BERT}}}\n"),
                     "bibtex")
    assert [p.title for p in papers] == ["Scaling as $n^{12}$ and $x^2_{i}$ for BERT"]


def test_readers_daily_hard_wrapped_abstract_keeps_its_title(tmp_path):
    path = _write(tmp_path / "wrapped.txt", (
        "Daily Papers\n\nRouting Tiny Experts\n\n"
        "We study routing in small mixture-of-experts models and find\n"
        "that routers trained with a load-balancing loss\n"
        "collapse less often.\n  • 3 authors\n·\nFeb 11, 2024\n\n"
        "Second Paper Title\n"
        "Our abstract starts right under the title and goes on,\n"
        "wrapped over two lines.\n  • 2 authors\n·\nFeb 12, 2024\n\n"
        "Submitted by someone\n"
        "Third Paper Title\n"
        "One line of abstract.\n  • 2 authors\n·\nFeb 13, 2024\n"))
    papers = _papers(path)
    assert [(p.title, p.abstract, _line_of(p)) for p in papers] == [
        ("Routing Tiny Experts", "We study routing in small mixture-of-experts models and find that routers trained "
         "with a load-balancing loss collapse less often.", 3),
        ("Second Paper Title", "Our abstract starts right under the title and goes on, wrapped over two lines.", 12),
        ("Third Paper Title", "One line of abstract.", 20)]


def test_readers_daily_wrapped_line_starting_with_a_name_keeps_its_title(tmp_path):
    # a wrap right before a capitalised name: the line above ends in a word no title ends in ("on"),
    # or holds a sentence end, so it is abstract text and the title stays the line above it
    path = _write(tmp_path / "wrapped.txt", (
        "Daily Papers\n\nOct 6\n\nTiny Recursive Reasoners\n\n"
        "We propose a tiny recursive model that beats larger models on\n"
        "ARC-AGI and Sudoku using few parameters.\n\n  \u2022 3 authors\n\u00b7\nOct 6, 2025 120\n\n"
        "Speculative Cascades for Faster Decoding\n\n"
        "Speculative cascades combine two ideas. On\n"
        "GSM8K and XSum, we obtain better trade-offs.\n\n  \u2022 5 authors\n\u00b7\nOct 7, 2025 45\n"))
    papers = _papers(path)
    assert [(p.title, p.abstract, _line_of(p)) for p in papers] == [
        ("Tiny Recursive Reasoners", "We propose a tiny recursive model that beats larger models on ARC-AGI and "
         "Sudoku using few parameters.", 5),
        ("Speculative Cascades for Faster Decoding", "Speculative cascades combine two ideas. On GSM8K and XSum, "
         "we obtain better trade-offs.", 14)]


@pytest.mark.parametrize("doi", ["https://www.doi.org/10.1145/3065386", "doi.org/10.1145/3065386",
                                 "https://dx.doi.org/10.1145/3065386", "DOI: 10.1145/3065386"])
def test_readers_doi_written_as_any_doi_org_address(tmp_path, doi):
    path = _write_jsonl(tmp_path / "d.jsonl", json.dumps({"title": "ImageNet classification", "doi": doi}))
    assert [p.doi for p in _papers(path)] == ["10.1145/3065386"]


def test_readers_skipped_lines_name_the_first_and_count_the_rest():
    from graphbuild.ingest import skipped_lines

    assert skipped_lines([]) == []
    assert skipped_lines(["a", "b", "c"], limit=2) == ["skipped 3 bad record(s):", "  a", "  b", "  … and 1 more"]
    # only the first reasons at hand (a Spark job collects 20 of many)
    assert skipped_lines(["a", "b"], total=7) == ["skipped 7 bad record(s):", "  a", "  b", "  … and 5 more"]


# -- fuzz4: values a careless export drops or mangles are reported, never silently lost --------------

@pytest.mark.parametrize("name, text, line", [
    ("a.jsonl", '{"id": "g0", "title": "Kept"}\n{"id": "d", "title": "First", "year": 2020, "title": "Second"}\n', 2),
    ("a.json", '[{"id": "g0", "title": "Kept"},\n {"id": "d", "title": "First", "title": "Second"}]', 2),
    ("a.json", '{"id": "d", "title": "First",\n "title": "Second"}', 1),  # one paper object
])
def test_ingest_a_json_key_given_twice_with_different_values_is_a_record_error(tmp_path, name, text, line):
    # json.loads keeps the last value without a word; the first one would be lost
    path = _write(tmp_path / name, text)
    with pytest.raises(InputError, match=rf"{name}:{line}: .*given twice with different values"):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == (["Kept"] if line == 2 else []) and len(result.skipped) == 1


def test_ingest_a_key_given_twice_in_a_reference_leaves_the_reference_out(tmp_path):
    # (a reference with two DOIs refused its record; the reference alone is left out, with a warning)
    path = _write(tmp_path / "a.jsonl", '{"id": "d", "title": "T", "references": [{"doi": "10.1/a", '
                                        '"doi": "10.1/b"}, {"title": "Kept"}]}\n')
    result = read_papers([path])
    assert [r.title for r in result.papers[0].references] == ["Kept"]
    [warning] = result.record_warnings
    assert "reference 1: " in warning and "given twice with different values" in warning \
        and warning.endswith("the reference was left out")


def test_ingest_a_json_key_given_twice_with_the_same_value_is_read(tmp_path):
    path = _write(tmp_path / "a.jsonl", '{"title": "Same", "year": 2020, "title": "Same"}\n')
    assert [(p.title, p.year) for p in _papers(path)] == [("Same", 2020)]


def test_ingest_two_names_for_one_field_are_an_error_only_when_both_have_values(tmp_path):
    path = _write_jsonl(tmp_path / "a.jsonl",
                        '{"title": "A", "Title": "B"}',
                        '{"title": "C", "author": "Ann Lee", "authors": ["Bob Ray"]}',
                        '{"title": "D", "venue": "NeurIPS", "journal": ""}',  # the empty one used to win
                        '{"title": "E", "journal": null, "venue": "ICML", "Title": "E", "author": [], '
                        '"authors": ["Ann Lee"]}')
    items = _items(path)
    assert [(p.title, p.venue) for p in items if isinstance(p, Paper)] == [("D", "NeurIPS"), ("E", "ICML")]
    assert [(e.line, re.sub(r" \(.*", "", e.message)) for e in _errors(items)] == [
        (1, "record at line 1: fields 'title' and 'Title' both give the title"),
        (2, "record at line 2: fields 'author' and 'authors' both give the authors")]


@pytest.mark.parametrize("name, record", [
    ("a.jsonl", '{"id": "n", "title": NaN}'),
    ("a.jsonl", '{"id": "n", "title": "T", "abstract": Infinity}'),
    ("a.jsonl", '{"id": "n", "title": -Infinity}'),
    ("a.s2.jsonl", '{"paperId": "n", "title": NaN}'),
    ("a.openalex.jsonl", '{"id": "https://openalex.org/W9", "display_name": "T", "publication_year": 2020, '
                         '"primary_location": {"source": {"display_name": NaN}}}'),
])
def test_ingest_nan_or_infinity_where_text_belongs_is_a_record_error(tmp_path, name, record):
    # Python's JSON reader accepts NaN and Infinity; they used to become the titles 'nan' and 'inf'
    good = {"a.jsonl": GOOD, "a.s2.jsonl": '{"paperId": "g", "title": "Good"}',
            "a.openalex.jsonl": '{"id": "https://openalex.org/W1", "display_name": "Good", "publication_year": 2020}'}
    path = _write_jsonl(tmp_path / name, good[name], record)
    items = _items(path)
    assert len([p for p in items if isinstance(p, Paper)]) == 1
    [error] = _errors(items)
    assert error.line == 2 and re.search(r"\b(nan|inf|NaN|Infinity)\b", error.message)


@pytest.mark.parametrize("name, text", [
    ("a.jsonl", '{"title": "Huge", "n_authors": 1e300}\n'),
    ("a.jsonl", '{"title": "Huge", "n_authors": 99999999999999999999999}\n'),
    ("a.jsonl", '{"title": "Negative", "n_authors": -3}\n'),
    ("a.csv", "title,n_authors\nHuge,99999999999999999999\n"),
    ("a.txt", "A Title\nAn abstract.\n  • 99999999999999999999 authors\n·\nMay 1, 2024\n"),
])
def test_ingest_an_author_count_out_of_range_is_a_record_error(tmp_path, name, text):
    # a count past 64 bits used to stop the build in the store with an OverflowError traceback
    path = _write(tmp_path / name, text)
    [error] = _items(path)
    assert isinstance(error, InputError) and error.line in (1, 2)
    assert "is not a number of authors (0 to 100,000)" in error.message and len(error.message) < 200


@pytest.mark.parametrize("tail", ["", "@misc{k, title = {A duplicate key sends the file through bibtexparser}}\n"])
def test_readers_bibtex_braces_keep_a_name_holding_and_whole(tmp_path, tail):
    # BibTeX splits author lists on the "and"s outside braces; decoding first lost the braces
    path = _write(tmp_path / "a.bib", (
        "@misc{k, title = {T}, author = {Alpha, A. and {National Institute of Standards and Technology} and "
        '{\\"U}ber, Max and Dvo{\\v{r}}{\\\'a}k, Anton}}\n' + tail))
    entry = next(p for p in _items(path) if isinstance(p, Paper))
    assert entry.authors == ("A. Alpha", "National Institute of Standards and Technology", "Max Über", "Anton Dvořák")


CORPORATE_BIB = (
    "@misc{k, title = {T}, author = {{Barnes and Noble, Inc.} and Smith, John and {Google Research, Brain Team}"
    " and van der Berg, Jr., Jan and de la Fuente, Juan and {\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e"
    " and Ludwig van Beethoven and {M{\\\"u}ller GmbH, {R\\&D}} and others}}\n"
    "@misc{one, title = {U}, author = {{Google Research, Brain Team}}}\n")


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_readers_bibtex_a_braced_corporate_name_is_one_name_kept_whole(tmp_path, tail):
    # a comma or an "and" inside braces splits nothing: the names came out of BibTeX's splitter whole and
    # were split again at their commas ("Inc." became a name of its own)
    papers = _papers(_write(tmp_path / "c.bib", CORPORATE_BIB + tail), "bibtex")
    assert [(p.authors, p.n_authors) for p in papers[:2]] == [
        (("Barnes and Noble, Inc.", "John Smith", "Google Research, Brain Team", "Jan van der Berg Jr.",
          "Juan de la Fuente", "Ayşe Öztürk", "Ludwig van Beethoven", "Müller GmbH, R&D"), 8),
        (("Google Research, Brain Team",), 1)]


def test_ingest_a_subfolder_that_cannot_be_listed_is_reported_not_left_out(tmp_path, monkeypatch):
    top = tmp_path / "papers"
    (top / "locked").mkdir(parents=True)
    _write_jsonl(top / "a.jsonl", GOOD)
    _write_jsonl(top / "locked" / "b.jsonl", GOOD.replace("g1", "g2"))
    real_iterdir = Path.iterdir

    def iterdir(self):  # chmod 000 does not stop root, who runs the tests in CI containers
        if self.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    with pytest.raises(InputError, match=r"locked: cannot read folder: Permission denied"):
        read_papers([top])
    result = read_papers([top], skip_bad=True)
    assert [p.id for p in result.papers] == ["g1"]
    assert [str(e) for e in result.skipped] == [
        f"[E100] {top / 'locked'}: cannot read folder: Permission denied (the whole folder was skipped)"]


def test_ingest_folders_follow_linked_folders_once_each(tmp_path):
    top = tmp_path / "papers"
    (top / "real").mkdir(parents=True)
    _write_jsonl(top / "real" / "a.jsonl", GOOD)
    (tmp_path / "elsewhere").mkdir()
    _write_jsonl(tmp_path / "elsewhere" / "b.jsonl", GOOD.replace("g1", "g2"))
    (top / "linked").symlink_to(tmp_path / "elsewhere")  # a folder linked in: its papers used to be left out
    (top / "real" / "up").symlink_to(top)  # a loop
    result = read_papers([top])
    assert sorted(p.id for p in result.papers) == ["g1", "g2"] and result.files == 2
    assert result.record_warnings == [f"warning: [E100] {top / 'real' / 'up'}: is a symbolic link to a folder "
                                      "already read (a loop, or a second way in); skipped"]


def test_ingest_folder_entries_that_are_no_files_warn_one_line_each_and_the_build_goes_on(tmp_path):
    # a link to nothing, a link loop and a named pipe were passed over without a word
    top = tmp_path / "papers"
    top.mkdir()
    _write_jsonl(top / "a.jsonl", GOOD)
    (top / "gone.jsonl").symlink_to("nowhere.jsonl")
    (top / "x.jsonl").symlink_to("y.jsonl")
    (top / "y.jsonl").symlink_to("x.jsonl")
    os.mkfifo(top / "pipe.jsonl")  # opening it would wait for a writer forever
    result = read_papers([top])
    assert [p.id for p in result.papers] == ["g1"] and result.files == 1
    assert result.warnings_summary() == [
        f"warning: [E100] {top / 'gone.jsonl'}: is a symbolic link to nothing (its target 'nowhere.jsonl' is "
        "missing); skipped",
        f"warning: [E100] {top / 'pipe.jsonl'}: is a named pipe (FIFO), not a file; skipped",
        f"warning: [E100] {top / 'x.jsonl'}: is a symbolic link in a loop (it leads back to itself); skipped",
        f"warning: [E100] {top / 'y.jsonl'}: is a symbolic link in a loop (it leads back to itself); skipped"]
    for n in range(21):
        os.mkfifo(top / f"more{n:02d}.jsonl")
    lines = read_papers([top]).warnings_summary()
    assert len(lines) == 21 and lines[-1] == "warning: … and 5 more like these"


def test_ingest_a_symbolic_link_loop_is_named_as_one(tmp_path):
    (tmp_path / "a.jsonl").symlink_to(tmp_path / "b.jsonl")
    (tmp_path / "b.jsonl").symlink_to(tmp_path / "a.jsonl")
    with pytest.raises(InputError, match=r"a\.jsonl: is a symbolic link to nothing"):
        read_papers([tmp_path / "a.jsonl"])


def test_readers_csv_a_quote_left_open_names_its_row_also_when_skipping(tmp_path):
    # the open quote swallows the rest of the file; the file was then called "a header only", and the error did not
    # say that the rows after it were lost with it
    path = _write(tmp_path / "a.csv", 'title,year\n"Open quote,2020\nB,2021\nC,2022\n')
    result = read_papers([path], skip_bad=True)
    assert [str(e) for e in result.skipped] == [
        f"[E100] {path}:2: bad CSV row: unexpected end of data; check the quoting of this row (a quoted field in "
        "it runs over the 2 line(s) after it, read as its text: their rows are not read)"]


def test_readers_csv_a_cell_over_the_csv_module_s_limit_is_read(tmp_path):
    # csv refuses cells over 131,072 characters: a long abstract was "a bad CSV row, check the quoting"
    long = "word " * 40_000
    path = _write(tmp_path / "a.csv", f'title,abstract\nLong,"{long}"\nTooLong,{"x" * 1_000_001}\nShort,ok\n')
    items = _items(path)
    assert [(p.title, len(p.abstract)) for p in items if isinstance(p, Paper)] == [("Long", len(long) - 1),
                                                                                  ("Short", 2)]
    [error] = _errors(items)
    assert error.line == 3 and "more than the 1,000,000 the NLP pass reads" in error.message
    assert error.message.endswith("; shorten the abstract")


def test_ingest_a_title_past_the_text_limit_is_told_to_shorten_the_title_not_the_abstract(tmp_path):
    # "shorten the abstract" was the advice for a record whose abstract is one word and whose title is the text
    path = _write(tmp_path / "a.jsonl", json.dumps({"title": "T" * 1_000_001, "abstract": "short"}) + "\n")
    [error] = _errors(_items(path))
    assert error.line == 1 and error.message.endswith("the NLP pass reads; shorten the title")


def test_readers_bibtex_an_entry_with_an_empty_key_or_naming_itself_is_read_not_taken_for_a_volume(tmp_path):
    # "" (no crossref) matched the empty key, and a crossref to itself made an entry its own volume:
    # either entry was dropped without a word
    path = _write(tmp_path / "a.bib", "@article{, title={Empty key}, year=2020}\n@article{ok, title={OK}}\n"
                                      "@article{self, title={Self}, crossref={Self}}\n")
    assert [(p.title, _line_of(p)) for p in _papers(path)] == [("Empty key", 1), ("OK", 2), ("Self", 3)]


def test_readers_bibtex_a_paper_another_entry_crossrefs_is_still_read_as_a_paper(tmp_path):
    # any entry a crossref named was taken for a volume and dropped without a word: an @article another
    # entry points at, or two papers naming each other, vanished; only a volume (@proceedings, @book …) is none
    path = _write(tmp_path / "a.bib", (
        "@article{y1, title = {Quillnet: a Net}, journal = {J. Nets}, year = 2020}\n"
        "@inproceedings{x1, title = {Zorbix: a Queue}, crossref = {y1}}\n"
        "@inproceedings{a1, title = {First of a Pair}, crossref = {b1}}\n"
        "@inproceedings{b1, title = {Second of a Pair}, crossref = {A1}, year = 2021}\n"
        "@incollection{c1, title = {A Chapter}, crossref = {bk}}\n"
        "@book{bk, title = {The Book}, year = 2018}\n"
    ))
    assert [(p.title, p.year, p.venue, _line_of(p)) for p in _papers(path, "bibtex")] == [
        ("Quillnet: a Net", 2020, "J. Nets", 1),
        ("Zorbix: a Queue", None, None, 2),  # a paper lends nothing: its title is no venue
        ("First of a Pair", None, None, 3),
        ("Second of a Pair", 2021, None, 4),
        ("A Chapter", 2018, "The Book", 5),
    ]


def test_ingest_records_sharing_a_doi_or_arxiv_id_but_not_a_title_are_reported(tmp_path):
    # a DOI column a spreadsheet filled down folds different papers into one: say so
    path = _write(tmp_path / "a.csv", "title,doi,arxiv_id\nFirst paper,10.1000/x1,\nSecond paper,10.1000/X1,\n"
                                      "FIRST PAPER,https://doi.org/10.1000/x1,\nThird,,2106.09685v2\n"
                                      "Fourth,,arXiv:2106.09685\n")
    result = read_papers([path])
    assert [w.split(" but ")[0] for w in result.warnings] == [
        f"warning: [E100] {path}:3: has the DOI '10.1000/x1' of {path}:2",
        f"warning: [E100] {path}:6: has the arXiv id '2106.09685' of {path}:5"]
    assert "merged keeping 'First paper'" in result.warnings[0]


def test_ingest_an_id_conflict_warning_is_one_coded_line_naming_file_and_line(tmp_path):
    # coded like every other warning of a record kept (fields.warn); a title with controls cannot break the line
    path = _write(tmp_path / "a.jsonl", '{"title": "First", "doi": "10.1000/x1"}\n'
                                        '{"title": "Second\\nwarning: forged\\u001b[31m", "doi": "10.1000/x1"}\n')
    [line] = read_papers([path]).warnings
    assert line.startswith(f"warning: [E100] {path}:2: has the DOI '10.1000/x1' of {path}:1 but another title")
    assert "\n" not in line and "\x1b" not in line


def test_cli_build_names_the_first_twenty_id_conflicts_and_counts_the_rest(tmp_path, capsys):
    from graphbuild.cli import main

    rows = "".join(f"Paper number {i},10.1000/same\n" for i in range(30))
    path = _write(tmp_path / "filled.csv", "title,doi\n" + rows)
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 21 and warnings[-1] == "warning: … and 9 more like these"
    assert "[E100] " in warnings[0] and "filled.csv:3: has the DOI '10.1000/same' of " in warnings[0]
    assert "read 30 papers" in captured.out


def test_ingest_a_mangled_reference_is_left_out_with_a_warning_and_the_record_kept():
    # a reference whose title is a list, one that is a number list, one naming nothing: each refused the whole
    # record (and a one-record file), where the Semantic Scholar reader leaves such a reference out
    import tempfile

    record = {"title": "Sparse graph kernels", "references": [{"title": ["x"]}, [1, 2], {"year": 2020},
                                                             {"title": "A cited paper"}]}
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp) / "a.jsonl", json.dumps(record) + "\n")
        result = read_papers([path])
        assert [[r.title for r in p.references] for p in result.papers] == [["A cited paper"]]
        assert result.record_warnings == [
            f"warning: [E100] {path}:1: record at line 1: reference 1: field 'title' must be a string, not list; "
            "the reference was left out",
            f"warning: [E100] {path}:1: record at line 1: reference 2: it must be a string or an object, not list; "
            "the reference was left out",
            f"warning: [E100] {path}:1: record at line 1: reference 3: it has no doi, arxiv_id, id or title; the "
            "reference was left out"]


def test_ingest_a_reference_doi_that_is_no_doi_is_one_coded_warning_and_the_record_is_kept(tmp_path, capsys):
    # the DOI was dropped without a word (the reference kept by its title), or, with nothing else in the
    # reference, the whole record was refused as "reference 1 has no doi, arxiv_id, id or title"
    from graphbuild.cli import main

    records = [{"title": "Sparse graph kernels", "references": [{"doi": "10.5555/ok1", "title": "Good"},
                                                                {"doi": "not a doi", "title": "A cited paper"}]},
               {"title": "Dense graph kernels", "references": [{"doi": "doi:10/abc"}, "10.5555/ok2"]},
               {"title": "Plain graph kernels", "references": [{"doi": "https://doi.org/10.5555/ok3"}]}]
    path = _write(tmp_path / "a.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    result = read_papers([path])
    assert [[(r.doi, r.title) for r in p.references] for p in result.papers] == [
        [("10.5555/ok1", "Good"), (None, "A cited paper")], [("10.5555/ok2", None)], [("10.5555/ok3", None)]]
    assert result.record_warnings == [
        f"warning: [E100] {path}:1: record at line 1: reference 2: doi 'not a doi' is not a DOI (expected "
        "10.<prefix>/<suffix>); the reference was kept without it",
        f"warning: [E100] {path}:2: record at line 2: reference 1: doi 'doi:10/abc' is not a DOI (expected "
        "10.<prefix>/<suffix>); the reference was left out (nothing else names the paper it cites)"]
    assert result.warnings_summary() == result.record_warnings and not result.skipped
    assert main(["build", str(path), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line.startswith("warning: ")] == result.record_warnings
    assert "read 3 papers" in captured.out
    # the record's own DOI still refuses the record, and reading without a listener warns nobody
    bad = _write(tmp_path / "b.jsonl", '{"title": "T", "doi": "nope"}\n')
    assert "doi 'nope' is not a DOI" in str(read_papers([bad], skip_bad=True).skipped[0])
    assert read_papers([path]).record_warnings == result.record_warnings  # collected afresh per call


def test_ingest_a_pipe_without_format_is_an_error_not_zero_papers(tmp_path):
    # sniffing a pipe (`graphbuild build <(cat x.jsonl)`) read its start, and the reader found it empty
    import os
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    outcome: list[object] = []

    def read() -> None:
        try:
            outcome.append(read_papers([pipe]))
        except InputError as exc:
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # it opened the pipe and waits for a writer: give it an empty one
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(10)
    assert isinstance(outcome[0], InputError), outcome
    assert re.search(r"pipe: is not a regular file .* pass --format", str(outcome[0]))
    writer = threading.Thread(target=lambda: pipe.write_text(GOOD + "\n", encoding="utf-8"), daemon=True)
    writer.start()
    assert [p.id for p in read_papers([pipe], format="jsonl").papers] == ["g1"]
    writer.join()


def test_ingest_folders_pass_over_hidden_entries_and_workspaces_inside(tmp_path):
    top = tmp_path / "project"
    (top / ".venv" / "lib").mkdir(parents=True)
    (top / ".venv" / "lib" / "meta.json").write_text('{"name": "not a paper"}', encoding="utf-8")
    (top / ".notes.txt").write_text("scratch\n", encoding="utf-8")
    (top / "ws" / "gen-000001").mkdir(parents=True)
    (top / "ws" / "CURRENT").write_text("gen-000001\n", encoding="utf-8")
    (top / "ws" / "gen-000001" / "graph.json").write_text('{"nodes": []}', encoding="utf-8")
    _write_jsonl(top / "papers.jsonl", GOOD)
    result = read_papers([top])
    assert [p.id for p in result.papers] == ["g1"] and result.files == 1
    with pytest.raises(InputError, match=r"ws: is a graphbuild workspace, not a folder of papers; name it with -w"):
        read_papers([top / "ws"])


def test_ingest_gzipped_files_read_as_their_plain_selves(tmp_path):
    import gzip

    top = tmp_path / "papers"
    top.mkdir()
    with gzip.open(top / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"id": "g1", "title": "Gzipped lines"}\n')
    with gzip.open(top / "refs.bib.gz", "wt", encoding="utf-8") as fh:
        fh.write("@article{k, title = {Gzipped BibTeX}, year = {2020}}\n")
    (top / "broken.csv.gz").write_bytes(b"title\nnot gzip at all\n")
    result = read_papers([top], skip_bad=True)  # a folder holds them (it passed them over in silence)
    assert sorted(p.title for p in result.papers) == ["Gzipped BibTeX", "Gzipped lines"]
    assert [str(e) for e in result.skipped] == [
        f"[E100] {top / 'broken.csv.gz'}: not a readable gzip file: Not a gzipped file (b'ti') "
        "(the whole file was skipped)"]
    assert detect_format(top / "a.jsonl.gz") == "jsonl" and detect_format(top / "refs.bib.gz") == "bibtex"


@pytest.mark.parametrize("name, format", [("papers.jsonl", None), ("papers.csv", None), ("refs.bib", None),
                                          ("feed.xml", "arxiv"), ("s2.jsonl", "s2"), ("daily.txt", "daily")])
def test_ingest_a_gzipped_file_without_the_gz_name_says_so_not_that_it_is_no_utf8(tmp_path, name, format):
    # it was "not UTF-8 text: invalid byte 0x8b ...; re-save the file as UTF-8" (or "not well-formed XML"):
    # advice that does not fit a file that is fine once its name says it is gzipped
    path = tmp_path / name
    path.write_bytes(gzip.compress(b'{"title": "Zipped"}\n'))
    with pytest.raises(InputError) as info:
        read_papers([path], format=format)
    assert str(info.value) == (f"[E100] {path}: is gzip-compressed, but its name does not end in .gz: rename it "
                               f"{name}.gz, which is read as it is")


@pytest.mark.parametrize("name, body", [
    ("joined.jsonl", b'{"title": "First one"}\n\xef\xbb\xbf{"title": "Second one"}\n'),
    ("joined.csv", b"title,abstract\nFirst one,x\n\xef\xbb\xbfSecond one,y\n"),
    ("inner.jsonl", b'{"title": "First one"}\n{"title": "\\ufeffSecond\xef\xbb\xbf one"}\n'),
    ("joined.bib", b"@article{a, title={First one}}\n\xef\xbb\xbf@article{b, title={\xef\xbb\xbfSecond one}}\n"),
])
def test_ingest_a_byte_order_mark_inside_a_file_is_dropped_as_the_first_one_is(tmp_path, name, body):
    # two files joined (cat a.jsonl b.jsonl) leave the second's mark at a line's start: JSON Lines refused the line
    # ("Expecting value (column 1)", advice that did not fit), CSV kept it, unseen, in the title
    path = tmp_path / name
    path.write_bytes(body)
    assert [p.title for p in read_papers([path]).papers] == ["First one", "Second one"]


def test_ingest_a_file_past_the_size_cap_is_one_line_not_all_the_memory(tmp_path, monkeypatch):
    """A small .gz that decompresses to gigabytes (or a file that big) is read no further than the cap."""
    import gzip

    from graphbuild.ingest import fields

    monkeypatch.setattr(fields, "MAX_INPUT_BYTES", 1000)
    with gzip.open(tmp_path / "bomb.jsonl.gz", "wb") as fh:
        fh.write(b'{"id": "b1", "title": "Before the zeros"}\n' + b"\n" * 100_000)
    _write(tmp_path / "big.jsonl", '{"id": "b2", "title": "Long"}\n' * 100)
    _write(tmp_path / "small.jsonl", '{"id": "s1", "title": "Small enough"}\n')
    with pytest.raises(InputError, match=r"bomb\.jsonl\.gz: more than the 1,000 bytes \(decompressed\) one input "
                                         r"file may hold; split it"):
        read_papers([tmp_path / "bomb.jsonl.gz"])
    result = read_papers([tmp_path], skip_bad=True)
    assert [p.title for p in result.papers] == ["Small enough"]
    assert sorted(str(e).split(": more")[0] for e in result.skipped) == [
        f"[E100] {tmp_path / 'big.jsonl'}", f"[E100] {tmp_path / 'bomb.jsonl.gz'}"]


def test_ingest_a_record_citing_millions_of_papers_is_refused_before_they_are_read(tmp_path, monkeypatch):
    """Each reference becomes a paper stub: a 160 MB line listing 40 million took over 13 GB; past the cap the
    record is one line, in every format that carries references (plain, CSV, Semantic Scholar, OpenAlex).
    """
    from graphbuild.ingest import fields

    monkeypatch.setattr(fields, "MAX_REFERENCES", 3)
    refs = ["10.5555/r1", "10.5555/r2", "10.5555/r3", "10.5555/r4"]
    cases = {
        "plain.jsonl": json.dumps({"id": "p1", "title": "Cites Four", "references": refs}),
        "s2.jsonl": json.dumps({"paperId": "s1", "title": "Cites Four",
                                "references": [{"paperId": f"r{i}", "title": f"Ref {i}"} for i in range(4)]}),
        "oa.jsonl": json.dumps({"id": "https://openalex.org/W1", "title": "Cites Four",
                                "referenced_works": [f"https://openalex.org/W{i}" for i in range(2, 6)]}),
    }
    for name, line in cases.items():
        path = _write_jsonl(tmp_path / name, line, json.dumps({"id": "ok", "title": "Cites Three",
                                                               "references": refs[:3]}))
        items = _items(path)
        assert [str(e).split(": ", 1)[0] for e in _errors(items)] == [f"[E100] {path}:1"], name
        assert "references, more than the 3 a paper may cite; fix or remove the record" in str(items[0]), name
        assert [p.title for p in items if isinstance(p, Paper)] == ["Cites Three"], name
    csv_path = _write(tmp_path / "a.csv", "title,references\nCites Four," + ";".join(refs) + "\n")
    assert "lists 4 references, more than the 3" in str(_errors(_items(csv_path))[0])


def test_ingest_a_record_that_is_no_object_is_named_in_json_s_words(tmp_path):
    path = _write(tmp_path / "a.jsonl", 'null\n[1]\n"x"\n2\ntrue\n')
    assert [e.message for e in _errors(_items(path))] == [
        f"line is {kind}, not an object with paper fields"
        for kind in ("null", "an array", "a string", "a number", "true")]  # not "a JSON NoneType"


@pytest.mark.parametrize("name, text", [
    ("a.json", '{"papers": [{"title": "A"}],\n "papers": [{"title": "B"}]}'),
    ("a.s2.json", '{"data": [{"paperId": "a", "title": "A"}], "data": [{"paperId": "b", "title": "B"}]}'),
])
def test_ingest_a_paper_list_given_twice_is_a_file_error(tmp_path, name, text):
    # the first list was dropped without a word
    path = _write(tmp_path / name, text)
    with pytest.raises(InputError, match=rf"{name}:1: field '(papers|data)' is given twice with different values"):
        read_papers([path])


def test_ingest_read_papers_takes_one_path_as_one_input_and_refuses_other_kinds():
    one = read_papers(str(FIXTURES / "papers.jsonl"))  # a str is one path, not a list of one-letter paths
    assert one.files == 1 and [p.title for p in one.papers] == [
        p.title for p in read_papers([FIXTURES / "papers.jsonl"]).papers]
    assert read_papers(FIXTURES / "papers.jsonl").files == 1
    with pytest.raises(UsageError, match=r"^\[E710\] inputs\[1\] must be a path \(a str or pathlib.Path\), not int"):
        read_papers([FIXTURES / "papers.jsonl", 3])


def test_readers_an_abstract_that_says_there_is_none_is_no_abstract(tmp_path):
    # Scopus, IEEE and spreadsheet exports write a placeholder where a record has no abstract: the NLP pass
    # then reads the title alone, and the related index gets no shared "abstract available" words
    rows = [("Zorb Queues", "[No abstract available]"), ("Quill Maps", "Abstract not available."),
            ("Vex Trees", "N/A"), ("Glim Sets", "No abstract"), ("Real One", "No abstract is shorter than this one.")]
    f = tmp_path / "lib.jsonl"
    f.write_text("".join(json.dumps({"title": t, "abstract": a}) + "\n" for t, a in rows))
    got = {p.title: p.abstract for p in read_papers([f]).papers}
    assert got == {"Zorb Queues": "", "Quill Maps": "", "Vex Trees": "", "Glim Sets": "",
                   "Real One": "No abstract is shorter than this one."}


_MIXED = {
    "openalex": {"id": "https://openalex.org/W41", "title": "Sparse parsers", "publication_year": 2021,
                 "authorships": [{"author": {"display_name": "Ana Ruiz"}}],
                 "abstract_inverted_index": {"We": [0], "parse": [1], "fast.": [2]},
                 "referenced_works": ["https://openalex.org/W7"]},
    "s2": {"paperId": "ab" * 20, "title": "Dense parsers", "year": 2020, "authors": [{"name": "Bo Li"}],
           "abstract": "We parse densely.", "references": [{"paperId": "cd" * 20}]},
    "plain": {"id": "p3", "title": "Plain parsers", "year": 2019, "abstract": "We parse plainly.",
              "references": ["p9"]},
}


@pytest.mark.parametrize("first", list(_MIXED))
def test_ingest_jsonl_mixing_s2_openalex_and_plain_records_reads_each_whole(tmp_path, first):
    """A file's format is sniffed from its head; the records of another kind lost their abstract, year and
    references (an OpenAlex work read as an S2 paper), where the Spark job reads each record by its own kind."""
    order = [first] + [k for k in _MIXED if k != first]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps(_MIXED[k]) + "\n" for k in order), encoding="utf-8")
    papers = {p.title: p for p in read_file(path)}
    assert {t: (p.year, p.abstract, len(p.references)) for t, p in papers.items()} == {
        "Sparse parsers": (2021, "We parse fast.", 1), "Dense parsers": (2020, "We parse densely.", 1),
        "Plain parsers": (2019, "We parse plainly.", 1)}


def test_ingest_s2_record_without_paper_id_is_still_read_as_s2(tmp_path):
    """An S2 object asked for without ``paperId`` (fields=externalIds,title) keeps its DOI."""
    path = tmp_path / "few.s2.jsonl"
    path.write_text(json.dumps(_MIXED["s2"]) + "\n"
                    + json.dumps({"externalIds": {"DOI": "10.1000/few"}, "title": "Few fields"}) + "\n",
                    encoding="utf-8")
    assert {p.title: p.doi for p in read_file(path)}["Few fields"] == "10.1000/few"


def test_ingest_a_reference_written_as_a_doi_that_is_no_doi_is_a_coded_warning(tmp_path):
    # a CSV references cell (split on ';') or a JSON list of strings with "11.22/bad" kept it as a paper
    # named "11.22/bad", and "doi:12.3/x" as a paper with that DOI, without a word
    csv_path = _write(tmp_path / "a.csv", "title,references\nKernel sums,10.5555/ok;11.22/bad;doi:12.3/x;"
                                          "A cited title 1.2/3 long;my-id\n")
    json_path = _write(tmp_path / "b.jsonl", json.dumps({"title": "Kernel means", "references": ["11.22/bad"]}) + "\n")
    result = read_papers([csv_path, json_path])
    assert [[r.id for r in p.references] for p in result.papers][0][0] == "doi:10.5555/ok"
    assert [len(p.references) for p in result.papers] == [3, 0]
    left_out = "is not a DOI (expected 10.<prefix>/<suffix>); the reference was left out (nothing else names the " \
               "paper it cites)"
    assert result.record_warnings == [
        f"warning: [E100] {csv_path}:2: record at line 2: reference 2: doi '11.22/bad' {left_out}",
        f"warning: [E100] {csv_path}:2: record at line 2: reference 3: doi 'doi:12.3/x' {left_out}",
        f"warning: [E100] {json_path}:1: record at line 1: reference 1: doi '11.22/bad' {left_out}"]


def test_ingest_csv_columns_nobody_reads_are_one_warning_naming_them(tmp_path):
    # a misspelt "abstarct" column (and "mood") was dropped without a word: papers with no abstract
    path = _write(tmp_path / "a.csv", "Title,Abstarct,Mood,Publication Year,,Abstract Note\n"
                                      "Kernel sums,We sum kernels.,graphs,2020,,\nKernel means,We average.,x,2021,,\n")
    result = read_papers([path])
    assert [p.abstract for p in result.papers] == ["", ""]
    assert result.record_warnings == [
        f"warning: [E100] {path}:1: the header row names columns graphbuild does not read (their cells are left "
        "out): 'Abstarct' (did you mean 'abstract'?), 'Mood'"]
    # columns read (aliases, optional ones left empty), unnamed ones (a data frame's index) and those a reference
    # manager's export carries that graphbuild leaves out on purpose (Zotero's Issue, not a misspelt "issued")
    # say nothing
    quiet = _write(tmp_path / "b.csv", ",title,Abstract Note,Author,journal,n_authors,arXiv,issued,Key,Item Type,"
                                       "ISSN,Issue,Publisher,Manual Tags,Author Keywords,Art. No.\n"
                                       "0,Kernel sums,,,,,,,,,,,,,,\n")
    assert read_papers([quiet]).record_warnings == []


def test_ingest_json_lines_are_read_a_line_at_a_time_in_the_memory_of_one_record(tmp_path):
    # a file of one record of 200 MB peaked near 1 GB: its bytes, its text and its lines were all held whole
    import tracemalloc

    big = "x" * 20_000_000
    path = _write(tmp_path / "big.jsonl", json.dumps({"title": "Kernel sums", "abstract": big}) + "\n"
                  + json.dumps({"title": "Kernel means"}) + "\n")
    tracemalloc.start()
    try:
        items = list(read_file(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "more than the 1,000,000 the NLP pass reads" in str(items[0]) and items[1].title == "Kernel means"
    assert peak < 2.6 * len(big)  # the line, then its record and the abstract cleaned (the old way: 4 copies)


@pytest.mark.parametrize("fmt", ["jsonl", "s2"])
def test_ingest_json_lines_read_a_line_at_a_time_split_and_fail_as_the_whole_text_did(tmp_path, fmt, monkeypatch):
    import gzip

    from graphbuild.ingest import fields, json_csv

    monkeypatch.setattr(json_csv, "read_text", None, raising=False)  # never the whole file at once
    rec = '{"paperId": "p%d", "title": "Kernel sum %d"}' if fmt == "s2" else '{"title": "Kernel sum %d%.0s"}'
    lines = [rec % (1, 1), "", rec % (2, 2), rec % (3, 3), "  ", rec % (4, 4)]
    body = ("\ufeff" + lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3] + "\r\r\n" + lines[4] + "\n"
            + lines[5])
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(body.encode("utf-8"))
    zipped = tmp_path / "b.jsonl.gz"
    zipped.write_bytes(gzip.compress(body.encode("utf-8")))
    for path in (plain, zipped):
        assert [p.source.rsplit(":", 1)[1] for p in read_file(path, fmt)] == ["1", "3", "4", "7"]
    assert list(fields.read_lines(plain)) == list(enumerate(fields.read_text(plain).split("\n"), 1))
    bad = tmp_path / "c.jsonl"
    bad.write_bytes((lines[0] + "\n").encode() + b'{"title": "caf\xe9"}\n')
    with pytest.raises(InputError) as caught:
        list(read_file(bad, fmt))
    with open(bad, "rb") as stream:
        assert str(caught.value) == str(fields.utf8_error(bad, stream)) and ":2: not UTF-8" in str(caught.value)


def test_ingest_clean_text_collapses_a_long_text_a_chunk_at_a_time_as_it_does_a_short_one(monkeypatch):
    from graphbuild.ingest import fields

    texts = [" ab  cd\tefgh ij  ", "abcdefghij", "a\u00a0b\u2028 c", "   ", "ab cd ef", " x", "x ", "abc\n\ndef"]
    monkeypatch.setattr(fields, "_CHUNK", 3)
    assert [fields.clean_text(t) for t in texts] == [" ".join(t.split()) for t in texts]


@pytest.mark.parametrize("fmt", ["jsonl", "bibtex"])
def test_ingest_control_characters_in_a_record_are_spaces_so_no_name_carries_one(tmp_path, fmt):
    # a NUL or an escape left by a PDF's text layer made an entity "CtrlNet\x00X" no one could type or see
    path = tmp_path / f"a.{'bib' if fmt == 'bibtex' else fmt}"
    if fmt == "jsonl":
        path.write_text(json.dumps({"title": "CtrlNet\u0000X: a test", "authors": ["Ada\u001b Lee"],
                                    "abstract": "We propose CtrlNet\u0000X.\u0085 It wins\u007f."}) + "\n")
    else:
        path.write_text("@article{a, title={CtrlNet\x00X: a test}, author={Ada\x1b Lee},\n"
                        "  abstract={We propose CtrlNet\x00X. It wins\x7f.}, year={2020}}\n")
    (paper,) = read_file(path, fmt)
    assert paper.title == "CtrlNet X: a test" and paper.authors == ("Ada Lee",)
    assert paper.abstract == "We propose CtrlNet X. It wins ."


def test_ingest_a_year_past_the_next_is_a_warning_and_the_paper_kept_undated(tmp_path):
    # "year": 2100 (a typo for 2010) was kept without a word and stretched every timeline and chart to 2100
    import datetime

    latest = datetime.date.today().year + 1
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "Far", "year": 2100, "date": "2100-05-01"}) + "\n"
                    + json.dumps({"title": "Near", "year": latest}) + "\n")
    result = read_papers([path])
    assert [(p.title, p.year, p.date) for p in result.papers] == [("Far", None, None), ("Near", latest, None)]
    assert result.record_warnings == [f"warning: [E100] {path}:1: year 2100 is after {latest} (a typo?); the paper "
                                      "was kept without its date, which would stretch every timeline to it"]


def test_ingest_bibtex_math_with_a_double_dash_and_escaped_angle_brackets_are_kept_as_written(tmp_path):
    # "$a--b$" was not read as math ("$a–b$", an en dash inside math), and "\textless{}b\textgreater{}" was
    # decoded to "<b>" and then dropped as an HTML tag: the title lost words
    path = _write(tmp_path / "a.bib", "@article{a, title={Bounds for $a--b$ pairs, $5--$10 and 3--5}}\n"
                                      "@article{b, title={When \\textless{}b\\textgreater{} tags \\textbar{} "
                                      "mean bold}}\n"
                                      "@article{c, title={The {\\textless}i{\\textgreater}Fly{\\textless}/i"
                                      "{\\textgreater} genome and $\\alpha$--$n+1$}}\n"
                                      "@article{d, title={Raw <i>HTML</i> &amp; more}}\n")
    assert [p.title for p in _papers(path)] == [
        "Bounds for $a--b$ pairs, $5–$10 and 3–5", "When <b> tags | mean bold",
        "The Fly genome and $\\alpha$–$n+1$", "Raw HTML & more"]


def test_ingest_csv_is_read_a_row_at_a_time_in_the_memory_of_one_row(tmp_path, monkeypatch):
    # a CSV of 300 MB peaked near 1.8 GB: its bytes, its text and a copy were all held whole
    import tracemalloc

    from graphbuild.ingest import json_csv

    monkeypatch.setattr(json_csv, "read_text", None, raising=False)  # never the whole file at once
    row = "x" * 500_000
    body = "\ufefftitle;abstract\r\n" + "".join(f'Kernel sum {n};"{row}\r\nend ""{n}"""\r\n' for n in range(60))
    path = _write(tmp_path / "big.csv", body + "\r\nKernel means;short\r\n")
    tracemalloc.start()
    try:
        papers = [(p.title, p.source, p.abstract[-9:]) for p in read_file(path)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(papers) == 61 and papers[0] == ("Kernel sum 0", f"{path}:2", 'x end "0"')
    assert papers[-1] == ("Kernel means", f"{path}:123", "short")
    assert peak < 12 * len(row) < len(body) / 5  # some copies of one row (the old way: 3 copies of the whole file)


def test_ingest_the_date_is_asked_once_a_read_not_once_a_record(tmp_path, monkeypatch):
    # checks.checked asked the clock for today's date for every record; once a file is enough, and a fixed date
    # makes the year check testable
    import datetime
    from types import SimpleNamespace

    from graphbuild.ingest import checks

    asked = []

    class Clock(datetime.date):
        @classmethod
        def today(cls):
            asked.append(1)
            return datetime.date(2020, 6, 1)

    monkeypatch.setattr(checks, "datetime", SimpleNamespace(date=Clock))  # the clock checks reads, only
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"title": f"Kernel sum {n}", "year": 2020 + n}) + "\n" for n in range(4)))
    result = read_papers([path])
    assert asked == [1] and [p.year for p in result.papers] == [2020, 2021, None, None]
    assert result.record_warnings[0].endswith(":3: year 2022 is after 2021 (a typo?); the paper was kept without "
                                              "its date, which would stretch every timeline to it")
    fixed = checks.guarded(path, [Paper(title="Kernel sum", year=2031)], today=datetime.date(2030, 1, 1))
    assert [p.year for p in fixed] == [2031] and asked == [1]


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.csv.gz"])
def test_ingest_a_gzipped_line_past_the_size_limit_is_refused_without_reading_it_whole(tmp_path, monkeypatch, name):
    # a .jsonl.gz of 1.5 MB holding one line of 1.5 GB took 3.2 GB of memory before it was refused: the line was
    # read whole, then measured
    import gzip
    import tracemalloc

    from graphbuild.ingest import fields

    monkeypatch.setattr(fields, "MAX_INPUT_BYTES", 100_000)
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"title,abstract\n" + b"x" * 5_000_000 + b"\n"))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="more than the 100,000 bytes \\(decompressed\\) one input file may hold"):
            list(read_file(path, "csv" if "csv" in name else "jsonl"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_ingest_bibtex_string_using_itself_is_said_so(tmp_path, tail):
    # "@string{a = a # a}" was "uses undefined BibTeX macro 'a' (its @string comes later, at line 1)": its own line
    path = _write(tmp_path / "s.bib", "@string{a = a # {x}}\n@string{b = c}\n@string{c = {y}}\n"
                                      "@misc{m, title = {Kept}}\n" + tail)
    items = _items(path, "bibtex")
    assert [str(e).split(": ", 1)[1] for e in _errors(items)] == [
        "@string 'a' uses undefined BibTeX macro 'a' (its own name: an @string cannot use itself); put an "
        "@string{name = ...} for each above its first use",
        "@string 'b' uses undefined BibTeX macro 'c' (its @string comes later, at line 3); put an @string{name = ...} "
        "for each above its first use"]
    assert [p.title for p in items if isinstance(p, Paper)][:1] == ["Kept"]


@pytest.mark.parametrize("fmt", ["s2", "openalex"])
def test_ingest_a_service_json_array_through_a_pipe_is_read_once(tmp_path, fmt):
    # `--format s2` on a pipe holding a pretty-printed array read its first lines, then opened the pipe again for
    # the whole text: it found nothing ("invalid JSON or JSON Lines: Expecting value") or waited for a writer
    import threading

    rec = ({"paperId": "p%d", "title": "Kernel sum %d"} if fmt == "s2"
           else {"id": "https://openalex.org/W%d", "display_name": "Kernel sum %d"})
    body = "[\n\n" + ",\n".join(json.dumps(rec) % (n, n) for n in (1, 2)) + "\n]\n"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_text, args=(body,))
    writer.start()
    try:
        papers = read_papers([pipe], format=fmt).papers
    finally:
        writer.join(5)
    assert [(p.title, p.source) for p in papers] == [("Kernel sum 1", f"{pipe}:3"), ("Kernel sum 2", f"{pipe}:4")]


def test_ingest_an_author_count_that_is_no_whole_number_is_one_record_s_error(tmp_path):
    # "n_authors": 1e400 (infinity) raised OverflowError: "cannot read the file", the whole file skipped with
    # no line; true and 2.5 were read as 1 and 2 without a word
    lines = [json.dumps({"title": f"Kernel sum {n}", "n_authors": v}) for n, v in enumerate([3, True, 2.5, 4.0])]
    path = _write(tmp_path / "a.jsonl", "\n".join(lines) + '\n{"title": "K", "n_authors": 1e400}\n')
    result = read_papers([path], skip_bad=True)
    assert [(p.title, p.n_authors) for p in result.papers] == [("Kernel sum 0", 3), ("Kernel sum 3", 4)]
    assert [str(e).split(f"{path}:", 1)[1] for e in result.skipped] == [
        f"{n}: record at line {n}: n_authors {v} is not a whole number"
        for n, v in ((2, "True"), (3, "2.5"), (5, "inf"))]


@pytest.mark.parametrize("tail", ["", "@misc{esc, title = {Escaped \\{ brace}}\n"], ids=["scanner", "bibtexparser"])
def test_ingest_bibtex_macros_that_double_each_other_are_one_coded_line(tmp_path, tail):
    # 35 @strings each joining two copies of the one before: a file of a kilobyte asked for 137 GB (MemoryError)
    doubling = "".join(f"@string{{s{n + 1} = s{n} # s{n}}}\n" for n in range(34))
    path = _write(tmp_path / "d.bib", "@misc{ok, title = {Kept}}\n@string{s0 = {xxxxxxxx}}\n" + doubling
                  + "@misc{x, title = s34}\n" + tail)
    with pytest.raises(InputError) as caught:
        read_papers([path])
    assert str(caught.value) == (f"[E100] {path}:19: a value joined from @string macros is over 1,000,000 characters "
                                 "(macros that join copies of one another); fix the @string definitions")


@pytest.mark.parametrize("fmt, wrap, sep", [("json", None, ""), ("json", "papers", "\n"), ("s2", None, ""),
                                            ("s2", "data", "\n"), ("json", "papers", ""), ("s2", "data", "")])
def test_ingest_a_json_array_is_read_a_record_at_a_time_in_the_memory_of_one_record(tmp_path, fmt, wrap, sep,
                                                                                    monkeypatch):
    # a JSON array (a Semantic Scholar or OpenAlex dump, an API page) was read whole: a file of 300 MB held its
    # bytes, its text and every value at once, some times its size; JSON Lines and CSV were read a line at a time.
    # An API page minified on one line (sep "") was still held whole, as the first line of what might be JSON Lines
    import tracemalloc

    from graphbuild.ingest import located

    monkeypatch.setattr(located, "HELD", 5)  # a wrapper's first records are held until its list is known
    abstract = "x" * 200_000
    rec = '{"paperId": "p%d", "title": "Kernel sum %d", "abstract": "%s"}' if fmt == "s2" else \
        '{"title": "Kernel sum %d%.0s", "abstract": "%s"}'
    records = ",".join(rec % (n, n, abstract) for n in range(150))  # all on one line, as json.dump writes
    body = f"[{records}]" if wrap is None else f'{{"meta": {{"n": 150}},{sep} "{wrap}": [{records}]}}'
    path = _write(tmp_path / "big.json", body)
    tracemalloc.start()
    try:
        papers = [(p.title, p.source) for p in read_file(path, fmt)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(papers) == 150 and papers[149] == ("Kernel sum 149", f"{path}:{2 if sep else 1}")
    assert peak < len(body) / 4  # a piece of the file and some records, never the file (the old way: 3 copies)


@pytest.mark.parametrize("fmt", ["json", "s2"])
def test_ingest_an_api_page_on_one_line_names_each_bad_record_by_number_and_line(tmp_path, fmt):
    # an API page minified on one line, over a megabyte, is read as a document a record at a time; its bad records
    # are named by file, number and line, and a first line that is one whole object with more after is JSON Lines
    records = [{"paperId": f"p{n}", "title": f"Kernel sum {n}", "abstract": "x" * 20_000} for n in range(60)]
    records[41]["year"] = "the year 2021"
    page = {"total": 60, "offset": 0, "meta": {"page": 1}, "data": records}
    path = _write(tmp_path / "page.json", json.dumps(page) + "\n")
    items = _items(path, fmt)
    assert len([p for p in items if isinstance(p, Paper)]) == 59
    assert [(e.path, e.line) for e in _errors(items)] == [(str(path), 1)]
    assert "record 42" in _errors(items)[0].message
    lines = _write(tmp_path / "lines.json", json.dumps(records[0]) + "\n" + json.dumps(records[1]) + "\n")
    assert [p.title for p in _items(lines, fmt) if isinstance(p, Paper)] == ["Kernel sum 0", "Kernel sum 1"]


@pytest.mark.parametrize("fmt", ["json", "s2"])
@pytest.mark.parametrize("first", [{"paperId": "p0", "title": "Kernel sum 0", "data": [{"x": "y" * 1000}] * 1200},
                                   {"papers": [{"title": "z" * 1000}] * 1200, "paperId": "p0",
                                    "title": "Kernel sum 0"}],
                         ids=["data", "papers"])
def test_ingest_json_lines_named_json_whose_first_line_is_long_and_holds_a_list_are_json_lines(tmp_path, fmt, first):
    # a .json of JSON Lines whose first record, over a megabyte, holds a "data" or "papers" list was taken for an
    # API page on one line and read as one document, which stopped at line 2 with "Extra data"
    second = {"paperId": "p1", "title": "Kernel sum 1", "abstract": "We add kernels."}
    path = _write(tmp_path / "lines.json", json.dumps(first) + "\n" + json.dumps(second) + "\n")
    assert [(p.title, p.source) for p in _items(path, fmt)] == [("Kernel sum 0", f"{path}:1"),
                                                                ("Kernel sum 1", f"{path}:2")]


@pytest.mark.parametrize("fmt", ["json", "s2"])
def test_ingest_a_json_array_read_from_a_pipe_or_gzipped_names_each_bad_record_s_line(tmp_path, fmt):
    import gzip

    body = ('\ufeff[\r\n {"paperId": "a", "title": "Good one"},\r {"paperId": "b", "title": 7.5e400},\n'
            ' {"paperId": "c", "title": "Bad two", "year": "the year 2021"},\n {"paperId": "d", "title": "Last"}\n]\n')
    zipped = tmp_path / "a.json.gz"
    zipped.write_bytes(gzip.compress(body.encode("utf-8")))
    read, write = os.pipe()
    os.write(write, body.encode("utf-8"))
    os.close(write)
    try:
        for path in (zipped, Path(f"/dev/fd/{read}")):
            items = list(read_file(path, fmt))
            assert [p.title for p in items if isinstance(p, Paper)] == ["Good one", "Last"]
            assert [e.line for e in _errors(items)] == [3, 4] and all(e.path == str(path) for e in _errors(items))
    finally:
        os.close(read)
    broken = _write(tmp_path / "broken.json", '[{"paperId": "a", "title": "A"},\n{"paperId": "b" "title": "B"}]')
    with pytest.raises(InputError, match=r"broken\.json:2: invalid JSON.*Expecting ',' delimiter \(column 17\)"):
        list(read_file(broken, fmt))


@pytest.mark.parametrize("text, message", [
    ('{"data": [%s],\n "title": "A paper after all"}', "makes the object itself the papers"),
    ('{"data": [%s],\n "papers": [{"title": "B"}]}', "makes its 'papers' list the papers"),
    ('{"papers": [%s],\n "papers": [{"title": "B"}]}', "field 'papers' is given twice"),
])
def test_ingest_a_big_wrapping_object_read_a_record_at_a_time_refuses_what_changes_its_list(
        tmp_path, monkeypatch, text, message):
    # past HELD records a wrapper's list is read a record at a time; a member after it that makes another list (or
    # the object itself) the papers, as reading it whole would, stops the file: it was never read as papers
    from graphbuild.ingest import located

    monkeypatch.setattr(located, "HELD", 3)
    path = _write(tmp_path / "a.json", text % ",".join(f'{{"title": "T{n}"}}' for n in range(6)))
    with pytest.raises(InputError, match=rf"a\.json:1: .*{re.escape(message)}"):
        list(read_file(path, "json"))
    result = read_papers([path], skip_bad=True)
    assert result.papers == [] and len(result.skipped) == 1
    few = _write(tmp_path / "b.json", text % ",".join(f'{{"title": "T{n}"}}' for n in range(2)))
    assert _streamed(few.read_text(), 4, lambda obj: None) == json.loads(few.read_text())  # held: read whole


def test_ingest_author_objects_give_their_name_in_every_shape_or_the_record_is_refused(tmp_path):
    # CSL JSON's {"literal": "…"} (an institution, as Zotero exports it) and {"first": …, "last": …} were dropped
    # without a word: the paper was kept with fewer authors, or none
    path = _write_jsonl(tmp_path / "a.jsonl", *(json.dumps({"title": f"T{n}", "authors": authors}) for n, authors in
                                                enumerate([
        [{"given": "Ada", "family": "Lovelace"}, {"literal": "Tide Forecasting Team"}],
        [{"first": "Ada", "last": "Lovelace"}, {"firstName": "Alan", "lastName": "Turing"}],
        [{"first_name": "Grace", "last_name": "Hopper"}, {"family": "Noether"}, {}, {"name": None}],
        [{"orcid": "0000-0002-1825-0097"}],
    ])))
    items = _items(path)
    assert [p.authors for p in items if isinstance(p, Paper)] == [
        ("Ada Lovelace", "Tide Forecasting Team"), ("Ada Lovelace", "Alan Turing"), ("Grace Hopper", "Noether")]
    assert [(e.line, e.message) for e in _errors(items)] == [
        (4, "record at line 4: author 1 is an object without a name (no 'name', 'literal' or 'given'/'family'); "
            "give each author a name")]


def test_ingest_a_bad_record_of_a_one_line_json_array_is_named_by_its_number_too(tmp_path):
    # json.dump writes an array on one line: every bad record was "record at line 1", with nothing saying which
    path = _write(tmp_path / "a.json", json.dumps([{"title": "A"}, {"title": "B", "year": "20210"}, {"title": "C"}]))
    items = _items(path)
    assert [p.title for p in items if isinstance(p, Paper)] == ["A", "C"]
    assert [str(e) for e in _errors(items)] == [
        f"[E100] {path}:1: record 2 at line 1: cannot read date '20210'; use YYYY, YYYY-MM-DD or 'May 1, 2023'"]


@pytest.mark.parametrize("fmt, body", [
    ("jsonl", b'\xef\xbb\xbf{"title": "A"}\r\n{"title": "B"}\n{"title": "caf\xe9"}\n'),
    ("csv", b"\xef\xbb\xbftitle,abstract\r\nA,x\rB,caf\xe9\n"),
])
def test_ingest_bytes_not_utf8_read_from_a_pipe_are_one_coded_line(tmp_path, fmt, body):
    # JSON Lines and CSV read from a pipe (`<(zcat x)`, /dev/stdin) with a byte that is no UTF-8 stopped with an
    # AssertionError's traceback: the reader opened the file again to find the byte, and a pipe reads once
    from graphbuild.ingest import fields

    saved = _write(tmp_path / f"a.{fmt}", "")
    saved.write_bytes(body)
    with open(saved, "rb") as stream:
        expected = str(fields.utf8_error(saved, stream)).replace(str(saved), "{path}")
    read, write = os.pipe()
    os.write(write, body)
    os.close(write)
    try:
        with pytest.raises(InputError) as caught:
            list(read_file(Path(f"/dev/fd/{read}"), fmt))
    finally:
        os.close(read)
    assert str(caught.value) == expected.format(path=f"/dev/fd/{read}")
    with pytest.raises(InputError) as caught:
        list(read_file(saved, fmt))
    assert str(caught.value) == expected.format(path=saved)


UTF16_RECORDS = [{"title": "Low-rank adapters for café models", "abstract": "We adapt.\nIt works."},
                 {"title": "A second paper on 東京", "year": 2020}]


@pytest.mark.parametrize(("name", "text"), [
    ("a.json", json.dumps(UTF16_RECORDS, ensure_ascii=False, indent=1)),
    ("a.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in UTF16_RECORDS)),
    ("a.s2.json", json.dumps({"data": [{"paperId": str(n), **r} for n, r in enumerate(UTF16_RECORDS)]},
                             ensure_ascii=False)),
    ("a.csv", "title\tabstract\tyear\r\n" + "".join(f'{r["title"]}\t"{r.get("abstract", "")}"\t{r.get("year", "")}\r\n'
                                                    for r in UTF16_RECORDS)),
    ("a.bib", "".join(f"@article{{k{n},\n  title = {{{r['title']}}},\n  abstract = {{{r.get('abstract', '')}}}\n}}\n"
                      for n, r in enumerate(UTF16_RECORDS))),
])
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_ingest_utf16_files_with_a_byte_order_mark_are_read(tmp_path, name, text, encoding):
    # Excel's "Unicode text" and some Windows tools write UTF-16: it was refused ("not UTF-8 text (it looks like
    # UTF-16)"); read, from a file, a gzipped file and a pipe, as the same text in UTF-8 is. UTF-32 with its mark
    # was still refused so ("it looks like UTF-16": its little-endian mark starts as UTF-16's does); read too
    body = ("\ufeff" + text).encode(encoding)  # (utf-16 / utf-32 write their mark, little-endian here; -be none)
    if encoding in ("utf-16", "utf-32"):
        body = text.encode(encoding)
    path = tmp_path / name
    path.write_bytes(body)
    titles = [p.title for p in read_file(path) if isinstance(p, Paper)]
    assert titles == [r["title"] for r in UTF16_RECORDS], titles
    gz = tmp_path / (name + ".gz")
    gz.write_bytes(gzip.compress(body))
    assert [p.title for p in read_file(gz) if isinstance(p, Paper)] == titles
    read, write = os.pipe()
    os.write(write, body)
    os.close(write)
    try:
        fmt = detect_format(path)
        assert [p.title for p in read_file(Path(f"/dev/fd/{read}"), fmt) if isinstance(p, Paper)] == titles
    finally:
        os.close(read)


@pytest.mark.parametrize("name", ["a.json", "a.jsonl", "a.csv", "a.bib"])
def test_ingest_utf16_file_with_bytes_that_are_no_utf16_names_file_and_line(tmp_path, name):
    body = '[\n{"title": "A"},\n{"title": "B"}]\n'.encode("utf-16-le")
    path = tmp_path / name
    path.write_bytes(codecs.BOM_UTF16_LE + body[:20] + b"\x00\xd8" + body[22:])  # an unpaired surrogate on line 2
    with pytest.raises(InputError) as caught:
        list(read_file(path, name.split(".")[1].replace("bib", "bibtex")))  # the reader's error, not the sniffer's
    assert str(caught.value) == (f"[E100] {path}:2: not UTF-16 text: illegal UTF-16 surrogate at byte offset 22; "
                                 "re-save the file as UTF-8")


@pytest.mark.parametrize("name", ["a.json", "a.jsonl", "a.csv", "a.bib"])
def test_ingest_utf32_file_with_bytes_that_are_no_utf32_names_file_and_line(tmp_path, name):
    body = '[\n{"title": "A"},\n{"title": "B"}]\n'.encode("utf-32-be")
    path = tmp_path / name
    path.write_bytes(codecs.BOM_UTF32_BE + body[:40] + b"\x00\x11\x00\x00" + body[44:])  # past U+10FFFF, line 2
    with pytest.raises(InputError) as caught:
        list(read_file(path, name.split(".")[1].replace("bib", "bibtex")))  # the reader's error, not the sniffer's
    assert str(caught.value) == (f"[E100] {path}:2: not UTF-32 text: code point not in range(0x110000) at byte "
                                 "offset 44; re-save the file as UTF-8")


def test_ingest_utf32_file_read_as_utf8_is_hinted_as_utf32(tmp_path):
    # where no UTF-32 is read (a draft to relate, a gazetteer) its mark was hinted as UTF-16's, which it starts as
    from graphbuild.ingest.fields import read_text

    path = tmp_path / "a.txt"
    path.write_bytes("Low-rank adapters".encode("utf-32"))
    with pytest.raises(InputError, match=r"a\.txt:1: not UTF-8 text \(it looks like UTF-32\): invalid byte 0xff"):
        read_text(path)


@pytest.mark.parametrize("name", ["a.jsonl", "a.json", "a.s2.jsonl"])
def test_ingest_a_number_too_long_for_an_int_is_one_record_s_error(tmp_path, name):
    # json.loads raises a plain ValueError for an integer of more than 4,300 digits: the whole file was skipped,
    # naming no line ("cannot read the file: Exceeds the limit (4300 digits) ... sys.set_int_max_str_digits()")
    records = ['{"paperId": "a", "title": "A"}', '{"paperId": "b", "title": "B", "year": %s}' % ("9" * 5000),
               '{"paperId": "c", "title": "C"}']
    path = _write(tmp_path / name, "[" + ",\n".join(records) + "]" if name.endswith(".json") else "\n".join(records))
    result = read_papers([path], skip_bad=True)
    assert [p.title for p in result.papers] == ["A", "C"]
    assert [e.line for e in result.skipped] == [2]  # its year: an infinity, as JSON's 1e400, and no year
    assert re.search(r"cannot read (date inf|year Infinity)", result.skipped[0].message)



@pytest.mark.parametrize("name, body, abstract", [
    ("a.csv", "sep=;\r\nTitle;Abstract\r\nKernel sums;We sum, then scale.\r\n", "We sum, then scale."),
    ("export", 'SEP=,\nTitle,Abstract\nKernel sums,"We sum; then scale."\n', "We sum; then scale."),  # by content
])
def test_ingest_excel_s_sep_line_names_the_csv_delimiter(tmp_path, name, body, abstract):
    # Excel's "sep=;" first line (it names the delimiter and Excel does not show it) was read as the header row:
    # "the header row has no 'title' column (found: sep=)", and the whole file was refused
    path = _write(tmp_path / name, body)
    (paper,) = _papers(path)
    assert (paper.title, paper.abstract, paper.source) == ("Kernel sums", abstract, f"{path}:3")


def test_ingest_json_lines_named_json_are_read_as_json_lines(tmp_path):
    # Hugging Face's Dataset.to_json and pandas' to_json(lines=True) write JSON Lines named .json: the JSON reader
    # refused the whole file ("invalid JSON: Extra data"), where the Semantic Scholar reader read such a file
    records = [{"title": "Kernel sums", "year": 2020}, {"title": "Sparse routers", "year": "in the year 2021"},
               {"title": "Tidal attention"}]
    path = _write(tmp_path / "papers.json", "\n".join(json.dumps(r) for r in records) + "\n\n")
    items = _items(path)
    assert [(p.title, p.source) for p in items if isinstance(p, Paper)] == [
        ("Kernel sums", f"{path}:1"), ("Tidal attention", f"{path}:3")]
    assert [e.line for e in _errors(items)] == [2]
    one = _write(tmp_path / "one.json", json.dumps(records[0]) + "\n")  # one object: one paper, as before
    assert [p.title for p in _papers(one)] == ["Kernel sums"]


def test_ingest_a_plain_ascii_title_is_keyed_without_the_per_character_walk(tmp_path, monkeypatch):
    # a 50 MB title took minutes with nothing shown before its one line ("more than ... the NLP pass reads"):
    # normalize_title looked up each character's Unicode category twice; ASCII text needs none of it
    import graphbuild.records as records

    def per_character(char: str) -> bool:
        raise AssertionError("the per-character walk ran for an ASCII title")

    monkeypatch.setattr(records, "_is_latin", per_character)
    records.normalize_title.cache_clear()
    path = _write(tmp_path / "a.jsonl", json.dumps({"title": "Big " * 300_000}) + "\n")
    [error] = _errors(_items(path))
    assert error.line == 1 and "more than the 1,000,000 the NLP pass reads; shorten the title" in error.message
    assert records.normalize_title("BERT: Pre-training, 2019!") == "bertpretraining2019"


def test_ingest_daily_a_nul_in_the_page_header_refuses_the_record_naming_its_line(tmp_path):
    # "ne\0w" in the header was no furniture: it became a paper titled "ne w", and the first paper, its
    # abstract, was lost without a word
    lines = (FIXTURES / "daily_small.txt").read_text(encoding="utf-8").split("\n")
    lines[0] = "ne\x00w"
    path = _write(tmp_path / "daily.txt", "\n".join(lines))
    items = _items(path, "daily")
    [error] = _errors(items)
    assert (error.path, error.line) == (str(path), 1)
    assert error.message.startswith("holds a NUL character (\\u0000) at character 2, ")
    assert "was not read" in error.message
    assert [p.title for p in items if isinstance(p, Paper)] == [t for t, *_ in DAILY_EXPECTED[1:]]
    with pytest.raises(InputError, match=r"daily\.txt:1: holds a NUL character"):
        read_papers([path])  # one coded line, not a paper named "ne w"
    result = read_papers([path], skip_bad=True)
    assert len(result.papers) == 2 and [e.line for e in result.skipped] == [1]


@pytest.mark.parametrize("name, text, line", [
    ("a.csv", 'title,abstract\n"Sec\x00ond","We use BERT."\nThird,We use GPT.\n', 2),
    ("a.bib", "@article{a,\n title={Sec\x00ond},\n abstract={We use BERT.},\n year={2020}\n}\n"
              "@article{b,\n title={Third}\n}\n", 1),
    ("a.jsonl", '{"title": "Sec\\u0000ond", "abstract": "We use BERT."}\n{"title": "Third"}\n', 1)])
def test_ingest_a_nul_inside_a_field_is_one_coded_warning_and_the_reading_goes_on(tmp_path, name, text, line):
    # "Sec\0ond" became "Sec ond" without a word (a raw NUL in a JSON line refuses the record, JSON's rule)
    path = _write(tmp_path / name, text)
    result = read_papers([path])
    assert [p.title for p in result.papers] == ["Sec ond", "Third"]
    [warning] = result.record_warnings
    assert warning.startswith(f"warning: [E100] {path}:{line}: ") and "\n" not in warning
    assert "field 'title' holds a NUL character (\\u0000) at character 3, which was read as a space" in warning


def test_ingest_an_empty_input_file_is_one_coded_warning_naming_it(tmp_path):
    # a 0-byte file built with only "read 0 papers", as if it had been read
    empty = _write(tmp_path / "empty.jsonl", "")
    blank = _write(tmp_path / "blank.txt", "\n  \n")
    full = _write(tmp_path / "full.jsonl", '{"title": "Kernel sums"}\n')
    result = read_papers([empty, full])
    assert [p.title for p in result.papers] == ["Kernel sums"]
    assert result.record_warnings == [f"warning: [E100] {empty}: is empty (0 bytes): no paper was read from it"]
    assert result.warnings == []
    result = read_papers([empty, blank])
    assert result.papers == [] and result.record_warnings == [
        f"warning: [E100] {empty}: is empty (0 bytes): no paper was read from it",
        f"warning: [E100] {blank}: holds no paper records (only blank lines): no paper was read from it"]
    assert result.warnings == ["warning: [E100] every input file is empty (2 files): no paper was read; "
                               "give the files that hold the papers"]


def test_ingest_cli_build_of_an_empty_file_says_which(tmp_path, capsys):
    from graphbuild.cli import main

    empty = _write(tmp_path / "empty.jsonl", "")
    assert main(["build", str(empty), "-w", str(tmp_path / "ws"), "--no-overview"]) == 0
    err = capsys.readouterr().err
    assert f"warning: [E100] {empty}: is empty (0 bytes): no paper was read from it\n" in err
    assert "warning: [E100] every input file is empty (1 file): no paper was read" in err
