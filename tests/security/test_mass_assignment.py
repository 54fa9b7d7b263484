"""Mass assignment (RELIABILITY #19) over every write route.

A JSON body naming any attribute of the models the route writes (or of the acting user, their
organisation and the sharing rows) that the route does not accept is a 422 naming it, and the
database and the file store are unchanged; the same route then accepts the minimal valid body,
so the 422 was the extra field's doing. A form route ignores a field named like a model column:
the rows it writes hold none of the values sent that way.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, inspect
from sqlalchemy.orm import Session

from tests.factories.auth import csrf
from tests.security.conftest import World, changed, checksum, file_store, rows
from tests.security.routes import ALWAYS, ROUTES, RouteCase, WriteRoute, extra_fields, write_routes
from vigil.config import Settings

CANARY_TEXT = "MASS-ASSIGN-CANARY"
CANARY_INT = 918273
CANARY_DATE = date(1999, 12, 31)
MARKERS = (CANARY_TEXT, str(CANARY_INT), CANARY_DATE.isoformat())


def _write_route(app: FastAPI, name: str) -> WriteRoute:
    return next(r for r in write_routes(app) if r.name == name)


def _prepare(client: TestClient, case: RouteCase) -> None:
    for path, data in case.steps:
        response = client.post(path, data={**data, "csrf_token": csrf(client)}, follow_redirects=False)
        assert response.status_code == 303, (path, response.text[:500])


def _send(client: TestClient, case: RouteCase, route: WriteRoute, w: World, body: dict[str, Any]) -> Any:
    headers = {**w.auth(case.persona), **case.headers(w)}
    if route.is_json:
        return client.request(case.method, case.url(w), json=body, headers=headers, follow_redirects=False)
    if case.persona is None:  # a browser's form: the CSRF token rides in the form
        body = {**body, "csrf_token": csrf(client)}
    return client.request(case.method, case.url(w), data=body, headers=headers, follow_redirects=False)


# ---- the inventory


def test_every_write_route_is_in_the_inventory(app: FastAPI) -> None:
    missing = [f"{r.method} {r.path} ({r.name})" for r in write_routes(app) if r.name not in ROUTES]
    assert not missing, "write routes with no mass-assignment case in tests/security/routes.py: " + ", ".join(
        missing
    )


def test_the_inventory_matches_the_route_table(app: FastAPI) -> None:
    found = {r.name: (r.method, r.path) for r in write_routes(app)}
    stale = sorted(set(ROUTES) - set(found))
    assert not stale, f"cases for routes that no longer exist: {stale}"
    wrong = {n: (c.method, c.path) for n, c in ROUTES.items() if found[n] != (c.method, c.path)}
    assert not wrong, f"cases whose method or path differ from the route's: {wrong}"


def test_every_write_route_is_in_the_openapi_document(app: FastAPI, client: TestClient) -> None:
    """The negative-data run (test_negative_data.py) reads the document: a write route left out
    of it would escape that run."""
    document = client.get("/api/openapi.json").json()
    listed = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    absent = [f"{r.method} {r.path}" for r in write_routes(app) if (r.method, r.path) not in listed]
    assert not absent, absent


def test_every_json_body_forbids_unknown_fields(app: FastAPI, client: TestClient) -> None:
    """``additionalProperties: false`` on every JSON body schema, nested ones included."""
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    open_ = []
    for route in write_routes(app):
        if not route.is_json:
            continue
        ref = document["paths"][route.path][route.method.lower()]["requestBody"]["content"][
            "application/json"
        ]
        todo, seen = [ref["schema"]["$ref"].rsplit("/", 1)[1]], set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if (
                schemas[name].get("additionalProperties") is not False
                and schemas[name].get("type") == "object"
            ):
                open_.append(f"{route.name}: {name}")
            todo.extend(_refs(schemas[name]))
    assert not open_, open_


def _refs(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        found = [schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else []
        return found + [r for v in schema.values() for r in _refs(v)]
    if isinstance(schema, list):
        return [r for v in schema for r in _refs(v)]
    return []


def test_the_extra_fields_come_from_the_models() -> None:
    """The names tried are the models' own: the marking, the owner, the state, the actor."""
    case = ROUTES["api_report_state"]
    names = {a.key for m in (*case.models, *ALWAYS) for a in inspect(m).attrs}
    for expected in ("id", "owner_org_id", "classification", "handling_code", "reference", "state"):
        assert expected in names
    for expected in ("created_by_id", "source_grade", "intel_grade", "created_at", "clearance", "role"):
        assert expected in names
    assert "organisation_id" in names  # the agency


# ---- JSON routes: an extra field is a 422 naming it, and nothing changes

JSON_ROUTES = [n for n, c in ROUTES.items() if c.path.startswith("/api/")]


def _json_value(name: str) -> Any:
    """A value a caller might try: a real-looking id, a high marking, a state, a flag."""
    if name.endswith("_id") or name == "id":
        return 1
    if name in ("classification", "clearance"):
        return "SECRET"
    if name.endswith(("_at", "_on")):
        return "2020-01-01T00:00:00Z"
    if name.startswith(("is_", "has_")) or name in ("active", "legal_hold"):
        return True
    return "closed"


