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

from .errors import InputError

__all__ = ["Settings", "load_settings", "DEFAULT_WORKSPACE"]

DEFAULT_WORKSPACE = "graphbuild-workspace"


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
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_database: str | None = None

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given values replaced; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


_ENV = {
    "workspace": "GRAPHBUILD_WORKSPACE",
    "spacy_model": "GRAPHBUILD_SPACY_MODEL",
    "gazetteer": "GRAPHBUILD_GAZETTEER",
    "curation": "GRAPHBUILD_CURATION",
    "neo4j_uri": "NEO4J_URI",
    "neo4j_user": "NEO4J_USER",
    "neo4j_database": "NEO4J_DATABASE",
}


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
#: Settings that must be 1 or more.
_POSITIVE = ("batch_size", "n_process", "max_nodes")


def _parse(name: str, value: Any, where: str, *, from_text: bool) -> Any:
    """``value`` as the type of field ``name``; TOML values must have that type, environment text is parsed."""
    kind = get_type_hints(Settings)[name]
    optional = type(None) in get_args(kind)
    base = next((k for k in get_args(kind) if k is not type(None)), kind)
    wanted = {int: "a whole number", bool: "true or false", str: "a string"}[base]
    if from_text:
        text = str(value).strip()
        if optional and not text:
            return None
        if base is bool and text.lower() in _TRUE + _FALSE:
            return text.lower() in _TRUE
        if base is int and re.fullmatch(r"[+-]?\d+", text):
            value = int(text)
        elif base is str:
            value = text
    if base is int and isinstance(value, int) and not isinstance(value, bool):
        if name in _POSITIVE and value < 1:
            raise InputError(where, None, f"setting {name!r} must be 1 or more, not {value}")
        return value
    if (base is bool and isinstance(value, bool)) or (base is str and isinstance(value, str)):
        return None if optional and value == "" else value
    raise InputError(where, None, f"setting {name!r} must be {wanted}, not {value!r}")


def load_settings(path: str | os.PathLike | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (if any), then environment variables."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    config = Path(path or env.get("GRAPHBUILD_CONFIG") or "graphbuild.toml")
    if config.exists():
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(config, getattr(exc, "lineno", None), f"not valid TOML: {exc}") from None
        except UnicodeDecodeError as exc:
            raise InputError(config, None, f"not valid TOML: not UTF-8 text ({exc.reason} at byte {exc.start})"
                             ) from None
        except OSError as exc:  # a folder, or not readable
            raise InputError(config, None, f"cannot read the settings file: {exc.strerror or exc}") from None
        neo = data.pop("neo4j", {})
        if not isinstance(neo, dict):
            raise InputError(config, None, f"'neo4j' must be a table, e.g. [neo4j] with uri = \"bolt://...\", "
                                           f"not {neo!r}")
        for key, value in neo.items():
            data[f"neo4j_{key}"] = value
        known = {f.name for f in fields(Settings)}
        for key, value in data.items():
            if key not in known:
                raise InputError(config, None, f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
            values[key] = _parse(key, value, str(config), from_text=False)
    elif path:
        raise InputError(config, None, "settings file not found")
    for name, var in _ENV.items():
        if env.get(var):
            values[name] = _parse(name, env[var], var, from_text=True)
    return Settings(**values)
