"""A known name written with British "-ise" spellings is the same name (``gazetteer._british``)."""

from __future__ import annotations

from graphbuild.nlp.pipeline import extract_text


def _names(title: str, text: str) -> dict[str, str]:
    return {m.lower(): e.type for e in extract_text(text, title=title).entities for m in (e.name, *e.mentions)}


def test_a_known_technique_in_british_spelling_is_found() -> None:
    names = _names("Ranking Garden Tools",
                   "Shop logs are sparse. We compare matrix factorisation with a popularity baseline, and train "
                   "the grasping policy in simulation with domain randomisation.")
    assert names.get("matrix factorisation") == "Method"
    assert names.get("domain randomisation") == "Method"


def test_a_capitalised_name_in_british_spelling_is_found() -> None:
    names = _names("Tuning Ferry Timetables",
                   "We initialise the timetable network with Kaiming initialisation and train it with "
                   "Kahneman-Tversky Optimisation, then compare it with SGD.")
    assert names.get("kaiming initialisation") == "Method"
    assert names.get("kahneman-tversky optimisation") == "Method"


def test_a_short_word_keeps_its_spelling() -> None:
    names = _names("Small Models for Ferries", "We vary the model size and the batch size of Quillnet, a tiny CNN.")
    assert "model sise" not in names and "batch sise" not in names
