"""The HTML pages, rendered on the server with Jinja2 (autoescape on) from the same queries as the API.

    /                 dashboard            /api/dashboard
    /events           events table         /api/events
    /articles[/{id}]  annotated article    /api/articles[/{id}]
    /dyads            top dyads            /api/dyads/top
    /dyads?a=&b=      dyad timeline        /api/dyads
    /actors[/{code}]  actor page           /api/actors[/{code}]
    /network          network drawing      /api/network
    /quotes           quote search         /api/quotes
    /extract          paste or upload      POST /api/extract, POST /api/uploads
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from .. import ontology
from ..analysis.layout import MAX_NODES
from ..errors import InputError
from . import charts, queries
from .annotate import annotate
from .rest import CODE_PATH, DATE, Db, Filter, Limit, Offset, _blank

router = APIRouter(include_in_schema=False)
PAGE = 50


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: every ``{{ value }}`` is HTML-escaped."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(FilePath(__file__).parent / "templates"),
                             autoescape=True)
    env.globals["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    env.filters["http_url"] = lambda v: (v if isinstance(v, str) and v.lower().startswith(("http://", "https://"))
                                         else "")
    env.globals["community_colour"] = charts.community_colour
    env.filters["iso"] = lambda v: v.isoformat() if hasattr(v, "isoformat") else ("" if v is None else v)
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status)


def _pages(total: int, limit: int, offset: int, params: dict[str, Any]) -> dict[str, Any]:
    """Links to the previous and next page of a table."""
    prev = {**params, "offset": max(0, offset - limit)} if offset > 0 else None
    nxt = {**params, "offset": offset + limit} if offset + limit < total else None
    return {"total": total, "first": offset + 1 if total else 0, "last": min(total, offset + limit),
            "prev": prev, "next": nxt}


@router.get("/", response_class=HTMLResponse)
def dashboard(db: Db) -> HTMLResponse:
    stored = db.remembered(("dashboard",), queries.dashboard_stored)
    with db.store() as store:
        data = queries.dashboard(store, stored=stored)
    return render("dashboard.html", page="dashboard", data=data)


@router.get("/events", response_class=HTMLResponse)
def events(db: Db, flt: Filter, limit: Limit = PAGE, offset: Offset = 0) -> HTMLResponse:
    with db.store() as store:
        data = queries.events(store, flt, limit, offset)
    params = flt.as_params()
    return render("events.html", page="events", data=data, filters=params, roots=_roots(),
                  nav=_pages(data["total"], data["limit"], offset, {**params, "limit": limit}))


def _roots() -> list[tuple[str, str]]:
    out = []
    for n in range(1, 21):
        root = f"{n:02d}"
        try:
            out.append((root, ontology.root_label(root)))
        except KeyError:
            out.append((root, root))
    return out


@router.get("/articles", response_class=HTMLResponse)
def articles(db: Db, limit: Limit = PAGE, offset: Offset = 0,
             q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    with db.store() as store:
        data = queries.articles(store, limit, offset, _blank(q))
    return render("articles.html", page="articles", data=data, q=q or "",
                  nav=_pages(data["total"], data["limit"], offset, {"q": q, "limit": limit}))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(db: Db, article_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    with db.store() as store:
        record = queries.article(store, article_id)
    if record is None:
        return render("error.html", 404, page="articles", message=f"No article with id {article_id}.")
    return render("article.html", page="articles", record=record, segments=annotate(record), stored=True)


@router.get("/dyads", response_class=HTMLResponse)
def dyad(db: Db, a: Annotated[str, Query(pattern=CODE_PATH)] = "",
         b: Annotated[str, Query(pattern=CODE_PATH)] = "", exact: bool = False) -> HTMLResponse:
    """Both codes: the dyad's timeline and events; otherwise the top dyads (those of the one code given)."""
    if not (a and b):
        actor = _blank(a) or _blank(b)
        top = db.remembered(("top_dyads", actor, PAGE), lambda store: queries.top_dyads(store, actor, PAGE))
        return render("dyad.html", page="dyads", a=(actor or "").upper(), b="", exact=exact, data=None, top=top)
    flt = queries.EventFilter(dyad=(a, b), exact=exact or None)
    with db.store() as store:
        series = queries.dyad_series(store, flt)
        data = {"series": series, "events": queries.events(store, flt, PAGE),
                "chart": charts.timeline(series, name=f"dyad-{a.upper()}-{b.upper()}")}
    return render("dyad.html", page="dyads", a=a.upper(), b=b.upper(), exact=exact, data=data, top=[])


