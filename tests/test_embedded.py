"""The embedded LadybugDB store: schema, sync (full, no-op, incremental, atomic rebuild), queries."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from graph_fixture import E, small_graph

from graphbuild.errors import QueryError, StoreError
from graphbuild.graph import graph_to_tables
from graphbuild.records import Paper
from graphbuild.schema import NODE_TABLES
from graphbuild.stores import embedded
from graphbuild.stores.base import GraphStore
from graphbuild.stores.embedded import EmbeddedStore, find_write_clause

FIXTURE_COUNTS = {
    "Paper": 6, "Entity": 9, "Author": 4,
    "PROPOSES": 5, "USES": 4, "EVALUATES_ON": 6, "COMPARES_WITH": 1,
    "VARIANT_OF": 1, "AUTHORED": 5, "CITES": 5,
    "Community": 0, "IN_COMMUNITY": 0,
    "Result": 0, "REPORTS": 0, "OF_MODEL": 0, "ON_DATASET": 0,
}


@pytest.fixture
def store(tmp_path: Path):
    st = EmbeddedStore(tmp_path / "ws" / "db")
    st.sync(graph_to_tables(small_graph()))
    yield st
    st.close()


def _with_new_paper():
    G = small_graph()
    G.add_node("P6", label="Paper", id="P6", title="DoRA paper", abstract="We extend LoRA.", year=2024,
               date=None, venue=None, doi=None, arxiv_id=None, url=None, n_authors=1, external=False)
    G.add_node("author:new person", label="Author", id="author:new person", name="New Person")
    G.add_edge("author:new person", "P6", key="AUTHORED", position=0)
    G.add_edge("P6", E["LoRA"], key="USES", evidence="We extend LoRA.", char_start=3, char_end=15)
    G.add_edge("P6", "P1", key="CITES", inferred=False, via=None)
    return G


def test_embedded_implements_the_store_protocol(tmp_path):
    assert isinstance(EmbeddedStore(tmp_path / "db"), GraphStore)


def test_embedded_schema_statements_cover_every_table():
    text = "\n".join(embedded.schema_statements())
    assert "CREATE NODE TABLE IF NOT EXISTS Entity(" in text
    assert "aliases STRING[]" in text
    assert "CREATE REL TABLE IF NOT EXISTS CITES(FROM Paper TO Paper, inferred BOOLEAN, via STRING)" in text
    assert text.count("PRIMARY KEY(id)") == len(NODE_TABLES)


def test_embedded_sync_creates_schema_and_exact_counts(tmp_path):
    st = EmbeddedStore(tmp_path / "db")
    report = st.sync(graph_to_tables(small_graph()))
    assert report.full_reload
    assert report.nodes_created == {"Paper": 6, "Entity": 9, "Author": 4}
    assert sum(report.rels_created.values()) == 27
    assert st.counts() == FIXTURE_COUNTS
    manifest = json.loads((tmp_path / "db" / embedded.MANIFEST_FILE).read_text())
    assert manifest["schema"] == embedded.SCHEMA_VERSION
    st.close()


def test_embedded_sync_twice_is_a_noop(store):
    report = store.sync(graph_to_tables(small_graph()))
    assert report.summary() == "0 nodes created, 0 updated, 0 deleted; 0 relationships created, 0 deleted"
    assert not report.full_reload
    assert store.counts() == FIXTURE_COUNTS


def test_embedded_incremental_add_paper_creates_only_new_rows(store):
    report = store.sync(graph_to_tables(_with_new_paper()))
    assert not report.full_reload
    assert report.nodes_created == {"Paper": 1, "Author": 1}
    assert report.rels_created == {"AUTHORED": 1, "USES": 1, "CITES": 1}
    assert report.nodes_updated == {} and report.nodes_deleted == {} and report.rels_deleted == {}
    rows = store.query("MATCH (p:Paper {id: 'P6'})-[u:USES]->(e:Entity) "
                       "RETURN p.title AS t, u.char_start AS s, e.name AS e")
    assert rows == [{"t": "DoRA paper", "s": 3, "e": "LoRA"}]


def test_embedded_incremental_updates_changed_aliases(store):
    G = small_graph()
    G.nodes[E["LoRA"]]["aliases"] = ["low-rank adaptation", "LoRA adapters"]
    G.nodes[E["GLUE"]]["paper_count"] = None
    report = store.sync(graph_to_tables(G))
    assert report.nodes_updated == {"Entity": 2}
    assert report.nodes_created == {} and report.rels_created == {}
    rows = store.query("MATCH (e:Entity) WHERE e.name IN ['LoRA', 'GLUE'] "
                       "RETURN e.name AS n, e.aliases AS a, e.paper_count AS c ORDER BY n")
    assert rows == [{"n": "GLUE", "a": [], "c": None},
                    {"n": "LoRA", "a": ["low-rank adaptation", "LoRA adapters"], "c": 3}]
    assert store.sync(graph_to_tables(G)).summary().startswith("0 nodes created, 0 updated")


def test_embedded_incremental_changed_rel_property_is_recreated(store):
    G = small_graph()
    G.edges["P2", "P4", "CITES"]["inferred"] = False
    report = store.sync(graph_to_tables(G))
    assert report.rels_deleted == {"CITES": 1} and report.rels_created == {"CITES": 1}
    rows = store.query("MATCH (:Paper {id: 'P2'})-[c:CITES]->(:Paper {id: 'P4'}) RETURN c.inferred AS i")
    assert rows == [{"i": False}]


def test_embedded_incremental_remove_paper_deletes_it_and_its_links(store):
    G = small_graph()
    G.remove_node("P5")
    G.remove_node("author:alexey dosovitskiy")
    report = store.sync(graph_to_tables(G))
    assert not report.full_reload
    assert report.nodes_deleted == {"Paper": 1, "Author": 1}
    assert report.rels_deleted == {"PROPOSES": 1, "EVALUATES_ON": 1, "AUTHORED": 1}
    counts = store.counts()
    assert counts["Paper"] == 5 and counts["Author"] == 3 and counts["PROPOSES"] == 4
    assert store.query("MATCH (p:Paper {id: 'P5'}) RETURN p.id AS id") == []


def test_embedded_large_change_rebuilds(store):
    G = small_graph()
    for node in ["P1", "P2", "P3", "P4"]:
        G.remove_node(node)
    report = store.sync(graph_to_tables(G))
    assert report.full_reload
    assert report.nodes_deleted["Paper"] == 4
    assert store.counts()["Paper"] == 2


def test_embedded_sync_consume_empties_the_callers_rows_and_loads_them_all(tmp_path):
    tables = graph_to_tables(small_graph())
    kept = graph_to_tables(small_graph())
    with EmbeddedStore(tmp_path / "db") as st:
        report = st.sync(tables, consume=True)
        assert st.counts() == FIXTURE_COUNTS
    assert report.full_reload
    assert all(rows == [] for rows in [*tables.nodes.values(), *tables.rels.values()])
    with EmbeddedStore(tmp_path / "db2") as st:  # without consume the caller's rows stay as they were
        st.sync(kept)
    assert kept == graph_to_tables(small_graph())


def test_embedded_interrupted_rebuild_keeps_the_old_database(store, tmp_path, monkeypatch):
    def broken_swap(built: Path, target: Path) -> None:
        assert (built / embedded.DB_FILE).exists()  # the new database was fully written
        raise KeyboardInterrupt

    (store.path / embedded.MANIFEST_FILE).write_text("{}")  # force a rebuild
    G = small_graph()
    G.remove_node("P5")
    monkeypatch.setattr(embedded, "swap_in", broken_swap)
    with pytest.raises(KeyboardInterrupt):
        store.sync(graph_to_tables(G))
    assert store.counts() == FIXTURE_COUNTS
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["db"]
    monkeypatch.undo()
    assert store.sync(graph_to_tables(G)).full_reload
    assert store.counts()["Paper"] == 5


#: what LadybugDB raised when a tmpfs filled up under the first build's COPY
_ENGINE_NO_SPACE = ("Transaction committed successfully, but the post-commit checkpoint failed. [...] Original error: "
                    "IO exception: Cannot write to file. path: /ws/.db.building-1/graph.lbdb numBytesToWrite: 4096 "
                    "numBytesWritten: -1. Error: No space left on device")


def test_embedded_full_disk_is_the_one_line_a_full_disk_gives_not_engine_internals(store, tmp_path, monkeypatch):
    """A first build onto a full disk ended with the engine's checkpoint internals as an [E300]; a later build
    (which failed in a file copy) with a plain "no space left" [E402]. The engine's disk-full failures are now an
    OutputError with ENOSPC, which the build reports as any other full disk; other engine failures stay StoreErrors.
    """
    import errno

    from graphbuild.errors import OutputError

    def full(self, conn, table_name, frame):
        raise QueryError(_ENGINE_NO_SPACE)

    monkeypatch.setattr(EmbeddedStore, "_copy", full)
    with pytest.raises(OutputError) as fresh:
        EmbeddedStore(tmp_path / "fresh" / "db").sync(graph_to_tables(small_graph()))  # a first load
    assert fresh.value.errno == errno.ENOSPC
    db = tmp_path / "fresh" / "db"
    assert str(fresh.value) == f"[E700] loading the graph into {db} failed: no space left on the device"
    with pytest.raises(OutputError, match=r"updating the graph database at .* failed: no space left on the device$"):
        store.sync(graph_to_tables(_with_new_paper()))

    def broken(self, conn, table_name, frame):
        raise QueryError("Copy exception: something else")

    monkeypatch.setattr(EmbeddedStore, "_copy", broken)
    with pytest.raises(StoreError, match=r"failed: Copy exception: something else; build again"):
        store.sync(graph_to_tables(_with_new_paper()))


def test_embedded_corrupt_database_is_rebuilt(tmp_path):
    db = tmp_path / "db"
    db.mkdir()
    (db / embedded.DB_FILE).write_bytes(b"not a database" * 100)
    manifest = {"format": "graphbuild-embedded", "schema": embedded.SCHEMA_VERSION}
    (db / embedded.MANIFEST_FILE).write_text(json.dumps(manifest))
    st = EmbeddedStore(db)
    assert st.sync(graph_to_tables(small_graph())).full_reload
    assert st.counts() == FIXTURE_COUNTS
    st.close()


def test_embedded_refuses_a_foreign_folder(tmp_path):
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "thesis.tex").write_text("precious")
    with pytest.raises(StoreError, match="not a graphbuild database"):
        EmbeddedStore(tmp_path / "db").sync(graph_to_tables(small_graph()))
    assert (tmp_path / "db" / "thesis.tex").read_text() == "precious"


@pytest.mark.parametrize("cypher", [
    "CREATE (n:Paper {id: 'x'})",
    "MATCH (n:Paper) SET n.title = 'x'",
    "MERGE (n:Paper {id: 'x'})",
    "match (n:Paper) detach delete n",
    "MATCH (n:Paper) DELETE n",
])
def test_embedded_query_refuses_writes(store, cypher):
    with pytest.raises(QueryError, match=r"refused: the query writes \(\w+ \.\.\.\); pass --write"):
        store.query(cypher)
    assert store.counts() == FIXTURE_COUNTS


def test_embedded_query_allows_write_words_in_literals(store):
    rows = store.query("MATCH (p:Paper) WHERE p.title <> 'create; DELETE me' RETURN count(p) AS n // SET later")
    assert rows == [{"n": 6}]
    assert find_write_clause("RETURN \"merge\" AS `set`") is None
    assert find_write_clause("MATCH (n) RETURN n.set") is None
    assert find_write_clause("MATCH (n)\nREMOVE n.title") == "REMOVE"


def test_embedded_query_write_flag_allows_writes(store):
    store.query("MATCH (p:Paper {id: 'P1'}) SET p.venue = 'ICLR'", write=True)
    assert store.query("MATCH (p:Paper {id: 'P1'}) RETURN p.venue AS v") == [{"v": "ICLR"}]


def test_embedded_read_only_store_refuses_sync_and_writes(store):
    store.close()
    ro = EmbeddedStore(store.path, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.sync(graph_to_tables(small_graph()))
    with pytest.raises(QueryError, match="read-only"):
        ro.query("MATCH (p:Paper) SET p.venue = 'x'", write=True)
    assert ro.counts() == FIXTURE_COUNTS
    ro.close()


def test_embedded_syntax_error_names_the_position(store):
    with pytest.raises(QueryError, match=r"offset: \d+") as err:
        store.query("MATCH (p:Paper RETURN p")
    assert "Parser exception" in str(err.value)


@pytest.mark.parametrize("cypher, hint", [
    ("MATCH (:Paper)-[r]->(:Entity) RETURN type(r) LIMIT 1", "write type(r) as label(r)"),
    ("MATCH (p:Paper) RETURN elementId(p) LIMIT 1", "write elementId(n) as id(n)"),
    ("MATCH ()-[r:CITES]->() RETURN startNode(r) LIMIT 1", "name the nodes in the pattern"),
])
def test_embedded_neo4j_function_names_say_how_the_store_spells_them(store, cypher, hint):
    # "Catalog exception: function TYPE does not exist." left a Neo4j user with no way on
    with pytest.raises(QueryError) as err:
        store.query(cypher)
    assert "does not exist" in str(err.value) and hint in str(err.value)


def test_embedded_query_converts_nodes_rels_and_params(store):
    rows = store.query("MATCH (p:Paper)-[r:EVALUATES_ON]->(e:Entity {id: $id}) RETURN p, r, e ORDER BY p.id LIMIT 1",
                       {"id": E["GLUE"]})
    row = rows[0]
    assert row["p"]["_label"] == "Paper" and row["p"]["id"] == "P1" and "_id" not in row["p"]
    assert row["r"] == {"_type": "EVALUATES_ON", "evidence": "Results on GLUE.", "char_start": 0, "char_end": 16,
                        "confidence": None}
    assert row["e"]["aliases"] == [] and row["e"]["name"] == "GLUE"
    json.dumps(rows)  # JSON-safe
    assert store.query("MATCH (p:Paper) RETURN sum(p.year) AS s") == [{"s": 2021 + 2023 + 2022 + 2023 + 2020}]


def test_embedded_query_returns_bytes_exactly(store):
    # a BLOB came back decoded as UTF-8 with U+FFFD for the rest, so --format json lost its bytes
    rows = store.query("RETURN BLOB('\\\\xFF\\\\x00a') AS b, [encode('x')] AS l")
    assert rows == [{"b": {"_base64": "/wBh"}, "l": [{"_base64": "eA=="}]}]
    json.dumps(rows)  # JSON-safe


@pytest.mark.parametrize(("cypher", "twice"), [
    ("RETURN 1 AS a, 2 AS a", "a"),
    ("MATCH (p:Paper) RETURN p.year, p.year, p.id", "p.year"),
    ("MATCH (p:Paper) RETURN count(*), count(*)", "COUNT_STAR()"),
])
def test_embedded_query_refuses_two_columns_of_one_name(store, cypher, twice):
    """Rows are dicts by column name: the first of two columns named alike vanished from every row."""
    with pytest.raises(QueryError, match=rf"more than one column named {re.escape(twice)}; .* with AS"):
        store.query(cypher)
    assert store.query("RETURN 1 AS a, 2 AS b") == [{"a": 1, "b": 2}]


def test_embedded_write_with_two_columns_of_one_name_is_refused_and_changes_nothing(store):
    # its changes were made (and said so); a write query runs in a transaction now, rolled back with the refusal
    with pytest.raises(QueryError, match=r"more than one column named p.venue; .* with AS \(RETURN x AS a, y AS b\)$"):
        store.query("MATCH (p:Paper {id: 'P1'}) SET p.venue = 'v' RETURN p.venue, p.venue", write=True)
    assert store.query("MATCH (p:Paper {id: 'P1'}) RETURN p.venue AS v") != [{"v": "v"}]


def test_embedded_query_on_missing_database_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="sync the graph"):
        EmbeddedStore(tmp_path / "nothing").query("MATCH (n) RETURN n")


def test_embedded_close_releases_the_lock_for_another_process(store):
    store.counts()
    store.close()
    script = ("import sys, ladybug; db = ladybug.Database(sys.argv[1]); c = ladybug.Connection(db); "
              "c.execute(\"MATCH (p:Paper {id: 'P1'}) SET p.venue = 'other process'\"); c.close(); db.close()")
    subprocess.run([sys.executable, "-c", script, str(store.path / embedded.DB_FILE)], check=True, timeout=120)
    assert store.query("MATCH (p:Paper {id: 'P1'}) RETURN p.venue AS v") == [{"v": "other process"}]
    store.close()
    reopened = EmbeddedStore(store.path)
    assert reopened.counts() == FIXTURE_COUNTS
    reopened.close()


def test_embedded_progress_reports_stages(tmp_path):
    seen = []
    st = EmbeddedStore(tmp_path / "db")
    st.sync(graph_to_tables(small_graph()), progress=lambda stage, done, total: seen.append((stage, done, total)))
    st.close()
    assert ("loading relationships", 46, 46) in seen


def test_embedded_sync_rejects_dangling_relationships(tmp_path):
    tables = graph_to_tables(small_graph())
    tables.rels["CITES"].append({"from": "P1", "to": "nowhere", "inferred": False, "via": None})
    with pytest.raises(StoreError, match="missing"):
        EmbeddedStore(tmp_path / "db").sync(tables)


def test_embedded_external_paper_round_trips(store):
    rows = store.query("MATCH (p:Paper {id: 'X1'}) RETURN p.external AS ext, p.abstract AS a")
    assert rows == [{"ext": True, "a": Paper(id="X1", title="t").abstract}]


def test_query_timeout_error_is_imported_from_graphbuild_errors(store):
    """It lived in stores.base alone, while every other coded error is in graphbuild.errors; both names hold."""
    from graphbuild import errors, stores
    from graphbuild.stores import base

    assert errors.QueryTimeoutError is base.QueryTimeoutError is stores.QueryTimeoutError
    assert "QueryTimeoutError" in errors.__all__
    with pytest.raises(errors.QueryTimeoutError, match=r"^\[E201\] "):
        store.query("UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b RETURN sum(a + b) AS s", timeout=0.001)


def test_embedded_rows_come_one_at_a_time_and_the_time_limit_covers_them(store):
    """``query`` turned the whole result into Python dicts before returning, and its time limit covered the engine
    alone: a result of millions of rows ran long past it, its memory growing with every row.
    """
    import time

    from graphbuild.errors import QueryTimeoutError

    with store.rows("UNWIND range(1, 5000) AS i RETURN i, i * 2 AS j") as rows:
        assert rows.columns == ["i", "j"]
        assert next(iter(rows)) == {"i": 1, "j": 2}
    with store.rows("MATCH (p:Paper) WHERE p.year < 0 RETURN p.id AS id") as rows:
        assert rows.columns == ["id"] and list(rows) == []  # the columns of no rows
    with pytest.raises(QueryTimeoutError, match=r"^\[E201\] the query ran past its 0.3 s limit"):
        with store.rows("UNWIND range(1, 5000) AS i RETURN i", timeout=0.3) as rows:
            for _ in rows:  # a slow reader of the rows: 5000 x 1 ms
                time.sleep(0.001)
    assert store.query("RETURN 1 AS n", timeout=0.3) == [{"n": 1}]  # the result was closed


def test_embedded_write_query_stopped_partway_changes_nothing(store):
    """A write query whose rows were stopped partway (the time limit, `| head` closing the pipe) had made its
    changes already, without a word, where Neo4j rolls them back: it runs in a transaction now.
    """
    import time

    from graphbuild.errors import QueryTimeoutError

    write = "MATCH (p:Paper) SET p.venue = 'Mars' WITH p UNWIND range(1, 2000) AS i RETURN p.id AS id, i"
    with pytest.raises(QueryTimeoutError):
        with store.rows(write, write=True, timeout=0.3) as rows:
            for _ in rows:  # a slow reader of the rows
                time.sleep(0.001)
    with pytest.raises(BrokenPipeError):
        with store.rows(write, write=True) as rows:
            next(iter(rows))
            raise BrokenPipeError  # what printing to a closed pipe raises
    assert store.query("MATCH (p:Paper) WHERE p.venue = 'Mars' RETURN count(p) AS n") == [{"n": 0}]
    with store.rows(write, write=True) as rows:  # read to the end: committed
        assert len(list(rows)) == 2000 * store.query("MATCH (p:Paper) RETURN count(p) AS n")[0]["n"]
    assert store.query("MATCH (p:Paper) WHERE p.venue <> 'Mars' RETURN count(p) AS n") == [{"n": 0}]
    with pytest.raises(QueryError, match="duplicated primary key"):  # a failed write query: the engine rolled
        store.query("MATCH (p:Paper) SET p.venue = 'Venus' WITH p CREATE (:Paper {id: 'P1'})", write=True)
    assert store.query("MATCH (p:Paper) WHERE p.venue = 'Venus' RETURN count(p) AS n") == [{"n": 0}]
    assert store.query("MATCH (p:Paper {id: 'P1'}) SET p.venue = 'ICLR' RETURN p.venue AS v", write=True) \
        == [{"v": "ICLR"}]  # back to the store's own connection, no transaction left open


def test_embedded_query_past_its_timeout_raises_the_timeout_error(store):
    from graphbuild.errors import QueryTimeoutError

    cypher = "UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b RETURN sum(a + b) AS s"
    with pytest.raises(QueryTimeoutError, match=r"^\[E201\] the query ran past its 0.001 s limit") as caught:
        store.query(cypher, timeout=0.001)
    assert isinstance(caught.value, QueryError)  # what callers already catch
    assert store.query(cypher, timeout=0) == [{"s": 2000 * 2000 * 2001}]  # 0: no limit
    limited = EmbeddedStore(store.path, read_only=True, query_timeout=0.001)  # the store's own limit
    try:
        with pytest.raises(QueryTimeoutError):
            limited.query(cypher)
        assert limited.query("RETURN 1 AS n", timeout=5) == [{"n": 1}]
    finally:
        limited.close()
    with pytest.raises(Exception, match="timeout must be a number of seconds"):
        store.query("RETURN 1 AS n", timeout=-1)
    with pytest.raises(Exception, match=r"^\[E710\] timeout must be .* and at most 10,000,000, not 1e\+300$"):
        store.query("RETURN 1 AS n", timeout=1e300)  # the engine's bare ValueError (ms beyond 2**64 - 1) before


def test_embedded_write_query_inside_open_rows_is_refused_on_one_line(store):
    """A write query started while another query's rows are still being read on the same store: inside a write
    query's rows the engine said "Connection already has an active transaction ..." and rolled the open one back;
    inside a read query's rows it reopened the database writable, closing those rows under their reader (a bare
    ``RuntimeError: Query result is closed`` at the next row). Now one coded line, and the open query goes on.
    """
    from graphbuild.errors import QueryError as Refused

    nested = "MATCH (p:Paper {id: 'P1'}) SET p.venue = 'Nested' RETURN p.venue AS v"
    with store.rows("MATCH (p:Paper) SET p.venue = 'Outer' RETURN p.id AS id", write=True) as rows:
        for _ in rows:
            with pytest.raises(Refused, match=r"^\[E200\] a write query cannot start while the rows of another "
                                              r"query here are still being read; read them to the end"):
                store.query(nested, write=True)
            assert store.query("MATCH (p:Paper {id: 'P1'}) RETURN p.venue AS v") == [{"v": "Outer"}]  # a read: fine
    assert store.query("MATCH (p:Paper) WHERE p.venue <> 'Outer' RETURN count(p) AS n") == [{"n": 0}]  # committed
    store.close()  # the next query opens the database read-only
    with store.rows("UNWIND range(1, 3000) AS i RETURN i") as rows:
        seen = 0
        for _ in rows:
            if not seen:
                with pytest.raises(Refused, match="a write query cannot start"):
                    store.query(nested, write=True)
            seen += 1
    assert seen == 3000
    assert store.query(nested, write=True) == [{"v": "Nested"}]  # the rows left: writes run again
