"""Generic actors: a sector noun with no name ("police", "riot police", "gunmen", "a soldier") and the
country the text gives it, nearest evidence first.

The noun's sector comes from the roles dictionary (``roles.tsv`` and the agents imported into it); its
country, when nothing is written on the noun itself (an adjective, a possessor, a place before or after
it: :mod:`.bodies`), from:

1. ``clause`` — the place nearest the noun in its clause ("Police detained four students *in Lahore*");
2. ``sentence`` — the places of its sentence, when they agree on one country;
3. ``dateline`` — the article's dateline ("KABUL —");
4. ``article`` — the country the article names most (left to coreference, which knows it).

A body that is no force ("the government", "parliament", "state media", "the opposition", "the court") skips
the places of its clause and sentence: "the government condemned the attack in Kabul" says nothing of whose
government it is. Unknown
armed men ("gunmen", "militants", "a suicide bomber": sector ``UAF``) become the unidentified armed force of
that country, ``<country>UAF``. A singular person noun is an actor of its own (an unnamed member of its
sector: "a soldier was killed", "the gunman") when the role says so — see :func:`is_member_role`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Entry, Role, fold
from ...lexicons.words import words
from ...models import CountryBasis
from ...nlp import entities
from .locate import Locate
from .mentions import Mention
from .placenames import is_locative

FORCE_SECTORS = frozenset({"COP", "MIL", "UAF", "REB"})  # forces act where they are; other bodies are national
POLITICAL_SECTORS = frozenset({"GOV", "LEG", "OPP", "PTY"})  # groups of these travel: "officials met in Geneva"
OFFICE_SECTORS = frozenset({"GOV", "LEG"})  # a singular of these is an office or an official, left to coreference
MEMBER_DETERMINERS = frozenset({"a", "an", "the", "another"})
ACT_NOUNS = words("act_nouns")
MEMBERS = words("member_nouns")
NON_ACTORS = words("non_actor_nouns")
LEADING = words("leading_participles")
CLAUSE_CUTS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"})
NOT_ACTOR_ENTITIES = frozenset({"FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
PREDICATIVE = frozenset({"attr", "appos", "oprd"})
GROUP_SECTORS = frozenset({"REB", "UAF", "OPP", "INS", "RAD", "COP"})  # a role word of these before a noun says who
DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*(?P<region>[A-Z][\w.'’ -]{1,40}?))?"
                      r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—:]+\s")
BASIS_RANK: Mapping[CountryBasis, int] = {"named": 0, "adjective": 1, "clause": 2, "sentence": 3, "dateline": 4,
                                          "article": 5}


@dataclass(frozen=True)
class Located:
    """A country and how the text gave it."""

    country: str
    basis: CountryBasis


@dataclass(frozen=True)
class Setting:
    """Where the article's generic actors may be: the country of every place token (the head word of a
    place name the gazetteer or the dictionary places) and the dateline's country."""

    places: Mapping[int, str]
    dateline: str | None = None


def article_setting(context: ArticleContext, dictionary: ActorDictionary, named: Sequence[Mention],
                    locate: Locate | None) -> Setting:
    """The places of the article (see :func:`place_tokens`) and its dateline's country."""
    return Setting(place_tokens(context, named, locate), dateline_country(context, dictionary, locate))


def place_tokens(context: ArticleContext, named: Sequence[Mention], locate: Locate | None) -> dict[int, str]:
    """The country of every place written in the article, by the head word of its name: a state or
    capital the dictionary names as the place of something ("in Iraq", "in Baghdad"), and a place name
    the gazetteer puts in one country ("in Lahore", "a Kabul hotel"); not a state or capital that acts
    ("Iran said", "Washington says")."""
    doc = context.doc
    places: dict[int, str] = {}
    actors: set[int] = set()
    for mention in named:
        country = mention.country or (mention.entry.country if mention.entry is not None else None)
        span = range(mention.first, mention.last)
        if in_dateline(context, mention.first):
            actors.update(span)
            continue
        if country and (mention.form == "place" or (mention.form == "name" and mention.entry is not None
                                                    and mention.entry.kind == "state"
                                                    and is_locative(doc[mention.head]))):
            places[mention.head] = country
        actors.update(span)
    if locate is None:
        return places
    for entity in entities(doc):
        root = entity.root
        if entity.label_ not in {"GPE", "LOC"} or root.pos_ != "PROPN" or not root.text[:1].isupper() \
                or any(i in actors for i in range(entity.start, entity.end)) or in_dateline(context, entity.start):
            continue
        first = entity.start + 1 if entity[0].lower_ == "the" else entity.start  # as placenames.place_entity
        country = locate(context.words.span(first, entity.end)) if first < entity.end else None
        if country:
            places[root.i] = country
    return places


