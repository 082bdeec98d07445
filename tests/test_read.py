"""Reading inputs: every input kind, every skip reason, stdin, ids and metadata precedence."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.models import Article, Skipped
from eventwire.read import _Options, _read_jsonl, article_from_text, article_id, decode, read_inputs

ROOT = Path(__file__).resolve().parent.parent
BODY = "The envoy met the minister in Cairo on Monday to discuss border crossings."
LATER = "Officials said the talks would resume after the holiday."
MARKDOWN = (
    f"# Envoy Visits Cairo\n\nBy [AFP](#)\n\n3 May 2021\n\n{BODY}\n\n{LATER}\n\n"
    "Original url:\n\n<https://www.bbc.com/news/2021/05/03/envoy>\n"
)
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Envoy Visits Cairo | Desk</title>
<meta property="og:title" content="Envoy Visits Cairo">
<meta property="og:site_name" content="Nile Desk">
<meta property="og:url" content="https://www.niledesk.example/2021/05/03/envoy">
<meta property="article:published_time" content="2021-05-03T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Envoy Visits Cairo</h1>
<p>{p1}</p><p>{p2}</p><p>{p3}</p></article><footer>All rights reserved. <a href="/terms">Terms</a></footer></body></html>
"""
PARAGRAPHS = {
    "p1": "The special envoy met the Egyptian foreign minister in Cairo on Monday to discuss the reopening of "
    "border crossings for aid convoys, officials from both sides said after the meeting ended.",
    "p2": "The envoy told reporters that both governments wanted trucks carrying food and medicine to move "
    "through the crossing every day, and that inspections would be shared between the two sides.",
    "p3": "The minister said Egypt was ready to host a follow-up round of talks next month and urged donors "
    "to pay the pledges they had made at the spring conference in Geneva.",
}


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def read_all(*paths: str, **options) -> list[Article | Skipped]:
    return list(read_inputs(paths, **options))


# --- ids and article_from_text ---------------------------------------------------------------


def test_article_id_is_a_stable_content_hash() -> None:
    assert article_id(BODY) == article_id(BODY)
    assert article_id(BODY) != article_id(LATER)
    assert article_id(BODY).startswith("art-") and len(article_id(BODY)) == 20


def test_article_from_text_lifts_metadata_and_hashes_the_clean_text() -> None:
    article = article_from_text(MARKDOWN, origin="x.md")
    assert article.text == f"{BODY}\n\n{LATER}"
    assert article.id == article_id(article.text)
    assert (article.title, article.published, article.wire, article.source, article.origin) == (
        "Envoy Visits Cairo", "2021-05-03", "AFP", "BBC", "x.md"
    )


@pytest.mark.parametrize(
    "published, expected",
    [("2019-01-02", "2019-01-02"), ("January 2, 2019", "2019-01-02"), ("2 Jan 2019 10:00 UTC", "2019-01-02")],
)
def test_explicit_date_wins_and_is_normalised(published: str, expected: str) -> None:
    assert article_from_text(MARKDOWN, published=published).published == expected


def test_explicit_metadata_wins() -> None:
    article = article_from_text(
        MARKDOWN, title="Another Title", url="https://www.theguardian.com/x", wire="Reuters", id="my-id"
    )
    assert (article.title, article.url, article.source, article.wire, article.id) == (
        "Another Title", "https://www.theguardian.com/x", "The Guardian", "Reuters", "my-id"
    )
    assert article_from_text(MARKDOWN, source="Nile Desk").source == "Nile Desk"


def test_no_clean_keeps_the_text_verbatim_with_its_metadata() -> None:
    article = article_from_text(MARKDOWN, clean=False)
    assert article.text == MARKDOWN
    assert (article.title, article.published, article.wire) == ("Envoy Visits Cairo", "2021-05-03", "AFP")


@pytest.mark.parametrize(
    "text, options, reason",
    [
        ("   \n\t ", {}, "empty"),
        ("# Only A Title\n\nBy Reuters\n\nJuly 1, 2020\n", {}, "no article text is left"),
        (BODY, {"published": "next Tuesday"}, "write it as YYYY-MM-DD"),
        (BODY, {"published": "03/04/2019"}, "write it as YYYY-MM-DD"),
    ],
)
def test_article_from_text_errors_say_what_to_do(text: str, options: dict, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        article_from_text(text, **options)


# --- decoding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        "Envoy in Kraków".encode(),
        "Envoy in Kraków".encode("utf-8-sig"),
        "Envoy in Kraków".encode("utf-16"),  # with BOM
        b"\xfe\xff" + "Envoy in Kraków".encode("utf-16-be"),
    ],
)
def test_decode_accepts_utf8_and_utf16_with_bom(data: bytes) -> None:
    assert decode(data) == "Envoy in Kraków"