@router.get("/actors", response_class=HTMLResponse)
def actors(db: Db, limit: Limit = 100) -> HTMLResponse:
    rows = db.remembered(("top_actors", limit), lambda store: queries.top_actors(store, limit))
    return render("actors.html", page="actors", actors=rows)


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(db: Db, code: Annotated[str, Path(pattern=CODE_PATH)]) -> HTMLResponse:
    with db.store() as store:
        data = queries.actor(store, code)
    return render("actor.html", page="actors", data=data)


@router.get("/network", response_class=HTMLResponse)
def network(db: Db, since: Annotated[str | None, Query(pattern=DATE)] = None,
            until: Annotated[str | None, Query(pattern=DATE)] = None,
            min_events: Annotated[int, Query(ge=1, le=100_000)] = 1,
            limit: Annotated[int, Query(ge=1, le=MAX_NODES)] = 60) -> HTMLResponse:
    args = (_blank(since), _blank(until), min_events, limit)
    data = db.remembered(("network", *args), lambda store: queries.network(store, *args))
    return render("network.html", page="network", data=data, chart=charts.network(data), max_nodes=MAX_NODES)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(db: Db, speaker: Annotated[str | None, Query(max_length=100)] = None,
           q: Annotated[str | None, Query(max_length=200)] = None,
           limit: Limit = PAGE, offset: Offset = 0) -> HTMLResponse:
    with db.store() as store:
        data = queries.quotes(store, _blank(speaker), _blank(q), limit, offset)
    params = {"speaker": speaker, "q": q, "limit": limit}
    return render("quotes.html", page="quotes", data=data, speaker=speaker or "", q=q or "",
                  nav=_pages(data["total"], data["limit"], offset, params))


# ----------------------------------------------------------------------------- paste, upload, store


@router.get("/extract", response_class=HTMLResponse)
def extract_form(request: Request) -> HTMLResponse:
    return render("extract.html", page="extract", error=None, read_only=request.app.state.config.read_only)


async def _form_text(text: str, upload: UploadFile | None) -> str:
    if upload is not None and upload.filename:
        from ..read import decode

        return decode(await upload.read())
    return text


@router.post("/extract", response_class=HTMLResponse)
async def extract(request: Request, db: Db, text: Annotated[str, Form(max_length=1_000_000)] = "",
                  published: Annotated[str, Form(max_length=40)] = "",
                  title: Annotated[str, Form(max_length=1000)] = "",
                  file: Annotated[UploadFile | None, File()] = None) -> HTMLResponse:
    """Code a pasted or uploaded text (not stored) and show it annotated."""
    body = await _form_text(text, file)
    try:
        from starlette.concurrency import run_in_threadpool

        record = await run_in_threadpool(db.code, body, published=published or None, title=title or None)
    except InputError as exc:
        return render("extract.html", 422, page="extract", error=str(exc),
                      read_only=request.app.state.config.read_only)
    return render("article.html", page="extract", record=record, segments=annotate(record), stored=False)


@router.post("/add")
async def add(request: Request, db: Db, token: Annotated[str, Form(max_length=200)],
              text: Annotated[str, Form(max_length=1_000_000)] = "",
              file: Annotated[UploadFile | None, File()] = None) -> RedirectResponse:
    """Store a pasted text or uploaded file (needs the server's token); shows the ingest job."""
    config = request.app.state.config
    if config.read_only or not secrets.compare_digest(token.encode(), config.token.encode()):
        raise HTTPException(401 if not config.read_only else 403,
                            "wrong token: use the one printed by `eventwire serve`" if not config.read_only
                            else "the server was started with --read-only")
    if file is not None and file.filename:
        job = db.submit([(file.filename, await file.read())])
    else:
        job = db.submit([("pasted.txt", text.encode("utf-8"))])
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job(db: Db, job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{1,32}$")]) -> HTMLResponse:
    found = db.job(job_id)
    if found is None:
        return render("error.html", 404, page="extract", message=f"No job {job_id} (jobs last while the server runs).")
    return render("job.html", page="extract", job=found)
