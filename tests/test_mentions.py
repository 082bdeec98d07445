"""Named mentions on hand-built Docs: titles, capitals as governments, demonyms, bodies and groups."""

from __future__ import annotations

import pytest

from eventwire.context import ArticleContext
from eventwire.lexicons.actors import ActorDictionary
from eventwire.stages.actors.placenames import is_locative
from eventwire.stages.actors.stage import find_mentions


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def mentions_of(spec_doc, dictionary, spec: str, published: str | None = "2018-07-12"):
    doc = spec_doc(spec)
    return doc, find_mentions(ArticleContext.of(doc, published=published), dictionary)


TITLED = [
    # spec, published, mention text, code, role
    ("Russian|ADJ|amod|2|B-NORP Energy|PROPN|compound|2 Minister|PROPN|compound|4 Alexander|PROPN|compound|4|B-PERSON "
     "Novak|PROPN|nsubj|5|I-PERSON arrived|VERB|ROOT|5 .|PUNCT|punct|5",
     "2018-07-12", "Russian Energy Minister Alexander Novak", "RUSGOV", "Energy Minister"),
    ("Israeli|ADJ|amod|2|B-NORP Prime|PROPN|compound|2 Minister|PROPN|compound|4 Benjamin|PROPN|compound|4|B-PERSON "
     "Netanyahu|PROPN|nsubj|5|I-PERSON spoke|VERB|ROOT|5 .|PUNCT|punct|5",
     "2018-07-12", "Israeli Prime Minister Benjamin Netanyahu", "ISRGOV", "Prime Minister"),
    ("U.S.|PROPN|compound|1|B-GPE President|PROPN|compound|3 Donald|PROPN|compound|3|B-PERSON "
     "Trump|PROPN|nsubj|4|I-PERSON spoke|VERB|ROOT|4 .|PUNCT|punct|4",
     "2018-07-12", "U.S. President Donald Trump", "USAGOV", "President"),
    ("Kenyan|ADJ|amod|2|B-NORP Energy|PROPN|compound|2 Minister|PROPN|compound|4 Wanjiru|PROPN|compound|4|B-PERSON "
     "Odhiambo|PROPN|nsubj|5|I-PERSON spoke|VERB|ROOT|5 .|PUNCT|punct|5",
     "2018-07-12", "Kenyan Energy Minister Wanjiru Odhiambo", "KENGOV", "Energy Minister"),
    ("Secretary|PROPN|compound|4 of|ADP|prep|0 State|PROPN|pobj|1|B-ORG Mike|PROPN|compound|4|B-PERSON "
     "Pompeo|PROPN|nsubj|5|I-PERSON spoke|VERB|ROOT|5 .|PUNCT|punct|5",
     "2018-07-12", "Secretary of State Mike Pompeo", "USAGOV", "Secretary of State"),
    ("Mike|PROPN|compound|1|B-PERSON Pompeo|PROPN|nsubj|2|I-PERSON spoke|VERB|ROOT|2 .|PUNCT|punct|2",
     "2017-06-01", "Mike Pompeo", "USAGOV", None),
    ("Then|ADV|advmod|4 President|PROPN|compound|3 Vladimir|PROPN|compound|3|B-PERSON "
     "Putin|PROPN|nsubj|4|I-PERSON spoke|VERB|ROOT|4 .|PUNCT|punct|4",
     "2018-07-12", "President Vladimir Putin", "RUSGOV", "President"),
    ("Mr.|PROPN|compound|1 Putin|PROPN|nsubj|2|B-PERSON spoke|VERB|ROOT|2 .|PUNCT|punct|2",
     "2018-07-12", "Mr. Putin", "RUSGOV", None),
    ("Kremlin|PROPN|compound|1|B-ORG spokesman|NOUN|compound|3 Dmitry|PROPN|compound|3|B-PERSON "
     "Peskov|PROPN|nsubj|4|I-PERSON spoke|VERB|ROOT|4 .|PUNCT|punct|4",
     "2018-07-12", "Kremlin spokesman Dmitry Peskov", "RUSGOV", "spokesman"),
    ("Kremlin|PROPN|compound|1|B-ORG spokesman|NOUN|compound|3 Ivan|PROPN|compound|3|B-PERSON "
     "Petrovsky|PROPN|nsubj|4|I-PERSON spoke|VERB|ROOT|4 .|PUNCT|punct|4",
     "2018-07-12", "Kremlin spokesman Ivan Petrovsky", "RUSGOV", "spokesman"),
    ("Mike|PROPN|compound|1|B-PERSON Pompeo|PROPN|nsubj|2|I-PERSON spoke|VERB|ROOT|2 .|PUNCT|punct|2",
     "2023-06-01", "Mike Pompeo", "USAELI", None),
]


