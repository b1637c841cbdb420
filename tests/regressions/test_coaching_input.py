"""Regressions found by the adversarial review: coaching input that produced a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.coaching.helpers import setup


@pytest.mark.parametrize(
    "body",
    [
        {"starts_at": "0001-01-01T00:30:00+01:00"},
        {"starts_at": "9999-12-31T23:30:00-01:00"},
        {"starts_at": "9999-12-31T23:00:00Z", "time_zone": "+14:00"},
        {"starts_at": "0001-01-01T01:00:00Z", "time_zone": "-12:00"},
    ],
)
def test_session_times_out_of_range_are_422_not_500(client: Any, f: Any, body: dict[str, Any]) -> None:
    s = setup(f, client)
    r = client.post(
        f"{s.base}/sessions", json={**body, "duration_minutes": 60, "mode": "video"}, headers=s.coach.headers
    )
    assert r.status_code == 422, r.text
    ok = client.post(
        f"{s.base}/sessions",
        json={"starts_at": "2026-12-01T10:00:00+01:00", "duration_minutes": 60, "mode": "video"},
        headers=s.coach.headers,
    )
    assert ok.status_code == 201, ok.text
    r = client.patch(f"{s.base}/sessions/{ok.json()['id']}", json=body, headers=s.coach.headers)
    assert r.status_code == 422, r.text
    assert client.get(f"{s.base}/sessions", headers=s.coach.headers).status_code == 200
