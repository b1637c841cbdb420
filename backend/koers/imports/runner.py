"""Running a claimed import job (see ``jobs.claim``): validate every row, then write everything in one
transaction.

Phases (the job's ``state``): ``validating`` streams the file once, converting every row and collecting
every row error (and duplicate employee numbers) without touching the employees table; converted rows
are spilled to a file next to the upload in pickled batches, so memory stays flat. Any error ends the
job ``failed`` with nothing written. ``running`` reads the spilled batches of ``BATCH`` rows: each
batch's existing employees are fetched by employee number in one query (none when the organisation had
no employees), new and changed ones are written set-based (``writing.EmployeeWriter``). The job's final
state is written in that same transaction, so after a crash the job is either ``succeeded`` with every
row written, or still ``running`` with nothing written — which ``jobs.recover_stale`` then reports as
``failed``.

Progress and heartbeats are written every ``PROGRESS_EVERY`` seconds from a separate short transaction;
on SQLite not during the write phase (the write transaction holds the database lock — which also keeps
``recover_stale`` from touching the job meanwhile), so its progress jumps to the total at the end.
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import time
import uuid
from array import array
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy import ARRAY, Engine, String, any_, bindparam, select, update
from sqlalchemy.exc import IntegrityError

from koers.core.config import get_settings
from koers.core.db import utcnow
from koers.employees.models import Employee, EmploymentStatus
from koers.imports.mapping import ResolvedMapping
from koers.imports.models import ACTIVE_STATES, EmployeeImport, ImportState
from koers.imports.reading import FileFormat, UnreadableFile, iter_rows
from koers.imports.rows import Record, RowConverter
from koers.imports.writing import EmployeeWriter

log = structlog.get_logger("koers.imports")

BATCH = 1000
MAX_STORED_ERRORS = 1000
PROGRESS_EVERY = 2.0  # seconds between progress/heartbeat writes

jobs = EmployeeImport.__table__  # type: ignore[attr-defined]
employees = Employee.__table__  # type: ignore[attr-defined]
Progress = Callable[[str, int, int | None], None]


class Abandoned(Exception):
    """The job is no longer this worker's (it was recovered as failed by another process)."""


# -- running ----------------------------------------------------------------------------------------------


class _Job:
    def __init__(self, engine: Engine, job_id: uuid.UUID, worker_id: str, on_progress: Progress | None) -> None:
        self.engine = engine
        self.id = job_id
        self.worker = worker_id
        self.on_progress = on_progress
        self.last_beat = 0.0
        self.beats_allowed = True

    def _update(self, conn: Any, **values: Any) -> None:
        values["updated_at"] = utcnow()
        done = conn.execute(
            update(jobs)
            .where(
                jobs.c.id == self.id,
                jobs.c.claimed_by == self.worker,
                jobs.c.state.in_([s.value for s in ACTIVE_STATES]),
            )
            .values(**values)
        ).rowcount
        if done != 1:
            raise Abandoned

    def set(self, **values: Any) -> None:
        with self.engine.begin() as conn:
            self._update(conn, **values)

    def progress(self, phase: str, processed: int, total: int | None, force: bool = False) -> None:
        if self.on_progress is not None:
            self.on_progress(phase, processed, total)
        now = time.monotonic()
        if self.beats_allowed and (force or now - self.last_beat >= PROGRESS_EVERY):
            self.last_beat = now
            self.set(processed_rows=processed, heartbeat_at=utcnow())


def run_job(engine: Engine, job_id: uuid.UUID, worker_id: str, on_progress: Progress | None = None) -> None:
    """Run a job this worker has claimed (see ``claim``) to its end state. Never raises for a bad file: the
    job records why it failed. ``on_progress(phase, processed, total)`` is called as rows are done."""
    job = _Job(engine, job_id, worker_id, on_progress)
    with engine.connect() as conn:
        row = conn.execute(select(jobs).where(jobs.c.id == job_id)).mappings().one()
    path = get_settings().data_dir / (row["file_path"] or "")
    try:
        _run(job, row, path)
    except Abandoned:
        log.warning("import_abandoned", job_id=str(job_id))
    except UnreadableFile as exc:
        _fail(job, f"{exc.detail} Nothing was written.")
    except IntegrityError:
        _fail(
            job,
            "Employees with the same employee numbers were added at the same time (another import or an edit); "
            "nothing was written. Run the import again.",
        )
    except Exception as exc:
        log.error("import_failed", job_id=str(job_id), error_type=type(exc).__name__)
        _fail(job, f"The import failed unexpectedly ({type(exc).__name__}); nothing was written.")
    finally:
        if row["file_path"]:
            path.unlink(missing_ok=True)


