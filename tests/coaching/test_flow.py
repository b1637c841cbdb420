"""A coach and a client run a trajectory from intake to an approved closing report through the API; consent
changes what HR sees from that moment; referral screening moves the trajectory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from koers.coaching.models import ClientInvitation
from tests.coaching.helpers import CLIENT_PASSWORD, setup, trajectory


def test_intake_to_approved_closing_report(client, f):
    s = setup(f, client)
    coach, cl, hr = s.coach.headers, s.client, s.hr.headers

    values = client.get("/api/v1/catalogues/values", headers=coach).json()
    assert len(values) >= 10
    instrument = values[0]["id"]
    # intake: the intake questions and the five questions
    r = client.put(s.base + "/intake/why_here", headers=coach, json={"text": "Reorganisatie", "instrument_ids": []})
    assert r.status_code == 200, r.text
    r = client.put(s.base + "/intake/who_am_i", headers=coach, json={"text": "Waarden", "instrument_ids": [instrument]})
    assert r.status_code == 200 and r.json()["instrument_ids"] == [instrument]
    intake = client.get(s.base + "/intake", headers=coach).json()
    assert [e["section"] for e in intake][:4] == ["why_here", "how_here", "setbacks", "meaning_of_work"]
    assert len(intake) == 9
    for other in (cl, hr):
        assert client.get(s.base + "/intake", headers=other).status_code == 404
    assert client.put(s.base + "/intake/who_am_i", headers=cl, json={"text": "x"}).status_code == 404

    # sessions: stored in UTC, the zone kept
    r = client.post(
        s.base + "/sessions",
        headers=coach,
        json={
            "starts_at": "2026-07-01T10:00:00+02:00",
            "time_zone": "Europe/Amsterdam",
            "duration_minutes": 90,
            "mode": "in_person",
            "private_notes": "notities",
            "summary": "samenvatting",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["starts_at"] == "2026-07-01T08:00:00Z"
    assert body["local_start"] == "2026-07-01T10:00:00+02:00"
    r = client.post(
        s.base + "/sessions",
        headers=coach,
        json={"starts_at": "2026-07-08T10:00:00+01:00", "duration_minutes": 60, "mode": "phone"},
    )
    assert r.json()["time_zone"] == "+01:00"
    bad = client.post(
        s.base + "/sessions",
        headers=coach,
        json={"starts_at": "2026-07-08T10:00:00", "duration_minutes": 60, "mode": "phone"},
    )
    assert bad.status_code == 422
    assert (
        client.post(
            s.base + "/sessions",
            headers=cl,
            json={"starts_at": "2026-07-08T10:00:00Z", "duration_minutes": 60, "mode": "phone"},
        ).status_code
        == 403
    )

    client_sessions = client.get(s.base + "/sessions", headers=cl).json()["items"]
    assert client_sessions[0]["summary"] == "samenvatting" and client_sessions[0]["private_notes"] is None
    first = client.get(s.base + "/sessions?limit=1", headers=cl).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    rest = client.get(s.base + f"/sessions?limit=1&cursor={first['next_cursor']}", headers=cl).json()
    assert rest["items"][0]["time_zone"] == "+01:00" and rest["next_cursor"] is None
    hr_sessions = client.get(s.base + "/sessions", headers=hr).json()["items"]
    assert hr_sessions[0]["summary"] is None and hr_sessions[0]["duration_minutes"] == 90

    # action plan
    goal = client.post(s.base + "/goals", headers=coach, json={"title": "Nieuwe functie", "progress": 20}).json()
    action = client.post(
        s.base + f"/goals/{goal['id']}/actions",
        headers=coach,
        json={"title": "CV bijwerken", "owner": "client", "due_date": "2026-08-01"},
    ).json()
    r = client.patch(s.base + f"/actions/{action['id']}", headers=cl, json={"status": "done"})
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert client.patch(s.base + f"/actions/{action['id']}", headers=cl, json={"title": "x"}).status_code == 403
    plan = client.get(s.base + "/goals", headers=cl).json()
    assert plan[0]["actions"][0]["status"] == "done"
    assert client.get(s.base + "/goals", headers=hr).status_code == 404

    # closing report: draft -> submitted -> returned -> submitted -> approved
    assert client.put(s.base + "/closing-report", headers=coach, json={"body": "Eerste versie"}).status_code == 200
    assert client.get(s.base + "/closing-report", headers=cl).status_code == 404  # a draft is the coach's
    assert client.post(s.base + "/closing-report/submit", headers=coach).json()["status"] == "submitted"
    assert client.put(s.base + "/closing-report", headers=coach, json={"body": "x"}).status_code == 409
    r = client.post(s.base + "/closing-report/return", headers=cl, json={"comment": "Graag aanvullen"})
    assert r.json()["status"] == "returned" and r.json()["client_comment"] == "Graag aanvullen"
    assert (
        client.put(s.base + "/closing-report", headers=coach, json={"body": "Tweede versie"}).json()["status"]
        == "draft"
    )
    client.post(s.base + "/closing-report/submit", headers=coach)
    assert client.post(s.base + "/closing-report/approve", headers=coach).status_code == 403
    r = client.post(s.base + "/closing-report/approve", headers=cl)
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert client.put(s.base + "/closing-report", headers=coach, json={"body": "x"}).status_code == 409
    # approved but no consent: HR still sees nothing
    assert client.get(s.base + "/closing-report", headers=hr).status_code == 404
    pdf = client.get(s.base + "/closing-report.pdf", headers=cl)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and b"Tweede versie" in pdf.content

    view = client.get(s.base + "/coaching", headers=coach).json()
    assert view["used_hours"] == 2.5 and view["as_role"] == "coach"
    assert view["intake"][4]["text"] == "Waarden"

    # the audit log: HR of the organisation; ids, never content
    log = client.get(f"/api/v1/organisations/{s.org.id}/audit-log?limit=5", headers=hr)
    assert log.status_code == 200, log.text
    page = log.json()
    assert len(page["items"]) == 5 and page["next_cursor"]
    entries = list(page["items"])
    cursor = page["next_cursor"]
    while cursor:
        page = client.get(f"/api/v1/organisations/{s.org.id}/audit-log?limit=5&cursor={cursor}", headers=hr).json()
        entries += page["items"]
        cursor = page["next_cursor"]
    assert {"read", "create", "update", "invite"} <= {e["action"] for e in entries}
    assert not {"approve", "return"} & {e["action"] for e in entries}  # the client's verdict stays theirs
    types = {e["record_type"] for e in entries}
    assert "coaching_dossier" in types and "coaching_session" in types
    # the dossier stays opaque: intake, screening, goals, actions, the closing report
    assert not {"intake", "intake_entry", "referral_screening", "goal", "action", "closing_report"} & types
    assert client.get(f"/api/v1/organisations/{s.org.id}/audit-log", headers=coach).status_code == 403
    assert client.get(f"/api/v1/organisations/{s.org.id}/audit-log", headers=cl).status_code == 404


def test_consent_changes_what_hr_sees_from_that_moment(client, f):
    s = setup(f, client)
    coach, cl, hr = s.coach.headers, s.client, s.hr.headers
    client.post(
        s.base + "/sessions",
        headers=coach,
        json={"starts_at": "2026-07-01T10:00:00Z", "duration_minutes": 60, "mode": "video", "summary": "gedeeld stuk"},
    )
    client.post(s.base + "/goals", headers=coach, json={"title": "Doel A", "progress": 50})
    client.put(s.base + "/closing-report", headers=coach, json={"body": "Eindverslag"})
    client.post(s.base + "/closing-report/submit", headers=coach)
    client.post(s.base + "/closing-report/approve", headers=cl)

    r = client.put(
        s.base + "/agreement",
        headers=hr,
        json={
            "goals": "Binnen een jaar intern doorstromen",
            "shareable_items": ["session_summaries", "goal_progress", "closing_report"],
        },
    )
    assert r.status_code == 200, r.text
    assert client.put(s.base + "/agreement", headers=cl, json={"goals": "x"}).status_code == 403
    hr_view = client.get(s.base + "/coaching", headers=hr).json()
    assert hr_view["sessions"][0]["summary"] is None and hr_view["goals"] is None and hr_view["closing_report"] is None
    assert hr_view["agreement"]["planned_hours"] == 12.0

    # HR cannot consent on the client's behalf
    assert client.post(s.base + "/consents", headers=hr, json={"items": ["closing_report"]}).status_code == 403
    r = client.post(
        s.base + "/consents", headers=cl, json={"items": ["session_summaries", "goal_progress", "closing_report"]}
    )
    assert r.status_code == 201 and r.json()["version"] == 1
    hr_view = client.get(s.base + "/coaching", headers=hr).json()
    assert hr_view["sessions"][0]["summary"] == "gedeeld stuk"
    assert hr_view["goals"][0]["progress"] == 50
    assert hr_view["closing_report"]["body"] == "Eindverslag"
    assert client.get(s.base + "/closing-report.pdf", headers=hr).status_code == 200
    # "view as HR" for the client is the same picture
    as_org = client.get(s.base + "/as-organisation", headers=cl).json()
    assert as_org["as_role"] == "hr"
    assert as_org == hr_view
    assert as_org["intake"] is None and as_org["referral_screenings"] is None

    # withdraw the closing report and the summaries: hidden again at once
    r = client.post(s.base + "/consents", headers=cl, json={"items": ["goal_progress"]})
    assert r.json()["version"] == 2
    hr_view = client.get(s.base + "/coaching", headers=hr).json()
    assert hr_view["sessions"][0]["summary"] is None and hr_view["closing_report"] is None
    assert hr_view["goals"][0]["title"] == "Doel A"
    assert client.get(s.base + "/closing-report", headers=hr).status_code == 404
    history = client.get(s.base + "/consents", headers=hr).json()
    assert [c["version"] for c in history] == [2, 1]
    # consent only unlocks what the agreement lists as shareable
    client.put(s.base + "/agreement", headers=hr, json={"goals": "x", "shareable_items": []})
    assert client.get(s.base + "/goals", headers=hr).status_code == 404


def test_referral_pauses_or_closes(client, f):
    s = setup(f, client)
    coach = s.coach.headers
    r = client.post(
        s.base + "/referral-screenings", headers=coach, json={"signals": "Slaapt slecht", "decision": "continue"}
    )
    assert r.status_code == 201, r.text
    r = client.post(
        s.base + "/referral-screenings",
        headers=coach,
        json={
            "signals": "Somber",
            "decision": "refer",
            "referral_to": "gp",
            "referral_date": "2026-07-02",
            "trajectory_action": "pause",
        },
    )
    assert r.status_code == 201, r.text
    t = client.get(s.base, headers=s.hr.headers).json()
    assert t["status"] == "paused"
    events = client.get(s.base + "/events", headers=s.hr.headers)
    assert "Somber" not in events.text
    assert all(e["reason"] is None for e in events.json()["items"])  # a pause does not say "referral"
    assert (
        client.post(
            s.base + "/referral-screenings", headers=coach, json={"signals": "x", "decision": "refer"}
        ).status_code
        == 422
    )
    r = client.post(
        s.base + "/referral-screenings",
        headers=coach,
        json={"signals": "Ernstig", "decision": "refer", "referral_to": "psychologist", "trajectory_action": "close"},
    )
    assert r.status_code == 201, r.text
    t = client.get(s.base, headers=s.hr.headers).json()
    assert t["status"] == "closed" and t["outcome"] == "referred"
    listed = client.get(s.base + "/referral-screenings", headers=coach).json()
    assert listed[0]["decision"] == "refer" and len(listed) == 3
    assert client.get(s.base + "/referral-screenings", headers=s.client).status_code == 404


def test_invitation_single_use_expiry_and_client_scope(client, f, session):
    s = setup(f, client)
    # the client sees their own trajectory, nothing of other employees
    other = trajectory(f, s.org, s.coach)
    assert client.get(s.base, headers=s.client).status_code == 200
    assert client.get(f"/api/v1/trajectories/{other.id}", headers=s.client).status_code == 404
    assert client.get(f"/api/v1/trajectories/{other.id}/coaching", headers=s.client).status_code == 404
    listed = client.get("/api/v1/trajectories", headers=s.client).json()["items"]
    assert [t["id"] for t in listed] == [str(s.trajectory.id)]
    assert client.get("/api/v1/employees", headers=s.client).json()["items"] == []
    # the client cannot invite, nor move the trajectory
    assert client.post(s.base + "/client-invitations", headers=s.client).status_code == 403

    r = client.post(s.base + "/client-invitations", headers=s.hr.headers)
    token = r.json()["token"]
    ok = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": CLIENT_PASSWORD})
    assert ok.status_code == 200  # an existing client account, linked again with its own password
    again = client.post("/api/v1/client-invitations/accept", json={"token": token, "password": CLIENT_PASSWORD})
    assert again.status_code == 409
    r = client.post(s.base + "/client-invitations", headers=s.coach.headers)
    token2 = r.json()["token"]
    wrong = client.post("/api/v1/client-invitations/accept", json={"token": token2, "password": "not the password"})
    assert wrong.status_code == 409
    from sqlmodel import select

    from koers.core.security import hash_token

    inv = session.exec(select(ClientInvitation).where(ClientInvitation.token_hash == hash_token(token2))).one()
    inv.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    session.add(inv)
    session.commit()
    assert (
        client.post(
            "/api/v1/client-invitations/accept", json={"token": token2, "password": CLIENT_PASSWORD}
        ).status_code
        == 410
    )
    assert (
        client.post(
            "/api/v1/client-invitations/accept", json={"token": "x" * 40, "password": CLIENT_PASSWORD}
        ).status_code
        == 404
    )
    # no email address, no login
    no_mail = trajectory(f, s.org, s.coach, email=None)
    r = client.post(f"/api/v1/trajectories/{no_mail.id}/client-invitations", headers=s.coach.headers)
    assert r.status_code == 422 and r.json()["type"].endswith("no-email")
    # another organisation's HR: 404
    other_hr = f.hr(f.organisation())
    assert client.post(s.base + "/client-invitations", headers=other_hr.headers).status_code == 404


def test_catalogues_org_items(client, f):
    org = f.organisation()
    hr = f.hr(org)
    coach = f.coach(org)
    other = f.organisation()
    other_hr = f.hr(other)
    r = client.post(
        f"/api/v1/organisations/{org.id}/catalogues/competencies", headers=hr.headers, json={"name": "Lean werken"}
    )
    assert r.status_code == 201, r.text
    assert (
        client.post(
            f"/api/v1/organisations/{org.id}/catalogues/competencies", headers=coach.headers, json={"name": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/v1/organisations/{org.id}/catalogues/competencies", headers=other_hr.headers, json={"name": "x"}
        ).status_code
        == 404
    )
    names = [i["name"] for i in client.get("/api/v1/catalogues/competencies", headers=coach.headers).json()]
    assert "Lean werken" in names and "Networking" in names
    names = [i["name"] for i in client.get("/api/v1/catalogues/competencies", headers=other_hr.headers).json()]
    assert "Lean werken" not in names
    names = [
        i["name"]
        for i in client.get(
            f"/api/v1/catalogues/competencies?organisation_id={org.id}", headers=other_hr.headers
        ).json()
    ]
    assert "Lean werken" not in names


def test_dashboard_shows_hours_used_next_to_planned(client, f):
    from decimal import Decimal

    from koers.career_issues.models import CareerIssue, CareerIssueFamily, CareerIssueKind

    org = f.organisation()
    issue = CareerIssue(
        organisation_id=org.id, family=CareerIssueFamily.growth, kind=CareerIssueKind.talent_pool, title="Kweekvijver"
    )
    f._save(issue)
    s = setup(f, client, org=org, career_issue_id=issue.id)
    coach2 = f.coach(org)
    t2 = trajectory(f, org, coach2, career_issue_id=issue.id, planned_hours=Decimal("8"))
    for headers, tid, minutes in (
        (s.coach.headers, s.trajectory.id, 90),
        (s.coach.headers, s.trajectory.id, 60),
        (coach2.headers, t2.id, 45),
    ):
        r = client.post(
            f"/api/v1/trajectories/{tid}/sessions",
            headers=headers,
            json={"starts_at": "2026-07-01T10:00:00Z", "duration_minutes": minutes, "mode": "video"},
        )
        assert r.status_code == 201, r.text
    dash = client.get(f"/api/v1/career-issues/{issue.id}/dashboard", headers=s.hr.headers)
    assert dash.status_code == 200, dash.text
    body = dash.json()
    assert body["planned_hours"] == 20.0 and body["used_hours"] == 3.25
    per = {c["coach_id"]: c["used_hours"] for c in body["per_coach"]}
    assert per == {str(s.coach.id): 2.5, str(coach2.id): 0.75}


def test_fixed_number_of_statements_whatever_the_size(client, f, engine):
    from sqlalchemy import event

    s = setup(f, client)
    coach = s.coach.headers

    def count(url: str, headers: dict[str, str]) -> int:
        seen: list[str] = []

        def listener(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get(url, headers=headers).status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    def grow(n: int) -> None:
        for i in range(n):
            client.post(
                s.base + "/sessions",
                headers=coach,
                json={
                    "starts_at": f"2026-07-{i + 1:02d}T10:00:00Z",
                    "duration_minutes": 60,
                    "mode": "video",
                    "summary": "s",
                },
            )
            g = client.post(s.base + "/goals", headers=coach, json={"title": f"g{i}"}).json()
            client.post(s.base + f"/goals/{g['id']}/actions", headers=coach, json={"title": "a", "owner": "client"})

    grow(1)
    small = {u: count(s.base + u, h) for u, h in (("/coaching", coach), ("/sessions", s.client), ("/goals", s.client))}
    grow(8)
    large = {u: count(s.base + u, h) for u, h in (("/coaching", coach), ("/sessions", s.client), ("/goals", s.client))}
    assert small == large
