"""The web UI in a real browser: Playwright driving Debian's chromium headless against `eventwire serve`.

Chromium comes from ``scripts/install-browser.sh`` (apt-get). Without it these tests skip locally and
fail under CI=true. Screenshots go to the test's tmp folder (or $EVENTWIRE_SCREENSHOTS when set).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_web_api import TOKEN, coded_db

pytestmark = [pytest.mark.browser, pytest.mark.model]

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
def serving(db: Path) -> Iterator[str]:
    """`eventwire serve` on a free loopback port over ``db``, with the test token; yields its URL."""
    port = _free_port()
    command = [str(Path(sys.executable).parent / "eventwire"), "serve", "--db", str(db), "--port", str(port),
               "--token", TOKEN]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
