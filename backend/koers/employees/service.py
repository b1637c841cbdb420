"""Employees: scoped reads (HR: their organisations; coach: the clients they coach), writes by HR."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Select
from sqlmodel import Session, col, select

from koers.core.auth import Principal
from koers.core.concurrency import apply_changes
from koers.core.errors import Conflict, NotFound, Unprocessable
from koers.employees.models import Employee, EmployeeCreate, EmployeeUpdate
from koers.employees.names import sort_key, split_particle
from koers.trajectories.models import OPEN_STATUSES, Trajectory

REQUIRED = {"employee_number", "given_name", "family_name", "employment_status"}


def normalise_names(values: dict[str, Any]) -> dict[str, Any]:
    """Split a particle out of ``family_name`` when no ``family_name_prefix`` is given."""
    if values.get("family_name") and not values.get("family_name_prefix"):
        prefix, family = split_particle(values["family_name"])
        if prefix:
            values["family_name_prefix"], values["family_name"] = prefix, family
    return values


def scope_query(query: Select[Any], principal: Principal) -> Select[Any]:
    """Limit an employee query to what the principal may see — the same rule as :func:`visible_employee`:
    admins everything, HR their organisations, a coach the employees they coach in organisations where they
    still hold a coach membership. The coached-employees branch is only added for coaches: on PostgreSQL
    its ``EXISTS`` otherwise inflates the planner's row estimate for HR lists (see bench/README.md)."""
    if principal.is_admin:
        return query
    conditions: list[ColumnElement[bool]] = []
    hr_orgs = list(principal.hr_orgs)
    if hr_orgs:
        conditions.append(col(Employee.organisation_id).in_(hr_orgs))
    coach_orgs = list(principal.coach_orgs)
    if coach_orgs:
        coached = exists().where(
            col(Trajectory.employee_id) == col(Employee.id),
            col(Trajectory.coach_id) == principal.id,
        )
        conditions.append(and_(col(Employee.organisation_id).in_(coach_orgs), coached))
    return query.where(or_(*conditions) if conditions else false())


def visible_employee(session: Session, principal: Principal, employee_id: uuid.UUID) -> Employee:
    """The employee if the principal may see it (admin, the organisation's HR, or a coach of one of the
    employee's trajectories in an organisation where they are still a coach); else 404."""
    employee = session.get(Employee, employee_id)
    if employee is None:
        raise NotFound("Employee")
    if principal.is_hr_of(employee.organisation_id):
        return employee
    if employee.organisation_id in principal.coach_orgs:
        coached = session.exec(
            select(Trajectory.id).where(Trajectory.employee_id == employee.id, Trajectory.coach_id == principal.id)
        ).first()
        if coached is not None:
            return employee
    raise NotFound("Employee")


def sees_full_record(principal: Principal, employee: Employee) -> bool:
    return principal.is_hr_of(employee.organisation_id)


def _flush(session: Session) -> None:
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        raise Conflict(
            "An employee with this employee number already exists in the organisation.",
            slug="duplicate-employee-number",
        ) from exc


def create_employee(session: Session, organisation_id: uuid.UUID, data: EmployeeCreate) -> Employee:
    values = normalise_names(data.model_dump())
    values["email"] = str(values["email"]) if values.get("email") else None
    employee = Employee(
        organisation_id=organisation_id,
        sort_name=sort_key(values["family_name"], values["given_name"]),
        **values,
    )
    session.add(employee)
    _flush(session)
    return employee


def update_employee(session: Session, employee: Employee, data: EmployeeUpdate, if_match: str | None) -> Employee:
    """Apply a partial update. Required fields cannot be set to null (422); a taken employee number is 409."""
    changes = data.model_dump(exclude_unset=True)
    for key in REQUIRED & set(changes):
        if changes[key] is None:
            raise Unprocessable(f"'{key}' cannot be null.", field=key)
    if "family_name" in changes and "family_name_prefix" not in changes:
        changes = normalise_names(changes)
        changes.setdefault("family_name_prefix", employee.family_name_prefix)
    if "email" in changes and changes["email"] is not None:
        changes["email"] = str(changes["email"])
    if {"family_name", "given_name"} & set(changes):
        changes["sort_name"] = sort_key(
            changes.get("family_name", employee.family_name), changes.get("given_name", employee.given_name)
        )
    if changes:
        try:
            with session.begin_nested():
                apply_changes(session, employee, changes, if_match)
        except IntegrityError as exc:
            raise Conflict(
                "An employee with this employee number already exists in the organisation.",
                slug="duplicate-employee-number",
            ) from exc
    return employee


def delete_employee(session: Session, employee: Employee) -> None:
    """Erase an employee and their trajectories (GDPR art. 17). 409 while a trajectory is open."""
    open_one = session.exec(
        select(Trajectory.id).where(
            Trajectory.employee_id == employee.id,
            Trajectory.status.in_(OPEN_STATUSES),  # type: ignore[attr-defined]
        )
    ).first()
    if open_one is not None:
        raise Conflict("The employee has an open trajectory; close it first.", slug="open-trajectory")
    session.delete(employee)
    session.flush()
