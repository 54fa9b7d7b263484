"""Building the triage context from the database, cached per process.

The gazetteer comes from the imported reference data (rebuilt when a newer import appears);
the protected persons from the protective-security register (``vigil.protect.context``), or,
where the register has not been set up, from the imported MPs, which is where the register's
MPs come from too. The register is re-read at most every ``REGISTER_TTL`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy.orm import Session

from vigil.db.types import utcnow
from vigil.reference.lookup import GeoLookup
from vigil.reference.service import LookupCache
from vigil.triage.classifier import Classifier, load_classifier
from vigil.triage.schemas import ProtectedPerson, TriageContext
from vigil.triage.store.link_index import SqlLinkIndex

REGISTER_TTL = 60.0
RegisterSource = Callable[[Session, date], Sequence[ProtectedPerson]]


def mps_from_reference(geo: GeoLookup | None) -> list[ProtectedPerson]:
    if geo is None:
        return []
    return [
        ProtectedPerson(
            id=f"mp:{mp.member_id}",
            name=mp.name,
            role="MP",
            constituency=mp.constituency,
            force=mp.force_slug,
        )
        for mp in geo.data.mps
    ]


def _register_source() -> RegisterSource | None:
    try:
        from vigil.protect.context import protected_persons_for_triage  # noqa: PLC0415
    except ImportError:
        return None

    def source(db: Session, today: date) -> Sequence[ProtectedPerson]:
        return protected_persons_for_triage(db, today=today)

    return source


class ContextBuilder:
    def __init__(self) -> None:
        self._lookups = LookupCache()
        self._lock = threading.Lock()
        self._persons: Sequence[ProtectedPerson] = ()
        self._persons_at = 0.0
        self._classifiers: dict[str, Classifier | None] = {}

    def invalidate(self) -> None:
        with self._lock:
            self._persons_at = 0.0

    def classifier(self, name: str) -> Classifier | None:
        """The configured classifier, loaded once per process (a model takes seconds)."""
        with self._lock:
            if name not in self._classifiers:
                self._classifiers[name] = load_classifier(name)
            return self._classifiers[name]

    def build(self, db: Session, *, report_id: int, classifier: str = "rules") -> TriageContext:
        geo = self._lookups.get(db)
        with self._lock:
            if time.monotonic() - self._persons_at > REGISTER_TTL:
                source = _register_source()
                persons = list(source(db, utcnow().date())) if source else []
                self._persons = persons or mps_from_reference(geo)
                self._persons_at = time.monotonic()
            persons_now = self._persons
        return TriageContext(
            geo=geo,
            protected_persons=persons_now,
            link_index=SqlLinkIndex(db, exclude_report_id=report_id),
            classifier=self.classifier(classifier),
        )
