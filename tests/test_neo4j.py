"""Neo4jStore against the real test server (tests/neo4j-server/run.sh start)."""

from __future__ import annotations

import os
import socket

import pytest
from graph_fixture import E, small_graph

from graphbuild.errors import QueryError, StoreError
from graphbuild.graph import graph_to_tables
from graphbuild.schema import NODE_TABLES, REL_TABLES
from graphbuild.stores.base import GraphStore
from graphbuild.stores.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

PASSWORD = os.environ.get("NEO4J_PASSWORD", "graphbuild-test")


@pytest.fixture
def store(neo4j_uri):
    s = Neo4jStore(neo4j_uri, password=PASSWORD)
    s.wipe()
    yield s
    s.wipe()
    s.query("MATCH (n:ForeignTest) DETACH DELETE n", write=True)
    s.close()


def _total(d: dict[str, int]) -> int:
    return sum(d.values())


def test_neo4j_store_satisfies_protocol(neo4j_uri):
    assert isinstance(Neo4jStore(neo4j_uri, password=PASSWORD), GraphStore)


def test_neo4j_sync_small_graph_gives_exact_counts(store):
    tables = graph_to_tables(small_graph())
    report = store.sync(tables)
    expected = tables.counts()
    assert report.nodes_created == {label: expected[label] for label in NODE_TABLES}
    assert report.rels_created == {rel: expected[rel] for rel in REL_TABLES}
    assert _total(report.nodes_deleted) == _total(report.rels_deleted) == _total(report.nodes_updated) == 0
    assert store.counts() == expected
    assert expected["Paper"] == 6 and expected["CITES"] == 5  # the fixture as documented


def test_neo4j_sync_twice_changes_nothing(store):
    tables = graph_to_tables(small_graph())
    store.sync(tables)
    before = store.counts()
    second = store.sync(tables)
    assert store.counts() == before
    assert _total(second.nodes_created) == _total(second.rels_created) == 0
    assert _total(second.nodes_updated) == _total(second.nodes_deleted) == _total(second.rels_deleted) == 0


def test_neo4j_incremental_sync_creates_only_the_new_paper_and_edge(store):
    G = small_graph()
    store.sync(graph_to_tables(G))
    G.add_node("P9", label="Paper", id="P9", title="A new paper", year=2024, external=False)
    G.add_edge("P9", "P1", key="CITES", inferred=False, via=None)
    report = store.sync(graph_to_tables(G))
    assert report.nodes_created == {label: int(label == "Paper") for label in NODE_TABLES}
    assert report.rels_created == {rel: int(rel == "CITES") for rel in REL_TABLES}
    assert _total(report.nodes_updated) == _total(report.nodes_deleted) == _total(report.rels_deleted) == 0
    rows = store.query("MATCH (a:Paper {id: 'P9'})-[:CITES]->(b) RETURN b.id AS cited")
    assert rows == [{"cited": "P1"}]
    assert store.counts() == graph_to_tables(G).counts()


def test_neo4j_sync_deletes_what_the_tables_lost(store):
    G = small_graph()
    store.sync(graph_to_tables(G))
    G.remove_node("X1")  # and its two CITES edges
    G.remove_edge("P1", E["GPT-3"], key="USES")
    report = store.sync(graph_to_tables(G))
    assert report.nodes_deleted == {label: int(label == "Paper") for label in NODE_TABLES}
    assert report.rels_deleted == {rel: {"CITES": 2, "USES": 1}.get(rel, 0) for rel in REL_TABLES}
    assert _total(report.nodes_created) == _total(report.rels_created) == 0
    assert store.counts() == graph_to_tables(G).counts()
    assert store.query("MATCH (p:Paper {id: 'X1'}) RETURN p") == []


