"""One self-contained report page of a workspace: corpus, entities, trends, bursts, communities.

The page is plain HTML with inline SVG charts drawn in Python
(:mod:`graphbuild.charts`) and an inlined style sheet (``viz/report.css``): no
script, no external reference, so it opens offline and from ``file://``.
Each section is built by a small function returning a :class:`Section`;
:func:`build_report` assembles them and :func:`render_page` writes the page
(atomically). ``graphbuild trends --chart`` writes the trend sections alone.

>>> from graphbuild.trends import trends_summary
>>> import networkx as nx
>>> [s.id for s in trends_sections(trends_summary(nx.MultiDiGraph()))]
['trends', 'rising', 'bursts']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from .charts import bar_chart, burst_timeline, esc, hbar_chart, printable, small_multiple
from .communities import community_rows
from .errors import GraphbuildError
from .fsutil import atomic_write_text
from .records import ENTITY_TYPES
from .resources import resource_dir
from .trends import role_pairs, trends_summary

__all__ = ["Section", "render_page", "overview_section", "top_entities_section", "trends_sections",
           "communities_section", "leaderboard_section", "build_report", "period_span", "COMMUNITY_COLORS"]

#: colours of the largest communities, in rank order (then grey)
COMMUNITY_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                    "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#a0cbe8")
_OTHER_COLOR = "#bab0ac"
_MAX_COMMUNITIES = 30
_URL_RE = re.compile(r"(?i)\b(?:https?|ftp)://")


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a report page; ``body`` is trusted HTML (built with escaping)."""

    id: str
    heading: str
    body: str
    lead: str = ""


def community_color(rank: int) -> str:
    """The colour of the community ranked ``rank`` (1 = largest); grey past the palette."""
    return COMMUNITY_COLORS[rank - 1] if 1 <= rank <= len(COMMUNITY_COLORS) else _OTHER_COLOR


def _explorer_link(explorer: str | None, text: str) -> str | None:
    """A link into the explorer page that searches for ``text`` once it is drawn.

    ``explorer`` is a file path, percent-encoded here: a ``#``, ``?`` or ``%`` in a folder's name
    (``ws #2/overview.html``) would otherwise end the path or read as an escape. ``text`` goes as the
    explorer shows and searches it, control characters as escapes (:func:`graphbuild.charts.printable`).

    >>> _explorer_link("ws #2/overview.html", "C++")
    'ws%20%232/overview.html#find=C%2B%2B'
    """
    return f"{quote(explorer, safe='/')}#find={quote(printable(text), safe='')}" if explorer else None


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], numeric: Iterable[int] = ()) -> str:
    """An HTML table; cells are trusted HTML (escape them first)."""
    numeric = set(numeric)
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="rp-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _name(text: object) -> str:
    """A name from the data, escaped and isolated: a right-to-left mark in it cannot reorder what follows."""
    return f"<bdi>{esc(text)}</bdi>"


def _isolated(text: object) -> str:
    """``text`` between first-strong isolate marks, for SVG text where no ``<bdi>`` can go."""
    return f"\u2068{text}\u2069"


def _link(href: str | None, text: str) -> str:
    return f'<a href="{esc(href)}">{_name(text)}</a>' if href else _name(text)


def _edge_counts(G: nx.MultiDiGraph) -> Counter[str]:
    """Relationships per type, in one pass over the adjacency."""
    return Counter(k for _, nbrs in G.adjacency() for keyed in nbrs.values() for k in keyed)


# --------------------------------------------------------------------------- sections


def overview_section(G: nx.MultiDiGraph) -> Section:
    """Corpus size, papers by year and the most frequent sources (venues)."""
    papers = [d for _, d in G.nodes(data=True) if d.get("label") == "Paper" and not d.get("external")]
    labels = Counter(d.get("label") for _, d in G.nodes(data=True))
    years = Counter(int(d["year"]) for d in papers if isinstance(d.get("year"), int))
    venues = Counter(str(d.get("venue")).strip() for d in papers if d.get("venue"))
    stats = [(len(papers), "papers"), (labels.get("Entity", 0), "entities"), (labels.get("Author", 0), "authors"),
             (_edge_counts(G)["CITES"], "citations"),
             (labels.get("Community", 0), "communities")]
    body = ['<div class="rp-stats">' + "".join(f'<div class="rp-stat"><b>{n:,}</b><span>{esc(what)}</span></div>'
                                                for n, what in stats) + "</div>"]
    body.append('<div class="rp-grid"><div><h3>Papers by year</h3>')
    if years:
        axis = list(range(min(years), max(years) + 1))
        body.append(bar_chart([str(y) for y in axis], [years.get(y, 0) for y in axis]))
    else:
        body.append('<p class="rp-empty">No paper has a year.</p>')
    body.append("</div><div><h3>Sources</h3>")
    if venues:
        top = venues.most_common(10)
        body.append(hbar_chart([v for v, _ in top], [c for _, c in top]))
        if len(venues) > 10:
            body.append(f'<p class="rp-lead">and {len(venues) - 10:,} more sources</p>')
    else:
        body.append('<p class="rp-empty">No paper names its venue or source.</p>')
    body.append("</div></div>")
    undated = len(papers) - sum(years.values())
    lead = f"{undated:,} papers have no year." if undated else ""
    return Section("overview", "Corpus", "".join(body), lead)


