"""Helpers for the end-to-end journey: HTTP calls with paging, reading the real files with the ``csv`` module,
broken copies of them, and the expected programme figures computed from the test's own plan.

Nothing here imports backend code except the import worker's ``run_pending`` (jobs run synchronously in
tests: ``IMPORT_WORKER=false``). Every expected value is derived from the file or from the test's plan.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

# The API's enums, written out here so the dashboard's keys are checked against the documented contract.
PHASES = ("intake", "self_analysis", "market_orientation", "action", "aftercare")
STATUSES = ("proposed", "active", "paused", "closed")
OUTCOMES = (
    "internal_move",
    "external_placement",
    "retained_in_role",
    "education",
    "self_employed",
    "retirement",
    "referred",
    "other",
)
PLACEMENTS = ("internal_move", "external_placement")


# --- HTTP -------------------------------------------------------------------------------------------------------


def ok(response: Any, status: int = 200) -> Any:
    """The JSON body of a response that must have ``status`` (the body is shown when it has not)."""
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json() if response.content else None


def pages(client: Any, url: str, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged list (pages of 200, following ``next_cursor``)."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, "limit": 200, **({"cursor": cursor} if cursor else {})}
        page = ok(client.get(url, headers=headers, params=query))
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def import_file(
    client: Any, org_id: Any, headers: dict[str, str], content: bytes, name: str, mapping: dict[str, Any], dry_run: bool
) -> dict[str, Any]:
    """Upload (202 with the job's URL), run the queued jobs synchronously, and read the job back."""
    from koers.imports.worker import run_pending

    r = client.post(
        f"/api/v1/organisations/{org_id}/employee-imports",
        headers=headers,
        files={"file": (name, content, "text/csv")},
        data={"dry_run": "true" if dry_run else "false", "mapping": json.dumps(mapping)},
    )
    job = ok(r, 202)
    assert r.headers["Location"] == f"/api/v1/employee-imports/{job['id']}"
    assert job["dry_run"] is dry_run
    run_pending()
    return dict(ok(client.get(r.headers["Location"], headers=headers)))


def employees_by_number(client: Any, org_id: Any, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    people = pages(client, "/api/v1/employees", headers, organisation_id=str(org_id))
    by_number = {p["employee_number"]: p for p in people}
    assert len(by_number) == len(people), "employee numbers must be unique within the organisation"
    return by_number


# --- The files --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One data record of a file: its 1-based first line in the file, and its cells by header."""

    line: int
    cells: dict[str, str]


def read_rows(path: Path) -> list[SourceRow]:
    """The file's records with their line numbers (``csv`` module, ``utf-8-sig`` for the BOM)."""
    rows: list[SourceRow] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        previous_end = 1  # the header line
        for record in reader:
            rows.append(SourceRow(previous_end + 1, dict(record)))
            previous_end = reader.line_num
    return rows


def broken_copy(path: Path, target: Path, edits: dict[int, tuple[str, str]]) -> bytes:
    """Write a copy of the CSV at ``path`` to ``target`` with cells replaced: ``edits`` maps a data-row index
    (0-based) to (column header, new value). Untouched lines keep their exact bytes (BOM and CRLF kept).
    Returns the new file's bytes."""
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text, "both real files use CRLF line endings"
    lines = text.split("\r\n")
    header = next(csv.reader([lines[0]]))
    for index, (column, value) in edits.items():
        # The data sets have no line breaks inside fields: data row i is file line i + 2.
        cells = next(csv.reader([lines[index + 1]]))
        assert len(cells) == len(header)
        cells[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(cells)
        lines[index + 1] = out.getvalue()
    data = "\r\n".join(lines).encode("utf-8")
    content = (codecs.BOM_UTF8 + data) if bom else data
    target.write_bytes(content)
    return content


# Family-name particles (wider than any importer's list, so a name that might be split is left out of the
# exact name checks rather than guessed).
PARTICLE_WORDS = frozenset(
    [
        "van",
        "von",
        "vom",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "du",
        "des",
        "dos",
        "das",
        "la",
        "le",
        "les",
        "el",
        "al",
        "ter",
        "ten",
        "te",
        "het",
        "'t",
        "d'",
        "l'",
        "op",
        "in",
        "onder",
        "over",
        "uit",
        "bij",
        "aan",
        "zu",
        "zum",
        "zur",
        "st",
        "mac",
        "mc",
        "o'",
    ]
)


def family_first(name: str) -> tuple[str, str] | None:
    """``"Last, First  M"`` → (family, given) with whitespace collapsed; ``None`` when a particle might be
    involved (then the row is not used for an exact name check)."""
    family, _, given = name.partition(",")
    family_words, given_words = family.split(), given.split()
    if not family_words or not given_words:
        return None
    if family_words[0].lower() in PARTICLE_WORDS or given_words[-1].lower() in PARTICLE_WORDS:
        return None
    return " ".join(family_words), " ".join(given_words)


def us_date(value: str) -> date:
    """``m/d/yyyy`` (no zero padding)."""
    return datetime.strptime(value.strip(), "%m/%d/%Y").date()


def us_short_date(value: str, today: date) -> date:
    """``mm/dd/yy``: two-digit years never land in the future (``58`` → 1958)."""
    month, day, yy = (int(p) for p in value.strip().split("/"))
    year = 2000 + yy
    candidate = date(year, month, day)
    return candidate if candidate <= today else date(year - 100, month, day)


# --- The programme plan and its expected figures ----------------------------------------------------------------


@dataclass
class Planned:
    """What the test expects one trajectory to be after its plan ran."""

    trajectory_id: str
    employee_number: str
    coach_id: str
    planned_hours: float
    start_date: date
    phase: str = "intake"
    status: str = "proposed"
    outcome: str | None = None
    closed_on: date | None = None  # the UTC date of ``closed_at`` as returned on closing
    steps: list[dict[str, Any]] = field(default_factory=list)

    @property
    def days_to_close(self) -> int:
        assert self.closed_on is not None
        return (self.closed_on - self.start_date).days


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def expected_figures(items: list[Planned]) -> dict[str, Any]:
    """A programme's figures as the dashboard documents them, computed from the plan alone."""
    closed = [t for t in items if t.status == "closed"]
    placed = sum(1 for t in closed if t.outcome in PLACEMENTS)
    outcomes = Counter(t.outcome for t in closed)
    phases = Counter(t.phase for t in items)
    statuses = Counter(t.status for t in items)
    return {
        "trajectories": len(items),
        "by_phase": {p: phases[p] for p in PHASES},
        "by_status": {s: statuses[s] for s in STATUSES},
        "outcomes": {o: outcomes[o] for o in OUTCOMES},
        "closed": len(closed),
        "placement_rate": pytest.approx(placed / len(closed)) if closed else None,
        "median_days_to_close": _median([t.days_to_close for t in closed]),
        "median_days_to_close_by_outcome": {
            o: _median([t.days_to_close for t in closed if t.outcome == o]) for o in OUTCOMES
        },
        "planned_hours": pytest.approx(sum(t.planned_hours for t in items)),
        "used_hours": 0.0,
    }


def expected_matrix(people: Iterator[tuple[int | None, int | None]]) -> dict[str, Any]:
    """The 5x5 grid (``counts[w-1][c-1]``), the unassessed count and the total, from (willingness, capacity)."""
    counts = [[0] * 5 for _ in range(5)]
    unassessed = total = 0
    for willingness, capacity in people:
        total += 1
        if willingness is None or capacity is None:
            unassessed += 1
        else:
            counts[willingness - 1][capacity - 1] += 1
    return {"counts": counts, "unassessed": unassessed, "total": total}


def expected_events(transitions: list[dict[str, Any]]) -> list[tuple[str, str | None, str | None, str | None]]:
    """The history a list of transition requests leaves after the ``created`` event, as (field, from, to,
    reason), in the documented order: a status change *to* active applies before the phase, any other
    status change after it; the outcome comes last. Starts from (intake, proposed)."""
    current = {"phase": "intake", "status": "proposed"}
    events: list[tuple[str, str | None, str | None, str | None]] = []
    for body in transitions:
        reason = body.get("reason")
        order = ["status", "phase"] if body.get("status") == "active" else ["phase", "status"]
        for key in order:
            if key in body:
                events.append((key, current[key], body[key], reason))
                current[key] = body[key]
        if "outcome" in body:
            events.append(("outcome", None, body["outcome"], reason))
    return events


@contextlib.contextmanager
def count_statements(engine: Any) -> Iterator[list[str]]:
    """The SQL statements run on ``engine`` inside the block."""
    statements: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)
