"""curate: correct the graph (merge, rename, retype, reject, alias, split, drop a paper, ...) and keep the
corrections.

Each command checks the operation against the live graph (with the pending operations of the file applied),
appends it to the curation file (written atomically) and rebuilds from the cached extractions,
so the change shows at once and survives every later build.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace

from ..errors import CurationError, shortened
from ..records import ENTITY_TYPES, ROLES
from ._common import _add_wait, _output_file, _require_positive, _say, _workspace


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
    if a == "drop":
        return CurationOp("drop", paper=args.paper, note=note)
    return CurationOp("mention", args.name, paper=args.paper, role=args.role, type=args.type,
                      evidence=args.evidence, note=note)


def _rebuild(ws) -> None:
    """Rebuild after the curation file changed; a Ctrl-C says that the change is kept, waiting for a build."""
    try:
        report = ws.build([], log=lambda m: print(m, file=sys.stderr))
    except KeyboardInterrupt as exc:  # (the file was written already: "left as it was" read as if it was not)
        said = f"{exc.args[0]}; " if exc.args else ""
        raise KeyboardInterrupt(f"{said}{ws.curation_file} holds the change, which the next `graphbuild build` or "
                                "curate command applies (`graphbuild curate list` shows it pending)") from None
    nodes = report.stats.get("nodes", {})
    print(f"rebuilt {ws.path}: " + ", ".join(f"{k} {v}" for k, v in nodes.items()))
    if report.curation is not None:
        print(report.curation.summary())


def cmd_curate_op(args: argparse.Namespace) -> int:
    """Run one ``graphbuild curate`` operation (merge, rename, ...): append it and rebuild."""
    from ..curation import OPERATIONS, append_operation, parse_operation

    ws = _workspace(args)
    op = _op_from_args(args)
    path = ws.curation_file
    takes = {"op", "note", *(name for names in OPERATIONS[op.op] for name in names)}  # a drop names no entity
    given = {f.name: list(v) if isinstance(v, tuple) else v for f in fields(op)
             if f.name in takes and (v := getattr(op, f.name)) not in (None, ())}  # "" kept: --paper "" is an error
    op = parse_operation(given, f"graphbuild curate {args.curate_op}", 0)  # the same checks as the file's
    ws.manifest()  # a clear error when there is no graph yet
    # no other writer (of this workspace, or of another sharing its curation file) between the check, the write
    # and the rebuild
    with ws.lock("curate", wait=args.wait, curation=True):
        if op.op == "drop":
            op = _paper_to_drop(ws, op, force=args.force)
        again = _is_last_operation(path, op)
        _check(ws, op, force=args.force, again=again)
        if again:
            print(f"{path}: its last operation is already {op.describe()} (a curate stopped before its rebuild?); "
                  "not written again")
        else:
            append_operation(path, op)
            print(f"{path}: + {op.describe()}")
        _rebuild(ws)
    return 0


def _is_last_operation(path, op) -> bool:
    """Whether the curation file's last operation is ``op`` (its note aside): the same command run again after
    one killed between writing the line and rebuilding, which then only rebuilds (a second line would add
    nothing; an equal operation further up may have been overridden since, and is written again).
    """
    from ..curation import curation_file_exists, read_curation

    if not curation_file_exists(path):
        return False
    ops = read_curation(path)
    return bool(ops) and replace(ops[-1], note=None) == replace(op, note=None)


def _paper_to_drop(ws, op, *, force: bool):
    """``op`` (a ``drop``) naming its paper by its id, with its title: the PAPER typed, found among the
    workspace's papers (those dropped already too) by id, DOI, arXiv id or whole title. A miss is the
    lookup's ``[E600]`` line with the closest titles, and a title several papers share (front matter repeats
    "Session details: ...") asks for the id: a fuzzy match or a fragment of a title never drops a paper.
    A cited work outside the corpus (a reference stub, ``expand``'s external candidate) is found too.
    With ``force``, a miss is kept as typed, for a paper still to come.
    """
    from ..curation import paper_aliases
    from ..errors import RelatedLookupError
    from ..lookup import Resolver
    from ..records import normalize_title

    papers = ws.papers()  # the cited works outside the corpus (reference stubs) too: a drop takes one out
    titles = {p.id: p.title for p in papers}
    resolver = Resolver(titles.items(), paper_ids=paper_aliases(papers))
    try:  # cutoff 100: the fuzzy step only takes the title as typed, its case and punctuation aside
        match = resolver.resolve(op.paper, ("paper",), cutoff=100.0, fragments=False)
    except RelatedLookupError as exc:
        if force:
            return op
        _dropped_already(ws, op)  # a dropped stub is made no more: the file names it, not the workspace
        said = exc.detail if exc.detail.endswith(("?", ".")) else exc.detail + "."
        raise RelatedLookupError(f"curate drop: {said} Nothing written; --force keeps it for a paper still to "
                                 "come.") from None
    if match.how != "id":
        same = [pid for pid, title in titles.items() if normalize_title(title) == normalize_title(match.name)]
        if len(same) > 1:
            raise RelatedLookupError(f"curate drop: {op.paper!r} is the title of {len(same)} papers "
                                     f"({', '.join(same[:8])}{', ...' if len(same) > 8 else ''}); "
                                     "give the paper's id; nothing written")
    return replace(op, paper=match.node, title=titles[match.node] or None)


def _dropped_already(ws, op) -> None:
    """Refuse a drop of a paper an earlier drop of the file names as typed (a cited work outside the corpus,
    whose stub that drop took out of the workspace), rather than say that no paper matches it.
    """
    from ..curation import read_curation
    from ..records import paper_key

    typed = {op.paper, paper_key(op.paper or "")}
    earlier = next((o for o in read_curation(ws.curation_file) if o.op == "drop" and
                    {o.paper, paper_key(o.paper or "")} & typed), None)
    if earlier is not None:
        raise CurationError(f"{op.describe()}: {earlier.where} drops paper {earlier.paper} already; nothing written")


def _check(ws, op, *, force: bool, again: bool = False) -> None:
    """Refuse an operation that names nothing in the live graph with the pending operations applied (with close
    names), a merge of two names of one entity, or a drop of a paper the file drops already, unless ``force``.
    ``again``: the file's last operation is ``op`` (written by a curate stopped before its rebuild), not checked
    against itself.
    """
    from ..curation import apply_curation, close_names, match_entity, paper_aliases, resolution_from_graph

    every = ws.papers()
    corpus = [p for p in every if not p.external]
    # a drop may name a cited work outside the corpus (the build takes its stub out); the others name corpus papers
    papers = [p.id for p in (every if op.op == "drop" else corpus)]
    aliases = paper_aliases(corpus)
    current, _ = apply_curation(resolution_from_graph(ws.graph()), _ops_before(ws, again), papers=papers,
                                aliases=aliases)
    if op.op == "merge" and not force:
        by_id = {e.id: e for e in current.entities}
        source, target = match_entity(op.entity, by_id), match_entity(op.into or "", by_id)
        if source is not None and source is target:
            raise CurationError(f"{op.describe()}: both name the entity {source.name!r} ({source.id}) in "
                                f"{ws.path}; nothing written")
    _, check = apply_curation(current, [op], papers=papers, aliases=aliases)
    problems = [found for found in check.problems if found[0] is op]
    if problems and not force:
        _, problem, missing = problems[0]
        close = close_names(missing, current.entities) if missing else []
        hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
        raise CurationError(f"{op.describe()}: {problem} in {ws.path}{hint}; nothing written "
                            "(--force keeps it for papers still to come)")


def _ops_before(ws, again: bool) -> list:
    """The curation file's operations a new one is checked after, on top of the live graph: the pending ones
    (written, not yet applied by a build: "rename A to B" then "merge B into C" needed --force, B being in no
    graph yet), and the drops applied already (the graph holds no dropped paper, but the file names it still).
    ``again``: the file's last operation is the one being checked, left out.
    """
    from ..curation import curation_file_exists, read_curation

    if not curation_file_exists(ws.curation_file):
        return []
    every = read_curation(ws.curation_file)
    applied = _applied_ops(ws, every)
    ops = every[:-1] if again else every
    done = 0 if applied is None else min(applied, len(ops))  # None: edited since the build; all are pending
    return [o for o in ops[:done] if o.op == "drop"] + ops[done:]


def cmd_curate_undo(args: argparse.Namespace) -> int:
    """Run ``graphbuild curate undo``: remove the operations of the last command (all the suggestions one
    ``review --apply`` accepted, a whole thesaurus import) and rebuild.
    """
    from ..curation import drop_last_command

    ws = _workspace(args)
    ws.manifest()  # a clear error when there is no graph yet
    with ws.lock("curate undo", wait=args.wait, curation=True):
        ops = drop_last_command(ws.curation_file)
        if not ops:
            raise CurationError(f"nothing to undo: {ws.curation_file} holds no operation")
        for op in ops:
            print(f"{ws.curation_file}: - {op.describe()}")
        _rebuild(ws)
    return 0


def cmd_curate_list(args: argparse.Namespace) -> int:
    """Run ``graphbuild curate list``: print the operations and which of them match nothing now, or were applied
    with a warning (an id a rebuild changed, applied to the entity its recorded name names): such an operation was
    labelled "matches nothing now" although the build had applied it.
    """
    from ..curation import read_curation

    ws = _workspace(args)
    ops = read_curation(ws.curation_file)
    if not ops:
        print(f"{ws.curation_file}: no operations")
        return 0
    last = ws.last_curation()
    warned = {u["where"]: (u["problem"], u.get("applied", False)) for u in last.get("unmatched", [])}
    applied = _applied_ops(ws, ops)
    print(f"{ws.curation_file}: {len(ops)} operation(s)")
    for number, op in enumerate(ops, 1):
        _say(f"{number:>4}  {op.describe()}" + (f"  # {op.note}" if op.note else ""))
        if applied is None or number > applied:
            _say("        pending: not in the live graph yet")
        elif op.where in warned:
            problem, done = warned[op.where]
            _say(f"        {'applied' if done else 'matches nothing now'}: {problem}")
    if applied != len(ops):
        print(_pending_note(ws, len(ops), applied))
    return 0


def _applied_ops(ws, ops: list) -> int | None:
    """How many of the curation file's first ``ops`` the live graph was built with, the rest pending (all
    of them when the workspace has no graph yet, or its manifest predates the curation digest; none when
    ``graphbuild load`` made it, which applies no curation); None when the file was edited since that build,
    so that every operation is pending.
    """
    from ..curation import applied_prefix

    if _loaded(ws):
        return 0
    built = ws.manifest().get("curation_sha256") if ws.exists() else None
    return len(ops) if built is None else applied_prefix(ops, built)


def _loaded(ws) -> bool:
    """Whether the live graph is a Spark build's, made live by ``graphbuild load``: no curation applied."""
    return ws.exists() and ws.manifest().get("loaded_from") == "parquet" and "curation_sha256" not in ws.manifest()


