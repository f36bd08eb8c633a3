"""The neo4j-admin import files of ``graphbuild load``, imported by Neo4j's own import tool and served.

``neo4j-admin database import full`` needs a stopped database, so the shared
test server cannot take it. The test runs the same import tool (Neo4j 5.26's
``AdminTool``, from the test server's Maven class path) into a new store in a
temporary folder, starts a second test server (``graphbuild.testserver.Launcher``)
on that store, and compares what it serves over Bolt with the graph: every
node with its labels and properties, every relationship with its properties.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, require_service

from graphbuild.graph import graph_to_tables
from graphbuild.load import load_parquet, read_parquet_tables, tables_to_graph, write_parquet_tables
from graphbuild.resources import data_path
from graphbuild.schema import NODE_TABLES, REL_TABLES
from graphbuild.workspace import Workspace

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

SERVER = ROOT / "tests" / "neo4j-server" / "target"
PASSWORD = "graphbuild-import-test"


def _java_classpath() -> str:
    jar, classpath = SERVER / "neo4j-test-server-1.0.jar", SERVER / "classpath.txt"
    if not (jar.is_file() and classpath.is_file()):
        require_service(f"the Neo4j test server is not built ({SERVER}): run tests/neo4j-server/run.sh start")
    return f"{jar}{os.pathsep}{classpath.read_text().strip()}"


def _admin_import(csv_dir: Path, home: Path, classpath: str) -> None:
    """Run the command of ``neo4j-admin-import.txt`` with Neo4j's import tool into ``home``."""
    command = (csv_dir / "neo4j-admin-import.txt").read_text(encoding="utf-8")
    files = re.findall(r"--(nodes|relationships)=(\S+\.csv)", command)
    assert files and "--multiline-fields=true" in command and "--array-delimiter=';'" in command
    (home / "conf").mkdir(parents=True)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    proc = subprocess.run(["java", "-Xmx512m", "-cp", classpath, "org.neo4j.cli.AdminTool", "database", "import",
                           "full", *(f"--{kind}={name}" for kind, name in files), "--array-delimiter=;",
                           "--multiline-fields=true", "neo4j"],
                          cwd=csv_dir, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "IMPORT DONE" in proc.stdout


def _serve(home: Path, classpath: str, log: Path) -> tuple[subprocess.Popen, str]:
    """A second test server on the imported store; its process and Bolt URI."""
    env = {**os.environ, "NEO4J_DATA_DIR": str(home), "NEO4J_PASSWORD": PASSWORD}
    env.pop("NEO4J_PORT", None)
    with open(log, "w") as out:
        proc = subprocess.Popen(["java", "-Xmx512m", "-cp", classpath, "graphbuild.testserver.Launcher"],
                                env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        found = re.search(r"^NEO4J_URI=(\S+)", log.read_text(), re.M)
        if found:
            return proc, found.group(1)
        if proc.poll() is not None:
            break
        time.sleep(1)
    proc.terminate()
    proc.wait(60)
    raise AssertionError("the second test server did not start:\n" + log.read_text()[-3000:])


def _expected(G) -> tuple[set, set]:
    """Nodes and relationships as the import files carry them: an empty field (``None``, ``""``, ``[]``)
    is no property."""
    tables = graph_to_tables(G)

    def props(row: dict) -> tuple:
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in row.items()
                            if v not in (None, "", []) and k not in ("from", "to")))

    nodes = {(label, props(row)) for label in NODE_TABLES for row in tables.nodes[label]}
    rels = {(rel, row["from"], row["to"], props(row)) for rel in REL_TABLES for row in tables.rels[rel]}
    return nodes, rels


def _served(uri: str) -> tuple[set, set, list[list[str]]]:
    from neo4j import GraphDatabase

    def props(data: dict) -> tuple:
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in data.items()))

    with GraphDatabase.driver(uri, auth=("neo4j", PASSWORD)) as driver, driver.session() as session:
        records = session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p").data()
        rels = session.run("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p").data()
    labels = [sorted(r["labels"]) for r in records]
    schema = {label for label in NODE_TABLES}
    nodes = {(next(x for x in r["labels"] if x in schema), props(r["p"])) for r in records}
    return nodes, {(r["t"], r["a"], r["b"], props(r["p"])) for r in rels}, labels


def test_neo4j_admin_import_files_imported_and_served_equal_the_graph(tmp_path):
    classpath = _java_classpath()
    ws = Workspace(tmp_path / "built")
    ws.build([data_path("demo")], sync_store=False, overview=False, progress=False)
    write_parquet_tables(graph_to_tables(ws.graph()), tmp_path / "parquet")  # a Spark build's layout
    load_parquet(tmp_path / "parquet", Workspace(tmp_path / "ws"), sync_store=False,
                 neo4j_dir=str(tmp_path / "csv"), progress=False)
    G = tables_to_graph(read_parquet_tables(tmp_path / "parquet"))
    want_nodes, want_rels = _expected(G)
    assert {label for label, _ in want_nodes} == set(NODE_TABLES)  # Result and Community included
    assert {rel for rel, *_ in want_rels} == set(REL_TABLES)

    home = tmp_path / "neo4j-home"
    _admin_import(tmp_path / "csv", home, classpath)
    proc, uri = _serve(home, classpath, tmp_path / "server.log")
    try:
        nodes, rels, labels = _served(uri)
    finally:
        proc.terminate()  # the launcher's shutdown hook stops the database
        proc.wait(120)
    assert nodes == want_nodes
    assert rels == want_rels
    assert all("Graphbuild" in x for x in labels)  # the marker label graphbuild's push and wipe use
    entity_labels = {x for x in map(tuple, labels) if "Entity" in x}
    assert ("Dataset", "Entity", "Graphbuild") in entity_labels
