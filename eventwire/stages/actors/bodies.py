"""Peoples, bodies, groups and descriptions: role nouns and the countries that qualify them.

:func:`noun_mentions` finds bodies ("Iran's parliament"), groups ("European firms", "Arica police",
"rebels in the Ivory Coast") and person descriptions ("the Iranian official", left to coreference);
:func:`people_mention` reads peoples named by a demonym ("Bosnian Serbs", "ethnic Albanians").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Entry, Kind, Role, fold
from ...lexicons.words import words
from ...models import CountryBasis
from ..tokens import in_stance
from .generic import (
    FORCE_SECTORS,
    GROUP_SECTORS,
    LEADING,
    Located,
    Setting,
    article_setting,
    generic_country,
    is_generic_noun,
    is_member,
    is_national,
    member_determiner,
    member_entry,
    place_of,
)
from .locate import Locate
from .mentions import STATE_SECTORS, Match, Mention, country_at, make_mention
from .placenames import place_after, place_entity

OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
OTHER_MODIFIERS = words("other_modifiers")
DISPLACED = frozenset({"REF"})  # refugees are of the country they fled, not of the place they are in


@dataclass(frozen=True)
class RoleNoun:
    """A role phrase in the text: tokens ``[first, head]``, ``head`` its last word, and the role it names."""

    first: int
    head: int
    role: Role


@dataclass(frozen=True)
class Nouns:
    """What the noun finders read: the article, the dictionary, the place locator, the mentions by
    token that may qualify a noun (``owners``: states, institutions, groups) or follow it (``posts``:
    also people), and where the article's generic actors may be (``setting``)."""

    context: ArticleContext
    dictionary: ActorDictionary
    owners: Mapping[int, Mention]
    posts: Mapping[int, Mention]
    locate: Locate | None = None
    setting: Setting = field(default_factory=lambda: Setting({}))


def noun_mentions(context: ArticleContext, dictionary: ActorDictionary, people: Sequence[Mention],
                  named: Sequence[Mention], locate: Locate | None = None) -> list[Mention]:
    """Role nouns qualified by a country or institution ("Iran's parliament", "European firms"), groups
    and bodies ``locate`` places ("Arica police"), and descriptions whose country a phrase after them
    gives ("a top adviser to Iran's Supreme Leader X"); none inside the ``people`` and ``named`` mentions."""
    anchors = [*people, *named]
    taken = {i for m in anchors for i in range(m.first, m.last)}
    setting = article_setting(context, dictionary, named, locate)
    nouns = Nouns(context, dictionary, _by_token(named), _by_token(anchors), locate, setting)
    found: list[Mention] = []
    i = 0
    while i < len(context.doc):
        mentions = [] if i in taken else _qualified_noun(nouns, i)
        found.extend(mentions)
        i = max((m.last for m in mentions), default=i + 1)
    return found


def _by_token(mentions: Sequence[Mention]) -> dict[int, Mention]:
    """The mentions with a referent, by each of their tokens."""
    return {i: m for m in mentions for i in range(m.first, m.last) if m.entry is not None}


def _role_at(context: ArticleContext, i: int, dictionary: ActorDictionary) -> RoleNoun | None:
    """The role phrase ending at token ``i`` (longer first: "foreign ministry", "security forces")."""
    table = context.words
    if not dictionary.may_end_role(table.lower[i]) or context.doc[i].pos_ not in {"NOUN", "PROPN", ""}:
        return None
    for size in (3, 2, 1):
        if i - size + 1 < 0:
            continue
        role = dictionary.role(table.span(i - size + 1, i + 1))
        if role is not None and role.type in {"person", "body", "group"}:
            return RoleNoun(i - size + 1, i, role)
    return None


def _qualified_noun(nouns: Nouns, i: int) -> list[Mention]:
    """The mentions of the role noun ending at token ``i``, if one does."""
    doc = nouns.context.doc
    phrase = _role_at(nouns.context, i, nouns.dictionary)
    if phrase is None or (doc[i].dep_ == "compound" and doc[i].head.i > i
                          and not is_generic_noun(nouns.context, phrase.first, i)):  # "police station"
        return []
    qualifiers = _owners(doc, doc[i], phrase.first, nouns.owners)
    if qualifiers:
        return _owned(nouns, phrase, qualifiers)
    located = _peoples_body(nouns, phrase) or _located(nouns, phrase)
    if located is not None:
        return [located]
    return _postmodified(nouns, phrase) or _generic(nouns, phrase) \
        or _bare_description(nouns.context, nouns.dictionary, phrase)


