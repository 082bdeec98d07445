"""The actors stage: Actor records with stable ids, codes and non-overlapping exact mentions."""

from __future__ import annotations

from itertools import pairwise

import pytest

from eventwire.context import ArticleContext
from eventwire.ids import stable_id
from eventwire.lexicons.actors import ActorDictionary
from eventwire.lexicons.entries import Entry
from eventwire.stages.actors import find_actors
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.actors.locate import country_of, locator
from eventwire.stages.actors.mentions import Mention
from eventwire.stages.actors.named import names_a_currency
from eventwire.stages.actors.stage import ActorLookup, build_actor, is_coded, minimal_mentions
from eventwire.stages.places.gazetteer import Candidate, Gazetteer


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def actors_of(doc, dictionary, article_id: str, published: str | None = "2018-07-12", locate=None):
    """The actors stage on one Doc, with the dictionary and (optionally) a place locator."""
    return find_actors(ArticleContext.of(doc, article_id, published), ActorLookup(dictionary, locate))


# "Russian Energy Minister Alexander Novak met Wanjiru Odhiambo in Moscow . Novak said he backs Washington ."
STORY = ("Russian|ADJ|amod|2|B-NORP Energy|PROPN|compound|2 Minister|PROPN|compound|4 "
         "Alexander|PROPN|compound|4|B-PERSON Novak|PROPN|nsubj|5|I-PERSON met|VERB|ROOT|5 "
         "Wanjiru|PROPN|compound|7|B-PERSON Odhiambo|PROPN|dobj|5|I-PERSON in|ADP|prep|5 Moscow|PROPN|pobj|8|B-GPE "
         ".|PUNCT|punct|5 Novak|PROPN|nsubj|12|B-PERSON said|VERB|ROOT|12 he|PRON|nsubj|14 backs|VERB|ccomp|12 "
         "Washington|PROPN|dobj|14|B-GPE .|PUNCT|punct|12")


def test_find_actors_on_a_short_story(spec_doc, dictionary) -> None:
    doc = spec_doc(STORY)
    actors = actors_of(doc, dictionary, "story")
    by_name = {a.name: a for a in actors}
    # Wanjiru Odhiambo has no title and no country: no actor with an empty code is emitted for her.
    assert set(by_name) == {"Alexander Novak", "American government"}
    novak = by_name["Alexander Novak"]
    assert (novak.code, novak.country, novak.sectors, novak.kind, novak.role) == (
        "RUSGOV", "RUS", ("GOV",), "person", "Energy Minister")
    assert [m.text for m in novak.mentions] == ["Russian Energy Minister Alexander Novak", "Novak", "he"]
    assert novak.id == stable_id("act", "story", "alexander_novak")
    assert by_name["American government"].code == "USAGOV"
    for actor in actors:
        assert all(doc.text[m.start:m.end] == m.text for m in actor.mentions)


def test_ids_and_output_are_stable(spec_doc, dictionary) -> None:
    first = actors_of(spec_doc(STORY), dictionary, "a1")
    again = actors_of(spec_doc(STORY), dictionary, "a1")
    other = actors_of(spec_doc(STORY), dictionary, "a2")
    assert first == again
    assert {a.id for a in first}.isdisjoint({a.id for a in other})


def test_the_index_finds_the_actor_at_a_head_token(spec_doc, dictionary) -> None:
    doc = spec_doc(STORY)
    index = ActorIndex(actors_of(doc, dictionary, "story"))
    novak_token = doc[4]
    assert index.at(novak_token.idx, novak_token.idx + len(novak_token)).name == "Alexander Novak"
    moscow = doc[9]
    assert index.at(moscow.idx, moscow.idx + len(moscow)) is None


def _mention(start: int, end: int) -> Mention:
    return Mention(0, 1, 0, start, end, "x" * (end - start), "name", None)


@pytest.mark.parametrize("spans,kept", [
    ([(0, 10), (4, 8), (12, 14)], [(0, 10), (12, 14)]),
    ([(4, 8), (0, 5)], [(0, 5)]),
    ([(0, 3), (3, 6)], [(0, 3), (3, 6)]),
])
def test_minimal_mentions_drop_overlaps_keeping_the_longer(spans, kept) -> None:
    found = minimal_mentions([_mention(s, e) for s, e in spans])
    assert [(m.start, m.end) for m in found] == kept


def test_build_actor_prefers_an_entry_with_a_country() -> None:
    bare = Entry("person:x", "X", "", None, (), "person")
    known = Entry("person:x", "X", "KENGOV", "KEN", ("GOV",), "person")
    mentions = [Mention(0, 1, 0, 0, 1, "X", "name", bare), Mention(5, 6, 5, 9, 10, "X", "name", known, role="Envoy")]
    actor = build_actor("person:x", mentions, "art")
    assert (actor.code, actor.country, actor.role) == ("KENGOV", "KEN", "Envoy")


SEED_CODES = {
    "Ali Akbar Velayati": "IRNGOV", "Ali Khamenei": "IRNGOV", "Hassan Rouhani": "IRNGOV",
    "Vladimir Putin": "RUSGOV", "Alexander Novak": "RUSGOV", "Donald Trump": "USAGOV", "Mike Pompeo": "USAGOV",
    "Benjamin Netanyahu": "ISRGOV", "Bashar al-Assad": "SYRGOV",
}


