"""The command line, through click's CliRunner, and the docs that describe it."""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_ingest import needs_reader, toy_coder, write_jsonl
from test_store import TEXTS, code_text

from eventwire import ingest as ingest_module
from eventwire.cli import main
from eventwire.models import Skipped
from eventwire.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "db.duckdb")
    with Store.open(path) as store:
        store.write([code_text(text, published) for text, published in TEXTS], [Skipped("bad.bin", "binary file")])
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        ([], ["ARDGOV", "051", "Praise or endorse", "CORCOP", "Port Ardo"], []),
        (["--actor", "COR"], ["CORCOP", "190", "attacked"], ["051"]),
        (["--dyad", "ARD", "BEL"], ["051", "036"], ["190", "112"]),
        (["--root", "11"], ["112", "DELGOV"], ["051"]),
        (["--since", "2021-03-05"], ["036"], ["051", "190"]),
        (["--until", "2020-12-31", "--limit", "5"], ["190"], ["036"]),
        (["--actor", "ZZZ"], ["(none)"], ["ARDGOV"]),
    ],
)
def test_events_table(db: str, args: list[str], present: list[str], absent: list[str]) -> None:
    code, output = invoke("events", "--db", db, *args)
    assert code == 0, output
    assert all(p in output for p in present) and not any(a in output for a in absent)


def test_events_json_and_csv_carry_every_column(db: str) -> None:
    code, output = invoke("events", "--db", db, "--root", "19", "--format", "json")
    (row,) = json.loads(output)
    assert code == 0 and row["target_code"] == "DELGOV" and row["article_published"] == "2020-11-30"
    code, output = invoke("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0 and len(rows) == 4 and rows[0]["plover_context"] == "diplomatic"


@pytest.mark.parametrize(("speaker", "found"), [("Ardovia", True), ("ARD", True), ("Delmont", False)])
def test_quotes_by_speaker(db: str, speaker: str, found: bool) -> None:
    code, output = invoke("quotes", "--db", db, "--speaker", speaker)
    assert code == 0 and ("We are friends" in output) is found


def test_summary_shows_counts_tables_and_evidence(db: str) -> None:
    code, output = invoke("summary", "--db", db)
    assert code == 0, output
    assert "3 articles, 4 events, 1 quotes, 1 errors" in output
    for heading in ("Events by CAMEO root", "Events by PLOVER type", "Top dyads", "Examples"):
        assert heading in output
    assert "Corvanian police attacked Delmont." in output
    code, output = invoke("summary", "--db", db, "--format", "json")
    assert code == 0 and [r["root"] for r in json.loads(output)["by_root"]] == ["03", "05", "11", "19"]


def test_errors_lists_reasons(db: str) -> None:
    code, output = invoke("errors", "--db", db)
    assert code == 0 and "bad.bin" in output and "binary file" in output


def test_database_default_comes_from_the_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_DB", db)
    code, output = invoke("events", "--root", "3")
    assert code == 0 and "036" in output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["events", "--db", "{missing}"], 1, "eventwire ingest"),
        (["events", "--since", "2021-02-30"], 2, "YYYY-MM-DD"),
        (["quotes", "--format", "xml"], 2, "xml"),
    ],
)
def test_bad_input_gives_a_clear_error(tmp_path: Path, db: str, args: list[str], code: int, message: str) -> None:
    args = [a.replace("{missing}", str(tmp_path / "missing.duckdb")) for a in args]
    exit_code, output = invoke(*args, *(["--db", db] if "--db" not in args else []))
    assert exit_code == code and message in output


@needs_reader
def test_ingest_command_reports_what_it_did(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module, "ingest", functools.partial(ingest_module.ingest, make_coder=toy_coder))
    path = write_jsonl(tmp_path / "a.jsonl", [t for t, _ in TEXTS])
    db = str(tmp_path / "db.duckdb")
    code, output = invoke("ingest", str(path), "--db", db, "--no-progress")
    assert code == 0, output
    assert "read 3 articles; stored 3, already stored 0" in output
    code, output = invoke("ingest", str(path), "--db", db, "--no-progress")
    assert "stored 0, already stored 3" in output


