"""Benchmark graphbuild.viz: render and browser freeze time, and selection on a large graph.

Usage::

    python benchmarks/bench_viz.py [--nodes 2000] [--big 50000] [--max-nodes 500] [--no-browser]

Figures printed:

* a synthetic graph of ``--nodes`` nodes rendered whole: render seconds, page
  size, and seconds from navigation until the page has drawn with physics
  frozen in headless Chromium (offline, ``file://``) -- once with the default
  (Python layout, physics off) and once with ``physics=True`` (vis-network
  stabilises in the browser, then freezes). Target: under 10 s.
* a synthetic graph of ``--big`` nodes cut to ``--max-nodes``: select and
  render seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from graphbuild.graph import build_graph  # noqa: E402
from graphbuild.records import Entity, Paper, entity_id  # noqa: E402
from graphbuild.viz import render_html, select_subgraph  # noqa: E402

EXTRA = tuple(a for a in os.environ.get("GB_EXTRA", "").split() if a)
ENTITY_TYPES = ("Model", "Method", "Dataset", "Task", "Metric")


def synthetic_graph(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n_nodes`` nodes: 45 % papers, 30 % entities, 25 % authors, skewed popularity."""
    rng = random.Random(seed)
    n_papers, n_entities = int(n_nodes * 0.45), int(n_nodes * 0.30)
    n_authors = n_nodes - n_papers - n_entities
    author_names = [f"Author {i}" for i in range(n_authors)]
    ents = [(entity_id(f"e{i}"), f"Entity {i}", ENTITY_TYPES[i % 5]) for i in range(n_entities)]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(n_entities)]
    papers, links, citations, counts = [], [], [], {}
    used_authors: set[str] = set()
    roles = ("proposes", "uses", "uses", "evaluates_on", "compares_with")
    for i in range(n_papers):
        k = rng.randint(1, 3)
        authors = tuple(author_names[rng.randrange(n_authors)] for _ in range(k))
        if i < n_authors:  # every author writes at least one paper
            authors = (author_names[i],) + authors[1:]
        authors = tuple(dict.fromkeys(authors))
        used_authors.update(authors)
        pid = f"P{i}"
        papers.append(Paper(id=pid, title=f"Synthetic paper {i} on topic {i % 97}",
                            abstract="A synthetic abstract.", year=1995 + i * 30 // n_papers, authors=authors))
        for ent in set(rng.choices(range(n_entities), weights=weights, k=rng.randint(2, 5))):
            eid = ents[ent][0]
            counts[eid] = counts.get(eid, 0) + 1
            links.append((pid, eid, rng.choice(roles), {"evidence": f"Sentence about {ents[ent][1]}.",
                                                        "char_start": 0, "char_end": 10}))
        for _ in range(rng.randint(0, 4) if i else 0):
            citations.append((pid, f"P{rng.randrange(i)}", {"inferred": False}))
    entities = [Entity(eid, name, typ, (), paper_count=counts.get(eid, 0)) for eid, name, typ in ents]
    return build_graph(papers, entities, links, citations)


def _browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", *EXTRA, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    return driver


def time_to_freeze(driver, page: Path, timeout: float = 120.0) -> float:
    """Seconds from navigation until the page has drawn with physics frozen."""
    start = time.perf_counter()
    driver.get(page.resolve().as_uri())
    while time.perf_counter() - start < timeout:
        if driver.execute_script("var g = window.graphbuild; return !!(g && g.state.frozen && g.state.drawn "
                                 "&& !g.network.physics.options.enabled)"):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{page.name}: physics not frozen after {timeout} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--big", type=int, default=50000)
    parser.add_argument("--max-nodes", type=int, default=500)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_viz_") as tmp:
        out = Path(tmp)
        G = synthetic_graph(args.nodes)
        print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges")
        t0 = time.perf_counter()
        sel = select_subgraph(G, max_nodes=G.number_of_nodes())
        t1 = time.perf_counter()
        page = render_html(sel, out / "auto.html")
        t2 = time.perf_counter()
        page_phys = render_html(sel, out / "physics.html", physics=True)
        t3 = time.perf_counter()
        print(f"  select {t1 - t0:.2f} s; render (Python layout, physics off) {t2 - t1:.2f} s, "
              f"{page.stat().st_size / 1e6:.1f} MB; render (browser physics) {t3 - t2:.2f} s")
        if not args.no_browser:
            driver = _browser(out / "profile")
            try:
                time_to_freeze(driver, page)  # warm-up: first navigation pays for process start-up
                auto = min(time_to_freeze(driver, page) for _ in range(2))
                phys = min(time_to_freeze(driver, page_phys) for _ in range(2))
                severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            finally:
                driver.quit()
            print(f"  browser, Python layout: drawn and frozen after {auto:.2f} s "
                  f"(render + browser {t2 - t1 + auto:.2f} s)")
            print(f"  browser, vis-network physics: stabilised and frozen after {phys:.2f} s "
                  f"(render + browser {t3 - t2 + phys:.2f} s); target < 10 s")
            print(f"  console errors: {len(severe)}")

        t0 = time.perf_counter()
        big = synthetic_graph(args.big, seed=2)
        t1 = time.perf_counter()
        print(f"graph: {big.number_of_nodes():,} nodes, {big.number_of_edges():,} edges (built in {t1 - t0:.1f} s)")
        sel = select_subgraph(big, max_nodes=args.max_nodes)
        t2 = time.perf_counter()
        page = render_html(sel, out / "big.html")
        t3 = time.perf_counter()
        print(f"  select to {args.max_nodes}: {t2 - t1:.2f} s; render: {t3 - t2:.2f} s; "
              f"total {t3 - t1:.2f} s; note: {sel.note}")
        focus = max((n for n, d in big.nodes(data=True) if d["label"] == "Entity"),
                    key=lambda n: big.nodes[n]["paper_count"])
        t4 = time.perf_counter()
        sel = select_subgraph(big, focus=focus, hops=2, max_nodes=args.max_nodes)
        t5 = time.perf_counter()
        render_html(sel, out / "big_focus.html")
        t6 = time.perf_counter()
        print(f"  focus {focus} 2 hops, cut to {args.max_nodes}: select {t5 - t4:.2f} s; "
              f"render {t6 - t5:.2f} s; {sel.note}")


if __name__ == "__main__":
    main()
