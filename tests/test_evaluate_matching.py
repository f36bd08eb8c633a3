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


def test_proposed_precision_counts_marks_on_gold_proposed_entities_only():
    # right: Foo-Net (gold proposed); wrong: BERT (gold, not proposed) and Bar-Net (spurious);
    # "language models" is neutral (generic, lower case) and leaves the count
    gold = _gold({"name": "Foo-Net", "type": "Model", "proposed": True},
                 {"name": "BERT", "type": "Model"}, {"name": "GLUE", "type": "Dataset"})
    pred = _pred({"name": "Foo-Net", "type": "Model", "mentions": ["Foo-Net"], "proposed": True},
                 {"name": "BERT", "type": "Model", "mentions": ["BERT"], "proposed": True},
                 {"name": "GLUE", "type": "Dataset", "mentions": ["GLUE"]},
                 {"name": "Bar-Net", "type": "Model", "mentions": ["Bar-Net"], "proposed": True},
                 {"name": "language models", "type": "Model", "mentions": ["language models"], "proposed": True})
    s = score_entities(gold, pred)
    assert (s.proposed_recall, s.proposed_precision) == (1.0, 1 / 3)
    assert s.to_dict()["proposed_precision"] == 0.3333
    wrong = [(e["wrongly_proposed"], e["matched"]) for e in s.errors if "wrongly_proposed" in e]
    assert wrong == [("BERT", "BERT"), ("Bar-Net", None)]


def test_proposed_precision_is_zero_without_marks_and_ignores_unscored_types():
    gold = _gold({"name": "Foo-Net", "type": "Model", "proposed": True}, {"name": "PSNR", "type": "Metric"})
    pred = _pred({"name": "Foo-Net", "type": "Model", "mentions": ["Foo-Net"]},
                 {"name": "PSNR", "type": "Method", "mentions": ["PSNR"], "proposed": True},
                 {"name": "Place Finding", "type": "Task", "mentions": ["Place Finding"], "proposed": True})
    s = score_entities(gold, pred)
    assert (s.proposed_recall, s.proposed_precision) == (0.0, 0.0)
    assert not [e for e in s.errors if "wrongly_proposed" in e]


def test_a_proposed_mark_counts_once_by_the_one_to_one_matching():
    # the second SlimMoE prediction is unmatched (the gold entity is taken) and counts as spurious
    gold = _gold({"name": "SlimMoE", "type": "Model", "proposed": True})
    pred = _pred({"name": "SlimMoE", "type": "Model", "mentions": ["SlimMoE"], "proposed": True},
                 {"name": "SlimMoE", "type": "Method", "mentions": ["SlimMoE"], "proposed": True})
    s = score_entities(gold, pred)
    assert (s.proposed_recall, s.proposed_precision) == (1.0, 0.5)


def test_two_papers_sharing_a_title_are_each_scored_against_their_own_prediction():
    # cross-validation pooled the folds' predictions by title: both gold papers took the second prediction,
    # so the pooled F1 fell below every fold's
    gold = [{"title": "Notes on Comets", "entities": [{"name": "TailNet", "type": "Model"}]},
            {"title": "Notes on comets.", "entities": [{"name": "ComaSet", "type": "Dataset"}]}]
    pred = [{"title": "Notes on Comets", "entities": [{"name": "TailNet", "type": "Model", "mentions": []}]},
            {"title": "Notes on Comets", "entities": [{"name": "ComaSet", "type": "Dataset", "mentions": []}]}]
    s = score_entities(gold, pred)
    assert (s.found, s.gold, s.predicted_unmatched, s.papers_matched) == (2, 2, 0, 2)
    # one prediction for a title two gold papers share: both are scored against it, as before
    s = score_entities(gold, pred[:1])
    assert (s.found, s.predicted_unmatched, s.papers_matched) == (1, 1, 2)


def test_a_figure_with_nothing_to_measure_is_null_not_a_zero_score():
    # gold with no proposed entity gave "proposed_recall": 0.0, which read as a bad score
    gold = _gold({"name": "Foo-Net", "type": "Model"}, {"name": "BarSet", "type": "Dataset"})
    pred = _pred({"name": "Foo-Net", "type": "Model", "mentions": ["Foo-Net"]})
    data = score_entities(gold, pred).to_dict()
    assert (data["proposed_recall"], data["proposed_precision"]) == (None, None)
    assert (data["precision"], data["recall"], data["type_accuracy"]) == (1.0, 0.5, 1.0)
    data = score_entities(gold, _pred()).to_dict()  # nothing predicted: no precision, nothing found to type
    assert (data["precision"], data["recall"], data["f1"], data["type_accuracy"]) == (None, 0.0, 0.0, None)
    assert "unmeasured" not in data
    data = score_entities(_gold(), _pred()).to_dict()  # no gold entity and no prediction: no F1 either
    assert (data["precision"], data["recall"], data["f1"]) == (None, None, None)


def test_the_scorer_names_the_gold_papers_it_paired_with_no_prediction():
    # `eval entities` matched the gold titles to the predictions a second time to say which were missing;
    # the scorer says which it paired with none, and its figures are those it gave before
    gold = [{"title": "Notes on Comets", "entities": [{"name": "TailNet", "type": "Model"}]},
            {"title": "Reef Survey", "entities": [{"name": "ReefSet", "type": "Dataset"}]},
            {"title": "notes on comets", "entities": []}]
    pred = [{"title": "Notes on Comets", "entities": [{"name": "TailNet", "type": "Model", "mentions": []}]}]
    s = score_entities(gold, pred)
    assert s.papers_unmatched == (1,) and (s.papers_matched, s.papers_gold, s.found, s.gold) == (2, 3, 1, 2)
    assert "papers_unmatched" not in s.to_dict(with_errors=True)
    assert score_entities(gold, []).papers_unmatched == (0, 1, 2)
