"""Polite HTTP: one GET at a time, with a per-host pace, conditional requests, timeouts, retries and a clear
user agent.

    fetcher = Fetcher(FetchPolicy(host_interval=2.0, allow_hosts=("127.0.0.1",)))
    page = fetcher.get(url, etag=..., last_modified=...)   # Page(status=200 or 304, body, etag, ...)

What is polite, and what each failure becomes:

    FetchError                  why a URL could not be had; the watcher records it against its source
      ├── refused at once       a scheme other than http(s), a host not in ``allow_hosts``, a URL the site's
      │                         robots.txt disallows, a 4xx answer
      └── after the retries     timeouts, refused connections, 429 and 5xx answers: ``retries`` more tries,
                                waiting ``backoff`` seconds, doubled each time (or the server's Retry-After)

A site's robots.txt is read first (once a day): a URL it disallows for this user agent is not fetched,
and its Crawl-delay, when longer, replaces ``host_interval``. Requests to one host are spaced
``host_interval`` seconds apart; answers may come gzipped. ``etag`` and ``last_modified`` are sent as
If-None-Match and If-Modified-Since, so an unchanged feed answers 304 with no body. Redirects are
followed only to allowed hosts. With ``allow_hosts`` set, proxies are not used (a proxy is another host).
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import Message
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import FetchError

USER_AGENT = f"eventwire/{__version__} (news event coder; polite fetcher: conditional requests, rate limited)"
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # seconds: a longer Retry-After is capped
ROBOTS_TTL = 86_400.0  # seconds a site's robots.txt is kept before it is read again
MAX_CRAWL_DELAY = 60.0  # seconds: a longer Crawl-delay is capped


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True)
class FetchPolicy:
    """How the watcher fetches: each field is an option of ``eventwire watch`` (docs/watch.md)."""

    user_agent: str = field(default=USER_AGENT, metadata=_help("The User-Agent header of every request."))
    timeout: float = field(default=20.0, metadata=_help("Seconds to wait for a server before giving up a try."))
    retries: int = field(default=2, metadata=_help("More tries after a timeout, a refused connection, 429 or 5xx."))
    backoff: float = field(default=2.0, metadata=_help("Seconds before the first retry, doubled for each next one."))
    host_interval: float = field(default=1.0, metadata=_help("Least seconds between two requests to one host."))
    max_bytes: int = field(default=20_000_000, metadata=_help("Largest answer read, in bytes."))
    allow_hosts: tuple[str, ...] = field(default=(), metadata=_help(
        "Hosts that may be fetched (none given: any). Redirects elsewhere are refused."))
    robots: bool = field(default=True, metadata=_help(
        "Obey each site's robots.txt: its Disallow rules for this user agent, and its Crawl-delay."))


@dataclass(frozen=True)
class Page:
    """One answer: 200 with its body, or 304 (not modified since the ETag or date sent) with none."""

    url: str  # after redirects
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str


class _AllowedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, check: Callable[[str], None]) -> None:
        self.check = check

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: HTTPMessage, newurl: str) -> urllib.request.Request | None:
        self.check(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`; one instance keeps the pace of every host it has met."""

    def __init__(self, policy: FetchPolicy, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy
        self._clock, self._sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}  # a host's Crawl-delay
        self._rules: dict[str, tuple[float, RobotFileParser | None]] = {}  # a site's robots.txt, when read
        self._lock = threading.Lock()
        handlers: list[urllib.request.BaseHandler] = [_AllowedRedirects(self.check)]
        if policy.allow_hosts:
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    def check(self, url: str) -> None:
        """Raise :class:`FetchError` for a URL this policy may not fetch."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: not an http(s) URL; give feeds and pages as http:// or https:// URLs")
        if self.policy.allow_hosts and parts.hostname not in self.policy.allow_hosts:
            allowed = ", ".join(self.policy.allow_hosts)
            raise FetchError(f"{url}: host {parts.hostname} is not allowed (allowed: {allowed}); "
                             "add it with --allow-host or leave the option out")

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET ``url`` politely (conditionally when ``etag`` or ``last_modified`` is given)."""
        self.check(url)
        if self.policy.robots:
            rules = self._robots(url)
            if rules is not None and not rules.can_fetch(self.policy.user_agent, url):
                raise FetchError(f"{url}: the site's robots.txt disallows it for this user agent; not fetched")
        return self._get(url, etag, last_modified)

    def _get(self, url: str, etag: str | None, last_modified: str | None) -> Page:
        attempt = 0
        while True:
            try:
                return self._try(url, etag, last_modified)
            except _Retry as retry:
                if attempt >= self.policy.retries:
                    tries = f"{attempt + 1} tries" if attempt else "1 try"
                    raise FetchError(f"{url}: {retry.reason} (after {tries})", transient=True) from None
                self._sleep(retry.after if retry.after is not None else self.policy.backoff * 2 ** attempt)
                attempt += 1

    def _try(self, url: str, etag: str | None, last_modified: str | None) -> Page:
        headers = {"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_turn(urlsplit(url).hostname or "")
        try:
            with self._opener.open(urllib.request.Request(url, headers=headers),
                                   timeout=self.policy.timeout) as answer:
                body = self._body(answer.read(self.policy.max_bytes + 1), answer.headers, url)
                return _page(answer.geturl(), answer.status, body, answer.headers)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return _page(exc.geturl() or url, 304, b"", exc.headers)
            if exc.code in RETRY_STATUSES:
                raise _Retry(f"HTTP {exc.code} {exc.reason}", _retry_after(exc.headers)) from None
            raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}; check the URL") from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.policy.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, FetchError):
                raise exc.reason from None
            raise _Retry(f"cannot connect: {exc.reason}") from None
        except (ConnectionError, OSError) as exc:
            raise _Retry(f"connection failed: {exc}") from None

    def _body(self, raw: bytes, headers: Message, url: str) -> bytes:
        """The answer's body, unzipped when it came gzipped; FetchError when larger than ``max_bytes``."""
        limit = self.policy.max_bytes
        body = raw
        if (headers.get("Content-Encoding") or "").strip().lower() == "gzip" and len(raw) <= limit:
            try:
                body = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw, limit + 1)
            except zlib.error as exc:
                raise FetchError(f"{url}: the gzipped answer is broken ({exc})", transient=True) from None
        if len(raw) > limit or len(body) > limit:
            raise FetchError(f"{url}: larger than {limit} bytes; not read")
        return body

    def _robots(self, url: str) -> RobotFileParser | None:
        """The robots.txt rules of ``url``'s site (read at most once a day), None when it has none or
        cannot be read; its Crawl-delay, when longer than ``host_interval``, paces the host."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._rules.get(site)
        if cached is not None and self._clock() - cached[0] < ROBOTS_TTL:
            return cached[1]
        rules: RobotFileParser | None = None  # none (4xx) or unreachable: nothing is forbidden
        with suppress(FetchError):
            text = self._get(site + "/robots.txt", None, None).body.decode("utf-8", "replace")
            rules = RobotFileParser()
            rules.parse(text.splitlines())
        delay = rules.crawl_delay(self.policy.user_agent) if rules is not None else None
        if delay:
            host, pause = parts.hostname or "", min(float(delay), MAX_CRAWL_DELAY)
            with self._lock:  # the robots.txt request just made counts as the host's last one
                self._delays[host] = pause
                self._next[host] = max(self._next.get(host, 0.0), self._clock() + pause)
        self._rules[site] = (self._clock(), rules)
        return rules

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``host`` may be asked again, and book its next turn."""
        with self._lock:
            now = self._clock()
            turn = max(now, self._next.get(host, now))
            self._next[host] = turn + max(self.policy.host_interval, self._delays.get(host, 0.0))
        if turn > now:
            self._sleep(turn - now)


class _Retry(Exception):
    """A failure worth another try, with the server's Retry-After when it gave one."""

    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.after = reason, after


def _retry_after(headers: Message | None) -> float | None:
    value = (headers.get("Retry-After") if headers is not None else None) or ""
    return min(float(value), MAX_RETRY_AFTER) if value.strip().isdigit() else None


def _page(url: str, status: int, body: bytes, headers: Message | None) -> Page:
    def header(name: str) -> str | None:
        return headers.get(name) if headers is not None else None

    return Page(url=url, status=status, body=body, etag=header("ETag"), last_modified=header("Last-Modified"),
                content_type=(header("Content-Type") or "").split(";")[0].strip().lower())
