"""The learned event model in the coder: how sure each event is, and the events the model proposes.

The rules find an event's trigger, sources, targets, modality, date and place; the model
(:class:`eventwire.learn.model.EventModel`, trained by ``make train``) says how likely the event's word
states an event of the event's CAMEO root. The two opinions are joined by the model's combiner into the
event's ``confidence``, a probability calibrated on cross-validated training articles:
``sigmoid(model * logit(p) + root * logit(q) + rule * logit(c) + frame * specific + bias)`` with ``p``
the model's P(event with the root) at the word, ``q`` its P(root | event), ``c`` the rule's own
confidence (:mod:`.build`) and ``specific`` whether the rule's frame sets conditions; a rule event whose
trigger holds no word the model scores gets the rule's confidence recalibrated. Events under the model's
``min_confidence`` are left out: an act in a background clause, a hypothetical or a commentary, or a story
with no political interaction, gets a low ``p`` and drops out.

The model may also *propose* events, at words no trigger frame matched whose best root it gives at least
``propose`` (and at least ``min_confidence``): such a word is coded like a trigger of that root's general
code (``190`` for root 19) by the same rules for source, target, modality, date and place, its
``confidence`` the model's P(event with the root) and its ``origin`` ``"model"``. Both thresholds are
chosen on cross-validation over the training articles (``train/thresholds.py``: the best F1 that keeps
the recall of the rules alone); only the words worth
scoring are scored: the rule events' words and the screened words of the model's vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...learn.dataset import event_word
from ...learn.model import CONFIDENCE_DIGITS, ROOTS, DocPredictions, EventModel
from ...lexicons.triggers import Entry
from ...models import Event, Span
from .frames import Match
from .inputs import Inputs

EventPlace = tuple[int, str | None, str, str | None]  # sentence start, source, root, target


@dataclass(frozen=True)
class Scored:
    """The model's predictions for an article's events and candidate words, and the word of each rule
    event (by its index in the events; None when its trigger holds no candidate word)."""

    predictions: DocPredictions
    words: tuple[int | None, ...]
    proposable: tuple[int, ...]


def trigger_word(doc: Doc, trigger: Span) -> int | None:
    """The word of an event's trigger the model reads: the candidate highest in the parse inside it (the
    word training labelled, :func:`eventwire.learn.dataset.event_word`)."""
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return event_word(doc, list(range(span.start, span.end))) if span is not None else None


def score(inputs: Inputs, model: EventModel, events: Sequence[Event], matched: Mapping[int, Entry]) -> Scored:
    """Score the words of the rule events and, when the model proposes, the screened words no frame matched."""
    doc = inputs.doc
    words = tuple(trigger_word(doc, e.trigger) for e in events)
    proposable: tuple[int, ...] = ()
    if model.propose <= 1.0:
        taken = set(matched) | {w for w in words if w is not None}
        proposable = tuple(i for i in model.screened(doc) if i not in taken)
    wanted = {w for w in words if w is not None} | set(proposable)
    predictions = model.predict_doc(doc, inputs.lexicon, matched, words=sorted(wanted))
    return Scored(predictions, words, proposable)


def confidence(model: EventModel, scored: Scored, k: int, event: Event, matched: Mapping[int, Entry]) -> float:
    """The calibrated confidence of the ``k``-th rule event: the combiner's join of the rule's confidence and
    the model's P(event with the event's root) at its word."""
    word = scored.words[k]
    found = scored.predictions.at(word) if word is not None else None
    if found is None:
        return round(model.combiner.rule_alone(event.confidence), CONFIDENCE_DIGITS)
    entry = matched.get(found.token)
    specific = entry is not None and entry.specificity > 0
    share = found.roots[ROOTS.index(event.cameo.root)]
    return round(model.combiner.combined(found.p_event, share, event.confidence, specific), CONFIDENCE_DIGITS)


def rated(model: EventModel, scored: Scored, events: Sequence[Event], matched: Mapping[int, Entry]) -> list[Event]:
    """The rule events with their calibrated confidence, those under ``model.min_confidence`` left out."""
    out = []
    for k, event in enumerate(events):
        sure = confidence(model, scored, k, event, matched)
        if sure >= model.min_confidence:
            out.append(replace(event, confidence=sure))
    return out


def proposals(model: EventModel, scored: Scored, doc: Doc) -> list[tuple[Match, float]]:
    """The words the model proposes, each as a match of its best root's general code with the model's
    P(event with that root), in text order."""
    bar = max(model.propose, model.min_confidence)
    out = []
    for word in scored.proposable:
        found = scored.predictions.at(word)
        if found is None:
            continue
        root = found.best_root
        p = found.root_probability(root)
        if p >= bar:
            token = doc[word]
            entry = Entry(lemma=token.lemma_.lower(), code=f"{root}0", pos="verb" if token.pos_ == "VERB" else "noun")
            out.append((Match(entry, word), round(p, CONFIDENCE_DIGITS)))
    return out


def proposed(events: Iterable[Event], p: float, known: set[EventPlace]) -> list[Event]:
    """The events of one proposal with the model's confidence and origin, none that repeats an event
    already coded in the sentence (same source, root and target)."""
    out = []
    for event in events:
        place = where(event)
        if place not in known:
            known.add(place)
            out.append(replace(event, confidence=p, origin="model"))
    return out


def where(event: Event) -> EventPlace:
    """An event's sentence, source, root and target: what a proposal must not repeat."""
    return (event.sentence.start, event.source.actor if event.source else None, event.cameo.root,
            event.target.actor if event.target else None)
