"""The models and the migrations agree, and upgrade → downgrade → upgrade works on this database."""

from __future__ import annotations

import os
import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from koers.core.db import metadata
from koers.core.migrate import downgrade, upgrade
from tests.conftest import _TMP


def _scratch_url() -> tuple[str, object]:
    base = os.environ.get("TEST_DATABASE_URL")
    if base and base.startswith("postgres"):
        url = make_url(base).set(drivername="postgresql+psycopg")
        name = f"koers_mig_{uuid.uuid4().hex[:10]}"
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))

        def drop() -> None:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        return url.set(database=name).render_as_string(hide_password=False), drop
    return f"sqlite:///{_TMP / f'mig-{uuid.uuid4().hex[:8]}.sqlite3'}", lambda: None


def test_models_and_migrations_agree():
    url, drop = _scratch_url()
    try:
        upgrade(url)
        engine = create_engine(url)
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, metadata)
        engine.dispose()
        assert diff == [], f"models and migrations differ: {diff}"
    finally:
        drop()  # type: ignore[operator]


def test_upgrade_downgrade_upgrade():
    url, drop = _scratch_url()
    try:
        upgrade(url)
        downgrade(url, "base")
        engine = create_engine(url)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        engine.dispose()
        upgrade(url)
        engine = create_engine(url)
        assert {t.name for t in metadata.sorted_tables} <= set(inspect(engine).get_table_names())
        engine.dispose()
    finally:
        drop()  # type: ignore[operator]
