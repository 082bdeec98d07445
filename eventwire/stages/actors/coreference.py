"""Rule-based coreference inside one article: every mention ends up with the entry it refers to.

Each rule is a small function ``(context, mentions, ...) -> mentions``, applied in this order by
:func:`resolve`:

0. :func:`take_apposed_titles` — "Peru's ambassador to Chile, Juan Quispe": the unknown name takes the
   description's country, sectors and role;
1. :func:`.surnames.link_surnames` — "Velayati" and the misspelt "Amir-Abollahian" are the people named
   in full earlier (exact surname, or a similarity ratio of at least 0.85);
2. :func:`link_relatives` — "who" in "Velayati, who is also expected ..." is Velayati;
3. :func:`.descriptions.resolve_descriptions` — "the Iranian official" is the latest Iranian person,
   "the Kremlin leader" is whoever led Russia on the publication date, "a U.S. State Department
   official" is a new, unnamed person;
4. :func:`.pronouns.resolve_pronouns` — he/his/him, she/her to the subject of the sentence or the
   latest person before, it/its to the subject state or organisation, they/their to a group;
5. :func:`own_by_pronoun` — "his generals", "its troops" are the pronoun's referent's;
6. :func:`fill_countries` — a titled person of no known country is of the article's dominant country.

Mentions that no rule resolves are dropped.
"""

from __future__ import annotations

from dataclasses import replace

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Entry, fold
from .descriptions import main_country, owned_entry, resolve_descriptions
from .mentions import Mention, make_mention, refers_to_person
from .pronouns import resolve_pronouns
from .surnames import link_surnames

RELATIVE = frozenset({"who", "whom", "whose"})
GENERIC_FORMS = frozenset({"body", "group", "member"})
NO_COUNTRY = ("IGO", "NGO", "IMG", "MNC")  # code prefixes of bodies of no one country: never filled with one


def resolve(context: ArticleContext, mentions: list[Mention], dictionary: ActorDictionary) -> list[Mention]:
    """Apply every rule in order; return only the mentions that refer to something."""
    mentions = take_apposed_titles(context, mentions)
    mentions = link_surnames(context, mentions)
    mentions = link_relatives(context, mentions)
    mentions = resolve_descriptions(context, mentions, dictionary)
    mentions = resolve_pronouns(context, mentions)
    mentions = own_by_pronoun(context, mentions, dictionary)
    mentions = fill_countries(mentions, dictionary, context.published)
    return sorted((m for m in mentions if m.entry is not None), key=lambda m: (m.start, -m.end))


def take_apposed_titles(context: ArticleContext, mentions: list[Mention]) -> list[Mention]:
    """"Peru's ambassador to Chile, Juan Quispe": a person the dictionary does not know, named in
    apposition to a description, takes its country, sectors and role, and the description is that person."""
    descriptions = {m.head: m for m in mentions
                    if m.form == "description" and m.entry is None and (m.country or m.code or m.sectors)}
    titled: dict[int, Mention] = {}  # by id() of the mention replaced
    for mention in mentions:
        root = context.doc[mention.head]
        described = descriptions.get(root.head.i) if root.dep_ == "appos" else None
        if described is not None and refers_to_person(mention) and mention.referent.country is None \
                and mention.referent.key.startswith("person:"):
            person = titled[id(mention)] = _titled(mention, described)
            titled[id(described)] = replace(described, entry=person.entry)
    return [titled.get(id(m), m) for m in mentions]


def _titled(person: Mention, description: Mention) -> Mention:
    """The person with the country, sectors and role of the description apposed to it."""
    country, sectors = description.country, description.sectors
    if not country and description.code:  # "a Hamas spokesman, X": the group's code, no country's sectors
        code, sectors = description.code, ()
    else:  # "the home secretary, X": a title alone ("---GOV") takes the article's country later, as "President X"
        code = (country or "---") + "".join(sectors)
    entry = replace(person.referent, country=country, sectors=sectors, code=code, role=description.role)
    return replace(person, entry=entry, country=country, sectors=sectors, role=description.role,
                   basis=description.basis if country else None)


