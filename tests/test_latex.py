"""The fast LaTeX decoder and BibTeX scanner agree with pylatexenc and bibtexparser."""

from __future__ import annotations

import pytest

from graphbuild.ingest.bibtex_fast import _parse_with_bibtexparser, parse_bibtex, scan_bibtex
from graphbuild.ingest.latex import decode_latex, needs_decoding, slow_decode

CASES = [
    'M{\\"u}ller', 'M\\"uller', 'M\\"{u}ller', "\\'{\\i}", "\\'\\i", "Fran{\\c{c}}ois", "\\c c", "{\\ss}e",
    "Stra\\ss e", "Stra\\ss{}e", "{\\O}stergaard", "Dvo{\\v{r}}{\\'a}k", "Erd{\\H{o}}s", "\\aa x", "{\\aa}",
    "\\textbf{Bold} \\emph{x}", "{BERT}: {A} b", "x \\& y \\% z \\_ \\# \\$", "\\url{http://a.b/c_d}",
    "\\L{}ukasz", "{\\L}ukasz", "\\'E", "\\`{a}", "\\^o", "\\=a", "\\.z", "\\u{a}", "\\k{a}", "\\r{a}",
    "\\d{a}", "\\b{a}", "\\~n", "\\~{n}", "{\\'{e}}", "\\textit{a}b", "a\\,b", "\\ae\\oe", "\\i", "x\\ y",
    '{\\"{o}}', '\\"O', "e.g.\\ this", '\\" o', "a--b---c", "a~b", "``quoted'' text",
    # inline math keeps its braces on the fast path, as pylatexenc keeps math verbatim
    "Scaling as $n^{12}$ and $2^{-k}$ for {BERT}", '$x^2_{i}$ of M{\\"u}ller', "$a_{b}--c$ and {c}--d",
    # not in the fast table: these go the slow way
    "\\t{oo}", "\\'{}", "$\\alpha$-Net", "\\alpha", "A \\unknownmacro{x} y",
]


@pytest.mark.parametrize("text", CASES)
def test_latex_decode_equals_pylatexenc(text):
    assert decode_latex(text) == slow_decode(text)


def test_latex_inline_math_keeps_its_braces():
    """Braces inside math group a script (``$2^{-k}$`` is not ``$2^-k$``): they are kept, while the text around
    the math is unbraced and decoded as before; an escaped dollar opens no math, and ``$5 or $10`` is none."""
    assert decode_latex("Scaling as $n^{12}$ and $2^{-k}$ for {BERT}") == "Scaling as $n^{12}$ and $2^{-k}$ for BERT"
    assert decode_latex('Sums $x^2_{i}$ by M{\\"u}ller') == "Sums $x^2_{i}$ by Müller"
    assert decode_latex("Costs \\$ {5} and $y_{t}$") == "Costs $ 5 and $y_{t}$"
    assert decode_latex("{A} $5 or $10 {B}") == "A $5 or $10 B"
    assert decode_latex("\\textbf{$z^{2}$} in {GPT}") == "$z^{2}$ in GPT"


def test_latex_decode_known_values():
    assert decode_latex("Dvo{\\v{r}}{\\'a}k and Sch{\\\"o}lkopf") == "Dvořák and Schölkopf"
    assert decode_latex("{\\O}stergaard, Erd{\\H{o}}s, Stra{\\ss}e") == "Østergaard, Erdős, Straße"


def test_latex_plain_text_is_returned_as_is():
    text = "Plain words, 12% better & faster: no markup (at all)."
    assert not needs_decoding(text)
    assert decode_latex(text) is text


def test_latex_bare_percent_and_ampersand_are_kept():
    # pylatexenc alone reads % as a comment (dropping the rest) and & as a column separator
    assert decode_latex("{BERT} gains 12% on MS MARCO & TREC") == "BERT gains 12% on MS MARCO & TREC"
    assert slow_decode("$x$ gains 12% on A & B") == "$x$ gains 12% on A & B"


WELL_FORMED = r"""% an export
@inproceedings{10.1145/1,
author = {M{\"u}ller, J{\"o}rg and van der Berg, Ada and Grace Brewster and Smith, Jr., John},
title = {{BERT}: Ranking with {\O}stergaard's Trick},
year = {2021},
booktitle = "Proc. of {SIGIR} '21",
abstract = {No markup here, 12% better.},
pages = {1--9}
}

@comment{ignored {nested} text}
@article{k2, title = "Quoted {T}itle", year = 2020, author = {Byron, Ada}}
"""


