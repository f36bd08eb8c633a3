"""A write that runs out of room (here the file-size limit, ``ulimit -f``, as a full disk would) ends in one
coded line saying so and leaves nothing half-written: a real ``graphbuild`` process under a real limit."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

LIMIT = 200 * 1024  # the graph file and records of a few papers fit; the graph database file does not

ROOT = Path(__file__).resolve().parents[1]


def _graphbuild(*argv: str, cwd: Path, limit: int | None = LIMIT, stdout: Path | None = None,
                **env: str) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    with open(stdout or os.devnull, "w", encoding="utf-8") as out:
        return subprocess.run([sys.executable, "-m", "graphbuild", *argv], cwd=cwd, env=environ, text=True,
                              stdout=out if stdout else subprocess.PIPE, stderr=subprocess.PIPE,
                              preexec_fn=limited, timeout=600)


def _papers(path: Path, names: list[str]) -> Path:
    path.write_text("".join(json.dumps({"id": f"p-{name.lower()}", "title": f"{name}: a network for images",
                                        "abstract": f"We propose {name}, trained on ImageNet and CIFAR-10."}) + "\n"
                            for name in names), encoding="utf-8")
    return path


def _one_error(run: subprocess.CompletedProcess[str], code: str) -> str:
    assert run.returncode == 1, run.stderr
    [line] = [line for line in run.stderr.splitlines() if line.startswith("graphbuild: error:")]
    assert line.startswith(f"graphbuild: error: [{code}] ") and "Traceback" not in run.stderr, run.stderr
    return line


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")
def test_full_disk_build_says_the_limit_and_leaves_the_workspace_as_it_was(tmp_path):
    """The graph database's writer does not quote the system's words when a write is cut short: a first build
    ended in '[E300] ... Transaction committed successfully, but the post-commit checkpoint failed. The committed
    data is durable ... IO exception: Cannot read from file ...' (nothing about room), on a full disk as under a
    file-size limit."""
    first = _papers(tmp_path / "a.jsonl", ["FooNet", "BarNet"])
    line = _one_error(_graphbuild("build", str(first), "-w", "ws", "--no-overview", cwd=tmp_path), "E402")
    assert "failed: a file reached the size limit for files (ulimit -f); the workspace is still empty" in line
    # the advice fits the cause: no space or permission is at fault (it said "free space or fix permissions")
    assert line.endswith("raise the file-size limit (ulimit -f) of the shell that runs graphbuild and build "
                         "again"), line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]  # no workspace, no temporary folder

    assert _graphbuild("build", str(first), "-w", "ws", "--no-overview", cwd=tmp_path, limit=None).returncode == 0
    before = sorted(p.name for p in (tmp_path / "ws").iterdir())
    more = _papers(tmp_path / "b.jsonl", ["BazNet"])
    line = _one_error(_graphbuild("build", str(more), "-w", "ws", "--no-overview", cwd=tmp_path), "E402")
    assert "a file reached the size limit for files (ulimit -f); the workspace still holds gen-000001" in line
    assert sorted(p.name for p in (tmp_path / "ws").iterdir()) == before

    line = _one_error(_graphbuild("export", "-w", "ws", "g.json", cwd=tmp_path, limit=2048), "E700")
    assert line.endswith("cannot write g.json: a file reached the size limit for files (ulimit -f); raise the "
                         "file-size limit (ulimit -f) of the shell that runs graphbuild (the old output, if any, is "
                         "unchanged)"), line
    # (was "File too large; check free space and permissions", then "make room, or choose another place": another
    # place has the same limit)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("g.json", ".g.json", ".export"))]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_full_disk_under_a_redirected_output_is_an_error_not_a_cut_file(tmp_path, unbuffered):
    """With PYTHONUNBUFFERED=1 (many container images set it) the standard output's text layer took the short
    write at the limit as a whole one: 'graphbuild extract > out.jsonl' ended cut off mid-line with status 0."""
    papers = _papers(tmp_path / "a.jsonl", ["FooNet", "BarNet", "BazNet", "QuxNet"])
    whole = _graphbuild("extract", str(papers), cwd=tmp_path, limit=None, stdout=tmp_path / "whole.jsonl")
    size = (tmp_path / "whole.jsonl").stat().st_size
    assert whole.returncode == 0 and size > 1024
    run = _graphbuild("extract", str(papers), cwd=tmp_path, limit=size - 10, stdout=tmp_path / "out.jsonl",
                      PYTHONUNBUFFERED=unbuffered)  # the limit in the last line: no later write to fail
    line = _one_error(run, "E700")
    assert line == ("graphbuild: error: [E700] cannot write the standard output: a file reached the size limit for "
                    "files (ulimit -f); raise the file-size limit (ulimit -f) of the shell that runs graphbuild")


#: a process that cannot write the lock's holder file (the file-size limit is below its size), then can
_LOCK_TWICE = """
import resource, sys
from graphbuild.errors import WorkspaceNotWritableError
from graphbuild.lock import WorkspaceLock
hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
resource.setrlimit(resource.RLIMIT_FSIZE, (16, hard))
try:
    WorkspaceLock(sys.argv[1], "test").acquire()
