"""The DuckDB store: idempotent, transactional writes and the queries behind the CLI."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import StoreError
from eventwire.ids import stable_id
from eventwire.models import (
    Actor,
    ActorRef,
    Article,
    Cameo,
    Event,
    EventDate,
    Location,
    Offsets,
    Place,
    Plover,
    Quote,
    Result,
    Skipped,
    Span,
    Speaker,
    Timex,
)
from eventwire.store import SCHEMA_VERSION, TABLES, Store, article_key
from eventwire.store.filters import EventColumns, EventFilter, conditions, where_clause

# A tiny coder for tests: "<Name> <verb> <Name>" with names from this table; verbs from VERBS.
NAMES = {"Ardovia": "ARDGOV", "Belmark": "BELGOV", "Corvanian police": "CORCOP", "Delmont": "DELGOV"}
VERBS = {"praised": ("051", "05", "Praise or endorse", 3.5, 1, "SUPPORT"),
         "met": ("036", "03", "Express intent to meet or negotiate", 4.0, 1, "AGREE"),
         "accused": ("112", "11", "Accuse", -2.0, 3, "ACCUSE"),
         "attacked": ("190", "19", "Use conventional military force", -10.0, 4, "ASSAULT")}
PATTERN = re.compile(rf"({'|'.join(NAMES)}) ({'|'.join(VERBS)}) ({'|'.join(NAMES)})")
SAYS = re.compile(r"“([^”]+)”, (" + "|".join(NAMES) + ") said")


def code_text(text: str, published: str | None = "2021-03-04", origin: str = "test") -> Result:
    """Code ``text`` with the toy grammar above into real Result records."""
    article = Article(id=stable_id("art", text), text=text, title=text[:20], published=published,
                      source="Test Wire", origin=origin)
    actors = {name: Actor(id=stable_id("act", article.id, name), name=name, code=code, country=code[:3],
                          sectors=(code[3:],), kind="state",
                          mentions=tuple(Span(m.start(), m.end(), name) for m in re.finditer(name, text)))
              for name, code in NAMES.items() if name in text}
    events = tuple(_event(article, actors, m) for m in PATTERN.finditer(text))
    quotes = tuple(
        Quote(id=stable_id("q", article.id, m.start()), kind="direct", text=m.group(1), start=m.start(1),
              end=m.end(1), speaker=Speaker(actors[m.group(2)].id, m.group(2), NAMES[m.group(2)],
                                            m.start(2), m.end(2)), cue=Span(m.end() - 4, m.end(), "said"))
        for m in SAYS.finditer(text)
    )
    timexes = tuple(Timex(m.group(), m.start(), m.end(), "DATE", None) for m in re.finditer(r"Monday", text))
    places = tuple(Place(m.group(), m.start(), m.end(), "Port Ardo", "ARD", 1.5, 2.5, 42, "city")
                   for m in re.finditer("Port Ardo", text))
    return Result(article=article, actors=tuple(actors.values()), events=events, quotes=quotes,
                  timexes=timexes, places=places)


def _event(article: Article, actors: dict[str, Actor], m: re.Match) -> Event:
    code, root, label, goldstein, quad, plover = VERBS[m.group(2)]
    src, tgt = actors[m.group(1)], actors[m.group(3)]
    sentence_start = article.text.rfind(".", 0, m.start()) + 1
    sentence_end = article.text.find(".", m.end()) + 1 or len(article.text)
    return Event(
        id=stable_id("ev", article.id, m.start()),
        source=ActorRef(src.id, src.name, src.code, src.country),
        target=ActorRef(tgt.id, tgt.name, tgt.code, tgt.country),
        cameo=Cameo(code, root, label, goldstein, quad),
        plover=Plover(plover, None, ("diplomatic",)),
        modality="asserted",
        date=EventDate(article.published or "2021", "day", "publication", None) if article.published else None,
        location=Location("Port Ardo", "ARD", 1.5, 2.5, "Port Ardo") if "Port Ardo" in article.text else None,
        trigger=Span(m.start(2), m.end(2), m.group(2)),
        sentence=Offsets(sentence_start, sentence_end),
        quote=None,
        confidence=0.8,
    )


TEXTS = [
    ("Ardovia praised Belmark on Monday. Delmont accused Belmark.", "2021-03-04"),
    ("Belmark met Ardovia in Port Ardo. “We are friends”, Ardovia said.", "2021-03-10"),
    ("Corvanian police attacked Delmont. Nobody was hurt.", "2020-11-30"),
]


@pytest.fixture
def results() -> list[Result]:
    return [code_text(text, published) for text, published in TEXTS]


@pytest.fixture
def store(tmp_path: Path, results: list[Result]) -> Store:
    with Store.open(tmp_path / "db.duckdb") as opened:
        opened.write(results, [Skipped("broken.bin", "binary file, not text")])
        yield opened


def all_rows(store: Store) -> dict[str, list[str]]:
    """Every row of every table, as sorted text (write times included)."""
    return {t: sorted(map(repr, store.connection.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}


def test_write_stores_every_record(store: Store, results: list[Result]) -> None:
    assert store.count("articles") == 3
    assert store.count("events") == sum(len(r.events) for r in results) == 4
    assert store.count("quotes") == 1
    assert store.count("actors") == sum(len(r.actors) for r in results)
    assert store.count("timexes") == 1 and store.count("places") == 1
    assert store.count("errors") == 1


def test_write_twice_changes_nothing(store: Store, results: list[Result]) -> None:
    before = all_rows(store)
    summary = store.write(results, [Skipped("broken.bin", "binary file, not text")])
    assert (summary.stored, summary.already_stored, summary.errors, summary.events) == (0, 3, 0, 0)
    assert all_rows(store) == before


def test_reopened_database_keeps_rows_and_known_keys(tmp_path: Path, results: list[Result]) -> None:
    path = tmp_path / "db.duckdb"
    with Store.open(path) as store:
        store.write(results[:2])
    with Store.open(path) as store:
        assert store.known(article_key(r.article) for r in results) == {article_key(r.article) for r in results[:2]}
        summary = store.write(results)
        assert (summary.stored, summary.already_stored) == (1, 2)


def test_same_article_twice_in_one_batch_is_stored_once(tmp_path: Path, results: list[Result]) -> None:
    with Store.open(tmp_path / "db.duckdb") as store:
        summary = store.write([results[0], results[0]])
        assert (summary.stored, summary.already_stored, store.count("articles")) == (1, 1, 1)


def test_failing_row_rolls_back_its_batch_only(tmp_path: Path, results: list[Result]) -> None:
    bad = code_text("Delmont met Ardovia.", published="2021-02-30")  # no such day: the DATE cast fails
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write(results[:1])
        with pytest.raises(StoreError, match="rolled back"):
            store.write([results[1], bad], [Skipped("x.txt", "empty file")])
        assert store.count("articles") == 1
        assert store.count("events") == len(results[0].events)
        assert store.count("errors") == 0
        assert store.write(results[1:]).stored == 2


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["190", "051", "112", "036"]),
        ({"actor": "BEL"}, ["051", "112", "036"]),
        ({"actor": "delgov"}, ["190", "112"]),
        ({"actor": "COR"}, ["190"]),
        ({"dyad": ("BEL", "ARD")}, ["051", "036"]),
        ({"dyad": ("ARDGOV", "BELGOV")}, ["051", "036"]),
        ({"dyad": ("DEL", "COR")}, ["190"]),
        ({"root": "11"}, ["112"]),
        ({"root": "5"}, ["051"]),
        ({"since": "2021-03-05"}, ["036"]),
        ({"until": "2021-03-04"}, ["190", "051", "112"]),
        ({"since": "2021-01-01", "until": "2021-03-09"}, ["051", "112"]),
        ({"limit": 2}, ["190", "051"]),
        ({"actor": "ZZZ"}, []),
    ],
)
def test_event_filters(store: Store, filters: dict, expected: list[str]) -> None:
    assert [row["cameo_code"] for row in store.events(**filters)] == expected


def test_since_compares_at_the_event_date_precision(tmp_path: Path) -> None:
    result = code_text("Ardovia met Delmont.", published="2021-03-04")
    event = result.events[0]
    month = event.__class__(**{**event.__dict__, "date": EventDate("2021-03", "month", "text", "in March")})
    with Store.open(tmp_path / "db.duckdb") as store:
        store.write([Result(article=result.article, actors=result.actors, events=(month,))])
        assert len(store.events(since="2021-03-20")) == 1
        assert len(store.events(until="2021-03-01")) == 1
        assert store.events(since="2021-04-01") == []


def test_event_rows_are_flat_and_joined_to_their_article(store: Store) -> None:
    row = store.events(dyad=("BEL", "ARD"), since="2021-03-05")[0]
    assert row["source_code"] == "BELGOV" and row["target_country"] == "ARD"
    assert row["plover_type"] == "AGREE" and row["plover_context"] == ["diplomatic"]
    assert row["location_name"] == "Port Ardo" and row["location_lat"] == 1.5
    assert row["trigger_text"] == "met" and row["article_published"].isoformat() == "2021-03-10"


@pytest.mark.parametrize(("speaker", "count"), [(None, 1), ("ardovia", 1), ("ARD", 1), ("Belmark", 0)])
def test_quotes_by_speaker(store: Store, speaker: str | None, count: int) -> None:
    rows = store.quotes(speaker=speaker)
    assert len(rows) == count
    assert all(r["text"] == "We are friends" and r["speaker_code"] == "ARDGOV" for r in rows)


def test_errors_table_records_each_skip_once(store: Store) -> None:
    store.write([], [Skipped("broken.bin", "binary file, not text"), Skipped("empty.txt", "empty file")])
    assert [(e["origin"], e["reason"]) for e in store.errors()] == [
        ("broken.bin", "binary file, not text"), ("empty.txt", "empty file")]


def test_summary_counts_and_evidence(store: Store) -> None:
    summary = store.summary()
    assert (summary["articles"], summary["events"], summary["errors"]) == (3, 4, 1)
    assert [(r["root"], r["events"]) for r in summary["by_root"]] == [("03", 1), ("05", 1), ("11", 1), ("19", 1)]
    assert {r["root"]: r["label"] for r in summary["by_root"]}["05"] == "Engage in diplomatic cooperation"
    assert {r["type"]: r["events"] for r in summary["by_plover"]} == {
        "SUPPORT": 1, "AGREE": 1, "ACCUSE": 1, "ASSAULT": 1}
    assert {(d["source"], d["target"]) for d in summary["top_dyads"]} == {
        ("ARDGOV", "BELGOV"), ("DELGOV", "BELGOV"), ("BELGOV", "ARDGOV"), ("CORCOP", "DELGOV")}
    evidence = {e["cameo"]: e["evidence"].strip() for e in summary["examples"]}
    assert evidence["190"] == "Corvanian police attacked Delmont."
    assert evidence["051"] == "Ardovia praised Belmark on Monday."


def test_read_only_store_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="eventwire ingest"):
        Store.open(tmp_path / "nothing.duckdb", read_only=True)


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(path)


def test_locked_database_says_another_process_writes(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "db.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
                               "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="another process"):
            Store.open(path)
    finally:
        holder.communicate("")


def create_as_before(connection: Any, table: str, added_later: Callable[[str], bool]) -> None:
    """``table`` as an older schema had it: the columns of TABLES but those ``added_later``."""
    old = [(n, k) for n, k in TABLES[table] if not added_later(n)]
    connection.execute(f"CREATE TABLE {table} (" + ", ".join(f'"{n}" {k}' for n, k in old) + ")")


def stamp_version(connection: Any, version: int) -> None:
    """The meta table of a database written at schema ``version``."""
    connection.execute("CREATE TABLE meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
    connection.execute(f"INSERT INTO meta VALUES ('schema_version', '{version}')")


def test_a_database_of_an_older_schema_gains_the_new_columns(tmp_path: Path, results: list[Result]) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as connection:  # the events table as schema version 1 had it
        create_as_before(connection, "events", lambda n: n in {"source_basis", "target_basis", "from_title", "origin",
                                                               "location_basis"})
        stamp_version(connection, 1)
    with Store.open(path) as store:
        store.write(results)
        rows = store.connection.execute("SELECT DISTINCT source_basis, target_basis FROM events").fetchall()
        version = store.connection.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
    assert rows == [("named", "named")] and version == (SCHEMA_VERSION,)


def test_an_actors_table_of_schema_version_2_gains_the_country_basis(tmp_path: Path, results: list[Result]) -> None:
    import duckdb

    path = tmp_path / "v2.duckdb"
    with duckdb.connect(str(path)) as connection:  # the actors table as schema version 2 had it
        create_as_before(connection, "actors", lambda n: n == "country_basis")
        connection.execute("INSERT INTO actors (article_key, id, name) VALUES ('k', 'a', 'stored before')")
    based = [replace(r, actors=tuple(replace(a, country_basis="named") for a in r.actors)) for r in results]
    with Store.open(path) as store:
        store.write(based)
        rows = dict(store.connection.execute("SELECT name, country_basis FROM actors").fetchall())
    assert rows.pop("stored before") is None and set(rows.values()) == {"named"}


def test_an_articles_table_of_schema_version_3_gains_the_place_and_events_the_title_mark(tmp_path: Path,
                                                                                       results: list[Result]) -> None:
    import duckdb

    path = tmp_path / "v3.duckdb"
    with duckdb.connect(str(path)) as connection:  # the tables as schema version 3 had them
        create_as_before(connection, "articles", lambda n: n.startswith("place_"))
        create_as_before(connection, "events", lambda n: n in {"from_title", "origin", "location_basis"})
        connection.execute("INSERT INTO articles (key, id) VALUES ('k', 'stored before')")
    with Store.open(path) as store:
        store.write(results)
        places = store.connection.execute("SELECT id, place_name FROM articles ORDER BY id").fetchall()
        marks = store.connection.execute("SELECT DISTINCT from_title FROM events").fetchall()
    assert ("stored before", None) in places and marks == [(False,)]
def test_an_events_table_of_schema_version_5_gains_the_origin(tmp_path: Path, results: list[Result]) -> None:
    import duckdb

    path = tmp_path / "v5.duckdb"
    with duckdb.connect(str(path)) as connection:  # the events table as schema version 5 had it
        create_as_before(connection, "events", lambda n: n in {"origin", "location_basis"})
        connection.execute("INSERT INTO events (article_key, id, confidence) VALUES ('k', 'stored before', 0.5)")
        stamp_version(connection, 5)
    proposed = replace(results[0], events=(replace(results[0].events[0], origin="model"), *results[0].events[1:]))
    with Store.open(path) as store:
        store.write([proposed, *results[1:]])
        rows = store.connection.execute("SELECT id, origin FROM events ORDER BY trigger_start NULLS FIRST").fetchall()
        version = store.connection.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
    origins = dict(rows)
    assert origins.pop("stored before") is None and version == (SCHEMA_VERSION,)
    assert sorted(origins.values()) == ["model"] + ["rules"] * (len(origins) - 1)


def test_an_events_table_of_schema_version_6_gains_the_location_basis(tmp_path: Path, results: list[Result]) -> None:
    import duckdb

    path = tmp_path / "v6.duckdb"
    with duckdb.connect(str(path)) as connection:  # the events table as schema version 6 had it
        create_as_before(connection, "events", lambda n: n == "location_basis")
        connection.execute("INSERT INTO events (article_key, id, location_name) VALUES ('k', 'stored before', 'Ardo')")
        stamp_version(connection, 6)
    placed = [r for r in results if any(e.location for e in r.events)]
    guessed = replace(placed[0], events=tuple(replace(e, location=replace(e.location, basis="article"))
                                               if e.location else e for e in placed[0].events))
    with Store.open(path) as store:
        store.write([guessed, *(r for r in results if r is not placed[0])])
        rows = store.connection.execute("SELECT id, location_basis FROM events WHERE location_name IS NOT NULL"
                                        ).fetchall()
        version = store.connection.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
    bases = dict(rows)
    assert bases.pop("stored before") is None and version == (SCHEMA_VERSION,)
    assert bases and set(bases.values()) == {"article"}


def _confident(result: Result, confidences: list[float]) -> Result:
    """The result with its events' confidences set, in order."""
    events = tuple(replace(e, confidence=c) for e, c in zip(result.events, confidences, strict=True))
    return replace(result, events=events)


