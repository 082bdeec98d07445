"""The actor network: who acts on whom, how often and how (mean Goldstein), from canonical events.

    data = network(store, since="2018-01-01", min_events=2)
    # {"nodes": [{"id", "code", "name", "events"}], "edges": [{"source", "target", "events", "goldstein"}]}
    write_graphml(data, "net.graphml"); draw(data, "net.png")

Nodes are actor codes (``id`` equals ``code``); an edge is directed from the acting to the acted-on code.
``since`` and ``until`` compare ISO dates at the precision of the event date, like ``eventwire events``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from ..store.filters import CANONICAL_EVENTS, EventFilter, conditions
from .linking import ensure_linked, rows

_EDGES = """
SELECT source_code AS source, target_code AS target, count(*) AS events, avg(goldstein) AS goldstein
FROM canonical_events
WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code {dates}
GROUP BY ALL HAVING count(*) >= ? ORDER BY events DESC, source, target
"""

_NAMES = """
SELECT code, name FROM (
    SELECT code, name, row_number() OVER (PARTITION BY code ORDER BY count(*) DESC, name) AS rank
    FROM (SELECT source_code AS code, source_name AS name FROM canonical_events
          UNION ALL SELECT target_code, target_name FROM canonical_events)
    WHERE code IN (SELECT unnest(?)) AND name IS NOT NULL GROUP BY code, name
) WHERE rank = 1
"""


def network(store: Store, *, since: str | None = None, until: str | None = None,
            min_events: int = 1) -> dict[str, list[dict[str, Any]]]:
    """Nodes and directed edges of the actor graph; edges with fewer than ``min_events`` events are dropped."""
    ensure_linked(store)
    where, params = conditions(EventFilter(since=since, until=until), CANONICAL_EVENTS)
    dates = "".join(f" AND {condition}" for condition in where)
    edges = [{**e, "events": int(e["events"]), "goldstein": round(float(e["goldstein"]), 3)}
             for e in rows(store, _EDGES.format(dates=dates), [*params, int(min_events)])]
    totals: dict[str, int] = {}
    for edge in edges:
        for end in (edge["source"], edge["target"]):
            totals[end] = totals.get(end, 0) + edge["events"]
    names = {r["code"]: r["name"] for r in rows(store, _NAMES, [sorted(totals)])} if totals else {}
    nodes = [{"id": code, "code": code, "name": names.get(code), "events": n}
             for code, n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    return {"nodes": nodes, "edges": edges}


def to_networkx(data: dict[str, list[dict[str, Any]]]) -> Any:
    """The network as a ``networkx.DiGraph`` (node and edge attributes as in ``data``)."""
    import networkx as nx

    graph = nx.DiGraph()
    for node in data["nodes"]:
        graph.add_node(node["id"], code=node["code"], name=node["name"] or "", events=node["events"])
    for edge in data["edges"]:
        graph.add_edge(edge["source"], edge["target"], events=edge["events"], goldstein=edge["goldstein"])
    return graph


def write_graphml(data: dict[str, list[dict[str, Any]]], path: str | Path) -> Path:
    """Write the network as GraphML (readable by Gephi, Cytoscape, networkx, igraph)."""
    import networkx as nx

    nx.write_graphml(to_networkx(data), str(path))
    return Path(path)
