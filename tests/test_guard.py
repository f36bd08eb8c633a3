"""The Cypher allow-list: what a read-only query may run, checked on the real embedded store."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from graph_fixture import small_graph

from graphbuild.cypher_guard import check_query, find_write_clause, query_parameters, tokenize
from graphbuild.errors import QueryError
from graphbuild.graph import graph_to_tables
from graphbuild.stores.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("guard")
    built = EmbeddedStore(tmp_path / "db")
    built.sync(graph_to_tables(small_graph()))
    built.close()
    st = EmbeddedStore(tmp_path / "db", read_only=True)
    yield st
    st.close()


#: The statements of issue 11 (and their relatives) that must never reach the database.
REFUSED = [
    "COPY (MATCH (p:Paper) RETURN p.title) TO '{out}'",
    "COPY Paper TO '{out}'",
    "COPY Paper FROM '/etc/passwd'",
    "CALL READ_CSV_SERIAL('/etc/passwd') RETURN *",
    "CALL read_csv('/etc/passwd') RETURN *",
    "CALL READ_PARQUET('/etc/passwd') RETURN *",
    "CALL READ_NPY('/etc/passwd') RETURN *",
    "CALL READ_JSON('/etc/passwd') RETURN *",
    "CALL `READ_CSV_SERIAL`('/etc/passwd') RETURN *",
    "call /* hidden */ read_csv_serial('/etc/passwd') return *",
    "LOAD FROM '/etc/passwd' RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *",
    "LOAD EXTENSION json",
    "INSTALL json",
    "ATTACH '/tmp/other.lbug' AS other (dbtype lbug)",
    "EXPORT DATABASE '{out}'",
    "IMPORT DATABASE '/tmp'",
    "MATCH (p:Paper) RETURN p.id; COPY Paper TO '{out}'",
    "CALL threads=1",
    "CALL project_graph('g', ['Paper'], ['CITES'])",
    "UNWIND [1] AS x CALL read_csv('/etc/passwd') RETURN *",
    "RETURN 1 AS copy; COPY Paper TO '{out}'",
    "MATCH (p:Paper) WITH p, [x IN [1] | LOAD] AS l RETURN l",
    "RETURN [x IN [1] WHERE x = 1 | CALL] AS c",
]

WRITES = [
    "MATCH (p:Paper) SET p.venue = 'x'",
    "CREATE (p:Paper {id: 'new'})",
    "MATCH (p:Paper) WHERE p.year > 2000 DETACH DELETE p",
    "MERGE (p:Paper {id: 'P1'})",
    "MATCH (n)\nREMOVE n.title",
    "DROP TABLE Paper",
    "MATCH (p:Paper) WITH p LIMIT 1 SET p.title = 'y'",
]

READS = [
    "MATCH (p:Paper) RETURN p.title AS copy ORDER BY copy LIMIT 1",
    "MATCH (p:Paper) RETURN p.title AS `set`, 'create; DELETE me' AS note LIMIT 1",
    "MATCH (p:Paper) WHERE p.title <> 'COPY x TO y' RETURN count(p) AS n // SET later",
    "RETURN {kind: 'create', copy_of: 2} AS m",
    "MATCH (p:Paper) WHERE p.title CONTAINS \"load from\" RETURN count(*) AS n",
    "RETURN 'read_csv(x)' AS s /* CALL read_csv('/etc/passwd') */",
    "CALL show_tables() RETURN name ORDER BY name",
    "CALL table_info('Paper') RETURN *",
]


@pytest.mark.parametrize("cypher", REFUSED)
def test_guard_refuses_file_and_extension_access_even_with_write(cypher, tmp_path):
    text = cypher.format(out=tmp_path / "leak.csv")
    with pytest.raises(QueryError, match="refused"):
        check_query(text)
    with pytest.raises(QueryError, match="refused"):
        check_query(text, write=True)


@pytest.mark.parametrize("cypher", REFUSED)
def test_guard_refused_statements_never_reach_the_store(cypher, store, tmp_path):
    with pytest.raises(QueryError, match=r"^\[E200\] query refused"):
        store.query(cypher.format(out=tmp_path / "leak.csv"))
    assert not (tmp_path / "leak.csv").exists()


@pytest.mark.parametrize("cypher", WRITES)
def test_guard_refuses_write_clauses_unless_write(cypher):
    with pytest.raises(QueryError, match="pass --write"):
        check_query(cypher)
    check_query(cypher, write=True)
    assert find_write_clause(cypher) is not None


@pytest.mark.parametrize("cypher", READS)
def test_guard_allows_reads_that_name_things_like_keywords(cypher, store):
    check_query(cypher)
    assert find_write_clause(cypher) is None
    store.query(cypher)  # runs on the read-only store


def _query_in_child(tmp_path, cypher: object) -> subprocess.CompletedProcess[str]:
    """Run ``cypher`` on a read-only store in a child process, so a crash shows as a signal instead of
    killing pytest; a QueryError is printed and exits with 1."""
    built = EmbeddedStore(tmp_path / "db")
    built.sync(graph_to_tables(small_graph()))
    built.close()
    code = ("import sys\n"
            "from graphbuild.errors import QueryError\n"
            "from graphbuild.stores.embedded import EmbeddedStore\n"
            "store = EmbeddedStore(sys.argv[1], read_only=True)\n"
            "try:\n"
            f"    store.query({cypher!r})\n"
            "except QueryError as exc:\n"
            "    print(exc)\n"
            "    sys.exit(1)\n")
    return subprocess.run([sys.executable, "-c", code, str(tmp_path / "db")], capture_output=True, text=True,
                          timeout=300)


def test_guard_read_csv_serial_refused_in_a_fresh_process(tmp_path):
    """The issue's segfault, refused before it reaches the store."""
    result = _query_in_child(tmp_path, "CALL READ_CSV_SERIAL('/etc/passwd') RETURN *")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("[E200] query refused: READ_CSV_SERIAL(...)")


