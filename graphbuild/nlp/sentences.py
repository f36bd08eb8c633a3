"""The ``graphbuild_sentences`` component: rule-based sentence spans and the title's end.

The splitter itself is :func:`graphbuild.nlp.lexicon.split_sentences`; this
component stores its character spans on ``doc._.gb_sents`` and the end of the
title (the text before the first blank line) on ``doc._.gb_title_end``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .candidates import guarded
from .lexicon import split_sentences
from .tokenizer import doc_text

__all__ = ["make_sentences"]


@Language.factory("graphbuild_sentences", assigns=["doc._.gb_sents"])
def make_sentences(nlp: Language, name: str):
    """Rule-based sentence spans (character offsets), cheaper than a parser."""

    @guarded(name)
    def sentences(doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.gb_sents = split_sentences(text)
        title_end = text.find("\n\n")
        doc._.gb_title_end = title_end if title_end >= 0 else len(text)
        return doc

    return sentences
