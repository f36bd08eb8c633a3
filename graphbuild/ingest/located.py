"""Where the records of a file start: JSON read with the offset of each listed record, offsets as lines.

The readers name the line a bad record starts on (:mod:`graphbuild.ingest`).
:func:`parse_json` reads a JSON document in one pass, as :func:`json.loads`
does, and also notes where each element of the top-level array, or of each
list directly under the top-level object (an API page's ``"data"`` or
``"results"``), starts; :func:`line_numbers` turns such offsets into lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

__all__ = ["JsonDoc", "line_numbers", "parse_json"]

_WS = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as json.loads skips it


def line_numbers(text: str, offsets: Iterable[int]) -> Iterator[int]:
    """The 1-based line of each offset in ``text`` (offsets ascending), counting lines as editors do.

    LF, CR LF and a lone CR each end a line; an offset is the start of a token, never between CR and LF.
    Counting goes on from the previous offset, so the whole is linear in the length of ``text``.
    """
    line, counted = 1, 0
    lone_cr = "\r" in text  # not in text that went through fields.read_text
    for offset in offsets:
        line += text.count("\n", counted, offset)
        if lone_cr:
            line += text.count("\r", counted, offset) - text.count("\r\n", counted, offset)
        counted = offset
        yield line


@dataclass(slots=True)
class JsonDoc:
    """A parsed JSON document: its ``value`` and where its listed records start (see :func:`parse_json`)."""

    text: str
    value: Any
    start: int  # offset of the top-level value
    #: list -> offsets of its elements: None for a top-level array, a key for the list under that key
    offsets: dict[str | None, list[int]] = field(default_factory=dict)

    @property
    def line(self) -> int:
        """The line the top-level value starts on."""
        return next(line_numbers(self.text, [self.start]))

    def records(self, key: str | None = None) -> Iterator[tuple[int, Any]]:
        """(line, element) of the top-level array (``key`` None) or of the list under ``key``."""
        values = self.value if key is None else self.value[key]
        offsets = self.offsets[key]
        return zip(line_numbers(self.text, offsets), values, strict=True)


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]  # matches the empty string anywhere


def _array(text: str, pos: int, decoder: json.JSONDecoder) -> tuple[list[Any], list[int], int]:
    """(elements, their offsets, end) of the array at ``text[pos] == '['``."""
    values: list[Any] = []
    offsets: list[int] = []
    pos = _skip(text, pos + 1)
    if text.startswith("]", pos):
        return values, offsets, pos + 1
    while True:
        value, end = decoder.raw_decode(text, pos)
        values.append(value)
        offsets.append(pos)
        pos = _skip(text, end)
        if text.startswith("]", pos):
            return values, offsets, pos + 1
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _skip(text, pos + 1)


def _object(text: str, pos: int, decoder: json.JSONDecoder,
            offsets: dict[str | None, list[int]]) -> tuple[dict[str, Any], int]:
    """(object, end) of the object at ``text[pos] == '{'``; the element offsets of its lists go in ``offsets``.

    A key given twice keeps its last value, as in :func:`json.loads`.
    """
    obj: dict[str, Any] = {}
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return obj, pos + 1
    while True:
        if not text.startswith('"', pos):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
        key, pos = scanstring(text, pos + 1, True)
        pos = _skip(text, pos)
        if not text.startswith(":", pos):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _skip(text, pos + 1)
        if text.startswith("[", pos):
            obj[key], offsets[key], pos = _array(text, pos, decoder)
        else:
            obj[key], pos = decoder.raw_decode(text, pos)
            offsets.pop(key, None)
        pos = _skip(text, pos)
        if text.startswith("}", pos):
            return obj, pos + 1
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _skip(text, pos + 1)


def parse_json(text: str) -> JsonDoc:
    """Read ``text`` as :func:`json.loads` does (same value, same :class:`json.JSONDecodeError`), in one pass,
    noting the offset of each element of the top-level array or of a list directly under the top-level object.
    """
    decoder = json.JSONDecoder()
    doc = JsonDoc(text, None, _skip(text, 0))
    if text.startswith("[", doc.start):
        doc.value, doc.offsets[None], end = _array(text, doc.start, decoder)
    elif text.startswith("{", doc.start):
        doc.value, end = _object(text, doc.start, decoder, doc.offsets)
    else:
        doc.value, end = decoder.raw_decode(text, doc.start)
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return doc
