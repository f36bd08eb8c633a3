"""push: the graph into a Neo4j server."""

from __future__ import annotations

import argparse
import sys

from ..errors import GraphbuildError
from ._common import _neo4j_store, _workspace


def cmd_push(args: argparse.Namespace) -> int:
    from ..graph import graph_to_tables

    ws = _workspace(args)
    store = _neo4j_store(args, ws)
    try:
        if args.wipe:
            if not args.yes:
                if not sys.stdin.isatty():
                    raise GraphbuildError("--wipe deletes graphbuild's nodes in Neo4j: confirm with --yes")
                if input(f"Delete everything graphbuild wrote at {store.uri}? [y/N] ").strip().lower() != "y":
                    print("nothing deleted")
                    return 1
            print(f"deleted {store.wipe()} nodes")
            return 0
        from ..progress import stage_bar

        with stage_bar("pushing") as progress:
            report = store.sync(graph_to_tables(ws.graph()), progress=progress)
        print(f"pushed to {store.uri}: {report.summary()}")
    finally:
        store.close()
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    pu = sub.add_parser("push", parents=[common], help="push the graph to Neo4j (password from NEO4J_PASSWORD)")
    pu.add_argument("--uri", help="bolt://, neo4j:// or neo4j+s:// URI (default from settings or NEO4J_URI)")
    pu.add_argument("--user", help="Neo4j user (default neo4j)")
    pu.add_argument("--database", help="database name (default: the server's default)")
    pu.add_argument("--wipe", action="store_true", help="delete what graphbuild wrote there instead")
    pu.add_argument("--yes", action="store_true", help="do not ask before --wipe")
    pu.set_defaults(func=cmd_push)
