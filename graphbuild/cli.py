"""The ``graphbuild`` command: a thin shell over the Python API.

Every subcommand parses its flags, calls the API and prints. Errors from the
API (bad input, a refused query, an unreachable server) are printed on one
line to standard error with exit status 1; an interruption exits 130 and
leaves the workspace as it was.
"""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .errors import GraphbuildError, InputError, QueryError
from .settings import DEFAULT_WORKSPACE, Settings, load_settings

__all__ = ["main", "make_parser"]


# ---------------------------------------------------------------- helpers

def _settings(args: argparse.Namespace) -> Settings:
    s = load_settings(getattr(args, "config", None))
    return s.with_overrides(
        workspace=getattr(args, "workspace", None),
        spacy_model=getattr(args, "spacy_model", None),
        gazetteer=getattr(args, "gazetteer", None),
    )


def _workspace(args: argparse.Namespace):
    from .workspace import Workspace

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


# ---------------------------------------------------------------- commands

def cmd_build(args: argparse.Namespace) -> int:
    from .resources import data_path

    ws = _workspace(args)
    inputs = list(args.inputs)
    if args.demo:
        inputs.append(str(data_path("demo")))
    if not inputs and not ws.exists():
        raise InputError("INPUT", None, "nothing to build: name input files or folders, or pass --demo")
    report = ws.build(inputs, format=args.format, skip_bad=args.skip_bad,
                      overview=False if args.no_overview else None,
                      log=lambda m: print(m, file=sys.stderr))
    print(f"workspace: {ws.path}")
    print(report.summary())
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from . import extract

    results = extract(args.inputs, format=args.input_format, skip_bad=args.skip_bad, settings=_settings(args))
    if args.format == "json":
        json.dump([r.to_annotation() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            sys.stdout.write(json.dumps(r.to_annotation(), ensure_ascii=False) + "\n")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    stats = ws.stats()
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    print(f"workspace: {ws.path}")
    for section, values in stats.items():
        print(f"{section}: " + ", ".join(f"{k} {v}" for k, v in values.items()))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "entities":
        from . import extract
        from .evaluate import read_jsonl, score_entities

        preds = [r.to_annotation() for r in extract(args.inputs, settings=_settings(args))]
        scores = score_entities(read_jsonl(args.gold), preds)
        print(json.dumps(scores.to_dict(with_errors=args.errors), indent=2))
        return 0
    from .related import evaluate_related

    ws = _workspace(args)
    try:
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))["queries"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(args.gold, None, f'expected {{"queries": {{paper_id: [ids]}}}} ({exc})') from None
    print(json.dumps(evaluate_related(ws.related_index(), gold, k=args.k), indent=2))
    return 0


def cmd_queries(args: argparse.Namespace) -> int:
    from .library import load_library

    for name, q in sorted(load_library().items()):
        params = ", ".join(f"{k}={v!r}" for k, v in q.params.items())
        print(f"{name}  {q.description}" + (f"  [{params}]" if params and args.verbose else ""))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    params = _params(args.param)
    if args.name:
        from .library import bind_params, get_query

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


def cmd_viz(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    cypher, params = args.query, None
    if args.name:
        from .library import bind_params, get_query

        named = get_query(args.name)
        cypher, params = named.cypher_for("embedded"), bind_params(named, _params(args.param))
    types = [t.strip() for t in args.types.split(",")] if args.types else None
    path = ws.viz(args.output, focus=args.focus, hops=args.hops, cypher=cypher, params=params,
                  types=types, since=args.since, max_nodes=args.max_nodes)
    print(f"wrote {path}")
    return 0


def cmd_related(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .related import related_entities, related_papers

    ws = _workspace(args)
    given = [x for x in (args.target, args.text, args.entity) if x]
    if len(given) != 1:
        raise InputError("related", None, "name exactly one of: a paper id or title, --text, --entity")
    index = ws.related_index()
    if args.entity:
        report = related_entities(index, args.entity, k=args.k)
        if args.json:
            print(json.dumps(asdict(report), ensure_ascii=False, indent=2))
            return 0
        print(f"{report.name} ({report.type}) [{report.entity_id}]")
        print(f"proposed by {len(report.proposed_by)} paper(s):")
        for pid, title in report.proposed_by:
            print(f"  - {title}  [{pid}]")
        print(f"used by {len(report.used_by)} paper(s):")
        for pid, title, role in report.used_by:
            print(f"  - {title}  [{pid}]  ({role.replace('_', ' ')})")
        print(f"related entities (co-occurring in at least {report.min_count} papers):")
        for rel in report.related:
            print(f"  - {rel.name} ({rel.type}): together in {rel.together} of its {rel.count} papers, "
                  f"NPMI {rel.npmi:.2f}")
        return 0
    if args.text:
        results = related_papers(index, text=args.text, k=args.k)
    else:
        from .records import paper_key

        graph = ws.graph()
        key = args.target if args.target in graph else paper_key(args.target)
        results = (related_papers(index, paper_id=key, k=args.k) if key in graph
                   else related_papers(index, title=args.target, k=args.k))
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2))
        return 0
    for i, r in enumerate(results, 1):
        print(f"{i:2d}. {r.title} ({r.year or 'n.d.'})  [{r.paper_id}]  score {r.score:.3f}")
        for reason in r.reasons:
            print(f"      - {reason}")
    return 0


def cmd_citations(args: argparse.Namespace) -> int:
    from . import analytics
    from .records import paper_key

    graph = _workspace(args).graph()
    if args.ancestry:
        key = args.ancestry if args.ancestry in graph else paper_key(args.ancestry)
        if key not in graph:
            raise InputError("--ancestry", None, f"no paper {args.ancestry!r} in the workspace; give its id")
        rows = analytics.ancestry(graph, key, args.depth)
    elif args.co_cited:
        rows = analytics.co_citations(graph, args.top)
    elif args.by == "pagerank":
        rows = analytics.citation_pagerank(graph, args.top)
    else:
        rows = analytics.most_cited(graph, args.top, inferred=args.inferred)
    _print_rows(rows, "json" if args.json else "table")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from .graph import graph_to_tables

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
        from .progress import stage_bar

        with stage_bar("pushing") as progress:
            report = store.sync(graph_to_tables(ws.graph()), progress=progress)
        print(f"pushed to {store.uri}: {report.summary()}")
    finally:
        store.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_graph

    ws = _workspace(args)
    paths = export_graph(ws.graph(), args.format, Path(args.directory))
    for p in paths:
        print(p)
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from .fetch import run_fetch

    defaults = {"arxiv": "arxiv-fetch.atom", "s2": "s2-fetch.s2.jsonl", "openalex": "openalex-fetch.openalex.jsonl"}
    out = Path(args.output or defaults[args.source])
    cache = Path(args.cache) if args.cache else None
    kwargs: dict[str, Any] = {"out": out, "cache_dir": cache}
    if args.source == "arxiv":
        kwargs.update(query=args.query, max_results=args.max)
    elif args.source == "s2":
        kwargs.update(paper_ids=[args.query], references=args.references, citations=args.citations)
    else:
        kwargs.update(query=args.search or args.query, max_results=args.max)
    n = run_fetch(args.source, **kwargs)
    print(f"wrote {n} record(s) to {out}; build with: graphbuild build {out}")
    return 0


# ---------------------------------------------------------------- parser

def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn research papers into a knowledge graph of methods, models, datasets and citations.",
    )
    p.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-w", "--workspace", help=f"workspace folder (default: ./{DEFAULT_WORKSPACE})")
    common.add_argument("--config", help="settings file (default: ./graphbuild.toml if present)")
    nlp = argparse.ArgumentParser(add_help=False)
    nlp.add_argument("--spacy-model", help="start from an installed spaCy pipeline (default: blank English)")
    nlp.add_argument("--gazetteer", help="gazetteer .jsonl file or folder (default: the shipped one)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", parents=[common, nlp], help="build or update a workspace from paper files")
    b.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (Daily Papers text, JSON/JSONL, "
                   "CSV, BibTeX, Semantic Scholar, OpenAlex, arXiv Atom)")
    b.add_argument("--demo", action="store_true", help="add the bundled demo corpus")
    b.add_argument("--format", help="force the input format (daily, json, jsonl, csv, bibtex, s2, openalex, arxiv)")
    b.add_argument("--skip-bad", action="store_true", help="skip malformed records and report them")
    b.add_argument("--no-overview", action="store_true", help="do not write overview.html")
    b.set_defaults(func=cmd_build)

    x = sub.add_parser("extract", parents=[nlp], help="print the entities of each paper (JSON Lines)")
    x.add_argument("inputs", nargs="+", metavar="INPUT")
    x.add_argument("--format", choices=["jsonl", "json"], default="jsonl", help="output format")
    x.add_argument("--input-format", help="force the input format")
    x.add_argument("--skip-bad", action="store_true")
    x.set_defaults(func=cmd_extract)

    s = sub.add_parser("stats", parents=[common], help="counts of nodes and edges in the workspace")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_stats)

    e = sub.add_parser("eval", help="score extraction (entities) or related-work ranking (related)")
    esub = e.add_subparsers(dest="what", required=True, metavar="WHAT")
    ee = esub.add_parser("entities", parents=[nlp], help="precision, recall, F1, type accuracy, proposed-recall")
    ee.add_argument("inputs", nargs="+", metavar="INPUT", help="the listing to extract from")
    ee.add_argument("--gold", required=True, help="gold entities (JSON Lines, ANNOTATION.md format)")
    ee.add_argument("--errors", action="store_true", help="list misses, wrong types and spurious entities")
    ee.set_defaults(func=cmd_eval)
    er = esub.add_parser("related", parents=[common], help="recall@k, precision@10 and MAP over a workspace")
    er.add_argument("--gold", required=True, help='gold citations: {"queries": {paper_id: [cited ids]}}')
    er.add_argument("-k", type=int, default=20, help="cut-off for recall@k (default 20)")
    er.set_defaults(func=cmd_eval)

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

    v = sub.add_parser("viz", parents=[common], help="write an interactive HTML page of (part of) the graph")
    v.add_argument("-o", "--output", default="graph.html", help="output page (default: graph.html)")
    v.add_argument("--focus", help="a paper id/title fragment or an entity name: show its neighbourhood")
    v.add_argument("--hops", type=int, default=1, help="neighbourhood radius (default 1)")
    v.add_argument("--query", help="show the nodes of a Cypher query's result")
    v.add_argument("--name", help="show the nodes of a named query's result")
    v.add_argument("--param", action="append", metavar="NAME=VALUE")
    v.add_argument("--types", help="node kinds to keep, e.g. Paper,Model,Dataset")
    v.add_argument("--since", type=int, help="keep papers from this year on")
    v.add_argument("--max-nodes", type=int, help="cap on nodes (default 500)")
    v.set_defaults(func=cmd_viz)

    r = sub.add_parser("related", parents=[common], help="rank related papers (or entities) and say why")
    r.add_argument("target", nargs="?", help="a paper id or title")
    r.add_argument("--text", help="free text: an abstract or an idea")
    r.add_argument("--entity", help="an entity name: its papers and related entities")
    r.add_argument("-k", type=int, default=10)
    r.add_argument("--json", action="store_true", help="machine-readable, with score parts")
    r.set_defaults(func=cmd_related)

    c = sub.add_parser("citations", parents=[common], help="most cited papers, citation PageRank, "
                       "co-citation pairs, a paper's ancestry")
    c.add_argument("--by", choices=["cited", "pagerank"], default="cited", help="ranking (default: cited)")
    c.add_argument("--inferred", action="store_true", help="(cited) count inferred citations too")
    c.add_argument("--co-cited", action="store_true", help="pairs of papers cited together")
    c.add_argument("--ancestry", metavar="PAPER", help="papers a paper builds on, following citations")
    c.add_argument("--depth", type=int, default=2, help="(ancestry) how many citation steps (default 2)")
    c.add_argument("--top", type=int, default=20)
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_citations)

    pu = sub.add_parser("push", parents=[common], help="push the graph to Neo4j (password from NEO4J_PASSWORD)")
    pu.add_argument("--uri", help="bolt://, neo4j:// or neo4j+s:// URI (default from settings or NEO4J_URI)")
    pu.add_argument("--user", help="Neo4j user (default neo4j)")
    pu.add_argument("--database", help="database name (default: the server's default)")
    pu.add_argument("--wipe", action="store_true", help="delete what graphbuild wrote there instead")
    pu.add_argument("--yes", action="store_true", help="do not ask before --wipe")
    pu.set_defaults(func=cmd_push)

    ex = sub.add_parser("export", parents=[common], help="export the graph for other tools")
    ex.add_argument("--format", required=True, choices=["graphml", "gexf", "json", "neo4j-csv"])
    ex.add_argument("directory", help="output folder")
    ex.set_defaults(func=cmd_export)

    f = sub.add_parser("fetch", help="download paper records (arXiv, Semantic Scholar, OpenAlex) as build input")
    f.add_argument("source", choices=["arxiv", "s2", "openalex"])
    f.add_argument("query", nargs="?", help="arxiv: search query; s2: paper id (e.g. arXiv:2106.09685)")
    f.add_argument("--search", help="openalex: search text")
    f.add_argument("--max", type=int, default=100, help="most records to fetch (default 100)")
    f.add_argument("--references", action="store_true", help="s2: include the paper's references")
    f.add_argument("--citations", action="store_true", help="s2: include papers citing it")
    f.add_argument("-o", "--output", help="output file")
    f.add_argument("--cache", help="folder for a response cache")
    f.set_defaults(func=cmd_fetch)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except GraphbuildError as exc:
        print(f"graphbuild: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("graphbuild: interrupted; the workspace was left as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `graphbuild extract … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
