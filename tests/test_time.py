"""Time expressions: normalisation as a pure function, tense from hand-built parses, event dates,
recognition on real parses, and the seed article."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.context import ArticleContext
from eventwire.models import EventDate, Offsets, Timex
from eventwire.stages.time import calendar as cal
from eventwire.stages.time import find_timexes
from eventwire.stages.time.dates import event_date, precision
from eventwire.stages.time.rules import normalise
from eventwire.stages.time.tense import tense_at

PUBLISHED = "2018-07-12"  # a Thursday
REF = dt.date(2018, 7, 12)
LEMMAS = {"told": "tell", "met": "meet", "said": "say", "is": "be", "will": "will"}


def lemmas(words: list[str]) -> list[str]:
    return [LEMMAS.get(w.lower(), w.lower()) for w in words]


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("March 3, 2016", "past", ("DATE", "2016-03-03")),
        ("12 July", "past", ("DATE", "2018-07-12")),
        ("Nov. 4", "future", ("DATE", "2018-11-04")),
        ("Nov. 4", "past", ("DATE", "2017-11-04")),
        ("Jan. 9", "future", ("DATE", "2019-01-09")),
        ("the 3rd of June", "past", ("DATE", "2018-06-03")),
        ("in May", "past", ("DATE", "2018-05")),
        ("in September", "past", ("DATE", "2017-09")),
        ("in September", "future", ("DATE", "2018-09")),
        ("last December", "present", ("DATE", "2017-12")),
        ("October 2015", "past", ("DATE", "2015-10")),
        ("in 1994", "past", ("DATE", "1994")),
        ("Wednesday", "past", ("DATE", "2018-07-11")),
        ("Tuesday", "past", ("DATE", "2018-07-10")),
        ("Thursday", "future", ("DATE", "2018-07-12")),
        ("Saturday", "future", ("DATE", "2018-07-14")),
        ("Friday", "present", ("DATE", "2018-07-13")),
        ("next Monday", "past", ("DATE", "2018-07-16")),
        ("last Thursday", "past", ("DATE", "2018-07-05")),
        ("Sunday night", "past", ("DATE", "2018-07-08TNI")),
        ("last week", "past", ("DATE", "2018-W27")),
        ("next week", "past", ("DATE", "2018-W29")),
        ("last year", "past", ("DATE", "2017")),
        ("next year", "future", ("DATE", "2019")),
        ("this month", "past", ("DATE", "2018-07")),
        ("earlier this month", "past", ("DATE", "2018-07")),
        ("late last year", "past", ("DATE", "2017")),
        ("today", "past", ("DATE", "2018-07-12")),
        ("yesterday", "past", ("DATE", "2018-07-11")),
        ("tomorrow", "future", ("DATE", "2018-07-13")),
        ("this morning", "past", ("TIME", "2018-07-12TMO")),
        ("recent years", "past", ("DATE", "PAST_REF")),
        ("now", "present", ("DATE", "PRESENT_REF")),
        ("the near future", "future", ("DATE", "FUTURE_REF")),
        ("last summer", "past", ("DATE", "2017-SU")),
        ("this winter", "future", ("DATE", "2018-WI")),
        ("the second quarter", "past", ("DATE", "2018-Q2")),
        ("the fourth quarter", "past", ("DATE", "2017-Q4")),
        ("the first half of 2016", "past", ("DATE", "2016-H1")),
        ("the 1980s", "past", ("DATE", "198")),
        ("the '70s", "past", ("DATE", "197")),
        ("the 19th century", "past", ("DATE", "18")),
        ("three years ago", "past", ("DATE", "2015")),
        ("two weeks ago", "past", ("DATE", "2018-W26")),
        ("the ten-year conflict", "past", ("DURATION", "P10Y")),
        ("three days", "past", ("DURATION", "P3D")),
        ("twenty-four hours", "past", ("DURATION", "PT24H")),
        ("the past two months", "past", ("DURATION", "P2M")),
        ("two decades", "past", ("DURATION", "P20Y")),
        ("the next few years", "future", ("DURATION", "PXY")),
        ("every week", "past", ("SET", "P1W")),
        ("every other month", "past", ("SET", "P2M")),
        ("twice a year", "past", ("SET", "P1Y")),
        ("weekly", "past", ("SET", "P1W")),
        ("annually", "past", ("SET", "P1Y")),
        ("every Friday", "past", ("SET", "XXXX-WXX-5")),
        ("10 a.m.", "past", ("TIME", "2018-07-12T10:00")),
        ("4:30 p.m. Tuesday", "past", ("TIME", "2018-07-10T16:30")),
        ("midnight", "past", ("TIME", "2018-07-12T24:00")),
        ("the weekend", "past", ("DATE", "2018-W27-WE")),
        ("the weekend", "future", ("DATE", "2018-W28-WE")),
        ("the fiscal year", "past", ("DATE", "2018")),
    ],
)
def test_normalise_against_a_reference_and_tense(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalise(text, PUBLISHED, tense) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nov. 4", ("DATE", "XXXX-11-04")),
        ("in May", ("DATE", "XXXX-05")),
        ("Wednesday", ("DATE", None)),
        ("last week", ("DATE", None)),
        ("1994", ("DATE", "1994")),
        ("three days", ("DURATION", "P3D")),
        ("now", ("DATE", "PRESENT_REF")),
    ],
)
def test_without_a_publication_date_relative_values_stay_unresolved(text: str, expected: tuple) -> None:
    assert normalise(text, None) == expected


@pytest.mark.parametrize(
    "text",
    ["a 6-year-old boy", "they may leave", "the fall of the city", "3,000 troops", "2000 soldiers", "$1998",
     "about three-quarters of its grain", "more than a quarter of the vote", "three-quarters",
     "the index closed at 1998.5"],
)
def test_things_that_are_not_time_expressions(text: str) -> None:
    assert normalise(text, PUBLISHED) is None


@pytest.mark.parametrize(("text", "expected"), [("two quarters of losses", ("DURATION", "P2Q")),
                                                ("a two-quarter slump", ("DURATION", "P2Q"))])
def test_quarters_of_time_are_no_fractions(text: str, expected: tuple[str, str]) -> None:
    assert normalise(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("weekday", "tense", "shift", "expected"),
    [
        (3, "past", None, dt.date(2018, 7, 11)),
        (4, "past", None, dt.date(2018, 7, 12)),
        (4, "future", None, dt.date(2018, 7, 12)),
        (1, "future", None, dt.date(2018, 7, 16)),
        (1, "past", "next", dt.date(2018, 7, 16)),
        (4, "past", "next", dt.date(2018, 7, 19)),
        (4, "future", "last", dt.date(2018, 7, 5)),
        (6, "present", None, dt.date(2018, 7, 14)),
        (2, "present", None, dt.date(2018, 7, 10)),
    ],
)
def test_weekday_date(weekday: int, tense: str, shift: str | None, expected: dt.date) -> None:
    assert cal.weekday_date(REF, weekday, tense, shift) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "pos", "span", "expected"),
    [
        (["They", "met", "on", "Wednesday"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         ["PRP", "VBD", "IN", "NNP"], ["PRON", "VERB", "ADP", "PROPN"], "Wednesday", "past"),
        (["They", "will", "meet", "on", "Wednesday"], [2, 2, 2, 2, 3], ["nsubj", "aux", "ROOT", "prep", "pobj"],
         ["PRP", "MD", "VB", "IN", "NNP"], ["PRON", "AUX", "VERB", "ADP", "PROPN"], "Wednesday", "future"),
        (["She", "is", "due", "to", "meet", "him", "on", "Friday"], [1, 1, 1, 4, 2, 4, 4, 6],
         ["nsubj", "ROOT", "acomp", "aux", "xcomp", "dobj", "prep", "pobj"],
         ["PRP", "VBZ", "JJ", "TO", "VB", "PRP", "IN", "NNP"],
         ["PRON", "AUX", "ADJ", "PART", "VERB", "PRON", "ADP", "PROPN"], "Friday", "future"),
        (["He", "told", "them", "to", "stop", "by", "Monday"], [1, 1, 1, 4, 1, 4, 5],
         ["nsubj", "ROOT", "dobj", "aux", "xcomp", "prep", "pobj"],
         ["PRP", "VBD", "PRP", "TO", "VB", "IN", "NNP"],
         ["PRON", "VERB", "PRON", "PART", "VERB", "ADP", "PROPN"], "Monday", "future"),
        (["Prices", "rise", "on", "Monday"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         ["NNS", "VBP", "IN", "NNP"], ["NOUN", "VERB", "ADP", "PROPN"], "Monday", "present"),
        (["Talks", "on", "Monday"], [0, 0, 1], ["ROOT", "prep", "pobj"],
         ["NNS", "IN", "NNP"], ["NOUN", "ADP", "PROPN"], "Monday", "past"),
    ],
)
def test_tense_of_the_governing_verb(make_doc, words, heads, deps, tags, pos, span, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas(words))
    start = doc.text.index(span)
    assert tense_at(doc, start, start + len(span)) == expected


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "pos", "expected"),
    [
        (["Aides", "said", "on", "Tuesday"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         ["NNS", "VBD", "IN", "NNP"], ["NOUN", "VERB", "ADP", "PROPN"], "2018-07-10"),
        (["Aides", "will", "speak", "on", "Tuesday"], [2, 2, 2, 2, 3], ["nsubj", "aux", "ROOT", "prep", "pobj"],
         ["NNS", "MD", "VB", "IN", "NNP"], ["NOUN", "AUX", "VERB", "ADP", "PROPN"], "2018-07-17"),
    ],
)
def test_find_timexes_resolves_by_tense(make_doc, words, heads, deps, tags, pos, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas(words))
    [timex] = find_timexes(ArticleContext.of(doc, published=PUBLISHED))
    assert (timex.text, timex.type, timex.value) == ("Tuesday", "DATE", expected)
    assert doc.text[timex.start:timex.end] == timex.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018-07-11", "day"), ("2018-07-11TNI", "day"), ("2018-05", "month"), ("2018-W27", "month"),
     ("2018", "year"), ("2018-Q3", "year"), ("2018-SU", "year"), ("P7Y", None), ("PRESENT_REF", None),
     ("199X", None), (None, None)],
)
def test_precision(value: str | None, expected: str | None) -> None:
    assert precision(value) == expected


TIMEXES = (
    Timex("May", 10, 13, "DATE", "2018-05"),
    Timex("seven years", 30, 41, "DURATION", "P7Y"),
    Timex("Wednesday night", 50, 65, "DATE", "2018-07-11TNI"),
    Timex("every week", 70, 80, "SET", "P1W"),
    Timex("2015", 120, 124, "DATE", "2015"),
)


@pytest.mark.parametrize(
    ("clause", "sentence", "published", "expected"),
    [
        (Offsets(45, 68), Offsets(0, 100), PUBLISHED, EventDate("2018-07-11", "day", "text", "Wednesday night")),
        (Offsets(0, 20), Offsets(0, 100), PUBLISHED, EventDate("2018-05", "month", "text", "May")),
        (Offsets(25, 45), Offsets(0, 100), PUBLISHED, EventDate("2018-07-11", "day", "text", "Wednesday night")),
        (Offsets(68, 85), Offsets(68, 100), PUBLISHED, EventDate("2018-07-12", "day", "publication", None)),
        (Offsets(68, 85), Offsets(68, 100), None, None),
        (Offsets(110, 130), Offsets(105, 140), None, EventDate("2015", "year", "text", "2015")),
    ],
)
def test_event_date(clause: Offsets, sentence: Offsets, published: str | None, expected: EventDate | None) -> None:
    assert event_date(TIMEXES, clause, sentence, published) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fragment", "value"),
    [
        ("The minister said on Wednesday that talks had failed.", "Wednesday", "2018-07-11"),
        ("The two leaders will meet in Geneva on Thursday.", "Thursday", "2018-07-12"),
        ("The council is scheduled to vote on the plan next Monday.", "next Monday", "2018-07-16"),
        ("Rebels seized the town last week after a siege.", "last week", "2018-W27"),
        ("The ceasefire collapsed in March, officials said.", "March", "2018-03"),
        ("Inspectors will return in October to check the site.", "October", "2018-10"),
        ("Parliament passed the budget on Jan. 30, 2017.", "Jan. 30, 2017", "2017-01-30"),
        ("The blockade has lasted three years.", "three years", "P3Y"),
        ("Envoys meet every month in the capital.", "every month", "P1M"),
        ("Police said the blast happened at 10 a.m. on Tuesday.", "10 a.m. on Tuesday", "2018-07-10T10:00"),
    ],
)
def test_recognition_on_real_parses(nlp, text: str, fragment: str, value: str) -> None:
    found = {(t.text, t.value) for t in find_timexes(ArticleContext.of(nlp(text), published=PUBLISHED))}
    assert (fragment, value) in found


@pytest.mark.model
@pytest.mark.shared
def test_seed_article(nlp, seed_path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    timexes = find_timexes(ArticleContext.of(nlp(text), published=PUBLISHED))
    values = [(t.text, t.value) for t in timexes]
    assert all(text[t.start:t.end] == t.text for t in timexes)
    for expected in [("July 12, 2018", "2018-07-12"), ("Wednesday", "2018-07-11"), ("Tuesday", "2018-07-10"),
                     ("Thursday", "2018-07-12"), ("next Monday", "2018-07-16"), ("Nov. 4", "2018-11-04"),
                     ("May", "2018-05"), ("this month", "2018-07"), ("recent years", "PAST_REF")]:
        assert expected in values
    war = text.index("seven-year Syrian civil war")
    assert any(t.value == "P7Y" and t.type == "DURATION" and war <= t.start < war + 30 for t in timexes)
    assert ("Wednesday", "2018-07-12") not in values


@pytest.mark.parametrize(
    ("month", "day", "tense", "year"),
    [
        (11, 4, "future", 2018),
        (11, 4, "past", 2017),
        (8, 20, "past", 2018),
        (1, 9, "past", 2018),
        (1, 9, "future", 2019),
        (12, 30, "present", 2018),
        (1, 3, "present", 2019),
    ],
)
def test_year_for_day_follows_the_tense_window(month: int, day: int, tense: str, year: int) -> None:
    assert cal.year_for_day(REF, month, day, tense) == year  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Thursday, July 12, 2018 was hot", ["Thursday, July 12, 2018"]),
        ("It grew late last year and again in the spring.", ["late last year", "the spring"]),
        ("Troops stayed for three days and left on Friday.", ["three days", "Friday"]),
        ("The minister may resign, aides said.", []),
    ],
)
def test_scan_keeps_the_longest_expressions(text: str, spans: list[str]) -> None:
    from eventwire.stages.time.rules import scan

    assert [text[c.start:c.end] for c in scan(text)] == spans


# --- the seed through the whole pipeline --------------------------------------------------------

@pytest.fixture(scope="module")
def seed_result():
    from conftest import shared_path

    import eventwire

    return eventwire.extract(shared_path("seed", "000_d0042f3ec4aaeb2c.txt"))


def event_near(result, fragment: str, trigger: str):
    """The event whose trigger text is ``trigger`` inside the seed fragment ``fragment``."""
    start = result.article.text.index(fragment)
    end = start + len(fragment)
    found = [e for e in result.events if e.trigger.text == trigger and start <= e.trigger.start < end]
    assert found, f"no event {trigger!r} in {fragment!r}"
    return found[0]


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize(
    ("fragment", "trigger", "value", "precision_", "text"),
    [
        ("hailed his country", "hailed", "2018-07-11", "day", "Wednesday"),
        ("also visiting Moscow", "visiting", "2018-07-11", "day", "Wednesday"),
        ("scheduled to meet Putin", "meet", "2018-07-12", "day", "Thursday"),
        ("pulled out of", "pulled out", "2018-05", "month", "May"),
        ("will reimpose sanctions", "reimpose sanctions", "2018-11-04", "day", "Nov. 4"),
        ("expected to discuss", "discuss", "2018-07-16", "day", "next Monday"),
    ],
)
def test_seed_event_dates(seed_result, fragment: str, trigger: str, value: str, precision_: str, text: str) -> None:
    date = event_near(seed_result, fragment, trigger).date
    assert date == EventDate(value, precision_, "text", text)  # type: ignore[arg-type]


@pytest.mark.model
@pytest.mark.shared
def test_seed_dates_through_the_pipeline(seed_result) -> None:
    values = {(t.text, t.value) for t in seed_result.timexes}
    assert {("Tuesday", "2018-07-10"), ("Wednesday", "2018-07-11"), ("next Monday", "2018-07-16")} <= values
    plan = event_near(seed_result, "expected to visit China", "visit")
    assert plan.date is not None and plan.date.basis == "publication"  # "in the near future" is no date


# --- holidays and vague adjectives ----------------------------------------------------------------

@pytest.mark.parametrize(("year", "expected"), [(2018, dt.date(2018, 4, 1)), (2019, dt.date(2019, 4, 21)),
                                                (2000, dt.date(2000, 4, 23)), (2024, dt.date(2024, 3, 31))])
def test_easter(year: int, expected: dt.date) -> None:
    assert cal.easter(year) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("on Christmas Eve 2016", "past", ("DATE", "2016-12-24")),
        ("at Christmas", "past", ("DATE", "2017-12-25")),
        ("at Christmas", "future", ("DATE", "2018-12-25")),
        ("on Good Friday", "past", ("DATE", "2018-03-30")),
        ("by Thanksgiving", "future", ("DATE", "2018-11-22")),
        ("on Memorial Day", "past", ("DATE", "2018-05-28")),
        ("on New Year\u2019s Day", "future", ("DATE", "2019-01-01")),
        ("the current government", "present", ("DATE", "PRESENT_REF")),
        ("a recent visit", "past", ("DATE", "PAST_REF")),
    ],
)
def test_holidays_and_vague_adjectives(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalise(text, PUBLISHED, tense) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["the current account deficit", "a christmas tree farm", "the current of the river"])
def test_holiday_and_adjective_look_alikes(text: str) -> None:
    assert normalise(text, PUBLISHED) is None


# --- years said in words, decades, halves, year ends, times of named days ---------------------------

@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("in nineteen eighty-four", "past", ("DATE", "1984")),
        ("the winter of nineteen seventy-nine", "past", ("DATE", "1979-WI")),
        ("March nineteen sixty-two", "past", ("DATE", "1962-03")),
        ("by the year two thousand and five", "future", ("DATE", "2005")),
        ("the sixties", "past", ("DATE", "196")),
        ("the late twenties", "past", ("DATE", "192")),
        ("the mid-1990s", "past", ("DATE", "199")),
        ("the last decade", "past", ("DATE", "200")),
        ("3 1/2 hours", "past", ("DURATION", "PT3H30M")),
        ("two and a half years", "past", ("DURATION", "P2Y6M")),
        ("a day and a half", "past", ("DURATION", "P1DT12H")),
        ("an hour and a half", "past", ("DURATION", "PT1H30M")),
        ("two and a half weeks", "past", ("DURATION", "P2.5W")),
        ("May last year", "past", ("DATE", "2017-05")),
        ("in January of next year", "future", ("DATE", "2019-01")),
        ("by the end of the year", "future", ("DATE", "2018")),
        ("by year-end", "future", ("DATE", "2018")),
        ("before the month's end", "future", ("DATE", "2018-07")),
        ("the current fiscal year", "present", ("DATE", "2018")),
        ("the latest fiscal year", "past", ("DATE", "2017")),
        ("for the year", "past", ("DATE", "2018")),
        ("noon Tuesday", "past", ("TIME", "2018-07-10T12:00")),
        ("midnight on Saturday", "future", ("TIME", "2018-07-14T24:00")),
        ("late afternoon yesterday", "past", ("TIME", "2018-07-11TAF")),
        ("the last half of 2016", "past", ("DATE", "2016-H2")),
        ("the last quarter of next year", "future", ("DATE", "2019-Q4")),
        ("the last quarter", "past", ("DATE", "2018-Q2")),
        ("the then-current share price", "past", ("DATE", "PAST_REF")),
        ("the current share price", "past", ("DATE", "PRESENT_REF")),
        ("at 4 in the morning", "future", ("TIME", "2018-07-12T04:00")),
        ("ten in the evening", "past", ("TIME", "2018-07-12T22:00")),
        ("3:30 in the afternoon", "past", ("TIME", "2018-07-12T15:30")),
        ("in the morning", "past", ("TIME", "2018-07-12TMO")),
    ],
)
def test_words_halves_and_ends(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalise(text, PUBLISHED, tense) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Profit for the year ended June 30 rose.", [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "2018-06-30")]),
        ("Sales were lower than the year before.", []),
        ("The stock fell 2 1/2 to 37.", []),
        ("Nineteen soldiers and nineteen ninety-two ballots", [("nineteen ninety-two", "DATE", "1992")]),
    ],
)
def test_found_in_running_text(text: str, spans: list[tuple[str, str, str]]) -> None:
    from eventwire.stages.time.resolvers import Anchor
    from eventwire.stages.time.rules import resolve, scan

    found = [(text[c.start:c.end], *(resolve(c, Anchor(REF)) or ("", ""))) for c in scan(text)]
    assert found == spans


@pytest.mark.parametrize(
    ("words", "heads", "deps", "tags", "pos", "span", "expected"),
    [
        (["Police", "have", "scheduled", "a", "briefing", "on", "Friday"], [2, 2, 2, 4, 2, 2, 5],
         ["nsubj", "aux", "ROOT", "det", "dobj", "prep", "pobj"], ["NNS", "VBP", "VBN", "DT", "NN", "IN", "NNP"],
         ["NOUN", "AUX", "VERB", "DET", "NOUN", "ADP", "PROPN"], "Friday", "future"),
        (["Unions", "planned", "a", "strike", "on", "Friday"], [1, 1, 3, 1, 1, 4],
         ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"], ["NNS", "VBD", "DT", "NN", "IN", "NNP"],
         ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN"], "Friday", "present"),
        (["Troops", "could", "leave", "as", "early", "as", "Monday"], [2, 2, 2, 4, 2, 4, 5],
         ["nsubj", "aux", "ROOT", "advmod", "advmod", "prep", "pobj"], ["NNS", "MD", "VB", "RB", "RB", "IN", "NNP"],
         ["NOUN", "AUX", "VERB", "ADV", "ADV", "ADP", "PROPN"], "Monday", "future"),
        (["Troops", "left", "on", "Monday"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         ["NNS", "VBD", "IN", "NNP"], ["NOUN", "VERB", "ADP", "PROPN"], "Monday", "past"),
    ],
)
def test_planning_verbs_and_words_that_look_ahead(make_doc, words, heads, deps, tags, pos, span, expected) -> None:
    lemma_of = {"scheduled": "schedule", "planned": "plan", "have": "have", "left": "leave", "could": "could"}
    doc = make_doc(words, heads=heads, deps=deps, tags=tags, pos=pos,
                   lemmas=[lemma_of.get(w, w.lower()) for w in words])
    start = doc.text.index(span)
    assert tense_at(doc, start, start + len(span)) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("in August", "past", ("DATE", "2018-08")),
        ("in October", "past", ("DATE", "2017-10")),
        ("in October", "present", ("DATE", "2018-10")),
        ("in February", "present", ("DATE", "2018-02")),
        ("in January", "present", ("DATE", "2019-01")),
        ("in June", "future", ("DATE", "2019-06")),
        ("the 1996 quarter", "past", ("DATE", "1996")),
        ("the year-ago second quarter", "past", ("DATE", "2017-Q2")),
        ("3 p.m. EDT, Aug. 2", "future", ("TIME", "2018-08-02T15:00")),
        ("a week or so ago", "past", ("DATE", "2018-W27")),
        ("the week of Aug. 6", "future", ("DATE", "2018-W32")),
        ("the previous Friday", "past", ("DATE", "2018-07-06")),
    ],
)
def test_months_by_tense_quarters_and_days_of_weeks(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalise(text, PUBLISHED, tense) == expected  # type: ignore[arg-type]


def test_a_weekday_owning_something_is_gone_by(make_doc) -> None:
    words = ["Shares", "trade", "above", "Friday", "'s", "close"]
    doc = make_doc(words, heads=[1, 1, 1, 5, 3, 2], deps=["nsubj", "ROOT", "prep", "poss", "case", "pobj"],
                   tags=["NNS", "VBP", "IN", "NNP", "POS", "NN"], pos=["NOUN", "VERB", "ADP", "PROPN", "PART", "NOUN"],
                   lemmas=[w.lower() for w in words])
    [timex] = find_timexes(ArticleContext.of(doc, published=PUBLISHED))
    assert (timex.text, timex.value) == ("Friday", "2018-07-06")


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("in coming weeks", "future", ("DURATION", "PXW")),
        ("the years ahead", "future", ("DURATION", "PXY")),
        ("the next couple of years", "future", ("DURATION", "P2Y")),
        ("five trading days", "past", ("DURATION", "P5D")),
        ("this past spring", "past", ("DATE", "2018-SP")),
        ("well into the summer", "past", ("DATE", "2018-SU")),
        ("in the morning", "past", ("TIME", "2018-07-12TMO")),
        ("by mid-afternoon", "past", ("TIME", "2018-07-12TAF")),
        ("each July", "past", ("SET", "XXXX-07")),
        ("on Tuesday nights", "past", ("SET", "XXXX-WXX-2TNI")),
    ],
)
def test_vague_durations_parts_of_the_day_and_sets(text: str, tense: str, expected: tuple[str, str]) -> None:
    assert normalise(text, PUBLISHED, tense) == expected  # type: ignore[arg-type]


def test_the_text_before_an_expression_is_read_from_its_words() -> None:
    from eventwire.nlp import blank
    from eventwire.stages.time.tense import _text_before

    doc = blank()("The vote, set for as early as Tuesday, was moved; talks resume on Friday.")
    for start in (doc[6].idx, doc[7].idx, doc[7].idx + 3, doc[-2].idx, 0):
        span = doc.char_span(start, start + 3, alignment_mode="expand")
        for size in (5, 40):
            assert _text_before(span, start, size) == doc.text[max(0, start - size):start]
