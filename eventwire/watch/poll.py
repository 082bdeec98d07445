"""One poll of one source: what is new there, read into articles (nothing is coded or stored here).

    feed     GET the feed (conditional: ETag, Last-Modified) ─► entries not seen ─► GET each page ─► article
    page     GET the page, unless it was read before ─► article
    url      GET it; a feed document makes it a feed from now on, anything else a page
    folder   files that are new or changed (modification time and size) ─► read_inputs

An article URL or file once read is never fetched again (``watch_items``); a fetch that failed for a
passing reason (a timeout, HTTP 5xx) is tried again on the next polls, up to :data:`MAX_ATTEMPTS` times in
all; one that cannot succeed (HTTP 404, a host that is not allowed) is not. Each found item carries what
was read from it: articles, or Skipped records with the reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import FetchError, InputError
from ..models import Article, Skipped
from ..read import KINDS, article_from_html, decode, read_inputs
from ..settings import Settings
from .feeds import FeedItem, is_feed, parse_feed
from .fetch import Fetcher
from .state import DONE, Item, Source, WatchState

MAX_ATTEMPTS = 3  # tries of one article URL across polls before it is given up


@dataclass(frozen=True)
class Found:
    """One new or changed item and what was read from it."""

    item: str
    version: str | None
    read: tuple[Article | Skipped, ...]
    attempts: int = 1  # tries so far, this one included
    failure: str = ""  # why no page was had: "transient" (worth another try on a later poll), "lasting", or ""


@dataclass
class Harvest:
    """What one poll of a source found: the source (with its kind and validators brought up to date),
    the items, and the errors of the source itself (a feed that could not be fetched)."""

    source: Source
    found: list[Found] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unchanged: bool = False


def poll(source: Source, state: WatchState, fetcher: Fetcher, settings: Settings) -> Harvest:
    """What is new at ``source`` since the last poll; a failure of the source itself is in ``errors``."""
    try:
        if source.kind == "folder":
            return Harvest(source, _folder_items(source, state, settings))
        if source.kind == "page":
            return _poll_page(source, state, fetcher, settings)
        return _poll_feed(source, state, fetcher, settings)
    except (FetchError, InputError, OSError) as exc:
        return Harvest(source, errors=[str(exc)])


def _poll_feed(source: Source, state: WatchState, fetcher: Fetcher, settings: Settings) -> Harvest:
    answer = fetcher.get(source.location, etag=source.etag, last_modified=source.last_modified)
    if answer.status == 304:
        return Harvest(source, unchanged=True)
    if source.kind == "url" and not is_feed(answer.body):
        source = state.set_kind(source, "page")
        return Harvest(source, [_page_found(source.location, answer.body, 1, settings)])
    if source.kind == "url":
        source = state.set_kind(source, "feed")
    entries = parse_feed(answer.body, answer.url)
    source = replace(source, etag=answer.etag, last_modified=answer.last_modified)
    seen = state.items([entry.url for entry in entries])
    found = [_fetch_entry(entry, seen.get(entry.url), fetcher, settings) for entry in entries
             if _wanted(seen.get(entry.url))]
    return Harvest(source, found, unchanged=not found)


def _poll_page(source: Source, state: WatchState, fetcher: Fetcher, settings: Settings) -> Harvest:
    before = state.items([source.location]).get(source.location)
    if not _wanted(before):
        return Harvest(source, unchanged=True)
    entry = FeedItem(source.location, None, None)
    return Harvest(source, [_fetch_entry(entry, before, fetcher, settings)])


def _wanted(seen: Item | None) -> bool:
    """Whether an item should be fetched: never seen, or failed fewer than MAX_ATTEMPTS times."""
    return seen is None or (seen.status not in DONE and seen.attempts < MAX_ATTEMPTS)


def _fetch_entry(entry: FeedItem, seen: Item | None, fetcher: Fetcher, settings: Settings) -> Found:
    attempts = (seen.attempts if seen else 0) + 1
    try:
        answer = fetcher.get(entry.url)
    except FetchError as exc:
        failure = "transient" if exc.transient else "lasting"
        return Found(entry.url, None, (Skipped(entry.url, str(exc)),), attempts, failure)
    found = _page_found(entry.url, answer.body, attempts, settings)
    return replace(found, read=tuple(_with_entry(a, entry) for a in found.read))


def _page_found(url: str, body: bytes, attempts: int, settings: Settings) -> Found:
    """The article in a fetched page, or the reason there is none."""
    try:
        article = article_from_html(decode(body), origin=url, url=url, clean=settings.clean,
                                    max_chars=settings.max_chars)
    except InputError as exc:
        return Found(url, None, (Skipped(url, str(exc)),), attempts)
    return Found(url, None, (article,), attempts)


def _with_entry(read: Article | Skipped, entry: FeedItem) -> Article | Skipped:
    """The article with the feed's title and date where the page gave none."""
    if isinstance(read, Skipped):
        return read
    return replace(read, title=read.title or entry.title, published=read.published or entry.published)


def _folder_items(source: Source, state: WatchState, settings: Settings) -> list[Found]:
    """Article files below the folder that are new or changed since they were last read."""
    root = Path(source.location)
    if not root.is_dir():
        raise InputError(f"{root}: the folder is gone; restore it or stop following it (--drop)")
    files = {str(path): _version(path) for path in _article_files(root)}
    seen = state.items(list(files))
    changed = [path for path, version in files.items() if seen.get(path) is None or seen[path].version != version]
    return [Found(path, files[path], tuple(read_inputs([path], clean=settings.clean, max_chars=settings.max_chars)))
            for path in changed]


def _article_files(root: Path) -> list[Path]:
    """Files below ``root`` of a kind the reader takes, hidden ones and others (partial downloads,
    editors' temporary files) left out, in sorted order."""
    out = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        out += [Path(folder, name) for name in sorted(names)
                if not name.startswith(".") and Path(name).suffix.lower() in KINDS]
    return out


def _version(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_mtime_ns}:{stat.st_size}"
