"""Case recovery (eventwire.casing): detection, recovery that keeps every offset, and the same coding for a
text written lower-cased or in capitals as for the cased text (sentences written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.casing import (
    NewsCase,
    Truecaser,
    caps_lines,
    detect,
    key_of,
    lower_keeping_length,
    needs_recovery,
    restore,
    sentence_starts,
    tokens,
)
from eventwire.models import Article, Quote, Result, Span, Speaker

CASED = (
    "The foreign ministers of Iran and Turkey met in Ankara on Monday to discuss the war in Syria. "
    "Officials said the talks would resume in Geneva after the holiday, and that the United Nations "
    "would send an envoy.\n\nA spokesman for the ministry said: \"We will not accept any delay.\""
)
TITLE_CASE = "Iran And Turkey Agree To Resume Talks On Syria After Ankara Meeting"
ONE_CAPITAL = ("The talks that the two delegations held over three long days in a hotel by the lake ended without "
               "any agreement on the questions of the border, the prisoners, the water rights and the trade routes "
               "that both sides had put at the top of their lists before they arrived")


# --- detection ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, case",
    [
        (CASED, "cased"),
        (TITLE_CASE, "cased"),
        (ONE_CAPITAL, "cased"),  # far fewer capitals than news has, but the sentence starts with one
        (CASED.lower(), "lower"),
        (TITLE_CASE.lower(), "lower"),
        (CASED.upper(), "upper"),
        (TITLE_CASE.upper(), "upper"),
        ("iran threatens israel", "lower"),
        ("", "cased"),
        ("ok", "cased"),  # too few letters to say
        ("2021-03-01 12:00", "cased"),
    ],
)
def test_detect(text: str, case: str) -> None:
    assert detect(text) == case


def test_caps_lines_finds_only_headlines_in_capitals() -> None:
    text = "IRAN AND TURKEY AGREE TO RESUME TALKS\n" + CASED + "\nThe UN and NATO said nothing.\nBBC NEWS"
    assert caps_lines(text) == [(0, 37)]
    assert caps_lines(CASED) == []
    assert needs_recovery(text) and not needs_recovery(CASED) and not needs_recovery(TITLE_CASE)


# --- recovery keeps the text but for the case of letters ----------------------------------------------------


def plain_truecaser() -> Truecaser:
    """A truecaser of a few names written here, with a small case model: no data files, no model."""
    names = {key_of(n): n for n in ("New York", "United Nations", "United Nations Security Council", "Iran",
                                     "U.S.", "US", "Ban", "Monday", "The Netherlands")}
    news = NewsCase(
        forms={"us": {"US": 90, "us": 20}, "ban": {"ban": 30, "Ban": 2}, "john": {"John": 12},
               "said": {"said": 300}, "minister": {"minister": 40, "Minister": 4}},
        context={"us <told": (0, 8), "us <the": (40, 0), "us <*": (50, 12), "us >*": (60, 18)},
        ambiguous=frozenset({"us"}),
    )
    return Truecaser(names, news, abbreviations=("mr",))


def test_truecase_names_longest_first_and_sentence_starts() -> None:
    caser = plain_truecaser()
    text = ("the united nations security council met in new york on monday. john said the us told us "
            "that mr. smith and i would go to the netherlands.\nthe ban on visits stays.")
    assert caser.recover(text) == (
        "The United Nations Security Council met in New York on Monday. John said the US told us "
        "that mr. smith and I would go to the Netherlands.\nThe ban on visits stays."
    )


def test_all_caps_is_recovered_the_same_way() -> None:
    caser = plain_truecaser()
    text = "THE UNITED NATIONS MET IN NEW YORK. JOHN SAID IRAN WOULD ATTEND."
    assert caser.recover(text) == "The United Nations met in New York. John said Iran would attend."


def test_cased_text_comes_back_as_it_is() -> None:
    caser = plain_truecaser()
    for text in (CASED, TITLE_CASE, ONE_CAPITAL):
        assert caser.recover(text) is text


def test_a_capitals_line_in_cased_text_is_recovered_alone() -> None:
    caser = plain_truecaser()
    text = "IRAN WILL ATTEND THE TALKS IN NEW YORK\nThe envoy said so on Monday."
    assert caser.recover(text) == "Iran will attend the talks in New York\nThe envoy said so on Monday."


def test_sentence_starts_skip_abbreviation_dots() -> None:
    low = 'he met mr. smith in the u.s. capital. then: "we agree." it ended.'
    toks = tokens(low)
    starts = [t.text for t, s in zip(toks, sentence_starts(low, toks, frozenset({"mr"})), strict=True)
              if s and t.word]
    assert starts == ["he", "then", "we", "it"]


@given(st.text(max_size=300))
def test_recovery_changes_only_the_case_of_letters(text: str) -> None:
    caser = plain_truecaser()
    for variant in (text, text.lower(), text.upper()):
        recovered = caser.recover(variant)
        assert len(recovered) == len(variant)
        assert all(r in {c, c.lower(), c.upper()} for r, c in zip(recovered, variant, strict=True))


@pytest.mark.parametrize("text", ["İSTANBUL IS BIG", "STRASSE UND STRAẞE", "ǅemal said ﬁne", "ŉ ΐ ǰ"])
def test_letters_whose_case_is_longer_keep_their_place(text: str) -> None:
    assert len(lower_keeping_length(text)) == len(text)
    assert len(plain_truecaser().recover(text)) == len(text)


def test_restore_quotes_the_original_at_the_same_offsets() -> None:
    original = "iran said the talks failed."
    recovered = "Iran said the talks failed."
    quote = Quote("q1", "indirect", recovered[10:26], 10, 26, Speaker("a1", "Iran", "IRN", 0, 4),
                  Span(5, 9, recovered[5:9]))
    unknown = Speaker(None, recovered[0:4], None, 0, 4)
    result = Result(Article(id="a", text=original), quotes=(quote,))
    restored = restore(result, recovered, original)
    assert restored.article.text == original
    assert restored.quotes[0].text == original[10:26] and restored.quotes[0].cue == Span(5, 9, "said")
    assert restored.quotes[0].speaker is not None and restored.quotes[0].speaker.name == "Iran"  # an actor's name
    assert restore(unknown, recovered, original).name == "iran"  # the text, when no actor is known


# --- the real data and model ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipe():  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


def test_the_truecaser_of_the_shipped_data() -> None:
    from eventwire.resources import Resources

    caser = Resources.load().truecaser
    text = ("the united nations security council met in new york on tuesday. iran's foreign minister said "
            "turkish forces had shelled kurdish positions near the syrian border, and that the islamic state "
            "group was still active in iraq.")
    assert caser.recover(text) == (
        "The United Nations Security Council met in New York on Tuesday. Iran's foreign minister said "
        "Turkish forces had shelled Kurdish positions near the Syrian border, and that the Islamic State "
        "group was still active in Iraq."
    )
    assert caser.recover("they may come, he told us.") == "They may come, he told us."


SENTENCES = [
    "Iran accused Israel of attacking its nuclear facilities on Monday.",
    "Turkish troops shelled Kurdish positions in northern Syria, the Pentagon said.",
    "Russia and China vetoed a resolution on Syria at the United Nations.",
    "The French president met the German chancellor in Berlin and promised aid to Ukraine.",
]


def coded(pipe, text: str):  # type: ignore[no-untyped-def]
    result = pipe.process(Article(id="t", text=text, published="2021-03-01"))
    actors = sorted((a.code, tuple((m.start, m.end) for m in a.mentions)) for a in result.actors)
    events = sorted((e.cameo.code, e.source.code if e.source else None, e.target.code if e.target else None,
                     e.trigger.start, e.trigger.end) for e in result.events)
    return result, actors, events


@pytest.mark.model
@pytest.mark.parametrize("text", SENTENCES)
def test_lower_and_upper_case_give_the_same_actors_and_events(pipe, text: str) -> None:  # type: ignore[no-untyped-def]
    _, actors, events = coded(pipe, text)
    assert actors and events
    for variant in (text.lower(), text.upper()):
        _, variant_actors, variant_events = coded(pipe, variant)
        assert (variant_actors, variant_events) == (actors, events), variant


@pytest.mark.model
def test_records_of_a_recovered_text_quote_the_text_as_given(pipe) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(SENTENCES).lower()
    result, _, _ = coded(pipe, text)
    assert result.article.text == text
    spans = [m for a in result.actors for m in a.mentions] + [e.trigger for e in result.events]
    spans += [*result.places, *result.timexes, *result.quotes]
    assert spans
    assert all(text[s.start:s.end] == s.text for s in spans)


@pytest.mark.model
def test_cased_text_is_parsed_as_given(pipe) -> None:  # type: ignore[no-untyped-def]
    from eventwire.nlp import original_text, text_of

    doc = pipe.parser(CASED)
    assert text_of(doc) == CASED and original_text(doc) is None
    lowered = pipe.parser(CASED.lower())
    assert original_text(lowered) == CASED.lower() and text_of(lowered) != CASED.lower()
