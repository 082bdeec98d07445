"""Query speed: a synthetic store of 10 million events, a monthly dyad series and a top-actors query.

    python benchmarks/query.py [--events N] [--db PATH] [--rebuild] [--repeat N] [--add N] [--memory-limit SIZE]

Builds (once; ``--rebuild`` builds again) a DuckDB store at ``--db`` holding ``--events`` synthetic event
rows spread over one article per 20 events, 2010–2024, between 240 actor codes and 20 CAMEO codes, drawn
with a skew so that some dyads are busy and most are rare; the rows have every column of the schema
(:func:`eventwire.store.schema.select_list`), NULL where the benchmark sets no value. Building is SQL
inside DuckDB and CPU heavy (minutes for 10 million rows on two cores); it then links the store with
``link(store, dedupe=False)`` (every article its own story: the synthetic texts are not news, so there is
nothing to compare) and reports how long linking took. It then adds ``--add`` new articles (10,000 by default,
with their events; 0: none) to the linked store and times linking them (only the new articles are linked), as a
share of the full link. ``--memory-limit`` (``6GB``) caps the memory DuckDB uses (it spills to disk beyond),
for a machine others share. Then it times, each ``--repeat`` times after one warm-up run:

* ``dyad_series(store, "USA", "RUS", "month")``: the monthly series of one busy dyad, both directions;
* ``top_actors(store, 20)``: the 20 most active actor codes with their names;
* ``timeline(store, "SYR", "month")`` and ``network(store, min_events=50)`` for comparison.

The table gives the median and the slowest run. The goal is under half a second each for the first two.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.analysis import dyad_series, link, network, timeline, top_actors
from eventwire.store import Store
from eventwire.store.schema import select_list

COUNTRIES = ("USA", "RUS", "CHN", "SYR", "IRN", "ISR", "TUR", "UKR", "GBR", "FRA", "DEU", "IRQ", "SAU", "EGY",
             "IND", "PAK", "AFG", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ETH", "KEN", "ZAF", "VEN", "COL",
             "LBN", "YEM", "QAT", "ARE", "JOR", "LBY", "SDN", "SOM", "MLI", "POL", "BLR", "GEO")
SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "BUS")
CAMEO = (  # code, label, Goldstein, QuadClass, PLOVER type
    ("010", "Make statement", 0.0, 1, "CONSULT"), ("020", "Appeal", 3.0, 1, "REQUEST"),
    ("036", "Express intent to meet", 4.0, 1, "AGREE"), ("040", "Consult", 1.0, 1, "CONSULT"),
    ("042", "Make a visit", 1.9, 1, "CONSULT"), ("043", "Host a visit", 2.8, 1, "CONSULT"),
    ("051", "Praise or endorse", 3.4, 1, "SUPPORT"), ("057", "Sign formal agreement", 8.0, 1, "AGREE"),
    ("061", "Cooperate economically", 6.4, 2, "COOPERATE"), ("071", "Provide economic aid", 7.4, 2, "AID"),
    ("111", "Criticize or denounce", -2.0, 3, "ACCUSE"), ("112", "Accuse", -2.0, 3, "ACCUSE"),
    ("130", "Threaten", -4.4, 3, "THREATEN"), ("141", "Demonstrate or rally", -6.5, 3, "PROTEST"),
    ("163", "Impose embargo or sanctions", -8.0, 4, "SANCTION"), ("173", "Arrest", -5.0, 4, "COERCE"),
    ("180", "Use unconventional violence", -9.0, 4, "ASSAULT"), ("190", "Use conventional military force", -10.0, 4,
                                                                   "ASSAULT"),
    ("193", "Fight with small arms", -10.0, 4, "ASSAULT"), ("195", "Employ aerial weapons", -10.0, 4, "ASSAULT"),
)
EVENTS_PER_ARTICLE = 20

# Every row is built from the schema: each column below gets its synthetic value, every other column of the
# table (one added since) a NULL, so a new column cannot break the benchmark; a renamed one fails loudly.
ARTICLE_VALUES = {
    "key": "'k' || i", "id": "'art-' || i", "title": "'Synthetic article ' || i",
    "published": "DATE '2010-01-01' + CAST(hash(i, 'day') % 5479 AS INTEGER)",
    "source": "'Outlet ' || (hash(i, 'src') % 50)", "origin": "'synthetic'", "text": "'synthetic text ' || i",
    "ingested_at": "TIMESTAMP '2024-12-31 00:00:00'",
}
EVENT_VALUES = {
    "article_key": "'k' || c.a", "id": "'ev-' || c.i",
    "source_actor": "'act-' || c.src", "source_name": "c.src || ' name'", "source_code": "c.src",
    "source_country": "substr(c.src, 1, 3)", "source_basis": "'named'",
    "target_actor": "'act-' || c.tgt", "target_name": "c.tgt || ' name'", "target_code": "c.tgt",
    "target_country": "substr(c.tgt, 1, 3)", "target_basis": "'named'",
    "cameo_code": "c.cam.code", "cameo_root": "substr(c.cam.code, 1, 2)", "cameo_label": "c.cam.label",
    "cameo_goldstein": "c.cam.goldstein", "cameo_quad_class": "c.cam.quad", "plover_type": "c.cam.plover",
    "plover_context": "['diplomatic']", "modality": "'asserted'",
    "date_value": "strftime(a.published, '%Y-%m-%d')", "date_precision": "'day'", "date_basis": "'text'",
    "trigger_text": "'trigger'", "trigger_start": "(c.i % {per}) * 50", "trigger_end": "(c.i % {per}) * 50 + 7",
    "sentence_start": "(c.i % {per}) * 50", "sentence_end": "(c.i % {per}) * 50 + 40", "confidence": "0.7",
}

_ARTICLES = "INSERT INTO articles BY NAME SELECT {columns} FROM range(?, ?) t(i)"

# Actor indexes drawn as floor(n * u^2): low indexes (the first countries) are much busier than high ones.
_EVENTS = """
INSERT INTO events BY NAME
WITH draws AS (
    SELECT i, i // {per} AS a,
           CAST(floor(? * pow((hash(i, 's') % 1000000) / 1000000.0, 2)) AS INTEGER) + 1 AS s,
           CAST(floor(? * pow((hash(i, 't') % 1000000) / 1000000.0, 2)) AS INTEGER) + 1 AS t,
           CAST(hash(i, 'c') % ? AS INTEGER) + 1 AS c
    FROM range(?, ?) r(i)
), coded AS (
    SELECT d.i, d.a, ?[d.s] AS src, ?[CASE WHEN d.t = d.s THEN d.t % ? + 1 ELSE d.t END] AS tgt, ?[d.c] AS cam
    FROM draws d
)
SELECT {columns}
FROM coded c JOIN articles a ON a.key = 'k' || c.a
"""


def insert_sql() -> tuple[str, str]:
    """The statements that fill the articles and events tables, their columns taken from the schema."""
    per = EVENTS_PER_ARTICLE
    events = {name: value.replace("{per}", str(per)) for name, value in EVENT_VALUES.items()}
    return (_ARTICLES.format(columns=select_list("articles", ARTICLE_VALUES)),
            _EVENTS.format(per=per, columns=select_list("events", events)))


def codes() -> list[str]:
    """Actor codes, busiest first: every country's government, then its other sectors."""
    return [c + s for s in SECTORS for c in COUNTRIES]


