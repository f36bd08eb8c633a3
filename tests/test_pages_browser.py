"""Hostile names on the offline pages (explorer, report, trends chart), in headless Chromium with the
network off: markup, quotes, template syntax, line separators, right-to-left overrides and very long
names are shown as text, run nothing, break no JSON and do not widen the page past the window."""

from __future__ import annotations

import time

import networkx as nx
import pytest
from graph_fixture import E, small_graph
from test_viz_browser import _assert_clean_load, _open, driver  # noqa: F401  (the shared offline Chromium)

from graphbuild.communities import add_communities
from graphbuild.graph import build_graph
from graphbuild.records import Paper
from graphbuild.report import build_report, render_page, trends_sections
from graphbuild.trends import trends_summary
from graphbuild.viz import render_html, select_subgraph

pytestmark = pytest.mark.browser

SCRIPT = "</script><script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=2>"
TEMPLATE = "\"'`${window.__pwned=3}`"
SEPARATORS = "line\u2028para\u2029end"
SVG = "<svg onload=window.__pwned=4>"
RLO = "!\u202eTFEL"  # an override never closed: shown as !LEFT, and nothing after it may be reversed
LONG = "W" * 20_000  # one word, no place to break


def _hostile_graph() -> nx.MultiDiGraph:
    G = small_graph()
    G.nodes["P1"]["title"] = f"{SCRIPT} {TEMPLATE}"
    G.nodes["P1"]["venue"] = IMG
    G.nodes["P2"]["venue"] = SVG
    G.nodes["P3"]["title"] = SEPARATORS
    G.nodes["P4"]["title"] = LONG
    for name, text in [("LoRA", SCRIPT), ("GPT-3", IMG), ("GLUE", SVG), ("MMLU", RLO), ("Llama", TEMPLATE),
                       ("ViT", SEPARATORS), ("ImageNet", LONG)]:
        G.nodes[E[name]]["name"] = text
    for _, data in G.nodes(data=True):
        if data.get("label") == "Author":
            data["name"] = f"{RLO} {IMG}"
    return add_communities(G, min_papers=1)


def _probe(driver) -> list:  # noqa: F811
    return driver.execute_script(
        "return [typeof window.__pwned, document.querySelectorAll('img, svg[onload], script[src]').length, "
        "document.documentElement.scrollWidth <= window.innerWidth]")


def _left_of(driver, selector: str, text: str) -> float:  # noqa: F811
    """The x of the first character of ``text`` inside the element ``selector`` (it must be there)."""
    return driver.execute_script("""
        var el = document.querySelector(arguments[0]), walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          var at = node.data.indexOf(arguments[1]);
          if (at >= 0) { var r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1);
                         return r.getBoundingClientRect().left; }
        }
        return null;""", selector, text)


def test_pages_browser_report_shows_hostile_names_as_text_within_the_window(driver, tmp_path):  # noqa: F811
    page = build_report(_hostile_graph(), tmp_path / "report.html", title=f"{SCRIPT} {LONG}",
                        explorer="graph.html", min_papers=1)
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(page.resolve().as_uri())
    _assert_clean_load(driver, page)
    assert _probe(driver) == ["undefined", 0, True]  # the 20,000-letter word was 300,000 px wide
    text = driver.execute_script("return document.body.textContent")
    for shown in (SCRIPT, IMG, TEMPLATE, SVG, "line\u2028para"):
        assert shown in text
    assert driver.execute_script("return document.scripts.length") == 0
    widths = driver.execute_script(
        "return Array.from(document.querySelectorAll('section.rp-section')).map(s => s.scrollWidth)")
    assert max(widths) <= driver.execute_script("return window.innerWidth")


def test_pages_browser_report_keeps_a_right_to_left_override_inside_its_name(driver, tmp_path):  # noqa: F811
    page = build_report(_hostile_graph(), tmp_path / "report.html", explorer=None, min_papers=1)
    driver.get(page.resolve().as_uri())
    # without explorer links, a community's top datasets are one comma-separated text: the override in
    # the first name ran on into the names after it, drawing them right to left, before it
    lefts = driver.execute_script("""
        var cell = Array.from(document.querySelectorAll('#communities td')).find(
            c => c.textContent.indexOf(arguments[0]) >= 0 && c.textContent.indexOf('<svg') >= 0);
        var at = function (text) {
          var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (var node = walker.nextNode(); node; node = walker.nextNode()) {
            var i = node.data.indexOf(text);
            if (i >= 0) { var r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                          return r.getBoundingClientRect().left; }
          }
        };
        return [at('TFEL'), at('<svg')];""", RLO)
    assert lefts[0] < lefts[1]


def test_pages_browser_explorer_shows_hostile_names_as_text_within_the_window(driver, tmp_path):  # noqa: F811
    G = _hostile_graph()
    page = render_html(select_subgraph(G, focus=E["MMLU"], hops=2), tmp_path / "graph.html",
                       title=f"{SCRIPT} {LONG}")
    _open(driver, page)
    _assert_clean_load(driver, page)
    assert _probe(driver) == ["undefined", 0, True]
    assert driver.execute_script("return document.scripts.length") == 3
    labels = driver.execute_script("return graphbuild.nodes.get().map(n => n.tip.head)")
    for shown in (SCRIPT, IMG, TEMPLATE, SEPARATORS, RLO, LONG):
        assert any(shown in label for label in labels), shown[:20]
    tip = driver.execute_script("return graphbuild.showTooltip('node', 'P1', 10, 10).textContent")
    assert SCRIPT in tip and TEMPLATE in tip and IMG in tip  # the venue row
    assert SVG in driver.execute_script("return graphbuild.showTooltip('node', 'P2', 10, 10).textContent")
    assert driver.execute_script("return graphbuild.search(arguments[0])", "${window.__pwned=3}") == "P1"
    # the focus name's override stays inside it: the counts after it read left to right, after it
    header = "#gb-reason"
    assert _left_of(driver, header, "TFEL") < _left_of(driver, header, "nodes, ")
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