@pytest.fixture(scope="module")
def seed_actors(nlp, dictionary):
    from conftest import shared_path

    text = shared_path("seed", "000_d0042f3ec4aaeb2c.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    return text, actors_of(doc, dictionary, "seed")


def _actor_at(actors, text: str, fragment: str, word: str):
    """The actor with a mention of ``word`` inside the first occurrence of ``fragment``."""
    start = text.index(fragment) + fragment.index(word)
    return next((a for a in actors for m in a.mentions if m.start <= start < m.end), None)


@pytest.mark.model
@pytest.mark.shared
def test_seed_people_are_coded(seed_actors) -> None:
    _, actors = seed_actors
    codes = {a.name: a.code for a in actors}
    for name, code in SEED_CODES.items():
        assert codes.get(name) == code, name
    assert codes["Hossein Amir-Abdollahian"].startswith("IRN")


@pytest.mark.model
@pytest.mark.shared
def test_seed_coreference(seed_actors) -> None:
    text, actors = seed_actors
    amir = next(a for a in actors if a.name == "Hossein Amir-Abdollahian")
    assert {"Hossein Amir-Abdollahian", "Amir-Abollahian"} <= {m.text for m in amir.mentions}
    velayati = next(a for a in actors if a.name == "Ali Akbar Velayati")
    assert _actor_at(actors, text, "He said he would deliver", "He") == velayati
    assert _actor_at(actors, text, "He said he would deliver", "he would") == velayati
    assert _actor_at(actors, text, "Velayati, who is also expected", "who") == velayati


@pytest.mark.model
@pytest.mark.shared
def test_seed_capitals(seed_actors) -> None:
    text, actors = seed_actors
    assert _actor_at(actors, text, "a visit to Moscow", "Moscow") is None
    washington = _actor_at(actors, text, "Washington says it will", "Washington")
    assert washington.code == "USAGOV"
    assert _actor_at(actors, text, "Washington says it will", "it will") == washington
    assert _actor_at(actors, text, "between Tehran and Damascus", "Tehran").code == "IRNGOV"


@pytest.mark.model
@pytest.mark.shared
def test_seed_mentions_are_exact_and_do_not_overlap_within_an_actor(seed_actors) -> None:
    text, actors = seed_actors
    for actor in actors:
        spans = [(m.start, m.end) for m in actor.mentions]
        assert all(text[m.start:m.end] == m.text for m in actor.mentions)
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), actor.name
    assert _actor_at(actors, text, "attacked Iranian targets", "Iranian").code == "IRN"
    assert _actor_at(actors, text, "European firms", "firms").code == "EURBUS"


@pytest.mark.parametrize("code,coded", [("RUSGOV", True), ("IGOUNO", True), ("", False), ("---GOV", False)])
def test_is_coded(code, coded) -> None:
    assert is_coded(code) is coded


def test_every_emitted_actor_has_a_code(spec_doc, dictionary) -> None:
    actors = actors_of(spec_doc(STORY), dictionary, "story")
    assert actors and all(is_coded(a.code) for a in actors)


def place(feature: str, country: str | None, population: int = 0) -> Candidate:
    return Candidate("Tarapaca", feature, country, 0.0, 0.0, None, population)


@pytest.mark.parametrize("candidates,expected", [
    ([place("region", "CHL")], "CHL"),  # a region lies in its country
    ([place("state", "CHL"), place("city", "PER", 900_000)], "CHL"),  # a state before towns of its name
    ([place("state", "CHL"), place("state", "PER")], None),  # states of one name in two countries
    ([place("region", None)], None),  # a region across borders
    ([place("city", "PER", 500_000), place("city", "BOL", 20_000)], "PER"),  # one country's towns hold most people
    ([place("city", "PER", 500_000), place("city", "BOL", 200_000)], None),  # towns of one name in two countries
    ([], None),
])
def test_country_of_a_place_only_when_its_candidates_agree(candidates, expected) -> None:
    assert country_of(candidates) == expected


def test_locator_reads_the_gazetteer() -> None:
    locate = locator(Gazetteer.load())
    assert (locate("Arica"), locate("Tacna"), locate("Qwertyvale")) == ("CHL", "PER", None)


def test_locator_knows_the_provinces_no_major_place_is_named_after() -> None:
    locate = locator(Gazetteer.load())
    assert (locate("Balochistan"), locate("Sindh"), locate("Oromia")) == ("PAK", "PAK", "ETH")
    assert locate("Western") is None  # a common word of news text names no province


def test_locator_tells_a_place_of_no_one_country_from_an_unknown_name() -> None:
    locate = locator(Gazetteer.load())
    assert (locate("North America"), locate("New Mexico"), locate("Qwertyvale")) == ("", "USA", None)


def test_find_actors_passes_locate_on(spec_doc, dictionary) -> None:
    # "Arica police arrested two men ."
    doc = spec_doc("Arica|PROPN|compound|1|B-GPE police|NOUN|nsubj|2 arrested|VERB|ROOT|2 two|NUM|nummod|4 "
                   "men|NOUN|dobj|2 .|PUNCT|punct|2")
    actors = actors_of(doc, dictionary, "a", locate={"Arica": "CHL"}.get)
    assert [(a.code, [m.text for m in a.mentions]) for a in actors] == [("CHLCOP", ["Arica police"])]


@pytest.mark.parametrize("words,tags,after,expected", [
    (["misused", "US", "$", "50", "million"], ["VBD", "NNP", "$", "CD", "CD"], 2, True),
    (["the", "US", "dollar", "fell"], ["DT", "NNP", "NN", "VBD"], 2, True),
    (["the", "US", "said"], ["DT", "NNP", "VBD"], 2, False),
    (["sanctions", "on", "Iran"], ["NNS", "IN", "NNP"], 3, False),
])
def test_a_states_name_before_a_currency_is_the_moneys(make_doc, words, tags, after, expected) -> None:
    assert names_a_currency(make_doc(words, tags=tags), after) is expected
