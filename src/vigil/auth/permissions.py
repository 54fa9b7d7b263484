"""The one list of permissions, and which roles hold them.

Every route declares one of these (see ``vigil.auth.deps.Require``); a test walks the app's
routes and fails on any route with none, apart from the named public routes below.
"""

from __future__ import annotations

from enum import StrEnum

from vigil.auth.enums import Role


class Permission(StrEnum):
    report_create_staff = "report:create:staff"
    report_read = "report:read"
    report_read_contact = "report:read:contact"
    report_triage = "report:triage"
    report_grade = "report:grade"
    report_assign = "report:assign"
    report_export = "report:export"
    queue_read = "queue:read"
    attachment_read = "report:attachment:read"
    action_write = "action:write"
    operation_write = "operation:write"
    entity_read = "entity:read"
    dashboard_read = "dashboard:read"
    register_read = "register:read"
    register_write = "register:write"
    register_home_read = "register:home:read"
    programme_read = "programme:read"
    programme_write = "programme:write"
    threat_level_read = "threat_level:read"  # the levels are public; every staff role may see them
    threat_level_write = "threat_level:write"
    tension_read = "tension:read"
    tension_write = "tension:write"
    monitor_write = "monitor:write"
    job_read = "job:read"
    audit_read = "audit:read"
    user_manage = "user:manage"
    reference_manage = "reference:manage"
    retention_review = "retention:review"  # the review queue and disposal stubs
    retention_decide = "retention:decide"  # retain, legal hold, dispose
    self_manage = "self:manage"  # one's own password, second factor and API tokens


_STAFF_BASE = {Permission.self_manage, Permission.threat_level_read}
_ANALYST = {
    Permission.report_read,
    Permission.report_triage,
    Permission.report_grade,
    Permission.report_export,
    Permission.queue_read,
    Permission.attachment_read,
    Permission.action_write,
    Permission.operation_write,
    Permission.entity_read,
    Permission.dashboard_read,
    Permission.register_read,
    Permission.programme_read,
    Permission.tension_read,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.call_handler: frozenset(_STAFF_BASE | {Permission.report_create_staff}),
    Role.analyst: frozenset(_STAFF_BASE | _ANALYST),
    Role.supervisor: frozenset(
        _STAFF_BASE
        | _ANALYST
        | {Permission.report_assign, Permission.job_read, Permission.report_read_contact}
    ),
    Role.protective_security: frozenset(
        _STAFF_BASE
        | {
            Permission.register_read,
            Permission.register_write,
            Permission.register_home_read,
            Permission.programme_read,
            Permission.programme_write,
            Permission.action_write,
            Permission.report_read,
            Permission.queue_read,
            Permission.dashboard_read,
        }
    ),
    Role.tension_lead: frozenset(
        _STAFF_BASE | {Permission.tension_read, Permission.tension_write, Permission.dashboard_read}
    ),
    Role.partner: frozenset(
        _STAFF_BASE | {Permission.programme_read, Permission.register_read, Permission.report_read}
    ),
    Role.admin: frozenset(
        _STAFF_BASE
        | {
            Permission.user_manage,
            Permission.reference_manage,
            Permission.audit_read,
            Permission.job_read,
            Permission.threat_level_write,
            Permission.retention_review,
            Permission.retention_decide,
        }
    ),
}


def permissions_for(roles: list[Role] | set[Role] | frozenset[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


#: Routes anyone may call, by route name. Everything else must declare a permission.
PUBLIC_ROUTES: frozenset[str] = frozenset(
    {
        "home",
        "health",
        "about_data",
        "login_form",
        "login",
        "logout",
        "static",
        "leaflet",
        "openapi",
        "swagger_ui_html",
        "swagger_ui_redirect",
        "redoc_html",
        "api_create_report",
        "api_report_status",
        "api_report_followup",
        "report_start",
        "report_start_post",
        "report_emergency",
        "report_force_areas",
        "report_followup_form",
        "report_followup",
        "report_step",
        "report_step_post",
        "report_submit",
    }
)
