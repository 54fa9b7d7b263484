"""Alembic environment: batch mode so SQLite ALTERs work; metadata from every model module."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from vigil.db.models import all_metadata

config = context.config
target_metadata = all_metadata()


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    # SQLite's FTS5 search index (0007_workspace) is a virtual table plus shadow tables that
    # no model describes; the PostgreSQL GIN expression index likewise. Leave them out of the
    # drift check.
    if type_ == "table" and name is not None and name.startswith("report_fts"):
        return False
    return not (type_ == "index" and name == "ix_report_fulltext")


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url is not None
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
