"""A name with the noun of the part or whole of a system it is right after it ("the Mirel-4 module", "a TessPool-2
layer", "the Korvo-9 net") is a form a reader names the entity by (``pipeline.kind_phrase_form``): an annotation
that writes the name with its kind noun matches it."""

from __future__ import annotations

from graphbuild.nlp.pipeline import extract_text, kind_phrase_form

TITLE = "Depth completion with sparse priors"


def _mentions(abstract: str) -> dict[str, list[str]]:
    return {e.name: e.mentions for e in extract_text(abstract, title=TITLE).entities}


def test_a_layer_and_a_module_after_a_name_are_its_forms() -> None:
    found = _mentions("We start from the GRV-16 net and stack a TessPool-2 layer on top of it. The Korvax-3 framework "
                      "trains both, and a Mirel-4 module fuses them.")
    assert "TessPool-2 layer" in found.get("TessPool-2", [])
    assert "Mirel-4 module" in found.get("Mirel-4", [])


def test_system_kind_nouns_end_the_phrase_right_after_the_name() -> None:
    assert kind_phrase_form("Zorb", "the Zorb framework trains it", 8) == "Zorb framework"
    assert kind_phrase_form("Zorb", "a Zorb block.", 6) == "Zorb block"
    assert kind_phrase_form("Zorb", "the Zorb net and", 8) == "Zorb net"
    assert kind_phrase_form("Zorb", "the Zorb network", 8) == "Zorb network"
    # only right after the name, and not where another noun goes on ("Zorb layer norm" names no layer of Zorb)
    assert kind_phrase_form("Zorb", "the Zorb attention layer", 8) is None
    assert kind_phrase_form("Zorb", "the Zorb layer norm", 8) is None
