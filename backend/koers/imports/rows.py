"""One file row → the employee values it carries, or the reasons it cannot be imported.

Only mapped fields (and the ones derived from them: the name particle and the sort key) are produced, so a
later file without, say, an e-mail column leaves stored e-mail addresses alone. Text is trimmed and keeps
its case and accents; names also have inner runs of spaces collapsed; employee numbers stay text (leading
zeros kept).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from koers.employees.models import EmploymentStatus
from koers.employees.names import sort_key
from koers.imports.mapping import ResolvedMapping
from koers.imports.values import (
    collapse,
    parse_date,
    parse_email,
    parse_fte,
    parse_scale,
    parse_status,
    safe_value,
    split_full_name,
    split_particle,
)

MAX_LENGTH = {
    "employee_number": 64,
    "given_name": 200,
    "family_name": 200,
    "family_name_prefix": 40,
    "job_title": 200,
    "department": 200,
    "email": 320,
}
Record = dict[str, Any]
RowErrors = list[dict[str, Any]]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_sort_key = lru_cache(maxsize=65536)(sort_key)


def _employee_number(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains control characters")
    return value


class RowConverter:
    """Converts rows under one resolved mapping. ``fields`` is the set of employee columns a row sets
    (what an update compares and writes)."""

    def __init__(self, mapping: ResolvedMapping, today: date) -> None:
        self.mapping = mapping
        self.today = today
        order = mapping.date_order

        def date_parser(value: str) -> date:
            return parse_date(value, order, today)

        parsers: dict[str, Callable[[str], Any]] = {
            "employee_number": _employee_number,
            "email": parse_email,
            "date_of_birth": date_parser,
            "hire_date": date_parser,
            "job_title": str,
            "department": str,
            "employment_status": parse_status,
            "fte": parse_fte,
            "mobility_willingness": parse_scale,
            "mobility_capacity": parse_scale,
        }
        self.simple = [
            (key, index, parsers[key], MAX_LENGTH.get(key)) for key, index in mapping.columns.items() if key in parsers
        ]
        cols = mapping.columns
        self.given = cols.get("given_name")
        self.family = cols.get("family_name")
        self.prefix = cols.get("family_name_prefix")
        self.has_names = mapping.name_column is not None or (self.given is not None and self.family is not None)
        fields = {key for key, *_ in self.simple}
        if self.has_names:
            fields |= {"given_name", "family_name", "family_name_prefix", "sort_name"}
        self.fields = frozenset(fields)
        self.order = tuple(sorted(fields))

    def _error(self, errors: RowErrors, line: int, index: int | None, key: str | None, value: str, reason: str) -> None:
        header = self.mapping.headers[index] if index is not None and index < len(self.mapping.headers) else None
        errors.append(
            {
                "line": line,
                "column": safe_value(header, 100) if header is not None else None,
                "field": key,
                "value": safe_value(value) if value else None,
                "reason": reason,
            }
        )

    def convert(self, line: int, cells: list[str]) -> tuple[Record | None, RowErrors]:
        """The row's values (``None`` when it has errors) and its errors (``line``/``column``/``field``/
        ``value``/``reason`` dicts, values shown safely)."""
        record: Record = {}
        errors: RowErrors = []
        width = len(cells)
        for key, index, parse, limit in self.simple:
            raw = cells[index].strip() if index < width else ""
            if not raw:
                if key == "employee_number":
                    self._error(errors, line, index, key, raw, "the employee number is empty")
                elif key == "employment_status":
                    record[key] = EmploymentStatus.active
                else:
                    record[key] = None
                continue
            if "\x00" in raw:  # PostgreSQL stores no NUL: refused for every column, email included
                self._error(errors, line, index, key, raw, "contains a NUL character")
                continue
            if limit is not None and len(raw) > limit:
                self._error(errors, line, index, key, raw, f"longer than {limit} characters")
                continue
            try:
                record[key] = parse(raw)
            except ValueError as exc:
                self._error(errors, line, index, key, raw, str(exc))
        if self.has_names:
            self._names(line, cells, record, errors)
        return (None if errors else record), errors

    def _names(self, line: int, cells: list[str], record: Record, errors: RowErrors) -> None:
        width = len(cells)
        mapping = self.mapping
        prefix: str | None
        if mapping.name_column is not None:
            index = mapping.name_column
            raw = cells[index] if index < width else ""
            if not raw.strip():
                if mapping.allow_missing_names:
                    given, prefix, family = "", None, ""
                else:
                    self._error(errors, line, index, "family_name", "", "the name is empty")
                    return
            else:
                try:
                    given, prefix, family = split_full_name(raw, mapping.name_order or "given_first")
                except ValueError as exc:
                    self._error(errors, line, index, "family_name", raw, str(exc))
                    return
        else:
            assert self.given is not None and self.family is not None
            given = collapse(cells[self.given]) if self.given < width else ""
            family = collapse(cells[self.family]) if self.family < width else ""
            prefix = collapse(cells[self.prefix]) or None if self.prefix is not None and self.prefix < width else None
            if prefix is None and family:
                prefix, family = split_particle(family)
            if not mapping.allow_missing_names:
                if not given:
                    self._error(errors, line, self.given, "given_name", "", "the given name is empty")
                if not family:
                    self._error(errors, line, self.family, "family_name", "", "the family name is empty")
        for key, value in (("given_name", given), ("family_name", family), ("family_name_prefix", prefix or "")):
            if "\x00" in value:
                self._error(errors, line, None, key, value, "contains a NUL character")
            elif len(value) > MAX_LENGTH[key]:
                self._error(errors, line, None, key, value, f"longer than {MAX_LENGTH[key]} characters")
        record["given_name"] = given
        record["family_name"] = family
        record["family_name_prefix"] = prefix or None
        record["sort_name"] = _sort_key(family, given)
