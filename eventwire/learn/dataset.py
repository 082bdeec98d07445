"""Labelled examples from hand-coded articles: each candidate word and each sentence with its CAMEO roots.

The labels (``train/labels/*.jsonl``) give every event a ``trigger`` and a ``sentence`` as character
offsets into the article's text. An event belongs to the sentence of the parse that contains its
trigger (else its ``sentence`` offsets); among the candidate words inside its trigger
(:func:`eventwire.learn.features.candidates`), the one highest in the parse tree is the event's word,
and the other candidates inside a trigger are left out of training (they are neither the event's word
nor a word without an event). A word holds the roots of all its events, the first root of the first
event first. In a ``complete`` article every other candidate and every sentence without an event is a
negative; in an article that is not complete only the events are examples.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from .features import is_candidate


@dataclass(frozen=True)
class Example:
    """One candidate word: its token, its sentence, the roots of its events (empty: no event), and
    ``primary``: the root the model learns for it."""

    token: int
    sentence: int
    roots: tuple[str, ...]

    @property
    def primary(self) -> str | None:
        return self.roots[0] if self.roots else None


@dataclass(frozen=True)
class Labelled:
    """A labelled article: its candidate examples and each sentence's roots (empty: no event)."""

    examples: tuple[Example, ...]
    sentence_roots: tuple[tuple[str, ...], ...]  # the primary roots of each sentence's events, in text order
    sentence_all_roots: tuple[frozenset[str], ...]  # every root any of its events lists
    unplaced: int  # events with no candidate word inside their trigger


def _span_tokens(doc: Doc, start: int, end: int) -> list[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def event_word(doc: Doc, tokens: Sequence[int]) -> int | None:
    """The candidate of a trigger highest in the parse: the one whose head lies outside the trigger
    (the first such), else the first candidate."""
    inside = set(tokens)
    found = [t for t in tokens if is_candidate(doc[t])]
    outside = [t for t in found if doc[t].head.i not in inside or doc[t].head.i == t]
    chosen = outside or found
    return chosen[0] if chosen else None


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence."""
    return [s.start for s in doc.sents] if len(doc) else []


def sentence_of(doc: Doc, starts: Sequence[int], event: Mapping[str, Any]) -> int | None:
    """The sentence number of an event: the sentence holding its trigger, else its ``sentence``."""
    for start, _end in (event.get("trigger") or (0, 0), event.get("sentence") or (0, 0)):
        token = doc.char_span(start, start + 1, alignment_mode="expand") if start < len(doc.text) else None
        if token is not None and len(token):
            return bisect_right(starts, token.start) - 1
    return None


def label_article(doc: Doc, events: Sequence[Mapping[str, Any]], complete: bool) -> Labelled:
    """The examples of one article (see the module doc)."""
    starts = sentence_starts(doc)
    word_roots: dict[int, list[str]] = {}
    ignored: set[int] = set()
    primary: list[list[str]] = [[] for _ in starts]
    every: list[set[str]] = [set() for _ in starts]
    unplaced = 0
    for event in events:
        roots = [str(r) for r in event["roots"]]
        n = sentence_of(doc, starts, event)
        if n is not None:
            primary[n].append(roots[0])
            every[n].update(roots)
        tokens = _span_tokens(doc, *event["trigger"])
        word = event_word(doc, tokens)
        if word is None:
            unplaced += 1
            continue
        ignored.update(t for t in tokens if t != word and is_candidate(doc[t]))
        known = word_roots.setdefault(word, [])
        known += [r for r in roots if r not in known]
    examples = []
    for token in doc:
        i = token.i
        if not is_candidate(token) or (i in ignored and i not in word_roots):
            continue
        roots_here = tuple(word_roots.get(i, ()))
        if roots_here or complete:
            examples.append(Example(i, bisect_right(starts, i) - 1, roots_here))
    return Labelled(tuple(examples), tuple(tuple(p) for p in primary), tuple(frozenset(e) for e in every), unplaced)
