"""Generated pages in headless Chromium, offline: they load, count right, escape, freeze."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.viz import render_html, select_subgraph
from tests.conftest import require_service
from tests.graph_fixture import E, small_graph

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("GRAPHBUILD_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("GRAPHBUILD_CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        require_service(f"chromium/chromedriver not found at {CHROMIUM}, {CHROMEDRIVER}: "
                        "apt-get install -y chromium chromium-driver")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager go online
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    try:
        yield drv
    finally:
        drv.quit()


def _open(driver, path: Path, timeout: float = 20.0) -> None:
    """Load a page from file:// and wait until it has drawn and physics is frozen."""
    driver.get_log("browser")  # drop whatever came before this page
    driver.get_log("performance")
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = driver.execute_script("return window.graphbuild ? window.graphbuild.state : null")
        if state and state["frozen"] and state["drawn"]:
            return
        time.sleep(0.05)
    pytest.fail(f"page did not freeze within {timeout} s: {state}")


def _assert_clean_load(driver, path: Path) -> None:
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    page = path.resolve().as_uri()
    urls, failed = [], []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.loadingFailed":
            failed.append(message["params"])
    assert page in urls
    assert [u for u in urls if u != page and not u.startswith("data:")] == []
    assert failed == []


def test_viz_browser_counts_legend_and_frozen_physics(driver, tmp_path):
    sel = select_subgraph(small_graph(), focus="LoRA", hops=2)
    page = render_html(sel, tmp_path / "lora.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    counts = driver.execute_script("return [graphbuild.nodes.length, graphbuild.edges.length]")
    assert counts == [sel.graph.number_of_nodes(), sel.graph.number_of_edges()] == [14, 22]
    legend = driver.execute_script(
        "return Array.from(document.querySelectorAll('#gb-legend li')).map(li => li.dataset.kind)")
    assert legend == ["Paper", "Author", "Model", "Method", "Dataset"]
    state = driver.execute_script("return graphbuild.state")
    assert state["stabilized"] and state["frozen"] and not state["physics"]
    assert driver.execute_script("return graphbuild.network.physics.options.enabled") is False
    assert driver.find_element("id", "gb-physics").text == "Physics: off"


def test_viz_browser_tooltips_show_markup_as_text(driver, tmp_path):
    G = small_graph()
    G.nodes["P5"]["title"] = "ViT <script>window.pwned=1</script> paper"
    page = render_html(select_subgraph(G, focus="ViT", hops=2), tmp_path / "vit.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    node_tip = driver.execute_script("""
        var tip = graphbuild.showTooltip('node', 'P5', 100, 100);
        return [tip.textContent, tip.hidden, tip.querySelectorAll('script, b').length];""")
    assert "ViT <script>window.pwned=1</script> paper" in node_tip[0]
    assert "We propose ViT <b>bold</b>." in node_tip[0]  # abstract markup shown, not applied
    assert node_tip[1:] == [False, 0]
    edge_text = driver.execute_script(
        "return graphbuild.showTooltip('edge', arguments[0]).textContent", f"P5|PROPOSES|{E['ViT']}")
    assert "We propose ViT <script>alert(1)</script>." in edge_text
    assert driver.execute_script("return [document.scripts.length, typeof window.pwned]") == [3, "undefined"]
    driver.execute_script("graphbuild.hideTooltip()")
    assert driver.execute_script("return document.getElementById('gb-tip').hidden") is True


def test_viz_browser_filters_search_and_physics_toggle(driver, tmp_path):
    page = render_html(select_subgraph(small_graph()), tmp_path / "all.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    assert driver.execute_script("return graphbuild.setKindVisible('Author', false)") == 15
    assert driver.execute_script(
        "return document.querySelector('input.gb-kind[value=\"Author\"]').checked") is False
    assert driver.execute_script("return graphbuild.setYearRange(2022, 2023)") == 13  # P1, P5 hidden; X1 has no year
    assert driver.execute_script("return graphbuild.nodes.get('P1').hidden") is True
    assert driver.execute_script("return graphbuild.setKindVisible('Author', true)") == 17
    assert driver.execute_script("return graphbuild.search('imagenet')") == E["ImageNet"]
    assert driver.execute_script("return graphbuild.network.getSelectedNodes()") == [E["ImageNet"]]
    assert driver.execute_script("return graphbuild.search('no such thing')") is None
    driver.find_element("id", "gb-physics").click()
    assert driver.execute_script("return graphbuild.network.physics.options.enabled") is True
    driver.find_element("id", "gb-physics").click()
    assert driver.execute_script("return graphbuild.network.physics.options.enabled") is False


def test_viz_browser_large_page_starts_frozen_with_python_layout(driver, tmp_path):
    G = nx.MultiDiGraph()
    for i in range(400):
        G.add_node(f"p{i}", label="Paper", id=f"p{i}", title=f"Paper {i}", year=2000 + i % 20, authors=[])
        if i:
            G.add_edge(f"p{i}", f"p{(i * 7) % i}", key="CITES", inferred=False, via=None)
    sel = select_subgraph(G, max_nodes=350)
    page = render_html(sel, tmp_path / "big.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    assert driver.execute_script("return [graphbuild.nodes.length, graphbuild.edges.length]") == [
        350, sel.graph.number_of_edges()]
    assert driver.execute_script("return graphbuild.network.physics.options.enabled") is False
    note = driver.find_element("id", "gb-note").text
    assert note == "showing 350 of 400 nodes; use --focus/--types/--max-nodes to see more"
    # the Python layout is what is drawn: positions were not recomputed by the browser
    p0 = driver.execute_script("return graphbuild.network.getPositions(['p0']).p0")
    x0 = next(n for n in json.loads(driver.execute_script(
        "return document.getElementById('gb-data').textContent"))["nodes"] if n["id"] == "p0")
    assert abs(p0["x"] - x0["x"]) <= 1 and abs(p0["y"] - x0["y"]) <= 1  # getPositions rounds


def test_viz_browser_labels_the_most_connected_nodes_first(driver, tmp_path):
    G = nx.MultiDiGraph()
    for i in range(300):
        G.add_node(f"p{i}", label="Paper", id=f"p{i}", title=f"Paper {i}", year=2010, authors=[])
    for hub in range(5):  # five papers cited by 40 each; the rest cited by none
        for j in range(40):
            G.add_edge(f"p{5 + hub * 40 + j}", f"p{hub}", key="CITES", inferred=False, via=None)
    page = render_html(select_subgraph(G), tmp_path / "hubs.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    driver.execute_script("graphbuild.network.fit({animation: false}); graphbuild.network.redraw()")
    shown = set(driver.execute_script("return graphbuild.visibleLabels()"))
    assert {f"p{h}" for h in range(5)} <= shown and len(shown) < 50  # the hubs, not the crowd
    driver.execute_script("graphbuild.network.moveTo({scale: 2.5, animation: false}); graphbuild.network.redraw()")
    assert len(driver.execute_script("return graphbuild.visibleLabels()")) == 300  # zoomed in: every label


def test_viz_browser_edge_click_puts_the_evidence_in_the_side_panel(driver, tmp_path):
    page = render_html(select_subgraph(small_graph(), focus="ViT", hops=1), tmp_path / "vit.html")
    _open(driver, page)
    driver.execute_script("graphbuild.showDetails('edge', arguments[0])", f"P5|PROPOSES|{E['ViT']}")
    assert "We propose ViT" in driver.find_element("id", "gb-details").text


def test_viz_browser_term_map_shows_papers_one_click_away(driver, tmp_path):
    from graphbuild.communities import add_communities
    from graphbuild.termmap import TERM_MAP_MIN_PAPERS
    from test_viz import _two_topic_corpus

    G = add_communities(_two_topic_corpus(TERM_MAP_MIN_PAPERS))
    page = render_html(select_subgraph(G), tmp_path / "map.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    assert driver.execute_script("return graphbuild.nodes.length") == 12
    assert "entity:t0e0" in driver.execute_script("return graphbuild.visibleLabels()")
    driver.execute_script("graphbuild.showDetails('node', 'entity:t0e0')")
    details = driver.find_element("id", "gb-details").text
    assert "most cited papers" in details and "Paper " in details
    legend = driver.find_elements("css selector", "#gb-communities li")
    assert len(legend) == 2


def test_viz_browser_click_expands_hidden_neighbours_from_page_data(driver, tmp_path):
    sel = select_subgraph(small_graph(), focus="ViT", hops=1)  # P5 and ViT; P5's author and ImageNet hidden
    page = render_html(sel, tmp_path / "vit.html")
    _open(driver, page)
    _assert_clean_load(driver, page)
    assert driver.execute_script("return graphbuild.nodes.length") == 2
    hidden = sorted(driver.execute_script("return graphbuild.hiddenNeighbours('P5')"))
    assert hidden == ["author:alexey dosovitskiy", E["ImageNet"]]
    assert driver.execute_script("return graphbuild.hiddenNeighbours(arguments[0])", E["ViT"]) == []
    driver.execute_script("graphbuild.showDetails('node', 'P5'); graphbuild.offerExpand('P5')")
    button = driver.find_element("id", "gb-expand")
    assert button.text == "Show 2 more neighbours"
    button.click()
    assert driver.execute_script("return graphbuild.nodes.length") == 4
    assert driver.execute_script("return graphbuild.nodes.get('author:alexey dosovitskiy').label") == \
        "Alexey Dosovitskiy"
    assert driver.execute_script("return graphbuild.edges.get('author:alexey dosovitskiy|AUTHORED|P5') !== null")
    assert driver.execute_script("return graphbuild.edges.get(arguments[0]).tip.rows[2][1]",
                                 f"P5|EVALUATES_ON|{E['ImageNet']}")  # the evidence travels with it
    assert driver.execute_script("return graphbuild.expand('P5')") == 0  # nothing left to add
    assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
