"""Anaphoric time expressions: resolved against where the narrative is (the day it last dated, the quarter a
report is on), on hand-built Docs read in text order."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.context import ArticleContext
from eventwire.stages.time import find_timexes
from eventwire.stages.time.narrative import Focus, ended, ends, shift_period

REPORTED = "1989-11-02"  # a Thursday in the fourth quarter


def values(make_doc, text: str, published: str = REPORTED) -> list[tuple[str, str | None]]:
    doc = make_doc(text.split())
    return [(t.text, t.value) for t in find_timexes(ArticleContext.of(doc, published=published))]


def test_a_report_compares_with_the_same_quarter_a_year_before(make_doc) -> None:
    text = ("Acme posted third-quarter profit of $5 million , up from $4 million a year ago . "
            "The year-earlier period included a charge . In the latest period sales rose 4% from year-earlier "
            "sales , and in the 1988 period they had fallen .")
    assert values(make_doc, text) == [("third-quarter", "1989-Q3"), ("a year ago", "1988-Q3"),
                                      ("The year-earlier period", "1988-Q3"), ("the latest period", "1989-Q3"),
                                      ("year-earlier", "1988-Q3"), ("the 1988 period", "1988-Q3")]


def test_without_a_reported_quarter_a_year_ago_is_last_year(make_doc) -> None:
    assert values(make_doc, "Prices are higher than a year ago , and the year-earlier figures were lower .") == [
        ("a year ago", "1988"), ("the year-earlier", "1988")]


def test_a_quarter_still_to_come_is_not_the_reported_one(make_doc) -> None:
    text = "Acme expects a fourth-quarter charge , and sales were flat from a year earlier ."
    assert values(make_doc, text) == [("fourth-quarter", "1989-Q4"), ("a year earlier", "1988")]


def test_the_quarter_is_the_reported_one_and_the_current_quarter_is_todays(make_doc) -> None:
    text = "Second-quarter sales rose . During the quarter Acme hired 30 people , but the current quarter is weak ."
    assert values(make_doc, text) == [("Second-quarter", "1989-Q2"), ("the quarter", "1989-Q2"),
                                      ("the current quarter", "1989-Q4")]


def test_the_quarter_ended_a_day_is_the_quarter_holding_it(make_doc) -> None:
    text = "For the quarter ended Sept. 30 , Acme earned $3 million , up from $2 million a year earlier ."
    found = values(make_doc, text)
    assert ("the quarter", "1989-Q3") in found and ("a year earlier", "1988-Q3") in found


def test_an_earlier_quarter_named_after_the_reported_one_is_a_comparison(make_doc) -> None:
    text = ("Acme posted a rise in third-quarter profit . After a weak second quarter , sales rose from a year "
            "ago , and the year-earlier period had a charge .")
    assert values(make_doc, text) == [("third-quarter", "1989-Q3"), ("second quarter", "1989-Q2"),
                                      ("a year ago", "1988-Q3"), ("the year-earlier period", "1988-Q3")]


def test_a_fiscal_quarter_starts_another_report(make_doc) -> None:
    text = ("Acme posted third-quarter profit . Zenith posted fiscal second-quarter profit , up from a year ago .")
    assert values(make_doc, text)[-1] == ("a year ago", "1988-Q2")


def test_a_sentence_on_a_longer_stretch_compares_with_the_year_before(make_doc) -> None:
    text = ("Acme posted third-quarter profit of $5 million , up from $4 million a year ago . For the nine months , "
            "net rose to $9 million from $8 million a year earlier . The quarter also had a charge , unlike a year "
            "ago .")
    words = text.split()
    doc = make_doc(words, sent_starts=[i == 0 or words[i - 1] == "." for i in range(len(words))])
    found = [(t.text, t.value) for t in find_timexes(ArticleContext.of(doc, published=REPORTED))]
    assert found == [("third-quarter", "1989-Q3"), ("a year ago", "1988-Q3"), ("nine months", "P9M"),
                     ("a year earlier", "1988"), ("The quarter", "1989-Q3"), ("a year ago", "1988-Q3")]


def test_which_period_ends_first() -> None:
    assert ends("1989-Q2") < ends("1989-Q3") < ends("1989-H2") == ends("1989-Q4") < ends("1990-Q1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks opened in March 1988 . The following month the envoy resigned .",
         [("March 1988", "1988-03"), ("The following month", "1988-04")]),
        ("Rebels took the town on Oct. 23 , 1996 . Two days earlier troops had left .",
         [("Oct. 23, 1996", "1996-10-23"), ("Two days earlier", "1996-10-21")]),
        ("Rebels took the town on Oct. 23 , 1996 . Two days later troops arrived .",
         [("Oct. 23, 1996", "1996-10-23"), ("Two days", "P2D")]),
        ("Rebels took the town on Oct. 23 , 1996 . Earlier that day the army had left .",
         [("Oct. 23, 1996", "1996-10-23"), ("Earlier that day", "1996-10-23")]),
        ("The treaty was signed in 1991 and the next day it was ratified .",
         [("1991", "1991"), ("the next day", "1989-11-03")]),
        ("The treaty was signed in 1991 , and the following year it was ratified .",
         [("1991", "1991"), ("the following year", "1992")]),
        ("The ministers met three years ago .", [("three years ago", "1986")]),
    ],
)
def test_anaphoric_expressions_count_from_the_narrative(make_doc, text: str, expected: list) -> None:
    assert values(make_doc, text) == expected


def test_focus_moves_with_dating_rules_only() -> None:
    start = Focus.start(dt.date(1989, 11, 2))
    moved = start.after("date", "DATE", "1989-03-04")
    assert moved.date == dt.date(1989, 3, 4) and moved.at("D") == dt.date(1989, 3, 4)
    assert moved.after("ago", "DATE", "1985").date == dt.date(1989, 3, 4)
    assert moved.after("duration", "DURATION", "P3Y") == moved
    year = start.after("year", "DATE", "1987")
    assert year.at("Y") == dt.date(1987, 1, 1) and year.at("D") == dt.date(1989, 11, 2)
    assert start.after("quarter", "DATE", "1989-Q3").period == "1989-Q3"
    assert start.after("quarter", "DATE", "1989-Q4").period is None


@pytest.mark.parametrize(
    ("period", "expected"),
    [("1989-Q3", True), ("1989-Q4", False), ("1988-Q4", True), ("1988-Q3", False), ("1989-H1", True),
     ("1989-H2", False), ("1989", False)],
)
def test_ended_within_the_year_before(period: str, expected: bool) -> None:
    assert ended(period, dt.date(1989, 11, 2)) is expected


def test_shift_period() -> None:
    assert shift_period("1989-Q3", -1) == "1988-Q3"
    assert shift_period("1990-H1", 1) == "1991-H1"
    assert shift_period("1990", 1) is None


def test_a_clock_time_without_a_day_is_on_the_narratives_day(make_doc) -> None:
    text = "The envoy was shot on Oct. 23 , 1996 at 10 p.m. , and later in the day police arrived ."
    assert values(make_doc, text) == [("Oct. 23, 1996", "1996-10-23"), ("10 p.m.", "1996-10-23T22:00"),
                                      ("later in the day", "1996-10-23")]
