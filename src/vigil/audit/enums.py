"""Typed audit tags ``subject:action[:detail]`` and the DPA 2018 s.62 operation each records."""

from __future__ import annotations

from enum import StrEnum


class DpaOperation(StrEnum):
    """The processing operations s.62 requires logs of."""

    collection = "collection"
    alteration = "alteration"
    consultation = "consultation"
    disclosure = "disclosure"
    combination = "combination"
    erasure = "erasure"
    none = "none"  # security events that are not processing of personal data


class AuditTag(StrEnum):
    user_login = "user:login"
    user_login_failed = "user:login:failed"
    user_logout = "user:logout"
    user_locked = "user:locked"
    user_create = "user:create"
    user_disable = "user:disable"
    user_update = "user:update"
    token_create = "token:create"  # noqa: S105 - an audit tag, not a secret
    token_revoke = "token:revoke"  # noqa: S105 - an audit tag, not a secret
    access_denied = "access:denied"
    report_create = "report:create"
    report_read = "report:read"
    report_list = "report:list"
    report_search = "report:search"
    report_update = "report:update"
    report_triage = "report:triage"
    report_grade = "report:grade"
    report_assign = "report:assign"
    report_export = "report:export"
    report_followup = "report:followup"
    attachment_read = "attachment:read"
    link_decide = "link:decide"
    action_write = "action:write"
    operation_write = "operation:write"
    entity_read = "entity:read"
    register_read = "register:read"
    register_write = "register:write"
    register_home_read = "register:home:read"
    programme_write = "programme:write"
    programme_read = "programme:read"
    programme_export = "programme:export"
    protect_notify = "protect:notify"
    threat_level_change = "threat_level:change"
    reference_import = "reference:import"
    audit_read = "audit:read"
    audit_verify = "audit:verify"
    job_dead = "job:dead"
    job_ping = "job:ping"
    marking_refused = "marking:refused"
    retention_queue = "retention:queue"
    retention_retain = "retention:retain"
    retention_hold = "retention:hold"
    retention_dispose = "retention:dispose"
    retention_reapply = "retention:dispose:reapplied"
    retention_run = "retention:run"
    retention_clock_refused = "retention:clock:refused"
    retention_clock_accepted = "retention:clock:accepted"


DPA_OPERATION: dict[AuditTag, DpaOperation] = {
    AuditTag.report_create: DpaOperation.collection,
    AuditTag.report_read: DpaOperation.consultation,
    AuditTag.report_list: DpaOperation.consultation,
    AuditTag.report_search: DpaOperation.consultation,
    AuditTag.report_update: DpaOperation.alteration,
    AuditTag.report_triage: DpaOperation.combination,
    AuditTag.report_grade: DpaOperation.alteration,
    AuditTag.report_assign: DpaOperation.alteration,
    AuditTag.report_export: DpaOperation.disclosure,
    AuditTag.report_followup: DpaOperation.collection,
    AuditTag.attachment_read: DpaOperation.consultation,
    AuditTag.link_decide: DpaOperation.combination,
    AuditTag.action_write: DpaOperation.alteration,
    AuditTag.operation_write: DpaOperation.combination,
    AuditTag.entity_read: DpaOperation.consultation,
    AuditTag.register_read: DpaOperation.consultation,
    AuditTag.register_write: DpaOperation.alteration,
    AuditTag.register_home_read: DpaOperation.consultation,
    AuditTag.programme_write: DpaOperation.alteration,
    AuditTag.programme_read: DpaOperation.consultation,
    AuditTag.programme_export: DpaOperation.disclosure,
    AuditTag.protect_notify: DpaOperation.disclosure,
    AuditTag.user_create: DpaOperation.collection,
    AuditTag.user_update: DpaOperation.alteration,
    AuditTag.audit_read: DpaOperation.consultation,
    AuditTag.retention_queue: DpaOperation.consultation,
    AuditTag.retention_retain: DpaOperation.alteration,
    AuditTag.retention_hold: DpaOperation.alteration,
    AuditTag.retention_dispose: DpaOperation.erasure,
    AuditTag.retention_reapply: DpaOperation.erasure,
}


def dpa_operation(tag: AuditTag) -> DpaOperation:
    return DPA_OPERATION.get(tag, DpaOperation.none)
