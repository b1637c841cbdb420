"""Running the programme: bulk start of trajectories (even spread, skips, all or nothing)."""

from __future__ import annotations

import uuid
from collections import Counter
from decimal import Decimal

from sqlmodel import col, select

from koers.career_issues.programme import assign_coaches
from koers.trajectories.models import EventField, Trajectory, TrajectoryEvent, TrajectoryStatus
from tests.career_issues.helpers import API, enrol, issue, organisation, trajectory


def _url(ci):
    return f"{API}/career-issues/{ci.id}/trajectories"


def _body(coaches, **kw):
    body = {"coaching_type": "choice_guidance", "planned_hours": 12.5, "coach_ids": [str(c.id) for c in coaches]}
    body.update(kw)
    return body


def _trajectories(session, ci) -> list[Trajectory]:
    session.expire_all()
    return list(session.exec(select(Trajectory).where(Trajectory.career_issue_id == ci.id)).all())


def test_start_spreads_coaches_round_robin_by_name(client, f, engine, session):
    o = organisation(f, coaches=3)
    ci = issue(engine, o.org)
    # created in an order unlike the name order, with particles
    names = [("de", "Zwart"), (None, "Bakker"), ("van der", "Akker"), (None, "Mulder"), ("van", "Dijk")]
    names += [(None, f"Jansen{i:02d}") for i in range(5)]
    employees = [f.employee(o.org, family_name_prefix=p, family_name=n) for p, n in names]
    enrol(engine, ci, *employees)

    r = client.post(_url(ci), json=_body(o.coaches, start_date="2027-02-01"), headers=o.hr.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"started": 10, "skipped": []}

    rows = _trajectories(session, ci)
    by_employee = {t.employee_id: t for t in rows}
    ordered = sorted(employees, key=lambda e: (e.sort_name, str(e.id)))
    expected = [o.coaches[i % 3].id for i in range(10)]
    assert [by_employee[e.id].coach_id for e in ordered] == expected
    assert Counter(t.coach_id for t in rows) == {o.coaches[0].id: 4, o.coaches[1].id: 3, o.coaches[2].id: 3}
    for t in rows:
        assert t.status == TrajectoryStatus.proposed and t.phase.value == "intake"
        assert t.planned_hours == Decimal("12.50") and str(t.start_date) == "2027-02-01"
        assert t.organisation_id == o.id and t.coaching_type.value == "choice_guidance"
    events = session.exec(
        select(TrajectoryEvent).where(col(TrajectoryEvent.trajectory_id).in_([t.id for t in rows]))
    ).all()
    assert len(events) == 10
    assert {(e.field, e.from_value, e.to_value, e.actor_id) for e in events} == {
        (EventField.created, None, "proposed", o.hr.id)
    }

    # a second run duplicates nothing: everyone already has an open trajectory
    r = client.post(_url(ci), json=_body(o.coaches), headers=o.hr.headers)
    assert r.json()["started"] == 0
    assert {s["reason"] for s in r.json()["skipped"]} == {"open_trajectory"}
    assert len(r.json()["skipped"]) == 10
    assert len(_trajectories(session, ci)) == 10


def test_current_open_load_is_balanced():
    a, b = uuid.uuid4(), uuid.uuid4()
    employees = [uuid.uuid4() for _ in range(4)]
    assert assign_coaches(employees, [a, b], {a: 2}) == [b, b, a, b]
    assert assign_coaches(employees, [a, b], {}) == [a, b, a, b]
    assert assign_coaches([], [a], {}) == []


def test_start_takes_each_coaches_open_load_into_account(client, f, engine, session):
    o = organisation(f, coaches=2)
    busy, free = o.coaches
    for _ in range(2):  # two open trajectories for `busy` outside this programme
        trajectory(engine, None, f.employee(o.org), busy, status=TrajectoryStatus.active)
    ci = issue(engine, o.org)
    employees = [f.employee(o.org) for _ in range(4)]
    enrol(engine, ci, *employees)
    r = client.post(_url(ci), json=_body([busy, free]), headers=o.hr.headers)
    assert r.json()["started"] == 4
    assert Counter(t.coach_id for t in _trajectories(session, ci)) == {busy.id: 1, free.id: 3}


