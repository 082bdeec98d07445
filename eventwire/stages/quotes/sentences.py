"""Sentence and paragraph geometry the quote stage asks about: where to look for a quote's cue."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from ...context import ArticleContext
from .cues import Mention, apart, cue_speaker, mention, names_someone, speech_verbs
from .marks import paragraphs

INTRODUCES = ":"
GOES_ON = ",?!"  # a quotation closed on one of these goes on into its attribution ("…," Ruiz told them.)
TAG_WORDS = 4  # the verb of such an attribution stands among its first words
CLAUSE_REACH = 4  # heads a quoted fragment climbs to the clause whose subject it belongs to
REPORTED = {"ccomp", "csubj"}
CLAUSE_MARKS = {"that", "whether", "if"}
NO_ONE = {"who", "which", "that", "whom", "it"}  # subjects that name no speaker of their own
SUBJECTS = {"nsubj", "nsubjpass"}
SPEAKER_WORDS = {"NOUN", "PROPN", "NUM", "PRON"}  # the word before a speech verb taken for a noun ("the two write")


@dataclass(frozen=True)
class Sentences:
    """Sentence bounds (character offsets) of one article, with its paragraphs; without sentence
    boundaries in the parse, each paragraph is a sentence."""

    doc: Doc
    text: str
    bounds: tuple[tuple[int, int], ...]
    paras: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, context: ArticleContext) -> Sentences:
        text = context.text
        paras = tuple(paragraphs(text))
        bounds = _sentence_bounds(context) if context.sentence_starts else paras
        return cls(context.doc, text, bounds, paras)

    def _para(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right([p[0] for p in self.paras], offset) - 1
        return self.paras[max(i, 0)] if self.paras else (0, len(self.text))

    def region(self, start: int, end: int) -> tuple[int, int]:
        """Where a cue for the quote ``[start, end)`` may sit: its sentences, within its paragraph,
        plus the sentence before it when that ends with a colon and the sentence after it when
        that goes on in lower case (``"…!" he said.``)."""
        para_start, para_end = self._para(start)
        touching = [i for i, (a, b) in enumerate(self.bounds) if a < end and b > start]
        if not touching:
            return start, end
        low = max(self.bounds[touching[0]][0], para_start)
        high = min(self.bounds[touching[-1]][1], max(para_end, end))
        introduction = self.text[:low].rstrip()
        if introduction.endswith(INTRODUCES):
            low = self._sentence_start(len(introduction) - 1)
        after = touching[-1] + 1
        if after < len(self.bounds) and self.bounds[after][0] < para_end:
            first = self.text[self.bounds[after][0]:self.bounds[after][1]].lstrip()[:1]
            if first.islower():
                high = self.bounds[after][1]
        return low, high

    def following(self, end: int) -> tuple[int, int] | None:
        """The sentence that starts right after a quote ending at ``end`` in the same paragraph
        (``"…?" Ruiz asked.``), if there is one."""
        starts = [b[0] for b in self.bounds]
        i = bisect.bisect_left(starts, end)
        if i >= len(self.bounds) or self.text[end:self.bounds[i][0]].strip(" \t\xa0"):
            return None
        return self.bounds[i] if self.bounds[i][0] < self._para(end - 1)[1] else None

    def introducer(self, opened: int) -> Mention | None:
        """The subject of the sentence that introduces a quote with a colon ("The mayor has a new
        message: "…""), when it names someone."""
        before = self.text[:opened].rstrip()
        if not before.endswith(INTRODUCES) or not self.doc.has_annotation("DEP"):
            return None
        span = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if span is None or span[0].i == 0:
            return None
        clause = _top_before(self.doc[span[0].i - 1], span[0].i)
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or not names_someone(subjects[0]):
            return None
        return mention(subjects[0])

    def tag(self, content_end: int, closed: int) -> tuple[Mention, tuple[int, int]] | None:
        """The speaker and verb of the attribution right after a quotation that closes on a comma, a
        question or an exclamation (``"…," Ruiz shot back.``, ``"…!" beamed Tom Berg``), whatever the verb."""
        last = self.text[:content_end].rstrip()[-1:]
        if not last or last not in GOES_ON or not self.doc.has_annotation("DEP"):
            return None
        span = self.doc.char_span(closed, closed + 1, alignment_mode="expand")
        if span is None:
            return None
        window = []
        for token in self.doc[span[-1].i + 1:span[-1].i + 1 + TAG_WORDS]:
            if token.is_sent_start or token.is_space or token.text in ".;:\"“”":
                break
            window.append(token)
            if "\n" in token.text_with_ws:
                break
        verbs = [t for t in window if t.pos_ == "VERB"]
        if not window or window[0].pos_ not in {"VERB", "PROPN", "PRON", "NOUN", "DET"}:
            return None
        if not verbs:
            return _noun_tagged(window)
        speaker = cue_speaker(verbs[0])
        if speaker is None or not window[0].i <= speaker.i <= window[-1].i + TAG_WORDS:
            return None
        return mention(speaker), (verbs[0].idx, verbs[0].idx + len(verbs[0]))

    def paragraph(self, offset: int) -> tuple[int, int]:
        """The paragraph holding ``offset``."""
        return self._para(offset)

    def _sentence_start(self, offset: int) -> int:
        i = bisect.bisect_right([b[0] for b in self.bounds], offset) - 1
        return max(self.bounds[max(i, 0)][0], self._para(offset)[0])

    def clause_subject(self, start: int, end: int) -> Mention | None:
        """The subject of the nearest clause around the words ``[start, end)``, outside them, when it names someone
        ("after Ruiz published "Plain Words", Berg left": Ruiz, not the sentence's Berg)."""
        if not self.doc.has_annotation("DEP"):
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        token = span.root
        for _ in range(CLAUSE_REACH):
            if token.head.i == token.i:
                return None
            token = token.head
            subjects = [c for c in token.children if c.dep_ in SUBJECTS and not start <= c.idx < end]
            if token.pos_ in {"VERB", "AUX"} and subjects:
                found = subjects[0]
                if _reported(token) or found.lower_ in NO_ONE or not names_someone(found) or apart(found, span[0]):
                    return None
                return mention(found)
        return None

    def subject(self, offset: int) -> Mention | None:
        """The subject of the main verb of the sentence holding ``offset``, if the Doc is parsed."""
        if not self.doc.has_annotation("DEP"):
            return None
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return None
        root = span[0].sent.root
        subjects = [c for c in root.children if c.dep_ in SUBJECTS and not apart(c, span[0])]
        return mention(subjects[0]) if subjects else None


def _reported(clause: Token) -> bool:
    """Whether a clause is, or lies inside, a reported one ("… said that Berg was "…""), whose words are the
    reporter's to give, not its subject's."""
    for token in (clause, *clause.ancestors):
        if token.dep_ in REPORTED or any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS for c in token.children):
            return True
    return False