def _pending_note(ws, total: int, applied: int | None) -> str:
    """What the pending operations are and what the next command does with them."""
    nxt = f"the next `graphbuild build -w {ws.path}` or curate command rebuilds with them"
    if _loaded(ws):
        return ("pending: the live graph was loaded from a Spark build (graphbuild load), which applies no "
                f"curation; {nxt}")
    if applied is None:
        return (f"pending: the curation file changed since the live graph was built (edited, or an undo "
                f"stopped before its rebuild); {nxt}")
    count = total - applied
    again = "; running that curate command again only rebuilds (it is not written twice)" if count == 1 else ""
    return (f"pending: {count} operation(s) written after the live graph was built (a curate stopped before "
            f"its rebuild?); {nxt}{again}")


def cmd_thesaurus(args: argparse.Namespace) -> int:
    """Run ``graphbuild curate thesaurus-import`` / ``thesaurus-export`` (VOSviewer thesaurus files)."""
    from ..curation import checked_note
    from ..thesaurus import export_thesaurus, import_thesaurus, names_in_extractions

    ws = _workspace(args)
    if args.curate_op == "export-thesaurus":
        _output_file(args.file, "the thesaurus file")
        rows = export_thesaurus(ws.curation_file, args.file, names=lambda ids: names_in_extractions(
            (cached.extraction for cached in ws.extractions().values()), ids))
        print(f"wrote {rows} label(s) to {args.file}")
        return 0
    note = checked_note(args.note, "graphbuild curate import-thesaurus --note")  # not the thesaurus file's line 2
    # no other writer between the append and the rebuild
    with ws.lock("curate import-thesaurus", wait=args.wait, curation=True):
        found = import_thesaurus(args.file, ws.curation_file, note=note,
                                 graph=ws.graph() if ws.exists() else None)
        print(f"{ws.curation_file}: + {found.summary()} from {args.file}")
        if ws.exists() and found.ops:
            _rebuild(ws)
    return 0


