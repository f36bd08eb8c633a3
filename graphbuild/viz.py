"""Self-contained interactive pages of (part of) the graph.

Two steps, both plain functions:

* :func:`select_subgraph` picks what to show -- a neighbourhood around a focus
  node, an explicit set of ids (e.g. from :func:`node_ids_from_rows` over a
  Cypher result), filtered by node kind and year, cut to ``max_nodes`` by
  importance -- and returns a :class:`Selection` holding a *copy*.
* :func:`render_html` writes one HTML file with every script and style inlined
  (the vis-network library is read from the installed ``pyvis`` package), so
  the page works offline and from ``file://``.

pyvis's :class:`~pyvis.network.Network` builds the node and edge lists, always
from our own copy and with every attribute set explicitly; its HTML template is
not used (it loads Bootstrap and tom-select from a CDN). Tooltips are not given
to vis-network as ``title`` (which it renders as HTML); they travel as
structured ``tip`` records and the page builds them with ``textContent``.
"""

from __future__ import annotations

import copy
import difflib
import heapq
import html
import itertools
import json
import math
import re
from collections import deque
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx
import numpy as np

from .errors import GraphbuildError, QueryError
from .fsutil import atomic_write_text
from .resources import resource_dir

__all__ = [
    "KINDS",
    "KIND_COLORS",
    "LAYOUT_THRESHOLD",
    "Selection",
    "node_kind",
    "resolve_focus",
    "select_subgraph",
    "node_ids_from_rows",
    "render_html",
    "show_in_notebook",
]

#: node kinds, in legend order: papers, authors and the entity types
KINDS: tuple[str, ...] = ("Paper", "Author", "Model", "Method", "Dataset", "Task", "Metric")

#: fill colour per node kind (an unknown entity type falls back to ``Entity``)
KIND_COLORS: dict[str, str] = {
    "Paper": "#4e79a7",
    "Author": "#9c755f",
    "Model": "#e15759",
    "Method": "#f28e2b",
    "Dataset": "#59a14f",
    "Task": "#edc948",
    "Metric": "#b07aa1",
    "Entity": "#bab0ac",
}
_EXTERNAL_PAPER_COLOR = "#a9c1dc"

#: short edge labels drawn on the canvas
_REL_LABELS = {
    "PROPOSES": "proposes",
    "USES": "uses",
    "EVALUATES_ON": "eval on",
    "COMPARES_WITH": "vs",
    "VARIANT_OF": "variant of",
    "AUTHORED": "wrote",
    "CITES": "cites",
    "CO_OCCURS": "",
}

#: above this many nodes a page starts with physics off (positions come from Python)
LAYOUT_THRESHOLD = 300
#: hidden neighbours a page carries per shown node, and in all, for "click to expand"
FRONTIER_PER_NODE = 10
FRONTIER_LIMIT = 1000
_LABEL_CHARS = 40
_ABSTRACT_CHARS = 400
_MAX_AUTHORS_SHOWN = 12
_URL_RE = re.compile(r"(?i)https?://")


# --------------------------------------------------------------------------- selection


@dataclass(frozen=True, slots=True)
class Selection:
    """What a page shows.

    Attributes
    ----------
    graph : a copy of the selected nodes and the edges among them (the
        caller's graph is never modified).
    cut : ids that matched but were left out to stay within ``max_nodes``,
        most important first.
    total : how many nodes matched before the cut.
    reason : one line saying how the nodes were chosen.
    focus : the resolved focus node id, if any.
    frontier : hidden neighbours the page can reveal on demand: a copy of
        up to :data:`FRONTIER_PER_NODE` neighbours per shown node (at most
        :data:`FRONTIER_LIMIT` in all) with their edges to shown nodes and
        to each other, plus the shown nodes they attach to.
    """

    graph: nx.MultiDiGraph
    cut: tuple[str, ...]
    total: int
    reason: str
    focus: str | None = None
    frontier: nx.MultiDiGraph | None = None

    @property
    def shown(self) -> int:
        return self.graph.number_of_nodes()

    @property
    def note(self) -> str | None:
        """The "showing N of M nodes" line, or ``None`` when nothing was cut."""
        if not self.cut:
            return None
        return (f"showing {self.shown:,} of {self.total:,} nodes; "
                "use --focus/--types/--max-nodes to see more")


