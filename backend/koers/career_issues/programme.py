"""Running a programme (issue 3): start trajectories in bulk, the programme dashboard, the mobility matrix.

Everything here is set-based: a bulk start costs the same handful of statements for 3 employees or 3,000,
and the dashboard is a fixed number of aggregate queries whatever the programme's size.
"""

from __future__ import annotations

import heapq
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, cast, exists, func, insert, literal_column, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from koers.career_issues.models import (
    BulkStartRequest,
    BulkStartResult,
    CareerIssue,
    CareerIssueDashboard,
    CareerIssueEmployee,
    CoachFigures,
    MobilityMatrix,
    ProgrammeFigures,
    SkippedEmployee,
    SkipReason,
)
from koers.career_issues.service import require_not_closed, unknown_ids
from koers.coaching.models import CoachingSession
from koers.core.db import new_id, utcnow
from koers.core.errors import Conflict
from koers.employees.models import Employee, EmploymentStatus
from koers.organisations.models import Membership, MembershipRole
from koers.trajectories.models import (
    OPEN_STATUSES,
    EventField,
    Outcome,
    Phase,
    Trajectory,
    TrajectoryEvent,
    TrajectoryStatus,
)
from koers.users.models import User

SCALE = range(1, 6)  # mobility willingness and capacity are scored 1-5
PLACEMENTS = (Outcome.internal_move, Outcome.external_placement)

# --- Bulk start -------------------------------------------------------------------------------------------------


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
        coaches = assign_coaches(chosen, coach_ids, _open_load(session, issue.organisation_id, coach_ids))
        _insert(session, actor_id, issue, data, chosen, coaches)
    return BulkStartResult(started=len(chosen), skipped=skipped)


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


# --- Dashboard --------------------------------------------------------------------------------------------------


def _days_to_close(dialect: str) -> ColumnElement[Any]:
    """Whole days from the start (``start_date``, else the UTC creation date) to the UTC date of closing."""
    if dialect == "sqlite":
        # SQLite stores UTC timestamps as text; date() takes their calendar day, julianday() counts days.
        start = func.coalesce(col(Trajectory.start_date), func.date(col(Trajectory.created_at)))
        return cast(func.julianday(func.date(col(Trajectory.closed_at))) - func.julianday(start), Integer)
    start = func.coalesce(col(Trajectory.start_date), cast(func.timezone("UTC", col(Trajectory.created_at)), Date))
    return cast(func.timezone("UTC", col(Trajectory.closed_at)), Date) - start


