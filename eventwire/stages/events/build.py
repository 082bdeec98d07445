"""The Event record: its id, codes, date, place, quote and confidence.

Confidence is ``entry strength × clause weight × modality weight × source certainty × target
certainty``. The clause weight is 1 in the main clause (or speech it reports) and 0.85 per subordinate
link below it (0.85 more for a clause that only sets the scene), never under 0.4; a hypothetical event
weighs 0.7; a missing target has certainty 0.9.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...ids import stable_id
from ...lexicons.words import words
from ...models import Event, EventDate, Modality, Offsets, Quote, Span, Timex
from ...ontology.cameo import lookup
from ...ontology.plover import for_cameo
from ..actors.index import ref
from ..places.location import article_location, event_location
from ..time.dates import event_date
from ..tokens import clause_verb, is_infinitive
from .arguments import Argument
from .frames import Match, light_verb_object
from .inputs import Inputs

MISSING_TARGET = 0.9
SUBORDINATE = 0.85  # per subordinate link between the trigger and the sentence's main clause
SUBORDINATE_DEPS = frozenset({"advcl", "acl", "relcl", "prep", "pobj", "pcomp", "npadvmod", "amod", "nsubj",
                              "nsubjpass", "dobj", "attr", "appos", "compound", "poss"})
MODALITY_WEIGHT = {"hypothetical": 0.7}
NEWS_WINDOW_DAYS = 7  # a carried date must lie this close to publication
BACKGROUND_MARKS = words("background_marks")


@dataclass(frozen=True)
class Act:
    """What one trigger match says, shared by every event it gives: the code and modality, the clause,
    sentence and trigger, the weight of the frame in its clause, and the passage a date may come from."""

    code: str
    modality: Modality
    clause: Offsets
    sentence: Offsets
    trigger: Span
    strength: float
    previous: Offsets  # from the previous sentence's start (for a simple past event) to this one's end


def act_of(inputs: Inputs, match: Match, code: str, modality: Modality) -> Act:
    """The act of a match coded ``code`` with ``modality``."""
    trigger = inputs.doc[match.trigger]
    sentence = Offsets(trigger.sent.start_char, trigger.sent.end_char)
    carries = modality == "asserted" and clause_verb(trigger).tag_ == "VBD"
    previous = Offsets(previous_sentence_start(trigger.sent) if carries else sentence.start, sentence.end)
    clause = clause_weight(trigger, inputs.lexicon.light_verbs)
    weight = match.entry.strength * clause * MODALITY_WEIGHT.get(modality, 1.0)
    return Act(code, modality, clause_offsets(trigger), sentence, trigger_span(inputs.doc, match), weight, previous)


def build_event(inputs: Inputs, act: Act, source: Argument, target: Argument | None) -> Event:
    """One event record with its codes, date, place, quote and confidence."""
    target_id = target.actor.id if target else None
    certainty = target.certainty if target else MISSING_TARGET
    earlier = inputs.earlier
    return Event(
        id=stable_id("ev", inputs.context.article_id, act.trigger.start, act.code, source.actor.id, target_id),
        source=ref(source.actor, source.basis),
        target=ref(target.actor, target.basis) if target else None,
        cameo=lookup(act.code),
        plover=for_cameo(act.code),
        modality=act.modality,
        date=date_of(act, earlier.timexes, inputs.context.published),
        location=event_location(earlier.places, act.clause, inputs.doc) or article_location(earlier.places),
        trigger=act.trigger,
        sentence=act.sentence,
        quote=quote_at(earlier.quotes, act.trigger),
        confidence=round(act.strength * source.certainty * certainty, 3),
    )


def date_of(act: Act, timexes: Sequence[Timex], published: str | None) -> EventDate | None:
    """The event's date from its clause or sentence. An asserted event in the simple past whose sentence
    has no date continues the news time of the sentence before it ("... hailed ties on Wednesday.
    Velayati also took a swipe ..."), but only a day within a week of publication: background dates
    ("in May") are not carried, nor to plans or perfects ("is due to meet", "has attacked")."""
    date = event_date(timexes, act.clause, act.sentence, published)
    if (date is None or date.basis == "publication") and act.previous.start < act.sentence.start:
        carried = event_date(timexes, act.clause, act.previous, published)
        if carried is not None and carried.basis == "text" and _news_time(carried, published):
            return carried
    return date


def _news_time(date: EventDate, published: str | None) -> bool:
    try:
        day, reference = dt.date.fromisoformat(date.value), dt.date.fromisoformat(published or "")
    except ValueError:
        return False
    return date.precision == "day" and abs((day - reference).days) <= NEWS_WINDOW_DAYS


def previous_sentence_start(sentence: SpacySpan) -> int:
    """Where the sentence before this one starts (this one's start when there is none or a heading
    line separates them)."""
    if sentence.start == 0:
        return int(sentence.start_char)
    previous = sentence.doc[sentence.start - 1].sent
    between = sentence.doc[previous.end - 1].whitespace_  # the text between two adjacent sentences
    if "#" in between or previous.text.lstrip().startswith("#"):
        return int(sentence.start_char)
    return int(previous.start_char)


def quote_at(quotes: Sequence[Quote], trigger: Span) -> str | None:
    """The id of the quote whose text contains the trigger, if any."""
    return next((q.id for q in quotes if q.start <= trigger.start and trigger.end <= q.end), None)


def trigger_span(doc: Doc, match: Match) -> Span:
    """The trigger words as text: the verb with its particle and event noun when they are close."""
    indices = [i for i in (match.trigger, match.particle, match.object) if i is not None]
    lo, hi = min(indices), max(indices)
    if hi - lo > 5:
        lo = hi = match.trigger
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return Span(start, end, doc[lo:hi + 1].text)  # not doc.text, which spaCy rebuilds on every access


def clause_offsets(trigger: Token) -> Offsets:
    """The character span of the clause the trigger heads (its clause verb's subtree for a noun)."""
    head = clause_verb(trigger)
    left, right = head.left_edge, head.right_edge
    return Offsets(left.idx, right.idx + len(right.text))


def clause_weight(trigger: Token, light_verbs: frozenset[str] = frozenset()) -> float:
    """How central the trigger's clause is: 1 in the main clause (or speech it reports), less when nested."""
    weight, token = 1.0, trigger
    for _ in range(12):
        if token.head.i == token.i:
            break
        if _subordinate(token) and not light_verb_object(token, light_verbs):
            weight *= SUBORDINATE * (SUBORDINATE if _background(token) else 1.0)
        token = token.head
    return max(weight, 0.4)


def main_purpose(verb: Token, light_verbs: frozenset[str] = frozenset()) -> bool:
    """Whether the verb is what the main clause's doer set out to do: a "to"-clause of purpose on the main
    clause's verb ("dispatched inspectors to monitor the plant"), or a verb coordinated with one ("took
    steps to enhance freedoms and promote openness"). Not the purpose of a noun ("troops to oversee the vote")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl" and is_infinitive(verb) and clause_weight(verb.head, light_verbs) == 1


def _background(clause: Token) -> bool:
    """A clause that sets the scene for the main one ("hours after rebels seized the airport")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in clause.children)


def _subordinate(token: Token) -> bool:
    """A link below the main clause; a clause reported by a verb is not, the content of a noun is
    ("its demand that Israel ease restrictions")."""
    return token.dep_ in SUBORDINATE_DEPS or (token.dep_ == "ccomp" and token.head.pos_ in {"NOUN", "PROPN"})
