"""Scoring by ANNOTATION.md's matching rules: one-to-one pairs, and unscored gold types neutral."""

from graphbuild.evaluate import score_entities


def _gold(*entities):
    return [{"title": "A Paper", "entities": list(entities)}]


def _pred(*entities):
    return [{"title": "a paper", "entities": list(entities)}]


def test_a_prediction_sharing_forms_with_two_gold_entities_does_not_block_the_other():
    # greedy order would pair gold "Ladder Side-Tuning" (alias LST) with the first prediction (LST)
    # and leave gold "LST" unfound; the rule only asks each prediction to match one gold entity
    gold = _gold({"name": "Ladder Side-Tuning", "type": "Method", "aliases": ["LST"]},
                 {"name": "LST", "type": "Method"})
    pred = _pred({"name": "LST", "type": "Method", "mentions": ["LST"]},
                 {"name": "Ladder Side-Tuning", "type": "Method", "mentions": ["Ladder Side-Tuning"]})
    s = score_entities(gold, pred)
    assert (s.found, s.predicted_unmatched, s.recall, s.precision) == (2, 0, 1.0, 1.0)


def test_one_prediction_still_finds_one_gold_entity_only():
    gold = _gold({"name": "BERT", "type": "Model"}, {"name": "BERT-Large", "type": "Model", "aliases": ["BERT"]})
    s = score_entities(gold, _pred({"name": "BERT", "type": "Model", "mentions": ["BERT"]}))
    assert (s.found, s.gold) == (1, 2)


def test_a_name_the_gold_lists_as_metric_or_task_is_neutral_not_spurious():
    gold = _gold({"name": "ImageNet", "type": "Dataset"}, {"name": "PSNR", "type": "Metric"},
                 {"name": "Visual Place Recognition", "type": "Task", "aliases": ["VPR"]})
    pred = _pred({"name": "ImageNet", "type": "Dataset", "mentions": ["ImageNet"]},
                 {"name": "PSNR", "type": "Method", "mentions": ["PSNR"]},
                 {"name": "VPR", "type": "Method", "mentions": ["VPR"]},
                 {"name": "Foo-Net", "type": "Model", "mentions": ["Foo-Net"]})
    s = score_entities(gold, pred)
    assert (s.found, s.neutral, s.predicted_unmatched) == (1, 2, 1)
    assert [e["spurious"] for e in s.errors if "spurious" in e] == ["Foo-Net"]


def test_greedy_pairs_kept_where_they_are_already_maximum():
    # the first prediction carries the proposed flag: the gold entity stays paired with it
    gold = _gold({"name": "SlimMoE", "type": "Model", "proposed": True})
    pred = _pred({"name": "SlimMoE", "type": "Model", "mentions": ["SlimMoE"], "proposed": True},
                 {"name": "SlimMoE", "type": "Method", "mentions": ["SlimMoE"]})
    s = score_entities(gold, pred)
    assert (s.proposed_recall, s.type_accuracy, s.predicted_unmatched) == (1.0, 1.0, 1)
