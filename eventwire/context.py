"""The article's context: what every stage after the parse reads, built once per article.

:meth:`eventwire.pipeline.Pipeline.code` makes one :class:`ArticleContext` from the parse and the
article, hands it to the actors stage, then adds the actor index for the stages after it. Nothing here
is cached on the Doc: the context *is* the per-article memory.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

from .models import Place, Quote, Timex
from .stages.tokens import Words, token_table

if TYPE_CHECKING:
    from .stages.actors.index import ActorIndex


@dataclass(frozen=True)
class ArticleContext:
    """One parsed article: the Doc, its token table, its sentences, its id and date, and (after the
    actors stage) the index of its actors."""

    doc: Doc
    words: Words
    sentence_of: tuple[int, ...]  # the sentence number of every token
    sentence_starts: tuple[int, ...]  # the character offset where each sentence starts
    article_id: str = ""
    published: str | None = None
    actor_index: ActorIndex | None = None

    @classmethod
    def of(cls, doc: Doc, article_id: str = "", published: str | None = None) -> ArticleContext:
        """The context of a parsed article (a Doc without sentence boundaries is one sentence)."""
        sentence_of, starts = _sentences(doc)
        return cls(doc, token_table(doc), sentence_of, starts, article_id, published)

    def with_actors(self, index: ActorIndex) -> ArticleContext:
        """The same context with the article's actor index, for the stages after the actors stage."""
        return replace(self, actor_index=index)

    @property
    def text(self) -> str:
        return self.words.text

    @property
    def index(self) -> ActorIndex:
        """The actor index; asking before the actors stage has run is a programming error."""
        if self.actor_index is None:
            raise RuntimeError("the actor index is made after the actors stage: call with_actors() first")
        return self.actor_index


def _sentences(doc: Doc) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The sentence number of every token and the start offset of every sentence, read from the Doc's
    arrays: a sentence starts at the first token and at every later token marked as a start (``doc.sents``)."""
    if not doc.has_annotation("SENT_START"):
        return (0,) * len(doc), ()
    if not len(doc):
        return (), ()
    table = doc.to_array([SENT_START, IDX])
    first = table[:, 0] == 1
    first[0] = True
    return tuple((np.cumsum(first) - 1).tolist()), tuple(table[first, 1].tolist())


@dataclass(frozen=True)
class Earlier:
    """What the quotes, time and places stages found in the article, for the events stage after them."""

    quotes: tuple[Quote, ...] = ()
    timexes: tuple[Timex, ...] = ()
    places: tuple[Place, ...] = ()
