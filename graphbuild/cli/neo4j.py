"""push: the graph into a Neo4j server."""

from __future__ import annotations

import argparse
import sys

from ..errors import StoreError
from ._common import _neo4j_store, _workspace


def _confirm(question: str, refusal: str, yes: bool) -> bool:
    """True when ``yes``, or when the user at a terminal answers y; no terminal and no ``yes``: refuse."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise StoreError(refusal)
    return input(f"{question} [y/N] ").strip().lower() == "y"


def cmd_push(args: argparse.Namespace) -> int:
    """Run ``graphbuild push``: sync the graph to a Neo4j server."""
    from ..graph import graph_to_tables

    ws = _workspace(args)
    store = _neo4j_store(args, ws)
    try:
        if args.wipe:
            if not _confirm(f"Delete everything graphbuild wrote at {store.shown_uri}?",
                            "--wipe deletes graphbuild's nodes in Neo4j: confirm with --yes", args.yes):
                print("nothing deleted")
                return 1
            print(f"deleted {store.wipe()} nodes")
            return 0
        here = str(ws.path.resolve())
        previous, held = store.pushed_from()
        if held and previous != here:
            other = f"the workspace {previous}" if previous else "another workspace (or an older graphbuild)"
            what = (f"Neo4j at {store.shown_uri} holds {held} nodes pushed from {other}; pushing {ws.path} "
                    "replaces that graph and deletes its nodes")
            if not _confirm(f"{what}. Go on?", f"{what}: confirm with --yes (or push to another --database)",
                            args.yes):
                print("nothing pushed")
                return 1
        from ..progress import stage_bar

        with stage_bar("pushing") as progress:
            report = store.sync(graph_to_tables(ws.graph()), progress=progress)
        store.mark_pushed_from(here, ws.manifest().get("graph_sha256"))
        print(f"pushed to {store.shown_uri}: {report.summary()}")
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
    pu.add_argument("--yes", action="store_true",
                    help="do not ask before --wipe or before replacing a graph pushed from another workspace")
    pu.set_defaults(func=cmd_push)
