"""What the subcommands share: settings from flags, the workspace, parameters and table output."""

from __future__ import annotations

import argparse
import binascii
import csv
import errno
import getpass
import itertools
import json
import math
import os
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..errors import QueryError, UsageError, quoted, shortened, visible
from ..settings import Settings, load_settings


def _settings(args: argparse.Namespace) -> Settings:
    s = load_settings(getattr(args, "config", None))
    return s.with_overrides(
        workspace=getattr(args, "workspace", None),
        spacy_model=getattr(args, "spacy_model", None),
        gazetteer=getattr(args, "gazetteer", None),
        curation=getattr(args, "curation", None),
    )


def _curation_checked(args: argparse.Namespace, ws) -> None:
    """Refuse, before any work, a configured curation file that is not there, naming what configured it: the
    ``--curation`` option, the settings file and line, or the environment variable (looked up only then; the
    file itself is read once, by the build).
    """
    if ws.curation_missing():
        from ..curation import curation_not_found
        from ..settings import setting_source

        flag = getattr(args, "curation", None)
        raise curation_not_found(ws.curation_file, "--curation" if flag
                                 else setting_source("curation", getattr(args, "config", None)))


def _add_wait(parser: argparse.ArgumentParser) -> None:
    """The ``--wait`` flag of a command that writes the workspace (the lock's message offers it)."""
    parser.add_argument("--wait", action="store_true",
                        help="when another process is writing the workspace, wait for it instead of failing")


def _require_positive(args: argparse.Namespace, *names: str) -> None:
    """Refuse a zero or negative value for each flag in ``names`` (attribute names) that was given."""
    for name in names:
        value = getattr(args, name, None)
        if value is not None and value < 1:
            flag = f"-{name}" if len(name) == 1 else "--" + name.replace("_", "-")
            raise UsageError(f"{flag} must be 1 or more, got {value}")


