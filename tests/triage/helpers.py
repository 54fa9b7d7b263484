from __future__ import annotations

from datetime import UTC, datetime

from tests.triage.fakes import FakeGeo
from vigil.triage import InMemoryLinkIndex, TriageContext, TriageInput, TriageResult, triage_for_index
from vigil.triage.schemas import Premises, ProtectedPerson

SENT = datetime(2026, 3, 19, 9, 0, tzinfo=UTC)  # a Thursday

BEDFORD_MP = ProtectedPerson(
    id="mp:1",
    name="Alex Example",
    role="MP",
    constituency="Bedford",
    force="bedfordshire",
    premises=(Premises("Kempston Library", kind="surgery_venue", lat=52.116, lon=-0.5),),
)


def context(*, geo: bool = True) -> TriageContext:
    return TriageContext(
        geo=FakeGeo() if geo else None, protected_persons=[BEDFORD_MP], link_index=InMemoryLinkIndex()
    )


def run(
    text: str,
    *,
    location_text: str = "",
    sent: datetime = SENT,
    rid: str = "r1",
    ctx: TriageContext | None = None,
) -> TriageResult:
    ctx = ctx or context()
    out = triage_for_index(
        TriageInput(text=text, submitted_at=sent, report_id=rid, location_text=location_text), context=ctx
    )
    if ctx.link_index is not None:
        ctx.link_index.add(out.link_record)
    return out.result