def top_entities_section(G: nx.MultiDiGraph, *, top: int = 10, explorer: str | None = None) -> Section:
    """The most used entities of each type, by corpus papers, linked to the explorer."""
    counts = Counter(e for _, e in role_pairs(G))
    cards = []
    for type_ in ENTITY_TYPES:
        ranked = sorted((e for e in counts if G.nodes[e].get("type") == type_),
                        key=lambda e: (-counts[e], e))[:top]
        if not ranked:
            continue
        names = [str(G.nodes[e].get("name") or e) for e in ranked]
        chart = hbar_chart(names, [counts[e] for e in ranked],
                           links=[_explorer_link(explorer, n) for n in names], width=330)
        cards.append(f'<div class="rp-card"><h3>{esc(type_)}s</h3>{chart}</div>')
    body = '<div class="rp-grid">' + "".join(cards) + "</div>" if cards else \
        '<p class="rp-empty">No entities were found in this corpus.</p>'
    return Section("entities", "Top entities", body, "Papers proposing, using, evaluating on or comparing with each.")


def trends_sections(summary: Mapping[str, Any], *, multiples: int = 24, explorer: str | None = None) -> list[Section]:
    """Small multiples of the top entities' shares, rising/falling tables and the burst timeline.

    Parameters
    ----------
    summary : from :func:`graphbuild.trends.trends_summary`.
    multiples : how many entities get a small chart.
    explorer : file name of the explorer page to link entity names to.
    """
    periods = list(summary["periods"])
    unit = "month" if summary.get("granularity") == "month" else "year"
    by_id: dict[str, list[tuple[int, int]]] = {}
    index = {p: i for i, p in enumerate(periods)}
    for b in summary["bursts"]:
        by_id.setdefault(b["id"], []).append((index[b["start"]], index[b["end"]]))
    charts = [small_multiple(f"{_isolated(e['name'])} ({e['papers']})", periods, e["share"],
                             bursts=by_id.get(e["id"], ())) for e in summary["entities"][:multiples]]
    if charts:
        body = '<div class="rp-multiples">' + "".join(charts) + "</div>"
    else:
        body = '<p class="rp-empty">No dated papers mention an entity.</p>'
    sections = [Section("trends", "Trends", body,
                        f"Share of each {unit}'s papers mentioning the entity (own scale per chart); "
                        "bursts shaded.")]

    def trend_table(rows: list[Mapping[str, Any]]) -> str:
        if not rows:
            return '<p class="rp-empty">None with enough support.</p>'
        return _table(["entity", "type", "papers", "earlier", "recent", "share change", "slope / " + unit],
                      ([_link(_explorer_link(explorer, r["name"]), r["name"]), esc(r["type"] or ""),
                        str(r["papers"]), str(r["earlier"]), str(r["recent"]),
                        f"{100 * r['share_earlier']:.1f}% → {100 * r['share_recent']:.1f}%",
                        f"{100 * r['slope']:+.2f} pts"] for r in rows[:15]), numeric=(2, 3, 4, 6))

    window = summary.get("window", 3)
    sections.append(Section(
        "rising", "Rising and falling",
        f'<div class="rp-grid"><div><h3>Rising</h3>{trend_table(summary["rising"])}</div>'
        f'<div><h3>Falling</h3>{trend_table(summary["falling"])}</div></div>',
        f"Slope of the share over the last {2 * window} {unit}s; entities with at least "
        f"{summary.get('min_papers', 3)} papers in them."))
    rows = [(f"{b['name']}", index[b["start"]], index[b["end"]],
             f"{b['name']}: {b['start']}–{b['end']}, {b['papers']} papers, weight {b['weight']}")
            for b in summary["bursts"][:40]]
    body = burst_timeline(periods, rows) if rows else '<p class="rp-empty">No bursts detected.</p>'
    sections.append(Section("bursts", "Bursts", body,
                            "Kleinberg's two-state burst automaton (2002); strongest first."))
    return sections


def communities_section(G: nx.MultiDiGraph, *, explorer: str | None = None) -> Section:
    """Each stored ``Community`` node with its label, size, years and top datasets."""
    rows = community_rows(G)
    if not rows:
        return Section("communities", "Communities",
                       '<p class="rp-empty">No communities: the corpus has too few papers linked to entities, or the '
                       'workspace was built before communities existed (rebuild it).</p>')
    more = len(rows) - _MAX_COMMUNITIES
    rows = rows[:_MAX_COMMUNITIES]
    colors = [community_color(int(d.get("rank") or 0)) for d in rows]
    chart = hbar_chart([str(d.get("name")) for d in rows[:20]], [int(d.get("papers") or 0) for d in rows[:20]],
                       colors=colors[:20], width=520)
    table = _table(
        ["", "community", "papers", "years", "distinctive entities", "top datasets"],
        ([f'<span class="rp-swatch" style="background:{color}"></span>',
          esc(d.get("id")), str(d.get("papers") or 0),
          esc(f"{d.get('first_year')}–{d.get('last_year')}" if d.get("first_year") else "–"),
          ", ".join(_link(_explorer_link(explorer, n), n) for n in d.get("top_entities") or ()),
          ", ".join(_link(_explorer_link(explorer, n), n) for n in d.get("top_datasets") or ()) or "–"]
         for d, color in zip(rows, colors)), numeric=(2,))
    if more > 0:
        table += f'<p class="rp-lead">and {more:,} smaller communities (graphbuild communities lists them all)</p>'
    return Section("communities", "Communities", chart + table,
                   "Leiden communities of the paper-entity graph, labelled by their most distinctive entities (NPMI).")


