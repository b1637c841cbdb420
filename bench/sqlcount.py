"""SQL statements per request, counted in-process, and the query plans behind each endpoint.

Koers's app is driven with FastAPI's ``TestClient`` against the benchmark database; a SQLAlchemy
``before_cursor_execute`` listener records every statement. Lists are requested at page sizes 10 and 200:
the count must not change (no N+1). On PostgreSQL each ``SELECT`` of the request as loaded (default page
size) is then run again under ``EXPLAIN (ANALYZE, BUFFERS)`` and the plans are written next to the results, so a slow endpoint can be
traced to its query.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench.endpoints import Endpoint


def _with_limit(path: str, limit: int) -> str:
    return f"{path}{'&' if '?' in path else '?'}limit={limit}"


def count_statements(
    db_url: str, endpoints: list[Endpoint], token: str, plans_dir: Path | None
) -> dict[str, dict[str, Any]]:
    """For each endpoint: ``{"status", "statements": {"10": n, "200": n}, "fixed": bool, "plans": [...]}``.

    The caller has set Koers's environment (``DATABASE_URL``, ``SECRET_KEY``…) before calling; the
    process-wide engine is replaced by one on ``db_url``."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from koers.core import db as core_db

    engine = core_db.make_engine(db_url)
    core_db.set_engine(engine)
    recorded: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        recorded.append((statement, parameters))

    from koers.main import app

    headers = {"Authorization": f"Bearer {token}"}
    out: dict[str, dict[str, Any]] = {}
    with TestClient(app, raise_server_exceptions=False) as client:
        for ep in endpoints:
            result: dict[str, Any] = {"statements": {}}
            sizes = (10, 200) if ep.paged else ()
            for size in sizes:
                recorded.clear()
                resp = client.get(_with_limit(ep.path, size), headers=headers)
                result["statements"][str(size)] = len(recorded)
            # The request as loaded (default page size): its statements are the ones explained below.
            recorded.clear()
            resp = client.get(ep.path, headers=headers)
            result["status"] = resp.status_code
            if not ep.paged:
                result["statements"]["-"] = len(recorded)
            result["sql"] = [s for s, _ in recorded]
            captured = list(recorded)
            counts = list(result["statements"].values())
            result["fixed"] = len(set(counts)) == 1
            if plans_dir is not None and engine.dialect.name == "postgresql" and result["status"] == 200:
                result["plans"] = _explain(engine, ep.name, captured, plans_dir)
            out[ep.name] = result
    engine.dispose()
    core_db.set_engine(None)
    return out


_TIME = re.compile(r"Execution Time: ([0-9.]+) ms")
_JIT = re.compile(r"JIT:.*?Total ([0-9.]+) ms", re.S)


def _explain(engine: Any, name: str, statements: list[tuple[str, Any]], plans_dir: Path) -> list[dict[str, Any]]:
    """Run each SELECT again under EXPLAIN ANALYZE; write the plans to ``<plans_dir>/<name>.txt``."""
    plans_dir.mkdir(parents=True, exist_ok=True)
    summary: list[dict[str, Any]] = []
    text_out: list[str] = []
    with engine.connect() as conn:
        for i, (statement, params) in enumerate(statements, 1):
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            rows = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", params).all()
            plan = "\n".join(r[0] for r in rows)
            found, jit = _TIME.search(plan), _JIT.search(plan)
            summary.append(
                {
                    "n": i,
                    "execution_ms": float(found.group(1)) if found else None,
                    "jit_ms": float(jit.group(1)) if jit else 0.0,  # PostgreSQL JIT compilation inside it
                    "statement": statement.split("\n", 1)[0][:100],
                }
            )
            text_out.append(f"-- statement {i}\n{statement}\n-- parameters: {params!r}\n{plan}\n")
        conn.rollback()
    (plans_dir / f"{name}.txt").write_text("\n".join(text_out), encoding="utf-8")
    return summary
