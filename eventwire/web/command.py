"""``eventwire serve``: run the web UI and REST API over a database with uvicorn."""

from __future__ import annotations

import os
from typing import Any

import click

from ..cli import setting_help
from ..errors import EventwireError
from ..settings import Settings
from ..watch.command import make_policy, policy_options
from ..watch.fetch import FetchPolicy
from .database import Database


@click.command("serve")
@click.option("--db", default=None, metavar="FILE", help=setting_help("db", "The database to serve."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 keeps the server on this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", default=None, metavar="TOKEN",
              help="Token the write endpoints need [default: $EVENTWIRE_TOKEN, else a random one, printed].")
@click.option("--read-only", is_flag=True, default=False,
              help="Open the database read-only: other readers may share it; nothing can be added.")
@click.option("--max-body-mb", type=click.FloatRange(min=0.001), default=5.0, show_default=True,
              help="Largest request body accepted, in megabytes.")
@click.option("--watch", is_flag=True, default=False,
              help="Run the watcher in the server: poll the sources followed (see `eventwire watch`) and --source.")
@click.option("--source", "sources", multiple=True, metavar="SOURCE",
              help="A feed or page URL or a folder for the watcher to follow (with --watch; repeatable).")
@click.option("--interval", type=click.FloatRange(min=1), default=900.0, show_default=True,
              help="Seconds from the start of one pass of the watcher to the next.")
@policy_options
def serve_command(db: str | None, host: str, port: int, token: str | None, read_only: bool,
                  max_body_mb: float, watch: bool, sources: tuple[str, ...], interval: float,
                  **policy: Any) -> None:
    """Serve the web UI and REST API over the database (open http://HOST:PORT/ in a browser)."""
    import uvicorn

    from .app import WebConfig, create_app

    settings = Settings.from_env().replace(db=db)
    token = token or os.environ.get("EVENTWIRE_TOKEN") or WebConfig.new_token()
    config = WebConfig(settings, token=token, read_only=read_only, max_body=int(max_body_mb * 1_000_000))
    if sources and not watch:
        raise click.UsageError("--source needs --watch")
    if watch and read_only:
        raise click.UsageError("the watcher stores what it finds: use --watch without --read-only")
    try:
        app = create_app(config)
        if watch:
            _start_watcher(app.state.db, sources, interval, make_policy(**policy))
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"eventwire: serving {settings.db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    if not read_only:
        click.echo(f"eventwire: write token {token} (send as 'Authorization: Bearer TOKEN')", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"eventwire: warning: listening on {host} makes the server reachable from other machines", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _start_watcher(db: Database, sources: tuple[str, ...], interval: float, policy: FetchPolicy) -> None:
    from ..watch import Watcher, source_from

    watcher = Watcher(db.settings, policy)
    followed = watcher.follow([source_from(spec) for spec in sources])
    db.watch(watcher, interval)
    click.echo(f"eventwire: watching {len(followed)} sources every {interval:g} s", err=True)
