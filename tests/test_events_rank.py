"""The events of a sentence ranked main clause first (eventwire.stages.events.coder.main_first), over
hand-built parses and events."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.models import ActorRef, Cameo, Event, Offsets, Plover, Span
from eventwire.stages.events.coder import main_first

WORDS = ["Chile", "said", "it", "will", "support", "a", "plan", "that", "bombs", "Peru", "."]
HEADS = [1, 1, 4, 4, 1, 6, 4, 8, 6, 8, 1]
DEPS = ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "det", "dobj", "nsubj", "relcl", "dobj", "punct"]


def parse(make_doc) -> Doc:
    return make_doc(WORDS, heads=HEADS, deps=DEPS)


def event(doc: Doc, word: int, confidence: float) -> Event:
    token = doc[word]
    source = ActorRef(actor="a-chl", name="Chile", code="CHL", country="CHL")
    return Event(id=f"ev-{word}", source=source, target=None, cameo=Cameo("040", "04", "label", 0.0, 1),
                 plover=Plover("CONSULT", None), modality="asserted", date=None, location=None,
                 trigger=Span(token.idx, token.idx + len(token.text), token.text), sentence=Offsets(0, len(doc.text)),
                 quote=None, confidence=confidence)


def test_an_act_in_a_clause_below_another_ranks_under_it(make_doc) -> None:
    doc = parse(make_doc)
    ranked = main_first(doc, [event(doc, 4, 0.4), event(doc, 8, 0.6)])
    assert [e.confidence for e in ranked] == [0.4, 0.399]


def test_acts_in_clauses_of_their_own_keep_their_confidence(make_doc) -> None:
    doc = parse(make_doc)
    events = [event(doc, 4, 0.4), event(doc, 0, 0.7)]  # the main clause's subject hangs on "said", not "support"
    assert [e.confidence for e in main_first(doc, events)] == [0.4, 0.7]


def test_a_capped_act_caps_those_below_it_in_turn(make_doc) -> None:
    doc = parse(make_doc)
    ranked = main_first(doc, [event(doc, 1, 0.2), event(doc, 4, 0.5), event(doc, 8, 0.9)])
    assert [e.confidence for e in ranked] == [0.2, 0.199, 0.198]


def test_an_act_already_under_keeps_its_confidence_and_none_is_left_out(make_doc) -> None:
    doc = parse(make_doc)
    events = [event(doc, 4, 0.8), event(doc, 8, 0.3)]
    assert main_first(doc, events) == events


def test_an_act_in_a_clause_below_the_clause_of_an_event_noun_ranks_under_it(make_doc) -> None:
    words = ["Chile", "announced", "a", "ban", "after", "Peru", "bombed", "towns", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 6, 6, 1, 6, 1],
                   deps=["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "advcl", "dobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "SCONJ", "PROPN", "VERB", "NOUN", "PUNCT"])
    ranked = main_first(doc, [event(doc, 3, 0.3), event(doc, 6, 0.5)])
    assert [e.confidence for e in ranked] == [0.3, 0.299]


def test_a_purpose_of_the_main_clause_is_what_its_doer_set_out_to_do(make_doc) -> None:
    from eventwire.stages.events.build import main_purpose

    words = ["Chile", "sent", "envoys", "to", "monitor", "and", "aid", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 1, 4, 4, 6, 1],
                   deps=["nsubj", "ROOT", "dobj", "aux", "advcl", "cc", "conj", "dobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PART", "VERB", "CCONJ", "VERB", "PROPN", "PUNCT"])
    assert main_purpose(doc[4]) and main_purpose(doc[6]) and not main_purpose(doc[1])


def test_the_purpose_of_a_noun_is_not_the_main_clauses(make_doc) -> None:
    from eventwire.stages.events.build import main_purpose

    words = ["Chile", "sent", "envoys", "to", "monitor", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 2, 4, 1], deps=["nsubj", "ROOT", "dobj", "aux", "acl", "dobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PART", "VERB", "PROPN", "PUNCT"])
    assert not main_purpose(doc[4])


def test_supposed_acts_are_left_out_when_the_text_reports_others(make_doc) -> None:
    from dataclasses import replace

    from eventwire.stages.events.coder import reported

    doc = parse(make_doc)
    supposed = replace(event(doc, 8, 0.6), modality="hypothetical")
    happened, planned = event(doc, 1, 0.5), replace(event(doc, 4, 0.4), modality="intended")
    assert reported([happened, supposed, planned]) == [happened, planned]


def test_a_text_that_only_supposes_acts_keeps_them(make_doc) -> None:
    from dataclasses import replace

    from eventwire.stages.events.coder import reported

    doc = parse(make_doc)
    supposed = [replace(event(doc, 4, 0.4), modality="hypothetical"), replace(event(doc, 8, 0.6), modality="hypothetical")]
    assert reported(supposed) == supposed



def _relative(make_doc, words: list[str], tags: list[str], lemma: str = "back") -> Doc:
    """"Peru , which <words> the rebels , met Chile": the relative clause's words hang on its last one."""
    verb, main = 3 + len(words) - 1, len(words) + 6
    heads = [main, 0, verb, *([verb] * (len(words) - 1)), 0, verb + 2, verb, 0, main, main, main]
    deps = ["nsubj", "punct", "nsubj", *(["aux"] * (len(words) - 1)), "relcl", "det", "dobj", "punct", "ROOT", "dobj",
            "punct"]
    pos = ["PROPN", "PUNCT", "PRON", *(["AUX"] * (len(words) - 1)), "VERB", "DET", "NOUN", "PUNCT", "VERB", "PROPN",
           "PUNCT"]
    tags = ["NNP", ",", "WDT", *tags, "DT", "NNS", ",", "VBD", "NNP", "."]
    lemmas = ["Peru", ",", "which", *[w.lower() for w in words[:-1]], lemma, "the", "rebel", ",", "meet", "Chile", "."]
    return make_doc(["Peru", ",", "which", *words, "the", "rebels", ",", "met", "Chile", "."], heads=heads, deps=deps,
                    pos=pos, tags=tags, lemmas=lemmas)


