"""Near-duplicate detection: word shingles, MinHash signatures and story groups."""

from __future__ import annotations

import pytest

from eventwire.analysis.stories import group, shingles

STORY = ("The harbour authority of Port Ardo said on Monday that the new ferry line to Belmark would open in "
         "October, after two years of talks between the governments of Ardovia and Belmark over fees, "
         "timetables and the dredging of the northern channel, which silted up during last winter's storms.")
OTHER = ("Farmers in the Delmont highlands blocked the main road to the capital for a third day on Friday, "
         "demanding higher prices for milk and an end to imports of cheap cheese from their neighbours.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ardovia praised Belmark, again!", {"ardovia praised belmark", "praised belmark again"}),
        ("Two words", {"two", "words"}),
        ("", set()),
    ],
)
def test_shingles_are_lower_cased_word_trigrams(text: str, expected: set[str]) -> None:
    assert shingles(text) == expected


def test_republished_versions_form_one_story_and_others_stay_apart() -> None:
    trimmed = STORY.rsplit(",", 1)[0] + "."
    extended = "PORT ARDO (Wire) - " + STORY + " Ferry owners welcomed the news."
    members = group(["a", "b", "c", "d"], [STORY, trimmed, OTHER, extended])
    stories = {m.article_key: m.story_id for m in members}
    assert stories["a"] == stories["b"] == stories["d"] != stories["c"]
    similarity = {m.article_key: m.similarity for m in members}
    assert similarity["a"] == 1.0 and 0.5 <= similarity["b"] < 1.0 and similarity["c"] == 1.0


def test_story_ids_do_not_depend_on_order() -> None:
    first = group(["a", "b", "c"], [STORY, OTHER, STORY + " More."])
    second = group(["c", "b", "a"], [STORY + " More.", OTHER, STORY])
    assert first == second


def test_a_high_threshold_separates_edited_versions() -> None:
    edited = STORY.replace("October", "November").replace("two years", "three years") + " Officials agreed."
    assert len({m.story_id for m in group(["a", "b"], [STORY, edited], threshold=0.5)}) == 1
    assert len({m.story_id for m in group(["a", "b"], [STORY, edited], threshold=0.95)}) == 2


def test_keys_and_texts_must_pair_up() -> None:
    with pytest.raises(ValueError, match="one text per key"):
        group(["a", "b"], [STORY])
