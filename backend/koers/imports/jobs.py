"""Claiming queued import jobs and recovering interrupted ones.

Claims: ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL; on SQLite an ``UPDATE … WHERE state='queued'``
compare-and-set. Either way one job runs in exactly one worker, whatever the number of app processes.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import Engine, and_, or_, select, update

from koers.core.db import utcnow
from koers.imports.models import ACTIVE_STATES, EmployeeImport, ImportState

STALE_AFTER = timedelta(minutes=5)
NOTHING_WRITTEN = "The import was interrupted (the server stopped or crashed); nothing was written."

jobs = EmployeeImport.__table__  # type: ignore[attr-defined]


def claim(engine: Engine, worker_id: str, job_id: uuid.UUID | None = None) -> uuid.UUID | None:
    """Claim the oldest queued job (or ``job_id`` if it is queued) for ``worker_id``: its state becomes
    ``validating``. Returns the job's id, or ``None`` when there is nothing to claim or another worker won."""
    now = utcnow()
    cond = jobs.c.state == ImportState.queued.value
    if job_id is not None:
        cond = and_(cond, jobs.c.id == job_id)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            found = conn.execute(
                select(jobs.c.id).where(cond).order_by(jobs.c.created_at).limit(1).with_for_update(skip_locked=True)
            ).scalar()
            candidates = [found] if found is not None else []
        else:
            candidates = list(
                conn.execute(select(jobs.c.id).where(cond).order_by(jobs.c.created_at).limit(5)).scalars()
            )
        for candidate in candidates:
            won = conn.execute(
                update(jobs)
                .where(jobs.c.id == candidate, jobs.c.state == ImportState.queued.value)
                .values(
                    state=ImportState.validating.value,
                    claimed_by=worker_id[:200],
                    heartbeat_at=now,
                    started_at=now,
                    updated_at=now,
                )
            ).rowcount
            if won == 1:
                return uuid.UUID(str(candidate))
    return None


def recover_stale(engine: Engine, stale_after: timedelta = STALE_AFTER) -> int:
    """Mark jobs stuck in ``validating``/``running`` whose heartbeat is older than ``stale_after`` as
    ``failed`` with ``NOTHING_WRITTEN`` (true: their write transaction never committed). Returns how many."""
    now = utcnow()
    cutoff = now - stale_after
    with engine.begin() as conn:
        return conn.execute(
            update(jobs)
            .where(
                jobs.c.state.in_([s.value for s in ACTIVE_STATES]),
                or_(jobs.c.heartbeat_at.is_(None), jobs.c.heartbeat_at < cutoff),
            )
            .values(state=ImportState.failed.value, failure_reason=NOTHING_WRITTEN, finished_at=now, updated_at=now)
        ).rowcount
