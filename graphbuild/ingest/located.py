"""Where the records of a file start: JSON read a record at a time with the line of each, offsets as lines.

The readers name the line a bad record starts on (:mod:`graphbuild.ingest`).
:func:`stream_records` reads a JSON document's paper list (the top-level
array, or a list directly under the top-level object: an API page's
``"data"`` or ``"results"``) a record at a time from a :class:`JsonStream`,
with the line each record starts on, as :func:`json.loads` would read it but
never holding the whole text or all its values; :func:`line_numbers` turns
offsets into lines.

JSON lets an object give a key twice, and :func:`json.loads` silently keeps
the last value. Every object read here (and by :func:`loads`) that gives a
key twice with different values is a :class:`RepeatedKeys`, which says so
(:func:`repeated_keys`), so that a reader can report the record instead of
dropping one of the values.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..errors import shortened

__all__ = ["HELD", "TOO_DEEP", "JsonStream", "RepeatedKeys", "Streamed", "json_kind", "line_numbers",
           "lines_after_first", "loads", "loads_whole", "opens_list", "repeated_keys", "short_value", "stream_records",
           "syntax_error", "too_deep"]

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


def repeated_keys(obj: Any, *, deep: bool = False) -> str:
    """What ``obj`` (a JSON object) gives twice with different values, as an error reason; ``''`` when nothing.
    ``deep``: what any object within ``obj`` (a JSON value) gives twice, the first found.

    >>> repeated_keys(loads('{"title": "A", "year": 2020, "title": "B"}'))
    "field 'title' is given twice with different values ('A', then 'B'); keep one"
    >>> repeated_keys(loads('{"title": "A", "title": "A"}'))
    ''
    >>> repeated_keys(loads('{"queries": {"p1": ["a"], "p1": ["b"]}}'), deep=True)
    "field 'p1' is given twice with different values (['a'], then ['b']); keep one"
    """
    if deep:
        todo = [obj]  # (no recursion: a document may nest as deep as the decoder reads)
        while todo:
            value = todo.pop()
            if isinstance(value, RepeatedKeys):
                return repeated_keys(value)
            if isinstance(value, (dict, list)):
                todo.extend(reversed(list(value.values() if isinstance(value, dict) else value)))
        return ""
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
    return shortened(repr(value), 60)


#: decodes as :func:`json.loads` does, marking objects with repeated keys (:class:`RepeatedKeys`)
_DECODER = json.JSONDecoder(object_pairs_hook=_object_pairs)


def _whole_or_infinite(digits: str) -> int | float:
    """``int(digits)``, or an infinity for a number of more digits than Python turns into an int (4,300 by default:
    :func:`sys.get_int_max_str_digits`); such a number is no year, count or id, and reads as JSON's ``1e400`` does.
    """
    try:
        return int(digits)
    except ValueError:
        return float("-inf") if digits.startswith("-") else float("inf")


#: :data:`_DECODER` for a text holding a number too long for an int (:func:`_whole_or_infinite`): json.loads raised a
#: ValueError no reader expected, which stopped a whole JSON Lines file at one line, naming none
_LONG_NUMBERS = json.JSONDecoder(object_pairs_hook=_object_pairs, parse_int=_whole_or_infinite)


def _raw_decode(text: str, pos: int) -> tuple[Any, int]:
    """:data:`_DECODER`'s ``raw_decode``, or :data:`_LONG_NUMBERS`'s where the text holds a number too long for an int
    (tried only then: a ``parse_int`` slows every number down).
    """
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except ValueError:
        return _LONG_NUMBERS.raw_decode(text, pos)


def loads(text: str) -> Any:
    """:func:`json.loads`, except that an object giving a key twice with different values is a :class:`RepeatedKeys`,
    and a number too long for an int an infinity (:func:`_whole_or_infinite`).
    """
    value, end = _raw_decode(text, _skip(text, 0))
    end = _skip(text, end)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def loads_whole(text: str, path: Any, line: int | None) -> Any:
    """:func:`loads`, refusing a value in which any object gives a key twice with different values (an
    :class:`~graphbuild.errors.InputError` at ``path:line`` saying which: :func:`json.loads` would have kept the
    last value, dropping the other unsaid). Not JSON, or nested too deeply: the decoder's error, for the caller
    to word.
    """
    from ..errors import InputError

    value = loads(text)
    twice = repeated_keys(value, deep=True)
    if twice:
        raise InputError(path, line, twice)
    return value


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


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]  # matches the empty string anywhere


#: how near the end of the text read so far a JSON value may end, or a syntax error lie, and still be cut short by
#: that end rather than end there (``-Infinity``, a ``\ud83d\ude00`` escape pair, a number's exponent)
_NEAR_END = 16
#: characters :class:`JsonStream` asks of its pieces at least, each time it runs out
_MIN_READ = 1 << 16


#: what passing over a value too deep to decode stops at (:meth:`JsonStream.skip_value`): brackets, quotes, backslash
_NESTING = re.compile(r'[][{}"\\]')


class _TooDeep:
    """The type of :data:`TOO_DEEP`."""

    def __repr__(self) -> str:
        return "TOO_DEEP"


#: an element of a paper list nested too deeply to decode, read past (:meth:`JsonStream.element`)
TOO_DEEP = _TooDeep()


def too_deep(path: Any, line: int, number: int) -> Any:
    """The InputError of record ``number`` (at ``line``) of ``path``'s paper list, nested too deeply to read: that
    record is skipped, as a JSON Lines line is (the whole file was).
    """
    from ..errors import InputError

    return InputError(path, line, f"record {number} at line {line} is nested too deeply to read "
                                  "(hundreds of levels); it is not a paper")


def syntax_error(msg: str, line: int, column: int) -> json.JSONDecodeError:
    """A :class:`json.JSONDecodeError` saying ``msg`` at ``line`` and ``column`` (both from 1) of a whole file."""
    exc = json.JSONDecodeError(msg, "", 0)
    exc.lineno, exc.colno = line, column
    exc.args = (f"{msg}: line {line} column {column}",)
    return exc


class JsonStream:
    """JSON text read from pieces (:func:`~graphbuild.ingest.fields.read_chunks`) a value at a time, in the memory of
    the value being read, never the whole text: a JSON array of gigabytes is read a record at a time.

    Values are decoded by :func:`loads`'s decoder (:data:`_DECODER`: same values, repeated keys marked); a value
    cut by the end of the text held is decoded again once more text is read, the text held growing at least
    twofold each time, so a value of any size is decoded in time linear in its size. Syntax errors are
    :class:`json.JSONDecodeError` with the message, line and column :func:`json.loads` gives on the whole text
    (lines counted at LF: the pieces' line ends are LF).
    """

    def __init__(self, pieces: Iterable[str]) -> None:
        self._pieces = iter(pieces)
        self._buf = ""
        self.pos = 0  # where reading is, in _buf
        self._eof = False
        self._col = 0  # the column (from 0) of _buf[0]
        self._counted, self._counted_line = 0, 1  # lines counted up to _buf[_counted]

    def _more(self) -> bool:
        """Read more text (at least as much as is held from :attr:`pos` on), dropping what is before :attr:`pos`;
        False, and the text held as it was, at the end of the text.
        """
        want = max(_MIN_READ, len(self._buf) - self.pos)
        parts: list[str] = []
        got = 0
        while got < want and not self._eof:
            piece = next(self._pieces, None)
            if piece is None:
                self._eof = True
            else:
                parts.append(piece)
                got += len(piece)
        if not parts:
            return False
        cut = self.pos
        line = self.line(cut)  # the lines of what is dropped counted
        newline = self._buf.rfind("\n", 0, cut)
        self._col = cut - newline - 1 if newline >= 0 else self._col + cut
        self._buf = "".join([self._buf[cut:], *parts])
        self.pos = self._counted = 0
        self._counted_line = line
        return True

    def line(self, pos: int | None = None) -> int:
        """The line of :attr:`pos` (or of ``pos``, not before it); lines are counted once, from the last asked."""
        pos = self.pos if pos is None else pos
        if pos < self._counted:  # (an error's line was asked, further on)
            return self._counted_line - self._buf.count("\n", pos, self._counted)
        self._counted_line += self._buf.count("\n", self._counted, pos)
        self._counted = pos
        return self._counted_line

    def _column(self, pos: int) -> int:
        newline = self._buf.rfind("\n", 0, pos)
        return pos - newline if newline >= 0 else self._col + pos + 1

    def error(self, msg: str, pos: int | None = None) -> json.JSONDecodeError:
        """The syntax error ``msg`` at :attr:`pos` (or ``pos``), with the whole text's line and column."""
        pos = self.pos if pos is None else pos
        return syntax_error(msg, self.line(pos), self._column(pos))

    def peek(self) -> str:
        """The next character that is not whitespace (:attr:`pos` moved to it), ``''`` at the end of the text."""
        while True:
            self.pos = _skip(self._buf, self.pos)
            if self.pos < len(self._buf):
                return self._buf[self.pos]
            if not self._more():
                return ""

    def take(self, char: str) -> bool:
        """Whether the next character that is not whitespace is ``char``, read past it when it is."""
        if self.peek() == char:
            self.pos += 1
            return True
        return False

    def value(self) -> Any:
        """The JSON value at :attr:`pos` (after whitespace), read past it."""
        self.peek()
        while True:
            try:
                value, end = _raw_decode(self._buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(self._buf) - _NEAR_END
                if cut and self._more():
                    continue
                raise self.error(exc.msg, exc.pos) from None
            if end >= len(self._buf) - _NEAR_END and self._more():  # a number may go on in the next piece
                continue
            self.pos = end
            return value

    def element(self) -> Any:
        """The JSON value at :attr:`pos`, read past it; :data:`TOO_DEEP` when it is nested too deeply for the
        decoder (a RecursionError), passed over (:meth:`skip_value`) so that the values after it are still read.
        """
        try:
            return self.value()
        except RecursionError:
            self.skip_value()
            return TOO_DEEP

    def skip_value(self) -> None:
        """Read past the array or object at :attr:`pos` without decoding it, counting its brackets outside strings
        (only for a value too deep to decode, so a loop per bracket, not per character); a syntax error when the
        text ends inside it.
        """
        start, depth, in_string, escaped = self.peek(), 0, False, False
        at = self.pos
        while start:
            if escaped:  # the character after a backslash in a string
                if at >= len(self._buf):
                    at = self._refill(at)
                    continue
                at, escaped = at + 1, False
            match = _NESTING.search(self._buf, at)
            if match is None:
                at = self._refill(len(self._buf))
                continue
            char, at = match.group(), match.end()
            if in_string:
                escaped, in_string = char == "\\", char != '"'
            elif char == '"':
                in_string = True
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth <= 0:
                    self.pos = at
                    return
        raise self.error("Expecting value")

    def _refill(self, at: int) -> int:
        """Read more text for :meth:`skip_value`, which has looked up to ``at``; where that is now in the text held."""
        offset = at - self.pos
        if not self._more():
            raise self.error("Unterminated value", len(self._buf))
        return self.pos + offset

    def key(self) -> str:
        """The string at :attr:`pos`, an object's key, read past it and past the ``:`` after it."""
        if self.peek() != '"':
            raise self.error("Expecting property name enclosed in double quotes")
        key = self.value()
        if not self.take(":"):
            raise self.error("Expecting ':' delimiter")
        return key

    def end(self) -> None:
        """Check that nothing but whitespace is left ("Extra data", as :func:`json.loads` says)."""
        if self.peek():
            raise self.error("Extra data")

    def ahead(self, size: int) -> str:
        """The next ``size`` characters from :attr:`pos` (fewer at the end of the text), :attr:`pos` not moved."""
        while len(self._buf) - self.pos < size and self._more():
            pass
        return self._buf[self.pos:self.pos + size]

    def rest_of_line(self) -> tuple[str, int]:
        """The text from :attr:`pos` to the end of its line, and where that end is (:attr:`pos` not moved)."""
        offset = 0
        while True:
            newline = self._buf.find("\n", self.pos + offset)
            if newline >= 0:
                return self._buf[self.pos:newline], newline
            offset = len(self._buf) - self.pos
            if not self._more():
                return self._buf[self.pos:], len(self._buf)

    def blank_from(self, index: int) -> bool:
        """Whether nothing but whitespace is left from ``index`` (not before :attr:`pos`) on (:attr:`pos` not moved)."""
        offset = index - self.pos
        while True:
            end = _skip(self._buf, self.pos + offset)
            if end < len(self._buf):
                return False
            offset = end - self.pos
            if not self._more():
                return True

    def lines(self) -> Iterator[tuple[int, str]]:
        """(number, text) of each line from :attr:`pos` on, read one at a time (JSON Lines)."""
        number = self.line()
        while True:
            newline = self._buf.find("\n", self.pos)
            if newline < 0:
                if self._more():
                    continue
                if self.pos < len(self._buf):
                    yield number, self._buf[self.pos:]
                    self.pos = len(self._buf)
                return
            text, self.pos = self._buf[self.pos:newline], newline + 1
            yield number, text
            number += 1

    def items(self, close: str) -> Iterator[int]:
        """The line of each element of the array or object whose opening bracket was read, the stream at the element
        (the caller reads it), up to its ``close`` (``]`` or ``}``), read past.
        """
        if self.take(close):
            return
        while True:
            self.peek()
            yield self.line()
            if self.take(close):
                return
            if not self.take(","):
                raise self.error("Expecting ',' delimiter")


def opens_list(head: str, keys: tuple[str, ...]) -> bool:
    """Whether ``head``, the start of a JSON object (cut anywhere), gives one of ``keys`` an array before any member it
    cuts short: an API page (``{"total": 9, "data": [...``), whose list :func:`stream_records` reads a record at a
    time, however long the one line it may be written on.

    >>> opens_list('{"total": 9, "meta": {"page": 1}, "data": [{"title": "A"}, {"ti', ("data",))
    True
    >>> opens_list('{"title": "A", "abstract": "We ad', ("data",))
    False
    """
    probe = JsonStream((head,))
    try:
        if not probe.take("{"):
            return False
        for _ in probe.items("}"):
            if probe.key() in keys and probe.peek() == "[":
                return True
            probe.value()
    except (json.JSONDecodeError, RecursionError):  # a member cut short by the end of head, or head no JSON
        return False
    return False


def lines_after_first(pieces: Iterable[str]) -> bool:
    r"""Whether the text of ``pieces`` has more than JSON whitespace after the line its first value starts on, read a
    piece at a time and none held: a first line of hundreds of megabytes that opens a paper list (:func:`opens_list`)
    is an API page when nothing follows it, and the first record of JSON Lines when more lines do.

    >>> lines_after_first([' {"data": [1,', ' 2]}', '\n'])
    False
    >>> lines_after_first(['{"data": [1]}\n', '{"title": "B"}'])
    True
    """
    started = ended = False
    for piece in pieces:
        at = _skip(piece, 0) if not started else 0
        started = started or at < len(piece)
        if started and not ended:
            newline = piece.find("\n", at)
            if newline < 0:
                continue
            ended, at = True, newline + 1
        if ended and _skip(piece, at) < len(piece):
            return True
    return False


#: elements of a wrapping object's paper lists held, before the object's other members are known, at least
#: (:func:`stream_records`): an object that is no list of papers ("title" after a "data" list) is told apart
HELD = 1000


@dataclass(slots=True)
class Streamed:
    """A JSON document as :func:`stream_records` reads it.

    ``line``: where its value starts; ``key``: the member of an object holding the paper list (None for an array,
    or for an object holding none, then given whole as ``value``); ``records``: ``(line, element)`` of the paper
    list, read one at a time (None when there is no list).
    """

    line: int
    value: Any
    key: str | None
    records: Iterator[tuple[int, Any]] | None


def stream_records(path: Any, stream: JsonStream, list_keys: tuple[str, ...],
                   pick: Callable[[dict[str, Any]], str | None]) -> Streamed | None:
    """A JSON document's paper list, read from ``stream`` a record at a time (None for a text of whitespace only).

    The list is the top-level array, or the list under one member of the top-level object: which one ``pick``
    says, given the object (among ``list_keys``, as ``pick`` reads them; None: the object is no wrapper). The
    elements of the object's lists are held until the whole object has been read (as :func:`loads` reads it) or
    more than :data:`HELD` are held and ``pick`` names a list; from there the list is read a record at a time, and
    a member further on that makes ``pick`` choose otherwise (or gives the list again) is an
    :class:`~graphbuild.errors.InputError` naming ``path`` and the object's line. Syntax errors are
    :class:`json.JSONDecodeError` with the whole text's line and column, raised when the reading gets there.
    """
    first = stream.peek()
    if not first:
        return None
    line = stream.line()
    if first == "[":
        stream.pos += 1
        return Streamed(line, None, None, _array_records(stream))
    if first != "{":
        value = stream.value()
        stream.end()
        return Streamed(line, value, None, None)
    stream.pos += 1
    events = _members(stream, list_keys)
    held: list[tuple[str, str, int, Any]] = []
    skeleton: dict[str, Any] = {}
    for event in events:
        held.append(event)
        kind, key, _, value = event
        if kind != "item":
            skeleton[key] = [] if kind == "list" else value
        if len(held) > HELD and kind == "item" and pick(skeleton) is not None:
            return Streamed(line, skeleton, pick(skeleton), _committed(path, line, held, events, skeleton, pick))
    obj, lines = _whole_object(held)
    picked = pick(obj)
    records = zip(lines[picked], obj[picked], strict=True) if picked is not None else None
    return Streamed(line, obj, picked, records)


def _array_records(stream: JsonStream) -> Iterator[tuple[int, Any]]:
    """(line, element) of the top-level array whose ``[`` was read, then nothing but whitespace."""
    for line in stream.items("]"):
        yield line, stream.element()
    stream.end()


def _members(stream: JsonStream, list_keys: tuple[str, ...]) -> Iterator[tuple[str, str, int, Any]]:
    """The top-level object's members, its ``{`` read, then nothing but whitespace, as ``(kind, key, line, value)``:
    ``("member", key, line, value)``; an array under one of ``list_keys`` as ``("list", key, line, None)`` and
    ``("item", key, line, element)`` for each element, read one at a time.
    """
    for _ in stream.items("}"):
        key = stream.key()
        stream.peek()
        line = stream.line()
        if key in list_keys and stream.peek() == "[":
            stream.pos += 1
            yield "list", key, line, None
            for at in stream.items("]"):
                yield "item", key, at, stream.element()
        else:
            yield "member", key, line, stream.value()
    stream.end()


def _whole_object(held: list[tuple[str, str, int, Any]]) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The object of members ``held`` (all of them, :func:`_members`), as :func:`loads` reads it, and the lines of
    the elements of each list member (the last, of a key given twice).
    """
    pairs: list[tuple[str, Any]] = []
    lines: dict[str, list[int]] = {}
    for kind, key, line, value in held:
        if kind == "member":
            pairs.append((key, value))
        elif kind == "list":
            pairs.append((key, []))
            lines[key] = []
        else:
            pairs[-1][1].append(value)
            lines[key].append(line)
    return _object_pairs(pairs), lines


def _committed(path: Any, line: int, held: list[tuple[str, str, int, Any]],
               events: Iterator[tuple[str, str, int, Any]], skeleton: dict[str, Any],
               pick: Callable[[dict[str, Any]], str | None]) -> Iterator[tuple[int, Any]]:
    """The records of the list ``pick(skeleton)`` names, from the members ``held`` and the ``events`` still to
    come (:func:`stream_records`); an InputError when a later member changes the choice or gives the list again.
    """
    from ..errors import InputError

    key = pick(skeleton)
    given = 0  # how often the list under key was given
    for kind, name, at, value in itertools.chain(held, events):
        if kind == "list" and name == key:
            given += 1
            if given > 1:
                raise InputError(path, line, f"field {key!r} is given twice; keep one")
        elif kind == "item" and name == key:
            yield at, value
        elif kind != "item":
            skeleton[name] = [] if kind == "list" else value
    if pick(skeleton) != key:
        raise InputError(path, line, f"the object's {key!r} list was read as its papers, but a member after it "
                                     f"makes {_or_else(pick(skeleton))} the papers; give the object one list of "
                                     "papers (or split the file)")


def _or_else(key: str | None) -> str:
    return f"its {key!r} list" if key is not None else "the object itself"
