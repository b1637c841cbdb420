"""Confidentiality that holds (issue 5): a unique marker word is planted in every confidential field; no
endpoint returns it to HR, admins, another coach or another client, and a raw dump of the database does
not contain it. GET endpoints are discovered from the OpenAPI schema, so new ones are covered as they come.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from koers.career_issues.models import CareerIssue, CareerIssueFamily, CareerIssueKind
from tests.coaching.helpers import invite_client, setup, trajectory

SECRET = f"zqxsecret{uuid.uuid4().hex[:8]}"  # never to anyone but the coach
SHARED = f"zqxshared{uuid.uuid4().hex[:8]}"  # the client's; HR only with consent (none given here)


def _plant(client: Any, s: Any) -> dict[str, str]:
    coach = s.coach.headers
    ids: dict[str, str] = {}
    for section in (
        "why_here",
        "how_here",
        "setbacks",
        "meaning_of_work",
        "who_am_i",
        "what_do_i_want",
        "what_can_i_do",
        "where_do_i_find_it",
        "how_do_i_get_there",
    ):
        r = client.put(s.base + f"/intake/{section}", headers=coach, json={"text": f"{section} {SECRET}"})
        assert r.status_code == 200, r.text
    r = client.post(
        s.base + "/sessions",
        headers=coach,
        json={
            "starts_at": "2026-07-01T10:00:00+02:00",
            "duration_minutes": 60,
            "mode": "video",
            "private_notes": f"notes {SECRET}",
            "summary": f"summary {SHARED}",
        },
    )
    assert r.status_code == 201, r.text
    ids["session_id"] = r.json()["id"]
    r = client.post(
        s.base + "/referral-screenings",
        headers=coach,
        json={"signals": f"signals {SECRET}", "notes": f"n {SECRET}", "decision": "continue_alongside_care"},
    )
    assert r.status_code == 201, r.text
    goal = client.post(s.base + "/goals", headers=coach, json={"title": f"goal {SHARED}", "description": SHARED}).json()
    ids["goal_id"] = goal["id"]
    action = client.post(
        s.base + f"/goals/{goal['id']}/actions", headers=coach, json={"title": f"act {SHARED}", "owner": "coach"}
    ).json()
    ids["action_id"] = action["id"]
    # a report the client returned with a comment, then a new draft: never approved
    client.put(s.base + "/closing-report", headers=coach, json={"body": f"report {SHARED}"})
    client.post(s.base + "/closing-report/submit", headers=coach)
    client.post(s.base + "/closing-report/return", headers=s.client, json={"comment": f"comment {SHARED}"})
    client.put(s.base + "/closing-report", headers=coach, json={"body": f"report v2 {SHARED}"})
    # the organisation may see everything the agreement lists — but the client has not consented
    r = client.put(
        s.base + "/agreement",
        headers=s.hr.headers,
        json={"goals": "agreed goals", "shareable_items": ["session_summaries", "goal_progress", "closing_report"]},
    )
    assert r.status_code == 200
    return ids


def _get_paths(client: Any) -> list[tuple[str, set[str]]]:
    spec = client.get("/api/v1/openapi.json").json()
    out = []
    for path, ops in spec["paths"].items():
        if "get" in ops:
            query = {p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"}
            out.append((path, query))
    return out


def _calls(paths: list[tuple[str, set[str]]], values: dict[str, str]) -> list[str]:
    urls = []
    for path, query in paths:
        names = re.findall(r"{(\w+)}", path)
        if any(n not in values for n in names):
            raise AssertionError(f"the marker test does not know how to fill {path}; add its parameter")
        url = path
        for n in names:
            url = url.replace("{" + n + "}", values[n])
        urls.append(url)
        if "q" in query:
            urls.append(f"{url}?q={SECRET}")
            urls.append(f"{url}?q={SHARED}")
        if "trajectory_id" in query:
            urls.append(f"{url}?trajectory_id={values['trajectory_id']}")
    return urls


def test_marker_never_leaks(client, f, engine):
    from tests.imports.helpers import csv_bytes, run_import

    org = f.organisation()
    issue = CareerIssue(
        organisation_id=org.id,
        family=CareerIssueFamily.reorganisation,
        kind=CareerIssueKind.mobility_trajectory,
        title="Herstructurering",
    )
    f._save(issue)
    s = setup(f, client, org=org, career_issue_id=issue.id)
    ids = _plant(client, s)
    admin = f.admin()
    other_coach = f.coach(org)
    other_t = trajectory(f, org, other_coach, career_issue_id=None)
    other_client = invite_client(client, other_coach.headers, other_t.id)
    stranger_org = f.organisation()
    stranger_hr = f.hr(stranger_org)
    job = run_import(client, org.id, s.hr.headers, csv_bytes(["Personeelsnummer|Voornaam|Achternaam", "1|A|", "2|B|C"]))

    values = {
        "trajectory_id": str(s.trajectory.id),
        "organisation_id": str(org.id),
        "employee_id": str(s.employee_id),
        "career_issue_id": str(issue.id),
        "user_id": str(s.coach.id),
        "import_id": job["id"],
        "kind": "values",
        **ids,
    }
    urls = _calls(_get_paths(client), values)
    assert any(u.endswith("/dashboard") for u in urls) and any("/events" in u for u in urls)

    viewers = {
        "hr": (s.hr.headers, (SECRET, SHARED)),
        "admin": (admin.headers, (SECRET, SHARED)),
        "other coach": (other_coach.headers, (SECRET, SHARED)),
        "other client": (other_client, (SECRET, SHARED)),
        "other organisation's hr": (stranger_hr.headers, (SECRET, SHARED)),
        "own client": (s.client, (SECRET,)),
    }
    seen_ok = 0
    for role, (headers, markers) in viewers.items():
        for url in urls:
            r = client.get(url, headers=headers)
            assert r.status_code < 500, (role, url, r.status_code)
            seen_ok += r.status_code == 200
            body = r.content
            for marker in markers:
                assert marker.encode() not in body, f"{role} received a marker from {url}"
    assert seen_ok > 50
    # the coach does see it all (the test would be vacuous otherwise)
    assert SECRET in client.get(s.base + "/coaching", headers=s.coach.headers).text
    assert SHARED in client.get(s.base + "/sessions", headers=s.client).text
    # an unapproved report is not in HR's PDF either
    assert client.get(s.base + "/closing-report.pdf", headers=s.hr.headers).status_code == 404

    _assert_dump_clean(engine)


def _assert_dump_clean(engine: Any) -> None:
    if engine.dialect.name == "sqlite":
        path = Path(engine.url.database)
        engine.dispose()  # checkpoint nothing is lost: WAL and main file are both read
        blobs = [p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()]
        for blob in blobs:
            assert SECRET.encode() not in blob and SHARED.encode() not in blob
        return
    with engine.connect() as conn:
        insp = inspect(conn)
        for table in insp.get_table_names():
            for col in insp.get_columns(table):
                rows = conn.execute(text(f'SELECT CAST("{col["name"]}" AS TEXT) FROM "{table}"')).scalars().all()
                for value in rows:
                    assert value is None or (SECRET not in value and SHARED not in value), (table, col["name"])
