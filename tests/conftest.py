"""Test harness: a real database built by running the migrations, real HTTP through the app.

``VIGIL_DATABASE_URL`` chooses the backend (SQLite when unset). On PostgreSQL each test
process gets its own database, created here and dropped at the end, so parallel runs never
share state; between tests every table is truncated and the rows the migrations seed are put
back. On SQLite each test gets a copy of a freshly migrated file.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# Tests triage with the rules unless a test chooses a classifier: the default (``auto``) would
# load the ml extra's model on a machine that has it installed, and CI has not.
os.environ.setdefault("VIGIL_TRIAGE_CLASSIFIER", "rules")

from tests.browser import browser, live_server, page  # noqa: F401 - registered once, here
from vigil.app import create_app
from vigil.config import Mode, Settings
from vigil.db.engine import make_engine
from vigil.db.migrate import upgrade
from vigil.db.models import all_metadata
from vigil.db.session import make_sessionmaker

TEST_SECRET = "test-secret-" + "x" * 40
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _base_url() -> str:
    return os.environ.get("VIGIL_DATABASE_URL", "sqlite://")


def is_postgres() -> bool:
    return _base_url().startswith("postgresql")


@pytest.fixture(scope="session")
def _db_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Migrate once per test process; yield what each test needs to get a clean database."""
    if not is_postgres():
        template = tmp_path_factory.mktemp("db") / "template.db"
        upgrade(f"sqlite:///{template}")
        yield {"kind": "sqlite", "template": template}
        return
    base = make_url(_base_url())
    name = f"{base.database}_t{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    engine = create_engine(url)
    metadata = all_metadata()
    seeded: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = [dict(r._mapping) for r in conn.execute(select(table))]
            if rows:
                seeded[table.name] = rows
    yield {"kind": "postgresql", "url": url, "engine": engine, "seeded": seeded, "metadata": metadata}
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_postgres(engine: Engine, metadata: MetaData, seeded: dict[str, list[dict[str, Any]]]) -> None:
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        for table in metadata.sorted_tables:
            if table.name in seeded:
                conn.execute(insert(table), seeded[table.name])
        for table in metadata.sorted_tables:  # keep sequences past the re-inserted ids
            if table.name in seeded and "id" in table.c:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f'(SELECT MAX(id) FROM "{table.name}"))'
                    )
                )


@pytest.fixture
def database_url(_db_template: dict[str, Any], tmp_path: Path) -> str:
    if _db_template["kind"] == "sqlite":
        target = tmp_path / "vigil.db"
        shutil.copyfile(_db_template["template"], target)
        return f"sqlite:///{target}"
    _reset_postgres(_db_template["engine"], _db_template["metadata"], _db_template["seeded"])
    return str(_db_template["url"])


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        mode=Mode.test,
        database_url=database_url,
        secret_key=TEST_SECRET,  # type: ignore[arg-type]
        data_dir=tmp_path / "var",
        embedded_workers=0,
        job_poll_seconds=0.05,
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    eng = make_engine(settings.database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(engine)


@pytest.fixture
def db(settings: Settings) -> Iterator[Session]:
    """The test's own session for arranging and inspecting. On SQLite it autocommits each
    statement, so it never holds the write lock the app and the workers need; call
    ``db.expire_all()`` before re-reading objects it has already loaded."""
    eng = make_engine(settings.database_url, sqlite_transactions=False)
    with make_sessionmaker(eng)() as session:
        yield session
    eng.dispose()


@pytest.fixture
def app(settings: Settings) -> Any:
    return create_app(settings, start_workers=False)


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver") as c:
        yield c


@pytest.fixture
def shared_reference_dir() -> Path:
    path = SHARED_DATA / "reference"
    if not path.is_dir():
        pytest.skip(f"real reference data not found at {path}")
    return path
