"""Charts drawn on the server as SVG: the dyad timeline and the network. No JavaScript library, no CDN.

Each drawing is a standalone SVG document (white background, its own font), so the page can offer it
as a file (SVG, or PNG drawn from it in the browser); ``data-name`` is the file name it is saved under.

Every label that comes from the data is escaped; the functions return :class:`markupsafe.Markup`
so templates insert the drawing as it is.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..analysis.layout import COMMUNITY_COLOURS, OTHER_COMMUNITY, community_colour

__all__ = ["COMMUNITY_COLOURS", "OTHER_COMMUNITY", "community_colour", "network", "timeline"]

QUAD_COLOURS = {1: "#4c9a2a", 2: "#1f6fb2", 3: "#e69f00", 4: "#c0392b"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _text(x: float, y: float, label: Any, anchor: str = "middle", size: int = 11, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"{klass}>'
            f"{escape(str(label))}</text>")


def timeline(series: list[dict[str, Any]], width: int = 760, height: int = 280, name: str = "timeline") -> Markup:
    """Stacked bars of events per period by QuadClass, with the mean Goldstein as a line (−10…10)."""
    if not series:
        return Markup('<p class="empty">No dated events for this dyad.</p>')
    left, right, top, bottom = 44, 44, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(row["events"] for row in series) or 1
    step = plot_w / len(series)
    bar_w = min(48.0, max(2.0, step * 0.7))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-family="sans-serif" data-name="{escape(name)}" '
             f'aria-label="events per month by QuadClass">', f'<rect width="{width}" height="{height}" fill="#fff"/>']
    parts += _axes(left, top, plot_w, plot_h, peak)
    line: list[str] = []
    for i, row in enumerate(series):
        x = left + i * step + (step - bar_w) / 2
        parts += _stack(row, x, bar_w, top + plot_h, plot_h / peak)
        if row.get("mean_goldstein") is not None:
            gy = top + plot_h * (10 - float(row["mean_goldstein"])) / 20
            line.append(f"{x + bar_w / 2:.1f},{gy:.1f}")
            parts.append(f'<circle cx="{x + bar_w / 2:.1f}" cy="{gy:.1f}" r="3" fill="#222"><title>'
                         f'{escape(row["period"])}: mean Goldstein {row["mean_goldstein"]}</title></circle>')
        if len(series) <= 24 or i % math.ceil(len(series) / 24) == 0:
            parts.append(_text(x + bar_w / 2, top + plot_h + 14, row["period"], size=9, cls="tick"))
    if line:
        parts.append(f'<polyline class="goldstein" points="{" ".join(line)}" fill="none" stroke="#222" '
                     f'stroke-width="1.5" stroke-dasharray="4 2"/>')
    parts += _legend(left, height - 18)
    parts.append("</svg>")
    return Markup("".join(parts))


def _axes(left: float, top: float, plot_w: float, plot_h: float, peak: int) -> list[str]:
    base = top + plot_h
    out = [f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#888"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#888"/>',
           _text(left - 6, top + 4, peak, "end", 10), _text(left - 6, base, 0, "end", 10),
           _text(left + plot_w + 6, top + 4, "+10", "start", 10), _text(left + plot_w + 6, base, "−10", "start", 10),
           _text(left + plot_w + 6, top + plot_h / 2 + 3, "0", "start", 10)]
    return out


def _stack(row: dict[str, Any], x: float, width: float, base: float, scale: float) -> list[str]:
    out, y = [], base
    for quad in (1, 2, 3, 4):
        count = int(row.get(f"q{quad}") or 0)
        if not count:
            continue
        h = count * scale
        y -= h
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}" '
                   f'fill="{QUAD_COLOURS[quad]}"><title>{escape(row["period"])}: {count} '
                   f"{QUAD_NAMES[quad]}</title></rect>")
    return out


def _legend(x: float, y: float) -> list[str]:
    out = []
    for quad in (1, 2, 3, 4):
        out.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{QUAD_COLOURS[quad]}"/>')
        out.append(_text(x + 14, y, QUAD_NAMES[quad], "start", 10))
        x += 128
    out.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 18:.1f}" y2="{y - 4:.1f}" stroke="#222" '
               f'stroke-dasharray="4 2"/>')
    out.append(_text(x + 22, y, "mean Goldstein (right axis)", "start", 10))
    return out


def _colour(goldstein: float | None) -> str:
    """Green for cooperative (positive Goldstein), red for conflictual, grey in between."""
    if goldstein is None:
        return "#999"
    return "#4c9a2a" if goldstein > 1 else "#c0392b" if goldstein < -1 else "#999"


def _radius(events: int) -> float:
    return 4 + 3 * math.log1p(events)


def network(data: dict[str, Any], size: int = 720) -> Markup:
    """Nodes where the force-directed layout put them (``x``, ``y`` in 0…1), filled by community; directed
    edges as arrows, width by count, colour by mean Goldstein."""
    nodes, edges = data["nodes"], data["edges"]
    if not nodes:
        return Markup('<p class="empty">No events with both a source and a target.</p>')
    margin = 40
    spots = {n["code"]: (margin + (size - 2 * margin) * float(n.get("x", 0.5)),
                         margin + (size - 2 * margin) * float(n.get("y", 0.5))) for n in nodes}
    top = max(e["events"] for e in edges) if edges else 1
    degree = {n["code"]: n["events"] for n in nodes}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart network" role="img" viewBox="0 0 {size} {size}" '
             f'width="{size}" height="{size}" font-family="sans-serif" data-name="network" '
             f'aria-label="who acts on whom">',
             f'<rect width="{size}" height="{size}" fill="#fff"/>',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
             'markerUnits="userSpaceOnUse" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>']
    for edge in edges:
        parts.append(_edge(edge, spots, _radius(degree[edge["target"]]) + 2, 0.8 + 4 * edge["events"] / top))
    for node in nodes:
        x, y = spots[node["code"]]
        r = _radius(node["events"])
        community = int(node.get("community", 0))
        href = escape("/actors/" + quote(node["code"], safe=""))
        parts.append(f'<a href="{href}" class="node" data-community="{community}"><circle cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{r:.1f}" fill="{community_colour(community)}" stroke="#fff" stroke-width="1">'
                     f"<title>{escape(node['code'])}: {node['events']} events, community {community + 1}</title>"
                     "</circle>" + _text(x, y - r - 3, node["code"], size=10) + "</a>")
    parts.append("</svg>")
    return Markup("".join(parts))


def _edge(edge: dict[str, Any], spots: dict[str, tuple[float, float]], back: float, width: float) -> str:
    """An arrow from source to target that stops ``back`` short of the target's centre."""
    (x1, y1), (x2, y2) = spots[edge["source"]], spots[edge["target"]]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    x2, y2 = x2 - (x2 - x1) * back / length, y2 - (y2 - y1) * back / length
    return (f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{_colour(edge["mean_goldstein"])}" stroke-width="{width:.1f}" stroke-opacity="0.6" '
            f'marker-end="url(#arrow)"><title>{escape(edge["source"])} → {escape(edge["target"])}: '
            f'{edge["events"]} events, mean Goldstein {edge["mean_goldstein"]}</title></line>')
