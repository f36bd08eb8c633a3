"""graphbuild: research papers in, a knowledge graph of methods, models, datasets and citations out.

>>> import graphbuild
>>> ws = graphbuild.build(["papers.jsonl"], workspace="my-ws")      # doctest: +SKIP
>>> ws.query("MATCH (p:Paper) RETURN count(p) AS n")               # doctest: +SKIP
[{'n': 42}]
>>> graphbuild.extract(["papers.txt"])[0].to_annotation()           # doctest: +SKIP

``import graphbuild`` loads none of its modules: each public name loads its own
(and with it spaCy, the stores, ...) when it is first used, so that the command
line starts at once and a Ctrl-C in its first seconds reaches its handler.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers read it as True)
if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable
    from typing import Any

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

#: the module of each public name that is imported on first use (:func:`__getattr__`)
_LAZY = {
    **dict.fromkeys(("Workspace", "BuildReport"), "workspace"),
    **dict.fromkeys(("Settings", "load_settings"), "settings"),
    **dict.fromkeys(("Paper", "Extraction", "EntityMention", "Entity"), "records"),
    **dict.fromkeys(("GraphbuildError", "InputError", "QueryError", "StoreError", "WorkspaceError"), "errors"),
}


if not TYPE_CHECKING:  # hidden from mypy, which would otherwise take any misspelt name for a lazy one
    def __getattr__(name: str) -> Any:
        """Import a public name's module on first use (PEP 562) and keep the name here."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def build(inputs: str | os.PathLike | Iterable[str | os.PathLike], workspace: str | os.PathLike | None = None, *,
          settings: Settings | None = None, **options) -> Workspace:
    """Build (or update) a workspace from input files (one path, or several) and return it."""
    from .workspace import Workspace

    ws = Workspace(workspace, settings)
    ws.build(inputs, **options)
    return ws


def extract(inputs: str | os.PathLike | Iterable[str | os.PathLike], *, format: str | None = None,
            skip_bad: bool = False, settings: Settings | None = None, log: Callable[[str], None] | None = None,
            progress: bool = False) -> list[Extraction]:
    """Run the NLP pass on input files (one path, or several; no workspace): one :class:`Extraction` per paper.

    The first stages of a build (:mod:`graphbuild.stages`): read, merge, extract. ``log``
    receives one line per skipped record (with ``skip_bad``) and per warning; with
    ``progress``, each stage shows its progress on standard error.
    """
    from . import arguments, stages
    from .progress import stage_bar
    from .settings import Settings

    for value, name in ((skip_bad, "skip_bad"), (progress, "progress")):
        arguments.flag(value, name)  # a truthy "no" must not skip bad records
    log = arguments.callback(log, "log")
    settings = arguments.settings(settings) or Settings()
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
