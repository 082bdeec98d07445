"""Toponyms: find every place name in a parsed article, geocode it, and pick an event's place.

:func:`find_places` recognises place names three ways:

1. named entities labelled GPE, LOC or FAC (a leading "the" and a trailing "'s" are dropped;
   demonyms such as "Iranian" are skipped);
2. entities the small model mislabels (ORG, PERSON, NORP...) whose exact text is a known toponym:
   countries, states and territories anywhere but in a person's name, other places only after a
   locative preposition ("in X", "to X", "from X") or a place noun ("the town of X");
3. gazetteer matching of capitalised names the model missed: multiword names ("West Bank",
   "New South Wales") and single names of countries, states, regions and large cities.

A name that begins a facility's or natural feature's proper name ("the Israel Museum", "the Niger
Delta", "Lima International Airport"; the nouns are shared with the actors stage, see
``dictionaries.PLACE_NAME_NOUNS``) stands for that whole name, not for the country or town in it.

Every mention is a :class:`~eventwire.models.Place`, also capitals used as actors ("Tehran said");
the actors stage decides actorhood. Each place is resolved by :mod:`.places_gazetteer` in the light
of the countries the article is about (unambiguous toponyms and the actors' countries) and of a
state named right after it ("Portland, Maine"). A name the gazetteer lacks (a street, a building,
a village) is a guess: it keeps its own text as its name, takes the point and country of the
article's home city (the city named most often, at least twice), has no geonameid and carries the
feature ``"local"``; without a home city it stays unresolved.

:func:`event_location` picks the place of one event: a place inside the event's clause that a
locative preposition introduces ("in Syria", "at a summit in Helsinki", "a visit to Moscow"),
a resolved place before a local guess; else a place word in the clause ("there", "in the
capital", see ``geo_anaphors.tsv``) stands for the nearest fitting locative place before it in
the same or the previous sentence. Never the capital or the dateline by default.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from spacy.attrs import IS_ALPHA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ..errors import DictionaryError
from ..models import Location, Offsets, Place
from ..settings import data_path
from .index import ActorIndex
from .mentions import in_stance, place_name_end, token_table
from .places_gazetteer import Candidate, Gazetteer, distance_km, normalise, rank

__all__ = ["Candidate", "Gazetteer", "distance_km", "event_location", "find_places", "locative_places", "place_words"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that make the following name a place in any reading ("flew to X", "in X").
DIRECTIONAL_PREPS = frozenset({"in", "at", "near", "to", "from", "into", "across", "throughout", "outside",
                               "inside", "toward", "towards", "via", "through", "around", "within", "off"})
# Prepositions that make their object the place where an event happens.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "into", "across", "throughout", "outside", "inside", "within",
                            "around", "off"})
# Nouns that stand for a place in "the city of X", "in the province of X".
PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "state", "capital", "district",
                         "county", "port", "area", "country", "island", "enclave", "suburb", "outskirts"})
STRONG_FEATURES = frozenset({"country", "state", "territory", "continent", "region", "water"})
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "i", "is", "an", "ans", "ic")
NAME_LINKS = frozenset({"of", "de", "du", "la", "le", "el", "al", "-", "and"})
GENERIC_PREFIXES = ("Republic of ", "State of ", "City of ", "Province of ", "Greater ", "Downtown ", "Central ")
GENERIC_SUFFIXES = (" County", " City", " State", " state", " Province", " province", " Region", " region",
                    " District", " Municipality", " Township", " Parish", " Borough")
# Second words that make "<City> <Word>" an organisation rather than a person's name.
ORG_WORDS = frozenset({"post", "times", "news", "herald", "tribune", "journal", "university", "college", "city",
                       "united", "council", "airport", "police", "fc", "county", "bank", "group", "club"})
MIN_SINGLE_CITY_POPULATION = 100_000
# Nouns whose phrase names a trip's destination: "a visit to Moscow" happens in Moscow.
DESTINATION_NOUNS = frozenset({"visit", "trip", "journey", "tour", "voyage", "pilgrimage"})
BORDER_NOUNS = frozenset({"border", "coast", "frontier", "countryside"})
ANAPHOR_DETERMINERS = frozenset({"the", "this", "that"})
LOCAL_FEATURE = "local"  # a name the gazetteer lacks, placed at the article's home city
MAX_NAME_TOKENS = 5


def find_places(doc: Doc, gazetteer: Gazetteer, index: ActorIndex) -> list[Place]:
    """Every toponym mention in ``doc``, in text order, geocoded where the gazetteer knows it."""
    spans = _recognise(doc, gazetteer)
    by_name = _countries_by_name(spans, gazetteer, index)
    total = sum(by_name.values(), Counter())
    admin1 = _following_states(spans, gazetteer, total)
    places = []
    for span in spans:
        others = total - by_name.get(normalise(span.text), Counter())
        places.append(_place(span, gazetteer, others, admin1.get(span.start_char, ())))
    return _place_local_names(places, _main_country(places, index))


def focus_city(places: Sequence[Place], country: str | None = None) -> Place | None:
    """The article's home city: the resolved city named most often, if at least twice; with
    ``country``, only a city in that country counts."""
    counts = Counter(p.geonameid for p in places if p.feature == "city" and country in {None, p.country})
    if not counts:
        return None
    geonameid, count = counts.most_common(1)[0]
    return next(p for p in places if p.geonameid == geonameid) if count >= 2 else None


def _main_country(places: Sequence[Place], index: ActorIndex) -> str | None:
    """The country the article is most about: the most frequent among resolved places and actors."""
    votes = Counter(p.country for p in places if p.country)
    votes.update(a.country for a in index.actors if a.country and len(a.country) == 3)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _place_local_names(places: list[Place], country: str | None) -> list[Place]:
    """Put the names the gazetteer lacks (streets, buildings, villages) at the article's home city,
    a city of the article's main country named at least twice.

    This is a guess, and the record says so: the place keeps its own text as its name, takes the
    city's country and point, has no geonameid, and carries the feature ``"local"``.
    """
    if country is None:
        return places
    home = focus_city(places, country)
    if home is None:
        return places
    return [
        replace(p, name=p.text, country=home.country, lat=home.lat, lon=home.lon, geonameid=None,
                feature=LOCAL_FEATURE) if p.name is None else p
        for p in places
    ]


def locative_places(doc: Doc, places: Sequence[Place]) -> set[int]:
    """Indices into ``places`` of those a locative preposition introduces in ``doc``."""
    found = set()
    for i, place in enumerate(places):
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and _is_locative(span.root):
            found.add(i)
    return found


def event_location(places: Sequence[Place], clause: Offsets, doc: Doc | None = None) -> Location | None:
    """The place where an event in ``clause`` happens, or None.

    With ``doc`` (recommended) only a place introduced by a locative preposition counts ("in
    Syria", "at a summit in Helsinki"), so a capital used as an actor ("Tehran said") or the
    dateline is never taken; a resolved place wins over a local guess; and a place word ("there",
    "in the capital") stands for the place it refers back to. Without ``doc`` the first place
    inside the clause is taken.
    """
    inside = [p for p in places if clause.start <= p.start and p.end <= clause.end]
    if doc is None:
        return _location(inside[0]) if inside else None
    locative = locative_places(doc, places)
    named = [p for i, p in enumerate(places) if i in locative and clause.start <= p.start and p.end <= clause.end]
    if named:
        return _location(min(named, key=lambda p: (p.feature == LOCAL_FEATURE, p.start)))
    return _referred_location(doc, [places[i] for i in sorted(locative)], clause)


def _location(place: Place, text: str | None = None) -> Location:
    return Location(name=place.name or place.text, country=place.country, lat=place.lat, lon=place.lon,
                    text=text or place.text)


def _referred_location(doc: Doc, locative: Sequence[Place], clause: Offsets) -> Location | None:
    """The place a place word in ``clause`` refers back to, with the place word as its text."""
    span = doc.char_span(clause.start, clause.end, alignment_mode="expand")
    for token in span if span is not None else ():
        found = _place_word(token)
        if found is None:
            continue
        phrase, features = found
        antecedent = _antecedent(doc, locative, phrase.start_char, features)
        if antecedent is not None:
            return _location(antecedent, phrase.text)
    return None


def _place_word(token: Token) -> tuple[Span, frozenset[str]] | None:
    """A word that refers back to a place, as its phrase and the features it can refer to.

    "there"/"here" as adverbs (not the existential "there is"); a place noun with only a
    "the/this/that" before it, after a locative preposition ("in the capital").
    """
    entry = place_words().get(token.lower_) or place_words().get(token.lemma_.lower())
    if entry is None:
        return None
    kind, features = entry
    doc = token.doc
    if kind == "adverb":
        if token.tag_ == "EX" or token.dep_ == "expl":
            return None
        return doc[token.i:token.i + 1], features
    children = list(token.children)
    if not _is_locative(token) or len(children) != 1 or children[0].lower_ not in ANAPHOR_DETERMINERS:
        return None
    if children[0].i != token.i - 1:
        return None
    return doc[token.i - 1:token.i + 1], features


def _antecedent(doc: Doc, locative: Sequence[Place], before: int, features: frozenset[str]) -> Place | None:
    """The nearest locative place before ``before`` in its sentence or the previous one that fits."""
    sentence = doc.char_span(before, before + 1, alignment_mode="expand")
    if sentence is None:
        return None
    sent = sentence[0].sent
    start = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    fitting = [p for p in locative if start <= p.start and p.end <= before and p.name is not None
               and ("any" in features or p.feature in features)]
    return max(fitting, key=lambda p: p.start) if fitting else None


@lru_cache(maxsize=1)
def place_words() -> Mapping[str, tuple[str, frozenset[str]]]:
    """The words that refer back to a place (``geo_anaphors.tsv``): word -> (kind, features)."""
    path = data_path("geo_anaphors.tsv")
    try:
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
        return {row["word"]: (row["kind"], frozenset(row["features"].split(","))) for row in rows}
    except (OSError, csv.Error, KeyError) as exc:
        raise DictionaryError(f"cannot read {path}: {exc}; it needs the columns word, kind, features") from exc
def _is_locative(token: Token, depth: int = 0) -> bool:
    """Whether ``token`` heads a noun phrase that a locative preposition introduces."""
    if depth > 3:
        return False
    head = token.head
    if token.dep_ in {"pobj", "pcomp"}:
        if head.lower_ in LOCATIVE_PREPS:
            return True
        if head.lower_ == "to" and (head.head.lemma_ or head.head.lower_).lower() in DESTINATION_NOUNS:
            return True
        if head.lower_ == "of" and (head.head.lemma_ or head.head.lower_).lower() in PLACE_NOUNS:
            return _is_locative(head.head, depth + 1)
        return False
    if token.dep_ == "dobj" and head.dep_ == "pcomp" and head.i == token.i - 1 and head.tag_ == "VBG":
        return _is_locative(head, depth + 1)  # "in neighbouring Syria", parsed as a gerund and its object
    if token.dep_ == "compound" and not _place_head(head):
        return False  # "at U.S. President Donald Trump" names a person, not a place
    if token.dep_ in {"appos", "conj", "compound", "npadvmod"} and head.i != token.i:
        return _is_locative(head, depth + 1)
    return False


def _place_head(token: Token) -> bool:
    """A noun that can stand for a place a name modifies ("the Idlib province", "the Gaza border")."""
    return token.ent_type_ in PLACE_LABELS or (token.lemma_ or token.lower_).lower() in PLACE_NOUNS | BORDER_NOUNS


def _recognise(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Toponym spans, without overlaps, in text order; a name in a stance word ("anti-Chile") is none,
    and a name that begins a facility's or natural feature's name stands for that whole name ("the
    Israel Museum", "the Niger Delta"), never for the country or town written first."""
    taken = [False] * len(doc)
    spans: list[Span] = []
    table = token_table(doc)
    for span in (*_entity_places(doc, gazetteer), *_gazetteer_places(doc, gazetteer)):
        end = place_name_end(table, span.end)
        if end is not None:
            span = doc[span.start:end]
        if any(taken[span.start:span.end]) or in_stance(span[0]):
            continue
        spans.append(span)
        taken[span.start:span.end] = [True] * len(span)
    return sorted(spans, key=lambda s: s.start)


def _entity_places(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    found = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        known = gazetteer.lookup(span.text)
        if ent.label_ in PLACE_LABELS:
            if known or not _looks_like_demonym(span):
                found.append(span)
        elif known and _mislabelled_place(span, ent.label_, known):
            found.append(span)
    return found


def _mislabelled_place(span: Span, label: str, known: list[Candidate]) -> bool:
    """A non-place entity whose text is a toponym used as one."""
    if label in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return False
    before = span.doc[span.start - 2:span.start].text.lower() if span.start > 1 else ""
    after_preposition = (
        span.start > 0 and span.doc[span.start - 1].lower_ in DIRECTIONAL_PREPS and before != "according to"
    )
    strong = known[0].feature in STRONG_FEATURES
    # a person is rarely called by a region's full name of several words ("Tamil Nadu")
    named_region = strong and (label != "PERSON" or (len(span) > 1 and known[0].prior > 0.0))
    return after_preposition or named_region or (label != "PERSON" and _named_by_place_noun(span))


def _named_by_place_noun(span: Span) -> bool:
    """"the town of Arica", "the province of Tacna": the name a place noun gives."""
    doc = span.doc
    noun = doc[span.start - 2] if span.start > 1 else None
    return noun is not None and doc[span.start - 1].lower_ == "of" and (noun.lemma_ or noun.lower_).lower() in PLACE_NOUNS


def _trim(span: Span) -> Span | None:
    """Drop a leading determiner and a trailing possessive; None when nothing name-like is left."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].text in {"'s", "\u2019s"}):
        end -= 1
    if start >= end:
        return None
    trimmed = span.doc[start:end]
    return trimmed if any(ch.isupper() for ch in trimmed.text) else None


def _looks_like_demonym(span: Span) -> bool:
    """An adjective or people noun made from a place name ("Iranian", "Syrians")."""
    if len(span) != 1:
        return False
    token = span[0]
    return token.tag_ in {"JJ", "NNPS"} or token.lower_.endswith(DEMONYM_ENDINGS)


def _gazetteer_places(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Capitalised names the model did not tag, matched longest first against the gazetteer, without a
    leading "The" ("The Moscow Times" holds "Moscow")."""
    blocked = {t.i for ent in doc.ents if ent.label_ in {"PERSON", "NORP"} for t in ent}
    in_org = {ent.start for ent in doc.ents if ent.label_ == "ORG" and _person_shaped(ent)}
    words = _Words.of(doc)
    found = []
    i = 0
    while i < len(doc):
        span = _longest_match(doc, i, gazetteer, blocked, in_org, words) if words.name[i] else None
        if span is None:
            i += 1
            continue
        found.append(span[1:] if span[0].lower_ == "the" else span)  # as for entities: "the" is no part of it
        i = span.end
    return found


def _person_shaped(ent: Span) -> bool:
    """An "organisation" of two plain names, likely a person the model mislabelled ("Paris Hilton")."""
    return len(ent) == 2 and all(t.is_title for t in ent) and ent[1].lower_ not in ORG_WORDS


@dataclass(frozen=True)
class _Words:
    """Per token of a Doc: whether it is a name word, and whether it may link the words of a name
    (each worked out once per distinct word)."""

    name: list[bool]
    link: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> "_Words":
        strings = doc.vocab.strings
        table = doc.to_array([ORTH, LOWER, IS_ALPHA]).reshape(len(doc), 3)
        words, first, where = np.unique(table[:, 0], return_index=True, return_inverse=True)
        name = [_is_name(strings[orth], bool(alpha)) for orth, alpha in zip(words.tolist(), table[first, 2].tolist())]
        link = [strings[lower] in NAME_LINKS for lower in table[first, 1].tolist()]
        return cls([name[w] for w in where.tolist()], [link[w] for w in where.tolist()])


def _longest_match(doc: Doc, start: int, gazetteer: Gazetteer, blocked: set[int], in_org: set[int],
                   words: _Words) -> Span | None:
    """The longest known name from ``start``; at the start of a person-shaped organisation name
    only a country, state or region counts ("Iran Air" yes, "Paris Hilton" no)."""
    if not words.name[start] or start in blocked:
        return None
    for end in range(min(len(doc), start + MAX_NAME_TOKENS), start, -1):
        if not words.name[end - 1] or any(i in blocked for i in range(start, end)):
            continue
        if any(not words.name[i] and not words.link[i] for i in range(start, end)):
            continue
        span = doc[start:end]
        known = gazetteer.lookup(span.text)
        if not known or (start in in_org and known[0].feature not in STRONG_FEATURES):
            continue
        if len(span) > 1 or _strong_single(known[0], doc[start]):
            return span
    return None


def _is_name(text: str, alpha: bool) -> bool:
    return text[:1].isupper() and alpha or (text[:1].isupper() and "." in text)


def _strong_single(best: Candidate, token: Token) -> bool:
    """A one-word name taken without the model's help: a country, state, region or large city."""
    if token.tag_ not in {"NNP", ""} and token.pos_ not in {"PROPN", ""}:
        return False
    return best.feature in STRONG_FEATURES or best.population >= MIN_SINGLE_CITY_POPULATION


def _countries_by_name(spans: Sequence[Span], gazetteer: Gazetteer, index: ActorIndex) -> dict[str, Counter[str]]:
    """The countries the article is about, by the name that says so ("" for the actors).

    A toponym votes for its country when its best candidate is a country, state or region, or
    when all its candidates lie in one country. A name's own votes are left out when that name is
    resolved, so "Georgia" cannot vote for itself.
    """
    votes: dict[str, Counter[str]] = {"": Counter()}
    for span in spans:
        known = gazetteer.lookup(span.text)
        in_countries = {c.country for c in known if c.country}
        if known and known[0].country and (known[0].feature in STRONG_FEATURES or len(in_countries) == 1):
            votes.setdefault(normalise(span.text), Counter())[known[0].country] += 1
    for actor in index.actors:
        if actor.country and len(actor.country) == 3:
            votes[""][actor.country] += 1
    return votes


def _following_states(
    spans: Sequence[Span], gazetteer: Gazetteer, countries: Counter[str]
) -> dict[int, tuple[tuple[str, str], ...]]:
    """For "Portland, Maine": the state (country, admin1) named right after each place, by start."""
    found: dict[int, tuple[tuple[str, str], ...]] = {}
    text = text_of(spans[0].doc) if spans else ""
    for first, second in zip(spans, spans[1:]):
        between = text[first.end_char:second.start_char]
        if between.strip() != ",":
            continue
        best = gazetteer.resolve(second.text, countries)
        if best is not None and best.country and best.admin1:
            found[first.start_char] = ((best.country, best.admin1),)
    return found


def name_variants(text: str) -> list[str]:
    """The name itself, then the name without a generic word ("Orange County" -> "Orange")."""
    variants = [text]
    for prefix in GENERIC_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            variants.append(text[len(prefix):])
    for suffix in GENERIC_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            variants.append(text[: -len(suffix)])
    return variants


def _candidates(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates for the first variant of ``text`` the gazetteer knows (a shortened variant only
    under a place's own name or alias, so "Collier County" never becomes a town once called "Collier")."""
    for n, variant in enumerate(name_variants(text)):
        found = [c for c in gazetteer.lookup(variant) if n == 0 or c.prior > 0.0]
        if found:
            return found
    return []


def _place(
    span: Span, gazetteer: Gazetteer, countries: Counter[str], admin1: Sequence[tuple[str, str]]
) -> Place:
    candidates = rank(_candidates(span.text, gazetteer), countries, admin1)
    best = candidates[0] if candidates else None
    if best is None:
        return Place(span.text, span.start_char, span.end_char, None, None, None, None, None, None)
    return Place(
        text=span.text, start=span.start_char, end=span.end_char, name=best.name, country=best.country,
        lat=best.lat, lon=best.lon, geonameid=best.geonameid, feature=best.feature,
    )

