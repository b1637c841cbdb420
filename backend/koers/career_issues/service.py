"""Career issues (seed, table 1.2) and their affected employees: scoped reads, writes by HR, bulk enrolment.

Who may see a career issue: admins and the organisation's HR. A coach sees no programme (issue 3), not even
the title of their clients' issue: a coach of the organisation gets 403, anyone else 404 (the issue's
existence is not revealed outside its organisation).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Uuid, exists, func, insert, literal
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Select
from sqlmodel import Session, col, select

from koers.career_issues.models import (
    CareerIssue,
    CareerIssueCreate,
    CareerIssueEmployee,
    CareerIssueStatus,
    CareerIssueUpdate,
    EnrolFilter,
    EnrolRequest,
    EnrolResult,
    check_kind,
)
from koers.core.auth import Principal
from koers.core.concurrency import apply_changes, check_if_match
from koers.core.db import UTCDateTime, utcnow
from koers.core.errors import Conflict, NotFound, ProblemError, Unprocessable
from koers.employees.models import Employee
from koers.organisations.service import visible_organisation
from koers.trajectories.models import Trajectory

WHAT = "Career issue"
REQUIRED = {"family", "kind", "title", "status"}


def scope_query(query: Select[Any], principal: Principal) -> Select[Any]:
    """Limit a career-issue query to the organisations where the principal is HR (admins: all)."""
    if principal.is_admin:
        return query
    return query.where(col(CareerIssue.organisation_id).in_(list(principal.hr_orgs)))


def managed_issue(session: Session, principal: Principal, issue_id: uuid.UUID) -> CareerIssue:
    """The career issue if the principal is an admin or HR of its organisation.

    Raises 404 when it does not exist or belongs to an organisation the principal is not a member of;
    403 when the principal is a coach (not HR) of its organisation."""
    issue = session.get(CareerIssue, issue_id)
    if issue is None:
        raise NotFound(WHAT)
    principal.require_hr(issue.organisation_id, WHAT)
    return issue


def create_issue(session: Session, principal: Principal, data: CareerIssueCreate) -> CareerIssue:
    """Register a career issue in ``data.organisation_id`` (its HR or an admin; 404 for another or unknown
    organisation, 403 for its coaches). The kind/family fit is checked by the model (422)."""
    principal.require_hr(data.organisation_id)
    visible_organisation(session, principal, data.organisation_id)
    issue = CareerIssue(**data.model_dump())
    session.add(issue)
    session.flush()
    return issue


def update_issue(session: Session, issue: CareerIssue, data: CareerIssueUpdate, if_match: str | None) -> CareerIssue:
    """Apply a partial update under ``If-Match`` (412 when stale).

    Required fields cannot be nulled (422); the merged family and kind must fit table 1.2 (422) and the
    merged dates must be ordered (422)."""
    changes = data.model_dump(exclude_unset=True)
    for key in sorted(REQUIRED & set(changes)):
        if changes[key] is None:
            raise Unprocessable(f"'{key}' cannot be null.", field=key)
    check_kind(changes.get("family", issue.family), changes.get("kind", issue.kind))
    start = changes.get("start_date", issue.start_date)
    target = changes.get("target_date", issue.target_date)
    if start and target and target < start:
        raise Unprocessable("target_date must not be before start_date.", field="target_date")
    if changes:
        apply_changes(session, issue, changes, if_match)
    else:
        check_if_match(if_match, issue.version)
    return issue


def delete_issue(session: Session, issue: CareerIssue) -> None:
    """Delete a career issue and its scope (the affected-employee rows).

    Raises 409 while any trajectory (open or closed) belongs to it: deleting would detach those
    trajectories from their programme and lose its history. Close the issue instead."""
    has_trajectory = session.exec(select(Trajectory.id).where(Trajectory.career_issue_id == issue.id).limit(1)).first()
    if has_trajectory is not None:
        raise Conflict(
            "The career issue has trajectories; close it instead of deleting it.", slug="career-issue-in-use"
        )
    session.delete(issue)
    session.flush()


def require_not_closed(issue: CareerIssue) -> None:
    """A closed programme takes no new employees or trajectories (409)."""
    if issue.status == CareerIssueStatus.closed:
        raise Conflict("The career issue is closed; reopen it first.", slug="career-issue-closed")


def _enrolled(issue_id: uuid.UUID) -> ColumnElement[bool]:
    return exists().where(
        col(CareerIssueEmployee.career_issue_id) == issue_id,
        col(CareerIssueEmployee.employee_id) == col(Employee.id),
    )


def _filter_conditions(issue: CareerIssue, flt: EnrolFilter) -> list[ColumnElement[bool]]:
    conditions = [col(Employee.organisation_id) == issue.organisation_id]
    if flt.department is not None:
        conditions.append(col(Employee.department) == flt.department)
    if flt.job_title is not None:
        conditions.append(col(Employee.job_title) == flt.job_title)
    if flt.employment_status is not None:
        conditions.append(col(Employee.employment_status) == flt.employment_status)
    return conditions


def enrol(session: Session, issue: CareerIssue, data: EnrolRequest) -> EnrolResult:
    """Add employees to the issue's scope with one ``INSERT … SELECT`` (set-based, whatever the count).

    By ids: every id must be an employee of the issue's organisation, else 422 naming the offending
    positions (an unknown id and another organisation's id are indistinguishable) and nothing is written;
    duplicates in the list count once. By filter: the organisation's employees whose fields equal every
    given value (``left`` employees included unless the filter names a status). ``already`` counts the
    selected employees who were enrolled before; ``added`` those enrolled now. 409 on a closed issue.
    """
    require_not_closed(issue)
    conditions: list[ColumnElement[bool]]
    if data.employee_ids is not None:
        ids = list(dict.fromkeys(data.employee_ids))
        found = set(
            session.exec(
                select(Employee.id).where(
                    col(Employee.organisation_id) == issue.organisation_id, col(Employee.id).in_(ids)
                )
            ).all()
        )
        missing = [i for i, eid in enumerate(data.employee_ids) if eid not in found]
        if missing:
            raise unknown_ids("employee_ids", missing, "employee of this organisation")
        conditions = [col(Employee.organisation_id) == issue.organisation_id, col(Employee.id).in_(ids)]
        selected = len(ids)
    else:
        assert data.filter is not None  # the model guarantees exactly one
        conditions = _filter_conditions(issue, data.filter)
        selected = session.exec(select(func.count()).select_from(Employee).where(*conditions)).one()
    source = select(
        literal(issue.id, Uuid()),
        col(Employee.id),
        literal(utcnow(), UTCDateTime()),
    ).where(*conditions, ~_enrolled(issue.id))
    statement = insert(CareerIssueEmployee).from_select(["career_issue_id", "employee_id", "added_at"], source)
    try:
        with session.begin_nested():
            # preserve_rowcount: SQLAlchemy keeps an INSERT's rowcount only when asked (psycopg reports it).
            added = session.execute(statement.execution_options(preserve_rowcount=True)).rowcount  # type: ignore[attr-defined]
    except IntegrityError as exc:  # a concurrent enrolment of the same employee
        raise Conflict("The scope changed while enrolling; try again.", slug="concurrent-enrolment") from exc
    return EnrolResult(added=added, already=max(selected - added, 0))


def unenrol(session: Session, issue: CareerIssue, employee_id: uuid.UUID) -> None:
    """Remove an employee from the issue's scope (404 when not enrolled). Their trajectories are kept and
    stay linked to the issue."""
    row = session.get(CareerIssueEmployee, (issue.id, employee_id))
    if row is None:
        raise NotFound("Affected employee")
    session.delete(row)
    session.flush()


def unknown_ids(field: str, positions: list[int], what: str) -> ProblemError:
    """422 naming the offending list positions (never the ids' owners: unknown and foreign look alike)."""
    shown = positions[:50]
    errors = [{"loc": ["body", field, i], "msg": f"not a known {what}", "type": "unknown-id"} for i in shown]
    return ProblemError(
        422,
        "Unprocessable content",
        f"{len(positions)} id(s) in '{field}' are not a known {what}.",
        slug="unknown-id",
        errors=errors,
    )
