"""Tests for merging duplicate papers and resolving references (graphbuild/ingest/merge.py)."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

from graphbuild.ingest import read_papers
from graphbuild.ingest.merge import merge_papers, merge_refs, resolve_references
from graphbuild.records import Paper, PaperRef, title_id

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
LONG = "Sparse Routers for Tiny Mixture-of-Experts Models"


def test_merge_doi_match_ignores_case_and_url_form():
    a = Paper(title="Deep Things", doi="10.1000/ABC.1", source="a.json:1")
    b = Paper(title="Deep things (extended)", doi="https://doi.org/10.1000/abc.1", source="b.bib:3")
    merged = merge_papers([a, b])
    assert len(merged) == 1
    assert merged[0].id == "doi:10.1000/abc.1"
    assert merged[0].title == "Deep Things" and merged[0].source == "a.json:1"


def test_merge_arxiv_match_with_version_suffix():
    a = Paper(title="Short A", arxiv_id="2301.01234v2")
    b = Paper(title="Short B", arxiv_id="arXiv:2301.01234")
    c = Paper(title="Short C", arxiv_id="2301.01235")
    merged = merge_papers([a, b, c])
    assert [p.id for p in merged] == ["arxiv:2301.01234", "arxiv:2301.01235"]


def test_merge_other_ids_match():
    a = Paper(title="One", ids=(("s2", "abc"),))
    b = Paper(title="Uno", ids=(("openalex", "W9"), ("s2", "abc")))
    c = Paper(title="Eins", ids=(("id", "W9"),))  # a user id is not an OpenAlex id
    merged = merge_papers([a, b, c])
    assert len(merged) == 2
    assert merged[0].ids == (("s2", "abc"), ("openalex", "W9"))
    assert merged[1].ids == (("id", "W9"),)


def test_merge_title_and_year_match():
    a = Paper(title="BERT: Pre-training", year=2019, abstract="short")
    b = Paper(title="bert — pre training", year=2019, abstract="a longer abstract")
    merged = merge_papers([a, b])
    assert len(merged) == 1
    assert merged[0].abstract == "a longer abstract"
    assert merged[0].id == title_id("BERT: Pre-training")


def test_merge_title_alone_only_when_one_year_missing_and_title_long():
    long_dated, long_undated = Paper(title=LONG, year=2024), Paper(title=LONG.upper())
    assert len(merge_papers([long_dated, long_undated])) == 1
    short_dated, short_undated = Paper(title="Attention", year=2017), Paper(title="attention")
    assert len(merge_papers([short_dated, short_undated])) == 2


def test_merge_no_false_merge_of_different_years():
    a, b = Paper(title="Attention", year=2017), Paper(title="Attention", year=2015)
    merged = merge_papers([a, b])
    assert len(merged) == 2
    assert len({p.id for p in merged}) == 2  # same title hash, so the later one is told apart
    assert merged[1].id == f"{title_id('Attention')}:2015"
    assert len(merge_papers([Paper(title=LONG, year=2023), Paper(title=LONG, year=2024)])) == 2


def test_merge_title_match_refused_across_different_dois():
    a = Paper(title=LONG, year=2024, doi="10.1000/a")
    b = Paper(title=LONG, year=2024, doi="10.1000/b")
    c = Paper(title=LONG, year=2024)
    merged = merge_papers([a, b, c])
    assert [p.id for p in merged] == ["doi:10.1000/a", "doi:10.1000/b"]


def test_merge_title_match_refused_across_first_authors_with_no_name_in_common():
    smith = Paper(title="Editorial", year=2012, venue="J. One", authors=("John Smith",))
    jones = Paper(title="Editorial", year=2012, venue="J. Two", authors=("Mary Jones", "John Smith"))
    unsigned = Paper(title="Editorial", year=2012)
    assert len(merge_papers([smith, jones])) == 2
    assert len(merge_papers([smith, jones, unsigned])) == 2  # a copy without authors joins one of them
    # the same first author written otherwise, or with the name parts the other way round
    assert len(merge_papers([Paper(title=LONG, year=2024, authors=("Diederik P. Kingma",)),
                             Paper(title=LONG, year=2024, authors=("D. Kingma", "J. Ba"))])) == 1
    assert len(merge_papers([Paper(title=LONG, year=2024, authors=("Wei Zhang",)),
                             Paper(title=LONG, authors=("Zhang Wei",))])) == 1


def test_merge_is_transitive():
    a = Paper(title="A", doi="10.1000/x")
    b = Paper(title="B", doi="10.1000/x", arxiv_id="2301.00001")
    c = Paper(title="C", arxiv_id="2301.00001v3", ids=(("s2", "s"),))
    d = Paper(title="D", ids=(("s2", "s"),))
    merged = merge_papers([a, d, b, c])
    assert len(merged) == 1
    assert (merged[0].doi, merged[0].arxiv_id, merged[0].title) == ("10.1000/x", "2301.00001", "A")


def test_merge_keeps_richest_fields():
    daily = Paper(title=LONG, abstract="A long abstract from the listing, the longest one.", n_authors=5,
                  date="2024-02-11", year=2024, source="daily.txt:13")
    bib = Paper(title=LONG, abstract="Short.", authors=("A B", "C D", "E F"), year=2024, venue="ICML",
                doi="10.1000/r", references=(PaperRef(doi="10.1000/x"), PaperRef(title="Some Cited Work", year=2020)),
                source="refs.bib:2", external=True)
    json_copy = Paper(title="", abstract="", authors=("A B",), doi="10.1000/R", url="https://e.org/r",
                      ids=(("id", "p1"),),
                      references=(PaperRef(doi="10.1000/X"), PaperRef(title="some cited work!", year=2020),
                                  PaperRef(arxiv_id="2101.00001")))
    (merged,) = merge_papers([daily, bib, json_copy])
    assert merged.title == LONG
    assert merged.abstract == daily.abstract
    assert merged.authors == ("A B", "C D", "E F")
    assert merged.n_authors == 5
    assert (merged.date, merged.year, merged.venue, merged.url) == ("2024-02-11", 2024, "ICML", "https://e.org/r")
    assert merged.ids == (("id", "p1"),)
    assert merged.references == (PaperRef(doi="10.1000/x"), PaperRef(title="Some Cited Work", year=2020),
                                 PaperRef(arxiv_id="2101.00001"))
    assert merged.external is False
    assert merged.source == "daily.txt:13"
    assert merged.id == "doi:10.1000/r"


def test_merge_id_stable_whatever_the_order():
    copies = [
        Paper(title=LONG, year=2024),
        Paper(title=LONG, ids=(("id", "p-routers"),), year=2024),
        Paper(title=LONG.lower(), doi="10.1000/routers", year=2024),
        Paper(title=LONG, ids=(("s2", "zzz"),)),
    ]
    ids = {tuple(p.id for p in merge_papers(order)) for order in permutations(copies)}
    assert ids == {("doi:10.1000/routers",)}
    no_doi = [c for c in copies if not c.doi]
    ids = {tuple(p.id for p in merge_papers(order)) for order in permutations(no_doi)}
    assert ids == {("p-routers",)}


def test_merge_output_order_is_first_appearance():
    papers = [Paper(title="Third Paper Title", year=1), Paper(title="First", doi="10.1000/a"),
              Paper(title="Second", doi="10.1000/b"), Paper(title="First again", doi="10.1000/A")]
    assert [p.title for p in merge_papers(papers)] == ["Third Paper Title", "First", "Second"]


def test_merge_fixture_files_merge_across_formats():
    result = read_papers([FIXTURES], skip_bad=True)
    merged = merge_papers(result.papers)
    titles = [p.title for p in merged]
    # the routers paper is one paper in every file: JSON id, BibTeX DOI and title + year tie them
    assert titles.count(LONG) == 1
    routers = merged[titles.index(LONG)]
    assert routers.id == "doi:10.1000/routers.2024"
    assert routers.n_authors == 3 and routers.venue in ("Journal of Small Models & Friends", "ICML")
    sketch = [p for p in merged if p.title == "Graph Sketches for Citation Networks"]
    assert len(sketch) == 1 and sketch[0].id == "doi:10.1000/sketch.2023"
    assert sketch[0].arxiv_id == "2301.01234"


def test_merge_refs_deduplicates_by_any_key():
    refs = merge_refs([PaperRef(doi="10.1000/a"), PaperRef(doi="10.1000/a", title="T Paper Title Long Enough"),
                       PaperRef(title="t paper title long enough"), PaperRef(ids=(("id", "x"),))])
    assert refs == (PaperRef(doi="10.1000/a", title="T Paper Title Long Enough"), PaperRef(ids=(("id", "x"),)))


def test_merge_resolve_references_pairs_and_shared_stubs():
    a = Paper(title="Paper A", doi="10.1000/a", references=(
        PaperRef(arxiv_id="2301.00002v4"),                        # -> B by arXiv id
        PaperRef(title="paper c: a title long enough to match", year=2020),     # -> C by title + year
        PaperRef(doi="10.1000/a"),                                    # self-citation: dropped
        PaperRef(doi="10.9999/outside", title="An Outside Work Everyone Cites"),
        PaperRef(arxiv_id="2301.00002"),                           # duplicate pair: dropped
    ))
    b = Paper(title="Paper B", arxiv_id="2301.00002", references=(
        PaperRef(title="An outside work everyone cites", year=2018),  # same outside work, by title
        PaperRef(doi="10.1000/a"),                                       # -> A by DOI
        PaperRef(title="Paper C A Title Long Enough To Match"),                    # -> C by title alone (no year)
    ))
    c = Paper(title="Paper C: A Title Long Enough to Match", year=2020,
              references=(PaperRef(title="Attention", year=2015),))
    d = Paper(title="Attention", year=2017)
    pairs, stubs = resolve_references([a, b, c, d])
    c_id, d_id = c.id, d.id
    assert len(stubs) == 2
    outside, attention = stubs
    assert outside.external and attention.external
    assert (outside.doi, outside.title, outside.year) == ("10.9999/outside", "An Outside Work Everyone Cites", 2018)
    assert attention.id != d_id and attention.year == 2015  # a short title with another year is not D
    assert pairs == [
        ("doi:10.1000/a", "arxiv:2301.00002"), ("doi:10.1000/a", c_id), ("doi:10.1000/a", "doi:10.9999/outside"),
        ("arxiv:2301.00002", "doi:10.9999/outside"), ("arxiv:2301.00002", "doi:10.1000/a"),
        ("arxiv:2301.00002", c_id), (c_id, attention.id),
    ]
    assert d_id not in {cited for _, cited in pairs}


def test_merge_resolve_references_without_references():
    assert resolve_references([Paper(title="Alone")]) == ([], [])


# -- ids and versions (issue 11) -----------------------------------------------------------------

def _old_title_id(title: str) -> str:
    """The title id as graphbuild computed it before scripts other than Latin were kept."""
    import hashlib
    import re
    import unicodedata

    norm = re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKD", title).casefold())
    return "title:" + hashlib.sha1(norm.encode()).hexdigest()[:16]


def test_merge_latin_title_ids_are_unchanged():
    titles = ["Attention Is All You Need", "β-VAE: Learning Basic Visual Concepts", "Über Café-Modelle: ﬁne-tuning",
              "Łódź: a dataset", "ＢＥＲＴ², revisited", "Ångström-level protein models!?"]
    assert [title_id(t) for t in titles] == [_old_title_id(t) for t in titles]
    assert title_id("Attention Is All You Need") == "title:" + __import__("hashlib").sha1(
        b"attentionisallyouneed").hexdigest()[:16]


def test_merge_non_latin_titles_get_distinct_stable_ids():
    titles = ["深度学习中的注意力机制", "图神经网络综述", "Трансформеры для текста", "Графовые нейронные сети",
              "ニューラル機械翻訳の研究"]
    ids = [Paper(title=t).id for t in titles]
    assert len(set(ids)) == 5 and ids == [Paper(title=t).id for t in titles]
    assert len(merge_papers([Paper(title=t) for t in titles * 2])) == 5


def test_cli_rebuild_with_non_latin_titles_never_duplicates(tmp_path, capsys):
    import json

    from graphbuild.cli import main
    from graphbuild.workspace import Workspace

    path = tmp_path / "cjk.jsonl"
    path.write_text("".join(json.dumps({"title": t, "abstract": "我们提出一个模型。"}, ensure_ascii=False)
                            + "\n" for t in ["深度学习中的注意力机制", "图神经网络综述", "Трансформеры для текста",
                                             "Графовые нейронные сети", "ニューラル機械翻訳の研究"]), encoding="utf-8")
    ws = tmp_path / "ws"
    for _ in range(3):
        assert main(["build", str(path), "-w", str(ws), "--no-overview"]) == 0
    assert len([p for p in Workspace(ws).papers() if not p.external]) == 5


def test_merge_arxiv_datacite_doi_is_the_arxiv_id():
    preprint = Paper(title="Adam: A Method for Stochastic Optimization", arxiv_id="1412.6980", year=2014)
    bib = Paper(title="Adam: a method for stochastic optimization (extended)", doi="10.48550/arXiv.1412.6980",
                year=2015)
    assert bib.id == "arxiv:1412.6980" and bib.doi is None
    assert len(merge_papers([preprint, bib])) == 1
    assert PaperRef.from_value("https://doi.org/10.48550/ARXIV.1412.6980").id == "arxiv:1412.6980"


def test_merge_preprint_and_published_version_become_one_paper():
    preprint = Paper(title="Deep Residual Learning for Image Recognition", arxiv_id="1512.03385", year=2015,
                     authors=("Kaiming He", "Xiangyu Zhang"), abstract="short")
    published = Paper(title="Deep residual learning for image recognition.", doi="10.1109/CVPR.2016.90",
                      year=2016, authors=("K. He", "X. Zhang", "S. Ren", "J. Sun"), venue="CVPR",
                      abstract="a longer abstract of the published version")
    other_author = Paper(title="Deep Residual Learning for Image Recognition", year=2017, authors=("A. Nobody",))
    far_year = Paper(title="Deep Residual Learning for Image Recognition", year=2019, authors=("Kaiming He",))
    merged = merge_papers([preprint, published, other_author, far_year])
    assert len(merged) == 3
    [both] = [p for p in merged if p.doi]
    assert both.arxiv_id == "1512.03385" and both.venue == "CVPR" and len(both.authors) == 4
    assert both.abstract == "a longer abstract of the published version"


def test_merge_versions_do_not_double_inferred_citations():
    preprint = Paper(title="Deep Residual Learning for Image Recognition", arxiv_id="1512.03385", year=2015,
                     authors=("Kaiming He",))
    published = Paper(title="Deep Residual Learning for Image Recognition", doi="10.1109/CVPR.2016.90", year=2016,
                      authors=("Kaiming He",))
    citing = Paper(title="A paper citing both forms", year=2020,
                   references=(PaperRef(arxiv_id="1512.03385"), PaperRef(doi="10.1109/cvpr.2016.90")))
    papers = merge_papers([preprint, published, citing])
    pairs, stubs = resolve_references(papers)
    assert pairs == [(citing.id, "doi:10.1109/cvpr.2016.90")] and stubs == []
