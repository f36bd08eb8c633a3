"""expand: snowball from seed papers along references and citations (Semantic Scholar, OpenAlex)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ._common import _add_wait, _require_positive, _workspace

#: Seconds a cached answer stays valid when the workspace's own cache is used (a week).
DEFAULT_CACHE_TTL = 7 * 24 * 3600


def cmd_expand(args: argparse.Namespace) -> int:
    """Run ``graphbuild expand``: list papers worth adding to the workspace."""
    from ..expand import candidates_json, expand, format_candidates
    from ..http import HttpClient

    _require_positive(args, "k")  # -k -5 left out the last five, silently
    ws = _workspace(args)
    cache = Path(args.cache) if args.cache else Path(ws.path) / "http-cache"

    from ..progress import say_above

    say = say_above  # progress, and a wait before a retry (a rate limit may ask for minutes), above the bars
    with HttpClient(cache_dir=cache, cache_ttl=None if args.cache else DEFAULT_CACHE_TTL,
                    notice=lambda line: say(f"expand: {line}")) as client:
        report = expand(ws, args.seed, source=args.source, direction=args.direction, hops=args.hops,
                        limit=args.max, client=client, k=args.k, say=say, wait=args.wait)
    if args.json:
        print(json.dumps({"file": str(report.file), "seeds": report.seeds, "fetched": report.fetched,
                          "new": report.new, "candidates": candidates_json(report.candidates)},
                         ensure_ascii=False, indent=2))
        return 0
    print(report.build_summary)
    print(f"expand: {report.fetched} linked paper(s) from {args.source} saved to {report.file}; "
          f"{len(report.new)} new in the workspace")
    print(format_candidates(report.candidates))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    e = sub.add_parser("expand", parents=[common],
                       help="add the papers citing or cited by seed papers (snowballing), ranked with why")
    e.add_argument("--seed", nargs="+", required=True, metavar="PAPER",
                   help="seed papers of the workspace: ids (arXiv:…, DOI) or titles")
    e.add_argument("--hops", type=int, default=1, help="citation steps to follow, 1 to 3 (default 1)")
    e.add_argument("--direction", choices=["references", "citations", "both"], default="both",
                   help="follow what the seeds cite, what cites them, or both (default)")
    e.add_argument("--max", type=int, default=100, help="most papers per paper and direction (default 100)")
    e.add_argument("--source", choices=["s2", "openalex"], default="s2",
                   help="Semantic Scholar (default; S2_API_KEY) or OpenAlex (OPENALEX_EMAIL)")
    e.add_argument("-k", type=int, default=20, help="ranked new papers to show (default 20)")
    e.add_argument("--cache", help="folder for the response cache (default: <workspace>/http-cache, a week)")
    e.add_argument("--json", action="store_true", help="machine-readable, with score parts")
    _add_wait(e)
    e.set_defaults(func=cmd_expand)