def test_a_standing_verb_in_a_present_relative_clause_describes_its_party(make_doc) -> None:
    from eventwire.stages.events.coder import describes_party

    for words, tags in ((["backs"], ["VBZ"]), (["has", "backed"], ["VBZ", "VBN"]), (["is", "backing"], ["VBZ", "VBG"])):
        doc = _relative(make_doc, words, tags)
        assert describes_party(doc[2 + len(words)]), words


def test_a_relative_clause_in_the_past_or_of_another_verb_tells_of_an_act(make_doc) -> None:
    from eventwire.stages.events.coder import describes_party

    for words, tags in ((["backed"], ["VBD"]), (["had", "backed"], ["VBD", "VBN"]), (["will", "back"], ["MD", "VB"])):
        doc = _relative(make_doc, words, tags)
        assert not describes_party(doc[2 + len(words)]), words
    other = _relative(make_doc, ["has", "attacked"], ["VBZ", "VBN"], lemma="attack")
    assert not describes_party(other[4])
    present = _relative(make_doc, ["backs"], ["VBZ"])
    assert not describes_party(present[7])  # "met", the main clause's verb


def test_an_ing_participle_of_a_standing_verb_describes_its_party(make_doc) -> None:
    from eventwire.stages.events.coder import describes_party

    words = ["Militias", "fighting", "Peru", "met", "Chile", "."]
    doc = make_doc(words, heads=[3, 0, 1, 3, 3, 3], deps=["nsubj", "acl", "dobj", "ROOT", "dobj", "punct"],
                   pos=["NOUN", "VERB", "PROPN", "VERB", "PROPN", "PUNCT"], tags=["NNS", "VBG", "NNP", "VBD", "NNP", "."],
                   lemmas=["militia", "fight", "Peru", "meet", "Chile", "."])
    assert describes_party(doc[1])
    assert not describes_party(doc[3])


def test_the_purpose_of_a_background_act_is_no_act_reported(make_doc) -> None:
    from eventwire.stages.events.coder import background_purpose

    words = ["The", "militia", "that", "Chile", "raised", "to", "fight", "Peru", "attacked", "Arica", "."]
    doc = make_doc(words, heads=[1, 8, 4, 4, 1, 6, 4, 6, 8, 8, 8],
                   deps=["det", "nsubj", "dobj", "nsubj", "relcl", "aux", "advcl", "dobj", "ROOT", "dobj", "punct"],
                   pos=["DET", "NOUN", "PRON", "PROPN", "VERB", "PART", "VERB", "PROPN", "VERB", "PROPN", "PUNCT"])
    assert background_purpose(doc[6], frozenset())
    assert not background_purpose(doc[8], frozenset())


def test_the_purpose_of_the_main_act_is_reported(make_doc) -> None:
    from eventwire.stages.events.coder import background_purpose

    words = ["Chile", "sent", "troops", "to", "fight", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 1, 4, 1], deps=["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PART", "VERB", "PROPN", "PUNCT"])
    assert not background_purpose(doc[4], frozenset())
