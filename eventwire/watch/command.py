"""``eventwire watch``: follow feeds, pages and folders, and code and store what is new."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..cli import db_option, dictionary_option, library_errors, model_option, no_clean_option, render_rows
from ..settings import Settings
from .fetch import FetchPolicy
from .run import Outcome, Watcher
from .state import Source, source_from, status

STATUS_COLUMNS = ("kind", "location", "active", "last_run", "last_status", "last_new", "articles", "errors",
                  "last_error")
Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def policy_help(name: str) -> str:
    """The help of the option for :class:`FetchPolicy` field ``name``, with its default."""
    found = next(f for f in dataclasses.fields(FetchPolicy) if f.name == name)
    default = found.default if found.default != () else "any host"
    return f"{found.metadata['help']} [default: {default!r}]"


def policy_options(command: Decorated) -> Decorated:
    """The options of every :class:`FetchPolicy` field."""
    options = [
        click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST", help=policy_help("allow_hosts")),
        click.option("--user-agent", default=None, help=policy_help("user_agent")),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=None, help=policy_help("timeout")),
        click.option("--retries", type=click.IntRange(min=0), default=None, help=policy_help("retries")),
        click.option("--backoff", type=click.FloatRange(min=0), default=None, help=policy_help("backoff")),
        click.option("--host-interval", type=click.FloatRange(min=0), default=None,
                     help=policy_help("host_interval")),
        click.option("--ignore-robots", is_flag=True, default=False,
                     help="Do not read robots.txt (only for sites that are yours or that allow it)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def make_policy(**given: Any) -> FetchPolicy:
    """The policy of the options given (None: the default)."""
    given["allow_hosts"] = tuple(given.get("allow_hosts") or ()) or None
    given["robots"] = False if given.pop("ignore_robots", False) else None
    return dataclasses.replace(FetchPolicy(), **{k: v for k, v in given.items() if v is not None})


def named_sources(sources: tuple[str, ...], feeds: tuple[str, ...], pages: tuple[str, ...],
                  folders: tuple[str, ...]) -> list[Source]:
    """The sources given on the command line, each kind as its option says (SOURCE: told apart)."""
    kinds: list[tuple[str | None, tuple[str, ...]]] = [(None, sources), ("feed", feeds), ("page", pages),
                                                       ("folder", folders)]
    return [source_from(spec, kind) for kind, specs in kinds for spec in specs]


@click.command("watch")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed to follow.")
@click.option("--page", "pages", multiple=True, metavar="URL", help="An article page to read once.")
@click.option("--folder", "folders", multiple=True, metavar="DIR", help="A folder whose new or changed files to read.")
@click.option("--once", is_flag=True, default=False, help="Poll every source once, then stop.")
@click.option("--interval", type=click.FloatRange(min=1), default=900.0, show_default=True,
              help="Seconds from the start of one pass over the sources to the next.")
@click.option("--drop", "dropped", multiple=True, metavar="SOURCE", help="Stop following SOURCE (history is kept).")
@click.option("--status", "show_status", is_flag=True, default=False,
              help="Show each source's last run, new articles and errors, then stop.")
@db_option
@model_option
@dictionary_option
@no_clean_option
@policy_options
def watch_command(sources: tuple[str, ...], feeds: tuple[str, ...], pages: tuple[str, ...],
                  folders: tuple[str, ...], once: bool, interval: float, dropped: tuple[str, ...],
                  show_status: bool, db: str | None, model: str | None, dictionary: tuple[str, ...],
                  no_clean: bool, **policy: Any) -> None:
    """Follow SOURCEs (feed or page URLs, folders) and code and store what is new, every --interval seconds.

    The sources are kept in the database: run it again with no SOURCE to go on with the same ones.
    """
    settings = Settings.from_env().replace(db=db, model=model, clean=False if no_clean else None,
                                           dictionaries=Settings.from_env().dictionaries + dictionary or None)
    with library_errors():
        watcher = Watcher(settings, make_policy(**policy))
        if show_status:
            click.echo(_status_table(settings.db))
            return
        for source in watcher.drop([_named(spec) for spec in dropped]):
            click.echo(f"no longer following {source.location}", err=True)
        followed = watcher.follow(named_sources(sources, feeds, pages, folders))
        if not followed:
            raise click.UsageError("no sources: give feed or page URLs or folders (they are kept in the database)")
        click.echo(f"eventwire: following {len(followed)} sources into {settings.db}", err=True)
        if once:
            _report(watcher.poll())
            return
        stop = threading.Event()
        try:
            watcher.watch(interval, stop, report=_report,
                          trouble=lambda message: click.echo(f"eventwire: this pass failed: {message}", err=True))
        except KeyboardInterrupt:
            stop.set()
            click.echo("eventwire: stopped", err=True)


def _named(spec: str) -> Source:
    """The source a user names to drop: a URL, or a folder's path (the folder may be gone)."""
    if spec.lower().startswith(("http://", "https://")):
        return source_from(spec)
    return Source("folder", str(Path(spec).resolve()))


def _report(outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        run = outcome.run
        click.echo(f"{outcome.source.location}: {run.status}, {run.items} new items, {run.new_articles} "
                   f"articles stored, {len(run.errors)} errors ({run.seconds:.1f} s)")
        for error in run.errors:
            click.echo(f"  error: {error}", err=True)


def _status_table(db: str) -> str:
    from ..store import Store

    with Store.open(db, read_only=True) as store:
        rows = status(store.connection)
    return render_rows(rows, STATUS_COLUMNS, "table") if rows else f"{db}: no sources followed"
