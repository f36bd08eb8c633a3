"""curate: correct the graph (merge, rename, retype, reject, alias, split, ...) and keep the corrections.

Each command checks the operation against the live graph, appends it to the
curation file (written atomically) and rebuilds from the cached extractions,
so the change shows at once and survives every later build.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import CurationError
from ._common import _workspace


def _op_from_args(args: argparse.Namespace):
    from ..curation import CurationOp

    note = args.note or None
    a = args.curate_op
    if a == "merge":
        return CurationOp("merge", args.source, into=args.target, note=note)
    if a == "rename":
        return CurationOp("rename", args.name, name=args.new, note=note)
    if a == "retype":
        return CurationOp("retype", args.name, type=args.type, note=note)
    if a == "reject":
        return CurationOp("reject", args.name, paper=args.paper, note=note)
    if a == "alias":
        return CurationOp("alias", args.name, alias=args.alias, note=note)
    if a == "split":
        return CurationOp("split", args.name, name=args.new, papers=tuple(args.paper), type=args.type, note=note)
    if a == "proposed":
        return CurationOp("proposed", args.name, paper=args.paper, value=not args.clear, note=note)
    return CurationOp("mention", args.name, paper=args.paper, role=args.role, type=args.type,
                      evidence=args.evidence, note=note)


def _rebuild(ws) -> None:
    report = ws.build([], log=lambda m: print(m, file=sys.stderr))
    nodes = report.stats.get("nodes", {})
    print(f"rebuilt {ws.path}: " + ", ".join(f"{k} {v}" for k, v in nodes.items()))
    if report.curation is not None:
        print(report.curation.summary())


def cmd_curate_op(args: argparse.Namespace) -> int:
    from ..curation import append_operation, apply_curation, parse_operation, resolution_from_graph

    ws = _workspace(args)
    op = _op_from_args(args)
    path = ws.curation_file
    op = parse_operation(op.to_dict(), str(path), 0)  # the same checks as the file's
    papers = [p.id for p in ws.papers() if not p.external]
    _, check = apply_curation(resolution_from_graph(ws.graph()), [op], papers=papers)
    if check.warnings and not args.force:
        problem = check.warnings[0].split(": ", 2)[-1]
        raise CurationError(f"{op.describe()}: {problem} in {ws.path}; nothing written "
                            "(--force keeps it for papers still to come)")
    append_operation(path, op)
    print(f"{path}: + {op.describe()}")
    _rebuild(ws)
    return 0


def cmd_curate_undo(args: argparse.Namespace) -> int:
    from ..curation import drop_last_operation

    ws = _workspace(args)
    ws.manifest()  # a clear error when there is no graph yet
    op = drop_last_operation(ws.curation_file)
    if op is None:
        raise CurationError(f"nothing to undo: {ws.curation_file} holds no operation")
    print(f"{ws.curation_file}: - {op.describe()}")
    _rebuild(ws)
    return 0


def cmd_curate_list(args: argparse.Namespace) -> int:
    from ..curation import read_curation

    ws = _workspace(args)
    ops = read_curation(ws.curation_file)
    if not ops:
        print(f"{ws.curation_file}: no operations")
        return 0
    last = (ws.manifest().get("curation") or {}) if ws.exists() else {}
    warned = {w.split(": ", 1)[0]: w.split(": ", 2)[-1] for w in last.get("warnings", [])}
    print(f"{ws.curation_file}: {len(ops)} operation(s)")
    for number, op in enumerate(ops, 1):
        line = f"{number:>4}  {op.describe()}" + (f"  # {op.note}" if op.note else "")
        print(line)
        if op.where in warned:
            print(f"        matches nothing now: {warned[op.where]}")
    return 0


def cmd_thesaurus(args: argparse.Namespace) -> int:
    from ..curation import export_thesaurus, import_thesaurus

    ws = _workspace(args)
    if args.curate_op == "export-thesaurus":
        rows = export_thesaurus(ws.curation_file, args.file)
        print(f"wrote {rows} label(s) to {args.file}")
        return 0
    ops = import_thesaurus(args.file, ws.curation_file, note=args.note or None)
    print(f"{ws.curation_file}: + {ops} merge(s) from {args.file}")
    if ws.exists():
        _rebuild(ws)
    return 0


def _add(cs, name: str, help: str, parent: argparse.ArgumentParser, *args: tuple[str, str]):
    p = cs.add_parser(name, parents=[parent], help=help)
    for arg, arg_help in args:
        p.add_argument(arg, help=arg_help)
    p.set_defaults(func=cmd_curate_op)
    return p


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add the ``curate`` command group."""
    parent = argparse.ArgumentParser(add_help=False, parents=[common])
    parent.add_argument("--curation", help="curation file (default: <workspace>/curation.jsonl)")
    op = argparse.ArgumentParser(add_help=False, parents=[parent])
    op.add_argument("--note", help="why: kept beside the operation in the file")
    op.add_argument("--force", action="store_true", help="keep an operation that names nothing in the graph yet")
    c = sub.add_parser("curate", help="correct the graph: merge, rename, retype, reject, alias, split, undo, list")
    cs = c.add_subparsers(dest="curate_op", required=True, metavar="OPERATION")
    name = ("name", "an entity: its id, name or an alias")
    _add(cs, "merge", "fold SOURCE into TARGET (TARGET keeps its id; SOURCE's names become aliases)", op,
         ("source", "the entity to fold away"), ("target", "the entity that stays"))
    _add(cs, "rename", "give an entity a new display name (the old one stays an alias)", op, name,
         ("new", "the new name"))
    _add(cs, "retype", "change an entity's type", op, name, ("type", "Model, Method, Dataset, Task or Metric"))
    _add(cs, "reject", "not an entity (everywhere, or in one paper with --paper)", op,
         name).add_argument("--paper", help="only in this paper")
    _add(cs, "alias", "add an alias", op, name, ("alias", "another name for it"))
    sp = _add(cs, "split", "move an entity's mentions in some papers to a new entity", op, name,
              ("new", "the new entity's name"))
    sp.add_argument("--paper", action="append", required=True, help="a paper whose mention moves (repeat)")
    sp.add_argument("--type", help="the new entity's type (default: the same)")
    pr = _add(cs, "proposed", "mark that a paper proposes an entity (or --clear it)", op, name)
    pr.add_argument("--paper", required=True)
    pr.add_argument("--clear", action="store_true", help="the paper does not propose it")
    me = _add(cs, "mention", "add a mention the extractor missed to one paper", op, name)
    me.add_argument("--paper", required=True)
    me.add_argument("--role", help="proposes, evaluates_on, compares_with or uses (default)")
    me.add_argument("--type", help="the entity's type, to create it when it is not in the graph")
    me.add_argument("--evidence", help="the sentence that mentions it")
    cs.add_parser("undo", parents=[parent], help="remove the last operation and rebuild").set_defaults(
        func=cmd_curate_undo)
    cs.add_parser("list", parents=[parent], help="the operations, and which match nothing now").set_defaults(
        func=cmd_curate_list)
    for kind, help in (("import-thesaurus", "add a VOSviewer thesaurus (label / replace by) as merges"),
                       ("export-thesaurus", "write the merges as a VOSviewer thesaurus file")):
        t = cs.add_parser(kind, parents=[parent], help=help)
        t.add_argument("file", help="a tab-separated file with the columns label and replace by")
        if kind == "import-thesaurus":
            t.add_argument("--note", help="a note for every imported merge")
        t.set_defaults(func=cmd_thesaurus)
