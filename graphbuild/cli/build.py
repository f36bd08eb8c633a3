"""build, extract and stats: make a workspace and look at what it holds."""

from __future__ import annotations

import argparse
import json
import sys

from ._common import _add_wait, _curation_checked, _settings, _workspace


def cmd_build(args: argparse.Namespace) -> int:
    """Run ``graphbuild build``: build or update the workspace from paper files."""
    from ..resources import data_path

    ws = _workspace(args)
    _curation_checked(args, ws)
    inputs = list(args.inputs)
    if args.demo:
        inputs.append(str(data_path("demo")))
    report = ws.build(inputs, format=args.format, skip_bad=args.skip_bad,
                      overview=False if args.no_overview else None,
                      log=lambda m: print(m, file=sys.stderr), wait=args.wait)
    print(f"workspace: {ws.path}")
    print(report.summary())
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Run ``graphbuild extract``: print each paper's entities as JSON Lines."""
    from .. import extract

    results = extract(args.inputs, format=args.input_format, skip_bad=args.skip_bad, settings=_settings(args),
                      log=lambda m: print(m, file=sys.stderr), progress=True)
    if args.format == "json":
        json.dump([r.to_annotation() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for r in results:
            sys.stdout.write(json.dumps(r.to_annotation(), ensure_ascii=False) + "\n")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Run ``graphbuild stats``: print the node and edge counts of the workspace."""
    ws = _workspace(args)
    stats = ws.stats()
    curation = ws.last_curation()
    if args.json:
        print(json.dumps({**stats, **({"curation": curation} if curation else {})}, indent=2))
        return 0
    print(f"workspace: {ws.path}")
    for section, values in stats.items():
        print(f"{section}: " + (", ".join(f"{k} {v}" for k, v in values.items()) or "none"))
    if curation and curation["total"]:
        from ..curation import CurationReport

        print(CurationReport.from_dict(curation).summary())
    return 0


INPUT_HELP = ("files or folders (Daily Papers text, JSON/JSONL, CSV, BibTeX, Semantic Scholar, OpenAlex, arXiv Atom; "
              "each also gzipped, as papers.jsonl.gz)")
FORMAT_HELP = "force the input format (daily, json, jsonl, csv, bibtex, s2, openalex, arxiv)"
SKIP_BAD_HELP = "skip malformed records and report them"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    b = sub.add_parser("build", parents=[common, nlp], help="build or update a workspace from paper files")
    b.add_argument("inputs", nargs="*", metavar="INPUT", help=INPUT_HELP)
    b.add_argument("--demo", action="store_true", help="add the bundled demo corpus")
    b.add_argument("--format", help=FORMAT_HELP)
    b.add_argument("--skip-bad", action="store_true", help=SKIP_BAD_HELP)
    b.add_argument("--no-overview", action="store_true", help="do not write overview.html")
    _add_wait(b)
    b.add_argument("--curation", help="curation file applied after resolution (default: <workspace>/curation.jsonl)")
    b.set_defaults(func=cmd_build)

    x = sub.add_parser("extract", parents=[nlp], help="print the entities of each paper (JSON Lines)")
    x.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    x.add_argument("--format", choices=["jsonl", "json"], default="jsonl", help="output format")
    x.add_argument("--input-format", help=FORMAT_HELP)
    x.add_argument("--skip-bad", action="store_true", help=SKIP_BAD_HELP)
    x.set_defaults(func=cmd_extract)

    s = sub.add_parser("stats", parents=[common], help="counts of nodes and edges in the workspace")
    s.add_argument("--json", action="store_true", help="print the counts as JSON")
    s.set_defaults(func=cmd_stats)