def dateline_country(context: ArticleContext, dictionary: ActorDictionary, locate: Locate | None) -> str | None:
    """The country of the article's dateline ("KABUL —", "LAHORE, Pakistan (AP) -"), if it has one: a
    state or capital the dictionary knows, else a place the gazetteer puts in one country."""
    found = DATELINE.match(context.text)
    if found is None:
        return None
    for name in (found["region"], found["place"]):
        if not name:
            continue
        country = _named_country(dictionary, name.strip().title())
        if country is None and locate is not None:
            country = locate(name.strip().title()) or None
        if country:
            return country
    return None


def in_dateline(context: ArticleContext, i: int) -> bool:
    """Whether token ``i`` is a word of the article's dateline ("KABUL, Afghanistan —"): a place, not an actor."""
    found = DATELINE.match(context.text) if context.words.starts and context.words.starts[i] < 60 else None
    return found is not None and context.words.starts[i] < found.end("place" if found["region"] is None else "region")


def _named_country(dictionary: ActorDictionary, name: str) -> str | None:
    """The country of a state or capital written ``name``."""
    for alias in dictionary.candidates(name):
        if alias.form in {"name", "capital"} and alias.key in dictionary.countries:
            return alias.key
    return None


def generic_country(context: ArticleContext, noun: Token, role: Role, setting: Setting) -> Located | None:
    """The country of a generic noun with nothing written on it: its clause's place, its sentence's,
    the dateline's; None leaves it to the article's country (coreference). A national body takes the
    dateline's only (see :func:`place_of`)."""
    if not is_national(role):
        found = place_of(context, noun, setting)
        if found is not None:
            return found
    if setting.dateline:
        return Located(setting.dateline, "dateline")
    return None


def place_of(context: ArticleContext, noun: Token, setting: Setting) -> Located | None:
    """The country of the place nearest ``noun`` in its clause, else of its sentence's places when they
    agree: a national body's country when the article names none. A place written in a participle before the
    noun that is not a leading one ("US-backed fighters", "Iranian-trained militias") names who acts on the
    group, not where it is, and is not looked at."""
    backers = backing_words(noun)
    places = {i: c for i, c in setting.places.items() if i not in backers} if backers else setting.places
    nearest = clause_place(noun, places)
    if nearest is not None:
        return Located(nearest, "clause")
    agreed = sentence_place(context, noun, places)
    return Located(agreed, "sentence") if agreed is not None else None


def backing_words(noun: Token) -> set[int]:
    """The words of the participles before ``noun`` that say who backs, trains or arms it ("US-backed"), not
    who leads it or where it is based (``leading_participles``)."""
    return {t.i for c in noun.lefts if c.dep_ == "amod" and c.pos_ == "VERB" and c.lower_ not in LEADING
            for t in c.subtree}


def is_national(role: Role) -> bool:
    """A body that is no force ("the government", "parliament", "state media", "the opposition", "the
    court") or a political group ("officials", "diplomats", "lawmakers", "opposition groups"): its country
    is the one the article is about, not where an act of its happens ("officials met in Geneva")."""
    return is_national_body(role.type, role.sectors)


def is_national_body(form: str, sectors: Sequence[str]) -> bool:
    """:func:`is_national` of a mention's form and sectors."""
    if form == "group":
        return bool(POLITICAL_SECTORS & set(sectors)) and not FORCE_SECTORS & set(sectors)
    return form == "body" and not FORCE_SECTORS & set(sectors)


def clause_head(token: Token) -> Token:
    """The verb heading the clause a word sits in (the sentence root for a verbless one)."""
    current = token
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def clause_words(head: Token) -> list[Token]:
    """The words of the clause ``head`` heads, without the clauses inside it (what it reports, its
    relative and adverbial clauses): their places are theirs."""
    found: list[Token] = []
    stack = [head]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_CUTS
                     and not (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}))
    return found


