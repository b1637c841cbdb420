"""Core API behaviour: auth, problem details, tenancy and concurrency for users, organisations, employees."""

from __future__ import annotations

import uuid

from jose import jwt

from koers.core.config import get_settings
from tests.factories import PASSWORD


def test_health(client):
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    assert client.get("/api/v1/health/ready").json()["database"] == "ok"


def test_login_refresh_rotation_and_logout(client, f):
    user = f.user(email="hr@example.nl")
    r = client.post("/api/v1/auth/token", data={"username": "HR@example.nl", "password": PASSWORD})
    assert r.status_code == 200, r.text
    pair = r.json()
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert me.status_code == 200 and me.json()["id"] == str(user.id)
    assert "password" not in me.text and "password_hash" not in me.text

    r2 = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert r2.status_code == 200
    # reuse of a rotated token is refused and revokes the family
    r3 = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert r3.status_code == 401
    r4 = client.post("/api/v1/auth/refresh", json={"refresh_token": r2.json()["refresh_token"]})
    assert r4.status_code == 401

    r5 = client.post("/api/v1/auth/token", data={"username": "hr@example.nl", "password": PASSWORD}).json()
    assert client.post("/api/v1/auth/logout", json={"refresh_token": r5["refresh_token"]}).status_code == 204
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": r5["refresh_token"]}).status_code == 401


def test_wrong_password_and_throttle(client, f):
    f.user(email="x@example.nl")
    for _ in range(5):
        r = client.post("/api/v1/auth/token", data={"username": "x@example.nl", "password": "wrong-password"})
        assert r.status_code == 401
        assert r.headers["content-type"].startswith("application/problem+json")
    r = client.post("/api/v1/auth/token", data={"username": "x@example.nl", "password": PASSWORD})
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) >= 1


def test_bad_tokens_are_401_with_challenge(client, f):
    user = f.user()
    settings = get_settings()
    good = f.headers(user)["Authorization"].split()[1]
    header, payload, sig = good.split(".")
    tampered = f"{header}.{payload}.{sig[:-2]}{'A' if sig[-2] != 'A' else 'B'}{sig[-1]}"
    none_alg = jwt.encode({"sub": str(user.id), "exp": 9999999999}, "", algorithm="HS256")
    import base64
    import json

    hdr = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).decode().rstrip("=")
    unsigned = f"{hdr}.{none_alg.split('.')[1]}."
    expired = jwt.encode(
        {"sub": str(user.id), "exp": 1, "iat": 0, "iss": "koers", "typ": "access"},
        settings.secret_key,
        "HS256",
    )
    no_exp = jwt.encode({"sub": str(user.id), "iat": 0, "iss": "koers", "typ": "access"}, settings.secret_key, "HS256")
    for token in (tampered, unsigned, expired, no_exp, "garbage", ""):
        r = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, token
        assert r.headers["WWW-Authenticate"] == "Bearer"
        assert r.json()["status"] == 401


def test_deactivated_user_refused_at_once(client, f):
    admin = f.admin()
    user = f.user()
    h = f.headers(user)
    assert client.get("/api/v1/me", headers=h).status_code == 200
    r = client.patch(f"/api/v1/users/{user.id}", json={"is_active": False}, headers=admin.headers)
    assert r.status_code == 200
    assert client.get("/api/v1/me", headers=h).status_code == 401


def test_removed_membership_refused_at_once(client, f):
    org = f.organisation()
    admin = f.admin()
    hr = f.hr(org)
    assert client.get(f"/api/v1/organisations/{org.id}", headers=hr.headers).status_code == 200
    r = client.delete(f"/api/v1/organisations/{org.id}/members/{hr.id}", headers=admin.headers)
    assert r.status_code == 204
    assert client.get(f"/api/v1/organisations/{org.id}", headers=hr.headers).status_code == 404


