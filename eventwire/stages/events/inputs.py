"""What the events stage reads for one article, in one record handed from step to step."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ...context import ArticleContext, Earlier
from ...lexicons.triggers import Lexicon
from ...models import Place
from ..actors.index import ActorIndex


@dataclass(frozen=True)
class Inputs:
    """One article for the events stage: its context (whose index also knows the countries of its places,
    see :class:`~eventwire.stages.events.arguments.ArgumentIndex`), what the earlier stages found, and
    the trigger lexicon."""

    context: ArticleContext
    earlier: Earlier
    lexicon: Lexicon

    @property
    def doc(self) -> Doc:
        return self.context.doc

    @property
    def index(self) -> ActorIndex:
        return self.context.index

    @property
    def places(self) -> tuple[Place, ...]:
        return self.earlier.places
