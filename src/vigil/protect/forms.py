"""What the register pages share: the deployment's ceiling, form errors and redirects."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from vigil.web.templates import render

Errors = list[dict[str, str]]


def deployment_ceiling(request: Request) -> str:
    return str(request.app.state.settings.max_classification)


def field_errors(exc: ValidationError, prefix: str = "") -> Errors:
    return [
        {
            "field": prefix + ".".join(str(p) for p in e["loc"]) if e["loc"] else prefix,
            "reason": str(e["msg"]),
        }
        for e in exc.errors()
    ]


def service_errors(exc: HTTPException, rename: dict[str, str] | None = None) -> Errors:
    """The ``{"field", "reason"}`` list a service's 422 carries, with fields renamed to the form's."""
    rename = rename or {}
    if isinstance(exc.detail, dict):
        return [
            {"field": rename.get(e["field"], e["field"]), "reason": e["reason"]} for e in exc.detail["errors"]
        ]
    return [{"field": "", "reason": str(exc.detail)}]


def back_to_person(person_id: int) -> Response:
    return RedirectResponse(f"/protect/persons/{person_id}", status_code=303)


def fail(request: Request, exc: HTTPException | ValidationError) -> Response:
    if isinstance(exc, ValidationError):
        message, status = "; ".join(str(e["msg"]) for e in exc.errors()), 422
    else:
        detail = exc.detail["detail"] if isinstance(exc.detail, dict) else exc.detail
        message, status = str(detail), exc.status_code
    return render(request, "error.html", {"title": "Cannot do that", "message": message}, status_code=status)
