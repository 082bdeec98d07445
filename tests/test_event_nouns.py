"""Event nouns and frames that need a target: "the Chilean offensive against Peru", "a phone call with
Lima", "Chile warned it would not wait", on hand-built parses."""

from __future__ import annotations

import pytest
from test_events import actors_on, code

from eventwire.lexicons.triggers import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


# words, heads, deps, pos, lemmas, actors, expected events (source, code, target, modality)
NOUNS = [
    pytest.param(
        ["The", "Chilean", "offensive", "against", "Peru", "began", "."], [2, 2, 5, 2, 3, 5, 5],
        ["det", "amod", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["DET", "ADJ", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["the", "Chilean", "offensive", "against", "Peru", "begin", "."], {"Chile": (1,), "Peru": (4,)},
        [("Chile", "190", "Peru", "asserted")], id="an-offensive-against-a-state",
    ),
    pytest.param(
        ["Chile", "'s", "incursion", "into", "Peru", "ended", "."], [2, 0, 5, 2, 3, 5, 5],
        ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["Chile", "'s", "incursion", "into", "Peru", "end", "."], {"Chile": (0,), "Peru": (4,)},
        [("Chile", "190", "Peru", "asserted")], id="an-incursion-into-a-state",
    ),
    pytest.param(
        ["Chile", "'s", "assault", "on", "Peru", "ended", "."], [2, 0, 5, 2, 3, 5, 5],
        ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["Chile", "'s", "assault", "on", "Peru", "end", "."], {"Chile": (0,), "Peru": (4,)},
        [("Chile", "190", "Peru", "asserted")], id="an-assault-on-a-state",
    ),
    pytest.param(
        ["Chile", "'s", "bombing", "campaign", "against", "Peru", "ended", "."], [3, 0, 3, 6, 3, 4, 6, 6],
        ["poss", "case", "compound", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["Chile", "'s", "bombing", "campaign", "against", "Peru", "end", "."], {"Chile": (0,), "Peru": (5,)},
        [("Chile", "195", "Peru", "asserted")], id="a-bombing-campaign-is-aerial-force",
    ),
    pytest.param(
        ["Chile", "'s", "election", "campaign", "against", "Peru", "ended", "."], [3, 0, 3, 6, 3, 4, 6, 6],
        ["poss", "case", "compound", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["Chile", "'s", "election", "campaign", "against", "Peru", "end", "."], {"Chile": (0,), "Peru": (5,)},
        [], id="a-campaign-of-no-force-is-no-attack",
    ),
    pytest.param(
        ["A", "Chilean", "-", "led", "offensive", "on", "Peru", "began", "."], [4, 3, 3, 4, 7, 4, 5, 7, 7],
        ["det", "npadvmod", "punct", "amod", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["DET", "ADJ", "PUNCT", "VERB", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["a", "Chilean", "-", "lead", "offensive", "on", "Peru", "begin", "."], {"Chile": (1,), "Peru": (6,)},
        [("Chile", "190", "Peru", "asserted")], id="who-leads-an-offensive-wages-it",
    ),
    pytest.param(
        ["A", "Chilean", "-", "backed", "offensive", "on", "Peru", "began", "."], [4, 3, 3, 4, 7, 4, 5, 7, 7],
        ["det", "npadvmod", "punct", "amod", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["DET", "ADJ", "PUNCT", "VERB", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["a", "Chilean", "-", "back", "offensive", "on", "Peru", "begin", "."], {"Chile": (1,), "Peru": (6,)},
        [], id="who-backs-an-offensive-does-not-wage-it",
    ),
    pytest.param(
        ["Chile", "held", "a", "phone", "call", "with", "Peru", "."], [1, 1, 4, 4, 1, 4, 5, 1],
        ["nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Chile", "hold", "a", "phone", "call", "with", "Peru", "."], {"Chile": (0,), "Peru": (6,)},
        [("Chile", "041", "Peru", "asserted")], id="a-phone-call-is-a-consultation",
    ),
    pytest.param(
        ["Chile", "answered", "the", "call", "of", "duty", "."], [1, 1, 3, 1, 3, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
        ["Chile", "answer", "the", "call", "of", "duty", "."], {"Chile": (0,)}, [], id="a-bare-call-is-no-consultation",
    ),
    pytest.param(
        ["The", "Chilean", "mission", "asked", "Peru", "to", "wait", "."], [2, 2, 3, 3, 3, 6, 3, 3],
        ["det", "amod", "nsubj", "ROOT", "dobj", "aux", "xcomp", "punct"],
        ["DET", "ADJ", "NOUN", "VERB", "PROPN", "PART", "VERB", "PUNCT"],
        ["the", "Chilean", "mission", "ask", "Peru", "to", "wait", "."], {"Chile": (1,), "Peru": (4,)},
        [("Chile", "020", "Peru", "asserted")], id="a-subject-that-is-no-act-of-force-still-speaks",
    ),
    pytest.param(
        ["Chilean", "troops", "besieged", "Peru", "."], [1, 2, 2, 2, 2], ["amod", "nsubj", "ROOT", "dobj", "punct"],
        ["ADJ", "NOUN", "VERB", "PROPN", "PUNCT"], ["Chilean", "troop", "besiege", "Peru", "."],
        {"Chile": (0,), "Peru": (3,)}, [("Chile", "191", "Peru", "asserted")], id="a-siege-restricts-movement",
    ),
    pytest.param(
        ["Chile", "warned", "it", "would", "not", "wait", "."], [1, 1, 5, 5, 5, 1, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "neg", "ccomp", "punct"],
        ["PROPN", "VERB", "PRON", "AUX", "PART", "VERB", "PUNCT"],
        ["Chile", "warn", "it", "would", "not", "wait", "."], {"Chile": (0, 2)}, [],
        id="a-warning-naming-nobody-else-is-no-event",
    ),
    pytest.param(
        ["There", "was", "a", "phone", "call", "between", "Chile", "and", "Peru", "."], [1, 1, 4, 4, 1, 4, 5, 6, 6, 1],
        ["expl", "ROOT", "det", "compound", "attr", "prep", "pobj", "cc", "conj", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"],
        ["there", "be", "a", "phone", "call", "between", "Chile", "and", "Peru", "."], {"Chile": (6,), "Peru": (8,)},
        [("Chile", "041", "Peru", "asserted"), ("Peru", "041", "Chile", "asserted")],
        id="the-parties-between-whom-a-call-was-are-its-sources",
    ),
    pytest.param(
        ["The", "mediation", "between", "Chile", "and", "Peru", "failed", "."], [1, 6, 1, 2, 3, 3, 6, 6],
        ["det", "nsubj", "prep", "pobj", "cc", "conj", "ROOT", "punct"],
        ["DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"],
        ["the", "mediation", "between", "Chile", "and", "Peru", "fail", "."], {"Chile": (3,), "Peru": (5,)},
        [], id="the-parties-a-mediation-is-between-are-not-the-mediator",
    ),
    pytest.param(
        ["The", "agreement", "between", "Chile", "and", "Peru", "ended", "the", "war", "."], [1, 6, 1, 2, 3, 3, 6, 8, 6, 6],
        ["det", "nsubj", "prep", "pobj", "cc", "conj", "ROOT", "det", "dobj", "punct"],
        ["DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        ["the", "agreement", "between", "Chile", "and", "Peru", "end", "the", "war", "."], {"Chile": (3,), "Peru": (5,)},
        [("Chile", "057", "Peru", "asserted"), ("Peru", "057", "Chile", "asserted")],
        id="an-agreement-between-two-states",
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,actors,expected", NOUNS)
def test_event_nouns_and_targets(make_doc, lexicon, words, heads, deps, pos, lemmas, actors, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert code(doc, lexicon, actors_on(doc, actors)) == expected
