"""A news site on loopback for the watcher's tests: feeds and article pages written for them, served by
http.server in a thread, with every request logged.

    /slow/rss.xml     RSS 2.0, answers after ``slow`` seconds
    /broken/rss.xml   always HTTP 500
    /live/atom.xml    Atom; ``site.publish(name)`` adds an entry; ETag and Last-Modified, 304 when unchanged
    /robots.txt       ``site.robots``: /private/ is off limits
    /pages/NAME.html  the article NAME (gzipped when the client accepts it)
    /flaky/NAME.html  the article NAME, after ``flaky`` answers of HTTP 503
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Articles written for these tests: name -> (title, date, text).
ARTICLES = {
    "norway": ("Norway and Chile sign fisheries deal", "2024-03-04",
               "Norway's foreign minister met her Chilean counterpart in Oslo on Monday to discuss fishing rights "
               "in the South Pacific.\n\nThe two ministers signed an agreement on research vessels, officials "
               "said after the meeting."),
    "kenya": ("Police arrest protesters in Nairobi", "2024-03-05",
              "Kenyan police arrested twelve protesters in Nairobi on Tuesday after a march against rising fuel "
              "prices turned violent.\n\nThe interior ministry said the protesters had blocked a main road for "
              "several hours."),
    "peru": ("Peru recalls ambassador from Bolivia", "2024-03-06",
             "The government of Peru recalled its ambassador from Bolivia on Wednesday, accusing La Paz of "
             "meddling in a regional election.\n\nBolivia's foreign ministry rejected the accusation and called "
             "for talks."),
    "japan": ("Japan and South Korea resume security talks", "2024-03-07",
              "Japan and South Korea agreed on Thursday to resume regular security talks, suspended for two "
              "years.\n\nThe defence ministers of both countries will meet in Tokyo next month, a government "
              "spokesman said."),
    "brazil": ("Brazil criticises Argentine tariffs", "2024-03-08",
               "Brazil's president criticised Argentina's new trade tariffs during a speech in Brasilia on Friday, "
               "saying they would hurt farmers on both sides of the border.\n\nArgentina has not yet responded to "
               "the remarks."),
    "egypt": ("Nile talks in Cairo end without a deal", "2024-03-09",
              "Egyptian mediators hosted delegations from Sudan and Ethiopia in Cairo on Saturday for talks over "
              "the Nile dam.\n\nThe meeting ended without a deal, but the three sides promised to meet again "
              "within weeks."),
    "mexico": ("Mexico and the United States review water treaty", "2024-03-11",
               "Mexican and American negotiators met in Washington on Monday to review a water-sharing treaty "
               "along the Rio Grande.\n\nBoth delegations described the talks as constructive and agreed to "
               "publish new river data every month."),
}
ARTICLES["norway-copy"] = ARTICLES["norway"]  # the same article at a second URL

# Articles for the watched folder.
FILES = {
    "canada.txt": "Canadian officials condemned a cyber attack on the national weather service on Sunday and "
                  "blamed a group based abroad. Ottawa said it would work with allies to find those responsible.",
    "india.txt": "Indian and Nepalese officials opened a new border crossing on Monday, the first in ten years. "
                 "Both governments praised the project as a sign of trust.",
    "ghana.md": "Ghana's parliament approved a loan from the World Bank on Tuesday to build rural schools. "
                "Opposition lawmakers walked out of the chamber in protest against the terms of the deal.",
}


def page_html(name: str) -> str:
    title, date, text = ARTICLES[name]
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (f'<!doctype html><html><head><title>{escape(title)}</title><meta name="date" content="{date}">'
            f"</head><body><nav><a href=\"/\">Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}"
            "</article><footer>The Loopback Herald</footer></body></html>")


def rss(base: str, names: list[str]) -> str:
    items = "".join(f"<item><title>{escape(ARTICLES[n][0])}</title><link>{base}/pages/{n}.html</link>"
                    f"<pubDate>{_rfc822(ARTICLES[n][1])}</pubDate></item>" for n in names)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow news</title><link>{base}/</link>'
            f"<description>Slow but steady</description>{items}</channel></rss>")


def atom(base: str, links: list[str]) -> str:
    entries = "".join(f"<entry><title>Item {i}</title><id>urn:live:{i}</id><link href=\"{link}\"/>"
                      f"<updated>2024-03-{10 + i:02d}T08:00:00Z</updated></entry>" for i, link in enumerate(links))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Live</title>'
            f"<id>urn:live</id><updated>2024-03-20T08:00:00Z</updated>{entries}</feed>")


def _rfc822(day: str) -> str:
    return time.strftime("%a, %d %b %Y 08:00:00 GMT", time.strptime(day, "%Y-%m-%d"))


@dataclass
class Request:
    path: str
    status: int
    headers: dict[str, str]


@dataclass
class Site:
    """The site's content and its request log; ``live`` lists the live feed's links (relative or absolute)."""

    slow: float = 0.5
    live: list[str] = field(default_factory=list)
    log: list[Request] = field(default_factory=list)
    base: str = ""
    changed_at: float = field(default_factory=time.time)
    flaky: int = 2  # how many requests under /flaky/ answer 503 before the page is served
    robots: str = "User-agent: *\nDisallow: /private/\n"

    def publish(self, *links: str) -> None:
        self.live += links
        self.changed_at = time.time()

    def fetched(self, path: str) -> int:
        """How many GETs of ``path`` were answered (any status)."""
        return sum(1 for r in self.log if r.path == path)

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/slow/rss.xml":
            time.sleep(self.slow)
            return 200, {"Content-Type": "application/rss+xml"}, rss(self.base, ["norway", "kenya", "peru"]).encode()
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, self.robots.encode()
        if path == "/broken/rss.xml":
            return 500, {"Content-Type": "text/plain"}, b"the feed generator crashed"
        if path == "/live/atom.xml":
            return self._conditional(atom(self.base, self.live).encode(), headers)
        name = path.rsplit("/", 1)[-1].removesuffix(".html")
        if path.startswith("/flaky/") and name in ARTICLES:
            self.flaky -= 1
            if self.flaky >= 0:
                return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy, come back later"
        if path.startswith(("/pages/", "/flaky/", "/private/")) and name in ARTICLES:
            body = page_html(name).encode()
            if "gzip" in headers.get("Accept-Encoding", ""):
                return 200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}, gzip.compress(body)
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body
        return 404, {"Content-Type": "text/plain"}, b"no such page"

    def _conditional(self, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        validators = {"ETag": tag, "Last-Modified": formatdate(self.changed_at, usegmt=True),
                      "Content-Type": "application/atom+xml"}
        if headers.get("If-None-Match") == tag:
            return 304, validators, b""
        return 200, validators, body


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = dict(self.headers.items())
            status, extra, body = site.answer(self.path, headers)
            site.log.append(Request(self.path, status, headers))
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    """The site on a free port of 127.0.0.1, in a thread, for the duration of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