def _owned(nouns: Nouns, phrase: RoleNoun, qualifiers: list[tuple[Mention, int | None]]) -> list[Mention]:
    """A role noun with the countries or institutions written before it: a description of a person of the
    last of them, or a body or group of each."""
    context, role = nouns.context, phrase.role
    owner, owner_first = qualifiers[-1]
    entry = owner.referent
    first = owner_first if owner_first is not None else phrase.first
    if role.type == "person":
        first = first - 1 if _article(context.doc, first) else first
        if entry.country and entry.kind == "state" and is_member(nouns.dictionary, role):  # "an Afghan soldier"
            return [make_mention(context, first, phrase.head + 1, "member", role=role.label, country=entry.country,
                                 entry=member_entry(nouns.dictionary, entry.country, role), sectors=role.sectors,
                                 basis="adjective")]
        code = entry.code if entry.country is None else None
        return [make_mention(context, first, phrase.head + 1, "description", role=role.label,
                             country=entry.country, sectors=entry.sectors or role.sectors, code=code,
                             basis="adjective" if entry.country else None)]
    partners = [make_mention(context, m.first, m.last, role.type, entry=body_entry(nouns.dictionary, m.referent, role),
                             country=m.referent.country, basis="adjective") for m, _ in qualifiers[:-1]]
    return [*partners, make_mention(context, first, phrase.head + 1, role.type,
                                    entry=body_entry(nouns.dictionary, entry, role), country=entry.country,
                                    basis="adjective")]


def _located(nouns: Nouns, phrase: RoleNoun) -> Mention | None:
    """A group or body whose country is where it is or who leads it: "rebels in the Ivory Coast",
    "police in Baghdad", "Vietnamese-led forces", and with ``locate`` "Arica police", "rebels in Tacna"."""
    context, dictionary, role = nouns.context, nouns.dictionary, phrase.role
    if role.type not in {"group", "body"}:
        return None
    noun = context.doc[phrase.head]
    if a_peoples_state_body(context, noun, phrase.first, role.sectors, dictionary):
        return None
    first, country = _place_before(noun, phrase.first, nouns.locate) or (phrase.first, None)
    country = country or _led_by(context.doc, noun, phrase.first, nouns.owners)
    basis: CountryBasis = "adjective"
    if not country:
        country, basis = place_after(context, noun, dictionary, nouns.locate), "clause"
    state = dictionary.entry(country) if country else None
    if state is None:
        return None
    return make_mention(context, first, phrase.head + 1, role.type, entry=body_entry(dictionary, state, role),
                        country=country, basis=basis)


def _place_before(noun: Token, role_first: int, locate: Locate | None) -> tuple[int, str] | None:
    """"Arica police", "South Tacna rebels": a place written before a group or body, where its
    mention starts and the country ``locate`` gives it."""
    if locate is None:
        return None
    for child in noun.lefts:
        place = place_entity(child) if child.i < role_first and child.dep_ in {"compound", "nmod", "poss"} else None
        country = locate(place.text) if place is not None else None
        if place is not None and country:
            return place.start, country
    return None


def a_peoples_state_body(context: ArticleContext, noun: Token, role_first: int, sectors: Sequence[str],
                         dictionary: ActorDictionary) -> bool:
    """Whether a state's body or force (``sectors``) is qualified, before ``role_first``, by the name of a
    people we know no state for ("Kurdish authorities", "Kurdish-led forces"): theirs, not the article's
    main country's (:func:`_peoples_body` gives them the country they are in). A movement named by its faith
    ("Islamic fundamentalists") is no state body and may well be the country's."""
    return stateless_people(context, noun, role_first, sectors, dictionary) is not None


def stateless_people(context: ArticleContext, noun: Token, role_first: int, sectors: Sequence[str],
                     dictionary: ActorDictionary) -> Token | None:
    """The word naming the people we know no state for whose body or force ``noun`` is (see
    :func:`a_peoples_state_body`), if one qualifies it."""
    if not STATE_SECTORS & set(sectors):
        return None
    qualifiers = [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < role_first]
    people = [w for c in qualifiers for w in (c, *c.children)
              if w.ent_type_ == "NORP" and not in_stance(context.words, w.i)]
    return next((w for w in people if country_at(context, w.i, dictionary) is None), None)


