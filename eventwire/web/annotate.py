"""Cut an article's text into segments for the annotated view: actors, triggers, quotes, dates and places.

The spans of the output contract overlap (a trigger inside a quote, a place that is also an actor
mention), so the text is cut at every span boundary; each segment carries the layers that cover
it, their hover titles, the anchors of the events whose trigger starts there, and the ids of the
events whose evidence sentence covers it. Segments hold plain text: the template escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class Mark:
    """One highlighted span of the text."""

    start: int
    end: int
    layer: str  # actor, trigger, quote, timex, place, evidence
    title: str = ""
    anchor: str = ""  # element id given to the segment where the span starts
    event: str = ""  # for evidence spans: the event id


@dataclass(frozen=True)
class Segment:
    """A stretch of text with the same marks over all of it."""

    text: str
    layers: tuple[str, ...]
    title: str
    anchors: tuple[str, ...]
    events: tuple[str, ...]  # events whose evidence sentence covers this segment

    @property
    def css(self) -> str:
        return " ".join(f"m-{layer}" for layer in self.layers)


def _ref_text(ref: dict[str, Any] | None) -> str:
    if not ref:
        return "?"
    return f"{ref.get('name') or '?'} ({ref.get('code') or '-'})"


def event_title(event: dict[str, Any]) -> str:
    """The hover text of an event trigger: codes, actors, modality, date and place."""
    cameo, plover, date, place = event["cameo"], event["plover"], event.get("date"), event.get("location")
    parts = [
        f"CAMEO {cameo['code']} {cameo.get('label') or ''}".strip(),
        f"PLOVER {plover.get('type') or '-'}" + (f"/{plover['mode']}" if plover.get("mode") else ""),
        f"{_ref_text(event.get('source'))} → {_ref_text(event.get('target'))}",
        f"{event.get('modality')}, Goldstein {cameo.get('goldstein')}, QuadClass {cameo.get('quad_class')}",
    ]
    if date:
        parts.append(f"date {date['value']} ({date['precision']}, {date['basis']})")
    if place:
        parts.append(f"place {place['name']}, {place.get('country') or '?'}")
    return " · ".join(parts)


def marks(record: dict[str, Any]) -> list[Mark]:
    """Every mark of one article in the contract shape (``text``, ``actors``, ``events``, …)."""
    out: list[Mark] = []
    for actor in record.get("actors", []):
        title = f"actor {actor['name']} · {actor.get('code') or '-'} · {actor.get('kind') or ''}".strip(" ·")
        out += [Mark(m["start"], m["end"], "actor", title) for m in actor.get("mentions", [])]
    for event in record.get("events", []):
        if event.get("from_title"):
            continue  # its offsets index the title, not the text
        trigger, sentence = event["trigger"], event["sentence"]
        out.append(Mark(trigger["start"], trigger["end"], "trigger", event_title(event), anchor=f"ev-{event['id']}"))
        out.append(Mark(sentence["start"], sentence["end"], "evidence", event=event["id"]))
    for quote in record.get("quotes", []):
        speaker = quote.get("speaker")
        who = f"{speaker['name']} ({speaker.get('code') or '-'})" if speaker else "speaker unknown"
        out.append(Mark(quote["start"], quote["end"], "quote", f"{quote['kind']} quote · {who}"))
    for timex in record.get("timexes", []):
        out.append(Mark(timex["start"], timex["end"], "timex", f"{timex['type']} {timex.get('value') or ''}".strip()))
    for place in record.get("places", []):
        where = f"place {place.get('name')}, {place.get('country') or '?'} ({place.get('lat')}, {place.get('lon')})"
        out.append(Mark(place["start"], place["end"], "place", where))
    return out


def segments(text: str, spans: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; marks outside the text are clipped, empty ones dropped."""
    size = len(text)
    spans = [m for m in spans if 0 <= m.start < m.end and m.start < size]
    cuts = sorted({0, size, *(m.start for m in spans), *(min(m.end, size) for m in spans)})
    starting: dict[int, list[Mark]] = {}
    for mark in spans:
        starting.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    out: list[Segment] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left] + starting.get(left, [])
        out.append(_segment(text[left:right], active, left))
    return out


def _segment(text: str, active: list[Mark], left: int) -> Segment:
    layers = tuple(sorted({m.layer for m in active if m.layer != "evidence"}))
    titles = [m.title for m in active if m.title]
    anchors = tuple(m.anchor for m in active if m.anchor and m.start == left)
    events = tuple(m.event for m in active if m.layer == "evidence")
    return Segment(text, layers, " | ".join(dict.fromkeys(titles)), anchors, events)


def annotate(record: dict[str, Any]) -> list[Segment]:
    """The segments of one article in the contract shape."""
    return segments(record["text"], marks(record))