@pytest.mark.parametrize("spec,published,text,code,role", TITLED)
def test_title_before_a_name_is_one_mention_with_code_and_role(spec_doc, dictionary, spec, published, text, code,
                                                               role) -> None:
    doc, found = mentions_of(spec_doc, dictionary, spec, published)
    people = [m for m in found if m.entry is not None and m.entry.kind == "person"]
    assert [m.text for m in people] == [text]
    assert people[0].entry.code == code
    assert people[0].role == role
    assert doc.text[people[0].start:people[0].end] == text


CAPITALS = [
    # "Washington says it will act ."
    ("Washington|PROPN|nsubj|1|B-GPE says|VERB|ROOT|1 it|PRON|nsubj|4 will|AUX|aux|4 act|VERB|ccomp|1 "
     ".|PUNCT|punct|1", {"Washington": "USAGOV"}),
    # "He made a visit to Moscow ."
    ("He|PRON|nsubj|1 made|VERB|ROOT|1 a|DET|det|3 visit|NOUN|dobj|1 to|ADP|prep|3 Moscow|PROPN|pobj|4|B-GPE "
     ".|PUNCT|punct|1", {}),
    # "Officials met in Moscow ."
    ("Officials|NOUN|nsubj|1 met|VERB|ROOT|1 in|ADP|prep|1 Moscow|PROPN|pobj|2|B-GPE .|PUNCT|punct|1", {}),
    # "It is an issue between Tehran and Damascus ."
    ("It|PRON|nsubj|1 is|AUX|ROOT|1 an|DET|det|3 issue|NOUN|attr|1 between|ADP|prep|3 Tehran|PROPN|pobj|4|B-GPE "
     "and|CCONJ|cc|5 Damascus|PROPN|conj|5|B-GPE .|PUNCT|punct|1", {"Tehran": "IRNGOV", "Damascus": "SYRGOV"}),
    # "Tehran 's ties with Moscow grew ."
    ("Tehran|PROPN|poss|2|B-GPE 's|PART|case|0 ties|NOUN|nsubj|5 with|ADP|prep|2 Moscow|PROPN|pobj|3|B-GPE "
     "grew|VERB|ROOT|5 .|PUNCT|punct|5", {"Tehran": "IRNGOV", "Moscow": "RUSGOV"}),
]


@pytest.mark.parametrize("spec,expected", CAPITALS)
def test_capitals_are_governments_as_arguments_and_places_after_locatives(spec_doc, dictionary, spec,
                                                                         expected) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    capitals = {m.text: m.entry.code for m in found if m.form == "capital"}
    assert capitals == expected


STATES = [
    # "Israel has attacked Iranian targets ."
    ("Israel|PROPN|nsubj|2|B-GPE has|AUX|aux|2 attacked|VERB|ROOT|2 Iranian|ADJ|amod|4|B-NORP "
     "targets|NOUN|dobj|2 .|PUNCT|punct|2", {"Israel": "ISR", "Iranian": "IRN"}),
    # "The United States left the deal ."
    ("The|DET|det|2 United|PROPN|compound|2|B-GPE States|PROPN|nsubj|3|I-GPE left|VERB|ROOT|3 the|DET|det|5 "
     "deal|NOUN|dobj|3 .|PUNCT|punct|3", {"The United States": "USA"}),
    # "They visited us in Britain ." — "us" is no country; a country stays a state even as a place
    ("They|PRON|nsubj|1 visited|VERB|ROOT|1 us|PRON|dobj|1 in|ADP|prep|1 Britain|PROPN|pobj|3|B-GPE "
     ".|PUNCT|punct|1", {"Britain": "GBR"}),
    # "US sanctions hurt ."
    ("US|PROPN|compound|1|B-GPE sanctions|NOUN|nsubj|2 hurt|VERB|ROOT|2 .|PUNCT|punct|2", {"US": "USA"}),
]


@pytest.mark.parametrize("spec,expected", STATES)
def test_country_names_and_demonyms_are_state_mentions(spec_doc, dictionary, spec, expected) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert {m.text: m.entry.code for m in found if m.entry is not None and m.entry.kind == "state"} == expected


