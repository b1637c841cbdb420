"""Affected employees: enrol by ids or by filter (set-based, exact added/already counts), list, remove."""

from __future__ import annotations

import uuid

from sqlmodel import select

from koers.career_issues.models import CareerIssueEmployee
from tests.career_issues.helpers import API, enrol, issue, organisation, trajectory


def _url(ci):
    return f"{API}/career-issues/{ci.id}/employees"


def _enrolled(session, ci) -> set[uuid.UUID]:
    session.expire_all()
    rows = session.exec(select(CareerIssueEmployee.employee_id).where(CareerIssueEmployee.career_issue_id == ci.id))
    return set(rows.all())


def test_enrol_by_ids_counts_added_and_already(client, f, engine, session):
    o = organisation(f)
    ci = issue(engine, o.org)
    a, b, c = (f.employee(o.org) for _ in range(3))
    r = client.post(_url(ci), json={"employee_ids": [str(a.id), str(b.id)]}, headers=o.hr.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"added": 2, "already": 0}
    # b again, c new, c listed twice: counted once
    r = client.post(_url(ci), json={"employee_ids": [str(b.id), str(c.id), str(c.id)]}, headers=o.hr.headers)
    assert r.json() == {"added": 1, "already": 1}
    assert _enrolled(session, ci) == {a.id, b.id, c.id}


def test_unknown_or_foreign_ids_write_nothing(client, f, engine, session):
    o, other = organisation(f), organisation(f)
    ci = issue(engine, o.org)
    mine, theirs = f.employee(o.org), f.employee(other.org)
    for bad in (theirs.id, uuid.uuid4()):
        r = client.post(_url(ci), json={"employee_ids": [str(mine.id), str(bad)]}, headers=o.hr.headers)
        assert r.status_code == 422
        body = r.json()
        assert body["errors"][0]["loc"] == ["body", "employee_ids", 1]
        assert str(bad) not in r.text and theirs.family_name not in r.text
    assert _enrolled(session, ci) == set()


def test_enrol_by_filter(client, f, engine, session):
    o, other = organisation(f), organisation(f)
    ci = issue(engine, o.org)
    fin1 = f.employee(o.org, department="Finance", job_title="Controller")
    fin2 = f.employee(o.org, department="Finance", job_title="Boekhouder")
    fin_left = f.employee(o.org, department="Finance", job_title="Controller", employment_status="left")
    f.employee(o.org, department="IT", job_title="Controller")
    f.employee(other.org, department="Finance", job_title="Controller")
    enrol(engine, ci, fin2)

    r = client.post(_url(ci), json={"filter": {"department": "Finance"}}, headers=o.hr.headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"added": 2, "already": 1}
    assert _enrolled(session, ci) == {fin1.id, fin2.id, fin_left.id}

    ci2 = issue(engine, o.org, title="Alleen actieve controllers")
    flt = {"department": "Finance", "job_title": "Controller", "employment_status": "active"}
    assert client.post(_url(ci2), json={"filter": flt}, headers=o.hr.headers).json() == {"added": 1, "already": 0}
    assert _enrolled(session, ci2) == {fin1.id}
    flt = {"department": "Nergens"}
    assert client.post(_url(ci2), json={"filter": flt}, headers=o.hr.headers).json() == {"added": 0, "already": 0}


def test_enrol_request_shape(client, f, engine):
    o = organisation(f)
    ci = issue(engine, o.org)
    e = f.employee(o.org)
    bad_bodies = [
        {},
        {"filter": {}},
        {"employee_ids": []},
        {"employee_ids": [str(e.id)], "filter": {"department": "Finance"}},
        {"filter": {"department": "Finance", "organisation_id": str(o.id)}},
        {"filter": {"employment_status": "retired"}},
        {"employee_ids": ["not-a-uuid"]},
        {"filter": {"department": "Fin\x00ance"}},
    ]
    for body in bad_bodies:
        r = client.post(_url(ci), json=body, headers=o.hr.headers)
        assert r.status_code == 422, body
        assert r.headers["content-type"].startswith("application/problem+json")


def test_closed_issue_takes_nobody(client, f, engine):
    o = organisation(f)
    ci = issue(engine, o.org, status="closed")
    e = f.employee(o.org)
    r = client.post(_url(ci), json={"employee_ids": [str(e.id)]}, headers=o.hr.headers)
    assert r.status_code == 409 and r.json()["type"].endswith("career-issue-closed")


def test_list_sorted_by_family_name_without_particle_and_paged(client, f, engine):
    o = organisation(f)
    ci = issue(engine, o.org)
    people = [
        f.employee(o.org, given_name="Anna", family_name_prefix="van der", family_name="Berg"),
        f.employee(o.org, given_name="Bram", family_name="Aalders"),
        f.employee(o.org, given_name="Cor", family_name_prefix="de", family_name="Vries"),
        f.employee(o.org, given_name="Dirk", family_name="Dekker"),
    ]
    f.employee(o.org, given_name="Niet", family_name="Betrokken")
    enrol(engine, ci, *people)
    names, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        r = client.get(_url(ci), params=params, headers=o.hr.headers)
        assert r.status_code == 200, r.text
        names += [i["family_name"] for i in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if not cursor:
            break
    assert names == ["Aalders", "Berg", "Dekker", "Vries"]
    desc = client.get(_url(ci), params={"sort": "-family_name"}, headers=o.hr.headers).json()
    assert [i["family_name"] for i in desc["items"]] == ["Vries", "Dekker", "Berg", "Aalders"]
    assert client.get(_url(ci), params={"sort": "fte"}, headers=o.hr.headers).status_code == 422


def test_remove_employee(client, f, engine, session):
    o = organisation(f, coaches=1)
    ci = issue(engine, o.org)
    a, b = f.employee(o.org), f.employee(o.org)
    enrol(engine, ci, a, b)
    t = trajectory(engine, ci, a, o.coaches[0])
    assert client.delete(f"{_url(ci)}/{a.id}", headers=o.hr.headers).status_code == 204
    assert client.delete(f"{_url(ci)}/{a.id}", headers=o.hr.headers).status_code == 404
    assert client.delete(f"{_url(ci)}/{uuid.uuid4()}", headers=o.hr.headers).status_code == 404
    assert _enrolled(session, ci) == {b.id}
    # the trajectory is kept and still belongs to the programme
    from koers.trajectories.models import Trajectory

    kept = session.get(Trajectory, t.id)
    assert kept is not None and kept.career_issue_id == ci.id
