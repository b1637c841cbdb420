"""Which column of an HRIS export feeds which Koers employee field.

Columns are found automatically from common Dutch and English header names (``HEADER_NAMES``; compared
case-, accent-, space- and punctuation-insensitively), and a request may name them explicitly (``mapping``:
Koers field → the file's column name; ``null`` leaves a field unmapped). Options: ``date_order`` (``dmy``,
``mdy``, ``ymd``), ``name_column`` + ``name_order`` (``family_first`` "Jansen, Pieter" / ``given_first``) for
files with one name column, and ``allow_missing_names`` for exports without names (see ``resolve``).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from koers.core.schemas import Input
from koers.imports.reading import UnreadableFile
from koers.imports.values import date_evidence

FIELDS = (
    "employee_number",
    "given_name",
    "family_name_prefix",
    "family_name",
    "email",
    "date_of_birth",
    "job_title",
    "department",
    "hire_date",
    "employment_status",
    "fte",
    "mobility_willingness",
    "mobility_capacity",
)
DATE_FIELDS = ("date_of_birth", "hire_date")

HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "employee_number": (
        "personeelsnummer",
        "personeelsnr",
        "persnr",
        "medewerkernummer",
        "medewerkernr",
        "werknemernummer",
        "werknemersnummer",
        "registratienummer",
        "empid",
        "employeeid",
        "employeenumber",
        "employeeno",
        "employeenr",
        "empno",
        "staffid",
        "staffnumber",
        "personnelnumber",
    ),
    "given_name": ("voornaam", "voornamen", "roepnaam", "firstname", "givenname", "forename", "first"),
    "family_name_prefix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "prefix", "nameprefix", "particle"),
    "family_name": ("achternaam", "familienaam", "geslachtsnaam", "lastname", "surname", "familyname", "last"),
    "email": ("email", "emailadres", "emailaddress", "mail", "werkemail", "workemail", "zakelijkemail"),
    "date_of_birth": ("geboortedatum", "gebdatum", "dob", "dateofbirth", "birthdate", "birthday"),
    "job_title": ("functie", "functienaam", "functietitel", "position", "jobrole", "jobtitle", "title", "role"),
    "department": ("afdeling", "afdelingsnaam", "department", "departmentname", "dept", "organisatieonderdeel"),
    "hire_date": (
        "datumindienst",
        "indienstdatum",
        "datumindiensttreding",
        "indiensttreding",
        "indienst",
        "dateofhire",
        "hiredate",
        "startdate",
        "startdatum",
        "employmentstartdate",
    ),
    "employment_status": ("status", "employmentstatus", "dienstverbandstatus", "statusdienstverband", "empstatus"),
    "fte": ("fte", "deeltijdfactor", "deeltijdpercentage", "parttimefactor"),
    "mobility_willingness": ("mobiliteitsbereidheid", "mobilitywillingness"),
    "mobility_capacity": ("mobiliteitsvermogen", "mobilitycapacity"),
}
NAME_COLUMN_NAMES = ("naam", "volledigenaam", "name", "fullname", "employeename", "medewerkernaam", "werknemernaam")

Column = str | None


class MappingInput(Input):
    """The request's ``mapping`` (JSON): Koers field → column name, plus the reading options.

    ``allow_missing_names``: for exports without names (e.g. the IBM attrition sample, keyed by
    ``EmployeeNumber`` only). New employees then get empty given and family names (HR fills them in later,
    or a later file with name columns does); names already stored are never overwritten by a file that
    maps no name columns. Without this option such a file is a 422 that names the option."""

    employee_number: Column = None
    given_name: Column = None
    family_name_prefix: Column = None
    family_name: Column = None
    email: Column = None
    date_of_birth: Column = None
    job_title: Column = None
    department: Column = None
    hire_date: Column = None
    employment_status: Column = None
    fte: Column = None
    mobility_willingness: Column = None
    mobility_capacity: Column = None
    date_order: Literal["dmy", "mdy", "ymd"] | None = None
    name_column: Column = None
    name_order: Literal["family_first", "given_first"] | None = None
    allow_missing_names: bool = False


def parse_mapping(raw: str | bytes | None) -> MappingInput | None:
    """Parse the ``mapping`` form field (JSON object). Raises ``UnreadableFile`` (422) naming the bad keys."""
    if raw is None or (isinstance(raw, str | bytes) and not raw.strip()):
        return None
    try:
        return MappingInput.model_validate_json(raw)
    except ValidationError as exc:
        bad = ", ".join(".".join(str(p) for p in e["loc"]) or "mapping" for e in exc.errors()[:10])
        raise UnreadableFile(
            f"The mapping is not valid JSON of the expected shape (problem at: {bad}). Keys are Koers fields "
            f"({', '.join(FIELDS)}) and the options date_order, name_column, name_order, allow_missing_names.",
            slug="invalid-import-mapping",
        ) from None


def normalise_header(header: str) -> str:
    """``" E-mail adres "`` → ``"emailadres"``: accents removed, case folded, only letters and digits."""
    decomposed = unicodedata.normalize("NFKD", header)
    return "".join(c for c in decomposed.casefold() if c.isalnum() and not unicodedata.combining(c))


@dataclass
class ResolvedMapping:
    """Column indexes per Koers field, the name-column options, and the date order (``None``: not needed
    or not known). ``to_json`` is what the job stores and shows."""

    headers: list[str]
    columns: dict[str, int] = field(default_factory=dict)
    name_column: int | None = None
    name_order: str | None = None
    date_order: str | None = None
    date_order_ambiguous: bool = False
    allow_missing_names: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": {f: self.headers[i] for f, i in self.columns.items()},
            "columns": dict(self.columns),
            "name_column": None if self.name_column is None else self.headers[self.name_column],
            "name_column_index": self.name_column,
            "name_order": self.name_order,
            "date_order": self.date_order,
            "allow_missing_names": self.allow_missing_names,
            "header_count": len(self.headers),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], headers: list[str]) -> ResolvedMapping:
        return cls(
            headers=headers,
            columns={f: int(i) for f, i in data["columns"].items()},
            name_column=data.get("name_column_index"),
            name_order=data.get("name_order"),
            date_order=data.get("date_order"),
            allow_missing_names=bool(data.get("allow_missing_names")),
        )

    def unmapped(self) -> list[str]:
        used = set(self.columns.values()) | ({self.name_column} if self.name_column is not None else set())
        return [h for i, h in enumerate(self.headers) if i not in used]


def _show(header: str) -> str:
    return repr(header[:60])


def _find(headers: list[str], name: str, key: str) -> int:
    exact = [i for i, h in enumerate(headers) if h.strip() == name.strip()]
    if len(exact) > 1:
        raise UnreadableFile(f"The mapping for {key} names column {_show(name)}, which occurs more than once.")
    if exact:
        return exact[0]
    loose = [i for i, h in enumerate(headers) if normalise_header(h) == normalise_header(name)]
    if len(loose) == 1:
        return loose[0]
    raise UnreadableFile(
        f"The mapping for {key} names column {_show(name)}, which is not in the file. "
        f"Its columns are: {', '.join(_show(h) for h in headers[:60])}.",
        slug="unmappable-import-file",
    )


def _auto(headers: list[str], names: tuple[str, ...], used: set[int]) -> int | None:
    normalised = [normalise_header(h) for h in headers]
    for name in names:  # the order of ``names`` is the preference
        for i, h in enumerate(normalised):
            if h == name and i not in used:
                return i
    return None


def resolve(headers: list[str], explicit: MappingInput | None, sample: list[list[str]]) -> ResolvedMapping:
    """Resolve the mapping of a file with ``headers`` from the explicit mapping and the header names.

    Explicit entries win; ``null`` keeps a field unmapped; other fields are found by ``HEADER_NAMES``.
    ``sample`` (the first data rows) decides ``name_order`` when a name column was found automatically, and
    the date order when none is given: a day above 12 in first place means ``dmy``, in second place
    ``mdy``; both readings possible everywhere leaves ``date_order_ambiguous`` set.

    Raises ``UnreadableFile`` (422) when a named column is missing, no employee-number column is found,
    the names cannot be found (unless ``allow_missing_names``), or the dates mix day-first and month-first.
    """
    given = explicit.model_fields_set if explicit else set()
    resolved = ResolvedMapping(headers=headers, allow_missing_names=bool(explicit and explicit.allow_missing_names))
    used: set[int] = set()
    for key in FIELDS:
        if key in given:
            name = getattr(explicit, key)
            if name is not None:
                resolved.columns[key] = _find(headers, name, key)
                used.add(resolved.columns[key])
    if explicit is not None and explicit.name_column is not None:
        resolved.name_column = _find(headers, explicit.name_column, "name_column")
        used.add(resolved.name_column)
        if {"given_name", "family_name"} & resolved.columns.keys():
            raise UnreadableFile("Map either name_column or given_name and family_name, not both.")
    for key in FIELDS:
        if key in given or key in resolved.columns:
            continue
        if resolved.name_column is not None and key in ("given_name", "family_name", "family_name_prefix"):
            continue
        index = _auto(headers, HEADER_NAMES[key], used)
        if index is not None:
            resolved.columns[key] = index
            used.add(index)
    has_names = {"given_name", "family_name"} <= resolved.columns.keys()
    if resolved.name_column is None and not has_names and "name_column" not in given:
        index = _auto(headers, NAME_COLUMN_NAMES, used)
        if index is not None and not ({"given_name", "family_name"} & given):
            for key in ("given_name", "family_name", "family_name_prefix"):
                resolved.columns.pop(key, None)
            resolved.name_column = index
    if resolved.name_column is not None:
        resolved.name_order = explicit.name_order if explicit and explicit.name_order else None
        if resolved.name_order is None:
            values = [row[resolved.name_column] for row in sample if resolved.name_column < len(row)]
            with_comma = sum("," in v for v in values if v.strip())
            resolved.name_order = (
                "family_first" if with_comma * 2 > len([v for v in values if v.strip()]) else "given_first"
            )
    _require(resolved, headers)
    _date_order(resolved, explicit, sample)
    return resolved


def _require(resolved: ResolvedMapping, headers: list[str]) -> None:
    columns = ", ".join(_show(h) for h in headers[:60])
    if "employee_number" not in resolved.columns:
        raise UnreadableFile(
            "No employee-number column was found (looked for e.g. personeelsnummer, medewerkernummer, EmpID, "
            f"EmployeeNumber, employee_id). The file's columns are: {columns}. Name the column in "
            "mapping.employee_number.",
            slug="unmappable-import-file",
        )
    if resolved.name_column is not None or resolved.allow_missing_names:
        return
    missing = [k for k in ("given_name", "family_name") if k not in resolved.columns]
    if missing:
        raise UnreadableFile(
            f"No name columns were found (missing: {', '.join(missing)}; looked for e.g. voornaam/first name, "
            f"achternaam/last name, or one name column such as naam/Employee_Name). The file's columns are: "
            f"{columns}. Name them in the mapping (given_name and family_name, or name_column with name_order), "
            "or set allow_missing_names for an export without names.",
            slug="unmappable-import-file",
        )


def _date_order(resolved: ResolvedMapping, explicit: MappingInput | None, sample: list[list[str]]) -> None:
    if explicit is not None and explicit.date_order is not None:
        resolved.date_order = explicit.date_order
        return
    indexes = [resolved.columns[k] for k in DATE_FIELDS if k in resolved.columns]
    evidence: Counter[str] = Counter()
    for row in sample:
        for i in indexes:
            if i < len(row) and (kind := date_evidence(row[i].strip())):
                evidence[kind] += 1
    if evidence["dmy"] and evidence["mdy"]:
        raise UnreadableFile(
            "The dates mix day-first and month-first values (e.g. 25-03 and 03-25); correct the file or give "
            "mapping.date_order (dmy, mdy or ymd).",
            slug="ambiguous-date-order",
        )
    if evidence["dmy"]:
        resolved.date_order = "dmy"
    elif evidence["mdy"]:
        resolved.date_order = "mdy"
    elif evidence["ambiguous"]:
        resolved.date_order_ambiguous = True
