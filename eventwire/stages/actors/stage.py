"""The actors stage: every actor of an article with its CAMEO-style code and all its mentions.

    mentions (names, titles, demonyms, capitals, bodies) ─► coreference ─► one Actor per referent

:func:`find_actors` is the entry point. What the stage knows about countries, people and organisations
is the :class:`~eventwire.lexicons.actors.ActorDictionary`. Codes follow CAMEO: a country's ISO alpha-3
code followed by sector codes ("IRNGOV", "RUSMIL"), IGO codes for international organisations
("IGOUNO") — see docs/actors.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ...context import ArticleContext
from ...ids import stable_id
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Entry
from ...models import Actor, CountryBasis, Span
from .bodies import noun_mentions
from .coreference import resolve
from .generic import best_basis
from .locate import Locate
from .mentions import Mention, dictionary_matches
from .named import named_mentions
from .persons import person_mentions

NAMED_FORMS = frozenset({"name", "capital", "demonym", "place", "title"})  # mentions whose words name the actor


class ActorResources(Protocol):
    """What the stage reads of :class:`eventwire.resources.Resources`: the actor dictionary and the place
    locator (None: groups written with a place the dictionary does not name get no country)."""

    @property
    def dictionary(self) -> ActorDictionary: ...

    @property
    def locate(self) -> Locate | None: ...


@dataclass(frozen=True)
class ActorLookup:
    """The resources of the actors stage alone, for evaluations and tests that load no gazetteer: a
    dictionary and, optionally, a place locator."""

    dictionary: ActorDictionary
    locate: Locate | None = None


def find_actors(context: ArticleContext, resources: ActorResources) -> list[Actor]:
    """The actors of one parsed article, in order of first mention; the resources' ``locate`` (see
    :func:`.locate.locator`) gives groups written with a place the dictionary does not name their country
    ("Arica police")."""
    mentions = find_mentions(context, resources.dictionary, resources.locate)
    groups: dict[str, list[Mention]] = {}
    for mention in resolve(context, mentions, resources.dictionary):
        groups.setdefault(mention.referent.key, []).append(mention)
    actors = [build_actor(key, group, context.article_id) for key, group in groups.items()]
    return sorted((a for a in actors if is_coded(a.code)), key=lambda a: (a.mentions[0].start, a.id))


def find_mentions(context: ArticleContext, dictionary: ActorDictionary, locate: Locate | None = None) -> list[Mention]:
    """Every named, titled and qualified mention of the article, in text order: people (with their
    titles), states, capitals and institutions, then role nouns (bodies, groups, descriptions).
    ``locate`` gives the country of places the dictionary does not name ("Arica" -> CHL), for groups
    written with them."""
    matches = dictionary_matches(context, dictionary, locate)
    people = person_mentions(context, dictionary, matches)
    taken = {i for m in people for i in range(m.first, m.last)}
    named = named_mentions(context, dictionary, matches, taken, locate)
    nouns = noun_mentions(context, dictionary, people, named, locate)
    absorbed = {i for m in nouns if m.form != "description" for i in range(m.first, m.last)}
    named = [m for m in named if m.form not in {"demonym"} or m.head not in absorbed]
    return sorted([*people, *named, *nouns], key=lambda m: (m.start, -m.end))


def is_coded(code: str) -> bool:
    """Whether a code says who the actor is: people whose country was not found ("", "---GOV") are
    left out rather than emitted as sources and targets nobody can place."""
    return bool(code) and not code.startswith("---")


def build_actor(key: str, mentions: Sequence[Mention], article_id: str) -> Actor:
    """One actor from all the mentions of one referent."""
    entry = _best_entry(mentions)
    role = next((m.role for m in mentions if m.role and m.form in {"name", "title"}), None) or entry.role
    return Actor(
        id=stable_id("act", article_id, key),
        name=entry.name,
        code=entry.code,
        country=entry.country,
        sectors=entry.sectors,
        kind=entry.kind,
        mentions=tuple(Span(m.start, m.end, m.text) for m in minimal_mentions(mentions)),
        role=role,
        country_basis=country_basis(entry, mentions),
    )


def country_basis(entry: Entry, mentions: Sequence[Mention]) -> CountryBasis | None:
    """How the text gives the actor's country: the nearest evidence any mention of it gives (a name
    says it itself; see :data:`eventwire.models.CountryBasis`); None for an actor of no country."""
    if not entry.country:
        return None
    own = [m for m in mentions if m.entry is not None and m.entry.key == entry.key]
    return best_basis([m.basis or ("named" if m.form in NAMED_FORMS else None) for m in own]) or "named"


def _best_entry(mentions: Sequence[Mention]) -> Entry:
    """The first entry that says the most: a country known beats none (for people coded from the text)."""
    entries = [m.entry for m in mentions if m.entry is not None]
    return next((e for e in entries if e.country), entries[0])


def minimal_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions in text order without overlaps: of two overlapping mentions the longer is kept."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if not any(mention.start < k.end and k.start < mention.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
