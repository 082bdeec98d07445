"""Analysis over a store: each real event counted once, dyad series, timelines, the actor network, exports.

    from eventwire.store import Store
    from eventwire import analysis

    with Store.open("eventwire.duckdb") as store:
        analysis.link(store)                              # stories, canonical events, mentions (idempotent)
        analysis.dyad_series(store, "IRN", "USA", "month")
        analysis.network(store, since="2018-01-01", min_events=2)
        analysis.top_actors(store, limit=20)
        analysis.timeline(store, "SYR", freq="week")

Every function returns plain lists of dicts (DataFrame twins are in :mod:`eventwire.analysis.frames`).
The query functions link the store first when its articles or events changed since the last link.
"""

from __future__ import annotations

from .export import export
from .linking import ensure_linked, is_stale, link
from .network import network
from .series import dyad_series, timeline, top_actors

__all__ = [
    "dyad_series",
    "ensure_linked",
    "export",
    "is_stale",
    "link",
    "network",
    "timeline",
    "top_actors",
]
