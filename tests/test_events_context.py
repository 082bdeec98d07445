"""The party an act's context names when its slots name nobody (eventwire.stages.events.targets.context_target)."""

from __future__ import annotations

import pytest
from test_events import events_for

from eventwire.errors import DictionaryError
from eventwire.lexicons.triggers import Lexicon, parse_entry
from eventwire.models import Actor, Place, Span


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def _doc(make_doc, lead: bool):
    """ "[Peru raised tariffs .] Chile condemned the decision , which Chilean officials leaked ." """
    first = ["Peru", "raised", "tariffs", "."] if lead else []
    n = len(first)
    words = [*first, "Chile", "condemned", "the", "decision", ",", "which", "Chilean", "officials", "leaked", "."]
    heads = [*[1, 1, 1, 1][:n], *(n + h for h in [1, 1, 3, 1, 3, 8, 7, 8, 3, 1])]
    deps = [*["nsubj", "ROOT", "dobj", "punct"][:n],
            "nsubj", "ROOT", "det", "dobj", "punct", "dobj", "amod", "nsubj", "relcl", "punct"]
    pos = [*["PROPN", "VERB", "NOUN", "PUNCT"][:n],
           "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "ADJ", "NOUN", "VERB", "PUNCT"]
    lemmas = [*["Peru", "raise", "tariff", "."][:n],
              "Chile", "condemn", "the", "decision", ",", "which", "chilean", "official", "leak", "."]
    return make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, sent_starts=_starts(len(words), n))


def _starts(length: int, lead: int) -> list[bool]:
    return [i in {0, lead} for i in range(length)]


def _state(doc, name: str, i: int) -> Actor:
    """A state named by the word at ``i``, its code the name's first three letters."""
    return Actor(id=name, name=name, code=name[:3].upper(), country=name[:3].upper(), sectors=(), kind="state",
                 mentions=(Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text),))


def _actors(doc, written: bool) -> list[Actor]:
    """Peru, Chile and the Chilean officials; ``written``: their countries are written on them, so that the
    article is about Chile (two of its three mentions)."""
    def actor(ident: str, code: str, kind: str, words: list[int]) -> Actor:
        mentions = (Span(doc[words[0]].idx, doc[words[-1]].idx + len(doc[words[-1]]), doc[words[0]:words[-1] + 1].text),)
        return Actor(id=ident, name=ident, code=code, country=code[:3], sectors=(code[3:],) if code[3:] else (),
                     kind=kind, mentions=mentions, country_basis="named" if written else None)

    n = 4 if doc[0].text == "Peru" else 0
    found = [actor("Chile", "CHL", "state", [n]), actor("Chilean officials", "CHLGOV", "organisation", [n + 6, n + 7])]
    return [actor("Peru", "PER", "state", [0]), *found] if n else found


@pytest.mark.parametrize("lead,written,expected", [
    (True, False, "Peru"),  # the party abroad the sentence before names, before the source's own officials
    (False, False, "Chilean officials"),  # no other country named: the source's own side
    (True, True, "Chilean officials"),  # an article about Chile: its own parties at home come first
])
def test_a_context_target_of_another_country_comes_first(make_doc, lexicon, lead, written, expected) -> None:
    doc = _doc(make_doc, lead)
    events = [e for e in events_for(doc, lexicon, _actors(doc, written)) if e.trigger.text == "condemned"]
    assert [(e.source.name, e.target.name if e.target else None, e.target.basis if e.target else None)
            for e in events] == [("Chile", expected, "context")]


def test_a_states_own_forces_are_the_means_of_its_act_not_its_target(make_doc, lexicon) -> None:
    """ "Peru ordered Peruvian troops to attack Chile ." """
    words = ["Peru", "ordered", "Peruvian", "troops", "to", "attack", "Chile", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 5, 1, 5, 1],
                   deps=["nsubj", "ROOT", "amod", "dobj", "aux", "xcomp", "dobj", "punct"],
                   pos=["PROPN", "VERB", "ADJ", "NOUN", "PART", "VERB", "PROPN", "PUNCT"],
                   lemmas=["Peru", "order", "peruvian", "troop", "to", "attack", "Chile", "."])

    def actor(ident: str, code: str, kind: str, start: int, end: int) -> Actor:
        span = doc[start:end]
        return Actor(id=ident, name=ident, code=code, country=code[:3], sectors=(code[3:],) if code[3:] else (),
                     kind=kind, mentions=(Span(span.start_char, span.end_char, span.text),))

    actors = [actor("Peru", "PER", "state", 0, 1), actor("Peruvian troops", "PERMIL", "group", 2, 4),
              actor("Chile", "CHL", "state", 6, 7)]
    ordered = [e for e in events_for(doc, lexicon, actors) if e.trigger.text == "ordered"]
    assert [(e.source.name, e.target.name if e.target else None) for e in ordered] == [("Peru", "Chile")]


