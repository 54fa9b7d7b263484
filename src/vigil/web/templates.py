"""The Jinja2 environment shared by every page. Autoescaping is always on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

LONDON = ZoneInfo("Europe/London")
TEMPLATE_DIRS = [Path(__file__).parent / "templates"] + [
    p for p in sorted((Path(__file__).parent.parent).glob("*/templates")) if p.parent.name != "web"
]


def london(value: datetime | None, fmt: str = "%d %b %Y %H:%M") -> str:
    """Store UTC, show Europe/London."""
    if value is None:
        return ""
    return value.astimezone(LONDON).strftime(fmt)


def build_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=[str(p) for p in TEMPLATE_DIRS])
    templates.env.filters["london"] = london
    templates.env.autoescape = True
    return templates


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    ctx: dict[str, Any] = {
        "principal": getattr(request.state, "principal", None),
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "page_marking": None,
    }
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
