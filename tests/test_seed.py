"""End to end on the canonical wire story (read from ../shared/seed, never copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.models import Event, Result

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def seed(request: pytest.FixtureRequest) -> Result:
    from conftest import shared_path

    return eventwire.extract(shared_path("seed", "000_d0042f3ec4aaeb2c.txt"))


def find(result: Result, source: str, root: str, target: str | None) -> list[Event]:
    """Events whose source and target countries and CAMEO root match."""
    return [
        e for e in result.events
        if e.source and e.source.country == source and e.cameo.root == root
        and ((e.target.country if e.target else None) == target)
    ]


def test_metadata(seed: Result) -> None:
    article = seed.article
    assert article.title.startswith("Iran Supreme Leader's Advisor Hails")
    assert article.published == "2018-07-12"
    assert article.wire == "Reuters"
    assert article.url.startswith("https://www.themoscowtimes.com/2018/07/12/") and article.url.endswith("-a62221")


def test_offsets_index_the_text(seed: Result) -> None:
    text = seed.article.text
    for event in seed.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
    for quote in seed.quotes:
        assert text[quote.start:quote.end] == quote.text
    for actor in seed.actors:
        assert all(text[m.start:m.end] == m.text for m in actor.mentions)


def test_iran_praises_russia(seed: Result) -> None:
    assert find(seed, "IRN", "05", "RUS")


def test_iran_criticises_the_united_states_on_wednesday(seed: Result) -> None:
    events = find(seed, "IRN", "11", "USA")
    assert events
    assert any(e.date and e.date.value == "2018-07-11" for e in events)


def test_israel_uses_force_against_iran(seed: Result) -> None:
    assert find(seed, "ISR", "19", "IRN")


def test_trump_putin_meeting_in_helsinki_next_monday(seed: Result) -> None:
    meetings = [
        e for e in seed.events
        if e.cameo.root in {"03", "04"} and e.source and e.target
        and {e.source.country, e.target.country} == {"USA", "RUS"}
    ]
    assert meetings
    assert any(e.date and e.date.value == "2018-07-16" for e in meetings)
    assert any(e.location and e.location.country == "FIN" and e.location.name == "Helsinki" for e in meetings)


def test_quotes_with_speakers(seed: Result) -> None:
    only = [q for q in seed.quotes if q.text.startswith("Only a strategic and long-term relationship")]
    assert only and only[0].kind == "direct"
    assert only[0].speaker and "Velayati" in only[0].speaker.name
    broken = [q for q in seed.quotes if q.text.startswith("His presence or absence")]
    assert broken and broken[0].text.endswith("mission in Moscow.")
    assert "\n" not in broken[0].text


def test_cli_extract_jsonl(tmp_path: Path) -> None:
    from conftest import shared_path

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["extract", str(shared_path("seed", "000_d0042f3ec4aaeb2c.txt")),
                                       "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["article"]["published"] == "2018-07-12" and data["article"]["wire"] == "Reuters"
    assert data["events"] and {"cameo", "plover", "modality", "trigger"} <= set(data["events"][0])
