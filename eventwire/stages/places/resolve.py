"""Toponym resolution: each place name found in an article to one gazetteer place.

A name is resolved among all the places the gazetteer knows by it, small towns too
(:meth:`.gazetteer.Gazetteer.lookup_all`), by the gazetteer's ranking (:func:`.candidate.rank`) in the
light of what the article says:

- the countries it is about (unambiguous toponyms, the actors' countries, and the dateline's, which
  counts as much as the most named one);
- the division named right after a name ("Springfield, Illinois", "Portland, Maine");
- the divisions it is in: the states and provinces it names, and the dateline's;
- the places it names without doubt (one place by that name, or one placed by the division after
  it): a candidate near one of them is likelier (resolved in a second pass).

Population is a prior only: a small town never wins by being in the article's country alone.

A facility, street or building ("St Mary's Hospital", "Royal Street"), or any name the gazetteer lacks,
is placed at the town the text names in it or right after it ("the Bambino Gesu Hospital in Rome",
"Cloverhill Court, Dublin"), else at the article's home city (the city named most often, at least
twice), else at the last town named before it ("Police in Lisbon closed Qwerty Street"), a town of the
article's main country when it has one; it keeps its own text as its name, has no geonameid and carries
the feature ``"local"``.
Without such a town it stays unplaced, with the feature ``"local"`` and no point.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from spacy.tokens import Span

from ...lexicons import words
from ...models import Place
from ..actors.index import ActorIndex
from .candidate import Candidate, Evidence, normalise, rank
from .gazetteer import Gazetteer
from .names import DATELINE_END, DATELINE_REACH, DIVISION_FEATURES, STRONG_FEATURES, name_variants

LOCAL_FEATURE = "local"  # a facility or a name the gazetteer lacks: at its town, or unplaced
AdminPairs = tuple[tuple[str, str], ...]  # (country, admin1) of the states named after a place
TOWN_FEATURES = frozenset({"city", "county"})
LINKS_TO_TOWN = frozenset({"in", "at", "of", "near", ","})  # "the X Hospital in Rome", "Cloverhill Court, Dublin"


@dataclass(frozen=True)
class _Names:
    """The article's toponym spans with the candidates of each."""

    spans: Sequence[Span]
    candidates: list[list[Candidate]]


def resolve_places(spans: Sequence[Span], text: str, gazetteer: Gazetteer, index: ActorIndex) -> list[Place]:
    """The place each toponym span of an article's ``text`` names, in the order of ``spans``."""
    names = _Names(spans, [_candidates(s, gazetteer) for s in spans])
    by_name = _countries_by_name(names, index)
    total = sum(by_name.values(), Counter())
    dateline = _dateline(names, text, total)
    if dateline is not None and dateline.country:
        total[dateline.country] += max(total.values(), default=0) + 1
    admin1 = _following_states(names, text, gazetteer, total)
    evidence = Evidence(regions=_regions(names, total, dateline))
    others = [total - by_name.get(normalise(s.text), Counter()) for s in spans]
    best = [_best(c, o, admin1.get(s.start_char, ()), evidence) for s, c, o in zip(spans, names.candidates, others,
                                                                                   strict=True)]
    anchors = _anchors(names, best, admin1)
    if anchors:
        best = [_best(c, o, admin1.get(s.start_char, ()), replace(evidence, anchors=_without(anchors, i)))
                if len(c) > 1 else best[i]
                for i, (s, c, o) in enumerate(zip(spans, names.candidates, others, strict=True))]
    places = [_place(s, b) for s, b in zip(spans, best, strict=True)]
    return _place_local_names(_place_facilities(places, text), _main_country(places, index))


def focus_city(places: Sequence[Place], country: str | None = None) -> Place | None:
    """The article's home city: the resolved city named most often, if at least twice; with
    ``country``, only a city in that country counts."""
    counts = Counter(p.geonameid for p in places if p.feature == "city" and country in {None, p.country})
    if not counts:
        return None
    geonameid, count = counts.most_common(1)[0]
    return next(p for p in places if p.geonameid == geonameid) if count >= 2 else None


