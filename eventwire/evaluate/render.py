"""Print evaluation reports as text tables, JSON or the committed Markdown report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .report import Miss, Report


def report_to_dict(report: Report) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    data["docs_per_second"] = round(report.docs_per_second, 2)
    return data


def report_from_dict(data: dict[str, Any]) -> Report:
    fields = {f.name for f in dataclasses.fields(Report)}
    values = {k: v for k, v in data.items() if k in fields}
    values["misses"] = tuple(Miss(**m) for m in values.get("misses", ()))
    values["notes"] = tuple(values.get("notes", ()))
    return Report(**values)


def to_json(reports: Sequence[Report]) -> str:
    return json.dumps([report_to_dict(r) for r in reports], indent=2, ensure_ascii=False)


def _metric_rows(report: Report) -> tuple[list[str], list[list[str]]]:
    peers = sorted(report.peers)
    header = ["metric", "eventwire", *peers]
    rows = [
        [name, f"{value:.3f}", *(f"{report.peers[p][name]:.3f}" if name in report.peers[p] else "–" for p in peers)]
        for name, value in report.metrics.items()
    ]
    return header, rows


def _confusion_rows(confusion: dict[str, dict[str, int]]) -> tuple[list[str], list[list[str]]]:
    predicted = sorted({p for row in confusion.values() for p in row})
    header = ["gold \\ predicted", *predicted]
    rows = [[gold, *(str(row.get(p, 0) or "") for p in predicted)] for gold, row in confusion.items()]
    return header, rows


def _breakdown_rows(breakdown: dict[str, dict[str, float]]) -> tuple[list[str], list[list[str]]]:
    columns = list(dict.fromkeys(c for row in breakdown.values() for c in row))
    header = ["part", *columns]
    rows = [[part, *(_number(row[c]) if c in row else "–" for c in columns)] for part, row in breakdown.items()]
    return header, rows


def _number(value: float) -> str:
    """A count as an integer, a rate with three decimals."""
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _plain(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=False)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False))

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    def esc(cell: str) -> str:
        return str(cell).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(c) for c in header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows])


def _counts(report: Report) -> str:
    counts = ", ".join(f"{k}: {v}" for k, v in report.counts.items())
    return f"{counts}; {report.documents} documents in {report.seconds:.1f} s ({report.docs_per_second:.1f}/s)"


def to_text(reports: Sequence[Report]) -> str:
    blocks = []
    for report in reports:
        parts = [f"== {report.dataset} ==", _counts(report), _plain(*_metric_rows(report))]
        parts += [f"note: {note}" for note in report.notes]
        if report.breakdown:
            parts += ["by part:", _plain(*_breakdown_rows(report.breakdown))]
        if report.confusion:
            parts += ["confusion:", _plain(*_confusion_rows(report.confusion))]
        if report.misses:
            parts.append("worst misses:")
            parts += [f"- expected {m.expected} | got {m.got} | {m.text[:160]}" for m in report.misses]
        blocks.append("\n".join(parts))
    return "\n\n".join(blocks)


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def to_markdown(reports: Sequence[Report]) -> str:
    today = dt.date.today().isoformat()
    lines = [
        "# eventwire evaluation report",
        "",
        f"Measured on {today} at commit `{_git_commit()}` with `make eval`.",
        "Peers are measured in the same run on the same documents.",
        "",
    ]
    for report in reports:
        lines += [f"## {report.dataset}", "", _counts(report), "", _markdown(*_metric_rows(report)), ""]
        lines += [f"- {note}" for note in report.notes] + ([""] if report.notes else [])
        if report.breakdown:
            lines += ["By part:", "", _markdown(*_breakdown_rows(report.breakdown)), ""]
        if report.confusion:
            lines += ["Confusion of types:", "", _markdown(*_confusion_rows(report.confusion)), ""]
    lines += [
        "The worst misses, with their text, are printed by `eventwire evaluate`; they are not kept here,",
        "because the gold sets' texts stay outside the repository.",
        "",
    ]
    return "\n".join(lines)


def write_reports(reports: Sequence[Report], markdown: Path) -> None:
    """Write the Markdown report and its JSON twin (same name, .json) for the gate.

    Neither file holds the misses' texts: they quote the gold sets, which stay outside the project.
    """
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text(to_markdown(reports), encoding="utf-8")
    without_text = [dataclasses.replace(r, misses=()) for r in reports]
    markdown.with_suffix(".json").write_text(to_json(without_text), encoding="utf-8")


def render(reports: Sequence[Report], fmt: str) -> str:
    return {"table": to_text, "json": to_json, "markdown": to_markdown}[fmt](reports)
