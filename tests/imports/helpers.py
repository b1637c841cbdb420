"""Helpers for import tests: upload a file through the API and run the queued jobs synchronously."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from koers.imports.worker import run_pending


def upload(
    client: Any,
    org_id: Any,
    headers: dict[str, str],
    content: bytes,
    *,
    name: str = "export.csv",
    mapping: dict[str, Any] | None = None,
    dry_run: bool = False,
) -> Any:
    data: dict[str, str] = {"dry_run": "true" if dry_run else "false"}
    if mapping is not None:
        data["mapping"] = json.dumps(mapping)
    return client.post(
        f"/api/v1/organisations/{org_id}/employee-imports",
        headers=headers,
        files={"file": (name, content, "text/csv")},
        data=data,
    )


def run_import(client: Any, org_id: Any, headers: dict[str, str], content: bytes, **kw: Any) -> dict[str, Any]:
    """Upload, run every queued job, and return the job as the API shows it (asserting the 202)."""
    r = upload(client, org_id, headers, content, **kw)
    assert r.status_code == 202, r.text
    assert r.headers["Location"] == f"/api/v1/employee-imports/{r.json()['id']}"
    run_pending()
    job = client.get(r.headers["Location"], headers=headers)
    assert job.status_code == 200, job.text
    return dict(job.json())


def employees(client: Any, org_id: Any, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The organisation's employees by employee number (all pages)."""
    out: dict[str, dict[str, Any]] = {}
    cursor = None
    while True:
        params: dict[str, Any] = {"organisation_id": str(org_id), "limit": 200}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/employees", headers=headers, params=params).json()
        for e in page["items"]:
            out[e["employee_number"]] = e
        cursor = page["next_cursor"]
        if not cursor:
            return out


def csv_bytes(
    lines: list[str], *, sep: str = ";", encoding: str = "utf-8", newline: str = "\r\n", bom: bool = False
) -> bytes:
    """A CSV file from ``|``-separated lines, written by the csv module (fields holding ``sep`` quoted)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=newline)
    for line in lines:
        writer.writerow(line.split("|"))
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data