QUALIFIED = [
    # "European firms are reluctant ."
    ("European|ADJ|amod|1|B-NORP firms|NOUN|nsubj|2 are|AUX|ROOT|2 reluctant|ADJ|acomp|2 .|PUNCT|punct|2",
     "European firms", "EURBUS", "group"),
    # "Iran 's parliament voted ."
    ("Iran|PROPN|poss|2|B-GPE 's|PART|case|0 parliament|NOUN|nsubj|3 voted|VERB|ROOT|3 .|PUNCT|punct|3",
     "parliament", "IRNLEG", "organisation"),
    # "Israeli troops advanced ."
    ("Israeli|ADJ|amod|1|B-NORP troops|NOUN|nsubj|2 advanced|VERB|ROOT|2 .|PUNCT|punct|2",
     "Israeli troops", "ISRMIL", "group"),
    # "Russian leaders agreed ." — a group of a government is that government
    ("Russian|ADJ|amod|1|B-NORP leaders|NOUN|nsubj|2 agreed|VERB|ROOT|2 .|PUNCT|punct|2",
     "Russian leaders", "RUSGOV", "organisation"),
    # "Syrian protesters marched ."
    ("Syrian|ADJ|amod|1|B-NORP protesters|NOUN|nsubj|2 marched|VERB|ROOT|2 .|PUNCT|punct|2",
     "Syrian protesters", "SYRCVL", "group"),
    # "Sixteen Chilean civilian advisers were killed ." — an adjective between country and noun
    ("Sixteen|NUM|nummod|3 Chilean|ADJ|amod|3|B-NORP civilian|ADJ|amod|3 advisers|NOUN|nsubjpass|5 "
     "were|AUX|auxpass|5 killed|VERB|ROOT|5 .|PUNCT|punct|5", "Chilean civilian advisers", "CHLGOV", "organisation"),
    # "Bolivian military advisers arrived ."
    ("Bolivian|ADJ|amod|2|B-NORP military|ADJ|amod|2 advisers|NOUN|nsubj|3 arrived|VERB|ROOT|3 .|PUNCT|punct|3",
     "Bolivian military advisers", "BOLMIL", "group"),
    # "Peruvian factions agreed ."
    ("Peruvian|ADJ|amod|1|B-NORP factions|NOUN|nsubj|2 agreed|VERB|ROOT|2 .|PUNCT|punct|2",
     "Peruvian factions", "PERPTY", "group"),
    # "Bolivian officers rebelled ."
    ("Bolivian|ADJ|amod|1|B-NORP officers|NOUN|nsubj|2 rebelled|VERB|ROOT|2 .|PUNCT|punct|2",
     "Bolivian officers", "BOLMIL", "group"),
    # "Chilean peacekeepers left ."
    ("Chilean|ADJ|amod|1|B-NORP peacekeepers|NOUN|nsubj|2 left|VERB|ROOT|2 .|PUNCT|punct|2",
     "Chilean peacekeepers", "CHLMIL", "group"),
]


@pytest.mark.parametrize("spec,text,code,kind", QUALIFIED)
def test_role_nouns_qualified_by_a_country_are_bodies_and_groups(spec_doc, dictionary, spec, text, code,
                                                                 kind) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    bodies = [m for m in found if m.form in {"body", "group"}]
    assert [(m.text, m.entry.code, m.entry.kind) for m in bodies] == [(text, code, kind)]


def test_a_demonym_inside_a_group_is_not_a_separate_state_mention(spec_doc, dictionary) -> None:
    _, found = mentions_of(spec_doc, dictionary, QUALIFIED[0][0])
    assert not [m for m in found if m.form == "demonym"]


def test_apposition_gives_role_and_country_to_an_unknown_person(spec_doc, dictionary) -> None:
    # "Wanjiru Odhiambo , an adviser to Iran 's parliament , said ."
    spec = ("Wanjiru|PROPN|compound|1|B-PERSON Odhiambo|PROPN|nsubj|10|I-PERSON ,|PUNCT|punct|1 an|DET|det|4 "
            "adviser|NOUN|appos|1 to|ADP|prep|4 Iran|PROPN|poss|8|B-GPE 's|PART|case|6 parliament|NOUN|pobj|5 "
            ",|PUNCT|punct|1 said|VERB|ROOT|10 .|PUNCT|punct|10")
    _, found = mentions_of(spec_doc, dictionary, spec)
    person = next(m for m in found if m.entry is not None and m.entry.kind == "person")
    assert (person.text, person.entry.country, person.entry.code) == ("Wanjiru Odhiambo", "IRN", "IRNLEG")
    assert person.role.startswith("adviser to Iran")


def test_a_description_is_left_for_coreference(spec_doc, dictionary) -> None:
    # "the Iranian official said ."
    spec = "the|DET|det|2 Iranian|ADJ|amod|2|B-NORP official|NOUN|nsubj|3 said|VERB|ROOT|3 .|PUNCT|punct|3"
    _, found = mentions_of(spec_doc, dictionary, spec)
    description = next(m for m in found if m.form == "description")
    assert (description.text, description.country, description.entry) == ("the Iranian official", "IRN", None)


