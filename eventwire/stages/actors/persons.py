"""People named in the text: NER people, dictionary people and names an apposition describes as a person,
each with its title, country and the dictionary entry in force on the publication date.
"""

from __future__ import annotations

import unicodedata

from spacy.tokens import Doc

from ...context import ArticleContext
from ...lexicons.actors import ActorDictionary
from ...lexicons.entries import Alias, Entry, fold
from ...lexicons.petrarch import is_organisation_name
from ...models import CountryBasis
from ...nlp import entities
from ..tokens import in_stance, name_heads
from .mentions import Match, Mention, begins_place_name, longest_at, make_mention
from .titles import POSSESSIVE, apposition, role_type, title_before

LETTERS = str.maketrans({"\u0131": "i", "\u00f8": "o", "\u00d8": "O", "\u0142": "l", "\u0141": "L", "\u0111": "d",
                         "\u0110": "D", "\u00df": "ss"})  # dotless i, o and l with a stroke, d with a bar, sharp s


def person_mentions(context: ArticleContext, dictionary: ActorDictionary, matches: list[Match]) -> list[Mention]:
    """People named in the text, each with its title, country and dated dictionary entry."""
    spans = _person_spans(context, dictionary, matches)
    return [_person(context, dictionary, first, last) for first, last in spans]