def _suggestions(ws, curation: list, limit: int | None):
    from ..review import suggest
    from ..workspace import _gazetteer_only

    gaz = _gazetteer_only(ws.settings)
    extractions = [c.extraction for c in ws.extractions().values()]
    return suggest(ws.graph(), extractions, curation=curation, limit=limit,
                   known=lambda name: gaz.lookup(name) is not None)


def _show(number: str, s) -> None:
    _say(f"{number} {s.id}  {s.kind}, {s.papers} paper(s)")
    _say(f"    {s.reason}")
    _say(f"    -> {s.op.describe()}")
    for pid, sentence in s.evidence:
        _say(f"    {pid}: {shortened(sentence, 160)}")


def _decide(s, accept: bool):
    from dataclasses import replace

    from ..curation import CurationOp

    return replace(s.op, suggestion=s.id) if accept else CurationOp("dismiss", suggestion=s.id, note=s.reason[:120])


def _ask(suggestions) -> list:
    """y/n/skip/quit for each suggestion on the terminal; returns the decisions as operations."""
    ops = []
    for i, s in enumerate(suggestions, 1):
        _show(f"[{i}/{len(suggestions)}]", s)
        while True:
            try:
                answer = input("accept? [y]es / [n]o / [s]kip / [q]uit: ").strip().lower()[:1]
            except EOFError:
                answer = "q"
            if answer in ("y", "n", "s", "q"):
                break
        if answer == "q":
            break
        if answer != "s":
            ops.append(_decide(s, answer == "y"))
    return ops


