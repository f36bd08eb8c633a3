"""fetch: paper records from arXiv, Semantic Scholar and OpenAlex."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ._common import _say_written


def cmd_fetch(args: argparse.Namespace) -> int:
    """Run ``graphbuild fetch``: download paper records as build input."""
    from ..errors import FetchError
    from ..fetch import run_fetch
    from ..http import HttpClient
    from ..progress import say_above, stage_bar

    defaults = {"arxiv": "arxiv-fetch.atom", "s2": "s2-fetch.s2.jsonl", "openalex": "openalex-fetch.openalex.jsonl"}
    out = Path(args.output or defaults[args.source])
    cache = Path(args.cache) if args.cache else None
    kwargs: dict[str, Any] = {"out": out}
    if args.source == "arxiv":
        kwargs.update(query=args.query, max_results=args.max)
    elif args.source == "s2":
        kwargs.update(paper_ids=[args.query], references=args.references, citations=args.citations)
    else:
        kwargs.update(query=args.search or args.query, max_results=args.max)
    def notice(line: str) -> None:  # a wait before a retry (a rate limit may ask for minutes)
        say_above(f"fetch: {line}")

    try:
        with stage_bar(f"fetch {args.source}", unit="paper") as progress, \
                HttpClient(cache_dir=cache, notice=notice) as client:
            n = run_fetch(args.source, progress=progress, client=client, warn=say_above, **kwargs)
    except FetchError as exc:
        if cache is None and getattr(exc, "lost", None):  # records fetched, then lost: nothing kept the pages
            raise FetchError(f"{exc.detail}; with --cache FOLDER a run keeps the pages it fetched for the next"
                             ) from None
        raise
    _say_written(f"wrote {n} record(s) to {out}; build with: graphbuild build {out}", out)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    f = sub.add_parser("fetch", help="download paper records (arXiv, Semantic Scholar, OpenAlex) as build input")
    f.add_argument("source", choices=["arxiv", "s2", "openalex"])
    f.add_argument("query", nargs="?", help="arxiv: plain words (all required) or the API's syntax "
                   "(ti:..., au:..., AND); s2: paper id (e.g. arXiv:2106.09685)")
    f.add_argument("--search", help="openalex: search text")
    f.add_argument("--max", type=int, default=100, help="most records to fetch (default 100)")
    f.add_argument("--references", action="store_true", help="s2: include the paper's references")
    f.add_argument("--citations", action="store_true", help="s2: include papers citing it")
    f.add_argument("-o", "--output", help="output file")
    f.add_argument("--cache", help="folder for a response cache")
    f.set_defaults(func=cmd_fetch)