@pytest.mark.parametrize(("cypher", "message"), [
    ("RETURN " + "[" * 600 + "]" * 600 + " AS x", "brackets nested more than 100 deep"),
    ("RETURN " + "{a:" * 600 + "1" + "}" * 600 + " AS x", "brackets nested more than 100 deep"),
    ("RETURN " + "(" * 5000 + "1" + ")" * 5000 + " AS x", "brackets nested more than 100 deep"),
    ("RETURN " + "NOT " * 12000 + "true AS x", r"operators \(NOT, - or \+\) chained more than 100 deep"),
    ('RETURN "\udcff" AS x', r"holds a byte that is not UTF-8 \(0xff\) at character 8"),
    ("RETURN '\ud800' AS x", r"holds an unpaired surrogate \(\\ud800\)"),
    (5, "a query is Cypher text"),
])
def test_guard_refuses_what_would_crash_or_fail_inside_the_store(cypher, message, tmp_path):
    """Each of these crashed the process (a segmentation fault in the store's parser) or failed with a
    TypeError from inside the store's binding."""
    result = _query_in_child(tmp_path, cypher)
    assert result.returncode == 1, result.stderr[-500:]
    assert re.match(rf"^\[E200\] query refused: .*{message}", result.stdout)


def test_guard_allows_nesting_up_to_the_limit(store):
    assert store.query("RETURN " + "[" * 100 + "]" * 100 + " AS x")[0]["x"] is not None
    assert store.query("RETURN " + "- " * 100 + "1 AS x") == [{"x": 1}]


@pytest.mark.parametrize("cypher", [
    "RETURN " + "+".join(["1"] * 502) + " AS x",
    "RETURN " + " * ".join(["2"] * 600) + " AS x",
    "MATCH (p:Paper) WHERE " + " OR ".join(f"p.id = 'x{i}'" for i in range(260)) + " RETURN p.id",
    "MATCH (p:Paper) WHERE " + " AND ".join(["p.title STARTS WITH 'a'"] * 260) + " RETURN p.id",
    "RETURN [" + "+".join(["'a'"] * 600) + "] AS x",
])
def test_guard_refuses_long_operator_chains(cypher, store):
    """The store parses these in seconds to minutes (its time grows with about the cube of the chain)."""
    with pytest.raises(QueryError, match=r"^\[E200\] query refused: an expression chains more than 500 operators"):
        store.query(cypher)


def test_guard_allows_chains_up_to_the_limit_and_long_lists(store):
    assert store.query("RETURN " + "+".join(["1"] * 501) + " AS x") == [{"x": 501}]
    grouped = "+".join(["(" + "+".join(["1"] * 100) + ")"] * 30)  # 3,000 terms, no chain above 100
    assert store.query(f"RETURN {grouped} AS x") == [{"x": 3000}]
    assert store.query("RETURN size([" + ", ".join(["1"] * 5000) + "]) AS x") == [{"x": 5000}]
    values = [f"id{i}" for i in range(50_000)]
    assert store.query("MATCH (p:Paper) WHERE p.id IN $values RETURN count(p) AS n", {"values": values}) == [
        {"n": 0}]
    assert store.query("RETURN " + ", ".join(f"1 + {i} AS c{i}" for i in range(800)))[0]["c799"] == 800


@pytest.mark.parametrize(("params", "message"), [
    ({"x": 10**30}, r"query parameter \$x is a whole number beyond 64 bits \(31 digits\)"),
    ({"x": ["ok", {"k": "\udcff"}]}, r"query parameter \$x holds a byte that is not UTF-8 \(0xff\)"),
    ({"x": {1: "a"}}, r"query parameter \$x has a map key that is not text \(int\)"),
    ({1: "a"}, r"query parameter names are text, not int"),
    ([1], r"query parameters are a dict of name -> value, not list"),
])
def test_guard_parameters_no_store_can_take_are_named(params, message, store):
    with pytest.raises(QueryError, match=rf"^\[E200\] {message}"):
        store.query("RETURN $x AS x", params)
    assert store.query("RETURN $x AS x", {"x": 2**63 - 1}) == [{"x": 2**63 - 1}]


