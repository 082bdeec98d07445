"""Speakers of attribution cues on hand-built parses: the subject a parse left out, and who speaks through a
thing they made."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.stages.quotes.cues import find_cues


def _doc(make_doc, spec: str) -> Doc:
    """``word|POS|TAG|dep|head|lemma`` tokens separated by spaces (heads are absolute indices)."""
    rows = [item.split("|") for item in spec.split()]
    return make_doc([r[0] for r in rows], pos=[r[1] for r in rows], tags=[r[2] for r in rows],
                    deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows], lemmas=[r[5] for r in rows])


def _speakers(doc: Doc) -> dict[str, str | None]:
    return {doc.text[c.start:c.end]: doc.text[c.speaker.start:c.speaker.end] if c.speaker else None
            for c in find_cues(doc)}


def test_a_noun_the_parse_hung_on_a_subjectless_cue_speaks(make_doc) -> None:
    doc = _doc(make_doc, "Port|PROPN|NNP|compound|2|Port Authority|PROPN|NNP|compound|3|Authority "
                         "records|VERB|VBZ|compound|3|record show|VERB|VBP|ROOT|3|show the|DET|DT|det|5|the "
                         "toll|NOUN|NN|nsubj|6|toll rose|VERB|VBD|ccomp|3|rise .|PUNCT|.|punct|3|.")
    assert _speakers(doc)["show"] == "Port Authority records"


def test_a_quantity_word_before_a_parenthetical_cue_speaks(make_doc) -> None:
    doc = _doc(make_doc, "The|DET|DT|det|1|the toll|NOUN|NN|nsubj|6|toll ,|PUNCT|,|punct|4|, many|ADJ|JJ|amod|4|many "
                         "argue|VERB|VBP|parataxis|6|argue ,|PUNCT|,|punct|4|, hurts|VERB|VBZ|ROOT|6|hurt "
                         "trade|NOUN|NN|dobj|6|trade .|PUNCT|.|punct|6|.")
    assert _speakers(doc)["argue"] == "many"


def test_an_object_or_a_date_before_a_subjectless_cue_does_not_speak(make_doc) -> None:
    doc = _doc(make_doc, "The|DET|DT|det|1|the deal|NOUN|NN|nsubj|2|deal helped|VERB|VBD|ROOT|2|help "
                         "farmers|NOUN|NNS|dobj|2|farmer say|VERB|VB|ROOT|4|say prices|NOUN|NNS|nsubj|6|price "
                         "fell|VERB|VBD|ccomp|4|fall .|PUNCT|.|punct|2|.")
    assert _speakers(doc)["say"] is None
    doc = _doc(make_doc, "On|ADP|IN|prep|2|on Tuesday|PROPN|NNP|pobj|0|Tuesday said|VERB|VBD|ROOT|2|say "
                         "prices|NOUN|NNS|nsubj|4|price fell|VERB|VBD|ccomp|2|fall .|PUNCT|.|punct|2|.")
    doc.ents = [doc.char_span(3, 10, label="DATE")]
    assert _speakers(doc)["said"] is None


def test_a_thing_made_by_someone_speaks_for_its_maker(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz released|VERB|VBD|ROOT|1|release an|DET|DT|det|3|an "
                         "ad|NOUN|NN|dobj|1|ad that|PRON|WDT|nsubj|5|that urges|VERB|VBZ|relcl|3|urge "
                         "voters|NOUN|NNS|dobj|5|voter to|PART|TO|aux|8|to act|VERB|VB|xcomp|5|act .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["urges"] == "Ruiz"


def test_a_thing_nobody_is_said_to_make_speaks_itself(make_doc) -> None:
    doc = _doc(make_doc, "An|DET|DT|det|1|an ad|NOUN|NN|nsubj|4|ad that|PRON|WDT|nsubj|3|that "
                         "urges|VERB|VBZ|relcl|1|urge aired|VERB|VBD|ROOT|4|air .|PUNCT|.|punct|4|.")
    assert _speakers(doc)["urges"] == "An ad"


def test_a_relative_cue_without_a_subject_is_its_antecedents(make_doc) -> None:
    doc = _doc(make_doc, "Mayor|PROPN|NNP|compound|1|Mayor Ruiz|PROPN|NNP|ROOT|1|Ruiz "
                         "called|VERB|VBN|relcl|1|call the|DET|DT|det|4|the toll|NOUN|NN|dobj|2|toll "
                         "unfair|ADJ|JJ|oprd|2|unfair .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["called"] == "Mayor Ruiz"
