"""Accepted curations as training labels for the learned decision layer (``graphbuild train --curation``).

A curation file records what a person decided about the extractor's output:
this is not an entity (``reject``), this is a dataset (``retype``), this paper
proposes it (``proposed``), this paper mentions it (``mention``), these are one
entity (``merge``, ``rename``, ``split``). Each such decision says what the
entities of some papers *should* have been, which is exactly what an
annotation says.

:func:`curated_labels` turns the decisions into annotation rows in the
shipped format (``{"id", "entities": [{"name", "type", "proposed",
"aliases"}]}``, ANNOTATION.md): it resolves the workspace's cached
extractions as a build does, applies the curation, and gives one row for
every paper whose entities the curation changed, listing that paper's
entities *after* curation. A paper the curation leaves as the extractor had it
gives no row (it would only teach the model its own output). An entity's
``aliases`` in a row are its forms written in that paper, so that a merged-away
spelling still labels the candidate the paper wrote (also when the paper writes
the merged-into name too: both are mentions of the one entity).

:func:`write_training_inputs` writes those rows and the workspace's papers to
files that :func:`graphbuild.nlp.train.train_pipeline` reads; the curated rows
go first, so they take precedence over another annotation of the same paper.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .curation import (
    CurationOp,
    CurationReport,
    apply_curation,
    curation_file_exists,
    paper_aliases,
    read_curation,
    undropped,
)
from .errors import InputError
from .fsutil import atomic_write_text
from .records import Extraction, Paper
from .resolve import Resolution, resolve_entities

__all__ = ["CuratedLabels", "curated_labels", "paper_labels", "read_curation_strict", "write_training_inputs",
           "CURATION_WEIGHT", "LABELS_FILE", "PAPERS_FILE"]

#: training weight of a curated paper's labels against an annotated paper's 1: a person's correction of one
#: paper must be able to move a decision that hundreds of annotated papers shaped (a retype most of all)
CURATION_WEIGHT = 20.0

#: names of the files :func:`write_training_inputs` writes
LABELS_FILE = "curation-labels.jsonl"
PAPERS_FILE = "curation-papers.jsonl"


@dataclass(frozen=True, slots=True)
class CuratedLabels:
    """Annotation rows derived from a curation, and what applying it did.

    Attributes
    ----------
    rows : one annotation row per paper whose entities the curation changed,
        in corpus order.
    report : the curation report (operations applied, warnings for the ones
        that matched nothing).
    """

    rows: list[dict[str, Any]]
    report: CurationReport


def read_curation_strict(path: str | os.PathLike) -> list[CurationOp]:
    """The operations of a curation file named on purpose: a missing or empty file is an error too.

    Raises
    ------
    InputError
        The file is missing, malformed (``[E1xx] file:line: ...``) or holds no operation.
    """
    if not curation_file_exists(path) or not Path(path).is_file():
        raise InputError(path, None, "no such curation file; write one with `graphbuild curate ...` "
                                     "or name the workspace's (<workspace>/curation.jsonl)")
    ops = read_curation(path)
    if not any(op.op != "dismiss" for op in ops):
        raise InputError(path, None, "the curation file holds no operation that changes entities")
    return ops


def _written(form: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text, re.IGNORECASE) is not None


def paper_labels(resolution: Resolution, texts: Mapping[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Each paper's entities in a resolution, as annotation entities (sorted by name).

    Parameters
    ----------
    resolution : corpus entities and paper -> entity links.
    texts : paper id -> the paper's text (title and abstract); an alias is
        kept for a paper only when the paper writes it.

    Returns
    -------
    dict
        paper id -> ``[{"name", "type", "proposed", "aliases"}]``.

    Examples
    --------
    >>> from graphbuild.records import Entity, Link
    >>> res = Resolution([Entity("entity:gpt-4", "GPT-4", "Model", aliases=("GPT4", "GPT 4"))],
    ...                  [Link("p1", "entity:gpt-4", "proposes")])
    >>> paper_labels(res, {"p1": "We present GPT4."})
    {'p1': [{'name': 'GPT-4', 'type': 'Model', 'proposed': True, 'aliases': ['GPT4']}]}
    """
    entities = resolution.by_id()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in resolution.links:
        ent = entities.get(link.entity_id)
        if ent is None:
            continue
        text = texts.get(link.paper_id, "")
        forms = [a for a in dict.fromkeys(ent.aliases) if a != ent.name and _written(a, text)]
        out[link.paper_id].append({"name": ent.name, "type": ent.type, "proposed": link.role == "proposes",
                                   "aliases": forms})
    return {pid: sorted(rows, key=lambda r: (r["name"].casefold(), r["type"])) for pid, rows in out.items()}


