"""Languages, dialects, mixed codes and scripts, regions and cities, and the products, apps, stores and services
a paper deploys on or audits are generic words (generic.txt, lexicon.LANGUAGES): what data are written in or
come from, or where a system reaches its users, no artifact of research."""

from __future__ import annotations

import pytest

from graphbuild.nlp import decide, gazetteer
from graphbuild.nlp.lexicon import is_generic
from graphbuild.nlp.pipeline import extract_text


def _names(abstract: str, title: str) -> set[str]:
    return {e.name for e in extract_text(abstract, title=title).entities}


@pytest.mark.parametrize("name", ["Welsh", "Breton", "Nahuatl", "Cebuano", "Uzbek", "Dari", "Kanuri", "Darija",
                                  "Jopara", "Hinglish", "Haitian Creole", "Devanagari", "Tifinagh", "Cyrillic"])
def test_languages_dialects_and_scripts_are_generic(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["WhatsApp", "DeepL", "Google Assistant", "Google Play Store", "Apple App Store",
                                  "Google Cloud TPUs", "Kubernetes Horizontal Pod Autoscaler", "OpenRTB", "WebRTC",
                                  "EnergyPlus", "Masakhane", "Maghreb", "Andes", "Antwerp"])
def test_products_services_standards_communities_and_regions_are_generic(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["Trivago", "DiDi", "Netflix", "Triton", "TorchRec", "Azure Functions",
                                  "Welsh-BERT", "DeepL-Bench"])
def test_names_also_used_for_data_or_built_on_them_are_not_generic(name):
    assert not is_generic(name)


def test_new_languages_read_as_translation_directions_and_data_scopes():
    assert gazetteer._LANGUAGE_PAIR.fullmatch("Welsh-Breton")
    assert {"Nahuatl", "Quechua", "Kinyarwanda"} <= decide._SCOPE_ADJECTIVES


def test_apps_and_services_a_system_is_deployed_on_name_no_entity():
    abstract = ("We deploy Quillbox, a reply ranker for farmers' questions sent over WhatsApp and Telegram, and "
                "compare its answers with those of Google Assistant and DeepL translations. Quillbox raises "
                "answer acceptance by 9 points in a four-week A/B test in the Andes.")
    names = _names(abstract, "Quillbox: Ranking Replies for Farm Advice Chats")
    assert "Quillbox" in names
    assert not names & {"WhatsApp", "Telegram", "Google Assistant", "DeepL", "Andes"}
