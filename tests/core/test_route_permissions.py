"""Every route declares a permission, or is on the named list of public routes."""

from __future__ import annotations

from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from vigil.auth.deps import Require
from vigil.auth.permissions import PUBLIC_ROUTES
from vigil.web.routes import iter_routes


def _requires(dependant: Dependant) -> list[Require]:
    found = [d.call for d in dependant.dependencies if isinstance(d.call, Require)]
    for sub in dependant.dependencies:
        found.extend(_requires(sub))
    return found


def test_every_route_declares_a_permission_or_is_public(app: Any) -> None:
    undeclared = []
    for path, route in iter_routes(app.routes):
        name = getattr(route, "name", None)
        if isinstance(route, APIRoute):
            if not _requires(route.dependant) and name not in PUBLIC_ROUTES:
                undeclared.append(f"{sorted(route.methods)} {path} ({name})")
        elif name not in PUBLIC_ROUTES:
            undeclared.append(f"{path} ({name})")
    assert not undeclared, "routes without a permission: " + ", ".join(undeclared)


def test_the_walk_finds_the_included_routers_routes(app: Any) -> None:
    paths = {path for path, _ in iter_routes(app.routes)}
    assert {"/workspace/queue", "/api/v1/reports", "/login", "/admin/audit"} <= paths


def test_public_routes_list_names_only_routes_that_exist(app: Any) -> None:
    names = {getattr(r, "name", None) for _, r in iter_routes(app.routes)}
    docs_only = {"openapi", "swagger_ui_html", "swagger_ui_redirect", "redoc_html"}
    assert PUBLIC_ROUTES - names - docs_only == set()


def test_a_public_route_never_also_requires_a_permission(app: Any) -> None:
    # A route on the public list that quietly demands a login would be a broken promise.
    for path, route in iter_routes(app.routes):
        if isinstance(route, APIRoute) and route.name in PUBLIC_ROUTES:
            assert not _requires(route.dependant), path
