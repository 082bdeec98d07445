"""Parquet output: the store's tables as files partitioned by publication month, on any fsspec path.

    DIR/articles/month=2018-07/part-<batch>.parquet      one folder per table of eventwire.store.schema.TABLES
    DIR/events/month=2018-07/part-<batch>.parquet        (meta left out), one file per table, batch and
    DIR/events/month=none/part-<batch>.parquet           month; "none" holds undated articles and skips

``DIR`` is a local folder or an fsspec URL (``s3://bucket/feed``, ``gcs://…``, ``memory://…``).
:class:`ParquetWriter` has the writing half of :class:`~eventwire.store.Store` (``known`` and
``write``), so ingest stores to either; :func:`attach` puts views over the files into a DuckDB
connection, so every query of the store (and the query commands, with ``--db DIR``) reads them.
A batch's file name is derived from its article keys, so writing the same batch again replaces its
files instead of adding rows; the articles file is written last, so an article counts as stored only
once all its rows are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..ids import stable_id
from ..models import Result, Skipped
from .rows import Row, WriteSummary, arrow_table, batch_rows, fresh_results
from .schema import ROW_TABLES, TABLES, create_sql

PARQUET_TABLES = tuple(table for table in TABLES if table != "meta")
# Articles last: an article counts as stored only once all its rows are written.
WRITE_ORDER = (*(table for table in ROW_TABLES if table != "articles"), "articles")
UNDATED = "none"


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path inside it."""
    from fsspec.core import url_to_fs  # type: ignore[import-untyped]  # fsspec ships no type information

    try:
        fs, path = url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise StoreError(f"cannot open {url}: {exc}. Install the fsspec backend for its scheme "
                         "(s3fs for s3://, gcsfs for gcs://) or give a local folder.") from exc
    return fs, str(path)


def month_of(published: str | None) -> str:
    """The partition of an article: ``YYYY-MM`` of its publication date, or ``none``."""
    return published[:7] if published and len(published) >= 7 else UNDATED


class ParquetWriter:
    """Writes coded batches as Parquet files under one folder (local or fsspec)."""

    def __init__(self, fs: Any, root: str, url: str) -> None:
        self.fs, self.root, self.url = fs, root.rstrip("/"), url
        self._known = {row["key"] for row in self._read("articles", ["key"])}
        self._errors = {(row["origin"], row["reason"], row["article_key"])
                        for row in self._read("errors", ["origin", "reason", "article_key"])}

    @classmethod
    def open(cls, url: str) -> ParquetWriter:
        fs, root = filesystem(url)
        fs.makedirs(root, exist_ok=True)
        return cls(fs, root, url)

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Nothing stays open between batches; here for the same use as a Store."""

    def files(self, table: str) -> list[str]:
        """The Parquet files of ``table``, sorted."""
        return sorted(self.fs.glob(f"{self.root}/{table}/month=*/*.parquet"))

    def _read(self, table: str, columns: list[str]) -> Iterator[dict[str, Any]]:
        import pyarrow.parquet as pq

        for path in self.files(table):
            with self.fs.open(path, "rb") as handle:
                yield from pq.read_table(handle, columns=columns).to_pylist()

    def known(self, keys: Iterable[str]) -> set[str]:
        """The subset of article ``keys`` already written."""
        return {key for key in keys if key in self._known}

    def write(self, results: Sequence[Result], skips: Sequence[Skipped] = (),
              *, keys: Sequence[str | None] | None = None) -> WriteSummary:
        """Write one batch: a file per table and month; articles already written are left out."""
        at = datetime.now(UTC).replace(tzinfo=None)
        fresh = fresh_results(results, self._known)
        months = {key: month_of(result.article.published) for key, result in fresh.items()}
        batch = stable_id("part", *fresh, *(s.origin for s in skips))
        rows = batch_rows(fresh, at)
        try:
            for table in WRITE_ORDER:
                self._write_table(table, rows[table], months, batch)
            errors = self._write_errors(skips, keys or [None] * len(skips), at, batch)
        except (OSError, ValueError, TypeError) as exc:  # pyarrow's errors derive from these
            raise StoreError(f"writing a batch of {len(results)} articles to {self.url} failed: {exc}. "
                             "Its articles are not counted as stored; run the same ingest again.") from exc
        self._known.update(fresh)
        return WriteSummary(stored=len(fresh), already_stored=len(results) - len(fresh), errors=errors,
                            events=sum(len(r.events) for r in fresh.values()))

    def _write_table(self, table: str, rows: list[Row], months: dict[str, str], batch: str) -> None:
        by_month: dict[str, list[Row]] = {}
        for row in rows:
            by_month.setdefault(months.get(row[0], UNDATED), []).append(row)
        for month, month_rows in sorted(by_month.items()):
            self._write_file(table, month, month_rows, batch)

    def _write_file(self, table: str, month: str, rows: list[Row], batch: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = arrow_table(table, rows)
        if table == "articles":  # a real DATE column; a date that does not exist fails here
            index = data.schema.get_field_index("published")
            data = data.set_column(index, "published", data["published"].cast(pa.date32()))
        folder = f"{self.root}/{table}/month={month}"
        self.fs.makedirs(folder, exist_ok=True)
        with self.fs.open(f"{folder}/{batch}.parquet", "wb") as handle:
            pq.write_table(data, handle)

    def _write_errors(self, skips: Sequence[Skipped], keys: Sequence[str | None], at: datetime, batch: str) -> int:
        rows: list[Row] = []
        for skip, key in zip(skips, keys, strict=False):
            if (skip.origin, skip.reason, key) not in self._errors:
                self._errors.add((skip.origin, skip.reason, key))
                rows.append((key, skip.origin, skip.reason, at))
        if rows:
            self._write_file("errors", UNDATED, rows, batch)
        return len(rows)


def attach(connection: Any, url: str) -> None:
    """Create a view per table over the Parquet files under ``url`` (an empty table where none exist)."""
    fs, root = filesystem(url)
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol not in {"file", "local"}:
        connection.register_filesystem(fs)
    if not fs.isdir(root):
        raise StoreError(f"no Parquet output at {url}: run `eventwire ingest PATH --out parquet {url}` first")
    for table in PARQUET_TABLES:
        files = sorted(fs.glob(f"{root}/{table}/month=*/*.parquet"))
        if files:
            names = [path if protocol in {"file", "local"} else f"{protocol}://{path}" for path in files]
            listed = ", ".join("'" + name.replace("'", "''") + "'" for name in names)
            connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}], "
                               "hive_partitioning = false, union_by_name = true)")
        else:
            connection.execute(create_sql(table, TABLES[table], constraints=False))

