"""eval: score extraction and related-work ranking against gold files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError, warning_line
from ..settings import Settings
from ._common import _require_positive, _say, _settings, _workspace


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, None, "no such gold file") from None
    except IsADirectoryError:
        raise InputError(path, None, "is a folder; give the gold file") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot read the gold file: {exc.strerror}") from None
    except UnicodeDecodeError:
        from ..ingest.fields import utf8_error

        with open(path, "rb") as stream:  # the line and offset of the first bad byte
            raise utf8_error(path, stream) or InputError(path, None, "not UTF-8 text") from None


def _entity_gold(path: str) -> list[tuple[int, dict[str, Any]]]:
    """Gold papers of ANNOTATION.md (one JSON object per line with a title and an entity list), with their
    line numbers.
    """
    from ..evaluate import entity_problem, read_jsonl_numbered

    rows = []
    for lineno, row in read_jsonl_numbered(path, "gold file"):
        if not isinstance(row, dict) or not isinstance(row.get("title"), str):
            raise InputError(path, lineno, 'each gold line needs a "title" string (and an "entities" list)')
        entities = row.get("entities", [])
        if not isinstance(entities, list) or not all(
                isinstance(e, dict) and isinstance(e.get("name"), str) for e in entities):
            raise InputError(path, lineno, '"entities" must be a list of objects with a "name"')
        for entity in entities:
            problem = entity_problem(entity)  # in the words training uses
            if problem:
                raise InputError(path, lineno, problem)
        rows.append((lineno, row))
    return rows


def _say_gold_papers_unmatched(path: str, gold: list[tuple[int, dict[str, Any]]], unmatched: Sequence[int]) -> None:
    """Say which gold papers the scorer paired with no paper of the input by title (``unmatched``: their places
    in ``gold``; :attr:`~graphbuild.evaluate.EntityScores.papers_unmatched`): their entities count as missed,
    which lowered recall without a word; none matched at all is an error, since zeros would read as a score.
    """
    if not unmatched:
        return
    lineno, row = gold[unmatched[0]]
    title = row["title"]
    if len(unmatched) == len(gold):
        raise InputError(path, None, f"none of its {len(gold)} gold paper(s) matches a paper of the input by "
                         f"title (such as line {lineno}: {title!r}); give the listing the gold was made on")
    _say(warning_line(path, lineno, f"{len(unmatched)} of {len(gold)} gold paper(s) match no paper of the input by "
                                    f"title, such as {title!r}; their entities count as missed"), file=sys.stderr)


def _related_gold(path: str) -> dict[str, list[str]]:
    from ..ingest.located import loads_whole

    shape = 'expected {"queries": {paper_id: [cited ids]}}'
    try:
        data = loads_whole(_read_text(path), path, None)  # (two "queries", or a query given twice: refused)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(path, getattr(exc, "lineno", None), f"not valid JSON; {shape}") from None
    queries = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(queries, dict):
        from ..ingest.located import json_kind

        if not isinstance(data, dict):
            found = f", not {json_kind(data)}"
        elif "queries" in data:
            found = f"; 'queries' is {json_kind(queries)}"
        else:
            found = "; the object has no 'queries'"
        raise InputError(path, None, shape + found)
    if not queries:
        raise InputError(path, None, f"'queries' is empty; {shape}")
    for key, cited in queries.items():
        if not isinstance(cited, list) or not all(isinstance(c, str) for c in cited):
            raise InputError(path, None, f"query {key!r}: the cited ids must be a list of strings; {shape}")
    return queries


def cmd_eval(args: argparse.Namespace) -> int:
    """Run ``graphbuild eval entities`` or ``graphbuild eval related`` and print the scores as JSON."""
    if args.what == "entities":
        from .. import extract
        from ..evaluate import score_entities

        if args.cv is not None:
            return _cross_validate(args)
        if not args.inputs or not args.gold:
            raise InputError("graphbuild eval entities", None,
                             "give INPUT files and --gold, or --cv K with --papers (and --annotations)")
        gold = _entity_gold(args.gold)
        preds = [r.to_annotation() for r in extract(args.inputs, settings=_settings(args))]
        scores = score_entities([row for _, row in gold], preds)
        _say_gold_papers_unmatched(args.gold, gold, scores.papers_unmatched)
        print(json.dumps(scores.to_dict(with_errors=args.errors), indent=2))
        return 0
    from ..related import evaluate_related

    _require_positive(args, "k")
    related_gold = _related_gold(args.gold)
    ws = _workspace(args)
    index = ws.related_index(progress=True)
    ranking = evaluate_related(index, related_gold, k=args.k)
    if not ranking["queries"]:  # zeros over no query would read as a (bad) score
        from ..records import paper_key

        held = [q for q in ranking["skipped"] if paper_key(q) in index.paper_pos]  # skipped: nothing cited
        if not held:
            raise InputError(args.gold, None, f"none of its {len(related_gold)} query paper(s) is in the "
                             f"workspace {ws.path} (such as {ranking['skipped'][0]!r}); build it from the papers "
                             "the gold citations were made on")
        missing = len(ranking["skipped"]) - len(held)
        raise InputError(args.gold, None, f"none of its {len(related_gold)} query paper(s) can be scored: "
                         f"{len(held)} cites no other paper (such as {held[0]!r})"
                         + (f", {missing} is not in the workspace {ws.path}" if missing else "")
                         + "; give each query the ids of the papers it cites")
    print(json.dumps(ranking, indent=2))
    return 0


def _cross_validate(args: argparse.Namespace) -> int:
    """K-fold cross-validation of the decision model by paper, on annotation files."""
    from ..nlp.train import SHIPPED_ANNOTATIONS

    check_folds(args.cv)
    if not args.papers:
        raise InputError("graphbuild eval entities", None, "--cv needs --papers: the files holding the "
                         "annotated papers' abstracts")
    print_cross_validation(_settings(args), args.annotations or [str(SHIPPED_ANNOTATIONS)], args.papers, args.cv,
                           with_errors=args.errors)
    return 0


def check_folds(k: int | None) -> None:
    """Refuse a ``--cv K`` below 2 before any paper is read (``--cv 0`` was taken for no ``--cv`` at all: eval
    asked for INPUT files, train trained without a word; 1 and below were refused after reading every paper).
    """
    if k is not None and k < 2:
        raise UsageError(f"--cv must be 2 or more (the parts the annotated papers are split into, each scored "
                         f"by a model trained on the others), got {k}")


def print_cross_validation(settings: Settings, annotations: list[str], papers: list[str], k: int,
                           **train_options: Any) -> None:
    """Print K-fold cross-validated scores (JSON) of the decision model trained on ``annotations``, with the
    papers read and the folds done shown on standard error (:func:`graphbuild.progress.stage_bar`).
    """
    from ..nlp.pipeline import _gazetteer, make_pipeline
    from ..nlp.train import cross_validate, load_examples
    from ..progress import stage_bar
    from ..stages import check_pipeline

    # the shipped gazetteer with the user's, as a build loads it (a missing model: one line)
    nlp = make_pipeline(settings.spacy_model, gazetteer_path=check_pipeline(settings))
    with stage_bar("reading the annotated papers", unit="paper") as bar:
        examples = load_examples(annotations, papers, nlp, warn=lambda line: _say(line, file=sys.stderr),
                                 progress=bar)
        if not 2 <= k <= len(examples):  # (within the block: the error is the one line shown)
            raise InputError(annotations[0], None, f"--cv {k}: K must be between 2 and {len(examples)}, "
                             "the number of annotated papers")
    with stage_bar("cross-validating", unit="fold") as bar:
        done = 0

        def fold(n: int) -> None:
            nonlocal done
            done += n
            bar(f"cross-validating ({len(examples)} papers)", done, k)

        scores = cross_validate(examples, _gazetteer(nlp), k=k, progress=fold, **train_options)
    print(json.dumps(scores, indent=2))


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    e = sub.add_parser("eval", help="score extraction (entities) or related-work ranking (related)")
    esub = e.add_subparsers(dest="what", required=True, metavar="WHAT")
    ee = esub.add_parser("entities", parents=[nlp], help="precision, recall, F1, type accuracy, "
                         "proposed-recall and proposed-precision")
    ee.add_argument("inputs", nargs="*", metavar="INPUT", help="the listing to extract from")
    ee.add_argument("--gold", help="gold entities (JSON Lines, ANNOTATION.md format)")
    ee.add_argument("--cv", type=int, metavar="K",
                    help="instead: K-fold cross-validation of the decision model by paper on --annotations")
    ee.add_argument("--annotations", nargs="+", help="with --cv: annotation files keyed by paper id "
                    "(default: the shipped ones)")
    ee.add_argument("--papers", nargs="+", help="with --cv: the files holding the annotated papers")
    ee.add_argument("--errors", action="store_true", help="list misses, wrong types, spurious entities and "
                    "wrong proposed marks (with --cv: of the pooled out-of-fold predictions)")
    ee.set_defaults(func=cmd_eval)
    er = esub.add_parser("related", parents=[common], help="recall@k, precision@10 and MAP over a workspace")
    er.add_argument("--gold", required=True, help='gold citations: {"queries": {paper_id: [cited ids]}}')
    er.add_argument("-k", type=int, default=20, help="cut-off for recall@k (default 20)")
    er.set_defaults(func=cmd_eval)
