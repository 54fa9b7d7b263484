"""Negative data (RELIABILITY #19): schemathesis reads the app's OpenAPI document and, for every
write route in the inventory, sends requests that break the schema (wrong types, values out of
range, unknown enum members, missing or extra fields) through the ASGI app in-process, as the
persona entitled to call the route. No answer is a 5xx; schemathesis's own check says invalid
data was refused (4xx); and a refusal leaves the database and the file store as they were.

Bounded and deterministic: a few examples per route, derandomised, no example database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as bounded
from schemathesis.checks import not_a_server_error
from schemathesis.python import asgi as schemathesis_asgi
from schemathesis.specs.openapi.checks import negative_data_rejection
from sqlalchemy.orm import Session

from tests.factories.auth import csrf
from tests.security.conftest import World, changed, file_store, rows
from tests.security.routes import ROUTES
from vigil.config import Settings
from vigil.web.security import csrf_cookie_name

EXAMPLES = 6

#: Routes whose OpenAPI operation declares nothing schemathesis can break: no body (they read
#: the form themselves: the public form, the follow-up page, the call-taker's page; or take
#: none) and at most a free-text path segment. Their hostile input is in
#: tests/intake/test_hostile.py and their extra fields in test_mass_assignment.py; the test
#: checks each still declares nothing, so a route gaining a declared input leaves this list.
NOTHING_TO_BREAK = {
    "logout",
    "report_start_post",
    "report_step_post",
    "report_submit",
    "report_followup",
    "call_submit",
    "audit_verify",
}


@pytest.fixture
def schema(app: FastAPI) -> Iterator[Any]:
    loaded = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    yield loaded
    # schemathesis keeps an app's lifespan running for the process; this app's test is over.
    schemathesis_asgi.shutdown_lifespans()


@pytest.mark.parametrize("name", list(ROUTES))
def test_negative_data_is_refused_and_changes_nothing(
    schema: Any, client: TestClient, db: Session, settings: Settings, world: World, name: str
) -> None:
    case = ROUTES[name]
    operation = schema[case.path][case.method]
    declared = operation.definition.raw
    if name in NOTHING_TO_BREAK:
        assert not declared.get("requestBody"), declared
        for parameter in declared.get("parameters", []):
            assert set(parameter["schema"]) <= {"type", "title"}, parameter
        return
    headers = world.auth(case.persona)
    cookies: dict[str, str] = {}
    if case.persona is None:  # a browser's request: the CSRF token in its header, the cookie with it
        headers["X-CSRF-Token"] = csrf(client)
        cookie = csrf_cookie_name(True)
        cookies[cookie] = client.cookies[cookie]
    # With a body, the path names the world's record so the body reaches the handler; without
    # one, the path parameters are what schemathesis breaks.
    fixed = {k: str(v) for k, v in case.params(world).items()} if declared.get("requestBody") else {}
    strategy = operation.as_strategy(
        generation_mode=schemathesis.GenerationMode.NEGATIVE,
        path_parameters=fixed or None,
        headers=case.headers(world) or None,  # the follow-up code: fixed, so the body is what varies
    )
    seen: list[int] = []

    @given(strategy)
    @bounded(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    def run(generated: Any) -> None:
        before, files = rows(db), file_store(settings)
        response = generated.call(
            headers=headers, cookies=cookies, base_url="https://testserver", allow_redirects=False
        )
        seen.append(response.status_code)
        # No 5xx, and data the schema forbids is refused unless what went on the wire was in
        # fact valid (a form field's type mutation is a string again once sent).
        generated.validate_response(response, checks=[not_a_server_error, negative_data_rejection])
        if response.status_code >= 400:
            written = [
                (table, new)
                for table, old, new in changed(before, rows(db))
                if not (table == "audit_event" and old is None)  # refusals and reads are audited
            ]
            assert not written, (response.status_code, response.text[:200], written)
            assert file_store(settings) == files

    run()
    assert any(400 <= s < 500 for s in seen), f"no example was refused: {seen}"
