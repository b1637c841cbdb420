"""A mobility programme end to end through the HTTP API only: register a reorganisation of one department,
enrol it by filter, start trajectories over three coaches, let the coaches advance and close some, and
check every dashboard and matrix figure against values computed here from what the test did."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from koers.trajectories.models import Outcome, Phase, TrajectoryStatus
from tests.career_issues.helpers import API, median

PLACED = {"internal_move", "external_placement"}


def test_programme_end_to_end(client, f):
    org_row = f.organisation("Gemeente Koersdam")
    org_id = str(org_row.id)
    hr = f.hr(org_row)
    coaches = [f.coach(org_row) for _ in range(3)]
    h = hr.headers

    people = []
    for i in range(14):
        body = {
            "employee_number": f"{i + 1:05d}",
            "given_name": f"Voornaam{i}",
            "family_name": ["van der Berg", "de Vries", "Jansen", "Bakker", "van Dijk", "Visser", "Smit"][i % 7]
            + f"{i}",
            "department": "Finance" if i < 10 else "ICT",
            "employment_status": "left" if i == 9 else "active",
            "mobility_willingness": None if i % 4 == 0 else 1 + i % 5,
            "mobility_capacity": 1 + (i * 3) % 5,
        }
        r = client.post(f"{API}/organisations/{org_id}/employees", json=body, headers=h)
        assert r.status_code == 201, r.text
        people.append(r.json())
    finance = [p for p in people if p["department"] == "Finance"]

    issue = client.post(
        f"{API}/career-issues",
        json={
            "organisation_id": org_id,
            "family": "reorganisation",
            "kind": "forced_internal_mobility",
            "title": "Reorganisatie Finance",
            "status": "active",
        },
        headers=h,
    )
    assert issue.status_code == 201, issue.text
    ci = issue.json()["id"]

    r = client.post(f"{API}/career-issues/{ci}/employees", json={"filter": {"department": "Finance"}}, headers=h)
    assert r.json() == {"added": 10, "already": 0}

    start = (datetime.now(UTC) - timedelta(days=40)).date()
    r = client.post(
        f"{API}/career-issues/{ci}/trajectories",
        json={
            "coaching_type": "career_counselling",
            "planned_hours": 16,
            "coach_ids": [str(c.id) for c in coaches],
            "start_date": start.isoformat(),
        },
        headers=h,
    )
    assert r.status_code == 200, r.text
    left = next(p for p in finance if p["employment_status"] == "left")
    assert r.json() == {"started": 9, "skipped": [{"employee_id": left["id"], "reason": "employment_left"}]}

    items = client.get(f"{API}/trajectories", params={"career_issue_id": ci, "limit": 200}, headers=h).json()["items"]
    assert len(items) == 9
    assert sorted(Counter(t["coach_id"] for t in items).values()) == [3, 3, 3]

    # The coaches work: every trajectory but one is activated; some advance; four close.
    coach_headers = {str(c.id): c.headers for c in coaches}
    plan = [
        ("intake", None),
        ("self_analysis", None),
        ("market_orientation", None),
        ("action", None),
        ("aftercare", "internal_move"),
        ("action", "external_placement"),
        ("self_analysis", "retained_in_role"),
        ("intake", "external_placement"),
    ]
    state = {}
    items.sort(key=lambda t: t["id"])
    for t, (phase, outcome) in zip(items, plan, strict=False):
        hdr = coach_headers[t["coach_id"]]
        url = f"{API}/trajectories/{t['id']}/transitions"
        assert client.post(url, json={"status": "active"}, headers=hdr).status_code == 200
        for p in list(Phase)[1 : list(Phase).index(Phase(phase)) + 1]:
            assert client.post(url, json={"phase": p.value}, headers=hdr).status_code == 200
        status = "active"
        if outcome:
            r = client.post(url, json={"status": "closed", "outcome": outcome}, headers=hdr)
            assert r.status_code == 200, r.text
            status = "closed"
        state[t["id"]] = {"coach": t["coach_id"], "phase": phase, "status": status, "outcome": outcome}
    proposed = items[len(plan)]
    state[proposed["id"]] = {"coach": proposed["coach_id"], "phase": "intake", "status": "proposed", "outcome": None}
    today = datetime.now(UTC).date()

    def expected(rows):
        closed = [s for s in rows if s["status"] == "closed"]
        days = [(today - start).days for _ in closed]
        return {
            "trajectories": len(rows),
            "by_phase": {p.value: sum(s["phase"] == p.value for s in rows) for p in Phase},
            "by_status": {st.value: sum(s["status"] == st.value for s in rows) for st in TrajectoryStatus},
            "outcomes": {o.value: sum(s["outcome"] == o.value for s in rows) for o in Outcome},
            "closed": len(closed),
            "placement_rate": sum(s["outcome"] in PLACED for s in closed) / len(closed) if closed else None,
            "median_days_to_close": median(days),
            "median_days_to_close_by_outcome": {
                o.value: median([(today - start).days for s in closed if s["outcome"] == o.value]) for o in Outcome
            },
            "planned_hours": 16.0 * len(rows),
        }

    d = client.get(f"{API}/career-issues/{ci}/dashboard", headers=h).json()
    assert d["affected_employees"] == 10
    assert {k: d[k] for k in expected([])} == expected(list(state.values()))
    assert d["placement_rate"] == 0.75
    by_coach = defaultdict(list)
    for s in state.values():
        by_coach[s["coach"]].append(s)
    assert {c["coach_id"] for c in d["per_coach"]} == set(by_coach)
    for c in d["per_coach"]:
        assert {k: c[k] for k in expected([])} == expected(by_coach[c["coach_id"]])

    # The matrix of the programme's employees and of the whole organisation
    def grid(rows):
        counts = [[0] * 5 for _ in range(5)]
        for p in rows:
            if p["mobility_willingness"] and p["mobility_capacity"]:
                counts[p["mobility_willingness"] - 1][p["mobility_capacity"] - 1] += 1
        unassessed = sum(1 for p in rows if not (p["mobility_willingness"] and p["mobility_capacity"]))
        return {"counts": counts, "unassessed": unassessed, "total": len(rows)}

    url = f"{API}/organisations/{org_id}/mobility-matrix"
    assert client.get(url, params={"career_issue_id": ci}, headers=h).json() == grid(finance)
    assert client.get(url, headers=h).json() == grid(people)
    assert client.get(url, params={"department": "ICT"}, headers=h).json() == grid(people[10:])

    # A coach sees the dashboard of no programme, not even one they coach in.
    assert client.get(f"{API}/career-issues/{ci}/dashboard", headers=coaches[0].headers).status_code == 403
