"""Programmes and the review state machine.

A programme targets a set and creates one review per target in the same transaction, each
owned by the responsible force, allocated to the person's single point of contact (or to the
force when none is set), and shared with the programme's owner and its partners so that
progress can be followed without widening who sees the register itself.
"""

from __future__ import annotations

from datetime import date

from fastapi import HTTPException
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import record
from vigil.auth.deps import Principal
from vigil.auth.enums import Classification, OrganisationKind
from vigil.auth.marking import RecordShare, share, shared_org_ids
from vigil.auth.models import Organisation
from vigil.db.types import utcnow
from vigil.protect.access import partner_org_ids
from vigil.protect.enums import AssessmentArea, PersonKind, RecommendationState, ReviewState, TargetKind, Tier
from vigil.protect.models import ProtectedPerson, Venue
from vigil.protect.programmes.models import Assessment, Recommendation, Review, ReviewEvent, ReviewProgramme
from vigil.protect.programmes.schemas import (
    AssessmentIn,
    ProgrammeCreate,
    RecommendationCreate,
    RecommendationUpdate,
    Transition,
)
from vigil.protect.service import unprocessable

S = ReviewState
NEXT: dict[ReviewState, tuple[ReviewState, ...]] = {
    S.pending: (S.offered,),
    S.offered: (S.accepted, S.declined),
    S.accepted: (S.assessment_booked,),
    S.declined: (S.closed,),
    S.assessment_booked: (S.assessed,),
    S.assessed: (S.recommendations_issued,),
    S.recommendations_issued: (S.measures_in_place,),
    S.measures_in_place: (S.closed,),
    S.closed: (),
}
_STAMP = {
    S.offered: "offered_at",
    S.accepted: "responded_at",
    S.declined: "responded_at",
    S.assessed: "assessed_at",
    S.recommendations_issued: "recommendations_issued_at",
    S.measures_in_place: "measures_in_place_at",
    S.closed: "closed_at",
}


def _targets(db: Session, programme_in: ProgrammeCreate) -> list[ProtectedPerson | Venue]:
    kind, param = programme_in.target_kind, programme_in.target_param
    if kind == TargetKind.enhanced_venues:
        return list(db.scalars(select(Venue).where(Venue.tier == Tier.enhanced).order_by(Venue.id)))
    stmt = select(ProtectedPerson).where(
        ProtectedPerson.kind == PersonKind.mp, ProtectedPerson.active.is_(True)
    )
    if kind == TargetKind.mps_in_region:
        if not param:
            raise unprocessable("target_param", "name the CT region (e.g. CTPE)")
        stmt = stmt.where(ProtectedPerson.ct_region == param)
    elif kind == TargetKind.mps_in_force:
        if not param:
            raise unprocessable("target_param", "name the force (e.g. bedfordshire)")
        stmt = stmt.where(ProtectedPerson.force_slug == param)
    return list(db.scalars(stmt.order_by(ProtectedPerson.id)))


def create_programme(
    *, db: Session, programme_in: ProgrammeCreate, actor: Principal, source: str | None = None
) -> ReviewProgramme:
    targets = _targets(db, programme_in)
    if not targets:
        raise unprocessable("target_kind", "the programme's target set is empty")
    programme = ReviewProgramme(
        name=programme_in.name,
        target_kind=programme_in.target_kind,
        target_param=programme_in.target_param,
        contact_within_hours=programme_in.contact_within_hours,
        started_at=utcnow(),
        source=source,
        created_by_id=actor.user_id,
        owner_org_id=actor.organisation_id,
        classification=Classification.official_sensitive,
    )
    db.add(programme)
    db.flush()
    partners = partner_org_ids(db) if programme_in.share_with_partners else set()
    share(db, programme, partners - {programme.owner_org_id})  # type: ignore[arg-type]
    readers = partners | {programme.owner_org_id}
    force_orgs = {
        o.code: o.id
        for o in db.scalars(select(Organisation).where(Organisation.kind == OrganisationKind.police_force))
    }
    for target in targets:
        is_person = isinstance(target, ProtectedPerson)
        label = target.name
        if isinstance(target, ProtectedPerson) and target.constituency:
            label = f"{target.name} ({target.constituency})"
        review = Review(
            programme_id=programme.id,
            person_id=target.id if is_person else None,
            venue_id=None if is_person else target.id,
            target_label=label[:300],
            force_slug=target.force_slug,
            ct_region=target.ct_region,
            assignee_id=target.spoc_user_id if isinstance(target, ProtectedPerson) else None,
            assignee_org_id=force_orgs.get(target.force_slug or ""),
            owner_org_id=target.owner_org_id,
            classification=Classification.official_sensitive,
        )
        db.add(review)
    db.flush()
    # One bulk insert of the shares: a programme over every MP makes 650 reviews at once.
    rows = db.execute(select(Review.id, Review.owner_org_id).where(Review.programme_id == programme.id)).all()
    shares = [
        {"record_type": Review.__record_type__, "record_id": rid, "organisation_id": org}
        for rid, owner in rows
        for org in sorted(readers - {owner})
    ]
    if shares:
        db.execute(insert(RecordShare), shares)
    return programme


