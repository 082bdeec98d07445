"""Sources and targets over hand-built parses (eventwire.stages.events.arguments)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eventwire.models import Actor, Span
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.events import arguments as args
from eventwire.stages.tokens import antecedent

LIGHT = frozenset({"hold", "pay", "launch"})
PREPS = frozenset({"during", "after"})


def index_for(doc: Doc, names: dict[str, tuple[int, ...]]) -> ActorIndex:
    """Actors named after their first word, one single-word mention per listed token."""
    actors = []
    for name, tokens in names.items():
        mentions = tuple(Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text) for i in tokens)
        actors.append(Actor(id=name, name=name, code=name[:3].upper(), country=name[:3].upper(), sectors=(),
                            kind="state", mentions=mentions))
    return ActorIndex(actors)


def names(found: list[args.Argument]) -> list[str]:
    return [a.actor.name for a in found]


# words, heads, deps, pos, lemmas, actors {name: token indices}, trigger (or trigger and the event noun
# whose prepositions also hold targets), target slots, sources, targets
CASES = [
    pytest.param(
        ["Iran", "praised", "Russia", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"], ["Iran", "praise", "Russia", "."],
        {"Iran": (0,), "Russia": (2,)}, 1, ["object"], ["Iran"], ["Russia"], id="active",
    ),
    pytest.param(
        ["Rebels", "were", "attacked", "by", "Syria", "."], [2, 2, 2, 2, 3, 2],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
        ["NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], ["rebel", "be", "attack", "by", "Syria", "."],
        {"Rebels": (0,), "Syria": (4,)}, 2, ["object"], ["Syria"], ["Rebels"], id="passive-agent",
    ),
    pytest.param(
        ["Rebels", "were", "attacked", "."], [2, 2, 2, 2], ["nsubjpass", "auxpass", "ROOT", "punct"],
        ["NOUN", "AUX", "VERB", "PUNCT"], ["rebel", "be", "attack", "."],
        {"Rebels": (0,)}, 2, ["object"], [], ["Rebels"], id="passive-without-agent",
    ),
    pytest.param(
        ["Iran", "and", "Russia", "criticised", "Israel", "and", "Turkey", "."], [3, 0, 0, 3, 3, 4, 4, 3],
        ["nsubj", "cc", "conj", "ROOT", "dobj", "cc", "conj", "punct"],
        ["PROPN", "CCONJ", "PROPN", "VERB", "PROPN", "CCONJ", "PROPN", "PUNCT"],
        ["Iran", "and", "Russia", "criticise", "Israel", "and", "Turkey", "."],
        {"Iran": (0,), "Russia": (2,), "Israel": (4,), "Turkey": (6,)}, 3, ["object"],
        ["Iran", "Russia"], ["Israel", "Turkey"], id="coordination",
    ),
    pytest.param(  # the parser joined the subject to the opening phrase, as a conjunct of its noun
        ["With", "the", "accord", ",", "Chile", "and", "Peru", "have", "agreed", "."], [8, 2, 0, 2, 2, 4, 4, 8, 8, 8],
        ["prep", "det", "pobj", "punct", "conj", "cc", "conj", "aux", "ROOT", "punct"],
        ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "CCONJ", "PROPN", "AUX", "VERB", "PUNCT"],
        ["with", "the", "accord", ",", "Chile", "and", "Peru", "have", "agree", "."],
        {"Chile": (4,), "Peru": (6,)}, 8, ["object"], ["Chile", "Peru"], [], id="subject-joined-to-opening-phrase",
    ),
    pytest.param(  # a subject of its own: the opening phrase's nouns are not it
        ["With", "the", "accord", ",", "Chile", "and", "Peru", ",", "Bolivia", "agreed", "."],
        [9, 2, 0, 2, 2, 4, 4, 2, 9, 9, 9],
        ["prep", "det", "pobj", "punct", "conj", "cc", "conj", "punct", "nsubj", "ROOT", "punct"],
        ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"],
        ["with", "the", "accord", ",", "Chile", "and", "Peru", ",", "Bolivia", "agree", "."],
        {"Chile": (4,), "Peru": (6,), "Bolivia": (8,)}, 9, ["object"], ["Bolivia"], [], id="opening-phrase-own-subject",
    ),
    pytest.param(
        ["Velayati", "is", "due", "to", "meet", "Putin", "."], [1, 1, 1, 4, 2, 4, 1],
        ["nsubj", "ROOT", "acomp", "aux", "xcomp", "dobj", "punct"],
        ["PROPN", "AUX", "ADJ", "PART", "VERB", "PROPN", "PUNCT"], ["Velayati", "be", "due", "to", "meet", "Putin", "."],
        {"Velayati": (0,), "Putin": (5,)}, 4, ["object"], ["Velayati"], ["Putin"], id="xcomp-due-to",
    ),
    pytest.param(
        ["Washington", "says", "it", "will", "reimpose", "sanctions", "on", "Iran", "."], [1, 1, 4, 4, 1, 4, 5, 6, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "PRON", "AUX", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Washington", "say", "it", "will", "reimpose", "sanction", "on", "Iran", "."],
        {"Washington": (0, 2), "Iran": (7,)}, (4, 5), ["on"], ["Washington"], ["Iran"], id="ccomp-coreferent-pronoun",
    ),
    pytest.param(
        ["Velayati", ",", "who", "is", "due", "to", "meet", "Putin", ",", "arrived", "."],
        [9, 0, 3, 0, 3, 6, 4, 6, 0, 9, 9],
        ["nsubj", "punct", "nsubj", "relcl", "acomp", "aux", "xcomp", "dobj", "punct", "ROOT", "punct"],
        ["PROPN", "PUNCT", "PRON", "AUX", "ADJ", "PART", "VERB", "PROPN", "PUNCT", "VERB", "PUNCT"],
        ["Velayati", ",", "who", "be", "due", "to", "meet", "Putin", ",", "arrive", "."],
        {"Velayati": (0,), "Putin": (7,)}, 6, ["object"], ["Velayati"], ["Putin"], id="relative-clause",
    ),
    pytest.param(
        ["Russia", "urged", "Iran", "to", "leave", "Syria", "."], [1, 1, 1, 4, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN", "PUNCT"], ["Russia", "urge", "Iran", "to", "leave", "Syria", "."],
        {"Russia": (0,), "Iran": (2,), "Syria": (5,)}, 4, ["object"], ["Iran"], ["Syria"], id="object-control",
    ),
    pytest.param(
        ["Velayati", "arrived", "in", "Moscow", ",", "praising", "Russia", "."], [1, 1, 1, 2, 1, 1, 5, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct", "advcl", "dobj", "punct"],
        ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "VERB", "PROPN", "PUNCT"],
        ["Velayati", "arrive", "in", "Moscow", ",", "praise", "Russia", "."],
        {"Velayati": (0,), "Russia": (6,)}, 5, ["object"], ["Velayati"], ["Russia"], id="participial-clause",
    ),
    pytest.param(
        ["Turkey", "said", "that", "Syria", "attacked", "Iraq", "."], [1, 1, 4, 4, 1, 4, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "dobj", "punct"],
        ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "PROPN", "PUNCT"], ["Turkey", "say", "that", "Syria", "attack", "Iraq", "."],
        {"Turkey": (0,), "Syria": (3,), "Iraq": (5,)}, 4, ["object"], ["Syria"], ["Iraq"], id="reported-event",
    ),
    pytest.param(
        ["Israel", "attacked", "Iranian", "targets", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"],
        ["PROPN", "VERB", "ADJ", "NOUN", "PUNCT"], ["Israel", "attack", "iranian", "target", "."],
        {"Israel": (0,), "Iran": (2,)}, 1, ["object"], ["Israel"], ["Iran"], id="adjective-names-target",
    ),
    pytest.param(
        ["Netanyahu", "backs", "Trump", "'s", "decision", "."], [1, 1, 4, 2, 1, 1],
        ["nsubj", "ROOT", "poss", "case", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"], ["Netanyahu", "back", "Trump", "'s", "decision", "."],
        {"Netanyahu": (0,), "Trump": (2,)}, 1, ["object"], ["Netanyahu"], ["Trump"], id="possessor-names-target",
    ),
    pytest.param(
        ["Velayati", "hailed", "ties", "during", "a", "visit", "to", "Moscow", "."], [1, 1, 1, 1, 5, 3, 5, 6, 1],
        ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Velayati", "hail", "tie", "during", "a", "visit", "to", "Moscow", "."],
        {"Velayati": (0,), "Moscow": (7,)}, 5, ["to"], ["Velayati"], ["Moscow"], id="nominal-in-frame-prep",
    ),
    pytest.param(
        ["Netanyahu", "'s", "visit", "to", "Russia", "ended", "."], [2, 0, 5, 2, 3, 5, 5],
        ["poss", "case", "nsubj", "prep", "pobj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"], ["Netanyahu", "'s", "visit", "to", "Russia", "end", "."],
        {"Netanyahu": (0,), "Russia": (4,)}, 2, ["to"], ["Netanyahu"], ["Russia"], id="nominal-possessor",
    ),
    pytest.param(
        ["Iran", "held", "talks", "with", "Oman", "."], [1, 1, 1, 2, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"], ["Iran", "hold", "talk", "with", "Oman", "."],
        {"Iran": (0,), "Oman": (4,)}, 2, ["with"], ["Iran"], ["Oman"], id="nominal-light-verb",
    ),
    pytest.param(
        ["Russia", "condemned", "the", "strikes", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT"], ["Russia", "condemn", "the", "strike", "."],
        {"Russia": (0,)}, 3, ["on"], [], [], id="nominal-not-inheriting-from-other-verb",
    ),
    pytest.param(
        ["Peru", "rejected", "an", "offer", "from", "Chile", "."], [1, 1, 3, 1, 3, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Peru", "reject", "an", "offer", "from", "Chile", "."], {"Peru": (0,), "Chile": (5,)}, 1, ["object"],
        ["Peru"], ["Chile"], id="author-of-the-rejected-offer",
    ),
    pytest.param(
        ["Iran", "hailed", "its", "ties", "with", "Russia", "."], [1, 1, 3, 1, 3, 4, 1],
        ["nsubj", "ROOT", "poss", "dobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "PRON", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Iran", "hail", "its", "tie", "with", "Russia", "."], {"Iran": (0, 2), "Russia": (5,)}, 1, ["object"],
        ["Iran"], ["Russia"], id="partner-of-a-relation",
    ),
    pytest.param(
        ["The", "man", "attacked", "Iran", "."], [1, 2, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj", "punct"],
        ["DET", "NOUN", "VERB", "PROPN", "PUNCT"], ["the", "man", "attack", "Iran", "."],
        {"Iran": (3,)}, 2, ["object"], [], ["Iran"], id="no-actor-no-source",
    ),
    pytest.param(
        ["Thousands", "of", "Kurds", "protested", "."], [3, 0, 1, 3, 3], ["nsubj", "prep", "pobj", "ROOT", "punct"],
        ["NOUN", "ADP", "PROPN", "VERB", "PUNCT"], ["thousand", "of", "Kurds", "protest", "."],
        {"Kurds": (2,)}, 3, ["object"], ["Kurds"], [], id="quantity-passes-to-what-it-counts",
    ),
    pytest.param(
        ["Tens", "of", "thousands", "of", "farmers", "in", "Chile", "marched", "."], [7, 0, 1, 2, 3, 4, 5, 7, 7],
        ["nsubj", "prep", "pobj", "prep", "pobj", "prep", "pobj", "ROOT", "punct"],
        ["NOUN", "ADP", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"],
        ["ten", "of", "thousand", "of", "farmer", "in", "Chile", "march", "."],
        {"Chile": (6,)}, 7, ["object"], ["Chile"], [], id="group-located-in-a-state",
    ),
    pytest.param(
        ["Farmers", "from", "the", "north", "marched", "."], [4, 0, 3, 1, 4, 4],
        ["nsubj", "prep", "det", "pobj", "ROOT", "punct"], ["NOUN", "ADP", "DET", "NOUN", "VERB", "PUNCT"],
        ["farmer", "from", "the", "north", "march", "."], {}, 4, ["object"], [], [], id="no-state-no-source",
    ),
    pytest.param(
        ["Peru", "threatened", "action", "against", "Chile", "."], [1, 1, 1, 2, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Peru", "threaten", "action", "against", "Chile", "."], {"Peru": (0,), "Chile": (4,)}, (1, 2),
        ["object", "against"], ["Peru"], ["Chile"], id="preposition-on-the-object",
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,actors,trigger,slots,want_sources,want_targets", CASES)
def test_sources_and_targets(make_doc, words, heads, deps, pos, lemmas, actors, trigger, slots, want_sources,
                             want_targets) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    index = index_for(doc, actors)
    trigger, *extra = trigger if isinstance(trigger, tuple) else (trigger,)
    token = doc[trigger]
    assert names(args.sources(token, index, LIGHT, PREPS)) == want_sources
    groups = args.target_slots(token, slots, [token, *(doc[i] for i in extra)])
    assert names(args.first_resolved(groups, index)) == want_targets


@pytest.mark.parametrize(
    "words,heads,deps,pos,trigger,expected",
    [
        (["Iran", "praised", "Russia"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"], 1, 1.0),
        (["Iran", "is", "due", "to", "meet", "Oman"], [1, 1, 1, 4, 2, 4],
         ["nsubj", "ROOT", "acomp", "aux", "xcomp", "dobj"], ["PROPN", "AUX", "ADJ", "PART", "VERB", "PROPN"], 4,
         args.INHERITED),
    ],
    ids=["own-subject", "inherited"],
)
def test_source_certainty(make_doc, words, heads, deps, pos, trigger, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos)
    found = args.sources(doc[trigger], index_for(doc, {"Iran": (0,)}), LIGHT, PREPS)
    assert [a.certainty for a in found] == [expected]


@pytest.mark.parametrize(
    "word,expected",
    [("who", "Velayati"), ("Putin", "Putin")],
)
def test_antecedent_of_relative_pronoun(make_doc, word, expected) -> None:
    words = ["Velayati", ",", word, "met", "Oman", ",", "left"]
    doc = make_doc(words, heads=[6, 0, 3, 0, 3, 0, 6], deps=["nsubj", "punct", "nsubj", "relcl", "dobj", "punct", "ROOT"])
    assert antecedent(doc[2]).text == expected


@pytest.mark.parametrize(
    "word,lemma,expected",
    [("staged", "stag", "stage"), ("holds", "hold", "hold"), ("launching", "launch", "launch"), ("red", "red", "red")],
)
def test_word_forms_recover_missed_lemmas(make_doc, word, lemma, expected) -> None:
    doc = make_doc([word], lemmas=[lemma])
    assert expected in args.word_forms(doc[0])


@pytest.mark.parametrize("prep", ["in", "from"])  # workers in Lyon, workers from Lyon
def test_a_group_takes_the_country_of_the_place_it_is_in(make_doc, prep) -> None:
    words = ["Workers", prep, "Lyon", "rioted", "."]
    doc = make_doc(words, heads=[3, 0, 1, 3, 3], deps=["nsubj", "prep", "pobj", "ROOT", "punct"],
                   pos=["NOUN", "ADP", "PROPN", "VERB", "PUNCT"], lemmas=["worker", prep, "Lyon", "riot", "."])
    france = Actor(id="fr", name="France", code="FRA", country="FRA", sectors=(), kind="state",
                   mentions=(Span(doc[2].idx, doc[2].idx + 4, "Lyon"),))
    assert names(args.sources(doc[3], args.ArgumentIndex([], [france]), LIGHT, PREPS)) == ["France"]
    assert names(args.sources(doc[3], ActorIndex([]), LIGHT, PREPS)) == []


def test_light_verb_with_a_missed_lemma_still_passes_its_subject(make_doc) -> None:
    words = ["Students", "staged", "rallies", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
                   pos=["NOUN", "VERB", "NOUN", "PUNCT"], lemmas=["student", "stag", "rally", "."])
    assert names(args.sources(doc[2], index_for(doc, {"Students": (0,)}), frozenset({"stage"}), PREPS)) == ["Students"]


def test_a_reduced_passive_takes_its_agent_as_source_and_its_noun_as_target(make_doc) -> None:
    words = ["Peru", "freed", "a", "man", "held", "by", "Chile", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 3, 4, 5, 1], deps=["nsubj", "ROOT", "det", "dobj", "acl", "agent", "pobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                   tags=["NNP", "VBD", "DT", "NN", "VBN", "IN", "NNP", "."])
    held = doc[4]
    assert args.is_passive(held) and args.verb_source(held)[0].text == "Chile"
    assert [t.text for t in args.target_slots(held, ["object"], [held])[0]] == ["man"]


def test_a_participle_with_an_object_is_no_reduced_passive(make_doc) -> None:
    words = ["Groups", "donated", "aid", "."]
    doc = make_doc(words, heads=[0, 0, 1, 0], deps=["ROOT", "acl", "dobj", "punct"],
                   pos=["NOUN", "VERB", "NOUN", "PUNCT"], tags=["NNS", "VBN", "NN", "."])
    assert not args.is_passive(doc[1])


@pytest.mark.parametrize("verb,lemma", [("begged", "beg"), ("led", "lead")])
def test_an_object_control_verb_passes_its_object_to_the_clause(make_doc, verb, lemma) -> None:
    words = ["Peru", verb, "Chile", "to", "agree", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 1, 1], deps=["nsubj", "ROOT", "dobj", "aux", "xcomp", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "PART", "VERB", "PUNCT"],
                   lemmas=["Peru", lemma, "Chile", "to", "agree", "."])
    assert args.grammatical_subject(doc[4])[0].text == "Chile"


def test_kin_are_not_named_by_their_possessor(make_doc) -> None:
    doc = make_doc(["their", "father"], heads=[1, 1], deps=["poss", "ROOT"], pos=["PRON", "NOUN"],
                   lemmas=["their", "father"])
    assert args.resolve(doc[1], index_for(doc, {"Peruvians": (0,)})) is None


@pytest.mark.parametrize("words,heads,deps,pos,expected", [
    (["truce", "with", "Chile"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["NOUN", "ADP", "PROPN"], ["Chile"]),
    (["war", "for", "gains", "against", "Chile"], [0, 0, 1, 2, 3], ["ROOT", "prep", "pobj", "prep", "pobj"],
     ["NOUN", "ADP", "NOUN", "ADP", "PROPN"], ["gains", "Chile"]),
    (["truce", "of", "Chile"], [0, 0, 1], ["ROOT", "prep", "pobj"], ["NOUN", "ADP", "PROPN"], []),
], ids=["one-down", "two-down", "not-directed"])
def test_nested_objects(make_doc, words, heads, deps, pos, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in args.nested_objects([doc[0]])] == expected


def test_who_is_engaged_in_an_act_does_it(make_doc) -> None:
    words = ["Chile", "was", "engaged", "in", "fighting", "."]
    doc = make_doc(words, heads=[2, 2, 2, 2, 3, 2], deps=["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"], lemmas=["Chile", "be", "engage", "in", "fighting", "."])
    assert args.verb_source(doc[2])[0].text == "Chile"


def test_a_group_based_in_a_state_belongs_to_it(make_doc) -> None:
    words = ["Rebels", "based", "in", "Chile", "fought", "."]
    doc = make_doc(words, heads=[4, 0, 1, 2, 4, 4], deps=["nsubj", "acl", "prep", "pobj", "ROOT", "punct"],
                   pos=["NOUN", "VERB", "ADP", "PROPN", "VERB", "PUNCT"], lemmas=["rebel", "base", "in", "Chile", "fight", "."])
    found = args.resolve(doc[0], index_for(doc, {"Chile": (3,)}))
    assert found is not None and found[0].name == "Chile"


def test_a_war_names_the_other_side_before_its_owner(make_doc) -> None:
    words = ["its", "war", "with", "Chile"]
    doc = make_doc(words, heads=[1, 1, 1, 2], deps=["poss", "ROOT", "prep", "pobj"], pos=["PRON", "NOUN", "ADP", "PROPN"],
                   lemmas=["its", "war", "with", "Chile"])
    found = args.resolve(doc[1], index_for(doc, {"Peru": (0,), "Chile": (3,)}))
    assert found is not None and found[0].name == "Chile"


def test_a_group_parsed_as_the_subject_of_a_gerund_subject_is_the_doer(make_doc) -> None:
    words = ["Chile", "operating", "in", "Peru", "said", "."]
    doc = make_doc(words, heads=[1, 4, 1, 2, 4, 4], deps=["nsubj", "nsubj", "prep", "pobj", "ROOT", "punct"],
                   pos=["PROPN", "VERB", "ADP", "PROPN", "VERB", "PUNCT"], tags=["NNP", "VBG", "IN", "NNP", "VBD", "."])
    subject, certainty = args.grammatical_subject(doc[4])
    assert subject.text == "Chile" and certainty == args.INHERITED


def test_a_bare_participle_under_a_wish_is_passive(make_doc) -> None:
    words = ["Peru", "wants", "Chileans", "expelled", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "nsubj", "ccomp", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "VERB", "PUNCT"], tags=["NNP", "VBZ", "NNPS", "VBN", "."])
    expelled = doc[3]
    assert args.is_passive(expelled) and args.verb_source(expelled)[0] is None
    assert [t.text for t in args.target_slots(expelled, ["object"], [expelled])[0]] == ["Chileans"]


def test_a_message_that_demands_is_its_issuers_act(make_doc) -> None:
    words = ["Chile", "issued", "a", "statement", "demanding", "talks", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 3, 4, 1], deps=["nsubj", "ROOT", "det", "dobj", "acl", "dobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "VERB", "NOUN", "PUNCT"], tags=["NNP", "VBD", "DT", "NN", "VBG", "NNS", "."])
    found = args.sources(doc[4], index_for(doc, {"Chile": (0,)}), LIGHT, PREPS)
    assert names(found) == ["Chile"] and found[0].certainty < 1


@pytest.mark.parametrize("dep,to,expected", [("xcomp", True, ["envoy"]), ("advcl", True, ["envoy"]),
                                             ("xcomp", False, []), ("ccomp", True, [])])
def test_an_act_done_for_a_purpose_is_addressed_to_the_served_verbs_object(make_doc, dep, to, expected) -> None:
    words = ["Chile", "summoned", "the", "envoy", "to" if to else "and", "complain", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 5, 1, 1],
                   deps=["nsubj", "ROOT", "det", "dobj", "aux" if to else "cc", dep, "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "PART" if to else "CCONJ", "VERB", "PUNCT"])
    assert [t.text for t in args.served_object(doc[5])] == expected


@pytest.mark.parametrize("dep", ["amod", "nmod"])  # "U.S. and Russian negotiators": the first often an nmod
def test_coordinated_qualifiers_each_name_a_party(make_doc, dep) -> None:
    words = ["Chilean", "and", "Peruvian", "officials", "met", "."]
    doc = make_doc(words, heads=[3, 0, 0, 4, 4, 4], deps=[dep, "cc", "conj", "nsubj", "ROOT", "punct"],
                   pos=["ADJ", "CCONJ", "ADJ", "NOUN", "VERB", "PUNCT"])
    index = index_for(doc, {"Chile": (0,), "Peru": (2,)})
    assert sorted(names(args.resolve_all([doc[3]], index))) == ["Chile", "Peru"]


@pytest.mark.parametrize("mark,expected", [("other", ["Chile", "Peru"]), ("Andean", ["Andes", "Chile", "Peru"])])
def test_a_conjunct_for_the_rest_of_a_class_names_no_party(make_doc, mark, expected) -> None:
    """ "Bolivia urged Chile, Peru and other/Andean states to ...": "other states" are the rest, no party."""
    words = ["Bolivia", "urged", "Chile", ",", "Peru", "and", mark, "states"]
    doc = make_doc(words, heads=[1, 1, 1, 2, 2, 4, 7, 4], deps=["nsubj", "ROOT", "dobj", "punct", "conj", "cc", "amod", "conj"],
                   pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "CCONJ", "ADJ", "NOUN"])
    index = index_for(doc, {"Chile": (2,), "Peru": (4,), "Andes": (7,)})
    assert sorted(names(args.resolve_all([doc[2]], index))) == expected


def test_an_event_noun_a_visit_is_made_for_takes_the_visitors(make_doc) -> None:
    from eventwire.lexicons.triggers import Lexicon

    words = ["Chile", "came", "to", "Lima", "for", "talks", "."]
    doc = make_doc(words, heads=[1, 1, 1, 2, 1, 4, 1], deps=["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "ADP", "PROPN", "ADP", "NOUN", "PUNCT"])
    lexicon = Lexicon.load()
    found = args.noun_source_candidates(doc[5], lexicon.light_verbs, lexicon.frame_preps)
    assert [t.text for t, _ in found] == ["Chile"]


def test_a_stranded_preposition_takes_the_subject_the_parser_gave_its_object_to(make_doc) -> None:
    words = ["Chile", "granted", "asylum", "to", "Peruvians", "hiding", "out", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 5, 1, 5, 1], deps=["nsubj", "ROOT", "dobj", "prep", "nsubj", "advcl", "prt", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "ADP", "PROPN", "VERB", "ADP", "PUNCT"])
    groups = args.target_slots(doc[1], ["to"], [doc[1]])
    assert names(args.first_resolved(groups, index_for(doc, {"Chile": (0,), "Peruvians": (4,)}))) == ["Peruvians"]


def test_an_object_shifted_after_an_as_phrase_is_the_object(make_doc) -> None:
    words = ["Chile", "condemned", "as", "an", "outrage", "Peru", "'s", "blockade", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 2, 7, 5, 4, 1],
                   deps=["nsubj", "ROOT", "prep", "det", "pobj", "poss", "case", "appos", "punct"],
                   pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "PROPN", "PART", "NOUN", "PUNCT"])
    groups = args.target_slots(doc[1], ["object"], [doc[1]])
    assert names(args.first_resolved(groups, index_for(doc, {"Chile": (0,), "Peru": (5,)}))) == ["Peru"]


@pytest.mark.parametrize("words,heads,deps,pos", [
    (["killings", "committed", "by", "Peru"], [0, 0, 1, 2], ["ROOT", "acl", "agent", "pobj"], ["NOUN", "VERB", "ADP", "PROPN"]),
    (["the", "Peru", "-", "led", "war"], [4, 3, 3, 4, 4], ["det", "npadvmod", "punct", "amod", "ROOT"],
     ["DET", "PROPN", "PUNCT", "VERB", "NOUN"]),
], ids=["participle-agent", "led-by"])
def test_a_phrase_names_who_did_it(make_doc, words, heads, deps, pos) -> None:
    tags = ["VBN" if w in {"committed", "led"} else "" for w in words]
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, tags=tags)
    found = args.resolve(doc[deps.index("ROOT")], index_for(doc, {"Peru": (words.index("Peru"),)}))
    assert found is not None and found[0].name == "Peru"


def test_nested_objects_reach_the_parties_between_which_an_act_is(make_doc) -> None:
    words = ["hosted", "a", "meeting", "between", "Chile", "and", "Peru"]
    doc = make_doc(words, heads=[0, 2, 0, 2, 3, 4, 4], deps=["ROOT", "det", "dobj", "prep", "pobj", "cc", "conj"],
                   pos=["VERB", "DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN"])
    assert [t.text for t in args.nested_objects([doc[2]])] == ["Chile"]


@pytest.mark.parametrize("words,heads,deps,pos", [
    (["refugees", "escaping", "the", "fighting", "in", "Peru"], [0, 0, 3, 1, 3, 4],
     ["ROOT", "acl", "det", "dobj", "prep", "pobj"], ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN"]),
    (["refugees", "fleeing", "from", "Peru"], [0, 0, 1, 2], ["ROOT", "acl", "prep", "pobj"], ["NOUN", "VERB", "ADP", "PROPN"]),
], ids=["the-fighting-in", "from"])
def test_refugees_belong_to_the_country_they_flee(make_doc, words, heads, deps, pos) -> None:
    lemmas = ["refugee", "escape" if words[1] == "escaping" else "flee", *words[2:]]
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    found = args.resolve(doc[0], index_for(doc, {"Peru": (len(words) - 1,)}))
    assert found is not None and found[0].name == "Peru"


def test_up_to_a_number_is_the_object_the_parser_split(make_doc) -> None:
    words = ["Chile", "seized", "up", "to", "16", "Peruvians"]
    doc = make_doc(words, heads=[1, 1, 1, 2, 5, 3], deps=["nsubj", "ROOT", "prt", "prep", "nummod", "pobj"],
                   pos=["PROPN", "VERB", "ADP", "ADP", "NUM", "PROPN"])
    groups = args.target_slots(doc[1], ["object"], [doc[1]])
    assert names(args.first_resolved(groups, index_for(doc, {"Chile": (0,), "Peruvians": (5,)}))) == ["Peruvians"]


def test_a_groups_backer_is_not_the_group(make_doc) -> None:
    words = ["forces", "backed", "by", "Peru"]
    doc = make_doc(words, heads=[0, 0, 1, 2], deps=["ROOT", "acl", "agent", "pobj"], pos=["NOUN", "VERB", "ADP", "PROPN"],
                   tags=["NNS", "VBN", "IN", "NNP"], lemmas=["force", "back", "by", "Peru"])
    assert args.resolve(doc[0], index_for(doc, {"Peru": (3,)})) is None


GERUND_DEPS = ["nsubj", "ROOT", "prep", "pcomp", "dobj", "punct"]
GERUND_POS = ["PROPN", "VERB", "ADP", "VERB", "NOUN", "PUNCT"]
GERUND_TAGS = ["NNP", "VBD", "IN", "VBG", "NNS", "."]


@pytest.mark.parametrize(("words", "expected"), [
    (["Chile", "resorted", "to", "shelling", "towns", "."], "Chile"),
    (["Chile", "succeeded", "in", "taking", "towns", "."], "Chile"),
    (["Chile", "refrained", "from", "shelling", "towns", "."], None),  # it did not happen
    (["Chile", "left", "without", "paying", "debts", "."], None),
])
def test_a_gerund_after_a_preposition_is_done_by_the_subject_of_the_word_it_hangs_on(make_doc, words, expected) -> None:
    doc = make_doc(words, heads=[1, 1, 1, 2, 3, 1], deps=GERUND_DEPS, pos=GERUND_POS, tags=GERUND_TAGS)
    subject, certainty = args.grammatical_subject(doc[3])
    assert (subject.text if subject is not None else None) == expected
    assert subject is None or certainty == args.INHERITED


def test_a_gerund_after_an_adjective_is_done_by_the_subject_of_the_copula(make_doc) -> None:
    words = ["Chile", "is", "guilty", "of", "violating", "truces", "."]
    doc = make_doc(words, heads=[1, 1, 1, 2, 3, 4, 1], deps=["nsubj", "ROOT", "acomp", "prep", "pcomp", "dobj", "punct"],
                   pos=["PROPN", "AUX", "ADJ", "ADP", "VERB", "NOUN", "PUNCT"],
                   tags=["NNP", "VBZ", "JJ", "IN", "VBG", "NNS", "."])
    assert args.grammatical_subject(doc[4])[0].text == "Chile"


def test_a_gerund_after_an_object_is_not_the_subjects(make_doc) -> None:
    words = ["Peru", "blamed", "Chile", "for", "shelling", "towns", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 3, 4, 1], deps=["nsubj", "ROOT", "dobj", "prep", "pcomp", "dobj", "punct"],
                   pos=["PROPN", "VERB", "PROPN", "ADP", "VERB", "NOUN", "PUNCT"],
                   tags=["NNP", "VBD", "NNP", "IN", "VBG", "NNS", "."])
    assert args.grammatical_subject(doc[4])[0] is None


def test_a_by_agent_the_parser_hung_on_the_complements_gerund_is_the_passives_doer(make_doc) -> None:
    words = ["Peru", "was", "accused", "of", "arming", "rebels", "by", "Chile", "."]
    doc = make_doc(words, heads=[2, 2, 2, 2, 3, 4, 4, 6, 2],
                   deps=["nsubjpass", "auxpass", "ROOT", "prep", "pcomp", "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "ADP", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   tags=["NNP", "VBD", "VBN", "IN", "VBG", "NNS", "IN", "NNP", "."])
    index = index_for(doc, {"Peru": (0,), "Chile": (7,)})
    assert names(args.sources(doc[2], index, LIGHT, PREPS)) == ["Chile"]
    assert args.verb_source(doc[2])[1] == args.INHERITED and not args.agentless(doc[2])


BY_AFTER = (["Reports", "say", "Peru", "was", "accused", "of", "fraud", ",", "many", "think", ",", "by", "Chile", "."],
            [1, 1, 4, 4, 1, 4, 5, 1, 9, 1, 1, 1, 11, 1],
            ["nsubj", "ROOT", "nsubjpass", "auxpass", "ccomp", "prep", "pobj", "punct", "nsubj", "parataxis", "punct",
             "prep", "pobj", "punct"],
            ["NOUN", "VERB", "PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT", "ADP", "PROPN",
             "PUNCT"])
BY_BEFORE = (["Reports", "by", "Chile", "say", "Peru", "was", "accused", "of", "fraud", "."],
             [3, 3, 1, 3, 6, 6, 3, 6, 7, 3],
             ["nsubj", "prep", "pobj", "ROOT", "nsubjpass", "auxpass", "ccomp", "prep", "pobj", "punct"],
             ["NOUN", "ADP", "PROPN", "VERB", "PROPN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"])


@pytest.mark.parametrize("parse,expected", [(BY_AFTER, "Chile"), (BY_BEFORE, None)], ids=["after", "before"])
def test_a_by_phrase_after_a_passive_clause_on_the_active_verb_over_it_is_the_passives_agent(
        make_doc, parse, expected) -> None:
    words, heads, deps, pos = parse
    doc = make_doc(words, heads=heads, deps=deps, pos=pos)
    accused = next(t for t in doc if t.text == "accused")
    found = args.displaced_agent(accused)
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize("words,heads,deps,purposes,expected", [
    (["Chile", "opened", "the", "border", "to", "allow", "aid", "to", "Peru", "."], [1, 1, 3, 1, 5, 1, 5, 5, 7, 1],
     ["nsubj", "ROOT", "det", "dobj", "aux", "advcl", "dobj", "prep", "pobj", "punct"], True, ["aid", "Peru"]),
    (["Chile", "plans", "to", "send", "aid", "to", "Peru", "."], [1, 1, 3, 1, 3, 3, 5, 1],
     ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj", "punct"], True, []),
    (["Chile", "plans", "to", "send", "aid", "to", "Peru", "."], [1, 1, 3, 1, 3, 3, 5, 1],
     ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj", "punct"], False, ["aid", "Peru"]),
    (["Chile", "claims", "to", "make", "arms", "to", "use", "against", "Peru", "."], [1, 1, 3, 1, 3, 6, 3, 6, 7, 1],
     ["nsubj", "ROOT", "aux", "xcomp", "dobj", "aux", "advcl", "prep", "pobj", "punct"], True, ["Peru"]),
], ids=["purpose-clause", "complement-is-no-purpose", "complement-as-purpose-or-condition",
        "purpose-of-the-complement"])
def test_only_a_to_clause_of_purpose_names_whom_an_act_aims_at(make_doc, words, heads, deps, purposes, expected) -> None:
    pos = ["PROPN" if w[0].isupper() else "PUNCT" if w == "." else "PART" if d == "aux" else "ADP" if d == "prep"
           else "DET" if d == "det" else "VERB" if d in {"ROOT", "advcl", "xcomp"} else "NOUN" for w, d in zip(words, deps, strict=True)]
    doc = make_doc(words, heads=heads, deps=deps, pos=pos)
    assert [t.text for t in args.purpose_parties(doc[1], purposes=purposes)] == expected


@pytest.mark.parametrize("mark,expected", [("as", "envoy"), ("after", "envoy"), ("despite", "Talks")])
def test_a_clause_subject_parsed_as_its_conjunctions_object_is_the_subject(make_doc, mark, expected) -> None:
    """"Talks stalled as the envoy, Ana Ruiz, visited Lima": the parser reads "as" as a preposition and the
    envoy as its object; the envoy visited. A true preposition ("despite") keeps the main clause's subject."""
    doc = make_doc(["Talks", "stalled", mark, "the", "envoy", ",", "Ana", "Ruiz", ",", "visited", "Lima", "."],
                   heads=[1, 1, 1, 4, 2, 4, 7, 4, 4, 1, 9, 1],
                   deps=["nsubj", "ROOT", "prep", "det", "pobj", "punct", "compound", "appos", "punct", "advcl", "dobj",
                         "punct"],
                   pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "PROPN",
                        "PUNCT"],
                   tags=["NNS", "VBD", "IN", "DT", "NN", ",", "NNP", "NNP", ",", "VBD", "NNP", "."])
    subject, certainty = args.grammatical_subject(doc[9])
    assert subject.text == expected and certainty == args.INHERITED


