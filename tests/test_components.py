"""The faster attribute ruler and lemmatizer steps give exactly spaCy's annotations."""

from __future__ import annotations

import pytest
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import components
from eventwire.nlp import Parser, entities, text_of

TEXTS = [
    "The minister ain't coming, y'all. Nothin' was said about the talks in Geneva on Tuesday.",
    "There are two ways out.\n\n  There is\tnone left ,she said .",
    "Rebels got the town back; the army gets it again next week, officials said.",
    "",
    "   ",
    "I 'm sure they 've gone . Isn't it ? DON'T !",
]


@pytest.mark.model
def test_the_faster_steps_give_the_models_own_docs(nlp: Language) -> None:
    parser = Parser.of(nlp)
    kinds = [components.fast_step(component) is not None for _, component in nlp.pipeline]
    assert kinds.count(True) == 2  # the attribute ruler and the lemmatizer
    expected = [doc.to_bytes() for doc in nlp.pipe(TEXTS, batch_size=4)]
    docs = list(parser.pipe(TEXTS, batch_size=4))
    assert [doc.to_bytes(exclude=["user_data"]) for doc in docs] == expected
    assert [parser(text).to_bytes(exclude=["user_data"]) for text in TEXTS] == expected
    assert [text_of(doc) for doc in docs] == [doc.text for doc in docs] == TEXTS  # kept from the parse, not rebuilt


def _ruled(blank_nlp: Language, patterns: list[dict]) -> Language:
    nlp = type(blank_nlp)()
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": {"IN": ["is", "was"]}, "TAG": "VBZ"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": "new"}, {"LOWER": {"REGEX": "^yor"}}]], "attrs": {"LEMMA": "NY"}, "index": -1},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}], [{"IS_SPACE": True}]], "attrs": {"MORPH": "Foo=Bar"}},
    {"patterns": [[{"TAG": "NN"}], [{"TAG": "NN", "LOWER": "york"}]], "attrs": {"POS": "PROPN"}},
]


def _tagged(nlp: Language) -> Doc:
    words = ["New", "york", "is", "big", " ", "and", "new", "York", "was", "old"]
    tags = ["NN", "NN", "VBZ", "JJ", "_SP", "CC", "JJ", "NN", "VBZ", ""]
    return Doc(nlp.vocab, words=words, tags=tags)


def test_compiled_rules_find_the_matchers_matches_and_set_the_same_attributes(blank_nlp: Language) -> None:
    nlp = _ruled(blank_nlp, PATTERNS)
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = components.RuleMatches.compile(ruler)
    doc, same = _tagged(nlp), _tagged(nlp)
    assert compiled.matches(doc) == ruler.match(doc)
    assert len(compiled.matches(doc)) > len(PATTERNS)
    ruler(doc)
    compiled(same)
    assert same.to_array([TAG, POS, MORPH, LEMMA]).tolist() == doc.to_array([TAG, POS, MORPH, LEMMA]).tolist()
    assert compiled.matches(Doc(nlp.vocab, words=[])) == []


@pytest.mark.parametrize("pattern", [
    [{"TAG": "NN", "OP": "+"}],
    [{"LOWER": {"FUZZY": "york"}}],
    [{"_": {"flag": True}}],
    [{}],
    [{"ENT_TYPE": "GPE"}],
])
def test_a_pattern_form_not_compiled_keeps_spacys_ruler(blank_nlp: Language, pattern: list[dict]) -> None:
    nlp = _ruled(blank_nlp, [{"patterns": [pattern], "attrs": {"POS": "NOUN"}}])
    with pytest.raises(components.Unsupported):
        components.RuleMatches.compile(nlp.get_pipe("attribute_ruler"))
    assert components.fast_step(nlp.get_pipe("attribute_ruler")) is None


def test_a_lookup_lemmatizer_is_left_to_spacy(blank_nlp: Language) -> None:
    nlp = type(blank_nlp)()
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert components.fast_step(lemmatizer) is None


@pytest.mark.parametrize("attrs", [
    {"TAG": "NNP", "DEP": "compound"},  # set in one array write
    {"NORM": "nyc", "POS": "PROPN"},  # NORM: through the ruler's own setter
])
def test_every_attribute_a_rule_sets_is_set_as_the_ruler_sets_it(blank_nlp: Language, attrs: dict) -> None:
    patterns = [*PATTERNS, {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": attrs, "index": 1}]
    nlp = _ruled(blank_nlp, patterns)
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = components.RuleMatches.compile(ruler)
    assert (compiled.settable is None) == ("NORM" in attrs)
    doc, same = _tagged(nlp), _tagged(nlp)
    ruler(doc)
    compiled(same)
    assert same.to_bytes() == doc.to_bytes()


def test_a_rule_indexing_outside_its_match_raises(blank_nlp: Language) -> None:
    nlp = _ruled(blank_nlp, [{"patterns": [[{"LOWER": "new"}]], "attrs": {"POS": "ADJ"}, "index": 1}])
    compiled = components.RuleMatches.compile(nlp.get_pipe("attribute_ruler"))
    with pytest.raises(ValueError, match="index"):
        compiled(_tagged(nlp))
    compiled(Doc(nlp.vocab, words=["old"]))  # no match: nothing to set


def test_docs_annotated_together_match_only_inside_each_doc(blank_nlp: Language) -> None:
    nlp = _ruled(blank_nlp, PATTERNS)
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = components.RuleMatches.compile(ruler)

    def docs() -> list[Doc]:  # "New" ends the first Doc and "york" begins the second: no "New york" match
        return [Doc(nlp.vocab, words=["big", "New"], tags=["JJ", "NN"]), Doc(nlp.vocab, words=[]),
                Doc(nlp.vocab, words=["york", "is", "new", "York"], tags=["NN", "VBZ", "JJ", "NN"]), _tagged(nlp)]

    expected = [ruler(doc).to_bytes() for doc in docs()]
    together = list(compiled.pipe(docs(), batch_size=3))
    assert [doc.to_bytes() for doc in together] == expected
    assert together[2][0].lemma_ != "NY" and together[2][3].lemma_ == "NY"


def test_a_docs_entities_are_made_once(blank_nlp: Language) -> None:
    doc = Doc(blank_nlp.vocab, words=["Ana", "Ruiz", "visited", "Lima"], ents=["B-PERSON", "I-PERSON", "O", "B-GPE"])
    assert [(e.text, e.label_) for e in entities(doc)] == [("Ana Ruiz", "PERSON"), ("Lima", "GPE")]
    assert entities(doc) is entities(doc)
