"""Bad inputs at the edges of commands each get one coded line naming the file (and line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.errors import InputError
from graphbuild.library import load_library

SOURCES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = tmp_path_factory.mktemp("edges") / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    return ws


def _one_line_error(capsys, code: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"graphbuild: error: [{code}]"), err
    return err


@pytest.mark.parametrize("data, words", [
    (b"\x00" * 4096, "nul.txt:1: the draft holds a NUL character (\\u0000) at character 0"),  # was ranked as prose
    (b"LoRA adapters\nhello\x00\x00world", "nul.txt:2: the draft holds a NUL character (\\u0000) at character 19"),
])
def test_related_draft_with_nul_bytes_is_refused_as_binary(built, tmp_path, capsys, data, words):
    draft = tmp_path / "nul.txt"
    draft.write_bytes(data)
    assert main(["related", "-w", str(built), "--text-file", str(draft)]) == 1
    err = _one_line_error(capsys, "E100")
    assert words in err and "is it a binary file?" in err


def test_query_file_not_utf8_names_its_line_and_byte(tmp_path):
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "mine.cypher").write_bytes(b"// name: mine\n// description: mine\nMATCH (n) RETURN 'caf\xe9'\n")
    with pytest.raises(InputError) as caught:
        load_library(folder)  # was Python's "'utf-8' codec can't decode byte 0xe9 in position 56"
    assert str(caught.value) == (f"[E100] {folder / 'mine.cypher'}:3: not UTF-8 text: invalid byte 0xe9 at byte "
                                 "offset 56; re-save the file as UTF-8")
