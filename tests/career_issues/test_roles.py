"""Who may do what, per endpoint: admin and the organisation's HR may; HR of another organisation gets 404
(like a random id); a coach of the organisation gets 403 (a coach sees the dashboard of no programme), even
the coach of a trajectory in the programme; a deactivated user gets 401."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from koers.organisations.models import MembershipRole
from tests.career_issues.helpers import API, enrol, issue, organisation, trajectory


@dataclass
class World:
    f: Any
    engine: Any

    def __post_init__(self) -> None:
        self.o = organisation(self.f, coaches=1)
        self.other = organisation(self.f)
        self.employee = self.f.employee(self.o.org)

    def fresh_issue(self):
        ci = issue(self.engine, self.o.org)
        client_of_coach = self.f.employee(self.o.org)
        enrol(self.engine, ci, self.employee, client_of_coach)
        trajectory(self.engine, ci, client_of_coach, self.o.coaches[0])  # the coach coaches in this programme
        return ci


Request = tuple[str, str, Any]
CASES: dict[str, tuple[Callable[[World, str], Request], int]] = {
    "create": (
        lambda w, ci: (
            "POST",
            f"{API}/career-issues",
            {"organisation_id": str(w.o.id), "family": "mismatch", "kind": "problem_situation", "title": "Vastgelopen"},
        ),
        201,
    ),
    "read": (lambda w, ci: ("GET", f"{API}/career-issues/{ci}", None), 200),
    "update": (lambda w, ci: ("PATCH", f"{API}/career-issues/{ci}", {"title": "Nieuwe titel"}), 200),
    "delete_issue_without_trajectories": (lambda w, ci: ("DELETE", f"{API}/career-issues/{ci}", None), 204),
    "list_employees": (lambda w, ci: ("GET", f"{API}/career-issues/{ci}/employees", None), 200),
    "enrol": (
        lambda w, ci: ("POST", f"{API}/career-issues/{ci}/employees", {"filter": {"department": "Finance"}}),
        200,
    ),
    "remove_employee": (
        lambda w, ci: ("DELETE", f"{API}/career-issues/{ci}/employees/{w.employee.id}", None),
        204,
    ),
    "start": (
        lambda w, ci: (
            "POST",
            f"{API}/career-issues/{ci}/trajectories",
            {"coaching_type": "career_counselling", "planned_hours": 10, "coach_ids": [str(w.o.coaches[0].id)]},
        ),
        200,
    ),
    "dashboard": (lambda w, ci: ("GET", f"{API}/career-issues/{ci}/dashboard", None), 200),
}


def _issue_for(world: World, case: str) -> str:
    if case == "delete_issue_without_trajectories":
        return str(issue(world.engine, world.o.org).id)
    return str(world.fresh_issue().id)


def _identities(world: World) -> dict[str, Any]:
    f = world.f
    deactivated = f.user(active=False)
    f.member(world.o.org, MembershipRole.hr, deactivated)
    hr_elsewhere_coach_here = f.hr(world.other.org)
    f.member(world.o.org, MembershipRole.coach, hr_elsewhere_coach_here.user)
    return {
        "admin": f.admin().headers,
        "hr": world.o.hr.headers,
        "hr_other_org": world.other.hr.headers,
        "coach_of_org": world.o.coaches[0].headers,
        "hr_elsewhere_coach_here": hr_elsewhere_coach_here.headers,
        "coach_elsewhere": f.coach(world.other.org).headers,
        "deactivated": f.headers(deactivated),
        "anonymous": {},
    }


EXPECTED = {
    "hr_other_org": 404,
    "coach_of_org": 403,
    "hr_elsewhere_coach_here": 403,
    "coach_elsewhere": 404,
    "deactivated": 401,
    "anonymous": 401,
}


@pytest.mark.parametrize("case", list(CASES))
def test_role_matrix(client, f, engine, case):
    world = World(f, engine)
    who = _identities(world)
    make, success = CASES[case]
    for role, headers in who.items():
        method, url, body = make(world, _issue_for(world, case))
        r = client.request(method, url, json=body, headers=headers)
        expected = success if role in ("admin", "hr") else EXPECTED[role]
        assert r.status_code == expected, (case, role, r.text)
        if expected >= 400:
            assert r.headers["content-type"].startswith("application/problem+json")
        if expected == 401:
            assert r.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("case", [c for c in CASES if c != "create"])
def test_unknown_and_foreign_issue_answer_alike(client, f, engine, case):
    world = World(f, engine)
    make, _ = CASES[case]
    foreign = issue(engine, world.other.org)
    answers = []
    for target in (str(uuid.uuid4()), str(foreign.id)):
        method, url, body = make(world, target)
        r = client.request(method, url, json=body, headers=world.o.hr.headers)
        answers.append((r.status_code, r.json()["detail"]))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404


def test_list_is_scoped(client, f, engine):
    world = World(f, engine)
    world.fresh_issue()
    issue(engine, world.other.org)
    who = _identities(world)
    sizes = {}
    for role, headers in who.items():
        r = client.get(f"{API}/career-issues", headers=headers)
        sizes[role] = len(r.json()["items"]) if r.status_code == 200 else r.status_code
    assert sizes == {
        "admin": 2,
        "hr": 1,
        "hr_other_org": 1,
        "coach_of_org": 0,
        "hr_elsewhere_coach_here": 1,
        "coach_elsewhere": 0,
        "deactivated": 401,
        "anonymous": 401,
    }
    r = client.get(f"{API}/career-issues", params={"organisation_id": str(world.o.id)}, headers=world.other.hr.headers)
    assert r.json()["items"] == []


def test_mobility_matrix_roles(client, f, engine):
    world = World(f, engine)
    who = _identities(world)
    url = f"{API}/organisations/{world.o.id}/mobility-matrix"
    for role, headers in who.items():
        expected = 200 if role in ("admin", "hr") else EXPECTED[role]
        assert client.get(url, headers=headers).status_code == expected, role
    assert client.get(f"{API}/organisations/{uuid.uuid4()}/mobility-matrix", headers=who["admin"]).status_code == 404
    r1 = client.get(f"{API}/organisations/{uuid.uuid4()}/mobility-matrix", headers=world.o.hr.headers)
    r2 = client.get(f"{API}/organisations/{world.other.id}/mobility-matrix", headers=world.o.hr.headers)
    assert r1.status_code == r2.status_code == 404 and r1.json()["detail"] == r2.json()["detail"]
