"""Every workspace route, pages and JSON API, gathered for ``vigil.app``."""

from __future__ import annotations

from fastapi import APIRouter

from vigil.workspace import api
from vigil.workspace.actions import pages as action_pages
from vigil.workspace.exports import pages as export_pages
from vigil.workspace.insight import pages as insight_pages
from vigil.workspace.queue import pages as queue_pages
from vigil.workspace.reports import pages as report_pages
from vigil.workspace.search import pages as search_pages

router = APIRouter()
for _module in (queue_pages, report_pages, action_pages, search_pages, export_pages, insight_pages, api):
    router.include_router(_module.router)
