"""Alembic environment: runs on the connection the service hands over (see dispatch.db.migrate)."""

from alembic import context
from sqlmodel import SQLModel

import dispatch.tables  # noqa: F401  (registers every table on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from dispatch.db import make_engine
        from dispatch.settings import get_settings

        engine = make_engine(get_settings().effective_database_url)
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs batch ALTERs
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
