"""Mass assignment (RELIABILITY #19) over every write route.

A JSON body naming any attribute of the models the route writes (or of the acting user, their
organisation and the sharing rows) that the route does not accept is a 422 naming it, and the
database and the file store are unchanged; the same route then accepts the minimal valid body,
so the 422 was the extra field's doing. A form route ignores a field named like a model column:
the rows it writes hold none of the values sent that way.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Annotated, Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Numeric, inspect
from sqlalchemy.orm import Session

from tests.factories.auth import csrf
from tests.security.conftest import World, changed, checksum, file_store, rows
from tests.security.routes import ALWAYS, ROUTES, RouteCase, WriteRoute, extra_fields, write_routes
from vigil.config import Settings
from vigil.schemas import StrippedText

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


# ---- every bounded string of every JSON body: its length is checked as sent

#: JSON routes whose bounded strings are, by design, bounded after cleaning rather than as
#: sent; for these a padded value is either refused naming the field or stored without its
#: padding, never longer than the stated bound.
BOUNDED_AFTER_CLEANING = {
    # ReportCreate is the intake's one validator: the public form, the bulk import and the
    # call handlers' form go through it too, and every text field is then cleaned and bounded
    # by vigil.intake.sanitise (docs/security.md, "Text (F10)").
    "api_create_report",
}
#: Values that pass a field's own checks, where "x" would not; the padding is what is tested.
_VALID_TEXT = {
    "postcode": "SW1A 1AA",
    "urls": "https://example.com/page",
    "email": "ann@example.com",
    "phone": "07700 900123",
    "phone_numbers": "07700 900123",
}
_PAD = "\u00a0"  # a non-breaking space: stripped as whitespace, counted by maxLength
Path_ = tuple[str | int, ...]  # a field's place in the body; "*" for any key of a mapping


def _bounded_strings(
    schemas: dict[str, Any], schema: dict[str, Any], at: Path_ = ()
) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every string with a ``maxLength`` in a body schema, nested objects, lists and mappings
    included, with where it sits."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    for alternative in schema.get("anyOf", []):
        yield from _bounded_strings(schemas, alternative, at)
    if schema.get("type") == "string" and "maxLength" in schema:
        yield at, schema
    for name, inner in schema.get("properties", {}).items():
        yield from _bounded_strings(schemas, inner, (*at, name))
    if isinstance(schema.get("items"), dict):
        yield from _bounded_strings(schemas, schema["items"], (*at, 0))
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _bounded_strings(schemas, schema["additionalProperties"], (*at, "*"))


def _with(body: Any, at: Path_, make: Callable[[Any], str]) -> tuple[Any, str]:
    """A copy of ``body`` with ``make(the value there)`` at ``at``, and the field's dotted name
    as the API's errors give it."""
    body = copy.deepcopy(body)
    container, names = body, []
    for position, step in enumerate(at):
        last = position == len(at) - 1
        key = step
        if key == "*":
            assert container, f"no key to put a value under at {at}: give the case one"
            key = next(iter(container))
        if isinstance(key, int):
            if not container:
                container.append(None)
        elif key not in container or container[key] is None:
            container[key] = None if last else ([] if isinstance(at[position + 1], int) else {})
        names.append(str(key))
        if last:
            container[key] = make(container[key])
        else:
            container = container[key]
    return body, ".".join(names)


def _padded(base: str, limit: int) -> Callable[[Any], str]:
    """The value already there (or ``base``) and past ``limit`` with non-breaking spaces."""
    return lambda old: (old if isinstance(old, str) and old else base) + _PAD * limit


def _blank(_old: Any) -> str:
    return f" \t{_PAD} "


def _json_route_bounds(app: FastAPI, route: WriteRoute) -> list[tuple[Path_, dict[str, Any]]]:
    document = app.openapi()
    body = document["paths"][route.path][route.method.lower()]["requestBody"]["content"]["application/json"]
    found = dict(_bounded_strings(document["components"]["schemas"], body["schema"]))
    return list(found.items())


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _texts(v)


@pytest.mark.parametrize("name", JSON_ROUTES)
def test_every_bounded_string_is_checked_as_sent(
    app: FastAPI, client: TestClient, db: Session, request: pytest.FixtureRequest, name: str
) -> None:
    """Generalises test_a_reason_is_checked_as_sent to every string with a ``maxLength`` in
    every JSON body (from the OpenAPI document, so a new field or model is covered): sent
    padded with non-breaking spaces past the stated length, it is a 422 naming the field, for
    that length, and nothing changes; where the schema asks for at least one character, a
    value of whitespace only is a 422 naming it too. A model stripping before the length check
    (``str_strip_whitespace`` with ``Field(max_length=...)``) fails here: the shared
    ``vigil.schemas.StrippedText`` checks first."""
    case, route = ROUTES[name], _write_route(app, name)
    assert route.is_json
    bounds = _json_route_bounds(app, route)
    if not bounds:
        pytest.skip("no bounded string in its body")
    world: World = request.getfixturevalue("world")
    wrong: list[tuple[Any, ...]] = []
    for at, schema in bounds:
        limit = schema["maxLength"]
        leaf = next((s for s in reversed(at) if isinstance(s, str) and s != "*"), "")
        base = _VALID_TEXT.get(leaf, "x")
        tries = [("padded", _padded(base, limit))]
        if schema.get("minLength", 0) >= 1:
            tries.append(("blank", _blank))
        for kind, make in tries:
            body, field_name = _with(case.body(world), at, make)
            before = rows(db)
            response = _send(client, case, route, world, body)
            errors = response.json().get("errors", []) if response.status_code == 422 else []
            named = [e["reason"] for e in errors if e["field"] == field_name]
            if kind == "padded" and name in BOUNDED_AFTER_CLEANING and response.status_code < 300:
                stored = [
                    t for _t, _old, new in changed(before, rows(db)) for t in _texts(new) if _PAD * 8 in t
                ]
                if stored:
                    wrong.append((field_name, kind, "stored with its padding"))
                continue
            if not named:
                wrong.append((field_name, kind, response.status_code, response.text[:200]))
            elif (
                kind == "padded"
                and name not in BOUNDED_AFTER_CLEANING
                and f"at most {limit} character" not in named[0]
            ):
                wrong.append((field_name, kind, named[0]))
            elif changed(before, rows(db)):
                wrong.append((field_name, kind, "a refusal changed the database"))
    assert not wrong, wrong


def test_stripped_text_strips_what_the_model_config_stripped() -> None:
    """``StrippedText`` moves the strip after the length check; it strips what pydantic's
    ``str_strip_whitespace`` strips, no more and no less."""

    class Config(BaseModel):
        model_config = ConfigDict(str_strip_whitespace=True)
        text: str

    class Shared(BaseModel):
        text: Annotated[str, StrippedText(max_length=10)]

    for point in range(0x3100):
        if 0xD800 <= point < 0xE000:
            continue
        sent = f"{chr(point)}x{chr(point)}"
        assert Shared(text=sent).text == Config(text=sent).text, hex(point)
