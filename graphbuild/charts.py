"""Small SVG charts drawn in Python, for pages that must work offline.

Each function returns one ``<svg>`` element as text, sized in pixels, with
every label escaped and a ``<title>`` on each mark so hovering shows the
value. No script and no external reference: the report page and the trends
chart inline them as they are.

>>> svg = bar_chart(["2021", "2022"], [3, 5])
>>> svg.startswith("<svg") and svg.count("<rect") == 2
True
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

from .errors import cluster_cut, visible

__all__ = ["bar_chart", "hbar_chart", "small_multiple", "burst_timeline", "esc", "printable", "fit", "cluster_cut"]

_INK = "#3c4043"
_MUTED = "#80868b"
_BAR = "#4e79a7"
_BURST = "#e15759"


#: control characters a page would drop (NUL) or draw as an empty box: C0 but tab and line ends, DEL, C1
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    r"""``text`` with each control character a page cannot show written as its escape (``\x1b``), as the
    command line's tables write it; right-to-left marks, tabs and line ends stay.

    >>> printable("NUL\x00 ESC\x1b[31m \u200f\tkept")
    'NUL\\x00 ESC\\x1b[31m \u200f\tkept'
    """
    return visible(str(text), _CONTROL)


def esc(text: object) -> str:
    """HTML-escape ``text`` for element content and attribute values, control characters shown as escapes."""
    return html.escape(printable(text), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


#: letters about as wide as the font's size, and letters about a third of it (a sans-serif face)
_WIDE_LETTERS = frozenset("mwMW@%")
_NARROW_LETTERS = frozenset("fijlrtI.,:;'!|() ")


def _em(char: str) -> float:
    """The width of ``char`` in ems, a generous estimate for a sans-serif face (no font at hand in Python)."""
    if char in _WIDE_LETTERS or unicodedata.east_asian_width(char) in "WF":  # CJK and emoji take a full em
        return 1.0
    if char in _NARROW_LETTERS:
        return 0.35
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return 0.75 if char.isupper() else 0.62


def fit(text: str, room: float, size: float = 11.0) -> str:
    """``text`` cut with "…" so that it fits ``room`` pixels at font ``size``, by the widths of its characters
    (a count of characters let a name of capitals, wide letters or CJK run past the chart's edge).

    >>> fit("ordinary name of a method", 132), fit("大規模言語モデルによる知識グラフ", 132)
    ('ordinary name of a m…', '大規模言語モデルによる…')
    """
    limit = room / size
    if len(text) <= limit:  # no character is wider than an em: nothing this short can overflow
        return text
    width, cut = 0.0, -1
    for i, char in enumerate(text):
        width += _em(char)
        if cut < 0 and width > limit - 1.0:  # from here on, no room for the ellipsis too
            cut = i
        if width > limit:
            return text[:cluster_cut(text, cut)].rstrip() + "…"
    return text


def _tick_every(n: int, room: int) -> int:
    return max(1, -(-n // max(room, 1)))


def bar_chart(labels: Sequence[str], values: Sequence[float], *, width: int = 560, height: int = 160,
              color: str = _BAR, unit: str = "papers") -> str:
    """Vertical bars, one per label (e.g. papers per year), with sparse x labels."""
    n = len(labels)
    top, bottom, left = 14, 22, 34
    plot_w, plot_h = width - left - 6, height - top - bottom
    peak = max([float(v) for v in values] + [1.0])
    slot = plot_w / max(n, 1)
    every = _tick_every(n, plot_w // 44)
    parts = [f'<svg class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">',
             f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" class="tick">{_num(peak)}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" class="tick">0</text>']
    for i, (label, value) in enumerate(zip(labels, values)):
        h = plot_h * float(value) / peak
        x = left + i * slot
        parts.append(f'<rect x="{_num(x + slot * 0.1)}" y="{_num(top + plot_h - h)}" '
                     f'width="{_num(max(slot * 0.8, 0.5))}" height="{_num(h)}" fill="{color}">'
                     f'<title>{esc(label)}: {_num(float(value))} {esc(unit)}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{_num(x + slot / 2)}" y="{height - 6}" text-anchor="middle" '
                         f'class="tick">{esc(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(labels: Sequence[str], values: Sequence[float], *, width: int = 360, bar: int = 16,
               colors: Sequence[str] | None = None, links: Sequence[str | None] | None = None) -> str:
    """Horizontal bars with the label on the left and the value on the right."""
    n = len(labels)
    label_w, value_w = int(width * 0.42), 44
    plot_w = width - label_w - value_w
    height = n * (bar + 4) + 4
    peak = max([float(v) for v in values] + [1.0])
    parts = [f'<svg class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for i, (label, value) in enumerate(zip(labels, values)):
        y = 4 + i * (bar + 4)
        w = plot_w * float(value) / peak
        color = colors[i] if colors else _BAR
        text = esc(fit(str(label), label_w - 8))
        name = f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end" class="lbl">{text}</text>'
        if links and links[i]:
            name = f'<a href="{esc(links[i])}">{name}</a>'
        parts.append(name)
        parts.append(f'<rect x="{label_w}" y="{y}" width="{_num(max(w, 0.5))}" height="{bar}" fill="{color}">'
                     f'<title>{esc(label)}: {_num(float(value))}</title></rect>')
        parts.append(f'<text x="{_num(label_w + w + 4)}" y="{y + bar - 4}" class="tick">{_num(float(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def small_multiple(title: str, periods: Sequence[str], values: Sequence[float], *,
                   bursts: Sequence[tuple[int, int]] = (), width: int = 180, height: int = 70,
                   peak: float | None = None) -> str:
    """One entity's share over time as a filled line, burst periods shaded, for a grid of them."""
    n = len(periods)
    top, bottom = 16, 12
    plot_h = height - top - bottom
    peak = peak or max([float(v) for v in values] + [1e-9])
    step = (width - 8) / max(n - 1, 1)
    pts = [(4 + i * step, top + plot_h - plot_h * float(v) / peak) for i, v in enumerate(values)]
    parts = [f'<svg class="chart sm" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img"><title>{esc(title)}</title>']
    for a, b in bursts:
        x0 = 4 + (a - 0.5) * step if n > 1 else 4
        x1 = 4 + (b + 0.5) * step if n > 1 else width - 4
        parts.append(f'<rect x="{_num(max(x0, 4))}" y="{top}" width="{_num(min(x1, width - 4) - max(x0, 4))}" '
                     f'height="{plot_h}" fill="{_BURST}" opacity="0.18"><title>burst {esc(periods[a])}'
                     f'–{esc(periods[b])}</title></rect>')
    if pts:
        line = " ".join(f"{_num(x)},{_num(y)}" for x, y in pts)
        base = top + plot_h
        parts.append(f'<polygon points="{_num(pts[0][0])},{base} {line} {_num(pts[-1][0])},{base}" '
                     f'fill="{_BAR}" opacity="0.25"/>')
        parts.append(f'<polyline points="{line}" fill="none" stroke="{_BAR}" stroke-width="1.5"/>')
    parts.append(f'<text x="4" y="11" class="lbl">{esc(fit(title, width - 8))}</text>')
    if n:
        parts.append(f'<text x="4" y="{height - 1}" class="tick">{esc(periods[0])}</text>'
                     f'<text x="{width - 4}" y="{height - 1}" text-anchor="end" class="tick">{esc(periods[-1])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def burst_timeline(periods: Sequence[str], rows: Sequence[tuple[str, int, int, str]], *,
                   width: int = 760, row_h: int = 18) -> str:
    """Bursts as bars on a shared time axis: ``rows`` of ``(label, start, end, tooltip)``."""
    n = len(periods)
    label_w, top = 170, 20
    plot_w = width - label_w - 10
    slot = plot_w / max(n, 1)
    height = top + len(rows) * row_h + 6
    every = _tick_every(n, plot_w // 44)
    parts = [f'<svg class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    for i in range(0, n, every):
        x = label_w + i * slot
        parts.append(f'<line x1="{_num(x)}" y1="{top - 4}" x2="{_num(x)}" y2="{height}" stroke="#e8eaed"/>'
                     f'<text x="{_num(x + 2)}" y="12" class="tick">{esc(periods[i])}</text>')
    for j, (label, a, b, tip) in enumerate(rows):
        y = top + j * row_h
        text = esc(fit(label, label_w - 8))
        parts.append(f'<text x="{label_w - 6}" y="{y + row_h - 6}" text-anchor="end" class="lbl">{text}</text>')
        parts.append(f'<rect x="{_num(label_w + a * slot)}" y="{y + 3}" width="{_num(max((b - a + 1) * slot, 2))}" '
                     f'height="{row_h - 6}" rx="3" fill="{_BURST}"><title>{esc(tip)}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)
