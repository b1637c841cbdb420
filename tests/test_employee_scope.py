"""Employee lists follow the same rule as single reads: a coach sees the clients they coach only while they
hold a coach membership in that organisation; HR only their organisations."""

from __future__ import annotations


def _start(client, hr, employee, coach):
    body = {"employee_id": str(employee.id), "coach_id": str(coach.id), "coaching_type": "choice_guidance"}
    r = client.post("/api/v1/trajectories", json=body, headers=hr.headers)
    assert r.status_code == 201, r.text


def test_coach_list_follows_membership(client, f):
    org, other = f.organisation(), f.organisation()
    hr = f.hr(org)
    coach = f.coach(org, other)
    mine, not_mine = f.employee(org), f.employee(org)
    _start(client, hr, mine, coach)
    ids = [e["id"] for e in client.get("/api/v1/employees", headers=coach.headers).json()["items"]]
    assert ids == [str(mine.id)]
    assert str(not_mine.id) not in ids
    admin = f.admin()
    # The trajectory is closed (so removal is allowed) but the coach stays its coach_id.
    t = client.get("/api/v1/trajectories", headers=hr.headers).json()["items"][0]
    r = client.post(
        f"/api/v1/trajectories/{t['id']}/transitions", json={"status": "closed", "outcome": "other"}, headers=hr.headers
    )
    assert r.status_code == 200, r.text
    assert client.delete(f"/api/v1/organisations/{org.id}/members/{coach.id}", headers=admin.headers).status_code == 204
    assert client.get("/api/v1/employees", headers=coach.headers).json()["items"] == []
    assert client.get(f"/api/v1/employees/{mine.id}", headers=coach.headers).status_code == 404


def test_hr_without_coaching_sees_only_own_organisation(client, f):
    org, other = f.organisation(), f.organisation()
    hr = f.hr(org)
    f.employee(org)
    f.employee(other)
    items = client.get("/api/v1/employees", headers=hr.headers).json()["items"]
    assert {e["organisation_id"] for e in items} == {str(org.id)}
