"""Regressions found by the adversarial review: tampered cursors (well-formed base64 JSON for the right sort,
with values of the wrong type) must be a 422, never a 500 (PostgreSQL refuses to compare text with numbers,
to bind objects, or to store NUL characters)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest


def _cursor(sort: str, values: list[Any]) -> str:
    raw = json.dumps({"s": sort, "v": values})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


ID = "00000000-0000-0000-0000-000000000001"


@pytest.mark.parametrize(
    ("path", "sort", "value"),
    [
        ("/api/v1/employees", "family_name", 5),
        ("/api/v1/employees", "family_name", {"a": 1}),
        ("/api/v1/employees", "family_name", ["x"]),
        ("/api/v1/employees", "family_name", "a\x00b"),
        ("/api/v1/employees", "family_name", None),
        ("/api/v1/employees", "employee_number", 10**30),
        ("/api/v1/employees", "employee_number", True),
        ("/api/v1/employees", "created_at", "2026-01-01T00:00:00"),
        ("/api/v1/employees", "created_at", "0001-01-01T00:00:00+14:00"),
        ("/api/v1/trajectories", "start_date", "0001-01-01"),
        ("/api/v1/trajectories", "client_name", 1.5),
        ("/api/v1/organisations", "name", {"x": [1]}),
    ],
)
def test_tampered_cursor_values_are_422(client: Any, f: Any, path: str, sort: str, value: Any) -> None:
    org = f.organisation()
    hr = f.hr(org)
    f.employee(org)
    r = client.get(path, params={"sort": sort, "cursor": _cursor(sort, [value, ID])}, headers=hr.headers)
    assert r.status_code in (200, 422), r.text


def test_tampered_cursor_id_is_422(client: Any, f: Any) -> None:
    org = f.organisation()
    hr = f.hr(org)
    for bad in [5, None, {"a": 1}, "not-a-uuid"]:
        r = client.get("/api/v1/employees", params={"cursor": _cursor("family_name", ["a", bad])}, headers=hr.headers)
        assert r.status_code == 422, r.text
