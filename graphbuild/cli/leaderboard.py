"""leaderboard: the results papers report on a dataset, best first."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import RelatedLookupError, warning_line
from ._common import _print_rows, _require_positive, _say, _workspace

#: the columns the table shows (``--json`` prints every field of :func:`graphbuild.reported.leaderboard_rows`)
_TABLE = ("rank", "model", "value", "metric", "setting", "paper", "year", "evidence")


def cmd_leaderboard(args: argparse.Namespace) -> int:
    """Run ``graphbuild leaderboard``: print the reported results on a dataset, best first."""
    from ..reported import leaderboard_rows, leaderboard_warnings

    _require_positive(args, "top")
    graph = _workspace(args).graph()
    rows = leaderboard_rows(graph, args.dataset, args.metric)
    if args.top:
        rows = _top(rows, args.top)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    dataset = next((row["dataset"] for row in rows if row.get("dataset")), args.dataset)  # as the graph names it
    for warning in leaderboard_warnings(rows):  # metrics, settings and units as the papers wrote them: escaped
        # coded as the leaderboard's other lines about what the graph holds ([E600], an unknown dataset)
        _say(warning_line(dataset, None, warning, RelatedLookupError), file=sys.stderr)
    if not rows:
        what = ""
        if args.metric:  # a metric that is not there: say which are
            metrics = sorted({row["metric"] for row in leaderboard_rows(graph, args.dataset)})
            what = f" in the metric {args.metric!r}" + (f" (its metrics: {', '.join(metrics)})" if metrics else "")
        _say(f"no results reported on {args.dataset}{what}")
        return 0
    table, rank, last = [], 0, None
    for row in rows:
        rank = rank + 1 if row["metric"] == last else 1
        last = row["metric"]
        value = f"{row['value']:g}" + (f"–{row['upper']:g}" if row.get("upper") is not None else "")
        table.append({"rank": rank, "model": row["model"] or "(unnamed)", "value": value + (row["unit"] or ""),
                      "metric": row["metric"] + (" ↓" if row["lower_is_better"] else ""),
                      "setting": row["setting"] or "", "paper": row["paper"], "year": row["year"],
                      "evidence": row["evidence"]})
    _print_rows(table, "table")
    return 0


def _top(rows: list[dict], n: int) -> list[dict]:
    """The first ``n`` rows of each metric."""
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        seen[row["metric"]] = seen.get(row["metric"], 0) + 1
        if seen[row["metric"]] <= n:
            out.append(row)
    return out


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    p = sub.add_parser("leaderboard", parents=[common],
                       help="results papers report on a dataset, best first, with the sentence behind each")
    p.add_argument("dataset", help="a dataset name, alias or entity id (e.g. MMLU, imagenet-1k)")
    p.add_argument("--metric", help="keep one metric (e.g. accuracy, FID, 'top-1 acc.')")
    p.add_argument("--top", type=int, help="at most this many rows per metric (default: all)")
    p.add_argument("--json", action="store_true",
                   help="a list of objects: model, dataset, metric, value, unit, paper_id, evidence, ...")
    p.set_defaults(func=cmd_leaderboard)
