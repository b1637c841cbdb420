"""The employee-import benchmark: HRIS-like CSV files (semicolon separated, Dutch headers, day-first dates,
decimal commas) imported with Koers's own CLI (``koers import-employees``) in a child process, timed, with
the child's peak resident memory taken from ``wait4`` (``ru_maxrss``)."""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench import names as words

HEADERS = [
    "Personeelsnummer", "Voornaam", "Tussenvoegsel", "Achternaam", "E-mailadres", "Geboortedatum", "Functie",
    "Afdeling", "Datum in dienst", "FTE", "Mobiliteitsbereidheid", "Mobiliteitsvermogen",
]  # fmt: skip


def write_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """Write an HRIS-like export of ``rows`` employees to ``path`` (UTF-8, ``;``, CRLF)."""
    rng = random.Random(seed)
    particles = [p for p, w in words.PARTICLES for _ in range(w)]
    base = date(1960, 1, 1).toordinal()
    ftes = ("1,0", "0,8", "0,9", "0,6", "0,5", "0,89", "1")
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        out.writerow(HEADERS)
        for i in range(1, rows + 1):
            dob = date.fromordinal(base + rng.randrange(16_000))
            hired = date.fromordinal(dob.toordinal() + 6_600 + rng.randrange(5_000))
            given = rng.choice(words.GIVEN_NAMES)
            family = rng.choice(words.FAMILY_NAMES)
            score = rng.random()
            out.writerow(
                [
                    f"{i:07d}", given, rng.choice(particles) or "", family, f"m{i}@import.bench.koers.example",
                    dob.strftime("%d-%m-%Y"), rng.choice(words.JOB_TITLES), rng.choice(words.DEPARTMENTS),
                    hired.strftime("%d-%m-%Y"), rng.choice(ftes),
                    "" if score < 0.15 else rng.randint(1, 5), "" if score > 0.85 else rng.randint(1, 5),
                ]
            )  # fmt: skip
    return path


def cli_startup() -> float | None:
    """Seconds ``python -m koers.cli --help`` takes (the import's fixed start-up cost), or ``None`` when
    this checkout's CLI has no ``import-employees`` command (built by the imports issue)."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "koers.cli", "--help"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return round(seconds, 2) if "import-employees" in out.stdout else None


def run_import(csv_path: Path, organisation_id: str, env: dict[str, str], log: Path) -> dict[str, Any]:
    """Import ``csv_path`` into the organisation with the CLI; returns seconds, rows/s, peak RSS (MB) and
    the exit status. The child's stdout/stderr go to ``log``.

    Peak RSS comes from GNU ``/usr/bin/time`` (``%M``): Linux carries a process's high-water RSS across
    ``exec``, so ``wait4`` on a child forked from this (large) process would report at least our own RSS."""
    rows = sum(1 for _ in csv_path.open("rb")) - 1
    cmd = [sys.executable, "-m", "koers.cli", "import-employees", "--organisation", organisation_id, str(csv_path)]
    rss_file = log.with_name(f"rss-{csv_path.stem}.txt")
    timer = Path("/usr/bin/time").exists()
    if timer:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *cmd]
    with log.open("ab") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = usage.ru_maxrss  # Linux reports kilobytes
    if timer and rss_file.exists():
        last = rss_file.read_text().strip().splitlines()[-1:]
        if last and last[0].isdigit():
            peak_kb = int(last[0])
    return {
        "rows": rows,
        "file_mb": round(csv_path.stat().st_size / 1e6, 1),
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds, 0) if seconds else None,
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "rss_source": "/usr/bin/time" if timer else "wait4 (upper bound)",
        "exit_code": proc.returncode,
    }


def count_employees(db_url: str, organisation_id: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    org = organisation_id.replace("-", "") if engine.dialect.name == "sqlite" else organisation_id
    with engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM employees WHERE organisation_id = :o"), {"o": org}).scalar_one()
    engine.dispose()
    return int(n)
