"""The decision's feature space: the component's stays bounded however many new words a long run
meets, and decides as a space that numbers every name.
"""

from __future__ import annotations

import random
import string

from graphbuild.nlp import features, featurespace
from graphbuild.nlp.decide import DecideComponent
from graphbuild.nlp.features import corpus_stats
from graphbuild.nlp.featurespace import BoundedFeatureSpace, FeatureSpace
from graphbuild.nlp.pipeline import extract_papers, make_pipeline
from graphbuild.records import Paper

KNOWN = ["bias", "shape=2", "cue&shape=2", "L=the"]


def test_a_bounded_space_keeps_the_known_names_and_forgets_the_others_between_documents(monkeypatch):
    monkeypatch.setattr(featurespace, "MAX_UNKNOWN", 2)
    space = BoundedFeatureSpace(KNOWN)
    ids = space.conjoin("cue", ["shape=2", "L=a", "L=b"])
    space.settle()
    assert space.names[ids[1]] == "L=a" and space.generation == 0  # two unknown names: kept
    space.block(("L", "c"), "cue", lambda: ["L=c", "L=the"])
    space.settle()
    assert space.names == KNOWN and not space.blocks and space.generation == 1
    assert space.conjoin("cue", ["shape=2", "L=d"]) == (1, len(KNOWN), 2)


def _papers(n: int, seed: int) -> list[Paper]:
    """Abstracts that each bring new words next to a new coined name."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(8))

    out = []
    for _ in range(n):
        name = word().capitalize() + "Net"
        out.append(Paper(title=f"{name}: Learning at Scale", abstract=(
            f"We propose {name}, a {word()} model trained on ImageNet. The {word()} {name} beats {word()} "
            f"baselines such as BERT. Unlike {word()} methods, {name} ({word()}) uses {word()} {word()} ones.")))
    return out


def test_the_components_space_stays_bounded_over_many_new_words_and_decides_as_a_growing_one(monkeypatch):
    nlp = make_pipeline()
    comp = nlp.get_pipe("graphbuild_decide")
    assert isinstance(comp, DecideComponent)
    known = set(comp.model.entity.index) | set(comp.model.types.index)
    size = len(known)
    assert len(comp.space.names) == size
    for module in (featurespace, features):
        monkeypatch.setattr(module, "MAX_BLOCKS", 40)
    monkeypatch.setattr(featurespace, "MAX_UNKNOWN", 30)
    papers = _papers(150, 3)
    texts = [p.text for p in papers]
    comp.corpus = corpus_stats(texts)
    most = 0
    for doc in nlp.pipe(texts):
        assert doc.ents is not None
        most = max(most, len(comp.space.names))
    assert comp.space.generation > 0 and size < most < size + 30 + 40  # (one document brings < 40 names)
    assert max(len(comp.space.blocks), *map(len, comp.space._pairs.values()), len(comp.corpus._features)) <= 40
    comp.corpus = None
    closed = [e.to_dict() for e in extract_papers(papers, nlp)]
    comp.space = FeatureSpace()  # the space that numbered every name
    assert [e.to_dict() for e in extract_papers(papers, nlp)] == closed
    assert set(comp.space.names) - known  # (names the model does not know, which it numbered)
    comp.model = comp.model  # new weights, a new space of their names
    assert len(comp.space.names) == size and isinstance(comp.space, BoundedFeatureSpace)


def test_a_full_block_cache_keeps_what_was_used_lately_and_a_settled_space_the_known_blocks(monkeypatch):
    monkeypatch.setattr(featurespace, "MAX_BLOCKS", 4)
    monkeypatch.setattr(featurespace, "MAX_UNKNOWN", 0)
    space = BoundedFeatureSpace(KNOWN)
    calls: list[str] = []

    def names(*found: str) -> list[str]:
        calls.append(found[0])
        return list(found)

    for key in ("a", "b", "a", "c", "a", "d", "e"):  # two generations of two: "a" is used all along
        space.block(key, "cue", names, "shape=2" if key == "a" else "L=" + key)
    assert calls == ["shape=2", "L=b", "L=c", "L=d", "L=e"]
    assert len(space.blocks) + len(space._old_blocks) <= 4
    space.settle()  # forgets L=b … L=e, keeps the block of known names
    assert space.block("a", "cue", names, "shape=2") == (1, 2) and calls[-1] == "L=e"
    assert all(max(ids) < len(KNOWN) for ids in (*space.blocks.values(), *space._old_blocks.values()))
