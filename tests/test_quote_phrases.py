"""Cues of more than one word on hand-built parses: a stance adjective, a verb with "back", a casting verb."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.stages.quotes.phrases import phrase_cues


def _doc(make_doc, spec: str) -> Doc:
    """``word|POS|TAG|dep|head|lemma`` tokens separated by spaces (heads are absolute indices)."""
    rows = [item.split("|") for item in spec.split()]
    return make_doc([r[0] for r in rows], pos=[r[1] for r in rows], tags=[r[2] for r in rows],
                    deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows], lemmas=[r[5] for r in rows])


def _cues(doc: Doc) -> list[tuple[str, str | None, str | None]]:
    return [(doc.text[c.start:c.end], doc.text[c.speaker.start:c.speaker.end] if c.speaker else None,
             doc.text[c.content[0]:c.content[1]] if c.content else None) for c in phrase_cues(doc)]


CONFIDENT = ("Ruiz|PROPN|NNP|nsubj|1|Ruiz is|AUX|VBZ|ROOT|1|be confident|ADJ|JJ|acomp|1|confident "
             "that|SCONJ|IN|mark|7|that the|DET|DT|det|5|the bridge|NOUN|NN|nsubj|7|bridge will|AUX|MD|aux|7|will "
             "hold|VERB|VB|ccomp|2|hold .|PUNCT|.|punct|1|.")


def test_a_stance_adjective_after_be_reports_its_clause(make_doc) -> None:
    assert _cues(_doc(make_doc, CONFIDENT)) == [("confident", "Ruiz", "that the bridge will hold")]


def test_a_clause_the_parse_hung_on_be_is_the_adjectives(make_doc) -> None:
    doc = _doc(make_doc, CONFIDENT.replace("confident|ADJ|JJ|acomp|1|confident", "adamant|ADJ|JJ|acomp|1|adamant")
               .replace("hold|VERB|VB|ccomp|2|hold", "hold|VERB|VB|ccomp|1|hold"))
    assert _cues(doc) == [("adamant", "Ruiz", "that the bridge will hold")]


def test_made_it_clear_reports_its_clause(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz made|VERB|VBD|ROOT|1|make it|PRON|PRP|nsubj|3|it "
                         "clear|ADJ|JJ|ccomp|1|clear that|SCONJ|IN|mark|7|that she|PRON|PRP|nsubj|7|she "
                         "would|AUX|MD|aux|7|will run|VERB|VB|advcl|3|run .|PUNCT|.|punct|1|.")
    assert _cues(doc) == [("clear", "Ruiz", "that she would run")]


def test_an_expletive_it_holds_no_view(make_doc) -> None:
    doc = _doc(make_doc, CONFIDENT.replace("Ruiz|PROPN|NNP|nsubj|1|Ruiz", "It|PRON|PRP|nsubj|1|it")
               .replace("confident|ADJ|JJ|acomp|1|confident", "clear|ADJ|JJ|acomp|1|clear"))
    assert _cues(doc) == []


def test_an_adjective_after_another_verb_is_no_cue(make_doc) -> None:
    doc = _doc(make_doc, CONFIDENT.replace("is|AUX|VBZ|ROOT|1|be", "left|VERB|VBD|ROOT|1|leave"))
    assert _cues(doc) == []


def test_a_verb_with_back_is_speech(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz fired|VERB|VBD|ROOT|1|fire back|ADV|RB|advmod|1|back "
                         "that|SCONJ|IN|mark|6|that the|DET|DT|det|5|the bridge|NOUN|NN|nsubj|6|bridge "
                         "was|AUX|VBD|ccomp|1|be safe|ADJ|JJ|acomp|6|safe .|PUNCT|.|punct|1|.")
    assert _cues(doc) == [("fired back", "Ruiz", "that the bridge was safe")]
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz fired|VERB|VBD|ROOT|1|fire the|DET|DT|det|3|the "
                         "manager|NOUN|NN|dobj|1|manager .|PUNCT|.|punct|1|.")
    assert _cues(doc) == []


def test_a_casting_verb_is_a_stance_only_with_an_as_phrase(make_doc) -> None:
    doc = _doc(make_doc, "Voters|NOUN|NNS|nsubj|1|voter see|VERB|VBP|ROOT|1|see Ruiz|PROPN|NNP|dobj|1|Ruiz "
                         "as|ADP|IN|prep|2|as a|DET|DT|det|6|a strong|ADJ|JJ|amod|6|strong leader|NOUN|NN|pobj|3|leader "
                         ".|PUNCT|.|punct|1|.")
    assert _cues(doc) == [("see", "Voters", "Ruiz as a strong leader")]
    doc = _doc(make_doc, "Voters|NOUN|NNS|nsubj|1|voter see|VERB|VBP|ROOT|1|see Ruiz|PROPN|NNP|dobj|1|Ruiz "
                         "often|ADV|RB|advmod|1|often .|PUNCT|.|punct|1|.")
    assert _cues(doc) == []


def test_a_stance_adjective_beside_a_clause_is_its_subjects(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz toured|VERB|VBD|ROOT|1|tour the|DET|DT|det|3|the "
                         "state|NOUN|NN|dobj|1|state ,|PUNCT|,|punct|1|, confident|ADJ|JJ|advcl|1|confident "
                         "that|SCONJ|IN|mark|9|that she|PRON|PRP|nsubj|9|she would|AUX|MD|aux|9|will win|VERB|VB|ccomp|5|win "
                         ".|PUNCT|.|punct|1|.")
    assert _cues(doc) == [("confident", "Ruiz", "that she would win")]
