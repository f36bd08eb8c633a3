"""The related-work index of a workspace generation: built once, stored as arrays + JSON.

The index lives in ``<generation>/related/`` (``index.npz`` + ``index.json``).
A ``related.pickle`` left in a workspace (by an old version, or by someone
else) is never opened: a workspace is data, never code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from ..progress import Progress, no_progress
from .dense import DenseSignal, cache_folder, embed_texts
from .index import INDEX_STEPS, INDEXING, RelatedIndex

__all__ = ["workspace_related_index", "INDEX_FOLDER"]

#: the index's folder inside a generation
INDEX_FOLDER = "related"


def workspace_related_index(root: Path, generation: Path, graph: Callable[[], nx.MultiDiGraph],
                            settings: object, progress: Progress = no_progress) -> RelatedIndex:
    """Load the generation's index, or build and store it (a read-only workspace still answers).

    ``settings`` supplies ``spacy_model`` and ``gazetteer`` (free-text queries go
    through the workspace's own pipeline) and, when set, ``dense_model`` (or the
    ``GRAPHBUILD_DENSE_MODEL`` environment variable) for the dense signal. ``progress`` is told of the
    index's building (:meth:`RelatedIndex.from_graph`), never of a stored index loaded.
    """
    folder = generation / INDEX_FOLDER
    nlp = {"model": str(getattr(settings, "spacy_model", None) or ""),
           "gazetteer": str(getattr(settings, "gazetteer", "") or "")}
    dense_model = getattr(settings, "dense_model", None) or os.environ.get("GRAPHBUILD_DENSE_MODEL") or ""
    index = RelatedIndex.load(folder)
    if index is not None and index.nlp == nlp and (index.dense.model if index.dense else "") == dense_model:
        return index
    progress(INDEXING, 0, INDEX_STEPS)  # (the graph is read first: seconds of a large workspace's)
    G = graph()
    dense = None
    if dense_model:
        from .corpus import Corpus

        texts = Corpus.from_graph(G).texts(G)
        dense = DenseSignal(vectors=embed_texts(texts, dense_model, cache_folder(root, dense_model)),
                            model=dense_model)
    index = RelatedIndex.from_graph(G, nlp=nlp, dense=dense, progress=progress)
    try:
        index.save(folder, parents=False)
    except OSError:
        pass  # a read-only workspace still answers, uncached; so does one whose generation a build removed
    return index
