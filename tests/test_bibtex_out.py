"""BibTeX output: keys, fields and escaping, read back with bibtexparser."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from graph_fixture import two_paper_workspace

from graphbuild.bibtex_out import bib_entry, bibtex_entries, bibtex_key, graph_bibtex, latex_escape, render_bibtex
from graphbuild.cli import main
from graphbuild.records import Paper

ATTENTION = Paper(title="Attention Is All You Need", authors=("Ashish Vaswani", "Noam Shazeer"), year=2017,
                  venue="Advances in Neural Information Processing Systems (NeurIPS)", arxiv_id="1706.03762")
BERT = Paper(title="BERT: Pre-training of Deep Bidirectional Transformers", authors=("Jacob Devlin",),
             year=2019, venue="Proceedings of NAACL-HLT", doi="10.18653/v1/N19-1423")
JOURNAL = Paper(title="The R&D of 100% fast $-costs #1_a {x} ~y^z \\ done", authors=("Müller, Jörg",),
                year=2021, venue="Journal of Stuff & Things", url="https://example.org/a_b?x=1#frag")
ARXIV_ONLY = Paper(title="A Survey on Graphs", authors=("Li Wei",), year=2023, venue="arXiv",
                   arxiv_id="2301.00001v2")


def parse(text: str) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    return {e.key: {"ENTRYTYPE": e.entry_type, **{f.key: f.value for f in e.fields}} for e in library.entries}


def test_bibtex_out_keys_follow_surname_year_word() -> None:
    assert bibtex_key(ATTENTION) == "vaswani2017attention"
    assert bibtex_key(BERT) == "devlin2019bert"
    assert bibtex_key(JOURNAL) == "muller2021rd"  # "The" skipped, "R&D" folded
    assert bibtex_key(Paper(title="On the Edge")) == "anon_nd_edge"


def test_bibtex_out_fields_read_back_with_bibtexparser() -> None:
    entries = parse(render_bibtex([ATTENTION, BERT, JOURNAL, ARXIV_ONLY]))
    assert list(entries) == ["vaswani2017attention", "devlin2019bert", "muller2021rd", "wei2023survey"]
    att = entries["vaswani2017attention"]
    assert att["ENTRYTYPE"] == "inproceedings"
    assert att["author"] == "Vaswani, Ashish and Shazeer, Noam"
    assert att["booktitle"] == "Advances in Neural Information Processing Systems (NeurIPS)"
    assert (att["eprint"], att["archivePrefix"], att["year"]) == ("1706.03762", "arXiv", "2017")
    assert att["url"] == "https://arxiv.org/abs/1706.03762"
    bert = entries["devlin2019bert"]
    assert bert["ENTRYTYPE"] == "inproceedings" and bert["doi"] == "10.18653/v1/n19-1423"
    assert bert["title"] == "{BERT:} Pre-training of Deep Bidirectional Transformers"  # keeps its case
    assert bert["url"] == "https://doi.org/10.18653/v1/n19-1423"
    journal = entries["muller2021rd"]
    assert journal["ENTRYTYPE"] == "article" and journal["journal"] == r"Journal of Stuff \& Things"
    assert journal["author"] == "Müller, Jörg"
    assert journal["url"] == "https://example.org/a_b?x=1#frag"
    survey = entries["wei2023survey"]
    assert survey["ENTRYTYPE"] == "misc" and "journal" not in survey and survey["eprint"] == "2301.00001"


def test_bibtex_out_escapes_latex_specials() -> None:
    title = dict(bib_entry(JOURNAL).fields)["title"]
    assert title == (r"The R\&D of 100\% fast \$-costs \#1\_a \{x\} \textasciitilde{}y\textasciicircum{}z "
                     r"\textbackslash{} done")
    assert parse(bib_entry(JOURNAL).render())["muller2021rd"]["title"] == title
    assert latex_escape("  two\n lines ") == "two lines"


def test_bibtex_out_unbalanced_braces_keep_the_entry_closed_and_read_back(tmp_path: Path) -> None:
    """BibTeX counts an escaped brace too: a lone \\{ left the value open and swallowed the next entries."""
    from graphbuild.ingest.bibtex import read_bibtex

    odd = Paper(title="Sets } of {x} and { more", authors=("Jo}hn {Doe",), venue="Conf {unbalanced", year=2024)
    papers = [odd, Paper(title="The next entry", year=2023)]
    text = render_bibtex(papers)
    for entry in text.split("\n@"):
        assert entry.count("{") == entry.count("}")  # as BibTeX counts them, backslash or not
    assert r"Sets \textbraceright{} of \{x\} and \textbraceleft{} more" in text
    path = tmp_path / "odd.bib"
    path.write_text(text, encoding="utf-8")
    read = list(read_bibtex(path))
    assert [(p.title, p.authors, p.venue) for p in read] == [
        ("Sets } of {x} and { more", ("Jo}hn {Doe",), "Conf {unbalanced"), ("The next entry", (), None)]


def test_bibtex_out_specials_read_back_as_written(tmp_path: Path) -> None:
    """Every escaped special reads back as itself: ``^`` came back as the modifier letter ``ˆ``, and a lone
    brace was lost when the title also held a macro only pylatexenc knows (``\\textbackslash``)."""
    from graphbuild.ingest.bibtex import read_bibtex

    titles = ["Carets ^ and tildes ~ in x^2", "A \\ path ^ with { one brace", "Plain { brace ^ only"]
    path = tmp_path / "specials.bib"
    path.write_text(render_bibtex([Paper(title=t, year=2020 + i, authors=("Ann Lee",)) for i, t in enumerate(titles)]),
                    encoding="utf-8")
    assert sorted(p.title for p in read_bibtex(path)) == sorted(titles)


def test_bibtex_out_cited_paper_known_by_a_service_id_says_which_it_is() -> None:
    """A stub the corpus cites by its OpenAlex or Semantic Scholar id alone was an entry 'Untitled' with nothing
    naming it; its entry now links it at that service (a DOI, arXiv id or url of its own still wins)."""
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("openalex:W4242", label="Paper", external=True)
    G.add_node("s2:" + "ab" * 20, label="Paper", external=True)
    G.add_node("corpus:88", label="Paper", external=True)
    G.add_node("openalex:W1", label="Paper", title="Known", doi="10.1000/k1")
    urls = [dict(e.fields).get("url") for e in bibtex_entries(
        {**G.nodes[n], "id": n} for n in ["openalex:W4242", "s2:" + "ab" * 20, "corpus:88", "openalex:W1"])]
    assert urls == ["https://openalex.org/W4242", "https://www.semanticscholar.org/paper/" + "ab" * 20, None,
                    "https://doi.org/10.1000/k1"]
    assert "https://openalex.org/W4242" in graph_bibtex(G, ["openalex:W4242"])


def test_bibtex_out_collisions_get_deterministic_suffixes() -> None:
    a = Paper(title="Graph Networks", authors=("Ann Smith",), year=2020, id="doi:10.1/b")
    b = Paper(title="Graph networks again", authors=("Bob Smith",), year=2020, id="doi:10.1/a")
    c = Paper(title="Graph Things", authors=("C. Smith",), year=2020, id="doi:10.1/c")
    keys = [e.key for e in bibtex_entries([a, b, c, a])]
    assert keys == ["smith2020graphb", "smith2020graph", "smith2020graphc"]  # by id, a given twice
    assert [e.key for e in bibtex_entries([c, b, a])] == ["smith2020graphc", "smith2020graph", "smith2020graphb"]
    assert len(parse(render_bibtex([a, b, c]))) == 3


def test_bibtex_out_corporate_and_particle_names_read_back_whole(tmp_path: Path) -> None:
    """A corporate name is written in braces (one name to BibTeX and reference managers); a person's
    von and Jr parts go where BibTeX looks for them; graphbuild's reader gives every name back."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    from graphbuild.ingest.bibtex import read_bibtex

    authors = ("Barnes and Noble, Inc.", "Google Research, Brain Team", "Apple, Inc.", "R&D Lab, Ltd.",
               "Jan van der Berg Jr.", "Ludwig van Beethoven", "Ayşe Öztürk", "Müller, Jörg", "OpenAI")
    paper = Paper(title="Names", authors=authors, year=2024)
    field = dict(bib_entry(paper).fields)["author"]
    assert split_multiple_persons_names(field) == [
        "{Barnes and Noble, Inc.}", "{Google Research, Brain Team}", "{Apple, Inc.}", r"{R\&D Lab, Ltd.}",
        "van der Berg, Jr., Jan", "van Beethoven, Ludwig", "Öztürk, Ayşe", "Müller, Jörg", "OpenAI"]
    path = tmp_path / "names.bib"
    path.write_text(render_bibtex([paper]), encoding="utf-8")
    [read] = read_bibtex(path)
    assert isinstance(read, Paper) and read.authors == authors[:7] + ("Jörg Müller", "OpenAI")
    assert bibtex_key(paper) == "barnesandnoble2024names"
    assert bibtex_key(Paper(title="Names", authors=("Jan van der Berg Jr.",), year=2024)) == "berg2024names"


@pytest.mark.parametrize("record", [
    {"id": "x", "title": "Only a title"},
    {"id": "y", "title": "Graph node", "authors": ["Z"], "year": 2024, "venue": None, "doi": None,
     "arxiv_id": None, "url": None, "external": True},
])
def test_bibtex_out_sparse_records_are_valid(record: dict) -> None:
    entries = parse(render_bibtex([record]))
    assert len(entries) == 1
    (entry,) = entries.values()
    assert entry["ENTRYTYPE"] == "misc" and entry["title"]


def test_bibtex_out_cli_citations_and_related(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["citations", "-w", str(built), "--format", "bibtex"]) == 0
    cited = parse(capsys.readouterr().out)
    assert {e["eprint"] for e in cited.values()} == {"2106.09685", "1902.00751"}
    assert main(["related", "-w", str(built), "arXiv:2301.00001", "-k", "3", "--format", "bibtex"]) == 0
    related = parse(capsys.readouterr().out)
    assert 1 <= len(related) <= 3
    assert all(e["title"] and e["url"] for e in related.values())


def test_bibtex_out_cli_nothing_cited_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """citations --format bibtex on a corpus citing nothing printed nothing at all, where the table says (no rows)."""
    ws = two_paper_workspace(tmp_path, cites=False)
    capsys.readouterr()
    assert main(["citations", "-w", ws, "--format", "bibtex"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == "graphbuild: no cited papers to list"


def test_bibtex_out_a_suffixed_key_is_never_another_papers_key() -> None:
    """Two "Net ..." papers and a "NetB ..." paper of one surname and year got the key smith2020netb twice;
    BibTeX keeps one entry of a key, so a citation pointed at the wrong paper."""
    a = Paper(title="Net for graphs", authors=("Ann Smith",), year=2020, id="a")
    b = Paper(title="Net for trees", authors=("Bo Smith",), year=2020, id="b")
    c = Paper(title="NetB: a second net", authors=("Cy Smith",), year=2020, id="c")
    d = Paper(title="Net for sets", authors=("Di Smith",), year=2020, id="d")
    for order in ([a, b, c, d], [d, c, b, a]):
        keys = {p.id: e.key for p, e in zip(order, bibtex_entries(order))}
        assert keys == {"a": "smith2020net", "b": "smith2020netc", "c": "smith2020netb", "d": "smith2020netd"}
    assert len(parse(render_bibtex([a, b, c, d]))) == 4


def test_bibtex_out_inline_math_is_kept_as_written(tmp_path: Path) -> None:
    r"""A title holding math (``$\alpha$-VAE``), as arXiv and .bib files give it, was escaped to
    ``\$\textbackslash{}alpha\$``: the paper's reference list then showed the dollars and the backslash.
    Math is now written as is; a dollar amount, and a span holding ``%``, ``&`` or a lone brace, are escaped."""
    from graphbuild.ingest.bibtex import read_bibtex

    title = r"$\alpha$-VAE and $k$-means in $O(n \log n)$ for $5 or $10"
    written = dict(bib_entry(Paper(title=title, year=2024)).fields)["title"]
    assert written == r"$\alpha$-VAE and $k$-means in $O(n \log n)$ for \$5 or \$10"
    assert latex_escape(r"$x_1 % y$ and $\frac{a$") == r"\$x\_1 \% y\$ and \$\textbackslash{}frac\textbraceleft{}a\$"
    assert dict(bib_entry(Paper(title="A $O(n \\log aB)$ GloVe")).fields)["title"] == "A $O(n \\log aB)$ {GloVe}"
    path = tmp_path / "math.bib"
    path.write_text(render_bibtex([Paper(title=title, year=2024, authors=("Ann Lee",))]), encoding="utf-8")
    assert [p.title for p in read_bibtex(path)] == [title]
    assert parse(path.read_text(encoding="utf-8"))["lee2024alpha"]["title"] == written


def test_bibtex_out_math_braces_read_back_as_written(tmp_path: Path) -> None:
    """Braces inside math were dropped on reading (``$2^{-k}$`` came back ``$2^-k$``, another exponent): a
    title with math written by ``related --format bibtex`` now reads back as it was, the text around unbraced."""
    from graphbuild.ingest.bibtex import read_bibtex

    titles = ["Scaling as $n^{12}$ and $2^{-k}$", "Sums $x^2_{i}$ over {sets} in GloVe",
              "M\u00fcller's $O(n^{3/2})$ bound"]
    path = tmp_path / "math.bib"
    path.write_text(render_bibtex([Paper(title=t, year=2020 + i, authors=("Ann Lee",)) for i, t in enumerate(titles)]),
                    encoding="utf-8")
    assert "$x^2_{i}$ over \\{sets\\} in {GloVe}" in path.read_text(encoding="utf-8")
    assert sorted(p.title for p in read_bibtex(path)) == sorted(titles)


def test_bibtex_out_backslashes_and_braces_read_back_as_written(tmp_path: Path) -> None:
    r"""A title naming a command (``\textbf{Bold}``) is written ``\textbackslash{}textbf\{Bold\}``; the reader
    decoded that twice and gave ``Bold``. Titles with backslashes, braces and math now read back as written."""
    from graphbuild.ingest.bibtex import read_bibtex

    titles = [r"Use \textbf{Bold} here", r"Macros \cite{k} and \emph{x} as text", r"A \% sign, {braces} and $x^{2}$",
              r"Paths C:\new\{dir\} and \\"]
    path = tmp_path / "escaped.bib"
    path.write_text(render_bibtex([Paper(title=t, year=2020 + i, authors=("Ann Lee",)) for i, t in enumerate(titles)]),
                    encoding="utf-8")
    assert r"Use \textbackslash{}textbf\{Bold\} here" in path.read_text(encoding="utf-8")
    assert sorted(p.title for p in read_bibtex(path)) == sorted(titles)


def test_bibtex_out_cli_entity_papers(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """related --entity X --format bibtex printed the entity's text report: 'refs.bib' held no BibTeX.
    It now holds the papers proposing the entity, then those using it."""
    capsys.readouterr()
    assert main(["related", "-w", str(built), "--entity", "LoRA", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert main(["related", "-w", str(built), "--entity", "LoRA", "--format", "bibtex"]) == 0
    out = capsys.readouterr().out
    entries = parse(out)
    ids = [row[0] for row in report["proposed_by"] + report["used_by"]]
    assert len(entries) == len(set(ids)) >= 2 and out.startswith("@")
    assert next(iter(entries.values()))["eprint"] == "2106.09685"  # the LoRA paper, which proposes it, first


@pytest.mark.parametrize("command", [
    ["related", "arXiv:2301.00001"], ["related", "--external"], ["related", "--entity", "LoRA"], ["citations"],
])
def test_bibtex_out_cli_json_and_bibtex_together_are_refused(built: Path, capsys: pytest.CaptureFixture[str],
                                                            command: list[str]) -> None:
    """--json --format bibtex gave BibTeX for a paper but JSON for --external: one was silently dropped."""
    capsys.readouterr()
    assert main([command[0], "-w", str(built), *command[1:], "--json", "--format", "bibtex"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "[E710] --json and --format bibtex ask for two outputs" in err


def test_bibtex_out_a_groups_name_without_a_comma_is_one_name(tmp_path: Path) -> None:
    """"Gemini Team" was written as a person's name, "Team, Gemini", which styles print "G. Team"; a name
    ending in a group's word (team, group, workshop, research, AI ...) is now braced whole."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    from graphbuild.ingest.bibtex import read_bibtex

    authors = ("Gemini Team", "BigScience Workshop", "Google Research", "Meta AI", "Ann Group-Lee", "Bo Teamer")
    paper = Paper(title="Groups", authors=authors, year=2024)
    assert split_multiple_persons_names(dict(bib_entry(paper).fields)["author"]) == [
        "{Gemini Team}", "{BigScience Workshop}", "{Google Research}", "{Meta AI}", "Group-Lee, Ann", "Teamer, Bo"]
    assert bibtex_key(paper) == "geminiteam2024groups"
    path = tmp_path / "groups.bib"
    path.write_text(render_bibtex([paper]), encoding="utf-8")
    [read] = read_bibtex(path)
    assert isinstance(read, Paper) and read.authors == authors
