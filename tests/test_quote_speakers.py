"""Speakers of attribution cues on hand-built parses: the subject a parse left out, and who speaks through a
thing they made."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.stages.quotes.cues import find_cues
from eventwire.stages.quotes.nouns import noun_cues


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


def _contents(doc: Doc) -> dict[str, tuple[str | None, str | None]]:
    return {doc.text[c.start:c.end]: (doc.text[c.speaker.start:c.speaker.end] if c.speaker else None,
                                      doc.text[c.content[0]:c.content[1]] if c.content else None)
            for c in find_cues(doc)}


def test_an_as_clause_reports_the_clause_it_stands_beside(make_doc) -> None:
    doc = _doc(make_doc, "As|SCONJ|IN|mark|2|as Ruiz|PROPN|NNP|nsubj|2|Ruiz noted|VERB|VBD|advcl|6|note "
                         ",|PUNCT|,|punct|6|, the|DET|DT|det|5|the bridge|NOUN|NN|nsubj|6|bridge "
                         "is|AUX|VBZ|ROOT|6|be old|ADJ|JJ|acomp|6|old .|PUNCT|.|punct|6|.")
    assert _contents(doc)["noted"] == ("Ruiz", "the bridge is old")


def test_put_is_a_cue_only_in_an_as_clause(make_doc) -> None:
    doc = _doc(make_doc, "The|DET|DT|det|1|the plan|NOUN|NN|nsubj|8|plan ,|PUNCT|,|punct|5|, as|SCONJ|IN|mark|5|as "
                         "Ruiz|PROPN|NNP|nsubj|5|Ruiz put|VERB|VBD|advcl|8|put it|PRON|PRP|dobj|5|it "
                         ",|PUNCT|,|punct|5|, was|AUX|VBD|ROOT|8|be dead|ADJ|JJ|acomp|8|dead .|PUNCT|.|punct|8|.")
    (cue,) = find_cues(doc)
    assert doc.text[cue.start:cue.end] == "put" and cue.speaker is not None and cue.lead is not None
    assert doc.text[cue.lead[0]:cue.lead[1]] == "The plan" and doc.text[cue.content[0]:cue.content[1]] == "was dead"
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz put|VERB|VBD|ROOT|1|put the|DET|DT|det|3|the "
                         "plan|NOUN|NN|dobj|1|plan to|ADP|IN|prep|1|to a|DET|DT|det|6|a vote|NOUN|NN|pobj|4|vote "
                         ".|PUNCT|.|punct|1|.")
    assert find_cues(doc) == []


def test_an_as_clause_of_time_or_with_its_own_content_reports_nothing_beside_it(make_doc) -> None:
    doc = _doc(make_doc, "As|SCONJ|IN|mark|2|as Ruiz|PROPN|NNP|nsubj|2|Ruiz campaigned|VERB|VBD|advcl|8|campaign "
                         "in|ADP|IN|prep|2|in Iowa|PROPN|NNP|pobj|3|Iowa ,|PUNCT|,|punct|8|, the|DET|DT|det|7|the "
                         "bridge|NOUN|NN|nsubj|8|bridge fell|VERB|VBD|ROOT|8|fall .|PUNCT|.|punct|8|.")
    assert _contents(doc)["campaigned"] == ("Ruiz", None)
    doc = _doc(make_doc, "As|SCONJ|IN|mark|2|as costs|NOUN|NNS|nsubj|2|cost continued|VERB|VBD|advcl|9|continue "
                         "to|PART|TO|aux|4|to rise|VERB|VB|xcomp|2|rise ,|PUNCT|,|punct|9|, the|DET|DT|det|7|the "
                         "bridge|NOUN|NN|nsubj|9|bridge was|AUX|VBD|auxpass|9|be closed|VERB|VBN|ROOT|9|close "
                         ".|PUNCT|.|punct|9|.")
    assert _contents(doc)["continued"] == ("costs", None)


def test_speech_joined_to_a_stance_inside_a_report_is_the_reporters(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz said|VERB|VBD|ROOT|1|say she|PRON|PRP|nsubj|3|she "
                         "welcomed|VERB|VBD|ccomp|1|welcome the|DET|DT|det|5|the plan|NOUN|NN|dobj|3|plan "
                         "and|CCONJ|CC|cc|3|and added|VERB|VBD|conj|3|add that|SCONJ|IN|mark|11|that "
                         "it|PRON|PRP|nsubj|11|it would|AUX|MD|aux|11|will pass|VERB|VB|ccomp|7|pass .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["added"] == "Ruiz"
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz said|VERB|VBD|ROOT|1|say she|PRON|PRP|nsubj|3|she "
                         "welcomed|VERB|VBD|ccomp|1|welcome the|DET|DT|det|5|the plan|NOUN|NN|dobj|3|plan "
                         "and|CCONJ|CC|cc|3|and praised|VERB|VBD|conj|3|praise its|PRON|PRP$|poss|9|its "
                         "authors|NOUN|NNS|dobj|7|author .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["praised"] == "she"  # a second stance goes on with the first one's holder


def _tagged_quote(make_doc, before: tuple[str, str, str]) -> tuple[str, str | None, str | None]:
    """The quote of '“We won the vote,” <before> write.' with "write" parsed as a noun."""
    from eventwire.context import ArticleContext
    from eventwire.stages.actors.index import ActorIndex
    from eventwire.stages.quotes import find_quotes

    word, pos, tag = before
    doc = make_doc(["“", "We", "won", "the", "vote", ",", "”", "the", word, "write", "."],
                   spaces=[False, True, True, True, False, False, True, True, True, False, False],
                   pos=["PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT", "PUNCT", "DET", pos, "NOUN", "PUNCT"],
                   tags=["``", "PRP", "VBD", "DT", "NN", ",", "''", "DT", tag, "NN", "."],
                   deps=["punct", "nsubj", "ccomp", "det", "dobj", "punct", "punct", "det", "nmod", "ROOT", "punct"],
                   heads=[9, 2, 9, 4, 2, 9, 9, 9, 9, 9, 9],
                   lemmas=["“", "we", "win", "the", "vote", ",", "”", "the", word.lower(), "write", "."])
    (quote,) = find_quotes(ArticleContext.of(doc).with_actors(ActorIndex([])))
    return quote.text, quote.speaker.name if quote.speaker else None, quote.cue.text if quote.cue else None


def test_a_speech_verb_taken_for_a_noun_after_a_quotation_tags_it(make_doc) -> None:
    assert _tagged_quote(make_doc, ("two", "NUM", "CD")) == ("We won the vote", "two", "write")
    assert _tagged_quote(make_doc, ("very", "ADV", "RB")) == ("We won the vote", None, None)


def test_a_subject_an_ing_cue_hangs_on_speaks(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz saw|VERB|VBD|ROOT|1|see polls|NOUN|NNS|nsubj|4|poll "
                         "showing|VERB|VBG|acl|2|show a|DET|DT|det|5|a tie|NOUN|NN|dobj|3|tie .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["showing"] == "polls"
    doc = _doc(make_doc, "Voters|NOUN|NNS|nsubj|4|voter backing|VERB|VBG|acl|0|back Ruiz|PROPN|NNP|dobj|1|Ruiz "
                         "rarely|ADV|RB|advmod|4|rarely vote|VERB|VBP|ROOT|4|vote .|PUNCT|.|punct|4|.")
    assert _speakers(doc)["backing"] == "Voters"


def test_an_object_an_ing_cue_hangs_on_speaks_for_its_maker(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz released|VERB|VBD|ROOT|1|release a|DET|DT|det|3|a "
                         "statement|NOUN|NN|dobj|1|statement backing|VERB|VBG|acl|3|back Berg|PROPN|NNP|dobj|4|Berg "
                         ".|PUNCT|.|punct|1|.")
    assert _speakers(doc)["backing"] == "Ruiz"


def test_an_ing_cue_after_a_comma_or_spent_time_is_the_subjects(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz spent|VERB|VBD|ROOT|1|spend the|DET|DT|det|3|the "
                         "day|NOUN|NN|nsubj|1|day praising|VERB|VBG|acl|3|praise Berg|PROPN|NNP|dobj|4|Berg "
                         ".|PUNCT|.|punct|1|.")
    assert _speakers(doc)["praising"] == "Ruiz"
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz ended|VERB|VBD|ROOT|1|end the|DET|DT|det|3|the "
                         "talk|NOUN|NN|nsubj|1|talk ,|PUNCT|,|punct|5|, praising|VERB|VBG|acl|3|praise "
                         "Berg|PROPN|NNP|dobj|5|Berg .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["praising"] == "Ruiz"


def test_a_clause_before_a_colon_is_not_what_the_cue_after_it_reports(make_doc) -> None:
    doc = _doc(make_doc, "The|DET|DT|det|1|the union|NOUN|NN|nsubj|2|union polled|VERB|VBD|ccomp|7|poll "
                         "members|NOUN|NNS|dobj|2|member :|PUNCT|:|punct|7|: most|ADJ|JJS|amod|6|most "
                         "workers|NOUN|NNS|nsubj|7|worker said|VERB|VBD|ROOT|7|say they|PRON|PRP|nsubj|9|they "
                         "back|VERB|VBP|ccomp|7|back Ruiz|PROPN|NNP|dobj|9|Ruiz .|PUNCT|.|punct|7|.")
    assert _contents(doc)["said"] == ("most workers", "they back Ruiz")


def test_a_name_after_a_cue_after_a_quotation_speaks_wherever_the_parse_hung_it(make_doc) -> None:
    doc = _doc(make_doc, '"|PUNCT|``|punct|2|" It|PRON|PRP|nsubj|2|it holds|VERB|VBZ|ccomp|5|hold ,|PUNCT|,|punct|5|, '
                         '"|PUNCT|\'\'|punct|5|" says|VERB|VBZ|ROOT|5|say Ana|PROPN|NNP|compound|7|Ana '
                         'Ruiz|PROPN|NNP|nsubj|10|Ruiz ,|PUNCT|,|punct|10|, who|PRON|WP|nsubj|10|who '
                         'smiled|VERB|VBD|dep|5|smile .|PUNCT|.|punct|5|.')
    assert _speakers(doc)["says"] == "Ana Ruiz"


def test_imploring_someone_reports_the_infinitive(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz implored|VERB|VBD|ROOT|1|implore voters|NOUN|NNS|dobj|1|voter "
                         "to|PART|TO|aux|4|to unite|VERB|VB|xcomp|1|unite now|ADV|RB|advmod|4|now .|PUNCT|.|punct|1|.")
    assert _contents(doc)["implored"] == ("Ruiz", "to unite now")


def test_a_name_in_apposition_speaks_past_the_verbs_adverb(make_doc) -> None:
    doc = _doc(make_doc, "After|ADP|IN|prep|9|after talks|NOUN|NNS|pobj|0|talk ,|PUNCT|,|punct|1|, her|PRON|PRP$|poss|4|her "
                         "adviser|NOUN|NN|appos|1|adviser ,|PUNCT|,|punct|4|, Berg|PROPN|NNP|appos|4|Berg "
                         ",|PUNCT|,|punct|9|, bluntly|ADV|RB|advmod|9|bluntly said|VERB|VBD|ROOT|9|say "
                         "it|PRON|PRP|nsubj|11|it ended|VERB|VBD|ccomp|9|end .|PUNCT|.|punct|9|.")
    assert _speakers(doc)["said"] == "Berg"


def test_a_name_before_a_cue_noun_holds_it(make_doc) -> None:
    doc = _doc(make_doc, "The|DET|DT|det|2|the Ruiz|PROPN|NNP|compound|2|Ruiz plan|NOUN|NN|ROOT|2|plan "
                         "to|PART|TO|aux|4|to close|VERB|VB|acl|2|close the|DET|DT|det|6|the port|NOUN|NN|dobj|4|port "
                         ".|PUNCT|.|punct|2|.")
    doc.ents = [doc.char_span(4, 8, label="PERSON")]
    assert [doc.text[c.speaker.start:c.speaker.end] for c in noun_cues(doc) if c.speaker] == ["Ruiz"]


def test_he_in_a_relative_clause_stands_for_a_person_not_a_thing(make_doc) -> None:
    spec = ("The|DET|DT|det|1|the ad|NOUN|NN|nsubj|2|ad shows|VERB|VBZ|ROOT|2|show a|DET|DT|det|4|a "
            "clip|NOUN|NN|dobj|2|clip in|ADP|IN|prep|8|in which|PRON|WDT|pobj|5|which he|PRON|PRP|nsubj|8|he "
            "says|VERB|VBZ|relcl|4|say it|PRON|PRP|nsubj|10|it ends|VERB|VBZ|ccomp|8|end .|PUNCT|.|punct|2|.")
    assert _speakers(_doc(make_doc, spec))["says"] == "he"
    named = _doc(make_doc, spec.replace("The|DET|DT|det|1|the ad|NOUN|NN|nsubj|2|ad",
                                        "Mayor|PROPN|NNP|compound|1|Mayor Ruiz|PROPN|NNP|nsubj|2|Ruiz"))
    assert _speakers(named)["says"] == "Mayor Ruiz"


def test_those_among_whom_a_cue_noun_is_held_hold_it(make_doc) -> None:
    doc = _doc(make_doc, "There|PRON|EX|expl|1|there is|VERB|VBZ|ROOT|1|be a|DET|DT|det|3|a sense|NOUN|NN|attr|1|sense "
                         "among|ADP|IN|prep|3|among voters|NOUN|NNS|pobj|4|voter that|SCONJ|IN|mark|8|that "
                         "Ruiz|PROPN|NNP|nsubj|8|Ruiz won|VERB|VBD|acl|3|win .|PUNCT|.|punct|1|.")
    assert [doc.text[c.speaker.start:c.speaker.end] for c in noun_cues(doc) if c.speaker] == ["voters"]


def test_a_day_after_a_subjectless_cue_does_not_speak_but_a_name_does(make_doc) -> None:
    spec = ("said|VERB|VBD|ROOT|0|say {}|PROPN|NNP|npadvmod|0|{} ,|PUNCT|,|punct|0|, prices|NOUN|NNS|nsubj|4|price "
            "rose|VERB|VBD|ccomp|0|rise .|PUNCT|.|punct|0|.")
    doc = _doc(make_doc, spec.format("Wednesday", "Wednesday"))
    doc.ents = [doc.char_span(5, 14, label="DATE")]
    assert _speakers(doc)["said"] is None
    doc = _doc(make_doc, spec.format("Ruiz", "Ruiz"))
    doc.ents = [doc.char_span(5, 9, label="PERSON")]
    assert _speakers(doc)["said"] == "Ruiz"


def test_a_subject_the_parse_set_beside_the_phrase_before_a_cue_speaks(make_doc) -> None:
    doc = _doc(make_doc, "With|ADP|IN|prep|6|with the|DET|DT|det|2|the hosts|NOUN|NNS|pobj|0|host ,|PUNCT|,|punct|2|, "
                         "the|DET|DT|det|5|the candidate|NOUN|NN|appos|2|candidate stated|VERB|VBD|ROOT|6|state "
                         "that|SCONJ|IN|mark|9|that prices|NOUN|NNS|nsubj|9|price rose|VERB|VBD|ccomp|6|rise "
                         ".|PUNCT|.|punct|6|.")
    assert _speakers(doc)["stated"] == "the candidate"


def test_a_second_verb_takes_the_word_before_a_first_verb_the_parse_took_for_a_noun(make_doc) -> None:
    doc = _doc(make_doc, "The|DET|DT|det|1|the nominee|NOUN|NN|compound|2|nominee feuds|NOUN|NNS|ROOT|2|feud "
                         "with|ADP|IN|prep|2|with aides|NOUN|NNS|pobj|3|aide and|CCONJ|CC|cc|2|and "
                         "dismisses|VERB|VBZ|conj|2|dismiss the|DET|DT|det|8|the plan|NOUN|NN|dobj|6|plan "
                         ".|PUNCT|.|punct|2|.")
    assert _speakers(doc)["dismisses"] == "The nominee"


def test_an_adjective_or_an_expletive_before_a_verb_does_not_speak(make_doc) -> None:
    doc = _doc(make_doc, "Too|ADV|RB|advmod|1|too much|ADJ|JJ|amod|2|much noise|NOUN|NN|ROOT|2|noise ,|PUNCT|,|punct|2|, "
                         "blaming|VERB|VBG|acl|2|blame the|DET|DT|det|6|the crowd|NOUN|NN|dobj|4|crowd "
                         ".|PUNCT|.|punct|2|.")
    assert _speakers(doc).get("blaming") is None
    doc = _doc(make_doc, "There|PRON|EX|expl|1|there were|AUX|VBD|ROOT|1|be notes|NOUN|NNS|attr|1|note "
                         "showing|VERB|VBG|acl|2|show that|SCONJ|IN|mark|6|that prices|NOUN|NNS|nsubj|6|price "
                         "rose|VERB|VBD|ccomp|3|rise .|PUNCT|.|punct|1|.")
    assert _speakers(doc)["showing"] != "There"


def test_a_participle_after_an_inverted_attribution_takes_its_name(make_doc) -> None:
    doc = _doc(make_doc, "“|PUNCT|``|punct|6|“ The|DET|DT|det|2|the plan|NOUN|NN|nsubj|3|plan "
                         "works|VERB|VBZ|ccomp|6|work ,|PUNCT|,|punct|6|, ”|PUNCT|''|punct|6|” "
                         "said|VERB|VBD|ROOT|6|say Ruiz|PROPN|NNP|dobj|6|Ruiz ,|PUNCT|,|punct|6|, "
                         "adding|VERB|VBG|advcl|6|add that|SCONJ|IN|mark|12|that prices|NOUN|NNS|nsubj|12|price "
                         "rose|VERB|VBD|ccomp|9|rise .|PUNCT|.|punct|6|.")
    doc.ents = [doc.char_span(doc[7].idx, doc[7].idx + 4, label="PERSON")]
    speakers = _speakers(doc)
    assert (speakers["said"], speakers["adding"]) == ("Ruiz", "Ruiz")


def test_the_object_of_for_before_an_infinitive_cue_speaks_when_it_can(make_doc) -> None:
    spec = ("It|PRON|PRP|nsubj|1|it gave|VERB|VBD|ROOT|1|give an|DET|DT|det|3|an opening|NOUN|NN|dobj|1|opening "
            "for|ADP|IN|prep|3|for {}|pobj|4|{} to|PART|TO|aux|7|to highlight|VERB|VB|advcl|1|highlight "
            "the|DET|DT|det|9|the plan|NOUN|NN|dobj|7|plan .|PUNCT|.|punct|1|.")
    assert _speakers(_doc(make_doc, spec.format("Ruiz|PROPN|NNP", "Ruiz")))["highlight"] == "Ruiz"
    assert _speakers(_doc(make_doc, spec.format("time|NOUN|NN", "time")))["highlight"] == "It"


def test_a_cue_reports_what_follows_it_before_a_clause_the_parse_hung_on_it_from_before(make_doc) -> None:
    doc = _doc(make_doc, "Ruiz|PROPN|NNP|nsubj|1|Ruiz thanked|VERB|VBD|ccomp|6|thank the|DET|DT|det|3|the "
                         "crew|NOUN|NN|dobj|1|crew ,|PUNCT|,|punct|6|, then|ADV|RB|advmod|6|then "
                         "plans|VERB|VBZ|ROOT|6|plan to|PART|TO|aux|8|to stay|VERB|VB|xcomp|6|stay .|PUNCT|.|punct|6|.")
    assert _contents(doc)["plans"] == ("Ruiz", "to stay")
    doc = _doc(make_doc, "The|DET|DT|det|1|the plan|NOUN|NN|nsubj|2|plan is|AUX|VBZ|ccomp|6|be dead|ADJ|JJ|acomp|2|dead "
                         ",|PUNCT|,|punct|6|, she|PRON|PRP|nsubj|6|she said|VERB|VBD|ROOT|6|say .|PUNCT|.|punct|6|.")
    assert _contents(doc)["said"] == ("she", "The plan is dead")


def test_the_subject_of_a_clause_the_parse_hung_on_a_subjectless_cue_from_before_speaks(make_doc) -> None:
    doc = _doc(make_doc, 'Ruiz|PROPN|NNP|nsubj|1|Ruiz thanked|VERB|VBD|ccomp|8|thank the|DET|DT|det|6|the '
                         '"|PUNCT|``|punct|6|" brave|ADJ|JJ|amod|6|brave "|PUNCT|\'\'|punct|6|" crew|NOUN|NN|dobj|1|crew '
                         ',|PUNCT|,|punct|8|, says|VERB|VBZ|ROOT|8|say she|PRON|PRP|nsubj|11|she '
                         'will|AUX|MD|aux|11|will stay|VERB|VB|ccomp|8|stay .|PUNCT|.|punct|8|.')
    assert _contents(doc)["says"] == ("Ruiz", "she will stay")
