"""Turn results into the output contract of DESIGN.md (JSON) and into readable tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .models import Article, Event, Result, to_dict

ARTICLE_FIELDS = ("id", "title", "published", "source", "wire", "url", "place")


def article_dict(article: Article) -> dict[str, Any]:
    """The article's metadata; ``place`` is its dateline's (name, country, lat, lon, text) or None."""
    return {name: to_dict(getattr(article, name)) for name in ARTICLE_FIELDS}


def to_contract(result: Result) -> dict[str, Any]:
    """One article's JSON object, with exactly the contract's field names (and a few more)."""
    return {
        "article": article_dict(result.article),
        "text": result.article.text,
        "actors": to_dict(result.actors),
        "events": to_dict(result.events),
        "quotes": to_dict(result.quotes),
        "timexes": to_dict(result.timexes),
        "places": to_dict(result.places),
    }


def without_implied(result: Result) -> Result:
    """The result without the events whose source is implied by their trigger, not given by the text
    (source basis ``implied``): ``eventwire extract --no-implied``."""
    return replace(result, events=tuple(e for e in result.events if not is_implied(e)))


def is_implied(event: Event) -> bool:
    """Whether the event's source is the doer its trigger implies ("were arrested": the police)."""
    return event.source is not None and event.source.basis == "implied"


def to_jsonl_line(result: Result) -> str:
    """The contract object on one line (UTF-8, no ASCII escaping, stable key order)."""
    return json.dumps(to_contract(result), ensure_ascii=False)


def event_row(event: Event) -> dict[str, str]:
    """The fields of an event a reader scans first, as short strings."""
    return {
        "date": event.date.value if event.date else "",
        "source": event.source.code if event.source else "-",
        "cameo": f"{event.cameo.code} {event.cameo.label}",
        "plover": event.plover.type or "-",
        "target": event.target.code if event.target else "-",
        "modality": event.modality,
        "place": event.location.name if event.location else "",
        "trigger": event.trigger.text,
    }


def format_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 48) -> str:
    """A plain fixed-width text table; long cells are cut with an ellipsis."""
    if not rows:
        return "(none)"

    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row.get(col)) for col in columns] for row in rows]
    widths = [max(len(col), *(len(r[i]) for r in cells)) for i, col in enumerate(columns)]
    lines = ["  ".join(col.ljust(w) for col, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def render_table(results: Sequence[Result]) -> str:
    """Each article's header followed by a table of its events."""
    blocks = []
    columns = ("date", "source", "cameo", "plover", "target", "modality", "place", "trigger")
    for result in results:
        a = result.article
        header = f"{a.title or a.id} — {a.published or 'undated'} — {a.wire or a.source or ''}".rstrip(" —")
        counts = f"{len(result.actors)} actors, {len(result.events)} events, {len(result.quotes)} quotes"
        blocks.append(f"{header}\n{counts}\n{format_rows([event_row(e) for e in result.events], columns)}")
    return "\n\n".join(blocks)