def test_skips_are_reported_with_reasons(client, f, engine, session):
    o, other = organisation(f, coaches=1), organisation(f)
    ci = issue(engine, o.org)
    ready = f.employee(o.org, family_name="Aa")
    leaving = f.employee(o.org, family_name="Bb", employment_status="leaving")
    left = f.employee(o.org, family_name="Cc", employment_status="left")
    busy = f.employee(o.org, family_name="Dd")
    closed_before = f.employee(o.org, family_name="Ee")
    not_affected = f.employee(o.org, family_name="Ff")
    foreign = f.employee(other.org, family_name="Gg")
    enrol(engine, ci, ready, leaving, left, busy, closed_before)
    other_issue = issue(engine, o.org, title="Ander traject")
    trajectory(engine, other_issue, busy, o.coaches[0], status=TrajectoryStatus.paused)
    trajectory(engine, ci, closed_before, o.coaches[0], status=TrajectoryStatus.closed, outcome="other")
    random_id = uuid.uuid4()

    ids = [ready, leaving, left, busy, closed_before, not_affected, foreign]
    body = _body(o.coaches, employee_ids=[str(e.id) for e in ids] + [str(random_id), str(ready.id)])
    r = client.post(_url(ci), json=body, headers=o.hr.headers)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["started"] == 3  # ready, leaving, closed_before (its trajectory is closed)
    assert result["skipped"] == [
        {"employee_id": str(not_affected.id), "reason": "not_affected"},
        {"employee_id": str(foreign.id), "reason": "not_affected"},
        {"employee_id": str(random_id), "reason": "not_affected"},
        {"employee_id": str(left.id), "reason": "employment_left"},
        {"employee_id": str(busy.id), "reason": "open_trajectory"},
    ]
    started = {t.employee_id for t in _trajectories(session, ci) if t.status != TrajectoryStatus.closed}
    assert started == {ready.id, leaving.id, closed_before.id}
    assert foreign.family_name not in r.text


def test_invalid_coaches_start_nothing(client, f, engine, session):
    o, other = organisation(f, coaches=1), organisation(f, coaches=1)
    ci = issue(engine, o.org)
    enrol(engine, ci, *(f.employee(o.org) for _ in range(3)))
    inactive = f.coach(o.org)
    admin = f.admin()
    client.patch(f"{API}/users/{inactive.id}", json={"is_active": False}, headers=admin.headers)
    for bad in (other.coaches[0].id, o.hr.id, inactive.id, uuid.uuid4()):
        body = _body(o.coaches) | {"coach_ids": [str(o.coaches[0].id), str(bad)]}
        r = client.post(_url(ci), json=body, headers=o.hr.headers)
        assert r.status_code == 422, bad
        assert r.json()["errors"][0]["loc"] == ["body", "coach_ids", 1]
    assert _trajectories(session, ci) == []
    for body in (
        _body(o.coaches, planned_hours=-1),
        _body(o.coaches, coaching_type="astrology"),
        _body([]),
        _body(o.coaches, employee_ids=[]),
        _body(o.coaches, organisation_id=str(o.id)),
        {"coaching_type": "choice_guidance", "coach_ids": [str(o.coaches[0].id)]},
    ):
        assert client.post(_url(ci), json=body, headers=o.hr.headers).status_code == 422, body


def test_closed_issue_starts_nothing(client, f, engine):
    o = organisation(f, coaches=1)
    ci = issue(engine, o.org, status="closed")
    enrol(engine, ci, f.employee(o.org))
    r = client.post(_url(ci), json=_body(o.coaches), headers=o.hr.headers)
    assert r.status_code == 409


def test_empty_programme_starts_nothing(client, f, engine):
    o = organisation(f, coaches=1)
    ci = issue(engine, o.org)
    r = client.post(_url(ci), json=_body(o.coaches), headers=o.hr.headers)
    assert r.status_code == 200 and r.json() == {"started": 0, "skipped": []}
