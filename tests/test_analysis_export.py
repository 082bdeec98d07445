"""Exports read back with pandas and DuckDB: GDELT 2.0 TSV, PLOVER JSON lines, CSV and Parquet."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_analysis_linking import Spec, coded, outlets

from eventwire.analysis import export, link
from eventwire.analysis.export import GDELT_COLUMNS, global_event_id, read_gdelt
from eventwire.store import Store

SPECS = [Spec("CORMIL", "190", "DELGOV", "2021-02-11", country="DEL"),
         Spec("ARDGOV", "036", "BELGOV", "2021-03", "month")]


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        opened.write([*outlets(), coded("Paragraph one.\nParagraph two about other things.", SPECS,
                                        url="https://news.example/a")])
        link(opened)
        yield opened


def canonical_ids(store: Store) -> list[str]:
    return [r[0] for r in store.connection.execute("SELECT id FROM canonical_events ORDER BY id").fetchall()]


def test_gdelt_has_61_columns_and_round_trips(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == 4 and len(GDELT_COLUMNS) == 61
    assert all(line.count("\t") == 60 for line in out.read_text(encoding="utf-8").splitlines())
    frame = read_gdelt(out)
    assert sorted(frame["GLOBALEVENTID"]) == sorted(global_event_id(i) for i in canonical_ids(store))
    attack = frame[frame["EventCode"] == "190"].iloc[0]
    assert (attack["SQLDATE"], attack["MonthYear"], attack["Year"]) == (20210211, 202102, 2021)
    assert (attack["Actor1Code"], attack["Actor1Name"], attack["Actor1Type1Code"]) == ("CORMIL", "CORVANIAN ARMY", "MIL")
    assert (attack["EventBaseCode"], attack["EventRootCode"], attack["QuadClass"]) == ("190", "19", 4)
    assert attack["SOURCEURL"] == "https://news.example/a" and attack["ActionGeo_Lat"] == 1.0
    praise = frame[frame["EventCode"] == "051"].iloc[0]
    assert (praise["NumMentions"], praise["NumArticles"], praise["NumSources"], praise["IsRootEvent"]) == (3, 3, 3, 1)


@pytest.mark.parametrize(("offset_start", "is_root"), [(0, 1), (20, 0)])
def test_gdelt_root_event_means_found_in_the_lead_paragraph(tmp_path: Path, offset_start: int, is_root: int) -> None:
    text = "Lead paragraph here.\n" + "x" * 60
    with Store.open(":memory:") as store:
        store.write([coded(text, [Spec("ARDGOV", "051", "BELGOV", "2021-01-01")])])
        store.connection.execute("UPDATE events SET sentence_start = ?", [offset_start])
        export(store, "gdelt", tmp_path / "e.tsv")
    assert read_gdelt(tmp_path / "e.tsv")["IsRootEvent"].tolist() == [is_root]


def test_plover_json_lines_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(store, "plover", out) == 4
    frame = pd.read_json(out, lines=True)
    assert sorted(frame["event_id"]) == canonical_ids(store)
    praise = frame[frame["cameo"].map(lambda c: c["code"]) == "051"].iloc[0]
    assert praise["event_type"] == "SUPPORT" and praise["actor"]["code"] == "ARDGOV"
    assert praise["recipient"]["name"] == "Belmark" and praise["num_sources"] == 3
    assert sorted(m["outlet"] for m in praise["mentions"]) == ["Outlet 0", "Outlet 1", "Outlet 2"]
    meeting = frame[frame["event_date"] == "2021-03"].iloc[0]
    assert meeting["date_precision"] == "month" and meeting["location"] is None


@pytest.mark.parametrize(
    ("table", "rows"), [("events", 4), ("mentions", 8), ("stories", 2), ("raw", 8)],
)
def test_csv_and_parquet_round_trip(store: Store, tmp_path: Path, table: str, rows: int) -> None:
    csv_path, parquet_path = tmp_path / f"{table}.csv", tmp_path / f"{table}.parquet"
    assert export(store, "csv", csv_path, table=table) == rows
    assert export(store, "parquet", parquet_path, table=table) == rows
    from_csv = duckdb.connect().execute(f"SELECT * FROM read_csv('{csv_path}')").df()
    from_parquet = pd.read_parquet(parquet_path)
    assert len(from_csv) == len(from_parquet) == rows
    assert list(from_csv.columns) == list(from_parquet.columns)
    if table == "events":
        assert sorted(from_parquet["id"]) == canonical_ids(store)
        assert from_parquet["num_mentions"].sum() == 8


@pytest.mark.parametrize(("fmt", "table", "message"), [("xml", "events", "gdelt, plover"), ("csv", "actors", "events")])
def test_unknown_format_or_table_says_what_exists(store: Store, tmp_path: Path, fmt: str, table: str,
                                                  message: str) -> None:
    with pytest.raises(ValueError, match=message):
        export(store, fmt, tmp_path / "out", table=table)


def test_implied_sources_can_be_left_out_of_every_export(store: Store, tmp_path: Path) -> None:
    attack = store.connection.execute("SELECT id FROM events WHERE cameo_code = '190'").fetchall()
    store.connection.execute("UPDATE events SET source_basis = 'implied' WHERE cameo_code = '190'")
    assert attack
    every, told = export(store, "gdelt", tmp_path / "a.tsv"), export(store, "gdelt", tmp_path / "t.tsv", implied=False)
    assert told == every - 1 and "190" not in set(read_gdelt(tmp_path / "t.tsv")["EventCode"])
    assert export(store, "plover", tmp_path / "t.jsonl", implied=False) == told
    assert export(store, "csv", tmp_path / "t.csv", implied=False) == told
    raw = export(store, "csv", tmp_path / "raw.csv", table="raw", implied=False)
    assert raw == export(store, "csv", tmp_path / "all.csv", table="raw") - len(attack)
    mentions = export(store, "csv", tmp_path / "m.csv", table="mentions", implied=False)
    assert mentions == export(store, "csv", tmp_path / "am.csv", table="mentions") - len(attack)


def test_events_under_a_confidence_can_be_left_out_of_every_export(store: Store, tmp_path: Path) -> None:
    attack = store.connection.execute("SELECT id FROM events WHERE cameo_code = '190'").fetchall()
    store.connection.execute("UPDATE events SET confidence = 0.2 WHERE cameo_code = '190'")
    every = export(store, "gdelt", tmp_path / "a.tsv")
    sure = export(store, "gdelt", tmp_path / "s.tsv", min_confidence=0.5)
    assert sure == every - 1 and "190" not in set(read_gdelt(tmp_path / "s.tsv")["EventCode"])
    assert export(store, "plover", tmp_path / "s.jsonl", min_confidence=0.5) == sure
    assert export(store, "parquet", tmp_path / "s.parquet", min_confidence=0.5) == sure
    assert export(store, "gdelt", tmp_path / "low.tsv", min_confidence=0.2) == every
    raw = export(store, "csv", tmp_path / "raw.csv", table="raw", min_confidence=0.5)
    assert raw == export(store, "csv", tmp_path / "all.csv", table="raw") - len(attack)
    both = export(store, "csv", tmp_path / "b.csv", implied=False, min_confidence=0.5)
    assert both == sure  # no implied sources here: the two filters together are the confidence alone
