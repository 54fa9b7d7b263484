"""Queue health: backlog, oldest waiting job, stuck and dead-lettered jobs."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from vigil.auth.deps import Require
from vigil.auth.permissions import Permission
from vigil.jobs.enums import JobState
from vigil.jobs.models import Job
from vigil.jobs.service import stats
from vigil.web.deps import DbSession
from vigil.web.templates import render

router = APIRouter(prefix="/admin/jobs")


@router.get("", name="jobs_status", dependencies=[Depends(Require(Permission.job_read))])
def jobs_status(request: Request, db: DbSession) -> Response:
    dead = list(db.scalars(select(Job).where(Job.state == JobState.dead).order_by(Job.id.desc()).limit(50)))
    return render(request, "jobs/status.html", {"stats": stats(db), "dead": dead})
