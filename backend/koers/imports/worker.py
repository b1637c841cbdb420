"""The import worker: a background thread in each API process that polls the database for queued jobs.

Started by the app's lifespan when ``settings.import_worker`` is true (tests set it false and call
``run_pending`` instead). Several processes may each run one: claims are atomic (see ``jobs.claim``).
On start, and then every minute, jobs whose heartbeat went stale are marked failed.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid

import structlog
from sqlalchemy import Engine

from koers.core.db import get_engine
from koers.imports.jobs import claim, recover_stale
from koers.imports.runner import Progress, run_job

log = structlog.get_logger("koers.imports.worker")

POLL_SECONDS = 1.0
RECOVER_SECONDS = 60.0


def worker_id() -> str:
    """``host:pid:thread`` plus a random suffix: unique per worker, readable in the job row."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:6]}"


def run_pending(
    engine: Engine | None = None, worker: str | None = None, on_progress: Progress | None = None
) -> list[uuid.UUID]:
    """Claim and run queued jobs one after the other until none is left; returns their ids (in order).
    The synchronous entry point for tests and the CLI."""
    engine = engine or get_engine()
    worker = worker or worker_id()
    done: list[uuid.UUID] = []
    while (job_id := claim(engine, worker)) is not None:
        run_job(engine, job_id, worker, on_progress)
        done.append(job_id)
    return done


class ImportWorker:
    """A daemon thread: recover stale jobs, then run queued jobs as they come (polling every second)."""

    def __init__(self, engine: Engine | None = None, poll_seconds: float | None = None) -> None:
        self._engine = engine
        self.poll_seconds = POLL_SECONDS if poll_seconds is None else poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="koers-import-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the thread to stop after its current job and wait up to ``timeout`` seconds. A job still
        running when the process exits is rolled back and later recovered as failed."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        me = worker_id()
        last_recover = 0.0
        import time

        while not self._stop.is_set():
            engine = self._engine or get_engine()
            try:
                if time.monotonic() - last_recover >= RECOVER_SECONDS:
                    last_recover = time.monotonic()
                    if recovered := recover_stale(engine):
                        log.warning("import_jobs_recovered", count=recovered)
                job_id = claim(engine, me)
                if job_id is not None:
                    run_job(engine, job_id, me)
                    continue
            except Exception as exc:  # the database may be briefly unreachable; try again later
                log.error("import_worker_error", error_type=type(exc).__name__)
            self._stop.wait(self.poll_seconds)
