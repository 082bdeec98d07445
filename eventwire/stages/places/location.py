"""The place of one event, for the events stage.

:func:`event_location` picks a place inside the event's clause that a locative preposition introduces
("in Syria", "at a summit in Helsinki", "a visit to Moscow"), a resolved place before a local guess;
else a place word in the clause ("there", "in the capital", see ``geo_anaphors.tsv``) stands for the
nearest fitting locative place before it in the same or the previous sentence. Never the capital or
the dateline by default. When the event's words name no place, :func:`article_location` gives the country
the article's places name most (``basis: "article"``): a story's events mostly happen where it is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...lexicons import TableError, rows, split_cell, words
from ...lexicons.actors import read_countries
from ...models import Location, Offsets, Place
from ...settings import data_path
from ..countries import most_named
from .candidate import CENTRES, read_table
from .names import PLACE_LABELS
from .resolve import LOCAL_FEATURE

ANAPHORS = "geo_anaphors.tsv"
ANAPHOR_COLUMNS = ("word", "kind", "features")
ANAPHOR_KINDS = frozenset({"adverb", "noun"})
# Prepositions that make their object the place where an event happens.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "into", "across", "throughout", "outside", "inside", "within",
                            "around", "off"})
ANAPHOR_DETERMINERS = frozenset({"the", "this", "that"})
PlaceWord = tuple[str, frozenset[str]]  # the kind of a place word and the features it can refer to


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


def article_location(places: Sequence[Place]) -> Location | None:
    """Where an article's events happen when their own words do not say: the country its places name most
    (the first named on a tie), at that country's centre, ``basis`` "article"; None without a place."""
    code = most_named(p.country for p in places)
    if code is None:
        return None
    name, lat, lon = country_centres().get(code, (code, None, None))
    return Location(name=name, country=code, lat=lat, lon=lon, text="", basis="article")


@lru_cache(maxsize=1)
def country_centres() -> Mapping[str, tuple[str, float | None, float | None]]:
    """Country code -> its name (``countries.tsv``) and centre point (``geo_country_centres.tsv``)."""
    names = {c.code: c.name for c in read_countries(data_path("countries.tsv"))}
    points = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in read_table(CENTRES)}
    return {code: (names.get(code, code), *points.get(code, (None, None))) for code in names.keys() | points.keys()}


def locative_places(doc: Doc, places: Sequence[Place]) -> set[int]:
    """Indices into ``places`` of those a locative preposition introduces in ``doc``."""
    return set(_locative_spans(doc, tuple((p.start, p.end) for p in places)))


@lru_cache(maxsize=8)  # every event of an article asks of the same places (Docs hash by identity)
def _locative_spans(doc: Doc, spans: tuple[tuple[int, int], ...]) -> frozenset[int]:
    """Indices into ``spans`` (character offsets) of those a locative preposition introduces in ``doc``."""
    found = set()
    for i, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and _is_locative(span.root):
            found.add(i)
    return frozenset(found)


@lru_cache(maxsize=1)
def place_words() -> Mapping[str, PlaceWord]:
    """The words that refer back to a place (``geo_anaphors.tsv``): word -> (kind, features)."""
    path = data_path(ANAPHORS)
    found: dict[str, PlaceWord] = {}
    for row in rows(path, ANAPHOR_COLUMNS):
        if row["kind"] not in ANAPHOR_KINDS:
            raise TableError(path, row.line, f"kind {row['kind']!r} is neither 'adverb' nor 'noun'; use one of them")
        found[row["word"]] = (row["kind"], frozenset(split_cell(row["features"], ",")))
    return found


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


def _is_locative(token: Token, depth: int = 0) -> bool:
    """Whether ``token`` heads a noun phrase that a locative preposition introduces."""
    if depth > 3:
        return False
    head = token.head
    if token.dep_ in {"pobj", "pcomp"}:
        if head.lower_ in LOCATIVE_PREPS:
            return True
        if head.lower_ == "to" and (head.head.lemma_ or head.head.lower_).lower() in words("destination_nouns"):
            return True
        if head.lower_ == "of" and (head.head.lemma_ or head.head.lower_).lower() in words("place_nouns"):
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
    noun = (token.lemma_ or token.lower_).lower()
    return token.ent_type_ in PLACE_LABELS or noun in words("place_nouns") or noun in words("border_nouns")
