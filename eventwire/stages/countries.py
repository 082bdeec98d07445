"""The country an article names most, counted the same way wherever a stage needs it: the actors stage
(the country of a bare "the president"), the events stage (whose police an agentless arrest implies) and
the places stage (where an article's events happen when their own words do not say)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def most_named(countries: Iterable[str | None], dominant: bool = False) -> str | None:
    """The country named most often among ``countries`` (given in text order; None: no country), the first
    named on a tie; with ``dominant``, only if it has at least half of the names."""
    counts = Counter(c for c in countries if c)  # in order of first mention: ties go to the first
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return country if not dominant or 2 * count >= counts.total() else None
