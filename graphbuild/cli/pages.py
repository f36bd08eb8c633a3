"""viz: interactive HTML pages of (part of) the graph."""

from __future__ import annotations

import argparse

from ..errors import QueryError
from ._common import _coerce_adhoc, _output_file, _params, _require_positive, _say_written, _workspace
from .query import add_timeout, timeout_arg


def cmd_viz(args: argparse.Namespace) -> int:
    """Run ``graphbuild viz``: write an interactive HTML page of (part of) the graph."""
    _require_positive(args, "max_nodes")
    _output_file(args.output)
    ws = _workspace(args)
    cypher, params = args.query, None
    if args.name:
        from ..library import bind_params, get_query

        if args.query:
            raise QueryError("give either --query or --name, not both")
        named = get_query(args.name)
        cypher, params = named.cypher_for("embedded"), bind_params(named, _params(args.param))
    elif args.query:
        params = _params(args.param, _coerce_adhoc)  # as `graphbuild query` reads them
    elif args.param:
        raise QueryError("--param goes with --query or --name")
    types = [t.strip() for t in (args.types or "").split(",") if t.strip()] or None  # "," is none given, as ""
    path = ws.viz(args.output, focus=args.focus, hops=args.hops, cypher=cypher, params=params,
                  types=types, since=args.since, max_nodes=args.max_nodes, color=args.color,
                  timeout=timeout_arg(args))
    _say_written(f"wrote {path}", path)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    v = sub.add_parser("viz", parents=[common], help="write an interactive HTML page of (part of) the graph")
    v.add_argument("-o", "--output", default="graph.html", help="output page (default: graph.html)")
    v.add_argument("--focus", help="a paper id/title fragment or an entity name: show its neighbourhood")
    v.add_argument("--hops", type=int, default=1, help="neighbourhood radius (default 1)")
    v.add_argument("--query", help="show the nodes of a Cypher query's result")
    v.add_argument("--name", help="show the nodes of a named query's result")
    v.add_argument("--param", action="append", metavar="NAME[:TYPE]=VALUE",
                   help="a parameter of --query or --name (repeatable), as `graphbuild query --param` takes it")
    add_timeout(v)
    v.add_argument("--types", help="node kinds to keep, e.g. Paper,Model,Dataset")
    v.add_argument("--since", type=int, help="keep papers from this year on")
    v.add_argument("--max-nodes", type=int, help="cap on nodes (default 500)")
    v.add_argument("--color", choices=("kind", "community"), default="kind",
                   help="fill nodes by kind (default) or by Leiden community")
    v.set_defaults(func=cmd_viz)