def fill(store: Store, first_article: int, articles: int) -> int:
    """Add ``articles`` synthetic articles, numbered from ``first_article``, with their events; the events added."""
    actor_codes = codes()
    cameo = [{"code": c, "label": label, "goldstein": g, "quad": q, "plover": p} for c, label, g, q, p in CAMEO]
    articles_sql, events_sql = insert_sql()
    first, last = first_article * EVENTS_PER_ARTICLE, (first_article + articles) * EVENTS_PER_ARTICLE
    store.connection.execute(articles_sql, [first_article, first_article + articles])
    store.connection.execute(
        events_sql,
        [len(actor_codes), len(actor_codes), len(cameo), first, last, actor_codes, actor_codes, len(actor_codes),
         cameo],
    )
    return last - first


MEMORY_LIMIT: str | None = None  # --memory-limit


def opened(path: Path) -> Store:
    """The store at ``path``, its DuckDB memory capped at ``MEMORY_LIMIT`` when one is set."""
    store = Store.open(path)
    if MEMORY_LIMIT:
        store.connection.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    return store


def build(path: Path, events: int) -> float:
    """Create the synthetic store at ``path`` and link it; returns the seconds linking took."""
    path.unlink(missing_ok=True)
    with opened(path) as store:
        fill(store, 0, -(-events // EVENTS_PER_ARTICLE))
        started = time.perf_counter()
        link(store, dedupe=False, full=True)
        return time.perf_counter() - started


def add(path: Path, articles: int) -> tuple[int, float]:
    """Add ``articles`` new articles to the linked store at ``path`` and link them; the events added and the
    seconds linking them took."""
    with opened(path) as store:
        first = int(store.connection.execute("SELECT count(*) FROM articles").fetchall()[0][0])
        events = fill(store, first, articles)
        started = time.perf_counter()
        link(store, dedupe=False)
        return events, time.perf_counter() - started


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median and slowest seconds of ``repeat`` runs after one warm-up run, and the last result."""
    result = run()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-query-bench.duckdb"))
    parser.add_argument("--rebuild", action="store_true", help="Build the store again even if it exists.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--add", type=int, default=10_000, metavar="N",
                        help="New articles to add to the linked store and link (0: none).")
    parser.add_argument("--memory-limit", default=None, metavar="SIZE", help="DuckDB's memory limit, e.g. 6GB.")
    args = parser.parse_args()
    global MEMORY_LIMIT
    MEMORY_LIMIT = args.memory_limit
    if args.rebuild or not args.db.exists():
        started = time.perf_counter()
        link_seconds = build(args.db, args.events)
        print(f"built {args.db} in {time.perf_counter() - started:.1f} s (linking {link_seconds:.1f} s)", flush=True)
        if args.add:
            events, add_seconds = add(args.db, args.add)
            print(f"linking {args.add:,} new articles ({events:,} events): {add_seconds:.1f} s, "
                  f"{100 * add_seconds / link_seconds:.1f} % of the full link", flush=True)
    with opened(args.db) as store:
        print(f"{store.count('events'):,} events in {store.count('articles'):,} articles; "
              f"{store.connection.execute('SELECT count(*) FROM canonical_events').fetchall()[0][0]:,} canonical")
        queries = {
            "dyad_series USA RUS month": lambda: dyad_series(store, "USA", "RUS", "month"),
            "top_actors 20": lambda: top_actors(store, 20),
            "timeline SYR month": lambda: timeline(store, "SYR", "month"),
            "network min_events=50": lambda: network(store, min_events=50),
        }
        print(f"{'query':30} {'median s':>9} {'max s':>7}  rows")
        for name, run in queries.items():
            median, slowest, result = timed(run, args.repeat)
            size = len(result) if isinstance(result, list) else len(result["edges"])
            print(f"{name:30} {median:9.3f} {slowest:7.3f}  {size}")


if __name__ == "__main__":
    main()
