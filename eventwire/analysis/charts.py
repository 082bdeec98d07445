"""Pictures of series and networks with matplotlib (Agg backend: files only, no window, no network).

The file suffix chooses the format: ``.png`` or ``.svg`` (anything matplotlib writes works).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#7fb3d5", "#1f618d", "#f5b041", "#c0392b")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def series_chart(series: list[dict[str, Any]], path: str | Path, title: str) -> Path:
    """Stacked bars of events per QuadClass per period, with the mean Goldstein value as a line."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(max(6.0, 0.35 * len(series) + 2), 4))
    periods = [row["period"] for row in series]
    bottom = [0] * len(series)
    for i, (label, colour) in enumerate(zip(QUAD_LABELS, QUAD_COLOURS, strict=True), start=1):
        heights = [row[f"q{i}"] for row in series]
        axes.bar(periods, heights, bottom=bottom, color=colour, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    axes.set_ylabel("events")
    axes.set_title(title)
    axes.tick_params(axis="x", labelrotation=60, labelsize=7)
    goldstein = axes.twinx()
    goldstein.plot(periods, [row["goldstein"] if row["goldstein"] is not None else float("nan") for row in series],
                   color="black", marker="o", markersize=3, linewidth=1, label="mean Goldstein")
    goldstein.set_ylim(-10, 10)
    goldstein.set_ylabel("mean Goldstein")
    axes.legend(loc="upper left", fontsize=7)
    figure.tight_layout()
    figure.savefig(str(path))
    plt.close(figure)
    return Path(path)


def network_picture(data: dict[str, list[dict[str, Any]]], path: str | Path, title: str,
                    labels: int = 30) -> Path:
    """The actor graph: node size by events, node fill by community (as on the web page's network), edge colour
    by mean Goldstein (red conflict, blue cooperation).

    Only the ``labels`` most active nodes are labelled, so large graphs stay readable.
    """
    import networkx as nx

    from .layout import Link, communities_of, community_colour
    from .network import to_networkx

    plt = _pyplot()
    graph = to_networkx(data)
    figure, axes = plt.subplots(figsize=(9, 9))
    if graph.number_of_nodes():
        layout = nx.spring_layout(graph, seed=7, k=1.5 / max(1, graph.number_of_nodes()) ** 0.5)
        sizes = [40 + 20 * graph.nodes[n]["events"] ** 0.7 for n in graph]
        colours = [graph.edges[e]["goldstein"] for e in graph.edges]
        community = communities_of(list(graph), [Link(s, t, graph.edges[s, t]["events"]) for s, t in graph.edges])
        fills = [community_colour(community[n]) for n in graph]
        nx.draw_networkx_nodes(graph, layout, node_size=sizes, node_color=fills, edgecolors="#566573", ax=axes)
        nx.draw_networkx_edges(graph, layout, edge_color=colours, edge_cmap=plt.get_cmap("coolwarm_r"),
                               edge_vmin=-10, edge_vmax=10, arrowsize=8, width=1.2, ax=axes)
        top = sorted(graph, key=lambda n: -graph.nodes[n]["events"])[:labels]
        nx.draw_networkx_labels(graph, layout, labels={n: n for n in top}, font_size=7, ax=axes)
    axes.set_title(title)
    axes.set_axis_off()
    figure.tight_layout()
    figure.savefig(str(path))
    plt.close(figure)
    return Path(path)
