"""Downloads made on the server: CSV cells safe for spreadsheets, and every matching event as CSV (no model)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from test_web_layout import PAIRS, _store

from eventwire.settings import Settings
from eventwire.web import WebConfig, create_app, queries
from eventwire.web.csvfile import cell, lines


def test_cells_are_plain_text_and_never_formulas() -> None:
    assert [cell(None), cell(["diplomatic", "economic"]), cell(date(2021, 3, 1)), cell(-2.0), cell(3)] == [
        "", "diplomatic;economic", "2021-03-01", "-2.0", "3"]
    assert [cell("=HYPERLINK(\"x\")"), cell("+1 555"), cell("-abc"), cell("@SUM(A1)"), cell("-10"), cell("USA")] == [
        "'=HYPERLINK(\"x\")", "'+1 555", "'-abc", "'@SUM(A1)", "-10", "USA"]


def test_lines_quote_what_needs_quoting() -> None:
    rows = [["title", "n"], ['Talks, "at last"\nin Geneva', 2], [None, "=1+1"]]
    text = "".join(lines(rows))
    assert text.endswith("\r\n") and text.count("\r\n") == 3
    assert list(csv.reader(io.StringIO(text))) == [["title", "n"], ['Talks, "at last"\nin Geneva', "2"],
                                                   ["", "'=1+1"]]


def test_event_table_reads_every_match_in_batches(tmp_path: Path) -> None:
    with _store(tmp_path / "s.duckdb", PAIRS) as store:
        rows = list(queries.event_table(store, queries.EventFilter(dyad=("RUS", "USA")), batch=3))
        page = queries.events(store, queries.EventFilter(dyad=("RUS", "USA")), limit=500)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["article_id", "article_title", "article_published", "id"] and "article_key" not in header
    assert len(body) == page["total"] == 8
    assert [r[header.index("id")] for r in body] == [e["id"] for e in page["events"]]


def test_all_events_download_as_csv_with_the_page_filters(tmp_path: Path) -> None:
    store = _store(tmp_path / "s.duckdb", PAIRS)
    store.connection.execute("UPDATE articles SET title = '=cmd|'' /C calc''!A0' WHERE key = 'k1'")
    store.close()
    with TestClient(create_app(WebConfig(Settings(db=str(tmp_path / "s.duckdb")), token="t"))) as client:
        answer = client.get("/api/events.csv?actor=RUSMIL")
        listed = client.get("/api/events?actor=RUSMIL").json()
        page = client.get("/events?actor=RUSMIL").text
        assert client.get("/api/events.csv?quad=9").status_code == 422
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == listed["total"] == 7
    assert all("RUSMIL" in (r["source_code"], r["target_code"]) for r in rows)
    assert {r["article_title"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    assert 'href="/api/events.csv?actor=RUSMIL"' in page and "all 7 as CSV" in page
