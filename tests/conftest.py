"""Shared fixtures: paths to ../shared, the Neo4j test server, store parametrisation."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GRAPHBUILD_SHARED", ROOT.parent / "shared"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_service(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where every service must be up."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: required services must be running)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A workspace the command line built from the fixture corpus (``tests/fixtures/sources/corpus.jsonl``), one
    per test module: a module's tests may change it, another module's never see that.
    """
    from graphbuild.cli import main

    ws = tmp_path_factory.mktemp(request.module.__name__.rpartition(".")[2]) / "ws"
    corpus = ROOT / "tests" / "fixtures" / "sources" / "corpus.jsonl"
    assert main(["build", str(corpus), "-w", str(ws), "--no-overview"]) == 0
    return ws


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED} (set GRAPHBUILD_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        require_service("NEO4J_URI is not set: start tests/neo4j-server/run.sh start and export it")
    return uri


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("tests must not open network connections")

    def refuse_connect(sock: socket.socket, *args: object, **kwargs: object) -> None:
        sock.close()
        refuse()

    monkeypatch.setattr(socket.socket, "connect", refuse_connect)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def spark_session():
    """A real local[2] SparkSession (PySpark and Java 17); skipped off CI, failing in CI, when missing."""
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError:
        require_service("PySpark is not installed: pip install -e '.[spark]'")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        require_service("Java is not installed (Spark needs Java 17)")
    from graphbuild.spark.session import get_session, stop_session

    spark = get_session("local[2]", app="graphbuild-tests", shuffle_partitions=4)
    yield spark
    stop_session(spark)  # the JVM too: one outliving pytest keeps CI waiting on its pipes
