"""States, demonyms, capitals, institutions and organisations named in the text.

A capital stands for its government ("Washington says"), but not as the place of something ("a visit to
Moscow") nor inside a longer proper name ("the Moscow Times"); a demonym standing for people is read by
:func:`.bodies.people_mention`; a region is no actor as the place of something ("in the Middle East").
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...context import ArticleContext
from ...lexicons.actors import REGIONS, ActorDictionary
from .bodies import is_people_noun, people_mention
from .generic import in_dateline
from .locate import Locate
from .mentions import Match, Mention, make_mention
from .persons import is_person_alias
from .placenames import determiner_of, is_locative, names_something_else

CURRENCY_WORDS = frozenset({"dollar", "dollars", "$"})  # after a state's name: "US dollars", the money


def named_mentions(context: ArticleContext, dictionary: ActorDictionary, matches: list[Match], taken: set[int],
                   locate: Locate | None = None) -> list[Mention]:
    """Countries, demonyms, capitals (as governments), institutions and organisations, outside ``taken``."""
    found = []
    for match in matches:
        if any(i in taken for i in range(match.first, match.last)):
            continue
        mention = _named(context, dictionary, match, locate)
        if mention is not None:
            found.append(mention)
    return found


def _named(context: ArticleContext, dictionary: ActorDictionary, match: Match,
           locate: Locate | None = None) -> Mention | None:
    """The mention of one dictionary match that names no person."""
    alias = next((a for a in match.aliases if not is_person_alias(dictionary, a)), None)
    if alias is None:
        return None
    if alias.form == "place":  # "New Mexico": a place of its country, never Mexico
        return make_mention(context, match.first, match.last, "place", country=alias.key)
    if alias.form in {"name", "capital"} and alias.key in dictionary.countries and in_dateline(context, match.first):
        return make_mention(context, match.first, match.last, "place", country=alias.key)  # "KABUL —"
    if alias.form == "capital":
        return _capital(context, dictionary, match, alias.key)
    entry = dictionary.entry(alias.key, context.published)
    if entry is None:
        return None
    root = context.doc[match.first:match.last].root
    if alias.form == "demonym":
        if is_people_noun(root):
            return people_mention(context, dictionary, match, entry, locate)
        return make_mention(context, match.first, match.last, "demonym", entry=entry, country=entry.country)
    if entry.key in REGIONS and is_locative(root):
        return None
    if entry.kind == "state" and names_a_currency(context.doc, match.last):
        return None
    doc = context.doc
    first = match.first - 1 if match.first > 0 and determiner_of(doc[match.first - 1], match) else match.first
    return make_mention(context, first, match.last, "name", entry=entry, country=entry.country)


def names_a_currency(doc: Doc, after: int) -> bool:
    """Whether a state's name ending before word ``after`` qualifies a currency ("US $50 million", "US
    dollars"): the money's, not an actor."""
    if after >= len(doc):
        return False
    following = doc[after]
    return following.tag_ == "$" or following.lower_ in CURRENCY_WORDS


def _capital(context: ArticleContext, dictionary: ActorDictionary, match: Match, country: str) -> Mention | None:
    """A capital as its government ("Washington says"), as a place ("in Moscow"), or nothing inside a
    longer proper name ("the Moscow Times")."""
    root = context.doc[match.first:match.last].root
    if names_something_else(root):
        return None
    if is_locative(root):
        return make_mention(context, match.first, match.last, "place", country=country)
    return make_mention(context, match.first, match.last, "capital", entry=dictionary.government(country))