def _key(rows: Iterable[dict[str, Any]]) -> set[tuple[str, str, bool]]:
    return {(r["name"].casefold(), r["type"], r["proposed"]) for r in rows}


def curated_labels(papers: Sequence[Paper], extractions: Mapping[str, Extraction], gazetteer: Any,
                   ops: Sequence[CurationOp], *, path: str | None = None) -> CuratedLabels:
    """Annotation rows for the papers whose entities ``ops`` change.

    Parameters
    ----------
    papers : the corpus papers, in corpus order (reference stubs are skipped).
    extractions : paper id -> the extractor's output for it (a workspace's cache).
    gazetteer : the gazetteer the build resolves with (or ``None``).
    ops : the curation operations, applied in order as a build applies them.
    path : the curation file's name, for the report.

    Returns
    -------
    CuratedLabels
        Rows ``{"id", "source": "curation", "weight", "entities": [...]}``: a paper's
        entities after curation, for each paper where they differ (by name,
        type or proposed) from the uncurated resolution. A paper a ``drop`` took out
        has none: it says nothing of the paper's entities (it is off-topic, retracted,
        front matter), and would teach that its names are none.

    Raises
    ------
    InputError
        A paper of the corpus has no cached extraction (the workspace was not built).
    """
    corpus = [p for p in papers if not p.external]
    kept = undropped(corpus, ops)  # resolved as a build resolves: a dropped paper has no extraction to read
    missing = [p.id for p in kept if p.id not in extractions]
    if missing:
        raise InputError(path or "curation", None, f"{len(missing)} paper(s) have no cached extraction, e.g. "
                         f"{missing[0]!r}; run `graphbuild build -w WORKSPACE` first")
    before = resolve_entities((extractions[p.id] for p in kept), gazetteer)
    after, report = apply_curation(before, ops, papers=[p.id for p in corpus], aliases=paper_aliases(corpus),
                                   path=path)
    texts = {p.id: p.text for p in corpus}
    old, new = paper_labels(before, texts), paper_labels(after, texts)
    rows = [{"id": p.id, "source": "curation", "weight": CURATION_WEIGHT, "entities": new.get(p.id, [])}
            for p in corpus
            if p.id not in after.dropped and _key(old.get(p.id, ())) != _key(new.get(p.id, ()))]
    return CuratedLabels(rows, report)


def write_training_inputs(workspace: Any, ops: Sequence[CurationOp], folder: str | os.PathLike, *,
                          path: str | None = None) -> tuple[Path, Path, CuratedLabels]:
    """Write the curated labels and the workspace's papers for :func:`~graphbuild.nlp.train.train_pipeline`.

    Parameters
    ----------
    workspace : a built :class:`graphbuild.workspace.Workspace`.
    ops : the curation operations.
    folder : where to write :data:`LABELS_FILE` and :data:`PAPERS_FILE` (e.g. a temporary folder).
    path : the curation file's name, for messages.

    Returns
    -------
    (Path, Path, CuratedLabels)
        The annotation file, the papers file and the labels written.
    """
    from .workspace import _gazetteer_only

    papers = workspace.papers()
    extractions = {pid: cached.extraction for pid, cached in workspace.extractions().items()}
    labels = curated_labels(papers, extractions, _gazetteer_only(workspace.settings), ops, path=path)
    folder = Path(folder)
    labels_file, papers_file = folder / LABELS_FILE, folder / PAPERS_FILE
    atomic_write_text(labels_file, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels.rows))
    atomic_write_text(papers_file, "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n"
                                           for p in papers if not p.external))
    return labels_file, papers_file, labels
