"""Seeded node positions for a page, computed in Python (see :func:`layout`)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

__all__ = ["layout"]


def layout(H: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Seeded positions in pixels, ideal edge length about 100 px.

    A vectorised Fruchterman-Reingold (Fruchterman & Reingold 1991, "Graph
    drawing by force-directed placement") over all pairs in row blocks -- far
    faster than networkx's per-node loop for a few thousand nodes -- with a
    weak pull towards the centre so that isolated nodes (common after a
    ``max_nodes`` cut) stay near the rest instead of drifting to a far ring.
    """
    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return {}
    coords = _fruchterman_reingold(H, nodes, seed) if n > 1 else np.full((1, 2), 0.5)
    scale = 100.0 * math.sqrt(n)
    coords = (coords - 0.5) * scale
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, coords)}


def _fruchterman_reingold(H: nx.MultiDiGraph, nodes: list[str], seed: int,
                          gravity: float = 1.0) -> np.ndarray:
    """Positions in the unit square, one row per node of ``nodes``."""
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in H.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    k2 = k * k
    iterations = 50 if n <= 3000 else max(10, int(50 * (3000 / n) ** 2))
    step = 0.1
    cool = step / (iterations + 1)
    block = max(1, 2_000_000 // n)
    disp = np.empty((n, 2), dtype=np.float32)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        for s in range(0, n, block):
            dx = x[s:s + block, None] - x[None, :]
            dy = y[s:s + block, None] - y[None, :]
            w = dx * dx
            w += dy * dy
            np.maximum(w, 1e-6, out=w)
            np.divide(k2, w, out=w)
            disp[s:s + block, 0] = (dx * w).sum(1)
            disp[s:s + block, 1] = (dy * w).sum(1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = d * (np.sqrt((d * d).sum(1)) / k)[:, None]
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp -= gravity * (pos - pos.mean(0))
        length = np.maximum(np.sqrt((disp * disp).sum(1)), 1e-9)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= cool
    pos -= pos.min(0)
    return pos / max(float(pos.max()), 1e-9)
