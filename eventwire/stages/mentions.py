"""Named mentions of actors in a parsed Doc: people with their titles, states, capitals, institutions.

Each finder is a small function over the Doc and the :class:`~eventwire.dictionaries.ActorDictionary`:

* :func:`dictionary_matches` — every longest dictionary name in the text;
* :func:`person_mentions` — NER people and dictionary people, with the title before them
  ("Russian Energy Minister Alexander Novak") or an apposition after them giving role and country;
* :func:`named_mentions` — countries, demonyms ("Iranian targets"), capitals standing for
  governments ("Washington says", but not "a visit to Moscow"), institutions and organisations;
* :func:`noun_mentions` — role nouns qualified by a country: bodies ("Iran's parliament"),
  groups ("European firms") and descriptions ("the Iranian official", left to coreference).

Pronouns, relative pronouns and unresolved descriptions are linked by :mod:`.coref`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from .tokens import Words, token_table
from ..dictionaries import FACILITY_MODIFIERS, PLACE_NAME_NOUNS, REGIONS, ActorDictionary, Alias, Entry, Role, fold

STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL"})
SKIP_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})
LOCATIVE_PREPS = frozenset({"in", "at", "into", "near", "inside", "outside", "across", "throughout", "around",
                            "within", "via"})
MOTION_WORDS = frozenset({"visit", "trip", "travel", "go", "come", "fly", "return", "arrive", "arrival", "journey",
                          "flight", "move", "head", "flee", "tour"})
PLACE_FORMS = frozenset({"name", "capital", "place"})
PLACE_PREPS = frozenset({"in", "of", "from", "throughout", "across", "inside"})
LEADING = frozenset({"led", "backed", "based", "allied", "supported", "trained", "sponsored"})
NON_ACTORS = frozenset({"people", "civilians", "citizens", "residents", "villagers"})
POSSESSIVE = frozenset({"'s", "\u2019s", "'"})
NAME_JOINERS = frozenset({"of", "-", "for"})
STANCE_PREFIXES = frozenset({"anti", "pro", "non"})
DASHES = frozenset({"-", "\u2010", "\u2011"})
PLACE_ENTITIES = frozenset({"GPE", "LOC"})

Locate = Callable[[str], str | None]
"""The country a place name lies in ("Darfur" -> "SDN"); "" for a known place of no one country ("North
America"), None for a name the gazetteer does not know."""


@dataclass(frozen=True)
class Mention:
    """A stretch of text referring to an actor: ``doc.text[start:end] == text``.

    ``entry`` is the referent (None until coreference links a pronoun or description); ``name``
    is the proper-name part of a person mention, ``role``/``country``/``sectors`` what the words
    around it say.
    """

    first: int
    last: int
    head: int
    start: int
    end: int
    text: str
    form: str  # name, title, demonym, capital, body, group, description, pronoun, relative
    entry: Entry | None
    name: str | None = None
    role: str | None = None
    country: str | None = None
    sectors: tuple[str, ...] = ()
    code: str | None = None  # the owner's code when it has no country ("IGOUNO" for "a U.N. spokesman")


@dataclass(frozen=True)
class Match:
    """A dictionary name found in the text: tokens ``[first, last)`` and what it may refer to."""

    first: int
    last: int
    aliases: tuple[Alias, ...]


def make_mention(doc: Doc, first: int, last: int, form: str, entry: Entry | None, **extra: object) -> Mention:
    table = token_table(doc)
    return Mention(first, last, doc[first:last].root.i, table.starts[first], table.ends[last - 1],
                   table.span(first, last), form, entry, **extra)


def find_mentions(doc: Doc, dictionary: ActorDictionary, published: str | None,
                  locate: Locate | None = None) -> list[Mention]:
    """Every named, titled and qualified mention in ``doc``, in text order. ``locate`` gives the country
    of places the dictionary does not name ("Arica" -> CHL), for groups written with them."""
    matches = dictionary_matches(doc, dictionary, locate)
    people = person_mentions(doc, dictionary, matches, published)
    taken = {i for m in people for i in range(m.first, m.last)}
    named = named_mentions(doc, dictionary, matches, taken, published, locate)
    nouns = noun_mentions(doc, dictionary, named, taken | {i for m in named for i in range(m.first, m.last)},
                          anchors=[*people, *named], locate=locate)
    absorbed = {i for m in nouns if m.form != "description" for i in range(m.first, m.last)}
    named = [m for m in named if m.form not in {"demonym"} or m.head not in absorbed]
    return sorted([*people, *named, *nouns], key=lambda m: (m.start, -m.end))


NAME_PARTICLES = frozenset({"al", "el", "bin"})


def _can_start(token: Token) -> bool:
    return token.text[:1].isupper() or token.lower_ in NAME_PARTICLES


def dictionary_matches(doc: Doc, dictionary: ActorDictionary, locate: Locate | None = None) -> list[Match]:
    """The longest dictionary names, left to right, never inside dates, numbers or amounts; with
    ``locate``, a longer place name around a state's name is read whole (see :func:`_longest_at`)."""
    table = token_table(doc)
    found: list[Match] = []
    i = 0
    while i < len(doc):
        match = None
        if (table.capital[i] or table.lower[i] in NAME_PARTICLES) and doc[i].ent_type_ not in SKIP_ENTITIES:
            match = _longest_at(doc, i, dictionary, locate)
        if match is not None and after_stance(doc, i):
            i = match.last  # "anti-Latin America": a stance, with no name inside it either
            continue
        if match is not None and _foreign_institution(doc, match, dictionary):
            match = None
        if match is None:
            i += 1
            continue
        if match.aliases:  # a name with none begins a facility's name or is a place of no one country
            found.append(match)  # skipped whole
        i = match.last
    return found


def after_stance(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a stance prefix written onto it ("anti-Chile", "pro-Peruvian",
    "non-Bolivian"): the name says what a group is for or against, not whose it is."""
    table = token_table(doc)
    return 2 <= i < len(table.lower) and table.lower[i - 2] in STANCE_PREFIXES and table.lower[i - 1] in DASHES \
        and not table.spaced[i - 2] and not table.spaced[i - 1]


def in_stance(token: Token) -> bool:
    """Whether ``token`` is part of a stance word: "anti", "-" or "Chile" in "anti-Chile"."""
    i = token.i
    return after_stance(token.doc, i) or after_stance(token.doc, i + 1) or after_stance(token.doc, i + 2)


def begins_place_name(table: Words, last: int) -> bool:
    """Whether the name ending before token ``last`` is the first word of a facility's or a natural
    feature's proper name ("the Chile Bridge", "Peru Square", "Lima International Airport", "the Peru
    Basin"): a place, not an actor."""
    return place_name_end(table, last) is not None


def place_name_end(table: Words, last: int) -> int | None:
    """Where the facility's or natural feature's name that a name ending before token ``last`` begins
    ends (after "Airport" in "Lima International Airport"), or None when no such name follows."""
    size = len(table.lower)
    if last < size and table.capital[last] and table.lower[last] in FACILITY_MODIFIERS:
        last += 1
    return last + 1 if last < size and table.capital[last] and table.lower[last] in PLACE_NAME_NOUNS else None


def _foreign_institution(doc: Doc, match: Match, dictionary: ActorDictionary) -> bool:
    """An institution's short name after another country's adjective ("the Syrian Congress",
    "the Iraqi Majlis") names that country's body, not the institution."""
    if match.first == 0:
        return False
    entries = [dictionary.entry(a.key) for a in match.aliases if a.form == "name"]
    countries = {e.country for e in entries if e is not None and e.kind == "organisation" and e.country}
    before = _country_at(doc, match.first - 1, dictionary, frozenset({"demonym"}))
    return bool(countries) and before is not None and before not in countries


def _longest_at(doc: Doc, i: int, dictionary: ActorDictionary, locate: Locate | None = None) -> Match | None:
    """The longest dictionary name starting at token ``i``; none after a stance prefix ("pro-Chile").

    A name that begins a facility's or natural feature's name ("the Chile Bridge", "King Fahd Stadium")
    is a match without aliases: nothing to code, and no shorter name inside it either. With ``locate``,
    a state's name inside a longer place name (see :func:`covering_place`) is that place, a match without
    aliases when that place lies in no one country.
    """
    if after_stance(doc, i):
        return None
    table = token_table(doc)
    size = len(table.starts)
    longest = i + dictionary.max_words if dictionary.may_start(table.lower[i]) else i
    for j in range(min(size, longest), i, -1):
        if table.stops[j - 1]:
            continue
        if j < size and not table.spaced[j - 1] and table.alpha[j] and table.alpha[j - 1]:
            continue
        aliases = dictionary.candidates(table.span(i, j))
        if aliases and begins_place_name(table, j):
            return Match(i, j, ())
        if aliases:
            match = Match(i, j, aliases)
            covered = covering_place(doc, match, dictionary, locate) if locate is not None else None
            return covered or match
    if doc[i].pos_ == "PROPN" and doc[i].ent_type_ != "PERSON":  # "Venezuala": a country name with one typo
        aliases = dictionary.misspelt_country(doc[i].text)
        if aliases:
            return Match(i, i + 1, aliases)
    return None


MAX_PLACE_WORDS = 2  # words a longer place name may add on each side of a state's name


def covering_place(doc: Doc, match: Match, dictionary: ActorDictionary, locate: Locate) -> Match | None:
    """A longer place name that starts or ends with the state's name, demonym or capital of ``match``,
    written as one name in capitalised words that are not function words ("New Mexico", "Benin City",
    "American Samoa", and through a demonym's state "North American"; not "The United States"): the
    longest the gazetteer (``locate``) knows wins over the state, unless it lies in that state ("Iraqi
    Kurdistan" stays Iraqi). The match returned has one alias of form "place" keyed by the place's
    country, or none at all when that place lies in no one country ("North America")."""
    states = [a for a in match.aliases if a.form in {"name", "demonym", "capital"} and _is_state(dictionary, a.key)]
    if not states:
        return None
    table = token_table(doc)
    inner = [table.span(match.first, match.last)]
    for alias in (a for a in states if a.form == "demonym" and a.key in dictionary.countries):
        country = dictionary.countries[alias.key]
        inner.extend((country.name, *country.aliases))
    spans = [(first, last) for first in range(max(0, match.first - MAX_PLACE_WORDS), match.first + 1)
             for last in range(match.last, min(len(table.lower), match.last + MAX_PLACE_WORDS) + 1)
             if (first, last) != (match.first, match.last)]
    for first, last in sorted(spans, key=lambda s: s[0] - s[1]):
        added = [*range(first, match.first), *range(match.last, last)]
        if not all(table.capital[k] and table.alpha[k] and not doc[k].is_stop for k in added):
            continue
        before, after = table.span(first, match.first), table.span(match.last, last)
        for name in inner:
            country = locate(" ".join(w for w in (before, name, after) if w))
            if country is not None and country in {a.key for a in states}:  # "Iraqi Kurdistan" is Iraq's
                return None
            if country is not None:
                return Match(first, last, (Alias(table.span(first, last), country, "place"),) if country else ())
    return None


def _is_state(dictionary: ActorDictionary, key: str) -> bool:
    entry = dictionary.entry(key)
    return entry is not None and entry.kind == "state"


# People ---------------------------------------------------------------------------------------


def person_mentions(
    doc: Doc, dictionary: ActorDictionary, matches: list[Match], published: str | None
) -> list[Mention]:
    """People named in the text, each with its title, country and dated dictionary entry."""
    spans = _person_spans(doc, dictionary, matches)
    return [_person(doc, dictionary, first, last, published) for first, last in spans]


def _person_spans(doc: Doc, dictionary: ActorDictionary, matches: list[Match]) -> list[tuple[int, int]]:
    """Token ranges of person names: NER PERSON spans and dictionary people, longest first; none that
    begins a facility's name ("King Fahd Stadium")."""
    places = {(m.first, m.last) for m in matches if not all(_is_person(dictionary, a) for a in m.aliases)}
    covered = {i for first, last in places for i in range(first, last)}
    table = token_table(doc)
    spans = [s for s in (_trim_name(doc, e.start, e.end) for e in doc.ents if e.label_ == "PERSON")
             if s not in places and not all(i in covered for i in range(*s)) and not in_stance(doc[s[0]])
             and not begins_place_name(table, s[1])]
    for match in matches:
        if any(_is_person(dictionary, a) for a in match.aliases) and _accept_person_match(doc, match):
            spans.append((match.first, match.last))
    spans += [s for s in _described_names(doc, dictionary) if not any(i in covered for i in range(*s))]
    chosen: list[tuple[int, int]] = []
    for first, last in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if last > first and not any(first < b and a < last for a, b in chosen):
            chosen.append((first, last))
    return sorted(chosen)


def _described_names(doc: Doc, dictionary: ActorDictionary) -> list[tuple[int, int]]:
    """Proper names the model did not call people but an apposition describes as one ("Juan Quispe, a
    Peruvian commander, said"): the name's words, ending at the head the description hangs on."""
    found = []
    for head in doc:
        if head.pos_ != "PROPN" or head.ent_type_ not in {"", "PERSON", "ORG"} or head.dep_ == "compound":
            continue
        described = any(c.dep_ == "appos" and _role_type(dictionary, c.lower_) == "person" for c in head.children)
        first = head.i
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == head.i \
                and doc[first - 1].dep_ == "compound":
            first -= 1
        if described and head.i > first:  # a single word is too weak a name
            found.append((first, head.i + 1))
    return found


def _is_person(dictionary: ActorDictionary, alias: Alias) -> bool:
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


def _person(doc: Doc, dictionary: ActorDictionary, first: int, last: int, published: str | None) -> Mention:
    name_first = first
    while name_first < last - 1 and _role_type(dictionary, doc[name_first].lower_) == "honorific":
        name_first += 1
    name = token_table(doc).span(name_first, last)
    title = title_before(doc, first, dictionary)
    start = title.first if title else first
    country, sectors, role = (title.country, title.sectors, title.role) if title else (None, (), None)
    code = title.code if title else None
    if title is None or not title.role:
        apposed = apposition(doc, doc[first:last].root, dictionary)
        if apposed is not None:
            role, country, sectors = apposed.role, apposed.country or country, apposed.sectors
            code = apposed.code or code
    country = country or _country_after(doc, last, dictionary)
    entry = lookup_person(dictionary, name, published)
    if entry is None:
        entry = _text_person(name, country, sectors, code, role)
    return make_mention(doc, start, last, "title" if title else "name", entry, name=name, role=role,
                        country=country, sectors=sectors)


def _country_after(doc: Doc, last: int, dictionary: ActorDictionary) -> str | None:
    """"King Hassan of Morocco": the country named right after a person's name."""
    if last + 1 >= len(doc) or doc[last].lower_ != "of":
        return None
    start = last + 2 if doc[last + 1].lower_ == "the" else last + 1
    match = _longest_at(doc, start, dictionary) if start < len(doc) else None
    entries = [dictionary.entry(a.key) for a in match.aliases] if match else []
    return next((e.country for e in entries if e is not None and e.kind != "person" and e.country), None)


def lookup_person(dictionary: ActorDictionary, name: str, published: str | None) -> Entry | None:
    """The dictionary person written as ``name``, in the tenure in force on ``published``."""
    for alias in dictionary.candidates(name):
        entry = dictionary.entry(alias.key, published)
        if entry is not None and entry.kind == "person":
            return entry
    return None


def _text_person(name: str, country: str | None, sectors: tuple[str, ...], code: str | None,
                 role: str | None) -> Entry:
    """A person the dictionary does not know, coded from the words around the name."""
    if code is None:
        code = (country or ("---" if sectors else "")) + "".join(sectors)
    return Entry("person:" + fold(name), name, code, country, sectors, "person", role)


@dataclass(frozen=True)
class Title:
    """The words before a name: "Russian Energy Minister" -> RUS, Energy Minister, (GOV,)."""

    first: int
    country: str | None
    role: str | None
    sectors: tuple[str, ...]
    code: str | None


def _role_type(dictionary: ActorDictionary, phrase: str) -> str | None:
    role = dictionary.role(phrase)
    return role.type if role else None


def _title_words(doc: Doc, first: int, dictionary: ActorDictionary) -> list[int]:
    """Indices of the capitalised or role words right before a name, in the same sentence."""
    start = doc[first].sent.start if doc.has_annotation("SENT_START") else 0
    words: list[int] = []
    i = first - 1
    while i >= start:
        token = doc[i]
        capital = token.text[:1].isupper() and (token.is_alpha or "." in token.text or "-" in token.text)
        joiner = token.lower_ in NAME_JOINERS and i - 1 >= start and doc[i - 1].text[:1].isupper()
        if not (capital or joiner or token.lower_ in dictionary.title_words) or token.ent_type_ in SKIP_ENTITIES \
                or after_stance(doc, i):
            break
        words.insert(0, i)
        i -= 1
    while words and doc[words[0]].lower_ in NAME_JOINERS:
        words.pop(0)
    return words


def title_before(doc: Doc, first: int, dictionary: ActorDictionary) -> Title | None:
    """The title and country written right before a person's name, or None."""
    words = _title_words(doc, first, dictionary)
    country, code, rest = _title_owner(doc, words, dictionary)
    if country is None and code is None:
        country = _possessive_country(doc, (words[0] if words else first) - 1, dictionary)
    role_span = _rightmost_role(doc, rest, dictionary)
    if role_span is None:
        if rest and all(_role_type(dictionary, doc[i].lower_) == "honorific" for i in rest) or (words and not rest):
            return Title(words[0], country, None, (), code)
        return None
    role_first, role_last = role_span
    role = dictionary.role(token_table(doc).span(role_first, role_last))
    sectors = role.sectors if role else ()
    text_first = role_first
    while text_first - 1 in rest and doc[text_first - 1].pos_ in {"PROPN", "NOUN", "ADJ", ""}:
        text_first -= 1
    role_text = token_table(doc).span(text_first, role_last)
    if code is not None and country and not code[3:]:
        code = code + "".join(sectors)
    mention_first = words[0] if (country or code) and words[0] < rest[0] else text_first
    return Title(mention_first, country, role_text, sectors, code)


def _title_owner(doc: Doc, words: list[int], dictionary: ActorDictionary) -> tuple[str | None, str | None, list[int]]:
    """A country or institution at the start of the title words, and the words after it."""
    for size in range(len(words), 0, -1):
        text = token_table(doc).span(words[0], words[0] + size)
        for alias in dictionary.candidates(text):
            entry = dictionary.entry(alias.key)
            if entry is None or entry.kind == "person":
                continue
            code = None if entry.kind == "state" else entry.code
            return entry.country, code, words[size:]
    return None, None, words


def _possessive_country(doc: Doc, i: int, dictionary: ActorDictionary) -> str | None:
    """"Iran's Supreme Leader X": the country before the possessive at ``i``."""
    if i < 1 or doc[i].text not in POSSESSIVE:
        return None
    for size in range(1, 4):
        if i - size < 0:
            break
        for alias in dictionary.candidates(token_table(doc).span(i - size, i)):
            entry = dictionary.entry(alias.key)
            if entry is not None and entry.kind != "person":
                return entry.country
    return None


def _rightmost_role(doc: Doc, words: list[int], dictionary: ActorDictionary) -> tuple[int, int] | None:
    """The longest role phrase (type person) among ``words``, preferring the rightmost."""
    best: tuple[int, int] | None = None
    for end in range(len(words), 0, -1):
        for begin in range(0, end):
            phrase = token_table(doc).span(words[begin], words[end - 1] + 1)
            if _role_type(dictionary, phrase) == "person":
                span = (words[begin], words[end - 1] + 1)
                if best is None or span[1] - span[0] > best[1] - best[0]:
                    best = span
        if best is not None:
            return best
    return None


@dataclass(frozen=True)
class Apposed:
    role: str
    country: str | None
    sectors: tuple[str, ...]
    code: str | None = None  # the named group or institution the person belongs to ("a Hamas spokesman")


def apposition(doc: Doc, head: Token, dictionary: ActorDictionary) -> Apposed | None:
    """"X, a special adviser ... to the speaker of Iran's parliament": role, country, sectors."""
    appos = next((c for c in head.children if c.dep_ == "appos"), None)
    if appos is None:
        return None
    tokens = [t for t in appos.subtree if t.dep_ != "det" or t.i != appos.left_edge.i][:16]
    possessive = next((n for n, t in enumerate(tokens[:4]) if t.text in POSSESSIVE
                       and all(x.pos_ in {"PROPN", "DET"} for x in tokens[:n])), None)
    role_tokens = tokens[possessive + 1:] if possessive is not None else tokens
    if not tokens:
        return None
    country, sectors, code = None, (), None
    for token in tokens:
        role = dictionary.role(token.lower_)
        if role is not None and role.type in {"person", "body"} and role.sectors:
            sectors = role.sectors
        match = _longest_at(doc, token.i, dictionary) if country is None else None
        if match is not None and match.aliases:
            entry = dictionary.entry(match.aliases[0].key)
            if entry is not None and entry.kind != "person" and entry.country:
                country = entry.country
                code = entry.code if entry.kind in {"group", "organisation"} and entry.sectors else None
    if not sectors or not role_tokens:
        return None
    return Apposed(token_table(doc).span(role_tokens[0].i, role_tokens[-1].i + 1), country, sectors, code)


# States, capitals, institutions ---------------------------------------------------------------


def named_mentions(
    doc: Doc, dictionary: ActorDictionary, matches: list[Match], taken: set[int], published: str | None,
    locate: Locate | None = None,
) -> list[Mention]:
    """Countries, demonyms, capitals (as governments), institutions and organisations."""
    found = []
    for match in matches:
        if any(i in taken for i in range(match.first, match.last)):
            continue
        mention = _named(doc, dictionary, match, published, locate)
        if mention is not None:
            found.append(mention)
    return found


def _named(doc: Doc, dictionary: ActorDictionary, match: Match, published: str | None,
           locate: Locate | None = None) -> Mention | None:
    alias = next((a for a in match.aliases if not _is_person(dictionary, a)), None)
    if alias is None:
        return None
    span = doc[match.first:match.last]
    if alias.form == "place":  # "New Mexico": a place of its country, never Mexico
        return make_mention(doc, match.first, match.last, "place", None, country=alias.key)
    if alias.form == "capital":
        if _names_something_else(span.root):
            return None
        if is_locative(span.root):
            return make_mention(doc, match.first, match.last, "place", None, country=alias.key)
        return make_mention(doc, match.first, match.last, "capital", dictionary.government(alias.key))
    entry = dictionary.entry(alias.key, published)
    if entry is None:
        return None
    if alias.form == "demonym":
        if is_people_noun(span.root):
            return people_mention(doc, dictionary, match, entry, locate)
        return make_mention(doc, match.first, match.last, "demonym", entry, country=entry.country)
    if entry.key in REGIONS and is_locative(span.root):
        return None
    first = match.first - 1 if match.first > 0 and _determiner_of(doc[match.first - 1], match) else match.first
    return make_mention(doc, first, match.last, "name", entry, country=entry.country)


def is_people_noun(token: Token) -> bool:
    """A demonym standing for people ("Albanians demonstrated", "killed four Iraqis"), not an adjective."""
    return token.dep_ not in {"amod", "compound", "npadvmod", "poss"} and token.pos_ in {"PROPN", "NOUN"} \
        and token.text.endswith("s")


def people_mention(doc: Doc, dictionary: ActorDictionary, match: Match, entry: Entry,
                   locate: Locate | None = None) -> Mention:
    """People named by a demonym. A country written before them or the place they are in decides their
    country ("Iraqi Kurds", "Albanians of southern Serbia"); "ethnic Albanians" with no place are left to
    coreference (the article's main other country); otherwise they are the demonym's people ("Iraqis")."""
    token = doc[match.last - 1]
    qualifier = next((c for c in token.lefts if c.dep_ in {"amod", "compound"}), None)
    country = _country_at(doc, qualifier.i, dictionary) if qualifier is not None else None
    first = qualifier.i if country else match.first
    ethnic = any(c.lower_ == "ethnic" for c in token.lefts)
    country = country or place_after(doc, token, dictionary, locate)
    if country is None and ethnic:
        return make_mention(doc, match.first, match.last, "ethnic", None, country=entry.country)
    if country is None or country == entry.country:
        return make_mention(doc, match.first, match.last, "demonym", entry, country=entry.country)
    group = people_entry(dictionary, country, token_table(doc).span(first, match.last))
    return make_mention(doc, first, match.last, "group", group, country=country)


def people_entry(dictionary: ActorDictionary, country: str, text: str) -> Entry:
    """A group of people of ``country`` named by what they are ("Bosnian Serbs", "ethnic Albanians")."""
    name = f"{text} ({dictionary.countries[country].name})" if country in dictionary.countries else text
    return Entry(f"{country}:people:{fold(text)}", name, country + "CVL", country, ("CVL",), "group")


def _country_at(doc: Doc, i: int, dictionary: ActorDictionary, forms: frozenset[str] = PLACE_FORMS | {"demonym"}
                ) -> str | None:
    """The country of the state, capital (or demonym) written at token ``i`` (longest name first)."""
    match = _longest_at(doc, i, dictionary)
    return _match_country(match, dictionary, forms) if match else None


def _match_country(match: Match, dictionary: ActorDictionary, forms: frozenset[str]) -> str | None:
    """The country of the state or state body a dictionary match names in one of ``forms``."""
    for alias in (a for a in match.aliases if a.form in forms):
        if alias.form == "place":
            return alias.key
        entry = dictionary.entry(alias.key)
        if entry is not None and entry.kind in {"state", "organisation"} and entry.country:
            return entry.country
    return None


def place_after(doc: Doc, token: Token, dictionary: ActorDictionary, locate: Locate | None = None) -> str | None:
    """The country of a place phrase after ``token``: "rebels in the Ivory Coast", "police in Baghdad",
    and with ``locate`` "rebels in Arica" (CHL)."""
    for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            first, last = obj.left_edge.i, obj.right_edge.i + 1
            country = _first_country(doc, first, last, dictionary, locate) or _first_located(doc, first, last, locate)
            if country:
                return country
    return None


def _first_located(doc: Doc, first: int, last: int, locate: Locate | None) -> str | None:
    """The country ``locate`` gives the first place entity in tokens ``[first, last)``."""
    if locate is None:
        return None
    for i in range(first, last):
        place = place_entity(doc[i])
        country = locate(place.text) if place is not None else None
        if country:
            return country
    return None


def place_entity(token: Token) -> Span | None:
    """The place a proper noun is written in: its GPE or LOC entity without a leading "the" ("Tacna",
    "the West Bank"); None for other words, so that common nouns never become places."""
    if token.ent_type_ not in PLACE_ENTITIES or token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if entity is None:
        return None
    start = entity.start + 1 if entity[0].lower_ == "the" else entity.start
    return token.doc[start:entity.end]


def _first_country(doc: Doc, first: int, last: int, dictionary: ActorDictionary,
                   locate: Locate | None = None) -> str | None:
    """The country of the first state or capital named in tokens ``[first, last)``, reading each name
    whole: "America" in "Latin America" is no name of its own."""
    i = first
    while i < last:
        match = _longest_at(doc, i, dictionary, locate) if _can_start(doc[i]) else None
        country = _match_country(match, dictionary, PLACE_FORMS) if match else None
        if country:
            return country
        i = match.last if match else i + 1
    return None


def _determiner_of(token: Token, match: Match) -> bool:
    """"the" in "the United States", "the Kremlin" belongs to the name."""
    return token.lower_ == "the" and (match.first <= token.head.i < match.last or not token.doc.has_annotation("DEP"))


def _names_something_else(token: Token) -> bool:
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


# Bodies, groups and descriptions --------------------------------------------------------------


def noun_mentions(doc: Doc, dictionary: ActorDictionary, named: list[Mention], taken: set[int],
                  anchors: Sequence[Mention] = (), locate: Locate | None = None) -> list[Mention]:
    """Role nouns qualified by a country or institution ("Iran's parliament", "European firms"), groups
    and bodies ``locate`` places ("Arica police"), and descriptions whose country a phrase after them
    gives ("a top adviser to Iran's Supreme Leader X")."""
    owners = {i: m for m in named for i in range(m.first, m.last) if m.entry is not None}
    posts = {i: m for m in anchors for i in range(m.first, m.last) if m.entry is not None}
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        mentions = [] if i in taken else _qualified_noun(doc, i, dictionary, owners, posts, locate)
        found.extend(mentions)
        i = max((m.last for m in mentions), default=i + 1)
    return found


def _role_at(doc: Doc, i: int, dictionary: ActorDictionary) -> tuple[int, Role] | None:
    """The role phrase ending at token ``i`` (two words first: "foreign ministry", "security forces")."""
    if not dictionary.may_end_role(token_table(doc).lower[i]) or doc[i].pos_ not in {"NOUN", "PROPN", ""}:
        return None
    for size in (3, 2, 1):
        if i - size + 1 < 0:
            continue
        role = dictionary.role(token_table(doc).span(i - size + 1, i + 1))
        if role is not None and role.type in {"person", "body", "group"}:
            return i - size + 1, role
    return None


def _qualified_noun(doc: Doc, i: int, dictionary: ActorDictionary, owners: dict[int, Mention],
                    posts: dict[int, Mention], locate: Locate | None = None) -> list[Mention]:
    found = _role_at(doc, i, dictionary)
    if found is None or (doc[i].dep_ == "compound" and doc[i].head.i > i):
        return []
    role_first, role = found
    qualifiers = _owners(doc, doc[i], role_first, owners)
    if not qualifiers:
        located = _located(doc, role_first, i, role, dictionary, owners, locate)
        if located is not None:
            return [located]
        return _postmodified(doc, role_first, i, role, posts) or _bare_description(doc, role_first, i, role)
    owner, owner_first = qualifiers[-1]
    first = owner_first if owner_first is not None else role_first
    if role.type == "person":
        first = first - 1 if _article(doc, first) else first
        code = owner.entry.code if owner.entry.country is None else None
        return [make_mention(doc, first, i + 1, "description", None, role=role.label, country=owner.entry.country,
                             sectors=owner.entry.sectors or role.sectors, code=code)]
    partners = [make_mention(doc, m.first, m.last, role.type, body_entry(dictionary, m.entry, role),
                             country=m.entry.country) for m, _ in qualifiers[:-1]]
    return partners + [make_mention(doc, first, i + 1, role.type, body_entry(dictionary, owner.entry, role),
                                    country=owner.entry.country)]


def _located(doc: Doc, role_first: int, i: int, role: Role, dictionary: ActorDictionary,
             owners: dict[int, Mention], locate: Locate | None = None) -> Mention | None:
    """A group or body whose country is where it is or who leads it: "rebels in the Ivory Coast",
    "police in Baghdad", "Vietnamese-led forces", and with ``locate`` "Arica police", "rebels in Tacna"."""
    if role.type not in {"group", "body"}:
        return None
    if a_peoples_state_body(doc[i], role_first, role.sectors, dictionary):
        return None
    first, country = _place_before(doc[i], role_first, locate) or (role_first, None)
    country = country or _led_by(doc, doc[i], role_first, owners) or place_after(doc, doc[i], dictionary, locate)
    state = dictionary.entry(country) if country else None
    if state is None:
        return None
    return make_mention(doc, first, i + 1, role.type, body_entry(dictionary, state, role), country=country)


def _place_before(noun: Token, role_first: int, locate: Locate | None) -> tuple[int, str] | None:
    """"Arica police", "South Tacna rebels": a place written before a group or body, where its
    mention starts and the country ``locate`` gives it."""
    if locate is None:
        return None
    for child in noun.lefts:
        place = place_entity(child) if child.i < role_first and child.dep_ in {"compound", "nmod"} else None
        country = locate(place.text) if place is not None else None
        if place is not None and country:
            return place.start, country
    return None


def a_peoples_state_body(noun: Token, role_first: int, sectors: Sequence[str], dictionary: ActorDictionary) -> bool:
    """Whether a state's body or force (``sectors``) is qualified, before ``role_first``, by the name of a
    people we know no state for ("Kurdish authorities", "Kurdish-led forces"): theirs, neither the
    article's main country's nor that of the state they are in. A movement named by its faith
    ("Islamic fundamentalists") is no state body and may well be the country's."""
    if not STATE_SECTORS & set(sectors):
        return False
    qualifiers = [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < role_first]
    words = [w for c in qualifiers for w in (c, *c.children) if w.ent_type_ == "NORP" and not in_stance(w)]
    return any(_country_at(noun.doc, w.i, dictionary) is None for w in words)


def _led_by(doc: Doc, noun: Token, role_first: int, owners: dict[int, Mention]) -> str | None:
    """"Vietnamese-led forces", "US-backed fighters": the country that leads or backs a group."""
    for child in noun.lefts:
        if child.i < role_first and child.lower_ in LEADING:
            owner = next((owners[c.i] for c in child.children if c.i in owners), None)
            if owner is None and child.i >= 2 and doc[child.i - 1].text == "-":
                owner = owners.get(child.i - 2)
            if owner is not None and owner.entry.country:
                return owner.entry.country
    return None


def _postmodified(doc: Doc, role_first: int, i: int, role: Role, posts: dict[int, Mention]) -> list[Mention]:
    """"a top adviser to Iran's Supreme Leader": a person description with the country of what follows."""
    if role.type != "person":
        return []
    for prep in (c for c in doc[i].rights if c.dep_ == "prep" and c.lower_ in {"to", "of", "for"}):
        objects = [t for c in prep.children if c.dep_ == "pobj" for t in c.subtree]
        anchor = next((posts[t.i] for t in objects if t.i in posts and posts[t.i].entry.country), None)
        if anchor is not None and anchor.entry.country:
            first = min(role_first, doc[i].left_edge.i)
            return [make_mention(doc, first, i + 1, "description", None, role=role.label,
                                 country=anchor.entry.country, sectors=role.sectors)]
    return []


def _bare_description(doc: Doc, role_first: int, i: int, role: Role) -> list[Mention]:
    """"the president", "President", "the government", "state media" with no country: left to coreference."""
    if role.type == "body" and (_article(doc, role_first) == "the" or doc[role_first].lower_ == "state"):
        first = role_first - 1 if _article(doc, role_first) else role_first
        return [make_mention(doc, first, i + 1, "body", None, role=role.label, sectors=role.sectors)]
    if role.type == "group" and doc[i].dep_ in {"nsubj", "nsubjpass"} and doc[role_first].lower_ not in NON_ACTORS:
        return [make_mention(doc, role_first, i + 1, "group", None, role=role.label, sectors=role.sectors)]
    if role.type != "person":
        return []
    if _article(doc, role_first) == "the":
        return [make_mention(doc, role_first - 1, i + 1, "description", None, role=role.label, sectors=role.sectors)]
    if doc[role_first].text[:1].isupper() and role_first > 0:
        return [make_mention(doc, role_first, i + 1, "description", None, role=role.label, sectors=role.sectors)]
    return []


def _article(doc: Doc, first: int) -> str | None:
    if first > 0 and doc[first - 1].lower_ in {"the", "a", "an"}:
        return doc[first - 1].lower_
    return None


def _owners(doc: Doc, noun: Token, role_first: int, owners: dict[int, Mention]) -> list[tuple[Mention, int | None]]:
    """The countries or institutions qualifying ``noun`` — an adjective, compound or possessive before it,
    with its conjuncts ("Chilean and Peruvian officials") — each with where the mention starts."""
    for child in noun.children:
        if child.i >= role_first or child.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
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
    kind = "group" if role.type == "group" else "organisation"
    code = country + "".join(sectors)
    return Entry(code, f"{adjective} {role.label}", code, country, sectors, kind)