def test_pages_browser_explorer_kind_of_any_name_can_be_hidden(driver, tmp_path):  # noqa: F811
    G = small_graph()  # a graph of one's own, from Python: its entity types are any text
    kind = "Odd\nKind\\\"]'<b>"
    G.nodes[E["LoRA"]]["type"] = kind
    page = render_html(select_subgraph(G), tmp_path / "graph.html")
    _open(driver, page)
    shown = driver.execute_script("return graphbuild.nodes.length")
    driver.execute_script("Array.from(document.querySelectorAll('input.gb-kind')).pop().click()")  # threw
    assert driver.execute_script("return graphbuild.nodes.get({filter: n => !n.hidden}).length") == shown - 1
    assert driver.execute_script("return graphbuild.setKindVisible(arguments[0], true)", kind) == shown
    assert driver.execute_script("return Array.from(document.querySelectorAll('input.gb-kind')).pop().checked")
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []


@pytest.mark.parametrize("papers", [0, 1, "no entities"])
def test_pages_browser_pages_of_tiny_graphs_load_and_say_so(driver, tmp_path, papers):  # noqa: F811
    if papers == "no entities":
        G = build_graph([Paper(id="P1", title="Alone", year=2020, authors=("A B",)),
                         Paper(id="P2", title="Undated")], [], [], [], [])
    else:
        G = build_graph([Paper(id=f"P{i}", title=f"Paper {i}", year=2020) for i in range(papers)], [], [], [], [])
    G = add_communities(G, min_papers=1)
    explorer = render_html(select_subgraph(G), tmp_path / "graph.html")
    _open(driver, explorer)
    _assert_clean_load(driver, explorer)
    assert driver.execute_script("return graphbuild.nodes.length") == G.number_of_nodes()
    for page in (build_report(G, tmp_path / "report.html", min_papers=1),
                 render_page(trends_sections(trends_summary(G)), tmp_path / "trends.html", title="t")):
        driver.get_log("browser")
        driver.get_log("performance")
        driver.get(page.resolve().as_uri())
        time.sleep(0.1)
        _assert_clean_load(driver, page)
        assert _probe(driver) == ["undefined", 0, True]
        assert "No dated papers mention an entity." in driver.execute_script("return document.body.textContent")


def test_pages_browser_explorer_search_folds_case_as_the_names_are_written(driver, tmp_path):  # noqa: F811
    G = small_graph()  # names whose lower case is not what Python's casefold makes of them
    for key, name in [("LoRA", "Straße-Net"), ("GLUE", "ΟΔΟΣ"), ("MMLU", "ﬁne-Tuner")]:
        G.nodes[E[key]]["name"] = name
    page = render_html(select_subgraph(G), tmp_path / "graph.html")
    _open(driver, page)
    for query, key in [("Straße", "LoRA"), ("STRASSE", "LoRA"), ("ẞ", "LoRA"), ("οδος", "GLUE"),
                       ("ΟΔΟΣ", "GLUE"), ("fine-tuner", "MMLU"), ("ＦＩＮＥ", "MMLU")]:
        # "Straße" and "οδος" found nothing: the names were casefolded in Python ("strasse", "οδοσ"), the query
        # lower-cased in the page ("straße", "οδος")
        assert driver.execute_script("return graphbuild.search(arguments[0])", query) == E[key], query


def test_pages_browser_report_chart_labels_stay_inside_their_charts(driver, tmp_path):  # noqa: F811
    G = small_graph()  # names cut by a count of characters ran past the chart's left edge: their start unseen
    for key, name in [("LoRA", "WWWWWWWWWWWWWWWWWWWWWWW"), ("GPT-3", "ordinary name of a method"),
                      ("GLUE", "大規模言語モデルによる知識グラフ構築"), ("MMLU", "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmm"),
                      ("Llama", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]:
        G.nodes[E[key]]["name"] = name
    page = build_report(add_communities(G, min_papers=1), tmp_path / "report.html", min_papers=1)
    driver.get(page.resolve().as_uri())
    outside = driver.execute_script("""
        return Array.from(document.querySelectorAll('svg.chart text')).map(t => {
          var box = t.getBBox(), width = t.ownerSVGElement.width.baseVal.value;
          return [t.textContent, Math.round(box.x), Math.round(box.x + box.width), width];
        }).filter(r => r[1] < 0 || r[2] > r[3]);""")
    assert outside == []


def test_pages_browser_explorer_search_skips_nodes_hidden_after_it_ran(driver, tmp_path):  # noqa: F811
    page = render_html(select_subgraph(small_graph()), tmp_path / "graph.html")
    _open(driver, page)
    first = driver.execute_script("return graphbuild.search('a')")
    assert first and driver.execute_script("return graphbuild.state.matches.length") > 3
    driver.execute_script("graphbuild.setKindVisible('Paper', false); graphbuild.setKindVisible('Author', false)")
    steps = driver.execute_script("""
        var out = [];
        for (var i = 0; i < 6; i++) { var id = graphbuild.search('a'); out.push(!!graphbuild.nodes.get(id).hidden); }
        return out;""")
    assert steps == [False] * 6  # Enter again stepped onto the papers and authors hidden since the first search