# --- each input kind -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["story.md", "story.txt", "story.markdown", "story"])
def test_text_and_markdown_files(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, MARKDOWN)
    (article,) = read_all(path)
    assert isinstance(article, Article)
    assert (article.origin, article.title, article.published) == (path, "Envoy Visits Cairo", "2021-05-03")


def test_html_page_uses_trafilatura_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE.format(**PARAGRAPHS))
    (article,) = read_all(path)
    assert isinstance(article, Article), article
    assert article.title == "Envoy Visits Cairo"
    assert article.published == "2021-05-03"
    assert article.source == "Nile Desk"
    assert article.url == "https://www.niledesk.example/2021/05/03/envoy"
    assert article.text.startswith("The special envoy met")
    assert "Home" not in article.text and "rights reserved" not in article.text
    assert article.text.count("\n\n") == 2


def test_json_object_and_list(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"text": BODY, "title": "Envoy", "published": "2020-02-03"}))
    many = write(tmp_path / "many.json", json.dumps([{"text": BODY, "id": 7}, {"text": LATER}]))
    first, second, third = read_all(one, many)
    assert (first.origin, first.title, first.published, first.id) == (one, "Envoy", "2020-02-03", article_id(BODY))
    assert (second.origin, second.id) == (f"{many}[0]", "7")
    assert (third.origin, third.text) == (f"{many}[1]", LATER)


def test_jsonl_lines_keep_user_ids_and_fields(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "text": BODY, "title": "Envoy", "published": "4 March 2019", "url": "https://apnews.com/x"},
        {"text": LATER, "source": "Nile Desk", "wire": "Reuters"},
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    first, second = read_all(path)
    assert (first.id, first.origin, first.title, first.published, first.source) == (
        "a1", f"{path}:1", "Envoy", "2019-03-04", "Associated Press"
    )
    assert (second.id, second.origin, second.source, second.wire) == (
        article_id(LATER), f"{path}:2", "Nile Desk", "Reuters"
    )


def test_jsonl_is_read_a_line_at_a_time() -> None:
    lines = b"".join(json.dumps({"text": f"{BODY} Line {i}."}).encode() + b"\n" for i in range(200))
    stream = io.BytesIO(lines)
    items = _read_jsonl(stream, "batch.jsonl", _Options(clean=True, max_chars=10_000))
    assert isinstance(next(items), Article)
    assert stream.tell() < len(lines) // 10
    assert len(list(items)) == 199


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.md", f"# B\n\n{BODY}")
    write(tmp_path / "a.txt", f"# A\n\n{BODY}")
    write(tmp_path / "sub" / "c.md", f"# C\n\n{BODY}")
    write(tmp_path / "sub" / "deeper" / "d.txt", f"# D\n\n{BODY}")
    write(tmp_path / ".hidden.md", f"# H\n\n{BODY}")
    write(tmp_path / ".git" / "e.md", f"# E\n\n{BODY}")
    titles = [item.title for item in read_all(str(tmp_path))]
    assert titles == ["A", "B", "C", "D"]
    assert titles == [item.title for item in read_all(str(tmp_path))]


def test_unknown_file_types_in_a_folder_are_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path / "a.md", BODY)
    write(tmp_path / "scan.pdf", b"%PDF-1.4")
    article, skipped = read_all(str(tmp_path))
    assert isinstance(article, Article)
    assert isinstance(skipped, Skipped) and "not an article file" in skipped.reason


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, MARKDOWN.encode())
    (article,) = read_all("-")
    assert (article.origin, article.title, article.text) == ("<stdin>", "Envoy Visits Cairo", f"{BODY}\n\n{LATER}")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, b'{"id": "x", "text": "%s"}\n\n{"text": "%s"}\n' % (BODY.encode(), LATER.encode()))
    first, second = read_all("-")
    assert (first.id, first.origin, second.origin) == ("x", "<stdin>:1", "<stdin>:3")


def test_stdin_with_a_non_object_line_is_one_text(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, b'{"text": "a"}\nThe envoy arrived in Cairo.\n')
    (article,) = read_all("-")
    assert article.origin == "<stdin>" and "The envoy arrived" in article.text


