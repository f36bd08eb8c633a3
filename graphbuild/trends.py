"""Trends over time: papers per entity per period, rising and falling entities, bursts.

Everything here is a pure function over the graph of :mod:`graphbuild.graph`
(a networkx ``MultiDiGraph``) or over the arrays derived from it:

* :func:`entity_series` counts, for each entity, the corpus papers that
  propose, use, evaluate on or compare with it, per year (or per month when
  the papers' dates allow it), on a contiguous time axis;
* :func:`rising_falling` ranks entities by the slope of their share of the
  corpus over the last periods, with a minimum support;
* :func:`kleinberg_bursts` is Kleinberg's two-state burst automaton for
  batched arrivals, vectorised over many series; :func:`entity_bursts` runs it
  on every entity;
* :func:`trends_summary` puts it together as plain rows (for ``--json``, the
  CLI table and the report page).

Examples
--------
>>> import numpy as np
>>> d = np.full(10, 20)                          # 20 papers every year
>>> r = np.array([1, 2, 1, 2, 9, 10, 9, 1, 2, 1])  # a surge in periods 4-6
>>> [(b.start, b.end) for b in kleinberg_bursts(r, d)[0]]
[(4, 6)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from .errors import QueryError
from .lookup import choose_types
from .records import ENTITY_TYPES, parse_year
from .schema import ENTITY_ROLE_RELS

__all__ = [
    "ROLE_RELS",
    "Series",
    "Trend",
    "Burst",
    "paper_period",
    "role_pairs",
    "entity_series",
    "rising_falling",
    "kleinberg_bursts",
    "entity_bursts",
    "trends_summary",
    "format_ratio",
]

#: the paper -> entity relationship types that count as "a paper with this entity"
ROLE_RELS: frozenset[str] = frozenset(ENTITY_ROLE_RELS.values())


@dataclass(frozen=True, slots=True)
class Series:
    """Papers per entity per period on a contiguous time axis.

    Attributes
    ----------
    periods : period labels, ``"2021"`` (years) or ``"2021-04"`` (months), in order.
    totals : corpus papers per period, shape ``(n_periods,)``.
    entities : entity ids, one per row of ``counts``.
    counts : papers mentioning each entity per period, shape ``(n_entities, n_periods)``.
    granularity : ``"year"`` or ``"month"``.
    """

    periods: tuple[str, ...]
    totals: np.ndarray
    entities: tuple[str, ...]
    counts: np.ndarray
    granularity: str

    def share(self) -> np.ndarray:
        """Each entity's share of the period's papers (0 where a period has none)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            out = self.counts / self.totals[None, :]
        return np.nan_to_num(out, nan=0.0, posinf=0.0)


@dataclass(frozen=True, slots=True)
class Trend:
    """An entity's change over the last ``2 * window`` periods.

    ``slope`` is the least-squares slope of its share of the corpus (in share
    per period) over those periods; ``recent``/``earlier`` count its papers in
    the last ``window`` periods and the ``window`` before; ``ratio`` compares
    its shares in the two halves, smoothed by half a paper on each side.
    """

    entity: str
    slope: float
    recent: int
    earlier: int
    share_recent: float
    share_earlier: float
    ratio: float


@dataclass(frozen=True, slots=True)
class Burst:
    """A run of periods ``start..end`` (indices, inclusive) in the automaton's high state."""

    start: int
    end: int
    weight: float


# --------------------------------------------------------------------------- counting


