"""The ``eventwire`` command: a thin click skin over the library.

    eventwire extract PATH...    code articles and print them (jsonl, json or a table)
    eventwire ingest PATH...     code articles and store them in the database
    eventwire events             query stored events (actor, dyad, CAMEO root, dates)
    eventwire quotes             query stored quotes by speaker
    eventwire summary            what the database holds, with evidence sentences
    eventwire errors             inputs skipped and articles that failed, with the reason
    eventwire watch SOURCE...    follow feeds, pages and folders; code and store what is new

Each command parses its options, calls one library function and prints the answer. Options default
from :meth:`eventwire.settings.Settings.from_env` (``EVENTWIRE_<NAME>`` variables); library errors
become :class:`click.ClickException` with the library's message. The heavy modules (spaCy and the
pipeline) are imported only by the commands that code articles, so queries start fast.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

import click

from .errors import EventwireError
from .models import Result, Skipped
from .settings import SETTINGS, Settings
from .store import Store

EVENT_COLUMNS = ("article_id", "date_value", "source_code", "cameo_code", "cameo_label", "plover_type",
                 "target_code", "modality", "location_name", "trigger_text")
QUOTE_COLUMNS = ("article_id", "kind", "speaker_name", "speaker_code", "text")
ERROR_COLUMNS = ("at", "origin", "reason")

Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def setting_help(name: str, text: str | None = None) -> str:
    """The help of the option for setting ``name`` (``text``, else the setting's own help), with the
    variable and default read off :class:`eventwire.settings.Settings`."""
    setting = next(s for s in SETTINGS if s.name == name)
    return f"{text or setting.help} [default: ${setting.variable} or {setting.default!r}]"


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn the library's errors into clean command-line errors."""
    try:
        yield
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


db_option = click.option("--db", default=None, metavar="FILE", help=setting_help("db"))
model_option = click.option("--model", default=None, metavar="NAME", help=setting_help("model"))
no_clean_option = click.option("--no-clean", is_flag=True, default=False,
                               help="Keep the input text verbatim (offsets then index into the input).")
no_implied_option = click.option(
    "--no-implied", is_flag=True, default=False,
    help="Leave out the events whose source the text does not give but their trigger implies "
         "(source basis 'implied': \"five men were arrested in Karachi\" -> the Pakistani police).")
CONFIDENCE = click.FloatRange(0.0, 1.0)
coding_confidence_option = click.option(
    "--min-confidence", type=CONFIDENCE, default=None, metavar="X", help=setting_help("min_confidence"))
stored_confidence_option = click.option(
    "--min-confidence", type=CONFIDENCE, default=None, metavar="X",
    help="Only events whose confidence (0-1) is at least X.")
dictionary_option = click.option("--dictionary", multiple=True, metavar="FILE", type=click.Path(dir_okay=False),
                                 help=setting_help("dictionaries") + " Repeat for several files.")


def _dictionaries(files: tuple[str, ...]) -> tuple[str, ...] | None:
    """Files given with --dictionary, added to those of EVENTWIRE_DICTIONARIES."""
    return Settings.from_env().dictionaries + tuple(files) if files else None


paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


def format_option(*choices: str) -> Callable[[Decorated], Decorated]:
    """``--format`` with ``choices``, the first the default (the value reaches the command as ``fmt``)."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help="Output format.")


class LazyGroup(click.Group):
    """A command group whose heavier commands (evaluation, analysis, the web server) are imported only
    when one of them runs or the help lists them: ``eventwire ingest`` and its worker processes, which
    import this module again, do not load FastAPI or the evaluation peers."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)


LAZY_COMMANDS = {
    "evaluate": "eventwire.evaluate.command:evaluate_command",
    "serve": "eventwire.web.command:serve_command",
    "watch": "eventwire.watch.command:watch_command",
    **{name: f"eventwire.analysis.commands:{name}" for name in ("link", "dyad", "timeline", "actors", "network",
                                                                "export")},
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: political event data from news articles — who did what to whom, when and where."""


# --------------------------------------------------------------------------------- coding


@main.command()
@paths_argument
@format_option("jsonl", "json", "table")
@no_clean_option
@click.option("--published", default=None, callback=_iso_date, metavar="DATE",
              help="Publication date (YYYY-MM-DD) for every article, overriding one found in the input; "
                   "relative dates (\"next Monday\") are resolved against it.")
@model_option
@dictionary_option
@no_implied_option
@coding_confidence_option
def extract(paths: tuple[str, ...], fmt: str, no_clean: bool, published: str | None, model: str | None,
            dictionary: tuple[str, ...], no_implied: bool, min_confidence: float | None) -> None:
    """Code the articles in PATH... (files, folders, JSONL, or - for stdin) and print the results."""
    from . import api
    from .output import without_implied

    settings = Settings.from_env().replace(model=model, clean=False if no_clean else None,
                                           dictionaries=_dictionaries(dictionary), min_confidence=min_confidence)
    with library_errors():
        results = []
        for item in api.extract_paths(list(paths), settings, published=published):
            if isinstance(item, Skipped):
                click.echo(f"skipped {item.origin}: {item.reason}", err=True)
                continue
            item = without_implied(item) if no_implied else item
            if fmt == "jsonl":
                from .output import to_jsonl_line

                click.echo(to_jsonl_line(item))
            else:
                results.append(item)
        if fmt != "jsonl":
            click.echo(_render_results(results, fmt), nl=False)


def _render_results(results: list[Result], fmt: str) -> str:
    from .output import render_table, to_contract

    if fmt == "json":
        return json.dumps([to_contract(r) for r in results], ensure_ascii=False, indent=2) + "\n"
    return render_table(results) + "\n"


@main.command()
@paths_argument
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None, help=setting_help("workers"))
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help=setting_help("batch_size"))
@no_clean_option
@model_option
@dictionary_option
@coding_confidence_option
@click.option("--no-progress", is_flag=True, default=False, help="Do not show the progress bar on stderr.")
@click.option("--dask", default=None, metavar="local[:N]|tcp://HOST:PORT",
              help="Code on a Dask cluster: local (--workers processes), local:N, or a scheduler address.")
@click.option("--out", nargs=2, default=None, metavar="parquet DIR",
              help="Write partitioned Parquet under DIR (a folder or an fsspec URL) instead of the database; "
                   "the query commands read it with --db DIR.")
def ingest(paths: tuple[str, ...], db: str | None, workers: int | None, batch_size: int | None, no_clean: bool,
           model: str | None, dictionary: tuple[str, ...], min_confidence: float | None, no_progress: bool,
           dask: str | None, out: tuple[str, str] | None) -> None:
    """Code the articles in PATH... and store them in the database (re-ingesting changes nothing)."""
    from . import ingest as ingest_module

    if out is not None and out[0] != "parquet":
        raise click.BadParameter(f"{out[0]!r} is not an output format; write --out parquet DIR", param_hint="--out")
    settings = Settings.from_env().replace(db=db, workers=workers, batch_size=batch_size, model=model,
                                           clean=False if no_clean else None,
                                           dictionaries=_dictionaries(dictionary), min_confidence=min_confidence)
    with library_errors():
        summary = ingest_module.ingest(list(paths), settings, progress=not no_progress, dask=dask,
                                       out=out[1] if out else None)
    for skip in summary.skipped + summary.failed:
        click.echo(f"skipped {skip.origin}: {skip.reason}", err=True)
    click.echo(
        f"{out[1] if out else settings.db}: read {summary.read} articles; stored {summary.stored}, already stored "
        f"{summary.already_stored}, {len(summary.skipped)} inputs skipped, {len(summary.failed)} failed; "
        f"{summary.events} events; {summary.seconds:.1f} s ({summary.articles_per_second:.1f} articles/s)"
    )


# --------------------------------------------------------------------------------- queries


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    path = db or Settings.from_env().db
    with library_errors(), Store.open(path, read_only=True) as store:
        yield store


@main.command()
@db_option
@click.option("--actor", default=None, metavar="CODE", help="Source or target code starts with CODE (IRN: IRNGOV…).")
@click.option("--dyad", nargs=2, default=None, metavar="A B", help="Events between A and B, either direction.")
@click.option("--root", default=None, metavar="NN", help="CAMEO root code, 01 to 20.")
@click.option("--since", default=None, callback=_iso_date, metavar="DATE", help="Events on or after DATE.")
@click.option("--until", default=None, callback=_iso_date, metavar="DATE", help="Events on or before DATE.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N events.")
@no_implied_option
@stored_confidence_option
@format_option("table", "json", "csv")
def events(db: str | None, actor: str | None, dyad: tuple[str, str] | None, root: str | None,
           since: str | None, until: str | None, limit: int | None, no_implied: bool,
           min_confidence: float | None, fmt: str) -> None:
    """Stored events, filtered by actor, dyad, CAMEO root, date and confidence."""
    with _store(db) as store:
        rows = store.events(actor=actor, dyad=dyad, root=root, since=since, until=until, limit=limit,
                            implied=not no_implied, min_confidence=min_confidence)
    click.echo(render_rows(rows, EVENT_COLUMNS, fmt))


@main.command()
@db_option
@click.option("--speaker", default=None, metavar="NAME", help="Speaker name contains NAME, or code starts with it.")
@format_option("table", "json", "csv")
def quotes(db: str | None, speaker: str | None, fmt: str) -> None:
    """Stored quotes with their speakers."""
    with _store(db) as store:
        rows = store.quotes(speaker=speaker)
    click.echo(render_rows(rows, QUOTE_COLUMNS, fmt))


@main.command()
@db_option
@format_option("table", "json", "csv")
def errors(db: str | None, fmt: str) -> None:
    """Inputs that were skipped and articles whose coding failed, with the reason."""
    with _store(db) as store:
        rows = store.errors()
    click.echo(render_rows(rows, ERROR_COLUMNS, fmt))


@main.command()
@db_option
@format_option("text", "json")
def summary(db: str | None, fmt: str) -> None:
    """What the database holds: articles, events by CAMEO root and PLOVER type, top dyads, examples."""
    with _store(db) as store:
        data = store.summary()
        path = store.path
    click.echo(_json(data) if fmt == "json" else render_summary(path, data))


# --------------------------------------------------------------------------------- rendering


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(map(str, value))
    return value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=lambda v: _plain(v))


def render_rows(rows: list[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """Query rows as a table (a few columns), JSON (every column) or CSV (every column)."""
    if fmt == "json":
        return _json(rows)
    if fmt == "csv":
        buffer = io.StringIO()
        names = list(rows[0]) if rows else list(columns)
        writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _plain(v) for k, v in row.items()} for row in rows)
        return buffer.getvalue().rstrip("\n")
    from .output import format_rows

    return format_rows([{c: _plain(row.get(c)) for c in columns} for row in rows], columns)


def render_summary(path: str, data: dict[str, Any]) -> str:
    """The readable summary printed by ``eventwire summary``."""
    from .output import format_rows

    blocks = [
        f"{path}: {data['articles']} articles, {data['events']} events, {data['quotes']} quotes, "
        f"{data['errors']} errors (see `eventwire errors`)",
        "Events by CAMEO root\n" + format_rows(data["by_root"], ("root", "label", "events")),
        "Events by PLOVER type\n" + format_rows(data["by_plover"], ("type", "events")),
        "Top dyads\n" + format_rows(data["top_dyads"], ("source", "target", "events")),
        "Examples\n" + "\n".join(_example(e) for e in data["examples"]) if data["examples"] else "Examples\n(none)",
    ]
    return "\n\n".join(blocks)


def _example(event: dict[str, Any]) -> str:
    evidence = " ".join((event["evidence"] or "").split())
    return (f"{event['date'] or 'undated'}  {event['source']}  {event['cameo']} {event['label']}  "
            f"{event['target']}  [{event['plover'] or '-'}]  ({event['article_id']})\n    {evidence}")
