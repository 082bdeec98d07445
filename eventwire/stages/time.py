"""Time stage: time expressions (TimeML TIMEX3 values) and the date of each event.

    find_timexes(doc, published) -> [Timex]      recognise, then resolve against the publication date
    event_date(timexes, clause, sentence, published) -> EventDate | None

Recognition runs the rules of :mod:`eventwire.stages.timexes.rules` over the text. Resolution
needs the tense of the verb that governs each expression ("said on Wednesday" looks back from
the publication date, "will meet on Thursday" looks ahead), read from the dependency parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ..models import EventDate, Offsets, Precision, Timex
from .timexes import calendar as cal
from .timexes import rules
from .timexes.calendar import Tense
from .timexes.lexicon import load as load_lexicon

__all__ = ["find_timexes", "event_date", "tense_at", "precision"]

MAX_WALK = 6  # head steps from an expression up to its governing verb


def find_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """Every time expression in ``doc`` with its TimeML type and value, in text order.

    ``published`` (ISO date) anchors relative expressions; without it they keep unresolved
    TimeML values (``XXXX-07-12``) or ``None``.
    """
    reference = cal.parse_reference(published)
    timexes: list[Timex] = []
    text = text_of(doc)
    for candidate in rules.scan(text):
        context = rules.Context(reference, tense_at(doc, candidate.start, candidate.end))
        resolved = rules.resolve(candidate, context)
        if resolved is None:
            continue
        kind, value = resolved
        timexes.append(Timex(text[candidate.start:candidate.end], candidate.start, candidate.end,
                             kind, value))  # type: ignore[arg-type]
    return timexes


# --- tense of the governing verb ---------------------------------------------------------------

def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """The tense of the verb governing the text at ``[start, end)``; "past" when none is found."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    return _tense_from(span)


def _tense_from(span: Span) -> Tense:
    token: Token = span.root
    for _ in range(MAX_WALK):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"aux", "auxpass"}:
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


def _is_future_word(token: Token, role: str) -> bool:
    table = load_lexicon().tables["future"]
    return table.get(token.lower_) == role or table.get(token.lemma_.lower()) == role


# --- event dates ------------------------------------------------------------------------------------

DAY = re.compile(r"^\d{4}-\d\d-\d\d")
MONTH = re.compile(r"^\d{4}-\d\d$")
WEEK = re.compile(r"^\d{4}-W\d\d")
VAGUE_VALUES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF"})
YEAR_PART = re.compile(r"^\d{4}(?:-(?:Q\d|H\d|SP|SU|FA|WI))?$")


def precision(value: str | None) -> Precision | None:
    """How precisely a TimeML value dates an event (a week counts as month); None if it cannot."""
    if not value:
        return None
    if DAY.match(value):
        return "day"
    if MONTH.match(value) or WEEK.match(value):
        return "month"
    if YEAR_PART.match(value):
        return "year"
    return None


def event_date(timexes: Sequence[Timex], clause: Offsets, sentence: Offsets,
               published: str | None) -> EventDate | None:
    """The date of an event: a DATE/TIME expression in its clause, else the nearest in its sentence,
    else the publication date; durations, sets and vague references never date an event, and a
    clause with a vague reference ("in the near future") takes no date from the rest of its sentence."""
    datable = [t for t in timexes if t.type in {"DATE", "TIME"} and precision(t.value)]
    inside = [t for t in datable if clause.start <= t.start and t.end <= clause.end]
    if not inside and not _vague_in(timexes, clause):
        inside = [t for t in datable if sentence.start <= t.start and t.end <= sentence.end]
    if inside:
        best = min(inside, key=lambda t: (_distance(t, clause), t.start))
        return EventDate(_date_part(best.value or ""), precision(best.value) or "year", "text", best.text)
    reference = cal.parse_reference(published)
    if reference is None:
        return None
    return EventDate(reference.isoformat(), "day", "publication", None)


def _vague_in(timexes: Sequence[Timex], clause: Offsets) -> bool:
    return any(t.value in VAGUE_VALUES and clause.start <= t.start and t.end <= clause.end for t in timexes)


def _distance(timex: Timex, clause: Offsets) -> int:
    if timex.end <= clause.start:
        return clause.start - timex.end
    if timex.start >= clause.end:
        return timex.start - clause.end
    return 0


def _date_part(value: str) -> str:
    """A TimeML value without its time of day (``2018-07-11TNI`` → ``2018-07-11``)."""
    return value.split("T", 1)[0] if DAY.match(value) else value
