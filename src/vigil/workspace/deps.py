"""Request parsing shared by the workspace's pages and API."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from vigil.workspace.queue.service import QueueFilter

Text = Annotated[str | None, Query(max_length=64)]


def queue_filter(
    q: Annotated[str | None, Query(max_length=200)] = None,
    state: Text = None,
    urgency: Text = None,
    category: Text = None,
    force: Text = None,
    ct_region: Text = None,
    assignee: Annotated[int | None, Query(ge=1)] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
    protected_person: Annotated[int | None, Query(ge=1)] = None,
    marking: Text = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> QueueFilter:
    return QueueFilter(
        q=q or None,
        state=state or None,
        urgency=urgency or None,
        category=category or None,
        force=force or None,
        ct_region=ct_region or None,
        assignee_id=assignee,
        date_from=date_from,
        date_to=date_to,
        protected_person_id=protected_person,
        marking=marking or None,
        offset=(page - 1) * 50,
    )


QueueFilterDep = Annotated[QueueFilter, Depends(queue_filter)]


def filter_details(f: QueueFilter) -> dict[str, object]:
    """The filter as audit details (what was asked for)."""
    out: dict[str, object] = {}
    for field in fields(f):
        value = getattr(f, field.name)
        if value not in (None, 0):
            out[field.name] = str(value) if isinstance(value, date) else value
    return out
