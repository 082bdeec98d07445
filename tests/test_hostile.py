"""Hostile input: every file of the generated corpus ends in a recorded skip or sensible output, in time.

Time bounds (docs/reliability.md): reading and cleaning take at most READ_SECONDS per input up to
``max_chars``; coding takes at most CODE_SECONDS for an article of CODE_SENTENCES sentences.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from hostile.make_corpus import LEAD, Case, make_corpus

from eventwire.clean import clean_article
from eventwire.errors import InputError
from eventwire.ids import content_hash
from eventwire.models import Article, Skipped
from eventwire.read import article_from_text, read_inputs

READ_SECONDS = 5.0
CODE_SECONDS = 10.0
CODE_SENTENCES = 1_000
INGEST_MAX_CHARS = 20_000  # the corpus ingest skips the 10,000-sentence article as too long
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Case]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, {case.name: case for case in make_corpus(root)}


def _timed_read(path: Path, **options) -> tuple[list[Article | Skipped], float]:
    started = time.perf_counter()
    items = list(read_inputs([str(path)], **options))
    return items, time.perf_counter() - started


def _outcome(item: Article | Skipped) -> str:
    return item.reason.lower() if isinstance(item, Skipped) else "article"


def test_the_corpus_covers_every_hostile_kind(corpus: tuple[Path, dict[str, Case]]) -> None:
    root, cases = corpus
    assert len(cases) >= 20
    assert (root / "big_50mb.txt").stat().st_size >= 50 * 2**20
    assert {"skip", "article", "jsonl"} == {case.expect for case in cases.values()}


@pytest.mark.parametrize("name", [
    "empty.txt", "whitespace.txt", "binary.txt", "binary_no_nul.txt", "big_50mb.txt", "sentences_10k.txt",
    "invalid_utf8.txt", "utf16_le_bom.txt", "utf16_be_bom.txt", "scripts.html", "deep_nesting.html",
    "entity_bomb.html", "malformed.jsonl", "no_date.txt", "impossible_date.txt", "future_date.txt",
    "french.txt", "chinese.txt", "arabic_rtl.txt", "bidi_controls.txt", "only_quotes.txt",
    "unbalanced_quotes.txt", "markdown_bomb.md",
])
def test_each_hostile_file_is_read_or_skipped_in_time(corpus: tuple[Path, dict[str, Case]], name: str) -> None:
    root, cases = corpus
    case = cases[name]
    items, seconds = _timed_read(root / name)
    assert seconds < READ_SECONDS, f"reading {name} took {seconds:.1f} s"
    outcomes = [_outcome(item) for item in items]
    if case.expect == "jsonl":
        assert len(outcomes) == len(case.lines)
        assert all(want in got for want, got in zip(case.lines, outcomes, strict=False)), outcomes
    elif case.expect == "skip":
        assert len(outcomes) == 1 and case.reason in outcomes[0], outcomes
    else:
        assert outcomes == ["article"]
        assert items[0].text.strip() and "\ufffd" not in items[0].text


@pytest.mark.parametrize("name, absent", [
    ("scripts.html", ("<script", "alert(", "<iframe", "onerror")),
    ("entity_bomb.html", ("lollol", "&lol")),
    ("bidi_controls.txt", ("\u202e", "\u202c", "\u200f")),
])
def test_active_content_does_not_reach_the_text(corpus: tuple[Path, dict[str, Case]], name: str,
                                                absent: tuple[str, ...]) -> None:
    root, _ = corpus
    (article,) = read_inputs([str(root / name)])
    assert isinstance(article, Article)
    assert not [piece for piece in absent if piece in article.text]


@pytest.mark.parametrize("name", ["future_date.txt", "impossible_date.txt", "no_date.txt"])
def test_unusable_dates_in_the_text_leave_the_article_undated(corpus: tuple[Path, dict[str, Case]],
                                                              name: str) -> None:
    root, _ = corpus
    (article,) = read_inputs([str(root / name)])
    assert isinstance(article, Article) and article.published is None


@pytest.mark.parametrize("published, fragment", [
    ("2999-01-01", "in the future"),
    ("2021-02-30", "cannot read the date"),
    ("yesterday-ish", "cannot read the date"),
])
def test_a_given_date_that_cannot_be_right_is_refused(published: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        article_from_text(LEAD, published=published)


@pytest.mark.parametrize("piece", [
    "**a ", "__a ", "*a ", "_a ", "[a\\", "[a\\]", "[a](", "![", "![a](", "[a](b \"", "[a][", "<a@b-",
    "x. [a](", "# a  ", "#", "> ", "- ", "1. ", "a\n", "a\n\n", "\\", "(Reuters) -", "12/12/", "By A ",
    "\u202e", "\u00a0", "\"", "\u201c",
])
def test_the_cleaner_stays_fast_on_repeated_markdown_pieces(piece: str) -> None:
    text = piece * (200_000 // len(piece))
    started = time.perf_counter()
    clean_article(text)
    assert time.perf_counter() - started < READ_SECONDS / 2


def _corpus_rows(db: Path) -> tuple[set[str], set[str]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        keys = {row[0] for row in connection.execute("SELECT key FROM articles").fetchall()}
        origins = {row[0] for row in connection.execute("SELECT origin FROM errors").fetchall()}
    return keys, origins


@pytest.mark.model
def test_ingest_goes_through_the_corpus_and_the_errors_table_agrees(
    corpus: tuple[Path, dict[str, Case]], tmp_path: Path
) -> None:
    root, _ = corpus
    db = tmp_path / "hostile.duckdb"
    env = {**os.environ, "EVENTWIRE_MAX_CHARS": str(INGEST_MAX_CHARS)}
    done = subprocess.run([EVENTWIRE, "ingest", str(root), "--db", str(db), "--no-progress"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    items = list(read_inputs([str(root)], max_chars=INGEST_MAX_CHARS))
    articles = {content_hash(item.text) for item in items if isinstance(item, Article)}
    skipped = {item.origin for item in items if isinstance(item, Skipped)}
    assert str(root / "sentences_10k.txt") in skipped and len(articles) >= 12
    assert _corpus_rows(db) == (articles, skipped)


@pytest.mark.model
def test_a_long_article_is_coded_within_the_time_bound() -> None:
    from eventwire.api import pipeline

    sentences = "".join(f"The minister of Ardovia met the envoy of Belmark in Geneva on day {i}. "
                        for i in range(CODE_SENTENCES))
    article = article_from_text(sentences, published="2021-03-02")
    coder = pipeline()
    started = time.perf_counter()
    _code_with_deadline(coder, article, CODE_SECONDS)
    assert time.perf_counter() - started < CODE_SECONDS


def _code_with_deadline(coder, article: Article, seconds: float) -> None:
    """Code ``article``, giving up (with TimeoutError) after ``seconds``."""
    import signal

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError(f"coding took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        coder.process(article)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