def test_guard_tokenizer_keeps_strings_comments_and_backquotes_whole():
    tokens = tokenize("MATCH (n) WHERE n.x = 'a // b' RETURN `a``b` /* c */ // d\n, $p")
    assert [(t.kind, t.text) for t in tokens][-5:] == [
        ("string", "'a // b'"), ("word", "RETURN"), ("quoted", "`a``b`"), ("punct", ","), ("param", "$p")]


def test_guard_allows_keywords_as_map_keys_and_labels():
    """Neo4j accepts these (LadybugDB's parser refuses reserved words there by itself)."""
    for cypher in ("RETURN {create: 1, copy: 2, set: 3} AS m", "MATCH (copy:Paper) RETURN copy.title",
                   "MATCH (p:Copy) RETURN p.set, $create AS c"):
        check_query(cypher)


def test_guard_unknown_call_is_refused_with_the_allowed_list():
    with pytest.raises(QueryError, match="show_tables"):
        check_query("CALL clear_warnings() RETURN *")
    check_query("CALL db.labels() YIELD label RETURN label")
    check_query("MATCH (p:Paper) CALL { WITH p MATCH (p)-[:CITES]->(q) RETURN count(q) AS n } RETURN n")


def test_guard_query_parameters_ignores_strings_and_comments():
    assert query_parameters("MATCH (p) WHERE p.id = $id AND p.t <> '$x' // $y\nRETURN $`odd name`") == [
        "id", "odd name"]
    assert query_parameters("RETURN $`a``b` AS x") == ["a`b"]


def test_guard_parameter_names_may_hold_any_letter(store):
    """``$é`` was read as no parameter: run without a value it silently came back null, and ``$x1é`` was
    reported as ``$x1``."""
    assert query_parameters("RETURN $année AS a, $x1é AS b, $_ok AS c") == ["année", "x1é", "_ok"]
    with pytest.raises(QueryError, match=r"the query uses \$é but no value was given"):
        store.query("RETURN $é AS x", {})
    assert store.query("RETURN $é AS x", {"é": 3}) == [{"x": 3}]


@pytest.mark.parametrize("cypher", [
    "RETURN 1 AS n // note\rLOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "RETURN 1 AS n // note\rCALL dbms.security.listUsers()",
])
def test_guard_line_comment_ends_at_a_carriage_return(cypher):
    """Neo4j ends a ``//`` comment at a carriage return too: the clause after one is not a comment."""
    with pytest.raises(QueryError, match="refused"):
        check_query(cypher, write=True)
    assert [t.text for t in tokenize("RETURN 1 // a\r\n, 2")] == ["RETURN", "1", ",", "2"]


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(["MATCH", "(n:Paper)", "RETURN", "n.copy", "AS", "copy", "'x'", '"y"', "`z`", "//c\n",
                           "/* c */", "$p", "CALL", "read_csv(", ")", "COPY", "SET", ";", ",", "{", "}", "'", "\\",
                           "`", "LOAD", "FROM", "1", "create", " "])


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=20).map(" ".join)))
def test_guard_tokens_cover_the_query_and_checks_only_raise_query_errors(cypher):
    tokens = tokenize(cypher)
    assert all(cypher[t.start:t.start + len(t.text)] == t.text for t in tokens)
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)
    for write in (False, True):
        try:
            check_query(cypher, write=write)
        except QueryError as exc:
            assert str(exc).startswith("[E200] query refused")
    if find_write_clause(cypher) is None:
        assert not any(t.kind == "word" and t.text.upper() in ("COPY", "LOAD") and (i == 0 or tokens[i - 1].text == ";")
                       for i, t in enumerate(tokens))


@pytest.mark.parametrize("cypher", [
    "CREATE (:Author {id: 'author:early', name: 'E'}); COMMIT; MATCH (a:Author) RETURN count(a) AS n",
    "ROLLBACK",
    "BEGIN TRANSACTION; CREATE (:Author {id: 'author:early', name: 'E'})",
    "match (a:Author) return a.id; commit",
])
def test_guard_refuses_transaction_control_even_with_write(cypher, tmp_path):
    """``query --write "CREATE ...; COMMIT; MATCH ..."`` committed the store's own transaction early (a query stopped
    after it kept its changes), and then said "[E300] committing the query's changes failed: No active transaction"
    of changes that were committed; ``--write ROLLBACK`` said the same. Refused on one line now, before the store.
    """
    with pytest.raises(QueryError, match=r"^\[E200\] query refused: (BEGIN|COMMIT|ROLLBACK) controls the "
                                         r"transaction, which graphbuild runs itself"):
        check_query(cypher, write=True)
    st = EmbeddedStore(tmp_path / "db")
    st.sync(graph_to_tables(small_graph()))
    try:
        with pytest.raises(QueryError, match="controls the transaction"):
            st.query(cypher, write=True)
        assert st.query("MATCH (a:Author {id: 'author:early'}) RETURN count(a) AS n") == [{"n": 0}]
    finally:
        st.close()
    check_query("MATCH (n) RETURN n.commit AS commit, n.`begin` AS rollback")  # names are fine
