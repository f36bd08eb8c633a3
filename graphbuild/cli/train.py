"""train: retrain the entity decision model from annotated abstracts."""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

from ..errors import CurationError, UsageError
from ..settings import Settings
from ._common import _name_fits, _say, _settings

#: graphbuild.nlp.train.DEFAULT_C, written out so that building the parser does not import spaCy
#: (tests/test_cli.py checks that the two agree)
DEFAULT_C = 0.3


def cmd_train(args: argparse.Namespace) -> int:
    """Train on annotation files (optionally cross-validate first) and write a pipeline directory."""
    from ..nlp.train import SHIPPED_ANNOTATIONS, check_out_dir, train_pipeline
    from ..stages import check_pipeline
    from .evaluation import check_folds, print_cross_validation

    settings = _settings(args)
    check_folds(args.cv)
    if not 0 < args.C < float("inf"):  # infinite: no regularisation at all
        raise UsageError(f"-C must be a finite number above 0, got {args.C:g}")
    _name_fits(args.out, "--out")
    check_out_dir(args.out)
    gazetteer = check_pipeline(settings)  # a missing model or a bad gazetteer: one line, before any work
    annotations = list(args.annotations or ([] if args.no_shipped else [str(SHIPPED_ANNOTATIONS)]))
    papers = list(args.papers or [])
    if args.no_shipped and args.annotations:
        raise UsageError("--no-shipped leaves out the shipped annotations; it does not go with annotation files")
    if args.curation is None:
        if args.no_shipped:
            raise UsageError("--no-shipped needs --curation FILE (there would be nothing to train on)")
        if not papers:
            raise UsageError("--papers is needed: the files holding the annotated papers' titles and abstracts")
    elif annotations and not papers:
        raise UsageError("--papers is needed for the annotations trained on besides the curation "
                         "(or pass --no-shipped to train on the curation alone)")
    with tempfile.TemporaryDirectory(prefix="graphbuild-train-") as tmp:
        if args.curation is not None:
            labels, ws_papers = _curation_inputs(args, settings, Path(tmp))
            annotations, papers = [str(labels), *annotations], [str(ws_papers), *papers]
        if args.cv is not None:
            print_cross_validation(settings, annotations, papers, args.cv, C=args.C)
        model = train_pipeline(annotations, papers, args.out, spacy_model=settings.spacy_model,
                               gazetteer=gazetteer, C=args.C, log=print, progress=True,
                               warn=_warn if args.cv is None else None)  # (cross-validation read the same files)
    print(f"{model.meta['papers']} papers, {model.meta['candidates']} candidate groups, "
          f"{len(model.entity.index)} features; use it with --spacy-model {shlex.quote(str(args.out))}")
    return 0


def _warn(line: str) -> None:
    """Print a warning about the annotations on standard error, its names escaped (they are the user's text)."""
    _say(line, file=sys.stderr)


def _curation_inputs(args: argparse.Namespace, settings: Settings, folder: Path) -> tuple[Path, Path]:
    """Write the curation's labels and the workspace's papers into ``folder`` (see graphbuild.curation_labels)."""
    from ..curation_labels import read_curation_strict, write_training_inputs
    from ..workspace import Workspace

    ops = read_curation_strict(args.curation)  # a malformed file stops here, before any training
    ws = Workspace(settings.workspace, settings)
    ws.manifest()  # a clear error when the workspace has no graph yet
    labels_file, papers_file, labels = write_training_inputs(ws, ops, folder, path=str(args.curation))
    print(labels.report.summary(), file=sys.stderr)
    if not labels.rows:
        raise CurationError(f"{args.curation}: the curation changes no paper's entities in workspace {ws.path}, "
                            "so it gives no training labels")
    print(f"curation: labels for {len(labels.rows)} paper(s) of workspace {ws.path}", file=sys.stderr)
    return labels_file, papers_file


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    t = sub.add_parser("train", parents=[nlp], help="retrain the entity decision model from annotations",
                       description="Train the learned decision layer (entity or not, type, proposed) from "
                                   "annotation files (JSON Lines keyed by paper id, ANNOTATION.md rules) and "
                                   "write a spaCy pipeline directory for --spacy-model DIR.")
    t.add_argument("annotations", nargs="*", metavar="ANNOTATIONS",
                   help="annotation files (default: the ones shipped with graphbuild)")
    t.add_argument("--papers", nargs="+",
                   help="files holding the annotated papers' titles and abstracts (any input format)")
    t.add_argument("--out", required=True, help="pipeline directory to write: new, empty, or one `graphbuild train` "
                   "wrote (it is replaced whole)")
    t.add_argument("--cv", type=int, metavar="K", help="first print K-fold cross-validated scores")
    t.add_argument("-C", type=float, default=DEFAULT_C, help=f"inverse regularisation strength (default {DEFAULT_C})")
    t.add_argument("--config", help="settings file (default: ./graphbuild.toml if present)")
    t.add_argument("--curation", metavar="FILE",
                   help="also train on a curation file's decisions: the entities of each paper it changes, "
                        "as curated in the workspace (-w)")
    t.add_argument("-w", "--workspace", help="with --curation: the built workspace whose papers it curates")
    t.add_argument("--no-shipped", action="store_true",
                   help="with --curation: train on the curation's labels alone, without the shipped annotations")
    t.set_defaults(func=cmd_train)