def _fail(job: _Job, reason: str) -> None:
    with contextlib.suppress(Abandoned):
        job.set(state=ImportState.failed.value, failure_reason=reason[:2000], finished_at=utcnow())


def _data_rows(path: Path, fmt: FileFormat) -> Iterator[tuple[int, list[str]]]:
    rows = iter_rows(path, fmt)
    next(rows, None)  # the header
    return rows


def _run(job: _Job, row: Any, path: Path) -> None:
    if not path.is_file():
        raise UnreadableFile("The uploaded file is no longer available.")
    spec = row["mapping"]
    fmt = FileFormat(**spec["file"])
    header = next(iter_rows(path, fmt))[1]
    mapping = ResolvedMapping.from_json(spec, [h.strip() for h in header])
    converter = RowConverter(mapping, utcnow().date())
    spill = path.with_suffix(".rows")
    try:
        total = _validate(job, converter, path, fmt, spill)
        if total is None:
            return
        job.set(state=ImportState.running.value, processed_rows=0, total_rows=total, heartbeat_at=utcnow())
        _write(job, converter, spill, row["organisation_id"], total, bool(row["dry_run"]))
    finally:
        spill.unlink(missing_ok=True)


def _validate(job: _Job, converter: RowConverter, path: Path, fmt: FileFormat, spill: Path) -> int | None:
    """Phase 1: every row converted, every error collected. Converted rows go to ``spill`` (pickled
    batches of tuples in ``converter.order``), so the write phase does not convert again and memory stays
    flat. Returns the row count, or ``None`` when the job failed (its state is then written)."""
    errors: list[dict[str, Any]] = []
    error_count = failed_rows = rows = 0
    # Duplicate employee numbers: 8-byte hashes in 256 buckets (sorted bucket by bucket at the end).
    buckets = [array("q") for _ in range(256)]
    number_index = converter.mapping.columns["employee_number"]
    order = converter.order
    batch: list[tuple[Any, ...]] = []
    with spill.open("wb") as out:
        for line, cells in _data_rows(path, fmt):
            rows += 1
            record, row_errors = converter.convert(line, cells)
            if row_errors:
                failed_rows += 1
                error_count += len(row_errors)
                if len(errors) < MAX_STORED_ERRORS:
                    errors.extend(row_errors[: MAX_STORED_ERRORS - len(errors)])
            elif record is not None:
                h = hash(record["employee_number"])
                buckets[h & 255].append(h)
                if not error_count:
                    batch.append(tuple([record[f] for f in order]))
                    if len(batch) >= BATCH:
                        pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
                        batch = []
            if rows % 1000 == 0:
                job.progress("validating", rows, None)
        if batch and not error_count:
            pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
    duplicates = _duplicate_hashes(buckets)
    del buckets
    if duplicates:
        dup_errors = _duplicate_errors(converter, path, fmt, number_index, duplicates)
        dup_lines = {e["line"] for e in dup_errors}
        failed_rows += len(dup_lines)
        error_count += len(dup_errors)
        errors.extend(dup_errors[: max(0, MAX_STORED_ERRORS - len(errors))])
        errors.sort(key=lambda e: e["line"])
    if rows == 0:
        job.set(
            state=ImportState.failed.value,
            total_rows=0,
            failure_reason="The file has no data rows: there is nothing to import.",
            finished_at=utcnow(),
        )
        return None
    if error_count:
        job.set(
            state=ImportState.failed.value,
            total_rows=rows,
            processed_rows=rows,
            failed_count=failed_rows,
            error_count=error_count,
            errors=errors,
            failure_reason=f"{failed_rows} of {rows} rows have errors; nothing was written.",
            finished_at=utcnow(),
        )
        return None
    job.progress("validating", rows, rows, force=True)
    return rows


def _duplicate_hashes(buckets: list[array[int]]) -> set[int]:
    found: set[int] = set()
    for bucket in buckets:
        ordered = sorted(bucket)
        found.update(a for a, b in itertools.pairwise(ordered) if a == b)
    return found


def _duplicate_errors(
    converter: RowConverter, path: Path, fmt: FileFormat, index: int, hashes: set[int]
) -> list[dict[str, Any]]:
    first_line: dict[str, int] = {}
    errors: list[dict[str, Any]] = []
    for line, cells in _data_rows(path, fmt):
        number = cells[index].strip() if index < len(cells) else ""
        if hash(number) not in hashes:
            continue
        if number in first_line:
            converter._error(
                errors,
                line,
                index,
                "employee_number",
                number,
                f"the employee number is also on line {first_line[number]}",
            )
        else:
            first_line[number] = line
    return errors


