"""Set-based writes of imported employees, per database.

PostgreSQL: ``COPY … FROM STDIN`` for new rows, and for changed rows a ``COPY`` into a temporary table
followed by one ``UPDATE … FROM`` per batch. SQLite (in-process): the DBAPI's ``executemany`` with the
columns' own SQLAlchemy bind processors — SQLAlchemy's per-row parameter handling would cost more than
SQLite's insert itself. Other databases: SQLAlchemy executemany. Everything runs on the caller's
connection, inside its transaction.
"""

from __future__ import annotations

import enum
import operator
import os
import uuid
from typing import Any

from sqlalchemy import Connection, bindparam, insert, update
from sqlalchemy.exc import IntegrityError

from koers.employees.models import Employee

employees = Employee.__table__  # type: ignore[attr-defined]
_BATCH_CONSTANT = frozenset({"organisation_id", "created_at", "updated_at"})
_TEMP = "koers_import_changes"


class EmployeeWriter:
    """Writes batches of employee rows (dicts keyed by column name). ``fields`` are the columns an update
    sets (besides ``version`` + 1 and ``updated_at``)."""

    def __init__(self, conn: Connection, fields: list[str]) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.fields = fields
        self.names = [c.name for c in employees.c]
        self.getter = operator.itemgetter(*self.names)
        self.temp_ready = False
        procs = [c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for c in employees.c]
        self.procs = [(n, p) for n, p in zip(self.names, procs, strict=True) if p is not None]
        self.update_stmt = (
            update(employees)
            .where(employees.c.id == bindparam("_id"))
            .values(
                {
                    **{f: bindparam(f"v_{f}") for f in fields},
                    "version": employees.c.version + 1,
                    "updated_at": bindparam("_now"),
                }
            )
        )

    # -- inserts ------------------------------------------------------------------------------------------

    def insert(self, rows: list[dict[str, Any]]) -> None:
        """Insert new employees; each row has every column but ``id`` (assigned here)."""
        if not rows:
            return
        if self.dialect == "sqlite":
            self._insert_sqlite(rows)
            return
        for row in rows:
            row["id"] = uuid.uuid4()
        if self.dialect == "postgresql":
            self._copy("employees", self.names, (self._pg_values(self.getter(row)) for row in rows))
        else:
            self.conn.execute(insert(employees), rows)

    def _insert_sqlite(self, rows: list[dict[str, Any]]) -> None:
        # Version-4 UUIDs as SQLAlchemy stores them on SQLite (32 hex digits), from one urandom call.
        randoms = os.urandom(16 * len(rows)).hex()
        for i, row in enumerate(rows):
            h = randoms[32 * i : 32 * i + 32]
            row["id"] = f"{h[:12]}4{h[13:16]}{'89ab'[int(h[16], 16) & 3]}{h[17:]}"
        # Values equal in every row of a batch are converted once; per row only the columns that need it.
        first = rows[0]
        constant = {n: p(first[n]) for n, p in self.procs if n in _BATCH_CONSTANT}
        varying = [(n, p) for n, p in self.procs if n not in _BATCH_CONSTANT and n != "id"]
        for row in rows:
            row.update(constant)
            for name, proc in varying:
                value = row[name]
                if value is not None:
                    row[name] = proc(value)
        marks = ", ".join("?" for _ in self.names)
        sql = f"INSERT INTO employees ({', '.join(self.names)}) VALUES ({marks})"  # noqa: S608 - fixed names
        self.conn.exec_driver_sql(sql, [self.getter(row) for row in rows])

    # -- updates ------------------------------------------------------------------------------------------

    def update(self, rows: list[dict[str, Any]]) -> None:
        """Update changed employees: each row holds ``id`` and the ``fields``; ``now`` is the update time."""
        if not rows:
            return
        if self.dialect != "postgresql":
            params = [
                {**{f"v_{f}": row[f] for f in self.fields}, "_id": row["id"], "_now": row["updated_at"]} for row in rows
            ]
            self.conn.execute(self.update_stmt, params)
            return
        if not self.temp_ready:
            self.conn.exec_driver_sql(
                f"CREATE TEMP TABLE {_TEMP} ON COMMIT DROP AS SELECT * FROM employees WITH NO DATA"  # noqa: S608
            )
            self.temp_ready = True
        columns = ["id", *self.fields, "updated_at"]
        pick = operator.itemgetter(*columns)
        self._copy(_TEMP, columns, (self._pg_values(pick(row)) for row in rows))
        sets = ", ".join(f"{f} = c.{f}" for f in self.fields)
        self.conn.exec_driver_sql(
            f"UPDATE employees AS e SET {sets}, version = e.version + 1, updated_at = c.updated_at "  # noqa: S608
            f"FROM {_TEMP} AS c WHERE e.id = c.id"
        )
        self.conn.exec_driver_sql(f"TRUNCATE {_TEMP}")

    # -- PostgreSQL COPY ----------------------------------------------------------------------------------

    @staticmethod
    def _pg_values(values: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(v.value if isinstance(v, enum.Enum) else v for v in values)

    def _copy(self, table: str, columns: list[str], rows: Any) -> None:
        raw: Any = self.conn.connection.dbapi_connection  # a psycopg 3 connection
        import psycopg

        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        try:
            with raw.cursor() as cursor, cursor.copy(sql) as copy:
                for values in rows:
                    copy.write_row(values)
        except psycopg.IntegrityError as exc:  # raised by the driver itself: give it SQLAlchemy's type
            raise IntegrityError(sql, None, exc) from exc