def node_kind(data: Mapping[str, Any]) -> str:
    """``Paper``, ``Author`` or the entity's type (``Model``, ``Method``, ...)."""
    label = data.get("label")
    if label == "Entity":
        return str(data.get("type") or "Entity")
    return str(label or "Entity")


def _importance(G: nx.MultiDiGraph, node: str) -> int:
    """Entities: ``paper_count``; papers: in-graph citations; authors: papers written."""
    data = G.nodes[node]
    label = data.get("label")
    if label == "Entity":
        count = data.get("paper_count")
        return int(count) if count is not None else len(G.pred[node])
    if label == "Paper":
        return sum(1 for keys in G.pred[node].values() if "CITES" in keys)
    if label == "Author":
        return sum(1 for keys in G.succ[node].values() if "AUTHORED" in keys)
    return 0


def resolve_focus(G: nx.MultiDiGraph, focus: str) -> str:
    """Turn a node id, entity name/alias, author name or title fragment into a node id.

    Tried in order: exact node id; entity name, then alias (case-insensitive;
    several hits go to the one with the highest ``paper_count``); author name;
    exact paper title; paper title substring (must be unique).

    Raises
    ------
    QueryError
        Nothing matches (the message lists close matches) or a title fragment
        matches several papers (the message lists them).
    """
    text = str(focus).strip()
    if text in G:
        return text
    folded = text.casefold()
    by_name: list[str] = []
    by_alias: list[str] = []
    authors: list[str] = []
    exact_titles: list[str] = []
    title_hits: list[str] = []
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label == "Entity":
            if str(data.get("name") or "").casefold() == folded:
                by_name.append(node)
            elif any(str(a).casefold() == folded for a in data.get("aliases") or ()):
                by_alias.append(node)
        elif label == "Author":
            if str(data.get("name") or "").casefold() == folded:
                authors.append(node)
        elif label == "Paper":
            title = str(data.get("title") or "").casefold()
            if title == folded:
                exact_titles.append(node)
            elif folded and folded in title:
                title_hits.append(node)
    for group in (by_name, by_alias):
        if group:
            return min(group, key=lambda n: (-_importance(G, n), n))
    for group in (authors, exact_titles):
        if group:
            return min(group)
    if len(title_hits) == 1:
        return title_hits[0]
    if title_hits:
        shown = "; ".join(f"{G.nodes[n].get('title')!r} ({n})" for n in sorted(title_hits)[:8])
        more = f" and {len(title_hits) - 8} more" if len(title_hits) > 8 else ""
        raise QueryError(f"focus {text!r} matches {len(title_hits)} paper titles: {shown}{more}. "
                         "Give more of the title or pass the node id.")
    raise QueryError(f"no node matches focus {text!r}{_close_matches(G, text)}. "
                     "Pass a node id, an entity name or alias, an author name or part of a paper title.")


def _close_matches(G: nx.MultiDiGraph, text: str) -> str:
    names: dict[str, str] = {}
    for _, data in G.nodes(data=True):
        for value in (data.get("name"), data.get("title"), *(data.get("aliases") or ())):
            if value:
                names.setdefault(str(value).casefold(), str(value))
    hits = difflib.get_close_matches(text.casefold(), list(names), n=5, cutoff=0.6)
    if not hits:
        return ""
    return "; close matches: " + ", ".join(repr(names[h]) for h in hits)


def _check_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    if isinstance(types, str):
        types = [types]
    wanted = {str(t).strip() for t in types if str(t).strip()}
    by_fold = {k.casefold(): k for k in KINDS}
    unknown = sorted(t for t in wanted if t.casefold() not in by_fold)
    if unknown:
        raise QueryError(f"unknown node type(s) {', '.join(unknown)}; choose among {', '.join(KINDS)}")
    return frozenset(by_fold[t.casefold()] for t in wanted)


def _ball(G: nx.MultiDiGraph, source: str, hops: int, allowed: set[str] | None) -> dict[str, int]:
    """Undirected breadth-first distances from ``source`` up to ``hops``."""
    dist = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        d = dist[node]
        if d >= hops:
            continue
        for nbr in (*G.succ[node], *G.pred[node]):
            if nbr not in dist and (allowed is None or nbr in allowed):
                dist[nbr] = d + 1
                queue.append(nbr)
    return dist