def test_neo4j_sync_updates_changed_properties_and_type_label(store):
    G = small_graph()
    store.sync(graph_to_tables(G))
    G.nodes["P5"]["title"] = "ViT paper, revised"
    G.nodes[E["QLoRA"]]["type"] = "Model"
    G.edges["P2", "P1", "CITES"]["inferred"] = True
    report = store.sync(graph_to_tables(G))
    assert report.nodes_updated == {label: int(label in ("Paper", "Entity")) for label in NODE_TABLES}
    assert _total(report.nodes_created) == _total(report.rels_created) == _total(report.rels_deleted) == 0
    rows = store.query("MATCH (e:Entity {id: $id}) RETURN labels(e) AS labels", {"id": E["QLoRA"]})
    assert sorted(rows[0]["labels"]) == ["Entity", "Graphbuild", "Model"]
    cites = store.query("MATCH (:Paper {id: 'P2'})-[r:CITES]->(:Paper {id: 'P1'}) RETURN r.inferred AS i")
    assert cites == [{"i": True}]
    assert store.query("MATCH (p:Paper {id: 'P5'}) RETURN p.title AS t") == [{"t": "ViT paper, revised"}]


def test_neo4j_sync_recovers_relationships_after_an_interrupted_sync(store):
    tables = graph_to_tables(small_graph())
    store.sync(tables)
    # as if the previous sync died after writing nodes but before finishing relationships
    store.query("MATCH (n:Graphbuild) REMOVE n._gb_out", write=True)
    store.query("MATCH ()-[r:CITES]->() DELETE r", write=True)
    report = store.sync(tables)
    assert report.rels_created == {rel: int(rel == "CITES") * 5 for rel in REL_TABLES}
    assert store.counts() == tables.counts()


def test_neo4j_entities_carry_their_type_as_label(store):
    store.sync(graph_to_tables(small_graph()))
    rows = store.query("MATCH (e:Entity:Method) RETURN e.name AS name ORDER BY name")
    assert [r["name"] for r in rows] == ["LoRA", "QLoRA"]
    assert store.query("MATCH (e:Dataset) RETURN count(e) AS n") == [{"n": 3}]


def test_neo4j_query_returns_nodes_rels_and_lists_as_plain_values(store):
    store.sync(graph_to_tables(small_graph()))
    rows = store.query(
        "MATCH (p:Paper {id: 'P1'})-[r:PROPOSES]->(e:Entity) "
        "RETURN p, r, e, [e.name, 1] AS pair, date('2024-01-02') AS d")
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["p", "r", "e", "pair", "d"]
    assert row["p"]["_label"] == "Paper" and row["p"]["title"] == "LoRA paper" and row["p"]["year"] == 2021
    assert row["p"]["venue"] is None  # every schema column, as the embedded store returns them
    assert "_gb_hash" not in row["p"]
    assert row["r"] == {"_type": "PROPOSES", "evidence": "We propose LoRA.", "char_start": 0, "char_end": 16,
                        "confidence": None}
    assert row["e"]["aliases"] == ["low-rank adaptation"]
    assert row["pair"] == ["LoRA", 1]
    assert row["d"] == "2024-01-02"


def test_neo4j_query_returns_bytes_exactly(store):
    # bytes came back decoded as UTF-8 with U+FFFD for the rest, so --format json lost them
    rows = store.query("RETURN $b AS b, [$b] AS l", {"b": b"\xff\x00a"})
    assert rows == [{"b": {"_base64": "/wBh"}, "l": [{"_base64": "/wBh"}]}]


def test_neo4j_query_is_read_only_by_default(store):
    with pytest.raises(QueryError, match="read-only"):
        store.query("CREATE (n:ForeignTest {id: 'x'}) RETURN n")
    assert store.query("MATCH (n:ForeignTest) RETURN count(n) AS n") == [{"n": 0}]
    rows = store.query("CREATE (n:ForeignTest {id: 'x'}) RETURN n.id AS id", write=True)
    assert rows == [{"id": "x"}]


