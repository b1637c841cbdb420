"""``koers demo`` fills an empty database with a consistent programme and refuses a non-empty one."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlmodel import select

from koers.career_issues.models import CareerIssueEmployee
from koers.coaching.models import CoachingSession
from koers.demo import generate
from koers.employees.models import Employee
from koers.trajectories.models import EventField, Trajectory, TrajectoryEvent, TrajectoryStatus


def test_demo_generates_a_programme_in_motion(session):
    creds = generate(session, seed=7)
    session.commit()
    assert [c.role for c in creds] == ["admin", "hr", "coach", "coach", "coach"]
    employees = session.exec(select(Employee)).all()
    assert len(employees) == 140
    assert any(e.family_name_prefix for e in employees), "Dutch particles expected"
    assert all(e.sort_name and e.sort_name[0] != " " for e in employees)
    trajectories = session.exec(select(Trajectory)).all()
    assert len(trajectories) == 30
    statuses = Counter(t.status for t in trajectories)
    assert statuses[TrajectoryStatus.closed] >= 3 and statuses[TrajectoryStatus.active] >= 10
    assert len({t.phase for t in trajectories}) >= 4
    assert len({t.coach_id for t in trajectories}) == 3
    for t in trajectories:
        assert (t.outcome is not None) == (t.status == TrajectoryStatus.closed)
        events = session.exec(select(TrajectoryEvent).where(TrajectoryEvent.trajectory_id == t.id)).all()
        assert events[0].field == EventField.created or any(e.field == EventField.created for e in events)
    enrolled = session.exec(select(CareerIssueEmployee)).all()
    assert len(enrolled) == 36
    sessions = session.exec(select(CoachingSession)).all()
    assert len(sessions) > 30 and {s.trajectory_id for s in sessions} <= {t.id for t in trajectories}
    assert all(s.starts_at.date() <= date.today() for s in sessions)


def test_demo_refuses_a_database_with_data(session, f):
    f.organisation()
    with pytest.raises(RuntimeError):
        generate(session)
