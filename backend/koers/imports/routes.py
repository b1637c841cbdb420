"""HTTP routes: employee imports (upload → job, job state, preview for the wizard)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile

from koers.core.auth import CurrentPrincipal
from koers.core.config import get_settings
from koers.core.db import SessionDep
from koers.core.errors import Problem
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate
from koers.imports import service
from koers.imports.models import EmployeeImport, EmployeeImportPublic, ImportPreview
from koers.organisations.service import visible_organisation

router = APIRouter(tags=["employee-imports"])

CREATED_SORT = SortKey("created_at", (EmployeeImport.created_at,), kind="datetime")
MULTIPART_OVERHEAD = 64 * 1024

FileField = Annotated[UploadFile, File(description="The HRIS export: CSV (UTF-8, Windows-1252; , ; or tab) or XLSX.")]
MappingField = Annotated[
    str | None,
    Form(
        max_length=20000,
        description=(
            "JSON object: Koers field → the file's column name (null = leave unmapped), plus the options "
            "date_order (dmy|mdy|ymd), name_column, name_order (family_first|given_first) and "
            "allow_missing_names (bool). Fields not named are mapped from common Dutch/English headers."
        ),
    ),
]


def _check_length(request: Request) -> None:
    length = request.headers.get("content-length")
    limit = get_settings().import_max_bytes
    if length and length.isdigit() and int(length) > limit + MULTIPART_OVERHEAD:
        raise service.TooLarge(limit)


def _store(request: Request, file: UploadFile) -> service.StoredUpload:
    _check_length(request)
    return service.store_upload(file.file)


@router.post(
    "/organisations/{organisation_id}/employee-imports",
    operation_id="create_employee_import",
    status_code=202,
    response_model=EmployeeImportPublic,
    responses={413: {"model": Problem}, 422: {"model": Problem}},
)
def create_employee_import(
    organisation_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    file: FileField,
    dry_run: Annotated[bool, Form(description="Validate and count, write nothing.")] = False,
    mapping: MappingField = None,
) -> EmployeeImportPublic:
    """Start an import job (admins and the organisation's HR). 202 with the job and its ``Location``.

    The file is inspected at once: an unreadable or unmappable file, a file without data rows, or dates
    whose order cannot be told (without ``mapping.date_order``) answer 422 saying why, and nothing is
    stored. Row-level problems are reported by the job. All-or-nothing: one bad row, nothing written."""
    principal.require_hr(organisation_id)
    visible_organisation(session, principal, organisation_id)
    upload = _store(request, file)
    job = service.create_job(
        session,
        organisation_id,
        upload,
        file_name=file.filename or "upload",
        dry_run=dry_run,
        raw_mapping=mapping,
        created_by=principal.id,
    )
    response.headers["Location"] = f"/api/v1/employee-imports/{job.id}"
    return EmployeeImportPublic.of(job)


@router.post(
    "/organisations/{organisation_id}/employee-imports/preview",
    operation_id="preview_employee_import",
    response_model=ImportPreview,
    responses={413: {"model": Problem}, 422: {"model": Problem}},
)
def preview_employee_import(
    organisation_id: uuid.UUID,
    request: Request,
    principal: CurrentPrincipal,
    session: SessionDep,
    file: FileField,
    mapping: MappingField = None,
) -> ImportPreview:
    """How the file reads and maps, with its first 10 rows (admins and the organisation's HR). Writes
    nothing; 422 when the file cannot be read or mapped."""
    principal.require_hr(organisation_id)
    visible_organisation(session, principal, organisation_id)
    upload = _store(request, file)
    try:
        return service.preview(upload.path, mapping)
    finally:
        upload.path.unlink(missing_ok=True)


@router.get(
    "/organisations/{organisation_id}/employee-imports",
    operation_id="list_employee_imports",
    response_model=Page[EmployeeImportPublic],
)
def list_employee_imports(
    organisation_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EmployeeImportPublic]:
    """The organisation's import jobs, newest first. Items leave out the row errors (``errors_total``
    counts them; read the job for the list)."""
    principal.require_hr(organisation_id)
    visible_organisation(session, principal, organisation_id)
    rows, nxt = paginate(
        service.list_query(organisation_id),
        CREATED_SORT,
        True,
        EmployeeImport.id,
        limit,
        cursor,
        lambda q: session.exec(q).all(),  # type: ignore[call-overload]
        lambda j: [j.created_at, j.id],
    )
    return Page(items=[EmployeeImportPublic.of(j, with_errors=False) for j in rows], next_cursor=nxt)


@router.get(
    "/employee-imports/{import_id}",
    operation_id="read_employee_import",
    response_model=EmployeeImportPublic,
)
def read_employee_import(
    import_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> EmployeeImportPublic:
    """An import job's state, progress, counts and row errors (at most 1,000; ``errors_total`` counts all).
    Another organisation's job answers 404."""
    return EmployeeImportPublic.of(service.visible_job(session, principal, import_id))