def _peoples_body(nouns: Nouns, phrase: RoleNoun) -> Mention | None:
    """"Kurdish forces in Afrin", "Kurdish authorities" in a story from Qamishli: the body or force of a
    people we know no state for is an armed or political group (``REB``) of the country it is in, as event
    coders code it (the place of its clause or sentence, else the dateline's, else the article's), named
    after its people and apart from that state's own bodies; with no such place, no actor."""
    context, role = nouns.context, phrase.role
    if role.type not in {"group", "body"}:
        return None
    noun = context.doc[phrase.head]
    people = stateless_people(context, noun, phrase.first, role.sectors, nouns.dictionary)
    if people is None:
        return None
    found = place_of(context, noun, nouns.setting) or _where_the_article_is(nouns.setting)
    if found is None or found.country not in nouns.dictionary.countries:
        return None
    code = found.country + "REB"
    entry = Entry(f"{code}:{fold(people.text)}", f"{people.text} {role.label}", code, found.country, ("REB",), "group")
    return make_mention(context, min(people.i, phrase.first), phrase.head + 1, "group", entry=entry,
                        country=found.country, basis=found.basis)


def _where_the_article_is(setting: Setting) -> Located | None:
    """The dateline's country, else the country of at least half of the places the article names."""
    if setting.dateline:
        return Located(setting.dateline, "dateline")
    counts = Counter(setting.places.values())
    if not counts:
        return None
    country, count = counts.most_common(1)[0]
    return Located(country, "article") if 2 * count >= sum(counts.values()) else None


def _led_by(doc: Doc, noun: Token, role_first: int, owners: Mapping[int, Mention]) -> str | None:
    """"Vietnamese-led forces", "a London-based group": the country that leads a group or it is based in (who
    backs or trains a group, "US-backed fighters", is not the group: not a leading participle)."""
    for child in noun.lefts:
        if child.i < role_first and child.lower_ in LEADING:
            owner = next((owners[c.i] for c in child.children if c.i in owners), None)
            if owner is None and child.i >= 2 and doc[child.i - 1].text == "-":
                owner = owners.get(child.i - 2)
            if owner is not None and owner.referent.country:
                return owner.referent.country
    return None


def _postmodified(nouns: Nouns, phrase: RoleNoun) -> list[Mention]:
    """"a top adviser to Iran's Supreme Leader": a person description with the country of what follows."""
    role, noun = phrase.role, nouns.context.doc[phrase.head]
    if role.type != "person":
        return []
    for prep in (c for c in noun.rights if c.dep_ == "prep" and c.lower_ in {"to", "of", "for"}):
        objects = [t for c in prep.children if c.dep_ == "pobj" for t in c.subtree]
        anchor = next((nouns.posts[t.i] for t in objects if t.i in nouns.posts and nouns.posts[t.i].referent.country),
                      None)
        if anchor is not None and anchor.referent.country:
            first = min(phrase.first, noun.left_edge.i)
            return [make_mention(nouns.context, first, phrase.head + 1, "description", role=role.label,
                                 country=anchor.referent.country, sectors=role.sectors, basis="adjective")]
    return []


def _generic(nouns: Nouns, phrase: RoleNoun) -> list[Mention]:
    """A sector noun with nothing written on it ("police", "gunmen", "a soldier", "the government"): an
    actor of the country its clause, sentence or dateline gives (see :mod:`.generic`), or of the article's
    country when none does (coreference)."""
    context, dictionary = nouns.context, nouns.dictionary
    doc, role = context.doc, _modified_role(nouns, phrase)
    noun = doc[phrase.head]
    if not _generic_form(nouns, phrase, role) or not is_generic_noun(context, phrase.first, phrase.head) \
            or DISPLACED & set(role.sectors) \
            or in_stance(context.words, phrase.first) or _generic_modifier(noun, role, phrase.first) \
            or a_peoples_state_body(context, noun, phrase.first, role.sectors, dictionary):
        return []
    found = generic_country(context, noun, role, nouns.setting)
    state = dictionary.entry(found.country) if found is not None else None
    entry = None if found is None or state is None else generic_entry(dictionary, found, state, role)
    if entry is None and is_national(role):  # the article's country decides; failing that, where it acts
        found = place_of(context, noun, nouns.setting)
    return [_generic_mention(context, RoleNoun(phrase.first, phrase.head, role), entry, found)]


