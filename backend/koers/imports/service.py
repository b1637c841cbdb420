"""Import jobs, request side: store an upload, inspect it (422 before anything is queued), preview it,
create the job, and the scoped reads.

An upload is inspected synchronously on its first ``SAMPLE_ROWS`` rows: format, encoding, delimiter,
header, mapping and date order. Problems found there answer 422 at once and store nothing; problems in
individual rows are the job's row errors.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlmodel import Session, col, select

from koers.core.auth import Principal
from koers.core.config import get_settings
from koers.core.errors import NotFound, ProblemError
from koers.imports.mapping import FIELDS, MappingInput, ResolvedMapping, parse_mapping, resolve
from koers.imports.models import EmployeeImport, ImportPreview
from koers.imports.reading import FileFormat, UnreadableFile, detect_format, read_head

SAMPLE_ROWS = 10_000
PREVIEW_ROWS = 10
CHUNK = 1024 * 1024


class TooLarge(ProblemError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "Content too large", f"The file is larger than {limit} bytes.", slug="import-too-large")


def imports_dir() -> Path:
    """``<data_dir>/imports``: uploaded files wait here for their job (shared by every app process)."""
    path = get_settings().data_dir / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class StoredUpload:
    path: Path
    size: int
    sha256: str


def store_upload(chunks: Iterable[bytes] | BinaryIO, max_bytes: int | None = None) -> StoredUpload:
    """Copy an upload to a new file under ``imports_dir()``, hashing it (SHA-256). Raises ``TooLarge`` (413)
    above ``max_bytes`` (default ``settings.import_max_bytes``), removing the partial file."""
    limit = get_settings().import_max_bytes if max_bytes is None else max_bytes
    path = imports_dir() / f"upload-{uuid.uuid4().hex}"
    digest = hashlib.sha256()
    size = 0
    source: Iterable[bytes] = iter(lambda: chunks.read(CHUNK), b"") if hasattr(chunks, "read") else chunks
    try:
        with path.open("wb") as out:
            for chunk in source:
                size += len(chunk)
                if size > limit:
                    raise TooLarge(limit)
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return StoredUpload(path, size, digest.hexdigest())


@dataclass
class Inspection:
    fmt: FileFormat
    headers: list[str]
    sample: list[list[str]]
    mapping: ResolvedMapping


def inspect_file(path: Path, mapping: MappingInput | None) -> Inspection:
    """Read the file's head and resolve its mapping. Raises ``UnreadableFile`` (422) for an unreadable or
    unmappable file and for a file without data rows."""
    fmt = detect_format(path)
    header, head = read_head(path, fmt, SAMPLE_ROWS)
    headers = [h.strip() for h in header]
    if not any(headers):
        raise UnreadableFile("The file's first row (the header) is empty.")
    sample = [cells for _, cells in head]
    resolved = resolve(headers, mapping, sample)
    if not sample:
        raise UnreadableFile("The file has a header but no data rows: there is nothing to import.", slug="empty-import")
    return Inspection(fmt, headers, sample, resolved)


def preview(path: Path, raw_mapping: str | None) -> ImportPreview:
    """What the import wizard shows: how the file reads, its first rows and the mapping found. Writes
    nothing. An undetermined date order is reported (``date_order_ambiguous``), not refused."""
    found = inspect_file(path, parse_mapping(raw_mapping))
    m = found.mapping
    missing = [f for f in ("employee_number", "given_name", "family_name") if f not in m.columns]
    if m.name_column is not None or m.allow_missing_names:
        missing = [f for f in missing if f == "employee_number"]
    return ImportPreview(
        file_format=found.fmt.kind,
        encoding=found.fmt.encoding,
        delimiter=found.fmt.delimiter,
        headers=found.headers,
        rows=list(found.sample[:PREVIEW_ROWS]),
        mapping={f: found.headers[i] for f, i in sorted(m.columns.items(), key=lambda kv: FIELDS.index(kv[0]))},
        unmapped_columns=m.unmapped(),
        name_column=None if m.name_column is None else found.headers[m.name_column],
        name_order=m.name_order,
        date_order=m.date_order,
        date_order_ambiguous=m.date_order_ambiguous,
        missing_fields=missing,
    )


def create_job(
    session: Session,
    organisation_id: uuid.UUID,
    upload: StoredUpload,
    *,
    file_name: str,
    dry_run: bool,
    raw_mapping: str | None,
    created_by: uuid.UUID | None,
) -> EmployeeImport:
    """Inspect the stored upload and queue a job for it (flushes). The upload is moved to the job's own
    file; on any 422 it is deleted and nothing is stored.

    Raises ``UnreadableFile`` (422) for unreadable/unmappable files and when the date order is ambiguous
    and not given (the problem asks for ``mapping.date_order``)."""
    try:
        found = inspect_file(upload.path, parse_mapping(raw_mapping))
        if found.mapping.date_order_ambiguous:
            raise UnreadableFile(
                "The dates in the file can be read day-first and month-first (no day above 12 was seen). "
                "Give mapping.date_order: dmy (03-04-1985 is 3 April), mdy (4 March) or ymd.",
                slug="ambiguous-date-order",
            )
    except BaseException:
        upload.path.unlink(missing_ok=True)
        raise
    job = EmployeeImport(
        organisation_id=organisation_id,
        created_by=created_by,
        dry_run=dry_run,
        file_name=(Path(file_name).name or "upload")[:255],
        file_format=found.fmt.kind,
        file_size=upload.size,
        file_sha256=upload.sha256,
    )
    target = imports_dir() / f"{job.id}.{found.fmt.kind}"
    shutil.move(upload.path, target)
    job.file_path = str(target.relative_to(get_settings().data_dir))
    stored: dict[str, Any] = found.mapping.to_json()
    stored["file"] = {"kind": found.fmt.kind, "encoding": found.fmt.encoding, "delimiter": found.fmt.delimiter}
    job.mapping = stored
    session.add(job)
    session.flush()
    return job


def visible_job(session: Session, principal: Principal, job_id: uuid.UUID) -> EmployeeImport:
    """The job if the principal is an admin or HR of its organisation; else 404 (also for coaches)."""
    job = session.get(EmployeeImport, job_id)
    if job is None or not principal.is_hr_of(job.organisation_id):
        raise NotFound("Employee import")
    return job


def list_query(organisation_id: uuid.UUID) -> Any:
    return select(EmployeeImport).where(col(EmployeeImport.organisation_id) == organisation_id)