def is_facility(span: Span) -> bool:
    """A facility's, street's or building's name: tagged so, or ending in a facility noun ("Royal Street")."""
    last = span[-1].lower_
    return span.label_ == "FAC" or (len(span) > 1 and last in words("facility_nouns"))


def _candidates(span: Span, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates for the first variant of the name the gazetteer knows (a shortened variant only under
    a place's own name or alias, so "Collier County" never becomes a town once called "Collier"); a
    facility only under its whole name ("White House")."""
    variants = [span.text] if is_facility(span) else name_variants(span.text)
    for n, variant in enumerate(variants):
        found = [c for c in gazetteer.lookup_all(variant) if n == 0 or c.prior > 0.0]
        if any(not c.minor and c.feature in STRONG_FEATURES | {"landmark"} for c in found):
            # a country, region or sea of the name ("Pacific") before any small town of it
            found = [c for c in found if not (c.minor and c.feature == "city")]
        if found:
            return found
    return []


def _best(candidates: list[Candidate], countries: Counter[str], admin1: AdminPairs, evidence: Evidence
          ) -> Candidate | None:
    ranked = rank(candidates, countries, admin1, evidence)
    return ranked[0] if ranked else None


def _place(span: Span, best: Candidate | None) -> Place:
    if best is None:
        return Place(span.text, span.start_char, span.end_char, None, None, None, None, None,
                     LOCAL_FEATURE if is_facility(span) else None)
    return Place(
        text=span.text, start=span.start_char, end=span.end_char, name=best.name, country=best.country,
        lat=best.lat, lon=best.lon, geonameid=best.geonameid, feature=best.feature,
    )


def _dateline(names: _Names, text: str, countries: Counter[str]) -> Candidate | None:
    """The place of the article's dateline ("WASHINGTON (Reuters) -", "Nelson, B.C. —"), if it has one."""
    if not names.spans:
        return None
    first = names.spans[0]
    if first.start_char > len(text) - len(text.lstrip()) + DATELINE_REACH:
        return None
    if not DATELINE_END.match(text, first.end_char):
        return None
    return _best(names.candidates[0], countries, (), Evidence())


def _regions(names: _Names, countries: Counter[str], dateline: Candidate | None) -> tuple[tuple[str, str], ...]:
    """(country, admin1) of the states and provinces the article names, and of its dateline's place."""
    found = set()
    for candidates in names.candidates:
        best = _best(candidates, countries, (), Evidence())
        if best is not None and best.feature in DIVISION_FEATURES and best.country and best.admin1:
            found.add((best.country, best.admin1))
    if dateline is not None and dateline.country and dateline.admin1:
        found.add((dateline.country, dateline.admin1))
    return tuple(sorted(found))


def _anchors(names: _Names, best: Sequence[Candidate | None], admin1: dict[int, AdminPairs]
             ) -> list[tuple[int, tuple[float, float]]]:
    """(span number, point) of the towns and divisions named without doubt: the only place of the
    name, or the one the division after the name picks."""
    found = []
    for i, (span, candidates, chosen) in enumerate(zip(names.spans, names.candidates, best, strict=True)):
        if chosen is None or chosen.feature not in TOWN_FEATURES | DIVISION_FEATURES:
            continue
        if len(candidates) == 1 or (chosen.country, chosen.admin1) in admin1.get(span.start_char, ()):
            found.append((i, (chosen.lat, chosen.lon)))
    return found


def _without(anchors: list[tuple[int, tuple[float, float]]], i: int) -> tuple[tuple[float, float], ...]:
    return tuple(point for j, point in anchors if j != i)


def _main_country(places: Sequence[Place], index: ActorIndex) -> str | None:
    """The country the article is most about: the most frequent among resolved places and actors."""
    votes = Counter(p.country for p in places if p.country)
    votes.update(a.country for a in index.actors if a.country and len(a.country) == 3)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _place_facilities(places: list[Place], text: str) -> list[Place]:
    """Put an unresolved facility or name at the town the text names right after it ("the X Hospital
    in Rome", "X, Rome") or at its start ("Lima International Airport")."""
    placed = list(places)
    for i, place in enumerate(places):
        if place.name is not None:
            continue
        nxt = places[i + 1] if i + 1 < len(places) else None
        between = text[place.end:nxt.start].strip().lower() if nxt is not None else ""
        if nxt is not None and nxt.name is not None and between in LINKS_TO_TOWN:
            placed[i] = _at(place, nxt)
    return placed


def _at(place: Place, town: Place) -> Place:
    return replace(place, name=place.text, country=town.country, lat=town.lat, lon=town.lon, geonameid=None,
                   feature=LOCAL_FEATURE)


def _place_local_names(places: list[Place], country: str | None) -> list[Place]:
    """Put the names the gazetteer lacks (streets, buildings, villages) at the article's home city,
    a city of the article's main country named at least twice, else at the last town of that country (of any,
    when the article has no main country) named before them.

    This is a guess, and the record says so: the place keeps its own text as its name, takes the
    city's country and point, has no geonameid, and carries the feature ``"local"``.
    """
    home = focus_city(places, country) if country is not None else None
    placed, last_town = [], None
    for place in places:
        if place.name is None:
            town = home or last_town
            placed.append(_at(place, town) if town is not None else place)
            continue
        if place.feature in TOWN_FEATURES and country in {None, place.country}:
            last_town = place
        placed.append(place)
    return placed


def _countries_by_name(names: _Names, index: ActorIndex) -> dict[str, Counter[str]]:
    """The countries the article is about, by the name that says so ("" for the actors).

    A toponym votes for its country when its best candidate is a country, state or region, or
    when all its candidates lie in one country. A name's own votes are left out when that name is
    resolved, so "Georgia" cannot vote for itself.
    """
    votes: dict[str, Counter[str]] = {"": Counter()}
    for span, candidates in zip(names.spans, names.candidates, strict=True):
        known = [c for c in candidates if not c.minor] or candidates
        in_countries = {c.country for c in known if c.country}
        if known and known[0].country and (known[0].feature in STRONG_FEATURES or len(in_countries) == 1):
            votes.setdefault(normalise(span.text), Counter())[known[0].country] += 1
    for actor in index.actors:
        if actor.country and len(actor.country) == 3:
            votes[""][actor.country] += 1
    return votes


def _following_states(names: _Names, text: str, gazetteer: Gazetteer, countries: Counter[str]
                      ) -> dict[int, AdminPairs]:
    """For "Portland, Maine": the divisions (country, admin1) named right after each place, by start, when
    one of the place's candidates lies in them ("Athens, Georgia": the state, though Georgia is also a
    country; "Kent, Washington": the state, not the capital)."""
    found: dict[int, AdminPairs] = {}
    for (first, towns), (second, candidates) in pairwise(zip(names.spans, names.candidates, strict=True)):
        if text[first.end_char:second.start_char].strip() != ",":
            continue
        inside = {(c.country, c.admin1) for c in towns if c.country and c.admin1}
        states = [*candidates, *gazetteer.lookup_all(f"{second.text} State")]  # "Washington State"
        divisions = {(c.country, c.admin1) for c in states
                     if c.feature in DIVISION_FEATURES and c.country and c.admin1} & inside
        if divisions:
            found[first.start_char] = tuple(sorted(divisions))
            continue
        best = _best(candidates, countries, (), Evidence())
        if best is not None and best.feature in DIVISION_FEATURES and best.country and best.admin1:
            found[first.start_char] = ((best.country, best.admin1),)
    return found
