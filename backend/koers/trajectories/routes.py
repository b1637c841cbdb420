"""HTTP routes: trajectories, their transitions (the state machine) and their event history.

Every route finds its trajectory through ``service.visible_trajectory`` and every list through
``service.scope_query``: another organisation's trajectory answers 404 like an id that does not exist.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any, cast

from fastapi import APIRouter, Query, Response, status
from sqlalchemy import Date, func, literal, select
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from koers.core.auth import CurrentPrincipal
from koers.core.concurrency import IfMatch, set_etag
from koers.core.db import SessionDep
from koers.core.errors import Forbidden, NotFound, Problem, Unprocessable
from koers.core.pagination import Cursor, Limit, Page, SortKey, paginate, parse_sort
from koers.core.schemas import SearchText
from koers.employees.models import Employee
from koers.employees.names import sort_key
from koers.trajectories import service
from koers.trajectories.models import (
    CoachingType,
    Outcome,
    Phase,
    Trajectory,
    TrajectoryClient,
    TrajectoryCoach,
    TrajectoryCreate,
    TrajectoryEvent,
    TrajectoryEventItem,
    TrajectoryItem,
    TrajectoryStatus,
    TrajectoryUpdate,
    TransitionRequest,
)
from koers.users.models import User
from koers.visibility import role_of

router = APIRouter(tags=["trajectories"])


def _problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem-details answers a route gives besides 401 and 422."""
    return {code: {"model": Problem} for code in codes}


# A trajectory without a start date sorts after every dated one (ascending): it is not planned yet.
NO_START = date(9999, 12, 31)
_start_sort = func.coalesce(col(Trajectory.start_date), literal(NO_START, Date))

TRAJECTORY_SORTS = {
    "created_at": SortKey("created_at", (col(Trajectory.created_at),), kind="datetime"),
    "updated_at": SortKey("updated_at", (col(Trajectory.updated_at),), kind="datetime"),
    "start_date": SortKey("start_date", (_start_sort,), kind="date"),
    "client_name": SortKey("client_name", (col(Employee.sort_name),)),
}

# The list's columns besides the trajectory itself: the client's basic identity and the coach's name.
_CLIENT_COLUMNS = (
    col(Employee.employee_number),
    col(Employee.given_name),
    col(Employee.family_name_prefix),
    col(Employee.family_name),
    col(Employee.department),
    col(Employee.sort_name),
    col(User.full_name),
)


def _joined() -> Select[Any]:
    query = (
        select(Trajectory, *_CLIENT_COLUMNS)
        .join(Employee, col(Employee.id) == Trajectory.employee_id)
        .join(User, col(User.id) == Trajectory.coach_id)
    )
    # core.pagination types its queries as one-column selects; rows are read positionally here.
    return cast("Select[Any]", query)


def _row_item(row: Any) -> TrajectoryItem:
    t: Trajectory = row[0]
    number, given, prefix, family, department, _sort_name, coach_name = row[1:]
    return TrajectoryItem.model_validate(
        {
            **t.model_dump(),
            "client": TrajectoryClient(
                id=t.employee_id,
                employee_number=number,
                given_name=given,
                family_name_prefix=prefix,
                family_name=family,
                department=department,
            ),
            "coach": TrajectoryCoach(id=t.coach_id, full_name=coach_name),
        }
    )


def _row_key(key: SortKey, row: Any) -> list[Any]:
    t: Trajectory = row[0]
    value: Any = {
        "created_at": t.created_at,
        "updated_at": t.updated_at,
        "start_date": t.start_date or NO_START,
        "client_name": row[6],
    }[key.name]
    return [value, t.id]


def _item(session: Session, trajectory: Trajectory) -> TrajectoryItem:
    """One trajectory with its client and coach (one statement)."""
    row = session.execute(_joined().where(col(Trajectory.id) == trajectory.id)).one()
    return _row_item(row)


