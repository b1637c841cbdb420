"""HTTP routes: employees."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlmodel import col, select

from koers.career_issues.models import CareerIssueEmployee
from koers.core.auth import CurrentPrincipal
from koers.core.concurrency import IfMatch, set_etag
from koers.core.db import SessionDep
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate, parse_sort
from koers.core.schemas import OptName, SearchText
from koers.employees import service
from koers.employees.models import (
    Employee,
    EmployeeBasic,
    EmployeeCreate,
    EmployeePublic,
    EmployeeUpdate,
    EmploymentStatus,
)
from koers.employees.names import sort_key

router = APIRouter(tags=["employees"])

EMPLOYEE_SORTS = {
    "family_name": SortKey("family_name", (Employee.sort_name,)),
    "employee_number": SortKey("employee_number", (Employee.employee_number,)),
    "created_at": SortKey("created_at", (Employee.created_at,), kind="datetime"),
}
_SORT_ATTR = {"family_name": "sort_name", "employee_number": "employee_number", "created_at": "created_at"}

EmployeeOut = EmployeePublic | EmployeeBasic


def _out(principal: CurrentPrincipal, employee: Employee) -> EmployeePublic | EmployeeBasic:
    if service.sees_full_record(principal, employee):
        return EmployeePublic.model_validate(employee)
    return EmployeeBasic.model_validate(employee)


@router.get("/employees", operation_id="list_employees", response_model=Page[EmployeeOut])
def list_employees(
    principal: CurrentPrincipal,
    session: SessionDep,
    organisation_id: uuid.UUID | None = None,
    department: Annotated[OptName | None, Query()] = None,
    job_title: Annotated[OptName | None, Query()] = None,
    employment_status: EmploymentStatus | None = None,
    career_issue_id: uuid.UUID | None = None,
    q: Annotated[
        SearchText | None,
        Query(description="Search in name (accent- and case-insensitive) and employee number."),
    ] = None,
    sort: Annotated[
        str | None,
        Query(
            max_length=50,
            description="family_name (default; ignores the particle), employee_number, created_at; '-' for descending.",
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[EmployeeOut]:
    """Employees the caller may see. HR and admins get full records; a coach only the basic profile of the
    employees they coach. Filters naming another organisation's objects simply match nothing."""
    key, desc = parse_sort(sort, EMPLOYEE_SORTS, "family_name")
    query = service.scope_query(select(Employee), principal)
    if organisation_id is not None:
        query = query.where(col(Employee.organisation_id) == organisation_id)
    if department is not None:
        query = query.where(col(Employee.department) == department)
    if job_title is not None:
        query = query.where(col(Employee.job_title) == job_title)
    if employment_status is not None:
        query = query.where(col(Employee.employment_status) == employment_status)
    if career_issue_id is not None:
        query = query.where(
            Employee.id.in_(  # type: ignore[attr-defined]
                select(CareerIssueEmployee.employee_id).where(CareerIssueEmployee.career_issue_id == career_issue_id)
            )
        )
    if q:
        folded = sort_key(q, "").strip()
        query = query.where(
            col(Employee.sort_name).contains(folded, autoescape=True)
            | col(Employee.employee_number).startswith(q, autoescape=True)
        )
    attr = _SORT_ATTR[key.name]
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
    return Page(items=[_out(principal, e) for e in rows], next_cursor=nxt)


@router.post(
    "/organisations/{organisation_id}/employees",
    operation_id="create_employee",
    response_model=EmployeePublic,
    status_code=201,
)
def create_employee(
    organisation_id: uuid.UUID,
    body: EmployeeCreate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
) -> EmployeePublic:
    """Add an employee to the organisation (admins and its HR). 409 when the employee number is taken."""
    principal.require_hr(organisation_id)
    from koers.organisations.service import visible_organisation

    visible_organisation(session, principal, organisation_id)
    employee = service.create_employee(session, organisation_id, body)
    set_etag(response, employee)
    response.headers["Location"] = f"/api/v1/employees/{employee.id}"
    return EmployeePublic.model_validate(employee)


@router.get("/employees/{employee_id}", operation_id="read_employee", response_model=EmployeeOut)
def read_employee(
    employee_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> EmployeePublic | EmployeeBasic:
    employee = service.visible_employee(session, principal, employee_id)
    set_etag(response, employee)
    return _out(principal, employee)


@router.patch("/employees/{employee_id}", operation_id="update_employee", response_model=EmployeePublic)
def update_employee(
    employee_id: uuid.UUID,
    body: EmployeeUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> EmployeePublic:
    """Update an employee (admins and the organisation's HR; coaches 404/403)."""
    employee = service.visible_employee(session, principal, employee_id)
    principal.require_hr(employee.organisation_id, "Employee")
    employee = service.update_employee(session, employee, body, if_match)
    set_etag(response, employee)
    return EmployeePublic.model_validate(employee)


@router.delete("/employees/{employee_id}", operation_id="delete_employee", status_code=204)
def delete_employee(employee_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> Response:
    """Erase an employee with their closed trajectories (admins and HR). 409 while a trajectory is open."""
    employee = service.visible_employee(session, principal, employee_id)
    principal.require_hr(employee.organisation_id, "Employee")
    service.delete_employee(session, employee)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
