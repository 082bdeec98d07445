"""The store: where coded articles are kept, in DuckDB or as Parquet files, and how they are read back.

    schema      every table (the store's and the analysis tables), the schema version, migrations
    rows        records -> rows and Arrow tables, shared by both writers
    database    :class:`Store`: one DuckDB database, transactional writes, the CLI's queries
    parquet     :class:`~eventwire.store.parquet.ParquetWriter` and the views that read its files
    filters     :class:`EventFilter`: the one event filter of the CLI, the web UI and the analysis

    from eventwire.store import Store

    with Store.open("eventwire.duckdb") as store:
        rows = store.events(actor="IRN", root="05")
"""

from __future__ import annotations

from .database import Store
from .filters import EventFilter
from .rows import WriteSummary, article_key
from .schema import ANALYSIS_TABLES, SCHEMA_VERSION, TABLES, WATCH_TABLES

__all__ = ["ANALYSIS_TABLES", "SCHEMA_VERSION", "TABLES", "WATCH_TABLES", "EventFilter", "Store", "WriteSummary",
           "article_key"]
