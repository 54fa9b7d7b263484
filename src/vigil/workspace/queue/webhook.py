"""Paging outside Vigil: an ``immediate`` report is posted to the configured webhook.

Sent by a durable job (``notify.immediate``), so a webhook that is down is retried with
backoff and, after the last attempt, dead-lettered and visible on the jobs page; the report
itself never waits for it. The body carries no personal data: the reference, category,
force, urgency and a link to the report page, which needs a sign-in.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.error import HTTPError

from sqlalchemy.orm import Session

from vigil.jobs.worker import JobContext

JOB_KIND = "notify.immediate"
TIMEOUT_SECONDS = 5


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook that redirects is a misconfiguration (or an attack): do not follow it."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def payload_for(*, reference: str, category: str | None, force: str | None, paged: int) -> dict[str, Any]:
    return {
        "event": "report.immediate",
        "reference": reference,
        "category": category,
        "force": force,
        "urgency": "immediate",
        "supervisors_paged": paged,
        "path": f"/workspace/reports/{reference}",
    }


def send(_db: Session, payload: dict[str, Any], context: JobContext) -> None:
    url: str | None = getattr(context.settings, "notify_webhook_url", None)
    if not url:
        return  # no webhook configured: in-app notification only
    body = json.dumps(payload).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by the setting's validator
        url, data=body, method="POST", headers={"Content-Type": "application/json", "User-Agent": "Vigil"}
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except HTTPError as exc:
        status = exc.code
    if not 200 <= status < 300:
        raise RuntimeError(f"webhook answered {status}")
