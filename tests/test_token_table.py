"""The token table and the array reads the stages share give what spaCy's Tokens give."""

from __future__ import annotations

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc

from eventwire.stages.tokens import Words, name_heads, word_positions


def _doc(blank_nlp: Language) -> Doc:
    words = ["Ana", "Ruiz", ",", "a", "Chilean", "envoy", ",", "met", "Acme", "Corp", "in", "Lima", "."]
    return Doc(blank_nlp.vocab, words=words,
               pos=["PROPN", "PROPN", "PUNCT", "DET", "ADJ", "NOUN", "PUNCT", "VERB", "PROPN", "PROPN", "ADP",
                    "PROPN", "PUNCT"],
               deps=["compound", "nsubj", "punct", "det", "amod", "appos", "punct", "ROOT", "compound", "dobj",
                     "prep", "pobj", "punct"],
               heads=[1, 7, 1, 5, 5, 1, 1, 7, 9, 7, 7, 10, 7],
               ents=["B-PERSON", "I-PERSON", "O", "O", "B-NORP", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-GPE", "O"])


def test_name_heads_are_the_proper_nouns_heading_a_name_of_the_given_labels(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp)
    expected = [t.i for t in doc if t.pos_ == "PROPN" and t.dep_ != "compound" and t.ent_type_ in {"", "PERSON"}]
    assert name_heads(doc, {"", "PERSON"}) == expected == [1]
    assert name_heads(doc, {"ORG", "GPE"}) == [9, 11]
    assert name_heads(Doc(blank_nlp.vocab, words=[]), {""}) == []


def test_the_token_table_holds_each_tokens_strings_and_flags(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp)
    table = Words.of(doc)
    assert table.lower == tuple(t.lower_ for t in doc) and table.titled == tuple(t.is_title for t in doc)
    assert [table.token(i) for i in range(len(doc))] == [t.text for t in doc]
    assert table.spaced == tuple(bool(t.whitespace_) for t in doc) and table.alpha == tuple(t.is_alpha for t in doc)
    assert table.stops[2] and not table.stops[12]  # a comma stops a name; a full stop may end one ("Corp.")


def test_word_positions_find_the_listed_words_by_form_or_lemma_and_part_of_speech(blank_nlp: Language) -> None:
    doc = Doc(blank_nlp.vocab, words=["Ruiz", "claims", "a", "claim", "is", "Confident"],
              pos=["PROPN", "VERB", "DET", "NOUN", "AUX", "ADJ"], lemmas=["Ruiz", "claim", "a", "claim", "be", "confident"])
    assert word_positions(doc, LEMMA, {"claim"}) == [1, 3]
    assert word_positions(doc, LEMMA, {"claim", "plan"}, NOUN) == [3]
    assert word_positions(doc, LOWER, {"confident"}) == [5]
    assert word_positions(doc, LOWER, set()) == [] and word_positions(Doc(blank_nlp.vocab, words=[]), LOWER, {"a"}) == []
