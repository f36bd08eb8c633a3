"""A live generation damaged on disk (a truncated file, an edited line): every command reading it
says which file and line in one coded line, and where a build can write the file again, it does."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.workspace import Workspace

SOURCES = Path(__file__).parent / "fixtures" / "sources"


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    ws = tmp_path_factory.mktemp("damage") / "ws"
    Workspace(ws).build([str(SOURCES / "corpus.jsonl")], progress=False, overview=False)
    return ws


@pytest.fixture
def ws(built, tmp_path) -> Path:
    copy = tmp_path / "ws"
    shutil.copytree(built, copy)
    return copy


def _live(ws: Path) -> Path:
    return ws / (ws / "CURRENT").read_text().strip()


def _truncate(path: Path) -> str:
    path.write_bytes(path.read_bytes()[:200])
    return path.name


def _append(path: Path, line: bytes) -> str:
    """Add ``line`` at the end of ``path``; returns ``name:line`` of it."""
    text = path.read_bytes()
    path.write_bytes(text + line + b"\n")
    return f"{path.name}:{len(text.splitlines()) + 1}"


@pytest.mark.parametrize(("damage", "commands"), [
    (lambda gen: _truncate(gen / "graph.json"), [["stats"], ["viz", "-o", "{tmp}/v.html"],
                                                 ["report", "-o", "{tmp}/r.html"]]),  # JSONDecodeError
    (lambda gen: (gen / "manifest.json").write_text("[1]\n") and "manifest.json", [["stats"]]),  # AttributeError
    (lambda gen: _append(gen / "papers.jsonl", b"{not json"), [["build"]]),  # JSONDecodeError
    (lambda gen: _append(gen / "extractions.jsonl", b'{"paper_id": "x"}'), [["review", "--json"]]),  # KeyError
    (lambda gen: _append(gen / "papers.jsonl", b'{"id": "\xff"}'), [["build"]]),  # UnicodeDecodeError
])
def test_workspace_damage_is_one_coded_line_naming_the_file(ws, tmp_path, damage, commands):
    where = damage(_live(ws))
    for argv in commands:
        code, _, err = _cli(*[a.format(tmp=tmp_path) for a in argv], "-w", str(ws))
        last = err.splitlines()[-1]
        assert code == 1, (argv, err)
        assert last.startswith(f"graphbuild: error: [E400] {_live(ws) / where}: the live generation is damaged (")
        assert "Traceback" not in err


def test_workspace_damage_graph_file_is_written_again_by_the_next_build(ws):
    _truncate(_live(ws) / "graph.json")
    code, _, err = _cli("stats", "-w", str(ws))
    assert code == 1 and "`graphbuild build -w" in err
    code, _, err = _cli("build", "-w", str(ws), "--no-overview")
    assert code == 0, err
    code, out, err = _cli("stats", "-w", str(ws))  # the build kept the damaged generation as unchanged
    assert code == 0, err


def test_workspace_damage_extraction_cache_is_made_again_by_the_next_build(ws):
    """A damaged ``extractions.jsonl`` ended the build with "build its input files again into a new workspace",
    though the file only caches what the papers give."""
    damaged = _live(ws)
    where = _append(damaged / "extractions.jsonl", b'{"paper_id": "x"}')
    code, _, err = _cli("review", "--json", "-w", str(ws))
    assert code == 1 and f"run `graphbuild build -w {ws}` to extract the papers again" in err
    code, out, err = _cli("build", "-w", str(ws), "--no-overview")
    assert code == 0, err
    assert f"repair: {damaged / where}: the live generation is damaged (KeyError: " in err + out
    assert "extracting every paper again" in err + out and "extracted entities from 2 paper(s)" in err + out
    assert _live(ws) != damaged and not damaged.exists()  # a new generation, with the cache whole again
    assert len(Workspace(ws).extractions()) == 2
    code, _, err = _cli("review", "--json", "-w", str(ws))
    assert code == 0, err


@pytest.mark.parametrize(("name", "line", "instead"), [
    ("results.jsonl", b'{"key": "x"}', "reading every paper for results again"),  # KeyError
    ("records.jsonl", b"{not json", "its readable records were kept, the rest made again from the input files "
                                    "still there and the workspace's papers, and the file is written whole again"),
])
def test_workspace_damage_to_what_a_build_can_do_without_is_said_and_the_build_goes_on(ws, name, line, instead):
    """The reported results (a cache) and the records kept per file: a build says the damage as one
    ``repair:`` line naming what it does instead, goes on, and writes a generation without the damage (a
    damaged results file was said again by every build that changed nothing else)."""
    damaged = _live(ws)
    where = _append(damaged / name, line)
    code, out, err = _cli("build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview")
    assert code == 0, err
    repairs = [x for x in (err + out).splitlines() if x.startswith("repair: ")]
    assert len(repairs) == 1 and repairs[0].startswith(f"repair: {damaged / where}: the live generation is damaged (")
    assert repairs[0].endswith(f"; {instead}")
    assert "keeps merged papers" not in err + out  # the note on workspaces built before records were kept
    code, out, err = _cli("build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview")
    assert code == 0 and "repair: " not in err + out, err


def test_workspace_damage_records_are_made_again_so_a_record_deleted_later_leaves(tmp_path):
    """A damaged ``records.jsonl`` (a truncated line) was dropped and the next generation written without one:
    the workspace kept merged papers alone from then on, so a record deleted from its file stayed for good."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"title": "Kernel sums"}\n{"title": "Sparse routers"}\n', encoding="utf-8")
    b.write_text('{"title": "Tiny experts"}\n', encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    ws.build([str(a), str(b)], progress=False, overview=False)
    _truncate(_live(ws.path) / "records.jsonl")
    said: list[str] = []
    with open(b, "a", encoding="utf-8") as fh:
        fh.write('{"title": "Tiny routers"}\n')
    Workspace(ws.path).build([str(b)], progress=False, overview=False, log=said.append)
    assert [line.split(": the live")[0] for line in said if line.startswith("repair: ")] == [
        f"repair: {_live(ws.path).parent / 'gen-000001' / 'records.jsonl'}:1"]
    assert len(Workspace(ws.path).records() or []) == 4  # written whole again
    a.write_text('{"title": "Kernel sums"}\n', encoding="utf-8")  # a record deleted from its file
    Workspace(ws.path).build([str(a)], progress=False, overview=False, log=said.append)
    assert sorted(p.title for p in Workspace(ws.path).papers()) == ["Kernel sums", "Tiny experts", "Tiny routers"]
    assert not [line for line in said if "keeps merged papers" in line]


@pytest.mark.parametrize("damaged_line", [1, 3])
def test_workspace_damage_records_made_again_file_a_paper_under_every_file_it_was_read_from(tmp_path, damaged_line):
    """A repaired ``records.jsonl`` filed a paper merged from two files under its first file alone: a build from
    scratch files it under both, so after a record of it was deleted from the first file, the paper left the
    repaired workspace though the second file still held it."""
    import json

    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    shared = {"title": "Sparse routers for mixtures", "doi": "10.5555/shared.1", "abstract": "We propose SparseRoute."}
    a.write_text(json.dumps(shared) + '\n{"title": "Kernel sums"}\n', encoding="utf-8")
    b.write_text(json.dumps({**shared, "abstract": "We propose SparseRoute, on ImageNet."})
                 + '\n{"title": "Tidal attention"}\n', encoding="utf-8")
    c.write_text('{"title": "Cloud maps"}\n', encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    ws.build([str(a), str(b)], progress=False, overview=False)
    records = _live(ws.path) / "records.jsonl"
    lines = records.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[damaged_line - 1] = lines[damaged_line - 1][:60] + "\n"  # the shared paper's record of a, or of b
    records.write_text("".join(lines), encoding="utf-8")
    Workspace(ws.path).build([str(c)], progress=False, overview=False, log=lambda _: None)
    scratch = Workspace(tmp_path / "scratch")
    scratch.build([str(a), str(b), str(c)], progress=False, overview=False)
    assert Workspace(ws.path).records() == scratch.records()
    a.write_text('{"title": "Kernel sums"}\n', encoding="utf-8")  # the shared paper deleted from a
    for built in (ws.path, scratch.path):
        Workspace(built).build([str(a)], progress=False, overview=False)
    assert sorted(p.title for p in Workspace(ws.path).papers()) == sorted(p.title for p in scratch.papers())
