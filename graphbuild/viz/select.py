"""Choosing what a page shows: a focus neighbourhood, given ids, kinds and years, cut by importance.

:func:`select_subgraph` returns a :class:`Selection` holding a *copy* of the
chosen part of the graph (the caller's graph is never modified) and the hidden
neighbours a page can reveal on demand.
"""

from __future__ import annotations

import copy
import dataclasses
import heapq
import itertools
import sys
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .. import arguments
from ..errors import QueryError
from ..lookup import choose_types
from ..records import ENTITY_TYPES, parse_year

__all__ = ["KINDS", "FRONTIER_PER_NODE", "FRONTIER_LIMIT", "Selection", "node_kind", "node_importance",
           "resolve_focus", "select_subgraph", "node_ids_from_rows"]

#: node kinds, in legend order: papers, authors and the entity types
KINDS: tuple[str, ...] = ("Paper", "Author", *ENTITY_TYPES)
#: the term map's "showing N of M" advice (its size is not --max-nodes past 300)
TERM_MAP_HINT = "use --focus/--types for part of the graph, or `graphbuild map --terms N` for a larger map"
#: hidden neighbours a page carries per shown node, and in all, for "click to expand"
FRONTIER_PER_NODE = 10
FRONTIER_LIMIT = 1000


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
    hint : what the "showing N of M" note tells the reader to do to see more.
    """

    graph: nx.MultiDiGraph
    cut: tuple[str, ...]
    total: int
    reason: str
    focus: str | None = None
    frontier: nx.MultiDiGraph | None = None
    hint: str = "use --focus/--types/--max-nodes to see more"

    @property
    def shown(self) -> int:
        """How many nodes the selection shows."""
        return self.graph.number_of_nodes()

    @property
    def note(self) -> str | None:
        """The "showing N of M nodes" line, or ``None`` when nothing was cut."""
        if not self.cut:
            return None
        return f"showing {self.shown:,} of {self.total:,} nodes; {self.hint}"


def node_kind(data: Mapping[str, Any]) -> str:
    """``Paper``, ``Author`` or the entity's type (``Model``, ``Method``, ...)."""
    label = data.get("label")
    if label == "Entity":
        return str(data.get("type") or "Entity")
    return str(label or "Entity")


def node_importance(G: nx.MultiDiGraph, node: str) -> int:
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
    """Turn a node id, entity name/alias, author name or title (or part of one) into a node id.

    Resolved by :class:`graphbuild.lookup.Resolver`: exact node id; entity
    name, then alias (case-insensitive; several hits go to the one with the
    highest ``paper_count``); author name; exact paper title; paper title
    fragment (must be unique); then a fuzzy match of titles and names. A
    fuzzy or partial match is reported on stderr.

    Raises
    ------
    RelatedLookupError
        Nothing matches (the message says "did you mean" with close matches)
        or a title fragment matches several papers (the message lists them):
        the same E600 lookup miss as ``related`` and ``citations --ancestry``.
    """
    from ..errors import RelatedLookupError
    from ..lookup import Resolver

    text = str(focus).strip()
    if text in G:
        return text
    try:
        match = Resolver.from_graph(G).resolve(text)
    except RelatedLookupError as exc:
        raise RelatedLookupError(f"focus: {str(exc.args[0]).rstrip('.')}. Pass a node id, an entity name or alias, "
                                 "an author name or part of a paper title.") from None
    if match.approximate:
        print(f"graphbuild: focus {match.describe()}", file=sys.stderr)
    return match.node


