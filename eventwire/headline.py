"""What an article's title and first words tell beyond its body: headline events and the dateline's place.

    title ─► parse ─► stages ─► events ─► those the body does not report, marked ``from_title``
    text  ─► dateline ("MOSCOW (Reuters) -") ─► the places stage's place inside it ─► ``Article.place``

A headline often states an event the body only goes on to explain ("Ardovia expels Belmark's envoys"). The
title is coded as a short text of its own (:meth:`eventwire.pipeline.Pipeline.code`); an event of it is kept
when no event of the body is the same one (:func:`same_event`), marked ``from_title``, its offsets indexing
the title. Its actors are the body's actors of the same code where the body has one.

The dateline is read with the actors stage's pattern (:data:`eventwire.stages.actors.generic.DATELINE`, which
also keeps its words from being taken for actors); its place is the geocoded place the places stage found
inside it, else the gazetteer's best place of its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .models import Actor, ActorRef, Event, Location, Place
from .stages.actors.generic import DATELINE
from .stages.places.gazetteer import Gazetteer


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Compatible ends: the same code or one a narrower code of the other ("RUS", "RUSGOV"); a missing end
    (a headline often leaves out who or whom) is compatible with any."""
    if a is None or b is None:
        return True
    return a.code.startswith(b.code) or b.code.startswith(a.code)


def same_event(a: Event, b: Event) -> bool:
    """Whether two events of one article report the same event: CAMEO codes equal at three digits (or one
    a coarser code of the other) and compatible source and target."""
    code_a, code_b = a.cameo.code[:3], b.cameo.code[:3]
    return ((code_a.startswith(code_b) or code_b.startswith(code_a))
            and _same_actor(a.source, b.source) and _same_actor(a.target, b.target))


def title_events(title: Iterable[Event], body: Sequence[Event], actors: Sequence[Actor]) -> tuple[Event, ...]:
    """The events of the title that no event of the body reports, marked ``from_title``, their actors the
    body's ``actors`` of the same code where there is one."""
    by_code = {actor.code: actor for actor in actors}
    kept: list[Event] = []
    for event in title:
        if any(same_event(event, other) for other in (*body, *kept)):
            continue
        kept.append(replace(event, source=_body_actor(event.source, by_code),
                            target=_body_actor(event.target, by_code), from_title=True))
    return tuple(kept)


def _body_actor(ref: ActorRef | None, by_code: dict[str, Actor]) -> ActorRef | None:
    actor = by_code.get(ref.code) if ref is not None else None
    return replace(ref, actor=actor.id, name=actor.name) if ref is not None and actor is not None else ref


def dateline_place(text: str, places: Sequence[Place], gazetteer: Gazetteer | None = None,
                   lifted: str | None = None) -> Location | None:
    """The place of the article's dateline ("MOSCOW (Reuters) -", "LAHORE, Pakistan -"): the first place of
    ``places`` (the places stage's, geocoded) inside it, else the ``gazetteer``'s best place of its name; for
    a text without one, the place of the dateline cleaning ``lifted`` off it (:attr:`Article.dateline`).
    Its ``text`` is the dateline's place as written. None when the article has no dateline."""
    found = DATELINE.match(text)
    if found is None:
        return _geocode(lifted, lifted, gazetteer) if lifted else None
    start, end = found.start("place"), found.end("region" if found["region"] else "place")
    written = text[start:end].strip()
    for place in places:
        if start <= place.start and place.end <= end and place.name:
            return Location(place.name, place.country, place.lat, place.lon, written)
    return _geocode(found["place"], written, gazetteer)


def _geocode(name: str, written: str, gazetteer: Gazetteer | None) -> Location | None:
    candidate = gazetteer.resolve(name.strip().title()) if gazetteer is not None else None
    if candidate is None:
        return None
    return Location(candidate.name, candidate.country, candidate.lat, candidate.lon, written.strip())
