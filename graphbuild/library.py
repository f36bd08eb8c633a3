"""The named Cypher query library (``queries/*.cypher``).

Each file starts with a comment header::

    // name: top-datasets
    // description: Most used datasets, by number of papers that use or evaluate on them
    // param: limit = 20
    // param: type = Dataset
    MATCH ...

Defaults are typed by their spelling: ``20`` is an int, ``0.5`` a float,
``true``/``false`` a bool, anything else (optionally quoted, ``''`` for the
empty string) a string. Parameters reach the database as Cypher parameters,
never formatted into the text.

A parameter line may end in checks that :func:`bind_params` applies to every
value given, naming the parameter when one fails (where the database would
answer in its own words, or silently return no rows)::

    // param: limit = 20; min 0
    // param: depth = 3; min 1; max 5
    // param: role = ''; one of proposes, uses, evaluates_on, compares_with

``min`` and ``max`` take a number; ``one of`` takes values spelled like
defaults (the default is always allowed; a text value matches whatever its
case and is passed on as the line spells it).

The body is Cypher that both LadybugDB and Neo4j 5 accept. Where no common
syntax exists (shortest paths), a file may add store-specific bodies after a
``// variant: <store name>`` line; :meth:`NamedQuery.cypher_for` picks the body
for a store's ``name`` and falls back to the portable one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cypher_guard import query_parameters
from .errors import InputError, QueryError, editor_lines
from .resources import resource_dir

__all__ = ["NamedQuery", "load_library", "get_query", "bind_params", "parse_query_file"]

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEADER_RE = re.compile(r"^//\s*(name|description|param|variant)\s*:\s*(.*?)\s*$")
_PARAM_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)((?:\s*;\s*(?:min|max|one of)\s+[^;]*)*)$")
_CHECK_RE = re.compile(r";\s*(min|max|one of)\s+([^;]*)")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """One query of the library.

    ``params`` maps each parameter to its typed default; ``cypher`` is the
    portable body; ``variants`` maps a store name to a store-specific body;
    ``minimum``, ``maximum`` and ``choices`` hold the declared checks (``; min N``, ``; max N``,
    ``; one of A, B``) by parameter, ``choices`` with the default among them.
    """

    name: str
    description: str
    params: dict[str, Any]
    cypher: str
    path: Path
    variants: dict[str, str] = field(default_factory=dict)
    minimum: dict[str, int | float] = field(default_factory=dict)
    choices: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    maximum: dict[str, int | float] = field(default_factory=dict)

    def cypher_for(self, store_name: str) -> str:
        """The body to run on the store called ``store_name`` (``GraphStore.name``)."""
        return self.variants.get(store_name, self.cypher)


def _parse_default(text: str) -> Any:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)", text):
        return float(text)
    return text


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.cypher`` file; malformed headers raise ``InputError``."""
    from .ingest.fields import read_text

    text = read_text(path)  # unreadable, or not UTF-8 (the line and byte): the coded line every reader gives
    name = description = None
    params: dict[str, Any] = {}
    bounds: dict[str, dict[str, int | float]] = {"min": {}, "max": {}}
    choices: dict[str, tuple[Any, ...]] = {}
    bodies: dict[str, list[str]] = {"": []}
    current = ""
    in_header = True
    for lineno, line in enumerate(editor_lines(text), start=1):
        match = _HEADER_RE.match(line.strip())
        if match and match.group(1) == "variant":
            current = match.group(2).strip().lower()
            if not current or current in bodies:
                raise InputError(str(path), lineno, "a variant line needs a new store name, e.g. '// variant: neo4j'")
            bodies[current] = []
            in_header = False
            continue
        if in_header and match:
            key, value = match.groups()
            if key == "name":
                name = value
            elif key == "description":
                description = value
            else:
                pmatch = _PARAM_RE.match(value)
                if not pmatch:
                    raise InputError(str(path), lineno, "write parameters as '// param: name = default'")
                if pmatch.group(1) in params:
                    raise InputError(str(path), lineno, f"parameter {pmatch.group(1)!r} is declared twice")
                key, default, checks = pmatch.groups()
                params[key] = _parse_default(default)
                for check, allowed in _CHECK_RE.findall(checks):
                    _declare_check(path, lineno, key, params[key], check, allowed.strip(), bounds, choices)
            continue
        if in_header and not line.strip().startswith("//") and line.strip():
            in_header = False
        bodies[current].append(line)
    if not name or not _NAME_RE.match(name):
        raise InputError(str(path), 1, "the header needs '// name: <lowercase-name>'")
    if name != path.stem:
        raise InputError(str(path), 1,
                         f"the header names the query {name!r} but the file is {path.name}; make them agree")
    if not description:
        raise InputError(str(path), 1, "the header needs '// description: <one line>'")
    cypher = "\n".join(bodies.pop("")).strip()
    if not cypher:
        raise InputError(str(path), None, "the query file has no Cypher after its header")
    variants = {store: "\n".join(lines).strip() for store, lines in bodies.items()}
    for store, body in variants.items():
        if not body:
            raise InputError(str(path), None, f"the {store} variant has no Cypher")
    _check_declared(path, text, [cypher, *variants.values()], params)
    return NamedQuery(name=name, description=description, params=params, cypher=cypher,
                      path=path, variants=variants, minimum=bounds["min"], choices=choices, maximum=bounds["max"])


