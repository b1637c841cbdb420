"""Fresh benchmark databases: ``koers_bench_<random>`` on a PostgreSQL server, or a SQLite file; migrated
with Koers's own Alembic history (``koers.core.migrate.upgrade``) and dropped at the end unless kept."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"


@dataclass
class BenchDatabase:
    url: str  # SQLAlchemy URL (postgresql+psycopg://… or sqlite:///…)
    name: str
    server: str | None  # the PostgreSQL server URL (without database), None for SQLite

    @property
    def dialect(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else "postgresql"

    @property
    def libpq_url(self) -> str:
        return self.url.replace("postgresql+psycopg://", "postgresql://", 1)

    def drop(self) -> None:
        if self.server is None:
            for suffix in ("", "-wal", "-shm"):
                Path(self.name + suffix).unlink(missing_ok=True)
            return
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')  # type: ignore[arg-type]


def create(kind: str, results: Path, server: str = DEFAULT_SERVER) -> BenchDatabase:
    """Create an empty database of ``kind`` (``postgresql`` or ``sqlite``) and migrate it to head."""
    from koers.core.migrate import upgrade

    if kind == "sqlite":
        path = (results / "bench.sqlite3").resolve()
        db = BenchDatabase(url=f"sqlite:///{path}", name=str(path), server=None)
    else:
        import psycopg

        name = f"koers_bench_{uuid.uuid4().hex[:10]}"
        server = server.rstrip("/")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
        url = server.replace("postgresql://", "postgresql+psycopg://", 1)
        db = BenchDatabase(url=f"{url}/{name}", name=name, server=server)
    upgrade(db.url)
    return db