# --- skip reasons: never an exception, always a reason ---------------------------------------


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n\t \n", "empty"),
        ("nul.txt", b"The envoy\x00\x01\x02 arrived", "binary"),
        ("control.txt", bytes(range(1, 9)) * 20 + b"text", "binary"),
        ("latin1.txt", "Envoy in Kraków".encode("latin-1"), "not UTF-8"),
        ("long.txt", ("word " * 40).encode(), "too long"),
        ("nothing.md", b"# Title Only\n\nBy Reuters\n", "no article text"),
        ("bad.json", b'{"text": "unterminated', "malformed JSON"),
        ("notext.json", b'{"title": "No body"}', "no 'text'"),
        ("number.json", b"42", "expected a JSON object"),
        ("emptylist.json", b"[]", "empty"),
        ("badtitle.json", b'{"text": "The envoy arrived.", "title": 5}', "'title' must be a string"),
        ("empty.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = write(tmp_path / name, content)
    (item,) = read_all(path, max_chars=100)
    assert isinstance(item, Skipped)
    assert item.origin == path
    assert reason in item.reason


def test_missing_path_is_skipped(tmp_path: Path) -> None:
    (item,) = read_all(str(tmp_path / "nowhere.md"))
    assert item == Skipped(str(tmp_path / "nowhere.md"), "no such file or folder; check the path")


def test_bad_jsonl_lines_are_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY}),
        '{"text": "unterminated',
        json.dumps({"title": "no text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "x" * 500}),
        json.dumps({"text": BODY, "published": "sometime"}),
        json.dumps({"text": LATER}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = read_all(path, max_chars=200)
    assert [type(item).__name__ for item in items] == ["Article"] + ["Skipped"] * 5 + ["Article"]
    reasons = [item.reason for item in items if isinstance(item, Skipped)]
    assert "malformed JSON on line 2" in reasons[0]
    assert "no 'text'" in reasons[1]
    assert "expected a JSON object" in reasons[2]
    assert "line 5" in reasons[3] or "too long" in reasons[3]
    assert "YYYY-MM-DD" in reasons[4]
    assert [item.origin for item in items][1:3] == [f"{path}:2", f"{path}:3"]


def test_undecodable_jsonl_line_is_skipped(tmp_path: Path) -> None:
    good = [json.dumps({"text": text}).encode() for text in (BODY, LATER)]
    data = good[0] + b"\n" + b'{"text": "Krak\xf3w"}\n' + good[1]
    items = read_all(write(tmp_path / "mixed.jsonl", data))
    assert [type(item).__name__ for item in items] == ["Article", "Skipped", "Article"]
    assert "not valid UTF-8" in items[1].reason


def test_utf16_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.jsonl", (json.dumps({"text": BODY}) + "\n").encode("utf-16"))
    (article,) = read_all(path)
    assert article.text == BODY


# --- the example corpus and the seed ---------------------------------------------------------


def test_example_corpus_reads_cleanly() -> None:
    items = read_all(str(ROOT / "examples" / "articles"))
    assert len(items) == 8
    assert all(isinstance(item, Article) for item in items), [i for i in items if isinstance(i, Skipped)]
    assert all(item.title and item.published for item in items)
    assert len({item.id for item in items}) == 8
    for item in items:
        assert "](" not in item.text and "Original url" not in item.text and "Related article" not in item.text
        if ".jsonl:" not in item.origin:
            assert 200 <= len(item.text.split()) <= 500, item.origin


@pytest.mark.shared
def test_seed_article_is_read(seed_path: Path) -> None:
    (article,) = read_all(str(seed_path))
    assert isinstance(article, Article)
    assert article.title.startswith("Iran Supreme Leader's Advisor Hails")
    assert (article.published, article.wire, article.source) == ("2018-07-12", "Reuters", "The Moscow Times")
    assert article.url.startswith("https://www.themoscowtimes.com/2018/07/12/")
    assert "](#)" not in article.text
    assert "Related article" not in article.text and "Original url" not in article.text
    assert "financial measures." in article.text
    assert "no effect on our strategic mission" in article.text
    assert article.origin == str(seed_path)
    verbatim = read_all(str(seed_path), clean=False)[0]
    assert verbatim.text == seed_path.read_text(encoding="utf-8")
    assert verbatim.published == "2018-07-12" and verbatim.id != article.id
