"""A known method whose long form opens the title is not proposed where the abstract defines it without a verb of
proposing and coins a name of its own elsewhere; the rules' guess on its mentions (every mention of a long form
opening the title) is no sign of a proposal (``decide._proposed_in_abstract``;
``benchmarks/probe_known_title_long_forms.py``). The known methods are real names, the rest is invented."""

from __future__ import annotations

from extracted import proposed_marks as _proposed


def test_a_known_title_method_applied_beside_a_coined_name_is_not_proposed() -> None:
    marks = _proposed("Proximal Policy Optimization for Warehouse Picking Robots",
                      "Picking robots are usually trained with hand-tuned rewards. We train a grasping policy with "
                      "proximal policy optimization (PPO) in a simulated warehouse and transfer it to two real arms. "
                      "We name the PPO-trained picker Pickwell; it grasps 91% of unseen items, against 78% for a "
                      "scripted baseline.")
    assert marks.get("Pickwell") is True
    assert marks.get("PPO") is False


def test_a_known_title_method_the_abstract_presents_stays_proposed() -> None:
    marks = _proposed("Deep Graph Infomax",
                      "We present Deep Graph Infomax (DGI), an approach for learning node representations in an "
                      "unsupervised manner. DGI maximises the mutual information between patch representations and "
                      "summaries of graphs, both derived with graph convolutions; we call the summary function "
                      "Readwell. DGI is competitive with supervised training on node classification.")
    assert marks.get("Deep Graph Infomax") is True