def transition(*, db: Session, review: Review, transition_in: Transition, actor: Principal) -> ReviewEvent:
    current, target = ReviewState(review.state), transition_in.to
    allowed = NEXT[current]
    if target not in allowed:
        nxt = ", ".join(allowed) or "none (the review is closed)"
        raise HTTPException(
            status_code=409,
            detail=f"a review cannot move from {current} to {target}; next allowed: {nxt}",
        )
    if target == S.assessment_booked and transition_in.booked_for is None:
        raise unprocessable("booked_for", "give the date the assessment is booked for")
    if target == S.assessed and get_assessment(db=db, review=review) is None:
        raise unprocessable("to", "record the assessment checklist before marking the review assessed")
    if target == S.recommendations_issued and not recommendations(db=db, review=review):
        raise unprocessable("to", "add at least one recommendation before issuing them")
    now = utcnow()
    if target == S.assessment_booked:
        review.booked_for = transition_in.booked_for
    if target in _STAMP:
        setattr(review, _STAMP[target], now)
    review.state = target
    event = ReviewEvent(
        review_id=review.id, from_state=current, to_state=target, note=transition_in.note, by_id=actor.user_id
    )
    db.add(event)
    db.flush()
    record(
        db,
        tag=AuditTag.programme_write,
        actor=actor.actor,
        object_type="review",
        object_id=review.id,
        details={"from": event.from_state, "to": event.to_state},
    )
    return event


def history(*, db: Session, review: Review) -> list[ReviewEvent]:
    return list(
        db.scalars(select(ReviewEvent).where(ReviewEvent.review_id == review.id).order_by(ReviewEvent.id))
    )


def get_assessment(*, db: Session, review: Review) -> Assessment | None:
    return db.scalar(select(Assessment).where(Assessment.review_id == review.id))


def record_assessment(
    *, db: Session, review: Review, assessment_in: AssessmentIn, actor: Principal
) -> Assessment:
    if review.state not in (S.assessment_booked, S.assessed):
        raise HTTPException(
            status_code=409, detail=f"an assessment is recorded once booked; the review is {review.state}"
        )
    missing = [a.value for a in AssessmentArea if a not in assessment_in.areas]
    if missing:
        raise unprocessable("areas", f"the checklist must cover every area; missing: {', '.join(missing)}")
    areas = {a.value: f.model_dump(mode="json") for a, f in assessment_in.areas.items()}
    found = get_assessment(db=db, review=review)
    if found is None:
        found = Assessment(review_id=review.id, assessed_on=assessment_in.assessed_on, areas=areas)
        db.add(found)
    found.assessed_on, found.areas, found.summary = assessment_in.assessed_on, areas, assessment_in.summary
    found.assessor_id = actor.user_id
    db.flush()
    record(
        db,
        tag=AuditTag.programme_write,
        actor=actor.actor,
        object_type="review",
        object_id=review.id,
        details={"assessment": found.id},
    )
    return found


def recommendations(*, db: Session, review: Review) -> list[Recommendation]:
    return list(
        db.scalars(
            select(Recommendation).where(Recommendation.review_id == review.id).order_by(Recommendation.id)
        )
    )


def add_recommendation(
    *, db: Session, review: Review, recommendation_in: RecommendationCreate, actor: Principal
) -> Recommendation:
    if review.state not in (S.assessed, S.recommendations_issued, S.measures_in_place):
        raise HTTPException(
            status_code=409, detail=f"recommendations follow an assessment; the review is {review.state}"
        )
    rec = Recommendation(
        review_id=review.id,
        text=recommendation_in.text,
        owner=recommendation_in.owner,
        due_on=recommendation_in.due_on,
        created_by_id=actor.user_id,
    )
    db.add(rec)
    db.flush()
    record(
        db,
        tag=AuditTag.programme_write,
        actor=actor.actor,
        object_type="review",
        object_id=review.id,
        details={"recommendation": rec.id},
    )
    return rec


def update_recommendation(*, db: Session, rec: Recommendation, update_in: RecommendationUpdate) -> None:
    if rec.state in (RecommendationState.done, RecommendationState.declined):
        raise HTTPException(status_code=409, detail=f"the recommendation is already {rec.state}")
    rec.state = update_in.state
    if update_in.state == RecommendationState.done:
        rec.done_at = utcnow()
    db.flush()


def is_overdue_recommendation(rec: Recommendation, today: date) -> bool:
    return rec.state in (RecommendationState.open, RecommendationState.in_progress) and rec.due_on < today


def reader_orgs(db: Session, review: Review) -> set[int]:
    return shared_org_ids(db, review) | {review.owner_org_id}  # type: ignore[arg-type]
