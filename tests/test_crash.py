"""Crash test: SIGKILL a real ``graphbuild build`` at every step of a build and commit.

The build is started as a subprocess with ``GRAPHBUILD_TEST_PAUSE_AT=<point>``:
it prints a line and sleeps when it reaches that point, and the test kills it
there with SIGKILL (no handler runs, as on a power cut). Afterwards ``stats``,
``query`` and ``related`` must all answer from the same corpus, the old one
or the new one, never a mix; the next build must succeed and leave one
generation; a folder named ``gen-notes`` in the workspace survives it all.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from graph_fixture import spark_layout

from graphbuild.cli import main
from graphbuild.workspace import GENERATION_RE, Workspace

SOURCES = Path(__file__).parent / "fixtures" / "sources"
OLD_IDS = {"arxiv:2106.09685", "arxiv:2301.00001"}
NEW_PAPERS = [
    {"id": "crash-1", "title": "Adapters After a Crash", "year": 2024,
     "abstract": "We use LoRA to fine-tune GPT-3 and evaluate on GLUE."},
    {"id": "crash-2", "title": "Low-Rank Updates Survive Power Cuts", "year": 2024,
     "abstract": "We compare with LoRA on GLUE and MMLU."},
]
NEW_IDS = {"crash-1", "crash-2"}
#: every pause point of Workspace.build: after each stage, inside the store sync,
#: before the checkpoint, and around the rename, the CURRENT switch and the cleanup
POINTS = ["read", "merge", "extract", "resolve", "cite", "graph", "digest", "write", "tables", "sync",
          "checkpoint", "rename", "switch", "cleanup"]
#: where CURRENT already names the new generation
SWITCHED = {"cleanup"}


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _corpus_seen(ws: Path) -> str:
    """'old' or 'new' when stats, query and related agree on one corpus; fails on a mix."""
    code, out, err = _cli("stats", "-w", str(ws), "--json")
    assert code == 0, err
    n_stats = json.loads(out)["nodes"]["Paper"]
    code, out, err = _cli("query", "-w", str(ws), "--format", "json",
                          "MATCH (p:Paper) WHERE p.external = false RETURN p.id AS id")
    assert code == 0, err
    queried = {row["id"] for row in json.loads(out)}
    code, out, err = _cli("related", "-w", str(ws), "--json", "-k", "10", "arxiv:2106.09685")
    assert code == 0, err
    related = {hit["paper_id"] for hit in json.loads(out)}
    if queried == OLD_IDS:
        assert n_stats == 2 and not related & NEW_IDS, (n_stats, related)
        return "old"
    assert queried == OLD_IDS | NEW_IDS, queried
    assert n_stats == 4 and NEW_IDS <= related, (n_stats, related)
    return "new"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, Path]:
    """A workspace holding the old corpus (and a user's gen-notes folder), and the new papers."""
    root = tmp_path_factory.mktemp("crash")
    ws = root / "base"
    Workspace(ws).build([str(SOURCES / "corpus.jsonl")], progress=False, overview=False)
    (ws / "gen-notes").mkdir()
    (ws / "gen-notes" / "todo.txt").write_text("keep me")
    extra = root / "new.jsonl"
    extra.write_text("".join(json.dumps(p) + "\n" for p in NEW_PAPERS))
    assert _corpus_seen(ws) == "old"
    return ws, extra


def _kill_at(point: str, ws: Path, extra: Path, command: str = "build") -> str:
    """Run a build (``command`` "load": a load of the folder ``extra``) that pauses at ``point``, SIGKILL it
    there; returns its stderr."""
    env = {**os.environ, "GRAPHBUILD_TEST_PAUSE_AT": point}
    lines = []
    options = ["--no-overview"] if command == "build" else []
    with subprocess.Popen([sys.executable, "-m", "graphbuild", command, str(extra), "-w", str(ws), *options],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as proc:
        try:
            for line in proc.stderr:  # type: ignore[union-attr]
                lines.append(line)
                if f"test pause at {point}" in line:
                    break
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    assert any(f"test pause at {point}" in line for line in lines), "".join(lines)
    return "".join(lines)


def _each_killed_then_rerun(copies: dict[str, Path], command: str, source: str, *options: str) -> None:
    """Each workspace copy, its ``command`` killed at the point it is named by, holds the old corpus (the new one
    once the switch was made); ``command`` run again as it is ends at the new corpus, with one generation, no
    unfinished folder, and the user's own files kept."""
    for point, ws in copies.items():
        assert _corpus_seen(ws) == ("new" if point in SWITCHED else "old"), point
        code, _, err = _cli(command, source, "-w", str(ws), *options)
        assert code == 0, (point, err)
        assert _corpus_seen(ws) == "new", point
        gens = [p.name for p in ws.iterdir() if GENERATION_RE.match(p.name)]
        assert len(gens) == 1, (point, gens)
        assert not [p.name for p in ws.iterdir() if p.name.startswith(".gen-")], point
        assert (ws / "gen-notes" / "todo.txt").read_text() == "keep me", point


@pytest.mark.slow
def test_crash_sigkill_at_every_point_leaves_old_or_new_corpus(base, tmp_path):
    ws0, extra = base
    copies = {point: tmp_path / point for point in POINTS}
    for copy in copies.values():
        shutil.copytree(ws0, copy)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda p: _kill_at(p, copies[p], extra), POINTS))
    _each_killed_then_rerun(copies, "build", str(extra), "--no-overview")


