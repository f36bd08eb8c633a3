"""The report page in headless Chromium with the network off: clean load, charts drawn,
links into the explorer land on the entity. GRAPHBUILD_SCREENSHOTS=1 refreshes docs/report.png."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from graph_fixture import E, small_graph
from test_viz_browser import _assert_clean_load, driver  # noqa: F401  (the shared offline Chromium)

from graphbuild.communities import add_communities
from graphbuild.report import build_report
from graphbuild.viz import render_html, select_subgraph

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_report_browser_renders_offline_without_errors(driver, tmp_path):  # noqa: F811
    G = add_communities(small_graph(), min_papers=1)
    page = build_report(G, tmp_path / "report.html", explorer="overview.html")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(page.resolve().as_uri())
    _assert_clean_load(driver, page)
    sections = driver.execute_script(
        "return Array.from(document.querySelectorAll('section.rp-section')).map(s => [s.id, s.offsetHeight > 40])")
    assert [s for s, _ in sections] == ["overview", "entities", "trends", "rising", "bursts", "communities",
                                        "leaderboards"]
    assert all(tall for _, tall in sections)
    sizes = driver.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart')).map(s => s.getBoundingClientRect().width)")
    assert len(sizes) >= 8 and min(sizes) > 100  # every chart laid out, none collapsed
    bars = driver.execute_script("return document.querySelectorAll('#overview svg rect').length")
    assert bars == 4  # papers by year 2020..2023; no venues in the fixture


def test_report_browser_link_lands_on_the_entity_in_the_explorer(driver, tmp_path):  # noqa: F811
    G = add_communities(small_graph(), min_papers=1)
    render_html(select_subgraph(G), tmp_path / "overview.html")
    page = build_report(G, tmp_path / "report.html", explorer="overview.html")
    driver.get(page.resolve().as_uri())
    driver.find_element("css selector", '#entities a[href="overview.html#find=LoRA"]').click()
    assert _selected_in_explorer(driver) == [E["LoRA"]]
    assert driver.find_element("id", "gb-search").get_attribute("value") == "LoRA"
    assert "LoRA" in driver.find_element("id", "gb-details").text


def _selected_in_explorer(driver) -> list:  # noqa: F811
    """The nodes selected once the explorer page opened by a link has drawn."""
    deadline = time.monotonic() + 20
    selected = []
    while time.monotonic() < deadline:
        selected = driver.execute_script(
            "return window.graphbuild && graphbuild.state.drawn ? graphbuild.network.getSelectedNodes() : []")
        if selected:
            break
        time.sleep(0.05)
    return selected


def test_report_browser_link_into_a_folder_named_with_hash_and_percent_lands(driver, tmp_path):  # noqa: F811
    G = add_communities(small_graph(), min_papers=1)
    folder = tmp_path / "ws #2 100%41?"  # '#' ended the link's path, '%41' read as 'A', '?' began a query
    render_html(select_subgraph(G), folder / "overview.html")
    page = build_report(G, tmp_path / "report.html", explorer=f"{folder.name}/overview.html")
    driver.get(page.resolve().as_uri())
    driver.find_element("css selector", "#entities a").click()
    assert _selected_in_explorer(driver)
    assert driver.current_url.startswith((folder / "overview.html").as_uri() + "#find=")


def test_report_browser_link_of_a_name_with_a_control_character_lands(driver, tmp_path):  # noqa: F811
    G = small_graph()
    G.nodes[E["LoRA"]]["name"] = "Lo\x00RA"  # the explorer shows and searches it as "Lo\x00RA"
    G = add_communities(G, min_papers=1)
    render_html(select_subgraph(G), tmp_path / "overview.html")
    page = build_report(G, tmp_path / "report.html", explorer="overview.html")
    driver.get(page.resolve().as_uri())
    driver.find_element("css selector", '#entities a[href*="find=Lo"]').click()
    assert _selected_in_explorer(driver) == [E["LoRA"]]  # the link searched for a raw NUL: no match


def test_report_browser_link_of_a_long_name_lands_on_the_entity_not_a_paper_holding_it(driver, tmp_path):  # noqa: F811
    G = small_graph()
    long_name = "Hierarchical Variational Graph Autoencoder Network"  # past the 40 characters of a label
    G.nodes[E["LoRA"]]["name"] = long_name
    G.nodes["P1"]["title"] = f"{long_name} for Molecules"  # the first node whose text holds the name
    G = add_communities(G, min_papers=1)
    render_html(select_subgraph(G), tmp_path / "overview.html")
    page = build_report(G, tmp_path / "report.html", explorer="overview.html")
    driver.get(page.resolve().as_uri())
    driver.find_element("css selector", f'#entities a[href="overview.html#find={quote(long_name)}"]').click()
    assert _selected_in_explorer(driver) == [E["LoRA"]]  # was P1: the cut label never equalled the name


@pytest.mark.skipif(not os.environ.get("GRAPHBUILD_SCREENSHOTS"), reason="set GRAPHBUILD_SCREENSHOTS=1 "
                    "to refresh docs/report.png from the demo corpus")
def test_report_browser_screenshot_of_the_demo(driver, tmp_path):  # noqa: F811
    from graphbuild.resources import data_path
    from graphbuild.workspace import Workspace

    ws = Workspace(tmp_path / "demo")
    ws.build([data_path("demo")], progress=False)
    page = build_report(ws.graph(), ws.path / "report.html", title="graphbuild report: demo corpus")
    driver.set_window_size(1280, 2300)
    driver.get(page.resolve().as_uri())
    DOCS.mkdir(exist_ok=True)
    driver.save_screenshot(str(DOCS / "report.png"))
