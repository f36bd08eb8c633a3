"""A name right after "above" in a result is compared with (roles._COMPARE), not the paper's own."""

from __future__ import annotations

from graphbuild.nlp.pipeline import extract_text
from graphbuild.nlp.roles import compared_before


def test_above_before_a_name_is_a_comparison():
    assert compared_before("reaches 96.1% accuracy, above ")
    assert compared_before("scores 9,800 points, above the ")  # (the window ends where the name starts)
    assert not compared_before("As shown above, ")
    assert not compared_before("it stays above 30 BLEU and ")


def test_a_name_after_above_is_not_proposed_but_the_papers_own_is():
    abstract = ("We introduce Thornbill, an intrinsic reward gated by uncertainty. On a hard-exploration game, "
                "Thornbill scores 9,800 points with PPO, above Zorb-RND's 7,100, and on GridMaze it solves the "
                "Q5R2 level 2x faster.")
    marks = {e.name: e.proposed for e in extract_text(abstract, title="Thornbill: Exploration with Calibrated "
                                                                      "Curiosity").entities}
    assert marks.get("Thornbill") is True
    assert not marks.get("Q5R2")
