"""The time rules' faster scanning finds exactly what plain ``finditer`` over each regex finds."""

from __future__ import annotations

import re

import pytest

from eventwire.stages.time import rules
from eventwire.stages.time.leading import heads, key_of
from eventwire.stages.time.words import alternation

TEXTS = [
    "March 2019: about twenty-one years ago, a couple of weeks later, on the fourth of July.",
    "Sept. 5, Sep 5th and 12/03/2018 or 2018-03-12; more  than three years,\nat\tleast two decades.",
    "Last Monday night (3pm GMT) the talks – which began in the spring of 2016 – resumed “next week”.",
    "2020s…the 1990s, ’90s, mid-2000s; once a year, twice a week, every other day, daily.",
    "Christmas Eve, New Year\u2019s Day, Good Friday; the current government and recent years.",
    "Yesterday\u00a0morning, the day before yesterday, in the near future, right now, at present.",
    "10 years old",
    "",
]


def test_every_text_here_has_only_separators_but_other_signs_fall_back() -> None:
    assert all(rules.separated(text) for text in TEXTS)
    assert not rules.separated("Five years ago \u2042 four days later")


@pytest.mark.parametrize("text", [*TEXTS, "Five years ago \u2042 four days later, \u2042\u2042 next week",
                                  "\u212aelvin: Last \u017fummer, \u00e9t\u00e9 2019 and \u0663 years ago; 3\u00b2 weeks"])
def test_matches_are_finditers_matches(text: str) -> None:
    for rule, found in zip(rules.rules(), rules.all_matches(text), strict=True):
        expected = [(m.span(), m.groupdict()) for m in rule.regex.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in found] == expected
    assert rules.scan(TEXTS[0])


def test_a_match_begins_with_one_of_its_rules_keys() -> None:
    assert heads(re.compile(r"(?<!\w)(?:the\s+)?(?:(?:early|mid)[\s-]+)?\d{4}", re.IGNORECASE)) == {
        "the#", "earl", "mid#", "0000"}
    assert heads(re.compile(r"a\b|(?-i:[A-C])x?")) == {"a***", "ax**", "bx**", "cx**", "b***", "c***"}
    assert heads(re.compile(r"(?:now)?")) is None  # it may match nothing
    assert heads(re.compile(r"\w+ago")) is None  # a class of word characters is not read
    assert [key_of(c) for c in "Aa9\u0663 -\u2019\u212a\u00e9_"] == ["a", "a", "0", "0", "#", "#", "#", None, None, None]
    assert rules.rules_at("The year", 0) == rules.rules_at("the year", 0)
    assert {rules.rules()[n].name for n in rules.rules_at("at present", 3)} >= {"present"}
    assert "present" not in {rules.rules()[n].name for n in rules.rules_at("prize", 0)}


WORDS = ["sep", "sept", "september", "a", "a couple of", "a couple", "at least", "at", "up to", "new year's day",
         "new year's eve", "new"]


@pytest.mark.parametrize("text", [
    "Sept September sep. a couple of weeks, a  couple, at least at\nleast; new year's day, new year's eve, new",
    "septembers a couples at leastwise newyear",
])
@pytest.mark.parametrize("after", ["", r"\b", r"\s+\w+"])
def test_an_alternation_matches_as_the_longest_first_list(text: str, after: str) -> None:
    listed = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORDS, key=len, reverse=True))
    plain = re.compile(rf"(?<!\w)(?:{listed}){after}", re.IGNORECASE)
    tree = re.compile(rf"(?<!\w)(?:{alternation(WORDS)}){after}", re.IGNORECASE)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert alternation(["one", "two", "three"]) == "(?:one|t(?:wo|hree))"


def test_separators_are_all_non_word_characters() -> None:
    assert len(set(rules.SEPARATORS)) == len(rules.SEPARATORS)
    assert not any(re.fullmatch(r"\w", c) for c in rules.SEPARATORS)
    assert all(rules.separated(c) for c in "\u00a9\u2122\u2192 (\u201cfoo\u201d)")