def _fields(block):
    return block.key, {k.lower(): f.value for k, f in block.fields_dict.items()}


def test_bibtex_fast_scan_equals_bibtexparser():
    scanned = scan_bibtex(WELL_FORMED)
    assert scanned is not None
    full = list(_parse_with_bibtexparser(WELL_FORMED))
    assert [(line, _fields(b)) for line, b in scanned] == [(line, _fields(b)) for line, b in full]
    _, first = scanned[0]
    assert first.fields_dict["author"].value == ["Jörg Müller", "Ada van der Berg", "Grace Brewster",
                                                 "John Smith Jr."]
    assert first.fields_dict["title"].value == "BERT: Ranking with Østergaard's Trick"
    assert [line for line, _ in scanned] == [2, 12]


@pytest.mark.parametrize("text", [
    "@string(acm = {ACM})\n@misc{a, title = {T}, publisher = acm}\n",
    "@misc{a, title = {T}}\n@misc{a, title = {U}}\n",
    "@misc{a, title = {T}, title = {U}}\n",
    "@misc{a, title = {Never closes,\n  author = {X}\n\n@misc{b, title = {B}}\n",
    "@misc{a, title = {A} {B}}\n",
    "@misc{a, title = {A} # }\n",
    "@misc{a, title = {Escaped \\{ brace}}\n",
])
def test_bibtex_fast_hands_unusual_files_to_bibtexparser(text):
    assert scan_bibtex(text) is None
    assert [line for line, _ in parse_bibtex(text)] == [line for line, _ in _parse_with_bibtexparser(text)]


def _rows(blocks):
    return [(line, b.key, b.problem, _fields(b)[1]) for line, b in blocks]


def _both_paths(text):
    """What the scanner and the bibtexparser fallback read from ``text`` (the scanner must handle it)."""
    scanned = scan_bibtex(text)
    assert scanned is not None
    return _rows(scanned), _rows(_parse_with_bibtexparser(text))


MACROS = r"""@string{nips = "Advances in Neural Information Processing Systems"}
@string{pre = "Deep "}
@STRING{ Auth = {M{\"u}ller, J{\"o}rg} }
@string{pair = auth # " and " # {Byron, Ada}}
@inproceedings{a1,
  title = pre # "Residual Learning",
  booktitle = NIPS,
  author = pair,
  year = 2016, month = jun,
  note = "quoted " # {braced} # 12 # " " # Pre # dec
}
"""
MACROS_EXPECTED = [(5, "a1", "", {
    "title": "Deep Residual Learning", "booktitle": "Advances in Neural Information Processing Systems",
    "author": ["Jörg Müller", "Ada Byron"], "year": "2016", "month": "June",
    "note": "quoted braced12 Deep December"})]


def test_bibtex_fast_macros_and_concatenation_read_as_bibtex_does():
    scanned, full = _both_paths(MACROS)
    assert scanned == full == MACROS_EXPECTED


def test_bibtex_fast_macros_same_when_the_file_goes_to_bibtexparser():
    # an escaped brace elsewhere sends the whole file to bibtexparser; the macros must read the same
    text = MACROS + "@misc{esc, title = {Escaped \\{ brace}}\n"
    assert scan_bibtex(text) is None
    rows = _rows(parse_bibtex(text))
    assert rows[:1] == MACROS_EXPECTED and rows[1][1] == "esc"


@pytest.mark.parametrize("value, expected", [
    ('"quoted"', "quoted"), ("{braced}", "braced"), ("2016", "2016"), ("mac", "M"),
    ('"a" # {b}', "ab"), ('{a} # "b"', "ab"), ('"a" # 7', "a7"), ("7 # {b}", "7b"), ("mac # mac", "MM"),
    ('mac#"x"#{y}#3', "Mxy3"), ('"a"\n   # mac\n   # "b"', "aMb"), ("{x {nested} y} # mac", "x nested yM"),
])
def test_bibtex_fast_concatenation_of_each_part_kind(value, expected):
    text = f"@string{{mac = {{M}}}}\n@misc{{k, title = {{T}}, note = {value}}}\n"
    scanned, full = _both_paths(text)
    assert scanned == full
    assert scanned[0][3]["note"] == expected


