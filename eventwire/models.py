"""Plain records that cross every stage boundary.

All records are frozen dataclasses holding only str, int, float, None and tuples of records, so
they pickle across processes and cluster workers and serialise with :func:`to_dict`. No spaCy
object ever lives in a record: stages take a ``Doc`` and return records.

Offsets are character offsets into ``Article.text`` (the cleaned text, or the verbatim input
with ``--no-clean``); ``text[start:end]`` always equals the record's ``text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "intended", "hypothetical", "negated"]
CountryBasis = Literal["named", "adjective", "clause", "sentence", "dateline", "article"]
"""How an actor's country was found, nearest evidence first: ``named`` (the name says it: a state, a
listed person or organisation), ``adjective`` (a country, place or group written on the noun: "Pakistani
police", "Iraq's army", "Kandahar police", the title of a person), ``clause`` (a place in its phrase or
clause: "police in Lahore", "police detained four men in Lahore"), ``sentence`` (a place elsewhere in
the sentence), ``dateline`` (the article's dateline: "KABUL —") or ``article`` (the country the article
names most)."""
QuoteKind = Literal["direct", "indirect", "partial"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class Span:
    """A piece of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Offsets:
    """A stretch of the article text without its content (sentence bounds)."""

    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article, cleaned, with its metadata.

    ``id`` is derived from the content hash (see :func:`eventwire.read.article_id`), so the
    same article read twice has the same id. ``published`` is an ISO date ``YYYY-MM-DD``. ``place`` is
    where the article was written, as its dateline gives it ("MOSCOW (Reuters) -"), set by the pipeline;
    ``dateline`` is the dateline's place as written when cleaning took the dateline off the text ("MOSCOW").
    """

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    wire: str | None = None
    url: str | None = None
    origin: str = ""
    place: Location | None = None
    dateline: str | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that could not become an article, with the reason a user can act on."""

    origin: str
    reason: str


def coding_failed(article: Article, exc: Exception) -> Skipped:
    """The Skipped of an article whose coding raised ``exc``: its origin (or id) and the exception."""
    return Skipped(article.origin or article.id, f"coding failed: {type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class Timex:
    """A time expression with its TimeML value (``2018-07-16``, ``2018-05``, ``P7Y``, ``PRESENT_REF``)."""

    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None


@dataclass(frozen=True)
class Place:
    """A toponym in the text, resolved against the gazetteer where possible."""

    text: str
    start: int
    end: int
    name: str | None
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None = None  # "country", "city", "region", ...


@dataclass(frozen=True)
class Actor:
    """An entity that acts in the article: a state, an institution, a person, a group."""

    id: str
    name: str
    code: str  # CAMEO-style: country + sectors, e.g. "IRNGOV"
    country: str | None
    sectors: tuple[str, ...]
    kind: Literal["state", "person", "organisation", "group", "igo"]
    mentions: tuple[Span, ...]
    role: str | None = None  # "Supreme Leader adviser", "Energy Minister", ...
    country_basis: CountryBasis | None = None  # how its country was found; None when it has none


Origin = Literal["rules", "model"]
LocationBasis = Literal["text", "article"]
Basis = Literal["named", "place", "home", "unattributed", "implied", "context"]


@dataclass(frozen=True)
class ActorRef:
    """An actor as it appears in an event: id plus the fields a reader needs. ``basis`` says how the
    text gives it: ``named`` (a mention in the event's clause), ``place`` (the country of a place the act
    happened in or was aimed at), ``home`` (the source's own country, for a domestic act),
    ``unattributed`` (unidentified attackers in the country of an attack nobody claimed), ``implied``
    (the doer an agentless act implies by its lexicon entry: "five men were arrested in Karachi" ->
    the Pakistani police) or, for a target, ``context`` (no slot of the act names it: the party its
    sentence or the sentence before names)."""

    actor: str
    name: str
    code: str
    country: str | None
    basis: Basis = "named"


@dataclass(frozen=True)
class Cameo:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class Plover:
    type: str | None
    mode: str | None
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventDate:
    value: str
    precision: Precision
    basis: Literal["text", "publication"]
    text: str | None


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    text: str
    # "text": the event's own words name the place (``text`` holds them); "article": they do not, and the
    # place is the country the article's places name most, at its centre (``text`` is empty)
    basis: LocationBasis = "text"


@dataclass(frozen=True)
class Event:
    id: str
    source: ActorRef | None
    target: ActorRef | None
    cameo: Cameo
    plover: Plover
    modality: Modality
    date: EventDate | None
    location: Location | None
    trigger: Span
    sentence: Offsets
    quote: str | None
    confidence: float
    from_title: bool = False  # coded from the headline (offsets index the title); the body does not report it
    origin: Origin = "rules"  # who proposed it: a trigger frame of the lexicon, or the learned model


@dataclass(frozen=True)
class Speaker:
    actor: str | None
    name: str
    code: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    id: str
    kind: QuoteKind
    text: str
    start: int
    end: int
    speaker: Speaker | None
    cue: Span | None


@dataclass(frozen=True)
class Result:
    """Everything eventwire found in one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[Timex, ...] = ()
    places: tuple[Place, ...] = ()
    notes: tuple[str, ...] = field(default=())


def to_dict(record: Any) -> Any:
    """Turn a record (or a tuple of records) into JSON-ready dicts and lists."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (tuple, list)):
        return [to_dict(item) for item in record]
    return record