@pytest.mark.parametrize("index,expected", [(5, True), (0, False), (3, False)])
def test_is_locative(spec_doc, index, expected) -> None:
    # "Tehran planned a visit to Syria ." — "to Syria" after a motion noun is a place
    doc = spec_doc("Tehran|PROPN|nsubj|1 planned|VERB|ROOT|1 a|DET|det|3 visit|NOUN|dobj|1 "
                          "to|ADP|prep|3 Syria|PROPN|pobj|4 .|PUNCT|punct|1")
    assert is_locative(doc[index]) is expected


PLACED = [
    # "Rebels in Chad blocked roads ." — a group takes the country of where it is
    ("Rebels|NOUN|nsubj|3 in|ADP|prep|0 Chad|PROPN|pobj|1|B-GPE blocked|VERB|ROOT|3 roads|NOUN|dobj|3 "
     ".|PUNCT|punct|3", "Rebels", "TCDREB"),
    # "Police in Nairobi arrested two men ." — a capital as the place of a body
    ("Police|NOUN|nsubj|3 in|ADP|prep|0 Nairobi|PROPN|pobj|1|B-GPE arrested|VERB|ROOT|3 two|NUM|nummod|5 "
     "men|NOUN|dobj|3 .|PUNCT|punct|3", "Police", "KENCOP"),
    # "Students throughout Peru marched ."
    ("Students|NOUN|nsubj|3 throughout|ADP|prep|0 Peru|PROPN|pobj|1|B-GPE marched|VERB|ROOT|3 .|PUNCT|punct|3",
     "Students", "PEREDU"),
    # "Chilean - led troops crossed the river ." — the country that leads a group
    ("Chilean|PROPN|npadvmod|2|B-NORP -|PUNCT|punct|2 led|VERB|amod|3 troops|NOUN|nsubj|4 crossed|VERB|ROOT|4 "
     "the|DET|det|6 river|NOUN|dobj|4 .|PUNCT|punct|4", "troops", "CHLMIL"),
    # "Police in Northern Ireland arrested two men ." — Northern Ireland is part of the United Kingdom
    ("Police|NOUN|nsubj|4 in|ADP|prep|0 Northern|PROPN|compound|3|B-GPE Ireland|PROPN|pobj|1|I-GPE "
     "arrested|VERB|ROOT|4 two|NUM|nummod|6 men|NOUN|dobj|4 .|PUNCT|punct|4", "Police", "GBRCOP"),
]


@pytest.mark.parametrize("spec,text,code", PLACED)
def test_groups_take_the_country_of_their_place_or_leader(spec_doc, dictionary, spec, text, code) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    groups = [(m.text, m.entry.code) for m in found if m.form in {"body", "group"} and m.entry is not None]
    assert groups == [(text, code)]


def test_a_demonym_inside_a_place_phrase_is_not_the_place(spec_doc, dictionary) -> None:
    # "Rebels of the Peruvian - held valley marched ." names no place: the group is left to coreference
    spec = ("Rebels|NOUN|nsubj|7 of|ADP|prep|0 the|DET|det|6 Peruvian|ADJ|npadvmod|5|B-NORP -|PUNCT|punct|5 "
            "held|VERB|amod|6 valley|NOUN|pobj|1 marched|VERB|ROOT|7 .|PUNCT|punct|7")
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert [(m.text, m.entry) for m in found if m.form == "group"] == [("Rebels", None)]


def test_northern_ireland_is_never_ireland(spec_doc, dictionary) -> None:
    # "Northern Ireland police arrested two men ."
    spec = ("Northern|PROPN|compound|1|B-GPE Ireland|PROPN|compound|2|I-GPE police|NOUN|nsubj|3 "
            "arrested|VERB|ROOT|3 two|NUM|nummod|5 men|NOUN|dobj|3 .|PUNCT|punct|3")
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert {(m.text, m.entry.code) for m in found} == {("Northern Ireland", "GBR"),
                                                       ("Northern Ireland police", "GBRCOP")}


def test_a_country_name_inside_a_region_name_is_not_the_place(spec_doc, dictionary) -> None:
    # "Rebels from Latin America arrived ." — "America" is part of the region's name, not the United States
    spec = ("Rebels|NOUN|nsubj|4 from|ADP|prep|0 Latin|PROPN|compound|3|B-LOC America|PROPN|pobj|1|I-LOC "
            "arrived|VERB|ROOT|4 .|PUNCT|punct|4")
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert [(m.text, m.entry) for m in found if m.form == "group"] == [("Rebels", None)]


def joined_doc(make_doc, spec: str):
    """A Doc from a ``spec_doc`` spec whose "-" is written onto the words either side ("anti-Chile")."""
    rows = [item.split("|") for item in spec.split()]
    words = [r[0] for r in rows]
    spaces = [not (w == "-" or (i + 1 < len(words) and words[i + 1] in {"-", "."})) for i, w in enumerate(words)]
    return make_doc(words, spaces=spaces, pos=[r[1] for r in rows], deps=[r[2] for r in rows],
                    heads=[int(r[3]) for r in rows], ents=[r[4] if len(r) > 4 else "O" for r in rows])


