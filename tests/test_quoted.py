"""Messages quoting an id, a name or a title cut it at a fixed width (errors.quoted): ids may be 1,000 long."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.cli import main
from graphbuild.curation import CurationOp, apply_curation, resolution_from_graph
from graphbuild.errors import QUOTED_WIDTH, quoted
from graphbuild.workspace import Workspace

SOURCES = Path(__file__).parent / "fixtures" / "sources"
LONG = "x" * 900
SHOWN = "'" + "x" * (QUOTED_WIDTH - 1) + "…'"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    ws = tmp_path_factory.mktemp("quoted") / "ws"
    assert main(["build", str(SOURCES / "corpus.jsonl"), "-w", str(ws), "--no-overview"]) == 0
    return ws


def test_quoted_is_repr_up_to_the_width():
    assert quoted("arxiv:1706.03762") == repr("arxiv:1706.03762")
    assert quoted("a" * QUOTED_WIDTH) == repr("a" * QUOTED_WIDTH)
    assert quoted(LONG) == SHOWN


def test_curate_drop_of_a_long_id_is_a_readable_line(built, capsys):
    assert main(["curate", "drop", "-w", str(built), LONG]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("graphbuild: error: [E600] ") and SHOWN in err and LONG not in err
    assert len(err) < 400  # (1,081 characters before)


def test_curation_warnings_naming_a_long_id_are_readable(built):
    ops = [CurationOp(op="mention", entity="LoRA", type="Method", paper=LONG, where="c.jsonl:1"),
           CurationOp(op="drop", paper=LONG, title="T" * 900, where="c.jsonl:2")]
    report = apply_curation(resolution_from_graph(Workspace(built).graph()), ops)[1]
    assert len(report.warnings) == 2
    for warning in report.warnings:
        assert LONG not in warning and "x" * (QUOTED_WIDTH - 1) + "…" in warning and len(warning) < 450, warning
    assert "T" * 900 not in report.warnings[1]