def _generic_mention(context: ArticleContext, phrase: RoleNoun, entry: Entry | None, found: Located | None) -> Mention:
    """The mention of a generic noun: with its entry when its country is known, else left to coreference,
    which gives it the article's country, or failing that the ``found`` place's (a national body's)."""
    role = phrase.role
    form = "member" if role.type == "person" else role.type
    first = phrase.first - 1 if form != "group" and _article(context.doc, phrase.first) else phrase.first
    country, basis = (found.country, found.basis) if found is not None else (None, None)
    return make_mention(context, first, phrase.head + 1, form, entry=entry, role=role.label, country=country,
                        sectors=tuple(role.sectors), basis=basis)


def generic_entry(dictionary: ActorDictionary, found: Located, state: Entry, role: Role) -> Entry:
    """The entry of a generic noun of a known country: a body or group, or one member of it."""
    if role.type == "person":
        return member_entry(dictionary, found.country, role)
    return body_entry(dictionary, state, role)


def _generic_form(nouns: Nouns, phrase: RoleNoun, role: Role) -> bool:
    """Whether the role noun, as written, can be a generic actor: a group in any number ("gunmen", "four
    students"); a force with or without an article ("police said", "the army"); another body with "the"
    ("the government", "the court"); a singular member with an article ("a soldier", "the gunman")."""
    doc = nouns.context.doc
    if role.type == "group":
        return True
    if role.type == "body":
        article = _article(doc, phrase.first)
        return article == "the" or doc[phrase.first].lower_ == "state" \
            or (article is None and bool(FORCE_SECTORS & set(role.sectors)))
    return role.type == "person" and is_member(nouns.dictionary, role) and member_determiner(doc, phrase.first)


def _modified_role(nouns: Nouns, phrase: RoleNoun) -> Role:
    """The role of a noun a role word modifies, when that word says more than the noun: "rebel forces"
    are rebels, "militia fighters" a militia; "government troops" stay troops."""
    doc, role = nouns.context.doc, phrase.role
    for child in doc[phrase.head].lefts:
        found = nouns.dictionary.role(child.lower_) if child.dep_ in {"compound", "amod"} and child.i < phrase.first \
            else None
        if found is not None and GROUP_SECTORS & set(found.sectors):
            return Role(role.phrase, found.sectors, role.type, f"{found.label} {role.label}".lower())
    return role


def _generic_modifier(noun: Token, role: Role, role_first: int) -> bool:
    """A word before the role noun that makes it something else or nobody's of the place it is in
    ("market forces", "task force", "foreign fighters", "coalition troops": ``other_modifiers``), an
    owner we cannot name ("the country's military", "whose militia"; a pronoun's is its referent's, see
    coreference), or an "of" phrase after a body ("an army of volunteers")."""
    for child in noun.children:
        if child.i < role_first and child.dep_ in {"compound", "amod", "nmod"} and child.lower_ in OTHER_MODIFIERS:
            return True
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return True
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > noun.i and role.type == "body":
            return True
    return False


def _bare_description(context: ArticleContext, dictionary: ActorDictionary, phrase: RoleNoun) -> list[Mention]:
    """"the president", "President", "the deputy president" with no country: left to coreference (bodies and
    groups with no country written are generic actors, :func:`_generic`); a qualified role keeps its
    qualifier, so that no office holder is looked up for it."""
    doc, role, first, end = context.doc, phrase.role, phrase.first, phrase.head + 1
    if role.type != "person":
        return []
    qualified = _qualifiers_before(context, dictionary, first)
    if qualified < first and _article(doc, qualified) == "the":  # "the shadow home secretary": not the office holder
        label = f"{context.words.span(qualified, first)} {role.label}"
        return [make_mention(context, qualified - 1, end, "description", role=label, sectors=role.sectors)]
    if _article(doc, first) == "the":
        return [make_mention(context, first - 1, end, "description", role=role.label, sectors=role.sectors)]
    if doc[first].text[:1].isupper() and first > 0:
        return [make_mention(context, first, end, "description", role=role.label, sectors=role.sectors)]
    return []


