"""Trends, rising/falling entities and Kleinberg bursts on corpora built to have known answers."""

from __future__ import annotations

import doctest
import json

import networkx as nx
import numpy as np
import pytest

import graphbuild.trends as trends
from graphbuild.errors import QueryError
from graphbuild.trends import entity_bursts, entity_series, kleinberg_bursts, rising_falling, trends_summary

YEARS = list(range(2010, 2025))  # 15 years
BURST_YEARS = (2017, 2019)


def synthetic_corpus(papers_per_year: int = 20, burst=BURST_YEARS) -> nx.MultiDiGraph:
    """20 papers a year. ``Steady`` is in 2 of them every year; ``Bursty`` in 2 a year,
    but 12 a year from ``burst[0]`` to ``burst[1]``; ``Rising`` grows from 0 to 14 a year;
    ``Fading`` shrinks from 14 to 0."""
    G = nx.MultiDiGraph()
    for name, type_ in [("Steady", "Dataset"), ("Bursty", "Dataset"), ("Rising", "Method"), ("Fading", "Method")]:
        G.add_node(f"entity:{name.lower()}", label="Entity", id=f"entity:{name.lower()}", name=name, type=type_)
    for y, year in enumerate(YEARS):
        bursty = 12 if burst[0] <= year <= burst[1] else 2
        for k in range(papers_per_year):
            pid = f"P{year}-{k:02d}"
            G.add_node(pid, label="Paper", id=pid, year=year, date=f"{year}-{k % 12 + 1:02d}-01")
            if k < 2:
                G.add_edge(pid, "entity:steady", key="USES")
            if 2 <= k < 2 + bursty:
                G.add_edge(pid, "entity:bursty", key="EVALUATES_ON")
            if k < y:
                G.add_edge(pid, "entity:rising", key="PROPOSES")
            if k < 14 - y:
                G.add_edge(pid, "entity:fading", key="COMPARES_WITH")
    G.add_node("X1", label="Paper", id="X1", external=True, year=2015)
    G.add_edge("X1", "entity:steady", key="USES")  # external references never count
    return G


