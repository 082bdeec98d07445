"""Schemathesis over the server's OpenAPI document: no generated request makes it answer 5xx.

Every operation of ``/openapi.json`` (reads, coding, and the write endpoints with the token) gets
WEB_FUZZ_EXAMPLES generated requests against :func:`eventwire.web.create_app` over a copy of the
small coded database of tests/test_web_api.py. Each answer must not be a server error, and must
carry a status code, content type and body the document declares. ``EVENTWIRE_WEB_FUZZ_EXAMPLES``
raises the count for a long run.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import content_type_conformance, not_a_server_error, status_code_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from test_web_api import TOKEN, coded_db

from eventwire.settings import Settings
from eventwire.web import WebConfig, create_app

pytestmark = pytest.mark.model

WEB_FUZZ_EXAMPLES = int(os.environ.get("EVENTWIRE_WEB_FUZZ_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the coded database (the write endpoints add to it)."""
    db = tmp_path_factory.mktemp("web-fuzz") / "fuzz.duckdb"
    shutil.copyfile(coded_db(tmp_path_factory), db)
    return db


@pytest.fixture
def api_schema(fuzz_db: Path) -> Iterator[object]:
    """The document of an app over the copy; one app per test, as schemathesis ends its lifespan after each."""
    app = create_app(WebConfig(Settings(db=str(fuzz_db)), token=TOKEN))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.db.close()  # waits for the ingests the write endpoints queued


@pytest.fixture(scope="module")
def statuses() -> Iterator[Counter]:
    """Answers seen per status code over the whole module, printed at the end (run with -s)."""
    seen: Counter = Counter()
    yield seen
    print(f"\nschemathesis: {sum(seen.values())} requests, status codes {dict(sorted(seen.items()))}, "
          f"{sum(n for code, n in seen.items() if code >= 500)} with 5xx")


OPERATIONS = ["GET /api/dashboard", "GET /api/events", "GET /api/articles", "POST /api/articles",
              "GET /api/articles/{article_id}", "GET /api/quotes", "GET /api/actors", "GET /api/actors/{code}",
              "GET /api/dyads", "GET /api/dyads/top", "GET /api/network", "GET /api/events.csv",
              "POST /api/extract", "GET /api/jobs/{job_id}", "GET /api/watch",
              "POST /api/uploads"]


def test_the_document_lists_exactly_the_fuzzed_operations(api_schema: object) -> None:
    """A new or renamed route must join OPERATIONS, so that nothing goes unfuzzed."""
    listed = {f"{op.method.upper()} {op.path}" for op in (r.ok() for r in api_schema.get_all_operations())}
    assert listed == set(OPERATIONS)


# the dashboard takes no input, so there is no invalid request of it to generate
CASES = [(label, GenerationMode.POSITIVE) for label in OPERATIONS] + [
    (label, GenerationMode.NEGATIVE) for label in OPERATIONS if label != "GET /api/dashboard"]


@pytest.mark.parametrize("label,mode", CASES, ids=lambda v: getattr(v, "value", v))
def test_no_generated_request_gets_a_server_error(api_schema: object, statuses: Counter, label: str,
                                                  mode: GenerationMode) -> None:
    operation = api_schema.find_operation_by_label(label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=WEB_FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def fuzz(case: object) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS if mode is GenerationMode.POSITIVE else [not_a_server_error])

    fuzz()
