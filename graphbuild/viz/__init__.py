"""Self-contained interactive pages of (part of) the graph.

Two steps, both plain functions:

* :func:`select_subgraph` (:mod:`graphbuild.viz.select`) picks what to show --
  a neighbourhood around a focus node, an explicit set of ids (e.g. from
  :func:`node_ids_from_rows` over a Cypher result), filtered by node kind and
  year, cut to ``max_nodes`` by importance -- and returns a :class:`Selection`
  holding a *copy*.
* :func:`render_html` (:mod:`graphbuild.viz.page`) writes one HTML file with
  every script and style inlined (the vis-network library is read from the
  installed ``pyvis`` package), so the page works offline and from ``file://``.
  Node positions come from :mod:`graphbuild.viz.layout`.

pyvis's :class:`~pyvis.network.Network` builds the node and edge lists, always
from our own copy and with every attribute set explicitly; its HTML template is
not used (it loads Bootstrap and tom-select from a CDN). Tooltips are not given
to vis-network as ``title`` (which it renders as HTML); they travel as
structured ``tip`` records and the page builds them with ``textContent``.

The page template, stylesheet and script are not in this package: they ship
from the top-level ``viz/`` folder (``graphbuild/_data/viz`` in a wheel, found
by :func:`graphbuild.resources.resource_dir`).
"""

from __future__ import annotations

from .page import KIND_COLORS, LAYOUT_THRESHOLD, PagePath, render_html, show_in_notebook
from .select import KINDS, Selection, node_ids_from_rows, node_kind, resolve_focus, select_subgraph

__all__ = [
    "KINDS",
    "KIND_COLORS",
    "LAYOUT_THRESHOLD",
    "PagePath",
    "Selection",
    "node_kind",
    "resolve_focus",
    "select_subgraph",
    "node_ids_from_rows",
    "render_html",
    "show_in_notebook",
]
