"""The start page and the health check."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from vigil.auth.deps import resolve_principal
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter()


@router.get("/", name="home")
def home(request: Request, db: DbSession) -> Response:
    resolve_principal(request, db)
    return render(request, "home.html")


@router.get("/health", name="health")
def health(request: Request, db: DbSession) -> Response:
    """Liveness and readiness: 503 when the database cannot be reached, or when intake's last
    write failed because storage was full (until a write succeeds again)."""
    try:
        db.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
    committer = getattr(request.app.state, "intake_committer", None)
    full_since = getattr(committer, "storage_full_since", None)
    if full_since is not None:
        return JSONResponse(
            {"status": "unavailable", "database": "up", "storage": "full", "since": full_since.isoformat()},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "database": "up"})