def role_pairs(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """``(paper, entity)`` once per corpus paper and entity it proposes, uses, evaluates on or compares with.

    One pass over the adjacency (faster than ``G.edges`` on large graphs);
    external reference papers are left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("P", label="Paper"); G.add_node("e", label="Entity")
    >>> _ = G.add_edge("P", "e", key="USES"); _ = G.add_edge("P", "e", key="PROPOSES")
    >>> role_pairs(G)
    [('P', 'e')]
    """
    out: list[tuple[str, str]] = []
    nodes = G.nodes
    for u, nbrs in G.adjacency():  # plain dicts: much faster than the edge views
        data = nodes[u]
        if data.get("label") != "Paper" or data.get("external"):
            continue
        out.extend((u, v) for v, keyed in nbrs.items() if not ROLE_RELS.isdisjoint(keyed))
    return out


def paper_period(data: Mapping[str, Any], granularity: str) -> str | None:
    """The period label of a paper node: ``"2021"`` or ``"2021-04"``; ``None`` if undated.

    >>> paper_period({"year": 2021, "date": "2021-04-30"}, "month")
    '2021-04'
    >>> paper_period({"year": 2021}, "year")
    '2021'
    >>> paper_period({"year": 2021}, "month") is None
    True
    """
    year = parse_year(data.get("year"))
    if granularity == "year":
        return None if year is None else f"{year:04d}"
    date = str(data.get("date") or "")
    if len(date) >= 7 and date[:4].isdigit() and date[4] == "-" and date[5:7].isdigit() \
            and 1 <= int(date[5:7]) <= 12:
        return date[:7]
    return None


def _axis(labels: Iterable[str], granularity: str) -> list[str]:
    """Every period from the first to the last label, so gaps count as zeros."""
    labels = sorted(set(labels))
    if not labels:
        return []
    if granularity == "year":
        return [f"{y:04d}" for y in range(int(labels[0]), int(labels[-1]) + 1)]
    (y0, m0), (y1, m1) = (map(int, labels[0].split("-")), map(int, labels[-1].split("-")))
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(y0 * 12 + m0 - 1, y1 * 12 + m1)]


def _choose_granularity(papers: list[Mapping[str, Any]], granularity: str) -> str:
    if granularity in ("year", "month"):
        return granularity
    if granularity != "auto":
        raise QueryError(f"granularity must be year, month or auto, got {granularity!r}")
    dated = [p for p in papers if paper_period(p, "year") is not None]
    if not dated:
        return "year"
    monthly = sum(1 for p in dated if paper_period(p, "month") is not None)
    years = {paper_period(p, "year") for p in dated}
    # months only say something when nearly every paper has one and the span is short
    return "month" if monthly >= 0.9 * len(dated) and len(years) <= 3 else "year"


def entity_series(G: nx.MultiDiGraph, *, types: Iterable[str] | None = None, since: int | None = None,
                  granularity: str = "auto") -> Series:
    """Count papers per entity per period.

    Parameters
    ----------
    G : a graph from :func:`graphbuild.graph.build_graph`.
    types : entity types to keep (``Dataset``, ``Model``, ...; case-insensitive);
        all when ``None``.
    since : keep papers from this year on.
    granularity : ``"year"``, ``"month"`` or ``"auto"`` (months when at least
        90% of the dated papers have a month and they span at most three years).

    Returns
    -------
    Series
        Entities without a dated paper are left out. External reference
        papers never count.

    Raises
    ------
    QueryError
        An unknown type or granularity.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("P1", label="Paper", year=2020)
    >>> G.add_node("P2", label="Paper", year=2022)
    >>> G.add_node("e", label="Entity", type="Dataset", name="GLUE")
    >>> _ = G.add_edge("P2", "e", key="EVALUATES_ON")
    >>> s = entity_series(G)
    >>> s.periods, s.totals.tolist(), s.counts.tolist()
    (('2020', '2021', '2022'), [1, 0, 1], [[0, 0, 1]])
    """
    wanted = _check_types(types)
    papers = {n: d for n, d in G.nodes(data=True)
              if d.get("label") == "Paper" and not d.get("external")
              and (since is None or (paper_period(d, "year") or "0") >= f"{since:04d}")}
    gran = _choose_granularity(list(papers.values()), granularity)
    periods = {n: paper_period(d, gran) for n, d in papers.items()}
    period_of: dict[str, str] = {n: p for n, p in periods.items() if p is not None}
    axis = _axis(period_of.values(), gran)
    col = {p: i for i, p in enumerate(axis)}
    totals = np.zeros(len(axis), dtype=np.int64)
    for p in period_of.values():
        totals[col[p]] += 1
    pairs = [(u, v) for u, v in role_pairs(G) if u in period_of]
    if wanted is not None:
        types = dict(G.nodes(data="type"))
        pairs = [(u, v) for u, v in pairs if types.get(v) in wanted]
    entities = tuple(sorted({v for _, v in pairs}))
    row = {e: i for i, e in enumerate(entities)}
    counts = np.zeros((len(entities), len(axis)), dtype=np.int64)
    if pairs:
        r = np.fromiter((row[v] for _, v in pairs), dtype=np.int64, count=len(pairs))
        c = np.fromiter((col[period_of[u]] for u, _ in pairs), dtype=np.int64, count=len(pairs))
        np.add.at(counts, (r, c), 1)
    return Series(tuple(axis), totals, entities, counts, gran)