def link_relatives(context: ArticleContext, mentions: list[Mention]) -> list[Mention]:
    """"who" opening a relative clause on a mention refers to that mention's actor."""
    by_token = {i: m for m in mentions if m.entry is not None for i in range(m.first, m.last)}
    found = []
    for i, word in enumerate(context.words.lower):
        token = context.doc[i] if word in RELATIVE else None
        if token is None or token.head.dep_ != "relcl":
            continue
        antecedent = by_token.get(token.head.head.i)
        if antecedent is not None and refers_to_person(antecedent):
            found.append(make_mention(context, token.i, token.i + 1, "relative", entry=antecedent.entry))
    return mentions + found


def own_by_pronoun(context: ArticleContext, mentions: list[Mention], dictionary: ActorDictionary) -> list[Mention]:
    """A body, group or member of one owned by a pronoun is its referent's ("Trump ordered his generals":
    American generals; "Russia said its troops ..."), not the place's or the article's."""
    pronouns = {m.head: m for m in mentions if m.form == "pronoun" and m.entry is not None and m.entry.country
                and _owner_fits(m.text, m.entry)}
    owned = []
    for mention in mentions:
        owner = None
        if mention.form in GENERIC_FORMS and mention.basis not in {"named", "adjective"}:
            owner = next((pronouns[c.i] for c in context.doc[mention.head].children
                          if c.dep_ == "poss" and c.i in pronouns), None)
        entry = owned_entry(dictionary, mention, owner.referent) if owner is not None else None
        if owner is not None and entry is not None:
            mention = replace(mention, entry=entry, country=owner.referent.country, basis="adjective")
        owned.append(mention)
    return owned


def _owner_fits(pronoun: str, owner: Entry) -> bool:
    """Whether a possessive fits its referent: "his" and "her" a person, "its" no person ("Assad said his
    troops …" resolved to a body is a resolution to distrust)."""
    word = pronoun.lower()
    if word in {"his", "her"}:
        return owner.kind == "person"
    return word != "its" or owner.kind != "person"


def fill_countries(mentions: list[Mention], dictionary: ActorDictionary, published: str | None) -> list[Mention]:
    """Titled people of no known country ("President X") belong to the country the article names most,
    when it names that country at least as often as all others together (in an article about several
    countries a title alone does not say whose it is), unless the dictionary knows someone else held
    that office there on the publication date."""
    main = main_country(mentions, dominant=True)
    if main is None:
        return mentions
    filled = []
    for mention in mentions:
        entry, basis = mention.entry, mention.basis
        if entry is not None and _titled_nowhere(entry) \
                and not _office_held_by_another(dictionary, entry, main, published):
            entry, basis = replace(entry, country=main, code=main + "".join(entry.sectors)), "article"
        filled.append(replace(mention, entry=entry, basis=basis))
    return filled


def _titled_nowhere(entry: Entry) -> bool:
    """A person (or a group named after a title: "the rebel X Front") coded from a title alone: sectors, but
    no country ("President X", code "---GOV")."""
    return entry.kind in {"person", "group"} and entry.country is None and bool(entry.sectors) \
        and entry.key.startswith(("person:", "group:")) and entry.code.lstrip("-") == "".join(entry.sectors) \
        and not entry.code.startswith(NO_COUNTRY)


def _office_held_by_another(dictionary: ActorDictionary, entry: Entry, country: str, published: str | None) -> bool:
    """"President Quispe" in a story about Chile, when the dictionary says Chile's president then was
    someone else: Quispe is not Chile's president."""
    if not entry.role or published is None:
        return False
    holder = dictionary.holder(entry.role, country, published)
    return holder is not None and fold(holder.name) != fold(entry.name)