def test_bibtex_fast_month_macros_give_the_month_names():
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    text = "".join(f"@misc{{m{i}, title = {{T}}, month = {m}}}\n" for i, m in enumerate(months))
    scanned, full = _both_paths(text)
    assert scanned == full
    assert [row[3]["month"] for row in scanned] == [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December"]


def test_bibtex_fast_standard_journal_macros_are_predefined():
    text = "@article{a, title = {T}, journal = JACM}\n@article{b, title = {U}, journal = tods # { (special)}}\n"
    scanned, full = _both_paths(text)
    assert scanned == full
    assert [row[3]["journal"] for row in scanned] == ["Journal of the ACM",
                                                      "ACM Transactions on Database Systems (special)"]


def test_bibtex_fast_macro_names_ignore_case_and_a_string_can_redefine_one():
    text = ("@String{NeurIPS = {NeurIPS}}\n@misc{a, title = neurips # NEURIPS, month = JUN}\n"
            "@string{neurips = {Neural IPS}}\n@string{Jun = {Juni}}\n@misc{b, title = NeurIPS, month = jun}\n")
    scanned, full = _both_paths(text)
    assert scanned == full
    assert [(row[3]["title"], row[3]["month"]) for row in scanned] == [
        ("NeurIPSNeurIPS", "June"), ("Neural IPS", "Juni")]


def test_bibtex_fast_undefined_macro_is_the_entry_s_problem():
    text = ("@misc{early, title = nips # { 2020}, note = nope # {x}}\n\n"
            "@string{nips = {NeurIPS}}\n@string{bad = nips # missing}\n@misc{late, title = nips # bad}\n")
    scanned, full = _both_paths(text)
    assert scanned == full
    (line1, key1, problem1, fields1), (line2, key2, problem2, _), (line3, key3, problem3, fields3) = scanned
    assert (line1, key1, fields1["title"], fields1["note"]) == (1, "early", " 2020", "x")
    assert problem1 == ("entry 'early' uses undefined BibTeX macros 'nips' in title (its @string comes later, "
                        "at line 3), 'nope' in note; put an @string{name = ...} for each above its first use")
    assert (line2, key2) == (4, "bad") and problem2.startswith("@string 'bad' uses undefined BibTeX macro 'missing';")
    # an entry using a macro whose @string had the problem is itself fine: the error is the @string's
    assert (line3, key3, problem3, fields3["title"]) == (5, "late", "", "NeurIPSNeurIPS")


def test_read_papers_reports_progress_lines_when_stderr_is_not_a_terminal(tmp_path, capsys):
    from graphbuild.ingest import read_papers

    bib = tmp_path / "lib.bib"
    bib.write_text("@misc{a, title = {First}}\n@misc{b, title = {Second}}\n@misc{c, title = {Third}}\n")
    assert len(read_papers([bib], progress=True).papers) == 3
    assert capsys.readouterr().err.splitlines()[-1] == "reading: 3 records"
    read_papers([bib])
    assert capsys.readouterr().err == ""


def test_latex_logos_keep_their_names():
    # pylatexenc drops \LaTeX and \TeX; a title "A study of \LaTeX" lost its last word
    assert decode_latex("On \\LaTeX\\ and \\TeX{} with \\BibTeX, \\LaTeXe") == "On LaTeX and TeX with BibTeX, LaTeX2e"
    assert decode_latex("$\\alpha$ in \\LaTeX") == "$\\alpha$ in LaTeX"


@pytest.mark.parametrize("command", [
    "cite", "cite*", "citep", "citet", "citealp", "citealt", "citeauthor", "citeauthor*", "Citeauthor", "Citet",
    "citeyear", "citeyearpar", "citenum", "nocite", "parencite", "Parencite", "textcite", "Textcite", "autocite",
    "footcite", "smartcite", "supercite", "fullcite",
])
def test_latex_every_citation_command_is_a_citation_not_text(command):
    """``\\parencite{key}`` and ``\\textcite{key}`` left their keys as words (``\\citet`` gave ``<cit.>`` in a
    BibTeX abstract); natbib's and biblatex's forms are all citations, with or without notes.
    """
    from graphbuild.ingest.fields import clean_text
    from graphbuild.ingest.latex import CITATION

    for cite in (f"\\{command}{{hu2021lora}}", f"\\{command}[see][p.~3]{{hu2021lora, dettmers2023}}"):
        text = f"We adapt GPT-3~{cite} with low-rank updates."
        assert CITATION.search(text).group() == f"~{cite}"
        assert clean_text(text) == "We adapt GPT-3 with low-rank updates."  # how readers and `related` read text
        assert decode_latex(text) == "We adapt GPT-3 with low-rank updates."  # a BibTeX field
    assert clean_text("as \\parencites[see][]{a}{b} show") == "as show"  # biblatex's multi-citation form