def _check_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    return choose_types([types] if isinstance(types, str) else types, KINDS, "node type")


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
    RelatedLookupError
        Unknown focus (see :func:`resolve_focus`).
    QueryError
        Unknown node ids or types, ``hops < 0`` or ``max_nodes < 1``.

    Examples
    --------
    >>> from tests.graph_fixture import small_graph  # doctest: +SKIP
    >>> sel = select_subgraph(small_graph(), focus="ViT", hops=1)  # doctest: +SKIP
    >>> sorted(sel.graph)  # doctest: +SKIP
    ['P5', 'entity:vit']
    """
    if arguments.whole(hops, "hops") < 0:
        raise QueryError(f"hops must be 0 or more, got {hops}")
    if since is not None:
        arguments.whole(since, "since")
    if arguments.whole(max_nodes, "max_nodes") < 1:
        raise QueryError(f"max_nodes must be at least 1, got {max_nodes}")
    kinds = _check_types(types)
    if focus is None and node_ids is None and kinds is None and since is None and _is_large(G):
        from ..termmap import community_term_map

        # a larger --max-nodes does not lift the map's 300 terms: the note names what does
        return dataclasses.replace(community_term_map(G, max_terms=min(max_nodes, 300)), hint=TERM_MAP_HINT)
    reasons: list[str] = []
    allowed = _given_ids(G, node_ids, reasons)
    focus_id: str | None = None
    dist: dict[str, int] = {}
    if focus is not None:
        focus_id, dist = _around_focus(G, focus, hops, allowed, reasons)
        candidates = [n for n in G if n in dist]
    else:
        candidates = list(G) if allowed is None else [n for n in G if n in allowed]
    candidates = _filter(G, candidates, focus_id, kinds, since, reasons)
    total = len(candidates)
    cut: tuple[str, ...] = ()
    if total > max_nodes:
        candidates, cut = _cut(G, candidates, dist, focus_id, max_nodes)
    return Selection(graph=_copy_subgraph(G, candidates), cut=cut, total=total,
                     reason="; ".join(reasons or ["whole graph"]), focus=focus_id,
                     frontier=_frontier(G, candidates))


def _given_ids(G: nx.MultiDiGraph, node_ids: Iterable[str] | None, reasons: list[str]) -> set[str] | None:
    """The ``node_ids`` as a set (None without them); every one must be in ``G``."""
    if node_ids is None:
        return None
    allowed = {str(n) for n in node_ids}
    missing = sorted(n for n in allowed if n not in G)
    if missing:
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise QueryError(f"{len(missing)} node id(s) are not in the graph: {', '.join(missing[:5])}{more}; "
                         "rebuild the graph or pass ids from it")
    reasons.append(f"{len(allowed):,} given nodes")
    return allowed


def _around_focus(G: nx.MultiDiGraph, focus: str, hops: int, allowed: set[str] | None,
                  reasons: list[str]) -> tuple[str, dict[str, int]]:
    """The resolved focus id and the distances of the nodes within ``hops`` of it (inside ``allowed``)."""
    focus_id = resolve_focus(G, focus)
    if allowed is not None:
        allowed.add(focus_id)
    dist = _ball(G, focus_id, hops, allowed)
    name = G.nodes[focus_id].get("name") or G.nodes[focus_id].get("title") or focus_id
    # isolated (U+2068 ... U+2069): a right-to-left mark in the name cannot reorder the text after it
    reasons.append(f"{hops} hop{'s' if hops != 1 else ''} around \u2068{name}\u2069 (\u2068{focus_id}\u2069)")
    return focus_id, dist


def _filter(G: nx.MultiDiGraph, candidates: list[str], focus_id: str | None, kinds: frozenset[str] | None,
            since: int | None, reasons: list[str]) -> list[str]:
    """``candidates`` without communities, of the ``kinds`` and linked to papers ``since`` (the focus stays)."""
    # communities are shown as colours (render_html(communities=...)), never as nodes
    candidates = [n for n in candidates if n == focus_id or G.nodes[n].get("label") != "Community"]
    if kinds is not None:
        candidates = [n for n in candidates if n == focus_id or node_kind(G.nodes[n]) in kinds]
        reasons.append("kinds " + ", ".join(k for k in KINDS if k in kinds))
    if since is None:
        return candidates
    papers = {n for n in candidates
              if G.nodes[n].get("label") == "Paper" and (year := parse_year(G.nodes[n].get("year"))) is not None
              and year >= since}
    kept = []
    for n in candidates:
        label = G.nodes[n].get("label")
        if n == focus_id or n in papers:
            kept.append(n)
        elif label != "Paper" and any(m in papers for m in (*G.succ[n], *G.pred[n])):
            kept.append(n)
    reasons.append(f"papers since {since}")
    return kept


def _cut(G: nx.MultiDiGraph, candidates: list[str], dist: Mapping[str, int], focus_id: str | None,
         max_nodes: int) -> tuple[list[str], tuple[str, ...]]:
    """The ``max_nodes`` candidates to keep (nearest, then most important) and the ones cut, in rank order."""
    def rank(n: str) -> tuple[int, int, int, str]:
        return (dist.get(n, 0), -node_importance(G, n), -G.degree(n), n)

    ordered = sorted((n for n in candidates if n != focus_id), key=rank)
    room = max_nodes - (1 if focus_id is not None else 0)
    keep = _connected_cut(G, ordered, room, focus_id)
    return [n for n in candidates if n in keep], tuple(n for n in ordered if n not in keep)


def _frontier(G: nx.MultiDiGraph, shown: list[str]) -> nx.MultiDiGraph:
    """Hidden neighbours of the shown nodes, most important first (see :class:`Selection`)."""
    keep = set(shown)
    extra: dict[str, None] = {}
    for node in shown:
        around = itertools.islice((m for m in (*G.succ[node], *G.pred[node])
                                   if m not in keep and G.nodes[m].get("label") != "Community"), 300)
        best = heapq.nsmallest(FRONTIER_PER_NODE, set(around), key=lambda m: (-node_importance(G, m), m))
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
    from ..termmap import TERM_MAP_MIN_PAPERS

    papers = sum(1 for _, d in G.nodes(data=True) if d.get("label") == "Paper" and not d.get("external"))
    return papers >= TERM_MAP_MIN_PAPERS


def _connected_cut(G: nx.MultiDiGraph, ordered: list[str], room: int, focus_id: str | None) -> set[str]:
    """The ``room`` best-ranked nodes, trading nodes left without any kept neighbour (authors of papers
    that were cut, say) for the next-best nodes that link to a kept node, the worst-ranked lonely node
    going first.

    A lonely node counts as kept while it waits, so a page whose best nodes share no edge (entities of
    a corpus without citations: papers rank below them) fills with the papers that join them instead of
    showing hundreds of unconnected dots.
    """
    keep = set(ordered[:room])
    if focus_id is not None:
        keep.add(focus_id)

    def kept_neighbours(n: str) -> list[str]:
        return [m for m in (*G.succ[n], *G.pred[n]) if m in keep and m != n]

    lonely = [n for n in ordered[:room] if not kept_neighbours(n)]  # best first
    waiting = set(lonely)
    for n in ordered[room:]:
        while lonely and lonely[-1] not in waiting:  # linked by an earlier trade
            lonely.pop()
        if not lonely:
            break
        joined = kept_neighbours(n)
        if not [m for m in joined if m != lonely[-1]]:  # it would be lonely itself once the worst one goes
            continue
        dropped = lonely.pop()
        waiting.discard(dropped)
        keep.discard(dropped)
        keep.add(n)
        waiting.difference_update(joined)
    return keep


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
