"""The CAMEO verb dictionary: its reader (eventwire.lexicons.cameo_verbs), the pattern compiler
(eventwire.lexicons.verb_frames), the merge under the trigger lexicon (eventwire.lexicons.verb_import) and the
compiled frames on hand-built Docs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventwire.context import ArticleContext, Earlier
from eventwire.errors import DictionaryError
from eventwire.lexicons import verb_import
from eventwire.lexicons.cameo_verbs import Pattern, read_blocks, read_dictionary, read_synsets
from eventwire.lexicons.triggers import Entry, Lexicon
from eventwire.lexicons.verb_frames import Frame, Rejected, Tally, all_frames, compile_pattern
from eventwire.lexicons.verb_import import entry_of, imported_entries, with_verb_dictionary
from eventwire.models import Actor, Event, Span
from eventwire.resources import Resources, trigger_lexicon
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.events import find_events
from eventwire.stages.events.frames import match, sentence_matches


def events_for(doc: Doc, lexicon: Lexicon, actors: list[Actor]) -> list[Event]:
    """The events of ``doc`` with ``actors`` and no quotes, dates or places."""
    article = ArticleContext.of(doc, "art", "2021-03-04").with_actors(ActorIndex(actors))
    return find_events(article, Earlier((), (), ()), replace(Resources.load(), lexicon=lexicon))

SYNSETS = {"CURRENCY": (("dollar",), ("euro",), ("cash",)), "CEASEFIRE": (("truce",), ("cease", "fire")),
           "AUXVERB1": (("was",), ("were",))}

DICTIONARY = """# a small verb dictionary
####### SYNONYM SETS #######

&CURRENCY
+DOLLAR
+EURO
+CASH_

&TRUCE_
+TRUCE
+CEASE_FIRE

####### VERB PATTERNS #######

--- CENSURE [111] ---
REBUKE
SCOLD [112]  # a comment
+LASH_OUT {+LASHED_OUT +LASHING_OUT}
- * BACK AT + [111]  # REBUKE
- WAS * [111]
- * &TRUCE [---]

