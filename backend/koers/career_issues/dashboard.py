"""A programme's figures (issue 3): the career-issue dashboard and the mobility matrix.

Aggregate SQL only: the dashboard is a fixed number of grouped queries whatever the programme's size (a
test counts them), the matrix one GROUP BY. Medians are computed in SQL portably (window functions), since
``percentile_cont`` exists on PostgreSQL only.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, case, cast, exists, func, literal_column, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from koers.career_issues.models import (
    CareerIssue,
    CareerIssueDashboard,
    CareerIssueEmployee,
    CoachFigures,
    MobilityMatrix,
    ProgrammeFigures,
)
from koers.coaching.models import CoachingSession
from koers.employees.models import Employee, EmploymentStatus
from koers.trajectories.models import Outcome, Phase, Trajectory, TrajectoryStatus
from koers.users.models import User

SCALE = range(1, 6)  # mobility willingness and capacity are scored 1-5
PLACEMENTS = (Outcome.internal_move, Outcome.external_placement)


def _days_to_close(dialect: str) -> ColumnElement[Any]:
    """Whole days from the start (``start_date``, else the UTC creation date) to the UTC date of closing;
    0 when a trajectory was closed before its planned start (never negative)."""
    days: ColumnElement[Any]
    if dialect == "sqlite":
        # SQLite stores UTC timestamps as text; date() takes their calendar day, julianday() counts days.
        start = func.coalesce(col(Trajectory.start_date), func.date(col(Trajectory.created_at)))
        days = cast(func.julianday(func.date(col(Trajectory.closed_at))) - func.julianday(start), Integer)
    else:
        start = func.coalesce(col(Trajectory.start_date), cast(func.timezone("UTC", col(Trajectory.created_at)), Date))
        days = cast(func.timezone("UTC", col(Trajectory.closed_at)), Date) - start
    return case((days < 0, 0), else_=days)


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
        if coach_id not in per_coach:
            per_coach[coach_id] = (name, _Tally())
        per_coach[coach_id][1].add(phase, status, outcome, int(n), hours)
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


__all__ = ["dashboard", "mobility_matrix"]
