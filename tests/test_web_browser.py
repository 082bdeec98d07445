"""The web UI in a real browser: Playwright driving Debian's chromium headless against `eventwire serve`.

Chromium comes from ``scripts/install-browser.sh`` (apt-get). Without it these tests skip locally and
fail under CI=true. Screenshots go to the test's tmp folder (or $EVENTWIRE_SCREENSHOTS when set).
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from test_web_api import TOKEN, coded_db

pytestmark = [pytest.mark.browser, pytest.mark.model]

ROOT = Path(__file__).resolve().parent.parent  # the checkout under test: `python -m eventwire` runs its code
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["/", "/events", "/articles", "/actors", "/network", "/quotes", "/extract", "/dyads"]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: run scripts/install-browser.sh"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db: Path, *options: str) -> Iterator[str]:
    """`eventwire serve` on a free loopback port over ``db``, with the test token and ``options``; yields its URL."""
    port = _free_port()
    command = [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port), "--token", TOKEN,
               *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`eventwire serve` over the coded test database."""
    _need_chromium()
    with serving(coded_db(tmp_path_factory)) as url:
        yield url


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"eventwire serve exited: {process.stdout.read().decode(errors='replace')}")
        try:
            urllib.request.urlopen(url + "/api/events?limit=1", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"eventwire serve did not answer on {url} within 60 s")


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("path", PAGES)
def test_each_page_loads_without_script_errors(server: str, page: object, shots: Path, path: str) -> None:
    response = page.goto(server + path)
    assert response.status == 200
    assert page.locator("header nav a.active").count() == 1
    assert page.locator("h1").first.inner_text().strip()
    name = path.strip("/") or "dashboard"
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert (shots / f"{name}.png").stat().st_size > 5_000
    assert page.errors == []


def test_filter_then_click_an_event_to_reach_its_evidence(server: str, page: object, shots: Path) -> None:
    page.goto(server + "/events")
    total = page.locator("table.events tbody tr").count()
    page.select_option("select[name=quad]", "1")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*quad=1*")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() <= total
    assert rows.count() == page.locator("table.events tbody tr.q1").count()
    link = rows.first.locator("a.evidence-link")
    event_id = link.get_attribute("href").split("#ev-")[1]
    link.click()
    page.wait_for_url(f"**/articles/*#ev-{event_id}")
    evidence = page.locator(f'[data-ev~="{event_id}"].evidence')
    assert evidence.count() >= 1
    assert page.locator(f"#ev-{event_id} + span.m-trigger").count() == 1
    assert page.locator(".event-list a.selected").count() == 1
    page.screenshot(path=str(shots / "evidence.png"), full_page=False)
    hover = page.locator(f"#ev-{event_id} + span").get_attribute("title")
    assert "CAMEO" in hover and "PLOVER" in hover


def test_events_in_the_article_list_link_to_their_evidence(server: str, page: object) -> None:
    page.goto(server + "/articles")
    page.locator("table tbody tr td a").first.click()
    page.wait_for_url("**/articles/*")
    first = page.locator(".event-list a.evidence-link").first
    event_id = first.get_attribute("data-event")
    first.click()
    assert page.locator(f'[data-ev~="{event_id}"].evidence').count() >= 1


def test_script_laden_article_shows_as_text_and_runs_nothing(server: str, page: object, shots: Path) -> None:
    page.goto(server + "/articles?q=drilling")
    page.locator("table tbody tr td a").first.click()
    page.wait_for_url("**/articles/*")
    body = page.locator("article.text").inner_text()
    assert "<script>window.pwnedFlag = 1;" in body and '<img src=x onerror="window.pwnedFlag = 2">' in body
    assert page.evaluate("window.pwnedFlag === undefined")
    assert page.title() != "pwned" and "<b>meet</b>" in page.locator("h1").inner_text()
    assert page.locator("article.text script, article.text img, h1 b").count() == 0
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)


def test_dyad_chart_and_network_are_drawn(server: str, page: object, shots: Path) -> None:
    page.goto(server + "/")
    page.locator("a", has_text="timeline").first.click()
    page.wait_for_url("**/dyads?*")
    assert page.locator("svg.chart rect").count() >= 5
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)
    page.goto(server + "/network")
    nodes = page.locator("svg.network a.node")
    assert nodes.count() >= 2
    nodes.first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("table.events tbody tr").count() >= 1


def test_paste_a_text_and_see_it_coded(server: str, page: object, shots: Path) -> None:
    page.goto(server + "/extract")
    page.fill("textarea[name=text]", "Germany's chancellor met the prime minister of India in Berlin on "
                                     "Monday and the two leaders signed a climate agreement.")
    page.fill("input[name=published]", "2022-05-02")
    page.locator("form[action='/extract'] button").click()
    page.wait_for_selector("article.text")
    assert page.locator("article.text .m-actor").count() >= 1
    assert "not stored" in page.locator("p.meta").inner_text()
    page.screenshot(path=str(shots / "extract.png"), full_page=True)


