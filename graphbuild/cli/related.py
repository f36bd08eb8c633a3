"""related and citations: what is related to a paper, text or entity, and citation analytics."""

from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ._common import _print_rows, _require_positive, _workspace


def cmd_related(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from ..related import related_entities, related_papers

    _require_positive(args, "k")
    ws = _workspace(args)
    if args.external:  # papers not yet in the corpus (cited stubs, expand candidates)
        from ..expand import external_report
        print(external_report(ws, args.target, k=args.k, fmt="json" if args.json else args.format))
        return 0
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
        from ..records import paper_key

        graph = ws.graph()
        key = args.target if args.target in graph else paper_key(args.target)
        results = (related_papers(index, paper_id=key, k=args.k) if key in graph
                   else related_papers(index, title=args.target, k=args.k))
    if args.format == "bibtex":
        from ..bibtex_out import graph_bibtex
        print(graph_bibtex(ws.graph(), [r.paper_id for r in results]), end="")
        return 0
    if args.json:
        print(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2))
        return 0
    for i, r in enumerate(results, 1):
        print(f"{i:2d}. {r.title} ({r.year or 'n.d.'})  [{r.paper_id}]  score {r.score:.3f}")
        for reason in r.reasons:
            print(f"      - {reason}")
    return 0


def cmd_citations(args: argparse.Namespace) -> int:
    from .. import analytics
    from ..records import paper_key

    _require_positive(args, "top", "depth")
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
    if args.format == "bibtex":
        from ..bibtex_out import graph_bibtex
        print(graph_bibtex(graph, [row[k] for row in rows for k in ("id", "a", "b") if k in row]), end="")
        return 0
    _print_rows(rows, "json" if args.json else "table")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    r = sub.add_parser("related", parents=[common], help="rank related papers (or entities) and say why")
    r.add_argument("target", nargs="?", help="a paper id or title")
    r.add_argument("--text", help="free text: an abstract or an idea")
    r.add_argument("--entity", help="an entity name: its papers and related entities")
    r.add_argument("-k", type=int, default=10)
    r.add_argument("--json", action="store_true", help="machine-readable, with score parts")
    r.add_argument("--format", choices=["text", "bibtex"], default="text",
                   help="bibtex: the papers as BibTeX entries, ready to paste")
    r.add_argument("--external", action="store_true",
                   help="candidates not yet in the corpus (cited stubs, papers added by expand), with why")
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
    c.add_argument("--format", choices=["table", "bibtex"], default="table",
                   help="bibtex: the papers as BibTeX entries, ready to paste")
    c.set_defaults(func=cmd_citations)
