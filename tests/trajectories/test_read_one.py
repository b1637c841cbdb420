"""Reading one trajectory: one statement after authentication, the visibility rule applied to the joined row."""

from __future__ import annotations

from sqlalchemy import event

from koers.organisations.models import MembershipRole
from tests.trajectories.helpers import make_trajectory

API = "/api/v1/trajectories"


def test_read_one_costs_two_statements_and_hides_what_is_not_visible(client, f, engine):
    org, other = f.organisation(), f.organisation()
    hr, coach, stranger_hr = f.hr(org), f.coach(org), f.hr(other)
    t = make_trajectory(f, org, coach)
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        r = client.get(f"{API}/{t.id}", headers=hr.headers)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert r.status_code == 200, r.text
    assert len(seen) == 2, seen  # the principal, the joined trajectory row
    body = r.json()
    assert body["id"] == str(t.id) and body["coach"]["id"] == str(coach.id)
    assert body["client"]["id"] == str(t.employee_id)
    assert r.headers["ETag"]

    assert client.get(f"{API}/{t.id}", headers=coach.headers).json() == body
    missing = client.get(f"{API}/{org.id}", headers=hr.headers)
    invisible = client.get(f"{API}/{t.id}", headers=stranger_hr.headers)
    assert missing.status_code == invisible.status_code == 404
    drop = lambda problem: {k: v for k, v in problem.items() if k != "instance"}  # noqa: E731
    assert drop(missing.json()) == drop(invisible.json())

    # a coach who is no longer a coach of the organisation loses sight of it at once
    ex_coach = f.coach(other)
    t2 = make_trajectory(f, org, ex_coach)
    assert client.get(f"{API}/{t2.id}", headers=ex_coach.headers).status_code == 404
    f.member(org, MembershipRole.coach, ex_coach.user)
    assert client.get(f"{API}/{t2.id}", headers=ex_coach.headers).status_code == 200
