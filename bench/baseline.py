"""The baseline: the benchmarked reads answered by a minimal Starlette app on the same driver (psycopg 3, a
small async connection pool), with the same SQL and the same JSON shape as Koers, and nothing else — no ORM,
no validation, no authentication, no logging middleware.

Every Koers figure is reported as a ratio to this app's figure measured in the same run, so the ratios hold
on a noisy machine. Run it as Koers runs: ``uvicorn bench.baseline:app --workers 2`` with
``BENCH_DATABASE_URL`` (a ``postgresql://`` URL) in the environment. PostgreSQL only.
"""

from __future__ import annotations

import base64
import json
import os
import unicodedata
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

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
EMPLOYEE_COLUMNS = (
    "id, organisation_id, employee_number, given_name, family_name_prefix, family_name, email, job_title, "
    "department, date_of_birth, hire_date, employment_status, fte, mobility_willingness, mobility_capacity, "
    "version, created_at, updated_at, sort_name"
)

pool: AsyncConnectionPool | None = None


def _json(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


class Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, default=_json, separators=(",", ":"), ensure_ascii=False).encode()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _like_escape(text: str) -> str:
    return text.replace("/", "//").replace("%", "/%").replace("_", "/_")


def _cursor(values: list[Any]) -> str:
    raw = json.dumps({"s": "family_name", "v": [_json(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _uncursor(cursor: str) -> list[Any]:
    data = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
    return list(data["v"])


async def list_employees(request: Request) -> Response:
    """``GET /api/v1/employees``: organisation_id, department, q, limit, cursor (sort by family name)."""
    params = request.query_params
    limit = int(params.get("limit", "50"))
    where = ["organisation_id = %s"]
    args: list[Any] = [params["organisation_id"]]
    if "department" in params:
        where.append("department = %s")
        args.append(params["department"])
    if params.get("q"):
        q = params["q"].strip()
        where.append("(sort_name LIKE %s ESCAPE '/' OR employee_number LIKE %s ESCAPE '/')")
        args += [f"%{_like_escape(_fold(q))}%", f"{_like_escape(q)}%"]
    if params.get("cursor"):
        sort_name, last_id = _uncursor(params["cursor"])
        where.append("(sort_name > %s OR (sort_name = %s AND id > %s))")
        args += [sort_name, sort_name, last_id]
    sql = f"SELECT {EMPLOYEE_COLUMNS} FROM employees WHERE {' AND '.join(where)} ORDER BY sort_name, id LIMIT %s"
    assert pool is not None
    async with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(sql, [*args, limit + 1])  # type: ignore[arg-type]
        rows = await cur.fetchall()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = _cursor([rows[-1]["sort_name"], rows[-1]["id"]])
    for row in rows:
        del row["sort_name"]
    return Json({"items": rows, "next_cursor": next_cursor})


TRAJECTORY_SQL = """
SELECT t.*, e.employee_number, e.given_name, e.family_name_prefix, e.family_name, e.department, u.full_name
FROM trajectories t JOIN employees e ON e.id = t.employee_id JOIN users u ON u.id = t.coach_id
WHERE t.id = %s
"""


async def read_trajectory(request: Request) -> Response:
    """``GET /api/v1/trajectories/{id}``: the trajectory with its client and coach."""
    assert pool is not None
    async with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        await cur.execute(TRAJECTORY_SQL, [request.path_params["id"]])
        row = await cur.fetchone()
    if row is None:
        return Json({"title": "Not found"}, status_code=404)
    client = {
        "id": row["employee_id"],
        **{k: row.pop(k) for k in ("employee_number", "given_name", "family_name_prefix", "family_name", "department")},
    }
    row["client"] = client
    row["coach"] = {"id": row["coach_id"], "full_name": row.pop("full_name")}
    return Json(row)


DASHBOARD_GROUPED_SQL = """
SELECT t.coach_id, u.full_name, t.phase, t.status, t.outcome, count(*), sum(t.planned_hours)
FROM trajectories t JOIN users u ON u.id = t.coach_id
WHERE t.career_issue_id = %(id)s
GROUP BY t.coach_id, u.full_name, t.phase, t.status, t.outcome
"""

DASHBOARD_MEDIAN_SQL = """
WITH closed AS (
    SELECT coach_id, outcome,
           (timezone('UTC', closed_at))::date - coalesce(start_date, (timezone('UTC', created_at))::date) AS days
    FROM trajectories
    WHERE career_issue_id = %(id)s AND status = 'closed' AND closed_at IS NOT NULL
), ranked AS (
    SELECT coach_id, outcome, days,
           row_number() OVER (PARTITION BY coach_id, outcome ORDER BY days) AS rn_co,
           count(*) OVER (PARTITION BY coach_id, outcome) AS n_co,
           row_number() OVER (PARTITION BY coach_id ORDER BY days) AS rn_c,
           count(*) OVER (PARTITION BY coach_id) AS n_c,
           row_number() OVER (PARTITION BY outcome ORDER BY days) AS rn_o,
           count(*) OVER (PARTITION BY outcome) AS n_o,
           row_number() OVER (ORDER BY days) AS rn_a,
           count(*) OVER () AS n_a
    FROM closed
)
SELECT 'co', coach_id, outcome, avg(days) FROM ranked WHERE rn_co IN ((n_co + 1) / 2, (n_co + 2) / 2)
GROUP BY coach_id, outcome
UNION ALL
SELECT 'c', coach_id, NULL, avg(days) FROM ranked WHERE rn_c IN ((n_c + 1) / 2, (n_c + 2) / 2) GROUP BY coach_id
UNION ALL
SELECT 'o', NULL, outcome, avg(days) FROM ranked WHERE rn_o IN ((n_o + 1) / 2, (n_o + 2) / 2) GROUP BY outcome
UNION ALL
SELECT 'a', NULL, NULL, avg(days) FROM ranked WHERE rn_a IN ((n_a + 1) / 2, (n_a + 2) / 2)
"""


DASHBOARD_USED_SQL = """
SELECT t.coach_id, sum(s.duration_minutes)
FROM trajectories t JOIN coaching_sessions s ON s.trajectory_id = t.id
WHERE t.career_issue_id = %(id)s
GROUP BY t.coach_id
"""


class _Tally:
    def __init__(self) -> None:
        self.by_phase = dict.fromkeys(PHASES, 0)
        self.by_status = dict.fromkeys(STATUSES, 0)
        self.outcomes = dict.fromkeys(OUTCOMES, 0)
        self.hours = Decimal(0)

    def add(self, phase: str, status: str, outcome: str | None, n: int, hours: Decimal | None) -> None:
        self.by_phase[phase] += n
        self.by_status[status] += n
        if outcome is not None:
            self.outcomes[outcome] += n
        self.hours += hours or 0

    def figures(self, medians: dict[str | None, float]) -> dict[str, Any]:
        closed = self.by_status["closed"]
        placed = sum(self.outcomes[o] for o in PLACEMENTS)
        return {
            "trajectories": sum(self.by_status.values()),
            "by_phase": self.by_phase,
            "by_status": self.by_status,
            "outcomes": self.outcomes,
            "closed": closed,
            "placement_rate": placed / closed if closed else None,
            "median_days_to_close": medians.get(None),
            "median_days_to_close_by_outcome": {o: medians.get(o) for o in OUTCOMES},
            "planned_hours": float(self.hours),
        }


async def dashboard(request: Request) -> Response:
    """``GET /api/v1/career-issues/{id}/dashboard``: the programme's figures, overall and per coach."""
    issue_id = request.path_params["id"]
    assert pool is not None
    async with pool.connection() as conn, conn.cursor() as cur:
        await cur.execute("SELECT 1 FROM career_issues WHERE id = %s", [issue_id])
        if await cur.fetchone() is None:
            return Json({"title": "Not found"}, status_code=404)
        await cur.execute("SELECT count(*) FROM career_issue_employees WHERE career_issue_id = %s", [issue_id])
        affected = (await cur.fetchone() or (0,))[0]
        await cur.execute(DASHBOARD_GROUPED_SQL, {"id": issue_id})
        grouped = await cur.fetchall()
        await cur.execute(DASHBOARD_MEDIAN_SQL, {"id": issue_id})
        median_rows = await cur.fetchall()
        await cur.execute(DASHBOARD_USED_SQL, {"id": issue_id})
        used = {coach: int(minutes or 0) for coach, minutes in await cur.fetchall()}
    medians: dict[Any, dict[str | None, float]] = {}
    for grp, coach_id, outcome, value in median_rows:
        if value is None:
            continue
        medians.setdefault(coach_id if grp in ("co", "c") else None, {})[outcome] = float(value)
    total = _Tally()
    per_coach: dict[Any, tuple[str, _Tally]] = {}
    for coach_id, name, phase, status, outcome, n, hours in grouped:
        total.add(phase, status, outcome, n, hours)
        per_coach.setdefault(coach_id, (name, _Tally()))[1].add(phase, status, outcome, n, hours)
    coaches = [
        {
            "coach_id": cid,
            "coach_name": name,
            "used_hours": round(used.get(cid, 0) / 60, 2),
            **tally.figures(medians.get(cid, {})),
        }
        for cid, (name, tally) in sorted(per_coach.items(), key=lambda item: (item[1][0], str(item[0])))
    ]
    body = {
        "used_hours": round(sum(used.values()) / 60, 2),
        **total.figures(medians.get(None, {})),
        "career_issue_id": issue_id,
        "affected_employees": affected,
        "per_coach": coaches,
    }
    return Json(body)


async def mobility_matrix(request: Request) -> Response:
    """``GET /api/v1/organisations/{id}/mobility-matrix``: the 5x5 willingness x capacity grid."""
    assert pool is not None
    async with pool.connection() as conn, conn.cursor() as cur:
        await cur.execute(
            "SELECT mobility_willingness, mobility_capacity, count(*) FROM employees "
            "WHERE organisation_id = %s GROUP BY mobility_willingness, mobility_capacity",
            [request.path_params["id"]],
        )
        rows = await cur.fetchall()
    counts = [[0] * 5 for _ in range(5)]
    unassessed = total = 0
    for w, c, n in rows:
        total += n
        if w in range(1, 6) and c in range(1, 6):
            counts[w - 1][c - 1] += n
        else:
            unassessed += n
    return Json({"counts": counts, "unassessed": unassessed, "total": total})


async def health(_request: Request) -> Response:
    return Json({"status": "ok"})


async def ready(_request: Request) -> Response:
    assert pool is not None
    async with pool.connection() as conn:
        await conn.execute("SELECT 1")
    return Json({"status": "ok", "database": "ok"})


@asynccontextmanager
async def lifespan(_app: Starlette) -> AsyncIterator[None]:
    global pool
    url = os.environ["BENCH_DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://", 1)
    # Koers's engine keeps up to 10 (+10 overflow) connections per worker; the baseline gets as many.
    pool = AsyncConnectionPool(url, min_size=2, max_size=20, open=False)
    await pool.open(wait=True)
    try:
        yield
    finally:
        await pool.close()


app = Starlette(
    routes=[
        Route("/api/v1/health", health),
        Route("/api/v1/health/ready", ready),
        Route("/api/v1/employees", list_employees),
        Route("/api/v1/trajectories/{id}", read_trajectory),
        Route("/api/v1/career-issues/{id}/dashboard", dashboard),
        Route("/api/v1/organisations/{id}/mobility-matrix", mobility_matrix),
    ],
    lifespan=lifespan,
)
