"""The benchmarked reads: their URLs for a generated data set, and the Koers routes they need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bench.datagen import Dataset

PAGE_SIZE = 50  # Koers's default page size
DEEP_PAGE = 1000


@dataclass(frozen=True)
class Endpoint:
    name: str
    label: str
    kind: str  # list | detail | aggregate — decides the latency target
    route: str  # the Koers path template that must exist (parameter names ignored)
    path: str  # the concrete path with query string (same on Koers and the baseline)
    paged: bool = False  # takes ``limit`` (for the statements-per-request check)


def deep_cursor(db_url: str, data: Dataset) -> tuple[int, str]:
    """The cursor of page ``DEEP_PAGE`` (50 rows a page) of the big organisation's employees in Koers's
    default order — or of its last page when it has fewer rows; returns ``(page number, cursor)``."""
    from sqlalchemy import create_engine, text

    from koers.core.pagination import encode_cursor

    engine = create_engine(db_url)
    org = data.big_organisation_id
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            org = org.replace("-", "")
        n = conn.execute(text("SELECT count(*) FROM employees WHERE organisation_id = :o"), {"o": org}).scalar_one()
        page = min(DEEP_PAGE, max(1, (n - 1) // PAGE_SIZE + 1))
        if page == 1:
            return 1, ""
        row = conn.execute(
            text(
                "SELECT sort_name, id FROM employees WHERE organisation_id = :o ORDER BY sort_name, id LIMIT 1 OFFSET :k"
            ),
            {"o": org, "k": (page - 1) * PAGE_SIZE - 1},
        ).one()
    engine.dispose()
    sort_name, last_id = row
    if not isinstance(last_id, str) or "-" not in last_id:
        import uuid

        last_id = str(uuid.UUID(str(last_id)))
    return page, encode_cursor("family_name", [sort_name, last_id])


def endpoints(data: Dataset, deep_page: int, cursor: str) -> list[Endpoint]:
    org = data.big_organisation_id

    def emp(**params: Any) -> str:
        return "/api/v1/employees?" + urlencode({"organisation_id": org, **params})

    deep = emp(cursor=cursor) if cursor else emp()
    return [
        # The floor: what a request costs before any domain work (no targets; they explain the others).
        Endpoint("floor_health", "floor: health (no database)", "floor", "/api/v1/health", "/api/v1/health"),
        Endpoint("floor_ready", "floor: ready (SELECT 1, no auth)", "floor", "/api/v1/health/ready", "/api/v1/health/ready"),
        Endpoint("employees_first", "list employees, first page", "list", "/api/v1/employees", emp(), True),
        Endpoint("employees_deep", f"list employees, page {deep_page:,} (cursor)", "list", "/api/v1/employees", deep, True),
        Endpoint(
            "employees_search", f"list employees, q={data.search_term}", "list", "/api/v1/employees", emp(q=data.search_term), True
        ),
        Endpoint(
            "employees_department", "list employees, department filter", "list", "/api/v1/employees", emp(department=data.department), True
        ),
        Endpoint("trajectory", "one trajectory", "detail", "/api/v1/trajectories/{}", f"/api/v1/trajectories/{data.trajectory_id}"),
        Endpoint(
            "dashboard",
            "programme dashboard",
            "aggregate",
            "/api/v1/career-issues/{}/dashboard",
            f"/api/v1/career-issues/{data.programme_id}/dashboard",
        ),
        Endpoint(
            "mobility_matrix",
            "mobility matrix (big organisation)",
            "aggregate",
            "/api/v1/organisations/{}/mobility-matrix",
            f"/api/v1/organisations/{org}/mobility-matrix",
        ),
    ]  # fmt: skip


def route_exists(route: str, paths: list[str]) -> bool:
    """Whether an OpenAPI ``paths`` list has ``route`` (``{}`` matches any path parameter)."""
    normal = {re.sub(r"\{[^}]*\}", "{}", p) for p in paths}
    return route in normal


def shape(value: Any) -> Any:
    """The JSON shape of ``value``: key sets of objects (recursively, first item of lists)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return None


def shape_diff(a: Any, b: Any, where: str = "$") -> list[str]:
    """Where two JSON shapes differ (keys present in one only), as JSONPath-like strings."""
    out: list[str] = []
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                out.append(f"{where}.{key} only in {'koers' if key in a else 'baseline'}")
            else:
                out += shape_diff(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and a and b:
        out += shape_diff(a[0], b[0], f"{where}[0]")
    return out