def test_trends_doctests_run():
    result = doctest.testmod(trends, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 5


def test_trends_series_counts_papers_per_entity_per_year():
    s = entity_series(synthetic_corpus())
    assert s.granularity == "year"  # 15 years: too long a span for months
    assert s.periods == tuple(str(y) for y in YEARS)
    assert s.totals.tolist() == [20] * 15
    row = dict(zip(s.entities, s.counts.tolist()))
    assert row["entity:steady"] == [2] * 15
    assert row["entity:bursty"][7:10] == [12, 12, 12] and sum(row["entity:bursty"]) == 2 * 12 + 36
    assert s.share()[s.entities.index("entity:steady")].tolist() == [0.1] * 15


def test_trends_series_filters_types_since_and_fills_gaps():
    G = synthetic_corpus()
    s = entity_series(G, types=["dataset"], since=2020)
    assert s.entities == ("entity:bursty", "entity:steady")
    assert s.periods == ("2020", "2021", "2022", "2023", "2024")
    G.remove_nodes_from([n for n, d in G.nodes(data=True) if d.get("year") == 2012])
    assert entity_series(G).totals.tolist()[2] == 0  # the gap year stays on the axis
    with pytest.raises(QueryError, match="unknown entity type"):
        entity_series(G, types=["Gadget"])


def test_trends_months_when_dates_allow():
    G = synthetic_corpus()
    G.remove_nodes_from([n for n, d in G.nodes(data=True) if d.get("label") == "Paper" and d["year"] < 2023])
    s = entity_series(G)
    assert s.granularity == "month"
    assert s.periods[0] == "2023-01" and s.periods[-1] == "2024-12" and len(s.periods) == 24
    assert entity_series(G, granularity="year").periods == ("2023", "2024")


def test_trends_burst_detection_finds_exactly_the_planted_window():
    G = synthetic_corpus()
    s = entity_series(G)
    found = entity_bursts(s, min_papers=3)
    assert "entity:steady" not in found
    [burst] = found["entity:bursty"]
    assert (s.periods[burst.start], s.periods[burst.end]) == ("2017", "2019")
    assert burst.weight > 0
    # a steady climb is "bursty" at its end only (above twice its mean rate), a fade at its start
    [rise], [fade] = found["entity:rising"], found["entity:fading"]
    assert rise.end == len(s.periods) - 1 and rise.start > 7
    assert fade.start == 0 and fade.end < 7


@pytest.mark.parametrize("window", [(2011, 2011), (2014, 2018), (2022, 2024)])
def test_trends_burst_window_moves_with_the_plant(window):
    s = entity_series(synthetic_corpus(burst=window))
    [burst] = entity_bursts(s)["entity:bursty"]
    assert (s.periods[burst.start], s.periods[burst.end]) == tuple(str(y) for y in window)


def test_trends_kleinberg_flat_series_and_bad_input():
    assert kleinberg_bursts(np.zeros(5), np.full(5, 10)) == [[]]
    assert kleinberg_bursts(np.array([]), np.array([])) == [[]]
    with pytest.raises(QueryError):
        kleinberg_bursts(np.array([3]), np.array([2]))
    with pytest.raises(QueryError):
        kleinberg_bursts(np.array([1]), np.array([2]), s=1.0)
    # a higher entry price keeps only the stronger of two bursts
    r = np.array([1, 10, 1, 1, 1, 1, 9, 9, 9, 1])
    assert len(kleinberg_bursts(r, np.full(10, 20))[0]) == 2
    assert [(b.start, b.end) for b in kleinberg_bursts(r, np.full(10, 20), gamma=3)[0]] == [(6, 8)]


def test_trends_rising_and_falling_with_support():
    ranked = rising_falling(entity_series(synthetic_corpus()), window=2, min_papers=3)
    assert ranked[0].entity == "entity:rising" and ranked[0].slope == pytest.approx(0.05)
    assert ranked[-1].entity == "entity:fading" and ranked[-1].slope < 0
    assert ranked[0].ratio > 1 > ranked[-1].ratio
    steady = next(t for t in ranked if t.entity == "entity:steady")
    assert steady.slope == pytest.approx(0.0) and steady.ratio == pytest.approx(1.0)
    # fading has 1 paper in the last 2 years: below the support, it is not ranked at all
    assert "entity:fading" not in {t.entity for t in rising_falling(entity_series(synthetic_corpus()),
                                                                    window=1, min_papers=2)}


def test_trends_summary_is_json_ready():
    summary = trends_summary(synthetic_corpus(), top=2, window=2)
    json.dumps(summary)
    assert [e["name"] for e in summary["entities"]] == ["Fading", "Rising"]  # 105 papers each, then by id
    assert summary["rising"][0]["name"] == "Rising" and summary["falling"][0]["name"] == "Fading"
    bursty = [b for b in summary["bursts"] if b["name"] == "Bursty"]
    assert bursty == [{"id": "entity:bursty", "name": "Bursty", "type": "Dataset", "start": "2017",
                       "end": "2019", "weight": bursty[0]["weight"], "papers": 36}]
    weights = [b["weight"] for b in summary["bursts"]]
    assert weights == sorted(weights, reverse=True)


def test_trends_cli_json_table_and_chart(tmp_path, capsys):
    from graphbuild.cli import main
    from graphbuild.graph import save_graph

    ws = tmp_path / "ws"
    (ws / "gen-000001").mkdir(parents=True)
    save_graph(synthetic_corpus(), ws / "gen-000001" / "graph.json")
    (ws / "CURRENT").write_text("gen-000001\n")
    chart = tmp_path / "trends.html"
    assert main(["trends", "-w", str(ws), "--type", "Dataset", "--json", "--chart", str(chart)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {e["name"] for e in out["entities"]} == {"Bursty", "Steady"}
    assert [(b["start"], b["end"]) for b in out["bursts"]] == [("2017", "2019")]
    page = chart.read_text()
    assert page.count("<svg") >= 3 and "Bursty" in page and "http://" not in page and "https://" not in page
    assert main(["trends", "-w", str(ws), "--since", "2016", "--top", "3"]) == 0
    table = capsys.readouterr().out
    assert "Bursty" in table and "2017" in table and "rising" in table
    assert main(["trends", "-w", str(ws), "--type", "Gizmo"]) == 1
    assert "[E200]" in capsys.readouterr().err


def test_trends_cli_since_past_the_corpus_names_the_year(tmp_path, capsys):
    """--since after the last paper said '(no dated papers mention an entity)', as if the corpus had no dates."""
    from graphbuild.cli import main
    from graphbuild.graph import save_graph

    ws = tmp_path / "ws"
    (ws / "gen-000001").mkdir(parents=True)
    save_graph(synthetic_corpus(), ws / "gen-000001" / "graph.json")
    (ws / "CURRENT").write_text("gen-000001\n")
    assert main(["trends", "-w", str(ws), "--since", "2090", "--chart", str(tmp_path / "t.html")]) == 0
    assert capsys.readouterr().out.strip() == "(no dated papers from 2090 on mention an entity)"
    assert '<p class="rp-sub">entities, no dates</p>' in (tmp_path / "t.html").read_text()  # was "entities, –"


def _save_workspace(G: nx.MultiDiGraph, ws) -> None:
    from graphbuild.graph import save_graph

    (ws / "gen-000001").mkdir(parents=True)
    save_graph(G, ws / "gen-000001" / "graph.json")
    (ws / "CURRENT").write_text("gen-000001\n")


def test_trends_cli_ratio_column_reads_as_one_scale(tmp_path, capsys):
    """The ratio column printed the JSON value as it came: 960.664 beside 1.178, and 0.0 for an entity that
    fell from 600 papers to none (the JSON too); now two decimals each, the extremes as bounds."""
    from graphbuild.cli import main

    G = nx.MultiDiGraph()
    for name in ("Boom", "Gone", "Slight"):
        G.add_node(f"entity:{name.lower()}", label="Entity", id=f"entity:{name.lower()}", name=name, type="Method")
    for year, per in [(2020, 400), (2021, 400), (2022, 2000), (2023, 3000)]:
        for k in range(per):
            pid = f"P{year}-{k}"
            G.add_node(pid, label="Paper", id=pid, year=year)
            if year >= 2022 and k < 1500:
                G.add_edge(pid, "entity:boom", key="USES")  # from nothing to half the corpus
            if year < 2022 and k < 300:
                G.add_edge(pid, "entity:gone", key="USES")  # from three quarters of it to nothing
            if k < (per // 3 if year >= 2022 else per // 3 - 20):
                G.add_edge(pid, "entity:slight", key="USES")
    _save_workspace(G, tmp_path / "ws")
    assert main(["trends", "-w", str(tmp_path / "ws"), "--window", "2"]) == 0
    tables = capsys.readouterr().out.split("\nrising ")[1].split("\nbursts ")[0]  # the rising and falling ones
    ratios = {cells[0]: cells[-1] for cells in map(str.split, tables.splitlines()) if cells[:1] in (["Boom"],
                                                                                                  ["Gone"], ["Slight"])}
    assert ratios == {"Boom": "960.66", "Slight": "1.18", "Gone": "<0.01"}
    assert main(["trends", "-w", str(tmp_path / "ws"), "--window", "2", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    ratios = {r["name"]: r["ratio"] for kind in ("rising", "falling") for r in summary[kind]}
    assert ratios["Gone"] == pytest.approx(0.000133292) and ratios["Boom"] == pytest.approx(960.664)


@pytest.mark.parametrize("ratio, shown", [(960.6641, "960.66"), (1.0, "1.00"), (0.0617, "0.06"), (0.004, "<0.01"),
                                          (0.0, "0.00"), (999.996, "≥1000"), (float("inf"), "≥1000"),
                                          (float("nan"), "")])
def test_trends_format_ratio_bounds_the_extremes(ratio, shown):
    assert trends.format_ratio(ratio) == shown
