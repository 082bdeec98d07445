"""The REST API, the pages and their security, with FastAPI's TestClient.

Unit layer (no model): annotation segments, SVG escaping, token, body limit, headers, validation, on
an empty database. Model layer: a small database ingested from examples/ plus a hostile article we
write here, shared (via :func:`coded_db`) with tests/test_web_browser.py.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.settings import Settings
from eventwire.web import WebConfig, create_app
from eventwire.web.annotate import Mark, annotate, segments
from eventwire.web.charts import network, timeline

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-token-123"
HOSTILE_TITLE = "Ministers <b>meet</b> & talk"
HOSTILE_TEXT = (
    "# " + HOSTILE_TITLE + "\n\n"
    "March 3, 2021\n\n"
    "Turkey's foreign minister met his Greek counterpart in Ankara on Tuesday. "
    "<script>window.pwnedFlag = 1; document.title = 'pwned';</script> "
    "<img src=x onerror=\"window.pwnedFlag = 2\"> The two ministers praised the talks, "
    "and Greece criticised Turkey over <i>drilling</i> in disputed waters.\n"
)


# ----------------------------------------------------------------------------- shared database


def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of examples/ plus the hostile article, ingested once per test session."""
    folder = tmp_path_factory.getbasetemp() / "web-db"
    db, done = folder / "web.duckdb", folder / "done"
    if done.exists():
        return db
    from eventwire.ingest import ingest

    shutil.rmtree(folder, ignore_errors=True)
    inputs = folder / "inputs"
    shutil.copytree(ROOT / "examples" / "articles", inputs)
    (inputs / "hostile.md").write_text(HOSTILE_TEXT, encoding="utf-8")
    summary = ingest([str(inputs)], Settings(db=str(db)), progress=False)
    assert summary.stored >= 6, summary
    done.touch()
    return db


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = coded_db(tmp_path_factory)
    with TestClient(create_app(WebConfig(Settings(db=str(db)), token=TOKEN))) as test_client:
        yield test_client


@pytest.fixture
def empty(tmp_path: Path) -> TestClient:
    with TestClient(create_app(WebConfig(Settings(db=str(tmp_path / "empty.duckdb")), token=TOKEN,
                                         max_body=2_000))) as test_client:
        yield test_client


# ----------------------------------------------------------------------------- annotation and charts


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("Iran met Russia.", [Mark(0, 4, "actor", "IRN")], [("Iran", ("actor",)), (" met Russia.", ())]),
        ("Iran met Russia.", [Mark(5, 8, "trigger", "t", anchor="ev-1"), Mark(0, 16, "evidence", event="1")],
         [("Iran ", ()), ("met", ("trigger",)), (" Russia.", ())]),
        ("ab cd", [Mark(0, 5, "quote"), Mark(3, 5, "place")], [("ab ", ("quote",)), ("cd", ("place", "quote"))]),
        ("abc", [Mark(1, 99, "timex"), Mark(5, 9, "actor"), Mark(2, 2, "actor")], [("a", ()), ("bc", ("timex",))]),
    ],
)
def test_segments_cut_at_every_boundary(text: str, marks: list[Mark], expected: list[tuple[str, tuple]]) -> None:
    cut = segments(text, marks)
    assert [(s.text, s.layers) for s in cut] == expected
    assert "".join(s.text for s in cut) == text


def test_segments_carry_anchors_titles_and_evidence() -> None:
    record = {
        "text": "Iran praised Russia.",
        "actors": [{"name": "Iran", "code": "IRN", "kind": "state", "mentions": [{"start": 0, "end": 4}]}],
        "events": [{"id": "e1", "trigger": {"start": 5, "end": 12, "text": "praised"},
                    "sentence": {"start": 0, "end": 20}, "cameo": {"code": "051", "label": "Praise"},
                    "plover": {"type": "SUPPORT"}, "source": {"name": "Iran", "code": "IRN"}, "target": None,
                    "modality": "asserted"}],
    }
    cut = annotate(record)
    trigger = next(s for s in cut if "trigger" in s.layers)
    assert trigger.anchors == ("ev-e1",) and "CAMEO 051" in trigger.title and "Iran (IRN)" in trigger.title
    assert all(s.events == ("e1",) for s in cut)


