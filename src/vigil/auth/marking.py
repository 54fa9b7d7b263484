"""Protective markings and the one access rule.

Access = permission AND clearance >= classification AND (owner organisation OR shared with the
user's organisation). The permission half is checked by ``Require`` on every route; the other
half lives here, as a Python predicate for a loaded record and as a SQL clause for queries, so
lists, counts, search and exports all filter with the same rule.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, TypeVar

from sqlalchemy import ColumnElement, ForeignKey, Integer, String, Text, and_, event, exists, or_, select
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column, sessionmaker

from vigil.auth.enums import Classification, HandlingCode
from vigil.db.base import Base


class RecordShare(Base):
    """A marked record shared with another organisation."""

    __tablename__ = "record_share"

    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class MarkedMixin:
    """Columns every protected record carries. Subclasses set ``__record_type__``."""

    __record_type__: ClassVar[str]

    classification: Mapped[str] = mapped_column(String(32), default=Classification.official_sensitive)
    handling_code: Mapped[str] = mapped_column(String(1), default=HandlingCode.P)
    handling_conditions: Mapped[str | None] = mapped_column(Text)

    @declared_attr
    def owner_org_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(ForeignKey("organisation.id"), index=True)


class Viewer(Protocol):
    """What the access rule needs to know about whoever is looking."""

    @property
    def organisation_id(self) -> int: ...
    @property
    def clearance(self) -> Classification: ...


class Marked(Protocol):
    id: Any
    classification: Any
    owner_org_id: Any
    __record_type__: ClassVar[str]


M = TypeVar("M", bound=MarkedMixin)


def shared_org_ids(db: Session, record: Marked) -> set[int]:
    rows = db.scalars(
        select(RecordShare.organisation_id).where(
            RecordShare.record_type == record.__record_type__, RecordShare.record_id == record.id
        )
    )
    return set(rows)


def can_see(db: Session, viewer: Viewer, record: Marked) -> bool:
    if Classification(record.classification).rank > viewer.clearance.rank:
        return False
    if record.owner_org_id == viewer.organisation_id:
        return True
    return viewer.organisation_id in shared_org_ids(db, record)


def visible_clause(model: type[MarkedMixin], viewer: Viewer) -> ColumnElement[bool]:
    """The access rule as SQL, to add to every query that lists marked records."""
    shared = exists().where(
        RecordShare.record_type == model.__record_type__,
        RecordShare.record_id == model.id,  # type: ignore[attr-defined]
        RecordShare.organisation_id == viewer.organisation_id,
    )
    allowed = [c.value for c in Classification.at_or_below(viewer.clearance)]
    return and_(
        model.classification.in_(allowed),
        or_(model.owner_org_id == viewer.organisation_id, shared),
    )


def share(db: Session, record: Marked, organisation_ids: set[int]) -> None:
    """Replace the set of organisations a record is shared with (the caller audits it)."""
    current = shared_org_ids(db, record)
    for org_id in current - organisation_ids:
        row = db.get(RecordShare, (record.__record_type__, record.id, org_id))
        if row is not None:
            db.delete(row)
    for org_id in organisation_ids - current:
        db.add(RecordShare(record_type=record.__record_type__, record_id=record.id, organisation_id=org_id))
    db.flush()


def high_water_mark(classifications: list[str]) -> Classification:
    """A page, case or export is marked at least as high as its most sensitive part."""
    if not classifications:
        return Classification.official
    return max((Classification(c) for c in classifications), key=lambda c: c.rank)


class CeilingExceeded(ValueError):
    """A record marked above what this deployment is assured to hold (e.g. SECRET on OFFICIAL)."""

    def __init__(self, record_type: str, classification: str, ceiling: str) -> None:
        super().__init__(
            f"this deployment may hold {ceiling} at most; a {record_type} cannot be {classification}"
        )
        self.record_type = record_type
        self.classification = classification
        self.ceiling = ceiling


def install_ceiling(factory: sessionmaker[Session], ceiling: Classification) -> None:
    """Refuse, at every flush, any marked record above the deployment's ceiling.

    One check for every path that creates or re-marks a record (pages, API, imports, jobs,
    the command line), so no route can forget it.
    """

    def _check(session: Session, _context: object, _instances: object) -> None:
        for obj in (*session.new, *session.dirty):
            if isinstance(obj, MarkedMixin) and Classification(obj.classification).rank > ceiling.rank:
                raise CeilingExceeded(obj.__record_type__, obj.classification, ceiling.value)

    event.listen(factory, "before_flush", _check)
