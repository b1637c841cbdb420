"""Consent follows the agreement: the client consents only to what the agreement shares, and narrowing the
agreement withdraws the consent for what it no longer shares (re-sharing needs new consent). A client can
never be made the coach of their own trajectory."""

from __future__ import annotations

from typing import Any

from tests.coaching.helpers import setup

ALL = ["session_summaries", "goal_progress", "closing_report"]


def test_consent_only_for_items_the_agreement_shares(client: Any, f: Any) -> None:
    s = setup(f, client)
    r = client.post(s.base + "/consents", headers=s.client, json={"items": ["goal_progress"]})
    assert r.status_code == 422  # no agreement yet
    client.put(
        s.base + "/agreement", headers=s.hr.headers, json={"goals": "x", "shareable_items": ["session_summaries"]}
    )
    r = client.post(s.base + "/consents", headers=s.client, json={"items": ["session_summaries", "goal_progress"]})
    assert r.status_code == 422
    assert client.get(s.base + "/consents", headers=s.client).json() == []
    r = client.post(s.base + "/consents", headers=s.client, json={"items": ["session_summaries"]})
    assert r.status_code == 201


def test_narrowing_the_agreement_withdraws_consent_for_good(client: Any, f: Any) -> None:
    s = setup(f, client)
    client.post(s.base + "/goals", headers=s.coach.headers, json={"title": "Doel A", "progress": 40})
    client.put(s.base + "/agreement", headers=s.hr.headers, json={"goals": "x", "shareable_items": ALL})
    assert client.post(s.base + "/consents", headers=s.client, json={"items": ALL}).status_code == 201
    assert client.get(s.base + "/goals", headers=s.hr.headers).status_code == 200
    # HR narrows, then widens again: the client's earlier consent does not come back by itself
    r = client.put(
        s.base + "/agreement", headers=s.hr.headers, json={"goals": "x", "shareable_items": ["session_summaries"]}
    )
    assert r.status_code == 200, r.text
    r = client.put(s.base + "/agreement", headers=s.hr.headers, json={"goals": "x", "shareable_items": ALL})
    assert r.status_code == 200, r.text
    assert client.get(s.base + "/goals", headers=s.hr.headers).status_code == 404
    history = client.get(s.base + "/consents", headers=s.client).json()
    assert [c["version"] for c in history] == [2, 1]
    assert history[0]["items"] == ["session_summaries"]


def test_a_client_cannot_coach_their_own_trajectory(client: Any, f: Any) -> None:
    s = setup(f, client)
    me = client.get("/api/v1/me", headers=s.client).json()
    assert me["client_employee_ids"] == [str(s.employee_id)]
    r = client.post(
        f"/api/v1/organisations/{s.org.id}/members", headers=s.hr.headers, json={"user_id": me["id"], "role": "coach"}
    )
    assert r.status_code == 201, r.text
    r = client.patch(f"/api/v1/trajectories/{s.trajectory.id}", headers=s.hr.headers, json={"coach_id": me["id"]})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"][-1] == "coach_id"
    assert client.get(s.base + "/intake", headers=s.client).status_code == 404


def test_bulk_start_refuses_a_client_as_their_own_coach(client: Any, f: Any) -> None:
    s = setup(f, client)
    me = client.get("/api/v1/me", headers=s.client).json()
    client.post(
        f"/api/v1/organisations/{s.org.id}/members", headers=s.hr.headers, json={"user_id": me["id"], "role": "coach"}
    )
    client.post(
        f"/api/v1/trajectories/{s.trajectory.id}/transitions",
        headers=s.hr.headers,
        json={"status": "closed", "outcome": "other"},
    )
    issue = client.post(
        "/api/v1/career-issues",
        headers=s.hr.headers,
        json={"organisation_id": str(s.org.id), "family": "mismatch", "kind": "problem_situation", "title": "T"},
    ).json()
    r = client.post(
        f"/api/v1/career-issues/{issue['id']}/employees",
        headers=s.hr.headers,
        json={"employee_ids": [str(s.employee_id)]},
    )
    assert r.json()["added"] == 1
    r = client.post(
        f"/api/v1/career-issues/{issue['id']}/trajectories",
        headers=s.hr.headers,
        json={"coaching_type": "career_counselling", "planned_hours": 10, "coach_ids": [me["id"]]},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"][-1] == "coach_ids"
