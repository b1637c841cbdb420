"""Regressions found by the adversarial review: list filters with a NUL character were a 500 on PostgreSQL
(it cannot compare text containing NUL); they are a 422 like every other text input."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    ("path", "param"),
    [("/api/v1/employees", "department"), ("/api/v1/employees", "job_title"), ("/api/v1/organisations", "sector")],
)
def test_nul_in_list_filters_is_422(client: Any, f: Any, path: str, param: str) -> None:
    admin = f.admin()
    f.employee(f.organisation(sector="Zorg"), department="Finance")
    assert client.get(path, params={param: "a\x00b"}, headers=admin.headers).status_code == 422
    assert (
        client.get(path, params={param: "Finance" if param == "department" else "x"}, headers=admin.headers).status_code
        == 200
    )
