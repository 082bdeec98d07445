"""Time stage: the time expressions of an article (TimeML TIMEX3 types and values).

    find_timexes(context) -> [Timex]      recognise, then resolve against the publication date

The package's parts:

    words.py      words of time (months, weekdays, numbers, units) read from data/time_words.tsv
    calendar.py   pure date arithmetic against a reference date and a tense
    resolvers.py  one resolver per kind of expression: regex match + anchor -> TimeML (type, value)
    rules.py      the rule table (regex, resolver, check on the surroundings); ``scan`` and ``normalise``
    tense.py      the tense of the verb governing an expression, from the dependency parse
    narrative.py  where the narrative is (the day it last dated, the quarter it reports on), for
                  anaphoric expressions ("a day earlier", "the year-earlier period")
    dates.py      ``event_date``: the date of one event, for the events stage

Recognition runs the rules over the article's text. Resolution needs the tense of the verb that
governs each expression ("said on Wednesday" looks back from the publication date, "will meet on
Thursday" looks ahead). Anaphoric expressions are resolved against the narrative, read in text order.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...context import ArticleContext
from ...models import Timex
from . import calendar as cal
from . import rules
from .narrative import Focus
from .resolvers import Anchor
from .tense import tense_at

__all__ = ["find_timexes"]


def find_timexes(context: ArticleContext) -> list[Timex]:
    """Every time expression of the article with its TimeML type and value, in text order.

    The publication date anchors relative expressions; without it they keep unresolved TimeML
    values (``XXXX-07-12``) or ``None``.
    """
    reference = cal.parse_reference(context.published)
    focus = Focus.start(reference)
    timexes: list[Timex] = []
    text = context.text
    sentence = -1
    for candidate in rules.scan(text):
        if (starts := sentence_start(context.doc, candidate.start)) != sentence:
            sentence, focus = starts, focus.next_sentence()
        tense = tense_at(context.doc, candidate.start, candidate.end)
        resolved = rules.resolve(candidate, Anchor(reference, tense, focus))
        if resolved is None:
            continue
        kind, value = resolved
        said = text[candidate.start:candidate.end]
        focus = focus.after(candidate.rule.name, kind, value, said)
        timexes.append(Timex(said, candidate.start, candidate.end, kind, value))
    return timexes


def sentence_start(doc: Doc, start: int) -> int:
    """The first token of the sentence holding the character ``start`` (0 when the Doc has no sentences)."""
    span = doc.char_span(start, start, alignment_mode="expand")
    token = doc[span.start] if span is not None and span.start < len(doc) else None
    if token is None or not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return 0
    return token.sent.start