def select_subgraph(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 1,
    node_ids: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    since: int | None = None,
    max_nodes: int = 500,
) -> Selection:
    """Choose the part of ``G`` to draw; ``G`` itself is never modified.

    Parameters
    ----------
    G : a graph from :func:`graphbuild.graph.build_graph`.
    focus : a node id, entity name or alias, author name or paper-title
        fragment (see :func:`resolve_focus`); keeps the nodes within ``hops``
        steps of it, edges followed in either direction.
    hops : neighbourhood radius around ``focus`` (ignored without a focus).
    node_ids : restrict to these ids (e.g. the nodes of a query result); with
        ``focus``, the neighbourhood is walked inside this set.
    types : keep only these node kinds, among :data:`KINDS`
        (case-insensitive). The focus node is always kept.
    since : keep papers with ``year >= since`` (papers without a year go),
        and authors/entities still linked to a kept paper.
    max_nodes : keep at most this many nodes. With a focus, nearer nodes go
        first; ties (and everything without a focus) by importance --
        ``paper_count`` for entities, citations within the graph for papers,
        papers written for authors -- then degree, then id.

    Returns
    -------
    Selection
        With no focus, ids, types or year, a corpus of at least
        :data:`graphbuild.termmap.TERM_MAP_MIN_PAPERS` papers gives a term map
        instead (:func:`graphbuild.termmap.term_map`): the most used entities
        (at most ``min(max_nodes, 300)``) coloured by community and linked by
        co-occurrence, since hundreds of papers and authors say little there.

    Raises
    ------
    QueryError
        Unknown focus, node ids or types, ``hops < 0`` or ``max_nodes < 1``.

    Examples
    --------
    >>> from tests.graph_fixture import small_graph  # doctest: +SKIP
    >>> sel = select_subgraph(small_graph(), focus="ViT", hops=1)  # doctest: +SKIP
    >>> sorted(sel.graph)  # doctest: +SKIP
    ['P5', 'entity:vit']
    """
    if hops < 0:
        raise QueryError(f"hops must be 0 or more, got {hops}")
    if max_nodes < 1:
        raise QueryError(f"max_nodes must be at least 1, got {max_nodes}")
    kinds = _check_types(types)
    reasons: list[str] = []
    if focus is None and node_ids is None and kinds is None and since is None and _is_large(G):
        from .termmap import community_term_map

        return community_term_map(G, max_terms=min(max_nodes, 300))

    allowed: set[str] | None = None
    if node_ids is not None:
        allowed = {str(n) for n in node_ids}
        missing = sorted(n for n in allowed if n not in G)
        if missing:
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            raise QueryError(f"{len(missing)} node id(s) are not in the graph: {', '.join(missing[:5])}{more}; "
                             "rebuild the graph or pass ids from it")
        reasons.append(f"{len(allowed):,} given nodes")

    focus_id = None
    dist: dict[str, int] = {}
    if focus is not None:
        focus_id = resolve_focus(G, focus)
        if allowed is not None:
            allowed.add(focus_id)
        dist = _ball(G, focus_id, hops, allowed)
        name = G.nodes[focus_id].get("name") or G.nodes[focus_id].get("title") or focus_id
        reasons.append(f"{hops} hop{'s' if hops != 1 else ''} around {name} ({focus_id})")
        candidates = [n for n in G if n in dist]
    elif allowed is not None:
        candidates = [n for n in G if n in allowed]
    else:
        candidates = list(G)

    # communities are shown as colours (render_html(communities=...)), never as nodes
    candidates = [n for n in candidates if n == focus_id or G.nodes[n].get("label") != "Community"]
    if kinds is not None:
        candidates = [n for n in candidates if n == focus_id or node_kind(G.nodes[n]) in kinds]
        reasons.append("kinds " + ", ".join(k for k in KINDS if k in kinds))

    if since is not None:
        papers = {n for n in candidates
                  if G.nodes[n].get("label") == "Paper" and _year(G.nodes[n]) is not None
                  and _year(G.nodes[n]) >= since}
        kept = []
        for n in candidates:
            label = G.nodes[n].get("label")
            if n == focus_id or n in papers:
                kept.append(n)
            elif label != "Paper" and any(m in papers for m in (*G.succ[n], *G.pred[n])):
                kept.append(n)
        candidates = kept
        reasons.append(f"papers since {since}")

    total = len(candidates)
    cut: tuple[str, ...] = ()
    if total > max_nodes:
        def rank(n: str) -> tuple[int, int, int, str]:
            return (dist.get(n, 0), -_importance(G, n), -G.degree(n), n)

        ordered = sorted((n for n in candidates if n != focus_id), key=rank)
        room = max_nodes - (1 if focus_id is not None else 0)
        keep = _connected_cut(G, ordered, room, focus_id)
        cut = tuple(n for n in ordered if n not in keep)
        candidates = [n for n in candidates if n in keep]

    if not reasons:
        reasons.append("whole graph")
    return Selection(graph=_copy_subgraph(G, candidates), cut=cut, total=total,
                     reason="; ".join(reasons), focus=focus_id, frontier=_frontier(G, candidates))