def _check_types(types: Iterable[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    return choose_types(types.split(",") if isinstance(types, str) else types, ENTITY_TYPES, "entity type") or None


# --------------------------------------------------------------------------- rising and falling


def rising_falling(series: Series, *, window: int = 3, min_papers: int = 3) -> list[Trend]:
    """Each supported entity's trend over the last ``2 * window`` periods, steepest rise first.

    Parameters
    ----------
    series : from :func:`entity_series`.
    window : periods in each half of the comparison (the last ``2 * window``
        periods are fitted; fewer when the axis is shorter).
    min_papers : an entity needs at least this many papers in the fitted
        periods to be ranked.

    Returns
    -------
    list of Trend
        Sorted by ``slope`` descending, then entity id: the rising entities
        come first and the falling ones last.

    Examples
    --------
    >>> s = Series(("2020", "2021", "2022", "2023"), np.array([10, 10, 10, 10]), ("a", "b"),
    ...            np.array([[1, 2, 3, 4], [4, 3, 2, 1]]), "year")
    >>> [(t.entity, round(t.slope, 2), t.recent, t.earlier) for t in rising_falling(s, window=2)]
    [('a', 0.1, 7, 3), ('b', -0.1, 3, 7)]
    """
    if window < 1:
        raise QueryError(f"window must be at least 1, got {window}")
    n = len(series.periods)
    if n == 0 or not series.entities:
        return []
    span = min(n, 2 * window)
    half = span // 2 if span > 1 else 1
    counts = series.counts[:, n - span:]
    totals = series.totals[n - span:]
    share = series.share()[:, n - span:]
    x = np.arange(span, dtype=float)
    x -= x.mean()
    denom = float((x * x).sum()) or 1.0
    slopes = (share * x[None, :]).sum(1) / denom
    recent = counts[:, span - half:].sum(1)
    earlier = counts[:, : span - half].sum(1)
    t_recent = max(int(totals[span - half:].sum()), 1)
    t_earlier = max(int(totals[: span - half].sum()), 1)
    out = []
    for i in np.flatnonzero(counts.sum(1) >= min_papers):
        s_recent, s_earlier = recent[i] / t_recent, earlier[i] / t_earlier
        ratio = ((recent[i] + 0.5) / (t_recent + 0.5)) / ((earlier[i] + 0.5) / (t_earlier + 0.5))
        out.append(Trend(series.entities[i], float(slopes[i]), int(recent[i]), int(earlier[i]),
                         float(s_recent), float(s_earlier), float(ratio)))
    out.sort(key=lambda t: (-t.slope, t.entity))
    return out


def format_ratio(ratio: float | None) -> str:
    """A trend's share ratio as the ``graphbuild trends`` table shows it: always two decimals, so the column
    reads as one scale; ``<0.01`` for a fall that two decimals would show as ``0.00``, ``≥1000`` from a thousand
    up (an entity that came from nothing in a large corpus, or a ratio over an empty half: infinite); blank
    when there is none (NaN). ``--json`` keeps the value itself.

    >>> [format_ratio(r) for r in (960.6641, 1.0, 1.1781, 0.0617, 0.004, 0.0, 1234.5, math.inf, math.nan, None)]
    ['960.66', '1.00', '1.18', '0.06', '<0.01', '0.00', '≥1000', '≥1000', '', '']
    """
    if ratio is None or math.isnan(ratio):
        return ""
    if ratio >= 999.995:  # would print as 1000.00 and up: wider than the column, no more telling
        return "≥1000"
    if 0 < ratio < 0.005:
        return "<0.01"
    return f"{ratio:.2f}"


def _significant(value: float, digits: int = 6) -> float:
    """``value`` to ``digits`` significant digits: a small ratio stays non-zero (``round(x, 3)`` made 0.00052 0.0).

    >>> [_significant(x) for x in (0.000520312345, 960.664123, 1.0)]
    [0.000520312, 960.664, 1.0]
    """
    return float(f"{value:.{digits}g}")


# --------------------------------------------------------------------------- bursts


def kleinberg_bursts(r: np.ndarray, d: np.ndarray, *, s: float = 2.0, gamma: float = 1.0) -> list[list[Burst]]:
    """Bursts by Kleinberg's two-state automaton for batched arrivals.

    In each period ``t``, ``d[t]`` documents arrive of which ``r[t]`` are
    relevant (here: papers mentioning an entity). The base state emits a
    relevant document with the series' overall rate ``p0 = sum(r) / sum(d)``,
    the burst state with ``p1 = min(s * p0, 0.9999)``. The cost of a state in a
    period is the negative log-likelihood of ``r[t]`` of ``d[t]`` under its
    binomial rate (the binomial coefficient is the same for both states and
    dropped); entering the burst state costs ``gamma * ln(n)`` for ``n``
    periods, leaving it is free. The automaton starts in the base state and the
    cheapest state sequence is found by the Viterbi algorithm; each maximal run
    of burst states is a burst, weighted by the cost it saves,
    ``sum(cost0 - cost1)`` over its periods.

    Parameters
    ----------
    r : relevant counts, shape ``(n,)`` or ``(m, n)`` for ``m`` series at once.
    d : totals per period, shape ``(n,)`` (shared) or like ``r``.
    s : how much more likely a relevant document is in the burst state (> 1).
    gamma : the price of entering a burst, in units of ``ln(n)``; higher gives
        fewer, stronger bursts.

    Returns
    -------
    list of list of Burst
        One list per series, bursts in time order.

    References
    ----------
    J. Kleinberg, "Bursty and Hierarchical Structure in Streams", Proc. 8th
    ACM SIGKDD (2002), pp. 91-101; the enumerating (batched) model of section 4.

    Examples
    --------
    >>> kleinberg_bursts(np.array([0, 0, 5, 6, 0, 0]), np.array([10] * 6))[0]
    [Burst(start=2, end=3, weight=...)]
    >>> kleinberg_bursts(np.array([2, 2, 2, 2]), np.array([10] * 4))
    [[]]
    """
    if s <= 1:
        raise QueryError(f"the burst rate multiplier s must be above 1, got {s}")
    r = np.atleast_2d(np.asarray(r, dtype=float))
    d = np.broadcast_to(np.asarray(d, dtype=float), r.shape)
    m, n = r.shape
    if n == 0:
        return [[] for _ in range(m)]
    if np.any(r > d) or np.any(r < 0):
        raise QueryError("burst detection needs 0 <= r[t] <= d[t] in every period")
    p0 = np.divide(r.sum(1), d.sum(1), out=np.zeros(m), where=d.sum(1) > 0)
    p0 = np.clip(p0, 1e-12, 0.9999)
    p1 = np.minimum(s * p0, 0.9999)
    cost0 = -(r * np.log(p0)[:, None] + (d - r) * np.log1p(-p0)[:, None])
    cost1 = -(r * np.log(p1)[:, None] + (d - r) * np.log1p(-p1)[:, None])
    tau = gamma * math.log(n) if n > 1 else gamma
    state = _viterbi(cost0, cost1, tau)
    saving = cost0 - cost1
    return [[Burst(a, b, round(float(saving[i, a:b + 1].sum()), 6)) for a, b in _runs(state[i])]
            for i in range(m)]


def _viterbi(cost0: np.ndarray, cost1: np.ndarray, tau: float) -> np.ndarray:
    """The cheapest two-state sequence per series (True: burst), vectorised over the rows."""
    m, n = cost0.shape
    back = np.zeros((m, n, 2), dtype=bool)  # True: came from the burst state
    c0, c1 = cost0[:, 0].copy(), tau + cost1[:, 0]
    for t in range(1, n):
        stay0, from1 = c0, c1                  # into base: leaving a burst is free
        up, stay1 = c0 + tau, c1               # into burst
        back[:, t, 0] = from1 < stay0
        back[:, t, 1] = stay1 <= up
        c0, c1 = np.minimum(stay0, from1) + cost0[:, t], np.minimum(up, stay1) + cost1[:, t]
    state = np.zeros((m, n), dtype=bool)
    state[:, n - 1] = c1 < c0
    for t in range(n - 1, 0, -1):
        state[:, t - 1] = np.where(state[:, t], back[:, t, 1], back[:, t, 0])
    return state


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """``(first, last)`` index of each maximal run of True in ``flags``."""
    high = np.flatnonzero(flags)
    if not len(high):
        return []
    breaks = np.flatnonzero(np.diff(high) > 1)
    starts = np.concatenate(([high[0]], high[breaks + 1]))
    ends = np.concatenate((high[breaks], [high[-1]]))
    return [(int(a), int(b)) for a, b in zip(starts, ends)]


def entity_bursts(series: Series, *, s: float = 2.0, gamma: float = 1.0,
                  min_papers: int = 3) -> dict[str, list[Burst]]:
    """Bursts of every entity with at least ``min_papers`` papers (see :func:`kleinberg_bursts`).

    Returns
    -------
    dict
        Entity id -> its bursts (entities without a burst are left out).
    """
    keep = np.flatnonzero(series.counts.sum(1) >= min_papers) if len(series.entities) else np.array([], int)
    if not len(keep) or not len(series.periods):
        return {}
    found = kleinberg_bursts(series.counts[keep], series.totals, s=s, gamma=gamma)
    return {series.entities[i]: b for i, b in zip(keep, found) if b}


# --------------------------------------------------------------------------- summary


def trends_summary(G: nx.MultiDiGraph, *, types: Iterable[str] | None = None, since: int | None = None,
                   granularity: str = "auto", window: int = 3, min_papers: int = 3, top: int = 20,
                   s: float = 2.0, gamma: float = 1.0) -> dict[str, Any]:
    """Trends, rising and falling entities and bursts as plain, JSON-ready rows.

    Parameters
    ----------
    G : the graph.
    types, since, granularity : see :func:`entity_series`.
    window, min_papers : see :func:`rising_falling` (``min_papers`` also
        gates bursts).
    top : how many entities to list in ``entities``, ``rising`` and ``falling``.
    s, gamma : see :func:`kleinberg_bursts`.

    Returns
    -------
    dict
        ``granularity``, ``periods``, ``totals``; ``entities``: the ``top``
        entities by papers with ``counts`` and ``share`` per period;
        ``rising`` / ``falling``: trends with a positive / negative slope;
        ``bursts``: every burst with ``start`` and ``end`` periods, strongest first.
    """
    series = entity_series(G, types=types, since=since, granularity=granularity)
    share = series.share()
    names = {e: _entity_info(G, e) for e in series.entities}
    index = {e: i for i, e in enumerate(series.entities)}
    totals = series.counts.sum(1)
    order = sorted(range(len(series.entities)), key=lambda i: (-totals[i], series.entities[i]))[:top]
    entities = [{**names[series.entities[i]], "papers": int(totals[i]),
                 "counts": series.counts[i].tolist(), "share": [round(float(x), 4) for x in share[i]]}
                for i in order]
    trends = rising_falling(series, window=window, min_papers=min_papers)

    def trend_row(t: Trend) -> dict[str, Any]:
        return {**names[t.entity], "papers": int(totals[index[t.entity]]), "slope": round(t.slope, 5),
                "recent": t.recent, "earlier": t.earlier, "share_recent": round(t.share_recent, 4),
                "share_earlier": round(t.share_earlier, 4), "ratio": _significant(t.ratio)}

    bursts = [{**names[e], "start": series.periods[b.start], "end": series.periods[b.end],
               "weight": round(b.weight, 3), "papers": int(series.counts[index[e], b.start:b.end + 1].sum())}
              for e, found in entity_bursts(series, s=s, gamma=gamma, min_papers=min_papers).items()
              for b in found]
    bursts.sort(key=lambda b: (-b["weight"], b["id"], b["start"]))
    return {
        "granularity": series.granularity,
        "periods": list(series.periods),
        "totals": series.totals.tolist(),
        "entities": entities,
        "rising": [trend_row(t) for t in trends if t.slope > 0][:top],
        "falling": [trend_row(t) for t in reversed(trends) if t.slope < 0][:top],
        "bursts": bursts,
        "window": window,
        "min_papers": min_papers,
    }


def _entity_info(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    data = G.nodes[node]
    return {"id": node, "name": str(data.get("name") or node), "type": data.get("type")}
