"""Toponym recognition: which names are places and which are not, whatever the gazetteer knows by the
same letters (sentences written for this table, parsed by the real model), and the name tests behind it."""

from __future__ import annotations

import pytest

from eventwire.context import ArticleContext
from eventwire.models import Actor, Span
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
    # a word of a title, hyphened or joined to a person's title, even first in the text (no dateline's dash)
    ("Vice-President Ana Torres opened the new bridge on Friday.", "Vice"),
    ("Vice-Chancellor Peter Lang met students in Vienna.", "Vice"),
    # a surname, in a full name that begins with a small town's name
    ("Yuki Oshima, a lawyer, said Oshima had not met the minister.", "Oshima"),
    # a name the actor dictionary knows only as an organisation's, whatever village shares it
    ("Officials from Nato and the EU met in Brussels on Monday.", "Nato"),
    ("Hamas fighters fired rockets from Gaza, officials said.", "Hamas"),
    # a name with an age is a person's
    ("Hamm, 34, scored twice on Saturday.", "Hamm"),
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
    # a place after a title, and a hyphened name that is a place's
    ("Vice-President Ana Torres flew to Vienna on Friday.", "Vienna"),
    ("Talks resumed in Baden-Baden on Monday, officials said.", "Baden-Baden"),
    ("Tom Reddy, 52, of Kinnelon was charged with theft in Newark.", "Newark"),
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


def actor(kind: str, country: str | None, text: str, mention: str) -> Actor:
    start = text.index(mention)
    return Actor(mention, mention, "XXX", country, (), kind, (Span(start, start + len(mention), mention),))  # type: ignore[arg-type]


# sentence, the actor the actors stage found in it, the name and whether it stays a place
ACTOR_NAMES = [
    # an organisation's name that a village shares is no place
    ("Officials from Nato and the EU met in Brussels on Monday.", ("igo", None, "Nato"), "Nato", False),
    # a capital standing for its government stays the place it names
    ("Talks in Geneva ended as Moscow said it would reply.", ("organisation", "RUS", "Moscow"), "Moscow", True),
    # a country's name stays a place whatever actor begins with it
    ("Officials from Nato and the EU met in Brussels on Monday.", ("organisation", "BEL", "Brussels"), "Brussels",
     True),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "found", "name", "place"), ACTOR_NAMES, ids=[a[2] for a in ACTOR_NAMES])
def test_actor_names(nlp, resources: Resources, text: str, found: tuple[str, str | None, str], name: str,
                     place: bool) -> None:
    context = ArticleContext.of(nlp(text)).with_actors(ActorIndex((actor(found[0], found[1], text, found[2]),)))
    assert (name in [p.text for p in find_places(context, resources)]) is place
