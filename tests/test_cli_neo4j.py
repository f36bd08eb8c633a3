"""`graphbuild push` and `query --neo4j` against the real test server."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.stores.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

SOURCES = Path(__file__).parent / "fixtures" / "sources"
PASSWORD = os.environ.get("NEO4J_PASSWORD", "graphbuild-test")


@pytest.fixture()
def pushed_ws(neo4j_uri, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    ws = tmp_path / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    with Neo4jStore(neo4j_uri, password=PASSWORD) as store:
        store.wipe()
    yield ws
    with Neo4jStore(neo4j_uri, password=PASSWORD) as store:
        store.wipe()


def _counts(uri: str) -> dict[str, int]:
    store = Neo4jStore(uri, password=PASSWORD)
    try:
        return store.counts()
    finally:
        store.close()


def _paper_ids(uri: str) -> set[str]:
    with Neo4jStore(uri, password=PASSWORD) as store:
        return {row["id"] for row in store.query("MATCH (p:Paper:Graphbuild) RETURN p.id AS id")}


def test_cli_push_twice_gives_identical_counts(pushed_ws, neo4j_uri, capsys):
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    first = _counts(neo4j_uri)
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    out = capsys.readouterr().out
    assert "0 nodes created" in out.splitlines()[-1]
    assert _counts(neo4j_uri) == first
    assert first["Paper"] == 3 and first["CITES"] >= 2


def test_cli_query_neo4j_matches_embedded(pushed_ws, neo4j_uri, capsys):
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    capsys.readouterr()
    args = ["query", "-w", str(pushed_ws), "--name", "top-datasets", "--format", "json"]
    assert main(args) == 0
    embedded = json.loads(capsys.readouterr().out)
    assert main(args + ["--neo4j", "--uri", neo4j_uri]) == 0
    assert json.loads(capsys.readouterr().out) == embedded


def test_cli_query_neo4j_table_shows_bytes_as_bytes(neo4j_uri, capsys):
    # the table showed bytes from Neo4j as {"_base64": "/wBh"}, the encoding JSON and CSV keep
    from graphbuild.cli._common import _print_rows

    with Neo4jStore(neo4j_uri, password=PASSWORD) as store:
        with store.rows("RETURN $b AS b, [$b] AS l", {"b": b"\xff\x00a"}) as rows:
            _print_rows(rows, "table")
        with store.rows("RETURN $b AS b", {"b": b"\xff\x00a"}) as rows:
            _print_rows(rows, "json")
    out = capsys.readouterr().out
    assert out.splitlines()[2].split() == ["<3", "bytes:", "ff0061>", "<3", "bytes:", "ff0061>"]
    assert json.loads(out.split("(1 row)\n", 1)[1]) == [{"b": {"_base64": "/wBh"}}]


def test_cli_query_neo4j_csv_of_no_rows_still_has_its_header(pushed_ws, neo4j_uri, capsys):
    """A query with no rows printed one empty line as its CSV, no header, on Neo4j as on the embedded store."""
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    capsys.readouterr()
    assert main(["query", "-w", str(pushed_ws), "--neo4j", "--uri", neo4j_uri, "--format", "csv",
                 "MATCH (p:Paper) WHERE p.year < 0 RETURN p.id AS id, p.year AS year"]) == 0
    assert capsys.readouterr().out == "id,year\r\n"


def test_cli_push_wrong_password_is_one_line(pushed_ws, neo4j_uri, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and neo4j_uri in err and "authentication" in err


def test_cli_push_connection_refused_is_one_line(pushed_ws, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    assert main(["push", "-w", str(pushed_ws), "--uri", uri]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and uri in err


def test_cli_push_wipe_needs_confirmation(pushed_ws, neo4j_uri, capsys):
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri, "--wipe"]) == 1  # no TTY, no --yes
    assert _counts(neo4j_uri)["Paper"] == 3
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri, "--wipe", "--yes"]) == 0
    assert _counts(neo4j_uri)["Paper"] == 0


def test_cli_push_of_another_workspace_asks_before_replacing(pushed_ws, neo4j_uri, tmp_path, capsys):
    other = tmp_path / "other"
    other_input = tmp_path / "other.jsonl"
    other_input.write_text(json.dumps({"id": "o1", "title": "Another corpus altogether", "abstract": "We use BERT."})
                           + "\n", encoding="utf-8")
    assert main(["build", str(other_input), "-w", str(other), "--no-overview"]) == 0
    # the server is shared with other test runs: keep the steps below close together
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    ours = _paper_ids(neo4j_uri)
    capsys.readouterr()
    assert main(["push", "-w", str(other), "--uri", neo4j_uri]) == 1  # no terminal, no --yes
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E300]" in err and str(pushed_ws.resolve()) in err and "--yes" in err
    assert ours <= _paper_ids(neo4j_uri)  # nothing of the first workspace was deleted
    assert main(["push", "-w", str(other), "--uri", neo4j_uri, "--yes"]) == 0
    assert not ours & _paper_ids(neo4j_uri) and "o1" in _paper_ids(neo4j_uri)
    assert main(["push", "-w", str(other), "--uri", neo4j_uri]) == 0  # its own graph now: no question


def test_cli_query_neo4j_warns_when_the_server_holds_another_graph(pushed_ws, neo4j_uri, tmp_path, capsys):
    """`query -w A --neo4j` answered silently from the graph another workspace pushed, or from A's graph
    before its latest build: one warning line on stderr says so, and the answers still come.
    """
    query = ["query", "-w", str(pushed_ws), "--uri", neo4j_uri, "MATCH (p:Paper) RETURN count(p) AS n",
             "--format", "json"]
    assert main(query) == 0
    assert "holds no graph pushed from" in capsys.readouterr().err  # wiped: nothing pushed yet
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    capsys.readouterr()
    assert main(query) == 0
    assert capsys.readouterr().err == ""  # its own, up-to-date graph
    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"id": "m1", "title": "A later paper", "abstract": "We use BERT."}) + "\n",
                    encoding="utf-8")
    assert main(["build", str(more), "-w", str(pushed_ws), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(query) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [{"n": 3}] and err.count("\n") == 1
    assert "has been built or curated since it was pushed" in err and "graphbuild push -w" in err
    other = tmp_path / "other"
    assert main(["build", str(more), "-w", str(other), "--no-overview"]) == 0
    capsys.readouterr()
    assert main(["query", "-w", str(other), "--uri", neo4j_uri, "RETURN 1 AS x"]) == 0
    err = capsys.readouterr().err
    assert f"holds the graph pushed from the workspace {pushed_ws.resolve()}, not {other}" in err
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    capsys.readouterr()
    assert main(query) == 0
    assert capsys.readouterr().err == ""


def test_cli_query_on_neo4j_stays_read_only_and_guarded(pushed_ws, neo4j_uri, capsys):
    assert main(["push", "-w", str(pushed_ws), "--uri", neo4j_uri]) == 0
    capsys.readouterr()
    base = ["query", "-w", str(pushed_ws), "--neo4j", "--uri", neo4j_uri]
    assert main(base + ["MATCH (p:Paper) SET p.title = 'x'"]) == 1  # refused by the server's read transaction
    assert "read-only" in capsys.readouterr().err
    assert main(base + ["LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row"]) == 1
    assert "query refused: LOAD" in capsys.readouterr().err
    assert main(base + ["CALL apoc.load.json('file:///etc/passwd')"]) == 1
    assert "query refused" in capsys.readouterr().err
    assert main(base + ["MATCH (p:Paper) RETURN count(p) AS n", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 3}]


def test_cli_password_in_uri_never_echoed_by_real_server(pushed_ws, neo4j_uri, capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    host = neo4j_uri.split("://", 1)[1]
    uri = f"bolt://neo4j:s3cret-in-uri@{host}"
    assert main(["push", "-w", str(pushed_ws), "--uri", uri]) == 1
    err = capsys.readouterr().err
    assert "s3cret-in-uri" not in err and f"bolt://***@{host}" in err
