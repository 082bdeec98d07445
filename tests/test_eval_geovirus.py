"""GeoVirus evaluation: gold parsing (offsets counted from 1, names searched for nearby) and scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EvaluationError
from eventwire.evaluate.geovirus import load_articles
from eventwire.evaluate.geowebnews import metrics, score_article
from eventwire.models import Place

# An article we wrote, in the layout of GeoVirus.xml: Lima's offsets are counted from 1, Cusco's are off by 4.
GOLD_XML = """<articles>
  <article>
    <source>https://example.org/outbreak</source>
    <text>Cases rose in Lima and in Cusco this week.</text>
    <locations>
      <location><name>Lima</name><start>15</start><end>19</end><lat>-12.05</lat><lon>-77.04</lon>
        <page>https://example.org/Lima</page></location>
      <location><name>Cusco</name><start>31</start><end>36</end><lat>-13.53</lat><lon>-71.97</lon>
        <page>https://example.org/Cusco</page></location>
      <location><name>Quito</name><start>2</start><end>7</end><lat>-0.22</lat><lon>-78.51</lon>
        <page>https://example.org/Quito</page></location>
    </locations>
  </article>
</articles>"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    (tmp_path / "Corpora").mkdir()
    (tmp_path / "Corpora" / "GeoVirus.xml").write_text(GOLD_XML, encoding="utf-8")
    return tmp_path


def test_gold_offsets_are_repaired(data_dir: Path) -> None:
    (article,) = load_articles(data_dir)
    spans = [(t.text, article.text[t.start:t.end], t.lat) for t in article.toponyms]
    assert spans == [("Lima", "Lima", -12.05), ("Cusco", "Cusco", -13.53)]  # Quito is not in the text


def test_scoring_counts_hits_within_161_km(data_dir: Path) -> None:
    (article,) = load_articles(data_dir)
    lima = Place("Lima", 13, 17, "Lima", "PER", -12.04, -77.03, 3936728, "city")
    wrong_cusco = Place("Cusco", 25, 30, "Cusco", "PER", -12.05, -77.04, None, "city")
    scored = score_article(article, [lima, wrong_cusco])
    result = metrics([article], [scored])
    assert result["overlap_f1"] == 1.0 and result["accuracy_161km"] == 0.5


def test_a_missing_file_says_where_to_look(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"GeoVirus\.xml"):
        load_articles(tmp_path)
