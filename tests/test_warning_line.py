"""One shape of warning line (errors.warning_line): byte-identical to the coded error line it stands for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphbuild.errors import InputError, StoreError, UsageError, warning_line
from graphbuild.ingest.checks import id_conflicts
from graphbuild.ingest.fields import collecting_warnings, warn
from graphbuild.records import Paper

_CASES = [("refs.bib", 12, "no title"), ("a dir/x.jsonl", None, "kept without 'year'"),
          (Path("caf\udce9.csv"), 3, "bell \x07 and\nnewline"), ("x.json", 0, "line zero is the file")]


@pytest.mark.parametrize(("path", "line", "message"), _CASES)
def test_same_bytes_as_the_error_line(path, line, message):
    assert warning_line(path, line, message) == f"warning: {InputError(path, line, message)}"
    assert "\n" not in warning_line(path, line, message)


def test_other_codes_and_no_place():
    stale = "stale \x1b[31m"
    assert warning_line(None, None, stale, StoreError) == "warning: " + str(StoreError(stale))
    assert warning_line("ws", None, "odd", UsageError) == "warning: [E710] ws: odd"


def test_fields_warn_uses_it():
    with collecting_warnings() as got:
        warn("p.jsonl", 4, "kept without its date")
    assert got == ["warning: [E100] p.jsonl:4: kept without its date"]


def test_id_conflicts_line_unchanged():
    a = Paper(id="a", title="First title", doi="10.1234/abc", source="a.jsonl:2")
    b = Paper(id="b", title="Other title", doi="10.1234/abc", source="b.jsonl:5")
    assert id_conflicts([a, b]) == [
        "warning: [E100] b.jsonl:5: has the DOI '10.1234/abc' of a.jsonl:2 but another title ('Other title', not "
        "'First title'); they were merged keeping 'First title': give one of them another DOI if they are "
        "different papers"]


def test_no_warning_line_built_by_hand():
    """Every coded warning goes through warning_line: no module writes ``"warning: " + str(Error(...))``."""
    root = Path(__file__).resolve().parents[1] / "graphbuild"
    by_hand = re.compile(r"""f?["']\s*warning: (\{\w*Error\(|\[\{|["']\s*\+\s*str\()""")
    found = [f"{p.relative_to(root)}:{n}" for p in root.rglob("*.py") if p.name != "errors.py"
             for n, text in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if by_hand.search(text)]
    assert found == []
