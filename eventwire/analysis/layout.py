"""Where to draw an actor graph: force-directed positions and communities, for the top of a network only.

    placed = force_layout(["RUS", "UKR", "USA"], [Link("RUS", "UKR", 30), Link("USA", "UKR", 4)])
    # [Placed(code="RUS", x=0.0, y=0.93, community=0), ...]   x and y in 0…1, community 0 is the largest

The layout is networkx's Fruchterman–Reingold spring layout (edges pull by the logarithm of their event
count, so one busy dyad does not crush the rest); communities are Louvain communities of the undirected
graph weighted by event counts. Both are seeded, so the same graph is drawn the same way every time.
The work grows with the square of the nodes, so callers lay out the most active ``MAX_NODES`` at most.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_NODES = 200
SEED = 7
# The fills of the ten largest communities (0 first), and of all the others.
COMMUNITY_COLOURS = ("#1f6fb2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f3c8d", "#8c6d31",
                     "#2f4b7c", "#b8860b")
OTHER_COMMUNITY = "#8a8a8a"


@dataclass(frozen=True)
class Link:
    """Events from one actor code to another (direction does not matter to the layout)."""

    source: str
    target: str
    events: int


@dataclass(frozen=True)
class Placed:
    """A node's position in the unit square and its community (0 is the largest)."""

    code: str
    x: float
    y: float
    community: int


def force_layout(codes: Sequence[str], links: Sequence[Link], seed: int = SEED) -> list[Placed]:
    """Positions and communities of ``codes`` (in their order) joined by ``links``; links to other codes are ignored."""
    if len(codes) > MAX_NODES:
        raise ValueError(f"{len(codes)} actors are too many to lay out; keep the {MAX_NODES} most active "
                         "(a higher minimum of events, or a lower limit)")
    graph = _graph(codes, links)
    community = communities(graph, seed)
    spots = _positions(graph, seed)
    return [Placed(code, spots[code][0], spots[code][1], community[code]) for code in codes]


def community_colour(community: int) -> str:
    """The fill of a community's nodes: ten distinct colours for the largest ten, grey for the rest."""
    return COMMUNITY_COLOURS[community] if 0 <= community < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY


def communities_of(codes: Sequence[str], links: Sequence[Link], seed: int = SEED) -> dict[str, int]:
    """Each code's community, without a layout (any number of codes: Louvain is near linear in the links)."""
    return communities(_graph(codes, links), seed)


def _graph(codes: Sequence[str], links: Sequence[Link]) -> Any:
    """The undirected graph: one edge per pair, weighted by the events of both directions."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(dict.fromkeys(codes))
    for link in links:
        if link.source == link.target or link.source not in graph or link.target not in graph:
            continue
        before = graph.get_edge_data(link.source, link.target, default={"events": 0})["events"]
        graph.add_edge(link.source, link.target, events=before + link.events)
    for _, _, data in graph.edges(data=True):
        data["pull"] = math.log1p(data["events"])
    return graph


def communities(graph: Any, seed: int = SEED) -> dict[str, int]:
    """Each node's Louvain community, numbered by size (largest first, ties by their first code)."""
    from networkx.algorithms.community import louvain_communities

    if graph.number_of_nodes() == 0:
        return {}
    found = louvain_communities(graph, weight="events", seed=seed)
    ordered = sorted((sorted(group) for group in found), key=lambda group: (-len(group), group[0]))
    return {code: number for number, group in enumerate(ordered) for code in group}


def _positions(graph: Any, seed: int) -> dict[str, tuple[float, float]]:
    """Spring-layout positions scaled into the unit square (the same scale on both axes, centred)."""
    import networkx as nx

    count = graph.number_of_nodes()
    if count == 0:
        return {}
    if count == 1:
        return {next(iter(graph)): (0.5, 0.5)}
    raw = nx.spring_layout(graph, weight="pull", seed=seed, iterations=50, k=1.6 / math.sqrt(count))
    xs, ys = [float(p[0]) for p in raw.values()], [float(p[1]) for p in raw.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    dx, dy = (span - (max(xs) - min(xs))) / 2, (span - (max(ys) - min(ys))) / 2
    return {code: (round((float(p[0]) - min(xs) + dx) / span, 4), round((float(p[1]) - min(ys) + dy) / span, 4))
            for code, p in raw.items()}
