"""The programme dashboard and the mobility matrix, checked against figures computed here from the rows made,
and the dashboard's fixed number of queries whatever the programme's size."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import event

from koers.trajectories.models import Outcome, Phase, TrajectoryStatus
from tests.career_issues.helpers import API, enrol, issue, median, organisation, trajectory

PLACED = {Outcome.internal_move, Outcome.external_placement}


def _programme(f, engine, n: int, seed: int = 7):
    """A programme of ``n`` trajectories over three coaches in every phase and status, with outcomes,
    dates and hours; returns (org, issue, the specs used)."""
    rng = random.Random(seed)
    o = organisation(f, coaches=3)
    ci = issue(engine, o.org)
    other = issue(engine, o.org, title="Ander programma")
    specs = []
    employees = [f.employee(o.org) for _ in range(n + 2)]
    enrol(engine, ci, *employees[: n + 1])  # one affected employee without a trajectory
    for i, employee in enumerate(employees[:n]):
        coach = o.coaches[i % 3] if i % 5 else o.coaches[0]
        status = list(TrajectoryStatus)[i % 4]
        phase = list(Phase)[rng.randrange(5)]
        created = datetime(2027, 1, 1, 9, tzinfo=UTC) + timedelta(days=rng.randrange(30))
        start = None if i % 3 == 0 else created.date() + timedelta(days=rng.randrange(10))
        outcome = closed_at = None
        if status == TrajectoryStatus.closed:
            outcome = list(Outcome)[rng.randrange(len(Outcome))] if i % 7 else Outcome.internal_move
            # late evening UTC: the close date is the UTC calendar day
            closed_at = datetime.combine(created.date() + timedelta(days=20 + rng.randrange(90)), datetime.min.time())
            closed_at = closed_at.replace(tzinfo=UTC) + timedelta(hours=23, minutes=30)
        hours = None if i % 11 == 0 else Decimal(rng.choice(["8", "12.5", "20", "7.25"]))
        trajectory(
            engine,
            ci,
            employee,
            coach,
            phase=phase,
            status=status,
            outcome=outcome,
            planned_hours=hours,
            start_date=start,
            created_at=created,
            closed_at=closed_at,
        )
        specs.append(
            {
                "coach": coach,
                "status": status,
                "phase": phase,
                "outcome": outcome,
                "hours": hours or Decimal(0),
                "start": start or created.date(),
                "closed": closed_at.date() if closed_at else None,
            }
        )
    # noise: another programme's trajectory and a trajectory of no programme
    trajectory(
        engine,
        other,
        employees[n],
        o.coaches[1],
        status=TrajectoryStatus.closed,
        outcome="other",
        closed_at=datetime(2027, 6, 1, tzinfo=UTC),
    )
    trajectory(engine, None, employees[n + 1], o.coaches[2])
    return o, ci, specs


def _expected(specs):
    closed = [s for s in specs if s["status"] == TrajectoryStatus.closed]
    days = [(s["closed"] - s["start"]).days for s in closed]
    return {
        "trajectories": len(specs),
        "by_phase": {p.value: sum(s["phase"] == p for s in specs) for p in Phase},
        "by_status": {st.value: sum(s["status"] == st for s in specs) for st in TrajectoryStatus},
        "outcomes": {oc.value: sum(s["outcome"] == oc for s in specs) for oc in Outcome},
        "closed": len(closed),
        "placement_rate": (sum(s["outcome"] in PLACED for s in closed) / len(closed)) if closed else None,
        "median_days_to_close": median(days),
        "median_days_to_close_by_outcome": {
            oc.value: median([(s["closed"] - s["start"]).days for s in closed if s["outcome"] == oc]) for oc in Outcome
        },
        "planned_hours": float(sum(s["hours"] for s in specs)),
    }


def _approx(actual, expected):
    assert actual.keys() >= expected.keys()
    for key, value in expected.items():
        if isinstance(value, float):
            assert abs(actual[key] - value) < 1e-9, key
        elif isinstance(value, dict):
            assert actual[key] == value, key
        else:
            assert actual[key] == value, key


def test_dashboard_figures(client, f, engine):
    o, ci, specs = _programme(f, engine, 45)
    r = client.get(f"{API}/career-issues/{ci.id}/dashboard", headers=o.hr.headers)
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["career_issue_id"] == str(ci.id)
    assert d["affected_employees"] == 46
    _approx(d, _expected(specs))
    per_coach = defaultdict(list)
    for s in specs:
        per_coach[s["coach"].id].append(s)
    assert [c["coach_id"] for c in d["per_coach"]] == [
        str(c.id) for c in sorted(o.coaches, key=lambda c: (c.user.full_name, str(c.id)))
    ]
    for figures in d["per_coach"]:
        coach = next(c for c in o.coaches if str(c.id) == figures["coach_id"])
        assert figures["coach_name"] == coach.user.full_name
        _approx(figures, _expected(per_coach[coach.id]))


def test_dashboard_of_an_empty_programme_has_every_key(client, f, engine):
    o = organisation(f)
    ci = issue(engine, o.org)
    d = client.get(f"{API}/career-issues/{ci.id}/dashboard", headers=o.hr.headers).json()
    assert d["affected_employees"] == 0 and d["trajectories"] == 0 and d["per_coach"] == []
    assert d["by_phase"] == dict.fromkeys([p.value for p in Phase], 0)
    assert d["by_status"] == dict.fromkeys([s.value for s in TrajectoryStatus], 0)
    assert d["outcomes"] == dict.fromkeys([oc.value for oc in Outcome], 0)
    assert d["median_days_to_close_by_outcome"] == dict.fromkeys([oc.value for oc in Outcome])
    assert d["placement_rate"] is None and d["median_days_to_close"] is None and d["planned_hours"] == 0


def test_median_of_even_and_odd_counts(client, f, engine):
    o = organisation(f, coaches=1)
    ci = issue(engine, o.org)
    start = date(2027, 1, 1)
    for days in (10, 30, 20, 50):
        e = f.employee(o.org)
        closed = datetime.combine(start + timedelta(days=days), datetime.min.time()).replace(tzinfo=UTC)
        trajectory(
            engine,
            ci,
            e,
            o.coaches[0],
            status=TrajectoryStatus.closed,
            outcome="education",
            start_date=start,
            closed_at=closed,
        )
    e = f.employee(o.org)
    trajectory(
        engine,
        ci,
        e,
        o.coaches[0],
        status=TrajectoryStatus.closed,
        outcome="internal_move",
        start_date=start,
        closed_at=datetime(2027, 1, 8, 23, 59, tzinfo=UTC),
    )
    d = client.get(f"{API}/career-issues/{ci.id}/dashboard", headers=o.hr.headers).json()
    assert d["median_days_to_close"] == 20  # 7, 10, 20, 30, 50
    assert d["median_days_to_close_by_outcome"]["education"] == 25  # 10, 20, 30, 50
    assert d["median_days_to_close_by_outcome"]["internal_move"] == 7
    assert d["placement_rate"] == 0.2


@contextmanager
def _count_statements(engine):
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def test_dashboard_costs_a_fixed_number_of_queries(client, f, engine):
    counts = []
    for n in (3, 60):
        o, ci, _ = _programme(f, engine, n, seed=n)
        with _count_statements(engine) as statements:
            r = client.get(f"{API}/career-issues/{ci.id}/dashboard", headers=o.hr.headers)
        assert r.status_code == 200
        assert r.json()["trajectories"] == n
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 8, counts


def test_mobility_matrix(client, f, engine):
    o, other = organisation(f), organisation(f)
    rng = random.Random(3)
    scores = [None, 1, 2, 3, 4, 5]
    made = []
    for i in range(80):
        w, c = rng.choice(scores), rng.choice(scores)
        dept = "Finance" if i % 3 else "IT"
        made.append((f.employee(o.org, department=dept, mobility_willingness=w, mobility_capacity=c), dept, w, c))
    f.employee(other.org, mobility_willingness=5, mobility_capacity=5)
    ci = issue(engine, o.org)
    in_issue = [m for i, m in enumerate(made) if i % 4 == 0]
    enrol(engine, ci, *(m[0] for m in in_issue))
    foreign_issue = issue(engine, other.org)

    def expected(rows):
        counts = [[0] * 5 for _ in range(5)]
        grid = Counter((w, c) for _, _, w, c in rows if w is not None and c is not None)
        for (w, c), n in grid.items():
            counts[w - 1][c - 1] = n
        unassessed = sum(1 for _, _, w, c in rows if w is None or c is None)
        return {"counts": counts, "unassessed": unassessed, "total": len(rows)}

    url = f"{API}/organisations/{o.id}/mobility-matrix"
    h = o.hr.headers
    assert client.get(url, headers=h).json() == expected(made)
    assert client.get(url, params={"department": "IT"}, headers=h).json() == expected([m for m in made if m[1] == "IT"])
    assert client.get(url, params={"career_issue_id": str(ci.id)}, headers=h).json() == expected(in_issue)
    both = {"career_issue_id": str(ci.id), "department": "Finance"}
    assert client.get(url, params=both, headers=h).json() == expected([m for m in in_issue if m[1] == "Finance"])
    assert client.get(url, params={"career_issue_id": str(foreign_issue.id)}, headers=h).json() == expected([])
    assert client.get(url, params={"employment_status": "left"}, headers=h).json() == expected([])
    assert client.get(url, params={"department": "x" * 201}, headers=h).status_code == 422