def _median_query(dialect: str, issue_id: uuid.UUID) -> Select[Any]:
    """Medians of days-to-close in one statement, for four groupings: (coach, outcome), coach, outcome, all.

    Portable median (SQLite and PostgreSQL): number the rows of each group by ``days`` and average the one
    or two middle rows, ``rn IN ((n + 1) / 2, (n + 2) / 2)`` with integer division."""
    days = _days_to_close(dialect).label("days")
    coach, outcome = col(Trajectory.coach_id), col(Trajectory.outcome)

    def numbered(*partition: Any) -> tuple[Any, Any]:
        return (
            func.row_number().over(partition_by=partition or None, order_by=days),
            func.count().over(partition_by=partition or None),
        )

    groups = {"co": (coach, outcome), "c": (coach,), "o": (outcome,), "a": ()}
    columns: list[Any] = [coach.label("coach_id"), outcome.label("outcome"), days]
    for name, partition in groups.items():
        rn, n = numbered(*partition)
        columns += [rn.label(f"rn_{name}"), n.label(f"n_{name}")]
    ranked = (
        select(*columns)
        .where(
            col(Trajectory.career_issue_id) == issue_id,
            col(Trajectory.status) == TrajectoryStatus.closed,
            col(Trajectory.closed_at).is_not(None),
        )
        .cte("ranked")
    )

    def middle(name: str) -> ColumnElement[bool]:
        rn, n = ranked.c[f"rn_{name}"], ranked.c[f"n_{name}"]
        return rn.in_([(n + 1) // 2, (n + 2) // 2])

    none: Any = literal_column("NULL")
    median = func.avg(ranked.c.days)
    parts: list[Any] = [
        # The first branch carries real column types, so ids and enums load the same way in every branch.
        select(literal_column("'co'").label("grp"), ranked.c.coach_id, ranked.c.outcome, median.label("median"))
        .where(middle("co"))
        .group_by(ranked.c.coach_id, ranked.c.outcome),
        select(literal_column("'c'"), ranked.c.coach_id, none, median).where(middle("c")).group_by(ranked.c.coach_id),
        select(literal_column("'o'"), none, ranked.c.outcome, median).where(middle("o")).group_by(ranked.c.outcome),
        select(literal_column("'a'"), none, none, median).where(middle("a")),
    ]
    return union_all(*parts)  # type: ignore[return-value]


@dataclass
class _Tally:
    """Counts of one set of trajectories, rolled up from grouped rows (a bounded number, not per trajectory)."""

    by_phase: dict[Phase, int] = field(default_factory=lambda: dict.fromkeys(Phase, 0))
    by_status: dict[TrajectoryStatus, int] = field(default_factory=lambda: dict.fromkeys(TrajectoryStatus, 0))
    outcomes: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    planned_hours: Decimal = Decimal(0)
    # Hours and other per-coach sums from further grouped queries are merged here (see ``dashboard``).

    def add(self, phase: Phase, status: TrajectoryStatus, outcome: Outcome | None, n: int, hours: Any) -> None:
        self.by_phase[phase] += n
        self.by_status[status] += n
        if outcome is not None:
            self.outcomes[outcome] += n
        self.planned_hours += Decimal(str(hours or 0))

    def figures(self, medians: dict[Outcome | None, float]) -> dict[str, Any]:
        closed = self.by_status[TrajectoryStatus.closed]
        placed = sum(self.outcomes[o] for o in PLACEMENTS)
        return {
            "trajectories": sum(self.by_status.values()),
            "by_phase": self.by_phase,
            "by_status": self.by_status,
            "outcomes": self.outcomes,
            "closed": closed,
            "placement_rate": placed / closed if closed else None,
            "median_days_to_close": medians.get(None),
            "median_days_to_close_by_outcome": {o: medians.get(o) for o in Outcome},
            "planned_hours": float(self.planned_hours),
        }


def dashboard(session: Session, issue: CareerIssue) -> CareerIssueDashboard:
    """The programme's figures (see ``ProgrammeFigures``), overall and per coach, in four queries whatever
    the programme's size: affected employees; trajectories grouped by coach, phase, status and outcome (with
    planned hours); session minutes per coach (hours used); medians of days to close (:func:`_median_query`).

    Phase and status counts cover every trajectory of the programme (closed ones keep their last phase).
    Placement rate = (internal_move + external_placement) / closed (issue 3). Per-coach figures list the
    coaches with at least one trajectory in the programme, by name then id."""
    dialect = session.get_bind().dialect.name
    affected = session.exec(
        select(func.count()).select_from(CareerIssueEmployee).where(CareerIssueEmployee.career_issue_id == issue.id)
    ).one()
    grouped = session.execute(
        sa_select(
            col(Trajectory.coach_id),
            col(User.full_name),
            col(Trajectory.phase),
            col(Trajectory.status),
            col(Trajectory.outcome),
            func.count(),
            func.sum(col(Trajectory.planned_hours)),
        )
        .join(User, col(User.id) == col(Trajectory.coach_id))
        .where(col(Trajectory.career_issue_id) == issue.id)
        .group_by(
            col(Trajectory.coach_id),
            col(User.full_name),
            col(Trajectory.phase),
            col(Trajectory.status),
            col(Trajectory.outcome),
        )
    ).all()
    medians: dict[uuid.UUID | None, dict[Outcome | None, float]] = defaultdict(dict)
    for grp, coach_id, outcome, value in session.execute(_median_query(dialect, issue.id)).all():
        coach = _as_uuid(coach_id) if grp in ("co", "c") else None
        key = Outcome(outcome) if grp in ("co", "o") and outcome is not None else None
        if value is None or (grp in ("co", "o") and outcome is None):
            continue  # no closed trajectory (the ungrouped branch still yields a row), or one without outcome
        medians[coach][key] = float(value)

    # Hours used (issue 5): session minutes per coach of the trajectory, one grouped query.
    used_minutes = {
        _as_uuid(coach_id): int(minutes or 0)
        for coach_id, minutes in session.execute(
            sa_select(col(Trajectory.coach_id), func.sum(col(CoachingSession.duration_minutes)))
            .join(CoachingSession, col(CoachingSession.trajectory_id) == col(Trajectory.id))
            .where(col(Trajectory.career_issue_id) == issue.id)
            .group_by(col(Trajectory.coach_id))
        ).all()
    }

    total = _Tally()
    per_coach: dict[uuid.UUID, tuple[str, _Tally]] = {}
    for coach_id, name, phase, status, outcome, n, hours in grouped:
        total.add(phase, status, outcome, int(n), hours)
        per_coach.setdefault(coach_id, (name, _Tally()))[1].add(phase, status, outcome, int(n), hours)
    coaches = [
        CoachFigures(
            coach_id=coach_id,
            coach_name=name,
            used_hours=round(used_minutes.get(coach_id, 0) / 60, 2),
            **tally.figures(medians.get(coach_id, {})),
        )
        for coach_id, (name, tally) in sorted(per_coach.items(), key=lambda item: (item[1][0], str(item[0])))
    ]
    return CareerIssueDashboard(
        career_issue_id=issue.id,
        affected_employees=int(affected),
        per_coach=coaches,
        **ProgrammeFigures(
            used_hours=round(sum(used_minutes.values()) / 60, 2), **total.figures(medians.get(None, {}))
        ).model_dump(),
    )


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# --- Mobility matrix --------------------------------------------------------------------------------------------


def mobility_matrix(
    session: Session,
    organisation_id: uuid.UUID,
    *,
    department: str | None = None,
    career_issue_id: uuid.UUID | None = None,
    employment_status: EmploymentStatus | None = None,
) -> MobilityMatrix:
    """The 5x5 grid of mobility willingness x mobility capacity (seed: sustainable employability) over the
    organisation's employees, in one GROUP BY query.

    ``counts[w-1][c-1]`` counts employees scored ``w`` and ``c``; an employee missing either score (or with
    a score outside 1-5) counts as ``unassessed``. Filters narrow the employees: ``department`` (exact),
    ``career_issue_id`` (its affected employees; another organisation's issue matches nobody),
    ``employment_status``."""
    w, c = col(Employee.mobility_willingness), col(Employee.mobility_capacity)
    query = select(w, c, func.count()).where(col(Employee.organisation_id) == organisation_id).group_by(w, c)
    if department is not None:
        query = query.where(col(Employee.department) == department)
    if employment_status is not None:
        query = query.where(col(Employee.employment_status) == employment_status)
    if career_issue_id is not None:
        query = query.where(
            exists().where(
                col(CareerIssueEmployee.career_issue_id) == career_issue_id,
                col(CareerIssueEmployee.employee_id) == col(Employee.id),
            )
        )
    counts = [[0] * len(SCALE) for _ in SCALE]
    unassessed = total = 0
    for willingness, capacity, n in session.exec(query).all():
        total += n
        if isinstance(willingness, int) and isinstance(capacity, int) and willingness in SCALE and capacity in SCALE:
            counts[willingness - 1][capacity - 1] += n
        else:
            unassessed += n
    return MobilityMatrix(counts=counts, unassessed=unassessed, total=total)


__all__ = ["assign_coaches", "dashboard", "mobility_matrix", "start_trajectories"]