STANCES = [
    # "A prominent anti-Chile journalist was killed ." — a stance, not the journalist's country
    "A|DET|det|5 prominent|ADJ|amod|5 anti|ADJ|amod|5 -|PUNCT|punct|5 Chile|PROPN|amod|5|B-GPE "
    "journalist|NOUN|nsubjpass|7 was|AUX|auxpass|7 killed|VERB|ROOT|7 .|PUNCT|punct|7",
    # "Pro-Peruvian separatists attacked ."
    "Pro|ADJ|amod|3|B-NORP -|PUNCT|punct|3|I-NORP Peruvian|ADJ|amod|3|I-NORP separatists|NOUN|nsubj|4 "
    "attacked|VERB|ROOT|4 .|PUNCT|punct|4",
    # "Anti-Bolivian officials met ." — not even a government's people
    "Anti|ADJ|amod|3|B-NORP -|PUNCT|punct|3|I-NORP Bolivian|ADJ|amod|3|I-NORP officials|NOUN|nsubj|4 "
    "met|VERB|ROOT|4 .|PUNCT|punct|4",
    # "The pro-Lima President Ana Quispe spoke ." — the capital in a stance gives the title no country
    "The|DET|det|6 pro|ADJ|amod|6 -|PUNCT|punct|6 Lima|PROPN|amod|6|B-GPE President|PROPN|compound|6 "
    "Ana|PROPN|compound|6|B-PERSON Quispe|PROPN|nsubj|7|I-PERSON spoke|VERB|ROOT|7 .|PUNCT|punct|7",
]


@pytest.mark.parametrize("spec", STANCES)
def test_a_name_after_anti_or_pro_is_a_stance_not_a_country(make_doc, dictionary, spec) -> None:
    doc = joined_doc(make_doc, spec)
    found = find_mentions(ArticleContext.of(doc, published="2018-07-12"), dictionary)
    assert [m for m in found if m.country or (m.entry is not None and m.entry.country)] == []


def test_a_stance_does_not_hide_the_country_after_it(make_doc, dictionary) -> None:
    # "Pro-Chile Peruvian troops advanced ."
    spec = ("Pro|ADJ|amod|4 -|PUNCT|punct|4 Chile|PROPN|amod|4|B-GPE Peruvian|ADJ|amod|4|B-NORP "
            "troops|NOUN|nsubj|5 advanced|VERB|ROOT|5 .|PUNCT|punct|5")
    found = find_mentions(ArticleContext.of(joined_doc(make_doc, spec), published="2018-07-12"), dictionary)
    assert [(m.text, m.entry.code) for m in found] == [("Peruvian troops", "PERMIL")]


FACILITIES = [
    # "Crowds filled the Chile Bridge ." — a country's name begins a facility's name
    ("Crowds|NOUN|nsubj|1 filled|VERB|ROOT|1 the|DET|det|4|B-FAC Chile|PROPN|compound|4|I-FAC "
     "Bridge|PROPN|dobj|1|I-FAC .|PUNCT|punct|1", {}),
    # "Africa Square was closed ." — so does a region's
    ("Africa|PROPN|compound|1|B-FAC Square|PROPN|nsubjpass|3|I-FAC was|AUX|auxpass|3 closed|VERB|ROOT|3 "
     ".|PUNCT|punct|3", {}),
    # "Lima International Airport reopened ." — and a capital's, with a modifier before the facility noun
    ("Lima|PROPN|compound|2|B-FAC International|PROPN|compound|2|I-FAC Airport|PROPN|nsubj|3|I-FAC "
     "reopened|VERB|ROOT|3 .|PUNCT|punct|3", {}),
    # "Ships crossed the Chile Strait ." — and a natural feature's
    ("Ships|NOUN|nsubj|1 crossed|VERB|ROOT|1 the|DET|det|4|B-LOC Chile|PROPN|compound|4|I-LOC "
     "Strait|PROPN|dobj|1|I-LOC .|PUNCT|punct|1", {}),
    # "Fans filled King Hussein Stadium ." — so does a dictionary person's
    ("Fans|NOUN|nsubj|1 filled|VERB|ROOT|1 King|PROPN|compound|4|B-FAC Hussein|PROPN|compound|4|I-FAC "
     "Stadium|PROPN|dobj|1|I-FAC .|PUNCT|punct|1", {}),
    # "Crowds left the Maria Lopez Hall ." — and a person's the model tags as one
    ("Crowds|NOUN|nsubj|1 left|VERB|ROOT|1 the|DET|det|5 Maria|PROPN|compound|4|B-PERSON "
     "Lopez|PROPN|compound|5|I-PERSON Hall|PROPN|dobj|1 .|PUNCT|punct|1", {}),
    # "Bolivia Air cancelled flights ." — a company named after its country is still the country's
    ("Bolivia|PROPN|compound|1|B-ORG Air|PROPN|nsubj|2|I-ORG cancelled|VERB|ROOT|2 flights|NOUN|dobj|2 "
     ".|PUNCT|punct|2", {"Bolivia": "BOL"}),
    # "Chile park rangers protested ." — a facility noun in lower case is no name
    ("Chile|PROPN|compound|2|B-GPE park|NOUN|compound|2 rangers|NOUN|nsubj|3 protested|VERB|ROOT|3 "
     ".|PUNCT|punct|3", {"Chile": "CHL"}),
]


