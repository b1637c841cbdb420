"""The employee import API on messy real-world exports: encodings, delimiters, quoting, dates, names,
XLSX, all-or-nothing, re-imports, 422s for files that cannot be imported, dry runs and tenancy."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from koers.core.config import get_settings
from tests.imports.helpers import csv_bytes, employees, run_import, upload

HEADER = "Personeelsnummer|Voornaam|Tussenvoegsel|Achternaam|Geboortedatum|Functie|Afdeling|Datum in dienst|FTE|Status"
ROWS = [
    "000123|Pieter|van der|Berg|03-04-1985|Controller|Finance|01-09-2010|0,8|actief",
    "000124|Zoë||Çelik|31-12-1990|Adviseur|HR|15-03-2018|1|Actief",
    "0042|Jan||de Vries|13-01-1970|Monteur|Productie|1-2-1995|0,5|vertrekkend",
]


@pytest.fixture
def org_hr(f):
    org = f.organisation()
    return org, f.hr(org)


def _check_three(people):
    assert set(people) == {"000123", "000124", "0042"}
    p = people["000123"]
    assert (p["given_name"], p["family_name_prefix"], p["family_name"]) == ("Pieter", "van der", "Berg")
    assert p["date_of_birth"] == "1985-04-03" and p["hire_date"] == "2010-09-01"
    assert p["fte"] == 0.8 and p["department"] == "Finance" and p["job_title"] == "Controller"
    z = people["000124"]
    assert (z["given_name"], z["family_name"]) == ("Zoë", "Çelik")
    assert z["date_of_birth"] == "1990-12-31" and z["fte"] == 1.0
    j = people["0042"]
    assert (j["family_name_prefix"], j["family_name"]) == ("de", "Vries")  # particle inside the family name
    assert j["employment_status"] == "leaving" and j["hire_date"] == "1995-02-01"


@pytest.mark.parametrize(
    ("sep", "encoding", "bom", "newline"),
    [
        (";", "utf-8", False, "\r\n"),
        (";", "utf-8", True, "\r\n"),
        (",", "utf-8", False, "\n"),
        ("\t", "utf-8", True, "\n"),
        (";", "cp1252", False, "\r\n"),
        (",", "cp1252", False, "\n"),
    ],
)
def test_encodings_and_delimiters(client, org_hr, sep, encoding, bom, newline):
    org, hr = org_hr
    content = csv_bytes([HEADER, *ROWS], sep=sep, encoding=encoding, bom=bom, newline=newline)
    job = run_import(client, org.id, hr.headers, content)
    assert job["state"] == "succeeded", job
    assert job["counts"] == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "failed": 0}
    _check_three(employees(client, org.id, hr.headers))


def test_windows_1252_is_detected(client, org_hr):
    org, hr = org_hr
    content = csv_bytes(
        [HEADER, *ROWS, "0050|Renée||Müller-Lüdenscheidt|01-01-1980|Coördinator|Financiën|01-01-2000|1|actief"],
        encoding="cp1252",
    )
    r = client.post(
        f"/api/v1/organisations/{org.id}/employee-imports/preview",
        headers=hr.headers,
        files={"file": ("export.csv", content, "text/csv")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["encoding"] in {"cp1252", "windows-1252", "cp1250"}
    job = run_import(client, org.id, hr.headers, content)
    assert job["state"] == "succeeded", job
    people = employees(client, org.id, hr.headers)
    assert people["0050"]["family_name"] == "Müller-Lüdenscheidt" and people["0050"]["department"] == "Financiën"


def test_quoted_fields_and_line_numbers(client, org_hr):
    org, hr = org_hr
    content = (
        b"Personeelsnummer;Voornaam;Achternaam;Functie;Afdeling\r\n"
        b'1;Anna;Jansen;"Adviseur; senior";"Finance\r\nen Control"\r\n'
        b'2;"Bram";"Bakker";Monteur;Productie\r\n'
        b"3;Cor;;Monteur;Productie\r\n"
    )
    job = run_import(client, org.id, hr.headers, content)
    assert job["state"] == "failed"
    # the quoted newline makes record 3 start on line 5
    assert job["errors"] == [
        {"line": 5, "column": "Achternaam", "field": "family_name", "value": None, "reason": "the family name is empty"}
    ]
    fixed = content.replace(b"3;Cor;;", b"3;Cor;Cornelissen;")
    job = run_import(client, org.id, hr.headers, fixed)
    assert job["state"] == "succeeded", job
    people = employees(client, org.id, hr.headers)
    assert people["1"]["job_title"] == "Adviseur; senior"
    assert people["1"]["department"] == "Finance\r\nen Control"


def test_english_headers_any_order_and_trimming(client, org_hr):
    org, hr = org_hr
    content = csv_bytes(
        [
            "Department|Last Name|E-mail|EmployeeNumber|First Name|Hire Date|Job Title|DOB|Status",
            "  Sales  | de  Boer |  a.deboer@example.nl | 007 | Anna |2019-05-01|Account Manager|1988-02-29| Active ",
        ],
        sep=",",
    )
    job = run_import(client, org.id, hr.headers, content)
    assert job["state"] == "succeeded", job
    a = employees(client, org.id, hr.headers)["007"]
    assert (a["department"], a["family_name_prefix"], a["family_name"], a["given_name"]) == (
        "Sales",
        "de",
        "Boer",
        "Anna",
    )
    assert a["email"] == "a.deboer@example.nl" and a["date_of_birth"] == "1988-02-29"
    assert job["mapping"]["date_order"] is None  # ISO only: no order needed


def test_all_or_nothing_reports_every_bad_row(client, org_hr):
    org, hr = org_hr
    content = csv_bytes(
        [
            HEADER,
            ROWS[0],
            "000200|Kees||Klaassen|31-02-1990|Monteur|Productie|01-01-2000|0,8|actief",
            "000201|Lies||Laan|01-01-1990|Monteur|Productie|01-01-2000|2,5|misschien",
            ROWS[1],
            "|Mark||Mol|01-01-1990|Monteur|Productie|01-01-2000|1|actief",
            "000123|Dubbel||Nummer|01-01-1990|Monteur|Productie|01-01-2000|1|actief",
            "000202|Ni\x07ls||Nooit|01-01-1990|Monteur|Productie|01-01-2000|1|actief",
        ]
    )
    job = run_import(client, org.id, hr.headers, content)
    assert job["state"] == "failed"
    assert job["counts"] == {"rows": 7, "created": 0, "updated": 0, "unchanged": 0, "failed": 4}
    got = {(e["line"], e["column"], e["reason"]) for e in job["errors"]}
    assert got == {
        (3, "Geboortedatum", "impossible date (no such day in that month)"),
        (4, "FTE", "FTE must be between 0 and 1.5"),
        (4, "Status", "unknown employment status (use active/actief, leaving/vertrekkend or left/uit dienst)"),
        (6, "Personeelsnummer", "the employee number is empty"),
        (7, "Personeelsnummer", "the employee number is also on line 2"),
    }
    assert job["errors_total"] == 5 and job["errors_truncated"] is False
    assert "nothing was written" in job["failure_reason"]
    assert employees(client, org.id, hr.headers) == {}
    # values are shown, safely
    status_error = next(e for e in job["errors"] if e["column"] == "Status")
    assert status_error["value"] == "misschien"


def test_control_characters_in_values_are_escaped(client, org_hr):
    org, hr = org_hr
    content = csv_bytes([HEADER, "000300|Ann||Aa|01-01-1990|X|Y|01-01-2000|1|act\x1bief"])
    job = run_import(client, org.id, hr.headers, content, mapping={"date_order": "dmy"})
    assert job["errors"][0]["value"] == "act\\x1bief"


def test_reimport_unchanged_then_corrected_file_updates_and_keeps_missing(client, org_hr):
    org, hr = org_hr
    content = csv_bytes([HEADER, *ROWS])
    assert run_import(client, org.id, hr.headers, content)["counts"]["created"] == 3
    before = employees(client, org.id, hr.headers)
    again = run_import(client, org.id, hr.headers, content)
    assert again["counts"] == {"rows": 3, "created": 0, "updated": 0, "unchanged": 3, "failed": 0}
    assert employees(client, org.id, hr.headers) == before

    corrected = csv_bytes(
        [
            HEADER,
            ROWS[0].replace("Finance", "Finance & Control"),
            "0099|Nieuw||Persoon|01-01-2001|Stagiair|HR|01-09-2024|0,4|actief",
        ]
    )
    job = run_import(client, org.id, hr.headers, corrected, mapping={"date_order": "dmy"})
    assert job["counts"] == {"rows": 2, "created": 1, "updated": 1, "unchanged": 0, "failed": 0}
    after = employees(client, org.id, hr.headers)
    assert set(after) == {"000123", "000124", "0042", "0099"}  # missing ones are not deleted
    assert after["000123"]["department"] == "Finance & Control"
    assert after["000123"]["version"] == before["000123"]["version"] + 1
    assert after["000123"]["id"] == before["000123"]["id"]
    assert after["000124"] == before["000124"]


def test_unmapped_columns_are_left_alone_on_update(client, org_hr):
    org, hr = org_hr
    run_import(client, org.id, hr.headers, csv_bytes([HEADER, *ROWS]))
    slim = csv_bytes(["Personeelsnummer|Voornaam|Achternaam|Afdeling", "000123|Pieter|van der Berg|Finance"])
    job = run_import(client, org.id, hr.headers, slim)
    assert job["counts"]["unchanged"] == 1, job
    assert employees(client, org.id, hr.headers)["000123"]["date_of_birth"] == "1985-04-03"


def test_dry_run_writes_nothing(client, org_hr):
    org, hr = org_hr
    job = run_import(client, org.id, hr.headers, csv_bytes([HEADER, *ROWS]), dry_run=True)
    assert job["state"] == "succeeded" and job["dry_run"] is True
    assert job["counts"] == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "failed": 0}
    assert employees(client, org.id, hr.headers) == {}


def test_date_order_detection_and_ambiguity(client, org_hr):
    org, hr = org_hr
    ambiguous = csv_bytes(
        ["Personeelsnummer|Voornaam|Achternaam|Geboortedatum", "1|A|B|03-04-1985", "2|C|D|05-06-1990"]
    )
    r = upload(client, org.id, hr.headers, ambiguous)
    assert r.status_code == 422
    assert r.json()["type"].endswith("ambiguous-date-order") and "date_order" in r.json()["detail"]
    job = run_import(client, org.id, hr.headers, ambiguous, mapping={"date_order": "mdy"})
    assert job["state"] == "succeeded"
    assert employees(client, org.id, hr.headers)["1"]["date_of_birth"] == "1985-03-04"

    mixed = csv_bytes(["Personeelsnummer|Voornaam|Achternaam|Geboortedatum", "1|A|B|25-04-1985", "2|C|D|04-25-1990"])
    r = upload(client, org.id, hr.headers, mixed)
    assert r.status_code == 422 and "mix" in r.json()["detail"]

    preview = client.post(
        f"/api/v1/organisations/{org.id}/employee-imports/preview",
        headers=hr.headers,
        files={"file": ("x.csv", ambiguous, "text/csv")},
    ).json()
    assert preview["date_order"] is None and preview["date_order_ambiguous"] is True


def test_single_name_column(client, org_hr):
    org, hr = org_hr
    content = csv_bytes(["Medewerkernummer|Naam|Afdeling", "1|Pieter van der Berg|ICT", "2|Anna de Vries|HR"])
    job = run_import(client, org.id, hr.headers, content, mapping={"name_column": "Naam", "name_order": "given_first"})
    assert job["state"] == "succeeded", job
    people = employees(client, org.id, hr.headers)
    assert (people["1"]["given_name"], people["1"]["family_name_prefix"], people["1"]["family_name"]) == (
        "Pieter",
        "van der",
        "Berg",
    )
    family_first = csv_bytes(["Medewerkernummer|Naam", "1|Berg, Pieter van der"])
    job = run_import(client, org.id, hr.headers, family_first)  # name column and order found automatically
    assert job["mapping"]["name_order"] == "family_first"
    assert job["counts"]["unchanged"] == 1, job


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx(client, org_hr):
    org, hr = org_hr
    content = _xlsx(
        [
            ["Personeelsnummer", "Voornaam", "Achternaam", "Geboortedatum", "Datum in dienst", "FTE", "Afdeling"],
            [1042.0, "Pieter", "van der Berg", datetime(1985, 4, 3), date(2010, 9, 1), 0.8, " Finance "],
            ["000124", "Zoë", "Çelik", "31-12-1990", "15-03-2018", "0,9", "HR"],
            [None, None, None, None, None, None, None],
            [77, "Jan", "Smit", None, None, 1, None],
        ]
    )
    job = run_import(client, org.id, hr.headers, content, name="export.xlsx")
    assert job["state"] == "succeeded", job
    assert job["file_format"] == "xlsx" and job["counts"]["created"] == 3
    people = employees(client, org.id, hr.headers)
    assert set(people) == {"1042", "000124", "77"}
    assert people["1042"]["date_of_birth"] == "1985-04-03" and people["1042"]["hire_date"] == "2010-09-01"
    assert people["1042"]["fte"] == 0.8 and people["1042"]["department"] == "Finance"
    assert people["000124"]["date_of_birth"] == "1990-12-31"


@pytest.mark.parametrize(
    ("content", "name", "slug"),
    [
        (b"", "x.csv", "unreadable-import-file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "x.png", "unreadable-import-file"),
        (b"PK\x03\x04garbage-zip", "x.xlsx", None),
        (b"Personeelsnummer;Voornaam;Achternaam\r\n", "x.csv", "empty-import"),
        (b"Naam\nPieter\nAnna\n", "x.csv", "unmappable-import-file"),
        (b"Voornaam;Achternaam;Afdeling\nPieter;Berg;ICT\n", "x.csv", "unmappable-import-file"),
        (b"Personeelsnummer;Afdeling\n1;ICT\n", "x.csv", "unmappable-import-file"),
        (b"\xff\xfe\x00\x00garbage", "x.csv", None),
    ],
)
def test_unimportable_files_are_422_and_store_nothing(client, org_hr, content, name, slug):
    org, hr = org_hr
    imports_dir = get_settings().data_dir / "imports"
    before = set(imports_dir.glob("*")) if imports_dir.exists() else set()
    r = upload(client, org.id, hr.headers, content, name=name)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["detail"]
    if slug:
        assert body["type"].endswith(slug), body
    listing = client.get(f"/api/v1/organisations/{org.id}/employee-imports", headers=hr.headers).json()
    assert listing["items"] == []
    assert set(imports_dir.glob("*")) == before  # the upload was removed


def test_bad_mappings_are_422(client, org_hr):
    org, hr = org_hr
    content = csv_bytes([HEADER, *ROWS])
    r = upload(client, org.id, hr.headers, content, mapping={"salary": "Salaris"})
    assert r.status_code == 422 and r.json()["type"].endswith("invalid-import-mapping")
    r = upload(client, org.id, hr.headers, content, mapping={"employee_number": "Nummer"})
    assert r.status_code == 422 and "Nummer" in r.json()["detail"]
    r = client.post(
        f"/api/v1/organisations/{org.id}/employee-imports",
        headers=hr.headers,
        files={"file": ("x.csv", content, "text/csv")},
        data={"mapping": "{not json"},
    )
    assert r.status_code == 422


def test_size_limit_is_413(client, org_hr, monkeypatch):
    org, hr = org_hr
    monkeypatch.setattr(get_settings(), "import_max_bytes", 100)
    r = upload(client, org.id, hr.headers, csv_bytes([HEADER, *ROWS]))
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")


def test_tenancy_and_roles(client, f, org_hr):
    org, hr = org_hr
    other = f.organisation()
    other_hr = f.hr(other)
    coach = f.coach(org)
    r = upload(client, org.id, hr.headers, csv_bytes([HEADER, *ROWS]))
    job_url = r.headers["Location"]
    assert client.get(job_url, headers=other_hr.headers).status_code == 404
    assert client.get(job_url, headers=coach.headers).status_code == 404
    assert upload(client, org.id, other_hr.headers, csv_bytes([HEADER, *ROWS])).status_code == 404
    assert upload(client, org.id, coach.headers, csv_bytes([HEADER, *ROWS])).status_code == 403
    assert client.get(f"/api/v1/organisations/{org.id}/employee-imports", headers=other_hr.headers).status_code == 404
    assert client.get(f"/api/v1/employee-imports/{org.id}", headers=hr.headers).status_code == 404
    admin = f.admin()
    assert client.get(job_url, headers=admin.headers).status_code == 200
    listing = client.get(f"/api/v1/organisations/{org.id}/employee-imports", headers=hr.headers).json()
    assert [j["id"] for j in listing["items"]] == [r.json()["id"]]
    assert listing["items"][0]["state"] == "queued"


def test_job_listing_is_paged_newest_first(client, org_hr):
    org, hr = org_hr
    ids = [upload(client, org.id, hr.headers, csv_bytes([HEADER, *ROWS])).json()["id"] for _ in range(3)]
    url = f"/api/v1/organisations/{org.id}/employee-imports"
    first = client.get(url, headers=hr.headers, params={"limit": 2}).json()
    second = client.get(url, headers=hr.headers, params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [j["id"] for j in first["items"] + second["items"]] == ids[::-1]
    assert second["next_cursor"] is None


def test_preview_writes_nothing(client, org_hr):
    org, hr = org_hr
    content = csv_bytes([HEADER, *ROWS, "000999|Extra|kolom|X|01-01-1990|A|B|01-01-2000|1|actief"], encoding="cp1252")
    r = client.post(
        f"/api/v1/organisations/{org.id}/employee-imports/preview",
        headers=hr.headers,
        files={"file": ("export.csv", content, "text/csv")},
    )
    assert r.status_code == 200, r.text
    p = r.json()
    assert p["delimiter"] == ";" and p["file_format"] == "csv"
    assert p["headers"][0] == "Personeelsnummer" and len(p["rows"]) == 4
    assert p["rows"][1][1] == "Zoë"
    assert p["mapping"]["employee_number"] == "Personeelsnummer"
    assert p["mapping"]["hire_date"] == "Datum in dienst" and p["mapping"]["fte"] == "FTE"
    assert p["unmapped_columns"] == [] and p["missing_fields"] == []
    assert p["date_order"] == "dmy"
    listing = client.get(f"/api/v1/organisations/{org.id}/employee-imports", headers=hr.headers).json()
    assert listing["items"] == []


def test_row_errors_are_capped_with_a_total(client, org_hr):
    org, hr = org_hr
    lines = ["Personeelsnummer|Voornaam|Achternaam|FTE"] + [f"{i}|A|B|{'x' * 80}" for i in range(1005)]
    job = run_import(client, org.id, hr.headers, csv_bytes(lines))
    assert job["state"] == "failed"
    assert job["counts"]["failed"] == 1005 and job["errors_total"] == 1005
    assert len(job["errors"]) == 1000 and job["errors_truncated"] is True
    assert job["errors"][0]["value"] == "x" * 60 + "…"  # long values are cut
    listed = client.get(f"/api/v1/organisations/{org.id}/employee-imports", headers=hr.headers).json()["items"][0]
    assert listed["errors"] == [] and listed["errors_total"] == 1005
