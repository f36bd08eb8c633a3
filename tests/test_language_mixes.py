"""Languages written side by side as one name ("Guarani-Spanish Jopara", "Hindi English") are a mix or a pair
of languages, no artifact (lexicon.is_generic), while a name that merely opens with a language stays one."""

from __future__ import annotations

import pytest

from graphbuild.nlp.lexicon import is_generic
from graphbuild.nlp.pipeline import extract_text


@pytest.mark.parametrize("name", ["Guarani-Spanish Jopara", "Hindi English", "Tagalog-English Taglish",
                                  "Swahili English"])
def test_languages_side_by_side_are_generic(name):
    assert is_generic(name)


@pytest.mark.parametrize("name", ["English Wikipedia", "Chinese BERT", "Welsh Treebank", "Hindi-English MT-5k",
                                  "Yoruba Zorbnet"])
def test_a_name_that_opens_with_a_language_is_not_generic(name):
    assert not is_generic(name)


def test_a_title_naming_a_language_mix_proposes_no_entity():
    title = "Tagalog-English Taglish: Language Identification and Sentiment"
    abstract = ("In Manila, speakers mix Tagalog and English within a sentence. We release TagSent, 6,000 posts "
                "labelled for language and sentiment, and fine-tune mBERT and XLM-R on both tasks.")
    names = {e.name for e in extract_text(abstract, title=title).entities}
    assert "TagSent" in names
    assert not any("Taglish" in n for n in names)
