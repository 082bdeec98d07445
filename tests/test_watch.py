"""The watcher against a news site on loopback (tests/newsroom.py): feeds, pages and a folder, polled across
restarts; every article stored once, errors recorded per source, no connection anywhere but 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from newsroom import ARTICLES, FILES, Site, serving
from test_ingest import toy_coder

from eventwire.cli import main
from eventwire.errors import FetchError, InputError
from eventwire.settings import Settings
from eventwire.store import Store
from eventwire.watch import Fetcher, FetchPolicy, Watcher, source_from, status
from eventwire.watch.feeds import is_feed, parse_feed
from eventwire.watch.poll import MAX_ATTEMPTS

POLITE = FetchPolicy(timeout=3.0, retries=1, backoff=0.05, host_interval=0.01, allow_hosts=("127.0.0.1",))
OUTSIDE = "http://news.invalid/pages/elsewhere.html"


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host this process opens a connection to, while the test runs."""
    hosts: list[str] = []
    real = socket.create_connection

    def recording(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        hosts.append(address[0])
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return hosts


@pytest.fixture
def site() -> Iterator[Site]:
    with serving(Site(slow=0.5, live=["/pages/japan.html", "/pages/peru.html", OUTSIDE])) as running:
        yield running


def _write_files(folder: Path, names: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text(FILES[name], encoding="utf-8")


def _rows(db: str, sql: str) -> list[tuple[Any, ...]]:
    with Store.open(db, read_only=True) as store:
        return store.connection.execute(sql).fetchall()


def _three_passes(site: Site, inbox: Path, poll: Any) -> None:
    """Poll three times (each ``poll`` may be a restart), the live feed and the folder changing between."""
    poll()
    site.publish("/pages/brazil.html", "/pages/norway-copy.html")
    _write_files(inbox, ["ghana.md"])
    (inbox / "india.txt").write_text(FILES["india.txt"] + " Trade across it is expected to double.\n")
    poll()
    site.publish("/pages/egypt.html")
    poll()
    poll()  # nothing changed: the live feed answers 304


def _check_the_store(db: str, site: Site, inbox: Path, connections: list[str]) -> None:
    pages = [name for name in ARTICLES]
    assert {site.fetched(f"/pages/{name}.html") for name in pages} == {1}, "every page is fetched exactly once"
    urls = [row[0] for row in _rows(db, "SELECT url FROM articles WHERE url IS NOT NULL")]
    assert sorted(urls) == sorted(f"{site.base}/pages/{n}.html" for n in pages if n != "norway-copy")
    origins = [row[0] for row in _rows(db, "SELECT origin FROM articles WHERE url IS NULL")]
    assert sorted(Path(o).name for o in origins) == ["canada.txt", "ghana.md", "india.txt", "india.txt"]
    assert _rows(db, "SELECT count(*), count(DISTINCT key) FROM articles") == [(11, 11)]
    by_source = {row["location"]: row for row in _status(db)}
    broken = by_source[f"{site.base}/broken/rss.xml"]
    assert broken["last_status"] == "error" and broken["errors"] == 4 and "HTTP 500" in broken["last_error"]
    assert site.fetched("/broken/rss.xml") == 4 * (POLITE.retries + 1)
    live = by_source[f"{site.base}/live/atom.xml"]
    assert live["last_status"] == "unchanged" and live["articles"] == 3 and live["errors"] == 1
    assert [r.status for r in site.log if r.path == "/live/atom.xml"] == [200, 200, 200, 304]
    assert by_source[f"{site.base}/slow/rss.xml"]["articles"] == 3
    assert by_source[f"{site.base}/pages/mexico.html"]["kind"] == "page"
    assert by_source[str(inbox.resolve())]["articles"] == 4
    outside = _rows(db, f"SELECT status, attempts, reason FROM watch_items WHERE item = '{OUTSIDE}'")
    assert outside[0][:2] == ("failed", 1) and "not allowed" in outside[0][2]  # a refusal is not tried again
    assert set(connections) == {"127.0.0.1"}, "no request goes anywhere but loopback"
    assert all("eventwire/" in r.headers.get("User-Agent", "") for r in site.log)


def _status(db: str) -> list[dict[str, Any]]:
    with Store.open(db, read_only=True) as store:
        return status(store.connection)


def _sources(site: Site, inbox: Path) -> list[Any]:
    return [source_from(f"{site.base}/slow/rss.xml"), source_from(f"{site.base}/broken/rss.xml", "feed"),
            source_from(f"{site.base}/live/atom.xml", "feed"), source_from(f"{site.base}/pages/mexico.html"),
            source_from(str(inbox))]


def test_three_feeds_a_page_and_a_folder_across_restarts(tmp_path: Path, site: Site,
                                                        connections: list[str]) -> None:
    db, inbox = str(tmp_path / "watch.duckdb"), tmp_path / "inbox"
    _write_files(inbox, ["canada.txt", "india.txt"])
    settings = Settings(db=db)
    Watcher(settings, POLITE, make_coder=toy_coder).follow(_sources(site, inbox))

    def restart_and_poll() -> None:  # a new watcher each time: what it knows comes from the store
        Watcher(settings, POLITE, make_coder=toy_coder).poll()

    _three_passes(site, inbox, restart_and_poll)
    _check_the_store(db, site, inbox, connections)


@pytest.mark.model
def test_eventwire_watch_with_the_real_pipeline_across_restarts(tmp_path: Path, site: Site,
                                                                connections: list[str]) -> None:
    db, inbox = str(tmp_path / "watch.duckdb"), tmp_path / "inbox"
    _write_files(inbox, ["canada.txt", "india.txt"])
    polite = ["--timeout", "3", "--retries", "1", "--backoff", "0.05", "--host-interval", "0.01",
              "--allow-host", "127.0.0.1"]
    first = [f"{site.base}/slow/rss.xml", "--feed", f"{site.base}/broken/rss.xml", "--feed",
             f"{site.base}/live/atom.xml", f"{site.base}/pages/mexico.html", "--folder", str(inbox)]
    runs = iter([first, [], [], []])

    def command_run() -> None:  # each run a new command: the sources come from the database after the first
        result = CliRunner().invoke(main, ["watch", "--once", "--db", db, *polite, *next(runs)])
        assert result.exit_code == 0, result.output

    _three_passes(site, inbox, command_run)
    _check_the_store(db, site, inbox, connections)
    assert _rows(db, "SELECT count(*) FROM events")[0][0] >= 5
    listing = CliRunner().invoke(main, ["watch", "--status", "--db", db])
    assert listing.exit_code == 0 and "HTTP 500" in listing.output and "unchanged" in listing.output


# ----------------------------------------------------------------------------- the fetcher


def test_a_slow_server_times_out_and_is_tried_again_with_backoff(site: Site) -> None:
    waits: list[float] = []
    fetcher = Fetcher(FetchPolicy(timeout=0.2, retries=2, backoff=0.5, host_interval=0, allow_hosts=("127.0.0.1",)),
                      sleep=waits.append)
    with pytest.raises(FetchError, match=r"no answer within 0.2 s \(after 3 tries\)"):
        fetcher.get(f"{site.base}/slow/rss.xml")
    assert waits == [0.5, 1.0] and site.fetched("/slow/rss.xml") >= 1


def test_a_missing_page_is_not_tried_again(site: Site) -> None:
    waits: list[float] = []
    fetcher = Fetcher(POLITE, sleep=waits.append)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(f"{site.base}/pages/nothing.html")
    assert all(w <= POLITE.host_interval for w in waits)  # only the host's pace, no backoff
    assert site.fetched("/pages/nothing.html") == 1


def test_conditional_requests_get_304_when_nothing_changed(site: Site) -> None:
    fetcher = Fetcher(POLITE)
    first = fetcher.get(f"{site.base}/live/atom.xml")
    again = fetcher.get(f"{site.base}/live/atom.xml", etag=first.etag, last_modified=first.last_modified)
    assert (first.status, again.status, again.body) == (200, 304, b"")
    assert site.log[-1].headers["If-None-Match"] == first.etag


@pytest.mark.parametrize("url", ["http://example.org/feed.xml", "ftp://127.0.0.1/feed.xml", "file:///etc/passwd"])
def test_hosts_and_schemes_outside_the_policy_are_refused_before_connecting(url: str, connections: list[str]) -> None:
    with pytest.raises(FetchError):
        Fetcher(POLITE).get(url)
    assert connections == []


def test_requests_to_one_host_are_spaced() -> None:
    clock = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        clock[0] += seconds

    fetcher = Fetcher(FetchPolicy(host_interval=2.0), clock=lambda: clock[0], sleep=sleep)
    for host in ["a.test", "a.test", "b.test", "a.test"]:
        fetcher._wait_turn(host)
    assert waits == [2.0, 2.0]


# ----------------------------------------------------------------------------- feeds and sources


def test_feeds_are_told_from_pages_and_parsed_oldest_first(site: Site) -> None:
    from newsroom import atom, page_html, rss

    body = rss("http://127.0.0.1:1", ["kenya", "norway"]).encode()
    assert is_feed(body) and is_feed(atom("http://x", []).encode()) and not is_feed(page_html("kenya").encode())
    items = parse_feed(body, "http://127.0.0.1:1/slow/rss.xml")
    assert [(i.url.rsplit("/", 1)[1], i.published) for i in items] == [
        ("norway.html", "2024-03-04"), ("kenya.html", "2024-03-05")]
    relative = parse_feed(atom("", ["/pages/japan.html"]).encode(), "http://127.0.0.1:1/live/atom.xml")
    assert relative[0].url == "http://127.0.0.1:1/pages/japan.html"
    with pytest.raises(FetchError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>hello</body></html>", "http://127.0.0.1:1/")


@pytest.mark.parametrize(("spec", "kind", "expected"), [
    ("https://example.org/rss", None, "url"), ("https://example.org/rss", "feed", "feed"),
    ("http://example.org/a.html", "page", "page"),
])
def test_sources_are_urls_or_folders(spec: str, kind: str | None, expected: str) -> None:
    assert source_from(spec, kind).kind == expected


def test_a_source_that_is_neither_is_refused(tmp_path: Path) -> None:
    assert source_from(str(tmp_path)).kind == "folder"
    with pytest.raises(InputError, match="neither an existing folder nor an http"):
        source_from(str(tmp_path / "missing"))
    with pytest.raises(InputError, match="not a kind of source"):
        source_from("http://example.org/", "podcast")


def test_a_vanished_folder_is_an_error_of_its_source_only(tmp_path: Path) -> None:
    db, inbox = str(tmp_path / "w.duckdb"), tmp_path / "inbox"
    _write_files(inbox, ["canada.txt"])
    watcher = Watcher(Settings(db=db), POLITE, make_coder=toy_coder)
    other = tmp_path / "other"
    _write_files(other, ["ghana.md"])
    watcher.follow([source_from(str(inbox)), source_from(str(other))])
    (inbox / "canada.txt").unlink()
    inbox.rmdir()
    outcomes = {o.source.location: o.run for o in watcher.poll()}
    assert outcomes[str(inbox.resolve())].status == "error" and "folder is gone" in outcomes[str(inbox.resolve())].errors[0]
    assert outcomes[str(other.resolve())].new_articles == 1
    dropped = CliRunner().invoke(main, ["watch", "--once", "--db", db, "--drop", str(inbox)])
    assert dropped.exit_code == 0 and "no longer following" in dropped.output
    assert [s["location"] for s in _status(db) if s["active"]] == [str(other.resolve())]


def test_dropped_sources_are_not_polled(tmp_path: Path) -> None:
    db, inbox = str(tmp_path / "w.duckdb"), tmp_path / "inbox"
    _write_files(inbox, ["canada.txt"])
    watcher = Watcher(Settings(db=db), POLITE, make_coder=toy_coder)
    watcher.follow([source_from(str(inbox))])
    assert [s.location for s in watcher.drop([source_from(str(inbox))])] == [str(inbox.resolve())]
    assert watcher.poll() == [] and _status(db)[0]["active"] is False


def test_watch_without_sources_says_what_to_give(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", "--once", "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code != 0 and "no sources" in result.output


# ----------------------------------------------------------------------------- the web UI and REST API


def test_the_dashboard_and_the_api_show_each_sources_last_run(tmp_path: Path, site: Site) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web.app import WebConfig, create_app

    db = str(tmp_path / "web.duckdb")
    watcher = Watcher(Settings(db=db), POLITE, make_coder=toy_coder)
    watcher.follow([source_from(f"{site.base}/slow/rss.xml", "feed"), source_from(f"{site.base}/broken/rss.xml")])
    watcher.poll()
    with TestClient(create_app(WebConfig(Settings(db=db), token="t"))) as client:
        sources = {s["location"].rsplit("/", 2)[1]: s for s in client.get("/api/watch").json()["sources"]}
        page = client.get("/").text
        assert client.get("/api/dashboard").json()["watch"][0]["location"] == f"{site.base}/slow/rss.xml"
    assert (sources["slow"]["last_status"], sources["slow"]["last_new"], sources["slow"]["errors"]) == ("ok", 3, 0)
    assert sources["broken"]["last_status"] == "error" and "HTTP 500" in sources["broken"]["recent"][0]["message"]
    assert "Watched sources" in page and 'class="source-error"' in page and "HTTP 500" in page


def test_a_store_never_watched_shows_no_sources(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.web.app import WebConfig, create_app

    path = tmp_path / "old.duckdb"
    Store.open(path).close()
    with Store.open(path) as store:  # as a store from before the watcher: no watch tables
        for table in ("watch_sources", "watch_items", "watch_runs"):
            store.connection.execute(f"DROP TABLE {table}")
    with TestClient(create_app(WebConfig(Settings(db=str(path)), token="t", read_only=True))) as client:
        assert client.get("/api/watch").json() == {"sources": [], "trouble": None}
        assert "Watched sources" not in client.get("/").text


def test_a_database_of_schema_version_3_gains_the_watch_tables(tmp_path: Path) -> None:
    import duckdb

    from eventwire.store import SCHEMA_VERSION, TABLES, WATCH_TABLES

    path = tmp_path / "v3.duckdb"
    with duckdb.connect(str(path)) as connection:  # the tables as schema version 3 had them, with a stored article
        for table, columns in TABLES.items():
            connection.execute(f"CREATE TABLE {table} (" + ", ".join(f'"{n}" {k}' for n, k in columns) + ")")
        connection.execute("INSERT INTO meta VALUES ('schema_version', '3')")
        connection.execute("INSERT INTO articles (key, id) VALUES ('k', 'art-1')")
    with Store.open(path) as store:
        tables = {row[0] for row in store.connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        version = store.connection.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        assert store.count("articles") == 1
    assert set(WATCH_TABLES) <= tables and version == (SCHEMA_VERSION,) and int(SCHEMA_VERSION) >= 4


@pytest.mark.parametrize(("options", "message"), [(["--source", "inbox/"], "--source needs --watch"),
                                                  (["--watch", "--read-only"], "without --read-only")])
def test_serve_refuses_a_watcher_it_cannot_run(tmp_path: Path, options: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "w.duckdb"), *options])
    assert result.exit_code == 2 and message in result.output


def test_a_page_that_failed_for_a_while_is_tried_again_on_the_next_poll(tmp_path: Path, site: Site) -> None:
    db = str(tmp_path / "w.duckdb")
    site.flaky = 2  # with one retry, the first poll's two tries get 503
    watcher = Watcher(Settings(db=db), POLITE, make_coder=toy_coder)
    watcher.follow([source_from(f"{site.base}/flaky/kenya.html", "page"),
                    source_from(f"{site.base}/pages/missing.html", "page")])
    first = [o.run for o in watcher.poll()]
    second = [o.run for o in watcher.poll()]
    third = [o.run for o in watcher.poll()]
    assert [r.status for r in first] == ["partial", "partial"] and "HTTP 503" in first[0].errors[0]
    assert (second[0].status, second[0].new_articles) == ("ok", 1) and second[1].status == "unchanged"
    assert [r.status for r in third] == ["unchanged", "unchanged"]
    assert site.fetched("/flaky/kenya.html") == 3 and site.fetched("/pages/missing.html") == 1  # 404: not again
    items = dict(_rows(db, "SELECT item, status || ' ' || attempts FROM watch_items"))
    assert items == {f"{site.base}/flaky/kenya.html": "stored 2", f"{site.base}/pages/missing.html": "failed 1"}


def test_a_page_that_keeps_failing_is_given_up_after_the_last_attempt(tmp_path: Path, site: Site) -> None:
    site.flaky = 100
    watcher = Watcher(Settings(db=str(tmp_path / "w.duckdb")), POLITE, make_coder=toy_coder)
    watcher.follow([source_from(f"{site.base}/flaky/peru.html", "page")])
    statuses = [watcher.poll()[0].run.status for _ in range(MAX_ATTEMPTS + 2)]
    assert statuses == ["partial"] * MAX_ATTEMPTS + ["unchanged"] * 2
    assert site.fetched("/flaky/peru.html") == MAX_ATTEMPTS * (POLITE.retries + 1)
    assert _rows(str(tmp_path / "w.duckdb"), "SELECT status, attempts FROM watch_items") == [("failed", MAX_ATTEMPTS)]


def test_robots_txt_is_obeyed_and_its_crawl_delay_paces_the_host(site: Site) -> None:
    site.robots = "User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n"
    waits: list[float] = []
    fetcher = Fetcher(POLITE, sleep=waits.append)
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetcher.get(f"{site.base}/private/kenya.html")
    assert fetcher.get(f"{site.base}/pages/kenya.html").status == 200
    assert site.fetched("/private/kenya.html") == 0 and site.fetched("/robots.txt") == 1  # read once
    assert len(waits) == 1 and 2.5 < waits[0] <= 3.0  # the page waited for the site's Crawl-delay
    ignoring = Fetcher(FetchPolicy(**{**POLITE.__dict__, "robots": False}))
    assert ignoring.get(f"{site.base}/private/kenya.html").status == 200 and site.fetched("/robots.txt") == 1


def test_rules_for_another_robot_do_not_apply(site: Site) -> None:
    site.robots = "User-agent: otherbot\nDisallow: /\n\nUser-agent: eventwire\nDisallow: /pages/\n"
    fetcher = Fetcher(POLITE)
    assert fetcher.get(f"{site.base}/private/kenya.html").status == 200
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.get(f"{site.base}/pages/kenya.html")


def test_a_pass_that_fails_as_a_whole_is_told_and_the_watcher_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-database"
    folder.mkdir()
    stop, told = threading.Event(), []

    def trouble(message: str) -> None:
        told.append(message)
        if len(told) == 2:
            stop.set()

    Watcher(Settings(db=str(folder)), POLITE, make_coder=toy_coder).watch(0.01, stop, trouble=trouble)
    assert len(told) == 2 and all("cannot open the database" in m for m in told)