def _frontier(G: nx.MultiDiGraph, shown: list[str]) -> nx.MultiDiGraph:
    """Hidden neighbours of the shown nodes, most important first (see :class:`Selection`)."""
    keep = set(shown)
    extra: dict[str, None] = {}
    for node in shown:
        around = itertools.islice((m for m in (*G.succ[node], *G.pred[node])
                                   if m not in keep and G.nodes[m].get("label") != "Community"), 300)
        best = heapq.nsmallest(FRONTIER_PER_NODE, set(around), key=lambda m: (-_importance(G, m), m))
        extra.update(dict.fromkeys(best))
        if len(extra) >= FRONTIER_LIMIT:
            break
    F = nx.MultiDiGraph()
    for m in extra:
        F.add_node(m, **copy.deepcopy(G.nodes[m]))
    for m in extra:
        for u, v, keyed in [(m, w, G.succ[m][w]) for w in G.succ[m]] + [(w, m, G.pred[m][w]) for w in G.pred[m]]:
            other = v if u == m else u
            if other in extra or other in keep:
                if other not in F:
                    F.add_node(other, **copy.deepcopy(G.nodes[other]))
                for key, data in keyed.items():
                    F.add_edge(u, v, key=key, **copy.deepcopy(data))
    return F


def _is_large(G: nx.MultiDiGraph) -> bool:
    from .termmap import TERM_MAP_MIN_PAPERS

    papers = sum(1 for _, d in G.nodes(data=True) if d.get("label") == "Paper" and not d.get("external"))
    return papers >= TERM_MAP_MIN_PAPERS


def _connected_cut(G: nx.MultiDiGraph, ordered: list[str], room: int, focus_id: str | None) -> set[str]:
    """The ``room`` best-ranked nodes, trading nodes left without any kept neighbour
    (authors of papers that were cut, say) for the next-best nodes that connect."""
    keep = set(ordered[:room])
    if focus_id is not None:
        keep.add(focus_id)

    def linked(n: str) -> bool:
        return any(m in keep for m in G.succ[n]) or any(m in keep for m in G.pred[n])

    pool = iter(ordered[room:])
    for _ in range(3):
        lonely = [n for n in keep if n != focus_id and not linked(n)]
        if not lonely:
            break
        keep.difference_update(lonely)
        added = 0
        for n in pool:
            if linked(n):
                keep.add(n)
                added += 1
                if added == len(lonely):
                    break
        if added < len(lonely):  # nothing better to show: keep the lonely ones
            keep.update(lonely[: len(lonely) - added])
            break
    return keep


def _year(data: Mapping[str, Any]) -> int | None:
    year = data.get("year")
    try:
        return int(year) if year is not None else None
    except (TypeError, ValueError):
        return None


def _copy_subgraph(G: nx.MultiDiGraph, nodes: list[str]) -> nx.MultiDiGraph:
    """A deep copy of ``G`` induced on ``nodes`` (in ``nodes`` order)."""
    keep = set(nodes)
    H = nx.MultiDiGraph()
    for n in nodes:
        H.add_node(n, **copy.deepcopy(G.nodes[n]))
    for u in nodes:
        for v, keyed in G.succ[u].items():
            if v in keep:
                for key, data in keyed.items():
                    H.add_edge(u, v, key=key, **copy.deepcopy(data))
    return H


