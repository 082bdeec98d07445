"""Stories and canonical events: one real event counted once, however many articles carry it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.analysis import is_stale, link
from eventwire.analysis.linking import counts, ensure_linked
from eventwire.errors import StoreError
from eventwire.ids import stable_id
from eventwire.models import (
    ActorRef,
    Article,
    Cameo,
    Event,
    EventDate,
    Location,
    Offsets,
    Plover,
    Result,
    Span,
)
from eventwire.store import Store

CAMEO = {"051": ("Praise or endorse", 3.4, 1), "0512": ("Praise a policy", 3.4, 1),
         "036": ("Express intent to meet", 4.0, 1), "112": ("Accuse", -2.0, 3),
         "190": ("Use conventional military force", -10.0, 4), "173": ("Arrest", -5.0, 4)}
NAMES = {"ARDGOV": "Ardovia", "BELGOV": "Belmark", "CORMIL": "Corvanian army", "DELGOV": "Delmont"}


@dataclass(frozen=True)
class Spec:
    """One event mention to put in a test article."""

    source: str | None
    code: str
    target: str | None
    date: str | None = None  # None: dated by publication
    precision: str = "day"
    country: str | None = None
    basis: str = "text"  # how the place was found: "text" or "article"


def _ref(code: str | None) -> ActorRef | None:
    return ActorRef(stable_id("act", code), NAMES[code], code, code[:3]) if code else None


def _event(article: Article, spec: Spec, i: int) -> Event:
    label, goldstein, quad = CAMEO[spec.code]
    if spec.date:
        date = EventDate(spec.date, spec.precision, "text", spec.date)
    else:
        date = EventDate(article.published, "day", "publication", None) if article.published else None
    place = Location("Port Ardo", spec.country, 1.0, 2.0, "Port Ardo", spec.basis) if spec.country else None
    start = 40 * i
    return Event(id=stable_id("ev", article.id, i), source=_ref(spec.source), target=_ref(spec.target),
                 cameo=Cameo(spec.code, spec.code[:2], label, goldstein, quad),
                 plover=Plover("SUPPORT", None, ("diplomatic",)), modality="asserted", date=date,
                 location=place, trigger=Span(start, start + 4, article.text[start : start + 4]),
                 sentence=Offsets(start, start + 30), quote=None, confidence=0.5 + 0.1 * i)


WIRE = ("Ardovia's foreign minister praised the long friendship with Belmark on Tuesday during a visit "
        "to Port Ardo, and said the two countries would open a new ferry line before winter. Officials "
        "from Delmont accused Belmark of delaying talks on the river border, which has been closed to "
        "trade for three years after a dispute over fishing rights in the estuary.")


def coded(text: str, specs: list[Spec], published: str = "2021-03-04", source: str = "Wire A",
          url: str | None = None) -> Result:
    """A coded article holding the event mentions in ``specs`` (offsets are nominal, in the text)."""
    article = Article(id=stable_id("art", text), text=text, title=text[:30], published=published,
                      source=source, url=url, origin="test")
    return Result(article=article, actors=(), events=tuple(_event(article, s, i) for i, s in enumerate(specs)),
                  quotes=(), timexes=(), places=())


def outlets(published: tuple[str, ...] = ("2021-03-04", "2021-03-04", "2021-03-05")) -> list[Result]:
    """One wire story carried by three outlets: one trims the tail, one adds a sentence of its own."""
    specs = [Spec("ARDGOV", "051", "BELGOV"), Spec("DELGOV", "112", "BELGOV")]
    texts = [WIRE, WIRE.rsplit(",", 1)[0] + ".", WIRE + " Ferry owners in the harbour welcomed the plan."]
    return [coded(t, specs, p, f"Outlet {i}") for i, (t, p) in enumerate(zip(texts, published, strict=True))]


@pytest.fixture
def store() -> Store:
    with Store.open(":memory:") as opened:
        yield opened


def canonical(store: Store) -> list[tuple]:
    return store.connection.execute(
        "SELECT source_code, cameo_code, target_code, date_value, num_mentions, num_articles, num_sources, "
        "num_stories FROM canonical_events ORDER BY ALL").fetchall()


def test_three_outlets_make_one_story_and_each_event_counts_once(store: Store) -> None:
    store.write(outlets())
    result = link(store)
    assert result["stories"] == 1 and result["story_articles"] == 3 and result["mentions"] == 6
    assert canonical(store) == [("ARDGOV", "051", "BELGOV", "2021-03-04", 3, 3, 3, 1),
                                ("DELGOV", "112", "BELGOV", "2021-03-04", 3, 3, 3, 1)]
    (story,) = store.connection.execute("SELECT articles, sources, first_published::VARCHAR FROM stories").fetchall()
    assert story == (3, 3, "2021-03-04")


def test_different_stories_stay_apart(store: Store) -> None:
    other = coded("Corvanian army units attacked Delmont positions near the northern pass at dawn, "
                  "officials said, in the heaviest fighting since the truce of last autumn was signed.",
                  [Spec("CORMIL", "190", "DELGOV")])
    store.write([*outlets(), other])
    assert link(store)["stories"] == 2


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        # the same day in two stories: one event
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01")] * 2, 1),
        # CAMEO codes compared at three digits
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01"), Spec("ARDGOV", "0512", "BELGOV", "2021-03-01")], 1),
        # a month joins the day inside it; a year joins the month
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01"), Spec("ARDGOV", "051", "BELGOV", "2021-03", "month")], 1),
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03", "month"), Spec("ARDGOV", "051", "BELGOV", "2021", "year")], 1),
        # different days, direction, code or country: different events
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01"), Spec("ARDGOV", "051", "BELGOV", "2021-03-02")], 2),
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01"), Spec("BELGOV", "051", "ARDGOV", "2021-03-01")], 2),
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01"), Spec("ARDGOV", "036", "BELGOV", "2021-03-01")], 2),
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01", country="ARD"),
          Spec("ARDGOV", "051", "BELGOV", "2021-03-01", country="BEL")], 2),
        # an unknown place joins a known one
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01", country="ARD"), Spec("ARDGOV", "051", "BELGOV", "2021-03-01")], 1),
        # a country only the article gives is no place to tell events apart: it joins a place the words give
        ([Spec("ARDGOV", "051", "BELGOV", "2021-03-01", country="ARD"),
          Spec("ARDGOV", "051", "BELGOV", "2021-03-01", country="BEL", basis="article")], 1),
        # without a target, mentions link only inside their own story
        ([Spec("CORMIL", "190", None, "2021-03-01")] * 2, 2),
    ],
)
def test_mentions_in_two_unrelated_articles_link_when_compatible(store: Store, specs: list[Spec],
                                                                   expected: int) -> None:
    store.write([coded(f"Unrelated article number {i} about something else entirely, {i * 'x'}.", [spec])
                 for i, spec in enumerate(specs)])
    result = link(store)
    assert result["stories"] == 2 and result["canonical_events"] == expected and result["mentions"] == 2


def test_a_canonical_event_is_placed_only_where_words_place_it(store: Store) -> None:
    specs = [Spec("ARDGOV", "051", "BELGOV", "2021-03-01", country="BEL", basis="article"),
             Spec("DELGOV", "112", "BELGOV", "2021-03-01", country="BEL", basis="article"),
             Spec("DELGOV", "112", "BELGOV", "2021-03-01", country="ARD")]
    store.write([coded(f"Unrelated article number {i} about something else entirely, {i * 'x'}.", [spec])
                 for i, spec in enumerate(specs)])
    link(store)
    rows = store.connection.execute("SELECT source_code, location_name, location_country, location_lat "
                                    "FROM canonical_events ORDER BY ALL").fetchall()
    assert rows == [("ARDGOV", None, None, None), ("DELGOV", "Port Ardo", "ARD", 1.0)]


def test_coarse_date_joins_the_earliest_day_of_its_month(store: Store) -> None:
    specs = [Spec("ARDGOV", "051", "BELGOV", d) for d in ("2021-03-09", "2021-03-02")]
    store.write([coded("One text about the second of March and the ninth.", specs),
                 coded("Another text, dated only by month.", [Spec("ARDGOV", "051", "BELGOV", "2021-03", "month")])])
    link(store)
    assert [row[3:5] for row in canonical(store)] == [("2021-03-02", 2), ("2021-03-09", 1)]


def test_publication_dated_mentions_take_the_story_date(store: Store) -> None:
    store.write(outlets(("2021-03-04", "2021-03-05", "2021-03-06")))
    link(store)
    assert {row[3] for row in canonical(store)} == {"2021-03-04"}


def test_mentions_keep_article_offsets_and_confidence(store: Store) -> None:
    store.write(outlets())
    link(store)
    rows = store.connection.execute(
        "SELECT m.event_id, m.mention_id, m.outlet, m.sentence_start, m.trigger_end, m.confidence "
        "FROM mentions m JOIN events e ON e.id = m.mention_id ORDER BY m.outlet, m.trigger_end").fetchall()
    assert len(rows) == 6 and len({r[0] for r in rows}) == 2 and len({r[1] for r in rows}) == 6
    assert rows[0][2:] == ("Outlet 0", 0, 4, 0.5) and rows[1][2:] == ("Outlet 0", 40, 44, 0.6)


def test_link_is_idempotent_and_ids_are_stable(store: Store) -> None:
    store.write(outlets())
    first = link(store)
    ids = store.connection.execute("SELECT id FROM canonical_events ORDER BY id").fetchall()
    assert link(store) == first
    assert store.connection.execute("SELECT id FROM canonical_events ORDER BY id").fetchall() == ids
    assert all(i[0].startswith("cev-") for i in ids)


def test_no_dedupe_keeps_every_article_its_own_story(store: Store) -> None:
    store.write(outlets())
    result = link(store, dedupe=False)
    # the two outlets of the 4th still link; the one of the 5th is a story and an event of its own
    assert result["stories"] == 3 and result["canonical_events"] == 4


def test_staleness_follows_new_articles(store: Store) -> None:
    store.write(outlets()[:1])
    assert is_stale(store)
    ensure_linked(store)
    assert not is_stale(store) and counts(store)["story_articles"] == 1
    store.write(outlets()[1:])
    assert is_stale(store)
    ensure_linked(store)
    assert counts(store)["story_articles"] == 3


def test_read_only_store_that_was_never_linked_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with Store.open(path) as writable:
        writable.write(outlets())
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError, match="eventwire link"):
        ensure_linked(store)


def test_read_only_store_linked_before_is_used_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with Store.open(path) as writable:
        writable.write(outlets()[:2])
        link(writable)
        writable.write(outlets()[2:])
    with Store.open(path, read_only=True) as store:
        ensure_linked(store)
        assert is_stale(store) and counts(store)["story_articles"] == 2


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [("2021-03-09", "day", ("day", "2021-03-09")), ("2021-03", "month", ("month", "2021-03-01")),
     ("2021", "year", ("year", "2021-01-01")), ("2021-SP", "month", ("month", None))],
)
def test_canonical_dates_carry_precision_and_first_day(store: Store, value: str, precision: str,
                                                       expected: tuple) -> None:
    store.write([coded("A single article.", [Spec("ARDGOV", "051", "BELGOV", value, precision)])])
    link(store)
    row = store.connection.execute("SELECT date_precision, date::VARCHAR FROM canonical_events").fetchall()[0]
    assert row == expected


def test_linking_a_store_linked_by_an_older_version_adds_the_columns_it_lacked(store: Store) -> None:
    from eventwire.store.schema import ANALYSIS_TABLES, create_sql

    older = ANALYSIS_TABLES["canonical_events"][:-1]  # as if "confidence" came later
    store.connection.execute(create_sql("canonical_events", older))
    store.write(outlets())
    assert link(store)["canonical_events"] == 2
    found = store.connection.execute("SELECT confidence FROM canonical_events ORDER BY ALL").fetchall()
    assert [round(c, 6) for (c,) in found] == [0.5, 0.6]