@pytest.mark.parametrize("spec,expected", FACILITIES)
def test_a_name_that_begins_a_facility_name_is_no_actor(spec_doc, dictionary, spec, expected) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert {m.text: m.entry.code for m in found if m.entry is not None} == expected


PLACES = {"New Mexico": "USA", "Benin City": "NGA", "North America": "", "American Samoa": "ASM",
          "The United States": "USA", "Chilean Patagonia": "CHL"}

COVERED = [
    # "Protesters marched in New Mexico ." — a longer place name ending with a state's name is that place,
    # and the protesters marching there are of its country
    ("Protesters|NOUN|nsubj|1 marched|VERB|ROOT|1 in|ADP|prep|1 New|PROPN|compound|4|B-GPE "
     "Mexico|PROPN|pobj|2|I-GPE .|PUNCT|punct|1",
     [("Protesters", "group", "USACVL", "USA"), ("New Mexico", "place", None, "USA")]),
    # "Police in Benin City arrested two men ." — one starting with it, and a group there takes its country
    ("Police|NOUN|nsubj|4 in|ADP|prep|0 Benin|PROPN|compound|3|B-GPE City|PROPN|pobj|1|I-GPE "
     "arrested|VERB|ROOT|4 two|NUM|nummod|6 men|NOUN|dobj|4 .|PUNCT|punct|4",
     [("Police", "body", "NGACOP", "NGA"), ("Benin City", "place", None, "NGA")]),
    # "North American officials met ." — a demonym read through its state's name: a place of no one country
    ("North|ADJ|amod|2|B-NORP American|ADJ|amod|2|I-NORP officials|NOUN|nsubj|3 met|VERB|ROOT|3 .|PUNCT|punct|3",
     []),
    # "Officials in American Samoa met ." — a demonym starting a territory's name
    ("Officials|NOUN|nsubj|4 in|ADP|prep|0 American|PROPN|compound|3|B-GPE Samoa|PROPN|pobj|1|I-GPE "
     "met|VERB|ROOT|4 .|PUNCT|punct|4", [("Officials", "group", None, "ASM"), ("American Samoa", "place", None, "ASM")]),
    # "The United States agreed ." — an article is no part of a longer name
    ("The|DET|det|2|B-GPE United|PROPN|compound|2|I-GPE States|PROPN|nsubj|3|I-GPE agreed|VERB|ROOT|3 "
     ".|PUNCT|punct|3", [("The United States", "name", "USA", "USA")]),
    # "Peru visited Chilean Patagonia ." — a place inside the state its name names leaves the demonym its state
    ("Peru|PROPN|nsubj|1|B-GPE visited|VERB|ROOT|1 Chilean|ADJ|amod|3|B-NORP Patagonia|PROPN|dobj|1|B-LOC "
     ".|PUNCT|punct|1", [("Peru", "name", "PER", "PER"), ("Chilean", "demonym", "CHL", "CHL")]),
    # "Ships left new Mexico ports ." — nor a word in lower case
    ("Ships|NOUN|nsubj|1 left|VERB|ROOT|1 new|ADJ|amod|4 Mexico|PROPN|compound|4|B-GPE ports|NOUN|dobj|1 "
     ".|PUNCT|punct|1", [("Mexico", "name", "MEX", "MEX")]),
]


@pytest.mark.parametrize("spec,expected", COVERED)
def test_a_longer_place_name_around_a_state_name_wins(spec_doc, dictionary, spec, expected) -> None:
    found = find_mentions(ArticleContext.of(spec_doc(spec), published="2018-07-12"), dictionary, locate=PLACES.get)
    assert [(m.text, m.form, m.entry and m.entry.code, m.country) for m in found
            if m.entry is not None or m.country] == expected


