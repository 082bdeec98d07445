"""Trigger senses and frames for acts the lexicon used to miss: a hearing into a matter, a mission received,
patrols ordered, a blackout imposed, people held as human shields, a state committed to a course, and a
demand or appeal made "for" someone "to" act; on hand-built parses, and on the real parser (``model``)."""

from __future__ import annotations

import pytest
from test_events import actors_on, code, coded

from eventwire.lexicons.triggers import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


# words, heads, deps, pos, lemmas, actors, expected events (source, code, target, modality)
PARSES = [
    pytest.param(
        ["Chile", "pushed", "for", "Peru", "to", "withdraw", "."], [1, 1, 5, 5, 5, 1, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "aux", "advcl", "punct"],
        ["PROPN", "VERB", "SCONJ", "PROPN", "PART", "VERB", "PUNCT"],
        ["Chile", "push", "for", "Peru", "to", "withdraw", "."], {"Chile": (0,), "Peru": (3,)},
        [("Chile", "100", "Peru", "asserted")], id="a-for-to-clause-is-what-is-pushed-for-and-its-subject-is-asked",
    ),
    pytest.param(
        ["Chile", "pushed", "for", "talks", "."], [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "NOUN", "PUNCT"], ["Chile", "push", "for", "talk", "."], {"Chile": (0,)},
        [("Chile", "100", None, "asserted")], id="pushing-for-a-thing",
    ),
    pytest.param(  # "for" marking a clause of purpose without its "to" is no for-to clause
        ["Chile", "pushed", "for", "Peru", "waited", "."], [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "advcl", "punct"],
        ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"],
        ["Chile", "push", "for", "Peru", "wait", "."], {"Chile": (0,), "Peru": (3,)},
        [], id="a-for-clause-without-to-is-no-demand",
    ),
    pytest.param(  # the force's owner withdrew it
        ["Chilean", "troops", "were", "pulled", "out", "of", "Peru", "."], [1, 3, 3, 3, 3, 4, 5, 3],
        ["amod", "nsubjpass", "auxpass", "ROOT", "prt", "prep", "pobj", "punct"],
        ["ADJ", "NOUN", "AUX", "VERB", "ADP", "ADP", "PROPN", "PUNCT"],
        ["chilean", "troop", "be", "pull", "out", "of", "Peru", "."], {"Chile": (0,), "Peru": (6,)},
        [("Chile", "0874", "Peru", "asserted")], id="troops-pulled-out-were-withdrawn-by-their-owner",
    ),
    pytest.param(  # a doer written is the doer
        ["Chilean", "troops", "were", "pulled", "out", "of", "Peru", "by", "Bolivia", "."], [1, 3, 3, 3, 3, 4, 5, 3, 7, 3],
        ["amod", "nsubjpass", "auxpass", "ROOT", "prt", "prep", "pobj", "agent", "pobj", "punct"],
        ["ADJ", "NOUN", "AUX", "VERB", "ADP", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
        ["chilean", "troop", "be", "pull", "out", "of", "Peru", "by", "Bolivia", "."],
        {"Chile": (0,), "Peru": (6,), "Bolivia": (8,)},
        [("Bolivia", "0874", "Peru", "asserted")], id="troops-pulled-out-by-a-named-doer",
    ),
    pytest.param(  # only the entries that say so: an arrest's subject did not arrest itself
        ["Chilean", "troops", "were", "arrested", "in", "Peru", "."], [1, 3, 3, 3, 3, 4, 3],
        ["amod", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
        ["ADJ", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        ["chilean", "troop", "be", "arrest", "in", "Peru", "."], {"Chile": (0,)},
        [], id="an-arrested-force-did-not-arrest-itself",
    ),
    pytest.param(  # the parser hung "to return" on the relative clause of the object
        ["Chile", "allowed", "refugees", "who", "fled", "the", "war", "to", "return", "."], [1, 1, 1, 4, 2, 6, 4, 8, 4, 1],
        ["nsubj", "ROOT", "dobj", "nsubj", "relcl", "det", "dobj", "aux", "advcl", "punct"],
        ["PROPN", "VERB", "NOUN", "PRON", "VERB", "DET", "NOUN", "PART", "VERB", "PUNCT"],
        ["Chile", "allow", "refugee", "who", "flee", "the", "war", "to", "return", "."], {"Chile": (0,), "Peru": (2,)},
        [("Chile", "080", "Peru", "asserted")], id="a-to-clause-stranded-in-the-objects-relative-clause",
    ),
    pytest.param(  # a "to"-clause inside the relative clause that does not end it is the relative clause's own
        ["Chile", "allowed", "refugees", "who", "wanted", "to", "return", "home", "."], [1, 1, 1, 4, 2, 6, 4, 6, 1],
        ["nsubj", "ROOT", "dobj", "nsubj", "relcl", "aux", "xcomp", "advmod", "punct"],
        ["PROPN", "VERB", "NOUN", "PRON", "VERB", "PART", "VERB", "ADV", "PUNCT"],
        ["Chile", "allow", "refugee", "who", "want", "to", "return", "home", "."], {"Chile": (0,), "Peru": (2,)},
        [], id="a-to-clause-of-the-relative-clause-itself",
    ),
    pytest.param(
        ["Chile", "'s", "court", "opened", "a", "hearing", "Monday", "into", "the", "killings", "."],
        [2, 0, 3, 3, 5, 3, 3, 3, 9, 7, 3],
        ["poss", "case", "nsubj", "ROOT", "det", "dobj", "npadvmod", "prep", "det", "pobj", "punct"],
        ["PROPN", "PART", "NOUN", "VERB", "DET", "NOUN", "PROPN", "ADP", "DET", "NOUN", "PUNCT"],
        ["Chile", "'s", "court", "open", "a", "hearing", "Monday", "into", "the", "killing", "."], {"Chile": (0,)},
        [("Chile", "090", None, "asserted")], id="a-hearing-into-a-matter-whose-into-hangs-on-the-light-verb",
    ),
    pytest.param(
        ["Chile", "'s", "court", "held", "a", "hearing", "on", "the", "budget", "."], [2, 0, 3, 3, 5, 3, 5, 8, 6, 3],
        ["poss", "case", "nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct"],
        ["PROPN", "PART", "NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
        ["Chile", "'s", "court", "hold", "a", "hearing", "on", "the", "budget", "."], {"Chile": (0,)},
        [], id="a-hearing-on-a-budget-is-no-investigation",
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,actors,expected", PARSES)
def test_senses_on_hand_built_parses(make_doc, lexicon, words, heads, deps, pos, lemmas, actors, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert code(doc, lexicon, actors_on(doc, actors)) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text,names,expected",
    [
        ("Ghana's supreme court began a hearing into the election dispute.",
         {"Ghana": "GHAJUD"}, ("GHAJUD", "090")),
        ("The Chadian president received a team of inspectors from the African Union.",
         {"Chadian president": "TCDGOV", "African Union": "IGOAFRAU"}, ("TCDGOV", "043")),
        ("The Kenyan government stepped up patrols along the border.", {"Kenyan government": "KENGOV"}, ("KENGOV", "150")),
        ("The Burmese junta imposed a media blackout on the region.", {"Burmese junta": "MMRMIL"}, ("MMRMIL", "1721")),
        ("The Chilean army held the miners as human shields.",
         {"Chilean army": "CHLMIL", "miners": "CHLCVL"}, ("CHLMIL", "184")),
        ("The rebels used civilians as human shields.", {"rebels": "LBRREB", "civilians": "LBRCVL"}, ("LBRREB", "184")),
        ("Ghana remains committed to the peace plan.", {"Ghana": "GHA"}, ("GHA", "030")),
        ("Mexico is pushing for Canada to sign the accord.", {"Mexico": "MEX", "Canada": "CAN"}, ("MEX", "100")),
    ],
    ids=["hearing-into", "received-a-team", "stepped-up-patrols", "imposed-a-blackout", "held-as-shields",
         "used-as-shields", "committed-to", "pushing-for-to"],
)
def test_model_senses(nlp, lexicon, text, names, expected) -> None:
    assert expected in {(source, code_) for source, code_, _, _ in coded(nlp, lexicon, text, names)}


@pytest.mark.model
@pytest.mark.parametrize(
    "text,names,unexpected",
    [
        ("Russia committed troops to the war in Syria.", {"Russia": "RUS", "Syria": "SYR"}, "030"),
        ("Atrocities were committed by Serbian forces.", {"Serbian forces": "SRBMIL"}, "030"),
        ("The court held a hearing on the budget.", {"court": "KENJUD"}, "090"),
        ("Britain is pushing for the US to support the plan.", {"Britain": "GBR", "US": "USA"}, "051"),
    ],
    ids=["committing-troops", "committing-crimes", "hearing-on-a-budget", "what-is-pushed-for-is-the-demand"],
)
def test_model_senses_that_do_not_apply(nlp, lexicon, text, names, unexpected) -> None:
    assert all(code_ != unexpected for _, code_, _, _ in coded(nlp, lexicon, text, names))
