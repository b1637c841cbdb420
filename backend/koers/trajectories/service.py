"""Trajectories: who may see them, creating, editing, the state machine's transitions and the event history.

Access (issue 2): an admin sees every trajectory; HR the trajectories of their organisations; a coach the
trajectories they coach, in the organisations where they still hold a coach membership. Anything else is a
404, exactly like an id that does not exist. The rule lives in :func:`visible_trajectory` (one object) and
:func:`scope_query` (lists) only.

Edits (``PATCH``): HR and admins may change coach, coaching type, career issue, planned hours and dates;
the trajectory's own coach only the coaching type (the client's question is often "disguised" and changes
during the trajectory, seed 1.1) and the dates. A closed trajectory cannot change (409).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Select
from sqlmodel import Session, col, select

from koers.career_issues.models import CareerIssue
from koers.core.auth import Principal
from koers.core.concurrency import apply_changes, check_if_match
from koers.core.db import utcnow
from koers.core.errors import Conflict, Forbidden, NotFound, Unprocessable
from koers.employees.models import Employee
from koers.organisations.models import Membership, MembershipRole
from koers.trajectories import states
from koers.trajectories.models import (
    OPEN_STATUSES,
    EventField,
    Trajectory,
    TrajectoryCreate,
    TrajectoryEvent,
    TrajectoryStatus,
    TrajectoryUpdate,
    TransitionRequest,
)

# Fields the trajectory's own coach may change with PATCH (HR and admins may change every field).
COACH_EDITABLE = frozenset({"coaching_type", "start_date", "end_date", "reason"})


def _is_own_coach(principal: Principal, trajectory: Trajectory) -> bool:
    return trajectory.coach_id == principal.id and trajectory.organisation_id in principal.coach_orgs


def visible_trajectory(session: Session, principal: Principal, trajectory_id: uuid.UUID) -> Trajectory:
    """The trajectory if the principal has a role for it under :func:`koers.visibility.role_of` (the one
    access rule): its coach while they hold a coach membership in its organisation, its client, an admin, or
    the organisation's HR. Raises ``NotFound`` (404) otherwise, the same answer as for a missing id."""
    from koers.visibility import role_of

    trajectory = session.get(Trajectory, trajectory_id)
    if trajectory is None or role_of(principal, trajectory) is None:
        raise NotFound("Trajectory")
    return trajectory


def scope_query(query: Select[Any], principal: Principal) -> Select[Any]:
    """Limit a query over ``Trajectory`` to what :func:`visible_trajectory` allows: admins everything, HR
    their organisations, a coach their own trajectories in organisations where they are still a coach
    ("my caseload", across organisations)."""
    if principal.is_admin:
        return query
    conditions: list[ColumnElement[bool]] = []
    hr_orgs = list(principal.hr_orgs)
    if hr_orgs:
        conditions.append(col(Trajectory.organisation_id).in_(hr_orgs))
    coach_orgs = list(principal.coach_orgs)
    if coach_orgs:
        conditions.append(
            and_(col(Trajectory.coach_id) == principal.id, col(Trajectory.organisation_id).in_(coach_orgs))
        )
    if principal.client_employee_ids:  # a client: their own trajectories only (issue 5)
        conditions.append(col(Trajectory.employee_id).in_(list(principal.client_employee_ids)))
    return query.where(or_(*conditions) if conditions else false())


def may_manage(principal: Principal, trajectory: Trajectory) -> bool:
    """Whether the principal may move the trajectory through the state machine: admins, the organisation's
    HR and the trajectory's own coach."""
    return principal.is_hr_of(trajectory.organisation_id) or _is_own_coach(principal, trajectory)


def record_event(
    session: Session,
    trajectory: Trajectory,
    field: EventField,
    from_value: str | None,
    to_value: str | None,
    actor_id: uuid.UUID | None,
    reason: str | None = None,
    *,
    at: datetime | None = None,
) -> TrajectoryEvent:
    """Add one event (who, when, which field, from, to, why) to the trajectory's history. ``at`` is a UTC
    time (default now). Values are the enum values or ids as text. Only adds; the caller flushes."""
    event = TrajectoryEvent(
        trajectory_id=trajectory.id,
        actor_id=actor_id,
        occurred_at=at or utcnow(),
        field=field,
        from_value=from_value,
        to_value=to_value,
        reason=reason or None,
    )
    session.add(event)
    return event


