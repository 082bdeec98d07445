"""The whole flow, top to bottom: article in, records out.

    read ─► clean ─► parse ─► actors (mentions, coref, codes) ─► quotes ─► time ─► place ─► events

:class:`Pipeline` holds what is loaded once per process (the spaCy model, the dictionaries, the
gazetteer, the trigger lexicon). :meth:`Pipeline.process` handles one article; parallelism lives
outside (``eventwire.ingest``, ``eventwire.distributed``).

Many articles are parsed in groups (:func:`eventwire.groups.parse_groups`): runs of at most
``batch_size`` articles and at most ``GROUP_CHARS`` characters, each one ``nlp.pipe`` call. The groups
depend only on the articles given, so the same articles are parsed the same way in any process, and
a group of long articles cannot blow up the parser's memory (its buffers grow with the tokens of a
batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from . import casing, headline
from . import nlp as nlp_module
from .context import ArticleContext, Earlier
from .groups import GROUP_CHARS, parse_groups
from .models import Article, Result, Skipped, coding_failed
from .resources import Resources
from .settings import Settings
from .stages import actors as actors_stage
from .stages import events as events_stage
from .stages import places as places_stage
from .stages import quotes as quotes_stage
from .stages import time as time_stage
from .stages.actors.index import ActorIndex

__all__ = ["GROUP_CHARS", "Pipeline", "parse_groups"]


@dataclass
class Pipeline:
    """Everything loaded once per process, and the flow over one parsed article."""

    nlp: Language
    resources: Resources
    parser: nlp_module.Parser = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.parser = nlp_module.Parser.of(self.nlp, recover=self.resources.recover_case)

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        settings = settings or Settings()
        return cls(nlp=nlp_module.load(settings.model), resources=Resources.load(settings))

    def process(self, article: Article) -> Result:
        """Code one article."""
        ((_, doc, title),) = self.parse_many([article], 1)
        return self.code(article, doc, title)

    def process_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Result]:
        """Code articles in order, parsing them in groups with ``nlp.pipe``; a coding error raises."""
        for article, doc, title in self.parse_many(articles, batch_size):
            yield self.code(article, doc, title)

    def code_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Result | Skipped]:
        """Like :meth:`process_many`, but an article whose coding fails becomes a Skipped with the
        reason, and the others are coded from the same parse."""
        for article, doc, title in self.parse_many(articles, batch_size):
            try:
                yield self.code(article, doc, title)
            except Exception as exc:  # one bad article must not end the batch
                yield coding_failed(article, exc)

    def parse_many(self, articles: Iterable[Article], batch_size: int = 32
                   ) -> Iterator[tuple[Article, Doc, Doc | None]]:
        """Each article with the parse of its text and of its title (None without one), in order: one
        ``nlp.pipe`` call per :func:`parse_groups` group parses its texts and then its titles."""
        for group in parse_groups(articles, batch_size):
            titles = [title_of(a) for a in group]
            texts = [a.text for a in group] + [t for t in titles if t]
            docs = iter(self.parser.pipe(texts, batch_size=len(texts)))
            bodies = [next(docs) for _ in group]
            yield from ((a, doc, next(docs) if t else None) for a, doc, t in zip(group, bodies, titles, strict=True))

    def code(self, article: Article, doc: Doc, title: Doc | None = None) -> Result:
        """Every stage after the parse, in order, over one article context; then the events of its title
        (parsed as ``title``, else here) that the body does not report, and the place of its dateline
        (:mod:`eventwire.headline`)."""
        result = self.code_text(article, doc)
        coded = self.code_title(article, title)
        events = headline.title_events(coded.events, result.events, result.actors) if coded else ()
        place = headline.dateline_place(result.article.text, result.places, self.resources.gazetteer,
                                        article.dateline)
        return replace(result, article=replace(result.article, place=place), events=(*result.events, *events))

    def code_title(self, article: Article, doc: Doc | None = None) -> Result | None:
        """The article's title coded as a short text of its own (None when it has none) from its parse
        ``doc`` (else parsed here); its offsets index the title, its ids are its own."""
        title = title_of(article)
        if not title:
            return None
        text = Article(id=f"{article.id}#title", text=title, published=article.published, source=article.source,
                       wire=article.wire, url=article.url, origin=article.origin)
        return self.code_text(text, doc if doc is not None else self.parser(title))

    def code_text(self, article: Article, doc: Doc) -> Result:
        """Every stage after the parse, in order, over one article context (the text only)."""
        resources = self.resources
        base = ArticleContext.of(doc, article.id, article.published)
        actors = actors_stage.find_actors(base, resources)
        context = base.with_actors(ActorIndex(actors))
        quotes = quotes_stage.find_quotes(context)
        timexes = time_stage.find_timexes(context)
        places = places_stage.find_places(context, resources)
        events = events_stage.find_events(context, Earlier(tuple(quotes), tuple(timexes), tuple(places)), resources)
        result = Result(
            article=article,
            actors=tuple(actors),
            events=tuple(events),
            quotes=tuple(quotes),
            timexes=tuple(timexes),
            places=tuple(places),
        )
        original = nlp_module.original_text(doc)
        # parsed from its recovered case (eventwire.casing): the records quote the text as given
        return result if original is None else casing.restore(result, context.text, original)


def title_of(article: Article) -> str:
    """The title an article's title events are coded from ("" for none)."""
    return (article.title or "").strip()
