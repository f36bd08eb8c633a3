"""trends, communities, report: what changes over time and what groups of work exist."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path

from ._common import _output_file, _print_rows, _say_written, _workspace


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def cmd_trends(args: argparse.Namespace) -> int:
    """Run ``graphbuild trends``: print rising and falling entities over time."""
    from ..trends import format_ratio, trends_summary

    if args.chart:
        _output_file(args.chart, "--chart")
    ws = _workspace(args)
    types = [t for t in args.type.split(",")] if args.type else None
    summary = trends_summary(ws.graph(), types=types, since=args.since, granularity=args.by,
                             window=args.window, min_papers=args.min_papers, top=args.top)
    if args.chart:
        from ..report import period_span, render_page, trends_sections

        what = f"{', '.join(types)} " if types else ""
        path = render_page(trends_sections(summary), args.chart, title=f"graphbuild trends: {ws.path.name}",
                           subtitle=f"{what}entities, {period_span(summary)}")
        print(f"wrote {path}", file=sys.stderr)
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    periods = summary["periods"]
    if not periods:
        since = f" from {args.since} on" if args.since is not None else ""  # else the corpus looks undated
        print(f"(no dated papers{since} mention an entity)")
        return 0
    shown = periods[-8:]
    print(f"papers per {summary['granularity']} ({'last 8 of ' if len(periods) > 8 else ''}"
          f"{len(periods)}; corpus: {', '.join(f'{p} {t}' for p, t in zip(shown, summary['totals'][-8:]))})")
    _print_rows([{"entity": e["name"], "type": e["type"], "papers": e["papers"],
                  **{p: c for p, c in zip(shown, e["counts"][-8:])},
                  "share (last)": f"{100 * e['share'][-1]:.1f}%"} for e in summary["entities"]], "table")
    for kind in ("rising", "falling"):
        print(f"\n{kind} (share slope over the last {2 * summary['window']} {summary['granularity']}s, "
              f">= {summary['min_papers']} papers)")
        _print_rows([{"entity": r["name"], "type": r["type"], "earlier": r["earlier"], "recent": r["recent"],
                      "slope (pts)": f"{100 * r['slope']:+.2f}", "ratio": format_ratio(r["ratio"])}
                     for r in summary[kind]], "table")
    print("\nbursts (Kleinberg)")
    _print_rows([{"entity": b["name"], "type": b["type"], "start": b["start"], "end": b["end"],
                  "papers": b["papers"], "weight": b["weight"]} for b in summary["bursts"][: args.top]], "table")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Run ``graphbuild report``: write the self-contained report page of the workspace."""
    from ..report import build_report

    _output_file(args.output)
    ws = _workspace(args)
    graph = ws.graph()
    explorer = args.explorer
    if explorer is None and (ws.path / "overview.html").exists():  # link to the workspace's overview page
        explorer = os.path.relpath(ws.path / "overview.html", Path(args.output).resolve().parent)
    path = build_report(graph, args.output, title=f"graphbuild report: {ws.path.name}",
                        explorer=explorer or None)
    _say_written(f"wrote {path}", path)
    return 0


def cmd_communities(args: argparse.Namespace) -> int:
    """Run ``graphbuild communities``: print the Leiden communities of papers and entities."""
    from ..communities import community_rows

    rows = community_rows(_workspace(args).graph())
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    _print_rows([{"id": r["id"], "label": r["name"], "papers": r["papers"],
                  "years": f"{r['first_year']}–{r['last_year']}" if r["first_year"] else "",
                  "top datasets": r["top_datasets"]} for r in rows], "table")
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    """Run ``graphbuild map``: write the term map page of the communities."""
    from ..termmap import community_term_map
    from ..viz import render_html

    _output_file(args.output)
    ws = _workspace(args)
    selection = dataclasses.replace(community_term_map(ws.graph(), max_terms=args.terms, links_per_term=args.links),
                                    hint="--terms N shows more")  # this command has no --focus or --max-nodes
    path = render_html(selection, args.output, title=f"graphbuild term map: {ws.path.name}")
    _say_written(f"wrote {path}", path)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    t = sub.add_parser("trends", parents=[common],
                       help="papers per entity over time, rising and falling entities, bursts")
    t.add_argument("--type", help="entity types to keep, e.g. Dataset or Model,Method (default: all)")
    t.add_argument("--since", type=int, help="only papers from this year on")
    t.add_argument("--by", choices=("auto", "year", "month"), default="auto",
                   help="time unit (default auto: months when the dates allow and span at most 3 years)")
    t.add_argument("--window", type=_positive, default=3, help="periods per half of the trend window (default 3)")
    t.add_argument("--min-papers", type=_positive, default=3,
                   help="papers an entity needs in the window to be ranked or to burst (default 3)")
    t.add_argument("--top", type=_positive, default=20, help="rows per list (default 20)")
    t.add_argument("--json", action="store_true", help="print everything as JSON")
    t.add_argument("--chart", metavar="OUT.html", help="also write a self-contained chart page")
    t.set_defaults(func=cmd_trends)

    c = sub.add_parser("communities", parents=[common], help="the Leiden communities of papers and entities")
    c.add_argument("--json", action="store_true", help="print the communities as JSON")
    c.set_defaults(func=cmd_communities)

    m = sub.add_parser("map", parents=[common],
                       help="write a term map: the most used entities, coloured by community, linked by co-occurrence")
    m.add_argument("-o", "--output", default="map.html", help="output page (default: map.html)")
    m.add_argument("--terms", type=_positive, default=300, help="entities to show (default 300)")
    m.add_argument("--links", type=_positive, default=5, help="co-occurrence links kept per entity (default 5)")
    m.set_defaults(func=cmd_map)

    r = sub.add_parser("report", parents=[common], help="write one self-contained report page of the workspace")
    r.add_argument("-o", "--output", default="report.html", help="output page (default: report.html)")
    r.add_argument("--explorer", help="explorer page that names link to, relative to the report "
                                      "('' for none; default: the workspace's overview.html)")
    r.set_defaults(func=cmd_report)

