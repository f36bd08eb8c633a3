"""train: retrain the entity decision model from annotated abstracts."""

from __future__ import annotations

import argparse
import json

from ._common import _settings


def cmd_train(args: argparse.Namespace) -> int:
    """Train on annotation files (optionally cross-validate first) and write a pipeline directory."""
    from ..nlp.train import SHIPPED_ANNOTATIONS, cross_validate, load_examples, train_pipeline

    settings = _settings(args)
    annotations = args.annotations or [str(SHIPPED_ANNOTATIONS)]
    if args.cv:
        from ..nlp.pipeline import _gazetteer, make_pipeline

        nlp = make_pipeline(settings.spacy_model, gazetteer_path=settings.gazetteer)
        examples = load_examples(annotations, args.papers, nlp)
        print(json.dumps(cross_validate(examples, _gazetteer(nlp), k=args.cv, C=args.C), indent=2))
    model = train_pipeline(annotations, args.papers, args.out, spacy_model=settings.spacy_model,
                           gazetteer=settings.gazetteer, C=args.C, log=print)
    print(f"{model.meta['papers']} papers, {model.meta['candidates']} candidate groups, "
          f"{len(model.entity.index)} features; use it with --spacy-model {args.out}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    from ..nlp.train import DEFAULT_C

    t = sub.add_parser("train", parents=[nlp], help="retrain the entity decision model from annotations",
                       description="Train the learned decision layer (entity or not, type, proposed) from "
                                   "annotation files (JSON Lines keyed by paper id, ANNOTATION.md rules) and "
                                   "write a spaCy pipeline directory for --spacy-model DIR.")
    t.add_argument("annotations", nargs="*", metavar="ANNOTATIONS",
                   help="annotation files (default: the ones shipped with graphbuild)")
    t.add_argument("--papers", nargs="+", required=True,
                   help="files holding the annotated papers' titles and abstracts (any input format)")
    t.add_argument("--out", required=True, help="pipeline directory to write")
    t.add_argument("--cv", type=int, default=0, metavar="K", help="first print K-fold cross-validated scores")
    t.add_argument("-C", type=float, default=DEFAULT_C, help=f"inverse regularisation strength (default {DEFAULT_C})")
    t.add_argument("--config", help="settings file (default: ./graphbuild.toml if present)")
    t.set_defaults(func=cmd_train)