@pytest.mark.parametrize("spec,code", [
    # "Mexico City condemned the attack ." — a capital holding its country's name stands for the government
    ("Mexico|PROPN|compound|1|B-GPE City|PROPN|nsubj|2|I-GPE condemned|VERB|ROOT|2 the|DET|det|4 "
     "attack|NOUN|dobj|2 .|PUNCT|punct|2", "MEXGOV"),
    ("Kuwait|PROPN|compound|1|B-GPE City|PROPN|nsubj|2|I-GPE condemned|VERB|ROOT|2 the|DET|det|4 "
     "attack|NOUN|dobj|2 .|PUNCT|punct|2", "KWTGOV"),
    ("Guatemala|PROPN|compound|1|B-GPE City|PROPN|nsubj|2|I-GPE condemned|VERB|ROOT|2 the|DET|det|4 "
     "attack|NOUN|dobj|2 .|PUNCT|punct|2", "GTMGOV"),
])
def test_a_capital_named_after_its_country_is_the_government(spec_doc, dictionary, spec, code) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert [(m.form, m.entry.code) for m in found] == [("capital", code)]


TOWNS = {"Arica": "CHL", "Tacna": "PER", "South Tacna": "PER"}

LOCATED = [
    # "Arica police arrested two men ." — a town before a body gives its country
    ("Arica|PROPN|compound|1|B-GPE police|NOUN|nsubj|2 arrested|VERB|ROOT|2 two|NUM|nummod|4 men|NOUN|dobj|2 "
     ".|PUNCT|punct|2", [("Arica police", "CHLCOP")]),
    # "South Tacna rebels attacked ." — a place name of several words
    ("South|PROPN|compound|1|B-LOC Tacna|PROPN|compound|2|I-LOC rebels|NOUN|nsubj|3 attacked|VERB|ROOT|3 "
     ".|PUNCT|punct|3", [("South Tacna rebels", "PERREB")]),
    # "Rebels in Tacna attacked ." — a town after a group
    ("Rebels|NOUN|nsubj|3 in|ADP|prep|0 Tacna|PROPN|pobj|1|B-GPE attacked|VERB|ROOT|3 .|PUNCT|punct|3",
     [("Rebels", "PERREB")]),
    # "Arica rebels attacked ." — a name the parser does not call a place is none
    ("Arica|PROPN|compound|1|B-ORG rebels|NOUN|nsubj|2 attacked|VERB|ROOT|2 .|PUNCT|punct|2", [("rebels", None)]),
]


@pytest.mark.parametrize("spec,expected", LOCATED)
def test_groups_take_the_country_of_a_place_the_gazetteer_knows(spec_doc, dictionary, spec, expected) -> None:
    doc = spec_doc(spec)
    found = find_mentions(ArticleContext.of(doc, published="2018-07-12"), dictionary, locate=TOWNS.get)
    assert [(m.text, m.entry and m.entry.code) for m in found if m.form in {"body", "group"}] == expected


def test_without_locate_a_town_gives_no_country(spec_doc, dictionary) -> None:
    _, found = mentions_of(spec_doc, dictionary, LOCATED[0][0])
    assert [m for m in found if m.country or m.entry is not None] == []


def test_only_proper_place_names_are_located(spec_doc, dictionary) -> None:
    # "Mountain rebels attacked ." — a common noun is never looked up
    spec = "Mountain|NOUN|compound|1 rebels|NOUN|nsubj|2 attacked|VERB|ROOT|2 .|PUNCT|punct|2"
    found = find_mentions(ArticleContext.of(spec_doc(spec), published="2018-07-12"), dictionary, locate=lambda name: "CHL")
    assert [(m.text, m.entry) for m in found] == [("rebels", None)]


PEOPLES = [
    # "Bosnian Serbs demanded a truce ." — the country written before a people
    ("Bosnian|ADJ|amod|1|B-NORP Serbs|PROPN|nsubj|2|B-NORP demanded|VERB|ROOT|2 a|DET|det|4 truce|NOUN|dobj|2 "
     ".|PUNCT|punct|2", "Bosnian Serbs", "group", "BIHCVL"),
    # "Albanians of Greece marched ." — the place they are in
    ("Albanians|PROPN|nsubj|3|B-NORP of|ADP|prep|0 Greece|PROPN|pobj|1|B-GPE marched|VERB|ROOT|3 .|PUNCT|punct|3",
     "Albanians", "group", "GRCCVL"),
    # "Troops killed four Iraqis ." — a plain people is the demonym's state
    ("Troops|NOUN|nsubj|1 killed|VERB|ROOT|1 four|NUM|nummod|3 Iraqis|PROPN|dobj|1|B-NORP .|PUNCT|punct|1",
     "Iraqis", "demonym", "IRQ"),
]


@pytest.mark.parametrize("spec,text,form,code", PEOPLES)
def test_peoples_named_by_a_demonym(spec_doc, dictionary, spec, text, form, code) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert (text, form, code) in [(m.text, m.form, m.entry.code) for m in found if m.entry is not None]


