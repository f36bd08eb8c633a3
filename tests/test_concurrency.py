"""Writers beside a build: a command queued behind the workspace lock (``--wait``) must look again at
what it decided once it holds the lock, and a reader killed half-way leaves nothing the next one trips on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphbuild.curation import read_curation
from graphbuild.resources import data_path
from graphbuild.workspace import Workspace


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _until_idle(proc: subprocess.Popen, timeout: float = 180.0) -> None:
    """Wait until ``proc`` has used no CPU for a second: it is polling for the lock."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        ticks = _cpu_ticks(proc.pid)
        if ticks != last:
            last, since = ticks, time.monotonic()
        elif time.monotonic() - since > 1.0:
            return
        time.sleep(0.1)
    pytest.fail("the queued command never settled to wait for the lock")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("concurrency") / "ws"
    Workspace(ws).build([str(data_path("demo") / "papers.jsonl")], progress=False, overview=False)
    return ws


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's CPU time from /proc")
def test_concurrency_review_queued_behind_a_writer_does_not_decide_a_suggestion_twice(demo):
    listed = subprocess.run([sys.executable, "-m", "graphbuild", "review", "-w", str(demo), "--json"],
                            capture_output=True, text=True, check=True)
    suggestion = json.loads(listed.stdout)[0]
    ws = Workspace(demo)
    with ws.lock("build"):  # a writer still running
        queued = subprocess.Popen([sys.executable, "-m", "graphbuild", "review", "-w", str(demo), "--apply",
                                   suggestion["id"], "--wait"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        _until_idle(queued)  # it found the suggestion open and waits for the lock
        # meanwhile the writer (another `review --apply` of the same id) decides it
        with open(ws.curation_file, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({**suggestion["operation"], "suggestion": suggestion["id"]}) + "\n")
    out, err = queued.communicate(timeout=300)
    assert queued.returncode == 1, (out, err)
    assert err.startswith("graphbuild: error: [E") and err.count("\n") == 1
    assert f"suggestion {suggestion['id']} was decided meanwhile" in err and "nothing written" in err
    assert [op.suggestion for op in read_curation(ws.curation_file)] == [suggestion["id"]]  # it was appended twice


@pytest.mark.slow
def test_concurrency_related_killed_while_a_build_holds_the_lock_leaves_a_working_workspace(demo, tmp_path):
    ws = Workspace(demo)
    paper = ws.papers()[0].id
    with ws.lock("build"):  # readers never wait for writers
        proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "related", "-w", str(demo), "--json", paper],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)  # somewhere in loading the graph or building its index
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        answered = subprocess.run([sys.executable, "-m", "graphbuild", "related", "-w", str(demo), "--json", paper],
                                  capture_output=True, text=True)
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)
    live = ws.current
    assert live is not None and (live / "related" / "index.json").is_file()
    exported = subprocess.run([sys.executable, "-m", "graphbuild", "export", "-w", str(demo), "--format", "json",
                               str(tmp_path / "graph.json")], capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]  # no temporary folder left beside it
    assert os.path.getsize(tmp_path / "graph.json") > 0


@pytest.mark.parametrize("argv", [["stats"], ["curate", "retype", "LoRA", "Model"], ["export", "{tmp}/out.json"]])
def test_concurrency_a_command_while_the_first_build_runs_is_told_to_wait_not_to_build(tmp_path, capsys, argv):
    # "no graph in workspace ws; run `graphbuild build INPUT... -w ws` first" while that build was running
    from graphbuild.cli import main
    from graphbuild.lock import WorkspaceLock

    ws = tmp_path / "ws"
    with WorkspaceLock(ws, "build papers.jsonl"):  # the first build: the folder, its lock, no graph yet
        assert main([*(a.format(tmp=tmp_path) for a in argv), "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"graphbuild: error: [E400] no graph in workspace {ws} yet: `graphbuild build papers.jsonl` "
                          f"(pid {os.getpid()} on ") and "\n" not in err
    assert err.endswith("is building it; wait for it to finish")
    assert main(["stats", "-w", str(ws)]) == 1  # the lock given up, and still no graph: build it
    assert f"no graph in workspace {ws}; run `graphbuild build INPUT... -w {ws}` first" in capsys.readouterr().err


def test_concurrency_a_holder_file_a_killed_build_left_names_no_builder(tmp_path, capsys):
    from graphbuild.cli import main
    from graphbuild.lock import HOLDER_FILE

    ws = tmp_path / "ws"
    ws.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (ws / HOLDER_FILE).write_text(json.dumps({"pid": int(dead.stdout), "host": os.uname().nodename,
                                              "command": "build x", "started": time.time()}), encoding="utf-8")
    assert main(["stats", "-w", str(ws)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"graphbuild: error: [E400] no graph in workspace {ws}; run `graphbuild build INPUT... -w {ws}` first"


#: run `graphbuild ARGV...` with the curation file's write held until the file READY appears (it says
#: "holding" on stderr first): a curate caught between reading the curation file and writing it back
_HELD_WRITE = """
import os, sys, time
import graphbuild.curation as curation
write = curation.atomic_write_text
def held(path, text):
    print("holding", file=sys.stderr, flush=True)
    deadline = time.monotonic() + 120
    while not os.path.exists(sys.argv[1]) and time.monotonic() < deadline:
        time.sleep(0.05)
    write(path, text)
curation.atomic_write_text = held
from graphbuild.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's CPU time from /proc")
def test_concurrency_two_workspaces_sharing_a_curation_file_lose_no_operation(tmp_path):
    """Each workspace's lock keeps out only its own writers: a curate of a second workspace whose settings name
    the same curation file wrote its operation while the first had read the file, and the first's write-back
    dropped it. The curation file's own lock refuses it (one coded line naming the file), or queues it."""
    corpus = Path(__file__).parent / "fixtures" / "sources" / "corpus.jsonl"
    shared = tmp_path / "shared.jsonl"
    shared.write_text("")
    one, two = tmp_path / "one", tmp_path / "two"
    for ws in (one, two):
        Workspace(ws).build([str(corpus)], progress=False, overview=False)
    ready = tmp_path / "ready"
    first = subprocess.Popen([sys.executable, "-c", _HELD_WRITE, str(ready), "curate", "merge", "RankMix", "LoRA",
                              "-w", str(one), "--curation", str(shared)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert first.stderr is not None and first.stderr.readline() == "holding\n"
        second = ["curate", "reject", "GPT-3", "--paper", "arxiv:2106.09685", "-w", str(two), "--curation", str(shared)]
        refused = subprocess.run([sys.executable, "-m", "graphbuild", *second], capture_output=True, text=True)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1, refused.stderr
        assert refused.stderr.startswith(f"graphbuild: error: [E401] curation file {shared} is being written by "
                                         "`graphbuild curate`") and "--wait" in refused.stderr
        queued = subprocess.Popen([sys.executable, "-m", "graphbuild", *second, "--wait"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _until_idle(queued)
        ready.touch()
        out, err = first.communicate(timeout=300)
        assert first.returncode == 0, err
        out, err = queued.communicate(timeout=300)
        assert queued.returncode == 0, err
    finally:
        ready.touch()
        first.kill()
    assert [op.op for op in read_curation(shared)] == ["merge", "reject"]
    assert Workspace(one).manifest()["curation"]["applied"] == 1
    assert Workspace(two).manifest()["curation"]["applied"] == 2