def test_events_under_a_confidence_can_be_left_out(tmp_path: Path) -> None:
    from eventwire.web import queries

    result = _confident(code_text("Ardovia attacked Belmark. Belmark accused Ardovia. Delmont praised Belmark."),
                        [0.2, 0.55, 0.9])
    with Store.open(tmp_path / "sure.duckdb") as store:
        store.write([result])
        every = [row["confidence"] for row in store.events()]
        sure = [row["cameo_code"] for row in store.events(min_confidence=0.55)]
        none = store.events(min_confidence=0.95)
        web = [row["confidence"] for row in queries.events(store, EventFilter(min_confidence=0.5))["events"]]
    assert sorted(every) == [0.2, 0.55, 0.9] and sorted(sure) == ["051", "112"] and none == []
    assert sorted(web) == [0.55, 0.9]


def test_the_confidence_filter_is_a_parameter_and_needs_a_column() -> None:
    where, params = conditions(EventFilter(min_confidence=0.4))
    assert where == ["e.confidence >= ?"] and params == [0.4]
    assert conditions(EventFilter(min_confidence=0.0))[0] == ["e.confidence >= ?"]  # 0 is a filter, None is none
    assert EventFilter(min_confidence=0.25).as_params() == {"min_confidence": 0.25}
    with pytest.raises(ValueError, match="no confidence"):
        conditions(EventFilter(min_confidence=0.5), EventColumns("s", "t", "r", "p", "q", "d", "n", "c"))


