"""The subject after a sentence's opening comparison is what is compared, not what it is compared with
(``roles.compared_subject``; ``benchmarks/probe_compared_subjects.py``). All names are invented."""

from __future__ import annotations

import pytest

from graphbuild.nlp.roles import compared_before, compared_subject


def _window_and_end(text: str, name: str) -> tuple[str, int]:
    start = text.index(name)
    return text[max(0, start - 70):start], start + len(name)


@pytest.mark.parametrize("text,name", [
    ("Compared with Tolvex and a classical pair potential, QuarNet reduces force error by 38%.", "QuarNet"),
    ("Compared to Stravin, Bellwick provides 2.6x speedup.", "Bellwick"),
    ("In comparison with Korrin and Dapple, MirelNet maintains accuracy.", "MirelNet"),
    ("Relative to raking and to the default Grenn weights, Pallow reduces the variance.", "Pallow"),
    ("Compared with the popular Slomi and Davn methods, Rifle is 4 times faster.", "Rifle"),
])
def test_the_subject_after_an_opening_comparison_is_not_compared_with(text: str, name: str) -> None:
    window, end = _window_and_end(text, name)
    assert compared_before(window)  # the comparison cue is the last before the name ...
    assert compared_subject(window, text, end)  # ... but the name is the main clause's subject


@pytest.mark.parametrize("text,name", [
    ("Compared with Tolvex and a classical pair potential, QuarNet reduces force error.", "Tolvex"),
    ("Compared with Cyclenet, Unitra and Pixby, Crispen keeps edges sharp.", "Unitra"),
    ("Compared with Cyclenet, Unitra, and Pixby, our translator keeps edges sharp.", "Unitra"),
    ("Tarrow is faster than Skewmend, Blenn is slower still.", "Blenn"),  # no opening comparison
    ("We compare with Skewmend, Blenn runs slower.", "Blenn"),  # "compare with" opens no phrase of its own
])
def test_a_name_the_comparison_names_or_lists_stays_compared_with(text: str, name: str) -> None:
    window, end = _window_and_end(text, name)
    assert not compared_subject(window, text, end)
