"""Job mechanics: one claim wins, a crash mid-write leaves nothing, stale jobs are recovered as failed,
a job taken away from its worker writes nothing, and the background worker runs queued jobs."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from koers.employees.models import Employee
from koers.imports import runner
from koers.imports.jobs import NOTHING_WRITTEN, claim, recover_stale
from koers.imports.models import EmployeeImport
from koers.imports.runner import run_job
from koers.imports.worker import ImportWorker
from tests.imports.helpers import csv_bytes, upload

LINES = ["Personeelsnummer|Voornaam|Achternaam|Afdeling"] + [f"{i:04d}|Voor{i}|Achter{i}|Afd" for i in range(7)]


def _queued(client, f):
    org = f.organisation()
    hr = f.hr(org)
    r = upload(client, org.id, hr.headers, csv_bytes(LINES))
    assert r.status_code == 202, r.text
    return org, hr, r.json()["id"]


def _job(client, hr, job_id):
    return client.get(f"/api/v1/employee-imports/{job_id}", headers=hr.headers).json()


def _employee_count(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Employee)).scalar_one())


def test_two_workers_claim_one_job_exactly_once(client, f, engine):
    _, _, job_id = _queued(client, f)
    barrier = threading.Barrier(2)
    won: list[object] = []

    def worker(name: str) -> None:
        barrier.wait()
        won.append(claim(engine, name))

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(map(str, won)) == sorted([job_id, "None"])
    assert claim(engine, "w3") is None  # and nobody claims it again later
    with engine.connect() as conn:
        state, by = conn.execute(select(EmployeeImport.state, EmployeeImport.claimed_by)).one()  # type: ignore[call-overload]
    assert state == "validating" and by in {"w0", "w1"}


class Crash(BaseException):
    """Stands in for the process dying (not an ``Exception``: nothing in the runner catches it)."""


def test_crash_mid_write_leaves_nothing_and_is_recovered(client, f, engine, monkeypatch):
    _, hr, job_id = _queued(client, f)
    monkeypatch.setattr(runner, "BATCH", 2)
    real_new_row = runner._new_row
    calls = {"n": 0}

    def dying_new_row(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:  # third batch: two batches were already inserted in this transaction
            raise Crash
        return real_new_row(*args, **kwargs)

    monkeypatch.setattr(runner, "_new_row", dying_new_row)
    claimed = claim(engine, "dying-worker")
    assert str(claimed) == job_id
    with pytest.raises(Crash):
        run_job(engine, claimed, "dying-worker")
    assert _job(client, hr, job_id)["state"] == "running"
    assert _employee_count(engine) == 0  # the transaction rolled back

    assert recover_stale(engine, stale_after=timedelta(hours=1)) == 0  # heartbeat is fresh: left alone
    assert recover_stale(engine, stale_after=timedelta(0)) == 1
    job = _job(client, hr, job_id)
    assert job["state"] == "failed" and job["failure_reason"] == NOTHING_WRITTEN
    assert job["finished_at"] is not None
    assert _employee_count(engine) == 0


def test_job_taken_away_from_its_worker_writes_nothing(client, f, engine, monkeypatch):
    _, hr, job_id = _queued(client, f)
    real_new_row = runner._new_row
    recovered = {"done": False}

    def recovered_meanwhile(*args, **kwargs):
        if not recovered["done"]:
            recovered["done"] = True
            assert recover_stale(engine, stale_after=timedelta(0)) == 1  # another process gives up on it
        return real_new_row(*args, **kwargs)

    monkeypatch.setattr(runner, "_new_row", recovered_meanwhile)
    claimed = claim(engine, "slow-worker")
    run_job(engine, claimed, "slow-worker")
    job = _job(client, hr, job_id)
    assert job["state"] == "failed" and job["failure_reason"] == NOTHING_WRITTEN
    assert _employee_count(engine) == 0


def test_unexpected_error_fails_the_job_without_writing(client, f, engine, monkeypatch):
    _, hr, job_id = _queued(client, f)
    monkeypatch.setattr(runner, "BATCH", 3)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    calls = {"n": 0}
    real_new_row = runner._new_row

    def sometimes(*args, **kwargs):
        calls["n"] += 1
        return broken() if calls["n"] == 4 else real_new_row(*args, **kwargs)

    monkeypatch.setattr(runner, "_new_row", sometimes)
    runner.run_job(engine, claim(engine, "w"), "w")
    job = _job(client, hr, job_id)
    assert job["state"] == "failed" and "nothing was written" in job["failure_reason"]
    assert "boom" not in job["failure_reason"]
    assert _employee_count(engine) == 0


def test_background_worker_runs_queued_jobs(client, f, engine):
    worker = ImportWorker(engine, poll_seconds=0.05)
    worker.start()
    try:
        _, hr, job_id = _queued(client, f)
        deadline = time.monotonic() + 20
        while _job(client, hr, job_id)["state"] not in {"succeeded", "failed"} and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    job = _job(client, hr, job_id)
    assert job["state"] == "succeeded", job
    assert job["counts"]["created"] == 7
    assert _employee_count(engine) == 7


def test_updates_across_batches_and_imports(client, f, engine, monkeypatch):
    from tests.imports.helpers import employees, run_import

    monkeypatch.setattr(runner, "BATCH", 2)
    org = f.organisation()
    hr = f.hr(org)
    assert run_import(client, org.id, hr.headers, csv_bytes(LINES))["counts"]["created"] == 7
    for round_ in (1, 2):
        changed = [LINES[0]] + [line.replace("|Afd", f"|Afd{round_}") for line in LINES[1:]]
        job = run_import(client, org.id, hr.headers, csv_bytes(changed))
        assert job["counts"] == {"rows": 7, "created": 0, "updated": 7, "unchanged": 0, "failed": 0}, job
    people = employees(client, org.id, hr.headers)
    assert {p["department"] for p in people.values()} == {"Afd2"}
    assert {p["version"] for p in people.values()} == {3}


def test_concurrent_insert_of_the_same_number_fails_cleanly(client, f, engine, monkeypatch):
    from koers.imports import writing

    org, hr, job_id = _queued(client, f)
    real_insert = writing.EmployeeWriter.insert

    def someone_was_faster(self, rows):
        if rows:
            f.employee(org, employee_number=LINES[1].split("|")[0])  # committed by another connection
        return real_insert(self, rows)

    monkeypatch.setattr(writing.EmployeeWriter, "insert", someone_was_faster)
    run_job(engine, claim(engine, "w"), "w")
    job = _job(client, hr, job_id)
    assert job["state"] == "failed" and "same employee numbers" in job["failure_reason"]
    assert _employee_count(engine) == 1  # only the other writer's employee


def test_app_lifespan_starts_and_stops_the_worker(engine, f, monkeypatch):
    from fastapi.testclient import TestClient

    from koers.core.config import get_settings
    from koers.main import app

    monkeypatch.setattr(get_settings(), "import_worker", True)
    monkeypatch.setattr("koers.imports.worker.POLL_SECONDS", 0.05)
    with TestClient(app) as c:
        assert any(t.name == "koers-import-worker" for t in threading.enumerate())
        _, hr, job_id = _queued(c, f)
        deadline = time.monotonic() + 20
        while _job(c, hr, job_id)["state"] != "succeeded" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _job(c, hr, job_id)["state"] == "succeeded"
    time.sleep(0.2)
    assert not any(t.name == "koers-import-worker" for t in threading.enumerate())
