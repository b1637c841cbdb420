"""The benchmark code cannot rot: the generator fills a tiny SQLite database with exactly its plan, the plan
at scale 1.0 is the issue's data set, and the report computes targets from a result."""

from __future__ import annotations

from pathlib import Path

from bench.datagen import EVENTS_PER_TRAJECTORY, generate, plan_for
from bench.endpoints import route_exists, shape, shape_diff
from bench.report import markdown, targets
from sqlalchemy import create_engine, text

from koers.core.migrate import upgrade


def test_full_scale_plan_is_the_issues_data_set() -> None:
    plan = plan_for(1.0)
    assert plan.organisations == 200
    assert plan.employees == 1_000_000
    assert plan.employees_per_org[0] == 50_000
    assert plan.trajectories == 200_000
    assert plan.events == 2_000_000
    assert plan.programme_trajectories == 5_000
    assert all(t <= e for t, e in zip(plan.trajectories_per_org, plan.employees_per_org, strict=True))


def test_generator_writes_exactly_the_plan_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    upgrade(url)
    scale = 0.0005
    plan = plan_for(scale)
    data = generate(url, scale, log=lambda _m: None)

    engine = create_engine(url)
    with engine.connect() as conn:

        def count(sql: str, **params: object) -> int:
            return int(conn.execute(text(sql), params).scalar_one())

        big = data.big_organisation_id.replace("-", "")
        programme = data.programme_id.replace("-", "")
        assert count("SELECT count(*) FROM organisations") == plan.organisations + 2  # + two import targets
        assert count("SELECT count(*) FROM employees") == plan.employees
        assert count("SELECT count(*) FROM employees WHERE organisation_id = :o", o=big) == plan.employees_per_org[0]
        assert count("SELECT count(*) FROM trajectories") == plan.trajectories
        assert count("SELECT count(*) FROM trajectory_events") == plan.trajectories * EVENTS_PER_TRAJECTORY
        assert count("SELECT count(*) FROM trajectories WHERE career_issue_id = :p", p=programme) == (
            plan.programme_trajectories
        )
        assert count("SELECT count(*) FROM career_issue_employees") == plan.programme_affected
        assert count("SELECT count(*) FROM coaching_sessions") == data.counts["coaching_sessions"]
        # Names carry particles apart from the sort key; some mobility scores are missing.
        assert count("SELECT count(*) FROM employees WHERE family_name_prefix IS NOT NULL") > 0
        assert count("SELECT count(*) FROM employees WHERE mobility_willingness IS NULL") > 0
        assert count("SELECT count(*) FROM employees WHERE sort_name LIKE 'van %'") == 0
    engine.dispose()
    assert data.counts["employees"] == plan.employees


def test_shape_and_routes() -> None:
    koers = {"items": [{"id": 1, "name": "a"}], "next_cursor": None}
    assert shape_diff(shape(koers), shape({"items": [{"id": 2, "name": "b"}], "next_cursor": "x"})) == []
    assert shape_diff(shape(koers), shape({"items": [{"id": 2}], "next_cursor": None})) == [
        "$.items[0].name only in koers"
    ]
    assert route_exists("/api/v1/trajectories/{}", ["/api/v1/trajectories/{trajectory_id}"])
    assert not route_exists("/api/v1/career-issues/{}/dashboard", ["/api/v1/career-issues/{id}"])


def _figures(rps: float, p50: float, p95: float) -> dict[str, float]:
    return {"rps": rps, "p50_ms": p50, "p95_ms": p95, "p99_ms": p95, "errors": 0}


def test_report_checks_targets() -> None:
    def result(scale: float, p50: float) -> dict[str, object]:
        entry = {"label": "list", "kind": "list", "koers": {"1": _figures(100, p50, 20), "32": _figures(400, 60, 90)}}
        entry["baseline"] = {"1": _figures(150, 3, 5), "32": _figures(1000, 20, 30)}
        deep = {**entry, "koers": {"1": _figures(90, p50 * 1.2, 20), "32": _figures(380, 62, 95)}}
        return {
            "scale": scale, "db": "postgresql", "duration_s": 1, "started": "now", "deep_page": 1000,
            "load": {"employees_first": entry, "employees_deep": deep},
            "sql": {"employees_first": {"status": 200, "statements": {"10": 4, "200": 4}, "fixed": True}},
        }  # fmt: skip

    checks = {t["target"]: t["met"] for t in targets(result(1.0, 10), result(0.1, 5))}
    assert checks["employees_first: throughput ≥ 50% of baseline"] is False  # 400 / 1000 at 32 connections
    assert checks["employees_first: p95 < 25 ms at 32 conns"] is False
    assert checks["deep page (page 1000) p50 ≤ 1.5x first page"] is True
    assert checks["employees_first: 10x data ≤ 1.5x time"] is False  # 5 ms → 10 ms
    assert checks["employees_first: fixed number of SQL statements"] is True
    assert "| list | 32 | 400 | 1,000 | 0.40 |" in markdown([result(0.1, 5), result(1.0, 10)])
