"""Employee import jobs: the table that holds a job's state, and the API shapes of jobs and previews.

A job's state lives in the database only (never in one process's memory), so any app process may run it
and a restart can tell what happened: ``queued`` → ``validating`` → ``running`` → ``succeeded``, or
``failed`` from any of these.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from koers.core.db import UTCDateTime, new_id, utcnow
from koers.core.schemas import Output, UTCTime
from koers.core.types import enum_type


class ImportState(enum.StrEnum):
    queued = "queued"
    validating = "validating"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


ACTIVE_STATES = (ImportState.validating, ImportState.running)


class EmployeeImport(SQLModel, table=True):
    """One upload of an HRIS export and what became of it.

    ``file_path`` is relative to ``settings.data_dir`` (shared by every app process); the file is deleted
    when the job ends. ``mapping`` is the resolved mapping (Koers field → column index/name, options).
    ``errors`` holds at most ``MAX_STORED_ERRORS`` row errors; ``error_count`` counts them all.
    """

    __tablename__ = "employee_imports"
    __table_args__ = (
        Index("ix_employee_imports_org_created", "organisation_id", "created_at", "id"),
        Index("ix_employee_imports_state_created", "state", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    organisation_id: uuid.UUID = Field(foreign_key="organisations.id", ondelete="CASCADE")
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    state: ImportState = Field(default=ImportState.queued, sa_type=enum_type(ImportState, "employee_import_state"))
    dry_run: bool = False
    file_name: str = Field(max_length=255)
    file_format: str = Field(max_length=10)
    file_path: str | None = Field(default=None, max_length=500)
    file_size: int = 0
    file_sha256: str = Field(max_length=64)
    mapping: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    total_rows: int | None = None
    processed_rows: int = 0
    created_count: int = 0
    updated_count: int = 0
    unchanged_count: int = 0
    failed_count: int = 0
    error_count: int = 0
    errors: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    failure_reason: str | None = Field(default=None, max_length=2000)
    claimed_by: str | None = Field(default=None, max_length=200)
    heartbeat_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RowError(Output):
    """One problem in one row: ``line`` is the 1-based line (CSV) or row (XLSX) in the file where the record
    starts; ``column`` the file's header; ``value`` the cell shown safely (control characters escaped, at most
    60 characters); ``reason`` in plain English."""

    line: int
    column: str | None
    field: str | None
    value: str | None
    reason: str


class ImportProgress(Output):
    processed: int
    total: int | None


class ImportCounts(Output):
    rows: int
    created: int
    updated: int
    unchanged: int
    failed: int


class EmployeeImportPublic(Output):
    """An import job. ``errors`` holds at most 1,000 row errors (``errors_total`` counts them all)."""

    id: uuid.UUID
    organisation_id: uuid.UUID
    state: ImportState
    dry_run: bool
    file_name: str
    file_format: str
    file_size: int
    mapping: dict[str, Any]
    progress: ImportProgress
    counts: ImportCounts
    errors: list[RowError]
    errors_total: int
    errors_truncated: bool
    failure_reason: str | None
    created_at: UTCTime
    started_at: UTCTime | None
    finished_at: UTCTime | None

    @classmethod
    def of(cls, job: EmployeeImport, *, with_errors: bool = True) -> EmployeeImportPublic:
        errors = [RowError.model_validate(e) for e in job.errors] if with_errors else []
        return cls(
            id=job.id,
            organisation_id=job.organisation_id,
            state=job.state,
            dry_run=job.dry_run,
            file_name=job.file_name,
            file_format=job.file_format,
            file_size=job.file_size,
            mapping=job.mapping,
            progress=ImportProgress(processed=job.processed_rows, total=job.total_rows),
            counts=ImportCounts(
                rows=job.total_rows or 0,
                created=job.created_count,
                updated=job.updated_count,
                unchanged=job.unchanged_count,
                failed=job.failed_count,
            ),
            errors=errors,
            errors_total=job.error_count,
            errors_truncated=job.error_count > len(job.errors),
            failure_reason=job.failure_reason,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
        )


class ImportPreview(Output):
    """What the wizard shows before an import: how the file was read and how its columns map."""

    file_format: str
    encoding: str | None
    delimiter: str | None
    headers: list[str]
    rows: list[list[str]]
    mapping: dict[str, str]
    unmapped_columns: list[str]
    name_column: str | None
    name_order: str | None
    date_order: str | None
    date_order_ambiguous: bool
    missing_fields: list[str]
