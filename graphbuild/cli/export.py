"""export: the graph in formats other tools read."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ._common import _say_written, _workspace


def cmd_export(args: argparse.Namespace) -> int:
    """Run ``graphbuild export``: write the graph in a format other tools read."""
    from ..export import EXPORT_FORMATS, export_graph, format_of
    from ..fsutil import path_kind

    if not args.directory.strip():  # (`export "$OUT"` with OUT unset): Path("") is the current folder
        raise UsageError("the output path is empty: give a folder, or a file name ending in .graphml, .gexf or "
                         ".json")
    fmt = args.format or format_of(Path(args.directory))
    if fmt is None and path_kind(Path(args.directory)) == "dir":  # out.graphml a folder: it ends in .graphml
        raise UsageError(f"{args.directory} is an existing folder, which names no format: name the format with "
                         f"--format ({', '.join(EXPORT_FORMATS)}) to write into it, or give the path of a file "
                         "ending in .graphml, .gexf or .json")
    if fmt is None:
        raise UsageError(f"name the format with --format ({', '.join(EXPORT_FORMATS)}), or give a file name "
                         "ending in .graphml, .gexf or .json")
    ws = _workspace(args)
    paths = export_graph(ws.graph(), fmt, Path(args.directory))
    for p in paths:
        _say_written(str(p), p)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    ex = sub.add_parser("export", parents=[common], help="export the graph for other tools")
    ex.add_argument("--format", choices=["graphml", "gexf", "json", "neo4j-csv"],
                    help="the format (default: the one a file name's suffix names, graph.graphml)")
    ex.add_argument("directory", help="output folder; for graphml, gexf and json also a file name "
                    "ending in that format's suffix (.graphml, .gexf or .json); a name ending in another "
                    "format's suffix is refused. neo4j-csv replaces the folder whole, so one holding files "
                    "other than an earlier neo4j-csv export's is refused")
    ex.set_defaults(func=cmd_export)