@pytest.mark.parametrize("target,code,sectors,expected", [
    ("rebels", "PERREB", ("REB",), "072"),  # backing a rebel force: military aid
    ("Peru", "PER", (), "051"),  # backing a state: an endorsement
])
def test_backing_an_armed_force_is_military_aid(make_doc, lexicon, target, code, sectors, expected) -> None:
    words = ["Chile", "backed", "the", target, "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "det", "dobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN" if target == "rebels" else "PROPN", "PUNCT"],
                   lemmas=["Chile", "back", "the", "rebel" if target == "rebels" else target, "."])

    def actor(name: str, actor_code: str, kind: str, i: int, actor_sectors: tuple[str, ...]) -> Actor:
        return Actor(id=name, name=name, code=actor_code, country=actor_code[:3], sectors=actor_sectors, kind=kind,
                     mentions=(Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text),))

    actors = [actor("Chile", "CHL", "state", 0, ()), actor(target, code, "group" if sectors else "state", 3, sectors)]
    backed = [e for e in events_for(doc, lexicon, actors) if e.trigger.text == "backed"]
    assert [(e.source.name, e.cameo.code, e.target.name if e.target else None) for e in backed] == [
        ("Chile", expected, target)]


def test_an_entry_reads_its_armed_code() -> None:
    assert parse_entry({"lemma": "back", "code": "051", "armed_code": "072"}, "test").armed_code == "072"
    with pytest.raises(DictionaryError, match="'armed_code' must be a CAMEO code"):
        parse_entry({"lemma": "back", "code": "051", "armed_code": "seven"}, "test")


@pytest.mark.parametrize("sectors,kind,expected", [
    (("REF",), "group", []),  # refugees on the move make no visit
    (("GOV",), "person", [("travellers", "042", "Peru")]),  # an official's trip is one
])
def test_only_officials_and_bodies_make_visits(make_doc, lexicon, sectors, kind, expected) -> None:
    words = ["Chilean", "travellers", "travelled", "to", "Peru", "."]
    doc = make_doc(words, heads=[1, 2, 2, 2, 3, 2], deps=["amod", "nsubj", "ROOT", "prep", "pobj", "punct"],
                   pos=["ADJ", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                   lemmas=["chilean", "traveller", "travel", "to", "Peru", "."])
    travellers = Actor(id="travellers", name="travellers", code="CHL" + sectors[0], country="CHL", sectors=sectors,
                       kind=kind, mentions=(Span(doc[0].idx, doc[1].idx + len(doc[1]), "Chilean travellers"),))
    peru = Actor(id="Peru", name="Peru", code="PER", country="PER", sectors=(), kind="state",
                 mentions=(Span(doc[4].idx, doc[4].idx + 4, "Peru"),))
    trips = [e for e in events_for(doc, lexicon, [travellers, peru]) if e.trigger.text == "travelled"]
    assert [(e.source.name, e.cameo.code, e.target.name if e.target else None) for e in trips] == expected


@pytest.mark.parametrize("quantifier,expected", [
    ("all", None),  # addressed to everyone: no target, and none from its context
    ("the", "Peru"),  # sides it does not name: the party of the sentence before
])
def test_an_appeal_to_all_sides_takes_no_context_target(make_doc, lexicon, quantifier, expected) -> None:
    """ "Peru raised tariffs . Chile urged all sides to talk ." """
    words = ["Peru", "raised", "tariffs", ".", "Chile", "urged", quantifier, "sides", "to", "talk", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 5, 5, 7, 5, 9, 5, 5],
                   deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "aux", "xcomp", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PART", "VERB", "PUNCT"],
                   lemmas=["Peru", "raise", "tariff", ".", "Chile", "urge", quantifier, "side", "to", "talk", "."],
                   sent_starts=_starts(len(words), 4))

    urged = [e for e in events_for(doc, lexicon, [_state(doc, "Peru", 0), _state(doc, "Chile", 4)]) if e.trigger.text == "urged"]
    assert [(e.source.name, e.target.name if e.target else None) for e in urged] == [("Chile", expected)]


