"""The REST API under ``/api``: the JSON twin of every page, plus coding and ingesting.

Reads need nothing; ``POST /api/articles`` and ``POST /api/uploads`` (they write to the database)
need the server's token as ``Authorization: Bearer TOKEN``. The OpenAPI document is at
``/openapi.json`` and browsable at ``/docs``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Header, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..analysis.layout import MAX_NODES
from . import csvfile, queries
from .database import Database
from .queries import EventFilter


class Problem(BaseModel):
    """Why a request was refused, and what to do instead."""

    detail: str


def _answers(codes: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for refusals: each status code with its meaning and a Problem body."""
    return {code: {"model": Problem, "description": text} for code, text in codes.items()}


router = APIRouter(prefix="/api", tags=["api"], responses=_answers({503: "the database cannot be read"}))
WRITES = _answers({401: "no or wrong token", 403: "the server is read-only", 400: "an input that cannot be read"})

CODE = CODE_PATH = r"^[A-Za-z0-9_-]{0,40}$"
DATE = r"^$|^\d{4}(-\d{2}(-\d{2})?)?$"
DYAD = r"^$|^[A-Za-z0-9_-]{1,40},[A-Za-z0-9_-]{1,40}$"
CONFIDENCE = r"^$|^(0?\.\d{1,6}|[01](\.0{0,6})?)$"  # a number from 0 to 1
MAX_TEXT = 1_000_000


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(database)]
Limit = Annotated[int, Query(ge=0, le=queries.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _pair(value: str | None) -> tuple[str, str] | None:
    """``A,B`` as the pair (A, B); the query pattern has made sure of the comma."""
    pair = _blank(value)
    if pair is None:
        return None
    a, b = pair.split(",", 1)
    return a, b


def event_filter(
    actor: Annotated[str | None, Query(pattern=CODE, description="source or target code starts with it")] = None,
    source: Annotated[str | None, Query(pattern=CODE, description="source code starts with it")] = None,
    target: Annotated[str | None, Query(pattern=CODE, description="target code starts with it")] = None,
    dyad: Annotated[str | None, Query(pattern=DYAD, description="A,B: events A→B or B→A")] = None,
    root: Annotated[str | None, Query(pattern=r"^$|^\d{1,2}$", description="CAMEO root, 01-20")] = None,
    plover: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{0,20}$", description="PLOVER type")] = None,
    quad: Annotated[str | None, Query(pattern=r"^$|^[1-4]$", description="QuadClass 1-4")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="on or after, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="on or before, YYYY-MM-DD")] = None,
    place: Annotated[str | None, Query(max_length=100, description="place name part or country code")] = None,
    article: Annotated[str | None, Query(max_length=100, description="article id")] = None,
    implied: Annotated[bool | None, Query(description="false: leave out events whose source is implied "
                                                      "by their trigger, not given by the text")] = None,
    exact: Annotated[bool | None, Query(description="true: actor, source, target and dyad codes match whole, "
                                                    "not by prefix")] = None,
    min_confidence: Annotated[str | None, Query(
        pattern=CONFIDENCE, description="confidence at least this, 0-1")] = None,
) -> EventFilter:
    """The event filters of a query string (empty values mean no filter)."""
    quadclass = _blank(quad)
    return EventFilter(
        actor=_blank(actor), source=_blank(source), target=_blank(target), dyad=_pair(dyad),
        root=_blank(root), plover=_blank(plover), quad=int(quadclass) if quadclass else None,
        since=_blank(since), until=_blank(until),
        place=_blank(place), article=_blank(article), implied=False if implied is False else None,
        exact=True if exact else None,
        min_confidence=_number(min_confidence),
    )


def _number(value: str | None) -> float | None:
    """A number of the query string (empty: none)."""
    text = _blank(value)
    return float(text) if text else None


Filter = Annotated[EventFilter, Depends(event_filter)]


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Write endpoints: the server's token as ``Authorization: Bearer TOKEN``, and a writable database."""
    config = request.app.state.config
    if config.read_only:
        raise HTTPException(403, "the server was started with --read-only; restart it without to add articles")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not secrets.compare_digest(given.encode(), config.token.encode()):
        raise HTTPException(401, "send the token printed by `eventwire serve` as 'Authorization: Bearer TOKEN'",
                            headers={"WWW-Authenticate": "Bearer"})


# ----------------------------------------------------------------------------- reads


@router.get("/dashboard")
def dashboard(db: Db) -> dict[str, Any]:
    """Totals, events by CAMEO root and PLOVER type, top dyads and actors, latest events."""
    stored = db.remembered(("dashboard",), queries.dashboard_stored)
    with db.store() as store:
        return queries.dashboard(store, stored=stored)


@router.get("/events")
def events(db: Db, flt: Filter, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Events filtered by actor, dyad, CAMEO root, PLOVER type, QuadClass, dates and place; paginated."""
    with db.store() as store:
        return queries.events(store, flt, limit, offset)


@router.get("/events.csv", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}, "description": "every matching event, one per line"}})
def events_csv(db: Db, flt: Filter) -> StreamingResponse:
    """Every event that matches the filters (no page limit) as CSV: the columns of ``/api/events``, streamed."""

    def stream() -> Iterator[str]:
        with db.store() as store:
            yield from csvfile.lines(queries.event_table(store, flt))

    return StreamingResponse(stream(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@router.get("/articles")
def articles(db: Db, limit: Limit = 50, offset: Offset = 0,
             q: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    """Stored articles, newest first, with their event and quote counts; ``q`` searches title and text."""
    with db.store() as store:
        return queries.articles(store, limit, offset, _blank(q))


@router.get("/articles/{article_id}", responses=_answers({404: "no such article"}))
def article(db: Db, article_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """One stored article in the shape of the output contract."""
    with db.store() as store:
        found = queries.article(store, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}; list them at /api/articles")
    return found


@router.get("/quotes")
def quotes(db: Db, speaker: Annotated[str | None, Query(max_length=100)] = None,
           q: Annotated[str | None, Query(max_length=200, description="text contains")] = None,
           limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Quotes by speaker (name part or code prefix) and text search."""
    with db.store() as store:
        return queries.quotes(store, _blank(speaker), _blank(q), limit, offset)


@router.get("/actors")
def actors(db: Db, limit: Limit = 50) -> dict[str, Any]:
    """Actor codes by number of events."""
    return {"actors": db.remembered(("top_actors", limit), lambda store: queries.top_actors(store, limit))}


@router.get("/actors/{code}")
def actor(db: Db, code: Annotated[str, Path(pattern=CODE_PATH, min_length=1)], limit: Limit = 50) -> dict[str, Any]:
    """One actor code: names, events, quotes, neighbours."""
    with db.store() as store:
        return queries.actor(store, code, limit)


@router.get("/dyads")
def dyad(db: Db, a: Annotated[str, Query(pattern=r"^[A-Za-z0-9_-]{1,40}$")],
         b: Annotated[str, Query(pattern=r"^[A-Za-z0-9_-]{1,40}$")], limit: Limit = 50,
         exact: Annotated[bool, Query(description="true: the two codes whole, not by prefix")] = False,
         ) -> dict[str, Any]:
    """Events between A and B per month (counts by QuadClass, mean Goldstein), and the latest of them."""
    flt = EventFilter(dyad=(a, b), exact=exact or None)
    with db.store() as store:
        series = queries.dyad_series(store, flt)
        latest = queries.events(store, flt, limit)
    return {"a": a.upper(), "b": b.upper(), "exact": exact, "freq": "month", "series": series, "events": latest}


@router.get("/dyads/top")
def top_dyads(db: Db, actor: Annotated[str | None, Query(pattern=CODE, description="either code starts with it")]
              = None, limit: Limit = 50) -> dict[str, Any]:
    """The pairs of actor codes with most events between them (both directions), with direction and conflict counts."""
    code = _blank(actor)
    return {"actor": code, "dyads": db.remembered(("top_dyads", code, limit),
                                                  lambda store: queries.top_dyads(store, code, limit))}


@router.get("/network")
def network(db: Db, since: Annotated[str | None, Query(pattern=DATE)] = None,
            until: Annotated[str | None, Query(pattern=DATE)] = None,
            min_events: Annotated[int, Query(ge=1, le=100_000)] = 1,
            limit: Annotated[int, Query(ge=1, le=MAX_NODES)] = 60) -> dict[str, Any]:
    """Who acts on whom: the ``limit`` most active actor codes placed by a force-directed layout (``x``, ``y`` in
    0…1) with their community, and the directed edges between them with counts and mean Goldstein."""
    args = (_blank(since), _blank(until), min_events, limit)
    return db.remembered(("network", *args), lambda store: queries.network(store, *args))


@router.get("/watch")
def watch(db: Db, runs: Annotated[int, Query(ge=1, le=100)] = 5) -> dict[str, Any]:
    """The sources `eventwire watch` follows: each one's last run and status, articles the last run stored,
    articles stored in all, errors and the last error, and its latest ``runs`` passes; ``trouble`` says why the
    server's last pass failed as a whole, if it did."""
    with db.store() as store:
        return {"sources": queries.watch(store, runs), "trouble": db.watch_trouble}


# ----------------------------------------------------------------------------- coding and ingesting


class ArticleIn(BaseModel):
    """An article to code: its text and optional metadata."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published: str | None = Field(default=None, max_length=40)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)


class ArticlesIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


def _metadata(item: ArticleIn) -> dict[str, str | None]:
    return {"published": item.published or None, "title": item.title or None, "url": item.url or None,
            "source": item.source or None}


@router.post("/extract", responses=_answers({400: "a text with nothing to code"}))
def extract(db: Db, item: ArticleIn) -> dict[str, Any]:
    """Code one pasted article without storing it; the answer has the shape of the output contract."""
    return db.code(item.text, **_metadata(item))


@router.get("/jobs/{job_id}", responses=_answers({404: "no such job"}))
def job(db: Db, job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{1,32}$")]) -> dict[str, Any]:
    """The state of an ingest sent with POST /api/articles or /api/uploads."""
    found = db.job(job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept while the server runs)")
    return asdict(found)


@router.post("/articles", status_code=202, dependencies=[Depends(require_token)], responses=WRITES)
def add_articles(db: Db, body: ArticlesIn) -> dict[str, Any]:
    """Code and store articles (in the background, one ingest at a time); poll /api/jobs/{id}."""
    lines = [json.dumps({"text": a.text, **{k: v for k, v in _metadata(a).items() if v}}, ensure_ascii=False)
             for a in body.articles]
    return asdict(db.submit([("articles.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))]))


@router.post("/uploads", status_code=202, dependencies=[Depends(require_token)], responses=WRITES)
def upload(db: Db,
           files: Annotated[list[UploadFile], File(description="txt, md, html, json or jsonl")]) -> dict[str, Any]:
    """Code and store uploaded files (in the background); poll /api/jobs/{id}."""
    return asdict(db.submit([(f.filename or "", f.file.read()) for f in files]))
