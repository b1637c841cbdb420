"""Helpers for the career-issue tests: a programme's organisation, people and rows, made directly."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from koers.career_issues.models import CareerIssue, CareerIssueEmployee, CareerIssueFamily, CareerIssueKind
from koers.employees.models import Employee
from koers.organisations.models import Organisation
from koers.trajectories.models import CoachingType, Outcome, Phase, Trajectory, TrajectoryStatus
from tests.factories import Factory, Identity

API = "/api/v1"


@dataclass
class Org:
    org: Organisation
    hr: Identity
    coaches: list[Identity] = field(default_factory=list)

    @property
    def id(self) -> uuid.UUID:
        return self.org.id


def organisation(f: Factory, coaches: int = 0) -> Org:
    org = f.organisation()
    return Org(org, f.hr(org), [f.coach(org) for _ in range(coaches)])


def save(engine: Engine, *objs: Any) -> None:
    with Session(engine, expire_on_commit=False) as s:
        s.add_all(objs)
        s.commit()


def issue(engine: Engine, org: Organisation, **kw: Any) -> CareerIssue:
    values: dict[str, Any] = {
        "family": CareerIssueFamily.reorganisation,
        "kind": CareerIssueKind.forced_internal_mobility,
        "title": "Reorganisatie Finance",
    }
    values.update(kw)
    row = CareerIssue(organisation_id=org.id, **values)
    save(engine, row)
    return row


def enrol(engine: Engine, issue_: CareerIssue, *employees: Employee) -> None:
    save(engine, *(CareerIssueEmployee(career_issue_id=issue_.id, employee_id=e.id) for e in employees))


def trajectory(
    engine: Engine,
    issue_: CareerIssue | None,
    employee: Employee,
    coach: Identity,
    *,
    phase: Phase = Phase.intake,
    status: TrajectoryStatus = TrajectoryStatus.proposed,
    outcome: Outcome | None = None,
    planned_hours: Decimal | None = Decimal("10"),
    start_date: date | None = None,
    created_at: datetime | None = None,
    closed_at: datetime | None = None,
) -> Trajectory:
    row = Trajectory(
        organisation_id=employee.organisation_id,
        employee_id=employee.id,
        career_issue_id=issue_.id if issue_ else None,
        coach_id=coach.id,
        coaching_type=CoachingType.choice_guidance,
        phase=phase,
        status=status,
        outcome=outcome,
        planned_hours=planned_hours,
        start_date=start_date,
        closed_at=closed_at,
        created_at=created_at or datetime.now(UTC),
    )
    save(engine, row)
    return row


def median(values: list[float]) -> float | None:
    """The textbook median, computed independently of the SQL under test."""
    if not values:
        return None
    s = sorted(values)
    mid = len(s) // 2
    return float(s[mid]) if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
