"""The country an article names most."""

from __future__ import annotations

from eventwire.stages.countries import most_named


def test_the_country_named_most_wins_and_a_tie_goes_to_the_first_named() -> None:
    assert most_named(["FRA", "DEU", "DEU", None]) == "DEU"
    assert most_named(["FRA", "DEU", "DEU", "FRA"]) == "FRA"
    assert most_named([None, ""]) is None


def test_a_dominant_country_has_at_least_half_of_the_names() -> None:
    assert most_named(["FRA", "DEU", "ITA"], dominant=True) is None
    assert most_named(["FRA", "DEU", "FRA", "ITA"], dominant=True) == "FRA"
