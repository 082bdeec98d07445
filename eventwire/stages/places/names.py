"""Toponym finding: the spans of a parsed article that name places.

Place names are recognised these ways:

1. named entities labelled GPE, LOC or FAC (a leading "the" and a trailing "'s" are dropped;
   demonyms such as "Iranian" are skipped);
2. entities the small model mislabels (ORG, PERSON, NORP...) whose exact text is a known toponym:
   countries, states and territories anywhere but in a person's name, other places only after a
   locative preposition ("in X", "to X", "from X") or a place noun ("the town of X");
3. gazetteer matching of capitalised names the model missed: multiword names ("West Bank",
   "New South Wales", divisions only the full gazetteer knows: "Nueva Ecija", and divisions with a
   generic word: "Osun State") and single names of countries, states, regions and large cities;
4. small towns the model missed or took for a person or a group, after a directional preposition ("in
   Slidell"; a person's name only after "in", "near" or "outside"; never a word of the calendar);
5. the dateline: the first words of the text when a known place, a state, "(" or a dash follow them
   ("NELSON, B.C. -");
6. facility and natural-feature names the model did not tag as places: capitalised words ending in a
   facility or feature noun ("Royal Street", "Karl Bremer Hospital"), never in a person's name;
7. names the gazetteer knows in a list with a place found, on either side ("Niger, Mali and Chad").

A name the model cut short stands for the known name it begins ("Trinidad" of "Trinidad and Tobago").

A single word the model tags as a place but the gazetteer does not know is kept only after a directional
preposition or a place noun ("in Qwerty", "the town of Qwerty"): elsewhere it is more often a person or a
firm the model took for a place.

Whatever found it, a one-word name is no place when the article gives a person's full name holding it
("Bolton" after "John Bolton"; never a country's name), or when news writes it mostly in lower case
("Mission", "West") and no directional preposition or place noun comes before it. An acronym of up to three
letters is a place only by an alias ("UK", never the town "Un" for "UN"); a single word the model did not tag
as a place is one only by a place's own name, an alias or a spelling of its name ("Luck" is not Lutsk).

A name that begins a facility's or natural feature's proper name ("the Israel Museum", "the Niger
Delta", "Lima International Airport"; the facility and feature nouns are shared with the actors
stage) stands for that whole name, not for the country or town in it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...casing import NewsCase
from ...context import ArticleContext
from ...lexicons import ordered_words, rows, words
from ...lexicons.actors import ActorDictionary
from ...nlp import entities
from ...settings import data_path
from ..tokens import PLACE_NAME_NOUNS, Words, in_stance, place_name_end, token_table
from .candidate import ALIAS_BONUS
from .gazetteer import Candidate, Gazetteer, normalise
from .persons import actor_names, in_title, lone_persons, organisation_countries, surnames

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that make the following name a place in any reading ("flew to X", "in X").
DIRECTIONAL_PREPS = frozenset({"in", "at", "near", "to", "from", "into", "across", "throughout", "outside",
                               "inside", "toward", "towards", "via", "through", "around", "within", "off"})
STRONG_FEATURES = frozenset({"country", "state", "territory", "continent", "region", "water"})
DIVISION_FEATURES = frozenset({"state", "county"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "i", "is", "an", "ans", "ic")
LIST_LINKS = frozenset({",", "and", "or"})  # between the names of a list of places
NAME_LINKS = frozenset({"of", "de", "do", "da", "du", "la", "le", "el", "al", "-", "and"})
MIN_SINGLE_CITY_POPULATION = 100_000
# After a dateline's place: an optional state, then "(Reuters)", a dash or a colon; a hyphen joined to a
# word after it is a compound's ("Vice-President Pence said"), no dateline's dash.
DATELINE_END = re.compile(r"\s*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\(|—|–|-(?![^\W\d_])|:)")
DATELINE_REACH = 3  # characters of the text that may stand before a dateline
MAX_DATELINE_TOKENS = 3
IN_PREPS = frozenset({"in", "near", "outside"})
PLACE_PREPS = frozenset({"in", "at", "near", "to", "into", "outside", "inside"})  # before a place, not a disease
TIME_WORDS = "time_words.tsv"
TIME_WORD_COLUMNS = ("word", "kind", "value")
CALENDAR_KINDS = frozenset({"month", "weekday", "holiday", "season"})
MAX_NAME_TOKENS = 5
SPELLING_STEM = 3  # first letters another name shares with a place's own name to count as a spelling of it
SHORT_ACRONYM = 3  # letters of an acronym that only an alias makes a place ("UK" yes, "UN" no)
COUNTRY_FEATURES = frozenset({"country", "continent"})


def recognise(context: ArticleContext, gazetteer: Gazetteer, dictionary: ActorDictionary | None = None) -> list[Span]:
    """Toponym spans, without overlaps, in text order; a name in a stance word ("anti-Chile") is none,
    and a name that begins a facility's or natural feature's name stands for that whole name ("the
    Israel Museum", "the Niger Delta"), never for the country or town written first; a name the model
    cut short stands for the whole of a known name it begins ("Trinidad and Tobago"). With the actor
    ``dictionary``, a name it knows only as an organisation's is none ("Nato")."""
    doc = context.doc
    taken = [False] * len(doc)
    spans: list[Span] = []
    dateline = _dateline(context, gazetteer)
    not_places = _NotPlaces.of(context, gazetteer, dictionary)
    names = name_words(context.doc)
    found = (*dateline, *_entity_places(doc, gazetteer), *_gazetteer_places(context, gazetteer),
             *_facility_names(doc, context.words, names))
    for span in found:
        span = _widened(span, gazetteer, names)
        end = place_name_end(context.words, span.end)
        if end is not None:
            span = doc[span.start:end]
        if any(taken[span.start:span.end]) or in_stance(context.words, span.start):
            continue
        if span not in dateline and not_places.excludes(span, gazetteer):
            continue
        spans.append(span)
        taken[span.start:span.end] = [True] * len(span)
    for span in _listed_places(context, gazetteer, spans, taken):
        if not_places.excludes(span, gazetteer):
            continue
        spans.append(span)
        taken[span.start:span.end] = [True] * len(span)
    return sorted(spans, key=lambda s: s.start)


def _widened(span: Span, gazetteer: Gazetteer, names: _NameWords) -> Span:
    """The longest known place name that ``span`` begins, where the model cut it short ("Trinidad" of
    "Trinidad and Tobago", "Baja" of "Baja California"): name words and links ("and", "de") after it."""
    doc = span.doc
    for end in range(min(len(doc), span.start + MAX_NAME_TOKENS), span.end, -1):
        if not names.name[end - 1] or any(not names.name[i] and not names.link[i] for i in range(span.end, end)):
            continue
        if gazetteer.lookup(doc[span.start:end].text):
            return doc[span.start:end]
    return span


def _listed_places(context: ArticleContext, gazetteer: Gazetteer, spans: list[Span], taken: list[bool]
                   ) -> list[Span]:
    """Names in a list with a place found ("in Zilina, Nitra, Presov and Kosice", "Suba, Migori and
    Kisumu"), that the gazetteer knows, not in a nationality's or a person's full name (a single name the
    model took for a person's is a place in a list of places: "Ghana, Togo and Benin"), not an acronym
    ("NATO") or a word of the calendar: each found one lets the next be looked for, on both sides."""
    doc, names = context.doc, name_words(context.doc)
    blocked = {t.i for ent in entities(doc) if ent.label_ == "NORP" or (ent.label_ == "PERSON" and len(ent) > 1)
               for t in ent}
    found: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        for step in (_next_listed, _previous_listed):
            edge: Span | None = span
            while edge is not None:
                listed = step(edge, names, taken)
                if listed is None or any(i in blocked for i in range(listed.start, listed.end)) \
                        or in_stance(context.words, listed.start) or listed.text.isupper() \
                        or listed.text.lower() in calendar_words() or not gazetteer.lookup_all(listed.text):
                    break
                found.append(listed)
                taken[listed.start:listed.end] = [True] * len(listed)
                edge = listed
    return found


def _next_listed(span: Span, names: _NameWords, taken: list[bool]) -> Span | None:
    """The name after ``span`` and a list link (", ", "and", ", and"), if any."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].lower_ not in LIST_LINKS:
        return None
    start = end + 2 if doc[end].text == "," and doc[end + 1].lower_ in {"and", "or"} else end + 1
    stop = start
    while stop < len(doc) and stop - start < MAX_NAME_TOKENS and names.name[stop] and not taken[stop]:
        stop += 1
    if stop < len(doc) and names.name[stop]:
        return None  # the start of a longer name
    return doc[start:stop] if stop > start else None


def _previous_listed(span: Span, names: _NameWords, taken: list[bool]) -> Span | None:
    """The name before a list link and ``span``, if any."""
    doc, stop = span.doc, span.start - 1
    if stop < 1 or doc[stop].lower_ not in LIST_LINKS:
        return None
    if doc[stop].lower_ in {"and", "or"} and doc[stop - 1].text == ",":
        stop -= 1
    start = stop
    while start > 0 and stop - start < MAX_NAME_TOKENS and names.name[start - 1] and not taken[start - 1]:
        start -= 1
    linked = start > 1 and names.link[start - 1] and names.name[start - 2]
    if linked or (start > 0 and (doc[start - 1].text == "-" or names.name[start - 1])):
        return None  # the end of a longer name: "Guinea-Bissau", "Rio Grande do Sul", "Florida Atlantic University"
    return doc[start:stop] if stop > start else None


def _dateline(context: ArticleContext, gazetteer: Gazetteer) -> list[Span]:
    """The place of the article's dateline, whatever the model made of it ("NELSON, B.C. -", "Albany,
    N.Y. (AP) -"): the first words of the text, when a known place, a state, a dash or "(" follow."""
    doc, text = context.doc, context.text
    first = next((t.i for t in doc if not t.is_space), None)
    if first is None or doc[first].idx > DATELINE_REACH or not doc[first].is_alpha:
        return []
    if not (doc[first].is_title or doc[first].is_upper):
        return []
    for end in range(min(len(doc), first + MAX_DATELINE_TOKENS), first, -1):
        span = doc[first:end]
        if DATELINE_END.match(text, span.end_char) and gazetteer.lookup_all(span.text):
            return [span]
    return []


def named_by_place_noun(span: Span) -> bool:
    """"the town of Arica", "the province of Tacna": the name a place noun gives."""
    doc = span.doc
    noun = doc[span.start - 2] if span.start > 1 else None
    return (noun is not None and doc[span.start - 1].lower_ == "of"
            and (noun.lemma_ or noun.lower_).lower() in words("place_nouns"))


def _entity_places(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    found = []
    for ent in entities(doc):
        span = _trim(ent)
        if span is None:
            continue
        known = _known(gazetteer, span.text, len(span), ent.label_ in PLACE_LABELS)
        if ent.label_ in PLACE_LABELS:
            if known or (not _looks_like_demonym(span) and _unknown_place(span, gazetteer)):
                found.append(span)
        elif known and _mislabelled_place(span, ent.label_, known):
            found.append(span)
        elif _small_place(span, ent.label_) and gazetteer.lookup_all(span.text):
            found.append(span)  # a small town the model took for a person or a group: "in Slidell"
    return found


def _mislabelled_place(span: Span, label: str, known: list[Candidate]) -> bool:
    """A non-place entity whose text is a toponym used as one."""
    if label in NOT_PLACE_LABELS:
        return False
    after_preposition = _after_preposition(span)
    strong = known[0].feature in STRONG_FEATURES | DIVISION_FEATURES
    # a person is rarely called by a region's full name of several words ("Tamil Nadu")
    named_region = strong and (label != "PERSON" or (len(span) > 1 and known[0].prior > 0.0))
    return after_preposition or named_region or (label != "PERSON" and named_by_place_noun(span))


def _unknown_place(span: Span, gazetteer: Gazetteer) -> bool:
    """Whether a place entity of the model is one: a name the full gazetteer knows, a facility's, one of
    several words, or a single word after a directional preposition or a place noun ("in Qwerty");
    a single unknown word elsewhere is more often a person or a firm the model took for a place."""
    return (bool(gazetteer.lookup_all(span.text)) or span.label_ == "FAC" or len(span) > 1
            or _after_preposition(span) or named_by_place_noun(span))


def _after_preposition(span: Span) -> bool:
    """A name right after a directional preposition ("in X", "to X"; not "according to X"), or a person's
    home town ("Jane Doe of X", "Jane Doe, 45, of X")."""
    before = span.doc[span.start - 2:span.start].text.lower() if span.start > 1 else ""
    return (span.start > 0 and span.doc[span.start - 1].lower_ in DIRECTIONAL_PREPS and before != "according to"
            ) or _home_town(span)


def _home_town(span: Span) -> bool:
    """A name after "of" and a person's name, or a person's name and age ("Jane Doe, 45, of X")."""
    doc, start = span.doc, span.start
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    person = doc[start - 2]
    if person.text == "," and start > 4 and doc[start - 3].like_num and doc[start - 4].text == ",":
        person = doc[start - 5]  # "Jane Doe, 45, of X"
    return person.ent_type_ == "PERSON"


def _small_place(span: Span, label: str) -> bool:
    """Whether a name the model did not tag as a place may be a small town: after a directional
    preposition, not a date or number, not a word of the calendar ("in March"); a person's name only
    right after "in" or "near" ("in Slidell", never "to Olivia")."""
    if label in NOT_PLACE_LABELS or span.text.isupper() or span.text.lower() in calendar_words():
        return False
    if not _after_preposition(span):
        return False
    return label != "PERSON" or span.doc[span.start - 1].lower_ in IN_PREPS


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Months, weekdays, holidays and seasons (``time_words.tsv``): never a town's name in running text."""
    return frozenset(row["word"] for row in rows(data_path(TIME_WORDS), TIME_WORD_COLUMNS)
                     if row["kind"] in CALENDAR_KINDS)


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


@dataclass(frozen=True)
class _NotPlaces:
    """What makes a name (mostly a one-word one) no toponym in its article, whatever found it:

    - it is a word of a person's full name the article gives ("Bolton" after "John Bolton"), or a name it gives
      after an honorific or a person's title ("Mr Hamm"), unless it is a country's name the model did not take
      for a person's (the person named "Israel Katz" leaves Israel a place, "Chad Smith" makes the "Chad" the
      model calls a person no country); a "person" whose name begins with a place other than a country or
      with a common word is more often a team, a firm or a place the model mislabelled ("Seattle Seahawks",
      "Village Malakal") and counts for none, unless the article names it by its last word alone as a
      person ("Yuki Oshima ... Oshima said");
    - it begins a title with the words after it ("Vice-President", "Vice President");
    - it is, or begins, a name the actors stage found as an organisation's, a group's or a person's in the
      article ("Nato", "Hamas fighters"), or a town's name the actor dictionary knows only as an organisation's,
      unless the gazetteer's best reading of it is a country, a state, a region or a landmark, or it names a
      place in that actor's country (a capital for its government: "Moscow said");
    - news writes it mostly in lower case ("Mission", "Surprise", "West"), unless a directional preposition
      or a place noun comes before it ("in Mission", "the town of Surprise");
    - the article names a disease after it ("Marburg virus", "Lassa fever"): a name of any length right before
      a disease noun is none (a country's name stays a place: "the United States flu season"), and a one-word
      one is none elsewhere in the article ("died of Marburg") unless "in", "at", "near", "to" or a place noun
      comes before it ("flown to Marburg").
    """

    person_words: frozenset[str]
    disease_words: frozenset[str] = frozenset()
    actor_names: Mapping[int, tuple[int, str | None]] = field(default_factory=dict)
    dictionary: ActorDictionary | None = None

    @classmethod
    def of(cls, context: ArticleContext, gazetteer: Gazetteer, dictionary: ActorDictionary | None) -> _NotPlaces:
        doc, news = context.doc, NewsCase.load()
        alone_named = surnames(doc)
        alone = lone_persons(doc) | alone_named
        people = [ent for ent in entities(doc)
                  if ent.label_ == "PERSON" and len(ent) > 1 and not gazetteer.lookup(ent.text)
                  and (not _begins_with_town(ent, gazetteer) or ent[-1].lower_ in alone)
                  and not news.is_common(ent[0].lower_)]
        table = context.words
        diseases = frozenset(table.lower[i] for i in range(len(doc) - 1)
                             if table.titled[i] and _disease_noun(table.lower[i + 1], table.token(i + 1)))
        words = frozenset(t.lower_ for ent in people for t in ent if t.is_alpha and t.is_title) | alone_named
        return cls(words, diseases, actor_names(context.index) if context.actor_index is not None else {}, dictionary)

    def excludes(self, span: Span, gazetteer: Gazetteer) -> bool:
        if span.end < len(span.doc) and _names_disease(span.doc[span.end]):
            known = gazetteer.lookup(span.text)
            return not (known and known[0].feature in COUNTRY_FEATURES)  # "the United States flu season"
        actor = self.actor_names.get(span.start_char)
        if actor is not None and span.end_char <= actor[0]:  # "Nato", "Hamas fighters"; "Moscow said" is Moscow
            return not _place_of(gazetteer.lookup(span.text), {actor[1]})
        organisation = organisation_countries(self.dictionary, span.text) if self.dictionary is not None else None
        if organisation is not None and gazetteer.lookup_all(span.text):  # a town that spells it ("Nato")
            return not _place_of(gazetteer.lookup(span.text), organisation)
        if len(span) != 1:
            return False
        if in_title(span):
            return True
        word = span[0].lower_
        if word in self.disease_words:
            return not (span.start > 0 and span.doc[span.start - 1].lower_ in PLACE_PREPS) \
                and not named_by_place_noun(span)
        if word in self.person_words:
            known = gazetteer.lookup(span.text)
            return span[0].ent_type_ == "PERSON" or not (known and known[0].feature in COUNTRY_FEATURES)
        placed = _after_preposition(span) or named_by_place_noun(span)
        return span[0].is_title and not placed and NewsCase.load().is_common(word)


def _place_of(known: list[Candidate], countries: Collection[str | None]) -> bool:
    """Whether a name an organisation or a person bears is a place all the same: the gazetteer reads it as a
    country, state, region or landmark, or knows a place by it in the bearer's country ("Moscow" said)."""
    return bool(known) and (known[0].feature in STRONG_FEATURES | {"landmark"}
                            or any(c.country in countries for c in known if c.country))


def _begins_with_town(ent: Span, gazetteer: Gazetteer) -> bool:
    """Whether a "person" begins with the name of a place other than a country: a state, a region or a large
    city ("Seattle Seahawks"); a smaller town's name is as often a given name ("Yuki Oshima")."""
    known = gazetteer.lookup(ent[0].text)
    return bool(known) and known[0].feature not in COUNTRY_FEATURES and (
        known[0].feature != "city" or known[0].population >= MIN_SINGLE_CITY_POPULATION)


def _names_disease(token: Token) -> bool:
    """A noun that makes the name before it a disease's ("virus", "fever", "ebolavirus")."""
    return _disease_noun(token.lower_, token.text)


def _disease_noun(lower: str, text: str) -> bool:
    return lower in words("disease_nouns") or (lower.endswith("virus") and text.islower())


@dataclass(frozen=True)
class _NameWords:
    """Per token of the article: whether it is a name word (capitalised, and alphabetic or with a dot),
    and whether it may link the words of a name ("of", "de", "-")."""

    name: list[bool]
    link: list[bool]

    @classmethod
    def of(cls, table: Words) -> _NameWords:
        text = table.text
        flags = zip(table.capital, table.alpha, table.starts, table.ends, strict=True)
        name = [capital and (alpha or "." in text[start:end]) for capital, alpha, start, end in flags]
        return cls(name, [lower in NAME_LINKS for lower in table.lower])


@lru_cache(maxsize=8)
def name_words(doc: Doc) -> _NameWords:
    """The :class:`_NameWords` of ``doc``, made once per Doc (Docs hash by identity): three finders read them."""
    return _NameWords.of(token_table(doc))


@dataclass(frozen=True)
class _Blocked:
    """Tokens no gazetteer name may use (in a person's or nationality's name) and the starts of
    organisation names shaped like a person's ("Paris Hilton")."""

    tokens: set[int]
    person_shaped: set[int]


def _gazetteer_places(context: ArticleContext, gazetteer: Gazetteer) -> list[Span]:
    """Capitalised names the model did not tag, matched longest first against the gazetteer, without a
    leading "The" ("The Moscow Times" holds "Moscow")."""
    doc = context.doc
    blocked = _Blocked({t.i for ent in entities(doc) if ent.label_ in {"PERSON", "NORP"} for t in ent},
                       {ent.start for ent in entities(doc) if ent.label_ == "ORG" and _person_shaped(ent)})
    names = name_words(context.doc)
    found = []
    table = context.words
    i = 0
    while i < len(doc):
        # as for entities, "the" is no part of a name: "The Moscow Times" holds "Moscow", "The Luck" is one word
        span = _longest_match(doc, i, gazetteer, blocked, names) if names.name[i] and table.lower[i] != "the" else None
        if span is None:
            i += 1
            continue
        found.append(span)
        i = span.end
    return found


FACILITY_BLOCKING_LABELS = frozenset({"PERSON", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


def _facility_names(doc: Doc, table: Words, names: _NameWords) -> list[Span]:
    """Capitalised names ending in a facility's or natural feature's noun that the model did not tag as a
    place ("Royal Street", "Karl Bremer Hospital", "the Mara River"): the whole name, without a leading "the",
    never in a person's, event's or work's name."""
    found = []
    lower = table.lower
    for last in range(len(doc)):
        if not (names.name[last] and lower[last] in PLACE_NAME_NOUNS) or doc[last].ent_type_ in PLACE_LABELS:
            continue
        start = last
        while start > 0 and last - start < MAX_NAME_TOKENS - 1 and names.name[start - 1] \
                and lower[start - 1] not in PLACE_NAME_NOUNS:
            start -= 1
        while start < last and lower[start] == "the":
            start += 1
        span = doc[start:last + 1]
        hyphened = start > 0 and doc[start - 1].text == "-"  # "Inter-State River Disputes Act"
        if len(span) > 1 and not hyphened and not any(t.ent_type_ in FACILITY_BLOCKING_LABELS for t in span):
            found.append(span)
    return found


def _person_shaped(ent: Span) -> bool:
    """An "organisation" of two plain names, likely a person the model mislabelled ("Paris Hilton")."""
    return len(ent) == 2 and all(t.is_title for t in ent) and ent[1].lower_ not in words("org_words")


def _longest_match(doc: Doc, start: int, gazetteer: Gazetteer, blocked: _Blocked, names: _NameWords) -> Span | None:
    """The longest known name from ``start``; at the start of a person-shaped organisation name
    only a country, state or region counts ("Iran Air" yes, "Paris Hilton" no)."""
    table = token_table(doc)
    if not names.name[start] or start in blocked.tokens:
        return None
    for end in range(min(len(doc), start + MAX_NAME_TOKENS), start, -1):
        if not names.name[end - 1] or any(i in blocked.tokens for i in range(start, end)):
            continue
        if any(not names.name[i] and not names.link[i] for i in range(start, end)):
            continue
        size = end - start
        known = _known(gazetteer, table.span(start, end), size, size == 1 and doc[start].ent_type_ in PLACE_LABELS)
        if not known or (start in blocked.person_shaped and known[0].feature not in STRONG_FEATURES):
            continue
        if size > 1 or _strong_single(known[0], doc[start]):
            return doc[start:end]
    if start in blocked.person_shaped or not _small_place(doc[start:start + 1], doc[start].ent_type_):
        return None
    for end in range(min(len(doc), start + MAX_NAME_TOKENS), start, -1):
        if all(names.name[i] and i not in blocked.tokens for i in range(start, end)) and gazetteer.lookup_all(
                table.span(start, end)):
            return doc[start:end]  # a small town or division after a preposition: "in Immokalee"
    return None


def _known(gazetteer: Gazetteer, text: str, size: int, tagged: bool) -> list[Candidate]:
    """The major places (and the divisions, for a name of several words) a name may refer to. An acronym of
    up to three letters names a place only by an alias ("UK"), never by a town's own name ("UN" is not Un); a
    single word the model did not tag as a place (``tagged``) only by a place's own name, an alias or a spelling
    of its name ("Misrata"), never by a name in another language or a former name ("Luck" is not Lutsk, "Drug"
    not Durg)."""
    known = gazetteer.lookup(text) or _divisions(gazetteer, text, size)
    if _short_acronym(text):
        known = [c for c in known if c.prior >= ALIAS_BONUS]
    if size == 1 and not tagged:
        known = [c for c in known if c.prior > 0.0 or _spelling(text, c.name)]
    return known


def _spelling(name: str, own: str) -> bool:
    """Whether ``name`` spells ``own`` in other letters: the same first letters, where a letter without a plain
    Latin form ("ł") matches any ("Pulawy" for Puławy, "Misrata" for Misratah; not "Luck" for Lutsk)."""
    pairs = list(zip(normalise(name), normalise(own), strict=False))[:SPELLING_STEM]
    return len(pairs) == SPELLING_STEM and all(a == b or not b.isascii() for a, b in pairs)


def _short_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return text.isupper() and len(letters) <= SHORT_ACRONYM


def _divisions(gazetteer: Gazetteer, text: str, size: int) -> list[Candidate]:
    """The states and provinces of a name of several words that only the full gazetteer knows ("Nueva Ecija"),
    or the place a name of several words is with a generic word ("Osun State", "Province of Bulacan"): a
    division, a country or a region."""
    if size < 2:
        return []
    found = [c for c in gazetteer.lookup_all(text) if c.feature in DIVISION_FEATURES]
    return found or [c for name in name_variants(text)[1:] for c in gazetteer.lookup_all(name)
                     if c.feature in DIVISION_FEATURES | STRONG_FEATURES]


def name_variants(text: str) -> list[str]:
    """The name itself, then the name without a generic word ("Orange County" -> "Orange")."""
    variants = [text]
    for word in ordered_words("generic_name_prefixes"):
        prefix = word + " "
        if text.startswith(prefix) and len(text) > len(prefix):
            variants.append(text[len(prefix):])
    for word in ordered_words("generic_name_suffixes"):
        suffix = " " + word
        if text.endswith(suffix) and len(text) > len(suffix):
            variants.append(text[: -len(suffix)])
    return variants


def _strong_single(best: Candidate, token: Token) -> bool:
    """A one-word name taken without the model's help: a country, state, region or large city; never a name's
    particle before more of it ("La" of "La Niña" is no Louisiana, "Al" of "Al Jazeera" no Alabama)."""
    if token.tag_ not in {"NNP", ""} and token.pos_ not in {"PROPN", ""}:
        return False
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    if token.lower_ in NAME_LINKS and following is not None and following.is_title:
        return False
    return best.feature in STRONG_FEATURES or best.population >= MIN_SINGLE_CITY_POPULATION