def test_charts_escape_labels_and_draw_every_period() -> None:
    svg = str(timeline([{"period": "<x>", "events": 3, "q1": 1, "q4": 2, "mean_goldstein": -3.0},
                        {"period": "2020-02", "events": 1, "q2": 1, "mean_goldstein": 7.0}]))
    assert "&lt;x&gt;" in svg and "<x>" not in svg and svg.count("<rect") >= 3 + 4
    drawing = str(network({"nodes": [{"code": "A<B", "events": 2}, {"code": "RUS", "events": 2}],
                           "edges": [{"source": "A<B", "target": "RUS", "events": 2, "mean_goldstein": 3.0}]}))
    assert "A&lt;B" in drawing and "/actors/A%3CB" in drawing and "<line" in drawing


# ----------------------------------------------------------------------------- security, on an empty database


@pytest.mark.parametrize("path", ["/", "/events", "/articles", "/actors", "/network", "/quotes", "/extract",
                                  "/dyads", "/api/dashboard", "/api/events", "/openapi.json"])
def test_every_page_answers_on_an_empty_database_with_security_headers(empty: TestClient, path: str) -> None:
    response = empty.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/events?since=yesterday", 422),
        ("/api/events?root=5;DROP TABLE events", 422),
        ("/api/events?actor=IRN' OR '1'='1", 422),
        ("/api/events?limit=100000", 422),
        ("/api/events?quad=7", 422),
        ("/api/articles/x%27%20OR%201=1", 404),
        ("/static/../../eventwire/settings.py", 404),
        ("/static/%2e%2e/%2e%2e/pyproject.toml", 404),
        ("/static/..%2f..%2fpyproject.toml", 404),
    ],
)
def test_bad_input_is_refused_and_reads_no_file(empty: TestClient, url: str, status: int) -> None:
    response = empty.get(url)
    assert response.status_code == status
    assert "[project]" not in response.text and "SETTINGS" not in response.text


def test_write_endpoints_need_the_token(empty: TestClient) -> None:
    body = {"articles": [{"text": "Iran met Russia."}]}
    assert empty.post("/api/articles", json=body).status_code == 401
    assert empty.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert empty.post("/add", data={"token": "wrong", "text": "x"}).status_code == 401


def test_large_bodies_get_413(empty: TestClient) -> None:
    response = empty.post("/api/extract", json={"text": "word " * 1000})
    assert response.status_code == 413 and "--max-body-mb" in response.json()["detail"]


