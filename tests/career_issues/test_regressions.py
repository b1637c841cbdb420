"""Regressions found by the end-to-end journey: impossible dates in bodies, negative days to close,
booleans accepted as mobility scores."""

from __future__ import annotations


def _issue(client, org, hr, **extra):
    body = {"organisation_id": str(org.id), "family": "reorganisation", "kind": "mobility_trajectory", "title": "Reorg"}
    body.update(extra)
    return client.post("/api/v1/career-issues", json=body, headers=hr.headers)


def test_dates_outside_1900_2100_are_422_everywhere(client, f):
    org = f.organisation()
    hr = f.hr(org)
    coach = f.coach(org)
    assert _issue(client, org, hr, start_date="0202-01-01").status_code == 422
    issue = _issue(client, org, hr, status="active").json()
    r = client.patch(f"/api/v1/career-issues/{issue['id']}", json={"target_date": "2202-01-01"}, headers=hr.headers)
    assert r.status_code == 422
    e = f.employee(org)
    client.post(
        f"/api/v1/career-issues/{issue['id']}/employees", json={"employee_ids": [str(e.id)]}, headers=hr.headers
    )
    r = client.post(
        f"/api/v1/career-issues/{issue['id']}/trajectories",
        json={
            "coaching_type": "career_counselling",
            "planned_hours": 10,
            "coach_ids": [str(coach.id)],
            "start_date": "0202-01-01",
        },
        headers=hr.headers,
    )
    assert r.status_code == 422
    assert client.get(f"/api/v1/trajectories?career_issue_id={issue['id']}", headers=hr.headers).json()["items"] == []


def test_closing_before_the_planned_start_counts_zero_days(client, f):
    org = f.organisation()
    hr = f.hr(org)
    coach = f.coach(org)
    issue = _issue(client, org, hr, status="active").json()
    e = f.employee(org)
    t = client.post(
        "/api/v1/trajectories",
        json={
            "employee_id": str(e.id),
            "career_issue_id": issue["id"],
            "coach_id": str(coach.id),
            "coaching_type": "choice_guidance",
            "start_date": "2099-06-01",
        },
        headers=hr.headers,
    )
    assert t.status_code == 201, t.text
    r = client.post(
        f"/api/v1/trajectories/{t.json()['id']}/transitions",
        json={"status": "closed", "outcome": "other"},
        headers=hr.headers,
    )
    assert r.status_code == 200, r.text
    dash = client.get(f"/api/v1/career-issues/{issue['id']}/dashboard", headers=hr.headers).json()
    assert dash["median_days_to_close"] == 0
    assert dash["median_days_to_close_by_outcome"]["other"] == 0


def test_mobility_scores_refuse_booleans_and_strings(client, f):
    org = f.organisation()
    hr = f.hr(org)
    e = f.employee(org)
    for value in (True, "3", 2.5):
        r = client.patch(f"/api/v1/employees/{e.id}", json={"mobility_willingness": value}, headers=hr.headers)
        assert r.status_code == 422, value
    assert (
        client.patch(f"/api/v1/employees/{e.id}", json={"mobility_willingness": 3}, headers=hr.headers).status_code
        == 200
    )
