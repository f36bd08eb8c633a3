"""graphbuild.records.parse_year: the one year parser (metadata, references, graph nodes, pages, trends)."""

from __future__ import annotations

import pytest

from graphbuild.records import PaperRef, parse_year
from graphbuild.trends import paper_period
from graphbuild.viz import select_subgraph
from tests.graph_fixture import small_graph


@pytest.mark.parametrize(("value", "year"), [
    (2021, 2021), ("2021", 2021), ("2021-05-03", 2021), ("  1999 ", 1999), (2020.0, 2020), ("2020.0", 2020),
    (None, None), ("", None), ("n.d.", None), ("circa 2020", None), (True, None), (False, None), (12, None),
    (12345, None), (float("nan"), None),
    # a year with a fraction was read as its whole part ("2021.5" was 2021); it is no year, like "20210"
    ("2021.5", None), (2021.5, None), ("2021.05", None), ("2020.50 ", None), ("2021.05.03", 2021),
])
def test_years_parse_year_reads_the_leading_four_digits(value, year):
    assert parse_year(value) == year


def test_years_every_reader_agrees():
    assert PaperRef.from_value({"title": "A paper", "year": "2019-07"}).year == 2019
    assert paper_period({"year": "2019"}, "year") == "2019"
    assert paper_period({"year": "unknown"}, "year") is None
    G = small_graph()
    years = {n: parse_year(d.get("year")) for n, d in G.nodes(data=True) if d.get("label") == "Paper"}
    since = min(y for y in years.values() if y is not None) + 1
    shown = select_subgraph(G, types=["Paper"], since=since).graph
    assert set(shown) == {n for n, y in years.items() if y is not None and y >= since}
