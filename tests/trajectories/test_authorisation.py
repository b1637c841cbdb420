"""Role-by-endpoint authorisation for trajectories (issue 2: who may do what, tested per role).

Roles: an admin, the organisation's HR, HR of another organisation, the trajectory's coach, another coach
of the same organisation, a coach of another organisation, a coach whose membership was removed (asked about
the trajectory they coached), and a deactivated user (HR of the organisation).
"""

from __future__ import annotations

import pytest

from tests.trajectories.helpers import ROLES, build_world

API = "/api/v1/trajectories"

# Expected status per endpoint, in the order of ROLES:
# admin, hr, other_hr, coach, other_coach, foreign_coach, removed_coach, deactivated
EXPECTED = {
    "list": (200, 200, 200, 200, 200, 200, 200, 401),
    "read": (200, 200, 404, 200, 404, 404, 404, 401),
    "create": (201, 201, 422, 403, 403, 403, 403, 401),
    "patch": (200, 200, 404, 403, 404, 404, 404, 401),
    "delete": (204, 204, 404, 403, 404, 404, 404, 401),
    "transition": (200, 200, 404, 200, 404, 404, 404, 401),
    "events": (200, 200, 404, 200, 404, 404, 404, 401),
}
# Whether the list shows the target trajectory.
LIST_SHOWS = {"admin": True, "hr": True, "coach": True}

CASES = [(endpoint, role, EXPECTED[endpoint][i]) for endpoint in EXPECTED for i, role in enumerate(ROLES)]


@pytest.mark.parametrize(("endpoint", "role", "expected"), CASES)
def test_role_endpoint_matrix(client, f, endpoint, role, expected):
    world = build_world(f)
    who = world.role(role)
    target = world.removed_coach_trajectory if role == "removed_coach" else world.trajectory
    url = f"{API}/{target.id}"
    h = who.headers
    if endpoint == "list":
        r = client.get(API, headers=h)
    elif endpoint == "read":
        r = client.get(url, headers=h)
    elif endpoint == "create":
        employee = f.employee(world.org)
        body = {"employee_id": str(employee.id), "coach_id": str(world.coach.id), "coaching_type": "life_coaching"}
        r = client.post(API, json=body, headers=h)
    elif endpoint == "patch":
        r = client.patch(url, json={"planned_hours": 5}, headers=h)
    elif endpoint == "delete":
        r = client.delete(url, headers=h)
    elif endpoint == "transition":
        r = client.post(f"{url}/transitions", json={"status": "active"}, headers=h)
    else:
        r = client.get(f"{url}/events", headers=h)
    assert r.status_code == expected, (endpoint, role, r.status_code, r.text)
    if r.status_code >= 400:
        assert r.headers["content-type"] == "application/problem+json"
        if endpoint in ("patch", "delete", "transition"):
            after = client.get(url, headers=world.admin.headers)
            assert after.status_code == 200 and after.json()["version"] == 1, "a refused write changed nothing"
    if endpoint == "list" and expected == 200:
        ids = {i["id"] for i in r.json()["items"]}
        assert (str(target.id) in ids) == LIST_SHOWS.get(role, False)
        if role not in ("admin", "foreign_coach", "other_hr"):
            assert str(world.other_trajectory.id) not in ids
        if role == "other_hr" or role == "foreign_coach":
            assert ids == {str(world.other_trajectory.id)}
