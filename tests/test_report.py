"""The report page without a browser: sections, offline-ness, escaping, the CLI."""

from __future__ import annotations

import doctest
import re

import pytest
from graph_fixture import E, small_graph
from test_trends import synthetic_corpus

import graphbuild.charts as charts
import graphbuild.report as report
import graphbuild.termmap as termmap
from graphbuild.communities import add_communities, community_rows
from graphbuild.graph import save_graph
from graphbuild.report import build_report, community_color, leaderboard_section

SECTIONS = ["overview", "entities", "trends", "rising", "bursts", "communities", "leaderboards"]


@pytest.mark.parametrize("module", [charts, report, termmap])
def test_report_doctests_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 1


def _sections(text: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)" class="rp-section">', text)


def test_report_has_every_section_and_no_reference_out(tmp_path):
    G = add_communities(small_graph(), min_papers=1)
    G.nodes["P1"]["venue"] = "https://example.org/venue"
    page = build_report(G, tmp_path / "r.html").read_text()
    assert _sections(page) == SECTIONS
    assert not re.search(r"(?i)(https?|ftp)://", page)
    assert "<script" not in page and "<link rel=\"stylesheet\"" not in page and "src=" not in page
    assert page.count("<svg") >= 8
    for row in community_rows(G):
        assert re.escape(row["name"]) and row["name"] in page
        assert community_color(row["rank"]) in page
    assert "No reported results in this workspace yet" in page
    assert 'href="overview.html#find=LoRA"' in page
    assert ">5</b><span>papers" in page  # the corpus count leaves the external reference out


def test_report_escapes_names_and_titles(tmp_path):
    G = small_graph()
    G.nodes[E["LoRA"]]["name"] = "Lo<b>RA</b> & co"
    G.nodes["P1"]["venue"] = "<script>alert(1)</script>"
    page = build_report(G, tmp_path / "r.html", explorer=None).read_text()
    assert "Lo&lt;b&gt;RA&lt;/b&gt; &amp; co" in page and "<b>RA</b>" not in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "#find=" not in page  # no explorer: no links


def test_report_trends_and_bursts_from_a_planted_corpus(tmp_path):
    page = build_report(synthetic_corpus(), tmp_path / "r.html").read_text()
    bursts = page.split('id="bursts"')[1].split("</section>")[0]
    assert "Bursty: 2017–2019, 36 papers" in bursts
    rising = page.split('id="rising"')[1].split("</section>")[0]
    assert rising.index("Rising") < rising.index("Falling") < rising.index("Fading")
    communities = page.split('id="communities"')[1].split("</section>")[0]
    assert "No communities" in communities  # add_communities was not run on this graph


def test_report_empty_graph_still_renders(tmp_path):
    import networkx as nx

    page = build_report(nx.MultiDiGraph(), tmp_path / "r.html").read_text()
    assert _sections(page) == SECTIONS
    assert page.count('class="rp-empty"') >= 5


def test_report_leaderboard_section_shows_each_result_with_its_evidence():
    G = small_graph()
    assert "rp-empty" in leaderboard_section(G).body
    cell = "result:entity:bert|entity:glue|accuracy|"
    G.add_node(cell, label="Result", id=cell, model="BERT", dataset="GLUE", metric="accuracy", setting="",
               lower_is_better=False)
    G.add_edge(cell, E["GLUE"], key="ON_DATASET")
    G.add_edge("P1", cell, key="REPORTS", metric="accuracy", value=80.5, unit="%",
               evidence="BERT reaches 80.5% <b>accuracy</b> on GLUE.")
    body = leaderboard_section(G).body
    assert "rp-empty" not in body and "80.5%" in body and "1 result(s)" in body
    assert "&lt;b&gt;accuracy&lt;/b&gt;" in body  # evidence escaped


def test_report_cli_links_to_the_workspace_overview(tmp_path, capsys):
    from graphbuild.cli import main

    ws = tmp_path / "ws"
    (ws / "gen-000001").mkdir(parents=True)
    save_graph(add_communities(synthetic_corpus()), ws / "gen-000001" / "graph.json")
    (ws / "CURRENT").write_text("gen-000001\n")
    (ws / "overview.html").write_text("<!DOCTYPE html>")
    out = tmp_path / "out" / "report.html"
    assert main(["report", "-w", str(ws), "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    page = out.read_text()
    assert 'href="../ws/overview.html#find=Bursty"' in page
    assert main(["report", "-w", str(ws), "-o", str(out), "--explorer", ""]) == 0
    assert "#find=" not in out.read_text()
    assert main(["report", "-w", str(tmp_path / "nothing"), "-o", str(out)]) == 1
    assert "[E400]" in capsys.readouterr().err


def test_report_shows_control_characters_as_escapes(tmp_path):
    G = add_communities(small_graph(), min_papers=1)
    G.nodes[E["LoRA"]]["name"] = "Lo\x00RA"  # a NUL the page dropped (tables) or drew as a box (charts)
    G.nodes["P1"]["venue"] = "Venue \x1b[31m red \x85 next"
    G.nodes["P2"]["title"] = "Bell\x07 title"
    page = build_report(G, tmp_path / "r.html").read_text()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
    for shown in ("Lo\\x00RA", "Venue \\x1b[31m red \\x85 next"):
        assert shown in page


def test_report_chart_labels_are_cut_between_drawn_characters():
    flags = "\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea\U0001f1eb\U0001f1f7"
    for n in (14, 16):  # cut by width inside the second flag, and inside the first
        cut = charts.fit("a" * n + flags, 132)
        assert cut.endswith("…") and len(cut.rstrip("…").lstrip("a")) % 2 == 0, cut  # whole flags only