#: a writer killed (SIGKILL) half-way through an atomic write of argv[1]
_KILLED_WRITER = """
import os, signal, sys
from graphbuild.fsutil import atomic_output
with atomic_output(sys.argv[1]) as fh:
    fh.write("<html>half a page")
    fh.flush()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_crash_an_atomic_write_killed_half_way_leaves_a_temporary_file_the_next_write_removes(tmp_path):
    page = tmp_path / "report.html"
    for _ in range(2):
        killed = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(page)], capture_output=True)
        assert killed.returncode == -signal.SIGKILL
    left = sorted(p.name for p in tmp_path.iterdir())  # the second writer cleared the first one's file
    assert len(left) == 1 and left[0].startswith(".report.html.tmp-"), left  # never the page's own name
    live = tmp_path / f".report.html.tmp-{os.getpid()}.keep"  # a writer still running: its file stays
    live.write_text("in progress")
    from graphbuild.fsutil import atomic_write_text

    atomic_write_text(page, "<html>whole</html>\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "report.html"]  # (they piled up for good)
    assert page.read_text() == "<html>whole</html>\n"


#: every pause point a `graphbuild load` passes: before the lock (early), after the generation's files, inside
#: the store's load and before its checkpoint (mid-way), around the rename, the CURRENT switch and the cleanup
LOAD_POINTS = ["read", "write", "sync", "checkpoint", "rename", "switch", "cleanup"]


@pytest.fixture(scope="module")
def spark_output(base, tmp_path_factory) -> Path:
    """The old corpus and the new papers as `graphbuild spark build` would write them (from a single build)."""
    _, extra = base
    built = Workspace(tmp_path_factory.mktemp("crash-load") / "single")
    built.build([str(SOURCES / "corpus.jsonl"), str(extra)], progress=False, overview=False)
    return spark_layout(built, built.path.parent / "out")


@pytest.mark.slow
def test_crash_load_killed_at_every_point_leaves_old_or_new_corpus_and_the_next_load_needs_no_repair(
        base, spark_output, tmp_path):
    """A `graphbuild load` into the embedded store, SIGKILLed early, mid-way and around its commit: stats, query
    and related answer from the old corpus or the new one; the next load and query work as they are, and leave
    one generation and no unfinished folder."""
    ws0, _ = base
    copies = {point: tmp_path / point for point in LOAD_POINTS}
    for copy in copies.values():
        shutil.copytree(ws0, copy)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda p: _kill_at(p, copies[p], spark_output, command="load"), LOAD_POINTS))
    _each_killed_then_rerun(copies, "load", str(spark_output))
