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
FUTURE_PERFECT = frozenset({"will", "shall", "'ll"})  # modals that keep a perfect ahead: "will have left by May"
PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj"})  # a bare participle's clause that takes its head's tense


def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the verb governing the text at ``[start, end)``; "past" when none is found.

    Words just before the expression that put it ahead ("as early as Tuesday") make it future whatever the
    verb. A verb of planning it hangs on ("has scheduled a vote on Thursday"), or a word before it that makes
    it the end of a stretch from the event ("until Tuesday", "by February"), looks ahead: see
    :func:`ahead_of`."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    before = " ".join(_text_before(span, start, 40).lower().split()[-3:])
    if any(before.endswith(phrase) for phrase in words("before_future_time")):
        return "future"
    if words("before_past_time") & set(before.split()):
        return "past"
    verb = _governing_verb(span)
    if before.split()[-1:] and before.split()[-1] in words("before_stretch_end"):
        return "future" if verb is None else ahead_of(verb)
    if verb is None:
        return "past"
    if verb.lemma_.lower() in words("planning_verbs"):
        return ahead_of(verb)
    return verb_tense(verb)


def ahead_of(verb: Token) -> Tense:
    """The tense of a time a verb looks ahead to ("scheduled for Friday", "stays until Friday"): future; told
    in the simple past ("planned a rally on Saturday") the nearest such time either way; in the past perfect
    ("had been due to expire Friday") gone by."""
    holders = [verb, verb.head] if verb.dep_ in {"acomp", "attr"} else [verb]
    auxes = [c for holder in holders for c in holder.children if c.dep_ in {"aux", "auxpass"}]
    if any(aux.lemma_.lower() == "have" and aux.tag_ == "VBD" for aux in auxes) or _modal_perfect(auxes):
        return "past"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes:  # "a rally planned for Saturday was called off"
        clause = _governing_verb(verb.doc[verb.head.i:verb.head.i + 1])
        return "present" if clause is not None and verb_tense(clause) == "past" else "future"
    return "future"


def _text_before(span: Span, start: int, size: int) -> str:
    """``doc.text[max(0, start - size):start]`` for ``start`` inside or at the start of ``span``, read from
    the words before it (``Doc.text`` joins the whole article on every call): ``size`` words cover at
    least ``size`` characters."""
    doc = span.doc
    head = "".join(t.text_with_ws for t in doc[max(0, span.start - size):span.start])
    return (head + span.text[:start - span.start_char])[-size:]


def _governing_verb(span: Span) -> Token | None:
    """The verb an expression hangs on: the first verb (not an auxiliary) up the heads from its root."""
    token: Token = span.root
    for _ in range(MAX_WALK):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """Past, present or future for a verb, from its auxiliaries, its tag and what governs it."""
    auxes = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if _modal_perfect(auxes):
        return "past"
    if any(_is_future_word(aux, "aux") for aux in auxes):
        return "future"
    infinitive = any(aux.lower_ == "to" for aux in auxes) or verb.tag_ == "VB"
    if infinitive and verb.head.i != verb.i and depth < 3:
        head = verb.head
        if _is_future_word(head, "head"):
            return ahead_of(head)
        if head.lemma_.lower() == "be" and verb.dep_ == "xcomp":  # "the shares are to resume trading Tuesday"
            return ahead_of(head)
        if head.pos_ in {"NOUN", "PROPN"} and verb.dep_ in {"acl", "relcl"}:  # "an agreement to buy it in May"
            return "present"
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            return verb_tense(head, depth + 1)
    if verb.tag_ == "VBG" and not auxes and verb.dep_ in PARTICIPLE_DEPS and verb.head.pos_ in {"VERB", "AUX"} \
            and depth < 3:  # "shares fell, rising in March": the participle's clause has the tense it hangs on
        return verb_tense(verb.head, depth + 1)
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if verb.tag_ == "VBN" and any(aux.lemma_ == "have" for aux in auxes):
        return "past"
    if verb.tag_ in {"VBZ", "VBP", "VBG"} or any(aux.tag_ in {"VBZ", "VBP"} for aux in auxes):
        return "present"
    return "past"


def _modal_perfect(auxes: list[Token]) -> bool:
    """Whether auxiliaries make a modal perfect, told of the past ("may have been", "would have gone"); a
    future perfect ("will have left") is not one."""
    modals = [aux for aux in auxes if _is_future_word(aux, "aux")]
    return bool(modals) and any(aux.lower_ == "have" for aux in auxes) \
        and not any(aux.lower_ in FUTURE_PERFECT for aux in modals)


def _is_future_word(token: Token, role: Literal["aux", "head"]) -> bool:
    """Whether ``token`` is a future word of the time word table in this role (kind ``future``)."""
    table = load_lexicon().tables["future"]
    return table.get(token.lower_) == role or table.get(token.lemma_.lower()) == role
