"""Where the records of a file start: JSON read with the offset of each listed record, offsets as lines.

The readers name the line a bad record starts on (:mod:`graphbuild.ingest`).
:func:`parse_json` reads a JSON document in one pass, as :func:`json.loads`
does, and also notes where each element of the top-level array, or of each
list directly under the top-level object (an API page's ``"data"`` or
``"results"``), starts; :func:`line_numbers` turns such offsets into lines.

JSON lets an object give a key twice, and :func:`json.loads` silently keeps
the last value. Every object read here (and by :func:`loads`) that gives a
key twice with different values is a :class:`RepeatedKeys`, which says so
(:func:`repeated_keys`), so that a reader can report the record instead of
dropping one of the values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

__all__ = ["JsonDoc", "RepeatedKeys", "json_kind", "line_numbers", "loads", "parse_json", "repeated_keys",
           "short_value"]

_WS = re.compile(r"[ \t\n\r]*")  # JSON's whitespace, as json.loads skips it


class RepeatedKeys(dict[str, Any]):
    """A JSON object that gives some key twice with different values; it holds the last, as :func:`json.loads`.

    ``repeated``: ``(key, earlier value, later value)`` for each such repeat.
    """

    __slots__ = ("repeated",)
    repeated: tuple[tuple[str, Any, Any], ...]


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object of ``pairs`` (the last value of a repeated key), a :class:`RepeatedKeys` when values differ."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: dict[str, Any] = {}
    repeats = []
    for key, value in pairs:
        if key in seen and seen[key] != value:
            repeats.append((key, seen[key], value))
        seen[key] = value
    if not repeats:
        return obj
    marked = RepeatedKeys(obj)
    marked.repeated = tuple(repeats)
    return marked


def repeated_keys(obj: Any) -> str:
    """What ``obj`` (a JSON object) gives twice with different values, as an error reason; ``''`` when nothing.

    >>> repeated_keys(loads('{"title": "A", "year": 2020, "title": "B"}'))
    "field 'title' is given twice with different values ('A', then 'B'); keep one"
    >>> repeated_keys(loads('{"title": "A", "title": "A"}'))
    ''
    """
    if not isinstance(obj, RepeatedKeys):
        return ""
    key, first, last = obj.repeated[0]
    return (f"field {key!r} is given twice with different values ({short_value(first)}, then {short_value(last)}); "
            "keep one")


def json_kind(value: Any) -> str:
    """What JSON calls the kind of ``value``: ``null``, ``true``, ``a number``, ``a string``, ``an array``, ...

    >>> json_kind(None), json_kind([1]), json_kind(2.5)
    ('null', 'an array', 'a number')
    """
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def short_value(value: Any) -> str:
    """``repr(value)``, cut to 60 characters, for an error line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: decodes as :func:`json.loads` does, marking objects with repeated keys (:class:`RepeatedKeys`)
_DECODER = json.JSONDecoder(object_pairs_hook=_object_pairs)


def loads(text: str) -> Any:
    """:func:`json.loads`, except that an object giving a key twice with different values is a :class:`RepeatedKeys`."""
    return _DECODER.decode(text)


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

    A key given twice keeps its last value, as in :func:`json.loads` (and the object is a
    :class:`RepeatedKeys` when the values differ).
    """
    pairs: list[tuple[str, Any]] = []
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return {}, pos + 1
    while True:
        if not text.startswith('"', pos):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
        key, pos = scanstring(text, pos + 1, True)
        pos = _skip(text, pos)
        if not text.startswith(":", pos):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        pos = _skip(text, pos + 1)
        if text.startswith("[", pos):
            value, offsets[key], pos = _array(text, pos, decoder)
        else:
            value, pos = decoder.raw_decode(text, pos)
            offsets.pop(key, None)
        pairs.append((key, value))
        pos = _skip(text, pos)
        if text.startswith("}", pos):
            return _object_pairs(pairs), pos + 1
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _skip(text, pos + 1)


def parse_json(text: str) -> JsonDoc:
    """Read ``text`` as :func:`json.loads` does (same value, same :class:`json.JSONDecodeError`), in one pass,
    noting the offset of each element of the top-level array or of a list directly under the top-level object.

    Objects that give a key twice with different values are :class:`RepeatedKeys`.
    """
    decoder = _DECODER
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