def _record_all(
    session: Session,
    trajectory: Trajectory,
    changes: list[tuple[EventField, str | None, str | None]],
    actor_id: uuid.UUID | None,
    reason: str | None,
) -> None:
    # Events of one request share its time, one microsecond apart, so "oldest first" keeps their order.
    now = utcnow()
    for i, (field, old, new) in enumerate(changes):
        record_event(session, trajectory, field, old, new, actor_id, reason, at=now + timedelta(microseconds=i))


def is_coach_of(session: Session, user_id: uuid.UUID, organisation_id: uuid.UUID) -> bool:
    """Whether the user holds a ``coach`` membership in the organisation and is an active user."""
    from koers.users.models import User

    row = session.exec(
        select(Membership.id)
        .join(User, col(User.id) == Membership.user_id)
        .where(
            Membership.user_id == user_id,
            Membership.organisation_id == organisation_id,
            Membership.role == MembershipRole.coach,
            col(User.is_active).is_(True),
        )
    ).first()
    return row is not None


def _check_coach(session: Session, coach_id: uuid.UUID, organisation_id: uuid.UUID, employee_id: uuid.UUID) -> None:
    """422 (``coach_id``) unless the user is an active coach of the organisation and not the client of this
    employee (a client coaching their own trajectory would read their coach's confidential notes)."""
    from koers.coaching.models import ClientAccount

    if not is_coach_of(session, coach_id, organisation_id):
        # Same answer whether the user does not exist, is inactive, or is not a coach here.
        raise Unprocessable("The coach must be an active coach of the employee's organisation.", field="coach_id")
    if session.get(ClientAccount, (coach_id, employee_id)) is not None:
        raise Unprocessable("A client cannot coach their own trajectory.", field="coach_id")


def _check_career_issue(session: Session, career_issue_id: uuid.UUID, organisation_id: uuid.UUID) -> None:
    issue = session.get(CareerIssue, career_issue_id)
    if issue is None or issue.organisation_id != organisation_id:
        # Same answer for a missing issue and one of another organisation.
        raise Unprocessable("No such career issue in the employee's organisation.", field="career_issue_id")


def _open_conflict() -> Conflict:
    return Conflict(
        "The employee already has an open trajectory (proposed, active or paused); close it first.",
        slug="open-trajectory-exists",
    )


def create_trajectory(session: Session, actor_id: uuid.UUID, data: TrajectoryCreate) -> Trajectory:
    """Start a trajectory (status ``proposed``, phase ``intake``) and record its ``created`` event.

    The caller has checked that the employee exists and that the actor is HR of its organisation (or an
    admin). Raises 404 when the employee does not exist, 422 (``coach_id``) when the coach is not an active
    coach of the employee's organisation, 422 (``career_issue_id``) when the career issue is not one of that
    organisation's, and 409 ``open-trajectory-exists`` when the employee already has an open trajectory
    (also enforced by a partial unique index, whose violation gives the same 409).
    """
    employee = session.get(Employee, data.employee_id)
    if employee is None:
        raise NotFound("Employee")
    org_id = employee.organisation_id
    _check_coach(session, data.coach_id, org_id, data.employee_id)
    if data.career_issue_id is not None:
        _check_career_issue(session, data.career_issue_id, org_id)
    open_one = session.exec(
        select(Trajectory.id).where(Trajectory.employee_id == employee.id, col(Trajectory.status).in_(OPEN_STATUSES))
    ).first()
    if open_one is not None:
        raise _open_conflict()
    trajectory = Trajectory(organisation_id=org_id, **data.model_dump())
    try:
        with session.begin_nested():
            session.add(trajectory)
            session.flush()
    except IntegrityError as exc:
        raise _open_conflict() from exc
    record_event(session, trajectory, EventField.created, None, trajectory.status.value, actor_id)
    session.flush()
    return trajectory


