"""Query parameters as the embedded store can bind them.

LadybugDB types a parameter from its Python value, and a list from the values
in it: a list mixing kinds (``[1, "a"]``, ``[true, 1]``, maps with other keys
or values of other kinds) is refused by the engine, a few of them with a bare
Python traceback, and a list holding no typed value at all (``[]``, ``[null]``)
with an internal error, as a map with a null value; and a list holding a null
after a list or a map comes back as one string. :func:`bindable` finds these first and says what is
wrong in one line; it also sends tuples as lists (the engine knows no tuples), and a datetime with a UTC
offset as the UTC time it names (the engine's TIMESTAMP has no offset, and it kept the wall-clock time:
12:00+02:00 was 12:00, two hours off).
Neo4j takes all of these, so the check belongs to this store alone.

>>> bindable({"ids": ("a", "b"), "n": 3})
{'ids': ['a', 'b'], 'n': 3}
>>> bindable({"x": [1, "a"]})
Traceback (most recent call last):
graphbuild.errors.QueryError: [E200] query parameter $x is a list mixing numbers and text; ...
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from ..cypher_guard import param_name, tokenize
from ..errors import QueryError

__all__ = ["bindable"]

#: the kind of a value: a word, ("list", kind of its values) or ("map", ((key, kind), ...)); None: null
_Kind = Any

_SCALARS = ((bool, "true/false"), ((int, float), "numbers"), (str, "text"), ((bytes, bytearray), "bytes"))


def bindable(params: Mapping[str, Any] | None, cypher: str = "") -> dict[str, Any]:
    """``params`` with tuples as lists, after refusing a list the embedded store cannot type; each value that
    ``cypher`` names backquoted (``$`a b```) is also given under the name the store looks up, backquotes and
    all (it answered "Parameter `a b` not found" for a value given as ``a b``, which Neo4j takes).

    Raises
    ------
    QueryError
        A list (at any depth) mixes kinds of values, or holds no value but nulls.
    """
    out = {}
    for name, value in (params or {}).items():
        where = f"query parameter ${name}"
        kind = _kind(where, value)
        if _untyped(kind):
            raise QueryError(f"{where} is, or holds, an empty list, a list of nulls only or a map with a null "
                             "value: the embedded store cannot tell the type of those values; give values, or "
                             "leave them out")
        out[name] = _plain(value)
    for token in tokenize(cypher):
        if token.kind == "param" and param_name(token.text) in out and token.text[1:] != param_name(token.text):
            out[token.text[1:]] = out[param_name(token.text)]
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
        return value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value


def _kind(where: str, value: Any) -> _Kind:
    if value is None:
        return None
    for types, word in _SCALARS:
        if isinstance(value, types):
            return word
    if isinstance(value, (list, tuple)):
        kind: _Kind = None
        for inner in value:
            if inner is None and isinstance(kind, tuple):
                raise QueryError(f"{where} holds a null after a list or a map, which the embedded store would "
                                 "turn into text; put the nulls first or leave them out")
            kind = _unify(where, kind, _kind(where, inner))
        return ("list", kind)
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), _kind(where, v)) for k, v in value.items())))
    return type(value).__name__  # the engine names what it cannot take


def _unify(where: str, a: _Kind, b: _Kind) -> _Kind:
    """The kind of a list holding values of kinds ``a`` and ``b`` (a null goes with any kind)."""
    if a is None or a == b:
        return b
    if b is None:
        return a
    if isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0]:
        if a[0] == "list":
            return ("list", _unify(where, a[1], b[1]))
        if [k for k, _ in a[1]] == [k for k, _ in b[1]]:
            return ("map", tuple((k, _unify(where, x, y)) for (k, x), (_, y) in zip(a[1], b[1])))
    raise QueryError(f"{where} is a list mixing {_words(a)} and {_words(b)}; the embedded store needs the values "
                     "of a list to be of one kind (maps: the same keys, each of one kind)")


def _words(kind: _Kind) -> str:
    if isinstance(kind, str):
        return kind
    if kind[0] == "list":
        return "lists" if kind[1] is None else f"lists of {_words(kind[1])}"
    keys = ", ".join(k for k, _ in kind[1])
    return f"maps with keys {keys}" if keys else "empty maps"


def _untyped(kind: _Kind) -> bool:
    """Whether ``kind`` holds a list of unknown kind (the engine's "vector with ANY type")."""
    if not isinstance(kind, tuple):
        return False
    if kind[0] == "list":
        return kind[1] is None or _untyped(kind[1])
    return any(k is None or _untyped(k) for _, k in kind[1])
