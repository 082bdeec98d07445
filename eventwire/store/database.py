"""The DuckDB store: one open database, idempotent transactional writes, and the queries behind the CLI.

    with Store.open("eventwire.duckdb") as store:
        summary = store.write(results, skips)      # one transaction: all rows of the batch or none
        rows = store.events(actor="IRN", root="05")

Every row is keyed by its article's ``key``, the SHA-256 of the article text
(:func:`eventwire.ids.content_hash`). Writing an article whose key is already stored leaves it as
it is and counts it as "already stored", so ingesting the same files twice changes nothing.
Inputs that could not be read and articles whose coding failed go to the ``errors`` table.
The tables and their columns are listed in :mod:`eventwire.store.schema` and described in
docs/schema.md; rows are built by :mod:`eventwire.store.rows`, filters by :mod:`eventwire.store.filters`.
All SQL takes its values as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from .. import ontology
from ..errors import StoreError
from ..models import Result, Skipped
from . import schema
from .filters import EventFilter, conditions, where_clause
from .rows import Row, WriteSummary, arrow_table, article_key, batch_rows, fresh_results


class Store:
    """One open DuckDB database. Use :meth:`open`, preferably as a context manager."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open (and for writing, create) the database at ``path``, creating the schema if needed."""
        path = str(path)
        if read_only and _parquet_location(path):
            return cls.open_parquet(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"no database at {path}: run `eventwire ingest PATH --db {path}` first")
        try:
            connection = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(_open_message(path, exc)) from exc
        store = cls(connection, path)
        if not read_only:
            store.create_schema()
        return store

    @classmethod
    def open_parquet(cls, url: str) -> Store:
        """A read-only store over the Parquet output of ``eventwire ingest --out parquet`` (a folder or URL)."""
        from .parquet import attach

        connection = duckdb.connect(":memory:")
        try:
            attach(connection, url)
        except duckdb.Error as exc:
            connection.close()
            raise StoreError(f"cannot read the Parquet files under {url}: {exc}") from exc
        return cls(connection, url)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def create_schema(self) -> None:
        """Create the tables that do not exist yet and add the columns a newer version has to older
        tables, at their end (existing data is never touched; new columns are NULL for old rows)."""
        try:
            schema.migrate(self.connection)
        except duckdb.Error as exc:
            raise StoreError(f"cannot bring the tables of {self.path} up to schema version "
                             f"{schema.SCHEMA_VERSION}: {exc}. Open it with a writable path.") from exc

    # ------------------------------------------------------------------------- writing

    def known(self, keys: Iterable[str]) -> set[str]:
        """The subset of article ``keys`` already stored."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return set()
        rows = self._query("SELECT key FROM articles WHERE key IN (SELECT unnest(?))", [wanted])
        return {row[0] for row in rows}

    def write(self, results: Sequence[Result], skips: Sequence[Skipped] = (),
              *, keys: Sequence[str | None] | None = None) -> WriteSummary:
        """Store one batch in one transaction: every row of the batch, or (on error) none.

        ``keys`` optionally gives the article key of each skip (an article whose coding failed),
        so the errors row points at the article. Raises :class:`StoreError` after rolling back.
        """
        at = datetime.now(UTC).replace(tzinfo=None)
        try:
            self.connection.execute("BEGIN TRANSACTION")
            summary = self._write_batch(results, skips, keys or [None] * len(skips), at)
            self.connection.execute("COMMIT")
        except duckdb.Error as exc:
            self.connection.execute("ROLLBACK")
            raise StoreError(
                f"writing a batch of {len(results)} articles to {self.path} failed and was rolled back "
                f"(earlier batches are kept): {exc}"
            ) from exc
        return summary

    def _write_batch(self, results: Sequence[Result], skips: Sequence[Skipped],
                     keys: Sequence[str | None], at: datetime) -> WriteSummary:
        fresh = fresh_results(results, self.known(article_key(r.article) for r in results))
        for table, table_rows in batch_rows(fresh, at).items():
            self._insert(table, table_rows)
        return WriteSummary(
            stored=len(fresh),
            already_stored=len(results) - len(fresh),
            errors=self._write_errors(skips, keys, at),
            events=sum(len(r.events) for r in fresh.values()),
        )

    def _write_errors(self, skips: Sequence[Skipped], keys: Sequence[str | None], at: datetime) -> int:
        """Add the errors rows not recorded yet (the same origin, reason and key is recorded once)."""
        written = 0
        for skip, key in zip(skips, keys, strict=False):
            exists = self._query(
                "SELECT 1 FROM errors WHERE origin = ? AND reason = ? AND article_key IS NOT DISTINCT FROM ?",
                [skip.origin, skip.reason, key],
            )
            if not exists:
                self._insert("errors", [(key, skip.origin, skip.reason, at)])
                written += 1
        return written

    def _insert(self, table: str, rows: Sequence[Row]) -> None:
        """Insert ``rows`` in one statement, through an Arrow table (much faster than bound VALUES)."""
        if not rows:
            return
        self.connection.register("_eventwire_batch", arrow_table(table, rows))
        try:
            self.connection.execute(f"INSERT INTO {table} SELECT * FROM _eventwire_batch")
        finally:
            self.connection.unregister("_eventwire_batch")

    # ------------------------------------------------------------------------- reading

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return self.connection.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.connection.execute(sql, list(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except duckdb.Error as exc:
            raise StoreError(f"query on {self.path} failed: {exc}") from exc

    def count(self, table: str) -> int:
        """Number of rows in one of the store's tables (:data:`eventwire.store.schema.TABLES`)."""
        if table not in schema.TABLES:
            raise StoreError(f"no table {table!r}; the tables are {', '.join(schema.TABLES)}")
        return int(self._query(f"SELECT count(*) FROM {table}")[0][0])

    def events(self, actor: str | None = None, dyad: tuple[str, str] | None = None,
               root: str | None = None, since: str | None = None, until: str | None = None,
               limit: int | None = None, implied: bool = True,
               min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Stored events with their article's id, title and date, filtered.

        ``actor`` matches the source or target code by prefix ("IRN" matches "IRNGOV"); ``dyad``
        (A, B) matches A→B and B→A by prefix; ``root`` is a CAMEO root ("05"); ``since`` and
        ``until`` are ISO dates compared at the precision of the event date, so an event dated
        "2018-07" is kept by ``since="2018-07-20"``; ``implied=False`` leaves out the events whose
        source is implied by their trigger, not told by the text; ``min_confidence`` keeps the events
        whose confidence is at least that.
        """
        flt = EventFilter(actor=actor, dyad=dyad, root=root, since=since, until=until,
                          implied=None if implied else False, min_confidence=min_confidence)
        where, params = conditions(flt)
        sql = (
            "SELECT a.id AS article_id, a.title AS article_title, a.published AS article_published, e.* "
            "FROM events e JOIN articles a ON a.key = e.article_key"
            + where_clause(where)
            + " ORDER BY a.published NULLS LAST, a.id, e.trigger_start, e.id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._dicts(sql, params)

    def quotes(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Stored quotes; ``speaker`` matches the speaker's name (case-insensitive part) or code prefix."""
        sql = ("SELECT a.id AS article_id, a.published AS article_published, q.* "
               "FROM quotes q JOIN articles a ON a.key = q.article_key")
        params: list[Any] = []
        if speaker:
            sql += " WHERE (contains(lower(q.speaker_name), lower(?)) OR starts_with(q.speaker_code, ?))"
            params += [speaker, speaker.upper()]
        return self._dicts(sql + " ORDER BY a.published NULLS LAST, a.id, q.start_char", params)

    def errors(self) -> list[dict[str, Any]]:
        """Inputs that were skipped and articles whose coding failed, oldest first."""
        return self._dicts('SELECT origin, reason, "at", article_key FROM errors ORDER BY "at", origin')

    def summary(self, top: int = 10, examples: int = 5) -> dict[str, Any]:
        """What the database holds: counts, events by CAMEO root and PLOVER type, top dyads, examples."""
        return {
            "articles": self.count("articles"),
            "errors": self.count("errors"),
            "events": self.count("events"),
            "quotes": self.count("quotes"),
            "by_root": [
                {**row, "label": _root_label(row["root"]) or row["label"]}
                for row in self._dicts(
                    "SELECT cameo_root AS root, max(CASE WHEN cameo_code = cameo_root THEN cameo_label END) "
                    "AS label, count(*) AS events FROM events GROUP BY cameo_root ORDER BY cameo_root"
                )
            ],
            "by_plover": self._dicts(
                "SELECT coalesce(plover_type, '-') AS type, count(*) AS events FROM events "
                "GROUP BY ALL ORDER BY events DESC, type"
            ),
            "top_dyads": self._dicts(
                "SELECT source_code AS source, target_code AS target, count(*) AS events FROM events "
                "WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
                "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?",
                [top],
            ),
            "examples": self._dicts(
                "SELECT a.id AS article_id, e.date_value AS date, e.source_code AS source, "
                "e.cameo_code AS cameo, e.cameo_label AS label, e.plover_type AS plover, "
                "e.target_code AS target, "
                "substr(CASE WHEN e.from_title THEN a.title ELSE a.text END, e.sentence_start + 1, "
                "e.sentence_end - e.sentence_start) AS evidence "
                "FROM events e JOIN articles a ON a.key = e.article_key "
                "WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL "
                "ORDER BY e.confidence DESC, a.id, e.trigger_start LIMIT ?",
                [examples],
            ),
        }

    def articles(self) -> Iterator[dict[str, Any]]:
        """Every stored article's metadata (no text), in publication order."""
        yield from self._dicts(
            "SELECT key, id, title, published, source, wire, url, origin, ingested_at FROM articles "
            "ORDER BY published NULLS LAST, id"
        )


def _root_label(root: str | None) -> str | None:
    """The CAMEO ontology's name of a root, or None for a root it does not know."""
    try:
        return ontology.root_label(root) if root else None
    except KeyError:
        return None


def _parquet_location(path: str) -> bool:
    """A folder or a URL: where Parquet output lives (a DuckDB database is one file)."""
    return "://" in path or Path(path).is_dir()


def _open_message(path: str, exc: Exception) -> str:
    text = str(exc)
    if "lock" in text.lower():
        return (f"cannot open {path}: another process is writing to it ({text}). Wait for that ingest "
                "to finish, or pass --db with another file.")
    return f"cannot open the database {path}: {text}. Check the path, or pass --db with another file."
