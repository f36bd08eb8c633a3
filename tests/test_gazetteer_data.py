"""The shipped gazetteer: size, coverage and consistency."""

from __future__ import annotations

from collections import Counter

from graphbuild.nlp.gazetteer import load_gazetteer
from graphbuild.records import name_key


def test_gazetteer_data_size_and_types():
    gaz = load_gazetteer()
    types = Counter(e.type for e in gaz.entries)
    assert len(gaz) >= 1500
    assert types["Model"] >= 500 and types["Method"] >= 500 and types["Dataset"] >= 400
    assert types["Task"] > 0 and types["Metric"] > 0


def test_gazetteer_data_families_resolve_to_entries():
    gaz = load_gazetteer()
    for entry in gaz.entries:
        if entry.family:
            family = gaz.by_key.get(name_key(entry.family))
            assert family is not None, f"{entry.name}: family {entry.family!r} is not an entry"
            assert family.type == entry.type, f"{entry.name} and its family {family.name} differ in type"


def test_gazetteer_data_known_aliases():
    gaz = load_gazetteer()
    for alias, name in [("low-rank adaptation", "LoRA"), ("Vision Transformer", "ViT"),
                        ("Zero Redundancy Optimizer", "ZeRO"), ("MS COCO", "MS COCO")]:
        entry = gaz.lookup(alias)
        assert entry is not None and entry.name == name, (alias, entry)
    llama = gaz.lookup("Llama-3.1-8B")
    assert llama is not None and gaz.family_of(llama).name == "Llama"
