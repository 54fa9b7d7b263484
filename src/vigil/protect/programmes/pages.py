"""Programme pages: create a programme, follow its progress (with inline SVG charts), work a
review from offered to closed, and the progress across programmes per force and CT region."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal, requires
from vigil.auth.marking import high_water_mark, visible_clause
from vigil.auth.permissions import Permission
from vigil.db.types import utcnow
from vigil.protect.access import get_visible_or_404
from vigil.protect.enums import AreaRating, AssessmentArea, RecommendationOwner, ReviewState, TargetKind
from vigil.protect.programmes import progress as prog
from vigil.protect.programmes import service
from vigil.protect.programmes.models import Review, ReviewProgramme
from vigil.protect.programmes.schemas import (
    AreaFinding,
    AssessmentIn,
    ProgrammeCreate,
    RecommendationCreate,
    Transition,
)
from vigil.web.deps import DbSession
from vigil.web.security import read_form
from vigil.web.templates import render

router = APIRouter(prefix="/protect")


def _programmes(db: DbSession, viewer: Principal) -> list[ReviewProgramme]:
    stmt = select(ReviewProgramme).where(visible_clause(ReviewProgramme, viewer))
    return list(db.scalars(stmt.order_by(ReviewProgramme.started_at.desc(), ReviewProgramme.id.desc())))


@router.get("/programmes", name="protect_programmes")
def programmes_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> Response:
    programmes = _programmes(db, principal)
    marking = high_water_mark([p.classification for p in programmes]).value if programmes else None
    return render(
        request,
        "protect/programmes.html",
        {"programmes": programmes, "kinds": list(TargetKind), "page_marking": marking, "error": None},
    )


@router.post("/programmes", name="protect_create_programme")
def create_programme(
    request: Request,
    db: DbSession,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
    name: Annotated[str, Form(max_length=200)],
    target_kind: Annotated[str, Form(max_length=32)],
    target_param: Annotated[str | None, Form(max_length=64)] = None,
) -> Response:
    try:
        programme_in = ProgrammeCreate(name=name, target_kind=target_kind, target_param=target_param or None)
        programme = service.create_programme(db=db, programme_in=programme_in, actor=principal)
    except (ValidationError, HTTPException) as exc:
        db.rollback()
        programmes = _programmes(db, principal)
        message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc.detail)
        return render(
            request,
            "protect/programmes.html",
            {"programmes": programmes, "kinds": list(TargetKind), "error": message, "page_marking": None},
            status_code=422,
        )
    record(
        db,
        tag=AuditTag.programme_write,
        actor=principal.actor,
        object_type="review_programme",
        object_id=programme.id,
        details={"create": target_kind, "param": target_param},
    )
    db.commit()
    return RedirectResponse(f"/protect/programmes/{programme.id}", status_code=303)


def _chart(tallies: list[prog.Tally]) -> list[dict[str, Any]]:
    return prog.chart_rows(tallies)


@router.get("/programmes/{programme_id}", name="protect_programme")
def programme_page(
    request: Request,
    db: DbSession,
    programme_id: int,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> Response:
    programme = get_visible_or_404(db, ReviewProgramme, programme_id, principal)
    reviews = prog.visible_reviews(db, principal, programme.id)
    now = utcnow()
    result = prog.progress(db=db, programmes=[programme], reviews=reviews, now=now)
    recs = prog.rec_counts(db, (r.id for r in reviews), now.date())
    record(
        db,
        tag=AuditTag.programme_read,
        actor=principal.actor,
        object_type="review_programme",
        object_id=programme.id,
    )
    db.commit()
    marking = high_water_mark([programme.classification, *(r.classification for r in reviews)]).value
    return render(
        request,
        "protect/programme.html",
        {
            "programme": programme,
            "reviews": reviews[:1000],
            "result": result,
            "recs": recs,
            "overdue_contact": {r.id for r in reviews if prog.contact_overdue(r, programme, now)},
            "chart_force": _chart(result.by_force),
            "chart_region": _chart(result.by_region),
            "series": prog.CHART_SERIES,
            "page_marking": marking,
        },
    )


@router.get("/progress", name="protect_progress")
def progress_page(
    request: Request,
    db: DbSession,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> Response:
    programmes = _programmes(db, principal)
    reviews = prog.visible_reviews(db, principal)
    result = prog.progress(db=db, programmes=programmes, reviews=reviews)
    marking = high_water_mark([p.classification for p in programmes]).value if programmes else None
    return render(
        request,
        "protect/progress.html",
        {
            "result": result,
            "chart_force": _chart(result.by_force),
            "chart_region": _chart(result.by_region),
            "series": prog.CHART_SERIES,
            "page_marking": marking,
        },
    )


@router.get("/reviews/{review_id}", name="protect_review")
def review_page(
    request: Request,
    db: DbSession,
    review_id: int,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> Response:
    review = get_visible_or_404(db, Review, review_id, principal)
    programme = db.get(ReviewProgramme, review.programme_id)
    record(db, tag=AuditTag.programme_read, actor=principal.actor, object_type="review", object_id=review.id)
    db.commit()
    today = utcnow().date()
    recs = service.recommendations(db=db, review=review)
    return render(
        request,
        "protect/review.html",
        {
            "review": review,
            "programme": programme,
            "next_states": service.NEXT[ReviewState(review.state)],
            "history": service.history(db=db, review=review),
            "assessment": service.get_assessment(db=db, review=review),
            "recommendations": recs,
            "overdue": {r.id for r in recs if service.is_overdue_recommendation(r, today)},
            "areas": list(AssessmentArea),
            "ratings": list(AreaRating),
            "owners": list(RecommendationOwner),
            "page_marking": review.classification,
            "today": today,
        },
    )


def _back(review_id: int) -> Response:
    return RedirectResponse(f"/protect/reviews/{review_id}", status_code=303)


def _fail(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"title": "Cannot do that", "message": message}, status_code=status)


@router.post("/reviews/{review_id}/transition", name="protect_review_transition")
def transition_form(
    request: Request,
    db: DbSession,
    review_id: int,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
    to: Annotated[str, Form(max_length=32)],
    note: Annotated[str | None, Form(max_length=2000)] = None,
    booked_for: Annotated[date | None, Form()] = None,
) -> Response:
    review = get_visible_or_404(db, Review, review_id, principal)
    try:
        service.transition(
            db=db,
            review=review,
            transition_in=Transition(to=to, note=note or None, booked_for=booked_for),
            actor=principal,
        )
    except ValidationError:
        return _fail(request, 422, f"{to!r} is not a review state")
    except HTTPException as exc:
        db.rollback()
        detail = exc.detail["detail"] if isinstance(exc.detail, dict) else exc.detail
        return _fail(request, exc.status_code, str(detail))
    db.commit()
    return _back(review.id)


@router.post("/reviews/{review_id}/assessment", name="protect_review_assessment")
async def assessment_form(
    request: Request,
    db: DbSession,
    review_id: int,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
) -> Response:
    form = await read_form(request)
    review = get_visible_or_404(db, Review, review_id, principal)
    try:
        areas = {
            area: AreaFinding(
                rating=str(form.get(f"{area.value}_rating", "not_assessed")),
                findings=str(form.get(f"{area.value}_findings", ""))[:5000],
            )
            for area in AssessmentArea
        }
        assessment_in = AssessmentIn(
            assessed_on=date.fromisoformat(str(form.get("assessed_on") or utcnow().date().isoformat())),
            areas=areas,
            summary=str(form.get("summary") or "")[:5000] or None,
        )
        service.record_assessment(db=db, review=review, assessment_in=assessment_in, actor=principal)
    except (ValidationError, ValueError):
        return _fail(request, 422, "The assessment checklist was not valid: check each rating and the date.")
    except HTTPException as exc:
        db.rollback()
        detail = exc.detail["detail"] if isinstance(exc.detail, dict) else exc.detail
        return _fail(request, exc.status_code, str(detail))
    db.commit()
    return _back(review.id)


@router.post("/reviews/{review_id}/recommendations", name="protect_review_recommendation")
def recommendation_form(
    request: Request,
    db: DbSession,
    review_id: int,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
    text: Annotated[str, Form(max_length=2000)],
    owner: Annotated[str, Form(max_length=32)],
    due_on: Annotated[date, Form()],
) -> Response:
    review = get_visible_or_404(db, Review, review_id, principal)
    try:
        service.add_recommendation(
            db=db,
            review=review,
            recommendation_in=RecommendationCreate(text=text, owner=owner, due_on=due_on),
            actor=principal,
        )
    except ValidationError:
        return _fail(request, 422, "Give the recommendation's text, an owner and a due date.")
    except HTTPException as exc:
        db.rollback()
        return _fail(request, exc.status_code, str(exc.detail))
    db.commit()
    return _back(review.id)
