"""RSS and Atom feeds (feedparser): the entries of a fetched feed as plain records.

    items = parse_feed(body, url)     # FeedItem(url, title, published) per entry with a link, oldest first

feedparser is only handed bytes already fetched (never a URL), so it never goes to the network itself.
A document that is no feed raises :class:`~eventwire.errors.FetchError` saying so.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..errors import FetchError


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: the article's URL, and the title and date the feed gives it."""

    url: str
    title: str | None
    published: str | None  # ISO date


def is_feed(body: bytes) -> bool:
    """Whether ``body`` is an RSS or Atom document (by its first element, not by its server's word)."""
    head = body[:2048].lstrip().lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
    while head.startswith(b"<!--") and b"-->" in head:
        head = head[head.find(b"-->") + 3:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The entries of the feed in ``body`` that link to an article, oldest first (by the feed's dates,
    else in reverse of the feed's order, which lists the newest first). Relative links resolve against
    ``url``."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.get("entries"):
        problem = parsed.get("bozo_exception")
        raise FetchError(f"{url}: not an RSS or Atom feed ({problem or 'no feed element'}); "
                         "give it as a page (--page) if it is an article")
    items = [item for entry in parsed.entries if (item := _item(entry, url)) is not None]
    items.reverse()
    return sorted(items, key=lambda item: item.published or "")


def _item(entry: Any, base: str) -> FeedItem | None:
    link = entry.get("link") or next((x.get("href") for x in entry.get("links", []) if x.get("href")), None)
    if not link:
        return None
    title = " ".join(str(entry.get("title") or "").split()) or None
    return FeedItem(url=urljoin(base, str(link).strip()), title=title, published=_date(entry))


def _date(entry: Any) -> str | None:
    """The entry's publication (else update) date as an ISO date, unless it lies in the future."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not isinstance(stamp, time.struct_time):
        return None
    day = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None if day > dt.date.today() + dt.timedelta(days=1) else day.isoformat()
