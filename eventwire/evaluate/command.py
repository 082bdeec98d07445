"""``eventwire evaluate``: a thin click skin over :mod:`eventwire.evaluate`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import EventwireError
from ..settings import Settings
from . import DATASETS, run
from .gate import check, load_floors, raise_floors
from .render import render, write_reports
from .report import Report


@click.command("evaluate")
@click.argument("datasets", nargs=-1, required=True)
@click.option("--data", "data_root", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder holding the gold sets (default: $EVENTWIRE_DATA or ../shared/data).")
@click.option("--limit", type=int, default=None, help="Evaluate on the first N items (a fixed sample).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write a Markdown report here (and its JSON twin beside it).")
@click.option("--gate", "floors_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Fail when a metric falls below its floor in this floors.json.")
@click.option("--raise-floors", is_flag=True, help="With --gate: raise the floors to today's numbers (never lowers).")
@click.option("--model", default=None, help="spaCy model to load.")
def evaluate_command(datasets: tuple[str, ...], data_root: Path | None, limit: int | None, fmt: str,
                     report: Path | None, floors_path: Path | None, raise_floors: bool, model: str | None) -> None:
    """Measure eventwire on public gold DATASETS (names, or `all`): plover-gsr, polnear, polnear-train,
    tempeval3, geowebnews, geovirus, ngec, petrarch2, eventgold."""
    names = list(DATASETS) if "all" in datasets else list(datasets)
    settings = Settings.from_env().replace(model=model)
    try:
        reports: list[Report] = []
        for name in names:
            click.echo(f"evaluating {name} …", err=True)
            reports.append(run(name, data_root, limit=limit, settings=settings))
        click.echo(render(reports, fmt))
        if report:
            write_reports(reports, report)
            click.echo(f"wrote {report} and {report.with_suffix('.json')}", err=True)
        if floors_path:
            _gate(reports, floors_path, raise_floors)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc


def _gate(reports: list[Report], floors_path: Path, raise_them: bool) -> None:
    floors = load_floors(floors_path)
    failures = check(reports, floors)
    if raise_them:
        floors_path.write_text(json.dumps(raise_floors(reports, floors), indent=2) + "\n", encoding="utf-8")
        click.echo(f"floors raised where today's numbers allow: {floors_path}", err=True)
    if failures:
        raise click.ClickException("quality gate failed:\n  " + "\n  ".join(failures))
    click.echo("quality gate passed", err=True)