def leaderboard_section(G: nx.MultiDiGraph) -> Section:
    """Reported results per benchmark (:func:`graphbuild.reported.top_leaderboards`), with their evidence."""
    from .reported import top_leaderboards

    boards = top_leaderboards(G)
    if not boards:
        return Section("leaderboards", "Leaderboards",
                       '<p class="rp-empty">No reported results in this workspace yet: leaderboards appear once '
                       "result sentences are extracted.</p>")
    parts = []
    for board in boards:
        parts.append(f'<h3>{_name(board["dataset"])} <small>{_name(board["metric"])}, '
                     f'{board["results"]:,} result(s)</small></h3>')
        parts.append(_table(
            ["model", "value", "paper", "year", "evidence"],
            ([esc(r.get("model")), esc(_result_value(r)), esc(r.get("paper") or r.get("paper_id")),
              esc(r.get("year") or ""), esc(r.get("evidence"))] for r in board["rows"]), numeric=(1,)))
        parts.extend(f'<p class="rp-lead">{esc(w)}</p>' for w in board["warnings"])
    return Section("leaderboards", "Leaderboards", "".join(parts),
                   "Results the papers report, best first, each with the sentence it comes from.")


def _result_value(row: dict) -> str:
    unit = row.get("unit") or ""
    return f"{row.get('value')}{unit if unit == '%' else (' ' + unit if unit else '')}"


def period_span(summary: Mapping[str, Any]) -> str:
    """The periods a trends summary covers, for a subtitle: ``2019–2023``, ``2021`` or ``no dates``.

    >>> period_span({"periods": ["2019", "2020"]}), period_span({"periods": ["2021"]}), period_span({"periods": []})
    ('2019–2020', '2021', 'no dates')
    """
    periods = summary["periods"]
    if not periods:
        return "no dates"
    return periods[0] if len(periods) == 1 else f"{periods[0]}–{periods[-1]}"


# --------------------------------------------------------------------------- page


def render_page(sections: Iterable[Section], path: str | Path, *, title: str, subtitle: str = "") -> Path:
    """Write the sections as one self-contained HTML page (atomically) and return its path.

    Raises
    ------
    GraphbuildError
        The rendered page would contain a URL (it must never fetch anything).
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from . import __version__

    viz_dir = resource_dir("viz")
    env = Environment(loader=FileSystemLoader(str(viz_dir)), autoescape=False, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    page = env.get_template("report.html.j2").render(
        title=esc(title), subtitle=esc(subtitle), version=esc(__version__),
        sections=[{"id": s.id, "heading": esc(s.heading), "lead": esc(s.lead), "body": s.body} for s in sections],
        css=(viz_dir / "report.css").read_text(encoding="utf-8").replace("</", "<\\/"),
    )
    # data may carry URLs (a venue, a title); break the scheme so the page can never fetch
    page = _URL_RE.sub(lambda m: m.group(0).replace("://", ":&#47;&#47;"), page)
    if _URL_RE.search(page):  # pragma: no cover - the substitution above removes every match
        raise GraphbuildError("internal error: the report page contains a URL")
    out = Path(path)
    atomic_write_text(out, page)
    return out


def build_report(G: nx.MultiDiGraph, path: str | Path, *, title: str = "graphbuild report",
                 explorer: str | None = "overview.html", window: int = 3, min_papers: int = 3) -> Path:
    """Write the report page of graph ``G`` to ``path``.

    Parameters
    ----------
    G : the workspace graph (with ``Community`` nodes when they were computed).
    path : output HTML file.
    title : page title.
    explorer : the explorer page that entity names link to (relative to the
        report); ``None`` for no links.
    window, min_papers : see :func:`graphbuild.trends.rising_falling`.

    Returns
    -------
    Path
    """
    summary = trends_summary(G, window=window, min_papers=min_papers, top=24)
    papers = sum(1 for _, d in G.nodes(data=True) if d.get("label") == "Paper" and not d.get("external"))
    span = period_span(summary)
    sections = [overview_section(G), top_entities_section(G, explorer=explorer),
                *trends_sections(summary, explorer=explorer), communities_section(G, explorer=explorer),
                leaderboard_section(G)]
    return render_page(sections, path, title=title, subtitle=f"{papers:,} papers, {span}")
