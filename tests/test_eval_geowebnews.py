"""GeoWebNews evaluation: gold parsing, span matching, metrics, and a small real run."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path

from eventwire.errors import EvaluationError
from eventwire.evaluate.geowebnews import (
    MAX_ERROR_KM,
    GoldArticle,
    Toponym,
    error_km,
    evaluate,
    load_articles,
    metrics,
    score_article,
)
from eventwire.models import Place

# An article we wrote, in the layout of GWN.xml.
GOLD_XML = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>Test</title>
    <text>Rain fell on Lisbon. The Turkish side met Oslo officials.</text>
    <toponyms>
      <toponym><extractedName>Lisbon</extractedName><normalisedName>Lisbon</normalisedName><type>Literal</type>
        <start>13</start><end>19</end><latitude>38.72</latitude><longitude>-9.13</longitude></toponym>
      <toponym><extractedName>Turkish</extractedName><type>Non_Literal_Modifier</type>
        <modifierType>Adjective</modifierType><start>25</start><end>32</end>
        <latitude>39.0</latitude><longitude>35.0</longitude></toponym>
      <toponym><extractedName>Oslo</extractedName><type>Literal_Modifier</type><modifierType>Noun</modifierType>
        <start>42</start><end>46</end><latitude>59.91</latitude><longitude>10.75</longitude></toponym>
      <toponym><extractedName>side</extractedName><type>Non_Lit_Expression</type><start>33</start><end>37</end></toponym>
    </toponyms>
  </article>
</articles>
"""


def place(text: str, start: int, lat: float | None = None, lon: float | None = None) -> Place:
    return Place(text, start, start + len(text), text if lat is not None else None, None, lat, lon, None)


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "GWN.xml").write_text(GOLD_XML, encoding="utf-8")
    return tmp_path


@pytest.fixture
def article(gold_dir: Path) -> GoldArticle:
    return load_articles(gold_dir)[0]


def test_load_keeps_place_names_and_leaves_out_adjectives(article: GoldArticle) -> None:
    assert article.id == "7"
    assert [t.text for t in article.toponyms] == ["Lisbon", "Oslo"]
    assert [t.text for t in article.left_out] == ["Turkish"]
    assert all(article.text[t.start:t.end] == t.text for t in article.toponyms)


def test_missing_gold_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="GeoWebNews folder"):
        load_articles(tmp_path)


@pytest.mark.parametrize(
    ("places", "exact", "overlap", "predicted"),
    [
        ([place("Lisbon", 13), place("Oslo", 42)], 2, 2, 2),
        ([place("on Lisbon", 10)], 0, 1, 1),
        ([place("Turkish", 25)], 0, 0, 0),  # on a left-out adjective: counts neither way
        ([place("Rain", 0), place("Lisbon", 13)], 1, 1, 2),
        ([], 0, 0, 0),
    ],
)
def test_score_article(article: GoldArticle, places, exact: int, overlap: int, predicted: int) -> None:
    scored = score_article(article, places)
    assert (scored.exact, len(scored.overlap), scored.predicted) == (exact, overlap, predicted)


@pytest.mark.parametrize(
    ("lat", "lon", "low", "high"), [(38.72, -9.13, 0, 1), (40.42, -3.70, 450, 520), (None, None, MAX_ERROR_KM, MAX_ERROR_KM)]
)
def test_error_km(lat, lon, low: float, high: float) -> None:
    gold = Toponym(0, 6, "Lisbon", "Lisbon", 38.72, -9.13)
    assert low <= error_km(gold, place("Lisbon", 0, lat, lon)) <= high


def test_metrics(article: GoldArticle) -> None:
    places = [place("Lisbon", 13, 38.7, -9.1), place("Oslo", 42, 40.0, -3.0), place("Rain", 0)]
    result = metrics([article], [score_article(article, places)])
    assert result["exact_precision"] == pytest.approx(2 / 3)
    assert result["exact_recall"] == 1.0
    assert result["accuracy_161km"] == 0.5
    assert result["median_error_km"] > 161
    assert 0 < result["auc"] < 1


@pytest.mark.model
@pytest.mark.shared
def test_evaluate_small_run() -> None:
    report = evaluate(shared_path("data", "geoparsing"), limit=5)
    assert report.dataset == "geowebnews" and report.documents == 5 and report.seconds > 0
    assert report.counts["gold_toponyms"] > 0
    assert report.metrics["overlap_f1"] > 0.5
    assert set(report.peers["naive"]) == set(report.metrics)
    assert len(report.misses) <= 10
