"""queries and query: the named Cypher library and ad-hoc Cypher."""

from __future__ import annotations

import argparse
import re
import sys

from ..errors import QueryError, StoreError, warning_line
from ._common import _add_wait, _coerce_adhoc, _neo4j_store, _params, _print_rows, _require_uri, _say, _workspace

_URI = re.compile(r"^(bolt|neo4j)(\+s|\+ssc)?://", re.I)


def cmd_queries(args: argparse.Namespace) -> int:
    """Run ``graphbuild queries``: list the named queries."""
    from ..library import load_library

    for name, q in sorted(load_library().items()):
        params = ", ".join(f"{k}={v!r}" for k, v in q.params.items())
        print(f"{name}  {q.description}" + (f"  [{params}]" if params and args.verbose else ""))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """Run ``graphbuild query``: run ad hoc or named Cypher on the graph and print the rows as they come (the time
    limit covers printing them too).
    """
    if args.cypher and _URI.match(args.cypher.strip()):
        raise QueryError("the query looks like a Neo4j URI; write `query --neo4j --uri URI 'MATCH ...'` "
                         "(--neo4j no longer takes the URI)")
    _require_uri(args)
    on_neo4j = bool(args.neo4j or args.uri)
    if args.name:
        from ..library import bind_params, get_query

        named = get_query(args.name)
        cypher = named.cypher_for("neo4j" if on_neo4j else "embedded")
        bound = bind_params(named, _params(args.param))
        if args.cypher:
            raise QueryError("give either a Cypher query or --name, not both")
    elif args.cypher:
        cypher, bound = args.cypher, _params(args.param, _coerce_adhoc)
    else:
        raise QueryError("give a Cypher query or --name NAMED_QUERY (see `graphbuild queries`)")
    ws = _workspace(args)
    if on_neo4j:
        store = _neo4j_store(args, ws)
        try:
            warning = _other_graph(store, ws)
            if warning:
                _say(warning, file=sys.stderr)
            with store.rows(cypher, bound, write=args.write, timeout=timeout_arg(args)) as rows:
                _print_rows(rows, args.format)
        finally:
            store.close()
    else:
        with ws.query_rows(cypher, bound, write=args.write, wait=args.wait, timeout=timeout_arg(args)) as rows:
            _print_rows(rows, args.format)
    return 0


def timeout_arg(args: argparse.Namespace) -> float | None:
    """The ``--timeout`` given (seconds, 0: no limit), or None for the ``query_timeout`` setting."""
    from ..stores.base import timeout_seconds

    return timeout_seconds(args.timeout, "--timeout")


def add_timeout(parser: argparse.ArgumentParser) -> None:
    """The ``--timeout`` flag of a command that runs a Cypher query."""
    parser.add_argument("--timeout", type=float, metavar="SECONDS",
                        help="stop the query after this many seconds (0: no limit; default: the query_timeout "
                             "setting, 60)")


def _other_graph(store, ws) -> str | None:
    """The warning for Neo4j answering from another graph than the workspace's (None when it is that graph, or
    when there is no workspace to compare with): one pushed from another workspace, or from this one before its
    latest build or curation. ``query -w ws --neo4j`` would otherwise answer silently from it.
    """
    if not ws.exists():
        return None
    pushed, digest = store.pushed_graph()
    push = f"`graphbuild push -w {ws.path}`"
    if pushed is None:
        problem = f"Neo4j at {store.shown_uri} holds no graph pushed from {ws.path}; {push} first"
    elif pushed != str(ws.path.resolve()):
        problem = (f"Neo4j at {store.shown_uri} holds the graph pushed from the workspace {pushed}, not {ws.path}; "
                   f"these answers are that graph's ({push} replaces it)")
    elif digest is not None and digest != ws.manifest().get("graph_sha256"):
        problem = (f"{ws.path} has been built or curated since it was pushed to {store.shown_uri}; these answers "
                   f"are the pushed graph's ({push} updates it)")
    else:
        return None
    return warning_line(None, None, problem, StoreError)  # coded, as every warning is: ``warning: [E300] ...``


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    ql = sub.add_parser("queries", help="list the named queries")
    ql.add_argument("-v", "--verbose", action="store_true", help="show parameters and defaults")
    ql.set_defaults(func=cmd_queries)

    q = sub.add_parser("query", parents=[common], help="run Cypher (ad hoc or named) on the graph")
    q.add_argument("cypher", nargs="?", help="a Cypher query")
    q.add_argument("--name", help="run a named query from the library")
    q.add_argument("--param", action="append", metavar="NAME[:TYPE]=VALUE",
                   help="query parameter (repeatable; $`a b` is given by --param 'a b=1', $`a:b` by "
                        "--param '`a:b`=1'); TYPE is str, int, "
                        "float, bool, list (a,b,c gives "
                        "strings, JSON [2017, 2018] keeps its types) or list[TYPE] (each element read as TYPE: "
                        "y:list[int]=2017,2018); an untyped value is a number when written as JSON writes one "
                        "(2021, -0.5, 1e3; not 1_000 or 007), else text")
    q.add_argument("--format", choices=["table", "json", "csv"], default="table",
                   help="table (default; a node shown by its name, a list's items joined by commas, a list "
                        "inside one in brackets), json, or csv (lists, nodes and "
                        "relationships as JSON cells; text starting with = + - @ gets a leading ' so that a "
                        "spreadsheet shows it instead of running it as a formula)")
    q.add_argument("--write", action="store_true", help="allow write clauses")
    add_timeout(q)
    _add_wait(q)
    q.add_argument("--neo4j", action="store_true",
                   help="run on Neo4j instead of the embedded store (a warning when the graph there is not the "
                        "workspace's latest push)")
    q.add_argument("--uri", help="Neo4j URI (implies --neo4j; default from settings or NEO4J_URI)")
    q.add_argument("--user", help="Neo4j user")
    q.add_argument("--database", help="Neo4j database")
    q.set_defaults(func=cmd_query)
