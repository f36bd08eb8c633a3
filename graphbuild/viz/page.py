"""Writing a :class:`~graphbuild.viz.select.Selection` as one self-contained HTML page.

Node and edge records are built with pyvis on our copy of the graph, with
every attribute set explicitly; the page itself comes from the ``viz/``
templates, with vis-network, the stylesheet, the script and the data inlined
and checked to contain no URL.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import networkx as nx

from ..charts import esc, printable
from ..errors import GraphbuildError, shortened
from ..fsutil import atomic_write_text
from ..records import parse_year
from ..resources import resource_dir
from .layout import layout
from .select import KINDS, Selection, node_importance, node_kind

__all__ = ["KIND_COLORS", "LAYOUT_THRESHOLD", "PagePath", "render_html", "show_in_notebook"]

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
_LABEL_CHARS = 40
_ABSTRACT_CHARS = 400
_MAX_AUTHORS_SHOWN = 12
_URL_RE = re.compile(r"(?i)https?://")


def _short(text: str, limit: int) -> str:
    return shortened(" ".join(text.split()), limit)


def _display_label(data: Mapping[str, Any], node: str) -> str:
    if data.get("label") == "Paper":
        return _short(printable(data.get("title") or node), _LABEL_CHARS)
    return _short(printable(data.get("name") or node), _LABEL_CHARS)


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
    return _shown_tip(head, rows)


def _shown_tip(head: str, rows: list[list[str]]) -> dict[str, Any]:
    """A tooltip record whose text shows control characters as escapes (the page would draw empty boxes)."""
    return {"head": printable(head), "rows": [[key, printable(value)] for key, value in rows]}


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
    return _shown_tip(key, rows)


def _community_colors(communities: Mapping[str, str], names: Mapping[str, str]) -> dict[str, str]:
    """Community id -> fill colour, by the rank in ``community:<rank>``."""
    from ..report import community_color

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
    positions = layout(H)  # a seeded start: browser physics then only polishes it
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
    importance = node_importance(H, node)
    color = KIND_COLORS.get(kind, KIND_COLORS["Entity"])
    if kind == "Paper" and data.get("external"):
        color = _EXTERNAL_PAPER_COLOR
    if communities is not None:
        cid = communities.get(node)
        color = colors.get(cid, KIND_COLORS["Entity"]) if cid else KIND_COLORS["Entity"]
    year = parse_year(data.get("year")) if kind == "Paper" else None
    full = printable(data.get("title") or data.get("name") or node)  # searched as it is shown
    search = " ".join([full, *(printable(a) for a in data.get("aliases") or ())])  # folded by the page, as queries are
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
    r"""Make JavaScript safe to place inside ``<script>``: no ``</script``, no URL schemes.

    ``://`` becomes ``:\/\/``, which reads the same inside JS strings,
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
    """HTML-escaped text that never spells out a URL scheme, control characters shown as escapes."""
    return esc(value).replace("/", "&#47;")


def _counted(count: int, noun: str) -> str:
    """``1 node``, ``6,000 nodes``: as the "showing N of M nodes" note writes counts."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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
        counts=_counted(n, "node") + ", " + _counted(selection.graph.number_of_edges(), "edge"),
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