def _noun_tagged(window: list[Token]) -> tuple[Mention, tuple[int, int]] | None:
    """A speech verb the parse took for a noun after a quotation ("…," the two write.; "…," the Saudis state in
    the paper): the word before it speaks, when the verb ends its phrase."""
    for before, token in pairwise(window):
        entry = speech_verbs().get(token.lemma_)
        if entry is None or entry.kind != "speech" or token.pos_ != "NOUN" or before.pos_ not in SPEAKER_WORDS:
            continue
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if after is None or after.is_punct or after.pos_ == "ADP":
            return mention(before), (token.idx, token.idx + len(token))
    return None


def _sentence_bounds(context: ArticleContext) -> tuple[tuple[int, int], ...]:
    """The character bounds of the article's sentences that hold more than whitespace: each from its
    first token's start to its last token's end."""
    ends = list(context.sentence_starts)
    for sentence, end in zip(context.sentence_of, context.words.ends, strict=True):
        ends[sentence] = end
    text = context.text
    return tuple((start, end) for start, end in zip(context.sentence_starts, ends, strict=True)
                 if text[start:end].strip())


def _top_before(token: Token, limit: int) -> Token:
    """The highest head above ``token`` that still lies before token ``limit`` (a parse may hang
    the introducing clause under the quote's verb)."""
    while token.head.i != token.i and token.head.i < limit:
        token = token.head
    return token
