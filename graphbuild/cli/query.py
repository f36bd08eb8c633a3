"""queries and query: the named Cypher library and ad-hoc Cypher."""

from __future__ import annotations

import argparse

from ..errors import QueryError
from ._common import _coerce_adhoc, _neo4j_store, _params, _print_rows, _workspace


def cmd_queries(args: argparse.Namespace) -> int:
    from ..library import load_library

    for name, q in sorted(load_library().items()):
        params = ", ".join(f"{k}={v!r}" for k, v in q.params.items())
        print(f"{name}  {q.description}" + (f"  [{params}]" if params and args.verbose else ""))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    params = _params(args.param)
    if args.name:
        from ..library import bind_params, get_query

        named = get_query(args.name)
        bound = bind_params(named, params)
        kind = "neo4j" if args.neo4j else "embedded"
        cypher = named.cypher_for(kind)
    elif args.cypher:
        cypher, bound = args.cypher, {k: _coerce_adhoc(v) for k, v in params.items()}
    else:
        raise QueryError("give a Cypher query or --name NAMED_QUERY (see `graphbuild queries`)")
    if args.neo4j:
        store = _neo4j_store(argparse.Namespace(uri=args.neo4j, user=args.user, database=args.database), ws)
        try:
            rows = store.query(cypher, bound, write=args.write)
        finally:
            store.close()
    else:
        rows = ws.query(cypher, bound, write=args.write)
    _print_rows(rows, args.format)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    ql = sub.add_parser("queries", help="list the named queries")
    ql.add_argument("-v", "--verbose", action="store_true", help="show parameters and defaults")
    ql.set_defaults(func=cmd_queries)

    q = sub.add_parser("query", parents=[common], help="run Cypher (ad hoc or named) on the graph")
    q.add_argument("cypher", nargs="?", help="a Cypher query")
    q.add_argument("--name", help="run a named query from the library")
    q.add_argument("--param", action="append", metavar="NAME=VALUE", help="query parameter (repeatable)")
    q.add_argument("--format", choices=["table", "json", "csv"], default="table")
    q.add_argument("--write", action="store_true", help="allow write clauses")
    q.add_argument("--neo4j", nargs="?", const=True, metavar="URI", help="run on Neo4j instead of the embedded store")
    q.add_argument("--user", help="Neo4j user")
    q.add_argument("--database", help="Neo4j database")
    q.set_defaults(func=cmd_query)
