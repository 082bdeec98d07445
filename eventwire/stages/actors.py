"""The actors stage: every actor of an article with its CAMEO-style code and all its mentions.

    mentions (names, titles, demonyms, capitals, bodies) ─► coreference ─► one Actor per referent

:func:`find_actors` is the entry point; :class:`ActorDictionary` (re-exported from
:mod:`eventwire.dictionaries`) holds what the stage knows about countries, people and
organisations. Codes follow CAMEO: a country's ISO alpha-3 code followed by sector codes
("IRNGOV", "RUSMIL"), IGO codes for international organisations ("IGOUNO") — see docs/actors.md.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..dictionaries import ActorDictionary, Entry
from ..ids import stable_id
from ..models import Actor, Span
from . import coref
from .mentions import Mention, find_mentions

__all__ = ["ActorDictionary", "find_actors", "build_actor", "is_coded"]


def find_actors(doc: Doc, dictionary: ActorDictionary, *, published: str | None, article_id: str) -> list[Actor]:
    """The actors of one parsed article, in order of first mention."""
    mentions = find_mentions(doc, dictionary, published)
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
