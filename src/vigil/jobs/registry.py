"""Which handler runs which kind of job. Built on demand, never at import time."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy.orm import Session

from vigil.audit.enums import AuditTag
from vigil.audit.service import SYSTEM, record
from vigil.jobs.worker import Handler, JobContext


def ping(db: Session, payload: dict[str, Any], context: JobContext) -> None:
    """A health-check job: waits ``seconds`` then records that it ran (used to test workers)."""
    time.sleep(float(payload.get("seconds", 0)))
    record(db, tag=AuditTag.job_ping, actor=SYSTEM, object_type="job", object_id=context.claim.id)


def default_handlers() -> dict[str, Handler]:
    from vigil.retention import tasks as retention  # noqa: PLC0415
    from vigil.triage.tasks import triage_report  # noqa: PLC0415 - keeps import-time work nil
    from vigil.workspace.queue import webhook  # noqa: PLC0415

    return {
        "jobs.ping": ping,
        "triage.report": triage_report,
        webhook.JOB_KIND: webhook.send,
        retention.JOB_KIND: retention.review_job,
    }
