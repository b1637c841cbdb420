"""The main job end to end (issue 3, "Done when"), through the HTTP API only, on each real HRIS export in
``../shared/data``: import (a dry run, a deliberately broken copy that writes nothing, the real import, a
re-import that changes nothing), a reorganisation career issue for one department, enrolment by filter,
trajectories started over three coaches, coaches moving and closing some of them along a fixed plan, and
every figure of the programme dashboard and the mobility matrix checked against values computed here from
the file (``csv`` module) and from the plan. Runs on SQLite and PostgreSQL (``TEST_DATABASE_URL``).

The data sets carry no mobility scores; the test maps two 1-5 / 1-4 survey columns of each file onto
mobility willingness and capacity (only so that the matrix has known, file-derived values), then changes a
few employees' scores with ``PATCH``.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import openpyxl
import pytest

from tests.conftest import shared_data
from tests.e2e.helpers import (
    Planned,
    SourceRow,
    broken_copy,
    count_statements,
    employees_by_number,
    expected_events,
    expected_figures,
    expected_matrix,
    family_first,
    import_file,
    ok,
    pages,
    read_rows,
    us_date,
    us_short_date,
)

pytestmark = pytest.mark.realdata

API = "/api/v1"
Expect = Callable[[dict[str, str], date], dict[str, Any]]
Names = Callable[[dict[str, str]], tuple[str, str] | None]


@dataclass(frozen=True)
class DataSet:
    """One real export: how to map it, what each row must become, and which department is reorganised."""

    id: str
    relative: str
    number_column: str
    mapping: dict[str, Any]
    expect: Expect  # the employee fields a file row must give (checked on every row)
    names: Names  # (family, given) for rows whose names can be checked exactly; None to skip the row
    department: str  # the reorganised department (as stored: trimmed)
    other_department: str
    bad_cell: tuple[str, str, str]  # (column, value, Koers field) made impossible in the broken copy
    bulk_start_date: bool  # whether the bulk start gives a start date (else days count from the creation date)
    median_days: float  # the plan's overall median days to close, spelled out (closing today)


def _v14(cells: dict[str, str], today: date) -> dict[str, Any]:
    return {
        "employee_number": cells["EmpID"].strip(),
        "department": cells["Department"].strip(),
        "job_title": cells["Position"].strip(),
        "date_of_birth": us_short_date(cells["DOB"], today).isoformat(),
        "hire_date": us_date(cells["DateofHire"]).isoformat(),
        "employment_status": "active" if cells["EmploymentStatus"] == "Active" else "left",
        "mobility_willingness": int(cells["EmpSatisfaction"]),
        "mobility_capacity": int(cells["PerfScoreID"]),
        "email": None,
        "fte": None,
    }


def _ibm(cells: dict[str, str], today: date) -> dict[str, Any]:
    return {
        "employee_number": cells["EmployeeNumber"],
        "department": cells["Department"],
        "job_title": cells["JobRole"],
        "date_of_birth": None,
        "hire_date": None,
        "employment_status": "active",
        "mobility_willingness": int(cells["JobSatisfaction"]),
        "mobility_capacity": int(cells["EnvironmentSatisfaction"]),
        "given_name": "",
        "family_name_prefix": None,
        "family_name": "",
        "email": None,
        "fte": None,
    }


DATA_SETS = [
    DataSet(
        id="hr-dataset-v14",
        relative="hr-dataset-v14/HRDataset_v14.csv",
        number_column="EmpID",
        mapping={
            "employee_number": "EmpID",
            "name_column": "Employee_Name",
            "name_order": "family_first",
            "date_of_birth": "DOB",
            "hire_date": "DateofHire",
            "date_order": "mdy",
            "job_title": "Position",
            "department": "Department",
            "employment_status": "EmploymentStatus",
            "mobility_willingness": "EmpSatisfaction",
            "mobility_capacity": "PerfScoreID",
        },
        expect=_v14,
        names=lambda cells: family_first(cells["Employee_Name"]),
        department="Production",
        other_department="Sales",
        bad_cell=("DateofHire", "2/31/2012", "hire_date"),  # 31 February
        bulk_start_date=True,
        median_days=75,  # 10 15 30 45 60 [75] 91 100 100 120 200
    ),
    DataSet(
        id="ibm-hr-employee-attrition",
        relative="ibm-hr-employee-attrition/WA_Fn-UseC_-HR-Employee-Attrition.csv",
        number_column="EmployeeNumber",
        mapping={
            "employee_number": "EmployeeNumber",
            "department": "Department",
            "job_title": "JobRole",
            "mobility_willingness": "JobSatisfaction",
            "mobility_capacity": "EnvironmentSatisfaction",
            "allow_missing_names": True,
        },
        expect=_ibm,
        names=lambda cells: None,  # no names in this export (checked as "" by ``expect``)
        department="Research & Development",
        other_department="Sales",
        bad_cell=(
            "JobSatisfaction",
            "6",
            "mobility_willingness",
        ),  # no dates in this file: a score off the 1-5 scale instead
        bulk_start_date=False,
        median_days=45,  # 0 0 10 15 30 [45] 60 75 91 120 200
    ),
]

# --- The plan: what the coaches do to the first trajectories (sorted by employee number) -----------------------

ACTIVATE = {"status": "active"}
PAUSE = {"status": "paused"}


def phase(name: str, **extra: Any) -> dict[str, Any]:
    return {"phase": name, **extra}


def close(outcome: str, **extra: Any) -> dict[str, Any]:
    return {"status": "closed", "outcome": outcome, **extra}


FORWARD = [phase("self_analysis"), phase("market_orientation"), phase("action"), phase("aftercare")]


@dataclass(frozen=True)
class Step:
    transitions: list[dict[str, Any]]
    final: tuple[str, str, str | None]  # the expected (phase, status, outcome)
    started_days_ago: int | None = None  # the coach sets start_date = today - n before closing
    planned_hours: float | None = None  # HR changes the planned hours


PLAN = [
    Step([ACTIVATE], ("intake", "active", None), planned_hours=20),
    Step([ACTIVATE, *FORWARD[:1]], ("self_analysis", "active", None)),
    Step([ACTIVATE, *FORWARD[:2]], ("market_orientation", "active", None)),
    Step([ACTIVATE, *FORWARD[:3]], ("action", "active", None)),
    Step([ACTIVATE, *FORWARD], ("aftercare", "active", None)),
    Step([ACTIVATE, PAUSE], ("intake", "paused", None)),
    Step([ACTIVATE, *FORWARD[:1], PAUSE], ("self_analysis", "paused", None), planned_hours=0),
    Step([ACTIVATE, PAUSE, {"status": "active", "phase": "self_analysis"}], ("self_analysis", "active", None)),
    Step(
        [ACTIVATE, *FORWARD[:3], {"phase": "aftercare", **close("internal_move")}],
        ("aftercare", "closed", "internal_move"),
        started_days_ago=30,
        planned_hours=8.25,
    ),
    Step([ACTIVATE, *FORWARD[:3], close("internal_move")], ("action", "closed", "internal_move"), 45),
    Step([ACTIVATE, *FORWARD[:1], close("external_placement")], ("self_analysis", "closed", "external_placement"), 60),
    Step([ACTIVATE, *FORWARD, close("external_placement")], ("aftercare", "closed", "external_placement"), 91),
    Step([ACTIVATE, close("retained_in_role")], ("intake", "closed", "retained_in_role"), 10),
    Step([close("other", reason="Left before the intake")], ("intake", "closed", "other"), 120),
    Step(
        [ACTIVATE, *FORWARD[:2], phase("self_analysis", reason="Back to the values"), close("education")],
        ("self_analysis", "closed", "education"),
        75,
    ),
    Step([ACTIVATE, *FORWARD[:2], close("internal_move")], ("market_orientation", "closed", "internal_move"), 200),
    Step([ACTIVATE, PAUSE, close("retirement")], ("intake", "closed", "retirement"), 15),
    # No start date set by the coach: days count from the bulk start's date, or the creation date without one.
    Step([ACTIVATE, close("self_employed")], ("intake", "closed", "self_employed")),
    Step([close("referred")], ("intake", "closed", "referred")),
]
BULK_HOURS = 12.5
BULK_STARTED_DAYS_AGO = 100


@pytest.mark.parametrize("ds", DATA_SETS, ids=lambda d: d.id)
def test_programme_journey(client: Any, f: Any, engine: Any, tmp_path: Any, ds: DataSet) -> None:
    path = shared_data(ds.relative)
    content = path.read_bytes()
    rows = read_rows(path)
    today = datetime.now(UTC).date()
    n = len(rows)
    expected = {ds.expect(r.cells, today)["employee_number"]: ds.expect(r.cells, today) for r in rows}
    assert len(expected) == n, "the real file's employee numbers are unique"

    org, other_org = f.organisation(), f.organisation()
    admin, hr, other_hr = f.admin(), f.hr(org), f.hr(other_org)
    coaches = [f.coach(org) for _ in range(3)]
    coach_by_id = {str(c.id): c for c in coaches}
    H = hr.headers

    # 1. A dry run: the right row count, nothing written.
    dry = import_file(client, org.id, H, content, path.name, ds.mapping, dry_run=True)
    assert dry["state"] == "succeeded", dry
    assert dry["counts"] == {"rows": n, "created": n, "updated": 0, "unchanged": 0, "failed": 0}
    assert dry["errors"] == [] and dry["errors_total"] == 0
    options = ("date_order", "name_column", "name_order", "allow_missing_names")
    assert dry["mapping"]["fields"] == {k: v for k, v in ds.mapping.items() if k not in options}
    assert dry["mapping"]["name_column"] == ds.mapping.get("name_column")
    assert employees_by_number(client, org.id, H) == {}

    # 2. A broken copy (an impossible value, an empty employee number, a duplicate one): fails, reports
    #    exactly those rows by line, writes nothing.
    bad_at, empty_at, original_at, duplicate_at = 4, 9, 2, 20
    bad_column, bad_value, bad_field = ds.bad_cell
    broken = broken_copy(
        path,
        tmp_path / path.name,
        {
            bad_at: (bad_column, bad_value),
            empty_at: (ds.number_column, ""),
            duplicate_at: (ds.number_column, rows[original_at].cells[ds.number_column]),
        },
    )
    failed = import_file(client, org.id, H, broken, path.name, ds.mapping, dry_run=False)
    assert failed["state"] == "failed", failed
    assert failed["counts"] == {"rows": n, "created": 0, "updated": 0, "unchanged": 0, "failed": 3}
    assert failed["errors_total"] == 3 and failed["errors_truncated"] is False
    assert sorted((e["line"], e["column"]) for e in failed["errors"]) == sorted(
        [
            (rows[bad_at].line, bad_column),
            (rows[empty_at].line, ds.number_column),
            (rows[duplicate_at].line, ds.number_column),
        ]
    )
    errors = {e["line"]: e for e in failed["errors"]}
    assert errors[rows[bad_at].line]["value"] == bad_value
    assert [errors[rows[i].line]["field"] for i in (bad_at, empty_at, duplicate_at)] == [
        bad_field,
        "employee_number",
        "employee_number",
    ]
    assert errors[rows[empty_at].line]["value"] is None
    assert str(rows[original_at].line) in errors[rows[duplicate_at].line]["reason"]
    assert failed["failure_reason"]
    assert employees_by_number(client, org.id, H) == {}

    # 3. The real import: exact counts, every row's values as the file says; a re-import changes nothing.
    job = import_file(client, org.id, H, content, path.name, ds.mapping, dry_run=False)
    assert job["state"] == "succeeded", job
    assert job["counts"] == {"rows": n, "created": n, "updated": 0, "unchanged": 0, "failed": 0}
    assert job["progress"] == {"processed": n, "total": n}
    people = employees_by_number(client, org.id, H)
    assert people.keys() == expected.keys()
    for number, values in expected.items():
        assert {k: people[number][k] for k in values} == values, number
    named = 0
    for r in rows:
        names = ds.names(r.cells)
        if names is not None:
            person = people[ds.expect(r.cells, today)["employee_number"]]
            assert (person["family_name"], person["given_name"], person["family_name_prefix"]) == (*names, None)
            named += 1
    if ds.mapping.get("name_column"):
        assert named >= n * 0.9  # nearly every name is checked exactly (particle-like ones are left out)
    again = import_file(client, org.id, H, content, path.name, ds.mapping, dry_run=False)
    assert again["state"] == "succeeded", again
    assert again["counts"] == {"rows": n, "created": 0, "updated": 0, "unchanged": n, "failed": 0}
    assert len(employees_by_number(client, org.id, H)) == n
    jobs = pages(client, f"{API}/organisations/{org.id}/employee-imports", H)
    assert [(j["state"], j["dry_run"], j["counts"]["rows"]) for j in jobs] == [
        ("succeeded", False, n),
        ("succeeded", False, n),
        ("failed", False, n),
        ("succeeded", True, n),
    ]
    ids = {number: p["id"] for number, p in people.items()}

    # 4. A reorganisation of one department: enrol by filter, twice.
    in_department = sorted(num for num, v in expected.items() if v["department"] == ds.department)
    active = [num for num in in_department if expected[num]["employment_status"] == "active"]
    left = [num for num in in_department if expected[num]["employment_status"] == "left"]
    assert in_department and len(active) > len(PLAN) + 1
    issue_body = {
        "organisation_id": str(org.id),
        "family": "reorganisation",
        "kind": "forced_internal_mobility",
        "title": f"Reorganisatie {ds.department}",
        "status": "active",
        "start_date": today.isoformat(),
    }
    issue = ok(client.post(f"{API}/career-issues", headers=H, json=issue_body), 201)
    assert {k: issue[k] for k in issue_body} == issue_body
    issue_url = f"{API}/career-issues/{issue['id']}"
    enrol = {"filter": {"department": ds.department}}
    assert ok(client.post(f"{issue_url}/employees", headers=H, json=enrol)) == {
        "added": len(in_department),
        "already": 0,
    }
    assert ok(client.post(f"{issue_url}/employees", headers=H, json=enrol)) == {
        "added": 0,
        "already": len(in_department),
    }
    affected = pages(client, f"{issue_url}/employees", H)
    assert sorted(e["employee_number"] for e in affected) == in_department

    # 5. Trajectories over three coaches. One active employee already has an open trajectory (outside the
    #    programme): reported, not duplicated; employees who left are reported too.
    busy = active[0]
    ok(
        client.post(
            f"{API}/trajectories",
            headers=H,
            json={"employee_id": ids[busy], "coach_id": str(coaches[0].id), "coaching_type": "career_counselling"},
        ),
        201,
    )
    bulk_start = today - timedelta(days=BULK_STARTED_DAYS_AGO)
    start_body = {
        "coaching_type": "career_counselling",
        "planned_hours": BULK_HOURS,
        "coach_ids": [str(c.id) for c in coaches],
        **({"start_date": bulk_start.isoformat()} if ds.bulk_start_date else {}),
    }
    started = ok(client.post(f"{issue_url}/trajectories", headers=H, json=start_body))
    assert started["started"] == len(active) - 1
    assert len(started["skipped"]) == len(left) + 1
    assert {(s["employee_id"], s["reason"]) for s in started["skipped"]} == {(ids[busy], "open_trajectory")} | {
        (ids[num], "employment_left") for num in left
    }
    repeat = ok(client.post(f"{issue_url}/trajectories", headers=H, json=start_body))
    assert repeat["started"] == 0
    assert Counter(s["reason"] for s in repeat["skipped"]) == Counter(
        {"open_trajectory": len(active), "employment_left": len(left)}
    )

    trajectories = pages(client, f"{API}/trajectories", H, career_issue_id=issue["id"])
    assert sorted(t["client"]["employee_number"] for t in trajectories) == active[1:]
    for t in trajectories:
        assert (t["status"], t["phase"], t["outcome"]) == ("proposed", "intake", None)
        assert (t["planned_hours"], t["start_date"], t["coaching_type"]) == (
            BULK_HOURS,
            bulk_start.isoformat() if ds.bulk_start_date else None,
            "career_counselling",
        )
    load = Counter(t["coach_id"] for t in trajectories)
    assert set(load) <= set(coach_by_id)
    spread = [load[c] for c in coach_by_id]
    assert sum(spread) == started["started"] and max(spread) - min(spread) <= 1, spread

    # 6. The coaches follow the plan on the first trajectories (by employee number).
    trajectories.sort(key=lambda t: t["client"]["employee_number"])

    def counted_from(t: dict[str, Any]) -> date:
        if ds.bulk_start_date:
            return bulk_start
        return datetime.fromisoformat(t["created_at"].replace("Z", "+00:00")).astimezone(UTC).date()

    planned = [
        Planned(t["id"], t["client"]["employee_number"], t["coach_id"], BULK_HOURS, counted_from(t))
        for t in trajectories
    ]
    for step, item in zip(PLAN, planned, strict=False):
        url = f"{API}/trajectories/{item.trajectory_id}"
        coach = coach_by_id[item.coach_id]
        stranger = next(c for c in coaches if c is not coach)
        assert client.post(f"{url}/transitions", headers=stranger.headers, json=ACTIVATE).status_code == 404
        if step.planned_hours is not None:
            changed = ok(client.patch(url, headers=H, json={"planned_hours": step.planned_hours}))
            assert changed["planned_hours"] == step.planned_hours
            item.planned_hours = step.planned_hours
        if step.started_days_ago is not None:
            item.start_date = today - timedelta(days=step.started_days_ago)
            changed = ok(client.patch(url, headers=coach.headers, json={"start_date": item.start_date.isoformat()}))
            assert changed["start_date"] == item.start_date.isoformat()
        for body in step.transitions:
            moved = ok(client.post(f"{url}/transitions", headers=coach.headers, json=body))
        assert (moved["phase"], moved["status"], moved["outcome"]) == step.final
        if ds.bulk_start_date or step.started_days_ago is not None:
            assert moved["start_date"] == item.start_date.isoformat()
        elif any(body.get("status") == "active" for body in step.transitions):
            # Starting an undated trajectory dates it today (UTC); the days to close count from then.
            item.start_date = date.fromisoformat(moved["start_date"])
            assert today <= item.start_date <= today + timedelta(days=1)
        else:
            assert moved["start_date"] is None  # never started: counted from its creation date
        item.phase, item.status, item.outcome = step.final
        if item.status == "closed":
            closed_at = datetime.fromisoformat(moved["closed_at"].replace("Z", "+00:00"))
            assert closed_at.utcoffset() == timedelta(0)
            item.closed_on = closed_at.date()
            assert moved["end_date"] == item.closed_on.isoformat()  # closing ends it today (UTC)
            final = client.post(f"{url}/transitions", headers=coach.headers, json=ACTIVATE)
            assert final.status_code == 409, final.text  # closed is final
        history = pages(client, f"{url}/events", coach.headers)
        assert [(e["field"], e["from_value"], e["to_value"]) for e in history[:1]] == [("created", None, "proposed")]
        assert history[0]["actor_id"] == str(hr.id)
        assert [(e["field"], e["from_value"], e["to_value"], e["reason"]) for e in history[1:]] == expected_events(
            step.transitions
        )
        assert {e["actor_id"] for e in history[1:]} == {item.coach_id}
    assert sum(1 for t in planned if t.status == "closed") == sum(1 for s in PLAN if s.final[1] == "closed")

    # 7. Every figure of the dashboard, overall and per coach, from the plan.
    dashboard = ok(client.get(f"{issue_url}/dashboard", headers=H))
    names = {str(c.id): c.user.full_name for c in coaches}
    per_coach = []
    for coach_id in sorted(load, key=lambda c: (names[c], c)):
        mine = [t for t in planned if t.coach_id == coach_id]
        per_coach.append({"coach_id": coach_id, "coach_name": names[coach_id], **expected_figures(mine)})
    assert dashboard == {
        "career_issue_id": issue["id"],
        "affected_employees": len(in_department),
        **expected_figures(planned),
        "per_coach": per_coach,
    }
    # The plan's own numbers, spelled out once (closing dates are today unless the clock passed midnight).
    if all(t.closed_on == today for t in planned if t.closed_on):
        assert dashboard["median_days_to_close"] == ds.median_days
        assert dashboard["median_days_to_close_by_outcome"]["external_placement"] == 75.5
        assert dashboard["placement_rate"] == pytest.approx(5 / 11)
    assert ok(client.get(f"{issue_url}/dashboard", headers=admin.headers)) == dashboard
    # A fixed number of statements whatever the programme's size: the same as for an empty programme.
    empty = ok(client.post(f"{API}/career-issues", headers=H, json={**issue_body, "title": "Leeg"}), 201)
    with count_statements(engine) as for_empty:
        empty_dashboard = ok(client.get(f"{API}/career-issues/{empty['id']}/dashboard", headers=H))
    with count_statements(engine) as for_programme:
        ok(client.get(f"{issue_url}/dashboard", headers=H))
    assert len(for_programme) == len(for_empty), (for_programme, for_empty)
    assert empty_dashboard["trajectories"] == empty_dashboard["affected_employees"] == 0
    assert empty_dashboard["per_coach"] == [] and empty_dashboard["placement_rate"] is None

    # The mobility matrix: scores from the file, then a few changed by HR (one cleared: unassessed).
    scores = {num: (v["mobility_willingness"], v["mobility_capacity"]) for num, v in expected.items()}
    outsider = next(num for num in sorted(expected) if expected[num]["department"] != ds.department)
    changes: dict[str, dict[str, int | None]] = {
        active[-1]: {"mobility_willingness": 5, "mobility_capacity": 5},
        active[-2]: {"mobility_willingness": 1, "mobility_capacity": 2},
        active[-3]: {"mobility_willingness": None},
        outsider: {"mobility_capacity": None},
    }
    for num, change in changes.items():
        updated = ok(client.patch(f"{API}/employees/{ids[num]}", headers=H, json=change))
        w, c = scores[num]
        scores[num] = (change.get("mobility_willingness", w), change.get("mobility_capacity", c))
        assert (updated["mobility_willingness"], updated["mobility_capacity"]) == scores[num]

    def matrix(**params: Any) -> Any:
        return ok(client.get(f"{API}/organisations/{org.id}/mobility-matrix", headers=H, params=params))

    def of(numbers: list[str]) -> dict[str, Any]:
        return expected_matrix(iter([scores[num] for num in numbers]))

    assert matrix() == of(list(expected))
    assert matrix(department=ds.department) == of(in_department)
    assert matrix(career_issue_id=issue["id"]) == of(in_department)
    assert matrix(department=ds.department, employment_status="active") == of(active)
    assert matrix(department=ds.other_department, career_issue_id=issue["id"]) == of([])
    other_department = [num for num, v in expected.items() if v["department"] == ds.other_department]
    assert matrix(department=ds.other_department) == of(other_department)
    assert matrix()["unassessed"] == 2

    # 8. A coach sees no programme; another organisation's HR gets 404 on everything of this organisation.
    for c in coaches:  # a coach's caseload: their own trajectories (and clients) only
        own = pages(client, f"{API}/trajectories", c.headers)
        extra = 1 if c is coaches[0] else 0  # the trajectory started outside the programme
        assert len(own) == load[str(c.id)] + extra and {t["coach_id"] for t in own} == {str(c.id)}
        clients = pages(client, f"{API}/employees", c.headers)
        assert sorted(e["id"] for e in clients) == sorted(t["employee_id"] for t in own)
        assert "mobility_willingness" not in clients[0]  # the basic profile only
        assert pages(client, f"{API}/career-issues", c.headers) == []
    coach = coaches[0].headers
    assert client.get(f"{issue_url}/dashboard", headers=coach).status_code in (403, 404)
    assert client.get(f"{API}/organisations/{org.id}/mobility-matrix", headers=coach).status_code in (403, 404)
    assert client.post(f"{issue_url}/employees", headers=coach, json=enrol).status_code in (403, 404)
    assert ok(client.get(f"{issue_url}/dashboard", headers=H)) == dashboard  # nothing changed by those calls

    OH = other_hr.headers
    some = planned[0]
    not_found = [
        client.get(f"{API}/organisations/{org.id}", headers=OH),
        client.get(f"{API}/organisations/{org.id}/mobility-matrix", headers=OH),
        client.get(f"{API}/organisations/{org.id}/employee-imports", headers=OH),
        client.get(f"{API}/employee-imports/{job['id']}", headers=OH),
        client.post(
            f"{API}/organisations/{org.id}/employee-imports",
            headers=OH,
            files={"file": (path.name, content, "text/csv")},
            data={"dry_run": "true"},
        ),
        client.get(issue_url, headers=OH),
        client.patch(issue_url, headers=OH, json={"title": "Overgenomen"}),
        client.get(f"{issue_url}/dashboard", headers=OH),
        client.get(f"{issue_url}/employees", headers=OH),
        client.post(f"{issue_url}/employees", headers=OH, json=enrol),
        client.post(f"{issue_url}/trajectories", headers=OH, json=start_body),
        client.get(f"{API}/employees/{ids[active[1]]}", headers=OH),
        client.patch(f"{API}/employees/{ids[active[1]]}", headers=OH, json={"mobility_willingness": 1}),
        client.get(f"{API}/trajectories/{some.trajectory_id}", headers=OH),
        client.get(f"{API}/trajectories/{some.trajectory_id}/events", headers=OH),
        client.post(f"{API}/trajectories/{some.trajectory_id}/transitions", headers=OH, json=PAUSE),
        client.patch(f"{API}/trajectories/{some.trajectory_id}", headers=OH, json={"planned_hours": 1}),
        client.delete(f"{API}/trajectories/{planned[-1].trajectory_id}", headers=OH),  # still proposed
        client.delete(f"{issue_url}/employees/{ids[active[-1]]}", headers=OH),
        client.delete(f"{API}/employees/{ids[outsider]}", headers=OH),
        client.delete(issue_url, headers=OH),
    ]
    assert [(r.request.method, r.request.url.path, r.status_code) for r in not_found if r.status_code != 404] == []
    assert pages(client, f"{API}/employees", OH, organisation_id=str(org.id)) == []
    assert pages(client, f"{API}/trajectories", OH, career_issue_id=issue["id"]) == []
    assert pages(client, f"{API}/career-issues", OH, organisation_id=str(org.id)) == []
    assert ok(client.get(f"{issue_url}/dashboard", headers=H)) == dashboard
    assert matrix() == of(list(expected))

    # The file again after HR's changes: exactly the changed employees are updated back to the file's values.
    restored = import_file(client, org.id, H, content, path.name, ds.mapping, dry_run=False)
    assert restored["counts"] == {
        "rows": n,
        "created": 0,
        "updated": len(changes),
        "unchanged": n - len(changes),
        "failed": 0,
    }
    scores = {num: (v["mobility_willingness"], v["mobility_capacity"]) for num, v in expected.items()}
    assert matrix() == of(list(expected))
    assert matrix()["unassessed"] == 0
    assert ok(client.get(f"{issue_url}/dashboard", headers=H)) == dashboard


def test_rows_are_read_with_their_lines() -> None:
    """The helper that gives expected line numbers counts the header as line 1 (checked on a real file)."""
    rows: list[SourceRow] = read_rows(shared_data(DATA_SETS[0].relative))
    assert (rows[0].line, rows[0].cells["EmpID"]) == (2, "10026")
    assert rows[-1].line == len(rows) + 1


def _resaved(variant: str, path: Any, ds: DataSet, today: date) -> tuple[str, bytes, dict[str, Any]]:
    """The real file as another tool would save it: (file name, bytes, mapping)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    header = table[0]
    if variant == "semicolon-cp1252-lf":  # a Dutch Excel "CSV (puntkomma)" save: no BOM, Windows-1252, LF
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\n").writerows(table)
        return path.name, out.getvalue().encode("cp1252"), ds.mapping
    if variant == "xlsx-typed":  # numbers as numbers, dates as dates
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(header)
        for cells in table[1:]:
            values: list[Any] = []
            for column, value in zip(header, cells, strict=True):
                if column == "DOB":
                    values.append(datetime.combine(us_short_date(value, today), datetime.min.time()))
                elif column in ("DateofHire", "DateofTermination", "LastPerformanceReview_Date") and value:
                    values.append(datetime.combine(us_date(value), datetime.min.time()))
                elif value.isdigit() and column != "Zip":
                    values.append(int(value))
                else:
                    values.append(value)
            sheet.append(values)
        buffer = io.BytesIO()
        book.save(buffer)
        mapping = {k: v for k, v in ds.mapping.items() if k != "date_order"}
        return path.stem + ".xlsx", buffer.getvalue(), mapping
    assert variant == "zero-padded"  # employee numbers with leading zeros: kept as text
    index = header.index(ds.number_column)
    for cells in table[1:]:
        cells[index] = cells[index].zfill(6)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return path.name, out.getvalue().encode("utf-8"), ds.mapping


