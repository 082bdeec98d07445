"""The analysis commands, thin click skins over :mod:`eventwire.analysis`.

    eventwire link                  group stories, link event mentions to canonical events
    eventwire dyad A B              events between A and B per period, by QuadClass, with a chart
    eventwire timeline ACTOR        events an actor takes part in per period
    eventwire actors                the most active actors
    eventwire network               the actor graph: GraphML and a picture
    eventwire export OUT            GDELT 2.0 TSV, PLOVER JSON lines, CSV or Parquet

Each opens the database for writing (so it can link when the store changed since the last link), calls one
library function and prints the answer. ``eventwire.cli`` loads them when one runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..cli import format_option, setting_help
from ..errors import EventwireError, StoreError
from ..settings import Settings
from ..store import Store

SERIES_COLUMNS = ("period", "q1", "q2", "q3", "q4", "total", "goldstein")
ACTOR_COLUMNS = ("code", "name", "country", "events", "as_source", "as_target", "mentions")
EDGE_COLUMNS = ("source", "target", "events", "goldstein")

db_option = click.option("--db", default=None, metavar="FILE", help=setting_help("db", "DuckDB database file."))
freq_option = click.option("--freq", type=click.Choice(["day", "week", "month", "year"]), default="month",
                           show_default=True, help="Length of one period.")
chart_option = click.option("--chart", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                            help="Also draw the series to FILE (.png or .svg).")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from ..cli import _iso_date

    return _iso_date(ctx, param, value)


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    """The database, open for writing; library errors become clean command-line errors."""
    path = db or Settings.from_env().db
    try:
        if not Path(path).exists():
            raise StoreError(f"no database at {path}: run `eventwire ingest PATH --db {path}` first")
        with Store.open(path) as store:
            yield store
    except (EventwireError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


def _print(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> None:
    from ..cli import render_rows

    click.echo(render_rows(rows, columns, fmt))


@click.command()
@db_option
@click.option("--dedupe/--no-dedupe", default=None,
              help="Compare article texts for stories, or make every article its own story (no text comparison; "
                   "for very large stores). Default: as the last link of the store, else --dedupe.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="Estimated Jaccard similarity of word 3-grams above which two articles are one story. "
                   "Default: as the last link of the store, else 0.5.")
@click.option("--full", is_flag=True, default=False,
              help="Link every article again, not only those stored since the last link.")
def link(db: str | None, dedupe: bool | None, threshold: float | None, full: bool) -> None:
    """Group articles into stories and link event mentions to canonical events.

    Only the articles stored since the last link are added (the same tables as linking everything again);
    --full, or another --dedupe or --threshold than last time, links everything again."""
    from . import linking

    with _store(db) as store:
        mode, before = linking.linked_mode(store), linking.linked_articles(store)
        counts = linking.link(store, dedupe=dedupe, threshold=threshold, full=full)
        articles = store.count("articles")
        again = full or before is None or before > articles or mode != linking.linked_mode(store)
    how = "all linked again" if again else f"{articles - (before or 0)} new"
    click.echo(f"{articles} articles in {counts['stories']} stories; {counts['mentions']} event mentions "
               f"linked to {counts['canonical_events']} canonical events ({how})")


@click.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@db_option
@freq_option
@click.option("--directed", is_flag=True, default=False, help="Only events from A to B.")
@chart_option
@format_option("table", "json", "csv")
def dyad(a: str, b: str, db: str | None, freq: str, directed: bool, chart: str | None, fmt: str) -> None:
    """Events between actor codes A and B per period, by QuadClass, with the mean Goldstein value."""
    from .series import dyad_series

    with _store(db) as store:
        rows = dyad_series(store, a, b, freq, directed=directed)
    _print(rows, SERIES_COLUMNS, fmt)
    if chart:
        from .charts import series_chart

        arrow = "→" if directed else "↔"
        series_chart(rows, chart, f"{a.upper()} {arrow} {b.upper()}: events per {freq}")
        click.echo(f"chart written to {chart}", err=True)


@click.command()
@click.argument("actor", metavar="ACTOR")
@db_option
@freq_option
@chart_option
@format_option("table", "json", "csv")
def timeline(actor: str, db: str | None, freq: str, chart: str | None, fmt: str) -> None:
    """Events ACTOR (a code prefix: IRN, IRNGOV) takes part in per period, by QuadClass."""
    from .series import timeline as timeline_rows

    with _store(db) as store:
        rows = timeline_rows(store, actor, freq)
    _print(rows, SERIES_COLUMNS, fmt)
    if chart:
        from .charts import series_chart

        series_chart(rows, chart, f"{actor.upper()}: events per {freq}")
        click.echo(f"chart written to {chart}", err=True)


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many actors.")
@format_option("table", "json", "csv")
def actors(db: str | None, limit: int, fmt: str) -> None:
    """The most active actors, with their codes, names and event counts (each event counted once)."""
    from .series import top_actors

    with _store(db) as store:
        rows = top_actors(store, limit)
    _print(rows, ACTOR_COLUMNS, fmt)


@click.command()
@db_option
@click.option("--since", default=None, callback=_date, metavar="DATE", help="Events on or after DATE.")
@click.option("--until", default=None, callback=_date, metavar="DATE", help="Events on or before DATE.")
@click.option("--min", "min_events", type=click.IntRange(min=1), default=1, show_default=True,
              help="Keep edges with at least N events.")
@click.option("--graphml", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Write the graph as GraphML to FILE.")
@click.option("--picture", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Draw the graph to FILE (.png or .svg).")
@format_option("table", "json")
def network(db: str | None, since: str | None, until: str | None, min_events: int, graphml: str | None,
            picture: str | None, fmt: str) -> None:
    """The actor network: who acts on whom, how often, and the mean Goldstein value of their events."""
    from .network import network as network_data
    from .network import write_graphml

    with _store(db) as store:
        data = network_data(store, since=since, until=until, min_events=min_events)
    if fmt == "json":
        from ..cli import _json

        click.echo(_json(data))
    else:
        click.echo(f"{len(data['nodes'])} actors, {len(data['edges'])} edges")
        _print(data["edges"], EDGE_COLUMNS, "table")
    if graphml:
        write_graphml(data, graphml)
        click.echo(f"GraphML written to {graphml}", err=True)
    if picture:
        from .charts import network_picture

        network_picture(data, picture, f"Actor network ({len(data['edges'])} edges, min {min_events} events)")
        click.echo(f"picture written to {picture}", err=True)


@click.command()
@click.argument("out", type=click.Path(dir_okay=False), metavar="OUT")
@db_option
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "csv", "parquet"]), required=True,
              help="gdelt: GDELT 2.0 event TSV; plover: PLOVER-style JSON lines; csv; parquet.")
@click.option("--table", type=click.Choice(["events", "mentions", "stories", "raw"]), default="events",
              show_default=True, help="For csv and parquet: which table to write.")
@click.option("--no-implied", is_flag=True, default=False,
              help="Leave out the events whose source the text does not give but their trigger implies.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="X",
              help="Only events with a mention whose confidence (0-1) is at least X; mentions and raw rows "
                   "that confident.")
def export(out: str, db: str | None, fmt: str, table: str, no_implied: bool, min_confidence: float | None) -> None:
    """Write the canonical events (each real event once) to OUT in an analyst's format."""
    from .export import export as export_rows

    with _store(db) as store:
        written = export_rows(store, fmt, out, table=table, implied=not no_implied, min_confidence=min_confidence)
    what = table if fmt in ("csv", "parquet") else "events"
    click.echo(f"{written} {what} rows written to {out} ({fmt})")
