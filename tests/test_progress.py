"""Progress callbacks: one signature, visible also when standard error is not a terminal."""

from __future__ import annotations

import io

from graphbuild.progress import no_progress, stage_bar


def test_progress_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    with stage_bar("extracting", unit="paper", stream=out, every=0) as progress:
        progress("extracting", 1, 3)
        progress("extracting", 3, 3)
    assert out.getvalue().splitlines() == ["extracting: 1/3 papers", "extracting: 3/3 papers"]


def test_progress_throttled_lines_and_unknown_totals():
    out = io.StringIO()
    with stage_bar("fetching", stream=out, every=3600) as progress:
        for done in range(1, 100):
            progress("fetching", done, None)
    assert out.getvalue() == "fetching: 99 rows\n"  # only the final line within the interval


def test_progress_disabled_draws_nothing():
    with stage_bar("x", enabled=False) as progress:
        assert progress is no_progress
        progress("x", 1, 1)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_redraws_at_most_every_interval_and_at_a_new_stage():
    out = _Terminal()
    with stage_bar("reading", stream=out) as progress:
        for i in range(1, 20_001):  # a callback per paper
            progress("extracting", i, 20_000)
        progress("loading nodes", 5, 10)
        text = out.getvalue()
    assert text.count("\r") < 200  # tqdm's own rate limit, not one redraw per callback
    assert "extracting" in text and "loading nodes" in text and "5/10" in text


def test_progress_an_error_in_the_block_draws_no_last_line():
    # the error is then the one line a failed command prints, as on a terminal (whose bar is cleared)
    out = io.StringIO()
    try:
        with stage_bar("reading", stream=out, every=3600) as progress:
            progress("reading", 2, None)
            raise ValueError("bad record")
    except ValueError:
        pass
    assert out.getvalue() == ""


def test_progress_a_line_said_during_a_bar_stands_on_a_line_of_its_own():
    # a wait before a retry ("fetch: /works: HTTP 429; asking again in 120 s") ran into the bar's line
    from graphbuild.progress import say_above

    out = _Terminal()
    with stage_bar("fetch s2", unit="paper", stream=out) as progress:
        progress("fetch s2", 40, None)
        say_above("fetch: /works: HTTP 429; asking again in 120 s", stream=out)
        progress("fetch s2", 41, None)
    text = out.getvalue()
    said = text.index("fetch: /works")
    assert text[said - 1] in "\r\n" and text[said:].startswith("fetch: /works: HTTP 429; asking again in 120 s\n")
    assert "fetch s2" in text[said:]  # the bar drawn again below it
    plain = io.StringIO()  # (a log: the line as is)
    say_above("expand: 3 seeds", stream=plain)
    assert plain.getvalue() == "expand: 3 seeds\n"
