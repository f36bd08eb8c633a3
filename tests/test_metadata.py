"""Tests for the Semantic Scholar, OpenAlex and arXiv Atom readers (no network)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graphbuild.errors import InputError
from graphbuild.ingest import detect_format, read_file, read_papers
from graphbuild.ingest.json_csv import read_jsonl
from graphbuild.ingest.metadata import (
    read_arxiv,
    read_openalex,
    read_s2,
    rebuild_abstract,
    sniff_arxiv,
    sniff_openalex,
    sniff_s2,
)
from graphbuild.records import Paper, PaperRef

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"


pytestmark = pytest.mark.usefixtures("no_network")


def _split(items) -> tuple[list[Paper], list[InputError]]:
    papers = [i for i in items if isinstance(i, Paper)]
    errors = [i for i in items if isinstance(i, InputError)]
    return papers, errors


# -- Semantic Scholar ----------------------------------------------------------------

def test_metadata_s2_maps_fields_and_references() -> None:
    papers, _ = _split(list(read_s2(FIXTURES / "s2_papers.jsonl")))
    seed = papers[0]
    assert seed.title == "GraphMiner: Mining Method Graphs from Abstracts"
    assert seed.abstract == "We present GraphMiner, which links methods and datasets."
    assert seed.doi == "10.5555/graphminer.2024.7"
    assert seed.arxiv_id == "2401.01234"
    assert seed.id == "doi:10.5555/graphminer.2024.7"
    assert seed.ids == (("s2", "5a1e0000000000000000000000000000000000a1"), ("corpus", "900000001"))
    assert seed.authors == ("Jane Doe", "Rui Example")
    assert seed.n_authors == 2
    assert (seed.year, seed.date, seed.venue) == (2024, "2024-01-05", "Journal of Synthetic Results")
    assert seed.url == "https://www.semanticscholar.org/paper/5a1e0000000000000000000000000000000000a1"
    assert seed.source == f"{FIXTURES / 's2_papers.jsonl'}:1"
    assert not seed.external
    # wrapped and plain references both map; the one naming nothing is dropped
    assert seed.references == (
        PaperRef(arxiv_id="2301.00042", ids=(("s2", "5a1e0000000000000000000000000000000000b2"),
                                              ("corpus", "900000002")),
                 title="TinyTagger: Tagging Entities Cheaply", year=2023),
        PaperRef(doi="10.5555/old.2019.1", ids=(("s2", "5a1e0000000000000000000000000000000000c3"),
                                                 ("corpus", "900000003")),
                 title="An Older Method", year=2019),
        PaperRef(title="A Workshop Note Without Ids", year=2018),
    )


def test_metadata_s2_citations_become_external_citing_papers() -> None:
    papers, _ = _split(list(read_s2(FIXTURES / "s2_papers.jsonl")))
    seed, citing = papers[0], papers[1]
    # the citing paper without a title is skipped; the titled one cites the seed
    assert [p.title for p in papers if p.external] == ["Follow-up Work on GraphMiner"]
    assert citing.external is True
    assert citing.arxiv_id == "2405.05555" and citing.doi is None  # arXiv DataCite DOI -> arXiv id
    assert citing.authors == ("Kim Later",)
    assert citing.references == (seed.ref(),)
    assert citing.references[0].id == seed.id


def test_metadata_s2_bad_records_are_reported_with_line_numbers() -> None:
    path = FIXTURES / "s2_papers.jsonl"
    papers, errors = _split(list(read_s2(path)))
    assert [(e.line, e.path) for e in errors] == [(2, str(path)), (3, str(path))]
    assert errors[0].message.startswith("invalid JSON: ")
    assert "no title" in errors[1].message
    # the record after the bad ones is still read
    assert papers[-1].title == "Preprint Only"
    assert papers[-1].arxiv_id == "2202.02020" and papers[-1].doi is None
    assert papers[-1].id == "arxiv:2202.02020"
    assert papers[-1].venue is None and papers[-1].date is None


def test_metadata_s2_reads_api_data_page_with_lines_and_record_numbers() -> None:
    path = FIXTURES / "s2_search.json"
    papers, errors = _split(list(read_s2(path)))
    assert [p.title for p in papers] == ["Search Hit One", "Search Hit Two"]
    assert papers[0].id == "s2:5a1e000000000000000000000000000000000118"
    assert [p.source for p in papers] == [f"{path}:6", f"{path}:15"]  # the lines the objects open on
    assert len(errors) == 1 and errors[0].line == 14
    assert errors[0].message.startswith("record 2:")


def test_metadata_s2_reads_json_array_and_unwraps_cited_paper(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    path.write_text(json.dumps([{"citedPaper": {"paperId": "abc", "title": "Wrapped", "year": 2020}}]))
    (paper,) = list(read_s2(path))
    assert isinstance(paper, Paper)
    assert (paper.title, paper.ids, paper.year) == ("Wrapped", (("s2", "abc"),), 2020)


def test_metadata_s2_truncated_array_or_object_raises(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('[{"paperId": "a", "title": "x"},')
    with pytest.raises(InputError, match="invalid JSON or JSON Lines"):
        list(read_s2(path))
    path.write_text('{\n  "paperId": "a",\n  "title": "x"\n')  # pretty-printed, cut off
    with pytest.raises(InputError, match="invalid JSON or JSON Lines"):
        list(read_s2(path))


def test_metadata_s2_errors_name_the_line_a_record_starts_on(tmp_path: Path) -> None:
    good = {"paperId": "abc", "externalIds": {}, "title": "An S2 paper"}
    records = [good, {"paperId": "def", "year": 2020}, {**good, "citations": [{"paperId": "c", "title": ["x"]}]}]
    path = tmp_path / "papers.s2.json"
    path.write_text("\n" + json.dumps(records, indent=1) + "\n", encoding="utf-8")  # record 2 opens on line 8
    errors = [str(e) for e in read_s2(path) if isinstance(e, InputError)]
    assert errors == [f"[E100] {path}:8: record 2: paper has no title; request the 'title' field from the API",
                      f'[E100] {path}:12: record 3: citing paper 1: the title must be text, not ["x"]']
    path.write_text("\n\n" + json.dumps(records, indent=1).replace('"def"', "'def'"))  # a syntax error on line 10
    with pytest.raises(InputError, match=rf"^\[E100\] {re.escape(str(path))}:10: invalid JSON or JSON Lines: "
                                          r"Expecting value \(column 14\); fix the file or export it again$"):
        list(read_s2(path))


@pytest.mark.parametrize(("reader", "record", "message"), [
    (read_s2, {"paperId": "a", "title": "T", "year": "twenty"}, 'cannot read year "twenty"; a year is a number'),
    (read_s2, {"paperId": "a", "title": "T", "abstract": 12}, "the abstract must be text, not 12"),
    (read_s2, {"paperId": "a", "title": "T", "externalIds": "DOI:10.1/x"}, "externalIds must be a JSON object"),
    (read_openalex, {"id": "W1", "display_name": "T", "publication_year": "x"}, 'cannot read publication_year "x"'),
    # a typo'd "20210" was read as 2021 (its first four digits) without a word; the plain readers refuse it
    (read_s2, {"paperId": "a", "title": "T", "year": "20210"}, 'cannot read year "20210"'),
    (read_openalex, {"id": "W1", "display_name": "T", "publication_year": "20210"},
     'cannot read publication_year "20210"'),
    (read_s2, {"paperId": "a", "title": "T", "year": "2021.5"}, 'cannot read year "2021.5"'),
    (read_s2, {"paperId": "a", "title": "T", "year": 2021.5}, "cannot read year 2021.5"),
])
def test_metadata_service_fields_that_hold_no_year_or_text_are_record_errors(tmp_path: Path, reader, record,
                                                                            message) -> None:
    # each was read without a word: no year, the abstract "12", no DOI
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [error] = list(reader(path))
    assert isinstance(error, InputError) and error.line == 1 and message in str(error), error
    ok = {**record, "year": None, "publication_year": 2021, "abstract": None, "externalIds": None}
    path.write_text(json.dumps(ok) + "\n", encoding="utf-8")
    assert isinstance(list(reader(path))[0], Paper)  # null fields stay empty


# -- OpenAlex ----------------------------------------------------------------------------

def test_metadata_openalex_maps_work_fields() -> None:
    path = FIXTURES / "openalex_works.json"
    papers, _ = _split(list(read_openalex(path)))
    work = papers[0]
    assert work.title == "Citation Graphs for Method Discovery"
    assert work.doi == "10.5555/jgl.2022.17"
    assert work.arxiv_id == "2203.01234"  # from the arXiv location's landing page
    assert work.ids == (("openalex", "W2000000001"), ("mag", "2000000001"), ("pmid", "35000001"))
    assert work.authors == ("Ada Example", "Bo Sample")
    assert (work.year, work.date) == (2022, "2022-03-04")
    assert work.venue == "Journal of Graph Learning"
    assert work.url == "https://doi.org/10.5555/jgl.2022.17"
    assert work.source == f"{path}:10"
    # duplicates in referenced_works are collapsed, order kept
    assert work.references == (PaperRef(ids=(("openalex", "W1000000001"),)),
                               PaperRef(ids=(("openalex", "W1000000002"),)))


def test_metadata_openalex_rebuilds_abstract_from_inverted_index() -> None:
    papers, _ = _split(list(read_openalex(FIXTURES / "openalex_works.json")))
    assert papers[0].abstract == "We study graphs and more graphs today."
    assert papers[1].abstract == ""  # null index


def test_metadata_rebuild_abstract_places_words_by_position() -> None:
    assert rebuild_abstract({"b": [1], "a": [0, 2], "c": [3]}) == "a b a c"
    assert rebuild_abstract({"x": [5], "y": [2]}) == "y x"  # gaps are skipped
    assert rebuild_abstract(None) == ""
    assert rebuild_abstract({"x": "bad"}) == ""


def test_metadata_rebuild_abstract_reads_whole_number_positions_written_as_decimals() -> None:
    # an index that went through a data-frame comes back with 1.0 for 1: its words were dropped
    assert rebuild_abstract({"We": [0], "propose": [1.0], "X": [2], "bad": [2.5, True, -1]}) == "We propose X"


def test_metadata_openalex_arxiv_doi_becomes_arxiv_id_and_bad_work_reported() -> None:
    path = FIXTURES / "openalex_works.json"
    papers, errors = _split(list(read_openalex(path)))
    assert papers[1].arxiv_id == "2301.00001" and papers[1].doi is None
    assert papers[1].id == "arxiv:2301.00001"
    assert papers[1].venue == "arXiv (Cornell University)"
    assert len(errors) == 1 and errors[0].line == 128 and "no title" in errors[0].message
    assert errors[0].message.startswith("record 3: ")


def test_metadata_openalex_reads_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "works.jsonl"
    rows = [{"id": "https://openalex.org/W9", "display_name": "One", "publication_year": 2001},
            {"id": "W10", "title": "Two", "publication_year": 2002}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n[1, 2\n")
    papers, errors = _split(list(read_openalex(path)))
    assert [(p.title, p.ids, p.source) for p in papers] == [
        ("One", (("openalex", "W9"),), f"{path}:1"), ("Two", (("openalex", "W10"),), f"{path}:2")]
    assert [e.line for e in errors] == [4]


@pytest.mark.parametrize("reader", [read_s2, read_openalex])
def test_metadata_json_lines_bad_lines_worded_as_the_plain_json_lines_reader(reader, tmp_path: Path) -> None:
    first = {"paperId": "a", "id": "https://openalex.org/W1", "title": "One", "display_name": "One"}
    lines = [json.dumps(first), '{"title": ', "[1, 2]", "[" * 100_000 + "]" * 100_000, json.dumps(first)]
    path = tmp_path / "papers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = [str(e) for e in reader(path) if isinstance(e, InputError)]
    plain = [str(e) for e in read_jsonl(path) if isinstance(e, InputError)]
    assert errors == plain == [
        f"[E100] {path}:2: invalid JSON: Expecting value (column 11); each line must be one complete JSON object",
        f"[E100] {path}:3: line is an array, not an object with paper fields",
        f"[E100] {path}:4: the JSON on this line is nested too deeply to read"]


def test_metadata_record_of_a_page_nested_too_deeply_is_that_records_error(tmp_path: Path) -> None:
    # the whole page was skipped for it, as no list of papers
    deep = '{"paperId": "b", "title": "Two", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = tmp_path / "page.json"
    path.write_text('{"data": [{"paperId": "a", "title": "One"},\n' + deep + ',\n{"paperId": "c", "title": "Three"}]}',
                    encoding="utf-8")
    papers, errors = _split(list(read_s2(path)))
    assert [p.title for p in papers] == ["One", "Three"]
    assert [str(e) for e in errors] == [f"[E100] {path}:2: record 2 at line 2 is nested too deeply to read (hundreds "
                                        "of levels); it is not a paper"]


def test_metadata_openalex_errors_name_the_line_a_record_starts_on(tmp_path: Path) -> None:
    good = {"id": "https://openalex.org/W1", "display_name": "An OpenAlex work", "authorships": []}
    page = {"meta": {"count": 3}, "results": [good, {"id": "W2", "display_name": None},
                                              {**good, "display_name": "Broken \ud83d escape"}]}
    path = tmp_path / "page.openalex.json"
    path.write_text(json.dumps(page, indent=2), encoding="utf-8")
    items = list(read_file(path))  # with the checks every record passes, which take the line from the source
    assert [str(e) for e in items if isinstance(e, InputError)] == [
        f"[E100] {path}:11: record 2: work has no title (display_name)",
        f"[E100] {path}:15: field 'title' holds an unpaired surrogate (\\ud83d at character 7), a broken escape "
        'such as "\\ud83d" that no file can store; fix or remove the record']
    assert [p.source for p in items if isinstance(p, Paper)] == [f"{path}:6"]



@pytest.mark.parametrize("many", [1, 1500])  # held whole, or read a record at a time (more than located.HELD)
@pytest.mark.parametrize("reader, record", [
    (read_s2, lambda i: {"paperId": f"p{i}", "title": f"Paper {i}"}),
    (read_openalex, lambda i: {"id": f"https://openalex.org/W{i}", "display_name": f"Work {i}"}),
])
def test_metadata_api_page_holding_two_record_lists_is_refused_not_read_in_half(tmp_path: Path, many, reader,
                                                                                record) -> None:
    # {"data": [...], "results": [...]} read the "data" list and left the "results" one out without a word
    path = tmp_path / "page.json"
    path.write_text('{"data": ' + json.dumps([record(i) for i in range(many)]) + ',\n"results": '
                    + json.dumps([record(many)]) + "}\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"^\[E100\] {re.escape(str(path))}:1: the object holds a 'results' list "
                                         "beside its 'data' list; only one list of papers is read"):
        list(reader(path))


# -- arXiv Atom ----------------------------------------------------------------------------

def test_metadata_arxiv_maps_entries() -> None:
    path = FIXTURES / "arxiv_feed.atom"
    papers, _ = _split(list(read_arxiv(path)))
    first, second = papers
    assert first.arxiv_id == "2402.01111" and first.id == "arxiv:2402.01111"
    assert first.title == "Sparse Routers for Mixture-of-Experts Graph Models"
    assert first.abstract == ("We propose SparseRoute, a router for mixture-of-experts models. "
                              "We evaluate it on two citation benchmarks.")
    assert first.authors == ("Maria Placeholder", "Tom Fixture")
    assert (first.year, first.date, first.venue, first.doi) == (2024, "2024-02-02", None, None)
    assert first.url == "http://arxiv.org/abs/2402.01111v2"
    assert first.source == f"{path}:10"
    assert second.arxiv_id == "hep-th/9901001"
    assert second.doi == "10.5555/imaginaryphys.12.34"
    assert second.id == "doi:10.5555/imaginaryphys.12.34"
    assert second.venue == "J. Imaginary Phys. 12 (1999) 34-56"
    assert second.year == 1999


def test_metadata_arxiv_bad_entry_reported_with_its_line_and_number() -> None:
    _, errors = _split(list(read_arxiv(FIXTURES / "arxiv_feed.atom")))
    assert len(errors) == 1
    assert errors[0].line == 47 and errors[0].message.startswith("entry 3: ")
    assert "not an arXiv abstract URL" in errors[0].message


def _feed(*entries: str, head: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n' + head
            + "".join(entries) + "</feed>\n")


_GOOD_ENTRY = "  <entry>\n    <id>http://arxiv.org/abs/2101.00001v1</id>\n    <title>Good</title>\n  </entry>\n"
_BAD_ENTRY = "  <entry>\n    <id>http://example.org/42</id>\n    <title>Bad</title>\n  </entry>\n"


@pytest.mark.parametrize("variant", ["plain", "crlf", "prefixed", "comment", "nested", "utf-16"])
def test_metadata_arxiv_errors_name_the_line_an_entry_starts_on(tmp_path: Path, variant: str) -> None:
    head = {"comment": "  <!-- an <entry> in a comment\n       is no entry -->\n",
            "nested": "  <entry xmlns='urn:other'><entry/></entry>\n"}.get(variant, "")
    feed = _feed(_GOOD_ENTRY, _BAD_ENTRY, _GOOD_ENTRY.replace("2101.00001", "2101.00002"), head=head)
    if variant == "prefixed":
        feed = feed.replace("<feed xmlns=", "<a:feed xmlns:a=").replace("</feed>", "</a:feed>")
        feed = re.sub(r"<(/?)(entry|id|title)>", r"<\1a:\2>", feed)
    line = 7 + head.count("\n")  # the bad entry, entry 2
    path = tmp_path / "feed.atom"
    if variant == "crlf":
        path.write_bytes(feed.replace("\n", "\r\n").encode())
    elif variant == "utf-16":
        path.write_bytes(feed.replace("UTF-8", "UTF-16").encode("utf-16"))
    else:
        path.write_text(feed, encoding="utf-8")
    items = list(read_arxiv(path))
    assert [str(e) for e in items if isinstance(e, InputError)] == [
        f"[E100] {path}:{line}: entry 2: entry id 'http://example.org/42' is not an arXiv abstract URL"]
    assert [p.source for p in items if isinstance(p, Paper)] == [f"{path}:{line - 4}", f"{path}:{line + 4}"]


def test_metadata_arxiv_refuses_doctype_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "evil.atom"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY boom "boom">]>\n'
                    '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&boom;</title></entry></feed>')
    with pytest.raises(InputError, match="DOCTYPE or ENTITY"):
        list(read_arxiv(path))


def test_metadata_arxiv_malformed_xml_raises(tmp_path: Path) -> None:
    path = tmp_path / "cut.atom"
    path.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry>')
    with pytest.raises(InputError, match="not well-formed XML"):
        list(read_arxiv(path))


def test_metadata_arxiv_malformed_xml_names_the_line_where_it_breaks(tmp_path: Path) -> None:
    # the line was only inside the message ("[E100] cut.atom: ... (unclosed token: line 9, column 4)")
    path = tmp_path / "cut.atom"
    path.write_text(_feed(_GOOD_ENTRY, "  <entry>\n    <id>http://arxiv.org/abs/2101.00002v1</id>\n    <ti")
                    .removesuffix("</feed>\n"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_arxiv(path))
    assert caught.value.line == 9
    assert str(caught.value).startswith(f"[E100] {path}:9: file is not well-formed XML (")
    assert "line 9" not in str(caught.value)


def test_metadata_arxiv_api_error_entry_reported(tmp_path: Path) -> None:
    path = tmp_path / "err.atom"
    path.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
                    '<id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>'
                    '<summary>incorrect id format for 1234</summary></entry></feed>')
    (error,) = list(read_arxiv(path))
    assert isinstance(error, InputError) and "incorrect id format for 1234" in error.message


# -- sniffing and registry -------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("s2_papers.jsonl", "s2"),
    ("s2_search.json", "s2"),
    ("openalex_works.json", "openalex"),
    ("arxiv_feed.atom", "arxiv"),
])
def test_metadata_detect_format_picks_service_reader(name: str, expected: str) -> None:
    assert detect_format(FIXTURES / name) == expected


def test_metadata_sniffers_are_specific() -> None:
    generic = '[{"title": "A paper", "doi": "10.1/x", "references": ["openalex:W1"]}]'
    assert not sniff_s2(generic) and not sniff_openalex(generic) and not sniff_arxiv(generic)
    assert not sniff_s2('{"paperId": "x"}')  # needs a second S2 field
    assert sniff_s2('{"paperId": "x", "externalIds": {}}')
    assert not sniff_openalex('{"id": "https://openalex.org/W1"}')
    assert sniff_openalex('{"id": "https://openalex.org/W1", "abstract_inverted_index": null}')
    plain_atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:blog</id></entry></feed>'
    assert not sniff_arxiv(plain_atom)
    assert sniff_arxiv(plain_atom.replace("tag:blog", "http://arxiv.org/abs/2101.00001v1"))


def test_metadata_sniffing_ignores_misleading_extension(tmp_path: Path) -> None:
    path = tmp_path / "download.jsonl"
    path.write_text((FIXTURES / "openalex_works.json").read_text())
    assert detect_format(path) == "openalex"
    papers = [p for p in read_file(path) if isinstance(p, Paper)]
    assert len(papers) == 2


def test_metadata_read_papers_over_fixture_directory_counts_skips() -> None:
    result = read_papers([FIXTURES], skip_bad=True)
    assert result.files == 4
    titles = {p.title for p in result.papers}
    assert {"Follow-up Work on GraphMiner", "Citation Graphs for Method Discovery",
            "Sparse Routers for Mixture-of-Experts Graph Models", "Search Hit Two"} <= titles
    # 2 in s2_papers.jsonl, 1 in s2_search.json, 1 in openalex_works.json, 1 in the feed
    assert len(result.skipped) == 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be", "utf-16-le"])
def test_atom_entity_declarations_refused_in_any_encoding(tmp_path, encoding):
    declared = encoding.upper().replace("-BE", "BE").replace("-LE", "LE")
    feed = (f'<?xml version="1.0" encoding="{declared}"?>\n<!DOCTYPE feed [<!ENTITY boom "BOOM">]>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2101.00001v1</id>'
            '<title>&boom;&boom;</title></entry></feed>')
    path = tmp_path / "evil.xml"
    path.write_bytes(feed.encode(encoding) if encoding != "utf-16" else feed.encode("utf-16"))
    with pytest.raises(InputError, match=r"^\[E100\] .*evil\.xml: file declares a DOCTYPE or ENTITY"):
        list(read_arxiv(path))


def test_atom_utf16_feed_without_dtd_is_read(tmp_path):
    feed = ('<?xml version="1.0" encoding="UTF-16"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>'
            '<id>http://arxiv.org/abs/2101.00001v1</id><title>Über Modelle</title></entry></feed>')
    path = tmp_path / "feed.xml"
    path.write_bytes(feed.encode("utf-16"))
    [paper] = list(read_arxiv(path))
    assert paper.title == "Über Modelle" and paper.arxiv_id == "2101.00001"


@pytest.mark.parametrize("field, value", [("references", 5), ("citations", 5), ("authors", "Ada Lovelace"),
                                          ("referenced_works", 5), ("authorships", "Ada Lovelace"),
                                          ("locations", 5)])
def test_metadata_a_list_field_that_is_not_a_list_is_a_record_error(tmp_path, field, value):
    if field in ("references", "citations", "authors"):
        good = {"paperId": "abc", "externalIds": {}, "title": "An S2 paper", "authors": []}
        name, key = "a.s2.jsonl", "paperId"
    else:
        good = {"id": "https://openalex.org/W1", "display_name": "An OpenAlex work", "authorships": []}
        name, key = "a.openalex.jsonl", "id"
    path = tmp_path / name
    path.write_text(json.dumps({**good, field: value}) + "\n" + json.dumps({**good, key: good[key] + "2"}) + "\n")
    with pytest.raises(InputError, match=rf"{re.escape(name)}:1: field '{field}' must be a list, not "):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert len(result.papers) == 1 and len(result.skipped) == 1


def test_metadata_json_lines_with_a_line_separator_inside_a_string_are_read(tmp_path):
    # U+2028 and U+001C are legal unescaped in a JSON string (json.dumps(ensure_ascii=False) writes them)
    s2 = {"paperId": "abc", "externalIds": {}, "title": "An S2 paper", "abstract": "one\u2028two\x1cthree"}
    path = tmp_path / "a.s2.jsonl"
    path.write_text(json.dumps(s2, ensure_ascii=False) + "\n" + json.dumps({**s2, "paperId": "d"}, ensure_ascii=False)
                    + "\n", encoding="utf-8")
    papers = read_papers([path]).papers
    assert [p.abstract for p in papers] == ["one two three"] * 2
    assert [p.source for p in papers] == [f"{path}:1", f"{path}:2"]


def test_metadata_not_utf8_names_the_line_like_the_other_readers(tmp_path):
    path = tmp_path / "a.s2.jsonl"
    good = json.dumps({"paperId": "abc", "externalIds": {}, "title": "An S2 paper"})
    path.write_bytes(good.encode() + b"\n" + good.replace("An S2", "Caf\xe9").encode("latin-1") + b"\n")
    with pytest.raises(InputError, match=r"a\.s2\.jsonl:2: not UTF-8 text: invalid byte 0xe9 at byte offset"):
        read_papers([path])


@pytest.mark.parametrize(("reader", "record", "message"), [
    # each was turned into text ("12", "True") where the abstract alone refused
    (read_s2, {"paperId": "a", "title": 12}, "the title must be text, not 12"),
    (read_s2, {"paperId": "a", "title": "T", "venue": True}, "the venue must be text, not true"),
    (read_s2, {"paperId": "a", "title": "T", "journal": {"name": 3.5}}, "the journal name must be text, not 3.5"),
    (read_s2, {"paperId": "a", "title": "T", "authors": [{"name": "A"}, {"name": 7}]},
     "the name of author 2 must be text, not 7"),
    (read_s2, {"paperId": "a", "title": "T", "authors": ["Ada Lovelace"]},  # was dropped without a word
     'author 1 must be a JSON object, not "Ada Lovelace"'),
    (read_openalex, {"id": "W1", "display_name": 1984}, "the title must be text, not 1984"),
    (read_openalex, {"id": "W1", "display_name": "T", "authorships": [{"author": {"display_name": ["A"]}}]},
     'the name of author 1 must be text, not ["A"]'),
    (read_openalex, {"id": "W1", "display_name": "T", "authorships": ["A"]},
     'authorship 1 must be a JSON object, not "A"'),
    (read_openalex, {"id": "W1", "display_name": "T", "authorships": [{"author": 5}]},  # was passed over
     "author of authorship 1 must be a JSON object, not 5"),
    (read_openalex, {"id": "W1", "display_name": "T", "primary_location": {"source": {"display_name": 5}}},
     "the venue must be text, not 5"),
    # these were said of a field the file does not have: "field 'url' must be text, not int"
    (read_openalex, {"id": "W1", "display_name": "T", "doi": 7}, "the doi must be text, not 7"),
    (read_openalex, {"id": "W1", "display_name": "T", "ids": {"doi": 7}}, "the ids.doi must be text, not 7"),
    (read_openalex, {"id": "W1", "display_name": "T", "primary_location": {"landing_page_url": 7}},
     "the primary_location.landing_page_url must be text, not 7"),
])
def test_metadata_service_titles_venues_and_names_that_are_no_text_are_record_errors(tmp_path: Path, reader,
                                                                                   record, message) -> None:
    # the services give every title, venue and name as a JSON string (an all-digit title as "1984")
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({**record, "paperId": "b", "id": "W2"}) + "\n")
    errors = list(reader(path))
    assert [(type(e), e.line) for e in errors] == [(InputError, 1), (InputError, 2)]
    assert str(errors[0]) == f"[E100] {path}:1: {message}"


@pytest.mark.parametrize("name, record", [
    ("a.s2.jsonl", {"paperId": "abc", "externalIds": {}, "title": ["An S2 paper"]}),
    ("a.s2.jsonl", {"paperId": "abc", "externalIds": {}, "title": "An S2 paper", "abstract": {"text": "x"}}),
    ("a.openalex.jsonl", {"id": "https://openalex.org/W1", "display_name": ["An OpenAlex work"]}),
])
def test_metadata_a_text_field_holding_a_list_or_an_object_is_a_record_error(tmp_path, name, record):
    path = tmp_path / name
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    reason = r"the (title|abstract) must be text, not [\[{]"
    with pytest.raises(InputError, match=rf"{re.escape(name)}:1: (record 1: )?{reason}"):
        read_papers([path])


@pytest.mark.parametrize("citing", [{"paperId": "c", "title": ["Citing"]},
                                    {"paperId": "c", "title": "C", "authors": "x"}])
def test_metadata_a_bad_citing_paper_is_an_error_of_its_record_not_of_the_file(tmp_path, citing):
    good = {"paperId": "abc", "externalIds": {}, "title": "An S2 paper"}
    path = tmp_path / "a.s2.jsonl"
    path.write_text(json.dumps({**good, "citations": [citing]}) + "\n" + json.dumps({**good, "paperId": "d"}) + "\n")
    with pytest.raises(InputError, match=r"a\.s2\.jsonl:1: citing paper 1: "):
        read_papers([path])
    result = read_papers([path], skip_bad=True)
    assert [p.ids for p in result.papers] == [(("s2", "abc"),), (("s2", "d"),)] and len(result.skipped) == 1


def test_metadata_arxiv_markup_inside_a_title_or_summary_keeps_the_text_after_it(tmp_path: Path) -> None:
    # an element inside <title> (XHTML content) used to end the title at its start, without a word
    entry = ("  <entry>\n    <id>http://arxiv.org/abs/hep-th/9901001v2</id>\n"
             '    <title type="xhtml">Sparse <b>mixture</b> of\n      experts</title>\n'
             "    <summary>We train <i>MoE</i> models.</summary>\n"
             "    <author><name>Ada <span>Lovelace</span></name></author>\n  </entry>\n")
    path = tmp_path / "feed.atom"
    path.write_text(_feed(entry), encoding="utf-8")
    [paper] = read_arxiv(path)
    assert isinstance(paper, Paper)
    assert (paper.title, paper.abstract, paper.authors, paper.arxiv_id) == (
        "Sparse mixture of experts", "We train MoE models.", ("Ada Lovelace",), "hep-th/9901001")


def test_metadata_a_reference_doi_that_is_no_doi_is_a_coded_warning_in_both_service_readers(tmp_path: Path) -> None:
    # a Semantic Scholar reference's externalIds.DOI and an OpenAlex referenced_works entry that were no DOI
    # were dropped without a word, where the plain JSON and BibTeX readers warn
    s2 = tmp_path / "a.s2.jsonl"
    s2.write_text(json.dumps({"paperId": "p1", "title": "Kernel sums", "references": [
        {"paperId": "r1", "title": "A cited sum", "externalIds": {"DOI": "11.22/bad"}},
        {"externalIds": {"DOI": "doi:10/x"}}, {"paperId": "r3", "externalIds": {"DOI": "10.5555/ok"}}]}) + "\n",
        encoding="utf-8")
    works = tmp_path / "w.openalex.jsonl"
    works.write_text("\n" + json.dumps({"id": "https://openalex.org/W1", "display_name": "Kernel sums",
                                        "referenced_works": ["https://openalex.org/W2", "https://doi.org/11.22/bad",
                                                             "https://doi.org/10.5555/ok", "junk"]}) + "\n",
                     encoding="utf-8")
    result = read_papers([s2, works])
    assert [[r.id for r in p.references] for p in result.papers] == [
        ["s2:r1", "doi:10.5555/ok"], ["openalex:W2", "doi:10.5555/ok"]]
    expected = "is not a DOI (expected 10.<prefix>/<suffix>); the reference was"
    assert result.record_warnings == [
        f"warning: [E100] {s2}:1: reference 1: doi '11.22/bad' {expected} kept without it",
        f"warning: [E100] {s2}:1: reference 2: doi 'doi:10/x' {expected} left out (nothing else names the paper "
        "it cites)",
        f"warning: [E100] {works}:2: reference 2: doi 'https://doi.org/11.22/bad' {expected} left out (nothing else "
        "names the paper it cites)",
        f'warning: [E100] {works}:2: reference 4: "junk" is not an OpenAlex work id (expected '
        "https://openalex.org/W<digits>) or a DOI; the reference was left out"]


def test_metadata_a_records_own_doi_that_is_no_doi_is_a_coded_warning_in_both_service_readers(tmp_path: Path) -> None:
    # a Semantic Scholar externalIds.DOI or an OpenAlex doi that was no DOI was dropped without a word (the
    # paper kept, its other ids naming it), where the same slip in a reference warned
    s2 = tmp_path / "a.s2.jsonl"
    s2.write_text(json.dumps({"paperId": "p1", "title": "Kernel sums", "externalIds": {"DOI": "11.22/bad"},
                              "citations": [{"paperId": "c1", "title": "Kernel means",
                                             "externalIds": {"DOI": "doi:10/x"}}]}) + "\n"
                  + json.dumps({"paperId": "p2", "title": "Kernel ranks", "externalIds": {"DOI": "10.5555/ok"}})
                  + "\n", encoding="utf-8")
    works = tmp_path / "w.openalex.jsonl"
    works.write_text("\n" + json.dumps({"id": "https://openalex.org/W1", "display_name": "Kernel sums",
                                        "doi": "https://doi.org/not-one", "publication_year": 2020}) + "\n"
                     + json.dumps({"id": "https://openalex.org/W2", "display_name": "Kernel means",
                                   "doi": "https://doi.org/10.5555/ok2", "publication_year": 2020}) + "\n",
                     encoding="utf-8")
    result = read_papers([s2, works])
    assert [(p.title, p.doi) for p in result.papers] == [
        ("Kernel sums", None), ("Kernel means", None), ("Kernel ranks", "10.5555/ok"), ("Kernel sums", None),
        ("Kernel means", "10.5555/ok2")]
    kept = "is not a DOI (expected 10.<prefix>/<suffix>); the paper was kept without it"
    assert result.record_warnings == [
        f"warning: [E100] {s2}:1: doi '11.22/bad' {kept}",
        f"warning: [E100] {s2}:1: citing paper 'Kernel means': doi 'doi:10/x' {kept}",
        f"warning: [E100] {works}:2: doi 'https://doi.org/not-one' {kept}"]


def test_metadata_a_bad_s2_reference_is_a_warning_and_the_record_is_kept(tmp_path: Path) -> None:
    # a reference whose title was a list refused the whole record ("record 1: the title must be text"), and so
    # a one-record file
    path = tmp_path / "a.s2.jsonl"
    path.write_text(json.dumps({"paperId": "p1", "title": "Kernel sums", "references": [
        {"paperId": "q", "title": ["x"]}, {"paperId": "r", "title": "Kernel means"}]}) + "\n", encoding="utf-8")
    result = read_papers([path])
    assert [(p.title, [r.id for r in p.references]) for p in result.papers] == [("Kernel sums", ["s2:r"])]
    assert result.record_warnings == [
        f'warning: [E100] {path}:1: reference 1: the title must be text, not ["x"]; the reference was left out']


def test_metadata_an_openalex_author_given_as_a_plain_string_is_read_as_the_name(tmp_path: Path) -> None:
    # {"author": "Ada Lovelace"} (a flattened export) was passed over: the author lost, or raw_author_name used
    path = tmp_path / "w.openalex.jsonl"
    path.write_text(json.dumps({"id": "https://openalex.org/W1", "display_name": "Kernel sums", "authorships": [
        {"author": "Ada Lovelace", "raw_author_name": "A. Lovelace"}, {"author": {"display_name": "Alan Turing"}},
        {"author": None, "raw_author_name": "Grace Hopper"}]}) + "\n", encoding="utf-8")
    (paper,) = read_openalex(path)
    assert isinstance(paper, Paper) and paper.authors == ("Ada Lovelace", "Alan Turing", "Grace Hopper")