def _name_fits(path: str, flag: str) -> None:
    """Refuse an output path whose name is too long for the system (a traceback from the writers)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise UsageError(f"{flag} {path!r}: {exc.strerror}; give a shorter file name") from None


def _output_file(path: str, flag: str = "-o") -> None:
    """Refuse an output path that is an existing folder (the file would replace nothing but fail late), or
    whose name is too long for the system.
    """
    _name_fits(path, flag)
    if os.path.isdir(path):
        raise UsageError(f"{flag} {path!r} is a folder; give a file name, e.g. {os.path.join(path, 'graph.html')}")


def _say_written(line: str, path: str | os.PathLike[str]) -> None:
    """Print ``line`` (what was written to ``path``) on the standard output, or on standard error when
    ``path`` is a pipe or a device: ``-o /dev/stdout`` writes the output to this very stream, and the line
    would end up inside the file being piped on.
    """
    from ..fsutil import path_kind

    print(line, file=sys.stderr if path_kind(path) == "other" else sys.stdout)


def _workspace(args: argparse.Namespace):
    from ..workspace import Workspace

    settings = _settings(args)
    return Workspace(settings.workspace, settings)


_SCALARS = ("str", "int", "float", "bool")
_KINDS = (*_SCALARS, "list", *(f"list[{k}]" for k in _SCALARS))
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


def _typed(name: str, kind: str, text: str) -> Any:
    """``text`` as a value of ``kind`` (one of :data:`_KINDS`); QueryError naming the parameter otherwise (its
    name and value shortened, :data:`PARAM_SHOWN`; a list's wrong item by its place and value).

    ``list`` is ``a,b,c`` (strings) or a JSON array (its own types); ``list[int]`` and the other ``list[TYPE]``
    read each element as ``TYPE`` does, in either form.
    """
    item = None
    try:
        if kind in _SCALARS:
            return _scalar(kind, text)
        value = json.loads(text) if text.lstrip().startswith("[") else _comma_list(text)
        if not isinstance(value, list):
            raise ValueError(text)
        element = kind[5:-1]
        if not element:
            return value
        typed: list[Any] = []
        for v in value:
            item = len(typed) + 1  # the place an error names
            typed.append(_element(element, v))
        return typed
    except (ValueError, RecursionError) as exc:  # RecursionError: a JSON list nested too deeply to read
        given = f"--param {shortened(name, PARAM_SHOWN)}:{kind}={quoted(text, PARAM_SHOWN)}"
        if item is not None:  # a list (of ``element``), one of whose items is not of the type
            bad = value[item - 1]
            shown = quoted(bad, PARAM_SHOWN) if isinstance(bad, str) else shortened(repr(bad), PARAM_SHOWN)
            raise QueryError(f"{given}: not a list of {element}: its item {item}, {shown}, is not "
                             f"{_a(element)}") from None
        why = (" (nested too deeply to read)" if isinstance(exc, RecursionError)
               else " (over 4,300 digits)" if "Exceeds the limit" in str(exc)
               else " (an empty item between commas)" if "empty item" in str(exc) else "")
        what = f"a list of {kind[5:-1]}" if kind.startswith("list[") else _a(kind)
        raise QueryError(f"{given}: not {what}{why}"
                         + ("; write a list as a,b,c or as JSON [1, 2]" if kind.startswith("list") else "")) from None


def _a(kind: str) -> str:
    """``kind`` with its article: "an int", "a float"."""
    return f"{'an' if kind == 'int' else 'a'} {kind}"


#: the most characters of a ``--param`` name or value an error shows (a value of 5,000 digits, a long list)
PARAM_SHOWN = 60


def _comma_list(text: str) -> list[str]:
    """The items of ``a,b,c`` (spaces around them dropped; nothing at all is the empty list). An empty item
    (``1,,2``, ``a,b,``) is a ValueError: it was dropped without a word, the list one item short.
    """
    if not text.strip():
        return []
    items = [v.strip() for v in text.split(",")]
    if not all(items):
        raise ValueError(f"{text!r} has an empty item")
    return items


def _scalar(kind: str, text: str) -> Any:
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    if kind == "bool":
        if text.strip().lower() in _TRUE | _FALSE:
            return text.strip().lower() in _TRUE
        raise ValueError(text)
    return text


def _element(kind: str, value: Any) -> Any:
    """One element of a ``list[kind]``: text read as the scalar ``kind`` reads it; a JSON value kept when it
    is of that kind already (an int for ``float`` becomes a float).
    """
    if isinstance(value, str):
        return _scalar(kind, value)
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "float" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise ValueError(value)


def _param_name(text: str) -> str:
    """The parameter ``text`` names: as written, or unquoted when written in backquotes as Cypher does.

    A name that is no identifier (``$`a b```, which Cypher writes backquoted) was refused, so such a
    query could not be given its value; any name is taken (":" and "=" separate, except in backquotes:
    :data:`_BACKQUOTED`).

    >>> _param_name("year"), _param_name("a b"), _param_name("`a b`"), _param_name("`it``s`")
    ('year', 'a b', 'a b', 'it`s')
    """
    if len(text) > 1 and text[0] == text[-1] == "`":
        return text[1:-1].replace("``", "`")
    return text


#: a ``--param`` name in backquotes, as Cypher writes one (a doubled backquote is one), up to the ":" or "=" after it:
#: ``$`a:b``` is given by ``--param '`a:b`=1'`` (its ":" and "=" read as separators without them)
_BACKQUOTED = re.compile(r"\s*`((?:[^`]|``)+)`\s*(?=[:=])")


def _param_parts(pair: str) -> tuple[str, str, str]:
    """The (name, type, value) of a ``--param`` argument, the type "" when none is given.

    >>> _param_parts("n:int=5"), _param_parts("`a:b`=1"), _param_parts("`x=y`:int=2=3")
    (('n', 'int', '5'), ('a:b', '', '1'), ('x=y', 'int', '2=3'))
    """
    quoted = _BACKQUOTED.match(pair)
    head, eq, value = pair[quoted.end() if quoted else 0:].partition("=")
    if not eq:
        raise QueryError(f"--param takes NAME=VALUE or NAME:TYPE=VALUE, got {pair!r}")
    if quoted:
        return quoted[1].replace("``", "`"), head.strip()[1:], value
    name, _, kind = head.strip().partition(":")
    return _param_name(name), kind, value


def _params(pairs: Sequence[str] | None, untyped: Callable[[str], Any] = str) -> dict[str, Any]:
    """``--param`` values by name: ``NAME:TYPE=VALUE`` is typed, ``NAME=VALUE`` goes through ``untyped``.

    >>> _params(["id:str=123", "n:int=5", "ok:bool=yes", "ids:list=a,b", "y=2021"], _coerce_adhoc)
    {'id': '123', 'n': 5, 'ok': True, 'ids': ['a', 'b'], 'y': 2021}
    >>> _params(["ys:list[int]=2017, 2018", "xs:list[float]=[1, 2.5]", "ys2:list=2017,2018", "ys3:list=[2017]"])
    {'ys': [2017, 2018], 'xs': [1.0, 2.5], 'ys2': ['2017', '2018'], 'ys3': [2017]}
    >>> _params(["a b=1", "`c d`:int=2", "`e:f`=3"], _coerce_adhoc)  # the parameters $`a b`, $`c d`, $`e:f`
    {'a b': 1, 'c d': 2, 'e:f': 3}
    """
    out: dict[str, Any] = {}
    for pair in pairs or ():
        name, kind, value = _param_parts(pair)
        if not name:
            raise QueryError(f"--param {pair!r}: no parameter name before '='")
        if kind and kind not in _KINDS:
            raise QueryError(f"--param {pair!r}: unknown type {kind!r}; use one of {', '.join(_KINDS)}")
        out[name] = _typed(name, kind, value) if kind else untyped(value)
    return out


#: a number as JSON writes one (ASCII digits only, no ``_``, ``+``, leading zeros, ``inf`` or ``nan``)
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _coerce_adhoc(value: str) -> Any:
    """Untyped ad-hoc query parameters: a plain number as JSON writes it is a number, the rest stays text.

    ``int()`` and ``float()`` also read ``1_000``, Arabic-Indic ``٣``, `` 5 `` and ``nan``, which are
    text here (``n:int=1_000`` still reads the first); so is a number no int or float holds.

    >>> [_coerce_adhoc(v) for v in ("2021", "-0.5", "1e3", "1_000", "\u0663", " 5", "007", "nan", "1e999")]
    [2021, -0.5, 1000.0, '1_000', '٣', ' 5', '007', 'nan', '1e999']
    """
    match = _JSON_NUMBER.fullmatch(value)
    if match is None:
        return value
    try:
        number = float(value) if match.group(1) or match.group(2) else int(value)
    except ValueError:  # an int of over 4,300 digits
        return value
    return value if isinstance(number, float) and not math.isfinite(number) else number


#: What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal acts on (same meaning escaped).
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _say(line: str, file: Any = None) -> None:
    r"""Print one line that holds text from the papers (a title, a sentence, an entity name).

    Its control characters are shown escaped (:func:`~graphbuild.errors.visible`), as in tables:
    a title carrying ``\x1b[2J`` from someone else's BibTeX must not clear the user's terminal.
    """
    print(visible(line), file=file)


def _print_json(value: Any) -> None:
    """Print ``value`` as indented JSON, with what a terminal acts on escaped (as ``--format json`` does)."""
    sys.stdout.write(_json_text(value) + "\n")


def _json_text(value: Any) -> str:
    """``value`` as indented JSON text, with what a terminal acts on escaped (:func:`_print_json`)."""
    try:  # escapes C0 itself
        text = json.dumps(value, ensure_ascii=False, indent=2, default=str, allow_nan=False)
    except ValueError:  # NaN or an infinity, which JSON has no number for: json.dumps wrote NaN, no reader reads
        text = json.dumps(_finite(value), ensure_ascii=False, indent=2, default=str)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finite(value: Any) -> Any:
    """``value`` with each float that is no JSON number written as the text Cypher prints for it (``"NaN"``,
    ``"Infinity"``, ``"-Infinity"``), in lists and maps too.

    >>> _finite({"n": float("nan"), "xs": [1.5, float("-inf")]})
    {'n': 'NaN', 'xs': [1.5, '-Infinity']}
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if value != value else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


#: Rows a table is measured on before its first line is printed; their column widths hold for the rows after.
TABLE_BATCH = 1000


def _print_rows(rows: Iterable[dict[str, Any]], fmt: str) -> None:
    """Print query rows as ``fmt`` (table, csv or json) as they come: a result of millions of rows (a query's
    :class:`~graphbuild.stores.base.Rows`) starts printing at once and is never held whole.
    """
    if fmt == "json":
        _print_json_rows(iter(rows))
    elif fmt == "csv":
        _print_csv_rows(iter(rows), getattr(rows, "columns", None))
    else:
        _print_table_rows(iter(rows))


def _print_json_rows(rows: Iterator[dict[str, Any]]) -> None:
    """Rows as one JSON array, written a row at a time; the text is :func:`_print_json`'s of the whole list."""
    out = sys.stdout
    opening = "[\n"
    for row in rows:
        out.write(opening + textwrap.indent(_json_text(row), "  "))
        opening = ",\n"
    out.write("[]\n" if opening == "[\n" else "\n]\n")


def _print_csv_rows(rows: Iterator[dict[str, Any]], columns: list[str] | None = None) -> None:
    """Rows as CSV, a header of their ``columns`` first (see :func:`_csv_cell`): a query's, which it names with no
    rows too; else the first row's. With neither, nothing at all: an empty line would read as one empty row.
    """
    to_terminal = sys.stdout.isatty()
    writer = csv.writer(sys.stdout)
    first = next(rows, None)
    if columns is None:
        if first is None:
            return
        columns = list(first)
    writer.writerow([visible(c) if to_terminal else c for c in columns])
    for row in itertools.chain([first] if first is not None else [], rows):
        writer.writerow([visible(_csv_cell(row[c])) if to_terminal else _csv_cell(row[c]) for c in columns])


def _print_table_rows(rows: Iterator[dict[str, Any]]) -> None:
    """Rows as an aligned table, its column widths (60 at most) taken from the first :data:`TABLE_BATCH` rows; a
    later cell wider than its column is shown whole up to 60 characters, as psql does past its first batch.
    """
    first = list(itertools.islice(rows, TABLE_BATCH))
    if not first:
        print("(no rows)")
        return
    keys = list(first[0])
    columns = [visible(c) for c in keys]
    cells = [[visible(_cell(row[c])) for c in keys] for row in first]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    count = 0
    for r in itertools.chain(cells, ([visible(_cell(row[c])) for c in keys] for row in rows)):
        print("  ".join(shortened(v, 60).ljust(w) for v, w in zip(r, widths)))
        count += 1
    print(f"({count} row{'s' if count != 1 else ''})")


#: What a spreadsheet reads as the start of a formula in a cell of text (``=HYPERLINK(...)`` in a title).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    """A CSV cell keeps everything: a list, node or relationship as JSON (``["a, b", "c"]`` is not ``a, b, c``).

    Text that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return) gets a leading ``'``, so the spreadsheet shows it instead; numbers (``-3``) stay as
    they are, and ``--format json`` gives every value exactly. A float that is no number is written as JSON
    output and Cypher write it (``nan`` and ``[NaN]``, which no JSON reader reads, before):

    >>> [_csv_cell(v) for v in (float("nan"), [1.5, float("-inf")], "=1+1", None)]
    ['NaN', '[1.5, "-Infinity"]', "'=1+1", '']
    """
    if isinstance(value, (list, dict)):
        return json.dumps(_finite(value), ensure_ascii=False, default=str)
    if isinstance(value, float) and not math.isfinite(value):
        return str(_finite(value))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else str(value)


def _cell(value: Any, nested: bool = False) -> str:
    """A value as a table shows it: names of nodes, lists joined (a list inside one in brackets), fractions to
    six decimals.

    >>> [_cell(v) for v in (0.05885002463770624, 0.1 + 0.2, 123456.789, 2.5e-07, 3.0, True, None)]
    ['0.05885', '0.3', '123456.789', '2.5e-07', '3.0', 'True', '']
    >>> [_cell(v) for v in ([1, 2], [[1, 2], [3]], [[], [[4]]])]
    ['1, 2', '[1, 2], [3]', '[], [[4]]']
    """
    shown = _bytes_cell(value) if isinstance(value, dict) else None
    if shown is not None:
        return shown
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value.get("id") or json.dumps(value, default=str))
    if isinstance(value, list):
        joined = ", ".join(_cell(v, nested=True) for v in value)
        return f"[{joined}]" if nested else joined
    if isinstance(value, float) and math.isfinite(value) and value != int(value):
        return f"{value:.6f}".rstrip("0").rstrip(".") if abs(value) >= 1e-3 else f"{value:.4g}"
    return "" if value is None else str(value)


#: Bytes of a BLOB a table cell shows in hex before the ``…`` (the JSON and CSV output keep them all).
_BYTES_SHOWN = 8


def _bytes_cell(value: dict[str, Any]) -> str | None:
    """A bytes value as a table shows it (``<3 bytes: ff0061>``), or None when ``value`` is no bytes value.

    The stores give bytes as ``{"_base64": ...}`` (:func:`~graphbuild.stores.base.bytes_value`) so that JSON and
    CSV keep every byte; the table showed that base64 too, which no one reads as bytes. A map holding only a
    ``_base64`` key that is not canonical base64 stays a map.

    >>> [_bytes_cell(v) for v in ({"_base64": "/wBh"}, {"_base64": ""}, {"_base64": "x"}, {"_base64": 1, "n": 2})]
    ['<3 bytes: ff0061>', '<0 bytes>', None, None]
    >>> _bytes_cell({"_base64": "AAECAwQFBgcICQ=="})
    '<10 bytes: 0001020304050607…>'
    """
    text = value.get("_base64")
    if len(value) != 1 or not isinstance(text, str):
        return None
    try:
        data = binascii.a2b_base64(text, strict_mode=True)
    except (binascii.Error, ValueError):
        return None
    if binascii.b2a_base64(data, newline=False).decode("ascii") != text:
        return None
    if not data:
        return "<0 bytes>"
    more = "…" if len(data) > _BYTES_SHOWN else ""
    return f"<{len(data)} byte{'s' if len(data) != 1 else ''}: {data[:_BYTES_SHOWN].hex()}{more}>"


def _require_uri(args: argparse.Namespace) -> None:
    """Refuse an empty ``--uri`` or ``--user`` (``--uri "$NEO4J_HOST"`` with it unset): they were the default
    URI, or no Neo4j at all (query), and the default user.
    """
    from ..settings import URI_WANTED

    for flag, wanted in (("uri", URI_WANTED), ("user", "a Neo4j user name")):
        value = getattr(args, flag, None)
        if isinstance(value, str) and not value.strip():
            raise UsageError(f"--{flag} is empty: give {wanted}, or leave --{flag} out for the one in the settings")


def _neo4j_store(args: argparse.Namespace, ws) -> Any:
    _require_uri(args)
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None and sys.stdin.isatty():
        password = getpass.getpass("Neo4j password: ")
    uri = args.uri if isinstance(getattr(args, "uri", None), str) else None
    return ws.store("neo4j", uri=uri, user=getattr(args, "user", None), password=password,
                    database=getattr(args, "database", None))
