"""Generic actors and agentless events, sentence by sentence, through the whole pipeline.

The table is ``tests/data/generic_actors.tsv`` (its header explains the columns): sector nouns with no name
("police", "riot police", "gunmen", "a suicide bomber") with the country the text gives them and how it was
found, agentless acts whose trigger implies the doer ("five men were arrested in Karachi"), lower-cased and
ALL-CAPS variants, and sentences where nothing is an actor ("the police station", "market forces").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.models import Article, Event, Result

pytestmark = pytest.mark.model

TABLE = Path(__file__).resolve().parent / "data" / "generic_actors.tsv"


@dataclass(frozen=True)
class Row:
    """One sentence of the table and what it must give."""

    line: int
    text: str
    actors: str
    events: str
    absent: str

    @property
    def id(self) -> str:
        return f"{self.line}: {self.text[:48]}"


def table_rows() -> list[Row]:
    rows = []
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    header = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            assert header == ["text", "actors", "events", "absent"], f"{TABLE.name}:{number}: unexpected header"
            continue
        assert len(cells) == 4, f"{TABLE.name}:{number}: four tab-separated cells, not {len(cells)}"
        rows.append(Row(number, *cells))
    return rows


ROWS = table_rows()


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from eventwire.pipeline import Pipeline

    return Pipeline.load()


def code(pipeline, text: str) -> Result:  # type: ignore[no-untyped-def]
    return pipeline.process(Article(id="generic", text=text, published="2020-03-05"))


def matches(event: Event, wanted: str) -> bool:
    """Whether the event is ``CODE SOURCE[@basis] TARGET`` (a two-digit code is a root; "-" is no actor)."""
    code, source, target = wanted.split()
    source_code, _, basis = source.partition("@")
    if not (event.cameo.code == code or (len(code) == 2 and event.cameo.root == code)):
        return False
    got_source = event.source.code if event.source else "-"
    got_target = event.target.code if event.target else "-"
    if basis and (event.source is None or event.source.basis != basis):
        return False
    return got_source == source_code and got_target == target


def describe(result: Result) -> str:
    actors = ", ".join(f"{a.code}/{a.country_basis} {a.name!r}" for a in result.actors)
    events = ", ".join(
        f"{e.cameo.code} {e.source.code if e.source else '-'}@{e.source.basis if e.source else ''}"
        f" {e.target.code if e.target else '-'}" for e in result.events)
    return f"actors: [{actors}]; events: [{events}]"


def test_the_table_has_every_kind_of_sentence() -> None:
    assert len(ROWS) >= 40
    texts = [r.text for r in ROWS]
    assert any(t.islower() for t in texts) and any(t.isupper() for t in texts)
    assert any("@implied" in r.events for r in ROWS) and any("@unattributed" in r.events for r in ROWS)
    assert sum(r.actors == "-" and r.events == "-" for r in ROWS) >= 4  # sentences with no actor meant
    bases = {pair.split("/")[1] for r in ROWS for pair in r.actors.split() if "/" in pair}
    assert bases == {"adjective", "clause", "sentence", "dateline", "article"}


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_generic_actors_and_agentless_events(pipeline, row: Row) -> None:  # type: ignore[no-untyped-def]
    result = code(pipeline, row.text)
    found = describe(result)
    if row.actors == "-":
        assert not result.actors, found
    elif row.actors != "*":
        have = {(a.code, a.country_basis) for a in result.actors}
        for pair in row.actors.split():
            code_, basis = pair.split("/")
            assert (code_, basis) in have, f"missing actor {pair}; {found}"
    if row.events == "-":
        assert not result.events, found
    elif row.events != "*":
        for wanted in (w.strip() for w in row.events.split(";")):
            assert any(matches(e, wanted) for e in result.events), f"missing event {wanted}; {found}"
    if row.absent != "-":
        codes = {a.code for a in result.actors}
        codes |= {r.code for e in result.events for r in (e.source, e.target) if r is not None}
        assert not set(row.absent.split()) & codes, found
