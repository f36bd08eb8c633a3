"""A tokenizer that keeps the text it was given.

``Doc.text`` rebuilds the string from every token each time it is read (about
a millisecond for an abstract), and graphbuild's components read the text
several times per document. This wrapper tokenizes with spaCy's own tokenizer
and keeps the input string in ``doc.user_data``; :func:`doc_text` reads it.
Registered as ``graphbuild.TextKeepingTokenizer.v1``, so a saved pipeline
loads with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["TextKeepingTokenizer", "doc_text"]

_KEY = "graphbuild.text"


def doc_text(doc: Doc) -> str:
    """The document's text, without rebuilding it from tokens when the tokenizer kept it."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_KEY] = text
    return text


class TextKeepingTokenizer:
    """Wraps a spaCy tokenizer; behaves like it, and remembers each input text."""

    def __init__(self, inner: Any):
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc.user_data[_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:  # rules, vocab, max_cache_size, …
        return getattr(self.inner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "inner":
            object.__setattr__(self, name, value)
        else:
            setattr(self.inner, name, value)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.inner.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> "TextKeepingTokenizer":
        self.inner.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.inner.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> "TextKeepingTokenizer":
        self.inner.from_bytes(data, **kwargs)
        return self


@spacy.registry.tokenizers("graphbuild.TextKeepingTokenizer.v1")
def create_text_keeping_tokenizer() -> Callable[[Language], TextKeepingTokenizer]:
    def create(nlp: Language) -> TextKeepingTokenizer:
        from spacy.util import registry

        base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return TextKeepingTokenizer(base)

    return create
