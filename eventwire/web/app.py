"""The FastAPI application: security middleware, the REST API (``/api``) and the pages.

    app = create_app(WebConfig(Settings(db="eventwire.duckdb"), token="secret"))

Every page is rendered on the server from the same query as its JSON twin under ``/api``.
Security: Jinja2 autoescapes every template, a Content-Security-Policy forbids inline and foreign
scripts, request bodies above ``max_body`` bytes get 413, write endpoints need the token, and all
SQL takes its values as parameters.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..errors import EventwireError, InputError
from ..settings import Settings
from .database import Database

HERE = Path(__file__).parent
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


@dataclass(frozen=True)
class WebConfig:
    """How the server runs: the settings (``db`` is the database), the write token, read-only, body limit."""

    settings: Settings
    token: str
    read_only: bool = False
    max_body: int = 5_000_000  # bytes

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(18)


class BodyLimit:
    """ASGI middleware: refuse request bodies larger than ``limit`` bytes with 413."""

    def __init__(self, app: Callable[..., Awaitable[None]], limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse({"detail": f"request body larger than {self.limit} bytes; send smaller articles "
                                           "or start the server with a larger --max-body-mb"}, status_code=413)
        await response({"type": "http"}, _no_receive, send)


class _TooLarge(Exception):
    pass


async def _no_receive() -> MutableMapping[str, Any]:
    return {"type": "http.disconnect"}


class SecurityHeaders:
    """ASGI middleware: add the Content-Security-Policy and friends to every response."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def create_app(config: WebConfig, database: Database | None = None) -> FastAPI:
    """The application over ``config.settings.db`` (opened now; closed when the app shuts down)."""
    from . import pages, rest

    db = database or Database(config.settings, read_only=config.read_only)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="eventwire", version="0.1.0", lifespan=lifespan,
                  description="Political event data from news articles: events, quotes, actors, dyads, network.")
    app.state.db = db
    app.state.config = config
    app.include_router(rest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(EventwireError, _library_error)
    app.add_middleware(BodyLimit, limit=config.max_body)
    app.add_middleware(SecurityHeaders)
    return app


async def _input_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _library_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)
