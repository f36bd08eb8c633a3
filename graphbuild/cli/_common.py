"""What the subcommands share: settings from flags, the workspace, parameters and table output."""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import os
import sys
from typing import Any, Sequence

from ..errors import QueryError
from ..settings import Settings, load_settings


def _settings(args: argparse.Namespace) -> Settings:
    s = load_settings(getattr(args, "config", None))
    return s.with_overrides(
        workspace=getattr(args, "workspace", None),
        spacy_model=getattr(args, "spacy_model", None),
        gazetteer=getattr(args, "gazetteer", None),
        curation=getattr(args, "curation", None),
    )


def _workspace(args: argparse.Namespace):
    from ..workspace import Workspace

    settings = _settings(args)
    return Workspace(settings.workspace, settings)


def _params(pairs: Sequence[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or ():
        if "=" not in pair:
            raise QueryError(f"--param takes NAME=VALUE, got {pair!r}")
        name, value = pair.split("=", 1)
        out[name.strip()] = value
    return out


def _coerce_adhoc(value: str) -> Any:
    """Ad-hoc query parameters: integers and floats as numbers, the rest as strings."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    columns = list(rows[0].keys()) if rows else []
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in columns])
        return
    if not rows:
        print("(no rows)")
        return
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(r, widths)))
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value.get("id") or json.dumps(value, default=str))
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return "" if value is None else str(value)


def _neo4j_store(args: argparse.Namespace, ws) -> Any:
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None and sys.stdin.isatty():
        password = getpass.getpass("Neo4j password: ")
    uri = args.uri if isinstance(getattr(args, "uri", None), str) else None
    return ws.store("neo4j", uri=uri, user=getattr(args, "user", None), password=password,
                    database=getattr(args, "database", None))
