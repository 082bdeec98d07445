"""The analysis commands through click's CliRunner: thin skins that print, draw and write files."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from test_analysis_linking import coded, outlets
from test_analysis_series import SPECS

from eventwire.cli import main
from eventwire.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "db.duckdb")
    with Store.open(path) as store:
        store.write([coded(f"Article {i}: {'words ' * i}", [spec]) for i, spec in enumerate(SPECS)])
        store.write(outlets())
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_link_reports_stories_and_canonical_events(db: str) -> None:
    code, output = invoke("link", "--db", db)
    assert code == 0 and "10 articles in 8 stories; 13 event mentions linked to 8 canonical events" in output
    code, output = invoke("link", "--db", db, "--no-dedupe")
    assert code == 0 and "in 10 stories" in output and "(all linked again)" in output


def test_link_adds_the_new_articles_only_unless_told_full(db: str) -> None:
    assert "(all linked again)" in invoke("link", "--db", db)[1]
    with Store.open(db) as store:
        store.write([coded("A report stored after the first link, about nothing else.", [])])
    code, output = invoke("link", "--db", db)
    assert code == 0 and "11 articles in 9 stories" in output and "(1 new)" in output
    assert "(0 new)" in invoke("link", "--db", db)[1]
    assert "11 articles in 9 stories" in invoke("link", "--db", db, "--full")[1]


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["dyad", "ARD", "BEL"], ["2021-01", "2021-02", "2021-03", "goldstein"], []),
        (["dyad", "BEL", "ARD", "--directed", "--freq", "year"], ["2021 ", "-2.0"], ["2021-01"]),
        (["timeline", "DEL", "--format", "csv"], ["period,q1,q2,q3,q4,total,goldstein", "2021-02,0,0,1,1,2,-6.0"], []),
        (["actors", "--limit", "2"], ["BELGOV", "Belmark", "ARDGOV"], ["CORMIL"]),
        (["network", "--min", "2"], ["3 actors, 2 edges", "ARDGOV", "DELGOV"], ["CORMIL"]),
    ],
)
def test_query_commands_print_rows(db: str, args: list[str], present: list[str], absent: list[str]) -> None:
    code, output = invoke(*args, "--db", db)
    assert code == 0, output
    assert all(p in output for p in present) and not any(a in output for a in absent), output


def test_dyad_json_and_chart(db: str, tmp_path: Path) -> None:
    chart = tmp_path / "dyad.svg"
    code, output = invoke("dyad", "ARD", "BEL", "--db", db, "--format", "json", "--chart", str(chart))
    rows = json.loads(output[: output.rindex("]") + 1])
    assert code == 0 and rows[0]["period"] == "2021-01" and rows[0]["total"] == 2
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_timeline_chart_png(db: str, tmp_path: Path) -> None:
    chart = tmp_path / "t.png"
    code, _ = invoke("timeline", "BEL", "--db", db, "--chart", str(chart), "--freq", "week")
    assert code == 0 and chart.read_bytes()[:4] == b"\x89PNG"


def test_network_writes_graphml_and_picture(db: str, tmp_path: Path) -> None:
    graphml, picture = tmp_path / "net.graphml", tmp_path / "net.png"
    code, output = invoke("network", "--db", db, "--graphml", str(graphml), "--picture", str(picture),
                          "--since", "2021-02-01")
    assert code == 0, output
    graph = nx.read_graphml(graphml)
    assert graph.edges["DELGOV", "BELGOV"]["events"] == 2 and graph.nodes["BELGOV"]["name"] == "Belmark"
    assert picture.read_bytes()[:4] == b"\x89PNG"
    code, output = invoke("network", "--db", db, "--format", "json")
    assert code == 0 and {n["id"] for n in json.loads(output)["nodes"]} >= {"ARDGOV", "BELGOV", "CORMIL"}


@pytest.mark.parametrize(("fmt", "suffix"), [("gdelt", "tsv"), ("plover", "jsonl"), ("csv", "csv"), ("parquet", "parquet")])
def test_export_writes_each_format(db: str, tmp_path: Path, fmt: str, suffix: str) -> None:
    out = tmp_path / f"events.{suffix}"
    code, output = invoke("export", str(out), "--db", db, "--format", fmt)
    assert code == 0 and f"8 events rows written to {out}" in output and out.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["actors", "--db", "{missing}"], "no database at"),
        (["dyad", "ARD", "BEL", "--freq", "fortnight"], "Invalid value for '--freq'"),
        (["network", "--since", "March"], "write it as YYYY-MM-DD"),
        (["export", "out.tsv"], "Missing option '--format'"),
    ],
)
def test_bad_input_gives_a_clear_message(db: str, tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{missing}", str(tmp_path / "none.duckdb")) for a in args]
    code, output = invoke(*args)
    assert code != 0 and message in output
