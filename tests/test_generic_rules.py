"""Generic actors and implied doers on hand-built Docs: the rules of eventwire/stages/actors/generic.py, the
generic nouns of bodies.py, and eventwire/stages/events/implied.py, one at a time."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from test_events import actors_on, events_for

from eventwire.context import ArticleContext
from eventwire.errors import DictionaryError
from eventwire.lexicons.actors import ActorDictionary
from eventwire.lexicons.triggers import Lexicon, parse_entry
from eventwire.models import Actor, Place, Span
from eventwire.stages.actors.generic import best_basis, dateline_country, in_dateline, is_member_role
from eventwire.stages.actors.stage import ActorLookup, find_actors, find_mentions
from eventwire.stages.events.arguments import agentless, is_passive

TOWNS = {"Lahore": "PAK", "Karachi": "PAK", "Kandahar": "AFG", "Dhaka": "BGD", "Hebron": "PSE"}


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def generic(spec_doc, dictionary, spec: str) -> list[tuple[str, str | None, str | None]]:
    """The body, group and member mentions of a spec: (text, code, basis)."""
    doc = spec_doc(spec)
    found = find_mentions(ArticleContext.of(doc, published="2020-03-05"), dictionary, locate=TOWNS.get)
    return [(m.text, m.entry.code if m.entry else None, m.basis) for m in found
            if m.form in {"body", "group", "member"}]


def actors(spec_doc, dictionary, spec: str) -> list[tuple[str, str, str | None]]:
    """The actors of a spec, through coreference: (code, kind, country basis)."""
    context = ArticleContext.of(spec_doc(spec), published="2020-03-05")
    return [(a.code, a.kind, a.country_basis) for a in find_actors(context, ActorLookup(dictionary, TOWNS.get))]


GENERIC = [
    # "Police detained four students in Lahore ." — the place of their clause
    ("Police|NOUN|nsubj|1 detained|VERB|ROOT|1 four|NUM|nummod|3 students|NOUN|dobj|1 in|ADP|prep|1 "
     "Lahore|PROPN|pobj|4|B-GPE .|PUNCT|punct|1",
     [("Police", "PAKCOP", "clause"), ("students", "PAKEDU", "clause")]),
    # "Police said gunmen attacked Lahore ." — a place of the clause they report is the sentence's
    ("Police|NOUN|nsubj|1 said|VERB|ROOT|1 gunmen|NOUN|nsubj|3 attacked|VERB|ccomp|1 Lahore|PROPN|dobj|3|B-GPE "
     ".|PUNCT|punct|1",
     [("Police", "PAKCOP", "sentence"), ("gunmen", "PAKUAF", "clause")]),
    # "Police said gunmen attacked Lahore and Kandahar ." — the sentence's places disagree: no country yet
    ("Police|NOUN|nsubj|1 said|VERB|ROOT|1 gunmen|NOUN|nsubj|3 attacked|VERB|ccomp|1 Lahore|PROPN|dobj|3|B-GPE "
     "and|CCONJ|cc|4 Kandahar|PROPN|conj|4|B-GPE .|PUNCT|punct|1",
     [("Police", None, None), ("gunmen", "PAKUAF", "clause")]),
    # "Officials in Kandahar said gunmen attacked ." — a place on another subject is not the gunmen's
    ("Officials|NOUN|nsubj|3 in|ADP|prep|0 Kandahar|PROPN|pobj|1|B-GPE said|VERB|ROOT|3 gunmen|NOUN|nsubj|5 "
     "attacked|VERB|ccomp|3 .|PUNCT|punct|3",
     [("Officials", "AFGGOV", "clause"), ("gunmen", None, None)]),
    # "Gunmen killed four civilians ." / "Civilians fled Lahore ." — people in general only undergo acts
    ("Gunmen|NOUN|nsubj|1 killed|VERB|ROOT|1 four|NUM|nummod|3 civilians|NOUN|dobj|1 in|ADP|prep|1 "
     "Lahore|PROPN|pobj|4|B-GPE .|PUNCT|punct|1",
     [("Gunmen", "PAKUAF", "clause"), ("civilians", "PAKCVL", "clause")]),
    ("Civilians|NOUN|nsubj|1 fled|VERB|ROOT|1 Lahore|PROPN|dobj|1|B-GPE .|PUNCT|punct|1", []),
    # "Two men were killed by police fire in Lahore ." — a role word before an act is its doer
    ("Two|NUM|nummod|1 men|NOUN|nsubjpass|3 were|AUX|auxpass|3 killed|VERB|ROOT|3 by|ADP|agent|3 "
     "police|NOUN|compound|6 fire|NOUN|pobj|4 in|ADP|prep|3 Lahore|PROPN|pobj|7|B-GPE .|PUNCT|punct|3",
     [("police", "PAKCOP", "clause")]),
    # "The police station in Lahore was attacked ." — before another noun, a role word names a thing
    ("The|DET|det|2 police|NOUN|compound|2 station|NOUN|nsubjpass|6 in|ADP|prep|2 Lahore|PROPN|pobj|3|B-GPE "
     "was|AUX|auxpass|6 attacked|VERB|ROOT|6 .|PUNCT|punct|6", []),
    # "They were soldiers in Lahore ." — a predicate is no actor
    ("They|PRON|nsubj|1 were|AUX|ROOT|1 soldiers|NOUN|attr|1 in|ADP|prep|1 Lahore|PROPN|pobj|3|B-GPE .|PUNCT|punct|1",
     []),
    # "Market forces rose in Lahore ." / "Foreign fighters entered Lahore ." — modifiers that make it no actor
    ("Market|NOUN|compound|1 forces|NOUN|nsubj|2 rose|VERB|ROOT|2 in|ADP|prep|2 Lahore|PROPN|pobj|3|B-GPE "
     ".|PUNCT|punct|2", []),
    ("Foreign|ADJ|amod|1 fighters|NOUN|nsubj|2 entered|VERB|ROOT|2 Lahore|PROPN|dobj|2|B-GPE .|PUNCT|punct|2", []),
    # "The country 's military invaded Lahore ." — an owner we cannot name
    ("The|DET|det|1 country|NOUN|poss|3 's|PART|case|1 military|NOUN|nsubj|4 invaded|VERB|ROOT|4 "
     "Lahore|PROPN|dobj|4|B-GPE .|PUNCT|punct|4", []),
    # "Rebel forces attacked Lahore ." — a role word before the noun says who they are
    ("Rebel|NOUN|compound|1 forces|NOUN|nsubj|2 attacked|VERB|ROOT|2 Lahore|PROPN|dobj|2|B-GPE .|PUNCT|punct|2",
     [("Rebel forces", "PAKREB", "clause")]),
    # "A soldier was killed in Kandahar ." — one member of a force, with its article
    ("A|DET|det|1 soldier|NOUN|nsubjpass|3 was|AUX|auxpass|3 killed|VERB|ROOT|3 in|ADP|prep|3 "
     "Kandahar|PROPN|pobj|4|B-GPE .|PUNCT|punct|3", [("A soldier", "AFGMIL", "clause")]),
    # "A minister spoke in Lahore ." — an office is not a member: left to coreference
    ("A|DET|det|1 minister|NOUN|nsubj|2 spoke|VERB|ROOT|2 in|ADP|prep|2 Lahore|PROPN|pobj|3|B-GPE .|PUNCT|punct|2",
     []),
    # "Refugees arrived in Lahore ." — refugees are of the country they fled
    ("Refugees|NOUN|nsubj|1 arrived|VERB|ROOT|1 in|ADP|prep|1 Lahore|PROPN|pobj|2|B-GPE .|PUNCT|punct|1", []),
    # "Pakistani police arrested two men ." — an adjective first
    ("Pakistani|ADJ|amod|1|B-NORP police|NOUN|nsubj|2 arrested|VERB|ROOT|2 two|NUM|nummod|4 men|NOUN|dobj|2 "
     ".|PUNCT|punct|2", [("Pakistani police", "PAKCOP", "adjective")]),
]


@pytest.mark.parametrize("spec,expected", GENERIC)
def test_generic_nouns_and_the_country_the_text_gives_them(spec_doc, dictionary, spec, expected) -> None:
    assert generic(spec_doc, dictionary, spec) == expected


def test_a_dateline_places_generic_actors_and_is_no_actor(spec_doc, dictionary) -> None:
    spec = "KABUL|PROPN|npadvmod|3|B-GPE —|PUNCT|punct|3 Gunmen|NOUN|nsubj|3 attacked|VERB|ROOT|3 .|PUNCT|punct|3"
    assert actors(spec_doc, dictionary, spec) == [("AFGUAF", "group", "dateline")]


@pytest.mark.parametrize("text,country,shaped", [
    ("KABUL — Gunmen attacked .", "AFG", True),
    ("LAHORE , Pakistan ( AP ) — Police said", "PAK", True),
    ("KARACHI : Police said", "PAK", True),
    ("Police said in Kabul —", None, False),
    ("ZORBA — Gunmen attacked .", None, True),  # a dateline of a place nobody knows gives no country
])
def test_dateline_country(make_doc, dictionary, text, country, shaped) -> None:
    context = ArticleContext.of(make_doc(text.split()))
    assert dateline_country(context, dictionary, TOWNS.get) == country
    assert in_dateline(context, 0) is shaped


def test_a_national_body_is_the_article_country_s_and_else_where_it_acts(spec_doc, dictionary) -> None:
    # "Pakistan said the government imposed a curfew in Kandahar ." — the article's country, not the clause's
    spec = ("Pakistan|PROPN|nsubj|1|B-GPE said|VERB|ROOT|1 the|DET|det|3 government|NOUN|nsubj|4 "
            "imposed|VERB|ccomp|1 a|DET|det|6 curfew|NOUN|dobj|4 in|ADP|prep|4 Kandahar|PROPN|pobj|7|B-GPE "
            ".|PUNCT|punct|1")
    assert ("PAKGOV", "organisation", "article") in actors(spec_doc, dictionary, spec)
    # "The government imposed a curfew in Kandahar ." — with no country named, the clause's place
    spec = ("The|DET|det|1 government|NOUN|nsubj|2 imposed|VERB|ROOT|2 a|DET|det|4 curfew|NOUN|dobj|2 "
            "in|ADP|prep|2 Kandahar|PROPN|pobj|5|B-GPE .|PUNCT|punct|2")
    assert actors(spec_doc, dictionary, spec) == [("AFGGOV", "organisation", "clause")]


def test_a_pronoun_owner_gives_its_referent_s_country(spec_doc, dictionary) -> None:
    # "Russia said its troops attacked Kandahar ." — Russian troops, not the place's
    spec = ("Russia|PROPN|nsubj|1|B-GPE said|VERB|ROOT|1 its|PRON|poss|3 troops|NOUN|nsubj|4 attacked|VERB|ccomp|1 "
            "Kandahar|PROPN|dobj|4|B-GPE .|PUNCT|punct|1")
    assert ("RUSMIL", "group", "adjective") in actors(spec_doc, dictionary, spec)


def test_members_are_people_of_a_force_or_crowd_not_offices(dictionary) -> None:
    for phrase, member in [("soldier", True), ("gunman", True), ("suicide bomber", True), ("policeman", True),
                           ("minister", False), ("official", False), ("president", False)]:
        role = dictionary.role(phrase)
        assert role is not None and is_member_role(dictionary, role) is member, phrase


def test_the_nearest_evidence_decides_an_actor_s_country_basis() -> None:
    assert best_basis(["article", "clause", None, "sentence"]) == "clause"
    assert best_basis(["dateline", "adjective"]) == "adjective"
    assert best_basis([None, None]) is None


# ----------------------------------------------------------------------------- implied doers


def arrested(make_doc, tail: tuple[str, ...] = ("in", "Karachi"), aux: str = "were") -> Doc:
    """ "Five men <aux> arrested in Karachi ." and variants of its last phrase."""
    words = ["Five", "men", aux, "arrested", *tail, "."]
    n = len(words)
    heads = [1, 3, 3, 3] + ([3, 4] if len(tail) == 2 else []) + [3]
    deps = ["nummod", "nsubjpass", "auxpass", "ROOT"] + (["prep", "pobj"] if len(tail) == 2 else []) + ["punct"]
    pos = ["NUM", "NOUN", "AUX", "VERB"] + (["ADP", "PROPN"] if len(tail) == 2 else []) + ["PUNCT"]
    lemmas = ["five", "man", "be", "arrest", *tail, "."]
    doc = make_doc(words, heads=heads[:n], deps=deps, pos=pos, lemmas=lemmas)
    doc[2].tag_ = "VBP" if aux in {"are", "is"} else "VBD"
    return doc


def karachi(doc: Doc) -> list[Place]:
    token = next(t for t in doc if t.text == "Karachi")
    return [Place("Karachi", token.idx, token.idx + 7, "Karachi", "PAK", 24.9, 67.0, 1174872, "city")]


def coded(events) -> list[tuple]:
    return [(e.cameo.code, e.source.code if e.source else None, e.source.basis if e.source else None,
             e.target.code if e.target else None) for e in events]


def test_an_arrest_with_no_doer_is_by_the_police_of_its_place(make_doc, lexicon) -> None:
    doc = arrested(make_doc)
    events = events_for(doc, lexicon, [], places=karachi(doc))
    assert [c[:3] for c in coded(events)] == [("173", "PAKCOP", "implied")]
    assert events[0].source is not None and events[0].source.name == "Pakistani police"
    assert events[0].confidence < 0.9 * 0.9  # the entry's strength, times a place's certainty


def test_a_state_implies_no_arrest(make_doc, lexicon) -> None:
    doc = arrested(make_doc, aux="are")  # "Five men are arrested in Karachi": a state
    assert events_for(doc, lexicon, [], places=karachi(doc)) == []


def test_an_arrest_nothing_places_implies_nobody(make_doc, lexicon) -> None:
    doc = arrested(make_doc, tail=())
    assert events_for(doc, lexicon, []) == []


def test_an_arrest_in_an_article_about_one_country_is_by_its_police(make_doc, lexicon) -> None:
    doc = arrested(make_doc, tail=())
    pakistan = Actor("ac-pak", "Pakistan", "PAK", "PAK", (), "state", (Span(100, 108, "Pakistan"),),
                     country_basis="named")
    assert [c[:3] for c in coded(events_for(doc, lexicon, [pakistan]))] == [("173", "PAKCOP", "implied")]


def test_a_written_doer_is_never_replaced(make_doc, lexicon) -> None:
    # "Five men were arrested by gunmen in Karachi ." — the gunmen are no actor here, and no police either
    words = ["Five", "men", "were", "arrested", "by", "gunmen", "in", "Karachi", "."]
    doc = make_doc(words, heads=[1, 3, 3, 3, 3, 4, 3, 6, 3],
                   deps=["nummod", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "prep", "pobj", "punct"],
                   pos=["NUM", "NOUN", "AUX", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["five", "man", "be", "arrest", "by", "gunman", "in", "Karachi", "."])
    assert not agentless(doc[3]) and events_for(doc, lexicon, [], places=karachi(doc)) == []


def test_a_coordinated_participle_shares_the_passive_and_its_agent(make_doc) -> None:
    # "Men were detained and tortured by militias ."
    words = ["Men", "were", "detained", "and", "tortured", "by", "militias", "."]
    doc = make_doc(words, heads=[2, 2, 2, 2, 2, 4, 5, 2],
                   deps=["nsubjpass", "auxpass", "ROOT", "cc", "conj", "agent", "pobj", "punct"],
                   pos=["NOUN", "AUX", "VERB", "CCONJ", "VERB", "ADP", "NOUN", "PUNCT"],
                   tags=["NNS", "VBD", "VBN", "CC", "VBN", "IN", "NNS", "."])
    assert is_passive(doc[4]) and not agentless(doc[2]) and not agentless(doc[4])


def test_an_act_names_the_doer_of_a_passive_that_happened_in_it(make_doc, lexicon) -> None:
    # "Three protesters were killed in police firing ." — parsed as the police and a participle
    words = ["Three", "protesters", "were", "killed", "in", "police", "firing", "."]
    doc = make_doc(words, heads=[1, 3, 3, 3, 3, 4, 5, 3],
                   deps=["nummod", "nsubjpass", "auxpass", "ROOT", "prep", "pobj", "acl", "punct"],
                   pos=["NUM", "NOUN", "AUX", "VERB", "ADP", "NOUN", "VERB", "PUNCT"],
                   lemmas=["three", "protester", "be", "kill", "in", "police", "fire", "."])
    police = Actor("ac-cop", "Bangladeshi police", "BGDCOP", "BGD", ("COP",), "organisation",
                   (Span(doc[5].idx, doc[5].idx + 6, "police"),), country_basis="clause")
    protesters = actors_on(doc, {"Bangladeshi protesters": (1,)})
    found = coded(events_for(doc, lexicon, [police, *protesters]))
    assert found == [("1823", "BGDCOP", "named", "BAN")]


def attack_on_patrol(make_doc, extra: tuple[str, ...] = ()) -> Doc:
    """ "A patrol came under fire [from a tank] near Kandahar ." """
    words = ["A", "patrol", "came", "under", "fire", *extra, "near", "Kandahar", "."]
    heads = [1, 2, 2, 2, 3]
    deps = ["det", "nsubj", "ROOT", "prep", "pobj"]
    if extra:
        heads += [2, 7, 5]
        deps += ["prep", "det", "pobj"]
    near = len(heads)
    heads += [2, near, 2]
    deps += ["prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADP", "NOUN", *(["ADP", "DET", "NOUN"] if extra else []), "ADP", "PROPN", "PUNCT"]
    lemmas = ["a", "patrol", "come", "under", "fire", *extra, "near", "Kandahar", "."]
    return make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def kandahar(doc: Doc) -> list[Place]:
    token = next(t for t in doc if t.text == "Kandahar")
    return [Place("Kandahar", token.idx, token.idx + 8, "Kandahar", "AFG", 31.6, 65.7, 1138336, "city")]


def test_an_attack_undergone_with_no_attacker_is_by_the_place_s_unidentified_force(make_doc, lexicon) -> None:
    doc = attack_on_patrol(make_doc)
    assert coded(events_for(doc, lexicon, [], places=kandahar(doc))) == [("190", "AFGUAF", "unattributed", "AFG")]
    assert events_for(doc, lexicon, []) == []  # nothing places it: nobody


def test_an_attacker_written_even_unknown_implies_no_unidentified_force(make_doc, lexicon) -> None:
    doc = attack_on_patrol(make_doc, ("from", "a", "tank"))
    assert events_for(doc, lexicon, [], places=kandahar(doc)) == []


@pytest.mark.parametrize("value", ["cop", "POLICE", 3, True])
def test_implied_source_must_be_a_sector_code(value) -> None:
    with pytest.raises(DictionaryError, match="'implied_source' must be a sector code"):
        parse_entry({"lemma": "arrest", "code": "173", "implied_source": value}, "triggers[0]")
    assert parse_entry({"lemma": "arrest", "code": "173", "implied_source": "COP"}, "t").implied_source == "COP"


def test_only_entries_whose_doer_is_certain_imply_one(lexicon) -> None:
    implied = {(e.lemma, e.pos): e.implied_source for e in lexicon.entries if e.implied_source}
    assert implied[("arrest", "verb")] == "COP" and implied[("sentence", "verb")] == "JUD"
    assert not {("kill", "verb"), ("release", "verb"), ("charge", "verb"), ("attack", "verb")} & set(implied)


def test_a_dateline_read_as_a_subject_is_not_the_doer(make_doc) -> None:
    # "LAGOS — Police arrested two men ." with both LAGOS and Police parsed as subjects of "arrested"
    from eventwire.stages.events.arguments import grammatical_subject, is_dateline_word

    doc = make_doc(["LAGOS", "—", "Police", "arrested", "two", "men", "."], heads=[3, 0, 3, 3, 5, 3, 3],
                   deps=["nsubj", "punct", "nsubj", "ROOT", "nummod", "dobj", "punct"],
                   pos=["PROPN", "PUNCT", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"])
    subject, _ = grammatical_subject(doc[3])
    assert is_dateline_word(doc[0]) and not is_dateline_word(doc[2]) and subject is not None and subject.i == 2
