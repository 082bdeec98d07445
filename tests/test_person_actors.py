"""People the dictionary does not list, through the whole pipeline: abbreviated and US titles ("Gov.",
"Sgt.", "Party chair"), and a name a title stands before that the model does not call a person. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from eventwire.models import Actor, Article, Result

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


def code(pipeline, text: str) -> Result:  # type: ignore[no-untyped-def]
    return pipeline.process(Article(id="persons", text=text, published="2016-03-05"))


def person(result: Result, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert found, f"no actor {name!r} among {[(a.name, a.code) for a in result.actors]}"
    return found[0]


@pytest.mark.parametrize(("text", "name", "code_", "mention"), [
    ("Gov. Nathan Dale vowed to block the plan of the American government.", "Nathan Dale", "USAGOV",
     "Gov. Nathan Dale"),
    ("Lt. Gov. Dan Petrick attacked the U.S. Senate.", "Dan Petrick", "USAGOV", "Lt. Gov. Dan Petrick"),
    ("Sgt. Ray Molloy arrested two men on Monday, the Dallas police said. The American suspects were released.",
     "Ray Molloy", "USAMIL", "Sgt. Ray Molloy"),
    ("Party chair Debbie Wasserstein criticized the U.S. Senate on Tuesday.", "Debbie Wasserstein", "USAPTY",
     "Party chair Debbie Wasserstein"),
    ("Congresswoman Lena Ortiz accused the Pentagon of waste.", "Lena Ortiz", "USALEG",
     "Congresswoman Lena Ortiz"),
])
def test_a_us_title_gives_role_and_sector(pipeline, text: str, name: str, code_: str,  # type: ignore[no-untyped-def]
                                          mention: str) -> None:
    actor = person(code(pipeline, text), name)
    assert actor.code == code_ and actor.country_basis == "article"
    assert actor.mentions[0].text == mention


def test_a_title_abbreviation_gives_the_source_of_an_event(pipeline) -> None:  # type: ignore[no-untyped-def]
    result = code(pipeline, "Rep. Mara Quinlan criticized the Pentagon budget.")
    assert any(e.source is not None and e.source.code == "USALEG" and e.cameo.root == "11" for e in result.events)


def test_a_title_before_a_bodys_name_makes_a_group_that_it_refers_to(pipeline) -> None:  # type: ignore[no-untyped-def]
    result = code(pipeline, "Fighting spread across Liberia on Monday. The rebel Revolutionary Democratic Front "
                            "announced it would free its hostages.")
    front = person(result, "Revolutionary Democratic Front")
    assert front.kind == "group" and front.code == "LBRREB"
    assert "it" in [m.text for m in front.mentions], "'it' refers to a body, not to a person"


def test_an_international_body_that_opens_an_apposition_is_the_persons(pipeline) -> None:  # type: ignore[no-untyped-def]
    result = code(pipeline, "Jan Ostberg, the United Nations relief coordinator, urged Sudan to open its borders.")
    ostberg = person(result, "Jan Ostberg")
    assert ostberg.code == "IGOUNO" and ostberg.country is None, "no country of the article fills it"
    result = code(pipeline, "Mark Lowell, a critic of the United Nations, urged Sudan to open its borders.")
    assert all(a.code != "IGOUNO" for a in result.actors if a.name == "Mark Lowell")
