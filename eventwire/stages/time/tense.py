"""The tense of the verb that governs a time expression, read from the dependency parse.

"said on Wednesday" looks back from the publication date, "will meet on Thursday" looks ahead.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from ...lexicons import words
from .calendar import Tense
from .words import load as load_lexicon

MAX_WALK = 6  # head steps from an expression up to its governing verb


def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the verb governing the text at ``[start, end)``; "past" when none is found.

    Words just before the expression that put it ahead ("as early as Tuesday") make it future whatever the
    verb. A verb of planning it hangs on looks ahead ("has scheduled a vote on Thursday"), or, itself in the
    past ("planned a rally on Saturday"), to the nearest such day either way."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    before = " ".join(_text_before(span, start, 40).lower().split()[-3:])
    if any(before.endswith(phrase) for phrase in words("before_future_time")):
        return "future"
    return _tense_from(span)


def _text_before(span: Span, start: int, size: int) -> str:
    """``doc.text[max(0, start - size):start]`` for ``start`` inside or at the start of ``span``, read from
    the words before it (``Doc.text`` joins the whole article on every call): ``size`` words cover at
    least ``size`` characters."""
    doc = span.doc
    head = "".join(t.text_with_ws for t in doc[max(0, span.start - size):span.start])
    return (head + span.text[:start - span.start_char])[-size:]


def _tense_from(span: Span) -> Tense:
    token: Token = span.root
    for _ in range(MAX_WALK):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
            if token.lemma_.lower() in words("planning_verbs"):
                simple_past = token.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD"
                                                         for c in token.children)
                return "present" if simple_past else "future"
            return verb_tense(token)
        if token.head.i == token.i:
            break
        token = token.head
    return "past"


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """Past, present or future for a verb, from its auxiliaries, its tag and what governs it."""
    auxes = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if any(_is_future_word(aux, "aux") for aux in auxes):
        return "future"
    infinitive = any(aux.lower_ == "to" for aux in auxes) or verb.tag_ == "VB"
    if infinitive and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if _is_future_word(head, "head"):
            return "future"
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            return verb_tense(head, depth + 1)
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxes):
        return "past"
    if verb.tag_ in {"VBZ", "VBP", "VBG"} or any(aux.tag_ in {"VBZ", "VBP"} for aux in auxes):
        return "present"
    return "past"


def _is_future_word(token: Token, role: Literal["aux", "head"]) -> bool:
    """Whether ``token`` is a future word of the time word table in this role (kind ``future``)."""
    table = load_lexicon().tables["future"]
    return table.get(token.lower_) == role or table.get(token.lemma_.lower()) == role
