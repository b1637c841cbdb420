"""The public HR data sets in ../shared/data, imported through the API (and the CLI) with the right
mapping; counts and sample values checked exactly (expected values computed here with the csv module)."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from typer.testing import CliRunner

from tests.conftest import shared_data
from tests.imports.helpers import employees, run_import, upload

pytestmark = pytest.mark.realdata

HR_V14 = "hr-dataset-v14/HRDataset_v14.csv"
IBM = "ibm-hr-employee-attrition/WA_Fn-UseC_-HR-Employee-Attrition.csv"
HR_MAPPING = {
    "employee_number": "EmpID",
    "name_column": "Employee_Name",
    "name_order": "family_first",
    "date_of_birth": "DOB",
    "hire_date": "DateofHire",
    "date_order": "mdy",
    "job_title": "Position",
    "department": "Department",
    "employment_status": "EmploymentStatus",
}


def _rows(relative: str) -> list[dict[str, str]]:
    with shared_data(relative).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_hr_dataset_v14(client, f):
    path = shared_data(HR_V14)
    content = path.read_bytes()
    source = _rows(HR_V14)
    org = f.organisation()
    hr = f.hr(org)

    dry = run_import(client, org.id, hr.headers, content, name=path.name, mapping=HR_MAPPING, dry_run=True)
    assert dry["state"] == "succeeded", dry
    assert dry["counts"] == {"rows": 311, "created": 311, "updated": 0, "unchanged": 0, "failed": 0}
    assert employees(client, org.id, hr.headers) == {}

    job = run_import(client, org.id, hr.headers, content, name=path.name, mapping=HR_MAPPING)
    assert job["state"] == "succeeded", job
    assert job["counts"] == {"rows": 311, "created": 311, "updated": 0, "unchanged": 0, "failed": 0}
    assert job["progress"] == {"processed": 311, "total": 311}
    people = employees(client, org.id, hr.headers)
    assert len(people) == 311

    first = people["10026"]  # "Adinolfi, Wilson  K",10026,...,07/10/83,...,7/5/2011,...,Active,Production
    assert (first["family_name"], first["given_name"], first["family_name_prefix"]) == ("Adinolfi", "Wilson K", None)
    assert first["date_of_birth"] == "1983-07-10"
    assert first["hire_date"] == "2011-07-05"
    assert first["department"] == "Production"
    assert first["job_title"] == "Production Technician I"
    assert first["employment_status"] == "active"
    left = people["10084"]  # "Ait Sidi, Karthikeyan   ", DOB 05/05/75, hired 3/30/2015, Voluntarily Terminated
    assert (left["family_name"], left["given_name"]) == ("Ait Sidi", "Karthikeyan")
    assert (left["date_of_birth"], left["hire_date"]) == ("1975-05-05", "2015-03-30")
    assert (left["department"], left["job_title"], left["employment_status"]) == ("IT/IS", "Sr. DBA", "left")
    no_space = next(r for r in source if r["Employee_Name"].startswith("Alagbe,"))
    assert people[no_space["EmpID"]]["given_name"] == "Trina"

    # Independent expectations: statuses, departments (trimmed), and no birth date in the future.
    status_of = {"Active": "active", "Voluntarily Terminated": "left", "Terminated for Cause": "left"}
    assert Counter(p["employment_status"] for p in people.values()) == Counter(
        status_of[r["EmploymentStatus"]] for r in source
    )
    assert Counter(p["department"] for p in people.values()) == Counter(r["Department"].strip() for r in source)
    dobs = sorted(p["date_of_birth"] for p in people.values())
    assert dobs[0] >= "1951-01-01" and dobs[-1] <= "1992-12-31"
    born_58 = next(r for r in source if r["DOB"] == "12/27/58")
    assert people[born_58["EmpID"]]["date_of_birth"] == "1958-12-27"

    again = run_import(client, org.id, hr.headers, content, name=path.name, mapping=HR_MAPPING)
    assert again["counts"] == {"rows": 311, "created": 0, "updated": 0, "unchanged": 311, "failed": 0}

    # A broken copy (an impossible date and an empty employee number) writes nothing.
    broken = content.replace(b",7/5/2011,", b",2/30/2011,", 1).replace(b",10084,", b",,", 1)
    org2 = f.organisation()
    hr2 = f.hr(org2)
    bad = run_import(client, org2.id, hr2.headers, broken, name=path.name, mapping=HR_MAPPING)
    assert bad["state"] == "failed"
    assert bad["counts"]["failed"] == 2 and bad["errors_total"] == 2
    assert {(e["line"], e["column"]) for e in bad["errors"]} == {(2, "DateofHire"), (3, "EmpID")}
    assert employees(client, org2.id, hr2.headers) == {}


def test_hr_dataset_v14_automatic_mapping(client, f):
    path = shared_data(HR_V14)
    org = f.organisation()
    hr = f.hr(org)
    r = client.post(
        f"/api/v1/organisations/{org.id}/employee-imports/preview",
        headers=hr.headers,
        files={"file": (path.name, path.read_bytes(), "text/csv")},
    )
    assert r.status_code == 200, r.text
    preview = r.json()
    assert preview["encoding"] == "utf-8-sig" and preview["delimiter"] == ","
    assert preview["name_column"] == "Employee_Name" and preview["name_order"] == "family_first"
    assert preview["date_order"] == "mdy" and preview["date_order_ambiguous"] is False
    assert preview["mapping"] == {
        "employee_number": "EmpID",
        "date_of_birth": "DOB",
        "job_title": "Position",
        "department": "Department",
        "hire_date": "DateofHire",
        "employment_status": "EmploymentStatus",
    }
    assert len(preview["rows"]) == 10 and preview["rows"][0][1] == "10026"
    job = run_import(client, org.id, hr.headers, path.read_bytes(), name=path.name)
    assert job["state"] == "succeeded" and job["counts"]["created"] == 311


def test_ibm_attrition(client, f):
    path = shared_data(IBM)
    content = path.read_bytes()
    source = _rows(IBM)
    org = f.organisation()
    hr = f.hr(org)
    # No names in this export: refused unless the mapping allows it.
    refused = upload(client, org.id, hr.headers, content, name=path.name)
    assert refused.status_code == 422
    assert "allow_missing_names" in refused.json()["detail"]

    mapping = {"employee_number": "EmployeeNumber", "department": "Department", "job_title": "JobRole"}
    job = run_import(
        client, org.id, hr.headers, content, name=path.name, mapping={**mapping, "allow_missing_names": True}
    )
    assert job["state"] == "succeeded", job
    assert job["counts"] == {"rows": 1470, "created": 1470, "updated": 0, "unchanged": 0, "failed": 0}
    people = employees(client, org.id, hr.headers)
    assert len(people) == 1470
    assert (people["1"]["department"], people["1"]["job_title"]) == ("Sales", "Sales Executive")
    assert (people["2"]["department"], people["2"]["job_title"]) == ("Research & Development", "Research Scientist")
    assert (people["1"]["given_name"], people["1"]["family_name"]) == ("", "")
    assert Counter(p["department"] for p in people.values()) == Counter(r["Department"] for r in source)
    assert Counter(p["job_title"] for p in people.values()) == Counter(r["JobRole"] for r in source)


def test_cli_import_of_real_file(engine, f, tmp_path):
    from koers.cli import app

    path = shared_data(HR_V14)
    org = f.organisation()
    mapping = tmp_path / "mapping.json"
    import json

    mapping.write_text(json.dumps(HR_MAPPING))
    runner = CliRunner()
    result = runner.invoke(
        app, ["import-employees", "--organisation", str(org.id), str(path), "--mapping", str(mapping)]
    )
    assert result.exit_code == 0, result.output
    assert "Writing employees" in result.output or "Done" in result.output
    assert "311/311" in result.output
    assert "succeeded" in result.output and "311" in result.output

    broken = tmp_path / "broken.csv"
    broken.write_bytes(path.read_bytes().replace(b",7/5/2011,", b",2/30/2011,", 1))
    result = runner.invoke(
        app, ["import-employees", "--organisation", str(org.id), str(broken), "--mapping", str(mapping), "--dry-run"]
    )
    assert result.exit_code == 1, result.output
    assert "impossible date" in result.output and "DateofHire" in result.output
