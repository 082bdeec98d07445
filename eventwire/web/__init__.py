"""The analyst's desk: a REST API and server-rendered pages over the store (``eventwire serve``).

    from eventwire.web import WebConfig, create_app
    app = create_app(WebConfig(Settings(db="eventwire.duckdb"), token="secret"))

Modules: :mod:`.app` (the application and its security middleware), :mod:`.rest` (the JSON API),
:mod:`.pages` (the HTML pages), :mod:`.queries` (the SQL behind both), :mod:`.annotate` (the
annotated article), :mod:`.charts` (SVG drawn on the server), :mod:`.database` (one DuckDB
instance per server, a cursor per request, one writer thread), :mod:`.command` (the CLI command).
"""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
