"""Regressions found by the adversarial review: who can become a trajectory's client."""

from __future__ import annotations

from typing import Any

from tests.coaching.helpers import trajectory
from tests.factories import PASSWORD


def test_hr_cannot_become_a_client_by_pointing_the_employee_email_at_themselves(client: Any, f: Any) -> None:
    """HR edits the employee's email to their own, invites, and accepts with their own password: they would
    then read the trajectory as its client (unconsented summaries, the action plan) and could give consent
    in the client's name. A member of the employee's organisation (or an admin) is never linked as a client."""
    org = f.organisation()
    hr = f.hr(org)
    coach = f.coach(org)
    t = trajectory(f, org, coach)
    r = client.post(
        f"/api/v1/trajectories/{t.id}/sessions",
        json={"starts_at": "2026-12-01T10:00:00+01:00", "duration_minutes": 60, "mode": "video", "summary": "ZEPHYR"},
        headers=coach.headers,
    )
    assert r.status_code == 201, r.text
    r = client.patch(f"/api/v1/employees/{t.employee_id}", json={"email": hr.user.email}, headers=hr.headers)
    assert r.status_code == 200, r.text
    token = client.post(f"/api/v1/trajectories/{t.id}/client-invitations", headers=hr.headers).json()["token"]
    r = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": PASSWORD})
    assert r.status_code == 409, r.text
    assert "ZEPHYR" not in client.get(f"/api/v1/trajectories/{t.id}/coaching", headers=hr.headers).text
    assert (
        client.post(f"/api/v1/trajectories/{t.id}/consents", json={"items": []}, headers=hr.headers).status_code == 403
    )

    admin = f.admin()
    r = client.patch(f"/api/v1/employees/{t.employee_id}", json={"email": admin.user.email}, headers=hr.headers)
    assert r.status_code == 200, r.text
    token = client.post(f"/api/v1/trajectories/{t.id}/client-invitations", headers=hr.headers).json()["token"]
    r = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": PASSWORD})
    assert r.status_code == 409, r.text


def test_accepting_an_invitation_is_no_unthrottled_password_oracle(client: Any, f: Any) -> None:
    """An unused invitation whose employee email names someone's account let its holder guess that account's
    password without the login throttle (5 per minute per account in tests), and for admins and members
    the 'not eligible' answer came only after a correct password."""
    org = f.organisation()
    hr = f.hr(org)
    t = trajectory(f, org, f.coach(org))
    admin = f.admin()
    client.patch(f"/api/v1/employees/{t.employee_id}", json={"email": admin.user.email}, headers=hr.headers)
    token = client.post(f"/api/v1/trajectories/{t.id}/client-invitations", headers=hr.headers).json()["token"]
    wrong = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": "not the password"})
    right = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": PASSWORD})
    assert wrong.status_code == right.status_code == 409
    assert wrong.json()["type"] == right.json()["type"]

    outsider = f.coach(f.organisation())  # an account that is no member of this organisation
    client.patch(f"/api/v1/employees/{t.employee_id}", json={"email": outsider.user.email}, headers=hr.headers)
    token = client.post(f"/api/v1/trajectories/{t.id}/client-invitations", headers=hr.headers).json()["token"]
    codes = [
        client.post(
            "/api/v1/client-invitations/accept", json={"token": token, "password": f"guess number {i}"}
        ).status_code
        for i in range(7)
    ]
    assert codes[:5] == [409] * 5
    assert codes[-1] == 429
