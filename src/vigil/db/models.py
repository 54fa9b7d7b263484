"""Import every model module so the metadata is complete (for Alembic and the drift check)."""

from __future__ import annotations

from sqlalchemy import MetaData


def all_metadata() -> MetaData:
    import vigil.audit.models  # noqa: PLC0415
    import vigil.auth.marking  # noqa: PLC0415
    import vigil.auth.models  # noqa: PLC0415
    import vigil.intake.models  # noqa: PLC0415
    import vigil.jobs.models  # noqa: PLC0415
    import vigil.protect.models  # noqa: PLC0415
    import vigil.protect.programmes.models  # noqa: PLC0415
    import vigil.reference.models  # noqa: PLC0415
    import vigil.retention.models  # noqa: PLC0415
    import vigil.threat_level.models  # noqa: PLC0415
    import vigil.triage.models  # noqa: PLC0415
    import vigil.workspace.models  # noqa: F401, PLC0415
    from vigil.db.base import Base  # noqa: PLC0415

    return Base.metadata