def test_neo4j_rows_of_a_write_are_committed_once_read_and_rolled_back_on_an_error(store):
    """``rows`` streams from one transaction: a write query's changes are committed when its rows have been read,
    and undone when reading them failed (here a reader's own error), as a failed :meth:`query` is.
    """
    with store.rows("UNWIND range(1, 3) AS i CREATE (n:ForeignTest {id: 'r' + i}) RETURN n.id AS id",
                    write=True) as rows:
        assert rows.columns == ["id"] and [row["id"] for row in rows] == ["r1", "r2", "r3"]
    with pytest.raises(RuntimeError):
        with store.rows("CREATE (n:ForeignTest {id: 'gone'}) RETURN n.id AS id", write=True) as rows:
            raise RuntimeError("the reader failed")
    assert store.query("MATCH (n:ForeignTest) RETURN n.id AS id ORDER BY id") == [{"id": "r1"}, {"id": "r2"},
                                                                                  {"id": "r3"}]
    with pytest.raises(QueryError, match="read-only"):
        with store.rows("CREATE (n:ForeignTest {id: 'x'}) RETURN n") as rows:
            list(rows)


def test_neo4j_load_csv_after_a_carriage_return_comment_is_refused(store):
    """Neo4j ends a ``//`` comment at a carriage return: the LOAD CSV after one ran and read a file."""
    with pytest.raises(QueryError, match="query refused: LOAD"):
        store.query("WITH 1 AS n // note\rLOAD CSV FROM 'file:///any.csv' AS l RETURN l")


@pytest.mark.parametrize("cypher", ["LOAD CSV FROM 'file:///any.csv' AS l RETURN l",
                                    "CALL apoc.load.json('file:///any.json')", "CALL dbms.security.listUsers()"])
def test_neo4j_write_query_still_may_not_touch_files_or_unlisted_procedures(store, cypher):
    """``--write`` allows writes, never files: on Neo4j it skipped the guard, and LOAD CSV read a file."""
    with pytest.raises(QueryError, match="query refused"):
        store.query(cypher, write=True)
    assert store.query("CREATE (n:ForeignTest {id: 'w'}) RETURN n.id AS id", write=True) == [{"id": "w"}]


def test_neo4j_query_syntax_error_names_the_position(store):
    with pytest.raises(QueryError) as info:
        store.query("MATCH (n RETURN n")
    assert "line 1, column" in str(info.value)


def test_neo4j_wipe_removes_only_graphbuild_data(store):
    store.query("CREATE (:ForeignTest {id: 'keep'})-[:LINKS]->(:ForeignTest {id: 'keep2'})", write=True)
    tables = graph_to_tables(small_graph())
    store.sync(tables)
    assert store.wipe() == sum(tables.counts()[label] for label in NODE_TABLES)
    assert all(v == 0 for v in store.counts().values())
    assert store.query("MATCH (n:ForeignTest)-[r]->() RETURN count(r) AS n") == [{"n": 1}]


def test_neo4j_sync_reports_progress_per_batch(neo4j_uri):
    calls = []
    with Neo4jStore(neo4j_uri, password=PASSWORD, batch_size=2) as s:
        s.wipe()
        try:
            s.sync(graph_to_tables(small_graph()), progress=lambda *args: calls.append(args))
        finally:
            s.wipe()
    papers = [c for c in calls if c[0] == "Paper nodes"]
    assert [c[1:] for c in papers] == [(2, 6), (4, 6), (6, 6)]
    assert all(0 < done <= total for _, done, total in calls)


def test_neo4j_wrong_password_is_a_store_error_naming_the_uri(neo4j_uri):
    s = Neo4jStore(neo4j_uri, password="not-the-password")
    with pytest.raises(StoreError) as info:
        s.counts()
    message = str(info.value)
    assert neo4j_uri in message and "NEO4J_PASSWORD" in message
    assert "not-the-password" not in message and "not-the-password" not in repr(s)
    s.close()


def test_neo4j_connection_refused_is_a_store_error_naming_the_uri(neo4j_uri):
    with socket.socket() as sock:  # a port nothing listens on once the socket closes
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    s = Neo4jStore(uri, password=PASSWORD)  # the constructor does not connect
    with pytest.raises(StoreError) as info:
        s.query("RETURN 1")
    assert uri in str(info.value) and "running" in str(info.value)
    s.close()