@pytest.mark.parametrize("code,sectors,kind,expected", [
    ("CHLMIL", ("MIL",), "group", "190"),  # troops killing in war: military force
    ("CHLCVL", ("CVL",), "group", "1823"),  # a killing by others: an assault
])
def test_a_killing_by_state_forces_is_military_force(make_doc, lexicon, code, sectors, kind, expected) -> None:
    words = ["Gunmen", "killed", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
                   pos=["NOUN", "VERB", "PROPN", "PUNCT"], lemmas=["gunman", "kill", "Peru", "."])
    killers = Actor(id="killers", name="killers", code=code, country="CHL", sectors=sectors, kind=kind,
                    mentions=(Span(0, 6, "Gunmen"),))
    peru = Actor(id="Peru", name="Peru", code="PER", country="PER", sectors=(), kind="state",
                 mentions=(Span(doc[2].idx, doc[2].idx + 4, "Peru"),))
    killed = [e for e in events_for(doc, lexicon, [killers, peru]) if e.trigger.text == "killed"]
    assert [(e.cameo.code, e.target.name if e.target else None) for e in killed] == [(expected, "Peru")]


@pytest.mark.parametrize("verb,lemma,expected", [
    ("continued", "continue", [("condemn", None)]),  # a to-clause act: its governor ties it to its sentence
    ("plans", "plan", [("condemn", "Peru")]),  # an intention answers the party its context names
])
def test_a_to_clause_act_takes_no_context_target_unless_intended(make_doc, lexicon, verb, lemma, expected) -> None:
    """ "Peru raised tariffs . Chile continued/pledged to condemn the decision ." """
    words = ["Peru", "raised", "tariffs", ".", "Chile", verb, "to", "condemn", "the", "decision", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 5, 5, 7, 5, 9, 7, 5],
                   deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PUNCT", "PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"],
                   lemmas=["Peru", "raise", "tariff", ".", "Chile", lemma, "to", "condemn", "the", "decision", "."],
                   sent_starts=_starts(len(words), 4))
    events = events_for(doc, lexicon, [_state(doc, "Peru", 0), _state(doc, "Chile", 4)])
    assert [(e.trigger.text, e.target.name if e.target else None) for e in events] == expected


def test_a_forceful_act_takes_the_place_of_its_clause_before_another_party(make_doc, lexicon) -> None:
    """ "Peru shelled the port , Arica , while Bolivia watched ." : the place stands for whom it was done to."""
    words = ["Peru", "shelled", "the", "port", ",", "Arica", ",", "while", "Bolivia", "watched", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 3, 3, 3, 9, 9, 1, 1],
                   deps=["nsubj", "ROOT", "det", "dobj", "punct", "appos", "punct", "mark", "nsubj", "advcl", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "SCONJ", "PROPN", "VERB", "PUNCT"],
                   lemmas=["Peru", "shell", "the", "port", ",", "Arica", ",", "while", "Bolivia", "watch", "."])
    arica = doc[5]
    place = Place("Arica", arica.idx, arica.idx + 5, "Arica", "CHL", -18.5, -70.3, 3899361, "city")

    events = events_for(doc, lexicon, [_state(doc, "Peru", 0), _state(doc, "Bolivia", 8)], places=[place])
    assert [(e.source.name, e.target.country if e.target else None) for e in events] == [("Peru", "CHL")]


@pytest.mark.parametrize("verb,lemma,expected", [
    ("shelled", "shell", [("shelled", None)]),  # a forceful act: not done to whom the sentence before names
    ("condemned", "condemn", [("condemned", "Peru")]),  # a statement answers the party named before
])
def test_only_a_statement_takes_the_party_of_the_sentence_before(make_doc, lexicon, verb, lemma, expected) -> None:
    """ "Peru raised tariffs . Chile shelled/condemned the post ." """
    words = ["Peru", "raised", "tariffs", ".", "Chile", verb, "the", "post", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 5, 5, 7, 5, 5],
                   deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                   lemmas=["Peru", "raise", "tariff", ".", "Chile", lemma, "the", "post", "."],
                   sent_starts=_starts(len(words), 4))

    events = events_for(doc, lexicon, [_state(doc, "Peru", 0), _state(doc, "Chile", 4)])
    assert [(e.trigger.text, e.target.name if e.target else None) for e in events] == expected
