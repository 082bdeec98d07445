"""The event coder: the trigger lexicon (eventwire.lexicons.triggers), frame matching and events
(eventwire.stages.events)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
import yaml
from spacy.tokens import Doc

from eventwire.context import ArticleContext, Earlier
from eventwire.errors import DictionaryError
from eventwire.lexicons.triggers import Entry, Lexicon, WordFrames, parse_entry, parse_lexicon
from eventwire.models import Actor, Event, Place, Quote, Span, Timex
from eventwire.ontology.cameo import lookup
from eventwire.resources import Resources
from eventwire.stages.actors.index import ActorIndex
from eventwire.stages.events import find_events, frames
from eventwire.stages.events.build import SUBORDINATE, clause_weight
from eventwire.stages.events.frames import sentence_matches

ROOTS = [f"{n:02d}" for n in range(1, 21)]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_package_lexicon_covers_every_cameo_root(lexicon) -> None:
    assert sorted({e.code[:2] for e in lexicon.entries}) == ROOTS


def test_package_lexicon_codes_are_known_to_the_ontology(lexicon) -> None:
    codes = {e.code for e in lexicon.entries} | {e.intended for e in lexicon.entries if e.intended}
    assert all(lookup(code).code == code for code in codes)


def test_load_is_cached_per_path(lexicon) -> None:
    assert Lexicon.load() is lexicon


def test_user_lexicon_file(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "eventwire" / "data" / "triggers.yaml").read_text(encoding="utf-8")
    head = text.split("\ntriggers:")[0]
    path = tmp_path / "mine.yaml"
    path.write_text(head + '\ntriggers:\n  - {lemma: scold, code: "111"}\n', encoding="utf-8")
    loaded = Lexicon.load(path)
    assert [(e.lemma, e.code, e.target) for e in loaded.entries] == [("scold", "111", ("object",))]


def test_a_bad_entry_in_a_lexicon_file_names_its_file_and_line(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "eventwire" / "data" / "triggers.yaml").read_text(encoding="utf-8")
    head = text.split("\ntriggers:")[0]
    path = tmp_path / "mine.yaml"
    path.write_text(head + '\ntriggers:\n  - {lemma: scold, code: "111"}\n  - {lemma: chide, code: 111}\n', encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  - {lemma: chide, code: 111}") + 1
    with pytest.raises(DictionaryError, match=rf"mine.yaml:{line}: triggers\[1\] \(chide\): 'code' must be"):
        Lexicon.load(path)


def test_a_bad_section_in_a_lexicon_file_names_its_line(tmp_path: Path) -> None:
    lines = (Path(__file__).parent.parent / "eventwire" / "data" / "triggers.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("light_verbs:"))
    lines[line - 1] = "light_verbs: hold"
    path = tmp_path / "mine.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DictionaryError, match=rf"mine.yaml:{line}: light_verbs: expected a list of words"):
        Lexicon.load(path)


def test_entries_are_looked_up_by_every_form_of_a_word(lexicon) -> None:
    missed = lexicon.entries_for("verb", "attacked", "attacked")  # the lemmatiser missed "attack"
    assert missed == lexicon.entries_for("verb", "attack", "attack") != ()
    assert lexicon.entries_for("verb", "attacked", "attacked") is missed  # looked up once per table and word


@pytest.mark.parametrize(
    "raw,message",
    [
        ({"lemma": "attack", "code": "190", "targte": ["object"]}, r"\(attack\): unknown field\(s\) targte"),
        ({"lemma": "attack", "code": 190}, r"\(attack\): 'code' must be"),
        ({"lemma": "attack", "code": "19x"}, r"\(attack\): 'code' must be a CAMEO code"),
        ({"lemma": "attack", "code": "190", "pos": "adverb"}, r"'pos' must be verb or noun"),
        ({"lemma": "attack", "code": "190", "strength": 2}, r"'strength' must be a number"),
        ({"lemma": "call", "code": "020", "target": [True]}, r"\(call\): target: expected a list"),
        ({"lemma": "urge", "code": "020", "complement": "meet"}, r"'complement' must be true"),
        ({"lemma": "call", "code": "020", "particle": True}, r"\(call\): 'particle' must be a word.*quote"),
        ({"code": "020"}, r"\(\?\): 'lemma' must be a non-empty string"),
        ("attack", r"expected a mapping"),
    ],
    ids=["unknown-field", "unquoted-code", "bad-code", "bad-pos", "bad-strength", "yaml-on-as-boolean",
         "bad-complement", "particle-on-as-boolean", "missing-lemma", "not-a-mapping"],
)
def test_entry_validation_names_the_entry(raw, message) -> None:
    with pytest.raises(DictionaryError, match=message):
        parse_entry(raw, "mine.yaml: triggers[0]")


@pytest.mark.parametrize(
    "section,value",
    [("intent_codes", ["036"]), ("refusal_codes", {"04": 125}), ("light_verbs", "hold"), ("frame_preps", [1])],
)
def test_section_validation_names_the_section(lexicon, section, value) -> None:
    text = (Path(__file__).parent.parent / "eventwire" / "data" / "triggers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data[section] = value
    with pytest.raises(DictionaryError, match=section):
        parse_lexicon(data, "mine.yaml")


@pytest.mark.parametrize(
    "code,intended,modality,expected",
    [
        ("042", None, "asserted", ("042", "asserted")),
        ("042", None, "intended", ("036", "intended")),
        ("040", "036", "intended", ("036", "intended")),
        ("0874", None, "intended", ("0356", "intended")),
        ("163", None, "intended", ("163", "intended")),
        ("190", None, "intended", ("138", "intended")),
        ("190", None, "negated", ("190", "negated")),
        ("051", None, "negated", ("120", "asserted")),
        ("190", None, "hypothetical", ("190", "hypothetical")),
    ],
)
def test_code_for_modality(lexicon, code, intended, modality, expected) -> None:
    assert lexicon.code_for(Entry(lemma="x", code=code, intended=intended), modality) == expected


@pytest.mark.parametrize(
    "trigger,expected",
    [(1, 1.0), (6, SUBORDINATE ** 2)],
    ids=["main-clause", "relative-clause-on-the-object"],
)
def test_clause_weight(make_doc, trigger, expected) -> None:
    words = ["Chile", "attacked", "Peru", ",", "which", "had", "attacked", "Bolivia"]
    doc = make_doc(words, heads=[1, 1, 1, 1, 6, 6, 2, 6], deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "aux", "relcl", "dobj"])
    assert clause_weight(doc[trigger]) == pytest.approx(expected)


@pytest.mark.parametrize("mark,expected", [("after", SUBORDINATE ** 2), ("to", SUBORDINATE)])
def test_a_background_clause_weighs_less_than_a_purpose(make_doc, mark, expected) -> None:
    words = ["Chile", "left", mark, "Peru", "attacked"]
    doc = make_doc(words, heads=[1, 1, 4, 4, 1], deps=["nsubj", "ROOT", "mark" if mark == "after" else "aux", "nsubj", "advcl"])
    assert clause_weight(doc[4]) == pytest.approx(expected)


def test_unreadable_lexicon_says_which_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match=r"missing\.yaml"):
        Lexicon.load(tmp_path / "missing.yaml")


# words, heads, deps, pos, lemmas, expected [(trigger word, CAMEO code)] after absorption
FRAMES = [
    pytest.param(
        ["Iran", "imposed", "sanctions", "on", "Russia"], [1, 1, 1, 2, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
        ["PROPN", "VERB", "NOUN", "ADP", "PROPN"], ["Iran", "impose", "sanction", "on", "Russia"],
        [("imposed", "163")], id="light-verb-absorbs-its-noun",
    ),
    pytest.param(
        ["Iran", "threatened", "to", "attack", "Israel"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["PROPN", "VERB", "PART", "VERB", "PROPN"], ["Iran", "threaten", "to", "attack", "Israel"],
        [("threatened", "138")], id="complement-frame-absorbs-its-verb",
    ),
    pytest.param(
        ["Iran", "threatened", "Israel"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"],
        ["Iran", "threaten", "Israel"], [("threatened", "130")], id="plain-threat",
    ),
    pytest.param(
        ["Chile", "pulled", "out", "of", "the", "deal"], [1, 1, 1, 2, 5, 3], ["nsubj", "ROOT", "prep", "prep", "det", "pobj"],
        ["PROPN", "VERB", "ADP", "ADP", "DET", "NOUN"], ["Chile", "pull", "out", "of", "the", "deal"],
        [("pulled", "160")], id="phrasal-verb",
    ),
    pytest.param(
        ["Peru", "took", "a", "swipe", "at", "Chile"], [1, 1, 3, 1, 1, 4], ["nsubj", "ROOT", "det", "dobj", "prep", "pobj"],
        ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN"], ["Peru", "take", "a", "swipe", "at", "Chile"],
        [("took", "111")], id="idiom",
    ),
    pytest.param(
        ["Peru", "took", "a", "photo"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"], ["PROPN", "VERB", "DET", "NOUN"],
        ["Peru", "take", "a", "photo"], [], id="light-verb-without-its-noun",
    ),
    pytest.param(
        ["Oman", "urged", "Iran", "to", "release", "sailors"], [1, 1, 1, 4, 1, 4],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj"], ["PROPN", "VERB", "PROPN", "PART", "VERB", "NOUN"],
        ["Oman", "urge", "Iran", "to", "release", "sailor"], [("urged", "025")], id="appeal-to-yield",
    ),
    pytest.param(
        ["Oman", "urged", "Iran", "to", "reconsider"], [1, 1, 1, 4, 1], ["nsubj", "ROOT", "dobj", "aux", "xcomp"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB"], ["Oman", "urge", "Iran", "to", "reconsider"],
        [("urged", "020")], id="appeal",
    ),
    pytest.param(
        ["Chile", "refused", "to", "meet", "Peru"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["PROPN", "VERB", "PART", "VERB", "PROPN"], ["Chile", "refuse", "to", "meet", "Peru"],
        [("refused", "125")], id="refuse-to-meet",
    ),
    pytest.param(
        ["Workers", "began", "a", "hunger", "strike"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "det", "compound", "dobj"],
        ["NOUN", "VERB", "DET", "NOUN", "NOUN"], ["worker", "begin", "a", "hunger", "strike"],
        [("strike", "142")], id="modifier-frame",
    ),
    pytest.param(
        ["Workers", "began", "a", "strike"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
        ["NOUN", "VERB", "DET", "NOUN"], ["worker", "begin", "a", "strike"], [("strike", "143")], id="labour-strike",
    ),
    pytest.param(
        ["Chile", "said", "Peru", "must", "withdraw"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "nsubj", "aux", "ccomp"],
        ["PROPN", "VERB", "PROPN", "AUX", "VERB"], ["Chile", "say", "Peru", "must", "withdraw"],
        [("said", "100")], id="clause-modal-demand",
    ),
    pytest.param(
        ["Chile", "told", "Peru", "it", "must", "withdraw"], [1, 1, 1, 5, 5, 1],
        ["nsubj", "ROOT", "dobj", "nsubj", "aux", "ccomp"], ["PROPN", "VERB", "PROPN", "PRON", "AUX", "VERB"],
        ["Chile", "tell", "Peru", "it", "must", "withdraw"], [("told", "100")], id="told-whom-what-they-must-do",
    ),
    pytest.param(
        ["Chile", "said", "Peru", "will", "withdraw"], [1, 1, 4, 4, 1], ["nsubj", "ROOT", "nsubj", "aux", "ccomp"],
        ["PROPN", "VERB", "PROPN", "AUX", "VERB"], ["Chile", "say", "Peru", "will", "withdraw"],
        [("withdraw", "160")], id="reported-future-is-no-demand",
    ),
    pytest.param(
        ["Chile", "sent", "tons", "of", "aid"], [1, 1, 1, 2, 3], ["nsubj", "ROOT", "dobj", "prep", "pobj"],
        ["PROPN", "VERB", "NOUN", "ADP", "NOUN"], ["Chile", "send", "ton", "of", "aid"],
        [("sent", "073")], id="measure-of-event-noun",
    ),
    pytest.param(
        ["Chile", "threatened", "to", "hold", "a", "strike"], [1, 1, 3, 1, 5, 3],
        ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj"], ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN"],
        ["Chile", "threaten", "to", "hold", "a", "strike"],
        [("threatened", "130")], id="threatened-act-is-the-threat's-content",
    ),
    pytest.param(
        ["Miners", "rallied", "to", "demand", "reforms"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "advcl", "dobj"],
        ["NOUN", "VERB", "PART", "VERB", "NOUN"], ["miner", "rally", "to", "demand", "reform"],
        [("rallied", "141")], id="a-protest's-demand-is-the-protest",
    ),
    pytest.param(
        ["Chile", "urged", "Peru", "to", "free", "the", "men", "who", "attacked", "Arica"],
        [1, 1, 1, 4, 1, 6, 4, 8, 6, 8],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "det", "dobj", "nsubj", "relcl", "dobj"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "DET", "NOUN", "PRON", "VERB", "PROPN"],
        ["Chile", "urge", "Peru", "to", "free", "the", "man", "who", "attack", "Arica"],
        [("urged", "025"), ("attacked", "190")], id="a-relative-clause-in-an-appeal-is-no-content",
    ),
    pytest.param(
        ["Chile", "flew", "its", "planes"], [1, 1, 3, 1], ["nsubj", "ROOT", "poss", "dobj"],
        ["PROPN", "VERB", "PRON", "NOUN"], ["Chile", "fly", "its", "plane"], [], id="flying-planes-is-no-visit",
    ),
    pytest.param(
        ["Peru", "backed", "down"], [1, 1, 1], ["nsubj", "ROOT", "prt"], ["PROPN", "VERB", "ADP"],
        ["Peru", "back", "down"], [("backed", "080")], id="backing-down-is-yielding",
    ),
    pytest.param(
        ["Police", "recognised", "that"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "PRON"],
        ["police", "recognise", "that"], [], id="recognising-a-fact-is-no-recognition",
    ),
    pytest.param(
        ["Garcia", "seized", "the", "chance"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
        ["PROPN", "VERB", "DET", "NOUN"], ["Garcia", "seize", "the", "chance"], [], id="seizing-a-chance",
    ),
    pytest.param(
        ["Chile", "fought", "alongside", "Peru"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
        ["PROPN", "VERB", "ADP", "PROPN"], ["Chile", "fight", "alongside", "Peru"],
        [("fought", "062")], id="fighting-alongside-is-military-cooperation",
    ),
    pytest.param(
        ["Hostages", "are", "free"], [1, 1, 1], ["nsubj", "ROOT", "acomp"], ["NOUN", "AUX", "ADJ"],
        ["hostage", "be", "free"], [], id="being-free-is-no-release",
    ),
    pytest.param(
        ["Chile", "is", "opposed"], [1, 1, 1], ["nsubj", "ROOT", "acomp"], ["PROPN", "AUX", "ADJ"],
        ["Chile", "be", "opposed"], [("opposed", "120")], id="being-opposed-is-opposition",
    ),
    pytest.param(
        ["Chile", "lobbied", "Peru", "to", "withdraw"], [1, 1, 1, 4, 1], ["nsubj", "ROOT", "dobj", "aux", "xcomp"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB"], ["Chile", "lobby", "Peru", "to", "withdraw"],
        [("lobbied", "020")], id="lobbying-is-an-appeal",
    ),
    pytest.param(
        ["Chile", "demanded", "a", "meeting"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
        ["PROPN", "VERB", "DET", "NOUN"], ["Chile", "demand", "a", "meeting"],
        [("demanded", "100")], id="a-demanded-meeting-is-the-demand's-content",
    ),
    pytest.param(
        ["Chile", "rejected", "the", "demand"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
        ["PROPN", "VERB", "DET", "NOUN"], ["Chile", "reject", "the", "demand"],
        [("rejected", "120"), ("demand", "100")], id="a-rejected-demand-was-still-made",
    ),
    pytest.param(
        ["Chile", "rejected", "the", "talks"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
        ["PROPN", "VERB", "DET", "NOUN"], ["Chile", "reject", "the", "talks"],
        [("rejected", "120")], id="rejected-talks-are-the-rejection's-content",
    ),
    pytest.param(
        ["Turkey", "pledged", "to", "destroy", "them"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["PROPN", "VERB", "PART", "VERB", "PRON"], ["Turkey", "pledge", "to", "destroy", "they"],
        [("pledged", "138")], id="pledging-to-destroy-is-a-threat",
    ),
    pytest.param(
        ["Fighters", "defended", "the", "city"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
        ["NOUN", "VERB", "DET", "NOUN"], ["fighter", "defend", "the", "city"], [], id="defending-a-city-is-no-statement",
    ),
    pytest.param(
        ["the", "strikes", "on", "Peru"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
        ["DET", "NOUN", "ADP", "PROPN"], ["the", "strike", "on", "Peru"], [("strikes", "190")], id="strikes-on-a-country",
    ),
    pytest.param(
        ["a", "general", "strike", "on", "Monday"], [2, 2, 2, 2, 3], ["det", "amod", "ROOT", "prep", "pobj"],
        ["DET", "ADJ", "NOUN", "ADP", "PROPN"], ["a", "general", "strike", "on", "Monday"], [("strike", "143")],
        id="a-general-strike-on-a-day",
    ),
    pytest.param(
        ["Rebels", "wounded", "soldiers"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "NOUN"],
        ["rebel", "wound", "soldier"], [("wounded", "182")], id="wound",
    ),
    pytest.param(
        ["Youths", "threw", "stones"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["NOUN", "VERB", "NOUN"],
        ["youth", "throw", "stone"], [("threw", "145")], id="throw-stones",
    ),
    pytest.param(
        ["Chile", "'s", "visit", "to", "Peru"], [2, 0, 2, 2, 3], ["poss", "case", "ROOT", "prep", "pobj"],
        ["PROPN", "PART", "NOUN", "ADP", "PROPN"], ["Chile", "'s", "visit", "to", "Peru"],
        [("visit", "042")], id="nominal-event",
    ),
    pytest.param(
        ["Peru", "vowed", "to", "crush", "the", "rebels"], [1, 1, 3, 1, 5, 3],
        ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj"], ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN"],
        ["Peru", "vow", "to", "crush", "the", "rebel"], [("vowed", "138")], id="a-vow-to-crush-is-a-threat",
    ),
    pytest.param(
        ["Chile", "pledged", "to", "punish", "Bolivia"], [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
        ["PROPN", "VERB", "PART", "VERB", "PROPN"], ["Chile", "pledge", "to", "punish", "Bolivia"],
        [("pledged", "138")], id="a-pledge-to-punish-is-a-threat",
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,expected", FRAMES)
def test_frames(make_doc, lexicon, words, heads, deps, pos, lemmas, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    found = [(doc[m.trigger].text, m.entry.code) for m in sentence_matches(doc[:], lexicon)]
    assert found == expected


def actors_on(doc: Doc, names: dict[str, tuple[int, ...]]) -> list[Actor]:
    """State actors named after their first word, with one single-word mention per token."""
    return [
        Actor(id=f"ac-{name}", name=name, code=name[:3].upper(), country=name[:3].upper(), sectors=(), kind="state",
              mentions=tuple(Span(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text) for i in tokens))
        for name, tokens in names.items()
    ]


@cache
def package_resources() -> Resources:
    return Resources.load()


def events_for(doc: Doc, lexicon: Lexicon, actors: list[Actor], **context) -> list[Event]:
    """The events of ``doc`` with ``actors``; no quotes, dates or places unless ``context`` gives them."""
    given = {"quotes": [], "timexes": [], "places": [], "published": "2021-03-04", "article_id": "art", **context}
    article = ArticleContext.of(doc, given["article_id"], given["published"]).with_actors(ActorIndex(actors))
    earlier = Earlier(tuple(given["quotes"]), tuple(given["timexes"]), tuple(given["places"]))
    return find_events(article, earlier, replace(package_resources(), lexicon=lexicon))


def code(doc: Doc, lexicon: Lexicon, actors: list[Actor], **context) -> list[tuple]:
    events = events_for(doc, lexicon, actors, **context)
    return [(e.source.name, e.cameo.code, e.target.name if e.target else None, e.modality) for e in events]


# words, heads, deps, pos, lemmas, actors, expected events (source, code, target, modality)
EVENTS = [
    pytest.param(
        ["Iran", "will", "impose", "sanctions", "on", "Russia", "."], [2, 2, 2, 2, 3, 4, 2],
        ["nsubj", "aux", "ROOT", "dobj", "prep", "pobj", "punct"], ["PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Iran", "will", "impose", "sanction", "on", "Russia", "."], {"Iran": (0,), "Russia": (5,)},
        [("Iran", "163", "Russia", "intended")], id="intended-sanctions",
    ),
    pytest.param(
        ["Iran", "and", "Syria", "criticised", "Israel", "."], [3, 0, 0, 3, 3, 3],
        ["nsubj", "cc", "conj", "ROOT", "dobj", "punct"], ["PROPN", "CCONJ", "PROPN", "VERB", "PROPN", "PUNCT"],
        ["Iran", "and", "Syria", "criticise", "Israel", "."], {"Iran": (0,), "Syria": (2,), "Israel": (4,)},
        [("Iran", "111", "Israel", "asserted"), ("Syria", "111", "Israel", "asserted")], id="one-event-per-source",
    ),
    pytest.param(
        ["Chile", "and", "Peru", "will", "meet", "."], [4, 0, 0, 4, 4, 4], ["nsubj", "cc", "conj", "aux", "ROOT", "punct"],
        ["PROPN", "CCONJ", "PROPN", "AUX", "VERB", "PUNCT"], ["Chile", "and", "Peru", "will", "meet", "."],
        {"Chile": (0,), "Peru": (2,)}, [("Chile", "036", "Peru", "intended"), ("Peru", "036", "Chile", "intended")],
        id="reciprocal-intended-meeting",
    ),
    pytest.param(
        ["Chile", "met", "Peru", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Chile", "meet", "Peru", "."], {"Chile": (0,), "Peru": (2,)}, [("Chile", "040", "Peru", "asserted")],
        id="meeting-held",
    ),
    pytest.param(
        ["The", "man", "attacked", "Iran", "."], [1, 2, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj", "punct"],
        ["DET", "NOUN", "VERB", "PROPN", "PUNCT"], ["the", "man", "attack", "Iran", "."], {"Iran": (3,)}, [],
        id="no-source-no-event",
    ),
    pytest.param(
        ["Iran", "protested", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"], ["PROPN", "VERB", "PUNCT"],
        ["Iran", "protest", "."], {"Iran": (0,)}, [("Iran", "140", None, "asserted")], id="no-target-is-none",
    ),
    pytest.param(
        ["Iran", "did", "not", "attack", "Iraq", "."], [3, 3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
        ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"], ["Iran", "do", "not", "attack", "Iraq", "."],
        {"Iran": (0,), "Iraq": (4,)}, [("Iran", "190", "Iraq", "negated")], id="negated",
    ),
]


EVENTS += [
    pytest.param(
        ["Chile", "will", "visit", "Peru", "."], [2, 2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj", "punct"],
        ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"], ["Chile", "will", "visit", "Peru", "."], {"Chile": (0,), "Peru": (3,)},
        [("Chile", "036", "Peru", "intended")], id="intended-visit-is-intent-to-meet",
    ),
    pytest.param(
        ["Chile", "will", "attack", "Peru", "."], [2, 2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj", "punct"],
        ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"], ["Chile", "will", "attack", "Peru", "."], {"Chile": (0,), "Peru": (3,)},
        [("Chile", "138", "Peru", "intended")], id="intended-attack-is-threat",
    ),
    pytest.param(
        ["Chile", "did", "not", "accept", "Peru", "'s", "offer", "."], [3, 3, 3, 3, 6, 4, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "poss", "case", "dobj", "punct"],
        ["PROPN", "AUX", "PART", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Chile", "do", "not", "accept", "Peru", "'s", "offer", "."], {"Chile": (0,), "Peru": (4,)},
        [("Chile", "120", "Peru", "asserted")], id="negated-cooperation-is-refusal",
    ),
    pytest.param(
        ["Chile", "promised", "to", "send", "aid", "to", "Peru", "."], [1, 1, 3, 1, 3, 3, 5, 1],
        ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "PART", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Chile", "promise", "to", "send", "aid", "to", "Peru", "."], {"Chile": (0,), "Peru": (6,)},
        [("Chile", "030", "Peru", "asserted")], id="target-of-absorbed-clause",
    ),
    pytest.param(
        ["Chile", "'s", "cabinet", "met", "."], [2, 0, 3, 3, 3], ["poss", "case", "nsubj", "ROOT", "punct"],
        ["PROPN", "PART", "NOUN", "VERB", "PUNCT"], ["Chile", "'s", "cabinet", "meet", "."], {"Chile": (0,)}, [],
        id="meeting-needs-two-parties",
    ),
    pytest.param(
        ["Chile", "is", "opposed", "to", "Peru", "'s", "plan", "."], [1, 1, 1, 2, 6, 4, 3, 1],
        ["nsubj", "ROOT", "acomp", "prep", "poss", "case", "pobj", "punct"],
        ["PROPN", "AUX", "ADJ", "ADP", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Chile", "be", "opposed", "to", "Peru", "'s", "plan", "."], {"Chile": (0,), "Peru": (4,)},
        [("Chile", "120", "Peru", "asserted")], id="predicative-adjective",
    ),
    pytest.param(
        ["Chile", "attacked", "its", "own", "rebels", "."], [1, 1, 4, 4, 1, 1], ["nsubj", "ROOT", "poss", "amod", "dobj", "punct"],
        ["PROPN", "VERB", "PRON", "ADJ", "NOUN", "PUNCT"], ["Chile", "attack", "its", "own", "rebel", "."],
        {"Chile": (0, 2)}, [("Chile", "190", None, "asserted")], id="self-target-is-none",
    ),
    pytest.param(
        ["Chile", "ended", "its", "refusal", "to", "meet", "Peru", "."], [1, 1, 3, 1, 5, 3, 5, 1],
        ["nsubj", "ROOT", "poss", "dobj", "aux", "acl", "dobj", "punct"],
        ["PROPN", "VERB", "PRON", "NOUN", "PART", "VERB", "PROPN", "PUNCT"],
        ["Chile", "end", "its", "refusal", "to", "meet", "Peru", "."], {"Chile": (0, 2), "Peru": (6,)},
        [("Chile", "120", "Peru", "asserted")], id="refusal-noun-absorbs-its-clause",
    ),
    pytest.param(
        ["Chile", "and", "Peru", "signed", "a", "treaty", "."], [3, 0, 0, 3, 5, 3, 3],
        ["nsubj", "cc", "conj", "ROOT", "det", "dobj", "punct"], ["PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        ["Chile", "and", "Peru", "sign", "a", "treaty", "."], {"Chile": (0,), "Peru": (2,)},
        [("Chile", "057", "Peru", "asserted"), ("Peru", "057", "Chile", "asserted")], id="reciprocal-signing",
    ),
    pytest.param(
        ["Chile", "threatened", "action", "against", "Peru", "."], [1, 1, 1, 2, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Chile", "threaten", "action", "against", "Peru", "."], {"Chile": (0,), "Peru": (4,)},
        [("Chile", "130", "Peru", "asserted")], id="target-on-the-object-preposition",
    ),
    pytest.param(
        ["Chile", "imposed", "martial", "law", "in", "Arica", "."], [1, 1, 3, 1, 1, 4, 1],
        ["nsubj", "ROOT", "amod", "dobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
        ["Chile", "impose", "martial", "law", "in", "Arica", "."], {"Chile": (0,)},
        [("Chile", "1724", None, "asserted")], id="modifier-of-the-object",
    ),
    pytest.param(
        ["Chile", "is", "opposed", "to", "Peru", "'s", "plan", "."], [2, 2, 2, 2, 6, 4, 3, 2],
        ["nsubjpass", "auxpass", "ROOT", "prep", "poss", "case", "pobj", "punct"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Chile", "be", "oppose", "to", "Peru", "'s", "plan", "."], {"Chile": (0,), "Peru": (4,)},
        [("Chile", "120", "Peru", "asserted")], id="stative-participle-is-no-passive",
    ),
    pytest.param(
        ["Chile", "was", "attacked", "."], [2, 2, 2, 2], ["nsubjpass", "auxpass", "ROOT", "punct"],
        ["PROPN", "AUX", "VERB", "PUNCT"], ["Chile", "be", "attack", "."], {"Chile": (0,)}, [],
        id="passive-without-agent-has-no-source",
    ),
    pytest.param(
        ["Peru", "will", "allow", "refugees", "to", "return", "."], [2, 2, 2, 2, 5, 2, 2],
        ["nsubj", "aux", "ROOT", "dobj", "aux", "xcomp", "punct"], ["PROPN", "AUX", "VERB", "NOUN", "PART", "VERB", "PUNCT"],
        ["Peru", "will", "allow", "refugee", "to", "return", "."], {"Peru": (0,)},
        [("Peru", "035", None, "intended")], id="allowing-is-yielding",
    ),
    pytest.param(
        ["Chile", "released", "Peru", "'s", "statement", "."], [1, 1, 4, 2, 1, 1],
        ["nsubj", "ROOT", "poss", "case", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Chile", "release", "Peru", "'s", "statement", "."], {"Chile": (0,), "Peru": (2,)}, [],
        id="an-object-rules-a-frame-out",
    ),
    pytest.param(
        ["Chile", "released", "Peru", "'s", "sailors", "."], [1, 1, 4, 2, 1, 1],
        ["nsubj", "ROOT", "poss", "case", "dobj", "punct"], ["PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT"],
        ["Chile", "release", "Peru", "'s", "sailor", "."], {"Chile": (0,), "Peru": (2,)},
        [("Chile", "0841", "Peru", "asserted")], id="another-object-keeps-it",
    ),
    pytest.param(
        ["figures", "were", "released", "by", "Chile", "."], [2, 2, 2, 2, 3, 2],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"], ["NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
        ["figure", "be", "release", "by", "Chile", "."], {"Chile": (4,)}, [], id="a-passive-subject-rules-it-out-too",
    ),
    pytest.param(
        ["Chile", "said", "trade", "should", "grow", "."], [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"], ["PROPN", "VERB", "NOUN", "AUX", "VERB", "PUNCT"],
        ["Chile", "say", "trade", "should", "grow", "."], {"Chile": (0,)}, [], id="saying-what-should-happen-is-no-demand",
    ),
    pytest.param(
        ["Chile", "insisted", "that", "trade", "grew", "."], [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"], ["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        ["Chile", "insist", "that", "trade", "grow", "."], {"Chile": (0,)}, [], id="insisting-on-a-fact-is-no-demand",
    ),
    pytest.param(
        ["Chile", "hosts", "refugees", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "NOUN", "PUNCT"], ["Chile", "host", "refugee", "."], {"Chile": (0,)}, [],
        id="hosting-refugees-is-no-visit",
    ),
    pytest.param(
        ["Chile", "hosts", "Peru", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "NOUN", "PUNCT"], ["Chile", "host", "Peru", "."], {"Chile": (0,), "Peru": (2,)},
        [("Chile", "043", "Peru", "asserted")], id="hosting-a-state-is",
    ),
    pytest.param(
        ["Chilean", "police", "dispersed", "protesters", "."], [1, 2, 2, 2, 2], ["amod", "nsubj", "ROOT", "dobj", "punct"],
        ["ADJ", "NOUN", "VERB", "NOUN", "PUNCT"], ["Chilean", "police", "disperse", "protester", "."], {"Chile": (0,)},
        [("Chile", "175", "Chile", "asserted")], id="dispersing-protesters-is-repression",
    ),
    pytest.param(
        ["Chile", "and", "Peru", "fought", "."], [3, 0, 0, 3, 3], ["nsubj", "cc", "conj", "ROOT", "punct"],
        ["PROPN", "CCONJ", "PROPN", "VERB", "PUNCT"], ["Chile", "and", "Peru", "fight", "."], {"Chile": (0,), "Peru": (2,)},
        [("Chile", "190", "Peru", "asserted"), ("Peru", "190", "Chile", "asserted")], id="two-sides-fighting-each-other",
    ),
    pytest.param(
        ["Chilean", "troops", "attacked", "Zorba", "."], [1, 2, 2, 2, 2], ["amod", "nsubj", "ROOT", "dobj", "punct"],
        ["ADJ", "NOUN", "VERB", "PROPN", "PUNCT"], ["Chilean", "troop", "attack", "Zorba", "."], {"Chile": (0,)},
        [("Chile", "190", None, "asserted")], id="no-home-target-for-a-name-we-do-not-know",
    ),
    pytest.param(
        ["Chile", "blamed", "it", "on", "Peru", "."], [1, 1, 1, 1, 3, 1], ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "PRON", "ADP", "PROPN", "PUNCT"], ["Chile", "blame", "it", "on", "Peru", "."],
        {"Chile": (0,), "Peru": (4,), "Bolivia": (2,)}, [("Chile", "112", "Peru", "asserted")], id="blame-on-names-the-blamed",
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,actors,expected", EVENTS)
def test_find_events(make_doc, lexicon, words, heads, deps, pos, lemmas, actors, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert code(doc, lexicon, actors_on(doc, actors)) == expected


def test_targetless_event_gives_way_to_the_same_act_with_a_target(make_doc, lexicon) -> None:
    words = ["Chile", "arrived", "on", "a", "visit", "to", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 2, 4, 5, 1], deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chile", "arrive", "on", "a", "visit", "to", "Peru", "."])
    assert code(doc, lexicon, actors_on(doc, {"Chile": (0,), "Peru": (6,)})) == [("Chile", "042", "Peru", "asserted")]


# words, heads, deps, pos, lemmas, expected target: a group named after a country acts on that
# country; the country itself is not its own target
HOME = [
    pytest.param(["Chilean", "miners", "protested", "in", "Arica", "."], [1, 2, 2, 2, 3, 2],
                 ["amod", "nsubj", "ROOT", "prep", "pobj", "punct"], ["ADJ", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
                 ["Chilean", "miner", "protest", "in", "Arica", "."], "Chile", id="group-of-the-country"),
    pytest.param(["Chile", "protested", "in", "Arica", "."], [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"],
                 ["PROPN", "VERB", "ADP", "PROPN", "PUNCT"], ["Chile", "protest", "in", "Arica", "."], None,
                 id="the-country-itself"),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,expected", HOME)
def test_group_protesting_at_home_targets_its_country(make_doc, lexicon, words, heads, deps, pos, lemmas, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    arica = doc[words.index("Arica")]
    place = Place("Arica", arica.idx, arica.idx + 5, "Arica", "CHI", -18.5, -70.3, 3899361, "city")
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,)}), places=[place])
    assert [(source, target) for source, _, target, _ in found] == [("Chile", expected)]


@pytest.fixture
def visit_doc(make_doc) -> Doc:
    words = ["Chile", "visited", "Lima", "."]
    return make_doc(words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
                    pos=["PROPN", "VERB", "PROPN", "PUNCT"], lemmas=["Chile", "visit", "Lima", "."])


def test_visited_place_stands_for_its_country(visit_doc, lexicon) -> None:
    lima = Place("Lima", 14, 18, "Lima", "PER", -12.0, -77.0, 3936456, "city")
    peru = Actor("ac-peru", "Peru", "PER", "PER", (), "state", (Span(40, 44, "Peru"),))
    events = events_for(visit_doc, lexicon, [*actors_on(visit_doc, {"Chile": (0,)}), peru], quotes=[],
                         timexes=[], places=[lima], published=None, article_id="a")
    assert [(e.cameo.code, e.target.actor if e.target else None) for e in events] == [("042", "ac-peru")]
    assert events[0].confidence < frames.match(lexicon, visit_doc[1]).entry.strength


def test_place_without_a_country_gives_no_target(visit_doc, lexicon) -> None:
    lima = Place("Lima", 14, 18, None, None, None, None, None)
    assert code(visit_doc, lexicon, actors_on(visit_doc, {"Chile": (0,)}), places=[lima]) == [
        ("Chile", "042", None, "asserted")
    ]


@pytest.mark.parametrize(
    "verb,lemma,prep,expected",
    [("rioted", "riot", "in", "PER"), ("shelled", "shell", "in", "PER"), ("praised", "praise", "in", None)],
)
def test_place_of_a_forceful_act_stands_for_its_target(make_doc, lexicon, verb, lemma, prep, expected) -> None:
    words = ["Chile", verb, "in", "Lima", "."]
    doc = make_doc(words, heads=[1, 1, 1, 2, 1], deps=["nsubj", "ROOT", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "ADP", "PROPN", "PUNCT"], lemmas=["Chile", lemma, prep, "Lima", "."])
    lima = Place("Lima", doc[3].idx, doc[3].idx + 4, "Lima", "PER", -12.0, -77.0, 3936456, "city")
    events = events_for(doc, lexicon, actors_on(doc, {"Chile": (0,)}), quotes=[], timexes=[],
                         places=[lima], published=None, article_id="a")
    assert [e.target.country if e.target else None for e in events] == [expected]


def test_a_curfew_lifted_in_a_place_is_lifted_for_its_country(make_doc, lexicon) -> None:
    words = ["Chile", "lifted", "the", "curfew", "in", "Lima", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 1, 4, 1], deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chile", "lift", "the", "curfew", "in", "Lima", "."])
    lima = Place("Lima", doc[5].idx, doc[5].idx + 4, "Lima", "PER", -12.0, -77.0, 3936456, "city")
    events = events_for(doc, lexicon, actors_on(doc, {"Chile": (0,)}), quotes=[], timexes=[],
                         places=[lima], published=None, article_id="a")
    assert [(e.cameo.code, e.target.country if e.target else None) for e in events] == [("081", "PER")]


def test_event_record_fields(make_doc, lexicon) -> None:
    words = ["Iran", "will", "impose", "sanctions", "on", "Russia", "."]
    doc = make_doc(words, heads=[2, 2, 2, 2, 3, 4, 2], deps=["nsubj", "aux", "ROOT", "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Iran", "will", "impose", "sanction", "on", "Russia", "."])
    quote = Quote("qt-1", "direct", doc.text[:-1], 0, len(doc.text) - 1, None, None)
    actors = actors_on(doc, {"Iran": (0,), "Russia": (5,)})
    def run() -> list:
        return events_for(doc, lexicon, actors, quotes=[quote], timexes=[], places=[], published="2021-03-04",
                           article_id="art")

    (event,) = run()
    assert event.trigger.text == "impose sanctions"
    assert doc.text[event.trigger.start:event.trigger.end] == event.trigger.text
    assert (event.sentence.start, event.sentence.end) == (0, len(doc.text.rstrip()))
    assert event.plover.type is not None and event.cameo.root == "16"
    assert event.quote == "qt-1"
    assert event.date is not None and event.date.basis == "publication"
    assert 0 < event.confidence <= 1
    assert re.fullmatch(r"ev-[0-9a-f]{16}", event.id) and [e.id for e in run()] == [event.id]


def actors_by_name(text: str, names: dict[str, str]) -> list[Actor]:
    """One actor per surface form (several forms may share a code), with a mention at each occurrence."""
    actors = []
    for surface, code_ in names.items():
        spans = tuple(Span(m.start(), m.end(), m.group()) for m in re.finditer(rf"\b{re.escape(surface)}\b", text))
        actors.append(Actor(f"ac-{surface}", surface, code_, code_[:3], (), "state", spans))
    return actors


def coded(nlp, lexicon: Lexicon, text: str, names: dict[str, str]) -> set[tuple]:
    doc = nlp(text)
    events = events_for(doc, lexicon, actors_by_name(text, names), quotes=[], timexes=[], places=[],
                         published="2021-03-04", article_id="t")
    return {(e.source.code, e.cameo.code, e.target.code if e.target else None, e.modality) for e in events}


@pytest.mark.model
@pytest.mark.parametrize(
    "text,names,expected",
    [
        ("Chile will impose sanctions on Peru, the foreign ministry said.", {"Chile": "CHL", "Peru": "PER"},
         ("CHL", "163", "PER", "intended")),
        ("Dozens of protesters were arrested by police in Nairobi on Monday.",
         {"protesters": "KENOPP", "police": "KENCOP"}, ("KENCOP", "173", "KENOPP", "asserted")),
        ("Brazil's president, who is due to meet Argentina's leader on Friday, criticised Venezuela.",
         {"Brazil": "BRA", "Argentina": "ARG", "Venezuela": "VEN"}, ("BRA", "036", "ARG", "intended")),
        ("Brazil's president, who is due to meet Argentina's leader on Friday, criticised Venezuela.",
         {"Brazil": "BRA", "Argentina": "ARG", "Venezuela": "VEN"}, ("BRA", "111", "VEN", "asserted")),
        ("Egypt and Jordan held talks in Cairo on Sunday.", {"Egypt": "EGY", "Jordan": "JOR"},
         ("JOR", "040", "EGY", "asserted")),
        ("Kenya urged Somalia to release the fishermen.", {"Kenya": "KEN", "Somalia": "SOM"},
         ("KEN", "025", "SOM", "asserted")),
        ("Ghana said that Togo had attacked Benin.", {"Ghana": "GHA", "Togo": "TGO", "Benin": "BEN"},
         ("TGO", "190", "BEN", "asserted")),
        ("Norway has not recognised Kosovo.", {"Norway": "NOR", "Kosovo": "XKX"}, ("NOR", "120", "XKX", "asserted")),
        ("Mali refused to meet the rebels.", {"Mali": "MLI", "rebels": "MLIREB"}, ("MLI", "125", "MLIREB", "asserted")),
    ],
    ids=["intended-sanctions", "passive-arrest", "relative-clause-meeting", "main-clause-criticism",
         "reciprocal-talks", "appeal-to-yield", "reported-attack", "negated-recognition-is-refusal",
         "refusal-to-meet"],
)
def test_model_sentences(nlp, lexicon, text, names, expected) -> None:
    assert expected in coded(nlp, lexicon, text, names)


@pytest.mark.model
@pytest.mark.parametrize(
    "text,names,unexpected",
    [
        ("Russia condemned the air strikes on Aleppo.", {"Russia": "RUS"}, "195"),
        ("Peru was attacked by Chile.", {"Peru": "PER", "Chile": "CHL"}, "PER"),
    ],
    ids=["condemner-is-not-the-striker", "passive-subject-is-not-the-source"],
)
def test_model_sentences_without_misattribution(nlp, lexicon, text, names, unexpected) -> None:
    found = coded(nlp, lexicon, text, names)
    assert found and all(unexpected not in (source, code_) for source, code_, _, _ in found)


@pytest.fixture(scope="module")
def seed_events() -> list:
    from conftest import shared_path

    from eventwire.models import Article
    from eventwire.pipeline import Pipeline

    text = shared_path("seed", "000_d0042f3ec4aaeb2c.txt").read_text(encoding="utf-8")
    result = Pipeline.load().process(Article(id="seed", text=text, published="2018-07-12"))
    return list(result.events)


def triples(events: list) -> set[tuple]:
    return {(e.source.country if e.source else None, e.cameo.code, e.target.country if e.target else None, e.modality)
            for e in events}


def has(events: list, source: str | None, prefix: str, target: str | None, modality: str | None = None) -> bool:
    return any(s == source and c.startswith(prefix) and t == target and (modality in (None, m))
               for s, c, t, m in triples(events))


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.parametrize(
    "source,prefix,target,modality",
    [
        ("IRN", "05", "RUS", "asserted"),  # hailed his country's strategic relationship with Russia
        ("IRN", "11", "USA", None),        # Velayati took a swipe at Trump
        ("ISR", "19", "IRN", "asserted"),  # it has attacked Iranian targets there
        ("USA", "03", "RUS", "intended"),  # Trump and Putin are expected to discuss ... in Helsinki
        ("RUS", "03", "USA", "intended"),
        ("IRN", "036", "RUS", "intended"),  # Velayati is due to meet Putin
        ("ISR", "042", "RUS", "asserted"),  # Netanyahu was also visiting Moscow
        ("ISR", "05", "USA", "asserted"),  # Netanyahu backs Trump's decision
        ("USA", "163", "IRN", "intended"),  # Washington says it will reimpose sanctions (on Iranian oil)
    ],
)
def test_seed_events(seed_events, source, prefix, target, modality) -> None:
    assert has(seed_events, source, prefix, target, modality)


@pytest.mark.model
@pytest.mark.shared
def test_seed_events_are_not_reversed(seed_events) -> None:
    reversed_pairs = [("USA", "11", "IRN"), ("IRN", "19", "ISR"), ("RUS", "042", "ISR"), ("USA", "05", "ISR")]
    assert not any(has(seed_events, *pair) for pair in reversed_pairs)


@pytest.mark.model
@pytest.mark.shared
def test_seed_helsinki_meeting_is_dated_and_placed(seed_events) -> None:
    meeting = [e for e in seed_events if e.trigger.text == "discuss" and e.location and e.location.name == "Helsinki"]
    assert meeting and {e.date.value for e in meeting if e.date} == {"2018-07-16"}


@pytest.mark.parametrize(
    "verb,tag,aux,value,expected",
    [
        ("criticised", "VBD", None, "2021-03-01", ("2021-03-01", "text")),
        ("criticised", "VBD", None, "2020-01-01", ("2021-03-04", "publication")),
        ("criticise", "VB", "will", "2021-03-01", ("2021-03-04", "publication")),
    ],
    ids=["simple-past-continues-the-news-time", "background-date-not-carried", "plan-not-carried"],
)
def test_date_carried_from_the_previous_sentence(make_doc, lexicon, verb, tag, aux, value, expected) -> None:
    words = ["Chile", "met", "Peru", "on", "Monday", ".", "Chile", *([aux] if aux else []), verb, "Bolivia", "."]
    n = 1 if aux else 0
    heads = [1, 1, 1, 1, 3, 1, 7 + n, *([7 + n] if aux else []), 7 + n, 7 + n, 7 + n]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "nsubj", *(["aux"] if aux else []), "ROOT", "dobj", "punct"]
    tags = ["NNP", "VBD", "NNP", "IN", "NNP", ".", "NNP", *(["MD"] if aux else []), tag, "NNP", "."]
    pos = ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT", "PROPN", *(["AUX"] if aux else []), "VERB", "PROPN", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[7 + n] = "criticise"
    doc = make_doc(words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    monday = Timex("Monday", doc[4].idx, doc[4].idx + 6, "DATE", value)
    actors = actors_on(doc, {"Chile": (0, 6), "Peru": (2,), "Bolivia": (8 + n,)})
    events = events_for(doc, lexicon, actors, quotes=[], timexes=[monday], places=[], published="2021-03-04",
                         article_id="a")
    (event,) = [e for e in events if e.cameo.root in {"11", "13"}]
    assert (event.date.value, event.date.basis) == expected


# words, heads, deps, pos, lemmas, actors, expected: a target one phrase below its slot, and one
# named by the purpose or condition clause of a threat or protest
DEEPER = [
    pytest.param(["Chile", "demanded", "a", "truce", "with", "Peru", "."], [1, 1, 3, 1, 3, 4, 1],
                 ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
                 ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                 ["Chile", "demand", "a", "truce", "with", "Peru", "."], {"Chile": (0,), "Peru": (5,)},
                 ("Chile", "Peru"), id="inside-the-object"),
    pytest.param(["Chile", "threatened", "to", "strike", "unless", "Peru", "withdrew", "."], [1, 1, 3, 1, 6, 6, 3, 1],
                 ["nsubj", "ROOT", "aux", "xcomp", "mark", "nsubj", "advcl", "punct"],
                 ["PROPN", "VERB", "PART", "VERB", "SCONJ", "PROPN", "VERB", "PUNCT"],
                 ["Chile", "threaten", "to", "strike", "unless", "Peru", "withdraw", "."],
                 {"Chile": (0,), "Peru": (5,)}, ("Chile", "Peru"), id="condition-of-a-threat"),
    pytest.param(["Chileans", "marched", "to", "denounce", "Peru", "."], [1, 1, 3, 1, 3, 1],
                 ["nsubj", "ROOT", "aux", "advcl", "dobj", "punct"],
                 ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
                 ["Chilean", "march", "to", "denounce", "Peru", "."], {"Chile": (0,), "Peru": (4,)},
                 ("Chile", "Peru"), id="purpose-of-a-protest"),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,actors,expected", DEEPER)
def test_target_found_below_its_slot(make_doc, lexicon, words, heads, deps, pos, lemmas, actors, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert expected in {(source, target) for source, _, target, _ in code(doc, lexicon, actors_on(doc, actors))}


def test_a_deeper_phrase_naming_no_actor_gives_no_target(make_doc, lexicon) -> None:
    words = ["Chile", "demanded", "a", "truce", "with", "honour", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 3, 4, 1], deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
                   lemmas=["Chile", "demand", "a", "truce", "with", "honour", "."])
    assert [target for _, _, target, _ in code(doc, lexicon, actors_on(doc, {"Chile": (0,)}))] == [None]


def test_the_content_of_a_demand_weighs_less_than_the_demand(make_doc) -> None:
    words = ["Chile", "repeated", "its", "demand", "that", "Peru", "ease", "curbs", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 6, 6, 3, 6, 1],
                   deps=["nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "ccomp", "dobj", "punct"],
                   pos=["PROPN", "VERB", "PRON", "NOUN", "SCONJ", "PROPN", "VERB", "NOUN", "PUNCT"])
    assert clause_weight(doc[6]) == pytest.approx(clause_weight(doc[3]) * SUBORDINATE)


def test_a_noun_modifying_another_noun_is_no_trigger(make_doc, lexicon) -> None:
    doc = make_doc(["the", "aid", "worker", "and", "the", "aid"], heads=[2, 2, 2, 2, 5, 2],
                   deps=["det", "compound", "ROOT", "cc", "det", "conj"], pos=["DET", "NOUN", "NOUN", "CCONJ", "DET", "NOUN"],
                   lemmas=["the", "aid", "worker", "and", "the", "aid"])
    assert frames.candidates(lexicon, doc[1]) == [] and frames.candidates(lexicon, doc[5]) != []


# words, heads, deps, pos, lemmas, expected target: a group of a country acting on nobody named
# acts at home; the state itself, or force with no object, names no target
AT_HOME = [
    pytest.param(["Chilean", "miners", "rioted", "."], [1, 2, 2, 2], ["amod", "nsubj", "ROOT", "punct"],
                 ["ADJ", "NOUN", "VERB", "PUNCT"], ["Chilean", "miner", "riot", "."], "Chile", id="protest-at-home"),
    pytest.param(["Chilean", "police", "arrested", "students", "."], [1, 2, 2, 2, 2],
                 ["amod", "nsubj", "ROOT", "dobj", "punct"], ["ADJ", "NOUN", "VERB", "NOUN", "PUNCT"],
                 ["Chilean", "police", "arrest", "student", "."], "Chile", id="coercion-of-someone-unnamed"),
    pytest.param(["Chile", "protested", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"], ["PROPN", "VERB", "PUNCT"],
                 ["Chile", "protest", "."], None, id="the-state-protesting"),
    pytest.param(["Chilean", "police", "attacked", "."], [1, 2, 2, 2], ["amod", "nsubj", "ROOT", "punct"],
                 ["ADJ", "NOUN", "VERB", "PUNCT"], ["Chilean", "police", "attack", "."], None, id="force-on-nothing"),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,expected", AT_HOME)
def test_a_group_acting_on_nobody_named_acts_at_home(make_doc, lexicon, words, heads, deps, pos, lemmas, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,)}))
    assert found and {target for _, _, target, _ in found} == {expected}


UNCLAIMED = ["A", "bombing", "in", "Arica", "killed", "Peruvians", "."]


@pytest.mark.parametrize("doer,pos,expected", [("bombing", "NOUN", [("unidentified attackers", "CHIUAF", "Peruvians")]),
                                               ("He", "PRON", [])], ids=["a-thing-did-it", "an-unresolved-pronoun"])
def test_an_attack_nobody_claims_is_by_unidentified_attackers_where_it_happened(make_doc, lexicon, doer, pos,
                                                                                expected) -> None:
    words = [w if w != "bombing" else doer for w in UNCLAIMED]
    doc = make_doc(words, heads=[1, 4, 1, 2, 4, 4, 4], deps=["det", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"],
                   pos=["DET", pos, "ADP", "PROPN", "VERB", "PROPN", "PUNCT"], tags=["DT", "NN", "IN", "NNP", "VBD", "NNPS", "."],
                   lemmas=["a", doer.lower(), "in", "Arica", "kill", "Peruvians", "."])
    arica = doc[3]
    place = Place("Arica", arica.idx, arica.idx + 5, "Arica", "CHI", -18.5, -70.3, 3899361, "city")
    events = events_for(doc, lexicon, actors_on(doc, {"Peruvians": (5,)}), quotes=[], timexes=[],
                         places=[place], published="2021-03-04", article_id="art")
    assert [(e.source.name, e.source.code, e.target.name if e.target else None) for e in events] == expected


def test_a_place_abroad_rules_out_the_home_target_and_is_the_context_target(make_doc, lexicon) -> None:
    words = ["Chilean", "police", "arrested", "students", "near", "Lima", "."]
    doc = make_doc(words, heads=[1, 2, 2, 2, 2, 4, 2], deps=["amod", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                   pos=["ADJ", "NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chilean", "police", "arrest", "student", "near", "Lima", "."])
    lima = doc[5]
    place = Place("Lima", lima.idx, lima.idx + 4, "Lima", "PER", -12.0, -77.0, 3936456, "city")
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,)}), places=[place])
    assert [(source, target) for source, _, target, _ in found] == [("Chile", "PER")]
    assert [e.target.basis for e in events_for(doc, lexicon, actors_on(doc, {"Chile": (0,)}), places=[place])] == [
        "context"]


@pytest.mark.parametrize("named,expected", [(False, [("Chile", "Chile")]), (True, [("Chile", None)])])
def test_no_home_target_when_the_sentence_names_an_actor_abroad(make_doc, lexicon, named, expected) -> None:
    words = ["Chilean", "police", "arrested", "students", ",", "Peru" if named else "officials", "said", "."]
    doc = make_doc(words, heads=[1, 2, 2, 2, 6, 6, 2, 2],
                   deps=["amod", "nsubj", "ROOT", "dobj", "punct", "nsubj", "parataxis", "punct"],
                   pos=["ADJ", "NOUN", "VERB", "NOUN", "PUNCT", "PROPN" if named else "NOUN", "VERB", "PUNCT"],
                   lemmas=["Chilean", "police", "arrest", "student", ",", words[5], "say", "."])
    actors = actors_on(doc, {"Chile": (0,), **({"Peru": (5,)} if named else {})})
    found = code(doc, lexicon, actors)
    assert [(source, target) for source, _, target, _ in found] == expected


def test_any_object_rules_out_an_intransitive_frame(make_doc, lexicon) -> None:
    doc = make_doc(["Chileans", "rallied", "support", "."], heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "PUNCT"], lemmas=["Chileans", "rally", "support", "."])
    assert [c for _, c, _, _ in code(doc, lexicon, actors_on(doc, {"Chileans": (0,)}))] != ["141"]


@pytest.mark.parametrize("words,expected", [
    (["Peruvians", "were", "killed", "in", "a", "bombing", "in", "Arica", "."], [("unidentified attackers", "Peruvians")]),
    (["Peruvians", "were", "killed", "in", "the", "war", "in", "Arica", "."], []),
], ids=["by-a-weapon", "a-toll-without-a-weapon"])
def test_an_agentless_killing_is_an_attack_only_with_a_weapon(make_doc, lexicon, words, expected) -> None:
    doc = make_doc(words, heads=[2, 2, 2, 2, 5, 3, 5, 6, 2],
                   deps=["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "AUX", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                   tags=["NNPS", "VBD", "VBN", "IN", "DT", "NN", "IN", "NNP", "."],
                   lemmas=["Peruvians", "be", "kill", "in", "a", words[5], "in", "Arica", "."])
    arica = doc[7]
    place = Place("Arica", arica.idx, arica.idx + 5, "Arica", "CHI", -18.5, -70.3, 3899361, "city")
    events = events_for(doc, lexicon, actors_on(doc, {"Peruvians": (0,)}), quotes=[], timexes=[],
                         places=[place], published="2021-03-04", article_id="art")
    assert [(e.source.name, e.target.name if e.target else None) for e in events] == expected
    assert all(e.source.basis == "unattributed" for e in events)


# a warning is a threat when it has an addressee, a "to"-clause or a "will"-clause on a named actor;
# a warning about a state of affairs is none
WARNINGS = [
    pytest.param(["Chile", "warned", "Peru", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                 ["PROPN", "VERB", "PROPN", "PUNCT"], ["Chile", "warn", "Peru", "."], [("Chile", "130", "Peru", "asserted")],
                 id="an-addressee"),
    pytest.param(["Chile", "warned", "that", "famine", "loomed", "."], [1, 1, 4, 4, 1, 1],
                 ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"], ["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
                 ["Chile", "warn", "that", "famine", "loom", "."], [], id="a-state-of-affairs"),
    pytest.param(["Chile", "warned", "that", "Peru", "will", "pay", "."], [1, 1, 5, 5, 5, 1, 1],
                 ["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
                 ["PROPN", "VERB", "SCONJ", "PROPN", "AUX", "VERB", "PUNCT"], ["Chile", "warn", "that", "Peru", "will", "pay", "."],
                 [("Chile", "130", "Peru", "asserted")], id="what-will-happen-to-someone"),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,expected", WARNINGS)
def test_warnings(make_doc, lexicon, words, heads, deps, pos, lemmas, expected) -> None:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    actors = {name: (words.index(name),) for name in ("Chile", "Peru") if name in words}
    assert [e for e in code(doc, lexicon, actors_on(doc, actors)) if e[1] == "130"] == expected


def test_a_claimed_bombing_keeps_its_author(make_doc, lexicon) -> None:
    words = ["Chile", "'s", "bombing", "in", "Arica", "killed", "Peruvians", "."]
    doc = make_doc(words, heads=[2, 0, 5, 2, 3, 5, 5, 5], deps=["poss", "case", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"],
                   pos=["PROPN", "PART", "NOUN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"],
                   lemmas=["Chile", "'s", "bombing", "in", "Arica", "kill", "Peruvians", "."])
    arica = doc[4]
    place = Place("Arica", arica.idx, arica.idx + 5, "Arica", "CHI", -18.5, -70.3, 3899361, "city")
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,), "Peruvians": (6,)}), places=[place])
    assert ("Chile", "190", "Peruvians", "asserted") in found  # a state's killing is military force


@pytest.mark.parametrize("together,expected", [(None, [("CHI", "PER"), ("PER", "CHI")]), ("together", [("CHI", None), ("PER", None)])])
def test_coordinated_subjects_act_on_each_other_unless_together(make_doc, lexicon, together, expected) -> None:
    words = ["Chile", "and", "Peru", "cooperated", *([together] if together else []), "."]
    doc = make_doc(words, heads=[3, 0, 0, 3, *([3] if together else []), 3],
                   deps=["nsubj", "cc", "conj", "ROOT", *(["advmod"] if together else []), "punct"],
                   pos=["PROPN", "CCONJ", "PROPN", "VERB", *(["ADV"] if together else []), "PUNCT"],
                   lemmas=["Chile", "and", "Peru", "cooperate", *([together] if together else []), "."])
    actors = actors_on(doc, {"Chile": (0,), "Peru": (2,)})
    events = events_for(doc, lexicon, actors, quotes=[], timexes=[], places=[], published=None, article_id="a")
    assert sorted((e.source.code, e.target.code if e.target else None) for e in events) == expected



def test_parties_meeting_each_other_take_no_target_from_their_topic(make_doc, lexicon) -> None:
    words = ["Chile", "and", "Peru", "held", "talks", "on", "Bolivian", "troops", "."]
    doc = make_doc(words, heads=[3, 0, 0, 3, 3, 4, 7, 5, 3],
                   deps=["nsubj", "cc", "conj", "ROOT", "dobj", "prep", "amod", "pobj", "punct"],
                   pos=["PROPN", "CCONJ", "PROPN", "VERB", "NOUN", "ADP", "ADJ", "NOUN", "PUNCT"],
                   lemmas=["Chile", "and", "Peru", "hold", "talk", "on", "Bolivian", "troop", "."])
    actors = actors_on(doc, {"Chile": (0,), "Peru": (2,), "Bolivia": (6,)})
    events = events_for(doc, lexicon, actors, quotes=[], timexes=[], places=[], published=None, article_id="a")
    assert sorted((e.source.code, e.target.code if e.target else None) for e in events) == [("CHI", "PER"), ("PER", "CHI")]


def test_asking_a_question_is_no_appeal(make_doc, lexicon) -> None:
    doc = make_doc(["They", "ask", "what", "you", "think"], heads=[1, 1, 4, 4, 1],
                   deps=["nsubj", "ROOT", "dobj", "nsubj", "ccomp"], pos=["PRON", "VERB", "PRON", "PRON", "VERB"],
                   lemmas=["they", "ask", "what", "you", "think"])
    assert sentence_matches(doc[:], lexicon) == []


@pytest.mark.parametrize("subject,expected", [("attack", []), ("envoy", [("CHI", "130")])])
def test_an_act_that_threatens_is_no_threat(make_doc, lexicon, subject, expected) -> None:
    words = ["The", "Chilean", subject, "threatened", "Peru", "."]
    doc = make_doc(words, heads=[2, 2, 3, 3, 3, 3], deps=["det", "amod", "nsubj", "ROOT", "dobj", "punct"],
                   pos=["DET", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"],
                   lemmas=["the", "Chilean", subject, "threaten", "Peru", "."])
    events = events_for(doc, lexicon, actors_on(doc, {"Chile": (1,), "Peru": (4,)}), quotes=[],
                         timexes=[], places=[], published=None, article_id="a")
    assert [(e.source.code, e.cameo.code) for e in events if e.trigger.text == "threatened"] == expected


@pytest.mark.parametrize("noun,expected", [("summary", []), ("prisoners", [("released", "0841")])])
def test_what_a_participle_was_done_to_can_rule_out_its_sense(make_doc, lexicon, noun, expected) -> None:
    doc = make_doc(["the", noun, "released", "by", "Chile"], heads=[1, 1, 1, 2, 3],
                   deps=["det", "ROOT", "acl", "agent", "pobj"], pos=["DET", "NOUN", "VERB", "ADP", "PROPN"],
                   tags=["DT", "NN", "VBN", "IN", "NNP"], lemmas=["the", noun, "release", "by", "Chile"])
    assert [(doc[m.trigger].text, m.entry.code) for m in sentence_matches(doc[:], lexicon)] == expected


@pytest.mark.parametrize("dep,tag,expected", [("acl", "VBN", []), ("ROOT", "VBD", [("Peru", "051", "rebels")])])
def test_a_participle_of_backing_that_describes_a_party_is_no_event(make_doc, lexicon, dep, tag, expected) -> None:
    # "the rebels , backed by Peru , fought ." / "Peru backed the rebels ." (the act itself)
    if dep == "acl":
        doc = make_doc(["the", "rebels", ",", "backed", "by", "Peru", ",", "fought", "."], heads=[1, 7, 1, 1, 3, 4, 1, 7, 7],
                       deps=["det", "nsubj", "punct", "acl", "agent", "pobj", "punct", "ROOT", "punct"],
                       pos=["DET", "NOUN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT"],
                       tags=["DT", "NNS", ",", "VBN", "IN", "NNP", ",", "VBD", "."],
                       lemmas=["the", "rebel", ",", "back", "by", "Peru", ",", "fight", "."])
        spans = {"Peru": (5,), "rebels": (1,)}
    else:
        doc = make_doc(["Peru", "backed", "the", "rebels", "."], heads=[1, 1, 3, 1, 1],
                       deps=["nsubj", dep, "det", "dobj", "punct"], pos=["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                       tags=["NNP", tag, "DT", "NNS", "."], lemmas=["Peru", "back", "the", "rebel", "."])
        spans = {"Peru": (0,), "rebels": (3,)}
    events = events_for(doc, lexicon, actors_on(doc, spans), quotes=[], timexes=[], places=[], published=None,
                        article_id="a")
    assert [(e.source.name, e.cameo.code, e.target.name if e.target else None) for e in events
            if e.trigger.text == "backed"] == expected


# An act with an object that names nobody, by a body of a country, in a passage naming no other
# country: the body acts on its own country.
INTERNAL_WORDS = ["The", "Chilean", "court", "rejected", "the", "appeal", "."]
INTERNAL_PARSE = {"heads": [2, 2, 3, 3, 5, 3, 3], "deps": ["det", "amod", "nsubj", "ROOT", "det", "dobj", "punct"],
                  "pos": ["DET", "ADJ", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
                  "lemmas": ["the", "Chilean", "court", "reject", "the", "appeal", "."]}


def test_a_body_acting_at_home_targets_its_country(make_doc, lexicon) -> None:
    doc = make_doc(INTERNAL_WORDS, **INTERNAL_PARSE)
    assert [(s, c, t) for s, c, t, _ in code(doc, lexicon, actors_on(doc, {"Chile": (1,)}))] == [("Chile", "120", "Chile")]


def test_the_party_of_the_sentence_before_is_the_target_not_the_home_country(make_doc, lexicon) -> None:
    words = ["Peru", "appealed", ".", *INTERNAL_WORDS]
    shift = lambda heads: [h + 3 for h in heads]  # noqa: E731
    doc = make_doc(words, heads=[1, 1, 1, *shift(INTERNAL_PARSE["heads"])], deps=["nsubj", "ROOT", "punct", *INTERNAL_PARSE["deps"]],
                   pos=["PROPN", "VERB", "PUNCT", *INTERNAL_PARSE["pos"]], lemmas=["Peru", "appeal", ".", *INTERNAL_PARSE["lemmas"]])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (4,), "Peru": (0,)}))
    assert ("Chile", "120", "Peru") in [(s, c, t) for s, c, t, _ in found]


def test_no_internal_target_for_a_named_object(make_doc, lexicon) -> None:
    words = ["The", "Chilean", "court", "rejected", "Zorba", "."]
    doc = make_doc(words, heads=[2, 2, 3, 3, 3, 3], deps=["det", "amod", "nsubj", "ROOT", "dobj", "punct"],
                   pos=["DET", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT"], lemmas=["the", "Chilean", "court", "reject", "Zorba", "."])
    assert [(s, t) for s, _, t, _ in code(doc, lexicon, actors_on(doc, {"Chile": (1,)}))] == [("Chile", None)]


def test_the_source_is_never_its_own_target(make_doc, lexicon) -> None:
    words = ["Chile", "reneged", "on", "its", "promise", "to", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 4, 2, 4, 5, 1], deps=["nsubj", "ROOT", "prep", "poss", "pobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "ADP", "PRON", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chile", "renege", "on", "its", "promise", "to", "Peru", "."])
    assert [(s, c, t) for s, c, t, _ in code(doc, lexicon, actors_on(doc, {"Chile": (0, 3), "Peru": (6,)}))] == \
        [("Chile", "120", "Peru")]


def test_a_refused_clause_names_its_target_one_phrase_deeper(make_doc, lexicon) -> None:
    words = ["Chile", "refused", "to", "join", "the", "war", "against", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 5, 3, 5, 6, 1],
                   deps=["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chile", "refuse", "to", "join", "the", "war", "against", "Peru", "."])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,), "Peru": (7,)}))
    assert [(s, c[:2], t) for s, c, t, _ in found] == [("Chile", "12", "Peru")]


def test_a_demand_nouns_that_clause_parsed_on_its_verb_is_its_content(make_doc, lexicon) -> None:
    words = ["Chile", "repeated", "its", "demand", "that", "Peru", "withdraw", "troops", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 6, 6, 1, 6, 1],
                   deps=["nsubj", "ROOT", "poss", "dobj", "mark", "nsubj", "ccomp", "dobj", "punct"],
                   pos=["PROPN", "VERB", "PRON", "NOUN", "SCONJ", "PROPN", "VERB", "NOUN", "PUNCT"],
                   lemmas=["Chile", "repeat", "its", "demand", "that", "Peru", "withdraw", "troop", "."])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0, 2), "Peru": (5,)}))
    assert [(s, c[:2], t) for s, c, t, _ in found] == [("Chile", "10", "Peru")]


def _located_doc(make_doc, words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]
                 ) -> tuple[Doc, Place]:
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    arica = doc[words.index("Arica")]
    return doc, Place("Arica", arica.idx, arica.idx + 5, "Arica", "PER", -18.5, -70.3, 3899361, "city")


@pytest.mark.parametrize("words,heads,deps,pos,lemmas", [
    (["Chile", "engaged", "in", "fighting", "in", "Arica", "."], [1, 1, 1, 2, 1, 4, 1],
     ["nsubj", "ROOT", "prep", "pobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
     ["Chile", "engage", "in", "fighting", "in", "Arica", "."]),
    (["Chile", "killed", "ten", "when", "it", "struck", "in", "Arica", "."], [1, 1, 1, 5, 5, 1, 5, 6, 1],
     ["nsubj", "ROOT", "dobj", "advmod", "nsubj", "advcl", "prep", "pobj", "punct"],
     ["PROPN", "VERB", "NUM", "SCONJ", "PRON", "VERB", "ADP", "PROPN", "PUNCT"],
     ["Chile", "kill", "ten", "when", "it", "strike", "in", "Arica", "."]),
], ids=["verb-the-act-hangs-on", "when-clause"])
def test_an_act_is_placed_by_the_words_around_it(make_doc, lexicon, words, heads, deps, pos, lemmas) -> None:
    doc, arica = _located_doc(make_doc, words, heads, deps, pos, lemmas)
    peru = Actor("ac-peru", "Peru", "PER", "PER", (), "state", (Span(90, 94, "Peru"),))
    events = events_for(doc, lexicon, [*actors_on(doc, {"Chile": (0,)}), peru], places=[arica], published=None)
    assert "ac-peru" in {e.target.actor for e in events if e.target}


def test_an_event_noun_may_be_a_conjunct_of_the_object(make_doc, lexicon) -> None:
    words = ["Chile", "launched", "mortar", "and", "rocket", "fire", "against", "Peru", "."]
    doc = make_doc(words, heads=[1, 1, 1, 2, 5, 2, 5, 6, 1],
                   deps=["nsubj", "ROOT", "dobj", "cc", "compound", "conj", "prep", "pobj", "punct"],
                   pos=["PROPN", "VERB", "NOUN", "CCONJ", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chile", "launch", "mortar", "and", "rocket", "fire", "against", "Peru", "."])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,), "Peru": (7,)}))
    assert [(s, c, t) for s, c, t, _ in found] == [("Chile", "190", "Peru")]


def test_a_reminder_that_a_party_must_act_is_a_demand_on_it(make_doc, lexicon) -> None:
    words = ["Chile", "issued", "a", "reminder", "to", "Peru", "that", "it", "must", "withdraw", "."]
    doc = make_doc(words, heads=[1, 1, 3, 1, 1, 4, 9, 9, 9, 3, 1],
                   deps=["nsubj", "ROOT", "det", "dobj", "dative", "pobj", "mark", "nsubj", "aux", "acl", "punct"],
                   pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"],
                   lemmas=["Chile", "issue", "a", "reminder", "to", "Peru", "that", "it", "must", "withdraw", "."])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,), "Peru": (5, 7)}))
    assert [(s, c, t) for s, c, t, _ in found] == [("Chile", "100", "Peru")]


def test_a_refusal_to_act_on_an_unnamed_object_at_home_targets_the_country(make_doc, lexicon) -> None:
    words = ["The", "Chilean", "government", "refused", "to", "recognise", "the", "vote", "."]
    doc = make_doc(words, heads=[2, 2, 3, 3, 5, 3, 7, 5, 3],
                   deps=["det", "amod", "nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
                   pos=["DET", "ADJ", "NOUN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"],
                   lemmas=["the", "Chilean", "government", "refuse", "to", "recognise", "the", "vote", "."])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (1,)}))
    assert [(s, c[:2], t) for s, c, t, _ in found] == [("Chile", "12", "Chile")]


def test_no_internal_target_for_an_object_from_abroad(make_doc, lexicon) -> None:
    words = ["The", "Chilean", "court", "rejected", "the", "foreign", "appeal", "."]
    doc = make_doc(words, heads=[2, 2, 3, 3, 6, 6, 3, 3], deps=["det", "amod", "nsubj", "ROOT", "det", "amod", "dobj", "punct"],
                   pos=["DET", "ADJ", "NOUN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"],
                   lemmas=["the", "Chilean", "court", "reject", "the", "foreign", "appeal", "."])
    assert [(s, t) for s, _, t, _ in code(doc, lexicon, actors_on(doc, {"Chile": (1,)}))] == [("Chile", None)]


def test_aid_delivered_to_an_institution_named_after_a_place_goes_to_its_country(make_doc, lexicon) -> None:
    words = ["Chile", "donated", "and", "shipped", "medicine", "to", "Tacna", "Hospital", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 3, 3, 7, 5, 1],
                   deps=["nsubj", "ROOT", "cc", "conj", "dobj", "prep", "compound", "pobj", "punct"],
                   pos=["PROPN", "VERB", "CCONJ", "VERB", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"],
                   lemmas=["Chile", "donate", "and", "ship", "medicine", "to", "Tacna", "Hospital", "."])
    tacna = doc[6]
    place = Place("Tacna", tacna.idx, tacna.idx + 5, "Tacna", "PER", -18.0, -70.2, 3928128, "city")
    peru = Actor("ac-peru", "Peru", "PER", "PER", (), "state", (Span(90, 94, "Peru"),))
    events = events_for(doc, lexicon, [*actors_on(doc, {"Chile": (0,)}), peru], places=[place], published=None)
    assert [(e.cameo.code, e.target.actor if e.target else None) for e in events] == [("071", "ac-peru")]


def test_what_an_object_is_about_does_not_take_a_home_act_abroad(make_doc, lexicon) -> None:
    words = ["Chilean", "police", "banned", "a", "rally", "held", "to", "protest", "the", "war", "in", "Peru", "."]
    doc = make_doc(words, heads=[1, 2, 2, 4, 2, 4, 7, 5, 9, 7, 9, 10, 2],
                   deps=["amod", "nsubj", "ROOT", "det", "dobj", "acl", "aux", "advcl", "det", "dobj", "prep", "pobj", "punct"],
                   pos=["ADJ", "NOUN", "VERB", "DET", "NOUN", "VERB", "PART", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                   lemmas=["Chilean", "police", "ban", "a", "rally", "hold", "to", "protest", "the", "war", "in", "Peru", "."])
    found = code(doc, lexicon, actors_on(doc, {"Chile": (0,), "Peru": (11,)}))
    assert ("Chile", "172", "Chile") in [(s, c, t) for s, c, t, _ in found]


def test_demonstrating_that_something_is_so_is_no_protest(make_doc, lexicon) -> None:
    words = ["Chile", "demonstrated", "that", "it", "can", "win", "."]
    doc = make_doc(words, heads=[1, 1, 5, 5, 5, 1, 1], deps=["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
                   pos=["PROPN", "VERB", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"],
                   lemmas=["Chile", "demonstrate", "that", "it", "can", "win", "."])
    assert [c for _, c, _, _ in code(doc, lexicon, actors_on(doc, {"Chile": (0,)}))] == []


@pytest.mark.parametrize("subject,tag,kind,expected", [
    ("students", "NNS", "group", ["141"]),
    ("Chile", "NNP", "state", []),
], ids=["a-crowd", "a-state"])
def test_only_a_crowd_demonstrates(make_doc, lexicon, subject, tag, kind, expected) -> None:
    words = [subject, "demonstrated", "in", "Arica", "."]
    doc = make_doc(words, heads=[1, 1, 1, 2, 1], deps=["nsubj", "ROOT", "prep", "pobj", "punct"],
                   pos=["NOUN" if tag == "NNS" else "PROPN", "VERB", "ADP", "PROPN", "PUNCT"],
                   tags=[tag, "VBD", "IN", "NNP", "."], lemmas=[subject.lower(), "demonstrate", "in", "Arica", "."])
    actor = Actor("ac-chile", "Chile", "CHI", "CHI", (), kind, (Span(0, len(subject), subject),))
    events = events_for(doc, lexicon, [actor], published=None)
    assert [e.cameo.code for e in events] == expected


@pytest.mark.parametrize("sectors,kind,expected", [((), "state", "190"), (("LAB",), "group", "143")],
                         ids=["a-states-strike-is-military", "a-unions-strike-is-labour"])
def test_who_strikes_decides_what_a_strike_is(make_doc, lexicon, sectors, kind, expected) -> None:
    words = ["the", "Chilean", "strike", "ended", "."]
    doc = make_doc(words, heads=[2, 2, 3, 3, 3], deps=["det", "amod", "nsubj", "ROOT", "punct"],
                   pos=["DET", "ADJ", "NOUN", "VERB", "PUNCT"], lemmas=["the", "Chilean", "strike", "end", "."])
    actor = Actor("ac-chile", "Chile", "CHI" + "".join(sectors), "CHI", sectors, kind, (Span(4, 11, "Chilean"),))
    events = events_for(doc, lexicon, [actor], published=None)
    assert [e.cameo.code for e in events] == [expected]


def test_a_state_code_must_be_a_cameo_code() -> None:
    with pytest.raises(DictionaryError, match="state_code"):
        parse_entry({"lemma": "strike", "code": "143", "state_code": "military"}, "test")


def test_each_target_says_how_the_text_gives_it(make_doc, lexicon, visit_doc) -> None:
    doc = make_doc(INTERNAL_WORDS, **INTERNAL_PARSE)
    home = events_for(doc, lexicon, actors_on(doc, {"Chile": (1,)}), published=None)
    lima = Place("Lima", 14, 18, "Lima", "PER", -12.0, -77.0, 3936456, "city")
    peru = Actor("ac-peru", "Peru", "PER", "PER", (), "state", (Span(40, 44, "Peru"),))
    visit = events_for(visit_doc, lexicon, [*actors_on(visit_doc, {"Chile": (0,)}), peru], places=[lima], published=None)
    assert [(e.source.basis, e.target.basis) for e in (*home, *visit)] == [("named", "home"), ("named", "place")]


def _condemned(make_doc, before: list[str], after: list[str]):
    """ "[Peru raised tariffs .] Chile condemned the decision [...] ." with a hand-built parse."""
    lead = ["Peru", "raised", "tariffs", "."] if before else []
    n = len(lead)
    words = [*lead, "Chile", "condemned", "the", "decision", *after, "."]
    heads = [*[1, 1, 1, 1][:n], n + 1, n + 1, n + 3, n + 1]
    deps = [*["nsubj", "ROOT", "dobj", "punct"][:n], "nsubj", "ROOT", "det", "dobj"]
    pos = [*["PROPN", "VERB", "NOUN", "PUNCT"][:n], "PROPN", "VERB", "DET", "NOUN"]
    lemmas = [*["Peru", "raise", "tariff", "."][:n], "Chile", "condemn", "the", "decision"]
    if after == [",", "which", "Peru", "made"]:
        heads += [n + 3, n + 7, n + 7, n + 3]
        deps += ["punct", "dobj", "nsubj", "relcl"]
        pos += ["PUNCT", "PRON", "PROPN", "VERB"]
        lemmas += [",", "which", "Peru", "make"]
    elif after == [",", "Peru", "said"]:
        heads += [n + 1, n + 6, n + 1]
        deps += ["punct", "nsubj", "parataxis"]
        pos += ["PUNCT", "PROPN", "VERB"]
        lemmas += [",", "Peru", "say"]
    elif after == ["in", "Lima"]:
        heads += [n + 1, n + 4]
        deps += ["prep", "pobj"]
        pos += ["ADP", "PROPN"]
        lemmas += ["in", "Lima"]
    heads.append(n + 1)
    deps.append("punct")
    pos.append("PUNCT")
    lemmas.append(".")
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    peru = tuple(t.i for t in doc if t.text == "Peru")
    return doc, actors_on(doc, {"Chile": (n,), **({"Peru": peru} if peru else {})})


@pytest.mark.parametrize("before,after,expected", [
    (False, [",", "which", "Peru", "made"], ("Peru", "context")),  # another party named in its sentence
    (True, [], ("Peru", "context")),  # the party of the sentence before
    (False, [",", "Peru", "said"], None),  # who reports the act is not whom it was done to
    (False, ["in", "Lima"], None),  # the place of a statement is no party to it
])
def test_an_act_with_no_target_in_its_slots_takes_the_party_its_context_names(make_doc, lexicon, before, after,
                                                                               expected) -> None:
    doc, actors = _condemned(make_doc, before, after)
    lima = [Place("Lima", t.idx, t.idx + 4, "Lima", "PER", -12.0, -77.0, 3936456, "city") for t in doc if t.text == "Lima"]
    events = [e for e in events_for(doc, lexicon, actors, places=lima) if e.source and e.source.name == "Chile"]
    assert events, "condemned is coded"
    assert {(e.target.name, e.target.basis) if e.target else None for e in events} == {expected}


def test_coordinated_sources_take_no_context_target(make_doc, lexicon) -> None:
    """ "Chile and Bolivia condemned the decision , which Peru made ." — partners acting together."""
    words = ["Chile", "and", "Bolivia", "condemned", "the", "decision", ",", "which", "Peru", "made", "."]
    doc = make_doc(words, heads=[3, 0, 0, 3, 5, 3, 5, 9, 9, 5, 3],
                   deps=["nsubj", "cc", "conj", "ROOT", "det", "dobj", "punct", "dobj", "nsubj", "relcl", "punct"],
                   pos=["PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "PROPN", "VERB", "PUNCT"],
                   lemmas=["Chile", "and", "Bolivia", "condemn", "the", "decision", ",", "which", "Peru", "make", "."])
    events = events_for(doc, lexicon, actors_on(doc, {"Chile": (0,), "Bolivia": (2,), "Peru": (8,)}))
    condemned = [e for e in events if e.trigger.text == "condemned"]
    assert {e.source.name for e in condemned} == {"Chile", "Bolivia"}
    assert all(e.target is None or e.target.basis != "context" for e in condemned)


FRAME_ENTRIES = (
    Entry("call", "042"),
    Entry("call", "0214", particle="for", object=frozenset({"talks", "truce"})),
    Entry("call", "172", particle="off"),
    Entry("call", "110", prep="on", object=frozenset({"*"})),
    Entry("call", "020", object=frozenset({"strike", "talks"})),
    Entry("call", "036", prep="for", object=frozenset({"meeting"})),
)


@pytest.mark.parametrize("near", [
    frozenset(),
    frozenset({"for", "talks"}),
    frozenset({"talks"}),
    frozenset({"off", "on", "strike"}),
    frozenset({"for", "meeting", "truce", "off"}),
])
def test_the_indexed_frames_are_the_entries_whose_words_are_near_in_order(near: frozenset[str]) -> None:
    def fits(e: Entry) -> bool:
        return ((e.particle is None or e.particle in near) and (e.prep is None or e.prep in near)
                and (not e.object or "*" in e.object or bool(e.object & near)))

    assert WordFrames.of(FRAME_ENTRIES).possible(near) == [e for e in FRAME_ENTRIES if fits(e)]


@pytest.mark.parametrize("subject,expected", [
    (["Peru", "'s", "strategy"], []),  # an aim the text states: no act it reports
    (["Peru"], [("Peru", "138", "Chile", "intended")]),  # the doer the subject: a plan
])
def test_a_to_clause_a_copula_says_of_an_aim_is_no_act(make_doc, lexicon, subject, expected) -> None:
    """ "Peru's strategy is to attack Chile" / "Peru is to attack Chile" """
    n = len(subject)
    words = [*subject, "is", "to", "attack", "Chile", "."]
    heads = [*([2, 0, n] if n == 3 else [n]), n, n + 2, n, n + 2, n]
    deps = [*(["poss", "case", "nsubj"] if n == 3 else ["nsubj"]), "ROOT", "aux", "xcomp", "dobj", "punct"]
    pos = [*(["PROPN", "PART", "NOUN"] if n == 3 else ["PROPN"]), "AUX", "PART", "VERB", "PROPN", "PUNCT"]
    lemmas = [*(["Peru", "'s", "strategy"] if n == 3 else ["Peru"]), "be", "to", "attack", "Chile", "."]
    doc = make_doc(words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert code(doc, lexicon, actors_on(doc, {"Peru": (0,), "Chile": (n + 3,)})) == expected
