"""Look up which actor a stretch of text refers to.

The actors stage returns :class:`~eventwire.models.Actor` records with all their mentions
(names, titles, pronouns, descriptions resolved by coreference). Later stages (quotes, events)
ask an :class:`ActorIndex` which actor sits at a character span.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ...models import Actor, ActorRef, Basis, Span


class ActorIndex:
    """Character-span lookup over every mention of every actor in one article."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = tuple(actors)
        pairs = sorted(
            ((m.start, m.end, a) for a in self.actors for m in a.mentions), key=lambda p: (p[0], -p[1])
        )
        self._starts = [p[0] for p in pairs]
        self._pairs = pairs
        self._by_id = {a.id: a for a in self.actors}

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def mentions_within(self, start: int, end: int) -> list[tuple[Span, Actor]]:
        """All mentions lying wholly inside ``[start, end)``, in text order."""
        lo = bisect.bisect_left(self._starts, start)
        found = []
        for s, e, actor in self._pairs[lo:]:
            if s >= end:
                break
            if e <= end:
                found.append((next(m for m in actor.mentions if m.start == s and m.end == e), actor))
        return found

    def at(self, start: int, end: int) -> Actor | None:
        """The actor whose mention overlaps ``[start, end)`` the most (the shortest on a tie)."""
        lo = bisect.bisect_left(self._starts, start - 200)
        best: tuple[int, int, Actor] | None = None
        for s, e, actor in self._pairs[lo:]:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap <= 0:
                continue
            key = (overlap, -(e - s))
            if best is None or key > best[:2]:
                best = (key[0], key[1], actor)
        return best[2] if best else None


def ref(actor: Actor, basis: Basis = "named") -> ActorRef:
    """The short form of an actor used inside events, with how the text gives it."""
    return ActorRef(actor=actor.id, name=actor.name, code=actor.code, country=actor.country, basis=basis)
