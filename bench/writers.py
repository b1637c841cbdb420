"""Bulk row sinks for the benchmark data set: PostgreSQL through ``COPY`` (psycopg 3 ``cursor.copy``), SQLite
through ``executemany`` in large transactions (SQLAlchemy Core, so Koers's column types are applied)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

CHUNK = 20_000


class Writer:
    """Bulk row sink for one database: ``write(table, columns, rows)``; rows are tuples in ``columns`` order.

    Columns the generator does not know (added by later migrations) get their model default when it is a
    constant, else ``NULL``; a NOT NULL column with neither is a ``RuntimeError`` naming it.
    """

    def __init__(self, url: str) -> None:
        from koers import models

        self.url = url
        self.metadata = models.metadata
        self.counts: dict[str, int] = {}

    def _complete(self, table: str, columns: list[str]) -> tuple[list[str], tuple[Any, ...]]:
        extra_cols: list[str] = []
        extra_vals: list[Any] = []
        for col in self.metadata.tables[table].columns:
            if col.name in columns:
                continue
            default = col.default
            value: Any = None
            if default is not None and getattr(default, "is_scalar", False):
                value = default.arg  # type: ignore[attr-defined]
            elif default is not None and getattr(default, "is_callable", False):
                value = default.arg(None)  # type: ignore[attr-defined]  # e.g. utcnow: one value for all rows
            elif not col.nullable:
                raise RuntimeError(f"bench generator does not know the NOT NULL column {table}.{col.name}")
            if hasattr(value, "value"):
                value = value.value
            extra_cols.append(col.name)
            extra_vals.append(value)
        return columns + extra_cols, tuple(extra_vals)

    def write(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
        raise NotImplementedError

    def finish(self) -> None:
        """VACUUM + ANALYZE (PostgreSQL) / ANALYZE (SQLite), then close."""

    def execute(self, sql: str) -> None:
        raise NotImplementedError


class PostgresWriter(Writer):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        import psycopg

        self.conn = psycopg.connect(_libpq_url(url), autocommit=False)
        self.conn.execute("SET synchronous_commit = off")

    def write(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
        cols, extra = self._complete(table, columns)
        n = 0
        with self.conn.cursor() as cur:
            names = ", ".join(f'"{c}"' for c in cols)
            with cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row + extra if extra else row)
                    n += 1
        self.conn.commit()
        self.counts[table] = self.counts.get(table, 0) + n
        return n

    def execute(self, sql: str) -> None:
        self.conn.execute(sql)  # type: ignore[arg-type]
        self.conn.commit()

    def finish(self) -> None:
        # VACUUM as autovacuum would soon after a bulk load: statistics, and the visibility map that lets
        # PostgreSQL answer from an index alone (the steady state of a production database).
        self.conn.autocommit = True
        self.conn.execute("VACUUM (ANALYZE)")
        self.conn.close()


class SqliteWriter(Writer):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        from koers.core.db import make_engine

        self.engine = make_engine(url)

    def write(self, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> int:
        cols, extra = self._complete(table, columns)
        tbl = self.metadata.tables[table]
        n = 0
        batch: list[dict[str, Any]] = []
        with self.engine.begin() as conn:
            for row in rows:
                batch.append(dict(zip(cols, row + extra, strict=True)))
                if len(batch) >= CHUNK:
                    conn.execute(tbl.insert(), batch)
                    n += len(batch)
                    batch = []
            if batch:
                conn.execute(tbl.insert(), batch)
                n += len(batch)
        self.counts[table] = self.counts.get(table, 0) + n
        return n

    def execute(self, sql: str) -> None:
        from sqlalchemy import text

        with self.engine.begin() as conn:
            conn.execute(text(sql))

    def finish(self) -> None:
        self.execute("ANALYZE")
        self.engine.dispose()


def _libpq_url(url: str) -> str:
    """A plain libpq URL from an SQLAlchemy one (``postgresql+psycopg://`` → ``postgresql://``)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def writer_for(url: str) -> Writer:
    return SqliteWriter(url) if url.startswith("sqlite") else PostgresWriter(url)
