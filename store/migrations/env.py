"""Alembic environment: the engine comes from grantradar (never from a file), the metadata from store.models."""

from __future__ import annotations

from alembic import context

import store.models  # noqa: F401  (registers every table)
from store.base import Base
from store.db import make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    engine = config.attributes.get("connection_engine")
    if engine is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
