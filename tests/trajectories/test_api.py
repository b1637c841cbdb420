"""Trajectories over HTTP: create, transitions, events, edits, deletes, lists."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from koers.core.auth import Principal
from koers.organisations.models import MembershipRole
from koers.trajectories import service
from koers.trajectories.models import Phase, TrajectoryCreate, TrajectoryEvent, TrajectoryStatus
from tests.trajectories.helpers import make_issue, make_trajectory

API = "/api/v1/trajectories"
S = TrajectoryStatus


@pytest.fixture
def setup(f):
    org = f.organisation()
    return org, f.hr(org), f.coach(org)


def _create(client, hr, employee, coach, **kw):
    body = {"employee_id": str(employee.id), "coach_id": str(coach.id), "coaching_type": "choice_guidance", **kw}
    return client.post(API, json=body, headers=hr.headers)


def _events(client, who, tid):
    r = client.get(f"{API}/{tid}/events", headers=who.headers)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_create_read_and_created_event(client, f, setup):
    org, hr, coach = setup
    e = f.employee(org, given_name="Anna", family_name="Berg", family_name_prefix="van der")
    issue = make_issue(f, org)
    r = _create(client, hr, e, coach, career_issue_id=str(issue.id), planned_hours="12.5", start_date="2026-01-05")
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["Location"] == f"/api/v1/trajectories/{body['id']}"
    assert r.headers["ETag"] == 'W/"1"'
    assert body["status"] == "proposed" and body["phase"] == "intake" and body["planned_hours"] == 12.5
    assert body["organisation_id"] == str(org.id)
    assert body["client"] == {
        "id": str(e.id),
        "employee_number": e.employee_number,
        "given_name": "Anna",
        "family_name_prefix": "van der",
        "family_name": "Berg",
        "department": "Finance",
    }
    assert body["coach"] == {"id": str(coach.id), "full_name": coach.user.full_name}
    r = client.get(f"{API}/{body['id']}", headers=coach.headers)
    assert r.status_code == 200 and r.headers["ETag"] == 'W/"1"'
    [created] = _events(client, hr, body["id"])
    assert created["field"] == "created" and created["to_value"] == "proposed"
    assert created["actor_id"] == str(hr.id) and created["actor_name"] == hr.user.full_name


def test_create_validation(client, f, setup):
    org, hr, coach = setup
    other = f.organisation()
    e = f.employee(org)
    # coach rules: a non-coach member, an HR user, a coach of another organisation, an unknown id
    hr2 = f.hr(org)
    for bad in (hr2.id, f.coach(other).id, uuid.uuid4()):
        r = _create(client, hr, e, type("U", (), {"id": bad})())
        assert r.status_code == 422, r.text
        assert r.json()["errors"][0]["loc"] == ["body", "coach_id"]
    # a career issue of another organisation answers exactly like a missing one
    answers = []
    for issue_id in (make_issue(f, other).id, uuid.uuid4()):
        r = _create(client, hr, e, coach, career_issue_id=str(issue_id))
        assert r.status_code == 422
        answers.append({k: v for k, v in r.json().items() if k != "instance"})
    assert answers[0] == answers[1]
    # an employee of another organisation answers like a missing one
    answers = []
    for emp in (f.employee(other), type("E", (), {"id": uuid.uuid4()})()):
        r = _create(client, hr, emp, coach)
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "employee_id"]
        answers.append(r.json()["detail"])
    assert answers[0] == answers[1]
    # unknown fields, status/phase through the body, bad dates
    for extra in (
        {"status": "active"},
        {"organisation_id": str(org.id)},
        {"end_date": "2026-01-01", "start_date": "2026-02-01"},
    ):
        assert _create(client, hr, e, coach, **extra).status_code == 422


def test_one_open_trajectory_per_employee(client, f, setup):
    org, hr, coach = setup
    e = f.employee(org)
    first = _create(client, hr, e, coach).json()
    r = _create(client, hr, e, coach)
    assert r.status_code == 409 and r.json()["type"].endswith("/open-trajectory-exists")
    # closed: a new one may start
    h = hr.headers
    assert (
        client.post(
            f"{API}/{first['id']}/transitions", json={"status": "closed", "outcome": "other"}, headers=h
        ).status_code
        == 200
    )
    assert _create(client, hr, e, coach).status_code == 201


def test_open_trajectory_index_violation_is_the_same_409(engine, f, setup, monkeypatch):
    org, hr, coach = setup
    e = f.employee(org)
    make_trajectory(f, org, coach, e, status=S.paused)
    # Skip the pre-check so the partial unique index decides (as in a race between two requests).
    monkeypatch.setattr(service, "OPEN_STATUSES", ())
    with Session(engine) as s:
        data = TrajectoryCreate(employee_id=e.id, coach_id=coach.id, coaching_type="life_coaching")
        with pytest.raises(Exception) as err:
            service.create_trajectory(s, hr.id, data)
        assert getattr(err.value, "status", None) == 409
        assert err.value.slug == "open-trajectory-exists"
        assert isinstance(err.value.__cause__, IntegrityError)


LEGAL = {
    (S.proposed, S.active),
    (S.proposed, S.closed),
    (S.active, S.paused),
    (S.paused, S.active),
    (S.active, S.closed),
    (S.paused, S.closed),
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_status_transitions_over_http(client, f, setup, current, target):
    org, hr, coach = setup
    t = make_trajectory(f, org, coach, status=current, outcome="other" if current == S.closed else None)
    body = {"status": target.value, "reason": "Afspraak"}
    if target == S.closed:
        body["outcome"] = "internal_move"
    r = client.post(f"{API}/{t.id}/transitions", json=body, headers=coach.headers)
    if (current, target) in LEGAL:
        assert r.status_code == 200, r.text
        assert r.json()["status"] == target.value and r.headers["ETag"] == 'W/"2"'
        evs = _events(client, coach, t.id)
        first = evs[0]
        assert (first["field"], first["from_value"], first["to_value"]) == ("status", current.value, target.value)
        assert all(e["actor_id"] == str(coach.id) and e["reason"] == "Afspraak" for e in evs)
    else:
        assert r.status_code == 409, r.text
        problem = r.json()
        assert problem["type"].endswith("/illegal-transition")
        assert problem["from_value"] == current.value and problem["to_value"] == target.value
        assert current.value in problem["detail"] and target.value in problem["detail"]
        assert client.get(f"{API}/{t.id}", headers=hr.headers).json()["version"] == 1


@pytest.mark.parametrize(("current", "target"), list(itertools.product(Phase, Phase)))
def test_phase_transitions_over_http(client, f, setup, current, target):
    org, hr, coach = setup
    order = list(Phase)
    t = make_trajectory(f, org, coach, status=S.active, phase=current)
    url = f"{API}/{t.id}/transitions"
    r = client.post(url, json={"phase": target.value}, headers=hr.headers)
    i, j = order.index(current), order.index(target)
    if j == i + 1:
        assert r.status_code == 200 and r.json()["phase"] == target.value
    elif j < i:
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "reason"]
        r = client.post(url, json={"phase": target.value, "reason": "Vraag bleek anders"}, headers=hr.headers)
        assert r.status_code == 200
        [ev] = [e for e in _events(client, hr, t.id) if e["field"] == "phase"]
        assert ev["reason"] == "Vraag bleek anders" and ev["from_value"] == current.value
    else:
        assert r.status_code == 409 and r.json()["type"].endswith("/illegal-transition")


def test_phase_needs_active_and_outcome_rules(client, f, setup):
    org, hr, coach = setup
    t = make_trajectory(f, org, coach)
    url = f"{API}/{t.id}/transitions"
    assert client.post(url, json={"phase": "self_analysis"}, headers=hr.headers).status_code == 409
    r = client.post(url, json={}, headers=hr.headers)
    assert r.status_code == 422
    r = client.post(url, json={"reason": "x"}, headers=hr.headers)
    assert r.status_code == 422
    r = client.post(url, json={"status": "closed"}, headers=hr.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "outcome"]
    r = client.post(url, json={"status": "active", "outcome": "other"}, headers=hr.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "outcome"]
    r = client.post(url, json={"status": "active", "phase": "self_analysis"}, headers=hr.headers)
    assert r.status_code == 200 and r.json()["phase"] == "self_analysis"
    assert [e["field"] for e in _events(client, hr, t.id)] == ["status", "phase"]
    for body in ({"phase": "done"}, {"status": "active", "reason": "\x00"}, {"status": "paused", "reason": "x" * 2001}):
        assert client.post(url, json=body, headers=hr.headers).status_code == 422


def test_closing_sets_dates_and_records_outcome(client, f, setup):
    org, hr, coach = setup
    t = make_trajectory(f, org, coach, status=S.active, phase=Phase.action)
    r = client.post(
        f"{API}/{t.id}/transitions",
        json={"phase": "aftercare", "status": "closed", "outcome": "external_placement", "reason": "Nieuwe baan"},
        headers=coach.headers,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "closed" and body["phase"] == "aftercare" and body["outcome"] == "external_placement"
    assert body["end_date"] == datetime.now(UTC).date().isoformat()
    assert body["closed_at"].endswith("Z")
    evs = _events(client, coach, t.id)
    assert [(e["field"], e["from_value"], e["to_value"]) for e in evs] == [
        ("phase", "action", "aftercare"),
        ("status", "active", "closed"),
        ("outcome", None, "external_placement"),
    ]
    # a set end date is kept
    t2 = make_trajectory(f, org, coach, status=S.paused, end_date=date(2026, 3, 1))
    r = client.post(f"{API}/{t2.id}/transitions", json={"status": "closed", "outcome": "referred"}, headers=hr.headers)
    assert r.json()["end_date"] == "2026-03-01"
    # starting sets an empty start date; closing before a planned start ends on that start
    t3 = make_trajectory(f, org, coach)
    r = client.post(f"{API}/{t3.id}/transitions", json={"status": "active"}, headers=hr.headers)
    assert r.json()["start_date"] == datetime.now(UTC).date().isoformat()
    t4 = make_trajectory(f, org, coach, start_date=date(2100, 1, 1))
    r = client.post(f"{API}/{t4.id}/transitions", json={"status": "closed", "outcome": "other"}, headers=hr.headers)
    assert r.json()["end_date"] == "2100-01-01" and r.json()["start_date"] == "2100-01-01"
    # closed: no more changes
    assert client.patch(f"{API}/{t.id}", json={"planned_hours": 3}, headers=hr.headers).status_code == 409
    assert client.post(f"{API}/{t.id}/transitions", json={"status": "active"}, headers=hr.headers).status_code == 409


def test_if_match(client, f, setup):
    org, hr, coach = setup
    t = make_trajectory(f, org, coach)
    tag = client.get(f"{API}/{t.id}", headers=hr.headers).headers["ETag"]
    r = client.patch(f"{API}/{t.id}", json={"planned_hours": 10}, headers={**hr.headers, "If-Match": tag})
    assert r.status_code == 200 and r.headers["ETag"] == 'W/"2"'
    r = client.patch(f"{API}/{t.id}", json={"planned_hours": 20}, headers={**hr.headers, "If-Match": tag})
    assert r.status_code == 412
    r = client.post(f"{API}/{t.id}/transitions", json={"status": "active"}, headers={**coach.headers, "If-Match": tag})
    assert r.status_code == 412
    body = client.get(f"{API}/{t.id}", headers=hr.headers).json()
    assert body["planned_hours"] == 10 and body["status"] == "proposed"
    r = client.post(
        f"{API}/{t.id}/transitions", json={"status": "active"}, headers={**coach.headers, "If-Match": 'W/"2"'}
    )
    assert r.status_code == 200 and r.headers["ETag"] == 'W/"3"'
    assert [e["field"] for e in _events(client, hr, t.id)] == ["status"]


def test_patch_coach_and_type_keep_history(client, f, setup):
    org, hr, coach = setup
    new_coach = f.coach(org)
    t = make_trajectory(f, org, coach, status=S.active)
    r = client.patch(f"{API}/{t.id}", json={"coach_id": str(new_coach.id), "reason": "Klik"}, headers=hr.headers)
    assert r.status_code == 200 and r.json()["coach"]["id"] == str(new_coach.id)
    [ev] = _events(client, hr, t.id)
    assert (ev["field"], ev["from_value"], ev["to_value"], ev["reason"]) == (
        "coach",
        str(coach.id),
        str(new_coach.id),
        "Klik",
    )
    # the old coach lost the trajectory, the new one has it
    assert client.get(f"{API}/{t.id}", headers=coach.headers).status_code == 404
    r = client.patch(f"{API}/{t.id}", json={"coaching_type": "career_counselling"}, headers=new_coach.headers)
    assert r.status_code == 200
    ev = _events(client, hr, t.id)[-1]
    assert (ev["field"], ev["from_value"], ev["to_value"]) == ("coaching_type", "choice_guidance", "career_counselling")
    assert ev["actor_id"] == str(new_coach.id)
    # a no-op changes nothing
    r = client.patch(f"{API}/{t.id}", json={"coaching_type": "career_counselling"}, headers=hr.headers)
    assert r.status_code == 200 and r.json()["version"] == 3
    # the coach may not change other fields
    for body in ({"planned_hours": 40}, {"coach_id": str(coach.id)}, {"career_issue_id": None}):
        assert client.patch(f"{API}/{t.id}", json=body, headers=new_coach.headers).status_code == 403
    # new coach must be a coach of the organisation; nulls refused; dates ordered
    other = f.organisation()
    for body in (
        {"coach_id": str(f.coach(other).id)},
        {"coach_id": str(hr.id)},
        {"coach_id": None},
        {"coaching_type": None},
        {"career_issue_id": str(make_issue(f, other).id)},
        {"start_date": "2026-05-01", "end_date": "2026-04-01"},
        {"start_date": "0202-05-01"},
        {"end_date": "2026-02-31"},
        {"phase": "action"},
        {"status": "closed"},
    ):
        assert client.patch(f"{API}/{t.id}", json=body, headers=hr.headers).status_code == 422, body
    issue = make_issue(f, org)
    r = client.patch(
        f"{API}/{t.id}", json={"career_issue_id": str(issue.id), "start_date": "2026-01-01"}, headers=hr.headers
    )
    assert r.status_code == 200 and r.json()["career_issue_id"] == str(issue.id)


def test_delete_only_while_proposed(client, engine, f, setup):
    org, hr, coach = setup
    t = make_trajectory(f, org, coach)
    active = make_trajectory(f, org, coach, status=S.active)
    r = client.delete(f"{API}/{active.id}", headers=hr.headers)
    assert r.status_code == 409 and r.json()["type"].endswith("/trajectory-not-proposed")
    assert client.delete(f"{API}/{t.id}", headers=coach.headers).status_code == 403
    assert client.delete(f"{API}/{t.id}", headers=hr.headers).status_code == 204
    assert client.get(f"{API}/{t.id}", headers=hr.headers).status_code == 404
    # one made through the API has its history; the history goes with it
    made = _create(client, hr, f.employee(org), coach).json()
    assert client.delete(f"{API}/{made['id']}", headers=hr.headers).status_code == 204
    assert client.get(f"{API}/{made['id']}/events", headers=hr.headers).status_code == 404
    with Session(engine) as s:
        left = s.exec(select(TrajectoryEvent).where(TrajectoryEvent.trajectory_id == uuid.UUID(made["id"]))).all()
    assert left == []


def test_events_page_oldest_first(client, f, setup):
    org, hr, coach = setup
    t = make_trajectory(f, org, coach)
    url = f"{API}/{t.id}/transitions"
    for body in ({"status": "active"}, {"phase": "self_analysis"}, {"status": "paused"}, {"status": "active"}):
        assert client.post(url, json=body, headers=hr.headers).status_code == 200
    seen, cursor = [], None
    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"{API}/{t.id}/events", params=params, headers=coach.headers).json()
        seen += [(e["field"], e["to_value"]) for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [("status", "active"), ("phase", "self_analysis"), ("status", "paused"), ("status", "active")]


def test_list_filters_search_and_sorts(client, f, setup):
    org, hr, coach = setup
    other_coach = f.coach(org)
    issue = make_issue(f, org)
    a = make_trajectory(
        f, org, coach, f.employee(org, given_name="Eva", family_name="Ösztürk"), start_date=date(2026, 3, 1)
    )
    b = make_trajectory(
        f,
        org,
        other_coach,
        f.employee(org, family_name="Berg", family_name_prefix="van den"),
        status=S.active,
        phase=Phase.action,
        career_issue_id=issue.id,
        coaching_type="stress_coaching",
    )
    c = make_trajectory(
        f,
        org,
        coach,
        f.employee(org, family_name="Aalders"),
        status=S.closed,
        outcome="education",
        start_date=date(2026, 1, 1),
    )

    def ids(who=hr, **params):
        r = client.get(API, params=params, headers=who.headers)
        assert r.status_code == 200, r.text
        return [i["id"] for i in r.json()["items"]]

    assert ids() == [str(c.id), str(b.id), str(a.id)]  # newest first
    assert ids(coach_id=str(other_coach.id)) == [str(b.id)]
    assert ids(career_issue_id=str(issue.id)) == [str(b.id)]
    assert ids(status="active") == [str(b.id)] and ids(phase="action") == [str(b.id)]
    assert ids(coaching_type="stress_coaching") == [str(b.id)] and ids(outcome="education") == [str(c.id)]
    assert ids(employee_id=str(a.employee_id)) == [str(a.id)] and ids(organisation_id=str(org.id)) != []
    assert ids(q="OSZTURK") == [str(a.id)] and ids(q="BERG") == [str(b.id)]
    assert ids(sort="client_name") == [str(c.id), str(b.id), str(a.id)]
    assert ids(sort="-client_name") == [str(a.id), str(b.id), str(c.id)]
    assert ids(sort="start_date") == [str(c.id), str(a.id), str(b.id)]  # undated last
    # keyset pages over a coalesced sort
    seen, cursor = [], None
    while True:
        r = client.get(
            API,
            params={"sort": "-start_date", "limit": 1, **({"cursor": cursor} if cursor else {})},
            headers=hr.headers,
        ).json()
        seen += [i["id"] for i in r["items"]]
        cursor = r["next_cursor"]
        if not cursor:
            break
    assert seen == [str(b.id), str(a.id), str(c.id)]
    assert ids(coach) == [str(c.id), str(a.id)]  # the coach's own caseload
    for params in ({"sort": "hours"}, {"status": "done"}, {"cursor": "bm9wZQ"}, {"q": "\x00"}, {"limit": 201}):
        assert client.get(API, params=params, headers=hr.headers).status_code == 422, params


def test_coach_caseload_spans_organisations(client, f):
    org1, org2 = f.organisation(), f.organisation()
    coach = f.coach(org1, org2)
    t1, t2 = make_trajectory(f, org1, coach), make_trajectory(f, org2, coach)
    make_trajectory(f, org1, f.coach(org1))
    r = client.get(API, headers=coach.headers).json()
    assert {i["id"] for i in r["items"]} == {str(t1.id), str(t2.id)}


def test_list_costs_a_fixed_number_of_statements(client, engine, f, setup):
    org, hr, coach = setup
    for _ in range(50):
        make_trajectory(f, org, coach)
    counts = {}

    def count(*_args, **_kw):
        counts[current] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        for current in (1, 50):
            counts[current] = 0
            for who in (hr, coach):
                r = client.get(API, params={"limit": current}, headers=who.headers)
                assert r.status_code == 200 and len(r.json()["items"]) == current
    finally:
        event.remove(engine, "before_cursor_execute", count)
    print("statements for two list requests (HR, coach):", counts)
    assert counts[1] == counts[50], counts
    assert counts[50] <= 2 * 4  # per request: user, memberships, the page (+ a transaction statement)


def test_other_organisation_404_like_random_id(client, f, setup):
    _org, hr, _coach = setup
    other = f.organisation()
    theirs = make_trajectory(f, other, f.coach(other))
    for method, suffix, body in [
        ("get", "", None),
        ("patch", "", {"planned_hours": 1}),
        ("delete", "", None),
        ("post", "/transitions", {"status": "active"}),
        ("get", "/events", None),
    ]:
        answers = []
        for tid in (theirs.id, uuid.uuid4()):
            kw = {"json": body} if body is not None else {}
            r = client.request(method.upper(), f"{API}/{tid}{suffix}", headers=hr.headers, **kw)
            assert r.status_code == 404, (method, suffix)
            answers.append({k: v for k, v in r.json().items() if k != "instance"})
        assert answers[0] == answers[1]


def test_list_filters_naming_other_org_return_nothing(client, f, setup):
    org, hr, coach = setup
    other = f.organisation()
    foreign_coach = f.coach(other)
    issue = make_issue(f, other)
    make_trajectory(f, org, coach)
    make_trajectory(f, other, foreign_coach, career_issue_id=issue.id)
    for params in (
        {"coach_id": str(foreign_coach.id)},
        {"career_issue_id": str(issue.id)},
        {"organisation_id": str(other.id)},
    ):
        r = client.get(API, params=params, headers=hr.headers)
        assert r.status_code == 200 and r.json()["items"] == [], params


def test_visibility_helpers_follow_membership(session, f):
    org = f.organisation()
    coach = f.coach(org)
    t = make_trajectory(f, org, coach)
    as_coach = Principal(user=coach.user, roles={org.id: MembershipRole.coach})
    assert service.visible_trajectory(session, as_coach, t.id).id == t.id
    without = Principal(user=coach.user, roles={})
    with pytest.raises(Exception) as err:
        service.visible_trajectory(session, without, t.id)
    assert getattr(err.value, "status", None) == 404