def _implied(result: Result) -> Result:
    """The result with the source of its first event implied by the trigger, not given by the text."""
    first, *rest = result.events
    source = replace(first.source, basis="implied") if first.source else None
    return replace(result, events=(replace(first, source=source), *rest))


def test_events_with_an_implied_source_can_be_left_out(tmp_path: Path) -> None:
    from eventwire.web import queries

    result = _implied(code_text("Ardovia attacked Belmark. Belmark accused Ardovia."))
    with Store.open(tmp_path / "implied.duckdb") as store:
        store.write([result])
        every = [row["source_basis"] for row in store.events()]
        told = [row["source_basis"] for row in store.events(implied=False)]
        web = [row["id"] for row in queries.events(store, EventFilter(implied=False))["events"]]
    assert sorted(every) == ["implied", "named"] and told == ["named"] and len(web) == 1


def test_the_implied_filter_needs_a_source_basis_column() -> None:
    with pytest.raises(ValueError, match="source is given"):
        conditions(EventFilter(implied=False), EventColumns("s", "t", "r", "p", "q", "d", "n", "c"))
    assert conditions(EventFilter(implied=True))[0] == [] and "implied" not in EventFilter().as_params()


@pytest.mark.parametrize(
    "filters",
    [{"actor": "bel"}, {"dyad": ("ARDGOV", "BEL")}, {"root": "5"}, {"since": "2021-03-05"}, {"until": "2021-03-04"},
     {"actor": "DEL", "since": "2021-01-01"}],
)
def test_the_cli_and_the_web_filter_events_alike(store: Store, filters: dict) -> None:
    from eventwire.web import queries

    cli = sorted(row["id"] for row in store.events(**filters))
    web = sorted(row["id"] for row in queries.events(store, EventFilter(**filters))["events"])
    assert cli == web and cli


@pytest.mark.parametrize(
    "flt",
    [EventFilter(actor="irn"), EventFilter(source="IRNGOV", target="us"), EventFilter(dyad=("IRN", "USA")),
     EventFilter(target="Z"), EventFilter(actor="\U0010ffff"), EventFilter(dyad=("", "USA"))],
)
def test_a_code_prefix_as_a_range_matches_what_starts_with_matches(flt: EventFilter) -> None:
    import duckdb

    codes = ["IRN", "IRNGOV", "IRM", "IRO", "IR", "USA", "USAGOV", "USB", "Z", "ZZ", "\U0010ffff", None]
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE t AS SELECT s.code AS s, t.code AS t FROM (SELECT unnest(?) AS code) s, "
                           "(SELECT unnest(?) AS code) t", [codes, codes])
        found = {}
        for ranges in (False, True):
            cols = EventColumns("s", "t", "root", "plover", "quad", "date", "place", "country", ranges=ranges)
            where, params = conditions(flt, cols)
            found[ranges] = connection.execute("SELECT s, t FROM t" + where_clause(where) + " ORDER BY ALL",
                                               params).fetchall()
    assert found[True] == found[False] and found[True]