# ----------------------------------------------------------------------------- network layout, dyads, downloads


def _circles(page: object) -> dict[str, dict[str, object]]:
    """The network's nodes as drawn: code → centre, fill and community."""
    return page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('svg.network a.node'))
        .map(a => { const c = a.querySelector('circle');
                    return [a.querySelector('text').textContent,
                            {x: +c.getAttribute('cx'), y: +c.getAttribute('cy'), fill: c.getAttribute('fill'),
                             community: +a.getAttribute('data-community')}]; }))""")


def test_network_is_laid_out_by_force_with_communities_coloured(server: str, page: object, shots: Path) -> None:
    page.goto(server + "/network")
    nodes = _circles(page)
    graph = urllib.request.urlopen(server + "/api/network").read()
    edges = [(e["source"], e["target"]) for e in json.loads(graph)["edges"]]
    assert len(nodes) >= 6 and edges
    # Linked actors sit closer than actors in general: the drawing follows the links, not a fixed ring.
    def apart(a: str, b: str) -> float:
        return math.dist((nodes[a]["x"], nodes[a]["y"]), (nodes[b]["x"], nodes[b]["y"]))
    codes = sorted(nodes)
    everyone = [apart(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
    linked = [apart(a, b) for a, b in edges]
    assert sum(linked) / len(linked) < 0.6 * sum(everyone) / len(everyone)
    centre = (360, 360)
    rings = {round(math.dist(centre, (n["x"], n["y"]))) for n in nodes.values()}
    assert len(rings) > len(nodes) // 2
    # One colour per community, several communities, and linked actors share their community's colour.
    by_community: dict[int, set[str]] = {}
    for node in nodes.values():
        by_community.setdefault(node["community"], set()).add(node["fill"])
    assert len(by_community) >= 2 and all(len(fills) == 1 for fills in by_community.values())
    assert len({next(iter(f)) for f in by_community.values()}) == min(len(by_community), 10)
    strongest = max(json.loads(graph)["edges"], key=lambda e: e["events"])
    assert nodes[strongest["source"]]["community"] == nodes[strongest["target"]]["community"]
    assert f"{len(by_community)} found" in page.locator("p.legend").inner_text()
    page.screenshot(path=str(shots / "network-layout.png"), full_page=True)
    assert page.errors == []


def test_dyads_page_lists_the_top_dyads_before_asking_for_codes(server: str, page: object, shots: Path) -> None:
    page.goto(server + "/dyads")
    rows = page.locator("table.dyads tbody tr")
    assert rows.count() >= 3
    counts = [int(rows.nth(i).locator("td").nth(2).inner_text()) for i in range(rows.count())]
    assert counts == sorted(counts, reverse=True)
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert int(cells.nth(3).inner_text()) + int(cells.nth(4).inner_text()) == counts[i]
    page.screenshot(path=str(shots / "dyads.png"), full_page=True)
    first_a, first_b = rows.first.locator("td").nth(0).inner_text(), rows.first.locator("td").nth(1).inner_text()
    rows.first.locator("a.timeline").click()
    page.wait_for_url("**/dyads?*")
    assert first_a in page.locator("h1").inner_text() and first_b in page.locator("h1").inner_text()
    assert page.locator("svg.chart rect").count() >= 2
    assert page.locator("table.events tbody tr").count() == counts[0]
    page.goto(server + "/dyads")
    page.fill("input[name=a]", first_a)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**/dyads?a={first_a}*")
    pairs = page.locator("table.dyads tbody tr")
    assert pairs.count() >= 1
    for i in range(pairs.count()):
        assert any(pairs.nth(i).locator("td").nth(k).inner_text().startswith(first_a) for k in (0, 1))  # a prefix
    assert page.errors == []


def _download(page: object, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(selector).click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


@pytest.mark.parametrize("path", ["/", "/events", "/articles", "/actors", "/network", "/quotes", "/dyads"])
def test_every_table_has_a_csv_download(server: str, page: object, path: str) -> None:
    page.goto(server + path)
    tables = page.locator("main table")
    assert tables.count() >= 1
    for i in range(tables.count()):
        assert tables.nth(i).locator("xpath=following-sibling::p[1]/button[@class='download-csv']").count() == 1
    assert page.errors == []


def test_events_table_downloads_as_the_csv_it_shows(server: str, page: object) -> None:
    page.goto(server + "/events?root=05")
    table = page.locator("table.events")
    name, body = _download(page, "table.events + p.downloads button.download-csv")
    assert name == "events.csv"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == [th.strip() for th in table.locator("thead th").all_inner_texts()]
    shown = table.locator("tbody tr")
    assert len(rows) - 1 == shown.count() >= 2
    api = json.loads(urllib.request.urlopen(server + "/api/events?root=05").read())["events"]
    column = {name: i for i, name in enumerate(rows[0])}
    for row, event in zip(rows[1:], api, strict=True):
        assert row[column["date"]] == (event["date_value"] or "")
        assert row[column["source"]].split(" ")[0] == (event["source_code"] or "–")
        assert row[column["event"]] == f"{event['cameo_code']} {event['cameo_label']}"
        # the full title, not the one shortened on the page
        assert row[column["article"]] == (event["article_title"] or event["article_id"])
    total = json.loads(urllib.request.urlopen(server + "/api/events?root=05").read())["total"]
    name, body = _download(page, "a.all-csv")
    every = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert name == "events.csv" and len(every) == total and all(r["cameo_root"] == "05" for r in every)


def _has_colour(png: bytes, colour: str) -> bool:
    """Whether a PNG has pixels of ``colour`` (#rrggbb), give or take a little."""
    from matplotlib import image

    pixels = image.imread(io.BytesIO(png), format="png")[..., :3]
    wanted = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return bool((abs(pixels - wanted).max(axis=-1) < 0.03).sum() >= 20)


def test_network_downloads_as_svg_and_png(server: str, page: object) -> None:
    page.goto(server + "/network")
    drawn = page.locator("svg.network a.node").count()
    name, body = _download(page, "p.downloads button.download-svg")
    assert name == "network.svg"
    root = ElementTree.fromstring(body)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) == drawn
    name, body = _download(page, "p.downloads button.download-png")
    assert name == "network.png" and body[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", body[16:24])
    assert (width, height) == (1440, 1440) and len(body) > 20_000
    assert _has_colour(body, "#1f6fb2") and _has_colour(body, "#e69f00")  # the drawing, not a blank canvas
    page.goto(server + "/dyads")
    page.locator("table.dyads a.timeline").first.click()
    page.wait_for_url("**/dyads?*")
    name, body = _download(page, "p.downloads button.download-png")
    assert name.startswith("dyad-") and name.endswith(".png") and body[:4] == b"\x89PNG"
    assert page.errors == []


# ----------------------------------------------------------------------------- the watcher


def _watched(url: str, ready: Callable[[dict[str, dict]], bool]) -> dict[str, dict]:
    """The server's watched sources by path, once ``ready`` holds for them (the server codes with the model)."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url + "/api/watch", timeout=10) as answer:
            sources = {urlsplit(s["location"]).path: s for s in json.load(answer)["sources"]}
        if ready(sources):
            return sources
        time.sleep(0.5)
    raise AssertionError(f"the watcher did not get there: {sources}")


def test_the_dashboard_shows_the_watchers_sources(browser: object, tmp_path: Path, shots: Path) -> None:
    """`eventwire serve --watch` over feeds on loopback: each source's last run, new articles and errors,
    updated as the live feed adds an entry."""
    from newsroom import Site
    from newsroom import serving as serving_site

    with serving_site(Site(slow=0.3, live=["/pages/japan.html"])) as site, serving(
            tmp_path / "watched.duckdb", "--watch", "--interval", "2", "--allow-host", "127.0.0.1", "--retries", "0",
            "--host-interval", "0.01", "--source", site.base + "/live/atom.xml",
            "--source", site.base + "/broken/rss.xml") as url:
        _watched(url, lambda s: len(s) == 2 and s["/live/atom.xml"]["articles"] == 1)
        site.publish("/pages/egypt.html")
        _watched(url, lambda s: s["/live/atom.xml"]["articles"] == 2)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(url + "/")
        rows = tab.locator("table.watch tbody tr")
        assert rows.count() == 2
        live = tab.locator("table.watch tr", has_text="/live/atom.xml")
        broken = tab.locator("table.watch tr", has_text="/broken/rss.xml")
        assert live.locator("td.articles").inner_text() == "2"
        assert live.locator("td.status").inner_text() in {"ok", "unchanged"}
        assert broken.locator("td.status").inner_text() == "error" and "HTTP 500" in broken.inner_text()
        assert int(broken.locator("td.errors").inner_text()) >= 1
        assert broken.locator("td.status").evaluate("e => getComputedStyle(e).color") == "rgb(170, 0, 0)"
        name, body = _download(tab, "table.watch + p.downloads button.download-csv")
        table = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
        assert name == "watched-sources.csv" and len(table) == 2
        assert {r["source"].split(" ", 1)[1] for r in table} == {site.base + "/live/atom.xml",
                                                                 site.base + "/broken/rss.xml"}  # kind, location
        assert {r["status"] for r in table} >= {"error"}
        tab.screenshot(path=str(shots / "watch.png"), full_page=True)
        tab.close()
    assert {r.path for r in site.log} <= {"/robots.txt", "/live/atom.xml", "/broken/rss.xml", "/pages/japan.html",
                                          "/pages/egypt.html"}
    assert site.fetched("/pages/japan.html") == site.fetched("/pages/egypt.html") == 1
