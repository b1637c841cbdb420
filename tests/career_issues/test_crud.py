"""Career issues: table 1.2's kind/family rule, CRUD with ETags, list filters, sorts and cursors."""

from __future__ import annotations

import uuid

import pytest

from koers.career_issues.models import KINDS_BY_FAMILY
from tests.career_issues.helpers import API, enrol, issue, organisation, trajectory

URL = f"{API}/career-issues"


def _body(org_id, **kw):
    body = {"organisation_id": str(org_id), "family": "growth", "kind": "talent_pool", "title": "Kweekvijver 2027"}
    body.update(kw)
    return body


@pytest.mark.parametrize(
    ("family", "kind"),
    [(fam.value, kind.value) for fam, kinds in KINDS_BY_FAMILY.items() for kind in kinds],
)
def test_every_kind_of_table_1_2_fits_its_family(client, f, family, kind):
    o = organisation(f)
    r = client.post(URL, json=_body(o.id, family=family, kind=kind), headers=o.hr.headers)
    assert r.status_code == 201, r.text
    assert (r.json()["family"], r.json()["kind"]) == (family, kind)


@pytest.mark.parametrize(
    ("family", "kind"),
    [
        ("growth", "mobility_trajectory"),
        ("mismatch", "talent_pool"),
        ("reorganisation", "complete_blockage"),
        ("growth", "no_such_kind"),
        ("no_such_family", "talent_pool"),
    ],
)
def test_kind_outside_its_family_is_422(client, f, family, kind):
    o = organisation(f)
    r = client.post(URL, json=_body(o.id, family=family, kind=kind), headers=o.hr.headers)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")


def test_create_read_update_delete(client, f):
    o = organisation(f)
    r = client.post(
        URL,
        json=_body(o.id, description="  Jong talent binden  ", start_date="2027-01-01", target_date="2027-12-31"),
        headers=o.hr.headers,
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["description"] == "Jong talent binden"
    assert created["status"] == "draft"
    assert r.headers["Location"] == f"/api/v1/career-issues/{created['id']}"
    item = f"{URL}/{created['id']}"

    r = client.get(item, headers=o.hr.headers)
    assert r.status_code == 200 and r.headers["ETag"] == 'W/"1"'

    # family change re-checked against the current kind (merged): talent_pool is not a mismatch kind
    r = client.patch(item, json={"family": "mismatch"}, headers={**o.hr.headers, "If-Match": 'W/"1"'})
    assert r.status_code == 422
    r = client.patch(item, json={"kind": "complete_blockage"}, headers=o.hr.headers)
    assert r.status_code == 422
    r = client.patch(
        item, json={"family": "mismatch", "kind": "complete_blockage"}, headers={**o.hr.headers, "If-Match": 'W/"1"'}
    )
    assert r.status_code == 200, r.text
    assert r.json()["kind"] == "complete_blockage" and r.headers["ETag"] == 'W/"2"'

    # stale If-Match: 412, nothing changed
    r = client.patch(item, json={"title": "Anders"}, headers={**o.hr.headers, "If-Match": 'W/"1"'})
    assert r.status_code == 412
    assert client.get(item, headers=o.hr.headers).json()["title"] == "Kweekvijver 2027"
    assert client.patch(item, json={}, headers={**o.hr.headers, "If-Match": 'W/"1"'}).status_code == 412

    for bad in (
        {"title": None},
        {"family": None},
        {"status": None},
        {"target_date": "2026-01-01"},
        {"title": "a\x00b"},
    ):
        assert client.patch(item, json=bad, headers=o.hr.headers).status_code == 422, bad
    assert client.patch(item, json={"organisation_id": str(uuid.uuid4())}, headers=o.hr.headers).status_code == 422

    assert client.delete(item, headers=o.hr.headers).status_code == 204
    assert client.get(item, headers=o.hr.headers).status_code == 404


def test_delete_refused_while_trajectories_belong_to_it(client, f, engine):
    o = organisation(f, coaches=1)
    ci = issue(engine, o.org)
    e = f.employee(o.org)
    enrol(engine, ci, e)
    trajectory(engine, ci, e, o.coaches[0])
    r = client.delete(f"{URL}/{ci.id}", headers=o.hr.headers)
    assert r.status_code == 409
    assert r.json()["type"].endswith("career-issue-in-use")
    assert client.get(f"{URL}/{ci.id}", headers=o.hr.headers).status_code == 200


def test_create_in_unknown_or_foreign_organisation(client, f):
    o, other = organisation(f), organisation(f)
    assert client.post(URL, json=_body(other.id), headers=o.hr.headers).status_code == 404
    assert client.post(URL, json=_body(uuid.uuid4()), headers=o.hr.headers).status_code == 404
    assert client.post(URL, json=_body(uuid.uuid4()), headers=f.admin().headers).status_code == 404
    assert client.post(URL, json=_body(o.id, title="   "), headers=o.hr.headers).status_code == 422
    assert client.post(URL, json=_body(o.id, title="x" * 201), headers=o.hr.headers).status_code == 422
    bad_dates = _body(o.id, start_date="2027-05-01", target_date="2027-01-01")
    assert client.post(URL, json=bad_dates, headers=o.hr.headers).status_code == 422
    assert client.post(URL, json=_body(o.id, start_date="2027-02-31"), headers=o.hr.headers).status_code == 422


def test_list_filters_sort_and_cursor(client, f, engine):
    o, other = organisation(f), organisation(f)
    issue(engine, o.org, title="Reorganisatie Finance")
    issue(engine, o.org, title="Kweekvijver", family="growth", kind="talent_pool", status="active")
    issue(engine, o.org, title="Fusie IT", kind="mobility_trajectory", status="closed")
    issue(engine, other.org, title="Reorganisatie elders")
    h = o.hr.headers

    def titles(**params):
        r = client.get(URL, params=params, headers=h)
        assert r.status_code == 200, r.text
        return [i["title"] for i in r.json()["items"]]

    assert titles(sort="title") == ["Fusie IT", "Kweekvijver", "Reorganisatie Finance"]
    assert titles(sort="-title") == ["Reorganisatie Finance", "Kweekvijver", "Fusie IT"]
    assert titles(family="growth") == ["Kweekvijver"]
    assert titles(kind="mobility_trajectory") == ["Fusie IT"]
    assert titles(status="closed") == ["Fusie IT"]
    assert titles(q="REORG") == ["Reorganisatie Finance"]
    assert titles(q="%") == []
    assert titles(organisation_id=str(other.id)) == []  # a filter naming another organisation: nothing
    assert titles(organisation_id=str(o.id), sort="title") == ["Fusie IT", "Kweekvijver", "Reorganisatie Finance"]

    seen, cursor = [], None
    while True:
        params = {"limit": 1, "sort": "title", **({"cursor": cursor} if cursor else {})}
        page = client.get(URL, params=params, headers=h).json()
        seen += [i["title"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["Fusie IT", "Kweekvijver", "Reorganisatie Finance"]

    assert client.get(URL, params={"sort": "description"}, headers=h).status_code == 422
    assert client.get(URL, params={"cursor": "bm9wZQ"}, headers=h).status_code == 422
    assert client.get(URL, params={"kind": "nope"}, headers=h).status_code == 422

    admin = f.admin()
    assert len(client.get(URL, headers=admin.headers).json()["items"]) == 4
