"""Modality of a trigger over hand-built parses (eventwire.stages.events.modality)."""

from __future__ import annotations

import pytest

from eventwire.errors import DictionaryError
from eventwire.lexicons.triggers import Lexicon, ModalityCues, parse_lexicon
from eventwire.stages.events.modality import modality_of
from eventwire.stages.tokens import clause_verb


@pytest.fixture(scope="module")
def cues() -> ModalityCues:
    return Lexicon.load().modality


LEMMAS = {"is": "be", "are": "be", "was": "be", "did": "do", "expected": "expect", "plans": "plan", "refused": "refuse",
          "said": "say", "says": "say", "denied": "deny", "attacked": "attack", "attacks": "attack", "held": "hold",
          "talks": "talk", "attacking": "attack", "needs": "need", "decided": "decide", "planned": "plan",
          "fears": "fear", "faces": "face", "fled": "flee"}


def lemmas(words: list[str]) -> list[str]:
    return [LEMMAS.get(w.lower(), w.lower()) for w in words]


# words, heads, deps, pos, tags, trigger, expected
CASES = [
    pytest.param(["Iran", "attacked", "Syria"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], None, None, 1, "asserted",
                 id="plain"),
    pytest.param(["Iran", "will", "attack", "Syria"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"], None, None, 2,
                 "intended", id="will"),
    pytest.param(["Iran", "might", "attack", "Syria"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"], None, None, 2,
                 "hypothetical", id="might"),
    pytest.param(["Iran", "did", "not", "attack", "Syria"], [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"],
                 None, None, 3, "negated", id="not"),
    pytest.param(["Iran", "never", "attacked", "Syria"], [2, 2, 2, 2], ["nsubj", "advmod", "ROOT", "dobj"], None, None,
                 2, "negated", id="never-as-adverb"),
    pytest.param(["Iran", "denied", "that", "it", "attacked", "Syria"], [1, 1, 4, 4, 1, 4],
                 ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj"], None, None, 4, "negated", id="denied-that"),
    pytest.param(["Iran", "said", "that", "it", "attacked", "Syria"], [1, 1, 4, 4, 1, 4],
                 ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj"], None, None, 4, "asserted", id="said-that"),
    pytest.param(["Iran", "does", "not", "deny", "it", "but", "is", "believed", "to", "support", "Syria"],
                 [3, 3, 3, 3, 3, 3, 7, 3, 9, 7, 9],
                 ["nsubj", "aux", "neg", "ROOT", "dobj", "cc", "auxpass", "conj", "aux", "xcomp", "dobj"], None, None, 9,
                 "asserted", id="a-conjunct-with-its-own-auxiliary-keeps-its-own-polarity"),
    pytest.param(["Iran", "did", "not", "attack", "or", "threaten", "Syria"], [3, 3, 3, 3, 3, 3, 5],
                 ["nsubj", "aux", "neg", "ROOT", "cc", "conj", "dobj"], None, None, 5, "negated",
                 id="a-bare-conjunct-shares-the-negation"),
    pytest.param(["Iran", "will", "not", "attack", "Syria"], [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"],
                 None, None, 3, "negated", id="negation-beats-future"),
    pytest.param(["Velayati", "is", "due", "to", "meet", "Putin"], [1, 1, 1, 4, 2, 4],
                 ["nsubj", "ROOT", "acomp", "aux", "xcomp", "dobj"], ["PROPN", "AUX", "ADJ", "PART", "VERB", "PROPN"],
                 None, 4, "intended", id="due-to"),
    pytest.param(["Trump", "and", "Putin", "are", "expected", "to", "discuss", "Syria"], [4, 0, 0, 4, 4, 6, 4, 6],
                 ["nsubjpass", "cc", "conj", "auxpass", "ROOT", "aux", "xcomp", "dobj"], None, None, 6, "intended",
                 id="expected-to"),
    pytest.param(["Oman", "plans", "to", "host", "talks"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
                 None, None, 3, "intended", id="plans-to"),
    pytest.param(["Netanyahu", "was", "likely", "to", "ask", "Putin"], [1, 1, 1, 4, 2, 4],
                 ["nsubj", "ROOT", "acomp", "aux", "xcomp", "dobj"], ["PROPN", "AUX", "ADJ", "PART", "VERB", "PROPN"],
                 None, 4, "hypothetical", id="likely-to"),
    pytest.param(["Iran", "refused", "to", "meet", "Israel"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
                 None, None, 3, "negated", id="refused-to"),
    pytest.param(["If", "Iran", "attacks", "Israel", ",", "Israel", "will", "respond"], [2, 2, 7, 2, 7, 7, 7, 7],
                 ["mark", "nsubj", "advcl", "dobj", "punct", "nsubj", "aux", "ROOT"], None, None, 2, "hypothetical",
                 id="if-clause"),
    pytest.param(["He", "said", "he", "would", "meet", "Putin"], [1, 1, 4, 4, 1, 4],
                 ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj"], None, ["PRP", "VBD", "PRP", "MD", "VB", "NNP"], 4,
                 "intended", id="would-reported-in-past"),
    pytest.param(["He", "says", "he", "would", "meet", "Putin"], [1, 1, 4, 4, 1, 4],
                 ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj"], None, ["PRP", "VBZ", "PRP", "MD", "VB", "NNP"], 4,
                 "hypothetical", id="would-not-reported"),
    pytest.param(["Iran", "will", "meet", "Oman", "and", "sign", "a", "deal"], [2, 2, 2, 2, 2, 2, 7, 5],
                 ["nsubj", "aux", "ROOT", "dobj", "cc", "conj", "det", "dobj"], None, None, 5, "intended",
                 id="coordinated-verb-shares-aux"),
    pytest.param(["Iran", "did", "not", "hold", "talks"], [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"],
                 ["PROPN", "AUX", "PART", "VERB", "NOUN"], None, 4, "negated", id="nominal-under-negated-verb"),
    pytest.param(["Iran", "denied", "attacking", "Syria"], [1, 1, 1, 2], ["nsubj", "ROOT", "xcomp", "dobj"], None, None,
                 2, "negated", id="denied"),
    pytest.param(["his", "decision", "to", "withdraw", "troops"], [1, 1, 3, 1, 3], ["poss", "ROOT", "aux", "acl", "dobj"],
                 ["PRON", "NOUN", "PART", "VERB", "NOUN"], None, 3, "asserted",
                 id="a-decision-reports-the-act-decided-on"),
    pytest.param(["Oman", "decided", "to", "close", "the", "border"], [1, 1, 3, 1, 5, 3],
                 ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj"], None, None, 3, "asserted", id="decided-to"),
    pytest.param(["Oman", "will", "decide", "to", "close", "the", "border"], [2, 2, 2, 4, 2, 6, 4],
                 ["nsubj", "aux", "ROOT", "aux", "xcomp", "det", "dobj"], None, None, 4, "intended",
                 id="a-decision-still-to-come-is-intended"),
    pytest.param(["Peru", "began", "a", "planned", "offensive"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "det", "amod", "dobj"],
                 ["PROPN", "VERB", "DET", "VERB", "NOUN"], None, 4, "intended", id="a-planned-act-noun-is-intended"),
    pytest.param(["Chile", "fears", "a", "potential", "withdrawal"], [1, 1, 4, 4, 1],
                 ["nsubj", "ROOT", "det", "amod", "dobj"], ["PROPN", "VERB", "DET", "ADJ", "NOUN"], None, 4,
                 "hypothetical", id="a-potential-act-noun-is-hypothetical"),
    pytest.param(["Chile", "faces", "the", "prospect", "of", "an", "invasion"], [1, 1, 3, 1, 3, 6, 4],
                 ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj"],
                 ["PROPN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN"], None, 6, "hypothetical",
                 id="the-prospect-of-an-act-is-hypothetical"),
    pytest.param(["Chile", "fled", "the", "threat", "of", "attack"], [1, 1, 3, 1, 3, 4],
                 ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"], ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN"], None,
                 5, "intended", id="the-threat-of-an-act-is-intended"),
    pytest.param(["Chile", "condemned", "the", "brutal", "invasion"], [1, 1, 4, 4, 1],
                 ["nsubj", "ROOT", "det", "amod", "dobj"], ["PROPN", "VERB", "DET", "ADJ", "NOUN"], None, 4, "asserted",
                 id="an-act-noun-with-no-such-mark-is-asserted"),
    pytest.param(["his", "plan", "to", "withdraw", "troops"], [1, 1, 3, 1, 3], ["poss", "ROOT", "aux", "acl", "dobj"],
                 ["PRON", "NOUN", "PART", "VERB", "NOUN"], None, 3, "intended", id="plan-to"),
    pytest.param(["Iran", "needs", "to", "capture", "Arica"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
                 None, None, 3, "hypothetical", id="needs-to"),
    pytest.param(["Iran", "no", "longer", "attacks", "Syria"], [3, 2, 3, 3, 3], ["nsubj", "neg", "advmod", "ROOT", "dobj"],
                 None, None, 3, "negated", id="no-longer"),
    pytest.param(["Iran", "may", "feel", "ready", "to", "attack", "Syria"], [2, 2, 2, 2, 5, 2, 5],
                 ["nsubj", "aux", "ROOT", "acomp", "aux", "advcl", "dobj"], None, None, 5, "hypothetical",
                 id="to-clause-parsed-as-adverbial"),
    pytest.param(["its", "ability", "to", "strike", "targets"], [1, 1, 3, 1, 3], ["poss", "ROOT", "aux", "acl", "dobj"],
                 ["PRON", "NOUN", "PART", "VERB", "NOUN"], None, 3, "hypothetical", id="ability-to"),
    pytest.param(["Peru", "'s", "offensive", "could", "end", "the", "truce"], [2, 0, 4, 4, 4, 6, 4],
                 ["poss", "case", "nsubj", "aux", "ROOT", "det", "dobj"],
                 ["PROPN", "PART", "NOUN", "AUX", "VERB", "DET", "NOUN"], None, 2, "asserted",
                 id="a-definite-subject-is-given-whatever-its-clause-supposes"),
    pytest.param(["A", "Peruvian", "offensive", "could", "end", "the", "truce"], [2, 2, 4, 4, 4, 6, 4],
                 ["det", "amod", "nsubj", "aux", "ROOT", "det", "dobj"],
                 ["DET", "ADJ", "NOUN", "AUX", "VERB", "DET", "NOUN"], None, 2, "hypothetical",
                 id="an-indefinite-subject-shares-its-clauses-supposition"),
    pytest.param(["In", "its", "bombing", "of", "Arica", ",", "Peru", "may", "have", "erred"],
                 [9, 2, 0, 2, 3, 9, 9, 9, 9, 9], ["prep", "poss", "pobj", "prep", "pobj", "punct", "nsubj", "aux", "aux", "ROOT"],
                 ["ADP", "PRON", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "AUX", "AUX", "VERB"], None, 2, "asserted",
                 id="a-definite-phrase-noun-is-given"),
    pytest.param(["Peru", "could", "end", "its", "offensive"], [2, 2, 2, 4, 2],
                 ["nsubj", "aux", "ROOT", "poss", "dobj"], ["PROPN", "AUX", "VERB", "PRON", "NOUN"], None, 4,
                 "hypothetical", id="a-definite-object-shares-its-clauses-supposition"),
]


@pytest.mark.parametrize("words,heads,deps,pos,tags,trigger,expected", CASES)
def test_modality(make_doc, cues, words, heads, deps, pos, tags, trigger, expected) -> None:
    pos = pos or ["VERB" if d in {"ROOT", "xcomp", "ccomp", "advcl", "conj"} else "X" for d in deps]
    annotations = {"heads": heads, "deps": deps, "pos": pos, "lemmas": lemmas(words)}
    if tags:
        annotations["tags"] = tags
    doc = make_doc(words, **annotations)
    assert modality_of(doc[trigger], cues) == expected


@pytest.mark.parametrize(
    "words,heads,deps,pos,token,expected",
    [
        (["Iran", "held", "talks"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"], 2, 1),
        (["Iran", "held", "talks"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"], 1, 1),
    ],
    ids=["noun-to-verb", "verb-itself"],
)
def test_clause_verb(make_doc, words, heads, deps, pos, token, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos)
    assert clause_verb(doc[token]).i == expected


def test_missing_cue_list_is_named() -> None:
    data = {"triggers": [], "modality": {"intended_aux": ["will"]}}
    with pytest.raises(DictionaryError, match="hypothetical_aux"):
        parse_lexicon(data, "mine.yaml")
