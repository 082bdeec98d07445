"""Dask: the --dask target, and a LocalCluster run that stores exactly what a single-process run stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ingest import STORIES, rows_of, toy_coder, write_jsonl

from eventwire.distributed import DaskTarget, parse_target
from eventwire.errors import EventwireError
from eventwire.ingest import ingest
from eventwire.settings import Settings


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("local", DaskTarget(None, 3)),
        ("local:2", DaskTarget(None, 2)),
        ("tcp://10.0.0.5:8786", DaskTarget("tcp://10.0.0.5:8786", 0)),
        ("tls://scheduler:8786", DaskTarget("tls://scheduler:8786", 0)),
    ],
)
def test_dask_targets(spec: str, expected: DaskTarget) -> None:
    assert parse_target(spec, default_workers=3) == expected


@pytest.mark.parametrize("spec", ["local:0", "local:two", "scheduler:8786", ""])
def test_bad_dask_targets_say_how_to_write_them(spec: str) -> None:
    with pytest.raises(EventwireError, match="local:N"):
        parse_target(spec, default_workers=1)


def test_a_local_cluster_stores_the_same_rows_as_one_process(tmp_path: Path) -> None:
    texts = STORIES + ["ARDOVIA SHOUTED."] + [s.replace(".", " again.") for s in STORIES]
    path = write_jsonl(tmp_path / "a.jsonl", texts)
    one = Settings(db=str(tmp_path / "one.duckdb"), batch_size=3)
    dask = one.replace(db=str(tmp_path / "dask.duckdb"))
    first = ingest([str(path)], one, progress=False, make_coder=toy_coder)
    second = ingest([str(path)], dask, progress=False, make_coder=toy_coder, dask="local:2")
    assert (second.stored, second.events, len(second.failed)) == (first.stored, first.events, 1) == (10, 10, 1)
    assert rows_of(dask.db) == rows_of(one.db)


NEWS = [
    "Kenya's president met Ethiopia's prime minister in Nairobi on Tuesday to discuss the border dispute. "
    "The two leaders agreed to reopen the crossing at Moyale next month, officials said.",
    "Police in Lima arrested dozens of protesters on Saturday after clashes near the Congress building. "
    "The interior minister accused opposition groups of organising the violence.",
    "Germany criticised Russia on Monday over the detention of a journalist in Moscow. "
    "\u201cThis is unacceptable,\u201d the German foreign minister told reporters in Berlin.",
    "The United Nations appealed for aid to Yemen, where fighting has displaced thousands of families. "
    "Saudi Arabia said it would send food and medicine.",
    "Brazil and Argentina signed a trade agreement in Buenos Aires on Friday.",
]


@pytest.mark.model
def test_every_engine_stores_the_same_rows_with_the_real_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("".join(
        json.dumps({"id": f"news-{i}", "text": text, "published": "2023-03-0" + str(i + 1)}) + "\n"
        for i, text in enumerate(NEWS)), encoding="utf-8")
    base = Settings(db=str(tmp_path / "one.duckdb"), batch_size=2)
    runs = {"one": base, "two": base.replace(db=str(tmp_path / "two.duckdb"), workers=2),
            "dask": base.replace(db=str(tmp_path / "dask.duckdb"))}
    summaries = {name: ingest([str(path)], settings, progress=False, dask="local:2" if name == "dask" else None)
                 for name, settings in runs.items()}
    assert {(s.stored, s.events) for s in summaries.values()} == {(5, summaries["one"].events)}
    assert summaries["one"].events >= 3
    rows = {name: rows_of(settings.db) for name, settings in runs.items()}
    assert rows["one"] == rows["two"] == rows["dask"]
