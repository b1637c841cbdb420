"""HTTP routes: career issues, their affected employees, running the programme, the mobility matrix.

Every route here is for admins and the organisation's HR only: a coach sees no programme (issue 3) and gets
403 inside their organisation; anyone else gets 404, as for an id that does not exist.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlmodel import col, select

from koers.career_issues import dashboard, programme, service
from koers.career_issues.models import (
    BulkStartRequest,
    BulkStartResult,
    CareerIssue,
    CareerIssueCreate,
    CareerIssueDashboard,
    CareerIssueEmployee,
    CareerIssueFamily,
    CareerIssueKind,
    CareerIssuePublic,
    CareerIssueStatus,
    CareerIssueUpdate,
    EnrolRequest,
    EnrolResult,
    MobilityMatrix,
)
from koers.core.auth import CurrentPrincipal
from koers.core.concurrency import IfMatch, set_etag
from koers.core.db import SessionDep
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate, parse_sort
from koers.core.schemas import Name, SearchText
from koers.employees.models import Employee, EmployeePublic, EmploymentStatus
from koers.organisations.service import visible_organisation

router = APIRouter(prefix="/career-issues", tags=["career-issues"])
extra_router = APIRouter(tags=["career-issues"])

ISSUE_SORTS = {
    "created_at": SortKey("created_at", (CareerIssue.created_at,), kind="datetime"),
    "updated_at": SortKey("updated_at", (CareerIssue.updated_at,), kind="datetime"),
    "title": SortKey("title", (CareerIssue.title,)),
}
AFFECTED_SORTS = {
    "family_name": SortKey("family_name", (Employee.sort_name,)),
    "employee_number": SortKey("employee_number", (Employee.employee_number,)),
}
_AFFECTED_ATTR = {"family_name": "sort_name", "employee_number": "employee_number"}


@router.get("", operation_id="list_career_issues", response_model=Page[CareerIssuePublic])
def list_career_issues(
    principal: CurrentPrincipal,
    session: SessionDep,
    organisation_id: uuid.UUID | None = None,
    family: CareerIssueFamily | None = None,
    kind: CareerIssueKind | None = None,
    status: CareerIssueStatus | None = None,
    q: Annotated[SearchText | None, Query(description="Search in the title (case-insensitive).")] = None,
    sort: Annotated[
        str | None,
        Query(max_length=50, description="created_at (default), updated_at, title; '-' for descending."),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[CareerIssuePublic]:
    """Career issues of the organisations where the caller is HR (admins: all; coaches: none).
    A filter naming another organisation simply matches nothing."""
    key, desc = parse_sort(sort, ISSUE_SORTS, "created_at")
    query = service.scope_query(select(CareerIssue), principal)
    if organisation_id is not None:
        query = query.where(col(CareerIssue.organisation_id) == organisation_id)
    if family is not None:
        query = query.where(col(CareerIssue.family) == family)
    if kind is not None:
        query = query.where(col(CareerIssue.kind) == kind)
    if status is not None:
        query = query.where(col(CareerIssue.status) == status)
    if q:
        query = query.where(col(CareerIssue.title).icontains(q, autoescape=True))
    rows, nxt = paginate(
        query,
        key,
        desc,
        CareerIssue.id,
        limit,
        cursor,
        lambda q_: session.exec(q_).all(),  # type: ignore[call-overload]
        lambda issue: [getattr(issue, key.name), issue.id],
    )
    return Page(items=[CareerIssuePublic.model_validate(i) for i in rows], next_cursor=nxt)


@router.post("", operation_id="create_career_issue", response_model=CareerIssuePublic, status_code=201)
def create_career_issue(
    body: CareerIssueCreate, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> CareerIssuePublic:
    """Register a career issue (admins and the organisation's HR). The kind must belong to the family
    (seed, table 1.2), else 422."""
    issue = service.create_issue(session, principal, body)
    set_etag(response, issue)
    response.headers["Location"] = f"/api/v1/career-issues/{issue.id}"
    return CareerIssuePublic.model_validate(issue)


@router.get("/{career_issue_id}", operation_id="read_career_issue", response_model=CareerIssuePublic)
def read_career_issue(
    career_issue_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> CareerIssuePublic:
    issue = service.managed_issue(session, principal, career_issue_id)
    set_etag(response, issue)
    return CareerIssuePublic.model_validate(issue)


@router.patch("/{career_issue_id}", operation_id="update_career_issue", response_model=CareerIssuePublic)
def update_career_issue(
    career_issue_id: uuid.UUID,
    body: CareerIssueUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> CareerIssuePublic:
    """Update a career issue (412 on a stale ``If-Match``; 422 when the merged kind and family disagree)."""
    issue = service.managed_issue(session, principal, career_issue_id)
    issue = service.update_issue(session, issue, body, if_match)
    set_etag(response, issue)
    return CareerIssuePublic.model_validate(issue)


@router.delete("/{career_issue_id}", operation_id="delete_career_issue", status_code=204)
def delete_career_issue(career_issue_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> Response:
    """Delete a career issue without trajectories (409 ``career-issue-in-use`` otherwise: close it instead)."""
    issue = service.managed_issue(session, principal, career_issue_id)
    service.delete_issue(session, issue)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{career_issue_id}/employees",
    operation_id="list_career_issue_employees",
    response_model=Page[EmployeePublic],
)
def list_career_issue_employees(
    career_issue_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    sort: Annotated[
        str | None,
        Query(max_length=50, description="family_name (default; ignores the particle), employee_number; '-' desc."),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EmployeePublic]:
    """The issue's affected employees."""
    issue = service.managed_issue(session, principal, career_issue_id)
    key, desc = parse_sort(sort, AFFECTED_SORTS, "family_name")
    query = (
        select(Employee)
        .join(CareerIssueEmployee, col(CareerIssueEmployee.employee_id) == col(Employee.id))
        .where(col(CareerIssueEmployee.career_issue_id) == issue.id)
    )
    attr = _AFFECTED_ATTR[key.name]
    rows, nxt = paginate(
        query,
        key,
        desc,
        Employee.id,
        limit,
        cursor,
        lambda q_: session.exec(q_).all(),  # type: ignore[call-overload]
        lambda e: [getattr(e, attr), e.id],
    )
    return Page(items=[EmployeePublic.model_validate(e) for e in rows], next_cursor=nxt)


@router.post("/{career_issue_id}/employees", operation_id="enrol_career_issue_employees", response_model=EnrolResult)
def enrol_career_issue_employees(
    career_issue_id: uuid.UUID, body: EnrolRequest, principal: CurrentPrincipal, session: SessionDep
) -> EnrolResult:
    """Enrol employees by ``employee_ids`` or by ``filter`` (exactly one). Answers how many were added and
    how many already were. Unknown ids (or other organisations') are a 422 naming their positions, and
    nothing is written. 409 on a closed issue."""
    issue = service.managed_issue(session, principal, career_issue_id)
    return service.enrol(session, issue, body)


@router.delete(
    "/{career_issue_id}/employees/{employee_id}",
    operation_id="remove_career_issue_employee",
    status_code=204,
)
def remove_career_issue_employee(
    career_issue_id: uuid.UUID, employee_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> Response:
    """Take an employee out of the issue's scope (404 when not in it). Their trajectories are kept."""
    issue = service.managed_issue(session, principal, career_issue_id)
    service.unenrol(session, issue, employee_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{career_issue_id}/trajectories",
    operation_id="start_career_issue_trajectories",
    response_model=BulkStartResult,
)
def start_career_issue_trajectories(
    career_issue_id: uuid.UUID, body: BulkStartRequest, principal: CurrentPrincipal, session: SessionDep
) -> BulkStartResult:
    """Start trajectories for the issue's affected employees (all, or ``employee_ids``), spread evenly over
    ``coach_ids`` by family name, lighter current caseloads first; to assign a coach explicitly, name one
    coach and the employees. Skipped employees are reported with a reason (``not_affected``,
    ``open_trajectory``, ``employment_left``). All or nothing."""
    issue = service.managed_issue(session, principal, career_issue_id)
    return programme.start_trajectories(session, principal.id, issue, body)


@router.get(
    "/{career_issue_id}/dashboard",
    operation_id="read_career_issue_dashboard",
    response_model=CareerIssueDashboard,
)
def read_career_issue_dashboard(
    career_issue_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep
) -> CareerIssueDashboard:
    """The programme's figures, overall and per coach (admins and the organisation's HR)."""
    issue = service.managed_issue(session, principal, career_issue_id)
    return dashboard.dashboard(session, issue)


@extra_router.get(
    "/organisations/{organisation_id}/mobility-matrix",
    operation_id="read_mobility_matrix",
    response_model=MobilityMatrix,
)
def read_mobility_matrix(
    organisation_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    department: Annotated[Name | None, Query()] = None,
    career_issue_id: uuid.UUID | None = None,
    employment_status: EmploymentStatus | None = None,
) -> MobilityMatrix:
    """Employees on the 5x5 grid of mobility willingness x mobility capacity, plus those not assessed
    (admins and the organisation's HR)."""
    principal.require_hr(organisation_id)
    visible_organisation(session, principal, organisation_id)
    return dashboard.mobility_matrix(
        session,
        organisation_id,
        department=department,
        career_issue_id=career_issue_id,
        employment_status=employment_status,
    )