def cmd_review(args: argparse.Namespace) -> int:
    """Run ``graphbuild review``: print suggested merges, retypes and rejects."""
    import json

    from ..curation import append_operation, read_curation
    from ..review import decided_suggestions

    _require_positive(args, "limit")
    ws = _workspace(args)
    done = read_curation(ws.curation_file)
    chosen = {**{i: True for i in args.apply or ()}, **{i: False for i in args.dismiss or ()}}
    suggestions = _suggestions(ws, done, None if chosen else args.limit)
    if chosen:
        by_id = {s.id: s for s in suggestions}
        unknown = [i for i in chosen if i not in by_id]
        if unknown:
            raise CurationError(f"no open suggestion {', '.join(unknown)} in {ws.path} "
                                "(decided already, or the graph changed: run `graphbuild review` again)")
        ops = [_decide(by_id[i], accept) for i, accept in chosen.items()]
    elif args.json or not sys.stdin.isatty():
        if args.json:
            print(json.dumps([s.to_dict() for s in suggestions], ensure_ascii=False, indent=2))
        else:
            for i, s in enumerate(suggestions, 1):
                _show(f"{i:>3}.", s)
            print(f"{len(suggestions)} suggestion(s); accept with `graphbuild review --apply ID... -w {ws.path}`")
        return 0
    else:
        ops = _ask(suggestions)
    if ops:
        with ws.lock("review", wait=args.wait, curation=True):
            # another review may have decided some of them while this one waited for the lock
            late = sorted(decided_suggestions(read_curation(ws.curation_file)) & {op.suggestion for op in ops})
            if late:
                raise CurationError(f"suggestion {', '.join(late)} was decided meanwhile in {ws.curation_file} "
                                    "(by another command); nothing written: run `graphbuild review` again")
            append_operation(ws.curation_file, *ops)
            accepted = sum(op.op != "dismiss" for op in ops)
            print(f"{ws.curation_file}: {accepted} accepted, {len(ops) - accepted} dismissed")
            if accepted:
                _rebuild(ws)
    return 0


def _add(cs, name: str, help: str, parent: argparse.ArgumentParser, *args: tuple[str, str]):
    p = cs.add_parser(name, parents=[parent], help=help)
    for arg, arg_help in args:
        p.add_argument(arg, help=arg_help)
    p.set_defaults(func=cmd_curate_op)
    return p


