"""Hostile query parameters through the embedded store and ``graphbuild query --param``: each bad one is
one coded line (never a traceback, never a value silently turned into another), each odd but valid one
comes back as sent."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
from pathlib import Path

import pytest
from graph_fixture import small_graph

from graphbuild.cli import main
from graphbuild.errors import QueryError
from graphbuild.graph import graph_to_tables
from graphbuild.stores.embedded import EmbeddedStore
from graphbuild.workspace import Workspace

SOURCES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = EmbeddedStore(tmp_path_factory.mktemp("params") / "db")
    st.sync(graph_to_tables(small_graph()))
    yield st
    st.close()


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("params-ws") / "ws"
    Workspace(path).build([str(SOURCES / "corpus.jsonl")], progress=False, overview=False)
    return path


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("value", "message"), [
    ([1, "a"], "is a list mixing numbers and text"),  # was a ValueError traceback from the engine
    ([[1], ["a"]], "is a list mixing numbers and text"),
    ([{"a": 1}, {"a": "x"}], "is a list mixing numbers and text"),
    ([True, 1], "is a list mixing true/false and numbers"),
    ([{"a": 1}, {"b": 2}], "is a list mixing maps with keys a and maps with keys b"),
    ([], "is, or holds, an empty list"),  # was the engine's "vector with ANY type. This should not happen"
    ([None], "is, or holds, an empty list"),
    ({"a": []}, "is, or holds, an empty list"),
    ({"a": None, "b": 1}, "a map with a null value"),  # was an engine assertion naming a C++ file
    ([[1], None], "holds a null after a list or a map"),  # came back as the text '[[1], null]'
    ([{"a": 1}, None], "holds a null after a list or a map"),
])
def test_embedded_params_the_store_cannot_type_are_one_coded_line(store, value, message):
    with pytest.raises(QueryError) as info:
        store.query("RETURN $x AS x", {"x": value})
    text = str(info.value)
    assert text.startswith("[E200] query parameter $x ") and message in text and "\n" not in text


@pytest.mark.parametrize(("value", "back"), [
    ((1, 2), [1, 2]),  # a tuple goes as a list (the engine knows no tuples)
    ([None, [1]], [None, [1]]),
    ([[], [1]], [[], [1]]),
    ([{"a": 1}, {"a": None}], [{"a": 1}, {"a": None}]),
    ([1, 2.5], [1.0, 2.5]),
    ('a"b\\c\'`${x}</script>', 'a"b\\c\'`${x}</script>'),
    ("\x01\x1f\x7f\u2028\u202e😀👨‍👩‍👧", "\x01\x1f\x7f\u2028\u202e😀👨‍👩‍👧"),
    ("x" * 100_000, "x" * 100_000),
    # a datetime with an offset is the UTC time it names (was the wall-clock time, its offset dropped: 12:00)
    (datetime.datetime(2020, 1, 2, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2))), "2020-01-02T10:00:00"),
    ([datetime.datetime(2020, 1, 2, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
      datetime.datetime(2020, 1, 2, 6)], ["2020-01-02T06:00:00", "2020-01-02T06:00:00"]),
])
def test_embedded_params_odd_but_valid_values_come_back_as_sent(store, value, back):
    assert store.query("RETURN $x AS x", {"x": value}) == [{"x": back}]


def test_embedded_params_hostile_names_are_matched_as_text_not_as_cypher(store):
    for name in ("Edward Hu' OR 1=1 //", 'x" })', "\\", "😀" * 10, "e" * 100_000):
        rows = store.query("MATCH (a:Author) WHERE a.name = $name RETURN a.name AS name", {"name": name})
        assert rows == []
    rows = store.query("MATCH (a:Author) WHERE a.name = $name RETURN a.name AS name", {"name": "Edward Hu"})
    assert rows == [{"name": "Edward Hu"}]


def test_embedded_params_backquoted_names_bind_as_neo4j_binds_them(store):
    """``$`a b``` with a value for ``a b`` answered "Parameter `a b` not found": the store looks the name up
    with its backquotes, Neo4j without."""
    rows = store.query("RETURN $`a b` AS a, $`x` AS b, $`q``r` AS c, $x AS d", {"a b": 1, "x": 2, "q`r": 3})
    assert rows == [{"a": 1, "b": 2, "c": 3, "d": 2}]
    with pytest.raises(QueryError, match=r"the query uses \$a b but no value was given"):
        store.query("RETURN $`a b` AS a", {"x": 1})


@pytest.mark.parametrize(("param", "message"), [
    ('x:list=[1,"a"]', "query parameter $x is a list mixing numbers and text"),
    ("x:list=[]", "query parameter $x is, or holds, an empty list"),
    ("x:list=[null]", "query parameter $x is, or holds, an empty list"),
])
def test_embedded_params_bad_list_from_the_cli_is_one_line_with_status_1(ws, param, message):
    code, out, err = _cli("query", "-w", str(ws), "RETURN $x AS x", "--param", param)
    assert (code, out) == (1, "")
    assert err.startswith("graphbuild: error: [E200] ") and message in err and err.count("\n") == 1


def test_embedded_params_named_query_with_hostile_text_runs_and_finds_nothing(ws):
    for text in ('a"b\\c\'', "x\x01\x1f\x7f", "😀", "a" * 100_000, "%", "_", ".*"):
        code, out, err = _cli("query", "-w", str(ws), "--name", "papers-by-author", "--param", f"author={text}",
                              "--format", "json")
        assert (code, err) == (0, ""), text[:20]
        assert json.loads(out) == []