def test_read_only_server_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    from eventwire.store import Store

    Store.open(db).close()
    app = create_app(WebConfig(Settings(db=str(db)), token=TOKEN, read_only=True))
    with TestClient(app) as ro:
        answer = ro.post("/api/articles", json={"articles": [{"text": "x"}]},
                         headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 403 and "--read-only" in answer.json()["detail"]
        assert ro.get("/api/events").json()["total"] == 0


# ----------------------------------------------------------------------------- the coded database


@pytest.mark.model
def test_api_twins_list_and_filter(client: TestClient) -> None:
    dashboard = client.get("/api/dashboard").json()
    assert dashboard["articles"] >= 6 and dashboard["events"] > 0 and dashboard["latest"]
    everything = client.get("/api/events?limit=500").json()
    assert everything["total"] == dashboard["events"] == len(everything["events"])
    root = everything["events"][0]["cameo_root"]
    only = client.get(f"/api/events?root={root}").json()
    assert 0 < only["total"] <= everything["total"]
    assert all(e["cameo_root"] == root for e in only["events"])
    page = client.get("/api/events?limit=2&offset=1").json()
    assert [e["id"] for e in page["events"]] == [e["id"] for e in everything["events"][1:3]]


@pytest.mark.model
def test_each_placed_event_says_how_its_place_was_found(client: TestClient) -> None:
    rows = client.get("/api/events?limit=500").json()["events"]
    placed = [e for e in rows if e["location_country"]]
    assert placed and all(e["location_basis"] in {"text", "article"} for e in placed)
    assert all(e["location_basis"] is None for e in rows if not e["location_country"])


@pytest.mark.model
def test_filters_by_actor_dyad_plover_and_date(client: TestClient) -> None:
    rows = client.get("/api/events?limit=500").json()["events"]
    pair = next(e for e in rows if e["source_code"] and e["target_code"])
    a, b = pair["source_code"][:3], pair["target_code"][:3]
    dyad = client.get(f"/api/events?dyad={a},{b}").json()["events"]
    assert pair["id"] in {e["id"] for e in dyad}
    assert all({e["source_code"][:3], e["target_code"][:3]} == {a, b} for e in dyad)
    actor = client.get(f"/api/events?actor={a}").json()["events"]
    assert all(a in (e["source_code"] or "")[:3] + "|" + (e["target_code"] or "")[:3] for e in actor)
    plover = client.get(f"/api/events?plover={pair['plover_type']}").json()["events"]
    assert plover and all(e["plover_type"] == pair["plover_type"] for e in plover)
    assert client.get("/api/events?until=1900-01-01").json()["total"] == 0
    series = client.get(f"/api/dyads?a={a}&b={b}").json()
    assert sum(p["events"] for p in series["series"]) >= 1


@pytest.mark.model
def test_article_twin_follows_the_contract_and_the_page_links_evidence(client: TestClient) -> None:
    event = client.get("/api/events?limit=1").json()["events"][0]
    record = client.get(f"/api/articles/{event['article_id']}").json()
    assert set(record) >= {"article", "text", "actors", "events", "quotes", "timexes", "places"}
    found = next(e for e in record["events"] if e["id"] == event["id"])
    trigger = found["trigger"]
    assert record["text"][trigger["start"]:trigger["end"]] == trigger["text"]
    page = client.get(f"/articles/{event['article_id']}").text
    assert f'id="ev-{event["id"]}"' in page and f'href="#ev-{event["id"]}"' in page
    assert 'class="m-trigger' in page and 'class="m-actor' in page


@pytest.mark.model
def test_article_html_shows_as_text(client: TestClient) -> None:
    hits = client.get("/api/articles?q=drilling").json()["articles"]
    assert len(hits) == 1
    page = client.get(f"/articles/{hits[0]['id']}").text
    assert "<script>window" not in page and "&lt;script&gt;window" in page
    assert "<img src=x" not in page and "<b>meet</b>" not in page and "&lt;b&gt;meet" in page


@pytest.mark.model
def test_actor_network_and_quote_pages(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["actors"]
    code = actors[0]["code"]
    actor = client.get(f"/api/actors/{code}").json()
    assert actor["events"] and all(code in (e["source_code"], e["target_code"]) for e in actor["events"])
    graph = client.get("/api/network").json()
    assert graph["nodes"] and all(e["source"] != e["target"] for e in graph["edges"])
    said = client.get("/api/quotes?q=the").json()
    assert said["total"] > 0 and all("the" in q["text"].lower() for q in said["quotes"])
    for path in (f"/actors/{code}", "/network", "/quotes?q=the", f"/dyads?a={code}&b=RUS", "/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.model
def test_extract_codes_a_pasted_text_without_storing_it(client: TestClient) -> None:
    before = client.get("/api/dashboard").json()["articles"]
    coded = client.post("/api/extract", json={"text": "Japan's prime minister met the president of Kenya "
                                                      "in Nairobi on Monday.", "published": "2022-05-02"})
    assert coded.status_code == 200
    assert coded.json()["article"]["published"] == "2022-05-02" and coded.json()["actors"]
    assert client.get("/api/dashboard").json()["articles"] == before
    assert client.post("/api/extract", json={"text": "   "}).status_code == 400
    page = client.post("/extract", data={"text": "Canada <script>x()</script> sanctioned Iran on Friday."})
    assert page.status_code == 200 and "&lt;script&gt;" in page.text and "<script>x()" not in page.text


@pytest.mark.model
def test_pages_answer_while_an_ingest_runs(client: TestClient) -> None:
    texts = [f"Story {i}. Brazil's foreign minister met the foreign minister of Chile in Santiago on "
             f"day {i} of the talks, and the two governments signed a trade agreement." for i in range(12)]
    job = client.post("/api/articles", json={"articles": [{"text": t, "published": "2021-04-0" + str(1 + i % 9)}
                                                          for i, t in enumerate(texts)]},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert job.status_code == 202
    statuses, state, deadline = [], "queued", time.monotonic() + 300
    while state in ("queued", "running") and time.monotonic() < deadline:
        statuses.append(client.get("/api/events?limit=20").status_code)
        statuses.append(client.get("/").status_code)
        state = client.get(f"/api/jobs/{job.json()['id']}").json()["state"]
    final = client.get(f"/api/jobs/{job.json()['id']}").json()
    assert final["state"] == "done", final
    assert final["summary"]["stored"] == 12
    assert len(statuses) >= 4 and set(statuses) == {200}
    assert client.get("/api/articles?q=Santiago").json()["total"] == 12


def test_concurrent_reads_use_their_own_cursors(empty: TestClient) -> None:
    codes: list[int] = []

    def hammer() -> None:
        for _ in range(20):
            codes.append(empty.get("/api/events").status_code)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [200] * 80


def test_events_table_marks_actors_the_text_does_not_name() -> None:
    from eventwire.web.pages import environment

    row = {"date_value": "2021-03-02", "source_code": "CHLCOP", "source_name": "Chilean police", "source_basis": "named",
           "cameo_code": "172", "cameo_label": "Impose administrative sanctions", "cameo_goldstein": -5.0,
           "cameo_quad_class": 4, "trigger_text": "banned", "plover_type": "COERCE", "target_code": "CHL",
           "target_name": "Chile", "target_basis": "home", "modality": "asserted", "location_name": None,
           "article_id": "art-1", "article_title": "T", "id": "ev-1"}
    macros = environment().get_template("macros.html").module
    html = str(macros.events_table([row]))
    assert html.count('class="basis"') == 1 and ">home</small>" in html


def test_api_events_say_how_each_actor_is_given(client: TestClient) -> None:
    rows = client.get("/api/events?limit=200").json()["events"]
    assert rows and {r["target_basis"] for r in rows if r["target_code"]} <= {"named", "place", "home", "unattributed", "context"}


def test_events_table_marks_an_implied_source() -> None:
    from eventwire.web.pages import environment

    row = {"date_value": "2021-03-02", "source_code": "PAKCOP", "source_name": "Pakistani police",
           "source_basis": "implied", "cameo_code": "173", "cameo_label": "Arrest, detain, or charge with legal action",
           "cameo_goldstein": -5.0, "cameo_quad_class": 4, "trigger_text": "arrested", "plover_type": "COERCE",
           "target_code": None, "target_name": None, "target_basis": None, "modality": "asserted",
           "location_name": "Karachi", "article_id": "art-1", "article_title": "T", "id": "ev-1"}
    html = str(environment().get_template("macros.html").module.events_table([row]))
    assert html.count('class="basis"') == 1 and ">implied</small>" in html and "were arrested" in html


def test_api_and_page_leave_implied_sources_out_on_request(client: TestClient) -> None:
    every = client.get("/api/events?limit=200").json()
    told = client.get("/api/events?limit=200&implied=false").json()
    assert told["total"] <= every["total"]
    assert all(r["source_basis"] != "implied" for r in told["events"])
    assert told["total"] == every["total"] - sum(r["source_basis"] == "implied" for r in every["events"])
    page = client.get("/events?implied=false")
    assert page.status_code == 200 and 'name="implied" value="false" checked' in page.text


def test_events_table_shows_the_confidence_and_marks_a_proposed_event() -> None:
    from eventwire.web.pages import environment

    row = {"date_value": "2021-03-02", "source_code": "CHLGOV", "source_name": "Chile", "source_basis": "named",
           "cameo_code": "110", "cameo_label": "Disapprove", "cameo_goldstein": -2.0, "cameo_quad_class": 3,
           "trigger_text": "hit back", "plover_type": "ACCUSE", "target_code": "PERGOV", "target_name": "Peru",
           "target_basis": "named", "modality": "asserted", "location_name": None, "article_id": "art-1",
           "article_title": "T", "id": "ev-1", "confidence": 0.4567, "origin": "model"}
    macros = environment().get_template("macros.html").module
    html = str(macros.events_table([row]))
    assert "0.46" in html and ">model</small>" in html
    ruled = str(macros.events_table([row | {"origin": "rules", "confidence": 0.9}]))
    assert "0.90" in ruled and ">model</small>" not in ruled


@pytest.mark.model
def test_api_and_page_filter_events_by_confidence(client: TestClient) -> None:
    every = client.get("/api/events?limit=500").json()
    confidences = sorted(r["confidence"] for r in every["events"])
    assert confidences and all(0 <= c <= 1 for c in confidences)
    middle = confidences[len(confidences) // 2]
    sure = client.get(f"/api/events?limit=500&min_confidence={middle}").json()
    assert sure["total"] == sum(c >= middle for c in confidences) and sure["filters"]["min_confidence"] == middle
    assert client.get("/api/events?min_confidence=").json()["total"] == every["total"]
    assert {r["origin"] for r in every["events"]} <= {"rules", "model"}
    for bad in ("abc", "1.5", "-0.1"):
        assert client.get(f"/api/events?min_confidence={bad}").status_code == 422
    page = client.get(f"/events?min_confidence={middle}")
    assert page.status_code == 200 and 'name="min_confidence" type="number"' in page.text
    assert f'value="{middle}"' in page.text