def test_neo4j_driver_log_lines_stay_off_stderr(neo4j_uri):
    """A server killed during a push printed some ten lines of the driver's log ("Transaction failed and will be
    retried in 1.9s", "<CONNECTION> error: Failed to read from defunct connection") before the one [E300] line:
    Python shows a library's warnings on stderr when the program set up no logging. Once a store connects, the
    driver's log is quiet; only the StoreError is said.
    """
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    script = (
        "import logging\n"
        "from graphbuild.errors import StoreError\n"
        "from graphbuild.stores.neo4j import Neo4jStore\n"
        f"store = Neo4jStore('bolt://127.0.0.1:{port}', password='x')\n"
        "try:\n"
        "    store.query('RETURN 1')\n"
        "except StoreError as exc:\n"
        "    print(exc, file=__import__('sys').stderr)\n"
        "logging.getLogger('neo4j.pool').warning('Transaction failed and will be retried in 1.9s')\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [f"[E300] cannot reach Neo4j at bolt://127.0.0.1:{port}: is it running there? "
                                       "start it or set --uri"]


def test_neo4j_write_query_inside_a_write_querys_rows_is_refused(store):
    """A write query started while a write query's rows are still open on the same store ran in a second
    transaction, which waited on the open one's locks until its time limit (then an E201 naming a limit the user
    never hit); one coded line at once now, and the open write goes on to commit.
    """
    import time

    store.query("CREATE (:ForeignTest {id: 'a', v: 0}), (:ForeignTest {id: 'b', v: 0})", write=True)
    started = time.monotonic()
    with store.rows("MATCH (n:ForeignTest) SET n.v = 1 RETURN n.id AS id ORDER BY id", write=True,
                    timeout=30) as rows:
        for row in rows:
            with pytest.raises(QueryError, match=r"^\[E200\] a write query cannot start while the rows of "
                                                 r"another query here are still being read"):
                store.query("MATCH (n:ForeignTest {id: $id}) SET n.v = 2", {"id": row["id"]}, write=True)
    assert time.monotonic() - started < 10
    assert store.query("MATCH (n:ForeignTest) RETURN collect(n.v) AS v") == [{"v": [1, 1]}]
    with store.rows("MATCH (n:ForeignTest) RETURN n.id AS id") as rows:  # a write for each row of a read: fine
        for row in rows:
            store.query("MATCH (n:ForeignTest {id: $id}) SET n.v = 3", {"id": row["id"]}, write=True)
    assert store.query("MATCH (n:ForeignTest) RETURN collect(n.v) AS v") == [{"v": [3, 3]}]


def test_neo4j_query_timeout_too_large_for_the_driver_is_one_coded_line(store):
    """A ``timeout`` of 1e300 seconds failed in the driver with a bare ``OverflowError: Python int too large to convert
    to C long``; it is refused on one line, as on the embedded store.
    """
    from graphbuild.errors import UsageError

    with pytest.raises(UsageError, match=r"^\[E710\] timeout must be a number of seconds, 0 or more \(0: no limit\) "
                                         r"and at most 10,000,000, not 1e\+300$"):
        store.query("RETURN 1 AS n", timeout=1e300)
    assert store.query("RETURN 1 AS n", timeout=10_000_000) == [{"n": 1}]


@pytest.mark.parametrize("value", [__import__("decimal").Decimal("1.5"), {1, 2}, 1j, object()])
def test_neo4j_parameter_the_driver_cannot_send_is_one_coded_line(store, value):
    """A parameter of a type the driver cannot pack (a Decimal, a set ...) raised its bare ``ValueError: Values of
    type <class 'decimal.Decimal'> are not supported`` from query() and rows(); one coded line now.
    """
    def rows() -> list:
        with store.rows("RETURN $v AS v", {"v": value}) as them:
            return list(them)

    for run in (lambda: store.query("RETURN $v AS v", {"v": value}), rows):
        with pytest.raises(QueryError, match=r"^\[E200\] a query parameter cannot be sent to Neo4j \(Values of type "
                                             r"<class '\w+\.?\w*'> are not supported"):
            run()
    assert store.query("RETURN 1 AS n") == [{"n": 1}]
