"""Test data for trajectories: rows made directly (any status or phase), and a world of roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from koers.career_issues.models import CareerIssue, CareerIssueFamily, CareerIssueKind
from koers.employees.models import Employee
from koers.organisations.models import Membership, Organisation
from koers.trajectories.models import CoachingType, Trajectory
from koers.users.models import User
from tests.factories import Factory, Identity


def make_trajectory(
    f: Factory, org: Organisation, coach: User | Identity, employee: Employee | None = None, **kw: Any
) -> Trajectory:
    """A trajectory row in any state (no event history), bypassing the API."""
    employee = employee or f.employee(org)
    values: dict[str, Any] = {"coaching_type": CoachingType.choice_guidance}
    values.update(kw)
    coach_id = coach.id
    t = Trajectory(organisation_id=org.id, employee_id=employee.id, coach_id=coach_id, **values)
    f._save(t)
    return t


def make_issue(f: Factory, org: Organisation) -> CareerIssue:
    issue = CareerIssue(
        organisation_id=org.id,
        family=CareerIssueFamily.reorganisation,
        kind=CareerIssueKind.mobility_trajectory,
        title="Reorganisatie",
    )
    f._save(issue)
    return issue


def remove_memberships(f: Factory, user: User | Identity) -> None:
    with Session(f.engine) as s:
        for m in s.query(Membership).filter(Membership.user_id == user.id).all():  # type: ignore[arg-type]
            s.delete(m)
        s.commit()


def deactivate(f: Factory, user: User | Identity) -> None:
    with Session(f.engine) as s:
        u = s.get(User, user.id)
        assert u is not None
        u.is_active = False
        s.commit()


@dataclass
class World:
    """Organisation A holds ``trajectory`` (proposed) coached by ``coach``; B is another organisation."""

    org: Organisation
    other_org: Organisation
    admin: Identity
    hr: Identity
    other_hr: Identity
    coach: Identity
    other_coach: Identity
    foreign_coach: Identity
    removed_coach: Identity
    deactivated: Identity
    trajectory: Trajectory
    removed_coach_trajectory: Trajectory
    other_trajectory: Trajectory

    def role(self, name: str) -> Identity:
        return getattr(self, name)  # type: ignore[no-any-return]


ROLES = ("admin", "hr", "other_hr", "coach", "other_coach", "foreign_coach", "removed_coach", "deactivated")


def build_world(f: Factory) -> World:
    org, other = f.organisation(), f.organisation()
    coach = f.coach(org)
    removed = f.coach(org)
    foreign = f.coach(other)
    deactivated = f.hr(org)
    world = World(
        org=org,
        other_org=other,
        admin=f.admin(),
        hr=f.hr(org),
        other_hr=f.hr(other),
        coach=coach,
        other_coach=f.coach(org),
        foreign_coach=foreign,
        removed_coach=removed,
        deactivated=deactivated,
        trajectory=make_trajectory(f, org, coach),
        removed_coach_trajectory=make_trajectory(f, org, removed),
        other_trajectory=make_trajectory(f, other, foreign),
    )
    remove_memberships(f, removed)
    deactivate(f, deactivated)
    return world
