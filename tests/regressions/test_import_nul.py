"""A NUL character in any imported cell (the e-mail column included) is a row error, never a failed write."""

from __future__ import annotations

from datetime import date
from typing import Any

from koers.imports.mapping import resolve
from koers.imports.rows import RowConverter
from tests.imports.helpers import csv_bytes, employees, upload


def test_nul_in_any_cell_is_a_row_error() -> None:
    headers = ["Personeelsnummer", "Voornaam", "Achternaam", "E-mail", "Afdeling"]
    rows = [["002", "Bram", "Visser", "br\x00am@example.nl", "Fin\x00ance"]]
    converter = RowConverter(resolve(headers, None, rows), date(2026, 11, 30))
    record, errors = converter.convert(2, rows[0])
    assert record is None
    assert sorted(e["field"] for e in errors) == ["department", "email"]
    assert all("NUL" in e["reason"] for e in errors)


def test_a_csv_holding_nul_bytes_is_refused_whole(client: Any, f: Any) -> None:
    org = f.organisation()
    hr = f.hr(org)
    content = csv_bytes(["Personeelsnummer|Voornaam|Achternaam|E-mail", "002|Bram|Visser|br\x00am@example.nl"])
    assert upload(client, org.id, hr.headers, content).status_code == 422
    assert employees(client, org.id, hr.headers) == {}