def _entity_type(text: str) -> str:
    """An entity type typed in any case (``dataset``) as the graph spells it (``Dataset``).

    As ``trends --type`` and the named queries take it; anything else is left for ``choices`` to refuse.
    """
    from ..errors import QueryError
    from ..lookup import choose_types

    try:
        return next(iter(choose_types([text], ENTITY_TYPES, "entity type")), text)
    except QueryError:
        return text


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add the ``curate`` command group."""
    parent = argparse.ArgumentParser(add_help=False, parents=[common])
    parent.add_argument("--curation", help="curation file (default: <workspace>/curation.jsonl)")
    op = argparse.ArgumentParser(add_help=False, parents=[parent])
    op.add_argument("--note", help="why: kept beside the operation in the file")
    op.add_argument("--force", action="store_true", help="keep an operation that names nothing in the graph yet")
    _add_wait(op)
    c = sub.add_parser("curate", help="correct the graph: merge, rename, retype, reject, alias, split, drop a "
                       "paper, undo, list")
    cs = c.add_subparsers(dest="curate_op", required=True, metavar="OPERATION")
    name = ("name", "an entity: its id, name or an alias")
    _add(cs, "merge", "fold SOURCE into TARGET (TARGET keeps its id; SOURCE's names become aliases)", op,
         ("source", "the entity to fold away"), ("target", "the entity that stays"))
    _add(cs, "rename", "give an entity a new display name (the old one stays an alias)", op, name,
         ("new", "the new name"))
    _add(cs, "retype", "change an entity's type", op, name).add_argument("type", type=_entity_type,
                                                                         choices=ENTITY_TYPES)
    _add(cs, "reject", "not an entity (everywhere, or in one paper with --paper)", op,
         name).add_argument("--paper", help="only in this paper")
    _add(cs, "alias", "add an alias", op, name, ("alias", "another name for it"))
    _add(cs, "drop", "take a paper out of the graph for good (off-topic, retracted, an erratum, front matter); "
         "it stays in the workspace, and `curate undo` brings it back", op,
         ("paper", "the paper: its id (a bare arXiv id or DOI will do) or its whole title"))
    sp = _add(cs, "split", "move an entity's mentions in some papers to a new entity", op, name,
              ("new", "the new entity's name"))
    sp.add_argument("--paper", action="append", required=True, help="a paper whose mention moves (repeat)")
    sp.add_argument("--type", type=_entity_type, choices=ENTITY_TYPES,
                    help="the new entity's type (default: the same)")
    pr = _add(cs, "proposed", "mark that a paper proposes an entity (or --clear it)", op, name)
    paper = "the paper's id (a bare arXiv id or DOI will do)"
    pr.add_argument("--paper", required=True, help=paper)
    pr.add_argument("--clear", action="store_true", help="the paper does not propose it")
    me = _add(cs, "mention", "add a mention the extractor missed to one paper", op, name)
    me.add_argument("--paper", required=True, help=paper)
    me.add_argument("--role", choices=ROLES, help="the paper's relation to it (default: uses)")
    me.add_argument("--type", type=_entity_type, choices=ENTITY_TYPES,
                    help="the entity's type, to create it when it is not in the graph")
    me.add_argument("--evidence", help="the sentence that mentions it")
    undo = cs.add_parser("undo", parents=[parent], help="remove the last command's operations and rebuild")
    _add_wait(undo)
    undo.set_defaults(func=cmd_curate_undo)
    cs.add_parser("list", parents=[parent], help="the operations, and which match nothing now").set_defaults(
        func=cmd_curate_list)
    for kind, help in (("import-thesaurus", "add a VOSviewer thesaurus (label / replace by) as merges"),
                       ("export-thesaurus", "write the merges as a VOSviewer thesaurus file")):
        t = cs.add_parser(kind, parents=[parent], help=help)
        t.add_argument("file", help="a tab-separated file with the columns label and replace by")
        if kind == "import-thesaurus":
            t.add_argument("--note", help="a note for every imported merge")
            _add_wait(t)
        t.set_defaults(func=cmd_thesaurus)

    r = sub.add_parser("review", parents=[parent], help="suggested merges, retypes and rejects, most papers first; "
                       "y/n on a terminal, or --apply / --dismiss IDs")
    r.add_argument("--limit", type=int, default=20, help="at most this many suggestions (default 20)")
    r.add_argument("--apply", nargs="+", metavar="ID", help="accept these suggestions without asking")
    r.add_argument("--dismiss", nargs="+", metavar="ID", help="dismiss these suggestions for good")
    r.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    _add_wait(r)
    r.set_defaults(func=cmd_review)