--- DONATE [070] ---
DONATE {DONATES DONATED DONATING}
- * &CURRENCY IN AID TO + [071]
- * &CURRENCY IN_AID [071]
--- NOCODE   ###
SHRUG
"""


def pattern(text: str, code: str | None = "111") -> Pattern:
    return Pattern(tuple(text.split()), code, 1)


def frame(text: str, code: str | None = "111") -> Frame:
    frames = compile_pattern(pattern(text, code), SYNSETS)
    assert not isinstance(frames, Rejected) and len(frames) == 1, frames
    return frames[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "CAMEO.verbpatterns.150430.txt").write_text(DICTIONARY, encoding="utf-8")
    return tmp_path


# --- the reader ---------------------------------------------------------------------------------------------


def test_reader_reads_synsets_blocks_verbs_and_patterns(folder: Path) -> None:
    dictionary = read_dictionary(folder)
    assert dictionary.synsets["TRUCE"] == (("truce",), ("cease", "fire"))
    assert dictionary.synsets["CURRENCY"] == (("dollar",), ("euro",), ("cash",))
    censure, donate, nocode = dictionary.blocks
    assert (censure.name, censure.code, nocode.code) == ("CENSURE", "111", None)
    assert [(v.words, v.code) for v in censure.verbs] == [(("rebuke",), None), (("scold",), "112"),
                                                          (("lash", "out"), None)]
    assert [(p.items, p.code) for p in censure.patterns] == [
        (("*", "BACK", "AT", "+"), "111"), (("WAS", "*"), "111"), (("*", "&TRUCE"), None)]
    assert donate.patterns[1].items == ("*", "&CURRENCY", "IN_AID")


def test_reader_names_the_line_of_a_bad_code(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("--- CENSURE [111] ---\nREBUKE\n- * + [1x1]\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"verbs.txt:3: the code \[1x1\]"):
        list(read_blocks(path))


def test_a_synset_runs_over_comments_to_the_next_set(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("&CAR\n# trucks too\n+CAR\n\n+TRUCK_ {TRUCKS}\n&BUS_\n+BUS\n--- X [010] ---\n+NOT_A_CAR\n",
                    encoding="utf-8")
    assert read_synsets(path) == {"CAR": (("car",), ("truck",)), "BUS": (("bus",),)}


# --- the compiler -------------------------------------------------------------------------------------------


def test_particle_and_preposition_with_the_target() -> None:
    hit_back = frame("* BACK AT +")
    assert (hit_back.particle, hit_back.object, hit_back.prep, hit_back.target) == ("back", frozenset(), "at", ("at",))


def test_object_with_modifier_and_plural_forms() -> None:
    gas = frame("* TEAR GAS")
    assert gas.object == {"gas"} and gas.modifier == {"tear"} and gas.target[0] == "object"
    assert frame("* TALKS").object == {"talks", "talk"}


def test_leading_preposition_takes_the_noun_as_its_object() -> None:
    fire = frame("* UNDER FIRE")
    assert (fire.particle, fire.object) == ("under", {"fire"})


def test_synonym_sets_are_expanded_and_phrases_keep_their_modifiers() -> None:
    frames = compile_pattern(pattern("* &CEASEFIRE"), SYNSETS)
    assert not isinstance(frames, Rejected)
    assert {(f.object, f.modifier) for f in frames} == {(frozenset({"truce"}), frozenset()),
                                                        (frozenset({"fire"}), frozenset({"cease"}))}


def test_second_preposition_with_its_object_and_connected_words() -> None:
    aid = frame("* &CURRENCY IN_AID")
    assert aid.object == {"dollar", "euro", "cash"} and (aid.prep, aid.prep_object) == ("in", {"aid"})
    support = frame("* SUPPORT FOR &CEASEFIRE")
    assert (support.object, support.prep, support.prep_object) == ({"support"}, "for", {"truce"})


def test_target_as_dative_before_an_object() -> None:
    assert frame("* + OBSERVER STATUS").target == ("dative",)


def test_an_object_without_a_written_target_goes_to_the_dative_or_a_to_phrase() -> None:
    assert frame("* MEDICAL SUPPLIES").target == ("object", "dative", "to")  # provided supplies to Chile
    assert frame("* SUPPLIES FOR").target == ("object", "for")  # a bare preposition is the target's
    assert frame("* BACK").target == ("object",)  # no object named: the object is the target


def test_passive_agent_is_left_to_the_parse() -> None:
    assert frame("* BY $").bare


@pytest.mark.parametrize("text,reason", [
    ("SAID * POLICY", "before"), ("&AUXVERB1 * BY BULLET", "before"), ("* NOT SWAP PRISONERS", "negation"),
    ("* + THAT $ WILL PULLOUT", "source"), ("* WOULD AFFECT + CREDIBILITY", "function"),
    ("* &CURRENCY IN AID TO +", "long"), ("* &NOSUCHSET", "synset"), ("TIVILIAN", "no verb"),
])
def test_patterns_that_do_not_compile_say_why(text: str, reason: str) -> None:
    assert compile_pattern(pattern(text), SYNSETS) == Rejected(reason)


def test_every_verb_of_a_block_takes_every_pattern(folder: Path) -> None:
    tally = Tally()
    pairs = list(all_frames(read_dictionary(folder), tally))
    at = {lemma for lemma, f in pairs if f.prep == "at"}
    assert at == {"rebuke", "scold"}  # "lash out" already has its particle
    assert ("scold", Frame("112")) in pairs and ("lash", Frame("111", particle="out")) in pairs
    assert tally.rejected == {"before": 1, "long": 1} and tally.counts["pattern and verb both set particle or object"] == 1


# --- the merge ----------------------------------------------------------------------------------------------


def lexicon_of(*entries: Entry) -> Lexicon:
    return replace(Lexicon.load(), entries=entries)


def test_curated_conditions_win_and_curated_verbs_keep_no_bare_default() -> None:
    curated = lexicon_of(Entry("rebuke", "112", particle="back"))
    frames = [("rebuke", Frame("111", particle="back")), ("rebuke", Frame("110")),
              ("rebuke", Frame("111", particle="back", prep="at")), ("chide", Frame("111"))]
    added = imported_entries(curated, frames, "all")
    assert [(e.lemma, e.prep, e.specificity) for e in added] == [("rebuke", "at", 2), ("chide", None, 0)]
    assert all(e.origin == "cameo" and e.needs_target and not e.curated for e in added)
    assert [e.lemma for e in imported_entries(curated, frames, "patterns")] == ["rebuke"]


def test_generic_verbs_unknown_codes_and_ruled_out_objects() -> None:
    frames = [("say", Frame("010")), ("chide", Frame("111")), ("chide", Frame(None, object=frozenset({"child"}))),
              ("chide", Frame("999", object=frozenset({"x"})))]
    added = imported_entries(lexicon_of(), frames, "all")
    assert [(e.lemma, e.unless_object) for e in added] == [("chide", frozenset({"child"}))]


def test_modes() -> None:
    lexicon = Lexicon.load()
    assert with_verb_dictionary(lexicon, "off") is lexicon
    with pytest.raises(ValueError, match="verb_dictionary must be one of off, patterns, all"):
        with_verb_dictionary(lexicon, "some")
    with pytest.raises(DictionaryError, match="EVENTWIRE_VERB_DICTIONARY"):
        trigger_lexicon("some")


def test_the_shipped_dictionary_compiles_and_is_cached() -> None:
    built = verb_import.compiled()
    assert built.counts["patterns"] > 10_000 and built.counts["patterns compiled"] > 6_000
    assert sum(built.rejected.values()) + built.counts["patterns compiled"] + built.counts["[---] patterns compiled"] \
        == built.counts["patterns"]
    path = verb_import.cache_path()
    assert path is not None and path.exists()
    assert verb_import._read(path) == built


# --- frames on hand-built Docs ------------------------------------------------------------------------------

HIT_BACK = entry_of("hit", Frame("111", particle="back", prep="at", target=("at",)))
AID_IN = entry_of("donate", Frame("071", object=frozenset({"$", "dollar", "dollars"}), prep="in", prep_object=frozenset({"aid"}),
                              target=("to",)))


def test_particle_and_preposition_frame_matches_only_with_both(spec_doc) -> None:
    lexicon = lexicon_of(HIT_BACK)
    doc = spec_doc("Chile|PROPN|nsubj|1 hit|VERB|ROOT|1 back|ADP|prt|1 at|ADP|prep|1 Peru|PROPN|pobj|3")
    found = match(lexicon, doc[1])
    assert found is not None and (found.entry.code, found.particle) == ("111", 2)
    plain = spec_doc("Chile|PROPN|nsubj|1 hit|VERB|ROOT|1 back|ADP|prt|1 hard|ADV|advmod|1")
    assert match(lexicon, plain[1]) is None


def test_preposition_object_on_the_verb_or_its_object(spec_doc) -> None:
    lexicon = lexicon_of(AID_IN)
    on_object = spec_doc("Chile|PROPN|nsubj|1 donated|VERB|ROOT|1 $|SYM|dobj|1 5|NUM|nummod|2 in|ADP|prep|2 "
                         "aid|NOUN|pobj|4 to|ADP|prep|1 Peru|PROPN|pobj|6")
    assert [m.entry.code for m in sentence_matches(on_object[:], lexicon)] == ["071"]
    on_verb = spec_doc("Chile|PROPN|nsubj|1 donated|VERB|ROOT|1 dollars|NOUN|dobj|1 in|ADP|prep|1 aid|NOUN|pobj|3")
    assert match(lexicon, on_verb[1]) is not None
    other = spec_doc("Chile|PROPN|nsubj|1 donated|VERB|ROOT|1 dollars|NOUN|dobj|1 in|ADP|prep|1 cash|NOUN|pobj|3")
    assert match(lexicon, other[1]) is None


def test_a_curated_entry_wins_over_a_more_specific_imported_one(spec_doc) -> None:
    lexicon = lexicon_of(Entry("hit", "190"), HIT_BACK)
    doc = spec_doc("Chile|PROPN|nsubj|1 hit|VERB|ROOT|1 back|ADP|prt|1 at|ADP|prep|1 Peru|PROPN|pobj|3")
    found = match(lexicon, doc[1])
    assert found is not None and found.entry.code == "190"


def actors(doc: Doc, names: dict[str, int]) -> list[Actor]:
    return [Actor(id=f"ac-{n}", name=n, code=n[:3].upper(), country=n[:3].upper(), sectors=(), kind="state",
                  mentions=(Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text),)) for n, i in names.items()]


def test_an_imported_frame_needs_a_target(spec_doc) -> None:
    lexicon = lexicon_of(HIT_BACK)
    doc = spec_doc("Chile|PROPN|nsubj|1 hit|VERB|ROOT|1 back|ADP|prt|1 at|ADP|prep|1 Peru|PROPN|pobj|3")
    coded = [(e.source.name, e.cameo.code, e.target.name if e.target else None)
             for e in events_for(doc, lexicon, actors(doc, {"Chile": 0, "Peru": 4}))]
    assert coded == [("Chile", "111", "Peru")]
    critics = spec_doc("Chile|PROPN|nsubj|1 hit|VERB|ROOT|1 back|ADP|prt|1 at|ADP|prep|1 critics|NOUN|pobj|3")
    assert events_for(critics, lexicon, actors(critics, {"Chile": 0})) == []
    curated = lexicon_of(replace(HIT_BACK, origin="lexicon", needs_target=False))
    assert [e.target for e in events_for(critics, curated, actors(critics, {"Chile": 0}))] == [None]


# --- on the parse -------------------------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize("text,expected", [
    ("Argentina will provide $200 million in aid to Bolivia.", ("03", "ARG", "BOL")),
    ("Chile's foreign minister hit back at comments made by the Peruvian president.", ("11", "CHL", "PER")),
    ("Kenya's president lashed out at Uganda over the border dispute.", ("11", "KEN", "UGA")),
    ("Riot police in Lima fired tear gas at protesters on Monday.", ("17", "PER", "PER")),
])
def test_sentences_of_the_kinds_the_dictionary_adds(text: str, expected: tuple[str, str, str]) -> None:
    from eventwire.api import pipeline
    from eventwire.read import article_from_text

    result = pipeline().process(article_from_text(text, published="2024-05-01", clean=False))
    found = {(e.cameo.code[:2], e.source.country if e.source else None, e.target.country if e.target else None)
             for e in result.events}
    assert expected in found


def test_an_imported_frame_never_takes_a_word_of_the_lexicon_as_its_object(spec_doc) -> None:
    strike = Entry("strike", "143", pos="noun", target=())
    start = entry_of("start", Frame("141", object=frozenset({"strike"})))
    doc = spec_doc("Miners|NOUN|nsubj|1 started|VERB|ROOT|1 a|DET|det|3 strike|NOUN|dobj|1")
    assert [(doc[m.trigger].text, m.entry.code) for m in sentence_matches(doc[:], lexicon_of(strike, start))] \
        == [("strike", "143")]
    assert [doc[m.trigger].text for m in sentence_matches(doc[:], lexicon_of(start))] == ["started"]


def test_an_imported_frame_codes_no_relative_clause(spec_doc) -> None:
    doc = spec_doc("Brazil|PROPN|nsubj|1 praised|VERB|ROOT|1 Chile|PROPN|dobj|1 ,|PUNCT|punct|2 "
                   "which|PRON|nsubj|5 hit|VERB|relcl|2 back|ADP|prt|5 at|ADP|prep|5 Peru|PROPN|pobj|7 .|PUNCT|punct|1")
    names = actors(doc, {"Brazil": 0, "Chile": 2, "Peru": 8})
    curated = replace(HIT_BACK, origin="lexicon")
    assert ("Chile", "111", "Peru") in {(e.source.name, e.cameo.code, e.target.name if e.target else None)
                                        for e in events_for(doc, lexicon_of(curated), names)}
    assert [e.cameo.code for e in events_for(doc, lexicon_of(HIT_BACK), names)] == []


def test_many_frames_of_one_verb_are_narrowed_to_those_whose_words_are_near(spec_doc) -> None:
    others = [entry_of("hit", Frame("190", object=frozenset({f"thing{n}"}))) for n in range(12)]
    lexicon = lexicon_of(*others, HIT_BACK, entry_of("hit", Frame("193", object=frozenset({"convoy"}))))
    doc = spec_doc("Chile|PROPN|nsubj|1 hit|VERB|ROOT|1 back|ADP|prt|1 at|ADP|prep|1 Peru|PROPN|pobj|3")
    found = match(lexicon, doc[1])
    assert found is not None and found.entry.code == "111"
    convoy = spec_doc("Rebels|NOUN|nsubj|1 hit|VERB|ROOT|1 a|DET|det|4 military|ADJ|amod|4 convoy|NOUN|dobj|1")
    found = match(lexicon, convoy[1])
    assert found is not None and found.entry.code == "193"