@pytest.mark.model
def test_extract_prints_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Norway's foreign minister met the Chilean president in Oslo on Monday.\n", encoding="utf-8")
    code, output = invoke("extract", str(path), "--format", "jsonl", "--published", "2020-03-04")
    assert code == 0, output
    data = json.loads(output.splitlines()[0])
    assert data["article"]["published"] == "2020-03-04"
    assert "Norway" in data["text"] and {"actors", "events", "quotes", "timexes", "places"} <= set(data)


@pytest.mark.model
def test_ingest_with_the_real_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Norway's foreign minister met the Chilean president in Oslo on Monday.\n", encoding="utf-8")
    db = str(tmp_path / "db.duckdb")
    code, output = invoke("ingest", str(path), "--db", db, "--no-progress")
    assert code == 0 and "stored 1" in output, output
    assert invoke("summary", "--db", db)[1].startswith(f"{db}: 1 articles")


def test_every_table_is_documented() -> None:
    from eventwire.store import TABLES

    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    missing = [f"{t}.{c}" for t, cols in TABLES.items() for c, _ in cols if f"`{c}`" not in text]
    missing += [t for t in TABLES if f"### {t}" not in text]
    assert not missing, f"document these in docs/schema.md: {missing}"


def test_events_leave_implied_sources_out_on_request(db: str) -> None:
    with Store.open(db) as store:
        store.connection.execute("UPDATE events SET source_basis = 'implied' WHERE cameo_code = '190'")
    assert "190" in invoke("events", "--db", db)[1]
    code, output = invoke("events", "--db", db, "--no-implied")
    assert code == 0 and "051" in output and "190" not in output


@pytest.mark.model
def test_extract_leaves_implied_sources_out_on_request(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Five men were arrested in Karachi on Sunday. Pakistani police detained two students.\n",
                    encoding="utf-8")
    code, output = invoke("extract", str(path), "--format", "jsonl", "--published", "2020-03-04")
    every = json.loads(output)["events"]
    code, output = invoke("extract", str(path), "--format", "jsonl", "--published", "2020-03-04", "--no-implied")
    told = json.loads(output)["events"]
    assert code == 0 and {e["source"]["basis"] for e in every} == {"implied", "named"}
    assert [e["source"]["basis"] for e in told] == ["named"]


def test_events_under_a_confidence_are_left_out_on_request(db: str) -> None:
    with Store.open(db) as store:
        store.connection.execute("UPDATE events SET confidence = 0.3 WHERE cameo_code = '190'")
    assert "190" in invoke("events", "--db", db, "--min-confidence", "0.3")[1]
    code, output = invoke("events", "--db", db, "--min-confidence", "0.5")
    assert code == 0 and "051" in output and "190" not in output
    code, output = invoke("events", "--db", db, "--min-confidence", "1.5")
    assert code != 0 and "0.0<=x<=1.0" in output.replace(" ", "")


def test_export_leaves_events_under_a_confidence_out(db: str, tmp_path: Path) -> None:
    with Store.open(db) as store:
        store.connection.execute("UPDATE events SET confidence = 0.3 WHERE cameo_code = '190'")
    every = invoke("export", str(tmp_path / "a.csv"), "--db", db, "--format", "csv", "--table", "raw")
    sure = invoke("export", str(tmp_path / "s.csv"), "--db", db, "--format", "csv", "--table", "raw",
                  "--min-confidence", "0.5")
    assert every[0] == sure[0] == 0
    rows = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert int(every[1].split()[0]) == len(rows) + 1 and all(float(r["confidence"]) >= 0.5 for r in rows)


@pytest.mark.model
def test_extract_codes_with_another_confidence_threshold_on_request(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Chile accused Peru of violating the border treaty on Monday. Peruvian troops attacked "
                    "Bolivian rebels near the border.\n", encoding="utf-8")

    def confidences(*more: str) -> list[float]:
        code, output = invoke("extract", str(path), "--format", "jsonl", "--published", "2020-03-04", *more)
        assert code == 0, output
        return [e["confidence"] for e in json.loads(output)["events"]]

    every = confidences("--min-confidence", "0")
    assert every and all(0 <= c <= 1 for c in every)
    middle = sorted(every)[len(every) // 2]
    assert confidences("--min-confidence", str(middle)) == [c for c in every if c >= middle]
    assert confidences("--min-confidence", "1") == [c for c in every if c >= 1]