def test_unknown_fields_and_self_escalation_refused(client, f):
    user = f.user()
    h = f.headers(user)
    r = client.patch(f"/api/v1/users/{user.id}", json={"is_admin": True}, headers=h)
    assert r.status_code == 422
    r = client.patch(f"/api/v1/users/{user.id}", json={"is_active": False}, headers=h)
    assert r.status_code == 403
    org = f.organisation()
    hr = f.hr(org)
    r = client.post(
        f"/api/v1/organisations/{org.id}/employees",
        json={
            "employee_number": "1",
            "given_name": "A",
            "family_name": "B",
            "organisation_id": str(uuid.uuid4()),
        },
        headers=hr.headers,
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"][-1] == "organisation_id"


def test_problem_details_for_bad_input(client, f):
    org = f.organisation()
    hr = f.hr(org)
    url = f"/api/v1/organisations/{org.id}/employees"
    cases = [
        {"employee_number": "1\x00", "given_name": "A", "family_name": "B"},
        {"employee_number": "1", "given_name": "A" * 100000, "family_name": "B"},
        {"employee_number": "1", "given_name": "A", "family_name": "B", "date_of_birth": "1990-02-31"},
        {"employee_number": "1", "given_name": "A", "family_name": "B", "employment_status": "fired"},
        {"employee_number": 1, "given_name": ["A"], "family_name": "B"},
        {"employee_number": "1", "given_name": "A", "family_name": "B", "mobility_capacity": 6},
    ]
    for body in cases:
        r = client.post(url, json=body, headers=hr.headers)
        assert r.status_code == 422, body
        assert r.headers["content-type"] == "application/problem+json"
        problem = r.json()
        assert {"type", "title", "status", "detail", "errors"} <= set(problem)
        assert "A" * 50 not in r.text
    r = client.post(url, content=b"{not json", headers={**hr.headers, "Content-Type": "application/json"})
    assert r.status_code == 422
    assert client.get("/api/v1/employees", headers=hr.headers).json()["items"] == []


def test_other_organisation_answers_404(client, f):
    mine, theirs = f.organisation(), f.organisation()
    hr = f.hr(mine)
    other = f.employee(theirs)
    for method, url in [
        ("get", f"/api/v1/organisations/{theirs.id}"),
        ("patch", f"/api/v1/organisations/{theirs.id}"),
        ("get", f"/api/v1/organisations/{theirs.id}/members"),
        ("get", f"/api/v1/employees/{other.id}"),
        ("patch", f"/api/v1/employees/{other.id}"),
        ("delete", f"/api/v1/employees/{other.id}"),
        ("get", f"/api/v1/employees/{uuid.uuid4()}"),
    ]:
        kwargs = {"json": {}} if method == "patch" else {}
        r = getattr(client, method)(url, headers=hr.headers, **kwargs)
        assert r.status_code == 404, (method, url, r.status_code)
    r = client.get("/api/v1/employees", params={"organisation_id": str(theirs.id)}, headers=hr.headers)
    assert r.status_code == 200 and r.json()["items"] == []


def test_employee_sort_ignores_particle_and_pages(client, f):
    org = f.organisation()
    hr = f.hr(org)
    url = f"/api/v1/organisations/{org.id}/employees"
    names = [("van der", "Berg"), (None, "Aalders"), ("de", "Vries"), (None, "Bakker"), ("van", "Zanten")]
    for i, (prefix, family) in enumerate(names):
        body = {"employee_number": f"00{i}", "given_name": "Kees", "family_name": family}
        if prefix:
            body["family_name_prefix"] = prefix
        assert client.post(url, json=body, headers=hr.headers).status_code == 201
    # particle inside the family name is split off
    r = client.post(
        url,
        json={"employee_number": "0099", "given_name": "Anna", "family_name": "van den Broek"},
        headers=hr.headers,
    )
    assert r.json()["family_name_prefix"] == "van den" and r.json()["family_name"] == "Broek"
    assert r.json()["employee_number"] == "0099"
    seen = []
    cursor = None
    while True:
        params = {"limit": 2, "organisation_id": str(org.id)}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/employees", params=params, headers=hr.headers).json()
        seen += [e["family_name"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["Aalders", "Bakker", "Berg", "Broek", "Vries", "Zanten"]
    r = client.get("/api/v1/employees", params={"sort": "salary"}, headers=hr.headers)
    assert r.status_code == 422
    r = client.get("/api/v1/employees", params={"cursor": "bm9wZQ"}, headers=hr.headers)
    assert r.status_code == 422


def test_etag_if_match(client, f):
    org = f.organisation()
    hr = f.hr(org)
    e = f.employee(org)
    r = client.get(f"/api/v1/employees/{e.id}", headers=hr.headers)
    tag = r.headers["ETag"]
    r1 = client.patch(f"/api/v1/employees/{e.id}", json={"fte": "0.8"}, headers={**hr.headers, "If-Match": tag})
    assert r1.status_code == 200 and r1.json()["fte"] == 0.8
    r2 = client.patch(f"/api/v1/employees/{e.id}", json={"fte": "0.6"}, headers={**hr.headers, "If-Match": tag})
    assert r2.status_code == 412
    assert client.get(f"/api/v1/employees/{e.id}", headers=hr.headers).json()["fte"] == 0.8


def test_security_headers_and_request_id(client):
    r = client.get("/api/v1/health")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert len(r.headers["x-request-id"]) >= 8


def test_own_password_change_needs_the_current_password(client, f):
    user = f.user(email="self@example.nl")
    h = f.headers(user)
    new = "another long passphrase"
    r = client.patch(f"/api/v1/users/{user.id}", json={"password": new}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == "current_password"
    r = client.patch(f"/api/v1/users/{user.id}", json={"password": new, "current_password": "wrong one!"}, headers=h)
    assert r.status_code == 422
    r = client.patch(f"/api/v1/users/{user.id}", json={"password": new, "current_password": PASSWORD}, headers=h)
    assert r.status_code == 200
    r = client.post("/api/v1/auth/token", data={"username": "self@example.nl", "password": new})
    assert r.status_code == 200
    assert "passphrase" not in client.get("/api/v1/me", headers=h).text


def test_search_treats_wildcards_literally(client, f):
    admin = f.admin()
    f.user(email="plain@example.nl", full_name="Plain Name")
    assert client.get("/api/v1/users", params={"q": "%"}, headers=admin.headers).json()["items"] == []
    assert client.get("/api/v1/users", params={"q": "_"}, headers=admin.headers).json()["items"] == []
    found = client.get("/api/v1/users", params={"q": "plain"}, headers=admin.headers).json()["items"]
    assert [u["email"] for u in found] == ["plain@example.nl"]
