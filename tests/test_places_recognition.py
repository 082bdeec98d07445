"""Toponym recognition: which names are places and which are not, whatever the gazetteer knows by the
same letters (sentences written for this table, parsed by the real model), and the name tests behind it."""

from __future__ import annotations

import pytest

from eventwire.context import ArticleContext
from eventwire.resources import Resources
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.places import find_places
from eventwire.stages.places.names import _short_acronym, _spelling

# sentence, a word that is no place in it (a town somewhere has its name or spelling)
NOT_PLACES = [
    # an acronym is no town of its letters ("Un", India)
    ("The UN says it will send more aid to the camps next month.", "UN"),
    # "The" before a name: the word alone must be a place ("Münster" is no "Monster")
    ("Critics praised The Monster, a novel about the flood, at the festival.", "Monster"),
    # another language's name of a large town is no reading of an English word ("Durg", India)
    ("The Food and Drug Administration recalled the peanut butter on Friday.", "Drug"),
    # a person the article names in full, named again by the surname
    ("John Bolton met the ministers on Monday. Later the president offered the job to Bolton.", "Bolton"),
    ("Maria Tyler won the race. Tyler said the course was the hardest she had run.", "Tyler"),
    ("Chad Smith said Chad would play the drums.", "Chad"),
    # a common word of news, not after a preposition
    ("The Mission will meet the governor of Lagos State next week.", "Mission"),
    # a name's particle before the rest of a name ("La" is an alias of Louisiana)
    ("A strong La Niña brings drought to the region, forecasters said.", "La"),
    # the end of a longer name in a list
    ("Cases rose in Guinea-Bissau, Liberia and Mali last month.", "Bissau"),
    # a facility noun in a person's name
    ("John Lake Street and his wife met the mayor on Friday.", "John Lake Street"),
    # a disease named after a place, right before its noun and alone in the same article
    ("The West Nile virus reached Texas in July, officials in Austin said.", "West Nile"),
    ("Doctors confirmed two cases of Marburg fever. Three patients died of Marburg last week.", "Marburg"),
]

# sentence, the toponym still found
PLACES = [
    ("The US will send more troops to the region, officials said.", "US"),
    ("Israel Katz said on Sunday that Israel would answer the attack.", "Israel"),
    ("Prices rose sharply in Mission after the storm, the mayor said.", "Mission"),
    ("The Seattle Seahawks lost on Sunday. Fans in Seattle were angry.", "Seattle"),
    ("Rebels withdrew from Misrata on Sunday after heavy fighting.", "Misrata"),
    # names in a list with a place, before it or after it, whatever the model took them for
    ("Cases rose in Ghana, Togo and Benin last month.", "Togo"),
    ("Niger, Mali and Chad signed the pact on Monday.", "Niger"),
    ("Rain fell on Molo, Njoro and Nakuru overnight.", "Molo"),
    # a known name the model cut short
    ("The prime minister of Trinidad and Tobago spoke first at the summit.", "Trinidad and Tobago"),
    # a division with its generic word, which the gazetteer lacks as a whole
    ("The Osun State Police Command said it had recovered the stolen rifles.", "Osun State"),
    # a facility's name the model took for an organisation's
    ("The injured were taken to Bremner Memorial Hospital on Sunday.", "Bremner Memorial Hospital"),
    # a person's home town
    ("Tom Reddy, 52, of Kinnelon was charged with theft.", "Kinnelon"),
    ("Mark and Ellen Fairley of Bellmore appeared on the show.", "Bellmore"),
    # a disease's name leaves a country's name and a town after "to" places
    ("The United States flu season began early this year, officials said.", "United States"),
    ("A case of Marburg fever was confirmed after the student flew home to Marburg.", "Marburg"),
]


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


def names_found(nlp, resources: Resources, text: str) -> list[str]:
    return [p.text for p in find_places(ArticleContext.of(nlp(text)).with_actors(ActorIndex(())), resources)]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word"), NOT_PLACES, ids=[w for _, w in NOT_PLACES])
def test_not_places(nlp, resources: Resources, text: str, word: str) -> None:
    assert word not in names_found(nlp, resources, text)


@pytest.mark.model
@pytest.mark.parametrize(("text", "name"), PLACES, ids=[n for _, n in PLACES])
def test_places_kept(nlp, resources: Resources, text: str, name: str) -> None:
    assert name in names_found(nlp, resources, text)


@pytest.mark.parametrize(("name", "own", "same"), [
    ("Pulawy", "Puławy", True),
    ("Misrata", "Misratah", True),
    ("Luck", "Lutsk", False),
    ("Drug", "Durg", False),
    ("No", "Ho", False),
])
def test_spelling(name: str, own: str, same: bool) -> None:
    assert _spelling(name, own) is same


@pytest.mark.parametrize(("text", "short"), [("UN", True), ("U.N.", True), ("EU", True), ("ROME", False),
                                              ("Un", False), ("GAZA", False)])
def test_short_acronym(text: str, short: bool) -> None:
    assert _short_acronym(text) is short
