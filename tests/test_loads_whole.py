"""located.loads_whole: the one "decode, then refuse a key given twice anywhere" that the gold readers share."""

from __future__ import annotations

import json

import pytest

from graphbuild.cli.evaluation import _related_gold
from graphbuild.errors import InputError
from graphbuild.evaluate import read_jsonl_numbered
from graphbuild.ingest.located import loads_whole

_TWICE = "field 'p1' is given twice with different values (['a'], then ['b']); keep one"


def test_refuses_a_deep_repeat_at_the_place_given():
    with pytest.raises(InputError) as caught:
        loads_whole('{"queries": {"p1": ["a"], "p1": ["b"]}}', "g.json", 3)
    assert str(caught.value) == f"[E100] g.json:3: {_TWICE}"
    assert loads_whole('{"a": 1, "a": 1}', "g.json", 1) == {"a": 1}  # the same value twice loses nothing
    with pytest.raises(json.JSONDecodeError):
        loads_whole("{", "g.json", 1)


def test_both_gold_readers_word_it_alike(tmp_path):
    text = '{"queries": {"p1": ["a"], "p1": ["b"]}}'
    (tmp_path / "g.json").write_text(text, encoding="utf-8")
    (tmp_path / "g.jsonl").write_text("\n" + text + "\n", encoding="utf-8")
    with pytest.raises(InputError) as related:
        _related_gold(str(tmp_path / "g.json"))
    with pytest.raises(InputError) as lines:
        read_jsonl_numbered(tmp_path / "g.jsonl")
    assert related.value.message == lines.value.message == _TWICE
    assert (related.value.line, lines.value.line) == (None, 2)
