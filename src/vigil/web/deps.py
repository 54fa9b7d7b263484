"""Request-scoped dependencies shared by every domain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from vigil.config import Settings


def get_db(request: Request) -> Iterator[Session]:
    """A session per request. The handler commits; anything uncommitted is rolled back."""
    with request.app.state.sessions() as db:
        yield db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DbSession = Annotated[Session, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