def _qualifiers_before(context: ArticleContext, dictionary: ActorDictionary, first: int) -> int:
    """Where the qualifiers of a title ("shadow", "former", "deputy") written right before token ``first`` begin."""
    while first > 0 and (role := dictionary.role(context.words.lower[first - 1])) is not None \
            and role.type == "qualifier":
        first -= 1
    return first


def _article(doc: Doc, first: int) -> str | None:
    """The article ("the", "a", "an") right before token ``first``, if any."""
    if first > 0 and doc[first - 1].lower_ in {"the", "a", "an"}:
        return str(doc[first - 1].lower_)
    return None


def _owners(doc: Doc, noun: Token, role_first: int, owners: Mapping[int, Mention]) -> list[tuple[Mention, int | None]]:
    """The countries or institutions qualifying ``noun`` — an adjective, compound or possessive before it,
    with its conjuncts ("Chilean and Peruvian officials") — each with where the mention starts."""
    for child in noun.children:
        if child.i >= role_first or child.dep_ not in OWNER_DEPS:
            continue
        mention = owners.get(child.i)
        if mention is None:
            continue
        if child.dep_ == "poss":
            return [(mention, None)]
        partners = sorted({owners[c.i].start: owners[c.i] for c in (child, *child.conjuncts)
                           if c.i in owners and c.i < role_first}.values(), key=lambda m: m.start)
        return [(m, m.first) for m in partners]
    if not doc.has_annotation("DEP") and role_first - 1 in owners:
        mention = owners[role_first - 1]
        return [(mention, mention.first)]
    return []


def body_entry(dictionary: ActorDictionary, owner: Entry, role: Role) -> Entry:
    """"Iran's parliament" -> IRNLEG "Iranian parliament"; "Russian leaders" -> the Russian government;
    the members of a named group or institution are that group ("Tacna Front fighters")."""
    sectors = tuple(role.sectors)
    country = owner.country
    if not country or country not in dictionary.countries:
        return replace(owner, kind="organisation") if owner.kind != "person" else owner
    if role.type == "group" and owner.kind in {"group", "organisation"} and owner.sectors:  # not a region
        return owner
    if sectors == ("GOV",) and country in dictionary.countries:
        return dictionary.government(country)
    adjective = dictionary.countries[country].adjective if country in dictionary.countries else country
    kind: Kind = "group" if role.type == "group" else "organisation"
    code = country + "".join(sectors)
    return Entry(code, f"{adjective} {role.label}", code, country, sectors, kind)


def is_people_noun(token: Token) -> bool:
    """A demonym standing for people ("Albanians demonstrated", "killed four Iraqis"), not an adjective."""
    return token.dep_ not in {"amod", "compound", "npadvmod", "poss"} and token.pos_ in {"PROPN", "NOUN"} \
        and token.text.endswith("s")


def people_mention(context: ArticleContext, dictionary: ActorDictionary, match: Match, entry: Entry,
                   locate: Locate | None = None) -> Mention:
    """People named by a demonym. A country written before them or the place they are in decides their
    country ("Iraqi Kurds", "Albanians of southern Serbia"); "ethnic Albanians" with no place are left to
    coreference (the article's main other country); otherwise they are the demonym's people ("Iraqis")."""
    token = context.doc[match.last - 1]
    qualifier = next((c for c in token.lefts if c.dep_ in {"amod", "compound"}), None)
    country = country_at(context, qualifier.i, dictionary) if qualifier is not None else None
    first = qualifier.i if qualifier is not None and country else match.first
    ethnic = any(c.lower_ == "ethnic" for c in token.lefts)
    basis: CountryBasis = "adjective" if country else "clause"
    country = country or place_after(context, token, dictionary, locate)
    if country is None and ethnic:
        return make_mention(context, match.first, match.last, "ethnic", country=entry.country)
    if country is None or country == entry.country:
        return make_mention(context, match.first, match.last, "demonym", entry=entry, country=entry.country)
    group = people_entry(dictionary, country, context.words.span(first, match.last))
    return make_mention(context, first, match.last, "group", entry=group, country=country, basis=basis)


def people_entry(dictionary: ActorDictionary, country: str, text: str) -> Entry:
    """A group of people of ``country`` named by what they are ("Bosnian Serbs", "ethnic Albanians")."""
    name = f"{text} ({dictionary.countries[country].name})" if country in dictionary.countries else text
    return Entry(f"{country}:people:{fold(text)}", name, country + "CVL", country, ("CVL",), "group")
