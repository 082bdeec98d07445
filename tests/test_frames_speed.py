"""Frame lookups that are kept or read from arrays give the same frames as building them word by word."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire.lexicons.triggers import Entry, EntryRows, TriggerTable, WordFrames, entries_for, frames_for
from eventwire.nlp import blank
from eventwire.stages.events.frames import framed_words


def _doc() -> Doc:
    words = ["Troops", "attacked", "the", "town", ".", "It", "was", "quiet", "and", "calm"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "AUX", "ADJ", "CCONJ", "ADJ"]
    starts = [True, False, False, False, False, True, False, False, False, False]
    return Doc(blank().vocab, words=words, pos=pos, sent_starts=starts)


def test_framed_words_are_the_nouns_verbs_and_adjectives_of_their_sentence() -> None:
    first, second = _doc().sents
    assert [t.text for t in framed_words(first)] == ["Troops", "attacked", "town"]
    assert [t.text for t in framed_words(second)] == ["quiet", "calm"]


def test_forms_of_one_word_share_its_frames() -> None:
    table = TriggerTable.of([Entry("attack", "190"), Entry("attack", "195", object=frozenset({"air"}))])
    attacked = frames_for(table, "verb", "attacked", "attack")
    assert frames_for(table, "verb", "attacks", "attack") is attacked
    assert attacked.entries == entries_for(table, "verb", "attacked", "attack")
    assert isinstance(attacked, WordFrames) and len(attacked.entries) == 2
    assert frames_for(table, "verb", "table", "table").entries == ()


def test_imported_rows_become_entries_under_the_lexicons_own_when_looked_up() -> None:
    own, imported = Entry("attack", "190"), Entry("attack", "195", origin="cameo")
    rows = EntryRows.of([imported, Entry("rebuke", "112", origin="cameo")])
    table = TriggerTable.of([own], rows)
    assert not rows.made and ("verb", "rebuke") in table and ("noun", "rebuke") not in table
    assert table.get(("verb", "attack")) == (own, imported) and set(rows.made) == {("verb", "attack")}
    assert rows.get(("verb", "attack")) is rows.get(("verb", "attack"))
    assert entries_for(table, "verb", "rebuked", "rebuked") == (Entry("rebuke", "112", origin="cameo"),)
    assert rows.entries() == (imported, Entry("rebuke", "112", origin="cameo"))
    with pytest.raises(TypeError, match="fields of an entry"):
        EntryRows({("verb", "hit"): [("hit", "190")]})


def test_a_words_imported_frames_are_made_entries_only_when_a_lookup_asks_for_them() -> None:
    convoy = Entry("hit", "190", object=frozenset({"convoy"}), origin="cameo", needs_target=True)
    back = Entry("hit", "193", particle="back", origin="cameo", needs_target=True)
    table = TriggerTable.of([Entry("hit", "180")], EntryRows.of([convoy, back]))
    frames = frames_for(table, "verb", "hitting", "hit")
    assert frames.made == [Entry("hit", "180"), None, None]
    assert frames.possible(frozenset({"back", "at"})) == [Entry("hit", "180"), back]
    assert frames.made[1] is None and frames.made[2] == back
    assert frames.entries == entries_for(table, "verb", "hitting", "hit") == (Entry("hit", "180"), convoy, back)
