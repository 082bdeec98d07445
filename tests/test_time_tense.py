"""The tense a time expression is resolved in, from hand-built parses: plans told in the past perfect, 'be to',
infinitives on nouns, bare participles, modal perfects, and the end of a stretch ('until Monday', 'through
January')."""

from __future__ import annotations

import pytest

from eventwire.context import ArticleContext
from eventwire.stages.time import find_timexes
from eventwire.stages.time.tense import tense_at

PUBLISHED = "2018-07-12"  # a Thursday


def parse(make_doc, spec: str):
    """A Doc from ``word/TAG/POS/dep/head/lemma`` tokens (heads are absolute indices; lemma optional)."""
    rows = [item.split("/") for item in spec.split()]
    return make_doc([r[0] for r in rows], tags=[r[1] for r in rows], pos=[r[2] for r in rows],
                    deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows],
                    lemmas=[r[5] if len(r) > 5 else r[0].lower() for r in rows])


def tense_of(make_doc, spec: str, span: str) -> str:
    doc = parse(make_doc, spec)
    start = doc.text.index(span)
    return tense_at(doc, start, start + len(span))


@pytest.mark.parametrize(
    ("spec", "span", "expected"),
    [
        # a plan told in the past perfect is gone by; in the present it lies ahead
        ("The/DT/DET/det/1 offer/NN/NOUN/nsubj/3 had/VBD/AUX/aux/3/have been/VBN/AUX/ROOT/3/be "
         "due/JJ/ADJ/acomp/3 to/TO/PART/aux/6 expire/VB/VERB/xcomp/4 Friday/NNP/PROPN/npadvmod/6", "Friday", "past"),
        ("The/DT/DET/det/1 offer/NN/NOUN/nsubj/2 is/VBZ/AUX/ROOT/2/be due/JJ/ADJ/acomp/2 to/TO/PART/aux/5 "
         "expire/VB/VERB/xcomp/3 Friday/NNP/PROPN/npadvmod/5", "Friday", "future"),
        ("The/DT/DET/det/1 vote/NN/NOUN/nsubjpass/4 had/VBD/AUX/aux/4/have been/VBN/AUX/auxpass/4/be "
         "scheduled/VBN/VERB/ROOT/4/schedule for/IN/ADP/prep/4 Monday/NNP/PROPN/pobj/5", "Monday", "past"),
        # 'be to': ahead, or the nearest such day when told in the past
        ("Shares/NNS/NOUN/nsubj/1 are/VBP/AUX/ROOT/1/be to/TO/PART/aux/3 resume/VB/VERB/xcomp/1 "
         "trading/NN/NOUN/dobj/3 on/IN/ADP/prep/3 Tuesday/NNP/PROPN/pobj/5", "Tuesday", "future"),
        ("Shares/NNS/NOUN/nsubj/1 were/VBD/AUX/ROOT/1/be to/TO/PART/aux/3 resume/VB/VERB/xcomp/1 "
         "trading/NN/NOUN/dobj/3 on/IN/ADP/prep/3 Tuesday/NNP/PROPN/pobj/5", "Tuesday", "present"),
        # an infinitive on a noun (a deal, a plan, a bid to do something) is not yet done
        ("They/PRP/PRON/nsubj/1 signed/VBD/VERB/ROOT/1/sign a/DT/DET/det/3 deal/NN/NOUN/dobj/1 to/TO/PART/aux/5 "
         "buy/VB/VERB/acl/3 the/DT/DET/det/7 mill/NN/NOUN/dobj/5 in/IN/ADP/prep/5 September/NNP/PROPN/pobj/8",
         "September", "present"),
        # a bare participle has the tense of the clause it hangs on
        ("Output/NN/NOUN/nsubj/1 rose/VBD/VERB/ROOT/1/rise ,/,/PUNCT/punct/1 climbing/VBG/VERB/advcl/1/climb "
         "sharply/RB/ADV/advmod/3 in/IN/ADP/prep/3 September/NNP/PROPN/pobj/5", "September", "past"),
        ("Output/NN/NOUN/nsubj/1 rises/VBZ/VERB/ROOT/1/rise ,/,/PUNCT/punct/1 climbing/VBG/VERB/advcl/1/climb "
         "sharply/RB/ADV/advmod/3 in/IN/ADP/prep/3 September/NNP/PROPN/pobj/5", "September", "present"),
        # the end of a stretch from the event: ahead, the nearest after the simple past, gone by after 'had'
        ("The/DT/DET/det/1 bank/NN/NOUN/nsubj/3 has/VBZ/AUX/aux/3/have extended/VBN/VERB/ROOT/3/extend "
         "loans/NNS/NOUN/dobj/3 until/IN/ADP/prep/3 Monday/NNP/PROPN/pobj/5", "Monday", "future"),
        ("The/DT/DET/det/1 bank/NN/NOUN/nsubj/2 extended/VBD/VERB/ROOT/2/extend loans/NNS/NOUN/dobj/2 "
         "through/IN/ADP/prep/2 September/NNP/PROPN/pobj/4", "September", "present"),
        ("Ten/CD/NUM/nummod/1 states/NNS/NOUN/nsubj/3 had/VBD/AUX/aux/3/have filed/VBN/VERB/ROOT/3/file "
         "reports/NNS/NOUN/dobj/3 by/IN/ADP/prep/3 Monday/NNP/PROPN/pobj/5", "Monday", "past"),
        ("Talks/NNS/NOUN/ROOT/0 until/IN/ADP/prep/0 Monday/NNP/PROPN/pobj/1", "Monday", "future"),
        # 'since' puts a time behind whatever the verb
        ("Police/NNS/NOUN/nsubj/3 have/VBP/AUX/aux/3/have been/VBN/AUX/aux/3/be searching/VBG/VERB/ROOT/3/search "
         "since/IN/ADP/prep/3 the/DT/DET/det/8 Nov./NNP/PROPN/compound/8 2/CD/NUM/nummod/8 raid/NN/NOUN/pobj/4",
         "Nov. 2", "past"),
        ("Police/NNS/NOUN/nsubj/3 have/VBP/AUX/aux/3/have been/VBN/AUX/aux/3/be searching/VBG/VERB/ROOT/3/search "
         "after/IN/ADP/prep/3 the/DT/DET/det/8 Nov./NNP/PROPN/compound/8 2/CD/NUM/nummod/8 raid/NN/NOUN/pobj/4",
         "Nov. 2", "present"),
        # a modal perfect is told of the past, a future perfect of what lies ahead
        ("Rain/NN/NOUN/nsubj/3 may/MD/AUX/aux/3 have/VB/AUX/aux/3 been/VBN/AUX/ROOT/3/be "
         "behind/IN/ADP/prep/3 the/DT/DET/det/6 delay/NN/NOUN/pobj/4 on/IN/ADP/prep/6 Monday/NNP/PROPN/pobj/7",
         "Monday", "past"),
        ("Rain/NN/NOUN/nsubj/2 may/MD/AUX/aux/2 delay/VB/VERB/ROOT/2 "
         "the/DT/DET/det/4 race/NN/NOUN/dobj/2 on/IN/ADP/prep/2 Monday/NNP/PROPN/pobj/5", "Monday", "future"),
        ("Crews/NNS/NOUN/nsubj/3 will/MD/AUX/aux/3 have/VB/AUX/aux/3 left/VBN/VERB/ROOT/3/leave "
         "by/IN/ADP/prep/3 Monday/NNP/PROPN/pobj/4", "Monday", "future"),
        ("Crews/NNS/NOUN/nsubj/3 may/MD/AUX/aux/3 have/VB/AUX/aux/3 stayed/VBN/VERB/ROOT/3/stay "
         "until/IN/ADP/prep/3 Monday/NNP/PROPN/pobj/4", "Monday", "past"),
        # a plan told by a bare participle: the nearest such day when the clause it is in is past
        ("A/DT/DET/det/1 rally/NN/NOUN/nsubjpass/6 planned/VBN/VERB/acl/1/plan for/IN/ADP/prep/2 "
         "Saturday/NNP/PROPN/pobj/3 was/VBD/AUX/auxpass/6/be canceled/VBN/VERB/ROOT/6/cancel", "Saturday", "present"),
        ("A/DT/DET/det/1 rally/NN/NOUN/nsubj/6 planned/VBN/VERB/acl/1/plan for/IN/ADP/prep/2 "
         "Saturday/NNP/PROPN/pobj/3 will/MD/AUX/aux/6 go/VB/VERB/ROOT/6 ahead/RB/ADV/advmod/6", "Saturday", "future"),
        ("Ten/CD/NUM/nummod/1 states/NNS/NOUN/nsubj/2 filed/VBD/VERB/ROOT/2/file reports/NNS/NOUN/dobj/2 "
         "on/IN/ADP/prep/2 Monday/NNP/PROPN/pobj/4", "Monday", "past"),
    ],
)
def test_tense_of_plans_stretches_and_participles(make_doc, spec: str, span: str, expected: str) -> None:
    assert tense_of(make_doc, spec, span) == expected


def test_a_deadline_extended_until_a_weekday_is_the_coming_one(make_doc) -> None:
    doc = parse(make_doc, "Officials/NNS/NOUN/nsubj/2 have/VBP/AUX/aux/2/have given/VBN/VERB/ROOT/2/give "
                          "them/PRP/PRON/dative/2 until/IN/ADP/prep/2 Tuesday/NNP/PROPN/pobj/4")
    [timex] = find_timexes(ArticleContext.of(doc, published=PUBLISHED))
    assert (timex.text, timex.value) == ("Tuesday", "2018-07-17")