except WorkspaceNotWritableError as exc:
    print(exc)
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))
with WorkspaceLock(sys.argv[1], "test") as lock:  # the failed one kept nothing: no E401 from this very process
    print("held", lock.held)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")
def test_full_disk_the_workspace_lock_says_what_lacks_and_is_not_kept(tmp_path):
    """The lock's holder file is the first thing a writer writes: at the limit (as on a full disk) a build, a
    curate said '[E700] cannot write ws/.graphbuild.lock.json: ...; choose another place (the old file, if any,
    is unchanged)', advice that fits an output file, not a workspace."""
    papers = _papers(tmp_path / "a.jsonl", ["FooNet"])
    line = _one_error(_graphbuild("build", str(papers), "-w", "ws", "--no-overview", cwd=tmp_path, limit=16), "E402")
    assert line == ("graphbuild: error: [E402] cannot write workspace ws: a file reached the size limit for files "
                    "(ulimit -f); raise the file-size limit (ulimit -f) of the shell that runs graphbuild and try "
                    "again"), line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl"]  # the new workspace went as it came

    assert _graphbuild("build", str(papers), "-w", "ws", "--no-overview", cwd=tmp_path, limit=None).returncode == 0
    before = sorted(p.name for p in (tmp_path / "ws").iterdir())
    line = _one_error(_graphbuild("curate", "reject", "FooNet", "-w", "ws", cwd=tmp_path, limit=16), "E402")
    assert "cannot write workspace ws: a file reached the size limit for files (ulimit -f); raise" in line
    assert sorted(p.name for p in (tmp_path / "ws").iterdir()) == before  # no holder file, no temporary file
    assert _graphbuild("curate", "reject", "FooNet", "-w", "ws", cwd=tmp_path, limit=None).returncode == 0

    run = subprocess.run([sys.executable, "-c", _LOCK_TWICE, str(tmp_path / "api")], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert run.stdout.splitlines() == [
        f"[E402] cannot write workspace {tmp_path / 'api'}: a file reached the size limit for files (ulimit -f); "
        "raise the file-size limit (ulimit -f) of the shell that runs graphbuild and try again", "held True"], run


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")
def test_full_disk_pages_curation_and_bibtex_say_what_frees_the_room(tmp_path):
    """Every other write that can run out of room says what lacks and what frees it: a page, the curation file
    and a redirected BibTeX list (they said 'choose another place', which the file-size limit follows to)."""
    papers = _papers(tmp_path / "a.jsonl", ["FooNet", "BarNet"])
    assert _graphbuild("build", str(papers), "-w", "ws", "--no-overview", cwd=tmp_path, limit=None).returncode == 0
    limit = "a file reached the size limit for files (ulimit -f); raise the file-size limit (ulimit -f) of the " \
            "shell that runs graphbuild"
    for command in ("viz", "report"):
        line = _one_error(_graphbuild(command, "-w", "ws", "-o", "page.html", cwd=tmp_path, limit=4096), "E700")
        assert line.endswith(f"cannot write page.html: {limit} (the old file, if any, is unchanged)"), line
        assert not [p for p in tmp_path.iterdir() if "page.html" in p.name]

    curation = tmp_path / "ws" / "curation.jsonl"
    curation.write_text("".join(json.dumps({"op": "alias", "entity": "FooNet", "alias": f"foo-{n}"}) + "\n"
                                for n in range(30)), encoding="utf-8")
    before = curation.read_bytes()
    line = _one_error(_graphbuild("curate", "reject", "ImageNet", "-w", "ws", cwd=tmp_path, limit=1024), "E700")
    assert line.endswith(f"cannot write ws/curation.jsonl: {limit} (the old file, if any, is unchanged)"), line
    assert curation.read_bytes() == before

    run = _graphbuild("related", "-w", "ws", "--format", "bibtex", "p-foonet", cwd=tmp_path, limit=64,
                      stdout=tmp_path / "refs.bib")
    assert _one_error(run, "E700") == f"graphbuild: error: [E700] cannot write the standard output: {limit}"
