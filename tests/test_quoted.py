"""Messages quoting an id, a name or a title cut it at a fixed width (errors.quoted): ids may be 1,000 long."""

from __future__ import annotations

from graphbuild.cli import main
from graphbuild.curation import CurationOp, apply_curation, resolution_from_graph
from graphbuild.errors import QUOTED_WIDTH, quoted
from graphbuild.workspace import Workspace

LONG = "x" * 900
SHOWN = "'" + "x" * (QUOTED_WIDTH - 1) + "…'"


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


def test_every_cut_with_an_ellipsis_is_errors_shortened():
    """Nine near-copies cut a value with an ellipsis: some split an accent from its letter or a flag in two,
    some left a space before the ellipsis, some wrote "..." after 37 characters. One cut now serves them all."""
    from graphbuild.arguments import _shown
    from graphbuild.errors import shortened
    from graphbuild.http import _one_line
    from graphbuild.ingest.located import short_value
    from graphbuild.related.citations import short_title
    from graphbuild.settings import _problem
    from graphbuild.viz.page import _short

    accent = "x" * 58 + "e\u0301 tail"  # the cut at 59 fell between the e and its accent
    assert shortened(accent, 60) == "x" * 58 + "…"
    assert _one_line(accent, 60) == short_title(accent)[1:-1] == _short(accent, 60) == "x" * 58 + "…"
    assert shortened("word " * 30, 11) == "word word…"  # no space before the ellipsis
    assert short_value("y" * 100) == "'" + "y" * 58 + "…"
    assert _shown(["z" * 100]) == "list (['" + "z" * 37 + "…)"
    assert _problem("batch_size", "9" * 100) == "must be a whole number, not '" + "9" * 38 + "…"
