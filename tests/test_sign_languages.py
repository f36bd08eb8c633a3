"""Sign languages are languages (lexicon.LANGUAGES, generic.txt): what data are signed in, no artifact; the data
sets named after them ("WLASL", "BOBSL") stay names, and "ASL" is left out (also an asymmetric loss)."""

from __future__ import annotations

import pytest

from graphbuild.nlp.lexicon import is_generic
from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize("name", ["BSL", "British Sign Language", "American Sign Language", "German Sign Language"])
def test_sign_languages_are_generic(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["ASL", "WLASL", "BOBSL", "BSL-1K"])
def test_names_built_on_sign_languages_are_not_generic(name):
    assert not is_generic(name)


def test_a_title_naming_sign_languages_keeps_only_the_data_and_models():
    title = "Signer Accents: Recognising Regional Variants of BSL and Irish Sign Language"
    abstract = ("Sign languages vary by region. We record 3,000 signs of BSL from signers in Wales and test "
                "I3D trained on BOBSL; accuracy falls by 18 points on the Welsh signers.")
    names = {e.name for e in extract_text(abstract, title=title).entities}
    assert {"I3D", "BOBSL"} <= names
    assert "BSL" not in names
