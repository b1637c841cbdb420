"""Running a programme (issue 3): start trajectories in bulk for a career issue's affected employees.

Set-based: a bulk start costs the same handful of statements for 3 employees or 3,000. The programme's
figures (dashboard, mobility matrix) are in ``career_issues.dashboard``.
"""

from __future__ import annotations

import heapq
import uuid
from typing import Any

from sqlalchemy import exists, func, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from koers.career_issues.models import (
    BulkStartRequest,
    BulkStartResult,
    CareerIssue,
    CareerIssueEmployee,
    SkippedEmployee,
    SkipReason,
)
from koers.career_issues.service import require_not_closed, unknown_ids
from koers.core.db import new_id, utcnow
from koers.core.errors import Conflict, Unprocessable
from koers.employees.models import Employee, EmploymentStatus
from koers.organisations.models import Membership, MembershipRole
from koers.trajectories.models import OPEN_STATUSES, EventField, Phase, Trajectory, TrajectoryEvent, TrajectoryStatus
from koers.users.models import User


def _active_coaches(session: Session, organisation_id: uuid.UUID, coach_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    rows = session.exec(
        select(Membership.user_id)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(
            col(Membership.organisation_id) == organisation_id,
            col(Membership.role) == MembershipRole.coach,
            col(Membership.user_id).in_(coach_ids),
            col(User.is_active).is_(True),
        )
    ).all()
    return set(rows)


def _open_load(session: Session, organisation_id: uuid.UUID, coach_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Open trajectories per coach in this organisation (the load HR sees and balances)."""
    rows = session.exec(
        select(Trajectory.coach_id, func.count())
        .where(
            col(Trajectory.organisation_id) == organisation_id,
            col(Trajectory.coach_id).in_(coach_ids),
            col(Trajectory.status).in_(OPEN_STATUSES),
        )
        .group_by(col(Trajectory.coach_id))
    ).all()
    return {coach: int(n) for coach, n in rows}


def assign_coaches(
    employee_ids: list[uuid.UUID], coach_ids: list[uuid.UUID], load: dict[uuid.UUID, int]
) -> list[uuid.UUID]:
    """Spread employees (in the given order) over coaches: each goes to the coach with the fewest open
    trajectories so far (current ``load`` plus those assigned now), ties to the coach named first.

    With equal starting loads this is plain round-robin; with unequal loads the lighter coaches catch up
    first. Returns one coach id per employee, in order."""
    heap = [(load.get(coach, 0), position, coach) for position, coach in enumerate(coach_ids)]
    heapq.heapify(heap)
    chosen: list[uuid.UUID] = []
    for _ in employee_ids:
        n, position, coach = heapq.heappop(heap)
        chosen.append(coach)
        heapq.heappush(heap, (n + 1, position, coach))
    return chosen


def start_trajectories(
    session: Session, actor_id: uuid.UUID, issue: CareerIssue, data: BulkStartRequest
) -> BulkStartResult:
    """Start one trajectory (status ``proposed``, phase ``intake``, with a ``created`` event) for each
    selected affected employee of ``issue``, all or nothing.

    Selected: ``data.employee_ids`` or, when absent, every affected employee. Skipped and reported (never
    duplicated): ids not in the issue's scope (``not_affected``; unknown and other organisations' ids alike),
    employees with an open trajectory (``open_trajectory``; at most one open trajectory at a time, issue 3),
    and employees whose ``employment_status`` is ``left`` (``employment_left``; ``leaving`` employees are
    started — outplacement is for them). Coaches are spread by :func:`assign_coaches` over the employees
    sorted by family name (particle ignored). Raises 422 naming the positions in ``coach_ids`` that are not
    active coaches of the organisation, 409 when the issue is closed or an open trajectory appeared
    concurrently (then nothing is written).
    """
    require_not_closed(issue)
    coach_ids = list(dict.fromkeys(data.coach_ids))
    valid = _active_coaches(session, issue.organisation_id, coach_ids)
    bad = [i for i, coach in enumerate(data.coach_ids) if coach not in valid]
    if bad:
        raise unknown_ids("coach_ids", bad, "active coach of this organisation")

    has_open = exists().where(
        col(Trajectory.employee_id) == col(Employee.id), col(Trajectory.status).in_(OPEN_STATUSES)
    )
    query = (
        select(Employee.id, Employee.employment_status, has_open.label("has_open"))
        .join(CareerIssueEmployee, col(CareerIssueEmployee.employee_id) == col(Employee.id))
        .where(col(CareerIssueEmployee.career_issue_id) == issue.id)
        .order_by(col(Employee.sort_name), col(Employee.id))
    )
    requested: list[uuid.UUID] | None = None
    if data.employee_ids is not None:
        requested = list(dict.fromkeys(data.employee_ids))
        query = query.where(col(Employee.id).in_(requested))
    rows = session.exec(query).all()

    skipped: list[SkippedEmployee] = []
    if requested is not None:
        affected = {row[0] for row in rows}
        skipped += [
            SkippedEmployee(employee_id=e, reason=SkipReason.not_affected) for e in requested if e not in affected
        ]
    chosen: list[uuid.UUID] = []
    for employee_id, status, open_one in rows:
        if open_one:
            skipped.append(SkippedEmployee(employee_id=employee_id, reason=SkipReason.open_trajectory))
        elif status == EmploymentStatus.left:
            skipped.append(SkippedEmployee(employee_id=employee_id, reason=SkipReason.employment_left))
        else:
            chosen.append(employee_id)
    if chosen:
        _refuse_clients_as_their_coach(session, chosen, data.coach_ids)
        coaches = assign_coaches(chosen, coach_ids, _open_load(session, issue.organisation_id, coach_ids))
        _insert(session, actor_id, issue, data, chosen, coaches)
    return BulkStartResult(started=len(chosen), skipped=skipped)


def _refuse_clients_as_their_coach(session: Session, employee_ids: list[uuid.UUID], coach_ids: list[uuid.UUID]) -> None:
    """422 (``coach_ids``) when a chosen coach is the client of a chosen employee: a client
    never coaches their own trajectory (they would read their coach's confidential notes; issue 5)."""
    from koers.coaching.models import ClientAccount

    clients = set(
        session.exec(
            select(ClientAccount.user_id).where(
                col(ClientAccount.user_id).in_(coach_ids), col(ClientAccount.employee_id).in_(employee_ids)
            )
        ).all()
    )
    if clients:
        raise Unprocessable("A client cannot coach their own trajectory.", field="coach_ids")


def _insert(
    session: Session,
    actor_id: uuid.UUID,
    issue: CareerIssue,
    data: BulkStartRequest,
    employees: list[uuid.UUID],
    coaches: list[uuid.UUID],
) -> None:
    # Set-based on purpose: one multi-row INSERT per table instead of one ORM object (and record_event call)
    # per trajectory. The ``created`` event has the same shape trajectories.service.create_trajectory writes.
    now = utcnow()
    trajectories: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for employee_id, coach_id in zip(employees, coaches, strict=True):
        trajectory_id = new_id()
        trajectories.append(
            {
                "id": trajectory_id,
                "organisation_id": issue.organisation_id,
                "employee_id": employee_id,
                "career_issue_id": issue.id,
                "coach_id": coach_id,
                "coaching_type": data.coaching_type,
                "phase": Phase.intake,
                "status": TrajectoryStatus.proposed,
                "outcome": None,
                "planned_hours": data.planned_hours,
                "start_date": data.start_date,
                "end_date": None,
                "closed_at": None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        events.append(
            {
                "id": new_id(),
                "trajectory_id": trajectory_id,
                "actor_id": actor_id,
                "occurred_at": now,
                "field": EventField.created,
                "from_value": None,
                "to_value": TrajectoryStatus.proposed.value,
                "reason": None,
            }
        )
    try:
        with session.begin_nested():
            session.execute(insert(Trajectory), trajectories)
            session.execute(insert(TrajectoryEvent), events)
    except IntegrityError as exc:  # the partial unique index: an open trajectory was started concurrently
        raise Conflict(
            "An employee got an open trajectory while starting; nothing was started. Try again.",
            slug="open-trajectory-exists",
        ) from exc


__all__ = ["assign_coaches", "start_trajectories"]
