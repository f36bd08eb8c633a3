"""One settings object, passed in explicitly: defaults < TOML file < environment < CLI flags.

The TOML file is ``graphbuild.toml`` in the current folder (or the file named
by ``GRAPHBUILD_CONFIG``), with keys named like the fields below, e.g.::

    spacy_model = "en_core_web_sm"
    max_nodes = 800
    [neo4j]
    uri = "bolt://127.0.0.1:7687"
    user = "neo4j"
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, get_args, get_type_hints

from .errors import InputError, UsageError, editor_lines, nul_character, shortened
from .fsutil import path_kind

__all__ = ["Settings", "load_settings", "setting_source", "DEFAULT_WORKSPACE"]

DEFAULT_WORKSPACE = "graphbuild-workspace"

#: where tomllib's message places a syntax error: " (at line 2, column 7)", at its end
_TOML_AT = re.compile(r" \(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class Settings:
    """Workspace settings: where the workspace is, the NLP pipeline and gazetteer, the stores."""

    workspace: str = DEFAULT_WORKSPACE
    spacy_model: str | None = None  # an installed spaCy pipeline to start from; None: blank English
    gazetteer: str = ""  # a user gazetteer file or folder, added to the shipped one (user_gazetteer.py)
    curation: str = ""  # the curation file; empty: <workspace>/curation.jsonl
    batch_size: int = 256
    n_process: int = 1
    max_nodes: int = 500  # cap for viz pages
    overview: bool = True  # write overview.html on build
    query_timeout: int = 60  # seconds a query (`graphbuild query`, viz --query) may run; 0: no limit
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_database: str | None = None

    def __post_init__(self) -> None:
        """Refuse a value of the wrong type or out of its range (``Settings(n_process=100000)``); a
        :class:`pathlib.Path` for a path setting becomes its text.
        """
        for f in fields(self):
            if f.name in _PATHS and isinstance(getattr(self, f.name), os.PathLike):
                object.__setattr__(self, f.name, os.fspath(getattr(self, f.name)))
            problem = _problem(f.name, getattr(self, f.name))
            if problem:
                raise UsageError(f"Settings({f.name}=...) {problem}")

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given values replaced; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_ENV = {
    "workspace": "GRAPHBUILD_WORKSPACE",
    "spacy_model": "GRAPHBUILD_SPACY_MODEL",
    "gazetteer": "GRAPHBUILD_GAZETTEER",
    "curation": "GRAPHBUILD_CURATION",
    "query_timeout": "GRAPHBUILD_QUERY_TIMEOUT",
    "neo4j_uri": "NEO4J_URI",
    "neo4j_user": "NEO4J_USER",
    "neo4j_database": "NEO4J_DATABASE",
}


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
#: Whole-number settings and their range: more worker processes than this, or batches or pages this large,
#: are a typing slip (``n_process = 100000`` would start that many copies of the pipeline).
RANGES = {"batch_size": (1, 100_000), "n_process": (1, 128), "max_nodes": (1, 100_000),
          "query_timeout": (0, 10_000_000)}
_WANTED = {int: "a whole number", bool: "true or false", str: "a string"}
#: what an empty ``neo4j_uri`` (``--uri ""``) is told to give instead: it was the default URI, or no URI at all
URI_WANTED = "a bolt://, neo4j:// or neo4j+s:// URI"
#: Settings that name a file or folder (a path object is taken for them).
_PATHS = ("workspace", "spacy_model", "gazetteer", "curation")


def _kind(name: str) -> tuple[type, bool]:
    """The type of field ``name`` without ``None``, and whether it may be ``None``."""
    kind = get_type_hints(Settings)[name]
    base = next((k for k in get_args(kind) if k is not type(None)), kind)
    return base, type(None) in get_args(kind)


def _problem(name: str, value: Any) -> str:
    """What is wrong with ``value`` for field ``name`` (``"must be ..., not ..."``), or ``""``."""
    base, optional = _kind(name)
    if value is None and optional:
        return ""
    if type(value) is not base:  # bool is an int, and an int is not a bool: both are exact types here
        return f"must be {_WANTED[base]}, not {shortened(repr(value), 40)}"
    if isinstance(value, int) and name in RANGES:  # the exact type was checked: not a bool
        low, high = RANGES[name]
        if not low <= value <= high:
            size = str(value) if abs(value) < 10**12 else "a number of over 12 digits"  # str() stops at 4,300
            return f"must be {low} or more, not {size}" if value < low else f"must be at most {high:,}, not {size}"
    if name in ("neo4j_uri", "neo4j_user") and not value.strip():  # (it was the default, or no user at all)
        return f"must be {URI_WANTED if name == 'neo4j_uri' else 'a Neo4j user name'}, not empty"
    return nul_character(value) if isinstance(value, str) else ""


def _parse(name: str, value: Any, where: str, line: int | None = None, *, from_text: bool) -> Any:
    """``value`` as the type of field ``name``; TOML values must have that type, environment text is parsed."""
    base, optional = _kind(name)
    if from_text:
        text = str(value).strip()
        if optional and not text:
            return None
        if base is bool and text.lower() in _TRUE + _FALSE:
            return text.lower() in _TRUE
        if base is int and re.fullmatch(r"[+-]?\d{1,30}", text):
            value = int(text)
        elif base is str:
            value = text
    if optional and value == "":
        return None
    problem = _problem(name, value)
    if not problem and name == "workspace" and not value.strip():  # (Path("") is the current folder)
        problem = f"must be a folder path, not empty; leave it out for ./{DEFAULT_WORKSPACE}"
    if problem:
        raise InputError(where, line, f"setting {name!r} {problem}")
    return value


def _line_of(text: str, key: str) -> int | None:
    """The line of ``text`` that sets ``key`` (``key = ...``, the key bare or quoted), or opens it as a table
    (``[key]``, ``[[key]]``, ``[neo4j.key]`` for ``neo4j_key``), if one plainly does.
    """
    name = re.escape(key)
    table = rf"neo4j\s*\.\s*{re.escape(key[6:])}" if key.startswith("neo4j_") else name
    pattern = re.compile(rf"""^\s*(?:(["']?){name}\1\s*=|\[\[?\s*(["']?){table}\2\s*\])""")
    return next((n for n, line in enumerate(editor_lines(text), 1) if pattern.match(line)), None)


def _beside(config: Path, name: str, value: Any) -> Any:
    """A relative path that the settings file ``config`` gives for ``name``, read from the file's folder (as
    ``spacy_model = "../my-model"`` in ``proj/graphbuild.toml`` means ``proj/../my-model`` wherever the command
    runs); other settings, absolute paths and a ``spacy_model`` naming an installed package are as written.
    """
    if name not in _PATHS or not isinstance(value, str) or not value or os.path.isabs(value) \
            or config.parent == Path("."):
        return value
    beside = config.parent / value
    if name == "spacy_model" and "/" not in value and os.sep not in value and not beside.exists():
        return value  # a package name (en_core_web_sm), not a folder
    return str(beside)


def setting_source(name: str, path: str | os.PathLike | None = None,
                   env: Mapping[str, str] | None = None) -> tuple[str, int | None] | None:
    """Where :func:`load_settings` (``path``, ``env``) took setting ``name`` from, as an error names it:
    ``(variable, None)`` from the environment, ``(settings file, line)`` from the file, ``None`` by default.
    """
    env = os.environ if env is None else env
    if name in _ENV and env.get(_ENV[name]):
        return _ENV[name], None
    config = Path(path or env.get("GRAPHBUILD_CONFIG") or "graphbuild.toml")
    try:
        return str(config), _line_of(config.read_text(encoding="utf-8"), name)
    except (OSError, ValueError):
        return None


def load_settings(path: str | os.PathLike | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (if any), then environment variables."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    config = Path(path or env.get("GRAPHBUILD_CONFIG") or "graphbuild.toml")
    found = path_kind(config, lambda exc: InputError(  # a name too long for the system
        config, None, f"cannot read the settings file: {exc.strerror or exc}"))
    if found is not None:
        try:
            text = config.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except UnicodeDecodeError:
            from .ingest.fields import utf8_error

            with open(config, "rb") as stream:
                bad = utf8_error(config, stream)
            line, reason = (bad.line, bad.message) if bad else (None, "not UTF-8 text")
            raise InputError(config, line, f"not valid TOML: {reason}") from None
        except ValueError as exc:  # TOMLDecodeError, or a whole number of more than 4,300 digits
            reason = str(exc).split("; use sys.set_int_max_str_digits")[0]
            line = getattr(exc, "lineno", None)  # Python 3.14 on; before, the line is in the message only
            at = _TOML_AT.search(reason)
            if at:
                line, reason = line or int(at.group(1)), f"{reason[:at.start()]} (column {at.group(2)})"
            raise InputError(config, line, f"not valid TOML: {reason}") from None
        except OSError as exc:  # a folder, or not readable
            raise InputError(config, None, f"cannot read the settings file: {exc.strerror or exc}") from None
        neo = data.pop("neo4j", {})
        if not isinstance(neo, dict):
            raise InputError(config, _line_of(text, "neo4j"), f"'neo4j' must be a table, e.g. [neo4j] with "
                                                             f"uri = \"bolt://...\", not {neo!r}")
        for key, value in neo.items():
            data[f"neo4j_{key}"] = value
        known = {f.name for f in fields(Settings)}
        for key, value in data.items():
            line = _line_of(text, key) or _line_of(text, key.removeprefix("neo4j_"))
            if key not in known:
                raise InputError(config, line, f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
            values[key] = _beside(config, key, _parse(key, value, str(config), line, from_text=False))
    elif path:
        raise InputError(config, None, "settings file not found")
    elif env.get("GRAPHBUILD_CONFIG"):  # named as surely as --config names one: not silently the defaults
        raise InputError(config, None, "settings file not found (GRAPHBUILD_CONFIG names it); fix or unset "
                                       "the variable")
    for name, var in _ENV.items():
        if env.get(var):
            values[name] = _parse(name, env[var], var, from_text=True)
    return Settings(**values)
