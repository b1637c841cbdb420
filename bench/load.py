"""Servers under test and the load generator: uvicorn processes (Koers and the baseline, 2 workers each,
127.0.0.1 only) driven by ``wrk`` (Debian's package, installed on demand) for a bounded time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LUA = HERE / "report.lua"


def ensure_wrk() -> str:
    """The path of ``wrk``; installs Debian's ``wrk`` package with apt-get when it is missing.

    Raises ``RuntimeError`` when it cannot be installed (not root, no apt)."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        raise RuntimeError("wrk is not installed; install it with: sudo apt-get install -y wrk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run([apt, "install", "-y", "wrk"], env=env, capture_output=True).returncode != 0:
        subprocess.run([apt, "update"], env=env, capture_output=True, check=False)
        subprocess.run([apt, "install", "-y", "wrk"], env=env, capture_output=True, check=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("apt-get install wrk did not provide a wrk binary")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A uvicorn server process group on 127.0.0.1 (started with :meth:`start`, ended with :meth:`stop`)."""

    name: str
    app: str
    env: dict[str, str]
    log: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, health: str = "/api/v1/health", timeout: float = 60) -> None:
        cmd = [
            sys.executable, "-m", "uvicorn", self.app, "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        out = self.log.open("ab")
        self.proc = subprocess.Popen(
            cmd, env={**os.environ, **self.env}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start-up; see {self.log}")
            try:
                with urllib.request.urlopen(self.base + health, timeout=2) as resp:  # noqa: S310 - loopback
                    if resp.status == 200:
                        # Give every worker the chance to finish its start-up before we measure.
                        time.sleep(1.0)
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {health} within {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def pids(self) -> list[int]:
        """The master and worker process ids (for a profiler)."""
        if self.proc is None:
            return []
        out = subprocess.run(["pgrep", "-g", str(self.proc.pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]


def get_json(url: str, headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, Any]:
    """One GET on loopback; returns ``(status, parsed JSON or None)``."""
    req = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback URLs only
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as exc:
        body = exc.read()
        try:
            return exc.code, json.loads(body or b"null")
        except ValueError:
            return exc.code, None


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds used so far by each live process in ``pids`` (from ``/proc``)."""
    out: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime (fields 14 and 15)
    return out


class CpuMeter:
    """CPU seconds spent by a server's processes and by the PostgreSQL backends serving the benchmark
    database while a load runs: CPU per request is far less sensitive to other jobs on the machine than
    latency, so it shows where each request's cost goes (app vs database)."""

    def __init__(self, server: Server, libpq_url: str | None, database: str | None) -> None:
        self.server, self.libpq_url, self.database = server, libpq_url, database

    def _db_pids(self) -> list[int]:
        if not self.libpq_url:
            return []
        import psycopg

        with psycopg.connect(self.libpq_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
            ).fetchall()
        return [r[0] for r in rows]

    def snapshot(self) -> tuple[dict[int, float], dict[int, float]]:
        return cpu_seconds(self.server.pids()), cpu_seconds(self._db_pids())

    @staticmethod
    def spent(before: dict[int, float], after: dict[int, float]) -> float:
        return sum(v - before.get(pid, 0.0) for pid, v in after.items())


def wrk(
    url: str,
    connections: int,
    duration: int,
    headers: dict[str, str] | None = None,
    meter: CpuMeter | None = None,
) -> dict[str, Any]:
    """Load ``url`` with ``connections`` open connections for ``duration`` seconds; returns requests/s,
    p50/p95/p99/max latency in milliseconds, error counts (non-2xx included) and, with a ``meter``, the
    app's and the database's CPU milliseconds per request."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the load generator only targets 127.0.0.1")
    threads = max(1, min(connections, 2))
    cmd = [
        ensure_wrk(), "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
        "-s", str(LUA),
    ]  # fmt: skip
    for key, value in (headers or {}).items():
        cmd += ["-H", f"{key}: {value}"]
    before = meter.snapshot() if meter else None
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=duration + 60)
    after = meter.snapshot() if meter else None
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no report: {out.stdout[-500:]} {out.stderr[-500:]}")
    raw = json.loads(line[len("BENCH_JSON ") :])
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw["errors"].values())
    cpu: dict[str, float] = {}
    if before and after and raw["requests"]:
        cpu["app_cpu_ms"] = round(CpuMeter.spent(before[0], after[0]) * 1000 / raw["requests"], 3)
        cpu["db_cpu_ms"] = round(CpuMeter.spent(before[1], after[1]) * 1000 / raw["requests"], 3)
    return {
        **cpu,
        "connections": connections,
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": raw["p50"] / 1000,
        "p95_ms": raw["p95"] / 1000,
        "p99_ms": raw["p99"] / 1000,
        "max_ms": raw["max"] / 1000,
        "errors": errors,
        "error_detail": raw["errors"],
    }
