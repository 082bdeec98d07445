"""Place-name rules of the actors stage: when a name is the place of something rather than an actor, and
the country of a place phrase ("rebels in the Ivory Coast", "police in Baghdad", "rebels in Arica").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.words import words
from ...nlp import entities
from .locate import Locate
from .mentions import PLACE_FORMS, Match, can_start, longest_at, match_country

LOCATIVE_PREPS = frozenset({"in", "at", "into", "near", "inside", "outside", "across", "throughout", "around",
                            "within", "via"})
PLACE_PREPS = frozenset({"in", "of", "from", "throughout", "across", "inside"})
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
MOTION_WORDS = words("motion_words")


def place_after(context: ArticleContext, token: Token, dictionary: ActorDictionary,
                locate: Locate | None = None) -> str | None:
    """The country of a place phrase after ``token``: "rebels in the Ivory Coast", "police in Baghdad",
    and with ``locate`` "rebels in Arica" (CHL)."""
    for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            first, last = obj.left_edge.i, obj.right_edge.i + 1
            country = first_country(context, first, last, dictionary, locate) \
                or _first_located(context, first, last, locate)
            if country:
                return country
    return None


def _first_located(context: ArticleContext, first: int, last: int, locate: Locate | None) -> str | None:
    """The country ``locate`` gives the first place entity in tokens ``[first, last)``."""
    if locate is None:
        return None
    for i in range(first, last):
        place = place_entity(context.doc[i])
        country = locate(place.text) if place is not None else None
        if country:
            return country
    return None


def place_entity(token: Token) -> Span | None:
    """The place a proper noun is written in: its GPE or LOC entity without a leading "the" ("Tacna",
    "the West Bank"); None for other words, so that common nouns never become places."""
    if token.ent_type_ not in PLACE_ENTITIES or token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    entity = next((e for e in entities(token.doc) if e.start <= token.i < e.end), None)
    if entity is None:
        return None
    start = entity.start + 1 if entity[0].lower_ == "the" else entity.start
    return token.doc[start:entity.end]


def first_country(context: ArticleContext, first: int, last: int, dictionary: ActorDictionary,
                  locate: Locate | None = None) -> str | None:
    """The country of the first state or capital named in tokens ``[first, last)``, reading each name
    whole: "America" in "Latin America" is no name of its own."""
    i = first
    while i < last:
        match = longest_at(context, i, dictionary, locate) if can_start(context.words, i) else None
        country = match_country(match, dictionary, PLACE_FORMS) if match else None
        if country:
            return country
        i = match.last if match else i + 1
    return None


def determiner_of(token: Token, match: Match) -> bool:
    """"the" in "the United States", "the Kremlin" belongs to the name."""
    return token.lower_ == "the" and (match.first <= token.head.i < match.last or not token.doc.has_annotation("DEP"))


def names_something_else(token: Token) -> bool:
    """A capital inside a longer proper name ("Moscow Times", "Washington Post")."""
    return token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.ent_type_ not in {"", "GPE"}


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def is_locative(token: Token, depth: int = 0) -> bool:
    """Whether a place name is the place of something ("in Moscow", "a visit to Moscow", "visiting Moscow")."""
    if depth > 3:
        return False
    head = token.head
    if token.dep_ == "pobj":
        if head.lower_ in LOCATIVE_PREPS:
            return True
        return head.lower_ in {"to", "toward", "towards"} and _lemma(head.head) in MOTION_WORDS
    if token.dep_ == "dobj" and _lemma(head) in MOTION_WORDS:
        return True
    if token.dep_ in {"conj", "appos", "compound"} and head.i != token.i:
        return is_locative(head, depth + 1)
    return False
