"""The actors stage: every actor of an article with its CAMEO-style code and all its mentions.

    mentions (names, titles, demonyms, capitals, bodies) ─► coreference ─► one Actor per referent

:func:`find_actors` is the entry point; :class:`ActorDictionary` (re-exported from
:mod:`eventwire.dictionaries`) holds what the stage knows about countries, people and
organisations. Codes follow CAMEO: a country's ISO alpha-3 code followed by sector codes
("IRNGOV", "RUSMIL"), IGO codes for international organisations ("IGOUNO") — see docs/actors.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..dictionaries import ActorDictionary, Entry
from ..ids import stable_id
from ..models import Actor, Span
from . import coref
from .mentions import Locate, Mention, find_mentions
from .places.gazetteer import Candidate, Gazetteer

__all__ = ["ActorDictionary", "Locate", "find_actors", "build_actor", "is_coded", "locator", "country_of"]

REGION_FEATURES = frozenset({"country", "state", "territory", "region"})
DOMINANT_SHARE = 0.9  # of the people of all towns of a name that one country's towns must hold


def find_actors(doc: Doc, dictionary: ActorDictionary, *, published: str | None, article_id: str,
                locate: Locate | None = None) -> list[Actor]:
    """The actors of one parsed article, in order of first mention; ``locate`` (see :func:`locator`)
    gives groups written with a place the dictionary does not name their country ("Arica police")."""
    mentions = find_mentions(doc, dictionary, published, locate)
    resolved = coref.resolve(doc, mentions, dictionary, published)
    groups: dict[str, list[Mention]] = {}
    for mention in resolved:
        groups.setdefault(mention.entry.key, []).append(mention)
    actors = [build_actor(key, group, article_id) for key, group in groups.items()]
    return sorted((a for a in actors if is_coded(a.code)), key=lambda a: (a.mentions[0].start, a.id))


def is_coded(code: str) -> bool:
    """Whether a code says who the actor is: people whose country was not found ("", "---GOV") are
    left out rather than emitted as sources and targets nobody can place."""
    return bool(code) and not code.startswith("---")


def build_actor(key: str, mentions: list[Mention], article_id: str) -> Actor:
    """One actor from all the mentions of one referent."""
    entry = _best_entry(mentions)
    role = next((m.role for m in mentions if m.role and m.form in {"name", "title"}), None) or entry.role
    return Actor(
        id=stable_id("act", article_id, key),
        name=entry.name,
        code=entry.code,
        country=entry.country,
        sectors=entry.sectors,
        kind=entry.kind,  # type: ignore[arg-type]
        mentions=tuple(Span(m.start, m.end, m.text) for m in minimal_mentions(mentions)),
        role=role,
    )


def _best_entry(mentions: list[Mention]) -> Entry:
    """The first entry that says the most: a country known beats none (for people coded from the text)."""
    entries = [m.entry for m in mentions if m.entry is not None]
    return next((e for e in entries if e.country), entries[0])


def minimal_mentions(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order without overlaps: of two overlapping mentions the longer is kept."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if not any(mention.start < k.end and k.start < mention.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def locator(gazetteer: Gazetteer) -> Locate:
    """The country a place name clearly lies in, by the gazetteer (see :func:`country_of`); "" for a
    place it knows in no one country ("North America"), None for a name it does not know."""

    def locate(name: str) -> str | None:
        candidates = gazetteer.lookup(name)
        return (country_of(candidates) or "") if candidates else None

    return locate


def country_of(candidates: Sequence[Candidate]) -> str | None:
    """The country of a place name's candidates when they agree on one: that of its countries, states,
    territories and regions ("Tarapaca" as a Chilean region), else that of its towns when one country's
    towns hold nine tenths of their people ("Arica"); None when they disagree or name no country."""
    regions = {c.country for c in candidates if c.feature in REGION_FEATURES}
    if regions:
        return regions.pop() if len(regions) == 1 else None
    people: dict[str | None, int] = {}
    for candidate in (c for c in candidates if c.feature == "city"):
        people[candidate.country] = people.get(candidate.country, 0) + max(candidate.population, 1)
    if not people:
        return None
    country, most = max(people.items(), key=lambda item: item[1])
    return country if most >= DOMINANT_SHARE * sum(people.values()) else None
