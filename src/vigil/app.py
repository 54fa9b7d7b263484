"""The application factory. Nothing happens at import time: everything is built here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import xstatic.pkg.leaflet as xstatic_leaflet
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from vigil.auth.deps import CsrfFailed, Forbidden, LoginRequired, csrf_guard
from vigil.auth.enums import Classification
from vigil.auth.marking import CeilingExceeded, install_ceiling
from vigil.config import Settings
from vigil.db.engine import assert_durable, make_engine
from vigil.db.session import make_sessionmaker
from vigil.retention.policy import install_policy
from vigil.web.security import SecurityMiddleware
from vigil.web.templates import build_templates, render

log = logging.getLogger(__name__)


def _wants_html(request: Request) -> bool:
    """Pages answer in HTML unless the client asks only for JSON; the API always in JSON."""
    if request.url.path.startswith("/api/"):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "application/json" not in accept


def create_app(settings: Settings, *, start_workers: bool | None = None) -> FastAPI:
    """Build Vigil. ``start_workers`` defaults to running ``embedded_workers`` threads."""
    from fastapi import Depends  # noqa: PLC0415

    engine = make_engine(
        settings.database_url, busy_timeout_ms=settings.db_busy_timeout_ms, pool_size=settings.db_pool_size
    )
    install_policy(engine, settings)
    sessions = make_sessionmaker(engine)
    install_ceiling(sessions, Classification(settings.max_classification))
    run_workers = settings.embedded_workers > 0 if start_workers is None else start_workers

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        assert_durable(engine)
        pool = None
        if run_workers and settings.embedded_workers > 0:
            from vigil.jobs.registry import default_handlers  # noqa: PLC0415
            from vigil.jobs.worker import Worker, WorkerPool  # noqa: PLC0415
            from vigil.retention.tasks import schedule_on_start  # noqa: PLC0415
            from vigil.triage.tasks import preload  # noqa: PLC0415

            handlers = default_handlers()
            preload(settings)  # a classifier that cannot load stops start-up, with the reason
            pool = WorkerPool(
                [
                    Worker(sessions=sessions, handlers=handlers, settings=settings)
                    for _ in range(settings.embedded_workers)
                ]
            )
            pool.start()
            schedule_on_start(sessions, settings)
        app.state.workers = pool
        try:
            yield
        finally:
            if pool is not None:
                pool.shutdown()
            committer = getattr(app.state, "intake_committer", None)
            if committer is not None:
                committer.stop()
            engine.dispose()

    docs = settings.docs_enabled and settings.mode != "production"
    app = FastAPI(
        title="Vigil",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/api/docs" if docs else None,
        redoc_url=None,
        openapi_url="/api/openapi.json" if docs else None,
        dependencies=[Depends(csrf_guard)],
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.templates = build_templates()

    _mount_static(app)
    _add_routes(app)
    _add_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(
        SecurityMiddleware,
        max_body_bytes=settings.max_body_bytes,
        max_json_bytes=settings.max_json_bytes,
        body_timeout_seconds=settings.body_timeout_seconds,
        secure=settings.secure_cookies,
        secret=settings.secret_key.get_secret_value(),
    )
    return app


def _mount_static(app: FastAPI) -> None:
    app.mount("/static/leaflet", StaticFiles(directory=xstatic_leaflet.BASE_DIR), name="leaflet")
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "web" / "static"), name="static")


def _add_routes(app: FastAPI) -> None:
    from vigil.audit import pages as audit_pages  # noqa: PLC0415
    from vigil.auth import pages as auth_pages  # noqa: PLC0415
    from vigil.intake import api as intake_api  # noqa: PLC0415
    from vigil.intake import pages as intake_pages  # noqa: PLC0415
    from vigil.intake import staff_pages as intake_staff_pages  # noqa: PLC0415
    from vigil.jobs import pages as job_pages  # noqa: PLC0415
    from vigil.protect import api as protect_api  # noqa: PLC0415
    from vigil.protect import pages as protect_pages  # noqa: PLC0415
    from vigil.protect import premises_pages as protect_premises_pages  # noqa: PLC0415
    from vigil.protect.programmes import api as programme_api  # noqa: PLC0415
    from vigil.protect.programmes import pages as programme_pages  # noqa: PLC0415
    from vigil.reference import pages as reference_pages  # noqa: PLC0415
    from vigil.retention import api as retention_api  # noqa: PLC0415
    from vigil.retention import pages as retention_pages  # noqa: PLC0415
    from vigil.threat_level import pages as threat_level_pages  # noqa: PLC0415
    from vigil.web import pages as web_pages  # noqa: PLC0415
    from vigil.workspace import pages as workspace_pages  # noqa: PLC0415

    for module in (
        web_pages,
        auth_pages,
        intake_api,
        intake_pages,
        intake_staff_pages,
        workspace_pages,
        audit_pages,
        job_pages,
        reference_pages,
        protect_api,
        protect_pages,
        protect_premises_pages,
        programme_api,
        programme_pages,
        threat_level_pages,
        retention_api,
        retention_pages,
    ):
        app.include_router(module.router)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _exc: Exception) -> Response:
        if _wants_html(request):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return JSONResponse(
            {"detail": "authentication required"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, _exc: Exception) -> Response:
        return _error(request, 403, "Not allowed", "Your role does not allow this.")

    @app.exception_handler(CeilingExceeded)
    async def _ceiling(request: Request, exc: CeilingExceeded) -> Response:
        _record_ceiling_refusal(request, exc)
        if _wants_html(request):
            return _error(request, 422, "Marking not allowed here", str(exc))
        return JSONResponse(
            {"detail": str(exc), "errors": [{"field": "classification", "reason": str(exc)}]}, status_code=422
        )

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: Exception) -> Response:
        return _error(
            request,
            403,
            "Form expired",
            "The form had expired or came from another site. Go back, reload the page and try again.",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request):
            titles = {404: "Page not found", 405: "Not allowed", 413: "Too large", 429: "Too many requests"}
            return _error(
                request, exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail), exc.headers
            )
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {
                "field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"),
                "reason": err.get("msg", "invalid"),
            }
            for err in exc.errors()
        ]
        return JSONResponse({"detail": "invalid input", "errors": errors}, status_code=422)

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _database_unavailable(request: Request, exc: Exception) -> Response:
        # Locked past the busy timeout, unreachable, or out of connections: nothing was
        # stored (the transaction rolled back), so say so and invite a retry; never a 500.
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        message = "The service is busy. Nothing was saved: wait a moment and try again."
        return _error(request, 503, "Service busy", message, {"Retry-After": "2"})

    @app.exception_handler(DataError)
    async def _unstorable(request: Request, exc: Exception) -> Response:
        # A value the database refuses (PostgreSQL: a NUL in text, a number out of range):
        # bad input, not a fault; the transaction rolled back, so nothing was saved.
        log.info("input refused by the database on %s %s: %s", request.method, request.url.path, exc)
        message = "Something you sent cannot be stored (for example a NUL character). Nothing was saved."
        return _error(request, 400, "Invalid input", message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, _exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(request, 500, "Sorry, there is a problem with the service", "Try again later.")


def _record_ceiling_refusal(request: Request, exc: CeilingExceeded) -> None:
    """The refused attempt is audited in its own transaction (the request's was rolled back)."""
    from vigil.audit.enums import AuditTag  # noqa: PLC0415
    from vigil.audit.service import Actor, record  # noqa: PLC0415

    principal = getattr(request.state, "principal", None)
    actor = principal.actor if principal is not None else Actor(user_id=None, label="public")
    with request.app.state.sessions() as db:
        record(
            db,
            tag=AuditTag.marking_refused,
            actor=actor,
            object_type=exc.record_type,
            details={"classification": exc.classification, "ceiling": exc.ceiling, "path": request.url.path},
        )
        db.commit()


def _error(request: Request, status: int, title: str, message: str, headers: Any = None) -> Response:
    if _wants_html(request):
        page = render(request, "error.html", {"title": title, "message": message}, status_code=status)
        page.headers.update(headers or {})
        return page
    return JSONResponse({"detail": message}, status_code=status, headers=headers)
