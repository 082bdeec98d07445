"""Property tests (hypothesis) over the reader, the cleaner, the time normaliser and the coder.

Properties: no exception escapes (bad input is a Skipped or an InputError), and every span a
record gives lies within the text and equals ``text[start:end]``. Each property runs
FUZZ_EXAMPLES examples (100 by default); set EVENTWIRE_FUZZ_EXAMPLES=5000 for a long run.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.clean import clean_article, find_metadata, normalise_date
from eventwire.errors import InputError
from eventwire.models import Article, Result, Skipped
from eventwire.read import article_from_text, decode, read_inputs
from eventwire.stages.time.rules import normalise

FUZZ_EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "100"))
fuzz = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKUP = ["#", "##", "**", "__", "*", "_", "[", "]", "(", ")", "![", "](", "<", ">", "\\", "- ", "1. ", "> ",
          "\n", "\n\n", " ", "\t", "\r\n", "\u00a0", "\u200b", "\u202e", '"', "\u201c", "\u201d", "'", "By ",
          "(Reuters) - ", "Original url:", "http://x.example/2021/03/02/a", "Related:", "Photo:", "---"]
WORDS = ["Ardovia", "Belmark", "minister", "president", "the", "of", "met", "accused", "attacked", "said",
         "praised", "will", "not", "sanctions", "on", "Monday", "next", "week", "July", "12", "2018", "in",
         "Geneva", "Paris", "Iran", "Russia", "Putin", "talks", "army", "troops", "he", "she", "they", ".", ",",
         "\"", "\u201c", "\u201d", "'s", "told", "reporters", "ago", "three", "years", "last", "year", "today"]
TIME_WORDS = ["next", "last", "this", "Monday", "Friday", "July", "12", "2018", "1990s", "week", "month", "year",
              "years", "ago", "three", "early", "late", "mid-", "the", "of", "in", "on", "since", "until", "noon",
              "morning", "tonight", "yesterday", "tomorrow", "spring", "quarter", "first", "Q3", "FY2019", "-",
              "/", ".", ",", "31", "0", "99", "9999", "0001", "-1", "decade", "century", "21st", "now", "past"]

raw_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
markdown = st.lists(st.one_of(st.sampled_from(MARKUP), st.sampled_from(WORDS), raw_text.map(lambda t: t[:20])),
                    max_size=60).map("".join)
prose = st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join)
time_phrase = st.lists(st.sampled_from(TIME_WORDS), min_size=1, max_size=6).map(" ".join)
dates = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat))


def _valid_date(value: str | None) -> bool:
    if value is None:
        return True
    dt.date.fromisoformat(value)
    return True


# --- reader -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz
@given(data=st.binary(max_size=2000))
def test_decode_gives_text_or_says_why(data: bytes) -> None:
    try:
        assert isinstance(decode(data), str)
    except InputError as exc:
        assert str(exc)


@fuzz
@given(data=st.one_of(st.binary(max_size=2000), markdown.map(str.encode)),
       suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".csv"]))
def test_reading_any_file_gives_articles_or_skips(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)]):
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Skipped):
            assert item.reason
        else:
            assert item.text.strip() and _valid_date(item.published)


@fuzz
@given(text=st.one_of(markdown, raw_text), published=st.one_of(st.none(), st.text(max_size=20)),
       clean=st.booleans())
def test_article_from_text_gives_an_article_or_an_input_error(text: str, published: str | None,
                                                              clean: bool) -> None:
    try:
        article = article_from_text(text, published=published, clean=clean)
    except InputError:
        return
    assert article.text.strip() and _valid_date(article.published)
    assert article.text == text or clean


# --- cleaner ------------------------------------------------------------------------------------


@fuzz
@given(text=st.one_of(markdown, raw_text))
def test_the_cleaner_never_raises_and_keeps_verbatim_text_verbatim(text: str) -> None:
    cleaned = clean_article(text)
    assert "\r" not in cleaned.text and "\u202e" not in cleaned.text
    assert cleaned.text == cleaned.text.strip()
    assert _valid_date(cleaned.published)
    assert find_metadata(text).text == text


@fuzz
@given(text=st.one_of(time_phrase, raw_text.map(lambda t: t[:40])))
def test_normalise_date_gives_an_iso_date_or_none(text: str) -> None:
    assert _valid_date(normalise_date(text))


# --- time normaliser ----------------------------------------------------------------------------


@fuzz
@given(text=st.one_of(time_phrase, raw_text.map(lambda t: t[:60])), reference=dates,
       tense=st.sampled_from(["past", "present", "future"]))
def test_normalise_gives_a_timeml_value_or_none(text: str, reference: str | None, tense: str) -> None:
    value = normalise(text, reference, tense)  # type: ignore[arg-type]
    if value is not None:
        kind, timeml = value
        assert kind in {"DATE", "TIME", "DURATION", "SET"}
        assert timeml is None or isinstance(timeml, str)


# --- coder --------------------------------------------------------------------------------------


def _spans(result: Result) -> list[tuple[str, int, int, str | None]]:
    """Every (what, start, end, text) a result points into its article's text with."""
    spans: list[tuple[str, int, int, str | None]] = []
    for actor in result.actors:
        spans += [("mention", m.start, m.end, m.text) for m in actor.mentions]
    for event in result.events:
        spans.append(("trigger", event.trigger.start, event.trigger.end, event.trigger.text))
        spans.append(("sentence", event.sentence.start, event.sentence.end, None))
    for quote in result.quotes:
        spans.append(("quote", quote.start, quote.end, quote.text))
        if quote.speaker:
            spans.append(("speaker", quote.speaker.start, quote.speaker.end, None))
        if quote.cue:
            spans.append(("cue", quote.cue.start, quote.cue.end, quote.cue.text))
    spans += [("timex", t.start, t.end, t.text) for t in result.timexes]
    spans += [("place", p.start, p.end, p.text) for p in result.places]
    return spans


@pytest.mark.model
@fuzz
@given(text=st.one_of(prose, markdown).filter(lambda t: not os.path.exists(t)),  # a path would be read
       published=dates.filter(lambda d: d is None or "1900" <= d <= "2025"))
def test_the_coder_never_raises_and_every_span_is_in_the_text(text: str, published: str | None) -> None:
    import eventwire

    try:
        result = eventwire.extract(text, published=published)
    except InputError:
        return
    body = result.article.text
    for what, start, end, piece in _spans(result):
        assert 0 <= start <= end <= len(body), (what, start, end)
        assert piece is None or body[start:end] == piece, (what, body[start:end], piece)
