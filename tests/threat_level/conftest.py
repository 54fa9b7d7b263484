from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from vigil.auth import service as auth_service


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2's real cost is tested with auth; here it would only slow every persona's login."""
    monkeypatch.setattr(auth_service, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