def _person_spans(context: ArticleContext, dictionary: ActorDictionary, matches: list[Match]) -> list[tuple[int, int]]:
    """Token ranges of person names: NER PERSON spans and dictionary people, longest first; none that
    begins a facility's name ("King Fahd Stadium")."""
    doc, table = context.doc, context.words
    places = {(m.first, m.last) for m in matches if not all(is_person_alias(dictionary, a) for a in m.aliases)}
    covered = {i for first, last in places for i in range(first, last)}
    spans = [s for s in (_trim_name(doc, e.start, e.end) for e in entities(doc) if e.label_ == "PERSON")
             if s not in places and not all(i in covered for i in range(*s)) and not in_stance(table, s[0])
             and not begins_place_name(table, s[1])]
    for match in matches:
        if any(is_person_alias(dictionary, a) for a in match.aliases) and _accept_person_match(doc, match):
            spans.append((match.first, match.last))
    spans += [s for s in [*_described_names(doc, dictionary), *_titled_names(context, dictionary)]
              if not any(i in covered for i in range(*s))]
    return _longest_first(spans)


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty spans without overlaps, the longer (then the earlier) kept, in text order."""
    chosen: list[tuple[int, int]] = []
    for first, last in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if last > first and not any(first < b and a < last for a, b in chosen):
            chosen.append((first, last))
    return sorted(chosen)


def _described_names(doc: Doc, dictionary: ActorDictionary) -> list[tuple[int, int]]:
    """Proper names the model did not call people but an apposition describes as one ("Juan Quispe, a
    Peruvian commander, said"): the name's words, ending at the head the description hangs on."""
    found = []
    for head in (doc[i] for i in name_heads(doc, {"", "PERSON", "ORG"})):
        described = any(c.dep_ == "appos" and role_type(dictionary, c.lower_) == "person" for c in head.children)
        first = _name_start(doc, head.i)
        if described and head.i > first:  # a single word is too weak a name
            found.append((first, head.i + 1))
    return found


def _titled_names(context: ArticleContext, dictionary: ActorDictionary) -> list[tuple[int, int]]:
    """Proper names of two words or more the model did not call people but a person's title stands right
    before ("Party chair Debbie Wasserstein", "Sheriff Joe Arpalo")."""
    doc = context.doc
    found = []
    for head in (doc[i] for i in name_heads(doc, {"", "ORG"})):
        first = _name_start(doc, head.i)
        if head.i > first and _after_title(context, dictionary, first):
            found.append((first, head.i + 1))
    return found


def _name_start(doc: Doc, head: int) -> int:
    """The first word of the proper name ending at ``head``: the proper nouns compounded onto it."""
    first = head
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == head \
            and doc[first - 1].dep_ == "compound":
        first -= 1
    return first


def _after_title(context: ArticleContext, dictionary: ActorDictionary, first: int) -> bool:
    """Whether a person's title ends right before token ``first`` ("Party chair", "Sgt.")."""
    title = title_before(context, first, dictionary) if first > 0 else None
    return title is not None and title.role is not None \
        and fold(title.role).endswith(fold(context.words.span(first - 1, first)))


def is_person_alias(dictionary: ActorDictionary, alias: Alias) -> bool:
    """Whether a dictionary name refers to a person."""
    entry = dictionary.entry(alias.key)
    return entry is not None and entry.kind == "person"


def _accept_person_match(doc: Doc, match: Match) -> bool:
    """A one-word person alias ("Putin") needs the model to call it a person or a bare proper noun, and
    no article before it ("in the Hague" is a place)."""
    if match.last - match.first > 1:
        return True
    token = doc[match.first]
    if match.first > 0 and doc[match.first - 1].lower_ == "the":
        return False
    return token.ent_type_ == "PERSON" or (not token.ent_type_ and token.pos_ in {"PROPN", ""})


def _trim_name(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Drop a trailing possessive and punctuation from a name span."""
    while last > first and (doc[last - 1].text in POSSESSIVE or doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    return first, last


def _person(context: ArticleContext, dictionary: ActorDictionary, first: int, last: int) -> Mention:
    """The mention of the person named in tokens ``[first, last)``, with the title before the name."""
    doc = context.doc
    name_first = first
    while name_first < last - 1 and role_type(dictionary, doc[name_first].lower_) == "honorific":
        name_first += 1
    name = context.words.span(name_first, last)
    title = title_before(context, first, dictionary)
    start = title.first if title else first
    country, sectors, role = (title.country, title.sectors, title.role) if title else (None, (), None)
    code = title.code if title else None
    if title is None or not title.role:
        apposed = apposition(context, doc[first:last].root, dictionary)
        if apposed is not None:
            role, country, sectors = apposed.role, apposed.country or country, apposed.sectors
            code = apposed.code or code
    country = country or _country_after(context, last, dictionary)
    entry = lookup_person(dictionary, name, context.published)
    if entry is not None and context.published is None and code and code != entry.code:
        entry = None  # no date to choose the person's tenure by: the title the text gives wins
    basis: CountryBasis | None = None
    if entry is None:
        entry = _text_person(name, country, sectors, code, role)
        basis = "adjective" if country else None  # the country of its title or apposition
    form = "title" if title and entry.kind == "person" else "name"  # "the rebel X Front": a group's name
    return make_mention(context, start, last, form, entry=entry, name=name, role=role,
                        country=country, sectors=sectors, basis=basis)


def _country_after(context: ArticleContext, last: int, dictionary: ActorDictionary) -> str | None:
    """"King Hassan of Morocco": the country named right after a person's name."""
    doc = context.doc
    if last + 1 >= len(doc) or doc[last].lower_ != "of":
        return None
    start = last + 2 if doc[last + 1].lower_ == "the" else last + 1
    match = longest_at(context, start, dictionary) if start < len(doc) else None
    entries = [dictionary.entry(a.key) for a in match.aliases] if match else []
    return next((e.country for e in entries if e is not None and e.kind != "person" and e.country), None)


def lookup_person(dictionary: ActorDictionary, name: str, published: str | None) -> Entry | None:
    """The dictionary person written as ``name`` (or with one typo: "Jacques Chirack", or without its
    diacritics), in the tenure in force on ``published``."""
    for written in dict.fromkeys((name, unaccented(name))):
        for alias in dictionary.candidates(written) or dictionary.misspelt_person(written):
            entry = dictionary.entry(alias.key, published)
            if entry is not None and entry.kind == "person":
                return entry
    return None


def unaccented(name: str) -> str:
    """A name written without its diacritics, as the dictionary may hold it ("Tomasz Wołek" -> "Tomasz
    Wolek", "Pérez" -> "Perez"): accents dropped, and the letters no decomposition reaches (``LETTERS``) spelt plain."""
    decomposed = unicodedata.normalize("NFKD", name.translate(LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _text_person(name: str, country: str | None, sectors: tuple[str, ...], code: str | None,
                 role: str | None) -> Entry:
    """A person the dictionary does not know, coded from the words around the name; a name ending with a word
    that names a body ("the rebel Popular Liberation Front") is a group's, not a person's."""
    if code is None:
        code = (country or ("---" if sectors else "")) + "".join(sectors)
    if is_organisation_name(name):
        return Entry("group:" + fold(name), name, code, country, sectors, "group", None)
    return Entry("person:" + fold(name), name, code, country, sectors, "person", role)
