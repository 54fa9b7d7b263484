"""The programmes JSON API: create a programme, follow its progress, export it, and work its
reviews. Access to a review follows the review's own marking and shares."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response
from sqlalchemy import select

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import requires
from vigil.auth.marking import visible_clause
from vigil.auth.permissions import Permission
from vigil.protect.access import get_visible_or_404
from vigil.protect.programmes import progress as prog
from vigil.protect.programmes import service as programmes
from vigil.protect.programmes.models import Recommendation, Review, ReviewProgramme
from vigil.protect.programmes.schemas import (
    AssessmentIn,
    ProgrammeCreate,
    RecommendationCreate,
    RecommendationUpdate,
    Transition,
)
from vigil.web.deps import DbSession

router = APIRouter(prefix="/api/v1/protect", tags=["protect"])


@router.post("/programmes", name="api_protect_create_programme", status_code=status.HTTP_201_CREATED)
def create_programme(
    db: DbSession,
    programme_in: ProgrammeCreate,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    programme = programmes.create_programme(db=db, programme_in=programme_in, actor=principal)
    record(
        db,
        tag=AuditTag.programme_write,
        actor=principal.actor,
        object_type="review_programme",
        object_id=programme.id,
        details={"create": programme_in.target_kind.value, "param": programme_in.target_param},
    )
    db.commit()
    return {"id": programme.id}


@router.get("/programmes", name="api_protect_programmes")
def list_programmes(
    db: DbSession,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> list[dict[str, Any]]:
    rows = db.scalars(
        select(ReviewProgramme)
        .where(visible_clause(ReviewProgramme, principal))
        .order_by(ReviewProgramme.started_at.desc(), ReviewProgramme.id.desc())
    )
    return [
        {
            "id": p.id,
            "name": p.name,
            "target_kind": p.target_kind,
            "target_param": p.target_param,
            "started_at": p.started_at.isoformat(),
            "source": p.source,
            "classification": p.classification,
        }
        for p in rows
    ]


@router.get("/progress.csv", name="api_protect_progress_export")
def progress_export(
    db: DbSession,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> Response:
    """Progress per programme, force and CT region, over what the caller may see."""
    programmes_seen = list(
        db.scalars(select(ReviewProgramme).where(visible_clause(ReviewProgramme, principal)))
    )
    reviews = prog.visible_reviews(db, principal)
    body = prog.tallies_csv(prog.progress(db=db, programmes=programmes_seen, reviews=reviews))
    record(
        db,
        tag=AuditTag.programme_export,
        actor=principal.actor,
        object_type="review_programme",
        details={"aggregate": True, "programmes": [p.id for p in programmes_seen]},
    )
    db.commit()
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="progress.csv"', "Cache-Control": "no-store"},
    )


@router.get("/programmes/{programme_id}/progress", name="api_protect_progress")
def programme_progress(
    db: DbSession,
    programme_id: int,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> dict[str, Any]:
    programme = get_visible_or_404(db, ReviewProgramme, programme_id, principal)
    reviews = prog.visible_reviews(db, principal, programme.id)
    result = prog.progress(db=db, programmes=[programme], reviews=reviews)

    def tally(t: prog.Tally) -> dict[str, Any]:
        return {k: getattr(t, k) for k in prog.Tally.__slots__} | {"contact_rate": round(t.contact_rate, 4)}

    record(
        db,
        tag=AuditTag.programme_read,
        actor=principal.actor,
        object_type="review_programme",
        object_id=programme.id,
    )
    db.commit()
    return {
        "overall": tally(result.overall),
        "by_force": [tally(t) for t in result.by_force],
        "by_region": [tally(t) for t in result.by_region],
    }


@router.get("/programmes/{programme_id}/export.csv", name="api_protect_export")
def export(
    db: DbSession,
    programme_id: int,
    principal: requires(Permission.programme_read),  # type: ignore[valid-type]
) -> Response:
    programme = get_visible_or_404(db, ReviewProgramme, programme_id, principal)
    reviews = prog.visible_reviews(db, principal, programme.id)
    body = prog.export_csv(db=db, programmes=[programme], reviews=reviews)
    record(
        db,
        tag=AuditTag.programme_export,
        actor=principal.actor,
        object_type="review_programme",
        object_id=programme.id,
        details={"rows": len(reviews), "recipient": principal.organisation_code},
    )
    db.commit()
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="programme-{programme.id}.csv"',
            "Cache-Control": "no-store",
        },
    )


def _review(db: DbSession, review_id: int, principal: Any) -> Review:
    return get_visible_or_404(db, Review, review_id, principal)


@router.post("/reviews/{review_id}/transition", name="api_protect_transition")
def transition(
    db: DbSession,
    review_id: int,
    transition_in: Transition,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    review = _review(db, review_id, principal)
    programmes.transition(db=db, review=review, transition_in=transition_in, actor=principal)
    db.commit()
    return {"id": review.id, "state": review.state}


@router.post("/reviews/{review_id}/assessment", name="api_protect_assessment")
def assessment(
    db: DbSession,
    review_id: int,
    assessment_in: AssessmentIn,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    review = _review(db, review_id, principal)
    found = programmes.record_assessment(db=db, review=review, assessment_in=assessment_in, actor=principal)
    db.commit()
    return {"id": found.id}


@router.post(
    "/reviews/{review_id}/recommendations",
    name="api_protect_add_recommendation",
    status_code=status.HTTP_201_CREATED,
)
def add_recommendation(
    db: DbSession,
    review_id: int,
    recommendation_in: RecommendationCreate,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    review = _review(db, review_id, principal)
    rec = programmes.add_recommendation(
        db=db, review=review, recommendation_in=recommendation_in, actor=principal
    )
    db.commit()
    return {"id": rec.id}


@router.patch("/recommendations/{rec_id}", name="api_protect_update_recommendation")
def update_recommendation(
    db: DbSession,
    rec_id: int,
    update_in: RecommendationUpdate,
    principal: requires(Permission.programme_write),  # type: ignore[valid-type]
) -> dict[str, Any]:
    rec = db.get(Recommendation, rec_id)
    if rec is None:
        raise HTTPException(status_code=404, detail="not found")
    review = _review(db, rec.review_id, principal)  # the access rule follows the review
    programmes.update_recommendation(db=db, rec=rec, update_in=update_in)
    record(
        db,
        tag=AuditTag.programme_write,
        actor=principal.actor,
        object_type="review",
        object_id=review.id,
        details={"recommendation": rec.id, "state": rec.state},
    )
    db.commit()
    return {"id": rec.id, "state": rec.state}
