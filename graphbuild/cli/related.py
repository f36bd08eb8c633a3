"""related and citations: what is related to a paper, text, draft or entity, and citation analytics."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from ..errors import InputError, UsageError, nul_character, unpaired_surrogate
from ._common import _print_json, _print_rows, _require_positive, _say, _workspace


def _say_match(match) -> None:
    """Tell the user on stderr when a fuzzy or partial match stood in for what they typed."""
    if match.approximate:
        _say(f"graphbuild: {match.describe()}", file=sys.stderr)


def _print_entity(report, as_json: bool) -> None:
    if as_json:
        _print_json(asdict(report))
        return
    _say(f"{report.name} ({report.type}) [{report.entity_id}]")
    _say(f"proposed by {len(report.proposed_by)} paper(s):")
    for pid, title in report.proposed_by:
        _say(f"  - {title}  [{pid}]")
    _say(f"used by {len(report.used_by)} paper(s):")
    for pid, title, role in report.used_by:
        _say(f"  - {title}  [{pid}]  ({role.replace('_', ' ')})")
    _say(f"related entities (co-occurring in at least {_papers(report.min_count)}):")
    for rel in report.related:
        _say(f"  - {rel.name} ({rel.type}): together in {rel.together} of its {_papers(rel.count)}, "
             f"NPMI {rel.npmi:.2f}")


def _papers(n: int) -> str:
    return f"{n} paper" if n == 1 else f"{n} papers"


def _print_results(results, as_json: bool) -> None:
    if as_json:
        _print_json([asdict(r) for r in results])
        return
    for i, r in enumerate(results, 1):
        _say(f"{i:2d}. {r.title} ({r.year or 'n.d.'})  [{r.paper_id}]  score {r.score:.3f}")
        for reason in r.reasons:
            _say(f"      - {reason}")


def _print_draft(found, as_json: bool) -> None:
    if as_json:
        _print_json([{**asdict(f.result), "passage": f.passage.number, "passage_line": f.passage.line,
                      "fused": f.fused} for f in found])
        return
    for i, f in enumerate(found, 1):
        r = f.result
        _say(f"{i:2d}. {r.title} ({r.year or 'n.d.'})  [{r.paper_id}]")
        _say(f"      answers passage {f.passage.number} (line {f.passage.line}): '{f.passage.snippet()}'")
        for reason in r.reasons:
            _say(f"      - {reason}")


def _read_draft(path: str) -> str:
    r"""The draft's text as the readers read a file (:func:`~graphbuild.ingest.fields.read_text`): a
    byte-order mark dropped (a Windows editor's ``\ufeff# Heading`` was read as prose), a binary or UTF-16
    file refused with the line and byte it fails at; one holding a NUL (a binary file, all of its bytes UTF-8:
    it was ranked as prose) refused with the line of the first.
    """
    from ..fsutil import path_kind
    from ..ingest import missing_input
    from ..ingest.fields import cannot_read, read_text

    if path_kind(path, lambda exc: cannot_read(path, exc)) is None:  # as an INPUT naming nothing ("-" too)
        raise missing_input(Path(path))
    text = read_text(Path(path))
    nul = nul_character(text, "which no text holds: is it a binary file? give the draft as text")
    if nul:
        raise InputError(path, text.count("\n", 0, text.index("\x00")) + 1, f"the draft {nul}")
    if not text.strip():
        raise InputError(path, None, "the draft is empty")
    return text


def _print_bibtex(graph, paper_ids: list[str]) -> None:
    from ..bibtex_out import graph_bibtex

    print(graph_bibtex(graph, paper_ids), end="")


def cmd_related(args: argparse.Namespace) -> int:
    """``graphbuild related``: papers related to a paper, a text or a draft, or an entity's report."""
    from ..related import related_entities, related_papers, related_to_draft

    _require_positive(args, "k")
    _require_one_format(args)
    ws = _workspace(args)
    if args.external:  # papers not yet in the corpus (cited stubs, expand candidates)
        if any(x is not None for x in (args.text, args.text_file, args.entity)):
            raise InputError("related", None, "--external ranks against the corpus or one paper (id or title); "
                             "it does not take --text, --text-file or --entity")
        from ..expand import external_report
        listing = external_report(ws, args.target, k=args.k, fmt="json" if args.json else args.format)
        if listing.strip() or args.format != "bibtex":
            print(listing)
        else:  # an empty .bib alone would look like a failure, as in citations --format bibtex
            print("graphbuild: no candidates outside the corpus", file=sys.stderr)
        return 0
    _require_one_query(args)
    for flag, text in (("--text", args.text), ("--entity", args.entity), ("PAPER", args.target)):
        problem = unpaired_surrogate(text or "")
        if problem:  # the NLP pass would crash on it (--text); a name holding it matches nothing
            raise UsageError(f"{flag} {problem}")
    draft = _read_draft(args.text_file) if args.text_file else None
    index = ws.related_index(progress=True)
    if args.entity:
        _, match = index.find_entity(args.entity)
        _say_match(match)
        report = related_entities(index, match.node, k=args.k)
        if args.format == "bibtex":  # the text report under a .bib name would be no BibTeX at all
            _print_bibtex(ws.graph(), [row[0] for row in (*report.proposed_by, *report.used_by)])
            _say_if_none([*report.proposed_by, *report.used_by], f"no paper names {report.name}")
        else:
            _print_entity(report, args.json)
        return 0
    if draft is not None:
        from ..progress import stage_bar

        with stage_bar("ranking passages", unit="passage") as progress:
            found = related_to_draft(index, draft, k=args.k, progress=progress)
        if args.format == "bibtex":
            _print_bibtex(ws.graph(), [f.result.paper_id for f in found])
        else:
            _print_draft(found, args.json)
        _say_if_none(found, "the draft shares no words or entities with the graph")
        return 0
    if args.text:
        results = related_papers(index, text=args.text, k=args.k)
    else:
        results = related_papers(index, title=args.target, k=args.k, on_match=_say_match)
    if args.format == "bibtex":
        _print_bibtex(ws.graph(), [r.paper_id for r in results])
    else:
        _print_results(results, args.json)
    _say_if_none(results, "the text shares no words or entities with the graph" if args.text else "")
    return 0


def _require_one_format(args: argparse.Namespace) -> None:
    """Refuse ``--json`` with ``--format bibtex``: one of the two was silently dropped (BibTeX for a paper,
    JSON for ``--external``), and a script reading either got the other.
    """
    if args.json and args.format == "bibtex":
        raise UsageError("--json and --format bibtex ask for two outputs; give one of them")


def _require_one_query(args: argparse.Namespace) -> None:
    """Refuse anything but one non-blank query: ``--text ""`` (an unset shell variable) was told to
    "name exactly one of" what it had named, and ``--text-file ""`` would read the current folder.
    """
    given = [(flag, value) for flag, value in (("PAPER", args.target), ("--text", args.text),
                                               ("--text-file", args.text_file), ("--entity", args.entity))
             if value is not None]
    if len(given) != 1:
        raise InputError("related", None, "name exactly one of: a paper id or title, --text, --text-file, --entity")
    flag, value = given[0]
    if not value.strip():
        raise UsageError(f"{flag} is empty; give {_WHAT[flag]}")


#: what each kind of query names, for the message refusing an empty one
_WHAT = {"PAPER": "a paper id or title", "--text": "the text to rank papers for", "--text-file": "a draft's path",
         "--entity": "an entity's name or id"}


def _say_if_none(results: list, why: str) -> None:
    """Say on stderr that nothing was found (and ``why``), where the standard output would otherwise be empty."""
    if not results:
        print(f"graphbuild: no related papers found{f' ({why})' if why else ''}", file=sys.stderr)


def cmd_citations(args: argparse.Namespace) -> int:
    """``graphbuild citations``: most cited, PageRank, co-cited pairs or a paper's ancestry."""
    from .. import analytics

    _require_positive(args, "top", "depth")
    _require_one_format(args)
    graph = _workspace(args).graph()
    if args.ancestry:
        from ..lookup import Resolver

        match = Resolver.from_graph(graph).resolve(args.ancestry, kinds=("paper",))
        _say_match(match)
        rows = analytics.ancestry(graph, match.node, args.depth)
    elif args.co_cited:
        rows = analytics.co_citations(graph, args.top)
    elif args.by == "pagerank":
        rows = analytics.citation_pagerank(graph, args.top)
    else:
        rows = analytics.most_cited(graph, args.top, inferred=args.inferred)
    if args.format == "bibtex":
        _print_bibtex(graph, [row[k] for row in rows for k in ("id", "a", "b") if k in row])
        if not rows:  # the table says "(no rows)"; an empty .bib alone would look like a failure
            print("graphbuild: no cited papers to list", file=sys.stderr)
        return 0
    _print_rows(rows, "json" if args.json else "table")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    r = sub.add_parser("related", parents=[common], help="rank related papers (or entities) and say why")
    r.add_argument("target", nargs="?", help="a paper id or title (typos forgiven; the match is shown)")
    r.add_argument("--text", help="free text: an abstract or an idea")
    r.add_argument("--text-file", metavar="FILE", help="a draft (Markdown, text or LaTeX): ranked per passage, fused")
    r.add_argument("--entity", help="an entity name: its papers and related entities")
    r.add_argument("-k", type=int, default=10, help="suggestions to show (default 10)")
    r.add_argument("--json", action="store_true", help="machine-readable, with score parts")
    r.add_argument("--format", choices=["text", "bibtex"], default="text",
                   help="bibtex: the papers as BibTeX entries, ready to paste (--entity: those proposing, "
                        "then those using it)")
    r.add_argument("--external", action="store_true",
                   help="candidates not yet in the corpus (cited stubs, papers added by expand), with why")
    r.set_defaults(func=cmd_related)

    c = sub.add_parser("citations", parents=[common], help="most cited papers, citation PageRank, "
                       "co-citation pairs, a paper's ancestry")
    c.add_argument("--by", choices=["cited", "pagerank"], default="cited", help="ranking (default: cited)")
    c.add_argument("--inferred", action="store_true", help="(cited) count inferred citations too")
    what = c.add_mutually_exclusive_group()
    what.add_argument("--co-cited", action="store_true", help="pairs of papers cited together")
    what.add_argument("--ancestry", metavar="PAPER", help="papers a paper builds on (its id or title)")
    c.add_argument("--depth", type=int, default=2, help="(ancestry) how many citation steps (default 2)")
    c.add_argument("--top", type=int, default=20, help="rows to show (default 20)")
    c.add_argument("--json", action="store_true", help="print the rows as JSON")
    c.add_argument("--format", choices=["table", "bibtex"], default="table",
                   help="bibtex: the papers as BibTeX entries, ready to paste")
    c.set_defaults(func=cmd_citations)

