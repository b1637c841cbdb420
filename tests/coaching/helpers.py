"""Test helpers for coaching: a trajectory with its HR, coach and client (logged in through the invitation)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from koers.organisations.models import Organisation
from koers.trajectories.models import CoachingType, Trajectory, TrajectoryStatus
from tests.factories import Factory, Identity

CLIENT_PASSWORD = "client secret passphrase"


@dataclass
class Setup:
    org: Organisation
    hr: Identity
    coach: Identity
    client: dict[str, str]
    trajectory: Trajectory
    employee_id: uuid.UUID

    @property
    def base(self) -> str:
        return f"/api/v1/trajectories/{self.trajectory.id}"


def trajectory(f: Factory, org: Organisation, coach: Identity, **kw: Any) -> Trajectory:
    employee = f.employee(org, email=kw.pop("email", f"client-{uuid.uuid4().hex[:8]}@example.nl"))
    t = Trajectory(
        organisation_id=org.id,
        employee_id=employee.id,
        coach_id=coach.id,
        coaching_type=CoachingType.career_counselling,
        status=kw.pop("status", TrajectoryStatus.active),
        **kw,
    )
    f._save(t)
    return t


def invite_client(client: Any, by: dict[str, str], trajectory_id: uuid.UUID) -> dict[str, str]:
    """Invite and accept; return the client's auth headers."""
    r = client.post(f"/api/v1/trajectories/{trajectory_id}/client-invitations", headers=by)
    assert r.status_code == 201, r.text
    token = r.json()["token"]
    r = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": CLIENT_PASSWORD})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def setup(f: Factory, client: Any, org: Organisation | None = None, **kw: Any) -> Setup:
    from decimal import Decimal

    org = org or f.organisation()
    hr = f.hr(org)
    coach = f.coach(org)
    t = trajectory(f, org, coach, planned_hours=Decimal("12"), **kw)
    client_headers = invite_client(client, coach.headers, t.id)
    return Setup(org, hr, coach, client_headers, t, t.employee_id)