def test_ethnic_people_without_a_place_are_left_to_coreference(spec_doc, dictionary) -> None:
    # "ethnic Albanians marched ."
    spec = "ethnic|ADJ|amod|1 Albanians|PROPN|nsubj|2|B-NORP marched|VERB|ROOT|2 .|PUNCT|punct|2"
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert [(m.text, m.form, m.entry, m.country) for m in found] == [("Albanians", "ethnic", None, "ALB")]


@pytest.mark.parametrize("spec,text,code", [
    # "Lt. Gen. Omar Farouk resigned ." — abbreviated ranks are titles
    ("Lt.|PROPN|compound|3 Gen.|PROPN|compound|3 Omar|PROPN|compound|3|B-PERSON Farouk|PROPN|nsubj|4|I-PERSON "
     "resigned|VERB|ROOT|4 .|PUNCT|punct|4", "Lt. Gen. Omar Farouk", "---MIL"),
    # "Kenyan junior foreign minister Amina Otieno spoke ." — a qualifier inside a title
    ("Kenyan|ADJ|amod|4|B-NORP junior|ADJ|amod|4 foreign|ADJ|amod|3 minister|NOUN|compound|5 "
     "Amina|PROPN|compound|5|B-PERSON Otieno|PROPN|nsubj|6|I-PERSON spoke|VERB|ROOT|6 .|PUNCT|punct|6",
     "Kenyan junior foreign minister Amina Otieno", "KENGOV"),
])
def test_ranks_and_qualifiers_belong_to_the_title(spec_doc, dictionary, spec, text, code) -> None:
    _, found = mentions_of(spec_doc, dictionary, spec)
    assert (text, code) in [(m.text, m.entry.code) for m in found if m.entry is not None]


def test_a_description_of_an_igo_keeps_its_code(spec_doc, dictionary) -> None:
    # "a U.N. spokesman said ."
    spec = "a|DET|det|2 U.N.|PROPN|compound|2|B-ORG spokesman|NOUN|nsubj|3 said|VERB|ROOT|3 .|PUNCT|punct|3"
    _, found = mentions_of(spec_doc, dictionary, spec)
    description = next(m for m in found if m.form == "description")
    assert (description.country, description.code) == (None, "IGOUNO")


def test_the_members_of_a_named_group_are_the_group(spec_doc, dictionary) -> None:
    # "Hamas militants fired ."
    _, found = mentions_of(spec_doc, dictionary, "Hamas|PROPN|compound|1|B-ORG militants|NOUN|nsubj|2 fired|VERB|ROOT|2 "
                                                 ".|PUNCT|punct|2")
    assert {m.entry.code for m in found if m.entry is not None} == {"PSEREBHMS"}


def test_a_person_apposed_to_a_groups_role_takes_the_groups_code(spec_doc, dictionary) -> None:
    # "Rami Haddad , a Hamas spokesman , spoke ."
    _, found = mentions_of(spec_doc, dictionary,
                           "Rami|PROPN|compound|1|B-PERSON Haddad|PROPN|nsubj|7|I-PERSON ,|PUNCT|punct|1 a|DET|det|5 "
                           "Hamas|PROPN|compound|5|B-ORG spokesman|NOUN|appos|1 ,|PUNCT|punct|1 spoke|VERB|ROOT|7 "
                           ".|PUNCT|punct|7")
    assert next(m for m in found if m.text == "Rami Haddad").entry.code == "PSEREBHMS"


def test_a_name_the_model_missed_is_a_person_when_an_apposition_describes_one(spec_doc, dictionary) -> None:
    # "Juan Quispe , a Peruvian commander , said ." — no entity labels on the name
    _, found = mentions_of(spec_doc, dictionary,
                           "Juan|PROPN|compound|1 Quispe|PROPN|nsubj|7 ,|PUNCT|punct|1 a|DET|det|5 "
                           "Peruvian|ADJ|amod|5|B-NORP commander|NOUN|appos|1 ,|PUNCT|punct|1 said|VERB|ROOT|7 "
                           ".|PUNCT|punct|7")
    quispe = next(m for m in found if m.text == "Juan Quispe")
    assert quispe.entry.kind == "person" and quispe.entry.code == "PERMIL"


def test_a_one_word_person_alias_after_the_is_no_person(spec_doc, dictionary) -> None:
    # "Judges met in the Hague ." — William Hague's surname, written as the city
    _, found = mentions_of(spec_doc, dictionary, "Judges|NOUN|nsubj|1 met|VERB|ROOT|1 in|ADP|prep|1 the|DET|det|4 "
                                                 "Hague|PROPN|pobj|2 .|PUNCT|punct|1")
    assert not [m for m in found if m.entry is not None and m.entry.kind == "person"]