@router.get("/trajectories", operation_id="list_trajectories", response_model=Page[TrajectoryItem])
def list_trajectories(
    principal: CurrentPrincipal,
    session: SessionDep,
    organisation_id: uuid.UUID | None = None,
    employee_id: uuid.UUID | None = None,
    coach_id: uuid.UUID | None = None,
    career_issue_id: uuid.UUID | None = None,
    phase: Phase | None = None,
    status: TrajectoryStatus | None = None,
    coaching_type: CoachingType | None = None,
    outcome: Outcome | None = None,
    q: Annotated[
        SearchText | None,
        Query(description="Search the client's name (accent- and case-insensitive) or employee number."),
    ] = None,
    sort: Annotated[
        str | None,
        Query(
            max_length=50,
            description="created_at, updated_at, start_date (undated last), client_name (family name, ignoring "
            "the particle); prefix '-' for descending. Default: -created_at (newest first).",
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[TrajectoryItem]:
    """Trajectories the caller may see, each with its client's basic identity and its coach's name.

    Admins see all, HR their organisations' trajectories, a coach their own caseload (across organisations
    where they are still a coach). Filters naming another organisation's objects simply match nothing.
    A page costs a fixed number of SQL statements whatever its size.
    """
    key, desc = parse_sort(sort, TRAJECTORY_SORTS, "-created_at")
    query = service.scope_query(_joined(), principal)
    filters = {
        Trajectory.organisation_id: organisation_id,
        Trajectory.employee_id: employee_id,
        Trajectory.coach_id: coach_id,
        Trajectory.career_issue_id: career_issue_id,
        Trajectory.phase: phase,
        Trajectory.status: status,
        Trajectory.coaching_type: coaching_type,
        Trajectory.outcome: outcome,
    }
    for column, value in filters.items():
        if value is not None:
            query = query.where(col(column) == value)
    if q:
        folded = sort_key(q, "").strip()
        query = query.where(
            col(Employee.sort_name).contains(folded, autoescape=True)
            | col(Employee.employee_number).startswith(q, autoescape=True)
        )
    rows, nxt = paginate(
        query,
        key,
        desc,
        col(Trajectory.id),
        limit,
        cursor,
        lambda q_: session.execute(q_).all(),
        lambda row: _row_key(key, row),
    )
    return Page(items=[_row_item(r) for r in rows], next_cursor=nxt)


@router.post(
    "/trajectories",
    operation_id="create_trajectory",
    response_model=TrajectoryItem,
    status_code=201,
    responses=_problems(403, 409),
)
def create_trajectory(
    body: TrajectoryCreate, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> TrajectoryItem:
    """Start a trajectory for an employee (admins and the HR of the employee's organisation): status
    ``proposed``, phase ``intake``. 422 when the employee, coach or career issue is not usable in that
    organisation (the same answer whether it is missing or another organisation's); 409
    ``open-trajectory-exists`` when the employee already has an open trajectory."""
    if not principal.is_admin and not principal.hr_orgs:
        raise Forbidden("Only HR or an administrator may start a trajectory.")
    employee = session.get(Employee, body.employee_id)
    if employee is None or not principal.is_hr_of(employee.organisation_id):
        raise Unprocessable("No such employee in your organisations.", field="employee_id")
    trajectory = service.create_trajectory(session, principal.id, body)
    set_etag(response, trajectory)
    response.headers["Location"] = f"/api/v1/trajectories/{trajectory.id}"
    return _item(session, trajectory)


@router.get(
    "/trajectories/{trajectory_id}",
    operation_id="read_trajectory",
    response_model=TrajectoryItem,
    responses=_problems(404),
)
def read_trajectory(
    trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, response: Response
) -> TrajectoryItem:
    """One trajectory with its client and coach (ETag for ``If-Match``)."""
    # One statement: the joined row is read once and koers.visibility.role_of (the rule of
    # service.visible_trajectory) applied to it; missing and invisible both answer 404.
    row = session.execute(_joined().where(col(Trajectory.id) == trajectory_id)).one_or_none()
    if row is None or role_of(principal, row[0]) is None:
        raise NotFound("Trajectory")
    set_etag(response, row[0])
    return _row_item(row)


@router.patch(
    "/trajectories/{trajectory_id}",
    operation_id="update_trajectory",
    response_model=TrajectoryItem,
    responses=_problems(403, 404, 409, 412),
)
def update_trajectory(
    trajectory_id: uuid.UUID,
    body: TrajectoryUpdate,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> TrajectoryItem:
    """Change coach, coaching type, career issue, planned hours or dates (HR and admins; the trajectory's
    coach only the coaching type and dates). Phase, status and outcome change only by transition. Coach and
    coaching-type changes are kept as events (with the optional ``reason``). 409 once closed; 412 when
    ``If-Match`` is stale."""
    trajectory = service.visible_trajectory(session, principal, trajectory_id)
    trajectory = service.update_trajectory(session, principal, trajectory, body, if_match)
    set_etag(response, trajectory)
    return _item(session, trajectory)


@router.delete(
    "/trajectories/{trajectory_id}",
    operation_id="delete_trajectory",
    status_code=204,
    responses=_problems(403, 404, 409),
)
def delete_trajectory(trajectory_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> Response:
    """Delete a trajectory that is still ``proposed`` (HR and admins); 409 once it has started."""
    trajectory = service.visible_trajectory(session, principal, trajectory_id)
    service.delete_trajectory(session, principal, trajectory)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/trajectories/{trajectory_id}/transitions",
    operation_id="transition_trajectory",
    response_model=TrajectoryItem,
    responses=_problems(403, 404, 409, 412),
)
def transition_trajectory(
    trajectory_id: uuid.UUID,
    body: TransitionRequest,
    principal: CurrentPrincipal,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> TrajectoryItem:
    """Change phase and/or status under the state machine (the trajectory's coach, HR, admins).

    Status: proposed→active|closed, active→paused|closed, paused→active|closed; closed is final. Phase
    (intake, self_analysis, market_orientation, action, aftercare) only while active: one step forward or
    back to an earlier phase with a ``reason``. A status change to active applies before a phase change,
    any other status change after it. Closing needs an ``outcome``. Illegal moves are 409
    ``illegal-transition`` naming from, to and the allowed moves; 412 when ``If-Match`` is stale."""
    trajectory = service.visible_trajectory(session, principal, trajectory_id)
    trajectory = service.transition(session, principal, trajectory, body, if_match)
    set_etag(response, trajectory)
    return _item(session, trajectory)


EVENT_SORT = SortKey("occurred_at", (col(TrajectoryEvent.occurred_at),), kind="datetime")


@router.get(
    "/trajectories/{trajectory_id}/events",
    operation_id="list_trajectory_events",
    response_model=Page[TrajectoryEventItem],
    responses=_problems(404),
)
def list_trajectory_events(
    trajectory_id: uuid.UUID,
    principal: CurrentPrincipal,
    session: SessionDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[TrajectoryEventItem]:
    """The trajectory's history, oldest first: who (actor id and name), when (UTC), which field
    (created, phase, status, outcome, coach, coaching_type), from, to and why."""
    trajectory = service.visible_trajectory(session, principal, trajectory_id)
    query = cast(
        "Select[Any]",
        select(TrajectoryEvent, col(User.full_name))
        .outerjoin(User, col(User.id) == TrajectoryEvent.actor_id)
        .where(col(TrajectoryEvent.trajectory_id) == trajectory.id),
    )
    rows, nxt = paginate(
        query,
        EVENT_SORT,
        False,
        col(TrajectoryEvent.id),
        limit,
        cursor,
        lambda q_: session.execute(q_).all(),
        lambda row: [row[0].occurred_at, row[0].id],
    )
    items = [TrajectoryEventItem.model_validate({**e.model_dump(), "actor_name": name}) for e, name in rows]
    return Page(items=items, next_cursor=nxt)
