"""Cleaning repairs and metadata lifting, one case table per rule (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.clean import (
    clean_article,
    date_line,
    dateline_place,
    find_date,
    find_metadata,
    find_wire,
    normalise_date,
    normalise_unicode,
    rejoin_page_breaks,
    repair_mojibake,
    source_from_url,
    split_blocks,
    strip_dateline,
    strip_emphasis,
    unescape,
    unlink,
)

BODY = "The envoy met the minister in Cairo on Monday to discuss border crossings."
LATER = "Officials said the talks would resume after the holiday."


def article(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Cafe\u0301 talks", "Café talks"),
        ("in\u00a0Kyiv", "in Kyiv"),
        ("10\u202f000 troops", "10 000 troops"),
        ("cease\u200bfire", "ceasefire"),
        ("\ufeffThe envoy", "The envoy"),
        ("line one\r\nline two\rthree", "line one\nline two\nthree"),
        ("“curly” and \"straight\"", "“curly” and \"straight\""),
    ],
)
def test_normalise_unicode(raw: str, expected: str) -> None:
    assert normalise_unicode(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\u00e2\u20ac\u0153We will talk,\u00e2\u20ac\u009d the envoy said", "“We will talk,” the envoy said"),
        ("the envoy\u00e2\u20ac\u2122s visit", "the envoy’s visit"),
        ("a truce \u00e2\u20ac\u201c for now", "a truce – for now"),
        ("talks in Montr\u00c3\u00a9al and Bogot\u00c3\u00a1", "talks in Montréal and Bogotá"),
        ("the Se\u00c3\u00b1or of Gen\u00c3\u00a8ve", "the Señor of Genève"),
    ],
)
def test_mojibake_is_repaired(raw: str, expected: str) -> None:
    assert repair_mojibake(raw) == expected
    assert normalise_unicode(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "“Curly” quotes, ‘single’ ones, dashes – and — and a minus − stay.",
        "Erdoğan met Çavuşoğlu in Zürich; the café served crème brûlée.",
        "Straight \"quotes\" and 'apostrophes', ... and three dots … stay.",
        "Ligatures ﬁ and ﬂ, full-width \uff26, ½ and ™ stay; so does &amp; and <b>.",
        "Â is a letter too: ÂÃÄ at the end of a word, or Ã alone.",
        "Москва и Киев; 北京; القاهرة",
    ],
)
def test_clean_text_is_not_touched_by_the_mojibake_repair(text: str) -> None:
    assert repair_mojibake(text) == text


def test_no_clean_keeps_mojibake_verbatim() -> None:
    raw = article("# Talks in Montr\u00c3\u00a9al", BODY + " \u00e2\u20ac\u0153Yes,\u00e2\u20ac\u009d he said.")
    assert find_metadata(raw).text == raw
    assert find_metadata(raw).title == "Talks in Montréal"
    assert clean_article(raw).text == BODY + " “Yes,” he said."


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("said [the ministry](#) on Monday", "said the ministry on Monday"),
        ("[Ankara](https://example.org/a_b?c=1) said", "Ankara said"),
        ("see [the report](http://example.org/r \"Report\")", "see the report"),
        ("[Why Talks Failed \\(Op-ed\\)](#)", "Why Talks Failed \\(Op-ed\\)"),
        ("a ![map](https://example.org/m.png) here", "a  here"),
        ("the [statement][1] said", "the statement said"),
        ("at <https://example.org/x>", "at https://example.org/x"),
        ("a quote [with Russia] stays", "a quote [with Russia] stays"),
    ],
)
def test_unlink(raw: str, expected: str) -> None:
    assert unlink(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("**Nuclear Deal**", "Nuclear Deal"),
        ("__Aid__ arrives", "Aid arrives"),
        ("an *urgent* appeal", "an urgent appeal"),
        ("the _Guardian_ said", "the Guardian said"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("5 * 3 * 2", "5 * 3 * 2"),
    ],
)
def test_strip_emphasis(raw: str, expected: str) -> None:
    assert strip_emphasis(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [("\\(Op-ed\\)", "(Op-ed)"), ("5\\*3", "5*3"), ("a\\_b", "a_b"), ("plain \\ slash", "plain \\ slash")],
)
def test_unescape(raw: str, expected: str) -> None:
    assert unescape(raw) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["Troops faced U.S. financial", "measures."], ["Troops faced U.S. financial measures."]),
        (['He said: "It has no effect', 'on our mission."'], ['He said: "It has no effect on our mission."']),
        (["The minister, who arrived late,", "said little."], ["The minister, who arrived late, said little."]),
        (["A full sentence.", "lower start here."], ["A full sentence.", "lower start here."]),
        (["An open end", "Upper start here."], ["An open end", "Upper start here."]),
        (['He called it "decisive"', "and left."], ['He called it "decisive"', "and left."]),
        (["Split once", "and again", "and done."], ["Split once and again and done."]),
    ],
)
def test_rejoin_page_breaks(paragraphs: list[str], expected: list[str]) -> None:
    assert rejoin_page_breaks(paragraphs) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("July 12, 2018", "2018-07-12"),
        ("12 July 2018", "2018-07-12"),
        ("2018-07-12", "2018-07-12"),
        ("2018-07-12T10:15:00Z", "2018-07-12"),
        ("Jul. 12, 2018 10:15 GMT", "2018-07-12"),
        ("Sept 3 2019", "2019-09-03"),
        ("3rd of March, 2020", "2020-03-03"),
        ("12.07.2018", "2018-07-12"),
        ("25/07/2018", "2018-07-25"),
        ("07/25/2018", "2018-07-25"),
        ("20180712", "2018-07-12"),
        ("03/04/2018", None),  # ambiguous day and month
        ("2018-02-30", None),
        ("next Monday", None),
        ("", None),
    ],
)
def test_normalise_date(text: str, expected: str | None) -> None:
    assert normalise_date(text) == expected


def test_find_date_gives_the_first_date_and_its_offsets() -> None:
    text = "Signed on 3 May 2021 and ratified on June 1, 2021."
    assert find_date(text) == ("2021-05-03", 10, 20)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("July 12, 2018", "2018-07-12"),
        ("Thursday, July 12, 2018", "2018-07-12"),
        ("Jul. 12, 2018 10:15 GMT", "2018-07-12"),
        ("Published: 12 July 2018 | Updated 3 hours ago", "2018-07-12"),
        ("*2018-07-12*", "2018-07-12"),
        ("Talks ended on July 12, 2018.", None),
        ("July 12, 2018 was a busy day for the ministry", None),
        ("No date here", None),
    ],
)
def test_date_line(line: str, expected: str | None) -> None:
    assert date_line(line) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Reuters", "Reuters"),
        ("By Jane Roe, The Associated Press", "Associated Press"),
        ("By AP", "Associated Press"),
        ("by afp", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("By Jane Roe", None),
        ("APAC desk", None),
    ],
)
def test_find_wire(text: str, expected: str | None) -> None:
    assert find_wire(text) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.themoscowtimes.com/2018/07/12/story-a1", "The Moscow Times"),
        ("https://uk.reuters.com/article/x", "Reuters"),
        ("http://news.example.org/a", "news.example.org"),
        ("https://www.unknown-outlet.example/b", "unknown-outlet.example"),
        ("apnews.com/article/y", "Associated Press"),
        (None, None),
    ],
)
def test_source_from_url(url: str | None, expected: str | None) -> None:
    assert source_from_url(url) == expected


@pytest.mark.parametrize(
    "paragraph, expected, wire",
    [
        ("CAIRO (Reuters) - The envoy arrived.", "The envoy arrived.", "Reuters"),
        ("(Reuters) - The envoy arrived.", "The envoy arrived.", "Reuters"),
        ("WASHINGTON (AP) — The envoy arrived.", "The envoy arrived.", "Associated Press"),
        ("NEW YORK, July 3 (Reuters) - The envoy arrived.", "The envoy arrived.", "Reuters"),
        ("The envoy (Reuters) arrived.", "The envoy (Reuters) arrived.", None),
        ("The envoy arrived.", "The envoy arrived.", None),
    ],
)
def test_strip_dateline(paragraph: str, expected: str, wire: str | None) -> None:
    assert strip_dateline(paragraph) == (expected, wire)


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("CAIRO (Reuters) - The envoy arrived.", "CAIRO"),
        ("NEW YORK, July 3 (Reuters) - The envoy arrived.", "NEW YORK"),
        ("(Reuters) - The envoy arrived.", None),
        ("The envoy (Reuters) arrived.", None),
    ],
)
def test_the_place_of_a_stripped_dateline_is_kept(paragraph: str, place: str | None) -> None:
    assert dateline_place(paragraph) == place
    assert clean_article(f"# Talks\n\n{paragraph}\n\n{LATER}").dateline == place


@pytest.mark.parametrize(
    "text, expected",
    [
        ("one\n\ntwo\n\n\n\nthree", ["one", "two", "three"]),
        ("one\ntwo\nthree", ["one", "two", "three"]),
        ("# Title\nBy Reuters\n\nBody", ["# Title", "By Reuters", "Body"]),
        ("soft\nwrap\n\nnext", ["soft\nwrap", "next"]),
    ],
)
def test_split_blocks(text: str, expected: list[str]) -> None:
    assert split_blocks(text) == expected


# --- whole articles: each rule removes its debris and keeps the body --------------------------


@pytest.mark.parametrize(
    "header, title, wire",
    [
        (["# Envoy Visits Cairo", "By [Reuters](#)"], "Envoy Visits Cairo", "Reuters"),
        (["## Envoy **Visits** Cairo", "By Reuters"], "Envoy Visits Cairo", "Reuters"),
        (["# Envoy Visits Cairo", "By AP"], "Envoy Visits Cairo", "Associated Press"),
        (["# Envoy Visits Cairo", "By Jane Roe and Tom Doe, AFP"], "Envoy Visits Cairo", "AFP"),
        (["Envoy Visits Cairo\n==================", "By Jane Roe"], "Envoy Visits Cairo", None),
        (["By [Reuters](#)"], None, "Reuters"),
    ],
)
def test_title_and_byline_are_lifted(header: list[str], title: str | None, wire: str | None) -> None:
    cleaned = clean_article(article(*header, BODY, LATER))
    assert (cleaned.title, cleaned.wire) == (title, wire)
    assert cleaned.text == f"{BODY}\n\n{LATER}"


@pytest.mark.parametrize(
    "line, published",
    [
        ("July 12, 2018", "2018-07-12"),
        ("12 July 2018", "2018-07-12"),
        ("2018-07-12", "2018-07-12"),
        ("Jul. 12, 2018 10:15 GMT", "2018-07-12"),
        ("Updated: Thursday 12 July 2018 09:30", "2018-07-12"),
    ],
)
def test_date_line_is_lifted(line: str, published: str) -> None:
    cleaned = clean_article(article("# Envoy Visits Cairo", "By Reuters", line, BODY))
    assert cleaned.published == published
    assert cleaned.text == BODY


def test_dated_sentence_in_the_body_stays() -> None:
    sentence = "The treaty was signed on July 12, 2018, in Geneva."
    cleaned = clean_article(article("# Treaty", BODY, sentence))
    assert cleaned.text == f"{BODY}\n\n{sentence}"
    assert cleaned.published is None


@pytest.mark.parametrize(
    "footer",
    [
        ["Original url:", "<https://www.themoscowtimes.com/2019/01/02/envoy-a1>"],
        ["Original url: <https://www.themoscowtimes.com/2019/01/02/envoy-a1>"],
        ["Original URL: https://www.themoscowtimes.com/2019/01/02/envoy-a1"],
        ["<https://www.themoscowtimes.com/2019/01/02/envoy-a1>"],
    ],
)
def test_url_footer_is_lifted(footer: list[str]) -> None:
    cleaned = clean_article(article("# Envoy", BODY, *footer))
    assert cleaned.url == "https://www.themoscowtimes.com/2019/01/02/envoy-a1"
    assert cleaned.source == "The Moscow Times"
    assert cleaned.published == "2019-01-02"  # no date line: the URL's date
    assert cleaned.text == BODY


@pytest.mark.parametrize(
    "debris",
    [
        "The minister at a news conference. [Reuters](#)",
        "Soldiers at a checkpoint near the border. [Jane Roe / AFP](https://example.org/p)",
        "[Kremlin](#)",
        "![A convoy](https://example.org/convoy.jpg)",
        "Photo: Soldiers at a checkpoint near the border.",
        "#### **Related article: [Why the Talks Stalled \\(Op-ed\\)](#)**",
        "Related: [Aid convoys reach the north](#)",
        "READ MORE: Ministers meet in Geneva",
        "---",
        "* * *",
        "#### **Border Talks**",
        "##",
    ],
)
def test_debris_is_dropped(debris: str) -> None:
    cleaned = clean_article(article("# Envoy Visits Cairo", BODY, debris, LATER))
    assert cleaned.text == f"{BODY}\n\n{LATER}"


@pytest.mark.parametrize(
    "block, expected",
    [
        ("The ministry [said](#) it would **respond**.", "The ministry said it would respond."),
        ("> The envoy quoted a\n> letter from the king.", "The envoy quoted a letter from the king."),
        ("- Troops withdrew from the town.", "Troops withdrew from the town."),
        ("Soft wrapped\nlines  with   spaces.", "Soft wrapped lines with spaces."),
        ("He said “we will not yield” to pressure.", "He said “we will not yield” to pressure."),
        ("A long paragraph that ends with a link to the full statement. " * 3 + "[Full text](#)",
         ("A long paragraph that ends with a link to the full statement. " * 3 + "Full text").strip()),
    ],
)
def test_body_repairs(block: str, expected: str) -> None:
    assert clean_article(article("# Envoy", block)).text == expected


def test_page_break_is_rejoined_inside_an_article() -> None:
    raw = article("# Envoy", "Ministers agreed to impose new financial", "measures on the firms.", LATER)
    assert clean_article(raw).text == f"Ministers agreed to impose new financial measures on the firms.\n\n{LATER}"


def test_sentences_starting_with_by_are_body() -> None:
    sentence = "By the end of the year, both armies had withdrawn."
    assert clean_article(article("# Envoy", sentence, BODY)).text == f"{sentence}\n\n{BODY}"


def test_lead_dateline_gives_the_wire() -> None:
    cleaned = clean_article(article("# Envoy", f"CAIRO (Reuters) - {BODY}", LATER))
    assert cleaned.wire == "Reuters"
    assert cleaned.text.startswith("The envoy met")


def test_plain_text_keeps_its_paragraphs_and_has_no_metadata() -> None:
    cleaned = clean_article(f"  {BODY}\n\n\n{LATER}\n")
    assert cleaned.text == f"{BODY}\n\n{LATER}"
    assert (cleaned.title, cleaned.published, cleaned.wire, cleaned.url) == (None, None, None, None)


def test_find_metadata_keeps_the_text_verbatim() -> None:
    raw = article("# Envoy Visits Cairo", "By [AFP](#)", "3 May 2021", BODY, "Original url:", "<https://example.org/e>")
    found = find_metadata(raw)
    assert found.text == raw
    cleaned = clean_article(raw)
    assert (found.title, found.published, found.wire, found.url, found.source) == (
        cleaned.title, cleaned.published, cleaned.wire, cleaned.url, cleaned.source
    ) == ("Envoy Visits Cairo", "2021-05-03", "AFP", "https://example.org/e", "example.org")


@pytest.mark.shared
def test_seed_article_is_cleaned(seed_path: Path) -> None:
    cleaned = clean_article(seed_path.read_text(encoding="utf-8"))
    assert cleaned.title.startswith("Iran Supreme Leader's Advisor Hails")
    assert cleaned.published == "2018-07-12"
    assert cleaned.wire == "Reuters"
    assert cleaned.url.startswith("https://www.themoscowtimes.com/2018/07/12/")
    assert cleaned.source == "The Moscow Times"
    for debris in ("](#)", "Related article", "Original url", "####", "Kremlin", "**"):
        assert debris not in cleaned.text
    assert "financial measures." in cleaned.text
    assert "no effect on our strategic mission" in cleaned.text
    assert "\n\n\n" not in cleaned.text
    assert cleaned.text.startswith("A top advisor to Iran's Supreme Leader")


@pytest.mark.parametrize("url", ["[", "http://[::1", "Original url:["])
def test_source_from_a_broken_url_is_none(url: str) -> None:
    from eventwire.clean import source_from_url

    assert source_from_url(url) is None