def _check_declared(path: Path, text: str, bodies: list[str], params: dict[str, Any]) -> None:
    """Refuse a query file whose Cypher uses a ``$name`` its header does not declare, on the line of its first use:
    such a file loaded, and running it then asked for ``--param name=VALUE`` only to refuse that value as no
    parameter of the query.
    """
    for body in bodies:
        for name in query_parameters(body):
            if name not in params:
                use = re.compile(r"\$(?:`" + re.escape(name.replace("`", "``")) + "`|" + re.escape(name) + r"(?!\w))")
                lineno = next((i for i, line in enumerate(editor_lines(text), start=1) if use.search(line)), None)
                raise InputError(str(path), lineno, f"the query uses ${name} but its header declares no such "
                                                    f"parameter; add '// param: {name} = <default>'")


def _declare_check(path: Path, lineno: int, key: str, default: Any, check: str, allowed: str,
                   bounds: dict[str, dict[str, int | float]], choices: dict[str, tuple[Any, ...]]) -> None:
    """Record parameter ``key``'s ``; min N``, ``; max N`` or ``; one of A, B`` check; InputError when it
    cannot hold.
    """
    if key in (choices if check == "one of" else bounds[check]):
        raise InputError(str(path), lineno, f"parameter {key!r} has two '; {check}' checks")
    if check in bounds:
        bound = _parse_default(allowed)
        if type(default) not in (int, float) or type(bound) not in (int, float):
            raise InputError(str(path), lineno, f"'; {check}' of parameter {key!r} needs a number, "
                                                "and a number default")
        if default < bound if check == "min" else default > bound:
            raise InputError(str(path), lineno, f"the default of parameter {key!r} is "
                             f"{'below its minimum' if check == 'min' else 'above its maximum'} {bound}")
        bounds[check][key] = bound
        return
    values = tuple(_parse_default(v) for v in allowed.split(","))
    if any(type(v) is not type(default) for v in values):
        raise InputError(str(path), lineno, f"the values of parameter {key!r} after '; one of' must be of its "
                         f"default's type ({_KIND_WORDS[type(default)]})")
    choices[key] = (default, *(v for v in values if v != default))


def load_library(directory: Path | str | None = None) -> dict[str, NamedQuery]:
    """All named queries in ``directory`` (default: the shipped ``queries`` folder), by name."""
    folder = Path(directory) if directory is not None else resource_dir("queries")
    if not folder.is_dir():
        raise InputError(str(folder), None, "the query folder does not exist")
    out: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.cypher")):
        query = parse_query_file(path)
        out[query.name] = query
    return out


def get_query(name: str, directory: Path | str | None = None) -> NamedQuery:
    """The named query ``name``; an unknown name raises ``QueryError`` with suggestions."""
    library = load_library(directory)
    if name in library:
        return library[name]
    close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else f"known queries: {', '.join(sorted(library))}"
    raise QueryError(f"no named query {name!r}; {hint}")


_TRUE = {"true", "yes", "y", "1", "on"}
_FALSE = {"false", "no", "n", "0", "off"}


#: a named query parameter's type (that of its default), in words
_KIND_WORDS = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}


def _coerce(query: NamedQuery, key: str, value: Any) -> Any:
    default = query.params[key]
    kind = type(default)
    if not isinstance(value, str):
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        raise QueryError(f"parameter {key!r} of {query.name} takes {_KIND_WORDS[kind]}, not {value!r}")
    text = value.strip()
    try:
        if kind is bool:
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise ValueError(text)
        if kind is int:
            return int(text)
        if kind is float:
            return float(text)
    except ValueError:
        raise QueryError(f"parameter {key!r} of {query.name} takes {_KIND_WORDS[kind]} "
                         f"(default {default!r}), not {value!r}") from None
    return value


def bind_params(query: NamedQuery, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The query's defaults updated by ``overrides`` (CLI strings coerced to the default's type)."""
    params = dict(query.params)
    for key, value in (overrides or {}).items():
        if key not in query.params:
            known = ", ".join(sorted(query.params)) or "none"
            raise QueryError(f"{query.name} has no parameter {key!r}; its parameters: {known}")
        params[key] = _checked(query, key, _coerce(query, key, value))
    return params


def _checked(query: NamedQuery, key: str, value: Any) -> Any:
    """``value`` when it passes parameter ``key``'s declared checks; QueryError naming the parameter otherwise.

    A text value among the declared choices in another case is given as the choice is spelled.
    """
    kind = _KIND_WORDS[type(query.params[key])]
    low, high = query.minimum.get(key), query.maximum.get(key)
    if (low is not None and value < low) or (high is not None and value > high):
        accepted = f"from {low} to {high}" if low is not None and high is not None else \
            f"of {low} or more" if low is not None else f"of {high} or less"
        raise QueryError(f"parameter {key!r} of {query.name} takes {kind} {accepted}, not {value!r}")
    allowed = query.choices.get(key)
    if allowed is not None and value not in allowed:
        same = [a for a in allowed
                if isinstance(value, str) and isinstance(a, str) and a.casefold() == value.casefold()]
        if len(same) == 1:
            return same[0]
        raise QueryError(f"parameter {key!r} of {query.name} takes one of {', '.join(map(repr, allowed))}, "
                         f"not {value!r}")
    return value