def clause_place(noun: Token, places: Mapping[int, str]) -> str | None:
    """The country of the place nearest ``noun`` in its clause."""
    located = [(abs(t.i - noun.i), places[t.i]) for t in clause_words(clause_head(noun)) if t.i in places]
    return min(located)[1] if located else None


def sentence_place(context: ArticleContext, noun: Token, places: Mapping[int, str]) -> str | None:
    """The one country of the places of ``noun``'s sentence, when they agree; not a place written on
    another subject ("killing about 20 people, relief officials in Nairobi said": the people are not
    Kenyan)."""
    sentence, doc = context.sentence_of, context.doc
    countries = {country for i, country in places.items()
                 if sentence[i] == sentence[noun.i] and not _on_another_subject(doc[i], noun)}
    return countries.pop() if len(countries) == 1 else None


def _on_another_subject(place: Token, noun: Token) -> bool:
    """Whether a place word lies in the phrase of a subject that does not hold ``noun``."""
    return any(t.dep_ in {"nsubj", "nsubjpass"} and not (t.left_edge.i <= noun.i <= t.right_edge.i)
               for t in (place, *place.ancestors))


def is_generic_noun(context: ArticleContext, first: int, head: int) -> bool:
    """Whether the role noun of tokens ``[first, head]`` can be an actor of its own: not a word of a
    name of something else ("the Army Stadium"), not a modifier of another noun ("the police station")
    but of an act ("police fire"), not a predicate ("they were soldiers"), not people in general but as what an
    act is done to (:func:`undergoes`)."""
    doc = context.doc
    noun = doc[head]
    if noun.ent_type_ in NOT_ACTOR_ENTITIES or (doc[first].lower_ in NON_ACTORS and not undergoes(noun)):
        return False
    if noun.dep_ == "compound" and noun.head.i > head:
        return noun.head.lemma_.lower() in ACT_NOUNS or noun.head.lower_ in ACT_NOUNS
    return noun.dep_ not in PREDICATIVE


def undergoes(noun: Token) -> bool:
    """Whether people in general ("civilians", "people", "residents") are only what an act is done to: its
    object or passive subject, with no clause of their own that could make them do something ("killed
    four civilians", "civilians were wounded"; not "civilians who fled", "people said")."""
    if noun.dep_ not in {"dobj", "pobj", "nsubjpass"}:
        return False
    return not any(c.dep_ in {"relcl", "acl"} for c in noun.children)


def is_member_role(dictionary: ActorDictionary, role: Role) -> bool:
    """Whether a singular person noun names one member of a force, group or crowd ("a soldier", "a
    policeman", "a gunman") rather than an office or an official: the roles dictionary gives it as a
    person of a sector, and ``member_nouns`` (``data/words/actors.tsv``) lists it."""
    return role.type == "person" and bool(role.sectors) and role.phrase in MEMBERS \
        and not OFFICE_SECTORS & set(role.sectors)


def member_determiner(doc: Doc, first: int) -> bool:
    """A singular member noun is an actor after "a", "an", "the" or "another" ("a soldier was killed")."""
    return first > 0 and doc[first - 1].lower_ in MEMBER_DETERMINERS


def member_entry(dictionary: ActorDictionary, country: str, role: Role) -> Entry:
    """One unnamed member of a sector of ``country`` ("Afghan soldier", AFGMIL); the singulars of one
    role and country in an article are one actor ("a gunman ... the gunman")."""
    sectors = tuple(role.sectors)
    code = country + "".join(sectors)
    adjective = dictionary.countries[country].adjective if country in dictionary.countries else country
    label = role.label if role.label[:1].isupper() and role.label.isupper() else role.label.lower()
    return Entry(f"{code}:member:{fold(role.phrase)}", f"{adjective} {label}", code, country, sectors, "person",
                 role.label)


@lru_cache(maxsize=4096)
def _member_cache(dictionary: ActorDictionary, phrase: str) -> bool:
    role = dictionary.role(phrase)
    return role is not None and is_member_role(dictionary, role)


def is_member(dictionary: ActorDictionary, role: Role) -> bool:
    """:func:`is_member_role`, remembered per dictionary and phrase."""
    return _member_cache(dictionary, role.phrase)


def best_basis(bases: Sequence[CountryBasis | None]) -> CountryBasis | None:
    """The nearest evidence among ``bases``."""
    best: CountryBasis | None = None
    for basis in bases:
        if basis is not None and (best is None or BASIS_RANK[basis] < BASIS_RANK[best]):
            best = basis
    return best