@pytest.mark.parametrize("name", JSON_ROUTES)
def test_an_extra_json_field_is_refused_and_changes_nothing(
    app: FastAPI, client: TestClient, db: Session, settings: Settings, world: World, name: str
) -> None:
    case, route = ROUTES[name], _write_route(app, name)
    assert route.is_json
    extras = extra_fields(case, route, world)
    assert len(extras) >= 10, extras
    before, files = checksum(db), file_store(settings)
    for extra in extras:
        response = _send(client, case, route, world, {**case.body(world), extra: _json_value(extra)})
        assert response.status_code == 422, (extra, response.status_code, response.text[:300])
        fields = [e["field"] for e in response.json()["errors"]]
        assert extra in fields, (extra, fields)
    assert checksum(db) == before
    assert file_store(settings) == files
    # The same request without the extra field is accepted: the refusals were the field's.
    response = _send(client, case, route, world, case.body(world))
    assert response.status_code in (200, 201), response.text[:500]
    if case.changes:
        assert checksum(db) != before


# ---- form routes: a field named like a model column is ignored


def _form_canaries(case: RouteCase, names: list[str]) -> dict[str, tuple[str, Any]]:
    """For each name, what to send and, for a flag, the value the row would otherwise hold
    (None: look for the canary markers instead)."""
    columns = {c.name: c for m in (*case.models, *ALWAYS) for c in inspect(m).columns}
    out: dict[str, tuple[str, Any]] = {}
    for name in names:
        column = columns.get(name)
        kind = type(column.type) if column is not None else None
        if kind is not None and issubclass(kind, Boolean):
            default = column.default.arg if column is not None and column.default is not None else None  # type: ignore[union-attr]
            out[name] = ("false" if default else "true", default)
        elif kind is not None and issubclass(kind, Integer):
            out[name] = (str(CANARY_INT), None)
        elif kind is not None and issubclass(kind, Float | Numeric):
            out[name] = (f"51.{CANARY_INT}", None)
        elif kind is not None and issubclass(kind, DateTime):
            out[name] = (f"{CANARY_DATE.isoformat()}T23:59:00", None)
        elif kind is not None and issubclass(kind, Date):
            out[name] = (CANARY_DATE.isoformat(), None)
        else:
            out[name] = (CANARY_TEXT, None)
    return out


def _holds_canary(value: Any) -> bool:
    if isinstance(value, datetime | date):
        return value.isoformat().startswith(CANARY_DATE.isoformat())
    return any(m in repr(value) for m in MARKERS)


FORM_ROUTES = [n for n, c in ROUTES.items() if not c.path.startswith("/api/")]


@pytest.mark.parametrize("name", FORM_ROUTES)
def test_a_form_ignores_fields_named_like_model_columns(
    app: FastAPI, client: TestClient, db: Session, world: World, name: str
) -> None:
    case, route = ROUTES[name], _write_route(app, name)
    assert not route.is_json
    extras = extra_fields(case, route, world)
    canaries = _form_canaries(case, extras)
    _prepare(client, case)
    before = rows(db)
    body = {**case.body(world), **{k: sent for k, (sent, _flag) in canaries.items()}}
    response = _send(client, case, route, world, body)
    assert response.status_code < 400, (response.status_code, response.text[:500])
    written = changed(before, rows(db))
    if case.changes:
        assert written, "the valid form changed nothing: the case is wrong"
    for table, old, new in written:
        for column, value in new.items():
            if column not in canaries:
                continue
            sent, default = canaries[column]
            if sent in ("true", "false"):
                expected = old[column] if old is not None else default
                assert expected is None or value == expected, (table, column, value)
            else:
                assert not _holds_canary(value), (table, column, value)


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("api_protect_set_spoc", "user_id"),
        ("api_report_assign", "assignee_id"),
        ("api_report_action", "assignee_id"),
    ],
)
def test_a_json_true_is_not_a_user_id(
    app: FastAPI, client: TestClient, db: Session, world: World, name: str, field: str
) -> None:
    """Found by the negative-data run: pydantic's lax mode read ``true`` as user 1."""
    case, route = ROUTES[name], _write_route(app, name)
    before = checksum(db)
    response = _send(client, case, route, world, {**case.body(world), field: True})
    assert response.status_code == 422 and field in [e["field"] for e in response.json()["errors"]]
    assert checksum(db) == before


@pytest.mark.parametrize(
    "name",
    ["api_retention_retain", "api_retention_hold", "api_retention_dispose", "api_retention_clock_accept"],
)
@pytest.mark.parametrize("reason", ["Address" + "\u00a0" * 2000, " \t "])
def test_a_reason_is_checked_as_sent(
    app: FastAPI, client: TestClient, db: Session, world: World, name: str, reason: str
) -> None:
    """Found by the negative-data run: stripped before its length was checked, a reason padded
    with whitespace past the schema's 2,000 characters disposed of a report."""
    case, route = ROUTES[name], _write_route(app, name)
    before = checksum(db)
    response = _send(client, case, route, world, {**case.body(world), "reason": reason})
    assert response.status_code == 422 and "reason" in [e["field"] for e in response.json()["errors"]]
    assert checksum(db) == before
