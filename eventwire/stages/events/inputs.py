"""What the events stage reads for one article, in one record handed from step to step."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...context import ArticleContext, Earlier
from ...lexicons.triggers import Lexicon
from ...models import Place
from ..actors.index import ActorIndex


@dataclass(frozen=True)
class Scene:
    """Where an article's implied doers are (see :mod:`.implied`): its dateline's country, the country it
    names most, and the adjective of each country ("Pakistani") for the names of the actors made there."""

    dateline: str | None = None
    main: str | None = None
    adjectives: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Inputs:
    """One article for the events stage: its context (whose index also knows the countries of its places,
    see :class:`~eventwire.stages.events.arguments.ArgumentIndex`), what the earlier stages found, the
    trigger lexicon, and where its implied doers are."""

    context: ArticleContext
    earlier: Earlier
    lexicon: Lexicon
    scene: Scene = field(default_factory=Scene)

    @property
    def doc(self) -> Doc:
        return self.context.doc

    @property
    def index(self) -> ActorIndex:
        return self.context.index

    @property
    def places(self) -> tuple[Place, ...]:
        return self.earlier.places
