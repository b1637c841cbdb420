"""Test database and identities.

Every run gets its own database, built by running the migrations: a temporary SQLite file, or — when
``TEST_DATABASE_URL`` names a PostgreSQL server — a fresh ``koers_test_<random>`` database created on that
server and dropped afterwards. A developer's own database is never touched. Each test starts from empty
tables.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="koers-test-"))
os.environ.update(
    {
        "KOERS_ENV": "test",
        "DATA_DIR": str(_TMP),
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST": "1024",
        "LOGIN_RATE_PER_ACCOUNT": "5/minute",
        "LOGIN_RATE_PER_ADDRESS": "1000/minute",
        "IMPORT_WORKER": "false",
    }
)
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import Engine, make_url  # noqa: E402

from koers.core import db as core_db  # noqa: E402
from koers.core.migrate import upgrade  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _server_database(base_url: str) -> tuple[str, str]:
    """Create a fresh database on the server of ``base_url``; return (its URL, its name)."""
    url = make_url(base_url).set(drivername="postgresql+psycopg")
    name = f"koers_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False), name


def _drop_server_database(base_url: str, name: str) -> None:
    url = make_url(base_url).set(drivername="postgresql+psycopg", database="postgres")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if base and base.startswith("postgres"):
        url, name = _server_database(base)
        try:
            yield url
        finally:
            core_db.get_engine().dispose()
            _drop_server_database(base, name)
    else:
        yield f"sqlite:///{_TMP / f'test-{uuid.uuid4().hex[:8]}.sqlite3'}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    upgrade(database_url)
    eng = core_db.make_engine(database_url)
    core_db.set_engine(eng)
    yield eng
    eng.dispose()


def _clean(engine: Engine) -> None:
    tables = [t.name for t in core_db.metadata.sorted_tables]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture(autouse=True)
def _isolated(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty tables and fresh rate-limit counts for every test that uses the database."""
    if "engine" not in request.fixturenames and "client" not in request.fixturenames:
        yield
        return
    eng = request.getfixturevalue("engine")
    from koers.core.ratelimit import reset_limits

    reset_limits()
    yield
    _clean(eng)


@pytest.fixture
def client(engine: Engine) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from koers.main import app

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def session(engine: Engine) -> Iterator[object]:
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def f(engine: Engine) -> object:
    """Factories for test data (``tests/factories.py``)."""
    from tests.factories import Factory

    return Factory(engine)


def shared_data(relative: str) -> Path:
    """A file under ``../shared/data``; missing is a failure in CI and a skip elsewhere."""
    path = SHARED / "data" / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"test data {path} is missing (required in CI)")
        pytest.skip(f"test data {path} is not available on this machine")
    return path