def transition(
    session: Session,
    principal: Principal,
    trajectory: Trajectory,
    request: TransitionRequest,
    if_match: str | None,
) -> Trajectory:
    """Move the trajectory through the state machine (``states.plan``: order, rules and errors).

    Only admins, the organisation's HR and the trajectory's own coach may (403 for anyone else who can see
    it). On starting (proposed → active) an empty ``start_date`` becomes today (UTC). On closing,
    ``closed_at`` becomes now (UTC) and an empty ``end_date`` today (UTC; the start date if that is later). Records
    one event per changed field (phase, status, outcome) with the reason. Raises 412 on a stale ``If-Match``,
    409/422 as ``states.plan`` does.
    """
    if not may_manage(principal, trajectory):
        raise Forbidden("Only the trajectory's coach, the organisation's HR or an administrator may do this.")
    check_if_match(if_match, trajectory.version)
    reason = request.reason or None
    changes = states.plan(
        trajectory.phase,
        trajectory.status,
        to_phase=request.phase,
        to_status=request.status,
        outcome=request.outcome,
        reason=reason,
    )
    values: dict[str, Any] = {}
    if request.phase is not None:
        values["phase"] = request.phase
    if request.status is not None:
        values["status"] = request.status
    today = utcnow().date()
    starting = trajectory.status == TrajectoryStatus.proposed and request.status == TrajectoryStatus.active
    if starting and trajectory.start_date is None:
        values["start_date"] = today
    if request.status == TrajectoryStatus.closed:
        values["outcome"] = request.outcome
        values["closed_at"] = utcnow()
        if trajectory.end_date is None:
            # Never before the (planned) start: a trajectory closed before it began ends on its start date.
            values["end_date"] = max(today, trajectory.start_date or today)
    apply_changes(session, trajectory, values, if_match)
    _record_all(session, trajectory, [(c.field, c.from_value, c.to_value) for c in changes], principal.id, reason)
    session.flush()
    return trajectory


def update_trajectory(
    session: Session,
    principal: Principal,
    trajectory: Trajectory,
    data: TrajectoryUpdate,
    if_match: str | None,
) -> Trajectory:
    """Apply a partial update (``PATCH``) outside the state machine.

    HR and admins may change every field; the trajectory's own coach only ``coaching_type`` and the dates
    (403 otherwise). ``coach_id`` and ``coaching_type`` cannot be null (422); a new coach must be an active
    coach of the organisation (422 ``coach_id``); a career issue must be one of the organisation's (422
    ``career_issue_id``); ``end_date`` may not be before ``start_date`` (422). A closed trajectory cannot
    change (409 ``trajectory-closed``). Coach and coaching-type changes are recorded as events with the
    optional ``reason``. Raises 412 on a stale ``If-Match``.
    """
    changes = data.model_dump(exclude_unset=True)
    reason = changes.pop("reason", None) or None
    if not principal.is_hr_of(trajectory.organisation_id):
        if not _is_own_coach(principal, trajectory):
            raise Forbidden("Only the organisation's HR or an administrator may change this trajectory.")
        refused = sorted(set(changes) - COACH_EDITABLE)
        if refused:
            raise Forbidden(f"A coach may change only the coaching type and the dates, not: {', '.join(refused)}.")
    if trajectory.status == TrajectoryStatus.closed and changes:
        raise Conflict("The trajectory is closed and can no longer change.", slug="trajectory-closed")
    for key in ("coach_id", "coaching_type"):
        if key in changes and changes[key] is None:
            raise Unprocessable(f"'{key}' cannot be null.", field=key)
    # Drop values equal to the current ones: no version bump, no event for a no-op.
    changes = {k: v for k, v in changes.items() if getattr(trajectory, k) != v}
    start: date | None = changes.get("start_date", trajectory.start_date)
    end: date | None = changes.get("end_date", trajectory.end_date)
    if start and end and end < start:
        raise Unprocessable("end_date must not be before start_date.", field="end_date")
    if changes.get("coach_id") is not None:
        _check_coach(session, changes["coach_id"], trajectory.organisation_id, trajectory.employee_id)
    if changes.get("career_issue_id") is not None:
        _check_career_issue(session, changes["career_issue_id"], trajectory.organisation_id)
    if not changes:
        check_if_match(if_match, trajectory.version)
        return trajectory
    events: list[tuple[EventField, str | None, str | None]] = []
    if "coach_id" in changes:
        events.append((EventField.coach, str(trajectory.coach_id), str(changes["coach_id"])))
    if "coaching_type" in changes:
        events.append((EventField.coaching_type, trajectory.coaching_type.value, changes["coaching_type"].value))
    apply_changes(session, trajectory, changes, if_match)
    _record_all(session, trajectory, events, principal.id, reason)
    session.flush()
    return trajectory


def delete_trajectory(session: Session, principal: Principal, trajectory: Trajectory) -> None:
    """Delete a trajectory that is still ``proposed`` (admins and the organisation's HR; 403 for its coach).
    Raises 409 ``trajectory-not-proposed`` once it has started: from then on it is history, closed instead."""
    if not principal.is_hr_of(trajectory.organisation_id):
        raise Forbidden("Only the organisation's HR or an administrator may delete a trajectory.")
    if trajectory.status != TrajectoryStatus.proposed:
        raise Conflict(
            f"Only a proposed trajectory can be deleted; this one is '{trajectory.status.value}'. Close it instead.",
            slug="trajectory-not-proposed",
        )
    session.delete(trajectory)
    session.flush()