def test_a_participle_after_a_prepositional_phrase_keeps_the_main_subject(make_doc) -> None:
    doc = make_doc(["Ruiz", "spoke", "as", "the", "envoy", ",", "seeking", "talks", "."],
                   heads=[1, 1, 1, 4, 2, 1, 1, 6, 1],
                   deps=["nsubj", "ROOT", "prep", "det", "pobj", "punct", "advcl", "dobj", "punct"],
                   pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "VERB", "NOUN", "PUNCT"],
                   tags=["NNP", "VBD", "IN", "DT", "NN", ",", "VBG", "NNS", "."])
    assert args.grammatical_subject(doc[6])[0].text == "Ruiz"


@pytest.mark.parametrize("dep", ["acl", "amod"])
def test_a_participle_of_support_describing_a_party_is_no_act(make_doc, dep) -> None:
    """ "the rebels backed by Chile" (acl), "the Chilean backed rebels" (amod): a standing tie, not news."""
    words = ["the", "Chilean", "backed", "rebels"] if dep == "amod" else ["the", "rebels", "backed", "by", "Chile"]
    heads = [3, 2, 3, 3] if dep == "amod" else [1, 1, 1, 2, 3]
    deps = ["det", "npadvmod", "amod", "ROOT"] if dep == "amod" else ["det", "ROOT", "acl", "agent", "pobj"]
    pos = ["DET", "ADJ", "VERB", "NOUN"] if dep == "amod" else ["DET", "NOUN", "VERB", "ADP", "PROPN"]
    tags = ["DT", "JJ", "VBN", "NNS"] if dep == "amod" else ["DT", "NNS", "VBN", "IN", "NNP"]
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=[w.lower() if w != "backed" else "back"
                                                                            for w in words])
    assert args.describes_support(doc[2])
