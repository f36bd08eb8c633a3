"""graphbuild: research papers in, a knowledge graph of methods, models, datasets and citations out.

>>> import graphbuild
>>> ws = graphbuild.build(["papers.jsonl"], workspace="my-ws")      # doctest: +SKIP
>>> ws.query("MATCH (p:Paper) RETURN count(p) AS n")               # doctest: +SKIP
[{'n': 42}]
>>> graphbuild.extract(["papers.txt"])[0].to_annotation()           # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from .errors import GraphbuildError, InputError, QueryError, StoreError, WorkspaceError
from .records import Entity, EntityMention, Extraction, Paper
from .settings import Settings, load_settings
from .workspace import BuildReport, Workspace

__all__ = [
    "build", "extract", "Workspace", "Settings", "load_settings", "BuildReport",
    "Paper", "Extraction", "EntityMention", "Entity",
    "GraphbuildError", "InputError", "QueryError", "StoreError", "WorkspaceError",
]
__version__ = "0.1.0"


def build(inputs: Iterable[str | os.PathLike], workspace: str | os.PathLike | None = None, *,
          settings: Settings | None = None, **options) -> Workspace:
    """Build (or update) a workspace from input files and return it."""
    ws = Workspace(workspace, settings)
    ws.build(inputs, **options)
    return ws


def extract(inputs: Iterable[str | os.PathLike], *, format: str | None = None, skip_bad: bool = False,
            settings: Settings | None = None, log: Callable[[str], None] | None = None,
            progress: bool = False) -> list[Extraction]:
    """Run the NLP pass on input files (no workspace): one :class:`Extraction` per paper.

    The first stages of a build (:mod:`graphbuild.stages`): read, merge, extract. ``log``
    receives one line per skipped record (with ``skip_bad``) and per warning; with
    ``progress``, each stage shows its progress on standard error.
    """
    from . import stages
    from .progress import stage_bar

    settings = settings or Settings()
    stages.check_pipeline(settings)  # before the inputs are read
    result = stages.read(inputs, format=format, skip_bad=skip_bad, progress=progress)
    if log:
        for line in [*result.warnings_summary(), *result.skipped_summary()]:
            log(line)
    with stage_bar("merging", enabled=progress, unit="paper") as bar:
        corpus = stages.merge(result.papers, progress=bar)
    nlp, _ = stages.load_pipeline(settings)
    with stage_bar("extracting", enabled=progress, unit="paper") as bar:
        extracted = stages.extract(corpus.merged, nlp, batch_size=settings.batch_size,
                                   n_process=settings.n_process, progress=bar)
    return [extracted.by_paper[p.id].extraction for p in corpus.merged]