def _batches(spill: Path, order: tuple[str, ...]) -> Iterator[list[Record]]:
    with spill.open("rb") as fh:
        while True:
            try:
                batch = pickle.load(fh)  # noqa: S301 - our own file, written by _validate of this job
            except EOFError:
                return
            yield [dict(zip(order, values, strict=True)) for values in batch]


def _same(new: Any, old: Any) -> bool:
    if isinstance(old, EmploymentStatus) or isinstance(new, EmploymentStatus):
        return str(getattr(new, "value", new)) == str(getattr(old, "value", old))
    if isinstance(new, Decimal) or isinstance(old, Decimal):
        return new is not None and old is not None and Decimal(str(new)) == Decimal(str(old))
    return bool(new == old)


def _write(job: _Job, converter: RowConverter, spill: Path, org_id: Any, total: int, dry_run: bool) -> None:
    """Phase 2: one transaction for all employee writes and the job's final state."""
    fields = sorted(converter.fields)
    compare = [f for f in fields if f != "sort_name"]
    org = uuid.UUID(str(org_id))
    created = updated = unchanged = processed = 0
    wanted = [employees.c.id, employees.c.employee_number, *(employees.c[f] for f in compare)]
    sqlite = job.engine.dialect.name == "sqlite"
    if sqlite:
        by_number = employees.c.employee_number.in_(bindparam("numbers", expanding=True))
    else:
        # One array parameter: PostgreSQL plans (and re-plans a prepared statement) far better for
        # ``= ANY($1)`` than for a thousand-parameter IN list, which went to sequential scans.
        by_number = employees.c.employee_number == any_(bindparam("numbers", type_=ARRAY(String(64))))
    lookup = select(*wanted).where(employees.c.organisation_id == org, by_number)
    with job.engine.begin() as conn:
        # On SQLite the write transaction locks the whole database: progress is then reported at the end.
        job.beats_allowed = dry_run or not sqlite
        writer = EmployeeWriter(conn, fields)
        if sqlite:  # keep the employees indexes in memory while this connection writes them
            conn.exec_driver_sql("PRAGMA cache_size=-65536")
        elif conn.dialect.name == "postgresql":
            # The lookup runs as a prepared statement; after five runs PostgreSQL may switch to a generic
            # plan, which for "= ANY($2)" scanned the organisation's whole index range (O(n²) in all).
            conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
        # An organisation without employees (a first import) needs no lookups: every row is new, the file
        # has no duplicate numbers, and a concurrent writer of the same numbers hits the unique constraint.
        has_employees = conn.execute(select(employees.c.id).where(employees.c.organisation_id == org).limit(1)).first()
        for batch in _batches(spill, converter.order):
            now: datetime = utcnow()
            existing = (
                {r.employee_number: r for r in conn.execute(lookup, {"numbers": [r["employee_number"] for r in batch]})}
                if has_employees
                else {}
            )
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            for record in batch:
                old = existing.get(record["employee_number"])
                if old is None:
                    inserts.append(_new_row(record, org, now))
                elif tuple([record[f] for f in compare]) == tuple(old)[2:] or all(
                    _same(record[f], getattr(old, f)) for f in compare
                ):
                    unchanged += 1
                else:
                    updates.append({**{f: record[f] for f in fields}, "id": old.id, "updated_at": now})
            created += len(inserts)
            updated += len(updates)
            if not dry_run:
                writer.insert(inserts)
                writer.update(updates)
            processed += len(batch)
            job.progress("running", processed, total)
        job.beats_allowed = True
        job._update(
            conn,
            state=ImportState.succeeded.value,
            processed_rows=processed,
            created_count=created,
            updated_count=updated,
            unchanged_count=unchanged,
            failed_count=0,
            heartbeat_at=utcnow(),
            finished_at=utcnow(),
        )
        if sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-2000")
    if job.on_progress is not None:
        job.on_progress("done", processed, total)


def _new_row(record: Record, org: uuid.UUID, now: datetime) -> dict[str, Any]:
    row: dict[str, Any] = {
        "organisation_id": org,
        "given_name": "",
        "family_name": "",
        "family_name_prefix": None,
        "sort_name": "",
        "email": None,
        "date_of_birth": None,
        "job_title": None,
        "department": None,
        "hire_date": None,
        "employment_status": EmploymentStatus.active,
        "fte": None,
        "mobility_willingness": None,
        "mobility_capacity": None,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    row.update(record)
    return row