def node_ids_from_rows(G: nx.MultiDiGraph, rows: Iterable[Mapping[str, Any]]) -> set[str]:
    """The ids of graph nodes mentioned in Cypher result rows.

    A value may be a node as a property dict (its ``id`` is taken; its other
    properties are not searched, since ``family`` or ``via`` hold ids of
    *other* nodes), a plain id string, or a list/tuple/set or map of such
    values, to any depth. Strings and ids that are not nodes of ``G`` are
    ignored.
    """
    found: set[str] = set()
    stack: list[Any] = [dict(row) for row in rows]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if value in G:
                found.add(value)
        elif isinstance(value, Mapping):
            node_id = value.get("id")
            if isinstance(node_id, str):
                if node_id in G:
                    found.add(node_id)
            else:
                stack.extend(value.values())
        elif isinstance(value, (list, tuple, set, frozenset)):
            stack.extend(value)
    return found


# --------------------------------------------------------------------------- layout


def _layout(H: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
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


# --------------------------------------------------------------------------- page data


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _display_label(data: Mapping[str, Any], node: str) -> str:
    if data.get("label") == "Paper":
        return _short(str(data.get("title") or node), _LABEL_CHARS)
    return _short(str(data.get("name") or node), _LABEL_CHARS)


def _node_tip(G: nx.MultiDiGraph, node: str, data: Mapping[str, Any], importance: int) -> dict[str, Any]:
    label = data.get("label")
    rows: list[list[str]] = []

    def add(key: str, value: Any) -> None:
        if value not in (None, "", [], ()):
            rows.append([key, str(value)])

    if label == "Paper":
        head = str(data.get("title") or node)
        add("kind", "Paper (external reference)" if data.get("external") else "Paper")
        add("year", data.get("year"))
        authors = [str(a) for a in data.get("authors") or ()]
        if len(authors) > _MAX_AUTHORS_SHOWN:
            authors = authors[:_MAX_AUTHORS_SHOWN] + [f"and {len(authors) - _MAX_AUTHORS_SHOWN} more"]
        add("authors", ", ".join(authors))
        add("venue", data.get("venue"))
        add("doi", data.get("doi"))
        add("arXiv", data.get("arxiv_id"))
        add("cited by (on this page)", importance if importance else None)
        add("abstract", _short(str(data.get("abstract") or ""), _ABSTRACT_CHARS))
    elif label == "Entity":
        head = str(data.get("name") or node)
        add("type", data.get("type"))
        add("aliases", ", ".join(str(a) for a in data.get("aliases") or ()))
        family = data.get("family")
        if family and family != node:
            add("variant of", G.nodes[family].get("name", family) if family in G else family)
        add("papers", data.get("paper_count"))
        add("most cited papers", "\n".join(str(t) for t in data.get("top_papers") or ()))
    else:
        head = str(data.get("name") or node)
        add("kind", label)
        add("papers (on this page)", importance)
    add("id", node)
    return {"head": head, "rows": rows}


def _edge_tip(G: nx.MultiDiGraph, u: str, v: str, key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    rows = [["from", _display_label(G.nodes[u], u)], ["to", _display_label(G.nodes[v], v)]]
    if data.get("evidence"):
        rows.append(["evidence", str(data["evidence"])])
    if data.get("papers") is not None:  # a term map's co-occurrence link
        rows.append(["papers with both", str(data["papers"])])
        rows.append(["association strength", str(data.get("strength"))])
    if key == "CITES" and data.get("inferred"):
        via = data.get("via")
        via_name = G.nodes[via].get("name", via) if via in G else via
        rows.append(["inferred", f"via {via_name}" if via_name else "yes"])
    if data.get("position") is not None:
        rows.append(["author position", str(int(data["position"]) + 1)])
    return {"head": key, "rows": rows}


def _community_colors(communities: Mapping[str, str], names: Mapping[str, str]) -> dict[str, str]:
    """Community id -> fill colour, by the rank in ``community:<rank>``."""
    from .report import community_color

    out = {}
    for cid in set(communities.values()) | set(names):
        tail = cid.rsplit(":", 1)[-1]
        out[cid] = community_color(int(tail) if tail.isdigit() else 0)
    return out


def _page_data(selection: Selection, physics: bool,
               communities: Mapping[str, str] | None = None,
               community_names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Node/edge records (built with pyvis on our copy) plus page settings.

    With ``communities`` (node id -> community id), nodes are filled with
    their community's colour (grey without one) and the legend lists the
    communities shown.
    """
    from pyvis.network import Network  # heavy import, only when rendering

    H = selection.graph
    n = H.number_of_nodes()
    if communities is None and any("community" in d for _, d in H.nodes(data=True)):
        communities = {v: d["community"] for v, d in H.nodes(data=True) if d.get("community")}
        community_names = community_names or H.graph.get("community_names")
    positions = _layout(H)  # a seeded start: browser physics then only polishes it
    net = Network(directed=True, cdn_resources="remote")
    kinds_shown: dict[str, int] = {}
    by_community: dict[str, int] = {}
    colors = _community_colors(communities, community_names or {}) if communities is not None else {}
    years: list[int] = []
    for node, data in H.nodes(data=True):
        kind = node_kind(data)
        kinds_shown[kind] = kinds_shown.get(kind, 0) + 1
        if communities is not None:
            cid = communities.get(node) or ""
            by_community[cid] = by_community.get(cid, 0) + 1
        year = _add_node_record(net, H, node, communities, colors, selection.focus, positions.get(node))
        if year is not None:
            years.append(year)
    for u, v, key, data in H.edges(keys=True, data=True):
        _add_edge_record(net, H, u, v, key, data)
    legend = [{"kind": k, "color": KIND_COLORS.get(k, KIND_COLORS["Entity"]), "count": kinds_shown[k]}
              for k in (*KINDS, *sorted(set(kinds_shown) - set(KINDS))) if k in kinds_shown]
    names = community_names or {}
    community_legend = [{"name": names.get(cid, cid) if cid else "no community",
                         "color": colors.get(cid, KIND_COLORS["Entity"]) if cid else KIND_COLORS["Entity"],
                         "count": count}
                        for cid, count in sorted(by_community.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "more": _frontier_data(selection, communities, colors),
        "legend": legend,
        "communities": community_legend,
        "years": [min(years), max(years)] if years else None,
        "physics": physics,
        "options": _vis_options(n, physics, bool(positions)),
    }


def _add_node_record(net: Any, H: nx.MultiDiGraph, node: str, communities: Mapping[str, str] | None,
                     colors: Mapping[str, str], focus: str | None,
                     position: tuple[float, float] | None) -> int | None:
    """Add ``node``'s page record to the pyvis network; returns its year (papers) or ``None``."""
    data = H.nodes[node]
    kind = node_kind(data)
    importance = _importance(H, node)
    color = KIND_COLORS.get(kind, KIND_COLORS["Entity"])
    if kind == "Paper" and data.get("external"):
        color = _EXTERNAL_PAPER_COLOR
    if communities is not None:
        cid = communities.get(node)
        color = colors.get(cid, KIND_COLORS["Entity"]) if cid else KIND_COLORS["Entity"]
    year = _year(data) if kind == "Paper" else None
    full = str(data.get("title") or data.get("name") or node)
    search = " ".join([full, *(str(a) for a in data.get("aliases") or ())]).casefold()
    extra: dict[str, Any] = {}
    if position is not None:
        extra["x"], extra["y"] = position
    net.add_node(
        node,
        label=_display_label(data, node),
        shape="dot",
        group=kind,
        kind=kind,
        size=round(min(48.0, 12.0 + 6.0 * math.log2(1 + importance)), 1),
        value=round(math.log2(2 + importance), 3),
        year=year,
        search=search,
        tip=_node_tip(H, node, data, importance),
        borderWidth=2 if node == focus else 1,
        **extra,
    )
    # pyvis drops ``color`` when ``group`` is given; set it on the record directly
    net.get_node(node)["color"] = color
    if isinstance(data.get("confidence"), (int, float)) and data["confidence"] < 0.7:
        net.get_node(node)["opacity"] = round(max(0.35, float(data["confidence"])), 2)  # fade doubtful ones
    return year


def _add_edge_record(net: Any, H: nx.MultiDiGraph, u: str, v: str, key: str, data: Mapping[str, Any]) -> None:
    inferred = bool(key == "CITES" and data.get("inferred"))
    net.add_edge(
        u, v,
        id=f"{u}|{key}|{v}",
        label=_REL_LABELS.get(key, key.lower()) + (" (inferred)" if inferred else ""),
        rel=key,
        arrows="" if key == "CO_OCCURS" else "to",
        width=round(1 + math.log2(data["papers"]), 2) if key == "CO_OCCURS" else 1,
        dashes=inferred,
        tip=_edge_tip(H, u, v, key, data),
    )


def _frontier_data(selection: Selection, communities: Mapping[str, str] | None,
                   colors: Mapping[str, str]) -> dict[str, Any] | None:
    """Records of the hidden neighbours, by id, with the edges that attach them, for the page to add."""
    from pyvis.network import Network

    F = selection.frontier
    if F is None or F.number_of_nodes() == 0:
        return None
    shown = selection.graph
    net = Network(directed=True, cdn_resources="remote")
    for m in F:  # shown anchors too: pyvis needs both ends of an edge
        _add_node_record(net, F, m, communities, colors, None, None)
    for u, v, key, data in F.edges(keys=True, data=True):
        _add_edge_record(net, F, u, v, key, data)
    by: dict[str, list[str]] = {}
    for u, v in F.edges():
        for a, b in ((u, v), (v, u)):
            if a in shown and b not in shown and b not in by.get(a, ()):
                by.setdefault(a, []).append(b)
    return {"nodes": {rec["id"]: rec for rec in net.nodes if rec["id"] not in shown}, "edges": net.edges, "by": by}


def _vis_options(n: int, physics: bool, positioned: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n <= 100 and not positioned, "randomSeed": 7},
        # node size and label size follow ``value``; a label whose on-screen size would fall below
        # drawThreshold px is not drawn, so the default zoom labels the most connected nodes and
        # zooming in reveals the rest
        "nodes": {"font": {"size": 12, "face": "sans-serif"}, "borderWidthSelected": 3,
                  "scaling": {"min": 12, "max": 48,
                              "label": {"enabled": True, "min": 11 if n <= 60 else 5, "max": 44,
                                        "maxVisible": 18, "drawThreshold": 7}}},
        "edges": {
            "color": {"color": "#9aa0a6", "highlight": "#202124", "hover": "#5f6368"},
            "font": {"size": 9, "align": "middle", "color": "#5f6368", "strokeWidth": 2},
            # "dynamic" smoothing (the default) adds a physics node per edge: ten times slower
            "smooth": {"type": "continuous", "roundness": 0.2} if n <= LAYOUT_THRESHOLD else False,
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 100000, "hideEdgesOnDrag": n > LAYOUT_THRESHOLD,
                        "navigationButtons": False, "keyboard": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 110, "springConstant": 0.04,
                          "damping": 0.3, "avoidOverlap": 0.1},
            # from Python positions the layout is nearly settled: a short run suffices
            "stabilization": {"enabled": True, "updateInterval": 25, "fit": True,
                              "iterations": max(30, min(300, 100_000 // max(n, 1))) if positioned else 1000},
        },
    }


# --------------------------------------------------------------------------- page


def _vis_network_js() -> str:
    """The vis-network standalone build shipped inside the installed pyvis."""
    lib = importlib_resources.files("pyvis") / "lib"
    candidates = []
    if lib.is_dir():
        for entry in lib.iterdir():
            m = re.fullmatch(r"vis-(\d+)\.(\d+)\.(\d+)", entry.name)
            if m and (entry / "vis-network.min.js").is_file():
                candidates.append((tuple(int(g) for g in m.groups()), entry / "vis-network.min.js"))
    if not candidates:
        raise GraphbuildError("the vis-network library was not found inside the installed pyvis package; "
                              "reinstall it with `pip install --force-reinstall 'pyvis>=0.3.2'`")
    return max(candidates, key=lambda c: c[0])[1].read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    """Make JavaScript safe to place inside ``<script>``: no ``</script``, no URL schemes.

    ``://`` becomes ``:\\/\\/``, which reads the same inside JS strings,
    template literals, regular expressions and comments.
    """
    code = re.sub(r"(?i)</(script)", r"<\\/\1", code)
    code = code.replace("<!--", "<\\!--")
    return code.replace("://", ":\\/\\/")


def _json_for_html(value: Any) -> str:
    """JSON that cannot close its ``<script>`` element or spell out a URL scheme."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("/", "\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _html_text(value: str) -> str:
    """HTML-escaped text that never spells out a URL scheme."""
    return html.escape(value, quote=True).replace("/", "&#47;")


def render_html(selection: Selection, path: str | Path, *, title: str = "graphbuild",
                physics: bool | None = None, communities: Mapping[str, str] | None = None,
                community_names: Mapping[str, str] | None = None) -> Path:
    """Write the selection as one self-contained interactive HTML page.

    Parameters
    ----------
    selection : from :func:`select_subgraph`.
    path : output file; written atomically (temporary file, then rename).
    title : page title and heading.
    physics : every page starts from positions computed in Python (seeded, so
        a page is reproducible). ``None`` (default): pages of up to
        :data:`LAYOUT_THRESHOLD` nodes then run vis-network physics briefly and
        freeze it once stable; larger pages start with physics off. ``True``
        always runs the browser physics (then freezes); ``False`` never does.
        A button on the page turns physics back on.
    communities : node id -> community id (from
        :func:`graphbuild.communities.node_communities`): colour the nodes by
        community instead of by kind, and list the communities in the legend.
    community_names : community id -> its label, for that legend.

    Returns
    -------
    Path
        ``path``.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    n = selection.shown
    use_physics = n > 0 and ((n <= LAYOUT_THRESHOLD) if physics is None else bool(physics))
    data = _page_data(selection, use_physics, communities, community_names)
    viz_dir = resource_dir("viz")
    env = Environment(loader=FileSystemLoader(str(viz_dir)), autoescape=False,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    note = selection.note
    if n == 0:
        note = "no nodes match this selection"
    page = env.get_template("page.html.j2").render(
        title=_html_text(title),
        reason=_html_text(selection.reason),
        note=_html_text(note) if note else "",
        legend=[{**item, "kind": _html_text(item["kind"])} for item in data["legend"]],
        community_legend=[{**item, "name": _html_text(item["name"])} for item in data["communities"]],
        years=data["years"],
        shown=n,
        edge_count=selection.graph.number_of_edges(),
        physics=use_physics,
        css=(viz_dir / "explorer.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        vis_js=_inline_script(_vis_network_js()),
        app_js=_inline_script((viz_dir / "explorer.js").read_text(encoding="utf-8")),
        data_json=_json_for_html(data),
    )
    leaked = _URL_RE.search(page)
    if leaked:  # a template or library change let a URL through; never ship a page that may fetch
        raise GraphbuildError(f"internal error: rendered page contains a URL near "
                              f"{page[max(0, leaked.start() - 40):leaked.end() + 40]!r}")
    out = Path(path)
    atomic_write_text(out, page)
    return out


def show_in_notebook(path: str | Path, *, height: int = 700) -> Any:
    """Display a rendered page in Jupyter (an ``<iframe srcdoc>``, so it needs no server).

    Raises
    ------
    GraphbuildError
        IPython is not installed.
    """
    try:
        from IPython.display import HTML
    except ImportError as exc:  # optional dependency
        raise GraphbuildError("show_in_notebook needs IPython: pip install ipython "
                              "(or open the HTML file in a browser)") from exc
    return HTML(_iframe(Path(path), height))


def _iframe(path: Path, height: int = 700) -> str:
    page = path.read_text(encoding="utf-8")
    return (f'<div class="graphbuild-viz"><iframe srcdoc="{html.escape(page, quote=True)}" '
            f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe></div>')


class PagePath(type(Path())):  # type: ignore[misc]
    """The path of a written page; Jupyter shows the page itself inline (no server needed)."""

    def _repr_html_(self) -> str:
        return _iframe(Path(self))
