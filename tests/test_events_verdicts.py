"""Disapproval in reported speech, concern expressed, appeals, warnings against an act and conversations:
the frames of the trigger lexicon that code them, on hand-built parses."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_events import actors_on, code

from eventwire.lexicons.triggers import Lexicon, parse_entry
from eventwire.stages.events.frames import sentence_matches


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


# words, heads, deps, pos, lemmas, actors, expected events (source, code, target, modality)
EVENTS = [
    pytest.param(
        ["Peru", "said", "the", "blockade", "by", "Chile", "was", "unacceptable", "."], [1, 1, 3, 6, 3, 4, 1, 6, 1],
        ["nsubj", "ROOT", "det", "nsubj", "prep", "pobj", "ccomp", "acomp", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "AUX", "ADJ", "PUNCT"],
        ["Peru", "say", "the", "blockade", "by", "Chile", "be", "unacceptable", "."], {"Peru": (0,), "Chile": (5,)},
        [("Peru", "111", "Chile", "asserted")], id="said-it-was-unacceptable",
    ),
    pytest.param(
        ["Peru", "said", "Chile", "behaved", "shamefully", "."], [1, 1, 3, 1, 3, 1],
        ["nsubj", "ROOT", "nsubj", "ccomp", "advmod", "punct"], ["PROPN", "VERB", "PROPN", "VERB", "ADV", "PUNCT"],
        ["Peru", "say", "Chile", "behave", "shamefully", "."], {"Peru": (0,), "Chile": (2,)},
        [("Peru", "111", "Chile", "asserted")], id="said-they-acted-shamefully",
    ),
    pytest.param(
        ["Peru", "called", "Chile", "'s", "plan", "a", "betrayal", "."], [1, 1, 4, 2, 6, 6, 1, 1],
        ["nsubj", "ROOT", "poss", "case", "nsubj", "det", "ccomp", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "NOUN", "DET", "NOUN", "PUNCT"],
        ["Peru", "call", "Chile", "'s", "plan", "a", "betrayal", "."], {"Peru": (0,), "Chile": (2,)},
        [("Peru", "111", "Chile", "asserted")], id="called-the-plan-a-betrayal",
    ),
    pytest.param(
        ["Peru", "described", "Chile", "'s", "move", "as", "alarming", "."], [1, 1, 4, 2, 1, 1, 5, 1],
        ["nsubj", "ROOT", "poss", "case", "dobj", "prep", "pcomp", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "NOUN", "ADP", "ADJ", "PUNCT"],
        ["Peru", "describe", "Chile", "'s", "move", "as", "alarming", "."], {"Peru": (0,), "Chile": (2,)},
        [("Peru", "111", "Chile", "asserted")], id="described-as-alarming",
    ),
    pytest.param(
        ["Peru", "views", "Chile", "as", "a", "corrupt", "neighbour", "."], [1, 1, 1, 1, 6, 6, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "det", "amod", "pobj", "punct"],
        ["PROPN", "VERB", "PROPN", "ADP", "DET", "ADJ", "NOUN", "PUNCT"],
        ["Peru", "view", "Chile", "as", "a", "corrupt", "neighbour", "."], {"Peru": (0,), "Chile": (2,)},
        [("Peru", "111", "Chile", "asserted")], id="views-them-as-corrupt",
    ),
    pytest.param(
        ["Peru", "said", "the", "talks", "with", "Chile", "were", "useful", "."], [1, 1, 3, 6, 3, 4, 1, 6, 1],
        ["nsubj", "ROOT", "det", "nsubj", "prep", "pobj", "ccomp", "acomp", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "AUX", "ADJ", "PUNCT"],
        ["Peru", "say", "the", "talks", "with", "Chile", "be", "useful", "."], {"Peru": (0,), "Chile": (5,)},
        [], id="a-judgement-that-is-no-disapproval",
    ),
    pytest.param(
        ["Peru", "expressed", "concern", "about", "Chile", "'s", "offensive", "."], [1, 1, 1, 1, 6, 4, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "poss", "case", "pobj", "punct"],
        ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Peru", "express", "concern", "about", "Chile", "'s", "offensive", "."], {"Peru": (0,), "Chile": (4,)},
        [("Peru", "111", "Chile", "asserted")], id="expressed-concern",
    ),
    pytest.param(
        ["Peru", "voiced", "anger", "over", "Chile", "'s", "blockade", "."], [1, 1, 1, 1, 6, 4, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "poss", "case", "pobj", "punct"],
        ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Peru", "voice", "anger", "over", "Chile", "'s", "blockade", "."], {"Peru": (0,), "Chile": (4,)},
        [("Peru", "111", "Chile", "asserted")], id="voiced-anger",
    ),
    pytest.param(
        ["Peru", "warned", "Chile", "against", "moving", "troops", "."], [1, 1, 1, 1, 3, 4, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "ADP", "VERB", "NOUN", "PUNCT"],
        ["Peru", "warn", "Chile", "against", "move", "troop", "."], {"Peru": (0,), "Chile": (2,)},
        [("Peru", "020", "Chile", "asserted")], id="warned-against-is-an-appeal",
    ),
    pytest.param(
        ["Peru", "begged", "Chile", "to", "reopen", "the", "border", "."], [1, 1, 1, 4, 1, 6, 4, 1],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "det", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "DET", "NOUN", "PUNCT"],
        ["Peru", "beg", "Chile", "to", "reopen", "the", "border", "."], {"Peru": (0,), "Chile": (2,)},
        [("Peru", "020", "Chile", "asserted")], id="begged-is-an-appeal",
    ),
    pytest.param(
        ["Peru", "spoke", "to", "Chile", "on", "Monday", "."], [1, 1, 1, 2, 1, 4, 1],
        ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
        ["Peru", "speak", "to", "Chile", "on", "Monday", "."], {"Peru": (0,), "Chile": (3,)},
        [("Peru", "040", "Chile", "asserted")], id="spoke-to",
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,actors,expected", EVENTS)
def test_events(make_doc, lexicon, words, heads, deps, pos, lemmas, actors, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert code(doc, lexicon, actors_on(doc, actors)) == expected


def test_an_act_the_judged_clause_reports_stays_an_event(make_doc, lexicon) -> None:
    """The frame takes the judging word, not the clause's verb: "said Chile attacked Bolivia recklessly" is a
    disapproval and an attack."""
    doc = make_doc(["Peru", "said", "Chile", "attacked", "Bolivia", "recklessly", "."], heads=[1, 1, 3, 1, 3, 3, 1],
                   deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj", "advmod", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN", "ADV", "PUNCT"],
                   lemmas=["Peru", "say", "Chile", "attack", "Bolivia", "recklessly", "."])
    found = [(doc[m.trigger].text, m.entry.code) for m in sentence_matches(doc[:], lexicon)]
    assert found == [("said", "111"), ("attacked", "190")]


def test_verdict_counts_as_a_condition() -> None:
    plain = parse_entry({"lemma": "say", "code": "010"}, "test")
    judging = parse_entry({"lemma": "say", "code": "111", "verdict": ["unacceptable"]}, "test")
    assert judging.verdict == frozenset({"unacceptable"})
    assert judging.specificity == plain.specificity + 1


def test_a_party_the_source_phrase_names_is_no_target_from_context(make_doc, lexicon) -> None:
    """"A Chile spokesman said the move was unacceptable": Chile says who spoke, not whom the speaker
    disapproved of; with nobody else named, the act has no target."""
    doc = make_doc(["A", "Chile", "spokesman", "said", "the", "move", "was", "unacceptable", "."],
                   heads=[2, 2, 3, 3, 5, 6, 3, 6, 3],
                   deps=["det", "compound", "nsubj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
                   pos=["DET", "PROPN", "NOUN", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
                   lemmas=["a", "Chile", "spokesman", "say", "the", "move", "be", "unacceptable", "."])
    assert code(doc, lexicon, actors_on(doc, {"Chile": (1,), "Spokesman": (2,)})) == [
        ("Spokesman", "111", None, "asserted")]
    with_peru = make_doc(["A", "Chile", "spokesman", "said", "the", "move", "by", "Peru", "was", "unacceptable", "."],
                         heads=[2, 2, 3, 3, 5, 8, 5, 6, 3, 8, 3],
                         deps=["det", "compound", "nsubj", "ROOT", "det", "nsubj", "prep", "pobj", "ccomp", "acomp",
                               "punct"],
                         pos=["DET", "PROPN", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "AUX", "ADJ", "PUNCT"],
                         lemmas=["a", "Chile", "spokesman", "say", "the", "move", "by", "Peru", "be", "unacceptable",
                                 "."])
    assert code(with_peru, lexicon, actors_on(with_peru, {"Chile": (1,), "Spokesman": (2,), "Peru": (7,)})) == [
        ("Spokesman", "111", "Peru", "asserted")]


def test_persons_who_clash_have_words_and_states_fight(make_doc, lexicon) -> None:
    """"Ruiz clashed with Ortega": two persons clash in words (111); two states that clash fight (190)."""
    doc = make_doc(["Ruiz", "clashed", "with", "Ortega", "."], heads=[1, 1, 1, 2, 1],
                   deps=["nsubj", "ROOT", "prep", "pobj", "punct"], pos=["PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Ruiz", "clash", "with", "Ortega", "."])
    states = actors_on(doc, {"Ruiz": (0,), "Ortega": (3,)})
    persons = [replace(a, kind="person") for a in states]
    assert code(doc, lexicon, persons) == [("Ruiz", "111", "Ortega", "asserted")]
    assert code(doc, lexicon, states) == [("Ruiz", "190", "Ortega", "asserted")]
    assert parse_entry({"lemma": "clash", "code": "190", "person_code": "111"}, "test").person_code == "111"