@pytest.mark.parametrize(
    ("ds", "variant"),
    [(DATA_SETS[0], "semicolon-cp1252-lf"), (DATA_SETS[0], "xlsx-typed"), (DATA_SETS[1], "zero-padded")],
    ids=lambda v: v.id if isinstance(v, DataSet) else v,
)
def test_real_file_saved_otherwise_imports_the_same(client: Any, f: Any, ds: DataSet, variant: str) -> None:
    """The same people whatever tool saved the export last (every row checked against the original file)."""
    path = shared_data(ds.relative)
    today = datetime.now(UTC).date()
    name, content, mapping = _resaved(variant, path, ds, today)
    org = f.organisation()
    hr = f.hr(org)
    job = import_file(client, org.id, hr.headers, content, name, mapping, dry_run=False)
    n = len(read_rows(path))
    assert job["state"] == "succeeded", job
    assert job["counts"] == {"rows": n, "created": n, "updated": 0, "unchanged": 0, "failed": 0}
    people = employees_by_number(client, org.id, hr.headers)
    assert len(people) == n
    for r in read_rows(path):
        values = ds.expect(r.cells, today)
        if variant == "zero-padded":
            values["employee_number"] = values["employee_number"].zfill(6)
            assert values["employee_number"].startswith("0")
        assert {k: people[values["employee_number"]][k] for k in values} == values
